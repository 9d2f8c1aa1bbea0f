/**
 * Karimi Zayan (GitHub: waffleSheep), "Building Convolutional Neural Networks from scratch", Part 2: "Convolution
 * and Max Pooling" — a blog post drafted in his GitHub repository waffleSheep/CNNblogpost (blogposts/part2.md, read
 * at the June 2023 commit), section "Convolution (Single Layer)": a 3×3 matrix W and a 2×2 matrix X, their "2D
 * convolution" W * X written out entry by entry, then every local derivative ∂y/∂x (16) and ∂y/∂w (36) one by one,
 * ∂c/∂X as a matrix of chain rules, its expansion and W * ∂c/∂Y, ∂c/∂w_{ij} as nine chain rules, and ∂c/∂W as a
 * matrix and as pad(∂c/∂Y) * flip(X).
 * Layer: the post's own sizes — W 3×3, X 2×2, Y = W * X 2×2 — one channel, no bias, stride 1, no padding, 1-based
 * (w_{11} … w_{33}). The post's * is the sliding-window product, a cross-correlation (its expansion, line 17:
 * y_{11} = w_{11}x_{11} + w_{12}x_{12} + w_{21}x_{21} + w_{22}x_{22}, y_{12} starts at w_{12}), and in it the 3×3 W is
 * the matrix slid over and the 2×2 X the window that slides: y_{ij} = Σ_{a,b} w_{i+a−1, j+b−1} x_{ab}. So the
 * source's W is the layer's INPUT (v.x) and its X is the layer's KERNEL (v.w) — the reverse of the usual letters
 * (the post's recap of part 1 writes z = W a + b, W the weights, but here names the image W). Its ∂c/∂X is therefore
 * the kernel gradient (target dW) and its ∂c/∂W the input gradient (target dX); ∂c/∂y_{ij} is v.dy(i, j), c = f(Y)
 * the loss. Flags: --input 3x3 --kernel 2x2 (W the input, X the kernel), --op xcorr, 1-based, no bias; verify is not
 * told which letter is which (with --roles "X=W, W=X, loss=c" it reads the letters the post's way).
 * Local derivatives (lines 99–129, 191–261): each is checked through the chain rule, as corpus 33's entry formulas —
 * ∂c/∂x_{ab} = Σ_{ij} ∂c/∂y_{ij} ∂y_{ij}/∂x_{ab} with that one factor replaced by what the line writes (every other
 * factor, and every other entry, the true value); the same for ∂c/∂w_{pq}.
 * The post's mistakes: in the list of ∂y/∂x (lines 99–129) the fourth derivative of each row is written with x_{12}
 * where x_{22} is meant — ∂y_{11}/∂x_{12} = w_{22}, ∂y_{12}/∂x_{12} = w_{23}, ∂y_{21}/∂x_{12} = w_{32}, ∂y_{22}/∂x_{12}
 * = w_{33} (lines 105, 113, 121, 129) are false as written (∂y_{11}/∂x_{12} is w_{12}, line 101 of the same row; the
 * values are those of ∂y/∂x_{22}), so 4 of the 16 fail. Everything else holds: the forward pass (56, 58), the 12 other
 * ∂y/∂x and all 36 ∂y/∂w (the zeros included), ∂c/∂X as chain rules, expansion and W * ∂c/∂Y (145: the kernel
 * gradient, W correlated with ∂c/∂Y), the nine ∂c/∂w_{ij} (268–292), ∂c/∂W = pad(∂c/∂Y) * flip(X) (301: the input
 * gradient, the output gradient padded by one, the kernel size less one, correlated with the flipped X).
 * Definitions: the integral convolution (line 9), the 2-D * defined on the two matrices (17), c = f(Y) (133, the loss
 * an arbitrary function of Y) and the matrix ∂c/∂Y of entries ∂c/∂y_{ij} (137).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, qsub, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const K = 2,
  O = 2; // the source's W: 3×3 (the input), X: 2×2 (the kernel), Y: 2×2

/** Source names: w_{pq} is the input v.x(p, q), x_{ab} the kernel v.w(a, b), ∂c/∂y_{ij} is v.dy(i, j). */
const sw = (v: Access, p: number, q: number): Q => v.x(p, q);
const sx = (v: Access, a: number, b: number): Q => v.w(a, b);

