/**
 * Hongrui Tang and Jennie Wu, "CS5782 Notes: Convolutional Neural Networks (CNNs)": student lecture notes for
 * Cornell's deep-learning course CS 5782 (spring 2025), the Markdown file CS5782_CNN_Notes.md of the repository
 * HongruiTang/CNN-notes, read at its newest commit (19 May 2025) — the section "Backpropagation in CNNs", subsection
 * "Convolutional Layer Backprop": the forward pass in index notation, the local derivatives ∂O_{i,j}/∂F_{p,q} and
 * ∂O_{i,j}/∂X_{p,q}, the chain rules for ∂L/∂F and ∂L/∂X, then a worked example written out entry by entry — the four
 * ∂L/∂F_{pq} and the nine ∂L/∂X_{pq} of a 3 × 3 input and a 2 × 2 filter.
 * Layer: the example's own — "an input of size 3×3, filter of size 2×2, and with stride = 1 and padding = 0" — one
 * channel, a cross-correlation (O_{i,j} = Σ F_{m,n} X_{i+m,j+n}, no flip: "the dot product of the filter and the
 * input"), no bias (the notes' convolution has none). X is the input (v.x), F the filter (v.w), O the output (v.y),
 * ∂L/∂O_{i,j} the given output gradient (v.dy).
 * Indices: mixed, as written. The example is 1-based ("for every p, q ∈ {1,2,3}", F_{11} meets X_{11} in O_{11}), so
 * the layer is read 1-based. The general formulas count the filter offsets from 0 — the sums run m, n = 0 … k − 1 —
 * so there F_{m,n} (and F_{p,q} in lines 21, 27, 59, read as offsets like m, n) is v.w(m + 1, n + 1), and
 * X_{i+m, j+n} with 1-based i, j and 0-based m, n is the valid window (read with everything 0-based instead, each of
 * those statements is the same). In line 42, p, q are input positions and i, j output positions, m = p − i and
 * n = q − j the 0-based offset; F_{m,n} is 0 for an offset outside 0 … 1 (X_{p,q} is not in that window — "appears in
 * the output only if (p, q) = (i + m, j + n)").
 * The notes' mistake: the input gradient's closed form (line 46), Σ_{(i,j): X_{p,q} ∈ patch_{i,j}} ∂O_{i,j}/∂F_{p,q} ·
 * F_{p−i,q−j}, writes the local derivative ∂O_{i,j}/∂F_{p,q} (= X_{i+p,j+q}, line 21) where the chain rule two lines up
 * (38) has the output gradient ∂L/∂O_{i,j}: as written it has no ∂L/∂O at all. A slip in words, not an equation verify
 * can find: the example says "we can replace ∂O_{i,j}/∂F_{1,1} with X_{i+p,j+q}" — the 0-based rule of line 21 applied
 * to the example's 1-based F_{11} (p = q = 1 would give X_{i+1,j+1}; the right entry is X_{i,j}, as the written-out
 * ∂L/∂F_{11} of line 65 has it). Everything else holds: the forward pass (13), the local derivatives (21, 42, each
 * checked through its chain rule, as 31's), the chain rules (27, 38, 59, 62), the four ∂L/∂F_{pq} (65–77), their
 * summary ∂L/∂F = f(X, ∂L/∂O) with f "the convolutional function" (83: the valid cross-correlation of X with the
 * 2 × 2 ∂L/∂O), and the nine ∂L/∂X_{pq} (88–97).
 * Definitions: the name f(X, F) = O of the convolution (11), the condition (p, q) = (i + m, j + n) (40) and the offsets
 * m = p − i, n = q − j (42). Other: the whole-tensor chain rules dL/dF = dL/dO · dO/dF and dL/dX = dL/dO · dO/dX
 * (17, 33), a product of a 2 × 2 matrix with a four-index Jacobian the notes leave undefined and then write out entry
 * by entry (27, 38) — not checkable as written.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qmul, type Q } from "../../core/oracle.js";
import { at, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 3,
  K = 2,
  O = 2; // 3×3 input, 2×2 filter, 2×2 output, all 1-based

/** ∂L/∂F_{ab} = Σ_{i,j} ∂L/∂O_{ij} X_{i+a−1, j+b−1}. */
const trueDW = (v: Access, a: number, b: number): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i + a - 1, j + b - 1))));
/** ∂L/∂X_{pq} = Σ_{i,j} ∂L/∂O_{ij} F_{p−i+1, q−j+1} (F zero outside 1 … 2). */
const trueDX = (v: Access, p: number, q: number): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.w(p - i + 1, q - j + 1))));

