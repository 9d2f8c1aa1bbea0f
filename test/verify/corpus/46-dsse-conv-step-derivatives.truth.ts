/**
 * "Computing derivatives for backpropagation across a convolution step", a question on Data Science Stack
 * Exchange (question 56560, 2019) that works its derivation out before asking: the forward pass of a valid,
 * single-channel cross-correlation in 1-based index notation, the kernel gradient dK as a chain rule and its
 * closed form dK = I ⋆ dO, a change of variables that rewrites the forward pass over input positions, and the
 * chain rule for the input gradient dI, where the asker stops ("So at this point I'm stu…": the stored copy of
 * the page breaks off there). The asker's user name is not in the stored copy.
 * Layer: an m × n image I, a p × q filter K, "valid cross-correlation … which means no padding", stride 1, no
 * bias (the question has none), 1-based (the sums run u = 1 … p, i = 1 … m − p + 1). Sizes chosen (the question
 * fixes none): m × n = 5 × 4, p × q = 3 × 2, so O is 3 × 3. dX is "the derivative of the loss function w.r.t.
 * the quantity X": dO(i, j) = dO_{ij} is v.dy(i, j), dK is the kernel gradient, dI the input gradient.
 * ⋆ is the question's cross-correlation, (I ⋆ K)(i, j) = Σ_{u,v} I(i + u − 1, j + v − 1) K(u, v) (line 11); in
 * (I ⋆ dO)(u', v') of line 13 the sums run over dO's 3 × 3 (u = 1 … m − p + 1), which is the kernel gradient.
 * Everything the question states holds: the forward pass (line 11), the chain for dK (line 13: the chain rule,
 * the local derivative I(i + u' − 1, j + v' − 1), the reordered product, I ⋆ dO) and its summary dK = I ⋆ dO,
 * the rewritten forward pass over i' = i … i + p − 1 (line 17: K(i' − i + 1, j' − j + 1) I(i', j'), the same
 * terms) and the chain rule for dI over every output (line 19: ∂O_{ij}/∂I(i'', j'') = K(i'' − i + 1, j'' − j + 1)
 * where that is a kernel entry, else 0 — the question's own remark on line 21). No mistake: a clean source.
 * Definitions: the change of variables i' = i + u − 1, j' = j + v − 1 (line 15). Other: the summation limits
 * u = 1, u = p and the limits i' = i, i' = i + p − 1 they become (line 15), index ranges, not tensors.
 * Not found by verify, so not listed: the inline i'' < i, j'' < j of line 21 (conditions on indices).
 * Transcription: the stored page lost "<j$$" after "$$j''" on line 21 (HTML text cut at the "<"); restored as
 * $$j''<j$$, as another stored copy of the question has it, so that the delimiters pair as on the page.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const M = 5,
  N = 4,
  P = 3,
  QQ = 2; // m × n image, p × q filter
const HO = M - P + 1,
  WO = N - QQ + 1; // 3 × 3 output

/** Σ_{u=1}^p Σ_{v=1}^q I(i+u−1, j+v−1) K(u, v): the forward pass of line 11. */
const fwd = (v: Access, [i, j]: number[]): Q =>
  sum(1, P, (u) => sum(1, QQ, (w) => qmul(v.x(i! + u - 1, j! + w - 1), v.w(u, w))));
/** Σ_{i'=i}^{i+p−1} Σ_{j'=j}^{j+q−1} K(i'−i+1, j'−j+1) I(i', j'): line 17. */
const fwdShifted = (v: Access, [i, j]: number[]): Q =>
  sum(i!, i! + P - 1, (a) => sum(j!, j! + QQ - 1, (b) => qmul(v.w(a - i! + 1, b - j! + 1), v.x(a, b))));
/** Σ_{i=1}^{m−p+1} Σ_{j=1}^{n−q+1} dO(i,j) I(i+u'−1, j+v'−1). */
const dK1 = (v: Access, [u, w]: number[]): Q =>
  sum(1, HO, (i) => sum(1, WO, (j) => qmul(v.dy(i, j), v.x(i + u! - 1, j + w! - 1))));
/** Σ_{i,j} I(u'+i−1, v'+j−1) dO(i,j): the reordered product. */
const dK2 = (v: Access, [u, w]: number[]): Q =>
  sum(1, HO, (i) => sum(1, WO, (j) => qmul(v.x(u! + i - 1, w! + j - 1), v.dy(i, j))));
