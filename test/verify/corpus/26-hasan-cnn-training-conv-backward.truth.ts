/**
 * M. R. Hasan (GitHub: rhasanbd, University of Nebraska-Lincoln), "CNN - Training - II", notebook 7 of his Jupyter
 * course "Convolutional Neural Networks" (2021; read at the 2022 commit): the backward pass of a multi-channel
 * convolution layer with one bias per filter.
 * Layer: the notebook's own names — the input map Y (layer l−1, Y(i, j, k_in), CHANNELS LAST), the filters
 * W(i', j', k_in, k) (spatial, input channel, filter), the output Z(i, j, k) with bias b_k — every index 0-based
 * ("the indexing on the map Y(i, j, k_in) begins from 0, 0"), the forward pass a cross-correlation (line 258:
 * Y(i s_h + i', j s_w + j', k_in) W(i', j', k_in, k), no flip). Its worked example: a 5×5 input map, 3×3 filters,
 * stride 1 (lines 91, 254, 295: "The 3 x 3 filter W convolves with the 5 x 5 input map Y with stride 1 to produce
 * the 3 x 3 output map Z"), no padding; the stride-1 layer is the one every gradient formula is stated for (the
 * stride > 1 cells only say in words how to adjust). n_k input channels and f_k filters are not given numbers:
 * chosen here n_k = 2, f_k = 3. L is the loss, ∂L/∂Z(i, j, k) is v.dy(k, i, j).
 * Oracle layout: v.x(k_in, i, j) = Y(i, j, k_in), v.w(k, k_in, i', j') = W(i', j', k_in, k), v.dy(k, i, j), v.b(k).
 *
 * The notebook's mistakes, read literally:
 * - It builds each gradient "progressively", and writes every stage as an equation: the chain rule with no sum
 *   (lines 81, 236, 281: ∂L/∂Y(i, j, k_in) = ∂L/∂Z(i', j', k) × ∂Z(i', j', k)/∂Y(i, j, k_in)), one product of
 *   the forward sum as if it were the whole output (lines 95, 99, 109, 263: Z(0, 0, k) = Y(2, 2, k_in) W(2, 2, k_in, k)),
 *   one term as if it were the whole input gradient (lines 153, 157), and a local derivative ∂Z(i', j', k)/∂Y(i, j, k_in)
 *   set equal to a sum over the very indices it names (lines 119, 125, 275) — where Σ_{i',j'} ∂Z(i', j', k)/∂Y(i, j, k_in)
 *   was meant. Each is false as written (a single term is not the sum of 9·n_k products + b_k, nor of the ≥ f_k terms
 *   of a gradient entry): truth "fails". Where the written side leaves i', j', k or k_in free, the translation fixes
 *   them (noted at each); every choice fails the same way.
 * - Line 131 writes the local derivative without its ∂'s: Z(i', j', k)/Y(i, j, k_in), a ratio of two values.
 * - Line 258 sums k_in from 0 to n_k (n_k + 1 channels of n_k); the extra term names Y(·, ·, n_k) and W(·, ·, n_k, k),
 *   outside both tensors, read as 0 (the readers return 0 outside, as 07's and 25's bounds are read): it holds.
 * - Line 283 sums the kernel gradient over i = 0..f_h−1, j = 0..f_w−1 — the filter's size, where the output's
 *   (0..n_h−1 of Z) is meant; in the notebook's example (5×5 input, 3×3 filter, stride 1) Z is 3×3 as the filter
 *   is, so it holds for the layer checked here (at other sizes it would not).
 * Right: the local derivatives (lines 113, 267), the summed input gradient (line 133, stride 1), the forward pass
 * (line 258), the kernel gradient (line 283) and its "convolution" form (line 287, ∂L/∂Z(k) * Y(k_in), which the
 * notebook explains as sliding the 3×3 Z-derivative map over the 5×5 input map Y — the sliding window of its forward
 * pass, so entry (i', j') is Σ_{i,j} ∂L/∂Z(i, j, k) Y(i + i', j + j', k_in)).
 * Lines 39 and 45 are about the activation after this layer (there Y(i, j, k) = f(Z(i, j, k)) is layer l's activated
 * output, not the input map Y of layer l−1): "other". Not found by verify, so not listed: the update rules with ←
 * (lines 25, 26) and the size of the Y-derivative map, (n_h + f_h − 1) × (n_w + f_w − 1) (line 193, right: 3 + 3 − 1 = 5).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { q, qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const H = 5, W = 5, FH = 3, FW = 3, NK = 2, FK = 3, S = 1;
const NH = H - FH + 1, NW = W - FW + 1; // 3 × 3

/** Z(i, j, k) = b_k + Σ_{i'=0}^{f_h−1} Σ_{j'=0}^{f_w−1} Σ_{k_in=0}^{n_k} Y(i s_h + i', j s_w + j', k_in) W(i', j', k_in, k) (k_in = n_k reads 0). */
const fwd = (v: Access, [k, i, j]: number[]): Q =>
  qadd(v.b(k!), sum(0, FH - 1, (ip) => sum(0, FW - 1, (jp) => sum(0, NK, (kin) => qmul(v.x(kin, i! * S + ip, j! * S + jp), v.w(k!, kin, ip, jp))))));
