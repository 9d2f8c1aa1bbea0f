/**
 * 张伟 (Zhang Wei, GitHub: Charmve), 《计算机视觉实战演练：算法与应用》 (Computer Vision in Action), his open
 * Chinese-language book on GitHub: chapter 2 (卷积神经网络), 《实战项目 2 - 动手搭建一个卷积神经网络》, sections
 * 2.7.1 (forward pass) and 2.7.2 / "1. 卷积层的反向传播" (the convolution layer's backward pass), read at commit
 * 03b52ec4 of Charmve/computer-vision-in-action — a worked single-channel example written entry by entry: the
 * nine outputs net_{o_{ij}}, the input gradients ∂E/∂i_{11} … ∂E/∂i_{22} by the chain rule, their "general"
 * formula, the kernel gradient ∂E/∂h_{11} and its general formula, and the bias gradient.
 * Layer: the chapter's own example — "输入是一个 4×4 的image，经过两个2×2的卷积核进行卷积运算后，变成两个3×3的
 * feature_map", stride 1, no padding, one channel (one of the two filters, filter1, as the derivation uses), a
 * cross-correlation (net_{o_{11}} = i_{11}×h_{11} + i_{12}×h_{12} + i_{21}×h_{21} + i_{22}×h_{22}), 1-based (i_{11}
 * is the corner), with a bias: the derivation ends with the bias gradient ∂E/∂b (line 188, through a weight w_b),
 * so net_o depends on a bias b. The input is i_{jk} (the chapter writes i_{11} for out_{i_{11}}, the previous
 * layer's activation), the kernel h_{mn}, the output net_{o_{ij}} (v.y, before the layer's own ReLU). In eqs. (6)–
 * (10), (13)–(15), δ_{mn} = ∂E/∂net_{o_{mn}} (the output gradient, v.dy(m, n)), as each chain rule's first factor
 * shows; in line 110 and eq. (12) δ_{11} is instead the previous layer's ∂E/∂net_{i_{11}} = ∂E/∂i_{11} ⋅ f′(net_{i_{11}})
 * (checked with the opaque factor v.fprime("net_i", …)). Formulas about one entry (∂E/∂i_{13}, net_{o_{12}}, …) are
 * checked at that entry, the true value standing elsewhere (as corpus 07's).
 * The chapter's mistakes: every output of the forward pass (eqs. 4, 5) leaves out the bias the layer has (the
 * chapter's own eq. 15); line 94's out_{i_{11}} = net_{o_{11}} equates an input with an output (the input of o_{11}
 * is the correlation of four inputs); the third row of eq. (5) is labelled net_{o_{12}} but is the sum of
 * net_{o_{13}} (it would fail even without the bias); eq. (8) ends δ_{12}⋅h_{13} + δ_{12}⋅h_{11} where its own chain
 * gives δ_{12}⋅h_{12} + δ_{13}⋅h_{11} (h_{13} does not exist); the "general" input gradient Σ_m Σ_n h_{m,n}
 * δ_{i+m,j+n} (line 163, and eq. 12) takes δ forward of (i, j) with the kernel unflipped, where eqs. (6)–(10) give
 * δ_{i−m+1, j−n+1} (the text even says the kernel is rotated 180°); eq. (13) ends δ_{11}⋅h_{11} + … + δ_{33}⋅h_{11},
 * the kernel entry where the inputs i_{11} … i_{33} belong; eq. (14) multiplies δ by out_{o}, the layer's own
 * output after its ReLU, not its input (and with an index i + m off by one for 1-based sums); the bias gradient
 * (eq. 15) sums four of the nine δ's (δ_{11} + δ_{12} + δ_{21} + δ_{22}, and only two on line 188) before writing
 * the whole Σ_i Σ_j δ_{i,j}.
 * Holds: eqs. (6), (7), (9), (10) (line 152's chain and line 154's sum) and line 171's chain rule through the
 * activation. Definitions: δ_{i,j} = ∂E/∂net_{i,j} (line 84), the notation i_{11} = out_{i_{11}} = activators(…),
 * net_{o_{11}} = conv(input, filter), out_{o_{11}} = max(0, net_{o_{11}}), δ_{11} = ∂E/∂net_{i_{11}} (lines 110, 170),
 * ∂i_{11}/∂net_{i_{11}} = f′(net_{i_{11}}). Other: the numeric example (lines 40, 49) and the recap of a fully
 * connected network's weight gradient and update (lines 86, 88).
 * Not found by verify, so not listed: the pooling example net_{m_{11}} = max(o_{11}, …) = 1 (line 72).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 4,
  K = 2,
  O = N - K + 1; // 4×4 input, 2×2 kernel, 3×3 output, 1-based

/** Σ_{m,n} i_{i+m−1, j+n−1} h_{mn}: the correlation the chapter writes, without the bias. */
const noBias = (v: Access, i: number, j: number): Q =>
  sum(1, K, (m) => sum(1, K, (n) => qmul(v.x(i + m - 1, j + n - 1), v.w(m, n))));
