/** Expression trees: derivative rules as equalities, and toPoly(diff(e)) = diff(toPoly(e)). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contains, diff, difference, evaluate, ExpansionLimit, fromPoly, num, power, product, sum, sym, toPoly, type Expr } from "../../src/core/expr.js";
import { MonoTable, monoIds } from "../../src/core/monomial.js";
import { diff as polyDiff, type Poly } from "../../src/core/poly.js";
import { rat, type Rat } from "../../src/core/rational.js";
import { q, Q0, Q1, qadd, qmul, qstr, type Q } from "./oracle.js";

const x = sym(0);
const y = sym(1);
const c = (n: number, d = 1) => num(rat(n, d));

/** Independent evaluation of an Expr with bigint rationals. */
function evalQ(e: Expr, v: (id: number) => Q): Q {
  switch (e.kind) {
    case "const":
      return q(e.value.n, e.value.d);
    case "sym":
      return v(e.id);
    case "add":
      return e.terms.reduce((a, t) => qadd(a, evalQ(t, v)), Q0);
    case "mul":
      return e.factors.reduce((a, f) => qmul(a, evalQ(f, v)), Q1);
    case "pow": {
      let r = Q1;
      for (let i = 0; i < e.exp; i++) r = qmul(r, evalQ(e.base, v));
      return r;
    }
  }
}
function evalPolyQ(mt: MonoTable, p: Poly, v: (id: number) => Q): Q {
  let acc = Q0;
  for (let i = 0; i < p.size; i++) {
    const cf = p.coef(i);
    let t = q(cf.n, cf.d);
    for (const id of monoIds(p.codes[i]!, mt)) t = qmul(t, v(id));
    acc = qadd(acc, t);
  }
  return acc;
}

const POINT = (id: number): Q => q([3, -2, 5, 7][id] ?? 1, [1, 3, 2, 1][id] ?? 1);
const same = (mt: MonoTable, a: Expr, b: Expr) => expect(toPoly(mt, a).equals(toPoly(mt, b))).toBe(true);

describe("derivative rules", () => {
  const mt = new MonoTable();
  it("constant: d/dx 7 = 0", () => expect(diff(c(7), 0)).toEqual(c(0)));
  it("symbol: d/dx x = 1, d/dx y = 0", () => {
    expect(diff(x, 0)).toEqual(c(1));
    expect(diff(y, 0)).toEqual(c(0));
  });
  it("sum: d/dx (x + y + 3) = 1", () => same(mt, diff(sum(x, y, c(3)), 0), c(1)));
  it("product: d/dx (x·y·x) = 2·x·y", () => same(mt, diff(product(x, y, x), 0), product(c(2), x, y)));
  it("product rule with a constant factor: d/dx (1/2·x·y) = 1/2·y", () => same(mt, diff(product(c(1, 2), x, y), 0), product(c(1, 2), y)));
  it("power: d/dx (x + y)^3 = 3·(x + y)^2", () => same(mt, diff(power(sum(x, y), 3), 0), product(c(3), power(sum(x, y), 2))));
  it("power of a power: d/dx (x^2)^3 = 6·x^5", () => same(mt, diff(power(power(x, 2), 3), 0), product(c(6), power(x, 5))));
  it("difference: d/dy (x − y) = −1", () => same(mt, diff(difference(x, y), 1), c(-1)));
  it("a subtree without the symbol is 0", () => {
    expect(contains(product(x, y), 2)).toBe(false);
    expect(diff(power(product(x, y), 4), 2)).toEqual(c(0));
  });
  it("constructors fold constants: 2·3 = 6, x^1 = x, x^0 = 1, 0·x = 0, (2/3)^2 = 4/9", () => {
    expect(product(c(2), c(3))).toEqual(c(6));
    expect(power(x, 1)).toBe(x);
    expect(power(x, 0)).toEqual(c(1));
    expect(product(c(0), x)).toEqual(c(0));
    expect(power(c(2, 3), 2)).toEqual(c(4, 9));
    expect(sum(c(1, 2), c(1, 2))).toEqual(c(1));
    expect(() => power(x, 1.5)).toThrow(RangeError);
  });
});

const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: "medium", maxDepth: 4, withCrossShrink: true },
    fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: 1, max: 3 })).map(([n, d]) => c(n, d)),
    fc.integer({ min: 0, max: 3 }).map(sym),
    fc.array(tie("e"), { minLength: 1, maxLength: 3 }).map((ts) => sum(...ts)),
    fc.array(tie("e"), { minLength: 1, maxLength: 3 }).map((fs) => product(...fs)),
    fc.tuple(tie("e"), fc.integer({ min: 0, max: 3 })).map(([b, k]) => power(b, k)),
  ),
})).e;

/** toPoly within a small budget, or null when the expression is too large to expand. */
function expandOrNull(mt: MonoTable, e: Expr): Poly | null {
  try {
    return toPoly(mt, e, 5000);
  } catch (err) {
    if (err instanceof ExpansionLimit) return null;
    throw err;
  }
}

describe("expressions and their canonical form", () => {
  it("toPoly(diff(e, s)) = diff(toPoly(e), s) for every symbol s", () => {
    fc.assert(
      fc.property(exprArb, (e) => {
        const mt = new MonoTable();
        const p = expandOrNull(mt, e);
        if (!p) return;
        for (let s = 0; s < 4; s++) {
          const lhs = toPoly(mt, diff(e, s), 50_000);
          const rhs = polyDiff(mt, p, s);
          if (!lhs.equals(rhs)) expect.fail(`d/d${s} of ${JSON.stringify(e)}`);
        }
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it("evaluate(e) = value of toPoly(e) = independent bigint evaluation; fromPoly round-trips", () => {
    fc.assert(
      fc.property(exprArb, (e) => {
        const mt = new MonoTable();
        const p = expandOrNull(mt, e);
        if (!p) return;
        const want = evalQ(e, POINT);
        expect(qstr(evalPolyQ(mt, p, POINT))).toBe(qstr(want));
        const val = (id: number): Rat => {
          const v = POINT(id);
          return rat(Number(v.n), Number(v.d));
        };
        let got: Rat;
        try {
          got = evaluate(e, val);
        } catch {
          return; // coefficient overflow is an allowed answer
        }
        expect(qstr(q(got.n, got.d))).toBe(qstr(want));
        expect(toPoly(mt, fromPoly(mt, p)).equals(p)).toBe(true);
      }),
      { numRuns: 400, seed: 12 },
    );
  });

  it("expansion is bounded: (x0 + … + x9)^6 throws ExpansionLimit under a small budget", () => {
    const mt = new MonoTable();
    const big = power(sum(...Array.from({ length: 10 }, (_, i) => sym(i))), 6);
    expect(() => toPoly(mt, big, 100)).toThrow(ExpansionLimit);
    expect(() => toPoly(mt, power(x, -1))).toThrow(RangeError);
  });
});
