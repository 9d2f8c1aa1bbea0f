/**
 * Andrea Vedaldi, Karel Lenc and Ankush Gupta, "MatConvNet: Convolutional Neural Networks for MATLAB": the reference
 * manual of the MatConvNet toolbox (a LaTeX memoir report, arXiv:1412.4564), repository vlfeat/matconvnet, read at
 * commit 1e5ae7b70fc1074bf8a2a5617e698e54072fbb2c (28 July 2018). Transcribed: the preamble's macros, the chapter
 * "Computational blocks" up to its sections "Convolution" and "Convolution transpose (deconvolution)"
 * (doc/blocks.tex lines 1-146) and the sections "Convolution" and "Convolution transpose" of the chapter
 * "Implementation details" (doc/impl.tex lines 1-153): the block's forward pass with biases, then with paddings
 * (P_h^-, P_h^+, P_w^-, P_w^+) and strides (S_h, S_w), its output size, dilation, the closed form of the convolution
 * transpose (the transpose M^T of the convolution's matrix M, i.e. the input gradient), its output size, and the
 * im2row (φ) / row2im (φ^*) matrix form of the forward pass and of the derivatives dz/dF and dz/dX, and a 1-D
 * derivation of the transpose's closed form.
 * Layer (sizes ours): the block y_{i''j''d''} = b_{d''} + Σ_{i',j',d'} f x_{S_h(i''−1)+i'−P_h^-, S_w(j''−1)+j'−P_w^-}, a
 * cross-correlation (the filter unflipped), 1-based, with a bias; one input and one output channel (D = D'' = 1);
 * its rows take the manual's own figure (a filter of H' = 4, stride S_h = 2, paddings P_- = 2, P_+ = 3); the
 * columns are ours, another stride and padding to keep the axes apart (W' = 2, S_w = 3, P_w^- = 1, P_w^+ = 0). With
 * H = 7, W = 4: H'' = 1 + ⌊(7 − 4 + 5)/2⌋ = 5, W'' = 1 + ⌊(4 − 2 + 1)/3⌋ = 2, and both strides fit exactly (the
 * transpose's output size, line 167, is the input's), though input column 2 is reached by no window (its gradient
 * is 0). dz/dy_{i''j''} is v.dy(i'', j''), the kernel f_{i'j'} v.w(i', j'), the bias b v.b().
 * Reading:
 * - The forward passes (lines 56, 69, 102) write f_{i'j'd} × x_{…,d',d''}: the channel indices are misplaced (f has
 *   four indices, f_{i'j'd'd''}, and x three, x_{…,d'}); with one channel d = d' = d'' = 1 and the formulas are the
 *   layer's. Line 56 (no padding, stride 1) is the call without those options, another configuration than this
 *   layer's; line 102 (dilation d_h, d_w, filter H_f × W_f) is line 69 at d_h = d_w = 1, H_f = H', W_f = W'.
 * - The transpose (lines 126-169) names its own tensors: its x (H × W) is what the convolution, run on its y (H'' ×
 *   W''), outputs, and it computes vec y = M^T vec x: in this layer's terms its x is dz/dy (5 × 2), its y is dz/dx
 *   (7 × 4), its H is 5, its H'' is 7. Its closed form (line 140) is so the input gradient, its height formula
 *   (line 167) this layer's input height. q(k, n) = ⌊(k−1)/S⌋ (line 161) writes S for its second argument n, a
 *   slip that changes nothing: every use passes S_h or S_w as n.
 * - The im2row section (lines 183-258) writes the map t of the unpadded, stride-1 case and says "in practice, this
 *   map is slightly modified to account for the padding, stride, and dilation": the translations use the map of
 *   this layer, i = S_h(i''−1)+i'−P_h^-, j = S_w(j''−1)+j'−P_w^- (out-of-range x read as 0); p runs over the output
 *   entries (i'', j''), q over the filter entries (i', j'); K = D = 1, so F is the filter as a column and I ⊗ φ(x)
 *   is φ(x).
 * The mistake: the matrix form of the forward pass, vec y = vec(φ(x) F) (lines 208 and 243), drops the bias b_{d''}
 * of the block's definition (line 69): as written it is y only for the call vl_nnconv(x,f,[]) — fails on this layer
 * with its bias (as 24's forward pass without b^l does); the derivatives beside it do not involve b and hold.
 * The 1-D derivation of the transpose (lines 264-324, "for a 1D signal") is about another number of dimensions:
 * other (it has two slips of its own: Σ_{i''=1}^b and Σ_{i'=1}^{W'} at line 274, for H'' and H').
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const H = 7,
  W = 4,
  KH = 4,
  KW = 2,
  SH = 2,
  SW = 3,
  PH = 2, // P_h^-
  PH2 = 3, // P_h^+
  PW = 1, // P_w^-
  PW2 = 0; // P_w^+
const HO = 1 + Math.floor((H - KH + PH + PH2) / SH), // 5
  WO = 1 + Math.floor((W - KW + PW + PW2) / SW); // 2

const kd = (c: boolean): Q => (c ? { n: 1n, d: 1n } : Q0);
/** The layer's map t: input row and column of filter entry (i', j') in the window of output (i'', j''). */
const ti = (i2: number, i1: number) => SH * (i2 - 1) + i1 - PH;
const tj = (j2: number, j1: number) => SW * (j2 - 1) + j1 - PW;
/** [φ(x)]_{pq}, p = (i'', j''), q = (i', j'). */
const phi = (v: Access, i2: number, j2: number, i1: number, j1: number): Q => v.x(ti(i2, i1), tj(j2, j1));
/** Σ over the output entries p = (i'', j''). */
const overP = (f: (i2: number, j2: number) => Q): Q => sum(1, HO, (i2) => sum(1, WO, (j2) => f(i2, j2)));
/** Σ over the filter entries q = (i', j'). */
const overQ = (f: (i1: number, j1: number) => Q): Q => sum(1, KH, (i1) => sum(1, KW, (j1) => f(i1, j1)));

