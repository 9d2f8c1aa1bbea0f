/**
 * Ethan Cao (GitHub: EthanCaol), "组件库-ethan": the Chinese documentation of his NumPy neural-network component library
 * (the Markdown file lib/doc/组件库.md of the repository EthanCaol/Python-Table, added in its first commit of 16 September
 * 2025 and unchanged since, read at commit aefd45bab6a7a37632c28b088bc4fd20eac4cef5). Its section "二维卷积层-Conv2d",
 * "反向传播-数学公式推导", works one convolution layer out entry by entry for a 3×3 input X and a 2×2 kernel F (after
 * Pavithra Solai's Medium post, which it links): the four outputs O_{11} … O_{22} as a bulleted list, the rule
 * ∂L/∂F = conv(X, ∂L/∂O) with ∂L/∂F_{11} derived by the chain rule (a two-row aligned block set in single dollars),
 * the rule ∂L/∂X = conv(∂L/∂O^{pad}, F^{flip}) and a Markdown table of the nine ∂L/∂X_{ij}, each row with the
 * outputs its X_{ij} reaches ("X_{12}\to O_{11},O_{12}") in the first column and the formula in the second.
 * Layer: the section's own — X 3×3, F 2×2, stride 1, no padding, one channel, no bias (the written O_{kl} have none;
 * the library's code adds one, the formulas do not), so O is 2×2; 1-based (X_{11} … X_{33}, F_{11} … F_{22}). Its
 * "convolution" is a cross-correlation: O_{12} = X_{12}F_{11} + X_{13}F_{12} + …, the kernel unflipped. ∂L/∂O_{kl} is
 * v.dy(k, l).
 * Reading: "conv" (lines 38, 51) is the section's forward operation, the sliding-window weighted sum its bullets
 * spell out (正向传播-滑动窗口加权求和计算), i.e. the valid cross-correlation of its first argument with the second as
 * the window: conv(X, ∂L/∂O)_{kl} = Σ_{ij} X_{k+i−1, l+j−1} ∂L/∂O_{ij} — the kernel gradient (line 38, holds). In
 * line 51, ∂L/∂O^{pad} is ∂L/∂O zero-padded and F^{flip} the kernel rotated 180° (the title: 输出偏导填充与权重旋转的
 * 卷积); the amount of padding is not written — read as K − 1 = 1 on every side, the only one that gives X's 3×3 shape
 * (a 4×4 padded gradient under a 2×2 window), and the one the section's own code uses (np.pad by kernel_size − 1,
 * np.flip on both axes): conv(∂L/∂O^{pad}, F^{flip})_{rs} = Σ_{ab} ∂L/∂O_{r+a−2, s+b−2} F_{3−a, 3−b} = Σ_{kl}
 * ∂L/∂O_{kl} F_{r−k+1, s−l+1}, the input gradient (holds). The \mathbf{…} around both sides of lines 38 and 51 is
 * typography. "\cdot" is a plain product throughout.
 * Every equation holds: the nine table rows are each X_{rs}'s outputs with the kernel entry that meets it
 * (X_{12} under F_{12} in O_{11} and under F_{11} in O_{12}; X_{22} under F_{22}, F_{21}, F_{12}, F_{11} in the four
 * outputs), the ∂L/∂F_{11} chain's two links agree with the oracle (line 41 with the true local derivatives, which the
 * symbols ∂O_{kl}/∂F_{11} mean). Entry formulas are checked at their entry, every other entry of the target taking
 * its true value. The first table column (X_{11}\to O_{11} …) states which outputs each input reaches — no equation,
 * not listed.
 * Held out: added after the reader was built, to try it on a source none of its tests used. (The derivation follows
 * Pavithra Solai's post, as corpus 17, 70, 84 and 92 do, but in its own words and layout: the rules named conv(·, ·)
 * with ^{pad} and ^{flip}, and the dX entries in a table.)
 */
import { Q0, qadd, qmul, type Q } from "../../core/oracle.js";
import { at, sum } from "./util.js";
import type { Access, CorpusSource, TruthEquation } from "./types.js";

const N = 3,
  K = 2,
  O = N - K + 1; // 3×3 input, 2×2 kernel, 2×2 output

/** O_{kl} = Σ_{ij} X_{k+i−1, l+j−1} F_{ij}: the cross-correlation the bullets write out. */
const fwd = (v: Access, k: number, l: number): Q =>
  sum(1, K, (i) => sum(1, K, (j) => qmul(v.x(k + i - 1, l + j - 1), v.w(i, j))));
