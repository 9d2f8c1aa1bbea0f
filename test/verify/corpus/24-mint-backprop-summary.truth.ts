/**
 * RemiC (GitHub repository e3u3/Mint), "Back Propagation Summary", the back-propagation notes of the NumPy
 * deep-learning framework Mint (file "Back Propagation Summary.md", commit bdf3733, September 2019), section
 * "3. Convolutional".
 * Layer: the notes' convolution with stride S and no padding (3.0 and 3.2): maps in size (N, C, H, W) (batch
 * first), the input X^l of size (N, C^{l-1}, H^{l-1}, W^{l-1}), the kernel K^l of size (C^l, C^{l-1}, F^l, F^l)
 * (output channel first), the output Z^l = X^l * K^l + b^l of size (N, C^l, H^l, W^l), with one bias b^l_c per
 * output channel (3.0 adds b^l; 3.1.2 differentiates it; Mint's Conv2d has bias=True).
 * 3.2.1 develops * as z^l_{n,c,h,w} = Σ_{c',i,j} x^l_{n,c',hS+i,wS+j} k^l_{c,c',i,j}: a cross-correlation (the
 * kernel is not flipped), every index 0-based (the sums run from 0). The oracle's layouts are the notes' own:
 * v.x(n, c', h, w), v.w(c, c', i, j), v.dy(n, c, h, w) = δ^l_{n,c,h,w} = ∂L/∂z^l_{n,c,h,w}, v.b(c).
 * Sizes chosen (the notes give them only symbolically): N = 2, C^{l-1} = 2, C^l = 3, F^l = 3, S = 2 and a
 * 5×7 input, so H^l × W^l = 2×3 (and (H^{l-1} - F^l)/S, (W^{l-1} - F^l)/S are whole, so no input row or
 * column is left out of every window).
 * The notes' other layer — 3.1, unit stride — is not this one; its stride-1 formulas are not transcribed (see
 * the .md's header); the δ^l definition and the bias gradient of 3.1 (valid for any stride, and what 3.2.2's
 * "The same as before" refers to) and the definitions of δ̈^l (padded by F^l - 1 zeros) and k̂^l (rotated by
 * 180°, channels exchanged) are kept.
 * The notes' mistakes, read as written:
 * - 3.2.1's forward pass z^l_{n,c,h,w} = Σ x k (line 52) drops the bias b^l of 3.0's Z^l = X^l * K^l + b^l:
 *   as written it is the output only when b^l = 0.
 * - 3.2.1's kernel gradient (line 58) writes x^l_{n,c',hS+i,hS+j} where wS+j is meant (a typo: the column
 *   index uses h), so its chain fails although its first link (the chain rule) holds.
 * - 3.2.1's zero-inserted form (lines 64-67) keeps the printed ranges h ≤ H^l - 1, w ≤ W^l - 1 of the
 *   un-inserted map, but δ̌^l (S - 1 zeros inserted between rows and columns) is ((H^l-1)S+1) × ((W^l-1)S+1):
 *   with the printed ranges the sum reaches δ^l_{n,c,h',w'} only for h'S ≤ H^l - 1, w'S ≤ W^l - 1 (here
 *   h' = 0, w' ≤ 1 of 2×3) and misses the rest (read literally, as 06's printed ranges are); summed over the
 *   whole of δ̌^l the same expression is the kernel gradient.
 * Everything else transcribed holds.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 2, CI = 2, CO = 3, F = 3, S = 2, H = 5, W = 7;
const HO = (H - F) / S + 1, WO = (W - F) / S + 1; // H^l = 2, W^l = 3

const Q1: Q = { n: 1n, d: 1n };

/** z^l_{n,c,h,w} without the bias: Σ_{c'=0}^{C^{l-1}-1} Σ_{i,j=0}^{F^l-1} x^l_{n,c',hS+i,wS+j} k^l_{c,c',i,j}. */
const corr = (v: Access, n: number, c: number, h: number, w: number): Q =>
  sum(0, CI - 1, (cp) => sum(0, F - 1, (i) => sum(0, F - 1, (j) => qmul(v.x(n, cp, h * S + i, w * S + j), v.w(c, cp, i, j)))));
/** The layer's output Z^l = X^l * K^l + b^l. */
const fwd = (v: Access, [n, c, h, w]: number[]): Q => qadd(corr(v, n!, c!, h!, w!), v.b(c!));

/** ∂z^l_{n,c,h,w}/∂k^l_{c,c',i,j} = x^l_{n,c',hS+i,wS+j} (the same output channel c). */
const dzdk = (v: Access, n: number, h: number, w: number, cp: number, i: number, j: number): Q => v.x(n, cp, h * S + i, w * S + j);
/** ∂z^l_{n,c',h',w'}/∂x^l_{n,c,h,w} = k^l_{c',c,h-h'S,w-w'S} (0 outside the kernel). */
const dzdx = (v: Access, cp: number, hp: number, wp: number, c: number, h: number, w: number): Q => v.w(cp, c, h - hp * S, w - wp * S);
/** δ̌^l: S - 1 zeros inserted between the rows and the columns of δ^l (size (H^l-1)S+1 × (W^l-1)S+1). */
const dCheck = (v: Access, n: number, c: number, p: number, q: number): Q =>
  p % S === 0 && q % S === 0 ? v.dy(n, c, p / S, q / S) : Q0;
