/**
 * Soo (GitHub: simonjisu), «[PyTorch] ConvTranspose2d 와 Conv2d 의 관계» ("The relation between ConvTranspose2d
 * and Conv2d", in Korean): a post of October 2019 on his blog (the Markdown file
 * _posts/2019-10-27-convtranspose2d.markdown of the repository simonjisu/simonjisu.github.io) — why PyTorch calls
 * the transposed convolution "the gradient of Conv2d with respect to its input": the forward pass in index
 * notation and written out entry by entry, the 16×4 Jacobian C = ∂Vec(X^{(l+1)})/∂Vec(X^{(l)}), and the
 * transposed convolution as Vec(X^{(l+1)}) C^T.
 * Layer: the post's own sizes — "input image size = N × N = 4 × 4", "filter size = K × K = 3 × 3", "P = 0",
 * "S = 1", so the output is 2 × 2 — one channel, 1-based (x_{11} … x_{44}, w_{11} … w_{33}), a cross-correlation
 * (its X^{(l)} * W, line 32, is w_{11} x_{11} + w_{12} x_{12} + … at the first output), no bias (none is written
 * anywhere, nor in its sympy code). X^{(l)} is the input, X^{(l+1)} (also written x^{(l+1)}) the output.
 * The post's mistakes:
 *  - the forward pass in index notation (line 28), x_{pq}^{(l+1)} = Σ_{p=i}^{K+i−1} Σ_{q=j}^{K+j−1} w_{pq} x_{pq}^{(l)}
 *    for i, j ∈ 1 … N − K + 1, names the output by its own summation indices and indexes the filter by the INPUT
 *    position: w_{pq} with p = i … i + K − 1 is the filter's entry only at the first output (i = j = 1); at the
 *    others it runs off the 3 × 3 filter (w_{4q}, w_{p4} do not exist), read 0 there. Read with its output at
 *    (i, j), it holds at (1, 1) only; the intended w_{(p−i+1)(q−j+1)} is what line 32 writes out.
 *  - the Jacobian C (line 56): its final 16 × 4 matrix is right (row r the input x_{mn} in row-major order,
 *    column c the output y_{11}, y_{12}, y_{21}, y_{22}), but the middle matrix that the chain passes through
 *    labels its four columns ∂x_{11}^{(l+1)}, ∂x_{12}^{(l+1)}, ∂x_{13}^{(l+1)}, ∂x_{14}^{(l+1)} — a 4-wide first row of
 *    an output that is 2 × 2: x_{13}^{(l+1)} and x_{14}^{(l+1)} do not exist (derivative 0) and x_{21}^{(l+1)}, x_{22}^{(l+1)}
 *    are missing, so the middle matrix is not the final one. Checked through the chain rule (as 31's local
 *    derivatives): C applied to Vec(∂L/∂X^{(l+1)}) is ∂L/∂X^{(l)} for the final matrix, but for the middle matrix
 *    it keeps only the terms of the first output row; the chain is judged as a whole (fails).
 *  - the summary X^{(l)} = [Vec(X^{(l+1)}) C^T]^{(N)} (line 112): the transposed convolution of the output does
 *    not give back the input (the post itself says, before it, that the product "gives a matrix different from
 *    the input", 입력과 다른 행렬이 나온다); it is the input GRADIENT only when both sides are read as gradients
 *    (∂L/∂X^{(l)} = [Vec(∂L/∂X^{(l+1)}) C^T]^{(N)}), which is PyTorch's sentence the post quotes. As written it
 *    claims X itself, which no target of the oracle holds: judged fails by hand, without a translation.
 * Holds: the output size ((N + 2P − K)/S + 1 = 2, line 24) and the forward pass written out entry by entry
 * (line 32).
 * Definitions: the input, output and filter matrices of line 24 (names of their entries). Other: the example's
 * N × N = 4 × 4, K × K = 3 × 3, P = 0, S = 1 (line 24).
 * Not found by verify, so not listed: the bare 4 × 4 matrix of line 100 (the result of Vec(X^{(l+1)}) C^T, no left
 * side; entry by entry it is the full correlation of X^{(l+1)} with the flipped filter) and the inline $x_{12}^{(l)}$,
 * $w_{11}$ … of line 102 (names).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 4,
  K = 3; // 4×4 input, 3×3 filter, 2×2 output (P = 0, S = 1)

/** Line 28 as written: Σ_{p=i}^{K+i−1} Σ_{q=j}^{K+j−1} w_{pq} x_{pq}, its output read at (i, j) (w 0 off the 3×3 filter). */
const line28 = (v: Access, [i, j]: number[]): Q =>
  sum(i!, K + i! - 1, (p) => sum(j!, K + j! - 1, (q) => qmul(v.w(p, q), v.x(p, q))));
