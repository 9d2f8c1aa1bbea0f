/**
 * Gabriel Nery (GitHub: ggnery), "CNN-Scratch": the README of his from-scratch CNN (PyTorch tensors as arrays,
 * SciPy for the 2-D correlations; repository ggnery/CNN-Scratch, read at the commit of 21 July 2025), whose "Key
 * Components" give each layer's forward and backward pass as GitHub ```math formulas — for the convolutional layer
 * Y_i = B_i + Σ_{j=0}^{n} X_j ⋆ K_{ij}, ∂E/∂K_{ij} = X_j ⋆ ∂E/∂Y_i, ∂E/∂B = ∂E/∂Y and ∂E/∂X_j = Σ_{i=0}^{n} ∂E/∂Y_i
 * *_full K_{ij} (The Independent Code's formulas, rewritten with 0-based channel indices).
 * Layer: the README's own MNIST example, "Convolutional layer (1→5 filters, 3x3 kernels)" (line 21): one input
 * channel, five output channels (kernels), 3×3 kernels, stride 1, no padding (the code's output is I − K + 1). The
 * README's input is 28×28; we take a 4×4 input (a 2×2 output) to keep the check small — nothing in the formulas
 * depends on the spatial size. Index base 0: the channel indices run from 0 (j = 0, i = 0..d); no spatial index is
 * written. X is [1, 4, 4], K [5, 1, 3, 3] (K_{ij} the j-th channel of the i-th kernel: W[i, j, ·, ·]), Y [5, 2, 2].
 * Operators: ⋆ is the valid cross-correlation and *_full the full convolution (kernel rotated by 180°), The
 * Independent Code's notation, which the README follows and its code computes (signal.correlate2d(..., "valid") in
 * the forward pass and the kernel gradient, signal.convolve2d(..., "full") in the input gradient). ∂E/∂Y_i is the
 * gradient of the pre-activation output Y_i (the activation is a separate layer), the oracle's v.dy(i, ·, ·).
 * Bias: untied — the code allocates the bias as a d × H' × W' tensor (one bias per output entry); the README's B_i,
 * added to the matrix sum, is that matrix. The oracle and verify's --bias give one bias per output channel, the
 * special case of a constant B_i: the forward pass (line 34) is this layer's definition either way; the bias
 * gradient ∂E/∂B = ∂E/∂Y (line 42) is right for the untied bias (each entry enters one output entry with weight 1)
 * but is about a bias this layer cannot represent (the per-channel gradient is the sum over positions): other, as
 * 89's dE/dB_i.
 * The kernel gradient (line 39) holds: K_{ij}[p, q] multiplies X_j[u + p, v + q] in Y_i[u, v], so ∂E/∂K_{ij}[p, q] =
 * Σ_{u,v} X_j[u + p, v + q] δ_i[u, v], the valid cross-correlation of X_j with δ_i = ∂E/∂Y_i.
 * The README's mistake: the input gradient (line 45) sums i = 0..n, but i indexes the output channels (i = 0..d in
 * the forward pass, line 34) and n is the input channels' bound (j = 0..n). Each term ∂E/∂Y_i *_full K_{ij} is right
 * (the full convolution with the kernel rotated), but only the output channels i ≤ n are summed; with the README's
 * 1 → 5 filters (n = 0 read as the last input-channel index, as the inclusive sums say, d = 4) only i = 0 is kept and
 * the contributions of output channels 1–4 are lost. (Read as the code's comments have it, n the input depth and the
 * sums exclusive, i = 0..1 — still 3 of the 5 channels lost.) The Independent Code's original sums i = 1..d.
 * Definitions: the forward pass (line 34, which verify reads as the layer's definition) and, after it in the same
 * display, "i = 0..d", the range of its output-channel index (listed on its own: verify reads it as a claim). Other:
 * the bias gradient.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource } from "./types.js";

const CI = 1,
  CO = 5,
  K = 3,
  H = 4,
  HO = H - K + 1; // X [1, 4, 4], K [5, 1, 3, 3], Y [5, 2, 2]
/** The upper limit n of the README's sums: the last input-channel index (j = 0..n), 0 for one input channel. */
const N = CI - 1;

