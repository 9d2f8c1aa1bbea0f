/**
 * sighsmile (GitHub: sighsmile; the commits sign "Char"), 「卷积神经网络运算扫盲」: a Chinese post of 29 July 2018 on the
 * Jekyll blog sighsmile.github.io (the Markdown file _posts/2018-07-29-conv-arithmetic.md of the repository
 * sighsmile/sighsmile.github.io, last changed 31 July 2018, read at commit 3a92b53027d5a7cf2394d288f4c3f17cdc310510),
 * a primer on convolution arithmetic after Dumoulin and Visin — its own worked example: a 4×4 input X and a 3×3 kernel W
 * written out entry by entry, the output flattened (Y_flat written out, as C X_flat with the unrolled kernel matrix C,
 * as the im2col product), then conv2d(input, kernel, pad, stride), ∂J/∂w_{00} … ∂J/∂w_{10} written out, ∂J/∂W and
 * ∂J/∂X as conv2d calls (explicit and in shorthand), and, in 「反卷积用于可视化」, the k-th layer's forward pass and
 * input gradient.
 * Layer: the post's own example — X 4×4, W 3×3, p = 0, s = 1 (line 35), so Y is 2×2 (line 114); one channel, no
 * bias; 0-based (x_{0,0} … x_{3,3}, w_{0,0} … w_{2,2}; in the gradient section x_{00}, y_{00} without commas). The
 * post's "卷积" and conv2d are a cross-correlation: Y_flat (line 60) pairs w_{m,n} with x_{i+m,j+n}, the kernel unflipped.
 * ∂J/∂y_{ij} is v.dy(i, j); Y_flat is Y in row-major order ("按照相同顺序展平": y_{00}, y_{01}, y_{10}, y_{11}).
 * conv2d(input=A, kernel=K, pad=p, stride=1) is read as the post defines it through its example (line 112 restates
 * the forward pass): out[a][b] = Σ_{i,j} K[i][j] A_p[a+i][b+j], A_p the input with p zeros on each side; pad=full
 * is p = k − 1 = 2 (the post's full padding, in the left-out size subsection: "p = k − 1").
 * Layout: "这里的 gradient matrix 采用了 numerator layout 的记法" (line 173), pointing to the previous post
 * (2018-07-28-matrix-calculus), whose ∂y/∂X for a matrix X is the matrix of ∂y/∂x_{ji} — the transpose. So in this
 * post ∂J/∂W (line 147, displayed with ∂J/∂w_{10} at row 0, column 1), ∂J/∂Y (the kernel at line 163, ∂J/∂y_{10} at row
 * 0, column 1) and ∂J/∂X all denote transposed matrices: line 147 is that convention written out — a definition — and
 * the conv2d formulas are judged with it (the entry ∂J/∂x_{rc} or ∂J/∂w_{ab} read at column-row place (c, r)).
 * The mistakes:
 * - line 133, ∂J/∂w_{02}: y_{10}'s term has x_{11}; w_{02} meets x_{1,2} in y_{10}'s window (x_{12}, as the rows around
 *   it have x_{11}, x_{12} for w_{01}): fails.
 * - line 156, ∂J/∂W = conv2d(X, (∂J/∂Y)^T): the kernel is transposed but the input X is not, so the result is neither
 *   ∂J/∂W nor its transpose (at (0, 1) it gives δy_{00}x_{01} + δy_{10}x_{02} + δy_{01}x_{11} + δy_{11}x_{12}, while
 *   ∂J/∂w_{01} = δy_{00}x_{01} + δy_{01}x_{02} + … and ∂J/∂w_{10} = δy_{00}x_{10} + …): fails in either layout.
 * - line 171, its shorthand ∂J/∂W = conv2d(X, ∂J/∂Y): with the post's numerator-layout ∂J/∂W and ∂J/∂Y it is line
 *   156 again and fails. (In the usual denominator layout — ∂J/∂W, ∂J/∂Y laid out as W and Y — it would hold; the post
 *   declares the other layout in the next sentence, so it is judged in that one.)
 * - line 178, ∂J/∂X = conv2d((∂J/∂Y)^T, rot180 W, pad=full): the transposed input makes the result the transpose of
 *   the full correlation with W^T's rotation, i.e. ∂J/∂X computed with a transposed kernel (at (0, 1) it gives
 *   w_{10}δy_{00} + w_{00}δy_{01}; ∂J/∂x_{01} = w_{01}δy_{00} + w_{00}δy_{01}): fails in either layout.
 * - line 192, ∂J/∂X = conv2d(input = ∂J/∂W, W_reverse, full): ∂J/∂W (3×3) typed for ∂J/∂Y (2×2); the result is even
 *   5×5, not X's 4×4: fails.
 * - line 214, ∂J/∂X^{(k)} = conv2d(∂J/∂Y^{(k)}, W^{(k)}_reverse): line 210 names X^{(k)} the array after pooling and
 *   activation, the NEXT layer's input — the layer's input is X^{(k−1)} — and the call drops pad=full (without it a
 *   2×2 ∂J/∂Y and a 3×3 kernel give no output at all): fails (no hand translation: the left side is not a tensor of
 *   this layer).
 * Right: the written-out Y_flat (line 60), Y_flat = C X_flat with C as written (lines 75, 77: every row of C puts
 * the nine kernel entries at the window's places of X_flat), the im2col product (line 92: column k of the 9×4 matrix
 * is y_{k div 2, k mod 2}'s window in kernel order), conv2d's forward pass (lines 112, 212), ∂J/∂w_{00} (a chain,
 * line 118), ∂J/∂w_{01}, ∂J/∂w_{10}.
 * Definitions: W, X, X_flat, C (lines 39, 47, 56, 77), ∂J/∂W's numerator layout (line 147). Other: p = 0, s = 1
 * (line 35, the example's configuration).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { at, chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 4,
  K = 3,
  O = 2; // 4×4 input, 3×3 kernel, 2×2 output, 0-based

/** y_{ij} = Σ_{m,n} w_{m,n} x_{i+m,j+n}. */
const fwd = (v: Access, [i, j]: number[]): Q =>
  sum(0, K - 1, (m) => sum(0, K - 1, (n) => qmul(v.w(m, n), v.x(i! + m, j! + n))));
