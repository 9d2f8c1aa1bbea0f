/**
 * Oscar Stanchi, «18. Capa Convolucional» (Spanish): the convolutional-layer guide of edunn, Facundo Quiroga's
 * teaching library (UNLP) in which students re-implement a PyTorch-like framework, Jupyter notebook
 * guides/es/18. Capa Convolucional.ipynb of facundoq/edunn (read at the September 2025 commit; the backward cells
 * unchanged since January 2024) — the forward pass in index notation, a worked example (3×3 input, 2×2 filter),
 * the gradients δE/δw and δE/δx entry by entry, and the general rules (δE/δw = x ⊛ δE/δy, δE/δx = full
 * convolution of δE/δy with the 180°-rotated filter).
 * Layer: the guide's example of «SIN stride o padding» — x ∈ ℝ^{3×3}, w ∈ ℝ^{2×2}, y 2×2, stride 1, no padding,
 * 1-based (x_{11} … x_{33}), one channel. No bias: the guide treats the bias as a separate layer
 * ("x -> Convolution -> Bias -> y", "seguida de una adición de Bias si se desea") and its example's y_{ij} have none.
 * Its ⊛ is cross-correlation, by its own definitions (lines 11, 29: y[n] = Σ_k w[k] x[n+k]) and by the example
 * (line 110: y_{11} = x_{11}w_{11} + x_{12}w_{12} + …). E is the error; ∂E/∂y_{ij} (also written δE/δy) is
 * v.dy(i, j). ⊛ with a gradient as its second operand is the same sliding product: x ⊛ δE/δy (line 149) is δE/δy
 * slid over x; the "full-convolution" of line 181 pads δE/δy with F − 1 = 1 ring of zeros ("se aplica padding a la
 * entrada de tal manera que la dimensión de la salida sea la misma que la de la entrada") and slides rot180{w}
 * over it; the middle member of that line, the bare 2×2 ⊛ 2×2, is read as the same full-convolution the sentence
 * before announces (read literally, without the padding, it would be one number, not δE/δx).
 * The guide's mistakes:
 *  - δE/δx_{23} (line 168) pairs ∂E/∂y_{22} with w_{11}: in y_{22} = x_{22}w_{11} + x_{23}w_{12} + … (line 113)
 *    x_{23} is multiplied by w_{12}. (Its ∂E/∂y_{12} w_{22} term is right.)
 *  - The TIP (line 86) says the convolution can "also" be written as the cross-correlation of x with rot180{w}:
 *    y = x ⊛ w ⇔ x ⋆ [[w_{22}, w_{21}], [w_{12}, w_{11}]] = y. That is true of a true convolution, but the guide's ⊛
 *    is itself the cross-correlation (lines 11, 29, 110–113): sliding the rotated filter gives
 *    x_{11}w_{22} + x_{12}w_{21} + … ≠ y_{11}. The first link y = x ⊛ w holds; the stated equivalence does not.
 * Everything else holds: the chain rules over all outputs (lines 98, 100; the sums run over the output positions
 * i, j, and ∂y_{ij}/∂x_{mn} is 0 where x_{mn} is not in y_{ij}'s window), the example's forward pass (110–113), the
 * four chain rules of δE/δw (122–128) and their closed forms (136–142), x ⊛ δE/δy (149), the other eight entries of
 * δE/δx (158–174), and the full-convolution rule (181), and the size formula (line 64: ⌊(3 − 2 + 0)/1⌋ + 1 = 2).
 * Definitions: ⊛ in 1-D (line 11, sequences, not this layer) and in the batch/channel form y[l,m,i,j] (line 29,
 * the guide's definition of its operation, with the channel sum written as ":" and the ranges of a, b unstated).
 * Not found by verify, so not listed: the inline x ⊛ w + b of line 75.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { at, chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 3,
  K = 2,
  O = N - K + 1;

/** y_{ij} = Σ_{a,b} w_{ab} x_{i+a-1, j+b-1}. */
const fwd = (v: Access, i: number, j: number): Q =>
  sum(1, K, (a) => sum(1, K, (b) => qmul(v.w(a, b), v.x(i + a - 1, j + b - 1))));
/** ∂E/∂w_{mn} = Σ_{i,j} ∂E/∂y_{ij} x_{i+m-1, j+n-1}. */
const trueDW = (v: Access, m: number, n: number): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i + m - 1, j + n - 1))));
/** ∂E/∂x_{mn} = Σ_{i,j} ∂E/∂y_{ij} w_{m-i+1, n-j+1} (w zero outside 1..2). */
const trueDX = (v: Access, m: number, n: number): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.w(m - i + 1, n - j + 1))));

