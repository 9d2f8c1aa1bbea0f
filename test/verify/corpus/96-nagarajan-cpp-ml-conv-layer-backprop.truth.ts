/**
 * nagarajankarthik (GitHub), "Design considerations for neural networks module": the documentation of the
 * neural_network module of his C++ library "Machine Learning Algorithms in C++" (repository
 * nagarajankarthik/machine-learning, src/neural_network/README.md, last changed 31 August 2025, read at commit
 * 393c724fa1753a49e816f76ca78561c5a970a406). Its section "Convolutional layer with a single channel" states the
 * layer's forward pass, derives the input gradient with Kronecker deltas, re-writes it with a "dilation factor" γ
 * and a flipped, padded kernel, and gives the kernel gradient (for stride S, for S = 1, and via γ for S > 1).
 * Layer: R(i, j) = Σ_{a,b=0}^{F−1} I(iS + a, jS + b) k(a, b) + t — a cross-correlation (the kernel unflipped), stride
 * S, no padding, one channel, a single bias t, 0-based (sums from 0, 0 ≤ x < W). I ∈ R^{W×H} with I(x, y), 0 ≤ x < W:
 * the FIRST index runs over W. Sizes (ours; the README has no example): W = 5, H = 7, F = 3, S = 2, so I is 5×7
 * (--input 5x7), k 3×3, R 2×3 (i ≤ ⌊(W−F)/S⌋ = 1, j ≤ ⌊(H−F)/S⌋ = 2). A non-square input keeps W and H apart.
 * ∂L/∂R(i, j) is v.dy(i, j), ∂L/∂I(x, y) the oracle's dX, ∂L/∂k(c, d) its dW.
 * Reading of the re-written R (line 59 on): "the expression for convolution can be re-written as" R(i, j) =
 * γ(i, j) Σ I(i + a, j + b) k(a, b) + t for 0 ≤ i ≤ W − F, "the output matrix R will always have W − F + 1 columns":
 * from there on R is the stride-1 output with the entries the stride skips zeroed — a new tensor (R_s below), with
 * R_s(iS, jS) = R(i, j). L depends on R_s only through those entries, so ∂L/∂R_s(p, q) = ∂L/∂R(p/S, q/S) when S
 * divides p and q, 0 otherwise (the README: the dilation "inserting S − 1 zeros" into ∂L/∂R, line 93). Line 59 is a
 * definition of this R_s (not the layer's R: read as the layer's R at (1, 1) it would give t). As written it is a
 * flawed one — its γ tests only mod(i, S) (the j condition of the multi-channel section's γ is missing) and + t sits
 * outside γ, so the skipped entries are t (or a stride-1 value), not the zeros the prose promises — but neither
 * flaw reaches a gradient: γ always multiplies ∂L/∂R_s, which is 0 off the stride grid anyway. We evaluate γ as
 * line 59 defines it.
 * Line 84 (after "a padding of F − 1 at both ends of the matrix R", "x is replaced by x + (F − 1)"): ∂L/∂R(x + a,
 * y + b) indexes the padded R_s, i.e. ∂L/∂R_s(x + a − (F − 1), …); γ(x + a, y + b) is evaluated literally at the
 * padded index — with F − 1 = 2 a multiple of S = 2 this is the same as at the unpadded one (for other sizes the two
 * readings differ; the prose at line 100 treats γ·∂L/∂R as the one dilated, padded tensor, which holds either way).
 * The mistake: line 122, the middle link of the S > 1 kernel gradient, writes δ_{a,c} δ_{j,d} — the second delta on
 * the output index j instead of the kernel index b — so the link keeps only j = d and sums I(i + c, d + b) over all b:
 * fails (the links around it, 121 and 123, hold). Line 46: ∂L/∂R((x − a)/S, (y − b)/S) with the prose's restriction
 * (line 49) to integer quotients in range — holds; that prose's second constraint reads "0 ≤ (y − b)/S <
 * ⌊(H−F)/S⌋" (strict, while the first is ≤): taken literally it would drop the last output column's terms; it is an
 * inline inequality in a sentence, not judged (noted here).
 * Other: the linear layer (line 18), the prose conditions x = 0, y = 0 (line 79), S = 1 (line 109) and the S = 1
 * special case of the kernel gradient (lines 112–113: a stride-1 layer, ours has stride 2 — the README says so:
 * "In the special case S = 1, the above equation reduces to"), line 100's "∂L/∂R(x+a, y+b) = 0 whenever d(x+a, y+b)
 * = 0" (the procedure's zero setting; d is a leftover name for γ, which commit 84a57fc renamed elsewhere).
 * Definitions: γ (line 59), a' = (F − 1) − a and b' (line 72).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const W = 5,
  H = 7,
  F = 3,
  S = 2;
const RI = Math.floor((W - F) / S), // last output row index (1)
  RJ = Math.floor((H - F) / S); // last output column index (2)

/** [c] as 0/1 (a Kronecker delta). */
const kd = (c: boolean): Q => (c ? { n: 1n, d: 1n } : Q0);
const mod = (n: number, m: number): number => ((n % m) + m) % m;
/** γ(i, j) as line 59 defines it: 1 if mod(i, S) = 0, else 0 (j not tested). */
const gamma = (i: number, _j: number): Q => kd(mod(i, S) === 0);
/** ∂L/∂R_s(p, q) of the stride-1 re-written output: ∂L/∂R(p/S, q/S) on the stride grid, else 0 (and 0 off R_s). */
const dRs = (v: Access, p: number, q: number): Q =>
  p >= 0 && q >= 0 && p <= W - F && q <= H - F && mod(p, S) === 0 && mod(q, S) === 0 ? v.dy(p / S, q / S) : Q0;
