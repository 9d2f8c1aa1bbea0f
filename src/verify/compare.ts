/**
 * Comparing two evaluated sides: structurally (canonical polynomials) when they expand within the
 * budget, else numerically at seeded exact random points; failures come with the missing / extra
 * terms of every differing entry and a numeric counterexample.
 */
import { counterexample } from "../check/compare.js";
import { evalExpr, fracEquals, fracToString, Point, rng } from "../check/numeric.js";
import { ExpansionLimit, toPoly, type Expr } from "../core/expr.js";
import type { MonoTable } from "../core/monomial.js";
import { termDifferences, type Poly } from "../core/poly.js";
import type { Namer } from "../print/names.js";
import type { Tensor } from "../tensor/tensor.js";
import { EXPANSION_BUDGET } from "./evaluate.js";

export interface EntryReport {
  /** Entry name, plain style ("δx_{2,2}"). */
  entry: string;
  missing: string[];
  extra: string[];
}

export interface TermReport {
  missing: string[];
  extra: string[];
  /** Unicode text of the same, for messages. */
  missingText: string[];
  extraText: string[];
  wrongCoefficient: boolean;
}

export interface Namers {
  plain: Namer;
  text: Namer;
}

/** Missing / extra terms of `actual` against `expected`. */
export function termReport(expected: Poly, actual: Poly, n: Namers): TermReport {
  const r: TermReport = { missing: [], extra: [], missingText: [], extraText: [], wrongCoefficient: false };
  for (const diff of termDifferences(expected, actual)) {
    if (diff.expected.n !== 0) {
      r.missing.push(n.plain.term(diff.code, diff.expected));
      r.missingText.push(n.text.term(diff.code, diff.expected));
    }
    if (diff.actual.n !== 0) {
      r.extra.push(n.plain.term(diff.code, diff.actual));
      r.extraText.push(n.text.term(diff.code, diff.actual));
    }
    if (diff.expected.n !== 0 && diff.actual.n !== 0) r.wrongCoefficient = true;
  }
  return r;
}

/** Terms listed in one line of a report; the rest are counted (every one is in the JSON's entries). */
export const MAX_LISTED_TERMS = 32;

const listTerms = (ts: readonly string[]): string =>
  ts.length <= MAX_LISTED_TERMS
    ? ts.join(", ")
    : `${ts.slice(0, MAX_LISTED_TERMS).join(", ")}, … and ${ts.length - MAX_LISTED_TERMS} more (every one in --format json)`;

export function describeTerms(r: TermReport): string {
  const parts: string[] = [];
  if (r.missingText.length) parts.push(`missing ${listTerms(r.missingText)}`);
  if (r.extraText.length) parts.push(`extra ${listTerms(r.extraText)}`);
  if (r.wrongCoefficient) parts.push("(a wrong coefficient)");
  return parts.join("; ");
}

/** "at δy₁₁ = 1/2, w₂₂ = −3: 5 ≠ 7" for two polynomials that differ (null when no point is found). */
export function counterexampleText(mt: MonoTable, expected: Poly, actual: Poly, n: Namers): string | null {
  const cx = counterexample(mt, expected, actual);
  if (!cx) return null;
  const int = (v: string) => v.replace(/\/1$/, "");
  const vals = cx.values.slice(0, 8).map(([id, v]) => `${n.text.symbol(id)} = ${int(v)}`);
  const more = cx.values.length > 8 ? `, … (${cx.values.length - 8} more)` : "";
  return `at ${vals.join(", ")}${more}: expected ${int(cx.expected)}, the formula gives ${int(cx.actual)}`;
}

export type ScalarComparison =
  | { holds: true; method: "structural" | "numeric"; points?: number }
  | { holds: false; method: "structural"; expected: Poly; actual: Poly }
  | { holds: false; method: "numeric"; points: number; at: string };

/** Compares two scalar expressions: canonical forms, or exact random points past the budget. */
export function compareScalars(
  mt: MonoTable,
  expected: Expr,
  actual: Expr,
  points: number,
  n: Namers,
): ScalarComparison {
  let pe: Poly | null = null;
  let pa: Poly | null = null;
  try {
    pe = toPoly(mt, expected, EXPANSION_BUDGET);
    pa = toPoly(mt, actual, EXPANSION_BUDGET);
  } catch (e) {
    if (!(e instanceof ExpansionLimit)) throw e;
  }
  if (pe && pa)
    return pe.equals(pa)
      ? { holds: true, method: "structural" }
      : { holds: false, method: "structural", expected: pe, actual: pa };
  for (let k = 0; k < points; k++) {
    const at = new Point(rng(20260 + k));
    const a = evalExpr(expected, at);
    const b = evalExpr(actual, at);
    if (!fracEquals(a, b)) {
      const vals = at
        .entries()
        .slice(0, 8)
        .map(([id, v]) => `${n.text.symbol(id)} = ${fracToString(v)}`);
      return {
        holds: false,
        method: "numeric",
        points,
        at: `at ${vals.join(", ")}…: expected ${fracToString(a)}, the formula gives ${fracToString(b)}`,
      };
    }
  }
  return { holds: true, method: "numeric", points };
}

export interface TensorMismatch {
  flat: number;
  terms: TermReport;
  /** Flat index of another expected entry that the formula's entry equals (a wrong index). */
  equalsEntry: number | null;
}

/** Entry-by-entry differences of two same-shaped tensors (structural). */
export function tensorMismatches(expected: Tensor, actual: Tensor, n: Namers): TensorMismatch[] {
  const out: TensorMismatch[] = [];
  for (let f = 0; f < expected.size; f++) {
    const e = expected.data[f]!;
    const a = actual.data[f]!;
    if (e.equals(a)) continue;
    let equalsEntry: number | null = null;
    if (!a.isZero()) {
      for (let g = 0; g < expected.size; g++) {
        if (g !== f && expected.data[g]!.equals(a)) {
          equalsEntry = g;
          break;
        }
      }
    }
    out.push({ flat: f, terms: termReport(e, a, n), equalsEntry });
  }
  return out;
}

export function tensorsEqual(a: Tensor, b: Tensor): boolean {
  return a.shape.join() === b.shape.join() && a.data.every((p, i) => p.equals(b.data[i]!));
}
