/**
 * The gradient rules, as a table: for each op, one row per gradient, each with its formula as an
 * AST of the formula language (src/lang/ast.ts: exactly what the parser makes of the printed rule,
 * so `convgrad verify --expr` reads it back; printers print it, src/print/formula.ts) and a builder
 * that makes the right-hand side as a symbolic convolution of symbolic tensors (through the one
 * general convolution). The check compares each right-hand side with the
 * chain-rule result entry by entry.
 *
 * Derivations, per axis (0-based; K kernel size, s stride, d dilation, lo:hi padding, Xp the padded
 * input, O the output size, a = (H + lo + hi − d(K−1) − 1) mod s the input rows the stride never
 * reaches, ΔYs = dilate(ΔY, s): δy[p] at p·s, zeros between):
 *   xcorr  y[p]  = Σ_k Xp[p·s + k·d]·w[k]
 *          δx[u] = Σ_{p,k: p·s+k·d = u+lo} δy[p]·w[k]
 *                = (pad(ΔYs, d(K−1)−lo : d(K−1)−hi+a) ⋆ dilate(Rot180(W), d))[u]
 *          δw[k] = Σ_p Xp[p·s + k·d]·δy[p] = xcorr(crop(Xp, 0:a), ΔYs, stride d)[k]
 *   conv   the kernel reversed: y[p] = Σ_k Xp[p·s + k·d]·w[K−1−k], so
 *          δx    = pad(ΔYs, …) * dilate(Rot180(W), d)   (true convolution: the correlation with W)
 *          δw    = conv(Rot180(crop(Xp, 0:a)), ΔYs, stride d)
 *   both   δb[o] = Σ_{n,p} δy[n,o,p]
 * A negative padding crops. These are the transpose rules of JAX's conv_general_dilated (lhs
 * dilation s for ΔX, rhs dilation s and window stride d for ΔW) and PyTorch's conv_transpose with
 * output_padding = a; they are checked here, not trusted. With channels and groups, ΔX sums over
 * the output channels of the input channel's group and ΔW over the batch (the channel axes are
 * transposed accordingly).
 */
import { flipsKernel, type Op } from "../conventions.js";
import { convGeneral } from "../conv/general.js";
import { isDilated, isPadded, isStrided, type LayerConfig } from "../conv/config.js";
import type { MonoTable } from "../core/monomial.js";
import type { ConvSpec, Index, MatrixBase, Node, Span } from "../lang/ast.js";
import type { Binder, Cond, Rel } from "../lang/group.js";
import { printIndex, type IExpr } from "../lang/indexexpr.js";
import { gather, pad, rot180, slice, sumAxes, transpose } from "../tensor/ops.js";
import { Tensor } from "../tensor/tensor.js";

export type GradKey = "dX" | "dW" | "db";

export interface RuleContext {
  mt: MonoTable;
  cfg: LayerConfig;
  /** Internal layouts: X [N, Ci, ...S], W [Co, Ci/g, ...K], dY [N, Co, ...O]. */
  X: Tensor;
  W: Tensor;
  dY: Tensor;
}

export interface GradientRule {
  target: GradKey;
  /**
   * The formula as an AST of the formula language (src/lang/ast.ts): printers print it (text
   * "ΔX = Rot180(W) *full ΔY", which `verify --expr` reads back to the same AST; LaTeX), verify
   * evaluates it.
   */
  formula(cfg: LayerConfig): RuleFormula;
  /** Why no closed form is checked for this configuration, or null when it applies. */
  unsupported(cfg: LayerConfig): string | null;
  /** The right-hand side, in the target gradient's internal layout. */
  build(rc: RuleContext): Tensor;
}

const spatial = (rank: number): number[] => Array.from({ length: rank - 2 }, (_, a) => a + 2);

