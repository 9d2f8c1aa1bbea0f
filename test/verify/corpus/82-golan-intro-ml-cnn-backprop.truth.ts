/**
 * Tomasz Golan, "Deep learning": the last lecture of his lecture notes "Introduction to Machine Learning"
 * (Colaboratory notebooks exported to Markdown for the course's MkDocs site, read at the commit of 4 June 2018,
 * "last lecture") — the convolutional layer illustrated on a 5×5 binary image, the output-size formulas with
 * padding and stride, and a worked back-propagation example: a 3×3 input x_{11} … x_{33}, a 2×2 filter
 * w_{11} … w_{22}, the forward pass written as a matrix equation and entry by entry (h_{11} … h_{22}), and the
 * weight gradient ∂w_{ij} ≡ ∂L/∂w_{ij} entry by entry in terms of ∂h_{ij} ≡ ∂L/∂h_{ij}.
 * Layer: the example's own sizes — "input 3x3, filter 2x2, stride 1, no padding" (line 251) — one channel, no
 * bias (its h_{ij} have none), 1-based (x_{11} is the corner), a cross-correlation (h_{11} = w_{11}x_{11} + … +
 * w_{22}x_{22}, the filter not flipped, as in the 5×5 illustration of lines 21–54). h is the output Y, so
 * ∂h_{ij} is v.dy(i, j). The lecture derives only the weight gradient: it gives no ∂L/∂x and no bias gradient.
 * The size formulas (lines 60–61, 131–132, 161–162) are general; for this layer (W_in = H_in = 3, W_f = H_f = 2,
 * P = 0, stride 1) each gives 2, the example's 2×2 output.
 * The matrix equation of line 256 writes the layer's operation as ⊙ — elsewhere the symbol of the element-wise
 * (Hadamard) product, which a 3×3 and a 2×2 matrix do not have. The lecture never defines ⊙; the four rows
 * h_{11} … h_{22} that follow it (lines 273–276) spell out what it means here: the sliding dot product of the
 * filter with the input, the operation the lecture's "Convolutional layer" section calls convolution. Read so,
 * the equation is the example's forward pass and holds; it is listed with that meaning (the operator the source
 * writes for its convolution, as 43's and 45's own *), not as a Hadamard product.
 * The lecture's mathematics has no mistake: its forward rows and its four weight-gradient rows (lines 284–287)
 * are each right entry by entry. Its one slip is arithmetic in a code block, which verify does not read: STEP 9
 * of the 5×5 illustration (line 51) sums the products 1 0 1 / 0 1 0 / 1 0 0 to "= 2" (they add to 4), while its
 * output matrix has the right 4 in that corner (the whole output 3 2 4 / 2 5 0 / 4 1 4 is right).
 * Not found by verify, so not listed: the inline definitions ∂w_{ij} ≡ ∂L/∂w_{ij} and ∂h_{ij} ≡ ∂L/∂h_{ij}
 * (line 280) and the inline $[0, 1]$ (line 64).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 3,
  K = 2,
  O = N - K + 1; // 3×3 input, 2×2 filter, 2×2 output

/** h_{kl} = Σ_{ij} w_{ij} x_{k+i−1, l+j−1}: the cross-correlation the written rows h_{11} … h_{22} are. */
const fwd = (v: Access, [k, l]: number[]): Q =>
  sum(1, K, (i) => sum(1, K, (j) => qmul(v.w(i, j), v.x(k! + i - 1, l! + j - 1))));
/** ∂L/∂w_{ij} = Σ_{kl} ∂L/∂h_{kl} x_{k+i−1, l+j−1}. */
const trueDW = (v: Access, [i, j]: number[]): Q =>
  sum(1, O, (k) => sum(1, O, (l) => qmul(v.dy(k, l), v.x(k + i! - 1, l + j! - 1))));

/** An entry formula: its right-hand side at (r, c), the true value at every other entry. */
const at =
  (r: number, c: number, rhs: (v: Access) => Q, rest: (v: Access, idx: number[]) => Q) =>
  (v: Access, idx: number[]): Q =>
    idx[0] === r && idx[1] === c ? rhs(v) : rest(v, idx);

type P = [number, number];
/** Σ w_{..} x_{..} as written. */
const wx =
  (terms: [P, P][]) =>
  (v: Access): Q =>
    terms.reduce((s, [a, b]) => qadd(s, qmul(v.w(...a), v.x(...b))), Q0);
