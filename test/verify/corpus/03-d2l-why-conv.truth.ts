/**
 * Zhang, Lipton, Li, Smola, Dive into Deep Learning, "From Dense Layers to Convolutions".
 * 0-based pixel indices (Python arrays), cross-correlation h[i,j] = Σ_{a,b} V[a,b] x[i+a,j+b] with a
 * CENTRED kernel: offsets a, b ∈ [−Δ, Δ]. Our layer: 5×4 input, Δ = 1 (3×3 kernel, V[a,b] stored as
 * kernel entry w[a+Δ, b+Δ]), zero padding 1 so that h has the size of x (h[i,j] for every pixel).
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import type { Access, CorpusSource } from "./types.js";

const D = 1; // Δ
const H = 5;
const W = 4;
/** V[a,b] for a, b ∈ [−Δ, Δ] (0 outside). */
const V = (v: Access, a: number, b: number): Q => v.w(a + D, b + D);

const hLocal = (v: Access, [i, j]: number[]): Q => {
  let acc: Q = Q0;
  for (let a = -D; a <= D; a++) for (let b = -D; b <= D; b++) acc = qadd(acc, qmul(V(v, a, b), v.x(i! + a, j! + b)));
  return acc;
};

const src: CorpusSource = {
  file: "03-d2l-why-conv.tex",
  citation:
    "Aston Zhang, Zachary C. Lipton, Mu Li, Alexander J. Smola, Dive into Deep Learning (d2l.ai; Cambridge University Press, 2023), ch. Convolutional Neural Networks, section From Dense Layers to Convolutions (why-conv), version at commit 0361bb4",
  url: "https://github.com/d2l-ai/d2l-en/blob/0361bb4d2794b5d11ab7a03b6ef71074e533ecd3/chapter_convolutional-neural-networks/why-conv.md",
  flags: ["--input", "5x4", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0", "--padding", "1"],
  layer: { op: "xcorr", input: [5, 4], kernel: [3, 3], stride: [1, 1], dilation: [1, 1], padding: 1, inChannels: null, outChannels: null, groups: 1, batch: null, bias: false, indexBase: 0 },
  indexBase: 0,
  equations: [
    { line: 16, snippet: "h[i,j] = \\sum_{k,l} W[i,j,k,l] \\cdot x[k,l] =", truth: "other", why: "a dense (fully connected) layer with a 4-index weight tensor, re-indexed by offsets; not a convolution yet" },
    { line: 23, snippet: "k = i+a", truth: "definition", why: "the re-indexing of the input row by the offset a" },
    { line: 23, snippet: "l = j+b", truth: "definition", why: "the re-indexing of the input column by the offset b" },
    { line: 24, snippet: "V[i,j,a,b] = W[i,j,i+a, j+b]", truth: "definition", why: "defines the offset-indexed weights V from W" },
    { line: 32, snippet: "V[i,j,a,b] = V[a,b]", truth: "definition", why: "the translation-invariance assumption: weights depend only on the offset" },
    {
      line: 35, snippet: "h[i,j] = \\sum_{a, b} V[a,b] \\cdot x[i+a,j+b]", truth: "holds",
      why: "cross-correlation with the offset kernel V; the sum runs over all offsets (implied range), V being zero outside its support [−Δ, Δ]² and x zero outside the image",
      target: "Y", claimed: hLocal,
    },
    { line: 41, snippet: "V[a,b] = 0", truth: "definition", why: "the locality assumption: V vanishes for |a|, |b| > Δ" },
    {
      line: 44, snippet: "h[i,j] = \\sum_{a = -\\Delta}^{\\Delta}", truth: "holds",
      why: "the same cross-correlation with explicit centred offset ranges −Δ..Δ; with zero padding Δ the output has one entry per pixel",
      target: "Y", claimed: hLocal,
    },
    { line: 53, snippet: "[f \\circledast g](x) = \\int", truth: "definition", why: "defines continuous convolution" },
    { line: 60, snippet: "[f \\circledast g](i) = \\sum_a f(a) g(i-a)", truth: "definition", why: "defines discrete convolution on sequences indexed by ℤ" },
    { line: 67, snippet: "\\tilde{V}[a,b] = V[-a, -b]", truth: "definition", why: "defines the flipped kernel Ṽ" },
    {
      line: 68, snippet: "h = x \\circledast \\tilde{V}", truth: "holds",
      why: "(x ⊛ Ṽ)[i,j] = Σ_{a,b} x[a,b] Ṽ[i−a,j−b] = Σ_{a,b} x[a,b] V[a−i,b−j] = Σ_{a',b'} V[a',b'] x[i+a',j+b'] = h[i,j]: convolving with the flipped kernel is the cross-correlation h",
      target: "Y",
      claimed: (v, [i, j]) => {
        let acc: Q = Q0;
        // (x ⊛ Ṽ)[i,j] = Σ_{a,b over the image} x[a,b] · Ṽ[i−a, j−b], Ṽ[c,d] = V[−c,−d]
        for (let a = 0; a < H; a++) for (let b = 0; b < W; b++) acc = qadd(acc, qmul(v.x(a, b), V(v, -(i! - a), -(j! - b))));
        return acc;
      },
    },
    { line: 79, snippet: "h[i,j,k] = \\sum_{a = -\\Delta}^{\\Delta}", truth: "other", why: "the multi-channel version (input channel c, output channel k, channel-last indexing); our layer has one channel" },
    { line: 85, snippet: "f \\circledast g = g \\circledast f", truth: "other", why: "an exercise: commutativity of convolution (true for sequences on ℤ), not a statement about the layer's values" },
  ],
};
export default src;
