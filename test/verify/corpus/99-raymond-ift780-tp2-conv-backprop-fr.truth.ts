/**
 * Nicolas Raymond (with Simon Giard-Leroux and Abir Riahi), the team's answer ("## Votre réponse") to the question of
 * the notebook tp2_convolution.ipynb ("Convolution naïve", TP2 of IFT 780 "Réseaux neuronaux", Université de
 * Sherbrooke, winter 2021): "expliquez mathématiquement en quoi consiste le gradient d'une convolution par rapport aux
 * variables x, w et b" — a French answer in a Jupyter notebook's Markdown cell, written 22–23 February 2021 (GitHub copy
 * bouhamidi/IFT780-TP2, read at commit 4adc742bd20e1065ce40ab0a36e5f8f1ea82bc24). It names a filter bank W of size
 * F × C × FH × FW, biases B_f, all-ones vectors v_1, v_2, the zero-padded input X' and the output H of size F × H' × W',
 * writes the output sizes, the forward pass H_{fij} = Σ_c v_1^T (W_{fc} ⊙ X'_{c,[m:m+FH, n:n+FW]}) v_2 + B_f with
 * m = stride·i, n = stride·j (a window of X' in Python slice notation, the element-wise product summed by v_1^T … v_2),
 * the local derivatives ∂H_{fij}/∂W_{fc}, ∂H_{fij}/∂X'_{c,[…]}, ∂H_{fij}/∂B_f, and the three chain rules.
 * Layer: the notebook's own test geometry ("Convolution version 5.0" without its batch, which the answer's X and H do
 * not have): C = 3 input channels of 4×4, F = 3 filters of 3 × 4 × 4, padding 1, stride 2, so H' = W' = 2; a bias per
 * filter; cross-correlation (the window is multiplied entry by entry, no flip). The kernel is square as in every test of
 * the notebook (FH = FW = 4). 0-based positions (m = stride·i starts the first window at row 0 of X'; [m:m+FH] is a
 * Python slice, rows m … m+FH−1); the channel sum Σ_{c=1}^C runs over the C channels, the c-th counted from 1 as the
 * prose says ("le c-ième canal") — read as the one sum over all channels. Oracle layout: X'_{c,a,b} = x(c, a−1, b−1)
 * (0 in the padding), W_{fc} entry (p, q) = w(f, c, p, q), ∂L/∂H_{fij} = dy(f, i, j), B_f = b(f).
 * Reading: the matrix identities are read entry by entry — ∂H_{fij}/∂W_{fc} = X'_{c,[…]} says the entry (p, q) of the
 * derivative is X'_{c,m+p,n+q}, ∂H_{fij}/∂X'_{c,[m:m+FH, n:n+FW]} = W_{fc} says X'_{c,m+p,n+q} enters H_{fij} with
 * W_{f,c,p,q} (and no other entry of X' does) — and each local derivative is checked through the chain rule over all the
 * outputs H_{f'ij} (0 for f' ≠ f), as its gradient (dW, dX, db). dX is the input's: "il ne suffit que d'enlever le padding
 * à la matrice dx'", so the unpadded entry (c, a, b) is dX'_{c,a+1,b+1}.
 * The mistake: line 64, ∂L/∂X'_{c,[m:m+FH, n:n+FW]} = Σ_{i,j} ∂L/∂H_{fij} ∂H_{fij}/∂X'_{c,[…]}, sums over the output
 * positions of one feature map f only — X'_c feeds every one of the F feature maps, so the sum over f is missing (the
 * left side has no f; and its window [m:m+FH, n:n+FW] moves with the i, j summed on the right: read as the accumulation
 * of W_{fc} ∂L/∂H_{fij} over the windows, for one f): fails with F = 3. Lines 62 and 66 need no sum over f (W_{fc} and
 * B_f enter only H_{f··}): they hold. Line 54 writes the window of ∂H_{fij}/∂W_{fc} as [m:m+FW, n:n+FH], FW and FH
 * swapped against the forward pass — harmless with the square kernels of the notebook (it would not fit a non-square one).
 * The prose's size of X', C × (XH + pad) × (XW + pad), is short of the two-sided padding (XH + 2·pad, as line 40 has it);
 * it is inline and has no "=", not judged (noted here). W' (line 41) is the output width, a name the weights W share.
 * Other: the identity activation f(x) = x of the notebook's introduction (line 16).
 * Definitions: m = stride·i and n = stride·j (line 46, inside the forward pass's display).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q1, qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const C = 3, // input channels
  F = 3, // filters
  XH = 4,
  XW = 4,
  FH = 4,
  FW = 4,
  PAD = 1,
  S = 2;
const HO = 1 + (XH + 2 * PAD - FH) / S, // H' = 2
  WO = 1 + (XW + 2 * PAD - FW) / S; // W' = 2

/** X'_{c,a,b}: the input zero-padded by PAD (0-based padded position). */
const Xp = (v: Access, c: number, a: number, b: number): Q => v.x(c, a - PAD, b - PAD);
/** The sum over the output positions i, j. */
const overIJ = (f: (i: number, j: number) => Q): Q => sum(0, HO - 1, (i) => sum(0, WO - 1, (j) => f(i, j)));
/** H_{fij} = Σ_c Σ_{p,q} W_{f,c,p,q} X'_{c,m+p,n+q} + B_f, m = S·i, n = S·j. */
const forward = (v: Access, f: number, i: number, j: number): Q =>
  qadd(
    sum(0, C - 1, (c) =>
      sum(0, FH - 1, (p) => sum(0, FW - 1, (q) => qmul(v.w(f, c, p, q), Xp(v, c, S * i + p, S * j + q)))),
    ),
    v.b(f),
  );
