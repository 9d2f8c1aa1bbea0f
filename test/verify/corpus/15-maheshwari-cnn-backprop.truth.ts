/**
 * Saniya Maheshwari (codeandfire), "Backpropagation in Convolutional Networks" (LaTeX note, 2021).
 * Layer: the note's own example (orig-convolution): a 4×4 feature map a_{ij} "convolved" (*) with a 3×3
 * kernel k_{ij}, stride 1, no padding, no bias, 1-based; the note's * is cross-correlation, as its result
 * matrix shows (h_{11} = Σ_{i,j} k_{ij} a_{ij}), so the output h is 2×2. F is the loss, ∂F/∂h_{i'j'} is
 * v.dy(i', j'). The sizes are the note's (its matrices are written out for them).
 * The stride-2 example (5×5 input) is a different layer: its displays are "other" here.
 * Displays without "=" (the matrix products at lines 36 and 77, the flipped-kernel convolution at
 * line 103, the kernel-gradient convolution at line 223, ...) are not listed, except the result
 * matrices at lines 26 and 144 which verify reports as equations.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { at } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 4, K = 3, O = 2;

/** Σ_{i=lo}^{hi} f(i). */
const sum = (lo: number, hi: number, f: (i: number) => Q): Q => {
  let s: Q = Q0;
  for (let i = lo; i <= hi; i++) s = qadd(s, f(i));
  return s;
};

/** h_{pq} = Σ_{i=1}^3 Σ_{j=1}^3 k_{ij} a_{i+p-1, j+q-1} (the note's result matrix, entry (p, q)). */
const fwd = (v: Access, p: number, q: number): Q => sum(1, K, (i) => sum(1, K, (j) => qmul(v.w(i, j), v.x(i + p - 1, j + q - 1))));
/** ∂F/∂k_{ij} = Σ_{i'=1}^2 Σ_{j'=1}^2 ∂F/∂h_{i'j'} a_{i+i'-1, j+j'-1}. */
const trueDW = (v: Access, i: number, j: number): Q => sum(1, O, (a) => sum(1, O, (b) => qmul(v.dy(a, b), v.x(i + a - 1, j + b - 1))));
/**
 * The weight matrix W "derived from the kernel weights" for flattened h (row (i', j')) and a (column (r, s)):
 * W_{(i',j'),(r,s)} = k_{r-i'+1, s-j'+1}, zero where (r, s) is outside the window of h_{i'j'}.
 */
const Wmat = (v: Access, ip: number, jp: number, r: number, s: number): Q => v.w(r - ip + 1, s - jp + 1);

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });

/** Offsets of a in the printed result matrix: entry (p, q) uses a_{i+dp, j+dq}. */
const printed: [number, number][][] = [[[0, 0], [0, 1]], [[1, 0], [1, 1]]];

