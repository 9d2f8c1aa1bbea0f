/**
 * aaumar (GitHub: aaumar; the commits' e-mail names abdularis.umar), "Convolutional Neural Network": a post of
 * 25 January 2022 on his Jekyll blog "Mathematics Behind AI" (the Markdown file
 * _posts/2022-1-25-convolutional-neural-network.md of the repository aaumar/Math-Behind-AI, read at its last change,
 * commit a8f8fc9 "edit CNN", 26 January 2022) — a Medium-style walk through a CNN (architecture, stride, padding,
 * pooling) whose "Training Process" section backpropagates through one convolution layer written out entry by entry
 * for a 3×3 input X and a 2×2 filter F: the four outputs O_{11} … O_{22}, the local derivatives of O_{11} with
 * respect to F and to X, ∂L/∂F by the chain rule (as a product, as a sum over the outputs, entry by entry before and
 * after substituting the local derivatives), and ∂L/∂X entry by entry — the nine entries are the "full convolution
 * of ∂L/∂O with the 180°-rotated filter" written out (∂L/∂X_{22} = ∂L/∂O_{11} F_{22} + ∂L/∂O_{12} F_{21} +
 * ∂L/∂O_{21} F_{12} + ∂L/∂O_{22} F_{11}), though the post does not name it so.
 * Layer: the post's own — X 3×3, F 2×2, stride 1, no padding, one channel, no bias (its O_{kl} have none), so O is
 * 2×2; 1-based (X_{11} … X_{33}, F_{11} … F_{22}, O_{11} … O_{22}). Its "convolution" is a cross-correlation, as
 * the written-out O_{12} = X_{12}F_{11} + … shows. X is the input, F the kernel, O the output: ∂L/∂O_{kl} is
 * v.dy(k, l). The ReLU the post puts after the convolution is outside the layer (the derivation starts from the
 * known ∂L/∂O).
 * Every equation about the layer holds; the post has slips but no false formula. Entry formulas (O_{12} = …,
 * ∂L/∂X_{23} = …) are checked at their entry, every other entry of the target taking its true value. The local
 * derivatives ∂O_{11}/∂F_{ij} = X_{ij} and ∂O_{11}/∂X_{ij} = F_{ij} (lines 136, 178) are checked, as corpus 31's
 * and 48's, through the chain rule Σ_{kl} ∂L/∂O_{kl} ∂O_{kl}/∂(·) with the written derivative in place of the true
 * one. Slips, none changing a value: "X_{11,}" and "F_{11,}" (lines 136, 178: the comma that separates the four
 * derivatives slipped inside the subscript; read X_{11}, F_{11}); the sums Σ_{k=1}^{M} of lines 152 and 186 run
 * over an M the post never defines and flatten the indices (F_i, O_k, X_i) — read M = 4, the number of outputs,
 * k over O_{11} … O_{22}; "*" in lines 146–193 is a plain product (every substituted line multiplies scalars with
 * it), not the convolution the symbol often means, so ∂L/∂F = ∂L/∂O * ∂O/∂F (line 146) is the chain rule in
 * shorthand, spelled out at once by line 152, and holds as 48's line 84 does. The size formulas O = 1 + (N − F)/S
 * and O = 1 + (N − F + 2P)/S (lines 52, 66; O, N, F, S, P there are sizes, not the tensors) hold when the division
 * is exact, as in the post's examples (7×7 input, stride 2: 3×3).
 * Other: the update F_new = F_current − α ∂L/∂F (line 111).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { at, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 3,
  K = 2,
  O = N - K + 1; // 3×3 input, 2×2 filter, 2×2 output

/** O_{kl} = Σ_{ij} X_{k+i−1, l+j−1} F_{ij}: the cross-correlation the written-out O_{11} … O_{22} are. */
const fwd = (v: Access, k: number, l: number): Q =>
  sum(1, K, (i) => sum(1, K, (j) => qmul(v.x(k + i - 1, l + j - 1), v.w(i, j))));
