/**
 * Julien Chemillier (with Augustin Lucas), « Explication des calculs de la backpropagation des différentes couches »:
 * the French-language notes of their TIPE (classes préparatoires MP2I/MPI*, 2021–2023; a CNN written from scratch in
 * C/CUDA), the Markdown file doc/cnn/backpropagation_explaination.md of the repository augustin64/projet-tipe — its
 * section « Backpropagation d'une couche convolutive »: the forward pass in index notation and the gradients with
 * respect to the bias, the kernel and the input.
 * Layer: the sizes of the section's figure (convolution_layer.png): a 4×4 input a00…a33, a 2×2 kernel k00…k11 (the
 * forward pass sums over 0 ≤ k, l ≤ 1), a 3×3 output c00…c22 (the kernel gradient sums p, l = 0 … 2), one channel,
 * 0-based, a cross-correlation (c_{ij} takes k_{kl} times the entry at i + k, j + l), stride 1, no padding. The figure
 * draws a 3×3 bias b00…b22 — one bias per output position (an untied bias), « les biais de la couche n+1 »; the oracle
 * and convgrad's --bias have one bias for the layer, so the bias is v.b() in the forward pass (the case of nine equal
 * biases) and the bias gradient of line 17, true for the figure's nine biases, has no hand translation against the
 * oracle (its truth is by hand: b_{ij} is added to c_{ij} and to no other output, with coefficient 1).
 * ∂E/∂c_{ij} is v.dy(i, j); a is the input v.x, k the kernel v.w (the letter k is both the kernel's name and its row
 * index in line 13: k_{k l}).
 * The notes' mistakes:
 * - the forward pass (line 13) writes c on both sides: c_{ij} = b_{ij} + Σ_{k,l} k_{kl} c_{i+k, j+l} — the output where
 *   the input a must be (the figure's a00…a33, the a_{i+p, j+l} of the kernel gradient); as written the output is
 *   defined by itself, not the layer's b_{ij} + Σ k_{kl} a_{i+k,j+l};
 * - the kernel gradient (line 18) writes ∂E/∂c_{k l} where the sum runs over p and l: the row index of the output
 *   gradient is the kernel's letter k, not the summation index p, so the output gradient does not move with p
 *   (whatever k stands for; the hand translation reads k as the free row index i of the left side). With ∂E/∂c_{p l}
 *   it would hold: ∂E/∂k_{ij} = Σ_{p,l=0}^{2} ∂E/∂c_{pl} a_{i+p, j+l};
 * - the input gradient (line 19) is unfinished: its summand is an empty \dfrac{}{} and its bounds, max(0, k_size − 1)
 *   to min(k_size, dim_input − j), are in sizes the section never defines (they are not the output positions that
 *   a_{ij} feeds, i − 1 … i for a 2×2 kernel, clipped to 0 … 2): not a formula to check, "other".
 * The text also leaves a blank (« La matrice orange représente . », the kernel unnamed) and an empty $ $ (line 14, not
 * an equation, not found by verify).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource } from "./types.js";

const N = 4,
  K = 2,
  O = N - K + 1; // 4×4 input a, 2×2 kernel k, 3×3 output c

/** b_{ij} + Σ_{0≤k,l≤1} k_{kl} c_{i+k, j+l}: line 13 as written, the output c on the right (0 off its 3×3). */
const selfForward = (v: Access, [i, j]: number[]): Q =>
  qadd(
    v.b(),
    sum(0, K - 1, (k) => sum(0, K - 1, (l) => qmul(v.w(k, l), v.y(i! + k, j! + l)))),
  );
/** Σ_{p=0}^{2} Σ_{l=0}^{2} ∂E/∂c_{k l} a_{i+p, j+l}: line 18 as written, its free k read as the left side's i. */
const dKasWritten = (v: Access, [i, j]: number[]): Q =>
  sum(0, O - 1, (p) => sum(0, O - 1, (l) => qmul(v.dy(i!, l), v.x(i! + p, j! + l))));

const src: CorpusSource = {
  file: "74-chemillier-tipe-conv-backprop-fr.md",
  citation:
    "Julien Chemillier (GitHub: julienChemillier; with Augustin Lucas, GitHub: augustin64), « Explication des calculs de la backpropagation des différentes couches », French-language notes of their TIPE (MP2I/MPI*, 2021–2023), repository augustin64/projet-tipe, file doc/cnn/backpropagation_explaination.md (convolution section added 14 February 2023; last changed 17 February 2023, commit 3f9114c245c177c3f271fc9ddf08491199c81604): the section « Backpropagation d'une couche convolutive » (forward pass in index notation, ∂E/∂b, ∂E/∂k, ∂E/∂a)",
  url: "https://github.com/augustin64/projet-tipe/blob/3f9114c245c177c3f271fc9ddf08491199c81604/doc/cnn/backpropagation_explaination.md",
  flags: ["--input", "4x4", "--kernel", "2x2", "--op", "xcorr", "--index-base", "0", "--bias"],
  layer: {
    op: "xcorr",
    input: [N, N],
    kernel: [K, K],
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
      line: 13,
      snippet: "c_{i \\space j} = b_{i \\space j} + \\sum\\limits_{0 \\leqslant k, l \\leqslant 1}",
      truth: "fails",
      target: "Y",
      why: "the output c is written on both sides: b_{ij} + Σ_{k,l} k_{kl} c_{i+k,j+l} defines c by itself; the layer's output is b_{ij} + Σ_{k,l} k_{kl} a_{i+k,j+l}, with the input a of the figure",
      claimed: selfForward,
    },
    {
      line: 17,
      snippet: "\\dfrac{\\partial E}{\\partial b_{i,j}} = \\dfrac{\\partial E}{\\partial c_{i, j}}",
      truth: "holds",
      why: "the figure's bias is 3×3, one b_{ij} per output position, added to c_{ij} alone with coefficient 1: ∂E/∂b_{ij} = ∂E/∂c_{ij} (established by hand: the oracle's layer has one bias, whose gradient would be the sum Σ_{ij} ∂E/∂c_{ij})",
    },
    {
      line: 18,
      snippet: "\\dfrac{\\partial E}{\\partial k_{i,j}} = \\sum\\limits_{p=0}^{2} \\sum\\limits_{l=0}^{2}",
      truth: "fails",
      target: "dW",
      why: "the output gradient is written ∂E/∂c_{k l}, its row the kernel's letter k instead of the summation index p: it does not move with p, so the sum is not Σ_{p,l} ∂E/∂c_{pl} a_{i+p,j+l}, the kernel gradient (which it would be with c_{p l})",
      claimed: dKasWritten,
    },
    {
      line: 19,
      snippet: "\\dfrac{\\partial E}{\\partial a_{i,j}} = \\sum\\limits_{k=max(0, k\\_size-1)}",
      truth: "other",
      why: "unfinished: the summand is an empty \\dfrac{}{} and the bounds use k_size and dim_input, never defined; there is no claimed value to check",
    },
  ],
};
export default src;
