/** Exact rationals: results equal a bigint oracle exactly, or throw CoefficientOverflow — never a rounded value. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { add, CoefficientOverflow, div, eq, gcd, mul, neg, parseRat, pow, rat, ratToString, sub, type Rat } from "../../src/core/rational.js";
import { q, qadd, qmul, qstr, type Q } from "./oracle.js";

const MAX = Number.MAX_SAFE_INTEGER;
const toQ = (r: Rat): Q => q(BigInt(r.n), BigInt(r.d));

/** Numerators/denominators from small to near 2^53. */
const int = fc.oneof(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), fc.maxSafeInteger().map((x) => x), fc.maxSafeInteger().map((x) => -x));
const den = fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 1, max: MAX }));
const ratArb = fc.tuple(int, den).map(([n, d]) => rat(n, d));

function isCanonical(r: Rat): boolean {
  return Number.isSafeInteger(r.n) && Number.isSafeInteger(r.d) && r.d > 0 && gcd(r.n, r.d) === (r.n === 0 ? r.d : 1) && (r.n !== 0 || r.d === 1);
}

/** op's result equals the oracle, or op threw CoefficientOverflow and the exact result does not fit. */
function exactOrOverflow(op: () => Rat, exact: Q): void {
  let r: Rat;
  try {
    r = op();
  } catch (e) {
    expect(e).toBeInstanceOf(CoefficientOverflow);
    return;
  }
  expect(isCanonical(r), `canonical ${JSON.stringify(r)}`).toBe(true);
  expect(qstr(toQ(r))).toBe(qstr(exact));
}

describe("rationals", () => {
  it("rat(n, d) is in lowest terms with d > 0", () => {
    expect(rat(6, -4)).toEqual({ n: -3, d: 2 });
    expect(rat(0, 7)).toMatchObject({ d: 1 });
    expect(rat(0, 7).n === 0).toBe(true);
    expect(rat(10, 5)).toEqual({ n: 2, d: 1 });
    fc.assert(fc.property(int, den, (n, d) => isCanonical(rat(n, d)) && qstr(toQ(rat(n, d))) === qstr(q(n, d))));
  });

  it("1/2 + 1/3 = 5/6, 2/3 · 3/4 = 1/2, 1/2 − 1/2 = 0, (2/3)^-2 = 9/4, (1/3)/(1/6) = 2", () => {
    expect(add(rat(1, 2), rat(1, 3))).toEqual(rat(5, 6));
    expect(mul(rat(2, 3), rat(3, 4))).toEqual(rat(1, 2));
    expect(sub(rat(1, 2), rat(1, 2)).n === 0).toBe(true);
    expect(pow(rat(2, 3), -2)).toEqual(rat(9, 4));
    expect(div(rat(1, 3), rat(1, 6))).toEqual(rat(2));
    expect(neg(rat(-3, 7))).toEqual(rat(3, 7));
  });

  it("add, sub, mul, div are exact or throw CoefficientOverflow (property, up to 2^53)", () => {
    fc.assert(
      fc.property(ratArb, ratArb, (a, b) => {
        const A = toQ(a);
        const B = toQ(b);
        exactOrOverflow(() => add(a, b), qadd(A, B));
        exactOrOverflow(() => sub(a, b), qadd(A, q(-B.n, B.d)));
        exactOrOverflow(() => mul(a, b), qmul(A, B));
        if (b.n !== 0) exactOrOverflow(() => div(a, b), qmul(A, q(B.d, B.n)));
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it("a sum whose cross products exceed 2^53 but whose value fits is exact, not rounded", () => {
    // (4e15+1)/2 − (6e15+1)/3 = 1/6; the cross products 3·(4e15+1) and 2·(6e15+1) exceed 2^53
    const a = rat(4e15 + 1, 2);
    const b = rat(-(6e15 + 1), 3);
    exactOrOverflow(() => add(a, b), q(1, 6));
  });

  it("overflow throws instead of rounding", () => {
    expect(() => mul(rat(2 ** 40), rat(2 ** 20))).toThrow(CoefficientOverflow);
    expect(() => add(rat(MAX), rat(1))).toThrow(CoefficientOverflow);
    expect(() => pow(rat(2), 60)).toThrow(CoefficientOverflow);
    expect(() => mul(rat(1, 2 ** 30), rat(1, 2 ** 30))).toThrow(CoefficientOverflow);
    expect(() => rat(2 ** 53)).toThrow(CoefficientOverflow);
  });

  it("never accepts floats or a zero denominator", () => {
    expect(() => rat(1.5)).toThrow();
    expect(() => rat(1, 0.5)).toThrow();
    expect(() => rat(1, 0)).toThrow(RangeError);
    expect(() => div(rat(1), rat(0))).toThrow(RangeError);
    expect(() => pow(rat(2), 0.5)).toThrow(RangeError);
  });

  it("equality and the JSON string round-trip", () => {
    fc.assert(
      fc.property(ratArb, (a) => {
        const s = ratToString(a);
        expect(s).toMatch(/^-?\d+(\/\d+)?$/);
        expect(eq(parseRat(s)!, a)).toBe(true);
      }),
    );
    expect(ratToString(rat(-1, 2))).toBe("-1/2");
    expect(ratToString(rat(3))).toBe("3");
    expect(parseRat("+4")).toEqual(rat(4));
    expect(parseRat(" 6 / 4 ")).toEqual(rat(3, 2));
    for (const bad of ["", "1.5", "1/0", "x", "1/-2", "99999999999999999999"]) expect(parseRat(bad)).toBeNull();
  });
});