/** The per-axis numbers every rule is made of (see the derivations above). */
export interface Plan {
  /** The input rows the stride never reaches, per axis: (H + lo + hi − d(K−1) − 1) mod s. */
  a: number[];
  /** ΔX: the padding (negative: crop) of the dilated ΔY, per axis. */
  dxPad: [number, number][];
  /** ΔW: the padding (negative: crop) of X, per axis: lo : hi − a. */
  dwPad: [number, number][];
}

export function plan(cfg: LayerConfig): Plan {
  const a = cfg.input.map((H, x) => {
    const [lo, hi] = cfg.padding[x]!;
    return (H + lo + hi - cfg.dilation[x]! * (cfg.kernel[x]! - 1) - 1) % cfg.stride[x]!;
  });
  const ext = (x: number) => cfg.dilation[x]! * (cfg.kernel[x]! - 1);
  return {
    a,
    dxPad: cfg.padding.map(([lo, hi], x) => [ext(x) - lo, ext(x) - hi + a[x]!]),
    dwPad: cfg.padding.map(([lo, hi], x) => [lo, hi - a[x]!]),
  };
}

/** W [Co, Ci/g, K] → [Ci, Co/g, K]: entry [c, j] is W[g·Co/g + j, c − g·Ci/g] with g = c's group. */
function groupTranspose(W: Tensor, cfg: LayerConfig): Tensor {
  const [Co, Cig] = W.shape as [number, number];
  const g = cfg.groups;
  const Ci = Cig * g;
  const Cog = Co / g;
  return gather(W, [Ci, Cog, ...W.shape.slice(2)], (i) => {
    const c = i[0]!;
    const grp = Math.floor(c / Cig);
    return [grp * Cog + i[1]!, c - grp * Cig, ...i.slice(2)];
  });
}

/**
 * ΔX's right-hand side: ΔY dilated by the stride, padded by d(K−1) − lo : d(K−1) − hi + a, against
 * the reversed kernel dilated by d (group-transposed) — the transposed convolution.
 */
function inputGradient(rc: RuleContext, flip: boolean): Tensor {
  const { cfg } = rc;
  const R = groupTranspose(rot180(rc.W, spatial(rc.W.rank)), cfg);
  return convGeneral(rc.mt, rc.dY, R, {
    flip,
    stride: cfg.kernel.map(() => 1),
    padding: plan(cfg).dxPad,
    lhsDilation: cfg.stride,
    rhsDilation: cfg.dilation,
    groups: cfg.groups,
  });
}

/**
 * ΔW's right-hand side: the padded input less the a rows the stride never reached (rotated, for
 * conv) against ΔY dilated by the stride, taken with stride d; batch as the contracted axis.
 */
function kernelGradient(rc: RuleContext, rotate: boolean): Tensor {
  const { cfg } = rc;
  const sp = spatial(rc.X.rank);
  let Xp = pad(rc.X, plan(cfg).dwPad, sp);
  if (rotate) Xp = rot180(Xp, sp);
  const perm = [1, 0, ...sp];
  const lhs = transpose(Xp, perm); // [Ci, N, ...Sp]
  const rhs = transpose(rc.dY, perm); // [Co, N, ...O]
  const [Co, Cig] = rc.W.shape as [number, number];
  const Cog = Co / cfg.groups;
  // One convolution per group, pairing only the channels that meet in W: a depthwise layer
  // (groups = channels) would otherwise compute every (input, output) pair and keep 1 in C.
  const perGroup = Array.from({ length: cfg.groups }, (_, g) =>
    convGeneral(rc.mt, slice(lhs, [[g * Cig, (g + 1) * Cig]], [0]), slice(rhs, [[g * Cog, (g + 1) * Cog]], [0]), {
      flip: rotate, // conv: Rot180(Xp) * ΔYs; xcorr: Xp ⋆ ΔYs
      stride: cfg.dilation,
      padding: cfg.kernel.map(() => [0, 0] as const),
      lhsDilation: cfg.kernel.map(() => 1),
      rhsDilation: cfg.stride,
      groups: 1,
    }),
  ); // group g: [Cig, Cog, ...K], entry [c', o'] = ΔW[g·Cog + o', c']
  return Tensor.fromFn(rc.W.shape, (i) => {
    const g = Math.floor(i[0]! / Cog);
    return perGroup[g]!.at([i[1]!, i[0]! - g * Cog, ...i.slice(2)]);
  });
}

