/**
 * AnOtterGithubUser (the repository's commits name Thomas Pesneau), "Annex": the maths notebook of his Jupyter
 * tutorial "CNN tutorial" (repository AnOtterGithubUser/CNN_tutorial, file Annex.ipynb, read at the 21 February 2021
 * commit) — its Markdown cell "III. Convolutional layer": the forward pass written out for one entry and in index
 * notation, its im2col form, the local derivative ∂o_ij/∂w_lk, the chain rule for ∂L/∂W as a tensor product and
 * entry by entry, and the entry ∂L/∂w_11 written out.
 * Layer: one channel, no bias (the cell's forward pass has none), stride 1, no padding, 1-based (o_11, w_11, x_11;
 * the index x_{i−1+k, j−1+l} starts the patch at x_ij for k = l = 1), a cross-correlation (o_11 = w_11 x_11 +
 * w_12 x_12 + …, the kernel not flipped). Sizes: the cell says "For a 2x2 kernel" and names no input size; its
 * written-out ∂L/∂w_11 (line 25) has four terms ∂L/∂o_11 … ∂L/∂o_22, and its figure (images/backward_conv.png) draws
 * the input entries x_11, x_12, x_21, x_22 feeding ∂L/∂W_11 of a 2×2 ∂L/∂W: a 2×2 output, so a 3×3 input (our
 * choice, the one the cell's example fixes). X is x, W is w, O is o; ∂L/∂o_ij is v.dy(i, j). Σ_{ij} runs over the
 * output's 2×2, Σ_{kl} over the kernel's 2×2.
 * The cell writes the kernel's entry as w_lk (row l, column k) in lines 19 and 23, against w_kl (row k, column l)
 * in the forward pass of line 11: in both, the weight at row r, column c multiplies x_{i−1+r, j−1+c}, so
 * ∂o_ij/∂w_lk = x_{i−1+l, j−1+k} (line 19's first link) and line 23 are right.
 * The cell's mistakes: line 19's last link, (∂O/∂W)_{i,j,k,l} = x_{i−1+l, j−1+k}. The notebook's own section II
 * writes the entries of such a Jacobian as (∂f/∂W)_{ikl} = ∂f_i/∂w_{kl} (the output's index, then the weight's row
 * and column); read so, (∂O/∂W)_{i,j,k,l} is ∂o_ij/∂w_kl = x_{i−1+k, j−1+l}: the written entry has the kernel's row
 * and column swapped (it is the entry of w_lk, whose indices the line's first member uses, with the tensor's last
 * two indices in the other order). Checked through the chain rule Σ_{ij} ∂L/∂o_ij (∂O/∂W)_{i,j,k,l}: with the
 * written entry it gives ∂L/∂w_lk in place of ∂L/∂w_kl. And the im2col line 13, o_ij = vec(w)^T vec(x_{k ∈ [i, i+k],
 * l ∈ [j, j+l]}), uses k and l both as the patch's running indices and as the kernel's sizes (W ∈ ℝ^{k×l}), and its
 * closed ranges [i, i+k], [j, j+l] hold k + 1 and l + 1 entries, one more than the kernel's: for the 2×2 kernel a
 * 3×3 patch (9 entries) against vec(w)'s 4, an inner product that is not defined — it states no value (other).
 * Everything else holds: the written-out o_11 (9), the forward pass (11), the matrix chain rule
 * ∂L/∂W = ∂L/∂O ∂O/∂W (21, the product read as the contraction over O's entries, the reading of the cell's next
 * sentence "if we decompose by each element"), its entry form and closed form (23) and the example ∂L/∂w_11 (25).
 * Not found by verify, so not listed: the inline sizes W ∈ ℝ^{k×l}, x ∈ ℝ^{k×l} (line 12) and the names ∂O/∂W,
 * w_ij, ∂L/∂W, ∂L/∂O of lines 18, 20 and 22.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource } from "./types.js";

const N = 3,
  K = 2,
  O = N - K + 1; // 3×3 input, 2×2 kernel, 2×2 output

/** o_ij = Σ_{kl} w_kl x_{i−1+k, j−1+l}: the cross-correlation (no bias). */
const fwd = (v: Access, i: number, j: number): Q =>
  sum(1, K, (k) => sum(1, K, (l) => qmul(v.w(k, l), v.x(i - 1 + k, j - 1 + l))));
/** ∂L/∂w_rc = Σ_{ij} ∂L/∂o_ij x_{i−1+r, j−1+c}: the kernel gradient, read off the forward pass. */
const trueDW = (v: Access, r: number, c: number): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i - 1 + r, j - 1 + c))));

