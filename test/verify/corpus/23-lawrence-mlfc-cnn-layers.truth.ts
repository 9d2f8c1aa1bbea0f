/**
 * Neil D. Lawrence, "Convolutional Neural Networks", lecture 05-02 (30 September 2025) of the ML Foundations course
 * (mlatcl/mlfc, reveal.js slides), section "Chain Rule for Layered CNN Architecture".
 * Layer: the slides' convolutional layer — input X of shape (B, C_in, H, W), filters of shape (C_out, C_in, K_h, K_w),
 * output of shape (B, C_out, H_out, W_out), Y[b,c,h,w] = Σ_{i,j,k} X[b,k,h+i,w+j]·F[c,k,i,j] + bias[c]: a
 * multi-channel, mini-batched cross-correlation (the filter is not flipped), stride 1, no padding (h+i stays inside
 * X), with one bias per output channel, every index 0-based (the course's code is numpy). The layouts are the
 * oracle's own: x(b, k, h, w), w(c, k, i, j), dy(b, c, h, w), b(c). The slides give the sizes only symbolically;
 * sizes chosen: batch B = 2, C_in = 2, C_out = 3, a 4×4 input and a 3×2 kernel (K_h = 3, K_w = 2), so the output is
 * 2×3. L is the loss; ∂L/∂\outputMatrix[b,c,h,w] ("Output gradient … from next layer") is v.dy(b, c, h, w).
 * The page leaves the lecture macros unexpanded (\outputMatrix, \filters, \biases, \convOutput, …); they are kept.
 * \outputMatrix is the layer's output Y, \filters the filters W, \biases the bias b (stated on the forward slide).
 * "Parameter Gradients in CNNs" writes the same two parameter gradients with ∂L/∂\convOutput[b,c,h,w]; the slide
 * "Activation Function Integration" makes \convOutput the argument of the activation φ (∂L/∂\convOutput =
 * ∂L/∂\activationOutput ⊙ ∂φ/∂\convOutput) and "Multi-Path Gradient Flow" draws \filters → \convOutput and
 * \biases → \convOutput, so \convOutput is read as the convolution layer's own output and the two lines are the
 * backward slide's filter and bias gradients again (the ∂L/∂\filters on the left names the entry [c,k,i,j] its
 * right-hand side uses). (The "Complete CNN Gradient Flow" line \convOutput = \reluFunction(…) folds the ReLU
 * into the name; under that reading the two lines would lack the ReLU derivative — an inconsistency of the slides,
 * not of the layer formulas, so the truth follows the activation slide.) Every transcribed layer formula is right.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const B = 2, CI = 2, CO = 3, KH = 3, KW = 2, HO = 2, WO = 3;

/** ∂L/∂F[c,k,i,j] = Σ_{b,h,w} ∂L/∂Y[b,c,h,w] · X[b,k,h+i,w+j]. */
const dW = (v: Access, [c, k, i, j]: number[]): Q =>
  sum(0, B - 1, (b) => sum(0, HO - 1, (h) => sum(0, WO - 1, (w) => qmul(v.dy(b, c!, h, w), v.x(b, k!, h + i!, w + j!)))));
/** ∂L/∂bias[c] = Σ_{b,h,w} ∂L/∂Y[b,c,h,w]. */
const db = (v: Access, [c]: number[]): Q => sum(0, B - 1, (b) => sum(0, HO - 1, (h) => sum(0, WO - 1, (w) => v.dy(b, c!, h, w))));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });

