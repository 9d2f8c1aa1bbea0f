/**
 * The convgrad command line (the bin, src/cli/main.ts, runs `main` once; `npm start` runs it twice in
 * one process). Exit codes (src/errors.ts): 0 success; 1 a check fails; 2 bad input (a
 * ConvgradError — a UsageError naming the flag or file, a LimitError naming the limit — or a
 * commander parse error: one line on stderr, never a stack trace); 70 an internal error — any other
 * exception is a bug in convgrad: one line asking for a report, the stack only with --debug.
 */
import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";
import { ConvgradError, EXIT } from "../errors.js";
import { deriveCommand, refuseRepeatedOptions } from "./derive.js";
import { escapeControls, EXIT_CODES, stopOnClosedPipe } from "./output.js";
import { verifyCommand } from "./verify.js";
import { slidesCommand } from "./slides.js";
import { proveCommand } from "./prove.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

export function program(): Command {
  const p = new Command("convgrad")
    .description("derive, check and typeset the back-propagation formulas of convolution layers")
    .version(pkg.version, "-V, --version")
    .option("--debug", "on an internal error, print its stack trace")
    .showSuggestionAfterError(true)
    .addHelpText("after", `\n${EXIT_CODES}`);
  p.addCommand(deriveCommand());
  p.addCommand(verifyCommand());
  p.addCommand(slidesCommand());
  p.addCommand(proveCommand());
  p.commands.forEach((c) => refuseRepeatedOptions(c.exitOverride()));
  refuseRepeatedOptions(p);
  p.exitOverride();
  return p;
}

/** A message as one printable line: line breaks become spaces, other controls are escaped. */
function oneLine(msg: string): string {
  return escapeControls(msg.replace(/\s*[\r\n]+\s*/g, " ").trim());
}

export async function main(argv: string[]): Promise<number> {
  stopOnClosedPipe(process.stdout); // help and version text too: `convgrad derive --help | head`
  const p = program();
  p.configureOutput({ writeErr: () => {} });
  p.commands.forEach((c) => c.configureOutput({ writeErr: () => {} }));
  try {
    await p.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return 0;
      if (e.code === "commander.help") {
        if (e.exitCode === 0) return 0; // `convgrad help [command]`: help was printed
        // commander shows help as an error when no (known) command is given: say so in one line
        process.stderr.write(
          `convgrad: a command is required, one of ${p.commands.map((c) => c.name()).join(", ")}; see convgrad --help\n`,
        );
        return 2;
      }
      process.stderr.write(`convgrad: ${oneLine(e.message.replace(/^error: /, ""))}\n`);
      return 2;
    }
    if (e instanceof ConvgradError) {
      // bad input (a UsageError names the flag or file, a LimitError the limit): one line
      process.stderr.write(`convgrad: ${oneLine(e.message)}\n`);
      return e.exitCode;
    }
    if (outOfMemory(e)) {
      // not a bug and not a verdict: this machine cannot hold the request
      process.stderr.write(
        `convgrad: out of memory (${oneLine(e.message)}): the request is too large for this machine; use smaller sizes\n`,
      );
      return EXIT.badInput;
    }
    return internalError(e, p.opts<{ debug?: boolean }>().debug === true || argv.includes("--debug"));
  }
}

/**
 * V8's own allocation failures (a typed array or buffer larger than the machine gives): the one
 * error without a class of its own, recognised by its message; raised anywhere, so caught here.
 */
function outOfMemory(e: unknown): e is RangeError {
  return e instanceof RangeError && /allocation failed|invalid (typed )?array length/i.test(e.message);
}

/** Any exception but a ConvgradError is a bug: one line asking for a report; the stack with --debug. */
export function internalError(e: unknown, debug: boolean): number {
  const message = e instanceof Error ? `${e.name === "Error" ? "" : `${e.name}: `}${e.message}` : String(e);
  process.stderr.write(`convgrad: internal error: ${oneLine(message)} (please report)\n`);
  if (debug && e instanceof Error && e.stack)
    process.stderr.write(`${e.stack.split("\n").map(escapeControls).join("\n")}\n`);
  return EXIT.internal;
}
