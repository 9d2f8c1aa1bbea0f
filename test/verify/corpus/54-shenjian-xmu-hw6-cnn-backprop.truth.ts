/**
 * "Homework 6  Backward propagation for CNN", a homework of the course "AI and Deep Learning" ("AI and ML", Xiamen
 * University; it sends the student to "Professor Wang's lecture slides"), a Jupyter notebook with the homework's text
 * and its answers, committed by ShenJian (GitHub: shenjiann) on 6 July 2025 to the course-project repository
 * shenjiann/AI-project-2025 — the shapes and output sizes of a CNN's layers, the backward step of an element-wise
 * activation, the forward pass of the convolution in index notation (with a channel index), the bias gradient, and the
 * chain rules for the gradients with respect to the layer's input and kernel. Transcribed: the Markdown cells of the
 * structure, forward-pass and convolution sections (the pooling section and the code cells left out).
 * Layer: the convolution of section 3.2, as its backward part sets it: "for simplicity, we consider one kernel", the
 * input Z^{l−1}[p, q] and the kernel W[m, n] with two indices, so one input channel (the notebook's own MNIST example:
 * input (1, 1, 28, 28), C^{l−1} = 1) and one output map; one sample (N = 1, which the notebook allows: "you can also
 * define N=1"); the stride and padding of its table's defaults, (1, 1) and (0, 0) — the forward pass
 * Output(i, j) = Σ Kernel(m, n, c) Input(i + m, j + n, c) + Bias reads the unpadded input at i + m, so no padding and
 * stride 1; 0-based (its code and that forward pass: Input(i + m, …) starts at the output's own position); a
 * cross-correlation with a bias. Sizes: the gradient check's 5×5 input and 3×3 kernel (the check's padding of 1 is its
 * code's, not the formulas'), so the output is 3×3. The input Z^{l−1} (Input) is v.x(p, q); the kernel W (Kernel) is
 * v.w(m, n); Z^l_0 is the kernel's output "before bias term, activation function" and X (section 3.2.1: the
 * activation's input, Y = σ(X) its output) the convolution's output with its bias, so ∂L/∂Z^l_0[i, j] and
 * ∂L/∂X(i, j) are both v.dy(i, j) (the bias is added, so the gradient passes it unchanged).
 * No formula about the layer is wrong. The bias gradient (line 200) holds: the notebook's X is the activation's input —
 * "the partial derivative denotes the upstream gradient(activation function)" — not the convolution's input, so its
 * Σ_{i,j} ∂L/∂X(i,j) is the sum of the output gradient. The forward pass (195) holds with its channel sum over the one
 * channel (its ∑ leaves the ranges to the words: "(m,n) are the spatial indices of the kernel, and c is the channel
 * index"). The two chain rules (217, 225) hold: every output Z^l_0[i, j] may depend on Z^{l−1}[p, q] and on W[m, n]
 * (the terms where it does not are 0), as Dahal's (corpus 31) are checked, through ∂Z_0[i,j]/∂Z^{l−1}[p,q] =
 * W[p − i, q − j] (0 off the kernel) and ∂Z_0[i,j]/∂W[m,n] = Z^{l−1}[i + m, j + n]. The output sizes (49, 50) hold:
 * ⌊(H + 2P − K)/S + 1⌋ is ⌊(H + 2P − K)/S⌋ + 1, the count of window positions (W^{l} there is the output's width,
 * not the kernel). The text's slips are not in the formulas: the pooling table reuses (P_h, P_w) for the window and
 * for the padding (line 83 divides by the window's P_h), and the example's parameters (line 59) open with a stray \$.
 * Other: the example's K_h = K_w = 3, S_h = S_w = 1, P_h = P_w = 1 (line 59, the MNIST example's, with padding 1, not
 * this layer's), ReLU's definition (70), the pooling layer's output sizes (83, 84), the flattened size D (96), and the
 * activation's backward step ∂L/∂X = ∂L/∂Y ⊙ σ'(X) (163: true, but about the activation after the convolution —
 * its X is the convolution's output, its ∂L/∂Y the gradient of the activation's output, no tensor of this layer).
 * Not found by verify, so not listed: "Z^{l-1} → Z^{l}_{0}" (line 206, an arrow, no equation) and C^{(l)}=32 (line 59,
 * inside the stray delimiters).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const H = 5,
  K = 3,
  HO = H - K + 1; // 5×5 input, 3×3 kernel, 3×3 output

/** Σ_{m,n} Kernel(m,n) Input(i+m, j+n) + Bias: the forward pass (the one channel c). */
const fwd = (v: Access, [i, j]: number[]): Q =>
  qadd(
    sum(0, K - 1, (m) => sum(0, K - 1, (n) => qmul(v.w(m, n), v.x(i! + m, j! + n)))),
    v.b(),
  );
/** Σ_{i,j} ∂L/∂Z_0[i,j] ∂Z_0[i,j]/∂Z^{l−1}[p,q], with ∂Z_0[i,j]/∂Z^{l−1}[p,q] = W[p−i, q−j] (0 off the kernel). */
const dX = (v: Access, [p, q]: number[]): Q =>
  sum(0, HO - 1, (i) => sum(0, HO - 1, (j) => qmul(v.dy(i, j), v.w(p! - i, q! - j))));
/** Σ_{i,j} ∂L/∂Z_0[i,j] ∂Z_0[i,j]/∂W[m,n], with ∂Z_0[i,j]/∂W[m,n] = Z^{l−1}[i+m, j+n]. */
const dW = (v: Access, [m, n]: number[]): Q =>
  sum(0, HO - 1, (i) => sum(0, HO - 1, (j) => qmul(v.dy(i, j), v.x(i + m!, j + n!))));
