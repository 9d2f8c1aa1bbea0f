/**
 * 邱锡鹏《神经网络与深度学习》ch. 5 (draft edition). 1-based indices; the book's "卷积" ⊗ is
 * cross-correlation (5.7): y_ij = Σ_{u=1}^m Σ_{v=1}^n w_uv x_{i+u-1,j+v-1}. Wide convolution
 * W ⊗̃ X = W ⊗ X̃ with X̃ zero-padded by m−1, n−1 on both ends (5.9). Our layer: one input and one
 * output map (D = P = 1) with a scalar bias b, X 6×4 (M×N), W 3×2 (m×n), Y 4×3 (M−m+1 × N−n+1).
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import type { Access, CorpusSource } from "./types.js";

const M = 6;
const N = 4;
const m = 3;
const n = 2;
const MO = M - m + 1; // 4
const NO = N - n + 1; // 3

/** (A ⊗ B)_{ij} = Σ_u Σ_v a_uv b_{i+u-1,j+v-1} (5.7) over A's extent ha×wa. */
function xcorr(a: (u: number, v: number) => Q, ha: number, wa: number, b: (r: number, c: number) => Q, i: number, j: number): Q {
  let acc: Q = Q0;
  for (let u = 1; u <= ha; u++) for (let v = 1; v <= wa; v++) acc = qadd(acc, qmul(a(u, v), b(i + u - 1, j + v - 1)));
  return acc;
}

/** A ⊗̃ B = A ⊗ B̃, B̃ = B zero-padded by (ha−1, wa−1) on both ends (5.9). */
function wide(a: (u: number, v: number) => Q, ha: number, wa: number, b: (r: number, c: number) => Q, i: number, j: number): Q {
  return xcorr(a, ha, wa, (r, c) => b(r - (ha - 1), c - (wa - 1)), i, j);
}

/** Y = W ⊗ X + b (5.20 / 5.25 / 5.32 with D = P = 1). */
const forwardWithBias = (v: Access, [i, j]: number[]): Q => qadd(xcorr((u, w) => v.w(u, w), m, n, (r, c) => v.x(r, c), i!, j!), v.b());

/** rot180(W) ⊗̃ δ  (5.18 / 5.36). */
const rotWwideDelta = (v: Access, s: number, t: number): Q =>
  wide((u, w) => v.w(m - u + 1, n - w + 1), m, n, (r, c) => v.dy(r, c), s, t);