/** (I ⋆ dO)(u', v') = Σ_{a=1}^{m−p+1} Σ_{b=1}^{n−q+1} I(u'+a−1, v'+b−1) dO(a, b): line 11's ⋆ with dO as the filter. */
const star = (v: Access, [u, w]: number[]): Q =>
  sum(1, HO, (a) => sum(1, WO, (b) => qmul(v.x(u! + a - 1, w! + b - 1), v.dy(a, b))));
/** Σ_{i,j} dO_{ij} ∂O_{ij}/∂I(i'', j''), the local derivative K(i''−i+1, j''−j+1) (0 off the kernel). */
const dI = (v: Access, [a, b]: number[]): Q =>
  sum(1, HO, (i) => sum(1, WO, (j) => qmul(v.dy(i, j), v.w(a! - i + 1, b! - j + 1))));

const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});
const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });

const src: CorpusSource = {
  file: "46-dsse-conv-step-derivatives.md",
  citation:
    '"Computing derivatives for backpropagation across a convolution step", question 56560 on Data Science Stack Exchange (2019; asker\'s user name not in the stored copy): the forward pass of a valid cross-correlation, the chain rule and closed form dK = I ⋆ dO, a change of variables in the forward pass and the chain rule for dI (the stored copy breaks off after it)',
  url: "https://datascience.stackexchange.com/questions/56560/computing-derivatives-for-backpropagation-across-a-convolution-step",
  flags: ["--input", "5x4", "--kernel", "3x2", "--op", "xcorr", "--index-base", "1"],
  layer: {
    op: "xcorr",
    input: [M, N],
    kernel: [P, QQ],
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
      snippet: "O(i,j)=(I\\star K) (i,j)=\\sum_{u=1}^p\\sum_{v=1}^qI(i+u-1,j+v-1)K(u,v)",
      truth: "holds",
      target: "Y",
      why: "the forward pass of a valid, stride-1, 1-based cross-correlation without bias; (I ⋆ K)(i, j) names the same sum",
      claimed: fwd,
    },
    {
      line: 13,
      snippet: "dK(u',v') = \\sum_{i=1}^{m-p+1}\\sum_{j=1}^{n-q+1}dO_{ij}\\frac{\\partial O_{ij}}{\\partial K(u',v')}",
      truth: "holds",
      target: "dW",
      why: "K(u', v') enters every output O(i, j), i = 1 … m − p + 1, j = 1 … n − q + 1, multiplying I(i + u' − 1, j + v' − 1): the chain rule, its local derivative, the product reordered and (I ⋆ dO)(u', v') with ⋆ of line 11 (dO the filter, its sums over dO's 3 × 3) are all the kernel gradient",
      claimed: (v, idx) => chain(dK1(v, idx), dK2(v, idx), star(v, idx)),
    },
    {
      line: 13,
      snippet: "dK = I\\star dO",
      truth: "holds",
      target: "dW",
      why: "the summary of the chain: the input cross-correlated (line 11's ⋆) with the output gradient is the kernel gradient",
      claimed: star,
    },
    def(15, "i'=i+u-1", "the change of variables: names the input row i' that K's row u meets at output row i"),
    def(15, "j'=j+v-1", "the same change of variables for columns"),
    other(15, "u=1", "the lower summation limit of u, an index range, not a tensor"),
    other(15, "u=p", "the upper summation limit of u"),
    other(15, "i'=i", "the value of i' at u = 1: the new lower limit, an index relation"),
    other(15, "i'=i+p-1.", "the value of i' at u = p: the new upper limit, an index relation"),
    {
      line: 17,
      snippet: "O(i,j)=\\sum_{i'=i}^{i+p-1}\\sum_{j'=j}^{j+q-1}K(i'-i+1,j'-j+1)I(i',j')",
      truth: "holds",
      target: "Y",
      why: "line 11's sum with i' = i + u − 1, j' = j + v − 1: the same terms K(u, v) I(i + u − 1, j + v − 1), summed over the input positions the window covers",
      claimed: fwdShifted,
    },
    {
      line: 19,
      snippet:
        "dI(i'',j'')=\\sum_{i=1}^{m-p+1}\\sum_{j=1}^{n-q+1}dO_{ij}\\frac{\\partial O_{ij}}{\\partial I(i'',j'')}",
      truth: "holds",
      target: "dX",
      why: "the chain rule over every output; by line 17, ∂O_{ij}/∂I(i'', j'') = K(i'' − i + 1, j'' − j + 1) when that is a kernel entry (i ≤ i'' ≤ i + p − 1, likewise for j) and 0 otherwise, as the question's next sentence says",
      claimed: dI,
    },
  ],
};
export default src;
