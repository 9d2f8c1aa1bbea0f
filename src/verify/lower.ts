/**
 * Index-notation formulas lowered to sums over the integer points of parametric polyhedra, for the
 * proofs of `verify --all-sizes` (src/verify/prove.ts). A side becomes a list of terms; a term is
 *
 *     coef · Σ_{v : constraints} Π_f T_f[idx_f]
 *
 * with bound variables v, linear constraints over v, the free indices and the symbolic sizes
 * (H_a input, K_a kernel, O_a output per axis), and factors that are entries of the layer's base
 * tensors (X, W, ΔY, b) at affine indices (0-based positions). Every factor carries its tensor's
 * bounds (an entry outside its tensor is 0: the zero padding sources state). Gradients and the
 * forward output are expanded by the chain rule at the index level (as in src/grad/general.ts):
 *
 *     E_a(i, m) = s·i + d·m' − lo,  m' = m (xcorr) or K_a − 1 − m (conv)
 *     y_i = Σ_m w_m x_{E(i,m)} (+ b),  δx_u = Σ_{i,m: E(i,m) = u} δy_i w_m,
 *     δw_m = Σ_i δy_i x_{E(i,m)},  δb = Σ_i δy_i.
 *
 * Only what lowers exactly is accepted; anything else (division in an index, a matrix operand,
 * an activation, channels) is `Unlowerable` with the reason, and the caller falls back to the
 * bounded search. Pure data, no solver here.
 */
import type { Op } from "../conventions.js";
import type { Index, Node } from "../lang/ast.js";
import type { IExpr } from "../lang/indexexpr.js";
import { mul as rmul, neg as rneg, ONE, rat, type Rat } from "../core/rational.js";

/** c + Σ coef·var. */
export interface Lin {
  readonly c: number;
  readonly t: ReadonlyMap<string, number>;
}

/** lin ≥ 0, lin = 0 or lin ≠ 0. */
export interface Con {
  readonly lin: Lin;
  readonly op: "ge" | "eq" | "ne";
}

export type TensorKey = "X" | "W" | "dY" | "b";

export interface Factor {
  readonly t: TensorKey;
  readonly idx: readonly Lin[];
}

export interface Term {
  readonly coef: Rat;
  readonly vars: readonly string[];
  readonly cons: readonly Con[];
  readonly factors: readonly Factor[];
}

/** The layer without sizes: what a proof is about. */
export interface SymbolicLayer {
  op: Op;
  dims: number;
  stride: readonly number[];
  dilation: readonly number[];
  /** lo:hi per axis, or "full" (d(K−1) on both sides, symbolic in K). */
  padding: readonly (readonly [number, number])[] | "full";
  indexBase: number;
  bias: boolean;
  /** Channel counts (one group) and the batch: numbers, the same at every size; null without channels. */
  channels?: { inC: number; outC: number; batch: number | null } | null;
}

/** The leading (batch and channel) axes of a tensor and their sizes: x[n, c], w[o, c], y[n, o], b[o]. */
export function leadSizes(L: SymbolicLayer, t: TensorKey): number[] {
  if (!L.channels) return [];
  const { inC, outC, batch } = L.channels;
  const n = batch === null ? [] : [batch];
  return t === "X" ? [...n, inC] : t === "W" ? [outC, inC] : t === "dY" ? [...n, outC] : [outC];
}

/** A formula this lowering does not represent exactly; the reason says what. */
export class Unlowerable extends Error {}

export const lin = (c: number, t: Iterable<[string, number]> = []): Lin => {
  const m = new Map<string, number>();
  for (const [k, v] of t) if (v !== 0) m.set(k, (m.get(k) ?? 0) + v);
  for (const [k, v] of [...m]) if (v === 0) m.delete(k);
  return { c, t: m };
};
export const variable = (name: string, k = 1): Lin => lin(0, [[name, k]]);
export function ladd(a: Lin, b: Lin): Lin {
  return lin(a.c + b.c, [...a.t, ...b.t]);
}
export function lscale(a: Lin, k: number): Lin {
  return lin(
    a.c * k,
    [...a.t].map(([n, v]) => [n, v * k] as [string, number]),
  );
}
export const lsub = (a: Lin, b: Lin): Lin => ladd(a, lscale(b, -1));
const isConst = (a: Lin) => a.t.size === 0;