const src: CorpusSource = {
  file: "02-qiu-nndl-ch5.tex",
  citation:
    "邱锡鹏 (Xipeng Qiu), 《神经网络与深度学习》 (Neural Networks and Deep Learning), online draft of the textbook (机械工业出版社, 2020), 第5章 卷积神经网络, §5.1 (eqs. 5.6–5.18), §5.2 (5.19–5.21), §5.3 参数学习 (5.25–5.36)",
  url: "https://nndl.github.io/",
  flags: ["--input", "6x4", "--kernel", "3x2", "--op", "xcorr", "--index-base", "1", "--bias"],
  layer: { op: "xcorr", input: [6, 4], kernel: [3, 2], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: true, indexBase: 1 },
  indexBase: 1,
  equations: [
    { line: 7, snippet: "y_{ij} = \\sum_{u=1}^{m} \\sum_{v=1}^{n} w_{uv} \\cdot x_{i-u+1,j-v+1}", truth: "definition", why: "defines true 2-D convolution (flipped kernel), which the book then replaces by cross-correlation" },
    { line: 14, snippet: "y_{ij} = \\sum_{u=1}^{m} \\sum_{v=1}^{n} w_{uv} \\cdot x_{i+u-1,j+v-1}", truth: "definition", why: "defines cross-correlation, the operation ⊗ the book calls 卷积 from here on (1-based, no bias)" },
    { line: 20, snippet: "Y = W \\otimes X,", truth: "definition", why: "names the cross-correlation of eq. 5.7 as Y = W ⊗ X" },
    { line: 34, snippet: "Y = W \\otimes X", truth: "definition", why: "the assumption of the derivative lemma (a bias-free cross-correlation feeding a scalar function f)" },
    // the chain 5.11–5.13, step by step (each row against its left side ∂f(Y)/∂w_uv)
    {
      line: 36, snippet: "\\frac{\\partial f(Y)}{\\partial w_{uv}} &=", truth: "holds",
      why: "eq. 5.11, the chain rule: ∂y_ij/∂w_uv = x_{i+u−1,j+v−1}, so Σ_i Σ_j ∂y_ij/∂w_uv ∂f/∂y_ij = Σ_{i,j} δ_ij x_{i+u−1,j+v−1}, the kernel gradient",
      target: "dW",
      claimed: (v, [u, w]) => xcorr((i, j) => v.dy(i, j), MO, NO, (r, c) => v.x(r, c), u!, w!),
    },
    {
      line: 38, snippet: "&= \\sum_{i=1}^{M-m+1} \\sum_{j=1}^{N-n+1} \\frac{\\partial f(Y)}{\\partial y_{ij}} x_{u+i-1, v+j-1}", truth: "holds",
      why: "eq. 5.13: Σ_i Σ_j δ_ij x_{u+i−1,v+j−1}, the same sum as 5.11 with its factors exchanged",
      target: "dW",
      claimed: (v, [u, w]) => xcorr((i, j) => v.dy(i, j), MO, NO, (r, c) => v.x(r, c), u!, w!),
    },
    {
      line: 37, snippet: "&= \\sum_{i=1}^{M-m+1} \\sum_{i=1}^{N-n+1} x_{i+u-1,j+v-1}", truth: "fails",
      why: "eq. 5.12's second sum repeats the index i (Σ_{i=1}^{M−m+1} Σ_{i=1}^{N−n+1}) instead of j: read as written, j is unbound and the inner i runs over the column range",
      target: "dW",
      // literal reading of 5.12: the inner Σ re-binds i, the outer Σ only repeats it (M−m+1 times), j is free (witness j = 1)
      claimed: (v, [u, w]) => {
        const j = 1;
        let acc: Q = Q0;
        for (let outer = 1; outer <= M - m + 1; outer++)
          for (let i = 1; i <= N - n + 1; i++) acc = qadd(acc, qmul(v.x(i + u! - 1, j + w! - 1), v.dy(i, j)));
        return acc;
      },
    },
    { line: 40, snippet: "y_{ij} = \\sum_{u,v} w_{uv} x_{i+u-1,j+v-1}", truth: "definition", why: "margin note restating the lemma's forward pass y = W ⊗ X entrywise (bias-free, as assumed in the lemma)" },
    {
      line: 44, snippet: "\\frac{\\partial f(Y)}{\\partial W} = \\frac{\\partial f(Y)}{\\partial Y} \\otimes X", truth: "holds",
      why: "(∂f/∂Y ⊗ X)_{uv} = Σ_{i,j} δ_ij x_{u+i−1,v+j−1}, the kernel gradient of a cross-correlation",
      target: "dW",
      claimed: (v, [u, w]) => xcorr((i, j) => v.dy(i, j), MO, NO, (r, c) => v.x(r, c), u!, w!),
    },
    {
      line: 49, snippet: "\\frac{\\partial f(Y)}{\\partial x_{st}} &=", truth: "holds",
      why: "∂y_ij/∂x_st = w_{s−i+1,t−j+1} (0 outside the kernel), so ∂f/∂x_st = Σ_{i,j} w_{s−i+1,t−j+1} δ_ij",
      target: "dX",
      claimed: (v, [s, t]) => {
        let acc: Q = Q0;
        for (let i = 1; i <= MO; i++) for (let j = 1; j <= NO; j++) acc = qadd(acc, qmul(v.w(s! - i + 1, t! - j + 1), v.dy(i, j)));
        return acc;
      },
    },
    { line: 52, snippet: "w_{s-i+1,t-j+1} = 0", truth: "definition", why: "the convention that kernel entries outside 1..m × 1..n are zero" },
    { line: 52, snippet: "p = (M - m, N - n)", truth: "holds", why: "in eq. 5.16 i runs over 1..M−m+1, so s−i+1 reaches M−m rows beyond W on each side: W is effectively zero-padded by M−m (rows) and N−n (columns)", target: "size" },
    {
      line: 56, snippet: "\\frac{\\partial f(Y)}{\\partial X} &= \\text{rot} 180", truth: "holds",
      why: "rot180(δ) ⊗̃ W and rot180(W) ⊗̃ δ both equal Σ_{i,j} w_{s−i+1,t−j+1} δ_ij (the full convolution of δ with W), i.e. eq. 5.16",
      target: "dX",
      // eq. 5.17: rot180(δ) ⊗̃ W, W padded by (MO−1, NO−1)
      claimed: (v, [s, t]) => wide((i, j) => v.dy(MO - i + 1, NO - j + 1), MO, NO, (r, c) => v.w(r, c), s!, t!),
    },
    { line: 65, snippet: "\\mathbf{z}^{(l)} = \\mathbf{w}^{(l)} \\otimes \\mathbf{a}^{(l-1)} + b^{(l)}", truth: "other", why: "the 1-D convolutional layer that replaces a fully connected one (our layer is 2-D)" },
    { line: 69, snippet: "n^{(l)} = n^{(l-1)} - m + 1", truth: "holds", why: "a narrow (valid) 1-D convolution of n^{(l−1)} inputs with an m-tap filter has n^{(l−1)} − m + 1 outputs", target: "size" },
    {
      line: 75, snippet: "Z^{p} = \\mathbf{W}^{p} \\otimes \\mathbf{X} + b^{p}", truth: "holds",
      why: "each output map is the sum over input maps of W^{p,d} ⊗ X^d plus a scalar bias (here D = P = 1)",
      target: "Y", claimed: forwardWithBias,
    },
    { line: 78, snippet: "Y^p = f(Z^p)", truth: "other", why: "the activation applied after the convolution" },
    { line: 86, snippet: "Z^{(l,p)} = \\sum_{d=1}^{D} W^{(l,p,d)} \\otimes X^{(l-1,d)} + b^{(l,p)}", truth: "holds", why: "the layer-l forward pass, as eq. 5.20", target: "Y", claimed: forwardWithBias },
    {
      line: 92, snippet: "\\frac{\\partial \\mathcal{L}(Y,\\hat{Y})}{\\partial W^{(l,p,d)}} &=", truth: "holds",
      why: "by eq. 5.14: the kernel gradient is the error term δ^{(l,p)} cross-correlated over the input map X^{(l−1,d)}",
      target: "dW",
      claimed: (v, [u, w]) => xcorr((i, j) => v.dy(i, j), MO, NO, (r, c) => v.x(r, c), u!, w!),
    },
    { line: 95, snippet: "\\delta^{(l,p)} = \\frac{\\partial \\mathcal{L}(Y,\\hat{Y})}{\\partial Z^{(l,p)}}", truth: "definition", why: "defines the error term δ^{(l,p)} as the gradient with respect to the net input Z^{(l,p)}" },
    {
      line: 99, snippet: "\\frac{\\partial \\mathcal{L}(Y,\\hat{Y})}{\\partial b^{(l,p)}} = \\sum_{i,j}", truth: "holds",
      why: "the scalar bias is added to every entry of Z^{(l,p)}, so its gradient is the sum of all entries of δ^{(l,p)}",
      target: "db",
      claimed: (v) => {
        let acc: Q = Q0;
        for (let i = 1; i <= MO; i++) for (let j = 1; j <= NO; j++) acc = qadd(acc, v.dy(i, j));
        return acc;
      },
    },
    { line: 106, snippet: "Z^{(l+1,p)} = \\sum_{d=1}^{D} W^{(l+1,p,d)} \\otimes X^{(l,d)} + b^{(l+1,p)}", truth: "holds", why: "the same forward pass written for layer l+1 (input X^{(l,d)})", target: "Y", claimed: forwardWithBias },
    {
      line: 112, snippet: "\\delta^{(l,d)} &\\triangleq", truth: "holds",
      why: "X^{(l,d)} = f_l(Z^{(l,d)}) element-wise, and ∂L/∂X^{(l,d)} = Σ_p rot180(W^{(l+1,p,d)}) ⊗̃ δ^{(l+1,p)} (eq. 5.18 applied to layer l+1), so δ^{(l,d)} = f'_l ⊙ that sum",
      target: "dX",
      scale: (v, [s, t]) => v.fprime("Z", s!, t!),
      claimed: (v, [s, t]) => qmul(v.fprime("Z", s!, t!), rotWwideDelta(v, s!, t!)),
    },
  ],
};
export default src;
