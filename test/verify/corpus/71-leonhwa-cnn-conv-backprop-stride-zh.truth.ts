/**
 * leon (GitHub: LeonHwa; blog "rivendell", d2rivendell.github.io), 《CNN》: a Chinese-language Hexo post dated
 * 2019-10-15 (the Markdown file source/_posts/CNN.md of the repository LeonHwa/leonhwa.github.io, read at the commit
 * "update cnn" of 14 February 2020) — the forward pass of a convolution layer in index notation (with σ and a bias),
 * δ^l derived entry by entry through σ'(z^l), its matrix form δ^l = pδ^{l+1} * ROT180 w with pδ the output error
 * padded by F − 1 and, for a stride S ≠ 1, with S − 1 zeros inserted between its rows and columns; a 5×5/3×3
 * example written out entry by entry and as a padded matrix; ∂C/∂w and ∂C/∂b; and numpy code.
 * Layer: the post's own example — "对于l-1层 5×5 的卷积层，卷积核3×3, 则输出的l层卷积大小为5-3+1=3" — one channel,
 * 0-based (m ∈ [0, k − 1], x ∈ [0, H − 1]), stride 1 (the derivation's formulas and example have no stride: the
 * stride S appears only in the prose rule for pδ, line 117, which is not an equation), a cross-correlation
 * (z^{l+1}_{x,y} = Σ_{m,n} w_{m,n} σ(z^l_{x+m,y+n}) + b: the post crosses out the flipped version, line 78, because
 * the code does not flip), with one bias (the post writes b_{x,y}, but its code has b of shape (1, 1, 1, C) and sums
 * db over height and width: one bias per output channel; b_{x,y} is read as that bias).
 * Roles: the post's layer is named two ways. Lines 82–103 (and 110–187) are the layer l → l + 1: input σ(z^l)
 * (v.x), kernel w^{l+1} (v.w), output z^{l+1} with δ^{l+1} = ∂C/∂z^{l+1} (v.dy); δ^l = ∂C/∂z^l is the input gradient
 * times σ'(z^l) (scale v.fprime("z", x, y)) up to line 105, where the post sets σ'(z^l) = 1 ("ConvLayer一般不包括激活函数")
 * — from there on δ^l is the input gradient itself (lines 110–166, no scale). Lines 86 and 195–209 are the same layer
 * named l − 1 → l (input z^{l−1} or σ(z^{l−1}), kernel w^l, output z^l, δ^l its output gradient).
 * Sums over x', y' run over the 3×3 output and w_{x−x',y−y'} is read 0 off the 3×3 kernel (as the post's (16) says).
 * The post's mistakes: (3) (line 29) substitutes m → −m in the convolution without changing the sums' range, so
 * Σ_{m,n=0}^{k−1} I(i+m, j+n) K(−m,−n) keeps only the term m = n = 0; the row for δ^l_{2,2} (line 161) is the row of
 * δ^l_{1,2} copied with its range x' ∈ [0,1] — for x = 2 the range is x' ∈ [0,2] (its own (17)), so the row leaves out
 * δ^{l+1}_{2,0}W_{0,2}, δ^{l+1}_{2,1}W_{0,1}, δ^{l+1}_{2,2}W_{0,0}; and the bias gradient (19) ends "Σ_xΣ_y δ_{x,y} =
 * δ_{x,y}" (line 209): the sum of the nine output errors is not one of them.
 * Read generously (the post's own naming slips, no value changed): (7.2) (line 86) names the kernel size k^{l−1} and the
 * bias b^{l−1} after its input layer — read as this layer's; (15) (line 110) writes ROT180 w^l for the kernel that
 * carries δ^{l+1} back (its own example, line 179, writes W^{l+1}); and the "*" of (15) and line 166 is the sliding
 * the post describes (line 187: the flipped kernel slid over δ^{l+1} padded by 2), not its own (2): so read, line 166 is
 * entry (x, y) = Σ_{m,n} pδ_{x+m,y+n} W_{2−m,2−n}, the input gradient. Line 208's inner sum (σ(z^l_{x−a',y−b'}), a', b'
 * never defined) is a wrong forward pass, but its derivative with respect to b is 1 all the same: the line's value holds.
 * The entry rows of lines 154–159 are right, each with the range of x', y' it states.
 * Other: the crossed-out forward pass (line 78, \xcancel: withdrawn by the post), the fully-connected convention (5),
 * the index relations (9) and (12), the assumption σ'(z^l) = 1 (line 105).
 * Not found by verify, so not listed: the size formula (W−F+2P)/S + 1 (line 15), the inline ranges of lines 127–133,
 * the cases (16) and (17) (lines 136–148), the prose "5-3+1=3" (line 142).
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qadd, qmul, type Q } from "../../core/oracle.js";
import { chain, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 5,
  K = 3,
  O = N - K + 1; // 5×5 input, 3×3 kernel, 3×3 output

/** z^{l+1}_{x,y} = Σ_{m,n} w_{m,n} σ(z^l_{x+m,y+n}) + b: the forward pass (7.1). */
const fwd = (v: Access, [x, y]: number[]): Q =>
  qadd(
    sum(0, K - 1, (m) => sum(0, K - 1, (n) => qmul(v.w(m, n), v.x(x! + m, y! + n)))),
    v.b(),
  );
