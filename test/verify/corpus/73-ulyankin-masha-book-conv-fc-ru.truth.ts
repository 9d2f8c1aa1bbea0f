/**
 * Filipp Ulyankin (Филипп Ульянкин, HSE), «5. Свёрточный и полносвязный»: problem 5 of «Листочек 5: свёрточные сети»
 * in his Russian-language problem book «Deep learning Masha's book» (a Jupyter Book; the Markdown file
 * problem_set_05_conv/problem_05.md of the repository FUlyankin/deep_learning_masha_book) — a convolution layer
 * written out entry by entry as a fully connected layer with tied and missing weights, then as a matrix product
 * H = X · W, then one back-propagation step through it: the kernel gradient entry by entry.
 * Layer: the problem's own — "чёрно-белое изображение размера 4 × 4", a 3×3 kernel w_{11} … w_{33} (its pictures,
 * and the written-out outputs), one channel, stride 1, no padding, so four outputs a, b, c, d (a 2×2 map: a = y_{11},
 * b = y_{12}, c = y_{21}, d = y_{22}, as the windows of lines 33–51 show); 1-based (x_{11} … x_{44}); a
 * cross-correlation (b = w_{11} x_{12} + …). No bias: "В свёртке мы используем 9 параметров"; the free term w_0 is
 * an addition the solution then allows ("к свёртке можно добавить свободный член. Тогда параметров станет 10"), so
 * line 63's a = w_0 + … is that other layer's (other). ∂L/∂a … ∂L/∂d are v.dy(1, 1), v.dy(1, 2), v.dy(2, 1), v.dy(2, 2).
 * Every display of the solutions sits inside a MyST `{dropdown}` directive — a ```{dropdown} Решение … ``` fence, whose
 * body Jupyter Book renders as Markdown (it is the book's way of hiding answers) — and verify reads such a fence as
 * code: held out, it found none of them (0 of the 14 below). The only formula it found is the question's inline
 * $H = X \cdot W.$ (line 69), which it skips (H not a tensor it knows); it is the question's form, W there the unrolled
 * 16 × 4 matrix, not the kernel (other). The equations inside the dropdowns are established in `unseen` below (each
 * `claimed` checked against the oracle by truth.test.ts); verify now reads a MyST directive's Markdown body, and they
 * are in the table with the solution's other formulas (16 · 4 = 64, the layer written H = X · W again).
 * Their truths: the four outputs a, b, c, d (lines 33, 39, 45, 51) hold; the kernel gradients ∂L/∂w_{11} (line 130),
 * ∂L/∂w_{12} (136) and ∂L/∂w_{21} (140) hold — the output gradient slid over the input. The source's mistakes:
 * the fourth gradient (line 144) is written ∂L/∂w_{12} a second time, with the terms x_{22}, x_{23}, x_{32}, x_{33}
 * of ∂L/∂w_{22}: as written it fails (it contradicts line 136 for the same weight); and the unrolled matrix (line 99)
 * is labelled W^T while H = X · W (line 69) with X the 1 × 16 row of line 87 needs the printed 16 × 4 matrix to be W
 * itself (its entries are right: column k holds the weights of output k; with W 4 × 16, X · W is not defined) — a
 * size mistake, not an entry claim the oracle's tensors can express (other, in the header only).
 * Other: X as a row of pixels (line 87, a definition), a = w_0 + … (63, the layer with a free term).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { at, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 4,
  K = 3,
  O = N - K + 1; // 4×4 picture, 3×3 kernel, 2×2 output (a b / c d)

/** y_{pq} = Σ_{u,v} w_{uv} x_{p+u−1, q+v−1}: the cross-correlation the written-out a, b, c, d are. */
const fwd = (v: Access, p: number, q: number): Q =>
  sum(1, K, (u) => sum(1, K, (s) => qmul(v.w(u, s), v.x(p + u - 1, q + s - 1))));
