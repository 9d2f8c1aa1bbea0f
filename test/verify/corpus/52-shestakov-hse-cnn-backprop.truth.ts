/**
 * Andrey Shestakov, "Neural Networks 2", lecture 13 of his course "Data Analysis" ("Data Analysis for Software
 * Engineers", Higher School of Economics, 2020; based on Victor Kitov's machine-learning course), Jupyter-notebook
 * slides in the repository shestakoff/hse_se_ml (2020/l13-nn2/lecture-nn2.ipynb; the slides transcribed are those
 * of the 2019 lecture 12) — the sizes of a convolution's output and parameters, then "Backprop through
 * convolution": a worked 5×5 ∗ 3×3 example, the forward pass in index notation with the kernel indexed from its
 * centre, an activation O = f(I), the error δ = ∂L/∂I through f', and the gradients with respect to the kernel
 * and the input as chain rules and closed forms.
 * Layer: the slides' own example — "a single channel 5×5 input and 3×3 convolutional filter", "No strides, no
 * padding, no bias weight" — a cross-correlation (I_{i,j} = Σ_{a,b} W_{a,b} X_{i+a,j+b}; the example's numbers,
 * 9 5 4 / 8 8 10 / 8 15 12, are the correlation of X with W — the true convolution would give 9 7 2 / 6 6 4 /
 * 10 9 8), no bias (the slide says so; its activation f is applied after, O_{i,j} = f(I_{i,j})), so X is 5×5,
 * W 3×3, I 3×3. The slides' "input … of feature map" I is the layer's pre-activation output Y; δ_{i,j} = ∂L/∂I_{i,j}
 * is v.dy (line 70 defines it through f', which is the layer above's business: no activation factor in the
 * formulas checked).
 * Indices: the kernel is indexed "from 'center'", a, b = −1 … 1, and I_{i,j} is indexed by the input position of
 * its window's centre (that is what X_{i+a,j+b} with a = −1 … 1 needs, and the example's I_{1,1}-corner 9 is the
 * window at X's top-left corner). The slides never say where X's indices start; we read X 0-based (--index-base 0,
 * the code convention of the course's notebooks), so i, j = 1 … 3 over I, and translate: W_{a,b} is v.w(a + 1,
 * b + 1), I_{i,j} and δ_{i,j} are v.y / v.dy(i − 1, j − 1). The sums of lines 72 and 74 have no bounds: Σ_i Σ_j runs
 * over I's positions, Σ_{a,b} over the kernel's, δ read 0 where (i − a, j − b) is not a position of I (no output
 * there, no term), as every full-correlation formula of the corpus is read.
 * The slides' mistakes: none found in the formulas about the layer — the forward pass (63), X ∗ W = I (53, its ∗
 * the correlation, as its numbers show), the kernel gradient (72) and the input gradient (74), chain rules and
 * closed forms, all hold; the size formula (14) holds at this layer's sizes (5 + 0 − 3)/1 + 1 = 3. (The theme asked
 * for a layer with a bias: this one says "no bias weight", though its parameter count, line 22, counts one per
 * filter; the activation is there.)
 * Other: the parameter-count example's P = 1, S = 2 (line 19), the example's numbers (line 42). Definitions: O = f(I)
 * (66), δ (70). Not found by verify, so not listed: the parameter count 20 × (5 × 5 × 3 + 1) of line 22 (a number,
 * no equation).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

/** W_{a,b}, a, b = −1 … 1 (indexed from the centre). */
const W = (v: Access, a: number, b: number): Q => v.w(a + 1, b + 1);
/** δ_{i,j} = ∂L/∂I_{i,j}, I indexed by its window's centre i, j = 1 … 3 (0 off I). */
const delta = (v: Access, i: number, j: number): Q => v.dy(i - 1, j - 1);

/** I_{i,j} = Σ_{−1≤a,b≤1} W_{a,b} X_{i+a,j+b}, at the output entry [r, c] (centre i = r + 1, j = c + 1). */
const forward = (v: Access, [r, c]: number[]): Q =>
  sum(-1, 1, (a) => sum(-1, 1, (b) => qmul(W(v, a, b), v.x(r! + 1 + a, c! + 1 + b))));
/** Σ_i Σ_j δ_{i,j} X_{i+a,j+b}, at the kernel entry [p, q] (a = p − 1, b = q − 1). */
const dW = (v: Access, [p, q]: number[]): Q =>
  sum(1, 3, (i) => sum(1, 3, (j) => qmul(delta(v, i, j), v.x(i + p! - 1, j + q! - 1))));
