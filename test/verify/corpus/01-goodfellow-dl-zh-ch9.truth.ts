/**
 * Goodfellow, Bengio, Courville, Deep Learning, ch. 9 — Chinese translation (exacity, 人民邮电出版社 2017).
 * 1-based indices, cross-correlation ("不翻转核"), channels: V[l, row, col], K[i, l, m, n], Z[i, row, col],
 * stride s (eq. 9.8, 9.11, 9.13). Our layer: 2 input channels, 3 output channels, 5×6 input, 3×2 kernel,
 * stride 2 (output 2×3), no bias.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import type { Access, CorpusSource } from "./types.js";

const S = 2; // stride s
const CI = 2; // input channels (l)
const CO = 3; // output channels (i / q)
const KH = 3;
const KW = 2;
const OH = 2; // (5 - 3)/2 + 1
const OW = 3; // (6 - 2)/2 + 1

/** eq. 9.8: Z_{i,j,k} = Σ_{l,m,n} V_{l,(j-1)s+m,(k-1)s+n} K_{i,l,m,n} (1-based). */
function forward98(v: Access, [i, j, k]: number[]): Q {
  let acc: Q = Q0;
  for (let l = 1; l <= CI; l++)
    for (let m = 1; m <= KH; m++)
      for (let n = 1; n <= KW; n++) acc = qadd(acc, qmul(v.x(l, (j! - 1) * S + m, (k! - 1) * S + n), v.w(i!, l, m, n)));
  return acc;
}

const src: CorpusSource = {
  file: "01-goodfellow-dl-zh-ch9.tex",
  citation:
    "Ian Goodfellow, Yoshua Bengio, Aaron Courville, 《深度学习》 (Deep Learning, Chinese translation by the exacity team, ch. 9 translated by Kai Li), 人民邮电出版社, 2017, 第9章 卷积网络, §9.1 and §9.5, eqs. 9.3–9.13",
  url: "https://github.com/exacity/deeplearningbook-chinese/blob/master/Chapter9/convolutional_networks.tex",
  flags: ["--input", "5x6", "--kernel", "3x2", "--op", "xcorr", "--index-base", "1", "--stride", "2", "--in-channels", "2", "--out-channels", "3"],
  layer: { op: "xcorr", input: [5, 6], kernel: [3, 2], stride: [2, 2], dilation: [1, 1], padding: "valid", inChannels: 2, outChannels: 3, groups: 1, batch: null, bias: false, indexBase: 1 },
  indexBase: 1,
  equations: [
    { line: 9, snippet: "s(t) = (x*w)(t) =", truth: "definition", why: "defines discrete 1-D convolution s = x*w (motivating example, not the layer)" },
    { line: 15, snippet: "S(i,j) = (I*K)(i,j) =", truth: "definition", why: "defines 2-D convolution (flipped kernel) of an image I with a kernel K" },
    { line: 20, snippet: "S(i, j) = (K*I)(i,j) =", truth: "definition", why: "the commuted form of the same 2-D convolution (true by substitution m→i−m, n→j−n); an operator identity, not the layer" },
    { line: 25, snippet: "S(i, j) = (I*K)(i, j) =", truth: "definition", why: "defines 2-D cross-correlation (kernel not flipped), which the book then calls convolution" },
    {
      line: 36, snippet: "\\mathsf{Z}_{i,j,k} = \\sum_{l,m,n}", truth: "other",
      why: "the unit-stride multi-channel forward pass (correct for s = 1, 1-based); the book generalises it to stride s in eq. 9.8, and our layer has stride 2, so this equation describes a different layer",
    },
    { line: 43, snippet: "c(\\mathsf{K}, \\mathsf{V}, s)_{i,j,k} =", truth: "holds", why: "strided multi-channel cross-correlation, 1-based: row (j−1)s+m, column (k−1)s+n (the stray comma at the end of V's subscript is a typesetting slip, not an index)", target: "Y", claimed: forward98 },
    { line: 49, snippet: "[m+2(k-1)]-k+1=m+k-1", truth: "holds", why: "full convolution pads k−1 zeros on both ends, so the valid width formula gives m+2(k−1)−k+1 = m+k−1", target: "size" },
    { line: 54, snippet: "\\mathsf{G}_{i, j, k} = \\frac{\\partial}{\\partial \\mathsf{Z}_{i, j, k}}", truth: "definition", why: "defines G as the gradient of the loss J with respect to the output Z" },
    {
      line: 59, snippet: "g(\\mathsf{G}, \\mathsf{V}, s)_{i, j, k, l} =", truth: "holds",
      why: "∂J/∂K_{i,j,k,l} = Σ_{m,n} G_{i,m,n} V_{j,(m−1)s+k,(n−1)s+l}: each output position (m,n) of channel i saw V at row (m−1)s+k, column (n−1)s+l of channel j",
      target: "dW",
      claimed: (v, [i, j, k, l]) => {
        let acc: Q = Q0;
        for (let m = 1; m <= OH; m++)
          for (let n = 1; n <= OW; n++) acc = qadd(acc, qmul(v.dy(i!, m, n), v.x(j!, (m - 1) * S + k!, (n - 1) * S + l!)));
        return acc;
      },
    },
    {
      line: 65, snippet: "h(\\mathsf{K}, \\mathsf{G}, s)_{i, j, k} &=&", truth: "holds",
      why: "∂J/∂V_{i,j,k} sums K_{q,i,m,p} G_{q,l,n} over every output channel q and every (output row l, kernel row m) with (l−1)s+m = j and (output column n, kernel column p) with (n−1)s+p = k — the transpose of eq. 9.8",
      target: "dX",
      claimed: (v, [i, j, k]) => {
        let acc: Q = Q0;
        for (let l = 1; l <= OH; l++)
          for (let m = 1; m <= KH; m++) {
            if ((l - 1) * S + m !== j) continue;
            for (let n = 1; n <= OW; n++)
              for (let p = 1; p <= KW; p++) {
                if ((n - 1) * S + p !== k) continue;
                for (let q = 1; q <= CO; q++) acc = qadd(acc, qmul(v.w(q, i!, m, p), v.dy(q, l, n)));
              }
          }
        return acc;
      },
    },
  ],
};
export default src;
