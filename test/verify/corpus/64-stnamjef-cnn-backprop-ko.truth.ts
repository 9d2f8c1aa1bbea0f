/**
 * Seungtae Nam (GitHub: stnamjef; the name his commits sign), "Back propagation in CNN": a Korean page of August 2020 on his GitHub Pages
 * site (the Markdown file docs/Machine Learning/2020-08-01-Back propagation in CNN.md of the repository
 * stnamjef/stnamjef.github.io, read at its last version, the commit of 2 September 2020; the page was deleted from
 * the site in July 2021) — an appendix of his C++ LeNet-5 project, deriving back-propagation layer by layer with a
 * layer superscript l and an activation τ. Transcribed: the notation, the LeNet-5 introduction, subsection (5) (an
 * average-pooling layer l in front of a convolution layer l − 1) and subsection (6), the convolution layer itself.
 * Layer: the convolution of subsection (6), z^l_{ij} = Σ_{x=0}^{m−1} Σ_{y=0}^{n−1} w^l_{xy} a^{l−1}_{i+x, j+y} + b^l,
 * a^l_{ij} = τ(z^l_{ij}): one channel, 0-based, a cross-correlation, one scalar bias b^l, stride 1, no padding.
 * z^l is convgrad's Y, a^{l−1} its X (the previous layer's activation), w^l its W; δ^l_{ij} = ∂J/∂z^l_{ij} (the
 * notation) is v.dy(i, j) — the gradients of (6) all stop at z^l, so no τ' enters them. Sizes: subsection (5) names
 * M × N the input's height and width and m × n the kernel's; the sums of (6) run i and j both over 0 … N − m, which
 * is the output's range only for a square input and kernel (M = N, m = n), so we take a square layer, a small choice
 * (6) allows: a 5 × 5 input, a 3 × 3 kernel, a 3 × 3 output (N − m = 2). (With M ≠ N or m ≠ n the bound of i, N − m,
 * would be wrong: i runs to M − m and j to N − n.) LeNet-5's own C3 (14 × 14 input, 5 × 5 kernel) is square too.
 * The page's mistakes: the first link of each chain drops the sum over the outputs that its next link writes —
 * ∂J/∂w^l_{xy} = ∂J/∂z^l_{ij} × ∂z^l_{ij}/∂w^l_{xy} (lines 85–86) and ∂J/∂b^l = ∂J/∂z^l_{ij} × ∂z^l_{ij}/∂b^l (line
 * 102) leave i, j free on the right: as written each is one output's term, δ^l_{ij} a^{l−1}_{i+x, j+y} or δ^l_{ij},
 * not the sum over the 3 × 3 outputs (checked at (i, j) = (0, 0); any fixed (i, j) fails alike). Also, not found by
 * verify: the notation's ∂J/∂z^1_{ij} (line 15) for ∂J/∂z^l_{ij}. Everything of (6) else holds: the forward pass
 * (line 74), the kernel gradient (lines 87, 88: the input correlated with the output gradient) and the bias gradient
 * (lines 103, 104).
 * Other: subsection (5) is about the average-pooling layer l, not this convolution — its forward pass (line 40,
 * z^l_{ij} = (1/(m × n)) Σ a^{l−1}_{x+i, y+j}, the mean of a window, another layer's z^l) and its back-propagation
 * to the convolution's z^{l−1} (lines 51–55, with τ'(z^{l−1}_{pq})); line 50's first link, δ^{l−1}_{pq} = ∂J/∂z^{l−1}_{pq},
 * is the notation's definition of δ. Line 75, a^l_{ij} = τ(z^l_{ij}), defines the layer's activated output.
 * Line 101 writes \begin {align} (a space before the brace), as the page has it.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 5,
  M = 3; // 5×5 input (N), 3×3 kernel (m = n), 3×3 output: i, j = 0 … N − m

/** z^l_{ij} = Σ_{x,y=0}^{m−1} w^l_{xy} a^{l−1}_{i+x, j+y} + b^l: the forward pass with its bias. */
const fwd = (v: Access, [i, j]: number[]): Q =>
  qadd(
    sum(0, M - 1, (x) => sum(0, M - 1, (y) => qmul(v.w(x, y), v.x(i! + x, j! + y)))),
    v.b(),
  );
/** Σ_{i,j=0}^{N−m} δ^l_{ij} a^{l−1}_{i+x, j+y}: the kernel gradient. */
const dW = (v: Access, [x, y]: number[]): Q =>
  sum(0, N - M, (i) => sum(0, N - M, (j) => qmul(v.dy(i, j), v.x(i + x!, j + y!))));
/** Σ_{i,j=0}^{N−m} δ^l_{ij}: the bias gradient. */
const db = (v: Access): Q => sum(0, N - M, (i) => sum(0, N - M, (j) => v.dy(i, j)));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const pooling =
  "subsection (5)'s back-propagation through the average-pooling layer l to the convolution's z^{l−1}: another layer's gradient, not this convolution's";

