/**
 * BrightLamp (CSDN: oBrightLamp), 《卷积convolution函数详解及反向传播中的梯度求导》: a Chinese-language post of
 * 28 November 2018 on his CSDN blog (read in a Markdown copy of the page) — the definition of a 2-D convolution
 * (a cross-correlation) at stride 1 and at stride t in index notation, and the gradients of the error e with
 * respect to the input X (a local derivative, a chain rule and a four-case closed form), the kernel W and the
 * bias b, with a programming recipe (D[it:it+p, jt:jt+q] += ∂e/∂y_ij W) and a remark on multi-channel input.
 * Layer: the post's general case of section 3 — "W 为 p x q 矩阵, 步长为 t, … 填充后的 X 是 m x n 矩阵, 经 conv
 * 卷积得到 … g x h 矩阵 Y" — one channel, 0-based ("本文约定矩阵元素的脚标从 0 开始"), y_ij = Σ_{r,s}
 * x_{i·t+r, j·t+s} w_rs + b, a scalar bias ("偏置 b 为标量"), X already padded ("本文默认输入的矩阵 X 已经做好了
 * PADDING 填充处理": no padding in the layer). Our choice of sizes, one the post allows (it asks that (m − p)/t
 * divide): p × q = 3 × 2, t = 2, m × n = 7 × 6, so g × h = 3 × 3 — a kernel taller than the stride and as wide as
 * it, the post's case "行重叠" (1 ≤ t ≤ p − 1, t ≥ q) of its ∂e/∂x_uv, non-square so that a swapped index shows.
 * ∂e/∂y_ij is v.dy(i, j). The post's multi-channel remark (4.1: one kernel per input channel, the results added,
 * b shared) is prose, no equation.
 * The post's mistakes: its four-case closed form for ∂e/∂x_uv (line 116) keeps the kernel entry
 * w_{u−i·t, v−j·t} of the one window (i, j) outside its sum over the overlapping windows, and steps the output
 * index by x·t (y_{i−x·t, j}) where the neighbouring window is i − x: the gradient is Σ over the windows (i', j')
 * that contain (u, v) of ∂e/∂y_{i'j'} w_{u−i'·t, v−j'·t}. Read with (i, j) the window that starts last at or
 * before (u, v) (i = min(⌊u/t⌋, g − 1), j = min(⌊v/t⌋, h − 1); any window holding (u, v) does as badly), it agrees
 * where one window row covers u (odd u here) and fails at the even rows two windows share. "j·t+s=r" (line 86)
 * should be j·t + s = v. Outside this layer: the 2 × 2, stride-1 definition of line 38 sums over i and j, the
 * output's own indices (Σ_{i=0}^{m−2} Σ_{j=0}^{n−2} …: every window's product added into each y_ij); the gradient
 * matrix of line 76 numbers its entries from 1 (y_{11} … y_{gh}) in a post that numbers from 0; and the overlap
 * condition "i(t+1) ≤ i·t+p−1" (line 98, not found by verify) means (i + 1)·t.
 * Everything else holds: the stride-t forward pass (lines 54, 66, 145), the local derivative ∂y_ij/∂x_uv (line 88,
 * checked through line 107's chain rule), the chain rule for ∂e/∂x_uv (107), ∂y_ij/∂w_uv and ∂e/∂w_uv (147, 149),
 * ∂y_ij/∂b = 1 and ∂e/∂b (155, 157).
 * Other: the stride-1 definitions (lines 38, 46: another layer than this stride-2 one), e = forward(Y) and the
 * gradient matrix ∇e_(Y) (74, 76: notation), "i·t+r = u" (86: the relation that names u), "∂e/∂x_uv = 0" for
 * entries in no window (129: there are none here, the 3 × 2 windows at stride 2 cover all of the 7 × 6 input),
 * the programming operation f(D, W, i, j) (135: a definition).
 * Not found by verify, so not listed: the overlap conditions of lines 98 and 102, the condition 1 of line 112.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const M = 7,
  N = 6,
  P = 3,
  QK = 2,
  T = 2; // X m×n, W p×q, stride t
const G = (M - P) / T + 1,
  H = (N - QK) / T + 1; // Y g×h = 3×3

/** y_ij = Σ_{r,s} x_{i·t+r, j·t+s} w_rs + b. */
const fwd = (v: Access, [i, j]: number[]): Q =>
  qadd(
    sum(0, P - 1, (r) => sum(0, QK - 1, (s) => qmul(v.x(i! * T + r, j! * T + s), v.w(r, s)))),
    v.b(),
  );
/** ∂y_ij/∂x_uv as line 88 writes it: w_{u−i·t, v−j·t} inside the window, 0 outside. */
const local = (v: Access, i: number, j: number, u: number, w: number): Q =>
  i * T <= u && u <= i * T + P - 1 && j * T <= w && w <= j * T + QK - 1 ? v.w(u - i * T, w - j * T) : { n: 0n, d: 1n };
