/**
 * The engine's closed-form rules (src/grad/rules.ts) with symbolic sizes, for `convgrad prove`:
 * the same constructions as rules.ts builds at one size — ΔY dilated by s and padded
 * d(K−1) − lo : d(K−1) − hi + a against the dilated reversed kernel; the padded input less the a
 * unreached rows against the dilated ΔY with stride d — with amounts linear in K, H and the output
 * size O, a = H + lo + hi − d(K − 1) − 1 − s(O − 1) the rows the stride never reaches.
 *
 * Each rule is data: a formula tree (ClosedNode) that is printed for people (the rule's text) and
 * lowered to matrix values (src/verify/lower.ts) for the proof — one tree, so the text shown is the
 * formula proved. Its nodes are the formula language's matrix nodes (src/lang/ast.ts) except that a
 * pad amount is an index expression in the size names (K−1, 2(K_2−1)−1+a): the language's pad takes
 * numbers only.
 */
import { spanText, type Op } from "../conventions.js";
import type { MatrixBase } from "../lang/ast.js";
import type { IExpr } from "../lang/indexexpr.js";
import {
  ladd,
  lin,
  lscale,
  lsub,
  sizeVar,
  variable,
  type Lin,
  type Lowering,
  type MatrixValue,
  type SymbolicLayer,
} from "./lower.js";

/** lo:hi on one axis, amounts in the size names K (K_1, K_2, … per axis) and a. */
export type SymbolicSpan = readonly [IExpr, IExpr];

/** A side of a closed form: X, ΔY, …, Rot180, dilate, pad (symbolic amounts, or the layer's), convolution. */
export type ClosedNode =
  | { readonly k: "matrix"; readonly base: MatrixBase; readonly grad: boolean }
  | { readonly k: "rot"; readonly arg: ClosedNode }
  /** One factor per axis. */
  | { readonly k: "dilate"; readonly arg: ClosedNode; readonly s: readonly number[] }
  /** One span per axis; "layer": the layer's own padding (its numbers, or full). */
  | { readonly k: "pad"; readonly arg: ClosedNode; readonly p: readonly SymbolicSpan[] | "layer" }
  /** Valid convolution; one stride per axis. */
  | {
      readonly k: "conv";
      readonly op: Op;
      readonly a: ClosedNode;
      readonly b: ClosedNode;
      readonly stride: readonly number[];
    };

export interface ClosedForm {
  target: "Y" | "dX" | "dW";
  /** The rule, Y / ΔX / ΔW = …, as a tree. */
  formula: readonly [lhs: ClosedNode, rhs: ClosedNode];
  /** The rule as text, with the layer's numbers and the symbolic amounts named (printed from formula). */
  rule: string;
  /** Both sides lowered (from formula). */
  build: (low: Lowering) => { lhs: MatrixValue; rhs: MatrixValue };
}

const perAxis = (vs: readonly string[]) => (vs.every((v) => v === vs[0]) ? vs[0]! : vs.join(", "));
const ones = (vs: readonly number[]) => vs.every((v) => v === 1);

const inum = (v: number): IExpr => ({ k: "n", v });
const iv = (name: string): IExpr => ({ k: "v", name });

/** + t − u + …, without zero terms (a null term is absent): the amount as the rule writes it. */
function amount(parts: readonly (readonly ["+" | "-", IExpr | null])[]): IExpr {
  const kept = parts.filter((p): p is ["+" | "-", IExpr] => p[1] !== null && !(p[1].k === "n" && p[1].v === 0));
  if (kept.length === 0) return inum(0);
  const [[sign, first], ...rest] = kept as [["+" | "-", IExpr], ...["+" | "-", IExpr][]];
  return rest.reduce<IExpr>(
    (acc, [sg, t]) => (sg === "-" ? { k: "sub", a: acc, b: t } : { k: "add", a: acc, b: t }),
    sign === "-" ? { k: "neg", a: first } : first,
  );
}

