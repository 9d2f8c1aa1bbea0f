/**
 * Pierre Jaumier (GitHub: neodelphis), "Backpropagation in a convolutional layer": a post of July 2019 on his blog
 * neodelphis.github.io (the Markdown file _posts/2019-07-10-convnet-bp-en.md of the repository
 * neodelphis/neodelphis.github.io, read at its last change, August 2023), written while doing assignment 2 of the
 * Stanford course CS231n — the forward pass of a convolution layer with stride s and zero padding (x' the padded
 * input) in index notation, then db, dw and dx derived entry by entry, first for a 1-D example, then for a 2-D one,
 * then with channels and filters, with the Einstein summation convention.
 * Layer: the post's 2-D example — "x" 4×4, "w" 2×2, a bias b, "stride = 1 and no padding. Shape of y will be (3,3)";
 * one channel, 1-based (x_{11} … x_{44}, w_{11} … w_{22}, y_{11} … y_{33}), a cross-correlation (eq. (4):
 * y_{ij} = Σ_{k,l} w_{kl} x_{i+k−1,j+l−1} + b). dy_{ij} = ∂L/∂y_{ij} is v.dy(i, j). The post's "*" is "the convolution
 * of 2 tensors in the case of a neural network": the cross-correlation of the forward pass, a scalar Σ of element-wise
 * products when both sides have the same shape (its Notations), so x * dy is the 2×2 map Σ_{ij} x_{i+m−1,j+n−1} dy_{ij}.
 * The generic forward pass (1), with stride s, padding and sizes HH, WW, is read at this layer (s = 1, x' = x,
 * HH = WW = 2), where it is eq. (4) and holds. As written it is wrong for s > 1: at i = 1 its window starts at row
 * s·1 + 1 − 1 = s of x', not at row 1 — the 1-based index should be s(i − 1) + k (this layer, stride 1, cannot show
 * it; the post itself implements only stride 1 and says the general stride is "for another post").
 * The post's mistakes, checked here: after ∂w_{kl}/∂w_{mn} = 0 "except for (k,l) = (m,n)", it writes
 * ∂y_{ij}/∂w_{mn} = x_{i+k−1,j+l−1} (line 413) and carries it into dw_{mn} = dy_{ij} · x_{i+k−1,j+l−1} (line 420) and
 * dw_{mn} = Σ_{i,j} dy_{ij} x_{i+k−1,j+l−1} (line 423): k, l, bound by the sum of (7)'s forward pass, are left free where
 * m, n belong. Read as written, k and l are fixed (witness k = l = 1), and the kernel gradient the formula gives does
 * not depend on (m, n): it differs from the true one at every (m, n) ≠ (1, 1). And line 473 writes
 * ∂x_{i+k,j+l}/∂x_{mn} = 1 "si m = i+k−1 et n = j+l−1" (the French case words kept from the French version): the left
 * side has dropped the −1 of (7) (x_{i+k−1,j+l−1}), so as written the case condition is off by one (∂x_{i+k,j+l}/∂x_{mn}
 * is 1 when m = i + k); a statement about input entries, not a gradient of the layer, so no hand translation.
 * Not checked (not an equation verify finds): the dx_{43} example, "w : 4−i,3−j" and its matrix of w indices (lines
 * 577–593) — with (9), m = 4 gives w_{5−i,4−j}; the post's w_{4−i,3−j} is dx_{32}'s (and its w' matrix too); the
 * reference "Using formula (3)" (line 418) means (5).
 * Holds: the 2-D forward pass and its entries y_{11}, y_{12}; the Einstein-convention chain rules (db, (5), (6)),
 * read with the sum over i, j the post says it implies ("Summation on i and j"); the local derivatives (7),
 * ∂y/∂b = 1, ∂y_{ij}/∂x_{mn} = w_{m−i+1,n−j+1} with w "0-extended"; db; dw = x * dy; (9); dx_{11} written out (line 536
 * read as Σ_i of the three terms, as its next line expands it; w off its 2×2 read 0, as the post says); the padded-dy
 * full correlation with the flipped w' (lines 610, 625, 651; dy\_0 is that zero-bordered dy, w'_{ij} = w_{3−i,3−j}).
 * Other: the 1-D example (lines 97–291: a 4-vector x, a 2-tap w, a 3-vector y — another layer, all of it right); the
 * no-bias specific case (2); the matrices naming x, w, y; the multi-channel formulas (682–705: y_{fij} with C channels
 * and F filters — another layer; (10) leaves out the sum over c that its x_{c,…} needs, right only for C = 1); the
 * closing section's same-shape products (736–742); index relations and the condition (k, l) = (m, n).
 * Definitions: x' (the padded x), dy and the names dx, dw, db, w'.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, Q1, qadd, qmul, type Q } from "../../core/oracle.js";
import { at, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 4,
  K = 2,
  O = N - K + 1; // 4×4 input, 2×2 kernel, 3×3 output, stride 1, no padding

/** y_{ij} = Σ_{k,l} w_{kl} x_{i+k−1,j+l−1} + b: eq. (4). */
const fwd = (v: Access, i: number, j: number): Q =>
  qadd(
    sum(1, K, (k) => sum(1, K, (l) => qmul(v.w(k, l), v.x(i + k - 1, j + l - 1)))),
    v.b(),
  );
