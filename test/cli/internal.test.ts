/**
 * The error hierarchy at the command line (src/errors.ts): bad input is one line and exit 2; a
 * bug anywhere — also deep inside verify or derive, where catch sites used to turn any exception
 * into a verdict or a "bad input" line — is exit 70 with "internal error: … (please report)", the
 * stack only with --debug.
 *
 * A bug is planted honestly, without a hook in convgrad: a module preloaded with `node --import`
 * replaces one method of a built class (dist/…) by one that throws, as a bug in it would — in the
 * command line run from tsc's modules (the bundled bin holds its own copies of the classes).
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { cli, CLI_KILL_TIMEOUT, MAIN_MODULES, ROOT, type Run } from "./run.js";

const OK = ["--input", "3x3", "--kernel", "2x2"];

/** Runs the CLI with `method` of the class `name` exported by dist/`module` throwing `error`. */
function cliWithBug(module: string, name: string, method: string, error: string, args: readonly string[]): Promise<Run> {
  const url = pathToFileURL(join(ROOT, "dist", module)).href;
  const plant = `data:text/javascript,import{${name}}from${JSON.stringify(url)};${name}.prototype.${method}=function(){throw ${error}}`;
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", plant, MAIN_MODULES, ...args], { cwd: ROOT, timeout: CLI_KILL_TIMEOUT, encoding: "utf8" }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

describe("a bug inside a command is exit 70, never bad input or a verdict", () => {
  it.concurrent("verify: an exception while checking an equation (it used to be that equation's 'error', exit 2)", async () => {
    const r = await cliWithBug("verify/evaluate.js", "Evaluator", "eval", 'new RangeError("planted bug")', ["verify", ...OK, "--expr", "ΔX = Rot180(W) *full ΔY"]);
    expect(r.code, r.stderr).toBe(70);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("convgrad: internal error: RangeError: planted bug (please report)\n");
  });

  it.concurrent("verify --debug: the same line, then the stack through the evaluator", async () => {
    const r = await cliWithBug("verify/evaluate.js", "Evaluator", "eval", 'new Error("planted bug")', ["verify", ...OK, "--expr", "ΔX = Rot180(W) *full ΔY", "--debug"]);
    expect(r.code, r.stderr).toBe(70);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe("convgrad: internal error: planted bug (please report)");
    expect(lines[1]).toBe("Error: planted bug");
    expect(lines.slice(2).some((l) => /^\s+at .*checkEquation/.test(l)), r.stderr).toBe(true);
  });

  it.concurrent("derive: an exception while interning symbols (it used to be '--input: too many symbols', exit 2)", async () => {
    const r = await cliWithBug("core/symbols.js", "SymbolTable", "internTensor", 'new TypeError("planted bug")', ["derive", ...OK]);
    expect(r.code, r.stderr).toBe(70);
    expect(r.stderr).toBe("convgrad: internal error: TypeError: planted bug (please report)\n");
    expect(r.stderr).not.toContain("--input");
  });

  it.concurrent("verify: an exception in the near-miss diagnosis of a failing formula is not swallowed", async () => {
    // tensorsEqual is a function, not a method; the near misses evaluate with Evaluator.eval after the
    // formula itself was evaluated once: let the first evaluation through and fail every later one
    const url = pathToFileURL(join(ROOT, "dist", "verify/evaluate.js")).href;
    const file = join(tmpdir(), `convgrad-plant-${process.pid}.mjs`);
    writeFileSync(
      file,
      `import { Evaluator } from ${JSON.stringify(url)};
const eval0 = Evaluator.prototype.eval;
let depth = 0, roots = 0;
Evaluator.prototype.eval = function (n) {
  if (depth === 0 && ++roots > 2) throw new Error("planted bug in a near miss");
  depth++;
  try { return eval0.call(this, n); } finally { depth--; }
};
`,
    );
    const run = (extra: string[]) =>
      new Promise<Run>((resolve) => {
        const args = ["--import", pathToFileURL(file).href, MAIN_MODULES, "verify", ...OK, "--expr", "ΔX = Rot180(W) *valid ΔY", ...extra];
        execFile(process.execPath, args, { cwd: ROOT, timeout: CLI_KILL_TIMEOUT, encoding: "utf8" }, (err, stdout, stderr) => {
          const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : -1) : 0;
          resolve({ code, stdout, stderr, ms: 0 });
        });
      });
    const r = await run([]);
    expect(r.code, r.stderr + r.stdout).toBe(70);
    expect(r.stderr).toBe("convgrad: internal error: planted bug in a near miss (please report)\n");
    const d = await run(["--debug"]);
    expect(d.code).toBe(70);
    expect(d.stderr, "the bug is raised in the diagnosis").toMatch(/^\s+at diagnose /m);
  });
});

