/**
 * `convgrad verify` itself, run in the worker: the CLI's own command (src/cli/verify.ts, parsed by
 * commander as on the command line), so the page reads `% convgrad:` lines, --roles, --sizes and
 * --all-sizes exactly as the CLI does, by running the same code. node:fs, node:process, node:events,
 * node:child_process and node:path are the shims of web/src/shims (vite.config.ts): the pasted text
 * is the one file there is, and standard output and error are collected.
 */
import { files } from "./shims/node-fs.js";
import { proc, resetOutput, stderr, stdout } from "./shims/node-process.js";
import { refuseRepeatedOptions } from "../../src/cli/derive.js";
import { verifyCommand } from "../../src/cli/verify.js";

export interface CliRun {
  stdout: string;
  stderr: string;
  /** process.exitCode as the command left it (0, 1). */
  exitCode: number;
}

/**
 * Runs `convgrad verify ARGS` with `file` holding `text`. Errors are thrown as the CLI's main()
 * meets them: a CommanderError (a bad flag) or a ConvgradError (bad input, exit code 2).
 */
export async function runVerifyCommand(args: readonly string[], file: string, text: string): Promise<CliRun> {
  resetOutput();
  files.clear();
  files.set(file, text);
  // as src/cli/program.ts's program() sets up each command
  const cmd = refuseRepeatedOptions(verifyCommand().exitOverride()).configureOutput({
    writeOut: (s) => stdout.write(s),
    writeErr: () => {},
  });
  try {
    await cmd.parseAsync([...args], { from: "user" });
    return { stdout: stdout.text, stderr: stderr.text, exitCode: proc.exitCode ?? 0 };
  } finally {
    files.clear();
  }
}
