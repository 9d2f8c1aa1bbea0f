/**
 * Chaklam Silpasuwanchai (GitHub: chaklam-silpasuwanchai; Asian Institute of Technology), "Convolutional Neural
 * Networks from Scratch": lecture 16 (later 12.4) of his Jupyter-notebook course "Programming for Data Science and
 * Artificial Intelligence", repository chaklam-silpasuwanchai/Python-for-Data-Science (written 30 July – 5 August 2020,
 * renamed in October 2020 and removed from the repository on 20 October 2020; read at commit cf2f722, 7 October 2020),
 * its readings Weidman's Deep Learning from Scratch and Aggarwal's Neural Networks and Deep Learning. Its section
 * "1D input" builds a 1-D convolution in NumPy and works out its gradients by hand: the input [1, 2, 3, 4, 5] padded
 * to t = [0, 1, 2, 3, 4, 5, 0], the kernel w = [1, 1, 1], the five outputs o_0 … o_4 written out, the loss L the sum
 * of the outputs (conv_1d_sum), then ∂L/∂t_5 … ∂L/∂t_1 by the chain rule, the same rows re-indexed for the code
 * (inputgrad_i, grad_k), and the kernel gradient w_k^{grad}.
 * Layer: the formulas are all written on the padded input t (t_0 and t_6 are the padding zeros), so the layer they
 * describe is a valid 1-D cross-correlation of t, 7 entries, with the 3-entry kernel w, no flip (o_i = Σ_k t_{i+k} w_k),
 * stride 1, no bias, giving o_0 … o_4; 0-based (t_0 … t_6, w_0 … w_2, o_0 … o_4). ∂L/∂o_i is v.dy(i), 0 off 0 … 4 —
 * the notebook's own convention: "∂L/∂o_{-1} = 0 as well as ∂L/∂o_5 = 0", outputs "which we don't have".
 * Reading of the re-indexed rows (lines 102–106): inputgrad_i is the gradient of the i-th of the five elements,
 * i.e. of t_{i+1} ("input_grad which range from 0 to 4 for each of five elements"), and grad is the output gradient
 * padded by one zero at each end ("[0, 1, 1, 1, 1, 1, 0]"), grad_k = ∂L/∂o_{k−1}; so inputgrad_4 = grad_4 w_2 +
 * grad_5 w_1 + grad_6 w_0 is ∂L/∂t_5 = ∂L/∂o_3 w_2 + ∂L/∂o_4 w_1 + ∂L/∂o_5 w_0, line 72 renamed: they hold.
 * No formula about the layer is wrong: t_j enters o_{j−k} under w_k (k = 0, 1, 2), so ∂L/∂t_j = Σ_k ∂L/∂o_{j−k} w_k,
 * which is each of lines 62 and 72–76 (t_1's row with the absent o_{−1}, t_5's with the absent o_5), and the forward
 * rows (52–56, again 141–145) are the windows t_i, t_{i+1}, t_{i+2} under w_0, w_1, w_2. The worked numbers are right
 * too: the sliding sums 3, 6, 9, 12, 9 (raw text, lines 21–26), ∂L/∂t_5 = 1·w_2 + 1·w_1 + 0·w_0 = 2 (line 66: t_5 is in
 * o_3 and o_4 only), ∂L/∂w_0 = t_1 + t_2 + t_3 + t_4 = 10 (lines 133, 149).
 * Other: the example's values (t, w, lines 42, 46, 137, 139), the loss's output gradient ∂L/∂o_i = 1 (64, 147: L is the
 * sum of the outputs), the numbers of lines 66, 133 and 149, and the "general pattern" w_0^{grad} = t_0 + … + t_4,
 * w_1^{grad}, w_2^{grad} (153–155): the kernel gradient for that loss only — each w_k meets t_{i+k} in o_i, so
 * ∂L/∂w_k = Σ_i ∂L/∂o_i t_{i+k}, which is Σ_i t_{i+k} because ∂L/∂o_i = 1 ("we know that ∂L/∂o_i = 1", line 147) —
 * right in the notebook's setting, not the layer's gradient for any output gradient (the oracle's δy is random), so
 * not checked. Definitions: ∂L/∂o_{−1} = 0 and ∂L/∂o_5 = 0 (lines 90, 94), the zero output gradient outside the
 * output that the code pads with.
 * Left out of the transcription: cell 2's 2-D example o_{33} on a 5×5 image (another layer; as written it repeats
 * i_{32} under w_{22} where i_{33} belongs and leaves out the w_{31} term).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 7,
  K = 3; // t_0 … t_6, w_0 … w_2, so o_0 … o_4

/** o_i = Σ_k t_{i+k} w_k. */
const fwd = (v: Access, i: number): Q => sum(0, K - 1, (k) => qmul(v.x(i + k), v.w(k)));
/** ∂L/∂t_j = Σ_k ∂L/∂o_{j−k} w_k (δy 0 off o_0 … o_4). */
const trueDX = (v: Access, j: number): Q => sum(0, K - 1, (k) => qmul(v.dy(j - k), v.w(k)));

