/**
 * Thomas Epelbaum, "Deep learning: Technical introduction" (arXiv:1709.01412, 2017), the LaTeX source of the note
 * (repository tomepel/Technical_Book_DL, chapter2.tex "Convolutional Neural Networks"): the convolution of a layer in
 * index form with F input and F_p output feature maps, a receptive field R_C, a stride S_C and a padding P, the
 * weight updates of a convolution ("conv to conv", "conv to pool and conv to input") in the main text and their
 * derivation in the appendix, and the appendix "Convolution as a matrix multiplication" (2D and 4D).
 * Layer: a mini-batch t of T_mb = 2, F_ν = 3 input maps of N = T = 5 (square, so the note's swapped sum limits —
 * l, the width index of N_{ν+1}, summed to T_{ν+1} − 1, and m to N_{ν+1} − 1 — are harmless), F_{ν+1} = F_p = 2
 * output maps, R_C = 3, S_C = 2, P = 1: N_p = T_p = (5 + 2 − 3)/2 + 1 = 3. The note keeps every size general; these
 * are a small choice (stride and padding as its own figure and formulas have them, more input than output maps).
 * 0-based (its sums run from 0), a cross-correlation (a_{flm} = Σ Θ^f_{f'jk} h_{f', S_C l + j, S_C m + k}), no bias
 * (the note's networks carry batch normalization instead). Readings: h^{(ν)} is stored padded — "Taking padding into
 * account, it reads h_{f, l+P, m+P} = g(a_{flm})", zeros added "at the beginning of each row and column" — so
 * h^{(t)(ν)}_{f', r, c} is the input x(t, f', r − P, c − P) (0 on the padding); δ^{(t)(ν)}_{f, l+P, m+P} is the error
 * rate ∂J/∂a^{(t)(ν)}_{flm} stored padded ("Note that we have padded this error rate"), i.e. v.dy(t, f, l, m); the
 * update Δ^{Θ(o)f}_{f'jk} is the gradient of J with respect to Θ^{(o)f}_{f'jk}, the kernel entry W[f, f', j, k]
 * (output map f, input map f'); y^{(t)(n)} in the conv-to-conv updates is the batch-normalized input that this
 * convolution is applied to, so it is read as the layer's input, like h in the conv-to-input updates.
 * The note's mistakes: (1) both main-text weight updates (lines 60, 88) read the input at l + j, m + k, without the
 * stride: the appendix derives S_C l + j, S_C m + k (line 118) — with S_C = 2 they fail. (2) In the appendix
 * derivation of the conv-to-conv update (line 96), the inner sum over the input map f''' runs to F_{ν+1} − 1, the
 * number of OUTPUT maps; the Kronecker ∂Θ^{f''}_{f'''j'k'}/∂Θ^f_{f'jk} then misses f''' = f' for every input map
 * f' ≥ F_{ν+1} (here f' = 2), so that link gives 0 there: the chain fails, though its first link and its result hold.
 * (3) The 4D convolution of the matrix-multiplication appendix (line 163) sums the input map f' to F_p − 1, the
 * number of output maps, where the convolution section sums it to F_ν − 1 (line 30): with 3 input and 2 output maps
 * it drops the third input map.
 * Holds: the output sizes (lines 20, 22), the forward pass (line 30), the appendix's conv-to-input update (line 118).
 * verify splits the appendix display at its "&\times" line (108): the entry at line 96 holds the first link and the
 * sums of the second, the entry at line 108 the rest of the second link and the result; each is judged as the
 * source's chain it belongs to (line 96: Δ = first link = second link; line 108: second link = result), the second
 * link read whole (its sums, the Kronecker and × y δ).
 * Other: the size-preserving case N = N_p = T = T_p, S_C = 1, P = (R_C − 1)/2 (line 24, 26: not this layer), the
 * 2D convolution a_{lm} of one map (line 144, the single-map illustration, not this layer of 3 and 2 maps);
 * definition: h = g(a), the activation stored padded (line 36).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, Q0, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const NB = 2,
  CI = 3,
  CO = 2,
  N = 5,
  R = 3,
  S = 2,
  P = 1;
const O = (N + 2 * P - R) / S + 1; // 3

/** h^{(t)(ν)}_{f, r, c}: the padded input (0 on the padding ring, as v.x is 0 outside the 5×5 maps). */
const h = (v: Access, t: number, f: number, r: number, c: number): Q => v.x(t, f, r - P, c - P);
/** δ^{(t)(ν)}_{f, r, c}: the error rate stored padded, ∂J/∂a_{f, r−P, c−P}. */
const delta = (v: Access, t: number, f: number, r: number, c: number): Q => v.dy(t, f, r - P, c - P);

