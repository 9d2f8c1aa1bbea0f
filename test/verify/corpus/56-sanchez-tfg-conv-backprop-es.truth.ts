/**
 * David Sánchez Pérez (GitHub: rumhub), «Implementación optimizada sobre sistemas heterogéneos de algoritmos de Deep
 * Learning para clasificación de imágenes», his Spanish-language bachelor's thesis (Trabajo Fin de Grado, Universidad
 * de Granada, director José Miguel Mantas Ruiz), appendix «Retropropagación en capas convolucionales», first section
 * «Sumatoria de gradientes»: a convolution layer's back-propagation worked entry by entry on a small example — the
 * chain rules, each output written out, every local derivative ∂Y/∂K and ∂Y/∂Z, the kernel gradient and the gradient
 * with respect to the pre-activation input A (through ReLU').
 * Layer: the appendix's own example (its figures, left out, draw it; every formula is written for it): one channel c
 * of a 3×3 input Z^c (the activated input, Z = ReLU(A)), a 2×2 kernel K^c, a 2×2 output Y^c, 1-based, stride 1, no
 * padding, cross-correlation (Y^c_{11} = Z^c_{11} K^c_{11} + Z^c_{12} K^c_{12} + Z^c_{21} K^c_{21} + Z^c_{22} K^c_{22}).
 * No bias: the appendix leaves it out of every formula ("se omitirá … el cálculo del gradiente con respecto al sesgo"),
 * a choice its forward expansions allow. The superscript c (the channel) is fixed throughout and read as a name. The
 * layer's input x is Z^c, its kernel w is K^c, ∂E/∂Y^c_{ij} is v.dy(i, j). ∂E/∂A^c_{pq} is the input gradient times
 * the activation's derivative ReLU'(A^c_{pq}), modelled as the opaque v.fprime("A", p, q) (the `scale`). "*" in the
 * appendix is always a product (it writes Z^c_{11} * K^c_{11}), never a convolution.
 * Line 13 writes ∂E/∂X^c_{11}: the appendix calls X the input volume, with A its value before the activation and Z
 * after; the chain rule it writes ends in ∂Z/∂A, so X^c_{11} is read as A^c_{11} (the text: "para calcular el gradiente
 * con respecto a cada valor del volumen de entrada (X), también debe calcularse … ∂Z/∂A"). Its last factor is written
 * ∂Z^c_{ij}/∂A^c_{11} (the summation indices on Z): that is 0 unless (i, j) = (1, 1), which leaves ∂E/∂Y^c_{11} K^c_{11}
 * ReLU'(A^c_{11}) — the right value, since only Y^c_{11} reads the corner Z^c_{11}. So it holds as written.
 * A local derivative ∂Y^c_{ij}/∂K^c_{ab} = r is checked through the chain rule, as 31's: the kernel gradient with the
 * (i, j) term's local factor replaced by r must be the true ∂E/∂K^c_{ab} (it is iff r is right, ∂E/∂Y^c_{ij} being
 * random); ∂Y^c_{ij}/∂Z^c_{pq} = r likewise through the input gradient. An entry formula is its right side at that
 * entry and the true value at the others.
 * The appendix's mistakes: (1) line 43, ∂Y^c_{12}/∂K^c_{xy} is written as the derivative of Y^c_{11}'s expansion
 * (Z^c_{11} K^c_{11} + Z^c_{12} K^c_{12} + …, copied from line 22) — it gives Z^c_{xy}, the truth is Z^c_{x,y+1};
 * (2) line 82, the same copy for Y^c_{22} (the truth is Z^c_{x+1,y+1}); both are followed by the right entry values
 * (lines 44–45, 83–84), and line 62 for Y^c_{21} has its own expansion; (3) line 102, ∂E/∂K^c_{21} has the term
 * ∂E/∂Y^c_{31} * Z^c_{21} where ∂E/∂Y^c_{21} * Z^c_{31} belongs (an output that does not exist — a 2×2 output has no
 * Y^c_{31}, read 0 — and the wrong input entry); (4) line 103, ∂E/∂K^c_{22} again writes ∂E/∂Y^c_{31} (for Y^c_{21}):
 * as written that term is 0 and ∂E/∂Y^c_{21} Z^c_{32} is missing; (5) line 124, ∂E/∂A^c_{23} ends in ReLU'(A^c_{22})
 * instead of ReLU'(A^c_{23}) (its bracket is right). Everything else holds: the four outputs, lines 22 and 62,
 * all 52 entry-wise local derivatives, ∂E/∂K^c_{11}, ∂E/∂K^c_{12} and the other eight ∂E/∂A^c_{pq}.
 * Not found by verify, so not listed: the inline {Y_1, Y_2} ∈ Y and c ∈ C of the prose.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 3,
  K = 2,
  O = 2; // Z^c 3×3, K^c 2×2, Y^c 2×2, 1-based

/** Y^c_{ij} = Σ_{a,b} K^c_{ab} Z^c_{i+a-1, j+b-1}. */
const trueY = (v: Access, [i, j]: number[]): Q =>
  sum(1, K, (a) => sum(1, K, (b) => qmul(v.w(a, b), v.x(i! + a - 1, j! + b - 1))));
