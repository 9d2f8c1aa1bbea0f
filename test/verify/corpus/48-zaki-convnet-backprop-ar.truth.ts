/**
 * Ahmad Zaki, «؟ConvNetsفي الـ Backpropagationكيف يتم تنفيذ الـ» ("How is backpropagation carried out in
 * ConvNets?"): an Arabic-language (Egyptian) post of 28 February 2022 on his Hugo blog (the Markdown file
 * content/posts/كيف يتم الـBackpropagation في الـCovolutional Neural Networks.md of the repository
 * Ahmad-Zaki/Ahmad-Zaki.github.io, read at its last change, 1 March 2022) — one convolution layer written out
 * entry by entry for a 3×3 input X and a 2×2 filter F: the four outputs O_{11} … O_{22}, the local derivatives
 * ∂O_{kl}/∂F_{ij} and ∂O_{kl}/∂X_{ij} (one by one and as 2×2 matrices), ∂L/∂F and ∂L/∂X by the chain rule (a
 * Frobenius inner product) entry by entry, then as a convolution of X with ∂L/∂O and as the full convolution of the
 * zero-padded ∂L/∂O with the 180°-rotated filter; a section on pooling follows.
 * Layer: the post's own — "Input X_{3×3} and Filter F_{2×2}", "stride=1, padding=0", one channel, no bias, so O is
 * 2×2; 1-based (X_{11} … X_{33}, F_{11} … F_{22}, O_{11} … O_{22}). Its "convolution" ⊗ is a cross-correlation, as
 * its written-out O_{11} … O_{22} show (O_{12} = X_{12}F_{11} + …) and its admonition "Convolution Vs. Cross
 * Correlation" says. X is the input, F the kernel, O the output: ∂L/∂O_{kl} is v.dy(k, l).
 * Every equation about the layer holds. Entry formulas (O_{12} = …, ∂L/∂X_{23} = …) are checked at their entry,
 * every other entry of the target taking its true value. The local derivatives ∂O_{kl}/∂F_{ij} and ∂O_{kl}/∂X_{ij}
 * (lines 127–155 and 278–306) are checked, as corpus 31's, through the post's own chain rule (lines 177, 317):
 * Σ_{kl} ∂L/∂O_{kl} ∂O_{kl}/∂(·), with the written local derivative (a single one, or the written 2×2 matrix) in
 * place of the true one. ∂L/∂F = ∂O/∂F × ∂L/∂O (lines 84, 166) and ∂L/∂X = ∂O/∂X × ∂L/∂O (line 91) are the chain
 * rule in the post's shorthand; it says at once how × is computed ("we compute the loss gradient for each element
 * of F separately by the equation ∂L/∂F_{ij} = ⟨∂L/∂O, ∂O/∂F_{ij}⟩_F", line 177), so they are read so and hold.
 * Line 473, ∂L/∂X = Full Convolution(180° Rotated filter F, Loss gradient ∂L/∂O), names each argument's role: the
 * rotated filter is the filter, slid over the (fully zero-padded) loss gradient, as in the matrix equation of line
 * 371 it sums up — read so it holds. (Read with the first argument as the map slid over, as in
 * Convolution(Input X, …) of line 472, it would give ∂L/∂X turned by 180°.)
 * The post's first version (commit a65363d, the same night) had two typos in the matrix equation of line 371 —
 * ∂L/∂X_{23} in the place of ∂L/∂X_{32} and ∂L/∂O_{21} in the place of ∂L/∂O_{22} in the padded gradient — and
 * ∂L/∂x for ∂L/∂X in line 473; the version read here is the one the author corrected ("fix typo in latest article").
 * Definition: the named entries of X and F (line 27), the Frobenius inner product and its A, B (184–193), ∂L/∂O
 * as the matrix of its partials (200). Other: the update F_{updated} = F − α ∂L/∂F (84) and the pooling section
 * (A, B, pool, ∂L/∂B, ∂L/∂A: lines 403–458), not this layer.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { at, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 3,
  K = 2,
  O = N - K + 1; // 3×3 input, 2×2 filter, 2×2 output

/** O_{kl} = Σ_{ij} X_{k+i−1, l+j−1} F_{ij}: the cross-correlation the written-out O_{11} … O_{22} are. */
const fwd = (v: Access, k: number, l: number): Q =>
  sum(1, K, (i) => sum(1, K, (j) => qmul(v.x(k + i - 1, l + j - 1), v.w(i, j))));