/** ∂L/∂w_{uv} = Σ_{pq} ∂L/∂y_{pq} x_{p+u−1, q+v−1}, read off the forward pass. */
const trueDW = (v: Access, u: number, s: number): Q =>
  sum(1, O, (p) => sum(1, O, (q) => qmul(v.dy(p, q), v.x(p + u - 1, q + s - 1))));

/** w_{11} x_{..} + w_{12} x_{..} + … + w_{33} x_{..} as written: the kernel in reading order, the x indices given. */
const wx =
  (xs: [number, number][]) =>
  (v: Access): Q =>
    sum(0, 8, (t) => qmul(v.w(Math.floor(t / 3) + 1, (t % 3) + 1), v.x(...xs[t]!)));
/** ∂L/∂a · x_{..} + ∂L/∂b · x_{..} + ∂L/∂c · x_{..} + ∂L/∂d · x_{..} as written (a, b, c, d = y_{11}, y_{12}, y_{21}, y_{22}). */
const dx =
  (xs: [number, number][]) =>
  (v: Access): Q =>
    [v.dy(1, 1), v.dy(1, 2), v.dy(2, 1), v.dy(2, 2)]
      .map((g, t) => qmul(g, v.x(...xs[t]!)))
      .reduce((s, e) => qadd(s, e));

const window = (p: number, q: number): [number, number][] => {
  const out: [number, number][] = [];
  for (let u = 0; u < 3; u++) for (let s = 0; s < 3; s++) out.push([p + u, q + s]);
  return out;
};

/** The equations inside the `{dropdown}` solutions (verify reads them since a MyST directive's body is Markdown). */
export const unseen: TruthEquation[] = [
  {
    line: 33,
    snippet: "a = w_{11} \\cdot x_{11} + w_{12} \\cdot x_{12} + w_{13} \\cdot x_{13}",
    truth: "holds",
    target: "Y",
    why: "the first window, x_{11} … x_{33}, each pixel under the kernel entry of the same offset: y_{11}",
    claimed: at(1, 1, wx(window(1, 1)), fwd),
  },
  {
    line: 39,
    snippet: "b = w_{11} \\cdot x_{12} + w_{12} \\cdot x_{13} + w_{13} \\cdot x_{14}",
    truth: "holds",
    target: "Y",
    why: "the window one column to the right, x_{12} … x_{34}: y_{12}",
    claimed: at(1, 2, wx(window(1, 2)), fwd),
  },
  {
    line: 45,
    snippet: "c = w_{11} \\cdot x_{21} + w_{12} \\cdot x_{22} + w_{13} \\cdot x_{23}",
    truth: "holds",
    target: "Y",
    why: "the window one row down, x_{21} … x_{43}: y_{21}",
    claimed: at(2, 1, wx(window(2, 1)), fwd),
  },
  {
    line: 51,
    snippet: "d = w_{11} \\cdot x_{22} + w_{12} \\cdot x_{23} + w_{13} \\cdot x_{24}",
    truth: "holds",
    target: "Y",
    why: "the last window, x_{22} … x_{44}: y_{22}",
    claimed: at(2, 2, wx(window(2, 2)), fwd),
  },
  {
    line: 63,
    snippet: "a = w_0 + w_{11} \\cdot x_{11}",
    truth: "other",
    why: "the output of the layer with a free term w_0 added ('Тогда параметров станет 10'), not this 9-parameter layer's",
  },
  {
    line: 87,
    snippet: "X = (x_{11}, x_{12}, x_{13}, x_{14},",
    truth: "definition",
    why: "the picture stretched into a row of 16 pixels",
  },
  {
    line: 99,
    snippet: "W^T = \\begin{pmatrix}",
    truth: "other",
    why: "the unrolled 16 × 4 matrix: its entries are right (column k, the weights of output k), but X · W with X a 1 × 16 row needs it to be W, not W^T — a size mistake the oracle's tensors cannot express",
  },
  {
    line: 130,
    snippet: "\\frac{\\partial L}{\\partial w_{11}} = \\frac{\\partial L}{\\partial a} \\cdot x_{11}",
    truth: "holds",
    target: "dW",
    why: "w_{11} multiplies x_{11}, x_{12}, x_{21}, x_{22} in a, b, c, d: the chain rule over the four outputs",
    claimed: at(
      1,
      1,
      dx([
        [1, 1],
        [1, 2],
        [2, 1],
        [2, 2],
      ]),
      trueDW,
    ),
  },
  {
    line: 136,
    snippet: "\\frac{\\partial L}{\\partial w_{12}} = \\frac{\\partial L}{\\partial a} \\cdot x_{12}",
    truth: "holds",
    target: "dW",
    why: "w_{12} multiplies x_{12}, x_{13}, x_{22}, x_{23} in a, b, c, d",
    claimed: at(
      1,
      2,
      dx([
        [1, 2],
        [1, 3],
        [2, 2],
        [2, 3],
      ]),
      trueDW,
    ),
  },
  {
    line: 140,
    snippet: "\\frac{\\partial L}{\\partial w_{21}} = \\frac{\\partial L}{\\partial a} \\cdot x_{21}",
    truth: "holds",
    target: "dW",
    why: "w_{21} multiplies x_{21}, x_{22}, x_{31}, x_{32} in a, b, c, d",
    claimed: at(
      2,
      1,
      dx([
        [2, 1],
        [2, 2],
        [3, 1],
        [3, 2],
      ]),
      trueDW,
    ),
  },
  {
    line: 144,
    snippet: "\\frac{\\partial L}{\\partial w_{12}} = \\frac{\\partial L}{\\partial a} \\cdot x_{22}",
    truth: "fails",
    target: "dW",
    why: "written ∂L/∂w_{12} a second time, with the pixels x_{22}, x_{23}, x_{32}, x_{33} that w_{22} multiplies: ∂L/∂w_{12} is line 136's Σ with x_{12}, x_{13}, x_{22}, x_{23} (the terms are ∂L/∂w_{22}'s, the name a typo)",
    claimed: at(
      1,
      2,
      dx([
        [2, 2],
        [2, 3],
        [3, 2],
        [3, 3],
      ]),
      trueDW,
    ),
  },
];