/** Size variables: H1, K1, O1 (axis 1), … */
export const sizeVar = (what: "H" | "K" | "O", axis: number) => `${what}${axis + 1}`;

/** The constraints every size satisfies: H, K ≥ 1, O = ⌊(H + lo + hi − d(K−1) − 1)/s⌋ + 1 ≥ 1. */
export function sizeConstraints(L: SymbolicLayer): Con[] {
  const out: Con[] = [];
  for (let a = 0; a < L.dims; a++) {
    const H = variable(sizeVar("H", a));
    const K = variable(sizeVar("K", a));
    const O = variable(sizeVar("O", a));
    const s = L.stride[a]!;
    const [lo, hi] = padSpan(L, a);
    out.push(
      { lin: ladd(H, lin(-1)), op: "ge" },
      { lin: ladd(K, lin(-1)), op: "ge" },
      { lin: ladd(O, lin(-1)), op: "ge" },
    );
    // span = H + lo + hi − d(K − 1) − 1;  s(O − 1) ≤ span < sO
    const span = lsub(ladd(ladd(H, lo), lsub(hi, lin(1))), lscale(ladd(K, lin(-1)), L.dilation[a]!));
    out.push(
      { lin: lsub(span, lscale(ladd(O, lin(-1)), s)), op: "ge" },
      { lin: lsub(lsub(lscale(O, s), span), lin(1)), op: "ge" },
    );
  }
  return out;
}

function padSpan(L: SymbolicLayer, a: number): [Lin, Lin] {
  if (L.padding === "full") {
    const ext = lscale(ladd(variable(sizeVar("K", a)), lin(-1)), L.dilation[a]!);
    return [ext, ext];
  }
  const [lo, hi] = L.padding[a]!;
  return [lin(lo), lin(hi)];
}

/** 0 ≤ p_a < size_a on every axis a. */
export const inRange = (p: readonly Lin[], size: readonly Lin[]): Con[] =>
  p.flatMap((e, a) => [
    { lin: e, op: "ge" as const },
    { lin: lsub(lsub(size[a]!, e), lin(1)), op: "ge" as const },
  ]);

/** 0 ≤ idx_a < size_a for a factor of tensor t: its leading axes (sizes lead), then its spatial ones. */
export function bounds(t: TensorKey, idx: readonly Lin[], lead: readonly number[] = []): Con[] {
  const what = t === "X" ? "H" : t === "W" ? "K" : t === "dY" ? "O" : null;
  const spatial = idx.slice(lead.length);
  const sizes = [...lead.map((n) => lin(n)), ...(what ? spatial.map((_, a) => variable(sizeVar(what, a))) : [])];
  return inRange(idx.slice(0, sizes.length), sizes);
}

function factorTerm(t: TensorKey, idx: readonly Lin[]): Term {
  return { coef: ONE, vars: [], cons: bounds(t, idx), factors: [{ t, idx }] };
}

/** Products of two sums of terms (bounded: a hostile product never explodes). */
const MAX_TERMS = 64;
function times(a: readonly Term[], b: readonly Term[]): Term[] {
  if (a.length * b.length > MAX_TERMS) throw new Unlowerable(`more than ${MAX_TERMS} terms after expanding products`);
  return a.flatMap((x) =>
    b.map((y) => ({
      coef: rmul(x.coef, y.coef),
      vars: [...x.vars, ...y.vars],
      cons: [...x.cons, ...y.cons],
      factors: [...x.factors, ...y.factors],
    })),
  );
}

export interface LowerContext {
  layer: SymbolicLayer;
  /** The equation's free indices (their variables are `f:name`). */
  free: ReadonlySet<string>;
  /** A size name (K, k_1, H, s, p, d, a declared name) as a linear form in the size variables, or null. */
  size: (name: string) => Lin | null;
  /** What the size names used assume (K on every axis: K_1 = K_2 = …); filled as names are read. */
  assumptions: Con[];
}

/**
 * The size names of index notation (src/verify/sizes.ts), symbolic: K / k the kernel size and H the
 * input size (a name on every axis ties the axes: K_1 = K_2, said in the result), K_a, k_a, H_a per
 * axis, s, p, d from the layer (p only when symmetric), a layer tag ignored (k_1^{l-1}); then the
 * names the document declared, as the size variable they were bound to.
 */
