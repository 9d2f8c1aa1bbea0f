/**
 * Exact numeric evaluation with mathjs fractions: the fallback when structure cannot decide, and
 * the source of counterexamples. Points are drawn from a seeded generator, so runs repeat.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Fraction } from "mathjs";
import { monoIds, type MonoTable } from "../core/monomial.js";
import type { Poly } from "../core/poly.js";
import type { Expr } from "../core/expr.js";

export type Frac = Fraction;

/** The part of mathjs that exact evaluation uses: fractions, their sum, product, equality, format. */
interface FractionMath {
  fraction(n: number, d: number): Frac;
  addScalar(a: Frac, b: Frac): Frac;
  multiplyScalar(a: Frac, b: Frac): Frac;
  equalScalar(a: Frac, b: Frac): boolean;
  format(f: Frac, options: { fraction: "ratio" }): string;
}

type Factory = (...args: unknown[]) => unknown;
type MathjsCreate = (factories: Record<string, Factory>, config: { number: "Fraction" }) => FractionMath;

/**
 * The factories of the functions above and of what they depend on (mathjs's "custom bundling",
 * `create(fractionDependencies, …)`), as modules of mathjs's CommonJS build. Importing "mathjs"
 * itself builds every function of the library at load time (about 1.2 s); the generated
 * `*Dependencies` objects import every factory module (about 0.4 s); these eleven modules load in
 * about 0.1 s. mathjs's `exports` map does not list its inner modules, so they are required by
 * file path, relative to the resolved package entry.
 */
const FACTORIES: readonly (readonly [string, string])[] = [
  ["createFractionClass", "type/fraction/Fraction.js"],
  ["createBigNumberClass", "type/bignumber/BigNumber.js"],
  ["createComplexClass", "type/complex/Complex.js"],
  ["createMatrixClass", "type/matrix/Matrix.js"],
  ["createDenseMatrixClass", "type/matrix/DenseMatrix.js"],
  ["createTyped", "core/function/typed.js"],
  ["createFraction", "type/fraction/function/fraction.js"],
  ["createAddScalar", "function/arithmetic/addScalar.js"],
  ["createMultiplyScalar", "function/arithmetic/multiplyScalar.js"],
  ["createEqualScalar", "function/relational/equalScalar.js"],
  ["createFormat", "function/string/format.js"],
];

function load(): FractionMath {
  const require = createRequire(import.meta.url);
  const config = { number: "Fraction" } as const;
  try {
    const lib = dirname(require.resolve("mathjs")); // …/mathjs/lib/cjs
    const factories: Record<string, Factory> = {};
    for (const [name, file] of FACTORIES) {
      const f = (require(join(lib, file)) as Record<string, unknown>)[name];
      if (typeof f !== "function") throw new Error(`mathjs: ${file} has no ${name}`);
      factories[name] = f as Factory;
    }
    const { create } = require(join(lib, "core/create.js")) as { create: MathjsCreate };
    return create(factories, config);
  } catch {
    // Another mathjs layout: the whole library (slow to load, same results).
    const mj = require("mathjs") as typeof import("mathjs");
    return mj.create(mj.all!, config) as unknown as FractionMath; // the bundle always exports all
  }
}

// Loaded on first use only, so that commands that never evaluate numerically (derive with
// structural checks, --help) do not load mathjs at all.
let instance: FractionMath | null = null;
function M(): FractionMath {
  return (instance ??= load());
}

export function frac(n: number, d = 1): Frac {
  return M().fraction(n, d);
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
    for (const id of monoIds(p.codes[i]!, mt)) term = M().multiplyScalar(term, at.value(id));
    sum = M().addScalar(sum, term);
  }
  return sum;
}

export function fracEquals(a: Frac, b: Frac): boolean {
  return M().equalScalar(a, b);
}

/** Exact value of an expression tree at a point (mathjs fractions), without expanding it. */
export function evalExpr(e: Expr, at: Point): Frac {
  switch (e.kind) {
    case "const":
      return frac(e.value.n, e.value.d);
    case "sym":
      return at.value(e.id);
    case "add":
      return e.terms.reduce<Frac>((a, t) => M().addScalar(a, evalExpr(t, at)), frac(0));
    case "mul":
      return e.factors.reduce<Frac>((a, f) => M().multiplyScalar(a, evalExpr(f, at)), frac(1));
    case "pow":
      // What mathjs's pow does for a Fraction (an integer power is always rational).
      return evalExpr(e.base, at).pow(e.exp);
  }
}
