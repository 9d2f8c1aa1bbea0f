/**
 * Proofs for every size: two sides of an index-notation equation, lowered to sums over polyhedra
 * (src/verify/lower.ts), are equal for every input and kernel size when, for every product of
 * tensor entries, both sides count it with the same coefficient. Decided with the SMT solver Z3
 * (the npm package z3-solver, WebAssembly, loaded only here and only when a proof is asked for),
 * over linear integer arithmetic with the sizes as unknowns:
 *
 *  1. each term counts each product at most once (its map from bound variables to entry
 *     positions is injective), and terms of one side with the same tensors never overlap;
 *  2. every product a term of one side counts is counted by a term of the other side with the
 *     same tensors and the same coefficient (both directions).
 *
 * 1 and 2 unsatisfiable in their negations: holds for every size. A model of a negation of 2 is a
 * candidate counterexample (its sizes, smallest total found): the caller confirms it with the
 * concrete engine before saying "fails". Anything else — 1 fails, the solver runs out of time —
 * is undecided, never holds.
 */
import type { Node } from "../lang/ast.js";
import { ratToString } from "../core/rational.js";
import { shapeString } from "../tensor/tensor.js";
import {
  type Con,
  type Lin,
  type LowerContext,
  type MatrixValue,
  type SymbolicLayer,
  type Term,
  type TensorKey,
  inRange,
  isMatrix,
  ladd,
  lin,
  lscale,
  lsub,
  Lowering,
  sizeConstraints,
  sizeVar,
  Unlowerable,
  variable,
} from "./lower.js";

export type ProofOutcome =
  | { status: "holds"; message: string }
  /** Sizes at which a negation is satisfiable: to be confirmed concretely. */
  | { status: "candidate"; message: string; input: number[]; kernel: number[] }
  | { status: "undecided"; message: string }
  /** Not lowerable: the caller falls back to the bounded search. */
  | { status: "unsupported"; message: string };

import type { Arith as Z3Arith, Bool as Z3Bool, Context } from "z3-solver";

type Z3 = Awaited<ReturnType<typeof import("z3-solver").init>>;
type Ctx = Context<"main">;
type Arith = Z3Arith<"main">;
type BoolE = Z3Bool<"main">;

let loading: Promise<{ z3: Z3; ctx: Ctx }> | null = null;

/** The solver, loaded on first use (about half a second). */
async function solver(): Promise<{ z3: Z3; ctx: Ctx }> {
  loading ??= import("z3-solver").then(async ({ init }) => {
    const z3 = await init();
    return { z3, ctx: z3.Context("main") };
  });
  return loading;
}

/** The part of Emscripten's thread pool that stopping it needs. */
interface EmThreads {
  runningWorkers: { onmessage: (e: unknown) => void }[];
  unusedWorkers: { onmessage: (e: unknown) => void }[];
  terminateAllThreads(): void;
}

/** Stops the solver's worker threads so the process can exit. */
export async function closeProver(): Promise<void> {
  if (!loading) return;
  const { z3 } = await loading;
  const threads = (z3 as unknown as { em: { PThread: EmThreads } }).em.PThread;
  const workers = [...threads.runningWorkers, ...threads.unusedWorkers];
  threads.terminateAllThreads();
  // a worker's last message (its thread's "cleanupThread") may still arrive: Emscripten's stub for a
  // terminated worker prints it on stderr ('received "cleanupThread" command from terminated worker'),
  // which is no error of the user's — the workers are gone either way, so they are heard no more
  for (const w of workers) w.onmessage = () => {};
  loading = null;
}

const ORDER: Record<TensorKey, number> = { X: 0, W: 1, dY: 2, b: 3 };

function rename(e: Lin, vars: ReadonlySet<string>, suffix: string): Lin {
  return lin(
    e.c,
    [...e.t].map(([n, k]) => [vars.has(n) ? n + suffix : n, k] as [string, number]),
  );
}

/** A term with its bound variables renamed (a fresh copy) and its factors in canonical order. */
interface Inst {
  vars: string[];
  cons: Con[];
  idx: Lin[];
}
function instance(t: Term, suffix: string): Inst {
  const vs = new Set(t.vars);
  const factors = [...t.factors].sort((a, b) => ORDER[a.t] - ORDER[b.t]);
  return {
    vars: t.vars.map((v) => v + suffix),
    cons: t.cons.map((c) => ({ op: c.op, lin: rename(c.lin, vs, suffix) })),
    idx: factors.flatMap((f) => f.idx.map((e) => rename(e, vs, suffix))),
  };
}

