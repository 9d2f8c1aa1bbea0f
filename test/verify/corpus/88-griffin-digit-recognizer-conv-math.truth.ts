/**
 * Juan Griffin, the Markdown cells "Convolutional layer" and "Recap" of his notebook jupyter_stuff/Math.ipynb (the
 * mathematics of his NumPy digit recognizer, repository juangriffin121/Digit_recognizer, December 2023): the forward
 * pass of a multi-channel convolution layer in operator form (y_n = Σ_m k_{nm} * x_m + b_n, y = K (·*) x + b) and in
 * index notation, then ∂E/∂x and ∂E/∂k derived link by link with Kronecker deltas (the local derivatives
 * ∂y_{nij}/∂x_{luv} and ∂y_{nij}/∂k_{νμuv}, the chain rules over the outputs, their closed forms and operator forms),
 * and ∂E/∂b; the recap repeats the forward pass and the backward formulas.
 * Layer: as the index notation writes it, y_{nij} = Σ_m Σ_{a,b} x_{m,(i−⌊L/2⌋+a, j−⌊L/2⌋+b)} k_{nmab} + b_{nij} — a
 * cross-correlation (k_{nmab} multiplies the entry at offset +a, +b), 0-based (the sums start at (0,0)), kernel
 * k_{nmab} with the output channel first (the oracle's W[o, c, a, b]), input x_{m,i,j} (X[c, i, j]), output
 * y_{nij} (Y[o, i, j]), stride 1. The window is centred (−⌊L/2⌋, L the kernel's side, never defined in the text) and
 * the outputs run over the input's own positions (the sums over i, j run to "ImShape", the image's shape): the
 * output has the input's size, the entries off the image read 0 — "same" zero padding. (The notebook's code,
 * convolucional.py, uses a valid correlate2d instead; the notes are checked as written.) Sizes chosen by us: two
 * input and two output channels (the smallest multi-channel layer; the text's "feats" output images and any number
 * of input images — its own network has one input channel, "black or white"), a 4×4 image and a 3×3 kernel (L = 3,
 * ⌊L/2⌋ = 1, odd as a centred kernel needs), so a 4×4 output per channel.
 * Readings: the sums' upper bounds (KShape), shape(y), ImShape, feats are written as if inclusive; the terms past the
 * last index are 0 (k, ∂E/∂y are 0 off their arrays), so the bounds are read as the arrays' ranges. The bias is
 * written per position, b_{nij} (a bias image b_n; the notebook's code draws one bias per output entry, an untied
 * bias); the oracle and convgrad's --bias have one bias per output channel — the case of a bias image constant over
 * i, j — so the forward passes are checked with v.b(n), and the bias gradient ∂E/∂b = ∂E/∂y (lines 158, 197), true
 * for the untied bias image (b_{nij} enters y_{nij} alone, with coefficient 1) but not for a per-channel bias (whose
 * gradient is Σ_{i,j} ∂E/∂y_{nij}), is "other", as in corpus 76. The source's * is the one it defines (lines 10,
 * 12): (A * B)_{ij} = Σ_{(a,b)} B_{(i−⌊L/2⌋+a, j−⌊L/2⌋+b)} A_{ab}, the first operand's indices summed, the second
 * operand shifted, ⌊L/2⌋ the layer's 1; (·*) (line 20) sums these products over the shared channel index like a
 * matrix product. Local derivatives ∂y_{nij}/∂… are checked through the chain rule of their own derivation (lines 74,
 * 128): Σ_{n,i,j} ∂E/∂y_{nij} times the claimed derivative must be the true gradient at every entry.
 * The source's mistake: the input gradient in convolution form (lines 91 and 177, ∂E/∂x_l = Σ_n ∂E/∂y_n * k_{nl}, and
 * their operator forms 96 and 182, ∂E/∂x = ∂E/∂y (·*) K) uses the same * as the forward pass, with the kernel
 * unrotated: its own closed form one step earlier (line 84) is Σ_{n,i,j} ∂E/∂y_{nij} k_{n,l,(U−i+⌊L/2⌋),(V−j+⌊L/2⌋)},
 * the kernel read backwards (the prose says "90 degree rotated kernel", itself wrong: it is 180 degrees), while
 * (∂E/∂y_n * k_{nl})_{UV} = Σ_{i,j} ∂E/∂y_{nij} k_{n,l,(U−⌊L/2⌋+i),(V−⌊L/2⌋+j)} reads it forwards (reading * the
 * other way round, the kernel sliding over ∂E/∂y, Σ_{a,b} ∂E/∂y_{n,(U−1+a),(V−1+b)} k_{nlab}, is wrong too). The
 * notebook's code is right (convolve2d, a true convolution); the notes are not. A typo with no effect on the value:
 * line 41 writes \delta_{v,j−⌊L/2⌋+b)} with an unopened parenthesis.
 * Everything else holds: the forward passes (17, 23, 31, 101, 167, 170), the local derivatives with respect to x
 * (38, 46, 59, 64, 69) and k (106, 113, 118, 123), the chain rules and closed forms of ∂E/∂x (74, 79, 84) and ∂E/∂k
 * (128, 133, 138, 143), ∂E/∂k_{νμ} = ∂E/∂y_ν * x_μ (148, 187: with the source's * the first operand's indices i, j
 * are summed and x is shifted, Σ_{i,j} ∂E/∂y_{νij} x_{μ,(i−1+u),(j−1+v)}, the kernel gradient) and its array form
 * ∂E/∂K = ∂E/∂y (⊗*) x (153, 192: (⊗*) is not defined; read as the outer analog of (·*), the entry (ν, μ) being
 * ∂E/∂y_ν * x_μ, as the dense layer's I ⊗ x is the outer product).
 * Definitions: the operator * (10, 12) and the names U, V, a, b (50–56: U = i − ⌊L/2⌋ + a and its inverse
 * a = U − i + ⌊L/2⌋, consistent). Other: θ = (K, b) (26), the bias gradients (158, 197).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const C = 2, // input channels m, l, μ
  F = 2, // output channels n, ν ("feats")
  H = 4, // the image's side (ImShape), also the output's
  L = 3, // the kernel's side
  P = Math.floor(L / 2); // ⌊L/2⌋ = 1

const ind = (c: boolean): Q => (c ? { n: 1n, d: 1n } : Q0);

/** Σ_m Σ_{a,b} x_{m,(i−⌊L/2⌋+a),(j−⌊L/2⌋+b)} k_{nmab} + b: the forward pass (the bias image constant, b_n). */
const fwd = (v: Access, [n, i, j]: number[]): Q =>
  qadd(
    sum(0, C - 1, (m) =>
      sum(0, L - 1, (a) => sum(0, L - 1, (b) => qmul(v.x(m, i! - P + a, j! - P + b), v.w(n!, m, a, b)))),
    ),
    v.b(n!),
  );

