/**
 * A Data Science Stack Exchange question deriving a strided, multi-channel convolution layer's input
 * gradient (1-based). The layer is a cross-correlation (X_{ch,(i-1)s+r,(j-1)s+c} W_{f,ch,r,c}) with
 * one bias per filter b_f and no padding; `*` in the forward formula is a product (inside the sums).
 * Layer chosen: n_ch = 2 channels in, n_f = 3 filters, h × w = 7 × 6, f_r × f_c = 3 × 2, stride s = 2,
 * so h_new = ⌊(7 − 3)/2⌋ + 1 = 3 and w_new = ⌊(6 − 2)/2⌋ + 1 = 3.
 *
 * The boxed result sums i from ⌊(p − f_r)/s + 1⌋ to ⌊(p − 1)/s + 1⌋. The entries that are truly there
 * need 1 ≤ p − (i−1)s ≤ f_r, i.e. ⌈(p − f_r)/s⌉ + 1 ≤ i ≤ ⌊(p − 1)/s⌋ + 1 (and 1 ≤ i ≤ h_new): the
 * printed lower bound is one lower when s does not divide p − f_r, and the bounds may leave the
 * output's range; every extra term then names a kernel entry beyond f_r (or an O entry outside
 * 1..h_new), which is 0 when entries outside their tensors are read as 0 — the zero padding the
 * question's own case split states ("0, otherwise"). So it holds read that way (the Access readers
 * return 0 outside).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const NCH = 2, NF = 3, H = 7, W = 6, FR = 3, FC = 2, S = 2;
const HN = Math.floor((H - FR) / S) + 1; // 3
const WN = Math.floor((W - FC) / S) + 1; // 3

/** O_{f,i,j} = Σ_ch Σ_r Σ_c W_{f,ch,r,c} X_{ch,(i−1)s+r,(j−1)s+c} + b_f. */
const forward = (v: Access, [f, i, j]: number[]): Q =>
  qadd(
    sum(1, NCH, (ch) => sum(1, FR, (r) => sum(1, FC, (c) => qmul(v.w(f!, ch, r, c), v.x(ch, (i! - 1) * S + r, (j! - 1) * S + c))))),
    v.b(f!),
  );

/** Σ_f Σ_{i=ilo}^{ihi} Σ_{j=jlo}^{jhi} ∂L/∂O_{f,i,j} W_{f,ch,p−(i−1)s,q−(j−1)s} (0 outside either tensor). */
const inputGrad = (v: Access, ch: number, p: number, q: number, ilo: number, ihi: number, jlo: number, jhi: number): Q =>
  sum(1, NF, (f) => sum(ilo, ihi, (i) => sum(jlo, jhi, (j) => qmul(v.dy(f, i, j), v.w(f, ch, p - (i - 1) * S, q - (j - 1) * S)))));

const def = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "definition", why });

const src: CorpusSource = {
  file: "25-dsse-conv-layer-backprop.md",
  citation:
    "\"Backpropagation derivation for a convolutional layer\", question 102089 on Data Science Stack Exchange (2021): the layer's shapes, the forward formula, the chain rule for ∂L/∂X, the local derivative as a case split and the boxed result with its sum bounds",
  url: "https://datascience.stackexchange.com/questions/102089/backpropagation-derivation-for-a-convolutional-layer",
  flags: ["--input", "7x6", "--kernel", "3x2", "--op", "xcorr", "--stride", "2", "--index-base", "1", "--in-channels", "2", "--out-channels", "3", "--bias"],
  layer: { op: "xcorr", input: [H, W], kernel: [FR, FC], stride: [S, S], dilation: [1, 1], padding: "valid", inChannels: NCH, outChannels: NF, groups: 1, batch: null, bias: true, indexBase: 1 },
  indexBase: 1,
  equations: [
    { line: 21, snippet: "O_{f,i,j} = (\\sum_{ch=1}^{n_{ch}}", truth: "holds", target: "Y",
      why: "the forward pass of a strided cross-correlation with one bias per filter (* multiplies two entries inside the sums)",
      claimed: forward },
    { line: 27, snippet: "\\frac{\\partial L}{\\partial X_{ch,p,q}} = \\sum_{f=1}^{n_f}\\sum_{i=1}^{h_{new}}", truth: "holds", target: "dX",
      why: "the chain rule over every output entry; ∂O_{f,i,j}/∂X_{ch,p,q} = W_{f,ch,p−(i−1)s,q−(j−1)s} where that is a kernel entry, else 0",
      claimed: (v, [ch, p, q]) => inputGrad(v, ch!, p!, q!, 1, HN, 1, WN) },
    { line: 29, snippet: "\\frac{\\partial O_{f,i,j}}{\\partial X_{ch,p,q}} = \\begin{cases}", truth: "holds",
      why: "the local derivative of the forward formula: X_{ch,p,q} appears in O_{f,i,j} exactly when p = (i−1)s + r, q = (j−1)s + c for a kernel position (r, c), with coefficient W_{f,ch,r,c}" },
    { line: 31, snippet: "\\boxed{\\frac{\\partial L}{\\partial X_{ch,p,q}} = \\sum_{f=1}^{n_f}\\sum_{i=i_{lower}}^{i_{upper}}", truth: "holds", target: "dX",
      why: "the chain rule's sum restricted to the i, j whose kernel index is in range; the printed bounds (⌊·⌋ for the lower one) add only terms that name entries outside W or O, which are 0",
      claimed: (v, [ch, p, q]) =>
        inputGrad(v, ch!, p!, q!, Math.floor((p! - FR) / S + 1), Math.floor((p! - 1) / S + 1), Math.floor((q! - FC) / S + 1), Math.floor((q! - 1) / S + 1)) },
    def(33, "i_{lower} = \\lfloor{\\frac{p-f_r}{s} + 1}\\rfloor", "names the lower bound of the sum over i (a function of p)"),
    def(33, "i_{upper} = \\lfloor{\\frac{p-1}{s} + 1}\\rfloor", "names the upper bound of the sum over i"),
    def(33, "j_{lower} = \\lfloor{\\frac{q-f_c}{s} + 1}\\rfloor", "names the lower bound of the sum over j"),
    def(33, "j_{upper} = \\lfloor{\\frac{q-1}{s} + 1}\\rfloor", "names the upper bound of the sum over j"),
  ],
};
export default src;
