/**
 * Hostile and odd command lines (issue 10): each is refused with one line on stderr naming the
 * right flag, or handled, never silently misread.
 */
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { escapeControls } from "../../src/cli/output.js";
import { cli, cliBatch, MAIN, ROOT, type Run } from "./run.js";

const OK = ["--input", "3x3", "--kernel", "2x2"];

/**
 * Runs the command lines given by `lines` once, in one batch (one Node process, the bin's bundle:
 * what main prints and returns, which the bin makes its exit code), for the tests of one table;
 * the function returned gives the i-th run. The exit-code tests below spawn the bin itself.
 */
function batchOf(lines: () => readonly (readonly string[])[]): (i: number) => Promise<Run> {
  let runs: Promise<Run[]> | null = null;
  return async (i) => (await (runs ??= cliBatch(lines())))[i]!;
}

/** Exactly one line on stderr, starting "convgrad: ", exit 2, nothing on stdout. */
function oneLineUsage(r: Run): string {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.split("\n");
  expect(lines, r.stderr).toHaveLength(2);
  expect(lines[1]).toBe("");
  expect(lines[0]!.startsWith("convgrad: ")).toBe(true);
  return lines[0]!;
}

describe("a flag given twice is an error naming it, in every command", () => {
  const cases: [string, string[], string][] = [
    ["derive --input twice", ["derive", ...OK, "--input", "4x4"], "--input"],
    ["derive --padding twice (= form)", ["derive", ...OK, "--padding", "1", "--padding=2"], "--padding"],
    ["derive --format twice", ["derive", ...OK, "--format", "json", "--format", "text"], "--format"],
    ["derive --bias twice", ["derive", ...OK, "--bias", "--bias"], "--bias"],
    ["slides --title twice", ["slides", ...OK, "--title", "a", "--title", "b"], "--title"],
    ["slides --kernel twice", ["slides", ...OK, "--kernel", "3x3"], "--kernel"],
    ["verify --in-channels twice", ["verify", ...OK, "--in-channels", "2", "--in-channels", "3", "--expr", "Y = X * W"], "--in-channels"],
    ["verify --format twice", ["verify", ...OK, "--format", "json", "--format", "text", "--expr", "Y = X * W"], "--format"],
  ];
  const extra = [["derive", ...OK, "--input", "4x4"], ["verify", ...OK, "--expr", "Y = X * W", "--expr", "ΔX = Rot180(W) *full ΔY"]];
  const run = batchOf(() => [...cases.map(([, args]) => args), ...extra]);
  for (const [i, [what, , flag]] of cases.entries()) {
    it.concurrent(what, async () => {
      const line = oneLineUsage(await run(i));
      expect(line).toMatch(new RegExp(`^convgrad: ${flag}: is given more than once`));
    });
  }

  it.concurrent("the message shows both values", async () => {
    const line = oneLineUsage(await run(cases.length));
    expect(line).toContain('("3x3", then "4x4")');
  });

  it.concurrent("verify --expr stays repeatable (it collects formulas)", async () => {
    const r = await run(cases.length + 1);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^2 hold, 0 fail/m);
  });
});

