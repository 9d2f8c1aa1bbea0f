/**
 * Paras Dahal, "Convolution Layer - The core idea behind CNNs": a post of May 2017 on his blog Deepnotes (the
 * Markdown file _posts/2017-05-07-convlayer.md of the repository parasdahal/deepnotes, read at the April 2018
 * commit) — the forward pass of a convolution layer in index notation, an im2col example, and the gradients with
 * respect to the weights, the bias and the input, each as a chain rule and its closed form.
 * Layer: the post's own example sizes — "a single image of size 1×1×4×4 and a single filter 1×1×2×2", "S = 1" —
 * one channel, 0-based (the sums run from 0 to m − 1 and to N − m), a cross-correlation (Z_{ij} = Σ_{a,b} W_{ab}
 * a_{(i+a)(j+b)}), with a bias b^l (the post's "For bias gradient …" ∂C/∂b^l and its code, out = W_row X_col + b).
 * No padding: the derivation's formulas have none — its sums over the output run i, j = 0 … N − m, the
 * (N − m + 1)² positions of a valid window (N the input's side, m the filter's; the post's list of letters names
 * N the number of inputs and F the filter extent, but the derivation uses N and m as sizes of the image and
 * filter). The example's P = 1 (line 44) is that of its im2col illustration only. So the input a^{l−1} is 4×4,
 * W is 2×2, Z is 3×3. ∂C/∂Z^l_{ij} (the "output error") is v.dy(i, j); a^{l−1} is the input (no activation factor).
 * The post writes Z_{ij^{l}} and W_{ab^{l}} (the layer's superscript inside the subscript, lines 140, 141, 145):
 * read as Z^l_{ij}, W^l_{ab}. It uses a and b both as kernel indices and as the names of the input a^{l−1} and the
 * bias b^l: a_{(i+a)(j+b)} is the input at row i + a, column j + b.
 * The post's mistakes: the forward pass (line 37) leaves out the bias b^l that the layer has (the post's own bias
 * gradient, line 162, is the sum of ∂C/∂Z only because Z^l depends on b^l); and "4−2/1+1=5" (line 63) is 3 as
 * written — the count of 5 positions is (4 − 2 + 2·1)/1 + 1, with the padding term the expression leaves out.
 * Everything else holds: the chain rules for ∂C/∂W (line 140) and ∂C/∂a (line 176), their closed forms (141, 177),
 * the local derivative ∂Z_{ij}/∂W_{ab} = a_{(i+a)(j+b)} (line 145, checked through the chain rule of line 140, as
 * 29's), the bias gradient (162). In line 176, ∂C/∂Z_{(i−a)(j−b)} is read 0 where (i − a, j − b) is not an output
 * position (no output there, no term), as every full-correlation formula of the corpus is read.
 * Other: the note "S=1, P = (F−1)/2" (line 26, the padding that keeps the size, not this layer's), the example's
 * S = 1 and P = 1 (line 44), its padded image, patches and im2col matrix (lines 49, 68, 101: the example's numbers).
 * Not found by verify, so not listed: the size formula (H−F+2P)/S+1 × (W−F+2P)/S+1 of line 24 and the inline
 * Z_{(i+a)(j+b)}, Z_{(i−a)(j−b)} of line 180 (names, not equations).
 * Held out: added after the reader was built, to try it on a source none of its tests used. (The post follows
 * Gibiansky's notation, corpus 08, but is its own text: its own bias gradient and input-gradient derivation.)
 */
import { qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 4, M = 2; // 4×4 input, 2×2 filter, 3×3 output

/** Σ_{a,b} W_{ab} a_{(i+a)(j+b)}: the forward pass as line 37 writes it (no bias). */
const noBias = (v: Access, [i, j]: number[]): Q => sum(0, M - 1, (a) => sum(0, M - 1, (b) => qmul(v.w(a, b), v.x(i! + a, j! + b))));
/** Σ_{i,j=0}^{N−m} ∂C/∂Z_{ij} a_{(i+a)(j+b)}: the kernel gradient. */
const dW = (v: Access, [a, b]: number[]): Q => sum(0, N - M, (i) => sum(0, N - M, (j) => qmul(v.dy(i, j), v.x(i + a!, j + b!))));
/** Σ_{i,j=0}^{N−m} ∂C/∂Z_{ij}: the bias gradient. */
const db = (v: Access): Q => sum(0, N - M, (i) => sum(0, N - M, (j) => v.dy(i, j)));
/** Σ_{a,b=0}^{m−1} ∂C/∂Z_{(i−a)(j−b)} W_{ab} (∂C/∂Z read 0 off the 3×3 output). */
const dX = (v: Access, [i, j]: number[]): Q => sum(0, M - 1, (a) => sum(0, M - 1, (b) => qmul(v.dy(i! - a, j! - b), v.w(a, b))));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const example = "the im2col example's numbers (its padded 4×4 image, P = 1), not a formula about the layer's gradients";

const src: CorpusSource = {
  file: "31-dahal-conv-layer.md",
  citation:
    "Paras Dahal (GitHub: parasdahal), \"Convolution Layer - The core idea behind CNNs\", a post of 7 May 2017 on his blog Deepnotes, repository parasdahal/deepnotes, file _posts/2017-05-07-convlayer.md (last changed 22 October 2017, commit efb6490088d0cb6525b7f99b2c2aeec11389aff0), read at commit c13598a9767c208e5055044fd3b9b4931c49bd9e (3 April 2018): the whole post (forward pass in index notation, an im2col example, ∂C/∂W, ∂C/∂b and ∂C/∂a as chain rules and closed forms)",
  url: "https://github.com/parasdahal/deepnotes/blob/c13598a9767c208e5055044fd3b9b4931c49bd9e/_posts/2017-05-07-convlayer.md",
  flags: ["--input", "4x4", "--kernel", "2x2", "--op", "xcorr", "--index-base", "0", "--bias"],
  layer: { op: "xcorr", input: [N, N], kernel: [M, M], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: true, indexBase: 0 },
  indexBase: 0,
  equations: [
    other(26, "S=1", "the condition of the note on padding (stride 1), not a statement about a tensor"),
    other(26, "P = (F-1)/2", "the padding that keeps the input's size at stride 1 (for an odd F): a choice of padding, not this layer's (P = 0)"),
    { line: 37, snippet: "Z_{ij}^{l} &= \\sum_{a=0}^{m-1}\\sum_{b=0}^{m-1}W_{ab}a_{(i+a)(j+b)}^{l-1}", truth: "fails", target: "Y",
      why: "the pre-nonlinearity output of a layer with a bias b^l (the post's own ∂C/∂b^l, line 162, and its code add it) is Σ_{a,b} W_{ab} a_{(i+a)(j+b)} + b^l: the written sum leaves the bias out",
      claimed: noBias },
    other(44, "S = 1", "the im2col example's stride"),
    other(44, "P=1", "the im2col example's padding (the derivation's formulas have none)"),
    other(49, "X_{pad} = ", example),
    other(68, "X_0 =", example),
    other(101, "X_{col} = ", example),
    { line: 63, snippet: "4-2/1+1=5", truth: "fails", target: "size",
      why: "as written 4 − 2/1 + 1 = 3, not 5; the 5 positions of the padded example are (4 − 2 + 2·1)/1 + 1 — the expression drops the 2P of line 24" },
    { line: 140, snippet: "\\frac{\\partial C}{\\partial W_{ab}^{l}} = \\sum_{i=0}^{N-m}\\sum_{j=0}^{N-m} \\frac {\\partial C}{\\partial Z_{ij^{l}}} \\times \\frac {\\partial Z_{ij}^{l}}{\\partial W_{ab^{l}}}", truth: "holds", target: "dW",
      why: "W_{ab} enters every output Z_{ij}, i, j = 0 … N − m: the chain rule over them, with the local derivative a_{(i+a)(j+b)} of line 145 (Z_{ij^{l}}, W_{ab^{l}} read Z^l_{ij}, W^l_{ab})",
      claimed: dW },
    { line: 141, snippet: "= \\sum_{i=0}^{N-m}\\sum_{j=0}^{N-m} \\frac {\\partial C}{\\partial Z_{ij^{l}}} \\times a^{l-1}_{(i+a)(j+b)}", truth: "holds", target: "dW",
      why: "the kernel gradient: Σ_{i,j} ∂C/∂Z_{ij} a_{(i+a)(j+b)}, the output gradient correlated with the input",
      claimed: dW },
    { line: 145, snippet: "\\frac {\\partial Z_{ij}^{l}}{\\partial W_{ab^{l}}} = a^{l-1}_{(i+a)(j+b)}", truth: "holds", target: "dW",
      why: "W_{ab} multiplies a_{(i+a)(j+b)} in Z_{ij} and nowhere else in it (the bias does not depend on W); checked through line 140's chain rule: Σ_{i,j} ∂C/∂Z_{ij} times this derivative is the kernel gradient",
      claimed: (v, [a, b]) => sum(0, N - M, (i) => sum(0, N - M, (j) => qmul(v.dy(i, j), v.x(i + a!, j + b!)))) },
    { line: 162, snippet: "\\frac{ \\partial C}{\\partial b^l} = \\sum_{i=0}^{N-m}\\sum_{j=0}^{N-m} \\frac{\\partial C}{\\partial Z_{ij}^{l}}", truth: "holds", target: "db",
      why: "the one bias is added to every output Z_{ij} (i, j = 0 … N − m) with coefficient 1: its gradient is the sum of the output gradient",
      claimed: (v) => db(v) },
    { line: 176, snippet: "\\frac{\\partial C}{\\partial a_{ij}^{l-1}} = \\sum_{a=0}^{m-1}\\sum_{b=0}^{m-1} \\frac{\\partial C}{\\partial Z_{(i-a)(j-b)}}\\times \\frac{\\partial Z^l_{(i-a)(j-b)}}{\\partial a_{ij}^{l-1}}", truth: "holds", target: "dX",
      why: "a_{ij} enters exactly the outputs Z_{(i−a)(j−b)} that exist (a, b = 0 … m − 1), under W_{ab}: the chain rule over them, ∂Z_{(i−a)(j−b)}/∂a_{ij} = W_{ab} (line 177), the terms off the output 0",
      claimed: (v, [i, j]) => sum(0, M - 1, (a) => sum(0, M - 1, (b) => qmul(v.dy(i! - a, j! - b), v.w(a, b)))) },
    { line: 177, snippet: "= \\sum_{a=0}^{m-1}\\sum_{b=0}^{m-1} \\frac{\\partial C}{\\partial Z_{(i-a)(j-b)}}\\times W_{ab}", truth: "holds", target: "dX",
      why: "the stride-1 input gradient: the output gradient, zero outside its 3×3, fully correlated with the flipped kernel (the post: 'a convolution using W which has been flipped')",
      claimed: dX },
  ],
};
export default src;

