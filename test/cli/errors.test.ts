/**
 * `convgrad derive` error handling: every bad request is exactly one line on stderr naming the
 * flag and the rule, exit code 2, no stack trace; impossible sizes are refused at once with the
 * estimate; --help documents every flag; --version prints the package version.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cli, cliBatch, ROOT, type Run } from "./run.js";

const OK = ["--input", "3x3", "--kernel", "2x2"];

/** [description, args, flag the message must name, words of the rule (regex)] */
const CASES: [string, string[], string, RegExp][] = [
  ["zero size", ["--input", "0x3", "--kernel", "2x2"], "--input", /positive/],
  ["zero kernel", ["--input", "3x3", "--kernel", "2x0"], "--kernel", /positive/],
  ["negative size", ["--input", "-3x3", "--kernel", "2x2"], "--input", /positive integers|not a size/],
  ["non-integer size", ["--input", "2.5x3", "--kernel", "2x2"], "--input", /not a size|integer/],
  ["malformed size", ["--input", "3by3", "--kernel", "2x2"], "--input", /not a size/],
  ["empty axis", ["--input", "3x", "--kernel", "2x2"], "--input", /not a size/],
  ["four axes", ["--input", "3x3x3x3", "--kernel", "2x2x2x2"], "--input", /axes/],
  ["kernel does not fit", ["--input", "2x3", "--kernel", "3x2"], "--kernel", /does not fit/],
  ["kernel does not fit with dilation", ["--input", "4", "--kernel", "3", "--dilation", "2"], "--kernel", /does not fit/],
  ["mismatched ranks", ["--input", "3x3", "--kernel", "2"], "--kernel", /axes|rank/],
  ["stride rank mismatch", [...OK, "--stride", "1x1x1"], "--stride", /axes/],
  ["groups do not divide in-channels", [...OK, "--in-channels", "3", "--out-channels", "4", "--groups", "2"], "--groups", /divide/],
  ["groups do not divide out-channels", [...OK, "--in-channels", "4", "--out-channels", "3", "--groups", "2"], "--groups", /divide/],
  ["stride 0", [...OK, "--stride", "0"], "--stride", /at least 1|positive/],
  ["dilation 0", [...OK, "--dilation", "0"], "--dilation", /at least 1|positive/],
  ["stride 0 on one axis", [...OK, "--stride", "1x0"], "--stride", /at least 1|positive/],
  ["negative stride", [...OK, "--stride", "-1"], "--stride", /at least 1|positive|not a size/],
  ["groups 0", [...OK, "--groups", "0"], "--groups", /at least 1/],
  ["batch 0", [...OK, "--batch", "0"], "--batch", /at least 1/],
  ["in-channels 0", [...OK, "--in-channels", "0"], "--in-channels", /at least 1/],
  ["non-integer channels", [...OK, "--out-channels", "1.5"], "--out-channels", /integer/],
  ["negative padding", [...OK, "--padding", "-1"], "--padding", /non-negative|not a padding/],
  ["malformed padding", [...OK, "--padding", "wide"], "--padding", /not a padding/],
  ["padding rank mismatch", [...OK, "--padding", "1x1x1"], "--padding", /axes/],
  ["index base -1", [...OK, "--index-base", "-1"], "--index-base", /at least 0/],
  ["index base whose indices would pass 2^53", ["--input", "3", "--kernel", "1", "--index-base", "9007199254740991"], "--index-base", /too large/],
  ["unknown op", [...OK, "--op", "conv2d"], "--op", /conv, xcorr/],
  ["unknown format", [...OK, "--format", "xml"], "--format", /must be one of text, json, summary/],
  ["unknown method", [...OK, "--method", "guess"], "--method", /structural, numeric/],
  ["points 0", [...OK, "--points", "0"], "--points", /at least 1/],
  ["points that would run for minutes", [...OK, "--method", "numeric", "--points", "10000000"], "--points", /at most 1000/],
  ["max-terms 0", [...OK, "--max-terms", "0"], "--max-terms", /at least 1/],
  ["unknown flag", [...OK, "--strid", "2"], "--strid", /unknown option/],
  ["missing --kernel", ["--input", "3x3"], "--kernel", /required/],
  ["missing --input", ["--kernel", "2x2"], "--input", /required/],
  ["flag without its value", ["--input", "3x3", "--kernel"], "--kernel", /argument missing|required/],
];