/** Σ_{f'=0}^{lim−1} Σ_{j,k} Θ^f_{f'jk} h_{f', S_C l + j, S_C m + k}. */
const fwd =
  (lim: number) =>
  (v: Access, [t, f, l, m]: number[]): Q =>
    sum(0, lim - 1, (fp) =>
      sum(0, R - 1, (j) => sum(0, R - 1, (k) => qmul(v.w(f!, fp, j, k), h(v, t!, fp, S * l! + j, S * m! + k)))),
    );

/** Σ_t Σ_{l,m} h_{f', stride·l + j, stride·m + k} δ_{f, l+P, m+P}. */
const update =
  (stride: number) =>
  (v: Access, [f, fp, j, k]: number[]): Q =>
    sum(0, NB - 1, (t) =>
      sum(0, O - 1, (l) =>
        sum(0, O - 1, (m) => qmul(h(v, t, fp!, stride * l + j!, stride * m + k!), delta(v, t, f!, l + P, m + P))),
      ),
    );

/** First link: Σ_t Σ_{f''} Σ_{l,m} ∂a_{f''lm}/∂Θ^f_{f'jk} δ_{f'', l+P, m+P}, with ∂a_{f''lm}/∂Θ^f_{f'jk} = [f'' = f] h_{f', S_C l + j, S_C m + k}. */
const link1 = (v: Access, [f, fp, j, k]: number[]): Q =>
  sum(0, NB - 1, (t) =>
    sum(0, CO - 1, (f2) =>
      sum(0, O - 1, (l) =>
        sum(0, O - 1, (m) =>
          f2 === f ? qmul(h(v, t, fp!, S * l + j!, S * m + k!), delta(v, t, f2, l + P, m + P)) : Q0,
        ),
      ),
    ),
  );
/**
 * Second link: Σ_t Σ_{f''<F_{ν+1}} Σ_{l,m} Σ_{f'''<F_{ν+1}} Σ_{j',k'} ∂Θ^{f''}_{f'''j'k'}/∂Θ^f_{f'jk} × y_{f''', S_C l + j', S_C m + k'} δ_{f'', l+P, m+P}:
 * the Kronecker keeps f'' = f, f''' = f', j' = j, k' = k — when f' is among the f''' summed (f' < F_{ν+1}).
 */
const link2 = (v: Access, [f, fp, j, k]: number[]): Q =>
  sum(0, NB - 1, (t) =>
    sum(0, CO - 1, (f2) =>
      sum(0, O - 1, (l) =>
        sum(0, O - 1, (m) =>
          sum(0, CO - 1, (f3) =>
            sum(0, R - 1, (j2) =>
              sum(0, R - 1, (k2) =>
                f2 === f && f3 === fp && j2 === j && k2 === k
                  ? qmul(h(v, t, f3, S * l + j2, S * m + k2), delta(v, t, f2, l + P, m + P))
                  : Q0,
              ),
            ),
          ),
        ),
      ),
    ),
  );

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });

