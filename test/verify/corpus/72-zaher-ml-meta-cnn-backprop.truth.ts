/**
 * Ahmed Zaher, an article of ML-Meta, the community-written "Interactive Machine Learning & Algorithms Textbook"
 * (repository COD1995/ml-meta, file books/pattern-classification/cross_entropy_derivation_AZ.md, read at its
 * 4 July 2025 commit; the next day it became the site's page "Cross Entropy Loss Function Derivation") — "the
 * forward pass and backpropagation of a simple CNN", conv → ReLU → 2×2 max-pool → flatten → fully connected →
 * softmax and cross-entropy, written out in index notation with layer superscripts S^{[1]}, A^{[1]}, W^{[1]},
 * b^{[1]} and gradients named δ^{[·]} = ∂L/∂(·) (δ^{[S^{1}]}, δ^{[W^{1}]}, δ^{[b^{1}]}, δ^{[X]}), then back through
 * every layer to the input.
 * Layer: the article's Conv1 — 3 input channels, 16 kernels (W^{[1]}_{c,c′,u,v}: c = 1 … 16 the filter, c′ = 1 … 3
 * the input channel), 3 × 3, stride 1, padding 1, a bias b^{[1]}_c per filter, a cross-correlation — but on a 4 × 4
 * input instead of its 32 × 32 (the exact oracle cannot run 32 × 32 × 3 with 16 filters; the formulas do not depend
 * on the side, and the one place its 32 is written, the kernel gradient's Σ_{i=1}^{32} Σ_{j=1}^{32} of line 217,
 * names output positions past the 4 × 4 output, read 0: no output, no term, as the corpus reads every sum that
 * reaches past the output). Padding 1 keeps the output 4 × 4 (the article's 32 × 32 × 16).
 * Indices: mixed, as written — image rows and columns and both channel indices are 1-based (Σ_{c′=1}^{3},
 * Σ_{i=1}^{32}, Σ_{c=1}^{16}), the kernel offsets u, v 0-based (Σ_{u=0}^{2}); so the layer is read 1-based and
 * W^{[1]}_{c,c′,u,v} is v.w(c, c′, u + 1, v + 1). X_{c′, i+u−1, j+v−1} with i = 1 and u = 0 is X_{c′,0,·}: the
 * zero padding (v.x reads 0 outside the input), which is what "padding=1" with 1-based i means:
 * S_{c,i,j} = Σ W_{c,c′,u,v} X_{c′,i+u−1,j+v−1} + b_c is the padded cross-correlation.
 * X's layout: the article declares X ∈ ℝ³²×³²×³ "(height x width x channels)" (line 25) and writes the channel
 * last in line 200 (X_{i+u−1, j+v−1, c′}) but first in lines 33 and 217 (X_{c′, i+u−1, j+v−1}); the index names
 * say which is which — c′ is the input channel ("c′ is the number of channels", line 35), i + u − 1 and j + v − 1
 * the row and column — so both are read by their names: v.x(c′, row, column). S^{[1]} is the layer's output
 * (the "pre-activation", v.y; δ^{[S^{1}]} its gradient, v.dy), X its input (v.x), W^{[1]} and b^{[1]} its
 * kernel and bias. Every formula about the layer holds: the forward pass twice (lines 33, 200), the bias gradient
 * (211: Σ_{i,j} δ^{[S^{1}]}_{c,i,j}), the kernel gradient (217) and the input gradient
 * (226: δ^{[X]}_{c′,x,y} = Σ_c Σ_{u,v} W_{c,c′,u,v} δ^{[S^{1}]}_{c,x−u+1,y−v+1}, the output gradient read 0 off
 * its 4 × 4 — rows x − u + 1 = 0 or 5 are no output position). The article's slips are elsewhere: the table's
 * "16×16×32 → 8192" flatten (after a Conv2 the derivation never uses; its FC sums run to 4096 = 16·16·16), "The
 * inputs in this step is h1", δ^{[h]} reshaped by a 0-based k = c·16·16 + i·16 + j while its other indices are
 * 1-based — none of them about the convolution layer.
 * Other (not about the layer's gradients): the ReLU, max-pool, flatten, fully connected layer, softmax and loss
 * (lines 45, 55, 66, 76, 89, 93, 118, 122, 137), their gradients (126, 142, 148, 154, 171, 186 — 186 is the ReLU's
 * mask δ^{[S^{1}]} = δ^{[A^{1}]} × 1(S^{[1]} > 0), a statement about the activation after this layer), the
 * notation δ^{[·]} = ∂L/∂(·) (110), the range "i=1" of line 129 and the flatten index of line 162.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const CI = 3,
  CO = 16,
  K = 3; // Conv1: 3 → 16 channels, 3×3 kernels; 4×4 input, padding 1, 4×4 output
const TOP = 32; // the article's Σ_{i=1}^{32}: its 32 × 32 output (here 4 × 4; the rest reads 0)

/** W^{[1]}_{c,c′,u,v}, u and v 0-based (the layer is read 1-based). */
const W = (v: Access, c: number, cp: number, u: number, w: number): Q => v.w(c, cp, u + 1, w + 1);

