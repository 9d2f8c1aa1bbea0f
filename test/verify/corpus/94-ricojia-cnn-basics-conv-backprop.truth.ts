/**
 * Rico (Ruotong) Jia (GitHub: RicoJia), "Deep Learning - CNN Basics": a post dated 31 January 2022 on his Jekyll blog
 * ricojia.github.io (the Markdown file _posts/2022/2022-01-31-deep-learning-CNN-Basics.markdown of the repository
 * RicoJia/ricojia.github.io, read at commit 267c838a720148937ebe29acca482eb94d06bb02), its back-propagation section
 * written in September 2024 "inspired by the Youtube channel far1din": filters, cross-correlation vs convolution, padding
 * with the output-size formula o = (n + 2p − f)/s + 1 for a stride s and a padding p, pooling, and the back-propagation
 * through a convolution written out entry by entry — three outputs y_{11}, y_{12}, y_{21} of an input X under a kernel K,
 * ∂J/∂x_{11}, ∂J/∂x_{12}, ∂J/∂k_{11}, ∂J/∂k_{12}, and the input gradient again as J/x_{11} … J/x_{13}.
 * Layer: the smallest one the written entries describe — a cross-correlation (y_{11} = x_{11}k_{11} + x_{12}k_{12} +
 * x_{13}k_{13} + …, the kernel unflipped: "we apply 'cross-correlation' but we often call it 'convolution'"), a kernel
 * with three columns (k_{13}), taken 3×3, and a 2×2 output (∂J/∂k_{11} sums exactly y_{11}, y_{12}, y_{21}, y_{22}), so
 * a 4×4 input (x_{14} in y_{12}); stride 1 ("self.stride = 1" in the post's own Conv2d), no padding, one channel, no
 * bias in the written entries (the bias gradient is only described in words), 1-based. ∂J/∂y_{ij} is v.dy(i, j).
 * The output-size formula with n = 4, p = 0, f = 3, s = 1 gives this layer's o = 2.
 * Reading: the "+ ..." that ends each output row (lines 162–166) stands for the rest of the 3×3 window's products (the
 * kernel's second and third rows), read as that sum: the rows hold. Lines 195–197 drop the ∂'s — "J/x_{11} =
 * J/y_{11} k_{11}" repeats line 174 (the prose above writes $\frac{J}{X}$ for the input gradient too) — and are read as
 * the partial derivatives they abbreviate (as literal quotients they would claim y_{11} = k_{11}x_{11}).
 * The mistake: line 197, ∂J/∂x_{13} = ∂J/∂y_{11} k_{13} + ∂J/∂y_{12} k_{12} + ∂J/∂y_{12} k_{11}: x_{13} lies in y_{11}'s
 * window (under k_{13}) and in y_{12}'s (under k_{12}) and in no other of the 2×2 output; the third term repeats y_{12}
 * (with an output three wide it would have been y_{13}, under k_{11}) — fails. The "..." on line 198 says the list
 * goes on. The prose's bias gradient, "the sum across all channels … $\sum_c \frac{\partial J}{\partial y_c}$", sums
 * over channels where the bias of one output channel gathers that channel's positions; it is an inline expression with
 * no "=", not judged (noted here).
 * Other: the kernel flip shown with an arrow (line 27, "[1 2; 3 4] \\ => [4 3; 2 1]"), an illustration of
 * signal processing's reversal, not a claim about the layer.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { at, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 4,
  K = 3,
  O = N - K + 1; // 4×4 input, 3×3 kernel, 2×2 output

/** y_{ij} = Σ_{a,b} x_{i+a−1, j+b−1} k_{ab}. */
const fwd = (v: Access, i: number, j: number): Q =>
  sum(1, K, (a) => sum(1, K, (b) => qmul(v.x(i + a - 1, j + b - 1), v.w(a, b))));
