/**
 * wangluchen567, 《Layer——层级架构》: the Chinese-language notes of his NumPy neural-network framework CANNDY
 * (Notes/Layer.md of the repository wangluchen567/CANNDY, read at the May 2025 commit), section "Conv2d-二维卷积层" —
 * the forward pass of a 2-D convolution written out in entries, the kernel gradient by the chain rule in index sums
 * and as a "Hadamard" (⊙) matrix form, and the input gradient as a window-by-window accumulation ("反向卷积").
 * Layer: the notes' own setting, "单通道矩阵、步长为1、填充为0" (one channel, stride 1, no padding), no bias (none is
 * written), a cross-correlation (the kernel is not flipped: y is Σ v_{w,h} x_{i+w,j+h}), 1-based (the matrices run
 * v_{1,1} … v_{kw,kh}, x_{1,1} … x_{iw,ih}, y_{1,1} … y_{ow,oh}). The notes leave the sizes symbolic (iw, ih, kw,
 * kh, ow, oh); we choose iw = ih = 4, kw = kh = 2, so ow = oh = 3. The notes' FIRST index is the width (column)
 * index: the matrices' first rows are y_{1,1} y_{2,1} … y_{ow,1}, v_{1,1} v_{2,1} … v_{kw,1}. So the source's x_{a,b}
 * is the oracle's x at row b, column a (v.x(b, a)), and likewise for v (the kernel, v.w) and y; the targets' indices
 * [r, c] are the source's (j, i) = (r, c) read back as i = c, j = r. (With the square sizes chosen, reading all three
 * tensors the other way round would give the same truths.) ∂L/∂y_{i,j} is v.dy; ∂L/∂y_{i,j} is read 0 off the
 * ow × oh output (no y there, no term), as the corpus reads every sum that runs past the output.
 * The notes' mistake, an index shift carried through the whole section: with 1-based indices the forward pass is
 * y_{i,j} = Σ_{w=1}^{kw} Σ_{h=1}^{kh} v_{w,h} x_{i+w−1,j+h−1}, but line 39 writes x_{i+w,j+h} (as a 0-based loop
 * over the output would give, while the notes' y runs from y_{1,1}): y_{1,1} would start at x_{2,2}, and y_{ow,oh}
 * would need x_{iw+1,ih+1}, outside the input. So the ⊙ form of line 40, the local derivative
 * ∂y_{i,j}/∂v_{w*,h*} = x_{i+w*,j+h*} (lines 70–73), the kernel gradient Σ ∂L/∂y_{i,j} x_{i+w*,j+h*} (line 82) and
 * its ⊙ form (line 83, whose last column x_{ow+w*,·} is past the input for w* = kw), and the expanded accumulation
 * x̂_{i+w,j+h} += ∂L/∂y_{i,j} v_{w,h} (line 111) all fail by one position. The chain rule of lines 80–81 holds: its
 * sums run over i = 1 … iw, j = 1 … ih (the input's sizes, not the output's ow, oh: a slip), but the terms past the
 * output are 0 (there is no y_{i,j} there).
 * Definitions: Y = V ⊛ X (line 16) and its matrix form (line 17), the notes' name ⊛ for the operation the entries
 * of line 39 then spell out; ∂L/∂Y as the matrix of ∂L/∂y_{i,j} (line 59); the programming update
 * X̂[i:i+kw, j:j+kh] = X̂[i:i+kw, j:j+kh] + ∂L/∂y_{i,j} V (line 101, a slice whose base is not said; as corpus 47's
 * D[it:it+p, jt:jt+q] += …). Other: the scalar aside y = v·x, ∂y/∂v = x, ∂y/∂x = v (line 99).
 * Not found by verify, so not listed: the lone links of the chain of lines 70–73 (one result, judged as a whole).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const I = 4,
  K = 2,
  O = I - K + 1; // iw = ih = 4, kw = kh = 2, ow = oh = 3

// the source's (width, height) indices on the oracle's (row, column) tensors
const x = (v: Access, a: number, b: number): Q => v.x(b, a);
const ker = (v: Access, w: number, h: number): Q => v.w(h, w);
const dy = (v: Access, i: number, j: number): Q => v.dy(j, i);

/** y_{i,j} = Σ_{w,h} v_{w,h} x_{i+w,j+h}, as written (lines 39 and 40). */
const yWritten = (v: Access, [r, c]: number[]): Q => {
  const i = c!,
    j = r!;
  return sum(1, K, (w) => sum(1, K, (h) => qmul(ker(v, w, h), x(v, i + w, j + h))));
};
/** Σ_{i,j} ∂L/∂y_{i,j} x_{i+w*,j+h*} over i ≤ hiI, j ≤ hiJ (∂L/∂y 0 off the output): the written kernel gradient. */
const dWShifted =
  (hiI: number, hiJ: number) =>
  (v: Access, [r, c]: number[]): Q => {
    const ws = c!,
      hs = r!;
    return sum(1, hiI, (i) => sum(1, hiJ, (j) => qmul(dy(v, i, j), x(v, i + ws, j + hs))));
  };
