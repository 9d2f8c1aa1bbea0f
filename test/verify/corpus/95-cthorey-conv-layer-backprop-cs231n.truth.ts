/**
 * Clément Thorey (GitHub: cthorey), "Note on the implementation of a convolutional neural networks.": a post of
 * 2 February 2016 on his Jekyll blog cthorey.github.io (the Markdown file _posts/2016-02-02-backprop_conv.markdown of
 * the repository cthorey/cthorey.github.io, read at commit c1cb843, January 2021; the post last changed in October
 * 2020, when its inline $...$ became $$...$$), written after the second CS231n assignment "instead of writing everything
 * on papers and, undoubtedly, lost myself in the jungle of indices" — a worked example first (a 5×5 input x, a 3×3
 * filter w, stride S = 2, padding P = 0, one filter with a bias b: the output 2×2, its entry y_{11} written out as
 * the lower-right window), then the general layer of the assignment, x (N, C, H, W), w (F, C, HH, WW),
 * y (N, F, Hh, Hw), with the forward pass over the padded input x^{pad} and dL/dw, dL/db, dL/dx derived with
 * Kronecker deltas, dL/dx through the padding (dy/dx^{pad} times dx^{pad}/dx). Only the convolution layer is kept.
 * Layer: the worked example's sizes — 5×5 input, 3×3 filter, stride 2, no padding (the example's P = 0), so the
 * output is 2×2 — with a bias (b_f); the general formulas' image index n kept with N = 2 images (our choice, so the
 * sums over n are not trivial), and the example's one channel and one filter (C = F = 1: "as we consider only one
 * filter", x drawn as one 5×5 matrix), so that the example's formulas are formulas of this layer. X[n,c,i,j],
 * W[f,c,p,q], Y[n,f,k,l], b[f]. A cross-correlation: y_{kl} = Σ x^{pad}_{p,q} w_{p−p_0,q−q_0} with p_0 = Sk, the
 * code's np.sum(x_pad[n, :, k*S:k*S+HH, l*S:l*S+WW] * w[f, :]). 0-based (x_{00} … x_{44}, w_{00} … w_{22}, and
 * y_{11} the lower-right output: "the lower right part (size 3×3) of x"). With P = 0, x^{pad} is x.
 * The example's 2-index x_{p,q}, w_{p,q}, y_{11}, y_{kl}, b are the one channel's and the one filter's, for each of
 * the N images: x_{p,q} = X[n,0,p,q], w_{p,q} = W[0,0,p,q], y_{kl} = Y[n,0,k,l], b = b[0].
 * Reading: his sums run to the filter size inclusive, Σ_{p=0}^{HH} (and Σ_{p=p_0}^{p_0+Δp} with Δp = HH): one
 * term too many, whose kernel entry w_{·,·,HH,·} lies outside the filter and is 0 — the sums hold as written.
 * The chains are listed link by link (each "&=&" row its own entry, the chain's left side against that row). The
 * local derivatives (dy/dw, dy/dx, dy/dx^{pad}, dx^{pad}/dx) are checked through the chain rule of the gradient they
 * are derived for: Σ_{n,f,k,l} dL/dy_{n,f,k,l} times the written derivative (the other factor, where there is one,
 * the true derivative), at every entry of dW or dX; with P = 0, dL/dx^{pad} is dL/dx.
 * The post's mistake: line 91 writes y_{11} = x_{22}w_{00}+x_{23}w_{01}+...+x_{43}w_{21}+w_{44}w_{22} — its last
 * product w_{44}w_{22} for x_{44}w_{22} (w_{44} is no entry of the 3×3 filter; read as 0, the product drops out) and
 * no "+ b", which the next row (line 92) and the general forward pass add — fails, however its "..." is read (here as
 * the window's five products between x_{23}w_{01} and x_{43}w_{21}). Line 92, the same output as the sum
 * Σ_{p=2}^{4}Σ_{q=2}^{4} x_{p,q} w_{p−p_0,q−q_0} + b, holds, with p_0 = q_0 = S·1 = 2 (defined only at line 111).
 * Also wrong as written but not a claim about y, dx, dw or db here: line 68 names the filter's matrix "x =" (the text
 * says "the filter w"); line 275 defines x^{pad}_{n",x",i",j"} = x_{n",x",i"−P,j"−P} 1(P ≤ i" ≤ H−P)1(P ≤ j" ≤ W−P)
 * with the channel index written x" and an upper bound H − P that, for P ≥ 1, cuts off the input's last P rows and
 * columns (the interior is P ≤ i" ≤ H + P − 1); at this layer's P = 0 it says x^{pad} = x, which is right.
 * Everything else holds: the size Hh = 1 + (H + 2P − HH)/S = 2 (lines 78, 81), the forward passes (lines 103,
 * 127–131), the chain rules and their delta sums for dL/dw (171–196), dL/db (219–222) and dL/dx (244–323).
 * Other: the example's given sizes H = W = 5, HH = WW = 3, S = 2, P = 0; definitions: the matrix x, p_0 = Sk,
 * q_0 = Sl, Δp = HH, Δq = WW, x^{pad} (line 275).
 * Not found by verify, so not listed: the Python in the Liquid highlight blocks (dw[...] = np.sum(...), out[...] = …).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { Q0, Q1, qadd, qmul, type Q } from "../../core/oracle.js";
import { sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 2, // images (our choice)
  C = 1, // channels (the example's one)
  F = 1, // filters (the example's one)
  H = 5, // input height and width
  K = 3, // filter height and width (HH = WW)
  S = 2, // stride
  P = 0, // padding (the example's)
  O = 2; // output height and width: 1 + (H + 2P − K)/S

/** The Kronecker delta δ_{a,b}. */
const d = (a: number, b: number): Q => (a === b ? Q1 : Q0);
/** Σ over the layer's index ranges, 0-based. */
const overN = (f: (n: number) => Q): Q => sum(0, N - 1, f);
const overC = (f: (c: number) => Q): Q => sum(0, C - 1, f);
const overF = (f: (g: number) => Q): Q => sum(0, F - 1, f);
const overK = (f: (k: number) => Q): Q => sum(0, O - 1, f);
/** His sums Σ_{p=0}^{HH}: one past the filter (that term reads w outside the kernel, 0). */
const overTaps = (f: (p: number) => Q): Q => sum(0, K, f);
/** Σ over the padded input's rows (or columns), i" = 0 … H + 2P − 1. */
const overPad = (f: (i: number) => Q): Q => sum(0, H + 2 * P - 1, f);

