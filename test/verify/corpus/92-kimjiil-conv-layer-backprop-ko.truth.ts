/**
 * kimjiil (GitHub: kimjiil), "Convolutional Layer 역전파(backpropagation)": a Korean post of 30 December 2022 on his
 * Jekyll blog kimjiil.github.io (the Markdown file _posts/Study/AIML/2022-12-30-Backpropagation-for-convolution-layer.md
 * of the repository kimjiil/kimjiil.github.io, read at commit bd681ecf2f78298e29fe36fe0e8c02ad9368f7be), notes made while
 * implementing a NumPy deep-learning library — one convolution layer written out entry by entry: the four outputs
 * o_{11} … o_{22} of a 5×5 input X under a 3×3 kernel W with a bias b, the matrices ∂L/∂O, ∂L/∂X, ∂L/∂W, then
 * ∂L/∂x_{11} by the chain rule (as the product ∂L/∂O ∂O/∂x_{11}, as a sum over the outputs, expanded, with the local
 * derivatives substituted), ∂L/∂x_{12} … ∂L/∂x_{15}, ∂L/∂w_{11} by the same chain and ∂L/∂b likewise.
 * Layer: the post's example figure (an image) as its formulas spell it out — X 5×5, W 3×3, STRIDE 2 (o_{12}'s window
 * starts at x_{13}, o_{21}'s at x_{31}), no padding, so O is 2×2; one channel, one kernel, a single bias b added to
 * every output; 1-based (x_{11} … x_{55}, w_{11} … w_{33}, o_{11} … o_{22}). The post's "convolution" O = W * X + b is
 * a cross-correlation: each o_{ij} pairs x_{2i−2+k, 2j−2+l} with w_{kl}, the kernel unflipped. ∂L/∂o_{ij} is
 * v.dy(i, j).
 * Reading: every output o_{ij} (lines 30–44) is written over three rows of an aligned split whose continuation rows,
 * "&\quad\; x_{21} w_{21} + …", drop the "+" that joins them to the row above (the first row ends "x_{13} w_{13}"
 * and the next begins "x_{21} w_{21}" with no operator between) — read, as the post means it, as the one sum over the
 * 3×3 window the rows break up (the window's nine products, then "+ b"; the gradients it derives from them, ∂L/∂w_{11}
 * = Σ ∂L/∂o_{ij} x_{..} with x_{11}, x_{13}, x_{31}, x_{33}, are this sum's): they hold. "∂L/∂O ∂O/∂x_{11}" (lines
 * 80, 133, 168) is the chain rule in shorthand, the contraction over O's entries that the next line writes out as
 * Σ^{(2,2)}_{i,j=(1,1)} — a sum over the index pairs (1,1) … (2,2), i.e. over i and j from 1 to 2. The chains are
 * listed link by link (each "&=" row its own entry), every link at its entry (x_{11}, w_{11}, b), every other entry
 * of the target taking its true value; links with local derivatives ∂o_{ij}/∂x_{11} are evaluated with the true local
 * derivatives (they are what the symbols mean), so those links hold with the chain.
 * No mistakes in the formulas: x_{11} enters only o_{11} (under w_{11}), x_{12} only o_{11} (w_{12}), x_{13} both
 * o_{11} (w_{13}) and o_{12} (w_{11}) — the stride-2 overlap — x_{14} and x_{15} only o_{12} (w_{12}, w_{13});
 * w_{11} meets x_{11}, x_{13}, x_{31}, x_{33}; the bias has ∂o_{ij}/∂b = 1. The "..." after ∂L/∂x_{15} (line 98)
 * only says the list goes on. The typos are in words ("Convoluational", "backporopagation"), not in the math.
 * Definitions: O = W * X + b named with its entries (line 24: W * X is the operation the entries below spell out, the
 * post defines * no other way), the matrices ∂L/∂O, ∂L/∂X, ∂L/∂W of entries (lines 52, 67, 121).
 * Held out: added after the reader was built, to try it on a source none of its tests used. (The post follows
 * Pavithra Solai's Medium post, as corpus 17 and 70 do, but with its own layer: 5×5, 3×3, stride 2, a bias.)
 */
