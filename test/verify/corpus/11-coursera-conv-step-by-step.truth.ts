/**
 * deeplearning.ai "Convolutional Neural Networks: Step by Step": the conv layer computes, for every
 * output position (h, w), Z[h, w] = Σ (a_slice ⊙ W_c) + b with a_slice = a_prev_pad[h·stride : h·stride + f,
 * w·stride : w·stride + f] — a cross-correlation, 0-based, with zero padding `pad` and stride `stride`.
 * Layer chosen: one channel (c fixed), n_H_prev × n_W_prev = 5 × 4, f = 3 (the source's filters are f × f),
 * stride 2, pad 1, with bias; n_H = 3, n_W = 2.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import type { Access, CorpusSource } from "./types.js";

const f = 3;
const stride = 2;
const pad = 1;
const nH = 3;
const nW = 2;

/** (1): da_prev_pad[h·s : h·s+f, w·s : w·s+f] += W_c · dZ[h, w], summed over h = 0..n_H, w = 0..n_W (dZ is 0 past its last row/column). */
function dA(v: Access, [i, j]: number[]): Q {
  let s: Q = Q0;
  for (let h = 0; h <= nH; h++)
    for (let w = 0; w <= nW; w++) {
      // the padded position i + pad lies in the slice of (h, w) at kernel offset m = i + pad − h·s
      const m = i! + pad - h * stride;
      const n = j! + pad - w * stride;
      if (m < 0 || m >= f || n < 0 || n >= f) continue;
      s = qadd(s, qmul(v.w(m, n), v.dy(h, w)));
    }
  return s;
}

/** (2): dW_c += a_slice · dZ[h, w]; entry (m, n) of a_slice is a_prev_pad[h·s + m, w·s + n] = a_prev[h·s + m − pad, w·s + n − pad]. */
function dW(v: Access, [m, n]: number[]): Q {
  let s: Q = Q0;
  for (let h = 0; h <= nH; h++)
    for (let w = 0; w <= nW; w++) s = qadd(s, qmul(v.x(h * stride + m! - pad, w * stride + n! - pad), v.dy(h, w)));
  return s;
}

function db(v: Access): Q {
  let s: Q = Q0;
  for (let h = 0; h < nH; h++) for (let w = 0; w < nW; w++) s = qadd(s, v.dy(h, w));
  return s;
}

const src: CorpusSource = {
  file: "11-coursera-conv-step-by-step.tex",
  citation:
    "deeplearning.ai (Deep Learning Specialization, Coursera), \"Convolutional Neural Networks: Step by Step\", Course 4 week 1 programming assignment notebook v1, 2017, sections 3.3 and 5.1",
  url: "https://github.com/Kulbear/deep-learning-coursera/blob/master/Convolutional%20Neural%20Networks/Convolution%20model%20-%20Step%20by%20Step%20-%20v1.ipynb",
  flags: ["--input", "5x4", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0", "--stride", "2", "--padding", "1", "--bias"],
  layer: { op: "xcorr", input: [5, 4], kernel: [3, 3], stride: [2, 2], dilation: [1, 1], padding: 1, inChannels: null, outChannels: null, groups: 1, batch: null, bias: true, indexBase: 0 },
  indexBase: 0,
  equations: [
    { line: 6, snippet: "n_H = \\lfloor \\frac{n_{H_{prev}} - f + 2 \\times pad}{stride} \\rfloor +1", truth: "holds", target: "size",
      why: "output height of a stride-s, pad-p window sweep: ⌊(5 − 3 + 2)/2⌋ + 1 = 3 rows" },
    { line: 7, snippet: "n_W = \\lfloor \\frac{n_{W_{prev}} - f + 2 \\times pad}{stride} \\rfloor +1", truth: "holds", target: "size",
      why: "output width: ⌊(4 − 3 + 2)/2⌋ + 1 = 2 columns" },
    { line: 8, snippet: "n_C = \\text{number of filters used in the convolution}", truth: "holds", target: "size",
      why: "one output channel per filter (here one filter, one output channel)" },
    { line: 12, snippet: "dA += \\sum _{h=0} ^{n_H} \\sum_{w=0} ^{n_W} W_c \\times dZ_{hw}", truth: "holds", target: "dX", claimed: dA,
      why: "each output Z_hw = Σ a_slice·W_c + b spreads dZ_hw·W_c back over its slice of the padded input; summing over all (h, w) (the upper limits n_H, n_W only add dZ = 0) gives ∂J/∂A_prev" },
    { line: 16, snippet: "dW_c  += \\sum _{h=0} ^{n_H} \\sum_{w=0} ^ {n_W} a_{slice} \\times dZ_{hw}", truth: "holds", target: "dW", claimed: dW,
      why: "∂Z_hw/∂W_c = a_slice of (h, w), so ∂J/∂W_c = Σ_hw a_slice·dZ_hw (cross-correlation of the padded input with dZ at stride s)" },
    { line: 20, snippet: "db = \\sum_h \\sum_w dZ_{hw}", truth: "holds", target: "db", claimed: (v) => db(v),
      why: "the bias is added once to every output Z_hw, so ∂J/∂b = Σ_hw dZ_hw" },
  ],
};
export default src;
