/** Helpers for verify tests: exactly-one-parse assertion, a lecture derivation, one-line checks. */
import { expect } from "vitest";
import { derive, type Derivation } from "../../src/derive.js";
import type { Node } from "../../src/lang/ast.js";
import { parseAll } from "../../src/lang/parse.js";
import { verifyInput, type VerifyResult } from "../../src/verify/run.js";

/** Parses and asserts that the grammar gives exactly one parse. */
export function parseOne(text: string): Node[] {
  const all = parseAll(text);
  expect(all.length, `number of parses of ${JSON.stringify(text)}`).toBe(1);
  return all[0]!;
}

let lecture: Derivation | undefined;
/** The lecture's layer: X 3×3, W 2×2, true convolution, valid. */
export function lectureDerivation(): Derivation {
  lecture ??= derive({ input: [3, 3], kernel: [2, 2] }, { checks: false });
  return lecture;
}

let xcorr: Derivation | undefined;
export function xcorrDerivation(): Derivation {
  xcorr ??= derive({ input: [3, 3], kernel: [2, 2], op: "xcorr" }, { checks: false });
  return xcorr;
}

/** Verifies text (plain: one formula per line unless it has $…$) against a derivation. */
export function check(text: string, d: Derivation = lectureDerivation(), mode: "auto" | "plain" = "plain"): VerifyResult[] {
  return verifyInput(d, { file: "t", text, mode }, { points: 4 });
}

export function one(text: string, d: Derivation = lectureDerivation()): VerifyResult {
  const r = check(text, d);
  expect(r.length, `equations in ${JSON.stringify(text)}`).toBe(1);
  return r[0]!;
}
