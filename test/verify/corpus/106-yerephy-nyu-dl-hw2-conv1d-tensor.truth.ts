/**
 * Yere (GitHub: YerePhy), his solutions to the theory part of Homework 2 of the NYU Deep Learning course (LeCun,
 * Canziani; the Spring 2021 questions), worked through as a self-study in his repository YerePhy/nyu-deep-learning,
 * file solutions/theme-2-parameter-sharing/theory/HW2_solutions.md (branch theme-2-parameters-sharing, written
 * 22–28 September 2023, read at commit d16851d, 6 March 2024) — section "Convolutional Neural Networks": the output
 * size derived step by step (1-D, then 2-D, then with padding and dilation), the definitions of convolution and
 * cross-correlation, and a 1-D strided convolution with 2 channels worked in tensor (Einstein) notation with Kronecker
 * deltas and again in "classical notation": the forward pass, the Jacobians ∂f/∂W and ∂f/∂x, and ∂ℓ/∂W.
 * (The same homework as 39, Dasharath's answers; another student, another notation, other mistakes.)
 * Layer: the homework's question (c) — "an input x[n] … of dimension 5, with 2 channels, and a convolutional layer
 * f_W with one filter, with kernel size 3, stride of 2, no dilation, and no padding … W ∈ R^{1×2×3}, there's no bias",
 * convolution "implemented as a cross-correlation". The answer counts from 0 ("My convolution will run from 0 to N − 1"):
 * x[c, t] (channel c = 0, 1, position t = 0 … 4) is v.x(c, t), W[i, c, k] (filter i = 0, tap k = 0 … 2) is
 * v.w(i, c, k), f[i, j] (j = 0, 1) the output, ∂ℓ/∂f[i, j] = v.dy(i, j). Tensor notation: x_{c(2j+k)} is x[c, 2j + k],
 * an index repeated on one side is summed (f_{ij} = x_{c(2j+k)} W_{ick} sums over c and k).
 * The Jacobians ∂f_{ij}/∂W_{i'c'k'} and ∂f_{ij}/∂x_{c'k'} are checked through the chain rule, Σ_{i,j} ∂ℓ/∂f[i, j] ×
 * (the Jacobian entry): the kernel gradient at W[i', c', k'], the input gradient at x[c', k'] (as 39's).
 * Sizes: K[0], S[0], P[0], D[0] are the kernel size, stride, padding and dilation along the first axis (PyTorch's
 * notation, as in its Conv2d docs), K[1], S[1] … along the second — not K times 0. The 1-D layer's length is the
 * formulas' H; the W_out formulas are the same count along a width (held as 39's W' formula).
 * Holds: the step count f = (H_in − K)/S of H_out = 1 + f (line 16) and H_out = 1 + (H_in − K[0])/S[0] (18) at this
 * layer (5, 3, 2: one step, 2 outputs) — exact when S divides H_in − K, as the answer itself says before adding the
 * floor —, the floored formulas (22, 30, 31) and the ones with padding and dilation (42, 43; PyTorch's), C_out = F
 * (44), F = 1 → C_out = 1 (73), the forward pass in both notations (79, 84), ∂f/∂W in both (92, 96), ∂f/∂x in both
 * (108, 112: W[i, c', k' − 2j] read as 0 when k' − 2j is not a tap 0 … 2, as the Kronecker δ_{k'(2j+k)} makes it),
 * and ∂ℓ/∂W (122, 126: the chain rule, then Σ_j ∂ℓ/∂f[i', j] x[c', 2j + k']).
 * Fails: "D[0]=0. → H_out=2." (72): no dilation is D = 1 in line 42's formula (a dilated kernel spans D(K − 1) + 1
 * positions); with D[0] = 0 it gives ⌊(5 + 0 − 0·2 − 1)/2 + 1⌋ = 3, not the (right) H_out = 2 after the arrow.
 * A slip read as meant: line 122's middle link writes ∂f_{ij}/∂W_{i'ck}, unprimed c, k (not summed, since they appear
 * once), for ∂f_{ij}/∂W_{i'c'k'}; the commit before the one read ("Fixing notation in a summation index") fixed the
 * same kind of slip in line 112. Read with c', k' it is the chain rule, and holds.
 * Not found by verify, so not listed (prose, inline): the dimensions. Two are wrong: ∂f/∂x "has dimension
 * R^{1×2×2×3}" (line 116; f is 1×2 and x is 2×5, so 1×2×2×5 — 2×3 is W's), and ∂ℓ/∂W "has the dimensions of the
 * output R^{1×2}" (line 120; it has W's, 1×2×3). The answer to (a), 5×5, is also wrong (⌊(10 − 3)/2⌋ + 1 = 4 rows,
 * ⌊(11 − 3)/2⌋ + 1 = 5 columns: 4×5; and 10 − 3 not divisible by 2 leaves the last ROW unseen, not the last column).
 * Definition: H_out = 1 + f(…) (14, names the step count f), floor(·) = ⌊·⌋ (20), the convolution, the
 * cross-correlation and its finite-kernel form (49, 53, 57; the question's), ∀|n| > M k[n] = 0 (55), the layer's
 * stated sizes H_in = 5, S[0] = 2, K[0] = 3, P[0] = 0 (72).
 * Other: the non-divisible example H_in = 5, S[0] = 2, K[0] = 2 → H_out = 2.5 (20, another configuration), the
 * question's answer format f_W(x)[i, j, k] = 42 (67), the index ranges after the formulas (79, 92, 96, 122).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const CI = 2,
  CO = 1,
  K = 3,
  S = 2,
  OUT = 2; // x 2×5, W 1×2×3, stride 2: f 1×2

const δ = (p: boolean): number => (p ? 1 : 0);
const times = (v: Q, n: number): Q => (n === 0 ? { n: 0n, d: 1n } : v);

/** f[i, j] = Σ_{c=0}^{1} Σ_{k=0}^{2} x[c, 2j + k] W[i, c, k]. */
const forward = (v: Access, [i, j]: number[]): Q =>
  sum(0, CI - 1, (c) => sum(0, K - 1, (k) => qmul(v.x(c, S * j! + k), v.w(i!, c, k))));