/** Σ_{ij} dy_{ij} x_{i+m−1,j+n−1}: the kernel gradient. */
const trueDW = (v: Access, m: number, n: number): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i + m - 1, j + n - 1))));
/** Σ_{ij} dy_{ij} w_{m−i+1,n−j+1}, w read 0 off its 2×2: the input gradient, eq. (9). */
const trueDX = (v: Access, m: number, n: number): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.w(m - i + 1, n - j + 1))));
/** Σ_{ij} dy_{ij}: the bias gradient. */
const trueDB = (v: Access): Q => sum(1, O, (i) => sum(1, O, (j) => v.dy(i, j)));

const ind = (c: boolean): Q => (c ? Q1 : Q0);

/** The zero-bordered dy ("dy_0", 5×5): entry (p, q) is dy_{p−1,q−1}, 0 on the border (v.dy reads 0 off its 3×3). */
const dy0 = (v: Access, p: number, q: number): Q => v.dy(p - 1, q - 1);
/** w'_{ab} = w_{3−a,3−b}: the "inverted filter". */
const wp = (v: Access, a: number, b: number): Q => v.w(3 - a, 3 - b);
/** dy_0 * w': the post's "*" (cross-correlation, valid) of the 5×5 dy_0 with the 2×2 w', a 4×4 map. */
const padFlip = (v: Access, [m, n]: number[]): Q =>
  sum(1, K, (a) => sum(1, K, (b) => qmul(dy0(v, m! + a - 1, n! + b - 1), wp(v, a, b))));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});
const oneD = "the 1-D example (a 4-vector x, a 2-tap w, a 3-vector y): another layer than the 2-D one checked here";
const multi =
  "the multi-channel layer (C channels, F filters, indices f, c): another layer than the 2-D one checked here";