/** An entry formula of a 1-D tensor: its right-hand side at index `e`, the true value at every other entry. */
const at1 =
  (e: number, rhs: (v: Access) => Q, rest: (v: Access, i: number) => Q) =>
  (v: Access, [i]: number[]): Q =>
    i === e ? rhs(v) : rest(v, i!);

/** Σ t_a w_b over the pairs as written. */
const tw =
  (pairs: [number, number][]) =>
  (v: Access): Q =>
    pairs.reduce((s, [a, b]) => qadd(s, qmul(v.x(a), v.w(b))), Q0);
/** Σ ∂L/∂o_a w_b over the pairs as written. */
const ow =
  (pairs: [number, number][]) =>
  (v: Access): Q =>
    pairs.reduce((s, [a, b]) => qadd(s, qmul(v.dy(a), v.w(b))), Q0);

/** o_i = t_i*w_0 + t_{i+1}*w_1 + t_{i+2}*w_2 at `line`. */
const output = (line: number, i: number): TruthEquation => ({
  line,
  snippet: `o_${i} = t_${i}*w_0 + t_${i + 1}*w_1 + t_${i + 2}*w_2`,
  truth: "holds",
  target: "Y",
  why: `the window t_${i}, t_${i + 1}, t_${i + 2} of o_${i} under w_0, w_1, w_2: the valid cross-correlation of the padded input with the kernel`,
  claimed: at1(
    i,
    tw([
      [i, 0],
      [i + 1, 1],
      [i + 2, 2],
    ]),
    fwd,
  ),
});

/** ∂L/∂t_j = ∂L/∂o_{j−2} * w_2 + ∂L/∂o_{j−1} * w_1 + ∂L/∂o_j * w_0 at `line`. */
const dt = (line: number, j: number, snippet: string): TruthEquation => ({
  line,
  snippet,
  truth: "holds",
  target: "dX",
  why: `t_${j} enters o_${j - 2} under w_2, o_${j - 1} under w_1 and o_${j} under w_0: the chain rule over them${
    j === 5
      ? " (o_5 does not exist: its gradient 0, as the notebook says)"
      : j === 1
        ? " (o_{-1} does not exist: its gradient 0, line 90)"
        : ""
  }`,
  claimed: at1(
    j,
    ow([
      [j - 2, 2],
      [j - 1, 1],
      [j, 0],
    ]),
    trueDX,
  ),
});

/** inputgrad_i = grad_i * w_2 + grad_{i+1} * w_1 + grad_{i+2} * w_0, inputgrad_i = ∂L/∂t_{i+1}, grad_k = ∂L/∂o_{k−1}. */
const inputgrad = (line: number, i: number, snippet: string): TruthEquation => ({
  line,
  snippet,
  truth: "holds",
  target: "dX",
  why: `inputgrad_${i} is the gradient of the element t_${i + 1} and grad the output gradient padded by a zero at each end (grad_k = ∂L/∂o_{k−1}): line ${
    76 - i
  } (∂L/∂t_${i + 1}) re-indexed for the code`,
  claimed: at1(
    i + 1,
    ow([
      [i - 1, 2],
      [i, 1],
      [i + 1, 0],
    ]),
    trueDX,
  ),
});

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});

const tValues =
  "the example's padded input [1, 2, 3, 4, 5] with a zero at each end: values, not a formula about the layer's gradients";
const wValues = "the example's kernel: values, not a formula about the layer's gradients";
const lossGrad =
  "the output gradient of the notebook's loss, L = conv_1d_sum = Σ o_i: a statement about that loss, not about the layer";
const pattern = (k: number) =>
  `the kernel gradient for the notebook's loss L = Σ o_i: w_${k} meets t_{i+${k}} in o_i, so ∂L/∂w_${k} = Σ_i ∂L/∂o_i t_{i+${k}}, which is this sum because ∂L/∂o_i = 1 (line 147); right in that setting, not the layer's gradient for any output gradient`;

