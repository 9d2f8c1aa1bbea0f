/**
 * glenzli, «附录 A.9 CNN 反向传播原理 (CNN Backpropagation Principles)»: an appendix (Markdown, in Chinese) of his
 * open book «AI 技术发展精粹 (AI Summary Book)», repository glenzli/ai-summary-book, file
 * appendix/a.9_cnn_backpropagation.md as first committed (28 February 2026). It sets out to prove that the input
 * gradient of a convolution layer is the error "convolved" with the flipped kernel: it defines the forward
 * cross-correlation y_{i,j} = (X ⋆ K)_{i,j} = Σ_m Σ_n x_{i+m,j+n} k_{m,n} and the mathematical convolution
 * (A ∗ B)_{i,j} = Σ_m Σ_n A_{i−m,j−n} B_{m,n}, derives ∂L/∂x_{a,b} by the chain rule, rewrites it as δ ∗_math K,
 * then shows that a cross-correlation with K'_{m,n} = K_{−m,−n} ("即旋转 180 度") gives the same sums.
 * Layer: the appendix fixes no sizes and no index range; a small choice it allows: one input and one output
 * channel (it has no channel index), an input X of 4×5 (x_{a,b}), a 2×3 kernel K (k_{m,n}; non-square, so that m
 * and n are not interchangeable), stride 1, no padding (valid: y = X ⋆ K), 0-based (its offsets x_{i+m,j+n}
 * start at the window's corner), no bias (its forward pass has none). So y is 3×3. Read in the oracle's
 * layouts: x_{a,b} is v.x(a, b), k_{m,n} (also K_{m,n}) is v.w(m, n), δ_{i,j} = ∂L/∂y_{i,j} (line 24) is
 * v.dy(i, j). Its sums Σ_m, Σ_n, Σ_{i,j}, Σ_{p,q} have no bounds: they run over every integer, a term whose δ, x
 * or k index falls off its tensor being 0; so K_{−m,−n} is read as K at the negated offset (nonzero only for
 * m ∈ {−1, 0}, n ∈ {−2, …, 0}), as line 47 defines it, not as the array flip K_{1−m,2−n}.
 * The appendix's mistake is its stated goal, line 10, "证明：∇_X L = δ ∗ rot180(K)" (and the first sentence, in
 * words, "误差项 δ 与翻转后的卷积核的卷积"): with its own ∗, the mathematical convolution of line 19, and its own
 * rot180, K'_{m,n} = K_{−m,−n} (line 47), δ ∗ rot180(K) is Σ_{m,n} δ_{a−m,b−n} K_{−m,−n} = Σ_{p,q} δ_{a+p,b+q} K_{p,q}
 * = (δ ⋆ K)_{a,b}: flipping twice undoes the flip, and that is not the input gradient (Σ δ_{a−p,b−q} K_{p,q}); what
 * the appendix then proves (lines 40, 48-50 and 56) is δ ∗_math K = δ ⋆ rot180(K) — one flip, not two. (With the
 * array flip K_{1−m,2−n} for rot180 it fails as well: a convolution with a flipped kernel is a cross-correlation
 * shifted by the kernel's size.) Everything else holds: the chain rule (27), the forward pass recalled (29), the
 * closed form Σ_m Σ_n δ_{a−m,b−n} k_{m,n} (34), ∇_X L = δ ∗_math K (40), the chain (δ ⋆ K')_{a,b} = Σ δ_{a+m,b+n}
 * K'_{m,n} = Σ δ_{a+m,b+n} K_{−m,−n} (48) = Σ_{p,q} δ_{a−p,b−q} K_{p,q} (50, found with 48), and the conclusion
 * ∇_X L = δ ∗_math K ≡ Conv2D(input = δ, kernel = rot180(K)) (56; the Conv2D a cross-correlation over every
 * offset, i.e. with the full padding that K'_{m,n} = K_{−m,−n} and the unbounded sums imply). The appendix gives
 * no kernel or bias gradient.
 * Other: the index relations i + m = a, j + n = b, i = a − m, j = b − n (lines 30-31) and the substitution
 * p = −m, q = −n (line 49): which terms survive / a change of summation variable, not equations about tensors.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const H = 4,
  Wd = 5,
  KH = 2,
  KW = 3; // X: 4×5, K: 2×3, y: 3×3
const OH = H - KH + 1,
  OW = Wd - KW + 1;
/** The unbounded sums Σ_m, Σ_n, Σ_{i,j}, Σ_{p,q}: every offset where a term can be nonzero (and more). */
const R = 8;
const all = (f: (m: number) => Q): Q => sum(-R, R, f);

