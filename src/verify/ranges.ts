/**
 * Implied ranges of index variables: `\sum_m \sum_n w_{m,n} x_{i+m,j+n}` sums over every m where
 * each factor lies inside its tensor (zero outside: the zero padding sources state). The range of
 * a variable in a product is the intersection of what each factor allows, in a sum the hull of
 * what each term allows; a term that does not depend on the variable makes the range unbounded
 * (an error that names the index, never a verdict).
 */
import { children, findNode, indexOfNode, type Node } from "../lang/ast.js";
import { affineIn, indexNames, type IExpr } from "../lang/indexexpr.js";

export type Range = { lo: number; hi: number };
/** absent: the variable does not occur; unbounded: it occurs where nothing bounds it. */
export type RangeResult = Range | "absent" | "unbounded";

export interface Scope {
  /** Values of the names bound so far (outer indices, sizes). */
  lookup(name: string): number | undefined;
  /** The display shape of the tensor an entry reads. */
  shapeOf(n: Extract<Node, { k: "entry" }>): readonly number[] | null;
  /** First display index. */
  base: number;
  /** Count only indices that depend on the variable alone (reading a sum's range for a size). */
  isolated?: boolean;
  /** The shape of a matrix expression indexed as a whole ((ΔY)_{u,v}), when it can be computed. */
  shapeOfMatrix?: (n: Node) => readonly number[] | null;
  /** The axes fewer indices than a tensor's axes stand for (x_3 on a 1×6 input), or null (see axesWritten). */
  writtenAxes?: (shape: readonly number[], count: number) => number[] | null;
}

function intersect(a: RangeResult, b: RangeResult): RangeResult {
  if (a === "absent") return b;
  if (b === "absent") return a;
  if (a === "unbounded") return b;
  if (b === "unbounded") return a;
  return { lo: Math.max(a.lo, b.lo), hi: Math.min(a.hi, b.hi) };
}

function hull(a: RangeResult, b: RangeResult): RangeResult {
  if (a === "unbounded" || b === "unbounded") return "unbounded";
  if (a === "absent") return b === "absent" ? "absent" : "unbounded";
  if (b === "absent") return "unbounded";
  return { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) };
}

/**
 * The axes that `count` written indices stand for on a tensor of this shape: every axis, or — fewer indices than
 * axes, as many as the axes longer than 1 (x_3 on a 1×6 input, LMU's "X is a vector of c(X) = 6 elements") — those
 * axes, the others having one position only. Null when the count fits neither.
 */
export function axesWritten(shape: readonly number[], count: number): number[] | null {
  if (count === shape.length) return shape.map((_, a) => a);
  const long = shape.flatMap((n, a) => (n > 1 ? [a] : []));
  return count > 0 && count < shape.length && long.length === count ? long : null;
}

/** The values of v for which every item of an index list lies inside shape (display indices). */
function indexRange(items: readonly IExpr[], shape: readonly number[] | null, v: string, s: Scope): RangeResult {
  let r: RangeResult = "absent";
  const axes = shape && items.length < shape.length ? (s.writtenAxes?.(shape, items.length) ?? null) : null;
  items.forEach((e, k) => {
    if (!indexNames(e).has(v)) return;
    const n = shape?.[axes?.[k] ?? k];
    const aff = n === undefined ? null : affineIn(e, v, (name) => (name === v ? undefined : s.lookup(name)));
    if (!aff || aff.coef === 0 || n === undefined) {
      // isolated: only indices that depend on v alone count (x_{i+a} does not bound a)
      r = intersect(r, s.isolated ? "absent" : "unbounded");
      return;
    }
    // base ≤ c·v + o ≤ base + n − 1
    const a = (s.base - aff.offset) / aff.coef;
    const b = (s.base + n - 1 - aff.offset) / aff.coef;
    r = intersect(r, { lo: Math.ceil(Math.min(a, b)), hi: Math.floor(Math.max(a, b)) });
  });
  return r;
}

/** The implied range of v in n. */
export function impliedRange(n: Node, v: string, s: Scope): RangeResult {
  switch (n.k) {
    case "entry": {
      const idx = n.index;
      if (!idx || idx.kind !== "expr") return "absent";
      return indexRange(idx.items, s.shapeOf(n), v, s);
    }
    case "ref":
    case "at": {
      const idx = indexOfNode(n);
      const inner = n.k === "at" ? impliedRange(n.arg, v, s) : "absent";
      if (!idx || idx.kind !== "expr") return inner;
      const shape = n.k === "at" ? (s.shapeOfMatrix?.(n.arg) ?? null) : null;
      if (shape) return intersect(inner, indexRange(idx.items, shape, v, s));
      return intersect(inner, idx.items.some((e) => indexNames(e).has(v)) ? "unbounded" : "absent");
    }
    case "bin":
      if (n.op === "+" || n.op === "-") return hull(impliedRange(n.left, v, s), impliedRange(n.right, v, s));
      break;
    case "sumover":
      if (n.sum.binders.some((b) => b.name === v)) return "absent";
      break;
    case "bmatrix":
    case "tuple":
      // a matrix written out or a list does not bound an index outside it
      return "absent";
  }
  // a product, a function of its arguments, ∂a/∂b: every sub-formula bounds v
  return children(n).reduce<RangeResult>((r, c) => intersect(r, impliedRange(c, v, s)), "absent");
}

/** Does v occur anywhere in n (in an index, a range or a condition)? */
export function occurs(n: Node, v: string): boolean {
  const inIndex = (m: Node) => {
    const idx = indexOfNode(m);
    return idx?.kind === "expr" && idx.items.some((e) => indexNames(e).has(v));
  };
  const inRange = (m: Node) =>
    m.k === "sumover" && m.sum.binders.some((b) => [b.lo, b.hi].some((e) => e !== null && indexNames(e).has(v)));
  return findNode([n], (m) => inIndex(m) || inRange(m)) !== null;
}

/** The single-letter names in the bounds of the sides' sums (d in Σ_{a=0}^{d-1}). */
function boundLetters(sides: readonly Node[]): string[] {
  const out = new Set<string>();
  const stack = [...sides];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.k === "sumover")
      for (const b of n.sum.binders)
        for (const e of [b.lo, b.hi]) if (e) for (const x of indexNames(e)) if (/^[A-Za-z]$/.test(x)) out.add(x);
    stack.push(...children(n));
  }
  return [...out].sort();
}

/**
 * Σ_{a=0}^{d-1} with d a size convgrad reads as its own (the dilation) where the document means another
 * (Shah's kernel size): the single letters bounding the sides' sums that `sizes` gives a value though the
 * document did not declare them, and the sizes without them (read from the sums' ranges instead); null
 * when there are none.
 */
export function withoutOwnSizes(
  sides: readonly Node[],
  sizes: (name: string) => number | undefined,
  declared: ReadonlyMap<string, number> | undefined,
): { letters: string[]; sizes: (name: string) => number | undefined } | null {
  const letters = boundLetters(sides).filter((x) => sizes(x) !== undefined && !declared?.has(x));
  return letters.length ? { letters, sizes: (x) => (letters.includes(x) ? undefined : sizes(x)) } : null;
}