/** ∂J/∂x_{rs} = Σ_{i,j} ∂J/∂y_{ij} k_{r−i+1, s−j+1} (k zero outside 1..3). */
const trueDX = (v: Access, r: number, s: number): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.w(r - i + 1, s - j + 1))));
/** ∂J/∂k_{ab} = Σ_{i,j} ∂J/∂y_{ij} x_{i+a−1, j+b−1}. */
const trueDW = (v: Access, a: number, b: number): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i + a - 1, j + b - 1))));

type P = [[number, number], [number, number]];
/** Σ ∂J/∂y_{..} · k_{..}, the terms as written. */
const dyK =
  (terms: P[]) =>
  (v: Access): Q =>
    terms.reduce((s, [y, k]) => qadd(s, qmul(v.dy(...y), v.w(...k))), Q0);
/** Σ ∂J/∂y_{..} · x_{..}, the terms as written. */
const dyX =
  (terms: P[]) =>
  (v: Access): Q =>
    terms.reduce((s, [y, x]) => qadd(s, qmul(v.dy(...y), v.x(...x))), Q0);
/** The written products x_{..}k_{..} of an output row plus its "...", the rest of the window. */
const row =
  (i: number, j: number) =>
  (v: Access): Q => {
    const written: P[] = [1, 2, 3].map((b) => [
      [i, j + b - 1],
      [1, b],
    ]);
    const shown = written.reduce((s, [x, k]) => qadd(s, qmul(v.x(...x), v.w(...k))), Q0);
    const rest = sum(2, K, (a) => sum(1, K, (b) => qmul(v.x(i + a - 1, j + b - 1), v.w(a, b))));
    return qadd(shown, rest);
  };

const output = (line: number, snippet: string, i: number, j: number): TruthEquation => ({
  line,
  snippet,
  truth: "holds",
  target: "Y",
  why: `the window of y_{${i}${j}} (rows ${i}–${i + 2}, columns ${j}–${j + 2}), each entry times the kernel entry at its place: the first kernel row written out, "..." the other two`,
  claimed: at(i, j, row(i, j), fwd),
});

