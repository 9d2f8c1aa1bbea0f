/**
 * 上田 隆一 (Ryuichi Ueda, Chiba Institute of Technology), 「ロボットビジョン 第3回: 画像の識別とセグメンテーション」:
 * Japanese Marp lecture slides (robot_vision_2026/lesson3.md of the repository ryuichiueda/slides_marp, read at commit
 * 7bbfb3bd) — the CNN part: the convolution layer as a filter laid over an n×n window (Hadamard product, then the sum of
 * all entries, plus a bias), its back-propagation for one output pixel with the window flattened into vectors, and the
 * parameter update.
 * Layer: the slides give no sizes ("n×n画素の正方形領域", stride 1 or more, padding optional); a small choice they allow:
 * one channel, a 3×3 input, a 2×2 filter (so n = 4 entries once flattened), stride 1, no padding, a bias b ("バイアスを
 * 足して下流に送る"), so the output is 2×2. The operation is a cross-correlation: the filter is laid over the window and
 * multiplied entry by entry (⊙), with no flip. 1-based (w_1 … w_n, x_1 … x_n).
 * The derivation is written for ONE output pixel y: the filter flattened into w = (w_1 … w_n)^⊤, the window of input
 * pixels under it into x = (x_1 … x_n)^⊤ (same order), y = w_1x_1 + … + w_nx_n + b, and e_y = ∂L/∂y the error of that
 * pixel. Its gradient statements are local (the derivatives of one y), and the slides say how they are assembled into
 * the layer's gradients: "ある入力画素1画素の誤差逆伝播の量: 出力全画素分について we_y を足せばよい" (an input pixel's
 * error is the sum of w e_y over all output pixels) and "全出力に関して、上の2式の更新を行えばよい" (the updates are
 * done for every output). Each local statement is therefore checked through that assembly, as corpus 31's local
 * derivative ∂Z_{ij}/∂W_{ab} is checked through its chain rule: Σ over the output pixels (i, j) of e_y times the local
 * derivative must be the layer's gradient. With the window of output (i, j) at input rows i … i+1, columns j … j+1, the
 * k-th entry of the flattened filter is W_{p,q} and x_k is X_{i+p−1, j+q−1}.
 * Line 68 writes "+ \cdots w_nx_n" without the "+" after the dots; read as the sum it abbreviates.
 * Line 69 writes the Jacobian of the scalar y with respect to x as a column, (w_1 … w_n)^⊤ (a Jacobian of a scalar
 * function is a row; the column is its gradient): the entries, ∂y/∂x_k = w_k, are right, and the layout is not checked.
 * The source's formulas are all right; there is no mistake to find. Definitions: the flattened vectors w and x (lines
 * 65, 66). Other: the update rules w_i -= α x_i e_y and b -= α e_y (lines 83, 84, written with \verb|-=|).
 * Not listed (verify finds no equation there): the inline n×n, c×n×n, ⊙, →, we_y of the prose.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 3,
  K = 2,
  O = N - K + 1; // 3×3 input, 2×2 filter (n = 4 once flattened), 2×2 output

/** y = w_1x_1 + … + w_nx_n + b for the output pixel (i, j): the filter times its window of the input, plus b. */
const forward = (v: Access, [i, j]: number[]): Q =>
  qadd(
    sum(1, K, (p) => sum(1, K, (q) => qmul(v.w(p, q), v.x(i! + p - 1, j! + q - 1)))),
    v.b(),
  );
/**
 * Σ over output pixels of e_y ∂y/∂x: the input pixel (a, b) is x_k of the output (i, j) whose window holds it, with
 * w_k = W_{a−i+1, b−j+1} (0 when (a, b) is outside that window).
 */
const dX = (v: Access, [a, b]: number[]): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.w(a! - i + 1, b! - j + 1))));
/** Σ over output pixels of e_y ∂y/∂w_k = e_y x_k: W_{p,q} meets X_{i+p−1, j+q−1} in the output (i, j). */
const dW = (v: Access, [p, q]: number[]): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i + p! - 1, j + q! - 1))));
/** Σ over output pixels of e_y ∂y/∂b = e_y · 1. */
const db = (v: Access): Q => sum(1, O, (i) => sum(1, O, (j) => v.dy(i, j)));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });

const src: CorpusSource = {
  file: "78-ueda-robot-vision-cnn-backprop-ja.md",
  citation:
    "上田 隆一 (Ryuichi Ueda, GitHub: ryuichiueda; Chiba Institute of Technology), 「ロボットビジョン 第3回: 画像の識別とセグメンテーション」 (Robot Vision, lecture 3), Marp lecture slides, repository ryuichiueda/slides_marp, file robot_vision_2026/lesson3.md, read at commit 7bbfb3bd6d2cccfd7a2e0c52d3089877bf53c0a8: the CNN part (the convolution layer, its back-propagation for one output pixel with the window flattened into vectors, its parameter update, pooling, channels)",
  url: "https://github.com/ryuichiueda/slides_marp/blob/7bbfb3bd6d2cccfd7a2e0c52d3089877bf53c0a8/robot_vision_2026/lesson3.md",
  flags: ["--input", "3x3", "--kernel", "2x2", "--op", "xcorr", "--index-base", "1", "--bias"],
  layer: {
    op: "xcorr",
    input: [N, N],
    kernel: [K, K],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "valid",
    inChannels: null,
    outChannels: null,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 1,
  },
  indexBase: 1,
  equations: [
    {
      line: 65,
      snippet: "\\boldsymbol{w} = (w_1\\ \\ w_2 \\ \\dots\\ w_n)^\\top",
      truth: "definition",
      why: "the filter's n entries laid out in one column (the slide: the entries of each side of ⊙ put in one column), a notation, not a claim",
    },
    {
      line: 66,
      snippet: "\\boldsymbol{x} = (x_1 \\ \\ x_2 \\ \\dots \\ x_n)^\\top",
      truth: "definition",
      why: "the input pixels under the filter, in the same order as w: the window of one output pixel as a column, a notation",
    },
    {
      line: 68,
      snippet: "y = f(\\boldsymbol{x}| \\boldsymbol{w}) = w_1x_1 + w_2x_2 + \\cdots w_nx_n + b",
      truth: "holds",
      target: "Y",
      why: "one output pixel is the filter times its window, entry by entry, summed, plus the bias (the '+' missing after \\cdots read as the sum it abbreviates): Y_{ij} = Σ_{p,q} W_{pq} X_{i+p−1, j+q−1} + b",
      claimed: forward,
    },
    {
      line: 69,
      snippet: "J_{f}(\\boldsymbol{x}) = (w_1 \\ \\  w_2 \\ \\cdots \\  w_n)^\\top",
      truth: "holds",
      target: "dX",
      why: "∂y/∂x_k = w_k (written as a column; the layout is not checked); assembled as the slides say, Σ over output pixels of e_y ∂y/∂x, it is the input gradient Σ_{i,j} e_{y_{ij}} W_{a−i+1, b−j+1}",
      claimed: dX,
    },
    {
      line: 70,
      snippet: "(e_{x_1} \\ \\ e_{x_2} \\ \\dots \\ e_{x_n})^\\top = (w_1 \\ \\  w_2 \\ \\cdots \\  w_n)^\\top e_y",
      truth: "holds",
      target: "dX",
      why: "what one output pixel sends to the pixels of its window is w_k e_y; summed over all output pixels ('出力全画素分について we_y を足せばよい', line 72) it is the input gradient",
      claimed: dX,
    },
    {
      line: 82,
      snippet: "\\partial y/\\partial w_i = x_i",
      truth: "holds",
      target: "dW",
      why: "w_i multiplies x_i in y and nothing else; assembled over all outputs ('全出力に関して', line 85), Σ_{i,j} e_{y_{ij}} X_{i+p−1, j+q−1} is the filter gradient",
      claimed: dW,
    },
    {
      line: 82,
      snippet: "\\partial y/\\partial b = 1",
      truth: "holds",
      target: "db",
      why: "b is added to every output pixel with coefficient 1; assembled over all outputs, the bias gradient is the sum of the output errors",
      claimed: (v) => db(v),
    },
    other(
      83,
      "w_i \\verb|-=| \\alpha x_ie_y",
      "the gradient-descent update of a filter entry for one output pixel's error, an update rule",
    ),
    other(84, "b \\verb|-=| \\alpha e_y", "the update of the bias for one output pixel's error, an update rule"),
  ],
};
export default src;