/** δ̈̌: δ̌^l padded with F^l - 1 zeros on each side. */
const dDotCheck = (v: Access, n: number, c: number, p: number, q: number): Q => dCheck(v, n, c, p - (F - 1), q - (F - 1));
/** k̂^l_{c,c',i,j}: the kernel rotated by 180° with output/input channels exchanged, k^l_{c',c,F-1-i,F-1-j}. */
const kHat = (v: Access, c: number, cp: number, i: number, j: number): Q => v.w(cp, c, F - 1 - i, F - 1 - j);

/** Σ_{n=0}^{N-1} Σ_{h=0}^{H^l-1} Σ_{w=0}^{W^l-1} f(n, h, w). */
const nhw = (f: (n: number, h: number, w: number) => Q): Q => sum(0, N - 1, (n) => sum(0, HO - 1, (h) => sum(0, WO - 1, (w) => f(n, h, w))));
/** Σ_{c'=0}^{C^l-1} Σ_{h'=0}^{H^l-1} Σ_{w'=0}^{W^l-1} f(c', h', w'). */
const chw = (f: (c: number, h: number, w: number) => Q): Q => sum(0, CO - 1, (c) => sum(0, HO - 1, (h) => sum(0, WO - 1, (w) => f(c, h, w))));

/** The zero-inserted form as printed: Σ_{n} Σ_{h=0}^{H^l-1} Σ_{w=0}^{W^l-1} δ̌^l_{n,c,h,w} x^l_{n,c',h+i,w+j}. */
const dKCheck = (v: Access, [c, cp, i, j]: number[]): Q => nhw((n, h, w) => qmul(dCheck(v, n, c!, h, w), v.x(n, cp!, h + i!, w + j!)));
/** ∂L/∂b^l_c = Σ_{n,h,w} δ^l_{n,c,h,w}. */
const db = (v: Access, [c]: number[]): Q => nhw((n, h, w) => v.dy(n, c!, h, w));

/** 1 when (h'S, w'S) ∈ [max(0, h-F+1), h] × [max(0, w-F+1), w], else 0. */
const ind = (h: number, hp: number, w: number, wp: number): Q =>
  hp * S >= Math.max(0, h - F + 1) && hp * S <= h && wp * S >= Math.max(0, w - F + 1) && wp * S <= w ? Q1 : Q0;

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const def = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "definition", why });

