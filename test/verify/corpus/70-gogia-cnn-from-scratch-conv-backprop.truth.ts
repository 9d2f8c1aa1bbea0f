/**
 * Ambar Gogia (GitHub: AmbarGogia05), "cnn-from-scratch": a code-along tutorial notebook (June 2025) that builds a
 * LeNet-like CNN from scratch in NumPy — here its two Markdown cells on the back-propagation through the
 * convolutional layer: the four outputs of a 3×3 input X under a 2×2 filter F written out with their bias, the
 * bias gradient as a chain rule, each filter gradient ∂L/∂f_{ab} and each input gradient ∂L/∂x_{ij} written out
 * entry by entry, and two summaries, ∂L/∂X = O' * F^rot (a "full convolution") and ∂L/∂F = X * O' (a "valid
 * convolution").
 * Layer: the cells' own example — "a 3 × 3 input matrix X, and a filter F of dimension 2 × 2 with a stride of 1.
 * The output in this case has dimension 2 × 2", "the output has a bias added to each term" — one channel, one
 * filter, a single bias b, no padding, 1-based (x_{11} … x_{33}, f_{11} … f_{22}, o_{11} … o_{22}); the layer is a
 * cross-correlation (o_{11} = f_{11}x_{11} + f_{12}x_{12} + f_{21}x_{21} + f_{22}x_{22} + b), as the notebook's Conv
 * class computes it (np.sum(weights * patch) + bias). ∂L/∂o_{ij} is v.dy(i, j), O' = ∂L/∂O the same tensor.
 * The notebook's "convolution" (of its forward pass, "To apply a convolution, we multiply element-wise each value of
 * the filter matrix with the slice") is this cross-correlation, and its * in the two summaries is that operation:
 * "full" pads O' with k − 1 = 1 zeros on each side (its ConvBackward: np.pad(dout, … (k − 1, k − 1) …), then
 * slides np.flip(weights) over it), "valid" slides without padding. So ∂L/∂X = O' * F^rot reads
 * Σ_{a,b} O'_{i+a−2, j+b−2} F^rot_{ab} with F^rot_{ab} = f_{3−a, 3−b}, and ∂L/∂F = X * O' reads
 * Σ_{i,j} x_{a+i−1, b+j−1} O'_{ij}: both hold. (Read as a true, flipping convolution, both would fail: the
 * flip of F^rot would undo the rotation, and the valid convolution of X with O' would give the filter gradient
 * rotated by 180°.)
 * No mistakes in the formulas: every written-out entry checks (each x_{ij} receives exactly the o's whose window
 * covers it, under the filter entry at its place in that window). The prose's "full convolution (i.e., stride 1
 * and zero-padding so the output is the same size as the input)" is not a formula (the full convolution of a 2×2
 * O' with a 2×2 filter is 3×3, the input's size, because the padding is k − 1, not "same").
 * Other: the "i, j = {1, 2}" that closes the bias gradient's display (the range of its sum), the four elided
 * reminders "o_{11} = f_{11}x_{11} + …" (lines 47–50, the first term of each output only). Definitions: the filter
 * matrix F (line 28) and O' = ∂L/∂O (line 244).
 * Held out: added after the reader was built, to try it on a source none of its tests used. (The cells follow the
 * same 3×3 / 2×2 example as CXianRen's note, corpus 17 — both after Pavithra Solai's Medium post — but are their
 * own text: with a bias, its gradient, every input entry, and the two convolution summaries.)
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { at, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const K = 2,
  O = 2; // 3×3 input, 2×2 filter, 2×2 output

/** o_{pq} = Σ_{a,b} f_{ab} x_{p+a−1, q+b−1} + b. */
const fwd = (v: Access, p: number, q: number): Q =>
  qadd(
    sum(1, K, (a) => sum(1, K, (b) => qmul(v.w(a, b), v.x(p + a - 1, q + b - 1)))),
    v.b(),
  );
/** ∂L/∂f_{ab} = Σ_{p,q} ∂L/∂o_{pq} x_{p+a−1, q+b−1}. */
const trueDW = (v: Access, a: number, b: number): Q =>
  sum(1, O, (p) => sum(1, O, (q) => qmul(v.dy(p, q), v.x(p + a - 1, q + b - 1))));
