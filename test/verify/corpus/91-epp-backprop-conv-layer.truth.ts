/**
 * Thomas Epp (GitHub: jtom77), "Backpropagation in Neural Networks": his LaTeX notes (backprop.tex of the repository
 * jtom77/ai, dated "2023 December", read at commit 6680c67, 3 January 2024), in English — section 1 the fully connected
 * case, section 2 (transcribed) a convolution layer derived in index notation with explicit sums and sum bounds: the
 * forward pass, ∂𝓛/∂k_{μν}, ∂𝓛/∂b and ∂𝓛/∂a_{mn}, then ∂𝓛/∂A rewritten, "merely an exercise in index-transformation",
 * as a convolution of the padded output gradient with the flipped kernel. Not a course's notes: a practitioner's own
 * notes (the THEME asked for university lecture notes or exercise solutions in LaTeX; the search found none in
 * English with such a derivation that the corpus lacks — see the report).
 * Layer: the notes' own — one channel, "stride 1 and padding 0", a square input A of N × N, a square kernel K of M × M,
 * the output Z of (N−M+1) × (N−M+1), and a bias B "with the same dimension as Z, where every entry is the same", i.e.
 * one scalar b^ℓ (the forward pass adds b^ℓ). Sizes chosen: N = 5, M = 3 (so |Z| = 3). 0-based: every sum starts at 0
 * and ⟨a⟩_{ij} is a_{ij} "for 0 ≤ i,j < N". |K|, |Z|, |A| are the side lengths M, N−M+1, N (|K|−1 is the padding
 * "of |K|−1"). The operation is a cross-correlation by (conv-1): z_{ij} = Σ_{μ,ν=0}^{|K|−1} a_{i+μ, j+ν} k_{μν} + b.
 * Oracle: a^{ℓ−1}_{ij} is v.x(i, j), k^ℓ_{μν} is v.w(μ, ν), ∂𝓛/∂z^ℓ_{ij} is v.dy(i, j), b^ℓ is v.b(). The layer
 * superscripts ℓ, ℓ−1 name the one layer (output z^ℓ, input a^{ℓ−1}).
 * The notes' operator ⊛ is never defined apart from its use: Z = A ⊛ K + B "where the components of Z are given by"
 * (conv-1), so (X ⊛ Y)_{ij} = Σ_{μ,ν} x_{i+μ, j+ν} y_{μν} — the right operand slid, unflipped, over the left one, the
 * output as large as the valid positions. Read so, ∂𝓛/∂K = A ⊛ ∂𝓛/∂Z (line 69) is Σ_{ij} a_{μ+i, ν+j} ∂𝓛/∂z_{ij}:
 * it holds.
 * Notation of the input-gradient part: ⟨x⟩ is x with 0 outside its matrix (line 92); the flipped kernel
 * ⟨k̂⟩_{ij} = ⟨k⟩_{|K|−1−i, |K|−1−j} (126); z̃ is ∂𝓛/∂Z padded by |K|−1 on every side,
 * ⟨z⟩_{ij} = ⟨z̃⟩_{|K|−1+i, |K|−1+j} (131), so ∂𝓛/∂z̃_{pq} is v.dy(p−|K|+1, q−|K|+1), 0 off Z.
 * The notes' mistakes: after "Substituting μ: i ↦ |K|−1+i−m, ν: j ↦ |K|−1+j−n" (143) the flipped kernel of the line
 * above, ⟨k̂⟩_{|K|−1+i−m, |K|−1+j−n}, i.e. k̂_{μν}, is written k̂_{νμ} — transposed — in both sums of the chain
 * (146, 148), and so in the boxed ∂𝓛/∂A = ∂𝓛/∂Z̃ ⊛ K̂_{νμ} (158-160, "the last equation has the general form of a
 * convolution": K̂_{νμ} the matrix whose (μ, ν) entry is k̂_{νμ}): with a kernel that is not symmetric they give the
 * gradient of the transposed kernel; they fail (the kernel is square, so the transpose is defined; a random 3×3
 * kernel is not symmetric). The upper bound |A|−m of the μ-sum (146) is one past the last output (|A|−1−m), but
 * the extra term reads ∂𝓛/∂z̃ at index |A| = |Z|+|K|−1, in the padding, 0: not an error. The justification "∂𝓛/∂z̃_{ij} = 0
 * for i ≥ |Z| or j ≥ |Z|" (153) is false — z̃_{ij} is the output gradient z_{i−|K|+1, j−|K|+1}, nonzero up to
 * i, j = |Z|+|K|−2 (here z̃_3 = z_1) — it should read |A| (= |Z|+|K|−1); a claim about the padded ∂𝓛/∂Z, not about Y, dX,
 * dW or db, so it is given no hand translation. Slips that change no value: ∂𝓛/z_{ij}^ℓ (line 62, the ∂ of the
 * denominator dropped; read ∂𝓛/∂z_{ij}^ℓ, as the same chain's first link has it), and the prose's "substituting
 * m = i+ν and n = j+μ" (100: the letters of (conv-1)'s a_{i+μ, j+ν} swapped; the boxed formula after it uses m−i, n−j,
 * right).
 * Everything else holds: the forward pass (36 in matrix form, 42 by components), the kernel-gradient chain (59) and
 * its ⊛ form (69), the bias-gradient chain (77) and its local derivative ∂z_{ij}/∂b = 1 (82, checked, as corpus 84's
 * local derivatives, through the chain Σ_{ij} ∂𝓛/∂z_{ij} · 1), the input gradient Σ_{ij} ∂𝓛/∂z_{ij} ⟨k⟩_{m−i, n−j} (104)
 * and its rewriting with z̃ and ⟨k̂⟩ (137-142). Entries of a chain are judged together (the `chain` helper): the
 * failing chain at 143 fails in both of its links, which agree with each other.
 * Definitions: A = (a_{ij}), K, Z, B (26-29, 90), the notation ∂𝓛/∂K = (∂𝓛/∂k_{ij}), ∂𝓛/∂A = (∂𝓛/∂a_{ij}) (50, 51),
 * ⟨a⟩ (92), the substitution m = i+ν, n = j+μ (100), ⟨k̂⟩ (126), z̃ (131).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 5,
  K = 3,
  NZ = N - K + 1; // |A| = 5, |K| = 3, |Z| = 3

/** z_{ij} = Σ_{μ,ν=0}^{|K|−1} a_{i+μ, j+ν} k_{μν} + b, (conv-1). */
const fwd = (v: Access, i: number, j: number): Q =>
  qadd(
    sum(0, K - 1, (m) => sum(0, K - 1, (n) => qmul(v.x(i + m, j + n), v.w(m, n)))),
    v.b(),
  );
