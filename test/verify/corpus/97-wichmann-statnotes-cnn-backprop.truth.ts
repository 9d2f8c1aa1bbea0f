/**
 * Kristian Wichmann (GitHub: kwichmann), "Convolutional Neural Networks": LaTeX notes (article class, in English) in
 * his repository of statistics notes kwichmann/statnotes (cnn.tex, read at commit 9b3f673; the section transcribed
 * was written on 17 February 2018), self-study notes ("I am mostly self-studying and/or following online courses";
 * the notation n_H, n_W, f, s, p, [l] is that of Andrew Ng's deeplearning.ai course). Section 3 "Backpropagation of
 * convolution layers" (transcribed whole) derives, for one channel, ∂L/∂W_{mn} and ∂L/∂b through the activation
 * A = σ(Z) by the chain rule, then "the error" δ^{[l]} = ∂L/∂X^{[l+1]} of the layer's input, down to
 * δ^{[l]}_{ij} = Σ_{i'j'} δ^{[l+1]}_{i'j'} σ'(Z_{i'j'}) W_{i−i's, j−j's} ("a 'real' convolution in it").
 * Not a university course's notes: the THEME asked for course lecture notes or slides in LaTeX; the search (find_files
 * on cnn.tex, CNN.tex, chapters/cnn.tex, slides/cnn.tex, backprop.tex, …; course repositories of TU Darmstadt, Technion,
 * HSE, Southampton, IIT Gandhinagar, Saarland, NYU) found none with a convolution-layer derivation the corpus lacks
 * except a student's 9-line NYU DS-GA 1008 note (ygrepo/DS-GA-1008-DL, CNN.tex: 7 checkable equations, all holding,
 * jefkine's (06) derivation re-written) — see the report.
 * Layer: the notes' own — "a single channel", input X, "a filter of size 2f+1 and a stride of s", a single bias b, the
 * activation σ: Z_{ij} = Σ_{m,n=0}^{2f} W_{mn} X_{is+m, js+n} + b (line 28's bracket), A = σ(Z); a cross-correlation
 * (the kernel unflipped: "the forward pass uses cross-correlation"), 0-based (every sum starts at 0), no padding.
 * Sizes (ours; the notes have no example): f = 1 (a 3×3 kernel), s = 2, X 7×7, so Z and A are 3×3 (n_H = n_W = 3).
 * Square on purpose: the notes sum i up to n_W − 1 on line 16 and up to n_H − 1 on line 36 (and i' up to W_X − 1, the
 * input's width, on line 20), never saying which axis i runs along; a square layer does not judge that.
 * Oracle: X_{ab} is v.x(a, b), W_{mn} is v.w(m, n), b is v.b(), Z_{ij} is the oracle's output v.y(i, j), ∂L/∂Z_{ij} is
 * v.dy(i, j); σ'(Z_{ij}) is the opaque v.fprime("Z", i, j) (non-zero), so ∂L/∂A_{ij} = ∂L/∂Z_{ij} / σ'(Z_{ij}). In
 * "Backpropagation of errors" the layer is layer l+1: X^{[l+1]} its input, Z^{[l+1]}, A^{[l+1]} its pre-activation and
 * output, δ^{[l+1]}_{i'j'} = ∂L/∂A^{[l+1]}_{i'j'} as above, and δ^{[l]}_{ij} = ∂L/∂X^{[l+1]}_{ij} the oracle's dX.
 * Local derivatives (∂A_{ij}/∂W_{mn}, ∂Z_{ij}/∂W_{mn}, ∂Z_{i'j'}/∂X_{ij}) are checked, as corpus 84's and 91's, through
 * the chain rule they feed: Σ_{ij} ∂L/∂A_{ij} ∂A_{ij}/∂W_{mn} (line 16), Σ_{ij} ∂L/∂Z_{ij} ∂Z_{ij}/∂W_{mn}, and
 * Σ_{i'j'} ∂L/∂Z_{i'j'} ∂Z_{i'j'}/∂X_{ij} (line 58).
 * The notes' mistake: the forward pass (line 10) writes the kernel sum as Σ_{m=0}^{2f} Σ_{m=0}^{2f} W_{mn} X_{is+m,js+n}
 * — the second sum's index is m again, so n is summed by nothing. As written Z_{ij} = (2f+1) Σ_m W_{mn} X_{is+m,js+n} + b
 * for a free n: not the layer's output for any n (translated at n = 0). Line 28 has the intended Σ_{m'} Σ_{n'}.
 * Slips that change no value: W_{i-i's,n=j-j's} (lines 66, 70), the "n =" of "n = j − j's" (the prose just above)
 * left inside the subscript: the entry W_{i−i's, j−j's}, 0 off the kernel (the sums over i', j' run over every output
 * and rely on it: "This gives a non-zero contribution when i = i's+m and j = j's+n"); line 20's sums over the input's
 * W_X × H_X positions i', j' (not the output's), harmless since ∂σ(Z_{ij})/∂Z_{i'j'} = 0 unless i' = i, j' = j (terms
 * of Z_{i'j'} past the output read 0).
 * Everything else holds: the chain rules for ∂L/∂W (16) and ∂L/∂X^{[l+1]} (54, four sums), the local derivatives
 * (20, 24, 28, 32, 66), ∂L/∂W = Σ ∂L/∂A σ'(Z) X_{is+m,js+n} (36), ∂L/∂b = Σ ∂L/∂A σ'(Z) (40), and the error's two forms
 * (58, 70). Definitions: the error δ^{[l]} = ∂L/∂A^{[l]} (46) and δ^{[l]} = ∂L/∂X^{[l+1]} (50, the output of layer l
 * being the input of layer l+1). Line 62 ("The final derivative is:" followed by ∂/∂X [Σ_m Σ_n W X_{i's+m,j's+n} + b])
 * is an expression, not an equation: not listed.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, q, qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 7,
  F = 1, // the kernel is (2f+1) × (2f+1) = 3 × 3
  K = 2 * F + 1,
  S = 2,
  O = (N - K) / S + 1; // 3: n_H = n_W

const qdiv = (a: Q, b: Q): Q => q(a.n * b.d, a.d * b.n);
/** σ'(Z_{ij}): opaque, non-zero. */
const sp = (v: Access, i: number, j: number): Q => v.fprime("Z", i, j);
/** ∂L/∂A_{ij} = ∂L/∂Z_{ij} / σ'(Z_{ij}) (= δ^{[l+1]}_{ij}). */
const dA = (v: Access, i: number, j: number): Q => qdiv(v.dy(i, j), sp(v, i, j));
/** Σ_{i,j=0}^{2} g(i, j): the sums over the 3×3 output (n_H = n_W, so either bound). */
const overOut = (g: (i: number, j: number) => Q): Q => sum(0, O - 1, (i) => sum(0, O - 1, (j) => g(i, j)));
/** ∂Z_{ij}/∂W_{mn} = X_{is+m, js+n} (line 32). */
const dZdW = (v: Access, i: number, j: number, m: number, n: number): Q => v.x(i * S + m, j * S + n);
/** ∂Z_{i'j'}/∂X_{ij} = W_{i−i's, j−j's} (line 66; 0 off the kernel). */
const dZdX = (v: Access, ip: number, jp: number, i: number, j: number): Q => v.w(i - ip * S, j - jp * S);
/** Σ_{ij} ∂L/∂A_{ij} · local(i, j): line 16's chain rule, through which ∂A_{ij}/∂W_{mn} is checked. */
const viaA = (v: Access, local: (i: number, j: number) => Q): Q => overOut((i, j) => qmul(dA(v, i, j), local(i, j)));
/** Σ_{ij} ∂L/∂Z_{ij} · local(i, j): the chain rule through Z, for ∂Z_{ij}/∂W_{mn}. */
const viaZ = (v: Access, local: (i: number, j: number) => Q): Q => overOut((i, j) => qmul(v.dy(i, j), local(i, j)));
/** Σ_{i'j'} δ^{[l+1]}_{i'j'} σ'(Z_{i'j'}) ∂Z_{i'j'}/∂X_{ij} (line 58), with a given local derivative. */
const errorVia = (v: Access, local: (ip: number, jp: number) => Q): Q =>
  overOut((ip, jp) => qmul(qmul(dA(v, ip, jp), sp(v, ip, jp)), local(ip, jp)));

