/**
 * Equality of two tensors of polynomials, entry by entry, with three answers in mind (holds,
 * fails, undecided) and the method that decided:
 *  - structural: canonical forms are identical (for polynomials this is conclusive both ways);
 *  - numeric: exact evaluation with mathjs fractions at seeded random points — used when asked
 *    for (method "numeric"), and to give every structural failure a concrete counterexample.
 */
import type { MonoTable } from "../core/monomial.js";
import { termDifferences, type Poly, type TermDifference } from "../core/poly.js";
import type { Csr, Tensor } from "../tensor/tensor.js";
import { evalPoly, fracEquals, fracToString, Point, rng, type Frac } from "./numeric.js";

export type Method = "structural" | "numeric";

export interface EntryMismatch {
  /** Flat index of the entry. */
  flat: number;
  /** Monomials whose coefficients differ: expected = the chain-rule result, actual = the formula. */
  differences: TermDifference[];
  /** A point where the two differ, and both values there (numeric evidence). */
  counterexample?: { values: [number, string][]; expected: string; actual: string };
}

export interface Comparison {
  holds: boolean;
  method: Method;
  entries: number;
  /** Mismatching entries, at most `maxReported`; mismatchCount counts all. */
  mismatches: EntryMismatch[];
  mismatchCount: number;
  /** Numeric method: number of random points used. */
  points?: number;
}

export interface CompareOptions {
  method?: Method;
  points?: number;
  seed?: number;
  maxReported?: number;
}

/** A point where two polynomials differ (tries a few seeded points; null if none found). */
export function counterexample(
  mt: MonoTable,
  expected: Poly,
  actual: Poly,
  seed = 1,
): EntryMismatch["counterexample"] | null {
  for (let k = 0; k < 8; k++) {
    const at = new Point(rng(seed + k));
    const e = evalPoly(mt, expected, at);
    const a = evalPoly(mt, actual, at);
    if (!fracEquals(e, a)) {
      return {
        values: at.entries().map(([id, v]) => [id, fracToString(v)]),
        expected: fracToString(e),
        actual: fracToString(a),
      };
    }
  }
  return null;
}

/** Entry f of two flat tensors has identical terms (both integer-coefficient, canonical). */
function sameSegment(x: Csr, y: Csr, f: number): boolean {
  const xs = x.start[f]!;
  const ys = y.start[f]!;
  const n = x.end[f]! - xs;
  if (y.end[f]! - ys !== n) return false;
  for (let i = 0; i < n; i++) {
    if (x.codes[xs + i] !== y.codes[ys + i] || x.num[xs + i] !== y.num[ys + i]) return false;
  }
  return true;
}

export function compareTensors(mt: MonoTable, expected: Tensor, actual: Tensor, opts: CompareOptions = {}): Comparison {
  const method = opts.method ?? "structural";
  const maxReported = opts.maxReported ?? 10;
  if (expected.shape.join() !== actual.shape.join()) {
    throw new RangeError(`shape mismatch: [${expected.shape.join(",")}] vs [${actual.shape.join(",")}]`);
  }
  const mismatches: EntryMismatch[] = [];
  let mismatchCount = 0;
  const ec = expected.csr();
  const ac = actual.csr();
  const points = opts.points ?? 3;
  const pts: Point[] = [];
  if (method === "numeric") for (let k = 0; k < points; k++) pts.push(new Point(rng((opts.seed ?? 12345) + k)));
  for (let f = 0; f < expected.size; f++) {
    let same: boolean;
    if (method === "structural" && ec && ac) {
      same = sameSegment(ec, ac, f);
      if (same) continue;
    }
    const e = expected.entry(f);
    const a = actual.entry(f);
    if (method === "structural") {
      same = e.equals(a);
    } else {
      same = pts.every((pt) => fracEquals(evalPoly(mt, e, pt), evalPoly(mt, a, pt)));
    }
    if (!same) {
      mismatchCount++;
      if (mismatches.length < maxReported) {
        const m: EntryMismatch = { flat: f, differences: termDifferences(e, a) };
        const cx = counterexample(mt, e, a);
        if (cx) m.counterexample = cx;
        mismatches.push(m);
      }
    }
  }
  const out: Comparison = { holds: mismatchCount === 0, method, entries: expected.size, mismatches, mismatchCount };
  if (method === "numeric") out.points = points;
  return out;
}

export type { Frac };
