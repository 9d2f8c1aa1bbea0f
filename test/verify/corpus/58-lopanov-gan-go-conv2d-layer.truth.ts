/**
 * Dimitrii Lopanov (GitHub: LdDl), "Convolutional layer": the page of the 2D convolutional layer in the
 * documentation of his Go library gan-go (docs/layers/conv2d.md, August 2026) — the forward pass of the layer in
 * index notation (output channel o, input channel c, kernel offsets m, n, strides s_h, s_w, a bias b_o), the
 * output size with padding, dilation and stride, and the backward pass for unit stride and dilation: the kernel
 * gradient, the bias gradient and the input gradient (a full convolution with the flipped kernel).
 * Layer: the one the page points to, the discriminator of its train_cnn example ("a single grayscale image 9x8 of
 * the train_cnn example has the shape [1, 1, 9, 8]"; there, 5 filters of 3×3, padding 0, stride 1, dilation 1,
 * as in the page's Usage block: KernelHeight 3, KernelWidth 3, Padding {0, 0}, Stride {1, 1}, Dilation {1, 1}):
 * one input channel (C = 1), O = 5 filters, k of shape [O, C, K_h, K_w] = [5, 1, 3, 3], a bias b_o per filter
 * (the page's y = b_o + …, its ∂L/∂b_o, the layer's BiasNode), valid (no padding), stride 1 — the unit stride and
 * dilation the backward formulas (2), (3) are stated for — so y is 5 × 7 × 6. The batch index is omitted, as the
 * page omits it. A cross-correlation (the page: "technically a cross-correlation"). δ_{o,i,j} = ∂L/∂y_{o,i,j} is
 * v.dy(o, i, j); x the layer's input (no activation factor: the page's activation, gan.Rectify, comes after).
 * Index base 0: the page's own formulas (2) and (3) hold only when the output positions i, j, the kernel offsets
 * m, n and the input positions count from the same first index 0 (x_{c,i+m,j+n} is the first window's first pixel
 * at i = m = 0), and the repository's worked example of this page (docs/numeric/conv2d.md, "the formulas above
 * applied step by step") counts everything from 0: position (0, 0) of filter 0, δ^{(0)}_{00}, k^{(0,R)}_{24} in a
 * 3×5 kernel, the pixel "at row 1, column 3" as x^{(R)}_{13}; its kernel gradient runs m, n from 0.
 * The page's mistake: the forward pass (1) sums c from 1 to C, m from 1 to K_h and n from 1 to K_w — the bounds
 * of a count from 1 — in a text that counts from 0: it leaves out input channel 0 (here the only one: with C = 1
 * every term is off the input, and y_{o,i,j} as written is b_o alone) and kernel row and column 0, and reads
 * k_{o,c,K_h,·}, outside the kernel. (Only a reading with x, k and c counted from 1 but i, j from 0 makes (1) the
 * layer's forward pass; the page gives no such convention and its example has none.)
 * Everything else holds: the output size H' = ⌊(H + 2p_h − d_h(K_h − 1) − 1)/s_h⌋ + 1 (line 22; 7 here, and the
 * example's 7 and 4), the kernel gradient Σ_{i,j} δ_{o,i,j} x_{c,i+m,j+n} and the bias gradient Σ_{i,j} δ_{o,i,j}
 * (line 28), the input gradient Σ_o Σ_{m,n} δ_{o,p−m,q−n} k_{o,c,m,n} (line 32; δ read 0 where (p − m, q − n) is
 * not an output position, as every full-correlation formula of the corpus is read; the sums over m, n run over
 * the kernel, those over i, j over the 7 × 6 output).
 * Definition: δ = ∂L/∂y (line 26). Not found by verify, so not listed: the shapes [2, 3, 32, 32], [1, 1, 9, 8]
 * (line 8) and the table's [B, C, H, W], [O, C, K_h, K_w], [B, O, H', W'] (names of shapes, not equations).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource } from "./types.js";

const O = 5,
  C = 1,
  KH = 3,
  KW = 3,
  HO = 7,
  WO = 6; // x: 1 × 9 × 8, k: 5 × 1 × 3 × 3, y: 5 × 7 × 6
const sh = 1,
  sw = 1; // the layer's strides

/** Equation (1) as written: b_o + Σ_{c=1}^{C} Σ_{m=1}^{K_h} Σ_{n=1}^{K_w} x_{c, i·s_h+m, j·s_w+n} k_{o,c,m,n}. */
const forward1 = (v: Access, [o, i, j]: number[]): Q =>
  qadd(
    v.b(o!),
    sum(1, C, (c) => sum(1, KH, (m) => sum(1, KW, (n) => qmul(v.x(c, i! * sh + m, j! * sw + n), v.w(o!, c, m, n))))),
  );
/** Σ_{i,j} δ_{o,i,j} x_{c,i+m,j+n}: the kernel gradient, i, j over the 7 × 6 output. */
const dK = (v: Access, [o, c, m, n]: number[]): Q =>
  sum(0, HO - 1, (i) => sum(0, WO - 1, (j) => qmul(v.dy(o!, i, j), v.x(c!, i + m!, j + n!))));
