/**
 * Eddy Zhou (GitHub: Edwardius), "Layers": a note of his Obsidian vault "Braindump", published with Quartz at
 * braindump.ededdyedward.com (repository Edwardius/ed-eddy-edward-braindump, file content/Deep Learning/Layers.md,
 * added 26 October 2025, read at commit cd059fb, 30 October 2025). A cheat sheet of layers and their gradients: a
 * linear layer, "Convolutional Layer (1D Case)" (forward pass with a bias, then the bias, kernel and input gradients
 * in index notation, the input gradient with the exact bounds max(1, p − k + 1) … min(m, p)), "Convolutional Layer (2D
 * Case)" (a multi-channel layer, channel last: Z_{i,j,c} = Σ_{m,n,d} W_{m,n,d,c} X_{i+m,j+n,d} + b_c, and its three
 * gradients) and scaled dot-product attention.
 * Layer: the 1-D case's own — "input length n, kernel length k, output length m = n − k + 1", z_i = Σ_{j=1}^{k} w_j
 * x_{i+j−1} + b: a valid cross-correlation (the kernel unflipped), stride 1, one channel, one scalar bias b, 1-based
 * (sums from 1, i ∈ {1, …, m}). Sizes (ours; the note has no example): n = 6, k = 3, so m = 4 (--input 6 --kernel 3
 * --op xcorr --index-base 1 --bias). δ_i = ∂L/∂z_i (line 30) is v.dy(i), 0 off 1 … m; ∂L/∂x_p the oracle's dX, ∂L/∂w_j
 * its dW, ∂L/∂b its db.
 * Holds: every formula about this layer. m = n − k + 1 (line 23: a valid window of k taps fits n − k + 1 times);
 * the forward pass (25); ∂L/∂b = Σ_{i=1}^{m} δ_i (34: b enters every z_i with coefficient 1); ∂L/∂w_j = Σ_{i=1}^{m}
 * δ_i x_{i+j−1} (38: w_j multiplies x_{i+j−1} in z_i); ∂L/∂x_p = Σ_{i=max(1,p−k+1)}^{min(m,p)} δ_i w_{p−i+1} (42: x_p
 * enters z_i under w_j with i + j − 1 = p, i.e. j = p − i + 1, which lies in 1 … k exactly when p − k + 1 ≤ i ≤ p; with
 * 1 ≤ i ≤ m these are the bounds as written — checked with those bounds, not with δ read as 0 outside).
 * Definition: ∂L/∂z = [δ_1, δ_2, …, δ_m] (30), the name δ for the output gradient.
 * Other: the linear layer z = Wx + b and its three gradients (7–19: right for that layer — ∂L/∂W = ∂L/∂z x^T, ∂L/∂b =
 * ∂L/∂z, ∂L/∂x = W^T ∂L/∂z — but another layer; its z and b are the same letters as the 1-D convolution's, not the
 * same tensors); the 2-D case (47–66), another layer — "z -> Z which is a tensor, x -> X which is a tensor" — whose
 * formulas are right for it (Z = W * X + b with "* the convolution operator" defined by the index form below it, a
 * cross-correlation; ∂L/∂W_{m,n,d,c} = Σ_{i,j} ∂L/∂Z_{i,j,c} X_{i+m,j+n,d}; ∂L/∂X_{i,j,d} = Σ_{m,n,c} ∂L/∂Z_{i−m,j−n,c}
 * W_{m,n,d,c}, Z read as 0 outside its range; ∂L/∂b_c = Σ_{i,j} ∂L/∂Z_{i,j,c} — the prose beside it says "over that
 * specific input channel", the formula sums for the output channel c, as it should); the attention section (70–115:
 * its forward pass, the definitions Q = XW_Q, K, V, A, S, and the backward formulas, right for attention).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const n = 6,
  k = 3,
  m = n - k + 1; // x_1 … x_6, w_1 … w_3, z_1 … z_4

/** z_i = Σ_{j=1}^{k} w_j x_{i+j−1} + b. */
const forward = (v: Access, [i]: number[]): Q =>
  qadd(
    sum(1, k, (j) => qmul(v.w(j), v.x(i! + j - 1))),
    v.b(),
  );
