/**
 * huaxuan0720, 《步长stride为s的二维卷积方法的反向传播算法：一个十分极端的例子》 ("back-propagation of a 2-D convolution
 * with stride s: a very extreme example"): part 3 of his Chinese series on convolution back-propagation (blog post of
 * 24 May 2019, the Markdown file Note16-ConvBackProp-part3.md of his GitHub notes repository) — one stride-7 layer
 * written out entry by entry, its input gradient as a table of 36 entries and as "insert 6 zeros, pad 2, rotate the
 * kernel, convolve with stride 1", its kernel gradient entry by entry and as "x convolved with the dilated δ", and its
 * bias gradient.
 * Layer: the post's own sizes — x 10×10, kernel k 3×3, "步长stride … 7", padding VALID, one scalar bias b — so u is
 * 2×2 ((10 − 3)/7 + 1 = 2); one channel, 1-based indices. The post's "conv" is the CNN convolution, a
 * cross-correlation (its expansion of u, line 54: u_{1,1} = x_{1,1}k_{1,1} + … + x_{3,3}k_{3,3} + b, and u_{1,2} starts
 * at column 8 = 1 + 7). δ_{i,j} = ∂L/∂u_{i,j} (line 134) is v.dy(i, j); k is v.w, b is v.b(). The inner "conv(stride
 * = 1)" of lines 176–189 and 371–387 is the same operation (a cross-correlation) at stride 1.
 * Entry formulas (the table rows of lines 86–121, the kernel-gradient lines 324–348): each says what one entry is; it
 * is checked at that entry, every other entry of its target taking the true value (the chain rule through the
 * written-out forward pass: ∂L/∂x_{p,q} = Σ_{ij} δ_{ij} k_{p−7(i−1), q−7(j−1)}, ∂L/∂k_{a,b} = Σ_{ij} δ_{ij}
 * x_{7(i−1)+a, 7(j−1)+b}).
 * Mistakes: none in the mathematics. Because the stride (7) exceeds the kernel (3), each input entry is seen by at
 * most one output, so every table row has a single term, and rows 4–7 and columns 4–7 of x get gradient 0 (the
 * table's "else 0", the zero rows and columns of line 176's result) — all right. Typesetting slips only: rows 2–7 of
 * the 8×8 dilated δ (lines 141–155 and 357–367) end in a stray "&" (the matrices are not equations verify reads), and
 * "所有" for "所以" in the prose.
 * Definitions: δ = [δ_{1,1} δ_{1,2}; δ_{2,1} δ_{2,2}] (lines 128, 316) and δ_{i,j} = ∂L/∂u_{i,j} (line 134).
 * Not listed (verify finds no equation there): the dilated, padded and rotated matrices shown alone (lines 141,
 * 155, 171, 357), the table's header cells ∂u_{i,j}, ∂x_{p,k} and its "else 0" row.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { at, chain, sum } from "./util.js";
import type { Access, CorpusSource } from "./types.js";

const N = 10,
  K = 3,
  S = 7,
  O = 2; // 10×10 input, 3×3 kernel, stride 7, 2×2 output

/** u_{ij} = Σ_{a,b} x_{7(i−1)+a, 7(j−1)+b} k_{ab} + b: the stride-7 cross-correlation plus the bias. */
const fwd = (v: Access, [i, j]: number[]): Q =>
  qadd(
    sum(1, K, (a) => sum(1, K, (b) => qmul(v.x(S * (i! - 1) + a, S * (j! - 1) + b), v.w(a, b)))),
    v.b(),
  );
/** ∂L/∂x_{pq} = Σ_{ij} δ_{ij} k_{p−7(i−1), q−7(j−1)} (k read 0 off its 3×3): the chain rule through u. */
const trueDX = (v: Access, p: number, q: number): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.w(p - S * (i - 1), q - S * (j - 1)))));
/** ∂L/∂k_{ab} = Σ_{ij} δ_{ij} x_{7(i−1)+a, 7(j−1)+b}. */
const trueDW = (v: Access, a: number, b: number): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(S * (i - 1) + a, S * (j - 1) + b))));

