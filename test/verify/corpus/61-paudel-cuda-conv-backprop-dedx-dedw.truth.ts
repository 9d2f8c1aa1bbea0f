/**
 * Firoj Paudel, "Summary of Day 54" and "Summary of Day 55": two days of his Markdown learning log
 * "100_days_of_CUDA" (repository Firojpaudel/100_days_of_CUDA, files Day_54/README.md and Day_55/README.md,
 * March 2025) — the back-propagation of a convolution layer worked out before writing its CUDA kernels: on day
 * 54 the input gradient ∂E/∂X (forward pass in index notation, chain rule, local derivative, the sum over the
 * output positions a given input touches, then the "flipped kernel" form), on day 55 the kernel gradient ∂E/∂W
 * (chain rule, local derivative, final expression).
 * Layer: multi-channel, stride 1, no padding (both pages: "assuming the stride of 1 and no padding"), 0-based
 * (the sums run c = 0 … C − 1, p, q = 0 … K − 1, h_out = 0 … H_out − 1), a cross-correlation
 * Y[m, h_out, w_out] = Σ_{c,p,q} W[m, c, p, q] X[c, h_out + p, w_out + q], W of shape [M, C, K, K], no bias (day
 * 55 leaves "handling biases" to a later day). Sizes are the pages' letters C, M, H_in, W_in, K; we choose
 * C = 2 input channels, M = 2 output channels, a 4×4 input and a 3×3 kernel, so Y is 2×2 per channel. X[c, h, w]
 * is v.x(c, h, w), W[m, c, p, q] is v.w(m, c, p, q), ∂E/∂Y[m, h', w'] is v.dy(m, h', w'). The pages write h' (and
 * h^′, h^\prime) for h_out.
 * The pages' mistakes, both on day 54: the "substituting and simplifying" sum (line 58) has ∂E/∂X[m, h′, w′]
 * where the chain rule of line 35 has ∂E/∂Y[m, h′, w′] — as written it multiplies the kernel by the input
 * gradient itself, at the output channel's index; and the final "flipped kernel" equation (line 63) flips twice:
 * it pairs ∂E/∂Y[m, h − p, w − q] with W[m, c, K − 1 − p, K − 1 − q], where the sum it simplifies (line 58, with
 * p = h − h′) pairs ∂E/∂Y[m, h − p, w − q] with W[m, c, p, q] — the index shift h − p is already the flip; the
 * extra K − 1 − p turns it back into a shifted correlation (right only for K = 1).
 * Everything else holds: the output size (lines 19, 78), the forward pass (24, 82), the two chain rules (35,
 * 90), the local derivatives ∂Y/∂X = W[m, c, p, q] = W[m, c, h − h′, w − w′] (54–55, with p = h − h′, q = w − w′
 * as line 42 solves them, "when these conditions hold": 0 ≤ p, q < K, else 0) and ∂Y/∂W = X[c, h_out + p,
 * w_out + q] (96), each checked through its chain rule as corpus 31's line 145; the kernel gradient (104, 128)
 * and its accumulation in the code (120, summed over the loops over all h_out, w_out the page describes).
 * Line 58's range is read with the page's own next sentence: h′ from max(0, h − K + 1) to min(h, H_out − 1).
 * Other: the alignment condition h′ + p = h, w′ + q = w (line 39) and its solution p = h − h′, q = w − w′
 * (line 42), relations between indices.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const C = 2,
  M = 2,
  H = 4,
  K = 3; // 2 → 2 channels, 4×4 input, 3×3 kernel
const HO = H - K + 1; // 2×2 output

/** Σ_{c,p,q} W[m,c,p,q] X[c, h_out + p, w_out + q]: the forward pass (lines 24, 82). */
const fwd = (v: Access, [m, ho, wo]: number[]): Q =>
  sum(0, C - 1, (c) => sum(0, K - 1, (p) => sum(0, K - 1, (q) => qmul(v.w(m!, c, p, q), v.x(c, ho! + p, wo! + q)))));
/** Σ_m Σ_{h',w' over the output} ∂E/∂Y[m,h',w'] W[m, c, h − h', w − w'] (W read 0 off the kernel): the input gradient. */
const dXchain = (v: Access, [c, h, w]: number[]): Q =>
  sum(0, M - 1, (m) =>
    sum(0, HO - 1, (h1) => sum(0, HO - 1, (w1) => qmul(v.dy(m, h1, w1), v.w(m, c!, h! - h1, w! - w1)))),
  );
/** The layer's true input gradient at channel c, from the output gradient (used to read line 58 as written). */
const dXtrue = (v: Access, c: number, h: number, w: number): Q =>
  c < 0 || c >= C || h < 0 || h >= H || w < 0 || w >= H ? Q0 : dXchain(v, [c, h, w]);
