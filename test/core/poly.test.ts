/**
 * The canonical form: equal polynomials have identical arrays whatever the order the terms came
 * in; like terms combine; zeros drop. Operations against an independent map-of-monomials oracle.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MonoTable, monoFromIds, monoIds } from "../../src/core/monomial.js";
import { add, diff, mul, Poly, pow, scale, sub, symbolsOf, TermBuffer, termDifferences } from "../../src/core/poly.js";
import { gcd, rat } from "../../src/core/rational.js";
import { q, Q0, qadd, qmul, qstr, type Q } from "./oracle.js";

interface T {
  ids: number[];
  n: number;
  d: number;
}
const termArb: fc.Arbitrary<T> = fc.record({
  ids: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 }),
  n: fc.integer({ min: -6, max: 6 }),
  d: fc.integer({ min: 1, max: 4 }),
});
const termsArb = fc.array(termArb, { maxLength: 12 });

/** Oracle: monomial key (sorted ids) → exact coefficient, zeros removed. */
type M = Map<string, Q>;
const keyOf = (ids: readonly number[]) => [...ids].sort((a, b) => a - b).join(",");
function oracle(ts: readonly T[]): M {
  const m: M = new Map();
  for (const t of ts) {
    const k = keyOf(t.ids);
    m.set(k, qadd(m.get(k) ?? Q0, q(t.n, t.d)));
  }
  for (const [k, v] of m) if (v.n === 0n) m.delete(k);
  return m;
}
function oMul(a: M, b: M): M {
  const out: T[] = [];
  for (const [ka, va] of a)
    for (const [kb, vb] of b) {
      const v = qmul(va, vb);
      const ids = [ka, kb].filter(Boolean).join(",").split(",").filter(Boolean).map(Number);
      out.push({ ids, n: Number(v.n), d: Number(v.d) });
    }
  return oracle(out);
}
function asOracle(mt: MonoTable, p: Poly): Record<string, string> {
  const o: Record<string, string> = {};
  for (let i = 0; i < p.size; i++) {
    const c = p.coef(i);
    o[keyOf(monoIds(p.codes[i]!, mt))] = qstr(q(c.n, c.d));
  }
  return o;
}
const show = (m: M): Record<string, string> => Object.fromEntries([...m].map(([k, v]) => [k, qstr(v)]));

function build(mt: MonoTable, ts: readonly T[]): Poly {
  const b = new TermBuffer();
  for (const t of ts) {
    const r = rat(t.n, t.d);
    b.push(monoFromIds([...t.ids].sort((x, y) => x - y), mt), r.n, r.d);
  }
  return b.finish();
}

function expectCanonical(p: Poly): void {
  for (let i = 0; i < p.size; i++) {
    if (i > 0) expect(p.codes[i - 1]!).toBeLessThan(p.codes[i]!); // strictly increasing: like terms combined
    const c = p.coef(i);
    expect(c.n).not.toBe(0); // zeros dropped
    expect(c.d).toBeGreaterThan(0);
    expect(gcd(c.n, c.d)).toBe(1);
  }
  // den is null exactly when every coefficient is an integer
  const allInt = Array.from({ length: p.size }, (_, i) => p.coef(i).d === 1).every(Boolean);
  expect(p.den === null).toBe(allInt);
}

const arrays = (p: Poly) => ({ codes: [...p.codes], num: [...p.num], den: p.den ? [...p.den] : null });