/** ∂O_{kl}/∂F_{ij} = X_{k+i−1, l+j−1}. */
const locW = (v: Access, k: number, l: number, i: number, j: number): Q => v.x(k + i - 1, l + j - 1);
/** ∂O_{kl}/∂X_{rs} = F_{r−k+1, s−l+1} (0 off the filter). */
const locX = (v: Access, k: number, l: number, r: number, s: number): Q => v.w(r - k + 1, s - l + 1);
/** Σ_{kl} ∂L/∂O_{kl} · local(k, l): the chain rule over the four outputs (the post's Σ_{k=1}^{M}). */
const chain = (v: Access, local: (k: number, l: number) => Q): Q =>
  sum(1, O, (k) => sum(1, O, (l) => qmul(v.dy(k, l), local(k, l))));
const trueDW = (v: Access, i: number, j: number): Q => chain(v, (k, l) => locW(v, k, l, i, j));
const trueDX = (v: Access, r: number, s: number): Q => chain(v, (k, l) => locX(v, k, l, r, s));

type P = [number, number];
/** Σ X_{..} F_{..} as written. */
const xf =
  (terms: [P, P][]) =>
  (v: Access): Q =>
    terms.reduce((s, [a, b]) => qadd(s, qmul(v.x(...a), v.w(...b))), Q0);
/** Σ ∂L/∂O_{..} * X_{..} as written. */
const ox =
  (terms: [P, P][]) =>
  (v: Access): Q =>
    terms.reduce((s, [a, b]) => qadd(s, qmul(v.dy(...a), v.x(...b))), Q0);
/** Σ ∂L/∂O_{..} * F_{..} as written. */
const of =
  (terms: [P, P][]) =>
  (v: Access): Q =>
    terms.reduce((s, [a, b]) => qadd(s, qmul(v.dy(...a), v.w(...b))), Q0);

/** The written ∂O_{11}/∂F_{ij} = value, the other outputs' derivatives true, through the chain rule at dW(i, j). */
const locW11 = (i: number, j: number, value: (v: Access) => Q) =>
  at(i, j, (v) => chain(v, (k, l) => (k === 1 && l === 1 ? value(v) : locW(v, k, l, i, j))), trueDW);
/** The written ∂O_{11}/∂X_{rs} = value, through the chain rule at dX(r, s). */
const locX11 = (r: number, s: number, value: (v: Access) => Q) =>
  at(r, s, (v) => chain(v, (k, l) => (k === 1 && l === 1 ? value(v) : locX(v, k, l, r, s))), trueDX);

const fwdRow = (line: number, k: number, l: number, terms: [P, P][], amp = "&"): TruthEquation => ({
  line,
  snippet: `O_{${k}${l}}${amp}=X_{${terms[0]![0][0]}${terms[0]![0][1]}}F_{11}`,
  truth: "holds",
  target: "Y",
  why: `O_{${k}${l}} = Σ_{ij} X_{${k}+i−1, ${l}+j−1} F_{ij}: the four products of the window at (${k}, ${l}) with the filter (no bias)`,
  claimed: at(k, l, xf(terms), fwd),
});
const T: Record<string, [P, P][]> = {
  "11": [
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
  ],
  "12": [
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
  ],
  "21": [
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
  ],
  "22": [
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
  ],
};
const forwardBlock = (first: number): TruthEquation[] => [
  fwdRow(first, 1, 1, T["11"]!),
  fwdRow(first + 1, 1, 2, T["12"]!),
  fwdRow(first + 2, 2, 1, T["21"]!),
  fwdRow(first + 3, 2, 2, T["22"]!),
];
const o11 = (line: number): TruthEquation => ({
  line,
  snippet: "O_{11}=X_{11}F_{11}+X_{12}F_{12}+X_{21}F_{21}+X_{22}F_{22}",
  truth: "holds",
  target: "Y",
  why: "O_{11} = X_{11}F_{11} + X_{12}F_{12} + X_{21}F_{21} + X_{22}F_{22}: the top-left window times the filter",
  claimed: at(1, 1, xf(T["11"]!), fwd),
});

const idx = [
  [1, 1],
  [1, 2],
  [2, 1],
  [2, 2],
] as const;

