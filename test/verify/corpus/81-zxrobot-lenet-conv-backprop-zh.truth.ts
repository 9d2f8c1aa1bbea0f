/**
 * zxRobot (GitHub: zxRobot), Readme.md of the repository zxRobot/LeNet (a NumPy LeNet with its derivation, in
 * Chinese), section «卷积层的反向传播», read at commit 41b8daa0 — the convolution layer's forward pass in the layer
 * notation a^l = σ(z^l) = σ(a^{l−1} * W^l + b^l), δ^l = ∂C/∂z^l, then a worked 3×3 ∗ 2×2 example written entry by
 * entry: the four outputs z_{11} … z_{22}, the nine input gradients ∇a_{11} … ∇a_{33}, the recursion
 * δ^l = δ^{l+1} * rot180(W^{l+1}), the kernel gradient ∂C/∂W^{l+1} = a^l * δ^{l+1} and its four entries.
 * Layer: the Readme's own example — "l层的输入a^{l}是一个3×3的矩阵，第l+1层的卷积核…是一个2×2的矩阵，步长为1" — one
 * channel, stride 1, no padding, so z^{l+1} is 2×2; 1-based (a_{11} … a_{33}, w_{11} … w_{22}, z_{11} … z_{22}); a
 * cross-correlation (the Readme: "其实卷积层的卷积实际上是数学的协相关", and its z_{12} = a_{12}w_{11} + a_{13}w_{12} + …);
 * with a bias: the same example's forward pass is written z^{l+1} = a^l * W^{l+1} + b (line 73), and the section
 * ends with the gradient of b (prose only). So X = a^l (the layer's input, already activated: a^l = σ(z^l)),
 * W = W^{l+1} (w_{mn}), Y = z^{l+1}, and δ_{mn} = δ^{l+1}_{mn} = ∂C/∂z^{l+1}_{mn} is v.dy(m, n). ∇a = ∂C/∂a^l is
 * the input gradient dX (no activation factor); δ^l = ∂C/∂z^l is dX ⊙ σ'(z^l), checked with the opaque factor
 * v.fprime("z", i, j). Entry formulas (z_{12} = …, ∇a_{23} = …, ∂C/∂W^{l+1}_{21} = …) are checked at the entry they
 * name, the true value standing at the others. "*" in a^l * δ^{l+1} and in the padded-δ product is the same
 * cross-correlation (valid), as the written-out entries show.
 * The Readme's mistakes: the example's forward pass z^{l+1} = a^l * W^{l+1} (line 18) and its four entries (lines
 * 32–35) leave out the bias b the same example's line 73 adds; the recursion δ^l = δ^{l+1} * rot180(W^{l+1}) (line
 * 71) drops the activation: δ^l is ∂C/∂z^l and a^l = σ(z^l), so it is (δ^{l+1} * rot180(W^{l+1})) ⊙ σ'(z^l) — what
 * the text derived (∇a, line 60) is ∂C/∂a^l, not ∂C/∂z^l (its fully connected section has the factor, as δ'(z^l));
 * ∂C/∂W^{l+1}_{21} (line 80) ends a_{33}δ_{22} where the chain rule gives a_{32}δ_{22}; the fourth entry (line 81) is
 * labelled W^{l+1}_{12} again but is the formula of W^{l+1}_{22} (as W_{12} it fails).
 * Holds: the nine ∇a entries (lines 46–54), the forward pass with its bias (73), a^l * δ^{l+1} (74, and its matrix
 * form, line 83), ∂C/∂W_{11}, ∂C/∂W_{12} (78, 79). Definitions: the layer notation a^l = σ(z^l) (13) and the chain
 * rules δ^l = ∂C/∂z^l = δ^{l+1} ∂z^{l+1}/∂z^l (15) and ∇a^l = ∂C/∂a^l = δ^{l+1} ∂z^{l+1}/∂a^l (37), written with an
 * unevaluated Jacobian.
 * Not found by verify, so not listed: the inline matrix forms of the example (a ∗ w = z, line 19) and of ∇a as the
 * zero-padded δ correlated with the turned kernel (line 60; it holds), and the inline ∂z^{l+1}/∂z^l (written with σ
 * for ∂) of line 16.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { at, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 3,
  K = 2,
  O = N - K + 1; // 3×3 input a^l, 2×2 kernel W^{l+1}, 2×2 output z^{l+1}

/** (a^l * W^{l+1})_{pq} = Σ_{u,w} a_{p+u−1, q+w−1} w_{uw}: the cross-correlation, no bias. */
const corr = (v: Access, p: number, q: number): Q =>
  sum(1, K, (u) => sum(1, K, (w) => qmul(v.w(u, w), v.x(p + u - 1, q + w - 1))));
