/**
 * Felix Neubürger, «Neuronale Netze/Deep Learning und Predictive Maintenance»: his German-language LaTeX beamer
 * lecture slides (Fachhochschule Südwestfalen, January 2026; repository FNeubuerger/DL_Slides, main.tex) — the
 * CNN frames: the convolution operation, the principles of CNNs, the forward pass of a convolution layer in
 * index notation, the gradient for the filters and the back-propagation to the input (kernel, input; the slides
 * give no formula for the bias gradient).
 * Layer: the slides' «CNN Training» frames (lines 105–198): a cross-correlation, 1-based (Σ_{m=1}^{K} Σ_{n=1}^{K}
 * W_{m,n,c,k} X_{i+m−1,j+n−1,c}), multi-channel, CHANNELS LAST — the input X^{(ℓ−1)} is H×W×C (X_{i,j,c}), the
 * filters W^{(ℓ)}_{m,n,c,k} (position (m, n), input channel c, output channel k), the output Z^{(ℓ)}_{i,j,k} —
 * stride 1, no padding (the slides' index i + m − 1 has neither), with a bias b^{(ℓ)}_k per output channel (1b,
 * line 124). Sizes chosen here (the slides fix none; «K: Filter-Größe (z.B. 3 × 3)»): H×W = 5×4, K = 3, C^{(ℓ−1)}
 * = 2 input and 2 output channels, so Z is 3×2×2. ∂L/∂Z^{(ℓ)}_{i,j,k} is v.dy(k, i, j); no activation factor
 * enters (the slides differentiate with respect to Z, before the ReLU).
 * Oracle layout: v.x(c, i, j) = X_{i,j,c}, v.w(k, c, m, n) = W_{m,n,c,k}, v.dy(k, i, j), v.b(k).
 * The slides' mistakes: the forward pass «zur Erinnerung» of Schritt 3 (line 190) leaves out the bias b^{(ℓ)}_k
 * that the forward pass of Schritt 1b (lines 123–124) adds, so as a statement about Z^{(ℓ)} it is false for the
 * layer (as 31's forward pass without its bias); and the slides use one symbol for two operations — (f * g) is a
 * true convolution (line 11, g(x − m, y − n)) while «In CNNs» (line 15) and (I * K) (line 70) are
 * cross-correlations (I_{i+m,j+n}), and line 70's sums start at 0 while the training frames' start at 1 (each
 * is a definition, so neither is a false claim). The principle of local connectivity (line 42) indexes a centred
 * kernel w_{m,n}, m, n = −k … k, with k a half-width, where the training frames use k for the output channel and
 * K for the filter size. Everything about the gradients holds: the filter gradient (line 173, a correlation of
 * the incoming error with the input patches), the local derivative ∂Z_{i,j,k}/∂X_{p,q,c} = W_{p−i+1,q−j+1,c,k}
 * (line 193, W read 0 where p − i + 1 or q − j + 1 is outside 1 … K, no term there — checked through the chain
 * rule of line 197, as 31's local derivative) and the input gradient (line 197).
 * Other: the pooling frames' max (lines 55, 75, 129), the equivariance Conv(T_t[x]) = T_t[Conv(x)] (line 51), the
 * ReLU, softmax, cross-entropy and the fully-connected layer's gradient (lines 127–155).
 * Not found by verify, so not listed: the inline sizes X^{(0)} ∈ ℝ^{H×W×C} (line 101), the parameter counts
 * O(H·W·d²), O(k²·d) (line 46) and the question's ∂L/∂X^{(ℓ−1)}, ∂L/∂Z^{(ℓ)} (line 185).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const H = 5,
  W = 4,
  K = 3,
  C = 2,
  CO = 2;
const HO = H - K + 1,
  WO = W - K + 1; // 3×2

/** Σ_{c,m,n} W_{m,n,c,k} X_{i+m−1,j+n−1,c}: the forward pass «zur Erinnerung» (line 190), without the bias. */
const noBias = (v: Access, [k, i, j]: number[]): Q =>
  sum(1, C, (c) => sum(1, K, (m) => sum(1, K, (n) => qmul(v.w(k!, c, m, n), v.x(c, i! + m - 1, j! + n - 1)))));
/** Σ_{i,j} ∂L/∂Z_{i,j,k} X_{i+m−1,j+n−1,c}: the filter gradient (line 173). */
const dW = (v: Access, [k, c, m, n]: number[]): Q =>
  sum(1, HO, (i) => sum(1, WO, (j) => qmul(v.dy(k!, i, j), v.x(c!, i + m! - 1, j + n! - 1))));