/** Σ_{i,j} ∂L/∂H_{fij} X'_{c,m+p,n+q}: the kernel gradient. */
const dW = (v: Access, f: number, c: number, p: number, q: number): Q =>
  overIJ((i, j) => qmul(v.dy(f, i, j), Xp(v, c, S * i + p, S * j + q)));
/** Σ_{i,j} ∂L/∂H_{fij} W_{f,c,a'−m,b'−n} at the padded position (a', b') = (a+PAD, b+PAD), one filter f. */
const dXone = (v: Access, f: number, c: number, a: number, b: number): Q =>
  overIJ((i, j) => qmul(v.dy(f, i, j), v.w(f, c, a + PAD - S * i, b + PAD - S * j)));
/** The input gradient: every filter's share. */
const dX = (v: Access, c: number, a: number, b: number): Q => sum(0, F - 1, (f) => dXone(v, f, c, a, b));
const db = (v: Access, f: number): Q => overIJ((i, j) => qmul(v.dy(f, i, j), Q1));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});

const src: CorpusSource = {
  file: "99-raymond-ift780-tp2-conv-backprop-fr.md",
  citation:
    'Nicolas Raymond (GitLab: rayn2402), with Simon Giard-Leroux and Abir Riahi, answer to the backward-pass question of the notebook "Convolution naïve" (tp2_convolution.ipynb), TP2 of IFT 780 "Réseaux neuronaux", Université de Sherbrooke, winter 2021 (answer written 22–23 February 2021), GitHub copy bouhamidi/IFT780-TP2 read at commit 4adc742bd20e1065ce40ab0a36e5f8f1ea82bc24: Markdown cells 0, 14 and 15 (sizes, forward pass with stride and padding over C channels and F filters, local derivatives, chain rules for dW, dX′, db)',
  url: "https://github.com/bouhamidi/IFT780-TP2/blob/4adc742bd20e1065ce40ab0a36e5f8f1ea82bc24/tp2_convolution.ipynb",
  flags: [
    "--input",
    "4x4",
    "--kernel",
    "4x4",
    "--op",
    "xcorr",
    "--index-base",
    "0",
    "--stride",
    "2",
    "--padding",
    "1",
    "--in-channels",
    "3",
    "--out-channels",
    "3",
    "--bias",
  ],
  layer: {
    op: "xcorr",
    input: [XH, XW],
    kernel: [FH, FW],
    stride: [S, S],
    dilation: [1, 1],
    padding: PAD,
    inChannels: C,
    outChannels: F,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    other(16, "f(x) = x", "the notebook's identity activation, not a claim about the convolution's gradients"),
    {
      line: 40,
      snippet: "H' = 1 + (XH + 2 \\cdot pad - FH)/stride",
      truth: "holds",
      target: "size",
      why: "output height 1 + (4 + 2·1 − 4)/2 = 2, the layer's",
    },
    {
      line: 41,
      snippet: "W' = 1 + (XW + 2 \\cdot pad - FW)/stride",
      truth: "holds",
      target: "size",
      why: "output width 1 + (4 + 2·1 − 4)/2 = 2, the layer's (W' the output width, not the weights W)",
    },
    {
      line: 46,
      snippet: "H_{fij} = \\sum_{c=1}^C v_1^{T}(W_{fc} \\odot X'_{c, [m:m+FH, n:n+FW]})v_2 + B_f",
      truth: "holds",
      target: "Y",
      why: "v_1^T (A ⊙ B) v_2 sums the entries of the element-wise product: the window of the padded input at rows S·i …, columns S·j … times the filter's channel c, summed over the C channels, plus B_f",
      claimed: (v, [f, i, j]) => forward(v, f!, i!, j!),
    },
    def(46, "m = stride\\cdot i", "names the window's first row in the forward pass"),
    def(46, "n = stride\\cdot j", "names the window's first column in the forward pass"),
    {
      line: 54,
      snippet: "\\frac{\\partial H_{fij}}{\\partial W_{fc}} =  X'_{c, [m:m+FW, n:n+FH]}",
      truth: "holds",
      target: "dW",
      why: "W_{f,c,p,q} multiplies X'_{c,m+p,n+q} in H_{fij} (and enters no other feature map): checked through Σ_{i,j} ∂L/∂H_{fij} ∂H_{fij}/∂W_{fc}; the window's FW, FH are swapped against the forward pass, the same with the square kernel",
      claimed: (v, [f, c, p, q]) => dW(v, f!, c!, p!, q!),
    },
    {
      line: 56,
      snippet: "\\frac{\\partial H_{fij}}{\\partial X'_{c, [m:m+FH, n:n+FW]}} =  W_{fc}",
      truth: "holds",
      target: "dX",
      why: "X'_{c,m+p,n+q} enters H_{fij} with W_{f,c,p,q}, and no entry outside the window does: checked through the chain rule over all the outputs H_{f'ij}, every filter f' included",
      claimed: (v, [c, a, b]) => dX(v, c!, a!, b!),
    },
    {
      line: 58,
      snippet: "\\frac{\\partial H_{fij}}{\\partial B_{f}} = 1",
      truth: "holds",
      target: "db",
      why: "B_f is added once to every H_{fij} of its feature map: Σ_{i,j} ∂L/∂H_{fij} · 1",
      claimed: (v, [f]) => db(v, f!),
    },
    {
      line: 62,
      snippet:
        "\\frac{\\partial L}{\\partial W_{fc}} =  \\sum_{i,j}  \\frac{\\partial L}{\\partial H_{fij}} \\frac{\\partial H_{fij}}{\\partial W_{fc}}",
      truth: "holds",
      target: "dW",
      why: "the chain rule: W_{fc} enters only the feature map f, at every position (i, j)",
      claimed: (v, [f, c, p, q]) => dW(v, f!, c!, p!, q!),
    },
    {
      line: 64,
      snippet: "\\frac{\\partial L}{\\partial X'_{c, [m:m+FH, n:n+FW]}} =  \\sum_{i,j}",
      truth: "fails",
      target: "dX",
      why: "X'_c feeds all F feature maps, but the sum runs over the positions (i, j) of one feature map f only: the sum over the filters f is missing (evaluated for f = 0; any single f misses the others' shares)",
      claimed: (v, [c, a, b]) => dXone(v, 0, c!, a!, b!),
    },
    {
      line: 66,
      snippet:
        "\\frac{\\partial L}{\\partial B_f} =  \\sum_{i,j}  \\frac{\\partial L}{\\partial H_{fij}} \\frac{\\partial H_{fij}}{\\partial B_f}",
      truth: "holds",
      target: "db",
      why: "the chain rule: B_f enters only the feature map f, at every position",
      claimed: (v, [f]) => db(v, f!),
    },
  ],
};
export default src;
