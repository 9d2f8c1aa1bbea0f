/**
 * Aditya Agrawal, "Back Propagation in Dilated Convolution Layer": a post of 21 January 2018 on his website
 * (adityaagrawal.net, blog section deep_learning) — the forward pass of a valid dilated convolution written out
 * entry by entry for a 4×4 input and a 2×2 filter at dilation 2, then the weight gradient and the input gradient,
 * each as a chain of matrices: the chain rule, its entries read off the forward pass, and a convolution (the
 * weight gradient a valid convolution of X and ∂L/∂Y with stride = dilation; the input gradient a full
 * convolution of the dilated, row and column reversed W with ∂L/∂Y).
 * Layer: the post's own example — X 4×4 (x_1 … x_16), W 2×2 (w_1 … w_4), horizontal and vertical dilation
 * I = J = 2, stride 1, no padding ("valid"), so Y is 2×2 (y_1 … y_4); one channel, no bias (the post has none),
 * 1-based. Entries are numbered row by row: entry k of a matrix with c columns is row ⌊(k − 1)/c⌋ + 1, column
 * (k − 1) mod c + 1 (x_k with c = 4; w_k, y_k, ∂L/∂y_k with c = 2). The post's "convolution" is a
 * cross-correlation, as its written-out forward pass shows: y_1 = w_1x_1 + w_2x_3 + w_3x_9 + w_4x_{11} puts w_1
 * on the window's first entry (Y = X ⋆ dilate(W, 2)). ∂L/∂y_k is v.dy at y_k's row and column.
 * Transcription: the page's TeX is not stored, only its rendered text (∂, fraction bars and the operator between
 * two matrices dropped); the .md retypes it (see its Note), with ∗ for the dropped operator and the matrices in
 * the example's rows. Every ∗ is judged as the post's prose says it is: line 10, the forward pass "a valid
 * dilated convolution between X and W" with the dilations I = J = 2 just set, spelled out by lines 14–20; line 28's
 * last link "a strided valid convolution between X and ∂L/∂Y where the horizontal stride is equal to the horizontal
 * dilation" (∂L/∂Y the 2×2 kernel slid over X by 2); line 36's last link the full convolution (∂L/∂Y padded by 2)
 * whose 3×3 kernel is the dilated, row and column reversed W the post writes out.
 * Everything written about the 4×4 input holds: the forward pass (10, 14–20), the weight-gradient chain (28) and
 * every link of the input-gradient chain (36) at each of X's sixteen entries. The post's one slip: the first
 * matrix of line 36, the names ∂L/∂x_k, runs to ∂L/∂x_{20} — twenty entries (laid out in rows of four in the
 * transcription) for a sixteen-entry X; ∂L/∂x_{17} … ∂L/∂x_{20} name no entry of the layer and the links after
 * it are 4×4, so the slip is in the names only and a check on X's entries cannot see it (judged holds on the 16).
 * Line 40, [w_4 w_3; w_2 w_1] = J_2 W J_2, is a true matrix identity (the exchange matrix reverses rows, then
 * columns) but says nothing about the gradients: other. I = 2, J = 2 (line 8) are the example's dilations.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource } from "./types.js";

const N = 4,
  K = 2,
  D = 2,
  O = 2; // 4×4 input, 2×2 filter, dilation 2, output 4 − (2(2 − 1) + 1) + 1 = 2

/** Row and column of entry number k of a matrix with `cols` columns, numbered row by row from 1. */
const rc = (k: number, cols: number): [number, number] => [Math.floor((k - 1) / cols) + 1, ((k - 1) % cols) + 1];
const xk = (v: Access, k: number): Q => v.x(...rc(k, N));
const wk = (v: Access, k: number): Q => v.w(...rc(k, K));
const yk = (v: Access, k: number): Q => v.y(...rc(k, O));
const dyk = (v: Access, k: number): Q => v.dy(...rc(k, O));
/** The entry number of (row, column) in a matrix with `cols` columns. */
const num = (r: number, c: number, cols: number): number => (r - 1) * cols + c;

/** Y_{pq} = Σ_{a,b} W_{ab} X_{p+2(a−1), q+2(b−1)}: the dilated cross-correlation lines 14–20 write out. */
const fwd = (v: Access, p: number, q: number): Q =>
  sum(1, K, (a) => sum(1, K, (b) => qmul(v.w(a, b), v.x(p + D * (a - 1), q + D * (b - 1)))));
