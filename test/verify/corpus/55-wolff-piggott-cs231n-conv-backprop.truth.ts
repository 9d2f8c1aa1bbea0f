/**
 * Tim Wolff-Piggott, "CS231n Backpropagation for convolutional neural network": a post of April 2017 on his Jekyll
 * blog (the Markdown file _posts/2017-04-08-CS231n-Backpropagation-Convolutional-Neural-Network.md, read in the
 * repository conanjm/twolffpiggott.github.io at its July 2018 commit) — the CS231n assignment's convolution layer with
 * zero padding, its output size worked out in numbers, one output entry written as a sum over the padded input, the
 * four local derivatives ∂y/∂x_{11} read off entry by entry, and the input gradient of x_{11} as a chain rule and its
 * four-term expansion (then "the inverted filter" on the zero-padded dY).
 * Layer: the post's own — input depth C = 3, height and width 5, F = 2 filters of 3×3 (W = (2, 3, 3, 3)), zero
 * padding P = 1, stride S = 1, so Y is 2×5×5; with a bias (the post's db and its code's "+ b[0]"); a
 * cross-correlation (y_{21} = Σ xpad_{(1+i)j} w_{ij}, the code's X[0, :, :3, :3] * W[0]); 1-based (y_{11}, x_{11},
 * w_{11}, d = 1 … 3). The post's N = 4 observations are not kept (batch null, our choice): none of its formulas
 * carries an observation index. Its superscripts: on y (and dL/dy) the filter, y^{(1)}_{ij} = Y[1, i, j]; on x and
 * xpad the input depth, x^{(d)}_{ij} = X[d, i, j], xpad^{(d)}_{ab} = X[d, a − 1, b − 1] (0 in the padding); on w the
 * input depth of the FIRST filter (the post: "the application of the first filter"), w^{(d)}_{ij} = W[1, d, i, j].
 * The post's mistakes: line 40 writes y_{21}^{(1)} as "the dot product" Σ_{d,i,j} xpad_{(1+i)j}^{(d)} w_{ij}^{(d)}
 * and leaves out the bias b_1 that the layer adds (the post's own code: "+ b[0]"; its db) — fails, as Dahal's
 * forward pass (corpus 31) does. Line 50 writes dL/dx_{11}^{(1)} as a sum over the first filter's outputs only,
 * Σ_{i,j} dL/dy^{(1)}_{ij} dy^{(1)}_{ij}/dx^{(1)}_{11}, and its expansion has the four terms of filter 1: but
 * x^{(1)}_{11} enters the outputs of BOTH filters (F = 2), so the gradient also has filter 2's four terms
 * dL/dy^{(2)}_{11} W[2,1,2,2] + … — both links fail alike (the post's code does sum over "for m in range(F)"; its
 * formula does not). With one filter the chain would hold.
 * Holds: the size H_out = (5 − 3 + 2×1)/1 + 1 = 5 (line 12), and the local derivatives dy_{11}/dx_{11} = w_{22},
 * dy_{12}/dx_{11} = w_{21}, dy_{22}/dx_{11} = w_{11} (line 44; with padding 1, y_{pq} = Σ_{ij} x_{p+i−2, q+j−2} w_{ij},
 * so ∂y_{pq}/∂x_{rs} = w_{r−p+2, s−q+2}). Each is checked through the chain rule at the one entry dX[1,1,1]: its
 * term takes the written derivative, every other term the true one, every other entry of dX its true value.
 * Other: the shapes X = (4,3,5,5), W = (2,3,3,3), dY = (4,2,5,5), Y = (4,2,5,5) (the assignment's, with N = 4),
 * the counts F = 2, N = 4, and the index (d=1, i=1, j=2) of the term holding x_{11} (line 44, which is right).
 * Not found by verify, so not listed: the inline "dy_{21}/dx_{11}, is w_{12}" of line 44 (written in words; right).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const C = 3,
  F = 2,
  H = 5,
  K = 3; // 3×5×5 input, 2 filters of 3×3×3, padding 1, stride 1: Y is 2×5×5

/** xpad^{(d)}_{ab}: the zero-padded input (padding 1), 1-based on both. */
const xpad = (v: Access, d: number, a: number, b: number): Q => v.x(d, a - 1, b - 1);
/** y^{(o)}_{pq} = Σ_{d,i,j} xpad^{(d)}_{(p−1+i)(q−1+j)} W[o,d,i,j] + b_o: the layer's forward pass. */
const fwd = (v: Access, o: number, p: number, q: number): Q =>
  qadd(
    sum(1, C, (d) => sum(1, K, (i) => sum(1, K, (j) => qmul(xpad(v, d, p - 1 + i, q - 1 + j), v.w(o, d, i, j))))),
    v.b(o),
  );
