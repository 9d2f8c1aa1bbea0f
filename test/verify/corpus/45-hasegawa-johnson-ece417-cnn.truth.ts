/**
 * Mark Hasegawa-Johnson (University of Illinois at Urbana-Champaign), "Lecture 9: Convolutional Neural Nets",
 * LaTeX (beamer) slides of the course ECE 417: Multimedia Signal Processing, Fall 2020 (repository
 * jhasegaw/ece417lecs, file 20fall/lec09/lec09.tex) — the section "Convolutional Layers": the multi-channel 2D
 * convolutional layer, its back-propagation to the input and its weight gradient, in signal-processing notation.
 * Layer: the slides' own, a TRUE multi-channel 2D convolution with no bias, e^{(l)}[m,n,d] = Σ_c Σ_{m'} Σ_{n'}
 * w^{(l)}[m',n',c,d] h^{(l−1)}[m−m',n−n',c] (input h^{(l−1)}, channels c; output, the "excitation", e^{(l)},
 * channels d; kernel w[row, column, input channel, output channel]). The sums carry no ranges (the signal-
 * processing convention: every signal is 0 outside its support), so the layer is the FULL convolution: flags
 * `--op conv --padding full`, 0-based, output index m = the oracle's output index (y[p] = Σ_j W[j] X[p − j] for
 * full padding), every sum read over all integers with each tensor 0 outside. The slides give no sizes: chosen
 * here input 4×5, kernel 2×3, 2 input and 2 output channels (output 5×7).
 * Oracle layouts: h^{(l−1)}[m,n,c] is v.x(c, m, n), w[m,n,c,d] is v.w(d, c, m, n), e^{(l)}[m,n,d] is v.y(d, m, n)
 * and dL/de^{(l)}[m,n,d] is v.dy(d, m, n).
 * The symbol ∗: the slides define it (lines 119–124) as x[n] ∗ h[n] = Σ_m h[m] x[n − m] and use it for "this
 * multi-channel 2D convolution", a[m,n,…] ∗ b[m,n,…] = Σ_{m',n'} a[m−m', n−n', …] b[m', n', …], summed over a
 * channel index the two operands share (c in w[m,n,c,d] ∗ h[m,n,c]; none in dL/de[m,n,d] ∗ h[m,n,c]).
 * w^{(l)}[−m,−n,d,c] is the kernel flipped in both axes (a time-reversed sequence).
 * The slides' mistakes:
 * - the weight gradient's closed form (line 194, and the summary, line 212) says dL/dw[m',n',c,d] =
 *   dL/de[m',n',d] ∗ h[m',n',c], a CONVOLUTION, i.e. Σ_{m,n} dL/de[m,n,d] h[m'−m, n'−n, c]; the sum on the line
 *   just above it (line 193, right) is Σ_{m,n} dL/de[m,n,d] h[m−m', n−n', c], a CORRELATION of the input with the
 *   output gradient (one of the two must be flipped): the "weight gradient is ALSO a convolution!!!" is false;
 * - the local derivative of the weight-gradient frames (lines 175 and 188) is taken with respect to
 *   w^{(l−1)}[m',n',c], the previous layer's kernel and without the output channel d (a typo for
 *   w^{(l)}[m',n',c,d]): read as written it is false (e^{(l)} depends on w^{(l−1)} only through h^{(l−1)}); its
 *   right side h^{(l−1)}[m−m',n−n',c] is the right value for the kernel w^{(l)}[m',n',c,d].
 * Everything else holds: the forward pass in both orders of the convolution's sum (lines 46, 72, 106, 123, 174),
 * its ∗ forms (155, 203), the chain rules (100, 111, 130, 168, 183) with the local derivative ∂e/∂h = w[m−m',
 * n−n', c, d] (107), and the input gradient as a correlation, the flipped kernel w[−m,−n,d,c] convolved with the
 * output gradient (132, 156, 207; channels renamed there: d for the input's, c for the output's). The
 * superscript without parentheses in dL/de^{l} (lines 112, 131, 132) is the same tensor e^{(l)}.
 * Other: the fully-connected recap (lines 19, 20, 149, 150), the parameter counts (lines 24, 26: 2000 × 3000 × 3
 * = 18,000,000 and 500 × 18,000,000 = 9,000,000,000, both true, written with thousands separators), h^{(0)} = x
 * (68), the ReLU (73) and the flattening of the last layer into a vector (78). Not found by verify, so not
 * listed: the inline definition of ∗ (line 119, split across two lines) and the `&\equiv` row of line 124.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const H = 4,
  W = 5,
  KH = 2,
  KW = 3,
  C = 2;
/** Every "Σ" of the slides runs over all integers: a range wide enough to cover every support (0 outside). */
const LO = -8,
  HI = 12;
