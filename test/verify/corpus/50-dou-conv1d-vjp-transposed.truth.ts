/**
 * Dou Meishi (GitHub: Dou-Meishi), "Gradients of Convolution: Direct Computation and Linear Algebra Perspective", a
 * post of 20 February 2025 on his Org-mode blog (the file 2025-02-20-ConvMathVisualCode/notes.org of the repository
 * Dou-Meishi/org-blog, added 25 February 2025, commit d51a3bd, unchanged at the September 2025 commit read) — a 1-D
 * convolution ("convolution-DL", PyTorch's conv1d: a cross-correlation) with stride s and padding p, in index
 * notation: the forward pass y[t] = Σ_τ x[st + τ − p] w[τ], the vector-Jacobian product (the input gradient) by direct
 * differentiation, then again with down/upsampling, shift and flip operators and their adjoints, which defines the
 * transposed convolution u[i] = Σ_t w[i + p − st] v[t]; output sizes, the output padding p* that makes the transposed
 * convolution return the input's length, and appendices (2-D case, how the forward formula is obtained).
 * Layer: the post's own "practical example" (line 292), I = 10, K = 3, s = 2, p = 1: one channel, no bias ("we ignore
 * the bias term and do not take linear combination of convolutions over multiple kernels"), 0-based ("We index
 * vectors with brackets starting from 0"), out-of-range entries 0 (the post's convention, and the oracle's Access);
 * so x has 10 entries, w 3, y has T = 1 + ⌊(10 − 3 + 2)/2⌋ = 5. The vector v of the VJP "is set to the upstream
 * derivative ∂L/∂y" (line 101), so v[t] = v.dy(t) and the VJP w.r.t. x, and the transposed convolution of v, are the
 * input gradient ∂L/∂x (as the post's line 282 says). The operator section's results (C*_w U_{s,p} v)[i] = … (lines
 * 231–237) are the same input gradient; verify cuts that chain at the commas of ⟨·,·⟩, and each piece it lists is a
 * link of it (each link equal to Σ_t v[t] w[i + p − st]).
 * The source's mistakes are outside the layer's formulas, in its operator algebra (truth "other", not checked by the
 * oracle, since they are not statements about this layer's tensors):
 * - line 171: "they are unitary operators D_{s,p}D_{s,p}^* = D_{s,p}^*D_{s,p} = I, U_{s,p}U_{s,p}^* = U_{s,p}^*U_{s,p} = I".
 *   D_{s,p}D_{s,p}^* = D_{s,p}U_{s,−p} = I and U^*U = I hold, but D^*D = U_{s,−p}D_{s,p} keeps only the entries at
 *   st + p and zeroes the rest (a projection, not I) for |s| > 1, and likewise UU^* = U D; only the flips and shifts
 *   (s = ±1) are unitary.
 * - line 213–214: "if the kernel is symmetric ... C_w^*x = C_{Rw}x = C_xw": with Rw = w, C_{Rw}x = C_w x = Corr(x, w),
 *   but C_x w = Corr(w, x) = R C_w x (the post's own line 210), the flipped sequence: the last link should be C_w x.
 *   (x = the unit impulse at 1, w symmetric of support {−1, 0, 1}: C_w x is non-zero at t = 0, 1, 2, C_x w at 0, −1, −2.)
 * Holds: the forward pass (lines 49, 309 with its bounds, 399 through z, 404), the output count T (56, 293), the VJP
 * chain of Method 1 (110–113), the transposed convolution written out with its bounds (245, 317; e.g. u[0] = w[1] v[0],
 * x[0] sitting under w[1] in y[0] = w[0]x[−1] + w[1]x[0] + w[2]x[1]), the operator chain (231–237), ∂L/∂x[i] =
 * TransposedConv-DL(∂L/∂y, w; s, p)[i] (282), the output padding p* = I − s(T − 1) + 2p − K and its value 1 (289, 293:
 * 10 − 8 + 2 − 3 = 1, so I* = s(T − 1) − 2p + K + p* = 10, PyTorch's conv_transpose1d length).
 * Other: everything about the general linear space Ω of finite sequences and its operators (true identities, like
 * 168–170, 178–179, 199, 204–205, 210, 212, and the two false ones above), the stride-1 correlations of the appendix
 * (374: the valid correlation without padding, y[t] = Σ_τ x[t + τ] w[τ]; 387: with padding, stride 1) — right for
 * their own layers, not for this one (stride 2, padding 1) — the 2-D formulas (80, 328, 333, 339, 349–364), the
 * example's values (292) and the condition I* = I (272, 289).
 * Definition: the notations Conv-DL, VJP, ⟨·,·⟩, D, U, R, S, Corr, Conv, C_w, TransposedConv-DL, ⟦·⟧, I*, z.
 * Not found by verify, so not listed: the bounds max(0, p − st) ≤ τ ≤ min(K − 1, I − 1 + p − st) (line 76) and
 * max(0, ⌈(i + p − K + 1)/s⌉) ≤ t ≤ min(T − 1, ⌊(i + p)/s⌋) (line 122), their 2-D form (line 344), the range −p ≤ i ≤
 * s(T − 1) − p + K − 1 (line 266; right), the appendix's 0 ≤ t ≤ I − K and −p ≤ t ≤ I − K + p (lines 380, 386; right),
 * and the bound 0 ≤ t ≤ ⌊(I − K + 2p)/s⌋ beside the forward formulas.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const I = 10,
  K = 3,
  S = 2,
  P = 1,
  T = 5; // x 10, w 3, stride 2, padding 1: y 5

/** y[t] = Σ_τ x[st + τ − p] · w[τ] (τ over the kernel; x reads 0 in the padding). */
const forward = (v: Access, [t]: number[]): Q => sum(0, K - 1, (tau) => qmul(v.x(S * t! + tau - P), v.w(tau)));
/** The same with the post's bounds max(0, p − st) ≤ τ ≤ min(K − 1, I − 1 + p − st). */
const forwardBounded = (v: Access, [t]: number[]): Q =>
  sum(Math.max(0, P - S * t!), Math.min(K - 1, I - 1 + P - S * t!), (tau) => qmul(v.x(S * t! + tau - P), v.w(tau)));
