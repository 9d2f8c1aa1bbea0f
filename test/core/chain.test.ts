/**
 * chainRule on arbitrary forward polynomials (not only bilinear conv terms): squares, cubes,
 * constants, rational coefficients, symbols outside the targets. Expected: δs = Σ_f δy_f·∂y_f/∂s,
 * built from poly diff/mul/add (each tested against an oracle in poly.test.ts), structurally equal.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MonoTable, monoFromIds } from "../../src/core/monomial.js";
import { add, diff, mul, Poly, TermBuffer } from "../../src/core/poly.js";
import { rat } from "../../src/core/rational.js";
import { SymbolTable } from "../../src/core/symbols.js";
import { chainRule } from "../../src/grad/chain.js";
import { Tensor } from "../../src/tensor/tensor.js";

interface T {
  ids: number[];
  n: number;
  d: number;
}

describe("chainRule on general polynomials", () => {
  it("δs = Σ_f δy_f · ∂y_f/∂s for every target symbol; steps list the non-zero partials", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }), // |Y|
        fc.boolean(), // fractional coefficients
        fc.array(fc.array(fc.record({ ids: fc.array(fc.nat(9), { maxLength: 3 }), n: fc.integer({ min: -3, max: 3 }), d: fc.integer({ min: 1, max: 3 }) }), { maxLength: 5 }), {
          minLength: 4,
          maxLength: 4,
        }),
        (ny, frac, termLists) => {
          const table = new SymbolTable();
          const mt: MonoTable = table.monos;
          const dY = table.internTensor("dY", "δy", [ny]);
          const A = table.internTensor("A", "a", [4]); // target
          const C = table.internTensor("C", "c", [2]); // not a target, between the targets
          const B = table.internTensor("B", "b", [4]); // target
          // symbol pool 0..9: A0..A3, C0, C1, B0..B3
          const pool = [...Array.from({ length: 4 }, (_, i) => A.base + i), C.base, C.base + 1, ...Array.from({ length: 4 }, (_, i) => B.base + i)];
          const Ys = Array.from({ length: ny }, (_, f) => {
            const b = new TermBuffer();
            for (const t of termLists[f]! as T[]) {
              const r = rat(t.n, frac ? t.d : 1);
              b.push(monoFromIds(t.ids.map((i) => pool[i]!).sort((x, y) => x - y), mt), r.n, r.d);
            }
            return b.finish();
          });
          const Y = new Tensor([ny], Ys);
          const res = chainRule(mt, Y, dY, [
            { range: A, shape: [2, 2] },
            { range: B, shape: [4] },
          ]);
          expect(res.gradients.map((g) => g.shape)).toEqual([[2, 2], [4]]);
          [A, B].forEach((R, k) => {
            for (let i = 0; i < R.size; i++) {
              const s = R.base + i;
              const parts = Ys.map((y, f) => mul(mt, Poly.symbol(dY.base + f), diff(mt, y, s)));
              const want = add(mt, ...parts);
              const got = res.gradients[k]!.data[i]!;
              if (!got.equals(want)) expect.fail(`target ${k} entry ${i}: ${JSON.stringify([...got.codes])} vs ${JSON.stringify([...want.codes])}`);
              const steps = res.steps(k, i);
              const nz = Ys.map((y, f) => [f, diff(mt, y, s)] as const).filter(([, p]) => !p.isZero());
              expect(steps.map((st) => st.y)).toEqual(nz.map(([f]) => f));
              steps.forEach((st, j) => expect(st.partial.equals(nz[j]![1])).toBe(true));
            }
          });
        },
      ),
      { numRuns: 400, seed: 71 },
    );
  });
});
