/**
 * Mullosharaf (GitHub: CodeHunterOfficial), «5_Сверточные_нейронные_сети» ("Convolutional neural networks"), a
 * Russian-language Jupyter notebook of the course repository ABC_DataMining (last revised 1 April 2025), section
 * «Свёрточный слой как частный случай полносвязного слоя» ("the convolutional layer as a special case of the fully
 * connected layer"), parts 1–5.
 * Layer: the section's own example — a 4×4 input X (x_{11} … x_{44}, 1-based), a 3×3 kernel, stride 1, no padding, one
 * scalar bias b, so the output Y is 2×2 (y_{11} … y_{22}, 1-based); the forward pass is a cross-correlation
 * (y_{ij} = Σ_{m=0}^{2} Σ_{n=0}^{2} w_{mn} x_{i+m,j+n} + b, written out entry by entry). The text indexes the kernel
 * from 0 (w_{00} … w_{22}) and the data from 1, so the source's w_{mn} is the oracle's 1-based W[m+1, n+1]
 * (v.w(m + 1, n + 1) below); L is the loss, ∂L/∂y_{ij} is v.dy(i, j).
 * The gradient examples name the outputs a, b, c, d: the omitted figure (a graph of the layer, and
 * X × (∂L/∂a ∂L/∂b; ∂L/∂c ∂L/∂d) = ∂L/∂W) shows them to be y_{11}, y_{12}, y_{21}, y_{22}, and the text says x_{22}
 * "influences the outputs a, b, c, d" — all four.
 * The section's mistake: that figure labels the kernel 1-based (w_{11} … w_{33}), the text 0-based, and the worked
 * gradients follow the figure. Under the text's own forward pass (y_{11} = w_{00}x_{11} + … + w_{11}x_{22} + …), w_{11}
 * multiplies x_{22}, x_{23}, x_{32}, x_{33} in y_{11}, y_{12}, y_{21}, y_{22}, so the printed
 * ∂L/∂w_{11} = ∂L/∂a·x_{11} + ∂L/∂b·x_{12} + ∂L/∂c·x_{21} + ∂L/∂d·x_{22} is the value of ∂L/∂w_{00}; likewise for w_{12},
 * w_{21}, w_{22} and for ∂L/∂x_{22} (a·w_{22} + b·w_{21} + c·w_{12} + d·w_{11}, where the text's layer gives
 * a·w_{11} + b·w_{10} + c·w_{01} + d·w_{00}). The general formulas of parts 4 and 5 (∂L/∂w_{mn} = Σ ∂L/∂y_{ij} x_{i+m,j+n},
 * ∂L/∂x_{ij} = Σ ∂L/∂y_{i-m,j-n} w_{mn}) agree with the text's 0-based kernel and hold; read with the figure's 1-based
 * kernel they would fail instead — the section cannot be right both ways.
 * \mathbf{W} (bold) is not the kernel: part 4 builds it as the 4×16 matrix of the layer as a fully connected one
 * (a definition), and \mathbf{y} = \mathbf{W}\mathbf{x} + \mathbf{b} with x flattened row by row holds.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { at, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 4, K = 3, O = 2;

/** The source's w_{mn} (0-based kernel indices). */
const w = (v: Access, m: number, n: number): Q => v.w(m + 1, n + 1);
/** y_{ij} = Σ_{m=0}^{2} Σ_{n=0}^{2} w_{mn} x_{i+m,j+n} + b (the text's forward pass). */
const fwd = (v: Access, i: number, j: number): Q => qadd(sum(0, K - 1, (m) => sum(0, K - 1, (n) => qmul(w(v, m, n), v.x(i + m, j + n)))), v.b());
/** The true ∂L/∂w_{mn} = Σ_{i,j} ∂L/∂y_{ij} x_{i+m,j+n}, for the source's 0-based m, n. */
const trueDW = (v: Access, m: number, n: number): Q => sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i + m, j + n))));
/** The true ∂L/∂x_{ij} = Σ_{m,n} ∂L/∂y_{i-m,j-n} w_{mn} (y and w read as 0 outside). */
const trueDX = (v: Access, i: number, j: number): Q => sum(0, K - 1, (m) => sum(0, K - 1, (n) => qmul(v.dy(i - m, j - n), w(v, m, n))));

/** The outputs the examples call a, b, c, d. */
const OUT: Record<string, [number, number]> = { a: [1, 1], b: [1, 2], c: [2, 1], d: [2, 2] };
const dOut = (v: Access, name: string): Q => v.dy(...OUT[name]!);
/** Σ ∂L/∂(out) · x_{ij}, terms [out, i, j]. */
const dOutX = (terms: [string, number, number][]) => (v: Access): Q => sum(0, terms.length - 1, (t) => qmul(dOut(v, terms[t]![0]), v.x(terms[t]![1], terms[t]![2])));
/** Σ ∂L/∂(out) · w_{mn}, terms [out, m, n] (the source's 0-based kernel indices). */
const dOutW = (terms: [string, number, number][]) => (v: Access): Q => sum(0, terms.length - 1, (t) => qmul(dOut(v, terms[t]![0]), w(v, terms[t]![1], terms[t]![2])));

