/**
 * Structural tensor ops on tensors of distinct symbols (so every entry names its source):
 * rot180 twice = identity; pad/crop inverse; dilate inserts s−1 zeros; transpose; sumAxes.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MonoTable, monoIds } from "../../src/core/monomial.js";
import { Poly } from "../../src/core/poly.js";
import { addTensors, crop, dilate, pad, reshape, rot180, slice, sumAxes, transpose } from "../../src/tensor/ops.js";
import { SymbolTable } from "../../src/core/symbols.js";
import { forEachIndex, Tensor } from "../../src/tensor/tensor.js";
import { indices, prod } from "./oracle.js";

/**
 * Tensor whose entry at flat f is the symbol f + 100 (so 0 means "a zero entry"), built either
 * entry by entry (Poly[] storage) or as a symbol range (flat storage), per the describe block.
 */
let flatStorage = false;
let tableCount = 0;
const symTensor = (shape: number[]): Tensor => {
  if (!flatStorage) return Tensor.fromFn(shape, (_, f) => Poly.symbol(f + 100));
  const table = new SymbolTable();
  table.internTensor("pad", "p", [100]);
  tableCount++;
  return Tensor.ofSymbols(table.internTensor("T", "t", shape));
};
/** Each entry as the source flat index it holds, or -1 for zero. */
const sources = (t: Tensor): number[] =>
  t.data.map((p) => {
    if (p.isZero()) return -1;
    expect(p.size).toBe(1);
    expect(p.codes[0]! - 1 - 100).toBeGreaterThanOrEqual(0);
    return p.codes[0]! - 1 - 100;
  });
const flatOf = (shape: readonly number[], idx: readonly number[]) => idx.reduce((f, v, a) => f * shape[a]! + v, 0);

const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 });

