/**
 * Sai Krishna Ponnam (GitHub: saikrishnaponnam), "Convolution": a page of his Markdown study notes,
 * docs/convolution.md of the repository saikrishnaponnam/Machine-Learning (May 2025; read at the September 2025
 * commit) — the forward and backward pass of a multi-channel convolution layer, entry by entry and im2col-style.
 * Layer: the page's own — input X (C_in × H_in × W_in), kernel W (C_out × C_in × K_H × K_W), output Y
 * (C_out × H_out × W_out), one bias b_c per output channel, "stride = 1, padding = 0", a cross-correlation
 * (Y_{c,i,j} = Σ_k Σ_m Σ_n W_{c,k,m,n} X_{k,i+m,j+n} + b_c; the "." between W and X is a product), every index
 * 0-based (the sums run from 0 to C_in − 1, K_H − 1, K_W − 1, H_out − 1). The page gives no sizes: chosen here
 * C_in = 2, C_out = 3, H_in × W_in = 5 × 6, K_H × K_W = 3 × 2 (so H_out × W_out = 3 × 5). δ = ∂L/∂Y (line 12),
 * so δ_{c,i,j} is v.dy(c, i, j).
 * The vectorized form (lines 24–26, 36, 59) names two matrices by their shapes: W̃ (C_out × C_in·K_H·K_W) and the
 * unfolded input X̃ (C_in·K_H·K_W × H_out·W_out), with Y (and δ) read as C_out × H_out·W_out. Read here with the
 * rows of both ordered (k, m, n) and the columns of X̃ (i, j): W̃[c, (k,m,n)] = W_{c,k,m,n}, X̃[(k,m,n), (i,j)] =
 * X_{k,i+m,j+n}. Line 26, where they are introduced, is a definition (as 28's Toeplitz matrix); line 36,
 * ∂L/∂W̃ = δ X̃^T, is the kernel gradient reshaped; line 59, ∂L/∂X̃ = W̃^T δ, is the gradient with respect to the
 * unfolded matrix, an intermediate: it is checked here through the unfold, dX_{k,p,q} = Σ of (W̃^T δ) over the
 * entries of X̃ that are copies of X_{k,p,q} — true exactly when line 59 is.
 * The page is right: every formula holds — the forward pass, the three chain rules (lines 32, 41, 48), the three
 * local derivatives (lines 33, 42, and the case split of line 51, W_{c,k,p−i,q−j} inside the kernel, 0 outside),
 * the three closed forms (lines 34, 43, 54) and the two matrix forms.
 * A local derivative (lines 33, 42, 51) is checked by the oracle through the chain rule it feeds: Σ over the
 * outputs of ∂L/∂Y times the derivative as written (the condition of line 51 evaluated literally) must be the
 * oracle's gradient at random ∂L/∂Y — which it is only if the derivative is right at every output.
 * Line 14's size formula writes K for both axes: the kernel's size along that axis (K_H for H_out, K_W for W_out),
 * as the page's K_H × K_W kernel has; with stride 1 and P = 0 it is 5 − 3 + 1 = 3 and 6 − 2 + 1 = 5.
 * Other: line 49's "p = i + m, q = j + n" (the condition under which Y_{c,i,j} depends on X_{k,p,q}, naming the
 * kernel offset m, n; not a statement about a tensor). Definitions: δ (line 12), the vectorized form (line 26) and
 * flip (line 57). Not found by verify, so not listed: the shapes "X ∈ ℝ^…", "W ∈ ℝ^…", "Y ∈ ℝ^…" (lines 9–11) and
 * of W̃ and X̃ (lines 24, 25).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, Q0, Q1, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const CIN = 2, COUT = 3, HIN = 5, WIN = 6, KH = 3, KW = 2;
const HOUT = HIN - KH + 1, WOUT = WIN - KW + 1; // 3 × 5

/** Σ over every output (c, i, j) of the layer (c = out channel). */
const overOutputs = (f: (c: number, i: number, j: number) => Q): Q =>
  sum(0, COUT - 1, (c) => sum(0, HOUT - 1, (i) => sum(0, WOUT - 1, (j) => f(c, i, j))));
