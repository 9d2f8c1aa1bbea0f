/**
 * hhk7734 (loliot), "Convolution 2D": a page of his Docusaurus wiki (docs/nn/basics/cnn/nn-cnn-conv2d.mdx of the
 * repository hhk7734/wiki, published on loliot.net) — the forward pass of a convolution layer in index notation and
 * in operator form (A^l = σ(A^{l−1} * W^l + B^l)), the convolution written as a cross-correlation with the rotated
 * kernel (K(m, n) = K'(M−1−m, N−1−n), (I * K)_{ij} = (I ⊗ K')_{ij}), and the gradients with respect to the layer's
 * input (δ^l through δ^{l+1}, the kernel ω' and σ'), the kernel ω' and the bias, each as a chain rule and its
 * closed form. The page follows Jefkine's notation (corpus 06, which it cites; ω' is Jefkine's rotated kernel), but
 * is its own condensed text, with its own forward pass (a per-position bias b^l_{i,j}, written inside the sum).
 * Layer: one channel (the page's examples: in_channels=1, out_channels=1, kernel_size=3), 0-based (K(M−1−m, N−1−n)
 * and the index shifts i+m, i−m are those of indices m = 0 … M−1), stride 1, no padding (the formulas have none),
 * a cross-correlation z_{i,j} = Σ_{m,n} a_{i+m,j+n} ω'_{m,n} with the kernel ω' (the oracle's W is ω'), with a bias.
 * Sizes chosen by us: a 4×4 input, the page's 3×3 kernel (kernel_size=3), so a 2×2 output.
 * The page's bias is per position, b^l_{i,j} (and B^l, a matrix); the oracle's bias is one shared scalar b — a
 * special case (b^l_{i,j} = b for all i, j). Line 9 is checked with it: its error is there for any bias.
 * Reading per equation: for the input gradient (line 113) the layer is layer l+1 — its input a^l = σ(z^l) is the
 * oracle's X, its kernel (ω')^{l+1} is W, δ^{l+1} = ∂Loss/∂z^{l+1} is v.dy, and δ^l = ∂Loss/∂z^l is the input
 * gradient times σ'(z^l_{i,j}) (scale: v.fprime("z", i, j)); for the kernel gradient (line 129) it is layer l —
 * a^{l−1} is X, δ^l is v.dy. δ^{l+1}_{i−m,j−n} and δ^{l+1}_{x,y} are read 0 off the 2×2 output, ω'_{i−x,j−y} 0 off
 * the 3×3 kernel (no term there), as every full-correlation formula of the corpus is read.
 * The page's mistake: the forward pass (line 9) puts the bias inside the double sum's braces —
 * Σ_m Σ_n {a_{i+m,j+n} ω'_{m,n} + b_{i,j}} adds the bias M·N times (9 times for the 3×3 kernel), not once; its own
 * bias gradient (line 142, = δ_{i,j}) is that of a bias added once.
 * Everything else about the gradients holds: the chain rule and both closed forms of δ^l (line 113), those of the
 * kernel gradient (129). The convolution/cross-correlation identity of line 28 is true (K(M−1−m, N−1−n) = K'(m, n)
 * by line 23) but is about the operators * and ⊗ on any I, K, not about this layer's tensors: listed as the page's
 * definition of its convolution.
 * Other: the bias gradient of line 142 (∂Loss/∂b^l_{i,j} = δ^l_{i,j}: true for the page's per-position bias, which
 * enters only z_{i,j}, with coefficient 1; the oracle's layer has one shared bias, whose gradient is Σ δ, so it is
 * not checked here), the kernel example's two matrices (41, 42: K = rot180(K'), consistent with line 23).
 * Not found by verify, so not listed: the definition δ^l_{i,j} ≡ ∂Loss/∂z^l_{i,j} of line 108 (written with ≡).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 4,
  M = 3,
  O = N - M; // 4×4 input, 3×3 kernel ω', output positions 0 … O (2×2)

/** Σ_m Σ_n {a_{i+m,j+n} ω'_{m,n} + b_{i,j}}: line 9 as written, the bias inside the double sum. */
const biasInside = (v: Access, [i, j]: number[]): Q =>
  sum(0, M - 1, (m) => sum(0, M - 1, (n) => qadd(qmul(v.x(i! + m, j! + n), v.w(m, n)), v.b())));
/** Σ_x Σ_y δ^{l+1}_{x,y} ω'_{i−x,j−y} σ'(z^l_{i,j}) over the output positions x, y. */
const dzOverXY = (v: Access, i: number, j: number): Q =>
  sum(0, O, (x) => sum(0, O, (y) => qmul(qmul(v.dy(x, y), v.w(i - x, j - y)), v.fprime("z", i, j))));
/** Σ_m Σ_n δ^{l+1}_{i−m,j−n} ω'_{m,n} σ'(z^l_{i,j}) over the kernel positions m, n. */
const dzOverMN = (v: Access, i: number, j: number): Q =>
  sum(0, M - 1, (m) => sum(0, M - 1, (n) => qmul(qmul(v.dy(i - m, j - n), v.w(m, n)), v.fprime("z", i, j))));
