/**
 * Spawns the built CLI (run `npm run build` first; `npm test` does).
 *
 * A spawned CLI is a fresh Node process: on a busy 2-core machine one can take seconds, past
 * vitest's default 5 s test timeout. vitest.config.mjs gives every test CLI_TEST_TIMEOUT (test files
 * share modules, so a setting made here at import would reach only the first file that imports it);
 * a spawned CLI is killed after CLI_KILL_TIMEOUT, so a test with two runs in a row still fits.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Per-test timeout of files that spawn the CLI. */
export const CLI_TEST_TIMEOUT = 120_000;
/** A spawned CLI is killed after this long (a test with two sequential runs still fits). */
export const CLI_KILL_TIMEOUT = 60_000;

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The package's bin: the command line bundled (scripts/postbuild.mjs), as users run it. */
export const MAIN = fileURLToPath(new URL("../../dist/bin/convgrad.js", import.meta.url));
/** The same command line as tsc's modules (dist/cli/main.js): for tests that patch one module's class. */
export const MAIN_MODULES = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the built CLI; `stdin`, when given, is written to its standard input. */
export function cli(args: readonly string[], timeoutMs = CLI_KILL_TIMEOUT, stdin?: string): Promise<Run> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [MAIN, ...args], { cwd: ROOT, timeout: timeoutMs, maxBuffer: 256 << 20, encoding: "utf8" }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? ((err as { code: number }).code) : -1) : 0;
      resolve({ code, stdout, stderr, ms: performance.now() - t0 });
    });
    child.stdin?.end(stdin ?? "");
  });
}
