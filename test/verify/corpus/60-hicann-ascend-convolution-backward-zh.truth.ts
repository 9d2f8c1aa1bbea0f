/**
 * Huawei CANN (GitHub organisation hicann), «ConvolutionBackward»: the Chinese-language README of the convolution
 * back-propagation operator of the Ascend operator library ops-nn (file conv/convolution_backward/README.md, read at
 * the commit of 12 June 2026), section «功能说明» — the output sizes of a convolution with stride, padding and
 * dilation, then the gradients ∂L/∂x, ∂L/∂w and ∂L/∂b the operator computes, in index notation with explicit ranges.
 * The same formulas stand in the operator's API page (docs/aclnnConvolutionBackward.md).
 * Layer: the README states no forward pass; its layer is the one its size formulas describe (PyTorch's convolution
 * layer, which the aclnn operators mirror): a cross-correlation with stride, padding and dilation over NCHW tensors,
 * x[N, C_in, H_in, W_in], w[C_out, C_in, kH, kW], y[N, C_out, H_out, W_out], a bias per output channel. Its sums run
 * from 1 (Σ_{c_out=1}^{C_out}, Σ_{p=1}^{k_H}, Σ_{i=1}^{H_out}), so the index base is 1. The README allows any stride,
 * padding and dilation; the layer chosen here is small and has the stride > 1 the operator is built for: a 2-D
 * layer (the README's 3-D notation with its D axis dropped), batch N = 2, C_in = 2, C_out = 2, input 5×8, kernel
 * k_H × k_W = 2×3, stride s_H = s_W = 2, dilation 1, no padding, so the output is 2×3. x, w, ∂L/∂y are v.x, v.w,
 * v.dy with the README's index order (n, c, row, column); s_H, s_W (not defined in the text) are read as the
 * strides stride[1], stride[2] of the size formulas.
 * The README's mistakes: its input gradient (line 31), Σ_{c_out} Σ_{p=1}^{k_H} Σ_{q=1}^{k_W} ∂L/∂y_{n,c_out,i−p,j−q}
 * w_{c_out,c_in,p,q}, is a stride-1 full correlation — it has no stride and no dilation in it, although the
 * operator takes both (with stride 2 the output gradient must be dilated: x_{i,j} feeds y_{a,b} only where
 * i = 2(a − 1) + p), and even at stride 1 its 1-based indices are off by one (the output that meets x_{i,j} under
 * w_{p,q} is y_{i−p+1, j−q+1}, not y_{i−p, j−q}). Its kernel gradient (line 39), Σ_n Σ_{i=1}^{H_out} Σ_{j=1}^{W_out}
 * x_{n,c_in, i·s_H+p, j·s_W+q} ∂L/∂y_{n,c_out,i,j}, mixes a 0-based window origin i·s_H with 1-based i and p: the
 * input row under w_p at output row i is (i − 1)·s_H + p (and the dilation, (p − 1)·dilation + 1, is missing), so
 * as written every window is shifted by one stride (s_H rows, s_W columns); read 0-based instead, the sums from
 * 1 to H_out would skip the first output row and run one past the last, so it fails in either base.
 * Holds: the bias gradient (line 45) and the H and W output sizes (lines 19, 23), whose floor of the whole
 * quotient-plus-one equals ⌊(…)/stride⌋ + 1. Other: the depth D_out (line 15), an axis the 2-D layer chosen here
 * does not have.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource } from "./types.js";

const N = 2,
  CI = 2,
  CO = 2; // batch, input and output channels
const H = 5,
  W = 8,
  KH = 2,
  KW = 3,
  S = 2; // input 5×8, kernel 2×3, stride 2, dilation 1, no padding
const HO = Math.floor((H - KH) / S) + 1,
  WO = Math.floor((W - KW) / S) + 1; // 2×3

/** Line 31 as written: Σ_{c_out=1}^{C_out} Σ_{p=1}^{k_H} Σ_{q=1}^{k_W} ∂L/∂y_{n,c_out,i−p,j−q} · w_{c_out,c_in,p,q}. */
const dxAsWritten = (v: Access, [n, ci, i, j]: number[]): Q =>
  sum(1, CO, (co) => sum(1, KH, (p) => sum(1, KW, (q) => qmul(v.dy(n!, co, i! - p, j! - q), v.w(co, ci!, p, q)))));
/** Line 39 as written: Σ_{n=1}^{N} Σ_{i=1}^{H_out} Σ_{j=1}^{W_out} x_{n,c_in,i·s_H+p,j·s_W+q} · ∂L/∂y_{n,c_out,i,j}. */
const dwAsWritten = (v: Access, [co, ci, p, q]: number[]): Q =>
  sum(1, N, (n) => sum(1, HO, (i) => sum(1, WO, (j) => qmul(v.x(n, ci!, i * S + p!, j * S + q!), v.dy(n, co!, i, j)))));
/** Line 45: Σ_{n=1}^{N} Σ_{i=1}^{H_out} Σ_{j=1}^{W_out} ∂L/∂y_{n,c_out,i,j}. */
const db = (v: Access, [co]: number[]): Q => sum(1, N, (n) => sum(1, HO, (i) => sum(1, WO, (j) => v.dy(n, co!, i, j))));