const src: CorpusSource = {
  file: "64-stnamjef-cnn-backprop-ko.md",
  citation:
    'Seungtae Nam (GitHub: stnamjef), "Back propagation in CNN" (in Korean), a page of his GitHub Pages site stnamjef.github.io (an appendix of his C++ LeNet-5 capstone project), file docs/Machine Learning/2020-08-01-Back propagation in CNN.md of the repository stnamjef/stnamjef.github.io, dated 2020-08-01, read at its last version, commit e2cd4ab2982c7cb7e53b1ce9151c43595982131b (2 September 2020): the notation, the introduction and subsections (5) and (6) (the convolution layer: forward pass, ∂J/∂w^l_{xy} and ∂J/∂b^l as chain rules)',
  url: "https://github.com/stnamjef/stnamjef.github.io/blob/e2cd4ab2982c7cb7e53b1ce9151c43595982131b/docs/Machine%20Learning/2020-08-01-Back%20propagation%20in%20CNN.md",
  flags: ["--input", "5x5", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0", "--bias"],
  layer: {
    op: "xcorr",
    input: [N, N],
    kernel: [M, M],
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
    other(
      40,
      "z^l_{ij} = \\frac{1}{m \\times n} \\sum^{m-1}_{x=0}\\sum^{n-1}_{y=0} a^{l-1}_{x+i, \\ y+j}",
      "the average-pooling layer's forward pass (subsection (5): '$l$ 층은 평균 풀링(average pooling) 층이다'): the mean of an m × n window — another layer's z^l, not this convolution's output",
    ),
    {
      line: 50,
      snippet: "\\delta^{l-1}_{pq} &= \\frac{\\partial J}{\\partial z^{l-1}_{pq}}",
      truth: "definition",
      why: "the notation's δ (∂J/∂z) at layer l − 1, the convolution's pre-activation below the pooling layer",
    },
    other(51, "&= \\delta^l_{ij} \\times \\frac{\\partial z^l_{ij}}{\\partial a^{l-1}_{pq}} \\times", pooling),
    other(53, "&= \\delta^l_{ij} \\times \\frac{\\partial  \\frac{1}{m \\times n}", pooling),
    other(55, "&= \\frac{\\delta^l_{ij}}{m \\times n} \\times \\tau'(z^{l-1}_{pq})", pooling),
    {
      line: 74,
      snippet: "z^l_{ij} &= \\sum^{m-1}_{x=0} \\sum^{n-1}_{y=0} w^l_{xy} a^{l-1}_{i+x, \\ j+y} + b^l",
      truth: "holds",
      target: "Y",
      why: "the layer's forward pass: the kernel w^l slid over the input a^{l−1} (a cross-correlation, x, y = 0 … m − 1) plus the one bias b^l",
      claimed: fwd,
    },
    {
      line: 75,
      snippet: "a^l_{ij} &= \\tau(z^l_{ij})",
      truth: "definition",
      why: "the activated output a^l = τ(z^l); the gradients of (6) stop at z^l, so τ enters none of them",
    },
    {
      line: 85,
      snippet: "\\frac{\\partial J}{\\partial w^l_{xy}}",
      truth: "fails",
      target: "dW",
      why: "the first link, ∂J/∂z^l_{ij} × ∂z^l_{ij}/∂w^l_{xy}, has no sum over the outputs (i, j free on the right, the next line writes Σ_{i,j}): as written it is one output's term δ^l_{ij} a^{l−1}_{i+x, j+y} (at (i, j) = (0, 0): δ^l_{00} a^{l−1}_{xy}), not w^l_{xy}'s gradient, which sums that term over all 3 × 3 outputs",
      claimed: (v, [x, y]) => qmul(v.dy(0, 0), v.x(x!, y!)),
    },
    {
      line: 87,
      snippet: "&= \\sum^{N-m}_{i=0} \\sum^{N-m}_{j=0} \\delta^l_{ij} \\times a^{l-1}_{i+x, \\ j+y}",
      truth: "holds",
      target: "dW",
      why: "w^l_{xy} multiplies a^{l−1}_{i+x, j+y} in every output z^l_{ij}, i, j = 0 … N − m: the kernel gradient Σ_{i,j} δ^l_{ij} a^{l−1}_{i+x, j+y}",
      claimed: dW,
    },
    {
      line: 88,
      snippet: "&= \\sum^{N-m}_{i=0} \\sum^{N-m}_{j=0} a^{l-1}_{i+x, \\ j+y} \\times \\delta^l_{ij}",
      truth: "holds",
      target: "dW",
      why: "line 87 with its factors swapped",
      claimed: dW,
    },
    {
      line: 102,
      snippet:
        "\\frac{\\partial J}{\\partial b^l} &= \\frac{\\partial J}{\\partial z^l_{ij}} \\times \\frac{\\partial z^l_{ij}}{\\partial b^l}",
      truth: "fails",
      target: "db",
      why: "as line 85: no sum over the outputs, i, j free on the right — one output's δ^l_{ij} × 1 (at (i, j) = (0, 0): δ^l_{00}), not the bias gradient, the sum of δ^l over all 3 × 3 outputs",
      claimed: (v) => v.dy(0, 0),
    },
    {
      line: 103,
      snippet: "&= \\sum^{N-m}_{i=0} \\sum^{N-m}_{j=0} \\delta^l_{ij} \\times 1",
      truth: "holds",
      target: "db",
      why: "the one bias b^l is added to every output z^l_{ij} with coefficient 1: its gradient is the sum of δ^l over i, j = 0 … N − m",
      claimed: (v) => db(v),
    },
    {
      line: 104,
      snippet: "&= \\sum^{N-m}_{i=0} \\sum^{N-m}_{j=0} \\delta^l_{ij}",
      truth: "holds",
      target: "db",
      why: "the bias gradient, the sum of the output gradient",
      claimed: (v) => db(v),
    },
  ],
};
export default src;
