/**
 * Phạm Kỳ Anh (itskyf), «Huấn luyện Mạng CNN bằng Phương pháp QuickProp Parabolic»: his Vietnamese report (Typst,
 * docs/vi/report/main.typ of itskyf/MTH088-2026-ParaProp, 7 March 2026) for the course «Toán cho trí tuệ nhân tạo
 * nâng cao» (MTH088) at the University of Science, VNU-HCM — the forward pass of a strided, padded, multi-channel
 * 2-D cross-correlation with bias in index notation (sums over the kernel positions m, n = 0 … k−1 and the input
 * channels), its output size, and the bias, weight and input gradients, amid the rest of an all-convolutional
 * network (SiLU, a 1×1 convolution, global average pooling, softmax, cross-entropy).
 * The report is written in Typst, and its math is transcribed in Typst as written (subscripts in parentheses,
 * quoted text "out"/"in"/"dilated" as channel labels, `dot` for the product, `partial`, `cal(L)`).
 * Layer: a cross-correlation (the report: «phép tương quan chéo»), 0-based (m, n = 0 … k−1; h, w count output
 * positions from 0, the channels likewise), with a bias b_{c_out} per output channel. Sizes: the report's own
 * downsampling convolution — its text names stride s = 2 (line 16); its network (src/paraprop/models.py,
 * conv2 and conv4) uses k = 3 and padding p = 1 with that stride — on a small choice of the rest: 2 input
 * channels of 5×5 and 2 output channels, so Y is 2 channels of 3×3 (⌊(5 + 2 − 3)/2⌋ + 1 = 3).
 * Layouts: X_{c_in, i, j} is x(c_in, i, j) (0 where i or j falls on the padding), w_{c_out, c_in, m, n} is
 * w(c_out, c_in, m, n), δ^out_{c_out, h, w} = ∂L/∂Y_{c_out, h, w} is dy(c_out, h, w), b_{c_out} is b(c_out). The
 * report uses w both for the kernel and for the output column index (w_{c_out, c_in, m, n} vs. Y_{c_out, h, w}):
 * the subscripted w is the kernel, the bare w an index. The formulas are stated «for one sample» (line 43), so
 * no batch.
 * δ^out_dilated (line 62) is δ^out with s − 1 zeros inserted between neighbouring entries and nothing at the
 * borders: entry (t, u) is δ^out_{t/s, u/s} when s divides both, 0 otherwise (and outside 0 … (H_out − 1)s).
 * The report's mistakes: none on this layer — every formula about it holds. Its input gradient (line 64),
 * Σ_{m,n} δ^out_dilated_{h+m−p, w+n−p} w_{k−1−m, k−1−n}, holds here only because k = 2p + 1 (3 = 2·1 + 1): the
 * full correlation needs the dilated gradient shifted by k − 1 − p, which the report's «fix: conv math» commit
 * wrote as p (its first version, commit f4f5bd4, had no p at all, and was wrong for its own p = 1 network). On
 * a layer with k ≠ 2p + 1 (e.g. the same kernel without padding) the formula as written is off by k − 1 − 2p.
 * Other: the notation list (lines 8–13), the stride of the network's downsampling layers (s = 2, line 16), the
 * sigmoid and SiLU (lines 30, 31, 71, 73), global average pooling (36, 49), softmax (40) and the cross-entropy
 * gradient at the logits (47) — other layers than this one.
 * Definitions: Δ^(t) = ∂L/∂w (line 43) and δ^out = ∂L/∂Y (line 52).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const CI = 2,
  CO = 2,
  N = 5,
  K = 3,
  S = 2,
  P = 1;
const HO = 3; // ⌊(N + 2P − K)/S⌋ + 1

/** Y_{c_out,h,w} = b_{c_out} + Σ_{c_in} Σ_{m,n=0}^{k−1} w_{c_out,c_in,m,n} X_{c_in, h·s+m−p, w·s+n−p} (line 22). */
const forward = (v: Access, [o, h, w]: number[]): Q =>
  qadd(
    v.b(o!),
    sum(0, CI - 1, (c) =>
      sum(0, K - 1, (m) => sum(0, K - 1, (n) => qmul(v.w(o!, c, m, n), v.x(c, h! * S + m - P, w! * S + n - P)))),
    ),
  );