export function layerSizeNames(
  L: SymbolicLayer,
  declared: (name: string) => Lin | null,
): { size: (name: string) => Lin | null; assumptions: Con[]; tied: Set<string> } {
  const assumptions: Con[] = [];
  const tied = new Set<string>();
  const size = (name: string): Lin | null => {
    const tagged = /^([kKHsSpd](?:_[1-9])?)\^\{[^}]*\}$/.exec(name);
    const m = /^([kKHsSpd])(?:_([1-9]))?$/.exec(tagged ? tagged[1]! : name);
    if (!m) return declared(name);
    const letter = m[1]!;
    const axis = m[2] ? Number(m[2]) - 1 : null;
    if (axis !== null && axis >= L.dims) return null;
    if (letter === "k" || letter === "K" || letter === "H") {
      const what = letter === "H" ? "H" : "K";
      if (axis !== null) return variable(sizeVar(what, axis));
      for (let a = 1; a < L.dims; a++) {
        assumptions.push({ lin: lsub(variable(sizeVar(what, a)), variable(sizeVar(what, 0))), op: "eq" });
        tied.add(what);
      }
      return variable(sizeVar(what, 0));
    }
    const per =
      letter === "s" || letter === "S"
        ? L.stride
        : letter === "d"
          ? L.dilation
          : L.padding === "full"
            ? null
            : L.padding.map(([lo, hi]) => (lo === hi ? lo : NaN));
    if (!per) return null;
    const vals = axis !== null ? [per[axis]!] : per;
    if (vals.some((v) => Number.isNaN(v) || v !== vals[0])) return null;
    return lin(vals[0]!);
  };
  return { size, assumptions, tied };
}

/** A matrix expression: its size per axis and its entry at a position (0 outside its range). */
export interface MatrixValue {
  size: Lin[];
  at: (p: readonly Lin[]) => Term[];
}

/** A condition the formula needs at every size (a valid convolution's first operand the larger). */
export interface Obligation {
  con: Con;
  why: string;
}

const MATRIX_KINDS = new Set(["matrix", "rot", "pad", "dilate", "convfn"]);

/** Is the node a matrix expression (ΔX, Rot180(W) ⋆ ΔY, pad(X) …) rather than an entry formula? */
export function isMatrix(n: Node): boolean {
  if (MATRIX_KINDS.has(n.k)) return true;
  if (n.k === "bin")
    return (
      n.op === "conv" ||
      ((n.op === "+" || n.op === "-") && isMatrix(n.left)) ||
      ((n.op === "mul" || n.op === "juxt") && (isMatrix(n.left) || isMatrix(n.right)))
    );
  return n.k === "neg" && isMatrix(n.arg);
}

const restrict = (terms: readonly Term[], cons: readonly Con[]): Term[] =>
  terms.map((t) => ({ ...t, cons: [...cons, ...t.cons] }));

/** Lowers one side of an equation (after roles are resolved) to terms. */
export class Lowering {
  private n = 0;
  /** Conditions on the sizes the formula needs everywhere (checked by the prover). */
  readonly obligations: Obligation[] = [];
  /** Defining constraints of auxiliary size variables (a strided convolution's output size). */
  readonly definitions: Con[] = [];
  constructor(readonly ctx: LowerContext) {}

  private fresh(hint: string): string {
    return `v${this.n++}_${hint.replace(/[^A-Za-z0-9]/g, "")}`;
  }

  private get L(): SymbolicLayer {
    return this.ctx.layer;
  }