/** x^{pad}_{n,c,a,b} = x_{n,c,a−P,b−P} (0 in the padding). */
const xpad = (v: Access, n: number, c: number, a: number, b: number): Q => v.x(n, c, a - P, b - P);
/** The layer's forward pass: y_{n,f,k,l} = Σ_{c,p,q} x^{pad}_{n,c,p+kS,q+lS} w_{f,c,p,q} + b_f (p, q over the filter). */
const fwd = (v: Access, n: number, f: number, k: number, l: number): Q =>
  qadd(
    overC((c) => sum(0, K - 1, (p) => sum(0, K - 1, (q) => qmul(xpad(v, n, c, p + k * S, q + l * S), v.w(f, c, p, q))))),
    v.b(f),
  );
/** ∂y_{n,f,k,l}/∂x^{pad}_{n",c",i",j"} = δ_{n,n"} w_{f,c",i"−kS,j"−lS} (0 off the filter): the true local derivative. */
const dyDxpad = (v: Access, n: number, f: number, k: number, l: number, n2: number, c2: number, i2: number, j2: number): Q =>
  qmul(d(n, n2), v.w(f, c2, i2 - k * S, j2 - l * S));
/** Σ_{n,f,k,l} dL/dy_{n,f,k,l} · local(n, f, k, l): the chain rule over every output. */
const overY = (v: Access, local: (n: number, f: number, k: number, l: number) => Q): Q =>
  overN((n) => overF((f) => overK((k) => overK((l) => qmul(v.dy(n, f, k, l), local(n, f, k, l))))));

const trueDX = (v: Access, [n2, c2, i, j]: number[]): Q =>
  overY(v, (n, f, k, l) => dyDxpad(v, n, f, k, l, n2!, c2!, i! + P, j! + P));
const trueDW = (v: Access, [f2, c2, i, j]: number[]): Q =>
  overY(v, (n, f, k, l) => qmul(d(f, f2!), xpad(v, n, c2!, i! + k * S, j! + l * S)));
