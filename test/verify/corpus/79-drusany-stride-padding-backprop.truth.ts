/**
 * Jakob Drusany (GitHub: jakic12), "Backpropagation in a convolutional neural network with stride and padding", a
 * question on Data Science Stack Exchange (56782, 1 August 2019): a single-channel cross-correlation ("correlation
 * (no filter flipping)") with a stride s and a zero padding p written into the index, O_{i,j} = Σ_{x,y=0}^{FS−1}
 * I_{x+i*s−p, y+j*s−p} F_{x,y}, and the filter gradient derived from it: the chain rule over the outputs, the local
 * derivative, and the closed form (2).
 * Layer: the question fixes no sizes; a small choice it allows: a 5×5 input I, a 3×3 filter F (FS = 3), s = 2,
 * p = 1, so the output O is 3×3 (W1 = H1 = 3, from the size (5 − 3 + 2·1)/2 + 1 of the question's code). 0-based
 * (its sums run from 0 to FS − 1 and to W1 − 1), no bias, one channel. I outside the input (an index x + i*s − p
 * below 0 or past 4) is the padding's 0. ∂E/∂O_{k,h} is v.dy(k, h). The question pairs the first index k with W1
 * (the output width) and h with H1: with a square output this does not matter.
 * No mistakes in the part transcribed: the forward correlation (line 15), the chain rule (line 19), the local
 * derivative both as the derivative of the sum (line 19) and in closed form (line 20, checked through the chain
 * rule), and (2) (line 21) all hold. The question's doubt is about its JavaScript (left out), not these formulas.
 * Other: "x = i", "y = j" (line 19), the condition under which the local derivative is non-zero.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource } from "./types.js";

const N = 5,
  FS = 3,
  S = 2,
  P = 1,
  OUT = 3; // 5×5 input, 3×3 filter, stride 2, padding 1, 3×3 output

/** (1): Σ_{x,y=0}^{FS−1} I_{x+i*s−p, y+j*s−p} F_{x,y}. */
const fwd = (v: Access, [i, j]: number[]): Q =>
  sum(0, FS - 1, (x) => sum(0, FS - 1, (y) => qmul(v.x(x + i! * S - P, y + j! * S - P), v.w(x, y))));
/** (2): Σ_{k=0}^{W1−1} Σ_{h=0}^{H1−1} ∂E/∂O_{k,h} I_{i+k*s−p, j+h*s−p}. */
const dF = (v: Access, [i, j]: number[]): Q =>
  sum(0, OUT - 1, (k) => sum(0, OUT - 1, (h) => qmul(v.dy(k, h), v.x(i! + k * S - P, j! + h * S - P))));

const src: CorpusSource = {
  file: "79-drusany-stride-padding-backprop.md",
  citation:
    'Jakob Drusany (GitHub: jakic12), "Backpropagation in a convolutional neural network with stride and padding", a question on Data Science Stack Exchange (question 56782, asked 1 August 2019): the symbols, the strided, padded correlation (1) and the filter derivative (2), up to the question\'s JavaScript code',
  url: "https://datascience.stackexchange.com/questions/56782/backpropagation-in-a-convolutional-neural-network-with-stride-and-padding",
  flags: ["--input", "5x5", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0", "--stride", "2", "--padding", "1"],
  layer: {
    op: "xcorr",
    input: [N, N],
    kernel: [FS, FS],
    stride: [S, S],
    dilation: [1, 1],
    padding: P,
    inChannels: null,
    outChannels: null,
    groups: 1,
    batch: null,
    bias: false,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    {
      line: 15,
      snippet: "O_{i,j} = \\sum_{x = 0}^{FS-1}\\sum_{y = 0}^{FS-1}I_{x+i*s-p, y+j*s-p}*F_{x,y}",
      truth: "holds",
      target: "Y",
      why: "the stride-s cross-correlation of the input zero-padded by p: output (i, j) reads the window whose corner is (i*s − p, j*s − p); entries of I outside the input are the padding's zeros",
      claimed: fwd,
    },
    {
      line: 19,
      snippet:
        "\\frac{\\partial E}{\\partial F_{i,j}} = \\sum_{k=0}^{W1-1}\\sum_{h=0}^{H1-1}\\frac{\\partial E}{\\partial O_{k,h}}\\frac{\\partial O_{k,h}}{\\partial F_{i,j}}",
      truth: "holds",
      target: "dW",
      why: "F_{i,j} enters every output O_{k,h} (k, h = 0 … W1 − 1, H1 − 1): the chain rule over them, with the local derivative I_{i+k*s−p, j+h*s−p} of line 20",
      claimed: dF,
    },
    {
      line: 19,
      snippet: "\\frac{\\partial O_{k,h}}{\\partial F_{i,j}} = \\frac{\\partial }{\\partial F_{i,j}}\\left [",
      truth: "holds",
      target: "dW",
      why: "O_{k,h} is the sum (1) at (k, h); its derivative by F_{i,j} is the one term x = i, y = j, I_{i+k*s−p, j+h*s−p}; checked through line 19's chain rule",
      claimed: dF,
    },
    {
      line: 19,
      snippet: "x = i",
      truth: "other",
      why: "the condition under which a term of the sum depends on F_{i,j}, not a statement about a tensor",
    },
    {
      line: 19,
      snippet: "y = j",
      truth: "other",
      why: "the condition under which a term of the sum depends on F_{i,j}, not a statement about a tensor",
    },
    {
      line: 20,
      snippet: "\\frac{\\partial O_{k,h}}{\\partial F_{i,j}} = I_{i+k*s-p, j+h*s-p}",
      truth: "holds",
      target: "dW",
      why: "F_{i,j} multiplies I_{i+k*s−p, j+h*s−p} in O_{k,h} and nothing else (the padding's 0 where that index is off the input); checked through line 19's chain rule",
      claimed: dF,
    },
    {
      line: 21,
      snippet:
        "\\frac{\\partial E}{\\partial F_{i,j}} = \\sum_{k=0}^{W1-1}\\sum_{h=0}^{H1-1}\\frac{\\partial E}{\\partial O_{k,h}}I_{i+k*s-p, j+h*s-p}",
      truth: "holds",
      target: "dW",
      why: "(2): the filter gradient of the strided padded correlation, the output gradient correlated with the padded input at stride s (the stride on the output index k, h, not on i, j)",
      claimed: dF,
    },
  ],
};
export default src;