  /** An index expression in scope (innermost binder first, then free indices, then sizes). */
  index(e: IExpr, scope: ReadonlyMap<string, string>): Lin {
    switch (e.k) {
      case "n":
        return lin(e.v);
      case "v": {
        const bound = scope.get(e.name);
        if (bound) return variable(bound);
        if (this.ctx.free.has(e.name)) return variable(`f:${e.name}`);
        const s = this.ctx.size(e.name);
        if (s) return s;
        throw new Unlowerable(`the name ${e.name} is neither an index nor a size`);
      }
      case "add":
        return ladd(this.index(e.a, scope), this.index(e.b, scope));
      case "sub":
        return lsub(this.index(e.a, scope), this.index(e.b, scope));
      case "neg":
        return lscale(this.index(e.a, scope), -1);
      case "mul": {
        const a = this.index(e.a, scope);
        const b = this.index(e.b, scope);
        if (isConst(a)) return lscale(b, a.c);
        if (isConst(b)) return lscale(a, b.c);
        throw new Unlowerable("a product of two indices is not linear");
      }
      default:
        throw new Unlowerable(
          "division, floor or ceiling in an index (only integer linear index arithmetic is proved)",
        );
    }
  }

  /** Written indices (display base) → 0-based positions. */
  private positions(index: Index | null, scope: ReadonlyMap<string, string>, what: string, t: TensorKey): Lin[] {
    if (!index) throw new Unlowerable(`${what} without an index is a matrix (only index notation is proved)`);
    const items =
      index.kind === "num" ? index.values.map((v) => lin(v)) : index.items.map((it) => this.index(it, scope));
    const want = leadSizes(this.L, t).length + (t === "b" ? 0 : this.L.dims);
    if (items.length !== want)
      throw new Unlowerable(`${what} has ${items.length} indices where this layer's ${t} has ${want}`);
    return items.map((e) => ladd(e, lin(-this.L.indexBase)));
  }

  private bounds(t: TensorKey, idx: readonly Lin[]): Con[] {
    return bounds(t, idx, leadSizes(this.L, t));
  }

  private factor(t: TensorKey, idx: readonly Lin[]): Term {
    return { coef: ONE, vars: [], cons: this.bounds(t, idx), factors: [{ t, idx }] };
  }

  /** The batch index (if any) and the channel index of a position of X or ΔY, and its spatial part. */
  private lead(t: TensorKey, p: readonly Lin[]): { n: Lin[]; ch: Lin[]; sp: Lin[] } {
    const k = leadSizes(this.L, t).length;
    const batch = this.L.channels?.batch != null && t !== "W" && t !== "b" ? 1 : 0;
    return { n: p.slice(0, batch), ch: p.slice(batch, k), sp: p.slice(k) };
  }

  /** E_a(i, m): the input position of output position i and kernel position m. */
  private inputPos(i: readonly Lin[], m: readonly Lin[]): Lin[] {
    return i.map((ia, a) => {
      const K = variable(sizeVar("K", a));
      const mm = this.L.op === "xcorr" ? m[a]! : lsub(ladd(K, lin(-1)), m[a]!);
      const [lo] = padSpan(this.L, a);
      return lsub(ladd(lscale(ia, this.L.stride[a]!), lscale(mm, this.L.dilation[a]!)), lo);
    });
  }

  private vars(hint: string): string[] {
    return Array.from({ length: this.L.dims }, () => this.fresh(hint));
  }

  /** One fresh variable for a channel (or batch) index when the layer has channels (or a batch), else none. */
  private opt(hint: string, on: boolean): string[] {
    return on ? [this.fresh(hint)] : [];
  }

  /** y at output position p = [n, o, …i]: Σ_c Σ_m w_{o,c,m} x_{n,c,E(i,m)} (+ b_o). */
  forward(p: readonly Lin[]): Term[] {
    const { n, ch: o, sp } = this.lead("dY", p);
    const ch = !!this.L.channels;
    const c = this.opt("c", ch);
    const cl = c.map((v) => variable(v));
    const m = this.vars("m");
    const ml = m.map((v) => variable(v));
    const x = [...n, ...cl, ...this.inputPos(sp, ml)];
    const w = [...o, ...cl, ...ml];
    const main: Term = {
      coef: ONE,
      vars: [...c, ...m],
      cons: [...this.bounds("dY", p), ...this.bounds("W", w), ...this.bounds("X", x)],
      factors: [
        { t: "W", idx: w },
        { t: "X", idx: x },
      ],
    };
    return this.L.bias
      ? [main, { coef: ONE, vars: [], cons: this.bounds("dY", p), factors: [{ t: "b", idx: o }] }]
      : [main];
  }