/** ∂O_{kl}/∂F_{ij} = X_{k+i−1, l+j−1}. */
const locW = (v: Access, k: number, l: number, i: number, j: number): Q => v.x(k + i - 1, l + j - 1);
/** ∂O_{kl}/∂X_{rs} = F_{r−k+1, s−l+1} (0 off the filter). */
const locX = (v: Access, k: number, l: number, r: number, s: number): Q => v.w(r - k + 1, s - l + 1);
/** Σ_{kl} ∂L/∂O_{kl} · local(k, l): the post's chain rule (its Frobenius inner product ⟨∂L/∂O, ∂O/∂(·)⟩_F). */
const chain = (v: Access, local: (k: number, l: number) => Q): Q =>
  sum(1, O, (k) => sum(1, O, (l) => qmul(v.dy(k, l), local(k, l))));
const trueDW = (v: Access, i: number, j: number): Q => chain(v, (k, l) => locW(v, k, l, i, j));
const trueDX = (v: Access, r: number, s: number): Q => chain(v, (k, l) => locX(v, k, l, r, s));

type P = [number, number];
/** Σ X_{..} F_{..} as written. */
const xf =
  (terms: [P, P][]) =>
  (v: Access): Q =>
    terms.reduce((s, [a, b]) => qadd(s, qmul(v.x(...a), v.w(...b))), Q0);
/** Σ ∂L/∂O_{..} X_{..} as written. */
const ox =
  (terms: [P, P][]) =>
  (v: Access): Q =>
    terms.reduce((s, [a, b]) => qadd(s, qmul(v.dy(...a), v.x(...b))), Q0);
/** Σ ∂L/∂O_{..} F_{..} as written. */
const of =
  (terms: [P, P][]) =>
  (v: Access): Q =>
    terms.reduce((s, [a, b]) => qadd(s, qmul(v.dy(...a), v.w(...b))), Q0);

/** One written local derivative ∂O_{kl}/∂F_{ij} = value, the other three true, through the chain rule at dW(i, j). */
const oneLocW = (k0: number, l0: number, i: number, j: number, value: (v: Access) => Q) =>
  at(i, j, (v) => chain(v, (k, l) => (k === k0 && l === l0 ? value(v) : locW(v, k, l, i, j))), trueDW);
/** One written local derivative ∂O_{kl}/∂X_{rs} = value, through the chain rule at dX(r, s). */
const oneLocX = (k0: number, l0: number, r: number, s: number, value: (v: Access) => Q) =>
  at(r, s, (v) => chain(v, (k, l) => (k === k0 && l === l0 ? value(v) : locX(v, k, l, r, s))), trueDX);
/** A written 2×2 matrix ∂O/∂(·) (entry (k, l) the derivative of O_{kl}), through the chain rule at that entry. */
type M = (v: Access) => [[Q, Q], [Q, Q]];
const matW = (i: number, j: number, m: M) => at(i, j, (v) => chain(v, (k, l) => m(v)[k - 1]![l - 1]!), trueDW);
const matX = (r: number, s: number, m: M) => at(r, s, (v) => chain(v, (k, l) => m(v)[k - 1]![l - 1]!), trueDX);

/** X ⊗ ∂L/∂O (the post's ⊗, a cross-correlation, ∂L/∂O the kernel): entry (i, j) is Σ_{kl} X_{i+k−1, j+l−1} ∂L/∂O_{kl}. */
const xCorrDO = (v: Access, [i, j]: number[]): Q =>
  sum(1, O, (k) => sum(1, O, (l) => qmul(v.x(i! + k - 1, j! + l - 1), v.dy(k, l))));
/** (∂L/∂O zero-padded to 4×4) ⊗ (F rotated 180°): entry (r, s) is Σ_{ab} P_{r+a−1, s+b−1} F_{3−a, 3−b}, P_{uv} = ∂L/∂O_{u−1, v−1}. */
const fullRot = (v: Access, [r, s]: number[]): Q =>
  sum(1, K, (a) => sum(1, K, (b) => qmul(v.dy(r! + a - 2, s! + b - 2), v.w(K + 1 - a, K + 1 - b))));

