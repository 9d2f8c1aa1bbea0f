/**
 * Rob Jinman, "Richard Mathematical Implementation": the LaTeX document (documentation/src/math.tex of the
 * repository robjinman/richard, 2024) of the mathematics behind his neural-network library Richard — a technical
 * write-up, in English, of each layer's forward and backward pass. Transcribed: its section "Convolutional
 * Layers" — definitions of convolution and cross-correlation, the forward pass of a multi-channel layer with a bias
 * (matrix form and component form), the layer delta, and the gradients with respect to the layer's inputs and
 * kernels, each as a chain rule, its expansion and its closed form, then as a convolution or cross-correlation.
 * Layer: the document fixes no sizes; a small choice it allows: input channels k (2 of them), output channels d
 * (3, "A layer of depth D generates D feature maps using D kernels and biases"), an input a^{l-1} of 5×4 (x, y), a
 * 3×2 kernel w^{l,d}_{i,j,k} (non-square, so that i and j are not interchangeable), stride 1 and no padding (the
 * component form z^{l,d}_{x,y} = Σ_{i,j,k} w^{l,d}_{i,j,k} a^{l-1}_{x+i,y+j,k} + b^{l,d} is a valid
 * cross-correlation), 0-based (its offsets x + i start at the window's corner), one bias b^{l,d} per output channel.
 * So z^l is 3 × 3×3. Read in the oracle's layouts: a^{l-1}_{x,y,k} is v.x(k, x, y), w^{l,d}_{i,j,k} is
 * v.w(d, k, i, j), δ^{l,d}_{x,y} = ∂C/∂z^{l,d}_{x,y} (line 57) is v.dy(d, x, y), b^{l,d} is v.b(d). The sums
 * Σ_{x'}, Σ_{y'} and Σ_x, Σ_y have no bounds: they run over the output positions, a term whose δ or w index
 * falls off its tensor being 0 (no output, no weight there). The letter z is both the pre-activation z^{l,d} and,
 * in ∂C/∂a^{l-1}_{x,y,z}, the input channel (line 88's "z=k").
 * Everything verify can find holds: the input-gradient chain rule (78), its δ form (82), its expansion (86) and
 * its closed form Σ_d Σ_{x',y'} δ^{l,d}_{x',y'} w^{l,d}_{x−x',y−y',z} (90); the kernel-gradient chain (104, 106),
 * its expansion (110) and closed form Σ_{x,y} δ^{l,d}_{x,y} a^{l-1}_{x+i,y+j,k} (115).
 * The document's mistakes are in its boxed results, which verify does not find (every display of the section that
 * is an empheq environment, `\begin{empheq}[box=\fbox]{align}`, lines 12-122, is neither checked nor reported as
 * skipped): its cross-correlation is defined (line 25) as (f ⋆ g)(x, y) := Σ_{i,j} f(i, j) g(x+i, y+j) — f is
 * the window slid over g — but used with the arguments the other way round: the forward pass Z^{l,d} =
 * (A^{l-1} ⋆ W^{l,d}) + b^{l,d} (line 34) then reads Σ a^{l-1}_{i,j,k} w^{l,d}_{x+i,y+j,k} + b^{l,d}, which is the
 * layer's output only at x = y = 0 (the component form, line 47, is right: W^{l,d} ⋆ A^{l-1}); and the kernel
 * gradient ∇_{W^{l,d}_k} C = A^{l-1}_k ⋆ δ^{l,d} (line 121) reads Σ_{x,y} a^{l-1}_{x,y,k} δ^{l,d}_{x+i,y+j} — the
 * gradient at the offset (−i, −j), right only for i = j = 0 — where its own line 115 is δ^{l,d} ⋆ A^{l-1}_k.
 * (With SciPy's order, correlate2d(A, δ), both would hold; with the document's definition they fail.) Its input
 * gradient as a full convolution, ∇_{a^{l-1}_z} C = Σ_d (W^{l,d}_z ∗ δ^{l,d}) (line 96, ∗ as defined at line 19:
 * Σ_{i,j} f(i, j) g(x−i, y−j)), holds, convolution being commutative. Not found by verify, so not listed: those
 * boxed lines 13, 19, 25 (definitions), 34 (fails), 35, 41, 48, 66 (activation, other), 47 and 96 (hold), 121
 * (fails). The document gives no bias gradient.
 * Other: the chain rule through the layer's ReLU, δ = ∂C/∂a^{l,d} R'(z^{l,d}) (line 61: the activation after the
 * layer, not a gradient of the convolution), and the index relations of lines 88 and 113 ("All terms … vanish
 * except where x=x'+i, …", "… except where i=i', j=j', and k=k'"): which terms of a sum survive, not equations
 * about the layer's tensors or sizes.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const H = 5,
  Wd = 4,
  KH = 3,
  KW = 2,
  CI = 2,
  CO = 3; // a^{l-1}: 2 × 5×4, w: 3 × 2 × 3×2, z^l: 3 × 3×3
const OH = H - KH + 1,
  OW = Wd - KW + 1;

/** ∂C/∂a^{l-1}_{x,y,z} = Σ_d Σ_{x',y'} δ^{l,d}_{x',y'} w^{l,d}_{x−x',y−y',z} (w read 0 off the kernel). */
const dX = (v: Access, [z, x, y]: number[]): Q =>
  sum(0, CO - 1, (d) =>
    sum(0, OH - 1, (xp) => sum(0, OW - 1, (yp) => qmul(v.dy(d, xp, yp), v.w(d, z!, x! - xp, y! - yp)))),
  );
