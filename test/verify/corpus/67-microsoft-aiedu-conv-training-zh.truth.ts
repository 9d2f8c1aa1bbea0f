/**
 * Microsoft ai-edu, 《17.3 卷积层的训练》 (training the convolutional layer): section 17.3 of the Chinese course
 * "神经网络基本原理" (step 8, convolutional networks; later printed as the book 《智能之门》), the Markdown file
 * 17.3-卷积的反向传播原理.md of the repository microsoft/ai-edu, read at commit fb24c32 (the latest version keeps only
 * the headings). The section derives the backward pass entry by entry on small examples: one channel (17.3.1, 17.3.5,
 * 17.3.6: a 3×3 input a_{ij}, a 2×2 kernel w_{ij}, one bias b), several kernels (17.3.3: two kernels w_{dij} on one
 * input a_{ij}, outputs z_{dij}), several input channels (17.3.4: a 2-channel input a_{cij}, one kernel with one
 * 2×2 sub-kernel w_{cij} per channel, one output z_{ij}), then generalises each to a matrix formula with
 * "*" (the text: "*表示卷积（互相关）计算", cross-correlation) and a kernel rotated by 180°.
 * Layer: the multi-channel one, 17.3.4's (the THEME of this addition: channels): input 2 × 3 × 3 (a_{cij}: channel,
 * row, column), kernel 1 × 2 × 2 × 2 (w_{cij}: the source drops the single output channel's index, read
 * v.w(1, c, i, j)), output 1 × 2 × 2 (z_{ij}, read v.y(1, i, j); δ_{z_{ij}} = ∂J/∂z_{ij} is v.dy(1, i, j)),
 * cross-correlation (z_{11} = Σ_c Σ_{m,n} w_{cmn} a_{cmn}), stride 1, no padding, 1-based. No bias: 17.3.3 and
 * 17.3.4 write their forward passes without one (a simplification the section makes consistently there; 17.3.6's
 * "one bias per kernel" belongs to its single-channel example). The sizes are the section's own.
 * The section's mistakes in this layer: the two written-out input gradients of 17.3.4 put a different entry on the
 * left than the one they compute — the text says "求J对a_{122}的梯度" ("the gradient of J with respect to a_{122}")
 * and the right side is the chain rule and value of ∂J/∂a_{122}, but the left side is ∂J/∂a_{111} (line 205); the
 * same for a_{222}, written ∂J/∂a_{211} (line 219). a_{111} feeds only z_{11} (∂J/∂a_{111} = δ_{z11} w_{111}), so
 * both fail as written.
 * Holds: the four forward entries (10)–(13) and the generalisations (14), (15): δ_{out c} = δ_in * W_c^{rot180},
 * with "*" the cross-correlation and δ_in zero-padded by N − 1 = 1 as 17.3.1 prescribes ("当Weights是N×N时，δ_in需要
 * padding=N-1"): δ_{out c}[i, j] = Σ_{m,n=1}^{2} δ_in[i+m−2, j+n−2] w_{c,3−m,3−n}, the full correlation of δ_in
 * with the flipped sub-kernel.
 * Other (another layer than this file's): everything of 17.3.1, 17.3.5, 17.3.6 (one channel with a bias: eq. (0)–(8),
 * the kernel-gradient chains (9), (10) and (11), the bias gradient (12), (13)) and of 17.3.3 (two kernels on a
 * one-channel input: its eight forward entries, its chain for ∂J/∂a_{22} and eq. (9)), the size example
 * A^{(10×8)} * W^{(5×5)} = Z^{(6×4)} and its padded 14×12 error matrix, and 17.3.7's edge-detection example (an
 * 80×80 image, a 3×3 kernel, a squared loss). Among those, for their own single-channel layer: (13) δ_b = δ_in
 * (line 284) is wrong — its own previous line (12) says the bias gradient is the SUM δ_{z11} + δ_{z12} + δ_{z21} +
 * δ_{z22} of the error matrix, not the matrix; the rest hold there (the text above line 251 says "对W22" where the
 * formula is ∂J/∂w_{12}, prose only).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const C = 2,
  N = 3,
  K = 2,
  O = 2; // 2 input channels, 3×3 input, 2×2 sub-kernels, 2×2 output (one output channel)

/** w_{cmn}: the one kernel's sub-kernel for channel c. */
const w = (v: Access, c: number, m: number, n: number): Q => v.w(1, c, m, n);
/** δ_{z_{ij}} = ∂J/∂z_{ij} (0 off the 2×2 output). */
const dz = (v: Access, i: number, j: number): Q => v.dy(1, i, j);
/** z_{ij} = Σ_c Σ_{m,n} w_{cmn} a_{c,i+m−1,j+n−1}. */
const fwd = (v: Access, i: number, j: number): Q =>
  sum(1, C, (c) => sum(1, K, (m) => sum(1, K, (n) => qmul(w(v, c, m, n), v.x(c, i + m - 1, j + n - 1)))));
