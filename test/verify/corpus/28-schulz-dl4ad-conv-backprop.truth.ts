/**
 * Fares Schulz (TU Berlin, Audio Communication Group), "Convolutional Layers", lecture 4 of the course "Deep
 * Learning for Audio Data" (DL4AD): reveal.js Markdown slides, slides/04-convolutional_layers.md (last changed
 * 20 November 2025; read at the July 2026 commit) — the 1D convolutional layer and its back-propagation.
 * Layer: the slides' own, "a single-channel 1D convolution" with one scalar bias, stride 1, no padding
 * (L_out = L_in − M + 1), a TRUE convolution (y[n] = Σ_{k=0}^{M−1} w[k] x[n−k] + b; z^{(l)}[n] = Σ_k w^{(l)}[k]
 * h^{(l−1)}[n−k] + b^{(l)}), every index 0-based (the sums run k = 0 … M−1). The slides give no sizes: chosen
 * here L_in = 7, M = 3 (so L_out = 5).
 * Index convention: a valid convolution written Σ_k w[k] x[n−k] indexes its output by the input position under
 * the kernel's first tap, n = p + (M − 1) for the oracle's 0-based output p (as in 12-gwardys); the input and
 * kernel indices are the oracle's. So the source's δ[n] (= ∂L/∂z[n]) is v.dy(n − (M − 1)), read as 0 outside
 * n = M−1 … L_in−1 (the "Σ_n" and "Σ_m" with no range, and δ[n + k] past the end, read so).
 * Names: the first slide calls the layer y = w ∗ x + b; the back-propagation slides call the layer l: input
 * h^{(l−1)}, output z^{(l)}, δ^{(l)}[n] = ∂L/∂z^{(l)}[n] (line 82 and the chain rule on line 143), activation
 * h^{(l)} = σ(z^{(l)}). Step 3 (lines 120–128) and the first half of Step 4 (line 143, and line 173) are about the
 * NEXT layer, l + 1: there the layer's input is h^{(l)}, its output gradient δ^{(l+1)} (v.dy) and its kernel
 * w^{(l+1)}; δ^{(l)} = ∂L/∂h^{(l)} ⊙ σ'(z^{(l)}) carries `scale` σ'(z^{(l)}[n]) (v.fprime("z", n)). The subscript
 * i of Steps 1–4 is the training sample (L_i its loss): one sample here, i fixed.
 * The slides are right: every formula about the layer holds (the forward passes, the local derivative
 * ∂z[m]/∂h[n] = w[m − n] on 0 ≤ m − n < M, the input gradient Σ_k δ[n + k] w[k], the kernel gradient
 * Σ_n δ[n] h[n − k] and the bias gradient Σ_n δ[n], each in the chain-rule and in the closed form).
 * Other: the activation h = σ(z), the MSE loss and the output layer's error term δ^{(L)} (which depend on the loss
 * and σ, not on the convolution), h^{(0)} = x, ŷ = h^{(L)}. Definition: z = W h + b 1 (line 60), where the
 * Toeplitz matrix W is given only as "representing the convolution operation" (the figure that showed it is not
 * transcribed). Not found by verify, so not listed: the update rules with ← (lines 182, 183) and the table's
 * bare expressions (lines 204–215).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const LIN = 7, M = 3;
/** The source's output positions n = M − 1 … L_in − 1 (oracle output p = n − (M − 1)). */
const N0 = M - 1, N1 = LIN - 1;

/** δ[n] = ∂L/∂z[n] at the source's output position n (0 outside). */
const d = (v: Access, n: number): Q => v.dy(n - N0);
/** z[n] = Σ_{k=0}^{M−1} w[k] h[n−k] + b at the oracle's output p (n = p + M − 1). */
const fwd = (v: Access, [p]: number[]): Q => qadd(sum(0, M - 1, (k) => qmul(v.w(k), v.x(p! + N0 - k))), v.b());
/** Σ_n δ[n] h[n − k] over the outputs. */
const dW = (v: Access, [k]: number[]): Q => sum(N0, N1, (n) => qmul(d(v, n), v.x(n - k!)));
/** Σ_n δ[n] (∂z[n]/∂b = 1). */
const db = (v: Access): Q => sum(N0, N1, (n) => d(v, n));
/** Σ_m δ[m] ∂z[m]/∂h[n], with ∂z[m]/∂h[n] = w[m − n] (0 outside the kernel). */
const dXchain = (v: Access, [n]: number[]): Q => sum(N0, N1, (m) => qmul(d(v, m), v.w(m - n!)));
/** Σ_{k=0}^{M−1} δ[n + k] w[k]. */
const dXclosed = (v: Access, [n]: number[]): Q => sum(0, M - 1, (k) => qmul(d(v, n! + k), v.w(k)));
/** σ'(z^{(l)}[n]) of the layer's input position n. */
const fp = (v: Access, [n]: number[]): Q => v.fprime("z", n!);

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const fwdEq = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "holds", target: "Y", why, claimed: fwd });
const size = (line: number, snippet: string): TruthEquation => ({
  line, snippet, truth: "holds", target: "size",
  why: "a valid (unpadded) stride-1 window of M taps fits at L_in − M + 1 positions (7 − 3 + 1 = 5 here)",
});
const dWEq = (line: number, snippet: string, why: string, claimed = dW): TruthEquation => ({ line, snippet, truth: "holds", target: "dW", why, claimed });
const dbEq = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "holds", target: "db", why, claimed: db });
const dXEq = (line: number, snippet: string, why: string, claimed: (v: Access, idx: number[]) => Q): TruthEquation => ({ line, snippet, truth: "holds", target: "dX", why, claimed });
const deltaEq = (line: number, snippet: string, why: string, claimed: (v: Access, idx: number[]) => Q): TruthEquation => ({
  line, snippet, truth: "holds", target: "dX", why, claimed, scale: fp,
});