/** vec(φ(x) F) at p = (i'', j''): the forward pass without the bias. */
const noBias = (v: Access, i2: number, j2: number): Q => overQ((i1, j1) => qmul(phi(v, i2, j2, i1, j1), v.w(i1, j1)));
/** The block with its bias (line 69 at D = D'' = 1). */
const fwd = (v: Access, i2: number, j2: number): Q => qadd(v.b(), noBias(v, i2, j2));
/** (φ(x)^T dz/dY)_q. */
const phiTdY = (v: Access, i1: number, j1: number): Q => overP((i2, j2) => qmul(phi(v, i2, j2, i1, j1), v.dy(i2, j2)));
/** φ^*(dz/dY F^T) at (i, j): Σ over (p, q) ∈ t^{-1}(i, j) of dz/dy_p f_q. */
const rowToIm = (v: Access, i: number, j: number): Q =>
  overP((i2, j2) => overQ((i1, j1) => qmul(kd(ti(i2, i1) === i && tj(j2, j1) === j), qmul(v.dy(i2, j2), v.w(i1, j1)))));

/** The transpose's m(k, S) = (k − 1) mod S and q(k, S) = ⌊(k − 1)/S⌋. */
const m = (k: number, s: number) => (((k - 1) % s) + s) % s;
const qq = (k: number, s: number) => Math.floor((k - 1) / s);
/** Line 140 in this layer's terms: its y_{i''j''} is dz/dx_{i''j''}, its x dz/dy, its f the filter. */
const convt = (v: Access, i2: number, j2: number): Q =>
  sum(0, qq(KH, SH), (i1) =>
    sum(0, qq(KW, SW), (j1) =>
      qmul(
        v.w(1 + SH * i1 + m(i2 + PH, SH), 1 + SW * j1 + m(j2 + PW, SW)),
        v.dy(1 - i1 + qq(i2 + PH, SH), 1 - j1 + qq(j2 + PW, SW)),
      ),
    ),
  );

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});