/** Line 13 as written: Σ_{m,n=0}^{k−1} F_{m,n} X_{i+m, j+n}, the offsets m, n 0-based (F_{m,n} is v.w(m+1, n+1)). */
const fwd13 = (v: Access, [i, j]: number[]): Q =>
  sum(0, K - 1, (m) => sum(0, K - 1, (n) => qmul(v.w(m + 1, n + 1), v.x(i! + m, j! + n))));
/** Σ_{i,j} ∂L/∂O_{ij} X_{i+p, j+q} at the filter entry (a, b) = offset (p, q) = (a − 1, b − 1): lines 21, 27, 59. */
const dW0 = (v: Access, [a, b]: number[]): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i + a! - 1, j + b! - 1))));
/** Σ_{i,j} ∂L/∂O_{ij} F_{m,n}, m = p − i, n = q − j 0-based (v.w(m+1, n+1), 0 outside): lines 38, 42. */
const dX0 = (v: Access, [p, q]: number[]): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.w(p! - i + 1, q! - j + 1))));
/**
 * Line 46 as written: Σ over the windows (i, j) holding X_{p,q} (0 ≤ p − i, q − j ≤ 1) of ∂O_{i,j}/∂F_{p,q} · F_{p−i,q−j},
 * ∂O_{i,j}/∂F_{p,q} = X_{i+p, j+q} (line 21; v.x reads 0 off the 3×3) and F_{p−i,q−j} 0-based.
 */
const dX46 = (v: Access, [p, q]: number[]): Q =>
  sum(1, O, (i) =>
    sum(1, O, (j) =>
      p! - i >= 0 && p! - i <= K - 1 && q! - j >= 0 && q! - j <= K - 1
        ? qmul(v.x(i + p!, j + q!), v.w(p! - i + 1, q! - j + 1))
        : Q0,
    ),
  );

/** A sum of products ∂L/∂O_{..} · (X or F)_{..}, the pairs as written. */
type P = [[number, number], [number, number]];
const dyX =
  (terms: P[]) =>
  (v: Access): Q =>
    sum(0, terms.length - 1, (t) => qmul(v.dy(...terms[t]![0]), v.x(...terms[t]![1])));
const dyF =
  (terms: P[]) =>
  (v: Access): Q =>
    sum(0, terms.length - 1, (t) => qmul(v.dy(...terms[t]![0]), v.w(...terms[t]![1])));

const outs: [number, number][] = [
  [1, 1],
  [1, 2],
  [2, 1],
  [2, 2],
];
/** ∂L/∂F_{ab} written out (lines 65–77): Σ over the four outputs of ∂L/∂O_{ij} X_{i+a−1, j+b−1}. */
const dF = (line: number, a: number, b: number): TruthEquation => ({
  line,
  snippet: `\\frac{\\partial L}{\\partial F_{${a}${b}}} &= \\frac{\\partial L}{\\partial O_{11}} \\cdot X_{${a}${b}}`,
  truth: "holds",
  target: "dW",
  why: `F_{${a}${b}} multiplies X_{${a}${b}}, X_{${a}${b + 1}}, X_{${a + 1}${b}}, X_{${a + 1}${b + 1}} in O_{11}, O_{12}, O_{21}, O_{22}: the written four terms`,
  claimed: at(
    a,
    b,
    dyX(
      outs.map(
        ([i, j]) =>
          [
            [i, j],
            [i + a - 1, j + b - 1],
          ] as P,
      ),
    ),
    trueDW,
  ),
});
/** ∂L/∂X_{pq} written out (lines 88–97), the terms as written. */
const dX = (line: number, p: number, q: number, terms: P[], what: string): TruthEquation => ({
  line,
  snippet: `\\frac{\\partial L}{\\partial X_{${p}${q}}} &= `,
  truth: "holds",
  target: "dX",
  why: `X_{${p}${q}} ${what}`,
  claimed: at(p, q, dyF(terms), trueDX),
});

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});

