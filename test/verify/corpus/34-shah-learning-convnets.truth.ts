/**
 * Manan Shah, "Learning Convolutional Networks": a post of July 2020 (updated January 2025) on his website
 * mananshah99.github.io (the Markdown file _posts/2020-07-06-convnets.md of the repository
 * mananshah99/mananshah99.github.io, read at the May 2025 commit) — a tutorial that "methodically derive[s]
 * backpropagation for convolutional networks": the forward pass of a multi-channel convolution layer in index
 * notation, then ∂L/∂w, ∂L/∂b, ∂L/∂z and ∂L/∂a, each as a chain rule and a boxed closed form.
 * Layer: the post's general layer — input a^{l−1} ∈ R^{r×s×t} (t input channels), M feature maps w^{l,m} ∈
 * R^{d×d×t}, one bias b^{l,m} per map, output z^l ∈ R^{(r−d+1)×(s−d+1)×M}: a valid cross-correlation, stride 1,
 * 0-based (the sums run from 0). The post fixes no sizes but Figure 1's 2×2 receptive fields; chosen here: d = 2
 * (as Figure 1), r = 4, s = 3 (unequal, so that a swap of the two spatial axes would show), t = 2, M = 3. The post
 * puts the channel last (z_{i,j,m}, a_{i,j,c}, w^{l,m}_{a,b,c}); the oracle's layout is channel first: z^l_{i,j,m}
 * is Y[m][i][j] (its gradient ∂L/∂z^l_{i,j,m} is v.dy(m, i, j)), a^{l−1}_{i,j,c} is X[c][i][j], w^{l,m}_{a,b,c} is
 * W[m][c][a][b], b^{l,m} is b[m].
 * The input gradient (lines 234, 244) is written for the NEXT layer, l + 1, whose input is a^l (M channels) and
 * which has K feature maps w^{l+1,k} ∈ R^{d'×d'×M}: it is the same kind of layer, so it is checked on this one,
 * the post's a^l, M, K, d', w^{l+1,k}_{a,b,m}, z^{l+1}_{·,·,k} read as this layer's input X (t = 2 channels),
 * t, M = 3, d = 2, W[k][m][a][b] and Y[k]. ∂L/∂a^l is then the input gradient (no activation factor: the
 * post's a^l is the layer's input itself).
 * The post's slips, none of which changes a value: the denominators of lines 178, 181, 196 and 204 lack their
 * ∂ (∂L/w^{l,m}_{a,b,c}, ∂L/b^{l,m}: read ∂L/∂w^{l,m}_{a,b,c}, ∂L/∂b^{l,m}, the "partials of the loss function with
 * respect to the network weights and biases" the text announces); the sums over the next layer's maps run
 * k = 0 … K (lines 235, 246) where its K maps are k = 0 … K − 1 — the extra term k = K names a map that does not
 * exist, read 0 (no map there, no term), as the terms (i − a, j − b) off the output are. So every checked formula
 * holds: the forward pass (146), the chain rules and closed forms of ∂L/∂w (178, 196), ∂L/∂b (181, 204) and
 * ∂L/∂a (234, 244). The prose also says "bias b^l" (line 174) for the per-map b^{l,m}, and "between a_{i,j,m}^l and
 * a_{i,j,m}^l" (lines 218–219) for a and z: words, not equations.
 * Other: Figure 1's forward pass with the nonlinearity (line 61, the activation of a one-map example layer, not
 * the linear output the oracle checks), the activation a = σ(z) (153, 217: definitions) and the chain rule
 * through it, ∂L/∂z = ∂L/∂a σ'(z) (212, 222: the element-wise activation, not the convolution).
 * Not found by verify, so not listed: the inline sizes a^{l−1} ∈ R^{r×s×t}, w^{l,m} ∈ R^{d×d×t},
 * z^l ∈ R^{(r−d+1)×(s−d+1)×M} (lines 137–142).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const R = 4, S = 3, D = 2, T = 2, M = 3; // a^{l−1}: 4×3×2, w^{l,m}: 2×2×2 (m = 0…2), z^l: 3×2×3

/** z^l_{i,j,m} = Σ_{a,b=0}^{d−1} Σ_{c=0}^{t−1} w^{l,m}_{a,b,c} a^{l−1}_{(i+a),(j+b),c} + b^{l,m} (line 146). */
const fwd = (v: Access, [m, i, j]: number[]): Q =>
  qadd(sum(0, D - 1, (a) => sum(0, D - 1, (b) => sum(0, T - 1, (c) => qmul(v.w(m!, c, a, b), v.x(c, i! + a, j! + b))))), v.b(m!));