/** Σ_{i,j} ∂L/∂X(i,j): X the activation's input, the convolution's output. */
const db = (v: Access): Q => sum(0, HO - 1, (i) => sum(0, HO - 1, (j) => v.dy(i, j)));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });

const src: CorpusSource = {
  file: "54-shenjian-xmu-hw6-cnn-backprop.md",
  citation:
    '"Homework 6  Backward propagation for CNN", homework of the course "AI and Deep Learning" ("AI and ML", Xiamen University, https://econlab.xmu.edu.cn/datascience/AI_and_ML/index.html), Jupyter notebook with its answers committed by ShenJian (GitHub: shenjiann) on 6 July 2025, repository shenjiann/AI-project-2025, file Homework/机器学习homework/Backward propagation for CNN (有梯度检验).ipynb, commit 25aaa7b90a0c582a61f70437922c27afeabb9403: Markdown cells 0-10, 12, 14-15, 37-53 (structure and output sizes, forward pass, the activation\'s backward step, the bias gradient, the chain rules for the input and kernel gradients)',
  url: "https://github.com/shenjiann/AI-project-2025/blob/25aaa7b90a0c582a61f70437922c27afeabb9403/Homework/%E6%9C%BA%E5%99%A8%E5%AD%A6%E4%B9%A0homework/Backward%20propagation%20for%20CNN%20(%E6%9C%89%E6%A2%AF%E5%BA%A6%E6%A3%80%E9%AA%8C).ipynb",
  flags: ["--input", "5x5", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0", "--bias"],
  layer: {
    op: "xcorr",
    input: [H, H],
    kernel: [K, K],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "valid",
    inChannels: null,
    outChannels: null,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    {
      line: 49,
      snippet: "H^{l} &= \\left\\lfloor \\frac{H^{l-1} + 2P_h - K_h}{S_h} + 1 \\right\\rfloor",
      truth: "holds",
      target: "size",
      why: "the output height: ⌊(H + 2P − K)/S + 1⌋ = ⌊(H + 2P − K)/S⌋ + 1 window positions along the padded height (here ⌊(5 − 3)/1⌋ + 1 = 3)",
    },
    {
      line: 50,
      snippet: "W^{l} &= \\left\\lfloor \\frac{W^{l-1} + 2P_w - K_w}{S_w} + 1 \\right\\rfloor",
      truth: "holds",
      target: "size",
      why: "the output width, as the height (W^{l} the width, not the kernel)",
    },
    other(59, "K_h=K_w=3", "the MNIST example's kernel size (3×3, as this layer's, but a parameter of the example)"),
    other(59, "S_h=S_w=1", "the MNIST example's stride"),
    other(59, "P_h=P_w=1", "the MNIST example's padding of 1 (the layer checked here has the table's default 0)"),
    other(70, "\\text{ReLU}(x) = \\max(0, x)", "the ReLU activation, not the convolution layer"),
    other(
      83,
      "H_{out} &= \\left\\lfloor \\frac{H^{l} - P_h}{S_h} + 1 \\right\\rfloor",
      "the pooling layer's output height (P_h its window)",
    ),
    other(
      84,
      "W_{out} &= \\left\\lfloor \\frac{W^{l} - P_w}{S_w} + 1 \\right\\rfloor",
      "the pooling layer's output width",
    ),
    other(
      96,
      "D = C^{l} \\times H^{out} \\times W^{out}",
      "the flattened size after pooling, not the convolution layer",
    ),
    other(
      163,
      "\\frac{\\partial L}{\\partial X} = \\frac{\\partial L}{\\partial Y} \\odot \\sigma'(X)",
      "the backward step of the activation after the convolution (X its input — the convolution's output — and Y = σ(X)): true, but ∂L/∂Y is the gradient of the activation's output, no tensor of the convolution layer",
    ),
    {
      line: 195,
      snippet: "Output(i,j) = ∑(Kernel(m,n,c) * Input(i+m,j+n,c)) + Bias",
      truth: "holds",
      target: "Y",
      why: "the cross-correlation at stride 1 without padding, summed over the kernel's positions (m, n) and the channel c (here the one channel), plus the bias",
      claimed: fwd,
    },
    {
      line: 200,
      snippet: "\\frac{\\partial L}{\\partial b} = \\sum_{i,j} \\frac{\\partial L}{\\partial X(i,j)}",
      truth: "holds",
      target: "db",
      why: "X is the activation's input, the convolution's output (section 3.2.1; 'the partial derivative denotes the upstream gradient(activation function)'): the bias is added to every X(i,j) with coefficient 1, so its gradient is the sum of the output gradient",
      claimed: (v) => db(v),
    },
    {
      line: 217,
      snippet: "\\frac{\\partial L}{\\partial Z^{l-1}[p,q]} =",
      truth: "holds",
      target: "dX",
      why: "the chain rule over every output Z^l_0[i,j] (∂L/∂Z^l_0 is the output gradient: the bias is added after it); ∂Z^l_0[i,j]/∂Z^{l-1}[p,q] = W[p−i, q−j], 0 where (p−i, q−j) is off the kernel",
      claimed: dX,
    },
    {
      line: 225,
      snippet: "\\frac{\\partial L}{\\partial W[m,n]} =",
      truth: "holds",
      target: "dW",
      why: "W[m,n] enters every output ('every element in Z^l_0 contains information of W'): the chain rule over all of them, ∂Z^l_0[i,j]/∂W[m,n] = Z^{l-1}[i+m, j+n]",
      claimed: dW,
    },
  ],
};
export default src;