  /** The gradient of the loss with respect to an entry of X, W, b or Y (ΔY itself). */
  gradient(t: "X" | "W" | "b" | "Y", p: readonly Lin[]): Term[] {
    if (t === "Y") return [this.factor("dY", p)];
    const ch = !!this.L.channels;
    const batched = this.L.channels?.batch != null;
    const i = this.vars("i");
    const il = i.map((v) => variable(v));
    if (t === "b" || t === "W") {
      // summed over the batch and the output positions
      const n = this.opt("n", batched);
      const nl = n.map((v) => variable(v));
      const o = p.slice(0, ch ? 1 : 0);
      const dy = [...nl, ...o, ...il];
      if (t === "b")
        return [{ coef: ONE, vars: [...n, ...i], cons: this.bounds("dY", dy), factors: [{ t: "dY", idx: dy }] }];
      const c = p.slice(ch ? 1 : 0, ch ? 2 : 0);
      const x = [...nl, ...c, ...this.inputPos(il, p.slice(ch ? 2 : 0))];
      return [
        {
          coef: ONE,
          vars: [...n, ...i],
          cons: [...this.bounds("W", p), ...this.bounds("dY", dy), ...this.bounds("X", x)],
          factors: [
            { t: "dY", idx: dy },
            { t: "X", idx: x },
          ],
        },
      ];
    }
    // ΔX at [n, c, …u]: Σ_o Σ_i Σ_m δy_{n,o,i} w_{o,c,m} over E(i, m) = u
    const { n, ch: c, sp: u } = this.lead("X", p);
    const o = this.opt("o", ch);
    const ol = o.map((v) => variable(v));
    const m = this.vars("m");
    const ml = m.map((v) => variable(v));
    const hit = this.inputPos(il, ml).map((e, a) => ({ lin: lsub(e, u[a]!), op: "eq" as const }));
    const dy = [...n, ...ol, ...il];
    const w = [...ol, ...c, ...ml];
    return [
      {
        coef: ONE,
        vars: [...o, ...i, ...m],
        cons: [...this.bounds("X", p), ...this.bounds("dY", dy), ...this.bounds("W", w), ...hit],
        factors: [
          { t: "dY", idx: dy },
          { t: "W", idx: w },
        ],
      },
    ];
  }

  /** An entry node: a base symbol, the forward output, or a gradient (expanded). */
  private entry(n: Extract<Node, { k: "entry" }>, scope: ReadonlyMap<string, string>): Term[] {
    if (n.base === "z") throw new Unlowerable("a pre-activation z (activations are not proved)");
    if (n.base === "b") {
      // b, b_{ij}: one bias (single channel), b_o with channels; its gradient is Σ δy
      const p = this.L.channels ? this.positions(n.index, scope, n.name ?? "b", "b") : [];
      return n.grad ? this.gradient("b", p) : [this.factor("b", p)];
    }
    const t: TensorKey = n.base === "x" ? "X" : n.base === "w" ? "W" : "dY";
    const p = this.positions(n.index, scope, n.name ?? n.base, t);
    if (n.base === "y") return n.grad ? [this.factor("dY", p)] : this.forward(p);
    if (n.grad) return this.gradient(n.base === "x" ? "X" : "W", p);
    return [this.factor(t, p)];
  }

  /** ∂(terms)/∂(an entry of a base tensor at p): the factors that are that entry, removed. */
  private derivative(terms: readonly Term[], t: TensorKey, p: readonly Lin[]): Term[] {
    const out: Term[] = [];
    for (const term of terms) {
      term.factors.forEach((f, k) => {
        if (f.t !== t) return;
        const hit = f.idx.map((e, a) => ({ lin: lsub(e, p[a]!), op: "eq" as const }));
        out.push({
          coef: term.coef,
          vars: term.vars,
          cons: [...term.cons, ...hit, ...this.bounds(t, p)],
          factors: term.factors.filter((_, j) => j !== k),
        });
      });
    }
    return out;
  }

