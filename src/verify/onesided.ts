/**
 * An index free on one side only — Hasan's Z(0, 0, k) = Y(2, 2, k_in) W(2, 2, k_in, k), one product of a
 * forward sum written as the whole output entry. The source may mean it summed (the summation
 * convention), fixed at some value, or tied in words to the other indices; convgrad cannot tell
 * which. When the formula fails every one of these ways — with a sum over it, and at every value it
 * can take, at one and the same entry — it fails whatever was meant, and that is the verdict. When one
 * reading holds (a chain rule written without its Σ), the caller skips as before.
 */
import type { Derivation } from "../derive.js";
import { children, indexOfNode, type Node } from "../lang/ast.js";
import { indexNames } from "../lang/indexexpr.js";
import { Evaluator, Skip } from "./evaluate.js";
import { freeIndices, indexAssignments } from "./indexed.js";
import { occurs } from "./ranges.js";
import { tied } from "./relations.js";
import type { Verdict } from "./check.js";

/** At most this many (entry, value) pairs are checked for the readings at fixed values. */
const MAX_READINGS = 40_000;
/** Formulas up to this many nodes are read every way (the readings multiply the work of one check). */
const MAX_NODES = 2000;

/** Are the sides at most max nodes in all? (walked without recursion: long sums are deep) */
function small(sides: readonly Node[], max: number): boolean {
  const stack = [...sides];
  for (let seen = 0; stack.length; seen++) {
    if (seen > max) return false;
    stack.push(...children(stack.pop()!));
  }
  return true;
}

type Entry = Extract<Node, { k: "entry" }>;

/**
 * The entries whose indices name one of the extra indices; null when an extra is used where its
 * effect is not one affine index per axis (a sum's range, an index inside a sum, a name convgrad
 * cannot place, two extras in one index item).
 */
function extraEntries(sides: readonly Node[], extra: ReadonlySet<string>): Entry[] | null {
  const out: Entry[] = [];
  const stack: { n: Node; inSum: boolean }[] = sides.map((n) => ({ n, inSum: false }));
  while (stack.length) {
    const { n, inSum } = stack.pop()!;
    const idx = indexOfNode(n);
    if (idx?.kind === "expr") {
      const uses = idx.items.map((e) => [...indexNames(e)].filter((v) => extra.has(v)).length);
      if (uses.some((u) => u > 1)) return null;
      if (uses.some((u) => u > 0)) {
        if (n.k !== "entry" || inSum) return null;
        out.push(n);
      }
    }
    if (n.k === "sumover") {
      const bounds = n.sum.binders.flatMap((b) => [b.lo, b.hi]).concat(n.sum.conds.flatMap((c) => [c.a, c.b]));
      if (bounds.some((e) => e && [...indexNames(e)].some((v) => extra.has(v)))) return null;
      stack.push({ n: n.arg, inSum: true });
    } else for (const c of children(n)) stack.push({ n: c, inSum });
  }
  return out;
}

/**
 * The values of v at which some entry indexed with it lies inside its tensor, for the other indices
 * at env: [lo, hi] (lo > hi when none does), or null when an index is not affine in v there.
 */
function insideHull(
  d: Derivation,
  entries: readonly Entry[],
  v: string,
  others: ReadonlySet<string>,
  env: ReadonlyMap<string, number>,
  sizes: ((name: string) => number | undefined) | undefined,
): [number, number] | null {
  const base = d.config.indexBase;
  const at = (c: number) => new Evaluator({ d, env: new Map([...env, [v, c]]), ...(sizes ? { sizes } : {}) });
  const [e0, e1, e2] = [at(0), at(1), at(2)];
  let lo = Infinity;
  let hi = -Infinity;
  for (const n of entries) {
    const shape = e0.shapeOf(n);
    const [a, b, c] = [e0.indexValues(n), e1.indexValues(n), e2.indexValues(n)];
    if (!shape || !a || !b || !c || a.length !== shape.length) return null;
    let from = -Infinity;
    let to = Infinity;
    for (let axis = 0; axis < shape.length; axis++) {
      // an axis indexed by another extra index is that index's window, not v's
      const item = n.index?.kind === "expr" ? n.index.items[axis] : undefined;
      if (item && [...indexNames(item)].some((u) => others.has(u))) continue;
      const t = a[axis]!;
      const k = b[axis]! - t;
      if (c[axis]! - t !== 2 * k) return null; // not affine in v
      const [min, max] = [base - t, base + shape[axis]! - 1 - t];
      if (k === 0) {
        if (min > 0 || max < 0) from = Infinity; // never inside
        continue;
      }
      const [p, q] = k > 0 ? [min / k, max / k] : [max / k, min / k];
      from = Math.max(from, Math.ceil(p));
      to = Math.min(to, Math.floor(q));
    }
    if (from > to) continue;
    if (!Number.isFinite(from) || !Number.isFinite(to)) return null;
    lo = Math.min(lo, from);
    hi = Math.max(hi, to);
  }
  return [lo, hi];
}

