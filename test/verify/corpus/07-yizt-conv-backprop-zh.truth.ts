/**
 * yizt, 《卷积层的反向传播-单通道、无padding、步长1》 (numpy_neural_network series, undated), Chinese.
 * Layer: cross-correlation z^l_{i,j} = Σ_m Σ_n W^{l-1}_{m,n} z^{l-1}_{i+m,j+n} + b^{l-1} (the article
 * calls it 卷积 and writes it *), 0-based, with a bias, no activation inside the layer (δ^{l-1} is
 * ∂L/∂z^{l-1}, the layer's input gradient). Sizes: the article's own example, z^{l-1} 5×5 and a 3×3
 * kernel (its entry-by-entry example and the explicit padded 7×7 matrix are written for these sizes).
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource } from "./types.js";

const K1 = 3, K2 = 3, H1 = 5, W1 = 5;
const HL = H1 - K1 + 1, WL = W1 - K2 + 1; // H^l, \hat W^l = 3


/** Eq. 4: Σ_{m=0}^{k_1-1} Σ_{n=0}^{k_2-1} W_{m,n} z^{l-1}_{i+m,j+n} + b. */
const fwd = (v: Access, i: number, j: number): Q =>
  qadd(sum(0, K1 - 1, (m) => sum(0, K2 - 1, (n) => qmul(v.w(m, n), v.x(i + m, j + n)))), v.b());
/** Eq. 8: Σ_i Σ_j δ^l_{i,j} W_{i'-i,j'-j} over the output (W zero outside the kernel). */
const dX8 = (v: Access, ip: number, jp: number): Q =>
  sum(0, HL - 1, (i) => sum(0, WL - 1, (j) => qmul(v.dy(i, j), v.w(ip - i, jp - j))));
/** Eq. 7: Σ_m Σ_n δ^l_{i'-m,j'-n} W_{m,n} (δ zero outside the output). */
const dX7 = (v: Access, ip: number, jp: number): Q =>
  sum(0, K1 - 1, (m) => sum(0, K2 - 1, (n) => qmul(v.dy(ip - m, jp - n), v.w(m, n))));
/** Eq. 12: pδ^l_{i,j} = δ^l_{i-k_1+1,j-k_2+1} inside, 0 elsewhere (v.dy is 0 outside δ^l). */
const pd = (v: Access, i: number, j: number): Q => v.dy(i - K1 + 1, j - K2 + 1);
/** rot_{180°} W_{m,n} = W_{k_1-1-m,k_2-1-n} (the article's own reading, first step of Eq. 15). */
const rot = (v: Access, m: number, n: number): Q => v.w(K1 - 1 - m, K2 - 1 - n);
/** Eq. 16 / first line of Eq. 15: Σ_m Σ_n rot180 W_{m,n} pδ_{i+m,j+n}. */
const dX16 = (v: Access, i: number, j: number): Q =>
  sum(0, K1 - 1, (m) => sum(0, K2 - 1, (n) => qmul(rot(v, m, n), pd(v, i + m, j + n))));
/** A formula about one entry: its right-hand side there, Eq. 8 (checked separately) elsewhere. */
const entry = (at: [number, number], rhs: (v: Access) => Q) => (v: Access, [i, j]: number[]): Q =>
  i === at[0] && j === at[1] ? rhs(v) : dX8(v, i!, j!);
const dw = (v: Access, a: number, b: number, m: number, n: number) => qmul(v.dy(a, b), v.w(m, n));
const sumQ = (...xs: Q[]) => xs.reduce((s, x) => qadd(s, x), Q0);

