/**
 * ZangXuanyi (GitHub: ZangXuanyi, a Peking University student), 《人工智能基础讲义（FAI-for-DBD）》: Chinese LaTeX
 * lecture notes (ctexbook, built to PDF with lualatex) for the course 人工智能基础 (Fundamentals of Artificial
 * Intelligence), repository ZangXuanyi/fai-for-dbd, chapter 《卷积神经网络》 (chapters/convolutional.tex, read at
 * commit 17c01d7a0ea221c978b671e74879fa514664443e, 21 July 2026; its back-propagation formulas unchanged since the
 * chapter was written on 11 July 2026) — lines 1–231: the motivation, convolution and cross-correlation of two
 * functions with a worked 3×3 example, the multi-channel forward pass of a convolution layer in index notation, the
 * output-size, receptive-field and parameter-count formulas, then the back-propagation: the bias gradient, the kernel
 * gradient (by the chain rule, in two links), the input gradient (summed over the output channels, and again with the
 * flipped kernel W̃), and a worked one-channel 3×3 example.
 * Layer: the notes' general one (lines 113–119, 170–172): X ∈ ℝ^{C_in×H_in×W_in}, C_out kernels W^{(c)} ∈
 * ℝ^{C_in×k_h×k_w} — the OUTPUT channel c a superscript, the input channel c' the first subscript — a bias b^{(c)} per
 * output channel, Y_{c,i,j} = Σ_{c'} Σ_{u,v} W^{(c)}_{c',u,v} X_{c',i+u,j+v} + b^{(c)}: a cross-correlation (the notes
 * say so, lines 57–63), stride 1 and no padding («我们暂时略去填充和步长»), 0-based (sums from 0, c = 0, …, C_out − 1 in
 * the back-propagation; line 115's «c = 1,\dots,C_{\text{out}}» labels the same kernels from 1, which changes no
 * formula). The notes fix no sizes: chosen here C_in = 2, C_out = 3, H_in×W_in = 3×4, k_h×k_w = 2×3 (so H_out×W_out =
 * 2×2), unequal sizes to keep every axis and the two channel counts apart. Oracle layout: v.x(c', p, q) =
 * X_{c',p,q}, v.w(c, c', u, v) = W^{(c)}_{c',u,v}, v.dy(c, i, j) = ∂L/∂Y_{c,i,j}, v.b(c) = b^{(c)}.
 * Everything about this layer holds: the forward pass (twice), the output-size formula (⌊(3 + 0 − 2)/1⌋ + 1 = 2,
 * ⌊(4 + 0 − 3)/1⌋ + 1 = 2), ∂L/∂b^{(c)}, both links of ∂L/∂W^{(c)}_{c',u,v} (∂Y_{c,i,j}/∂W^{(c)}_{c',u,v} read as the
 * true local derivative, X_{c',i+u,j+v}), ∂L/∂X_{c',p,q} = Σ_c Σ_{u,v} ∂L/∂Y_{c,p−u,q−v} W^{(c)}_{c',u,v} (∂L/∂Y read 0
 * off its range, as the notes stipulate, line 197) and its flipped-kernel form, where W̃^{(c)}_{c',k_h−1−u,k_w−1−v} =
 * W^{(c)}_{c',u,v} by the definition of line 197.
 * Other: the worked examples are of other layers — a one-channel 5×5 image under a 3×3 kernel at stride 2 (lines
 * 137–139), a one-channel 3×3 image under a 2×2 kernel, with no bias (lines 205–231: Y_{i,j}, ∂L/∂w_{u,v}, ∂L/∂x_{1,1},
 * all true of that layer, two-index where this layer's tensors have three) — and the hypotheses s = 1, p = 0, the
 * odd-kernel padding p = ⌊k_h/2⌋ (this layer's k_h = 2 is even), the 1×1 case k_h = k_w = 1, the receptive-field and
 * parameter-count formulas (C_out(C_in k_h k_w + 1) = 39 here, true), the index relations p = i + u, q = j + v, and the
 * arithmetic of a linear layer's parameters (784 × 10 = 7840, 224 × 224 × 3 = 150528, 150528 × 10 = 1505280, true).
 * Of the first example (lines 70–91), (f * K)(1,1) = a w_4 + b w_3 + d w_2 + e w_1 follows from the 2-D convolution
 * of line 52; (f ⋆ K)(1,1) = a w_1 + b w_2 + d w_3 + e w_4 does not follow from the notes' own cross-correlation of
 * line 60, (f ⋆ g)(x, y) = Σ_{i,j} f(i, j) g(x+i, y+j), which at (1,1) gives f(0,0)K(1,1) = a w_4 alone (K is 0 off its
 * 2×2): the notes keep the name (1,1) of the top-left window that the true convolution gave it, where the
 * cross-correlation of a layer calls it (0,0) — a slip in an example about the operation, not about this layer.
 * Definitions: the convolutions and the cross-correlation of functions (lines 44, 48, 52, 60), the example's f, K, X,
 * W, ∂L/∂Y = (δ_{i,j}) and W̃ matrices, the flipped kernel W̃^{(c)}_{c',u,v} (line 197).
 * Held out: added after the reader was built, to try it on a source none of its tests used. (The notes' prose around
 * the back-propagation reads as if an assistant helped word it; the repository carries no instructions for one, its
 * history is one student's, day by day, and the formulas are checked here as they stand.)
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const CI = 2,
  CO = 3,
  H = 3,
  W = 4,
  KH = 2,
  KW = 3;
const HO = H - KH + 1,
  WO = W - KW + 1; // 2×2

/** Y_{c,i,j} = Σ_{c'=0}^{C_in−1} Σ_{u=0}^{k_h−1} Σ_{v=0}^{k_w−1} W^{(c)}_{c',u,v} X_{c',i+u,j+v} + b^{(c)}. */
const fwd = (v: Access, [c, i, j]: number[]): Q =>
  qadd(
    sum(0, CI - 1, (cp) =>
      sum(0, KH - 1, (u) => sum(0, KW - 1, (w) => qmul(v.w(c!, cp, u, w), v.x(cp, i! + u, j! + w)))),
    ),
    v.b(c!),
  );
