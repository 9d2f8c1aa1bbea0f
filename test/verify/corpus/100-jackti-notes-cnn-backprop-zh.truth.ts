/**
 * 龚题 (GitHub: jackti), 「CNN卷积神经网络」: a Chinese chapter of the MkDocs-material notes 「我的知识笔记」, the file
 * docs/深度学习/02_CNN卷积神经网络.md of the repository jackti/Notes, read at commit ec1d4859 (13 April 2022). The
 * chapter recalls the fully connected network's BP-1 … BP-4, then derives the convolution layer's back-propagation
 * twice: once on a worked example (a 3×3 input a^{l−1}, a 2×2 kernel W^l, a 2×2 output z^l: the nine δ^{l−1}_{ij}
 * written out, their matrix form, CNN-2 δ^{l−1} = δ^l ∗ rot180(W^l) ⊙ σ′(z^{l−1})), once "strictly" with index sums —
 * the true convolution Σ_m Σ_n δ^l_{m,n} W^l_{i−m,j−n} σ′(z^{l−1}_{i,j}) for the input error, Σ_m Σ_n δ^l_{m,n}
 * a^{l−1}_{m+i,n+j} for the kernel — and ends with a table of CNN-1 … CNN-4 in element and matrix form.
 * Layer: the worked example, 0-based (δ^{l−1}_{00} … δ^{l−1}_{22}, W^l_{00} … W^l_{11}): a^{l−1} 3×3, W^l 2×2, stride 1,
 * no padding, z^l 2×2; the chapter's ∗ is its forward formula z^l_{ij} = Σ_a Σ_b W^l_{a,b} a^{l−1}_{i+a,j+b} + b^l (lines
 * 24–26, 32–33: "后面涉及到的卷积都是按照以上公式定义的"), a cross-correlation, with one bias b^l ∈ ℝ (line 371).
 * a^{l−1} = σ(z^{l−1}) is the input (v.x); δ^l = ∂C/∂z^l is v.dy; δ^{l−1} = ∂C/∂z^{l−1} = (∂C/∂a^{l−1}) ⊙ σ′(z^{l−1}),
 * so formulas for δ^{l−1} carry `scale` σ′(z^{l−1}_{ij}) (v.fprime("z", i, j)). The sums Σ_m Σ_n run over the output,
 * Σ_a Σ_b over the kernel (W read 0 off it). The bias b^l and the kernel's column index b share a letter (Σ_b …
 * + b^l): the bias stands outside the sums, as the chapter's b^l ∈ ℝ says.
 * Readings: in the matrix forms the smaller array slides over the larger one, as the worked example shows (the 2×2
 * W over the padded 4×4 δ, line 290; δ^l over a^{l−1}, lines 357 and 384); CNN-2's δ^l ∗ rot180(W^l) (line 325) is
 * read with the padding the sentence above it prescribes ("先在误差矩阵δ^l周围填上一圈0"). The derivations' last
 * links are written with an arrow, \xrightarrow[m+a=i]{n+b=j} (lines 337, 349): the substitution it names, then the
 * equality — read as the chain's "=".
 * The mistakes: the matrix form of the nine entries (lines 290–319) slides W^l over the padded δ^l unrotated, though
 * the next sentence says to rotate it by 180° (its σ′(z^l_{ij}) are σ′(z^{l−1}_{ij}) — z^l has no entry 02 — and its
 * right side σ^{l−1}_{ij} names δ^{l−1}_{ij}); the kernel gradient's element form in the table (line 384) is written
 * for W^l_{jk} with a right side in i and j, i bound nowhere (witness i = 0, as corpus 02's unbound index); and the
 * bias gradient's "matrix form" ∂C/∂b^l = δ^l (lines 374, 385) equates the one number Σ_m Σ_n δ^l_{m,n} the chapter
 * has just derived with the 2×2 matrix δ^l (as corpus 87's (6)). Harmless slips: line 336's b^{l+1} (the layer's bias
 * is b^l; a constant either way), line 322's δ′(z^{l−1}) for σ′ (prose).
 * Other: the fully connected recap (BP-1 … BP-4, lines 80–123, and its restatement for the convolution layer with node
 * indices, line 258), the pooling layer (lines 58–252: forward passes, its upsampling example with numbers, CNN-1,
 * and CNN-1's row of the table).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 3, // a^{l−1} is N × N
  K = 2, // W^l is K × K
  O = N - K + 1; // z^l is O × O (0-based throughout)

const kd = (c: boolean): Q => (c ? { n: 1n, d: 1n } : Q0);
/** z^l_{ij} = Σ_{a,b} W_{a,b} a^{l−1}_{i+a,j+b} + b^l. */
const fwd = (v: Access, [i, j]: number[]): Q =>
  qadd(
    sum(0, K - 1, (a) => sum(0, K - 1, (b) => qmul(v.w(a, b), v.x(i! + a, j! + b)))),
    v.b(),
  );
