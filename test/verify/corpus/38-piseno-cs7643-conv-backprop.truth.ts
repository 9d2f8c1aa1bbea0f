/**
 * Michael Piseno, "Backpropagation in Convolutional Layers": a post of December 2020 on his website (the Markdown
 * file _posts/2020-12-29-conv-backprop.md of the repository mpiseno/personal-site), written by a teaching assistant
 * of the Georgia Tech course CS 7643 Deep Learning from Prof. Dhruv Batra's hand-written course notes and lectures —
 * the forward pass of a convolution layer in index notation, and the gradients with respect to the kernel and the
 * input, each as a chain rule, its local derivative and its closed form.
 * Layer: one channel (the post: "c = 1"), 0-based (the sums run from 0 to k − 1 and to N − 1), stride 1, a
 * cross-correlation (y[r, c] = Σ_{a,b} X[r + a, c + b] w[a, b]), no bias (the post has none). The post keeps the
 * output the size of the input ("sufficient padding to make the output the same dimension as the input") while
 * its forward pass reads X[r + a, c + b] for r = 0 … N₁ − 1: the padding is k − 1 zeros after the input (bottom and
 * right), none before — the only reading under which the written forward pass, the region R_{r′,c′} of line 78
 * (from max(0, r′ − k₁ + 1) to r′) and the sums over r, c = 0 … N − 1 agree. Sizes are ours, the post fixes none:
 * X 4×4 (N₁ = N₂ = 4), w 3×2 (k₁ = 3, k₂ = 2, unequal so the axes are not confused), padding 0:2 × 0:1, y 4×4.
 * ∂L/∂y[r, c] is v.dy(r, c); X[i, j] is v.x(i, j), 0 outside the 4×4 (the zero padding).
 * The post's mistake: the chain rule for ∂L/∂X[r′, c′] written with max (line 85). Clamping the output index with
 * max(0, r′ − a) does not drop the out-of-range terms, it re-counts y[0, ·]: for r′ = 0 all k₁ values of a land on
 * row 0, so the term ∂L/∂y[0, c′ − b] · w[0, b] is counted k₁ times (and for 0 < r′ < k₁ − 1 the clamped terms
 * re-count row 0 with w[r′, ·]). The text says "the max function prevents us from indexing out of bounds"; the
 * version without it (line 91, "any negative index should be discarded") is right. Line 116 lacks the \\ that
 * would end its row, so lines 116–117 are one chain A = B = C (both links hold).
 * Everything else holds: the forward pass (12, restated 97, substituted 105), the chain rules for ∂L/∂w (33, 34),
 * the local derivative ∂y[r, c]/∂w[a′, b′] = X[r + a′, c + b′] (42–44 and 54, checked through the chain rule of
 * line 34 as corpus 31's), the kernel gradient (56) and its statement as a "convolution" X_padded ∗ ∂L/∂y (61: the
 * post calls its forward cross-correlation a convolution, and in that sense — slide ∂L/∂y over X padded, as the
 * forward slides w over X — it is Σ_{r,c} X[a′ + r, b′ + c] ∂L/∂y[r, c], the gradient; read as a true, flipped
 * convolution it would not be), the chain rule over the region R (84), the local derivative
 * ∂y[r′ − a, c′ − b]/∂X[r′, c′] = w[a, b] (106–108, checked through line 91's chain rule) and the input gradient
 * (91, 116–117: the output gradient fully correlated with the flipped kernel).
 * Other: "c = 1" (line 8, the channel count). Definition: the region R_{r′,c′} (line 78; its slice is read with
 * an inclusive end, as the text and the figure mean — Python's a:b would drop r′).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource } from "./types.js";

const N = 4,
  K1 = 3,
  K2 = 2; // X 4×4, w 3×2, padded 0:2 × 0:1 → y 4×4

/** Σ_{a,b} X[r + a, c + b] w[a, b]: the forward pass (X 0 past its last row and column, the padding). */
const fwd = (v: Access, r: number, c: number): Q =>
  sum(0, K1 - 1, (a) => sum(0, K2 - 1, (b) => qmul(v.x(r + a, c + b), v.w(a, b))));
