/**
 * Sanjeet N. Dasharath (GitHub: BlueBlazin), his answers to the theory part of Homework 2 of the NYU course
 * CSCI-GA 2572 Deep Learning, Spring 2021 (Yann LeCun, Alfredo Canziani), in the Markdown file homework2/theory.md
 * of his repository BlueBlazin/NYU-DLSP21 (read at commit ac63f22, the file as of 718127a, 18 August 2021) —
 * section 1.1: two size formulas and a 1-D convolution (a sequence, as in audio or text) worked in index notation:
 * the forward pass, the Jacobians ∂f_W(x)/∂W and ∂f_W(x)/∂x, and the chain rule for ∂l/∂W.
 * Layer: the homework's (hw2_theory.pdf, same repository, question 1.1(c)) — "an input x[n] … of dimension 5, with
 * 2 channels, and a convolutional layer f_W with one filter, with kernel size 3, stride of 2, no dilation, and no
 * padding … W ∈ R^{1×2×3}, there's no bias and no non-linearity", convolution "implemented as a cross-correlation"
 * (x[n + m] k[m]). So x is 2×5, W is 1×2×3, f_W(x) is 1×2. 0-based: the answer's sums run k = 0 … 2, l = 0 … 1 and
 * its f_W(x)[i, j] reads x[l, 2*j + k] (positions 0 … 4 for j = 0, 1). The answer's own layouts in (i) are the
 * oracle's: x[l, t] = v.x(l, t), W[i, l, k] = v.w(i, l, k), f_W(x)[i, j] (∂l/∂f_W[i, j] = v.dy(i, j)).
 * "please use numerator layout", the homework says, and the answer does: each derivative's indices list the
 * numerator's axes, then the denominator's axes REVERSED — ∂f_W(x)/∂W ∈ R^{1×2×3×2×1} (f's 1×2, then W's 1×2×3
 * backwards), ∂f_W(x)/∂x ∈ R^{1×2×5×2}, ∂l/∂W ∈ R^{3×2×1}, and ∂l/∂f_W[j, i] (f's 1×2 backwards). So
 * ∂f_W[a, b]/∂W[e, d, c] is the derivative with respect to the entry W[c, d, e] of the forward pass (the δ_{…, l=d,
 * k=e} in it says as much), ∂f_W[a, b]/∂x[d, c] is with respect to x[c, d] (channel c, position d), ∂l/∂W[c, b, a]
 * is the gradient entry of W[a, b, c], and ∂l/∂f_W[j, i] is ∂l/∂f_W(x)[i, j]. Read so, every Jacobian is checked
 * through the chain rule Σ_{a,b} ∂l/∂f_W(x)[a, b] × (the Jacobian entry), which is the kernel, resp. the input
 * gradient (as 31's line 145).
 * The answer's mistakes:
 * - (iii), line 35, its closed form Σ_k W[a, c, k] δ_{k = d − b}: f_W[a, b] reads x[c, 2b + k], so the input entry
 *   at position d meets the weight k = d − 2b; with stride 2 the δ must be δ_{k = d − 2b}. As written (d − b) the
 *   second output (b = 1) is wired to the wrong weights: it fails. It would hold at stride 1.
 * - two letters that do not belong to the equation they are in, read as the index they stand for: line 29's
 *   δ_{i=c, …} has i (the out-channel name of (i)) for a, as its own result δ_{a=c} shows; line 35's δ_{…, 2*j + k = d}
 *   has j (the position name of (i)) for b. With those readings both links hold.
 * Holds: the size formulas of (b) (lines 10, 14; PyTorch's, H' = 1 + ⌊(H + 2P − D(K − 1) − 1)/S⌋; for this layer
 * 1 + ⌊(5 − 2 − 1)/2⌋ = 2; the answer leaves the channel count F out of the output dimension, but the two formulas
 * it writes are right), the forward pass (23), the Jacobian ∂f_W/∂W and its closed form x[d, 2*b + e] δ_{a=c} (29),
 * the chain rule and every step of ∂l/∂W down to Σ_j ∂l/∂f_W[j, a] x[b, 2*j + c] (41–47).
 * Definition: the two index notations ∂f_W(x)/∂W[a, b, e, d, c] = ∂f_W[a, b]/∂W[e, d, c] and its x counterpart
 * (the first links of lines 29 and 35).
 * Not found by verify, so not listed: the answer to (a), 4 × 5 (right: ⌊(10 − 3)/2⌋ + 1 = 4, ⌊(11 − 3)/2⌋ + 1 = 5), and
 * the dimensions f_W ∈ R^{1×2}, ∂f_W/∂W ∈ R^{1×2×3×2×1}, ∂f_W/∂x ∈ R^{1×2×5×2}, ∂l/∂W ∈ R^{3×2×1} (lines 21, 27, 33,
 * 39; all consistent with the numerator layout above).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const CI = 2,
  CO = 1,
  N = 5,
  K = 3,
  S = 2,
  OUT = 2; // x 2×5, W 1×2×3, stride 2: f_W(x) 1×2

const δ = (p: boolean): number => (p ? 1 : 0);
const times = (v: Q, n: number): Q => (n === 0 ? { n: 0n, d: 1n } : v);

/** f_W(x)[i, j] = Σ_{k=0}^{2} Σ_{l=0}^{1} x[l, 2*j + k] W[i, l, k]. */
const forward = (v: Access, [i, j]: number[]): Q =>
  sum(0, K - 1, (k) => sum(0, CI - 1, (l) => qmul(v.x(l, S * j! + k), v.w(i!, l, k))));