const biasRule: GradientRule = {
  target: "db",
  formula: (cfg) => {
    const db = (index: Index | null): Node => ({ k: "entry", base: "b", grad: true, index });
    if (!cfg.hasChannels) return [db(null), { k: "sumall", arg: tensor("Y", true) }];
    const sp = ["i", "j", "k"].slice(0, cfg.input.length).map(iv);
    const n = cfg.batch !== null ? [iv("n")] : [];
    const over = [...n, ...sp].map((v) => binder(printIndex(v)));
    return [db(exprIndex([iv("o")])), sumOver(over, [], tensor("Y", true, [...n, iv("o"), ...sp]))];
  },
  unsupported: () => null,
  build: (rc) => sumAxes(rc.mt, rc.dY, [0, ...spatial(rc.dY.rank)]),
};

// ---------------------------------------------------------------- the formulas, as ASTs

/** A rule's formula, ΔX = …: the AST the formula language parses its printed text to. */
export type RuleFormula = readonly [lhs: Node, rhs: Node];

const iv = (name: string): IExpr => ({ k: "v", name });
const inum = (v: number): IExpr => ({ k: "n", v });
const exprIndex = (items: IExpr[]): Index => ({ kind: "expr", items, text: items.map(printIndex).join(",") });

/** X, ΔY, or an entry list of one with channel (and batch) indices: W[o,c], ΔY[n,o]. */
function tensor(base: MatrixBase, grad: boolean, idx: IExpr[] | null = null): Node {
  return idx ? { k: "ref", name: base, grad, index: exprIndex(idx) } : { k: "matrix", base, grad };
}

const binder = (name: string, lo: IExpr | null = null, hi: IExpr | null = null): Binder => ({ name, lo, hi });
const cond = (a: IExpr, rel: Rel, b: IExpr): Cond => ({ a, rel, b });

/** Σ over binders (with conditions), its text as the parser writes it ("q=1..2", "e s.t. q+e=o"). */
function sumOver(binders: Binder[], conds: Cond[], arg: Node): Node {
  const names = binders.map((b) => (b.lo && b.hi ? `${b.name}=${printIndex(b.lo)}..${printIndex(b.hi)}` : b.name)).join(",");
  const text = conds.length ? `${names} s.t. ${conds.map((c) => printIndex(c.a) + c.rel + printIndex(c.b)).join(", ")}` : names;
  return { k: "sumover", sum: { binders, conds, text }, arg };
}

/** One value for every axis when they agree, else one per axis: [2] or [2, 1]. */
function perAxis<T>(vs: readonly T[], same: (a: T, b: T) => boolean): T[] {
  return vs.every((v) => same(v, vs[0]!)) ? [vs[0]!] : [...vs];
}
const sameNum = (a: number, b: number) => a === b;
const sameSpan = (a: Span, b: Span) => a[0] === b[0] && a[1] === b[1];

const dilateNode = (t: Node, f: readonly number[]): Node => (f.every((v) => v === 1) ? t : { k: "dilate", arg: t, s: perAxis(f, sameNum) });

/** −v, never −0 (the AST holds the numbers the parser reads: 0, not −0). */
const neg = (v: number): number => (v === 0 ? 0 : -v);

/** t padded (negative amounts crop): pad(t, …), crop(t, …) when every amount is ≤ 0, t when all are 0. */
function padCropNode(t: Node, pads: readonly (readonly [number, number])[]): Node {
  const all = pads.flat();
  if (all.every((v) => v === 0)) return t;
  if (all.every((v) => v <= 0)) return { k: "pad", arg: t, p: perAxis(pads.map(([lo, hi]): Span => [neg(lo), neg(hi)]), sameSpan), crop: true };
  return { k: "pad", arg: t, p: perAxis(pads, sameSpan) };
}