/** ∂L/∂b^{(c)} = Σ_{i=0}^{H_out−1} Σ_{j=0}^{W_out−1} ∂L/∂Y_{c,i,j}. */
const db = (v: Access, [c]: number[]): Q => sum(0, HO - 1, (i) => sum(0, WO - 1, (j) => v.dy(c!, i, j)));
/** ∂Y_{c,i,j}/∂W^{(c)}_{c',u,v}: W^{(c)} is the kernel of output channel c alone, met by X_{c',i+u,j+v}. */
const localW = (v: Access, cp: number, u: number, w: number, i: number, j: number): Q => v.x(cp, i + u, j + w);
/** Σ_{i,j} ∂L/∂Y_{c,i,j} · ∂Y_{c,i,j}/∂W^{(c)}_{c',u,v} (line 186, the local derivative as it is). */
const dWchain = (v: Access, [c, cp, u, w]: number[]): Q =>
  sum(0, HO - 1, (i) => sum(0, WO - 1, (j) => qmul(v.dy(c!, i, j), localW(v, cp!, u!, w!, i, j))));
/** Σ_{i,j} ∂L/∂Y_{c,i,j} X_{c',i+u,j+v} (line 187). */
const dW = (v: Access, [c, cp, u, w]: number[]): Q =>
  sum(0, HO - 1, (i) => sum(0, WO - 1, (j) => qmul(v.dy(c!, i, j), v.x(cp!, i + u!, j + w!))));
/** Σ_{c=0}^{C_out−1} Σ_{u,v} ∂L/∂Y_{c,p−u,q−v} W^{(c)}_{c',u,v}, ∂L/∂Y 0 off its range (lines 194–195). */
const dX = (v: Access, [cp, p, q]: number[]): Q =>
  sum(0, CO - 1, (c) => sum(0, KH - 1, (u) => sum(0, KW - 1, (w) => qmul(v.dy(c, p! - u, q! - w), v.w(c, cp!, u, w)))));
/** W̃^{(c)}_{c',u,v} = W^{(c)}_{c',k_h−1−u,k_w−1−v} (line 197). */
const wTilde = (v: Access, c: number, cp: number, a: number, b: number): Q => v.w(c, cp, KH - 1 - a, KW - 1 - b);
/** Σ_c Σ_{u,v} ∂L/∂Y_{c,p−u,q−v} W̃^{(c)}_{c',k_h−1−u,k_w−1−v} (lines 199–200). */
const dXflip = (v: Access, [cp, p, q]: number[]): Q =>
  sum(0, CO - 1, (c) =>
    sum(0, KH - 1, (u) =>
      sum(0, KW - 1, (w) => qmul(v.dy(c, p! - u, q! - w), wTilde(v, c, cp!, KH - 1 - u, KW - 1 - w))),
    ),
  );

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});

