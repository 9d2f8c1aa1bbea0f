/**
 * The formulas of the gradient rules (and of the forward pass) as ASTs of the formula language
 * (src/lang/ast.ts): exactly what the parser makes of their printed text, so `convgrad verify
 * --expr` reads a printed rule back (test/core/rule-formula.test.ts). Printers print them
 * (src/print/formula.ts); nothing here makes a string for people.
 */
import { isDilated, isPadded, isStrided, type LayerConfig } from "../conv/config.js";
import type { Op } from "../conventions.js";
import type { ConvSpec, Index, MatrixBase, Node, Span } from "../lang/ast.js";
import type { Binder, Cond, Rel } from "../lang/group.js";
import { printIndex, type IExpr } from "../lang/indexexpr.js";
import { plan } from "./plan.js";

/** A rule's formula, ΔX = …: the AST the formula language parses its printed text to. */
export type RuleFormula = readonly [lhs: Node, rhs: Node];

export const iv = (name: string): IExpr => ({ k: "v", name });
export const inum = (v: number): IExpr => ({ k: "n", v });
export const exprIndex = (items: IExpr[]): Index => ({ kind: "expr", items, text: items.map(printIndex).join(",") });

/** X, ΔY, or an entry list of one with channel (and batch) indices: W[o,c], ΔY[n,o]. */
function tensor(base: MatrixBase, grad: boolean, idx: IExpr[] | null = null): Node {
  return idx ? { k: "ref", name: base, grad, index: exprIndex(idx) } : { k: "matrix", base, grad };
}

export const binder = (name: string, lo: IExpr | null = null, hi: IExpr | null = null): Binder => ({ name, lo, hi });
export const cond = (a: IExpr, rel: Rel, b: IExpr): Cond => ({ a, rel, b });

/** Σ over binders (with conditions), its text as the parser writes it ("q=1..2", "e s.t. q+e=o"). */
export function sumOver(binders: Binder[], conds: Cond[], arg: Node): Node {
  const names = binders
    .map((b) => (b.lo && b.hi ? `${b.name}=${printIndex(b.lo)}..${printIndex(b.hi)}` : b.name))
    .join(",");
  const text = conds.length
    ? `${names} s.t. ${conds.map((c) => printIndex(c.a) + c.rel + printIndex(c.b)).join(", ")}`
    : names;
  return { k: "sumover", sum: { binders, conds, text }, arg };
}

/** One value for every axis when they agree, else one per axis: [2] or [2, 1]. */
function perAxis<T>(vs: readonly T[], same: (a: T, b: T) => boolean): T[] {
  return vs.every((v) => same(v, vs[0]!)) ? [vs[0]!] : [...vs];
}
const sameNum = (a: number, b: number) => a === b;
const sameSpan = (a: Span, b: Span) => a[0] === b[0] && a[1] === b[1];

const dilateNode = (t: Node, f: readonly number[]): Node =>
  f.every((v) => v === 1) ? t : { k: "dilate", arg: t, s: perAxis(f, sameNum) };

/** −v, never −0 (the AST holds the numbers the parser reads: 0, not −0). */
const neg = (v: number): number => (v === 0 ? 0 : -v);

/** t padded (negative amounts crop): pad(t, …), crop(t, …) when every amount is ≤ 0, t when all are 0. */
function padCropNode(t: Node, pads: readonly (readonly [number, number])[]): Node {
  const all = pads.flat();
  if (all.every((v) => v === 0)) return t;
  if (all.every((v) => v <= 0))
    return {
      k: "pad",
      arg: t,
      p: perAxis(
        pads.map(([lo, hi]): Span => [neg(lo), neg(hi)]),
        sameSpan,
      ),
      crop: true,
    };
  return { k: "pad", arg: t, p: perAxis(pads, sameSpan) };
}

const convSpec = (op: Op, mode: "valid" | "full"): ConvSpec => ({
  op: op === "conv" ? null : "xcorr",
  mode,
  explicitMode: mode !== "valid",
});
const rotNode = (t: Node): Node => ({ k: "rot", arg: t });

/** a ⋆ b / a * b, or xcorr(a, b, stride=…) when the window steps by more than 1. */
function convNode(op: Op, a: Node, b: Node, stride: readonly number[]): Node {
  if (stride.every((v) => v === 1)) return { k: "bin", op: "conv", conv: convSpec(op, "valid"), left: a, right: b };
  return { k: "convfn", conv: { op, mode: "valid", explicitMode: false }, a, b, stride: perAxis(stride, sameNum) };
}

/** The ΔX formula's right-hand side for the whole tensors (dy, w name them: ΔY[n,o], W[o,c] with channels). */
function dxNode(cfg: LayerConfig, dy: Node, w: Node): Node {
  const { op } = cfg;
  if (!isStrided(cfg) && !isDilated(cfg) && !isPadded(cfg)) {
    // Rot180(W) *full ΔY; cross-correlation's operands the other way round: ΔY ⋆full Rot180(W)
    const [left, right] = op === "conv" ? [rotNode(w), dy] : [dy, rotNode(w)];
    return { k: "bin", op: "conv", conv: convSpec(op, "full"), left, right };
  }
  return convNode(
    op,
    padCropNode(dilateNode(dy, cfg.stride), plan(cfg).dxPad),
    dilateNode(rotNode(w), cfg.dilation),
    [],
  );
}

