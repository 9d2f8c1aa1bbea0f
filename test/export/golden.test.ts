/**
 * Golden files: the lecture's example in every export format, byte for byte, through the CLI, and
 * their content checked against the brute-force oracle (test/golden/lecture-oracle.ts): every y, δw
 * and δx equation a file states has exactly the oracle's terms, and every entry is stated.
 * UPDATE_GOLDEN=1 npx vitest run test/export/golden.test.ts rewrites them (review the diff!): those
 * tests write their file and are reported skipped — a file is never compared with itself.
 * Also: output is deterministic (two runs are identical).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cli, cliBatch, type Run } from "../cli/run.js";
import { agrees, lectureOracle, statedEquations } from "../golden/lecture-oracle.js";
import { LECTURE } from "./configs.js";

const DIR = fileURLToPath(new URL("./golden/", import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === "1";

/** [file, command, how many times each of the 17 entries' equations is stated in it] */
const GOLDEN: [string, string[], number][] = [
  ["lecture.tables.txt", ["derive", ...LECTURE.flags, "--tables"], 2],
  ["lecture.fragments.tex", ["derive", ...LECTURE.flags, "--format", "latex"], 1],
  ["lecture.article.tex", ["derive", ...LECTURE.flags, "--format", "latex", "--standalone", "--tables"], 2],
  ["lecture.md", ["derive", ...LECTURE.flags, "--format", "markdown", "--tables"], 2],
  ["lecture.slides.tex", ["slides", ...LECTURE.flags], 2],
];

describe("golden files (the lecture's example)", () => {
  /** The files' command lines, run once in one batch (one Node process, the bin's bundle). */
  let runs: Promise<Run[]> | null = null;
  for (const [i, [file, args]] of GOLDEN.entries()) {
    it(`${file}: convgrad ${args.join(" ")}`, async ({ skip }) => {
      const r = (await (runs ??= cliBatch(GOLDEN.map(([, a]) => a))))[i]!;
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const path = DIR + file;
      if (UPDATE) {
        mkdirSync(DIR, { recursive: true });
        writeFileSync(path, r.stdout);
        skip(`UPDATE_GOLDEN=1: wrote ${file} (not compared with itself; review the diff)`);
      }
      if (!existsSync(path)) {
        mkdirSync(DIR, { recursive: true });
        writeFileSync(path, r.stdout);
        throw new Error(`${file} was missing and has been written; review it and run again`);
      }
      expect(r.stdout).toBe(readFileSync(path, "utf8"));
    });
  }

  it("is deterministic (two processes)", async () => {
    const a = await cli(["slides", ...LECTURE.flags, "--op", "xcorr", "--padding", "1"]);
    const b = await cli(["slides", ...LECTURE.flags, "--op", "xcorr", "--padding", "1"]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe("the goldens' formulas equal the brute-force oracle", () => {
  const oracle = lectureOracle(1);
  for (const [file, , times] of GOLDEN) {
    it(`${file}: every y, δw and δx it states, term by term (each entry ${times}×)`, () => {
      const stated = statedEquations(readFileSync(DIR + file, "utf8"));
      const expected = [...oracle.keys()].flatMap((k) => new Array<string>(times).fill(k)).sort();
      expect(stated.map((e) => e.entry).sort()).toEqual(expected);
      for (const e of stated) expect(agrees(oracle, e), `${file}: ${e.text}`).toBe(true);
    });
  }

  it("the lecture's δx₂₂ in the slides and in Markdown, as the lecture writes it", () => {
    // δx₂₂ = δy₁₁w₁₁ + δy₁₂w₁₂ + δy₂₁w₂₁ + δy₂₂w₂₂: the one entry every kernel entry reaches
    expect([...oracle.get("δx22")!.keys()].sort()).toEqual(["w11·δy11", "w12·δy12", "w21·δy21", "w22·δy22"]);
    for (const file of ["lecture.slides.tex", "lecture.md"]) {
      const dx22 = statedEquations(readFileSync(DIR + file, "utf8")).filter((e) => e.entry === "δx22");
      expect(dx22.length, file).toBeGreaterThan(0);
      for (const e of dx22) expect(e.terms).toEqual(oracle.get("δx22"));
    }
  });

  it("the check can fail: a kernel entry swapped in the slides is caught, and only there", () => {
    const slides = readFileSync(DIR + "lecture.slides.tex", "utf8");
    const swapped = slides.replace("$\\delta x_{22}$ & $= \\delta y_{11} w_{11}", "$\\delta x_{22}$ & $= \\delta y_{11} w_{22}");
    expect(swapped).not.toBe(slides);
    const bad = statedEquations(swapped).filter((e) => !agrees(oracle, e));
    expect(bad.map((e) => e.entry)).toEqual(["δx22"]);
  });
});