  side(n: Node, scope: ReadonlyMap<string, string> = new Map()): Term[] {
    switch (n.k) {
      case "num":
        return [{ coef: rat(n.n, n.d), vars: [], cons: [], factors: [] }];
      case "neg":
        return this.side(n.arg, scope).map((t) => ({ ...t, coef: rneg(t.coef) }));
      case "entry":
        return this.entry(n, scope);
      case "bin": {
        if (n.op === "+" || n.op === "-") {
          const r = this.side(n.right, scope);
          return [...this.side(n.left, scope), ...(n.op === "-" ? r.map((t) => ({ ...t, coef: rneg(t.coef) })) : r)];
        }
        if (n.op === "mul" || n.op === "juxt") return times(this.side(n.left, scope), this.side(n.right, scope));
        throw new Unlowerable(
          n.op === "conv" ? "a convolution of matrices (only index notation is proved)" : `the operator ${n.op}`,
        );
      }
      case "sumover": {
        const inner = new Map(scope);
        const vars: string[] = [];
        const cons: Con[] = [];
        for (const b of n.sum.binders) {
          const v = this.fresh(b.name);
          // the range is read in the scope outside the sum (and the binders before this one)
          const lo = b.lo ? this.index(b.lo, inner) : null;
          const hi = b.hi ? this.index(b.hi, inner) : null;
          inner.set(b.name, v);
          vars.push(v);
          if (lo) cons.push({ lin: lsub(variable(v), lo), op: "ge" });
          if (hi) cons.push({ lin: lsub(hi, variable(v)), op: "ge" });
        }
        for (const c of n.sum.conds) {
          const a = this.index(c.a, inner);
          const b = this.index(c.b, inner);
          const d = lsub(a, b);
          if (c.rel === "=") cons.push({ lin: d, op: "eq" });
          else if (c.rel === "!=") cons.push({ lin: d, op: "ne" });
          else if (c.rel === ">=") cons.push({ lin: d, op: "ge" });
          else if (c.rel === ">") cons.push({ lin: ladd(d, lin(-1)), op: "ge" });
          else if (c.rel === "<=") cons.push({ lin: lscale(d, -1), op: "ge" });
          else cons.push({ lin: ladd(lscale(d, -1), lin(-1)), op: "ge" });
        }
        const body = this.side(n.arg, inner);
        // every bound variable must be bounded: by its range, or by a factor's index (implied range)
        for (const [k, v] of vars.entries()) {
          const b = n.sum.binders[k]!;
          const inFactor = body.every((t) => t.factors.some((f) => f.idx.some((e) => e.t.has(v))));
          if (!(b.lo && b.hi) && !inFactor)
            throw new Unlowerable(`the sum over ${b.name} has no range and ${b.name} indexes no tensor in every term`);
        }
        return body.map((t) => ({ ...t, vars: [...vars, ...t.vars], cons: [...cons, ...t.cons] }));
      }
      case "partial": {
        const wrt = n.wrt;
        if (wrt.k !== "entry" || wrt.grad)
          throw new Unlowerable("a derivative with respect to something other than one entry");
        if (wrt.base === "z") throw new Unlowerable("a pre-activation z (activations are not proved)");
        const t: TensorKey = wrt.base === "x" ? "X" : wrt.base === "w" ? "W" : wrt.base === "b" ? "b" : "dY";
        const p = t === "b" && !this.L.channels ? [] : this.positions(wrt.index, scope, wrt.name ?? wrt.base, t);
        if (n.of === "J") return this.gradient(t === "dY" ? "Y" : t, p);
        if (t === "dY") throw new Unlowerable("a derivative with respect to an output entry");
        return this.derivative(this.side(n.of, scope), t, p);
      }
      default:
        throw new Unlowerable(
          `${n.k === "fn" ? "an activation" : n.k === "ref" ? "an unknown name" : `a ${n.k}`} (only index notation over the layer's tensors is proved)`,
        );
    }
  }

  private ranged(size: Lin[], at: (p: readonly Lin[]) => Term[]): MatrixValue {
    return { size, at: (p) => restrict(at(p), inRange(p, size)) };
  }

  /** X, W, ΔY, Y (the forward output) or a gradient ΔX, ΔW, as a matrix. */
  tensor(t: "X" | "W" | "dY" | "Y" | "dX" | "dW"): MatrixValue {
    const sizeOf = (w: "H" | "K" | "O") => Array.from({ length: this.L.dims }, (_, a) => variable(sizeVar(w, a)));
    if (t === "X" || t === "W") return this.ranged(sizeOf(t === "X" ? "H" : "K"), (p) => [factorTerm(t, p)]);
    if (t === "dX" || t === "dW")
      return this.ranged(sizeOf(t === "dX" ? "H" : "K"), (p) => this.gradient(t === "dX" ? "X" : "W", p));
    return this.ranged(sizeOf("O"), (p) => (t === "dY" ? [factorTerm("dY", p)] : this.forward(p)));
  }