/** Σ_{h_out,w_out} ∂E/∂Y[m,h_out,w_out] X[c, h_out + p, w_out + q]: the kernel gradient. */
const dW = (v: Access, [m, c, p, q]: number[]): Q =>
  sum(0, HO - 1, (ho) => sum(0, HO - 1, (wo) => qmul(v.dy(m!, ho, wo), v.x(c!, ho + p!, wo + q!))));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const size = (line: number, snippet: string): TruthEquation => ({
  line,
  snippet,
  truth: "holds",
  target: "size",
  why: "stride 1, no padding: a K-wide window fits H_in − K + 1 times along a side of H_in (4 − 3 + 1 = 2 here)",
});

const src: CorpusSource = {
  file: "61-paudel-cuda-conv-backprop-dedx-dedw.md",
  citation:
    'Firoj Paudel (GitHub: Firojpaudel), "Summary of Day 54" and "Summary of Day 55", two days of his Markdown learning log "100_days_of_CUDA", repository Firojpaudel/100_days_of_CUDA, files Day_54/README.md (commit 5151fbb453a43ae8a460ff7f2828bb7615a1ef33, 22 March 2025) and Day_55/README.md (commit a14f3424223871755843af895d8da4b97c8d1ec3, 23 March 2025), read at commit a14f3424223871755843af895d8da4b97c8d1ec3: the whole of both (∂E/∂X by the chain rule to a flipped-kernel sum; ∂E/∂W by the chain rule)',
  url: "https://github.com/Firojpaudel/100_days_of_CUDA/blob/a14f3424223871755843af895d8da4b97c8d1ec3/Day_54/README.md",
  flags: [
    "--input",
    "4x4",
    "--kernel",
    "3x3",
    "--op",
    "xcorr",
    "--index-base",
    "0",
    "--in-channels",
    "2",
    "--out-channels",
    "2",
  ],
  layer: {
    op: "xcorr",
    input: [H, H],
    kernel: [K, K],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "valid",
    inChannels: C,
    outChannels: M,
    groups: 1,
    batch: null,
    bias: false,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    size(19, "H_\\text{out} = H_\\text{in}−K+1"),
    size(19, "W_\\text{out}=W_\\text{in}−K+1"),
    {
      line: 24,
      snippet:
        "Y[m,h_\\text{out},w_\\text{out}] = \\sum_{c=0}^{C-1}\\sum_{p=0}^{K-1}\\sum_{q=0}^{K-1}W[m,c,p,q] \\cdot X[c, (h_\\text{out}+ p), (w_\\text{out} + q)]",
      truth: "holds",
      target: "Y",
      why: "the layer's forward pass: a multi-channel cross-correlation, no bias, stride 1, no padding",
      claimed: fwd,
    },
    {
      line: 35,
      snippet: "\\frac{\\partial E}{\\partial X[c,h, w]} = \\sum_m \\sum_{h_\\text{out}} \\sum_{w_\\text{out}}",
      truth: "holds",
      target: "dX",
      why: "the chain rule over every output Y[m, h_out, w_out]; ∂Y[m, h_out, w_out]/∂X[c, h, w] = W[m, c, h − h_out, w − w_out] where that is in the kernel, 0 elsewhere",
      claimed: dXchain,
    },
    other(39, "h^′+p=h", "the condition under which X[c, h, w] enters Y[m, h′, w′] (an index relation)"),
    other(39, "w^′+q=w", "the same condition along the width (an index relation)"),
    other(
      42,
      "p = h - h^\\prime",
      "the kernel offset solved from h′ + p = h: it names p for the local derivative of lines 54–55",
    ),
    other(42, "q= w - w^\\prime", "the kernel offset solved from w′ + q = w"),
    {
      line: 54,
      snippet: "\\frac{\\partial Y[m, h', w']}{\\partial X[c, h, w]} = W[m,c,p,q]",
      truth: "holds",
      target: "dX",
      why: "X[c, h, w] enters Y[m, h′, w′] once, under W[m, c, p, q] with p = h − h′, q = w − w′ (line 42), when 0 ≤ p, q < K (the page's 'when these conditions hold'); checked through line 35's chain rule",
      claimed: dXchain,
    },
    {
      line: 55,
      snippet: "=W[m, c, h - h', w - w']",
      truth: "holds",
      target: "dX",
      why: "W[m, c, p, q] with line 42's p = h − h′, q = w − w′ substituted; checked through line 35's chain rule",
      claimed: dXchain,
    },
    {
      line: 58,
      snippet:
        "\\frac{\\partial E}{\\partial X[c, h, w]} = \\sum_{m=0}^{M-1} \\sum_{h' = h - K + 1}^{h} \\sum_{w' = w - K + 1}^{w} \\frac{\\partial E}{\\partial X[m, h^\\prime, w^\\prime]}",
      truth: "fails",
      target: "dX",
      why: "as written it sums ∂E/∂X[m, h′, w′] — the input gradient, at the output channel's index — times W[m, c, h − h′, w − w′]; the chain rule of line 35 has ∂E/∂Y[m, h′, w′] there",
      claimed: (v, [c, h, w]) =>
        sum(0, M - 1, (m) =>
          sum(Math.max(0, h! - K + 1), Math.min(h!, HO - 1), (h1) =>
            sum(Math.max(0, w! - K + 1), Math.min(w!, HO - 1), (w1) =>
              qmul(dXtrue(v, m, h1, w1), v.w(m, c!, h! - h1, w! - w1)),
            ),
          ),
        ),
    },
    {
      line: 63,
      snippet: "\\frac{\\partial E}{\\partial X[c, h, w]} =",
      truth: "fails",
      target: "dX",
      why: "the index shift h − p already flips the kernel (line 58 with p = h − h′ pairs ∂E/∂Y[m, h − p, w − q] with W[m, c, p, q]); flipping W again, to W[m, c, K − 1 − p, K − 1 − q], gives a shifted correlation, wrong for K > 1",
      claimed: (v, [c, h, w]) =>
        sum(0, M - 1, (m) =>
          sum(0, K - 1, (p) => sum(0, K - 1, (q) => qmul(v.dy(m, h! - p, w! - q), v.w(m, c!, K - 1 - p, K - 1 - q)))),
        ),
    },
    size(78, "H_\\text{out} = H_\\text{in} - K + 1"),
    size(78, "W_\\text{out} = W_\\text{in} - K + 1"),
    {
      line: 82,
      snippet:
        "Y[m, h_\\text{out}, w_\\text{out}] = \\sum_{c=0}^{C-1} \\sum_{p=0}^{K-1} \\sum_{q=0}^{K-1} W[m, c, p, q] \\cdot X[c, (h_\\text{out} + p), (w_\\text{out} + q)]",
      truth: "holds",
      target: "Y",
      why: "day 55 repeats day 54's forward pass",
      claimed: fwd,
    },
    {
      line: 90,
      snippet: "\\frac{\\partial E}{\\partial W[m, c, p, q]} = \\sum_{h_\\text{out}} \\sum_{w_\\text{out}}",
      truth: "holds",
      target: "dW",
      why: "W[m, c, p, q] enters every output Y[m, h_out, w_out] of its channel m: the chain rule over them, with the local derivative X[c, h_out + p, w_out + q] of line 96",
      claimed: dW,
    },
    {
      line: 96,
      snippet:
        "\\frac{\\partial Y[m, h_\\text{out}, w_\\text{out}]}{\\partial W[m, c, p, q]} = X[c, (h_\\text{out} + p), (w_\\text{out} + q)]",
      truth: "holds",
      target: "dW",
      why: "W[m, c, p, q] multiplies X[c, h_out + p, w_out + q] in Y[m, h_out, w_out] and nowhere else in it; checked through line 90's chain rule",
      claimed: dW,
    },
    {
      line: 104,
      snippet:
        "\\frac{\\partial E}{\\partial W[m, c, p, q]} = \\sum_{h_\\text{out}=0}^{H_\\text{out}-1} \\sum_{w_\\text{out}=0}^{W_\\text{out}-1}",
      truth: "holds",
      target: "dW",
      why: "the kernel gradient: the output gradient of channel m correlated with input channel c over all H_out × W_out positions",
      claimed: dW,
    },
    {
      line: 120,
      snippet:
        "dE_dW[m, c, p, q] += dE_dY[m, h_\\text{out}, w_\\text{out}] \\cdot X[c, h_\\text{out} + p, w_\\text{out} + q]",
      truth: "holds",
      target: "dW",
      why: "the code's accumulation, over the inner loops the page describes (h_out from 0 to H_out − 1, w_out from 0 to W_out − 1), from zero: its sum is the kernel gradient of line 104",
      claimed: dW,
    },
    {
      line: 128,
      snippet:
        "\\frac{\\partial E}{\\partial W[m, c, p, q]} = \\sum_{h_\\text{out}=0}^{H_\\text{out}-1} \\sum_{w_\\text{out}=0}^{W_\\text{out}-1}",
      truth: "holds",
      target: "dW",
      why: "the final expression, line 104 again",
      claimed: dW,
    },
  ],
};
export default src;
