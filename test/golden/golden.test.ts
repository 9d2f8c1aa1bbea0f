/**
 * Golden files for the printed lecture (X 3×3, W 2×2, true convolution): text, json, and
 * summary without the machine-dependent lines (timings, memory). Compared exactly.
 * UPDATE_GOLDEN=1 npx vitest run test/golden   regenerates them (then read the diff!).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cli } from "../cli/run.js";

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

describe("golden output of the lecture", () => {
  for (const [file, args, normalise] of CASES) {
    it.concurrent(`convgrad ${args.join(" ")} = test/golden/${file}`, async () => {
      const path = fileURLToPath(new URL(file, import.meta.url));
      const r = await cli(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe("");
      const got = normalise(r.stdout);
      if (UPDATE || !existsSync(path)) {
        if (!UPDATE) throw new Error(`missing golden ${file}: run UPDATE_GOLDEN=1 npx vitest run test/golden`);
        writeFileSync(path, got);
      }
      expect(got).toBe(readFileSync(path, "utf8"));
    });
  }

  it("the summary golden really had volatile lines removed (and nothing else)", () => {
    const g = readFileSync(fileURLToPath(new URL("lecture.summary.txt", import.meta.url)), "utf8");
    expect(g).not.toMatch(/time \(ms\)|MiB/);
    expect(g).toMatch(/^forward terms\s+16 /m);
    expect(g).toMatch(/^check\s+ΔX = Rot180\(W\) \*full ΔY: holds/m);
  });
});