/** ∂L/∂x_{a,b} = Σ_m Σ_n δ_{a−m,b−n} k_{m,n} (line 34). */
const dXconv = (v: Access, [a, b]: number[]): Q => all((m) => all((n) => qmul(v.dy(a! - m, b! - n), v.w(m, n))));

/** Line 27: Σ_{i,j} ∂L/∂y_{i,j} ∂y_{i,j}/∂x_{a,b} = Σ_{i,j} δ_{i,j} ∂y_{i,j}/∂x_{a,b}, with ∂y_{i,j}/∂x_{a,b} = k_{a−i,b−j}. */
const dXchain = (v: Access, [a, b]: number[]): Q =>
  sum(0, OH - 1, (i) => sum(0, OW - 1, (j) => qmul(v.dy(i, j), v.w(a! - i, b! - j))));

/** Line 10: δ ∗ rot180(K) with ∗ the convolution of line 19 and rot180(K)_{m,n} = K'_{m,n} = K_{−m,−n} (line 47). */
const doubleFlip = (v: Access, [a, b]: number[]): Q => all((m) => all((n) => qmul(v.dy(a! - m, b! - n), v.w(-m, -n))));

/** Line 48 (with line 50): (δ ⋆ K')_{a,b} = Σ δ_{a+m,b+n} K'_{m,n} = Σ δ_{a+m,b+n} K_{−m,−n} = Σ_{p,q} δ_{a−p,b−q} K_{p,q}. */
const xcorrRot = (v: Access, [a, b]: number[]): Q => {
  const kp = (m: number, n: number) => v.w(-m, -n); // K'_{m,n} = K_{−m,−n}
  const first = all((m) => all((n) => qmul(v.dy(a! + m, b! + n), kp(m, n))));
  const second = all((m) => all((n) => qmul(v.dy(a! + m, b! + n), v.w(-m, -n))));
  const third = all((p) => all((q) => qmul(v.dy(a! - p, b! - q), v.w(p, q))));
  return chain(first, second, third);
};

/** Line 29: y_{i,j} = Σ_{m,n} x_{i+m,j+n} k_{m,n} (no bias). */
const Y = (v: Access, [i, j]: number[]): Q => all((m) => all((n) => qmul(v.x(i! + m, j! + n), v.w(m, n))));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const survive =
  "which terms of the sum contain x_{a,b} (an index relation in the prose), not an equation about the layer's tensors";