  rot(A: MatrixValue): MatrixValue {
    return this.ranged(A.size, (p) => A.at(p.map((e, a) => lsub(ladd(A.size[a]!, lin(-1)), e))));
  }

  /** Padded by lo:hi per axis (negative amounts crop). */
  pad(A: MatrixValue, spans: readonly (readonly [Lin, Lin])[]): MatrixValue {
    return this.ranged(
      A.size.map((S, a) => ladd(ladd(S, spans[a]![0]), spans[a]![1])),
      (p) => A.at(p.map((e, a) => lsub(e, spans[a]![0]))),
    );
  }

  /** The layer's own padding, lo:hi per axis. */
  layerPadding(): [Lin, Lin][] {
    return Array.from({ length: this.L.dims }, (_, a) => padSpan(this.L, a));
  }

  /** f − 1 zeros between entries on each axis. */
  dilate(A: MatrixValue, f: readonly number[]): MatrixValue {
    return this.ranged(
      A.size.map((S, a) => ladd(lscale(ladd(S, lin(-1)), f[a]!), lin(1))),
      (p) => {
        const q = this.vars("q");
        const hit = p.map((e, a) => ({ lin: lsub(e, variable(q[a]!, f[a])), op: "eq" as const }));
        return A.at(q.map((v) => variable(v))).map((t) => ({
          ...t,
          vars: [...q, ...t.vars],
          cons: [...hit, ...t.cons],
        }));
      },
    );
  }

  /** A matrix expression with symbolic sizes. */
  matrix(n: Node): MatrixValue {
    if (this.L.channels) throw new Unlowerable("a matrix formula of a layer with channels (index notation is proved)");
    switch (n.k) {
      case "matrix":
        return this.tensor(
          n.base === "X" ? (n.grad ? "dX" : "X") : n.base === "W" ? (n.grad ? "dW" : "W") : n.grad ? "dY" : "Y",
        );
      case "rot":
        return this.rot(this.matrix(n.arg));
      case "pad": {
        const A = this.matrix(n.arg);
        const spans =
          n.p === null
            ? this.layerPadding()
            : this.perAxis(
                n.p.map(([lo, hi]) => [lin(n.crop ? -lo : lo), lin(n.crop ? -hi : hi)] as [Lin, Lin]),
                "padding",
              );
        return this.pad(A, spans);
      }
      case "dilate":
        return this.dilate(this.matrix(n.arg), this.perAxis(n.s, "dilation"));
      case "convfn":
        if (n.transpose) throw new Unlowerable("conv_transpose (not proved)");
        return this.convolve(n.conv.op, n.conv.mode, n.stride ?? [1], this.matrix(n.a), this.matrix(n.b));
      case "neg": {
        const A = this.matrix(n.arg);
        return { size: A.size, at: (p) => A.at(p).map((t) => ({ ...t, coef: rneg(t.coef) })) };
      }
      case "bin": {
        if (n.op === "conv") {
          const spec = n.conv!;
          if (spec.swap) throw new Unlowerable("exchanged operands");
          return this.convolve(
            spec.op ?? this.L.op,
            spec.mode,
            [spec.stride ?? 1],
            this.matrix(n.left),
            this.matrix(n.right),
          );
        }
        if (n.op === "+" || n.op === "-") {
          const A = this.matrix(n.left);
          const B = this.matrix(n.right);
          A.size.forEach((S, a) =>
            this.obligations.push({
              con: { lin: lsub(S, B.size[a]!), op: "eq" },
              why: "the two matrices added have the same size",
            }),
          );
          return {
            size: A.size,
            at: (p) => [...A.at(p), ...B.at(p).map((t) => (n.op === "-" ? { ...t, coef: rneg(t.coef) } : t))],
          };
        }
        if ((n.op === "mul" || n.op === "juxt") && (n.left.k === "num" || n.right.k === "num")) {
          const [c, m] = n.left.k === "num" ? [n.left, n.right] : [n.right as Extract<Node, { k: "num" }>, n.left];
          const A = this.matrix(m);
          return { size: A.size, at: (p) => A.at(p).map((t) => ({ ...t, coef: rmul(t.coef, rat(c.n, c.d)) })) };
        }
        throw new Unlowerable(
          `the matrix operator ${n.op} (only convolutions, Rot180, pad, crop, dilate, sums and scalar multiples are proved)`,
        );
      }
      default:
        throw new Unlowerable(`${n.k === "entry" ? "an entry where a matrix is needed" : `a ${n.k}`} (not proved)`);
    }
  }