/** Σ_{i=0}^{g−1} Σ_{j=0}^{h−1} ∂e/∂y_ij ∂y_ij/∂x_uv. */
const dX = (v: Access, [u, w]: number[]): Q =>
  sum(0, G - 1, (i) => sum(0, H - 1, (j) => qmul(v.dy(i, j), local(v, i, j, u!, w!))));
/** Line 116's second case (1 ≤ t ≤ p − 1, t ≥ q): Σ_{x=0}^{p−t} ∂e/∂y_{i−x·t, j} w_{u−i·t, v−j·t}, (i, j) the last window at or before (u, v). */
const dXcases = (v: Access, [u, w]: number[]): Q => {
  const i = Math.min(Math.floor(u! / T), G - 1),
    j = Math.min(Math.floor(w! / T), H - 1);
  return sum(0, P - T, (x) => qmul(v.dy(i - x * T, j), v.w(u! - i * T, w! - j * T)));
};
/** Σ_{i,j} ∂e/∂y_ij x_{i·t+u, j·t+v}. */
const dW = (v: Access, [u, w]: number[]): Q =>
  sum(0, G - 1, (i) => sum(0, H - 1, (j) => qmul(v.dy(i, j), v.x(i * T + u!, j * T + w!))));
/** Σ_{i,j} ∂e/∂y_ij. */
const db = (v: Access): Q => sum(0, G - 1, (i) => sum(0, H - 1, (j) => v.dy(i, j)));
const one: Q = { n: 1n, d: 1n };

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const definition = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});