/** ∂L/∂x_{rs} = Σ_{p,q} ∂L/∂o_{pq} f_{r−p+1, s−q+1} (f zero outside 1..2). */
const trueDX = (v: Access, r: number, s: number): Q =>
  sum(1, O, (p) => sum(1, O, (q) => qmul(v.dy(p, q), v.w(r - p + 1, s - q + 1))));
type P = [[number, number], [number, number]];
/** Σ ∂L/∂o_{..} · x_{..}, the terms as written. */
const dyX =
  (terms: P[]) =>
  (v: Access): Q =>
    sum(0, terms.length - 1, (t) => qmul(v.dy(...terms[t]![0]), v.x(...terms[t]![1])));
/** Σ ∂L/∂o_{..} · f_{..}, the terms as written. */
const dyF =
  (terms: P[]) =>
  (v: Access): Q =>
    sum(0, terms.length - 1, (t) => qmul(v.dy(...terms[t]![0]), v.w(...terms[t]![1])));
/** Σ f_{..} x_{..} + b, the terms as written. */
const fXb =
  (terms: P[]) =>
  (v: Access): Q =>
    qadd(
      sum(0, terms.length - 1, (t) => qmul(v.w(...terms[t]![0]), v.x(...terms[t]![1]))),
      v.b(),
    );
/** Σ_{i,j} ∂L/∂o_{ij}: the bias gradient. */
const db = (v: Access): Q => sum(1, O, (i) => sum(1, O, (j) => v.dy(i, j)));

const pd = (s: string) => `\\frac{\\partial \\mathcal{L}}{\\partial ${s}} =`;
const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const elided = (line: number, o: string, x: string): TruthEquation =>
  other(
    line,
    `o_{${o}} = f_{11}x_{${x}} + \\dots`,
    `a reminder that f_{11} appears in o_{${o}} (times x_{${x}}): the first term of the output of line 11–14, the rest elided`,
  );

