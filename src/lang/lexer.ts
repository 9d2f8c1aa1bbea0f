/**
 * The formula lexer: a moo lexer plus a thin classifying layer, so the nearley grammar sees a
 * small set of token types and never whitespace or typesetting noise.
 *
 *  - whitespace, `\,` `\;` `\!` `\left` `\right` `\displaystyle` … are dropped;
 *  - `\mathbf{…}`, `\boldsymbol{…}`, `\mathrm{…}`, `\operatorname{…}`, `\text{…}` are transparent:
 *    the command and its braces disappear, the content stays;
 *  - words are classified: x23 → entd (entry with run-together digits), x → ent, dx22 → dentd,
 *    X → mat, dX → dmat, Rot180 → rot, conv/xcorr → opfn, full → mode, J → J, other → ident.
 */
import moo from "moo";

export interface Tok {
  type: string;
  /** Normalised value (what literals in the grammar match). */
  value: string;
  text: string;
  /** The source text of the token (for messages). */
  raw: string;
  offset: number;
  line: number;
  col: number;
}

export class LexError extends Error {
  constructor(
    readonly offset: number,
    readonly line: number,
    readonly col: number,
    readonly char: string,
  ) {
    super(`unexpected character ${JSON.stringify(char)}`);
  }
}

const base = moo.compile({
  ws: { match: /[ \t\r\n\f~]+/, lineBreaks: true },
  spacing: /\\[,;:! ]/,
  begin: /\\begin[ \t]*\{[a-zA-Z]*matrix\*?\}/,
  end: /\\end[ \t]*\{[a-zA-Z]*matrix\*?\}/,
  rowsep: /\\\\/,
  defeq: /\\stackrel[ \t]*\{[ \t]*\\Delta[ \t]*\}[ \t]*\{[ \t]*=[ \t]*\}|:=|≜|≝/,
  cmd: /\\[A-Za-z]+/,
  subs: /[₀-₉]+(?:,[₀-₉]+)*/,
  num: /[0-9]+(?:\.[0-9]+)?/,
  word: /[A-Za-z]+[0-9]*/,
  sum: /[Σ∑]/,
  dots: /[…⋯⋮⋱]/,
  delta: /δ/,
  Delta: /[Δ∆]/,
  partial: /∂/,
  greek: /[α-ωΑ-Ωϵϑϕ]/,
  deg: /[°º⁰]/,
  mul: /[·×⋅∙]/,
  star: /[*∗]/,
  xstar: /[⋆★]/,
  plus: /\+/,
  minus: /[-−–]/,
  eq: /=/,
  lparen: /[([]/,
  rparen: /[)\]]/,
  lbrace: /\{/,
  rbrace: /\}/,
  amp: /&/,
  comma: /,/,
  caret: /\^/,
  under: /_/,
  slash: /\//,
  error: moo.error,
});

/** Commands that disappear together with their braces. */
const TRANSPARENT = new Set([
  "\\mathbf", "\\boldsymbol", "\\bm", "\\mathrm", "\\operatorname", "\\text", "\\textrm", "\\textbf", "\\mathit", "\\mathsf", "\\mathnormal", "\\textit", "\\mbox",
]);
/** Commands that simply disappear. */
const DROPPED = new Set([
  "\\left", "\\right", "\\bigl", "\\bigr", "\\Bigl", "\\Bigr", "\\big", "\\Big", "\\biggl", "\\biggr", "\\displaystyle", "\\textstyle", "\\quad", "\\qquad", "\\nonumber", "\\notag",
]);
const COMMANDS: Record<string, string> = {
  "\\delta": "delta",
  "\\Delta": "Delta",
  "\\partial": "partial",
  "\\frac": "frac",
  "\\dfrac": "frac",
  "\\tfrac": "frac",
  "\\cdot": "mul",
  "\\times": "mul",
  "\\ast": "star",
  "\\star": "xstar",
  "\\circ": "deg",
  "\\top": "tr",
  "\\triangleq": "defeq",
  "\\coloneqq": "defeq",
  "\\lbrack": "lparen",
  "\\sum": "sum",
  "\\dots": "dots",
  "\\ldots": "dots",
  "\\cdots": "dots",
  "\\vdots": "dots",
  "\\ddots": "dots",
  "\\rbrack": "rparen",
};
const GREEK = new Set([
  "alpha", "beta", "gamma", "epsilon", "varepsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "phi", "varphi", "chi", "psi", "omega",
  "Gamma", "Theta", "Lambda", "Pi", "Sigma", "Phi", "Psi", "Omega",
].map((g) => "\\" + g));