/** Σ_{r,c=0}^{N−1} ∂L/∂y[r, c] X[r + a′, c + b′]: the kernel gradient. */
const dW = (v: Access, [a, b]: number[]): Q =>
  sum(0, N - 1, (r) => sum(0, N - 1, (c) => qmul(v.dy(r, c), v.x(r + a!, c + b!))));
/** Σ_{a,b} ∂L/∂y[r′ − a, c′ − b] w[a, b] (negative indices discarded: dy is 0 there). */
const dX = (v: Access, [r, c]: number[]): Q =>
  sum(0, K1 - 1, (a) => sum(0, K2 - 1, (b) => qmul(v.dy(r! - a, c! - b), v.w(a, b))));

const src: CorpusSource = {
  file: "38-piseno-cs7643-conv-backprop.md",
  citation:
    'Michael Piseno (GitHub: mpiseno; teaching assistant of the Georgia Tech course CS 7643 Deep Learning), "Backpropagation in Convolutional Layers", a post of 29 December 2020 on his website michaelpiseno.com, written up from Prof. Dhruv Batra\'s hand-written CS 7643 course notes and lectures, repository mpiseno/personal-site, file _posts/2020-12-29-conv-backprop.md (added 18 January 2021, commit 7fe25e5419e9e1ba52ddf3b34ec2de7e38740fe8), read at commit dd33e5157e9ec759762288accb6e0832c60e0d9b: the whole post (forward pass in index notation, ∂L/∂w and ∂L/∂X as chain rules, local derivatives and closed forms)',
  url: "https://github.com/mpiseno/personal-site/blob/dd33e5157e9ec759762288accb6e0832c60e0d9b/_posts/2020-12-29-conv-backprop.md",
  flags: ["--input", "4x4", "--kernel", "3x2", "--op", "xcorr", "--index-base", "0", "--padding", "0:2x0:1"],
  layer: {
    op: "xcorr",
    input: [N, N],
    kernel: [K1, K2],
    stride: [1, 1],
    dilation: [1, 1],
    padding: [
      [0, K1 - 1],
      [0, K2 - 1],
    ],
    inChannels: null,
    outChannels: null,
    groups: 1,
    batch: null,
    bias: false,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    { line: 8, snippet: "c = 1", truth: "other", why: "the number of channels (one), not a statement about a tensor" },
    {
      line: 12,
      snippet:
        "\\mathbf{y}[r, c] = \\sum_{a=0}^{k_{1}-1} \\sum_{b=0}^{k_{2}-1} \\mathbf{X}[r + a, c + b] \\mathbf{w}[a, b]",
      truth: "holds",
      target: "Y",
      why: "the forward pass: the cross-correlation of X, zero past its last row and column (the padding that keeps y the size of X), with w",
      claimed: (v, [r, c]) => fwd(v, r!, c!),
    },
    {
      line: 33,
      snippet:
        "\\frac{\\partial L}{\\partial \\mathbf{w}[a', b']} &= \\sum_{p \\in \\mathbf{y}} \\frac{\\partial L}{\\partial p} \\frac{\\partial p}{\\partial \\mathbf{w}[a', b']}",
      truth: "holds",
      target: "dW",
      why: "w[a′, b′] enters every pixel p of y: the chain rule over all of them, with ∂p/∂w[a′, b′] the input pixel it multiplies",
      claimed: dW,
    },
    {
      line: 34,
      snippet:
        "&= \\sum_{r=0}^{N_{1}-1} \\sum_{c=0}^{N_{2}-1} \\frac{\\partial L}{\\partial \\mathbf{y}[r, c]} \\frac{\\partial \\mathbf{y}[r, c]}{\\partial \\mathbf{w}[a', b']}",
      truth: "holds",
      target: "dW",
      why: "the same chain rule with the pixels of y (N₁ × N₂, the size of X) indexed by r, c",
      claimed: dW,
    },
    {
      line: 42,
      snippet:
        "\\frac{\\partial}{\\partial \\mathbf{w}[a', b']} \\mathbf{y}[r, c] &= \\frac{\\partial}{\\partial \\mathbf{w}[a', b']} \\sum_{a=0}^{k_{1}-1}",
      truth: "holds",
      target: "dW",
      why: "differentiating the forward pass term by term: only the term a = a′, b = b′ depends on w[a′, b′], leaving X[r + a′, c + b′] (line 44); checked through line 34's chain rule: Σ_{r,c} ∂L/∂y[r, c] times it is the kernel gradient",
      claimed: dW,
    },
    {
      line: 54,
      snippet: "\\frac{\\partial \\mathbf{y}[r, c]}{\\partial \\mathbf{w}[a', b']} = \\mathbf{X}[r + a', c + b']",
      truth: "holds",
      target: "dW",
      why: "w[a′, b′] multiplies X[r + a′, c + b′] in y[r, c] and nothing else there; checked through line 34's chain rule",
      claimed: dW,
    },
    {
      line: 56,
      snippet:
        "\\frac{\\partial L}{\\partial \\mathbf{w}[a', b']} = \\sum_{r=0}^{N_{1}-1} \\sum_{c=0}^{N_{2}-1} \\frac{\\partial L}{\\partial \\mathbf{y}[r, c]} \\mathbf{X}[r + a', c + b']",
      truth: "holds",
      target: "dW",
      why: "the kernel gradient: the output gradient correlated with the (zero-padded) input",
      claimed: dW,
    },
    {
      line: 61,
      snippet:
        "\\frac{\\partial L}{\\partial \\mathbf{w}} = \\mathbf{X}_{\\text{padded}} * \\frac{\\partial L}{\\partial \\mathbf{y}}",
      truth: "holds",
      target: "dW",
      why: "∗ in the post's sense (its forward cross-correlation is its 'convolution'): ∂L/∂y, N₁ × N₂, slid over X padded to (N₁ + k₁ − 1) × (N₂ + k₂ − 1) gives the k₁ × k₂ result Σ_{r,c} X[a′ + r, b′ + c] ∂L/∂y[r, c], line 56's gradient",
      claimed: (v, [a, b]) => sum(0, N - 1, (r) => sum(0, N - 1, (c) => qmul(v.x(a! + r, b! + c), v.dy(r, c)))),
    },
    {
      line: 78,
      snippet: "\\mathbf{R}_{r', c'} = \\mathbf{y}[\\max(0, r' - k_{1} + 1) : r'",
      truth: "definition",
      why: "names R_{r′,c′}, the block of y (rows max(0, r′ − k₁ + 1) … r′, columns likewise, ends included) whose pixels depend on X[r′, c′]",
    },
    {
      line: 84,
      snippet:
        "\\frac{\\partial L}{\\partial \\mathbf{X}[r', c']} &= \\sum_{p \\in \\mathbf{R}_{r', c'}} \\frac{\\partial L}{\\partial p} \\frac{\\partial p}{\\partial \\mathbf{X}[r', c']}",
      truth: "holds",
      target: "dX",
      why: "X[r′, c′] enters exactly the pixels y[R, C], R = max(0, r′ − k₁ + 1) … r′, C likewise (R, C ≤ N − 1 since r′, c′ are), under w[r′ − R, c′ − C]: the chain rule over them",
      claimed: (v, [r, c]) =>
        sum(Math.max(0, r! - K1 + 1), r!, (R) =>
          sum(Math.max(0, c! - K2 + 1), c!, (C) => qmul(v.dy(R, C), v.w(r! - R, c! - C))),
        ),
    },
    {
      line: 85,
      snippet:
        "&= \\sum_{a=0}^{k_{1}-1}\\sum_{b=0}^{k_{2}-1} \\frac{\\partial L}{\\partial \\mathbf{y}[\\max(0, r'-a), \\max(0,c'-b)]}",
      truth: "fails",
      target: "dX",
      why: "clamping with max does not drop the terms whose output index is negative, it repeats y[0, ·] (and y[·, 0]): for r′ = 0 every a gives the term ∂L/∂y[0, c′ − b] ∂y[0, c′ − b]/∂X[0, c′], counted k₁ times instead of once",
      claimed: (v, [r, c]) =>
        sum(0, K1 - 1, (a) =>
          sum(0, K2 - 1, (b) => {
            const R = Math.max(0, r! - a),
              C = Math.max(0, c! - b);
            return qmul(v.dy(R, C), v.w(r! - R, c! - C)); // ∂y[R, C]/∂X[r′, c′] = w[r′ − R, c′ − C]
          }),
        ),
    },
    {
      line: 91,
      snippet:
        "\\frac{\\partial L}{\\partial \\mathbf{X}[r', c']} = \\sum_{a=0}^{k_{1}-1}\\sum_{b=0}^{k_{2}-1} \\frac{\\partial L}{\\partial \\mathbf{y}[r'-a, c'-b]} \\frac{\\partial \\mathbf{y}[r'-a,c'-b]}{\\partial \\mathbf{X}[r', c']}",
      truth: "holds",
      target: "dX",
      why: "the chain rule over the outputs y[r′ − a, c′ − b] that X[r′, c′] enters, negative indices discarded (as the text says), ∂y[r′ − a, c′ − b]/∂X[r′, c′] = w[a, b]",
      claimed: dX,
    },
    {
      line: 97,
      snippet:
        "\\mathbf{y}[r', c'] &= \\sum_{\\alpha=0}^{k_{1}-1} \\sum_{\\beta=0}^{k_{2}-1} \\mathbf{X}[r' + \\alpha, c' + \\beta] \\mathbf{w}[\\alpha, \\beta]",
      truth: "holds",
      target: "Y",
      why: "line 12's forward pass with the names r′, c′, α, β",
      claimed: (v, [r, c]) => fwd(v, r!, c!),
    },
    {
      line: 105,
      snippet:
        "\\mathbf{y}[r' - a, c' - b] &= \\sum_{\\alpha=0}^{k_{1}-1} \\sum_{\\beta=0}^{k_{2}-1} \\mathbf{X}[r' - a + \\alpha, c' - b + \\beta] \\mathbf{w}[\\alpha, \\beta]",
      truth: "holds",
      target: "Y",
      why: "the forward pass at (r′ − a, c′ − b); checked at a = b = 1, i.e. y[r, c] with r′ = r + 1, c′ = c + 1",
      claimed: (v, [r, c]) => {
        const rp = r! + 1,
          cp = c! + 1,
          a = 1,
          b = 1;
        return sum(0, K1 - 1, (al) => sum(0, K2 - 1, (be) => qmul(v.x(rp - a + al, cp - b + be), v.w(al, be))));
      },
    },
    {
      line: 106,
      snippet: "\\Rightarrow \\frac{\\partial}{\\partial \\mathbf{X}[r', c']} \\mathbf{y}[r' - a, c' - b] &=",
      truth: "holds",
      target: "dX",
      why: "term by term, only α = a, β = b involves X[r′, c′]: the derivative is w[a, b] (line 108); checked through line 91's chain rule, where Σ_{a,b} ∂L/∂y[r′ − a, c′ − b] times it is the input gradient",
      claimed: dX,
    },
    {
      line: 116,
      snippet:
        "\\frac{\\partial L}{\\partial \\mathbf{X}[r', c']} &= \\sum_{a=0}^{k_{1}-1}\\sum_{b=0}^{k_{2}-1} \\frac{\\partial L}{\\partial \\mathbf{y}[r'-a, c'-b]} \\frac{\\partial \\mathbf{y}[r'-a, c'-b]}{\\partial \\mathbf{X}[r', c']}",
      truth: "holds",
      target: "dX",
      why: "line 91's chain rule, then (line 117, on the same row: the \\\\ is missing) Σ_{a,b} ∂L/∂y[r′ − a, c′ − b] w[a, b], the output gradient fully correlated with the flipped kernel, the terms off y 0",
      claimed: dX,
    },
  ],
};
export default src;
