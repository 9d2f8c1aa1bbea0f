/**
 * 조준우 (Jo Jun-woo, GitHub: metamath1), 「합성곱 신경망에서 컨벌루션과 트랜스포즈드 컨벌루션의 관계 Relationship
 * between Convolution and Transposed Convolution in CNN」 (Jupyter notebook, written 2019-05-09, revised 2020-02-29),
 * the first section's general notation and the subsection "padding=1, stride=2".
 * Layer: the subsection's own example — a 4×4 input I, a 3×3 filter w (Q = R = 3), zero padding p = 1, stride s = 2,
 * no bias, every index 0-based, the forward pass a cross-correlation (the notebook says so: the filter is not
 * rotated, "코릴레이션"), so the output z is 2×2. C = f(z) is the scalar, δ_{kl} = ∂C/∂z_{kl} is v.dy(k, l).
 * The notebook reads w as 0 outside the filter: its written-out ∂C/∂I_{00} and ∂C/∂I_{03} keep terms such as
 * w_{1,-1} and w_{14} whose indices leave 0..2, and say only the terms with valid indices survive — so v.w (0
 * outside) is the faithful reading. The padded input's last row and column take no part (stated), which the
 * forward sum gives: k×s−p+q never reaches 4.
 * From the first section (no padding, stride 1) only the general notation is kept — C = f(z), the chain rule,
 * δ_{kl} = ∂C/∂z_{kl} and eq. (2), true of any layer; eq. (1), (3) and its worked example describe another layer
 * and are not transcribed. Every transcribed formula is right.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 4, K = 3, O = 2, S = 2, P = 1;

/** The true local partial ∂z_{kl}/∂I_{ij} = w_{i−ks+p, j−ls+p} (0 outside the filter). */
const dzdI = (v: Access, k: number, l: number, i: number, j: number): Q => v.w(i - k * S + P, j - l * S + P);
/** Σ_k Σ_l ∂z_{kl}/∂I_{ij} δ_{kl}, the chain rule written out for this layer. */
const chainDX = (v: Access, i: number, j: number): Q => sum(0, O - 1, (k) => sum(0, O - 1, (l) => qmul(dzdI(v, k, l, i, j), v.dy(k, l))));
/** A written entry ∂C/∂I_{rc} = Σ w_{..} δ_{..}; the true value at every other entry. */
type T = [[number, number], [number, number]];
const entry = (r: number, c: number, terms: T[]) => (v: Access, [i, j]: number[]): Q =>
  i === r && j === c ? sum(0, terms.length - 1, (t) => qmul(v.w(...terms[t]![0]), v.dy(...terms[t]![1]))) : chainDX(v, i!, j!);

const def = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "definition", why });
const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });

