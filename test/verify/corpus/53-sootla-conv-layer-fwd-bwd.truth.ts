/**
 * Sten Sootla, "Forward and backward propagations through a convolutional layer": a post dated 23 February 2018 on
 * his Jekyll blog (sootlasten.github.io; the Markdown file _posts/posts/2018-02-23-cnn-backprop.md of the repository
 * sootlasten/sootlasten.github.io, read at the September 2020 commit) — the forward pass of a multi-channel, batched
 * convolution layer in index notation, ∂L/∂w by the chain rule over the batch and the output, ∂L/∂x by the chain rule
 * over the outputs a unit feeds, the error of the previous layer through its activation, and an im2col implementation.
 * Layer: the post's — "For simplicity, we assume that the stride is of length 1", no padding in the formulas (the
 * forward pass reads x_{n, i+m−1, j+n−1, d}: "the input is padded already"), 1-based (the sums run from 1), a
 * cross-correlation, a batch of N examples (its ∂L/∂w sums Σ_{n=1}^N), D input channels, D_o^{l+1} kernels, each of
 * height H_k, width W_k and depth D, one bias b(f) per kernel. The post fixes no sizes; ours: N = 2, D = 2,
 * D_o^{l+1} = 3, an input 4×5, a kernel 2×3 (H_k ≠ W_k, so a swap of the two shows), so the output H_o × W_o is 3×3.
 * Layouts (the post's are batch, height, width, channel): x^l_{n,i,j,d} is v.x(n, d, i, j); w(f)_{m,n,d} is
 * v.w(f, d, m, n); ∂L/∂z^{l+1}_{n,i,j,f} is v.dy(n, f, i, j); b(f) is v.b(f). x^l is the layer's input (the
 * activation of layer l), z^{l+1} its output; ∂x^l/∂z^l (lines 193–194, 211) is the activation's derivative, the
 * opaque v.fprime("z", …).
 * The post's mistake: it uses n both for the training example (z_{n,i,j,f}, x_{n,i,j,f}) and for the summation index
 * over the kernel's width, Σ_{n=1}^{W_k}, in the same formula — and the sum binds it, so inside the sum the example
 * index IS the kernel column: as written, line 20 is z_{n,i,j,f} = Σ_m Σ_{n'=1}^{W_k} Σ_d x_{n', i+m−1, j+n'−1, d}
 * w(f)_{m,n',d} + b(f) (example n' for column n', examples past N read 0, the left side's n unused), which is not the
 * layer's output (true: x_{n, i+m−1, j+n'−1, d}, the same example n throughout). The same capture makes the input
 * gradient fail wherever it is written with Σ_{n=1}^{W_k} (lines 182, 188, 189 twice, 194): as written it is
 * Σ_m Σ_{n'} Σ_d ∂L/∂z_{n', i−m+1, j−n'+1, d} w(d)_{m,n',f} (the local derivative ∂z_{n',…}/∂x_{n',i,j,f} of line 182,
 * with its captured n', is w(d)_{m,n',f}), not Σ … ∂L/∂z_{n, i−m+1, j−n'+1, d} w(d)_{m,n',f}; and line 200's
 * bracket Σ_m Σ_{n=1}^{W_k} Σ_d x_{n,a+m−1,b+n−1,d} w(f)_{m,n,d} has the derivative x_{j, a+i−1, b+j−1, c} with respect
 * to w(f)_{i,j,c} (example j), not x_{n, a+i−1, b+j−1, c}. (Read with a separate letter for the kernel column, each of
 * these would hold: the post's own expansion on line 188 writes the inner sum with a, b, c, free of the clash. We take
 * the formulas as written.) In line 189's first link, ∂x_{n,i,j,c}/∂x_{n,i,j,f} has a free c (the sum over c dropped):
 * read as the surviving term c = f; it fails by the capture either way.
 * Everything else holds: the kernel gradient's chain rule (176, Σ over the batch and the H_o × W_o outputs) and its
 * closed form (205), the local derivative's last two links (201, checked through line 176's chain rule, as 31's),
 * the first link of the error through the activation (193) and its inline restatement (211).
 * Other: the generic two-variable chain rule of line 178 (its numerator L(z_1(w), z_2(w)) lacks the ∂; not about the
 * layer). The prose slip "H^{l+1}_o and H^{l+1}_w are the width and height" (line 171; the formulas use H_o, W_o as
 * height and width) is in words, not an equation.
 * Not found by verify, so not listed: the inline names and positions of the prose ($(i,j)$, $z^{l+1}_{n,i,j,f}$, …).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource } from "./types.js";

const N = 2,
  D = 2,
  DO = 3,
  H = 4,
  W = 5,
  HK = 2,
  WK = 3,
  HO = H - HK + 1,
  WO = W - WK + 1; // 4×5 input, 2×3 kernel, 3×3 output

/** Line 20 as written: Σ_m Σ_{n'=1}^{W_k} Σ_d x_{n', i+m−1, j+n'−1, d} w(f)_{m,n',d} + b(f) (the example index captured). */
const fwdAsWritten = (v: Access, [, f, i, j]: number[]): Q =>
  qadd(
    sum(1, HK, (m) => sum(1, WK, (q) => sum(1, D, (d) => qmul(v.x(q, d, i! + m - 1, j! + q - 1), v.w(f!, d, m, q))))),
    v.b(f!),
  );