/** y_{ij} = Σ_{a,b} w_{i+a−1, j+b−1} x_{ab}: the post's W * X (no bias). */
const fwd = (v: Access, [i, j]: number[]): Q =>
  sum(1, K, (a) => sum(1, K, (b) => qmul(sw(v, i! + a - 1, j! + b - 1), sx(v, a, b))));
/** The written expansion of line 17/58, term by term: y_{ij} as the four products the post lists. */
const written: Record<string, [number, number, number, number][]> = {
  "1,1": [
    [1, 1, 1, 1],
    [1, 2, 1, 2],
    [2, 1, 2, 1],
    [2, 2, 2, 2],
  ],
  "1,2": [
    [1, 2, 1, 1],
    [1, 3, 1, 2],
    [2, 2, 2, 1],
    [2, 3, 2, 2],
  ],
  "2,1": [
    [2, 1, 1, 1],
    [2, 2, 1, 2],
    [3, 1, 2, 1],
    [3, 2, 2, 2],
  ],
  "2,2": [
    [2, 2, 1, 1],
    [2, 3, 1, 2],
    [3, 2, 2, 1],
    [3, 3, 2, 2],
  ],
};
const expansion = (v: Access, [i, j]: number[]): Q =>
  written[`${i},${j}`]!.reduce((s, [p, q, a, b]) => qadd(s, qmul(sw(v, p, q), sx(v, a, b))), Q0);

/** ∂y_{ij}/∂x_{ab} = w_{i+a−1, j+b−1}; ∂y_{ij}/∂w_{pq} = x_{p−i+1, q−j+1} (0 off the 2×2 X). */
const dYdX = (v: Access, i: number, j: number, a: number, b: number): Q => sw(v, i + a - 1, j + b - 1);
const dYdW = (v: Access, i: number, j: number, p: number, q: number): Q => sx(v, p - i + 1, q - j + 1);
/** ∂c/∂x_{ab} = Σ_{ij} ∂c/∂y_{ij} w_{i+a−1, j+b−1}: the kernel gradient (the source's X is the kernel). */
const gradX = (v: Access, a: number, b: number): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), dYdX(v, i, j, a, b))));
/** ∂c/∂w_{pq} = Σ_{ij} ∂c/∂y_{ij} x_{p−i+1, q−j+1}: the input gradient (the source's W is the input). */
const gradW = (v: Access, p: number, q: number): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), dYdW(v, i, j, p, q))));

/** A local derivative ∂y_{IJ}/∂x_{AB} = rhs, checked in the chain rule for ∂c/∂x_{AB} (the factor replaced). */
const localX =
  (I: number, J: number, A: number, B: number, rhs: (v: Access) => Q) =>
  (v: Access, [a, b]: number[]): Q =>
    a === A && b === B
      ? qadd(qsub(gradX(v, a, b), qmul(v.dy(I, J), dYdX(v, I, J, A, B))), qmul(v.dy(I, J), rhs(v)))
      : gradX(v, a!, b!);
const localW =
  (I: number, J: number, P: number, Q_: number, rhs: (v: Access) => Q) =>
  (v: Access, [p, q]: number[]): Q =>
    p === P && q === Q_
      ? qadd(qsub(gradW(v, p, q), qmul(v.dy(I, J), dYdW(v, I, J, P, Q_))), qmul(v.dy(I, J), rhs(v)))
      : gradW(v, p!, q!);

const d = (n: number): [number, number] => [Math.floor(n / 10), n % 10];

