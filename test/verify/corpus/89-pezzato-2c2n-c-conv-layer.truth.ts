/**
 * Federico Pezzato (GitHub: p3zz), "2C2N - A CNN development framework, written in C": the README of his C
 * framework (repository p3zz/2C2N, read at the commit of 29 September 2024), whose "Convolutional layer" section
 * gives the layer's forward pass and its back-propagation as GitHub ```math formulas: dE/dK_{ij} = X_j * (dE/dY_i
 * ⊙ dactv/dY_i), dE/dB_i = dE/dY_i ⊙ dactv/dY_i, dE/dX_j = Σ_i (dE/dY_i ⊙ dactv/dY_i) *_{full} K_{ij}, and the
 * gradient-descent updates.
 * Layer: a multi-channel cross-correlation — Y_i = B_i + Σ_{j=1}^{n} X_j * K_{ij}, "we perform the sum of the
 * cross_correlation between each j-th channel of the i-th kernel and the j-th channel of the input, then add the
 * bias" (line 86) — padding 0, stride 1, 1-based (the sums run j = 1 … n, i = 1 … n). Sizes: the forwarding
 * figure's caption gives the input's spatial size 5×4, 3×3 kernels, 2 kernels and a 3×2 output; its depths do not
 * agree ("input (5x4x4)" but "kernels (3x3x3)"), so we take a small depth the formulas allow: 2 input channels
 * (X_j, j = 1, 2) and 2 output channels (the caption's 2 kernels). X is [2, 5, 4], K [2, 2, 3, 3] (K_{ij} the j-th
 * channel of the i-th kernel: W[i, j, ·, ·]), Y [2, 3, 2].
 * Reading of the gradient symbols: the README writes dE/dY_i for the gradient the layer receives from the next
 * layer — the gradient with respect to its activated output Yactv_i = actv(Y_i) — and multiplies it by dactv/dY_i
 * itself (its code does exactly this: d_output = d_activate(output) ⊙ input, src/layer.c). So dE/dY_i *_{wise}
 * dactv/dY_i is ∂E/∂Y_i of the pre-activation output, the oracle's v.dy(i, ·, ·); the name dE/dY_i for the
 * received gradient is a slip of notation (read as ∂E/∂Y_i of the Y_i it defines, each formula would count the
 * activation twice), not counted below. In dE/dK_{ij} = X_j * A *_{wise} B the product A ⊙ B is the operand of *
 * (left to right, X_j * A would be a kernel-sized matrix that cannot be multiplied element-wise by the output-sized
 * dactv/dY_i).
 * Bias: the README's biases are untied — "2 biases (3x2)", one per output position (its code allocates each B_i as
 * an output_height × output_width matrix). The oracle and verify's --bias give one bias per output channel, the
 * special case of a constant B_i: the forward pass holds for it; the bias gradient dE/dB_i = dE/dY_i ⊙ dactv/dY_i
 * (line 102) is the right gradient of the README's untied B_i (each entry enters one output entry with weight 1)
 * but is a matrix, not the gradient of one bias per channel (that would be the sum over positions): it is about a
 * bias this layer cannot represent, so it is marked other, not judged.
 * The README's mistake: the input gradient (line 106) is written with *_{full}, the full-padded form of the
 * README's own *, which it defines as cross-correlation (line 86; the same * in the kernel gradient, line 98, is the
 * cross-correlation its code computes there). A full cross-correlation of the output gradient with K_{ij} — the
 * kernel not rotated — is not the input gradient: that needs the kernel rotated by 180°, a full convolution, which
 * is what the code does (convolution(), which rotates the kernel, src/common.c) but the formula does not say. (Read
 * in The Independent Code's notation, which these three formulas follow — ⋆ for cross-correlation, *_{full} for
 * full convolution — it would hold; but the README replaced ⋆ by the * it had defined as cross-correlation.)
 * The kernel gradient (line 98) holds: ∂E/∂K_{ij}[p, q] = Σ_{u,v} X_j[u + p − 1, v + q − 1] δ_i[u, v], the valid
 * cross-correlation of X_j with δ_i.
 * Definitions: the forward pass (line 77, which verify reads as the layer's definition; it is this layer's, with
 * B_i constant) and Yactv_i = actv(Y_i) (line 81). Other: the two gradient-descent updates (lines 113, 117).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource } from "./types.js";

const CI = 2,
  CO = 2,
  K = 3,
  HO = 3,
  WO = 2; // X [2, 5, 4], K [2, 2, 3, 3], Y [2, 3, 2]

/** δ_i = dE/dY_i *_{wise} dactv/dY_i: the gradient of the pre-activation output Y_i. */
const delta = (v: Access, i: number, u: number, w: number): Q => v.dy(i, u, w);