/** Σ_{h,w} δ^out_{c_out,h,w} (line 55). */
const db = (v: Access, [o]: number[]): Q => sum(0, HO - 1, (h) => sum(0, HO - 1, (w) => v.dy(o!, h, w)));
/** Σ_{h,w} δ^out_{c_out,h,w} X_{c_in, h·s+m−p, w·s+n−p} (line 59). */
const dW = (v: Access, [o, c, m, n]: number[]): Q =>
  sum(0, HO - 1, (h) => sum(0, HO - 1, (w) => qmul(v.dy(o!, h, w), v.x(c!, h * S + m! - P, w * S + n! - P))));
/** δ^out_dilated_{c_out,t,u}: s − 1 zeros between neighbours, none at the borders (0 off the grid). */
const dilated = (v: Access, o: number, t: number, u: number): Q =>
  t % S === 0 && u % S === 0 ? v.dy(o, t / S, u / S) : Q0;
/** Σ_{c_out} Σ_{m,n=0}^{k−1} δ^out_dilated_{c_out, h+m−p, w+n−p} w_{c_out,c_in,k−1−m,k−1−n} (line 64). */
const dX = (v: Access, [c, h, w]: number[]): Q =>
  sum(0, CO - 1, (o) =>
    sum(0, K - 1, (m) =>
      sum(0, K - 1, (n) => qmul(dilated(v, o, h! + m - P, w! + n - P), v.w(o, c!, K - 1 - m, K - 1 - n))),
    ),
  );

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const notThisLayer =
  "another layer of the report's network than the convolution, not a formula about this layer's gradients";

