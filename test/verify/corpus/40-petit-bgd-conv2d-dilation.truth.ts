/**
 * Robin Petit and Antoine Passemiers, "Convolutional Layer": a page of the "Mathematical Framework"
 * documentation (Sphinx, reStructuredText, doc/source/math/Conv.rst) of their library BGD ("Beyond Gradient
 * Descent"), written by Robin Petit in July 2018 — the output size of a 2-D convolution layer with strides σ
 * and dilations δ, its forward pass in multi-index notation, and the gradients with respect to the filters, the
 * biases and the input, each as a chain rule and a closed form with Kronecker deltas; the filter gradient is
 * also written as a convolution "where strides and dilations have been swapped".
 * Layer: a small choice the page allows (it keeps every size general): a batch of ℓ = 2, n_C = 2 input
 * channels, n_F = 3 filters, an 8×7 input, 2×2 filters, strides σ = (2, 2), dilations δ = (3, 3) (σ ≠ δ, so
 * that swapping them shows), a bias b^{(k)} per filter, no padding (the page has none). The dilated filter is
 * 4×4, the output ⌊(8 − 4)/2⌋ + 1 = 3 by ⌊(7 − 4)/2⌋ + 1 = 2. The layout is the page's (channels last):
 * X_{β0,β1,β2,γ3} (sample, row, column, channel), ω_{β3,γ1,γ2,γ3} of shape (n_F, F_H, F_W, n_C), ε^{(k)} and
 * X^{(k)} indexed (sample, row, column, filter); the oracle's are [N, C, H, W] and [C_out, C_in, kh, kw], so
 * the translations below reorder the indices. 0-based: the library's code (src/bgd/layers/conv.pyx) computes
 * output[a, i, j, f] += filters[f, k, l, c] * X[a, i*strides[0] + k*dilations[0], j*strides[1] +
 * l*dilations[1], c] with k, l, c from 0, a cross-correlation — and the page's own gradient formulas use exactly
 * that index σ1β1 + δ1γ1. ε^{(k)} = ∇_{X^{(k)}}L (the documentation's "Backpropagation" page) is v.dy; X^{(k)},
 * the layer's output, is v.y; δ^{i}_{j} is a Kronecker delta (δ1, δ2 with no superscript are the dilations);
 * π_{τ0,3} swaps a tensor's first and last indices, and π_{τ0,3}ε_{idx} is read (π_{τ0,3}ε)_{idx}.
 * The page's mistakes: the forward pass (line 65) indexes the input at β1 + σ1γ1 — the stride multiplies the
 * filter index, the output index is not strided and the dilation is missing — and sums γ from 1 to F_H, F_W,
 * n_C, while every gradient below (and the code) uses σ1β1 + δ1γ1 with γ from 0. The filter gradient's closed
 * form (line 86) reads X^{(k)}, the layer's output, for X^{(k−1)}, its input (a typo: the links before and after
 * it have X^{(k−1)}). Its last link (line 88), the gradient as the layer function Λ applied to
 * (π_{τ0,3}ε, 0) and π_{τ0,3}X^{(k−1)} with strides and dilations swapped, is judged with the only definition
 * of Λ the page gives, line 65's: there it fails (Σ_{γ=1}^{…} (πε)_{α0,γ1,γ2,γ3} X_{γ3, α1+δ1γ1, α2+δ2γ2, α3});
 * with the code's forward pass (σβ + δγ, γ from 0) it would hold — the mistake of line 65 carried into it.
 * In line 78 the page writes \partial_{\omega^{(k)_\alpha}} (the α inside the superscript): read ω^{(k)}_α.
 * In line 14 the page calls F_H "the width" and F_W "the height" (prose, swapped words, not checked).
 * Everything else holds: the dilated filter's shape (39, 48), the local derivative ∂X_β/∂ω_α and its Kronecker
 * form (78, 79, checked through the chain rule of line 85, as 31's line 145), the chain rules (85, 96, 103), the
 * permuted form of the filter gradient (87), the bias gradient (96–97) and the input gradient (104), whose
 * unbounded sums run over the entries that exist.
 * Definitions: σ and δ (lines 20, 33). Not found by verify, so not listed: the output sizes of lines 26–27 (no
 * dilation yet: the strides section's) and 45, and the layer function's domain and range (lines 56–59), all
 * "↦" statements, not equations.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, Q0, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const NB = 2,
  NC = 2,
  NF = 3; // batch ℓ, input channels n_C, filters n_F
const H = 8,
  W = 7,
  FH = 2,
  FW = 2; // input and filter sides
const S1 = 2,
  S2 = 2,
  D1 = 3,
  D2 = 3; // strides σ, dilations δ
const OH = 3,
  OW = 2; // ⌊(H − (D1(FH−1)+1))/S1⌋ + 1, ⌊(W − (D2(FW−1)+1))/S2⌋ + 1

/** The page's layout (sample, row, column, channel/filter) read from the oracle's [N, C, H, W]. */
const X = (v: Access, n: number, h: number, w: number, c: number): Q => v.x(n, c, h, w);
const Om = (v: Access, f: number, k: number, l: number, c: number): Q => v.w(f, c, k, l);
const E = (v: Access, n: number, i: number, j: number, f: number): Q => v.dy(n, f, i, j);
const Xk = (v: Access, n: number, i: number, j: number, f: number): Q => v.y(n, f, i, j);
const kd = (a: number, b: number): Q => (a === b ? { n: 1n, d: 1n } : Q0);