/** Σ over the output positions (i, j) of one channel. */
const overIJ = (f: (i: number, j: number) => Q): Q => sum(0, HOUT - 1, (i) => sum(0, WOUT - 1, (j) => f(i, j)));

/** Y_{c,i,j} = Σ_k Σ_m Σ_n W_{c,k,m,n} X_{k,i+m,j+n} + b_c. */
const fwd = (v: Access, [c, i, j]: number[]): Q =>
  qadd(sum(0, CIN - 1, (k) => sum(0, KH - 1, (m) => sum(0, KW - 1, (n) => qmul(v.w(c!, k, m, n), v.x(k, i! + m, j! + n))))), v.b(c!));
/** Σ_{i,j} δ_{c,i,j} X_{k,i+m,j+n}. */
const dW = (v: Access, [c, k, m, n]: number[]): Q => overIJ((i, j) => qmul(v.dy(c!, i, j), v.x(k!, i + m!, j + n!)));
/** Σ_{i,j} δ_{c,i,j}. */
const db = (v: Access, [c]: number[]): Q => overIJ((i, j) => v.dy(c!, i, j));
/** Σ_c Σ_i Σ_j δ_{c,i,j} W_{c,k,p−i,q−j} (W reads 0 outside the kernel). */
const dX = (v: Access, [k, p, q]: number[]): Q => overOutputs((c, i, j) => qmul(v.dy(c, i, j), v.w(c, k!, p! - i, q! - j)));

/** Line 51's case split as written: W_{c,k,p−i,q−j} if 0 ≤ p−i < K_H and 0 ≤ q−j < K_W, else 0. */
const dYdX = (v: Access, c: number, k: number, i: number, j: number, p: number, q: number): Q =>
  0 <= p - i && p - i < KH && 0 <= q - j && q - j < KW ? v.w(c, k, p - i, q - j) : Q0;

/** The unfolded input X̃[(k,m,n), (i,j)] = X_{k,i+m,j+n} and the kernel matrix W̃[c, (k,m,n)] = W_{c,k,m,n}. */
const ROWS: [number, number, number][] = [];
for (let k = 0; k < CIN; k++) for (let m = 0; m < KH; m++) for (let n = 0; n < KW; n++) ROWS.push([k, m, n]);
/** (δ X̃^T)[c, (k,m,n)] = Σ_{col} δ[c, col] X̃[(k,m,n), col], col = (i, j). */
const dWtilde = (v: Access, [c, k, m, n]: number[]): Q => overIJ((i, j) => qmul(v.dy(c!, i, j), v.x(k!, i + m!, j + n!)));
/** (W̃^T δ)[(k,m,n), (i,j)] = Σ_c W̃[c, (k,m,n)] δ[c, (i,j)]. */
const dXtildeEntry = (v: Access, [k, m, n]: [number, number, number], i: number, j: number): Q =>
  sum(0, COUT - 1, (c) => qmul(v.w(c, k, m, n), v.dy(c, i, j)));
/** dX_{k,p,q} through the unfold: Σ of (W̃^T δ) over the entries of X̃ that copy X_{k,p,q} (i + m = p, j + n = q). */
const dXviaUnfold = (v: Access, [k, p, q]: number[]): Q =>
  ROWS.filter(([kk]) => kk === k).reduce(
    (acc, row) => qadd(acc, overIJ((i, j) => (i + row[1] === p && j + row[2] === q ? dXtildeEntry(v, row, i, j) : Q0))),
    Q0,
  );

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const definition = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "definition", why });
const size = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "holds", target: "size", why });

