/**
 * Sungchul Lee, "Convolution as Matrix Multiplication (Toeplitz)": a section of chapter 3 (CNN) of his MkDocs book
 * "Deep Learning Foundations for Quantitative Finance" (repository SungchulLee/deep_learning_book_writing, file
 * docs/ch03/cnn/toeplitz_matrix.md, read at its last version before it was removed from the book) — a 1-D
 * convolution written as a Toeplitz matrix, its entries written out, the im2col formulation, the doubly block
 * Toeplitz and circulant structures, and the gradients in matrix form (∂L/∂X_col = K_colᵀ ∂L/∂Y_col,
 * ∂L/∂K_col = ∂L/∂Y_col X_colᵀ, ∂L/∂X = Tᵀ ∂L/∂Y).
 * Layer: the section's own 1-D example — "Input: x = [x_0, …, x_4]ᵀ (length 5)", "Kernel: k = [k_0, k_1, k_2]ᵀ
 * (length 3)", "Output: y = [y_0, y_1, y_2]ᵀ (length 3, valid convolution)" — a cross-correlation
 * (y_i = Σ_{j=0}^{2} x_{i+j} k_j; the section: "Cross-Correlation (what CNNs use)"), 0-based, stride 1, no padding,
 * no bias (none in any of its formulas). The kernel k is the layer's W (v.w), y is Y, x is X; ∂L/∂Y is v.dy.
 * The matrix formulas are read on this layer: T is the 3×5 matrix of line 37, T_{ij} = k_{j−i} for 0 ≤ j − i ≤ 2
 * and 0 otherwise; X_col is the 3×3 im2col matrix of the patches, X_col[j, i] = x_{i+j} (row j a kernel position,
 * column i an output position, "Each column = one flattened patch"); K_col = kᵀ is 1×3; Y_col = Y as a 1×3 row.
 * ∂L/∂X_col (line 254) is the gradient with respect to the patch matrix: checked with the col2im the next sentence
 * applies ("Then apply col2im to get ∂L/∂X"), which adds every patch entry back onto the input entry it copied.
 * The source's equations about this layer all hold: the forward sum (31), y = Tx (35), the written-out product (45),
 * Y = K_col X_col (240), the three gradients (254, 262, 271). Its slips are outside the equations verify reads: the
 * im2col picture's caption "Each row = one output position" (rows are kernel positions: its own picture has 4 rows
 * for a 2×2 kernel and 9 columns for the 9 patches), and the "Alternative View" that gives a 1×9 kernel times a
 * 9×4 matrix as a 4×1 output (it is 1×4). The FFT formula y = IFFT(FFT(x) ⊙ FFT(k)) (line 217) is a circular true
 * convolution (kernel not flipped, indices wrapped): the layer of its section ("convolution with circular
 * padding"), not this one (other), though the section above says CNNs use cross-correlation.
 * Definitions: the vectors x, k, y (lines 25–27), the matrices T (37) and T_cross (75, the same matrix).
 * Other: T_conv (66, the matrix of the true convolution, a different operation: it holds for that one,
 * Σ_j k_{2−j} x_{i+j} = (x ∗ k)_{i+2}), the Toeplitz property T_{i,j} = T_{i+1,j+1} (86), the 2-D im2col step
 * Y_col = k · X_col (111, a 2-D layer), T_2D (178), the circulant C and its diagonalisation (195, 208), the FFT
 * product (217), the multi-channel Y_out = W X_col (226, a layer with channels).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 5,
  K = 3,
  O = N - K + 1; // x length 5, k length 3, y length 3

/** T_{ij} of line 37: k_{j−i} on the three diagonals, 0 elsewhere (i = 0 … 2, j = 0 … 4). */
const T = (v: Access, i: number, j: number): Q => (j - i >= 0 && j - i <= K - 1 ? v.w(j - i) : Q0);
/** X_col[j, i] = x_{i+j}: the im2col matrix (row j a kernel position, column i a patch). */
const Xcol = (v: Access, j: number, i: number): Q => v.x(i + j);
/** y_i = Σ_{j=0}^{2} x_{i+j} k_j. */
const forward = (v: Access, [i]: number[]): Q => sum(0, K - 1, (j) => qmul(v.x(i! + j), v.w(j)));
/** (T x)_i. */
const Tx = (v: Access, [i]: number[]): Q => sum(0, N - 1, (j) => qmul(T(v, i!, j), v.x(j)));
/** The three rows written out in line 45. */
const rows = (v: Access, [i]: number[]): Q => {
  const r = [
    [0, 1, 2],
    [1, 2, 3],
    [2, 3, 4],
  ][i!]!;
  return qadd(qadd(qmul(v.w(0), v.x(r[0]!)), qmul(v.w(1), v.x(r[1]!))), qmul(v.w(2), v.x(r[2]!)));
};