/** ∂J/∂a_{cpq} = Σ_{i,j} δ_{z_{ij}} w_{c,p−i+1,q−j+1} (w zero outside 1..2). */
const trueDX = (v: Access, c: number, p: number, q: number): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(dz(v, i, j), w(v, c, p - i + 1, q - j + 1))));
/** δ_in * W_c^{rot180} after padding δ_in by N − 1 = 1: Σ_{m,n} δ_in[i+m−2, j+n−2] · rot180(W_c)[m, n]. */
const fullCorrRot = (v: Access, c: number, i: number, j: number): Q =>
  sum(1, K, (m) => sum(1, K, (n) => qmul(dz(v, i + m - 2, j + n - 2), w(v, c, K + 1 - m, K + 1 - n))));

/** Terms [[c, m, n] of w, [c, p, q] of a] of a written-out forward entry. */
type T = [[number, number, number], [number, number, number]];
const wa =
  (terms: T[]) =>
  (v: Access): Q =>
    sum(0, terms.length - 1, (t) => qmul(w(v, ...terms[t]![0]), v.x(...terms[t]![1])));
/** Terms [[i, j] of δ_z, [c, m, n] of w]. */
type D = [[number, number], [number, number, number]];
const dw =
  (terms: D[]) =>
  (v: Access): Q =>
    sum(0, terms.length - 1, (t) => qmul(dz(v, ...terms[t]![0]), w(v, ...terms[t]![1])));

/** The written entry (1, i, j) of Y; the true forward value at every other entry. */
const atY =
  (r: number, s: number, rhs: (v: Access) => Q) =>
  (v: Access, [o, i, j]: number[]): Q =>
    o === 1 && i === r && j === s ? rhs(v) : fwd(v, i!, j!);
/** The written entry (c, p, q) of ∂J/∂a; the true gradient at every other entry. */
const atX =
  (cc: number, pp: number, qq: number, rhs: (v: Access) => Q) =>
  (v: Access, [c, p, q]: number[]): Q =>
    c === cc && p === pp && q === qq ? rhs(v) : trueDX(v, c!, p!, q!);

/** The written-out z_{ij} (10)–(13): both channels' windows at (i, j), as written. */
const forward = (line: number, snippet: string, i: number, j: number, tag: string): TruthEquation => {
  const terms: T[] = [];
  for (let c = 1; c <= C; c++)
    for (let m = 1; m <= K; m++)
      for (let n = 1; n <= K; n++)
        terms.push([
          [c, m, n],
          [c, i + m - 1, j + n - 1],
        ]);
  return {
    line,
    snippet,
    truth: "holds",
    target: "Y",
    why: `eq. (${tag}): z_{${i}${j}} sums, over both input channels c, the sub-kernel w_{cmn} times the window entry a_{c,${i}+m−1,${j}+n−1} — the eight products written`,
    claimed: atY(i, j, wa(terms)),
  };
};

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const single =
  "17.3.1's single-channel example (a 3×3 input a_{ij}, a 2×2 kernel w_{ij}, a bias b): another layer than this file's two-channel one";
