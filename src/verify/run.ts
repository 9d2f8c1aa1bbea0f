/**
 * verify over whole inputs: split each document into equations, parse each (a parse error is
 * that equation's verdict, the others are still checked), check each against one derivation.
 */
import type { Derivation } from "../derive.js";
import { hasDelimitedMath, LineIndex, splitDocument, type EquationSource } from "../lang/document.js";
import { AmbiguityError, FormulaParseError, parseEquation } from "../lang/parse.js";
import { checkEquation, namersFor, type CheckOptions, type Status, type Verdict } from "./check.js";
import type { EntryReport } from "./compare.js";
import { layerSizes } from "./sizes.js";

export interface VerifyResult {
  file: string;
  line: number;
  column: number;
  source: string;
  status: Status;
  method: "structural" | "numeric" | null;
  message: string;
  entries: EntryReport[];
  details: string[];
}

export interface VerifyInput {
  /** Name shown in results ("-" for stdin, "--expr"). */
  file: string;
  text: string;
  /** plain: every line is math; auto: only delimited math when the text has any. */
  mode: "auto" | "plain";
}

const EQUALS = /=|\\stackrel|\\triangleq|\\coloneqq|≜|≝/;

/**
 * One equation's result. `strict`: text without `=` is still parsed (formula files, --expr);
 * otherwise (math inside prose) it is skipped unparsed.
 */
export function verifyEquation(d: Derivation, eq: EquationSource, file: string, strict: boolean, lines: LineIndex, opts: CheckOptions, namers = namersFor(d)): VerifyResult {
  const base = { file, line: eq.line, column: eq.column, source: eq.text };
  let v: Verdict;
  if (!strict && !EQUALS.test(eq.text)) {
    v = { status: "skipped", method: null, message: "not an equation (no =)", entries: [], details: [] };
  } else {
    try {
      const sides = parseEquation(eq.text);
      v = checkEquation(d, sides, opts, namers);
    } catch (e) {
      if (e instanceof FormulaParseError) {
        const off = eq.offsets[Math.min(e.offset, eq.offsets.length - 1)] ?? 0;
        const at = e.offset >= eq.text.length ? lines.at((eq.offsets[eq.offsets.length - 1] ?? 0) + 1) : lines.at(off);
        v = {
          status: "error",
          method: null,
          message: `parse error at ${at.line}:${at.column}: unexpected ${e.found}${e.expected.length ? `; expected ${e.expected.join(" or ")}` : ""}`,
          entries: [],
          details: [],
        };
      } else if (e instanceof AmbiguityError) {
        v = { status: "error", method: null, message: e.message, entries: [], details: [] };
      } else if (e instanceof Error && !(e instanceof TypeError) && !(e instanceof ReferenceError)) {
        // e.g. a coefficient overflow: reported on this equation, never a crash
        const msg = /call stack/i.test(e.message) ? "the formula is nested too deeply to evaluate" : e.message.replace(/\s*\n\s*/g, " ");
        v = { status: "error", method: null, message: msg, entries: [], details: [] };
      } else {
        throw e;
      }
    }
  }
  return { ...base, ...v };
}

export function verifyInput(d: Derivation, input: VerifyInput, opts: CheckOptions): VerifyResult[] {
  const lines = new LineIndex(input.text);
  const namers = namersFor(d);
  opts = { ...opts, sizes: opts.sizes ?? layerSizes(d) };
  const strict = input.mode === "plain" || !hasDelimitedMath(input.text);
  // In a LaTeX / Markdown document, math without `=` is notation inside prose: not reported.
  const eqs = splitDocument(input.text, input.mode).filter((eq) => strict || EQUALS.test(eq.text));
  return eqs.map((eq) => verifyEquation(d, eq, input.file, strict, lines, opts, namers));
}

export interface Summary {
  holds: number;
  fails: number;
  skipped: number;
  errors: number;
}

export function summarize(results: readonly VerifyResult[]): Summary {
  const s: Summary = { holds: 0, fails: 0, skipped: 0, errors: 0 };
  for (const r of results) {
    if (r.status === "holds") s.holds++;
    else if (r.status === "fails") s.fails++;
    else if (r.status === "skipped") s.skipped++;
    else s.errors++;
  }
  return s;
}

/** 0 all checked hold, 1 something fails, 2 a parse error. */
export function exitCode(s: Summary): number {
  return s.errors > 0 ? 2 : s.fails > 0 ? 1 : 0;
}
