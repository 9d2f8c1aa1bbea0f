/**
 * Moe Chabot (GitHub: moe18), "Understanding a Simple Convolutional Neural Network with Backpropagation": the
 * "learn" page of problem 130 ("Implement a Simple CNN Training Function with Backpropagation") of Deep-ML, the
 * Markdown file questions/130_implement-a-simple-cnn-training-function-with-back/learn.md of the repository
 * Open-Deep-ML/DML-OpenProblem (added June 2025, read at the November 2025 commit) — a NumPy training loop of a
 * one-convolution-layer network (convolution with F filters and a bias per filter, ReLU, flatten, dense, softmax,
 * cross-entropy) with its forward pass in index notation, the backward pass (softmax + cross-entropy, dense, ReLU,
 * the filter and bias gradients of the convolution) and a 3×3 / 2×2 worked example.
 * Layer: the page's example sizes — a grayscale 3×3 input X and a 2×2 kernel ("Suppose X is a grayscale image",
 * K 2×2) — a cross-correlation without padding or stride (Z^c[p, q, k] = Σ_{i,j} X[p+i, q+j] W^c[i, j, k] + b^c[k],
 * the output "of shape (H − k + 1, W − k + 1, F)"), 0-based (the page's NumPy code and p:p+kernel_size slices),
 * one input channel (X has no channel index: the problem's X is (n_samples, height, width)), F filters with a bias
 * b^c[k] each. F = 2 is our choice (the page leaves F free; the problem's code defaults to num_filters = 1): two
 * filters so that the filter index k is exercised. So X is read v.x(0, r, s) (the one input channel), W^c[i, j, k]
 * is v.w(k, 0, i, j) (the oracle's [C_out, C_in, kh, kw] layout; the page's kernel array is (k, k, F), filter
 * last), Z^c[p, q, k] is output channel k at (p, q), b^c[k] is v.b(k), and ∂L/∂Z^c_{p,q,k} — the gradient the
 * ReLU step hands to the convolution — is v.dy(k, p, q). Z^c is the convolution's output before ReLU (A^c =
 * max(0, Z^c) is the activation), so the filter and bias gradients need no activation factor: the page applies
 * the ReLU mask first (line 90) and writes them in ∂L/∂Z^c.
 * The page uses k both for the kernel size (line 23, "k is the kernel size") and for the filter index (lines 20,
 * 98, 102), and W both for the input width and the weights; its sums Σ_{i,j} and Σ_{p,q} give no ranges (read i,
 * j = 0 … 1 over the kernel, p, q = 0 … 1 over the 2×2 output); it names the example's kernel K, not W^c.
 * The page's formulas about the convolution all hold: the forward pass (line 20), the filter gradient (line 98)
 * and the bias gradient (line 102). It gives no input gradient ∂L/∂X (the convolution is the first layer). No
 * mistake in them; the notation clashes above are not errors of value.
 * Other: the ReLU, flatten, dense, softmax and cross-entropy formulas and their gradients (lines 28, 38, 44, 52,
 * 64, 76, 81, 83, 90: the rest of the network, not the convolution's X, W or b — line 90, the ReLU mask, is true
 * away from Z^c = 0 and yields this layer's upstream gradient), and the example's X, K and its top-left output
 * (lines 128, 138, 147: 1·1 + 2·0 + 4·0 + 5·(−1) = −4, true arithmetic — the unflipped correlation of X's top-left
 * 2×2 with K, bias 0 — but numbers, not a formula about the layer).
 * Not found by verify, so not listed: the shape (H − k + 1, W − k + 1, F) of line 23, the SGD updates
 * W ← W − η ∂L/∂W and b ← b − η ∂L/∂b of lines 111 and 115, the plain-text "After ReLU: max(0, -4) = 0" of line 150.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const K = 2,
  P = 2; // 2×2 kernel, 2×2 output (3×3 input)

/** Σ_{i,j} X[p+i, q+j] W^c[i, j, k] + b^c[k]: the forward pass of line 20 (target Y [k, p, q]). */
const fwd = (v: Access, [k, p, q]: number[]): Q =>
  qadd(
    sum(0, K - 1, (i) => sum(0, K - 1, (j) => qmul(v.x(0, p! + i, q! + j), v.w(k!, 0, i, j)))),
    v.b(k!),
  );
/** Σ_{p,q} ∂L/∂Z^c_{p,q,k} X_{p+i, q+j}: the filter gradient of line 98 (target dW [k, 0, i, j]). */
const dW = (v: Access, [k, , i, j]: number[]): Q =>
  sum(0, P - 1, (p) => sum(0, P - 1, (q) => qmul(v.dy(k!, p, q), v.x(0, p + i!, q + j!))));
/** Σ_{p,q} ∂L/∂Z^c_{p,q,k}: the bias gradient of line 102 (target db [k]). */
const db = (v: Access, [k]: number[]): Q => sum(0, P - 1, (p) => sum(0, P - 1, (q) => v.dy(k!, p, q)));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const definition = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});
const dense = "the dense layer after the convolution (its forward pass or gradients), not the convolution layer";
const example = "the worked example's numbers, not a formula about the layer's gradients";

