/**
 * Eddy Zhou (GitHub: Edwardius), "Layers": a page of his Obsidian notes published with Quartz as "Ed-Eddy-Edward
 * Brain Dump" (content/Deep Learning/Layers.md of the repository Edwardius/ed-eddy-edward-braindump, 30 October
 * 2025) — the backward pass of a linear layer, of a 1D convolution, of a 2D convolution with input and output
 * channels, and of scaled dot-product attention, each as its gradients with respect to weights, bias and input.
 * Layer: the page's "Convolutional Layer (2D Case)", the one with channels: Z_{i,j,c} = Σ_{m,n,d} W_{m,n,d,c}
 * X_{i+m,j+n,d} + b_c, a cross-correlation (X_{i+m, j+n}: the kernel is not flipped, whatever "* is the
 * convolution operator" says) with one bias per output channel, stride 1, no padding (the sums run over the
 * valid positions; nothing pads X). Channels LAST, as TensorFlow lays them out: X_{i,j,d} is row i, column j,
 * input channel d; W_{m,n,d,c} is kernel row m, column n, input channel d, output channel c (HWIO); Z_{i,j,c}
 * is output row i, column j, channel c. No batch. 0-based: the 2D section gives no ranges, but X_{i+m,j+n}
 * with the output's first position reading the input's first window needs i, m from 0 (its 1D section, 1-based,
 * writes x_{i+j−1} for that instead). The page gives no sizes: chosen here a 4×5 input, a 3×2 kernel, C_in = 2,
 * C_out = 3 (so Z is 2×4 per channel). So the source's X_{i,j,d} is v.x(d, i, j), W_{m,n,d,c} is
 * v.w(c, d, m, n), ∂L/∂Z_{i,j,c} is v.dy(c, i, j) (0 off the 2×4 output, as the unbounded Σ_{m,n,c} of the
 * input gradient is read) and b_c is v.b(c).
 * The page's formulas about this layer all hold: the forward pass (line 49), ∂L/∂W (57), ∂L/∂X (61) and ∂L/∂b
 * (65). Its slips are in the words around them, not in the formulas: "* is the convolution operator" for what
 * its index form makes a cross-correlation, "a 180 degree horizontally flipped kernel" (the rotation flips both
 * axes: W_{m,n} meets ∂L/∂Z_{i−m,j−n}), and the bias gradient summed "over that specific input channel" (c is
 * the OUTPUT channel, as the page itself says of c).
 * Other: the linear layer (lines 6–18), the 1D section (lines 22–41: its own single-channel, 1-based layer —
 * its formulas, checked by hand, hold for that layer: x_p enters z_i for i = p − k + 1 … p under w_{p−i+1}),
 * Z=W*X+b (line 46, the layer written with an operator the next line defines) and the attention section
 * (lines 69–114).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const H = 4,
  Wd = 5,
  KH = 3,
  KW = 2,
  CI = 2,
  CO = 3; // X 4×5×2, W 3×2×2×3, Z 2×4×3
const HO = H - KH + 1,
  WO = Wd - KW + 1;

/** Σ_{m,n,d} W_{m,n,d,c} X_{i+m,j+n,d} + b_c (the oracle's Y[c, i, j]). */
const fwd = (v: Access, [c, i, j]: number[]): Q =>
  qadd(
    sum(0, KH - 1, (m) => sum(0, KW - 1, (n) => sum(0, CI - 1, (d) => qmul(v.w(c!, d, m, n), v.x(d, i! + m, j! + n))))),
    v.b(c!),
  );
/** Σ_{i,j} ∂L/∂Z_{i,j,c} X_{i+m,j+n,d} (the oracle's dW[c, d, m, n]). */
const dW = (v: Access, [c, d, m, n]: number[]): Q =>
  sum(0, HO - 1, (i) => sum(0, WO - 1, (j) => qmul(v.dy(c!, i, j), v.x(d!, i + m!, j + n!))));
/** Σ_{m,n,c} ∂L/∂Z_{i−m,j−n,c} W_{m,n,d,c} (the oracle's dX[d, i, j]; ∂L/∂Z is 0 off the output). */
const dX = (v: Access, [d, i, j]: number[]): Q =>
  sum(0, KH - 1, (m) => sum(0, KW - 1, (n) => sum(0, CO - 1, (c) => qmul(v.dy(c, i! - m, j! - n), v.w(c, d!, m, n)))));
