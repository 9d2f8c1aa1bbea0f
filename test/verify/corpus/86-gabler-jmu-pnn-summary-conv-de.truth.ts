/**
 * Michael Gabler (GitHub: festplatte), «Programmieren mit Neuronalen Netzen»: his German-language LaTeX exam summary
 * (Zusammenfassung, July 2019) of the course of that name at the Universität Würzburg (repository
 * festplatte/jmu-programmieren-mit-neuronalen-netzen, zusammenfassung/zusammenfassung.tex) — the subsection
 * «Convolutional» of its section «Layer»: the layer's parameters and sizes, half and full padding, the forward pass,
 * the backward pass to the input, the filter gradient and the bias gradient, in the operator notation of the course
 * (its only formula in index notation is the bias gradient's sum).
 * Layer: the summary's own (lines 7–12): an input X ∈ ℝ^{h×w×d}, CHANNELS LAST, a filter tensor F ∈ ℝ^{fh×fw×fd×fn}
 * (position, input channel, filter), a bias b ∈ ℝ^{fn} «ein Wert pro Ausgabechannel», an output
 * Y ∈ ℝ^{(h−fh+1)×(w−fw+1)×fn}: stride 1 («default = 1»), no padding, no dilation. «*», «die Faltungsoperation», is
 * the course's sliding window without a flip — a cross-correlation, Y_{i,j,k} = Σ_{m,n,c} X_{i+m,j+n,c} F_{m,n,c,k}
 * + b_k (the summary defines it by a figure, left out; the team's Conv2DLayer.kt in the same repository computes
 * it so, and its comments repeat these formulas); «*_F», «die Full-Convolution», is the same operation on the input
 * zero-padded by fh − 1, fw − 1 (the «Full-Padding» of line 16); «*_{ch}», «die Channel-Wise-Convolution», slides
 * each channel of δY over each channel of X. trans(F) swaps F's last two axes (fd and fn) and rot^{180}_{h,w}
 * turns it by 180° in its two spatial axes. The summary writes δ for ∂ (\frac{\delta L}{\delta f}) and δX, δY for
 * ∂L/∂X, ∂L/∂Y; «f ist ein Element des Filtertensors». It fixes no sizes and no index base: chosen here h×w = 5×4,
 * fh×fw = 3×3, d = fd = 2 input channels, fn = 2 filters (Y is 3×2×2), 0-based (the course framework's).
 * Oracle layout: v.x(c, i, j) = X_{i,j,c}, v.w(k, c, m, n) = F_{m,n,c,k}, v.dy(k, i, j) = δY_{i,j,k}, v.b(k) = b_k.
 * Everything holds: the backward pass δY *_F rot^{180}_{h,w}(trans(F)) (δX_{p,q,c} = Σ_{k,m,n} δY_{p−m,q−n,k}
 * F_{m,n,c,k}, δY read 0 off its 3×2), the filter gradient X *_{ch} δY and the bias gradient Σ_i δy_{i,f}, whose
 * i runs over every spatial position of the output channel f (y_{i,f} has one index for the position, one for the
 * channel, where Y has three axes: the position flattened, as the summary's «Linearisiertes Speichern» of its
 * Grundlagen stores tensors); and the padding sizes: ⌊fh/2⌋ keeps the size for the odd kernel chosen here (for an
 * even one it would not, a case the summary does not raise), fh − 1 makes the output larger than the input.
 * Not found by verify, so not listed: the inline sizes X ∈ \R^{h×w×d}, F ∈ …, b ∈ \R^{fn}, Y ∈ \R^{(h−fh+1)×…}
 * (lines 7–12), the inline $*$, $*_F$, $*_{ch}$ of the prose and «Ausgabegröße $>$ Eingabegröße».
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const H = 5,
  W = 4,
  FH = 3,
  FW = 3,
  D = 2,
  FN = 2;
const HO = H - FH + 1,
  WO = W - FW + 1; // 3×2

/**
 * δY *_F rot^{180}_{h,w}(trans(F)) at (p, q, c): the full (fh − 1, fw − 1 zero-padded) sliding window of δY over the
 * turned, transposed filter, rot(trans(F))_{m,n,k,c} = F_{fh−1−m, fw−1−n, c, k} (line 20).
 */
const dX = (v: Access, [c, p, q]: number[]): Q =>
  sum(0, FN - 1, (k) =>
    sum(0, FH - 1, (m) =>
      sum(0, FW - 1, (n) => qmul(v.dy(k, p! + m - (FH - 1), q! + n - (FW - 1)), v.w(k, c!, FH - 1 - m, FW - 1 - n))),
    ),
  );
