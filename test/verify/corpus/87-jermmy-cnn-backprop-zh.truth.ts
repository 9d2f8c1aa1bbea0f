/**
 * JermmyXu (GitHub: Jermmy), 《CNN的反向传播》: a post of 16 December 2017 on his Hexo blog jermmy.github.io (the
 * Markdown file source/_posts/2017-12-16-cnn-back-propagation.md of the repository Jermmy/blog) — back-propagation
 * through a convolution layer derived on an explicit small example: the forward pass written out entry by entry, the
 * chain rule for ∇a_{11} and ∇a_{12}, the zero-padded δ convolved with the 180°-turned kernel, ∇w_{11}, ∇w_{12} and
 * ∂C/∂w^l = a^{l−1} * δ^l, and the bias gradient.
 * Layer: the post's own example — a 3×3 input a (a_{11} … a_{33}), a 2×2 kernel w, a 2×2 output z, one channel,
 * stride 1, no padding, 1-based. The post's * is a cross-correlation: it says so ("这里默认不旋转", the kernel is not
 * turned) and its z_{11} … z_{22} (lines 24–27) are the windows under w_{11} … w_{22} unturned. z = z^l, a = a^{l−1}
 * (line 39); δ^l = ∂C/∂z^l is v.dy; ∇a_{ij} = ∂C/∂a_{ij} (line 62) is the input gradient; a^{l−1} = σ(z^{l−1})
 * (line 43), so δ^{l−1} = ∂C/∂z^{l−1} is ∇a ⊙ σ'(z^{l−1}) and its formulas carry `scale` σ'(z^{l−1})
 * (v.fprime("z", …)). The layer has a bias b^l: the post sets out to compute ∂C/∂b^l for this layer (line 39) and
 * gives it as (6), which is only meaningful if z^l depends on b^l; we take the standard convolution layer's one
 * bias shared by all output positions (the one of the reference the post cites, Pinard, corpus 14).
 * The post's mistakes: (6), ∂C/∂b^l = δ^l (line 105) — the author copies the dense layer's ∂C/∂b_j = δ_j
 * ("和一般的全联接层是一样的") and says he is unsure ("理解不一定对"); the shared bias is added to all four z_{ij},
 * so ∂C/∂b^l = Σ_{ij} δ_{ij}, a number, not the 2×2 matrix δ^l. And the forward pass (the matrix equation of line 20
 * and its entries, lines 24–27) leaves out the b^l that the same layer has (the post never says b = 0), as
 * corpus 31's does.
 * Everything else holds: the chain rules (3) and for ∇a_{11}, ∇a_{12}, ∇w_{11}, ∇w_{12} and their written-out values,
 * the zero-padded δ cross-correlated with [[w_{22}, w_{21}], [w_{12}, w_{11}]] (line 68), (4) with δ^l padded by zeros
 * "到合适的维度" (line 74 says so), the matrix form of ∇w (line 97) and (5).
 * Entry formulas (lines 24–27, 52, 57, 81, 88) are checked at their entry, every other entry of the target taking the
 * true value.
 * Definitions: z = z^l, a = a^{l−1}, δ^l = ∂C/∂z^l (line 39), a^{l−1} = σ(z^{l−1}) (line 43).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { at, chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 3,
  K = 2,
  O = N - K + 1; // 3×3 input, 2×2 kernel, 2×2 output

/** Σ_{m,n} a_{i+m−1, j+n−1} w_{mn}: the written forward pass (no bias). */
const noBias = (v: Access, i: number, j: number): Q =>
  sum(1, K, (m) => sum(1, K, (n) => qmul(v.x(i + m - 1, j + n - 1), v.w(m, n))));
/** z_{ij} = Σ_{m,n} a_{i+m−1, j+n−1} w_{mn} + b: the layer's forward pass. */
const fwd = (v: Access, i: number, j: number): Q => qadd(noBias(v, i, j), v.b());
/** ∇a_{ij} = Σ_{pq} δ_{pq} ∂z_{pq}/∂a_{ij} = Σ_{pq} δ_{pq} w_{i−p+1, j−q+1} (w read 0 off its 2×2). */
const trueDA = (v: Access, i: number, j: number): Q =>
  sum(1, O, (p) => sum(1, O, (q) => qmul(v.dy(p, q), v.w(i - p + 1, j - q + 1))));