/** ∂L/∂b = Σ_{i=1}^{m} δ_i. */
const biasGrad = (v: Access): Q => sum(1, m, (i) => v.dy(i));
/** ∂L/∂w_j = Σ_{i=1}^{m} δ_i x_{i+j−1}. */
const kernelGrad = (v: Access, [j]: number[]): Q => sum(1, m, (i) => qmul(v.dy(i), v.x(i + j! - 1)));
/** ∂L/∂x_p = Σ_{i=max(1, p−k+1)}^{min(m, p)} δ_i w_{p−i+1}, with the note's bounds (an empty range is 0). */
const inputGrad = (v: Access, [p]: number[]): Q => {
  const lo = Math.max(1, p! - k + 1),
    hi = Math.min(m, p!);
  return lo > hi ? Q0 : sum(lo, hi, (i) => qmul(v.dy(i), v.w(p! - i + 1)));
};

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });

const linear = "the linear (fully connected) layer z = Wx + b, another layer than the convolution (right for it)";
const twoD = "the 2-D multi-channel convolution (channel last), another layer than the 1-D case's";
const attention = "scaled dot-product attention, not the convolution";

const src: CorpusSource = {
  file: "104-zhou-braindump-layers-conv1d.md",
  citation:
    'Eddy Zhou (GitHub: Edwardius), "Layers", a note of his Obsidian vault "Braindump" published with Quartz (braindump.ededdyedward.com/Deep-Learning/Layers), repository Edwardius/ed-eddy-edward-braindump, file content/Deep Learning/Layers.md (added 26 October 2025), read at commit cd059fb28982603972a120c98e47053d940ceb03 (30 October 2025): the whole note (linear layer; "Convolutional Layer (1D Case)": forward pass, bias, kernel and input gradients; "Convolutional Layer (2D Case)"; scaled dot-product attention)',
  url: "https://github.com/Edwardius/ed-eddy-edward-braindump/blob/cd059fb28982603972a120c98e47053d940ceb03/content/Deep%20Learning/Layers.md",
  flags: ["--input", "6", "--kernel", "3", "--op", "xcorr", "--index-base", "1", "--bias"],
  layer: {
    op: "xcorr",
    input: [n],
    kernel: [k],
    stride: [1],
    dilation: [1],
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
    other(7, "z=Wx+b", linear),
    other(
      11,
      "\\frac{\\partial\\mathcal{L}}{\\partial W}=\\frac{\\partial\\mathcal{L}}{\\partial z}\\cdot x^{T}",
      linear,
    ),
    other(
      15,
      "\\frac{\\partial\\mathcal{L}}{\\partial b}=\\frac{\\partial\\mathcal{L}}{\\partial z}",
      "the linear layer's bias gradient (z = Wx + b, so ∂L/∂b_i = ∂L/∂z_i: right for it); its z and b are not the 1-D convolution's output and bias, whose bias gradient is Σ_i δ_i (line 34)",
    ),
    other(
      19,
      "\\frac{\\partial\\mathcal{L}}{\\partial x}=W^{T}\\cdot \\frac{\\partial\\mathcal{L}}{\\partial z}",
      linear,
    ),
    {
      line: 23,
      snippet: "m = n - k + 1",
      truth: "holds",
      target: "size",
      why: "a valid (unpadded, stride-1) window of k taps fits at n − k + 1 positions of an input of length n",
    },
    {
      line: 25,
      snippet: "z_i = \\sum_{j=1}^{k} w_j \\cdot x_{i+j-1} + b",
      truth: "holds",
      target: "Y",
      why: "the layer's forward pass: the valid cross-correlation of x with w, 1-based, plus the scalar bias b, for i = 1 … m",
      claimed: forward,
    },
    {
      line: 30,
      snippet: "\\frac{\\partial\\mathcal{L}}{\\partial z}=\\left[ \\delta_{1},\\delta_{2},\\dots,\\delta_{m} \\right]",
      truth: "definition",
      why: "names the output gradient: δ_i = ∂L/∂z_i",
    },
    {
      line: 34,
      snippet: "\\frac{\\partial \\mathcal{L}}{\\partial b} = \\sum_{i=1}^{m} \\delta_i",
      truth: "holds",
      target: "db",
      why: "b enters every output z_i with coefficient 1",
      claimed: (v) => biasGrad(v),
    },
    {
      line: 38,
      snippet: "\\frac{\\partial \\mathcal{L}}{\\partial w_j} = \\sum_{i=1}^{m} \\delta_i \\cdot x_{i+j-1}",
      truth: "holds",
      target: "dW",
      why: "w_j multiplies x_{i+j−1} in z_i, for every output i = 1 … m",
      claimed: kernelGrad,
    },
    {
      line: 42,
      snippet:
        "\\frac{\\partial \\mathcal{L}}{\\partial x_p} = \\sum_{i=\\max(1, p-k+1)}^{\\min(m, p)} \\delta_i \\cdot w_{p-i+1}",
      truth: "holds",
      target: "dX",
      why: "x_p enters z_i under w_j with i + j − 1 = p, so j = p − i + 1, a kernel index (1 … k) exactly when p − k + 1 ≤ i ≤ p; with 1 ≤ i ≤ m these are the bounds as written",
      claimed: inputGrad,
    },
    other(47, "Z=W*X+b", `${twoD}: its operator form, * defined by the index form below it (a cross-correlation)`),
    other(50, "Z_{i, j, c}=\\sum_{m, n, d}W_{m, n, d, c}\\cdot X_{i+m, j+n, d}+b_{c}", `${twoD}: its forward pass`),
    other(
      58,
      "\\frac{\\partial\\mathcal{L}}{\\partial W_{m, n, d, c}}=\\sum_{i, j} \\frac{\\partial\\mathcal{L}}{\\partial Z_{i, j, c}}\\cdot X_{i+m,j+n,d}",
      `${twoD}: its kernel gradient (right for it)`,
    ),
    other(
      62,
      "\\frac{\\partial\\mathcal{L}}{\\partial X_{i,j,d}}=\\sum_{m,n,c} \\frac{\\partial\\mathcal{L}}{\\partial Z_{i-m,j-n,c}}\\cdot W_{m,n,d,c}",
      `${twoD}: its input gradient (right for it, Z's gradient 0 outside Z)`,
    ),
    other(
      66,
      "\\frac{\\partial\\mathcal{L}}{\\partial b_{c}}=\\sum_{i,j} \\frac{\\partial\\mathcal{L}}{\\partial Z_{i,j,c}}",
      `${twoD}: its bias gradient (right for it)`,
    ),
    other(70, "\\text{Attention}(Q, K, V) = \\text{softmax}", attention),
    other(75, "Q = XW_Q", attention),
    other(76, "K = XW_K", attention),
    other(77, "V = XW_V", attention),
    other(78, "A = \\text{softmax}", attention),
    other(86, "\\frac{\\partial \\mathcal{L}}{\\partial V} = A^T", attention),
    other(
      90,
      "\\frac{\\partial \\mathcal{L}}{\\partial A} = \\frac{\\partial \\mathcal{L}}{\\partial \\text{out}} \\cdot V^T",
      attention,
    ),
    other(92, "S = \\frac{QK^T}{\\sqrt{d_k}}", attention),
    other(94, "\\frac{\\partial \\mathcal{L}}{\\partial S} = A \\odot", attention),
    other(101, "\\frac{\\partial \\mathcal{L}}{\\partial Q} = \\frac{1}{\\sqrt{d_k}}", attention),
    other(104, "\\frac{\\partial \\mathcal{L}}{\\partial K} = \\frac{1}{\\sqrt{d_k}}", attention),
    other(109, "\\frac{\\partial \\mathcal{L}}{\\partial W_Q} = X^T", attention),
    other(112, "\\frac{\\partial \\mathcal{L}}{\\partial W_K} = X^T", attention),
    other(115, "\\frac{\\partial \\mathcal{L}}{\\partial W_V} = X^T", attention),
  ],
};
export default src;