const src: CorpusSource = {
  file: "75-tang-wu-cs5782-cnn-notes.md",
  citation:
    'Hongrui Tang (GitHub: HongruiTang) and Jennie Wu, "CS5782 Notes: Convolutional Neural Networks (CNNs)", student lecture notes for Cornell University\'s course CS 5782 (spring 2025), repository HongruiTang/CNN-notes, file CS5782_CNN_Notes.md (first committed 5 May 2025; backpropagation example added 5–6 May 2025), read at commit 3cd0b5e99885154ad1bc4eada67330ddd5a2f4c1 (19 May 2025): section "Backpropagation in CNNs", subsection "Convolutional Layer Backprop" (forward pass in index notation, local derivatives, chain rules for ∂L/∂F and ∂L/∂X, and a 3×3-input, 2×2-filter example written out entry by entry)',
  url: "https://github.com/HongruiTang/CNN-notes/blob/3cd0b5e99885154ad1bc4eada67330ddd5a2f4c1/CS5782_CNN_Notes.md",
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
    def(
      11,
      "f(X, F) = O",
      "names the convolution function f of the input X and filter F (the notes' notation, used again in line 83)",
    ),
    {
      line: 13,
      snippet: "O_{i,j} = \\sum_{m=0}^{k-1} \\sum_{n=0}^{k-1} F_{m,n} \\cdot X_{i+m,\\,j+n}",
      truth: "holds",
      target: "Y",
      why: "the valid, stride-1 cross-correlation with the filter offsets m, n counted from 0 as the sums state (F_{m,n} the filter entry at offset (m, n)); no bias, the notes' layer has none",
      claimed: fwd13,
    },
    other(
      17,
      "\\frac{dL}{dF} = \\frac{dL}{dO} \\cdot \\frac{dO}{dF}",
      "a whole-tensor chain rule with an undefined product (a 2×2 gradient times a four-index Jacobian); the notes write it out by entries in line 27",
    ),
    {
      line: 21,
      snippet: "\\frac{\\partial O_{i, j}}{\\partial F_{p, q}} = X_{i + p, j + q}",
      truth: "holds",
      target: "dW",
      why: "F_{p,q} (offset p, q from 0, as m, n in line 13) multiplies X_{i+p,j+q} in O_{i,j} and nowhere else in it; checked through line 27's chain rule: Σ_{i,j} ∂L/∂O_{i,j} times this derivative is the filter gradient",
      claimed: dW0,
    },
    {
      line: 27,
      snippet:
        "\\frac{\\partial L}{\\partial F_{p,q}} = \\sum_{i,j} \\frac{\\partial L}{\\partial O_{i,j}} \\cdot \\frac{\\partial O_{i,j}}{\\partial F_{p,q}}",
      truth: "holds",
      target: "dW",
      why: "the chain rule over every output F_{p,q} enters, and its closed form Σ_{i,j} ∂L/∂O_{i,j} X_{i+p,j+q} (offsets from 0): the output gradient cross-correlated with the input",
      claimed: dW0,
    },
    other(
      33,
      "\\frac{dL}{dX} = \\frac{dL}{dO} \\cdot \\frac{dO}{dX}",
      "a whole-tensor chain rule with an undefined product; written out by entries in line 38",
    ),
    {
      line: 38,
      snippet:
        "\\frac{\\partial L}{\\partial X_{p,q}} = \\sum_{i,j} \\frac{\\partial L}{\\partial O_{i,j}} \\cdot \\frac{\\partial O_{i,j}}{\\partial X_{p,q}}",
      truth: "holds",
      target: "dX",
      why: "the chain rule over the outputs: X_{p,q} enters O_{i,j} under F_{p−i,q−j} (line 42) when its window holds it, otherwise ∂O_{i,j}/∂X_{p,q} = 0",
      claimed: dX0,
    },
    def(
      40,
      "(p, q) = (i + m, j+ n)",
      "the condition (the input position is the window origin plus the filter offset) under which X_{p,q} appears in O_{i,j}",
    ),
    {
      line: 42,
      snippet: "\\frac{\\partial O_{i,j}}{\\partial X_{p,q}} = F_{m,n}",
      truth: "holds",
      target: "dX",
      why: "X_{p,q} multiplies F_{m,n}, m = p − i, n = q − j (offsets from 0), in O_{i,j} — 0 when the offset is off the 2×2 filter (X_{p,q} not in that window); checked through line 38's chain rule",
      claimed: dX0,
    },
    def(42, "m = p - i", "names the filter offset of X_{p,q} in window (i, j)"),
    def(42, "n = q - j", "names the column offset (the second half of line 42's where-clause)"),
    {
      line: 46,
      snippet:
        "\\frac{\\partial L}{\\partial X_{p,q}} = \\sum_{(i,j)\\;\\text{s.t.}\\; X_{p,q} \\in \\text{patch}_{i,j}} \\frac{\\partial O_{i,j}}{\\partial F_{p,q}} \\cdot F_{p - i,\\, q - j}",
      truth: "fails",
      target: "dX",
      why: "the factor beside F_{p−i,q−j} must be the output gradient ∂L/∂O_{i,j} (line 38); the written ∂O_{i,j}/∂F_{p,q} is the local derivative X_{i+p,j+q} of line 21, so the sum has no ∂L/∂O in it at all",
      claimed: dX46,
    },
    {
      line: 59,
      snippet:
        "\\frac{\\partial L}{\\partial F_{p,q}} = \\sum_{i,j} \\frac{\\partial L}{\\partial O_{i,j}} \\cdot \\frac{\\partial O_{i,j}}{\\partial F_{p,q}}",
      truth: "holds",
      target: "dW",
      why: "line 27 again, inline (its second line, 60, the closed form Σ ∂L/∂O_{i,j} X_{i+p,j+q} with offsets from 0)",
      claimed: dW0,
    },
    {
      line: 62,
      snippet:
        "\\frac{\\partial L}{\\partial F_{11}} = \\frac{\\partial L}{\\partial O_{11}} \\cdot \\frac{\\partial O_{11}}{\\partial F_{11}}",
      truth: "holds",
      target: "dW",
      why: "the chain rule for the example's F_{11} (1-based) over its four outputs, ∂O_{ij}/∂F_{11} = X_{ij}",
      claimed: at(
        1,
        1,
        dyX(
          outs.map(
            ([i, j]) =>
              [
                [i, j],
                [i, j],
              ] as P,
          ),
        ),
        trueDW,
      ),
    },
    dF(65, 1, 1),
    dF(69, 1, 2),
    dF(73, 2, 1),
    dF(77, 2, 2),
    {
      line: 83,
      snippet: "\\frac{dL}{dF} = f(X, \\frac{dL}{dO})",
      truth: "holds",
      target: "dW",
      why: "f is the notes' convolution (line 11: the valid cross-correlation of its first argument with its second), so f(X, ∂L/∂O)_{ab} = Σ_{i,j} ∂L/∂O_{ij} X_{i+a−1,j+b−1}, the filter gradient (the four rows above)",
      claimed: (v, [a, b]) => trueDW(v, a!, b!),
    },
    dX(
      88,
      1,
      1,
      [
        [
          [1, 1],
          [1, 1],
        ],
      ],
      "is only in O_{11}, under F_{11}",
    ),
    dX(
      89,
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
      "is in O_{11} under F_{12} and in O_{12} under F_{11}",
    ),
    dX(
      90,
      1,
      3,
      [
        [
          [1, 2],
          [1, 2],
        ],
      ],
      "is only in O_{12}, under F_{12}",
    ),
    dX(
      91,
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
      "is in O_{11} under F_{21} and in O_{21} under F_{11}",
    ),
    dX(
      92,
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
      "is in all four windows, under F_{22}, F_{21}, F_{12}, F_{11}: the flipped filter",
    ),
    dX(
      94,
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
      "is in O_{12} under F_{22} and in O_{22} under F_{12}",
    ),
    dX(
      95,
      3,
      1,
      [
        [
          [2, 1],
          [2, 1],
        ],
      ],
      "is only in O_{21}, under F_{21}",
    ),
    dX(
      96,
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
      "is in O_{21} under F_{22} and in O_{22} under F_{21}",
    ),
    dX(
      97,
      3,
      3,
      [
        [
          [2, 2],
          [2, 2],
        ],
      ],
      "is only in O_{22}, under F_{22}",
    ),
  ],
};
export default src;