/** Σ_{i,j=0}^{|Z|−1} a_{i+μ, j+ν} ∂𝓛/∂z_{ij}. */
const dK = (v: Access, mu: number, nu: number): Q =>
  sum(0, NZ - 1, (i) => sum(0, NZ - 1, (j) => qmul(v.x(i + mu, j + nu), v.dy(i, j))));
/** Σ_{i,j=0}^{|Z|−1} ∂𝓛/∂z_{ij}. */
const dB = (v: Access): Q => sum(0, NZ - 1, (i) => sum(0, NZ - 1, (j) => v.dy(i, j)));
/** Σ_{i,j=0}^{|Z|−1} ∂𝓛/∂z_{ij} ⟨k⟩_{m−i, n−j}. */
const dA = (v: Access, m: number, n: number): Q =>
  sum(0, NZ - 1, (i) => sum(0, NZ - 1, (j) => qmul(v.dy(i, j), v.w(m - i, n - j))));
/** ∂𝓛/∂z̃_{pq}: the output gradient padded by |K|−1 (0 off Z). */
const zt = (v: Access, p: number, q: number): Q => v.dy(p - (K - 1), q - (K - 1));
/** ⟨k̂⟩_{pq} = ⟨k⟩_{|K|−1−p, |K|−1−q} (0 off the kernel). */
const kh = (v: Access, p: number, q: number): Q => v.w(K - 1 - p, K - 1 - q);

/** Σ_{μ,ν=0}^{|K|−1} ∂𝓛/∂z̃_{μ+m, ν+n} k̂_{νμ}: the transposed flipped kernel, as written (148, and 158's Z̃ ⊛ K̂_{νμ}). */
const transposed = (v: Access, m: number, n: number): Q =>
  sum(0, K - 1, (mu) => sum(0, K - 1, (nu) => qmul(zt(v, mu + m, nu + n), kh(v, nu, mu))));

const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});