const fig1 = "the figure's 1-D example (a signal of 15 samples): its values, not a claim about this layer";
const oneD = 'the 1-D signal of the derivation ("for a 1D signal"), another number of dimensions than this layer\'s';
const groups = "filter groups (g = D/D'), which this one-group, one-channel layer does not have";

const src: CorpusSource = {
  file: "105-vedaldi-lenc-matconvnet-manual-conv.tex",
  citation:
    'Andrea Vedaldi, Karel Lenc and Ankush Gupta, "MatConvNet: Convolutional Neural Networks for MATLAB" (the MatConvNet reference manual, LaTeX, arXiv:1412.4564), repository vlfeat/matconvnet, read at commit 1e5ae7b70fc1074bf8a2a5617e698e54072fbb2c (28 July 2018): doc/blocks.tex lines 1-146 (chapter "Computational blocks": "Convolution" — forward pass with biases, padding and stride, output size, dilation — and "Convolution transpose (deconvolution)", its closed form and output size) and doc/impl.tex lines 1-153 ("Implementation details": the im2row matrix form of the convolution and its derivatives dz/dF, dz/dX; the 1-D derivation of the transpose)',
  url: "https://github.com/vlfeat/matconvnet/blob/1e5ae7b70fc1074bf8a2a5617e698e54072fbb2c/doc/blocks.tex",
  flags: [
    "--input",
    "7x4",
    "--kernel",
    "4x2",
    "--op",
    "xcorr",
    "--index-base",
    "1",
    "--stride",
    "2x3",
    "--padding",
    "2:3x1:0",
    "--bias",
  ],
  layer: {
    op: "xcorr",
    input: [H, W],
    kernel: [KH, KW],
    stride: [SH, SW],
    dilation: [1, 1],
    padding: [
      [PH, PH2],
      [PW, PW2],
    ],
    inChannels: null,
    outChannels: null,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 1,
  },
  indexBase: 1,
  equations: [
    other(45, "$H'=4$", fig1),
    other(45, "$S_h =2$", fig1),
    other(45, "$P_-=2$", fig1),
    other(45, "$P_+=3$", fig1),
    other(
      56,
      "y_{i''j''d''}",
      "the block called without padding or stride (the next paragraph adds them): another configuration than this strided, padded layer",
    ),
    {
      line: 69,
      snippet: "y_{i''j''d''}",
      truth: "holds",
      target: "Y",
      why: "the bias plus the filter times the zero-extended input at rows S_h(i''−1)+i'−P_h^-, columns S_w(j''−1)+j'−P_w^-; the channel indices are misplaced (f_{i'j'd} for f_{i'j'd'd''}, x_{…,d',d''} for x_{…,d'}), harmless with one channel",
      claimed: (v, [i, j]) => fwd(v, i!, j!),
    },
    {
      line: 82,
      snippet: "H'' = 1 + \\left\\lfloor \\frac{H - H' + P_h^- + P_h^+}{S_h} \\right\\rfloor",
      truth: "holds",
      target: "size",
      why: "1 + ⌊(7 − 4 + 2 + 3)/2⌋ = 5, the layer's output height",
    },
    other(88, "$W''=H''=1$", "the fully connected case (a 1 × 1 output), another layer"),
    def(90, "$g=D/D'$", "the number of filter groups, for a layer with groups"),
    other(90, "$d=1,\\dots,D'$", groups),
    other(90, "$d=D'+1,\\dots,2D'$", groups),
    other(92, "$D'=1$", "sum pooling done with one-dimensional filters, another use of the block"),
    other(94, "$d=2$", "an example dilation factor (this layer has none)"),
    def(
      96,
      "H' = d_h(H_f - 1) + 1",
      "the effective height of a filter of height H_f dilated by d_h (here d_h = 1: H' = H_f)",
    ),
    def(
      98,
      "W' = d_w(W_f - 1) + 1",
      "the effective width of a filter of width W_f dilated by d_w (here d_w = 1: W' = W_f)",
    ),
    {
      line: 102,
      snippet: "y_{i''j''d''}",
      truth: "holds",
      target: "Y",
      why: "the dilated block: at d_h = d_w = 1 (this layer is not dilated) and H_f = H', W_f = W' the row S_h(i''−1)+d_h(i'−1)−P_h^-+1 is line 69's S_h(i''−1)+i'−P_h^-; the channel indices misplaced as there",
      claimed: (v, [i, j]) =>
        qadd(
          v.b(),
          sum(1, KH, (i1) =>
            sum(1, KW, (j1) =>
              qmul(v.w(i1, j1), v.x(SH * (i! - 1) + 1 * (i1 - 1) - PH + 1, SW * (j! - 1) + 1 * (j1 - 1) - PW + 1)),
            ),
          ),
        ),
    },
    other(123, "$H'=4$", "the transpose figure's 1-D example: its filter, not a claim about this layer"),
    other(123, "$C_-=2$", "the transpose figure's example crops"),
    other(123, "$C_+=3$", "the transpose figure's example crops"),
    def(134, "M^\\top", "what the convolution transpose computes, vec y = M^T vec x: its definition"),
    def(
      134,
      "$\\vv \\bx = M \\vv\\by$",
      "M: the convolution (without its bias, as a linear map) as a matrix, run from the transpose's y to its x",
    ),
    {
      line: 140,
      snippet: "y_{i''j''d''} =",
      truth: "holds",
      target: "dX",
      why: "the transpose's closed form: with its y the input gradient and its x the output gradient, each output i'' = ⌊(i''−1+P_h^-)/S_h⌋ + 1 − i' whose window covers input row i'', with the filter entry 1 + S_h i' + (i''−1+P_h^-) mod S_h there (f and x zero outside): M^T applied to dz/dy",
      claimed: (v, [i, j]) => convt(v, i!, j!),
    },
    def(159, "m(k,S) = (k - 1) \\bmod S", "the remainder used by the closed form"),
    def(
      161,
      "q(k,n) = \\left\\lfloor \\frac{k-1}{S} \\right\\rfloor",
      "the quotient used by the closed form (S written for its argument n; every use passes S_h or S_w as n)",
    ),
    {
      line: 167,
      snippet: "H'' = S_h (H - 1) + H' -P^-_h - P^+_h",
      truth: "holds",
      target: "size",
      why: "the transpose's output height, in its naming (its x is the convolution's 5-row output, its y the 7-row input): 2(5 − 1) + 4 − 2 − 3 = 7, this layer's input height (the stride fits exactly)",
    },
    def(
      185,
      "[\\phi(\\bx)]_{pq} \\underset{(i,j,d)=t(p,q)}{=} x_{ijd}",
      "im2row: the patches of x as the rows of φ(x)",
    ),
    def(187, "$(i,j,d) = t(p,q)$", "names the index map t"),
    def(
      189,
      "i = i''+i'-1",
      'the map t, stride 1 and no padding ("in practice ... modified to account for the padding, stride")',
    ),
    def(190, "j = j''+j'-1", "the map t, stride 1 and no padding"),
    def(191, "p = i'' + H'' (j''-1)", "the row of φ(x): the output entry (i'', j''), column-major"),
    def(192, "q = i' + H'(j'-1) + H'W' (d-1)", "the column of φ(x): the filter entry (i', j', d), column-major"),
    def(
      196,
      "[\\phi^*(M)]_{ijd}",
      "row2im, the transpose of im2row: each entry summed into the input entry it came from",
    ),
    def(203, "\\vv(\\phi(\\bx)) = H \\vv(\\bx)", "names the matrix H of im2row"),
    def(204, "\\vv(\\phi^*(M)) = H^\\top \\vv(M)", "row2im is H^T"),
    {
      line: 208,
      snippet: "\\vv\\by =",
      truth: "fails",
      target: "Y",
      why: "vec(φ(x)F) (and its two Kronecker forms, equal to it) is the filter part of the output only: the block's bias b_{d''} (line 69) is dropped — y only for the call vl_nnconv(x,f,[]), not for this layer with its bias",
      claimed: (v, [i, j]) =>
        chain(
          noBias(v, i!, j!),
          // (I ⊗ φ(x)) vec F, K = 1
          overQ((i1, j1) => qmul(phi(v, i!, j!, i1, j1), v.w(i1, j1))),
          // (F^T ⊗ I) vec φ(x)
          overQ((i1, j1) => qmul(v.w(i1, j1), phi(v, i!, j!, i1, j1))),
        ),
    },
    {
      line: 218,
      snippet: "\\frac{dz}{d(\\vv F)^\\top}",
      truth: "holds",
      target: "dW",
      why: "the chain rule through vec y = (I ⊗ φ(x)) vec F (+ the bias, which does not depend on F): the row vector dz/dvec(y)^T φ(x), i.e. φ(x)^T dz/dY, the filter entry (i', j') summed against the input entries under it",
      claimed: (v, [a, c]) =>
        chain(
          overP((i2, j2) => qmul(v.dy(i2, j2), phi(v, i2, j2, a!, c!))),
          phiTdY(v, a!, c!),
        ),
    },
    {
      line: 229,
      snippet: "\\frac{dz}{d(\\vv \\bx)^\\top}",
      truth: "holds",
      target: "dX",
      why: "the chain rule through vec y = (F^T ⊗ I) vec φ(x) and vec φ(x) = H vec x: the entries dz/dy_p f_q of dz/dY F^T, each added into the input entry t(p, q) (H's non-zero entries)",
      claimed: (v, [i, j]) =>
        chain(
          overP((i2, j2) =>
            overQ((i1, j1) => qmul(qmul(v.dy(i2, j2), v.w(i1, j1)), kd(ti(i2, i1) === i! && tj(j2, j1) === j!))),
          ),
          rowToIm(v, i!, j!),
        ),
    },
    {
      line: 243,
      snippet: "\\boxed{",
      truth: "fails",
      target: "Y",
      why: "the summary's vec y = vec(φ(x)F): the forward pass without the block's bias, as at line 208",
      claimed: (v, [i, j]) => noBias(v, i!, j!),
    },
    {
      line: 247,
      snippet: "\\frac{dz}{dF}",
      truth: "holds",
      target: "dW",
      why: "the filter gradient φ(x)^T dz/dY: filter entry (i', j') against the input entries t((i'', j''), (i', j')) it multiplied",
      claimed: (v, [a, c]) => phiTdY(v, a!, c!),
    },
    {
      line: 251,
      snippet: "\\frac{d z}{d X}",
      truth: "holds",
      target: "dX",
      why: "the input gradient φ^*(dz/dY F^T): row2im adds each dz/dy_p f_q into the input entry it came from (the padding's entries dropped)",
      claimed: (v, [i, j]) => rowToIm(v, i!, j!),
    },
    def(264, "M^\\top", "what the convolution transpose computes, vec x = M^T vec y"),
    def(264, "$\\vv \\by = M \\vv\\bx$", "M: the (bias-free, linear) convolution as a matrix"),
    other(266, "y_{i''} = \\sum_{i'=1}^{H'} f_{i'} x_{S (i''-1) + i' - P_h^-}", oneD),
    other(
      272,
      "$\\vv \\by^\\top (M \\vv \\bx) = (\\vv \\by^\\top M) \\vv\\bx = \\vv\\bx^\\top (M^\\top \\vv\\by)$",
      "an identity of matrix products (associativity, a scalar's transpose), not about this layer's gradients",
    ),
    other(274, "\\sum_{i''=1}^b y_{i''}", `${oneD} (its first line writes b and W' for the bounds H'' and H')`),
    other(306, "x_k =", oneD),
    other(310, "k=1,\\dots, H", "the range of k in the 1-D derivation"),
  ],
};
export default src;