/** Σ_{i,j} ∂L/∂Z_{i,j,c}. */
const db = (v: Access, [c]: number[]): Q => sum(0, HO - 1, (i) => sum(0, WO - 1, (j) => v.dy(c!, i, j)));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const linear = "the linear (fully connected) layer's backward pass, another layer than the convolution";
const oneD = (what: string) =>
  `the 1D section's ${what}: its own single-channel, 1-based layer (z_i = Σ_{j=1}^{k} w_j x_{i+j−1} + b), not this 2D one with channels (true of that layer, checked by hand)`;
const attention = "the scaled dot-product attention section, another layer than the convolution";

const src: CorpusSource = {
  file: "83-zhou-layers-conv-channels.md",
  citation:
    'Eddy Zhou (GitHub: Edwardius), "Layers", a page of his Obsidian notes published with Quartz as "Ed-Eddy-Edward Brain Dump" (braindump.ededdyedward.com), file content/Deep Learning/Layers.md of the repository Edwardius/ed-eddy-edward-braindump (added 30 October 2025, commit 82268d5ffdbe82d0210bd9fd11bdbfb921e781f5), read at its last change, commit cd059fb28982603972a120c98e47053d940ceb03 (30 October 2025): the whole page (linear layer; 1D convolution; 2D convolution with input and output channels, W_{m,n,d,c}: forward pass, ∂L/∂W, ∂L/∂X, ∂L/∂b; attention)',
  url: "https://github.com/Edwardius/ed-eddy-edward-braindump/blob/cd059fb28982603972a120c98e47053d940ceb03/content/Deep%20Learning/Layers.md",
  flags: [
    "--input",
    "4x5",
    "--kernel",
    "3x2",
    "--op",
    "xcorr",
    "--index-base",
    "0",
    "--in-channels",
    "2",
    "--out-channels",
    "3",
    "--bias",
  ],
  layer: {
    op: "xcorr",
    input: [H, Wd],
    kernel: [KH, KW],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "valid",
    inChannels: CI,
    outChannels: CO,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    other(6, "z=Wx+b", linear),
    other(
      10,
      "\\frac{\\partial\\mathcal{L}}{\\partial W}=\\frac{\\partial\\mathcal{L}}{\\partial z}\\cdot x^{T}",
      linear,
    ),
    other(14, "\\frac{\\partial\\mathcal{L}}{\\partial b}=\\frac{\\partial\\mathcal{L}}{\\partial z}", linear),
    other(
      18,
      "\\frac{\\partial\\mathcal{L}}{\\partial x}=W^{T}\\cdot \\frac{\\partial\\mathcal{L}}{\\partial z}",
      linear,
    ),
    other(22, "m = n - k + 1", oneD("output length (n inputs, a k-tap kernel: n − k + 1 valid positions)")),
    other(24, "z_i = \\sum_{j=1}^{k} w_j \\cdot x_{i+j-1} + b", oneD("forward pass")),
    {
      line: 29,
      snippet: "\\frac{\\partial\\mathcal{L}}{\\partial z}=\\left[ \\delta_{1},\\delta_{2},\\dots,\\delta_{m} \\right]",
      truth: "definition",
      why: "names the 1D layer's output gradient δ_i = ∂L/∂z_i (a notation, of the 1D section's layer)",
    },
    other(
      33,
      "\\frac{\\partial \\mathcal{L}}{\\partial b} = \\sum_{i=1}^{m} \\delta_i",
      oneD("bias gradient, Σ_i δ_i"),
    ),
    other(
      37,
      "\\frac{\\partial \\mathcal{L}}{\\partial w_j} = \\sum_{i=1}^{m} \\delta_i \\cdot x_{i+j-1}",
      oneD("kernel gradient, Σ_i δ_i x_{i+j−1}"),
    ),
    other(
      41,
      "\\frac{\\partial \\mathcal{L}}{\\partial x_p} = \\sum_{i=\\max(1, p-k+1)}^{\\min(m, p)} \\delta_i \\cdot w_{p-i+1}",
      oneD("input gradient, x_p under w_{p−i+1} in z_i for i = max(1, p−k+1) … min(m, p)"),
    ),
    {
      line: 46,
      snippet: "Z=W*X+b",
      truth: "definition",
      why: "the layer in operator notation, its * given meaning by the index form on line 49 (a cross-correlation summed over input channels, though the words call it 'the convolution operator')",
    },
    {
      line: 49,
      snippet: "Z_{i, j, c}=\\sum_{m, n, d}W_{m, n, d, c}\\cdot X_{i+m, j+n, d}+b_{c}",
      truth: "holds",
      target: "Y",
      why: "the layer's forward pass: output channel c at (i, j) sums, over the kernel's rows m, columns n and the input channels d, W_{m,n,d,c} times the input under it, X_{i+m,j+n,d}, plus that channel's bias b_c",
      claimed: fwd,
    },
    {
      line: 57,
      snippet:
        "\\frac{\\partial\\mathcal{L}}{\\partial W_{m, n, d, c}}=\\sum_{i, j} \\frac{\\partial\\mathcal{L}}{\\partial Z_{i, j, c}}\\cdot X_{i+m,j+n,d}",
      truth: "holds",
      target: "dW",
      why: "W_{m,n,d,c} multiplies X_{i+m,j+n,d} in every output Z_{i,j,c} of its own output channel c and in no other channel: the sum over the output positions (i, j) of ∂L/∂Z_{i,j,c} times that input",
      claimed: dW,
    },
    {
      line: 61,
      snippet:
        "\\frac{\\partial\\mathcal{L}}{\\partial X_{i,j,d}}=\\sum_{m,n,c} \\frac{\\partial\\mathcal{L}}{\\partial Z_{i-m,j-n,c}}\\cdot W_{m,n,d,c}",
      truth: "holds",
      target: "dX",
      why: "X_{i,j,d} sits under kernel entry (m, n) in the output Z_{i−m,j−n,c} of every output channel c, with weight W_{m,n,d,c}: the sum over m, n and c, the terms whose (i − m, j − n) is off the output 0",
      claimed: dX,
    },
    {
      line: 65,
      snippet:
        "\\frac{\\partial\\mathcal{L}}{\\partial b_{c}}=\\sum_{i,j} \\frac{\\partial\\mathcal{L}}{\\partial Z_{i,j,c}}",
      truth: "holds",
      target: "db",
      why: "b_c is added with coefficient 1 to every output of channel c and to no other: its gradient is the sum of ∂L/∂Z over that channel's positions (the OUTPUT channel c, not the 'input channel' the words say)",
      claimed: db,
    },
    other(69, "\\text{Attention}(Q, K, V) = \\text{softmax}", attention),
    other(74, "Q = XW_Q", attention),
    other(75, "K = XW_K", attention),
    other(76, "V = XW_V", attention),
    other(77, "A = \\text{softmax}", attention),
    other(85, "\\frac{\\partial \\mathcal{L}}{\\partial V} = A^T", attention),
    other(
      89,
      "\\frac{\\partial \\mathcal{L}}{\\partial A} = \\frac{\\partial \\mathcal{L}}{\\partial \\text{out}} \\cdot V^T",
      attention,
    ),
    other(91, "S = \\frac{QK^T}{\\sqrt{d_k}}", attention),
    other(93, "\\frac{\\partial \\mathcal{L}}{\\partial S} = A \\odot", attention),
    other(100, "\\frac{\\partial \\mathcal{L}}{\\partial Q} = \\frac{1}{\\sqrt{d_k}}", attention),
    other(103, "\\frac{\\partial \\mathcal{L}}{\\partial K} = \\frac{1}{\\sqrt{d_k}}", attention),
    other(108, "\\frac{\\partial \\mathcal{L}}{\\partial W_Q} = X^T", attention),
    other(111, "\\frac{\\partial \\mathcal{L}}{\\partial W_K} = X^T", attention),
    other(114, "\\frac{\\partial \\mathcal{L}}{\\partial W_V} = X^T", attention),
  ],
};
export default src;
