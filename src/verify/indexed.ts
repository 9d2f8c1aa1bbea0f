/**
 * Free indices of an index-notation equation and the values they take. A free index is a name in
 * a subscript that no sum binds and that is not a size (K, H, s, …; a name written alone as a
 * subscript of the reference side is an index even when it could be a size: Goodfellow's k in
 * K_{i,j,k,l}). Its range is the axis it indexes on the reference side (δx_{i,j}: every entry of
 * ΔX), or on another side when the reference side does not index with it.
 */
import type { Derivation } from "../derive.js";
import { children, indexOfNode, type Index, type Node } from "../lang/ast.js";
import { evalIndex, indexNames, UnboundName } from "../lang/indexexpr.js";
import { Evaluator, Skip } from "./evaluate.js";

interface Occurrences {
  /** Names seen in indices, ranges and conditions, not bound by an enclosing sum. */
  names: Set<string>;
  /** Of those, the names seen in an index (the others only bound a sum: sizes, m in m-1). */
  inIndex: Set<string>;
  /** Names written alone as an index item, with the node and axis (and the notation's origin shift). */
  bare: { name: string; node: Node; axis: number; shift: number }[];
}

/** Walks a side with an explicit stack (long sums are deep left spines). */
function collect(root: Node, out: Occurrences): void {
  const stack: { n: Node; bound: ReadonlySet<string> }[] = [{ n: root, bound: new Set() }];
  while (stack.length > 0) {
    const { n, bound } = stack.pop()!;
    const push = (...ms: Node[]) => {
      for (let i = ms.length - 1; i >= 0; i--) stack.push({ n: ms[i]!, bound });
    };
    const idx = indexOfNode(n);
    if (idx?.kind === "expr") {
      idx.items.forEach((e, axis) => {
        for (const name of indexNames(e)) {
          if (bound.has(name)) continue;
          out.names.add(name);
          out.inIndex.add(name);
        }
        if (e.k === "v" && !bound.has(e.name)) out.bare.push({ name: e.name, node: n, axis, shift: 0 });
        // x_{c} read from 1 while the layer counts from 0 (the notation wrote x_{c−1}): still a bare c
        if (e.k === "sub" && e.shift && e.a.k === "v" && e.b.k === "n" && !bound.has(e.a.name))
          out.bare.push({ name: e.a.name, node: n, axis, shift: e.b.v });
      });
    }
    if (n.k === "sumover") {
      // the sum's own indices are bound inside it; its ranges and conditions see the outer scope
      const inner = new Set(bound);
      for (const b of n.sum.binders) {
        for (const e of [b.lo, b.hi])
          if (e) for (const name of indexNames(e)) if (!inner.has(name)) out.names.add(name);
        inner.add(b.name);
      }
      for (const c of n.sum.conds)
        for (const e of [c.a, c.b]) for (const name of indexNames(e)) if (!inner.has(name)) out.names.add(name);
      stack.push({ n: n.arg, bound: inner });
    } else {
      push(...children(n));
    }
  }
}

function occurrences(sides: readonly Node[]): Occurrences[] {
  return sides.map((s) => {
    const o: Occurrences = { names: new Set(), inIndex: new Set(), bare: [] };
    collect(s, o);
    return o;
  });
}

/** The free indices of an equation, in order of first appearance. */
export function freeIndices(sides: readonly Node[], sizes?: (name: string) => number | undefined): string[] {
  const occ = occurrences(sides);
  const bare = new Set(occ.flatMap((o) => o.bare.map((b) => b.name)));
  const inIndex = new Set(occ.flatMap((o) => [...o.inIndex]));
  const out: string[] = [];
  for (const o of occ) {
    for (const name of o.names) {
      if (out.includes(name)) continue;
      // a name only in a sum's range is a size (read there), not an index of the equation
      if (bare.has(name) || (inIndex.has(name) && sizes?.(name) === undefined)) out.push(name);
    }
  }
  return out;
}

