/**
 * General gradients in index notation, for every size at once: the forward formula, the partial
 * derivatives with their conditions, the chain rule and the gradients as sums with ranges, for a
 * layer given by its op, number of axes, stride, dilation, lo:hi padding and index base — no
 * sizes. The kernel size is the size name K_a of axis a (verify binds K_1, K_2, … at any size);
 * every other range is implied by the tensors the sum indexes (zero outside, the zero padding).
 *
 * Derivation, per axis (0-based; s stride, d dilation, lo the padding before the input):
 *   xcorr  y_i = Σ_{m=0}^{K−1} w_m · x_{s·i + d·m − lo}
 *   conv   y_i = Σ_{m=0}^{K−1} w_m · x_{s·i + d·(K−1−m) − lo}      (the kernel reversed)
 *   ∂y_i/∂x_u = Σ_{m s.t. E(i,m) = u} w_m,   ∂y_i/∂w_m = x_{E(i,m)}
 *   δx_u = Σ_m Σ_{i s.t. E(i,m) = u} δy_i · w_m,   δw_m = Σ_i δy_i · x_{E(i,m)},   δb = Σ_i δy_i
 * With index base b every index is shifted by b (i = i' − b). Each formula is an AST of the formula
 * language (src/lang/ast.ts), printed in the verify language and in LaTeX by src/print/formula.ts; the
 * tests read each text back with verify at many concrete sizes.
 */
import type { Op } from "../conventions.js";
import type { Node, TensorBase } from "../lang/ast.js";
import type { Binder, Cond } from "../lang/group.js";
import type { IExpr } from "../lang/indexexpr.js";
import { latexStyle, printFormula, TEXT_STYLE, type FormulaStyle } from "../print/formula.js";
import { binder, cond, exprIndex, inum, iv, sumOver, type RuleFormula } from "./formulas.js";

export interface GeneralSpec {
  op: Op;
  /** Per axis (1-3 axes). */
  stride: readonly number[];
  dilation: readonly number[];
  /** lo:hi per axis; "full" pads d(K−1) on both sides (symbolic in K). */
  padding: readonly (readonly [number, number])[] | "full";
  indexBase: number;
  bias: boolean;
  /** Channel axes: x_{c,…} (input channel c), w_{o,c,…}, y_{o,…} (output channel o), b_o; one group. */
  channels?: boolean;
}

export interface GeneralFormula {
  /** What it is: "forward", "∂y/∂x", "chain ΔX", "ΔX", "∂y/∂w", "chain ΔW", "ΔW", "δb". */
  name: string;
  /** The formula: its two sides. */
  formula: RuleFormula;
  /** The formula in the verify language (plain text). */
  text: string;
  latex: string;
}

const OUT = ["i", "j", "k"];
const KER = ["m", "n", "q"];
const INP = ["u", "v", "t"];

/** An affine index: coefficients of index names and size names, plus a constant. */
type Affine = { terms: [string, number][]; c: number };

/** The index expression of an affine index, as written: 2i+m-1, u-2m+2K_1, -m (zero terms left out). */
function affineExpr({ terms, c }: Affine): IExpr {
  let e: IExpr | null = null;
  for (const [name, k] of terms) {
    if (k === 0) continue;
    const mag: IExpr = Math.abs(k) === 1 ? iv(name) : { k: "mul", a: inum(Math.abs(k)), b: iv(name) };
    if (e === null) e = k > 0 ? mag : k === -1 ? { k: "neg", a: iv(name) } : { k: "mul", a: inum(k), b: iv(name) };
    else e = k < 0 ? { k: "sub", a: e, b: mag } : { k: "add", a: e, b: mag };
  }
  if (e === null) return inum(c);
  if (c === 0) return e;
  return c < 0 ? { k: "sub", a: e, b: inum(-c) } : { k: "add", a: e, b: inum(c) };
}

/** The input index of output index i and kernel index m on axis a (display indices, base b). */
function inputIndex(g: GeneralSpec, a: number): Affine {
  const s = g.stride[a]!;
  const d = g.dilation[a]!;
  const b = g.indexBase;
  const K = `K_${a + 1}`;
  // 0-based: s·i0 + d·m0 − lo with i0 = i − b, m0 = m − b (xcorr); conv: m0 → K − 1 − m0
  const terms: [string, number][] = [[OUT[a]!, s]];
  let c = -s * b + b;
  if (g.op === "xcorr") {
    terms.push([KER[a]!, d]);
    c += -d * b;
  } else {
    terms.push([KER[a]!, -d], [K, d]);
    c += -d + d * b;
  }
  // the padding before the input: a number, or full = d(K − 1)
  if (g.padding === "full") {
    terms.push([K, -d]);
    c += d;
  } else c -= g.padding[a]![0];
  // merge repeated names (conv with full padding: +dK and −dK cancel)
  const merged = new Map<string, number>();
  for (const [n, k] of terms) merged.set(n, (merged.get(n) ?? 0) + k);
  return { terms: [...merged].filter(([, k]) => k !== 0), c };
}