describe("bad input stays exit 2, one line", () => {
  it.concurrent("a usage error names the flag and the rule", async () => {
    const r = await cli(["derive", "--input", "3x3", "--kernel", "4x4"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^convgrad: --kernel: kernel 4x4 does not fit the padded input on axis 1[^\n]*\n$/);
  });

  it.concurrent("brackets nested 5000 deep: that equation's error naming where it is and the limit, exit 2", async () => {
    const deep = "\\Delta X = " + "Rot180(".repeat(5000) + "W" + ")".repeat(5000);
    const r = await cli(["verify", ...OK, "-", "--expr", "ΔX = Rot180(W) *full ΔY"], CLI_KILL_TIMEOUT, `${deep}\n`);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^-:1:1 +ERROR .*\n +its brackets are nested 5000 deep, more than convgrad's limit of 100$/m);
    expect(r.stdout).toMatch(/^1 hold, 0 fail, 0 skipped, 1 error/m); // the other input is still checked
    expect(r.stdout).not.toMatch(/internal error|call stack/i);
  });

  it.concurrent("an index nested 20000 parentheses deep (the index parser recurses on them): exit 2, not a stack overflow", async () => {
    const deep = "x_{" + "(".repeat(20000) + "1" + ")".repeat(20000) + ",1} = x_{11}";
    const r = await cli(["verify", ...OK, "-"], CLI_KILL_TIMEOUT, `${deep}\n`);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^-:1:1 +ERROR .*\n +its brackets are nested 20001 deep, more than convgrad's limit of 100$/m);
  });

  it.concurrent("5000 nested sums (no nested brackets): the formula's own depth is refused, exit 2", async () => {
    const deep = "x_{11} = " + "\\sum_{i=1}^{1} ".repeat(5000) + "x_{11}";
    const r = await cli(["verify", ...OK, "-"], CLI_KILL_TIMEOUT, `${deep}\n`);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toMatch(/^-:1:1 +ERROR .*\n +the formula is nested 5001 levels deep, more than convgrad's limit of 100$/m);
    expect(r.stdout).not.toMatch(/internal error|call stack/i);
  });

  it.concurrent("a --roles name nested 5000 braces deep is a usage error naming --roles", async () => {
    const r = await cli(["verify", ...OK, "--roles", `X=${"{".repeat(5000)}a${"}".repeat(5000)}`, "--expr", "x_{11} = x_{11}"]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")).toHaveLength(2);
    expect(r.stderr).toMatch(/^convgrad: --roles: .* is not a name \(its brackets are nested 5000 deep, more than convgrad's limit of 100\)\n$/);
  });

  it.concurrent("just under the limit, the same formula is checked (a verdict, not an error)", async () => {
    // 98 rotations: an even number, so the formula is W itself, not ΔX
    const r = await cli(["verify", ...OK, "--expr", "\\Delta X = " + "Rot180(".repeat(98) + "W" + ")".repeat(98)]);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout).toMatch(/^0 hold, 1 fail, 0 skipped, 0 errors/m);
  });
});