/** Σ_{i=0}^{r−d} Σ_{j=0}^{s−d} ∂L/∂z^l_{i,j,m} a^{l−1}_{(i+a),(j+b),c}: the kernel gradient (target index [m, c, a, b]). */
const dW = (v: Access, [m, c, a, b]: number[]): Q =>
  sum(0, R - D, (i) => sum(0, S - D, (j) => qmul(v.dy(m!, i, j), v.x(c!, i + a!, j + b!))));
/** Σ_{i=0}^{r−d} Σ_{j=0}^{s−d} ∂L/∂z^l_{i,j,m} (× ∂z/∂b = 1): the bias gradient. */
const db = (v: Access, [m]: number[]): Q => sum(0, R - D, (i) => sum(0, S - D, (j) => v.dy(m!, i, j)));
/** Σ_{a,b=0}^{d'−1} Σ_{k=0}^{K} ∂L/∂z^{l+1}_{(i−a),(j−b),k} w^{l+1,k}_{a,b,m}, as written (k = K included; it
 *  and the positions off the output read 0). Target index [m, i, j] (m the input channel). */
const dX = (v: Access, [m, i, j]: number[]): Q =>
  sum(0, D - 1, (a) => sum(0, D - 1, (b) => sum(0, M, (k) => qmul(v.dy(k, i! - a, j! - b), v.w(k, m!, a, b)))));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const def = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "definition", why });