/** ∂E/∂K_{ij}[p, q] = (X_j ⋆ δ_i)[p, q] = Σ_{u,v} X_j[u+p, v+q] δ_i[u, v] (valid cross-correlation, 0-based). */
const dK = (v: Access, [i, j, p, q]: number[]): Q =>
  sum(0, HO - 1, (u) => sum(0, HO - 1, (w) => qmul(v.x(j!, u + p!, w + q!), v.dy(i!, u, w))));

/** Σ_{i=0}^{n} (δ_i *_full K_{ij})[r, s] = Σ_{i=0}^{n} Σ_{p,q} δ_i[r−p, s−q] K_{ij}[p, q] (full convolution), as written. */
const dXasWritten = (v: Access, [j, r, s]: number[]): Q =>
  sum(0, N, (i) => sum(0, K - 1, (p) => sum(0, K - 1, (q) => qmul(v.dy(i, r! - p, s! - q), v.w(i, j!, p, q)))));

const src: CorpusSource = {
  file: "93-ggnery-cnn-scratch-conv-layer.md",
  citation:
    'Gabriel Nery (GitHub: ggnery), "CNN-Scratch", README.md of the repository ggnery/CNN-Scratch (last changed 21 July 2025), read at commit 709f6b1eea1081eca7242486ecd4f8d44dd49e06: the title, the overview, the MNIST example\'s architecture and the "Convolutional Layer" block of "Key Components" (forward pass, ∂E/∂K, ∂E/∂B, ∂E/∂X)',
  url: "https://github.com/ggnery/CNN-Scratch/blob/709f6b1eea1081eca7242486ecd4f8d44dd49e06/README.md",
  flags: [
    "--input",
    `${H}x${H}`,
    "--kernel",
    `${K}x${K}`,
    "--op",
    "xcorr",
    "--index-base",
    "0",
    "--in-channels",
    String(CI),
    "--out-channels",
    String(CO),
    "--bias",
  ],
  layer: {
    op: "xcorr",
    input: [H, H],
    kernel: [K, K],
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
    {
      line: 34,
      snippet: "Y_i = B_i + \\sum_{j=0}^{n} X_j \\star K_{ij}",
      truth: "definition",
      why: "the layer's forward pass: output channel i is its bias plus the sum over the input channels of the valid cross-correlation (⋆) of X_j with the j-th channel of kernel i",
    },
    {
      line: 34,
      snippet: "i = 0..d",
      truth: "definition",
      why: "the range of the output-channel index i the forward pass is written for, 0 to d (the kernels), after \\quad in the same display: not a claim about the layer's values",
    },
    {
      line: 39,
      snippet: "\\frac{\\partial E}{\\partial K_{ij}} = X_j \\star \\frac{\\partial E}{\\partial Y_i}",
      truth: "holds",
      target: "dW",
      why: "K_{ij}[p, q] multiplies X_j[u+p, v+q] in Y_i[u, v]: the kernel gradient is the valid cross-correlation of X_j with ∂E/∂Y_i",
      claimed: dK,
    },
    {
      line: 42,
      snippet: "\\frac{\\partial E}{\\partial B} = \\frac{\\partial E}{\\partial Y}",
      truth: "other",
      why: "the gradient of the README's untied bias (its code's bias is a d × H' × W' tensor, one per output entry), right for it; not about the per-channel bias this layer (oracle, --bias) has, whose gradient is the sum of ∂E/∂Y_i over positions",
    },
    {
      line: 45,
      snippet:
        "\\frac{\\partial E}{\\partial X_j} = \\sum_{i=0}^{n} \\frac{\\partial E}{\\partial Y_i} \\underset{\\text{full}}{*} K_{ij}",
      truth: "fails",
      target: "dX",
      why: "each term ∂E/∂Y_i *_full K_{ij} (full convolution) is right, but the sum runs i = 0..n, the input channels' bound, not i = 0..d over the output channels: with 1 → 5 filters (n = 0) the output channels 1–4 are left out",
      claimed: dXasWritten,
    },
  ],
};
export default src;
