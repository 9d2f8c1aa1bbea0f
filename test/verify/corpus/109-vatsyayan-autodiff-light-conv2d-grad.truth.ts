/**
 * Abhijat Vatsyayan (GitHub: abhijat01), "2D Convolution implementation in autodiff.light", the LaTeX notes that
 * document the convolution of his autograd library autodiff.light, repository abhijat01/autodiff.light, file
 * docs/tex/grads/convolution.tex (read at commit 19e7d97) — section "Convolution": a 3×4 input X and a 2×2 kernel w
 * written out entry by entry, the forward pass Y (stride 1, no padding — "zero padding" in the prose is a padding
 * of zero, as the 2×3 Y shows) with every entry written out, and the input gradient at x_{11} and x_{22} through the
 * chain rule.
 * Layer: the source's own example: X 3×4, w 2×2, cross-correlation (y_{11} = x_{11}w_{11} + x_{12}w_{12} + …, no
 * flip), valid, stride 1, no bias, one channel, 1-based (x_{11} … x_{34}). x_{ij} = v.x(i, j), w_{ij} = v.w(i, j),
 * ∂L/∂y_{ij} = v.dy(i, j).
 * Holds: the forward matrix Y (24; each entry the 2×2 window at (i, j) times w, and Y = [y_{ij}] names them), the
 * gradient at x_{11} (47: of the outputs only y_{11} reads x_{11}, through w_{11}; the elided terms (…) are all
 * zero), the gradient at x_{22} (58: y_{11}, y_{12}, y_{21}, y_{22} read x_{22} through w_{22}, w_{21}, w_{12}, w_{11};
 * y_{13} and y_{23} do not read it, the "× 0" terms — the flipped kernel, as the first link's Jacobians say).
 * Definition: X = [x_{ij}] and w = [w_{ij}] (11, 18) name the entries.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { at, chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const R = 3,
  C = 4,
  K = 2;
const OR = R - K + 1, // 2 output rows
  OC = C - K + 1; // 3 output columns

const add = (...qs: Q[]): Q => qs.reduce((a, b) => qadd(a, b), Q0);
/** y_{ij} = Σ_{a,b} x_{i+a−1, j+b−1} w_{ab} (1-based). */
const fwd = (v: Access, [i, j]: number[]): Q =>
  sum(1, K, (a) => sum(1, K, (b) => qmul(v.x(i! + a - 1, j! + b - 1), v.w(a, b))));
/** ∂y_{ij}/∂x_{pq} = w_{p−i+1, q−j+1} (0 off the kernel). */
const jac = (v: Access, i: number, j: number, p: number, q: number): Q => v.w(p - i + 1, q - j + 1);
/** The true ∂L/∂x_{pq} = Σ_{i,j} ∂L/∂y_{ij} ∂y_{ij}/∂x_{pq}. */
const dX = (v: Access, p: number, q: number): Q =>
  sum(1, OR, (i) => sum(1, OC, (j) => qmul(v.dy(i, j), jac(v, i, j, p, q))));
const dy = (v: Access, i: number, j: number): Q => v.dy(i, j);
const zero: Q = Q0;

const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});

