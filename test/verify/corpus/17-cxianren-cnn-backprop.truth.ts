/**
 * CXianRen, "to give a simple explain of CNN" (tutorial note doc/cnn.md of the GitHub repository MyNN, 2024),
 * after Pavithra Solai's Medium post "Convolutions and Backpropagations".
 * Layer: the note's example — a 3×3 input X_{ij} slid over by a 2×2 filter F_{ij}, stride 1, no padding,
 * no bias, 1-based; the note's "convolution" is cross-correlation, as its written-out outputs show
 * (O_{11} = X_{11}F_{11} + X_{12}F_{12} + X_{21}F_{21} + X_{22}F_{22}), so the output O is 2×2.
 * L is the loss, ∂L/∂O_{ij} is v.dy(i, j). The sizes are the note's own (its entries are written out for them).
 * In the "L to X" section the note writes "*" between two scalars, ∂L/∂O_{11} * F_{11}: an ordinary product
 * (a "convolution" of 1×1 arrays is the product too); it uses the same "*" in the chain rule ∂L/∂O * ∂O/∂F.
 * The note's one mistake: ∂L/∂X_{23} (line 154) takes F_{21} where O_{22} uses F_{12}.
 * The "A 3 layer CNN" section (N = 256, C = 3, 32 filters, stride 2, padding 1) is a different layer: "other".
 */
