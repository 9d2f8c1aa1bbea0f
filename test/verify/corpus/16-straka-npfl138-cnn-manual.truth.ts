/**
 * Milan Straka, "Manual Convolution", lecture slides of NPFL138 Deep Learning (Charles University, 2025/26).
 * Layer: the deck's cross-correlation ("Convolution (or more correctly cross-correlation)"), 0-based
 * (m = 0..k-1), with a bias b_o per output channel, CHANNELS LAST: the image ⇶I is H×W×C (I_{i,j,c}),
 * the kernel ⇶K is k×k×C×O (K_{m,n,c,o}), the result ⇶R and its gradient ⇶G = ∂L/∂⇶R are indexed
 * (i, j, o). Sizes chosen here: H×W = 5×4, k = 3, C = 2, O = 3, so ⇶R is 3×2×3.
 * The deck introduces a stride s, but states the forward pass for stride 1 (its Σ uses I_{i+m,j+n};
 * stride only "modifies the image indices" of the loop) and derives ∂L/∂⇶I "assuming stride 1";
 * only ∂L/∂⇶K (I_{si+m,sj+n}) and the size of ⇶G carry s. The layer checked is the one every
 * formula is stated for: stride s = 1.
 * In the "vectorized" formulas ⇶I_{i+m,j+n} is a C-vector, ⇶K_{m,n} a C×O matrix, ⇶R_{i,j},
 * ⇶G_{i,j} and →b are O-vectors, ⇉I is the O×O identity: each is translated entry by entry
 * (o, c summed where a product contracts them). The deck is loose about rows and columns
 * (⇶I_{i+m,j+n} ⇶K_{m,n} treats I as a row, ⇶K_{m,n} ⇶G_{i,j} treats G as a column); the entry
 * values it means are unambiguous.
 * Oracle layout: v.x(c, i, j), v.w(o, c, m, n), v.dy(o, i, j) = G_{i,j,o}, v.b(o).
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const H = 5, W = 4, k = 3, C = 2, O = 3, s = 1;
const HO = H - (k - 1), WO = W - (k - 1);

/** R_{i,j,o} = b_o + Σ_{m=0}^{k-1} Σ_{n=0}^{k-1} Σ_c I_{i+m,j+n,c} K_{m,n,c,o}. */
const fwd = (v: Access, o: number, i: number, j: number): Q =>
  qadd(v.b(o), sum(0, k - 1, (m) => sum(0, k - 1, (n) => sum(0, C - 1, (c) => qmul(v.x(c, i + m, j + n), v.w(o, c, m, n))))));
/** (∂L/∂→b)_o = Σ_i Σ_j (⇉I ⇶G_{i,j})_o = Σ_i Σ_j G_{i,j,o}. */
const db = (v: Access, o: number): Q => sum(0, HO - 1, (i) => sum(0, WO - 1, (j) => v.dy(o, i, j)));
/** (∂L/∂⇶K_{m,n})_{c,o} = Σ_i Σ_j I_{si+m,sj+n,c} G_{i,j,o}. */
const dK = (v: Access, o: number, c: number, m: number, n: number): Q =>
  sum(0, HO - 1, (i) => sum(0, WO - 1, (j) => qmul(v.x(c, s * i + m, s * j + n), v.dy(o, i, j))));
/** (∂L/∂⇶I_{i',j'})_c = Σ_{m=0}^{k-1} Σ_{n=0}^{k-1} (⇶K_{m,n} ⇶G_{i'-m,j'-n})_c = Σ_{m,n,o} K_{m,n,c,o} G_{i'-m,j'-n,o}. */
const dI = (v: Access, c: number, ip: number, jp: number): Q =>
  sum(0, k - 1, (m) => sum(0, k - 1, (n) => sum(0, O - 1, (o) => qmul(v.w(o, c, m, n), v.dy(o, ip - m, jp - n)))));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });

const src: CorpusSource = {
  file: "16-straka-npfl138-cnn-manual.tex",
  citation:
    "Milan Straka, \"Manual Convolution\" (Forward Pass, Backward Pass, Stride>1), lecture slides of NPFL138 Deep Learning, Charles University (ÚFAL MFF UK), 2025/26, slides/cnn_manual/cnn_manual.md",
  url: "https://github.com/ufal/npfl138/blob/e9e7127940a12dd850e189b9423c94374172088d/slides/cnn_manual/cnn_manual.md",
  flags: ["--input", "5x4", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0", "--bias", "--in-channels", "2", "--out-channels", "3"],
  layer: { op: "xcorr", input: [H, W], kernel: [k, k], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: C, outChannels: O, groups: 1, batch: null, bias: true, indexBase: 0 },
  indexBase: 0,
  equations: [
    { line: 17, snippet: "(⇶K \\star ⇶I)_{i, j, o} = b_o +", truth: "holds", target: "Y",
      why: "the deck's definition of the (cross-correlation) layer: b_o + Σ_{m,n,c} I_{i+m,j+n,c} K_{m,n,c,o}, channels last",
      claimed: (v, [o, i, j]) => fwd(v, o!, i!, j!) },
    { line: 22, snippet: "⇶R = ⇶K \\star ⇶I", truth: "definition", why: "names the result ⇶R (\"We denote the result as\")" },
    { line: 23, snippet: "⇶R_{i, j\\textcolor{lightgray}{, o}} = →b + ∑_{m=0}^{k-1} ∑_{n=0}^{k-1} ∑_c", truth: "holds", target: "Y",
      why: "the forward pass again, with the o index greyed out on the way to the vector form: entry o of →b is b_o",
      claimed: (v, [o, i, j]) => fwd(v, o!, i!, j!) },
    { line: 27, snippet: "⇶R_{i, j\\textcolor{lightgray}{, o}} = →b +∑_{m=0}^{k-1}", truth: "holds", target: "Y",
      why: "the vector form: ⇶I_{i+m,j+n} (a C-vector) times ⇶K_{m,n} (C×O) contracts c, so entry o is b_o + Σ_{m,n,c} I_{i+m,j+n,c} K_{m,n,c,o}",
      claimed: (v, [o, i, j]) => fwd(v, o!, i!, j!) },
    { line: 38, snippet: "⇶R_{i, j} = →b +∑_{m=0}^{k-1} ∑_{n=0}^{k-1} ⇶I_{i + m, j + n} ⇶K_{m, n}", truth: "holds", target: "Y",
      why: "the vector form (first link), then its first terms b + I_{i,j}K_{0,0} + I_{i+1,j}K_{1,0} + I_{i,j+1}K_{0,1} + … with the rest elided (the m = 0/1, n = 0/1 terms are the ones written)",
      claimed: (v, [o, i, j]) => fwd(v, o!, i!, j!) },
    { line: 58, snippet: "⇶G = \\frac{∂L}{∂⇶R}", truth: "definition", why: "defines ⇶G, the gradient of the loss with respect to the result (ΔY)" },
    { line: 61, snippet: "\\frac{∂L}{∂→b} = ∑_i ∑_j", truth: "holds", target: "db",
      why: "chain rule over the positions; ∂⇶R_{i,j}/∂→b is the O×O identity ⇉I (not the image ⇶I), so both links are Σ_i Σ_j G_{i,j,o}",
      claimed: (v, [o]) =>
        chain(
          // Σ_i Σ_j Σ_{o'} ∂R_{i,j,o'}/∂b_o G_{i,j,o'}, with ∂R_{i,j,o'}/∂b_o = [o' = o]
          sum(0, HO - 1, (i) => sum(0, WO - 1, (j) => sum(0, O - 1, (p) => (p === o ? v.dy(p, i, j) : Q0)))),
          db(v, o!),
        ) },
    { line: 64, snippet: "\\frac{∂L}{∂⇶K_{m,n}} = ∑_i ∑_j", truth: "holds", target: "dW",
      why: "chain rule: ∂R_{i,j,o}/∂K_{m,n,c,o} = I_{si+m,sj+n,c}, so (∂L/∂⇶K_{m,n})_{c,o} = Σ_{i,j} I_{si+m,sj+n,c} G_{i,j,o}, the outer product ⇶I_{si+m,sj+n} (⇶G_{i,j})^T; with s = 1 the forward pass's I_{i+m,j+n}; the continuation at line 67 is the second link",
      claimed: (v, [o, c, m, n]) =>
        chain(
          sum(0, HO - 1, (i) => sum(0, WO - 1, (j) => qmul(v.x(c!, i + m!, j + n!), v.dy(o!, i, j)))),
          dK(v, o!, c!, m!, n!),
        ) },
    { line: 73, snippet: "⇶R_{i, j} = →b +∑_{m=0}^{k-1} ∑_{n=0}^{k-1} ⇶I_{i + m, j + n} ⇶K_{m, n}", truth: "holds", target: "Y",
      why: "\"Recall that\": the vector-form forward pass of line 38 again, with its first terms and the rest elided",
      claimed: (v, [o, i, j]) => fwd(v, o!, i!, j!) },
    { line: 78, snippet: "\\frac{∂L}{∂⇶I_{i',j'}} = ∑_i ∑_j", truth: "holds", target: "dX",
      why: "chain rule over the outputs: ∂R_{i,j,o}/∂I_{i',j',c} = K_{i'-i,j'-j,c,o}; the second link (line 81) is the same sum written with i' = i+m, j' = j+n, the third (line 84) Σ_{m,n} ⇶K_{m,n} ⇶G_{i'-m,j'-n} (G zero outside)",
      claimed: (v, [c, ip, jp]) =>
        chain(
          sum(0, HO - 1, (i) => sum(0, WO - 1, (j) => sum(0, O - 1, (o) => qmul(v.w(o, c!, ip! - i, jp! - j), v.dy(o, i, j))))),
          dI(v, c!, ip!, jp!),
          dI(v, c!, ip!, jp!),
        ) },
    other(81, "i'=i+m", "the index relation the second link is written under, not a statement about the layer"),
    other(81, "j'=j+n", "the index relation the second link is written under, not a statement about the layer"),
    { line: 89, snippet: "\\frac{∂L}{∂⇶I_{i',j'}} = ∑_{m=0}^{k-1} ∑_{n=0}^{k-1} ⇶K_{m,n} ⇶G_{i'-m,j'-n}", truth: "holds", target: "dX",
      why: "the input gradient: Σ_{m,n} K_{m,n} G_{i'-m,j'-n}, a full cross-correlation-transpose with G zero outside its 3×2 positions",
      claimed: (v, [c, ip, jp]) => dI(v, c!, ip!, jp!) },
    other(100, "m' = k-1-m", "the substitution that follows, not a statement about the layer"),
    other(100, "n' = k-1-n", "the substitution that follows, not a statement about the layer"),
    { line: 101, snippet: "\\frac{∂L}{∂⇶I_{i',j'}} = ∑_{m'=0}^{k-1} ∑_{n'=0}^{k-1} ⇶K_{k-1-m',k-1-n'}", truth: "holds", target: "dX",
      why: "line 89 with m = k-1-m', n = k-1-n': i'-m = i'-(k-1)+m', the same terms (the 180°-rotated kernel)",
      claimed: (v, [c, ip, jp]) =>
        sum(0, k - 1, (mp) => sum(0, k - 1, (np) => sum(0, O - 1, (o) =>
          qmul(v.w(o, c!, k - 1 - mp, k - 1 - np), v.dy(o, ip! - (k - 1) + mp, jp! - (k - 1) + np))))) },
  ],
};
export default src;