/** ∂y_k/∂w_j read off that forward pass: the x under w_j in y_k. */
const dydw = (v: Access, k: number, j: number): Q => {
  const [p, q] = rc(k, O),
    [a, b] = rc(j, K);
  return v.x(p + D * (a - 1), q + D * (b - 1));
};
/** ∂y_k/∂x_i read off the forward pass: the w over x_i in y_k, 0 if x_i is not in y_k's window. */
const dydx = (v: Access, k: number, i: number): Q => {
  const [p, q] = rc(k, O),
    [r, s] = rc(i, N);
  const a = (r - p) / D + 1,
    b = (s - q) / D + 1;
  return Number.isInteger(a) && Number.isInteger(b) ? v.w(a, b) : { n: 0n, d: 1n };
};

/** Line 14–20's y_k = Σ w_j x_{i_j} as written: [k, [x indices under w_1 … w_4]]. */
const Y_ROWS: Record<number, number[]> = { 1: [1, 3, 9, 11], 2: [2, 4, 10, 12], 3: [5, 7, 13, 15], 4: [6, 8, 14, 16] };
/** Line 28's third link as written: ∂L/∂w_j = Σ_k ∂L/∂y_k x_{i_k}, [x under ∂L/∂y_1 … ∂L/∂y_4]. */
const DW_ROWS: Record<number, number[]> = { 1: [1, 2, 5, 6], 2: [3, 4, 7, 8], 3: [9, 10, 13, 14], 4: [11, 12, 15, 16] };
/** Line 36's second and third links as written: for x_i, the y_k it reaches and the w_j on the way. */
const DX_Y = [1, 2, 1, 2, 3, 4, 3, 4, 1, 2, 1, 2, 3, 4, 3, 4];
const DX_W = [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4];
/** Line 36's 3×3 kernel [w_4 0 w_3; 0 0 0; w_2 0 w_1], row by row (w index, 0 for a written 0). */
const KER = [4, 0, 3, 0, 0, 0, 2, 0, 1];

const entry =
  (k: number) =>
  (v: Access, [p, q]: number[]) =>
    num(p!, q!, O) === k
      ? chain(
          yk(v, k),
          sum(0, 3, (j) => qmul(wk(v, j + 1), xk(v, Y_ROWS[k]![j]!))),
        )
      : v.y(p!, q!);

