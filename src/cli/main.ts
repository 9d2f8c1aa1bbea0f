#!/usr/bin/env node
/**
 * The convgrad command line. Errors in what the user typed are one line on stderr and exit code
 * 2; a failing check exits 1; never a stack trace for bad input.
 */
import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";
import { UsageError } from "../errors.js";
import { deriveCommand, refuseRepeatedOptions } from "./derive.js";
import { escapeControls, stopOnClosedPipe } from "./output.js";
import { verifyCommand } from "./verify.js";
import { slidesCommand } from "./slides.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

export function program(): Command {
  const p = new Command("convgrad")
    .description("derive, check and typeset the back-propagation formulas of convolution layers")
    .version(pkg.version, "-V, --version")
    .showSuggestionAfterError(true);
  p.addCommand(deriveCommand());
  p.addCommand(verifyCommand());
  p.addCommand(slidesCommand());
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
        process.stderr.write(`convgrad: a command is required, one of ${p.commands.map((c) => c.name()).join(", ")}; see convgrad --help\n`);
        return 2;
      }
      process.stderr.write(`convgrad: ${oneLine(e.message.replace(/^error: /, ""))}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`convgrad: ${oneLine(e.message)}\n`);
      return 2;
    }
    if (e instanceof RangeError || (e instanceof Error && /overflow/.test(e.message))) {
      process.stderr.write(`convgrad: ${oneLine(e.message)}\n`);
      return 2;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`convgrad: internal error: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    process.exitCode = 70;
  },
);