/** Σ_{i,j,k} ∂L/∂Z_{i,j,k} W_{p−i+1,q−j+1,c,k} (W read 0 off 1 … K): the input gradient (lines 193, 197). */
const dX = (v: Access, [c, p, q]: number[]): Q =>
  sum(1, HO, (i) => sum(1, WO, (j) => sum(1, CO, (k) => qmul(v.dy(k, i, j), v.w(k, c!, p! - i + 1, q! - j + 1)))));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const definition = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});
const pooling = "the pooling layer's max over a window, not a formula about the convolution layer's gradients";

const src: CorpusSource = {
  file: "44-neubuerger-dl-slides-cnn-de.md",
  citation:
    "Felix Neubürger (GitHub: FNeubuerger; Fachhochschule Südwestfalen), «Neuronale Netze/Deep Learning und Predictive Maintenance», German-language LaTeX beamer lecture slides, repository FNeubuerger/DL_Slides, file main.tex (dated 8 January 2026; its CNN training frames last changed in commit 5ebafe90da2dab51e5894953eafd738862105818), read at commit 142f38e72bf3ffbde7936277a10e91091b627714: frames «CNN Grundoperationen: Convolution», «Warum funktionieren CNNs?», «CNN -- Implementierung» and «CNN Training: Schritt 1a» to «Schritt 3 - Backpropagation durch Convolution» (forward pass in index notation, filter gradient, input gradient)",
  url: "https://github.com/FNeubuerger/DL_Slides/blob/142f38e72bf3ffbde7936277a10e91091b627714/main.tex",
  flags: [
    "--input",
    "5x4",
    "--kernel",
    "3x3",
    "--op",
    "xcorr",
    "--index-base",
    "1",
    "--bias",
    "--in-channels",
    "2",
    "--out-channels",
    "2",
  ],
  layer: {
    op: "xcorr",
    input: [H, W],
    kernel: [K, K],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "valid",
    inChannels: C,
    outChannels: CO,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 1,
  },
  indexBase: 1,
  equations: [
    definition(
      11,
      "(f * g)(x,y) = \\sum_{m} \\sum_{n} f(m,n) \\cdot g(x-m, y-n)",
      "the slides' definition of the convolution operation (a true convolution, g(x − m, y − n)) between two functions f, g, not of this layer's tensors",
    ),
    definition(
      15,
      "\\text{Output}(i,j) = \\sum_{m} \\sum_{n} \\text{Filter}(m,n) \\cdot \\text{Input}(i+m, j+n)",
      "what the operation computes «In CNNs»: a cross-correlation of the input with the filter, the operation alone (bias and activation come with the layer, line 42 and Schritt 1b), its ranges left implicit",
    ),
    definition(
      42,
      "y_{i,j}^{(\\ell)} = \\sigma\\left(\\sum_{m=-k}^{k} \\sum_{n=-k}^{k} w_{m,n}^{(\\ell)}",
      "the principle of local connectivity: the activated output σ(…) of a layer with a centred kernel w_{m,n}, m, n = −k … k — a definition of y, not a claim on this layer's Z, W, X",
    ),
    other(
      51,
      "\\text{Conv}(T_\\mathbf{t}[\\mathbf{x}]) = T_\\mathbf{t}[\\text{Conv}(\\mathbf{x})]",
      "translation equivariance, a property of the operation, not a formula about the layer's gradients",
    ),
    other(55, "\\text{MaxPool}(\\mathbf{X})_{i,j} = \\max_{(p,q) \\in \\mathcal{N}_{i,j}} \\mathbf{X}_{p,q}", pooling),
    definition(
      70,
      "(\\mathbf{I} * \\mathbf{K})_{i,j} = \\sum_{m=0}^{M-1} \\sum_{n=0}^{N-1} \\mathbf{I}_{i+m,j+n} \\cdot \\mathbf{K}_{m,n}",
      "the slides' «Faltungsoperation»: * defined as a 0-based cross-correlation of the input feature map I with an M×N kernel K (a definition; the training frames index from 1)",
    ),
    other(75, "\\text{MaxPool}(\\mathbf{X})_{i,j} = \\max_{p,q \\in P_{i,j}} \\mathbf{X}_{p,q}", pooling),
    definition(
      123,
      "\\mathbf{Z}^{(\\ell)}_{i,j,k} &= \\sum_{c=1}^{C^{(\\ell-1)}} \\sum_{m=1}^{K} \\sum_{n=1}^{K} \\mathbf{W}^{(\\ell)}_{m,n,c,k}",
      "the slides' definition of the layer (Schritt 1b): Z_{i,j,k} = Σ_{c=1}^{C} Σ_{m,n=1}^{K} W_{m,n,c,k} X_{i+m−1,j+n−1,c} + b_k — the bias on the align's next row (line 124), channels last, 1-based",
    ),
    definition(
      127,
      "\\mathbf{X}^{(\\ell)}_{i,j,k} = \\text{ReLU}(\\mathbf{Z}^{(\\ell)}_{i,j,k})",
      "the activation X^{(ℓ)} = ReLU(Z^{(ℓ)}), the next layer's input: a definition, not about this layer's gradients",
    ),
    other(
      129,
      "\\mathbf{P}^{(\\ell)}_{i,j,k} = \\max_{(p,q) \\in \\mathcal{N}_{i,j}} \\mathbf{X}^{(\\ell)}_{p,q,k}",
      pooling,
    ),
    other(
      131,
      "\\mathbf{y} = \\text{Softmax}(\\mathbf{W}_{fc} \\mathbf{h} + \\mathbf{b}_{fc})",
      "the fully-connected output layer with softmax, not the convolution layer",
    ),
    other(147, "L = -\\sum_{i=1}^{N} \\sum_{c=1}^{C} y_{i,c} \\log(\\hat{y}_{i,c})", "the cross-entropy loss"),
    other(
      155,
      "\\frac{\\partial L}{\\partial \\mathbf{W}_{fc}} = (\\hat{\\mathbf{y}} - \\mathbf{y}_{true}) \\mathbf{h}^T",
      "the gradient of the fully-connected output layer's weights, not of the convolution layer",
    ),
    {
      line: 173,
      snippet: "\\frac{\\partial L}{\\partial \\mathbf{W}^{(\\ell)}_{m,n,c,k}} &= \\sum_{i,j} \\underbrace{",
      truth: "holds",
      target: "dW",
      why: "W_{m,n,c,k} multiplies X_{i+m−1,j+n−1,c} in every output Z_{i,j,k} (i = 1 … 3, j = 1 … 2) of channel k: the filter gradient is Σ_{i,j} ∂L/∂Z_{i,j,k} X_{i+m−1,j+n−1,c} (the underbraces only name the factors)",
      claimed: dW,
    },
    {
      line: 190,
      snippet:
        "\\mathbf{Z}^{(\\ell)}_{i,j,k} = \\sum_{c,m,n} \\mathbf{W}^{(\\ell)}_{m,n,c,k} \\cdot \\mathbf{X}^{(\\ell-1)}_{i+m-1,j+n-1,c}",
      truth: "fails",
      target: "Y",
      why: "the forward pass «zur Erinnerung» leaves out the bias b^{(ℓ)}_k that the layer has (Schritt 1b, line 124): Z_{i,j,k} = Σ_{c,m,n} W_{m,n,c,k} X_{i+m−1,j+n−1,c} + b_k, so the written sum is off by b_k",
      claimed: noBias,
    },
    {
      line: 193,
      snippet:
        "\\frac{\\partial \\mathbf{Z}^{(\\ell)}_{i,j,k}}{\\partial \\mathbf{X}^{(\\ell-1)}_{p,q,c}} = \\mathbf{W}^{(\\ell)}_{p-i+1,q-j+1,c,k}",
      truth: "holds",
      target: "dX",
      why: "X_{p,q,c} enters Z_{i,j,k} once, where i + m − 1 = p and j + n − 1 = q, under W_{p−i+1,q−j+1,c,k} (0 where that index is off 1 … K; the bias does not depend on X); checked through line 197's chain rule: Σ_{i,j,k} ∂L/∂Z_{i,j,k} times this derivative is the input gradient",
      claimed: dX,
    },
    {
      line: 197,
      snippet:
        "\\frac{\\partial L}{\\partial \\mathbf{X}^{(\\ell-1)}_{p,q,c}} &= \\sum_{i,j,k} \\frac{\\partial L}{\\partial \\mathbf{Z}^{(\\ell)}_{i,j,k}}",
      truth: "holds",
      target: "dX",
      why: "the chain rule over every output Z_{i,j,k} (all output channels k): the output gradient fully correlated with the flipped filters, W_{p−i+1,q−j+1,c,k} read 0 off 1 … K",
      claimed: dX,
    },
  ],
};
export default src;