const src: CorpusSource = {
  file: "66-chabot-deepml-simple-cnn-backprop.md",
  citation:
    'Moe Chabot (GitHub: moe18), "Understanding a Simple Convolutional Neural Network with Backpropagation", the learn page of problem 130 "Implement a Simple CNN Training Function with Backpropagation" of Deep-ML, repository Open-Deep-ML/DML-OpenProblem, file questions/130_implement-a-simple-cnn-training-function-with-back/learn.md (added 15 June 2025, commit a93ef94217561b029a350b48ca4d2c5436a37aa2), read at commit 04708b485a051316c25b91e4cb9a2ada0ccf7fbf (10 November 2025): the whole page (forward pass in index notation, ReLU, dense, softmax and cross-entropy, the filter and bias gradients, a 3×3 / 2×2 example)',
  url: "https://github.com/Open-Deep-ML/DML-OpenProblem/blob/04708b485a051316c25b91e4cb9a2ada0ccf7fbf/questions/130_implement-a-simple-cnn-training-function-with-back/learn.md",
  flags: [
    "--input",
    "3x3",
    "--kernel",
    "2x2",
    "--op",
    "xcorr",
    "--index-base",
    "0",
    "--in-channels",
    "1",
    "--out-channels",
    "2",
    "--bias",
  ],
  layer: {
    op: "xcorr",
    input: [3, 3],
    kernel: [K, K],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "valid",
    inChannels: 1,
    outChannels: 2,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    {
      line: 20,
      snippet: "Z^c[p, q, k] = \\sum_{i, j} X[p+i, q+j] \\cdot W^c[i, j, k] + b^c[k]",
      truth: "holds",
      target: "Y",
      why: "the layer's forward pass: filter k correlated (unflipped, no padding, stride 1) with the one-channel input, plus the filter's bias — the page's code, Z_conv[p, q, k] = sum(X[p:p+k, q:q+k] * W_conv[:, :, k]) + b_conv[k]",
      claimed: fwd,
    },
    definition(
      28,
      "A^c = \\max(0, Z^c)",
      "the ReLU activation applied to the convolution's output (defines A^c; the convolution itself ends at Z^c)",
    ),
    definition(38, "A^f = \\text{flatten}(A^c)", "the flattening of the activations (defines A^f)"),
    other(44, "Z^d = A^f \\cdot W^d + b^d", dense),
    other(
      52,
      "\\hat{y}_c = \\frac{e^{Z^d_c}}{\\sum_j e^{Z^d_j}}",
      "the softmax of the dense layer's output, not the convolution layer",
    ),
    other(64, "\\mathcal{L}(\\hat{y}, y) = -\\sum_c y_c \\log(\\hat{y}_c)", "the cross-entropy loss"),
    other(
      76,
      "\\frac{\\partial \\mathcal{L}}{\\partial Z^d} = \\hat{y} - y",
      "the gradient of softmax with cross-entropy (true for a one-hot y), not the convolution layer",
    ),
    other(
      81,
      "\\frac{\\partial \\mathcal{L}}{\\partial W^d} = (A^f)^T \\cdot \\frac{\\partial \\mathcal{L}}{\\partial Z^d}",
      dense,
    ),
    other(83, "\\frac{\\partial \\mathcal{L}}{\\partial b^d} = \\frac{\\partial \\mathcal{L}}{\\partial Z^d}", dense),
    other(
      90,
      "\\frac{\\partial \\mathcal{L}}{\\partial Z^c} = \\frac{\\partial \\mathcal{L}}{\\partial A^c} \\cdot \\mathbf{1}(Z^c > 0)",
      "the ReLU's backward step (true, with the derivative taken 0 at Z^c = 0 as the code does): it makes ∂L/∂Z^c, the upstream gradient the convolution's formulas start from, not a formula about the layer's X, W or b",
    ),
    {
      line: 98,
      snippet:
        "\\frac{\\partial \\mathcal{L}}{\\partial W^c_{i,j,k}} = \\sum_{p,q} \\frac{\\partial \\mathcal{L}}{\\partial Z^c_{p,q,k}} \\cdot X_{p+i, q+j}",
      truth: "holds",
      target: "dW",
      why: "W^c_{i,j,k} multiplies X_{p+i,q+j} in every output Z^c_{p,q,k} of filter k and nowhere else: the filter gradient is the output gradient of filter k correlated with the input",
      claimed: dW,
    },
    {
      line: 102,
      snippet:
        "\\frac{\\partial \\mathcal{L}}{\\partial b^c_k} = \\sum_{p,q} \\frac{\\partial \\mathcal{L}}{\\partial Z^c_{p,q,k}}",
      truth: "holds",
      target: "db",
      why: "b^c_k is added with coefficient 1 to every output Z^c_{p,q,k} of filter k: its gradient is the sum of that filter's output gradient",
      claimed: db,
    },
    other(128, "X = \\begin{bmatrix}", example),
    other(138, "K = \\begin{bmatrix}", example),
    other(
      147,
      "(1 \\cdot 1 + 2 \\cdot 0 + 4 \\cdot 0 + 5 \\cdot (-1)) = 1 - 5 = -4",
      "the example's top-left output before ReLU, true arithmetic (the unflipped correlation of X's top-left [1 2; 4 5] with K = [1 0; 0 −1], bias 0), but numbers, not a formula about the layer",
    ),
  ],
};
export default src;