const src: CorpusSource = {
  file: "60-hicann-ascend-convolution-backward-zh.md",
  citation:
    "Huawei CANN (GitHub organisation hicann), «ConvolutionBackward», the README (in Chinese) of the convolution back-propagation operator of the Ascend operator library ops-nn, repository hicann/ops-nn, file conv/convolution_backward/README.md, read at commit e9c68f97db870cf8389753d7e06dd52b1820b08c (12 June 2026): section «功能说明» (output sizes with stride, padding and dilation; ∂L/∂x, ∂L/∂w, ∂L/∂b in index notation)",
  url: "https://github.com/hicann/ops-nn/blob/e9c68f97db870cf8389753d7e06dd52b1820b08c/conv/convolution_backward/README.md",
  flags: [
    "--input",
    "5x8",
    "--kernel",
    "2x3",
    "--op",
    "xcorr",
    "--index-base",
    "1",
    "--stride",
    "2",
    "--in-channels",
    "2",
    "--out-channels",
    "2",
    "--batch",
    "2",
    "--bias",
  ],
  layer: {
    op: "xcorr",
    input: [H, W],
    kernel: [KH, KW],
    stride: [S, S],
    dilation: [1, 1],
    padding: "valid",
    inChannels: CI,
    outChannels: CO,
    groups: 1,
    batch: N,
    bias: true,
    indexBase: 1,
  },
  indexBase: 1,
  equations: [
    {
      line: 15,
      snippet: "D_{out}=\\lfloor \\frac{D_{in}+2*padding[0]",
      truth: "other",
      why: "the output depth of a 3-D convolution: the 2-D layer chosen here has no depth axis",
    },
    {
      line: 19,
      snippet:
        "H_{out}=\\lfloor \\frac{H_{in}+2*padding[1]-dilation[1] * (kernelSize[1] - 1) - 1}{stride[1]}+1 \\rfloor",
      truth: "holds",
      target: "size",
      why: "⌊(H_in + 2·padding − dilation·(k_H − 1) − 1)/stride + 1⌋ = ⌊(5 + 0 − 1 − 1)/2 + 1⌋ = ⌊2.5⌋ = 2 output rows, as a window of 2 rows at stride 2 fits twice in 5 rows (the floor of the whole equals ⌊…/stride⌋ + 1)",
    },
    {
      line: 23,
      snippet: "W_{out}=\\lfloor \\frac{W_{in}+2*padding[2]-dilation[2] * (kernelSize[2] -1) -1}{stride[2]}+1 \\rfloor",
      truth: "holds",
      target: "size",
      why: "⌊(8 + 0 − 1·2 − 1)/2 + 1⌋ = ⌊3.5⌋ = 3 output columns: a 3-column window at stride 2 starts at columns 1, 3, 5 of 8",
    },
    {
      line: 31,
      snippet:
        "\\frac{\\partial L}{\\partial x_{n, c_{in}, i, j}} = \\sum_{c_{out}=1}^{C_{out}} \\sum_{p=1}^{k_H} \\sum_{q=1}^{k_W} \\frac{\\partial L}{\\partial y_{n, c_{out}, i-p, j-q}}",
      truth: "fails",
      target: "dX",
      why: "x_{n,c_in,i,j} meets w_{c_out,c_in,p,q} in the output y_{n,c_out,a,b} with i = 2(a − 1) + p, j = 2(b − 1) + q (stride 2, 1-based): the input gradient is the output gradient dilated by the stride (zeros between its entries) fully correlated with the flipped kernel; the formula has no stride in it, and its y_{i−p, j−q} is one row and one column off even at stride 1 (the 1-based stride-1 partner is y_{i−p+1, j−q+1})",
      claimed: dxAsWritten,
    },
    {
      line: 39,
      snippet:
        "\\frac{\\partial L}{\\partial w_{c_{out}, c_{in}, p, q}} = \\sum_{n=1}^{N} \\sum_{i=1}^{H_{out}} \\sum_{j=1}^{W_{out}} x_{n, c_{in}, i \\cdot s_H + p, j \\cdot s_W + q}",
      truth: "fails",
      target: "dW",
      why: "with 1-based i and p the input row under w_p at output row i is (i − 1)·s_H + p (column (j − 1)·s_W + q): the written x_{i·s_H+p, j·s_W+q} shifts every window by one stride (here it reads rows 3–6 and columns 3–9, the last past the 8-column input, instead of rows 1–4 and columns 1–7), so the sum correlates the output gradient with the wrong input entries",
      claimed: dwAsWritten,
    },
    {
      line: 45,
      snippet: "\\frac{\\partial L}{\\partial b_{c_{out}}} = \\sum_{n=1}^{N}",
      truth: "holds",
      target: "db",
      why: "the bias b_{c_out} is added with coefficient 1 to every output y_{n,c_out,i,j} of its channel, for every sample: its gradient is the sum of ∂L/∂y over n, i = 1 … H_out and j = 1 … W_out",
      claimed: db,
    },
  ],
};
export default src;