/** Σ_{i,j} ∂J/∂y_{ij} · local(i, j) over the output. */
const overY = (v: Access, local: (i: number, j: number) => Q): Q =>
  sum(0, O - 1, (i) => sum(0, O - 1, (j) => qmul(v.dy(i, j), local(i, j))));
/** ∂J/∂w_{ab} = Σ_{i,j} ∂J/∂y_{ij} x_{i+a,j+b}. */
const trueDW = (v: Access, a: number, b: number): Q => overY(v, (i, j) => v.x(i + a, j + b));

/** conv2d(input=A (rows×cols), kernel=Kr (kr×kc), pad=p, stride=1) at [a][b], as the post uses it. */
const conv2d =
  (
    A: (i: number, j: number) => Q,
    rows: number,
    cols: number,
    Kr: (i: number, j: number) => Q,
    kr: number,
    kc: number,
    p: number,
  ) =>
  (a: number, b: number): Q => {
    const Ap = (u: number, w: number): Q => {
      const i = u - p,
        j = w - p;
      return i >= 0 && j >= 0 && i < rows && j < cols ? A(i, j) : Q0;
    };
    return sum(0, kr - 1, (i) => sum(0, kc - 1, (j) => qmul(Kr(i, j), Ap(a + i, b + j))));
  };
/** The post's numerator-layout ∂J/∂Y: entry [i][j] is ∂J/∂y_{ji} (the kernel at line 163, the input at line 179). */
const dYnum =
  (v: Access) =>
  (i: number, j: number): Q =>
    v.dy(j, i);
/** W_reverse = rot180(W), as written at lines 183–187: [[w_{2,2}, w_{2,1}, w_{2,0}], …]. */
const wRev =
  (v: Access) =>
  (i: number, j: number): Q =>
    v.w(K - 1 - i, K - 1 - j);

type P = [number, number];
/** Σ w·x over written (w index, x index) pairs. */
const wx =
  (terms: [P, P][]) =>
  (v: Access): Q =>
    terms.reduce((s, [a, b]) => qadd(s, qmul(v.w(...a), v.x(...b))), Q0);
/** Σ ∂J/∂y · x over written (y index, x index) pairs. */
const yx =
  (terms: [P, P][]) =>
  (v: Access): Q =>
    terms.reduce((s, [a, b]) => qadd(s, qmul(v.dy(...a), v.x(...b))), Q0);
/** "w02" → [0, 2], "x13" → [1, 3]. */
const ix = (s: string): P => [Number(s[1]), Number(s[2])];