/** A written forward entry y_{pq} = Σ w_{mn} x_{ij} + b, terms [m, n, i, j]. */
const yRow = (line: number, p: number, q: number, terms: [number, number, number, number][]): TruthEquation => ({
  line, snippet: `y_{${p}${q}} = w_{00}x_{`, truth: "holds", target: "Y",
  why: `the window of y_{${p}${q}} starts at x_{${p}${q}}: w_{mn} meets x_{${p}+m,${q}+n}, the nine written products, plus b`,
  claimed: at(p, q, (v) => qadd(sum(0, terms.length - 1, (t) => qmul(w(v, terms[t]![0], terms[t]![1]), v.x(terms[t]![2], terms[t]![3]))), v.b()), fwd),
});
const win = (p: number, q: number): [number, number, number, number][] =>
  [0, 1, 2].flatMap((m) => [0, 1, 2].map((n) => [m, n, p + m, q + n] as [number, number, number, number]));

/** A worked ∂L/∂w_{mn} (source's 0-based m, n; oracle entry (m+1, n+1)) that the figure's 1-based labels shifted. */
const dwRow = (line: number, m: number, n: number, terms: [string, number, number][]): TruthEquation => ({
  line, snippet: `\\frac{\\partial L}{\\partial w_{${m}${n}}} = \\frac{\\partial L}{\\partial a} \\cdot x_{`, truth: "fails", target: "dW",
  why: `with the text's 0-based kernel, w_{${m}${n}} multiplies x_{${1 + m}${1 + n}}, x_{${1 + m}${2 + n}}, x_{${2 + m}${1 + n}}, x_{${2 + m}${2 + n}} in a, b, c, d; the written sum (x_{${m}${n}} …) is ∂L/∂w_{${m - 1}${n - 1}} — the figure's 1-based label`,
  claimed: at(m + 1, n + 1, dOutX(terms), (v, i, j) => trueDW(v, i - 1, j - 1)),
});

const def = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "definition", why });
const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });

/** Row k (0-based) of the source's 4×16 matrix \mathbf{W}, entry f (0-based, x flattened row by row). */
const bigW = (v: Access, k: number, f: number): Q => {
  const p = Math.floor(k / O) + 1, q = (k % O) + 1; // y_{11}, y_{12}, y_{21}, y_{22}
  const i = Math.floor(f / N) + 1, j = (f % N) + 1; // x_{11}, x_{12}, …, x_{44}
  return w(v, i - p, j - q); // 0 where x_{ij} is outside the window of y_{pq} (w read as 0 outside)
};

