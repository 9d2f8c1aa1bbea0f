/**
 * hui126, 《卷积神经网络公式推导及numpy实现》 (Chinese): the documentation page of his from-scratch NumPy deep-learning
 * code Deep_Learning_Coding (the Markdown file docs/CNN.md of the repository stored as wchstu/Deep_Learning_Coding,
 * every commit by hui126, read at commit d2e026c717de7772c94fc353e86c5682979ec1e1). It has two parts. The forward
 * section works a NumPy example out in numbers — an input a of shape (1,3,4,4), kernels w of shape (2,3,2,2), biases
 * b = [1, 2] — gives the forward pass z[i,j,:,:] = Σ_k a[i,k,:,:]*w[j,k,:,:] + b[j] in general (batch i, output
 * channel j, 0-based), and the im2col products z_t = a_t w_t. The backward section ("反向传播") takes a one-map
 * example — a 4×4 input a_{11} … a_{44}, a 2×2 kernel w_{11} … w_{22}, stride 1, a 3×3 error δ_{11} … δ_{33} on the
 * output — writes the sixteen entries of ∂C/∂a as a matrix (a bare matrix after 的梯度为, with no left side: verify
 * does not find it, so it is not listed; two of its entries are wrong, see below), says 即将对输出图的误差进行0填充后，
 * 与卷积核旋转180度后进行卷积, and states δ^l = δ^{l+1}*ROT180(w^{l+1}) ⊙ ∂a^l/∂z^l; then the im2col form of the
 * gradients in np.tensordot / np.sum.
 * Layer: the backward section's own example — input 4×4, kernel 2×2, stride 1, no padding, one map, so the output (and
 * δ) is 3×3; 1-based (a_{11} … a_{44}); its * is the forward section's operation, NumPy's sliding-window product
 * (the forward code slides the kernel unflipped, inputs[:, :, h:h+kh, w:w+kw] times the kernel), i.e. a
 * cross-correlation; with a bias (the forward pass and ∂C/∂b^l have one). The layer is layer l+1 of the recursion:
 * input a^l, kernel w^{l+1}, output z^{l+1} with δ^{l+1} = ∂C/∂z^{l+1} = v.dy; δ^l = ∂C/∂z^l is ∂C/∂a^l ⊙ ∂a^l/∂z^l,
 * so line 159 carries `scale` ∂a^l/∂z^l (v.fprime("z", …)).
 * Reading: in line 159, "δ^{l+1}*ROT180(w^{l+1})" is the text's own recipe just above it — the output error padded
 * with zeros (one ring, K − 1, the only one that gives back the 4×4 input, as the matrix before it shows), then
 * slid over by the kernel rotated 180° — so it holds (as corpus 14 reads Pinard's same formula). Line 202's
 * np.sum(δ^l_t, axis=(0,1)) sums the unfolded error (B, H^l·W^l, C^l) over the batch and the positions: per output
 * map the sum of its δ, the bias gradient (holds).
 * The mistakes: in the bare ∂C/∂a matrix (lines 146–153, not found by verify) the last column's middle entries,
 * "w_{21}δ_{13}+w_{11}δ_{23}" and "w_{21}δ_{23}+w_{11}δ_{33}", should be w_{22}δ_{13}+w_{12}δ_{23} and
 * w_{22}δ_{23}+w_{12}δ_{33} (a_{24} is reached by w_{12} and w_{22}, the kernel's right column, not its left one);
 * the other fourteen entries are right. Line 47's "w.reshape(-1,2).T" is not the matrix written after it (that one
 * is w.reshape(2,-1).T; the reshape as written pairs w[0,0,0,0] with w[0,0,0,1]), and line 91's w.reshape(-1, C^l).T
 * likewise; line 170's result is said to have dimension (B,H^l,W^l,C^{l-1}h^lw^l), tensordot gives
 * (B, H^l·W^l, C^{l-1}h^lw^l); line 212's chain starts from δ(16,3,127,127) for an error of 8 maps (said just
 * before), and 127 is the output size of a 2×2 kernel, not of the 3×3 one the text names. None of these is a
 * statement about this layer's gradients ("other").
 * Other: the numeric example (another layer: three input maps, two kernels, a batch axis, 0-based) — its arrays,
 * b = [1, 2], its forward formula (line 35, which holds there) and its result (lines 39, 41: the eighteen numbers
 * were checked by hand, all right), its im2col matrices w_t and a_t[0] (the 9×12 a_t[0] is right); the general
 * forward pass z^l[i,j,:,:] (line 83), whose batch axis i and channel axes j, k the one-map layer lacks (it holds
 * for the layer it describes), with its ranges i = 0, …, j = 0, …; the im2col reshapes and tensordots (lines 65,
 * 87, 91, 95, 96, 166, 168, 170, 201), statements about the unfolded a_t, w_t, δ_t (those of 170 and 201 hold for
 * them), not about X, W or Y.
 * Definitions: the example's matrices a, w, δ of entries (lines 134, 138, 142).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 4,
  K = 2,
  O = N - K + 1; // a 4×4, w 2×2, δ 3×3

const sp = (v: Access, i: number, j: number): Q => v.fprime("z", i, j);
/** δ^{l+1} padded with one ring of zeros, cross-correlated with ROT180(w) = [[w22, w21], [w12, w11]], times ∂a/∂z. */
function paddedRot(v: Access, i: number, j: number): Q {
  const P = (r: number, c: number) => v.dy(r - 1, c - 1); // row/column 1 of the padded matrix is the zero ring
  const R = (m: number, n: number) => v.w(K + 1 - m, K + 1 - n);
  return sum(1, K, (m) => sum(1, K, (n) => qmul(P(i + m - 1, j + n - 1), R(m, n))));
}
const db = (v: Access): Q => sum(1, O, (i) => sum(1, O, (j) => v.dy(i, j)));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});