/** Y_flat's four rows (line 60), the nine products of each as written ("w00x00" = w_{0,0}x_{0,0}). */
const yFlatRows: string[][] = [
  ["w00x00", "w01x01", "w02x02", "w10x10", "w11x11", "w12x12", "w20x20", "w21x21", "w22x22"],
  ["w00x01", "w01x02", "w02x03", "w10x11", "w11x12", "w12x13", "w20x21", "w21x22", "w22x23"],
  ["w00x10", "w01x11", "w02x12", "w10x20", "w11x21", "w12x22", "w20x30", "w21x31", "w22x32"],
  ["w00x11", "w01x12", "w02x13", "w10x21", "w11x22", "w12x23", "w20x31", "w21x32", "w22x33"],
];
/** C (line 77) as written, row by row: 16 entries, "0" or a kernel entry. */
const C: string[][] = [
  ["w00", "w01", "w02", "0", "w10", "w11", "w12", "0", "w20", "w21", "w22", "0", "0", "0", "0", "0"],
  ["0", "w00", "w01", "w02", "0", "w10", "w11", "w12", "0", "w20", "w21", "w22", "0", "0", "0", "0"],
  ["0", "0", "0", "0", "w00", "w01", "w02", "0", "w10", "w11", "w12", "0", "w20", "w21", "w22", "0"],
  ["0", "0", "0", "0", "0", "w00", "w01", "w02", "0", "w10", "w11", "w12", "0", "w20", "w21", "w22"],
];
/** The im2col product (line 92): the kernel as a row, then the 9×4 matrix of windows as written. */
const wRow = ["w00", "w01", "w02", "w10", "w11", "w12", "w20", "w21", "w22"];
const cols: string[][] = [
  ["x00", "x01", "x10", "x11"],
  ["x01", "x02", "x11", "x12"],
  ["x02", "x03", "x12", "x13"],
  ["x10", "x11", "x20", "x21"],
  ["x11", "x12", "x21", "x22"],
  ["x12", "x13", "x22", "x23"],
  ["x20", "x21", "x30", "x31"],
  ["x21", "x22", "x31", "x32"],
  ["x22", "x23", "x32", "x33"],
];
/** X_flat (line 56): x_{0,0}, x_{0,1}, …, x_{3,3}, row by row. */
const xFlat = (v: Access, k: number): Q => v.x(Math.floor(k / N), k % N);
const wOf = (v: Access, s: string): Q => (s === "0" ? Q0 : v.w(...ix(s)));

const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});
const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const pdw = (s: string) => `\\frac{\\partial J}{\\partial w_{${s}}} = `;

