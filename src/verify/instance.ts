/**
 * A worked instance of a general formula, written with the general formula's names left in:
 * after δ^{l-1}_{i',j'} = Σ_i Σ_j δ^l_{i,j} W_{i'-i,j'-j} a source lists the rows
 * δ^{l-1}_{1,2} = Σ_i Σ_j δ^l_{i,j} W_{i'-i,j'-j} — i', j' standing for the 1, 2 on the left. Read
 * only when an earlier equation of the document writes the same name on its left with exactly those
 * indices, one per number.
 */
import type { Index, Node } from "../lang/ast.js";
import type { IExpr } from "../lang/indexexpr.js";
import { freeIndices } from "./indexed.js";
import { tied } from "./relations.js";

interface General {
  key: string;
  names: readonly string[];
  line: number;
}

/** The name a left side writes (its role does not matter here: the same written name) and its index. */
function head(n: Node | undefined): { key: string; index: Index | null } | null {
  if (!n) return null;
  if (n.k === "ref") return { key: `${n.grad ? "d:" : ""}${n.name}`, index: n.index };
  if (n.k === "entry") return { key: `${n.grad ? "d:" : ""}${n.name ?? n.base}`, index: n.index };
  return null;
}

const numbersOf = (i: Index | null): number[] | null =>
  !i
    ? null
    : i.kind === "num"
      ? [...i.values]
      : i.items.every((e) => e.k === "n")
        ? i.items.map((e) => (e as { v: number }).v)
        : null;

const namesOf = (i: Index | null): string[] | null =>
  i?.kind === "expr" && i.items.every((e) => e.k === "v") ? i.items.map((e) => (e as { name: string }).name) : null;

/** For each equation, the latest earlier general left side (same written name, bare index names). */
export function generalForms(
  equations: readonly { sides: readonly Node[] | null; line: number }[],
): (General | null)[] {
  const latest = new Map<string, General>();
  return equations.map((eq) => {
    const h = head(eq.sides?.[0]);
    const found = h ? (latest.get(h.key) ?? null) : null;
    const names = h ? namesOf(h.index) : null;
    if (h && names && new Set(names).size === names.length) latest.set(h.key, { key: h.key, names, line: eq.line });
    return found;
  });
}

/**
 * The equation with the general formula's index names replaced by the numbers its left side is
 * written with, and a line saying so; null when it is not such an instance.
 */
export function asInstance(sides: readonly Node[], general: General | null): { sides: Node[]; note: string } | null {
  if (!general || sides.length < 2) return null;
  const h = head(sides[0]);
  const nums = h ? numbersOf(h.index) : null;
  if (!h || !nums || h.key !== general.key || nums.length !== general.names.length) return null;
  const free = freeIndices(sides.slice(1));
  if (free.length === 0 || !free.every((f) => general.names.includes(f))) return null;
  const env = new Map<string, IExpr>(general.names.map((name, k) => [name, { k: "n", v: nums[k]! }] as const));
  const read = general.names.map((name, k) => `${name} = ${nums[k]}`).join(", ");
  return {
    sides: [sides[0]!, ...sides.slice(1).map((s) => tied(s, env))],
    note: `read with ${read}: the left side's numbers, in the names of the general form on line ${general.line}`,
  };
}