const src: CorpusSource = {
  file: "73-ulyankin-masha-book-conv-fc-ru.md",
  citation:
    "Filipp Ulyankin (Филипп Ульянкин, GitHub: FUlyankin; HSE), «5. Свёрточный и полносвязный», problem 5 of «Листочек 5: свёрточные сети» in his Russian-language problem book «Deep learning Masha's book» (Jupyter Book, fulyankin.github.io/deep_learning_masha_book), repository FUlyankin/deep_learning_masha_book, file problem_set_05_conv/problem_05.md (last changed 28 October 2022, commit c8b3973310a1228300a9f8b863beebe248344f83), read at commit 9892438c4fcc67a865b215d576fe5c15b6b82c04 (30 June 2024): the whole problem (a 4×4 picture under a 3×3 kernel written out as a, b, c, d, the unrolled matrix of H = X · W, the kernel gradients ∂L/∂w entry by entry)",
  url: "https://github.com/FUlyankin/deep_learning_masha_book/blob/9892438c4fcc67a865b215d576fe5c15b6b82c04/problem_set_05_conv/problem_05.md",
  flags: ["--input", "4x4", "--kernel", "3x3", "--op", "xcorr", "--index-base", "1"],
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
    ...unseen,
    {
      line: 24,
      snippet: "16 \\cdot 4 = 64",
      truth: "other",
      why: "counts the weights of a fully connected layer from the 16 pixels to the 4 outputs, not this layer's",
    },
    {
      line: 73,
      snippet: "H = X \\cdot W",
      truth: "other",
      why: "the solution's restatement of line 69's matrix form: W the unrolled 16 × 4 matrix, not the kernel",
    },
    {
      line: 69,
      snippet: "H = X \\cdot W",
      truth: "other",
      why: "the question's form of the layer as a matrix product, W there the unrolled 16 × 4 matrix of line 99 (not the kernel w) and H the outputs: notation, with no entries to check",
    },
  ],
};
export default src;
