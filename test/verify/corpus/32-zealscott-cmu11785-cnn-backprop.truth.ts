/**
 * Yuntao Du (GitHub: zealscott), "11 Prop Of CNN": his notes on lecture 12 (back-propagation in CNNs) of Carnegie
 * Mellon's course 11-785 "Introduction to Deep Learning", a page of his GitBook "CMU Deep Learning" (repository
 * zealscott/techblog_pub, file "cmu-dl/L12 Prop of CNN.html", 2023). Written in the lecture's own notation: the maps
 * are functions of (layer, map, x, y), and the derivatives with respect to the input maps and the filters are written
 * in index notation with explicit sums over the output maps n and the positions x', y'.
 * Layer: a multi-channel convolution layer, 0-based ("such that 0,0 becomes K−1,K−1"). The page does not write the
 * forward pass; it is the one its gradients and its words state — z(l, n, x, y) = Σ_m Σ_{x',y'} w_l(m, n, x', y')
 * Y(l−1, m, x + x', y + y'), a cross-correlation (line 75's Y(l−1, m, x' + x, y' + y) multiplies w_l(m, n, x, y);
 * "Each Y(l−1,m,x,y) affects several z(l,n,x',y') … through w_l(m,n,x−x',y−y')"), stride 1, no padding, each filter
 * summing over every input map m ("the derivative at each (x,y) location is obtained from all Z maps"). w_l(m, n, ·, ·)
 * is the filter from input map m to output map n (input channel FIRST). No bias is written (none of the formulas
 * needs one): bias off. Sizes are not given on this page (the course's earlier page says N×N images, M×M filters,
 * stride S; this page calls the filter's side K): chosen here a 5×5 input, 3×3 filters (K = 3), stride 1, so a 3×3
 * output; 2 input maps m, 3 output maps n.
 * Oracle layout: Y(l−1, m, x, y) = v.x(m, x, y), w_l(m, n, x, y) = v.w(n, m, x, y), dDiv/dz(l, n, x, y) = v.dy(n, x, y).
 * Every formula about the layer holds: both chain rules (lines 57, 71), their closed forms (61 and its repeat 85; 75),
 * and the "in practice" form (line 108) — the output-gradient maps shifted by K − 1 (line 104: z_shift(x) =
 * z(x − K + 1), so ∂Div/∂z_shift(l, n, x + x', y + y') is dDiv/dz(l, n, x + x' − K + 1, y + y' − K + 1), 0 off the
 * output — the "zero padding") correlated with the flipped filter ŵ(l, n, m, x', y') = w_l(m, n, K − 1 − x', K − 1 − y')
 * ("Regular convolution running on shifted derivative maps using flipped filter"; ŵ is named, not defined, on the page,
 * and its index order n, m is the reverse of w_l's m, n). Substituting u = K − 1 − x' gives line 61's Σ w_l(m, n, u, ·)
 * dDiv/dz(l, n, x − u, ·). Line 108 writes ∂Div/∂y(l−1, …) with a lower-case y for the map the other lines call Y.
 * The page's slips are in the notation, not the values: line 104 gives z_shift five arguments (l, n, m, x, y) where
 * its use (line 108) and its right side have four (the m is idle); the sums write x \prime (no superscript) for x';
 * the text says "zero padding it first with L−1 zeros" where K − 1 is meant (words, not an equation).
 * Other: line 42 is about the activation of layer l (dDiv/dz = dDiv/dY f'(z) with Y(l) = f(z(l)), the map after this
 * layer's affine part; its dDiv/dY(l) is no tensor of the layer); lines 121 and 135 are the max- and mean-pooling
 * derivatives (another layer).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 5, K = 3, CI = 2, CO = 3;
const O = N - K + 1; // 3 × 3 output

/** Σ_n Σ_{x',y'} dDiv/dz(l, n, x', y') w_l(m, n, x − x', y − y') over every output position (w is 0 outside the filter). */
const dY = (v: Access, [m, x, y]: number[]): Q =>
  sum(0, CO - 1, (n) => sum(0, O - 1, (xp) => sum(0, O - 1, (yp) => qmul(v.dy(n, xp, yp), v.w(n, m!, x! - xp, y! - yp)))));
/** Σ_{x',y'} dDiv/dz(l, n, x', y') Y(l−1, m, x' + x, y' + y). */
const dW = (v: Access, [n, m, x, y]: number[]): Q =>
  sum(0, O - 1, (xp) => sum(0, O - 1, (yp) => qmul(v.dy(n!, xp, yp), v.x(m!, xp + x!, yp + y!))));
/** ŵ(l, n, m, x', y'): the flipped filter, w_l(m, n, K − 1 − x', K − 1 − y'). */
const what = (v: Access, n: number, m: number, xp: number, yp: number): Q => v.w(n, m, K - 1 - xp, K - 1 - yp);
/** ∂Div/∂z_shift(l, n, x, y) = dDiv/dz(l, n, x − K + 1, y − K + 1) (0 off the output: the zero padding). */
const dzShift = (v: Access, n: number, x: number, y: number): Q => v.dy(n, x - K + 1, y - K + 1);

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });

