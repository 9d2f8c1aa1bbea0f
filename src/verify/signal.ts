/**
 * x[n] ∗ h[n]: signal processing's way of writing (x ∗ h)[n] = Σ_k x[k] h[n−k], the convolution of two
 * whole signals (each zero outside its support) written at an index, as Hasegawa-Johnson's slides
 * do: `e[m,n,d] = Σ_c Σ_{m'} Σ_{n'} w[m−m',n−n',c,d] h[m',n',c] ≡ w[m,n,c,d] ∗ h[m,n,c]`.
 *
 * The letters of the two entries are read by where else they stand: one in both entries and in the
 * other side's indices is an axis convolved (m, n); one in both but not on the other side is summed
 * (the channel c); one in one entry only is kept (d), and must stand on the other side. The entry's
 * own index expressions are kept: w[−m,−n,d,c] ∗ g[m,n,c] is Σ_{k,l,c} w[−k,−l,d,c] g[m−k,n−l,c]. The
 * sums' ranges are implied (every value where both entries lie inside their tensors: zero outside).
 *
 * Read only where nothing else is meant: the sign is `∗` or `*` (not a ⋆), not defined by the
 * document as something other than true convolution, the product stands as a whole side of the
 * equation (no sum around it binds its letters), and at least one axis is convolved; and only on a
 * layer whose output is indexed as that convolution is — 0-based, full padding, stride and dilation 1
 * (y[n] = Σ_k w[k] x[n−k] exactly). Elsewhere the output's index is the convolution's shifted (valid:
 * y[n] = (w ∗ x)[n + K − 1]), and which one a source means by y[n] = w[n] ∗ x[n] cannot be told.
 */
import type { LayerConfig } from "../conv/config.js";
import { binary, type Node } from "../lang/ast.js";
import { indexNames, type IExpr } from "../lang/indexexpr.js";
import { freeIndices } from "./indexed.js";
import { tied } from "./relations.js";

const SIGNS = new Set(["\\ast", "*"]);

/** The entry a factor is indexed by (∂L/∂e[m,n,c]: e's). */
const indexed = (m: Node): Node => (m.k === "partial" && m.wrt ? m.wrt : m);

function letters(m: Node): Set<string> | null {
  const n = indexed(m);
  if ((n.k !== "entry" && n.k !== "ref") || n.index?.kind !== "expr") return null;
  const out = new Set<string>();
  for (const e of n.index.items) indexNames(e, out);
  return out.size > 0 ? out : null;
}

/** A side written as a convolution between two entries indexed by letters (the rewrite's target). */
export function entryConvolution(n: Node): (Node & { k: "bin" }) | null {
  if (n.k !== "bin" || n.op !== "conv" || !n.conv?.sym) return null;
  return letters(n.left) && letters(n.right) ? n : null;
}

export type SignalReading = { sides: Node[]; note: string };

/** The equation with its x[n] ∗ h[n] sides read as sums; null when it has none, or one that cannot be read so. */
export function signalConvolution(sides: readonly Node[], layer: LayerConfig): SignalReading | null {
  if (!signalIndexed(layer)) return null;
  const ref = sides.find((s) => entryConvolution(s) === null);
  if (!ref || sides.length < 2) return null;
  const outer = new Set(freeIndices([ref]));
  const notes: string[] = [];
  const read: Node[] = [];
  for (const s of sides) {
    const n = entryConvolution(s);
    if (!n) {
      read.push(s);
      continue;
    }
    const r = asSum(n, outer);
    if (!r) return null;
    read.push(r.sum);
    if (!notes.includes(r.note)) notes.push(r.note);
  }
  return read.some((s, i) => s !== sides[i]) ? { sides: read, note: notes.join("; ") } : null;
}

function asSum(n: Node & { k: "bin" }, outer: ReadonlySet<string>): { sum: Node; note: string } | null {
  const conv = n.conv!;
  if (!SIGNS.has(conv.sym!) || (conv.op !== null && conv.op !== "conv") || conv.swap || conv.stride !== undefined)
    return null;
  const a = letters(n.left)!;
  const b = letters(n.right)!;
  const both = [...a].filter((x) => b.has(x));
  const axes = both.filter((x) => outer.has(x));
  const summed = both.filter((x) => !outer.has(x));
  const kept = [...a, ...b].filter((x) => !both.includes(x));
  if (axes.length === 0 || kept.some((x) => !outer.has(x))) return null;
  const fresh = (x: string) => `${x}⁎`;
  const shift = new Map<string, IExpr>();
  const rest = new Map<string, IExpr>();
  for (const x of axes) {
    shift.set(x, { k: "v", name: fresh(x) });
    rest.set(x, { k: "sub", a: { k: "v", name: x }, b: { k: "v", name: fresh(x) } });
  }
  const binders = [...axes.map(fresh), ...summed].map((name) => ({ name, lo: null, hi: null }));
  const sum: Node = {
    k: "sumover",
    sum: { binders, conds: [], text: binders.map((x) => x.name).join(",") },
    arg: binary(tied(n.left, shift), "mul", tied(n.right, rest)),
  };
  const note =
    `read ${conv.sym === "*" ? "*" : "∗"} between entries as signal processing's convolution of whole signals at an index` +
    ` (each zero outside its support): the first at ${axes.map(fresh).join(", ")}, the second at ${axes.map((x) => `${x} − ${fresh(x)}`).join(", ")},` +
    ` summed over ${binders.map((x) => x.name).join(", ")}` +
    (summed.length > 0 ? ` (${summed.join(", ")} in both entries and not on the other side)` : "");
  return { sum, note };
}

/** A layer whose output entry y[n] is the convolution's (w ∗ x)[n] as signal processing indexes it. */
export function signalIndexed(c: LayerConfig): boolean {
  return (
    c.indexBase === 0 &&
    c.stride.every((s) => s === 1) &&
    c.dilation.every((x) => x === 1) &&
    c.padding.every(([lo, hi], a) => lo === c.kernel[a]! - 1 && hi === c.kernel[a]! - 1)
  );
}
