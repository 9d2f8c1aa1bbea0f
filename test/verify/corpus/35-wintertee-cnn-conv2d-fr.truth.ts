/**
 * wintertee (with Yicas-3111), « Modélisation »: the French-language report of the student project
 * Re0-Neural-Network (a CNN written from scratch in numpy; the Markdown file docs/Modélisation.md of the repository
 * wintertee/Re0-Neural-Network, read at the commit of 5 July 2020) — its notation for one neuron (section 1.2.2) and
 * its section 1.2.5.1 on the convolution layer: the forward pass in index notation, the error term δ, the kernel
 * gradient η and the bias gradient, in the authors' own letters (z, a, δ, η, H).
 * Layer: one channel, one n×n filter over an N×N image, 1-based (a, b ∈ [1, n], (i, j) ∈ [1, N − n + 1],
 * x_{i+a−1, j+b−1}), a cross-correlation, with one bias b per filter (« w et b construisent un filtre »; the bias
 * gradient ∂H/∂b is a single sum). The sizes are letters; we choose N = 4, n = 2 (z is 3×3). H is the loss (the
 * cross-entropy of the report's section 1.2.3, left out); ∂H/∂z_{i,j} is v.dy(i, j). By the report's table 1, x is the
 * input, z the output before the activation, a = φ(z) the output after it.
 * The report's mistakes:
 * - the forward pass (line 59) puts b_{a,b} inside the sum over the filter's a, b ∈ [1, n]: with the filter's one bias b,
 *   as written z_{i,j} = Σ_{a,b} x_{i+a−1,j+b−1} w_{a,b} + n² b, the bias counted n² = 4 times (read outside the sum,
 *   b_{a,b} has no a, b to take; either way it is not the layer's Σ x w + b);
 * - the error term is defined (line 73) as δ_{i,j} = ∂H/∂x_{i,j}, the gradient with respect to the layer's INPUT x,
 *   where what the next two formulas need is ∂H/∂z_{i,j}; read as written (as the corpus reads every definition),
 *   the bias gradient of line 81, Σ_i Σ_j δ_{i,j} = Σ_{i,j} ∂H/∂x_{i,j}, is not ∂H/∂b = Σ_{i,j} ∂H/∂z_{i,j} — with
 *   δ = ∂H/∂z it would hold;
 * - the kernel gradient (line 77) η_{i,j} = Σ_m Σ_n δ_{m,n} a_{i+m,j+n} fails however it is read: as written δ is
 *   ∂H/∂x and a = φ(z) is the layer's activated OUTPUT; even read as the authors meant (δ = ∂H/∂z, a the previous
 *   layer's activation, i.e. this layer's input x) it is off by one: the forward pass gives
 *   ∂H/∂w_{i,j} = Σ_{m,n} ∂H/∂z_{m,n} x_{m+i−1, n+j−1}, not x_{i+m, j+n}. The hand translation takes δ as written
 *   (∂H/∂x_{m,n}, m, n ∈ [1, N], computed by the chain rule Σ_{p,q} ∂H/∂z_{p,q} w_{m−p+1, n−q+1}) and a as the input x
 *   (the only reading that makes a a tensor of this layer).
 * Other: the single-neuron formulas of section 1.2.2 (lines 22–39: z = w × x + b, a = φ(z) and the three chain rules
 * through φ', true for one neuron but not statements about the convolution's tensors), and a_{i,j} = φ(z_{i,j})
 * (line 65, the activation applied after the layer).
 * Not found by verify, so not listed: the output range « ∀ (i,j) ∈ [1, N−n+1] » of line 57 (right: N − n + 1
 * positions per axis).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, q, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 4, n = 2, O = N - n + 1; // 4×4 image, 2×2 filter, 3×3 output

/** δ_{m,n} as line 73 defines it: ∂H/∂x_{m,n} = Σ_{p,q} ∂H/∂z_{p,q} w_{m−p+1, n−q+1} (the chain rule through line 59's x w terms). */
const dHdx = (v: Access, m: number, c: number): Q => sum(1, O, (p) => sum(1, O, (r) => qmul(v.dy(p, r), v.w(m - p + 1, c - r + 1))));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const neuron = "a formula for one neuron (section 1.2.2, « pour un neurone simple »), not a statement about the convolution layer's tensors";