const all = (f: (i: number) => Q): Q => sum(LO, HI, f);
const chans = (f: (c: number) => Q): Q => sum(0, C - 1, f);

/** e[m,n,d] = Σ_c Σ_{m'} Σ_{n'} w[m',n',c,d] h[m−m',n−n',c] (lines 46, 72, 174). */
const fwdA = (v: Access, [d, m, n]: number[]): Q =>
  chans((c) => sum(0, KH - 1, (mp) => sum(0, KW - 1, (np) => qmul(v.w(d!, c, mp, np), v.x(c, m! - mp, n! - np)))));
/** e[m,n,d] = Σ_c Σ_{m'} Σ_{n'} w[m−m',n−n',c,d] h[m',n',c] (lines 106, 123). */
const fwdB = (v: Access, [d, m, n]: number[]): Q =>
  chans((c) => sum(0, H - 1, (mp) => sum(0, W - 1, (np) => qmul(v.w(d!, c, m! - mp, n! - np), v.x(c, mp, np)))));
/** w[m,n,c,d] ∗ h[m,n,c] with the slides' ∗: Σ_c Σ_{m',n'} w[m−m',n−n',c,d] h[m',n',c] (lines 155, 203). */
const fwdAst = (v: Access, [d, m, n]: number[]): Q =>
  chans((c) => all((mp) => all((np) => qmul(v.w(d!, c, m! - mp, n! - np), v.x(c, mp, np)))));

/** Σ_m Σ_n Σ_d w[m−m',n−n',c,d] dL/de[m,n,d] at the input entry (c, m', n') (lines 100, 111). */
const dXa = (v: Access, [c, mp, np]: number[]): Q =>
  chans((d) => all((m) => all((n) => qmul(v.w(d, c!, m - mp!, n - np!), v.dy(d, m, n)))));
/** Σ_{m'} Σ_{n'} Σ_c w[m'−m,n'−n,d,c] dL/de[m',n',c] at the input entry (d, m, n): channels renamed (line 131). */
const dXb = (v: Access, [d, m, n]: number[]): Q =>
  chans((c) => all((mp) => all((np) => qmul(v.w(c, d!, mp - m!, np - n!), v.dy(c, mp, np)))));
/** w[−m,−n,d,c] ∗ dL/de[m,n,c] with the slides' ∗: Σ_c Σ_{m',n'} w[−(m−m'),−(n−n'),d,c] dL/de[m',n',c]. */
const dXast = (v: Access, [d, m, n]: number[]): Q =>
  chans((c) => all((mp) => all((np) => qmul(v.w(c, d!, -(m! - mp), -(n! - np)), v.dy(c, mp, np)))));

/** Σ_m Σ_n dL/de[m,n,d] h[m−m',n−n',c] at the kernel entry (d, c, m', n') (lines 168, 183, 193). */
const dWsum = (v: Access, [d, c, mp, np]: number[]): Q =>
  all((m) => all((n) => qmul(v.dy(d!, m, n), v.x(c!, m - mp!, n - np!))));
/** dL/de[m',n',d] ∗ h[m',n',c] with the slides' ∗: Σ_{m,n} dL/de[m,n,d] h[m'−m,n'−n,c] (lines 194, 212). */
const dWast = (v: Access, [d, c, mp, np]: number[]): Q =>
  all((m) => all((n) => qmul(v.dy(d!, m, n), v.x(c!, mp! - m, np! - n))));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const fwdEq = (
  line: number,
  snippet: string,
  why: string,
  claimed: (v: Access, idx: number[]) => Q,
): TruthEquation => ({
  line,
  snippet,
  truth: "holds",
  target: "Y",
  why,
  claimed,
});