/** A table row of lines 86–121: ∂L/∂x_{pq} = δ_{IJ} k_{ab}, as written. */
const tbl = (line: number, snippet: string, [p, q]: number[], [I, J]: number[], [a, b]: number[]) => ({
  line,
  snippet,
  truth: "holds" as const,
  target: "dX" as const,
  why: `x_{${p},${q}} lies in the window of u_{${I},${J}} only (stride 7 > kernel 3), under k_{${a},${b}}: its gradient is δ_{${I},${J}} k_{${a},${b}}`,
  claimed: at(p!, q!, (v) => qmul(v.dy(I!, J!), v.w(a!, b!)), trueDX),
});
/** A kernel-gradient line of 324–348: ∂L/∂k_{ab} = Σ x_{..} δ_{..}, as written. */
const dk = (line: number, snippet: string, [a, b]: number[], terms: [[number, number], [number, number]][]) => ({
  line,
  snippet,
  truth: "holds" as const,
  target: "dW" as const,
  why: `k_{${a},${b}} multiplies x_{7(i−1)+${a}, 7(j−1)+${b}} in each u_{ij}: the four written terms are those`,
  claimed: at(
    a!,
    b!,
    (v) => sum(0, terms.length - 1, (t) => qmul(v.x(...terms[t]![0]), v.dy(...terms[t]![1]))),
    trueDW,
  ),
});

/** The written expansion of u (line 54): the window of u_{11}, u_{12}, u_{21}, u_{22} starts at (1,1), (1,8), (8,1), (8,8). */
const start: Record<string, [number, number]> = { "1,1": [0, 0], "1,2": [0, 7], "2,1": [7, 0], "2,2": [7, 7] };
const written = (v: Access, [i, j]: number[]): Q => {
  const [r, c] = start[`${i},${j}`]!;
  return qadd(
    sum(1, K, (a) => sum(1, K, (b) => qmul(v.x(r + a, c + b), v.w(a, b)))),
    v.b(),
  );
};

/** Line 176's 12×12 matrix: δ dilated by 6 zeros and padded by 2, δ_{11}, δ_{12}, δ_{21}, δ_{22} at (3,3), (3,10), (10,3), (10,10). */
const padded = (v: Access, r: number, c: number): Q => {
  const I = r === 3 ? 1 : r === 10 ? 2 : 0,
    J = c === 3 ? 1 : c === 10 ? 2 : 0;
  return I && J ? v.dy(I, J) : v.dy(0, 0);
};
/** Its stride-1 convolution (cross-correlation) with the rotated kernel [k_{33} k_{32} k_{31}; …; k_{13} k_{12} k_{11}]. */
const padRot = (v: Access, [p, q]: number[]): Q =>
  sum(1, K, (a) => sum(1, K, (b) => qmul(padded(v, p! + a - 1, q! + b - 1), v.w(K + 1 - a, K + 1 - b))));
/** The 10×10 result matrix as written: δ_{IJ} k_{ab} in rows/columns 1–3 (I or J = 1) and 8–10 (= 2, a = p − 7), 0 elsewhere. */
const block = (p: number): [number, number] => (p <= 3 ? [1, p] : p >= 8 ? [2, p - 7] : [0, 0]);
const resultMatrix = (v: Access, [p, q]: number[]): Q => {
  const [I, a] = block(p!),
    [J, b] = block(q!);
  return I && J ? qmul(v.dy(I, J), v.w(a, b)) : v.dy(0, 0);
};
/** Line 371: x (10×10) convolved at stride 1 with the 8×8 dilated δ (δ_{11}, δ_{12}, δ_{21}, δ_{22} at (1,1), (1,8), (8,1), (8,8)). */
const dil = (v: Access, r: number, c: number): Q => {
  const I = r === 1 ? 1 : r === 8 ? 2 : 0,
    J = c === 1 ? 1 : c === 8 ? 2 : 0;
  return I && J ? v.dy(I, J) : v.dy(0, 0);
};
const xDil = (v: Access, [a, b]: number[]): Q =>
  sum(1, 8, (i) => sum(1, 8, (j) => qmul(v.x(a! + i - 1, b! + j - 1), dil(v, i, j))));

