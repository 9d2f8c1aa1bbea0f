/**
 * Pavel Kazlou (pikazlou), "Calculating backpopagation for convolution layer" (ml-nn-aux notebook, 2023).
 * Layer: the notebook's own example X * W + b = Y, with * the NN "convolution" that the notebook says is
 * really correlation and spells out as y_{11} = x_{11}w_{11} + x_{12}w_{12} + x_{21}w_{21} + x_{22}w_{22} + b:
 * cross-correlation, 1-based, stride 1, no padding, a scalar bias; X is 3×3, W is 2×2, Y is 2×2 (the entry
 * formulas are written for these sizes). ∂L/∂y_{ij} is v.dy(i, j).
 * The printed matrices are encoded entry by entry below ("x12" → x_{12}, "dy21" → ∂L/∂y_{21}, "0"), so each
 * claimed value is read off the notebook's matrices, not rederived.
 */
import { Q0, Q1, qadd, qmul, type Q } from "../../core/oracle.js";
import { at, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 3, K = 2, O = 2;

const sumQ = (...xs: Q[]) => xs.reduce((s, x) => qadd(s, x), Q0);

/** One printed matrix entry: "x12", "w21", "dy11", "0", "1". */
const tok = (v: Access, t: string): Q => {
  if (t === "0") return Q0;
  if (t === "1") return Q1;
  const m = /^(x|w|dy)(\d)(\d)$/.exec(t);
  if (!m) throw new Error(`bad token ${t}`);
  const i = Number(m[2]), j = Number(m[3]);
  return m[1] === "x" ? v.x(i, j) : m[1] === "w" ? v.w(i, j) : v.dy(i, j);
};
type M = string[][];
/** The notebook's *: valid correlation of A (printed) with B (printed), entry (i, j), 1-based. */
const corr = (v: Access, A: M, B: M, i: number, j: number): Q =>
  sumQ(...B.flatMap((row, m) => row.map((t, n) => qmul(tok(v, A[i - 1 + m]![j - 1 + n]!), tok(v, t)))));

const X: M = [["x11", "x12", "x13"], ["x21", "x22", "x23"], ["x31", "x32", "x33"]];
const Wm: M = [["w11", "w12"], ["w21", "w22"]];
const dY: M = [["dy11", "dy12"], ["dy21", "dy22"]];

/** The true values, for the entries an entry formula does not speak about. */
const fwd = (v: Access, i: number, j: number): Q => qadd(sum(1, K, (m) => sum(1, K, (n) => qmul(v.x(i + m - 1, j + n - 1), v.w(m, n)))), v.b());
const trueDX = (v: Access, i: number, j: number): Q => sum(1, O, (p) => sum(1, O, (q) => qmul(v.dy(p, q), v.w(i - p + 1, j - q + 1))));
const trueDW = (v: Access, a: number, b: number): Q => sum(1, O, (p) => sum(1, O, (q) => qmul(v.dy(p, q), v.x(p + a - 1, q + b - 1))));
/** ∂y_{pq}/∂x_{ij} = w_{i-p+1, j-q+1} (0 when x_{ij} is not under the window of y_{pq}); ∂y_{pq}/∂w_{ab} = x_{p+a-1, q+b-1}. */
const dydx = (v: Access, p: number, q: number, i: number, j: number): Q => v.w(i - p + 1, j - q + 1);
const dydw = (v: Access, p: number, q: number, a: number, b: number): Q => v.x(p + a - 1, q + b - 1);

/** Σ over the four outputs of ∂L/∂y_{pq} · f(p, q), in the notebook's order 11, 12, 21, 22. */
const four = (v: Access, f: (p: number, q: number) => Q): Q => sumQ(...[[1, 1], [1, 2], [2, 1], [2, 2]].map(([p, q]) => qmul(v.dy(p!, q!), f(p!, q!))));
const dys = (v: Access, ...ts: string[]) => sumQ(...ts.map((t, k) => qmul(v.dy(k < 2 ? 1 : 2, k % 2 === 0 ? 1 : 2), tok(v, t))));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const def = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "definition", why });