/** z^{l+1}_{pq}: the correlation plus the bias b. */
const fwd = (v: Access, p: number, q: number): Q => qadd(corr(v, p, q), v.b());
/** ∂C/∂W_{uw} = Σ_{pq} δ_{pq} a_{p+u−1, q+w−1}. */
const trueDW = (v: Access, u: number, w: number): Q =>
  sum(1, O, (p) => sum(1, O, (q) => qmul(v.dy(p, q), v.x(p + u - 1, q + w - 1))));
/** ∂C/∂a_{rs} = Σ_{pq} δ_{pq} w_{r−p+1, s−q+1} (w read 0 off its 2×2). */
const trueDX = (v: Access, r: number, s: number): Q =>
  sum(1, O, (p) => sum(1, O, (q) => qmul(v.dy(p, q), v.w(r - p + 1, s - q + 1))));
/** δ^{l+1} zero-padded by one, correlated with rot180(W^{l+1}) (entry (u, w) of the turned kernel is w_{3−u, 3−w}). */
const fullRot = (v: Access, [i, j]: number[]): Q =>
  sum(1, K, (u) => sum(1, K, (w) => qmul(v.dy(i! + u - K, j! + w - K), v.w(K + 1 - u, K + 1 - w))));

type P = [[number, number], [number, number]];
/** Σ w_{..} a_{..} as written (z entries, no bias). */
const wa =
  (terms: P[]) =>
  (v: Access): Q =>
    sum(0, terms.length - 1, (t) => qmul(v.w(...terms[t]![0]), v.x(...terms[t]![1])));
/** Σ δ_{..} w_{..} as written (∇a entries). */
const dw =
  (terms: P[]) =>
  (v: Access): Q =>
    sum(0, terms.length - 1, (t) => qmul(v.dy(...terms[t]![0]), v.w(...terms[t]![1])));
/** Σ a_{..} δ_{..} as written (∂C/∂W entries). */
const ad =
  (terms: P[]) =>
  (v: Access): Q =>
    sum(0, terms.length - 1, (t) => qmul(v.x(...terms[t]![0]), v.dy(...terms[t]![1])));

const zEntry = (line: number, snippet: string, r: number, c: number, terms: P[]): TruthEquation => ({
  line,
  snippet,
  truth: "fails",
  target: "Y",
  why: `z_{${r}${c}} of the example's layer is the correlation plus the bias b of the same example's line 73: the written sum (each term right) leaves b out`,
  claimed: at(r, c, wa(terms), fwd),
});
const gradA = (line: number, snippet: string, r: number, c: number, terms: P[]): TruthEquation => ({
  line,
  snippet,
  truth: "holds",
  target: "dX",
  why: `a_{${r}${c}} enters exactly the outputs z_{pq} written, under w_{${r}−p+1, ${c}−q+1}: the chain rule Σ δ_{pq} ∂z_{pq}/∂a_{${r}${c}}`,
  claimed: at(r, c, dw(terms), trueDX),
});

