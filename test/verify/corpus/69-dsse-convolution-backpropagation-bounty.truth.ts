/**
 * "Convolution backpropagation", a question on Data Science Stack Exchange (question 81232, 2020, asked with a
 * 100-point bounty) in which the asker works out the first step of back-propagation through a convolution layer
 * with numbered entries: the forward pass of a 3×3 input and a 2×2 filter written as matrices, and the chain rule
 * for the cost's derivative with respect to the filter's first weight, before turning to the next layer (where the
 * stored copy of the page breaks off, "(which will give a single output with 1x"). The asker's user name, the
 * question's tags, comments and answers are not in the stored copy.
 * Layer: the question's own sizes — the 3×3 input (entries i_1^1 … i_9^1, numbered row by row), the 2×2 filter
 * (w_1^1 … w_4^1) and the 2×2 output (o_1^1 … o_4^1) of line 11; one channel, stride 1, no padding, no bias (the
 * question has none), 1-based (the numbering starts at 1). The superscript 1 is the layer, not a power. The "*" of
 * line 11 is read as the question itself spells it out on line 17: "To get o_1^1, we multiplied w_1^1 with i_1^1,
 * to get o_2^1, multiplied w_1^1 with i_2^1, to get o_3^1 … i_4^1, to get o_4^1 … i_5^1" — the filter slides
 * over the input without being flipped, a cross-correlation (a flipped kernel would pair w_1^1 with i_5^1 in
 * o_1^1). Entry number k of a row-by-row numbered r_rows × c_cols matrix is row ⌊(k − 1)/c_cols⌋ + 1, column
 * (k − 1) mod c_cols + 1: i_k^1 is v.x(…), w_k^1 is v.w(…), ∂C/∂o_k^1 is v.dy(…) at that row and column.
 * Both equations hold: the matrix form of the forward pass (line 11, with the question's cross-correlation
 * pairing), and the chain rule ∂C/∂w_1^1 = (∂o^1/∂w_1^1)(∂C/∂o^1) (line 15), read as the product of the Jacobian
 * row ∂o^1/∂w_1^1 (the four entries i_1^1, i_2^1, i_4^1, i_5^1 the question lists on line 17) with the gradient
 * vector ∂C/∂o^1 — the contraction over the output's four entries, which is what the question's words describe
 * (w_1^1 reaches C through each o_k^1 it helped make). The question's prose on line 13 ("how much w_1^1 affected
 * its corresponding output item o_1^1") names only o_1^1, but the equation it writes uses the whole map o^1, so
 * the formula is not the one-term product ∂o_1^1/∂w_1^1 ∂C/∂o_1^1 that sentence suggests. No mistake in what the
 * stored copy shows; the question's doubt is about the next layer, cut off.
 * Not found by verify, so not listed: the inline names ∂o^1/∂w_1^1, ∂C/∂o^1 of lines 17 and 21 (names, not
 * equations) and the "2x2 filter" of line 23 (a size in words).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource } from "./types.js";

const N = 3,
  K = 2,
  O = N - K + 1; // 3×3 input, 2×2 filter, 2×2 output

/** Row and column of entry number k of a matrix with `cols` columns, numbered row by row from 1. */
const rc = (k: number, cols: number): [number, number] => [Math.floor((k - 1) / cols) + 1, ((k - 1) % cols) + 1];
/** i_k^1, w_k^1 and ∂C/∂o_k^1 by the question's numbering. */
const iK = (v: Access, k: number): Q => v.x(...rc(k, N));
const wK = (v: Access, k: number): Q => v.w(...rc(k, K));
const dO = (v: Access, k: number): Q => v.dy(...rc(k, O));
/** The input entry that filter weight q meets in output o_p: o_p's window starts at i_{3(row−1)+col}. */
const inputUnder = (p: number, q: number): number => {
  const [r, c] = rc(p, O);
  const [a, b] = rc(q, K);
  return N * (r + a - 2) + (c + b - 1);
};
/** o_p^1 = Σ_q w_q^1 i_{…}^1: line 11 with the pairing of line 17 (w_1^1 meets i_1^1, i_2^1, i_4^1, i_5^1). */
const fwd = (v: Access, p: number): Q => sum(1, K * K, (q) => qmul(wK(v, q), iK(v, inputUnder(p, q))));
/** ∂C/∂w_q^1 = Σ_p ∂o_p^1/∂w_q^1 ∂C/∂o_p^1 = Σ_p i_{…}^1 ∂C/∂o_p^1: the kernel gradient. */
const dW = (v: Access, q: number): Q => sum(1, O * O, (p) => qmul(iK(v, inputUnder(p, q)), dO(v, p)));

const src: CorpusSource = {
  file: "69-dsse-convolution-backpropagation-bounty.md",
  citation:
    '"Convolution backpropagation", question 81232 on Data Science Stack Exchange (2020, asked with a 100-point bounty; asker\'s user name not in the stored copy): the forward pass of a 3×3 input and a 2×2 filter written as numbered-entry matrices and the chain rule for ∂C/∂w_1^1 (the stored copy breaks off in the next paragraph)',
  url: "https://datascience.stackexchange.com/questions/81232/convolution-backpropagation",
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
    {
      line: 11,
      snippet: "\\begin{pmatrix}i_{1}^1 & i_{2}^1 & i_{3}^1",
      truth: "holds",
      target: "Y",
      why: "the 3×3 input (numbered row by row) slid under the 2×2 filter without flipping, as line 17 spells out (o_1^1 gets w_1^1 i_1^1, o_2^1 gets w_1^1 i_2^1, o_3^1 w_1^1 i_4^1, o_4^1 w_1^1 i_5^1): o_p^1 = Σ_q w_q^1 times the input entry under it, the layer's 2×2 output",
      claimed: (v, [r, c]) => fwd(v, O * (r! - 1) + c!),
    },
    {
      line: 15,
      snippet:
        "\\frac{\\partial C}{\\partial w_1^1} = \\frac{\\partial o^1}{\\partial w_1^1}\\frac{\\partial C}{\\partial o^1}",
      truth: "holds",
      target: "dW",
      why: "the chain rule through the whole output map o^1: the row ∂o^1/∂w_1^1 = (i_1^1, i_2^1, i_4^1, i_5^1) (line 17) times the vector ∂C/∂o^1 is Σ_p i_{…}^1 ∂C/∂o_p^1, the gradient of w_1^1 (checked at w_1^1, the other entries taking the true gradient)",
      claimed: (v, [r, c]) =>
        r === 1 && c === 1
          ? sum(1, O * O, (p) => qmul(dO(v, p), iK(v, [1, 2, 4, 5][p - 1]!)))
          : dW(v, K * (r! - 1) + c!),
    },
  ],
};
export default src;