const src: CorpusSource = {
  file: "28-schulz-dl4ad-conv-backprop.md",
  citation:
    "Fares Schulz (TU Berlin, Audio Communication Group), \"Convolutional Layers\", lecture 4 of the course \"Deep Learning for Audio Data\" (DL4AD), reveal.js Markdown slides, repository faressc/dl4ad, file slides/04-convolutional_layers.md (last changed 20 November 2025, commit 10fa185cbb7601b2f857a8ea27a8d2bc66acf063), read at commit f7d8e53657d1ff7c64ffa9059fd5eda3e794ea5d (8 July 2026): slides \"Convolutional Layers\", \"Backpropagation in Convolutional Layers\" to \"Key Differences: Conv vs MLP Backprop\", and \"Computational Graph Perspective\"",
  url: "https://github.com/faressc/dl4ad/blob/f7d8e53657d1ff7c64ffa9059fd5eda3e794ea5d/slides/04-convolutional_layers.md",
  flags: ["--input", "7", "--kernel", "3", "--op", "conv", "--index-base", "0", "--bias"],
  layer: { op: "conv", input: [LIN], kernel: [M], stride: [1], dilation: [1], padding: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: true, indexBase: 0 },
  indexBase: 0,
  equations: [
    fwdEq(14, "y[n] = \\sum_{k=0}^{M-1} w[k] x[n-k] + b", "the 1D convolution layer: output n sums w[k] x[n − k] over the M taps, plus the bias (a true convolution, output indexed by the window's last input position)"),
    size(20, "L_{out} = L_{in} - M + 1"),
    fwdEq(45, "z^{(l)}[n] & = \\sum_{k=0}^{M-1} w^{(l)}[k] \\cdot h^{(l-1)}[n-k] + b^{(l)}", "the same forward pass with the layer's names: input h^{(l−1)}, kernel w^{(l)}, bias b^{(l)}, output z^{(l)}"),
    other(46, "h^{(l)}[n] & = \\sigma(z^{(l)}[n])", "the activation after the convolution, not a statement about the convolution's output or gradients"),
    size(55, "L_{out} = L_{in} - M + 1"),
    { line: 60, snippet: "\\mathbf{z}^{(l)} = \\mathbf{W}^{(l)} \\mathbf{h}^{(l-1)} + b^{(l)} \\mathbf{1}", truth: "definition",
      why: "W^{(l)} is introduced here, only as \"a Toeplitz matrix representing the convolution operation\": the equation is what says which matrix it is" },
    other(69, "\\mathcal{L} = \\frac{1}{N}\\sum_{i=1}^{N}\\sum_{n}(y_i[n] - \\hat{y}_i[n])^2", "the MSE loss (y_i here is the sample's target, not the layer's output)"),
    other(76, "\\frac{\\partial \\mathcal{L}_i}{\\partial z_i^{(L)}[n]} = \\color{#FF6B6B}", "the output layer's error term: the MSE loss's derivative times σ', which depends on the loss and the activation, not on the convolution"),
    other(82, "\\delta_i^{(L)}[n] = \\frac{2}{N}(\\hat{y}_i[n] - y_i[n]) \\cdot \\sigma'(z_i^{(L)}[n])", "the same error term of the output layer under the MSE loss"),
    other(85, "\\boldsymbol{\\delta}_i^{(L)} = \\frac{2}{N}(\\hat{\\mathbf{y}}_i - \\mathbf{y}_i) \\odot", "the output layer's error term in vector form (loss and activation)"),
    fwdEq(93, "z_i^{(L)}[n] = \\sum_{k=0}^{M-1} w^{(L)}[k] \\cdot h_i^{(L-1)}[n-k] + b^{(L)}", "the forward pass of the output layer L for sample i (the layer checked, named L)"),
    dWEq(98, "\\frac{\\partial \\mathcal{L}_i}{\\partial w^{(L)}[k]} = \\sum_{n} \\color{#FF6B6B}",
      "w[k] multiplies h[n − k] in every output z[n] (∂z[n]/∂w[k] = h[n − k]); summing δ[n] = ∂L/∂z[n] times it over the outputs is the kernel gradient; both links of the chain",
      (v, idx) => chain(sum(N0, N1, (n) => qmul(d(v, n), v.x(n - idx[0]!))), dW(v, idx))),
    dbEq(106, "\\frac{\\partial \\mathcal{L}_i}{\\partial b^{(L)}} = \\sum_{n} \\color{#FF6B6B}", "∂z[n]/∂b = 1 at every output: the bias gradient is the sum of the δ[n] (both links)"),
    dXEq(120, "\\frac{\\partial \\mathcal{L}_i}{\\partial h_i^{(l)}[n]} = \\sum_{m} \\color{#FF6B6B}",
      "the chain rule over every output z^{(l+1)}[m] of the next layer, whose input is h^{(l)}: Σ_m δ^{(l+1)}[m] ∂z^{(l+1)}[m]/∂h^{(l)}[n] (no σ' yet: the claim is ∂L/∂h, the target dX itself)",
      dXchain),
    fwdEq(123, "z_i^{(l+1)}[m] = \\sum_{k=0}^{M-1} w^{(l+1)}[k] \\cdot h_i^{(l)}[m-k] + b^{(l+1)}", "the forward pass of the next layer l + 1 (input h^{(l)}, output z^{(l+1)})"),
    { line: 127, snippet: "\\frac{\\partial z_i^{(l+1)}[m]}{\\partial h_i^{(l)}[n]} &= \\begin{cases} w^{(l+1)}[m-n]", truth: "holds",
      why: "h[n] enters z[m] only through the tap k = m − n, so the local derivative is w[m − n] when 0 ≤ m − n < M and 0 otherwise" },
    dXEq(128, "\\rightarrow \\frac{\\partial \\mathcal{L}_i}{\\partial h_i^{(l)}[n]} &= \\sum_{k=0}^{M-1} \\delta_i^{(l+1)}[n+k]",
      "line 120 with m = n + k: Σ_k δ^{(l+1)}[n + k] w^{(l+1)}[k] (δ read as 0 past the outputs), the input gradient of the stride-1 layer",
      dXclosed),
    deltaEq(143, "\\delta_i^{(l)}[n] = \\color{#FF6B6B}",
      "δ^{(l)} = ∂L/∂z^{(l)} = ∂L/∂h^{(l)}[n] σ'(z^{(l)}[n]) since h^{(l)} = σ(z^{(l)}), and ∂L/∂h^{(l)}[n] is line 128's sum: both links",
      (v, idx) => chain(qmul(dXchain(v, idx), fp(v, idx)), qmul(dXclosed(v, idx), fp(v, idx)))),
    dWEq(149, "\\frac{\\partial \\mathcal{L}_i}{\\partial w^{(l)}[k]} = \\sum_{n} \\delta_i^{(l)}[n] \\cdot h_i^{(l-1)}[n-k]", "the kernel gradient of layer l (output gradient δ^{(l)}, input h^{(l−1)}), as line 98"),
    dbEq(155, "\\frac{\\partial \\mathcal{L}_i}{\\partial b^{(l)}} = \\sum_{n} \\delta_i^{(l)}[n]", "the bias gradient of layer l, as line 106"),
    other(163, "\\mathbf{h}^{(0)} = \\mathbf{x}", "the network's input, not the layer"),
    fwdEq(165, "z^{(l)}[n] = \\sum_{k=0}^{M-1} w^{(l)}[k] h^{(l-1)}[n-k] + b^{(l)}", "the forward pass of line 45 again (no \\cdot)"),
    other(166, "h^{(l)}[n] = \\sigma(z^{(l)}[n])", "the activation after the convolution"),
    other(167, "\\hat{\\mathbf{y}} = \\mathbf{h}^{(L)}", "the network's output is the last activation"),
    other(171, "\\delta^{(L)}[n] = \\frac{\\partial \\mathcal{L}}{\\partial \\hat{y}[n]} \\cdot \\sigma'(z^{(L)}[n])", "the output layer's error term (loss and activation)"),
    deltaEq(173, "\\delta^{(l)}[n] = \\left[\\sum_{k=0}^{M-1} \\delta^{(l+1)}[n+k] w^{(l+1)}[k]\\right] \\sigma'(z^{(l)}[n])", "line 143's closed form again", (v, idx) => qmul(dXclosed(v, idx), fp(v, idx))),
    dWEq(175, "\\frac{\\partial \\mathcal{L}}{\\partial w^{(l)}[k]} = \\sum_{n} \\delta^{(l)}[n] h^{(l-1)}[n-k]", "line 149 again"),
    dbEq(176, "\\frac{\\partial \\mathcal{L}}{\\partial b^{(l)}} = \\sum_{n} \\delta^{(l)}[n]", "line 155 again"),
    dWEq(258, "\\frac{\\partial \\mathcal{L}}{\\partial w[k]} = \\sum_{n} \\frac{\\partial \\mathcal{L}}{\\partial z[n]} \\cdot \\frac{\\partial z[n]}{\\partial w[k]} = \\sum_{n} \\delta[n] \\cdot h[n-k]",
      "the chain rule over all outputs z[n] (layer without superscripts: input h, output z, δ[n] = ∂L/∂z[n]) and its value Σ_n δ[n] h[n − k]; both links",
      (v, idx) => chain(sum(N0, N1, (n) => qmul(d(v, n), v.x(n - idx[0]!))), dW(v, idx))),
  ],
};
export default src;