const src: CorpusSource = {
  file: "22-metamath-transconv-ko.md",
  citation: "조준우 (Jo Jun-woo, GitHub: metamath1), 「합성곱 신경망에서 컨벌루션과 트랜스포즈드 컨벌루션의 관계 Relationship between Convolution and Transposed Convolution in CNN」, Jupyter notebook (written 9 May 2019, revised 29 February 2020), repository metamath1/ml-simple-works, file CNN/transconv_fullconv.ipynb, read at commit 86eb723c81cf49f824e2c91f8e694bb8628fb25a; the first section's general notation and the subsection \"padding=1, stride=2\"",
  url: "https://github.com/metamath1/ml-simple-works/blob/86eb723c81cf49f824e2c91f8e694bb8628fb25a/CNN/transconv_fullconv.ipynb",
  flags: ["--input", "4x4", "--kernel", "3x3", "--op", "xcorr", "--stride", "2", "--padding", "1", "--index-base", "0"],
  layer: { op: "xcorr", input: [N, N], kernel: [K, K], stride: [S, S], dilation: [1, 1], padding: P, inChannels: null, outChannels: null, groups: 1, batch: null, bias: false, indexBase: 0 },
  indexBase: 0,
  equations: [
    def(21, "C = f(\\mathbf{z})", "names the scalar C computed from the output z by some f"),
    { line: 27, snippet: "\\frac{\\partial \\, C}{\\partial \\, I_{ij}} = \\sum_{k} \\sum_{l} \\frac{\\partial \\, z_{kl}}{\\partial \\, I_{ij}} \\frac{\\partial \\, C}{\\partial \\, z_{kl}}",
      truth: "holds", target: "dX",
      why: "the multivariable chain rule through the outputs z_{kl}: with ∂z_{kl}/∂I_{ij} = w_{i-2k+1, j-2l+1} (0 outside the filter) it is this layer's input gradient",
      claimed: (v, [i, j]) => chainDX(v, i!, j!) },
    def(33, "\\delta_{kl} =   \\frac{\\partial \\, C}{\\partial \\, z_{kl}}", "names the upstream gradient δ_{kl} = ∂C/∂z_{kl}"),
    { line: 39, snippet: "\\frac{\\partial \\, C}{\\partial \\, I_{ij}} = \\sum_{k} \\sum_{l} \\frac{\\partial \\, z_{kl}}{\\partial \\, I_{ij}} \\delta_{kl} \\tag{2}",
      truth: "holds", target: "dX",
      why: "eq. (2): the chain rule above with ∂C/∂z_{kl} written δ_{kl}, true of any layer and so of this one",
      claimed: (v, [i, j]) => chainDX(v, i!, j!) },
    { line: 55, snippet: "z_{kl} = \\sum_{q=0}^{Q-1} \\sum_{r=0}^{R-1} w_{qr} I_{(k \\times s - p + q),(l \\times s -p + r)}",
      truth: "holds", target: "Y",
      why: "with Q = R = 3, s = 2, p = 1 and I read as 0 in the padding, the window of z_{kl} starts at I_{2k-1, 2l-1}: the stride-2, padding-1 cross-correlation",
      claimed: (v, [k, l]) => sum(0, K - 1, (q) => sum(0, K - 1, (r) => qmul(v.w(q, r), v.x(k! * S - P + q, l! * S - P + r)))) },
    { line: 61, snippet: "\\frac{\\partial \\, z_{kl}}{\\partial \\, I_{ij}} = \\frac{\\partial}{\\partial \\, I_{ij}} \\left(",
      truth: "holds",
      why: "a local partial: ∂z_{kl}/∂I_{ij} is by definition the derivative of the forward sum above with respect to I_{ij}" },
    other(67, "i=k \\times s-p+q", "the index condition under which I_{ij} appears in the sum, not a formula about the layer's values"),
    other(68, "j=l \\times s-p+r", "the index condition under which I_{ij} appears in the sum, not a formula about the layer's values"),
    other(74, "q = i-k \\times s + p", "the same index condition solved for q"),
    other(75, "r = j-l \\times s + p", "the same index condition solved for r"),
    { line: 81, snippet: "\\frac{\\partial \\, z_{kl}}{\\partial \\, I_{ij}} = w_{(i-k \\times s +p),(j-l \\times s+p)}",
      truth: "holds",
      why: "a local partial: I_{ij} enters z_{kl} only through the term with q = i-2k+1, r = j-2l+1, whose coefficient is w_{qr} (0 when the index leaves the filter)" },
    { line: 87, snippet: "\\frac{\\partial \\, C}{\\partial \\, I_{ij}} = \\sum_{k} \\sum_{l} w_{(i-k \\times s+p),(j-l \\times s+p)} \\delta_{kl} \\tag{7}",
      truth: "holds", target: "dX",
      why: "eq. (7): eq. (2) with ∂z_{kl}/∂I_{ij} = w_{i-2k+1, j-2l+1}, w read as 0 outside the filter, is the stride-2, padding-1 input gradient",
      claimed: (v, [i, j]) => sum(0, O - 1, (k) => sum(0, O - 1, (l) => qmul(v.w(i! - k * S + P, j! - l * S + P), v.dy(k, l)))) },
    { line: 95, snippet: "\\frac{\\partial \\, C}{\\partial \\, I_{00}} = w_{11}\\delta_{00}", truth: "holds", target: "dX",
      why: "eq. (7) at i = j = 0 gives w_{1,1}δ_{00} + w_{1,-1}δ_{01} + w_{-1,1}δ_{10} + w_{-1,-1}δ_{11}, exactly as written; only w_{11}δ_{00} survives, and I_{00} lies only in the window of z_{00}, under w_{11}",
      claimed: entry(0, 0, [[[1, 1], [0, 0]], [[1, -1], [0, 1]], [[-1, 1], [1, 0]], [[-1, -1], [1, 1]]]) },
    { line: 101, snippet: "\\frac{\\partial \\, C}{\\partial \\, I_{03}} = w_{14}\\delta_{00}", truth: "holds", target: "dX",
      why: "eq. (7) at i = 0, j = 3 gives w_{1,4}δ_{00} + w_{1,2}δ_{01} + w_{-1,4}δ_{10} + w_{-1,2}δ_{11}, as written (w_{14} is w_{1,4}); only w_{12}δ_{01} survives, and I_{03} lies only in the window of z_{01}, under w_{12}",
      claimed: entry(0, 3, [[[1, 4], [0, 0]], [[1, 2], [0, 1]], [[-1, 4], [1, 0]], [[-1, 2], [1, 1]]]) },
  ],
};
export default src;
