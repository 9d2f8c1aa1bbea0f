/**
 * `convgrad verify` end to end (spawns dist/bin/convgrad.js, the bundled bin; run `npm run build` first): the lecture's
 * summary file, the JSON format, exit codes, stdin, usage errors.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cli } from "../cli/run.js";

const LECTURE = ["--input", "3x3", "--kernel", "2x2"];
const FILE = "docs/examples/lecture-summary.tex";

interface Json {
  format: string;
  results: { file: string; line: number; column: number; source: string; status: string; method: string | null; message: string; entries: { entry: string; missing: string[]; extra: string[] }[] }[];
  summary: { holds: number; fails: number; skipped: number; errors: number };
}

describe("convgrad verify", () => {
  it("finds every error of the lecture's summary formulas and states the correct formula", async () => {
    const r = await cli(["verify", ...LECTURE, FILE, "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.format).toBe("convgrad.verify/1");
    const fails = j.results.filter((x) => x.status === "fails");
    // ΔX matrix (δx31 twice), δy_{ij} = ∂J/∂y_{ii} (twice), δx22 (δy11 w22 for δy22 w22),
    // ΔX = Rot180(W) * ΔY (needs full padding), ΔW = Rot180(ΔY) * X (rotated)
    expect(fails.map((x) => x.source.slice(0, 16))).toEqual([
      "\\Delta \\mathbf{X",
      "\\delta y_{ij} = ",
      "\\frac{\\partial J",
      "\\delta x_{22} = ",
      "\\Delta X = Rot18",
      "\\Delta \\mathbf{W",
    ]);
    expect(fails[0]!.entries.map((e) => e.entry)).toEqual(["δx_{3,2}"]);
    expect(fails[1]!.message).toContain("the indices differ");
    expect(fails[2]!.message).toContain("the indices differ");
    expect(fails[3]!.entries).toEqual([{ entry: "δx_{2,2}", missing: ["δy_{2,2}·w_{2,2}"], extra: ["δy_{1,1}·w_{2,2}"] }]);
    expect(fails[4]!.message).toContain("holds with full padding: ΔX = Rot180(W) *full ΔY");
    expect(fails[5]!.message).toContain("rotated by 180°");
    const text = await cli(["verify", ...LECTURE, FILE]);
    expect(text.stdout).toContain("correct: ΔW = Rot180(X) * ΔY");
    expect(text.stdout).toContain("correct: ΔX = Rot180(W) *full ΔY");
    expect(text.stdout).toContain("correct: δx₂₂ = δy₁₁·w₁₁ + δy₁₂·w₁₂ + δy₂₁·w₂₁ + δy₂₂·w₂₂");
    // the update rule is skipped, the other formulas hold
    const update = j.results.find((x) => x.source.startsWith("W = W"))!;
    expect(update.status).toBe("skipped");
    expect(j.summary.fails).toBe(6);
    expect(j.summary.errors).toBe(0);
    expect(j.summary.holds).toBeGreaterThanOrEqual(18);
    // results in input order, lines 1-based where the equation starts
    const lines = j.results.map((x) => x.line);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
    const src = readFileSync(FILE, "utf8").split("\n");
    for (const x of j.results) expect(src[x.line - 1]!.slice(x.column - 1).startsWith(x.source.slice(0, 10))).toBe(true);
  });

  it("the committed example outputs are what verify prints now", async () => {
    for (const [src, out, code] of [
      [FILE, "docs/examples/lecture-summary.verify.txt", 1],
      ["docs/examples/planted-errors.md", "docs/examples/planted-errors.verify.txt", 1],
    ] as const) {
      const r = await cli(["verify", ...LECTURE, src]);
      expect(r.code).toBe(code);
      expect(r.stdout).toBe(readFileSync(out, "utf8"));
    }
    // the textbook excerpt of docs/VERIFY.md, with its own layer
    {
      const r = await cli(["verify", "--input", "5x4", "--kernel", "3x2", "--bias", "docs/examples/textbook-excerpt.tex"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(readFileSync("docs/examples/textbook-excerpt.verify.txt", "utf8"));
      expect(r.stdout).toContain("Y = x^{l}, X = o^{l-1}, W = w^{l}, b = b^{l}");
    }
    const planted = JSON.parse((await cli(["verify", ...LECTURE, "docs/examples/planted-errors.md", "--format", "json"])).stdout) as Json;
    expect(planted.summary).toEqual({ holds: 3, fails: 13, definitions: 0, skipped: 0, errors: 0 });
  });

  it("JSON format: every field, methods, summary", async () => {
    const r = await cli(["verify", ...LECTURE, "--format", "json", "--expr", "δx11 = δy11 w22", "--expr", "W = W - \\alpha \\Delta W", "--expr", "δx12 = δy11 w21 + δy12 w22 + δy12 w11"]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.results.map((x) => [x.file, x.line, x.column, x.status, x.method])).toEqual([
      ["--expr#1", 1, 1, "holds", "structural"],
      ["--expr#2", 1, 1, "skipped", null],
      ["--expr#3", 1, 1, "fails", "structural"],
    ]);
    expect(j.results[2]!.entries).toEqual([{ entry: "δx_{1,2}", missing: [], extra: ["δy_{1,2}·w_{1,1}"] }]);
    expect(j.summary).toEqual({ holds: 1, fails: 1, definitions: 0, skipped: 1, errors: 0 });
  });

  it("exit codes: 0 all hold, 1 a failure, 2 a parse error", async () => {
    expect((await cli(["verify", ...LECTURE, "--expr", "Y = X * W"])).code).toBe(0);
    expect((await cli(["verify", ...LECTURE, "--expr", "Y = X \\star W"])).code).toBe(1);
    const bad = await cli(["verify", ...LECTURE, "--expr", "Y = X * W", "--expr", "Y = (X"]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/--expr#2:1:1 +ERROR +Y = \(X\n +parse error at 1:7: unexpected end of input; expected/);
    expect(bad.stdout).toMatch(/--expr#1:1:1 +holds/);
  });

  it("reads standard input and plain text has no color codes", async () => {
    const { execFileSync } = await import("node:child_process");
    const out = execFileSync(process.execPath, ["dist/bin/convgrad.js", "verify", ...LECTURE, "-"], { input: "$$\\delta x_{11} = \\delta y_{11} w_{22}$$\n", encoding: "utf8" });
    expect(out).toMatch(/^-:1:3 +holds/);
    expect(out).not.toContain("\x1b[");
  });

  it("usage errors are one line, exit 2, no stack trace", async () => {
    for (const args of [["verify", ...LECTURE], ["verify", ...LECTURE, "missing.tex"], ["verify", ...LECTURE, "--format", "xml", "--expr", "Y = X * W"]]) {
      const r = await cli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\bat .*\.js/);
    }
  });

  it("with channels and batch: entries and feature-map formulas are checked, whole-tensor matrix formulas are skipped", async () => {
    const flags = [...LECTURE, "--batch", "2", "--in-channels", "2", "--out-channels", "1", "--color", "never"];
    // y[n=2, o=1, 1, 1] sums both input channels of the second batch item
    const y = "y_{2,1,1,1} = w_{1,1,2,2} x_{2,1,1,1} + w_{1,1,2,1} x_{2,1,1,2} + w_{1,1,1,2} x_{2,1,2,1} + w_{1,1,1,1} x_{2,1,2,2} + w_{1,2,2,2} x_{2,2,1,1} + w_{1,2,2,1} x_{2,2,1,2} + w_{1,2,1,2} x_{2,2,2,1} + w_{1,2,1,1} x_{2,2,2,2}";
    const ok = await cli(["verify", ...flags, "--expr", y, "--expr", "Y = X * W", "--expr", "ΔW[o,c] = Σ_n Rot180(X[n,c]) * ΔY[n,o]"]);
    expect(ok.stdout).toMatch(/2 hold, 0 fail, 1 skipped, 0 errors/);
    expect(ok.stdout).toMatch(/holds for every o, c over 2 values/);
    expect(ok.code).toBe(0);
    const wrong = await cli(["verify", ...flags, "--expr", y.replace("x_{2,2,2,2}", "x_{1,2,2,2}")]);
    expect(wrong.stdout).toMatch(/missing .*x₂,₂,₂,₂/);
    expect(wrong.code).toBe(1);
  });

  it("the configuration flags apply: index base 0 and xcorr", async () => {
    expect((await cli(["verify", ...LECTURE, "--index-base", "0", "--expr", "δx00 = δy00 w11"])).code).toBe(0);
    expect((await cli(["verify", ...LECTURE, "--op", "xcorr", "--expr", "ΔW = X ⋆ ΔY", "--expr", "ΔX = ΔY ⋆full Rot180(W)"])).code).toBe(0);
  });
});
