/**
 * Gwardys' CNN back-propagation tutorial (NumpyDL docs). The layer is a true convolution without
 * padding ("There we did so called valid convolution"): z^{l+1}_{x,y} = Σ_a Σ_b w_{a,b} σ(z^l_{x−a,y−b}) + b,
 * so the layer's input X is σ(z^l) (0-based, as the sums Σ_a start at the kernel's first entry) and its
 * output Y is z^{l+1}; δ^{l+1} = ∂C/∂z^{l+1} is v.dy; δ^l = ∂C/∂z^l = (∂C/∂X) ⊙ σ'(z^l), so formulas for
 * δ^l carry `scale` σ'(z^l) (v.fprime("z", ...)). The bias b^{l+1}_{x,y} is read as the layer's one bias.
 * Layer chosen: input 5 × 4, kernel 3 × 2 (the tutorial is general), output 3 × 3.
 *
 * Index convention of the source's index formulas: a valid convolution written as Σ_a w_a σ(z_{x−a})
 * indexes its output by the input position under the kernel's first tap, x = p + (k₁ − 1) for the
 * oracle's 0-based output row p (likewise y = q + (k₂ − 1)); the input index is the same in both. The
 * closed forms (conv2(·,·,'full')) index each matrix from its own corner.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const K1 = 3;
const K2 = 2;
const O1 = 3; // output rows (oracle)
const O2 = 3; // output columns
const OX = K1 - 1; // source output index x = p + OX
const OY = K2 - 1;

/** δ^{l+1}_{x',y'} in the source's output coordinates. */
const dAt = (v: Access, x: number, y: number): Q => v.dy(x - OX, y - OY);
/** σ'(z^l_{x,y}) (a random per-entry value, the same for `claimed` and `scale`). */
const sp = (v: Access, x: number, y: number): Q => v.fprime("z", x, y);

/** Σ_{x'} Σ_{y'} δ^{l+1}_{x',y'} w_{x'−x,y'−y} — the true gradient w.r.t. σ(z^l_{x,y}). */
function backSum(v: Access, x: number, y: number): Q {
  let s: Q = Q0;
  for (let p = 0; p < O1; p++)
    for (let q = 0; q < O2; q++) {
      const xp = p + OX;
      const yp = q + OY;
      s = qadd(s, qmul(dAt(v, xp, yp), v.w(xp - x, yp - y)));
    }
  return s;
}

/** z_{x,y} = Σ_a Σ_b w_{a,b} σ(z^prev_{x−a,y−b}) + b at the oracle's output (p, q). */
function forwardAt(v: Access, [p, q]: number[]): Q {
  const x = p! + OX;
  const y = q! + OY;
  let s: Q = v.b();
  for (let a = 0; a < K1; a++) for (let b = 0; b < K2; b++) s = qadd(s, qmul(v.w(a, b), v.x(x - a, y - b)));
  return s;
}

/** δ^l_{x,y} = Σ_{x'} Σ_{y'} δ^{l+1}_{x',y'} w_{x'−x,y'−y} σ'(z^l_{x,y}). */
const deltaPrev = (v: Access, [x, y]: number[]): Q => qmul(backSum(v, x!, y!), sp(v, x!, y!));

/** conv2(δ, rot180(k), 'full')(i, j) with MATLAB's convolution, 0-based, times f'(u_{i,j}). */
function conv2FullRot(v: Access, [i, j]: number[]): Q {
  let s: Q = Q0;
  for (let p = 0; p < O1; p++)
    for (let q = 0; q < O2; q++) {
      // conv2(A, B)(i) = Σ_p A(p) B(i − p); B = rot180(k): B(t) = k(K − 1 − t)
      s = qadd(s, qmul(v.dy(p, q), v.w(K1 - 1 - (i! - p), K2 - 1 - (j! - q))));
    }
  return qmul(s, v.fprime("u", i!, j!));
}

/** ∂C/∂w_{a,b} = Σ_x Σ_y δ^l_{x,y} σ(z^{l−1}_{x−a,y−b}) (δ^l the layer's output gradient, σ(z^{l−1}) its input). */
function dW(v: Access, [a, b]: number[]): Q {
  let s: Q = Q0;
  for (let p = 0; p < O1; p++)
    for (let q = 0; q < O2; q++) s = qadd(s, qmul(dAt(v, p + OX, q + OY), v.x(p + OX - a!, q + OY - b!)));
  return s;
}