const src: CorpusSource = {
  file: "24-mint-backprop-summary.md",
  citation:
    "RemiC (GitHub: e3u3), \"Back Propagation Summary\", back-propagation notes of Mint, a deep-learning framework implemented in NumPy; repository e3u3/Mint, file \"Back Propagation Summary.md\", read at commit bdf3733cb7ef39394f6382b4471c70a4091dcb32 (\"Fix padding for conv backward\", 18 September 2019), section \"3. Convolutional\" (3.0 Overview; 3.1.1 the δ definition, 3.1.2 Gradient on Bias, 3.1.3 the δ̈/k̂ definitions; 3.2 Convolution with Non-unit stride S and No Padding; 3.3)",
  url: "https://github.com/e3u3/Mint/blob/bdf3733cb7ef39394f6382b4471c70a4091dcb32/Back%20Propagation%20Summary.md",
  flags: ["--input", "5x7", "--kernel", "3x3", "--op", "xcorr", "--stride", "2", "--index-base", "0", "--in-channels", "2", "--out-channels", "3", "--batch", "2", "--bias"],
  layer: { op: "xcorr", input: [H, W], kernel: [F, F], stride: [S, S], dilation: [1, 1], padding: "valid", inChannels: CI, outChannels: CO, groups: 1, batch: N, bias: true, indexBase: 0 },
  indexBase: 0,
  equations: [
    { line: 20, snippet: "Z^l = X^l * K^l + b^l", truth: "holds", target: "Y",
      why: "the forward pass: X^l correlated with K^l (the * that 3.2.1 develops, stride S, kernel not flipped) plus the bias b^l_c of each output channel",
      claimed: fwd },
    other(20, "X^{l+1} = \\sigma(Z^l)", "the activation of the next layer's input, not the convolution layer"),
    def(28, "\\delta^l_{n,c,h,w}={\\partial\\mathcal{L}}/{\\partial z^l_{n,c,h,w}}", "defines δ^l as the gradient of the loss with respect to the layer's output z^l"),
    { line: 35, snippet: "\\frac{\\partial\\mathcal{L}}{\\partial b^l_c} =& \\sum_{n=0}^{N-1}", truth: "holds", target: "db",
      why: "b^l_c is added with coefficient 1 to every z^l_{n,c,h,w} of channel c (any stride): the chain rule Σ_{n,h,w} ∂L/∂z · ∂z/∂b^l_c, and its second link (line 36) Σ_{n,h,w} ∂L/∂z^l_{n,c,h,w}",
      claimed: (v, idx) => chain(nhw((n, h, w) => qmul(v.dy(n, idx[0]!, h, w), Q1)), db(v, idx)) },
    { line: 52, snippet: "z^l_{n,c,h,w} = \\sum_{c'=0}^{C^{l-1}-1}", truth: "fails", target: "Y",
      why: "the strided correlation Σ_{c',i,j} x^l_{n,c',hS+i,wS+j} k^l_{c,c',i,j} is right, but it is written as the output z^l itself and drops the bias b^l that 3.0's Z^l = X^l * K^l + b^l adds",
      claimed: (v, [n, c, h, w]) => corr(v, n!, c!, h!, w!) },
    { line: 57, snippet: "\\frac{\\partial\\mathcal{L}}{\\partial k^l_{c,c',i,j}} =& \\sum_{n=0}^{N-1}", truth: "fails", target: "dW",
      why: "the first link (the chain rule Σ_{n,h,w} ∂L/∂z^l_{n,c,h,w} ∂z^l_{n,c,h,w}/∂k^l_{c,c',i,j}) holds, but the second (line 58) writes x^l_{n,c',hS+i,hS+j}: the column index uses h where wS+j is meant, so it is not the kernel gradient",
      claimed: (v, [c, cp, i, j]) =>
        chain(
          nhw((n, h, w) => qmul(v.dy(n, c!, h, w), dzdk(v, n, h, w, cp!, i!, j!))),
          nhw((n, h, w) => qmul(v.dy(n, c!, h, w), v.x(n, cp!, h * S + i!, h * S + j!))),
        ) },
    { line: 64, snippet: "\\frac{\\partial\\mathcal{L}}{\\partial k^l_{c,c',i,j}}", truth: "fails", target: "dW",
      why: "with S - 1 zeros inserted, δ̌^l_{n,c,h,w} = δ^l_{n,c,h/S,w/S} (S | h, w) lives on (H^l-1)S+1 × (W^l-1)S+1 positions, and Σ δ̌^l_{n,c,h,w} x^l_{n,c',h+i,w+j} over all of them is the kernel gradient; but the three links (∂L/∂ž, δ̌, and the batch/channel-exchanged x̃, δ̌̃) keep the printed ranges h ≤ H^l-1, w ≤ W^l-1 and so drop every δ^l_{n,c,h',w'} with h'S > H^l-1 or w'S > W^l-1 (here all but h' = 0, w' ≤ 1)",
      claimed: (v, idx) => chain(dKCheck(v, idx), dKCheck(v, idx), dKCheck(v, idx)) },
    { line: 80, snippet: "\\frac{\\partial\\mathcal{L}}{\\partial x^l_{n,c,h,w}} =& \\sum_{c'=0}^{C^{l}-1}", truth: "holds", target: "dX",
      why: "the chain rule over the outputs of the same batch item n (z^l_{n,…} depends on x^l_{n,…} only), ∂z^l_{n,c',h',w'}/∂x^l_{n,c,h,w} = k^l_{c',c,h-h'S,w-w'S}; the second link (line 81) multiplies by the indicator 𝕀_{F^l}, which is 1 exactly where that derivative can be non-zero (0 ≤ h - h'S ≤ F^l - 1), so it changes nothing",
      claimed: (v, [n, c, h, w]) =>
        chain(
          chw((cp, hp, wp) => qmul(v.dy(n!, cp, hp, wp), dzdx(v, cp, hp, wp, c!, h!, w!))),
          chw((cp, hp, wp) => qmul(qmul(v.dy(n!, cp, hp, wp), dzdx(v, cp, hp, wp, c!, h!, w!)), ind(h!, hp, w!, wp))),
        ) },
    def(87, "\\mathbb{I}_{F^l}(h,h',w,w') = \\left\\{", "defines the indicator 𝕀_{F^l} used in the line above"),
    { line: 98, snippet: "\\frac{\\partial L}{\\partial x^l_{n,c,h,w}} = \\sum_{c'=0}^{C^l-1}\\sum_{i=0}^{F^l-1}", truth: "holds", target: "dX",
      why: "δ̈̌ is δ^l with S - 1 zeros inserted and F^l - 1 zeros padded on each side, δ̈̌_{n,c',h+i,w+j} = δ^l_{n,c',(h+i-F^l+1)/S,(w+j-F^l+1)/S}, and k̂^l_{c,c',i,j} = k^l_{c',c,F^l-1-i,F^l-1-j}: with i' = F^l-1-i this is Σ_{c',i',j'} δ^l_{n,c',(h-i')/S,(w-j')/S} k^l_{c',c,i',j'}, the input gradient",
      claimed: (v, [n, c, h, w]) =>
        sum(0, CO - 1, (cp) => sum(0, F - 1, (i) => sum(0, F - 1, (j) => qmul(dDotCheck(v, n!, cp, h! + i, w! + j), kHat(v, c!, cp, i, j))))) },
  ],
};
export default src;