/** ∂E/∂K^c_{ab} = Σ_{i,j} ∂E/∂Y^c_{ij} Z^c_{i+a-1, j+b-1}. */
const trueDW = (v: Access, [a, b]: number[]): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i + a! - 1, j + b! - 1))));
/** ∂E/∂Z^c_{pq} = Σ_{i,j} ∂E/∂Y^c_{ij} K^c_{p-i+1, q-j+1} (K 0 outside its 2×2). */
const trueDX = (v: Access, [p, q]: number[]): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.w(p! - i + 1, q! - j + 1))));
/** The true local derivatives ∂Y^c_{ij}/∂K^c_{ab} and ∂Y^c_{ij}/∂Z^c_{pq}. */
const locK = (v: Access, i: number, j: number, a: number, b: number): Q => v.x(i + a - 1, j + b - 1);
const locZ = (v: Access, i: number, j: number, p: number, q: number): Q => v.w(p - i + 1, q - j + 1);

/** A formula about one entry: its right side there, the true value elsewhere. */
const at =
  (r: number, c: number, rhs: (v: Access) => Q, rest: (v: Access, idx: number[]) => Q) =>
  (v: Access, idx: number[]): Q =>
    idx[0] === r && idx[1] === c ? rhs(v) : rest(v, idx);
const sumQ = (...xs: Q[]): Q => xs.reduce((s, x) => qadd(s, x), Q0);
/** The chain rule over the outputs with the (i, j) term's local factor replaced by `r`. */
const chainK = (v: Access, i: number, j: number, a: number, b: number, r: Q): Q =>
  sum(1, O, (i2) => sum(1, O, (j2) => qmul(v.dy(i2, j2), i2 === i && j2 === j ? r : locK(v, i2, j2, a, b))));
const chainZ = (v: Access, i: number, j: number, p: number, q: number, r: Q): Q =>
  sum(1, O, (i2) => sum(1, O, (j2) => qmul(v.dy(i2, j2), i2 === i && j2 === j ? r : locZ(v, i2, j2, p, q))));

/** A right side as written: 0, Z^c_{ab} or K^c_{ab}. */
type R = 0 | ["Z" | "K", number, number];
const val = (v: Access, r: R): Q => (r === 0 ? Q0 : r[0] === "Z" ? v.x(r[1], r[2]) : v.w(r[1], r[2]));
const tex = (r: R): string => (r === 0 ? "0" : `${r[0]}^c_{${r[1]}${r[2]}}`);