/** Σ_{i,j} ∂ℓ/∂f[i, j] · J[i, j, i', c', k'] at the weight W[i', c', k']. */
const throughW =
  (J: (v: Access, i: number, j: number, i1: number, c1: number, k1: number) => Q) =>
  (v: Access, [i1, c1, k1]: number[]): Q =>
    sum(0, CO - 1, (i) => sum(0, OUT - 1, (j) => qmul(v.dy(i, j), J(v, i, j, i1!, c1!, k1!))));

/** Σ_{i,j} ∂ℓ/∂f[i, j] · J[i, j, c', k'] at the input x[c', k']. */
const throughX =
  (J: (v: Access, i: number, j: number, c1: number, k1: number) => Q) =>
  (v: Access, [c1, k1]: number[]): Q =>
    sum(0, CO - 1, (i) => sum(0, OUT - 1, (j) => qmul(v.dy(i, j), J(v, i, j, c1!, k1!))));

/** ∂f_{ij}/∂W_{i'c'k'} = x_{c'(2j+k')} δ_{i'i}. */
const jacW = (v: Access, i: number, j: number, i1: number, c1: number, k1: number): Q =>
  times(v.x(c1, S * j + k1), δ(i1 === i));
/** ∂f_{ij}/∂x_{c'k'} = W_{ic'(k'−2j)} (0 off the taps 0 … 2). */
const jacX = (v: Access, i: number, j: number, c1: number, k1: number): Q => v.w(i, c1, k1 - S * j);

/** ∂ℓ/∂W[i', c', k'] = Σ_{j=0}^{1} ∂ℓ/∂f[i', j] x[c', 2j + k']. */
const dW = (v: Access, [i1, c1, k1]: number[]): Q => sum(0, OUT - 1, (j) => qmul(v.dy(i1!, j), v.x(c1!, S * j + k1!)));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const definition = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});
const size = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "holds",
  target: "size",
  why,
});

const ranges = "the index ranges of the formula before it (i, i' = 0; j = 0, 1; c, c' = 0, 1; k, k' = 0, 1, 2)";
const example = "the answer's example of a size that does not divide (H_in = 5, S = 2, K = 2), another configuration";