/** Σ_{x',y'} δ^{l+1}_{x',y'} w_{x−x',y−y'} (w read 0 off the kernel): the input gradient. */
const dX = (v: Access, [x, y]: number[]): Q =>
  sum(0, O - 1, (a) => sum(0, O - 1, (c) => qmul(v.dy(a, c), v.w(x! - a, y! - c))));
/** The same times σ'(z^l_{x,y}): δ^l before line 105 sets σ' = 1. */
const delta = (v: Access, idx: number[]): Q => qmul(dX(v, idx), v.fprime("z", idx[0]!, idx[1]!));
const fz = (v: Access, idx: number[]): Q => v.fprime("z", idx[0]!, idx[1]!);
/** Σ_{x,y} δ^l_{x,y} σ(z^{l−1}_{x+m,y+n}): the kernel gradient. */
const dW = (v: Access, [m, n]: number[]): Q =>
  sum(0, O - 1, (x) => sum(0, O - 1, (y) => qmul(v.dy(x, y), v.x(x + m!, y + n!))));
/** Σ_{x,y} δ^l_{x,y}: the bias gradient. */
const db = (v: Access): Q => sum(0, O - 1, (x) => sum(0, O - 1, (y) => v.dy(x, y)));
/** An entry row: the formula at its entry (x0, y0), every other entry taking its true value. */
const at =
  (x0: number, y0: number, f: (v: Access) => Q) =>
  (v: Access, idx: number[]): Q =>
    idx[0] === x0 && idx[1] === y0 ? f(v) : dX(v, idx);
/** Σ of δ^{l+1}_{x',y'} W_{x−x',y−y'} over the row's stated ranges x' ∈ [xl, xh], y' ∈ [yl, yh]. */
const row = (x: number, y: number, xl: number, xh: number, yl: number, yh: number) => (v: Access) =>
  sum(xl, xh, (a) => sum(yl, yh, (c) => qmul(v.dy(a, c), v.w(x - a, y - c))));
/** Line 166: entry (x, y) of the flipped kernel slid over δ^{l+1} padded by 2 (pδ_{i,j} = δ^{l+1}_{i−2,j−2}). */
const padded = (v: Access, [x, y]: number[]): Q =>
  sum(0, K - 1, (m) => sum(0, K - 1, (n) => qmul(v.dy(x! + m - 2, y! + n - 2), v.w(2 - m, 2 - n))));

const def = (line: number, snippet: string, why: string): TruthEquation => ({
  line,
  snippet,
  truth: "definition",
  why,
});
const other = (line: number, snippet: string, why: string): TruthEquation => ({ line, snippet, truth: "other", why });
const rowWhy = (e: string) =>
  `δ^l_{${e}} (σ' = 1 by line 105) is Σ δ^{l+1}_{x',y'} W_{x−x',y−y'} over the outputs whose window covers it; the row writes exactly those terms`;

