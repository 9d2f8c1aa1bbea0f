/**
 * Dumoulin & Visin, "A guide to convolution arithmetic for deep learning": size relationships only
 * (no gradient formulas; the backward pass is "multiplying the loss with C^T", stated in prose). The
 * guide's convolution is the kernel sliding over the input, products with the elements it overlaps
 * (a cross-correlation, its footnote says it keeps the name convolution), kernel entries w_{0,0}… (0-based).
 * Layer chosen: the guide's general case (Relationship 6) as in its Figure 1.2 (i = 5, k = 3, s = 2,
 * p = 1), made non-square since the guide says the results generalize: input 5 × 6, kernel 3 × 2,
 * stride 2, padding 1 ⇒ o = 3 × 4. Relationships stated for other cases (s = 1, p = 0, half or full
 * padding, pooling) are conditional statements whose hypotheses this layer does not meet: "other".
 */
import type { CorpusSource, TruthEquation } from "./types.js";

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const def = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "definition", why });
const size = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "holds", target: "size", why });
const cond = (line: number, snippet: string) => other(line, snippet, "a hypothesis of the relationship (the case it applies to), not a claim about this layer (s = 2, p = 1)");
const tdef = (line: number, snippet: string) => def(line, snippet, "describes the parameters of the associated transposed convolution");
const notThis = (line: number, snippet: string, hyp: string) =>
  other(line, snippet, `a size relationship stated only for ${hyp}; this layer (s = 2, p = 1) is not in that case`);

