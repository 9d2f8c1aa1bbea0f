/**
 * seanwang (SeanWangJS), 《卷积层的反向传播分析》 (Chinese), Fenrier Lab blog, 2022.
 * Layer: the post's example — a 3×3 input x_{ij} (X), a 2×2 kernel k_{ij} (K), output y_{ij} (Y) 2×2,
 * stride 1, no padding, no bias, 1-based. Its "卷积" is cross-correlation, as its eq. (1) shows
 * (y_{11} = k_{11} x_{11} + k_{12} x_{12} + k_{21} x_{21} + k_{22} x_{22}). L is the loss, ∂L/∂y_{ij} is v.dy(i, j).
 * conv(·,·) is the post's own convolution (eq. (1), cross-correlation; "上式也是一个卷积运算"), and
 * deconv(·,·) is "下图所示的运算关系": ∂L/∂Y zero-padded by one ring and slid over by the kernel it is given
 * ("这里的卷积核其实是 K 旋转了 180° 之后的结果"), i.e. a full cross-correlation.
 * The post's one mistake: ∂L/∂x_{23} (line 97) pairs ∂L/∂y_{12} with k_{12} and "∂L/∂22" (a typo for ∂L/∂y_{22})
 * with k_{22}; eq. (1) pairs x_{23} with k_{22} in y_{12} and with k_{12} in y_{22}.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { at, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 3, K = 2, O = N - K + 1;

/** y_{pq} = Σ_{a,b} k_{ab} x_{p+a-1, q+b-1}. */
const fwd = (v: Access, p: number, q: number): Q => sum(1, K, (a) => sum(1, K, (b) => qmul(v.w(a, b), v.x(p + a - 1, q + b - 1))));
/** ∂L/∂k_{ab} = Σ_{p,q} ∂L/∂y_{pq} x_{p+a-1, q+b-1}. */
const trueDK = (v: Access, a: number, b: number): Q => sum(1, O, (p) => sum(1, O, (q) => qmul(v.dy(p, q), v.x(p + a - 1, q + b - 1))));
/** ∂L/∂x_{rs} = Σ_{p,q} ∂L/∂y_{pq} k_{r-p+1, s-q+1} (k zero outside 1..2). */
const trueDX = (v: Access, r: number, s: number): Q => sum(1, O, (p) => sum(1, O, (q) => qmul(v.dy(p, q), v.w(r - p + 1, s - q + 1))));
/** ∂y_{pq}/∂k_{ab} = x_{p+a-1, q+b-1}. */
const dydk = (v: Access, p: number, q: number, a: number, b: number): Q => v.x(p + a - 1, q + b - 1);

type P = [[number, number], [number, number]];
/** Σ ∂L/∂y_{..} · x_{..} as written. */
const dyX = (terms: P[]) => (v: Access): Q => sum(0, terms.length - 1, (t) => qmul(v.dy(...terms[t]![0]), v.x(...terms[t]![1])));
/** Σ ∂L/∂y_{..} · k_{..} as written. */
const dyK = (terms: P[]) => (v: Access): Q => sum(0, terms.length - 1, (t) => qmul(v.dy(...terms[t]![0]), v.w(...terms[t]![1])));
/** Σ k_{..} x_{..} as written. */
const kX = (terms: P[]) => (v: Access): Q => sum(0, terms.length - 1, (t) => qmul(v.w(...terms[t]![0]), v.x(...terms[t]![1])));

const out = (line: number, p: number, q: number, snippet: string, terms: P[]): TruthEquation => ({
  line, snippet, truth: "holds", target: "Y", claimed: at(p, q, kX(terms), fwd),
  why: `the window of y_{${p}${q}} is x_{${p}${q}}… with each entry times the kernel entry at the same place (cross-correlation)`,
});
/** Lines 20–39: ∂L/∂k_{ab} = Σ_{pq} ∂L/∂y_{pq} ∂y_{pq}/∂k_{ab} (the chain rule over the four outputs). */
const chainK = (line: number, a: number, b: number): TruthEquation => ({
  line, snippet: `\\frac{\\partial L}{\\partial k_{${a}${b}}} `, truth: "holds", target: "dW",
  why: `the chain rule over all four outputs, each ∂y_{pq}/∂k_{${a}${b}} = x_{p+${a - 1},q+${b - 1}}`,
  claimed: at(a, b, (v) => sum(1, O, (p) => sum(1, O, (q) => qmul(v.dy(p, q), dydk(v, p, q, a, b)))), trueDK),
});
const simpK = (line: number, a: number, b: number, terms: P[]): TruthEquation => ({
  line, snippet: `\\frac{\\partial L}{\\partial k_{${a}${b}}} `, truth: "holds", target: "dW",
  why: `k_{${a}${b}} multiplies x_{${a}${b}}, x_{${a}${b + 1}}, x_{${a + 1}${b}}, x_{${a + 1}${b + 1}} in y_{11}, y_{12}, y_{21}, y_{22}`,
  claimed: at(a, b, dyX(terms), trueDK),
});
const dx = (line: number, r: number, c: number, snippet: string, terms: P[], why: string, truth: "holds" | "fails" = "holds"): TruthEquation => ({
  line, snippet, truth, target: "dX", why, claimed: at(r, c, dyK(terms), trueDX),
});