const src: CorpusSource = {
  file: "47-brightlamp-conv-stride-backprop-zh.md",
  citation:
    "BrightLamp (CSDN: oBrightLamp), 《卷积convolution函数详解及反向传播中的梯度求导》, a post of 28 November 2018 on his CSDN blog, in his series on deep-learning layers (index https://blog.csdn.net/oBrightLamp/article/details/85067981), read in a Markdown copy of the CSDN page: the whole post (stride-1 and stride-t definitions, ∂e/∂X as a local derivative, a chain rule and a four-case closed form, a programming recipe, ∂e/∂W, ∂e/∂b, a remark on multiple channels)",
  url: "https://blog.csdn.net/oBrightLamp/article/details/85067981",
  flags: ["--input", "7x6", "--kernel", "3x2", "--stride", "2", "--op", "xcorr", "--index-base", "0", "--bias"],
  layer: {
    op: "xcorr",
    input: [M, N],
    kernel: [P, QK],
    stride: [T, T],
    dilation: [1, 1],
    padding: "valid",
    inChannels: null,
    outChannels: null,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    other(
      38,
      "y_{ij} = \\sum_{i=0}^{m-2}\\sum_{j=0}^{n-2}(x_{i,j}w_{00}",
      "the definition for a 2 × 2 kernel at stride 1, not this layer (3 × 2, t = 2); as written it is wrong even there — its sums over i and j bind the output's own indices, adding every window's product into each y_ij",
    ),
    other(
      46,
      "y_{ij} =\\sum_{r=0}^{p-1}\\sum_{s=0}^{q-1}x_{i+r,j+s}w_{rs}+ b",
      "the definition at stride 1 ('步长为 1 时'), not this stride-2 layer's (right for a stride-1 layer)",
    ),
    {
      line: 54,
      snippet: "y_{ij} = \\sum_{r=0}^{p-1}\\sum_{s=0}^{q-1}x_{i\\cdot t+r,j\\cdot t+s}w_{rs}+b",
      truth: "holds",
      target: "Y",
      why: "the stride-t cross-correlation with a scalar bias: the window of y_ij starts at row i·t, column j·t",
      claimed: fwd,
    },
    {
      line: 66,
      snippet: "y_{ij} = \\sum_{r=0}^{p-1}\\sum_{s=0}^{q-1}x_{i\\cdot t+r,\\;j\\cdot t+s}w_{rs}+b",
      truth: "holds",
      target: "Y",
      why: "the same stride-t forward pass, restated at the start of section 3.1",
      claimed: fwd,
    },
    definition(74, "e=forward(Y)", "names the error e: the scalar the rest of the network computes from Y"),
    definition(
      76,
      "\\nabla e_{(Y)}=\\frac{de}{dY}=\\begin{pmatrix}",
      "the upstream gradient matrix, its entries ∂e/∂y_ij (numbered from 1, y_{11} … y_{gh}, in a post that numbers from 0: notation)",
    ),
    definition(
      86,
      "i\\cdot t+r =u",
      "names u, the input row that kernel row r meets in the window of row i (u = i·t + r)",
    ),
    {
      line: 86,
      snippet: "j\\cdot t+s=r",
      truth: "fails",
      why: "the column relation is j·t + s = v (the v of ∂y_ij/∂x_uv and w_{u−i·t, v−j·t} below); '= r' ties the column offset to the kernel's row index",
    },
    {
      line: 88,
      snippet: "\\frac{\\partial y_{ij}}{\\partial x_{uv}}=",
      truth: "holds",
      target: "dX",
      why: "x_uv enters y_ij only inside its window (i·t ≤ u ≤ i·t + p − 1, j·t ≤ v ≤ j·t + q − 1), under w_{u−i·t, v−j·t}; checked through line 107's chain rule: Σ_{i,j} ∂e/∂y_ij times this derivative is the input gradient",
      claimed: dX,
    },
    {
      line: 107,
      snippet:
        "\\frac{\\partial e}{\\partial x_{uv}} = \\sum_{i=0}^{g-1}\\sum_{j=0}^{h-1}\\frac{\\partial e}{\\partial y_{ij}}\\frac{\\partial y_{ij}}{\\partial x_{uv}}",
      truth: "holds",
      target: "dX",
      why: "the chain rule over every output y_ij (i < g, j < h), with line 88's local derivative",
      claimed: dX,
    },
    {
      line: 116,
      snippet: "\\frac{\\partial e}{\\partial x_{uv}}=",
      truth: "fails",
      target: "dX",
      why: "here t = 2 ≤ p − 1 and t ≥ q, the second case: Σ_{x=0}^{p−t} ∂e/∂y_{i−x·t, j} w_{u−i·t, v−j·t} keeps one window's kernel entry for every window and steps the output row by x·t, not 1; the gradient at an even row u shared by windows i − 1 and i is ∂e/∂y_{i−1,j} w_{u−(i−1)t, ·} + ∂e/∂y_{ij} w_{u−it, ·}",
      claimed: dXcases,
    },
    other(
      129,
      "\\frac{\\partial e}{\\partial x_{uv}} = 0",
      "said of the entries that lie in no window (u, v not satisfying condition 1): true of such entries, but this layer has none — the 3 × 2 windows at stride 2 cover the whole 7 × 6 input",
    ),
    definition(
      135,
      "\\begin{array}{lr}",
      "defines the programming operation f(D, W, i, j): D[it:it+p, jt:jt+q] += (∂e/∂y_ij) W (its accumulated D is the input gradient, said in words)",
    ),
    {
      line: 145,
      snippet: "y_{ij} = \\sum_{r=0}^{p-1}\\sum_{s=0}^{q-1}x_{i\\cdot t+r,j\\cdot t+s}w_{rs}+b",
      truth: "holds",
      target: "Y",
      why: "the stride-t forward pass again, at the start of section 3.3",
      claimed: fwd,
    },
    {
      line: 147,
      snippet: "\\frac{\\partial y_{ij}}{\\partial w_{uv}}=x_{i\\cdot t+u,j\\cdot t+v}",
      truth: "holds",
      target: "dW",
      why: "w_uv multiplies x_{i·t+u, j·t+v} in y_ij and nothing else there; checked through line 149's chain rule: Σ_{i,j} ∂e/∂y_ij times this derivative is the kernel gradient",
      claimed: dW,
    },
    {
      line: 149,
      snippet:
        "\\frac{\\partial e}{\\partial w_{uv}} = \\sum_{i=0}^{g-1}\\sum_{j=0}^{h-1}\\frac{\\partial e}{\\partial y_{ij}}\\frac{\\partial y_{ij}}{\\partial w_{uv}}",
      truth: "holds",
      target: "dW",
      why: "the chain rule over every output and its closed form Σ_{i,j} ∂e/∂y_ij x_{i·t+u, j·t+v}: the input sampled at stride t correlated with the output gradient",
      claimed: (v, [u, w]) =>
        chain(
          sum(0, G - 1, (i) => sum(0, H - 1, (j) => qmul(v.dy(i, j), v.x(i * T + u!, j * T + w!)))),
          dW(v, [u!, w!]),
        ),
    },
    {
      line: 155,
      snippet: "\\frac{\\partial y_{ij}}{\\partial b}=1",
      truth: "holds",
      target: "db",
      why: "the scalar bias is added to every y_ij with coefficient 1; checked through line 157's chain rule (Σ_{i,j} ∂e/∂y_ij · 1)",
      claimed: (v) => sum(0, G - 1, (i) => sum(0, H - 1, (j) => qmul(v.dy(i, j), one))),
    },
    {
      line: 157,
      snippet:
        "\\frac{\\partial e}{\\partial b} = \\sum_{i=0}^{g-1}\\sum_{j=0}^{h-1}\\frac{\\partial e}{\\partial y_{ij}}\\frac{\\partial y_{ij}}{\\partial b}",
      truth: "holds",
      target: "db",
      why: "the chain rule over every output and its closed form: the bias gradient is the sum of the output gradient",
      claimed: (v) =>
        chain(
          sum(0, G - 1, (i) => sum(0, H - 1, (j) => qmul(v.dy(i, j), one))),
          db(v),
        ),
    },
  ],
};
export default src;