const src: CorpusSource = {
  file: "86-agrawal-bprop-dilated-conv.md",
  citation:
    'Aditya Agrawal, "Back Propagation in Dilated Convolution Layer", a post of 21 January 2018 on his website adityaagrawal.net (blog, section deep_learning), read 2026-11-28 in the stored rendered copy of the page (its TeX not stored): the whole post (the forward pass of a valid dilated convolution of a 4×4 input and a 2×2 filter at dilation 2 written out, the weight gradient as a strided valid convolution, the input gradient as a full convolution with the dilated, reversed filter)',
  url: "https://www.adityaagrawal.net/blog/deep_learning/bprop_dilated_conv",
  flags: ["--input", "4x4", "--kernel", "2x2", "--op", "xcorr", "--dilation", "2", "--index-base", "1"],
  layer: {
    op: "xcorr",
    input: [N, N],
    kernel: [K, K],
    stride: [1, 1],
    dilation: [D, D],
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
    { line: 8, snippet: "$I=2$", truth: "definition", why: "the example's horizontal dilation" },
    { line: 8, snippet: "$J=2$", truth: "definition", why: "the example's vertical dilation" },
    {
      line: 10,
      snippet: "\\begin{bmatrix} w_1 & w_2 \\\\ w_3 & w_4 \\end{bmatrix} \\ast",
      truth: "holds",
      target: "Y",
      why: "the valid dilated convolution (I = J = 2) of the 4×4 X with the 2×2 W is the 2×2 Y; ∗ is the post's, spelled out by lines 14–20 (W unflipped, its entries 2 apart)",
      claimed: (v, [p, q]) => fwd(v, p!, q!),
    },
    {
      line: 10,
      snippet: "W \\ast X = Y",
      truth: "holds",
      target: "Y",
      why: 'the same forward pass in names: W ∗ X is the post\'s valid dilated convolution of the sentence before ("a valid dilated convolution between X and W", I = J = 2), entry (p, q) Σ_{ab} W_{ab} X_{p+2(a−1), q+2(b−1)}, 2×2',
      claimed: (v, [p, q]) => fwd(v, p!, q!),
    },
    {
      line: 14,
      snippet: "y_1 = w_1 x_1 + w_2 x_3 + w_3 x_9 + w_4 x_{11}",
      truth: "holds",
      target: "Y",
      why: "y_1's window is x_1, x_3, x_9, x_{11} (rows 1, 3 and columns 1, 3 of X), under w_1 … w_4",
      claimed: entry(1),
    },
    {
      line: 16,
      snippet: "y_2 = w_1 x_2 + w_2 x_4 + w_3 x_{10} + w_4 x_{12}",
      truth: "holds",
      target: "Y",
      why: "one column to the right: x_2, x_4, x_{10}, x_{12}",
      claimed: entry(2),
    },
    {
      line: 18,
      snippet: "y_3 = w_1 x_5 + w_2 x_7 + w_3 x_{13} + w_4 x_{15}",
      truth: "holds",
      target: "Y",
      why: "one row down: x_5, x_7, x_{13}, x_{15}",
      claimed: entry(3),
    },
    {
      line: 20,
      snippet: "y_4 = w_1 x_6 + w_2 x_8 + w_3 x_{14} + w_4 x_{16}",
      truth: "holds",
      target: "Y",
      why: "x_6, x_8, x_{14}, x_{16}",
      claimed: entry(4),
    },
    {
      line: 28,
      snippet: "\\frac{\\partial L}{\\partial W} = \\begin{bmatrix}",
      truth: "holds",
      target: "dW",
      why: "the chain rule over the four outputs, its ∂y_k/∂w_j the x under w_j in y_k (lines 14–20), and that sum as the valid convolution of X with ∂L/∂Y at stride 2 = the dilation: entry (a, b) Σ_{pq} X_{2(a−1)+p, 2(b−1)+q} ∂L/∂Y_{pq}",
      claimed: (v, [a, b]) => {
        const j = num(a!, b!, K);
        return chain(
          sum(1, 4, (k) => qmul(dyk(v, k), dydw(v, k, j))),
          sum(0, 3, (t) => qmul(dyk(v, t + 1), xk(v, DW_ROWS[j]![t]!))),
          sum(1, O, (p) => sum(1, O, (q) => qmul(v.x(D * (a! - 1) + p, D * (b! - 1) + q), v.dy(p, q)))),
        );
      },
    },
    {
      line: 36,
      snippet: "\\frac{\\partial L}{\\partial X} = \\begin{bmatrix}",
      truth: "holds",
      target: "dX",
      why: "each x_i is in exactly one y_k, under one w_j (lines 14–20), so ∂L/∂x_i = ∂L/∂y_k ∂y_k/∂x_i = ∂L/∂y_k w_j as the second and third matrices write; the last link, the full convolution of ∂L/∂Y (padded by 2) with the 3×3 [w_4 0 w_3; 0 0 0; w_2 0 w_1], gives the same 4×4 — at every entry of X; the first matrix's extra names ∂L/∂x_{17} … ∂L/∂x_{20} are no entries of the 4×4 X",
      claimed: (v, [r, s]) => {
        const i = num(r!, s!, N);
        return chain(
          sum(1, 4, (k) => qmul(dyk(v, k), dydx(v, k, i))),
          qmul(dyk(v, DX_Y[i - 1]!), dydx(v, DX_Y[i - 1]!, i)),
          qmul(dyk(v, DX_Y[i - 1]!), wk(v, DX_W[i - 1]!)),
          sum(1, 3, (a) =>
            sum(1, 3, (b) => {
              const j = KER[(a - 1) * 3 + (b - 1)]!;
              return j === 0 ? { n: 0n, d: 1n } : qmul(wk(v, j), v.dy(r! + a - 3, s! + b - 3));
            }),
          ),
        );
      },
    },
    {
      line: 40,
      snippet: "\\begin{bmatrix} w_4 & w_3 \\\\ w_2 & w_1 \\end{bmatrix} = \\begin{bmatrix} 0 & 1",
      truth: "other",
      why: "a true identity about reversing W's rows and columns with the exchange matrix J_2, not a statement about the layer's gradients",
    },
  ],
};
export default src;