const trueDB = (v: Access, [f2]: number[]): Q => overY(v, (_n, f) => d(f, f2!));

/** The example's 2-index names, for image n: x_{p,q} = X[n,0,p,q], w_{p,q} = W[0,0,p,q], b = b[0]. */
const xe = (v: Access, n: number, p: number, q: number): Q => v.x(n, 0, p, q);
const we = (v: Access, p: number, q: number): Q => v.w(0, 0, p, q);

/** An entry formula for y_{11} (the example's): its right side at Y[n,0,1,1], the true value elsewhere. */
const atY11 =
  (rhs: (v: Access, n: number) => Q) =>
  (v: Access, [n, f, k, l]: number[]): Q =>
    f === 0 && k === 1 && l === 1 ? rhs(v, n!) : fwd(v, n!, f!, k!, l!);

type P2 = [number, number];
/** y_{11} as line 91 writes it: the products written, the "..." read as the window's products between, no b. */
const line91: [P2, P2][] = [
  [[2, 2], [0, 0]],
  [[2, 3], [0, 1]],
  // "..." (the window's products between x_{23}w_{01} and x_{43}w_{21})
  [[2, 4], [0, 2]],
  [[3, 2], [1, 0]],
  [[3, 3], [1, 1]],
  [[3, 4], [1, 2]],
  [[4, 2], [2, 0]],
  [[4, 3], [2, 1]],
];

const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const def = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "definition", why });
const holds = (
  line: number,
  snippet: string,
  target: "Y" | "dX" | "dW" | "db",
  why: string,
  claimed: (v: Access, idx: number[]) => Q,
): TruthEquation => ({ line, snippet, truth: "holds", target, why, claimed });

