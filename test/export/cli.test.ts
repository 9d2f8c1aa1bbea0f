/**
 * The export CLI: bad flags are one line naming the flag and the rule (exit 2); large
 * configurations give a bounded deck with a note; what convgrad prints reads back with
 * `convgrad verify` — every equation parses and holds against the derivation.
 *
 * The command lines run through cliBatch (several in one Node process, the bin's bundle): what is
 * checked here is what the commands print and return; the process itself (start-up, exit status of
 * the bin, pipes) is test/cli's.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, cliBatch, type Run } from "../cli/run.js";
import { CHANNELS, LECTURE, PADDED, STRIDED, XCORR } from "./configs.js";

const ERRORS: [string, string[], string, RegExp][] = [
  ["--standalone without latex", ["derive", ...LECTURE.flags, "--standalone"], "--standalone", /only applies to --format latex/],
  ["--tables with json", ["derive", ...LECTURE.flags, "--format", "json", "--tables"], "--tables", /text, latex or markdown/],
  ["unknown format", ["derive", ...LECTURE.flags, "--format", "pdf"], "--format", /must be one of .*latex, markdown/],
  ["bad --grad", ["slides", ...LECTURE.flags, "--grad", "nabla"], "--grad", /must be one of delta, partial, Delta/],
  ["bad --index-style", ["slides", ...LECTURE.flags, "--index-style", "wide"], "--index-style", /must be one of compact, comma, auto/],
  ["two names", ["slides", ...LECTURE.flags, "--names", "a,b"], "--names", /three names/],
  ["repeated names", ["slides", ...LECTURE.flags, "--names", "a,a,b"], "--names", /must differ/],
  ["non-ASCII name", ["slides", ...LECTURE.flags, "--names", "α,w,y"], "--names", /printable ASCII/],
  ["two roles, one tensor (a and A)", ["slides", ...LECTURE.flags, "--names", "a,A,z"], "--names", /tensor A/],
  ["two roles, one tensor (markdown)", ["derive", ...LECTURE.flags, "--format", "markdown", "--names", "x,W,w"], "--names", /tensor W/],
  ["the loss's name", ["slides", ...LECTURE.flags, "--names", "x,w,J"], "--names", /J is the loss/],
  ["the bias's name with --bias", ["slides", ...LECTURE.flags, "--bias", "--names", "b,w,y"], "--names", /b is the bias/],
  ["bad --max-frames", ["slides", ...LECTURE.flags, "--max-frames", "0"], "--max-frames", /at least 1/],
  ["slides without --kernel", ["slides", "--input", "3x3"], "--kernel", /required/],
  ["--names with text", ["derive", ...LECTURE.flags, "--names", "a,k,z"], "--names", /applies to --format latex or markdown/],
  ["--grad with json", ["derive", ...LECTURE.flags, "--format", "json", "--grad", "partial"], "--grad", /applies to --format latex or markdown/],
  ["bad --grad on derive", ["derive", ...LECTURE.flags, "--format", "latex", "--grad", "nabla"], "--grad", /must be one of delta, partial, Delta/],
];

describe("derive --format latex|markdown takes the deck's notation flags", () => {
  it("--names with HTML: the Markdown has no raw < or > (no HTML), the names are \\char60 … \\char62", async () => {
    const [r, k] = (await cliBatch([
      ["derive", ...LECTURE.flags, "--format", "markdown", "--tables", "--names", "<img/src=x/onerror=alert(1)>,w,y"],
      ["derive", ...LECTURE.flags, "--format", "markdown", "--names", "x,<script>,y"],
    ])) as [Run, Run];
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/[<>]/);
    expect(r.stdout).toContain("w_{22} {\\char60 img/src=x/onerror=alert(1)\\char62 }_{11}");
    // a name may be written in any role: the kernel too
    expect(k.code, k.stderr).toBe(0);
    expect(k.stdout).not.toMatch(/<script|[<>]/);
  }, 120_000);

  it("--names a,k,z --grad partial --index-style comma: renamed entries, ∂J/∂ gradients, comma indices", async () => {
    const formats = ["latex", "markdown"];
    const runs = await cliBatch(formats.map((format) => ["derive", ...LECTURE.flags, "--format", format, "--names", "a,k,z", "--grad", "partial", "--index-style", "comma"]));
    for (const [i, format] of formats.entries()) {
      const r = runs[i]!;
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("z_{1,1} &= k_{2,2} a_{1,1} + k_{2,1} a_{1,2} + k_{1,2} a_{2,1} + k_{1,1} a_{2,2}".replace(" &=", format === "latex" ? " &=" : " ="));
      expect(r.stdout).toMatch(/\\frac\{\\partial J\}\{\\partial k_\{1,1\}\}/);
      expect(r.stdout).not.toMatch(/[^\\]\bx_\{/);
    }
  }, 120_000);
});

describe("export flags: one clear line, exit 2", () => {
  /** Every case's command line, run once in one batch for the file's tests. */
  let runs: Promise<Run[]> | null = null;
  for (const [i, [what, , flag, rule]] of ERRORS.entries()) {
    it(what, async () => {
      const r = (await (runs ??= cliBatch(ERRORS.map((e) => e[1]))))[i]!;
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(flag);
      expect(lines[0]).toMatch(rule);
    }, 120_000);
  }
});

