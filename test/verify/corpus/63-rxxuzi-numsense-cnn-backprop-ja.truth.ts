/**
 * rxxuzi (GitHub), "NumSense": the Japanese-language README of his from-scratch Java CNN for hand-written digits
 * (repository rxxuzi/NumSense, README.md, read at commit 510b77762cff5fdcac90b5152fb2d7683f5c6b2c) — the forward
 * pass of a convolution layer in index notation (channels last: X_{h,w,c}, W_{m,n,c,k}, Y_{i,j,k}), then, under
 * 逆伝播, the kernel gradient (相関演算) and the input gradient (転置畳み込み) in index notation, beside the ReLU,
 * max-pooling, fully-connected, softmax and cross-entropy formulas of the rest of the network.
 * Layer: the README's formulas are general in the stride s and carry a bias b_k and C input channels; its network's
 * Conv1/Conv2 use stride 1 and padding 1, but the formulas have no padding term (X_{i·s+m, j·s+n, c} is the unpadded
 * input), so we take a layer the formulas describe as written: no padding, a small choice of sizes that exercises
 * the stride — stride 2, 2 input and 2 output channels, a 5×5 input, a 3×3 kernel (M = N = 3), a 2×2 output, with
 * a bias, a cross-correlation, 0-based (the sums run from 0 to M − 1). The source's X_{h,w,c} is v.x(c, h, w), its
 * W_{m,n,c,k} is v.w(k, c, m, n), its Y_{i,j,k} and ∂L/∂Y_{i,j,k} are v.y / v.dy(k, i, j) (convgrad's [C, H, W] and
 * [C_out, C_in, kH, kW] layouts); the claimed functions receive the target's index in those layouts.
 * The source's mistakes: none in the convolution layer's formulas. The forward pass (line 46) and the kernel
 * gradient (line 125) hold as written for any stride. The input gradient (line 128) leaves its (p, q) to words —
 * "ここで (p,q) は (i,j) に寄与する出力位置です" (the output position to which (i, j) contributes) — for each kernel
 * offset (m, n) that output position is p = (i − m)/s, q = (j − n)/s when these are whole numbers inside the output
 * (otherwise no term): read so, the formula holds (the stride-s transposed correlation). Its only slips are in
 * naming: N is both the kernel width (line 46) and the number of samples (line 96), C both input channels and the
 * number of classes, Y the pooling output (line 73) as well as the convolution's, and the network's padding of 1
 * is not in the formula.
 * Other: ReLU and its derivative (61, 64), max pooling (73), the fully-connected layer and its gradients (81, 114,
 * 117, 120), softmax (87, 90), the cross-entropy loss (96, 99), softmax + cross-entropy gradient (109): true
 * statements about other layers, not about the convolution's gradients.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const C = 2,
  KO = 2,
  H = 5,
  M = 3,
  S = 2; // 2 → 2 channels, 5×5 input, 3×3 kernel, stride 2
const HO = (H - M) / S + 1; // 2×2 output

/** Σ_{m,n,c} X_{i·s+m, j·s+n, c} W_{m,n,c,k} + b_k: the forward pass (line 46). */
const fwd = (v: Access, [k, i, j]: number[]): Q =>
  qadd(
    sum(0, M - 1, (m) =>
      sum(0, M - 1, (n) => sum(0, C - 1, (c) => qmul(v.x(c, i! * S + m, j! * S + n), v.w(k!, c, m, n)))),
    ),
    v.b(k!),
  );
/** Σ_{i,j} ∂L/∂Y_{i,j,k} X_{i·s+m, j·s+n, c}: the kernel gradient (line 125). */
const dW = (v: Access, [k, c, m, n]: number[]): Q =>
  sum(0, HO - 1, (i) => sum(0, HO - 1, (j) => qmul(v.dy(k!, i, j), v.x(c!, i * S + m!, j * S + n!))));
/** Σ_k Σ_{m,n} ∂L/∂Y_{p,q,k} W_{m,n,c,k}, (p, q) = ((i − m)/s, (j − n)/s) the output position (i, j) feeds (line 128). */
const dX = (v: Access, [c, i, j]: number[]): Q =>
  sum(0, KO - 1, (k) =>
    sum(0, M - 1, (m) =>
      sum(0, M - 1, (n) =>
        (i! - m) % S === 0 && (j! - n) % S === 0 ? qmul(v.dy(k, (i! - m) / S, (j! - n) / S), v.w(k, c!, m, n)) : Q0,
      ),
    ),
  );

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const fc = "a formula of the fully-connected layer (FC1, FC2), not of the convolution";

