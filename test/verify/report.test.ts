/**
 * verify --format json is bounded per equation (src/verify/report.ts): a wrong rule on a large layer
 * once wrote every missing and extra term of every entry, one line of 117 MB.
 */
import { describe, expect, it } from "vitest";
import { JSON_ENTRY_TERMS, jsonChunks } from "../../src/verify/report.js";
import type { VerifyResult } from "../../src/verify/run.js";

const summary = { holds: 0, fails: 1, definitions: 0, skipped: 0, errors: 0 } as Parameters<typeof jsonChunks>[1];

function result(entries: number, terms: number): VerifyResult {
  const list = Array.from({ length: terms }, (_, k) => `δy_{1,${k + 1}}·x_{3,${k + 3}}`);
  return {
    file: "--expr", line: 1, column: 1, source: "ΔW = Rot180(ΔY) * X", status: "fails", method: "structural", message: "…",
    entries: Array.from({ length: entries }, (_, i) => ({ entry: `δw_{${i + 1}}`, missing: list, extra: list.slice(0, 3) })),
    details: [],
  } as VerifyResult;
}

describe("verify's JSON", () => {
  it("lists at most 1000 terms an entry and entries up to about 500 000 characters, counting the rest", () => {
    const text = [...jsonChunks([result(2000, 2000)], summary)].join("");
    expect(text.length).toBeLessThan(1_000_000); // 80 MB unbounded
    const r = JSON.parse(text).results[0];
    expect(r.entries[0].missing).toHaveLength(JSON_ENTRY_TERMS);
    expect(r.entries[0].missingCount).toBe(2000);
    expect(r.entries[0].extra).toHaveLength(3);
    expect(r.entries[0].extraCount).toBeUndefined();
    expect(r.entries.length).toBeGreaterThan(10);
    expect(r.entries.length + r.entriesOmitted).toBe(2000);
  });

  it("a result within the bounds is written whole, without counts", () => {
    const r = JSON.parse([...jsonChunks([result(3, 10)], summary)].join("")).results[0];
    expect(r.entries).toHaveLength(3);
    expect(r.entries[2].missing).toHaveLength(10);
    expect(r.entriesOmitted).toBeUndefined();
    expect(r.entries[0].missingCount).toBeUndefined();
  });
});