const src: CorpusSource = {
  file: "102-zangxuanyi-pku-fai-notes-conv-backprop-zh.tex",
  citation:
    "ZangXuanyi (GitHub: ZangXuanyi, a Peking University student), 《人工智能基础讲义（FAI-for-DBD）》 (Chinese LaTeX lecture notes for the course 人工智能基础, Fundamentals of Artificial Intelligence), chapter 《卷积神经网络》, repository ZangXuanyi/fai-for-dbd, file chapters/convolutional.tex (written 11 July 2026), read at commit 17c01d7a0ea221c978b671e74879fa514664443e (21 July 2026), lines 1–231: convolution and cross-correlation, the multi-channel forward pass in index notation, output size, and the back-propagation (bias, kernel and input gradients, with the flipped kernel, and a one-channel worked example)",
  url: "https://github.com/ZangXuanyi/fai-for-dbd/blob/17c01d7a0ea221c978b671e74879fa514664443e/chapters/convolutional.tex",
  flags: [
    "--input",
    "3x4",
    "--kernel",
    "2x3",
    "--op",
    "xcorr",
    "--index-base",
    "0",
    "--bias",
    "--in-channels",
    "2",
    "--out-channels",
    "3",
  ],
  layer: {
    op: "xcorr",
    input: [H, W],
    kernel: [KH, KW],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "valid",
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
      19,
      "784 \\times 10 = 7840",
      "the parameter count of the previous chapter's linear MNIST classifier: arithmetic, true, not about this layer",
    ),
    other(
      21,
      "224\\times 224 \\times 3 = 150528",
      "the size of a flattened ImageNet image: arithmetic, true, not about this layer",
    ),
    other(
      21,
      "150528 \\times 10 = 1505280",
      "the parameters a linear classifier would need on it: arithmetic, true, not about this layer",
    ),
    def(
      44,
      "(f * g)(t) = \\int_{-\\infty}^{\\infty} f(\\tau) g(t - \\tau) d\\tau",
      "the convolution of two functions of analysis (notation the notes recall)",
    ),
    def(
      48,
      "(f * g)(t) = \\sum_{i=-\\infty}^{\\infty} f(i) g(t - i)",
      "the discrete 1-D convolution of two functions (a definition)",
    ),
    def(
      52,
      "(f * g)(x, y) = \\sum_{i=-\\infty}^{\\infty} \\sum_{j=-\\infty}^{\\infty} f(i, j) g(x - i, y - j)",
      "the discrete 2-D convolution of two functions (a definition)",
    ),
    def(
      60,
      "(f \\star g)(x, y) = \\sum_{i} \\sum_{j} f(i, j) \\, g(x+i, y+j)",
      "the cross-correlation of two functions, the operation the notes say a convolution layer performs (a definition)",
    ),
    def(72, "f = \\begin{bmatrix}", "names the entries a … i of the worked example's one-channel 3×3 image"),
    def(77, "\\text{核}~~K = \\begin{bmatrix}", "names the entries w_1 … w_4 of the worked example's 2×2 kernel"),
    other(
      84,
      "(f * K)(1,1) = f(0,0)K(1-0,1-0) + f(0,1)K(1-0,1-1) + \\cdots",
      "the true 2-D convolution (line 52) of the example's image and kernel at (1,1): f(0,0)K(1,1) + f(0,1)K(1,0) + f(1,0)K(0,1) + f(1,1)K(0,0) = a w_4 + b w_3 + d w_2 + e w_1 — true, but about two functions of another (one-channel 3×3) example, not this layer",
    ),
    other(
      90,
      "(f \\star K)(1,1) = a w_1 + b w_2 + d w_3 + e w_4.",
      "by the notes' own cross-correlation (line 60) (f ⋆ K)(1,1) = Σ_{i,j} f(i,j) K(1+i,1+j) = a w_4 alone; the sum written is the top-left window's, which a layer's cross-correlation numbers (0,0): a slip in the example's index, about an operation on another (one-channel) example, not a claim about this layer",
    ),
    other(
      115,
      "c = 1",
      "the range c = 1, …, C_out that labels the kernels (an index range in the prose, not an equation about the layer)",
    ),
    {
      line: 119,
      snippet: "\\mathbf{Y}_{c,i,j} = \\sum_{c'=0}^{C_{\\text{in}}-1} \\sum_{u=0}^{k_h-1} \\sum_{v=0}^{k_w-1}",
      truth: "holds",
      target: "Y",
      why: "the layer's forward pass: each output entry sums every input channel's k_h×k_w window, kernel unflipped, plus the output channel's bias",
      claimed: fwd,
    },
    other(125, "k_h=k_w=1", "the hypothesis of the 1×1 case; this layer's kernel is 2×3"),
    {
      line: 129,
      snippet: "\\tcbhighmath{",
      truth: "holds",
      target: "size",
      why: "the output size ⌊(H_in + 2p − k_h)/s⌋ + 1, ⌊(W_in + 2p − k_w)/s⌋ + 1: here (s = 1, p = 0) ⌊(3 − 2)/1⌋ + 1 = 2 and ⌊(4 − 3)/1⌋ + 1 = 2, the 2×2 output",
    },
    other(133, "s=1", "the hypothesis «when s = 1, p = 0» of the prose"),
    other(133, "p=0", "the hypothesis «when s = 1, p = 0» of the prose"),
    other(
      133,
      "p = \\lfloor k_h/2\\rfloor",
      "the padding that keeps the size «假设核尺寸为奇数» (for an odd kernel); this layer's k_h = 2 is even and unpadded, so the case is not this layer's",
    ),
    other(133, "s=1", "the same hypothesis, again, for the size-keeping padding"),
    other(133, "p=1", "the padding of the prose's 3×3-kernel example"),
    other(137, "b=0", "the bias of the example layer (one-channel 5×5 image, 3×3 kernel, stride 2), not this layer"),
    other(137, "s=2", "the stride of the example layer, not this layer's"),
    other(137, "p=0", "the padding of the example layer"),
    other(
      139,
      "H_{\\text{out}} = \\left\\lfloor\\frac{5-3}{2}\\right\\rfloor + 1 = 2",
      "the output height of the example layer (5×5 image, 3×3 kernel, stride 2): ⌊2/2⌋ + 1 = 2, true there; another layer than this one",
    ),
    other(139, "W_{\\text{out}}=2.", "the example layer's output width, 2 (true there)"),
    other(
      147,
      "\\tcbhighmath{\\text{感受野}",
      "the receptive-field recursion of stacked layers, in words: not about this layer's gradients",
    ),
    other(
      159,
      "\\tcbhighmath{\\text{参数量}",
      "the parameter count C_out(C_in k_h k_w + 1) (3·(2·2·3 + 1) = 39 here: 36 weights and 3 biases, true), not a formula of the layer's values",
    ),
    other(170, "c=0", "the range c = 0, …, C_out − 1 of the output channel (an index range in the prose)"),
    {
      line: 172,
      snippet: "\\mathbf{Y}_{c,i,j} = \\sum_{c'}\\sum_{u}\\sum_{v} \\mathbf{W}^{(c)}_{c',u,v}",
      truth: "holds",
      target: "Y",
      why: "the forward pass restated with the sums' bounds left out: c', u, v over the input channels and the kernel's offsets",
      claimed: fwd,
    },
    {
      line: 179,
      snippet: "\\frac{\\partial\\mathcal{L}}{\\partial b^{(c)}} = \\sum_{i=0}^{H_{\\text{out}}-1}",
      truth: "holds",
      target: "db",
      why: "b^{(c)} is added to every position of output channel c with coefficient 1",
      claimed: db,
    },
    {
      line: 186,
      snippet: "\\frac{\\partial\\mathcal{L}}{\\partial \\mathbf{W}^{(c)}_{c',u,v}} = \\sum_{i=0}^{H_{\\text{out}}-1}",
      truth: "holds",
      target: "dW",
      why: "the chain rule over the outputs of channel c, the only ones W^{(c)} reaches (the local derivative ∂Y_{c,i,j}/∂W^{(c)}_{c',u,v} read as what it is)",
      claimed: dWchain,
    },
    {
      line: 187,
      snippet:
        "= \\sum_{i,j} \\frac{\\partial\\mathcal{L}}{\\partial \\mathbf{Y}_{c,i,j}} \\; \\mathbf{X}_{c', i+u, j+v}.",
      truth: "holds",
      target: "dW",
      why: "∂Y_{c,i,j}/∂W^{(c)}_{c',u,v} = X_{c',i+u,j+v}: the kernel gradient is the cross-correlation of input channel c' with ∂L/∂Y_{c}",
      claimed: dW,
    },
    other(
      192,
      "p = i+u",
      "the index relation under which output (i,j) uses input row p (prose), not an equation about the tensors",
    ),
    other(192, "q = j+v", "the same relation for the column q"),
    {
      line: 194,
      snippet:
        "\\frac{\\partial\\mathcal{L}}{\\partial \\mathbf{X}_{c',p,q}} = \\sum_{c=0}^{C_{\\text{out}}-1} \\sum_{u=0}^{k_h-1}\\sum_{v=0}^{k_w-1}",
      truth: "holds",
      target: "dX",
      why: "X_{c',p,q} feeds Y_{c,p−u,q−v} through W^{(c)}_{c',u,v} for every output channel c and offset (u,v); ∂L/∂Y off its range is 0, as the notes stipulate",
      claimed: dX,
    },
    def(
      197,
      "\\widetilde{\\mathbf{W}}^{(c)}_{c',u,v} = \\mathbf{W}^{(c)}_{c',\\,k_h-1-u,\\,k_w-1-v}",
      "defines the kernel flipped in both spatial axes",
    ),
    {
      line: 199,
      snippet:
        "\\frac{\\partial\\mathcal{L}}{\\partial \\mathbf{X}_{c',p,q}} = \\sum_{c=0}^{C_{\\text{out}}-1} \\sum_{u=0}^{k_h-1}\\sum_{v=0}^{k_w-1}",
      truth: "holds",
      target: "dX",
      why: "by the definition of line 197, W̃^{(c)}_{c',k_h−1−u,k_w−1−v} = W^{(c)}_{c',u,v}: the same sum as line 194",
      claimed: dXflip,
    },
    def(
      208,
      "\\mathbf{X} = \\begin{bmatrix}",
      "names the entries x_{0,0} … x_{2,2} of the second example's one-channel 3×3 image (another input than this layer's two channels)",
    ),
    def(213, "\\mathbf{W} = \\begin{bmatrix}", "names the entries of the second example's one 2×2 kernel"),
    other(
      220,
      "Y_{i,j} = w_{0,0}x_{i,j} + w_{0,1}x_{i,j+1} + w_{1,0}x_{i+1,j} + w_{1,1}x_{i+1,j+1}.",
      "the forward pass of the example layer (one channel, 3×3 image, 2×2 kernel, bias 0): true there; this layer has two input channels, three output channels and a bias",
    ),
    def(
      222,
      "\\frac{\\partial\\mathcal{L}}{\\partial \\mathbf{Y}} = \\begin{bmatrix} \\delta_{0,0}",
      "names the example's upstream gradient δ_{i,j}",
    ),
    other(
      225,
      "\\frac{\\partial\\mathcal{L}}{\\partial w_{u,v}} = \\sum_{i=0}^1\\sum_{j=0}^1 \\delta_{i,j} \\cdot \\mathbf{X}_{i+u, j+v}.",
      "the example layer's kernel gradient Σ_{i,j} δ_{i,j} X_{i+u,j+v}: true there (one channel), another layer than this one",
    ),
    other(
      229,
      "\\frac{\\partial\\mathcal{L}}{\\partial x_{1,1}} = \\delta_{0,0}w_{1,1} + \\delta_{0,1}w_{1,0} + \\delta_{1,0}w_{0,1} + \\delta_{1,1}w_{0,0},",
      "the example layer's input gradient at the centre: x_{1,1} sits under w_{1,1}, w_{1,0}, w_{0,1}, w_{0,0} in Y_{0,0}, Y_{0,1}, Y_{1,0}, Y_{1,1} — true there; another layer than this one",
    ),
    def(
      231,
      "\\widetilde{\\mathbf{W}} = \\begin{bmatrix}w_{1,1}&w_{1,0}\\\\ w_{0,1}&w_{0,0}\\end{bmatrix}",
      "the example's 2×2 kernel flipped (notation)",
    ),
  ],
};

export default src;