/** The padded R_s (F − 1 zeros at both ends): index p is R_s's p − (F − 1). */
const dRpad = (v: Access, p: number, q: number): Q => dRs(v, p - (F - 1), q - (F - 1));
const kr = (v: Access, a: number, b: number): Q => v.w(F - 1 - a, F - 1 - b);

/** The layer's true values. */
const fwd = (v: Access, [i, j]: number[]): Q =>
  qadd(
    sum(0, F - 1, (a) => sum(0, F - 1, (b) => qmul(v.x(i! * S + a, j! * S + b), v.w(a, b)))),
    v.b(),
  );
/** Σ_{i,j} ∂L/∂R(i, j) · local(i, j) over the layer's output. */
const overR = (v: Access, local: (i: number, j: number) => Q): Q =>
  sum(0, RI, (i) => sum(0, RJ, (j) => qmul(v.dy(i, j), local(i, j))));
/** ∂R(i, j)/∂I(x, y) = Σ_{a,b} δ_{iS+a,x} δ_{jS+b,y} k(a, b) (line 38). */
const dRdI = (v: Access, i: number, j: number, x: number, y: number): Q =>
  sum(0, F - 1, (a) => sum(0, F - 1, (b) => qmul(qmul(kd(i * S + a === x), kd(j * S + b === y)), v.w(a, b))));
/** ∂R_s(i, j)/∂I(x, y) = γ(i, j) Σ_{a,b} δ_{i+a,x} δ_{j+b,y} k(a, b) (from line 59). */
const dRsdI = (v: Access, i: number, j: number, x: number, y: number): Q =>
  qmul(
    gamma(i, j),
    sum(0, F - 1, (a) => sum(0, F - 1, (b) => qmul(qmul(kd(i + a === x), kd(j + b === y)), v.w(a, b)))),
  );
/** Σ over R_s's entries, i = 0 … W − F, j = 0 … H − F. */
const overRs = (f: (i: number, j: number) => Q): Q => sum(0, W - F, (i) => sum(0, H - F, (j) => f(i, j)));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});

