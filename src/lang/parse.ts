/**
 * Parsing one equation with the compiled nearley grammar. Exactly one parse or an error: no parse
 * is a FormulaParseError (position, offending token, what was expected); more than one parse is an
 * AmbiguityError (a grammar bug, never silently resolved).
 */
import nearley from "nearley";
import grammar from "./grammar.generated.js";
import { consToArray, KeywordError, type Cons, type Node } from "./ast.js";
import { IndexSyntaxError } from "./indexexpr.js";
import { LexError, type Tok } from "./lexer.js";

export class FormulaParseError extends Error {
  constructor(
    /** 0-based offset into the parsed text. */
    readonly offset: number,
    /** The offending token ("end of input" at the end). */
    readonly found: string,
    /** What the grammar would have accepted there. */
    readonly expected: string[],
  ) {
    super(`unexpected ${found}${expected.length ? `; expected ${expected.join(" or ")}` : ""}`);
  }
}

export class AmbiguityError extends Error {
  constructor(readonly parses: number) {
    super(`the formula has ${parses} parses (a grammar ambiguity: please report it)`);
  }
}

/** Human names of token types, for "expected …". */
const TYPE_NAMES: Record<string, string> = {
  num: "a number",
  ent: "an entry (x, w, y, b)",
  entd: "an entry like x23",
  dent: "a gradient entry (dx)",
  dentd: "a gradient entry like dx22",
  mat: "a matrix (X, W, Y)",
  dmat: "a gradient matrix (dX)",
  ident: "a name",
  delta: '"\\delta"',
  Delta: '"\\Delta"',
  partial: '"\\partial"',
  frac: '"\\frac"',
  mul: '"\\cdot"',
  star: '"*"',
  xstar: '"\\star"',
  plus: '"+"',
  minus: '"-"',
  eq: '"="',
  lparen: '"("',
  rparen: '")"',
  lbrace: '"{"',
  rbrace: '"}"',
  amp: '"&"',
  comma: '","',
  caret: '"^"',
  under: '"_"',
  slash: '"/"',
  rowsep: '"\\\\"',
  begin: '"\\begin{bmatrix}"',
  end: '"\\end{bmatrix}"',
  rot: "Rot180",
  opfn: "conv/xcorr",
  dilate: "dilate",
  pad: "pad",
  mode: "a mode (valid, full, same)",
  J: "J",
  tr: "T",
  deg: '"°"',
  subs: "a subscript",
  sum: '"\\sum"',
  dots: '"\\dots"',
};

interface State {
  rule: { symbols: unknown[] };
  dot: number;
}

/** Token types that can start an operand: listed as one item in messages. */
const OPERAND_STARTS = new Set(
  [
    "num",
    "ent",
    "entd",
    "dent",
    "dentd",
    "mat",
    "dmat",
    "ident",
    "delta",
    "Delta",
    "partial",
    "frac",
    "lparen",
    "lbrace",
    "begin",
    "rot",
    "opfn",
    "dilate",
    "pad",
    "sum",
    "dots",
  ].map((t) => TYPE_NAMES[t]!),
);

function compress(names: Set<string>): string[] {
  const operand = [...names].filter((n) => OPERAND_STARTS.has(n));
  const out = [...names].filter((n) => !OPERAND_STARTS.has(n)).sort();
  if (operand.length >= 5) out.push("an operand (number, entry, matrix, function, parenthesis)");
  else out.push(...operand.sort());
  return out;
}

/** What the grammar could accept in the given chart column (the last one, or the one before it). */
function expectedIn(parser: nearley.Parser, column: "last" | "before-last"): string[] {
  // nearley's typings do not declare the Earley chart (Parser.table), which it keeps public at run
  // time and which is the only place that says what the grammar expected: read it, typed here
  const table = (parser as unknown as { table: { states: State[] }[] }).table;
  const col = column === "last" ? table[table.length - 1] : (table[table.length - 2] ?? table[table.length - 1]);
  if (!col) return [];
  const out = new Set<string>();
  for (const st of col.states) {
    const sym = st.rule.symbols[st.dot] as { type?: string; literal?: string } | string | undefined;
    if (!sym || typeof sym === "string") continue;
    if (sym.type) out.add(TYPE_NAMES[sym.type] ?? sym.type);
    else if (sym.literal !== undefined) out.add(JSON.stringify(sym.literal));
  }
  return compress(out);
}

const expectedAt = (parser: nearley.Parser): string[] => expectedIn(parser, "before-last");
const expectedAtEnd = (parser: nearley.Parser): string[] => expectedIn(parser, "last");

/** All parses of one equation (for tests); normal callers use parseEquation. */
export function parseAll(text: string): Node[][] {
  const parser = new nearley.Parser(nearley.Grammar.fromCompiled(grammar));
  try {
    parser.feed(text);
  } catch (e) {
    if (e instanceof LexError) throw new FormulaParseError(e.offset, JSON.stringify(e.char), []);
    if (e instanceof KeywordError) throw new FormulaParseError(e.tok.offset, JSON.stringify(e.tok.raw), e.expected);
    if (e instanceof IndexSyntaxError)
      throw new FormulaParseError(
        e.tok ? e.tok.offset : text.length,
        e.tok ? JSON.stringify(e.tok.raw) : "end of the subscript",
        [e.expected],
      );
    const err = e as { token?: Tok };
    if (err.token) {
      const t = err.token;
      throw new FormulaParseError(t.offset, JSON.stringify(t.raw), expectedAt(parser));
    }
    throw e;
  }
  if (parser.results.length === 0) {
    throw new FormulaParseError(text.length, "end of input", expectedAtEnd(parser));
  }
  return (parser.results as Cons<Node>[]).map((c) => consToArray(c));
}

/** The sides of one equation (one side for a bare expression). */
export function parseEquation(text: string): Node[] {
  const all = parseAll(text);
  if (all.length !== 1) throw new AmbiguityError(all.length);
  return all[0]!;
}
