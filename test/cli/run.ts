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

/** The command line as a module (dist/bin/program.js): the same bundle the bin runs, its `main` exported. */
export const PROGRAM = fileURLToPath(new URL("../../dist/bin/program.js", import.meta.url));

/**
 * One Node process that runs `main` of dist/bin/program.js once per command line, in order, as the
 * bin does (its exit code is what `main` returns, or internalError's for a throw) and as `npm start`
 * runs two commands in one process: process.exitCode is reset before each, stdout and stderr are
 * captured per run. Reads the command lines (JSON) from its standard input, prints the runs (JSON).
 */
const BATCH = `
import { internalError, main } from ${JSON.stringify(new URL("../../dist/bin/program.js", import.meta.url).href)};
let input = "";
for await (const c of process.stdin) input += c;
const out = process.stdout.write, err = process.stderr.write;
const capture = (sink) => function (chunk, encoding, cb) {
  sink.text += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
  const done = typeof encoding === "function" ? encoding : cb;
  if (typeof done === "function") process.nextTick(done);
  return true;
};
const runs = [];
for (const argv of JSON.parse(input)) {
  const o = { text: "" }, e = { text: "" };
  process.stdout.write = capture(o);
  process.stderr.write = capture(e);
  process.exitCode = undefined;
  const t0 = performance.now();
  let code;
  try {
    code = await main(argv);
  } catch (x) {
    code = internalError(x, argv.includes("--debug"));
  }
  runs.push({ code, stdout: o.text, stderr: e.text, ms: performance.now() - t0 });
}
process.stdout.write = out;
process.stderr.write = err;
process.exitCode = 0;
process.stdout.write(JSON.stringify(runs));
`;

/**
 * Runs several command lines of the built CLI in one Node process (see BATCH): for tests about what
 * the commands print and return, not about the process (its start-up, signals, pipes, flushing).
 * One Node start-up and one load of the modules (mathjs, the grammar) instead of one per command.
 */
export function cliBatch(argvs: readonly (readonly string[])[], timeoutMs = 4 * CLI_KILL_TIMEOUT): Promise<Run[]> {
  if (!existsSync(PROGRAM)) throw new Error(`${PROGRAM} is missing: run npm run build first`);
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ["--input-type=module", "-e", BATCH], { cwd: ROOT, timeout: timeoutMs, maxBuffer: 1 << 30, encoding: "utf8" }, (err, stdout, stderr) => {
      if (err) reject(new Error(`the batch of ${argvs.length} command lines failed (${err.message}): ${stderr.slice(0, 2000)}`));
      else resolve(JSON.parse(stdout) as Run[]);
    });
    child.stdin?.end(JSON.stringify(argvs));
  });
}