const kernels =
  "17.3.3's example with two kernels on a one-channel input (w_{dij}, z_{dij}, a_{ij}): another layer than this file's two-input-channel one";

const src: CorpusSource = {
  file: "67-microsoft-aiedu-conv-training-zh.md",
  citation:
    "Microsoft ai-edu team, 《17.3 卷积层的训练》 (training the convolutional layer), section 17.3 of step 8 (卷积神经网络) of the course 基础教程/A2-神经网络基本原理 in the GitHub repository microsoft/ai-edu (later printed as 《智能之门》, 高等教育出版社), file 17.3-卷积的反向传播原理.md, read at commit fb24c32f6d8cff4152639865ac71671869c53247: the whole section (entry-by-entry gradients for one channel, several kernels and several input channels; kernel and bias gradients; an edge-detection example)",
  url: "https://github.com/microsoft/ai-edu/blob/fb24c32f6d8cff4152639865ac71671869c53247/%E5%9F%BA%E7%A1%80%E6%95%99%E7%A8%8B/A2-%E7%A5%9E%E7%BB%8F%E7%BD%91%E7%BB%9C%E5%9F%BA%E6%9C%AC%E5%8E%9F%E7%90%86/%E7%AC%AC8%E6%AD%A5%20-%20%E5%8D%B7%E7%A7%AF%E7%A5%9E%E7%BB%8F%E7%BD%91%E7%BB%9C/17.3-%E5%8D%B7%E7%A7%AF%E7%9A%84%E5%8F%8D%E5%90%91%E4%BC%A0%E6%92%AD%E5%8E%9F%E7%90%86.md",
  flags: [
    "--input",
    "3x3",
    "--kernel",
    "2x2",
    "--op",
    "xcorr",
    "--index-base",
    "1",
    "--in-channels",
    "2",
    "--out-channels",
    "1",
  ],
  layer: {
    op: "xcorr",
    input: [N, N],
    kernel: [K, K],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "valid",
    inChannels: C,
    outChannels: 1,
    groups: 1,
    batch: null,
    bias: false,
    indexBase: 1,
  },
  indexBase: 1,
  equations: [
    other(20, "Z = W*A+b", `eq. (0), the matrix form of ${single}`),
    other(32, "z_{11} = w_{11} \\cdot a_{11}", `eq. (1), an entry of ${single}`),
    other(33, "z_{12} = w_{11} \\cdot a_{12}", `eq. (2), an entry of ${single}`),
    other(34, "z_{21} = w_{11} \\cdot a_{21}", `eq. (3), an entry of ${single}`),
    other(35, "z_{22} = w_{11} \\cdot a_{22}", `eq. (4), an entry of ${single}`),
    other(
      40,
      "\\frac{\\partial J}{\\partial a_{11}}=",
      `eq. (5), ∂J/∂a_{11} = δ_{z11} w_{11} in ${single} (true there)`,
    ),
    other(48, "\\frac{\\partial J}{\\partial a_{12}}=", `eq. (6), ∂J/∂a_{12} in ${single} (true there)`),
    other(
      54,
      "\\frac{\\partial J}{\\partial a_{22}}=",
      `eq. (7), the chain rule for ∂J/∂a_{22} in ${single} (true there)`,
    ),
    other(57, "=\\delta_{z11} \\cdot w_{22}", `eq. (7)'s value of ∂J/∂a_{22} in ${single} (true there)`),
    other(
      70,
      "\\delta_{out} = \\delta_{in} * W^{rot180}",
      `eq. (8), the input gradient of ${single} (true there, with the padding N − 1 the text prescribes)`,
    ),
    other(
      80,
      "A^{(10 \\times 8)}*W^{(5 \\times 5)}=Z^{(6 \\times 4)}",
      "a size example of a 10×8 input and a 5×5 kernel (10 − 5 + 1 = 6, 8 − 5 + 1 = 4): another layer",
    ),
    other(
      82,
      "\\delta_z^{(6 \\times 4)} + 4 padding",
      'the same size example\'s error matrix padded by 4 on each side (6 + 8 = 14, 4 + 8 = 12): another layer, and "+ 4 padding" is an operation, not an equation',
    ),
    other(
      84,
      "\\delta_z^{(14 \\times 12)} * W^{rot180(5 \\times 5)}",
      "the same size example: 14 − 5 + 1 = 10, 12 − 5 + 1 = 8: another layer",
    ),
    other(137, "z_{111} = w_{111} \\cdot a_{11}", kernels),
    other(138, "z_{112} = w_{111} \\cdot a_{12}", kernels),
    other(139, "z_{121} = w_{111} \\cdot a_{21}", kernels),
    other(140, "z_{122} = w_{111} \\cdot a_{22}", kernels),
    other(142, "z_{211} = w_{211} \\cdot a_{11}", kernels),
    other(143, "z_{212} = w_{211} \\cdot a_{12}", kernels),
    other(144, "z_{221} = w_{211} \\cdot a_{21}", kernels),
    other(145, "z_{222} = w_{211} \\cdot a_{22}", kernels),
    other(
      151,
      "\\frac{\\partial J}{\\partial a_{22}}&=\\frac{\\partial J}{\\partial Z_{1}}",
      `the chain rule for ∂J/∂a_{22} in ${kernels} (true there)`,
    ),
    other(
      162,
      "\\delta_{out} = \\sum_m \\delta_{in\\_m} * W^{rot180}_ m",
      `eq. (9), the input gradient summed over the kernels m of ${kernels} (true there)`,
    ),
    forward(176, "z_{11} &= w_{111} \\cdot a_{111} + w_{112} \\cdot a_{112}", 1, 1, "10"),
    forward(184, "z_{12} &= w_{111} \\cdot a_{112} + w_{112} \\cdot a_{113}", 1, 2, "11"),
    forward(190, "z_{21} &= w_{111} \\cdot a_{121} + w_{112} \\cdot a_{122}", 2, 1, "12"),
    forward(196, "z_{22} &= w_{111} \\cdot a_{122} + w_{112} \\cdot a_{123}", 2, 2, "13"),
    {
      line: 205,
      snippet: "\\frac{\\partial J}{\\partial a_{111}}&=",
      truth: "fails",
      target: "dX",
      why: "the left side is ∂J/∂a_{111}, but the chain rule and the value on the right (δ_{z11} w_{122} + δ_{z12} w_{121} + δ_{z21} w_{112} + δ_{z22} w_{111}) are those of ∂J/∂a_{122}, the entry the text announces; a_{111} feeds only z_{11}, so ∂J/∂a_{111} = δ_{z11} w_{111}",
      claimed: atX(1, 1, 1, (v) =>
        chain(
          trueDX(v, 1, 1, 1),
          sum(1, O, (i) => sum(1, O, (j) => qmul(dz(v, i, j), w(v, 1, 2 - i + 1, 2 - j + 1)))),
          dw([
            [
              [1, 1],
              [1, 2, 2],
            ],
            [
              [1, 2],
              [1, 2, 1],
            ],
            [
              [2, 1],
              [1, 1, 2],
            ],
            [
              [2, 2],
              [1, 1, 1],
            ],
          ])(v),
        ),
      ),
    },
    {
      line: 213,
      snippet: "\\delta_{out1} = \\delta_{in} * W_1^{rot180}",
      truth: "holds",
      target: "dX",
      why: "eq. (14): the error matrix δ_in zero-padded by N − 1 = 1 and cross-correlated with the rotated sub-kernel W_1 is Σ_{i,j} δ_{z_{ij}} w_{1,p−i+1,q−j+1}, the gradient of channel 1 (channel 2: eq. (15))",
      claimed: (v, [c, p, q]) => (c === 1 ? fullCorrRot(v, 1, p!, q!) : trueDX(v, c!, p!, q!)),
    },
    {
      line: 219,
      snippet: "\\frac{\\partial J}{\\partial a_{211}}&=",
      truth: "fails",
      target: "dX",
      why: "as at line 205: the left side is ∂J/∂a_{211}, the right side the chain rule and value of ∂J/∂a_{222} (δ_{z11} w_{222} + δ_{z12} w_{221} + δ_{z21} w_{212} + δ_{z22} w_{211}); ∂J/∂a_{211} is δ_{z11} w_{211} only",
      claimed: atX(2, 1, 1, (v) =>
        chain(
          trueDX(v, 2, 1, 1),
          sum(1, O, (i) => sum(1, O, (j) => qmul(dz(v, i, j), w(v, 2, 2 - i + 1, 2 - j + 1)))),
          dw([
            [
              [1, 1],
              [2, 2, 2],
            ],
            [
              [1, 2],
              [2, 2, 1],
            ],
            [
              [2, 1],
              [2, 1, 2],
            ],
            [
              [2, 2],
              [2, 1, 1],
            ],
          ])(v),
        ),
      ),
    },
    {
      line: 226,
      snippet: "\\delta_{out2} = \\delta_{in} * W_2^{rot180}",
      truth: "holds",
      target: "dX",
      why: "eq. (15): the same full correlation of δ_in with the rotated sub-kernel W_2 gives the gradient of channel 2",
      claimed: (v, [c, p, q]) => (c === 2 ? fullCorrRot(v, 2, p!, q!) : trueDX(v, c!, p!, q!)),
    },
    other(
      240,
      "\\frac{\\partial J}{\\partial w_{11}} &=",
      `eq. (9) of 17.3.5, the chain rule for ∂J/∂w_{11} in ${single} (true there)`,
    ),
    other(242, "&=\\delta_{z11} \\cdot a_{11}", `the value of ∂J/∂w_{11} in ${single} (true there)`),
    other(
      251,
      "\\frac{\\partial J}{\\partial w_{12}} &=",
      `eq. (10) of 17.3.5, the chain rule for ∂J/∂w_{12} in ${single} (true there)`,
    ),
    other(253, "&=\\delta_{z11} \\cdot a_{12}", `the value of ∂J/∂w_{12} in ${single} (true there)`),
    other(
      266,
      "\\delta_w = A * \\delta_{in}",
      `eq. (11), the kernel gradient of ${single} (true there: A cross-correlated with δ_in)`,
    ),
    other(
      274,
      "\\frac{\\partial J}{\\partial b} &=",
      `eq. (12), the chain rule for the bias of ${single} (true there)`,
    ),
    other(
      276,
      "&=\\delta_{z11} + \\delta_{z12}",
      `eq. (12)'s value, the sum of the error matrix, in ${single} (true there)`,
    ),
    other(
      284,
      "\\delta_b = \\delta_{in}",
      `eq. (13) of ${single}: false there — the bias gradient is the scalar sum of δ_in's entries (eq. (12)), not the matrix δ_in; this file's layer has no bias`,
    ),
    other(302, "w=\\begin{pmatrix}", "17.3.7's edge-detection kernel (a 3×3 matrix of numbers): an example's value"),
    other(317, "z=x \\cdot w+b", "the table's line-fitting formula (a linear model, not a convolution)"),
    other(318, "z=x * w+b", "the table's image-fitting formula: 17.3.7's 80×80 image and 3×3 kernel, another layer"),
    other(325, "z = x * w", "17.3.7's example forward pass (an 80×80 image, a 3×3 kernel): another layer"),
    other(328, "loss = \\frac{1}{2}(z-y)^2", "17.3.7's squared loss: not a formula about the layer's gradients"),
    other(
      334,
      "\\frac{\\partial loss}{\\partial w}=",
      "17.3.7's kernel gradient for the squared loss (x correlated with z − y; true for its 80×80 example): another layer",
    ),
  ],
};
export default src;
