/**
 * Jefkine Kafunah, "Backpropagation In Convolutional Neural Networks" (jefkine.com, 2016).
 * Layer: cross-correlation (x^l_{i,j} = Σ_m Σ_n w^l_{m,n} o^{l-1}_{i+m,j+n} + b^l), 0-based, with a
 * bias; the input o^{l-1} is H×W = 5×4 and the kernel k_1×k_2 = 3×2, so the output is 3×3.
 * In the input-gradient half of the post the same layer is called l+1: its input is o^l = f(x^l),
 * its deltas δ^{l+1} are v.dy, and ∂E/∂x^l carries the factor f'(x^l_{i',j'}) (scale).
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource } from "./types.js";

const H = 5, W = 4, K1 = 3, K2 = 2;
const HO = H - K1 + 1, WO = W - K2 + 1;


/** Σ_m Σ_n w_{m,n} o_{i+m,j+n} + b (Eq. 5/7 and the notation list). */
const forward = (v: Access, i: number, j: number): Q =>
  qadd(sum(0, K1 - 1, (m) => sum(0, K2 - 1, (n) => qmul(v.w(m, n), v.x(i + m, j + n)))), v.b());
/** Valid convolution (A ∗ B)_{p,q} = Σ_{u,v} A_{p+s1-1-u, q+s2-1-v} B_{u,v} for a kernel B of size s1×s2. */
const convValid = (A: (p: number, q: number) => Q, B: (u: number, v: number) => Q, s1: number, s2: number, p: number, q: number): Q =>
  sum(0, s1 - 1, (u) => sum(0, s2 - 1, (w) => qmul(A(p + s1 - 1 - u, q + s2 - 1 - w), B(u, w))));
/** ∂E/∂w_{m',n'} = Σ_{i=0}^{H-k_1} Σ_{j=0}^{W-k_2} δ^l_{i,j} o^{l-1}_{i+m',j+n'} (Eq. 13). */
const dW13 = (v: Access, m: number, n: number): Q =>
  sum(0, H - K1, (i) => sum(0, W - K2, (j) => qmul(v.dy(i, j), v.x(i + m, j + n))));
/** Σ_{m=0}^{k_1-1} Σ_{n=0}^{k_2-1} δ^{l+1}_{i'-m,j'-n} w^{l+1}_{m,n} f'(x^l_{i',j'}) (Eq. 17/20). */
const dX20 = (v: Access, i: number, j: number): Q =>
  qmul(sum(0, K1 - 1, (m) => sum(0, K2 - 1, (n) => qmul(v.dy(i - m, j - n), v.w(m, n)))), v.fprime("x", i, j));
const fp = (v: Access, [i, j]: number[]) => v.fprime("x", i!, j!);