/** Σ_{m,n} δ^l_{m,n} W_{i−m,j−n} (W 0 off the kernel): ∂C/∂a^{l−1}_{ij}. */
const dA = (v: Access, i: number, j: number): Q =>
  sum(0, O - 1, (m) => sum(0, O - 1, (n) => qmul(v.dy(m, n), v.w(i - m, j - n))));
/** σ′(z^{l−1}_{ij}). */
const sp = (v: Access, i: number, j: number): Q => v.fprime("z", i, j);
const scale = (v: Access, [i, j]: number[]): Q => sp(v, i!, j!);
/** δ^{l−1}_{ij}, the true value. */
const dZ = (v: Access, [i, j]: number[]): Q => qmul(dA(v, i!, j!), sp(v, i!, j!));
/** ∂C/∂W_{ij} = Σ_{m,n} δ^l_{m,n} a^{l−1}_{m+i,n+j}. */
const dW = (v: Access, [i, j]: number[]): Q =>
  sum(0, O - 1, (m) => sum(0, O - 1, (n) => qmul(v.dy(m, n), v.x(m + i!, n + j!))));
const db = (v: Access): Q => sum(0, O - 1, (m) => sum(0, O - 1, (n) => v.dy(m, n)));
/** δ^l padded with one ring of zeros (4×4): its entry (r, c) is δ^l_{r−1,c−1}. */
const P = (v: Access, r: number, c: number): Q => v.dy(r - 1, c - 1);

type P2 = [number, number];
/** Entry (r, c) of δ^{l−1} as written: (Σ δ^l_{..} W^l_{..}) σ′(z^{l−1}_{rc}); the true δ^{l−1} elsewhere. */
const entry =
  (r: number, c: number, terms: [P2, P2][]) =>
  (v: Access, [i, j]: number[]): Q =>
    i === r && j === c
      ? qmul(
          terms.reduce((s, [d, w]) => qadd(s, qmul(v.dy(...d), v.w(...w))), Q0),
          sp(v, r, c),
        )
      : dZ(v, [i!, j!]);

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});
const holdsDZ = (line: number, snippet: string, why: string, claimed: TruthEquation["claimed"]): TruthEquation => ({
  line,
  snippet,
  truth: "holds",
  why,
  target: "dX",
  claimed,
  scale,
});

