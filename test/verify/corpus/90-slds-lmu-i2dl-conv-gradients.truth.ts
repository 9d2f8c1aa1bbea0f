/**
 * SLDS group, LMU Munich (GitHub organisation slds-lmu), "Lab 6" of the Python exercises of the course "Introduction
 * to Deep Learning" (repository slds-lmu/lecture_i2dl, the Jupytext Markdown notebook
 * exercises/python/templates/py-lab-07-template.md with its solutions) — Exercise 2 defines the convolution entry by
 * entry, Exercise 3 asks for and derives its gradients with respect to the kernel and to the input, in index notation
 * with explicit sums and sum bounds L_k, U_k, L_l, U_l, then works them out on a one-dimensional example.
 * Layer: the solution's own example — "X is a vector of c(X)=6 elements, and Y was obtained with a kernel of size
 * c(K)=3, which result in c(Y)=4" — one channel, no bias (the exercise's y_{ij} has none), stride 1, no padding,
 * 1-based (sums from 1, x_1 … x_6). The notebook's "convolution" is a cross-correlation, by its own definition
 * y_{ij} = Σ_{k,l} x_{i+k−1, j+l−1} · k_{kl} (and its code). The kernel is called k (k_{kl}, k_1 … k_3) and its row index
 * is also k; the loss is 𝓛; y_i' is ∂𝓛/∂y_i (v.dy(1, i)).
 * The general formulas are written for an r(X) × c(X) image; they are checked on the example read as the one-row image
 * it is (r(X) = r(K) = r(Y) = 1, so the row index i (or k) is 1 and drops out) — the way the solution itself passes from
 * one dimension to two ("This extends straightforwardly to several dimensions"). So the flags give the layer as that
 * image, --input 1x6 --kernel 1x3 (c(X) = 6 and c(K) = 3 are column counts), and the one-dimensional formulas' x_3,
 * k_1, y_3' name the entries of its one row (x_{1,3}, k_{1,1}, y'_{1,3}). In particular the input-gradient
 * formula's bounds become L_k = U_k = 1, L_l = max(1, j − 6 + 3), U_l = min(3, j): exactly the kernel offsets that
 * reach an output, so the formula holds (the bounds are right).
 * The source's mistakes: the border case ∂𝓛/∂x_2 = k_2y_1' + k_1y_3' (line 146) — x_2 enters y_1 under k_2 and y_2 under
 * k_1, so the second term is k_1y_2'; and the example's kernel gradient sums j from 1 to 6 (line 104) although Y has
 * c(Y) = 4 entries: read as written, with ∂𝓛/∂y_5, ∂𝓛/∂y_6 (no such outputs) and x beyond x_6 taken as 0, as every
 * corpus formula with out-of-range terms is read, the extra terms vanish and it holds — the limit 6 is c(X), not c(Y).
 * Entry formulas (lines 139, 145–148, and ∂y_i/∂k_3 of line 100) are checked at their entry, every other entry of the
 * target taking its true value (as 30's). ∂y_2/∂k_3 = x_4 (line 101) is a single local derivative: true (k_3 multiplies
 * x_{2+3−1} in y_2), not a gradient entry, so it is given no hand translation.
 * Definitions: Y = K*X (lines 8, 24: the operation is the one defined by the next formula), a = i−k+1, b = j−l+1 and the
 * bounds L_k … U_l (lines 56–61, 118–123), y_i' (line 136). Other: the loss 𝓛 = f(Y) and the exercise's own loss
 * Σ y_{ij}² and kernel G_x (lines 38, 71), the example's chosen sizes c(X) = 6, c(K) = 3 (lines 93, 94).
 * Not from the THEME's languages: the search found no Korean, Russian, German or French derivation with enough
 * equations in the time given; this English course notebook was the nearest fit (index notation, explicit sums).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const NX = 6,
  NK = 3,
  NY = NX - NK + 1; // x_1 … x_6, k_1 … k_3, y_1 … y_4

/** y_j = Σ_l x_{j+l−1} k_l: the forward pass (the one-row y_{1j}). */
const fwd = (v: Access, j: number): Q => sum(1, NK, (l) => qmul(v.x(1, j + l - 1), v.w(1, l)));
/** ∂𝓛/∂k_l = Σ_{j=1}^{c(Y)} ∂𝓛/∂y_j x_{j+l−1}. */
const dK = (v: Access, l: number): Q => sum(1, NY, (j) => qmul(v.dy(1, j), v.x(1, j + l - 1)));
/** ∂𝓛/∂x_j = Σ_{l=L_l}^{U_l} ∂𝓛/∂y_{j−l+1} k_l with L_l = max(1, j − c(X) + c(K)), U_l = min(c(K), j). */
const dXbounds = (v: Access, j: number): Q =>
  sum(Math.max(1, j - NX + NK), Math.min(NK, j), (l) => qmul(v.dy(1, j - l + 1), v.w(1, l)));