/** Line 32's matrix: entry (i, j) is Σ_{a,b} w_{ab} x_{(i+a−1)(j+b−1)} (the post's four sums, as written). */
const line32 = (v: Access, [i, j]: number[]): Q =>
  sum(1, K, (a) => sum(1, K, (b) => qmul(v.w(a, b), v.x(i! + a - 1, j! + b - 1))));

/** The final 16×4 matrix of line 56 as written: row r = input x_{mn} (row-major), column = output y11, y12, y21, y22; "ab" is w_{ab}, "0" zero. */
const C: string[][] = [
  ["11", "0", "0", "0"],
  ["12", "11", "0", "0"],
  ["13", "12", "0", "0"],
  ["0", "13", "0", "0"],
  ["21", "0", "11", "0"],
  ["22", "21", "12", "11"],
  ["23", "22", "13", "12"],
  ["0", "23", "0", "13"],
  ["31", "0", "21", "0"],
  ["32", "31", "22", "21"],
  ["33", "32", "23", "22"],
  ["0", "33", "0", "23"],
  ["0", "0", "31", "0"],
  ["0", "0", "32", "31"],
  ["0", "0", "33", "32"],
  ["0", "0", "0", "33"],
];
const outCols = [
  [1, 1],
  [1, 2],
  [2, 1],
  [2, 2],
] as const;
const entry = (v: Access, s: string): Q => (s === "0" ? Q0 : v.w(Number(s[0]), Number(s[1])));
/** Σ_c C[r][c] ∂L/∂y_c: the final matrix applied to Vec(∂L/∂X^{(l+1)}). */
const finalC = (v: Access, [m, n]: number[]): Q =>
  C[(m! - 1) * N + (n! - 1)]!.reduce(
    (s: Q, w, c) => qadd(s, qmul(entry(v, w), v.dy(outCols[c]![0], outCols[c]![1]))),
    Q0,
  );
/** The middle matrix: columns ∂x_{1c}^{(l+1)}/∂x_{mn}, c = 1 … 4 (x_{13}^{(l+1)}, x_{14}^{(l+1)} do not exist: 0), applied to ∂L/∂x_{1c}^{(l+1)}. */
const middleC = (v: Access, [m, n]: number[]): Q =>
  sum(1, 4, (c) => (c <= N - K + 1 ? qmul(v.dy(1, c), v.w(m! - 1 + 1, n! - c + 1)) : Q0));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const definition = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});