const example =
  "the forward section's numeric example, another layer (three input maps, two kernels, a batch axis, 0-based) and numbers, not a formula about this layer";
const im2col =
  "the im2col form (NumPy reshapes and products of the unfolded a_t, w_t, δ_t), not a statement about X, W or Y";

const src: CorpusSource = {
  file: "108-hui126-numpy-cnn-conv-backprop-zh.md",
  citation:
    "hui126, 《卷积神经网络公式推导及numpy实现》 (in Chinese), the documentation docs/CNN.md of his from-scratch NumPy code Deep_Learning_Coding (stored as wchstu/Deep_Learning_Coding), written 3 June 2021, read at commit d2e026c717de7772c94fc353e86c5682979ec1e1: the whole page (a numeric three-channel forward example, the one-map backward example with a 4×4 input and a 2×2 kernel, δ^l = δ^{l+1}*ROT180(w^{l+1}) ⊙ ∂a^l/∂z^l, the im2col gradients)",
  url: "https://github.com/wchstu/Deep_Learning_Coding/blob/d2e026c717de7772c94fc353e86c5682979ec1e1/docs/CNN.md",
  flags: ["--input", "4x4", "--kernel", "2x2", "--op", "xcorr", "--index-base", "1", "--bias"],
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
    other(16, "a[0,0,:,:] = \\left[\\begin{matrix}", `${example}: the input's first map`),
    other(18, "a[0,1,:,:] = \\left[\\begin{matrix}", `${example}: the input's second map`),
    other(20, "a[0,2,:,:] = \\left[\\begin{matrix}", `${example}: the input's third map`),
    other(
      26,
      "w[0,0,:,:] = \\left[\\begin{matrix} 5 & 9 \\\\ 5 & 8\\end{matrix}\\right]",
      `${example}: a kernel slice`,
    ),
    other(
      27,
      "w[0,1,:,:] = \\left[\\begin{matrix} 1 & 1 \\\\ 8 & 8\\end{matrix}\\right]",
      `${example}: a kernel slice`,
    ),
    other(
      27,
      "w[0,2,:,:] = \\left[\\begin{matrix} 7 & 1 \\\\ 2 & 8\\end{matrix}\\right]",
      `${example}: a kernel slice`,
    ),
    other(
      28,
      "w[1,0,:,:] = \\left[\\begin{matrix} 5 & 6 \\\\ 9 & 3\\end{matrix}\\right]",
      `${example}: a kernel slice`,
    ),
    other(
      29,
      "w[1,1,:,:] = \\left[\\begin{matrix} 2 & 1 \\\\ 9 & 1\\end{matrix}\\right]",
      `${example}: a kernel slice`,
    ),
    other(
      29,
      "w[1,2,:,:] = \\left[\\begin{matrix} 8 & 4 \\\\ 3 & 6\\end{matrix}\\right]",
      `${example}: a kernel slice`,
    ),
    other(31, "b=[1, 2]", `${example}: its two biases`),
    other(
      35,
      "z[i,j,:,:] = \\sum^{2}_{k=0}a[i,k,:,:]*w[j,k,:,:] + b[j]",
      "the numeric example's forward pass (three input maps k = 0, 1, 2, output map j, sample i): it holds for that layer, whose * is the sliding-window (cross-correlation) product; this layer has one map and no batch axis",
    ),
    other(
      39,
      "z[0,0,:,:] = \\left[\\begin{matrix}",
      `${example}: its first output map, 296 … 315 (checked by hand: right)`,
    ),
    other(
      41,
      "z[0,1,:,:] = \\left[\\begin{matrix}",
      `${example}: its second output map, 291 … 257 (checked by hand: right)`,
    ),
    other(
      47,
      "w_t = w.reshape(-1,2).T= \\left[\\begin{matrix}",
      `${example}: the kernels unfolded to a 12×2 matrix — the matrix written is w.reshape(2,-1).T, not w.reshape(-1,2).T as the code says`,
    ),
    other(53, "a_t[0]=\\left[\\begin{matrix}", `${example}: the input unfolded (im2col) to 9×12 (checked: right)`),
    other(
      65,
      "z_t[0] = a_t[0]w_t",
      `${example}: the unfolded output as the product of the unfolded input and kernels (${im2col})`,
    ),
    other(
      65,
      "z=z_t.transpose([0, 2, 1]).rehsape(1,2,3,3)+b",
      `${example}: the unfolded output folded back (${im2col})`,
    ),
    other(
      83,
      "z^{l}[i,j,:,:] = \\sum^{C^{l-1}-1}_{k=0}a^{l-1}[i,k,:,:]*w^l[j,k,:,:] + b^l[j]",
      "the general forward pass with a batch axis i and channel axes j, k, 0-based: it holds for the multi-channel layer it describes (a cross-correlation summed over input maps, plus the map's bias); this one-map example layer has none of those axes",
    ),
    other(83, "i=0", "the range i = 0, …, B−1 of the batch index"),
    other(83, "j=0", "the range j = 0, …, C^l−1 of the output-map index"),
    def(87, "a_t^{l-1} = trans(a^{l-1})", "names the unfolded input a_t (each kernel position's window as a row)"),
    other(87, "dim=(B, H^l\\cdot W^l,h^l\\cdot w^l\\cdot C^{l-1})", "the shape of the unfolded input"),
    other(
      91,
      "w_t = w.reshape(-1, C^l).T",
      `${im2col}; the kernels unfolded (the reshape as written mixes the output maps: w.reshape(C^l, -1).T is meant)`,
    ),
    other(95, "z_t^l = a^{l-1}_tw_t", im2col),
    other(96, "z^l = z_t^l.transpose([0, 2, 1]).reshape(B, C^l, H^l,W^l)+b.reshape(1, -1, 1, 1)", im2col),
    def(
      134,
      "a = \\left[\\begin{matrix} a_{11}&a_{12}&a_{13}&a_{14}",
      "the backward example's 4×4 input, entry by entry",
    ),
    def(
      138,
      "w = \\left[\\begin{matrix}w_{11}&w_{12}\\\\w_{21}&w_{22}\\end{matrix}\\right]",
      "the backward example's 2×2 kernel, entry by entry",
    ),
    def(
      142,
      "\\delta = \\left[\\begin{matrix} \\delta_{11}&\\delta_{12}&\\delta_{13}",
      "the 3×3 error on the output, ∂C/∂z, entry by entry",
    ),
    {
      line: 159,
      snippet: "\\delta^l = \\delta^{l+1}*ROT180(w^{l+1})\\odot \\frac{\\partial a^l}{\\partial z^l}",
      truth: "holds",
      target: "dX",
      why: "δ^{l+1} zero-padded by one ring (the text: 将对输出图的误差进行0填充后) and slid over by the kernel rotated 180° is Σ_{pq} δ_{pq} w_{i−p+1, j−q+1} = ∂C/∂a^l_{ij}; times ∂a^l/∂z^l it is δ^l",
      claimed: (v, [i, j]) => qmul(paddedRot(v, i!, j!), sp(v, i!, j!)),
      scale: (v, [i, j]) => sp(v, i!, j!),
    },
    other(
      166,
      "\\delta^l_t = \\delta^l.transpose([0, 2, 3, 1]).reshape(B, H^l\\cdot W^l,C^l)",
      `the error unfolded (${im2col})`,
    ),
    other(168, "dim=(B,H^lW^l,C^l)", "the shape of the unfolded error"),
    other(168, "dim=(C^l,C^{l-1}h^lw^l)", "the shape of the transposed unfolded kernels"),
    other(
      170,
      "\\frac{\\partial C}{\\partial a^{l-1}_t} = np.tensordot(\\delta^l_t,(w^l_t)^T, [(2),(0)])",
      `the gradient with respect to the unfolded input a_t (it holds for a_t; folding it back, adding overlaps, gives ∂C/∂a): ${im2col}`,
    ),
    other(
      201,
      "\\frac{\\partial C}{\\partial w^l_t} = np.tensordot(a^{l-1}_t,\\delta^l_t,[(0,1),(0,1)])",
      `the gradient with respect to the unfolded kernels w_t (it holds for w_t): ${im2col}`,
    ),
    {
      line: 202,
      snippet: "\\frac{\\partial C}{\\partial b^l} = np.sum(\\delta^l_t, axis=(0,1))",
      truth: "holds",
      target: "db",
      why: "the unfolded error summed over the batch and the positions: each output map's δ summed, the bias gradient (one map here)",
      claimed: (v) => db(v),
    },
    other(
      212,
      "𝛿(16,3,127,127)→𝛿_𝑡 (16,16129, 8)",
      "the shapes of a larger example's backward pass (its first δ should have 8 maps, and 127 is a 2×2 kernel's output size, not the named 3×3 one's); not a formula about this layer",
    ),
  ],
};

export default src;