/** Σ_{a,b} δ_{i−a,j−b} W_{a,b}. */
const dX = (v: Access, [i, j]: number[]): Q =>
  sum(-1, 1, (a) => sum(-1, 1, (b) => qmul(delta(v, i! - a, j! - b), W(v, a, b))));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });

const src: CorpusSource = {
  file: "52-shestakov-hse-cnn-backprop.md",
  citation:
    'Andrey Shestakov (GitHub: shestakoff), "Neural Networks 2", lecture 13 of the course "Data Analysis" (Data Analysis for Software Engineers, Higher School of Economics, based on Victor Kitov\'s course), Jupyter-notebook slides, repository shestakoff/hse_se_ml, file 2020/l13-nn2/lecture-nn2.ipynb (commit 4543e5aa15e0545e6b672668aea1ecce65d1d395, 18 May 2020; the slides as in the 2019 lecture 12), read at commit 0ac0d21f84ebe8ab0f99ba6353bf4ee7c53bfe95 (1 June 2020): Markdown cells 22–30 ("Key Specs of Conv Filters" to "Backprop through convolution")',
  url: "https://github.com/shestakoff/hse_se_ml/blob/0ac0d21f84ebe8ab0f99ba6353bf4ee7c53bfe95/2020/l13-nn2/lecture-nn2.ipynb",
  flags: ["--input", "5x5", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0"],
  layer: {
    op: "xcorr",
    input: [5, 5],
    kernel: [3, 3],
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
      line: 14,
      snippet: "N_{out} = \\frac{N_{in} + 2P - K}{S} + 1",
      truth: "holds",
      target: "size",
      why: "the output size of a K-wide filter at padding P and stride S; at this layer's sizes (5 + 0 − 3)/1 + 1 = 3, I's side",
    },
    other(19, "P = 1", "the parameter-count example's padding (a 32 × 32 × 3 input, 20 filters), not this layer's"),
    other(19, "S = 2", "the parameter-count example's stride, not this layer's"),
    other(
      42,
      "\\end{array} \\right) &\\quad * &",
      "the worked example's numbers (a fixed X and W and their I), not a formula in the layer's tensors; they are right for the correlation: the top-left window of X times W is 0+1+0+4+0+0+4+0+0 = 9, and so on to 12",
    ),
    {
      line: 53,
      snippet: "\\mathbf{X} \\qquad \\qquad &\\quad * & \\mathbf{W} \\qquad & \\quad = & \\mathbf{I}",
      truth: "holds",
      target: "Y",
      why: "I = X ∗ W with the slides' ∗ the cross-correlation of line 63 (the example's numbers are the correlation's, not the flipped kernel's): the layer's pre-activation output, no bias ('no bias weight')",
      claimed: forward,
    },
    {
      line: 63,
      snippet: "I_{i,j} = \\sum\\limits_{-1 \\leq a,b \\leq 1} W_{a,b}X_{i+a, j+b}",
      truth: "holds",
      target: "Y",
      why: "the valid cross-correlation with the kernel indexed from its centre (a, b = −1 … 1) and I_{i,j} indexed by its window's centre in X: the 3×3 pre-activation output, no bias",
      claimed: forward,
    },
    {
      line: 66,
      snippet: "O_{i,j} = f(I_{i,j})",
      truth: "definition",
      why: "the activated feature map: defines O, the layer's output after f (not a statement about the convolution)",
    },
    {
      line: 70,
      snippet: "\\delta_{i,j} = \\frac{\\partial L}{\\partial I_{i,j}}",
      truth: "definition",
      why: "defines the error δ_{i,j} := ∂L/∂I_{i,j}, the gradient of the loss with respect to the convolution's output, and writes it through the activation as ∂L/∂O_{i,j} f'(I_{i,j}) (the element-wise chain rule of O = f(I))",
    },
    {
      line: 72,
      snippet: "\\frac{\\partial L}{\\partial W_{a,b}} = \\sum_i \\sum_j",
      truth: "holds",
      target: "dW",
      why: "the shared weight W_{a,b} multiplies X_{i+a,j+b} in every I_{i,j}: the chain rule over I's positions gives Σ_{i,j} δ_{i,j} X_{i+a,j+b}, both links of the chain",
      claimed: dW,
    },
    {
      line: 74,
      snippet: "\\frac{\\partial L}{\\partial X_{i,j}} = \\sum_{a,b}",
      truth: "holds",
      target: "dX",
      why: "X_{i,j} enters I_{i−a,j−b} under W_{a,b} for every kernel offset whose window exists: Σ_{a,b} δ_{i−a,j−b} W_{a,b} (δ 0 off I), the full correlation with the flipped kernel ('it is convolution too'), both links of the chain",
      claimed: dX,
    },
  ],
};
export default src;