const src: CorpusSource = {
  file: "27-codehunter-conv-as-fc-ru.md",
  citation:
    "Mullosharaf (GitHub: CodeHunterOfficial), «5_Сверточные_нейронные_сети» (\"Convolutional neural networks\"), Russian-language Jupyter notebook of the course repository CodeHunterOfficial/ABC_DataMining, file DL/5_Сверточные_нейронные_сети.ipynb (last revised 1 April 2025), read at commit fed06d3660e9f49f7cbbf3655ac66ddc437efa99; section «Свёрточный слой как частный случай полносвязного слоя», parts 1–5",
  url: "https://github.com/CodeHunterOfficial/ABC_DataMining/blob/fed06d3660e9f49f7cbbf3655ac66ddc437efa99/DL/5_%D0%A1%D0%B2%D0%B5%D1%80%D1%82%D0%BE%D1%87%D0%BD%D1%8B%D0%B5_%D0%BD%D0%B5%D0%B9%D1%80%D0%BE%D0%BD%D0%BD%D1%8B%D0%B5_%D1%81%D0%B5%D1%82%D0%B8.ipynb",
  flags: ["--input", "4x4", "--kernel", "3x3", "--op", "xcorr", "--index-base", "1", "--bias"],
  layer: { op: "xcorr", input: [N, N], kernel: [K, K], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: true, indexBase: 1 },
  indexBase: 1,
  equations: [
    def(18, "X =", "names the 4×4 input's entries x_{11} … x_{44}"),
    other(30, "4 \\times 4 = 16", "counts the input values"),
    other(45, "16 \\times 4 = 64", "counts the weights of a fully connected layer, not this one"),
    other(48, "64 + 4 = 68 \\text{ параметров}", "counts the fully connected layer's parameters"),
    { line: 76, snippet: "y_{ij} = \\sum_{m=0}^{2} \\sum_{n=0}^{2} w_{mn} \\cdot x_{i+m, j+n} + b", truth: "holds", target: "Y",
      why: "the forward pass of the example: a 3×3 cross-correlation over the 4×4 input, kernel indexed from 0 and data from 1, plus the bias",
      claimed: (v, [i, j]) => fwd(v, i!, j!) },
    yRow(82, 1, 1, win(1, 1)),
    yRow(83, 1, 2, win(1, 2)),
    yRow(84, 2, 1, win(2, 1)),
    yRow(85, 2, 2, win(2, 2)),
    other(88, "3 \\times 3 = 9", "counts the kernel's weights"),
    def(110, "\\mathbf{W}_1 =", "names the first row of the 4×16 matrix of the layer written as a fully connected one (the weights y_{11} puts on the flattened x)"),
    def(118, "\\mathbf{W} =", "builds the 4×16 matrix \\mathbf{W} of the layer written as a fully connected one — a new object, not the 3×3 kernel (the text calls the kernel's entries w_{mn}, never W)"),
    { line: 129, snippet: "\\mathbf{y} = \\mathbf{W} \\mathbf{x} + \\mathbf{b}", truth: "holds", target: "Y",
      why: "with x the input flattened row by row (x_{11} … x_{14}, x_{21} …), \\mathbf{W} the 4×16 matrix above and \\mathbf{b} = (b, b, b, b)^T, row k of W x + b is the forward sum of y_{11}, y_{12}, y_{21}, y_{22}",
      claimed: (v, [i, j]) => {
        const k = (i! - 1) * O + (j! - 1);
        return qadd(sum(0, N * N - 1, (f) => qmul(bigW(v, k, f), v.x(Math.floor(f / N) + 1, (f % N) + 1))), v.b());
      } },
    def(131, "\\mathbf{b} = (b, b, b, b)^T", "names the bias vector: the one bias b for each of the four outputs"),
    dwRow(147, 1, 1, [["a", 1, 1], ["b", 1, 2], ["c", 2, 1], ["d", 2, 2]]),
    dwRow(154, 1, 2, [["a", 1, 2], ["b", 1, 3], ["c", 2, 2], ["d", 2, 3]]),
    dwRow(159, 2, 1, [["a", 2, 1], ["b", 2, 2], ["c", 3, 1], ["d", 3, 2]]),
    dwRow(164, 2, 2, [["a", 2, 2], ["b", 2, 3], ["c", 3, 2], ["d", 3, 3]]),
    { line: 178, snippet: "\\frac{\\partial L}{\\partial x_{ij}} = \\sum_{m,n} \\frac{\\partial L}{\\partial y_{i-m, j-n}} \\cdot w_{mn},", truth: "holds", target: "dX",
      why: "x_{ij} meets w_{mn} in y_{i-m,j-n} (the forward pass's i+m inverted), y read as 0 outside its 2×2 and w outside its 3×3",
      claimed: (v, [i, j]) => sum(-2, 4, (m) => sum(-2, 4, (n) => qmul(v.dy(i! - m, j! - n), w(v, m, n)))) },
    { line: 186, snippet: "\\frac{\\partial L}{\\partial x_{22}} = \\frac{\\partial L}{\\partial a} \\cdot w_{22}", truth: "fails", target: "dX",
      why: "x_{22} lies in all four windows, but with the text's 0-based kernel it meets w_{11} in a = y_{11}, w_{10} in b, w_{01} in c and w_{00} in d; the written a·w_{22} + b·w_{21} + c·w_{12} + d·w_{11} uses the figure's 1-based labels",
      claimed: at(2, 2, dOutW([["a", 2, 2], ["b", 2, 1], ["c", 1, 2], ["d", 1, 1]]), trueDX) },
    { line: 199, snippet: "\\frac{\\partial L}{\\partial w_{mn}} = \\sum_{i,j} \\frac{\\partial L}{\\partial y_{ij}} \\cdot x_{i+m, j+n}", truth: "holds", target: "dW",
      why: "w_{mn} meets x_{i+m,j+n} in every y_{ij} (the forward pass differentiated), with the text's 0-based m, n",
      claimed: (v, [p, q]) => sum(-1, 4, (i) => sum(-1, 4, (j) => qmul(v.dy(i, j), v.x(i + p! - 1, j + q! - 1)))) },
    { line: 204, snippet: "\\frac{\\partial L}{\\partial x_{ij}} = \\sum_{m,n} \\frac{\\partial L}{\\partial y_{i-m, j-n}} \\cdot w_{mn}.", truth: "holds", target: "dX",
      why: "the same input gradient as line 178, restated as part 5's general formula",
      claimed: (v, [i, j]) => sum(-2, 4, (m) => sum(-2, 4, (n) => qmul(v.dy(i! - m, j! - n), w(v, m, n)))) },
  ],
};
export default src;