/** The true output: the correlation plus the bias. */
const Y = (v: Access, i: number, j: number): Q => qadd(noBias(v, i, j), v.b());
/** The true input gradient: Σ_{m,n} δ_{i−m+1, j−n+1} h_{mn} (δ read 0 off the 3×3 output). */
const dX = (v: Access, i: number, j: number): Q =>
  sum(1, K, (m) => sum(1, K, (n) => qmul(v.dy(i - m + 1, j - n + 1), v.w(m, n))));
/** The true kernel gradient: Σ_{i,j=1}^{3} δ_{ij} i_{i+m−1, j+n−1}. */
const dW = (v: Access, m: number, n: number): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i + m - 1, j + n - 1))));
/** Σ_{i,j} δ_{ij}: the true bias gradient. */
const dbAll = (v: Access): Q => sum(1, O, (i) => sum(1, O, (j) => v.dy(i, j)));
/** The chapter's "general" input gradient Σ_m Σ_n h_{m,n} δ_{i+m,j+n}. */
const dX163 = (v: Access, i: number, j: number): Q =>
  sum(1, K, (m) => sum(1, K, (n) => qmul(v.w(m, n), v.dy(i + m, j + n))));
const fp = (v: Access, [i, j]: number[]): Q => v.fprime("net_i", i!, j!);
const relu = (q: Q): Q => (q.n * q.d < 0n ? Q0 : q);
const d = (v: Access, a: number, b: number) => v.dy(a, b);
const h = (v: Access, a: number, b: number) => v.w(a, b);
const add = (...xs: Q[]): Q => xs.reduce((s, x) => qadd(s, x), Q0);

/** A formula about one output entry: its right-hand side there, the true output elsewhere. */
const yAt =
  (at: [number, number], rhs: (v: Access) => Q) =>
  (v: Access, [i, j]: number[]): Q =>
    i === at[0] && j === at[1] ? rhs(v) : Y(v, i!, j!);
/** A formula about one input-gradient entry: its right-hand side there, the true gradient elsewhere. */
const dxAt =
  (at: [number, number], rhs: (v: Access) => Q) =>
  (v: Access, [i, j]: number[]): Q =>
    i === at[0] && j === at[1] ? rhs(v) : dX(v, i!, j!);
/** A formula about one kernel-gradient entry. */
const dwAt =
  (at: [number, number], rhs: (v: Access) => Q) =>
  (v: Access, [m, n]: number[]): Q =>
    m === at[0] && n === at[1] ? rhs(v) : dW(v, m!, n!);

/** Row (i, j) of eq. (5) as written: Σ over the four inputs it lists (which start at (r, c)). */
const row =
  (r: number, c: number) =>
  (v: Access): Q =>
    noBias(v, r, c);

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});
const noBiasWhy =
  "the layer has a bias (the chapter's eq. 15 differentiates with respect to it), so net_o = Σ i h + b: the written sum leaves b out";