const src: CorpusSource = {
  file: "23-lawrence-mlfc-cnn-layers.md",
  citation: "Neil D. Lawrence, \"Convolutional Neural Networks\", lecture 05-02 (week 5, session 2, 30 September 2025) of the ML Foundations course (mlatcl, a LaMD-based lecture course), reveal.js slides, section \"Chain Rule for Layered CNN Architecture\" (slides \"Convolutional Layer Forward Pass\", \"Convolutional Layer Backward Pass\", \"Activation Function Integration\", \"Complete CNN Gradient Flow\", \"CNN Gradient Chain Rule\", \"Parameter Gradients in CNNs\"); repository mlatcl/mlfc, file slides/05-02-layers-and-convolutional-networks.slides.html, read at commit fa8bdd6aee24e53e7e5c319050139b9c8f281607",
  url: "https://github.com/mlatcl/mlfc/blob/fa8bdd6aee24e53e7e5c319050139b9c8f281607/slides/05-02-layers-and-convolutional-networks.slides.html",
  flags: ["--input", "4x4", "--kernel", "3x2", "--op", "xcorr", "--index-base", "0", "--in-channels", "2", "--out-channels", "3", "--batch", "2", "--bias"],
  layer: { op: "xcorr", input: [4, 4], kernel: [KH, KW], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: CI, outChannels: CO, groups: 1, batch: B, bias: true, indexBase: 0 },
  indexBase: 0,
  equations: [
    { line: 13, snippet: "\\outputMatrix[b,c,h,w] = \\sum_{i,j,k} \\mathbf{X}[b,k,h+i,w+j]", truth: "holds", target: "Y",
      why: "the forward pass: over input channels k and kernel offsets i, j of X[b,k,h+i,w+j]·F[c,k,i,j], plus the bias of output channel c (a cross-correlation)",
      claimed: (v, [b, c, h, w]) =>
        qadd(sum(0, KH - 1, (i) => sum(0, KW - 1, (j) => sum(0, CI - 1, (k) => qmul(v.x(b!, k, h! + i, w! + j), v.w(c!, k, i, j))))), v.b(c!)) },
    { line: 18, snippet: "\\frac{\\partial L}{\\partial \\filters[c,k,i,j]} = \\sum_{b,h,w}", truth: "holds", target: "dW",
      why: "F[c,k,i,j] multiplies X[b,k,h+i,w+j] in Y[b,c,h,w] for every batch item b and output position (h, w): the sum of ∂L/∂Y[b,c,h,w]·X[b,k,h+i,w+j] over b, h, w",
      claimed: dW },
    { line: 19, snippet: "\\frac{\\partial L}{\\partial \\biases[c]} = \\sum_{b,h,w}", truth: "holds", target: "db",
      why: "bias[c] is added to every Y[b,c,h,w] with coefficient 1: the sum of ∂L/∂Y[b,c,h,w] over b, h, w",
      claimed: db },
    { line: 20, snippet: "\\frac{\\partial L}{\\partial \\mathbf{X}[b,k,h,w]} = \\sum_{c,i,j}", truth: "holds", target: "dX",
      why: "X[b,k,h,w] meets F[c,k,i,j] in Y[b,c,h-i,w-j] (when that output exists; ∂L/∂Y is 0 outside): the sum over c, i, j of ∂L/∂Y[b,c,h-i,w-j]·F[c,k,i,j]",
      claimed: (v, [b, k, h, w]) =>
        sum(0, CO - 1, (c) => sum(0, KH - 1, (i) => sum(0, KW - 1, (j) => qmul(v.dy(b!, c, h! - i, w! - j), v.w(c, k!, i, j))))) },
    other(24, "\\frac{\\partial L}{\\partial \\convOutput} = \\frac{\\partial L}{\\partial \\activationOutput} \\odot",
      "the chain rule through the element-wise activation φ after the convolution, not a formula about the convolution layer's own gradients"),
    other(25, "\\frac{\\partial \\reluFunction}{\\partial x} = \\begin{cases}", "the derivative of ReLU, not about the convolution layer"),
    { line: 31, snippet: "\\convOutput = \\reluFunction(\\convolution(\\mathbf{X}, \\filters) + \\biases)", truth: "definition",
      why: "names the output of the convolution block of the network (convolution, bias, ReLU) with an operator \\convolution the slides do not define further" },
    other(35, "\\frac{\\partial L}{\\partial \\mathbf{X}} = \\convolutionGradient(",
      "names the input gradient as an undefined operator \\convolutionGradient applied to ∂L/∂\\convOutput and the filters; not a formula that can be evaluated"),
    { line: 39, snippet: "\\frac{\\partial L}{\\partial \\filters} = \\sum_{b,h,w} \\frac{\\partial L}{\\partial \\convOutput[b,c,h,w]}", truth: "holds", target: "dW",
      why: "the backward slide's filter gradient again, with ∂L/∂\\convOutput (the gradient of the convolution layer's output, as the activation slide defines \\convOutput) and the entry [c,k,i,j] of the left-hand side left implicit",
      claimed: dW },
    { line: 40, snippet: "\\frac{\\partial L}{\\partial \\biases} = \\sum_{b,h,w} \\frac{\\partial L}{\\partial \\convOutput[b,c,h,w]}", truth: "holds", target: "db",
      why: "the backward slide's bias gradient again, with ∂L/∂\\convOutput the gradient of the convolution layer's output and the entry [c] left implicit",
      claimed: db },
  ],
};
export default src;