/** Line 158: ∂L/∂F_{ij} = Σ_{kl} ∂L/∂O_{kl} * ∂O_{kl}/∂F_{ij}. */
const chainF = idx.map(([i, j]): TruthEquation => ({
  line: 158,
  snippet: `\\frac{\\partial L}{\\partial F_{${i}${j}}}=\\frac{\\partial L}{\\partial O_{11}} * \\frac{\\partial O_{11}}{\\partial F_{${i}${j}}}`,
  truth: "holds",
  target: "dW",
  why: `∂L/∂F_{${i}${j}} = Σ_{kl} ∂L/∂O_{kl} ∂O_{kl}/∂F_{${i}${j}}: F_{${i}${j}} enters all four outputs, the chain rule over them`,
  claimed: at(i, j, (v) => trueDW(v, i, j), trueDW),
}));

/** Line 164: ∂L/∂F_{ij} = Σ_{kl} ∂L/∂O_{kl} * X_{k+i−1, l+j−1}, written out. */
const substF = idx.map(([i, j]): TruthEquation => {
  const terms: [P, P][] = idx.map(([k, l]) => [
    [k, l],
    [k + i - 1, l + j - 1],
  ]);
  return {
    line: 164,
    snippet: `\\frac{\\partial L}{\\partial F_{${i}${j}}}=\\frac{\\partial L}{\\partial O_{11}} * X_{${i}${j}}`,
    truth: "holds",
    target: "dW",
    why: `F_{${i}${j}} multiplies X_{${i}${j}}, X_{${i}${j + 1}}, X_{${i + 1}${j}}, X_{${i + 1}${j + 1}} in O_{11}, O_{12}, O_{21}, O_{22}: the output gradient correlated with the input`,
    claimed: at(i, j, ox(terms), trueDW),
  };
});

/** Line 193: ∂L/∂X_{rs} as written, entry by entry: [r, s, terms (∂L/∂O_{kl}, F_{ij})]. */
const dxRows: [number, number, [P, P][]][] = [
  [
    1,
    1,
    [
      [
        [1, 1],
        [1, 1],
      ],
    ],
  ],
  [
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
  ],
  [
    1,
    3,
    [
      [
        [1, 2],
        [1, 2],
      ],
    ],
  ],
  [
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
  ],
  [
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
  ],
  [
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
  ],
  [
    3,
    1,
    [
      [
        [2, 1],
        [2, 1],
      ],
    ],
  ],
  [
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
  ],
  [
    3,
    3,
    [
      [
        [2, 2],
        [2, 2],
      ],
    ],
  ],
];
const dx = dxRows.map(([r, s, terms]): TruthEquation => ({
  line: 193,
  snippet: `\\frac{\\partial L}{\\partial X_{${r}${s}}}=\\frac{\\partial L}{\\partial O_{${terms[0]![0][0]}${terms[0]![0][1]}}} * {F}_{${terms[0]![1][0]}${terms[0]![1][1]}}`,
  truth: "holds",
  target: "dX",
  why: `X_{${r}${s}} enters exactly the outputs listed, each under the filter entry F_{r−k+1, s−l+1} that meets it: Σ ∂L/∂O_{kl} F_{${r}−k+1, ${s}−l+1} (the full correlation of ∂L/∂O with the filter, i.e. the full convolution with the 180°-rotated filter)`,
  claimed: at(r, s, of(terms), trueDX),
}));