const src: CorpusSource = {
  file: "96-nagarajan-cpp-ml-conv-layer-backprop.md",
  citation:
    'nagarajankarthik (GitHub), "Design considerations for neural networks module", the documentation of the neural_network module of his C++ library "Machine Learning Algorithms in C++", repository nagarajankarthik/machine-learning, file src/neural_network/README.md (last changed 31 August 2025, commit 84a57fc), read at commit 393c724fa1753a49e816f76ca78561c5a970a406: the title, introduction, "Linear fully connected layer" and the section "Convolutional layer with a single channel" (forward pass with stride S and bias t, input gradient with Kronecker deltas, its dilated and flipped-kernel forms, kernel gradient)',
  url: "https://github.com/nagarajankarthik/machine-learning/blob/393c724fa1753a49e816f76ca78561c5a970a406/src/neural_network/README.md",
  flags: ["--input", "5x7", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0", "--stride", "2", "--bias"],
  layer: {
    op: "xcorr",
    input: [W, H],
    kernel: [F, F],
    stride: [S, S],
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
    other(
      18,
      "\\mathbf{z} = f(\\mathbf{W} \\mathbf{x} + \\mathbf{b})",
      "the linear fully connected layer, not the convolution",
    ),
    {
      line: 26,
      snippet:
        "\\mathbf{R}(i,j) = \\sum_{a=0}^{F-1} \\sum_{b=0}^{F-1} \\mathbf{I}(iS + a, jS + b) \\mathbf{k}(a,b) + t",
      truth: "holds",
      target: "Y",
      why: "the layer's forward pass: a stride-S cross-correlation of I with k plus the bias t, for 0 ≤ i ≤ ⌊(W−F)/S⌋, 0 ≤ j ≤ ⌊(H−F)/S⌋",
      claimed: fwd,
    },
    {
      line: 38,
      snippet:
        "\\frac{\\partial \\mathbf{R}(i, j)}{\\partial \\mathbf{I}(x, y)} = \\sum_{a=0}^{F-1} \\sum_{b=0}^{F-1} \\delta_{iS + a, x}",
      truth: "holds",
      target: "dX",
      why: "I(x, y) enters R(i, j) with the kernel entry k(a, b) at x = iS + a, y = jS + b: the local derivative, checked through the chain rule Σ_{i,j} ∂L/∂R(i, j) ∂R(i, j)/∂I(x, y)",
      claimed: (v, [x, y]) => overR(v, (i, j) => dRdI(v, i, j, x!, y!)),
    },
    {
      line: 44,
      snippet: "\\frac{\\partial L}{\\partial \\mathbf{I}(x, y)} = \\sum_{i=0}^{\\lfloor \\frac{W-F}{S} \\rfloor}",
      truth: "holds",
      target: "dX",
      why: "the chain rule over the layer's outputs, i ≤ ⌊(W−F)/S⌋, j ≤ ⌊(H−F)/S⌋",
      claimed: (v, [x, y]) => overR(v, (i, j) => dRdI(v, i, j, x!, y!)),
    },
    {
      line: 45,
      snippet:
        "= \\sum_{i=0}^{\\lfloor \\frac{W-F}{S} \\rfloor} \\sum_{j=0}^{\\lfloor \\frac{H-F}{S} \\rfloor} \\frac{\\partial L}{\\partial \\mathbf{R}(i, j)} \\sum_{a=0}^{F-1}",
      truth: "holds",
      target: "dX",
      why: "line 38's local derivative substituted",
      claimed: (v, [x, y]) => overR(v, (i, j) => dRdI(v, i, j, x!, y!)),
    },
    {
      line: 46,
      snippet:
        "= \\sum_{a=0}^{F-1} \\sum_{b=0}^{F-1} \\frac{\\partial L}{\\partial \\mathbf{R}(\\frac{x - a}{S}, \\frac{y - b}{S})} \\mathbf{k}(a, b)",
      truth: "holds",
      target: "dX",
      why: "the deltas pick i = (x − a)/S, j = (y − b)/S; terms only where these are integers and in range (the prose below it): each output whose window covers (x, y), with the kernel entry there",
      claimed: (v, [x, y]) =>
        sum(0, F - 1, (a) => sum(0, F - 1, (b) => qmul(v.dy((x! - a) / S, (y! - b) / S), v.w(a, b)))),
    },
    def(
      59,
      "\\mathbf{R}(i,j) = \\gamma(i, j) \\sum_{a=0}^{F-1} \\sum_{b=0}^{F-1} \\mathbf{I}(i + a, j + b) \\mathbf{k}(a,b) + t",
      "re-defines R as the stride-1 output (W − F + 1 by H − F + 1) with the entries the stride skips meant to be zero — a new tensor, not the layer's R (its flaws, γ testing only i and + t outside γ, reach no gradient)",
    ),
    def(
      59,
      "\\gamma(i, j) = \\begin{cases} 1 & \\text{if } \\mod(i, S) = 0",
      "the dilation factor γ: 1 on the stride grid (as written, of i only), 0 elsewhere",
    ),
    {
      line: 67,
      snippet: "\\frac{\\partial L}{\\partial \\mathbf{I}(x, y)} = \\sum_{i=0}^{W - F} \\sum_{j = 0}^{H - F}",
      truth: "holds",
      target: "dX",
      why: "the chain rule over the re-written R's entries i ≤ W − F, j ≤ H − F; L depends only on those on the stride grid",
      claimed: (v, [x, y]) => overRs((i, j) => qmul(dRs(v, i, j), dRsdI(v, i, j, x!, y!))),
    },
    {
      line: 68,
      snippet:
        "= \\sum_{i=0}^{W - F} \\sum_{j=0}^{H - F} \\gamma(i, j) \\frac{\\partial L}{\\partial \\mathbf{R}(i, j)} \\sum_{a=0}^{F-1}",
      truth: "holds",
      target: "dX",
      why: "the local derivative of the re-written R substituted: γ(i, j) Σ δ_{i+a,x} δ_{j+b,y} k(a, b)",
      claimed: (v, [x, y]) =>
        overRs((i, j) =>
          qmul(
            qmul(gamma(i, j), dRs(v, i, j)),
            sum(0, F - 1, (a) => sum(0, F - 1, (b) => qmul(qmul(kd(i + a === x), kd(j + b === y)), v.w(a, b)))),
          ),
        ),
    },
    {
      line: 69,
      snippet:
        "= \\sum_{a=0}^{F-1} \\sum_{b=0}^{F-1} \\gamma(x - a, y - b) \\frac{\\partial L}{\\partial \\mathbf{R}(x - a, y - b)} \\mathbf{k}(a, b)",
      truth: "holds",
      target: "dX",
      why: "the deltas pick i = x − a, j = y − b; γ·∂L/∂R there is the output gradient on the stride grid, 0 off it and out of range",
      claimed: (v, [x, y]) =>
        sum(0, F - 1, (a) =>
          sum(0, F - 1, (b) => qmul(qmul(gamma(x! - a, y! - b), dRs(v, x! - a, y! - b)), v.w(a, b))),
        ),
    },
    def(72, "a' = (F - 1) - a", "the change of variables that flips the kernel's row index"),
    def(72, "b' = (F - 1) - b", "the change of variables that flips the kernel's column index"),
    {
      line: 75,
      snippet: "\\frac{\\partial L}{\\partial \\mathbf{I}(x, y)}",
      truth: "holds",
      target: "dX",
      why: "line 69 with a = (F − 1) − a', b = (F − 1) − b': the same terms, the kernel read flipped",
      claimed: (v, [x, y]) =>
        sum(0, F - 1, (a1) =>
          sum(0, F - 1, (b1) =>
            qmul(
              qmul(gamma(x! - (F - 1) + a1, y! - (F - 1) + b1), dRs(v, x! - (F - 1) + a1, y! - (F - 1) + b1)),
              v.w(F - 1 - a1, F - 1 - b1),
            ),
          ),
        ),
    },
    other(79, "x = 0", "a case in the prose (a' can only be F − 1 when x = 0), not a claim about the layer"),
    other(79, "y = 0", "a case in the prose (b' can only be F − 1 when y = 0), not a claim about the layer"),
    {
      line: 84,
      snippet: "\\frac{\\partial L}{\\partial \\mathbf{I}(x, y)}",
      truth: "holds",
      target: "dX",
      why: "line 75 with the re-written ∂L/∂R padded by F − 1 at both ends (its index x + a is the unpadded x − (F − 1) + a) and k_r the flipped kernel: a valid cross-correlation of the padded, dilated gradient with the flipped kernel",
      claimed: (v, [x, y]) =>
        sum(0, F - 1, (a) =>
          sum(0, F - 1, (b) => qmul(qmul(gamma(x! + a, y! + b), dRpad(v, x! + a, y! + b)), kr(v, a, b))),
        ),
    },
    other(
      100,
      "\\frac{\\partial L}{\\partial \\mathbf{R}(x + a, y + b)} = 0",
      "the implementation's zero setting of the dilated gradient off the stride grid (a procedure, not a claim)",
    ),
    other(100, "d(x + a, y + b) = 0", "the condition of that zero setting (d a leftover name for γ)"),
    {
      line: 105,
      snippet: "\\frac{\\partial L}{\\partial \\mathbf{k}(c, d)} = \\sum_{i=0}^{\\lfloor \\frac{W - F}{S} \\rfloor}",
      truth: "holds",
      target: "dW",
      why: "the chain rule over the layer's outputs",
      claimed: (v, [c, d]) => overR(v, (i, j) => v.x(i * S + c!, j * S + d!)),
    },
    {
      line: 106,
      snippet:
        "= \\sum_{i=0}^{\\lfloor \\frac{W - F}{S} \\rfloor} \\sum_{j=0}^{\\lfloor \\frac{H - F}{S} \\rfloor} \\frac{\\partial L}{\\partial \\mathbf{R}(i, j)} \\mathbf{I}(iS + c, jS + d)",
      truth: "holds",
      target: "dW",
      why: "k(c, d) multiplies I(iS + c, jS + d) in R(i, j)",
      claimed: (v, [c, d]) => overR(v, (i, j) => v.x(i * S + c!, j * S + d!)),
    },
    other(109, "S = 1", "the condition of the special case that follows"),
    other(
      112,
      "\\frac{\\partial L}{\\partial \\mathbf{k}(c, d)} = \\sum_{i=0}^{W - F} \\sum_{j=0}^{ H - F}",
      'the kernel gradient "in the special case S = 1": a stride-1 layer, ours has stride 2',
    ),
    other(
      113,
      "= \\sum_{i=0}^{W - F} \\sum_{j=0}^{ H - F} \\frac{\\partial L}{\\partial \\mathbf{R}(i, j)} \\mathbf{I}(c + i, d + j)",
      "the stride-1 kernel gradient of the special case S = 1 (the README says so); ours has stride 2",
    ),
    {
      line: 121,
      snippet: "\\frac{\\partial L}{\\partial \\mathbf{k}(c, d)} = \\sum_{i=0}^{W - F} \\sum_{j = 0}^{H - F}",
      truth: "holds",
      target: "dW",
      why: "the chain rule over the re-written R's entries (S > 1): only those on the stride grid carry a gradient",
      claimed: (v, [c, d]) => overRs((i, j) => qmul(dRs(v, i, j), qmul(gamma(i, j), v.x(i + c!, j + d!)))),
    },
    {
      line: 122,
      snippet:
        "= \\sum_{i=0}^{W - F} \\sum_{j=0}^{H - F} \\gamma(i, j) \\frac{\\partial L}{\\partial \\mathbf{R}(i, j)} \\sum_{a=0}^{F-1}",
      truth: "fails",
      target: "dW",
      why: "δ_{a,c} δ_{j,d}: the second delta is on the output index j, not the kernel index b, so the link keeps only j = d and sums I(i + c, d + b) over every b (0 whenever d is off the stride grid)",
      claimed: (v, [c, d]) =>
        overRs((i, j) =>
          qmul(
            qmul(gamma(i, j), dRs(v, i, j)),
            sum(0, F - 1, (a) => sum(0, F - 1, (b) => qmul(v.x(i + a, j + b), qmul(kd(a === c), kd(j === d))))),
          ),
        ),
    },
    {
      line: 123,
      snippet:
        "= \\sum_{i=0}^{W - F} \\sum_{j=0}^{H - F} \\gamma(i, j) \\frac{\\partial L}{\\partial \\mathbf{R}(i, j)}  \\mathbf{I}(c + i, j + d)",
      truth: "holds",
      target: "dW",
      why: "the dilated output gradient correlated with the input: k(c, d) meets I(i + c, j + d) at every stride-grid i, j",
      claimed: (v, [c, d]) => overRs((i, j) => qmul(qmul(gamma(i, j), dRs(v, i, j)), v.x(c! + i, j + d!))),
    },
  ],
};
export default src;