/** ∂O_{kl}/∂F_{ij} = X_{k+i−1, l+j−1}. */
const locW = (v: Access, k: number, l: number, i: number, j: number): Q => v.x(k + i - 1, l + j - 1);
/** ∂O_{kl}/∂X_{rs} = F_{r−k+1, s−l+1} (0 off the kernel). */
const locX = (v: Access, k: number, l: number, r: number, s: number): Q => v.w(r - k + 1, s - l + 1);
/** Σ_{kl} ∂L/∂O_{kl} · local(k, l): the chain rule over the four outputs. */
const chain = (v: Access, local: (k: number, l: number) => Q): Q =>
  sum(1, O, (k) => sum(1, O, (l) => qmul(v.dy(k, l), local(k, l))));
const trueDW = (v: Access, i: number, j: number): Q => chain(v, (k, l) => locW(v, k, l, i, j));
const trueDX = (v: Access, r: number, s: number): Q => chain(v, (k, l) => locX(v, k, l, r, s));

/** conv(A, B)_{kl} = Σ_{ab} A_{k+a−1, l+b−1} B_{ab}: the section's sliding-window weighted sum, B the window. */
const conv =
  (A: (p: number, q: number) => Q, B: (a: number, b: number) => Q, bRows: number, bCols: number) =>
  (k: number, l: number): Q =>
    sum(1, bRows, (a) => sum(1, bCols, (b) => qmul(A(k + a - 1, l + b - 1), B(a, b))));

type P = [number, number];
/** Σ X_{..} F_{..} as written. */
const xf =
  (terms: [P, P][]) =>
  (v: Access): Q =>
    terms.reduce((s, [a, b]) => qadd(s, qmul(v.x(...a), v.w(...b))), Q0);
/** Σ ∂L/∂O_{..} · X_{..} as written. */
const ox =
  (terms: [P, P][]) =>
  (v: Access): Q =>
    terms.reduce((s, [a, b]) => qadd(s, qmul(v.dy(...a), v.x(...b))), Q0);
/** Σ ∂L/∂O_{..} · F_{..} as written. */
const of =
  (terms: [P, P][]) =>
  (v: Access): Q =>
    terms.reduce((s, [a, b]) => qadd(s, qmul(v.dy(...a), v.w(...b))), Q0);

const pair = (s: string): P => [Number(s[0]), Number(s[1])];

/** A forward bullet O_{kl} = X F + X F + X F + X F, the terms as written ("11,11" = X_{11}F_{11}). */
const fwdRow = (line: number, k: number, l: number, terms: string[]): TruthEquation => {
  const t = terms.map((s): [P, P] => {
    const [x, f] = s.split(",");
    return [pair(x!), pair(f!)];
  });
  return {
    line,
    snippet: `$O_{${k}${l}}=X_{${terms[0]!.slice(0, 2)}}F_{11}`,
    truth: "holds",
    target: "Y",
    why: `the window of O_{${k}${l}} (rows ${k}–${k + 1}, columns ${l}–${l + 1} of X) times the unflipped kernel, no bias`,
    claimed: at(k, l, xf(t), fwd),
  };
};

/** A table row ∂L/∂X_{rs} = Σ ∂L/∂O_{kl} · F_{ij}, the terms as written ("11,12" = ∂L/∂O_{11} · F_{12}). */
const dxRow = (line: number, r: number, s: number, terms: string[], why: string): TruthEquation => {
  const t = terms.map((u): [P, P] => {
    const [o, f] = u.split(",");
    return [pair(o!), pair(f!)];
  });
  return {
    line,
    snippet: `\\frac{\\partial L}{\\partial X_{${r}${s}}}=\\frac{\\partial L}{\\partial O_{${terms[0]!.slice(0, 2)}}}\\cdot F_{${terms[0]!.slice(3)}}`,
    truth: "holds",
    target: "dX",
    why,
    claimed: at(r, s, of(t), trueDX),
  };
};