/** The nine entries of lines 275–283: (δ index, W index) pairs as written. */
const nine: [number, number, [P2, P2][]][] = [
  [
    0,
    0,
    [
      [
        [0, 0],
        [0, 0],
      ],
    ],
  ],
  [
    0,
    1,
    [
      [
        [0, 0],
        [0, 1],
      ],
      [
        [0, 1],
        [0, 0],
      ],
    ],
  ],
  [
    0,
    2,
    [
      [
        [0, 1],
        [0, 1],
      ],
    ],
  ],
  [
    1,
    0,
    [
      [
        [0, 0],
        [1, 0],
      ],
      [
        [1, 0],
        [0, 0],
      ],
    ],
  ],
  [
    1,
    1,
    [
      [
        [0, 0],
        [1, 1],
      ],
      [
        [0, 1],
        [1, 0],
      ],
      [
        [1, 0],
        [0, 1],
      ],
      [
        [1, 1],
        [0, 0],
      ],
    ],
  ],
  [
    1,
    2,
    [
      [
        [0, 1],
        [1, 1],
      ],
      [
        [1, 1],
        [0, 1],
      ],
    ],
  ],
  [
    2,
    0,
    [
      [
        [1, 0],
        [1, 0],
      ],
    ],
  ],
  [
    2,
    1,
    [
      [
        [1, 0],
        [1, 1],
      ],
      [
        [1, 1],
        [1, 0],
      ],
    ],
  ],
  [
    2,
    2,
    [
      [
        [1, 1],
        [1, 1],
      ],
    ],
  ],
];
const nineRows: TruthEquation[] = nine.map(([r, c, terms], k) => ({
  line: 275 + k,
  snippet: `\\delta^{l-1}_{${r}${c}}&=(`,
  truth: "holds",
  target: "dX",
  why: `a^{l−1}_{${r}${c}} feeds the outputs ${terms.map(([d, w]) => `z_{${d.join("")}} (under W_{${w.join("")}})`).join(", ")} and no other: ∂C/∂a^{l−1}_{${r}${c}} is their sum, times σ′(z^{l−1}_{${r}${c}}) through the activation`,
  claimed: entry(r, c, terms),
  scale,
}));