const src: CorpusSource = {
  file: "98-sighsmile-cnn-arithmetic-conv-grad-zh.md",
  citation:
    'sighsmile (GitHub: sighsmile; the commits sign "Char"), 「卷积神经网络运算扫盲」, a post of 29 July 2018 (in Chinese) on the Jekyll blog sighsmile.github.io, repository sighsmile/sighsmile.github.io, file _posts/2018-07-29-conv-arithmetic.md (last changed 31 July 2018, commit e3f80f26ee01d1694d5f9ee3c52791ef5db70ad5), read at commit 3a92b53027d5a7cf2394d288f4c3f17cdc310510: the introduction, 「卷积」 with 「卷积的矩阵运算」 and 「卷积的梯度计算」, and 「反卷积用于可视化」 (a 4×4 input and a 3×3 kernel written out, Y flattened as C X_flat and by im2col, ∂J/∂w_{00} … ∂J/∂w_{10} written out, ∂J/∂W and ∂J/∂X as conv2d calls in numerator layout)',
  url: "https://github.com/sighsmile/sighsmile.github.io/blob/3a92b53027d5a7cf2394d288f4c3f17cdc310510/_posts/2018-07-29-conv-arithmetic.md",
  flags: ["--input", "4x4", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0"],
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
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    other(35, "p = 0", "the example's configuration: no zero padding (a number for a name)"),
    other(35, "s = 1", "the example's configuration: stride 1 (a number for a name)"),
    def(39, "W = \\begin{pmatrix}", "names the 3×3 kernel's entries w_{0,0} … w_{2,2}"),
    def(47, "X = \\begin{pmatrix}", "names the 4×4 input's entries x_{0,0} … x_{3,3}"),
    def(56, "X_{flat} = (x_{0, 0}, x_{0, 1}", "X flattened row by row into a column vector (notation)"),
    {
      line: 60,
      snippet: "Y_{flat} = \\begin{pmatrix}",
      truth: "holds",
      target: "Y",
      why: "the four outputs y_{00}, y_{01}, y_{10}, y_{11} in row-major order, each the nine products w_{m,n}x_{i+m,j+n} of its window (rows checked as written)",
      claimed: (v, [i, j]) => wx(yFlatRows[2 * i! + j!]!.map((t): [P, P] => [ix(t.slice(0, 3)), ix(t.slice(3))]))(v),
    },
    {
      line: 75,
      snippet: "Y_{flat} = C X_{flat}",
      truth: "holds",
      target: "Y",
      why: "C as written at line 77 (row k puts w_{m,n} at column 4(i+m)+(j+n) of y_{ij}'s window, k = 2i+j, zeros elsewhere) times X_flat gives Y_flat",
      claimed: (v, [i, j]) => sum(0, N * N - 1, (c) => qmul(wOf(v, C[2 * i! + j!]![c]!), xFlat(v, c))),
    },
    def(
      77,
      "C = \\begin{pmatrix}",
      'defines the 4×16 matrix C ("其中 C = …"); checked through Y_flat = C X_flat at line 75',
    ),
    {
      line: 92,
      snippet: "Y_{flat}^T = \\begin{pmatrix}",
      truth: "holds",
      target: "Y",
      why: "im2col: the kernel as a row times the 9×4 matrix whose column k is y_{k div 2, k mod 2}'s window in the kernel's order (matrix checked as written)",
      claimed: (v, [i, j]) => sum(0, K * K - 1, (r) => qmul(wOf(v, wRow[r]!), v.x(...ix(cols[r]![2 * i! + j!]!)))),
    },
    {
      line: 112,
      snippet: "Y = \\mathrm{conv2d}(\\mathrm{input}=X, \\mathrm{kernel}=W, \\mathrm{pad}=0, \\mathrm{stride}=1)",
      truth: "holds",
      target: "Y",
      why: "the forward pass above as a call: the unflipped 3×3 kernel slid over the unpadded 4×4 input at stride 1",
      claimed: (v, [i, j]) =>
        conv2d(
          (a, b) => v.x(a, b),
          N,
          N,
          (a, b) => v.w(a, b),
          K,
          K,
          0,
        )(i!, j!),
    },
    {
      line: 118,
      snippet: pdw("00"),
      truth: "holds",
      target: "dW",
      why: "the chain rule over the four outputs, ∂y_{ij}/∂w_{00} = x_{ij}, then written out: x_{00}, x_{01}, x_{10}, x_{11}",
      claimed: at(
        0,
        0,
        (v) =>
          chain(
            overY(v, (i, j) => v.x(i, j)),
            yx([
              [
                [0, 0],
                [0, 0],
              ],
              [
                [0, 1],
                [0, 1],
              ],
              [
                [1, 0],
                [1, 0],
              ],
              [
                [1, 1],
                [1, 1],
              ],
            ])(v),
          ),
        (v, a, b) => trueDW(v, a, b),
      ),
    },
    {
      line: 127,
      snippet: pdw("01"),
      truth: "holds",
      target: "dW",
      why: "w_{01} multiplies x_{i,j+1} in y_{ij}: x_{01}, x_{02}, x_{11}, x_{12}",
      claimed: at(
        0,
        1,
        yx([
          [
            [0, 0],
            [0, 1],
          ],
          [
            [0, 1],
            [0, 2],
          ],
          [
            [1, 0],
            [1, 1],
          ],
          [
            [1, 1],
            [1, 2],
          ],
        ]),
        (v, a, b) => trueDW(v, a, b),
      ),
    },
    {
      line: 133,
      snippet: pdw("02"),
      truth: "fails",
      target: "dW",
      why: "w_{02} multiplies x_{i,j+2}: y_{10}'s term should have x_{12}, the post has x_{11}",
      claimed: at(
        0,
        2,
        yx([
          [
            [0, 0],
            [0, 2],
          ],
          [
            [0, 1],
            [0, 3],
          ],
          [
            [1, 0],
            [1, 1],
          ],
          [
            [1, 1],
            [1, 3],
          ],
        ]),
        (v, a, b) => trueDW(v, a, b),
      ),
    },
    {
      line: 139,
      snippet: pdw("10"),
      truth: "holds",
      target: "dW",
      why: "w_{10} multiplies x_{i+1,j}: x_{10}, x_{11}, x_{20}, x_{21}",
      claimed: at(
        1,
        0,
        yx([
          [
            [0, 0],
            [1, 0],
          ],
          [
            [0, 1],
            [1, 1],
          ],
          [
            [1, 0],
            [2, 0],
          ],
          [
            [1, 1],
            [2, 1],
          ],
        ]),
        (v, a, b) => trueDW(v, a, b),
      ),
    },
    def(
      147,
      "\\frac{\\partial J}{\\partial W} = ",
      'the numerator-layout gradient matrix, ∂J/∂w_{ji} at row i, column j — the post says so at line 173 ("这里的 gradient matrix 采用了 numerator layout 的记法") and its previous post defines ∂y/∂X so: the transpose of the usual layout, by convention',
    ),
    {
      line: 156,
      snippet: "\\frac{\\partial J}{\\partial W} = \\mathrm{conv2d}(",
      truth: "fails",
      target: "dW",
      why: "the kernel is (∂J/∂Y)^T (∂J/∂y_{10} at row 0, column 1) but the input X is not transposed: the result, Σ_{i,j} ∂J/∂y_{ji} x_{a+i,b+j} at (a, b), is neither ∂J/∂W nor its numerator-layout transpose (in the usual layout it fails too)",
      // numerator layout: ∂J/∂w_{ab} sits at (b, a)
      claimed: (v, [a, b]) => conv2d((p, q) => v.x(p, q), N, N, dYnum(v), O, O, 0)(b!, a!),
    },
    {
      line: 171,
      snippet:
        "\\frac{\\partial J}{\\partial W} = \\mathrm{conv2d}(\\mathrm{input} = X, \\mathrm{kernel}=\\frac{\\partial J}{\\partial Y}",
      truth: "fails",
      target: "dW",
      why: "line 156 in shorthand: with the post's numerator-layout ∂J/∂W and ∂J/∂Y (line 173) the kernel is (∂J/∂Y)^T and the input X untransposed, so it fails as line 156 does (read in the usual layout it would hold, but the post declares the other)",
      claimed: (v, [a, b]) => conv2d((p, q) => v.x(p, q), N, N, dYnum(v), O, O, 0)(b!, a!),
    },
    {
      line: 178,
      snippet: "\\frac{\\partial J}{\\partial X} = \\mathrm{conv2d}(",
      truth: "fails",
      target: "dX",
      why: "the input is (∂J/∂Y)^T: fully padded and correlated with rot180(W) it gives Σ_{m,n} w_{mn} ∂J/∂y_{c−n,r−m} at (r, c), the input gradient of W^T, transposed — ∂J/∂x_{01} = w_{01}δy_{00} + w_{00}δy_{01} but the (1,0) place has w_{10}δy_{00} + w_{00}δy_{01}; wrong in either layout",
      // numerator layout: ∂J/∂x_{rc} sits at (c, r)
      claimed: (v, [r, c]) => conv2d(dYnum(v), O, O, wRev(v), K, K, K - 1)(c!, r!),
    },
    {
      line: 192,
      snippet: "\\frac{\\partial J}{\\partial X} = \\mathrm{conv2d}(\\mathrm{input}=\\frac{\\partial J}{\\partial W}",
      truth: "fails",
      target: "dX",
      why: "the input is ∂J/∂W (3×3), a slip for ∂J/∂Y (2×2): with full padding the result is 5×5, not X's 4×4, and its entries are not ∂J/∂X's",
      claimed: (v, [r, c]) => conv2d((i, j) => trueDW(v, j, i), K, K, wRev(v), K, K, K - 1)(c!, r!),
    },
    {
      line: 212,
      snippet: "Y^{(k)} = \\mathrm{conv2d}(X^{(k-1)}, W^{(k)})",
      truth: "holds",
      target: "Y",
      why: "the k-th layer's output is its input X^{(k−1)} correlated with its kernel W^{(k)} (pad 0, stride 1 as in the example)",
      claimed: (v, [i, j]) => fwd(v, [i!, j!]),
    },
    {
      line: 214,
      snippet: "\\frac{\\partial J}{\\partial X^{(k)}} = \\mathrm{conv2d}(",
      truth: "fails",
      why: "X^{(k)} is, by line 210, the array after pooling and activation (the next layer's input), not this layer's input X^{(k−1)}; and without pad=full a 2×2 ∂J/∂Y^{(k)} and a 3×3 kernel give no output at all",
    },
  ],
};
export default src;
