/**
 * Marcin Matuszczyk (Scthe), "Math behind (convolutional) neural networks" (sctheblog.com, 2015).
 * Layer: x^{(l+1)}_{i,j,n} = Σ_a Σ_b Σ_k W^{(l)}_{abnk} y^{(l)}_{(i+a),(j+b),k} + b_n, with a, b ∈ [0, f),
 * k ∈ [0, n^l), i ∈ [0, w^{(l+1)}_img), j ∈ [0, h^{(l+1)}_img): a 0-based, valid, multi-channel
 * cross-correlation with a bias per output feature map. One spatial kernel size f^{(l)} for both axes, so the
 * kernel is square (3×3); the layer's first two dimensions are w_img × h_img = 5 × 4 (non-square). Sizes
 * chosen: n^l = 2 input maps, n^{l+1} = 3 output maps, so x^{(l+1)} is 3 maps of 3×2.
 * The layer's input is y^{(l)} = f_a(x^{(l)}) and its output (pre-activation) x^{(l+1)}; δ^{(l+1)} = ∂J/∂x^{(l+1)}
 * is v.dy, and δ^{(l)} = ∂J/∂x^{(l)} = f_a'(x^{(l)}) ∂J/∂y^{(l)} carries the factor f_a'(x^{(l)}) (scale).
 * Layouts: y^{(l)}_{i,j,k} is the oracle's x(k, i, j), W^{(l)}_{abnk} is w(n, k, a, b), δ^{(l+1)}_{i,j,n} is dy(n, i, j).
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource } from "./types.js";

const F = 3, NL = 2, NL1 = 3, HO = 3, WO = 2;

/** W^{(l)}_{abnk} in the post's order. */
const W = (v: Access, a: number, b: number, n: number, k: number): Q => v.w(n, k, a, b);
const fp = (v: Access, [k, i, j]: number[]) => v.fprime("x", k!, i!, j!);

const src: CorpusSource = {
  file: "05-scthe-math-behind-cnn.tex",
  citation: "Marcin Matuszczyk (Scthe), \"Math behind (convolutional) neural networks\" (first titled \"Backpropagation notes\"), Scthe's blog (sctheblog.com), 30 August 2015, section \"Backpropagation in Convolutional Neural Networks\"",
  url: "https://github.com/Scthe/scthe.github.io/blob/a9fa7ef93f5ca31fcb5c4693a5a407e980986ac8/content/blog/2015-08-30-backpropagation-notes/2015-08-30-backpropagation-notes.md",
  flags: ["--input", "5x4", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0", "--in-channels", "2", "--out-channels", "3", "--bias"],
  layer: { op: "xcorr", input: [5, 4], kernel: [3, 3], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: NL, outChannels: NL1, groups: 1, batch: null, bias: true, indexBase: 0 },
  indexBase: 0,
  equations: [
    { line: 7, snippet: "y^{(l)} = f_a(x^{(l)})", truth: "other", why: "the activation applied to a layer's nodes, not the convolution" },
    { line: 12, snippet: "l + 1 = L", truth: "other", why: "layer numbering (l is the layer before the last)" },
    { line: 12, snippet: "\\delta^{(L)}_j = \\frac{\\partial}{\\partial x^{(L)}_j} J(W,b;Y,X)", truth: "definition",
      why: "the error term δ is the derivative of J with respect to the pre-activation value x" },
    { line: 43, snippet: "w^{(l+1)}_{img} = w^{(l)}_{img} - f^{(l)} + 1", truth: "holds", target: "size",
      why: "no padding, stride 1: the first dimension shrinks by f-1 (5 - 3 + 1 = 3)" },
    { line: 44, snippet: "h^{(l+1)}_{img} = h^{(l)}_{img} - f^{(l)} + 1", truth: "holds", target: "size",
      why: "the same for the second dimension (4 - 3 + 1 = 2)" },
    { line: 50, snippet: "w^{(L)}_{img} = w^{(1)}_{img} - f^{(1)} - f^{(2)} - f^{(3)} + 3", truth: "holds", target: "size",
      why: "three such layers in a row each subtract f^{(l)} - 1 (line 43 applied three times)" },
    { line: 51, snippet: "h^{(L)}_{img} = h^{(1)}_{img} - f^{(1)} - f^{(2)} - f^{(3)} + 3", truth: "holds", target: "size",
      why: "line 44 applied three times" },
    { line: 61, snippet: "x^{(l+1)}_{i,j,n} =", truth: "holds", target: "Y",
      why: "the forward pass: 0-based cross-correlation over a, b ∈ [0, f) and the input maps k, plus b_n",
      claimed: (v, [n, i, j]) =>
        qadd(sum(0, F - 1, (a) => sum(0, F - 1, (b) => sum(0, NL - 1, (k) => qmul(W(v, a, b, n!, k), v.x(k, i! + a, j! + b))))), v.b(n!)) },
    { line: 67, snippet: "y^{(l+1)}_{i,j,n} = f_a(x^{(l+1)}_{i,j,n})", truth: "other", why: "the activation of the next layer" },
    { line: 87, snippet: "\\delta^{(l)}_{i,j,k} = \\\\", truth: "fails", target: "dX", scale: fp,
      why: "y^{(l)}_{i,j,k} feeds x^{(l+1)}_{(i-a),(j-b),n} through W_{abnk} (the forward pass reads y at i+a), so the sum needs δ^{(l+1)}_{(i-a),(j-b),n}, the form the post itself mentions as 'sometimes written'; with (i+a),(j+b) it correlates instead of convolving",
      claimed: (v, [k, i, j]) =>
        qmul(v.fprime("x", k!, i!, j!), sum(0, F - 1, (a) => sum(0, F - 1, (b) => sum(0, NL1 - 1, (n) => qmul(W(v, a, b, n, k!), v.dy(n, i! + a, j! + b)))))) },
    { line: 102, snippet: "w_{img}^{(l)} >= w_{img}^{(l+1)}", truth: "other", why: "an inequality between layer sizes (a valid convolution never grows), not an equation" },
    { line: 123, snippet: "{\\partial \\over \\partial W^{(l)}_{abnk}} J(W,b;Y,X) = \\\\", truth: "holds", target: "dW",
      why: "W_{abnk} multiplies y^{(l)}_{(i+a),(j+b),k} in every x^{(l+1)}_{i,j,n}; summed over the output positions i ∈ [0, w^{(l+1)}_img), j ∈ [0, h^{(l+1)}_img)",
      claimed: (v, [n, k, a, b]) => sum(0, HO - 1, (i) => sum(0, WO - 1, (j) => qmul(v.x(k!, i + a!, j + b!), v.dy(n!, i, j)))) },
    { line: 131, snippet: "{\\partial \\over \\partial b^{(l)}_{n}} J(W,b;Y,X) = \\\\", truth: "holds", target: "db",
      why: "b_n is added to every x^{(l+1)}_{i,j,n} of map n",
      claimed: (v, [n]) => sum(0, HO - 1, (i) => sum(0, WO - 1, (j) => v.dy(n!, i, j))) },
  ],
};
export default src;