const src: CorpusSource = {
  file: "51-pesneau-cnn-tutorial-annex-conv.md",
  citation:
    'AnOtterGithubUser (GitHub; the repository\'s commits name Thomas Pesneau), "Annex", the maths notebook of his Jupyter-notebook tutorial "CNN tutorial", repository AnOtterGithubUser/CNN_tutorial, file Annex.ipynb (first committed 7 February 2021, commit 07527599d097d02e245d91751051e7fa333ff729; last changed 11 February 2021, commit 3310223cd3b14662dae21cd499553befddbcc913), read at commit f5ef7a448be4d286b462e4763d125577eb44d4c0 (21 February 2021): the Markdown cell "III. Convolutional layer" (forward pass, im2col, ∂o_ij/∂w_lk, ∂L/∂W by the chain rule, ∂L/∂w_11 written out)',
  url: "https://github.com/AnOtterGithubUser/CNN_tutorial/blob/f5ef7a448be4d286b462e4763d125577eb44d4c0/Annex.ipynb",
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
      line: 9,
      snippet: "o_{11} = w_{11} x_{11} + w_{12} x_{12} + w_{21} x_{21} + w_{22} x_{22}",
      truth: "holds",
      target: "Y",
      why: "the first output of the 2×2 kernel sliding over x without flipping: o_11 = Σ_{kl} w_kl x_kl (checked at (1, 1), the other entries taking the forward pass's value)",
      claimed: (v, [i, j]) =>
        i === 1 && j === 1 ? sum(1, K, (k) => sum(1, K, (l) => qmul(v.w(k, l), v.x(k, l)))) : fwd(v, i!, j!),
    },
    {
      line: 11,
      snippet: "o_{ij} = \\sum_{kl} w_{kl} x_{i-1+k, j-1+l}",
      truth: "holds",
      target: "Y",
      why: "the forward pass of a 1-based cross-correlation without bias: the kernel's entry (k, l) meets the input at (i − 1 + k, j − 1 + l)",
      claimed: (v, [i, j]) => fwd(v, i!, j!),
    },
    {
      line: 13,
      snippet: "o_{ij} = vec(w)^T vec(x_{k \\in [i, i+k], l \\in [j, j+l]})",
      truth: "other",
      why: "im2col as a sentence in symbols: k and l are both the patch's running indices and the kernel's sizes, and the closed ranges [i, i+k], [j, j+l] hold k + 1 and l + 1 entries (a 3×3 patch against vec(w)'s 4 entries for the 2×2 kernel): an inner product of vectors of different lengths, which states no value",
    },
    {
      line: 19,
      snippet:
        "\\frac{\\partial o_{ij}}{\\partial w_{lk}} = x_{i-1+l,j-1+k} = \\left( \\frac{\\partial O}{\\partial W} \\right)_{i,j,k,l}",
      truth: "fails",
      target: "dW",
      why: "the first link holds (w_lk, row l column k, multiplies x_{i−1+l, j−1+k} in o_ij), but the last does not: by the notebook's own convention (section II, (∂f/∂W)_{ikl} = ∂f_i/∂w_{kl}) (∂O/∂W)_{i,j,k,l} is ∂o_ij/∂w_kl = x_{i−1+k, j−1+l}, not x_{i−1+l, j−1+k} — the kernel's row and column swapped; checked through Σ_{ij} ∂L/∂o_ij × (each member), which gives ∂L/∂w_rc for the first link and ∂L/∂w_cr for the last",
      claimed: (v, [r, c]) =>
        chain(
          // ∂o_ij/∂w_lk at w_rc (l = r, k = c): x_{i−1+r, j−1+c}
          sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i - 1 + r!, j - 1 + c!)))),
          // (∂O/∂W)_{i,j,k,l} = ∂o_ij/∂w_kl at w_rc (k = r, l = c), as written x_{i−1+l, j−1+k} = x_{i−1+c, j−1+r}
          sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i - 1 + c!, j - 1 + r!)))),
        ),
    },
    {
      line: 21,
      snippet: "\\frac{\\partial L}{\\partial W} = \\frac{\\partial L}{\\partial O}\\frac{\\partial O}{\\partial W}",
      truth: "holds",
      target: "dW",
      why: "the chain rule with the product read as the contraction of ∂L/∂O with the order-4 ∂O/∂W over O's entries (the cell's next sentence: 'if we decompose by each element', line 23): Σ_{ij} ∂L/∂o_ij ∂o_ij/∂w_rc, the true Jacobian entry x_{i−1+r, j−1+c}",
      claimed: (v, [r, c]) => trueDW(v, r!, c!),
    },
    {
      line: 23,
      snippet:
        "\\frac{\\partial L}{\\partial w_{lk}} = \\sum_{ij} \\frac{\\partial L}{\\partial o_{ij}} \\frac{\\partial o_{ij}}{\\partial w_{lk}} = \\sum_{ij} \\frac{\\partial L}{\\partial o_{ij}} x_{i-1+l,j-1+k}",
      truth: "holds",
      target: "dW",
      why: "w_lk enters every output o_ij (i, j over the 2×2 output) through x_{i−1+l, j−1+k}: the chain rule and its closed form, the output gradient correlated with the input (both links checked)",
      claimed: (v, [l, k]) =>
        chain(
          sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i - 1 + l!, j - 1 + k!)))),
          sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i - 1 + l!, j - 1 + k!)))),
        ),
    },
    {
      line: 25,
      snippet: "\\frac{\\partial L}{\\partial w_{11}} = ",
      truth: "holds",
      target: "dW",
      why: "line 23 at l = k = 1 over the 2×2 output: ∂L/∂o_11 x_11 + ∂L/∂o_12 x_12 + ∂L/∂o_21 x_21 + ∂L/∂o_22 x_22 (checked at (1, 1), the other entries taking the true gradient)",
      claimed: (v, [r, c]) =>
        r === 1 && c === 1 ? sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i, j)))) : trueDW(v, r!, c!),
    },
  ],
};
export default src;