/** The true ∂L/∂x_{n,i,j,c} = Σ_m Σ_q Σ_d ∂L/∂z_{n, i−m+1, j−q+1, d} w(d)_{m,q,c} (∂L/∂z read 0 off the output). */
const trueDX = (v: Access, [n, c, i, j]: number[]): Q =>
  sum(1, HK, (m) => sum(1, WK, (q) => sum(1, DO, (d) => qmul(v.dy(n!, d, i! - m + 1, j! - q + 1), v.w(d, c!, m, q)))));
/** The input gradient as written with Σ_{n=1}^{W_k}: Σ_m Σ_{n'} Σ_d ∂L/∂z_{n', i−m+1, j−n'+1, d} w(d)_{m,n',c}. */
const dxAsWritten = (v: Access, [, c, i, j]: number[]): Q =>
  sum(1, HK, (m) => sum(1, WK, (q) => sum(1, DO, (d) => qmul(v.dy(q, d, i! - m + 1, j! - q + 1), v.w(d, c!, m, q)))));
/** Σ_{n=1}^N Σ_{a=1}^{H_o} Σ_{b=1}^{W_o} ∂L/∂z_{n,a,b,f} · loc(n, a, b): line 176's chain rule with a local derivative. */
const throughChain = (v: Access, f: number, loc: (n: number, a: number, b: number) => Q): Q =>
  sum(1, N, (n) => sum(1, HO, (a) => sum(1, WO, (b) => qmul(v.dy(n, f, a, b), loc(n, a, b)))));
/** The kernel gradient: Σ_n Σ_a Σ_b ∂L/∂z_{n,a,b,f} x_{n, a+i−1, b+j−1, c}. */
const trueDW = (v: Access, [f, c, i, j]: number[]): Q =>
  throughChain(v, f!, (n, a, b) => v.x(n, c!, a + i! - 1, b + j! - 1));

const fz = (v: Access, idx: number[]): Q => v.fprime("z", ...idx);
const capture =
  "the sum Σ_{n=1}^{W_k} binds n, so the example index inside it is the kernel column: as written the terms read example n' for column n' (examples past N are 0) and the left side's example n is unused";