const src: CorpusSource = {
  file: "35-wintertee-cnn-conv2d-fr.md",
  citation:
    "wintertee (GitHub; with Yicas-3111), « Modélisation », French-language report of the student project Re0-Neural-Network, repository wintertee/Re0-Neural-Network, file docs/Modélisation.md (added 5 July 2020, commit c18dabe4f61ad9100c4acea8572a7e53fd3d79f6), read at commit 97fa6a90113331d37b1f6a18ffc640eb00652cfc: sections 1.2.2 Notations and 1.2.5.1 Couche de convolution (Conv2D) (forward pass in index notation, the error term δ, the kernel gradient η, the bias gradient)",
  url: "https://github.com/wintertee/Re0-Neural-Network/blob/97fa6a90113331d37b1f6a18ffc640eb00652cfc/docs/Mod%C3%A9lisation.md",
  flags: ["--input", "4x4", "--kernel", "2x2", "--op", "xcorr", "--index-base", "1", "--bias"],
  layer: { op: "xcorr", input: [N, N], kernel: [n, n], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: true, indexBase: 1 },
  indexBase: 1,
  equations: [
    other(22, "z = w \\times x + b", neuron),
    other(26, "a = \\phi(z)", neuron),
    other(31, "\\frac{\\partial a}{\\partial x}=\\frac{\\partial a}{\\partial z}\\times\\frac{\\partial z}{\\partial x}=\\phi'\\times w", neuron + " (true for the neuron z = w x + b)"),
    other(35, "\\frac{\\partial a}{\\partial w}=\\frac{\\partial a}{\\partial z}\\times\\frac{\\partial z}{\\partial w}=\\phi'\\times x", neuron + " (true for the neuron)"),
    other(39, "\\frac{\\partial a}{\\partial b}=\\frac{\\partial a}{\\partial z}\\times\\frac{\\partial z}{\\partial b}=\\phi'\\times 1", neuron + " (true for the neuron)"),
    { line: 59, snippet: "z_{i,j}=\\sum _{a\\in[1,n],b\\in[1,n]}x_{i+a-1,j+b-1}\\times w_{a,b}+b_{a,b}", truth: "fails", target: "Y",
      why: "b_{a,b} sits inside the sum over a, b ∈ [1, n]: with the filter's one bias b that is Σ_{a,b} x_{i+a−1,j+b−1} w_{a,b} + n²·b, the bias counted n² times, not the layer's Σ x w + b (outside the sum, b_{a,b} would have no a, b)",
      claimed: (v, [i, j]) => qadd(sum(1, n, (a) => sum(1, n, (b) => qmul(v.x(i! + a - 1, j! + b - 1), v.w(a, b)))), qmul(q(n * n), v.b())) },
    other(65, "a_{i,j} = \\phi(z_{i,j})", "the activation applied to the layer's output z (table 1: a is the output after the activation), not a formula about the layer's gradients"),
    { line: 73, snippet: "\\delta _{i,j} = \\frac{\\partial H}{\\partial x_{i,j}}", truth: "definition",
      why: "names the « incertitude » δ: as written the gradient of the loss H with respect to the layer's input x (not ∂H/∂z, which the formulas after it need)" },
    { line: 77, snippet: "\\eta _{i,j}=\\frac{\\partial H}{\\partial w_{i,j}}=\\sum _m\\sum _n\\delta _{m,n}\\times a_{i+m,j+n}", truth: "fails", target: "dW",
      why: "with δ = ∂H/∂x (line 73) the sum pairs the input gradient with the (activated) output, not ∂H/∂z with the input; and even with δ = ∂H/∂z and a the input x it is off by one: ∂H/∂w_{i,j} = Σ_{m,n} ∂H/∂z_{m,n} x_{m+i−1,n+j−1} by line 59, not x_{i+m,j+n}",
      claimed: (v, [i, j]) => sum(1, N, (m) => sum(1, N, (c) => qmul(dHdx(v, m, c), v.x(i! + m, j! + c)))) },
    { line: 81, snippet: "\\frac{\\partial H}{\\partial  b }=\\sum _i\\sum _j\\delta _{i,j}", truth: "fails", target: "db",
      why: "with δ_{i,j} = ∂H/∂x_{i,j} as line 73 defines it, Σ_{i,j} δ_{i,j} is the sum of the input gradient, not ∂H/∂b = Σ_{i,j} ∂H/∂z_{i,j} (it would hold with δ = ∂H/∂z)",
      claimed: (v) => sum(1, N, (i) => sum(1, N, (j) => dHdx(v, i, j))) },
  ],
};
export default src;