/** Σ_t w[i + p − st] · v[t], v = ∂L/∂y (t over a range wider than 0 … T − 1; v and w read 0 outside). */
const vjp = (v: Access, [i]: number[]): Q => sum(-T, 2 * T, (t) => qmul(v.w(i! + P - S * t), v.dy(t)));
/** u[i] = Σ_{t = max(0, ⌈(i + p − K + 1)/s⌉)}^{min(T − 1, ⌊(i + p)/s⌋)} w[i + p − st] · v[t]. */
const transposed = (v: Access, [i]: number[]): Q =>
  sum(Math.max(0, Math.ceil((i! + P - K + 1) / S)), Math.min(T - 1, Math.floor((i! + P) / S)), (t) =>
    qmul(v.w(i! + P - S * t), v.dy(t)),
  );
/** Σ_t v[t] · w[−st + i + p]. */
const vjpFlipped = (v: Access, [i]: number[]): Q => sum(-T, 2 * T, (t) => qmul(v.dy(t), v.w(-S * t + i! + P)));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const definition = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});
const link = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "holds",
  target: "dX",
  why,
  claimed: vjpFlipped,
});
const general =
  "an identity about operators on the space Ω of finite sequences, not a statement about this layer's tensors";
const twoD = "the two-dimensional case of the appendix, not this 1-D layer";