/** Σ_{n,i,j} ∂E/∂y_{nij} · d(n, i, j): a local derivative ∂y_{nij}/∂(…) checked through the chain rule. */
const through = (v: Access, d: (n: number, i: number, j: number) => Q): Q =>
  sum(0, F - 1, (n) => sum(0, H - 1, (i) => sum(0, H - 1, (j) => qmul(v.dy(n, i, j), d(n, i, j)))));

/** ∂y_{nij}/∂x_{luv} as the Kronecker-delta sums write it: Σ_m Σ_{a,b} δ_{ml} δ_{u,(i−P+a)} δ_{v,(j−P+b)} k_{nmab}. */
const dyDxDeltas = (v: Access, n: number, i: number, j: number, l: number, u: number, w: number): Q =>
  sum(0, C - 1, (m) =>
    sum(0, L - 1, (a) =>
      sum(0, L - 1, (b) => qmul(ind(m === l && u === i - P + a && w === j - P + b), v.w(n, m, a, b))),
    ),
  );
/** ∂y_{nij}/∂x_{l,U,V} = k_{n,l,(U−i+P),(V−j+P)} (0 off the kernel). */
const dyDx = (v: Access, n: number, i: number, j: number, l: number, u: number, w: number): Q =>
  v.w(n, l, u - i + P, w - j + P);

/** Σ_n Σ_{i,j} ∂E/∂y_{nij} k_{n,l,(U−i+P),(V−j+P)}: the input gradient (line 84). */
const dX = (v: Access, [l, u, w]: number[]): Q =>
  sum(0, F - 1, (n) => sum(0, H - 1, (i) => sum(0, H - 1, (j) => qmul(v.dy(n, i, j), dyDx(v, n, i, j, l!, u!, w!)))));
