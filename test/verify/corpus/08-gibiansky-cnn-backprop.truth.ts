/**
 * Andrew Gibiansky, "Convolutional Neural Networks" (blog, 2014).
 * Layer: x^ℓ_{ij} = Σ_{a=0}^{m-1} Σ_{b=0}^{m-1} ω_{ab} y^{ℓ-1}_{(i+a)(j+b)} — a cross-correlation, 0-based,
 * no bias. The post is explicitly square (N×N input, m×m filter, one letter per size), so the layer
 * is square too: N = 6, m = 3 (output 4×4). x^ℓ is the layer's output (∂E/∂x^ℓ = v.dy), y^{ℓ-1} its
 * input (∂E/∂y^{ℓ-1} is the input gradient, no activation factor).
 */
import { qmul } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { CorpusSource } from "./types.js";

const N = 6, M = 3;

const src: CorpusSource = {
  file: "08-gibiansky-cnn-backprop.tex",
  citation: "Andrew Gibiansky, \"Convolutional Neural Networks\", andrew.gibiansky.com (blog, Machine Learning series), 2014, sections Forward Propagation / Backward Propagation: Convolutional Layers",
  url: "http://andrew.gibiansky.com/blog/machine-learning/convolutional-neural-networks/",
  flags: ["--input", "6x6", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0"],
  layer: { op: "xcorr", input: [6, 6], kernel: [3, 3], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: false, indexBase: 0 },
  indexBase: 0,
  equations: [
    { line: 8, snippet: "x_{ij}^\\ell = \\sum_{a=0}^{m-1}", truth: "holds", target: "Y",
      why: "cross-correlation of y^{ℓ-1} with ω, 0-based, ranges 0..m-1 (the post then calls it conv2(x, w, 'valid'), which would flip the kernel, but that is code, not a formula)",
      claimed: (v, [i, j]) => sum(0, M - 1, (a) => sum(0, M - 1, (b) => qmul(v.w(a, b), v.x(i! + a, j! + b)))) },
    { line: 16, snippet: "y_{ij}^\\ell = \\sigma(x_{ij}^\\ell)", truth: "other", why: "the nonlinearity after the layer" },
    { line: 26, snippet: "\\p{E}{\\omega_{ab}} =", truth: "holds", target: "dW",
      why: "chain rule over the (N-m+1)² outputs, then ∂x_{ij}/∂ω_{ab} = y_{(i+a)(j+b)}: Σ_{i,j=0}^{N-m} ∂E/∂x_{ij} y_{(i+a)(j+b)}",
      claimed: (v, [a, b]) => sum(0, N - M, (i) => sum(0, N - M, (j) => qmul(v.dy(i, j), v.x(i + a!, j + b!)))) },
    { line: 30, snippet: "\\p{x_{ij}^\\ell}{\\omega_{ab}} = y_{(i+a)(j+b)}^{\\ell-1}", truth: "holds",
      why: "local partial derivative of the forward formula (not a gradient of E)" },
    { line: 35, snippet: "\\p{E}{x_{ij}^\\ell} = \\p{E}{y_{ij}^\\ell}", truth: "other",
      why: "the deltas through the nonlinearity σ of this layer's output (true, but about the activation, not the convolution)" },
    { line: 43, snippet: "\\p{E}{y_{ij}^{\\ell -1}} =", truth: "holds", target: "dX",
      why: "Σ_{a,b=0}^{m-1} ∂E/∂x_{(i-a)(j-b)} ω_{ab}: the full convolution of the deltas with ω, with ∂E/∂x zero outside the output (the zero padding the post then asks for)",
      claimed: (v, [i, j]) => sum(0, M - 1, (a) => sum(0, M - 1, (b) => qmul(v.dy(i! - a, j! - b), v.w(a, b)))) },
    { line: 46, snippet: "\\p{x_{(i-a)(j-b)}^\\ell}{y_{ij}^{\\ell-1}} = \\omega_{ab}", truth: "holds",
      why: "local partial derivative of the forward formula" },
  ],
};
export default src;