/** ∇w_{pq} = Σ_{ij} δ_{ij} ∂z_{ij}/∂w_{pq} = Σ_{ij} δ_{ij} a_{i+p−1, j+q−1}. */
const trueDW = (v: Access, p: number, q: number): Q =>
  sum(1, O, (i) => sum(1, O, (j) => qmul(v.dy(i, j), v.x(i + p - 1, j + q - 1))));
const sp = (v: Access, i: number, j: number): Q => v.fprime("z", i, j);
/** The 4×4 δ with one ring of zeros, cross-correlated (the post's *) with rot180(W) = [[w22, w21], [w12, w11]]. */
const paddedRot = (v: Access, i: number, j: number): Q => {
  const P = (r: number, c: number) => v.dy(r - 1, c - 1); // row/column 1 of the padded matrix is the zero ring
  const R = (m: number, n: number) => v.w(K + 1 - m, K + 1 - n);
  return sum(1, K, (m) => sum(1, K, (n) => qmul(P(i + m - 1, j + n - 1), R(m, n))));
};

type P2 = [number, number];
/** Σ a_{..} w_{..} as written. */
const aw =
  (terms: [P2, P2][]) =>
  (v: Access): Q =>
    sum(0, terms.length - 1, (t) => qmul(v.x(...terms[t]![0]), v.w(...terms[t]![1])));
/** Σ δ_{..} w_{..} as written. */
const dw =
  (terms: [P2, P2][]) =>
  (v: Access): Q =>
    sum(0, terms.length - 1, (t) => qmul(v.dy(...terms[t]![0]), v.w(...terms[t]![1])));
/** Σ δ_{..} a_{..} as written. */
const da =
  (terms: [P2, P2][]) =>
  (v: Access): Q =>
    sum(0, terms.length - 1, (t) => qmul(v.dy(...terms[t]![0]), v.x(...terms[t]![1])));

const noB =
  "the layer's z^l has the bias b^l whose gradient the post derives in (6) (line 105); the written sum leaves it out (the post never sets b = 0)";
const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});
const fwdEntry = (line: number, snippet: string, r: number, c: number, terms: [P2, P2][]): TruthEquation => ({
  line,
  snippet,
  truth: "fails",
  target: "Y",
  why: `z_{${r}${c}}'s window and kernel entries are right (a cross-correlation), but ${noB}`,
  claimed: at(r, c, aw(terms), fwd),
});