const src: CorpusSource = {
  file: "109-vatsyayan-autodiff-light-conv2d-grad.tex",
  citation:
    'Abhijat Vatsyayan (GitHub: abhijat01), "2D Convolution implementation in autodiff.light", LaTeX notes documenting his autograd library, repository abhijat01/autodiff.light, file docs/tex/grads/convolution.tex, read at commit 19e7d979a27c9b2f4a8373d67ec4b50882c025a7: section "Convolution" (a 3×4 input, a 2×2 kernel, the forward pass written out, the input gradient at x_{11} and x_{22})',
  url: "https://github.com/abhijat01/autodiff.light/blob/19e7d979a27c9b2f4a8373d67ec4b50882c025a7/docs/tex/grads/convolution.tex",
  flags: ["--input", "3x4", "--kernel", "2x2", "--op", "xcorr", "--index-base", "1"],
  layer: {
    op: "xcorr",
    input: [R, C],
    kernel: [K, K],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "valid",
    inChannels: null,
    outChannels: null,
    groups: 1,
    batch: null,
    bias: false,
    indexBase: 1,
  },
  indexBase: 1,
  equations: [
    def(11, "X &= ", "names the entries x_{11} … x_{34} of the 3×4 input"),
    def(18, "w &= ", "names the entries w_{11} … w_{22} of the 2×2 kernel"),
    {
      line: 24,
      snippet: "Y & = ",
      truth: "holds",
      target: "Y",
      why: "each entry y_{ij} is the 2×2 window of X at (i, j) times w entrywise, summed: the stride-1 valid cross-correlation; the second link names the entries y_{ij}",
      claimed: (v, [i, j]) => {
        const e: Record<string, Q> = {
          "1,1": add(
            qmul(v.x(1, 1), v.w(1, 1)),
            qmul(v.x(1, 2), v.w(1, 2)),
            qmul(v.x(2, 1), v.w(2, 1)),
            qmul(v.x(2, 2), v.w(2, 2)),
          ),
          "1,2": add(
            qmul(v.x(1, 2), v.w(1, 1)),
            qmul(v.x(1, 3), v.w(1, 2)),
            qmul(v.x(2, 2), v.w(2, 1)),
            qmul(v.x(2, 3), v.w(2, 2)),
          ),
          "1,3": add(
            qmul(v.x(1, 3), v.w(1, 1)),
            qmul(v.x(1, 4), v.w(1, 2)),
            qmul(v.x(2, 3), v.w(2, 1)),
            qmul(v.x(2, 4), v.w(2, 2)),
          ),
          "2,1": add(
            qmul(v.x(2, 1), v.w(1, 1)),
            qmul(v.x(2, 2), v.w(1, 2)),
            qmul(v.x(3, 1), v.w(2, 1)),
            qmul(v.x(3, 2), v.w(2, 2)),
          ),
          "2,2": add(
            qmul(v.x(2, 2), v.w(1, 1)),
            qmul(v.x(2, 3), v.w(1, 2)),
            qmul(v.x(3, 2), v.w(2, 1)),
            qmul(v.x(3, 3), v.w(2, 2)),
          ),
          "2,3": add(
            qmul(v.x(2, 3), v.w(1, 1)),
            qmul(v.x(2, 4), v.w(1, 2)),
            qmul(v.x(3, 3), v.w(2, 1)),
            qmul(v.x(3, 4), v.w(2, 2)),
          ),
        };
        return chain(e[`${i},${j}`]!, fwd(v, [i!, j!]));
      },
    },
    {
      line: 47,
      snippet:
        "\\frac{\\partial L}{\\partial x_{11}} & = \\frac{\\partial L}{\\partial y_{11}} \\frac{\\partial y_{11}}{\\partial x_{11}}",
      truth: "holds",
      target: "dX",
      why: "the chain rule over the outputs (the … the rest of them, all zero terms); only y_{11} reads x_{11}, through w_{11}, so ∂L/∂x_{11} = ∂L/∂y_{11} w_{11}",
      claimed: at(
        1,
        1,
        (v) =>
          chain(
            sum(1, OR, (i) => sum(1, OC, (j) => qmul(dy(v, i, j), jac(v, i, j, 1, 1)))),
            qmul(dy(v, 1, 1), v.w(1, 1)),
          ),
        (v, p, q) => dX(v, p, q),
      ),
    },
    {
      line: 58,
      snippet: "\\frac{\\partial L}{\\partial x_{22}} & = ",
      truth: "holds",
      target: "dX",
      why: "the chain rule over the six outputs; x_{22} sits at w_{22}, w_{21}, w_{12}, w_{11} in y_{11}, y_{12}, y_{21}, y_{22} and in neither y_{13} nor y_{23} (the × 0 terms): the kernel flipped",
      claimed: at(
        2,
        2,
        (v) =>
          chain(
            sum(1, OR, (i) => sum(1, OC, (j) => qmul(dy(v, i, j), jac(v, i, j, 2, 2)))),
            add(
              qmul(dy(v, 1, 1), v.w(2, 2)),
              qmul(dy(v, 1, 2), v.w(2, 1)),
              qmul(dy(v, 1, 3), zero),
              qmul(dy(v, 2, 1), v.w(1, 2)),
              qmul(dy(v, 2, 2), v.w(1, 1)),
              qmul(dy(v, 2, 3), zero),
            ),
          ),
        (v, p, q) => dX(v, p, q),
      ),
    },
  ] satisfies TruthEquation[],
};
export default src;