const src: CorpusSource = {
  file: "19-seanwang-conv-backprop-zh.tex",
  citation: "seanwang (SeanWangJS), 《卷积层的反向传播分析》, Fenrier Lab (blog on GitHub Pages), 20 July 2022",
  url: "https://github.com/SeanWangJS/SeanWangJS.github.io/blob/bd79a84c2bf7cf14c25762a058870b18ad3cef90/_posts/2022-07-20-conv-backpropagation.md",
  flags: ["--input", "3x3", "--kernel", "2x2", "--op", "xcorr", "--index-base", "1"],
  layer: { op: "xcorr", input: [N, N], kernel: [K, K], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: false, indexBase: 1 },
  indexBase: 1,
  equations: [
    out(9, 1, 1, "y_{11} &= k_{11} x_{11} + k_{12} x_{12} + k_{21} x_{21} + k_{22} x_{22}", [[[1, 1], [1, 1]], [[1, 2], [1, 2]], [[2, 1], [2, 1]], [[2, 2], [2, 2]]]),
    out(10, 1, 2, "y_{12} &= k_{11} x_{12} + k_{12} x_{13} + k_{21} x_{22} + k_{22} x_{23}", [[[1, 1], [1, 2]], [[1, 2], [1, 3]], [[2, 1], [2, 2]], [[2, 2], [2, 3]]]),
    out(11, 2, 1, "y_{21} &= k_{11} x_{21} + k_{12} x_{22} + k_{21} x_{31} + k_{22} x_{32}", [[[1, 1], [2, 1]], [[1, 2], [2, 2]], [[2, 1], [3, 1]], [[2, 2], [3, 2]]]),
    out(12, 2, 2, "y_{22} &= k_{11} x_{22} + k_{12} x_{23} + k_{21} x_{32} + k_{22} x_{33}", [[[1, 1], [2, 2]], [[1, 2], [2, 3]], [[2, 1], [3, 2]], [[2, 2], [3, 3]]]),
    chainK(20, 1, 1),
    chainK(25, 1, 2),
    chainK(30, 2, 1),
    chainK(35, 2, 2),
    simpK(47, 1, 1, [[[1, 1], [1, 1]], [[1, 2], [1, 2]], [[2, 1], [2, 1]], [[2, 2], [2, 2]]]),
    simpK(52, 1, 2, [[[1, 1], [1, 2]], [[1, 2], [1, 3]], [[2, 1], [2, 2]], [[2, 2], [2, 3]]]),
    simpK(57, 2, 1, [[[1, 1], [2, 1]], [[1, 2], [2, 2]], [[2, 1], [3, 1]], [[2, 2], [3, 2]]]),
    simpK(62, 2, 2, [[[1, 1], [2, 2]], [[1, 2], [2, 3]], [[2, 1], [3, 2]], [[2, 2], [3, 3]]]),
    { line: 75, snippet: "\\frac{\\partial L}{\\partial K} = \\mathrm{conv}(X, \\frac{\\partial L}{\\partial Y})", truth: "holds", target: "dW",
      why: "conv is the post's convolution of eq. (1) (cross-correlation, \"上式也是一个卷积运算，只不过它的卷积核变成了损失对 y 的梯度\"): X slid over by ∂L/∂Y gives entry (a, b) = Σ_{pq} x_{p+a-1,q+b-1} ∂L/∂y_{pq}",
      claimed: (v, [a, b]) => trueDK(v, a!, b!) },
    { line: 81, snippet: "\\frac{\\partial L}{\\partial x_i} = \\sum_{j} \\frac{\\partial L}{\\partial y_j} \\frac{\\partial y_j}{\\partial x_i}", truth: "holds", target: "dX",
      why: "the chain rule with i, j flat indices of an input and an output element (\"其中 x_i 表示输入张量的某个元素\"); ∂y_{pq}/∂x_{rs} = k_{r-p+1,s-q+1}",
      claimed: (v, [r, s]) => sum(1, O, (p) => sum(1, O, (q) => qmul(v.dy(p, q), v.w(r! - p + 1, s! - q + 1)))) },
    dx(88, 1, 1, "\\frac{\\partial L}{\\partial x_{11}} &= \\frac{\\partial L}{\\partial y_{11} } k_{11}", [[[1, 1], [1, 1]]], "x_{11} is only in y_{11}, times k_{11}"),
    dx(89, 1, 2, "\\frac{\\partial L}{\\partial x_{12}} &= \\frac{\\partial L}{\\partial y_{11} } k_{12}", [[[1, 1], [1, 2]], [[1, 2], [1, 1]]], "x_{12} is in y_{11} (times k_{12}) and y_{12} (times k_{11})"),
    dx(90, 1, 3, "\\frac{\\partial L}{\\partial x_{13}} &= \\frac{\\partial L}{\\partial y_{12}}k_{12}", [[[1, 2], [1, 2]]], "x_{13} is only in y_{12}, times k_{12}"),
    dx(91, 2, 1, "\\frac{\\partial L}{\\partial x_{21}} &= \\frac{\\partial L}{\\partial y_{11} }k_{21} +", [[[1, 1], [2, 1]], [[2, 1], [1, 1]]], "x_{21} is in y_{11} (times k_{21}) and y_{21} (times k_{11})"),
    dx(93, 2, 2, "\\frac{\\partial L}{\\partial x_{22}} &= \\frac{\\partial L}{\\partial y_{11} }k_{22} +", [[[1, 1], [2, 2]], [[1, 2], [2, 1]], [[2, 1], [1, 2]], [[2, 2], [1, 1]]],
      "x_{22} is in all four outputs, with k_{22}, k_{21}, k_{12}, k_{11}"),
    dx(97, 2, 3, "\\frac{\\partial L}{\\partial x_{23}} &= \\frac{\\partial L}{\\partial y_{12}} k_{12} +", [[[1, 2], [1, 2]], [[2, 2], [2, 2]]],
      "x_{23} is in y_{12} times k_{22} and in y_{22} times k_{12} (eq. (1)); the post pairs ∂L/∂y_{12} with k_{12} and ∂L/∂y_{22} (written ∂L/∂22, a typo) with k_{22}: the two kernel entries are swapped (and read literally ∂L/∂22 is not a gradient at all)", "fails"),
    dx(99, 3, 1, "\\frac{\\partial L}{\\partial x_{31}} &= \\frac{\\partial L}{\\partial y_{21}} k_{21}", [[[2, 1], [2, 1]]], "x_{31} is only in y_{21}, times k_{21}"),
    dx(100, 3, 2, "\\frac{\\partial L}{\\partial x_{32}} &= \\frac{\\partial L}{\\partial y_{21}} k_{22} + \\frac{\\partial L}{\\partial y_{22}} k_{21}", [[[2, 1], [2, 2]], [[2, 2], [2, 1]]],
      "x_{32} is in y_{21} (times k_{22}) and y_{22} (times k_{21})"),
    dx(101, 3, 3, "\\frac{\\partial L}{\\partial x_{33}} &= \\frac{\\partial L}{\\partial y_{22}} k_{22}", [[[2, 2], [2, 2]]], "x_{33} is only in y_{22}, times k_{22}"),
    { line: 110, snippet: "\\frac{\\partial L}{\\partial X} = \\mathrm{deconv}\\left(\\frac{\\partial L}{\\partial Y}, rotate(K)\\right)", truth: "holds", target: "dX",
      why: "deconv is the operation of the post's figure (\"也就是下图所示的运算关系\"): ∂L/∂Y padded with one ring of zeros and slid over (cross-correlated) by the kernel, which \"其实是 K 旋转了 180° 之后的结果\"; padded ∂L/∂Y ⋆ rot180(K) at (r, s) is Σ_{pq} ∂L/∂y_{pq} k_{r-p+1,s-q+1}. (Were deconv the transposed convolution, which already flips K, passing rotate(K) would flip it twice and fail.)",
      claimed: (v, [r, s]) => sum(1, K, (m) => sum(1, K, (n) => qmul(v.dy(r! + m - 2, s! + n - 2), v.w(K + 1 - m, K + 1 - n)))) },
  ],
};
export default src;