/** An amount as text: K−1, 2(K_2−1)−1+a, −a. */
function amountText(e: IExpr): string {
  switch (e.k) {
    case "n":
      return String(e.v);
    case "v":
      return e.name;
    case "add":
      return `${amountText(e.a)}+${amountText(e.b)}`;
    case "sub":
      return `${amountText(e.a)}−${amountText(e.b)}`;
    case "neg":
      return `−${amountText(e.a)}`;
    case "mul":
      return `${amountText(e.a)}(${amountText(e.b)})`;
    default:
      throw new Error(`closed forms: no ${e.k} in a pad amount`);
  }
}

/** A closed form's side as text: Y = conv(pad(X, 1), W, stride=2), ΔX = pad(ΔY, K−1:K−1) * Rot180(W). */
export function closedText(n: ClosedNode, padding: SymbolicLayer["padding"]): string {
  const t = (c: ClosedNode) => closedText(c, padding);
  switch (n.k) {
    case "matrix":
      return (n.grad ? "Δ" : "") + n.base;
    case "rot":
      return `Rot180(${t(n.arg)})`;
    case "dilate":
      return `dilate(${t(n.arg)}, ${perAxis(n.s.map(String))})`;
    case "pad": {
      const spans =
        n.p !== "layer"
          ? perAxis(n.p.map(([lo, hi]) => `${amountText(lo)}:${amountText(hi)}`))
          : padding === "full"
            ? "full"
            : perAxis(padding.map((p) => spanText(p)));
      return `pad(${t(n.arg)}, ${spans})`;
    }
    case "conv": {
      if (ones(n.stride)) return `${t(n.a)} ${n.op === "conv" ? "*" : "⋆"} ${t(n.b)}`;
      const s = perAxis(n.stride.map(String));
      return `${n.op}(${t(n.a)}, ${t(n.b)}, stride=${s.includes(",") ? `(${s})` : s})`;
    }
  }
}

const TENSOR = { X: ["X", "dX"], W: ["W", "dW"], Y: ["Y", "dY"] } as const;

/** A closed form's side as a matrix value; names(a) gives the size names' values on axis a. */
export function lowerClosed(
  low: Lowering,
  n: ClosedNode,
  names: (axis: number) => ReadonlyMap<string, Lin>,
): MatrixValue {
  const m = (c: ClosedNode) => lowerClosed(low, c, names);
  switch (n.k) {
    case "matrix":
      return low.tensor(TENSOR[n.base][n.grad ? 1 : 0]);
    case "rot":
      return low.rot(m(n.arg));
    case "dilate":
      return low.dilate(m(n.arg), n.s);
    case "pad": {
      const A = m(n.arg);
      if (n.p === "layer") return low.pad(A, low.layerPadding());
      return low.pad(
        A,
        n.p.map(([lo, hi], a): [Lin, Lin] => [amountLin(lo, names(a)), amountLin(hi, names(a))]),
      );
    }
    case "conv":
      return low.convolve(n.op, "valid", n.stride, m(n.a), m(n.b));
  }
}

function amountLin(e: IExpr, names: ReadonlyMap<string, Lin>): Lin {
  switch (e.k) {
    case "n":
      return lin(e.v);
    case "v": {
      const v = names.get(e.name);
      if (!v) throw new Error(`closed forms: no size named ${e.name}`);
      return v;
    }
    case "add":
      return ladd(amountLin(e.a, names), amountLin(e.b, names));
    case "sub":
      return lsub(amountLin(e.a, names), amountLin(e.b, names));
    case "neg":
      return lscale(amountLin(e.a, names), -1);
    case "mul": {
      if (e.a.k !== "n") throw new Error("closed forms: a pad amount's product is a number times an amount");
      return lscale(amountLin(e.b, names), e.a.v);
    }
    default:
      throw new Error(`closed forms: no ${e.k} in a pad amount`);
  }
}

