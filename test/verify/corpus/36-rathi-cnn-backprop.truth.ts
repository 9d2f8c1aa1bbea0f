/**
 * Mukul Rathi, "Backpropagation in a Convolutional Neural Network": part 9 (10 September 2018) of his blog series
 * "Demystifying Deep Learning" on mukulrathi.com (the Markdown file
 * posts/demystifying-deep-learning/conv-net-backpropagation-maths-intuition-derivation/index.md of the repository
 * mukul-rathi/old-personal-website, read at commit 2efad20) — the forward pass of a convolution layer over a batch in
 * index notation, the local derivatives, and the gradients with respect to the weights, the bias and the input.
 * Layer: the post's — a batch of m examples X^{(m_i)} with c input channels, K filters W_{a,b,c,k} each giving the
 * k-th activation map Z^{(m_i)}_{i,j,k} = Σ_{a,b,c} X^{(m_i)}_{i+a,j+b,c} W_{a,b,c,k} + b_k: a cross-correlation
 * (offset +a, +b), one bias per filter, stride 1 and no padding in the formulas (X_{i+a,j+b} with no offset; the
 * code's padding="same" default is its implementation's choice, the formulas have none). 0-based: the code's
 * range(f), and "(i-a,j-b) may be negative". The post gives its sizes only symbolically (F the filter size); chosen:
 * m = 2 (a batch, since the post sums and averages over m_i), 2 input channels, 3 filters, F = 3 (odd, as the code's
 * f//2 cropping assumes) and a 5×5 input, so Z is 3×3 per map. The post's layouts are channels-last (X_{i,j,c},
 * W_{a,b,c,k}, Z_{i,j,k}); the oracle's are v.x(n, c, i, j), v.w(k, c, a, b), v.dy(n, k, i, j), v.b(k), with
 * ∂J/∂Z^{(m_i)}_{i,j,k} = v.dy(m_i, k, i, j). Sums written without ranges run over the whole axis.
 * The post's mistakes, read as written:
 * - the weight and bias gradients (lines 59, 61) put a 1/m in front of Σ_{m_i}: "We also average the gradient across
 *   the batch". But ∂J/∂Z^{(m_i)} is already the derivative of J, and J is the batch average (the post's
 *   J(W,b) = −1/m Σ …); the chain rule is Σ_{m_i,i,j} ∂J/∂Z · ∂Z/∂W with no further 1/m, so with m = 2 both are half
 *   the gradient. (The post's input gradient, line 74, rightly has no 1/m, so the two are not even consistent; its
 *   code is right because its dZ is per example, m·∂J/∂Z — the formulas' notation is what is wrong.) With m = 1
 *   they would hold.
 * - the input gradient (line 74) writes W_{a,b,c}, dropping the filter index k that it sums over: as written one
 *   weight W_{a,b,c} multiplies every map's ∂J/∂Z_{…,k}. It is evaluated with that weight being filter k' = 0's
 *   W_{a,b,c,0} (it fails for any one fixed k' with 3 filters); with W_{a,b,c,k} it would hold (the full correlation
 *   of the output gradient with the kernel, ∂J/∂Z read 0 off the output, as the post says).
 * Holds: the forward pass (41) and the local derivatives ∂Z_{i,j,k}/∂W_{a,b,c,k} = X_{i+a,j+b,c} (49) and
 * ∂Z_{i,j,k}/∂b_k = 1 (51), checked, as 31's line 145, through the chain rule Σ_{m_i,i,j} ∂J/∂Z_{i,j,k} × (the
 * derivative), which is the kernel gradient, resp. the bias gradient.
 * Other: the two reminders of matrix notation, C_{ij} = Σ_k A_{ik}B_{kj} ⟺ C = A.B and C_{ij} = A_{ij}B_{ij} ⟺
 * C = A*B (lines 27, 33), not about the layer.
 * Not found by verify, so not listed: the inline names and offsets ((i,j), F*F, (+a, +b), Z_{i-a, j-b, k}, …).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const M = 2,
  CI = 2,
  CO = 3,
  F = 3,
  H = 5,
  O = H - F + 1; // batch 2, 2 → 3 channels, 5×5 input, 3×3 kernel, 3×3 output

const HALF: Q = { n: 1n, d: BigInt(M) };

/** Σ_a Σ_b Σ_c X^{(m_i)}_{i+a,j+b,c} W_{a,b,c,k} + b_k. */
const fwd = (v: Access, [n, k, i, j]: number[]): Q =>
  qadd(
    sum(0, F - 1, (a) =>
      sum(0, F - 1, (b) => sum(0, CI - 1, (c) => qmul(v.x(n!, c, i! + a, j! + b), v.w(k!, c, a, b)))),
    ),
    v.b(k!),
  );
/** Σ_{m_i} Σ_i Σ_j ∂J/∂Z^{(m_i)}_{i,j,k} X^{(m_i)}_{i+a,j+b,c}: the chain rule for W_{a,b,c,k}. */
const dWsum = (v: Access, [k, c, a, b]: number[]): Q =>
  sum(0, M - 1, (n) => sum(0, O - 1, (i) => sum(0, O - 1, (j) => qmul(v.dy(n, k!, i, j), v.x(n, c!, i + a!, j + b!)))));
/** Σ_{m_i} Σ_i Σ_j ∂J/∂Z^{(m_i)}_{i,j,k}. */
const dbSum = (v: Access, [k]: number[]): Q =>
  sum(0, M - 1, (n) => sum(0, O - 1, (i) => sum(0, O - 1, (j) => v.dy(n, k!, i, j))));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });

const src: CorpusSource = {
  file: "36-rathi-cnn-backprop.md",
  citation:
    'Mukul Rathi (GitHub: mukul-rathi), "Backpropagation in a Convolutional Neural Network", part 9 of the blog series "Demystifying Deep Learning", mukulrathi.com, 10 September 2018; repository mukul-rathi/old-personal-website, file posts/demystifying-deep-learning/conv-net-backpropagation-maths-intuition-derivation/index.md, read at commit 2efad2055fc6c4a7540e2982439ccf48e688c622: sections "Introduction" and "Convolution Layer" (forward pass over a batch in index notation, ∂Z/∂W, ∂Z/∂b, ∂J/∂W, ∂J/∂b, ∂J/∂X)',
  url: "https://github.com/mukul-rathi/old-personal-website/blob/2efad2055fc6c4a7540e2982439ccf48e688c622/posts/demystifying-deep-learning/conv-net-backpropagation-maths-intuition-derivation/index.md",
  flags: [
    "--input",
    "5x5",
    "--kernel",
    "3x3",
    "--op",
    "xcorr",
    "--index-base",
    "0",
    "--in-channels",
    "2",
    "--out-channels",
    "3",
    "--batch",
    "2",
    "--bias",
  ],
  layer: {
    op: "xcorr",
    input: [H, H],
    kernel: [F, F],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "valid",
    inChannels: CI,
    outChannels: CO,
    groups: 1,
    batch: M,
    bias: true,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    other(
      27,
      "C_{ij} = \\sum_k A_{ik}B_{kj} \\iff  C=A.B",
      "the post's reminder of the matrix product in index notation, not about the layer",
    ),
    other(
      33,
      "C_{ij} = A_{ij}B_{ij} \\iff  C=A*B",
      "the post's reminder of the element-wise product, not about the layer",
    ),
    {
      line: 41,
      snippet: "Z^{(m_i)}_{i,j,k}= \\sum_a \\sum_b \\sum_c X^{(m_i)}_{i+a,j+b,c} * W_{a,b,c,k}  + b_k",
      truth: "holds",
      target: "Y",
      why: "the layer's forward pass: the k-th map is the cross-correlation of the example's input with filter k, summed over the input channels, plus b_k",
      claimed: fwd,
    },
    {
      line: 49,
      snippet: "\\frac{\\partial{Z^{(m_i)}_{i,j,k}}}{\\partial{W_{a,b,c,k}}} = X^{(m_i)}_{i+a,j+b,c}",
      truth: "holds",
      target: "dW",
      why: "W_{a,b,c,k} multiplies X^{(m_i)}_{i+a,j+b,c} in Z^{(m_i)}_{i,j,k} and nowhere else in it; checked through the chain rule: Σ_{m_i,i,j} ∂J/∂Z^{(m_i)}_{i,j,k} times this derivative is the kernel gradient",
      claimed: dWsum,
    },
    {
      line: 51,
      snippet: "\\frac{\\partial{Z^{(m_i)}_{i,j,k}}}{\\partial{b_{k}}} = 1",
      truth: "holds",
      target: "db",
      why: "b_k is added once, with coefficient 1, to every Z^{(m_i)}_{i,j,k}; checked through the chain rule: Σ_{m_i,i,j} ∂J/∂Z^{(m_i)}_{i,j,k} × 1 is the bias gradient",
      claimed: dbSum,
    },
    {
      line: 59,
      snippet: "\\frac{\\partial{J}}{\\partial{W_{a,b,c,k}}} = \\frac{1}{m} \\sum_{m_i} \\sum_i \\sum_j",
      truth: "fails",
      target: "dW",
      why: "the chain rule gives Σ_{m_i,i,j} ∂J/∂Z^{(m_i)}_{i,j,k} X^{(m_i)}_{i+a,j+b,c} with no 1/m: ∂J/∂Z is already the derivative of the batch-averaged J, so the extra 1/m averages twice (half the gradient with m = 2)",
      claimed: (v, idx) => qmul(HALF, dWsum(v, idx)),
    },
    {
      line: 61,
      snippet: "\\frac{\\partial{J}}{\\partial{b_k}} = \\frac{1}{m} \\sum_{m_i} \\sum_i \\sum_j",
      truth: "fails",
      target: "db",
      why: "the bias gradient is Σ_{m_i,i,j} ∂J/∂Z^{(m_i)}_{i,j,k}, with no 1/m (∂J/∂Z already carries J's averaging): half of it with m = 2",
      claimed: (v, idx) => qmul(HALF, dbSum(v, idx)),
    },
    {
      line: 74,
      snippet:
        "\\frac{\\partial{J}}{\\partial{X^{(m_i)}_{i,j,c}} } = \\sum_k \\sum_a \\sum_b  \\frac{\\partial{J}}{\\partial{Z^{(m_i)}_{i-a,j-b,k}} } * W_{a,b,c}",
      truth: "fails",
      target: "dX",
      why: "the weight is written W_{a,b,c}, without the filter index k the sum runs over: as written one weight (here filter 0's) multiplies every map's ∂J/∂Z_{i-a,j-b,k}; the gradient needs W_{a,b,c,k} (with it, and ∂J/∂Z read 0 off the output, the formula holds)",
      claimed: (v, [n, c, i, j]) =>
        sum(0, CO - 1, (k) =>
          sum(0, F - 1, (a) => sum(0, F - 1, (b) => qmul(v.dy(n!, k, i! - a, j! - b), v.w(0, c!, a, b)))),
        ),
    },
  ],
};
export default src;