/** ∂Y^c_{ij}/∂K^c_{ab} = r (a local derivative, checked through the kernel gradient's chain rule). */
const dYdK = (line: number, i: number, j: number, a: number, b: number, r: R): TruthEquation => ({
  line,
  snippet: `\\frac{\\partial Y^c_{${i}${j}}}{\\partial K^c_{${a}${b}}} = ${tex(r)}`,
  truth: "holds",
  target: "dW",
  why: `in Y^c_{${i}${j}} = Σ_{a,b} K^c_{ab} Z^c_{${i}+a-1,${j}+b-1} the weight K^c_{${a}${b}} multiplies Z^c_{${i + a - 1}${j + b - 1}}`,
  claimed: at(a, b, (v) => chainK(v, i, j, a, b, val(v, r)), trueDW),
});
/** ∂Y^c_{ij}/∂Z^c_{pq} = r (a local derivative, checked through the input gradient's chain rule). */
const dYdZ = (line: number, i: number, j: number, p: number, q: number, r: R): TruthEquation => {
  const inWindow = p - i >= 0 && p - i < K && q - j >= 0 && q - j < K;
  return {
    line,
    snippet: `\\frac{\\partial Y^c_{${i}${j}}}{\\partial Z^c_{${p}${q}}} = ${tex(r)}`,
    truth: "holds",
    target: "dX",
    why: inWindow
      ? `Z^c_{${p}${q}} is in the window of Y^c_{${i}${j}}, under K^c_{${p - i + 1}${q - j + 1}}`
      : `Z^c_{${p}${q}} is outside the 2×2 window of Y^c_{${i}${j}} (rows ${i}–${i + 1}, columns ${j}–${j + 1}): derivative 0`,
    claimed: at(p, q, (v) => chainZ(v, i, j, p, q, val(v, r)), trueDX),
  };
};
/** The nine ∂Y^c_{ij}/∂Z^c_{pq} of one block, three to a line, as written. */
const zBlock = (line: number, i: number, j: number, rs: R[]): TruthEquation[] =>
  rs.map((r, k) => dYdZ(line + Math.floor(k / 3), i, j, Math.floor(k / 3) + 1, (k % 3) + 1, r));
/** The four ∂Y^c_{ij}/∂K^c_{ab}, two to a line, as written. */
const kBlock = (line: number, i: number, j: number, rs: R[]): TruthEquation[] =>
  rs.map((r, k) => dYdK(line + Math.floor(k / 2), i, j, Math.floor(k / 2) + 1, (k % 2) + 1, r));

/** Y^c_{ij} = Z K + Z K + Z K + Z K as written (pairs [Z entry, K entry]). */
type P = [[number, number], [number, number]];
const zk =
  (terms: P[]) =>
  (v: Access): Q =>
    sumQ(...terms.map(([z, k]) => qmul(v.x(...z), v.w(...k))));
const fwd = (line: number, i: number, j: number, terms: P[]): TruthEquation => ({
  line,
  snippet: `Y^c_{${i}${j}} = `,
  truth: "holds",
  target: "Y",
  why: `the window of Y^c_{${i}${j}} starts at Z^c_{${i}${j}}, each entry times the kernel entry at the same place (cross-correlation, no bias)`,
  claimed: at(i, j, zk(terms), trueY),
});
/** ∂Y^c_{ij}/∂K^c_{xy} = ∂(expansion)/∂K^c_{xy}, the expansion's derivative being Z^c at offset (dr, dc) from (x, y). */
const dYdKxy = (
  line: number,
  i: number,
  j: number,
  dr: number,
  dc: number,
  truth: "holds" | "fails",
  why: string,
): TruthEquation => ({
  line,
  snippet: `\\frac{\\partial Y^c_{${i}${j}}}{\\partial K^c_{xy}} = `,
  truth,
  target: "dW",
  why,
  claimed: (v, [x, y]) => chainK(v, i, j, x!, y!, v.x(x! + dr, y! + dc)),
});
/** ∂E/∂K^c_{ab} = Σ ∂E/∂Y * Z as written (pairs [Y entry, Z entry]; Y^c_{31}, not an output, is read 0). */
const yz =
  (terms: P[]) =>
  (v: Access): Q =>
    sumQ(...terms.map(([y, z]) => qmul(v.dy(...y), v.x(...z))));
/** ∂E/∂A^c_{pq} = (Σ ∂E/∂Y * K) * ReLU'(A^c_{rs}) as written (pairs [Y entry, K entry]). */
const dA = (
  line: number,
  p: number,
  q: number,
  terms: P[],
  relu: [number, number],
  truth: "holds" | "fails",
  why: string,
): TruthEquation => ({
  line,
  snippet: `\\frac{\\partial E}{\\partial A^c_{${p}${q}}} = `,
  truth,
  target: "dX",
  why,
  scale: (v, [r, c]) => v.fprime("A", r!, c!),
  claimed: at(
    p,
    q,
    (v) => qmul(sumQ(...terms.map(([y, k]) => qmul(v.dy(...y), v.w(...k)))), v.fprime("A", ...relu)),
    (v, idx) => qmul(trueDX(v, idx), v.fprime("A", idx[0]!, idx[1]!)),
  ),
});
const inA = (p: number, q: number) =>
  `Z^c_{${p}${q}} = ReLU(A^c_{${p}${q}}) is read by exactly the outputs written, each under the kernel entry written (the full correlation of ∂E/∂Y with the flipped kernel), times ReLU'(A^c_{${p}${q}})`;