/**
 * The sides with a sum over the given indices (their ranges implied) around each term that uses them,
 * as the summation convention reads them: b_k + Y(i+i', …) W(i', …) sums the product, not b_k.
 */
export function summedOver(sides: readonly Node[], extra: readonly (readonly string[])[]): Node[] {
  const wrap = (n: Node, names: readonly string[]): Node => {
    if (n.k === "bin" && (n.op === "+" || n.op === "-") && !n.conv)
      return { ...n, left: wrap(n.left, names), right: wrap(n.right, names) };
    const used = names.filter((v) => occurs(n, v));
    return used.length === 0
      ? n
      : {
          k: "sumover",
          sum: { binders: used.map((name) => ({ name, lo: null, hi: null })), conds: [], text: used.join(",") },
          arg: n,
        };
  };
  return sides.map((side, i) => wrap(side, extra[i]!));
}

/**
 * "fails" when the equation fails read with a sum over its indices free on one side only and at every
 * value of them, at one entry; null when some reading holds or cannot be checked.
 */
export function failsEveryReading(
  d: Derivation,
  sides: readonly Node[],
  ref: number,
  extra: readonly (readonly string[])[],
  sizes: ((name: string) => number | undefined) | undefined,
  check: (sides: readonly Node[]) => Verdict,
): Verdict | null {
  const names = [...new Set(extra.flat())];
  if (names.length === 0 || !small(sides, MAX_NODES)) return null;
  const entries = extraEntries(sides, new Set(names));
  if (!entries) return null;
  const summed = check(summedOver(sides, extra));
  if (summed.status !== "fails") return null;
  const two = freeIndices(sides, sizes).filter((v) => !names.includes(v));
  let assignments: Map<string, number>[];
  try {
    assignments = indexAssignments(d, sides, ref, two, sizes, MAX_READINGS);
  } catch (e) {
    if (e instanceof Skip) return null;
    throw e;
  }
  // every value of an extra index outside [lo − 1, hi + 1] reads what lo − 1 reads (no entry inside)
  const windows: [number, number][] = [];
  for (const v of names) {
    let [lo, hi] = [Infinity, -Infinity];
    for (const env of assignments) {
      const others = names.filter((u) => u !== v);
      const h = insideHull(
        d,
        entries,
        v,
        new Set(others),
        new Map([...env, ...others.map((u) => [u, 0] as const)]),
        sizes,
      );
      if (!h) return null;
      [lo, hi] = [Math.min(lo, h[0]), Math.max(hi, h[1])];
    }
    windows.push(lo > hi ? [d.config.indexBase - 1, d.config.indexBase - 1] : [lo - 1, hi + 1]);
  }
  const count = windows.reduce((a, [lo, hi]) => a * (hi - lo + 1), 1);
  if (count * Math.max(1, assignments.length) > MAX_READINGS) return null;
  let common: string[] | null = null;
  const cur = windows.map(([lo]) => lo);
  for (let k = 0; k < count; k++) {
    const env = new Map(names.map((v, i) => [v, { k: "n" as const, v: cur[i]! }]));
    const w = check(sides.map((s) => tied(s, env)));
    if (w.status !== "fails") return null;
    const failing = new Set(w.entries.map((e) => e.entry));
    common = (common ?? [...failing]).filter((e) => failing.has(e));
    if (common.length === 0) return null;
    for (let i = cur.length - 1; i >= 0; i--) {
      if (++cur[i]! <= windows[i]![1]) break;
      cur[i] = windows[i]![0];
    }
  }
  const list = names.join(", ");
  const first = common![0]!;
  return {
    status: "fails",
    method: summed.method,
    message: `fails whatever ${list} ${names.length > 1 ? "stand" : "stands"} for (free on one side only): at ${first} it fails with a sum over ${list} and at every value of ${names.length > 1 ? "them" : "it"}`,
    entries: summed.entries,
    details: [`read with a sum over ${list}: ${summed.message}`, ...summed.details.slice(0, 4)],
  };
}