const src: CorpusSource = {
  file: "87-jermmy-cnn-backprop-zh.md",
  citation:
    "JermmyXu (GitHub: Jermmy), 《CNN的反向传播》, a post dated 2017-12-16 on his Hexo blog jermmy.github.io, repository Jermmy/blog, file source/_posts/2017-12-16-cnn-back-propagation.md (added 17 December 2017, commit 42acf9bb032a538277bddbb7bcac8d8884716b93; last changed 24 January 2018, commit cca6f5776e91ecb87d3bd0c8ef88ffcd89039dfc), read at commit 7c147660a9de4391602d249bc9b8c885cbd8c6f2 (28 February 2021): sections «BP 算法的套路», «CNN 中的 BP 算法» and «卷积层» (a 3×3 input with a 2×2 kernel written out, ∇a and ∇w entry by entry, δ^{l−1} = δ^l * rot180(W^l) ⊙ σ'(z^{l−1}), ∂C/∂w^l = a^{l−1} * δ^l, ∂C/∂b^l = δ^l)",
  url: "https://github.com/Jermmy/blog/blob/7c147660a9de4391602d249bc9b8c885cbd8c6f2/source/_posts/2017-12-16-cnn-back-propagation.md",
  flags: ["--input", "3x3", "--kernel", "2x2", "--op", "xcorr", "--index-base", "1", "--bias"],
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
    bias: true,
    indexBase: 1,
  },
  indexBase: 1,
  equations: [
    {
      line: 20,
      snippet: "\\left( \\begin{array}{ccc} a_{11}&a_{12}&a_{13} \\\\ a_{21}",
      truth: "fails",
      target: "Y",
      why: `the 3×3 a cross-correlated (the post's unturned *) with the 2×2 w gives the 2×2 z only without the bias: ${noB}`,
      claimed: (v, [i, j]) => noBias(v, i!, j!),
    },
    fwdEntry(24, "z_{11} = a_{11}w_{11} + a_{12}w_{12} + a_{21}w_{21} +   a_{22}w_{22}", 1, 1, [
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
    fwdEntry(25, "z_{12} = a_{12}w_{11} + a_{13}w_{12} + a_{22}w_{21} +   a_{23}w_{22}", 1, 2, [
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
    ]),
    fwdEntry(26, "z_{21} = a_{21}w_{11} + a_{22}w_{12} + a_{31}w_{21} +   a_{32}w_{22}", 2, 1, [
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
    ]),
    fwdEntry(27, "z_{22} = a_{22}w_{11} + a_{23}w_{12} + a_{32}w_{21} +   a_{33}w_{22}", 2, 2, [
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
    ]),
    def(39, "z=z^{l}", "names the example's output z as layer l's z^l"),
    def(39, "a=a^{l-1}", "names the example's input a as the previous layer's output a^{l−1}"),
    def(39, "\\delta^{l}=\\frac{\\partial C}{\\partial z^{l}}", "the error term δ^l := ∂C/∂z^l (the output gradient)"),
    def(43, "a^{l-1}=\\sigma(z^{l-1})", "the layer's input is the previous layer's response σ(z^{l−1})"),
    {
      line: 45,
      snippet: "\\delta^{l-1}=\\frac{\\partial C}{\\partial z^{l-1}}=\\frac{\\partial C}{\\partial z^{l}}",
      truth: "holds",
      target: "dX",
      why: "(3): δ^{l−1} := ∂C/∂z^{l−1}; the chain rule through z^l and a^{l−1} = σ(z^{l−1}): δ^{l−1}_{ij} = Σ_{pq} δ_{pq} ∂z_{pq}/∂a_{ij} · σ'(z^{l−1}_{ij}), ∂z_{pq}/∂a_{ij} = w_{i−p+1,j−q+1} (a^{l−1} enters σ' entry by entry, hence ⊙)",
      claimed: (v, [i, j]) => qmul(trueDA(v, i!, j!), sp(v, i!, j!)),
      scale: (v, [i, j]) => sp(v, i!, j!),
    },
    {
      line: 52,
      snippet: "\\nabla a_{11} = & \\frac{\\partial C}{\\partial z_{11}} \\frac{\\partial z_{11}}{\\partial a_{11}}",
      truth: "holds",
      target: "dX",
      why: "the chain rule over the four outputs; a_{11} is only in z_{11}, under w_{11} (line 24): = δ_{11} w_{11} (line 53)",
      claimed: at(
        1,
        1,
        (v) =>
          chain(
            trueDA(v, 1, 1),
            dw([
              [
                [1, 1],
                [1, 1],
              ],
            ])(v),
          ),
        trueDA,
      ),
    },
    {
      line: 57,
      snippet: "\\nabla a_{12} =& \\frac{\\partial C}{\\partial z_{11}}\\frac{\\partial z_{11}}{\\partial a_{12}}",
      truth: "holds",
      target: "dX",
      why: "a_{12} is in z_{11} under w_{12} and in z_{12} under w_{11} (lines 24, 25): = δ_{11} w_{12} + δ_{12} w_{11} (line 58)",
      claimed: at(
        1,
        2,
        (v) =>
          chain(
            trueDA(v, 1, 2),
            dw([
              [
                [1, 1],
                [1, 2],
              ],
              [
                [1, 2],
                [1, 1],
              ],
            ])(v),
          ),
        trueDA,
      ),
    },
    {
      line: 68,
      snippet: "\\left( \\begin{array}{ccc} 0&0&0&0 \\\\ 0&\\delta_{11}& \\delta_{12}&0",
      truth: "holds",
      target: "dX",
      why: "δ padded with one ring of zeros, cross-correlated (the post's *) with [[w_{22}, w_{21}], [w_{12}, w_{11}]]: entry (i, j) is Σ_{pq} δ_{pq} w_{i−p+1,j−q+1}, e.g. ∇a_{11} = δ_{11} w_{11}, ∇a_{12} = δ_{11} w_{12} + δ_{12} w_{11}",
      claimed: (v, [i, j]) => paddedRot(v, i!, j!),
    },
    {
      line: 72,
      snippet: "\\delta^{l-1}=\\frac{\\partial C}{\\partial z^{l-1}}=\\delta^l * rot180(W^l) \\odot \\sigma'(z^{l-1})",
      truth: "holds",
      target: "dX",
      why: "(4): δ^l zero-padded 'to the right size' (line 74) and cross-correlated with the turned kernel is ∇a (line 68), times σ'(z^{l−1}) entry by entry",
      claimed: (v, [i, j]) => qmul(paddedRot(v, i!, j!), sp(v, i!, j!)),
      scale: (v, [i, j]) => sp(v, i!, j!),
    },
    {
      line: 81,
      snippet: "\\nabla w_{11}=&\\frac{\\partial C}{\\partial z_{11}} \\frac{\\partial z_{11}}{\\partial w_{11}}",
      truth: "holds",
      target: "dW",
      why: "w_{11} multiplies a_{11}, a_{12}, a_{21}, a_{22} in z_{11}, z_{12}, z_{21}, z_{22}: = δ_{11}a_{11} + δ_{12}a_{12} + δ_{21}a_{21} + δ_{22}a_{22} (line 82)",
      claimed: at(
        1,
        1,
        (v) =>
          chain(
            trueDW(v, 1, 1),
            da([
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
            ])(v),
          ),
        trueDW,
      ),
    },
    {
      line: 88,
      snippet: "\\nabla w_{12}=&\\frac{\\partial C}{\\partial z_{11}} \\frac{\\partial z_{11}}{\\partial w_{12}}",
      truth: "holds",
      target: "dW",
      why: "w_{12} multiplies a_{12}, a_{13}, a_{22}, a_{23} in z_{11}, z_{12}, z_{21}, z_{22}: = δ_{11}a_{12} + δ_{12}a_{13} + δ_{21}a_{22} + δ_{22}a_{23} (line 89)",
      claimed: at(
        1,
        2,
        (v) =>
          chain(
            trueDW(v, 1, 2),
            da([
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
            ])(v),
          ),
        trueDW,
      ),
    },
    {
      line: 97,
      snippet: "\\left( \\begin{array}{ccc} a_{11}&a_{12}&a_{13}\\\\ a_{21}",
      truth: "holds",
      target: "dW",
      why: "a cross-correlated (the post's *) with the 2×2 δ: entry (p, q) is Σ_{ij} a_{i+p−1,j+q−1} δ_{ij}, the kernel gradient",
      claimed: (v, [p, q]) => trueDW(v, p!, q!),
    },
    {
      line: 101,
      snippet: "\\frac{\\partial C}{\\partial w^l}=a^{l-1}*\\delta^l",
      truth: "holds",
      target: "dW",
      why: "(5): line 97 with a = a^{l−1}, δ = δ^l",
      claimed: (v, [p, q]) => trueDW(v, p!, q!),
    },
    {
      line: 105,
      snippet: "\\frac{\\partial C}{\\partial b^l}=\\delta^l",
      truth: "fails",
      target: "db",
      why: "(6) copies the dense layer's ∂C/∂b_j = δ_j; the convolution layer's one bias is added to all four z_{ij}, so ∂C/∂b^l = Σ_{ij} δ_{ij}, a number — the 2×2 matrix δ^l is not it (its entries would all have to equal the sum)",
      claimed: (v) => chain(v.dy(1, 1), v.dy(1, 2), v.dy(2, 1), v.dy(2, 2)),
    },
  ],
};
export default src;