function signature(t: Term): string {
  const ts = t.factors.map((f) => f.t).sort((a, b) => ORDER[a] - ORDER[b]);
  if (new Set(ts).size !== ts.length) throw new Unlowerable("a product of two entries of one tensor (not proved)");
  return ts.join("·");
}

function subst(e: Lin, name: string, by: Lin): Lin {
  const k = e.t.get(name);
  if (!k) return e;
  return ladd(lsub(e, variable(name, k)), lscale(by, k));
}

/**
 * ∃u: cons(u) ∧ eqs(u) = 0, with the u that a unit coefficient determines solved away (so that most
 * coverage conditions need no quantifier); the rest stay existential.
 */
function eliminate(
  vars: readonly string[],
  cons: readonly Con[],
  eqs: readonly Lin[],
): { cons: Con[]; left: string[] } {
  let cs: Con[] = [...cons, ...eqs.map((lin) => ({ lin, op: "eq" as const }))];
  const left = new Set(vars);
  for (let guard = 0; guard < vars.length + 1; guard++) {
    let done = false;
    for (let j = 0; j < cs.length && !done; j++) {
      const c = cs[j]!;
      if (c.op !== "eq") continue;
      for (const v of left) {
        const k = c.lin.t.get(v);
        if (k !== 1 && k !== -1) continue;
        // v = −k·(lin − k·v)
        const by = lscale(lsub(c.lin, variable(v, k)), -k);
        cs = cs.filter((_, i) => i !== j).map((x) => ({ op: x.op, lin: subst(x.lin, v, by) }));
        left.delete(v);
        done = true;
        break;
      }
    }
    if (!done) break;
  }
  return { cons: cs, left: [...left] };
}

/**
 * Is the term's map from bound variables to entry positions injective on its face? Each variable,
 * in turn, appears with coefficient ±1 in an index whose other bound variables are already known
 * (w_{m}, δy_{i−m}: m from w, then i). Then the positions determine the variables; no solver needed.
 */
function determined(t: Term): boolean {
  const known = new Set<string>();
  const idx = t.factors.flatMap((f) => f.idx);
  for (let round = 0; round < t.vars.length && known.size < t.vars.length; round++) {
    for (const e of idx) {
      const open = t.vars.filter((v) => e.t.has(v) && !known.has(v));
      if (open.length === 1 && Math.abs(e.t.get(open[0]!)!) === 1) known.add(open[0]!);
    }
  }
  return known.size === t.vars.length;
}

export interface ProveOptions {
  /** Milliseconds for the whole equation. */
  timeoutMs: number;
}

/**
 * Proves sides[k] = sides[0] for every k, for every size. `ctx.free` are the equation's free
 * indices; `sides` are resolved (roles applied).
 */
export async function proveSides(
  layer: SymbolicLayer,
  sides: readonly Node[],
  ctx: LowerContext,
  opts: ProveOptions,
): Promise<ProofOutcome> {
  let low: Lowering;
  let global: Con[];
  let lowered: Term[][];
  /** The sides' sizes must agree (matrix formulas): a difference at some size is a counterexample. */
  let shapes: Con[] = [];
  try {
    low = new Lowering(ctx);
    let freeCons: Con[];
    if (isMatrix(sides[0]!)) {
      const vals = sides.map((s) => low.matrix(s));
      ({ freeCons, shapes, lowered } = atFreePosition(layer, vals));
    } else {
      freeCons = low.freeBounds(sides[0]!);
      lowered = sides.map((s) => low.side(s));
    }
    lowered.forEach((ts) => ts.forEach(signature));
    global = [...sizeConstraints(layer), ...low.definitions, ...freeCons, ...ctx.assumptions];
  } catch (e) {
    if (e instanceof Unlowerable) return { status: "unsupported", message: e.message };
    throw e;
  }
  return decide(layer, low, lowered, global, shapes, opts);
}