/** The true input gradient Σ_{j'} ∂𝓛/∂y_{j'} ∂y_{j'}/∂x_j = Σ_{j'} y'_{j'} k_{j−j'+1} (k read 0 off its 3 entries). */
const trueDX = (v: Access, j: number): Q => sum(1, NY, (jj) => qmul(v.dy(1, jj), v.w(1, j - jj + 1)));

/** An entry formula: its right-hand side at entry r, the true value at every other entry. */
const at =
  (r: number, rhs: (v: Access) => Q, rest: (v: Access, j: number) => Q) =>
  (v: Access, [, j]: number[]): Q =>
    j === r ? rhs(v) : rest(v, j!);
/** k_a y'_b + … as written. */
const ky =
  (terms: [number, number][]) =>
  (v: Access): Q =>
    sum(0, terms.length - 1, (t) => qmul(v.w(1, terms[t]![0]), v.dy(1, terms[t]![1])));

const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});
const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });

const yDef = "y_{ij}=\\sum_{k=1}^{r(\\textbf{K})}\\sum_{l=1}^{c(\\textbf{K})}x_{i+k-1,j+l-1}\\cdot k_{kl}";
const dkDef =
  "\\frac{\\partial\\mathcal{L}}{\\partial k_{kl}}=\\sum_{i=1}^{r(\\textbf{Y})}\\sum_{j=1}^{c(\\textbf{Y})}\\frac{\\partial\\mathcal{L}}{\\partial y_{ij}}\\cdot x_{i+k-1,j+l-1}";
const dxDef =
  "\\frac{\\partial\\mathcal{L}}{\\partial x_{ij}}=\\sum_{k=L_k}^{U_k}\\sum_{l=L_l}^{U_l}\\frac{\\partial\\mathcal{L}}{\\partial y_{ab}}k_{kl}";

const forward = (line: number): TruthEquation => ({
  line,
  snippet: yDef,
  truth: "holds",
  target: "Y",
  why: "the notebook's definition of its operation, a cross-correlation: y_{ij} = Σ_{k,l} x_{i+k−1, j+l−1} k_{kl} (on the one-row example, y_j = Σ_l x_{j+l−1} k_l)",
  claimed: (v, [, j]) => fwd(v, j!),
});
const kernelGrad = (line: number): TruthEquation => ({
  line,
  snippet: dkDef,
  truth: "holds",
  target: "dW",
  why: "k_{kl} multiplies x_{i+k−1, j+l−1} in every output y_{ij}, once: the chain rule over the r(Y) × c(Y) outputs",
  claimed: (v, [, l]) => dK(v, l!),
});
const inputGrad = (line: number): TruthEquation => ({
  line,
  snippet: dxDef,
  truth: "holds",
  target: "dX",
  why: "x_{ij} enters y_{ab} under k_{kl} with a = i−k+1, b = j−l+1; the bounds L_k … U_l keep exactly the offsets with 1 ≤ a ≤ r(Y), 1 ≤ b ≤ c(Y) (on the example L_l = max(1, j−3), U_l = min(3, j))",
  claimed: (v, [, j]) => dXbounds(v, j!),
});