const forwardMatrix = (line: number): TruthEquation => ({
  line,
  snippet: "\\underbrace{\\left( \\begin{array}{cc}",
  truth: "holds",
  target: "Y",
  why: "O = X ⊗ F with the post's ⊗ (a cross-correlation, stride 1, no padding): the 2×2 output whose entries lines 124–127 write out",
  claimed: (v, [k, l]) => fwd(v, k!, l!),
});
const O11 = xf([
  [
    [1, 1],
    [1, 1],
  ],
  [
    [1, 2],
    [1, 2],
  ],
  [
    [2, 1],
    [2, 1],
  ],
  [
    [2, 2],
    [2, 2],
  ],
]);
const O12 = xf([
  [
    [1, 2],
    [1, 1],
  ],
  [
    [1, 3],
    [1, 2],
  ],
  [
    [2, 2],
    [2, 1],
  ],
  [
    [2, 3],
    [2, 2],
  ],
]);
const O21 = xf([
  [
    [2, 1],
    [1, 1],
  ],
  [
    [2, 2],
    [1, 2],
  ],
  [
    [3, 1],
    [2, 1],
  ],
  [
    [3, 2],
    [2, 2],
  ],
]);
const O22 = xf([
  [
    [2, 2],
    [1, 1],
  ],
  [
    [2, 3],
    [1, 2],
  ],
  [
    [3, 2],
    [2, 1],
  ],
  [
    [3, 3],
    [2, 2],
  ],
]);
const fwdAt = (v: Access, k: number, l: number) => fwd(v, k, l);
const outputs = (first: number): TruthEquation[] => [
  {
    line: first,
    snippet: "O_{11} = X_{11}F_{11} + X_{12}F_{12} + X_{21}F_{21} + X_{22}F_{22}",
    truth: "holds",
    target: "Y",
    why: "the window of O_{11} is X_{11} … X_{22}, each under the filter entry of the same offset",
    claimed: at(1, 1, O11, fwdAt),
  },
  {
    line: first,
    snippet: "\\rule{0mm}{7mm}",
    truth: "holds",
    target: "Y",
    why: "O_{12} = X_{12}F_{11} + X_{13}F_{12} + X_{22}F_{21} + X_{23}F_{22} (next line): the window one column to the right",
    claimed: at(1, 2, O12, fwdAt),
  },
  {
    line: first + 1,
    snippet: "\\rule{0mm}{7mm}",
    truth: "holds",
    target: "Y",
    why: "O_{21} = X_{21}F_{11} + X_{22}F_{12} + X_{31}F_{21} + X_{32}F_{22} (next line): the window one row down",
    claimed: at(2, 1, O21, fwdAt),
  },
  {
    line: first + 2,
    snippet: "\\rule{0mm}{7mm}",
    truth: "holds",
    target: "Y",
    why: "O_{22} = X_{22}F_{11} + X_{23}F_{12} + X_{32}F_{21} + X_{33}F_{22} (next line): the last window",
    claimed: at(2, 2, O22, fwdAt),
  },
];
const chainWhy =
  "the chain rule in the post's shorthand, × computed entry by entry as ⟨∂L/∂O, ∂O/∂(·)⟩_F (line 177 says so)";
const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});
const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const pooling = "the pooling section (a 2×2 pooling of a 4×4 map A into B), not this convolution layer";