/** Matrices compared at a free position p: p inside the first, the sizes of the others equal to its. */
function atFreePosition(
  layer: SymbolicLayer,
  vals: readonly MatrixValue[],
): { freeCons: Con[]; shapes: Con[]; lowered: Term[][] } {
  const p = Array.from({ length: layer.dims }, (_, a) => variable(`f:p${a + 1}`));
  const freeCons = inRange(p, vals[0]!.size);
  const shapes = vals
    .slice(1)
    .flatMap((v) => v.size.map((S, a) => ({ lin: lsub(S, vals[0]!.size[a]!), op: "ne" as const })));
  return { freeCons, shapes, lowered: vals.map((v) => v.at(p)) };
}

/** lhs = rhs for every size, two matrices built with the lowering's primitives. */
export async function proveMatrices(
  layer: SymbolicLayer,
  build: (low: Lowering) => { lhs: MatrixValue; rhs: MatrixValue },
  opts: ProveOptions,
): Promise<ProofOutcome> {
  const low = new Lowering({ layer, free: new Set(), size: () => null, assumptions: [] });
  try {
    const { lhs, rhs } = build(low);
    const { freeCons, shapes, lowered } = atFreePosition(layer, [lhs, rhs]);
    lowered.forEach((ts) => ts.forEach(signature));
    return await decide(
      layer,
      low,
      lowered,
      [...sizeConstraints(layer), ...low.definitions, ...freeCons],
      shapes,
      opts,
    );
  } catch (e) {
    if (!(e instanceof Unlowerable)) throw e;
    return { status: "unsupported", message: e.message };
  }
}

/** The engine's closed forms for this layer, each proved for every size (src/verify/closed.ts). */
export async function proveClosedForms(
  layer: SymbolicLayer,
  opts: ProveOptions,
): Promise<{ target: string; rule: string; outcome: ProofOutcome }[]> {
  const { closedForms } = await import("./closed.js");
  const out: { target: string; rule: string; outcome: ProofOutcome }[] = [];
  for (const f of closedForms(layer))
    out.push({ target: f.target, rule: f.rule, outcome: await proveMatrices(layer, f.build, opts) });
  return out;
}