export function closedForms(L: SymbolicLayer): ClosedForm[] {
  const s = L.stride;
  const d = L.dilation;
  const mat = (base: MatrixBase, grad = false): ClosedNode => ({ k: "matrix", base, grad });
  const dil = (arg: ClosedNode, f: readonly number[]): ClosedNode => (ones(f) ? arg : { k: "dilate", arg, s: f });
  const conv = (a: ClosedNode, b: ClosedNode, stride: readonly number[]): ClosedNode => ({
    k: "conv",
    op: L.op,
    a,
    b,
    stride,
  });
  const rot = (arg: ClosedNode): ClosedNode => ({ k: "rot", arg });
  const pad = (arg: ClosedNode, p: readonly SymbolicSpan[] | "layer"): ClosedNode => ({ k: "pad", arg, p });
  const pads = L.padding === "full" ? null : L.padding;
  const K = (a: number) => (L.dims === 1 ? "K" : `K_${a + 1}`);
  const axes = Array.from({ length: L.dims }, (_, a) => a);
  /** d(K−1) on axis a: K−1, 2(K−1). */
  const ext = (a: number): IExpr => {
    const k1: IExpr = { k: "sub", a: iv(K(a)), b: inum(1) };
    return d[a] === 1 ? k1 : { k: "mul", a: inum(d[a]!), b: k1 };
  };
  const lo = (a: number): IExpr | null => (pads === null ? null : inum(pads[a]![0]));
  const hi = (a: number): IExpr | null => (pads === null ? null : inum(pads[a]![1]));
  /** a, the rows the stride never reaches (none at stride 1). */
  const unreachedName = (a: number): IExpr | null => (s[a]! > 1 ? iv("a") : null);
  // full padding: d(K−1) − d(K−1) = 0
  const dxPad = axes.map((a): SymbolicSpan => [
    pads === null
      ? inum(0)
      : amount([
          ["+", ext(a)],
          ["-", lo(a)],
        ]),
    amount([
      ["+", pads === null ? null : ext(a)],
      ["-", hi(a)],
      ["+", unreachedName(a)],
    ]),
  ]);
  const dwPad = axes.map((a): SymbolicSpan => [
    lo(a) ?? ext(a),
    amount([
      ["+", hi(a) ?? ext(a)],
      ["-", unreachedName(a)],
    ]),
  ]);
  const unpadded = pads !== null && pads.every(([l, h]) => l === 0 && h === 0);
  const dwInput = unpadded && ones(s) ? mat("X") : pad(mat("X"), dwPad);
  const formulas: [ClosedForm["target"], ClosedNode, ClosedNode][] = [
    ["Y", mat("Y"), conv(unpadded ? mat("X") : pad(mat("X"), "layer"), dil(mat("W"), d), s)],
    [
      "dX",
      mat("X", true),
      conv(
        pad(dil(mat("Y", true), s), dxPad),
        dil(rot(mat("W")), d),
        s.map(() => 1),
      ),
    ],
    ["dW", mat("W", true), conv(L.op === "conv" ? rot(dwInput) : dwInput, dil(mat("Y", true), s), d)],
  ];
  /** d(K − 1) on axis a. */
  const extent = (a: number): Lin => lscale(ladd(variable(sizeVar("K", a)), lin(-1)), d[a]!);
  // the a rows the stride never reaches on axis a (0 for stride 1): H + lo + hi − d(K−1) − 1 − s(O−1)
  const unreached = (a: number, [l, h]: readonly [Lin, Lin]): Lin =>
    lsub(
      lsub(ladd(ladd(variable(sizeVar("H", a)), l), h), ladd(extent(a), lin(1))),
      lscale(ladd(variable(sizeVar("O", a)), lin(-1)), s[a]!),
    );
  return formulas.map(([target, lhs, rhs]) => ({
    target,
    formula: [lhs, rhs],
    rule: `${closedText(lhs, L.padding)} = ${closedText(rhs, L.padding)}`,
    build: (low) => {
      const layer = low.layerPadding();
      const names = (a: number) =>
        new Map([
          [K(a), variable(sizeVar("K", a))],
          ["a", unreached(a, layer[a]!)],
        ]);
      return { lhs: lowerClosed(low, lhs, names), rhs: lowerClosed(low, rhs, names) };
    },
  }));
}