const src: CorpusSource = {
  file: "10-pikazlou-conv-backprop.tex",
  citation: "Pavel Kazlou (pikazlou), \"Calculating backpopagation for convolution layer\", Jupyter notebook in the repository ml-nn-aux, GitHub, November 2023",
  url: "https://github.com/pikazlou/ml-nn-aux/blob/27702def79f8ff1195294bdd1034ec8ba0115d87/convolution-backpropagation/convolution-backpropagation.ipynb",
  flags: ["--input", "3x3", "--kernel", "2x2", "--op", "xcorr", "--index-base", "1", "--bias"],
  layer: { op: "xcorr", input: [N, N], kernel: [K, K], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: true, indexBase: 1 },
  indexBase: 1,
  equations: [
    { line: 16, snippet: "X * W + b = Y", truth: "holds", target: "Y", why: "the forward pass, * being the correlation the notebook says it means",
      claimed: (v, [i, j]) => fwd(v, i!, j!) },
    { line: 22, snippet: "\\begin{vmatrix}", truth: "holds", target: "Y", why: "the same with the matrices written out: X (3×3) correlated with W (2×2), plus b, gives the 2×2 Y",
      claimed: (v, [i, j]) => qadd(corr(v, X, Wm, i!, j!), v.b()) },
    { line: 45, snippet: "y_{11} = x_{11}w_{11} + x_{12}w_{12} + x_{21}w_{21} + x_{22}w_{22} + b", truth: "holds", target: "Y", why: "the top-left window of X times W, plus b",
      claimed: at(1, 1, (v) => qadd(sumQ(qmul(v.x(1, 1), v.w(1, 1)), qmul(v.x(1, 2), v.w(1, 2)), qmul(v.x(2, 1), v.w(2, 1)), qmul(v.x(2, 2), v.w(2, 2))), v.b()), fwd) },
    { line: 49, snippet: "y_{12} = x_{12}w_{11} + x_{13}w_{12} + x_{22}w_{21} + x_{23}w_{22} + b", truth: "holds", target: "Y", why: "the window shifted one column right",
      claimed: at(1, 2, (v) => qadd(sumQ(qmul(v.x(1, 2), v.w(1, 1)), qmul(v.x(1, 3), v.w(1, 2)), qmul(v.x(2, 2), v.w(2, 1)), qmul(v.x(2, 3), v.w(2, 2))), v.b()), fwd) },
    def(58, "\\frac{\\partial L}{\\partial Y} = \\begin{vmatrix}", "names the matrix of output derivatives ∂L/∂y_{ij} (given by the later layers)"),
    def(67, "\\frac{\\partial L}{\\partial X} = \\begin{vmatrix}", "names the matrix of input derivatives to be found"),
    def(76, "\\frac{\\partial L}{\\partial W} = \\begin{vmatrix}", "names the matrix of kernel derivatives to be found"),
    other(89, "L = L(y_{11}, y_{12}, y_{21}, y_{22})", "the loss seen as a function of the outputs"),
    other(96, "y_{11} = y_{11}(x_{11}, x_{12}, ..., w_{11}, w_{12}, ..., b)", "says which variables y_{11} is a function of, not its value"),
    other(100, "y_{12} = y_{12}(x_{11}, x_{12}, ..., w_{11}, w_{12}, ..., b)", "says which variables y_{12} is a function of"),
    other(118, "\\frac{\\partial h}{\\partial s} =", "the generic two-variable chain rule for h(f(s,t), g(s,t))"),
    other(122, "\\frac{\\partial h}{\\partial t} =", "the generic two-variable chain rule"),
    { line: 128, snippet: "\\frac{\\partial L}{\\color{red}{\\partial x_{11}}} =", truth: "holds", target: "dX",
      why: "the chain rule over all four outputs (the local partials ∂y_{pq}/∂x_{11} being w_{2-p,2-q}, zero off the window)",
      claimed: at(1, 1, (v) => four(v, (p, q) => dydx(v, p, q, 1, 1)), trueDX) },
    { line: 132, snippet: "\\frac{\\partial L}{\\color{red}{\\partial x_{12}}} =", truth: "holds", target: "dX", why: "the chain rule for x_{12} over all four outputs",
      claimed: at(1, 2, (v) => four(v, (p, q) => dydx(v, p, q, 1, 2)), trueDX) },
    { line: 140, snippet: "\\frac{\\partial L}{\\color{red}{\\partial w_{11}}} =", truth: "holds", target: "dW", why: "the chain rule for w_{11} over all four outputs (∂y_{pq}/∂w_{11} = x_{pq})",
      claimed: at(1, 1, (v) => four(v, (p, q) => dydw(v, p, q, 1, 1)), trueDW) },
    { line: 148, snippet: "\\frac{\\partial L}{\\color{red}{\\partial b}} =", truth: "holds", target: "db", why: "the chain rule for b (∂y_{pq}/∂b = 1)",
      claimed: (v) => four(v, () => Q1) },
    { line: 154, snippet: "\\frac{\\partial L}{\\partial x_{11}} = \\frac{\\partial L}{\\partial y_{11}}\\color{green}{w_{11}} + ", truth: "holds", target: "dX",
      why: "x_{11} is only in y_{11}, with w_{11}; the other three partials are 0",
      claimed: at(1, 1, (v) => dys(v, "w11", "0", "0", "0"), trueDX) },
    { line: 158, snippet: "\\frac{\\partial L}{\\partial x_{12}} = \\frac{\\partial L}{\\partial y_{11}}\\color{green}{w_{12}} + ", truth: "holds", target: "dX",
      why: "x_{12} is in y_{11} (with w_{12}) and y_{12} (with w_{11})",
      claimed: at(1, 2, (v) => dys(v, "w12", "w11", "0", "0"), trueDX) },
    { line: 166, snippet: "\\frac{\\partial L}{\\partial w_{11}} = \\frac{\\partial L}{\\partial y_{11}}\\color{green}{x_{11}} + ", truth: "holds", target: "dW",
      why: "w_{11} multiplies the top-left entry of each window: x_{11}, x_{12}, x_{21}, x_{22}",
      claimed: at(1, 1, (v) => dys(v, "x11", "x12", "x21", "x22"), trueDW) },
    { line: 174, snippet: "\\frac{\\partial L}{\\partial b} = \\frac{\\partial L}{\\partial y_{11}}\\color{green}{1} + ", truth: "holds", target: "db",
      why: "b is added to every output", claimed: (v) => dys(v, "1", "1", "1", "1") },
    { line: 180, snippet: "\\frac{\\partial L}{\\partial x_{11}} = \\frac{\\partial L}{\\partial y_{11}}\\color{green}{w_{11}}", truth: "holds", target: "dX",
      why: "line 154 with the zero terms dropped", claimed: at(1, 1, (v) => qmul(v.dy(1, 1), v.w(1, 1)), trueDX) },
    { line: 184, snippet: "\\frac{\\partial L}{\\partial x_{12}} = \\frac{\\partial L}{\\partial y_{11}}\\color{green}{w_{12}} + ", truth: "holds", target: "dX",
      why: "line 158 with the zero terms dropped", claimed: at(1, 2, (v) => dys(v, "w12", "w11"), trueDX) },
    { line: 192, snippet: "\\frac{\\partial L}{\\partial w_{11}} = \\frac{\\partial L}{\\partial y_{11}}\\color{green}{x_{11}} + ", truth: "holds", target: "dW",
      why: "line 166 repeated", claimed: at(1, 1, (v) => dys(v, "x11", "x12", "x21", "x22"), trueDW) },
    { line: 205, snippet: "\\begin{vmatrix}", truth: "fails",
      why: "the left-hand matrix is W itself (w_{11} … w_{22}), not the matrix of derivatives ∂L/∂w_{ij} the sentence announces; the right-hand side X * ∂L/∂Y is ∂L/∂W, which is not W" },
    { line: 225, snippet: "\\begin{vmatrix}", truth: "holds", target: "dX",
      why: "∂L/∂Y padded with one ring of zeros, correlated (the notebook's *) with W flipped both ways ([[w22, w21], [w12, w11]]), gives Σ_{pq} ∂L/∂y_{pq} w_{i-p+1,j-q+1}",
      claimed: (v, [i, j]) =>
        corr(v, [["0", "0", "0", "0"], ["0", "dy11", "dy12", "0"], ["0", "dy21", "dy22", "0"], ["0", "0", "0", "0"]], [["w22", "w21"], ["w12", "w11"]], i!, j!) },
    { line: 247, snippet: "\\frac{\\partial L}{\\partial b}", truth: "holds", target: "db",
      why: "the valid correlation of the 2×2 ∂L/∂Y with a 2×2 matrix of ones is one number, the sum of the ∂L/∂y_{ij}",
      claimed: (v) => corr(v, dY, [["1", "1"], ["1", "1"]], 1, 1) },
    { line: 265, snippet: "\\begin{vmatrix}", truth: "holds", target: "dW",
      why: "each ∂L/∂y_{ij} times the 2×2 patch of X under the window of y_{ij}, summed",
      claimed: (v, [a, b]) => {
        const patches: [string, M][] = [
          ["dy11", [["x11", "x12"], ["x21", "x22"]]],
          ["dy12", [["x12", "x13"], ["x22", "x23"]]],
          ["dy21", [["x21", "x22"], ["x31", "x32"]]],
          ["dy22", [["x22", "x23"], ["x32", "x33"]]],
        ];
        return sumQ(...patches.map(([d, P]) => qmul(tok(v, d), tok(v, P[a! - 1]![b! - 1]!))));
      } },
    { line: 298, snippet: "\\begin{vmatrix}", truth: "holds", target: "dX",
      why: "each ∂L/∂y_{ij} times W placed (zero-padded to 3×3) where its window sat, summed",
      claimed: (v, [i, j]) => {
        const placed: [string, M][] = [
          ["dy11", [["w11", "w12", "0"], ["w21", "w22", "0"], ["0", "0", "0"]]],
          ["dy12", [["0", "w11", "w12"], ["0", "w21", "w22"], ["0", "0", "0"]]],
          ["dy21", [["0", "0", "0"], ["w11", "w12", "0"], ["w21", "w22", "0"]]],
          ["dy22", [["0", "0", "0"], ["0", "w11", "w12"], ["0", "w21", "w22"]]],
        ];
        return sumQ(...placed.map(([d, P]) => qmul(tok(v, d), tok(v, P[i! - 1]![j! - 1]!))));
      } },
    { line: 336, snippet: "\\frac{\\partial L}{\\partial b}", truth: "holds", target: "db",
      why: "the sum of the four ∂L/∂y_{ij}, each times 1", claimed: (v) => dys(v, "1", "1", "1", "1") },
  ],
};
export default src;