const src: CorpusSource = {
  file: "33-huaxuan-conv-backprop-stride7-zh.md",
  citation:
    "huaxuan0720 (GitHub; blog huaxuan0720.github.io, also on CSDN as DaVinciL), 《步长stride为s的二维卷积方法的反向传播算法：一个十分极端的例子》, part 3 of his series on convolution back-propagation, 24 May 2019, repository huaxuan0720/Machine-Learning-and-Deep-Learning-Notes, file Note16-ConvBackProp-part3.md, read at commit fc0229500620df35c55f065f7e126d2b88af121c (3 June 2019): the whole post (a 10×10 input, 3×3 kernel, stride 7: the forward pass written out, ∂L/∂x entry by entry and as a full convolution of the dilated δ with the rotated kernel, ∂L/∂k entry by entry and as x convolved with the dilated δ, ∂L/∂b)",
  url: "https://github.com/huaxuan0720/Machine-Learning-and-Deep-Learning-Notes/blob/fc0229500620df35c55f065f7e126d2b88af121c/Note16-ConvBackProp-part3.md",
  flags: ["--input", "10x10", "--kernel", "3x3", "--stride", "7", "--op", "xcorr", "--index-base", "1", "--bias"],
  layer: {
    op: "xcorr",
    input: [N, N],
    kernel: [K, K],
    stride: [S, S],
    dilation: [1, 1],
    padding: "valid",
    inChannels: null,
    outChannels: null,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 1,
  },
  indexBase: 1,
  equations: [
    {
      line: 26,
      snippet: "x \\; conv \\; k + b = u",
      truth: "holds",
      target: "Y",
      why: "the layer itself: u is x convolved (the CNN's cross-correlation) with k at stride 7, plus the scalar bias b — as the expansion of line 54 spells out",
      claimed: fwd,
    },
    {
      line: 30,
      snippet: "\\begin{bmatrix}",
      truth: "holds",
      target: "Y",
      why: "the same forward pass with the 10×10 x, the 3×3 k and the 2×2 u written as matrices",
      claimed: fwd,
    },
    {
      line: 54,
      snippet: "\\begin{bmatrix}",
      truth: "holds",
      target: "Y",
      why: "u_{1,1}, u_{1,2}, u_{2,1}, u_{2,2} are the windows starting at (1,1), (1,8), (8,1), (8,8) (stride 7), each x entry under the k entry of the same offset, plus b",
      claimed: written,
    },
    tbl(86, "\\frac{\\partial L}{\\partial x_{1, 1}} = \\delta_{1, 1} k_{1, 1}", [1, 1], [1, 1], [1, 1]),
    tbl(87, "\\frac{\\partial L}{\\partial x_{1, 2}} = \\delta_{1, 1} k_{1, 2}", [1, 2], [1, 1], [1, 2]),
    tbl(88, "\\frac{\\partial L}{\\partial x_{1, 3}} = \\delta_{1, 1} k_{1, 3}", [1, 3], [1, 1], [1, 3]),
    tbl(89, "\\frac{\\partial L}{\\partial x_{1, 8}} = \\delta_{1, 2}k_{1, 1}", [1, 8], [1, 2], [1, 1]),
    tbl(90, "\\frac{\\partial L}{\\partial x_{1, 9}} = \\delta_{1, 2}k_{1, 2}", [1, 9], [1, 2], [1, 2]),
    tbl(91, "\\frac{\\partial L}{\\partial x_{1, 10}} = \\delta_{1, 2}k_{1, 3}", [1, 10], [1, 2], [1, 3]),
    tbl(92, "\\frac{\\partial L}{\\partial x_{2, 1}} = \\delta_{1, 1} k_{2, 1}", [2, 1], [1, 1], [2, 1]),
    tbl(93, "\\frac{\\partial L}{\\partial x_{2, 2}} = \\delta_{1, 1} k_{2, 2}", [2, 2], [1, 1], [2, 2]),
    tbl(94, "\\frac{\\partial L}{\\partial x_{2, 3}} = \\delta_{1, 1} k_{2, 3}", [2, 3], [1, 1], [2, 3]),
    tbl(95, "\\frac{\\partial L}{\\partial x_{2, 8}} = \\delta_{1, 2}k_{2, 1}", [2, 8], [1, 2], [2, 1]),
    tbl(96, "\\frac{\\partial L}{\\partial x_{2, 9}} = \\delta_{1, 2}k_{2, 2}", [2, 9], [1, 2], [2, 2]),
    tbl(97, "\\frac{\\partial L}{\\partial x_{2, 10}} = \\delta_{1, 2}k_{2, 3}", [2, 10], [1, 2], [2, 3]),
    tbl(98, "\\frac{\\partial L}{\\partial x_{3, 1}} = \\delta_{1, 1} k_{3, 1}", [3, 1], [1, 1], [3, 1]),
    tbl(99, "\\frac{\\partial L}{\\partial x_{3, 2}} = \\delta_{1, 1} k_{3, 2}", [3, 2], [1, 1], [3, 2]),
    tbl(100, "\\frac{\\partial L}{\\partial x_{3, 3}} = \\delta_{1, 1} k_{3, 3}", [3, 3], [1, 1], [3, 3]),
    tbl(101, "\\frac{\\partial L}{\\partial x_{3, 8}} = \\delta_{1, 2}k_{3, 1}", [3, 8], [1, 2], [3, 1]),
    tbl(102, "\\frac{\\partial L}{\\partial x_{3, 9}} = \\delta_{1, 2}k_{3, 2}", [3, 9], [1, 2], [3, 2]),
    tbl(103, "\\frac{\\partial L}{\\partial x_{3, 10}} = \\delta_{1, 2}k_{3, 3}", [3, 10], [1, 2], [3, 3]),
    tbl(104, "\\frac{\\partial L}{\\partial x_{8, 1}} = \\delta_{2, 1} k_{1, 1}", [8, 1], [2, 1], [1, 1]),
    tbl(105, "\\frac{\\partial L}{\\partial x_{8, 2}} = \\delta_{2, 1} k_{1, 2}", [8, 2], [2, 1], [1, 2]),
    tbl(106, "\\frac{\\partial L}{\\partial x_{8, 3}} = \\delta_{2, 1} k_{1, 3}", [8, 3], [2, 1], [1, 3]),
    tbl(107, "\\frac{\\partial L}{\\partial x_{8, 8}} = \\delta_{2, 2}k_{1, 1}", [8, 8], [2, 2], [1, 1]),
    tbl(108, "\\frac{\\partial L}{\\partial x_{8, 9}} = \\delta_{2, 2}k_{1, 2}", [8, 9], [2, 2], [1, 2]),
    tbl(109, "\\frac{\\partial L}{\\partial x_{8, 10}} = \\delta_{2, 2}k_{1, 3}", [8, 10], [2, 2], [1, 3]),
    tbl(110, "\\frac{\\partial L}{\\partial x_{9, 1}} = \\delta_{2, 1} k_{2, 1}", [9, 1], [2, 1], [2, 1]),
    tbl(111, "\\frac{\\partial L}{\\partial x_{9, 2}} = \\delta_{2, 1} k_{2, 2}", [9, 2], [2, 1], [2, 2]),
    tbl(112, "\\frac{\\partial L}{\\partial x_{9, 3}} = \\delta_{2, 1} k_{2, 3}", [9, 3], [2, 1], [2, 3]),
    tbl(113, "\\frac{\\partial L}{\\partial x_{9, 8}} = \\delta_{2, 2}k_{2, 1}", [9, 8], [2, 2], [2, 1]),
    tbl(114, "\\frac{\\partial L}{\\partial x_{9, 9}} = \\delta_{2, 2}k_{2, 2}", [9, 9], [2, 2], [2, 2]),
    tbl(115, "\\frac{\\partial L}{\\partial x_{9, 10}} = \\delta_{2, 2}k_{2, 3}", [9, 10], [2, 2], [2, 3]),
    tbl(116, "\\frac{\\partial L}{\\partial x_{10, 1}} = \\delta_{2, 1} k_{3, 1}", [10, 1], [2, 1], [3, 1]),
    tbl(117, "\\frac{\\partial L}{\\partial x_{10, 2}} = \\delta_{2, 1} k_{3, 2}", [10, 2], [2, 1], [3, 2]),
    tbl(118, "\\frac{\\partial L}{\\partial x_{10, 3}} = \\delta_{2, 1} k_{3, 3}", [10, 3], [2, 1], [3, 3]),
    tbl(119, "\\frac{\\partial L}{\\partial x_{10, 8}} = \\delta_{2, 2}k_{3, 1}", [10, 8], [2, 2], [3, 1]),
    tbl(120, "\\frac{\\partial L}{\\partial x_{10, 9}} = \\delta_{2, 2}k_{3, 2}", [10, 9], [2, 2], [3, 2]),
    tbl(121, "\\frac{\\partial L}{\\partial x_{10, 10}} = \\delta_{2, 2}k_{3, 3}", [10, 10], [2, 2], [3, 3]),
    { line: 128, snippet: "\\delta = ", truth: "definition", why: "names the 2×2 matrix of received errors δ_{i,j}" },
    {
      line: 134,
      snippet: "\\delta_{i, j} = \\frac{\\partial L}{\\partial u_{i, j}}",
      truth: "definition",
      why: "δ_{i,j} := ∂L/∂u_{i,j}, the output gradient",
    },
    {
      line: 176,
      snippet: "\\begin{bmatrix}",
      truth: "holds",
      target: "dX",
      why: "δ with 6 zeros inserted and 2 rings of zeros, correlated at stride 1 with the 180°-rotated kernel, is the 10×10 matrix of δ_{IJ}k_{ab} blocks written, and that is ∂L/∂x (a chain: each link agrees with the chain rule)",
      claimed: (v, idx) => chain(padRot(v, idx), resultMatrix(v, idx)),
    },
    { line: 316, snippet: "\\delta = ", truth: "definition", why: "restates the received error matrix δ" },
    dk(
      324,
      "\\frac{\\partial L}{\\partial k_{1, 1}} = x",
      [1, 1],
      [
        [
          [1, 1],
          [1, 1],
        ],
        [
          [1, 8],
          [1, 2],
        ],
        [
          [8, 1],
          [2, 1],
        ],
        [
          [8, 8],
          [2, 2],
        ],
      ],
    ),
    dk(
      327,
      "\\frac{\\partial L}{\\partial k_{1, 2}} = x",
      [1, 2],
      [
        [
          [1, 2],
          [1, 1],
        ],
        [
          [1, 9],
          [1, 2],
        ],
        [
          [8, 2],
          [2, 1],
        ],
        [
          [8, 9],
          [2, 2],
        ],
      ],
    ),
    dk(
      330,
      "\\frac{\\partial L}{\\partial k_{1, 3}} = x",
      [1, 3],
      [
        [
          [1, 3],
          [1, 1],
        ],
        [
          [1, 10],
          [1, 2],
        ],
        [
          [8, 3],
          [2, 1],
        ],
        [
          [8, 10],
          [2, 2],
        ],
      ],
    ),
    dk(
      333,
      "\\frac{\\partial L}{\\partial k_{2, 1}} = x",
      [2, 1],
      [
        [
          [2, 1],
          [1, 1],
        ],
        [
          [2, 8],
          [1, 2],
        ],
        [
          [9, 1],
          [2, 1],
        ],
        [
          [9, 8],
          [2, 2],
        ],
      ],
    ),
    dk(
      336,
      "\\frac{\\partial L}{\\partial k_{2, 2}} = x",
      [2, 2],
      [
        [
          [2, 2],
          [1, 1],
        ],
        [
          [2, 9],
          [1, 2],
        ],
        [
          [9, 2],
          [2, 1],
        ],
        [
          [9, 9],
          [2, 2],
        ],
      ],
    ),
    dk(
      339,
      "\\frac{\\partial L}{\\partial k_{2, 3}} = x",
      [2, 3],
      [
        [
          [2, 3],
          [1, 1],
        ],
        [
          [2, 10],
          [1, 2],
        ],
        [
          [9, 3],
          [2, 1],
        ],
        [
          [9, 10],
          [2, 2],
        ],
      ],
    ),
    dk(
      342,
      "\\frac{\\partial L}{\\partial k_{3, 1}} = x",
      [3, 1],
      [
        [
          [3, 1],
          [1, 1],
        ],
        [
          [3, 8],
          [1, 2],
        ],
        [
          [10, 1],
          [2, 1],
        ],
        [
          [10, 8],
          [2, 2],
        ],
      ],
    ),
    dk(
      345,
      "\\frac{\\partial L}{\\partial k_{3, 2}} = x",
      [3, 2],
      [
        [
          [3, 2],
          [1, 1],
        ],
        [
          [3, 9],
          [1, 2],
        ],
        [
          [10, 2],
          [2, 1],
        ],
        [
          [10, 9],
          [2, 2],
        ],
      ],
    ),
    dk(
      348,
      "\\frac{\\partial L}{\\partial k_{3, 3}} = x",
      [3, 3],
      [
        [
          [3, 3],
          [1, 1],
        ],
        [
          [3, 10],
          [1, 2],
        ],
        [
          [10, 3],
          [2, 1],
        ],
        [
          [10, 10],
          [2, 2],
        ],
      ],
    ),
    {
      line: 352,
      snippet: "\\frac{\\partial L}{\\partial b} = \\delta_{1, 1} + \\delta_{1, 2} + \\delta_{2, 1} + \\delta_{2, 2}",
      truth: "holds",
      target: "db",
      why: "b is added to each of the four outputs with coefficient 1: its gradient is the sum of δ",
      claimed: (v) => sum(1, O, (i) => sum(1, O, (j) => v.dy(i, j))),
    },
    {
      line: 371,
      snippet: "\\begin{bmatrix}",
      truth: "holds",
      target: "dW",
      why: "x correlated at stride 1 with the 8×8 dilated δ: entry (a, b) is x_{a,b}δ_{1,1} + x_{a,b+7}δ_{1,2} + x_{a+7,b}δ_{2,1} + x_{a+7,b+7}δ_{2,2}, the kernel gradient of lines 324–348",
      claimed: xDil,
    },
  ],
};
export default src;