/** Σ_n (∂E/∂y_n * k_{nl})_{UV} with the source's *: Σ_n Σ_{i,j} ∂E/∂y_{nij} k_{n,l,(U−P+i),(V−P+j)} (lines 91, 96). */
const dXstar = (v: Access, [l, u, w]: number[]): Q =>
  sum(0, F - 1, (n) =>
    sum(0, H - 1, (i) => sum(0, H - 1, (j) => qmul(v.dy(n, i, j), v.w(n, l!, u! - P + i, w! - P + j)))),
  );

/** ∂y_{nij}/∂k_{νμuv} = δ_{νn} x_{μ,(i−P+u),(j−P+v)}. */
const dyDk = (v: Access, n: number, i: number, j: number, [nu, mu, u, w]: number[]): Q =>
  qmul(ind(n === nu), v.x(mu!, i - P + u!, j - P + w!));
/** Σ_m Σ_{a,b} x_{m,(i−P+a),(j−P+b)} δ_{νn} δ_{μm} δ_{ua} δ_{vb} (line 118). */
const dyDkDeltas = (v: Access, n: number, i: number, j: number, [nu, mu, u, w]: number[]): Q =>
  sum(0, C - 1, (m) =>
    sum(0, L - 1, (a) =>
      sum(0, L - 1, (b) => qmul(v.x(m, i - P + a, j - P + b), ind(nu === n && mu === m && u === a && w === b))),
    ),
  );
/** Σ_{i,j} ∂E/∂y_{νij} x_{μ,(i−P+u),(j−P+v)}: the kernel gradient (line 138), also (∂E/∂y_ν * x_μ)_{uv} with the source's *. */
const dW = (v: Access, [nu, mu, u, w]: number[]): Q =>
  sum(0, H - 1, (i) => sum(0, H - 1, (j) => qmul(v.dy(nu!, i, j), v.x(mu!, i - P + u!, j - P + w!))));

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const definition = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});

const forwardWhy =
  "the layer's forward pass: Σ_m Σ_{a,b} x_{m,(i−⌊L/2⌋+a),(j−⌊L/2⌋+b)} k_{nmab} plus the bias (checked with a bias constant over i, j)";
const biasWhy =
  "the gradient of the notes' per-position bias image b_{nij}: true for it (b_{nij} enters y_{nij} alone, with coefficient 1), but the oracle's layer has one bias per output channel (gradient Σ_{i,j} ∂E/∂y_{nij}), so it is not checked here";