/** Σ over the output multi-index β = (β0, β1, β2, β3). */
const sumBeta = (f: (b0: number, b1: number, b2: number, b3: number) => Q): Q =>
  sum(0, NB - 1, (b0) => sum(0, OH - 1, (b1) => sum(0, OW - 1, (b2) => sum(0, NF - 1, (b3) => f(b0, b1, b2, b3)))));

/** ∂X^{(k)}_β/∂ω_α as line 78 writes it: Σ_γ δ^{β3}_{α0}δ^{γ1}_{α1}δ^{γ2}_{α2}δ^{γ3}_{α3} X_{β0, σ1β1+δ1γ1, σ2β2+δ2γ2, γ3}. */
const dXdOmega78 = (v: Access, al: number[], b0: number, b1: number, b2: number, b3: number): Q =>
  sum(0, FH - 1, (g1) =>
    sum(0, FW - 1, (g2) =>
      sum(0, NC - 1, (g3) =>
        qmul(
          qmul(qmul(kd(b3, al[0]!), kd(g1, al[1]!)), qmul(kd(g2, al[2]!), kd(g3, al[3]!))),
          X(v, b0, S1 * b1 + D1 * g1, S2 * b2 + D2 * g2, g3),
        ),
      ),
    ),
  );
/** Line 79: δ^{β3}_{α0} X_{β0, σ1β1+δ1α1, σ2β2+δ2α2, α3}. */
const dXdOmega79 = (v: Access, al: number[], b0: number, b1: number, b2: number, b3: number): Q =>
  qmul(kd(b3, al[0]!), X(v, b0, S1 * b1 + D1 * al[1]!, S2 * b2 + D2 * al[2]!, al[3]!));

/** The oracle's dW index [f, c, k, l] as the page's α = (α0, α1, α2, α3) = (f, k, l, c). */
const alphaW = ([f, c, k, l]: number[]): number[] => [f!, k!, l!, c!];
/** The oracle's dX index [n, c, h, w] as the page's α = (n, h, w, c). */
const alphaX = ([n, c, h, w]: number[]): number[] => [n!, h!, w!, c!];

/** Σ_{β0,β1,β2} ε_{β0,β1,β2,α0} X_{β0, σ1β1+δ1α1, σ2β2+δ2α2, α3}: the filter gradient. */
const dW = (v: Access, al: number[]): Q =>
  sum(0, NB - 1, (b0) =>
    sum(0, OH - 1, (b1) =>
      sum(0, OW - 1, (b2) =>
        qmul(E(v, b0, b1, b2, al[0]!), X(v, b0, S1 * b1 + D1 * al[1]!, S2 * b2 + D2 * al[2]!, al[3]!)),
      ),
    ),
  );

/** ∂X^{(k)}_β/∂X^{(k−1)}_α for the layer: [β0 = α0] Σ_{γ1,γ2} ω_{β3,γ1,γ2,α3} δ^{α1}_{σ1β1+δ1γ1} δ^{α2}_{σ2β2+δ2γ2}. */
const dYdX = (v: Access, al: number[], b0: number, b1: number, b2: number, b3: number): Q =>
  qmul(
    kd(b0, al[0]!),
    sum(0, FH - 1, (g1) =>
      sum(0, FW - 1, (g2) =>
        qmul(Om(v, b3, g1, g2, al[3]!), qmul(kd(al[1]!, S1 * b1 + D1 * g1), kd(al[2]!, S2 * b2 + D2 * g2))),
      ),
    ),
  );