/** Every assignment of the free indices (display values), the reference side's entries first. */
export function indexAssignments(
  d: Derivation,
  sides: readonly Node[],
  ref: number,
  free: readonly string[],
  sizes: ((name: string) => number | undefined) | undefined,
  max: number,
): Map<string, number>[] {
  const occ = occurrences(sides);
  const ev = new Evaluator({ d, ...(sizes ? { sizes } : {}) });
  const base = d.config.indexBase;
  const axisSize = (node: Node, axis: number): number | null => {
    if (node.k === "entry") {
      const shape = ev.shapeOf(node);
      if (!shape) return null;
      // (x_i on a 1×6 input: i stands on the long axis)
      const count = node.index?.kind === "expr" ? node.index.items.length : (node.index?.values.length ?? 0);
      return shape[ev.writtenAxes(shape, count)?.[axis] ?? axis] ?? null;
    }
    if (node.k === "at") {
      try {
        const v = ev.eval(node.arg);
        return v.kind === "matrix" ? (v.t.shape[axis] ?? null) : null;
      } catch {
        return null;
      }
    }
    return null;
  };
  const ranges: { name: string; n: number; from: number }[] = [];
  for (const name of free) {
    let n: number | null = null;
    let from = 0;
    for (const side of [occ[ref]!, ...occ.filter((_, i) => i !== ref)]) {
      for (const b of side.bare) {
        if (b.name !== name) continue;
        const size = axisSize(b.node, b.axis);
        if (size !== null && (n === null || size < n)) [n, from] = [size, b.shift];
      }
      if (n !== null) break;
    }
    if (n === null) {
      // written only inside index arithmetic on the left side (∂x_{i'-m,j'-n}/∂x_{i',j'}): every value
      // that keeps the left side's entries inside their tensors (the caller filters by that domain)
      if (!occursInIndex(sides[ref]!, name)) {
        throw new Skip(
          `the index ${name} is not bound by a sum and indexes no tensor axis by itself, so its range is unknown; if it is a size, declare it (--sizes ${name}=…)`,
        );
      }
      const span = Math.max(...Object.values(d.tensors).flatMap((t) => t?.shape ?? [1]));
      ranges.push({ name, n: 4 * span + 1, from: -2 * span });
      continue;
    }
    ranges.push({ name, n, from });
  }
  const total = ranges.reduce((a, r) => a * r.n, 1);
  if (total > max)
    throw new Skip(`its free indices ${free.join(", ")} take ${total} values, more than ${max}; check a smaller layer`);
  const out: Map<string, number>[] = [];
  const cur = ranges.map(() => 0);
  for (let k = 0; k < total; k++) {
    out.push(new Map(ranges.map((r, a) => [r.name, cur[a]! + base + r.from])));
    for (let a = ranges.length - 1; a >= 0; a--) {
      if (++cur[a]! < ranges[a]!.n) break;
      cur[a] = 0;
    }
  }
  return out;
}

/** The node with its indices evaluated at env (for naming the entry that differs). */
export function substituted(
  n: Node,
  env: ReadonlyMap<string, number>,
  sizes?: (name: string) => number | undefined,
): Node {
  const look = (name: string) => env.get(name) ?? sizes?.(name);
  const idx = (i: Index | null): Index | null => {
    if (!i || i.kind === "num") return i;
    try {
      return { kind: "num", values: i.items.map((e) => evalIndex(e, look)) };
    } catch (e) {
      if (e instanceof UnboundName) return i;
      throw e;
    }
  };
  switch (n.k) {
    case "entry":
    case "ref":
      return { ...n, index: idx(n.index) };
    case "at":
      return { ...n, index: idx(n.index)! };
    case "partial":
      return { ...n, of: n.of === "J" ? "J" : substituted(n.of, env, sizes), wrt: substituted(n.wrt, env, sizes) };
    default:
      return n;
  }
}

/** Does the name occur in an index of the side (outside its sums)? */
function occursInIndex(side: Node, name: string): boolean {
  const o: Occurrences = { names: new Set(), inIndex: new Set(), bare: [] };
  collect(side, o);
  return o.inIndex.has(name);
}