/** Lines 99–129: ∂y_{IJ}/∂x_{AB} = w_{PQ}, as written (the fourth of each row has x_{12} for x_{22}). */
const dxList: [number, number, number, number][] = [
  // [line, y, x, w]
  [99, 11, 11, 11],
  [101, 11, 12, 12],
  [103, 11, 21, 21],
  [105, 11, 12, 22],
  [107, 12, 11, 12],
  [109, 12, 12, 13],
  [111, 12, 21, 22],
  [113, 12, 12, 23],
  [115, 21, 11, 21],
  [117, 21, 12, 22],
  [119, 21, 21, 31],
  [121, 21, 12, 32],
  [123, 22, 11, 22],
  [125, 22, 12, 23],
  [127, 22, 21, 32],
  [129, 22, 12, 33],
];
const dxEqs: TruthEquation[] = dxList.map(([line, y, x, w]) => {
  const [I, J] = d(y),
    [A, B] = d(x),
    [P, Q_] = d(w);
  const right = P === I + A - 1 && Q_ === J + B - 1;
  return {
    line,
    snippet: `\\frac{\\partial {y}_{${y}}}{\\partial {x}_{${x}}} = {w}_{${w}}`,
    truth: right ? "holds" : "fails",
    why: right
      ? `x_{${x}} multiplies w_{${w}} in y_{${y}} (y_{ij} = Σ_{ab} w_{i+a−1, j+b−1} x_{ab}): the local derivative, checked through the chain rule for ∂c/∂x_{${x}}`
      : `the fourth derivative of its row, with x_{12} written for x_{22}: as written ∂y_{${y}}/∂x_{12} is w_{${I}${J + 1}}, not w_{${w}} (w_{${w}} is ∂y_{${y}}/∂x_{22}); checked through the chain rule for ∂c/∂x_{12}`,
    target: "dW",
    claimed: localX(I, J, A, B, (v) => sw(v, P, Q_)),
  };
});

/** Lines 191–261: ∂y_{IJ}/∂w_{PQ} = x_{AB} or 0, in the post's order (w_{11} … w_{33}, y_{11}, y_{12}, y_{21}, y_{22}). */
const dwEqs: TruthEquation[] = [];
{
  let line = 191;
  for (const w of [11, 12, 13, 21, 22, 23, 31, 32, 33]) {
    for (const y of [11, 12, 21, 22]) {
      const [P, Q_] = d(w),
        [I, J] = d(y);
      const a = P - I + 1,
        b = Q_ - J + 1;
      const inside = a >= 1 && a <= K && b >= 1 && b <= K;
      const rhs = inside ? `{x}_{${a}${b}}` : "0";
      dwEqs.push({
        line,
        snippet: `\\frac{\\partial {y}_{${y}}}{\\partial {w}_{${w}}} = ${rhs}`,
        truth: "holds",
        why: inside
          ? `w_{${w}} multiplies x_{${a}${b}} in y_{${y}} (the expansion of line 58): the local derivative, checked through the chain rule for ∂c/∂w_{${w}}`
          : `w_{${w}} is not in y_{${y}}'s window (the expansion of line 58): the derivative is 0, checked through the chain rule for ∂c/∂w_{${w}}`,
        target: "dX",
        claimed: localW(I, J, P, Q_, (v) => (inside ? sx(v, a, b) : Q0)),
      });
      line += 2;
    }
  }
}

/** Lines 268–292: ∂c/∂w_{PQ} = Σ (chain rule) = the written reduced sum [y, x] pairs. */
const reduced: [number, number, [number, number][]][] = [
  [268, 11, [[11, 11]]],
  [
    271,
    12,
    [
      [11, 12],
      [12, 11],
    ],
  ],
  [274, 13, [[12, 12]]],
  [
    277,
    21,
    [
      [11, 21],
      [21, 11],
    ],
  ],
  [
    280,
    22,
    [
      [11, 22],
      [12, 21],
      [21, 12],
      [22, 11],
    ],
  ],
  [
    283,
    23,
    [
      [12, 22],
      [22, 12],
    ],
  ],
  [286, 31, [[21, 21]]],
  [
    289,
    32,
    [
      [21, 22],
      [22, 21],
    ],
  ],
  [292, 33, [[22, 22]]],
];
const termsOf = (v: Access, pairs: [number, number][]): Q =>
  pairs.reduce((s, [y, x]) => qadd(s, qmul(v.dy(...d(y)), sx(v, ...d(x)))), Q0);