import { Q0, Q1, qadd, qmul, type Q } from "../../core/oracle.js";
import { at, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 5,
  K = 3,
  S = 2,
  O = 2; // 5×5 input, 3×3 kernel, stride 2, 2×2 output

/** o_{ij} = Σ_{k,l} x_{S(i−1)+k, S(j−1)+l} w_{kl} + b. */
const fwd = (v: Access, i: number, j: number): Q =>
  qadd(
    sum(1, K, (k) => sum(1, K, (l) => qmul(v.x(S * (i - 1) + k, S * (j - 1) + l), v.w(k, l)))),
    v.b(),
  );
/** ∂o_{ij}/∂x_{rs} = w_{r−S(i−1), s−S(j−1)} (0 off the kernel). */
const locX = (v: Access, i: number, j: number, r: number, s: number): Q => v.w(r - S * (i - 1), s - S * (j - 1));
/** ∂o_{ij}/∂w_{kl} = x_{S(i−1)+k, S(j−1)+l}. */
const locW = (v: Access, i: number, j: number, k: number, l: number): Q => v.x(S * (i - 1) + k, S * (j - 1) + l);
/** Σ_{i,j} ∂L/∂o_{ij} · local(i, j): the chain rule over the four outputs (the post's Σ^{(2,2)}_{i,j=(1,1)}). */
const overO = (v: Access, local: (i: number, j: number) => Q): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), local(i, j))));
const trueDX = (v: Access, r: number, s: number): Q => overO(v, (i, j) => locX(v, i, j, r, s));
const trueDW = (v: Access, k: number, l: number): Q => overO(v, (i, j) => locW(v, i, j, k, l));
const db = (v: Access): Q => overO(v, () => Q1);

type P = [number, number];
/** Σ x_{..} w_{..} + b, the terms as written (the three rows of the output read as one sum). */
const xwb =
  (terms: [P, P][]) =>
  (v: Access): Q =>
    qadd(
      terms.reduce((s, [a, b]) => qadd(s, qmul(v.x(...a), v.w(...b))), Q0),
      v.b(),
    );
/** Σ ∂L/∂o_{..} · w_{..}, the terms as written. */
const ow =
  (terms: [P, P][]) =>
  (v: Access): Q =>
    terms.reduce((s, [a, b]) => qadd(s, qmul(v.dy(...a), v.w(...b))), Q0);
/** Σ ∂L/∂o_{..} · x_{..}, the terms as written. */
const ox =
  (terms: [P, P][]) =>
  (v: Access): Q =>
    terms.reduce((s, [a, b]) => qadd(s, qmul(v.dy(...a), v.x(...b))), Q0);

const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});

/** Output o_{ij} at line `line`: the nine products as written (window rows starting at x_{r0, c0}). */
const output = (line: number, i: number, j: number): TruthEquation => {
  const r0 = S * (i - 1) + 1,
    c0 = S * (j - 1) + 1;
  const terms: [P, P][] = [];
  for (let k = 1; k <= K; k++)
    for (let l = 1; l <= K; l++)
      terms.push([
        [r0 + k - 1, c0 + l - 1],
        [k, l],
      ]);
  return {
    line,
    snippet: `o_{${i}${j}} &= x_{${r0}${c0}} w_{11} + x_{${r0}${c0 + 1}} w_{12} + x_{${r0}${c0 + 2}} w_{13}`,
    truth: "holds",
    target: "Y",
    why: `the stride-2 window x_{${r0}${c0}} … x_{${r0 + 2}${c0 + 2}} of o_{${i}${j}}, each entry times the kernel entry at its place, plus b; the "+" that joins the split's three rows is dropped at each line break, read as the one sum the rows break up`,
    claimed: at(i, j, xwb(terms), fwd),
  };
};

const pdx = (s: string) => `\\frac{\\partial L}{\\partial x_{${s}}} &= `;