const src: CorpusSource = {
  file: "57-epelbaum-dl-technical-intro-conv.tex",
  citation:
    'Thomas Epelbaum (GitHub: tomepel), "Deep learning: Technical introduction" (arXiv:1709.01412, 2017), LaTeX source in the repository tomepel/Technical_Book_DL, file chapter2.tex (last changed 17 December 2017, commit 8b59075802ae4c8db19126c60cc29da487657aa8), read at commit 1246c33fa086b2169cf13b28a165cc8f7d69efd8: subsection "Convolution", the weight updates from conv to conv and from conv to pool / input, their appendix derivation, and "Convolution as a matrix multiplication"',
  url: "https://github.com/tomepel/Technical_Book_DL/blob/1246c33fa086b2169cf13b28a165cc8f7d69efd8/chapter2.tex",
  flags: [
    "--input",
    "5x5",
    "--kernel",
    "3x3",
    "--op",
    "xcorr",
    "--stride",
    "2",
    "--padding",
    "1",
    "--in-channels",
    "3",
    "--out-channels",
    "2",
    "--batch",
    "2",
    "--index-base",
    "0",
  ],
  layer: {
    op: "xcorr",
    input: [N, N],
    kernel: [R, R],
    stride: [S, S],
    dilation: [1, 1],
    padding: P,
    inChannels: CI,
    outChannels: CO,
    groups: 1,
    batch: NB,
    bias: false,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    {
      line: 20,
      snippet: "N_p&=\\frac{N+2P-R_C}{S_C}+1",
      truth: "holds",
      target: "size",
      why: "the output width (N + 2P − R_C)/S_C + 1 = (5 + 2 − 3)/2 + 1 = 3, the layer's 3 output columns",
    },
    {
      line: 22,
      snippet: "T_p&=\\frac{T+2P-R_C}{S_C}+1",
      truth: "holds",
      target: "size",
      why: "the output height, the same formula in T: 3 rows",
    },
    other(24, "N=N_p=T=T_p", "the size-preserving case the note then discusses (not this layer: 5 → 3)"),
    other(24, "S_C=1", "the stride of that size-preserving case (this layer's is 2)"),
    other(
      26,
      "P&=\\frac{R_C-1}{2}",
      "the padding that preserves the size at stride 1, a choice of padding, not a gradient",
    ),
    {
      line: 30,
      snippet: "a_{f\\,l\\,m}^{(t)(\\nu)}&=\\sum^{F_\\nu-1}_{f'=0}",
      truth: "holds",
      target: "Y",
      why: "the convolution: every input map f' < F_ν, the R_C × R_C window at S_C l, S_C m of the padded h, under Θ^f_{f'jk} — the layer's output (no bias)",
      claimed: fwd(CI),
    },
    {
      line: 36,
      snippet: "h_{f\\,l+P\\,m+P}^{(t)(\\nu+1)}&=g",
      truth: "definition",
      why: "the hidden units: the activation g of a, stored at l + P, m + P (the next layer's padded input)",
    },
    {
      line: 60,
      snippet: "\\Delta^{\\Theta(o)f}_{f'jk}&=\\sum_{t=0}^{T_{{\\rm mb}}-1}\\sum^{T_{\\nu+1}-1}_{l=0}",
      truth: "fails",
      target: "dW",
      why: "the conv-to-conv weight update reads the input at l + j, m + k: Θ^f_{f'jk} meets y at S_C l + j, S_C m + k (line 30, and the appendix's own result, line 114), so with S_C = 2 the stride is missing",
      claimed: update(1),
    },
    {
      line: 88,
      snippet: "\\Delta^{\\Theta(o)f}_{f'jk}&=\\sum_{t=0}^{T_{{\\rm mb}}-1}\\sum^{T_{\\nu+1}-1}_{l=0}",
      truth: "fails",
      target: "dW",
      why: "the conv-to-input update, the same omission: h at l + j, m + k instead of S_C l + j, S_C m + k (line 118)",
      claimed: update(1),
    },
    {
      line: 96,
      snippet: "\\Delta^{\\Theta(o)f}_{f'jk}&=\\sum_{t=0}^{T_{{\\rm mb}}-1}\\sum^{F_{\\nu+1}-1}_{f''=0}",
      truth: "fails",
      target: "dW",
      why: "the first link (the chain rule over the outputs a_{f''lm}, f'' < F_{ν+1}) holds, but the second sums the input map f''' only to F_{ν+1} − 1 = 1, the number of output maps: for f' = 2 the Kronecker ∂Θ^{f''}_{f'''j'k'}/∂Θ^f_{f'jk} is never 1 and the link is 0 (read with its × y δ of lines 108-110)",
      claimed: (v, idx) => chain(link1(v, idx), link2(v, idx)),
    },
    {
      line: 108,
      snippet: "&\\times y^{(t)(n)}_{f'''\\,S_Cl+j'\\,S_Cm+k'}",
      truth: "fails",
      target: "dW",
      why: "the end of the second link (its sums on lines 102-106) set equal to the result Σ_t Σ_{l,m} y_{f', S_C l + j, S_C m + k} δ_{f, l+P, m+P}: the result is the kernel gradient, the link is 0 for the input map f' = 2 (f''' stops at F_{ν+1} − 1)",
      claimed: (v, idx) => chain(link2(v, idx), update(S)(v, idx)),
    },
    {
      line: 118,
      snippet: "\\Delta^{\\Theta(o)f}_{f'jk}&=\\sum_{t=0}^{T_{{\\rm mb}}-1}\\sum^{T_{\\nu+1}-1}_{l=0}",
      truth: "holds",
      target: "dW",
      why: "the kernel gradient: over the mini-batch and the output positions, the padded input under Θ^f_{f'jk} (at S_C l + j, S_C m + k) times the error rate of output map f",
      claimed: update(S),
    },
    other(
      144,
      "a_{lm}&=\\sum_{j=0}^{R_C-1}",
      "the 2D convolution of one map by one R_C × R_C Θ, the appendix's illustration of im2col: not this layer of 3 input and 2 output maps and a mini-batch",
    ),
    {
      line: 163,
      snippet: "a^{(t)}_{flm}&=",
      truth: "fails",
      target: "Y",
      why: "the 4D convolution sums the input map f' to F_p − 1, the number of OUTPUT maps (F_p in the convolution section's notation, line 30 sums to F_ν − 1): with 3 input and 2 output maps the third input map is dropped",
      claimed: fwd(CO),
    },
  ],
};
export default src;