const KEYWORDS: Record<string, string> = {
  rot180: "rot",
  Rot180: "rot",
  ROT180: "rot",
  conv: "opfn",
  xcorr: "opfn",
  dilate: "dilate",
  pad: "pad",
  valid: "mode",
  full: "mode",
  same: "mode",
  J: "J",
  T: "tr",
};

function classifyWord(w: string): string {
  const k = KEYWORDS[w];
  if (k) return k;
  if (/^[xwyb]$/.test(w)) return "ent";
  if (/^[xwyb][0-9]+$/.test(w)) return "entd";
  if (/^d[xwyb]$/.test(w)) return "dent";
  if (/^d[xwyb][0-9]+$/.test(w)) return "dentd";
  if (/^[XWY]$/.test(w)) return "mat";
  if (/^d[XWY]$/.test(w)) return "dmat";
  return "ident";
}

const TYPES = new Set([
  "begin", "end", "rowsep", "defeq", "cmd", "subs", "num", "delta", "Delta", "partial", "deg", "mul", "star", "xstar", "plus", "minus", "eq", "lparen", "rparen", "lbrace", "rbrace",
  "amp", "comma", "caret", "sum", "dots", "under", "slash", "frac", "tr", "rot", "opfn", "dilate", "pad", "mode", "J", "ent", "entd", "dent", "dentd", "mat", "dmat", "ident",
]);

/** Tokenises a whole formula (throws LexError on a character no rule accepts). */
export function tokenize(src: string): Tok[] {
  base.reset(src);
  const raw: moo.Token[] = [];
  for (let t = base.next(); t; t = base.next()) {
    if (t.type === "error") throw new LexError(t.offset, t.line, t.col, t.text[0] ?? "");
    if (t.type === "ws" || t.type === "spacing") continue;
    raw.push(t);
  }
  const out: Tok[] = [];
  const braces: boolean[] = [];
  let pendingTransparent = false;
  for (const t of raw) {
    let type = t.type!;
    let value = t.value;
    if (type === "cmd") {
      if (TRANSPARENT.has(value)) {
        pendingTransparent = true;
        continue;
      }
      if (DROPPED.has(value)) continue;
      if (COMMANDS[value]) type = COMMANDS[value]!;
      else if (GREEK.has(value)) type = "ident";
    } else if (type === "word") {
      type = classifyWord(value);
    } else if (type === "greek") {
      type = "ident";
    } else if (type === "lparen") {
      value = "(";
    } else if (type === "rparen") {
      value = ")";
    } else if (type === "defeq") {
      type = "eq";
    }
    if (type === "lbrace") {
      braces.push(pendingTransparent);
      pendingTransparent = false;
      if (braces[braces.length - 1]) continue;
    } else {
      pendingTransparent = false;
      if (type === "rbrace" && braces.length > 0 && braces.pop()) continue;
    }
    out.push({ type, value, text: value, raw: t.text, offset: t.offset, line: t.line, col: t.col });
  }
  return out;
}

/** A nearley lexer over a pre-tokenised formula. */
export class FormulaLexer {
  private toks: Tok[] = [];
  private i = 0;

  reset(chunk: string): void {
    this.toks = tokenize(chunk);
    this.i = 0;
  }

  next(): Tok | undefined {
    return this.toks[this.i++];
  }

  save(): Record<string, never> {
    return {};
  }

  formatError(token: Tok, message: string): string {
    return `${message} at ${token.line}:${token.col}`;
  }

  has(type: string): boolean {
    return TYPES.has(type);
  }
}

export const lexer = new FormulaLexer();