describe("usage errors: one line on stderr naming the flag and the rule, exit 2, no stack trace", () => {
  // The cases' command lines run in one batch (one Node process, the bin's bundle: what main prints
  // and returns, which the bin makes its exit code); the tests below this table spawn the bin itself.
  let runs: Promise<Run[]> | null = null;
  for (const [i, [what, args, flag, rule]] of CASES.entries()) {
    it.concurrent(`${what}: derive ${args.join(" ")}`, async () => {
      const r = (await (runs ??= cliBatch(CASES.map(([, a]) => ["derive", ...a]))))[i]!;
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe("");
      const lines = r.stderr.split("\n");
      expect(lines.at(-1)).toBe(""); // ends with a newline
      expect(lines.length, r.stderr).toBe(2); // exactly one line
      const line = lines[0]!;
      expect(line.startsWith("convgrad: ")).toBe(true);
      expect(line).toContain(flag);
      expect(line).toMatch(rule);
      expect(line).not.toMatch(/\bat \S+:\d+|^\s+at /);
      expect(line).not.toMatch(/internal error|TypeError|RangeError/);
    });
  }

  it.concurrent("an absurd padding (more than 2^53) is a usage error naming --padding, not a rounded number", async () => {
    const r = await cli(["derive", ...OK, "--padding", "99999999999999999999"]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")).toHaveLength(2);
    expect(r.stderr).toContain("--padding");
  });
});

describe("size limits", () => {
  it.concurrent("a request that cannot fit in memory is refused at once, with the estimate", async () => {
    const r = await cli(["derive", "--input", "100000x100000", "--kernel", "50x50"]);
    expect(r.code).toBe(2);
    // refused before any work (deriving it would run for hours); the bound is loose, for a busy machine: at a load
    // average above 10 a Node start alone took over 2 s
    expect(r.ms).toBeLessThan(10000);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("--max-terms");
    // the estimate: (100000 − 50 + 1)² · 50² = 2.50e13 forward terms, or 10^10 + … symbols, and the memory
    expect(lines[0]).toMatch(/(2\.50e13 forward terms|[0-9.]+e1[0-3] symbols)/);
    expect(lines[0]).toMatch(/\d[\d.]* ?[KMGTPE]B of memory/);
  });

  it.concurrent("a large stride makes symbols, not terms, the bulk: refused by its memory (it peaked at 11 GB), at once", async () => {
    const r = await cli(["derive", "--input", "8000x8000", "--kernel", "9x9", "--stride", "17", "--format", "json"]);
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(10000); // it ran 53 s before failing (the bound leaves room for a busy machine)
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("convgrad: --max-terms: this configuration has 64.4 M symbols and 18.0 M forward terms (about 11.5 GB of memory), more than the limit 20.0 M allows (about 2.60 GB); raise --max-terms if the machine can hold it\n");
  });

  it.concurrent("the same refusal for 3-D and channel-heavy requests", async () => {
    const r = await cli(["derive", "--input", "512x512x512", "--kernel", "5x5x5", "--in-channels", "64", "--out-channels", "64"]);
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(10000); // (as above: at once, on a busy machine)
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("--max-terms");
  });

  it.concurrent("--max-terms sets the limit: 6x6 * 3x3 needs 16·9 = 144 forward terms", async () => {
    const low = await cli(["derive", "--input", "6x6", "--kernel", "3x3", "--max-terms", "143", "--format", "summary"]);
    expect(low.code).toBe(2);
    expect(low.stderr).toMatch(/144/);
    const exact = await cli(["derive", "--input", "6x6", "--kernel", "3x3", "--max-terms", "144", "--format", "summary"]);
    expect(exact.code, exact.stderr).toBe(0);
    expect(exact.stdout).toMatch(/forward terms\s+144\b/);
  });

  it.concurrent("a request above the default limit is accepted once --max-terms is raised (refusal only, no run)", async () => {
    // 64x64x64 * 5x5x5 with 8→8 channels: 60³·8·8·5³ = 1.728e9 forward terms > 20 M default
    const r = await cli(["derive", "--input", "64x64x64", "--kernel", "5x5x5", "--in-channels", "8", "--out-channels", "8"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/1\.73\s*e\s*\+?9|1\.73e9|1\.73 ?G/);
  });
});

describe("--help and --version", () => {
  it.concurrent("derive --help documents every flag", async () => {
    const r = await cli(["derive", "--help"]);
    expect(r.code).toBe(0);
    const flags = [
      "--input", "--kernel", "--op", "--stride", "--padding", "--dilation", "--in-channels", "--out-channels",
      "--groups", "--batch", "--bias", "--index-base", "--format", "--max-terms", "--method", "--points", "--no-steps",
    ];
    for (const f of flags) expect(r.stdout, f).toMatch(new RegExp(`${f}\\b[^\\n]*\\S+\\s{2,}\\S|${f}\\b`));
    // each flag line carries a description, not just the flag
    for (const f of flags) {
      const line = r.stdout.split("\n").find((l) => l.trimStart().startsWith(f + " ") || l.trimStart().startsWith(f + ","))!;
      expect(line, f).toBeDefined();
      expect(line.trim().length, f).toBeGreaterThan(f.length + 8);
    }
    for (const word of ["valid", "same", "full", "xcorr", "json", "summary"]) expect(r.stdout).toContain(word);
  });

  it.concurrent("no command: one line naming the commands, exit 2 (not silence and exit 0)", async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")).toHaveLength(2);
    expect(r.stderr).toMatch(/^convgrad: .*command.*derive/);
  });

  it.concurrent("convgrad help derive = convgrad derive --help, exit 0", async () => {
    const [a, b] = await Promise.all([cli(["help", "derive"]), cli(["derive", "--help"])]);
    expect(a.code).toBe(0);
    expect(a.stderr).toBe("");
    expect(a.stdout).toBe(b.stdout);
  });

  it.concurrent("--help lists the derive command", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/derive/);
  });

  it.concurrent("--version prints the package version", async () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { version: string };
    const r = await cli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it.concurrent("a failing-free run exits 0 and prints the lecture to stdout only", async () => {
    const r = await cli(["derive", ...OK]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("y₁₁ = w₂₂·x₁₁ + w₂₁·x₁₂ + w₁₂·x₂₁ + w₁₁·x₂₂");
  });
});