const src: CorpusSource = {
  file: "29-ponnam-conv-notes.md",
  citation:
    "Sai Krishna Ponnam (GitHub: saikrishnaponnam), \"Convolution\", a page of his Markdown study notes, repository saikrishnaponnam/Machine-Learning, file docs/convolution.md (written 21 May 2025, last changed 29 May 2025, commit 42dbbbc7cd37aece0cf0cfde1535ab1a7fab6b35), read at commit 3c8e55796582bf1b2da0a1a0206f9452959cf676 (1 September 2025): the whole page (forward pass, vectorized form, gradients with respect to the weights, the bias and the input)",
  url: "https://github.com/saikrishnaponnam/Machine-Learning/blob/3c8e55796582bf1b2da0a1a0206f9452959cf676/docs/convolution.md",
  flags: ["--input", "5x6", "--kernel", "3x2", "--op", "xcorr", "--index-base", "0", "--in-channels", "2", "--out-channels", "3", "--bias"],
  layer: { op: "xcorr", input: [HIN, WIN], kernel: [KH, KW], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: CIN, outChannels: COUT, groups: 1, batch: null, bias: true, indexBase: 0 },
  indexBase: 0,
  equations: [
    definition(12, "\\delta = \\frac{\\partial L}{\\partial Y}", "introduces δ as the output gradient ∂L/∂Y (with its shape C_out × H_out × W_out)"),
    size(14, "H_{out} = \\frac{H_{in} + 2P - K}{stride} + 1",
      "the output height of a window of K = K_H rows at stride 1 with no padding: (5 + 0 − 3)/1 + 1 = 3"),
    size(14, "W_{out} = \\frac{W_{in} + 2P - K}{stride} + 1",
      "the output width, K read as the kernel's width K_W (the page's kernel is K_H × K_W): (6 + 0 − 2)/1 + 1 = 5"),
    { line: 20, snippet: "Y_{c,i,j} = \\sum_{k=0}^{C_{in}-1} \\sum_{m=0}^{K_H-1} \\sum_{n=0}^{K_W-1} W_{c,k,m,n}.X_{k, i+m, j+n} + b_c", truth: "holds", target: "Y",
      why: "the forward pass of a multi-channel cross-correlation with one bias per output channel (the . is a product)", claimed: fwd },
    definition(26, "Y = \\tilde{W} \\cdot \\tilde{X} + b",
      "W̃ and the unfolded input X̃ are introduced (lines 24, 25) only by their shapes: this equation is what says which matrices they are (as 28's Toeplitz matrix)"),
    { line: 32, snippet: "\\frac{\\partial L}{\\partial W_{c,k,m,n}} = \\sum_{i,j} \\frac{\\partial L}{\\partial Y_{c,i,j}} \\frac{\\partial Y_{c,i,j}}{\\partial W_{c,k,m,n}}", truth: "holds", target: "dW",
      why: "W_{c,k,m,n} enters only the outputs of channel c: the chain rule over their positions (i, j), with the local derivative X_{k,i+m,j+n} of line 33",
      claimed: (v, [c, k, m, n]) => overIJ((i, j) => qmul(v.dy(c!, i, j), v.x(k!, i + m!, j + n!))) },
    { line: 33, snippet: "\\frac{\\partial Y_{c,i,j}}{\\partial W_{c,k,m,n}} = X_{k,i+m,j+n}", truth: "holds", target: "dW",
      why: "W_{c,k,m,n} multiplies X_{k,i+m,j+n} in Y_{c,i,j} and nowhere else in it; checked through line 32's chain rule: Σ_{i,j} ∂L/∂Y_{c,i,j} times this derivative is the kernel gradient",
      claimed: dW },
    { line: 34, snippet: "\\frac{\\partial L}{\\partial W_{c,k,m,n}} = \\sum_{i,j} \\delta_{c,i,j} X_{k,i+m,j+n}", truth: "holds", target: "dW",
      why: "the kernel gradient: the output gradient of channel c correlated with input channel k", claimed: dW },
    { line: 36, snippet: "\\frac{\\partial L}{\\partial \\tilde{W}} = \\delta \\tilde{X}^T", truth: "holds", target: "dW",
      why: "with δ read as C_out × H_out·W_out, (δ X̃^T)[c, (k,m,n)] = Σ_{i,j} δ_{c,i,j} X_{k,i+m,j+n}: line 34's kernel gradient in W̃'s layout",
      claimed: dWtilde },
    { line: 41, snippet: "\\frac{\\partial L}{\\partial b_c} = \\sum_{i,j} \\frac{\\partial L}{\\partial Y_{c,i,j}} \\frac{\\partial Y_{c,i,j}}{\\partial b_c}", truth: "holds", target: "db",
      why: "b_c enters every output of channel c: the chain rule over their positions, with ∂Y_{c,i,j}/∂b_c = 1 (line 42)",
      claimed: (v, [c]) => overIJ((i, j) => qmul(v.dy(c!, i, j), Q1)) },
    { line: 42, snippet: "\\frac{\\partial Y_{c,i,j}}{\\partial b_c} = 1", truth: "holds", target: "db",
      why: "b_c is added once to each Y_{c,i,j}; checked through line 41's chain rule: Σ_{i,j} ∂L/∂Y_{c,i,j} · 1 is the bias gradient",
      claimed: db },
    { line: 43, snippet: "\\frac{\\partial L}{\\partial b_c} = \\sum_{i,j} \\delta_{c,i,j}", truth: "holds", target: "db",
      why: "the bias gradient is the sum of channel c's output gradient", claimed: db },
    { line: 48, snippet: "\\frac{\\partial L}{\\partial X_{k,p,q}} = \\sum_{c=0}^{C_{out} - 1} \\sum_{i=0}^{H_{out} - 1} \\sum_{j=0}^{W_{out} - 1} \\frac{\\partial L}{\\partial Y_{c,i,j}}", truth: "holds", target: "dX",
      why: "the chain rule over every output Y_{c,i,j}, with the local derivative of line 51",
      claimed: (v, [k, p, q]) => overOutputs((c, i, j) => qmul(v.dy(c, i, j), dYdX(v, c, k!, i, j, p!, q!))) },
    other(49, "p=i+m", "the condition under which Y_{c,i,j} depends on X_{k,p,q} (some kernel offset m, n), not a statement about a tensor"),
    other(49, "q=j+n", "the second half of the same condition"),
    { line: 51, snippet: "\\frac{\\partial Y_{c,i,j}}{\\partial X_{k,p,q}} = \\begin{cases}", truth: "holds", target: "dX",
      why: "X_{k,p,q} meets Y_{c,i,j} only under the kernel entry W_{c,k,p−i,q−j}, which exists when 0 ≤ p − i < K_H and 0 ≤ q − j < K_W (0 otherwise); checked through line 48's chain rule with the condition evaluated as written",
      claimed: (v, [k, p, q]) => overOutputs((c, i, j) => qmul(v.dy(c, i, j), dYdX(v, c, k!, i, j, p!, q!))) },
    { line: 54, snippet: "\\frac{\\partial L}{\\partial X_{k,p,q}} = \\sum_{c=0}^{C_{out} - 1} \\sum_{i=0}^{H_{out} - 1} \\sum_{j=0}^{W_{out} - 1} \\delta_{c,i,j} W_{c,k,p-i,q-j}", truth: "holds", target: "dX",
      why: "line 48 with line 51's derivative: the stride-1 input gradient (W_{c,k,p−i,q−j} is 0 outside the kernel, the terms the case split drops)",
      claimed: dX },
    definition(57, "flip(W_{c,k,m,n}) = W_{c,k,K_H-1-m, K_W-1-n}", "defines flip, the kernel turned by 180° in its two spatial axes"),
    { line: 59, snippet: "\\frac{\\partial L}{\\partial \\tilde{X}} = \\tilde{W}^T . \\delta", truth: "holds", target: "dX",
      why: "the gradient with respect to the unfolded matrix X̃ (an intermediate): (W̃^T δ)[(k,m,n), (i,j)] = Σ_c W_{c,k,m,n} δ_{c,i,j}; summed over the entries of X̃ that copy X_{k,p,q} it is the input gradient",
      claimed: dXviaUnfold },
  ],
};
export default src;