const src: CorpusSource = {
  file: "68-simonjisu-convtranspose2d-ko.md",
  citation:
    'Soo (GitHub: simonjisu), «[PyTorch] ConvTranspose2d 와 Conv2d 의 관계» ("The relation between ConvTranspose2d and Conv2d", in Korean), a post of 27 October 2019 on his blog simonjisu.github.io, repository simonjisu/simonjisu.github.io, file _posts/2019-10-27-convtranspose2d.markdown, read at commit 18197e9381b5079d826ea85cad680be2a16f1303: the whole post (sizes, forward pass in index notation and entry by entry, the Jacobian C, the transposed convolution Vec(X^{(l+1)}) C^T)',
  url: "https://github.com/simonjisu/simonjisu.github.io/blob/18197e9381b5079d826ea85cad680be2a16f1303/_posts/2019-10-27-convtranspose2d.markdown",
  flags: ["--input", "4x4", "--kernel", "3x3", "--op", "xcorr", "--index-base", "1"],
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
    other(
      24,
      "\\text{input image size} &= N \\times N =4 \\times 4",
      "the example's input size (N = 4), a choice of the example",
    ),
    other(24, "\\text{filter size} &= K\\times K = 3 \\times 3", "the example's filter size (K = 3)"),
    other(24, "\\text{padding} &= P = 0", "the example's padding"),
    other(24, "\\text{stride} &= S = 1", "the example's stride"),
    {
      line: 24,
      snippet: "\\text{output image size} &= (\\dfrac{N+2P-K}{S}+1, \\dfrac{N+2P-K}{S}+1)",
      truth: "holds",
      target: "size",
      why: "(4 + 0 − 3)/1 + 1 = 2 along each axis: the 2 × 2 output of a valid 3 × 3 correlation of a 4 × 4 input",
    },
    definition(
      24,
      "\\text{input image} &: X^{(l)} = \\begin{bmatrix} x_{11}",
      "names the input's entries x_{11} … x_{44}",
    ),
    definition(
      24,
      "\\text{output image} &: x^{(l+1)} =\\begin{bmatrix} x_{11}",
      "names the output's entries x_{11}^{(l+1)} … x_{22}^{(l+1)}",
    ),
    definition(24, "\\text{filter} &: W = \\begin{bmatrix} w_{11}", "names the filter's entries w_{11} … w_{33}"),
    {
      line: 28,
      snippet: "x_{pq}^{(l+1)} &= \\sum_{p=i}^{K+i-1} \\sum_{q=j}^{K+j-1} w_{pq} x_{pq}^{(l)}",
      truth: "fails",
      target: "Y",
      why: "w_{pq} is indexed by the input position p = i … i + K − 1, q = j … j + K − 1: right at output (1, 1) only; elsewhere it pairs x_{pq} with w_{pq} (0 off the 3 × 3 filter) instead of w_{(p−i+1)(q−j+1)}",
      claimed: line28,
    },
    {
      line: 32,
      snippet: "X^{(l+1)} &= X^{(l)}*W\\\\&=\\begin{bmatrix}w_{11} x^{(l)}_{11}",
      truth: "holds",
      target: "Y",
      why: "each of the four entries is Σ_{a,b} w_{ab} x_{(i+a−1)(j+b−1)}, the valid 3 × 3 cross-correlation at output (i, j) (no bias in the post)",
      claimed: line32,
    },
    {
      line: 56,
      snippet: "C = \\dfrac{\\partial X^{(l+1)}}{\\partial X^{(l)}}",
      truth: "fails",
      target: "dX",
      why: "the final 16 × 4 matrix is ∂Vec(X^{(l+1)})/∂Vec(X^{(l)}) (C Vec(∂L/∂X^{(l+1)}) = ∂L/∂X^{(l)}), but the middle matrix of the chain has columns ∂x_{11}^{(l+1)}, ∂x_{12}^{(l+1)}, ∂x_{13}^{(l+1)}, ∂x_{14}^{(l+1)} of a 2 × 2 output: x_{13}, x_{14} do not exist and x_{21}, x_{22} are missing, so it is not the final matrix",
      claimed: (v, idx) => chain(finalC(v, idx), middleC(v, idx)),
    },
    {
      line: 112,
      snippet: "X^{(l)} = [Vec\\big(X^{(l+1)}\\big)C^T]^{(N)}",
      truth: "fails",
      why: "the transposed convolution of the output, Vec(X^{(l+1)}) C^T reshaped, is not the input X^{(l)} (the post itself says the product gives a matrix different from the input); it is ∂L/∂X^{(l)} only with both sides read as gradients — as written it claims the input itself",
    },
  ],
};
export default src;
