/**
 * Exact numeric evaluation with mathjs fractions: the fallback when structure cannot decide, and
 * the source of counterexamples. Points are drawn from a seeded generator, so runs repeat.
 */
import { createRequire } from "node:module";
import type { Fraction, MathJsInstance } from "mathjs";
import { monoIds, type MonoTable } from "../core/monomial.js";
import type { Poly } from "../core/poly.js";
import type { Expr } from "../core/expr.js";

// mathjs takes ~0.5 s to load and configure: load it on first use only, so that commands that
// never evaluate numerically (derive with structural checks, --help) start fast.
let instance: MathJsInstance | null = null;
function M(): MathJsInstance {
  if (!instance) {
    const mj = createRequire(import.meta.url)("mathjs") as typeof import("mathjs");
    instance = mj.create(mj.all, { number: "Fraction" });
  }
  return instance;
}

export type Frac = Fraction;

export function frac(n: number, d = 1): Frac {
  return M().fraction(n, d) as Frac;
}

export function fracToString(f: Frac): string {
  // "6", not mathjs's "6/1", for integers.
  return M().format(f, { fraction: "ratio" }).replace(/\/1$/, "");
}

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random non-zero rational p/q with |p| ≤ 9, 1 ≤ q ≤ 7. */
export function randomRational(next: () => number): Frac {
  const p = 1 + Math.floor(next() * 9);
  const q = 1 + Math.floor(next() * 7);
  return frac(next() < 0.5 ? -p : p, q);
}

/** A point: a lazily filled map from symbol id to a random rational. */
export class Point {
  private values = new Map<number, Frac>();
  constructor(private next: () => number) {}
  value(id: number): Frac {
    let v = this.values.get(id);
    if (!v) {
      v = randomRational(this.next);
      this.values.set(id, v);
    }
    return v;
  }
  entries(): [number, Frac][] {
    return [...this.values.entries()].sort((a, b) => a[0] - b[0]);
  }
}

export function evalPoly(mt: MonoTable, p: Poly, at: Point): Frac {
  let sum = frac(0);
  for (let i = 0; i < p.size; i++) {
    let term = frac(p.num[i]!, p.den ? p.den[i]! : 1);
    for (const id of monoIds(p.codes[i]!, mt)) term = M().multiply(term, at.value(id)) as Frac;
    sum = M().add(sum, term) as Frac;
  }
  return sum;
}

export function fracEquals(a: Frac, b: Frac): boolean {
  return M().equal(a, b) as boolean;
}

/** The configured mathjs instance (Fraction numbers), loaded on first property access. */
export const math: MathJsInstance = new Proxy({} as MathJsInstance, {
  get: (_t, key) => (M() as unknown as Record<string | symbol, unknown>)[key],
});

/** Exact value of an expression tree at a point (mathjs fractions), without expanding it. */
export function evalExpr(e: Expr, at: Point): Frac {
  switch (e.kind) {
    case "const":
      return frac(e.value.n, e.value.d);
    case "sym":
      return at.value(e.id);
    case "add":
      return e.terms.reduce<Frac>((a, t) => M().add(a, evalExpr(t, at)) as Frac, frac(0));
    case "mul":
      return e.factors.reduce<Frac>((a, f) => M().multiply(a, evalExpr(f, at)) as Frac, frac(1));
    case "pow":
      return M().pow(evalExpr(e.base, at), e.exp) as Frac;
  }
}