const src: CorpusSource = {
  file: "81-zxrobot-lenet-conv-backprop-zh.md",
  citation:
    "zxRobot (GitHub: zxRobot), Readme.md of the repository zxRobot/LeNet (a NumPy LeNet with its derivation, in Chinese), section «卷积层的反向传播» (back-propagation of the convolution layer), undated (its figure is a CSDN image of 9 May 2020), read at commit 41b8daa00fdec7b63a5f1f98b00dbdf8de0abf0f: the layer notation, the 3×3 ∗ 2×2 example's forward pass, input gradients, δ recursion and kernel gradients",
  url: "https://github.com/zxRobot/LeNet/blob/41b8daa00fdec7b63a5f1f98b00dbdf8de0abf0f/Readme.md",
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
      line: 13,
      snippet: "a^l=\\sigma(z^l)=\\sigma(a^{l-1}*W^l+b^l)",
      truth: "definition",
      why: "the layer notation: a^l = σ(z^l), z^l = a^{l−1} * W^l + b^l (the forward pass of a general layer l, through σ)",
    },
    {
      line: 15,
      snippet: "\\delta^l=\\frac{\\partial C}{\\partial z^l}=",
      truth: "definition",
      why: "δ^l := ∂C/∂z^l, and the chain rule through z^{l+1} with the Jacobian ∂z^{l+1}/∂z^l left unevaluated (recalled from the fully connected section)",
    },
    {
      line: 18,
      snippet: "z^{l+1}=a^l*W^{l+1}",
      truth: "fails",
      target: "Y",
      why: "the example's output is a^l * W^{l+1} + b (its own line 73, and the bias gradient the section ends with): the bias is left out",
      claimed: (v, [p, q]) => corr(v, p!, q!),
    },
    zEntry(32, "z_{11}=a_{11}*w_{11}+a_{12}*w_{12}+a_{21}*w_{21}+a_{22}*w_{22}", 1, 1, [
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
    zEntry(33, "z_{12}=a_{12}*w_{11}+a_{13}*w_{12}+a_{22}*w_{21}+a_{23}*w_{22}", 1, 2, [
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
    zEntry(34, "z_{21}=a_{21}*w_{11}+a_{22}*w_{12}+a_{31}*w_{21}+a_{32}*w_{22}", 2, 1, [
      [
        [1, 1],
        [2, 1],
      ],
      [
        [1, 2],
        [2, 2],
      ],
      [
        [2, 1],
        [3, 1],
      ],
      [
        [2, 2],
        [3, 2],
      ],
    ]),
    zEntry(35, "z_{22}=a_{22}*w_{11}+a_{23}*w_{12}+a_{32}*w_{21}+a_{33}*w_{22}", 2, 2, [
      [
        [1, 1],
        [2, 2],
      ],
      [
        [1, 2],
        [2, 3],
      ],
      [
        [2, 1],
        [3, 2],
      ],
      [
        [2, 2],
        [3, 3],
      ],
    ]),
    {
      line: 37,
      snippet: "\\nabla a^l=\\frac{\\partial C}{\\partial a^l}=",
      truth: "definition",
      why: "∇a^l := ∂C/∂a^l, and the chain rule δ^{l+1} ∂z^{l+1}/∂a^l with the Jacobian left unevaluated (the text then works out its entries)",
    },
    gradA(46, "\\nabla a_{11}=\\delta_{11}w_{11}", 1, 1, [
      [
        [1, 1],
        [1, 1],
      ],
    ]),
    gradA(47, "\\nabla a_{12}=\\delta_{11}w_{12}+\\delta_{12}w_{11}", 1, 2, [
      [
        [1, 1],
        [1, 2],
      ],
      [
        [1, 2],
        [1, 1],
      ],
    ]),
    gradA(48, "\\nabla a_{13}=\\delta_{12}w_{12}", 1, 3, [
      [
        [1, 2],
        [1, 2],
      ],
    ]),
    gradA(49, "\\nabla a_{21}=\\delta_{11}w_{21}+\\delta_{21}w_{11}", 2, 1, [
      [
        [1, 1],
        [2, 1],
      ],
      [
        [2, 1],
        [1, 1],
      ],
    ]),
    gradA(50, "\\nabla a_{22}=\\delta_{11}w_{22}+\\delta_{12}w_{21}+\\delta_{21}w_{12}+\\delta_{22}w_{11}", 2, 2, [
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
    ]),
    gradA(51, "\\nabla a_{23}=\\delta_{12}w_{22}+\\delta_{22}w_{12}", 2, 3, [
      [
        [1, 2],
        [2, 2],
      ],
      [
        [2, 2],
        [1, 2],
      ],
    ]),
    gradA(52, "\\nabla a_{31}=\\delta_{21}w_{21}", 3, 1, [
      [
        [2, 1],
        [2, 1],
      ],
    ]),
    gradA(53, "\\nabla a_{32}=\\delta_{21}w_{22}+\\delta_{22}w_{21}", 3, 2, [
      [
        [2, 1],
        [2, 2],
      ],
      [
        [2, 2],
        [2, 1],
      ],
    ]),
    gradA(54, "\\nabla a_{33}=\\delta_{22}w_{22}", 3, 3, [
      [
        [2, 2],
        [2, 2],
      ],
    ]),
    {
      line: 71,
      snippet: "\\delta^l=\\frac{\\partial C}{\\partial z^l}=",
      truth: "fails",
      target: "dX",
      scale: (v, [i, j]) => v.fprime("z", i!, j!),
      why: "δ^l is ∂C/∂z^l and a^l = σ(z^l) (line 13), so δ^l = (δ^{l+1} * rot180(W^{l+1})) ⊙ σ'(z^l); the last link, the padded δ^{l+1} correlated with the turned kernel, is ∂C/∂a^l (∇a of line 60): the factor σ'(z^l) is dropped",
      claimed: fullRot,
    },
    {
      line: 73,
      snippet: "z^{l+1}=a^{l}*W^{l+1}+b",
      truth: "holds",
      target: "Y",
      why: "the example's forward pass with its bias: the cross-correlation of a^l with W^{l+1}, plus b",
      claimed: (v, [p, q]) => fwd(v, p!, q!),
    },
    {
      line: 74,
      snippet: "\\frac{\\partial C}{\\partial W^{l+1}}=a^l*\\delta ^{l+1}",
      truth: "holds",
      target: "dW",
      why: "the valid correlation of a^l with δ^{l+1}: entry (u, w) is Σ_{pq} a_{p+u−1, q+w−1} δ_{pq}, the chain rule over the outputs w_{uw} enters",
      claimed: (v, [u, w]) => trueDW(v, u!, w!),
    },
    {
      line: 78,
      snippet:
        "\\frac{\\partial C}{\\partial W^{l+1}_{11}}=a_{11}\\delta_{11}+a_{12}\\delta_{12}+a_{21}\\delta_{21}+a_{22}\\delta_{22}",
      truth: "holds",
      target: "dW",
      why: "w_{11} multiplies a_{11}, a_{12}, a_{21}, a_{22} in z_{11}, z_{12}, z_{21}, z_{22}",
      claimed: at(
        1,
        1,
        ad([
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
      line: 79,
      snippet:
        "\\frac{\\partial C}{\\partial W^{l+1}_{12}}=a_{12}\\delta_{11}+a_{13}\\delta_{12}+a_{22}\\delta_{21}+a_{23}\\delta_{22}",
      truth: "holds",
      target: "dW",
      why: "w_{12} multiplies a_{12}, a_{13}, a_{22}, a_{23} in z_{11}, z_{12}, z_{21}, z_{22}",
      claimed: at(
        1,
        2,
        ad([
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
        trueDW,
      ),
    },
    {
      line: 80,
      snippet:
        "\\frac{\\partial C}{\\partial W^{l+1}_{21}}=a_{21}\\delta_{11}+a_{22}\\delta_{12}+a_{31}\\delta_{21}+a_{33}\\delta_{22}",
      truth: "fails",
      target: "dW",
      why: "w_{21} multiplies a_{32} in z_{22} (line 35): the last term should be a_{32}δ_{22}, not a_{33}δ_{22}",
      claimed: at(
        2,
        1,
        ad([
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
            [3, 3],
            [2, 2],
          ],
        ]),
        trueDW,
      ),
    },
    {
      line: 81,
      snippet:
        "\\frac{\\partial C}{\\partial W^{l+1}_{12}}=a_{22}\\delta_{11}+a_{23}\\delta_{12}+a_{32}\\delta_{21}+a_{33}\\delta_{22}",
      truth: "fails",
      target: "dW",
      why: "the right side is the gradient of w_{22}, but the left side names W^{l+1}_{12} (again, after line 79), whose gradient is a_{12}δ_{11} + a_{13}δ_{12} + a_{22}δ_{21} + a_{23}δ_{22}",
      claimed: at(
        1,
        2,
        ad([
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
        trueDW,
      ),
    },
    {
      line: 83,
      snippet: "\\frac{\\partial C}{\\partial W^{l+1}}=",
      truth: "holds",
      target: "dW",
      why: "the matrix form of line 74: the 3×3 a^l correlated (valid) with the 2×2 δ^{l+1} is the 2×2 kernel gradient",
      claimed: (v, [u, w]) => sum(1, O, (p) => sum(1, O, (q) => qmul(v.x(u! + p - 1, w! + q - 1), v.dy(p, q)))),
    },
  ],
};
export default src;