/** Σ_{i,j} δ_{o,i,j}: the bias gradient. */
const dB = (v: Access, [o]: number[]): Q => sum(0, HO - 1, (i) => sum(0, WO - 1, (j) => v.dy(o!, i, j)));
/** Σ_o Σ_{m,n} δ_{o,p−m,q−n} k_{o,c,m,n} (δ read 0 off the 7 × 6 output). */
const dX = (v: Access, [c, p, q]: number[]): Q =>
  sum(0, O - 1, (o) => sum(0, KH - 1, (m) => sum(0, KW - 1, (n) => qmul(v.dy(o, p! - m, q! - n), v.w(o, c!, m, n)))));

const src: CorpusSource = {
  file: "58-lopanov-gan-go-conv2d-layer.md",
  citation:
    'Dimitrii Lopanov (GitHub: LdDl), "Convolutional layer", the page of the 2D convolutional layer in the documentation of his Go library gan-go ("Recipe for simple GAN in Golang ecosystem via Gorgonia library"), repository LdDl/gan-go, file docs/layers/conv2d.md (first written 18 August 2026, commit 0ea3058f450b241c29bd480278a9be5b0ccf6f6c; last changed 19 August 2026), read at commit a4e4bd5db1c2f776cb73eef5fbcf9847bb0a9974: the whole page (forward pass in index notation with strides and a bias, output size, ∂L/∂k, ∂L/∂b and ∂L/∂x for unit stride)',
  url: "https://github.com/LdDl/gan-go/blob/a4e4bd5db1c2f776cb73eef5fbcf9847bb0a9974/docs/layers/conv2d.md",
  flags: [
    "--input",
    "9x8",
    "--kernel",
    "3x3",
    "--op",
    "xcorr",
    "--index-base",
    "0",
    "--bias",
    "--in-channels",
    "1",
    "--out-channels",
    "5",
  ],
  layer: {
    op: "xcorr",
    input: [9, 8],
    kernel: [KH, KW],
    stride: [sh, sw],
    dilation: [1, 1],
    padding: "valid",
    inChannels: C,
    outChannels: O,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    {
      line: 10,
      snippet:
        "y_{o,i,j} = b_o + \\sum_{c=1}^{C} \\sum_{m=1}^{K_h} \\sum_{n=1}^{K_w} x_{c,\\; i \\cdot s_h + m,\\; j \\cdot s_w + n} \\cdot k_{o,c,m,n}",
      truth: "fails",
      target: "Y",
      why: "in the page's count from 0 (its formulas (2), (3) and its worked example) the sums from c = 1, m = 1, n = 1 to C, K_h, K_w leave out channel 0 and kernel row and column 0 and read k_{o,c,K_h,·} outside the kernel: y_{o,i,j} = b_o + Σ_{c=0}^{C−1} Σ_{m=0}^{K_h−1} Σ_{n=0}^{K_w−1} x_{c,i s_h+m,j s_w+n} k_{o,c,m,n}; with the one input channel, the written sum is b_o alone",
      claimed: forward1,
    },
    {
      line: 22,
      snippet: "H' = \\lfloor (H + 2p_h - d_h(K_h - 1) - 1)/s_h \\rfloor + 1",
      truth: "holds",
      target: "size",
      why: "the padded input H + 2p_h holds ⌊(H + 2p_h − (d_h(K_h − 1) + 1))/s_h⌋ + 1 windows of the dilated kernel's extent d_h(K_h − 1) + 1 at stride s_h: 7 for the 9 rows here (and the worked example's 7 and 4)",
    },
    {
      line: 26,
      snippet: "\\delta = \\partial L / \\partial y",
      truth: "definition",
      why: "names the output gradient δ = ∂L/∂y",
    },
    {
      line: 28,
      snippet: "\\frac{\\partial L}{\\partial k_{o,c,m,n}} = \\sum_{i,j} \\delta_{o,i,j} \\cdot x_{c,\\, i+m,\\, j+n}",
      truth: "holds",
      target: "dW",
      why: "at unit stride k_{o,c,m,n} multiplies x_{c,i+m,j+n} in every output y_{o,i,j} of filter o and in no other: the chain rule over the 7 × 6 outputs, a cross-correlation of the input with δ",
      claimed: dK,
    },
    {
      line: 28,
      snippet: "\\frac{\\partial L}{\\partial b_o} = \\sum_{i,j} \\delta_{o,i,j}",
      truth: "holds",
      target: "db",
      why: "b_o is added with coefficient 1 to every output y_{o,i,j} of filter o: its gradient is the sum of δ over that filter's map",
      claimed: dB,
    },
    {
      line: 32,
      snippet:
        "\\frac{\\partial L}{\\partial x_{c,p,q}} = \\sum_{o} \\sum_{m,n} \\delta_{o,\\, p-m,\\, q-n} \\cdot k_{o,c,m,n}",
      truth: "holds",
      target: "dX",
      why: "at unit stride x_{c,p,q} enters y_{o,p−m,q−n} under k_{o,c,m,n} for every filter o and kernel offset (m, n) whose output position exists: the chain rule over them, the terms off the output 0 — the full convolution of δ with the flipped kernel",
      claimed: dX,
    },
  ],
};
export default src;