const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});

const src: CorpusSource = {
  file: "40-petit-bgd-conv2d-dilation.md",
  citation:
    'Robin Petit and Antoine Passemiers (GitHub: RobinPetit, AntoinePassemiers), "Convolutional Layer", a page of the "Mathematical Framework" documentation of their library BGD ("Beyond Gradient Descent"), repository AntoinePassemiers/Beyond-Gradient-Descent, file doc/source/math/Conv.rst (written by Robin Petit 6 July 2018, commits e7181ac54994c804930d5fd8a4168f48e89201a1 and 5b3e0756611f806776d71aad91d745bf4e11c851; moved 19 July 2018, commit 0578776bff4f5f904ca0e122177c8313da8ea74d, unchanged since), read at commit 3f5af6073e3c394d8be51d6730567aa66635f3ba (1 August 2023): the whole page (output size with strides and dilations, forward pass, gradients with respect to the filters, biases and input in multi-index notation)',
  url: "https://github.com/AntoinePassemiers/Beyond-Gradient-Descent/blob/3f5af6073e3c394d8be51d6730567aa66635f3ba/doc/source/math/Conv.rst",
  flags: [
    "--input",
    "8x7",
    "--kernel",
    "2x2",
    "--op",
    "xcorr",
    "--index-base",
    "0",
    "--stride",
    "2",
    "--dilation",
    "3",
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
    kernel: [FH, FW],
    stride: [S1, S2],
    dilation: [D1, D2],
    padding: "valid",
    inChannels: NC,
    outChannels: NF,
    groups: 1,
    batch: NB,
    bias: true,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    def(
      20,
      String.raw`\sigma = [\sigma_1 \; \sigma_2]' \in \mathbb {\mathbb N^*}^2`,
      "introduces the strides σ = (σ1, σ2), positive integers",
    ),
    def(
      33,
      String.raw`\delta = [\delta_1 \; \delta_2]' \in \mathbb {\mathbb N^*}^2`,
      "introduces the dilations δ = (δ1, δ2), positive integers",
    ),
    {
      line: 39,
      snippet: String.raw`(\hat m, \hat n) = (\delta_1 \cdot (m-1) + 1, \delta_2 \cdot (n-1) + 1)`,
      truth: "holds",
      target: "size",
      why: "an m×n filter with dilations δ spans δ1(m − 1) + 1 rows and δ2(n − 1) + 1 columns of the input: 3·1 + 1 = 4 here",
    },
    {
      line: 48,
      snippet: String.raw`\hat F_H^{(k)} = 1 + \delta_1(F_H^{(k)} - 1)`,
      truth: "holds",
      target: "size",
      why: "the dilated filter's height (line 41's hat notation): 1 + 3·(2 − 1) = 4, so the output has ⌊(8 − 4)/2⌋ + 1 = 3 rows",
    },
    {
      line: 48,
      snippet: String.raw`\hat F_W^{(k)} = 1 + \delta_2(F_W^{(k)} - 1)`,
      truth: "holds",
      target: "size",
      why: "the dilated filter's width: 1 + 3·(2 − 1) = 4, so the output has ⌊(7 − 4)/2⌋ + 1 = 2 columns",
    },
    {
      line: 65,
      snippet: String.raw`\Lambda^{(k)}_{\theta^{(k)}}(X^{(k-1)}; \sigma, \delta)_\beta = \sum_{\gamma_1=1}^{F_H^{(k)}}`,
      truth: "fails",
      target: "Y",
      why: "the layer reads the input at row σ1β1 + δ1γ1 (the page's own gradients, the code) with γ from 0; the written β1 + σ1γ1 strides the filter index instead of the output's, leaves out the dilation, and the sums start at γ = 1 (γ3 = n_C is past the last channel)",
      claimed: (v, [n, f, i, j]) =>
        qadd(
          sum(1, FH, (g1) =>
            sum(1, FW, (g2) =>
              sum(1, NC, (g3) => qmul(Om(v, f!, g1, g2, g3), X(v, n!, i! + S1 * g1, j! + S2 * g2, g3))),
            ),
          ),
          v.b(f!),
        ),
    },
    {
      line: 78,
      snippet: String.raw`\partial_{\omega^{(k)_\alpha}}X^{(k)}_\beta &= \sum_{\gamma_1}\sum_{\gamma_2}\sum_{\gamma_3}`,
      truth: "holds",
      target: "dW",
      why: "ω_α enters X^{(k)}_β only when β3 = α0, multiplying X_{β0, σ1β1+δ1α1, σ2β2+δ2α2, α3} (the bias does not depend on ω); the Kronecker deltas pick that term; checked through line 85's chain rule Σ_β ε_β ∂X_β/∂ω_α",
      claimed: (v, idx) =>
        sumBeta((b0, b1, b2, b3) => qmul(E(v, b0, b1, b2, b3), dXdOmega78(v, alphaW(idx), b0, b1, b2, b3))),
    },
    {
      line: 79,
      snippet: String.raw`&= \delta^{\beta_3}_{\alpha_0}X^{(k-1)}_{\beta_0,\sigma_1\beta_1 + \delta_1\alpha_1,\sigma_2\beta_2 + \delta_2\alpha_2,\alpha_3}`,
      truth: "holds",
      target: "dW",
      why: "the sum over γ of line 78 done: δ^{β3}_{α0} X_{β0, σ1β1+δ1α1, σ2β2+δ2α2, α3}; checked through line 85's chain rule",
      claimed: (v, idx) =>
        sumBeta((b0, b1, b2, b3) => qmul(E(v, b0, b1, b2, b3), dXdOmega79(v, alphaW(idx), b0, b1, b2, b3))),
    },
    {
      line: 85,
      snippet: String.raw`\partial_{\omega^{(k)}_\alpha}\mathcal L &= \sum_{\beta_0,\beta_1,\beta_2,\beta_3}\varepsilon^{(k)}_\beta\partial_{\omega^{(k)}_\alpha}X^{(k)}_\beta`,
      truth: "holds",
      target: "dW",
      why: "the chain rule over every output entry β, with the local derivative of line 79",
      claimed: (v, idx) =>
        sumBeta((b0, b1, b2, b3) => qmul(E(v, b0, b1, b2, b3), dXdOmega79(v, alphaW(idx), b0, b1, b2, b3))),
    },
    {
      line: 86,
      snippet: String.raw`= \sum_{\beta_0,\beta_1,\beta_2}\varepsilon^{(k)}_{\beta_0,\beta_1,\beta_2,\alpha_0}X^{(k)}_{\beta_0,`,
      truth: "fails",
      target: "dW",
      why: "X^{(k)} is the layer's output (X^{(k)} := Λ(X^{(k−1)})), not its input: the filter gradient correlates ε with X^{(k−1)}, as the links before and after write it",
      claimed: (v, idx) => {
        const [a0, a1, a2, a3] = alphaW(idx) as [number, number, number, number];
        return sum(0, NB - 1, (b0) =>
          sum(0, OH - 1, (b1) =>
            sum(0, OW - 1, (b2) => qmul(E(v, b0, b1, b2, a0), Xk(v, b0, S1 * b1 + D1 * a1, S2 * b2 + D2 * a2, a3))),
          ),
        );
      },
    },
    {
      line: 87,
      snippet: String.raw`&= \sum_{\beta_0,\beta_1,\beta_2}\pi_{\tau_{0,3}}\varepsilon^{(k)}_{\alpha_0,\beta_1,\beta_2,\beta_0}`,
      truth: "holds",
      target: "dW",
      why: "(π_{τ0,3}ε)_{α0,β1,β2,β0} = ε_{β0,β1,β2,α0} and (π_{τ0,3}X)_{α3,…,β0} = X_{β0,…,α3}: the filter gradient Σ_{β0,β1,β2} ε_{β0,β1,β2,α0} X^{(k−1)}_{β0, σ1β1+δ1α1, σ2β2+δ2α2, α3}",
      claimed: (v, idx) => dW(v, alphaW(idx)),
    },
    {
      line: 88,
      snippet: String.raw`= \pi_{\tau_{0,3}}\Lambda^{(k)}_{(\pi_{\tau_{0,3}}\varepsilon^{(k)}, \mathbf{0})}(\pi_{\tau_{0,3}}X^{(k-1)}; \delta, \sigma)_\alpha`,
      truth: "fails",
      target: "dW",
      why: "with Λ as line 65 defines it (input at β1 + s1γ1 for strides s, γ from 1 to the filter's sides), π Λ_{(πε,0)}(πX; δ, σ)_α = Σ_{γ1=1}^{3} Σ_{γ2=1}^{2} Σ_{γ3=1}^{ℓ} ε_{γ3,γ1,γ2,α0} X_{γ3, α1+δ1γ1, α2+δ2γ2, α3}, not the gradient's X_{γ3, σ1γ1+δ1α1, σ2γ2+δ2α2, α3} summed from 0 (with the code's forward pass it would hold: line 65's mistake carried over)",
      claimed: (v, idx) => {
        const [a0, a1, a2, a3] = alphaW(idx) as [number, number, number, number];
        // θ = π_{τ0,3}ε has shape (n_F, 3, 2, ℓ): its "F_H, F_W, n_C" are 3, 2, ℓ
        return sum(1, OH, (g1) =>
          sum(1, OW, (g2) => sum(1, NB, (g3) => qmul(E(v, g3, g1, g2, a0), X(v, g3, a1 + D1 * g1, a2 + D2 * g2, a3)))),
        );
      },
    },
    {
      line: 96,
      snippet: String.raw`\partial_{b^{(k)}_i}\mathcal L = \sum_{\beta}\varepsilon^{(k)}_\beta\partial_{b^{(k)}_i}X^{(k)}_\beta`,
      truth: "holds",
      target: "db",
      why: "the chain rule over every output entry; ∂X^{(k)}_β/∂b_i = δ^{β3}_i (the bias b_{β3} is added to every entry of filter β3)",
      claimed: (v, [i]) => sumBeta((b0, b1, b2, b3) => qmul(E(v, b0, b1, b2, b3), kd(i!, b3))),
    },
    {
      line: 97,
      snippet: String.raw`= \sum_{\beta}\varepsilon^{(k)}_\beta\delta_i^{\beta_3}`,
      truth: "holds",
      target: "db",
      why: "∂X^{(k)}_β/∂b_i written as the Kronecker delta δ_i^{β3}",
      claimed: (v, [i]) => sumBeta((b0, b1, b2, b3) => qmul(E(v, b0, b1, b2, b3), kd(i!, b3))),
    },
    {
      line: 97,
      snippet: String.raw`= \sum_{\beta_0,\beta_1,\beta_2}\varepsilon^{(k)}_{\beta_0,\beta_1,\beta_2,i}`,
      truth: "holds",
      target: "db",
      why: "the bias gradient: the sum of ε over the samples and positions of filter i",
      claimed: (v, [i]) => sum(0, NB - 1, (b0) => sum(0, OH - 1, (b1) => sum(0, OW - 1, (b2) => E(v, b0, b1, b2, i!)))),
    },
    {
      line: 103,
      snippet: String.raw`\partial_{X^{(k-1)}_\alpha}\mathcal L = \sum_{\beta}\varepsilon^{(k)}_\beta\partial_{X^{(k-1)}_\alpha}X^{(k)}_\beta`,
      truth: "holds",
      target: "dX",
      why: "the chain rule over every output entry β; X_α enters X^{(k)}_β (β0 = α0) under ω_{β3,γ1,γ2,α3} wherever σ1β1 + δ1γ1 = α1 and σ2β2 + δ2γ2 = α2",
      claimed: (v, idx) =>
        sumBeta((b0, b1, b2, b3) => qmul(E(v, b0, b1, b2, b3), dYdX(v, alphaX(idx), b0, b1, b2, b3))),
    },
    {
      line: 104,
      snippet: String.raw`= \sum_{\beta_1}\sum_{\beta_2}\sum_{\beta_3}\sum_{\gamma_1}\sum_{\gamma_2}`,
      truth: "holds",
      target: "dX",
      why: "the input gradient of a strided, dilated layer: Σ over output positions and filter taps whose input row σ1β1 + δ1γ1 and column σ2β2 + δ2γ2 are α1, α2 (the unbounded sums over the entries that exist)",
      claimed: (v, idx) => {
        const [a0, a1, a2, a3] = alphaX(idx) as [number, number, number, number];
        return sum(0, OH - 1, (b1) =>
          sum(0, OW - 1, (b2) =>
            sum(0, NF - 1, (b3) =>
              sum(0, FH - 1, (g1) =>
                sum(0, FW - 1, (g2) =>
                  qmul(
                    qmul(E(v, a0, b1, b2, b3), Om(v, b3, g1, g2, a3)),
                    qmul(kd(a1, S1 * b1 + D1 * g1), kd(a2, S2 * b2 + D2 * g2)),
                  ),
                ),
              ),
            ),
          ),
        );
      },
    },
  ],
};
export default src;