const src: CorpusSource = {
  file: "70-gogia-cnn-from-scratch-conv-backprop.md",
  citation:
    'Ambar Gogia (GitHub: AmbarGogia05, IIT Delhi), "cnn-from-scratch", a code-along tutorial for building a CNN from scratch with NumPy: the Jupyter notebook "CNN_with_batching_ codealong.ipynb" (30 June 2025), read at commit 2146e88526618fd24e6dc61eca29bedb71409b95, its two Markdown cells on the back-propagation through the convolutional layer (outputs with bias written out, ∂L/∂b, every ∂L/∂f_{ab} and ∂L/∂x_{ij}, and ∂L/∂X, ∂L/∂F as convolutions)',
  url: "https://github.com/AmbarGogia05/cnn-from-scratch/blob/2146e88526618fd24e6dc61eca29bedb71409b95/CNN_with_batching_%20codealong.ipynb",
  flags: ["--input", "3x3", "--kernel", "2x2", "--op", "xcorr", "--index-base", "1", "--bias"],
  layer: {
    op: "xcorr",
    input: [3, 3],
    kernel: [K, K],
    stride: [1, 1],
    dilation: [1, 1],
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
    {
      line: 11,
      snippet: "o_{11} = f_{11}x_{11}+f_{12}x_{12}+f_{21}x_{21}+f_{22}x_{22} + b",
      truth: "holds",
      target: "Y",
      why: "the window x_{11..22} of o_{11}, each entry times the filter entry at the same place, plus the bias",
      claimed: at(
        1,
        1,
        fXb([
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
      line: 12,
      snippet: "o_{12} = f_{11}x_{12}+f_{12}x_{13}+f_{21}x_{22}+f_{22}x_{23} + b",
      truth: "holds",
      target: "Y",
      why: "the window shifted one column right, plus the bias",
      claimed: at(
        1,
        2,
        fXb([
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
      line: 13,
      snippet: "o_{21} = f_{11}x_{21}+f_{12}x_{22}+f_{21}x_{31}+f_{22}x_{32} + b",
      truth: "holds",
      target: "Y",
      why: "the window shifted one row down, plus the bias",
      claimed: at(
        2,
        1,
        fXb([
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
      line: 14,
      snippet: "o_{22} = f_{11}x_{22}+f_{12}x_{23}+f_{21}x_{32}+f_{22}x_{33} + b",
      truth: "holds",
      target: "Y",
      why: "the window shifted one row down and one column right, plus the bias",
      claimed: at(
        2,
        2,
        fXb([
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
      line: 18,
      snippet:
        "\\frac{\\partial \\mathcal{L}}{\\partial b} = \\sum_{i,j}\\frac{\\partial \\mathcal{L}}{\\partial o_{ij}}\\frac{\\partial o_{ij}}{\\partial b}",
      truth: "holds",
      target: "db",
      why: "the one bias enters every output o_{ij} (i, j = 1, 2): the chain rule over them, with ∂o_{ij}/∂b = 1 (line 19), is the sum of the output gradient",
      claimed: (v) => db(v),
    },
    other(18, "j = {1, 2}", "the range of the sum's indices, i, j = 1, 2 (the 2×2 output), closing the display"),
    {
      line: 19,
      snippet: "\\frac{\\partial o_{ij}}{\\partial b} = 1",
      truth: "holds",
      target: "db",
      why: "b is added to each output with coefficient 1; checked through line 18's chain rule: Σ_{i,j} ∂L/∂o_{ij} times this derivative is the bias gradient",
      claimed: (v) => sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), { n: 1n, d: 1n }))),
    },
    {
      line: 28,
      snippet: "F =",
      truth: "definition",
      why: "the filter F as the 2×2 matrix of its entries f_{11} … f_{22}",
    },
    elided(47, "11", "11"),
    elided(48, "12", "12"),
    elided(49, "21", "21"),
    elided(50, "22", "22"),
    {
      line: 55,
      snippet: pd("f_{11}"),
      truth: "holds",
      target: "dW",
      why: "f_{11} multiplies x_{11}, x_{12}, x_{21}, x_{22} in o_{11}, o_{12}, o_{21}, o_{22}: the chain rule over the four outputs",
      claimed: at(
        1,
        1,
        dyX([
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
      line: 65,
      snippet: pd("f_{12}"),
      truth: "holds",
      target: "dW",
      why: "f_{12} multiplies x_{12}, x_{13}, x_{22}, x_{23} in o_{11}, o_{12}, o_{21}, o_{22}",
      claimed: at(
        1,
        2,
        dyX([
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
      line: 73,
      snippet: pd("f_{21}"),
      truth: "holds",
      target: "dW",
      why: "f_{21} multiplies x_{21}, x_{22}, x_{31}, x_{32} in o_{11}, o_{12}, o_{21}, o_{22}",
      claimed: at(
        2,
        1,
        dyX([
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
      line: 81,
      snippet: pd("f_{22}"),
      truth: "holds",
      target: "dW",
      why: "f_{22} multiplies x_{22}, x_{23}, x_{32}, x_{33} in o_{11}, o_{12}, o_{21}, o_{22}",
      claimed: at(
        2,
        2,
        dyX([
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
    {
      line: 106,
      snippet: pd("x_{22}"),
      truth: "holds",
      target: "dX",
      why: "x_{22} is in all four windows: under f_{22} in o_{11}, f_{21} in o_{12}, f_{12} in o_{21}, f_{11} in o_{22}",
      claimed: at(
        2,
        2,
        dyF([
          [
            [1, 1],
            [2, 2],
          ],
          [
            [1, 2],
            [2, 1],
          ],
          [
            [2, 1],
            [1, 2],
          ],
          [
            [2, 2],
            [1, 1],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 131,
      snippet: pd("x_{11}"),
      truth: "holds",
      target: "dX",
      why: "x_{11} is only in the window of o_{11}, under f_{11}",
      claimed: at(
        1,
        1,
        dyF([
          [
            [1, 1],
            [1, 1],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 147,
      snippet: pd("x_{12}"),
      truth: "holds",
      target: "dX",
      why: "x_{12} is under f_{12} in o_{11} and under f_{11} in o_{12}",
      claimed: at(
        1,
        2,
        dyF([
          [
            [1, 1],
            [1, 2],
          ],
          [
            [1, 2],
            [1, 1],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 159,
      snippet: pd("x_{13}"),
      truth: "holds",
      target: "dX",
      why: "x_{13} is only in the window of o_{12}, under f_{12}",
      claimed: at(
        1,
        3,
        dyF([
          [
            [1, 2],
            [1, 2],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 175,
      snippet: pd("x_{21}"),
      truth: "holds",
      target: "dX",
      why: "x_{21} is under f_{21} in o_{11} and under f_{11} in o_{21}",
      claimed: at(
        2,
        1,
        dyF([
          [
            [1, 1],
            [2, 1],
          ],
          [
            [2, 1],
            [1, 1],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 187,
      snippet: pd("x_{22}"),
      truth: "holds",
      target: "dX",
      why: "the gradient of line 106 repeated: x_{22} under f_{22}, f_{21}, f_{12}, f_{11} in o_{11}, o_{12}, o_{21}, o_{22}",
      claimed: at(
        2,
        2,
        dyF([
          [
            [1, 1],
            [2, 2],
          ],
          [
            [1, 2],
            [2, 1],
          ],
          [
            [2, 1],
            [1, 2],
          ],
          [
            [2, 2],
            [1, 1],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 199,
      snippet: pd("x_{23}"),
      truth: "holds",
      target: "dX",
      why: "x_{23} is under f_{22} in o_{12} and under f_{12} in o_{22}",
      claimed: at(
        2,
        3,
        dyF([
          [
            [1, 2],
            [2, 2],
          ],
          [
            [2, 2],
            [1, 2],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 209,
      snippet: pd("x_{31}"),
      truth: "holds",
      target: "dX",
      why: "x_{31} is only in the window of o_{21}, under f_{21}",
      claimed: at(
        3,
        1,
        dyF([
          [
            [2, 1],
            [2, 1],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 218,
      snippet: pd("x_{32}"),
      truth: "holds",
      target: "dX",
      why: "x_{32} is under f_{22} in o_{21} and under f_{21} in o_{22}",
      claimed: at(
        3,
        2,
        dyF([
          [
            [2, 1],
            [2, 2],
          ],
          [
            [2, 2],
            [2, 1],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 228,
      snippet: pd("x_{33}"),
      truth: "holds",
      target: "dX",
      why: "x_{33} is only in the window of o_{22}, under f_{22}",
      claimed: at(
        3,
        3,
        dyF([
          [
            [2, 2],
            [2, 2],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 244,
      snippet: "O' = \\frac{\\partial \\mathcal{L}}{\\partial O}",
      truth: "definition",
      why: "O' names the output gradient ∂L/∂O",
    },
    {
      line: 250,
      snippet: "\\frac{\\partial \\mathcal{L}}{\\partial X} = O' * F^\\text{rot}",
      truth: "holds",
      target: "dX",
      why: "with the notebook's * (its forward pass's cross-correlation; 'full': O' padded with k − 1 = 1 zeros) and F^rot_{ab} = f_{3−a,3−b}: Σ_{a,b} O'_{i+a−2, j+b−2} f_{3−a,3−b} = Σ_{p,q} O'_{pq} f_{i−p+1, j−q+1}, the input gradient",
      claimed: (v, [i, j]) => sum(1, K, (a) => sum(1, K, (b) => qmul(v.dy(i! + a - 2, j! + b - 2), v.w(3 - a, 3 - b)))),
    },
    {
      line: 266,
      snippet: "\\frac{\\partial \\mathcal{L}}{\\partial F} = X * O'",
      truth: "holds",
      target: "dW",
      why: "with the notebook's * (cross-correlation, 'valid': O' slid over X without padding): Σ_{i,j} x_{a+i−1, b+j−1} O'_{ij}, the filter gradient of lines 55–81",
      claimed: (v, [a, b]) => sum(1, O, (i) => sum(1, O, (j) => qmul(v.x(a! + i - 1, b! + j - 1), v.dy(i, j)))),
    },
  ],
};
export default src;