/** Line 68 as written: Σ_x Σ_y δ^l_{x,y} σ(z^l_{x−a,y−b}) — σ(z^l) is the layer's own output activation, not its input; an independent (opaque) tensor here. */
function dWWrongLayer(v: Access, [a, b]: number[]): Q {
  let s: Q = Q0;
  for (let p = 0; p < O1; p++)
    for (let q = 0; q < O2; q++) s = qadd(s, qmul(dAt(v, p + OX, q + OY), v.fprime("sigma(z^l)", p + OX - a!, q + OY - b!)));
  return s;
}

const dX = (truth: "holds" | "fails", line: number, snippet: string, why: string, claimed = deltaPrev): TruthEquation => ({
  line, snippet, truth, why, target: "dX", claimed, scale: (v, [x, y]) => sp(v, x!, y!),
});
const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const def = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "definition", why });

const src: CorpusSource = {
  file: "12-gwardys-cnn-backprop.tex",
  citation:
    "Grzegorz Gwardys, \"Convolutional Neural Networks backpropagation: from intuition to derivation\" (2016), as reproduced in the NumpyDL tutorial \"Convolution Neural Networks\", NumpyDL documentation 0.4.0, sections Introduction and Back Propagation",
  url: "https://numpydl.readthedocs.io/en/0.4.0/tutorials/CNN/",
  flags: ["--input", "5x4", "--kernel", "3x2", "--op", "conv", "--index-base", "0", "--bias"],
  layer: { op: "conv", input: [5, 4], kernel: [3, 2], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: true, indexBase: 0 },
  indexBase: 0,
  equations: [
    { line: 5, snippet: "\\delta_j^l = f'(u_j^l) \\odot conv2(\\delta_j^{l+1}, rot180(k_j^{l+1}), 'full')", truth: "holds", target: "dX",
      claimed: conv2FullRot, scale: (v, [i, j]) => v.fprime("u", i!, j!),
      why: "for a valid true convolution, ∂C/∂(input) = full convolution of δ^{l+1} with the kernel rotated by 180°, then ⊙ f'(u^l) through the activation" },
    def(13, "\\delta_j^l = \\frac{\\partial C}{\\partial z_j^l}", "defines the error of neuron j (MLP)"),
    other(17, "z^l_j = \\sum_{k} w_{jk}^l a_k^{l-1} + b_j^l", "the fully-connected (MLP) layer, not the convolution"),
    def(19, "a_j^l = \\sigma(z_j^l)", "defines the activation a = σ(z)"),
    { line: 23, snippet: "z_{x,y}^{l+1} = w^{l+1} * \\sigma(z_{x,y}^l) + b_{x,y}^{l+1}", truth: "holds", target: "Y", claimed: forwardAt,
      why: "the forward pass: the (valid) convolution of w^{l+1} with the activations σ(z^l), plus the bias, evaluated at (x, y)" },
    { line: 23, snippet: "+ b_{x,y}^{l+1} =", truth: "holds", target: "Y", claimed: forwardAt,
      why: "w * σ(z) at (x, y) is Σ_a Σ_b w_{a,b} σ(z_{x−a,y−b}): true convolution, kernel index subtracted" },
    def(30, "\\delta_{x,y}^l = \\frac{\\partial C}{\\partial z_{x,y}^l}", "defines δ^l_{x,y} as ∂C/∂z^l_{x,y}"),
    dX("holds", 30, "\\frac{\\partial C}{\\partial z_{x,y}^l} =",
      "chain rule through every z^{l+1}_{x',y'}; ∂z^{l+1}_{x',y'}/∂z^l_{x,y} = w_{x'−x,y'−y} σ'(z^l_{x,y}) from the forward formula"),
    dX("holds", 36, "\\frac{\\partial C}{\\partial z_{x,y}^l} & =", "the same chain rule, restated"),
    dX("holds", 39, "& = \\sum_{x'} \\sum_{y'} \\delta_{x',y'}^{l+1}",
      "∂C/∂z^{l+1}_{x',y'} = δ^{l+1}_{x',y'} and z^{l+1}_{x',y'} substituted; its derivative w.r.t. z^l_{x,y} is w_{x'−x,y'−y} σ'(z^l_{x,y})"),
    def(43, "$x=x'-a$", "the index relation that selects the non-zero terms"),
    def(43, "$y=y'-b$", "the index relation that selects the non-zero terms"),
    dX("holds", 45, "\\sum_{x'} \\sum_{y'} \\delta_{x',y'}^{l+1}",
      "with a = x'−x and b = y'−y (the relation stated just before), each surviving term is δ^{l+1}_{x',y'} w_{a,b} σ'(z^l_{x,y})"),
    def(51, "$y=y'-b$", "the index relation, restated"),
    def(51, "$a=x'-x$", "the index relation solved for a"),
    def(51, "$b=y'-y$", "the index relation solved for b"),
    dX("holds", 53, "\\sum_{x'} \\sum_{y'} \\delta_{x',y'}^{l+1} w_{a,b}^{l+1}",
      "substitutes a = x'−x, b = y'−y: Σ_{x'} Σ_{y'} δ^{l+1}_{x',y'} w_{x'−x,y'−y} σ'(z^l_{x,y}) is the true ∂C/∂z^l_{x,y}"),
    dX("holds", 59, "\\sum_{x'}\\sum_{y'} \\delta_{x',y'}^{l+1} w_{x'-x,y'-y}^{l+1}",
      "δ^{l+1} * w_{−x,−y} evaluated at (x, y) is Σ_{x'} δ^{l+1}_{x'} w_{−(x−x')} = Σ δ^{l+1}_{x',y'} w_{x'−x,y'−y}: the convolution with the rotated kernel (a full convolution)"),
    def(62, "ROT180(w_{x,y}^{l+1}) = w_{-x, -y}^{l+1}", "defines the 180° rotation by negated indices"),
    { line: 66, snippet: "\\frac{\\partial C}{\\partial w_{a,b}^l}", truth: "holds", target: "dW", claimed: dW,
      why: "chain rule through every z^l_{x,y}; ∂z^l_{x,y}/∂w_{a,b} = σ(z^{l−1}_{x−a,y−b})" },
    { line: 68, snippet: "& = \\sum_{x}\\sum_{y}\\delta_{x,y}^l  \\frac{\\partial(\\sum_{a'}\\sum_{b'}w_{a',b'}^l\\sigma(z_{x-a', y-b'}^l)", truth: "fails", target: "dW", claimed: dWWrongLayer,
      why: "wrong layer superscript: the forward expression of z^l_{x,y} uses the previous layer's activations σ(z^{l−1}_{x−a',y−b'}), but it is written σ(z^l_{x−a',y−b'}) (the layer's own output), so the derivative is the wrong tensor" },
    { line: 70, snippet: "& =\\sum_{x}\\sum_{y} \\delta_{x,y}^l \\sigma(z_{x-a,y-b}^{l-1})", truth: "holds", target: "dW", claimed: dW,
      why: "∂C/∂w_{a,b} = Σ_x Σ_y δ^l_{x,y} σ(z^{l−1}_{x−a,y−b}): each output that w_{a,b} touches, times the input it multiplies" },
    { line: 71, snippet: "& = \\delta_{a,b}^l * \\sigma(z_{-a,-b}^{l-1})", truth: "holds", target: "dW", claimed: dW,
      why: "(δ^l * g)(a, b) with g_{t,u} = σ(z^{l−1}_{−t,−u}) is Σ_x Σ_y δ^l_{x,y} σ(z^{l−1}_{x−a,y−b}), the line above" },
    { line: 72, snippet: "& =\\delta_{a,b}^l * \\sigma(ROT180(z_{a,b}^{l-1}))", truth: "holds", target: "dW", claimed: dW,
      why: "by the source's definition ROT180(z_{a,b}) = z_{−a,−b}, the same as the line above" },
    other(76, "l = 2,3, \\cdots ,L", "the range of layers of the algorithm"),
    { line: 76, snippet: "z_{x,y}^l = w^l * \\sigma(z_{x,y}^{l-1}) + b_{x,y}^l", truth: "holds", target: "Y", claimed: forwardAt,
      why: "the feed-forward convolution of w^l with σ(z^{l−1}), plus the bias" },
    def(76, "a_{x,y}^l = \\sigma(z_{x,y}^l)", "defines the activations"),
    other(77, "\\delta^L = \\nabla_a C \\odot \\sigma'(z^L)", "the output layer's error, not the convolution layer"),
    other(78, "l=L-1,L-2,\\cdots ,2", "the range of layers of the backward pass"),
    dX("holds", 78, "\\delta_{x,y}^l =\\delta^{l+1} * ROT180(w_{x,y}^{l+1}) \\sigma'(z_{x,y}^l)",
      "δ^{l+1} convolved with the rotated kernel at (x, y), i.e. Σ δ^{l+1}_{x',y'} w_{x'−x,y'−y}, times σ'(z^l_{x,y})"),
    { line: 79, snippet: "\\frac{\\partial C}{\\partial w_{a,b}^l} =\\delta_{a,b}^l * \\sigma(ROT180(z_{a,b}^{l-1}))", truth: "holds", target: "dW", claimed: dW,
      why: "the kernel gradient Σ_x Σ_y δ^l_{x,y} σ(z^{l−1}_{x−a,y−b}) written with the source's ROT180" },
  ],
};
export default src;