const src: CorpusSource = {
  file: "53-sootla-conv-layer-fwd-bwd.md",
  citation:
    'Sten Sootla (GitHub: sootlasten), "Forward and backward propagations through a convolutional layer", a post dated 23 February 2018 on his blog sootlasten.github.io, repository sootlasten/sootlasten.github.io, file _posts/posts/2018-02-23-cnn-backprop.md (committed 1 February 2020, commit 8c467ea6dae7bc54e18901eb7fa4633d201e5307, unchanged since), read at commit 6959ce45aaa8ac2b9e7fd8c032b6b9fe2435b842 (13 September 2020): the whole post (forward pass in index notation with batch and channels, ∂L/∂w and ∂L/∂x by the chain rule, the error through the activation, im2col code)',
  url: "https://github.com/sootlasten/sootlasten.github.io/blob/6959ce45aaa8ac2b9e7fd8c032b6b9fe2435b842/_posts/posts/2018-02-23-cnn-backprop.md",
  flags: [
    "--input",
    "4x5",
    "--kernel",
    "2x3",
    "--op",
    "xcorr",
    "--index-base",
    "1",
    "--in-channels",
    "2",
    "--out-channels",
    "3",
    "--batch",
    "2",
    "--bias",
  ],
  layer: {
    op: "xcorr",
    input: [H, W],
    kernel: [HK, WK],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "valid",
    inChannels: D,
    outChannels: DO,
    groups: 1,
    batch: N,
    bias: true,
    indexBase: 1,
  },
  indexBase: 1,
  equations: [
    {
      line: 20,
      snippet:
        "z^{l+1}_{n, i, j, f} =  \\sum_{m=1}^{H_k} \\sum_{n=1}^{W_k} \\sum_{d=1}^D x_{n, i+m-1, j+n-1, d}^{l} w(f)_{m,n,d}^{l+1} + b(f)^{l+1}",
      truth: "fails",
      target: "Y",
      why: `the forward pass: ${capture}; the layer's output is Σ_m Σ_{n'} Σ_d x_{n, i+m−1, j+n'−1, d} w(f)_{m,n',d} + b(f), one example throughout`,
      claimed: fwdAsWritten,
    },
    {
      line: 176,
      snippet:
        "\\frac{\\partial L}{\\partial w(f)_{i,j,c}^{l+1}} = \\sum_{n=1}^N \\sum_{a=1}^{H^{l+1}_o} \\sum_{b=1}^{W^{l+1}_o} \\frac{\\partial L}{\\partial z_{n,a,b,f}^{l+1}} \\frac{\\partial z_{n,a,b,f}^{l+1}}{\\partial w(f)^{l+1}_{i,j,c}}",
      truth: "holds",
      target: "dW",
      why: "w(f)_{i,j,c} enters every output z_{n,a,b,f} of kernel f, for every example n and position (a, b): the chain rule over them (here n is the batch index, bound by Σ_{n=1}^N, no clash), with the true local derivative x_{n, a+i−1, b+j−1, c}",
      claimed: trueDW,
    },
    {
      line: 178,
      snippet: "\\frac{L(z_1(w), z_2(w))}{\\partial w} = \\sum_{i=1}^2",
      truth: "other",
      why: "the generic chain rule for a function of two variables (the post's example for summing over the outputs; its numerator lacks the ∂): not a statement about the layer's tensors",
    },
    {
      line: 182,
      snippet:
        "\\frac{\\partial L}{\\partial x_{n,i,j,f}^{l}} = \\sum_{m=1}^{H_k} \\sum_{n=1}^{W_k} \\sum_{d=1}^{D_o^{l+1}} \\frac{\\partial L}{\\partial z^{l+1}_{n, i-m+1, j-n+1, d}} \\frac{\\partial z^{l+1}_{n, i-m+1, j-n+1, d}}{\\partial x^l_{n,i,j,f}}",
      truth: "fails",
      target: "dX",
      why: `the input gradient's chain rule: ${capture} (∂z_{n', i−m+1, j−n'+1, d}/∂x_{n',i,j,f} = w(d)_{m,n',f}), so it sums ∂L/∂z of other examples; the true chain rule keeps example n`,
      claimed: dxAsWritten,
    },
    {
      line: 188,
      snippet:
        "\\frac{\\partial L}{\\partial x_{n,i,j,f}^{l}} = \\sum_{m=1}^{H_k} \\sum_{n=1}^{W_k} \\sum_{d=1}^{D_o^{l+1}} \\frac{\\partial L}{\\partial z^{l+1}_{n, i-m+1, j-n+1, d}}",
      truth: "fails",
      target: "dX",
      why: `line 182 with the forward pass substituted (the display runs on past its \\\\ to the \\cdot ∂/∂x[…] factor): ${capture}; the bracket's derivative is w(d)_{m,n',f}`,
      claimed: dxAsWritten,
    },
    {
      line: 189,
      snippet:
        "= \\sum_{m=1}^{H_k} \\sum_{n=1}^{W_k} \\sum_{d=1}^{D_o^{l+1}} \\frac{\\partial L}{\\partial z^{l+1}_{n, i-m+1, j-n+1, d}} \\frac{\\partial x_{n, i, j, c}^{l}}{\\partial x_{n,i,j,f}^l} w(d)_{m,n,f}^{l+1}",
      truth: "fails",
      target: "dX",
      why: `the surviving term of the bracket (its free c read as c = f, ∂x/∂x = 1): ${capture}`,
      claimed: dxAsWritten,
    },
    {
      line: 189,
      snippet:
        "= \\sum_{m=1}^{H_k} \\sum_{n=1}^{W_k} \\sum_{d=1}^{D_o^{l+1}} \\frac{\\partial L}{\\partial z^{l+1}_{n, i-m+1, j-n+1, d}}w(d)_{m,n,f}^{l+1}",
      truth: "fails",
      target: "dX",
      why: `the closed form of the input gradient: ${capture}; the true one is Σ_m Σ_{n'} Σ_d ∂L/∂z_{n, i−m+1, j−n'+1, d} w(d)_{m,n',f}`,
      claimed: dxAsWritten,
    },
    {
      line: 193,
      snippet:
        "\\frac{\\partial L}{\\partial z_{n,i,j,f}^l} = \\frac{\\partial L}{\\partial x_{n,i,j,f}^l} \\frac{\\partial x_{n,i,j,f}^l}{\\partial z_{n,i,j,f}^l}",
      truth: "holds",
      target: "dX",
      why: "the error of the previous layer: x^l = σ(z^l) element-wise, so ∂L/∂z^l_{n,i,j,f} = ∂L/∂x^l_{n,i,j,f} · σ'(z^l_{n,i,j,f})",
      claimed: (v, idx) => qmul(trueDX(v, idx), fz(v, idx)),
      scale: fz,
    },
    {
      line: 194,
      snippet:
        "\\frac{\\partial x_{n,i,j,f}^l}{\\partial z_{n,i,j,f}^l} \\sum_{m=1}^{H_k} \\sum_{n=1}^{W_k} \\sum_{d=1}^{D_o^{l+1}} \\frac{\\partial L}{\\partial z^{l+1}_{n, i-m+1, j-n+1, d}} w(d)_{m,n,f}^{l+1}",
      truth: "fails",
      target: "dX",
      why: `the activation's derivative times line 189's closed form: ${capture}`,
      claimed: (v, idx) => qmul(fz(v, idx), dxAsWritten(v, idx)),
      scale: fz,
    },
    {
      line: 200,
      snippet:
        "\\frac{\\partial z_{n,a,b,f}^{l+1}}{\\partial w(f)^{l+1}_{i,j,c}} = \\frac{\\partial}{\\partial w(f)^{l+1}_{i,j,c}} \\Big[\\sum_{m=1}^{H_k} \\sum_{n=1}^{W_k}",
      truth: "fails",
      target: "dW",
      why: `the local derivative through the forward pass, checked through line 176's chain rule: in the bracket ${capture}, so its derivative with respect to w(f)_{i,j,c} is x_{j, a+i−1, b+j−1, c} (example j), not the left side's x_{n, a+i−1, b+j−1, c}; the chain's links disagree`,
      claimed: (v, [f, c, i, j]) =>
        chain(
          trueDW(v, [f!, c!, i!, j!]),
          throughChain(v, f!, (_n, a, b) => v.x(j!, c!, a + i! - 1, b + j! - 1)),
        ),
    },
    {
      line: 201,
      snippet:
        "= \\frac{\\partial}{\\partial w(f)^{l+1}_{i,j,c}} \\Big( x_{n, a+i-1, b+j-1, c}^{l} w(f)_{i,j,c}^{l+1} \\Big) = x_{n, a+i-1, b+j-1, c}^{l}",
      truth: "holds",
      target: "dW",
      why: "w(f)_{i,j,c} multiplies x_{n, a+i−1, b+j−1, c} in z_{n,a,b,f} and nowhere else (the bias does not depend on it): both links are the true ∂z_{n,a,b,f}/∂w(f)_{i,j,c}; checked through line 176's chain rule",
      claimed: trueDW,
    },
    {
      line: 205,
      snippet:
        "\\frac{\\partial L}{\\partial w(f)_{i,j,c}^{l+1}} = \\sum_{n=1}^N \\sum_{a=1}^{H^{l+1}_o} \\sum_{b=1}^{W^{l+1}_o} \\frac{\\partial L}{\\partial z_{n,a,b,f}^{l+1}} x_{n,a+i-1, b+j-1, c}^{l}",
      truth: "holds",
      target: "dW",
      why: "the kernel gradient: the output gradient of kernel f correlated with input channel c, summed over the batch (n is the batch index here, no clash)",
      claimed: trueDW,
    },
    {
      line: 211,
      snippet:
        "\\frac{\\partial L}{\\partial z} = \\frac{\\partial L}{\\partial x^l} \\frac{\\partial x^l}{\\partial z^l}",
      truth: "holds",
      target: "dX",
      why: "the inline restatement of line 193 (z the pre-activation of layer l, x^l = σ(z^l)): element-wise ∂L/∂z = ∂L/∂x^l · σ'(z), true; the sentence says only that the code leaves this product to the activation layer",
      claimed: (v, idx) => qmul(trueDX(v, idx), fz(v, idx)),
      scale: fz,
    },
  ],
};
export default src;