const src: CorpusSource = {
  file: "42-pham-paraprop-conv-backprop-vi.md",
  citation:
    "Phạm Kỳ Anh (GitHub: itskyf), «Huấn luyện Mạng CNN bằng Phương pháp QuickProp Parabolic», Vietnamese report (Typst) for the course MTH088 «Toán cho trí tuệ nhân tạo nâng cao», University of Science, VNU-HCM, repository itskyf/MTH088-2026-ParaProp, file docs/vi/report/main.typ, read at commit 6df983979deaaa4026364afd57e23f2eb8023880 (7 March 2026): the forward pass of a strided, padded, multi-channel cross-correlation, its output size, and the bias, weight and input gradients (the last through the zero-dilated output gradient and the flipped kernel)",
  url: "https://github.com/itskyf/MTH088-2026-ParaProp/blob/6df983979deaaa4026364afd57e23f2eb8023880/docs/vi/report/main.typ",
  flags: [
    "--input",
    "5x5",
    "--kernel",
    "3x3",
    "--op",
    "xcorr",
    "--index-base",
    "0",
    "--stride",
    "2",
    "--padding",
    "1",
    "--in-channels",
    "2",
    "--out-channels",
    "2",
    "--bias",
  ],
  layer: {
    op: "xcorr",
    input: [N, N],
    kernel: [K, K],
    stride: [S, S],
    dilation: [1, 1],
    padding: P,
    inChannels: CI,
    outChannels: CO,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    other(
      8,
      "Omega = { (x^{(i)}, y^{(i)}) }_(i=1)^N",
      "the data set Ω of N samples (x^(i), y^(i)): notation, not a formula about the layer",
    ),
    other(
      12,
      "cal(L)(bold(w)) = 1/N sum_i ell(",
      "the loss, the mean cross-entropy over the N samples: not a formula about the layer's gradients",
    ),
    other(
      13,
      'bold(w)^* = op("arg min")_bold(w) cal(L)(bold(w))',
      "the training objective (the optimal weights): not a formula about the layer's gradients",
    ),
    other(
      16,
      "s=2",
      "the stride of the network's downsampling convolutions — this layer's stride, stated as a value, not a formula",
    ),
    {
      line: 22,
      snippet: 'Y_(c_"out", h, w) = b_(c_"out") + sum_(c_"in") sum_(m=0)^(k-1) sum_(n=0)^(k-1)',
      truth: "holds",
      target: "Y",
      why: "the padded, strided cross-correlation with bias: output (h, w) reads the input at h·s + m − p, w·s + n − p (0 on the padding) under w_{c_out,c_in,m,n}, summed over the input channels and the k×k kernel",
      claimed: forward,
    },
    {
      line: 26,
      snippet: 'H_"out" = floor((H_"in" + 2p - k) / s) + 1',
      truth: "holds",
      target: "size",
      why: "⌊(5 + 2·1 − 3)/2⌋ + 1 = 3 rows, the layer's output height",
    },
    {
      line: 26,
      snippet: 'W_"out" = floor((W_"in" + 2p - k) / s) + 1',
      truth: "holds",
      target: "size",
      why: "⌊(5 + 2·1 − 3)/2⌋ + 1 = 3 columns, the layer's output width (the report's quad separates the two statements)",
    },
    other(30, "g(u) = 1 / (1 + e^(-u))", "the logistic sigmoid g, used to define SiLU: " + notThisLayer),
    other(31, '"SiLU"(u) = u dot g(u)', "the SiLU activation: " + notThisLayer),
    other(
      36,
      "z_k = 1 / (H W) sum_(h,w) a_(k,h,w)",
      "global average pooling of the class maps into logits: " + notThisLayer,
    ),
    other(40, "p_k = (e^(z_k)) / (sum_j e^(z_j))", "the softmax: " + notThisLayer),
    {
      line: 43,
      snippet: "Delta^{(t)} = (partial cal(L)) / (partial bold(w))",
      truth: "definition",
      why: "names Δ^(t) the gradient of the loss with respect to the weights at step t (the optimizers' notation)",
    },
    other(
      47,
      'delta_z = p - y_"onehot"',
      "the gradient of the cross-entropy at the logits (softmax followed by cross-entropy): " + notThisLayer,
    ),
    other(
      49,
      "(partial ell) / (partial a_(k,h,w)) = 1 / (H W) delta_(z_k)",
      "the gradient through global average pooling: " + notThisLayer,
    ),
    {
      line: 52,
      snippet: 'delta^"out" = (partial cal(L)) / (partial Y)',
      truth: "definition",
      why: "names δ^out the gradient of the loss with respect to the layer's output Y, which the next three formulas use",
    },
    {
      line: 55,
      snippet: '(partial cal(L)) / (partial b_(c_"out")) = sum_(h, w) delta^"out"_(c_"out", h, w)',
      truth: "holds",
      target: "db",
      why: "b_{c_out} is added with coefficient 1 to every output of channel c_out: its gradient is the sum of that channel's δ^out",
      claimed: db,
    },
    {
      line: 59,
      snippet:
        '(partial cal(L)) / (partial w_(c_"out", c_"in", m, n)) = sum_(h, w) delta^"out"_(c_"out", h, w) X_(c_"in", h dot s + m - p, w dot s + n - p)',
      truth: "holds",
      target: "dW",
      why: "w_{c_out,c_in,m,n} multiplies X_{c_in, h·s+m−p, w·s+n−p} in every output (h, w) of channel c_out (0 where that lands on the padding): the sum over the output positions",
      claimed: dW,
    },
    {
      line: 64,
      snippet:
        '(partial cal(L)) / (partial X_(c_"in", h, w)) = sum_(c_"out") sum_(m=0)^(k-1) sum_(n=0)^(k-1) delta^"out"_"dilated"_(c_"out", h + m - p, w + n - p)',
      truth: "holds",
      target: "dX",
      why: "X_{c_in,i,j} enters output (h', w') under w_{m',n'} when h'·s + m' − p = i, i.e. at dilated position i + p − m' = i + m − p with m = k − 1 − m' — the same shift because k − 1 − p = p on this layer (k = 3, p = 1); summed over the output channels, the off-grid and out-of-range dilated entries 0",
      claimed: dX,
    },
    other(71, 'd / (d u) "SiLU"(u) = g(u) + u dot g(u)(1-g(u))', "the derivative of SiLU: " + notThisLayer),
    other(
      73,
      'delta_"in" = delta_"out" dot.o "SiLU"\'(u)',
      "the gradient through the SiLU activation (element-wise): " + notThisLayer,
    ),
  ],
};
export default src;
