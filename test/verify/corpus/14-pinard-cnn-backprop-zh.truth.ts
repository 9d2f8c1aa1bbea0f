/**
 * 刘建平 (Pinard), 《卷积神经网络(CNN)反向传播算法》 (Chinese), read in a reposted course-note copy.
 * The layer: z^l = a^{l-1} * W^l + b^l with the note's * defined by its own example
 * (z_{11} = a_{11}w_{11} + a_{12}w_{12} + a_{21}w_{21} + a_{22}w_{22}): cross-correlation, 1-based,
 * stride 1, no padding. Input a^{l-1} = σ(z^{l-1}); δ^l = ∂J/∂z^l is v.dy; δ^{l-1} = ∂J/∂z^{l-1} is
 * (∂J/∂a^{l-1}) ⊙ σ'(z^{l-1}), so formulas for δ^{l-1} carry `scale` σ'(z^{l-1}) (v.fprime("z", ...)).
 * Sizes: the note's own example, a^{l-1} 3×3, W^l 2×2, z^l 2×2 (its entry formulas ∇a_{11}…∇a_{33} are
 * written for these sizes). The layer has a bias b^l (the note's general formulas and ∂J/∂b^l use it);
 * the note's forward example sets b^l to 0, which this layer does not, so those lines are "other".
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 3; // a^{l-1} is N × N
const K = 2; // W^l is K × K
const O = N - K + 1; // z^l is O × O

const sumQ = (...xs: Q[]) => xs.reduce((s, x) => qadd(s, x), Q0);

/** z^l_{ij} = Σ_{m,n} a_{i+m-1, j+n-1} w_{mn} + b (1-based cross-correlation). */
const fwd = (v: Access, [i, j]: number[]): Q => qadd(sum(1, K, (m) => sum(1, K, (n) => qmul(v.x(i! + m - 1, j! + n - 1), v.w(m, n)))), v.b());
/** ∂J/∂a_{ij} = Σ_{p,q} δ_{pq} w_{i-p+1, j-q+1} (w zero outside): the correct input gradient. */
const trueDA = (v: Access, i: number, j: number): Q => sum(1, O, (p) => sum(1, O, (q) => qmul(v.dy(p, q), v.w(i - p + 1, j - q + 1))));
const dA = (v: Access, [i, j]: number[]): Q => trueDA(v, i!, j!);
const sp = (v: Access, i: number, j: number): Q => v.fprime("z", i, j);
const dZprev = (v: Access, [i, j]: number[]): Q => qmul(trueDA(v, i!, j!), sp(v, i!, j!));
/** The padded δ (one ring of zeros) cross-correlated with rot180(W) = [[w22, w21], [w12, w11]]. */
function paddedRot(v: Access, i: number, j: number): Q {
  const P = (r: number, c: number) => v.dy(r - 1, c - 1); // row/col 1 of the padded matrix is the zero ring
  const R = (m: number, n: number) => v.w(K + 1 - m, K + 1 - n);
  return sum(1, K, (m) => sum(1, K, (n) => qmul(P(i + m - 1, j + n - 1), R(m, n))));
}
/** ∂J/∂W_{pq} = Σ_i Σ_j δ_{ij} a_{i+p-1, j+q-1}. */
const dW = (v: Access, [p, q]: number[]): Q => sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i + p! - 1, j + q! - 1))));
const db = (v: Access): Q => sum(1, O, (i) => sum(1, O, (j) => v.dy(i, j)));

/** One entry ∇a_{rc} = (its right-hand side) there; the true value elsewhere. */
const aEntry = (r: number, c: number, rhs: (v: Access) => Q) => (v: Access, [i, j]: number[]): Q => (i === r && j === c ? rhs(v) : trueDA(v, i!, j!));
const wEntry = (r: number, c: number, rhs: (v: Access) => Q) => (v: Access, [i, j]: number[]): Q => (i === r && j === c ? rhs(v) : dW(v, [i!, j!]));
const wd = (v: Access, w: [number, number], d: [number, number]) => qmul(v.w(...w), v.dy(...d));
const ad = (v: Access, a: [number, number], d: [number, number]) => qmul(v.x(...a), v.dy(...d));