const src: CorpusSource = {
  file: "92-kimjiil-conv-layer-backprop-ko.md",
  citation:
    'kimjiil (GitHub: kimjiil), "Convolutional Layer 역전파(backpropagation)", a post of 30 December 2022 (in Korean) on his Jekyll blog kimjiil.github.io, repository kimjiil/kimjiil.github.io, file _posts/Study/AIML/2022-12-30-Backpropagation-for-convolution-layer.md, read at commit bd681ecf2f78298e29fe36fe0e8c02ad9368f7be: the whole post (a 5×5 input, a 3×3 kernel at stride 2 with a bias: the four outputs written out, ∂L/∂x_{11} … ∂L/∂x_{15}, ∂L/∂w_{11} and ∂L/∂b by the chain rule)',
  url: "https://github.com/kimjiil/kimjiil.github.io/blob/bd681ecf2f78298e29fe36fe0e8c02ad9368f7be/_posts/Study/AIML/2022-12-30-Backpropagation-for-convolution-layer.md",
  flags: ["--input", "5x5", "--kernel", "3x3", "--op", "xcorr", "--index-base", "1", "--stride", "2", "--bias"],
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
    indexBase: 1,
  },
  indexBase: 1,
  equations: [
    def(
      24,
      "O =  W * X + b = \\begin{pmatrix}",
      "names the output O = W * X + b and its 2×2 entries o_{ij}; W * X has no definition but the entries written out below it (a stride-2 cross-correlation)",
    ),
    output(30, 1, 1),
    output(34, 1, 2),
    output(38, 2, 1),
    output(42, 2, 2),
    def(52, "\\frac{\\partial L}{\\partial O} = ", "the matrix of the incoming gradients ∂L/∂o_{ij} (notation)"),
    def(67, "\\frac{\\partial L}{\\partial X} = \\begin{pmatrix}", "the 5×5 matrix of entries ∂L/∂x_{ij} (notation)"),
    {
      line: 80,
      snippet:
        "\\frac{\\partial L}{\\partial x_{11}} &= \\frac{\\partial L}{\\partial O} \\frac{\\partial O}{\\partial x_{11}}",
      truth: "holds",
      target: "dX",
      why: "the chain rule in shorthand: the contraction of ∂L/∂O with ∂O/∂x_{11} over O's four entries, as the next line writes it out",
      claimed: at(1, 1, (v) => trueDX(v, 1, 1), trueDX),
    },
    {
      line: 81,
      snippet:
        "&= \\sum^{(2,2)}_{i,j=(1,1)}{ \\frac{\\partial L}{\\partial o_{ij}} \\frac{\\partial o_{ij}}{\\partial x_{11}} }",
      truth: "holds",
      target: "dX",
      why: "the chain rule over the outputs: the sum runs over the index pairs (1,1) … (2,2), i.e. i, j = 1, 2",
      claimed: at(1, 1, (v) => overO(v, (i, j) => locX(v, i, j, 1, 1)), trueDX),
    },
    {
      line: 82,
      snippet: "&=  \\frac{\\partial L}{\\partial o_{11}} \\frac{\\partial o_{11}}{\\partial x_{11}}",
      truth: "holds",
      target: "dX",
      why: "the same sum expanded over o_{11}, o_{12}, o_{21}, o_{22} (four rows)",
      claimed: at(1, 1, (v) => overO(v, (i, j) => locX(v, i, j, 1, 1)), trueDX),
    },
    {
      line: 86,
      snippet:
        "&= \\frac{\\partial L}{\\partial o_{11}} \\cdot w_{11} + \\frac{\\partial L}{\\partial o_{12}} \\cdot 0",
      truth: "holds",
      target: "dX",
      why: "x_{11} is only in o_{11}'s window, under w_{11}: ∂o_{11}/∂x_{11} = w_{11} and the other three local derivatives are 0",
      claimed: at(
        1,
        1,
        (v) =>
          qadd(
            qmul(v.dy(1, 1), v.w(1, 1)),
            qadd(qmul(v.dy(1, 2), Q0), qadd(qmul(v.dy(2, 1), Q0), qmul(v.dy(2, 2), Q0))),
          ),
        trueDX,
      ),
    },
    {
      line: 94,
      snippet: `${pdx("12")}\\frac{\\partial L}{\\partial o_{11}} \\cdot w_{12}`,
      truth: "holds",
      target: "dX",
      why: "x_{12} is only in o_{11}'s window (o_{12}'s starts at x_{13}), under w_{12}",
      claimed: at(
        1,
        2,
        ow([
          [
            [1, 1],
            [1, 2],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 95,
      snippet: `${pdx("13")}\\frac{\\partial L}{\\partial o_{11}} \\cdot w_{13} +  \\frac{\\partial L}{\\partial o_{12}} \\cdot w_{11}`,
      truth: "holds",
      target: "dX",
      why: "x_{13} is where the stride-2 windows overlap: the last column of o_{11}'s (w_{13}) and the first of o_{12}'s (w_{11})",
      claimed: at(
        1,
        3,
        ow([
          [
            [1, 1],
            [1, 3],
          ],
          [
            [1, 2],
            [1, 1],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 96,
      snippet: `${pdx("14")}\\frac{\\partial L}{\\partial o_{12}} \\cdot w_{12}`,
      truth: "holds",
      target: "dX",
      why: "x_{14} is only in o_{12}'s window, its middle column, under w_{12}",
      claimed: at(
        1,
        4,
        ow([
          [
            [1, 2],
            [1, 2],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 97,
      snippet: `${pdx("15")}\\frac{\\partial L}{\\partial o_{12}} \\cdot w_{13}`,
      truth: "holds",
      target: "dX",
      why: "x_{15} is only in o_{12}'s window, its last column, under w_{13}",
      claimed: at(
        1,
        5,
        ow([
          [
            [1, 2],
            [1, 3],
          ],
        ]),
        trueDX,
      ),
    },
    def(121, "\\frac{\\partial L}{\\partial W} = ", "the 3×3 matrix of entries ∂L/∂w_{kl} (notation)"),
    {
      line: 133,
      snippet:
        "\\frac{\\partial L}{\\partial w_{11}} &= \\frac{\\partial L}{\\partial O} \\frac{\\partial O}{\\partial w_{11}}",
      truth: "holds",
      target: "dW",
      why: "the chain rule in shorthand: ∂L/∂O contracted with ∂O/∂w_{11} over O's four entries, as the next line writes it out",
      claimed: at(1, 1, (v) => trueDW(v, 1, 1), trueDW),
    },
    {
      line: 134,
      snippet:
        "&= \\sum^{(2,2)}_{i,j=(1,1)}{\\frac{\\partial L}{\\partial o_{ij}} \\frac{\\partial o_{ij}}{\\partial w_{11}}}",
      truth: "holds",
      target: "dW",
      why: "the chain rule over the outputs, the index pairs (1,1) … (2,2): w_{11} is shared by all four",
      claimed: at(1, 1, (v) => overO(v, (i, j) => locW(v, i, j, 1, 1)), trueDW),
    },
    {
      line: 135,
      snippet: "&= \\frac{\\partial L}{\\partial o_{11}} \\frac{\\partial o_{11}}{\\partial w_{11}}",
      truth: "holds",
      target: "dW",
      why: "the same sum expanded over the four outputs (four rows)",
      claimed: at(1, 1, (v) => overO(v, (i, j) => locW(v, i, j, 1, 1)), trueDW),
    },
    {
      line: 139,
      snippet: "&= \\frac{\\partial L}{\\partial o_{11}} \\cdot x_{11}",
      truth: "holds",
      target: "dW",
      why: "w_{11} multiplies the top-left entry of each stride-2 window: x_{11}, x_{13}, x_{31}, x_{33} in o_{11}, o_{12}, o_{21}, o_{22}",
      claimed: at(
        1,
        1,
        ox([
          [
            [1, 1],
            [1, 1],
          ],
          [
            [1, 2],
            [1, 3],
          ],
          [
            [2, 1],
            [3, 1],
          ],
          [
            [2, 2],
            [3, 3],
          ],
        ]),
        trueDW,
      ),
    },
    {
      line: 168,
      snippet: "\\frac{\\partial L}{\\partial b} &= \\frac{\\partial L}{\\partial O} \\frac{\\partial O}{\\partial b}",
      truth: "holds",
      target: "db",
      why: "the chain rule in shorthand: ∂L/∂O contracted with ∂O/∂b over O's four entries",
      claimed: (v) => db(v),
    },
    {
      line: 169,
      snippet:
        "&= \\sum^{(2,2)}_{i,j=(1,1)}{ \\frac{\\partial L}{\\partial o_{ij}} \\frac{\\partial o_{ij}}{\\partial b} }",
      truth: "holds",
      target: "db",
      why: "the chain rule over the four outputs, each with ∂o_{ij}/∂b = 1",
      claimed: (v) => db(v),
    },
    {
      line: 170,
      snippet: "&= \\frac{\\partial L}{\\partial o_{11}} \\frac{\\partial o_{11}}{\\partial b}",
      truth: "holds",
      target: "db",
      why: "the same sum expanded over the four outputs",
      claimed: (v) => db(v),
    },
    {
      line: 175,
      snippet: "&= \\frac{\\partial L}{\\partial o_{11}} \\cdot 1",
      truth: "holds",
      target: "db",
      why: "b is added to every output with coefficient 1",
      claimed: (v) => overO(v, () => Q1),
    },
    {
      line: 180,
      snippet: "&= \\sum^{(2,2)}_{i,j=(1,1)}{ \\frac{\\partial L}{\\partial o_{ij}} }",
      truth: "holds",
      target: "db",
      why: "the bias gradient is the sum of the output gradient over i, j = 1, 2",
      claimed: (v) => sum(1, O, (i) => sum(1, O, (j) => v.dy(i, j))),
    },
  ],
};
export default src;