describe("canonical polynomials", () => {
  it("equal polynomials ⇒ identical arrays, whatever the input order (and splitting of coefficients)", () => {
    fc.assert(
      fc.property(termsArb, fc.func(fc.integer()), (ts, key) => {
        const mt = new MonoTable();
        const a = build(mt, ts);
        // the same polynomial: terms shuffled, every term split into two halves
        const shuffled = [...ts].sort((x, y) => key(x) - key(y));
        const split = shuffled.flatMap((t) => [
          { ids: [...t.ids].reverse(), n: t.n, d: 2 * t.d },
          { ids: t.ids, n: t.n, d: 2 * t.d },
        ]);
        const b = build(mt, split);
        expectCanonical(a);
        expectCanonical(b);
        expect(arrays(b)).toEqual(arrays(a));
        expect(a.equals(b)).toBe(true);
        expect(asOracle(mt, a)).toEqual(show(oracle(ts)));
      }),
      { numRuns: 400, seed: 3 },
    );
  });

  it("like terms combine and zeros drop: x·y + 2·y·x − 3·x·y = 0, x + 1/2·x = 3/2·x", () => {
    const mt = new MonoTable();
    expect(build(mt, [{ ids: [0, 1], n: 1, d: 1 }, { ids: [1, 0], n: 2, d: 1 }, { ids: [0, 1], n: -3, d: 1 }]).isZero()).toBe(true);
    const p = build(mt, [{ ids: [0], n: 1, d: 1 }, { ids: [0], n: 1, d: 2 }]);
    expect(p.size).toBe(1);
    expect(p.coef(0)).toEqual({ n: 3, d: 2 });
    expect(build(mt, [{ ids: [2], n: 0, d: 1 }]).isZero()).toBe(true);
  });

  it("unequal polynomials are not equal, and termDifferences names exactly the differing monomials", () => {
    fc.assert(
      fc.property(termsArb, termsArb, (ta, tb) => {
        const mt = new MonoTable();
        const a = build(mt, ta);
        const b = build(mt, tb);
        const A = oracle(ta);
        const B = oracle(tb);
        const keys = new Set([...A.keys(), ...B.keys()]);
        const differing = [...keys].filter((k) => qstr(A.get(k) ?? Q0) !== qstr(B.get(k) ?? Q0)).sort();
        expect(a.equals(b)).toBe(differing.length === 0);
        const diffs = termDifferences(a, b);
        expect(diffs.map((t) => keyOf(monoIds(t.code, mt))).sort()).toEqual(differing);
        for (const t of diffs) {
          const k = keyOf(monoIds(t.code, mt));
          expect(qstr(q(t.expected.n, t.expected.d))).toBe(qstr(A.get(k) ?? Q0));
          expect(qstr(q(t.actual.n, t.actual.d))).toBe(qstr(B.get(k) ?? Q0));
        }
      }),
      { numRuns: 300, seed: 4 },
    );
  });

  it("add, sub, scale, mul, pow, diff agree with the oracle", () => {
    fc.assert(
      fc.property(termsArb, termsArb, fc.integer({ min: -3, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 5 }), (ta, tb, cn, cd, s) => {
        const mt = new MonoTable();
        const a = build(mt, ta);
        const b = build(mt, tb);
        const A = oracle(ta);
        const B = oracle(tb);
        const check = (p: Poly, m: M) => {
          expectCanonical(p);
          expect(asOracle(mt, p)).toEqual(show(m));
        };
        check(add(mt, a, b), oracle([...ta, ...tb]));
        check(sub(mt, a, b), oracle([...ta, ...tb.map((t) => ({ ...t, n: -t.n }))]));
        check(scale(mt, a, rat(cn, cd)), oracle(ta.map((t) => ({ ...t, n: t.n * cn, d: t.d * cd }))));
        check(mul(mt, a, b), oMul(A, B));
        check(pow(mt, b, 2), oMul(B, B));
        check(pow(mt, a, 0), new Map([["", q(1)]]));
        // ∂/∂s: each monomial with s^e contributes e·c·m/s
        const dterms: T[] = [];
        for (const [k, v] of A) {
          const ids = k ? k.split(",").map(Number) : [];
          const e = ids.filter((i) => i === s).length;
          if (e === 0) continue;
          const rest = [...ids];
          rest.splice(rest.indexOf(s), 1);
          dterms.push({ ids: rest, n: Number(v.n) * e, d: Number(v.d) });
        }
        check(diff(mt, a, s), oracle(dterms));
        expect(symbolsOf(mt, a)).toEqual([...new Set([...A.keys()].flatMap((k) => (k ? k.split(",").map(Number) : [])))].sort((x, y) => x - y));
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it("constants and symbols", () => {
    expect(Poly.constant(rat(0)).isZero()).toBe(true);
    expect(Poly.symbol(3, rat(0)).isZero()).toBe(true);
    const mt = new MonoTable();
    const x = Poly.symbol(0);
    const y = Poly.symbol(1);
    // (x + y)^2 = x² + 2xy + y²
    const sq = pow(mt, add(mt, x, y), 2);
    expect(asOracle(mt, sq)).toEqual({ "0,0": "1", "0,1": "2", "1,1": "1" });
    // ∂(x²)/∂x = 2x, and the degree ≥ 3 path: ∂(x³y)/∂x = 3x²y
    expect(asOracle(mt, diff(mt, mul(mt, x, x), 0))).toEqual({ "0": "2" });
    const x3y = mul(mt, mul(mt, mul(mt, x, x), x), y);
    expect(asOracle(mt, diff(mt, x3y, 0))).toEqual({ "0,0,1": "3" });
    expect(asOracle(mt, diff(mt, x3y, 1))).toEqual({ "0,0,0": "1" });
    expect(diff(mt, x3y, 2).isZero()).toBe(true);
  });
});

describe("TermBuffer keeps coefficients in lowest terms", () => {
  it("2/4 becomes 1/2 and 1/−2 becomes −1/2, so equal polynomials stay identical", () => {
    const b = new TermBuffer();
    b.push(1, 2, 4);
    b.push(2, 1, -2);
    const p = b.finish();
    expect([...p.num]).toEqual([1, -1]);
    expect([...(p.den ?? [])]).toEqual([2, 2]);
    b.push(1, 1, 2);
    b.push(2, -1, 2);
    expect(b.finish().equals(p)).toBe(true);
  });
});