describe.each([
  ["Poly[] storage", false],
  ["flat symbol-range storage", true],
])("tensor ops (%s)", (_name, flat) => {
  beforeAll(() => {
    flatStorage = flat;
  });
  afterAll(() => {
    if (flat) expect(tableCount).toBeGreaterThan(0);
    flatStorage = false;
  });
  it("forEachIndex visits every index in row-major order", () => {
    const seen: number[][] = [];
    forEachIndex([2, 3], (idx, flat) => {
      expect(flat).toBe(seen.length);
      seen.push([...idx]);
    });
    expect(seen).toEqual(indices([2, 3]));
  });

  it("rot180 flips every axis; twice is the identity", () => {
    fc.assert(
      fc.property(shapeArb, (shape) => {
        const t = symTensor(shape);
        const r = rot180(t);
        const want = indices(shape).map((i) => flatOf(shape, i.map((v, a) => shape[a]! - 1 - v)));
        expect(sources(r)).toEqual(want);
        expect(sources(rot180(r))).toEqual(sources(t));
      }),
    );
  });

  it("rot180 on chosen axes leaves the others alone", () => {
    const t = symTensor([2, 3, 2]);
    const r = rot180(t, [2]);
    expect(sources(r)).toEqual(indices([2, 3, 2]).map((i) => flatOf([2, 3, 2], [i[0]!, i[1]!, 1 - i[2]!])));
  });

  it("pad puts the tensor at offset lo with zeros around it; crop by the same amounts inverts it", () => {
    fc.assert(
      fc.property(
        shapeArb.chain((shape) => fc.tuple(fc.constant(shape), fc.array(fc.tuple(fc.nat(2), fc.nat(2)), { minLength: shape.length, maxLength: shape.length }))),
        ([shape, pads]) => {
          const t = symTensor(shape);
          const p = pad(t, pads);
          expect(p.shape).toEqual(shape.map((n, a) => n + pads[a]![0] + pads[a]![1]));
          const want = indices(p.shape).map((i) => {
            const s = i.map((v, a) => v - pads[a]![0]);
            return s.every((v, a) => v >= 0 && v < shape[a]!) ? flatOf(shape, s) : -1;
          });
          expect(sources(p)).toEqual(want);
          expect(crop(p, pads).shape).toEqual(shape);
          expect(sources(crop(p, pads))).toEqual(sources(t));
        },
      ),
    );
  });

  it("slice [start, stop) is a crop", () => {
    const t = symTensor([4, 5]);
    const s = slice(t, [[1, 3], [0, 2]]);
    expect(s.shape).toEqual([2, 2]);
    expect(sources(s)).toEqual([flatOf([4, 5], [1, 0]), flatOf([4, 5], [1, 1]), flatOf([4, 5], [2, 0]), flatOf([4, 5], [2, 1])]);
  });

  it("dilate by s inserts s − 1 zeros between neighbours", () => {
    fc.assert(
      fc.property(
        shapeArb.chain((shape) => fc.tuple(fc.constant(shape), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: shape.length, maxLength: shape.length }))),
        ([shape, f]) => {
          const dl = dilate(symTensor(shape), f);
          expect(dl.shape).toEqual(shape.map((n, a) => (n - 1) * f[a]! + 1));
          const want = indices(dl.shape).map((i) => (i.every((v, a) => v % f[a]! === 0) ? flatOf(shape, i.map((v, a) => v / f[a]!)) : -1));
          expect(sources(dl)).toEqual(want);
          // zeros counted: size minus the original entries
          expect(sources(dl).filter((s) => s < 0).length).toBe(prod(dl.shape) - prod(shape));
        },
      ),
    );
    // 1-D, factor 3: a, 0, 0, b, 0, 0, c
    expect(sources(dilate(symTensor([3]), [3]))).toEqual([0, -1, -1, 1, -1, -1, 2]);
  });

  it("transpose: out axis k is input axis perm[k]; the inverse permutation undoes it", () => {
    fc.assert(
      fc.property(
        shapeArb.chain((shape) => fc.tuple(fc.constant(shape), fc.shuffledSubarray(shape.map((_, a) => a), { minLength: shape.length, maxLength: shape.length }))),
        ([shape, perm]) => {
          const t = symTensor(shape);
          const tr = transpose(t, perm);
          expect(tr.shape).toEqual(perm.map((p) => shape[p]!));
          const want = indices(tr.shape).map((i) => {
            const s = new Array<number>(shape.length);
            perm.forEach((p, k) => (s[p] = i[k]!));
            return flatOf(shape, s);
          });
          expect(sources(tr)).toEqual(want);
          const inv = new Array<number>(perm.length);
          perm.forEach((p, k) => (inv[p] = k));
          expect(sources(transpose(tr, inv))).toEqual(sources(t));
        },
      ),
    );
  });

  it("sumAxes sums exactly the entries that agree on the kept axes", () => {
    fc.assert(
      fc.property(
        shapeArb.chain((shape) => fc.tuple(fc.constant(shape), fc.subarray(shape.map((_, a) => a)))),
        ([shape, axes]) => {
          const mt = new MonoTable();
          const t = symTensor(shape);
          const s = sumAxes(mt, t, axes);
          const keep = shape.map((_, a) => a).filter((a) => !axes.includes(a));
          expect(s.shape).toEqual(keep.map((a) => shape[a]!));
          const want: number[][] = indices(s.shape).map(() => []);
          indices(shape).forEach((i) => want[flatOf(s.shape, keep.map((a) => i[a]!))]!.push(flatOf(shape, i) + 100));
          s.data.forEach((p, f) => {
            const got: number[] = [];
            for (let k = 0; k < p.size; k++) {
              expect(p.coef(k)).toEqual({ n: 1, d: 1 });
              got.push(...monoIds(p.codes[k]!, mt));
            }
            expect(got).toEqual(want[f]);
          });
        },
      ),
    );
  });

  it("addTensors adds entry-wise; reshape keeps row-major order; shape errors are errors", () => {
    const mt = new MonoTable();
    const a = symTensor([2, 2]);
    const twice = addTensors(mt, a, a);
    twice.data.forEach((p, f) => {
      expect(p.size).toBe(1);
      expect(p.coef(0)).toEqual({ n: 2, d: 1 });
      expect(p.codes[0]).toBe(a.data[f]!.codes[0]);
    });
    expect(sources(reshape(symTensor([2, 3]), [3, 2]))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(() => addTensors(mt, a, symTensor([4]))).toThrow(RangeError);
    expect(() => reshape(a, [3])).toThrow(RangeError);
    expect(() => new Tensor([2, 2], [Poly.ZERO])).toThrow(RangeError);
    expect(() => pad(a, [[-2, -1], [0, 0]])).toThrow(RangeError);
  });
});