async function decide(
  layer: SymbolicLayer,
  low: Lowering,
  lowered: Term[][],
  global: Con[],
  shapes: Con[],
  opts: ProveOptions,
): Promise<ProofOutcome> {
  const { ctx: Z } = await solver();
  const deadline = Date.now() + opts.timeoutMs;
  const consts = new Map<string, Arith>();
  const V = (name: string): Arith => {
    let c = consts.get(name);
    if (!c) consts.set(name, (c = Z.Int.const(name)));
    return c;
  };
  const arith = (e: Lin): Arith => {
    let acc: Arith = Z.Int.val(e.c);
    for (const [n, k] of e.t) acc = acc.add(V(n).mul(k));
    return acc;
  };
  const bool = (c: Con): BoolE => {
    const a = arith(c.lin);
    return c.op === "ge" ? a.ge(0) : c.op === "eq" ? a.eq(0) : a.neq(0);
  };
  const all = (cs: readonly Con[]): BoolE => Z.And(...cs.map(bool));
  const exists = (vars: readonly string[], body: BoolE): BoolE =>
    vars.length === 0 ? body : Z.Exists(vars.map(V) as [Arith, ...Arith[]], body);
  const G = all(global);
  const sizeNames = Array.from({ length: layer.dims }, (_, a) => [sizeVar("H", a), sizeVar("K", a)]).flat();

  type Check = "unsat" | { sat: { input: number[]; kernel: number[] } } | "unknown";
  /** Is φ satisfiable? With a model, the smallest total size found. */
  const check = async (phi: BoolE, minimize: boolean): Promise<Check> => {
    const left = deadline - Date.now();
    if (left <= 0) return "unknown";
    const s = new Z.Solver();
    s.set("timeout", Math.max(1, left));
    s.add(G, phi);
    const r = await s.check();
    if (r === "unknown") return "unknown";
    if (r === "unsat") return "unsat";
    let best = s.model();
    // a model's value of an integer variable is a numeral, which Z3's toString prints in decimal
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    const read = (m: typeof best) => sizeNames.map((n) => Number(m.eval(V(n), true).toString()));
    let vals = read(best);
    // smaller sizes while the solver finds them (bounded: at most 24 rounds, within the time)
    for (let round = 0; minimize && round < 24 && Date.now() < deadline; round++) {
      const total = vals.reduce((a, b) => a + b, 0);
      s.set("timeout", Math.max(1, deadline - Date.now()));
      s.add(
        sizeNames
          .map(V)
          .reduce((a: Arith, b) => a.add(b), Z.Int.val(0))
          .lt(total),
      );
      if ((await s.check()) !== "sat") break;
      best = s.model();
      vals = read(best);
    }
    return { sat: { input: vals.filter((_, i) => i % 2 === 0), kernel: vals.filter((_, i) => i % 2 === 1) } };
  };
  const undecided = (why: string): ProofOutcome => ({ status: "undecided", message: why });
  const timeout = `the solver did not decide within ${Math.round(opts.timeoutMs / 1000)} s (--timeout)`;

  // the sizes exist at all (contradictory constraints would make every negation unsatisfiable)
  const some = await check(Z.Bool.val(true), false);
  if (some === "unknown") return undecided(timeout);
  if (some === "unsat") return undecided("no size satisfies the layer's constraints (please report)");
  // the formula is defined at every size (no operand exchange, sums of equal sizes) ...
  // (one solver call for all of them; the one that breaks is looked for only when one does)
  if (low.obligations.length > 0) {
    const all = await check(Z.Or(...low.obligations.map((ob) => Z.Not(bool(ob.con)))), false);
    if (all === "unknown") return undecided(timeout);
    for (const ob of all === "unsat" ? [] : low.obligations) {
      const r = await check(Z.Not(bool(ob.con)), false);
      if (r === "unknown") return undecided(timeout);
      if (r !== "unsat")
        return undecided(
          `at some sizes it is not true that ${ob.why} (input ${shapeString(r.sat.input)}, kernel ${shapeString(r.sat.kernel)}); not proved`,
        );
    }
  }
  // ... and its sides have the same size at every size
  if (shapes.length > 0) {
    const r = await check(Z.Or(...shapes.map(bool)), true);
    if (r === "unknown") return undecided(timeout);
    if (r !== "unsat") return { status: "candidate", message: "the sides' sizes differ", ...r.sat };
  }
  let suffix = 0;
  const fresh = () => `_${suffix++}`;
  for (let k = 1; k < lowered.length; k++) {
    const pair = [lowered[0]!, lowered[k]!];
    // 2. coverage, both directions, by tensors and coefficient
    for (const [from, to] of [
      [0, 1],
      [1, 0],
    ] as const) {
      for (const t of pair[from]!) {
        const key = `${signature(t)}|${ratToString(t.coef)}`;
        const group = pair[to]!.filter((r) => `${signature(r)}|${ratToString(r.coef)}` === key);
        const a = instance(t, fresh());
        const uncovered = group.map((r) => {
          const b = instance(r, fresh());
          const el = eliminate(
            b.vars,
            b.cons,
            b.idx.map((e, j) => lsub(e, a.idx[j]!)),
          );
          return Z.Not(exists(el.left, all(el.cons)));
        });
        const r = await check(Z.And(all(a.cons), ...uncovered), true);
        if (r === "unknown") return undecided(timeout);
        if (r !== "unsat") {
          const which =
            from === 0
              ? "the left side has a term the right side lacks"
              : "the right side has a term the left side lacks";
          return { status: "candidate", message: `${which} (${signature(t) || "a constant"})`, ...r.sat };
        }
      }
    }
  }
  // 1. each product counted once: injective terms, no overlap between a side's terms
  for (const side of lowered) {
    for (let i = 0; i < side.length; i++) {
      const t = side[i]!;
      for (let j = i; j < side.length; j++) {
        const u = side[j]!;
        if (signature(u) !== signature(t) || (i === j && determined(t))) continue;
        const a = instance(t, fresh());
        const b = instance(u, fresh());
        const same = a.idx.map((e, m) => ({ lin: lsub(e, b.idx[m]!), op: "eq" as const }));
        const distinct = i === j ? Z.Or(...a.vars.map((v, m) => V(v).neq(V(b.vars[m]!)))) : Z.Bool.val(true);
        const r = await check(Z.And(all(a.cons), all(b.cons), all(same), distinct), false);
        if (r === "unknown") return undecided(timeout);
        if (r !== "unsat")
          return undecided(
            i === j
              ? "a sum counts some product of entries more than once (its coefficient is not read off; not proved)"
              : "two terms of one side overlap (their coefficients add; not proved)",
          );
      }
    }
  }
  return { status: "holds", message: "" };
}

export { Unlowerable };
export type { SymbolicLayer };