const src: CorpusSource = {
  file: "95-cthorey-conv-layer-backprop-cs231n.md",
  citation:
    'Clément Thorey (GitHub: cthorey), "Note on the implementation of a convolutional neural networks.", a post of 2 February 2016 on his Jekyll blog cthorey.github.io (https://cthorey.github.io/blog/2016/backprop_conv/), written after the second assignment of Stanford\'s CS231n, repository cthorey/cthorey.github.io, file _posts/2016-02-02-backprop_conv.markdown, read at commit c1cb843c2df0d4e801d32d0cc57a585953146b3c: the section "Convolutional layer" (a worked example — a 5×5 input, a 3×3 filter at stride 2, y_{11} written out — then the forward pass and dL/dw, dL/db, dL/dx with Kronecker deltas for N images, F filters, C channels, stride S and padding P)',
  url: "https://github.com/cthorey/cthorey.github.io/blob/c1cb843c2df0d4e801d32d0cc57a585953146b3c/_posts/2016-02-02-backprop_conv.markdown",
  flags: [
    "--input", "5x5", "--kernel", "3x3", "--stride", "2", "--op", "xcorr", "--index-base", "0",
    "--batch", "2", "--in-channels", "1", "--out-channels", "1", "--bias",
  ],
  layer: {
    op: "xcorr",
    input: [H, H],
    kernel: [K, K],
    stride: [S, S],
    dilation: [1, 1],
    padding: "valid",
    inChannels: C,
    outChannels: F,
    groups: 1,
    batch: N,
    bias: true,
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    other(46, "H=W=5", "the worked example's input size, given"),
    other(46, "HH=WW=3", "the worked example's filter size, given"),
    other(46, "S=2", "the worked example's stride, given"),
    other(47, "P=0", "the worked example's zero padding, given"),
    def(53, "x =", "names the 5×5 input's entries x_{00} … x_{44} (0-based)"),
    def(
      68,
      "x =",
      'names the 3×3 filter\'s entries w_{00} … w_{22}; the "x =" on its left is a slip for "w =" (the line above says "the filter w")',
    ),
    {
      line: 78,
      snippet: "Hh=Hw=2",
      truth: "holds",
      target: "size",
      why: "a 5×5 input, a 3×3 filter, stride 2, no padding: 1 + (5 − 3)/2 = 2 outputs a side",
    },
    {
      line: 81,
      snippet: "Hh = 1 + (H + 2P - HH) / S",
      truth: "holds",
      target: "size",
      why: "the padded input is H + 2P wide, and a filter of HH taps at stride S fits 1 + (H + 2P − HH)/S times when S divides H + 2P − HH (here 2)",
    },
    {
      line: 91,
      snippet: "y_{11} &=& x_{22}w_{00}+x_{23}w_{01}+...+x_{43}w_{21}+w_{44}w_{22}",
      truth: "fails",
      target: "Y",
      why: 'the last product is written w_{44}w_{22} instead of x_{44}w_{22} (w_{44} is no entry of the 3×3 filter) and the bias b, which the next row adds, is missing: y_{11} − b − x_{44}w_{22}, however the "..." is read',
      claimed: atY11((v, n) =>
        qadd(
          line91.reduce((s, [a, b]) => qadd(s, qmul(xe(v, n, ...a), we(v, ...b))), Q0),
          qmul(we(v, 4, 4), we(v, 2, 2)),
        ),
      ),
    },
    holds(
      92,
      "&=& \\sum_{p=2}^{4}\\sum_{q=2}^{4} x_{p,q} w_{p-p_0,q-q_0}+b",
      "Y",
      "y_{11} is the lower-right 3×3 window x_{22} … x_{44} times the filter plus b, with p_0 = q_0 = S·1 = 2 (lines 111–112)",
      atY11((v, n) => qadd(sum(2, 4, (p) => sum(2, 4, (q) => qmul(xe(v, n, p, q), we(v, p - 2, q - 2)))), v.b(0))),
    ),
    holds(
      103,
      "y_{kl}=  \\sum_{p=p_0}^{p=p_0+\\Delta   p}\\sum_{q=q_0}^{q=q_0+\\Delta  q}",
      "Y",
      "the window from (p_0, q_0) = (Sk, Sl) times the filter plus b (x^{pad} = x at P = 0); the sums to p_0 + HH take one row and column past the filter, whose w is 0",
      (v, [n, f, k, l]) =>
        f === 0
          ? qadd(
              sum(S * k!, S * k! + K, (p) =>
                sum(S * l!, S * l! + K, (q) => qmul(xpad(v, n!, 0, p, q), we(v, p - S * k!, q - S * l!))),
              ),
              v.b(0),
            )
          : fwd(v, n!, f!, k!, l!),
    ),
    def(111, "p_0 &=& Sk", "the window's first row for output row k (notation)"),
    def(112, "q_0 &=& Sl", "the window's first column for output column l (notation)"),
    def(113, "\\Delta p&=& HH", "the sums' extent in rows (notation)"),
    def(114, "\\Delta q &=& WW", "the sums' extent in columns (notation)"),
    holds(
      127,
      "y_{n,f,k,l}            &=&            \\sum_c\\sum_{p=p_0}^{p=p_0+\\Delta",
      "Y",
      "the forward pass over the padded input's window from (Sk, Sl), every channel, plus b_f (the extra row and column of the sums read w outside the filter, 0)",
      (v, [n, f, k, l]) =>
        qadd(
          overC((c) =>
            sum(S * k!, S * k! + K, (p) =>
              sum(S * l!, S * l! + K, (q) => qmul(xpad(v, n!, c, p, q), v.w(f!, c, p - S * k!, q - S * l!))),
            ),
          ),
          v.b(f!),
        ),
    ),
    holds(
      129,
      "&=&       \\sum_c\\sum_{p=0}^{\\Delta       p}\\sum_{q=0}^{\\Delta       q}",
      "Y",
      "the same sum with p, q counted from the window's corner: x^{pad}_{n,c,p+p_0,q+q_0} w_{f,c,p,q}",
      (v, [n, f, k, l]) =>
        qadd(
          overC((c) =>
            overTaps((p) => overTaps((q) => qmul(xpad(v, n!, c, p + S * k!, q + S * l!), v.w(f!, c, p, q)))),
          ),
          v.b(f!),
        ),
    ),
    holds(
      131,
      "&=& \\sum_c\\sum_{p=0}^{HH}\\sum_{q=0}^{WW} x^{pad}_{n,c,p+kS,q+lS}w_{f,c,p,q}+b_f",
      "Y",
      "p_0 = kS, q_0 = lS substituted: the cross-correlation of the padded input with filter f, plus b_f",
      (v, [n, f, k, l]) =>
        qadd(
          overC((c) =>
            overTaps((p) => overTaps((q) => qmul(xpad(v, n!, c, p + k! * S, q + l! * S), v.w(f!, c, p, q)))),
          ),
          v.b(f!),
        ),
    ),
    holds(
      171,
      "\\frac{d\\mathcal{L}}{dw_{f',c',i,j}} = \\sum_{n,f,k,l}\\frac{d\\mathcal{L}}{dy_{n,f,k,l}}\\frac{dy_{n,f,k,l}}{dw_{f',c',i,j}}",
      "dW",
      "the chain rule over every output y_{n,f,k,l} (the filter is shared by every image and position)",
      trueDW,
    ),
    holds(
      180,
      "\\frac{dy_{n,f,k,l}}{dw_{f',c',i,j}} &=&",
      "dW",
      "the derivative of the forward pass written without b_f — which does not depend on w — is the coefficient of w_{f',c',i,j}: checked through line 171's chain rule",
      (v, [f2, c2, i, j]) =>
        overY(v, (n, f, k, l) =>
          overC((c) =>
            overTaps((p) =>
              overTaps((q) =>
                f === f2 && c === c2 && p === i && q === j ? xpad(v, n, c, p + S * k, q + S * l) : Q0,
              ),
            ),
          ),
        ),
    ),
    holds(
      183,
      "&=&      \\sum_c\\sum_{p=0}^{p=\\Delta     p}\\sum_{q=0}^{q=\\Delta      q}",
      "dW",
      "the derivative term by term, δ_{c,c'}δ_{f,f'}δ_{p,i}δ_{q,j} x^{pad}_{n,c,p+p_0,q+q_0}: checked through line 171's chain rule",
      (v, [f2, c2, i, j]) =>
        overY(v, (n, f, k, l) =>
          overC((c) =>
            overTaps((p) =>
              overTaps((q) =>
                qmul(
                  qmul(qmul(d(c, c2!), d(f, f2!)), qmul(d(p, i!), d(q, j!))),
                  xpad(v, n, c, p + S * k, q + S * l),
                ),
              ),
            ),
          ),
        ),
    ),
    holds(
      185,
      "&=& \\delta_{f,f'}x^{pad}_{n,c',i+Sk,j+Sl}",
      "dW",
      "the sums collapsed: w_{f',c',i,j} multiplies x^{pad}_{n,c',i+Sk,j+Sl} in the outputs of filter f' only; checked through line 171's chain rule",
      (v, [f2, c2, i, j]) => overY(v, (n, f, k, l) => qmul(d(f, f2!), xpad(v, n, c2!, i! + S * k, j! + S * l))),
    ),
    holds(
      194,
      "\\frac{d\\mathcal{L}}{dw_{f',c',i,j}}",
      "dW",
      "line 171 with line 185's derivative: Σ_{n,f,k,l} dL/dy_{n,f,k,l} δ_{f,f'} x^{pad}_{n,c',i+Sk,j+Sl}",
      (v, [f2, c2, i, j]) => overY(v, (n, f, k, l) => qmul(d(f, f2!), xpad(v, n, c2!, i! + S * k, j! + S * l))),
    ),
    holds(
      196,
      "&=& \\sum_{n,k,l}\\frac{d\\mathcal{L}}{dy_{n,f',k,l}}x^{pad}_{n,c',i+Sk,j+Sl}",
      "dW",
      "the δ_{f,f'} sum done: the output gradient of filter f' correlated with channel c' of the padded input at stride S, summed over the images",
      (v, [f2, c2, i, j]) =>
        overN((n) => overK((k) => overK((l) => qmul(v.dy(n, f2!, k, l), xpad(v, n, c2!, i! + S * k, j! + S * l))))),
    ),
    holds(
      219,
      "\\frac{d\\mathcal{L}}{db_{f'}}",
      "db",
      "the chain rule over every output, with dy_{n,f,k,l}/db_{f'} = δ_{f,f'} (line 221)",
      trueDB,
    ),
    holds(
      221,
      "&=& \\sum_{n,f,k,l}\\frac{d\\mathcal{L}}{dy_{n,f,k,l}}\\delta_{f,f'}",
      "db",
      "b_f is added to every output of filter f with coefficient 1",
      (v, [f2]) => overY(v, (_n, f) => d(f, f2!)),
    ),
    holds(
      222,
      "&=& \\sum_{n,k,l}\\frac{d\\mathcal{L}}{dy_{n,f',k,l}}",
      "db",
      "the bias gradient is the output gradient of filter f' summed over images and positions",
      (v, [f2]) => overN((n) => overK((k) => overK((l) => v.dy(n, f2!, k, l)))),
    ),
    holds(
      244,
      "\\frac{d\\mathcal{L}}{dx_{n',c',i,j}}",
      "dX",
      "the chain rule over every output y_{n,f,k,l}",
      trueDX,
    ),
    holds(
      253,
      "\\frac{dy_{n,f,k,l}}{dx_{n',c',i,j}} &=& \\frac{d}{dx_{n',c',i,j}}\\left(",
      "dX",
      "the derivative of the forward pass of line 131 (x^{pad} = x at P = 0): δ_{n,n'} Σ_{p,q} [p+kS = i][q+lS = j] w_{f,c',p,q}; checked through line 244's chain rule",
      (v, [n2, c2, i, j]) =>
        overY(v, (n, f, k, l) =>
          qmul(
            d(n, n2!),
            overC((c) =>
              overTaps((p) =>
                overTaps((q) =>
                  c === c2 && p + k * S === i! + P && q + l * S === j! + P ? v.w(f, c, p, q) : Q0,
                ),
              ),
            ),
          ),
        ),
    ),
    holds(
      264,
      "\\frac{dy_{n,f,k,l}}{dx_{n',c',i,j}}",
      "dX",
      "the chain rule through the padded input: Σ_{n\",c\",i\",j\"} dy/dx^{pad}_{n\",c\",i\",j\"} dx^{pad}_{n\",c\",i\",j\"}/dx_{n',c',i,j}; checked through line 244's chain rule",
      (v, [n2, c2, i, j]) =>
        overY(v, (n, f, k, l) =>
          overN((m) =>
            overC((c) =>
              overPad((a) =>
                overPad((b) =>
                  qmul(
                    dyDxpad(v, n, f, k, l, m, c, a, b),
                    qmul(qmul(d(m, n2!), d(c, c2!)), qmul(d(a, i! + P), d(b, j! + P))),
                  ),
                ),
              ),
            ),
          ),
        ),
    ),
    def(
      275,
      "x^{pad}_{n\",x\",i\",j\"} = x_{n\",x\",i\"-P,j\"-P}",
      "defines the padded input (its channel index written x\"); its bound i\" ≤ H − P would, for P ≥ 1, cut off the input's last P rows and columns (the interior is P ≤ i\" ≤ H + P − 1), but at this layer's P = 0 it says x^{pad} = x",
    ),
    holds(
      283,
      "\\frac{dx^{pad}_{n\",c\",i\",j\"}}{dx_{n',c',i,j}} = \\delta_{n\",n'}\\delta_{c\",c'}\\delta_{i,i\"-P}\\delta_{j,j\"-P}",
      "dX",
      "x_{n',c',i,j} sits at x^{pad}_{n',c',i+P,j+P} and nowhere else; checked through lines 244 and 264's chain rules (dy/dx^{pad} the true one)",
      (v, [n2, c2, i, j]) =>
        overY(v, (n, f, k, l) =>
          overN((m) =>
            overC((c) =>
              overPad((a) =>
                overPad((b) =>
                  qmul(
                    dyDxpad(v, n, f, k, l, m, c, a, b),
                    qmul(qmul(d(m, n2!), d(c, c2!)), qmul(d(i!, a - P), d(j!, b - P))),
                  ),
                ),
              ),
            ),
          ),
        ),
    ),
    holds(
      291,
      "\\frac{dy_{n,f,k,l}}{dx^{pad}_{n\",c\",i\",j\"}}",
      "dX",
      "the derivative of the forward pass with respect to the padded input; at P = 0 dL/dx^{pad} is dL/dx, so it is checked through line 244's chain rule",
      (v, [n2, c2, i2, j2]) =>
        overY(v, (n, f, k, l) =>
          overC((c) =>
            overTaps((p) =>
              overTaps((q) =>
                n === n2 && c === c2 && p + k * S === i2 && q + l * S === j2 ? v.w(f, c, p, q) : Q0,
              ),
            ),
          ),
        ),
    ),
    holds(
      293,
      "&=&  \\sum_c \\sum_{p=0}^{HH}\\sum_{q=0}^{WW}",
      "dX",
      "term by term: Σ_{c,p,q} δ_{n,n\"}δ_{c,c\"}δ_{p+kS,i\"}δ_{q+lS,j\"} w_{f,c,p,q} (at P = 0 checked through line 244's chain rule)",
      (v, [n2, c2, i2, j2]) =>
        overY(v, (n, f, k, l) =>
          overC((c) =>
            overTaps((p) =>
              overTaps((q) =>
                qmul(
                  qmul(qmul(d(n, n2!), d(c, c2!)), qmul(d(p + k * S, i2!), d(q + l * S, j2!))),
                  v.w(f, c, p, q),
                ),
              ),
            ),
          ),
        ),
    ),
    holds(
      295,
      "&=&  \\sum_{p=0}^{HH}\\sum_{q=0}^{WW}",
      "dX",
      "the channel sum done: Σ_{p,q} δ_{n,n\"}δ_{p+kS,i\"}δ_{q+lS,j\"} w_{f,c\",p,q} (at P = 0 checked through line 244's chain rule)",
      (v, [n2, c2, i2, j2]) =>
        overY(v, (n, f, k, l) =>
          overTaps((p) =>
            overTaps((q) =>
              qmul(qmul(d(n, n2!), qmul(d(p + k * S, i2!), d(q + l * S, j2!))), v.w(f, c2!, p, q)),
            ),
          ),
        ),
    ),
    holds(
      304,
      "\\frac{dy_{n,f,k,l}}{dx_{n',c',i,j}}",
      "dX",
      "line 264 again: the chain rule through the padded input; checked through line 244's chain rule",
      trueDX,
    ),
    holds(
      306,
      "&=&",
      "dX",
      "lines 283 and 295 multiplied and the n\", c\" sums done: δ_{n,n'} Σ_{i\",j\"} Σ_{p,q} δ_{p+kS,i\"}δ_{i,i\"−P}δ_{j,j\"−P}δ_{q+lS,j\"} w_{f,c',p,q}; checked through line 244's chain rule",
      (v, [n2, c2, i, j]) =>
        overY(v, (n, f, k, l) =>
          qmul(
            d(n, n2!),
            overPad((a) =>
              overPad((b) =>
                overTaps((p) =>
                  overTaps((q) =>
                    qmul(
                      qmul(qmul(d(p + k * S, a), d(i!, a - P)), qmul(d(j!, b - P), d(q + l * S, b))),
                      v.w(f, c2!, p, q),
                    ),
                  ),
                ),
              ),
            ),
          ),
        ),
    ),
    holds(
      310,
      "&=&",
      "dX",
      "the i\", j\" sums done: δ_{n,n'} Σ_{p,q} δ_{p+kS,i+P}δ_{q+lS,j+P} w_{f,c',p,q}; checked through line 244's chain rule",
      (v, [n2, c2, i, j]) =>
        overY(v, (n, f, k, l) =>
          qmul(
            d(n, n2!),
            overTaps((p) =>
              overTaps((q) => qmul(qmul(d(p + k * S, i! + P), d(q + l * S, j! + P)), v.w(f, c2!, p, q))),
            ),
          ),
        ),
    ),
    holds(
      321,
      "\\frac{d\\mathcal{L}}{dx_{n',c',i,j}}",
      "dX",
      "the chain rule over every output (line 244 again)",
      trueDX,
    ),
    holds(
      323,
      "&=&\\sum_{f,k,l} \\sum_{p=0}^{HH}\\sum_{q=0}^{WW} \\frac{d\\mathcal{L}}{dy_{n',f,k,l}}",
      "dX",
      "line 310 in line 321, the n sum done: Σ_{f,k,l} Σ_{p,q} dL/dy_{n',f,k,l} [p + kS = i + P][q + lS = j + P] w_{f,c',p,q}, the output gradient spread back through the filter at stride S",
      (v, [n2, c2, i, j]) =>
        overF((f) =>
          overK((k) =>
            overK((l) =>
              overTaps((p) =>
                overTaps((q) =>
                  qmul(
                    qmul(v.dy(n2!, f, k, l), qmul(d(p + k * S, i! + P), d(q + l * S, j! + P))),
                    v.w(f, c2!, p, q),
                  ),
                ),
              ),
            ),
          ),
        ),
    ),
  ],
};
export default src;