const chainEqs: TruthEquation[] = reduced.map(([line, w, pairs]) => {
  const [P, Q_] = d(w);
  return {
    line,
    snippet: `\\frac{\\partial c}{\\partial {w}_{${w}}}&=\\frac{\\partial c}{\\partial {y}_{11}}\\frac{\\partial {y}_{11}}{\\partial {w}_{${w}}}`,
    truth: "holds",
    why: `w_{${w}} enters y_{11} … y_{22} with the derivatives of lines 191–261: the chain rule over the four outputs, and its reduction to the terms whose derivative is not 0`,
    target: "dX",
    claimed: (v: Access, [p, q]: number[]): Q =>
      p === P && q === Q_ ? chain(gradW(v, p, q), termsOf(v, pairs)) : gradW(v, p!, q!),
  };
});

/** pad(∂c/∂Y): the 2×2 output gradient with one ring of zeros, 4×4 (row r, column s hold ∂c/∂y_{r−1, s−1}). */
const padDY = (v: Access, r: number, s: number): Q => (r >= 2 && r <= 3 && s >= 2 && s <= 3 ? v.dy(r - 1, s - 1) : Q0);
/** pad(∂c/∂Y) * flip(X): the post's * (a sliding window) with flip(X) = [x_{22} x_{21}; x_{12} x_{11}]. */
const padFlip = (v: Access, [p, q]: number[]): Q =>
  sum(1, K, (a) => sum(1, K, (b) => qmul(padDY(v, p! + a - 1, q! + b - 1), sx(v, K + 1 - a, K + 1 - b))));
/** W * ∂c/∂Y: the 3×3 W slid over by the 2×2 ∂c/∂Y, entry (a, b) = Σ_{ij} w_{a+i−1, b+j−1} ∂c/∂y_{ij}. */
const wStarDY = (v: Access, [a, b]: number[]): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(sw(v, a! + i - 1, b! + j - 1), v.dy(i, j))));
/** The written expansion of ∂c/∂X (line 145's third matrix): entry (a, b) = Σ_{ij} ∂c/∂y_{ij} w_{i+a−1, j+b−1}, as listed. */
const dXexp: Record<string, [number, number][]> = {
  "1,1": [
    [11, 11],
    [12, 12],
    [21, 21],
    [22, 22],
  ],
  "1,2": [
    [11, 12],
    [12, 13],
    [21, 22],
    [22, 23],
  ],
  "2,1": [
    [11, 21],
    [12, 22],
    [21, 31],
    [22, 32],
  ],
  "2,2": [
    [11, 22],
    [12, 23],
    [21, 32],
    [22, 33],
  ],
};
const dXwritten = (v: Access, [a, b]: number[]): Q =>
  dXexp[`${a},${b}`]!.reduce((s, [y, w]) => qadd(s, qmul(v.dy(...d(y)), sw(v, ...d(w)))), Q0);
/** The written reduced ∂c/∂W matrix (line 301's second matrix), entry by entry. */
const dWmatrix = (v: Access, [p, q]: number[]): Q => termsOf(v, reduced.find(([, w]) => w === p! * 10 + q!)![2]);