describe("large configurations", () => {
  it("a 32x32/5x5 deck is a representative subset with a note; --all-frames is not", async () => {
    const [r, all] = (await cliBatch([
      ["slides", "--input", "32x32", "--kernel", "5x5"],
      ["slides", "--input", "8x8", "--kernel", "3x3", "--all-frames"],
    ])) as [Run, Run];
    expect(r.code).toBe(0);
    const frames = (r.stdout.match(/\\begin\{frame\}/g) ?? []).length;
    expect(frames).toBeLessThan(70);
    expect(r.stdout).toContain("Showing 9 of 784 forward entries");
    expect(r.stdout).toContain("--all-frames");
    expect((all.stdout.match(/Verification: \$/g) ?? []).length).toBe(36 + 9 + 64);
  }, 120_000);

  it("text --tables prints every table", async () => {
    const r = await cli(["derive", ...STRIDED.flags, "--tables"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Tables for ΔX");
    expect((r.stdout.match(/^δx\S+:$/gm) ?? []).length).toBe(25);
  });
});

const DIR = mkdtempSync(join(tmpdir(), "convgrad-verify-"));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe("printed LaTeX and Markdown read back with convgrad verify", () => {
  const outputs: [string, string[]][] = [
    ["fragments.tex", ["derive", "--format", "latex"]],
    ["article.tex", ["derive", "--format", "latex", "--standalone", "--tables"]],
    ["notes.md", ["derive", "--format", "markdown", "--tables"]],
    ["deck.tex", ["slides"]],
  ];
  const cases = [LECTURE, XCORR, PADDED, STRIDED, CHANNELS].flatMap((c) => outputs.map(([file, args]) => ({ c, file, args, path: join(DIR, `${c.name.replace(/\W+/g, "_")}.${file}`) })));
  /** Every case printed (one batch), written to its file, then every file verified (a second batch). */
  let runs: Promise<{ printed: Run[]; verified: Run[] }> | null = null;
  const printAndVerify = async () => {
    const printed = await cliBatch(cases.map(({ c, args }) => [...args, ...c.flags]));
    cases.forEach(({ path }, i) => writeFileSync(path, printed[i]!.stdout));
    const verified = await cliBatch(cases.map(({ c, path }) => ["verify", ...c.flags, "--color", "never", path]), 240_000);
    return { printed, verified };
  };
  for (const [i, { c, file }] of cases.entries()) {
    it(`${c.name}: ${file}`, async () => {
      const { printed, verified } = await (runs ??= printAndVerify());
      const r = printed[i]!;
      expect(r.code).toBe(0);
      const v = verified[i]!;
      const summary = v.stdout.trimEnd().split("\n").pop()!;
      expect(summary).toMatch(/^\d+ hold, 0 fail, \d+ skipped, 0 errors$/);
      expect(Number(summary.split(" ")[0])).toBeGreaterThan(10);
      // the closed-form rules (Rot180, transposed convolution) are read and hold, never skipped
      const ruleLines = v.stdout.split("\n").filter((l) => /^\S+:\d+:\d+ /.test(l) && /Rot180/.test(l));
      expect(ruleLines.length).toBeGreaterThan(0);
      for (const l of ruleLines) expect(l, l).toMatch(/^\S+:\d+:\d+ +holds /);
      expect(v.code).toBe(0);
    }, 300_000);
  }
});