/** Σ_{i=1}^{iw} Σ_{j=1}^{ih} ∂L/∂y_{i,j} ∂y_{i,j}/∂v_{w*,h*} with the layer's own local derivative x_{i+w*−1,j+h*−1}. */
const dWChain = (v: Access, [r, c]: number[]): Q => {
  const ws = c!,
    hs = r!;
  return sum(1, I, (i) => sum(1, I, (j) => qmul(dy(v, i, j), x(v, i + ws - 1, j + hs - 1))));
};
/** x̂ after adding ∂L/∂y_{i,j} v_{w,h} into x̂_{i+w,j+h} for every output (i, j): Σ_{w,h} ∂L/∂y_{a−w,b−h} v_{w,h}. */
const dXAccumulated = (v: Access, [r, c]: number[]): Q => {
  const a = c!,
    b = r!;
  return sum(1, K, (w) => sum(1, K, (h) => qmul(dy(v, a - w, b - h), ker(v, w, h))));
};

const definition = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});
const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const shift =
  "with 1-based indices (y from y_{1,1}, x from x_{1,1}) the layer's y_{i,j} is Σ_{w,h} v_{w,h} x_{i+w−1,j+h−1}";

const src: CorpusSource = {
  file: "59-wangluchen-canndy-conv2d-zh.md",
  citation:
    'wangluchen567 (GitHub), 《Layer——层级架构》, the Chinese-language notes of his NumPy neural-network framework CANNDY, repository wangluchen567/CANNDY, file Notes/Layer.md (Conv2d section first written 24 December 2024; the file last changed 14 March 2025, commit e5d57ae1f8ef3ddabad85d8e0855c3ef9cfb5bcc), read at commit 498a8ab56ba90ea7e31c646d1ac440187ea4cf11 (17 May 2025): section "Conv2d-二维卷积层" (forward pass in entries, kernel gradient by the chain rule, input gradient by accumulation)',
  url: "https://github.com/wangluchen567/CANNDY/blob/498a8ab56ba90ea7e31c646d1ac440187ea4cf11/Notes/Layer.md",
  flags: ["--input", "4x4", "--kernel", "2x2", "--op", "xcorr", "--index-base", "1"],
  layer: {
    op: "xcorr",
    input: [I, I],
    kernel: [K, K],
    stride: [1, 1],
    dilation: [1, 1],
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
    definition(
      16,
      "Y = V \\circledast X",
      "names the forward pass: ⊛ is the notes' convolution operation ('其中⊛为卷积符号，代表卷积操作'), spelled out entry by entry in line 39",
    ),
    definition(
      17,
      "\\begin{bmatrix}",
      "the same Y = V ⊛ X with the three matrices written out (y_{1,1} … y_{ow,oh}, v_{1,1} … v_{kw,kh}, x_{1,1} … x_{iw,ih}): the notation, its operation defined by line 39",
    ),
    {
      line: 39,
      snippet: "y_{i,j} &= \\sum_{w=1}^{kw}\\sum_{h=1}^{kh}v_{w,h}x_{i+w,j+h}",
      truth: "fails",
      target: "Y",
      why: `${shift}: x_{i+w,j+h} is one position off (y_{1,1} would start at x_{2,2}, y_{ow,oh} would need x_{iw+1,ih+1})`,
      claimed: yWritten,
    },
    {
      line: 40,
      snippet: "&=",
      truth: "fails",
      target: "Y",
      why: `the matrix v ⊙ the window x_{i+1,j+1} … x_{i+kw,j+kh}, ⊙ defined as the sum of the products of corresponding entries: Σ_{w,h} v_{w,h} x_{i+w,j+h} again, the same shift (${shift})`,
      claimed: yWritten,
    },
    definition(
      59,
      "\\frac{\\partial L}{\\partial Y}=",
      "names the gradient that comes back from the next layer: the matrix of ∂L/∂y_{i,j}",
    ),
    {
      line: 70,
      snippet: "\\frac{\\partial y_{i,j}}{\\partial v_{w^*,h^*}}&=",
      truth: "fails",
      target: "dW",
      why: "the chain ∂y_{i,j}/∂v_{w*,h*} = … = x_{i+w*,j+h*} follows the shifted forward pass of line 39: the layer's local derivative is x_{i+w*−1,j+h*−1}; checked through the chain rule of line 80: Σ_{i,j} ∂L/∂y_{i,j} x_{i+w*,j+h*} is not the kernel gradient",
      claimed: dWShifted(O, O),
    },
    {
      line: 80,
      snippet: "\\frac{\\partial L}{\\partial v_{w^*,h^*}}&=",
      truth: "holds",
      target: "dW",
      why: "the chain rule: v_{w*,h*} enters every output y_{i,j}; its sums run over i = 1 … iw, j = 1 … ih (the input's sizes, not ow, oh), but past the output there is no y_{i,j} and no term, so with the layer's local derivative it is the kernel gradient",
      claimed: dWChain,
    },
    {
      line: 82,
      snippet: "&= \\sum_{i=1}^{iw}\\sum_{j=1}^{ih}\\frac{\\partial L}{\\partial y_{i,j}} x_{i+w^*,j+h^*}",
      truth: "fails",
      target: "dW",
      why: "the kernel gradient is Σ_{i,j} ∂L/∂y_{i,j} x_{i+w*−1,j+h*−1}: the x_{i+w*,j+h*} of line 73 is one position off",
      claimed: dWShifted(I, I),
    },
    {
      line: 83,
      snippet: "&=",
      truth: "fails",
      target: "dW",
      why: "∂L/∂Y ⊙ the window x_{1+w*,1+h*} … x_{ow+w*,oh+h*} (⊙ the sum of the products of corresponding entries): the same shift; for w* = kw its last column x_{ow+kw,·} = x_{iw+1,·} is past the input",
      claimed: dWShifted(O, O),
    },
    other(
      99,
      "y=v \\cdot x",
      "the scalar aside the input gradient's idea rests on (a product's partial derivatives), not the layer",
    ),
    other(99, "\\frac{\\partial y}{\\partial v}=x", "the scalar aside: the derivative of y = v·x with respect to v"),
    other(99, "\\frac{\\partial y}{\\partial x}=v", "the scalar aside: the derivative of y = v·x with respect to x"),
    definition(
      101,
      "\\hat{X}[i:i+kw,j:j+kh] = \\hat{X}[i:i+kw,j:j+kh] +",
      "the programming update that builds the input gradient X̂ from a zero matrix, window by window (a slice whose base is not said; its accumulated X̂ is the input gradient, said in words)",
    ),
    {
      line: 111,
      snippet: "\\begin{bmatrix}",
      truth: "fails",
      target: "dX",
      why: "the update written out in entries, x̂_{i+w,j+h} += ∂L/∂y_{i,j} v_{w,h} for each output (i, j) from y_{1,1}: accumulated, x̂_{a,b} = Σ_{w,h} ∂L/∂y_{a−w,b−h} v_{w,h}, one position off the layer's input gradient Σ_{w,h} ∂L/∂y_{a−w+1,b−h+1} v_{w,h} (output (i, j) covers x_{i..i+kw−1, j..j+kh−1})",
      claimed: dXAccumulated,
    },
  ],
};
export default src;