describe("a size too large for exact indices names the flag that made it", () => {
  const cases: [string, string[], string, RegExp][] = [
    ["a huge --padding", [...OK, "--padding", "4503599627370496"], "--padding", /4503599627370496 is too large: the padded input/],
    ["a huge lo:hi --padding", [...OK, "--padding", "0:9007199254740990"], "--padding", /0:9007199254740990 is too large/],
    ["a padding that makes the output too large", ["--input", "1", "--kernel", "1", "--padding", "4503599627370495"], "--padding", /output of size 9007199254740991/],
    ["a huge --input", ["--input", "9007199254740991", "--kernel", "2"], "--input", /9007199254740991 is too large/],
    ["a huge --in-channels", ["--input", "3", "--kernel", "2", "--in-channels", "9007199254740991"], "--in-channels", /too large/],
    ["a huge --out-channels", ["--input", "3", "--kernel", "2", "--out-channels", "9007199254740991"], "--out-channels", /too large/],
    ["a huge --groups (channels default to it)", ["--input", "3", "--kernel", "2", "--groups", "9007199254740991"], "--groups", /too large/],
    ["a huge --batch", ["--input", "3", "--kernel", "2", "--batch", "9007199254740991"], "--batch", /too large/],
    ["a huge kernel with full padding", ["--input", "3", "--kernel", "9007199254740991", "--padding", "full"], "--kernel", /too large for --padding full/],
    ["a huge --index-base is still the base's fault", ["--input", "3", "--kernel", "1", "--index-base", "9007199254740990"], "--index-base", /too large/],
  ];
  const run = batchOf(() => cases.map(([, args]) => ["derive", ...args]));
  for (const [i, [what, args, flag, rule]] of cases.entries()) {
    it.concurrent(`${what}: derive ${args.join(" ")}`, async () => {
      const line = oneLineUsage(await run(i));
      expect(line.startsWith(`convgrad: ${flag}: `), line).toBe(true);
      expect(line).toMatch(rule);
      if (flag !== "--index-base") expect(line).not.toContain("--index-base");
    });
  }
});

/** C0, DEL, C1 and the bidi / line-separator code points a terminal acts on. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/;

describe("error messages never carry raw control characters", () => {
  it("escapeControls shows them as \\x.. or \\u{..}", () => {
    expect(escapeControls("a\x1b[2Jb")).toBe("a\\x1b[2Jb");
    expect(escapeControls("\x07\x00\x7f\x9b")).toBe("\\x07\\x00\\x7f\\x9b");
    expect(escapeControls("abc\u202edcba")).toBe("abc\\u{202e}dcba");
    expect(escapeControls("δx₂₂ = café ×")).toBe("δx₂₂ = café ×");
  });

  const cases: [string, string[], string][] = [
    ["a flag value (clear screen)", ["derive", "--input", "\x1b[2J3x3", "--kernel", "2x2"], "\\x1b[2J3x3"],
    ["an unknown flag (colour, right-to-left override)", ["derive", ...OK, "--str\x1b[31mid\u202e"], "--str\\x1b[31mid\\u{202e}"],
    ["a file name (bell)", ["verify", ...OK, "no\x07such-file"], "no\\x07such-file"],
    ["a repeated flag's values", ["derive", ...OK, "--op", "conv", "--op", "x\x1bcorr"], "x\\x1bcorr"],
  ];
  const run = batchOf(() => cases.map(([, args]) => args));
  for (const [i, [what, , shown]] of cases.entries()) {
    it.concurrent(what, async () => {
      const r = await run(i);
      const line = oneLineUsage(r);
      expect(r.stderr).not.toMatch(RAW_CONTROL);
      expect(line).toContain(shown);
    });
  }
});

/**
 * The CLI with a bug planted: a preloaded module makes stdout.write throw a TypeError, as a bug
 * in a printer would (convgrad itself has no hook for this).
 */