const src: CorpusSource = {
  file: "56-sanchez-tfg-conv-backprop-es.tex",
  citation:
    "David Sánchez Pérez (GitHub: rumhub), «Implementación optimizada sobre sistemas heterogéneos de algoritmos de Deep Learning para clasificación de imágenes», bachelor's thesis (Trabajo Fin de Grado, Universidad de Granada; director José Miguel Mantas Ruiz), Spanish, LaTeX report in the repository rumhub/TFG, appendix «Retropropagación en capas convolucionales» (Memoria/apendices/backprop_conv.tex), read at commit 02e2d0e01755b1dde4a11907707eb0b65b92df5e: section «Sumatoria de gradientes» (chain rules, the four outputs, every ∂Y/∂K and ∂Y/∂Z, ∂E/∂K and ∂E/∂A entry by entry)",
  url: "https://github.com/rumhub/TFG/blob/02e2d0e01755b1dde4a11907707eb0b65b92df5e/Memoria/apendices/backprop_conv.tex",
  flags: ["--input", "3x3", "--kernel", "2x2", "--op", "xcorr", "--index-base", "1"],
  layer: {
    op: "xcorr",
    input: [N, N],
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
    {
      line: 12,
      snippet: "\\frac{\\partial E}{\\partial K^c_{11}} = \\sum_{i=1}^{I}\\sum_{j=1}^{J}",
      truth: "holds",
      target: "dW",
      why: "K^c_{11} enters every output Y^c_{ij} (I = J = 2): the chain rule over them, ∂Y^c_{ij}/∂K^c_{11} = Z^c_{ij}",
      claimed: at(1, 1, (v) => sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), locK(v, i, j, 1, 1)))), trueDW),
    },
    {
      line: 13,
      snippet: "\\frac{\\partial E}{\\partial X^c_{11}} = \\sum_{i=1}^{I}\\sum_{j=1}^{J}",
      truth: "holds",
      target: "dX",
      why: "X^c_{11} read as its pre-activation value A^c_{11} (the chain ends in ∂Z/∂A); the written ∂Z^c_{ij}/∂A^c_{11} is ReLU'(A^c_{11}) at (1, 1) and 0 elsewhere, which leaves ∂E/∂Y^c_{11} K^c_{11} ReLU'(A^c_{11}) — the right value, the corner Z^c_{11} being read by Y^c_{11} only",
      scale: (v, [r, c]) => v.fprime("A", r!, c!),
      claimed: at(
        1,
        1,
        (v) =>
          sum(1, O, (i) =>
            sum(1, O, (j) =>
              qmul(qmul(v.dy(i, j), locZ(v, i, j, 1, 1)), i === 1 && j === 1 ? v.fprime("A", 1, 1) : Q0),
            ),
          ),
        (v, idx) => qmul(trueDX(v, idx), v.fprime("A", idx[0]!, idx[1]!)),
      ),
    },
    fwd(21, 1, 1, [
      [
        [1, 1],
        [1, 1],
      ],
      [
        [1, 2],
        [1, 2],
      ],
      [
        [2, 1],
        [2, 1],
      ],
      [
        [2, 2],
        [2, 2],
      ],
    ]),
    dYdKxy(
      22,
      1,
      1,
      0,
      0,
      "holds",
      "the derivative of Y^c_{11}'s own expansion (line 21) with respect to K^c_{xy} is Z^c_{xy}, the weight's partner in it",
    ),
    ...kBlock(23, 1, 1, [
      ["Z", 1, 1],
      ["Z", 1, 2],
      ["Z", 2, 1],
      ["Z", 2, 2],
    ]),
    ...zBlock(28, 1, 1, [["K", 1, 1], ["K", 1, 2], 0, ["K", 2, 1], ["K", 2, 2], 0, 0, 0, 0]),
    fwd(42, 1, 2, [
      [
        [1, 2],
        [1, 1],
      ],
      [
        [1, 3],
        [1, 2],
      ],
      [
        [2, 2],
        [2, 1],
      ],
      [
        [2, 3],
        [2, 2],
      ],
    ]),
    dYdKxy(
      43,
      1,
      2,
      0,
      0,
      "fails",
      "the expansion differentiated is Y^c_{11}'s (Z^c_{11} K^c_{11} + Z^c_{12} K^c_{12} + …, copied from line 22), not Y^c_{12}'s of line 42: it gives Z^c_{xy}, the truth is Z^c_{x,y+1} (line 44's own values)",
    ),
    ...kBlock(44, 1, 2, [
      ["Z", 1, 2],
      ["Z", 1, 3],
      ["Z", 2, 2],
      ["Z", 2, 3],
    ]),
    ...zBlock(51, 1, 2, [0, ["K", 1, 1], ["K", 1, 2], 0, ["K", 2, 1], ["K", 2, 2], 0, 0, 0]),
    fwd(61, 2, 1, [
      [
        [2, 1],
        [1, 1],
      ],
      [
        [2, 2],
        [1, 2],
      ],
      [
        [3, 1],
        [2, 1],
      ],
      [
        [3, 2],
        [2, 2],
      ],
    ]),
    dYdKxy(
      62,
      2,
      1,
      1,
      0,
      "holds",
      "here the expansion differentiated is Y^c_{21}'s own (line 61): its derivative with respect to K^c_{xy} is Z^c_{x+1,y}",
    ),
    ...kBlock(63, 2, 1, [
      ["Z", 2, 1],
      ["Z", 2, 2],
      ["Z", 3, 1],
      ["Z", 3, 2],
    ]),
    ...zBlock(70, 2, 1, [0, 0, 0, ["K", 1, 1], ["K", 1, 2], 0, ["K", 2, 1], ["K", 2, 2], 0]),
    fwd(81, 2, 2, [
      [
        [2, 2],
        [1, 1],
      ],
      [
        [2, 3],
        [1, 2],
      ],
      [
        [3, 2],
        [2, 1],
      ],
      [
        [3, 3],
        [2, 2],
      ],
    ]),
    dYdKxy(
      82,
      2,
      2,
      0,
      0,
      "fails",
      "again Y^c_{11}'s expansion (copied from line 22), not Y^c_{22}'s of line 81: it gives Z^c_{xy}, the truth is Z^c_{x+1,y+1} (line 83's own values)",
    ),
    ...kBlock(83, 2, 2, [
      ["Z", 2, 2],
      ["Z", 2, 3],
      ["Z", 3, 2],
      ["Z", 3, 3],
    ]),
    ...zBlock(90, 2, 2, [0, 0, 0, 0, ["K", 1, 1], ["K", 1, 2], 0, ["K", 2, 1], ["K", 2, 2]]),
    {
      line: 100,
      snippet: "\\frac{\\partial E}{\\partial K^c_{11}} = \\frac{\\partial E}{\\partial Y^c_{11}} * Z^c_{11}",
      truth: "holds",
      target: "dW",
      why: "K^c_{11} multiplies Z^c_{11}, Z^c_{12}, Z^c_{21}, Z^c_{22} in Y^c_{11}, Y^c_{12}, Y^c_{21}, Y^c_{22}",
      claimed: at(
        1,
        1,
        yz([
          [
            [1, 1],
            [1, 1],
          ],
          [
            [1, 2],
            [1, 2],
          ],
          [
            [2, 1],
            [2, 1],
          ],
          [
            [2, 2],
            [2, 2],
          ],
        ]),
        trueDW,
      ),
    },
    {
      line: 101,
      snippet: "\\frac{\\partial E}{\\partial K^c_{12}} = \\frac{\\partial E}{\\partial Y^c_{11}} * Z^c_{12}",
      truth: "holds",
      target: "dW",
      why: "K^c_{12} multiplies Z^c_{12}, Z^c_{13}, Z^c_{22}, Z^c_{23} in Y^c_{11}, Y^c_{12}, Y^c_{21}, Y^c_{22}",
      claimed: at(
        1,
        2,
        yz([
          [
            [1, 1],
            [1, 2],
          ],
          [
            [1, 2],
            [1, 3],
          ],
          [
            [2, 1],
            [2, 2],
          ],
          [
            [2, 2],
            [2, 3],
          ],
        ]),
        trueDW,
      ),
    },
    {
      line: 102,
      snippet: "\\frac{\\partial E}{\\partial K^c_{21}} = \\frac{\\partial E}{\\partial Y^c_{11}} * Z^c_{21}",
      truth: "fails",
      target: "dW",
      why: "the third term should be ∂E/∂Y^c_{21} * Z^c_{31} (K^c_{21} meets Z^c_{31} in Y^c_{21}); written ∂E/∂Y^c_{31} * Z^c_{21}: a 2×2 output has no Y^c_{31} (read 0), and the term ∂E/∂Y^c_{21} Z^c_{31} is missing",
      claimed: at(
        2,
        1,
        yz([
          [
            [1, 1],
            [2, 1],
          ],
          [
            [1, 2],
            [2, 2],
          ],
          [
            [3, 1],
            [2, 1],
          ],
          [
            [2, 2],
            [3, 2],
          ],
        ]),
        trueDW,
      ),
    },
    {
      line: 103,
      snippet: "\\frac{\\partial E}{\\partial K^c_{22}} = \\frac{\\partial E}{\\partial Y^c_{11}} * Z^c_{22}",
      truth: "fails",
      target: "dW",
      why: "the third term should be ∂E/∂Y^c_{21} * Z^c_{32}; written ∂E/∂Y^c_{31} * Z^c_{32}, an output a 2×2 Y^c does not have (read 0): as written the term ∂E/∂Y^c_{21} Z^c_{32} is missing (the right Z entry, the wrong output index)",
      claimed: at(
        2,
        2,
        yz([
          [
            [1, 1],
            [2, 2],
          ],
          [
            [1, 2],
            [2, 3],
          ],
          [
            [3, 1],
            [3, 2],
          ],
          [
            [2, 2],
            [3, 3],
          ],
        ]),
        trueDW,
      ),
    },
    dA(
      116,
      1,
      1,
      [
        [
          [1, 1],
          [1, 1],
        ],
      ],
      [1, 1],
      "holds",
      inA(1, 1),
    ),
    dA(
      117,
      1,
      2,
      [
        [
          [1, 1],
          [1, 2],
        ],
        [
          [1, 2],
          [1, 1],
        ],
      ],
      [1, 2],
      "holds",
      inA(1, 2),
    ),
    dA(
      118,
      1,
      3,
      [
        [
          [1, 2],
          [1, 2],
        ],
      ],
      [1, 3],
      "holds",
      inA(1, 3),
    ),
    dA(
      122,
      2,
      1,
      [
        [
          [1, 1],
          [2, 1],
        ],
        [
          [2, 1],
          [1, 1],
        ],
      ],
      [2, 1],
      "holds",
      inA(2, 1),
    ),
    dA(
      123,
      2,
      2,
      [
        [
          [1, 1],
          [2, 2],
        ],
        [
          [1, 2],
          [2, 1],
        ],
        [
          [2, 1],
          [1, 2],
        ],
        [
          [2, 2],
          [1, 1],
        ],
      ],
      [2, 2],
      "holds",
      inA(2, 2),
    ),
    dA(
      124,
      2,
      3,
      [
        [
          [1, 2],
          [2, 2],
        ],
        [
          [2, 2],
          [1, 2],
        ],
      ],
      [2, 2],
      "fails",
      "the bracket is right (Z^c_{23} is read by Y^c_{12} under K^c_{22} and by Y^c_{22} under K^c_{12}), but the activation factor is written ReLU'(A^c_{22}), not ReLU'(A^c_{23}): the derivative of another entry's activation",
    ),
    dA(
      128,
      3,
      1,
      [
        [
          [2, 1],
          [2, 1],
        ],
      ],
      [3, 1],
      "holds",
      inA(3, 1),
    ),
    dA(
      129,
      3,
      2,
      [
        [
          [2, 1],
          [2, 2],
        ],
        [
          [2, 2],
          [2, 1],
        ],
      ],
      [3, 2],
      "holds",
      inA(3, 2),
    ),
    dA(
      130,
      3,
      3,
      [
        [
          [2, 2],
          [2, 2],
        ],
      ],
      [3, 3],
      "holds",
      inA(3, 3),
    ),
  ],
};
export default src;