const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});

const src: CorpusSource = {
  file: "97-wichmann-statnotes-cnn-backprop.tex",
  citation:
    'Kristian Wichmann (GitHub: kwichmann), "Convolutional Neural Networks", LaTeX notes in his repository of statistics notes kwichmann/statnotes (self-study notes, 2018), file cnn.tex, section 3 "Backpropagation of convolution layers" (lines 185-253, written 17 February 2018), read at commit 9b3f6739e9d6ddf27606b90c71482f31d65c6c31: one channel, a (2f+1)×(2f+1) filter at stride s, a bias and an activation σ — the forward pass, ∂L/∂W and ∂L/∂b through σ by the chain rule, and the error δ^{[l]} = ∂L/∂X^{[l+1]}',
  url: "https://github.com/kwichmann/statnotes/blob/9b3f6739e9d6ddf27606b90c71482f31d65c6c31/cnn.tex",
  flags: ["--input", "7x7", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0", "--stride", "2", "--bias"],
  layer: {
    op: "xcorr",
    input: [N, N],
    kernel: [K, K],
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
    {
      line: 10,
      snippet:
        "A_{ij}=\\sigma\\left(\\underbrace{\\sum_{m=0}^{2f}\\sum_{m=0}^{2f}W_{mn}X_{is+m,js+n}+b}_{Z_{ij}}\\right)",
      truth: "fails",
      target: "Y",
      why: "the second sum repeats the index m (Σ_{m=0}^{2f} Σ_{m=0}^{2f}), so n is summed by nothing: as written Z_{ij} = (2f+1) Σ_m W_{mn} X_{is+m,js+n} + b for a free n (translated at n = 0), not the layer's Σ_m Σ_n W_{mn} X_{is+m,js+n} + b",
      claimed: (v, [i, j]) =>
        qadd(
          sum(0, 2 * F, () => sum(0, 2 * F, (m) => qmul(v.w(m, 0), v.x(i! * S + m, j! * S + 0)))),
          v.b(),
        ),
    },
    {
      line: 16,
      snippet:
        "\\frac{\\partial L}{\\partial W_{mn}}=\\sum_{i=0}^{n_W-1}\\sum_{j=0}^{n_H-1}\\frac{\\partial L}{\\partial A_{ij}}\\frac{\\partial A_{ij}}{\\partial W_{mn}}",
      truth: "holds",
      target: "dW",
      why: "the chain rule over the outputs A_{ij} that W_{mn} feeds, with ∂A_{ij}/∂W_{mn} = σ'(Z_{ij}) X_{is+m,js+n} (the layer square, so n_W − 1 and n_H − 1 are the same bound)",
      claimed: (v, [m, n]) => viaA(v, (i, j) => qmul(sp(v, i, j), dZdW(v, i, j, m!, n!))),
    },
    {
      line: 20,
      snippet:
        "\\frac{\\partial A_{ij}}{\\partial W_{mn}}=\\sum_{i'=0}^{W_X-1}\\sum_{j'=0}^{H_X-1}\\frac{\\partial}{\\partial Z_{i'j'}}\\sigma(Z_{ij})\\frac{\\partial Z_{i'j'}}{\\partial W_{mn}}",
      truth: "holds",
      target: "dW",
      why: "the chain rule through the pre-activations; the sums over the input's W_X × H_X positions i', j' (more than the output's) add only zero terms, ∂σ(Z_{ij})/∂Z_{i'j'} being 0 unless i' = i and j' = j (checked through line 16's chain rule)",
      claimed: (v, [m, n]) =>
        viaA(v, (i, j) =>
          sum(0, N - 1, (ip) =>
            sum(0, N - 1, (jp) =>
              ip === i && jp === j ? qmul(sp(v, i, j), ip < O && jp < O ? dZdW(v, ip, jp, m!, n!) : Q0) : Q0,
            ),
          ),
        ),
    },
    {
      line: 24,
      snippet: "\\frac{\\partial A_{ij}}{\\partial W_{mn}}=\\sigma'(Z_{ij})\\frac{\\partial Z_{ij}}{\\partial W_{mn}}",
      truth: "holds",
      target: "dW",
      why: "only the term i' = i, j' = j survives: ∂A_{ij}/∂W_{mn} = σ'(Z_{ij}) ∂Z_{ij}/∂W_{mn} (checked through line 16's chain rule)",
      claimed: (v, [m, n]) => viaA(v, (i, j) => qmul(sp(v, i, j), dZdW(v, i, j, m!, n!))),
    },
    {
      line: 28,
      snippet:
        "\\frac{\\partial Z_{ij}}{\\partial W_{mn}}=\\frac{\\partial}{\\partial W_{mn}}\\left[\\sum_{m'=0}^{2f}\\sum_{n'=0}^{2f}W_{m'n'}X_{is+m',js+n'}+b\\right]",
      truth: "holds",
      target: "dW",
      why: "Z_{ij} written out with primed summation indices (here the sums are right: Σ_{m'} Σ_{n'}): its derivative with respect to W_{mn} is X_{is+m,js+n} (checked through the chain rule Σ_{ij} ∂L/∂Z_{ij} ∂Z_{ij}/∂W_{mn})",
      claimed: (v, [m, n]) =>
        viaZ(v, (i, j) =>
          sum(0, 2 * F, (mp) => sum(0, 2 * F, (np) => (mp === m && np === n ? v.x(i * S + mp, j * S + np) : Q0))),
        ),
    },
    {
      line: 32,
      snippet: "\\frac{\\partial Z_{ij}}{\\partial W_{mn}}=X_{is+m,js+n}",
      truth: "holds",
      target: "dW",
      why: "W_{mn} multiplies X_{is+m,js+n} in Z_{ij} (checked through the chain rule Σ_{ij} ∂L/∂Z_{ij} ∂Z_{ij}/∂W_{mn})",
      claimed: (v, [m, n]) => viaZ(v, (i, j) => dZdW(v, i, j, m!, n!)),
    },
    {
      line: 36,
      snippet:
        "\\frac{\\partial L}{\\partial W_{mn}}=\\sum_{i=0}^{n_H-1}\\sum_{j=0}^{n_W-1}\\frac{\\partial L}{\\partial A_{ij}}\\sigma'(Z_{ij})X_{is+m,js+n}",
      truth: "holds",
      target: "dW",
      why: "∂L/∂A_{ij} σ'(Z_{ij}) = ∂L/∂Z_{ij}, and W_{mn} meets X_{is+m,js+n} in Z_{ij}: the stride-s kernel gradient",
      claimed: (v, [m, n]) => overOut((i, j) => qmul(qmul(dA(v, i, j), sp(v, i, j)), v.x(i * S + m!, j * S + n!))),
    },
    {
      line: 40,
      snippet:
        "\\frac{\\partial L}{\\partial b}=\\sum_{i=0}^{n_H-1}\\sum_{j=0}^{n_W-1}\\frac{\\partial L}{\\partial A_{ij}}\\sigma'(Z_{ij})",
      truth: "holds",
      target: "db",
      why: "b enters every Z_{ij} with coefficient 1: ∂L/∂b = Σ_{ij} ∂L/∂A_{ij} σ'(Z_{ij}) = Σ_{ij} ∂L/∂Z_{ij}",
      claimed: (v) => overOut((i, j) => qmul(dA(v, i, j), sp(v, i, j))),
    },
    def(
      46,
      "\\delta^{[l]}_{ij}=\\frac{\\partial L}{\\partial A^{[l]}_{ij}}",
      "names the error δ^{[l]} of layer l: the derivative of the loss with respect to the layer's output A^{[l]}",
    ),
    def(
      50,
      "\\delta^{[l]}_{ij}=\\frac{\\partial L}{\\partial X^{[l+1]}_{ij}}",
      "the same error named by the next layer's input: A^{[l]} = X^{[l+1]} (\"the output of one (non-final) layer is the same as the input of the next layer\"); δ^{[l]} is this layer's (l+1's) input gradient",
    ),
    {
      line: 54,
      snippet:
        "\\frac{\\partial L}{\\partial X^{[l+1]}_{ij}}=\\sum_{i'=0}^{n^{[l+1]}_W-1}\\sum_{j'=0}^{n^{[l+1]}_H-1}\\sum_{i''=0}^{n^{[l+1]}_W-1}\\sum_{j''=0}^{n^{[l+1]}_H-1}",
      truth: "holds",
      target: "dX",
      why: "the chain rule through the outputs A_{i'j'} and the pre-activations Z_{i''j''}: ∂A_{i'j'}/∂Z_{i''j''} is σ'(Z_{i'j'}) when i'' = i', j'' = j' and 0 otherwise, ∂Z_{i''j''}/∂X_{ij} = W_{i−i''s, j−j''s}",
      claimed: (v, [i, j]) =>
        overOut((ip, jp) =>
          overOut((ipp, jpp) =>
            ipp === ip && jpp === jp ? qmul(qmul(dA(v, ip, jp), sp(v, ip, jp)), dZdX(v, ipp, jpp, i!, j!)) : Q0,
          ),
        ),
    },
    {
      line: 58,
      snippet:
        "\\delta^{[l]}_{ij}=\\sum_{i'=0}^{n^{[l+1]}_W-1}\\sum_{j'=0}^{n^{[l+1]}_H-1}\\delta^{[l+1]}_{i'j'}\\sigma'\\left(Z^{[l+1]}_{i'j'}\\right)\\frac{\\partial Z^{[l+1]}_{i'j'}}{\\partial X^{[l+1]}_{ij}}",
      truth: "holds",
      target: "dX",
      why: "the activation's derivative cancels the sum over i'', j'': δ^{[l]}_{ij} = Σ_{i'j'} δ^{[l+1]}_{i'j'} σ'(Z_{i'j'}) ∂Z_{i'j'}/∂X_{ij}, δ^{[l+1]} σ'(Z) being ∂L/∂Z",
      claimed: (v, [i, j]) => errorVia(v, (ip, jp) => dZdX(v, ip, jp, i!, j!)),
    },
    {
      line: 66,
      snippet: "\\frac{\\partial Z^{[l+1]}_{i'j'}}{\\partial X^{[l+1]}_{ij}}=W_{i-i's,n=j-j's}",
      truth: "holds",
      target: "dX",
      why: "X_{ij} meets W_{mn} in Z_{i'j'} for m = i − i's, n = j − j's: W_{i−i's, j−j's} (the \"n =\" of the prose's n = j − j's left in the subscript), 0 off the kernel (checked through line 58's chain rule)",
      claimed: (v, [i, j]) => errorVia(v, (ip, jp) => v.w(i! - ip * S, j! - jp * S)),
    },
    {
      line: 70,
      snippet:
        "\\delta^{[l]}_{ij}=\\sum_{i'=0}^{n^{[l+1]}_W-1}\\sum_{j'=0}^{n^{[l+1]}_H-1}\\delta^{[l+1]}_{i'j'}\\sigma'\\left(Z^{[l+1]}_{i'j'}\\right)W_{i-i's,n=j-j's}",
      truth: "holds",
      target: "dX",
      why: "the input gradient of a stride-s cross-correlation: Σ_{i'j'} ∂L/∂Z_{i'j'} W_{i−i's, j−j's} over all outputs, W read 0 off the kernel (the subscript's \"n =\" a leftover of the prose)",
      claimed: (v, [i, j]) =>
        overOut((ip, jp) => qmul(qmul(dA(v, ip, jp), sp(v, ip, jp)), v.w(i! - ip * S, j! - jp * S))),
    },
  ],
};
export default src;