const src: CorpusSource = {
  file: "13-dumoulin-visin-conv-arithmetic.tex",
  citation:
    "Vincent Dumoulin and Francesco Visin, \"A guide to convolution arithmetic for deep learning\", technical report, MILA (Université de Montréal) and AIRLab (Politecnico di Milano), arXiv:1603.07285, 2016, Chapters 2-5, Relationships 1-15",
  url: "https://github.com/vdumoulin/conv_arithmetic/blob/master/conv_arithmetic.tex",
  flags: ["--input", "5x6", "--kernel", "3x2", "--op", "xcorr", "--index-base", "0", "--stride", "2", "--padding", "1"],
  layer: { op: "xcorr", input: [5, 6], kernel: [3, 2], stride: [2, 2], dilation: [1, 1], padding: 1, inChannels: null, outChannels: null, groups: 1, batch: null, bias: false, indexBase: 0 },
  indexBase: 0,
  equations: [
    cond(9, "$s = 1$"),
    cond(9, "$p = 0$"),
    cond(11, "$s = 1$"),
    cond(11, "$p = 0$"),
    notThis(13, "o = (i - k) + 1.", "s = 1 and p = 0"),
    cond(16, "$s = 1$"),
    cond(17, "$s = 1$"),
    notThis(19, "o = (i - k) + 2p + 1.", "s = 1"),
    other(22, "$o = i$", "the property half padding is designed for, not a claim about this layer (here o = 3 × 4, i = 5 × 6)"),
    def(23, "$k = 2n + 1, \\quad n \\in \\mathbb{N}$", "defines n for an odd kernel size"),
    cond(23, "$s = 1$"),
    cond(23, "$p = \\lfloor k / 2 \\rfloor"),
    def(23, "\\rfloor = n$", "⌊k/2⌋ = n for k = 2n + 1"),
    notThis(26, "o &= i + 2 \\lfloor k / 2 \\rfloor - (k - 1)", "half padding p = ⌊k/2⌋ with s = 1"),
    notThis(27, "&= i + 2n - 2n", "half padding p = ⌊k/2⌋ with s = 1"),
    notThis(28, "&= i.", "half padding p = ⌊k/2⌋ with s = 1"),
    cond(33, "$p = k - 1$"),
    cond(33, "$s = 1$"),
    notThis(36, "o &= i + 2(k - 1) - (k - 1)", "full padding p = k − 1 with s = 1"),
    notThis(37, "&= i + (k - 1).", "full padding p = k − 1 with s = 1"),
    cond(41, "$p = 0$"),
    cond(43, "$p = 0$"),
    notThis(45, "o = \\left\\lfloor \\frac{i - k}{s} \\right\\rfloor + 1.", "p = 0"),
    size(51, "o = \\left\\lfloor \\frac{i + 2p - k}{s} \\right\\rfloor + 1.",
      "the general output size: ⌊(5 + 2 − 3)/2⌋ + 1 = 3 and ⌊(6 + 2 − 2)/2⌋ + 1 = 4, the layer's output"),
    other(53, "$j = i + a, \\quad a \\in \\{0,\\ldots,s - 1\\}$", "about other input sizes j that give the same output size, not about this layer's values"),
    other(58, "o = \\left\\lfloor \\frac{i - k}{s} \\right\\rfloor + 1.", "the pooling layer's output size, not the convolution"),
    cond(80, "$s = 1$"),
    cond(80, "$p = 0$"),
    tdef(80, "$k' = k$"),
    tdef(80, "$s' = s$"),
    tdef(80, "$p' = k - 1$"),
    notThis(82, "o' = i' + (k - 1).", "s = 1 and p = 0"),
    cond(86, "$s = 1$"),
    tdef(86, "$k' = k$"),
    tdef(86, "$s' = s$"),
    tdef(86, "$p' = k - p - 1$"),
    notThis(88, "o' = i' + (k - 1) - 2p.", "s = 1"),
    def(92, "$k = 2n + 1, \\quad n \\in \\mathbb{N}$", "defines n for an odd kernel size"),
    cond(92, "$s = 1$"),
    cond(92, "$p = \\lfloor k / 2 \\rfloor"),
    def(92, "\\rfloor = n$", "⌊k/2⌋ = n for k = 2n + 1"),
    tdef(92, "$k' = k$"),
    tdef(92, "$s' = s$"),
    tdef(92, "$p' = p$"),
    notThis(95, "o' &= i' + (k - 1) - 2p", "half padding with s = 1"),
    notThis(96, "&= i' + 2n - 2n", "half padding with s = 1"),
    notThis(97, "&= i'.", "half padding with s = 1"),
    cond(102, "$s = 1$"),
    cond(102, "$p = k - 1$"),
    tdef(102, "$k' = k$"),
    tdef(102, "$s' = s$"),
    tdef(102, "$p' = 0$"),
    notThis(105, "o' &= i' + (k - 1) - 2p", "full padding p = k − 1 with s = 1"),
    notThis(106, "&= i' - (k - 1)", "full padding p = k − 1 with s = 1"),
    cond(110, "$p = 0$"),
    cond(111, "$p = 0$"),
    tdef(111, "$k' = k$"),
    tdef(111, "$s' = 1$"),
    tdef(111, "$p' = k - 1$"),
    notThis(114, "o' = s (i' - 1) + k.", "p = 0"),
    tdef(119, "$k' = k$"),
    tdef(119, "$s' = 1$"),
    tdef(119, "$p' = k - p - 1$"),
    size(122, "o' = s (i' - 1) + k - 2p.",
      "the transposed convolution (the input-gradient map) takes i' = o = 3 × 4 back to o' = 2·(3 − 1) + 3 − 2 = 5 and 2·(4 − 1) + 2 − 2 = 6, the layer's input size; the hypothesis holds (i + 2p − k = 4 and 6 are multiples of s = 2)"),
    tdef(126, "$k' = k$"),
    tdef(126, "$s' = 1$"),
    tdef(126, "$p' = k - p - 1$"),
    def(126, "$a = (i + 2p - k) \\mod s$", "defines a, the remainder lost by the floor (0 on both axes here)"),
    size(129, "o' = s (i' - 1) + a + k - 2p.", "with a = (i + 2p − k) mod s = 0 on both axes it gives back the input size 5 × 6"),
    def(133, "$d = 1$", "d = 1 is the undilated convolution (this layer)"),
    def(136, "\\hat{k} = k + (k - 1)(d - 1).", "defines the effective kernel size of a dilated kernel"),
    size(141, "o = \\left\\lfloor \\frac{i + 2p - k - (k - 1)(d - 1)}{s} \\right\\rfloor + 1.",
      "with d = 1 it is Relationship 6: 3 × 4"),
  ],
};
export default src;