/** An entry y_{o,i,j}, δy_{…}, b (no index). */
const entry = (base: TensorBase, idx: readonly IExpr[] | null, grad = false): Node => ({
  k: "entry",
  base,
  grad,
  index: idx ? exprIndex([...idx]) : null,
});
const juxt = (left: Node, right: Node): Node => ({ k: "bin", op: "juxt", conv: null, left, right });
const partial = (of: Node, wrt: Node): Node => ({ k: "partial", of, wrt });
/** Σ over binders (with conditions), or arg itself when there are none. */
const sum = (binders: Binder[], conds: Cond[], arg: Node): Node =>
  binders.length === 0 ? arg : sumOver(binders, conds, arg);

/** Index notation as a lecture writes it: y_{o,i}, Σ_{c} (braces always), w_{m} x_{i+m}. */
const GENERAL_TEXT: FormulaStyle = { ...TEXT_STYLE, bareSub: false, subscripts: true, juxt: () => " " };
/** LaTeX: a thin space between two entries (w \, x), none before a fraction. */
const GENERAL_LATEX: FormulaStyle = {
  ...latexStyle((base) => base),
  suchThat: " \\text{ s.t. } ",
  subscripts: true,
  juxt: (right) => (right.k === "partial" ? " " : " \\, "),
};

/** The general formulas of a layer, 1-3 axes, with or without channel axes (one group, no batch). */
export function generalFormulas(g: GeneralSpec): GeneralFormula[] {
  const r = g.stride.length;
  const b = g.indexBase;
  const outNames = OUT.slice(0, r);
  const out = outNames.map(iv);
  const ker = KER.slice(0, r);
  const inp = INP.slice(0, r).map(iv);
  const A = Array.from({ length: r }, (_, a) => inputIndex(g, a));
  const E = A.map(affineExpr);
  const conds = E.map((e, a) => cond(e, "=", inp[a]!));
  // ΔX as a lecture writes it: on a stride-1 axis the condition E(i, m) = u gives i = u − (E − i);
  // a strided axis keeps its condition (only every s-th input row meets a given kernel entry)
  const solved = A.map((e, a) =>
    g.stride[a] === 1
      ? affineExpr({
          terms: [[INP[a]!, 1], ...e.terms.filter(([n]) => n !== OUT[a]).map(([n, k]) => [n, -k] as [string, number])],
          c: -e.c,
        })
      : null,
  );
  const keptAxes = out.map((_, a) => a).filter((a) => solved[a] === null);
  const dyIdx = out.map((o, a) => solved[a] ?? o);
  // Σ_{m=b}^{K_1−1+b} Σ_{n=…}: the kernel's ranges, written out as a lecture does
  const kernel = (arg: Node) =>
    sumOver(
      ker.map((m, a) => binder(m, inum(b), affineExpr({ terms: [[`K_${a + 1}`, 1]], c: b - 1 }))),
      [],
      arg,
    );
  // channels: input channel c, output channel o in front of the positions (convgrad's layout)
  const [cNames, oNames] = g.channels ? [["c"], ["o"]] : [[], []];
  const [C, O] = [cNames.map(iv), oNames.map(iv)];
  const y = entry("y", [...O, ...out]);
  const x = entry("x", [...C, ...inp]);
  const w = entry("w", [...O, ...C, ...ker.map(iv)]);
  const xE = entry("x", [...C, ...E]);
  const dy = entry("y", [...O, ...out], true);
  const dx = entry("x", [...C, ...inp], true);
  const dw = entry("w", [...O, ...C, ...ker.map(iv)], true);
  const names = (ns: readonly string[]) => ns.map((n) => binder(n));
  const outSum = (arg: Node) => sumOver(names(outNames), [], arg);
  // Σ_c in the forward pass, Σ_o in ΔX: the channel sums, their ranges implied by the tensors
  const forward = sum(names(cNames), [], kernel(juxt(w, xE)));
  const f = (name: string, formula: RuleFormula): GeneralFormula => ({
    name,
    formula,
    text: printFormula(formula, GENERAL_TEXT),
    latex: printFormula(formula, GENERAL_LATEX),
  });
  return [
    f("forward", [
      y,
      g.bias ? { k: "bin", op: "+", conv: null, left: forward, right: entry("b", g.channels ? O : null) } : forward,
    ]),
    f("∂y/∂x", [partial(y, x), sumOver(names(ker), conds, w)]),
    f("chain ΔX", [dx, sumOver(names([...oNames, ...outNames]), [], juxt(dy, partial(y, x)))]),
    f("ΔX", [
      dx,
      sum(
        names(oNames),
        [],
        kernel(
          sum(
            keptAxes.map((a) => binder(outNames[a]!)),
            keptAxes.map((a) => conds[a]!),
            juxt(entry("y", [...O, ...dyIdx], true), w),
          ),
        ),
      ),
    ]),
    f("∂y/∂w", [partial(y, w), xE]),
    f("chain ΔW", [dw, outSum(juxt(dy, partial(y, w)))]),
    f("ΔW", [dw, outSum(juxt(dy, xE))]),
    ...(g.bias ? [f("δb", [entry("b", g.channels ? O : null, true), outSum(dy)])] : []),
  ];
}
