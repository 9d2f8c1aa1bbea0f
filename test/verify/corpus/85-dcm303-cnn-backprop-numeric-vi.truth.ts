/**
 * dcm303 (GitHub user), "Giải Mã Backpropagation: Ví dụ Số liệu Cụ thể & Công thức" (Decoding backpropagation: a
 * concrete numeric example and formulas): a Vietnamese Markdown note, DN+CNN.md of the repository dcm303/Docu (commit
 * of 28 December 2025) — a "tiny CNN" worked in numbers: one convolution layer (one 2×1 filter over a 3×1 input),
 * its feature map summed into a prediction, a squared-error loss, the chain rule for ∂L/∂W, the two weight
 * gradients and a gradient-descent step.
 * Layer: the note's own sizes — input X of 3 pixels ("3x1", [10, 10, 0]), one filter of 2 ("2x1", [0.5, −0.5]),
 * slid over the input at stride 1 to the 2 positions "Vị trí 1 (Pixel 1, 2)" and "Vị trí 2 (Pixel 2, 3)": a 1-D
 * cross-correlation (position p multiplies Pixel_p by the filter's first entry, W_trái, and Pixel_{p+1} by its second,
 * W_phải: no flip), valid, no bias (none is named or added), 1-based (Pixel 1 … 3, Vị trí 1, 2, Grad_1, Grad_2).
 * So x(1..3) are the pixels, w(1) = W_trái, w(2) = W_phải, and the feature map y(1), y(2) the layer's output. The note
 * then sums the feature map, Y_pred = y(1) + y(2) (the "Output Layer"), and takes L = (Y_pred − Y_true)²: so in its
 * network the output gradient is the same at both positions, ∂L/∂y(1) = ∂L/∂y(2) = ∂L/∂Y_pred. The oracle's output
 * gradient δy is random per position; where the note uses ∂L/∂Y_pred, the hand translation reads δy at position 2,
 * the position the note reasons from ("tại vị trí tạo ra kết quả 5").
 * The note's mistake: the weight gradient. Each weight enters BOTH outputs — W_trái multiplies Pixel 1 at position 1
 * and Pixel 2 at position 2 — so ∂Y_pred/∂W_trái = Pixel_1 + Pixel_2 = 20 and ∂Y_pred/∂W_phải = Pixel_2 + Pixel_3 = 10,
 * and at the note's numbers ∂L/∂W_trái = (−10)(10 + 10) = −200, ∂L/∂W_phải = (−10)(10 + 0) = −100. The note looks
 * only at the position that produced the 5 (line 72, "Nhìn lại công thức Forward tại vị trí tạo ra kết quả 5") and
 * takes the derivative from its pixel alone: Grad_1 = (−10) × 10 = −100 (line 82) and Grad_2 = (−10) × 0 = 0
 * (line 86, "Không đóng góp vào lỗi sai" — yet W_phải multiplies Pixel 2 = 10 at position 1). The arithmetic is
 * right; the gradients are not: the sum over the positions the filter slides to is left out (position 1's output is
 * 0, but its gradient is not). The update step (lines 98, 100) then carries the wrong gradients (the right step gives
 * [2.5, 0.5], not [1.5, −0.5]). Also, the label: Y_true is 1 at line 16, but the loss uses 10 ("Ví dụ quy định",
 * lines 45, 51, 66, 67) — an inconsistency of the example, not of the layer's formulas.
 * Holds: the chain rule ∂L/∂W = ∂L/∂Y_pred × ∂Y_pred/∂W (line 63; L depends on W only through the scalar Y_pred —
 * not checked by the oracle, which has no Y_pred: no `claimed`), and the forward pass at position 2, Kết quả =
 * Pixel_2 W_trái + Pixel_3 W_phải (line 73).
 * Other: the example's numbers (the two windows, lines 29, 31, 74, right for the correlation: 0 and 5), the readout
 * Y_pred = 0 + 5 (38), the loss and its derivative (48, 51, 66, 67), the learning rate, update rules and steps (94,
 * 95, 98, 100, 109) and "X=0" (111, words about an input of 0).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

/** The true kernel gradient of the 3-pixel, 2-tap correlation: Σ_{p=1}^{2} δy(p) x(p + k − 1). */
const trueDW = (v: Access, k: number): Q => qadd(qmul(v.dy(1), v.x(k)), qmul(v.dy(2), v.x(k + 1)));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const example =
  "the worked example's numbers (a window of [10, 10, 0] times [0.5, −0.5]), not a formula about the layer's gradients; right for the correlation";