const src: CorpusSource = {
  file: "77-glenzli-ai-summary-book-cnn-backprop-zh.md",
  citation:
    "glenzli (GitHub: glenzli), «附录 A.9 CNN 反向传播原理 (CNN Backpropagation Principles)», an appendix of his open Chinese-language book «AI 技术发展精粹 (AI Summary Book)», repository glenzli/ai-summary-book, file appendix/a.9_cnn_backpropagation.md, added 28 February 2026, read at commit 832368675f5860ec96909d777e1638747d40c51b: the whole appendix (goal, definitions of cross-correlation and convolution, the input gradient by the chain rule, its relation to rot180, conclusion)",
  url: "https://github.com/glenzli/ai-summary-book/blob/832368675f5860ec96909d777e1638747d40c51b/appendix/a.9_cnn_backpropagation.md",
  flags: ["--input", "4x5", "--kernel", "2x3", "--op", "xcorr", "--index-base", "0"],
  layer: {
    op: "xcorr",
    input: [H, Wd],
    kernel: [KH, KW],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "valid",
    inChannels: null,
    outChannels: null,
    groups: 1,
    batch: null,
    bias: false,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    {
      line: 10,
      snippet: "\\nabla_X \\mathcal{L} = \\delta * \\text{rot180}(K)",
      truth: "fails",
      target: "dX",
      why: "with the appendix's own ∗ (the mathematical convolution, line 19) and rot180 (K'_{m,n} = K_{−m,−n}, line 47), δ ∗ rot180(K) = Σ δ_{a−m,b−n} K_{−m,−n} = Σ δ_{a+p,b+q} K_{p,q} = (δ ⋆ K)_{a,b}: the kernel flipped twice, not the input gradient Σ δ_{a−p,b−q} K_{p,q} it then derives (δ ∗ K, or δ ⋆ rot180(K))",
      claimed: doubleFlip,
    },
    {
      line: 15,
      snippet: "y_{i,j} = (X \\star K)_{i,j} = \\sum_{m} \\sum_{n} x_{i+m, j+n} \\cdot k_{m,n}",
      truth: "definition",
      why: "the layer's forward pass (the cross-correlation of X with K, no bias), which also defines the appendix's ⋆",
    },
    {
      line: 19,
      snippet: "(A * B)_{i,j} = \\sum_{m} \\sum_{n} A_{i-m, j-n} \\cdot B_{m,n}",
      truth: "definition",
      why: "the definition of the mathematical convolution ∗ the appendix uses",
    },
    {
      line: 24,
      snippet: "\\delta_{i,j} = \\frac{\\partial \\mathcal{L}}{\\partial y_{i,j}}",
      truth: "definition",
      why: "the error δ: the gradient of the loss with respect to the layer's output y",
    },
    {
      line: 27,
      snippet:
        "\\frac{\\partial \\mathcal{L}}{\\partial x_{a,b}} = \\sum_{i,j} \\frac{\\partial \\mathcal{L}}{\\partial y_{i,j}} \\frac{\\partial y_{i,j}}{\\partial x_{a,b}} = \\sum_{i,j} \\delta_{i,j} \\frac{\\partial y_{i,j}}{\\partial x_{a,b}}",
      truth: "holds",
      target: "dX",
      why: "the chain rule over every output y_{i,j}, then ∂L/∂y_{i,j} written δ_{i,j} (line 24); ∂y_{i,j}/∂x_{a,b} = k_{a−i,b−j} (0 off the kernel)",
      claimed: dXchain,
    },
    {
      line: 29,
      snippet: "y_{i,j} = \\sum_{m,n} x_{i+m, j+n} k_{m,n}",
      truth: "holds",
      target: "Y",
      why: "the forward pass of line 15 recalled: y_{i,j} = Σ_{m,n} x_{i+m,j+n} k_{m,n}, the layer's output (no bias)",
      claimed: Y,
    },
    other(30, "i+m=a", survive),
    other(30, "j+n=b", survive),
    other(31, "i = a-m", survive),
    other(31, "j = b-n", survive),
    {
      line: 34,
      snippet:
        "\\frac{\\partial \\mathcal{L}}{\\partial x_{a,b}} = \\sum_{m} \\sum_{n} \\delta_{a-m, b-n} \\cdot k_{m,n}",
      truth: "holds",
      target: "dX",
      why: "x_{a,b} enters y_{i,j} with weight k_{m,n} exactly where i = a − m, j = b − n: ∂L/∂x_{a,b} = Σ_{m,n} δ_{a−m,b−n} k_{m,n} (a δ index off the output being 0)",
      claimed: dXconv,
    },
    {
      line: 40,
      snippet: "\\nabla_X \\mathcal{L} = \\delta *_{math} K",
      truth: "holds",
      target: "dX",
      why: "line 34 in the notation of line 19: (δ ∗ K)_{a,b} = Σ_{m,n} δ_{a−m,b−n} K_{m,n}, the full convolution of δ with the kernel",
      claimed: dXconv,
    },
    {
      line: 47,
      snippet: "K'_{m,n} = K_{-m, -n}",
      truth: "definition",
      why: "the flipped kernel K' (its rot180): K at the negated offset",
    },
    {
      line: 48,
      snippet:
        "(\\delta \\star K')_{a,b} = \\sum_{m,n} \\delta_{a+m, b+n} K'_{m,n} = \\sum_{m,n} \\delta_{a+m, b+n} K_{-m,-n}",
      truth: "holds",
      target: "dX",
      why: "the cross-correlation of δ with K' = rot180(K), expanded, then (line 50, read with it) with p = −m, q = −n: Σ_{p,q} δ_{a−p,b−q} K_{p,q} — every link equals the input gradient",
      claimed: xcorrRot,
    },
    other(49, "p = -m", "the change of summation variable, not an equation about the layer's tensors"),
    other(49, "q = -n", "the change of summation variable, not an equation about the layer's tensors"),
    {
      line: 56,
      snippet:
        "\\nabla_X \\mathcal{L} = \\delta *_{math} K \\equiv \\text{Conv2D}(\\text{input}=\\delta, \\text{kernel}=\\text{rot180}(K))",
      truth: "holds",
      target: "dX",
      why: "δ ∗_math K is the input gradient (line 40), and a framework's Conv2D (a cross-correlation) of δ with rot180(K) = K' over every offset is the same sums (lines 48-50)",
      claimed: (v, idx) => chain(dXconv(v, idx), xcorrRot(v, idx)),
    },
  ],
};
export default src;