  private perAxis<T>(vals: readonly T[], what: string): T[] {
    if (vals.length === 1) return Array.from({ length: this.L.dims }, () => vals[0]!);
    if (vals.length !== this.L.dims) throw new Unlowerable(`${vals.length} ${what} amounts for ${this.L.dims} axes`);
    return [...vals];
  }

  /** A ⋆ B or A * B (valid or full, stride σ): Σ_m A[σp + m]·B[m] (B reversed for true convolution). */
  convolve(op: Op, mode: string, strideIn: readonly number[], A0: MatrixValue, B: MatrixValue): MatrixValue {
    if (mode !== "valid" && mode !== "full")
      throw new Unlowerable(`a ${mode} convolution (its padding depends on the kernel size's parity; not proved)`);
    const stride = this.perAxis(strideIn, "stride");
    let A = A0;
    if (mode === "full") {
      const ext = B.size.map((S) => ladd(S, lin(-1)));
      const inner = A0;
      A = {
        size: inner.size.map((S, a) => ladd(S, lscale(ext[a]!, 2))),
        at: (p) =>
          restrict(
            inner.at(p.map((e, a) => lsub(e, ext[a]!))),
            inRange(
              p,
              inner.size.map((S, a) => ladd(S, lscale(ext[a]!, 2))),
            ),
          ),
      };
    }
    const size = A.size.map((S, a) => {
      this.obligations.push({
        con: { lin: lsub(S, B.size[a]!), op: "ge" },
        why: "the first operand of a valid convolution is at least as large as the second (the engine exchanges them otherwise)",
      });
      const span = lsub(S, B.size[a]!);
      if (stride[a] === 1) return ladd(span, lin(1));
      const Z = variable(this.fresh("Z"));
      // σ(Z − 1) ≤ span < σZ
      this.definitions.push(
        { lin: lsub(span, lscale(ladd(Z, lin(-1)), stride[a]!)), op: "ge" },
        { lin: lsub(lsub(lscale(Z, stride[a]!), span), lin(1)), op: "ge" },
      );
      return Z;
    });
    return {
      size,
      at: (p) => {
        const m = this.vars("m");
        const ml = m.map((v) => variable(v));
        const bpos = op === "xcorr" ? ml : ml.map((e, a) => lsub(ladd(B.size[a]!, lin(-1)), e));
        const apos = p.map((e, a) => ladd(lscale(e, stride[a]!), ml[a]!));
        const prod = times(A.at(apos), B.at(bpos));
        return restrict(prod, [...inRange(p, size), ...inRange(ml, B.size)]).map((t) => ({
          ...t,
          vars: [...m, ...t.vars],
        }));
      },
    };
  }

  /** The bounds of the free indices: the reference side's entry lies inside its tensor. */
  freeBounds(n: Node): Con[] {
    if (n.k === "entry" && n.base !== "z" && (n.base !== "b" || this.L.channels)) {
      const t: TensorKey = n.base === "x" ? "X" : n.base === "w" ? "W" : n.base === "b" ? "b" : "dY";
      return this.bounds(t, this.positions(n.index, new Map(), n.name ?? n.base, t));
    }
    // ∂E/∂x_{u}: the entry's range; ∂y_{i}/∂x_{u}: both entries' ranges
    if (n.k === "partial" && n.wrt.k === "entry")
      return [...(n.of === "J" ? [] : this.freeBounds(n.of)), ...this.freeBounds(n.wrt)];
    if (n.k === "entry") return [];
    throw new Unlowerable("the left-hand side is not one entry (its free indices have no range)");
  }
}
