/**
 * Pei Luo (GitHub: silenceluo), "Example of Activcation Backpropagation in Convolution" (blog article on
 * silenceluo.github.io, March 2025), section 1 and subsection 1.1 "Stride > 1".
 * Layer: the article's own example — IA (input activation) x of 5×5, kernel w of 3×3, no padding, stride 2 in both
 * axes, no bias, every index 0-based, the forward pass a cross-correlation (the written Y_{00} … Y_{11} put
 * w_{rs} on x_{2p+r, 2q+s}), so OA Y is 2×2. L is the loss, ∂L/∂Y_{pq} is v.dy(p, q); the section's general
 * formulas write the same layer as dA(h, w) (A = IA = x), O' (= ∂L/∂O, O = OA = Y) and W(r, s), with
 * pad_H = pad_W = 0, stride_H = stride_W = 2 (stated) and d_H = d_W = 1 (no dilation in 1.1).
 * The sizes are the article's own (every entry is written out for them).
 * The article's mistake: ∂L/∂x_{22} (line 70) omits the term ∂L/∂Y_{10} * w_{02} — x_{22} is the centre of the
 * input and lies in all four stride-2 windows, so it has four terms, and the article lists only three (Y_{00},
 * Y_{01}, Y_{11}). Every other entry of the 25 is right.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { at, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 5, K = 3, O = 2, S = 2;

/** Y_{pq} = Σ_{r,s} x_{Sp+r, Sq+s} w_{rs} (the written Y's, in general). */
const fwd = (v: Access, p: number, q: number): Q => sum(0, K - 1, (r) => sum(0, K - 1, (s) => qmul(v.x(S * p + r, S * q + s), v.w(r, s))));
/** The true ∂L/∂x_{hw} = Σ_{p,q} ∂L/∂Y_{pq} w_{h-Sp, w-Sq} (v.w is 0 outside the kernel). */
const trueDX = (v: Access, h: number, w: number): Q => sum(0, O - 1, (p) => sum(0, O - 1, (q) => qmul(v.dy(p, q), v.w(h - S * p, w - S * q))));

/** Written sums of products, each term [[first index pair], [second index pair]]. */
type P = [[number, number], [number, number]];
/** Σ x_{ij} * w_{rs}. */
const xW = (terms: P[]) => (v: Access): Q => sum(0, terms.length - 1, (t) => qmul(v.x(...terms[t]![0]), v.w(...terms[t]![1])));
/** Σ ∂L/∂Y_{pq} * w_{rs}. */
const dyW = (terms: P[]) => (v: Access): Q => sum(0, terms.length - 1, (t) => qmul(v.dy(...terms[t]![0]), v.w(...terms[t]![1])));

/** A written line of the forward pass, Y_{pq} &= Σ x * w. */
const yRow = (line: number, p: number, q: number, terms: P[]): TruthEquation => ({
  line, snippet: `Y_{${p}${q}} &=`, truth: "holds", target: "Y",
  why: `the stride-2 window of Y_{${p}${q}} starts at x_{${S * p}${S * q}}: w_{rs} meets x_{${S * p}+r, ${S * q}+s}, exactly the nine written products`,
  claimed: at(p, q, xW(terms), fwd),
});
/** A written line of the gradient of IA, ∂L/∂x_{hw} &= Σ ∂L/∂Y * w. */
const dxRow = (line: number, h: number, w: number, terms: P[], truth: "holds" | "fails" = "holds", why?: string): TruthEquation => ({
  line, snippet: `\\frac{\\partial L}{\\partial x_{${h}${w}}}  &=`, truth, target: "dX",
  why: why ?? `x_{${h}${w}} lies in the windows of exactly the written outputs, under the written kernel entries w_{${h}-2p, ${w}-2q}`,
  claimed: at(h, w, dyW(terms), trueDX),
});
const def = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "definition", why });