const src: CorpusSource = {
  file: "50-dou-conv1d-vjp-transposed.md",
  citation:
    'Dou Meishi (GitHub: Dou-Meishi), "Gradients of Convolution: Direct Computation and Linear Algebra Perspective", a post of 20 February 2025 on his Org-mode blog, repository Dou-Meishi/org-blog, file 2025-02-20-ConvMathVisualCode/notes.org (added 25 February 2025, commit d51a3bde01c12be8827d145549d1a61762b37487, unchanged since), read at commit c6fcd282ed77018f11e115b9ba61efd4806c3486 (7 September 2025): the whole post (1-D convolution-DL with stride and padding, its vector-Jacobian product by direct differentiation and by adjoint operators, transposed convolution, output padding, appendices)',
  url: "https://github.com/Dou-Meishi/org-blog/blob/c6fcd282ed77018f11e115b9ba61efd4806c3486/2025-02-20-ConvMathVisualCode/notes.org",
  flags: ["--input", "10", "--kernel", "3", "--stride", "2", "--padding", "1", "--op", "xcorr", "--index-base", "0"],
  layer: {
    op: "xcorr",
    input: [I],
    kernel: [K],
    stride: [S],
    dilation: [1],
    padding: P,
    inChannels: null,
    outChannels: null,
    groups: 1,
    batch: null,
    bias: false,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    {
      line: 49,
      snippet: "y[t] =",
      truth: "holds",
      target: "Y",
      why: "PyTorch's conv1d (a cross-correlation) with stride s and padding p: output t reads the padded input from st, i.e. x[st − p] … x[st − p + K − 1]; x read 0 off 0 … I − 1",
      claimed: forward,
    },
    {
      line: 56,
      snippet: String.raw`T:= 1 + \lfloor (I - K + 2p)`,
      truth: "holds",
      target: "size",
      why: "the number of window positions on the padded input of length I + 2p: 1 + ⌊(I − K + 2p)/s⌋ = 1 + ⌊9/2⌋ = 5 here",
    },
    definition(63, String.raw`$y=\operatorname{Conv-DL}(x,w;s,p)$`, "a name for the operation of line 49"),
    other(80, String.raw`y[t_1,t_2] = \sum_{\tau_1,\tau_2}`, twoD),
    definition(
      97,
      String.raw`\operatorname{VJP}_\text{Conv-DL}(x,v)[i] &:=`,
      "defines the vector-Jacobian product w.r.t. the input",
    ),
    definition(
      98,
      String.raw`\operatorname{VJP}_\text{Conv-DL}(w,v)[\tau] &:=`,
      "defines the vector-Jacobian product w.r.t. the kernel (never worked out in the post)",
    ),
    {
      line: 110,
      snippet: String.raw`\operatorname{VJP}_\text{Conv-DL}(x,v)[i] &= \sum_t`,
      truth: "holds",
      target: "dX",
      why: "with v = ∂L/∂y: x[i] enters y[t] under the weight w[i + p − st] (substituting i' = st + τ − p), so every link is Σ_t w[i + p − st] v[t], the input gradient (w read 0 off 0 … K − 1)",
      claimed: vjp,
    },
    other(135, String.raw`\Omega:=\{x\in\mathbb{R}^{\mathbb{Z}}:`, "defines the space of finite sequences"),
    definition(138, String.raw`\langle x,y\rangle:=\sum_i x[i]\cdot y[i]`, "the standard inner product"),
    other(141, "A(x+y) = Ax + Ay", "the definition of a linear operator"),
    other(141, "A(kx) = k(Ax)", "the definition of a linear operator"),
    definition(142, String.raw`\langle Ax, y\rangle = \langle x,`, "the defining property of the adjoint A*"),
    other(
      147,
      String.raw`\operatorname{VJP}_A(x,v) := \frac{\partial \langle Ax, v\rangle }{\partial x}`,
      "the VJP of a general linear operator is its adjoint (true; not about this layer in particular)",
    ),
    definition(151, String.raw`\llbracket-1, 3\rrbracket:=[-1,3]\cap\mathbb{Z}`, "notation for integer intervals"),
    definition(159, String.raw`(D_{s,p}x)[t] &:= x[st+p]`, "the downsampling operator"),
    definition(160, String.raw`(U_{s,p}x)[t] &:= \begin{cases}`, "the upsampling operator"),
    other(164, "p=0", "the abbreviation D_s, U_s for p = 0"),
    other(
      168,
      String.raw`D_{s,-p}x, y\rangle = \sum_t x[st-p]\cdot y[t]`,
      `${general}: ⟨D_{s,−p}x, y⟩ = ⟨x, U_{s,p}y⟩ (true)`,
    ),
    other(169, String.raw`D_{s,p}^* = U_{s,-p}`, `${general} (true)`),
    other(170, String.raw`U_{s,p}^* = D_{s,-p}`, `${general} (true)`),
    other(
      171,
      String.raw`D_{s,p}D_{s,p}^* = D_{s,p}^*D_{s,p} = I`,
      `${general}, and FALSE for |s| > 1: D D* = I, but D*D = U_{s,−p}D_{s,p} zeroes every entry not at st + p (a projection)`,
    ),
    other(
      171,
      String.raw`U_{s,p}U_{s,p}^* =`,
      `${general}, and FALSE for |s| > 1: U*U = I, but U U* = U_{s,p}D_{s,−p} zeroes every entry off the grid (a projection)`,
    ),
    definition(174, String.raw`R:=D_{-1,0}`, "the flip operator"),
    definition(175, String.raw`S_p:=D_{1,p}`, "the shift operator"),
    other(178, String.raw`RS_p&= S_{-p}R`, `${general} (true: both send x to x[p − t])`),
    other(178, String.raw`(RS_p)^* &= RS_p`, `${general} (true)`),
    other(179, String.raw`D_{s,p}&= D_sS_p`, `${general} (true)`),
    other(179, String.raw`U_{s,p} &= S_pU_s`, `${general} (true)`),
    definition(188, String.raw`\operatorname{Corr}(x,w)[t] &:= \langle S_t x`, "the signal-processing correlation"),
    definition(188, String.raw`\sum_\tau x[t+\tau]\cdot w[\tau]`, "the signal-processing correlation, written out"),
    definition(189, String.raw`\operatorname{Conv}(x,w)[t] &:= \langle  S_t x`, "the signal-processing convolution"),
    definition(189, String.raw`\sum_\tau x[t+\tau]\cdot w[-\tau]`, "the signal-processing convolution, written out"),
    definition(195, String.raw`C_w x := \operatorname{Corr}(x, w)`, "notation C_w"),
    definition(195, String.raw`C^*_w x:=`, "notation C*_w"),
    other(
      199,
      String.raw`C_w x, y\rangle = \sum_{\tau,t}x[t+\tau]\cdot w[\tau]\cdot y[t]`,
      `${general}: correlation and convolution are adjoint (true)`,
    ),
    other(
      204,
      String.raw`\operatorname{VJP}_\text{Corr}(x, v)`,
      "the VJP of a stride-1 correlation on Ω (true), not this stride-2, padded layer",
    ),
    other(
      205,
      String.raw`\operatorname{VJP}_\text{Conv}(x, v)`,
      "the VJP of a stride-1 convolution on Ω (true), not this layer",
    ),
    other(210, String.raw`C_w^*x=C_x^*w`, `${general} (true: convolution is symmetric)`),
    other(210, String.raw`C_wx = R C_xw`, `${general} (true)`),
    other(212, String.raw`C_w^*x = C_{Rw}x.`, `${general} (true)`),
    other(
      213,
      String.raw`C_w^*x`,
      `${general}, and its last link is FALSE: for symmetric w, C_w^*x = C_{Rw}x = C_w x, but C_x w = R C_w x (line 210), the flipped sequence`,
    ),
    other(214, String.raw`Rw=w`, "the condition (a symmetric kernel)"),
    definition(
      227,
      String.raw`\operatorname{TransposedConv-DL}(v, w; s, p):=`,
      "defines the transposed convolution as the adjoint C*_w U_{s,p}",
    ),
    link(
      231,
      String.raw`(C^*_wU_{s,p}v)[i]`,
      "the chain's value, C*_w U_{s,p} v = D_{s,−p}C_w's adjoint applied to v = ∂L/∂y: Σ_t v[t] w[−st + i + p], the input gradient",
    ),
    link(
      233,
      String.raw`Rw \rangle`,
      "⟨S_iS_pU_s v, Rw⟩ = Corr(U_{s,p}v, Rw)[i] (S_pU_s = U_{s,p}): still the input gradient",
    ),
    link(
      234,
      String.raw`D_s S_{-i-p} Rw \rangle`,
      "moving the operators to the other side: (S_iS_pU_s)* = D_s S_{−p} S_{−i}",
    ),
    link(235, String.raw`D_s R S_{i+p}w \rangle`, "S_{−i−p}R = RS_{i+p} (line 178)"),
    link(
      236,
      String.raw`D_{-s, i+p}w \rangle`,
      "(D_s R S_{i+p}w)[t] = w[−st + i + p] = (D_{−s,i+p}w)[t]; written out, Σ_t v[t] w[−st + i + p] (line 237)",
    ),
    {
      line: 245,
      snippet: String.raw`u[i] = \sum_{t=\max(0,`,
      truth: "holds",
      target: "dX",
      why: "the transposed convolution of v = ∂L/∂y with the bounds of line 122: t runs over the outputs whose window holds x[i] (0 ≤ i + p − st ≤ K − 1); e.g. u[0] = w[1]v[0], u[1] = w[2]v[0] + w[0]v[1]",
      claimed: transposed,
    },
    definition(
      250,
      String.raw`I^*:= s(T-1)-2p+K + p^*`,
      "the transposed convolution's output length (PyTorch's (T − 1)s − 2p + K + output_padding)",
    ),
    other(272, "I^*=I", "the condition that fixes p*"),
    definition(277, "y=", "the example's layer, named"),
    {
      line: 282,
      snippet: String.raw`\frac{\partial`,
      truth: "holds",
      target: "dX",
      why: "the transposed convolution of ∂L/∂y (C*_w U_{s,p}, Σ_t ∂L/∂y[t] w[i + p − st]) is the input gradient",
      claimed: vjp,
    },
    other(289, "s(T-1)-2p+K + p^* = I", "the condition I* = I written out"),
    {
      line: 289,
      snippet: "p^*=I - s(T-1)+2p-K",
      truth: "holds",
      target: "size",
      why: "solving s(T − 1) − 2p + K + p* = I for p*",
    },
    other(292, "I=10", "the example's input length"),
    other(292, "K=3", "the example's kernel length"),
    other(292, "s=2", "the example's stride"),
    other(292, "p=1", "the example's padding"),
    {
      line: 293,
      snippet: String.raw`T=1+\lfloor(I-K+2p)/s \rfloor=5`,
      truth: "holds",
      target: "size",
      why: "1 + ⌊(10 − 3 + 2)/2⌋ = 1 + 4 = 5",
    },
    { line: 293, snippet: "p^*=1", truth: "holds", target: "size", why: "10 − 2·4 + 2 − 3 = 1" },
    {
      line: 309,
      snippet: "y[t]",
      truth: "holds",
      target: "Y",
      why: "the forward pass with the bounds of line 76: τ only where both st + τ − p and τ are valid; the padded terms dropped are 0",
      claimed: forwardBounded,
    },
    {
      line: 317,
      snippet: String.raw`u[i] = \sum_{t=\max(0, \lceil\frac{i+p-K+1}{s} \rceil)}`,
      truth: "holds",
      target: "dX",
      why: "the same transposed convolution as line 245 (with v = ∂L/∂y, the input gradient); its range 0 ≤ i ≤ s(T − 1) − 2p + K − 1 + p* is 0 … 9 here",
      claimed: transposed,
    },
    other(328, String.raw`y[t_1,t_2] = \sum_{\tau_1,\tau_2}`, twoD),
    other(333, String.raw`\operatorname{VJP}_\text{Conv-DL}(x,v)[i_1,i_2]`, twoD),
    other(339, String.raw`t_\alpha~(\alpha=1,2)`, twoD),
    other(349, String.raw`\Omega(\mathbb{Z}^2):=`, twoD),
    other(350, String.raw`x[\eta]=0.`, twoD),
    definition(351, String.raw`\langle x,y \rangle :=`, "the inner product on Ω(Z²)"),
    definition(356, String.raw`(C_wx)[t_1,t_2] &:=`, "2-D correlation operator"),
    definition(357, String.raw`(C_w^*x)[t_1,t_2] &:=`, "2-D convolution operator"),
    definition(
      364,
      String.raw`\operatorname{TransposedConv-DL}(v,w;s_1,p_1;s_2,p_2):=`,
      "the 2-D transposed convolution",
    ),
    other(
      374,
      String.raw`y[t] = \sum_\tau x[t+\tau] \cdot w[\tau].`,
      "step 1 of the appendix's explanation: the valid correlation with NO padding and stride 1 (0 ≤ t ≤ I − K), a different layer, right for it; not a claim about this stride-2, padded layer",
    ),
    other(
      387,
      String.raw`y[t] = \tilde{y}[t-p] = \sum_\tau x[t+\tau-p]\cdot w[\tau]`,
      "step 2: the correlation with padding p and stride 1 (0 ≤ t ≤ I − K + 2p), right for that layer; not this one",
    ),
    definition(
      398,
      String.raw`z[t] &= \sum_\tau x[t + \tau - p]\cdot w[\tau]`,
      "names the stride-1 padded correlation z (a different layer's output, an intermediate here)",
    ),
    {
      line: 399,
      snippet: "y[t] &= z[ st ]",
      truth: "holds",
      target: "Y",
      why: "downsampling z by s: y[t] = z[st] = Σ_τ x[st + τ − p] w[τ]",
      claimed: (v, [t]) => sum(0, K - 1, (tau) => qmul(v.x(S * t! + tau - P), v.w(tau))),
    },
    {
      line: 404,
      snippet: String.raw`y[t] = \sum_\tau x[st+\tau -p] \cdot w[\tau]`,
      truth: "holds",
      target: "Y",
      why: "the forward pass of line 49 again",
      claimed: forward,
    },
  ] satisfies TruthEquation[],
};
export default src;
