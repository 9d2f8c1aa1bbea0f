/**
 * yizt, 《卷积层的反向传播-多通道、无padding、步长不为1》 (numpy_neural_network series, undated), Chinese.
 * Layer: multi-channel strided cross-correlation
 *   z^l_{d,i,j} = Σ_{c=1}^{C^{l-1}} Σ_m Σ_n W_{m,n,c,d} z^{l-1}_{c, i·s_1+m, j·s_2+n} + b_d,
 * spatial indices 0-based, no padding, a bias per output channel. Sizes chosen: z^{l-1} 2 channels of
 * 5×4, kernel 3×2, stride 2 in both axes, 3 output channels, so z^l is 3 channels of 2×2.
 * Channel indices: the source counts c and d from 1 while its spatial indices start at 0; with
 * --index-base 0 the oracle's channel k is the source's channel k+1 (each claimed below iterates the
 * channels 0..C-1 for the source's 1..C). The oracle's kernel layout is w(d, c, m, n) for the
 * source's W_{m,n,c,d}.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource } from "./types.js";

const CI = 2, CO = 3, K1 = 3, K2 = 2, S1 = 2, S2 = 2, HL = 2, WL = 2;
/** W^{l-1}_{m,n,c,d} (source order) = oracle w(d, c, m, n). */
const W = (v: Access, m: number, n: number, c: number, d: number): Q => v.w(d, c, m, n);
/** pδ^l_{d,i,j}: δ^l with (s-1) zeros inserted between rows/columns, then k-1 zeros around (Eq. 8's text). */
const pd = (v: Access, d: number, i: number, j: number): Q => {
  const a = i - (K1 - 1), b = j - (K2 - 1);
  if (a < 0 || b < 0 || a % S1 !== 0 || b % S2 !== 0) return Q0;
  return v.dy(d, a / S1, b / S2);
};

const src: CorpusSource = {
  file: "09-yizt-conv-backprop-stride-zh.tex",
  citation: "yizt, 《卷积层的反向传播-多通道、无padding、步长不为1》, numpy_neural_network 系列文章 (GitHub Markdown article, undated; repository yizt/numpy_neural_network)",
  url: "https://github.com/yizt/numpy_neural_network/blob/155b8862373f7fa2c2987f940f480093f846571d/0_2_3-卷积层的反向传播-多通道、无padding、步长不为1.md",
  flags: ["--input", "5x4", "--kernel", "3x2", "--op", "xcorr", "--index-base", "0", "--stride", "2", "--in-channels", "2", "--out-channels", "3", "--bias"],
  layer: { op: "xcorr", input: [5, 4], kernel: [3, 2], stride: [2, 2], dilation: [1, 1], padding: "valid", inChannels: 2, outChannels: 3, groups: 1, batch: null, bias: true, indexBase: 0 },
  indexBase: 0,
  equations: [
    { line: 10, snippet: "\\delta^l = \\frac {\\partial L} {\\partial z^l}", truth: "definition", why: "Eq. 3 defines δ^l = ∂L/∂z^l" },
    { line: 17, snippet: "&z^l_{d,i,j} =", truth: "holds", target: "Y",
      why: "Eq. 4: the strided multi-channel cross-correlation plus b_d (channels counted from 1 in the source)",
      claimed: (v, [d, i, j]) =>
        qadd(sum(0, CI - 1, (c) => sum(0, K1 - 1, (m) => sum(0, K2 - 1, (n) => qmul(W(v, m, n, c, d!), v.x(c, i! * S1 + m, j! * S2 + n))))), v.b(d!)) },
    { line: 21, snippet: "H^l = H^{l-1} - k_1^{l-1} + 1", truth: "fails", target: "size",
      why: "copied from the stride-1 article: with stride s_1 the output height is ⌊(H^{l-1} - k_1)/s_1⌋ + 1 (5, 3, 2 → 2, not 3; the article's own example says 2×2)" },
    { line: 21, snippet: "\\hat W^l = \\hat W^{l-1} - k_2^{l-1} + 1", truth: "fails", target: "size",
      why: "ignores the stride: the width is ⌊(\\hat W^{l-1} - k_2)/s_2⌋ + 1 (4, 2, 2 → 2, not 3)" },
    { line: 30, snippet: "&\\frac {\\partial L} {\\partial W_{m,n,c,d}^{l-1}}", truth: "holds", target: "dW",
      why: "Eq. 5 (chain rule; * is a product): Σ_i Σ_j δ^l_{d,i,j} z^{l-1}_{c, i·s_1+m, j·s_2+n} over the output",
      claimed: (v, [d, c, m, n]) => sum(0, HL - 1, (i) => sum(0, WL - 1, (j) => qmul(v.dy(d!, i, j), v.x(c!, i * S1 + m!, j * S2 + n!)))) },
    { line: 41, snippet: "\\frac {\\partial L} {\\partial b^{l-1}_d} =", truth: "holds", target: "db", why: "Eq. 6: the sum of δ^l over channel d",
      claimed: (v, [d]) => sum(0, HL - 1, (i) => sum(0, WL - 1, (j) => v.dy(d!, i, j))) },
    { line: 51, snippet: "\\delta^{l-1}_{c,i,j}=", truth: "holds", target: "dX",
      why: "Eq. 8: δ^l dilated by the stride (s-1 zeros inserted) and padded by k-1, cross-correlated with the 180°-rotated W and summed over d: the strided layer's input gradient",
      claimed: (v, [c, i, j]) =>
        sum(0, CO - 1, (d) => sum(0, K1 - 1, (m) => sum(0, K2 - 1, (n) => qmul(W(v, K1 - 1 - m, K2 - 1 - n, c!, d), pd(v, d, i! + m, j! + n))))) },
  ],
};
export default src;