const src: CorpusSource = {
  file: "100-jackti-notes-cnn-backprop-zh.md",
  citation:
    "龚题 (GitHub: jackti), 「CNN卷积神经网络」 (in Chinese), a chapter of the MkDocs-material notes 「我的知识笔记」, section 深度学习, repository jackti/Notes, file docs/深度学习/02_CNN卷积神经网络.md (added 12 April 2022, commit 4cc9e1a; last changed the same day, commit d72a8ea), read at commit ec1d485963242f93ce0fb31789f879d938b0e302: the whole chapter (forward pass, the fully connected recap, pooling, the convolution layer's input error on a 3×3 / 2×2 example and by index sums, its kernel and bias gradients, the summary table)",
  url: "https://github.com/jackti/Notes/blob/ec1d485963242f93ce0fb31789f879d938b0e302/docs/%E6%B7%B1%E5%BA%A6%E5%AD%A6%E4%B9%A0/02_CNN%E5%8D%B7%E7%A7%AF%E7%A5%9E%E7%BB%8F%E7%BD%91%E7%BB%9C.md",
  flags: ["--input", "3x3", "--kernel", "2x2", "--op", "xcorr", "--index-base", "0", "--bias"],
  layer: {
    op: "xcorr",
    input: [N, N],
    kernel: [K, K],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "valid",
    inChannels: null,
    outChannels: null,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    def(
      24,
      "\\boldsymbol{a}_{ij}^l",
      "a^l_{ij} = σ(z^l_{ij}): names the layer's activation (the display's first link)",
    ),
    {
      line: 26,
      snippet: "=\\sigma(\\sum_{a}\\sum_{b} \\boldsymbol{W}_{a,b}^l \\boldsymbol{a}_{i+a,j+b}^{l-1}+\\boldsymbol{b}^l)",
      truth: "holds",
      target: "Y",
      why: "σ(z^l_{ij}) = σ(Σ_a Σ_b W_{a,b} a^{l−1}_{i+a,j+b} + b^l): the forward pass, a 0-based cross-correlation plus the bias",
      claimed: fwd,
    },
    def(32, "\\boldsymbol{a}^l = \\sigma(\\boldsymbol{z}^l)", "the activation in matrix form"),
    {
      line: 33,
      snippet: "=\\sigma(\\boldsymbol{W}^l \\ast \\boldsymbol{a}^{l-1}+\\boldsymbol{b}^l)",
      truth: "holds",
      target: "Y",
      why: "W^l ∗ a^{l−1} is the entry formula above (the chapter defines its ∗ by it): z^l = W^l ∗ a^{l−1} + b^l",
      claimed: fwd,
    },
    other(58, "\\boldsymbol{a}_{ij}^l", "max pooling's forward pass, another layer"),
    other(66, "\\boldsymbol{a}_{ij}^l", "average pooling's forward pass, another layer"),
    def(80, "\\delta_j^l =\\frac{\\partial C}{\\partial \\boldsymbol{z}^l_j}", "the error term δ := ∂C/∂z (the recap)"),
    other(87, "\\delta^L_j", "BP-1: the output layer's error, not this convolution"),
    other(99, "\\delta^l_j", "BP-2: the fully connected layer's error recursion"),
    other(
      110,
      "\\frac{\\partial C}{\\partial \\boldsymbol{W}_{jk}^{l}}",
      "BP-3: the fully connected layer's weight gradient",
    ),
    other(
      120,
      "\\frac{\\partial C}{\\partial \\boldsymbol{b}_{j}^{l}}",
      "BP-4: the fully connected layer's bias gradient",
    ),
    other(134, "\\delta^{l-1}_{ij}", "the error through a pooling layer, another layer"),
    def(
      143,
      "\\frac{\\partial C}{\\partial \\boldsymbol{z}_{mn}^{l}}=\\delta_{mn}^l",
      "restates δ^l_{mn} := ∂C/∂z^l_{mn}",
    ),
    def(
      143,
      "\\frac{\\partial \\boldsymbol{a}_{ij}^{l-1}}{\\partial \\boldsymbol{z}_{ij}^{l-1}}=\\sigma^\\prime(\\boldsymbol{z}_{ij}^{l-1})",
      "the activation's derivative, a^{l−1} = σ(z^{l−1})",
    ),
    other(149, "\\boldsymbol{z}_{mn}^l=\\frac{1}{4}", "2×2 average pooling, another layer"),
    other(155, "\\boldsymbol{z}_{mn}^l=\\operatorname{max}", "2×2 max pooling, another layer"),
    other(
      161,
      "\\frac{\\partial \\boldsymbol{z}^l_{mn}}{\\partial\\boldsymbol{a}_{ij}^{l-1}}=\\frac{1}{k \\times k}",
      "average pooling's local derivative",
    ),
    other(
      167,
      "\\frac{\\partial \\boldsymbol{z}^l_{mn}}{\\partial\\boldsymbol{a}_{ij}^{l-1}}=",
      "max pooling's local derivative",
    ),
    other(179, "\\delta^l =", "the pooling example's error matrix, numbers"),
    other(191, "\\operatorname{upsample}(\\delta^l) =", "the upsampled example, numbers"),
    other(
      205,
      "\\operatorname{upsample}(\\delta^l) = \\delta^l \\otimes 1_{k \\times k}",
      "average pooling's upsampling as a Kronecker product",
    ),
    other(214, "\\delta^l =", "the max-pooling upsampling example, numbers"),
    other(246, "\\delta^{l-1}", "CNN-1: the error through a pooling layer"),
    other(
      258,
      "\\delta^{l-1}_j",
      "BP-2 restated for the convolution layer with node indices (k over z^l, j over a^{l−1}, W_{kj} the connection weight of the unrolled layer): the fully connected form, not an entry formula in the kernel's W^l_{a,b}",
    ),
    ...nineRows,
    {
      line: 290,
      snippet: "\\left[",
      truth: "fails",
      target: "dX",
      why: "the nine entries in matrix form slide W^l over the padded δ^l unrotated: entry 00 is δ^l_{00} W_{11}, where line 275 (and the true δ^{l−1}_{00}) has δ^l_{00} W_{00} — the sentence after it says to rotate W^l by 180°, the matrix does not (its σ′(z^l_{ij}) read as σ′(z^{l−1}_{ij}), its σ^{l−1}_{ij} as δ^{l−1}_{ij})",
      claimed: (v, [i, j]) =>
        qmul(
          sum(0, K - 1, (a) => sum(0, K - 1, (b) => qmul(P(v, i! + a, j! + b), v.w(a, b)))),
          sp(v, i!, j!),
        ),
      scale,
    },
    holdsDZ(
      325,
      "\\delta^{l-1}=\\delta^l \\ast \\operatorname{rot180}(\\boldsymbol{W}^l)\\odot\\sigma^{\\prime}(\\boldsymbol{z}^{l-1})",
      "CNN-2: δ^l padded with a ring of zeros (the sentence above), rot180(W^l) slid over it: Σ_{a,b} δ^l_{i+a−1,j+b−1} W_{1−a,1−b} = Σ_{m,n} δ^l_{m,n} W_{i−m,j−n}, times σ′(z^{l−1})",
      (v, [i, j]) =>
        qmul(
          sum(0, K - 1, (a) => sum(0, K - 1, (b) => qmul(P(v, i! + a, j! + b), v.w(K - 1 - a, K - 1 - b)))),
          sp(v, i!, j!),
        ),
    ),
    def(
      333,
      "\\delta_{i, j}^{l-1} &=\\frac{\\partial C}{\\partial \\boldsymbol{z}_{i, j}^{l-1}}",
      "δ^{l−1}_{i,j} := ∂C/∂z^{l−1}_{i,j}",
    ),
    holdsDZ(
      334,
      "&=\\sum_{m} \\sum_{n} \\frac{\\partial C}{\\partial \\boldsymbol{z}_{m, n}^{l}} \\frac{\\partial \\boldsymbol{z}_{m, n}^{l}}{\\partial \\boldsymbol{z}_{i, j}^{l-1}}",
      "the chain rule over the outputs z^l_{m,n}; ∂z^l_{m,n}/∂z^{l−1}_{i,j} = W_{i−m,j−n} σ′(z^{l−1}_{i,j})",
      (v, [i, j]) =>
        sum(0, O - 1, (m) => sum(0, O - 1, (n) => qmul(v.dy(m, n), qmul(v.w(i! - m, j! - n), sp(v, i!, j!))))),
    ),
    holdsDZ(
      335,
      "&=\\sum_{m} \\sum_{n} \\delta_{m, n}^{l} \\frac{\\partial \\boldsymbol{z}_{m, n}^{l}}{\\partial \\boldsymbol{a}_{i, j}^{l-1}}",
      "the same through a^{l−1}_{i,j} = σ(z^{l−1}_{i,j}): ∂z^l_{m,n}/∂a^{l−1}_{i,j} = W_{i−m,j−n}, ∂a/∂z = σ′",
      (v, [i, j]) =>
        qmul(
          sum(0, O - 1, (m) => sum(0, O - 1, (n) => qmul(v.dy(m, n), v.w(i! - m, j! - n)))),
          sp(v, i!, j!),
        ),
    ),
    holdsDZ(
      336,
      "&=\\sum_{m} \\sum_{n} \\delta_{m, n}^{l} \\frac{\\partial\\left(\\sum_{a} \\sum_{b} \\boldsymbol{W}_{a, b}^{l} \\boldsymbol{a}_{m+a, n+b}^{l-1}+b^{l+1}\\right)}",
      "z^l_{m,n} substituted (its bias written b^{l+1}, a constant either way): the derivative keeps the term with m + a = i, n + b = j",
      (v, [i, j]) =>
        qmul(
          sum(0, O - 1, (m) =>
            sum(0, O - 1, (n) =>
              qmul(
                v.dy(m, n),
                sum(0, K - 1, (a) => sum(0, K - 1, (b) => qmul(v.w(a, b), qmul(kd(m + a === i), kd(n + b === j))))),
              ),
            ),
          ),
          sp(v, i!, j!),
        ),
    ),
    holdsDZ(
      337,
      "& \\xrightarrow[m+a=i]{n+b=j} \\sum_{m} \\sum_{n} \\delta_{m, n}^{l} \\boldsymbol{W}_{i-m, j-n}^{l}",
      "with a = i − m, b = j − n: Σ_m Σ_n δ^l_{m,n} W_{i−m,j−n} σ′(z^{l−1}_{i,j}), the true convolution of δ^l with W (W 0 off the kernel)",
      (v, [i, j]) =>
        qmul(
          sum(0, O - 1, (m) => sum(0, O - 1, (n) => qmul(v.dy(m, n), v.w(i! - m, j! - n)))),
          sp(v, i!, j!),
        ),
    ),
    {
      line: 347,
      snippet:
        "\\frac{\\partial C}{\\partial \\boldsymbol{W}_{i, j}^{l}} &=\\sum_{m} \\sum_{n} \\frac{\\partial C}{\\partial \\boldsymbol{z}_{m, n}^{l}}",
      truth: "holds",
      target: "dW",
      why: "the chain rule over the outputs: ∂z^l_{m,n}/∂W_{i,j} = a^{l−1}_{m+i,n+j}",
      claimed: (v, [i, j]) => sum(0, O - 1, (m) => sum(0, O - 1, (n) => qmul(v.dy(m, n), v.x(m + i!, n + j!)))),
    },
    {
      line: 348,
      snippet:
        "&=\\sum_{m} \\sum_{n} \\delta_{m, n}^{l} \\frac{\\partial\\left(\\sum_{a} \\sum_{b} \\boldsymbol{W}_{a, b}^{l} \\boldsymbol{a}_{m+a, n+b}^{l-1}+\\boldsymbol{b}^{l}\\right)}",
      truth: "holds",
      target: "dW",
      why: "z^l_{m,n} substituted: the derivative keeps the term a = i, b = j",
      claimed: (v, [i, j]) =>
        sum(0, O - 1, (m) =>
          sum(0, O - 1, (n) =>
            qmul(
              v.dy(m, n),
              sum(0, K - 1, (a) => sum(0, K - 1, (b) => qmul(v.x(m + a, n + b), qmul(kd(a === i), kd(b === j))))),
            ),
          ),
        ),
    },
    {
      line: 349,
      snippet: "& \\xrightarrow[a=i]{b=j} \\sum_{m} \\sum_{n} \\delta_{m, n}^{l} \\boldsymbol{a}_{m+i, n+j}^{l-1}",
      truth: "holds",
      target: "dW",
      why: "CNN-3: Σ_m Σ_n δ^l_{m,n} a^{l−1}_{m+i,n+j}, the cross-correlation of a^{l−1} with δ^l",
      claimed: dW,
    },
    {
      line: 357,
      snippet: "\\frac{\\partial C}{\\partial \\boldsymbol{W}^{l}} =",
      truth: "holds",
      target: "dW",
      why: "δ^l ∗ a^{l−1} with the chapter's ∗ (the first operand slid over the second): Σ_{m,n} δ^l_{m,n} a^{l−1}_{i+m,j+n}",
      claimed: (v, [i, j]) => sum(0, O - 1, (m) => sum(0, O - 1, (n) => qmul(v.dy(m, n), v.x(i! + m, j! + n)))),
    },
    {
      line: 366,
      snippet:
        "\\frac{\\partial C}{\\partial \\boldsymbol{b}^{l}} &=\\sum_{m} \\sum_{n} \\frac{\\partial C}{\\partial \\boldsymbol{z}_{m, n}^{l}}",
      truth: "holds",
      target: "db",
      why: "the chain rule: b^l is added to every z^l_{m,n}, ∂z^l_{m,n}/∂b^l = 1",
      claimed: db,
    },
    {
      line: 367,
      snippet: "&=\\sum_{m} \\sum_{n} \\delta_{m, n}^{l}",
      truth: "holds",
      target: "db",
      why: "Σ_m Σ_n δ^l_{m,n}",
      claimed: db,
    },
    {
      line: 374,
      snippet: "\\frac{\\partial C}{\\partial \\boldsymbol{b}^{l}} = \\delta^l",
      truth: "fails",
      target: "db",
      why: 'CNN-4\'s "matrix form" equates the bias gradient, the one number Σ_m Σ_n δ^l_{m,n} (b^l ∈ ℝ, the line above), with the 2×2 matrix δ^l — its entries would all have to equal the sum',
      claimed: (v) => chain(v.dy(0, 0), v.dy(0, 1), v.dy(1, 0), v.dy(1, 1)),
    },
    other(
      382,
      "\\delta^{l-1}_{ij}=\\sum_{m}\\sum_{n} \\delta_{mn}^l \\frac{\\partial \\boldsymbol{z}_{mm}^{l}}",
      "the table's CNN-1, element form: the pooling layer",
    ),
    other(
      382,
      "\\delta^{l-1}=\\operatorname{upsample}(\\delta^l)",
      "the table's CNN-1, matrix form: the pooling layer",
    ),
    holdsDZ(
      383,
      "\\delta_{i, j}^{l-1}= \\sum_{m} \\sum_{n} \\delta_{m, n}^{l} \\boldsymbol{W}_{i-m, j-n}^{l}",
      "the table's CNN-2, element form: line 337's result",
      (v, [i, j]) =>
        qmul(
          sum(0, O - 1, (m) => sum(0, O - 1, (n) => qmul(v.dy(m, n), v.w(i! - m, j! - n)))),
          sp(v, i!, j!),
        ),
    ),
    holdsDZ(
      383,
      "\\delta^{l-1}=\\delta^l \\ast \\operatorname{rot180}(\\boldsymbol{W}^l)\\odot",
      "the table's CNN-2, matrix form: line 325",
      (v, [i, j]) =>
        qmul(
          sum(0, K - 1, (a) => sum(0, K - 1, (b) => qmul(P(v, i! + a, j! + b), v.w(K - 1 - a, K - 1 - b)))),
          sp(v, i!, j!),
        ),
    ),
    {
      line: 384,
      snippet: "\\frac{\\partial C}{\\partial \\boldsymbol{W}^l_{jk}}=\\sum_{m} \\sum_{n}",
      truth: "fails",
      target: "dW",
      why: "the table's CNN-3, element form, is written for W^l_{jk} (the fully connected table's indices) with the right side Σ δ^l_{m,n} a^{l−1}_{m+i,n+j} in i and j: read as written i is bound nowhere and j is the left side's row index (witness i = 0: Σ δ^l_{m,n} a^{l−1}_{m,n+j} for W_{jk})",
      claimed: (v, [j, k]) => {
        void k;
        const i = 0;
        return sum(0, O - 1, (m) => sum(0, O - 1, (n) => qmul(v.dy(m, n), v.x(m + i, n + j!))));
      },
    },
    {
      line: 384,
      snippet: "\\frac{\\partial C}{\\partial \\boldsymbol{W}^{l}} =\\delta^{l}\\ast \\boldsymbol{a}^{l-1}",
      truth: "holds",
      target: "dW",
      why: "the table's CNN-3, matrix form: line 357",
      claimed: (v, [i, j]) => sum(0, O - 1, (m) => sum(0, O - 1, (n) => qmul(v.dy(m, n), v.x(i! + m, j! + n)))),
    },
    {
      line: 385,
      snippet: "\\frac{\\partial C}{\\partial \\boldsymbol{b}^l_{j}}=\\sum_{m} \\sum_{n} \\delta_{m, n}^{l}",
      truth: "holds",
      target: "db",
      why: "the table's CNN-4, element form: the bias of the (one) kernel j gets Σ_m Σ_n δ^l_{m,n}",
      claimed: db,
    },
    {
      line: 385,
      snippet: "\\frac{\\partial C}{\\partial \\boldsymbol{b}^l}=\\delta^l",
      truth: "fails",
      target: "db",
      why: "the table's CNN-4, matrix form: line 374, the number Σ δ^l equated with the matrix δ^l",
      claimed: (v) => chain(v.dy(0, 0), v.dy(0, 1), v.dy(1, 0), v.dy(1, 1)),
    },
  ],
};
export default src;