const src: CorpusSource = {
  file: "34-shah-learning-convnets.md",
  citation:
    "Manan Shah (GitHub: mananshah99), \"Learning Convolutional Networks\", a post on his website mananshah99.github.io, posted 6 July 2020, updated 20 January 2025, repository mananshah99/mananshah99.github.io, file _posts/2020-07-06-convnets.md (last changed 21 January 2025, commit 3d0a1ed212b5747ed70ea2c3f28b1ddf2f31c5e3), read at commit 7ac2a6e0824245cb84f8a051fb5eac11d41ab3b4 (31 May 2025): the whole post (multi-channel forward pass in index notation; ∂L/∂w, ∂L/∂b, ∂L/∂z, ∂L/∂a as chain rules and boxed closed forms)",
  url: "https://github.com/mananshah99/mananshah99.github.io/blob/7ac2a6e0824245cb84f8a051fb5eac11d41ab3b4/_posts/2020-07-06-convnets.md",
  flags: ["--input", "4x3", "--kernel", "2x2", "--op", "xcorr", "--index-base", "0", "--in-channels", "2", "--out-channels", "3", "--bias"],
  layer: { op: "xcorr", input: [R, S], kernel: [D, D], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: T, outChannels: M, groups: 1, batch: null, bias: true, indexBase: 0 },
  indexBase: 0,
  equations: [
    other(61, "a^{l+1}_{j, k} = \\sigma \\left( \\sum_{a = 0}^1 \\sum_{b = 0}^1 w^{l+1}_{a, b} a^l_{j + a, k + b} + b^{l+1} \\right)",
      "Figure 1's one-map example layer with 2×2 receptive fields, its output taken through the nonlinearity σ: the activation, not the layer's linear output"),
    { line: 146, snippet: "z^{l}_{i, j, m} = \\sum_{a = 0}^{d-1} \\sum_{b = 0}^{d-1} \\sum_{c = 0}^{t - 1} w^{l, m}_{a, b, c} a^{l-1}_{(i + a), (j + b), c} + b^{l,m}", truth: "holds", target: "Y",
      why: "the layer's weighted output: map m's d×d×t filter dotted with the window of the input at (i, j) across all t channels, plus the map's bias — the cross-correlation the layer is",
      claimed: fwd },
    def(153, "a^{l}_{i, j, m} = \\sigma (z_{i, j, m}^{l})", "defines the activations after the layer"),
    { line: 178, snippet: "\\frac{\\partial \\mathcal{L}}{w^{l, m}_{a,b,c}} &= \\sum_{i = 0}^{r", truth: "holds", target: "dW",
      why: "w^{l,m}_{a,b,c} enters the outputs z^l_{i,j,m} of map m only, i = 0 … r − d, j = 0 … s − d: the chain rule over them, ∂z^l_{i,j,m}/∂w^{l,m}_{a,b,c} = a^{l−1}_{(i+a),(j+b),c} (the denominator's missing ∂ read as ∂w)",
      claimed: dW },
    { line: 181, snippet: "\\frac{\\partial \\mathcal{L}}{b^{l, m}} &= \\sum_{i = 0}^{r", truth: "holds", target: "db",
      why: "b^{l,m} is added to every output of map m with coefficient 1: the chain rule over them, ∂z^l_{i,j,m}/∂b^{l,m} = 1 (the missing ∂ read as ∂b)",
      claimed: db },
    { line: 196, snippet: "\\boxed{\\frac{\\partial \\mathcal{L}}{w^{l, m}_{a,b,c}} = \\sum_{i = 0}^{r", truth: "holds", target: "dW",
      why: "the kernel gradient: map m's output gradient correlated with input channel c, Σ_{i,j} ∂L/∂z^l_{i,j,m} a^{l−1}_{(i+a),(j+b),c}",
      claimed: dW },
    { line: 204, snippet: "\\boxed{\\frac{\\partial \\mathcal{L}}{b^{l, m}} = \\sum_{i = 0}^{r", truth: "holds", target: "db",
      why: "the bias gradient: the sum of map m's output gradient over all its (r − d + 1)(s − d + 1) positions",
      claimed: db },
    other(212, "\\frac{\\partial \\mathcal{L}}{\\partial z_{i,j,m}^l} = \\frac{\\partial",
      "the chain rule through the element-wise activation a^l = σ(z^l), not through the convolution"),
    def(217, "a_{i,j,m}^l =", "restates the activation a = σ(z)"),
    other(222, "\\boxed{\\frac{\\partial \\mathcal{L}}{\\partial z_{i,j,m}^l} =  \\frac{\\partial",
      "∂L/∂z = ∂L/∂a σ'(z): the derivative of the element-wise activation, not of the convolution"),
    { line: 234, snippet: "\\frac{\\partial \\mathcal{L}}{\\partial a_{i,j,m}^l} = \\sum_{a = 0}^{d'-1} \\sum_{b =", truth: "holds", target: "dX",
      why: "a^l_{i,j,m} (input channel m of layer l + 1) enters exactly the outputs z^{l+1}_{(i−a),(j−b),k} that exist, a, b = 0 … d' − 1, every map k, under w^{l+1,k}_{a,b,m}: the chain rule over them; the k = K term (a map that does not exist: the K maps are 0 … K − 1) and the positions off the output read 0",
      claimed: dX },
    { line: 244, snippet: "\\boxed{\\frac{\\partial \\mathcal{L}}{\\partial a_{i,j,m}^l} = \\sum_{a = 0}^{d'-1}", truth: "holds", target: "dX",
      why: "the stride-1 input gradient: every map's output gradient, zero off the output, fully correlated with the flipped kernel slice w^{l+1,k}_{·,·,m} and summed over the maps (the extra k = K term reads 0)",
      claimed: dX },
  ],
};
export default src;
