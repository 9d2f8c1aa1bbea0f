/**
 * Expression trees: what formulas are before canonicalisation — sums, products, integer powers,
 * constants and symbols. Immutable; built only through the constructors below, which flatten
 * nested sums/products and fold constants (cheap canonicalisation), so `e` can be rebuilt from
 * its parts. The full canonical form is toPoly(): expanded, like terms combined, ordered.
 *
 * Derivative rules are a table, one line per node kind (cf. SymPy's per-class _eval_derivative and
 * tinygrad's gradient table); diff() applies them sparsely — a subtree that does not contain the
 * symbol is 0 without applying any rule to it. (Each level asks contains() before its rule, so a
 * subtree is searched once per level above it: quadratic in the depth, which the nesting limit of
 * src/verify/nesting.ts keeps small.)
 */
import { LimitError } from "../errors.js";
import { monoIds, type MonoTable } from "./monomial.js";
import { add as polyAdd, mul as polyMul, pow as polyPow, Poly } from "./poly.js";
import { add as ratAdd, mul as ratMul, ONE, pow as ratPow, type Rat, ZERO } from "./rational.js";

export type Expr =
  | { readonly kind: "const"; readonly value: Rat }
  | { readonly kind: "sym"; readonly id: number }
  | { readonly kind: "add"; readonly terms: readonly Expr[] }
  | { readonly kind: "mul"; readonly factors: readonly Expr[] }
  | { readonly kind: "pow"; readonly base: Expr; readonly exp: number };

export const num = (value: Rat): Expr => Object.freeze({ kind: "const", value });
export const sym = (id: number): Expr => Object.freeze({ kind: "sym", id });
const ZERO_E = num(ZERO);
const ONE_E = num(ONE);

export function sum(...terms: Expr[]): Expr {
  const flat: Expr[] = [];
  let c: Rat = ZERO;
  for (const t of terms) {
    if (t.kind === "add") flat.push(...t.terms);
    else flat.push(t);
  }
  const rest = flat.filter((t) => {
    if (t.kind === "const") {
      c = ratAdd(c, t.value);
      return false;
    }
    return true;
  });
  if (c.n !== 0) rest.push(num(c));
  if (rest.length === 0) return ZERO_E;
  if (rest.length === 1) return rest[0]!;
  return Object.freeze({ kind: "add", terms: Object.freeze(rest) });
}

export function product(...factors: Expr[]): Expr {
  const flat: Expr[] = [];
  for (const f of factors) {
    if (f.kind === "mul") flat.push(...f.factors);
    else flat.push(f);
  }
  let c: Rat = ONE;
  const rest = flat.filter((f) => {
    if (f.kind === "const") {
      c = ratMul(c, f.value);
      return false;
    }
    return true;
  });
  if (c.n === 0) return ZERO_E;
  if (!(c.n === 1 && c.d === 1)) rest.unshift(num(c));
  if (rest.length === 0) return ONE_E;
  if (rest.length === 1) return rest[0]!;
  return Object.freeze({ kind: "mul", factors: Object.freeze(rest) });
}

export function power(base: Expr, exp: number): Expr {
  if (!Number.isInteger(exp)) throw new RangeError(`only integer powers are supported, got ${exp}`);
  if (exp === 0) return ONE_E;
  if (exp === 1) return base;
  if (base.kind === "const") return num(ratPow(base.value, exp));
  return Object.freeze({ kind: "pow", base, exp });
}

export const neg = (e: Expr): Expr => product(num({ n: -1, d: 1 }), e);
export const difference = (a: Expr, b: Expr): Expr => sum(a, neg(b));

/** Does e contain symbol s? */
export function contains(e: Expr, s: number): boolean {
  switch (e.kind) {
    case "const":
      return false;
    case "sym":
      return e.id === s;
    case "add":
      return e.terms.some((t) => contains(t, s));
    case "mul":
      return e.factors.some((f) => contains(f, s));
    case "pow":
      return contains(e.base, s);
  }
}

type DiffRule<K extends Expr["kind"]> = (e: Extract<Expr, { kind: K }>, s: number) => Expr;

/** The derivative rules: one line per node kind. */
export const DIFF_RULES: { [K in Expr["kind"]]: DiffRule<K> } = {
  const: () => ZERO_E,
  sym: (e, s) => (e.id === s ? ONE_E : ZERO_E),
  add: (e, s) => sum(...e.terms.map((t) => diff(t, s))),
  mul: (e, s) =>
    sum(
      ...e.factors.map((f, i) =>
        contains(f, s) ? product(...e.factors.map((g, j) => (j === i ? diff(f, s) : g))) : ZERO_E,
      ),
    ),
  pow: (e, s) => product(num({ n: e.exp, d: 1 }), power(e.base, e.exp - 1), diff(e.base, s)),
};

export function diff(e: Expr, s: number): Expr {
  if (!contains(e, s)) return ZERO_E;
  return (DIFF_RULES[e.kind] as DiffRule<typeof e.kind>)(e, s);
}

/** Raised when expanding an expression would exceed the term budget (see toPoly). */
export class ExpansionLimit extends LimitError {
  constructor(readonly budget: number) {
    super("expansion budget", `expansion exceeds ${budget} terms`);
    this.name = "ExpansionLimit";
  }
}

/**
 * The canonical form of e. Expansion is bounded: products that would create more than `budget`
 * terms throw ExpansionLimit, and callers fall back to numeric evaluation (and say so).
 */
export function toPoly(mt: MonoTable, e: Expr, budget = 200_000): Poly {
  switch (e.kind) {
    case "const":
      return Poly.constant(e.value);
    case "sym":
      return Poly.symbol(e.id);
    case "add": {
      const parts = e.terms.map((t) => toPoly(mt, t, budget));
      if (parts.reduce((a, p) => a + p.size, 0) > budget) throw new ExpansionLimit(budget);
      return polyAdd(mt, ...parts);
    }
    case "mul": {
      let acc = Poly.constant(ONE);
      for (const f of e.factors) {
        const p = toPoly(mt, f, budget);
        if (acc.size * p.size > budget) throw new ExpansionLimit(budget);
        acc = polyMul(mt, acc, p);
      }
      return acc;
    }
    case "pow": {
      if (e.exp < 0) throw new RangeError("negative powers are not polynomials");
      const p = toPoly(mt, e.base, budget);
      if (p.size > 1 && Math.pow(p.size, e.exp) > budget * 50) throw new ExpansionLimit(budget);
      const r = polyPow(mt, p, e.exp);
      if (r.size > budget) throw new ExpansionLimit(budget);
      return r;
    }
  }
}

/** The expression of a canonical polynomial (for printing through the same printers). */
export function fromPoly(mt: MonoTable, p: Poly): Expr {
  const terms: Expr[] = [];
  for (let i = 0; i < p.size; i++) terms.push(product(num(p.coef(i)), ...monoIds(p.codes[i]!, mt).map(sym)));
  return sum(...terms);
}

/** Evaluates e with exact safe-integer rationals (see check/numeric.ts for mathjs fractions). */
export function evaluate(e: Expr, value: (id: number) => Rat): Rat {
  switch (e.kind) {
    case "const":
      return e.value;
    case "sym":
      return value(e.id);
    case "add":
      return e.terms.reduce<Rat>((a, t) => ratAdd(a, evaluate(t, value)), ZERO);
    case "mul":
      return e.factors.reduce<Rat>((a, f) => ratMul(a, evaluate(f, value)), ONE);
    case "pow":
      return ratPow(evaluate(e.base, value), e.exp);
  }
}
