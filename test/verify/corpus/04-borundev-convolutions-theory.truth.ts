/**
 * Borun Dev Chowdhury (borundev), "Convolutions Theory" (DNN_Lectures notebook, 2019).
 * Layer: l^1_{I,i,j,m} = Σ_{α,β,k} l̃^0_{I, s·i+α, s·j+β, k} W_{α,β,k,m}, l̃^0 the input zero-padded by P on
 * every side: a strided, padded, multi-channel, mini-batched cross-correlation without bias. 0-based
 * (the notebook's ñ = [(n+2P-K)/s]+1 outputs and its code start i and α at 0). One kernel size K and one
 * stride s for both axes, so the kernel is square (K = 3); the input is non-square. Sizes chosen: batch 2,
 * 2 input channels of 5×4, 3 output channels, stride 2, padding 1, so l^1 is 3 channels of 3×2.
 * Layouts: the notebook's channels-last l^0_{I,i,j,k} is the oracle's x(I, k, i, j), W_{α,β,k,m} is
 * w(m, k, α, β), (∂L/∂l^1)_{I,i,j,m} is dy(I, m, i, j).
 * Subscripts (p+P-α)/s that are not integers name no entry (0), as the Access reader does.
 */
import { Q0, qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource } from "./types.js";

const NB = 2, CI = 2, CO = 3, K = 3, S = 2, P = 1;
const HO = 3, WO = 2;


/** l̃^0_{I,a,b,k}: the input embedded in the P-zero-padded array. */
const lt = (v: Access, I: number, a: number, b: number, k: number): Q => v.x(I, k, a - P, b - P);
/** W_{α,β,k,m} in the notebook's order. */
const W = (v: Access, a: number, b: number, k: number, m: number): Q => v.w(m, k, a, b);
/** (∂L/∂l^1)_{I,i,j,m}. */
const G = (v: Access, I: number, i: number, j: number, m: number): Q => v.dy(I, m, i, j);
/** W̃_{α,β,m,l} = W_{K-α,K-β,l,m} as the notebook defines it (0 outside the kernel). */
const Wt = (v: Access, a: number, b: number, m: number, l: number): Q => W(v, K - a, K - b, l, m);
/** The α, β, m sum over the kernel (α, β = 0..K-1) and the output channels. */
const sumABM = (f: (a: number, b: number, m: number) => Q): Q =>
  sum(0, K - 1, (a) => sum(0, K - 1, (b) => sum(0, CO - 1, (m) => f(a, b, m))));

const forward = (v: Access, I: number, m: number, i: number, j: number): Q =>
  sum(0, K - 1, (a) => sum(0, K - 1, (b) => sum(0, CI - 1, (k) => qmul(lt(v, I, S * i + a, S * j + b, k), W(v, a, b, k, m)))));
/** z[I,si,sj,m] = (∂L/∂l^1)_{I,i,j,m}, zero at the other positions. */
const z = (v: Access, I: number, u: number, w: number, m: number): Q =>
  u < 0 || w < 0 || u % S !== 0 || w % S !== 0 ? Q0 : G(v, I, u / S, w / S, m);
/** y: z shifted so that y[u] = z[u + P + 1 - K] (the notebook's code: p_left = P + 1 - K, left zero padding when negative). */
const y = (v: Access, I: number, u: number, w: number, m: number): Q => z(v, I, u + P + 1 - K, w + P + 1 - K, m);