const src: CorpusSource = {
  file: "65-neodelphis-convnet-bp-stride-pad.md",
  citation:
    'Pierre Jaumier (GitHub: neodelphis), "Backpropagation in a convolutional layer", a post of 10 July 2019 on his blog neodelphis.github.io (CS231n assignment 2), repository neodelphis/neodelphis.github.io, file _posts/2019-07-10-convnet-bp-en.md, read at commit bef2e147af97baf8775773b8e6f36710c3e7249e (4 August 2023): the whole post (forward pass with stride and padding, db, dw, dx for a 1-D and a 2-D example, then with channels)',
  url: "https://github.com/neodelphis/neodelphis.github.io/blob/bef2e147af97baf8775773b8e6f36710c3e7249e/_posts/2019-07-10-convnet-bp-en.md",
  flags: ["--input", "4x4", "--kernel", "2x2", "--op", "xcorr", "--index-base", "1", "--bias"],
  layer: {
    op: "xcorr",
    input: [N, N],
    kernel: [K, K],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "valid",
    inChannels: null,
    outChannels: null,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 1,
  },
  indexBase: 1,
  equations: [
    def(67, "x' = x", "x' names the input x with its zero padding (here none: x' = x)"),
    {
      line: 75,
      snippet: "y_{ij} = \\left (\\sum_{k=1}^{HH} \\sum_{l=1}^{WW} w_{kl} x'_{si+k-1,sj+l-1}",
      truth: "holds",
      target: "Y",
      why: "at this layer (s = 1, no padding so x' = x, HH = WW = 2) it is eq. (4), the biased cross-correlation; for s > 1 its window would start at row s, not 1 (s(i−1)+k is meant), which a stride-1 layer cannot show",
      claimed: (v, [i, j]) =>
        qadd(
          sum(1, K, (k) => sum(1, K, (l) => qmul(v.w(k, l), v.x(1 * i! + k - 1, 1 * j! + l - 1)))),
          v.b(),
        ),
    },
    other(
      79,
      "y_{ij} = \\sum_{k} \\sum_{l} w_{kl} \\cdot x_{i+k-1,j+l-1}",
      'the post\'s "specific case: stride=1, pad=0, and no bias": a layer without the bias this one has',
    ),
    def(85, "dy = \\left(\\frac{\\partial L}{\\partial y_{ij}}\\right)", "dy names the given output gradient"),
    other(97, "x = ", oneD),
    other(107, "w = ", oneD),
    other(119, "y = ", oneD),
    other(130, "y_1 = w_1 x_1 + w_2 x_2 + b", oneD),
    other(131, "y_2 = w_1 x_2 + w_2 x_3 + b", oneD),
    other(132, "y_3 = w_1 x_3 + w_2 x_4 + b", oneD),
    def(140, "dy = \\frac{\\partial L}{\\partial y}", "dy names the given output gradient"),
    other(148, "dy = ", oneD),
    other(153, "dy = ", oneD),
    other(163, "dy = (dy_1 , dy_2 , dy_3)", oneD),
    def(168, "dx=\\frac{\\partial L}{\\partial x}", "names the input gradient dx"),
    def(168, "dw=\\frac{\\partial L}{\\partial w}", "names the kernel gradient dw"),
    def(168, "db=\\frac{\\partial L}{\\partial b}", "names the bias gradient db"),
    other(172, "db=\\frac{\\partial L}{\\partial y}\\cdot \\frac{\\partial y}{\\partial b}", oneD),
    other(177, "db", oneD),
    other(192, "db=dy_1+dy_2+dy_3", oneD),
    other(196, "dw=\\frac{\\partial L}{\\partial y}\\cdot \\frac{\\partial y}{\\partial w}", oneD),
    other(199, "\\frac{\\partial y}{\\partial w}", oneD),
    other(209, "\\frac{\\partial y}{\\partial w}", oneD),
    other(233, "dw_1 = x_1 dy_1 + x_2 dy_2 + x_3 dy_3", oneD),
    other(234, "dw_2 = x_2 dy_1 + x_3 dy_2 + x_4 dy_3", oneD),
    other(240, "dw = ", oneD),
    other(257, "dx=\\frac{\\partial L}{\\partial y}\\cdot \\frac{\\partial y}{\\partial x}", oneD),
    other(260, "\\frac{\\partial y}{\\partial x}", oneD),
    other(270, "\\frac{\\partial y}{\\partial x}", oneD),
    other(281, "dx_1 = w_1 dy_1", oneD),
    other(282, "dx_2 = w_2 dy_1 + w_1 dy_2", oneD),
    other(283, "dx_3 = w_2 dy_2 + w_1 dy_3", oneD),
    other(284, "dx_4 = w_2 dy_3", oneD),
    other(291, "dx = ", oneD),
    other(314, "x = ", "the matrix of the input's entries: notation"),
    other(324, "w = ", "the matrix of the kernel's entries: notation"),
    other(338, "y = ", "the matrix of the output's entries: notation"),
    {
      line: 351,
      snippet: "y_{11} = w_{11} x_{11} + w_{12} x_{12} + w_{21} x_{21} + w_{22} x_{22} + b",
      truth: "holds",
      target: "Y",
      why: "the first window of the 4×4 input under the 2×2 kernel, plus the bias",
      claimed: at(
        1,
        1,
        (v) =>
          qadd(
            sum(0, 3, (t) => qmul(v.w(1 + (t >> 1), 1 + (t & 1)), v.x(1 + (t >> 1), 1 + (t & 1)))),
            v.b(),
          ),
        fwd,
      ),
    },
    {
      line: 352,
      snippet: "y_{12} = w_{11} x_{12} + w_{12} x_{13} + w_{21} x_{22} + w_{22} x_{23} + b",
      truth: "holds",
      target: "Y",
      why: "the window one column to the right, plus the bias",
      claimed: at(
        1,
        2,
        (v) =>
          qadd(
            sum(0, 3, (t) => qmul(v.w(1 + (t >> 1), 1 + (t & 1)), v.x(1 + (t >> 1), 2 + (t & 1)))),
            v.b(),
          ),
        fwd,
      ),
    },
    {
      line: 358,
      snippet: "y_{ij} = \\left (\\sum_{k=1}^{2} \\sum_{l=1}^{2} w_{kl} x_{i+k-1,j+l-1}",
      truth: "holds",
      target: "Y",
      why: "the stride-1 cross-correlation of the 4×4 input with the 2×2 kernel, plus the bias, for (i, j) ∈ {1,2,3}²",
      claimed: (v, [i, j]) => fwd(v, i!, j!),
    },
    def(365, "dy_{ij} = \\frac{\\partial L}{\\partial y_{ij}}", "dy_{ij} names the given output gradient's entries"),
    {
      line: 372,
      snippet: "db = dy_{ij}\\cdot\\frac{\\partial y_{ij}}{\\partial b}",
      truth: "holds",
      target: "db",
      why: "the chain rule over every output, with the post's summation on i and j (Einstein convention, stated above it); ∂y_{ij}/∂b = 1",
      claimed: (v) => sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), Q1))),
    },
    {
      line: 377,
      snippet: "\\frac{\\partial y_{ij}}{\\partial b}=1",
      truth: "holds",
      target: "db",
      why: "b is added once to every y_{ij}; checked through line 372's chain rule: Σ_{ij} dy_{ij} · 1 is the bias gradient",
      claimed: (v) => sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), Q1))),
    },
    {
      line: 381,
      snippet: "db = \\sum_{i=1}^3 \\sum_{j=1}^3 dy_{ij}",
      truth: "holds",
      target: "db",
      why: "the bias gradient: the sum of the 3×3 output gradient",
      claimed: (v) => trueDB(v),
    },
    {
      line: 386,
      snippet: "dw=\\frac{\\partial L}{\\partial y_{ij}}\\cdot \\frac{\\partial y_{ij}}{\\partial w}",
      truth: "holds",
      target: "dW",
      why: "the chain rule for the whole kernel, summed on i, j (the post's convention): entry (m, n) is Σ_{ij} dy_{ij} x_{i+m−1,j+n−1}",
      claimed: (v, [m, n]) => trueDW(v, m!, n!),
    },
    {
      line: 388,
      snippet: "dw_{mn} = dy_{ij}\\cdot\\frac{\\partial y_{ij}}{\\partial w_{mn}}",
      truth: "holds",
      target: "dW",
      why: "eq. (5): the chain rule over the outputs, summed on i, j; ∂y_{ij}/∂w_{mn} = x_{i+m−1,j+n−1}",
      claimed: (v, [m, n]) => sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i + m! - 1, j + n! - 1)))),
    },
    {
      line: 397,
      snippet: "\\frac{\\partial y_{ij}}{\\partial w_{mn}}",
      truth: "holds",
      target: "dW",
      why: "differentiating (4) term by term: ∂w_{kl}/∂w_{mn} is 1 at (k, l) = (m, n), else 0; checked through (5): Σ_{ij} dy_{ij} times it is the kernel gradient",
      claimed: (v, [m, n]) =>
        sum(1, O, (i) =>
          sum(1, O, (j) =>
            qmul(
              v.dy(i, j),
              sum(1, K, (k) => sum(1, K, (l) => qmul(ind(k === m && l === n), v.x(i + k - 1, j + l - 1)))),
            ),
          ),
        ),
    },
    other(
      405,
      "\\frac{\\partial w_{kl}}{\\partial w_{mn}} = 0",
      "a fact about kernel entries, true for (k, l) ≠ (m, n) — the condition the next sentence gives in words",
    ),
    other(408, "(k,l) = (m,n)", "the condition of the exception, an index relation"),
    {
      line: 413,
      snippet: "\\frac{\\partial y_{ij}}{\\partial w_{mn}}",
      truth: "fails",
      target: "dW",
      why: "∂y_{ij}/∂w_{mn} is x_{i+m−1,j+n−1}: the written x_{i+k−1,j+l−1} keeps the summation indices k, l of (7) where m, n belong; read as written (k, l fixed, witness k = l = 1), Σ_{ij} dy_{ij} times it does not depend on (m, n) and is not the kernel gradient",
      claimed: (v) => sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i + 1 - 1, j + 1 - 1)))),
    },
    {
      line: 420,
      snippet: "dw_{mn} = dy_{ij} \\cdot x_{i+k-1,j+l-1}",
      truth: "fails",
      target: "dW",
      why: "the same slip carried into (5): summed on i, j (the convention), dw_{mn} is Σ_{ij} dy_{ij} x_{i+m−1,j+n−1}; with k, l where m, n belong (witness k = l = 1) the right side is one number for every (m, n)",
      claimed: (v) => sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i, j)))),
    },
    {
      line: 423,
      snippet: "dw_{mn} = \\sum_{i=1}^3 \\sum_{j=1}^3 dy_{ij} \\cdot x_{i+k-1,j+l-1}",
      truth: "fails",
      target: "dW",
      why: "the kernel gradient is Σ_{i,j} dy_{ij} x_{i+m−1,j+n−1}; the written x_{i+k−1,j+l−1} has k, l free, not m, n (witness k = l = 1: the same value at every (m, n))",
      claimed: (v) => sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i, j)))),
    },
    {
      line: 429,
      snippet: "dw = ",
      truth: "holds",
      target: "dW",
      why: "the 4×4 x slid under the 3×3 dy (the post's *: cross-correlation, valid): entry (m, n) is Σ_{ij} x_{i+m−1,j+n−1} dy_{ij}, the kernel gradient",
      claimed: (v, [m, n]) => sum(1, O, (i) => sum(1, O, (j) => qmul(v.x(i + m! - 1, j + n! - 1), v.dy(i, j)))),
    },
    {
      line: 445,
      snippet: "dw = x * dy",
      truth: "holds",
      target: "dW",
      why: "the same: x cross-correlated with dy is the kernel gradient",
      claimed: (v, [m, n]) => sum(1, O, (i) => sum(1, O, (j) => qmul(v.x(i + m! - 1, j + n! - 1), v.dy(i, j)))),
    },
    {
      line: 453,
      snippet: "dx_{mn} = dy_{ij}\\cdot\\frac{\\partial y_{ij}}{\\partial x_{mn}}",
      truth: "holds",
      target: "dX",
      why: "eq. (6): the chain rule over the outputs, summed on i, j; ∂y_{ij}/∂x_{mn} = w_{m−i+1,n−j+1} (0 off the kernel)",
      claimed: (v, [m, n]) => trueDX(v, m!, n!),
    },
    {
      line: 465,
      snippet: "\\frac{\\partial y_{ij}}{\\partial x_{mn}}",
      truth: "holds",
      target: "dX",
      why: "eq. (7): differentiating (4) term by term; checked through (6): Σ_{ij} dy_{ij} Σ_{kl} w_{kl} [i+k−1 = m][j+l−1 = n] is the input gradient",
      claimed: (v, [m, n]) =>
        sum(1, O, (i) =>
          sum(1, O, (j) =>
            qmul(
              v.dy(i, j),
              sum(1, K, (k) => sum(1, K, (l) => qmul(v.w(k, l), ind(i + k - 1 === m && j + l - 1 === n)))),
            ),
          ),
        ),
    },
    {
      line: 473,
      snippet: "\\frac{\\partial x_{i+k,j+l}}{\\partial x_{mn}}",
      truth: "fails",
      why: "∂x_{i+k,j+l}/∂x_{mn} is 1 when m = i + k and n = j + l; the written condition m = i+k−1, n = j+l−1 is that of x_{i+k−1,j+l−1}, the entry (7) has — the left side dropped its −1 (a statement about input entries, not a gradient: no hand translation)",
    },
    other(481, "\\begin{cases}", "an index relation (which x entry is x_{mn})"),
    other(489, "\\begin{cases}", "an index relation, (8)"),
    other(506, "k=m-i+1", "an index relation in the text"),
    {
      line: 517,
      snippet: "\\frac{\\partial y_{ij}}{\\partial x_{mn}}",
      truth: "holds",
      target: "dX",
      why: "x_{mn} enters y_{ij} under w_{m−i+1,n−j+1} (w extended with 0, as the post says); checked through (6)",
      claimed: (v, [m, n]) => sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.w(m! - i + 1, n! - j + 1)))),
    },
    {
      line: 527,
      snippet: "dx_{mn} = \\sum_{i=1}^3 \\sum_{j=1}^3 dy_{ij} \\cdot w_{m-i+1,n-j+1}",
      truth: "holds",
      target: "dX",
      why: "eq. (9), the stride-1 input gradient, w 0-extended",
      claimed: (v, [m, n]) => trueDX(v, m!, n!),
    },
    {
      line: 535,
      snippet: "dx_{11} &= \\sum_{i=1}^3 \\sum_{j=1}^3 dy_{ij} \\cdot w_{2-i,2-j}",
      truth: "holds",
      target: "dX",
      why: "(9) at m = n = 1: w_{1−i+1,1−j+1} = w_{2−i,2−j}",
      claimed: at(1, 1, (v) => sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.w(2 - i, 2 - j)))), trueDX),
    },
    {
      line: 536,
      snippet: "&= \\sum_{i=1}^3",
      truth: "holds",
      target: "dX",
      why: "the sum over j written out, j = 1, 2, 3 giving w_{2−i,1}, w_{2−i,0}, w_{2−i,−1} (the Σ_i read over all three terms, as the next line expands it)",
      claimed: at(1, 1, (v) => sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.w(2 - i, 2 - j)))), trueDX),
    },
    {
      line: 540,
      snippet: "&= dy_{11} w_{1,1} + dy_{12} w_{1,0} + dy_{13} w_{1,-1}",
      truth: "holds",
      target: "dX",
      why: "the nine terms; every w index other than (1, 1) is off the 2×2 kernel, 0: dx_{11} = dy_{11} w_{11}, right",
      claimed: at(1, 1, (v) => sum(1, 3, (i) => sum(1, 3, (j) => qmul(v.dy(i, j), v.w(2 - i, 2 - j)))), trueDX),
    },
    {
      line: 549,
      snippet: "dx_{11} = dy * ",
      truth: "holds",
      target: "dX",
      why: "dy and the 3×3 matrix share a shape, so * is the scalar Σ of their element-wise product (the post's Notations): dy_{11} w_{11}, the input gradient at (1, 1)",
      claimed: at(1, 1, (v) => qmul(v.dy(1, 1), v.w(1, 1)), trueDX),
    },
    def(607, "w'_{ij}=w_{3-i,3-j}", 'names the "inverted filter" w\', the 2×2 kernel turned by 180°'),
    {
      line: 610,
      snippet: "dx = ",
      truth: "holds",
      target: "dX",
      why: "dy bordered with one row and column of zeros (5×5), slid under w' = [[w22, w21], [w12, w11]]: entry (m, n) is Σ_{ab} dy_{m+a−2,n+b−2} w_{3−a,3−b} = Σ_{ij} dy_{ij} w_{m−i+1,n−j+1}, the input gradient",
      claimed: padFlip,
    },
    {
      line: 625,
      snippet: "dx = dy\\_0 * w'",
      truth: "holds",
      target: "dX",
      why: "the same in names: dy\\_0 the zero-bordered dy, w' the inverted filter of line 607",
      claimed: padFlip,
    },
    {
      line: 630,
      snippet: "db = \\sum_{i=1}^3 \\sum_{j=1}^3 dy_{ij}",
      truth: "holds",
      target: "db",
      why: "the summary's bias gradient",
      claimed: (v) => trueDB(v),
    },
    {
      line: 634,
      snippet: "dw = ",
      truth: "holds",
      target: "dW",
      why: "the summary's kernel gradient, x * dy",
      claimed: (v, [m, n]) => trueDW(v, m!, n!),
    },
    {
      line: 651,
      snippet: "dx = ",
      truth: "holds",
      target: "dX",
      why: "the summary's input gradient, dy_0 * w'",
      claimed: padFlip,
    },
    other(
      682,
      "y_{fij} = \\sum_{k} \\sum_{l} w_{fckl}",
      multi + "; as written (10) has no sum over c, the channel its x_{c,…} and w_{fckl} need — right only for C = 1",
    ),
    other(690, "db_f = dy_{fij}", multi),
    other(694, "db_f = \\sum_{i} \\sum_{j} dy_{fij}", multi),
    other(699, "dw_{fckl} = dy_{fij}", multi),
    other(703, "\\frac{\\partial y_{fij}}{\\partial w_{fckl}} = x_{c,i+k-1,j+l-1}", multi),
    other(705, "dw_{fckl} = dy_{fij}\\cdot x_{c,i+k-1,j+l-1}", multi),
    other(
      736,
      "y = x * w",
      "the closing section's x and w of the same shape (one window), y a scalar: not the layer's tensors",
    ),
    other(
      741,
      "dx = w . dy",
      "the closing section's one-window contribution (dy a scalar there), accumulated over windows in its code",
    ),
    other(
      742,
      "dw = x . dy",
      "the closing section's one-window contribution (dy a scalar there), accumulated over windows in its code",
    ),
  ],
};
export default src;
