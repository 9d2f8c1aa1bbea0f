/**
 * What the user declares about a document's notation: `--roles "X=o^{l-1}, W=w^l, Y=x^l, loss=E"`,
 * `--sizes "M=5, N=4"`, and the same flags on a `% convgrad: …` line inside the file (with layer
 * flags: `% convgrad: --input 4x4 --kernel 3x3 --op xcorr`). Names are read by the formula lexer, so
 * `w^l`, `w^{l}` and `w^{(l)}` are one name.
 */
import { NestingError, UsageError } from "../errors.js";
import { IndexSyntaxError } from "../lang/indexexpr.js";
import { LexError, tokenize } from "../lang/lexer.js";
import { assertTextNesting } from "./nesting.js";
import { Notation, type Role } from "./roles.js";

const ROLE_KEYS = new Map<string, Role>([
  ["X", "X"],
  ["input", "X"],
  ["W", "W"],
  ["kernel", "W"],
  ["Y", "Y"],
  ["output", "Y"],
  ["b", "b"],
  ["bias", "b"],
  ["loss", "J"],
  ["J", "J"],
  ["Z", "Z"],
  ["preactivation", "Z"],
  ["dX", "dX"],
  ["dW", "dW"],
  ["dY", "dY"],
  ["delta", "dY"],
  ["db", "db"],
  ["dZ", "dZ"],
  ["A", "A"],
  ["activation", "A"],
  ["dA", "dA"],
]);

/** Splits at top-level commas (outside braces and parentheses). */
function items(s: string): string[] {
  const out: string[] = [""];
  let depth = 0;
  for (const ch of s) {
    if (ch === "{" || ch === "(" || ch === "[") depth++;
    if (ch === "}" || ch === ")" || ch === "]") depth--;
    if (ch === "," && depth === 0) out.push("");
    else out[out.length - 1] += ch;
  }
  return out.map((x) => x.trim()).filter((x) => x.length > 0);
}

/** The key of one name as the lexer reads it (o^{l-1} → "o^{l-1}"). */
function nameKey(flag: string, text: string): string {
  let toks;
  try {
    assertTextNesting(text); // the lexer's index parser recurses on brackets
    toks = tokenize(text);
  } catch (e) {
    if (!(e instanceof LexError || e instanceof IndexSyntaxError || e instanceof NestingError)) throw e;
    throw new UsageError(flag, `"${text}" is not a name (${e.message})`);
  }
  const t = toks[0];
  if (toks.length !== 1 || !t || !["ident", "ent", "mat", "dent", "dmat", "J"].includes(t.type)) {
    throw new UsageError(
      flag,
      `"${text}" is not one name; write it as the source does, without indices: o^{l-1}, \\delta^l, Z`,
    );
  }
  return t.value;
}

export function declareRoles(notation: Notation, spec: string, flag = "--roles"): Notation {
  let n = notation;
  for (const item of items(spec)) {
    const eq = item.indexOf("=");
    if (eq < 0)
      throw new UsageError(flag, `"${item}" is not ROLE=name (roles: X, W, Y, b, loss, Z, A, dX, dW, dY, db, dZ, dA)`);
    const key = item.slice(0, eq).trim();
    const role = ROLE_KEYS.get(key);
    if (!role)
      throw new UsageError(flag, `unknown role "${key}" (roles: X, W, Y, b, loss, Z, A, dX, dW, dY, db, dZ, dA)`);
    n = n.declare(nameKey(flag, item.slice(eq + 1).trim()), role, {
      what: `${key} = ${item.slice(eq + 1).trim()} (declared)`,
      line: null,
    });
  }
  return n;
}

export function declareSizes(notation: Notation, spec: string, flag = "--sizes"): Notation {
  let n = notation;
  for (const item of items(spec)) {
    // (a letter below the name too — H_k, D_o, H_{out} — as verify's advice names them)
    const m = /^([A-Za-z](?:_[A-Za-z0-9]+|_\{[A-Za-z0-9]+\})?'*)\s*=\s*(\d+)$/.exec(item);
    if (!m) throw new UsageError(flag, `"${item}" is not NAME=integer (e.g. M=5, k_1=3, H_k=2)`);
    const name = m[1]!.replace(/_\{([A-Za-z0-9]+)\}/, "_$1");
    n = n.withSize(name, Number(m[2]));
  }
  return n;
}

/** The flags of `% convgrad: …` lines (quotes group words), in order. */
export function fileDirectives(text: string): string[] {
  const out: string[] = [];
  // only lines of flags (`% convgrad: --roles …`); convgrad's own headers name a command first
  for (const m of text.matchAll(/^[ \t]*(?:%|#|<!--)[ \t]*convgrad:[ \t]*(--.*?)(?:-->)?[ \t]*$/gm)) {
    for (const w of m[1]!.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(w[1] ?? w[2] ?? w[3]!);
  }
  return out;
}