const src: CorpusSource = {
  file: "07-yizt-conv-backprop-zh.tex",
  citation: "yizt, 《卷积层的反向传播-单通道、无padding、步长1》, numpy_neural_network 系列文章 (GitHub Markdown article, undated; repository yizt/numpy_neural_network)",
  url: "https://github.com/yizt/numpy_neural_network/blob/155b8862373f7fa2c2987f940f480093f846571d/0_2_1-卷积层的反向传播-单通道、无padding、步长1.md",
  flags: ["--input", "5x5", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0", "--bias"],
  layer: { op: "xcorr", input: [5, 5], kernel: [3, 3], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: true, indexBase: 0 },
  indexBase: 0,
  equations: [
    { line: 10, snippet: "(I * K)_{ij} &=", truth: "definition", why: "Eq. 1 defines the article's 卷积 *, which is cross-correlation (the note below says so)" },
    { line: 21, snippet: "(I \\ast K)_{ij} &=", truth: "holds", target: "Y",
      why: "Eq. 2 with C = 1 (our single-channel layer) is Σ K_{m,n} I_{i+m,j+n} + b, the layer's forward pass",
      claimed: (v, [i, j]) => fwd(v, i!, j!) },
    { line: 25, snippet: "C=D=1", truth: "other", why: "one input and one output channel (assumption)" },
    { line: 33, snippet: "\\delta^l = \\frac {\\partial L} {\\partial z^l}", truth: "definition", why: "Eq. 3 defines δ^l as ∂L/∂z^l" },
    { line: 38, snippet: "&z^l_{i,j} =", truth: "holds", target: "Y", why: "Eq. 4: cross-correlation plus bias, 0-based, i ∈ [0,H^l-1]",
      claimed: (v, [i, j]) => fwd(v, i!, j!) },
    { line: 41, snippet: "H^l = H^{l-1} - k_1^{l-1} + 1", truth: "holds", target: "size", why: "valid output height: 5 - 3 + 1 = 3" },
    { line: 41, snippet: "\\hat W^l = \\hat W^{l-1} - k_2^{l-1} + 1", truth: "holds", target: "size", why: "valid output width" },
    { line: 50, snippet: "&\\frac {\\partial L} {\\partial W_{m,n}^{l-1}}", truth: "holds", target: "dW",
      why: "Eq. 5 (chain rule; * here is a product): Σ_i Σ_j δ^l_{i,j} z^{l-1}_{i+m,j+n} over the output; the middle line's inner sums up to k_1^{l-1} (not k_1^{l-1}-1) do not change the derivative",
      claimed: (v, [m, n]) => sum(0, HL - 1, (i) => sum(0, WL - 1, (j) => qmul(v.dy(i, j), v.x(i + m!, j + n!)))) },
    { line: 62, snippet: "\\frac {\\partial L} {\\partial b^{l-1}} =", truth: "holds", target: "db", why: "Eq. 6: the bias gradient is the sum of δ^l",
      claimed: (v) => sum(0, HL - 1, (i) => sum(0, WL - 1, (j) => v.dy(i, j))) },
    { line: 71, snippet: "&\\delta^{l-1}_{i^{\\prime},j^{\\prime}}=", truth: "holds", target: "dX",
      why: "δ^{l-1} := ∂L/∂z^{l-1}, the chain rule, then Eq. 7 Σ_m Σ_n δ^l_{i'-m,j'-n} W_{m,n} and Eq. 8 Σ_i Σ_j δ^l_{i,j} W_{i'-i,j'-j}: all equal with δ^l and W zero outside",
      claimed: (v, [i, j]) => chain(dX7(v, i!, j!), dX8(v, i!, j!)) },
    { line: 73, snippet: "当i=i^{\\prime}-m", truth: "other", why: "comment column: index condition of the surviving term" },
    { line: 73, snippet: "j=j^{\\prime}-n", truth: "other", why: "comment column: index condition" },
    { line: 74, snippet: "此时m=i^{\\prime}-i", truth: "other", why: "comment column: substitution" },
    { line: 74, snippet: "n=j^{\\prime}-j", truth: "other", why: "comment column: substitution" },
    { line: 75, snippet: "此时i=i^{\\prime}-m", truth: "other", why: "comment column: index range" },
    { line: 75, snippet: "j=j^{\\prime}-n \\in", truth: "other", why: "comment column: index range" },
    { line: 105, snippet: "&\\delta^{l-1}_{0,0} =", truth: "holds", target: "dX", why: "example (5×5 input, 3×3 kernel): only i = j = 0 contributes",
      claimed: entry([0, 0], (v) => dw(v, 0, 0, 0, 0)) },
    { line: 106, snippet: "&\\delta^{l-1}_{0,1} =", truth: "holds", target: "dX", why: "example: i = 0, j ∈ [0,1]",
      claimed: entry([0, 1], (v) => sumQ(dw(v, 0, 1, 0, 0), dw(v, 0, 0, 0, 1))) },
    { line: 107, snippet: "&\\delta^{l-1}_{0,2} =", truth: "holds", target: "dX", why: "example: i = 0, j ∈ [0,2]",
      claimed: entry([0, 2], (v) => sumQ(dw(v, 0, 2, 0, 0), dw(v, 0, 1, 0, 1), dw(v, 0, 0, 0, 2))) },
    { line: 108, snippet: "&\\delta^{l-1}_{1,0} =", truth: "holds", target: "dX", why: "example: i ∈ [0,1], j = 0",
      claimed: entry([1, 0], (v) => sumQ(dw(v, 1, 0, 0, 0), dw(v, 0, 0, 1, 0))) },
    { line: 109, snippet: "&\\delta^{l-1}_{1,1} =", truth: "holds", target: "dX", why: "example: i, j ∈ [0,1]",
      claimed: entry([1, 1], (v) => sumQ(dw(v, 1, 1, 0, 0), dw(v, 0, 1, 1, 0), dw(v, 1, 0, 0, 1), dw(v, 0, 0, 1, 1))) },
    { line: 110, snippet: "&\\delta^{l-1}_{1,2} =", truth: "holds", target: "dX", why: "Eq. 8 at i' = 1, j' = 2 (the right column gives the ranges of i, j)",
      claimed: entry([1, 2], (v) => sum(0, 1, (i) => sum(0, 2, (j) => qmul(v.dy(i, j), v.w(1 - i, 2 - j))))) },
    { line: 112, snippet: "&\\delta^{l-1}_{2,2} =", truth: "holds", target: "dX", why: "Eq. 8 at i' = j' = 2",
      claimed: entry([2, 2], (v) => sum(0, 2, (i) => sum(0, 2, (j) => qmul(v.dy(i, j), v.w(2 - i, 2 - j))))) },
    { line: 119, snippet: "\\delta^{l-1}=\\left(", truth: "holds", target: "dX",
      why: "the 7×7 zero-padded δ^l, cross-correlated (the article's * of Eq. 1) with the written 3×3 matrix of W rotated by 180°, gives the 5×5 δ^{l-1}",
      claimed: (v, [i, j]) => sum(0, 2, (m) => sum(0, 2, (n) => qmul(v.dy(i! + m - 2, j! + n - 2), v.w(2 - m, 2 - n)))) },
    { line: 142, snippet: "H^l+2k_1^{l-1} -2 = H^{l-1} +k_1^{l-1} -1", truth: "holds", target: "size",
      why: "padded height: H^l + 2(k_1-1) = (H^{l-1} - k_1 + 1) + 2k_1 - 2 = H^{l-1} + k_1 - 1" },
    { line: 148, snippet: "p\\delta^l_{i,j}=\\begin{cases}", truth: "definition", why: "Eq. 12 defines the zero-padded pδ^l" },
    { line: 159, snippet: "&\\sum_{m=0}^{k_1^{l-1}-1} \\sum_{n=0}^{k_2^{l-1}-1}rot_{180^\\circ}", truth: "holds", target: "dX",
      why: "Eq. 15: the cross-correlation of pδ^l with rot180 W, rewritten step by step into Σ W_{m,n} δ^l_{i-m,j-n} (Eq. 7); every link equals δ^{l-1}_{i,j}",
      claimed: (v, [i, j]) =>
        chain(
          dX16(v, i!, j!),
          sum(0, K1 - 1, (m) => sum(0, K2 - 1, (n) => qmul(v.w(K1 - 1 - m, K2 - 1 - n), pd(v, i! + m, j! + n)))),
          sum(0, K1 - 1, (m) => sum(0, K2 - 1, (n) => qmul(v.w(m, n), pd(v, i! + K1 - 1 - m, j! + K2 - 1 - n)))),
          dX7(v, i!, j!),
        ) },
    { line: 161, snippet: "m^{\\prime} +m =k_1^{l-1} -1", truth: "other", why: "comment column: change of summation variable" },
    { line: 161, snippet: "n^{\\prime}+n=k_2^{l-1}-1", truth: "other", why: "comment column: change of summation variable" },
    { line: 176, snippet: "&z^l_{i,j} =", truth: "holds", target: "Y", why: "conclusion a): Eq. 4 repeated", claimed: (v, [i, j]) => fwd(v, i!, j!) },
    { line: 181, snippet: "\\frac {\\partial L} {\\partial W_{m,n}^{l-1}} =", truth: "holds", target: "dW", why: "conclusion b): Eq. 5 repeated",
      claimed: (v, [m, n]) => sum(0, HL - 1, (i) => sum(0, WL - 1, (j) => qmul(v.dy(i, j), v.x(i + m!, j + n!)))) },
    { line: 185, snippet: "\\frac {\\partial L} {\\partial b^{l-1}} =", truth: "holds", target: "db", why: "conclusion c): Eq. 6 repeated",
      claimed: (v) => sum(0, HL - 1, (i) => sum(0, WL - 1, (j) => v.dy(i, j))) },
    { line: 190, snippet: "\\delta^{l-1}=\\sum_{m=0}", truth: "holds", target: "dX",
      why: "Eq. 16: entry (i,j) of δ^{l-1} (the left side omits the indices) is Σ rot180 W_{m,n} pδ^l_{i+m,j+n}",
      claimed: (v, [i, j]) => dX16(v, i!, j!) },
  ],
};
export default src;
