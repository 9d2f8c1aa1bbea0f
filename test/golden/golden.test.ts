/**
 * Golden files for the printed lecture (X 3×3, W 2×2, true convolution): text, json, and
 * summary without the machine-dependent lines (timings, memory). Compared exactly, and their
 * content checked against the brute-force oracle (every y, δw, δx they state has the oracle's terms).
 * UPDATE_GOLDEN=1 npx vitest run test/golden   regenerates them (then read the diff!): those tests
 * write their file and are reported skipped — a file is never compared with itself.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cliBatch, type Run } from "../cli/run.js";
import { agrees, lectureOracle, statedEquations } from "./lecture-oracle.js";

const LECTURE = ["derive", "--input", "3x3", "--kernel", "2x2"];
const UPDATE = process.env.UPDATE_GOLDEN === "1";

/** Lines that change from run to run: timings and memory. */
const VOLATILE = /^(time \(ms\)|peak memory)\s/;

const CASES: [string, string[], (s: string) => string][] = [
  ["lecture.txt", [...LECTURE], (s) => s],
  ["lecture.json", [...LECTURE, "--format", "json"], (s) => s],
  ["lecture.summary.txt", [...LECTURE, "--format", "summary"], (s) => s.split("\n").filter((l) => !VOLATILE.test(l)).join("\n")],
  // the same layer without the chain-rule steps, and 0-based indices
  ["lecture.no-steps.base0.txt", [...LECTURE, "--no-steps", "--index-base", "0"], (s) => s],
];

const golden = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

describe("golden output of the lecture", () => {
  /** The cases' command lines, run once in one batch (one Node process, the bin's bundle). */
  let runs: Promise<Run[]> | null = null;
  for (const [i, [file, args, normalise]] of CASES.entries()) {
    it.concurrent(`convgrad ${args.join(" ")} = test/golden/${file}`, async ({ skip }) => {
      const path = golden(file);
      const r = (await (runs ??= cliBatch(CASES.map(([, a]) => a))))[i]!;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe("");
      const got = normalise(r.stdout);
      if (UPDATE) {
        writeFileSync(path, got);
        skip(`UPDATE_GOLDEN=1: wrote test/golden/${file} (not compared with itself; review the diff)`);
      }
      if (!existsSync(path)) throw new Error(`missing golden ${file}: run UPDATE_GOLDEN=1 npx vitest run test/golden`);
      expect(got).toBe(readFileSync(path, "utf8"));
    });
  }

  it("the summary golden really had volatile lines removed (and nothing else)", () => {
    const g = readFileSync(golden("lecture.summary.txt"), "utf8");
    expect(g).not.toMatch(/time \(ms\)|MiB/);
    expect(g).toMatch(/^forward terms\s+16 /m);
    expect(g).toMatch(/^check\s+ΔX = Rot180\(W\) \*full ΔY: holds/m);
  });
});

describe("the goldens' content equals the brute-force oracle", () => {
  for (const [file, base] of [["lecture.txt", 1], ["lecture.no-steps.base0.txt", 0]] as const) {
    it(`${file}: every y, δw and δx it states, term by term`, () => {
      const oracle = lectureOracle(base);
      const stated = statedEquations(readFileSync(golden(file), "utf8"));
      // each of the 17 entries once (4 y, 4 δw, 9 δx), none other
      expect(stated.map((e) => e.entry).sort()).toEqual([...oracle.keys()].sort());
      for (const e of stated) expect(agrees(oracle, e), e.text).toBe(true);
    });
  }

  it("lecture.json: every entry's terms (forward, dX, dW) are the oracle's", () => {
    interface Entry {
      tensor?: string;
      index: number[];
      terms: { coef: string; factors: { tensor: string; index: number[] }[] }[];
    }
    const doc = JSON.parse(readFileSync(golden("lecture.json"), "utf8")) as { forward: Entry[]; gradients: { dX: Entry[]; dW: Entry[] } };
    const SYMBOL: Record<string, string> = { X: "x", W: "w", Y: "y", dY: "δy", dX: "δx", dW: "δw" };
    const read = (tensor: string, e: Entry) => ({
      entry: SYMBOL[tensor]! + e.index.join(""),
      terms: new Map(e.terms.map((t) => [t.factors.map((f) => SYMBOL[f.tensor]! + f.index.join("")).sort().join("·"), t.coef])),
      text: JSON.stringify(e),
    });
    const stated = [...doc.forward.map((e) => read("Y", e)), ...doc.gradients.dX.map((e) => read("dX", e)), ...doc.gradients.dW.map((e) => read("dW", e))];
    const oracle = lectureOracle(1);
    expect(stated.map((e) => e.entry).sort()).toEqual([...oracle.keys()].sort());
    for (const e of stated) expect(agrees(oracle, e), e.text).toBe(true);
  });

  it("the check can fail: one term moved to another entry is caught", () => {
    const oracle = lectureOracle(1);
    const g = readFileSync(golden("lecture.txt"), "utf8").replace("δx₂₂ = δy₁₁·w₁₁ + δy₁₂·w₁₂", "δx₂₂ = δy₁₁·w₁₁ + δy₁₂·w₂₁");
    const bad = statedEquations(g).filter((e) => !agrees(oracle, e));
    expect(bad.map((e) => e.entry)).toEqual(["δx22"]);
    // and a 0-based file read as 1-based disagrees everywhere
    const base0 = statedEquations(readFileSync(golden("lecture.no-steps.base0.txt"), "utf8"));
    expect(base0.filter((e) => agrees(oracle, e))).toEqual([]);
  });
});