/**
 * Σ_{a,b} ∂l/∂f_W(x)[a, b] · J[a, b, e, d, c] at the weight W[c, d, e] = W[i0, l0, k0] (numerator layout: the
 * Jacobian's last three indices are W's axes reversed).
 */
const throughW =
  (J: (v: Access, a: number, b: number, e: number, d: number, c: number) => Q) =>
  (v: Access, [i0, l0, k0]: number[]): Q =>
    sum(0, CO - 1, (a) => sum(0, OUT - 1, (b) => qmul(v.dy(a, b), J(v, a, b, k0!, l0!, i0!))));

/** Σ_{a,b} ∂l/∂f_W(x)[a, b] · J[a, b, d, c] at the input x[c, d] = x[c0, d0] (x's axes reversed). */
const throughX =
  (J: (v: Access, a: number, b: number, d: number, c: number) => Q) =>
  (v: Access, [c0, d0]: number[]): Q =>
    sum(0, CO - 1, (a) => sum(0, OUT - 1, (b) => qmul(v.dy(a, b), J(v, a, b, d0!, c0!))));

/** Σ_j ∂l/∂f_W[j, a] x[b, 2*j + c] at the gradient entry ∂l/∂W[c, b, a] of W[a, b, c] (∂l/∂f_W[j, a] = dy(a, j)). */
const dW = (v: Access, [a, b, c]: number[]): Q => sum(0, OUT - 1, (j) => qmul(v.dy(a!, j), v.x(b!, S * j + c!)));