const src: CorpusSource = {
  file: "90-slds-lmu-i2dl-conv-gradients.md",
  citation:
    'SLDS group of LMU Munich (GitHub organisation slds-lmu), "Lab 6", Python exercises of the course "Introduction to Deep Learning", repository slds-lmu/lecture_i2dl, file exercises/python/templates/py-lab-07-template.md, read at commit 28b3353925a81ee2ca0b2b005db36315211bfecb: Exercise 2 (the convolution y_{ij}) and Exercise 3 with its solution (∂𝓛/∂k_{kl}, ∂𝓛/∂x_{ij} with sum bounds, the one-dimensional example with c(X)=6, c(K)=3)',
  url: "https://github.com/slds-lmu/lecture_i2dl/blob/28b3353925a81ee2ca0b2b005db36315211bfecb/exercises/python/templates/py-lab-07-template.md",
  flags: ["--input", "1x6", "--kernel", "1x3", "--op", "xcorr", "--index-base", "1"],
  layer: {
    op: "xcorr",
    input: [1, NX],
    kernel: [1, NK],
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
    def(
      8,
      "\\textbf{Y}=\\textbf{K}*\\textbf{X}",
      "names the operation whose entries the next formula gives (y_{ij} = Σ x_{i+k−1, j+l−1} k_{kl}, a cross-correlation): * is that operation here, not a flipped convolution",
    ),
    {
      line: 8,
      snippet: "r(\\textbf{Y})=r(\\textbf{X})-r(\\textbf{K})+1",
      truth: "holds",
      target: "size",
      why: "a valid window at stride 1: r(X) − r(K) + 1 positions per column (1 − 1 + 1 = 1 on the one-row example)",
    },
    {
      line: 9,
      snippet: "c(\\textbf{Y})=c(\\textbf{X})-c(\\textbf{K})+1",
      truth: "holds",
      target: "size",
      why: "the same per row: 6 − 3 + 1 = 4 on the example",
    },
    forward(12),
    def(
      24,
      "\\textbf{Y}=\\textbf{K}*\\textbf{X}",
      "recalls the operation, defined entry by entry by the next formula (line 27), a cross-correlation",
    ),
    forward(27),
    other(
      38,
      "\\mathcal{L}=f(\\textbf{Y})",
      "the loss as a function of the output: a setting, not a formula about the layer's gradients",
    ),
    kernelGrad(44),
    inputGrad(50),
    def(56, "a &= i-k+1", "the output row the term of x_{ij} under k_{kl} belongs to"),
    def(57, "b &= j-l+1", "the output column of that term"),
    def(58, "L_k &= \\max(1, i - r(\\textbf{X}) + r(\\textbf{K}))", "the lower bound of the k-sum (a ≤ r(Y))"),
    def(59, "L_l &= \\max(1, j - c(\\textbf{X}) + c(\\textbf{K}))", "the lower bound of the l-sum (b ≤ c(Y))"),
    def(60, "U_k &= \\min(r(\\textbf{K}), i)", "the upper bound of the k-sum (a ≥ 1)"),
    def(61, "U_l &= \\min(c(\\textbf{K}), j)", "the upper bound of the l-sum (b ≥ 1)"),
    other(
      71,
      "\\mathcal{L}=\\sum_{i,j}{y_{ij}}^2",
      "the loss the exercise's code uses, a choice, not a formula about the layer's gradients",
    ),
    other(71, "\\textbf{K}=G_x", "the exercise's choice of kernel (the Sobel filter)"),
    kernelGrad(81),
    {
      line: 87,
      snippet:
        "\\frac{\\partial\\mathcal{L}}{\\partial k_{kl}}=\\sum_{i=1}^{r(\\textbf{Y})}\\sum_{j=1}^{c(\\textbf{Y})}\\frac{\\partial\\mathcal{L}}{\\partial y_{ij}}\\cdot\\frac{\\partial y_{ij}}{\\partial k_{kl}}",
      truth: "holds",
      target: "dW",
      why: "the chain rule over every output y_{ij}, the loss being a function of them all; ∂y_{ij}/∂k_{kl} = x_{i+k−1, j+l−1}",
      claimed: (v, [, l]) => dK(v, l!),
    },
    other(93, "c(\\textbf{X})=6", "the example's chosen input size"),
    other(94, "c(\\textbf{K})=3", "the example's chosen kernel size"),
    { line: 94, snippet: "c(\\textbf{Y})=4", truth: "holds", target: "size", why: "6 − 3 + 1 = 4 outputs" },
    {
      line: 100,
      snippet: "\\partial y_i/\\partial k_3=x_{i+3-1}",
      truth: "holds",
      target: "dW",
      why: "k_3 multiplies x_{i+2} in y_i; checked through the chain rule of line 87: Σ_i ∂𝓛/∂y_i x_{i+3−1} is the gradient of k_3",
      claimed: at(3, (v) => sum(1, NY, (i) => qmul(v.dy(1, i), v.x(1, i + 3 - 1))), dK),
    },
    {
      line: 101,
      snippet: "\\partial y_2/\\partial k_3=x_{4}",
      truth: "holds",
      why: "y_2 = k_1x_2 + k_2x_3 + k_3x_4: the local derivative by k_3 is x_4 (a single local derivative, not a gradient entry)",
    },
    {
      line: 104,
      snippet:
        "\\frac{\\partial\\mathcal{L}}{\\partial k_{i}}=\\sum_{j=1}^{6}\\frac{\\partial\\mathcal{L}}{\\partial y_{j}}\\cdot x_{i+j-1}",
      truth: "holds",
      target: "dW",
      why: "the kernel gradient; the sum runs to c(X) = 6 instead of c(Y) = 4, but ∂𝓛/∂y_5, ∂𝓛/∂y_6 name no output and are read 0, so the extra terms vanish",
      claimed: (v, [, i]) => sum(1, 6, (j) => qmul(v.dy(1, j), v.x(1, i! + j - 1))),
    },
    inputGrad(112),
    def(118, "a &= i-k+1", "the output row the term of x_{ij} under k_{kl} belongs to"),
    def(119, "b &= j-l+1", "the output column of that term"),
    def(120, "L_k &= \\max(1, i - r(\\textbf{X}) + r(\\textbf{K}))", "the lower bound of the k-sum"),
    def(121, "L_l &= \\max(1, j - c(\\textbf{X}) + c(\\textbf{K}))", "the lower bound of the l-sum"),
    def(122, "U_k &= \\min(r(\\textbf{K}), i)", "the upper bound of the k-sum"),
    def(123, "U_l &= \\min(c(\\textbf{K}), j)", "the upper bound of the l-sum"),
    def(136, "y_i^\\prime=\\partial\\mathcal{L}/\\partial y_i", "the shorthand y_i' for the output gradient"),
    {
      line: 139,
      snippet:
        "\\frac{\\partial\\mathcal{L}}{\\partial x_3}=y_3^\\prime k_1+y_2^\\prime k_2+y_1^\\prime k_3=\\sum_{i=1}^3 y_{3-i+1}^\\prime k_i",
      truth: "holds",
      target: "dX",
      why: "x_3 enters y_3 under k_1, y_2 under k_2, y_1 under k_3; the sum Σ_{i=1}^{3} y'_{3−i+1} k_i is the same three terms",
      claimed: at(
        3,
        (v) =>
          chain(
            ky([
              [1, 3],
              [2, 2],
              [3, 1],
            ])(v),
            sum(1, 3, (i) => qmul(v.dy(1, 3 - i + 1), v.w(1, i))),
          ),
        trueDX,
      ),
    },
    {
      line: 145,
      snippet: "\\frac{\\partial\\mathcal{L}}{\\partial x_1} &= k_1y_1^\\prime",
      truth: "holds",
      target: "dX",
      why: "x_1 enters only y_1, under k_1",
      claimed: at(1, ky([[1, 1]]), trueDX),
    },
    {
      line: 146,
      snippet: "\\frac{\\partial\\mathcal{L}}{\\partial x_2} &= k_2y_1^\\prime+k_1y_3^\\prime",
      truth: "fails",
      target: "dX",
      why: "x_2 enters y_1 under k_2 and y_2 under k_1: ∂𝓛/∂x_2 = k_2y_1' + k_1y_2', not k_1y_3' (y_3 = k_1x_3 + k_2x_4 + k_3x_5 has no x_2)",
      claimed: at(
        2,
        ky([
          [2, 1],
          [1, 3],
        ]),
        trueDX,
      ),
    },
    {
      line: 147,
      snippet: "\\frac{\\partial\\mathcal{L}}{\\partial x_5} &= k_2y_4^\\prime+k_3y_3^\\prime",
      truth: "holds",
      target: "dX",
      why: "x_5 enters y_4 under k_2 and y_3 under k_3 (y_5 does not exist)",
      claimed: at(
        5,
        ky([
          [2, 4],
          [3, 3],
        ]),
        trueDX,
      ),
    },
    {
      line: 148,
      snippet: "\\frac{\\partial\\mathcal{L}}{\\partial x_6} &= k_3y_4^\\prime",
      truth: "holds",
      target: "dX",
      why: "x_6 enters only y_4, under k_3",
      claimed: at(6, ky([[3, 4]]), trueDX),
    },
  ],
};
export default src;
