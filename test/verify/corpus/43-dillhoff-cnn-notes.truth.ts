/**
 * Alex Dillhoff (The University of Texas at Arlington), "Convolutional Neural Networks": the lecture notes his
 * course pages (CSE 6363 Machine Learning, CSE 4310 Computer Vision, CSE 4309) link as their CNN reading, an
 * ox-hugo Markdown page of his site (content/notes/convolutional_neural_networks.md of ajdillhoff/personal-site,
 * body last changed October 2023) — the convolution operator (continuous, 1-D, 2-D, and the cross-correlation
 * deep-learning APIs use), the output sizes with padding, stride and dilation, equivariance, and a "Backwards
 * Pass" that derives ∂L/∂w of a convolution layer in index notation: chain rule, local derivative, closed form.
 * Layer: the notes' own example — "a convolutional layer with zero padding and unit stride with a square 2 × 2
 * kernel applied to a square 3 × 3 input", output 2 × 2 (line 151) — one channel, 0-based (the sums start at
 * i = 0), a cross-correlation with a scalar bias b (line 160: x_{i,j} = Σ_m Σ_n w_{m,n} z^{(l−1)}_{i+m,j+n} + b).
 * The notes name the layer's OUTPUT x (x_{i,j}, "the feature map", ∂L/∂x its gradient, v.dy) and its input
 * z^{(l−1)} ("the output from the previous layer", v.x); w is the kernel (v.w). "Zero padding" is no padding:
 * the output is (3 − 2 + 1) × (3 − 2 + 1).
 * The notes' mistakes: the sums over the feature map run i, j = 0 … 2 (lines 154, 168) on a 2 × 2 output, whose
 * indices are 0 and 1 — the terms with i = 2 or j = 2 name outputs that do not exist; read 0 (no output, no term),
 * as every corpus formula that reaches past the output is read, they change nothing, so those formulas hold. And
 * the local derivative (line 160) is typeset without brackets: ∂/∂w_{m',n'} Σ_m Σ_n w_{m,n} z_{i+m,j+n} + b puts
 * the bias outside the derivative (a derivative, like a sum, takes the product after it), so as written its first
 * link is z_{i+m',j+n'} + b, not z_{i+m',j+n'}: it fails (the text the notes follow — Jefkine's, corpus 06, whose
 * x_{i,j} and w_{m',n'} they use — brackets the whole forward expression). Its next two links hold.
 * Line 169 writes the kernel gradient as "∂L/∂x_{i,j} * z_{m',n'}": the notes use * for both operations, telling
 * them apart by the order of the operands — (I * K)(i, j) = Σ I(i − m, j − n) K(m, n), image first, is the true
 * convolution (line 31), and (K * I)(i, j) = Σ I(i + m, j + n) K(m, n), kernel first, the cross-correlation
 * (line 42). In line 169 the 2 × 2 map ∂L/∂x is first and slides over the 3 × 3 input z: line 42's pattern, read
 * at (m', n') (the shorthand puts the result's index on the operand z), Σ_{i,j} z_{m'+i,n'+j} ∂L/∂x_{i,j} — the
 * kernel gradient, so it holds (under line 31's image-first reading it would be the true convolution
 * Σ ∂L/∂x_{m'−i,n'−j} z_{i,j}, and fail; the notes' closing remark on flipping does not decide it).
 * Definitions: the continuous, 1-D and 2-D convolutions (lines 9, 15, 23, 31: "CNNs for images use a 2D convolution
 * defined as"), the cross-correlation (42), equivariance f(g(x)) = g(f(x)) (119). Not found by verify, so not
 * listed: the output-size expressions ⌊(m − n)/s⌋ + 1 and ⌊(m + 2p − n − (n − 1)(d − 1))/s⌋ + 1 (displays
 * without "="; both are right) and the inline sizes (m − n + 1) × (m − n + 1), 1024 × 512.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const K = 2; // 2×2 kernel on a 3×3 input, 2×2 output
const TOP = 2; // the notes' upper limit of i and j (the output's last index is 1)

/** Σ_{i=0}^{2} Σ_{j=0}^{2} ∂L/∂x_{i,j} · d(i, j): the chain rule of line 154 with a local derivative d. */
const chain = (v: Access, d: (i: number, j: number) => Q): Q =>
  sum(0, TOP, (i) => sum(0, TOP, (j) => qmul(v.dy(i, j), d(i, j))));
/** Σ_{i,j=0}^{2} ∂L/∂x_{i,j} z^{(l−1)}_{i+m',j+n'}: the kernel gradient as lines 154 and 168 sum it. */
const dW = (v: Access, [m, n]: number[]): Q => chain(v, (i, j) => v.x(i + m!, j + n!));

const definition = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});