/** Σ ∂h_{..} x_{..} as written. */
const hx =
  (terms: [P, P][]) =>
  (v: Access): Q =>
    terms.reduce((s, [a, b]) => qadd(s, qmul(v.dy(...a), v.x(...b))), Q0);

const size = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "holds",
  target: "size",
  why,
});

const src: CorpusSource = {
  file: "82-golan-intro-ml-cnn-backprop.md",
  citation:
    'Tomasz Golan (GitHub: TomaszGolan), "Deep learning", lecture 05 of his lecture notes "Introduction to Machine Learning" (Jupyter/Colaboratory notebooks exported to Markdown, tomaszgolan.github.io/introduction_to_machine_learning), repository TomaszGolan/introduction_to_machine_learning, file docs/markdown/introduction_to_machine_learning_05_dl/introduction_to_machine_learning_05_dl.md, commit 9d9ca83218fc2ce4fad8671168802409f101a9f2 (4 June 2018): sections "Convolutional neural networks" to "Backpropagation" (output sizes, the forward pass of a 3×3 input and 2×2 filter entry by entry, ∂L/∂w entry by entry)',
  url: "https://github.com/TomaszGolan/introduction_to_machine_learning/blob/9d9ca83218fc2ce4fad8671168802409f101a9f2/docs/markdown/introduction_to_machine_learning_05_dl/introduction_to_machine_learning_05_dl.md",
  flags: ["--input", "3x3", "--kernel", "2x2", "--op", "xcorr", "--index-base", "1"],
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
    bias: false,
    indexBase: 1,
  },
  indexBase: 1,
  equations: [
    size(
      60,
      "W_{out} & = & W_{in} - W_{f} + 1",
      "no padding, stride 1: the filter fits W_in − W_f + 1 times across (3 − 2 + 1 = 2)",
    ),
    size(61, "H_{out} & = & H_{in} - H_{f} + 1", "the same down the columns (3 − 2 + 1 = 2)"),
    size(131, "W_{out} & = & W_{in} - W_{f} + 2P+ 1", "P zeros on each side widen the input by 2P (here P = 0: 2)"),
    size(132, "H_{out} & = & H_{in} - H_{f} + 2P + 1", "the same for the height (here 2)"),
    size(
      161,
      "W_{out} & = & \\frac{W_{in} - W_{f} + 2P}{W_{s}}+ 1",
      "with stride W_s the filter moves W_s at a time: (W_in − W_f + 2P)/W_s + 1 positions when W_s divides (here (3 − 2 + 0)/1 + 1 = 2)",
    ),
    size(162, "H_{out} & = & \\frac{H_{in} - H_{f} + 2P}{H_{s}} + 1", "the same for the height (here 2)"),
    {
      line: 256,
      snippet: "\\left[\\begin{array}{ccc}",
      truth: "holds",
      target: "Y",
      why: "the example's forward pass as one matrix equation, x ⊙ w = h, ⊙ standing for the layer's sliding dot product (the lecture never defines ⊙; the four rows below spell it out, and a Hadamard product of a 3×3 and a 2×2 matrix does not exist): h_{kl} = Σ_{ij} w_{ij} x_{k+i−1, l+j−1}",
      claimed: fwd,
    },
    {
      line: 273,
      snippet: "h_{11} & = & w_{11}x_{11} + w_{12}x_{12} + w_{21}x_{21} + w_{22}x_{22}",
      truth: "holds",
      target: "Y",
      why: "the filter on the top-left 2×2 patch: each w_{ij} times x_{ij}",
      claimed: at(
        1,
        1,
        wx([
          [
            [1, 1],
            [1, 1],
          ],
          [
            [1, 2],
            [1, 2],
          ],
          [
            [2, 1],
            [2, 1],
          ],
          [
            [2, 2],
            [2, 2],
          ],
        ]),
        fwd,
      ),
    },
    {
      line: 274,
      snippet: "h_{12} & = & w_{11}x_{12} + w_{12}x_{13} + w_{21}x_{22} + w_{22}x_{23}",
      truth: "holds",
      target: "Y",
      why: "the filter moved one column right: w_{ij} times x_{i, j+1}",
      claimed: at(
        1,
        2,
        wx([
          [
            [1, 1],
            [1, 2],
          ],
          [
            [1, 2],
            [1, 3],
          ],
          [
            [2, 1],
            [2, 2],
          ],
          [
            [2, 2],
            [2, 3],
          ],
        ]),
        fwd,
      ),
    },
    {
      line: 275,
      snippet: "h_{21} & = & w_{11}x_{21} + w_{12}x_{22} + w_{21}x_{31} + w_{22}x_{32}",
      truth: "holds",
      target: "Y",
      why: "the filter moved one row down: w_{ij} times x_{i+1, j}",
      claimed: at(
        2,
        1,
        wx([
          [
            [1, 1],
            [2, 1],
          ],
          [
            [1, 2],
            [2, 2],
          ],
          [
            [2, 1],
            [3, 1],
          ],
          [
            [2, 2],
            [3, 2],
          ],
        ]),
        fwd,
      ),
    },
    {
      line: 276,
      snippet: "h_{22} & = & w_{11}x_{22} + w_{12}x_{23} + w_{21}x_{32} + w_{22}x_{33}",
      truth: "holds",
      target: "Y",
      why: "the bottom-right patch: w_{ij} times x_{i+1, j+1}",
      claimed: at(
        2,
        2,
        wx([
          [
            [1, 1],
            [2, 2],
          ],
          [
            [1, 2],
            [2, 3],
          ],
          [
            [2, 1],
            [3, 2],
          ],
          [
            [2, 2],
            [3, 3],
          ],
        ]),
        fwd,
      ),
    },
    {
      line: 284,
      snippet:
        "\\partial w_{11} & = & \\partial h_{11}x_{11} + \\partial h_{12}x_{12} + \\partial h_{21}x_{21} + \\partial h_{22}x_{22}",
      truth: "holds",
      target: "dW",
      why: "w_{11} multiplies x_{11}, x_{12}, x_{21}, x_{22} in h_{11}, h_{12}, h_{21}, h_{22} (lines 273–276): the chain rule over the four outputs",
      claimed: at(
        1,
        1,
        hx([
          [
            [1, 1],
            [1, 1],
          ],
          [
            [1, 2],
            [1, 2],
          ],
          [
            [2, 1],
            [2, 1],
          ],
          [
            [2, 2],
            [2, 2],
          ],
        ]),
        trueDW,
      ),
    },
    {
      line: 285,
      snippet:
        "\\partial w_{12} & = & \\partial h_{11}x_{12} + \\partial h_{12}x_{13} + \\partial h_{21}x_{22} + \\partial h_{22}x_{23}",
      truth: "holds",
      target: "dW",
      why: "w_{12} multiplies x_{12}, x_{13}, x_{22}, x_{23} in h_{11}, h_{12}, h_{21}, h_{22}",
      claimed: at(
        1,
        2,
        hx([
          [
            [1, 1],
            [1, 2],
          ],
          [
            [1, 2],
            [1, 3],
          ],
          [
            [2, 1],
            [2, 2],
          ],
          [
            [2, 2],
            [2, 3],
          ],
        ]),
        trueDW,
      ),
    },
    {
      line: 286,
      snippet:
        "\\partial w_{21} & = & \\partial h_{11}x_{21} + \\partial h_{12}x_{22} + \\partial h_{21}x_{31} + \\partial h_{22}x_{32}",
      truth: "holds",
      target: "dW",
      why: "w_{21} multiplies x_{21}, x_{22}, x_{31}, x_{32} in h_{11}, h_{12}, h_{21}, h_{22}",
      claimed: at(
        2,
        1,
        hx([
          [
            [1, 1],
            [2, 1],
          ],
          [
            [1, 2],
            [2, 2],
          ],
          [
            [2, 1],
            [3, 1],
          ],
          [
            [2, 2],
            [3, 2],
          ],
        ]),
        trueDW,
      ),
    },
    {
      line: 287,
      snippet:
        "\\partial w_{22} & = & \\partial h_{11}x_{22} + \\partial h_{12}x_{23} + \\partial h_{21}x_{32} + \\partial h_{22}x_{33}",
      truth: "holds",
      target: "dW",
      why: "w_{22} multiplies x_{22}, x_{23}, x_{32}, x_{33} in h_{11}, h_{12}, h_{21}, h_{22}",
      claimed: at(
        2,
        2,
        hx([
          [
            [1, 1],
            [2, 2],
          ],
          [
            [1, 2],
            [2, 3],
          ],
          [
            [2, 1],
            [3, 2],
          ],
          [
            [2, 2],
            [3, 3],
          ],
        ]),
        trueDW,
      ),
    },
  ],
};
export default src;
