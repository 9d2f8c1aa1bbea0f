/**
 * Relations between indices a document states beside its formulas: Gwardys' "indexed: $x=x'-a$ and
 * $y=y'-b$" before Σ_{x'} Σ_{y'} δ_{x',y'} w_{a,b} σ'(z_{x,y}), Straka's "… ⇶K_{m,n} ⇶G_{i,j} for
 * $i'=i+m$, $j'=j+n$". A formula that leaves such an index free on one side (a, b; i, j) means it
 * tied to the others as stated: it is read with the index replaced by what the relation gives
 * (a = x' − x inside Σ_{x'}), and only when every relation stated there gives the same.
 */
import { freeIndices } from "./indexed.js";
import { findNode, mapChildren, type Index, type Node } from "../lang/ast.js";
import { printIndex, type IExpr } from "../lang/indexexpr.js";

/** lhs − rhs = 0 as coefficients of names and a constant. */
export interface Relation {
  readonly coefs: ReadonlyMap<string, number>;
  readonly constant: number;
  /** As written (for the report). */
  readonly text: string;
}

const NAME = String.raw`[a-z](?:'|′|\^\{?\\prime\}?|\^\{\\prime\\prime\})*`;
const TERM = String.raw`(?:${NAME}|\d+)`;
const SIDE = String.raw`\s*[+-]?\s*${TERM}(?:\s*[+-]\s*${TERM})*\s*`;
const RELATION = new RegExp(String.raw`^(${SIDE})=(${SIDE})$`);

/** The primes of a name written ', ′, ^\prime or ^{\prime} as '. */
const primed = (s: string) => s.replace(/\^\{\\prime\\prime\}/g, "''").replace(/\^\{?\\prime\}?|′/g, "'");

