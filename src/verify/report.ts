/** verify's output: text (colored on a TTY) and JSON (format convgrad.verify/1). Deterministic. */
import { escapeControls } from "../cli/output.js";
import { SECTION_CHARS } from "../print/budget.js";
import type { Summary, VerifyResult } from "./run.js";

const COLORS: Record<string, string> = {
  holds: "\x1b[32m",
  fails: "\x1b[31m",
  definition: "\x1b[36m",
  skipped: "\x1b[33m",
  error: "\x1b[35m",
  undecided: "\x1b[33m",
};
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
    const label =
      r.status === "holds"
        ? "holds"
        : r.status === "fails"
          ? "FAILS"
          : r.status === "definition"
            ? "defines"
            : r.status === "skipped"
              ? "skipped"
              : r.status === "undecided"
                ? "undecided"
                : "ERROR";
    yield `${safe(r.file)}:${r.line}:${r.column}  ${c(r.status, label.padEnd(7))}  ${clip(r.source)}`;
    if (r.status !== "holds") yield `    ${safe(r.message)}`;
    else yield dim(`    ${safe(r.message)}`);
    for (const d of r.details) yield `    ${safe(d)}`;
  }
  yield "";
  const defs =
    summary.definitions > 0
      ? `${summary.definitions} ${summary.definitions === 1 ? "definition" : "definitions"}, `
      : "";
  const undecided = summary.undecided ? `, ${summary.undecided} undecided` : "";
  yield `${summary.holds} hold, ${summary.fails} fail, ${defs}${summary.skipped} skipped, ${summary.errors} ${summary.errors === 1 ? "error" : "errors"}${undecided}`;
}

/** Terms of one entry's missing or extra list in the JSON before the rest are only counted. */
export const JSON_ENTRY_TERMS = 1000;

type ResultEntry = VerifyResult["entries"][number];

/**
 * An entry with at most JSON_ENTRY_TERMS missing and extra terms; missingCount / extraCount say how many there are when
 * some are left out.
 */
function boundedEntry(e: ResultEntry): ResultEntry & { missingCount?: number; extraCount?: number } {
  if (e.missing.length <= JSON_ENTRY_TERMS && e.extra.length <= JSON_ENTRY_TERMS) return e;
  return {
    ...e,
    missing: e.missing.slice(0, JSON_ENTRY_TERMS),
    extra: e.extra.slice(0, JSON_ENTRY_TERMS),
    ...(e.missing.length > JSON_ENTRY_TERMS ? { missingCount: e.missing.length } : {}),
    ...(e.extra.length > JSON_ENTRY_TERMS ? { extraCount: e.extra.length } : {}),
  };
}

/**
 * One result's differing entries for the JSON, bounded like a section of derive's output
 * (src/print/budget.ts): entries until their JSON passes SECTION_CHARS characters, each with at most
 * JSON_ENTRY_TERMS terms per list, and the number of entries left out (a 512×512 layer's wrong ΔW
 * rule once wrote all its terms: one line of 117 MB).
 */
function boundedEntries(entries: readonly ResultEntry[]): { entries: ResultEntry[]; omitted: number } {
  const out: ResultEntry[] = [];
  let used = 0;
  for (const e of entries) {
    if (used > SECTION_CHARS) break;
    const b = boundedEntry(e);
    used += JSON.stringify(b).length;
    out.push(b);
  }
  return { entries: out, omitted: entries.length - out.length };
}

export function* jsonChunks(results: readonly VerifyResult[], summary: Summary): Generator<string> {
  yield `{ "format": "convgrad.verify/1",\n  "results": [`;
  let first = true;
  for (const r of results) {
    const shown = boundedEntries(r.entries);
    const o = {
      file: r.file,
      line: r.line,
      column: r.column,
      source: r.source,
      status: r.status,
      method: r.method,
      message: r.message,
      entries: shown.entries,
      ...(shown.omitted > 0 ? { entriesOmitted: shown.omitted } : {}),
      details: r.details,
      ...(r.counterexample ? { counterexample: r.counterexample } : {}),
    };
    yield (first ? "\n    " : ",\n    ") + JSON.stringify(o);
    first = false;
  }
  yield `\n  ],\n  "summary": ${JSON.stringify(summary)} }\n`;
}