const src: CorpusSource = {
  file: "32-zealscott-cmu11785-cnn-backprop.md",
  citation:
    'Yuntao Du (GitHub: zealscott), "11 Prop Of CNN", notes on lecture 12 of the Carnegie Mellon University course 11-785 "Introduction to Deep Learning", in his GitBook "CMU Deep Learning", repository zealscott/techblog_pub, file "cmu-dl/L12 Prop of CNN.html" (published 20 April 2023), read at commit 6e41b726542ace32f107923f677d07c85729b0db: sections "Convolution" to "Derivative of Mean pooling" (the convolutional layer\'s backward pass in index notation, multi-channel, and its "in practice" flipped-filter form)',
  url: "https://github.com/zealscott/techblog_pub/blob/6e41b726542ace32f107923f677d07c85729b0db/cmu-dl/L12%20Prop%20of%20CNN.html",
  flags: ["--input", "5x5", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0", "--in-channels", "2", "--out-channels", "3"],
  layer: { op: "xcorr", input: [N, N], kernel: [K, K], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: CI, outChannels: CO, groups: 1, batch: null, bias: false, indexBase: 0 },
  indexBase: 0,
  equations: [
    other(42, "\\frac{d D i v}{d z(l, m, x, y)}=\\frac{d D i v}{d Y(l, m, x, y)} f^{\\prime}(z(l, m, x, y))",
      "the activation of layer l (Y(l) = f(z(l)), after this layer's affine map): dDiv/dY(l) is no tensor of the convolution, so nothing of the layer is claimed"),
    { line: 57, snippet: "\\frac{d D i v}{d Y(l-1, m, x, y)}=\\sum_{n} \\sum_{x^{\\prime}, y^{\\prime}} \\frac{d D i v}{d z\\left(l, n, x^{\\prime}, y^{\\prime}\\right)} \\frac{d z", truth: "holds", target: "dX",
      why: "Y(l−1, m, x, y) enters every output z(l, n, x', y') of every map n (the page: 'for every n'), with local derivative w_l(m, n, x − x', y − y') (0 where that is off the filter): the chain rule over all of them",
      claimed: (v, [m, x, y]) => sum(0, CO - 1, (n) => sum(0, O - 1, (xp) => sum(0, O - 1, (yp) => qmul(v.dy(n, xp, yp), v.w(n, m!, x! - xp, y! - yp))))) },
    { line: 61, snippet: "\\frac{d D i v}{d Y(l-1, m, x, y)}=\\sum_{n} \\sum_{x \\prime, y^{\\prime}} \\frac{d D i v}{d z\\left(l, n, x^{\\prime}, y^{\\prime}\\right)} w_{l}", truth: "holds", target: "dX",
      why: "the input gradient: Σ_n Σ_{x',y'} dDiv/dz(l, n, x', y') w_l(m, n, x − x', y − y'), the output gradients fully convolved with the filters, summed over the output maps (x \\prime read x')",
      claimed: dY },
    { line: 71, snippet: "\\frac{d D i v}{d w_{l}(m, n, x, y)}=\\sum_{x^{\\prime}, y^{\\prime}} \\frac{d D i v}{d z\\left(l, n, x^{\\prime}, y^{\\prime}\\right)} \\frac{d z", truth: "holds", target: "dW",
      why: "w_l(m, n, x, y) enters only map n ('only one Z map'), every position (x', y') of it, with local derivative Y(l−1, m, x' + x, y' + y): the chain rule over that map",
      claimed: (v, [n, m, x, y]) => sum(0, O - 1, (xp) => sum(0, O - 1, (yp) => qmul(v.dy(n!, xp, yp), v.x(m!, xp + x!, yp + y!)))) },
    { line: 75, snippet: "\\frac{d D i v}{d w_{l}(m, n, x, y)}=\\sum_{x \\prime, y^{\\prime}} \\frac{d D i v}{d z\\left(l, n, x^{\\prime}, y^{\\prime}\\right)} Y\\left(l-1", truth: "holds", target: "dW",
      why: "the filter gradient: the output-gradient map n correlated with the input map m, Σ_{x',y'} dDiv/dz(l, n, x', y') Y(l−1, m, x' + x, y' + y)",
      claimed: dW },
    { line: 85, snippet: "\\frac{d D i v}{d Y(l-1, m, x, y)}=\\sum_{n} \\sum_{x \\prime, y^{\\prime}} \\frac{d D i v}{d z\\left(l, n, x^{\\prime}, y^{\\prime}\\right)} w_{l}", truth: "holds", target: "dX",
      why: "line 61 repeated under 'In practice': the same input gradient",
      claimed: dY },
    { line: 104, snippet: "z_{\\text {shift}}(l, n, m, x, y)=z(l, n, x-K+1, y-K+1)", truth: "definition",
      why: "defines the output map shifted down and right by K − 1 ('such that 0,0 becomes K−1,K−1'); its left side names an idle fifth argument m that its use in line 108 leaves out" },
    { line: 108, snippet: "\\frac{\\partial D i v}{\\partial y(l-1, m, x, y)}=\\sum_{n} \\sum_{x^{\\prime}, y^{\\prime}} \\widehat{w}", truth: "holds", target: "dX",
      why: "with ŵ(l, n, m, x', y') = w_l(m, n, K − 1 − x', K − 1 − y') (the 'flipped filter') and ∂Div/∂z_shift(l, n, x + x', y + y') = dDiv/dz(l, n, x + x' − K + 1, y + y' − K + 1) (line 104; 0 off the output), u = K − 1 − x' turns the sum over the filter's x', y' into line 61's",
      claimed: (v, [m, x, y]) => sum(0, CO - 1, (n) => sum(0, K - 1, (xp) => sum(0, K - 1, (yp) => qmul(what(v, n, m!, xp, yp), dzShift(v, n, x! + xp, y! + yp))))) },
    other(121, "\\frac{d D i v}{d Y(l, m, k, l)}=\\left\\{\\begin{array}{c}", "the max-pooling layer's derivative (another layer)"),
    other(135, "d y(l, m, k, n)=\\frac{1}{K_{l p o o l}^{2}} d u(l, m, k, n)", "the mean-pooling layer's derivative (another layer)"),
  ],
};
export default src;