const src: CorpusSource = {
  file: "71-leonhwa-cnn-conv-backprop-stride-zh.md",
  citation:
    'leon (GitHub: LeonHwa; blog "rivendell", d2rivendell.github.io; commits signed huayf and rivendell), 《CNN》, a Chinese-language Hexo post dated 2019-10-15, repository LeonHwa/leonhwa.github.io, file source/_posts/CNN.md, read at its last change, commit d521afcb2f1359e2274a62e9dba82670d819b68a ("update cnn", 14 February 2020): the whole post (forward pass in index notation, δ^l entry by entry with σ\', δ^l = pδ^{l+1} * ROT180 w with zeros inserted for a stride S, a 5×5/3×3 example entry by entry, ∂C/∂w, ∂C/∂b, numpy code)',
  url: "https://github.com/LeonHwa/leonhwa.github.io/blob/d521afcb2f1359e2274a62e9dba82670d819b68a/source/_posts/CNN.md",
  flags: ["--input", "5x5", "--kernel", "3x3", "--op", "xcorr", "--index-base", "0", "--bias"],
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
    indexBase: 0,
  },
  indexBase: 0,
  equations: [
    def(25, "(I \\otimes K)_{i j}=\\sum_{m=0}^{k_{1}-1}", "(1) defines ⊗, the cross-correlation"),
    def(29, "(I * K)_{i j} &=\\sum_{m=0}^{k_{1}-1}", "(2) defines *, the true convolution"),
    {
      line: 29,
      snippet: "&=\\sum_{m=0}^{k_{1}-1} \\sum_{n=0}^{k_{2}-1} I(i+m, j+n) K(-m,-n)",
      truth: "fails",
      why: "(3) substitutes m → −m without changing the sums' range: over m, n = 0 … k − 1 the kernel entry K(−m,−n) exists only for m = n = 0, so the sum is I(i, j)K(0, 0), not the convolution (2) (the range should run from −(k − 1) to 0); an identity between operations, not about a tensor of the layer (no target)",
    },
    def(
      61,
      "\\delta_{j}^{l}=\\frac{\\partial C}{\\partial z_{j}^{l}}",
      "(4) defines δ^l as the gradient with respect to the pre-activation z^l",
    ),
    other(
      62,
      "z_{j}^{l}=\\sum_{k} w_{j k}^{l} a_{k}^{l-1}+b_{j}^{l}",
      "(5), the fully-connected layer's convention the post starts from, not the convolution",
    ),
    def(63, "a_j^l = \\sigma(z_j^l)", "(6) defines the activation a^l = σ(z^l)"),
    other(
      78,
      "\\xcancel{ z_{x, y}^{l+1}=w^{l+1} * \\sigma",
      "(7), crossed out by the post itself (\\xcancel: 'weights … 并不会翻转180度'): withdrawn, replaced by (7.1)",
    ),
    {
      line: 82,
      snippet:
        "z_{x, y}^{l+1}=w^{l+1} * \\sigma\\left(z_{x, y}^{l}\\right)+b_{x, y}^{l+1}=\\sum_{m} \\sum_{n} w_{m, n}^{l+1} \\sigma\\left(z_{x+m, y+n}^{l}\\right) + b_{x,y}^{l+1}",
      truth: "holds",
      target: "Y",
      why: "(7.1), the forward pass of the layer l → l + 1: the kernel slid without flipping over σ(z^l), plus the bias ('w * σ(z)' is the post's name for that sum, 'so the formula above can be written')",
      claimed: fwd,
    },
    {
      line: 86,
      snippet:
        "z^l_{x,y} = \\sum_{m=0}^{k_1^{l-1}-1} \\sum_{n=0}^{k_2^{l-1}-1} w_{m,n}^{l} z_{x+m,y+n}^{l-1} + b_{x,y}^{l-1}",
      truth: "holds",
      target: "Y",
      why: "(7.2), the same forward pass named l − 1 → l for a layer without activation (input z^{l−1}); the superscripts of k^{l−1} and b^{l−1} name this layer's kernel size and bias after its input layer, no value changes",
      claimed: fwd,
    },
    {
      line: 91,
      snippet: "\\delta_{x, y}^{l}=\\frac{\\partial C}{\\partial z_{x, y}^{l}}=\\sum_{x'} \\sum_{y'}",
      truth: "holds",
      target: "dX",
      scale: fz,
      why: "(8): z^l_{x,y} reaches C through every z^{l+1}_{x',y'}; the chain rule over them, each ∂z^{l+1}_{x',y'}/∂z^l_{x,y} read off (7.1) = w_{x−x',y−y'} σ'(z^l_{x,y})",
      claimed: delta,
    },
    other(93, "x = x' +  m", "(9), the relation between the indices that makes the derivative (10) nonzero"),
    other(93, "y = y' + n", "(9), the relation between the indices"),
    {
      line: 97,
      snippet:
        "\\delta_{x,y}^l = \\sum_{x'} \\sum_{y'} \\delta_{x', y'}^{l+1} w_{m, n}^{l+1} \\sigma'\\left(z_{x, y}^{l}\\right)",
      truth: "holds",
      target: "dX",
      scale: fz,
      why: "(11), with m = x − x', n = y − y' as (9) and (12) say: Σ δ^{l+1}_{x',y'} w_{x−x',y−y'} σ'(z^l_{x,y}), the input gradient through σ'",
      claimed: delta,
    },
    other(99, "m = x -x'", "(12), the index relation (9) solved for m"),
    other(99, "n = y - y'", "(12), the index relation (9) solved for n"),
    {
      line: 101,
      snippet: "\\sum_{x^{\\prime}} \\sum_{y^{\\prime}} \\delta_{x^{\\prime}, y^{\\prime}}^{l+1} w_{m, n}^{l+1}",
      truth: "holds",
      target: "dX",
      scale: fz,
      why: "(13): (11) with m = x − x', n = y − y' substituted; both sides are δ^l_{x,y}",
      claimed: delta,
    },
    {
      line: 103,
      snippet:
        "\\delta_{x,y}^l=\\sum_{x^{\\prime}} \\sum_{y^{\\prime}} \\delta_{x', y'}^{l+1} w_{x -x', y-y'}^{l+1} \\sigma^{\\prime}(z_{x, y}^{l})",
      truth: "holds",
      target: "dX",
      scale: fz,
      why: "(14): Σ_{x',y'} δ^{l+1}_{x',y'} w_{x−x',y−y'} σ'(z^l_{x,y}) (w read 0 off the kernel), the input gradient times σ'",
      claimed: delta,
    },
    other(
      105,
      "\\sigma^{\\prime}(z_{x, y}^{l})  = 1",
      "the post's assumption that the conv layer has no activation of its own (ReLU is a separate layer): from here δ^l is the input gradient",
    ),
    {
      line: 110,
      snippet: "\\delta^l =  p\\delta^{l+1} * ROT180^{\\circ}w^l",
      truth: "holds",
      target: "dX",
      why: "(15) at stride 1: pδ^{l+1} is δ^{l+1} padded by k − 1 = 2 (line 115), and * the sliding of the flipped kernel over it (line 187); entry (x, y) is Σ_{m,n} δ^{l+1}_{x+m−2,y+n−2} w_{2−m,2−n} = Σ δ^{l+1}_{x',y'} w_{x−x',y−y'} (w^l read as the kernel that carries δ^{l+1} back, W^{l+1} in the post's own example)",
      claimed: padded,
    },
    {
      line: 154,
      snippet: "\\delta^{l}_{0,0} =\\delta^{l+1}_{0,0}W^{l+1}_{0,0}",
      truth: "holds",
      target: "dX",
      why: rowWhy("0,0"),
      claimed: at(0, 0, row(0, 0, 0, 0, 0, 0)),
    },
    {
      line: 155,
      snippet: "\\delta^{l}_{0,1} =\\delta^{l+1}_{0,1}W^{l+1}_{0,0} + \\delta^{l+1}_{0,0}W^{l+1}_{0,1}",
      truth: "holds",
      target: "dX",
      why: rowWhy("0,1"),
      claimed: at(0, 1, row(0, 1, 0, 0, 0, 1)),
    },
    {
      line: 156,
      snippet: "\\delta^{l}_{0,2} =\\delta^{l+1}_{0,2}W^{l+1}_{0,0}",
      truth: "holds",
      target: "dX",
      why: rowWhy("0,2"),
      claimed: at(0, 2, row(0, 2, 0, 0, 0, 2)),
    },
    {
      line: 157,
      snippet: "\\delta^{l}_{1,0} =\\delta^{l+1}_{1,0}W^{l+1}_{0,0} + \\delta^{l+1}_{0,0}W^{l+1}_{1,0}",
      truth: "holds",
      target: "dX",
      why: rowWhy("1,0"),
      claimed: at(1, 0, row(1, 0, 0, 1, 0, 0)),
    },
    {
      line: 158,
      snippet: "\\delta^{l}_{1,1} =\\delta^{l+1}_{1,1}W^{l+1}_{0,0}",
      truth: "holds",
      target: "dX",
      why: rowWhy("1,1"),
      claimed: at(1, 1, row(1, 1, 0, 1, 0, 1)),
    },
    {
      line: 159,
      snippet: "\\delta^{l}_{1,2} = \\sum_{x'} \\sum_{y'} \\delta^{l+1}_{x',y'}  W^{l+1}_{x - x',y - y'}",
      truth: "holds",
      target: "dX",
      why: "δ^l_{1,2} = Σ δ^{l+1}_{x',y'} W_{1−x',2−y'} over the row's x' ∈ [0,1], y' ∈ [0,2] — the range (17) gives for x = 1, y = 2",
      claimed: at(1, 2, row(1, 2, 0, 1, 0, 2)),
    },
    {
      line: 161,
      snippet: "\\delta^{l}_{2,2} = \\sum_{x'} \\sum_{y'} \\delta^{l+1}_{x',y'}  W^{l+1}_{x - x',y - y'}",
      truth: "fails",
      target: "dX",
      why: "the row of δ^l_{1,2} copied with its range x' ∈ [0,1]: for x = 2, (17) gives x' ∈ [0,2], so the row's sum leaves out δ^{l+1}_{2,0}W_{0,2} + δ^{l+1}_{2,1}W_{0,1} + δ^{l+1}_{2,2}W_{0,0}",
      claimed: at(2, 2, row(2, 2, 0, 1, 0, 2)),
    },
    {
      line: 166,
      snippet: "\\delta^{l}=\\left(",
      truth: "holds",
      target: "dX",
      why: "the 7×7 matrix is δ^{l+1} padded by 2 and the 3×3 one the kernel flipped (W_{2,2} … W_{0,0}); slid over it as line 187 says, entry (x, y) is Σ_{m,n} δ^{l+1}_{x+m−2,y+n−2} W_{2−m,2−n}, the input gradient (σ' = 1)",
      claimed: padded,
    },
    {
      line: 197,
      snippet:
        "\\frac{\\partial C}{\\partial w_{m, n}^{l}} = \\sum_{x} \\sum_{y} \\frac{\\partial C}{\\partial z_{x, y}^{l}} \\frac{\\partial z_{x, y}^{l}}{\\partial w_{m, n}^{l}}",
      truth: "holds",
      target: "dW",
      why: "(18), the layer named l − 1 → l: w_{m,n} enters every output z^l_{x,y}; the chain rule over them, ∂z^l_{x,y}/∂w_{m,n} = σ(z^{l−1}_{x+m,y+n})",
      claimed: dW,
    },
    {
      line: 198,
      snippet:
        "&=\\sum_{x} \\sum_{y} \\delta_{x, y}^{l} \\frac{\\partial(\\sum_{m'} \\sum_{n'} w_{m', n'}^{l} \\sigma(z_{x+m', y+n'}^{l-1})+b_{x, y}^{l})}{\\partial w_{m, n}^{l}}",
      truth: "holds",
      target: "dW",
      why: "the chain rule with z^l_{x,y} written out as its forward pass (σ(z^{l−1}) the input)",
      claimed: dW,
    },
    {
      line: 200,
      snippet: "{\\sum_{x} \\sum_{y} \\delta_{x, y}^{l} \\sigma(z_{x+m, y+n}^{l-1})}",
      truth: "holds",
      target: "dW",
      why: "the kernel gradient: Σ_{x,y} δ^l_{x,y} σ(z^{l−1}_{x+m,y+n}), the output error correlated with the input",
      claimed: dW,
    },
    {
      line: 207,
      snippet:
        "\\frac{\\partial C}{\\partial b_{x, y}^{l}}=\\sum_{x} \\sum_{y} \\frac{\\partial C}{\\partial z_{x, y}^{l}} \\frac{\\partial z_{x, y}^{l}}{\\partial b_{x, y}^{l}}",
      truth: "holds",
      target: "db",
      why: "the one bias (b_{x,y} read as it, as the post's code has it) is added to every output with coefficient 1: the chain rule over all outputs",
      claimed: (v) => db(v),
    },
    {
      line: 208,
      snippet:
        "&=\\sum_{x} \\sum_{y} \\delta_{x, y}^{l} \\frac{\\partial(\\sum_{m'} \\sum_{n'} w_{m', n'}^{l} \\sigma(z_{x-a^{\\prime}, y-b^{\\prime}}^{l})+b_{x, y}^{l})}{\\partial b_{x, y}^{l}}",
      truth: "holds",
      target: "db",
      why: "the inner forward pass is wrong (σ(z^l_{x−a',y−b'}), a', b' undefined, for σ(z^{l−1}_{x+m',y+n'})), but the derivative of '… + b' with respect to b is 1 whatever the sum: the line is Σ δ^l_{x,y}, the bias gradient",
      claimed: (v) => db(v),
    },
    {
      line: 209,
      snippet: "&= \\sum_x\\sum_y \\delta_{x,y}^{l} = \\delta_{x,y}^{l}",
      truth: "fails",
      target: "db",
      why: "Σ_xΣ_y δ^l_{x,y} is the bias gradient, but '= δ^l_{x,y}' equates the sum of the nine output errors with one of them (checked at x = y = 0; any x, y alike)",
      claimed: (v) => chain(db(v), v.dy(0, 0)),
    },
  ],
};
export default src;