const src: CorpusSource = {
  file: "84-aaumar-math-behind-ai-cnn-backprop.md",
  citation:
    'aaumar (GitHub: aaumar; the commits\' e-mail names abdularis.umar), "Convolutional Neural Network", a post of 25 January 2022 on his Jekyll blog "Mathematics Behind AI" (aaumar.github.io/Math-Behind-AI), repository aaumar/Math-Behind-AI, file _posts/2022-1-25-convolutional-neural-network.md, read at commit a8f8fc943119779147f05dc74fb510a9dfb42f7c ("edit CNN", 26 January 2022): the whole post (forward pass of a 3×3 input and a 2×2 filter entry by entry, output sizes, ∂L/∂F and ∂L/∂X by the chain rule entry by entry)',
  url: "https://github.com/aaumar/Math-Behind-AI/blob/a8f8fc943119779147f05dc74fb510a9dfb42f7c/_posts/2022-1-25-convolutional-neural-network.md",
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
    ...forwardBlock(36),
    {
      line: 52,
      snippet: "O=1+\\frac{N-F}{S}",
      truth: "holds",
      target: "size",
      why: "an N×N image and an F×F filter at stride S give 1 + (N − F)/S outputs a side when S divides N − F (the post's 7×7, F = 3: 5 at stride 1, 3 at stride 2); O, N, F here are sizes",
    },
    {
      line: 66,
      snippet: "O=1+\\frac{N-F+2P}{S}",
      truth: "holds",
      target: "size",
      why: "zero padding P on each side makes the image N + 2P wide: 1 + (N + 2P − F)/S outputs when S divides it",
    },
    ...forwardBlock(95),
    {
      line: 111,
      snippet: "F_\\text{new} = F_\\text{current}-\\alpha\\cdot",
      truth: "other",
      why: "the gradient-descent update of the filter, not a statement about the layer's gradients",
    },
    o11(130),
    ...idx.map(([i, j]): TruthEquation => ({
      line: 136,
      snippet: `\\frac{\\partial O_{11}}{\\partial {F}_{${i}${j}}}={X}_{${i}${j}`,
      truth: "holds",
      target: "dW",
      why: `F_{${i}${j}} multiplies X_{${i}${j}} in O_{11} and nothing else there (no bias)${i === 1 && j === 1 ? "; X_{11,} is X_{11} with the separating comma slipped into the subscript" : ""}; checked through the chain rule at ∂L/∂F_{${i}${j}}`,
      claimed: locW11(i, j, (v) => v.x(i, j)),
    })),
    {
      line: 146,
      snippet: "\\frac{\\partial L}{\\partial F}=\\frac{\\partial L}{\\partial O} * \\frac{\\partial O}{\\partial F}",
      truth: "holds",
      target: "dW",
      why: "the chain rule in shorthand, * a product over the outputs as line 152 spells it out at once: ∂L/∂F_{ij} = Σ_{kl} ∂L/∂O_{kl} ∂O_{kl}/∂F_{ij}",
      claimed: (v, [i, j]) => trueDW(v, i!, j!),
    },
    {
      line: 152,
      snippet:
        "\\frac{\\partial L}{\\partial F_{i}}=\\sum_{k=1}^{M} \\frac{\\partial L}{\\partial O_{k}} * \\frac{\\partial O_{k}}{\\partial F_{i}}",
      truth: "holds",
      target: "dW",
      why: "the chain rule over the M = 4 outputs O_k (indices flattened; M undefined in the post), for each filter entry F_i",
      claimed: (v, [i, j]) => trueDW(v, i!, j!),
    },
    ...chainF,
    ...substF,
    o11(174),
    ...idx.map(([i, j]): TruthEquation => ({
      line: 178,
      snippet: `\\frac{\\partial O_{11}}{\\partial {X}_{${i}${j}}}={F}_{${i}${j}`,
      truth: "holds",
      target: "dX",
      why: `X_{${i}${j}} meets F_{${i}${j}} in O_{11}${i === 1 && j === 1 ? "; F_{11,} is F_{11} with the separating comma slipped into the subscript" : ""}; checked through the chain rule at ∂L/∂X_{${i}${j}}`,
      claimed: locX11(i, j, (v) => v.w(i, j)),
    })),
    {
      line: 186,
      snippet:
        "\\frac{\\partial L}{\\partial X_{i}}=\\sum_{k=1}^{M} \\frac{\\partial L}{\\partial O_{k}} * \\frac{\\partial O_{k}}{\\partial X_{i}}",
      truth: "holds",
      target: "dX",
      why: "the chain rule over the M = 4 outputs O_k for each input entry X_i (an output X_i does not enter contributes 0)",
      claimed: (v, [r, s]) => trueDX(v, r!, s!),
    },
    ...dx,
  ],
};
export default src;