const src: CorpusSource = {
  file: "101-silpasuwanchai-cnn-scratch-conv1d-grad.md",
  citation:
    'Chaklam Silpasuwanchai (GitHub: chaklam-silpasuwanchai; Asian Institute of Technology), "Programming for Data Science and Artificial Intelligence — 12.4 - Deep Learning - Convolutional Neural Networks from Scratch" (first "16 - Convolutional Neural Networks from Scratch", written 30 July – 5 August 2020; readings Weidman, Deep Learning from Scratch, and Aggarwal), a Jupyter notebook of the repository chaklam-silpasuwanchai/Python-for-Data-Science, read at commit cf2f7228cec5db33f655ac05d46afa496e34ccab (7 October 2020; the notebook was removed from the repository on 20 October 2020): the section "1D input" (forward pass on the padded input, the input gradient by the chain rule and re-indexed for the code, the kernel gradient)',
  url: "https://github.com/chaklam-silpasuwanchai/Python-for-Data-Science/blob/cf2f7228cec5db33f655ac05d46afa496e34ccab/12.4%20-%20Deep%20Learning%20-%20Convolutional%20Neural%20Networks%20from%20Scratch.ipynb",
  flags: ["--input", "7", "--kernel", "3", "--op", "xcorr", "--index-base", "0"],
  layer: {
    op: "xcorr",
    input: [N],
    kernel: [K],
    stride: [1],
    dilation: [1],
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
    other(42, "t = [0, 1, 2, 3, 4, 5, 0]", tValues),
    other(46, "w = [1, 1, 1]", wValues),
    output(52, 0),
    output(53, 1),
    output(54, 2),
    output(55, 3),
    output(56, 4),
    dt(
      62,
      5,
      "\\frac{\\partial L}{\\partial t_5} = \\frac{\\partial L}{\\partial o_3} * w_2 +  \\frac{\\partial L}{\\partial o_4} * w_1 + \\frac{\\partial L}{\\partial o_5} * w_0",
    ),
    other(64, "\\frac{\\partial L}{\\partial o_i} = 1", lossGrad),
    other(
      66,
      "= 1 * w_2 + 1 * w_1 + 0 * w_0 = 2",
      "line 62 instantiated with the notebook's loss (∂L/∂o_3 = ∂L/∂o_4 = 1, o_5 absent) and w = [1, 1, 1]: the value 2 of its finite-difference check, right for that example",
    ),
    dt(
      72,
      5,
      "\\frac{\\partial L}{\\partial t_5} = \\frac{\\partial L}{\\partial o_3} * w_2 +  \\frac{\\partial L}{\\partial o_4} * w_1 + \\frac{\\partial L}{\\partial o_5} * w_0",
    ),
    dt(
      73,
      4,
      "\\frac{\\partial L}{\\partial t_4} = \\frac{\\partial L}{\\partial o_2} * w_2 +  \\frac{\\partial L}{\\partial o_3} * w_1 +  \\frac{\\partial L}{\\partial o_4} * w_0",
    ),
    dt(
      74,
      3,
      "\\frac{\\partial L}{\\partial t_3} = \\frac{\\partial L}{\\partial o_1} * w_2 +  \\frac{\\partial L}{\\partial o_2} * w_1 +  \\frac{\\partial L}{\\partial o_3} * w_0",
    ),
    dt(
      75,
      2,
      "\\frac{\\partial L}{\\partial t_2} = \\frac{\\partial L}{\\partial o_0} * w_2 +  \\frac{\\partial L}{\\partial o_1} * w_1 +  \\frac{\\partial L}{\\partial o_2} * w_0",
    ),
    dt(
      76,
      1,
      "\\frac{\\partial L}{\\partial t_1} =  \\frac{\\partial L}{\\partial o_{-1}} * w_2 + \\frac{\\partial L}{\\partial o_0} * w_1 +  \\frac{\\partial L}{\\partial o_1} * w_0",
    ),
    def(
      90,
      "\\frac{\\partial L}{\\partial o_{-1}} = 0",
      "the output gradient outside the output (o_{-1} does not exist): the zero the code pads grad with",
    ),
    def(
      94,
      "\\frac{\\partial L}{\\partial o_{5}} = 0",
      "the output gradient outside the output (o_5 does not exist): the zero the code pads grad with",
    ),
    inputgrad(102, 4, "inputgrad_4 = grad_4 * w_2 +  grad_5 * w_1 + grad_6 * w_0"),
    inputgrad(103, 3, "inputgrad_3 = grad_3 * w_2 +  grad_4 * w_1 +  grad_5 * w_0"),
    inputgrad(104, 2, "inputgrad_2 = grad_2 * w_2 +  grad_3 * w_1 +  grad_4 * w_0"),
    inputgrad(105, 1, "inputgrad_1 = grad_1 * w_2 +  grad_2 * w_1 +  grad_3 * w_0"),
    inputgrad(106, 0, "inputgrad_0 =  grad_0 * w_2 + grad_1 * w_1 +  grad_2 * w_0"),
    other(
      133,
      "\\frac{\\partial L}{\\partial w_0} = 10",
      "the result of the notebook's finite-difference check (w_0 raised by 1 raises the convolution sum by 10), right for its numbers",
    ),
    other(137, "t = [0, 1, 2, 3, 4, 5, 0]", tValues),
    other(139, "w = [1, 1, 1]", wValues),
    output(141, 0),
    output(142, 1),
    output(143, 2),
    output(144, 3),
    output(145, 4),
    other(147, "\\frac{\\partial L}{\\partial o_i} = 1", lossGrad),
    other(
      149,
      "w_0^{grad} = t_1 + t_2 + t_3 + t_4 = 10",
      "the kernel gradient for the notebook's loss at its numbers (t_0 = 0 dropped): 1 + 2 + 3 + 4 = 10, right for that example",
    ),
    other(153, "w_0^{grad} = t_0 + t_1 + t_2 + t_3 + t_4", pattern(0)),
    other(154, "w_1^{grad} = t_1 + t_2 + t_3 + t_4 + t_5", pattern(1)),
    other(155, "w_2^{grad} = t_2 + t_3 + t_4 + t_5 + t_6", pattern(2)),
  ],
};
export default src;