const src: CorpusSource = {
  file: "94-ricojia-cnn-basics-conv-backprop.md",
  citation:
    'Rico (Ruotong) Jia (GitHub: RicoJia), "Deep Learning - CNN Basics" (subtitle "Filters, Padding, Convolution and Its Back Propagation, Receptive Field"), a post dated 31 January 2022 on his Jekyll blog ricojia.github.io, its back-propagation section written in September 2024; repository RicoJia/ricojia.github.io, file _posts/2022/2022-01-31-deep-learning-CNN-Basics.markdown, read at commit 267c838a720148937ebe29acca482eb94d06bb02: post lines 12–209 (filters, cross-correlation vs convolution, padding with the output-size formula for stride s and padding p, pooling, the convolutional layer, and the back-propagation written out entry by entry: y_{11}, y_{12}, y_{21}, ∂J/∂x_{11}, ∂J/∂x_{12}, ∂J/∂k_{11}, ∂J/∂k_{12}, J/x_{11} … J/x_{13})',
  url: "https://github.com/RicoJia/ricojia.github.io/blob/267c838a720148937ebe29acca482eb94d06bb02/_posts/2022/2022-01-31-deep-learning-CNN-Basics.markdown",
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
    {
      line: 27,
      snippet: "\\begin{bmatrix}",
      truth: "other",
      why: "a 2×2 matrix and its 180° flip joined by an arrow (\\\\ =>): signal processing's kernel reversal shown, not a claim about the layer",
    },
    {
      line: 54,
      snippet: "o = \\frac{n + 2*p - f}{s} + 1",
      truth: "holds",
      target: "size",
      why: "the output size for input n, kernel f, stride s and padding p on each side; for this layer n = 4, p = 0, f = 3, s = 1: o = 2, the 2×2 output",
    },
    output(162, "y_{11} = x_{11}k_{11} + x_{12}k_{12} + x_{13}k_{13} + ...", 1, 1),
    output(164, "y_{12} = x_{12}k_{11} + x_{13}k_{12} + x_{14}k_{13} + ...", 1, 2),
    output(166, "y_{21} = x_{21}k_{11} + x_{22}k_{12} + x_{23}k_{13} + ...", 2, 1),
    {
      line: 174,
      snippet: "\\frac{\\partial J}{\\partial x_{11}} = \\frac{\\partial J}{\\partial y_{11}}k_{11}",
      truth: "holds",
      target: "dX",
      why: "x_{11} is only in y_{11}'s window, under k_{11}",
      claimed: at(
        1,
        1,
        dyK([
          [
            [1, 1],
            [1, 1],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 176,
      snippet:
        "\\frac{\\partial J}{\\partial x_{12}} = \\frac{\\partial J}{\\partial y_{11}}k_{12} + \\frac{\\partial J}{\\partial y_{12}}k_{11}",
      truth: "holds",
      target: "dX",
      why: "x_{12} is in y_{11}'s window under k_{12} and in y_{12}'s under k_{11}; y_{21}, y_{22} start on row 2",
      claimed: at(
        1,
        2,
        dyK([
          [
            [1, 1],
            [1, 2],
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
      line: 184,
      snippet:
        "\\frac{\\partial J}{\\partial k_{11}} = \\frac{\\partial J}{\\partial y_{11}}x_{11} + \\frac{\\partial J}{\\partial y_{12}}x_{12}",
      truth: "holds",
      target: "dW",
      why: "k_{11} multiplies the top-left entry of each window: x_{11}, x_{12}, x_{21}, x_{22} in y_{11}, y_{12}, y_{21}, y_{22}",
      claimed: at(
        1,
        1,
        dyX([
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
      line: 186,
      snippet:
        "\\frac{\\partial J}{\\partial k_{12}} = \\frac{\\partial J}{\\partial y_{11}}x_{12} + \\frac{\\partial J}{\\partial y_{12}}x_{13}",
      truth: "holds",
      target: "dW",
      why: "k_{12} multiplies the entry one column right of each window's corner: x_{12}, x_{13}, x_{22}, x_{23}",
      claimed: at(
        1,
        2,
        dyX([
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
      line: 195,
      snippet: "\\frac{J}{x_{11}} = \\frac{J}{y_{11}}k_{11}",
      truth: "holds",
      target: "dX",
      why: "line 174 again with the ∂'s dropped (read as the partial derivatives): x_{11} only in y_{11}, under k_{11}",
      claimed: at(
        1,
        1,
        dyK([
          [
            [1, 1],
            [1, 1],
          ],
        ]),
        trueDX,
      ),
    },
    {
      line: 196,
      snippet: "\\frac{J}{x_{12}} = \\frac{J}{y_{11}}k_{12} + \\frac{J}{y_{12}}k_{11}",
      truth: "holds",
      target: "dX",
      why: "line 176 again with the ∂'s dropped: y_{11} under k_{12}, y_{12} under k_{11}",
      claimed: at(
        1,
        2,
        dyK([
          [
            [1, 1],
            [1, 2],
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
      line: 197,
      snippet: "\\frac{J}{x_{13}} = \\frac{J}{y_{11}}k_{13} + \\frac{J}{y_{12}}k_{12} + \\frac{J}{y_{12}}k_{11}",
      truth: "fails",
      target: "dX",
      why: "x_{13} is in y_{11}'s window under k_{13} and in y_{12}'s under k_{12}, nowhere else in the 2×2 output; the third term repeats y_{12} under k_{11} (a y_{13} that a three-wide output would have), adding ∂J/∂y_{12}·k_{11}",
      claimed: at(
        1,
        3,
        dyK([
          [
            [1, 1],
            [1, 3],
          ],
          [
            [1, 2],
            [1, 2],
          ],
          [
            [1, 2],
            [1, 1],
          ],
        ]),
        trueDX,
      ),
    },
  ],
};
export default src;
