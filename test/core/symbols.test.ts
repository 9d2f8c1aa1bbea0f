/** Interned symbols and monomial codes: id ↔ (tensor, index) round trips; products and derivatives of monomials. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { degree, MonoTable, monoDiff, monoFromIds, monoIds, monoMul, symbolCode } from "../../src/core/monomial.js";
import { MAX_SYMBOLS, SymbolLimit, SymbolTable } from "../../src/core/symbols.js";
import { indices, prod } from "./oracle.js";

describe("symbol table", () => {
  it("ranges are contiguous, row-major, and id/lookup are inverse", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }), { minLength: 1, maxLength: 4 }), (shapes) => {
        const t = new SymbolTable();
        let next = 0;
        shapes.forEach((shape, k) => {
          const r = t.internTensor(`T${k}`, `t${k}`, shape);
          expect(r.base).toBe(next);
          expect(r.size).toBe(prod(shape));
          indices(shape).forEach((idx, f) => {
            const id = t.id(`T${k}`, idx)!;
            expect(id).toBe(next + f);
            expect(t.lookup(id)).toEqual({ range: r, index: idx });
          });
          next += r.size;
        });
        expect(t.count).toBe(next);
        expect(() => t.lookup(next)).toThrow(RangeError);
        expect(() => t.lookup(-1)).toThrow(RangeError);
      }),
    );
  });

  it("out-of-range or malformed indices have no id; a tensor is defined once; the id space is bounded", () => {
    const t = new SymbolTable();
    t.internTensor("X", "x", [2, 3]);
    expect(t.id("X", [2, 0])).toBeUndefined();
    expect(t.id("X", [0, -1])).toBeUndefined();
    expect(t.id("X", [0])).toBeUndefined();
    expect(t.id("X", [0, 1.5])).toBeUndefined();
    expect(t.id("Y", [0, 0])).toBeUndefined();
    expect(() => t.internTensor("X", "x", [1])).toThrow();
    expect(() => t.internTensor("big", "b", [MAX_SYMBOLS])).toThrow(SymbolLimit);
  });
});

describe("monomial codes", () => {
  const idsArb = fc.array(fc.integer({ min: 0, max: 2 ** 26 - 3 }), { maxLength: 5 }).map((a) => a.sort((x, y) => x - y));

  it("monoIds(monoFromIds(ids)) = ids; degree = length", () => {
    const t = new MonoTable();
    fc.assert(
      fc.property(idsArb, (ids) => {
        const c = monoFromIds(ids, t);
        expect(monoIds(c, t)).toEqual(ids);
        expect(degree(c, t)).toBe(ids.length);
        expect(Number.isSafeInteger(c)).toBe(true);
      }),
    );
  });

  it("monoMul is the sorted union with repetition, commutative", () => {
    const t = new MonoTable();
    fc.assert(
      fc.property(idsArb, idsArb, (a, b) => {
        const ca = monoFromIds(a, t);
        const cb = monoFromIds(b, t);
        const want = [...a, ...b].sort((x, y) => x - y);
        expect(monoIds(monoMul(ca, cb, t), t)).toEqual(want);
        expect(monoMul(ca, cb, t)).toBe(monoMul(cb, ca, t));
      }),
    );
  });

  it("degree ≤ 2 codes order like sorted id lists", () => {
    const t = new MonoTable();
    const two = fc.array(fc.integer({ min: 0, max: 2 ** 26 - 3 }), { minLength: 2, maxLength: 2 }).map((a) => a.sort((x, y) => x - y));
    fc.assert(
      fc.property(two, two, (a, b) => {
        const lex = a[0]! - b[0]! || a[1]! - b[1]!;
        expect(Math.sign(monoFromIds(a, t) - monoFromIds(b, t))).toBe(Math.sign(lex));
      }),
    );
  });

  it("monoDiff: exponent of s and the monomial with one s removed", () => {
    const t = new MonoTable();
    fc.assert(
      fc.property(idsArb, fc.integer({ min: 0, max: 5 }), (ids0, s0) => {
        const ids = ids0.map((i) => i % 6).sort((x, y) => x - y);
        const c = monoFromIds(ids, t);
        const r = monoDiff(c, s0, t);
        const exp = ids.filter((i) => i === s0).length;
        if (exp === 0) {
          expect(r).toBeNull();
          return;
        }
        expect(r!.exp).toBe(exp);
        const rest = [...ids];
        rest.splice(rest.indexOf(s0), 1);
        expect(monoIds(r!.rest, t)).toEqual(rest);
      }),
    );
    expect(symbolCode(0)).toBe(monoFromIds([0], t));
  });
});