const src: CorpusSource = {
  file: "43-dillhoff-cnn-notes.md",
  citation:
    'Alex Dillhoff (GitHub: ajdillhoff; The University of Texas at Arlington), "Convolutional Neural Networks", lecture notes on his course website ajdillhoff.github.io (the CNN reading of his courses CSE 6363, CSE 4310 and CSE 4309), repository ajdillhoff/personal-site, file content/notes/convolutional_neural_networks.md (body last changed 27 October 2023, commit 7b8478348c831b45614ce9e3492fbc756f288d02), read at commit d45b66aecf4570f27c471d2ed0545e7587bbb5d2 (12 April 2026): sections "Convolution Operator" to "Backwards Pass" (the convolution and cross-correlation, output sizes, ∂L/∂w as chain rule, local derivative and closed form)',
  url: "https://github.com/ajdillhoff/personal-site/blob/d45b66aecf4570f27c471d2ed0545e7587bbb5d2/content/notes/convolutional_neural_networks.md",
  flags: ["--input", "3x3", "--kernel", "2x2", "--op", "xcorr", "--index-base", "0", "--bias"],
  layer: {
    op: "xcorr",
    input: [3, 3],
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
    definition(
      9,
      "(f * g)(t) = \\int f(t-a)g(a)da",
      "the continuous convolution of two functions: the operator's definition, not this layer",
    ),
    definition(
      15,
      "(x * w)(t) = \\int x(t-a)w(a)da",
      "the same continuous convolution, named for an input x and a kernel w",
    ),
    definition(
      23,
      "(x * w)(t) = \\sum_{a}x(t-a)w(a)",
      "the discrete 1-D convolution: the operator's definition (our layer is 2-D)",
    ),
    definition(
      31,
      "(I * K)(i, j) = \\sum_m \\sum_n I(i-m, j-n)K(m, n)",
      '"CNNs for images use a 2D convolution defined as": the definition of the true 2-D convolution (kernel flipped, as the notes say next); the layer itself is the cross-correlation of line 42 and line 160',
    ),
    definition(
      42,
      "(K * I)(i, j) = \\sum_m \\sum_n I(i+m, j+n)K(m, n)",
      "the definition of the cross-correlation that deep-learning APIs implement (kernel K first, image I second) — the operation of the layer's forward pass (line 160), here without its bias",
    ),
    definition(
      119,
      "f(g(x)) = g(f(x))",
      '"two functions f and g are equivarient if": the definition of equivariance, not a formula about the layer\'s tensors',
    ),
    {
      line: 151,
      snippet: "(3 - 2 + 1) \\times (3 - 2 + 1) = 2 \\times 2",
      truth: "holds",
      target: "size",
      why: "a valid, stride-1 convolution of a 3 × 3 input with a 2 × 2 kernel has (3 − 2 + 1) × (3 − 2 + 1) = 2 × 2 outputs",
    },
    {
      line: 154,
      snippet:
        "\\frac{\\partial \\mathcal{L}}{\\partial w_{m',n'}} = \\sum_{i=0}^2 \\sum_{j=0}^2 \\frac{\\partial \\mathcal{L}}{\\partial x_{i, j}} \\frac{\\partial x_{i,j}}{\\partial w_{m', n'}}",
      truth: "holds",
      target: "dW",
      why: "w_{m',n'} enters every output x_{i,j}: the chain rule over them, with the local derivative z_{i+m',j+n'} (line 162); the sums run to 2 on a 2 × 2 output, but the terms i = 2 or j = 2 name no output and are 0",
      claimed: dW,
    },
    {
      line: 160,
      snippet:
        "\\frac{\\partial x_{i, j}}{\\partial w_{m', n'}} &= \\frac{\\partial}{\\partial w_{m', n'}} \\sum_{m} \\sum_{n} w_{m, n} z_{i+m, j+n}^{(l-1)} + b",
      truth: "fails",
      target: "dW",
      why: "as typeset (no brackets) the derivative takes the sum only and + b stays outside it: the right side is z_{i+m',j+n'} + b, not ∂x_{i,j}/∂w_{m',n'} = z_{i+m',j+n'}; checked through line 154's chain rule, which then gives the kernel gradient plus b·Σ ∂L/∂x",
      claimed: (v, [m, n]) => chain(v, (i, j) => qadd(v.x(i + m!, j + n!), v.b())),
    },
    {
      line: 161,
      snippet: "&= \\frac{\\partial}{\\partial w_{m', n'}} w_{m', n'}z_{i+m', j+n'}^{(l-1)}",
      truth: "holds",
      target: "dW",
      why: "only the term m = m', n = n' of x_{i,j} depends on w_{m',n'}: its derivative is that of w_{m',n'} z_{i+m',j+n'}; checked through line 154's chain rule",
      claimed: dW,
    },
    {
      line: 162,
      snippet: "&= z_{i+m', j+n'}^{(l-1)}",
      truth: "holds",
      target: "dW",
      why: "w_{m',n'} multiplies z_{i+m',j+n'} in x_{i,j} and nothing else there (the bias does not depend on w); checked through line 154's chain rule",
      claimed: dW,
    },
    {
      line: 168,
      snippet:
        "\\frac{\\partial \\mathcal{L}}{\\partial w_{m',n'}} &= \\sum_{i=0}^2 \\sum_{j=0}^2 \\frac{\\partial \\mathcal{L}}{\\partial x_{i, j}} z_{i+m', j+n'}^{(l-1)}",
      truth: "holds",
      target: "dW",
      why: "the kernel gradient: the output gradient correlated with the input, Σ_{i,j} ∂L/∂x_{i,j} z_{i+m',j+n'} (the terms with i = 2 or j = 2 are 0: no such output)",
      claimed: dW,
    },
    {
      line: 169,
      snippet: "&= \\frac{\\partial \\mathcal{L}}{\\partial x_{i, j}} * z_{m', n'}^{(l-1)}",
      truth: "holds",
      target: "dW",
      why: "with the notes' own operand order — (K * I)(i, j) = Σ I(i + m, j + n) K(m, n), the smaller map first (line 42) — the 2 × 2 map ∂L/∂x slid over z^{(l−1)} and read at (m', n') is Σ_{i,j} z_{m'+i,n'+j} ∂L/∂x_{i,j}, the kernel gradient of line 168",
      claimed: (v, [m, n]) => sum(0, K - 1, (i) => sum(0, K - 1, (j) => qmul(v.x(m! + i, n! + j), v.dy(i, j)))),
    },
  ],
};
export default src;