const src: CorpusSource = {
  file: "48-zaki-convnet-backprop-ar.md",
  citation:
    'Ahmad Zaki (GitHub: Ahmad-Zaki), «؟ConvNetsفي الـ Backpropagationكيف يتم تنفيذ الـ» ("How is backpropagation carried out in ConvNets?"), an Arabic-language post dated 28 February 2022 on his Hugo blog Ahmad-Zaki.github.io, repository Ahmad-Zaki/Ahmad-Zaki.github.io, file content/posts/كيف يتم الـBackpropagation في الـCovolutional Neural Networks.md (published 1 March 2022, commit a65363d790ab2e0660e8de1cab625a7e353aeb9b), read at its last change, commit 2a609ab7ec18a41df6d1a5370049c91b80ddaf87 (1 March 2022): the whole post (a 3×3 input and a 2×2 filter: outputs, local derivatives, ∂L/∂F and ∂L/∂X entry by entry, as a convolution and as the full convolution with the 180°-rotated filter; pooling)',
  url: "https://github.com/Ahmad-Zaki/Ahmad-Zaki.github.io/blob/2a609ab7ec18a41df6d1a5370049c91b80ddaf87/content/posts/%D9%83%D9%8A%D9%81%20%D9%8A%D8%AA%D9%85%20%D8%A7%D9%84%D9%80Backpropagation%20%D9%81%D9%8A%20%D8%A7%D9%84%D9%80Covolutional%20Neural%20Networks.md",
  flags: ["--input", "3x3", "--kernel", "2x2", "--op", "xcorr", "--index-base", "1"],
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
    bias: false,
    indexBase: 1,
  },
  indexBase: 1,
  equations: [
    def(27, "X_{3×3} = \\left(", "names the entries of the input X_{3×3} and the filter F_{2×2}"),
    forwardMatrix(40),
    {
      line: 84,
      snippet: "\\frac{\\partial L}{\\partial F} = \\frac{\\partial O}{\\partial F} ×",
      truth: "holds",
      target: "dW",
      why: `∂L/∂F = ∂O/∂F × ∂L/∂O: ${chainWhy}, Σ_{kl} ∂L/∂O_{kl} X_{k+i−1, l+j−1}`,
      claimed: (v, [i, j]) => trueDW(v, i!, j!),
    },
    other(84, "\\rule{0mm}{7mm}", "F_{updated} = F − α ∂L/∂F: the gradient-descent update, not a gradient"),
    {
      line: 91,
      snippet: "\\frac{\\partial L}{\\partial X} = \\frac{\\partial O}{\\partial X} ×",
      truth: "holds",
      target: "dX",
      why: `∂L/∂X = ∂O/∂X × ∂L/∂O: ${chainWhy} (line 317), Σ_{kl} ∂L/∂O_{kl} F_{r−k+1, s−l+1}`,
      claimed: (v, [r, s]) => trueDX(v, r!, s!),
    },
    forwardMatrix(106),
    ...outputs(124),
    {
      line: 127,
      snippet: "\\rule{0mm}{10mm}",
      truth: "holds",
      target: "dW",
      why: "∂O_{11}/∂F_{11} = X_{11} (next line): F_{11} multiplies X_{11} in O_{11}; checked through the chain rule at ∂L/∂F_{11}",
      claimed: oneLocW(1, 1, 1, 1, (v) => v.x(1, 1)),
    },
    {
      line: 128,
      snippet: "\\hspace{5mm}",
      truth: "holds",
      target: "dW",
      why: "∂O_{12}/∂F_{11} = X_{12}: F_{11} multiplies X_{12} in O_{12}",
      claimed: oneLocW(1, 2, 1, 1, (v) => v.x(1, 2)),
    },
    {
      line: 129,
      snippet: "\\hspace{5mm}",
      truth: "holds",
      target: "dW",
      why: "∂O_{21}/∂F_{11} = X_{21}: F_{11} multiplies X_{21} in O_{21}",
      claimed: oneLocW(2, 1, 1, 1, (v) => v.x(2, 1)),
    },
    {
      line: 130,
      snippet: "\\hspace{5mm}",
      truth: "holds",
      target: "dW",
      why: "∂O_{22}/∂F_{11} = X_{22}: F_{11} multiplies X_{22} in O_{22}",
      claimed: oneLocW(2, 2, 1, 1, (v) => v.x(2, 2)),
    },
    {
      line: 132,
      snippet: "\\rule{0mm}{10mm}",
      truth: "holds",
      target: "dW",
      why: "∴ ∂O/∂F_{11} = (∂O_{kl}/∂F_{11}) = (X_{11} X_{12}; X_{21} X_{22}): the four local derivatives above as a matrix; checked through ⟨∂L/∂O, ·⟩_F at ∂L/∂F_{11}",
      claimed: matW(1, 1, (v) => [
        [v.x(1, 1), v.x(1, 2)],
        [v.x(2, 1), v.x(2, 2)],
      ]),
    },
    {
      line: 146,
      snippet: "\\frac{\\partial O}{\\partial F_{12}} =",
      truth: "holds",
      target: "dW",
      why: "∂O/∂F_{12} = (X_{12} X_{13}; X_{22} X_{23}): F_{12} multiplies the entry one column right of each window's corner",
      claimed: matW(1, 2, (v) => [
        [v.x(1, 2), v.x(1, 3)],
        [v.x(2, 2), v.x(2, 3)],
      ]),
    },
    {
      line: 150,
      snippet: "\\hspace{5mm}",
      truth: "holds",
      target: "dW",
      why: "∂O/∂F_{21} = (X_{21} X_{22}; X_{31} X_{32}) (next lines)",
      claimed: matW(2, 1, (v) => [
        [v.x(2, 1), v.x(2, 2)],
        [v.x(3, 1), v.x(3, 2)],
      ]),
    },
    {
      line: 155,
      snippet: "\\hspace{5mm}",
      truth: "holds",
      target: "dW",
      why: "∂O/∂F_{22} = (X_{22} X_{23}; X_{32} X_{33}) (next lines)",
      claimed: matW(2, 2, (v) => [
        [v.x(2, 2), v.x(2, 3)],
        [v.x(3, 2), v.x(3, 3)],
      ]),
    },
    {
      line: 166,
      snippet: "\\frac{\\partial L}{\\partial F} = \\frac{\\partial O}{\\partial F} ×",
      truth: "holds",
      target: "dW",
      why: `line 84 again: ${chainWhy}`,
      claimed: (v, [i, j]) => trueDW(v, i!, j!),
    },
    {
      line: 177,
      snippet: "\\frac{\\partial L}{\\partial F_{ij}} = \\left\\langle",
      truth: "holds",
      target: "dW",
      why: "∂L/∂F_{ij} = ⟨∂L/∂O, ∂O/∂F_{ij}⟩_F = Σ_{kl} ∂L/∂O_{kl} ∂O_{kl}/∂F_{ij}: the chain rule over the four outputs",
      claimed: (v, [i, j]) => trueDW(v, i!, j!),
    },
    def(184, "\\text{Let }", "the matrix A of the Frobenius-product example"),
    def(188, "\\hspace{5mm}", "the matrix B of the Frobenius-product example"),
    def(
      193,
      "\\langle A,B\\rangle_{F} =",
      "the Frobenius inner product ⟨A, B⟩_F = Σ A_{ij}B_{ij}, the operation the chain rule uses",
    ),
    def(200, "\\frac{\\partial L}{\\partial O} = \\left(", "∂L/∂O as the 2×2 matrix of its partials ∂L/∂O_{kl}"),
    {
      line: 209,
      snippet: "\\frac{\\partial L}{\\partial F_{11}} = \\frac{\\partial L}{\\partial O_{11}} \\frac{\\partial O_{11}}",
      truth: "holds",
      target: "dW",
      why: "∂L/∂F_{11} = Σ_{kl} ∂L/∂O_{kl} ∂O_{kl}/∂F_{11}: the chain rule over the four outputs",
      claimed: at(1, 1, (v) => trueDW(v, 1, 1), trueDW),
    },
    {
      line: 210,
      snippet: "\\rule{0mm}{10mm}",
      truth: "holds",
      target: "dW",
      why: "∂L/∂F_{12} = Σ_{kl} ∂L/∂O_{kl} ∂O_{kl}/∂F_{12} (next line)",
      claimed: at(1, 2, (v) => trueDW(v, 1, 2), trueDW),
    },
    {
      line: 212,
      snippet: "\\rule{0mm}{10mm}",
      truth: "holds",
      target: "dW",
      why: "∂L/∂F_{21} = Σ_{kl} ∂L/∂O_{kl} ∂O_{kl}/∂F_{21} (next line)",
      claimed: at(2, 1, (v) => trueDW(v, 2, 1), trueDW),
    },
    {
      line: 214,
      snippet: "\\rule{0mm}{10mm}",
      truth: "holds",
      target: "dW",
      why: "∂L/∂F_{22} = Σ_{kl} ∂L/∂O_{kl} ∂O_{kl}/∂F_{22} (next line)",
      claimed: at(2, 2, (v) => trueDW(v, 2, 2), trueDW),
    },
    {
      line: 222,
      snippet: "\\frac{\\partial L}{\\partial F_{11}} = \\frac{\\partial L}{\\partial O_{11}} X_{11}",
      truth: "holds",
      target: "dW",
      why: "F_{11} meets X_{11}, X_{12}, X_{21}, X_{22} in O_{11}, O_{12}, O_{21}, O_{22}",
      claimed: at(
        1,
        1,
        ox([
          [
            [1, 1],
            [1, 1],
          ],
          [
            [1, 2],
            [1, 2],
          ],
          [
            [2, 1],
            [2, 1],
          ],
          [
            [2, 2],
            [2, 2],
          ],
        ]),
        trueDW,
      ),
    },
    {
      line: 223,
      snippet: "\\rule{0mm}{10mm}",
      truth: "holds",
      target: "dW",
      why: "∂L/∂F_{12} = ∂L/∂O_{11} X_{12} + ∂L/∂O_{12} X_{13} + ∂L/∂O_{21} X_{22} + ∂L/∂O_{22} X_{23} (next line)",
      claimed: at(
        1,
        2,
        ox([
          [
            [1, 1],
            [1, 2],
          ],
          [
            [1, 2],
            [1, 3],
          ],
          [
            [2, 1],
            [2, 2],
          ],
          [
            [2, 2],
            [2, 3],
          ],
        ]),
        trueDW,
      ),
    },
    {
      line: 225,
      snippet: "\\rule{0mm}{10mm}",
      truth: "holds",
      target: "dW",
      why: "∂L/∂F_{21} = ∂L/∂O_{11} X_{21} + ∂L/∂O_{12} X_{22} + ∂L/∂O_{21} X_{31} + ∂L/∂O_{22} X_{32} (next line)",
      claimed: at(
        2,
        1,
        ox([
          [
            [1, 1],
            [2, 1],
          ],
          [
            [1, 2],
            [2, 2],
          ],
          [
            [2, 1],
            [3, 1],
          ],
          [
            [2, 2],
            [3, 2],
          ],
        ]),
        trueDW,
      ),
    },
    {
      line: 227,
      snippet: "\\rule{0mm}{10mm}",
      truth: "holds",
      target: "dW",
      why: "∂L/∂F_{22} = ∂L/∂O_{11} X_{22} + ∂L/∂O_{12} X_{23} + ∂L/∂O_{21} X_{32} + ∂L/∂O_{22} X_{33} (next line)",
      claimed: at(
        2,
        2,
        ox([
          [
            [1, 1],
            [2, 2],
          ],
          [
            [1, 2],
            [2, 3],
          ],
          [
            [2, 1],
            [3, 2],
          ],
          [
            [2, 2],
            [3, 3],
          ],
        ]),
        trueDW,
      ),
    },
    {
      line: 235,
      snippet: "\\underbrace{\\left( \\begin{array}{cc}",
      truth: "holds",
      target: "dW",
      why: "∂L/∂F = X ⊗ ∂L/∂O, the post's cross-correlation with ∂L/∂O as the kernel: entry (i, j) is Σ_{kl} X_{i+k−1, j+l−1} ∂L/∂O_{kl}, the four equations above",
      claimed: xCorrDO,
    },
    forwardMatrix(257),
    ...outputs(275),
    {
      line: 278,
      snippet: "\\rule{0mm}{10mm}",
      truth: "holds",
      target: "dX",
      why: "∂O_{11}/∂X_{11} = F_{11} (next line): X_{11} enters O_{11} under F_{11}; checked through the chain rule at ∂L/∂X_{11}",
      claimed: oneLocX(1, 1, 1, 1, (v) => v.w(1, 1)),
    },
    {
      line: 279,
      snippet: "\\hspace{5mm}",
      truth: "holds",
      target: "dX",
      why: "∂O_{12}/∂X_{11} = 0: X_{11} is not in O_{12}'s window",
      claimed: oneLocX(1, 2, 1, 1, () => Q0),
    },
    {
      line: 280,
      snippet: "\\rule{0mm}{8mm}",
      truth: "holds",
      target: "dX",
      why: "∂O_{21}/∂X_{11} = 0 (next line): X_{11} is not in O_{21}'s window",
      claimed: oneLocX(2, 1, 1, 1, () => Q0),
    },
    {
      line: 281,
      snippet: "\\hspace{8mm}",
      truth: "holds",
      target: "dX",
      why: "∂O_{22}/∂X_{11} = 0 (next line): X_{11} is not in O_{22}'s window",
      claimed: oneLocX(2, 2, 1, 1, () => Q0),
    },
    {
      line: 283,
      snippet: "\\rule{0mm}{10mm}",
      truth: "holds",
      target: "dX",
      why: "∴ ∂O/∂X_{11} = (∂O_{kl}/∂X_{11}) = (F_{11} 0; 0 0); checked through ⟨∂L/∂O, ·⟩_F at ∂L/∂X_{11}",
      claimed: matX(1, 1, (v) => [
        [v.w(1, 1), Q0],
        [Q0, Q0],
      ]),
    },
    {
      line: 297,
      snippet: "\\frac{\\partial O}{\\partial X_{12}} =",
      truth: "holds",
      target: "dX",
      why: "∂O/∂X_{12} = (F_{12} F_{11}; 0 0): X_{12} is in O_{11} under F_{12} and in O_{12} under F_{11}",
      claimed: matX(1, 2, (v) => [
        [v.w(1, 2), v.w(1, 1)],
        [Q0, Q0],
      ]),
    },
    {
      line: 301,
      snippet: "\\hspace{5mm}",
      truth: "holds",
      target: "dX",
      why: "∂O/∂X_{13} = (0 F_{12}; 0 0) (next lines): X_{13} is only in O_{12}, under F_{12}",
      claimed: matX(1, 3, (v) => [
        [Q0, v.w(1, 2)],
        [Q0, Q0],
      ]),
    },
    {
      line: 306,
      snippet: "\\hspace{5mm}",
      truth: "holds",
      target: "dX",
      why: "∂O/∂X_{21} = (F_{21} 0; F_{11} 0) (next lines, then '... etc'): X_{21} is in O_{11} under F_{21} and in O_{21} under F_{11}",
      claimed: matX(2, 1, (v) => [
        [v.w(2, 1), Q0],
        [v.w(1, 1), Q0],
      ]),
    },
    {
      line: 317,
      snippet: "\\frac{\\partial L}{\\partial X_{ij}} = \\langle",
      truth: "holds",
      target: "dX",
      why: "∂L/∂X_{ij} = ⟨∂L/∂O, ∂O/∂X_{ij}⟩_F = Σ_{kl} ∂L/∂O_{kl} ∂O_{kl}/∂X_{ij}: the chain rule over the four outputs",
      claimed: (v, [r, s]) => trueDX(v, r!, s!),
    },
    {
      line: 323,
      snippet: "\\frac{\\partial L}{\\partial X_{11}} = \\frac{\\partial L}{\\partial O_{11}} F_{11}",
      truth: "holds",
      target: "dX",
      why: "X_{11} is only in O_{11}, under F_{11}",
      claimed: at(
        1,
        1,
        of([
          [
            [1, 1],
            [1, 1],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 324,
      snippet: "\\rule{0mm}{8mm}",
      truth: "holds",
      target: "dX",
      why: "∂L/∂X_{12} = ∂L/∂O_{11} F_{12} + ∂L/∂O_{12} F_{11} (next line)",
      claimed: at(
        1,
        2,
        of([
          [
            [1, 1],
            [1, 2],
          ],
          [
            [1, 2],
            [1, 1],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 326,
      snippet: "\\rule{0mm}{8mm}",
      truth: "holds",
      target: "dX",
      why: "∂L/∂X_{13} = ∂L/∂O_{12} F_{12} (next line)",
      claimed: at(
        1,
        3,
        of([
          [
            [1, 2],
            [1, 2],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 328,
      snippet: "\\rule{0mm}{8mm}",
      truth: "holds",
      target: "dX",
      why: "∂L/∂X_{21} = ∂L/∂O_{11} F_{21} + ∂L/∂O_{21} F_{11} (next line)",
      claimed: at(
        2,
        1,
        of([
          [
            [1, 1],
            [2, 1],
          ],
          [
            [2, 1],
            [1, 1],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 330,
      snippet: "\\rule{0mm}{8mm}",
      truth: "holds",
      target: "dX",
      why: "∂L/∂X_{22} = ∂L/∂O_{11} F_{22} + ∂L/∂O_{12} F_{21} + ∂L/∂O_{21} F_{12} + ∂L/∂O_{22} F_{11} (next line): X_{22} is in all four windows",
      claimed: at(
        2,
        2,
        of([
          [
            [1, 1],
            [2, 2],
          ],
          [
            [1, 2],
            [2, 1],
          ],
          [
            [2, 1],
            [1, 2],
          ],
          [
            [2, 2],
            [1, 1],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 332,
      snippet: "\\rule{0mm}{8mm}",
      truth: "holds",
      target: "dX",
      why: "∂L/∂X_{23} = ∂L/∂O_{12} F_{22} + ∂L/∂O_{22} F_{12} (next line)",
      claimed: at(
        2,
        3,
        of([
          [
            [1, 2],
            [2, 2],
          ],
          [
            [2, 2],
            [1, 2],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 334,
      snippet: "\\rule{0mm}{8mm}",
      truth: "holds",
      target: "dX",
      why: "∂L/∂X_{31} = ∂L/∂O_{21} F_{21} (next line)",
      claimed: at(
        3,
        1,
        of([
          [
            [2, 1],
            [2, 1],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 336,
      snippet: "\\rule{0mm}{8mm}",
      truth: "holds",
      target: "dX",
      why: "∂L/∂X_{32} = ∂L/∂O_{21} F_{22} + ∂L/∂O_{22} F_{21} (next line)",
      claimed: at(
        3,
        2,
        of([
          [
            [2, 1],
            [2, 2],
          ],
          [
            [2, 2],
            [2, 1],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 338,
      snippet: "\\rule{0mm}{8mm}",
      truth: "holds",
      target: "dX",
      why: "∂L/∂X_{33} = ∂L/∂O_{22} F_{22} (next line)",
      claimed: at(
        3,
        3,
        of([
          [
            [2, 2],
            [2, 2],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 371,
      snippet: "\\underbrace{\\left( \\begin{array}{ccc}",
      truth: "holds",
      target: "dX",
      why: "∂L/∂X = (∂L/∂O zero-padded to 4×4) ⊗ (F rotated 180°), the post's cross-correlation: entry (r, s) is Σ_{ab} ∂L/∂O_{r+a−2, s+b−2} F_{3−a, 3−b} = Σ_{kl} ∂L/∂O_{kl} F_{r−k+1, s−l+1}, the nine equations above",
      claimed: fullRot,
    },
    other(403, "A = \\left(", pooling),
    other(408, "\\hspace{5mm}", pooling),
    other(412, "\\rule{0mm}{7mm}", pooling),
    other(416, "\\hspace{2mm}", pooling),
    other(421, "\\rule{0mm}{7mm}", pooling),
    other(425, "\\hspace{2mm}", pooling),
    other(435, "\\frac{\\partial L}{\\partial B} =", pooling),
    other(447, "\\frac{\\partial L}{\\partial A} = \\left(", `${pooling}: max pooling's gradient`),
    other(458, "\\frac{\\partial L}{\\partial A} = \\frac{1}{4}", `${pooling}: average pooling's gradient`),
    {
      line: 472,
      snippet: "\\frac{\\partial L}{\\partial F} = Convolution(",
      truth: "holds",
      target: "dW",
      why: "∂L/∂F = Convolution(Input X, Loss gradient ∂L/∂O): X ⊗ ∂L/∂O of line 235, the post's convolution (a cross-correlation)",
      claimed: xCorrDO,
    },
    {
      line: 473,
      snippet: "\\rule{0mm}{8mm}",
      truth: "holds",
      target: "dX",
      why: "∂L/∂X = Full Convolution(180° Rotated filter F, Loss gradient ∂L/∂O) (next line): the rotated filter slid as the filter over the fully zero-padded loss gradient — line 371's matrix equation, which it sums up",
      claimed: fullRot,
    },
  ],
};
export default src;
