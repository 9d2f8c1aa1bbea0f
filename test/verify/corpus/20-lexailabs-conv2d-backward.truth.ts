/**
 * LexAI Labs, practice problem "Conv2D backward (dx, dW)" (build-cnn-05).
 * Layer: out[o, i, j] = Σ_{c,u,v} x[c, i+u, j+v] W[o, c, u, v] — a multi-channel cross-correlation,
 * stride 1, no padding, no bias, every index 0-based (numpy), x of shape (C_in, H, W) and W of shape
 * (C_out, C_in, kH, kW): the oracle's own layouts x(c, i, j), w(o, c, u, v), dy(o, i, j). Sizes
 * chosen: 2 input channels of 4×4, 3 output channels, kernel 2×2 (output 3×3). G is grad_out, the
 * gradient of the loss with respect to out (said in prose only), so ∂L/∂out = v.dy.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { CorpusSource } from "./types.js";

const CI = 2, CO = 3, K = 2, HO = 3;

const src: CorpusSource = {
  file: "20-lexailabs-conv2d-backward.tex",
  citation: "LexAI Labs, \"Conv2D backward (dx, dW)\", practice problem build-cnn-05 (web page, read 2026-11-27), sections Background / Problem statement",
  url: "https://prof.lexailabs.com/practice/build-cnn-05-conv2d-backward",
  flags: ["--input", "4x4", "--kernel", "2x2", "--op", "xcorr", "--index-base", "0", "--in-channels", "2", "--out-channels", "3"],
  layer: { op: "xcorr", input: [4, 4], kernel: [2, 2], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: CI, outChannels: CO, groups: 1, batch: null, bias: false, indexBase: 0 },
  indexBase: 0,
  equations: [
    { line: 6, snippet: "G =", truth: "definition", why: "G names grad_out, ∂L/∂out, in words (the right-hand side is prose)" },
    { line: 8, snippet: "\\text{out}[o, i, j] =", truth: "holds", target: "Y",
      why: "the forward pass: over input channels c and kernel offsets u, v of x[c, i+u, j+v] W[o, c, u, v] (cross-correlation)",
      claimed: (v, [o, i, j]) => sum(0, CI - 1, (c) => sum(0, K - 1, (u) => sum(0, K - 1, (w) => qmul(v.x(c, i! + u, j! + w), v.w(o!, c, u, w))))) },
    { line: 12, snippet: "dW[o, c, u, v] =", truth: "holds", target: "dW",
      why: "∂out[o,i,j]/∂W[o,c,u,v] = x[c, i+u, j+v], summed over every output position (i, j) of channel o",
      claimed: (v, [o, c, u, w]) => sum(0, HO - 1, (i) => sum(0, HO - 1, (j) => qmul(v.dy(o!, i, j), v.x(c!, i + u!, j + w!)))) },
    { line: 14, snippet: "dx[c, h, w] =", truth: "holds", target: "dX",
      why: "x[c, h, w] meets W[o, c, u, v] in out[o, i, j] exactly when i+u = h and j+v = w: the sum over o and those (i, j, u, v)",
      claimed: (v, [c, h, w]) =>
        sum(0, CO - 1, (o) => sum(0, K - 1, (u) => sum(0, K - 1, (vv) => qmul(v.dy(o, h! - u, w! - vv), v.w(o, c!, u, vv))))) },
    { line: 16, snippet: "g = G[o,i,j]", truth: "other", why: "names one entry of G inside the loop (notation)" },
  ],
};
export default src;