type P = [[number, number], [number, number]];
/** Σ x_{..} w_{..} as written. */
const xW =
  (terms: P[]) =>
  (v: Access): Q =>
    sum(0, terms.length - 1, (t) => qmul(v.x(...terms[t]![0]), v.w(...terms[t]![1])));
/** Σ ∂E/∂y_{..} x_{..} as written. */
const dyX =
  (terms: P[]) =>
  (v: Access): Q =>
    sum(0, terms.length - 1, (t) => qmul(v.dy(...terms[t]![0]), v.x(...terms[t]![1])));
/** Σ ∂E/∂y_{..} w_{..} as written (the terms written "· 0" contribute nothing and are left out). */
const dyW =
  (terms: P[]) =>
  (v: Access): Q =>
    sum(0, terms.length - 1, (t) => qmul(v.dy(...terms[t]![0]), v.w(...terms[t]![1])));

const out = (line: number, p: number, q: number, terms: P[]): TruthEquation => ({
  line,
  snippet: `y_{${p}${q}} &= `,
  truth: "holds",
  target: "Y",
  claimed: at(p, q, xW(terms), fwd),
  why: `the window of y_{${p}${q}} starts at x_{${p}${q}}, each entry times the filter entry at the same place (cross-correlation, stride 1, no padding)`,
});
/** Lines 122–128: ∂E/∂w_{ab} = Σ_{ij} ∂E/∂y_{ij} ∂y_{ij}/∂w_{ab}, the four outputs written out. */
const chainW = (line: number, a: number, b: number): TruthEquation => ({
  line,
  snippet: `\\frac{\\partial E}{\\partial w_{${a}${b}}} &= \\frac{\\partial E}{\\partial y_{11}} \\frac{\\partial y_{11}}{\\partial w_{${a}${b}}}`,
  truth: "holds",
  target: "dW",
  why: `w_{${a}${b}} enters all four outputs: the chain rule over them, each ∂y_{ij}/∂w_{${a}${b}} = x_{i+${a - 1},j+${b - 1}}`,
  claimed: at(a, b, (v) => sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i + a - 1, j + b - 1)))), trueDW),
});
const simpW = (line: number, a: number, b: number, terms: P[]): TruthEquation => ({
  line,
  snippet: `\\frac{\\partial E}{\\partial w_{${a}${b}}} &= \\frac{\\partial E}{\\partial y_{11}} x_{`,
  truth: "holds",
  target: "dW",
  why: `in y_{11}, y_{12}, y_{21}, y_{22} (lines 110–113) w_{${a}${b}} multiplies x_{${a}${b}}, x_{${a}${b + 1}}, x_{${a + 1}${b}}, x_{${a + 1}${b + 1}}`,
  claimed: at(a, b, dyX(terms), trueDW),
});
const dx = (
  line: number,
  r: number,
  c: number,
  terms: P[],
  why: string,
  truth: "holds" | "fails" = "holds",
): TruthEquation => ({
  line,
  snippet: `\\frac{\\partial E}{\\partial x_{${r}${c}}}&=`,
  truth,
  target: "dX",
  why,
  claimed: at(r, c, dyW(terms), trueDX),
});