/** Σ_i Σ_j δ^l_{i,j} a^{l−1}_{i+m,j+n}: the kernel gradient. */
const dW = (v: Access, m: number, n: number): Q =>
  sum(0, O, (i) => sum(0, O, (j) => qmul(v.dy(i, j), v.x(i + m, j + n))));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });

const src: CorpusSource = {
  file: "76-hhk7734-loliot-conv2d-backprop.md",
  citation:
    'hhk7734 (GitHub: hhk7734; site loliot.net), "Convolution 2D", a page of his Docusaurus wiki, repository hhk7734/wiki, file docs/nn/basics/cnn/nn-cnn-conv2d.mdx, read at commit 1a8712dd78c66dd397cf7b426d9dbb0dd6b1795d (also published at https://loliot.net/docs/nn/basics/cnn/nn-cnn-conv2d/): the whole page (forward pass in index and operator form, convolution as cross-correlation with the rotated kernel, δ^l, ∂Loss/∂ω\' and ∂Loss/∂b as chain rules and closed forms)',
  url: "https://github.com/hhk7734/wiki/blob/1a8712dd78c66dd397cf7b426d9dbb0dd6b1795d/docs/nn/basics/cnn/nn-cnn-conv2d.mdx",
  flags: ["--input", "4x4", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0", "--bias"],
  layer: {
    op: "xcorr",
    input: [N, N],
    kernel: [M, M],
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
    {
      line: 9,
      snippet: "z^l_{i,j} = \\sum_m \\sum_n{a^{l-1}_{i+m,j+n} (\\omega')^l_{m,n} + b^l_{i,j}}",
      truth: "fails",
      target: "Y",
      why: "the braces put the bias inside the double sum: Σ_m Σ_n {a_{i+m,j+n} ω'_{m,n} + b_{i,j}} adds the bias M·N = 9 times, the layer (and the page's own ∂Loss/∂b = δ, line 142) adds it once",
      claimed: biasInside,
    },
    {
      line: 13,
      snippet: "A^l = \\sigma (Z^l) = \\sigma ( A^{l-1} * W^l + B^l )",
      truth: "definition",
      why: "defines the activation A^l = σ(Z^l) and names the operator form of the forward pass (W^l, B^l the kernel and bias as matrices; with the page's * of line 28, A^{l−1} * W^l is line 9's cross-correlation only if W^l is the rotated ω'^l, which the page leaves unsaid)",
    },
    {
      line: 23,
      snippet: "K(m, n) = K'(M-1-m, N-1-n)",
      truth: "definition",
      why: "defines K as the 180°-rotated K' (the relation between a convolution kernel and its cross-correlation kernel)",
    },
    {
      line: 28,
      snippet: "( I * K )_{ij}",
      truth: "definition",
      why: "defines the page's convolution * of any I and K (a valid window with the kernel read backwards) and shows it equals the cross-correlation with K' — true by line 23 (K(M−1−m, N−1−n) = K'(m, n)), an identity about the operators, not about this layer's tensors",
    },
    other(
      41,
      "K' = \\begin{bmatrix}9 & 8 & 7",
      "the kernel example's numbers (K' and, line 42, K = rot180(K'), consistent with line 23), not a formula about the layer's gradients",
    ),
    other(42, "K = \\begin{bmatrix}1 & 2 & 3", "the kernel example's K, the rotated K' of line 41"),
    {
      line: 113,
      snippet: "\\delta^l_{i,j} = \\frac{\\partial Loss}{\\partial z^l_{i,j}}",
      truth: "holds",
      target: "dX",
      scale: (v, [i, j]) => v.fprime("z", i!, j!),
      why: "z^l_{i,j} enters z^{l+1}_{x,y} through a^l_{i,j} = σ(z^l_{i,j}) under ω'_{i−x,j−y} (i = x + m): the chain rule over the outputs x, y, its closed form, and the same sum re-indexed by m = i − x (δ^{l+1} 0 off the output, ω' 0 off the kernel) — all three links equal ∂Loss/∂a^l_{i,j} σ'(z^l_{i,j})",
      claimed: (v, [i, j]) => chain(dzOverXY(v, i!, j!), dzOverXY(v, i!, j!), dzOverMN(v, i!, j!)),
    },
    {
      line: 129,
      snippet: "\\frac {\\partial Loss} {\\partial (\\omega')^l_{m,n}}",
      truth: "holds",
      target: "dW",
      why: "ω'_{m,n} multiplies a_{i+m,j+n} in every z_{i,j}: the chain rule over the outputs with ∂z_{i,j}/∂ω'_{m,n} = a_{i+m,j+n}, and its closed form Σ_{i,j} δ_{i,j} a_{i+m,j+n} (the input correlated with the output gradient)",
      claimed: (v, [m, n]) => chain(dW(v, m!, n!), dW(v, m!, n!)),
    },
    other(
      142,
      "\\frac {\\partial Loss} {\\partial b^l_{i,j}}",
      "the gradient of the page's per-position bias b^l_{i,j}: true for it (b_{i,j} enters only z_{i,j}, with coefficient 1, so the chain rule leaves δ_{i,j}), but the oracle's layer has one shared bias (gradient Σ δ), so it is not checked here",
    ),
  ],
};
export default src;