/** Line 174 as written, σ(W^l * a^{i,l-1} + b^l): the note's * with the operands swapped, W as the image and a^{l-1} as the kernel: Σ_{m,n} W_{i+m-1, j+n-1} a_{mn}. */
const swapped = (v: Access, [i, j]: number[]): Q => qadd(sum(1, N, (m) => sum(1, N, (n) => qmul(v.w(i! + m - 1, j! + n - 1), v.x(m, n)))), v.b());

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const def = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "definition", why });
const holdsDZ = (line: number, snippet: string, why: string, claimed = dZprev): TruthEquation => ({
  line, snippet, truth: "holds", why, target: "dX", claimed, scale: (v, [i, j]) => sp(v, i!, j!),
});
const holdsDA = (line: number, snippet: string, why: string, claimed = dA): TruthEquation => ({ line, snippet, truth: "holds", why, target: "dX", claimed });
const b0 = "the note's forward example with b^l set to 0 (这里 b^l 简化为0); this layer has a bias, so the example's assumption is not this layer's (without b it is the layer's cross-correlation)";
const otherExample = "the ∂W example switches to a 4×4 input and a 3×3 kernel (a_{14}, a_{44}, W_{33}) without saying so; a different layer from the 3×3 / 2×2 example this file uses";

const src: CorpusSource = {
  file: "14-pinard-cnn-backprop-zh.tex",
  citation: "刘建平 (Pinard), 《卷积神经网络(CNN)反向传播算法》, 博客园 (cnblogs), 2017; reposted as the course note 《CNN反向传播》 (TransformersWsz, 2019)",
  url: "https://github.com/TransformersWsz/myblog/blob/9fd1479ca38566d3aec22a904c5fc3a690fcc95d/source/_posts/CNN反向传播.md",
  flags: ["--input", "3x3", "--kernel", "2x2", "--op", "xcorr", "--index-base", "1", "--bias"],
  layer: { op: "xcorr", input: [3, 3], kernel: [2, 2], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: true, indexBase: 1 },
  indexBase: 1,
  equations: [
    other(5, "g(z) = z", "the pooling layer's identity activation"),
    def(13, "\\delta^{l-1} = \\frac {\\partial J(W, b)} {\\partial z^{l-1}}", "defines δ^{l-1} as ∂J/∂z^{l-1}"),
    holdsDZ(13, "= (\\frac {\\partial z^l} {\\partial z^{l-1}})^T \\frac {\\partial J(W, b)} {\\partial z^l}", "the chain rule: ∂J/∂z^{l-1}_{ij} = Σ_{pq} (∂z^l_{pq}/∂z^{l-1}_{ij}) ∂J/∂z^l_{pq}, with ∂z^l_{pq}/∂z^{l-1}_{ij} = w_{i-p+1,j-q+1} σ'(z^{l-1}_{ij})"),
    holdsDZ(13, "{\\partial z^{l-1}})^T \\delta^l", "the same with ∂J/∂z^l = δ^l"),
    { line: 17, snippet: "z^l = a^{l-1}*W^l + b^l", truth: "holds", target: "Y", claimed: fwd, why: "the forward pass: a^{l-1} cross-correlated with W^l (the note's *), plus the bias" },
    { line: 17, snippet: "= \\sigma(z^{l-1})*W^l + b^l", truth: "holds", target: "Y", claimed: fwd, why: "a^{l-1} = σ(z^{l-1}) substituted" },
    holdsDZ(21, "\\delta^{l-1} = (\\frac {\\partial z^l} {\\partial z^{l-1}})^T \\delta^l", "the chain rule of line 13"),
    holdsDZ(21, "= \\delta^l * rot180(W^l) \\odot \\sigma'(z^{l-1})",
      "δ^l (padded with k−1 zeros, as the note's example shows) cross-correlated with rot180(W^l) is Σ_{pq} δ_{pq} w_{i-p+1,j-q+1}, the input gradient; times σ'(z^{l-1}) through the activation"),
    other(27, "a^{l-1} * W^l = z^l", b0),
    other(31, "\\left(", b0),
    other(54, "z_{11} = a_{11}w_{11}", b0),
    other(55, "z_{12} = a_{12}w_{11}", b0),
    other(56, "z_{21} = a_{21}w_{11}", b0),
    other(57, "z_{22} = a_{22}w_{11}", b0),
    def(61, "\\bigtriangledown a^{l-1} = \\frac {\\partial J(W, b)} {\\partial a^{l-1}}", "defines ∇a^{l-1} as ∂J/∂a^{l-1}"),
    holdsDA(61, "= (\\frac {\\partial z^l} {\\partial a^{l-1}})^T \\frac {\\partial J(W, b)} {\\partial z^l}", "the chain rule: ∂z^l_{pq}/∂a_{ij} = w_{i-p+1,j-q+1}"),
    holdsDA(61, "{\\partial a^{l-1}})^T \\delta^l", "the same with ∂J/∂z^l = δ^l"),
    holdsDA(67, "\\bigtriangledown a_{11} = w_{11}\\delta_{11}", "a_{11} appears only in z_{11}, with w_{11}", aEntry(1, 1, (v) => wd(v, [1, 1], [1, 1]))),
    holdsDA(71, "\\bigtriangledown a_{12} = w_{11}\\delta_{12} + w_{12}\\delta_{11}", "a_{12} appears in z_{11} (with w_{12}) and z_{12} (with w_{11})",
      aEntry(1, 2, (v) => sumQ(wd(v, [1, 1], [1, 2]), wd(v, [1, 2], [1, 1])))),
    holdsDA(77, "\\bigtriangledown a_{13} &= w_{12}\\delta_{12}", "a_{13} appears only in z_{12}, with w_{12}", aEntry(1, 3, (v) => wd(v, [1, 2], [1, 2]))),
    holdsDA(78, "\\bigtriangledown a_{21} &= w_{11}\\delta_{21} + w_{21}\\delta_{11}", "a_{21}: z_{21} with w_{11}, z_{11} with w_{21}",
      aEntry(2, 1, (v) => sumQ(wd(v, [1, 1], [2, 1]), wd(v, [2, 1], [1, 1])))),
    holdsDA(79, "\\bigtriangledown a_{22} &= w_{11}\\delta_{22} + w_{12}\\delta_{21} + w_{21}\\delta_{12} + w_{22}\\delta_{11}", "a_{22} is in all four outputs",
      aEntry(2, 2, (v) => sumQ(wd(v, [1, 1], [2, 2]), wd(v, [1, 2], [2, 1]), wd(v, [2, 1], [1, 2]), wd(v, [2, 2], [1, 1])))),
    holdsDA(80, "\\bigtriangledown a_{23} &= w_{12}\\delta_{22} + w_{22}\\delta_{12}", "a_{23}: z_{22} with w_{12}, z_{12} with w_{22}",
      aEntry(2, 3, (v) => sumQ(wd(v, [1, 2], [2, 2]), wd(v, [2, 2], [1, 2])))),
    holdsDA(81, "\\bigtriangledown a_{31} &= w_{21}\\delta_{21}", "a_{31} appears only in z_{21}, with w_{21}", aEntry(3, 1, (v) => wd(v, [2, 1], [2, 1]))),
    holdsDA(82, "\\bigtriangledown a_{32} &= w_{21}\\delta_{22} + w_{22}\\delta_{21}", "a_{32}: z_{22} with w_{21}, z_{21} with w_{22}",
      aEntry(3, 2, (v) => sumQ(wd(v, [2, 1], [2, 2]), wd(v, [2, 2], [2, 1])))),
    holdsDA(83, "\\bigtriangledown a_{33} &= w_{22}\\delta_{22}", "a_{33} appears only in z_{22}, with w_{22}", aEntry(3, 3, (v) => wd(v, [2, 2], [2, 2]))),
    holdsDA(89, "\\left(", "the zero-padded δ cross-correlated (the note's *) with the rotated kernel [[w22, w21], [w12, w11]] gives exactly the nine entries above",
      (v, [i, j]) => paddedRot(v, i!, j!)),
    { line: 118, snippet: "z^l = a^{l-1} * W^l + b", truth: "holds", target: "Y", claimed: fwd, why: "the forward pass again (b is the layer's bias)" },
    { line: 122, snippet: "\\frac {\\partial J(W, b)} {\\partial W^l} = a^{l-1} * \\delta^l", truth: "holds", target: "dW", claimed: dW,
      why: "a^{l-1} cross-correlated with δ^l (valid, no rotation): entry (p, q) is Σ_{ij} a_{i+p-1,j+q-1} δ_{ij}" },
    { line: 128, snippet: "\\frac {\\partial J(W, b)} {\\partial W_{pq}^l} = \\sum_i \\sum_j(\\delta_{ij}^l a_{i+p-1, j+q-1}^{l-1})", truth: "holds", target: "dW", claimed: dW,
      why: "w_{pq} multiplies a_{i+p-1,j+q-1} in z_{ij} (1-based)" },
    { line: 132, snippet: "{\\partial W_{11}^l} = a_{11}\\delta_{11} + a_{12}\\delta_{12} + a_{21}\\delta_{21} + a_{22}\\delta_{22}", truth: "holds", target: "dW",
      claimed: wEntry(1, 1, (v) => sumQ(ad(v, [1, 1], [1, 1]), ad(v, [1, 2], [1, 2]), ad(v, [2, 1], [2, 1]), ad(v, [2, 2], [2, 2]))),
      why: "line 128 at p = q = 1 for a 2×2 δ (also right for this 3×3 / 2×2 layer)" },
    { line: 134, snippet: "{\\partial W_{12}^l} = a_{12}\\delta_{11} + a_{13}\\delta_{12} + a_{22}\\delta_{21} + a_{23}\\delta_{22}", truth: "holds", target: "dW",
      claimed: wEntry(1, 2, (v) => sumQ(ad(v, [1, 2], [1, 1]), ad(v, [1, 3], [1, 2]), ad(v, [2, 2], [2, 1]), ad(v, [2, 3], [2, 2]))),
      why: "line 128 at p = 1, q = 2" },
    other(136, "{\\partial W_{13}^l} = a_{13}\\delta_{11}", otherExample),
    other(138, "{\\partial W_{33}^l} = a_{33}\\delta_{11}", otherExample),
    other(142, "\\frac {\\partial J(W, b)} {\\partial W^l} = ", otherExample),
    { line: 163, snippet: "\\frac {\\partial J(W, b)} {\\partial b^l} = \\sum_{u, v}(\\delta^l)_{u, v}", truth: "holds", target: "db", claimed: (v) => db(v),
      why: "the bias is added to every z_{uv}, so its gradient is the sum of δ^l's entries" },
    other(173, "a^{i, l} = \\sigma(z^{i, l})", "the fully-connected layer's activation"),
    other(173, "= \\sigma(W^l a^{i, l-1} + b^l)", "the fully-connected layer's forward pass"),
    def(174, "a^{i, l} = \\sigma(z^{i, l})", "defines the activation of sample i"),
    { line: 174, snippet: "= \\sigma(W^l * a^{i, l-1} + b^l)", truth: "fails", target: "Y", claimed: swapped,
      why: "the operands of * are swapped: the note's * is cross-correlation with the image first (z^l = a^{l-1} * W^l, z_{11} = a_{11}w_{11} + …), which is not commutative; W^l * a^{l-1} slides a^{l-1} over W^l and gives z_{11} only, not z_{12}, z_{21}, z_{22}" },
    other(175, "a^{i, l} = pool(a^{i, l-1})", "the pooling layer"),
    other(176, "a^{i, L} = softmax(z^{i, L})", "the softmax output layer"),
    other(176, "= softmax(W^L a^{i, L-1} + b^L)", "the softmax output layer"),
    other(179, "\\delta^{i, l} = (W^{l+1})^T \\delta^{i, l+1}", "the fully-connected layer's backward pass"),
    holdsDZ(180, "\\delta^{i, l} = \\delta^{i, l+1} * rot180(W^{l+1}) \\odot \\sigma'(z^{i, l})",
      "line 21 for sample i: δ^{l+1} (zero-padded) cross-correlated with rot180(W^{l+1}), times σ'(z^l)"),
    other(181, "\\delta^{i, l} = upsample(\\delta^{i, l+1})", "the pooling layer's backward pass"),
    other(183, "W^l = W^l - \\alpha \\sum_{i=1}^m \\delta^{i, l}(a^{i, l-1})^T", "the fully-connected layer's update rule"),
    other(183, "b^l = b^l - \\alpha \\sum_{i=1}^m \\delta^{i, l} $", "the fully-connected layer's update rule"),
    other(184, "W^l = W^l - \\alpha \\sum_{i=1}^m \\delta^{i, l} * a^{i, l-1}", "the convolution layer's update rule (note: operands of * swapped with respect to line 122's a^{l-1} * δ^l)"),
    other(184, "b^l = b^l - \\alpha \\sum_{i=1}^m \\sum_{u, v}", "the convolution layer's bias update rule"),
  ],
};
export default src;