const src: CorpusSource = {
  file: "88-griffin-digit-recognizer-conv-math.md",
  citation:
    'Juan Griffin (GitHub: juangriffin121, juanogriffin@gmail.com), the Markdown cells "Convolutional layer" and "Recap" of his notebook jupyter_stuff/Math.ipynb in the repository juangriffin121/Digit_recognizer (a NumPy digit recognizer), added in commit 739b0f9032178f9e1b06774c64a5e251dab37a26 (24 December 2023) and read at it: the forward pass of a multi-channel convolution layer with a bias in operator and index form, ∂E/∂x and ∂E/∂k derived with Kronecker deltas, ∂E/∂b, and the recap of the forward and backward formulas',
  url: "https://github.com/juangriffin121/Digit_recognizer/blob/739b0f9032178f9e1b06774c64a5e251dab37a26/jupyter_stuff/Math.ipynb",
  flags: [
    "--input",
    "4x4",
    "--kernel",
    "3x3",
    "--op",
    "xcorr",
    "--padding",
    "same",
    "--in-channels",
    "2",
    "--out-channels",
    "2",
    "--bias",
    "--index-base",
    "0",
  ],
  layer: {
    op: "xcorr",
    input: [H, H],
    kernel: [L, L],
    stride: [1, 1],
    dilation: [1, 1],
    padding: "same",
    inChannels: C,
    outChannels: F,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    definition(10, "\\textbf{v} = k*\\textbf{u}", "names the notes' operation *: the kernel k slid over the image u"),
    definition(
      12,
      "v_{ij} = \\sum \\limits_{(a,b) = (0,0)}^{(KShape)}",
      "defines * (a centred cross-correlation: v_{ij} = Σ_{a,b} u_{(i−⌊L/2⌋+a),(j−⌊L/2⌋+b)} k_{ab}), an operator on any k, u",
    ),
    {
      line: 17,
      snippet: "\\textbf{y}_n = \\sum \\limits_{m} \\textbf{k}_{nm}*\\textbf{x}_m + \\textbf{b}_n",
      truth: "holds",
      target: "Y",
      why: `output image n is Σ_m k_{nm} * x_m plus its bias image, with the * of line 12 — ${forwardWhy}`,
      claimed: fwd,
    },
    {
      line: 23,
      snippet:
        "\\textbf{y} =  l( \\textbf{x},( \\textbf{K}, \\textbf{b})) = \\textbf{K} (\\cdot*) \\textbf{x} + \\textbf{b}",
      truth: "holds",
      target: "Y",
      why: "the layer's function l in operator form: (·*) is line 17's Σ_m k_{nm} * x_m for every n, so K (·*) x + b is the forward pass",
      claimed: fwd,
    },
    other(
      26,
      "\\theta = ( \\textbf{K} , \\textbf{b})",
      "names the layer's parameters, not an equation between tensors",
    ),
    {
      line: 31,
      snippet: "y_{nij} =  \\sum \\limits_{m} [\\textbf{k}_{nm}*\\textbf{x}_m]_{ij} + b_{nij}",
      truth: "holds",
      target: "Y",
      why: `the index expansion of line 17, both links: [k_{nm} * x_m]_{ij} by line 12's definition — ${forwardWhy}`,
      claimed: (v, idx) => chain(fwd(v, idx), fwd(v, idx)),
    },
    {
      line: 38,
      snippet: "\\frac{\\partial y_{nij}}{\\partial x_{luv}} ",
      truth: "holds",
      target: "dX",
      why: "∂y_{nij}/∂x_{luv}: the derivative of the forward pass, then Σ_m Σ_{a,b} δ_{ml} δ_{u,(i−⌊L/2⌋+a)} δ_{v,(j−⌊L/2⌋+b)} k_{nmab} and the sum over m done — every link is k_{n,l,(u−i+⌊L/2⌋),(v−j+⌊L/2⌋)} (the bias does not depend on x); checked through the chain rule of line 74",
      claimed: (v, [l, u, w]) =>
        through(v, (n, i, j) =>
          chain(
            dyDx(v, n, i, j, l!, u!, w!),
            dyDxDeltas(v, n, i, j, l!, u!, w!),
            dyDxDeltas(v, n, i, j, l!, u!, w!),
            sum(0, L - 1, (a) => sum(0, L - 1, (b) => qmul(ind(u === i - P + a && w === j - P + b), v.w(n, l!, a, b)))),
          ),
        ),
    },
    {
      line: 46,
      snippet: "\\frac{\\partial y_{nij}}{\\partial x_{luv}} ",
      truth: "holds",
      target: "dX",
      why: "the last link of line 38 again: Σ_{a,b} δ_{u,(i−⌊L/2⌋+a)} δ_{v,(j−⌊L/2⌋+b)} k_{nlab} = k_{n,l,(u−i+⌊L/2⌋),(v−j+⌊L/2⌋)}; checked through the chain rule of line 74",
      claimed: (v, [l, u, w]) => through(v, (n, i, j) => dyDxDeltas(v, n, i, j, l!, u!, w!)),
    },
    definition(
      50,
      "U = (i-{\\lfloor}\\frac{L}{2}{\\rfloor} + a)",
      "names the input row U that the kernel row a meets at output row i",
    ),
    definition(52, "V = (j-{\\lfloor}\\frac{L}{2}{\\rfloor} + b)", "names the input column V met by kernel column b"),
    definition(
      54,
      "a = U-i + {\\lfloor}\\frac{L}{2}{\\rfloor}",
      "line 50 solved for a: the kernel row that links input row U to output row i",
    ),
    definition(56, "b = V-j + {\\lfloor}\\frac{L}{2}{\\rfloor}", "line 52 solved for b"),
    {
      line: 59,
      snippet: "\\frac{\\partial y_{nij}}{\\partial x_{luv}} ",
      truth: "holds",
      target: "dX",
      why: "line 46 with U, V of lines 50, 52: Σ_{a,b} δ_{u,U} δ_{v,V} k_{nlab}, the one term with U = u, V = v; checked through the chain rule of line 74",
      claimed: (v, [l, u, w]) => through(v, (n, i, j) => dyDxDeltas(v, n, i, j, l!, u!, w!)),
    },
    {
      line: 64,
      snippet: "\\frac{\\partial y_{nij}}{\\partial x_{lUV}} ",
      truth: "holds",
      target: "dX",
      why: "∂y_{nij}/∂x_{lUV} = k_{nlab} with a, b the kernel indices of lines 54, 56 (a = U − i + ⌊L/2⌋; 0 where that is off the kernel); checked through the chain rule of line 74",
      claimed: (v, [l, u, w]) => through(v, (n, i, j) => dyDx(v, n, i, j, l!, u!, w!)),
    },
    {
      line: 69,
      snippet: "\\frac{\\partial y_{nij}}{\\partial x_{l,U,V}} ",
      truth: "holds",
      target: "dX",
      why: "line 64 with a, b substituted: k_{n,l,(U−i+⌊L/2⌋),(V−j+⌊L/2⌋)}; checked through the chain rule of line 74",
      claimed: (v, [l, u, w]) => through(v, (n, i, j) => dyDx(v, n, i, j, l!, u!, w!)),
    },
    {
      line: 74,
      snippet: "\\frac{\\partial E}{\\partial x_{l,U,V}}",
      truth: "holds",
      target: "dX",
      why: "the chain rule over every output y_{nij} (the sum to shape(y) read as the output's range): x_{lUV} reaches E only through them",
      claimed: dX,
    },
    {
      line: 79,
      snippet: "\\frac{\\partial E}{\\partial x_{l,U,V}}",
      truth: "holds",
      target: "dX",
      why: "line 74 with the sum split over the output images n and their positions i, j (ImShape: the output has the image's size)",
      claimed: dX,
    },
    {
      line: 84,
      snippet: "\\frac{\\partial E}{\\partial x_{l,U,V}}",
      truth: "holds",
      target: "dX",
      why: "line 79 with ∂y_{nij}/∂x_{lUV} of line 69: Σ_n Σ_{i,j} ∂E/∂y_{nij} k_{n,l,(U−i+⌊L/2⌋),(V−j+⌊L/2⌋)}, the input gradient (the kernel read backwards)",
      claimed: dX,
    },
    {
      line: 91,
      snippet: "\\frac{\\partial E}{\\partial x_{l}}",
      truth: "fails",
      target: "dX",
      why: "with the notes' * (line 12), (∂E/∂y_n * k_{nl})_{UV} = Σ_{i,j} ∂E/∂y_{nij} k_{n,l,(U−⌊L/2⌋+i),(V−⌊L/2⌋+j)}: the kernel read forwards where line 84 reads it backwards (U − i + ⌊L/2⌋) — the 'rotated kernel' the prose mentions is missing from the formula (and the other reading of *, Σ_{a,b} ∂E/∂y_{n,(U−1+a),(V−1+b)} k_{nlab}, is the unrotated kernel too)",
      claimed: dXstar,
    },
    {
      line: 96,
      snippet: "\\frac{\\partial E}{\\partial \\textbf x}",
      truth: "fails",
      target: "dX",
      why: "line 91 in operator form ((·*) sums ∂E/∂y_n * k_{nl} over n): the same unrotated kernel",
      claimed: dXstar,
    },
    {
      line: 101,
      snippet: "y_{nij}",
      truth: "holds",
      target: "Y",
      why: `line 31's index form restated — ${forwardWhy}`,
      claimed: fwd,
    },
    {
      line: 106,
      snippet: "\\frac{\\partial y_{nij}}{\\partial k_{\\nu\\mu uv}}",
      truth: "holds",
      target: "dW",
      why: "∂y_{nij}/∂k_{νμuv} written as the derivative of the forward pass: δ_{νn} x_{μ,(i−⌊L/2⌋+u),(j−⌊L/2⌋+v)}; checked through the chain rule of line 128",
      claimed: (v, idx) => through(v, (n, i, j) => dyDk(v, n, i, j, idx)),
    },
    {
      line: 113,
      snippet: "\\frac{\\partial y_{nij}}{\\partial k_{\\nu\\mu uv}}",
      truth: "holds",
      target: "dW",
      why: "the derivative moved inside the sums, onto k_{nmab} (the bias does not depend on k): the same value; checked through the chain rule of line 128",
      claimed: (v, idx) => through(v, (n, i, j) => dyDkDeltas(v, n, i, j, idx)),
    },
    {
      line: 118,
      snippet: "\\frac{\\partial y_{nij}}{\\partial k_{\\nu\\mu uv}}",
      truth: "holds",
      target: "dW",
      why: "∂k_{nmab}/∂k_{νμuv} = δ_{νn} δ_{μm} δ_{ua} δ_{vb}; checked through the chain rule of line 128",
      claimed: (v, idx) => through(v, (n, i, j) => dyDkDeltas(v, n, i, j, idx)),
    },
    {
      line: 123,
      snippet: "\\frac{\\partial y_{nij}}{\\partial k_{\\nu\\mu uv}}",
      truth: "holds",
      target: "dW",
      why: "the sums over m, a, b done: δ_{νn} x_{μ,(i−⌊L/2⌋+u),(j−⌊L/2⌋+v)}; checked through the chain rule of line 128",
      claimed: (v, idx) => through(v, (n, i, j) => dyDk(v, n, i, j, idx)),
    },
    {
      line: 128,
      snippet: "\\frac{\\partial E}{\\partial k_{\\nu\\mu uv}}",
      truth: "holds",
      target: "dW",
      why: "the chain rule over every output y_{nij}: k_{νμuv} is shared by all positions of output image ν",
      claimed: dW,
    },
    {
      line: 133,
      snippet: "\\frac{\\partial E}{\\partial k_{\\nu\\mu uv}}",
      truth: "holds",
      target: "dW",
      why: "line 128 with ∂y_{nij}/∂k_{νμuv} of line 123",
      claimed: dW,
    },
    {
      line: 138,
      snippet: "\\frac{\\partial E}{\\partial k_{\\nu\\mu uv}}",
      truth: "holds",
      target: "dW",
      why: "δ_{νn} keeps n = ν: Σ_{i,j} ∂E/∂y_{νij} x_{μ,(i−⌊L/2⌋+u),(j−⌊L/2⌋+v)}, the kernel gradient",
      claimed: dW,
    },
    {
      line: 143,
      snippet: "\\frac{\\partial E}{\\partial k_{\\nu\\mu uv}}",
      truth: "holds",
      target: "dW",
      why: "line 138 written again, unchanged",
      claimed: dW,
    },
    {
      line: 148,
      snippet: "\\frac{\\partial E}{\\partial k_{\\nu\\mu}}",
      truth: "holds",
      target: "dW",
      why: "with the notes' * (line 12: the first operand's indices summed, the second shifted by −⌊L/2⌋), (∂E/∂y_ν * x_μ)_{uv} = Σ_{i,j} ∂E/∂y_{νij} x_{μ,(u−⌊L/2⌋+i),(v−⌊L/2⌋+j)}: line 138",
      claimed: dW,
    },
    {
      line: 153,
      snippet: "\\frac{\\partial E}{\\partial \\textbf K}",
      truth: "holds",
      target: "dW",
      why: "the undefined (⊗*) read as the outer analog of (·*) (entry ν, μ: ∂E/∂y_ν * x_μ, no sum), line 148 for every pair of channels",
      claimed: dW,
    },
    other(158, "\\frac{\\partial E}{\\partial \\textbf b} = \\frac{\\partial E}{\\partial \\textbf y}", biasWhy),
    {
      line: 167,
      snippet: "\\textbf{y} = \\textbf{K} (\\cdot*) \\textbf{x} + \\textbf{b}",
      truth: "holds",
      target: "Y",
      why: "the recap's forward pass in operator form, as line 23",
      claimed: fwd,
    },
    {
      line: 170,
      snippet: "y_{nij} =  \\sum \\limits_{m} [\\textbf{k}_{nm}*\\textbf{x}_m]_{ij} + b_{nij}",
      truth: "holds",
      target: "Y",
      why: `the recap's index form, as line 31 — ${forwardWhy}`,
      claimed: (v, idx) => chain(fwd(v, idx), fwd(v, idx)),
    },
    {
      line: 177,
      snippet: "\\frac{\\partial E}{\\partial x_{l}}",
      truth: "fails",
      target: "dX",
      why: "the recap's input gradient, line 91 again: the kernel unrotated under the notes' *",
      claimed: dXstar,
    },
    {
      line: 182,
      snippet: "\\frac{\\partial E}{\\partial \\textbf x}",
      truth: "fails",
      target: "dX",
      why: "the recap's operator form, line 96 again: the kernel unrotated",
      claimed: dXstar,
    },
    {
      line: 187,
      snippet: "\\frac{\\partial E}{\\partial k_{\\nu\\mu}}",
      truth: "holds",
      target: "dW",
      why: "the recap's kernel gradient, line 148 again",
      claimed: dW,
    },
    {
      line: 192,
      snippet: "\\frac{\\partial E}{\\partial \\textbf K}",
      truth: "holds",
      target: "dW",
      why: "the recap's array form, line 153 again",
      claimed: dW,
    },
    other(197, "\\frac{\\partial E}{\\partial \\textbf b} = \\frac{\\partial E}{\\partial \\textbf y}", biasWhy),
  ],
};
export default src;