/** `x=x'-a`, `i' = i + m`: a linear relation between one-letter index names (and integers); null otherwise. */
export function indexRelation(text: string): Relation | null {
  // (\; n = q − j: spacing written before the relation)
  const t = text
    .replace(/^(?:\s|\\[;,:!> ]|\\q?quad\b)+/, "")
    .trim()
    .replace(/[.,;]$/, "");
  const m = RELATION.exec(t);
  if (!m) return null;
  const coefs = new Map<string, number>();
  let constant = 0;
  const add = (side: string, sign: number) => {
    for (const [, op, term] of primed(side).matchAll(/([+-]?)\s*([a-z]'*|\d+)/g)) {
      const s = op === "-" ? -sign : sign;
      if (/^\d/.test(term!)) constant += s * Number(term);
      else coefs.set(term!, (coefs.get(term!) ?? 0) + s);
    }
  };
  add(m[1]!, 1);
  add(m[2]!, -1);
  for (const [k, c] of [...coefs]) if (c === 0) coefs.delete(k);
  // a relation ties two names at least (m = 2 is a value, not a tie)
  if (coefs.size < 2) return null;
  return { coefs, constant, text: primed(t).replace(/\s+/g, "") };
}

/** v as an index expression of the relation's other names (its coefficient ±1); null when it is not. */
function solve(r: Relation, v: string): IExpr | null {
  const c = r.coefs.get(v);
  if (c !== 1 && c !== -1) return null;
  // c·v + Σ k·u + const = 0 → v = −(Σ k·u + const)/c
  let e: IExpr | null = null;
  const push = (k: number, t: IExpr) => {
    if (e === null) e = k > 0 ? t : { k: "neg", a: t };
    else e = k > 0 ? { k: "add", a: e, b: t } : { k: "sub", a: e, b: t };
  };
  // the terms added first (a = x' − x, not −x + x')
  const terms = [...r.coefs].filter(([u]) => u !== v).map(([u, k]) => [u, -k / c] as const);
  for (const [u, f] of terms.sort(([, a], [, b]) => b - a)) {
    push(
      f,
      Math.abs(f) === 1 ? { k: "v", name: u } : { k: "mul", a: { k: "n", v: Math.abs(f) }, b: { k: "v", name: u } },
    );
  }
  const k0 = -r.constant / c;
  if (k0 !== 0) push(k0, { k: "n", v: Math.abs(k0) });
  return e;
}

/** A canonical text of what v is (the same from x = x' − a and a = x' − x). */
function key(e: IExpr): string {
  return printIndex(e);
}

/**
 * What each of `names` is by the relations stated: a map to index expressions when every relation
 * that names it gives the same; null when one of them is given by none, or by two that differ.
 */
export function tiedBy(names: readonly string[], relations: readonly Relation[]): Map<string, IExpr> | null {
  const out = new Map<string, IExpr>();
  for (const v of names) {
    const found = relations.flatMap((r) => (r.coefs.has(v) ? [solve(r, v)] : []));
    if (found.length === 0 || found.some((e) => e === null)) return null;
    const keys = new Set(found.map((e) => normal(e!)));
    if (keys.size !== 1) return null;
    out.set(v, found[0]!);
  }
  return out;
}

/** An expression's linear form as text (sorted), to compare two solutions. */
function normal(e: IExpr): string {
  const coefs = new Map<string, number>();
  let c = 0;
  const walk = (x: IExpr, s: number): void => {
    if (x.k === "n") c += s * x.v;
    else if (x.k === "v") coefs.set(x.name, (coefs.get(x.name) ?? 0) + s);
    else if (x.k === "neg") walk(x.a, -s);
    else if (x.k === "add" || x.k === "sub") {
      walk(x.a, s);
      walk(x.b, x.k === "add" ? s : -s);
    } else if (x.k === "mul" && x.a.k === "n" && x.b.k === "v")
      coefs.set(x.b.name, (coefs.get(x.b.name) ?? 0) + s * x.a.v);
    else coefs.set(key(x), NaN);
  };
  walk(e, 1);
  return [...[...coefs].filter(([, k]) => k !== 0).sort(([a], [b]) => (a < b ? -1 : 1)), c].join(";");
}

function substitute(e: IExpr, env: ReadonlyMap<string, IExpr>): IExpr {
  switch (e.k) {
    case "n":
      return e;
    case "v":
      return env.get(e.name) ?? e;
    case "neg":
    case "floor":
    case "ceil":
      return { ...e, a: substitute(e.a, env) };
    default:
      return { ...e, a: substitute(e.a, env), b: substitute(e.b, env) };
  }
}

/** Every free occurrence of env's names in the side's indices replaced by its expression (sums shadow their own). */
export function tied(n: Node, env: ReadonlyMap<string, IExpr>): Node {
  const idx = (i: Index | null): Index | null => {
    if (i?.kind !== "expr") return i;
    const items = i.items.map((e) => substitute(e, env));
    return { ...i, items, text: items.map(printIndex).join(",") };
  };
  switch (n.k) {
    case "entry":
    case "ref":
      return { ...n, index: idx(n.index) };
    case "at":
      return { ...n, index: idx(n.index)!, arg: tied(n.arg, env) };
    case "sumover": {
      const inner = new Map(env);
      for (const b of n.sum.binders) inner.delete(b.name);
      return { ...n, arg: tied(n.arg, inner) };
    }
    default:
      return mapChildren(n, (c) => tied(c, env));
  }
}

/**
 * Σ_{i,j ∈ Q} δ_Q ∂x_Q/∂x_{i',j'} (Jefkine's eq. 16): inside a sum over a set the document names,
 * an entry indexed by that name alone is the entry at the sum's indices (x_Q is x_{i,j}). Read only
 * for the chain rule's sum, whose terms carry ∂x_Q/∂…: it runs over the entries that depend on what
 * is differentiated (the set, said in words), and every other term is 0 — so it may run where its
 * terms live, as any sum without a range does. null when there is none.
 */
export function setIndexed(n: Node): Node | null {
  // (most formulas have no such sum: found without recursion, long sums being deep)
  if (!findNode([n], (m) => m.k === "sumover" && m.sum.set !== undefined)) return null;
  let changed = false;
  const walk = (m: Node, sets: ReadonlyMap<string, readonly string[]>): Node => {
    if (m.k === "sumover") {
      const inner = new Map(sets);
      for (const b of m.sum.binders) inner.delete(b.name);
      if (m.sum.set && m.sum.binders.length > 1 && chainRuleOver(m.arg, m.sum.set))
        inner.set(
          m.sum.set,
          m.sum.binders.map((b) => b.name),
        );
      return { ...m, arg: walk(m.arg, inner) };
    }
    if ((m.k === "entry" || m.k === "ref") && m.index?.kind === "expr" && m.index.items.length === 1) {
      const only = m.index.items[0]!;
      const names = only.k === "v" ? sets.get(only.name) : undefined;
      if (names) {
        changed = true;
        const items: IExpr[] = names.map((name) => ({ k: "v", name }));
        return { ...m, index: { kind: "expr", items, text: names.join(",") } };
      }
    }
    return mapChildren(m, (c) => walk(c, sets));
  };
  const out = walk(n, new Map());
  return changed ? out : null;
}

/**
 * Piseno's Σ_{p ∈ y} ∂L/∂p ∂p/∂w[a′,b′]: a chain-rule sum whose one index runs over a tensor the layer has (a
 * name `rankOf` knows) — p is each entry of it: y[p_1, p_2], every index over every value where the terms live.
 * null when there is none.
 */
export function entrySet(n: Node, rankOf: (name: string) => number | null): Node | null {
  if (!findNode([n], (m) => m.k === "sumover" && m.sum.set !== undefined)) return null;
  let changed = false;
  const walk = (m: Node): Node => {
    if (m.k === "sumover" && m.sum.set !== undefined && m.sum.binders.length === 1) {
      const p = m.sum.binders[0]!.name;
      const set = m.sum.set;
      const rank = rankOf(set);
      const named = (x: Node) => x.k === "ref" && x.name === p && x.index === null && !x.grad;
      const chain = findNode([m.arg], (x) => x.k === "partial" && x.of !== "J" && named(x.of)) !== null;
      if (rank !== null && rank > 0 && chain) {
        changed = true;
        const names = Array.from({ length: rank }, (_, k) => `${p}_${k + 1}`);
        const items: IExpr[] = names.map((name) => ({ k: "v", name }));
        const entry: Node = { k: "ref", name: set, grad: false, index: { kind: "expr", items, text: names.join(",") } };
        const put = (x: Node): Node => (named(x) ? entry : mapChildren(x, put));
        const binders = names.map((name) => ({ name, lo: null, hi: null }));
        return { k: "sumover", sum: { binders, conds: [], text: names.join(",") }, arg: put(walk(m.arg)) };
      }
    }
    return mapChildren(m, walk);
  };
  const out = walk(n);
  return changed ? out : null;
}

/** Does the summand carry a derivative of an entry indexed by the set's name (∂x_Q/∂…)? */
function chainRuleOver(n: Node, set: string): boolean {
  return (
    findNode([n], (m) => {
      if (m.k !== "partial" || m.of === "J") return false;
      const of = m.of;
      return (
        (of.k === "entry" || of.k === "ref") &&
        of.index?.kind === "expr" &&
        of.index.items.length === 1 &&
        of.index.items[0]!.k === "v" &&
        of.index.items[0].name === set
      );
    }) !== null
  );
}

/**
 * ShenJian's `Output(i,j) = ∑(Kernel(m,n,c) * Input(i+m,j+n,c)) + Bias`: a Σ with nothing below it, over a
 * formula in indices the left side does not fix, sums over those indices ("where (m,n) are the spatial
 * indices of the kernel, and c is the channel index"), each over every value where its terms live. A Σ
 * over a formula whose indices are all the left side's stays the sum of every entry of a matrix. null when
 * there is none to read so.
 */
export function bareSums(sides: readonly Node[], sizes?: (name: string) => number | undefined): Node[] | null {
  if (sides.length < 2 || !findNode(sides.slice(1), (m) => m.k === "sumall")) return null;
  const fixed = new Set(freeIndices([sides[0]!], sizes));
  let changed = false;
  const walk = (m: Node): Node => {
    if (m.k === "sumover") return m;
    if (m.k === "sumall") {
      const own = freeIndices([m.arg], sizes).filter((x) => !fixed.has(x));
      if (own.length > 0) {
        changed = true;
        const binders = own.map((name) => ({ name, lo: null, hi: null }));
        return { k: "sumover", sum: { binders, conds: [], text: own.join(",") }, arg: m.arg };
      }
      return m;
    }
    return mapChildren(m, walk);
  };
  const out = [sides[0]!, ...sides.slice(1).map(walk)];
  return changed ? out : null;
}