const src: CorpusSource = {
  file: "41-stanchi-edunn-conv-layer-es.md",
  citation:
    "Oscar Stanchi, «18. Capa Convolucional» (Spanish), the convolutional-layer guide of edunn (Facundo Quiroga's teaching library, UNLP), Jupyter notebook guides/es/18. Capa Convolucional.ipynb of the repository facundoq/edunn (added 31 December 2023; backward cells last changed 3 January 2024, commit 2208186a0832ba01cfa34a6e43cd438210a00ac6), read at commit 35707cb92f6753448653cf1e2df27402b3ff43af (23 September 2025): sections «Capa Convolucional 1D» to «SIN stride o padding» (forward pass, worked 3×3/2×2 example, δE/δw and δE/δx entry by entry, the general rules)",
  url: "https://github.com/facundoq/edunn/blob/35707cb92f6753448653cf1e2df27402b3ff43af/guides/es/18.%20Capa%20Convolucional.ipynb",
  flags: ["--input", "3x3", "--kernel", "2x2", "--op", "xcorr", "--index-base", "1"],
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
    bias: false,
    indexBase: 1,
  },
  indexBase: 1,
  equations: [
    {
      line: 11,
      snippet: "y[n] = (x \\circledast w) = \\sum_{k} w[k] \\cdot x[n+k]",
      truth: "definition",
      why: "the guide's definition of its 1-D ⊛ (a cross-correlation of sequences), not a statement about this 2-D layer",
    },
    {
      line: 29,
      snippet: "y[l,m,i,j] = (x \\circledast w) = \\sum_{a}\\sum_{b} w[m,:,a,b] \\cdot x[l,:,i+a,j+b]",
      truth: "definition",
      why: 'the guide\'s definition of its 2-D ⊛ in batch/channel form ("la operación de convolución se puede expresar como"), the channel sum written as ":" and the ranges of a, b left unstated',
    },
    {
      line: 64,
      snippet: "A_{out} &= \\left\\lfloor \\frac{A_{in} - F + 2P}{S} \\right\\rfloor + 1",
      truth: "holds",
      target: "size",
      why: "the output size of a padded, strided window: here ⌊(3 − 2 + 0)/1⌋ + 1 = 2, the example's 2×2 y",
    },
    {
      line: 86,
      snippet: "y = \\left( \\begin{bmatrix} x_{11} & x_{12} & x_{13}",
      truth: "fails",
      target: "Y",
      why: "the TIP's x ⋆ rot180{w} (the rotated filter [[w22, w21], [w12, w11]] slid over x) gives x_{11}w_{22} + x_{12}w_{21} + …, the true convolution, while the guide's y = x ⊛ w is the cross-correlation (lines 11, 29, 110: y_{11} = x_{11}w_{11} + …): the first link holds, the claimed equivalence does not",
      claimed: (v, [i, j]) =>
        chain(
          fwd(v, i!, j!),
          sum(1, K, (a) => sum(1, K, (b) => qmul(v.w(K + 1 - a, K + 1 - b), v.x(i! + a - 1, j! + b - 1)))),
        ),
    },
    {
      line: 98,
      snippet:
        "\\frac{\\partial E}{\\partial x_{mn}}=\\sum_{ij}\\frac{\\partial E}{\\partial y_{ij}}\\frac{\\partial y_{ij}}{\\partial x_{mn}}",
      truth: "holds",
      target: "dX",
      why: "the chain rule over all outputs y_{ij}; ∂y_{ij}/∂x_{mn} = w_{m−i+1,n−j+1}, 0 where x_{mn} is outside y_{ij}'s window",
      claimed: (v, [m, n]) => sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.w(m! - i + 1, n! - j + 1)))),
    },
    {
      line: 100,
      snippet:
        "\\frac{\\partial E}{\\partial w_{mn}}=\\sum_{ij}\\frac{\\partial E}{\\partial y_{ij}}\\frac{\\partial y_{ij}}{\\partial w_{mn}}",
      truth: "holds",
      target: "dW",
      why: "the chain rule over all outputs y_{ij}; ∂y_{ij}/∂w_{mn} = x_{i+m−1,j+n−1}",
      claimed: (v, [m, n]) => sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i + m! - 1, j + n! - 1)))),
    },
    out(110, 1, 1, [
      [
        [1, 1],
        [1, 1],
      ],
      [
        [1, 2],
        [1, 2],
      ],
      [
        [2, 1],
        [2, 1],
      ],
      [
        [2, 2],
        [2, 2],
      ],
    ]),
    out(111, 1, 2, [
      [
        [1, 2],
        [1, 1],
      ],
      [
        [1, 3],
        [1, 2],
      ],
      [
        [2, 2],
        [2, 1],
      ],
      [
        [2, 3],
        [2, 2],
      ],
    ]),
    out(112, 2, 1, [
      [
        [2, 1],
        [1, 1],
      ],
      [
        [2, 2],
        [1, 2],
      ],
      [
        [3, 1],
        [2, 1],
      ],
      [
        [3, 2],
        [2, 2],
      ],
    ]),
    out(113, 2, 2, [
      [
        [2, 2],
        [1, 1],
      ],
      [
        [2, 3],
        [1, 2],
      ],
      [
        [3, 2],
        [2, 1],
      ],
      [
        [3, 3],
        [2, 2],
      ],
    ]),
    chainW(122, 1, 1),
    chainW(124, 1, 2),
    chainW(126, 2, 1),
    chainW(128, 2, 2),
    simpW(136, 1, 1, [
      [
        [1, 1],
        [1, 1],
      ],
      [
        [1, 2],
        [1, 2],
      ],
      [
        [2, 1],
        [2, 1],
      ],
      [
        [2, 2],
        [2, 2],
      ],
    ]),
    simpW(138, 1, 2, [
      [
        [1, 1],
        [1, 2],
      ],
      [
        [1, 2],
        [1, 3],
      ],
      [
        [2, 1],
        [2, 2],
      ],
      [
        [2, 2],
        [2, 3],
      ],
    ]),
    simpW(140, 2, 1, [
      [
        [1, 1],
        [2, 1],
      ],
      [
        [1, 2],
        [2, 2],
      ],
      [
        [2, 1],
        [3, 1],
      ],
      [
        [2, 2],
        [3, 2],
      ],
    ]),
    simpW(142, 2, 2, [
      [
        [1, 1],
        [2, 2],
      ],
      [
        [1, 2],
        [2, 3],
      ],
      [
        [2, 1],
        [3, 2],
      ],
      [
        [2, 2],
        [3, 3],
      ],
    ]),
    {
      line: 149,
      snippet: "\\frac{\\delta E}{\\delta w} = \\begin{bmatrix} x_{11} & x_{12} & x_{13}",
      truth: "holds",
      target: "dW",
      why: "x ⊛ δE/δy with the guide's ⊛ (Σ w[k] x[n+k], δE/δy in the filter's place): entry (m, n) is Σ_{ij} ∂E/∂y_{ij} x_{i+m−1,j+n−1}, the four closed forms above",
      claimed: (v, [m, n]) => trueDW(v, m!, n!),
    },
    dx(
      158,
      1,
      1,
      [
        [
          [1, 1],
          [1, 1],
        ],
      ],
      "x_{11} is only in y_{11}, times w_{11}",
    ),
    dx(
      160,
      1,
      2,
      [
        [
          [1, 1],
          [1, 2],
        ],
        [
          [1, 2],
          [1, 1],
        ],
      ],
      "x_{12} is in y_{11} (times w_{12}) and y_{12} (times w_{11})",
    ),
    dx(
      162,
      1,
      3,
      [
        [
          [1, 2],
          [1, 2],
        ],
      ],
      "x_{13} is only in y_{12}, times w_{12}",
    ),
    dx(
      164,
      2,
      1,
      [
        [
          [1, 1],
          [2, 1],
        ],
        [
          [2, 1],
          [1, 1],
        ],
      ],
      "x_{21} is in y_{11} (times w_{21}) and y_{21} (times w_{11})",
    ),
    dx(
      166,
      2,
      2,
      [
        [
          [1, 1],
          [2, 2],
        ],
        [
          [1, 2],
          [2, 1],
        ],
        [
          [2, 1],
          [1, 2],
        ],
        [
          [2, 2],
          [1, 1],
        ],
      ],
      "x_{22} is in all four outputs, with w_{22}, w_{21}, w_{12}, w_{11}",
    ),
    dx(
      168,
      2,
      3,
      [
        [
          [1, 2],
          [2, 2],
        ],
        [
          [2, 2],
          [1, 1],
        ],
      ],
      "x_{23} is in y_{12} times w_{22} and in y_{22} times w_{12} (lines 111, 113); the guide pairs ∂E/∂y_{22} with w_{11} instead of w_{12}",
      "fails",
    ),
    dx(
      170,
      3,
      1,
      [
        [
          [2, 1],
          [2, 1],
        ],
      ],
      "x_{31} is only in y_{21}, times w_{21}",
    ),
    dx(
      172,
      3,
      2,
      [
        [
          [2, 1],
          [2, 2],
        ],
        [
          [2, 2],
          [2, 1],
        ],
      ],
      "x_{32} is in y_{21} (times w_{22}) and y_{22} (times w_{21})",
    ),
    dx(
      174,
      3,
      3,
      [
        [
          [2, 2],
          [2, 2],
        ],
      ],
      "x_{33} is only in y_{22}, times w_{22}",
    ),
    {
      line: 181,
      snippet: "\\frac{\\delta E}{\\delta x} = \\begin{bmatrix} \\frac{\\partial E}{\\partial y_{11}}",
      truth: "holds",
      target: "dX",
      why: "the full-convolution the guide describes: δE/δy padded with F − 1 = 1 ring of zeros and slid over by rot180{w} = [[w22, w21], [w12, w11]]; at (m, n) it is Σ_{a,b} ∂E/∂y_{m+a−2,n+b−2} w_{3−a,3−b} = Σ_{ij} ∂E/∂y_{ij} w_{m−i+1,n−j+1}",
      claimed: (v, [m, n]) =>
        sum(1, K, (a) => sum(1, K, (b) => qmul(v.dy(m! + a - 2, n! + b - 2), v.w(K + 1 - a, K + 1 - b)))),
    },
  ],
};
export default src;