const src: CorpusSource = {
  file: "85-dcm303-cnn-backprop-numeric-vi.md",
  citation:
    'dcm303 (GitHub user), "Giải Mã Backpropagation: Ví dụ Số liệu Cụ thể & Công thức", a Vietnamese Markdown note, repository dcm303/Docu, file DN+CNN.md, commit 7b2c86d9a1953a60bb8531a16b22f5fed2b24e36 (28 December 2025; unchanged at 9f65a8065124f61ac907c6375337c1f542817f00, 18 March 2026): the whole note (a 1-D convolution of a 3-pixel input with a 2-tap filter worked in numbers: forward pass, loss, chain rule, weight gradients, update)',
  url: "https://github.com/dcm303/Docu/blob/7b2c86d9a1953a60bb8531a16b22f5fed2b24e36/DN%2BCNN.md",
  flags: ["--input", "3", "--kernel", "2", "--op", "xcorr", "--index-base", "1"],
  layer: {
    op: "xcorr",
    input: [3],
    kernel: [2],
    stride: [1],
    dilation: [1],
    padding: "valid",
    inChannels: null,
    outChannels: null,
    groups: 1,
    batch: null,
    bias: false,
    indexBase: 1,
  },
  indexBase: 1,
  equations: [
    other(
      29,
      "(10 \\times 0.5) + (10 \\times -0.5) = 5 - 5 = 0",
      example + " (position 1: y(1) = x(1)w(1) + x(2)w(2) = 0)",
    ),
    other(
      31,
      "(10 \\times 0.5) + (0 \\times -0.5) = 5 - 0 = 5",
      example + " (position 2: y(2) = x(2)w(1) + x(3)w(2) = 5)",
    ),
    other(38, "Y_{pred} = 0 + 5 = 5", "the readout after the layer (the feature map summed), in the example's numbers"),
    other(48, "L = (Y_{pred} - Y_{true})^2", "the squared-error loss, not a formula about the layer's gradients"),
    other(
      51,
      "L = (5 - 10)^2 = (-5)^2 = 25",
      "the loss in the example's numbers (with Y_true = 10, although line 16 says 1)",
    ),
    {
      line: 63,
      snippet: "\\frac{\\partial L}{\\partial W} = \\underbrace{\\frac{\\partial L}{\\partial Y_{pred}}}",
      truth: "holds",
      target: "dW",
      why: "L depends on W only through the scalar Y_pred = Σ feature map, so ∂L/∂W = ∂L/∂Y_pred · ∂Y_pred/∂W is the chain rule; not translated for the oracle (it has no Y_pred, and ∂L/∂Y_pred is one number only when δy is the same at every position)",
    },
    other(66, "L = (Y - 10)^2", "the loss with the example's target 10"),
    other(
      67,
      "\\frac{\\partial L}{\\partial Y_{pred}} = 2 \\times (5 - 10) = -10",
      "the loss's derivative at the example's prediction (right: 2(5 − 10) = −10), not about the layer",
    ),
    {
      line: 73,
      snippet:
        "\\text{Kết quả} = (\\text{Pixel}_2 \\times W_{\\text{trái}}) + (\\text{Pixel}_3 \\times W_{\\text{phải}})",
      truth: "holds",
      target: "Y",
      why: "the output at position 2 (the one that gave 5): the filter over Pixel 2, 3, y(2) = x(2)w(1) + x(3)w(2) (checked at that entry; the other entry is left as it is)",
      claimed: (v, [p]) => (p === 2 ? qadd(qmul(v.x(2), v.w(1)), qmul(v.x(3), v.w(2))) : v.y(p!)),
    },
    other(74, "5 = (10 \\times 0.5) + (0 \\times -0.5)", example + " (position 2 again)"),
    {
      line: 82,
      snippet: "\\text{Grad}_1 = (-10) \\times 10 = -100",
      truth: "fails",
      target: "dW",
      why: "∂L/∂W_trái taken as ∂L/∂Y_pred × Pixel_2 (position 2 only); W_trái also multiplies Pixel 1 at position 1, so ∂L/∂W_trái = δy(1)x(1) + δy(2)x(2), at the note's numbers (−10)(10 + 10) = −200, not −100",
      claimed: (v, [k]) => (k === 1 ? qmul(v.dy(2), v.x(2)) : trueDW(v, k!)),
    },
    {
      line: 86,
      snippet: "\\text{Grad}_2 = (-10) \\times 0 = 0",
      truth: "fails",
      target: "dW",
      why: "∂L/∂W_phải taken as ∂L/∂Y_pred × Pixel_3 (position 2 only); W_phải also multiplies Pixel 2 at position 1, so ∂L/∂W_phải = δy(1)x(2) + δy(2)x(3), at the note's numbers (−10)(10 + 0) = −100, not 0",
      claimed: (v, [k]) => (k === 2 ? qmul(v.dy(2), v.x(3)) : trueDW(v, k!)),
    },
    other(94, "\\eta = 0.01", "the learning rate"),
    other(
      95,
      "W_{\\text{mới}} = W_{\\text{cũ}} - (\\eta \\times \\text{Gradient})",
      "the gradient-descent update rule",
    ),
    other(
      98,
      "W_{\\text{mới}} = 0.5 - (0.01 \\times -100) = 0.5 - (-1) = 1.5",
      "an update step in numbers (it carries line 82's wrong gradient: the right step is 0.5 + 2 = 2.5)",
    ),
    other(
      100,
      "W_{\\text{mới}} = -0.5 - (0.01 \\times 0) = -0.5",
      "an update step in numbers (it carries line 86's wrong gradient: the right step is −0.5 + 1 = 0.5)",
    ),
    other(109, "W_{new} = W_{old} - \\eta \\cdot \\nabla Loss", "the gradient-descent update rule"),
    other(111, "X=0", "words about an input of 0 ('thì W vô tội'), not an equation about the layer"),
  ],
};
export default src;