/** dE/dK_{ij}[p, q] = (X_j * δ_i)[p, q] = Σ_{u,v} X_j[u+p−1, v+q−1] δ_i[u, v] (valid cross-correlation, 1-based). */
const dK = (v: Access, [i, j, p, q]: number[]): Q =>
  sum(1, HO, (u) => sum(1, WO, (w) => qmul(v.x(j!, u + p! - 1, w + q! - 1), delta(v, i!, u, w))));

/** Σ_i (δ_i *_{full} K_{ij})[r, s] with * the README's cross-correlation: δ_i zero-padded by K − 1, K not rotated. */
const dXfullXcorr = (v: Access, [j, r, s]: number[]): Q =>
  sum(1, CO, (i) => sum(1, K, (p) => sum(1, K, (q) => qmul(delta(v, i, r! + p - K, s! + q - K), v.w(i, j!, p, q)))));

const src: CorpusSource = {
  file: "89-pezzato-2c2n-c-conv-layer.md",
  citation:
    'Federico Pezzato (GitHub: p3zz), "2C2N - A CNN development framework, written in C", README.md of the repository p3zz/2C2N (last changed 29 September 2024), read at commit ccdfa20ba3d72207b264472e0e06f092b72a5a9f: the title, the description and the section "Convolutional layer" (forward pass, dE/dK, dE/dB, dE/dX, gradient-descent updates)',
  url: "https://github.com/p3zz/2C2N/blob/ccdfa20ba3d72207b264472e0e06f092b72a5a9f/README.md",
  flags: [
    "--input",
    "5x4",
    "--kernel",
    "3x3",
    "--op",
    "xcorr",
    "--index-base",
    "1",
    "--in-channels",
    String(CI),
    "--out-channels",
    String(CO),
    "--bias",
  ],
  layer: {
    op: "xcorr",
    input: [5, 4],
    kernel: [K, K],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "valid",
    inChannels: CI,
    outChannels: CO,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 1,
  },
  indexBase: 1,
  equations: [
    {
      line: 77,
      snippet: "Y_i = B_i + \\sum_{j=1}^{n} X_j * K_{ij}",
      truth: "definition",
      why: "the layer's forward pass: output channel i is its bias plus the sum over input channels of the cross-correlation of X_j with the j-th channel of kernel i (line 86)",
    },
    {
      line: 81,
      snippet: "Yactv_{i} = actv(Y_i)",
      truth: "definition",
      why: "names the activated output Yactv_i = actv(Y_i), which the next layer receives",
    },
    {
      line: 98,
      snippet: "\\frac{dE}{dK_{ij}} = X_j * \\frac{dE}{dY_i} *_{wise} \\frac{dactv}{dY_i}",
      truth: "holds",
      target: "dW",
      why: "K_{ij}[p, q] multiplies X_j[u+p−1, v+q−1] in Y_i[u, v]: the kernel gradient is the valid cross-correlation (the README's *) of X_j with δ_i = dE/dY_i ⊙ dactv/dY_i, the gradient of the pre-activation Y_i",
      claimed: dK,
    },
    {
      line: 102,
      snippet: "\\frac{dE}{dB_i} = \\frac{dE}{dY_i} *_{wise} \\frac{dactv}{dY_i}",
      truth: "other",
      why: "the gradient of the README's untied bias B_i (one per output position, 'biases (3x2)'), right for it (each entry enters one output entry with weight 1); not about the per-channel bias this layer (oracle, --bias) has, whose gradient is the sum of δ_i",
    },
    {
      line: 106,
      snippet: "\\frac{dE}{dXj} = \\sum_{i=1}^{n} (\\frac{dE}{dY_i} *_{wise} \\frac{dactv}{dY_i} *_{full} K_{ij})",
      truth: "fails",
      target: "dX",
      why: "with the README's * (cross-correlation, line 86), *_{full} is a full cross-correlation of δ_i with K_{ij} unrotated; the input gradient Σ_i Σ_{p,q} δ_i[r−p+1, s−q+1] K_{ij}[p, q] needs K_{ij} rotated by 180° (a full convolution, what the code computes)",
      claimed: dXfullXcorr,
    },
    {
      line: 113,
      snippet: "K_{ij} = K_{ij} - (\\frac{dE}{dK_{ij}} * \\alpha)",
      truth: "other",
      why: "the gradient-descent update of the kernels (α the learning rate)",
    },
    {
      line: 117,
      snippet: "B_{i} = B_{i} - (\\frac{dE}{dB_{i}} * \\alpha)",
      truth: "other",
      why: "the gradient-descent update of the biases",
    },
  ],
};
export default src;