const src: CorpusSource = {
  file: "21-silenceluo-conv-bpa-stride2.md",
  citation: "Pei Luo (GitHub: silenceluo), \"Example of Activcation Backpropagation in Convolution\", blog article on silenceluo.github.io (repository silenceluo/silenceluo.github.io, file blogs/Backpropagation_conv_bpa_example.md, commit 1a993d4fd168e640949790c57467e45b4382eded, 15 March 2025), section \"1. Back Propagation of Activation\", subsection \"1.1. Stride > 1\"",
  url: "https://github.com/silenceluo/silenceluo.github.io/blob/1a993d4fd168e640949790c57467e45b4382eded/blogs/Backpropagation_conv_bpa_example.md",
  flags: ["--input", "5x5", "--kernel", "3x3", "--op", "xcorr", "--stride", "2", "--index-base", "0"],
  layer: { op: "xcorr", input: [N, N], kernel: [K, K], stride: [S, S], dilation: [1, 1], padding: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: false, indexBase: 0 },
  indexBase: 0,
  equations: [
    { line: 9, snippet: "d A(h, w) = \\sum_{r} \\sum_{s} O'(", truth: "holds", target: "dX",
      why: "with pad_H = 0, d_H = 1, stride_H = 2: dA(h, w) = Σ_{r,s} O'((h-r)/2, (w-s)/2) W(r, s), O' read as 0 where the quotient is not a whole output index — the stride-2 layer's input gradient (h = 2p + r inverted)",
      claimed: (v, [h, w]) => sum(0, K - 1, (r) => sum(0, K - 1, (s) => qmul(v.dy((h! + 0 - r * 1) / S, (w! + 0 - s * 1) / S), v.w(r, s)))) },
    { line: 13, snippet: "d A(h, w) = \\sum_{p} \\sum_{q} O'(p, q) * W(", truth: "holds", target: "dX",
      why: "with pad_H = 0, d_H = 1, stride_H = 2: dA(h, w) = Σ_{p,q} O'(p, q) W(h-2p, w-2q), W read as 0 outside the kernel — the same sum indexed by the outputs",
      claimed: (v, [h, w]) => sum(0, O - 1, (p) => sum(0, O - 1, (q) => qmul(v.dy(p, q), v.w((h! - p * S + 0) / 1, (w! - q * S + 0) / 1)))) },
    def(20, "(H=5, W=5)", "states the example's input (IA) size, 5×5"),
    def(20, "(R=3, S=3)", "states the example's kernel size, 3×3"),
    def(20, "(pad_H=0, pad_W=0)", "states the example's padding, none"),
    def(20, "(stride_H=2, stride_W=2)", "states the example's stride, 2 in both axes"),
    { line: 20, snippet: "(P=2, Q=2)", truth: "holds", target: "size",
      why: "the output (OA) size: ⌊(5 + 2·0 - 3)/2⌋ + 1 = 2 in both axes, as the written Y_{00} … Y_{11} show" },
    yRow(31, 0, 0, [[[0, 0], [0, 0]], [[0, 1], [0, 1]], [[0, 2], [0, 2]], [[1, 0], [1, 0]], [[1, 1], [1, 1]], [[1, 2], [1, 2]], [[2, 0], [2, 0]], [[2, 1], [2, 1]], [[2, 2], [2, 2]]]),
    yRow(32, 0, 1, [[[0, 2], [0, 0]], [[0, 3], [0, 1]], [[0, 4], [0, 2]], [[1, 2], [1, 0]], [[1, 3], [1, 1]], [[1, 4], [1, 2]], [[2, 2], [2, 0]], [[2, 3], [2, 1]], [[2, 4], [2, 2]]]),
    yRow(33, 1, 0, [[[2, 0], [0, 0]], [[2, 1], [0, 1]], [[2, 2], [0, 2]], [[3, 0], [1, 0]], [[3, 1], [1, 1]], [[3, 2], [1, 2]], [[4, 0], [2, 0]], [[4, 1], [2, 1]], [[4, 2], [2, 2]]]),
    yRow(34, 1, 1, [[[2, 2], [0, 0]], [[2, 3], [0, 1]], [[2, 4], [0, 2]], [[3, 2], [1, 0]], [[3, 3], [1, 1]], [[3, 4], [1, 2]], [[4, 2], [2, 0]], [[4, 3], [2, 1]], [[4, 4], [2, 2]]]),
    dxRow(44, 0, 0, [[[0, 0], [0, 0]]]),
    dxRow(45, 0, 1, [[[0, 0], [0, 1]]]),
    dxRow(46, 0, 2, [[[0, 0], [0, 2]], [[0, 1], [0, 0]]]),
    dxRow(47, 0, 3, [[[0, 1], [0, 1]]]),
    dxRow(48, 0, 4, [[[0, 1], [0, 2]]]),
    dxRow(56, 1, 0, [[[0, 0], [1, 0]]]),
    dxRow(57, 1, 1, [[[0, 0], [1, 1]]]),
    dxRow(58, 1, 2, [[[0, 0], [1, 2]], [[0, 1], [1, 0]]]),
    dxRow(59, 1, 3, [[[0, 1], [1, 1]]]),
    dxRow(60, 1, 4, [[[0, 1], [1, 2]]]),
    dxRow(68, 2, 0, [[[0, 0], [2, 0]], [[1, 0], [0, 0]]]),
    dxRow(69, 2, 1, [[[0, 0], [2, 1]], [[1, 0], [0, 1]]]),
    dxRow(70, 2, 2, [[[0, 0], [2, 2]], [[0, 1], [2, 0]], [[1, 1], [0, 0]]], "fails",
      "x_{22} lies in all four stride-2 windows, so ∂L/∂x_{22} = ∂L/∂Y_{00}·w_{22} + ∂L/∂Y_{01}·w_{20} + ∂L/∂Y_{10}·w_{02} + ∂L/∂Y_{11}·w_{00}; the written sum drops the term ∂L/∂Y_{10} * w_{02}"),
    dxRow(71, 2, 3, [[[0, 1], [2, 1]], [[1, 1], [0, 1]]]),
    dxRow(72, 2, 4, [[[0, 1], [2, 2]], [[1, 1], [0, 2]]]),
    dxRow(80, 3, 0, [[[1, 0], [1, 0]]]),
    dxRow(81, 3, 1, [[[1, 0], [1, 1]]]),
    dxRow(82, 3, 2, [[[1, 0], [1, 2]], [[1, 1], [1, 0]]]),
    dxRow(83, 3, 3, [[[1, 1], [1, 1]]]),
    dxRow(84, 3, 4, [[[1, 1], [1, 2]]]),
    dxRow(92, 4, 0, [[[1, 0], [2, 0]]]),
    dxRow(93, 4, 1, [[[1, 0], [2, 1]]]),
    dxRow(94, 4, 2, [[[1, 0], [2, 2]], [[1, 1], [2, 0]]]),
    dxRow(95, 4, 3, [[[1, 1], [2, 1]]]),
    dxRow(96, 4, 4, [[[1, 1], [2, 2]]]),
  ],
};
export default src;