const src: CorpusSource = {
  file: "37-zayan-cnn-from-scratch-conv.md",
  citation:
    'Karimi Zayan (GitHub: waffleSheep), "Building Convolutional Neural Networks from scratch", Part 2: "Convolution and Max Pooling", blog post drafted in the repository waffleSheep/CNNblogpost, file blogposts/part2.md, read at commit 7333b8f64e7b109b65da884d65198462989ac796 (20 June 2023), section "Convolution (Single Layer)" (a 3×3 W slid over by a 2×2 X, every local derivative, ∂c/∂X = W * ∂c/∂Y, ∂c/∂W = pad(∂c/∂Y) * flip(X))',
  url: "https://github.com/waffleSheep/CNNblogpost/blob/7333b8f64e7b109b65da884d65198462989ac796/blogposts/part2.md",
  flags: ["--input", "3x3", "--kernel", "2x2", "--op", "xcorr", "--index-base", "1"],
  layer: {
    op: "xcorr",
    input: [3, 3],
    kernel: [2, 2],
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
      line: 9,
      snippet: "(f*g)(t):=\\int _{-\\infty }^{\\infty }f(\\tau )g(t-\\tau )\\,d\\tau",
      truth: "definition",
      why: "the definition of the continuous convolution of two functions on ℝ, not the layer's operation",
    },
    {
      line: 17,
      snippet: "W * X &=",
      truth: "definition",
      why: '"2D convolution of 2 matrices is defined as such": the post defines its * by writing W * X out on these two matrices (a sliding-window cross-correlation of the 3×3 W by the 2×2 X)',
    },
    {
      line: 56,
      snippet: "Y&=W*X",
      truth: "holds",
      target: "Y",
      why: "the forward pass: Y is the post's * of W by X, y_{ij} = Σ_{ab} w_{i+a−1, j+b−1} x_{ab} (W the input, X the kernel)",
      claimed: fwd,
    },
    {
      line: 58,
      snippet: "\\begin{bmatrix}",
      truth: "holds",
      target: "Y",
      why: "the same forward pass entry by entry: y_{11} = w_{11}x_{11} + w_{12}x_{12} + w_{21}x_{21} + w_{22}x_{22}, …, y_{22} = w_{22}x_{11} + … + w_{33}x_{22}, each window right",
      claimed: (v, idx) => chain(fwd(v, idx), expansion(v, idx)),
    },
    ...dxEqs,
    {
      line: 133,
      snippet: "c = f(Y)",
      truth: "definition",
      why: "c, the loss, is an arbitrary matrix-to-scalar function of Y: a definition",
    },
    {
      line: 137,
      snippet: "\\frac{\\partial c}{\\partial Y}&=",
      truth: "definition",
      why: "the matrix ∂c/∂Y is defined as that of the entries ∂c/∂y_{ij} (denominator layout)",
    },
    {
      line: 145,
      snippet: "\\frac{\\partial c}{\\partial X}&=",
      truth: "holds",
      target: "dW",
      why: "∂c/∂x_{ab} = Σ_{ij} ∂c/∂y_{ij} ∂y_{ij}/∂x_{ab} (the chain-rule matrix), = Σ_{ij} ∂c/∂y_{ij} w_{i+a−1, j+b−1} (the expansion, every entry right), = W * ∂c/∂Y: the gradient of the 2×2 X, the layer's kernel, is W correlated with ∂c/∂Y",
      claimed: (v, idx) => chain(gradX(v, idx[0]!, idx[1]!), dXwritten(v, idx), wStarDY(v, idx)),
    },
    ...dwEqs,
    ...chainEqs,
    {
      line: 301,
      snippet: "\\frac{\\partial c}{\\partial {W}}&=",
      truth: "holds",
      target: "dX",
      why: 'the nine ∂c/∂w_{ij} as a 3×3 matrix (each as lines 268–292), = pad(∂c/∂Y) * flip(X): the 2×2 output gradient padded by one ring of zeros ("one less than the size of the kernel"), slid over by X flipped both ways — the full correlation that is the input gradient of the 3×3 W',
      claimed: (v, idx) => chain(gradW(v, idx[0]!, idx[1]!), dWmatrix(v, idx), padFlip(v, idx)),
    },
  ],
};
export default src;