/** ∂y^{(o)}_{pq}/∂x^{(c)}_{rs} = W[o, c, r − p + 2, s − q + 2] (0 off the kernel). */
const local = (v: Access, o: number, c: number, p: number, q: number, r: number, s: number): Q =>
  v.w(o, c, r - p + 2, s - q + 2);
/** dL/dx^{(c)}_{rs} = Σ_{o,p,q} dL/dy^{(o)}_{pq} ∂y^{(o)}_{pq}/∂x^{(c)}_{rs}: the true input gradient. */
const trueDX = (v: Access, c: number, r: number, s: number): Q =>
  sum(1, F, (o) => sum(1, H, (p) => sum(1, H, (q) => qmul(v.dy(o, p, q), local(v, o, c, p, q, r, s)))));

/** A local derivative dy^{(1)}_{pq}/dx^{(1)}_{11} = (written): checked through the chain rule at dX[1,1,1]. */
const localAt =
  (p0: number, q0: number, written: (v: Access) => Q) =>
  (v: Access, [c, r, s]: number[]): Q =>
    c === 1 && r === 1 && s === 1
      ? sum(1, F, (o) =>
          sum(1, H, (p) =>
            sum(1, H, (q) =>
              qmul(v.dy(o, p, q), o === 1 && p === p0 && q === q0 ? written(v) : local(v, o, 1, p, q, 1, 1)),
            ),
          ),
        )
      : trueDX(v, c!, r!, s!);

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });

const src: CorpusSource = {
  file: "55-wolff-piggott-cs231n-conv-backprop.md",
  citation:
    'Tim Wolff-Piggott (GitHub: twolffpiggott), "CS231n Backpropagation for convolutional neural network", a post of 8 April 2017 on his Jekyll blog, file _posts/2017-04-08-CS231n-Backpropagation-Convolutional-Neural-Network.md (last changed 23 April 2017, commit b3cdcec4ac6a202bcd66c1702212596bad6cdfa6), read in the repository conanjm/twolffpiggott.github.io at commit e2d94f94f7cf9302a5368b5351f6cf9bc837924d (30 July 2018): the whole post (output size, one output entry over the padded input, the local derivatives ∂y/∂x_{11}, the input gradient of x_{11} as a chain rule and its expansion)',
  url: "https://github.com/conanjm/twolffpiggott.github.io/blob/e2d94f94f7cf9302a5368b5351f6cf9bc837924d/_posts/2017-04-08-CS231n-Backpropagation-Convolutional-Neural-Network.md",
  flags: [
    "--input",
    "5x5",
    "--kernel",
    "3x3",
    "--op",
    "xcorr",
    "--index-base",
    "1",
    "--padding",
    "1",
    "--in-channels",
    "3",
    "--out-channels",
    "2",
    "--bias",
  ],
  layer: {
    op: "xcorr",
    input: [H, H],
    kernel: [K, K],
    stride: [1, 1],
    dilation: [1, 1],
    padding: 1,
    inChannels: C,
    outChannels: F,
    groups: 1,
    batch: null,
    bias: true,
    indexBase: 1,
  },
  indexBase: 1,
  equations: [
    other(
      6,
      "X = \\left(  4,  3,  5,  5\\right)",
      "the assignment's input shape (N, C, H, W): a size statement (our layer keeps one observation)",
    ),
    other(6, "W = \\left(2, 3, 3, 3\\right)", "the weight tensor's shape (F, C, HH, WW): a size statement"),
    other(6, "dY = \\left(4, 2, 5, 5\\right)", "the upstream derivative's shape: a size statement"),
    other(8, "F = 2", "the number of filters"),
    {
      line: 12,
      snippet: "H_{out} &= (H−HH+2P)/S+1 & W_{out} &= (W−WW+2P)/S+1",
      truth: "holds",
      target: "size",
      why: "the output side of a 5-wide input, 3-wide filter, padding 1, stride 1: (5 − 3 + 2·1)/1 + 1 = 5, for height and width alike",
    },
    other(18, "F = 2", "the number of filters"),
    other(18, "N = 4", "the number of observations"),
    other(18, "Y = \\left(4, 2, 5, 5\\right)", "the output tensor's shape: a size statement"),
    {
      line: 40,
      snippet: "y_{21}^{(1)} &= \\sum_{d=1}^{3}\\sum_{i=1}^{3}\\sum_{j=1}^{3}xpad_{(1+i)j}^{(d)}w_{ij}^{(d)}",
      truth: "fails",
      target: "Y",
      why: "the window of y_{21} in the padded input is right (rows 2–4, columns 1–3: xpad_{(1+i)j}), but the layer adds the bias b_1 (the post's code: '+ b[0]', its db) and the written dot product leaves it out",
      claimed: (v, [o, p, q]) =>
        o === 1 && p === 2 && q === 1
          ? sum(1, C, (d) => sum(1, K, (i) => sum(1, K, (j) => qmul(xpad(v, d, 1 + i, j), v.w(1, d, i, j)))))
          : fwd(v, o!, p!, q!),
    },
    other(44, "d=1", "the depth of the term of y_{21} that holds x_{11} (xpad_{22}): an index, right"),
    other(44, "i=1", "the row of that term (1 + i = 2): an index, right"),
    other(44, "j=2", "the column of that term (xpad_{22} = x_{11}): an index, right"),
    {
      line: 44,
      snippet: "\\frac{dy_{11}^{(1)}}{dx_{11}^{(1)}}=w_{22}^{(1)}",
      truth: "holds",
      target: "dX",
      why: "y_{11}'s window is xpad rows and columns 1–3; x_{11} = xpad_{22} sits under w_{22} of the first filter, depth 1",
      claimed: localAt(1, 1, (v) => v.w(1, 1, 2, 2)),
    },
    {
      line: 44,
      snippet: "\\frac{dy_{12}^{(1)}}{dx_{11}^{(1)}}=w_{21}^{(1)}",
      truth: "holds",
      target: "dX",
      why: "y_{12}'s window is xpad columns 2–4; x_{11} = xpad_{22} sits at its row 2, column 1: w_{21}",
      claimed: localAt(1, 2, (v) => v.w(1, 1, 2, 1)),
    },
    {
      line: 44,
      snippet: "\\frac{dy_{22}^{(1)}}{dx_{11}^{(1)}}=w_{11}^{(1)}",
      truth: "holds",
      target: "dX",
      why: "y_{22}'s window starts at xpad_{22} = x_{11}: its corner, w_{11}",
      claimed: localAt(2, 2, (v) => v.w(1, 1, 1, 1)),
    },
    {
      line: 50,
      snippet:
        "\\frac{d\\mathcal{L}}{dx_{11}^{(1)}} &= \\sum_{i,\\;j} \\frac{d\\mathcal{L}}{dy_{ij}^{(1)}} \\times \\frac{dy_{ij}^{(1)}}{dx_{11}^{(1)}}",
      truth: "fails",
      target: "dX",
      why: "x^{(1)}_{11} enters the outputs of both filters (F = 2): the sum over the first filter's y_{ij}^{(1)} alone, and its four terms dL/dy_{11} w_{22} + dL/dy_{12} w_{21} + dL/dy_{21} w_{12} + dL/dy_{22} w_{11} (each right for filter 1), leave out filter 2's four",
      claimed: (v, [c, r, s]) =>
        c === 1 && r === 1 && s === 1
          ? chain(
              sum(1, H, (i) => sum(1, H, (j) => qmul(v.dy(1, i, j), local(v, 1, 1, i, j, 1, 1)))),
              sum(0, 3, (t) => {
                const terms: [number, number, number, number][] = [
                  [1, 1, 2, 2],
                  [1, 2, 2, 1],
                  [2, 1, 1, 2],
                  [2, 2, 1, 1],
                ];
                const [p, q, a, b] = terms[t]!;
                return qmul(v.dy(1, p, q), v.w(1, 1, a, b));
              }),
            )
          : trueDX(v, c!, r!, s!),
    },
  ],
};
export default src;