const src: CorpusSource = {
  file: "45-hasegawa-johnson-ece417-cnn.tex",
  citation:
    'Mark Hasegawa-Johnson (University of Illinois at Urbana-Champaign), "Lecture 9: Convolutional Neural Nets", LaTeX (beamer) lecture slides of the course ECE 417: Multimedia Signal Processing, Fall 2020, repository jhasegaw/ece417lecs, file 20fall/lec09/lec09.tex (first committed 26 September 2020, commit 88edf47ea0e727a9c548b2f78c45890d74c645a1; last changed 28 September 2020, commit bbe245df148bd9ef57b4d3a3254928c9b7915f49), read at commit d6374046375323193b664902cae6e53071581612 (29 November 2023): section "Convolutional Layers"',
  url: "https://github.com/jhasegaw/ece417lecs/blob/d6374046375323193b664902cae6e53071581612/20fall/lec09/lec09.tex",
  flags: [
    "--input",
    "4x5",
    "--kernel",
    "2x3",
    "--op",
    "conv",
    "--padding",
    "full",
    "--index-base",
    "0",
    "--in-channels",
    "2",
    "--out-channels",
    "2",
  ],
  layer: {
    op: "conv",
    input: [H, W],
    kernel: [KH, KW],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "full",
    inChannels: C,
    outChannels: C,
    groups: 1,
    batch: null,
    bias: false,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    other(
      19,
      "\\hat{y} &=\\sigma\\left(W^{(2)}\\vec{h}\\right)",
      "the fully-connected network the slides start from (output layer), not the convolutional layer",
    ),
    other(
      20,
      "\\vec{h} &= \\mbox{ReLU}\\left(W^{(1)}\\vec{x}\\right)",
      "the fully-connected network's hidden layer, not the convolutional layer",
    ),
    other(
      24,
      "2000\\times 3000\\times 3=18,000,000",
      "the size of a colour image's pixel vector, true arithmetic written with thousands separators (2000 · 3000 · 3 = 18 000 000), not about the layer",
    ),
    other(
      26,
      "500\\times 18,000,000=9,000,000,000",
      "the parameter count of a fully-connected first layer, true arithmetic with thousands separators (500 · 18 000 000 = 9 000 000 000), not about the layer",
    ),
    fwdEq(
      46,
      "e^{(l)}[m,n,d] &= \\sum_c\\sum_{m'}\\sum_{n'} w^{(l)}[m',n',c,d]h^{(l-1)}[m-m',n-n',c]",
      "the layer: the excitation e^{(l)}[m,n,d] is the true convolution of the input h^{(l−1)} with the kernel, summed over the input channels c (unbounded sums, every tensor 0 outside: the full convolution)",
      fwdA,
    ),
    other(68, "h^{(0)}[m,n,c] = x[m,n,c]", "the network's input image, not the layer"),
    fwdEq(
      72,
      "e^{(l)}[m,n,d] &= \\sum_c\\sum_{m'}\\sum_{n'} w[m',n',c,d]h^{(l-1)}[m-m',n-n',c]",
      "line 46 again (the kernel without its superscript)",
      fwdA,
    ),
    other(73, "h^{(l)}[m,n,d] &= \\mbox{ReLU}\\left(e^{(l)}[m,n,d]\\right)", "the activation after the convolution"),
    other(
      78,
      "h^{(L+1)}_{cN^2+mN+n} = h^{(L)}[m,n,c]",
      "the last convolutional layer flattened into a vector for the fully-connected layers",
    ),
    {
      line: 100,
      snippet: "\\frac{d{\\mathcal L}}{dh^{(l-1)}[m',n',c]} =",
      truth: "holds",
      target: "dX",
      why: "the chain rule over every output e^{(l)}[m,n,d], with ∂e[m,n,d]/∂h[m',n',c] = w[m−m',n−n',c,d] (line 107)",
      claimed: dXa,
    },
    fwdEq(
      106,
      "e^{(l)}[m,n,d] &= \\sum_c\\sum_{m'}\\sum_{n'} w[m-m',n-n',c,d]h^{(l-1)}[m',n',c]",
      "the same convolution with its summation variable moved to the input (m' → m − m'): convolution commutes",
      fwdB,
    ),
    {
      line: 107,
      snippet: "\\frac{\\partial e^{(l)}[m,n,d]}{\\partial h^{(l-1)}[m',n',c]} &= w[m-m',n-n',c,d]",
      truth: "holds",
      why: "h[m',n',c] enters e[m,n,d] only through the tap (m − m', n − n') of the kernel from channel c to channel d (0 outside the kernel)",
    },
    {
      line: 111,
      snippet: "\\frac{d{\\mathcal L}}{dh^{(l-1)}[m',n',c]} =",
      truth: "holds",
      target: "dX",
      why: "line 100 with line 107's local derivative put in: Σ_{m,n,d} w[m−m',n−n',c,d] dL/de[m,n,d] (e^{l} is e^{(l)})",
      claimed: dXa,
    },
    fwdEq(
      123,
      "e^{(l)}[m,n,d] &= \\sum_c\\sum_{m'}\\sum_{n'} w^{(l)}[m-m',n-n',c,d]h^{(l-1)}[m',n',c]",
      "line 106 again, the convolution the slides then write w ∗ h",
      fwdB,
    ),
    {
      line: 130,
      snippet: "\\frac{d{\\mathcal L}}{dh^{(l-1)}[m,n,d]} &=",
      truth: "holds",
      target: "dX",
      why: "line 111 with the channels renamed (d the input's, c the output's, so the kernel is w[·,·,d,c]) and the sum written Σ_{m',n'} w[m'−m,n'−n,d,c] dL/de[m',n',c]; and its ∗ form (the flipped kernel, line 132): both links",
      claimed: (v, idx) => chain(dXb(v, idx), dXast(v, idx)),
    },
    {
      line: 132,
      snippet: "&= w^{(l)}[-m,-n,d,c] \\ast \\frac{d{\\mathcal L}}{de^{l}[m,n,c]}",
      truth: "holds",
      target: "dX",
      why: "with the slides' ∗ (a[m] ∗ b[m] = Σ_{m'} a[m−m'] b[m'], summed over the shared channel c), w[−m,−n,d,c] ∗ dL/de[m,n,c] = Σ_{c,m',n'} w[m'−m,n'−n,d,c] dL/de[m',n',c], line 131: back-prop is a correlation",
      claimed: dXast,
    },
    other(
      149,
      "\\vec{e}^{(l)} &= W^{(l)}\\vec{h}^{(l-1)}",
      "the fully-connected layer the slides compare with (a matrix W^{(l)}, not the convolution)",
    ),
    other(
      150,
      "\\nabla_{\\vec{h}^{(l-1)}}{\\mathcal L} &= \\left(W^{(l)}\\right)^T\\nabla_{\\vec{e}^{(l)}}{\\mathcal L}",
      "the fully-connected layer's back-prop (transpose of its matrix), not the convolution",
    ),
    fwdEq(
      155,
      "e^{(l)}[m,n,d] &= w^{(l)}[m,n,c,d] \\ast h^{(l-1)}[m,n,c]",
      "the forward pass in the slides' ∗ notation, defined on line 124 as exactly line 123's sum (summed over the shared channel c)",
      fwdAst,
    ),
    {
      line: 156,
      snippet: "\\frac{d{\\mathcal L}}{dh^{(l-1)}[m,n,d]} &=",
      truth: "holds",
      target: "dX",
      why: "line 132 again: the flipped kernel w[−m,−n,d,c] convolved with the output gradient (summed over c) is the input gradient",
      claimed: dXast,
    },
    {
      line: 168,
      snippet: "\\frac{d{\\mathcal L}}{dw^{(l)}[m',n',c,d]} &=",
      truth: "holds",
      target: "dW",
      why: "the chain rule over the outputs e[m,n,d] of channel d (the only ones w[·,·,·,d] enters), with ∂e[m,n,d]/∂w[m',n',c,d] = h[m−m',n−n',c]",
      claimed: dWsum,
    },
    fwdEq(
      174,
      "e^{(l)}[m,n,d] &= \\sum_c\\sum_{m'}\\sum_{n'} w[m',n',c,d]h^{(l-1)}[m-m',n-n',c]",
      "line 72 again",
      fwdA,
    ),
    {
      line: 175,
      snippet: "\\frac{\\partial e^{(l)}[m,n,d]}{\\partial w^{(l-1)}[m',n',c]} &= h^{(l-1)}[m-m',n-n',c]",
      truth: "fails",
      why: "a typo: the derivative is taken with respect to w^{(l−1)}[m',n',c], the previous layer's kernel (and without the output channel d); e^{(l)} depends on it only through h^{(l−1)}, so read as written it is false; meant ∂e^{(l)}[m,n,d]/∂w^{(l)}[m',n',c,d], whose value h^{(l−1)}[m−m',n−n',c] is right",
    },
    {
      line: 183,
      snippet: "\\frac{d{\\mathcal L}}{dw^{(l)}[m',n',c,d]} &=",
      truth: "holds",
      target: "dW",
      why: "line 168 again",
      claimed: dWsum,
    },
    {
      line: 188,
      snippet: "\\frac{\\partial e^{(l)}[m,n,d]}{\\partial w^{(l-1)}[m',n',c]} &= h^{(l-1)}[m-m',n-n',c]",
      truth: "fails",
      why: "line 175's typo repeated: w^{(l−1)}[m',n',c] for w^{(l)}[m',n',c,d]",
    },
    {
      line: 192,
      snippet: "\\frac{d{\\mathcal L}}{dw^{(l)}[m',n',c,d]} &=",
      truth: "holds",
      target: "dW",
      why: "the chain's first link (each row judged against its left side, as the corpus does for chains: 06's lines 187–189): Σ_{m,n} dL/de[m,n,d] h[m−m',n−n',c] is the kernel gradient (a correlation); the chain as a whole fails at its second link, dL/de[m',n',d] ∗ h[m',n',c] (line 194), a convolution Σ_{m,n} dL/de[m,n,d] h[m'−m,n'−n,c] (this entry first read the whole chain, fails; relabelled to the corpus's per-link convention when the chain was first reported link by link)",
      claimed: dWsum,
    },
    {
      line: 194,
      snippet: "&= \\frac{d{\\mathcal L}}{de^{(l)}[m',n',d]} \\ast h^{(l-1)}[m',n',c]",
      truth: "fails",
      target: "dW",
      why: "with the slides' ∗ this is Σ_{m,n} dL/de[m,n,d] h[m'−m,n'−n,c]: h is flipped where the gradient needs h[m−m',n−n',c] (line 193); the weight gradient is a correlation, not \"ALSO a convolution\"",
      claimed: dWast,
    },
    fwdEq(
      203,
      "e^{(l)}[m,n,d] &= w^{(l)}[m,n,c,d] \\ast h^{(l-1)}[m,n,c]",
      "the summary's forward pass, line 155 again",
      fwdAst,
    ),
    {
      line: 207,
      snippet: "\\frac{d{\\mathcal L}}{dh^{(l-1)}[m,n,d]} &=",
      truth: "holds",
      target: "dX",
      why: "the summary's back-prop, line 156 again",
      claimed: dXast,
    },
    {
      line: 212,
      snippet: "\\frac{d{\\mathcal L}}{dw^{(l)}[m,n,c,d]} &=",
      truth: "fails",
      target: "dW",
      why: "the summary's weight gradient, line 194's convolution again: dL/de[m,n,d] ∗ h[m,n,c] = Σ_{m',n'} dL/de[m',n',d] h[m−m',n−n',c], but the gradient is Σ_{m',n'} dL/de[m',n',d] h[m'−m,n'−n,c]",
      claimed: dWast,
    },
  ],
};
export default src;