import { qmul, type Q } from "../../core/oracle.js";
import { at, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 3, K = 2, O = 2;

/** O_{pq} = Σ_{a,b} X_{p+a-1, q+b-1} F_{ab}. */
const fwd = (v: Access, p: number, q: number): Q => sum(1, K, (a) => sum(1, K, (b) => qmul(v.x(p + a - 1, q + b - 1), v.w(a, b))));
/** ∂L/∂F_{ab} = Σ_{p,q} ∂L/∂O_{pq} X_{p+a-1, q+b-1}. */
const trueDW = (v: Access, a: number, b: number): Q => sum(1, O, (p) => sum(1, O, (q) => qmul(v.dy(p, q), v.x(p + a - 1, q + b - 1))));
/** ∂L/∂X_{rs} = Σ_{p,q} ∂L/∂O_{pq} F_{r-p+1, s-q+1} (F zero outside 1..2). */
const trueDX = (v: Access, r: number, s: number): Q => sum(1, O, (p) => sum(1, O, (q) => qmul(v.dy(p, q), v.w(r - p + 1, s - q + 1))));
/** Σ of products: [[dy or F row, col], [x/F row, col]] pairs, as written. */
type P = [[number, number], [number, number]];
const dyX = (terms: P[]) => (v: Access): Q => sum(0, terms.length - 1, (t) => qmul(v.dy(...terms[t]![0]), v.x(...terms[t]![1])));
const dyF = (terms: P[]) => (v: Access): Q => sum(0, terms.length - 1, (t) => qmul(v.dy(...terms[t]![0]), v.w(...terms[t]![1])));
const xF = (terms: P[]) => (v: Access): Q => sum(0, terms.length - 1, (t) => qmul(v.x(...terms[t]![0]), v.w(...terms[t]![1])));

/** The four written-out outputs (the same rows appear three times in the note). */
const outputs = (first: number): TruthEquation[] => [
  { line: first, snippet: "O_{11} &= X_{11}F_{11} + X_{12}F_{12} + X_{21}F_{21} + X_{22}F_{22}", truth: "holds", target: "Y",
    why: "the window of O_{11} is X_{11..22}, each entry times the filter entry at the same place",
    claimed: at(1, 1, xF([[[1, 1], [1, 1]], [[1, 2], [1, 2]], [[2, 1], [2, 1]], [[2, 2], [2, 2]]]), fwd) },
  { line: first + 1, snippet: "O_{12} &= X_{12}F_{11} + X_{13}F_{12} + X_{22}F_{21} + X_{23}F_{22}", truth: "holds", target: "Y",
    why: "the window shifted one column right",
    claimed: at(1, 2, xF([[[1, 2], [1, 1]], [[1, 3], [1, 2]], [[2, 2], [2, 1]], [[2, 3], [2, 2]]]), fwd) },
  { line: first + 2, snippet: "O_{21} &= X_{21}F_{11} + X_{22}F_{12} + X_{31}F_{21} + X_{32}F_{22}", truth: "holds", target: "Y",
    why: "the window shifted one row down",
    claimed: at(2, 1, xF([[[2, 1], [1, 1]], [[2, 2], [1, 2]], [[3, 1], [2, 1]], [[3, 2], [2, 2]]]), fwd) },
  { line: first + 3, snippet: "O_{22} &= X_{22}F_{11} + X_{23}F_{12} + X_{32}F_{21} + X_{33}F_{22}", truth: "holds", target: "Y",
    why: "the window shifted one row down and one column right",
    claimed: at(2, 2, xF([[[2, 2], [1, 1]], [[2, 3], [1, 2]], [[3, 2], [2, 1]], [[3, 3], [2, 2]]]), fwd) },
];

const local = (line: number, ij: string): TruthEquation => ({
  line, snippet: `\\frac{\\partial{O_{${ij}}}}{\\partial{F_{11}}} = X_{${ij}}`, truth: "holds",
  why: `local partial derivative: F_{11} multiplies X_{${ij}} in O_{${ij}} (not a gradient of L)`,
});

const src: CorpusSource = {
  file: "17-cxianren-cnn-backprop.tex",
  citation: "CXianRen, \"to give a simple explain of CNN\", tutorial note doc/cnn.md in the GitHub repository MyNN, June 2024, sections \"Convolutional layer\", \"Back propagation\" (\"L to F\", \"L to X\") and \"A 3 layer CNN\" (after Pavithra Solai, \"Convolutions and Backpropagations\", Medium)",
  url: "https://github.com/CXianRen/MyNN/blob/2791d3792a430ab81d70d273693993710840297b/doc/cnn.md",
  flags: ["--input", "3x3", "--kernel", "2x2", "--op", "xcorr", "--index-base", "1"],
  layer: { op: "xcorr", input: [N, N], kernel: [K, K], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: false, indexBase: 1 },
  indexBase: 1,
  equations: [
    ...outputs(23),
    local(40, "11"),
    local(41, "12"),
    local(42, "21"),
    local(43, "22"),
    { line: 49, snippet: "\\frac{\\partial{O}}{\\partial{F_{11}}} =", truth: "definition",
      why: "names the summed effect of F_{11} on all of O (X_{11} + X_{12} + X_{21} + X_{22}) ∂O/∂F_{11}; read literally ∂O/∂F_{11} is the 2×2 Jacobian slice, not a sum — a notation, not a claim about ∂L" },
    { line: 58, snippet: "\\frac{\\partial {L}}{\\partial{F}} =", truth: "holds", target: "dW",
      why: "the chain rule with \"*\" the note's product (contraction over O's entries): ∂L/∂F_{ab} = Σ_{pq} ∂L/∂O_{pq} ∂O_{pq}/∂F_{ab}, with ∂O_{pq}/∂F_{ab} = X_{p+a-1,q+b-1}",
      claimed: (v, [a, b]) => sum(1, O, (p) => sum(1, O, (q) => qmul(v.dy(p, q), v.x(p + a! - 1, q + b! - 1)))) },
    { line: 67, snippet: "\\frac{\\partial{L}}{\\partial{F_{11}}} &=", truth: "holds", target: "dW",
      why: "the chain rule over the four outputs, then each ∂O_{pq}/∂F_{11} = X_{pq}: ∂L/∂F_{11} = Σ ∂L/∂O_{pq} X_{pq}",
      claimed: at(1, 1, dyX([[[1, 1], [1, 1]], [[1, 2], [1, 2]], [[2, 1], [2, 1]], [[2, 2], [2, 2]]]), trueDW) },
    ...outputs(89),
    { line: 99, snippet: "\\frac{\\partial{L}}{\\partial{F_{11}}} &= \\frac{\\partial{L}}{\\partial{O_{11}}} X_{11}", truth: "holds", target: "dW",
      why: "F_{11} meets X_{11}, X_{12}, X_{21}, X_{22} in O_{11}, O_{12}, O_{21}, O_{22}",
      claimed: at(1, 1, dyX([[[1, 1], [1, 1]], [[1, 2], [1, 2]], [[2, 1], [2, 1]], [[2, 2], [2, 2]]]), trueDW) },
    { line: 100, snippet: "\\frac{\\partial{L}}{\\partial{F_{12}}} &= \\frac{\\partial{L}}{\\partial{O_{11}}} X_{12}", truth: "holds", target: "dW",
      why: "F_{12} meets X_{12}, X_{13}, X_{22}, X_{23}",
      claimed: at(1, 2, dyX([[[1, 1], [1, 2]], [[1, 2], [1, 3]], [[2, 1], [2, 2]], [[2, 2], [2, 3]]]), trueDW) },
    { line: 101, snippet: "\\frac{\\partial{L}}{\\partial{F_{21}}} &= \\frac{\\partial{L}}{\\partial{O_{11}}} X_{21}", truth: "holds", target: "dW",
      why: "F_{21} meets X_{21}, X_{22}, X_{31}, X_{32}",
      claimed: at(2, 1, dyX([[[1, 1], [2, 1]], [[1, 2], [2, 2]], [[2, 1], [3, 1]], [[2, 2], [3, 2]]]), trueDW) },
    { line: 102, snippet: "\\frac{\\partial{L}}{\\partial{F_{22}}} &= \\frac{\\partial{L}}{\\partial{O_{11}}} X_{22}", truth: "holds", target: "dW",
      why: "F_{22} meets X_{22}, X_{23}, X_{32}, X_{33}",
      claimed: at(2, 2, dyX([[[1, 1], [2, 2]], [[1, 2], [2, 3]], [[2, 1], [3, 2]], [[2, 2], [3, 3]]]), trueDW) },
    { line: 126, snippet: "\\frac{\\partial{L}}{\\partial{O_1}} = \\frac{\\partial{L}}{\\partial{X_2}}", truth: "other",
      why: "O_1 is the output of layer 1 and X_2 the input of layer 2 (the same tensor): a remark on stacking layers, not a formula of this layer's gradients" },
    ...outputs(137),
    { line: 149, snippet: "\\frac{\\partial{L}}{\\partial{X_{11}}} &=  \\frac{\\partial{L}}{\\partial{O_{11}}} * F_{11}", truth: "holds", target: "dX",
      why: "X_{11} is only in O_{11}, times F_{11}", claimed: at(1, 1, dyF([[[1, 1], [1, 1]]]), trueDX) },
    { line: 150, snippet: "\\frac{\\partial{L}}{\\partial{X_{12}}} &=  \\frac{\\partial{L}}{\\partial{O_{11}}} * F_{12}", truth: "holds", target: "dX",
      why: "X_{12} is in O_{11} (times F_{12}) and O_{12} (times F_{11})", claimed: at(1, 2, dyF([[[1, 1], [1, 2]], [[1, 2], [1, 1]]]), trueDX) },
    { line: 151, snippet: "\\frac{\\partial{L}}{\\partial{X_{13}}} &= \\frac{\\partial{L}}{\\partial{O_{12}}} * F_{12}", truth: "holds", target: "dX",
      why: "X_{13} is only in O_{12}, times F_{12}", claimed: at(1, 3, dyF([[[1, 2], [1, 2]]]), trueDX) },
    { line: 152, snippet: "\\frac{\\partial{L}}{\\partial{X_{21}}} &= \\frac{\\partial{L}}{\\partial{O_{11}}} * F_{21}", truth: "holds", target: "dX",
      why: "X_{21} is in O_{11} (times F_{21}) and O_{21} (times F_{11})", claimed: at(2, 1, dyF([[[1, 1], [2, 1]], [[2, 1], [1, 1]]]), trueDX) },
    { line: 153, snippet: "\\frac{\\partial{L}}{\\partial{X_{22}}} &= \\frac{\\partial{L}}{\\partial{O_{11}}} * F_{22}", truth: "holds", target: "dX",
      why: "X_{22} is in all four outputs, with F_{22}, F_{21}, F_{12}, F_{11}",
      claimed: at(2, 2, dyF([[[1, 1], [2, 2]], [[1, 2], [2, 1]], [[2, 1], [1, 2]], [[2, 2], [1, 1]]]), trueDX) },
    { line: 154, snippet: "\\frac{\\partial{L}}{\\partial{X_{23}}} &= \\frac{\\partial{L}}{\\partial{O_{12}}} * F_{22}", truth: "fails", target: "dX",
      why: "X_{23} is in O_{12} (times F_{22}) and in O_{22} times F_{12} (O_{22} = X_{22}F_{11} + X_{23}F_{12} + …, as the note itself writes), not F_{21}: the second term's filter indices are swapped", claimed: at(2, 3, dyF([[[1, 2], [2, 2]], [[2, 2], [2, 1]]]), trueDX) },
    { line: 155, snippet: "\\frac{\\partial{L}}{\\partial{X_{31}}} &=  \\frac{\\partial{L}}{\\partial{O_{21}}} * F_{21}", truth: "holds", target: "dX",
      why: "X_{31} is only in O_{21}, times F_{21}", claimed: at(3, 1, dyF([[[2, 1], [2, 1]]]), trueDX) },
    { line: 156, snippet: "\\frac{\\partial{L}}{\\partial{X_{32}}} &=  \\frac{\\partial{L}}{\\partial{O_{21}}} * F_{22}", truth: "holds", target: "dX",
      why: "X_{32} is in O_{21} (times F_{22}) and O_{22} (times F_{21})", claimed: at(3, 2, dyF([[[2, 1], [2, 2]], [[2, 2], [2, 1]]]), trueDX) },
    { line: 157, snippet: "\\frac{\\partial{L}}{\\partial{X_{33}}} &= \\frac{\\partial{L}}{\\partial{O_{22}}} * F_{22}", truth: "holds", target: "dX",
      why: "X_{33} is only in O_{22}, times F_{22}", claimed: at(3, 3, dyF([[[2, 2], [2, 2]]]), trueDX) },
    { line: 202, snippet: "\\frac{\\partial{L}}{\\partial{F}} = \\text{input conv }", truth: "other",
      why: "the filter gradient of the 3-layer CNN's layer (N = 256, 3 channels, 32 filters, stride 2, padding 1), not the layer checked here; for it, as for ours, \"input conv ∂L/∂O\" is right if conv is the note's forward operation (cross-correlation)" },
  ],
};
export default src;