const src: CorpusSource = {
  file: "39-dasharath-nyu-dl-hw2-conv1d.md",
  citation:
    'Sanjeet N. Dasharath (GitHub: BlueBlazin), answers to the theory part of Homework 2 of NYU CSCI-GA 2572 Deep Learning, Spring 2021, repository BlueBlazin/NYU-DLSP21, file homework2/theory.md (last changed 18 August 2021, commit 718127acbd25e1ddbd59eb769cbd42935535ab6e), read at commit ac63f22a005500efd28d333a635fea661e333f6f, section "1.1 Convolutional Neural Netoworks" (size formulas; a 2-channel, length-5, kernel-3, stride-2 1-D convolution: forward pass, ∂f_W/∂W, ∂f_W/∂x, ∂l/∂W in numerator layout)',
  url: "https://github.com/BlueBlazin/NYU-DLSP21/blob/ac63f22a005500efd28d333a635fea661e333f6f/homework2/theory.md",
  flags: [
    "--input",
    "5",
    "--kernel",
    "3",
    "--stride",
    "2",
    "--op",
    "xcorr",
    "--index-base",
    "0",
    "--in-channels",
    "2",
    "--out-channels",
    "1",
  ],
  layer: {
    op: "xcorr",
    input: [N],
    kernel: [K],
    stride: [S],
    dilation: [1],
    padding: "valid",
    inChannels: CI,
    outChannels: CO,
    groups: 1,
    batch: null,
    bias: false,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    {
      line: 10,
      snippet: String.raw`H' = 1 + \bigg\lfloor \frac{(H + 2P - D(K - 1) - 1)}{S} \bigg\rfloor`,
      truth: "holds",
      target: "size",
      why: "the output height of a convolution with padding P, dilation D (dilated kernel extent D(K − 1) + 1) and stride S: the number of window positions, ⌊(H + 2P − D(K − 1) − 1)/S⌋ + 1; for this layer's length, 1 + ⌊(5 − 2 − 1)/2⌋ = 2",
    },
    {
      line: 14,
      snippet: String.raw`W' = 1 + \bigg\lfloor \frac{(W + 2P - D(K - 1) - 1)}{S} \bigg\rfloor`,
      truth: "holds",
      target: "size",
      why: "the same count along the width (the W here is the input width of question (b), not the kernel of (c))",
    },
    {
      line: 23,
      snippet: String.raw`f_W(x)[i, j] = \sum\limits_{k=0}^{2}\sum\limits_{l=0}^1 x[l, 2*j + k]W[i, l, k]`,
      truth: "holds",
      target: "Y",
      why: "the stride-2 cross-correlation the homework asks for, summed over the 2 input channels l and the 3 taps k: output j reads x at 2j, 2j + 1, 2j + 2; no bias",
      claimed: forward,
    },
    {
      line: 29,
      snippet: String.raw`\frac{\partial f_W(x)}{\partial W}[a, b, e, d, c] = \frac{\partial f_W[a, b]}{\partial W[e, d, c]}`,
      truth: "definition",
      why: "names the entries of the Jacobian ∂f_W(x)/∂W (numerator layout: f's indices a, b, then W's reversed, e, d, c)",
    },
    {
      line: 29,
      snippet: String.raw`\sum\limits_{k=0}^2\sum\limits_{l=0}^1 x[l, 2*b + k]\delta_{i=c, l=d, k=e}`,
      truth: "holds",
      target: "dW",
      why: "differentiating f_W[a, b] = Σ_{k,l} x[l, 2b + k] W[a, l, k] term by term: only the term of the weight W[c, d, e] survives (δ_{i=c, l=d, k=e}, the i the out-channel a of the left side); checked through the chain rule Σ_{a,b} ∂l/∂f_W[a, b] × it, the kernel gradient",
      claimed: throughW((v, a, b, e, d, c) =>
        sum(0, K - 1, (k) => sum(0, CI - 1, (l) => times(v.x(l, S * b + k), δ(a === c && l === d && k === e)))),
      ),
    },
    {
      line: 29,
      snippet: String.raw`x[d, 2*b + e]\delta_{a=c}`,
      truth: "holds",
      target: "dW",
      why: "∂f_W[a, b]/∂W[c, d, e] = x[d, 2b + e] when the filter c is the output channel a, else 0; checked through the chain rule: Σ_b ∂l/∂f_W[c, b] x[d, 2b + e] is the kernel gradient of W[c, d, e]",
      claimed: throughW((v, a, b, e, d, c) => times(v.x(d, S * b + e), δ(a === c))),
    },
    {
      line: 35,
      snippet: String.raw`\frac{\partial f_W(x)}{\partial x}[a, b, d, c] = \frac{\partial f_W[a, b]}{\partial x[d, c]}`,
      truth: "definition",
      why: "names the entries of the Jacobian ∂f_W(x)/∂x (numerator layout: x's axes reversed, d the position, c the channel)",
    },
    {
      line: 35,
      snippet: String.raw`\sum\limits_{k=0}^2\sum\limits_{l=0}^1 W[a, l, k] \delta_{l=c, 2*j + k = d}`,
      truth: "holds",
      target: "dX",
      why: "x[c, d] enters f_W[a, b] once, under the weight W[a, c, k] with 2b + k = d (the j of δ_{…, 2*j + k = d} is (i)'s name for the output position, the b of the left side); checked through the chain rule Σ_{a,b} ∂l/∂f_W[a, b] × it, the input gradient",
      claimed: throughX((v, a, b, d, c) =>
        sum(0, K - 1, (k) => sum(0, CI - 1, (l) => times(v.w(a, l, k), δ(l === c && S * b + k === d)))),
      ),
    },
    {
      line: 35,
      snippet: String.raw`\sum\limits_{k=0}^2 W[a, c, k]\delta_{k = d - b}`,
      truth: "fails",
      target: "dX",
      why: "the stride is lost: output b reads positions 2b … 2b + 2, so position d meets the tap k = d − 2b, not d − b; as written the second output (b = 1) is paired with the wrong weights (W[a, c, d − 1] for W[a, c, d − 2]); the chain-rule sum Σ_{a,b} ∂l/∂f_W[a, b] W[a, c, d − b] is not the input gradient",
      claimed: throughX((v, a, b, d, c) => sum(0, K - 1, (k) => times(v.w(a, c, k), δ(k === d - b)))),
    },
    {
      line: 41,
      snippet: String.raw`\frac{\partial l}{\partial W}[c, b, a] = (\frac{\partial l}{\partial f_W} \frac{\partial f_W}{\partial W})[c, b, a]`,
      truth: "holds",
      target: "dW",
      why: "the chain rule in numerator layout: ∂l/∂W (W's axes reversed, [c, b, a] the weight W[a, b, c]) is the row ∂l/∂f_W times the Jacobian of (ii), contracted over f's entries; evaluated with that Jacobian, x[b, 2j + c] δ_{i=a}",
      claimed: (v, [a, b, c]) =>
        sum(0, OUT - 1, (j) => sum(0, CO - 1, (i) => qmul(v.dy(i, j), times(v.x(b!, S * j + c!), δ(i === a))))),
    },
    {
      line: 43,
      snippet: String.raw`= \sum\limits_{j}\sum\limits_{i}\frac{\partial l}{\partial f_W}[j, i] \frac{\partial f_W(x)}{\partial W}[i, j, c, b, a]`,
      truth: "holds",
      target: "dW",
      why: "the contraction written out: ∂l/∂f_W[j, i] (numerator layout, f's axes reversed) is ∂l/∂f_W(x)[i, j], and ∂f_W(x)/∂W[i, j, c, b, a] is ∂f_W[i, j]/∂W[a, b, c] = x[b, 2j + c] δ_{i=a} by (ii)",
      claimed: (v, [a, b, c]) =>
        sum(0, OUT - 1, (j) => sum(0, CO - 1, (i) => qmul(v.dy(i, j), times(v.x(b!, S * j + c!), δ(i === a))))),
    },
    {
      line: 45,
      snippet: String.raw`= \sum\limits_{j}\sum\limits_{i}\frac{\partial l}{\partial f_W}[j, i] x[b, 2*j + c]\delta_{i=a}`,
      truth: "holds",
      target: "dW",
      why: "(ii)'s closed form substituted",
      claimed: (v, [a, b, c]) =>
        sum(0, OUT - 1, (j) => sum(0, CO - 1, (i) => qmul(v.dy(i, j), times(v.x(b!, S * j + c!), δ(i === a))))),
    },
    {
      line: 47,
      snippet: String.raw`= \sum\limits_{j} \frac{\partial l}{\partial f_W}[j, a] x[b, 2*j + c]`,
      truth: "holds",
      target: "dW",
      why: "the δ_{i=a} collapses the sum over i: the kernel gradient of W[a, b, c] is the output gradient of filter a correlated with channel b of the input at stride 2, Σ_j ∂l/∂f_W(x)[a, j] x[b, 2j + c]",
      claimed: dW,
    },
  ] satisfies TruthEquation[],
};
export default src;