function cliWithBug(args: readonly string[]): Promise<Run> {
  const plant = 'data:text/javascript,process.stdout.write=()=>{throw new TypeError("planted bug")}';
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", plant, MAIN, ...args], { cwd: ROOT, timeout: 60_000, encoding: "utf8" }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

describe("exit codes", () => {
  it.concurrent("an internal error exits 70 with one line asking for a report, no stack", async () => {
    const r = await cliWithBug(["derive", ...OK]);
    expect(r.code, r.stderr).toBe(70);
    expect(r.stderr).toBe("convgrad: internal error: TypeError: planted bug (please report)\n");
  });

  it.concurrent("--debug (before or after the command) adds the stack trace", async () => {
    for (const args of [["--debug", "derive", ...OK], ["derive", ...OK, "--debug"]]) {
      const r = await cliWithBug(args);
      expect(r.code, r.stderr).toBe(70);
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines[0]).toBe("convgrad: internal error: TypeError: planted bug (please report)");
      expect(lines[1]).toBe("TypeError: planted bug");
      expect(lines.slice(2).some((l) => /^\s+at .*writeAll/.test(l)), r.stderr).toBe(true);
    }
  });

  it.concurrent("--debug does not change a successful run or a usage error", async () => {
    const ok = await cli(["--debug", "derive", ...OK]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe("");
    const bad = await cli(["derive", "--input", "0x3", "--kernel", "2x2", "--debug"]);
    expect(oneLineUsage(bad)).toMatch(/--input/);
  });

  it.concurrent("--help lists the exit codes 0, 1, 2 and 70; derive and slides help too", async () => {
    for (const args of [["--help"], ["derive", "--help"], ["slides", "--help"]]) {
      const r = await cli(args);
      expect(r.code).toBe(0);
      const block = r.stdout.slice(r.stdout.indexOf("Exit codes:"));
      for (const code of ["0", "1", "2", "70"]) expect(block, `${args.join(" ")}: ${code}`).toMatch(new RegExp(`^\\s+${code}\\s+\\S`, "m"));
    }
    const root = await cli(["--help"]);
    expect(root.stdout).toContain("--debug");
  });
});

describe("derive's text output is bounded by default", () => {
  it("a 64×64 / 5×5 layer prints each section's share and the count of the rest; --all with another format is refused", async () => {
    const [r, t, all] = (await cliBatch([
      ["derive", "--input", "64x64", "--kernel", "5x5"],
      ["derive", "--input", "64x64", "--kernel", "5x5", "--tables", "--no-steps"],
      ["derive", "--input", "3x3", "--kernel", "2x2", "--format", "json", "--all"],
    ])) as [Run, Run, Run];
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeLessThan(4_000_000);
    const more = /… (\d+) more entries of Y not shown/.exec(r.stdout);
    expect(more).toBeTruthy();
    const shown = r.stdout.split("\n").filter((l) => /^ {2}y\S* = /.test(l)).length;
    expect(shown + Number(more![1])).toBe(60 * 60);
    expect(r.stdout).toMatch(/ΔX = Rot180\(W\) \*full ΔY\n\s+holds/);
    // --tables draws a few of each kind (corners, edges, centre) and says how many of all
    expect(t.stdout).toMatch(/^Tables for Y \(9 of 3600 entries\)$/m);
    expect(t.stdout).toMatch(/^Tables for ΔX \(9 of 4096 entries\)$/m);
    expect(all.code).toBe(2);
    expect(all.stderr).toMatch(/^convgrad: --all: applies to --format text/);
  }, 120_000);

  it("latex and markdown are bounded per section the same way; --all prints every entry", async () => {
    const formats = ["latex", "markdown"];
    const runs = await cliBatch([
      ...formats.map((format) => ["derive", "--input", "64x64", "--kernel", "5x5", "--format", format]),
      ["derive", "--input", "40x40", "--kernel", "5x5", "--format", "latex", "--all"],
    ]);
    for (const [i, format] of formats.entries()) {
      const r = runs[i]!;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.length).toBeLessThan(6_000_000); // 26 MB with --all
      const more = /… (\d+) more entries of Y not shown \(--all prints every one/.exec(r.stdout.replace(/\\dots\{\} /g, "… ").replace(/-\{\}/g, "-"));
      expect(more, format).toBeTruthy();
      const shown = r.stdout.split("\n").filter((l) => /^y_\{[\d,]+\} &?= /.test(l)).length;
      expect(shown + Number(more![1]), format).toBe(60 * 60);
      expect(r.stdout).toMatch(/more entries of (\$\\Delta\$|Δ)X not shown/);
    }
    const all = runs[formats.length]!;
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).not.toContain("not shown");
    expect(all.stdout.split("\n").filter((l) => /^y_\{[\d,]+\} &= /.test(l))).toHaveLength(36 * 36);
  }, 120_000);
});