const src: CorpusSource = {
  file: "106-yerephy-nyu-dl-hw2-conv1d-tensor.md",
  citation:
    'Yere (GitHub: YerePhy), solutions to the theory part of Homework 2 of the NYU Deep Learning course (LeCun, Canziani; Spring 2021 questions), repository YerePhy/nyu-deep-learning, branch theme-2-parameters-sharing, file solutions/theme-2-parameter-sharing/theory/HW2_solutions.md (convolution part 22–28 September 2023, last fixed in commit 702a33f1796c5e566d36094d4f65d2cfccfde792), read at commit d16851d0209c61715eff0df4b0396bd1e69ad290 (6 March 2024), section "Convolutional Neural Networks" (output sizes; a 2-channel, length-5, kernel-3, stride-2 1-D convolution in tensor notation: forward pass, ∂f/∂W, ∂f/∂x, ∂ℓ/∂W)',
  url: "https://github.com/YerePhy/nyu-deep-learning/blob/d16851d0209c61715eff0df4b0396bd1e69ad290/solutions/theme-2-parameter-sharing/theory/HW2_solutions.md",
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
    input: [5],
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
    definition(
      14,
      "H_{out} = 1 + f(H_{in}, S[0], K[0])",
      "the ansatz that names f, the number of steps the kernel slides after its first position, 'a function to be determined'",
    ),
    size(
      16,
      "f=\\frac{H_{in}-K}{S}",
      "the steps after the first position: H_in − K positions left, S at a time; at this layer (5 − 3)/2 = 1, and H_out = 1 + 1 = 2 (exact when S divides H_in − K, as the answer says next); K, S here the kernel size and stride, not the tensors",
    ),
    size(
      18,
      "H_{out} = 1 + \\frac{H_{in}-K[0]}{S[0]}",
      "1 + (5 − 3)/2 = 2 outputs at this layer; K[0], S[0] are the kernel size and stride along axis 0 (not K·0); without the floor it is exact only when S[0] divides H_in − K[0], which the answer points out at once",
    ),
    ...[
      ["H_{in}=5", "its input length"],
      ["S[0]=2", "its stride"],
      ["K[0]=2", "its kernel size (2, not this layer's 3)"],
      ["H_{out}=2.5", "1 + (5 − 2)/2 = 2.5 from the unfloored formula: why the floor is needed"],
    ].map(([s, w]) => other(20, s!, `${example}: ${w}`)),
    definition(20, "\\text{floor}(\\cdot)=\\lfloor\\cdot\\rfloor", "notation: the floor function"),
    size(
      22,
      "H_{out} = \\left\\lfloor\\frac{H_{in}-K[0]}{S[0]}+1\\right\\rfloor",
      "the valid, unpadded output count ⌊(H_in − K)/S⌋ + 1 (⌊a + 1⌋ = ⌊a⌋ + 1): ⌊(5 − 3)/2 + 1⌋ = 2",
    ),
    size(
      30,
      "H_{out} = \\left\\lfloor\\frac{H_{in}-K[0]}{S[0]}+1\\right\\rfloor",
      "the same count along the height of a 2-D input (this 1-D layer's only axis): 2",
    ),
    size(
      31,
      "W_{out} = \\left\\lfloor\\frac{W_{in}-K[1]}{S[1]}+1\\right\\rfloor",
      "the same count along the width (W_in the input width of question (a), not the kernel W of (c)); held as 39's W' formula",
    ),
    size(
      42,
      "H_{out} = \\left\\lfloor\\frac{H_{in}+2P[0]-D[0]\\times (K[0]-1)-1}{S[0]}+1\\right\\rfloor",
      "PyTorch's output size with padding P, dilation D (a dilated kernel spans D(K − 1) + 1) and stride S: ⌊(5 + 0 − 1·2 − 1)/2 + 1⌋ = 2 at this layer (dilation 1)",
    ),
    size(
      43,
      "W_{out} = \\left\\lfloor\\frac{W_{in}+2P[1]-D[1]\\times (K[1]-1)-1}{S[1]}+1\\right\\rfloor",
      "the same along the width (as line 31)",
    ),
    size(44, "C_{out} = F", "each of the F filters gives one output channel (here F = 1, one output channel)"),
    definition(49, "s[n]=(x\\ast k)[n]=\\sum_{m}x[n-m]k[m]", "the question's definition of discrete convolution"),
    definition(
      53,
      "s[n]=(x\\ast k)[n]=\\sum_{m}x[n+m]k[m]",
      "the question's definition of cross-correlation (written with the same ∗)",
    ),
    definition(55, "\\forall_{|n|>M} k[n] = 0", "the question's assumption: the kernel vanishes beyond M"),
    definition(
      57,
      "s[n]=(x\\ast k)[n]=\\sum_{m=-M}^{M}x[n+m]k[m]",
      "the question's cross-correlation with a kernel supported on −M … M",
    ),
    other(67, "f_W(x)[i,j,k]=42", "the question's example of an answer format, not a statement"),
    definition(72, "H_{in}=5", "the layer's input length, as the question gives it"),
    definition(72, "S[0]=2", "the layer's stride, as the question gives it"),
    definition(72, "K[0]=3", "the layer's kernel size, as the question gives it"),
    definition(72, "P[0]=0", "no padding, as the question gives it"),
    {
      line: 72,
      snippet: "D[0]=0. \\rightarrow H_{out}=2.",
      truth: "fails",
      target: "size",
      why: "'no dilation' is D = 1 in line 42's formula (the dilated kernel spans D(K − 1) + 1 positions): with D[0] = 0 it gives ⌊(5 + 0 − 0·2 − 1)/2 + 1⌋ = 3, not the H_out = 2 written after the arrow (which is right, with D = 1)",
    },
    size(73, "F=1 \\rightarrow C_{out} = 1.", "one filter, one output channel"),
    {
      line: 79,
      snippet: "f_W(x)[i, j] = \\sum_{c=0}^{1}\\sum_{k=0}^{2}x[c, 2j+k]W[i, c, k]",
      truth: "holds",
      target: "Y",
      why: "the stride-2 cross-correlation the question asks for, summed over the 2 channels c and the 3 taps k: output j reads positions 2j … 2j + 2; no bias",
      claimed: forward,
    },
    other(79, "\\;\\;\\;\\; i=0 \\;\\; j=0", ranges),
    other(79, "1 \\;\\; c=0", ranges),
    other(79, "1 \\;\\; k=0", ranges),
    {
      line: 84,
      snippet: "f_{ij}=x_{c(2j+k)}W_{ick}",
      truth: "holds",
      target: "Y",
      why: "line 79 in Einstein notation: c and k, repeated on the right, are summed; x_{c(2j+k)} is x[c, 2j + k]",
      claimed: forward,
    },
    {
      line: 92,
      snippet:
        "\\frac{\\partial f_{ij} }{\\partial W_{i^{\\prime}c^{\\prime}k^{\\prime}}} = x_{c(2j+k)}\\delta_{i^{\\prime}i}\\delta_{c^{\\prime}c}\\delta_{k^{\\prime}k}",
      truth: "holds",
      target: "dW",
      why: "differentiating f_{ij} = x_{c(2j+k)} W_{ick} (summed over c, k) by W_{i'c'k'}: ∂W_{ick}/∂W_{i'c'k'} = δ_{i'i}δ_{c'c}δ_{k'k}, still summed over c, k; checked through the chain rule Σ_{i,j} ∂ℓ/∂f_{ij} × it, the kernel gradient",
      claimed: throughW((v, i, j, i1, c1, k1) =>
        sum(0, CI - 1, (c) => sum(0, K - 1, (k) => times(v.x(c, S * j + k), δ(i1 === i) * δ(c1 === c) * δ(k1 === k)))),
      ),
    },
    {
      line: 92,
      snippet: "x_{c^{\\prime}(2j+k^{\\prime})}\\delta_{i^{\\prime}i}",
      truth: "holds",
      target: "dW",
      why: "the deltas δ_{c'c}δ_{k'k} collapse the sums over c, k: x[c', 2j + k'] when the filter i' is the output channel i, else 0; through the chain rule, Σ_j ∂ℓ/∂f[i', j] x[c', 2j + k'], the kernel gradient",
      claimed: throughW(jacW),
    },
    other(92, "i^{\\prime}=0 \\;\\; j=0", ranges),
    other(92, "1\\;\\; c^{\\prime}=0", ranges),
    other(92, "1\\;\\; k^{\\prime}=0", ranges),
    {
      line: 96,
      snippet:
        "\\frac{\\partial f}{\\partial W}[i, j, i^{\\prime}, c^{\\prime}, k^{\\prime}] = x[c^{\\prime}, 2j+k^{\\prime}]",
      truth: "holds",
      target: "dW",
      why: "line 92's result in classical notation, the δ_{i'i} written as 'if i = i′ else 0' (the condition after it); checked through the chain rule",
      claimed: throughW(jacW),
    },
    other(
      96,
      "\\;\\;\\text{if}\\;\\; i=i^{\\prime} \\;\\text{else}\\; 0.",
      "the condition of the formula before it (its δ_{i'i}), not an equation",
    ),
    {
      line: 108,
      snippet:
        "\\frac{\\partial f_{ij} }{\\partial x_{c^{\\prime}k^{\\prime}}} = W_{ick}\\delta_{c^{\\prime}c}\\delta_{k^{\\prime}(2j+k)}",
      truth: "holds",
      target: "dX",
      why: "differentiating f_{ij} = x_{c(2j+k)} W_{ick} (summed over c, k) by x_{c'k'}: ∂x_{c(2j+k)}/∂x_{c'k'} = δ_{c'c}δ_{k'(2j+k)}; checked through the chain rule Σ_{i,j} ∂ℓ/∂f_{ij} × it, the input gradient",
      claimed: throughX((v, i, j, c1, k1) =>
        sum(0, CI - 1, (c) => sum(0, K - 1, (k) => times(v.w(i, c, k), δ(c1 === c) * δ(k1 === S * j + k)))),
      ),
    },
    {
      line: 108,
      snippet: "W_{ic^{\\prime}(k^{\\prime}-2j)}",
      truth: "holds",
      target: "dX",
      why: "the deltas leave the tap k = k' − 2j of channel c', none when k' − 2j is not 0 … 2 (W read as 0 there): position k' meets output j under W[i, c', k' − 2j]; through the chain rule, Σ_{i,j} ∂ℓ/∂f[i, j] W[i, c', k' − 2j], the input gradient",
      claimed: throughX(jacX),
    },
    {
      line: 112,
      snippet: "\\frac{\\partial f}{\\partial x}[i, j, c^{\\prime}, k^{\\prime}] = W[i, c^{\\prime}, k^{\\prime}-2j]",
      truth: "holds",
      target: "dX",
      why: "line 108's result in classical notation (W read as 0 off its taps, as the delta makes it); checked through the chain rule",
      claimed: throughX(jacX),
    },
    {
      line: 122,
      snippet:
        "\\frac{\\partial\\ell}{\\partial W_{i^{\\prime}c^{\\prime}k^{\\prime}}} = \\frac{\\partial\\ell}{\\partial f_{ij}}\\frac{\\partial f_{ij}}{\\partial W_{i^{\\prime}ck}}",
      truth: "holds",
      target: "dW",
      why: "the chain rule, summed over the repeated i, j, with line 92's Jacobian x_{c'(2j+k')}δ_{i'i}; the unprimed c, k of W_{i'ck} (appearing once, so not summed) are read as the c', k' they stand for",
      claimed: throughW(jacW),
    },
    {
      line: 122,
      snippet: "\\frac{\\partial\\ell}{\\partial f_{i^{\\prime}j}} x_{c^{\\prime}(2j+k^{\\prime})}",
      truth: "holds",
      target: "dW",
      why: "δ_{i'i} collapses the sum over i; j, repeated, is summed: Σ_j ∂ℓ/∂f[i', j] x[c', 2j + k'], the kernel gradient",
      claimed: dW,
    },
    other(122, "1\\;\\; c^{\\prime}=0", ranges),
    other(122, "1\\;\\; k^{\\prime}=0", ranges),
    {
      line: 126,
      snippet:
        "\\frac{\\partial\\ell}{\\partial W}[i^{\\prime}, c^{\\prime}, k^{\\prime}]=\\sum_{j=0}^{1} \\frac{\\partial\\ell}{\\partial f}[i^{\\prime}, j] x[c^{\\prime}, 2j+k^{\\prime}]",
      truth: "holds",
      target: "dW",
      why: "the kernel gradient of W[i', c', k']: the output gradient of filter i' correlated with channel c' of the input at positions 2j + k' (the stride of the forward pass now a dilation, as the answer says)",
      claimed: dW,
    },
  ] satisfies TruthEquation[],
};
export default src;