const src: CorpusSource = {
  file: "15-maheshwari-cnn-backprop.tex",
  citation: "Saniya Maheshwari (codeandfire), \"Backpropagation in Convolutional Networks\", short note (LaTeX), GitHub, July 16, 2021, sections \"Transposed Convolutions\" and \"Convolution Weights\"",
  url: "https://github.com/codeandfire/cnn-backprop/blob/c9aa63ecc9a0ffab761d885d5ddf759175e811bc/cnn_backprop.tex",
  flags: ["--input", "4x4", "--kernel", "3x3", "--op", "xcorr", "--index-base", "1"],
  layer: { op: "xcorr", input: [N, N], kernel: [K, K], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: false, indexBase: 1 },
  indexBase: 1,
  equations: [
    { line: 26, snippet: "\\begin{bmatrix}", truth: "holds", target: "Y",
      why: "the result of a * k: entry (p, q) is Σ_{i,j} k_{ij} a_{i+p-1, j+q-1}, as printed (a_{ij}, a_{i,j+1}, a_{i+1,j}, a_{i+1,j+1})",
      claimed: (v, [p, q]) => {
        const [dp, dq] = printed[p! - 1]![q! - 1]!;
        return sum(1, K, (i) => sum(1, K, (j) => qmul(v.w(i, j), v.x(i + dp, j + dq))));
      } },
    { line: 62, snippet: "h = Wa", truth: "holds", target: "Y",
      why: "the forward pass with flattened maps: W is the 4×16 matrix derived from the kernel, row (i',j') holding k_{r-i'+1,s-j'+1} at column (r,s)",
      claimed: (v, [i, j]) => sum(1, N, (r) => sum(1, N, (s) => qmul(Wmat(v, i!, j!, r, s), v.x(r, s)))) },
    { line: 68, snippet: "\\frac{\\partial F}{\\partial a} = W^T", truth: "holds", target: "dX",
      why: "the chain rule through the linear map h = Wa: ∂F/∂a_{rs} = Σ_{i'j'} W_{(i',j'),(r,s)} ∂F/∂h_{i'j'} = Σ k_{r-i'+1,s-j'+1} ∂F/∂h_{i'j'}",
      claimed: (v, [r, s]) => sum(1, O, (i) => sum(1, O, (j) => qmul(Wmat(v, i, j, r!, s!), v.dy(i, j)))) },
    other(144, "\\begin{bmatrix}",
      "the result matrix of the stride-2 example (5×5 input, entries with a_{i,j+2}, a_{i+2,j}, a_{i+2,j+2}); right for that layer, but it is not the layer checked here"),
    { line: 188, snippet: "h_{12} = \\sum_{i=1}^3 \\sum_{j=1}^3 k_{ij} a_{i,j{+}1}", truth: "holds", target: "Y",
      why: "the window of h_{12} is shifted one column right", claimed: at(1, 2, (v) => sum(1, K, (i) => sum(1, K, (j) => qmul(v.w(i, j), v.x(i, j + 1)))), fwd) },
    { line: 193, snippet: "\\frac{\\partial h_{12}}{\\partial k_{ij}} = a_{i,j{+}1}", truth: "holds",
      why: "local partial derivative of the line-188 sum (not a gradient of F)" },
    { line: 198, snippet: "\\frac{\\partial h_{i'j'}}{\\partial k_{ij}} = a_{i{+}i'{-}1, j{+}j'{-}1}", truth: "holds",
      why: "local partial derivative: k_{ij} multiplies a_{i+i'-1, j+j'-1} in h_{i'j'}" },
    { line: 203, snippet: "\\frac{\\partial F}{\\partial k_{ij}} = \\sum_{i'=1}^2 \\sum_{j'=1}^2 \\frac{\\partial F}{\\partial h_{i'j'}} \\frac{\\partial h_{i'j'}}{\\partial k_{ij}}", truth: "holds", target: "dW",
      why: "the chain rule over the four outputs; with ∂h_{i'j'}/∂k_{ij} = a_{i+i'-1,j+j'-1} it is the kernel gradient",
      claimed: (v, [i, j]) => sum(1, O, (a) => sum(1, O, (b) => qmul(v.dy(a, b), v.x(i! + a - 1, j! + b - 1)))) },
    { line: 208, snippet: "\\frac{\\partial F}{\\partial k_{ij}} = \\sum_{i'=1}^2 \\sum_{j'=1}^2 \\left(", truth: "holds", target: "dW",
      why: "Σ_{i'j'} ∂F/∂h_{i'j'} a_{i+i'-1, j+j'-1}, the kernel gradient of the cross-correlation",
      claimed: (v, [i, j]) => trueDW(v, i!, j!) },
    other(210, "i = j = 1", "the index values substituted next, not a statement about the layer"),
    { line: 213, snippet: "\\frac{\\partial F}{\\partial k_{11}} =", truth: "holds", target: "dW",
      why: "line 208 at i = j = 1", claimed: at(1, 1, (v) => sum(1, O, (a) => sum(1, O, (b) => qmul(v.dy(a, b), v.x(a, b)))), trueDW) },
    other(215, "i = 1", "the index value substituted next (with j = 2), not a statement about the layer or its sizes"),
    other(215, "j = 2", "the index value substituted next, not a statement about the layer"),
    { line: 218, snippet: "\\frac{\\partial F}{\\partial k_{12}} =", truth: "holds", target: "dW",
      why: "line 208 at i = 1, j = 2", claimed: at(1, 2, (v) => sum(1, O, (a) => sum(1, O, (b) => qmul(v.dy(a, b), v.x(a, b + 1)))), trueDW) },
  ],
};
export default src;