/** ∂C/∂w^{l,d}_{i,j,k} = Σ_{x,y} δ^{l,d}_{x,y} a^{l-1}_{x+i,y+j,k}. */
const dW = (v: Access, [d, k, i, j]: number[]): Q =>
  sum(0, OH - 1, (x) => sum(0, OW - 1, (y) => qmul(v.dy(d!, x, y), v.x(k!, x + i!, y + j!))));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const survive =
  "which terms of the sum survive the differentiation (an index relation in the prose), not an equation about the layer's tensors or sizes";

const src: CorpusSource = {
  file: "49-jinman-richard-conv-layer.tex",
  citation:
    'Rob Jinman (GitHub: robjinman), "Richard Mathematical Implementation", the LaTeX document of the mathematics of his neural-network library Richard, repository robjinman/richard, file documentation/src/math.tex (added 14 January 2024, commit 8cf4dda17ec93775329960bae205863060c1c61d; last changed 26 November 2024, commit 5fbb184c4139029ee624c4d7299a81bff17d48fe), read at commit 6974d4c6f0ce9e6b0e78cf7916f9a9dd2db67cdc (22 June 2025): section "Convolutional Layers" (forward pass in matrix and component form, layer delta, input and kernel gradients as chain rules, expansions, closed forms and convolutions)',
  url: "https://github.com/robjinman/richard/blob/6974d4c6f0ce9e6b0e78cf7916f9a9dd2db67cdc/documentation/src/math.tex",
  flags: [
    "--input",
    "5x4",
    "--kernel",
    "3x2",
    "--op",
    "xcorr",
    "--index-base",
    "0",
    "--in-channels",
    "2",
    "--out-channels",
    "3",
    "--bias",
  ],
  layer: {
    op: "xcorr",
    input: [H, Wd],
    kernel: [KH, KW],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "valid",
    inChannels: CI,
    outChannels: CO,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    {
      line: 57,
      snippet: "\\delta^{l,d}_{x,y} := \\frac{\\partial C}{\\partial z^{l,d}_{x,y}}",
      truth: "definition",
      why: "the layer delta: the gradient of the cost with respect to the layer's pre-activation output z^{l,d}",
    },
    other(
      61,
      "\\delta^{l,d}_{x,y} = \\frac{\\partial{}C}{\\partial{}a^{l,d}_{x,y}} R'(z^{l,d}_{x,y})",
      "the chain rule through the ReLU applied after the layer (a^{l,d} = R(z^{l,d})): true, but about the activation, not a gradient of the convolution",
    ),
    {
      line: 78,
      snippet:
        "\\frac{\\partial C}{\\partial a^{l-1}_{x,y,z}} = \\sum_d\\left(\\sum_{x'}\\sum_{y'}\\frac{\\partial C}{\\partial z^{l,d}_{x',y'}}\\frac{\\partial z^{l,d}_{x',y'}}{\\partial a^{l-1}_{x,y,z}}\\right)",
      truth: "holds",
      target: "dX",
      why: "a^{l-1}_{x,y,z} enters the outputs z^{l,d}_{x',y'} of every output channel d: the chain rule over all of them, ∂z^{l,d}_{x',y'}/∂a^{l-1}_{x,y,z} = w^{l,d}_{x−x',y−y',z} (0 where that is off the kernel)",
      claimed: dX,
    },
    {
      line: 82,
      snippet:
        "\\frac{\\partial C}{\\partial a^{l-1}_{x,y,z}} = \\sum_d\\left(\\sum_{x'}\\sum_{y'}\\delta^{l,d}_{x',y'}\\frac{\\partial z^{l,d}_{x',y'}}{\\partial a^{l-1}_{x,y,z}}\\right)",
      truth: "holds",
      target: "dX",
      why: "line 78 with ∂C/∂z^{l,d}_{x',y'} written δ^{l,d}_{x',y'} (line 57)",
      claimed: dX,
    },
    {
      line: 86,
      snippet:
        "\\frac{\\partial C}{\\partial a^{l-1}_{x,y,z}} = \\sum_d\\left(\\sum_{x'}\\sum_{y'}\\delta^{l,d}_{x',y'}\\frac{\\partial \\sum_i\\sum_j\\sum_k w^{l,d}_{i,j,k}a^{l-1}_{x'+i,y'+j,k} + b^{l,d}}",
      truth: "holds",
      target: "dX",
      why: "line 82 with z^{l,d}_{x',y'} expanded as the forward pass Σ_{i,j,k} w^{l,d}_{i,j,k} a^{l-1}_{x'+i,y'+j,k} + b^{l,d}; its derivative with respect to a^{l-1}_{x,y,z} is w^{l,d}_{x−x',y−y',z}",
      claimed: dX,
    },
    other(88, "x=x'+i", survive),
    other(88, "y=y'+j", survive),
    other(88, "z=k", survive + " (z here the input channel)"),
    other(88, "i=x-x'", survive),
    other(88, "j=y-y'", survive),
    other(88, "k=z", survive),
    {
      line: 90,
      snippet: "\\frac{\\partial C}{\\partial a^{l-1}_{x,y,z}}",
      truth: "holds",
      target: "dX",
      why: "the input gradient: Σ_d Σ_{x',y'} δ^{l,d}_{x',y'} w^{l,d}_{x−x',y−y',z}, the output delta fully convolved with each kernel slice, summed over the output channels",
      claimed: dX,
    },
    {
      line: 104,
      snippet: "\\frac{\\partial C}{\\partial w^{l,d}_{i,j,k}}",
      truth: "holds",
      target: "dW",
      why: "w^{l,d}_{i,j,k} enters every output z^{l,d}_{x,y} of channel d (and no other channel's): the chain rule over them, ∂z^{l,d}_{x,y}/∂w^{l,d}_{i,j,k} = a^{l-1}_{x+i,y+j,k}",
      claimed: dW,
    },
    {
      line: 106,
      snippet: "= \\sum_x\\sum_y \\delta^{l,d}_{x,y}\\frac{\\partial z^{l,d}_{x,y}}{\\partial w^{l,d}_{i,j,k}}",
      truth: "holds",
      target: "dW",
      why: "the chain rule of line 104 with ∂C/∂z^{l,d}_{x,y} written δ^{l,d}_{x,y}",
      claimed: dW,
    },
    {
      line: 110,
      snippet: "\\frac{\\partial C}{\\partial w^{l,d}_{i,j,k}}",
      truth: "holds",
      target: "dW",
      why: "line 106 with z^{l,d}_{x,y} expanded (primed summation indices); its derivative with respect to w^{l,d}_{i,j,k} is a^{l-1}_{x+i,y+j,k}",
      claimed: dW,
    },
    other(113, "i=i'", survive),
    other(113, "j=j'", survive),
    other(113, "k=k'", survive),
    {
      line: 115,
      snippet: "\\frac{\\partial C}{\\partial w^{l,d}_{i,j,k}}",
      truth: "holds",
      target: "dW",
      why: "the kernel gradient: Σ_{x,y} δ^{l,d}_{x,y} a^{l-1}_{x+i,y+j,k}, the delta of output channel d slid over input channel k",
      claimed: dW,
    },
    // the boxed results (empheq), found once verify read that environment (added then, with the truths the
    // header had established for them)
    other(13, "(f\\ast{}g){(t)}:= \\int", "the continuous convolution's definition (an integral), not about the layer"),
    {
      line: 19,
      snippet: "(f\\ast{}g){(x, y)}:= \\sum_i\\sum_j f{(i, j)}g{(x-i, y-j)}",
      truth: "definition",
      why: "defines ∗, true convolution, Σ_{i,j} f(i, j) g(x − i, y − j)",
    },
    {
      line: 25,
      snippet: "(f\\star{}g){(x, y)}:= \\sum_i\\sum_j f{(i, j)}g{(x+i, y+j)}",
      truth: "definition",
      why: "defines ⋆, cross-correlation with f the window slid over g: Σ_{i,j} f(i, j) g(x + i, y + j)",
    },
    {
      line: 34,
      snippet: "\\matr{Z}^{l,d} = (\\matr{A}^{l-1}\\star\\matr{W}^{l,d})+b^{l,d}",
      truth: "fails",
      target: "Y",
      why: "with the document's ⋆ (line 25) A^{l-1} ⋆ W^{l,d} is Σ_{i,j,k} a^{l-1}_{i,j,k} w^{l,d}_{x+i,y+j,k}: the input slid over the kernel, the layer's output only at x = y = 0",
      claimed: (v, [d, x, y]) =>
        qadd(
          sum(0, CI - 1, (k) =>
            sum(0, H - 1, (i) => sum(0, Wd - 1, (j) => qmul(v.x(k, i, j), v.w(d!, k, x! + i, y! + j)))),
          ),
          v.b(d!),
        ),
    },
    other(35, "\\matr{A}^{l,d} = R{(\\matr{Z}^{l,d})}", "the activation after the layer"),
    other(41, "R{(z)} = max{(0,z)}", "the ReLU's definition"),
    {
      line: 47,
      snippet: "z^{l,d}_{x,y} = \\sum_i\\sum_j\\sum_k w^{l,d}_{i,j,k}a^{l-1}_{x+i,y+j,k} + b^{l,d}",
      truth: "holds",
      target: "Y",
      why: "the component form of the forward pass: the valid cross-correlation of the kernel over the input, plus the bias",
      claimed: (v, [d, x, y]) =>
        qadd(
          sum(0, CI - 1, (k) =>
            sum(0, KH - 1, (i) => sum(0, KW - 1, (j) => qmul(v.w(d!, k, i, j), v.x(k, x! + i, y! + j)))),
          ),
          v.b(d!),
        ),
    },
    other(48, "a^{l,d}_{x,y} = R{(z^{l,d}_{x,y})}", "the activation after the layer, entry by entry"),
    other(66, "R'{(z)}=", "the ReLU's derivative"),
    {
      line: 96,
      snippet: "\\nabla_{\\matr{a}^{l-1}_z}C = \\sum_d (\\matr{W}^{l,d}_z\\ast\\matr{\\delta}^{l,d})",
      truth: "holds",
      target: "dX",
      why: "with ∗ as defined at line 19 (true convolution, commutative), Σ_d W^{l,d}_z ∗ δ^{l,d} is Σ_d Σ_{x',y'} δ^{l,d}_{x',y'} w^{l,d}_{x−x',y−y',z}: the input gradient (line 90)",
      claimed: dX,
    },
    {
      line: 121,
      snippet: "\\nabla_{\\matr{W}^{l,d}_k}C = \\matr{A}^{l-1}_k\\star\\matr{\\delta}^{l,d}",
      truth: "fails",
      target: "dW",
      why: "with the document's ⋆ (line 25) A^{l-1}_k ⋆ δ^{l,d} at (i, j) is Σ_{x,y} a^{l-1}_{x,y,k} δ^{l,d}_{x+i,y+j}: the gradient at the offset (−i, −j), right only at i = j = 0; its own line 115 is δ^{l,d} ⋆ A^{l-1}_k",
      claimed: (v, [d, k, i, j]) =>
        sum(0, H - 1, (x) => sum(0, Wd - 1, (y) => qmul(v.x(k!, x, y), v.dy(d!, x + i!, y + j!)))),
    },
  ],
};
export default src;