const definition = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});
const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });

const src: CorpusSource = {
  file: "80-sungchullee-toeplitz-conv-matrix-backprop.md",
  citation:
    'Sungchul Lee (GitHub: SungchulLee), "Convolution as Matrix Multiplication (Toeplitz)", chapter 3 (CNN) of his MkDocs book "Deep Learning Foundations for Quantitative Finance", repository SungchulLee/deep_learning_book_writing, file docs/ch03/cnn/toeplitz_matrix.md (added 22 January 2026, commit 4bd3094e28fb9ead5134e7433225258d973341b3; removed 8 February 2026, commit 28c2afd680a74bcfdd4535a8b066f3cc1367c7d5), read at commit 7c93068566e061b1fa51a07064d4bc3ccf079d7c (26 January 2026): its prose and formulas without the Python (1-D convolution as a Toeplitz matrix, im2col, doubly block Toeplitz and circulant matrices, gradients in matrix form)',
  url: "https://github.com/SungchulLee/deep_learning_book_writing/blob/7c93068566e061b1fa51a07064d4bc3ccf079d7c/docs/ch03/cnn/toeplitz_matrix.md",
  flags: ["--input", "5", "--kernel", "3", "--op", "xcorr", "--index-base", "0"],
  layer: {
    op: "xcorr",
    input: [N],
    kernel: [K],
    stride: [1],
    dilation: [1],
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
    definition(25, String.raw`\mathbf{x} = [x_0, x_1, x_2, x_3, x_4]^\top`, "names the input's five entries"),
    definition(26, String.raw`\mathbf{k} = [k_0, k_1, k_2]^\top`, "names the kernel's three entries"),
    definition(
      27,
      String.raw`\mathbf{y} = [y_0, y_1, y_2]^\top`,
      "names the output's three entries (valid: 5 − 3 + 1 = 3)",
    ),
    {
      line: 31,
      snippet: String.raw`y_i = \sum_{j=0}^{2} x_{i+j} \cdot k_j`,
      truth: "holds",
      target: "Y",
      why: "the layer's forward pass: the valid cross-correlation of x with k, output i reading x_i … x_{i+2}",
      claimed: forward,
    },
    {
      line: 35,
      snippet: String.raw`\mathbf{y} = \mathbf{T} \mathbf{x}`,
      truth: "holds",
      target: "Y",
      why: "row i of T (line 37) holds k_0, k_1, k_2 in columns i, i+1, i+2, so (Tx)_i = Σ_j k_j x_{i+j} = y_i",
      claimed: Tx,
    },
    definition(37, String.raw`\mathbf{T} = \begin{bmatrix}`, "the Toeplitz matrix of the 1-D example (3×5)"),
    {
      line: 45,
      snippet: String.raw`\mathbf{y} = \begin{bmatrix}`,
      truth: "holds",
      target: "Y",
      why: "the product T x written out: its rows k_0x_0+k_1x_1+k_2x_2, k_0x_1+k_1x_2+k_2x_3, k_0x_2+k_1x_3+k_2x_4 are y_0, y_1, y_2 of line 31 (each link of the chain agrees)",
      claimed: (v, idx) => chain(forward(v, idx), Tx(v, idx), rows(v, idx)),
    },
    other(
      66,
      String.raw`\mathbf{T}_{\text{conv}} = \begin{bmatrix}`,
      "the matrix of the true convolution (kernel flipped), another operation than this layer's; right for it: row i gives Σ_j k_{2−j} x_{i+j} = (x ∗ k)_{i+2}",
    ),
    definition(
      75,
      String.raw`\mathbf{T}_{\text{cross}} = \begin{bmatrix}`,
      "the cross-correlation's matrix: T of line 37 again",
    ),
    other(
      86,
      "T_{i,j} = T_{i+1, j+1}",
      "the defining property of a Toeplitz matrix (constant diagonals), not a formula about the layer's values",
    ),
    other(
      111,
      String.raw`\mathbf{Y}_{col} = \mathbf{k} \cdot \mathbf{X}_{col}`,
      "step 3 of the 2-D im2col recipe (X ∈ ℝ^{H×W}, k the flattened 2-D kernel): a 2-D layer, not this one",
    ),
    other(
      178,
      String.raw`\mathbf{T}_{2D} = \begin{bmatrix}`,
      "the block structure of a 2-D convolution's matrix (a 2-D layer, its blocks only named)",
    ),
    other(
      195,
      String.raw`\mathbf{C} = \begin{bmatrix}`,
      "the doubly block circulant matrix of a 2-D convolution with circular padding: another layer",
    ),
    other(
      208,
      String.raw`\mathbf{C} = \mathbf{F}^{-1} \mathbf{\Lambda} \mathbf{F}`,
      "the diagonalisation of a circulant matrix by the DFT: linear algebra, not the layer's values",
    ),
    other(
      217,
      String.raw`\mathbf{y} = \text{IFFT}(\text{FFT}(\mathbf{x}) \odot \text{FFT}(\mathbf{k}))`,
      "the circular (wrapped) true convolution of the circular-padding layer of its section, kernel not flipped: not this valid cross-correlation",
    ),
    other(
      226,
      String.raw`\mathbf{Y}_{out} = \mathbf{W} \mathbf{X}_{col}`,
      "the im2col product of a layer with C_in and C_out channels (W ∈ ℝ^{C_out×C_in k²}): a 2-D multi-channel layer",
    ),
    {
      line: 240,
      snippet: String.raw`\mathbf{Y} = \mathbf{K}_{col} \cdot \mathbf{X}_{col}`,
      truth: "holds",
      target: "Y",
      why: "read on the 1-D layer: K_col = kᵀ (1×3) times the 3×3 patch matrix X_col[j, i] = x_{i+j} gives Σ_j k_j x_{i+j} = y_i",
      claimed: (v, [i]) => sum(0, K - 1, (j) => qmul(v.w(j), Xcol(v, j, i!))),
    },
    {
      line: 254,
      snippet: String.raw`\frac{\partial L}{\partial \mathbf{X}_{col}} = \mathbf{K}_{col}^\top \cdot \frac{\partial L}{\partial \mathbf{Y}_{col}}`,
      truth: "holds",
      target: "dX",
      why: "Y_col = K_col X_col is linear in X_col, so ∂L/∂X_col[j, i] = k_j ∂L/∂y_i (the outer product K_colᵀ ∂L/∂Y_col); the col2im the text applies next adds entry (j, i) onto x_{i+j}: ∂L/∂x_p = Σ_{i+j=p} k_j ∂L/∂y_i, the input gradient",
      claimed: (v, [p]) => sum(0, O - 1, (i) => sum(0, K - 1, (j) => (i + j === p ? qmul(v.w(j), v.dy(i)) : Q0))),
    },
    {
      line: 262,
      snippet: String.raw`\frac{\partial L}{\partial \mathbf{K}_{col}} = \frac{\partial L}{\partial \mathbf{Y}_{col}} \cdot \mathbf{X}_{col}^\top`,
      truth: "holds",
      target: "dW",
      why: "entry j of the 1×3 row ∂L/∂Y_col X_colᵀ is Σ_i ∂L/∂y_i X_col[j, i] = Σ_i ∂L/∂y_i x_{i+j}, the kernel gradient",
      claimed: (v, [j]) => sum(0, O - 1, (i) => qmul(v.dy(i), Xcol(v, j!, i))),
    },
    {
      line: 271,
      snippet: String.raw`\frac{\partial L}{\partial \mathbf{X}} = \mathbf{T}^T \frac{\partial L}{\partial \mathbf{Y}}`,
      truth: "holds",
      target: "dX",
      why: "y = Tx is linear in x, so ∂L/∂x = Tᵀ ∂L/∂y: ∂L/∂x_p = Σ_i T_{ip} ∂L/∂y_i = Σ_i k_{p−i} ∂L/∂y_i (k read 0 off 0 … 2)",
      claimed: (v, [p]) => sum(0, O - 1, (i) => qmul(T(v, i, p!), v.dy(i))),
    },
  ],
};
export default src;