/** Σ_k Σ_{i'} Σ_{j'} ∂L/∂Z(i', j', k) W(i − i', j − j', k_in, k) over every output (W is 0 outside the filter). */
const dY = (v: Access, [kin, i, j]: number[]): Q =>
  sum(0, FK - 1, (k) => sum(0, NH - 1, (ip) => sum(0, NW - 1, (jp) => qmul(v.dy(k, ip, jp), v.w(k, kin!, i! - ip, j! - jp)))));
/** Σ_{i=0}^{f_h−1} Σ_{j=0}^{f_w−1} ∂L/∂Z(i, j, k) Y(i s_h + i', j s_w + j', k_in). */
const dW = (v: Access, [k, kin, ip, jp]: number[]): Q =>
  sum(0, FH - 1, (i) => sum(0, FW - 1, (j) => qmul(v.dy(k!, i, j), v.x(kin!, i * S + ip!, j * S + jp!))));

/** a / b (exact). */
const qdiv = (a: Q, b: Q): Q => q(a.n * b.d, a.d * b.n);

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
/** A statement about a local derivative (no tensor of the layer as its target). */
const local = (line: number, snippet: string, truth: "holds" | "fails", why: string): TruthEquation => ({ line, snippet, truth, why });

const src: CorpusSource = {
  file: "26-hasan-cnn-training-conv-backward.md",
  citation:
    "M. R. Hasan (GitHub: rhasanbd; University of Nebraska-Lincoln), \"CNN - Training - II\", notebook 7 of the Jupyter-notebook course \"Convolutional Neural Networks\", repository rhasanbd/Convolutional-Neural-Networks, file CNN-7-Training-II.ipynb (uploaded January 2021), read at commit fa6a49647dd56559cbe9fe5f88539e18f87ce9f2 (31 December 2022): the backward computation of the Conv layer, Task 1 (∂L/∂Y of layer l−1) and Task 2 (∂L/∂W)",
  url: "https://github.com/rhasanbd/Convolutional-Neural-Networks/blob/fa6a49647dd56559cbe9fe5f88539e18f87ce9f2/CNN-7-Training-II.ipynb",
  flags: ["--input", "5x5", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0", "--in-channels", "2", "--out-channels", "3", "--bias"],
  layer: { op: "xcorr", input: [H, W], kernel: [FH, FW], stride: [S, S], dilation: [1, 1], padding: "valid", inChannels: NK, outChannels: FK, groups: 1, batch: null, bias: true, indexBase: 0 },
  indexBase: 0,
  equations: [
    other(39, "Y(i, j, k) = f(Z(i, j, k))", "the activation of layer l: its Y is the activated output f(Z), not the input map Y of layer l−1"),
    other(45, "\\frac{\\partial \\mathcal{L}}{\\partial Z(i, j, k)} = \\frac{\\partial \\mathcal{L}}{\\partial Y(i, j, k)} f^{'}(Z(i, j, k))",
      "the chain rule through the activation Y = f(Z) after this layer (Y here is layer l's activated output), not a statement about the convolution's gradients"),
    { line: 81, snippet: "\\frac{\\partial \\mathcal{L}}{\\partial Y(i, j, k_{in})} = \\frac{\\partial \\mathcal{L}}{\\partial Z(i^{'}, j^{'}, k)}\\times \\frac{\\partial Z(i^{'}, j^{'}, k)}", truth: "fails", target: "dX",
      why: "the chain rule without its sum: ∂L/∂Y(i, j, k_in) is Σ_k Σ_{i'} Σ_{j'} of such products (Steps 2 and 3 add them); one product (translated with i' = j' = k = 0, so ∂Z/∂Y = W(i, j, k_in, 0)) is not the gradient",
      claimed: (v, [kin, i, j]) => qmul(v.dy(0, 0, 0), v.w(0, kin!, i!, j!)) },
    { line: 95, snippet: "Z(0, 0, k) = Y(2, 2, k_{in})W(2, 2, k_{in}, k)", truth: "fails", target: "Y",
      why: "Y(2, 2, k_in)·W(2, 2, k_in, k) is the one product of Z(0, 0, k)'s window that involves Y(2, 2, k_in); Z(0, 0, k) is b_k plus all 9·n_k products (k_in = 0 in the translation)",
      claimed: (v, [k, i, j]) => (i === 0 && j === 0 ? qmul(v.x(0, 2, 2), v.w(k!, 0, 2, 2)) : fwd(v, [k!, i!, j!])) },
    { line: 99, snippet: "Z(1, 0, k) = Y(2, 2, k_{in})W(1, 2, k_{in}, k)", truth: "fails", target: "Y",
      why: "the pairing is right (Z(1, 0, k) meets Y(1 + i', j') under W(i', j'), so Y(2, 2) under W(1, 2)), but it is one product of Z(1, 0, k)'s b_k + 9·n_k (k_in = 0 in the translation)",
      claimed: (v, [k, i, j]) => (i === 1 && j === 0 ? qmul(v.x(0, 2, 2), v.w(k!, 0, 1, 2)) : fwd(v, [k!, i!, j!])) },
    { line: 109, snippet: "Z(i^{'}, j^{'}, k) = Y(i, j, k_{in}) W(i - i^{'}, j - j^{'}, k_{in}, k)", truth: "fails", target: "Y",
      why: "one product of the window (the one through Y(i, j, k_in)) written as the whole output entry; translated with i = i', j = j', k_in = 0: Y(i', j', 0) W(0, 0, 0, k)",
      claimed: (v, [k, ip, jp]) => qmul(v.x(0, ip!, jp!), v.w(k!, 0, 0, 0)) },
    local(113, "\\frac{\\partial Z(i^{'}, j^{'}, k)}{\\partial Y(i, j, k_{in})} = W(i - i^{'}, j - j^{'}, k_{in}, k)", "holds",
      "with stride 1, Y(i, j, k_in) meets Z(i', j', k) exactly under the filter entry W(i − i', j − j', k_in, k) (0 when that is outside the 3×3 filter): the local derivative of the forward sum (line 258)"),
    local(119, "\\frac{\\partial Z(i^{'}, j^{'}, k)}{\\partial Y(i, j, k_{in})} = \\sum_{i^{'}}\\sum_{j^{'}}W(i - i^{'}, j - j^{'}, k_{in}, k)", "fails",
      "the left side is one local derivative, W(i − i', j − j', k_in, k) (line 113); the right side sums the filter entries over every output position, e.g. all nine W(·, ·, k_in, k) at (i, j) = (2, 2) — Σ_{i',j'} ∂Z(i', j', k)/∂Y(i, j, k_in) was meant"),
    local(125, "\\frac{\\partial Z(i^{'}, j^{'}, k)}{\\partial Y(i, j, k_{in})} = \\sum_{k}\\sum_{i^{'}}\\sum_{j^{'}}W(i - i^{'}, j - j^{'}, k_{in}, k)", "fails",
      "as line 119, summed over the filters k too: one local derivative set equal to the sum of the filter entries of all f_k filters"),
    { line: 131, snippet: "\\frac{\\partial \\mathcal{L}}{\\partial Y(i, j, k_{in})} = \\frac{\\partial \\mathcal{L}}{\\partial Z(i^{'}, j^{'}, k)} \\times \\frac{Z(i^{'}, j^{'}, k)}{Y(i, j, k_{in})}", truth: "fails", target: "dX",
      why: "the chain rule with neither its sum nor its ∂'s: Z(i', j', k)/Y(i, j, k_in) is a ratio of two values, not the local derivative W(i − i', j − j', k_in, k); translated with i' = j' = k = 0",
      claimed: (v, [kin, i, j]) => qmul(v.dy(0, 0, 0), qdiv(v.y(0, 0, 0), v.x(kin!, i!, j!))) },
    { line: 133, snippet: "\\frac{\\partial \\mathcal{L}}{\\partial Y(i, j, k_{in})} = \\sum_{k}\\sum_{i^{'}}\\sum_{j^{'}}\\frac{\\partial \\mathcal{L}}{\\partial Z(i^{'}, j^{'}, k)} \\times W(i - i^{'}, j - j^{'}, k_{in}, k)", truth: "holds", target: "dX",
      why: "the chain rule over every output Z(i', j', k) with the local derivative of line 113 (W is 0 outside the filter): the stride-1 input gradient",
      claimed: dY },
    { line: 153, snippet: "\\frac{\\partial \\mathcal{L}}{\\partial Y(2, 2, k_{in})} = \\frac{\\partial \\mathcal{L}}{\\partial Z(0, 0, k)} \\times W(2, 2, k_{in}, k)", truth: "fails", target: "dX",
      why: "one term of ∂L/∂Y(2, 2, k_in), which is Σ_k over all nine outputs (Y(2, 2) lies in every 3×3 window); translated with k = 0",
      claimed: (v, [kin, i, j]) => (i === 2 && j === 2 ? qmul(v.dy(0, 0, 0), v.w(0, kin!, 2, 2)) : dY(v, [kin!, i!, j!])) },
    { line: 157, snippet: "\\frac{\\partial \\mathcal{L}}{\\partial Y(2, 2, k_{in})} = \\frac{\\partial \\mathcal{L}}{\\partial Z(1, 0, k)} \\times W(1, 2, k_{in}, k)", truth: "fails", target: "dX",
      why: "another single term of ∂L/∂Y(2, 2, k_in) (the right pairing: Z(1, 0) meets Y(2, 2) under W(1, 2)), written as the whole entry; translated with k = 0",
      claimed: (v, [kin, i, j]) => (i === 2 && j === 2 ? qmul(v.dy(0, 1, 0), v.w(0, kin!, 1, 2)) : dY(v, [kin!, i!, j!])) },
    { line: 236, snippet: "\\frac{\\partial \\mathcal{L}}{\\partial W(i^{'}, j^{'}, k_{in}, k)} = \\frac{\\partial \\mathcal{L}}{\\partial Z(i, j, k)}\\times \\frac{\\partial Z(i, j, k)}{\\partial W(i^{'}, j^{'}, k_{in}, k)}", truth: "fails", target: "dW",
      why: "the chain rule without its sum over the outputs (i, j) (Step 2 adds it): one product, here with i = j = 0, ∂L/∂Z(0, 0, k) Y(i', j', k_in), is not the kernel gradient",
      claimed: (v, [k, kin, ip, jp]) => qmul(v.dy(k!, 0, 0), v.x(kin!, ip!, jp!)) },
    { line: 258, snippet: "Z(i, j, k) = b_k + \\sum_{i^{'}=0}^{f_h-1}\\sum_{j^{'}=0}^{f_w-1}\\sum_{k_{in}=0}^{n_k}Y(i\\times s_h + i^{'},", truth: "holds", target: "Y",
      why: "the forward pass of a cross-correlation with a bias per filter (* a product; s_h = s_w = 1 in the example); k_in = n_k names no channel and reads 0",
      claimed: fwd },
    { line: 263, snippet: "Z(i, j, k) = b_k + Y(i\\times s_h + i^{'},j\\times s_w + j^{'}, k_{in}) * W(i^{'}, j^{'}, k_{in}, k)", truth: "fails", target: "Y",
      why: "\"we focus on just one input map value\": one product of the forward sum written as Z(i, j, k); translated with i' = j' = k_in = 0",
      claimed: (v, [k, i, j]) => qadd(v.b(k!), qmul(v.x(0, i! * S, j! * S), v.w(k!, 0, 0, 0))) },
    local(267, "\\frac{\\partial Z(i, j, k)}{\\partial W(i^{'}, j^{'}, k_{in}, k)} = Y(i\\times s_h + i^{'},j\\times s_w + j^{'}, k_{in})", "holds",
      "W(i', j', k_in, k) multiplies Y(i s_h + i', j s_w + j', k_in) in Z(i, j, k) and nowhere else in it: the local derivative of the forward sum"),
    local(275, "\\frac{\\partial Z(i, j, k)}{\\partial W(i^{'}, j^{'}, k_{in}, k)} = \\sum_{i=0}^{f_h - 1} \\sum_{j=0}^{f_w - 1}Y(i\\times s_h + i^{'},j\\times s_w + j^{'}, k_{in})", "fails",
      "the left side is one local derivative, Y(i s_h + i', j s_w + j', k_in) (line 267); the right side sums the input over all nine windows — the sum over the outputs belongs to ∂L/∂W, with ∂L/∂Z(i, j, k) as weights"),
    { line: 281, snippet: "\\frac{\\partial \\mathcal{L}}{\\partial W(i^{'}, j^{'}, k_{in}, k)} = \\frac{\\partial \\mathcal{L}}{\\partial Z(i, j, k)}\\times \\frac{\\partial Z(i, j, k)}{\\partial W(i^{'}, j^{'}, k_{in}, k)}", truth: "fails", target: "dW",
      why: "line 236 repeated (\"Previously we have shown\"): the chain rule without its sum; one product, here with i = j = 0",
      claimed: (v, [k, kin, ip, jp]) => qmul(v.dy(k!, 0, 0), v.x(kin!, ip!, jp!)) },
    { line: 283, snippet: "\\frac{\\partial \\mathcal{L}}{\\partial W(i^{'}, j^{'}, k_{in}, k)} = \\sum_{i=0}^{f_h - 1} \\sum_{j=0}^{f_w - 1}\\frac{\\partial \\mathcal{L}}{\\partial Z(i, j, k)}", truth: "holds", target: "dW",
      why: "the chain rule over the outputs with the local derivative of line 267; the bounds are the filter's size, f_h − 1 = f_w − 1 = 2, which here is the output's too (3×3 Z from a 5×5 map and a 3×3 filter at stride 1)",
      claimed: dW },
    { line: 287, snippet: "\\frac{\\partial \\mathcal{L}}{\\partial W(i^{'}, j^{'}, k_{in}, k)} = \\frac{\\partial \\mathcal{L}}{\\partial Z(k)}* Y(k_{in})", truth: "holds", target: "dW",
      why: "the notebook's \"convolution\" is the sliding window of its forward pass, and it says which map slides: \"we convolve the 3 x 3 Z derivative matrix at layer l over the 5 x 5 input map Y\"; entry (i', j') is Σ_{i,j} ∂L/∂Z(i, j, k) Y(i + i', j + j', k_in), line 283",
      claimed: (v, [k, kin, ip, jp]) => sum(0, NH - 1, (i) => sum(0, NW - 1, (j) => qmul(v.dy(k!, i, j), v.x(kin!, i + ip!, j + jp!)))) },
  ],
};
export default src;
