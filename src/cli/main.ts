#!/usr/bin/env node
// The convgrad bin: the command line of src/cli/program.ts, once. Exit codes there (0/1/2/70).
import { internalError, main } from "./program.js";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.exitCode = internalError(e, process.argv.includes("--debug"));
  },
);