const src: CorpusSource = {
  file: "91-epp-backprop-conv-layer.tex",
  citation:
    'Thomas Epp (GitHub: jtom77), "Backpropagation in Neural Networks", LaTeX notes dated December 2023, repository jtom77/ai, file backprop.tex, read at commit 6680c67cf5ccde9463173d7cb0a9fa03befa6cf9 (3 January 2024): section 2 "Convolutional Neural Networks" (forward pass, ∂𝓛/∂K, ∂𝓛/∂b, ∂𝓛/∂A and its form as a convolution with the flipped kernel)',
  url: "https://github.com/jtom77/ai/blob/6680c67cf5ccde9463173d7cb0a9fa03befa6cf9/backprop.tex",
  flags: ["--input", "5x5", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0", "--bias"],
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
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    def(26, "A= (a_{ij})", "names the input matrix and its entries"),
    def(27, "K= (k_{ij})", "names the kernel and its entries"),
    def(28, "Z= (z_{ij})", "names the output and its entries"),
    def(29, "B= (b_{ij})", "names the bias matrix, every entry the same b"),
    {
      line: 36,
      snippet: "Z^{\\ell} = A^{\\ell -1} \\circledast K^\\ell + B^\\ell",
      truth: "holds",
      target: "Y",
      why: "the forward pass, ⊛ being the operation whose components the next formula gives (the kernel slid over A, a valid cross-correlation), plus the bias",
      claimed: (v, [i, j]) => fwd(v, i!, j!),
    },
    {
      line: 42,
      snippet: "z_{ij}^{\\ell} = \\sum_{\\mu, \\nu=0}^{|K|-1} a_{i+\\mu, j+\\nu}^{\\ell-1} k_{\\mu \\nu}^\\ell + b^\\ell",
      truth: "holds",
      target: "Y",
      why: "(conv-1), the layer's forward pass by components: a valid cross-correlation at stride 1 plus the scalar bias",
      claimed: (v, [i, j]) => fwd(v, i!, j!),
    },
    def(50, "\\frac{\\partial \\Loss}{\\partial K} = \\left(", "notation: ∂𝓛/∂K is the matrix of the ∂𝓛/∂k_{ij}"),
    def(51, "\\frac{\\partial \\Loss}{\\partial A} = \\left(", "notation: ∂𝓛/∂A is the matrix of the ∂𝓛/∂a_{ij}"),
    {
      line: 59,
      snippet: "\\frac{\\partial \\Loss}{\\partial k_{\\mu\\nu}^\\ell} = \\sum_{i,j = 0}^{|Z|-1}",
      truth: "holds",
      target: "dW",
      why: "k_{μν} multiplies a_{i+μ, j+ν} in every output z_{ij}: the chain rule over the |Z|×|Z| outputs, then ∂z_{ij}/∂k_{μν} = a_{i+μ, j+ν} (the last link's ∂𝓛/z_{ij} read as ∂𝓛/∂z_{ij}, its ∂ dropped)",
      claimed: (v, [mu, nu]) =>
        chain(
          sum(0, NZ - 1, (i) => sum(0, NZ - 1, (j) => qmul(v.dy(i, j), v.x(i + mu!, j + nu!)))),
          dK(v, mu!, nu!),
        ),
    },
    {
      line: 69,
      snippet: "\\boxed{",
      truth: "holds",
      target: "dW",
      why: "with ⊛ as (conv-1) defines it, (A ⊛ ∂𝓛/∂Z)_{μν} = Σ_{ij} a_{μ+i, ν+j} ∂𝓛/∂z_{ij}, the kernel gradient of line 59",
      claimed: (v, [mu, nu]) => dK(v, mu!, nu!),
    },
    {
      line: 77,
      snippet: "\\frac{\\partial \\Loss}{\\partial b^\\ell} = \\sum_{i,j=0}^{|Z|-1}",
      truth: "holds",
      target: "db",
      why: "b is added to every output z_{ij} once: the chain rule gives the sum of the output gradient",
      claimed: (v) => chain(sum(0, NZ - 1, (i) => sum(0, NZ - 1, (j) => qmul(v.dy(i, j), { n: 1n, d: 1n }))), dB(v)),
    },
    {
      line: 82,
      snippet: "\\partial z_{ij} / \\partial b = 1",
      truth: "holds",
      target: "db",
      why: "z_{ij} = … + b: its derivative by b is 1; checked through the chain Σ_{ij} ∂𝓛/∂z_{ij} ∂z_{ij}/∂b with the written 1",
      claimed: (v) => sum(0, NZ - 1, (i) => sum(0, NZ - 1, (j) => qmul(v.dy(i, j), { n: 1n, d: 1n }))),
    },
    def(90, "A = (a_{ij})", "names the matrix the out-of-bounds notation is defined for"),
    def(92, "\\ov a_{ij} = \\left\\{", "⟨a⟩_{ij}: a_{ij} inside the matrix, 0 outside"),
    def(
      100,
      "m=i +\\nu",
      "the substitution that names the input index (the letters μ, ν of (conv-1)'s a_{i+μ, j+ν} swapped in the prose; the boxed result uses m−i, n−j)",
    ),
    def(100, "n = j + \\mu", "the substitution's second index"),
    {
      line: 104,
      snippet: "\\boxed{",
      truth: "holds",
      target: "dX",
      why: "a_{mn} enters z_{ij} under k_{m−i, n−j}; ⟨k⟩ is 0 where that is off the kernel, so the sum over all outputs is the input gradient",
      claimed: (v, [m, n]) =>
        chain(
          sum(0, NZ - 1, (i) => sum(0, NZ - 1, (j) => qmul(v.dy(i, j), v.w(m! - i, n! - j)))),
          dA(v, m!, n!),
        ),
    },
    def(126, "\\ov{\\flip{k}}^\\ell_{ij} = \\ov{k}^\\ell_{|K|-1-i, |K|-1-j}", "the flipped kernel k̂ (rotated by 180°)"),
    def(131, "\\ov{z}_{ij}^\\ell = \\ov{\\pad{z}}^\\ell_{|K|-1+i, |K|-1+j}", "z̃: the output (gradient) padded by |K|−1"),
    {
      line: 137,
      snippet: "\\frac{\\partial \\Loss}{\\partial a_{mn}^{\\ell-1}} &=",
      truth: "holds",
      target: "dX",
      why: "∂𝓛/∂z̃_{|K|−1+i, |K|−1+j} is ∂𝓛/∂z_{ij}, and ⟨k̂⟩_{|K|−1+i−m, |K|−1+j−n} = ⟨k⟩_{m−i, n−j}: both links are line 104's sum",
      claimed: (v, [m, n]) =>
        chain(
          sum(0, NZ - 1, (i) => sum(0, NZ - 1, (j) => qmul(zt(v, K - 1 + i, K - 1 + j), v.w(m! - i, n! - j)))),
          sum(0, NZ - 1, (i) =>
            sum(0, NZ - 1, (j) => qmul(zt(v, K - 1 + i, K - 1 + j), kh(v, K - 1 + i - m!, K - 1 + j - n!))),
          ),
        ),
    },
    {
      line: 143,
      snippet: "\\intertext{Substituting",
      truth: "fails",
      target: "dX",
      why: "the substitution μ = |K|−1+i−m, ν = |K|−1+j−n turns ⟨k̂⟩_{|K|−1+i−m, |K|−1+j−n} into k̂_{μν}, but both sums write k̂_{νμ}: the transposed kernel, a different value for a kernel that is not symmetric (the μ-sum's extra upper term, at z̃ index |A|, is padding, 0)",
      claimed: (v, [m, n]) =>
        chain(
          sum(K - 1 - m!, N - m!, (mu) =>
            sum(K - 1 - n!, N - n!, (nu) => qmul(zt(v, mu + m!, nu + n!), kh(v, nu, mu))),
          ),
          transposed(v, m!, n!),
        ),
    },
    {
      line: 153,
      snippet: "$\\partial \\Loss / \\partial \\pad z^\\ell_{ij} =0$",
      truth: "fails",
      why: "z̃ is ∂𝓛/∂Z padded by |K|−1, so ∂𝓛/∂z̃_{ij} = ∂𝓛/∂z_{i−|K|+1, j−|K|+1} is nonzero up to i, j = |Z|+|K|−2 (here ∂𝓛/∂z̃_{3,3} = ∂𝓛/∂z_{1,1}); it vanishes from |A| = |Z|+|K|−1 on, not from |Z| (a claim about the padded output gradient, not given a hand translation)",
    },
    {
      line: 158,
      snippet: "\\boxed{",
      truth: "fails",
      target: "dX",
      why: "the matrix form of line 148: (Z̃ ⊛ K̂_{νμ})_{mn} = Σ_{μ,ν} ∂𝓛/∂z̃_{m+μ, n+ν} k̂_{νμ}, the transposed flipped kernel; the gradient needs k̂_{μν}",
      claimed: (v, [m, n]) => transposed(v, m!, n!),
    },
  ],
};
export default src;
