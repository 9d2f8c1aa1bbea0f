/**
 * Rule checks: the structural and numeric methods agree; a wrong right-hand side is reported
 * entry by entry with its missing and extra terms and a numeric counterexample.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareTensors } from "../../src/check/compare.js";
import { monoIds } from "../../src/core/monomial.js";
import { add, mul, Poly, sub } from "../../src/core/poly.js";
import { derive, type Derivation } from "../../src/derive.js";
import { textLines } from "../../src/print/text.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { layerArb, specOf } from "./helpers.js";
import { geometry, q, qadd, qmul, qparse, Q0, qstr, type Q } from "./oracle.js";

const idOf = (d: Derivation, key: string, index1: number[]) => d.table.id(key, index1.map((v) => v - 1))!;
/** δy[a]·w[b] (1-based) as a Poly, through the engine's polynomial product. */
function dyw(d: Derivation, dy: number[], w: number[]): Poly {
  return mul(d.table.monos, Poly.symbol(idOf(d, "dY", dy)), Poly.symbol(idOf(d, "W", w)));
}
const names = (d: Derivation, code: number) =>
  monoIds(code, d.table.monos)
    .map((id) => {
      const { range, index } = d.table.lookup(id);
      return `${range.key}[${index.map((v) => v + 1).join(",")}]`;
    })
    .sort()
    .join("·");

describe("structural and numeric check methods", () => {
  it("agree on random stride-1 layers (every rule holds under both)", () => {
    fc.assert(
      fc.property(
        layerArb.map((L) => ({ ...L, stride: L.stride.map(() => 1), dilation: L.dilation.map(() => 1) })).filter((L) => geometry(L).out.every((o) => o >= 1)),
        (L) => {
          const s = derive(specOf(L));
          const n = derive(specOf(L), { method: "numeric", points: 2 });
          expect(n.checks.map((c) => [c.target, c.holds])).toEqual(s.checks.map((c) => [c.target, c.holds]));
          for (const c of n.checks) {
            expect(c.method).toBe("numeric");
            expect(c.comparison!.points).toBe(2);
          }
          expect(s.checks.every((c) => c.holds === true && c.method === "structural")).toBe(true);
        },
      ),
      { numRuns: 40, seed: 17 },
    );
  });

  it("agree on wrong right-hand sides: both fail, on the same entries", () => {
    const d = derive({ input: [3, 4], kernel: [2, 2], op: "xcorr", padding: [[1, 0], [0, 1]] });
    const mt = d.table.monos;
    const dX = d.gradients.dX;
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(dX.size - 1), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 2 }), (bad, how) => {
        const wrong = dX.data.map((p, f) => {
          if (!bad.includes(f)) return p;
          if (how === 0) return add(mt, p, Poly.symbol(idOf(d, "X", [1, 1]))); // an extra term
          if (how === 1) return p.isZero() ? Poly.symbol(0) : sub(mt, p, new Poly(p.codes.slice(0, 1), p.num.slice(0, 1), null)); // a missing term
          return add(mt, p, p); // a wrong coefficient (2×)
        });
        const actual = new Tensor(dX.shape, wrong);
        const s = compareTensors(mt, dX, actual);
        const n = compareTensors(mt, dX, actual, { method: "numeric", points: 3 });
        const expectedBad = bad.filter((f) => !(how === 2 && dX.data[f]!.isZero())).sort((a, b) => a - b);
        expect(s.holds).toBe(expectedBad.length === 0);
        expect(n.holds).toBe(s.holds);
        expect(s.mismatches.map((m) => m.flat)).toEqual(expectedBad);
        expect(n.mismatches.map((m) => m.flat)).toEqual(expectedBad);
        expect(s.mismatchCount).toBe(expectedBad.length);
      }),
      { numRuns: 60, seed: 18 },
    );
  });
});