const src: CorpusSource = {
  file: "62-charmve-cv-in-action-cnn-backprop-zh.md",
  citation:
    "张伟 (Zhang Wei, GitHub: Charmve), 《计算机视觉实战演练：算法与应用》 (Computer Vision in Action, open book on GitHub), 第 2 章 卷积神经网络, 《实战项目 2 - 动手搭建一个卷积神经网络》, sections 2.7.1 and 2.7.2 (1. 卷积层的反向传播), chapter dated 2021/04/29, file docs/1_理论篇/chapter2_CNN/chapter2_CNN-in-Action.md (last changed 14 August 2021, commit 47ab8419d52b6154d645dcbeba5208259283f387), read at commit 03b52ec49432701612d0ec897e956b46cb049aea",
  url: "https://github.com/Charmve/computer-vision-in-action/blob/03b52ec49432701612d0ec897e956b46cb049aea/docs/1_%E7%90%86%E8%AE%BA%E7%AF%87/chapter2_CNN/chapter2_CNN-in-Action.md",
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
    other(
      40,
      "neto11 =conv(input,filter)",
      "the worked example's numbers (the figure's input and filter1: 1×1 + 0×(−1) + 1×1 + 1×(−1) = 1), not a formula about the layer's gradients",
    ),
    other(49, "outo11=activators(neto11)", "the example's ReLU output max(0, 1) = 1, after the layer"),
    def(
      84,
      "δ_{i, j} = \\frac{∂E} {∂net_{i,j}}",
      "the error term of a neuron, δ := ∂E/∂net (the recap of ordinary back-propagation)",
    ),
    other(
      86,
      "η_{i,j}=\\frac{∂E}{∂net_{i,j}}",
      "the recap's weight gradient of a fully connected neuron, not this convolution's",
    ),
    other(88, "w_{i,j}=w_{i,j}−λ⋅η_{i,j}", "the gradient-descent update rule"),
    {
      line: 94,
      snippet: "out_{i_{11}}= net_{o_{11}}",
      truth: "fails",
      target: "Y",
      why: "'上一层神经元的输出 = 下一层神经元的输入': but the input net_{o_{11}} of o_{11} is i_{11}h_{11} + i_{12}h_{12} + i_{21}h_{21} + i_{22}h_{22} + b, not the single input out_{i_{11}} = i_{11}",
      claimed: yAt([1, 1], (v) => v.x(1, 1)),
    },
    def(98, "i_{11} =out_{i_{11}}", "notation: the chapter writes i_{11} for the previous layer's output out_{i_{11}}"),
    def(99, "=activators(net_{i_{11}})", "the previous layer's activation, which produces this layer's input"),
    def(
      100,
      "net_{o_{11}}=conv(input,filter)",
      "names the operation that gives o_{11}'s input (spelled out in the next line)",
    ),
    {
      line: 101,
      snippet: "=i_{11}×h_{11}+i_{12}×h_{12}+i_{21}×h_{21}+i_{22}×h_{22}",
      truth: "fails",
      target: "Y",
      why: `net_{o_{11}} as the correlation of the top-left 2×2 window with h: right but for the bias — ${noBiasWhy}`,
      claimed: yAt([1, 1], row(1, 1)),
    },
    def(
      102,
      "out_{o_{11}}=activators(net_{o_{11}})",
      "the layer's activation after the convolution (out_o is not a tensor the gradients are about)",
    ),
    def(103, "=max(0,net_{o_{11}})", "the activation is a ReLU"),
    def(
      110,
      "δ11=\\frac{∂E}{∂net_{i_{11}}}",
      "introduces δ_{11} := ∂E/∂net_{i_{11}}, the previous layer's error, and its chain rule through out_{i_{11}} = i_{11} (each link a rewriting of the same derivative)",
    ),
    {
      line: 118,
      snippet: "net_{o_{11}}=i_{11}×h_{11}+i_{12}×h_{12}+i_{21}×h_{21}+i_{22}×h_{22}",
      truth: "fails",
      target: "Y",
      why: `the window at (1, 1) correlated with h — ${noBiasWhy}`,
      claimed: yAt([1, 1], row(1, 1)),
    },
    {
      line: 119,
      snippet: "net_{o_{12}}=i_{12}×h_{11}+i_{13}×h_{12}+i_{22}×h_{21}+i_{23}×h_{22}",
      truth: "fails",
      target: "Y",
      why: `the window at (1, 2) — ${noBiasWhy}`,
      claimed: yAt([1, 2], row(1, 2)),
    },
    {
      line: 120,
      snippet: "net_{o_{12}}=i_{13}×h_{11}+i_{14}×h_{12}+i_{23}×h_{21}+i_{24}×h_{22}",
      truth: "fails",
      target: "Y",
      why: "labelled net_{o_{12}} (a second time) but its right side is the window at (1, 3), net_{o_{13}}'s; wrong even without the bias it also leaves out",
      claimed: yAt([1, 2], row(1, 3)),
    },
    {
      line: 121,
      snippet: "net_{o_{21}}=i_{21}×h_{11}+i_{22}×h_{12}+i_{31}×h_{21}+i_{32}×h_{22}",
      truth: "fails",
      target: "Y",
      why: `the window at (2, 1) — ${noBiasWhy}`,
      claimed: yAt([2, 1], row(2, 1)),
    },
    {
      line: 122,
      snippet: "net_{o_{22}}=i_{22}×h_{11}+i_{23}×h_{12}+i_{32}×h_{21}+i_{33}×h_{22}",
      truth: "fails",
      target: "Y",
      why: `the window at (2, 2) — ${noBiasWhy}`,
      claimed: yAt([2, 2], row(2, 2)),
    },
    {
      line: 123,
      snippet: "net_{o_{23}}=i_{23}×h_{11}+i_{24}×h_{12}+i_{33}×h_{21}+i_{34}×h_{22}",
      truth: "fails",
      target: "Y",
      why: `the window at (2, 3) — ${noBiasWhy}`,
      claimed: yAt([2, 3], row(2, 3)),
    },
    {
      line: 124,
      snippet: "net_{o_{31}}=i_{31}×h_{11}+i_{32}×h_{12}+i_{41}×h_{21}+i_{42}×h_{22}",
      truth: "fails",
      target: "Y",
      why: `the window at (3, 1) — ${noBiasWhy}`,
      claimed: yAt([3, 1], row(3, 1)),
    },
    {
      line: 125,
      snippet: "net_{o_{32}}=i_{32}×h_{11}+i_{33}×h_{12}+i_{42}×h_{21}+i_{43}×h_{22}",
      truth: "fails",
      target: "Y",
      why: `the window at (3, 2) — ${noBiasWhy}`,
      claimed: yAt([3, 2], row(3, 2)),
    },
    {
      line: 126,
      snippet: "net_{o{33}}=i_{33}×h_{11}+i_{34}×h_{12}+i_{43}×h_{21}+i_{44}×h_{22}",
      truth: "fails",
      target: "Y",
      why: `net_{o{33}} read net_{o_{33}}: the window at (3, 3) — ${noBiasWhy}`,
      claimed: yAt([3, 3], row(3, 3)),
    },
    {
      line: 134,
      snippet: "$$\\frac {∂E}{∂i_{11}}",
      truth: "holds",
      target: "dX",
      why: "eq. (6): i_{11} enters only net_{o_{11}}, under h_{11}: ∂E/∂i_{11} = δ_{11}⋅h_{11} (δ the output gradient)",
      claimed: dxAt([1, 1], (v) => chain(qmul(d(v, 1, 1), h(v, 1, 1)), qmul(d(v, 1, 1), h(v, 1, 1)))),
    },
    {
      line: 139,
      snippet: "$$\\frac {∂E}{∂i_{12}}=\\frac{∂E}{∂net_{o_{11}}}",
      truth: "holds",
      target: "dX",
      why: "eq. (7): i_{12} enters net_{o_{11}} under h_{12} and net_{o_{12}} under h_{11}",
      claimed: dxAt([1, 2], (v) =>
        chain(
          add(qmul(d(v, 1, 1), h(v, 1, 2)), qmul(d(v, 1, 2), h(v, 1, 1))),
          add(qmul(d(v, 1, 1), h(v, 1, 2)), qmul(d(v, 1, 2), h(v, 1, 1))),
        ),
      ),
    },
    {
      line: 143,
      snippet: "$$\\frac {∂E}{∂i_{13}}=\\frac{∂E}{∂net_{o_{12}}}",
      truth: "fails",
      target: "dX",
      why: "eq. (8): its chain over net_{o_{12}} (∂/∂i_{13} = h_{12}) and net_{o_{13}} (h_{11}) is right, δ_{12}h_{12} + δ_{13}h_{11}, but it ends δ_{12}⋅h_{13} + δ_{12}⋅h_{11} (no h_{13} in a 2×2 kernel, δ_{12} twice)",
      claimed: dxAt([1, 3], (v) =>
        chain(
          add(qmul(d(v, 1, 2), h(v, 1, 2)), qmul(d(v, 1, 3), h(v, 1, 1))),
          add(qmul(d(v, 1, 2), h(v, 1, 3)), qmul(d(v, 1, 2), h(v, 1, 1))),
        ),
      ),
    },
    {
      line: 147,
      snippet: "$$\\frac {∂E}{∂i_{21}}=\\frac{∂E}{∂net_{o_{11}}}",
      truth: "holds",
      target: "dX",
      why: "eq. (9): i_{21} enters net_{o_{11}} under h_{21} and net_{o_{21}} under h_{11}",
      claimed: dxAt([2, 1], (v) =>
        chain(
          add(qmul(d(v, 1, 1), h(v, 2, 1)), qmul(d(v, 2, 1), h(v, 1, 1))),
          add(qmul(d(v, 1, 1), h(v, 2, 1)), qmul(d(v, 2, 1), h(v, 1, 1))),
        ),
      ),
    },
    {
      line: 152,
      snippet: "$$\\frac {∂E}{∂i_{22}}=\\frac{∂E}{∂net_{o_{11}}}",
      truth: "holds",
      target: "dX",
      why: "eq. (10), its chain rule: i_{22} enters net_{o_{11}}, net_{o_{12}}, net_{o_{21}}, net_{o_{22}} (under h_{22}, h_{21}, h_{12}, h_{11})",
      claimed: dxAt([2, 2], (v) =>
        add(
          qmul(d(v, 1, 1), h(v, 2, 2)),
          qmul(d(v, 1, 2), h(v, 2, 1)),
          qmul(d(v, 2, 1), h(v, 1, 2)),
          qmul(d(v, 2, 2), h(v, 1, 1)),
        ),
      ),
    },
    {
      line: 154,
      snippet: "=δ_{11}⋅h_{22}+δ_{12}⋅h_{21}+δ_{21}⋅h_{12}+δ_{22}⋅h_{11}",
      truth: "holds",
      target: "dX",
      why: "eq. (10)'s value of ∂E/∂i_{22}: δ_{11}h_{22} + δ_{12}h_{21} + δ_{21}h_{12} + δ_{22}h_{11}, the flipped kernel against δ",
      claimed: dxAt([2, 2], (v) =>
        add(
          qmul(d(v, 1, 1), h(v, 2, 2)),
          qmul(d(v, 1, 2), h(v, 2, 1)),
          qmul(d(v, 2, 1), h(v, 1, 2)),
          qmul(d(v, 2, 2), h(v, 1, 1)),
        ),
      ),
    },
    {
      line: 163,
      snippet: "\\frac{∂E}{∂_{i,j}}=∑_m⋅∑_nh_{m,n}δ_{i+m,j+n}",
      truth: "fails",
      target: "dX",
      why: "∂_{i,j} read ∂i_{i,j}, m, n over the kernel's 1 … 2: Σ h_{m,n}δ_{i+m,j+n} correlates δ forward of (i, j) with the unflipped kernel; eqs. (6)–(10) give Σ h_{m,n}δ_{i−m+1,j−n+1} (∂E/∂i_{11} = δ_{11}h_{11}, not h_{11}δ_{22} + …)",
      claimed: (v, [i, j]) => dX163(v, i!, j!),
    },
    def(167, "∵i_{11}=out_{i_{11}}", "the notation i_{11} = out_{i_{11}} again"),
    def(168, "=activators(net_{i_{11}})", "the previous layer's activation"),
    def(169, "∴\\frac{∂i_{11}}{∂net_{i_{11}}} = f′(net_{i_{11}})", "the activation's derivative, named f′"),
    def(
      170,
      "∴δ_{11}=\\frac{∂E}{∂net_{i_{11}}}",
      "δ_{11} := ∂E/∂net_{i_{11}}, the previous layer's error (not the output gradient δ of eqs. 6–10)",
    ),
    {
      line: 171,
      snippet: "=\\frac{∂E}{∂i_{11}}⋅\\frac{∂i_{11}}{∂net_{i_{11}}}",
      truth: "holds",
      target: "dX",
      scale: fp,
      why: "the chain rule through the previous layer's activation: ∂E/∂net_{i_{11}} = ∂E/∂i_{11} ⋅ f′(net_{i_{11}})",
      claimed: (v, idx) => qmul(dX(v, idx[0]!, idx[1]!), fp(v, idx)),
    },
    {
      line: 172,
      snippet: "=∑_m⋅∑_nh_{m,n}δ_{i+m,j+n}⋅f′(net_{i_{11}})",
      truth: "fails",
      target: "dX",
      scale: fp,
      why: "eq. (12): line 163's wrong Σ h_{m,n}δ_{i+m,j+n} (δ ahead of (i, j), kernel unflipped) times f′(net_{i_{ij}}) (the i_{11} of the left side read as the entry (i, j) the sum is about)",
      claimed: (v, idx) => qmul(dX163(v, idx[0]!, idx[1]!), fp(v, idx)),
    },
    {
      line: 179,
      snippet: "$$\\frac{∂E}{∂h_{11}}=\\frac{∂E}{∂net_{o_{11}}}",
      truth: "fails",
      target: "dW",
      why: "eq. (13): the chain over net_{o_{11}} … net_{o_{33}} is right (∂net_{o_{ij}}/∂h_{11} = i_{ij}), but it ends δ_{11}⋅h_{11} + … + δ_{33}⋅h_{11}, the kernel entry where the inputs i_{11} … i_{33} belong",
      claimed: dwAt([1, 1], (v) => chain(dW(v, 1, 1), qmul(h(v, 1, 1), dbAll(v)))),
    },
    {
      line: 184,
      snippet: "\\frac{∂E}{∂h_{i,}}j=∑_m∑_nδ_{m,n}out_{o_{i+m,j+n}}",
      truth: "fails",
      target: "dW",
      why: "eq. (14), ∂h_{i,}j read ∂h_{i,j}, m, n over δ's 1 … 3: it multiplies δ by out_{o}, the layer's own output after the ReLU, not its input i (and i + m is one off for 1-based sums: the kernel gradient is Σ δ_{m,n} i_{i+m−1, j+n−1})",
      claimed: (v, [i, j]) => sum(1, O, (m) => sum(1, O, (n) => qmul(v.dy(m, n), relu(v.y(i! + m, j! + n))))),
    },
    {
      line: 188,
      snippet: "\\frac{∂E}{∂b}=\\frac{∂E}{∂net_{o_{11}}}\\frac{∂net_{o_{11}}}{∂w_b}",
      truth: "fails",
      target: "db",
      why: "the bias (weight w_b) enters all nine outputs with coefficient 1; this $…$ (the line's own) sums two of them, δ_{11} + δ_{12}",
      claimed: (v) => add(d(v, 1, 1), d(v, 1, 2)),
    },
    {
      line: 190,
      snippet: "=δ_{11}+δ_{12}+δ_{21}+δ_{22}=∑_i∑_jδ_{i,j}",
      truth: "fails",
      target: "db",
      why: "eq. (15): δ_{11} + δ_{12} + δ_{21} + δ_{22} is four of the nine output gradients (the 2×2 of some other example); the Σ_i Σ_j δ_{i,j} it is set equal to is the true bias gradient, so the chain is false",
      claimed: (v) => chain(add(d(v, 1, 1), d(v, 1, 2), d(v, 2, 1), d(v, 2, 2)), dbAll(v)),
    },
  ],
};
export default src;