const convSpec = (op: Op, mode: "valid" | "full"): ConvSpec => ({ op: op === "conv" ? null : "xcorr", mode, explicitMode: mode !== "valid" });
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
    return op === "conv" ? { k: "bin", op: "conv", conv: convSpec(op, "full"), left: rotNode(w), right: dy } : { k: "bin", op: "conv", conv: convSpec(op, "full"), left: dy, right: rotNode(w) };
  }
  return convNode(op, padCropNode(dilateNode(dy, cfg.stride), plan(cfg).dxPad), dilateNode(rotNode(w), cfg.dilation), []);
}

/** The ΔW formula's right-hand side (dy, x name the tensors: ΔY[n,o], X[n,c] with channels). */
function dwNode(cfg: LayerConfig, dy: Node, x: Node): Node {
  const { op } = cfg;
  const p = plan(cfg);
  // pad(X) is the layer's own padding; other amounts (the a rows cropped) are written out
  const xe: Node = p.a.every((v) => v === 0) ? (isPadded(cfg) ? { k: "pad", arg: x, p: null } : x) : padCropNode(x, p.dwPad);
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

function rulesFor(op: Op): readonly GradientRule[] {
  const flip = flipsKernel(op);
  return [
    {
      target: "dX",
      formula: (cfg) => {
        if (!cfg.hasChannels) return [tensor("X", true), dxNode(cfg, tensor("Y", true), tensor("W", false))];
        const n = cfg.batch !== null ? [iv("n")] : [];
        const lhs = tensor("X", true, [...n, iv("c")]);
        if (cfg.groups === 1) return [lhs, sumOver([binder("o")], [], dxNode(cfg, tensor("Y", true, [...n, iv("o")]), tensor("W", false, [iv("o"), iv("c")])))];
        // groups: output channel Cog·(q − base) + o of group q meets input channel Cig·(q − base) + e
        const g = groupNumbers(cfg);
        const o = g.channel(g.cog, "o");
        const body = dxNode(cfg, tensor("Y", true, [...n, o]), tensor("W", false, [o, iv("e")]));
        return [lhs, sumOver([g.range("q", cfg.groups)], [], sumOver([g.range("o", g.cog)], [], sumOver([binder("e")], [cond(g.channel(g.cig, "e"), "=", iv("c"))], body)))];
      },
      unsupported: () => null,
      build: (rc) => inputGradient(rc, flip),
    },
    {
      target: "dW",
      formula: (cfg) => {
        if (!cfg.hasChannels) return [tensor("W", true), dwNode(cfg, tensor("Y", true), tensor("X", false))];
        const n = cfg.batch !== null ? [iv("n")] : [];
        const overN = (t: Node): Node => (n.length ? sumOver([binder("n")], [], t) : t);
        const lhs = tensor("W", true, [iv("o"), iv("c")]);
        if (cfg.groups === 1) return [lhs, overN(dwNode(cfg, tensor("Y", true, [...n, iv("o")]), tensor("X", false, [...n, iv("c")])))];
        // groups: o = Cog·(q − base) + e for exactly one group q and one e in 0..Cog−1 (+ base)
        const g = groupNumbers(cfg);
        const e = g.channel(g.cog, "e");
        const conds = [cond(e, "=", iv("o")), cond(iv("e"), ">=", inum(g.b)), cond(iv("e"), "<=", inum(g.cog - 1 + g.b))];
        const body = dwNode(cfg, tensor("Y", true, [...n, e]), tensor("X", false, [...n, g.channel(g.cig, "c")]));
        return [lhs, overN(sumOver([g.range("q", cfg.groups)], [], sumOver([binder("e")], conds, body)))];
      },
      unsupported: () => null,
      build: (rc) => kernelGradient(rc, flip),
    },
    biasRule,
  ];
}

export const RULES: Record<Op, readonly GradientRule[]> = { conv: rulesFor("conv"), xcorr: rulesFor("xcorr") };