const src: CorpusSource = {
  file: "06-jefkine-backprop-cnn.tex",
  citation: "Jefkine Kafunah, \"Backpropagation In Convolutional Neural Networks\", jefkine.com (DeepGrid blog), 5 September 2016",
  url: "http://www.jefkine.com/general/2016/09/05/backpropagation-in-convolutional-neural-networks/",
  flags: ["--input", "5x4", "--kernel", "3x2", "--op", "xcorr", "--index-base", "0", "--bias"],
  layer: { op: "xcorr", input: [5, 4], kernel: [3, 2], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: true, indexBase: 0 },
  indexBase: 0,
  equations: [
    { line: 5, snippet: "f(x) = max(0,x)", truth: "other", why: "the ReLU activation, not the convolution layer" },
    { line: 11, snippet: "(I \\otimes K)_{ij} &=", truth: "definition", why: "defines the cross-correlation operator ⊗ (Eq. 1)" },
    { line: 19, snippet: "(I \\ast K)_{ij} &=", truth: "definition",
      why: "defines the convolution operator ∗ (Eq. 2); its second link (Eq. 3) is only right if m, n run over -(k-1)..0 — with the printed ranges 0..k-1 and K zero outside it keeps only K(0,0)" },
    { line: 24, snippet: "K(-m,-n) == K(m,n)", truth: "other", why: "a remark on symmetric kernels, not about the layer's values" },
    { line: 26, snippet: "C = 3", truth: "other", why: "number of colour channels of an image" },
    { line: 32, snippet: "(I \\ast K)_{ij} &=", truth: "holds", target: "Y",
      why: "Eq. 4 with C = 1 (our single-channel layer) is the cross-correlation Σ K_{m,n} I_{i+m,j+n} + b, which is the layer's forward pass although the post calls it ∗ (convolution)",
      claimed: (v, [i, j]) => forward(v, i!, j!) },
    { line: 38, snippet: "C = 1", truth: "other", why: "single-channel assumption" },
    { line: 42, snippet: "(I \\ast K)_{ij} &=", truth: "holds", target: "Y", why: "Eq. 5: cross-correlation plus bias, 0-based, ranges 0..k-1",
      claimed: (v, [i, j]) => forward(v, i!, j!) },
    { line: 47, snippet: "l=1", truth: "other", why: "layer numbering" },
    { line: 47, snippet: "l=L", truth: "other", why: "layer numbering" },
    { line: 55, snippet: "x_{i,j}^l = \\sum_{m}\\sum_{n}", truth: "holds", target: "Y", why: "notation item 6: the forward pass with implied ranges m < k_1, n < k_2",
      claimed: (v, [i, j]) => forward(v, i!, j!) },
    { line: 61, snippet: "o_{i,j}^l = f(x_{i,j}^{l})", truth: "other", why: "the activation applied after the layer" },
    { line: 70, snippet: "x_{i,j}^l &= \\text{rot}_{180^\\circ}", truth: "holds", target: "Y",
      why: "Eq. 6: a (valid) convolution with the 180°-rotated kernel is the cross-correlation with w, plus the bias (b_{i,j} the same b at every position)",
      claimed: (v, [i, j]) => qadd(convValid((p, q) => v.x(p, q), (u, w) => v.w(K1 - 1 - u, K2 - 1 - w), K1, K2, i!, j!), v.b()) },
    { line: 71, snippet: "x_{i,j}^l &= \\sum_{m} \\sum_{n}", truth: "holds", target: "Y", why: "Eq. 7: the cross-correlation forward pass (b_{i,j} = b at every position)",
      claimed: (v, [i, j]) => forward(v, i!, j!) },
    { line: 72, snippet: "o_{i,j}^l &= f(x_{i,j}^l)", truth: "other", why: "Eq. 8: the activation" },
    { line: 79, snippet: "E &=  \\frac{1}{2}", truth: "other", why: "Eq. 9: the mean squared error loss" },
    { line: 89, snippet: "\\frac{\\partial E}{\\partial w_{m^{\\prime},n^{\\prime}}^l} &=", truth: "holds", target: "dW",
      why: "Eq. 10: chain rule over the (H-k_1+1)×(W-k_2+1) outputs; with ∂x_{i,j}/∂w_{m',n'} = o_{i+m',j+n'} it is Σ δ_{i,j} o_{i+m',j+n'}",
      claimed: (v, [m, n]) => dW13(v, m!, n!) },
    { line: 98, snippet: "\\frac{\\partial x_{i,j}^{l}}{\\partial w_{m^{\\prime},n^{\\prime}}^l} = \\frac{\\partial}", truth: "holds",
      why: "Eq. 11: the local partial derivative of the forward formula (not a gradient of E)" },
    { line: 102, snippet: "m = m'", truth: "other", why: "the surviving term's index condition, not an equation about the layer" },
    { line: 102, snippet: "n = n'", truth: "other", why: "the surviving term's index condition" },
    { line: 106, snippet: "\\frac{\\partial x_{i,j}^{l}}{\\partial w_{m^{\\prime},n^{\\prime}}^l} &=", truth: "holds",
      why: "Eq. 12: ∂x_{i,j}/∂w_{m',n'} = o_{i+m',j+n'} (local partial derivative)" },
    { line: 116, snippet: "\\frac{\\partial E}{\\partial w_{m',n'}^l} &=", truth: "holds", target: "dW",
      why: "Eq. 13 is the kernel gradient; Eq. 14, the valid convolution of o^{l-1} with the rotated δ^l, is the cross-correlation of o^{l-1} with δ^l, the same value",
      claimed: (v, [m, n]) =>
        chain(dW13(v, m!, n!), convValid((p, q) => v.x(p, q), (u, w) => v.dy(HO - 1 - u, WO - 1 - w), HO, WO, m!, n!)) },
    { line: 127, snippet: "\\delta^{l}_{i,j} &= \\frac{\\partial E}{\\partial x_{i,j}^{l}}", truth: "definition", why: "Eq. 15 defines δ^l" },
    { line: 139, snippet: "\\frac{\\partial E}{\\partial x_{i',j'}^{l}} &= \\sum_{i,j \\in Q}", truth: "holds", target: "dX", scale: fp,
      why: "Eq. 16: chain rule over the region Q = [i'-k_1+1, i']×[j'-k_2+1, j'] of outputs; each ∂x^{l+1}_Q/∂x^l_{i',j'} = w_{i'-p,j'-q} f'(x^l_{i',j'})",
      claimed: (v, [i, j]) =>
        qmul(sum(i! - K1 + 1, i!, (p) => sum(j! - K2 + 1, j!, (q) => qmul(v.dy(p, q), v.w(i! - p, j! - q)))), v.fprime("x", i!, j!)) },
    { line: 148, snippet: "\\frac{\\partial E}{\\partial x_{i',j'}^{l}} &= \\sum_{m = 0}^{k_1 -1}", truth: "holds", target: "dX", scale: fp,
      why: "Eq. 17: the same chain rule indexed by m, n (δ^{l+1} zero outside the output)", claimed: (v, [i, j]) => dX20(v, i!, j!) },
    { line: 159, snippet: "\\frac{\\partial x_{i'-m,j'-n}^{l+1}}{\\partial x_{i',j'}^l} &=", truth: "holds",
      why: "Eq. 18: rewriting the forward formula of layer l+1 with o^l = f(x^l) (local partial derivative)" },
    { line: 164, snippet: "m' = m", truth: "other", why: "the surviving term's index condition" },
    { line: 164, snippet: "n' = n", truth: "other", why: "the surviving term's index condition" },
    { line: 168, snippet: "\\frac{\\partial x_{i^{\\prime} - m,j^{\\prime} - n}^{l+1}}{\\partial x_{i',j'}^l} &=", truth: "holds",
      why: "Eq. 19: ∂x^{l+1}_{i'-m,j'-n}/∂x^l_{i',j'} = w^{l+1}_{m,n} f'(x^l_{i',j'}) (local partial derivative)" },
    { line: 179, snippet: "\\frac{\\partial E}{\\partial x_{i',j'}^{l}} &=", truth: "holds", target: "dX", scale: fp,
      why: "Eq. 20: Σ_m Σ_n δ^{l+1}_{i'-m,j'-n} w_{m,n} f'(x_{i',j'}), the full convolution of δ^{l+1} with w (δ zero outside)",
      claimed: (v, [i, j]) => dX20(v, i!, j!) },
    // Eqs. 20–22, step by step (each row against its left side ∂E/∂x_{i',j'})
    { line: 187, snippet: "\\frac{\\partial E}{\\partial x_{i',j'}^{l}} &=", truth: "holds", target: "dX", scale: fp,
      why: "the first link, Eq. 20 again: Σ_m Σ_n δ^{l+1}_{i'-m,j'-n} w_{m,n} f'(x_{i',j'})",
      claimed: (v, [i, j]) => dX20(v, i!, j!) },
    { line: 188, snippet: "& = \\text{rot}_{180^\\circ} \\left\\{", truth: "fails", target: "dX", scale: fp,
      why: "Eq. 21 rotates the result of the correlation Σ δ_{i'+m,j'+n} w_{m,n} instead of the kernel: as an entry formula, rot180 of the scalar at (i',j') is the correlation's entry at the opposite corner, Σ δ_{(H-1-i')+m,(W-1-j')+n} w_{m,n} (H×W = 5×4 the input), not the gradient",
      claimed: (v, [i, j]) =>
        qmul(sum(0, K1 - 1, (m) => sum(0, K2 - 1, (n) => qmul(v.dy(4 - i! + m, 3 - j! + n), v.w(m, n)))), v.fprime("x", i!, j!)) },
    { line: 189, snippet: "&= \\delta^{l+1}_{i',j'} \\ast \\text{rot}_{180^\\circ}", truth: "fails", target: "dX", scale: fp,
      why: "Eq. 22, δ^{l+1} ∗ rot180{w} (a convolution with the rotated kernel = a cross-correlation Σ δ_{i'+m,j'+n} w_{m,n}), flips the kernel twice",
      claimed: (v, [i, j]) =>
        // Eq. 22 read as the full convolution: Σ_m Σ_n δ_{i'-m,j'-n} rot180(w)_{m,n}, rot180(w)_{m,n} = w_{k1-1-m,k2-1-n}
        qmul(sum(0, K1 - 1, (m) => sum(0, K2 - 1, (n) => qmul(v.dy(i! - m, j! - n), v.w(K1 - 1 - m, K2 - 1 - n)))), v.fprime("x", i!, j!)) },
  ],
};
export default src;