describe("a mismatch names the entry, the missing and the extra terms", () => {
  // The lecture's δx22 as printed: δy11·w11 + δy12·w12 + δy21·w21 + δy11·w22 (typo for δy22·w22).
  const d = derive({ input: [3, 3], kernel: [2, 2] });
  const mt = d.table.monos;
  const dX = d.gradients.dX;
  const typo = add(mt, dyw(d, [1, 1], [1, 1]), dyw(d, [1, 2], [1, 2]), dyw(d, [2, 1], [2, 1]), dyw(d, [1, 1], [2, 2]));
  const wrong = new Tensor(dX.shape, dX.data.map((p, f) => (f === 4 ? typo : p)));

  it("structural: entry [2,2], missing δy22·w22, extra δy11·w22, with a counterexample that really differs", () => {
    const cmp = compareTensors(mt, dX, wrong);
    expect(cmp.holds).toBe(false);
    expect(cmp.method).toBe("structural");
    expect(cmp.entries).toBe(9);
    expect(cmp.mismatchCount).toBe(1);
    const m = cmp.mismatches[0]!;
    expect(m.flat).toBe(4); // [2,2] 1-based
    const missing = m.differences.filter((t) => t.actual.n === 0).map((t) => [names(d, t.code), t.expected]);
    const extra = m.differences.filter((t) => t.expected.n === 0).map((t) => [names(d, t.code), t.actual]);
    expect(missing).toEqual([["W[2,2]·dY[2,2]", { n: 1, d: 1 }]]);
    expect(extra).toEqual([["W[2,2]·dY[1,1]", { n: 1, d: 1 }]]);
    expect(m.differences).toHaveLength(2);
    // the counterexample: evaluate both sides independently at the reported point
    const cx = m.counterexample!;
    expect(cx).toBeDefined();
    const at = new Map<number, Q>(cx.values.map(([id, v]) => [id, qparse(v.replace(/\s/g, ""))]));
    const ev = (p: Poly): Q => {
      let acc = Q0;
      for (let i = 0; i < p.size; i++) {
        let t = q(p.coef(i).n, p.coef(i).d);
        for (const id of monoIds(p.codes[i]!, mt)) t = qmul(t, at.get(id)!);
        acc = qadd(acc, t);
      }
      return acc;
    };
    expect(qstr(ev(dX.data[4]!))).toBe(qstr(qparse(cx.expected.replace(/\s/g, ""))));
    expect(qstr(ev(typo))).toBe(qstr(qparse(cx.actual.replace(/\s/g, ""))));
    expect(cx.expected).not.toBe(cx.actual);
  });

  it("numeric: the same entry fails", () => {
    const cmp = compareTensors(mt, dX, wrong, { method: "numeric", points: 4 });
    expect(cmp.holds).toBe(false);
    expect(cmp.method).toBe("numeric");
    expect(cmp.points).toBe(4);
    expect(cmp.mismatches.map((m) => m.flat)).toEqual([4]);
  });

  it("the text printer shows a failing check with the missing and extra terms", () => {
    const bad: Derivation = {
      ...d,
      // the text printer shows the rule's text; its formula is the real rule's (not printed here)
      checks: [{ rule: "ΔX = typo", formula: d.checks[0]!.formula, target: "dX", holds: false, method: "structural", comparison: compareTensors(mt, dX, wrong), ms: 0 }],
    };
    const lines = [...textLines(bad)];
    const i = lines.indexOf("  ΔX = typo");
    expect(i).toBeGreaterThan(0);
    expect(lines[i + 1]).toBe("      FAILS (structural: 1 of 9 entries differ)");
    expect(lines[i + 2]).toBe("      δx₂₂: missing δy₂₂·w₂₂; extra δy₁₁·w₂₂");
  });

  it("shapes must match", () => {
    expect(() => compareTensors(mt, dX, d.gradients.dW)).toThrow(RangeError);
  });

  it("the typo'd right-hand side really is a different polynomial (sanity of the construction)", () => {
    expect(typo.size).toBe(4);
    expect(typo.equals(dX.data[4]!)).toBe(false);
  });
});