/** The ΔW formula's right-hand side (dy, x name the tensors: ΔY[n,o], X[n,c] with channels). */
function dwNode(cfg: LayerConfig, dy: Node, x: Node): Node {
  const { op } = cfg;
  const p = plan(cfg);
  // pad(X) is the layer's own padding; other amounts (the a rows cropped) are written out
  const xe: Node = p.a.every((v) => v === 0)
    ? isPadded(cfg)
      ? { k: "pad", arg: x, p: null }
      : x
    : padCropNode(x, p.dwPad);
  return convNode(op, op === "conv" ? rotNode(xe) : xe, dilateNode(dy, cfg.stride), cfg.dilation);
}

/** Channel arithmetic of a grouped layer, in display indices: channel v of group q is size·(q − base) + v. */
function groupNumbers(cfg: LayerConfig) {
  const b = cfg.indexBase;
  const cig = (cfg.inChannels ?? 1) / cfg.groups;
  const cog = (cfg.outChannels ?? 1) / cfg.groups;
  const channel = (size: number, v: string): IExpr => {
    const q: IExpr = size === 1 ? iv("q") : { k: "mul", a: inum(size), b: iv("q") };
    const off = -size * b;
    const start: IExpr = off === 0 ? q : off > 0 ? { k: "add", a: q, b: inum(off) } : { k: "sub", a: q, b: inum(-off) };
    return { k: "add", a: start, b: iv(v) };
  };
  /** Σ_{q=base}^{last}: one binder from the base to count − 1 + base. */
  const range = (name: string, count: number): Binder => binder(name, inum(b), inum(count - 1 + b));
  return { b, cig, cog, channel, range };
}

/** ΔX = …: with channels ΔX[n,c] = Σ_o …, with groups a sum over each group's channels. */
export function dxFormula(cfg: LayerConfig): RuleFormula {
  if (!cfg.hasChannels) return [tensor("X", true), dxNode(cfg, tensor("Y", true), tensor("W", false))];
  const n = cfg.batch !== null ? [iv("n")] : [];
  const lhs = tensor("X", true, [...n, iv("c")]);
  if (cfg.groups === 1)
    return [
      lhs,
      sumOver(
        [binder("o")],
        [],
        dxNode(cfg, tensor("Y", true, [...n, iv("o")]), tensor("W", false, [iv("o"), iv("c")])),
      ),
    ];
  // groups: output channel Cog·(q − base) + o of group q meets input channel Cig·(q − base) + e
  const g = groupNumbers(cfg);
  const o = g.channel(g.cog, "o");
  const body = dxNode(cfg, tensor("Y", true, [...n, o]), tensor("W", false, [o, iv("e")]));
  return [
    lhs,
    sumOver(
      [g.range("q", cfg.groups)],
      [],
      sumOver([g.range("o", g.cog)], [], sumOver([binder("e")], [cond(g.channel(g.cig, "e"), "=", iv("c"))], body)),
    ),
  ];
}

/** ΔW = …: with channels ΔW[o,c] = Σ_n …, with groups a sum over each group's channels. */
export function dwFormula(cfg: LayerConfig): RuleFormula {
  if (!cfg.hasChannels) return [tensor("W", true), dwNode(cfg, tensor("Y", true), tensor("X", false))];
  const n = cfg.batch !== null ? [iv("n")] : [];
  const overN = (t: Node): Node => (n.length ? sumOver([binder("n")], [], t) : t);
  const lhs = tensor("W", true, [iv("o"), iv("c")]);
  if (cfg.groups === 1)
    return [lhs, overN(dwNode(cfg, tensor("Y", true, [...n, iv("o")]), tensor("X", false, [...n, iv("c")])))];
  // groups: o = Cog·(q − base) + e for exactly one group q and one e in 0..Cog−1 (+ base)
  const g = groupNumbers(cfg);
  const e = g.channel(g.cog, "e");
  const conds = [cond(e, "=", iv("o")), cond(iv("e"), ">=", inum(g.b)), cond(iv("e"), "<=", inum(g.cog - 1 + g.b))];
  const body = dwNode(cfg, tensor("Y", true, [...n, e]), tensor("X", false, [...n, g.channel(g.cig, "c")]));
  return [lhs, overN(sumOver([g.range("q", cfg.groups)], [], sumOver([binder("e")], conds, body)))];
}

/** δb = Σ ΔY; with channels δb[o] = Σ_{n,i,j} ΔY[n,o,i,j]. */
export function dbFormula(cfg: LayerConfig): RuleFormula {
  const db = (index: Index | null): Node => ({ k: "entry", base: "b", grad: true, index });
  if (!cfg.hasChannels) return [db(null), { k: "sumall", arg: tensor("Y", true) }];
  const sp = ["i", "j", "k"].slice(0, cfg.input.length).map(iv);
  const n = cfg.batch !== null ? [iv("n")] : [];
  const over = [...n, ...sp].map((v) => binder(printIndex(v)));
  return [db(exprIndex([iv("o")])), sumOver(over, [], tensor("Y", true, [...n, iv("o"), ...sp]))];
}

/**
 * The forward pass, Y = X * W (+ b): pad(X) when the input is padded, dilate(W, d) when the kernel
 * is dilated, conv(…, stride=s) / xcorr(…, stride=(s1, s2)) when strided.
 */
export function forwardFormula(cfg: LayerConfig, bias = cfg.bias): RuleFormula {
  const x = tensor("X", false);
  const y = convNode(
    cfg.op,
    isPadded(cfg) ? { k: "pad", arg: x, p: null } : x,
    dilateNode(tensor("W", false), cfg.dilation),
    cfg.stride,
  );
  const b: Node = { k: "entry", base: "b", grad: false, index: null };
  return [tensor("Y", false), bias ? { k: "bin", op: "+", conv: null, left: y, right: b } : y];
}