/** S_{c,i,j} = Σ_{c′=1}^{3} Σ_{u,v=0}^{2} W_{c,c′,u,v} X_{c′, i+u−1, j+v−1} + b_c (lines 33 and 200). */
const forward = (v: Access, [c, i, j]: number[]): Q =>
  qadd(
    sum(1, CI, (cp) =>
      sum(0, K - 1, (u) => sum(0, K - 1, (w) => qmul(W(v, c!, cp, u, w), v.x(cp, i! + u - 1, j! + w - 1)))),
    ),
    v.b(c!),
  );

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const notLayer = (what: string) => `${what}, not the convolution layer's`;

const src: CorpusSource = {
  file: "72-zaher-ml-meta-cnn-backprop.md",
  citation:
    'Ahmed Zaher (GitHub: azaher1215), untitled article ("This article will go through the forward pass and backpropagation of a simple CNN"; on the site "Cross Entropy Loss Function Derivation"), ML-Meta, the community-written "Interactive Machine Learning & Algorithms Textbook", repository COD1995/ml-meta, file books/pattern-classification/cross_entropy_derivation_AZ.md at commit 39084d2602b5784d9b71b62de514201f476ef4a4 (4 July 2025): the whole article (forward pass of conv → ReLU → max-pool → flatten → FC → softmax, and back-propagation through each, ending with the convolution layer\'s bias, kernel and input gradients)',
  url: "https://github.com/COD1995/ml-meta/blob/39084d2602b5784d9b71b62de514201f476ef4a4/books/pattern-classification/cross_entropy_derivation_AZ.md",
  flags: [
    "--input",
    "4x4",
    "--kernel",
    "3x3",
    "--op",
    "xcorr",
    "--padding",
    "1",
    "--index-base",
    "1",
    "--in-channels",
    "3",
    "--out-channels",
    "16",
    "--bias",
  ],
  layer: {
    op: "xcorr",
    input: [4, 4],
    kernel: [3, 3],
    stride: [1, 1],
    dilation: [1, 1],
    padding: 1,
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
      line: 33,
      snippet:
        "S^{[1]}_{c,i,j} = \\sum_{c'=1}^{3}\\sum_{u=0}^{2}\\sum_{v=0}^{2} W^{[1]}_{c,c',u,v}\\; X_{c',\\,i+u-1,\\,j+v-1}",
      truth: "holds",
      target: "Y",
      why: "the padded cross-correlation plus the filter's bias: with 1-based i, j and padding 1, row i + u − 1 (u = 0 … 2) runs over rows i − 1 … i + 1 of the input, row 0 and row 33 (here 5) the zero padding",
      claimed: forward,
    },
    other(45, "A^{[1]}_{c,i,j}", notLayer("the ReLU after the layer")),
    other(55, "P^{[1]}_{c,p,q}", notLayer("the 2×2 max-pooling")),
    other(66, "h = \\mathrm{flatten}\\bigl(P^{[1]}\\bigr)", notLayer("the flattening")),
    other(76, "z_i", notLayer("the fully connected layer")),
    other(89, "p_i", notLayer("the softmax")),
    other(93, "\\mathcal L", notLayer("the cross-entropy loss")),
    other(
      110,
      "\\delta^{[\\cdot]} = \\partial\\mathcal L/\\partial(\\cdot)",
      "the notation: δ^{[·]} is the loss's gradient with respect to (·)",
    ),
    other(118, "p_i", notLayer("the softmax, repeated")),
    other(122, "\\mathcal L", notLayer("the loss, repeated")),
    other(126, "$$\\{\\delta^{[z]}_i", notLayer("the softmax-and-cross-entropy gradient p_i − y_i")),
    other(129, "i=1,\\dots,10", "the range of the class index i"),
    other(137, "$$z_i = \\sum_{k=1}^{4096}", notLayer("the fully connected layer, repeated")),
    other(142, "\\delta^{[b_{\\mathrm{fc}}]}_i", notLayer("the fully connected layer's bias gradient")),
    other(148, "\\delta^{[W_{\\mathrm{fc}}]}_{i,k}", notLayer("the fully connected layer's weight gradient")),
    other(154, "\\delta^{[h]}_k", notLayer("the fully connected layer's input gradient")),
    other(
      162,
      "k = c\\cdot16\\cdot16 + i\\cdot16 + j",
      "the flatten order of the pooled map (0-based), not a formula about the convolution layer",
    ),
    other(171, "\\delta^{[A^{1}]}_{c,\\,2p+u,\\,2q+v}", notLayer("the max-pooling's gradient routing")),
    other(186, "\\boxed{\\,", notLayer("the ReLU's gradient mask δ^{[S^{1}]} = δ^{[A^{1}]} × 1(S^{[1]} > 0)")),
    {
      line: 200,
      snippet: "S^{[1]}_{c,i,j}",
      truth: "holds",
      target: "Y",
      why: "the forward pass again, X written channel-last, X_{i+u−1, j+v−1, c′}, as line 25 declares its layout (height × width × channels): the same padded cross-correlation plus bias",
      claimed: forward,
    },
    {
      line: 211,
      snippet: "\\delta^{[b^{1}]}_{c}",
      truth: "holds",
      target: "db",
      why: "b^{[1]}_c is added to every output S_{c,i,j} of filter c with coefficient 1: its gradient is the sum of δ^{[S^{1}]} over that filter's output positions",
      claimed: (v, [c]) => sum(1, 4, (i) => sum(1, 4, (j) => v.dy(c!, i, j))),
    },
    {
      line: 217,
      snippet: "\\delta^{[W^{1}]}_{c,c',u,v}",
      truth: "holds",
      target: "dW",
      why: "W_{c,c′,u,v} multiplies X_{c′,i+u−1,j+v−1} in S_{c,i,j} for every output position (i, j): the kernel gradient Σ_{i,j} δ^{[S^{1}]}_{c,i,j} X_{c′,i+u−1,j+v−1}, the padding terms 0 (its Σ to 32 reads δ^{[S^{1}]} 0 past the 4 × 4 output)",
      claimed: (v, [c, cp, u1, w1]) =>
        sum(1, TOP, (i) => sum(1, TOP, (j) => qmul(v.dy(c!, i, j), v.x(cp!, i + u1! - 2, j + w1! - 2)))),
    },
    {
      line: 226,
      snippet: "\\delta^{[X]}_{c',x,y}",
      truth: "holds",
      target: "dX",
      why: "X_{c′,x,y} enters S_{c,i,j} under W_{c,c′,u,v} exactly when i + u − 1 = x, j + v − 1 = y, i.e. i = x − u + 1, j = y − v + 1, for every filter c: the chain rule over them, δ^{[S^{1}]} read 0 where (x − u + 1, y − v + 1) is no output position",
      claimed: (v, [cp, x, y]) =>
        sum(1, CO, (c) =>
          sum(0, K - 1, (u) => sum(0, K - 1, (w) => qmul(W(v, c, cp!, u, w), v.dy(c, x! - u + 1, y! - w + 1)))),
        ),
    },
  ],
};
export default src;
