/** verify's output: text (colored on a TTY) and JSON (format convgrad.verify/1). Deterministic. */
import { escapeControls } from "../cli/output.js";
import type { Summary, VerifyResult } from "./run.js";

const COLORS: Record<string, string> = { holds: "\x1b[32m", fails: "\x1b[31m", definition: "\x1b[36m", skipped: "\x1b[33m", error: "\x1b[35m", undecided: "\x1b[33m" };
const RESET = "\x1b[0m";
const DIM = "\x1b[2m";

/** Control characters are shown escaped: a formula or file name cannot drive the terminal. */
function safe(s: string): string {
  return escapeControls(s);
}

function clip(s: string, n = 160): string {
  const one = safe(s.replace(/\s+/g, " "));
  return one.length > n ? one.slice(0, n - 1) + "…" : one;
}

export function* textLines(results: readonly VerifyResult[], summary: Summary, color: boolean): Generator<string> {
  const c = (k: string, s: string) => (color ? `${COLORS[k] ?? ""}${s}${RESET}` : s);
  const dim = (s: string) => (color ? `${DIM}${s}${RESET}` : s);
  for (const r of results) {
    const label = r.status === "holds" ? "holds" : r.status === "fails" ? "FAILS" : r.status === "definition" ? "defines" : r.status === "skipped" ? "skipped" : r.status === "undecided" ? "undecided" : "ERROR";
    yield `${safe(r.file)}:${r.line}:${r.column}  ${c(r.status, label.padEnd(7))}  ${clip(r.source)}`;
    if (r.status !== "holds") yield `    ${safe(r.message)}`;
    else yield dim(`    ${safe(r.message)}`);
    for (const d of r.details) yield `    ${safe(d)}`;
  }
  yield "";
  const defs = summary.definitions > 0 ? `${summary.definitions} ${summary.definitions === 1 ? "definition" : "definitions"}, ` : "";
  const undecided = summary.undecided ? `, ${summary.undecided} undecided` : "";
  yield `${summary.holds} hold, ${summary.fails} fail, ${defs}${summary.skipped} skipped, ${summary.errors} ${summary.errors === 1 ? "error" : "errors"}${undecided}`;
}

export function* jsonChunks(results: readonly VerifyResult[], summary: Summary): Generator<string> {
  yield `{ "format": "convgrad.verify/1",\n  "results": [`;
  let first = true;
  for (const r of results) {
    const o = {
      file: r.file,
      line: r.line,
      column: r.column,
      source: r.source,
      status: r.status,
      method: r.method,
      message: r.message,
      entries: r.entries,
      details: r.details,
      ...(r.counterexample ? { counterexample: r.counterexample } : {}),
    };
    yield (first ? "\n    " : ",\n    ") + JSON.stringify(o);
    first = false;
  }
  yield `\n  ],\n  "summary": ${JSON.stringify(summary)} }\n`;
}