/** X *_{ch} δY at the filter element (m, n, c, k): Σ_{i,j} X_{i+m,j+n,c} δY_{i,j,k} (line 22). */
const dF = (v: Access, [k, c, m, n]: number[]): Q =>
  sum(0, HO - 1, (i) => sum(0, WO - 1, (j) => qmul(v.x(c!, i + m!, j + n!), v.dy(k!, i, j))));
/** Σ_i δy_{i,f}: i over the output channel f's HO·WO positions (line 23). */
const db = (v: Access, [f]: number[]): Q => sum(0, HO - 1, (i) => sum(0, WO - 1, (j) => v.dy(f!, i, j)));

const size = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "holds",
  target: "size",
  why,
});

const src: CorpusSource = {
  file: "86-gabler-jmu-pnn-summary-conv-de.tex",
  citation:
    "Michael Gabler (GitHub: festplatte), «Programmieren mit Neuronalen Netzen», German-language LaTeX exam summary (Zusammenfassung) of the course of that name at the Universität Würzburg, July 2019, repository festplatte/jmu-programmieren-mit-neuronalen-netzen, file zusammenfassung/zusammenfassung.tex (its CNN formulas added in commit 04ffa03fa4fbc4551de9d0c6da32c81969aecf68, 12 July 2019), read at commit 7854744ed304450e4ef11a73b00736a7b84ca09e (22 July 2019): section «Layer», subsection «Convolutional» (padding sizes, forward pass, backward pass, filter and bias gradients)",
  url: "https://github.com/festplatte/jmu-programmieren-mit-neuronalen-netzen/blob/7854744ed304450e4ef11a73b00736a7b84ca09e/zusammenfassung/zusammenfassung.tex",
  flags: [
    "--input",
    "5x4",
    "--kernel",
    "3x3",
    "--op",
    "xcorr",
    "--index-base",
    "0",
    "--bias",
    "--in-channels",
    "2",
    "--out-channels",
    "2",
  ],
  layer: {
    op: "xcorr",
    input: [H, W],
    kernel: [FH, FW],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "valid",
    inChannels: D,
    outChannels: FN,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    size(
      15,
      "ph = \\lfloor \\frac{fh}{2} \\rfloor",
      "«Half-Padding: Ausgabegröße = Eingabegröße»: ⌊fh/2⌋ = 1 rows of zeros on each side give h + 2 − 3 + 1 = h rows for the 3-row kernel chosen here (true for every odd fh at stride 1)",
    ),
    size(15, "pw = \\lfloor \\frac{fw}{2} \\rfloor", "the same for the columns: ⌊fw/2⌋ = 1 gives w + 2 − 3 + 1 = w"),
    size(
      16,
      "ph = fh - 1",
      "«Full-Padding: Ausgabegröße > Eingabegröße»: fh − 1 rows on each side give h + 2(fh − 1) − fh + 1 = h + fh − 1 > h rows (7 for h = 5, fh = 3)",
    ),
    size(16, "pw = fw - 1", "the same for the columns: w + fw − 1 = 6 > w = 4"),
    {
      line: 18,
      snippet: "Y = X * F + b",
      truth: "definition",
      why: "the summary's forward pass, its * «die Faltungsoperation» (the course's sliding window, a cross-correlation) with the bias b added per output channel: the definition of the layer",
    },
    {
      line: 20,
      snippet: "\\delta X = \\delta Y *_F rot^{180}_{h,w}(trans(F))",
      truth: "holds",
      target: "dX",
      claimed: dX,
      why: "the full convolution of δY with the filter turned by 180° in h, w and transposed in its channel axes is Σ_{k,m,n} δY_{p+m−fh+1,q+n−fw+1,k} F_{fh−1−m,fw−1−n,c,k} = Σ_{k,m,n} δY_{p−m,q−n,k} F_{m,n,c,k}, the input gradient",
    },
    {
      line: 22,
      snippet: "\\frac{\\delta L}{\\delta f} = X *_{ch} \\delta Y",
      truth: "holds",
      target: "dW",
      claimed: dF,
      why: "the channel-wise convolution of X with δY at a filter element is Σ_{i,j} X_{i+m,j+n,c} δY_{i,j,k}, the filter gradient",
    },
    {
      line: 23,
      snippet: "\\frac{\\delta L}{\\delta b_f} = \\sum_i \\delta y_{i,f}",
      truth: "holds",
      target: "db",
      claimed: db,
      why: "b_f is added to every position of output channel f, so its gradient sums δy over all of them: i runs over the positions (y_{i,f}: position i, channel f)",
    },
  ],
};

export default src;