const src: CorpusSource = {
  file: "04-borundev-convolutions-theory.tex",
  citation: "Borun Dev Chowdhury (borundev), \"Convolutions Theory\", Jupyter notebook of the DNN_Lectures series, GitHub, December 2019",
  url: "https://github.com/borundev/DNN_Lectures/blob/bc645fc2eb21946b1ff46dfc64bc8aaab8c3c4a1/Convolutions%20Theory.ipynb",
  flags: ["--input", "5x4", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0", "--stride", "2", "--padding", "1", "--in-channels", "2", "--out-channels", "3", "--batch", "2"],
  layer: { op: "xcorr", input: [5, 4], kernel: [3, 3], stride: [2, 2], dilation: [1, 1], padding: 1, inChannels: CI, outChannels: CO, groups: 1, batch: NB, bias: false, indexBase: 0 },
  indexBase: 0,
  equations: [
    { line: 15, snippet: "\\tilde l^0_{I,P,P,k} = l^0_{I,i,j,k}", truth: "definition",
      why: "defines the zero-padded array l̃^0 (as printed the left subscripts are P,P; the embedding meant is l̃^0_{I,i+P,j+P,k} = l^0_{I,i,j,k})" },
    { line: 24, snippet: "l^1_{I,i,j,m} = \\sum_{\\alpha,\\beta,k}", truth: "holds", target: "Y",
      why: "the forward pass: padded input sampled at s·i+α, s·j+β, times W_{α,β,k,m}, summed over α, β and the input channels k (no bias)",
      claimed: (v, [I, m, i, j]) => forward(v, I!, m!, i!, j!) },
    { line: 29, snippet: "\\tilde n=[\\frac{n+2P-K}{s}]+1", truth: "holds", target: "size",
      why: "output size floor((n+2P-K)/s)+1: 5, 1, 3, 2 → 3 rows and 4, 1, 3, 2 → 2 columns, the layer's 3×2 output" },
    { line: 34, snippet: "\\frac{\\partial L}{\\partial W_{\\alpha,\\beta,k,m}} = \\sum_{I,i,j}", truth: "holds", target: "dW",
      why: "W_{α,β,k,m} multiplies l̃^0_{I,si+α,sj+β,k} in every l^1_{I,i,j,m}; summed over the batch and the output positions",
      claimed: (v, [m, k, a, b]) =>
        sum(0, NB - 1, (I) => sum(0, HO - 1, (i) => sum(0, WO - 1, (j) => qmul(G(v, I, i, j, m!), lt(v, I, S * i + a!, S * j + b!, k!))))) },
    { line: 40, snippet: "\\frac{\\partial L}{\\partial l^0_{I,p,q,l}} = \\sum_{\\alpha,\\beta,m}", truth: "fails", target: "dX",
      why: "the first link holds (l^0_{p} sits at padded position p+P = s·i+α, so i = (p+P-α)/s), but the second substitutes α → K-1-α and must use W_{K-1-α,K-1-β}; with W̃_{α,β,m,l} = W_{K-α,K-β,l,m} (line 47) the flipped kernel is shifted by one (0-based α = 0..K-1)",
      claimed: (v, [I, l, p, q]) =>
        chain(
          sumABM((a, b, m) => qmul(G(v, I!, (p! + P - a) / S, (q! + P - b) / S, m), W(v, a, b, l!, m))),
          sumABM((a, b, m) => qmul(G(v, I!, (p! + P - K + 1 + a) / S, (q! + P - K + 1 + b) / S, m), Wt(v, a, b, m, l!))),
        ) },
    { line: 47, snippet: "\\tilde W_{\\alpha,\\beta,m,l} = W_{K-\\alpha, K-\\beta,l,m}", truth: "definition",
      why: "defines the flipped kernel W̃ (the flip of a 0-based kernel of size K would be W_{K-1-α,K-1-β,l,m}; the off-by-one shows up in lines 40 and 66)" },
    { line: 55, snippet: "z[I,si,sj,m]=", truth: "definition", why: "defines z, the output gradient spread out with stride s (zeros between)" },
    { line: 66, snippet: "\\frac{\\partial L}{\\partial l^0_{I,p,q,l}}=\\sum_{\\alpha,\\beta,m} y_{I,p+\\alpha,q+\\beta,m}", truth: "fails", target: "dX",
      why: "y is z shifted by P+1-K (y[u] = z[u+P+1-K], the notebook's code), so this is the second link of line 40 again, with the same off-by-one flipped kernel W̃ = W_{K-α,K-β}",
      claimed: (v, [I, l, p, q]) => sumABM((a, b, m) => qmul(y(v, I!, p! + a, q! + b, m), Wt(v, a, b, m, l!))) },
  ],
};
export default src;