const src: CorpusSource = {
  file: "103-ethancao-numpy-components-conv2d-zh.md",
  citation:
    'Ethan Cao (GitHub: EthanCaol), "组件库-ethan", the documentation (in Chinese) of his NumPy neural-network component library, repository EthanCaol/Python-Table, file lib/doc/组件库.md (added 16 September 2025, unchanged since), read at commit aefd45bab6a7a37632c28b088bc4fd20eac4cef5: the section "二维卷积层-Conv2d", 反向传播-数学公式推导 (a 3×3 input and a 2×2 kernel: the four outputs, ∂L/∂F = conv(X, ∂L/∂O) with ∂L/∂F_{11}, ∂L/∂X = conv(∂L/∂O^{pad}, F^{flip}) and the nine ∂L/∂X_{ij} in a table)',
  url: "https://github.com/EthanCaol/Python-Table/blob/aefd45bab6a7a37632c28b088bc4fd20eac4cef5/lib/doc/%E7%BB%84%E4%BB%B6%E5%BA%93.md",
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
    fwdRow(28, 1, 1, ["11,11", "12,12", "21,21", "22,22"]),
    fwdRow(29, 1, 2, ["12,11", "13,12", "22,21", "23,22"]),
    fwdRow(30, 2, 1, ["21,11", "22,12", "31,21", "32,22"]),
    fwdRow(31, 2, 2, ["22,11", "23,12", "32,21", "33,22"]),
    {
      line: 38,
      snippet:
        "\\mathbf{\\frac{\\partial L}{\\partial F}} =\\mathbf{\\text{conv}(X,\\ \\frac{\\partial L}{\\partial O})}",
      truth: "holds",
      target: "dW",
      why: "conv is the section's sliding-window weighted sum (a valid cross-correlation): ∂L/∂O slid over X gives Σ_{kl} ∂L/∂O_{kl} X_{k+i−1, l+j−1} = ∂L/∂F_{ij}, a 2×2 result",
      claimed: (v, [i, j]) =>
        conv(
          (p, q) => v.x(p, q),
          (a, b) => v.dy(a, b),
          O,
          O,
        )(i!, j!),
    },
    {
      line: 41,
      snippet:
        "\\frac{\\partial L}{\\partial F_{11}}&=\\frac{\\partial L}{\\partial O_{11}}\\cdot\\frac{\\partial O_{11}}{\\partial F_{11}}",
      truth: "holds",
      target: "dW",
      why: "the chain rule over the four outputs: F_{11} enters each of them",
      claimed: at(1, 1, (v) => chain(v, (k, l) => locW(v, k, l, 1, 1)), trueDW),
    },
    {
      line: 42,
      snippet:
        "&=\\frac{\\partial L}{\\partial O_{11}}\\cdot X_{11}+\\frac{\\partial L}{\\partial O_{12}}\\cdot X_{12}",
      truth: "holds",
      target: "dW",
      why: "F_{11} multiplies the top-left entry of each window: X_{11}, X_{12}, X_{21}, X_{22} in O_{11}, O_{12}, O_{21}, O_{22}",
      claimed: at(
        1,
        1,
        ox([
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
      line: 51,
      snippet:
        "\\mathbf{\\frac{\\partial L}{\\partial X}} =\\mathbf{\\text{conv}(\\frac{\\partial L}{\\partial O}^{pad},\\ F^{flip})}",
      truth: "holds",
      target: "dX",
      why: "∂L/∂O zero-padded by K − 1 = 1 on every side (4×4) under the 180°-rotated kernel as the window: Σ_{ab} ∂L/∂O_{r+a−2, s+b−2} F_{3−a, 3−b} = Σ_{kl} ∂L/∂O_{kl} F_{r−k+1, s−l+1} = ∂L/∂X_{rs}, a 3×3 result",
      claimed: (v, [r, s]) =>
        conv(
          (p, q) => v.dy(p - (K - 1), q - (K - 1)),
          (a, b) => v.w(K + 1 - a, K + 1 - b),
          K,
          K,
        )(r!, s!),
    },
    dxRow(55, 1, 1, ["11,11"], "X_{11} is only in O_{11}'s window, under F_{11}"),
    dxRow(56, 1, 2, ["11,12", "12,11"], "X_{12} is in O_{11}'s window under F_{12} and in O_{12}'s under F_{11}"),
    dxRow(57, 1, 3, ["12,12"], "X_{13} is only in O_{12}'s window, under F_{12}"),
    dxRow(58, 2, 1, ["11,21", "21,11"], "X_{21} is in O_{11}'s window under F_{21} and in O_{21}'s under F_{11}"),
    dxRow(
      59,
      2,
      2,
      ["11,22", "12,21", "21,12", "22,11"],
      "X_{22} is in all four windows: under F_{22} in O_{11}, F_{21} in O_{12}, F_{12} in O_{21}, F_{11} in O_{22}",
    ),
    dxRow(60, 2, 3, ["12,22", "22,12"], "X_{23} is in O_{12}'s window under F_{22} and in O_{22}'s under F_{12}"),
    dxRow(61, 3, 1, ["21,21"], "X_{31} is only in O_{21}'s window, under F_{21}"),
    dxRow(62, 3, 2, ["21,22", "22,21"], "X_{32} is in O_{21}'s window under F_{22} and in O_{22}'s under F_{21}"),
    dxRow(63, 3, 3, ["22,22"], "X_{33} is only in O_{22}'s window, under F_{22}"),
  ],
};
export default src;