const src: CorpusSource = {
  file: "63-rxxuzi-numsense-cnn-backprop-ja.md",
  citation:
    'rxxuzi (GitHub: rxxuzi), "NumSense", the Japanese-language README of his Java CNN hand-written digit recognizer, repository rxxuzi/NumSense, file README.md, read at commit 510b77762cff5fdcac90b5152fb2d7683f5c6b2c: sections 概要, アーキテクチャ and 逆伝播 (the convolution\'s forward pass in index notation, its kernel and input gradients)',
  url: "https://github.com/rxxuzi/NumSense/blob/510b77762cff5fdcac90b5152fb2d7683f5c6b2c/README.md",
  flags: [
    "--input",
    "5x5",
    "--kernel",
    "3x3",
    "--stride",
    "2",
    "--op",
    "xcorr",
    "--index-base",
    "0",
    "--in-channels",
    "2",
    "--out-channels",
    "2",
    "--bias",
  ],
  layer: {
    op: "xcorr",
    input: [H, H],
    kernel: [M, M],
    stride: [S, S],
    dilation: [1, 1],
    padding: "valid",
    inChannels: C,
    outChannels: KO,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    {
      line: 46,
      snippet:
        "Y_{i,j,k} = \\sum_{m=0}^{M-1} \\sum_{n=0}^{N-1} \\sum_{c=0}^{C-1} X_{i \\cdot s + m, j \\cdot s + n, c}",
      truth: "holds",
      target: "Y",
      why: "the layer's forward pass: a multi-channel cross-correlation at stride s, no padding, plus the bias b_k of the output channel",
      claimed: fwd,
    },
    other(61, "f(x) = \\max(0, x)", "the ReLU activation, not the convolution"),
    other(64, "f'(x) = \\begin{cases}", "the ReLU's derivative, not the convolution's gradients"),
    other(
      73,
      "Y_{i,j} = \\max_{m,n \\in \\mathcal{R}_{i,j}} X_{m,n}",
      "max pooling (its own Y and X), not the convolution",
    ),
    other(81, "y = Wx + b", fc),
    other(87, "\\text{softmax}(x_i) = \\frac{\\exp(x_i)}", "the softmax function"),
    other(90, "\\text{softmax}(x_i) = \\frac{\\exp(x_i - \\max(x))}", "the numerically stable softmax"),
    other(96, "\\mathcal{L} = -\\sum_{i=1}^{N} \\sum_{c=1}^{C}", "the cross-entropy loss"),
    other(99, "\\mathcal{L} = -\\log(\\hat{y}_{i,t})", "the cross-entropy loss for a one-hot target"),
    other(
      109,
      "\\frac{\\partial \\mathcal{L}}{\\partial z_i} = \\hat{y}_i - y_i",
      "the softmax + cross-entropy gradient at the logits",
    ),
    other(
      114,
      "\\frac{\\partial \\mathcal{L}}{\\partial W} = \\frac{\\partial \\mathcal{L}}{\\partial y} \\cdot x^T",
      fc,
    ),
    other(117, "\\frac{\\partial \\mathcal{L}}{\\partial b} = \\frac{\\partial \\mathcal{L}}{\\partial y}", fc),
    other(
      120,
      "\\frac{\\partial \\mathcal{L}}{\\partial x} = W^T \\cdot \\frac{\\partial \\mathcal{L}}{\\partial y}",
      fc,
    ),
    {
      line: 125,
      snippet:
        "\\frac{\\partial \\mathcal{L}}{\\partial W_{m,n,c,k}} = \\sum_{i,j} \\frac{\\partial \\mathcal{L}}{\\partial Y_{i,j,k}}",
      truth: "holds",
      target: "dW",
      why: "W_{m,n,c,k} multiplies X_{i·s+m, j·s+n, c} in every output Y_{i,j,k} of channel k: the kernel gradient is Σ_{i,j} ∂L/∂Y_{i,j,k} X_{i·s+m, j·s+n, c} for any stride",
      claimed: dW,
    },
    {
      line: 128,
      snippet:
        "\\frac{\\partial \\mathcal{L}}{\\partial X_{i,j,c}} = \\sum_{k} \\sum_{m,n} \\frac{\\partial \\mathcal{L}}{\\partial Y_{p,q,k}}",
      truth: "holds",
      target: "dX",
      why: "with (p, q) the output position (i, j) contributes to under the offset (m, n), as the text says — i = p·s + m, j = q·s + n, p = (i − m)/s, q = (j − n)/s whole and inside the output, else no term — X_{i,j,c} enters exactly those Y_{p,q,k}, under W_{m,n,c,k}: the chain rule over them",
      claimed: dX,
    },
  ],
};
export default src;
