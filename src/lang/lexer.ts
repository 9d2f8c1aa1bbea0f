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
import { group } from "./group.js";

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
  /** Parsed payload of grouped tokens (an index list, a sum's binders; src/lang/group.ts). */
  data?: unknown;
  /** Where the token ends in the source when a transparent group closes right after it (\mathrm{out}[…]). */
  end?: number;
  /** A word of letters that is one index name (\sum_{ch=1} … W_{f,ch}: src/lang/group.ts wholeWords). */
  whole?: boolean;
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
  // (a backslash before a line break is a control space too: Charmve's `h_{11} \ \⏎`)
  spacing: { match: /\\(?:[,;:! ]|\r?\n|$)/, lineBreaks: true },
  // \begin{array}a: an unbraced column spec is one token, as TeX reads an argument; an alignment here is
  // a matrix written with one (src/lang/document.ts keeps only those opened inside a parenthesis)
  begin: {
    match:
      /\\begin[ \t]*\{(?:[a-zA-Z]*matrix\*?)\}(?:[ \t]*\{[^}]*\})?|\\begin[ \t]*\{align(?:ed)?\*?\}|\\begin[ \t]*\{array\}(?:\s*\{[^}]*\}|\s*[A-Za-z])?/,
    lineBreaks: true,
  },
  end: /\\end[ \t]*\{(?:[a-zA-Z]*matrix\*?|array|align(?:ed)?\*?)\}/,
  rowsep: /\\\\/,
  defeq:
    /\\stackrel[ \t]*\{[ \t]*\\Delta[ \t]*\}[ \t]*\{[ \t]*=[ \t]*\}|:=|≜|≝|\\overset[ \t]*\{[ \t]*\\Delta[ \t]*\}[ \t]*\{[ \t]*=[ \t]*\}/,
  colon: /:/,
  lset: /\\\{/,
  escunder: /\\_/,
  rset: /\\\}/,
  cmd: /\\[A-Za-z]+/,
  subs: /[₀-₉]+(?:,[₀-₉]+)*/,
  num: /[0-9]+(?:\.[0-9]+)?/,
  uword: /(?:conv_transpose|output_padding|conv[123]d)(?![A-Za-z0-9_])/,
  word: /[A-Za-z]+[0-9]*/,
  sum: /[Σ∑]/,
  // (three periods typed for an ellipsis: Charmve's `+...+`)
  dots: /[…⋯⋮⋱]|\.\.\./,
  delta: /δ/,
  Delta: /[Δ∆]/,
  partial: /∂/,
  nabla: /[∇▽]/,
  greek: /[α-ωΑ-Ωϵϑϕℓ]/,
  deg: /[°º⁰]/,
  mul: /[·×⋅∙]/,
  star: /[*∗]/,
  xstar: /[⋆★]/,
  otimes: /[⊗⊛]/,
  had: /[⊙∘]/,
  plus: /\+/,
  minus: /[-−–]/,
  le: /[≤⩽<]/,
  ge: /[≥⩾>]/,
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
  prime: /['′]/,
  // Thorey's n", i" (a typewriter double prime) and ″: two primes
  dprime: /["″]/,
  semi: /;/,
  period: /\./,
  cjk: /[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]+/,
  decor: /⇶|⇉|→|\u20d7/,
  // |K|, |Z| (Epp's notes: a square matrix's side length, in sums' bounds): one size name
  abs: /\|[A-Za-z]\|/,
  // \text{donde $A \in \{W, H\}$}: math inside a text, read with the text; anywhere else an error
  dollar: /\$/,
  error: moo.error,
});

/** Commands that disappear together with their braces. */
const TRANSPARENT = new Set([
  "\\mathbf",
  "\\boldsymbol",
  "\\bm",
  "\\mathrm",
  "\\operatorname",
  "\\mathit",
  "\\mathsf",
  "\\mathnormal",
  "\\mathbb",
  "\\pmb",
  "\\substack",
  // \boxed{δx = …}: a result boxed as a whole, its equation inside
  "\\boxed",
]);
/** Text commands: transparent around a word convgrad reads (full, rot, ReLU, a name), else prose (dropped). */
const TEXT = new Set(["\\text", "\\textrm", "\\textbf", "\\textit", "\\mbox", "\\textsf", "\\texttt", "\\hbox"]);
/** Commands that simply disappear. */
const DROPPED = new Set([
  "\\left",
  "\\right",
  "\\bigl",
  "\\bigr",
  "\\Bigl",
  "\\Bigr",
  "\\big",
  "\\Big",
  "\\biggl",
  "\\biggr",
  "\\bigg",
  "\\Bigg",
  "\\middle",
  "\\displaystyle",
  "\\textstyle",
  "\\scriptstyle",
  "\\quad",
  "\\qquad",
  "\\nonumber",
  "\\notag",
  "\\limits",
  "\\nolimits",
  "\\hfill",
  "\\small",
  "\\large",
  "\\Large",
  "\\normalsize",
  "\\footnotesize",
]);
/**
 * Is the \quad at raw[at] a column break: inside a matrix (or an alignment, which only a bracket's matrix is here),
 * between two operands, in a row with no & of its own?
 */
function quadColumn(raw: readonly moo.Token[], at: number, out: readonly Tok[]): boolean {
  let open = 0;
  for (const t of out)
    if (t.type === "begin") open++;
    else if (t.type === "end") open--;
  if (open <= 0) return false;
  const prev = out[out.length - 1];
  if (!prev || prev.type === "begin" || prev.type === "rowsep" || prev.type === "amp") return false;
  const edge = (t: moo.Token | undefined) => !t || t.type === "rowsep" || t.type === "begin" || t.type === "end";
  let j = at + 1;
  while (raw[j]?.type === "ws" || raw[j]?.text === "\\quad" || raw[j]?.text === "\\qquad") j++;
  if (edge(raw[j])) return false;
  for (let k = at; !edge(raw[k]); k++) if (raw[k]!.type === "amp") return false;
  for (let k = at; !edge(raw[k]); k--) if (raw[k]!.type === "amp") return false;
  return !/^[+\-=]$/.test(raw[j]!.text);
}

/** Commands dropped together with their first braced argument (\\textcolor keeps its second). */
const DROPPED_WITH_ARG = new Set([
  "\\phantom",
  "\\hphantom",
  "\\vphantom",
  "\\color",
  "\\textcolor",
  "\\colorbox",
  "\\label",
  "\\tag",
  "\\hspace",
  "\\vspace",
  "\\kern",
]);
const COMMANDS: Record<string, string> = {
  "\\delta": "delta",
  "\\Delta": "Delta",
  "\\partial": "partial",
  "\\nabla": "nabla",
  "\\bigtriangledown": "nabla",
  "\\triangledown": "nabla",
  "\\over": "over",
  "\\frac": "frac",
  "\\dfrac": "frac",
  "\\tfrac": "frac",
  "\\cdot": "mul",
  "\\times": "mul",
  "\\ast": "star",
  "\\star": "xstar",
  "\\otimes": "otimes",
  "\\circledast": "otimes",
  "\\odot": "had",
  "\\bullet": "had",
  "\\circ": "deg",
  "\\top": "tr",
  "\\intercal": "tr",
  // a common author macro for the transpose (Straka's slides: (⇶G_{i,j})^\T)
  "\\T": "tr",
  "\\prime": "prime",
  "\\triangleq": "defeq",
  "\\coloneqq": "defeq",
  "\\equiv": "defeq",
  "\\doteq": "defeq",
  "\\lbrack": "lparen",
  "\\rbrack": "rparen",
  "\\lbrace": "lparen",
  "\\rbrace": "rparen",
  "\\lfloor": "lfloor",
  "\\rfloor": "rfloor",
  "\\lceil": "lceil",
  "\\rceil": "rceil",
  "\\sum": "sum",
  "\\dots": "dots",
  "\\ldots": "dots",
  "\\cdots": "dots",
  "\\vdots": "dots",
  "\\ddots": "dots",
  "\\le": "le",
  "\\leq": "le",
  "\\leqslant": "le",
  "\\lt": "le",
  "\\ge": "ge",
  "\\geq": "ge",
  "\\geqslant": "ge",
  "\\gt": "ge",
  "\\in": "in",
  "\\forall": "forall",
  "\\infty": "infty",
};
const GREEK = new Set(
  [
    "alpha",
    "beta",
    "gamma",
    "epsilon",
    "varepsilon",
    "zeta",
    "eta",
    "theta",
    "iota",
    "kappa",
    "lambda",
    "mu",
    "nu",
    "xi",
    "pi",
    "rho",
    "sigma",
    "tau",
    "phi",
    "varphi",
    "chi",
    "psi",
    "omega",
    "Gamma",
    "Theta",
    "Lambda",
    "Pi",
    "Sigma",
    "Phi",
    "Psi",
    "Omega",
    "ell",
  ].map((g) => "\\" + g),
);

/** LaTeX's (and its common packages') math commands convgrad does not read: never a document's own name. */
const LATEX = new Set(
  (
    "sqrt root log lg ln exp max min sup inf lim limsup liminf arg argmax argmin det dim ker deg gcd hom Pr " +
    "sin cos tan cot sec csc sinh cosh tanh coth arcsin arccos arctan prod coprod int iint iiint oint " +
    "neq approx sim simeq cong propto mapsto rightarrow leftarrow leftrightarrow Rightarrow Leftarrow " +
    "Leftrightarrow longrightarrow Longrightarrow longleftarrow Longleftarrow iff implies impliedby gets " +
    "uparrow downarrow Uparrow Downarrow hookrightarrow xrightarrow xleftarrow mid vert Vert lvert rvert " +
    "lVert rVert langle rangle lgroup rgroup div setminus cup cap bigcup bigcap subset subseteq supset " +
    "supseteq notin exists nexists neg lnot land lor wedge vee oplus ominus bigoplus bigotimes bigodot " +
    "emptyset varnothing aleph hbar imath jmath angle triangle square dagger ddagger perp parallel bot " +
    "models vdash therefore because lesssim gtrsim prec succ preceq succeq cdotp colon dotsc dotsb dotsm " +
    "dotsi dotso hdots vec overline underline overbrace underbrace overrightarrow overleftarrow acute grave " +
    "mathring stackrel overset underset atop choose binom dbinom tbinom cfrac genfrac pmod bmod mod not " +
    "relax unicode tiny scriptsize huge Huge mathfrak mathtt mathsf ensuremath textnormal cancel bcancel " +
    "xcancel cancelto boxed hline cline enspace thinspace medspace thickspace negthinspace mathstrut strut " +
    "mathop mathrel mathbin mathord mathclap mathllap mathrlap llap rlap clap raisebox scalebox hfil cr " +
    "newline nobreak allowbreak label ref eqref cite emph href url sout enclose begin end item cal frak " +
    "scriptscriptstyle leqq geqq Box checkmark longmapsto longleftrightarrow Longleftrightarrow smash " +
    "bigstar bigtriangleup backslash space hskip vskip"
  ).split(" "),
);

/** Words with a meaning of their own (a Map: names like `constructor` are ordinary names). */
const KEYWORDS = new Map<string, string>([
  ["rot180", "rot"],
  ["Rot180", "rot"],
  ["ROT180", "rot"],
  ["rot", "rotword"],
  ["Rot", "rotword"],
  ["ROT", "rotword"],
  ["rot90", "rot90"],
  ["conv", "opfn"],
  ["xcorr", "opfn"],
  ["conv2", "opfn"],
  // PyTorch's conv1d, conv2d, conv3d: cross-correlation, valid unless padded
  ["conv1d", "opfn"],
  ["conv2d", "opfn"],
  ["conv3d", "opfn"],
  ["dilate", "dilate"],
  ["pad", "pad"],
  ["crop", "crop"],
  ["conv_transpose", "convt"],
  ["valid", "mode"],
  ["full", "mode"],
  ["same", "mode"],
  ["J", "J"],
  ["T", "tr"],
]);

export function classifyWord(w: string): string {
  const k = KEYWORDS.get(w);
  if (k) return k;
  if (/^[xwyb]$/.test(w)) return "ent";
  if (/^[xwyb][0-9]+$/.test(w)) return "entd";
  if (/^d[xwyb]$/.test(w)) return "dent";
  if (/^d[xwyb][0-9]+$/.test(w)) return "dentd";
  if (/^[XWY]$/.test(w)) return "mat";
  if (/^d[XWY]$/.test(w)) return "dmat";
  return "ident";
}

export const TOKEN_TYPES = new Set([
  "begin",
  "end",
  "rowsep",
  "defeq",
  "cmd",
  "subs",
  "num",
  "delta",
  "Delta",
  "partial",
  "deg",
  "mul",
  "star",
  "xstar",
  "plus",
  "minus",
  "eq",
  "lparen",
  "rparen",
  "lbrace",
  "rbrace",
  "amp",
  "comma",
  "caret",
  "sum",
  "dots",
  "under",
  "slash",
  "frac",
  "tr",
  "rot",
  "opfn",
  "dilate",
  "pad",
  "mode",
  "J",
  "ent",
  "entd",
  "dent",
  "dentd",
  "mat",
  "dmat",
  "ident",
  "idx",
  "sumop",
  "fn",
  "had",
  "otimes",
  "rot90",
  "dop",
  "pluseq",
  "crop",
  "colon",
  "convt",
]);

/** Words a \\text{…} keeps (the rest of its text is prose). */
function textKept(words: string[]): boolean {
  if (words.length !== 1) return false;
  const w = words[0]!;
  return KEYWORDS.has(w) || /^[A-Za-z][0-9]*$/.test(w) || /^(relu|ReLU|tanh|sigmoid|softmax|d[A-Za-z]+)$/.test(w);
}

function tok(t: moo.Token, type: string, value: string): Tok {
  return { type, value, text: value, raw: t.text, offset: t.offset, line: t.line, col: t.col };
}

/** Index of the token after the braced group starting at raw[i] (raw[i] is "{"), or i when none. */
/** Is raw[k] the end of a sum's operator and its subscript (\sum, \sum_{v=1}, \sum\limits_{…})? */
function isSumOperator(raw: readonly moo.Token[], k: number): boolean {
  let j = k;
  if (raw[j]?.type === "rbrace") {
    for (let depth = 0; j >= 0; j--) {
      if (raw[j]!.type === "rbrace") depth++;
      else if (raw[j]!.type === "lbrace" && --depth === 0) break;
    }
    if (raw[j - 1]?.type !== "under") return false;
    j -= 2;
  }
  if (raw[j]?.type === "cmd" && raw[j]!.value === "\\limits") j--;
  return (
    raw[j]?.type === "sum" || (raw[j]?.type === "cmd" && (raw[j]!.value === "\\sum" || raw[j]!.value === "\\prod"))
  );
}

/** The parenthesis that opens at raw[i]: the index after its match (any bracket of ( [ closes it), or -1. */
function skipParen(raw: readonly moo.Token[], i: number): number {
  for (let depth = 0, j = i; j < raw.length; j++) {
    if (raw[j]!.type === "lparen") depth++;
    else if (raw[j]!.type === "rparen" && --depth === 0) return j + 1;
  }
  return -1;
}

function skipGroup(raw: moo.Token[], i: number): number {
  if (raw[i]?.type !== "lbrace") return i;
  let depth = 0;
  for (let j = i; j < raw.length; j++) {
    if (raw[j]!.type === "lbrace") depth++;
    else if (raw[j]!.type === "rbrace" && --depth === 0) return j + 1;
  }
  return raw.length;
}

/** The colour argument of a colour command (\color{#4ECDC4}, \textcolor{#f00}). */
const COLOR_SPEC = /\\(?:color|textcolor|colorbox)\s*\{[^{}]*\}/g;

/**
 * d{W_{11}}, d{A^{[l-1]}} (Bhattacharjee's braced names): the gradient dW_{11}, dA^{[l-1]}, as written
 * without the braces. Rewritten in place with spaces for the braces, so columns stay the source's.
 */
function bracedGradients(src: string): string {
  let out = src;
  for (const m of src.matchAll(/(?<![A-Za-z\\])d\{(?=[A-Za-z][_^}])/g)) {
    const open = m.index + 1;
    let depth = 0;
    let close = -1;
    for (let i = open; i < src.length && close < 0; i++) {
      if (src[i] === "{") depth++;
      else if (src[i] === "}" && --depth === 0) close = i;
    }
    if (close < 0) continue;
    out = `${out.slice(0, m.index)} d${out.slice(open + 1, close)} ${out.slice(close + 1)}`;
  }
  return out;
}

/** Tokenises a whole formula (throws LexError on a character no rule accepts). */
/**
 * A long cell of a matrix broken over lines with a matrix of its own (huaxuan0720's u entries:
 * `\begin{matrix} x_{1,1}k_{1,1} + … + \\ x_{2,1}k_{2,1} + … + b \\ \end{matrix}`): one column, every line
 * but the last ending on + or −, inside another matrix. Read as the one expression it is, in parentheses.
 */
function brokenCells(toks: Tok[]): Tok[] {
  const out = [...toks];
  let open = 0;
  let brokeAny = false;
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    if (t.type === "end") open--;
    if (t.type !== "begin") continue;
    open++;
    if (open < 2 || !/\{matrix\}$/.test(t.value.replace(/\s+/g, ""))) continue;
    const end = out.findIndex((u, j) => j > i && (u.type === "begin" || u.type === "end"));
    if (end < 0 || out[end]!.type !== "end") continue;
    const inner = out.slice(i + 1, end);
    const seps = inner.flatMap((u, k) => (u.type === "rowsep" ? [k] : []));
    const broken = (k: number) => k === inner.length - 1 || ["plus", "minus"].includes(inner[k - 1]?.type ?? "");
    if (seps.length === 0 || inner.some((u) => u.type === "amp") || !seps.every(broken)) continue;
    brokeAny = true;
    out.splice(i, end - i + 1, { ...t, type: "lparen", value: "(" }, ...inner.filter((u) => u.type !== "rowsep"), {
      ...out[end]!,
      type: "rparen",
      value: ")",
    });
    open--;
  }
  // (\end{matrix} \\ \\ \begin{matrix}: an empty row between the broken cells' rows is layout too)
  return out.filter((u, k) => !(u.type === "rowsep" && out[k - 1]?.type === "rowsep" && brokeAny));
}

/** Tokens that can end an operand (x, X, x_{1,1}'s brace, (…), \end{bmatrix}, 2). */
const OPERAND_END = new Set(["ident", "ent", "entd", "dent", "dentd", "mat", "dmat", "rbrace", "rparen", "end", "num"]);

/**
 * `x \; conv \; k + b = u`, `A \; conv(stride = 1) \; B`: a source's own word for its convolution, written
 * between its operands (convgrad's conv is a function, conv(A, B)) — an operator like ⊗, read like `*` unless
 * the document defines it, with the stride it names.
 */
function infixConv(toks: Tok[]): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const prev = out[out.length - 1];
    if (t.type !== "opfn" || t.value !== "conv" || !prev || !OPERAND_END.has(prev.type)) {
      out.push(t);
      continue;
    }
    const [a, b, c, d, e] = toks.slice(i + 1, i + 6);
    const stride =
      a?.type === "lparen" && b?.value === "stride" && c?.type === "eq" && d?.type === "num" && e?.type === "rparen";
    if (toks[i + 1]?.type === "lparen" && !stride) {
      out.push(t);
      continue;
    }
    out.push({ ...t, type: "otimes" });
    if (stride) {
      // conv(stride = 1): the stride subscript the grammar reads (*_{stride=1})
      out.push({ ...a, type: "under", value: "_" }, { ...a, type: "lbrace", value: "{" }, b, c, d, {
        ...e,
        type: "rbrace",
        value: "}",
      });
      i += 5;
    }
  }
  return out;
}

export function tokenize(src: string): Tok[] {
  // \color{#FF6B6B}: a colour given in hex is dropped with its command; # is no character of math
  // (replaced by one of the same length, so columns stay the source's)
  if (src.includes("#")) src = src.replace(COLOR_SPEC, (m) => m.replace(/#/g, "x"));
  if (src.includes("d{")) src = bracedGradients(src);
  // {w}_{11}{x}_{11} (Zayan's braced letters): the letter subscripted, as TeX sets it — not a command's
  // argument (\mathbf{x}_{1}, \frac{a}{b}_{1}) nor a sub- or superscript; spaces keep the columns
  if (src.includes("}_"))
    src = src.replace(/(?<![A-Za-z\\^_])\{([A-Za-z])\}(?=_)/g, (m, c: string, at: number) =>
      /\\(?!begin\b|end\b)[A-Za-z]+\s*(?:\{[^{}]*\}\s*)*$/.test(src.slice(Math.max(0, at - 200), at)) ? m : `  ${c}`,
    );
  base.reset(src);
  const raw: moo.Token[] = [];
  for (let t = base.next(); t; t = base.next()) {
    if (t.type === "error") throw new LexError(t.offset, t.line, t.col, t.text[0] ?? "");
    // ⇶I, ⇉K, →b: a deck's own marks for tensors, matrices and vectors (like \mathbf)
    if (t.type === "ws" || t.type === "spacing" || t.type === "decor") continue;
    raw.push(t);
  }
  // \sum_{v=1}^qI(…): an unbraced superscript is one letter, as TeX reads it — the sum's bound q, then I
  for (let k = 1; k + 1 < raw.length; k++) {
    const [c, w] = [raw[k]!, raw[k + 1]!];
    if (c.type !== "caret" || w.type !== "word" || w.text.length < 2 || w.offset !== c.offset + 1) continue;
    if (!isSumOperator(raw, k - 1)) continue;
    const rest = { ...w, value: w.value.slice(1), text: w.text.slice(1), offset: w.offset + 1, col: w.col + 1 };
    raw.splice(k + 1, 1, { ...w, value: w.value[0]!, text: w.text[0]! }, rest);
  }
  // \star{}g, f{(i, j)} (a source's braces for TeX's spacing): an empty group is nothing, and braces around a
  // call's parenthesis right after its name are not a group (the parenthesis takes the brace's place)
  for (let k = raw.length - 2; k >= 0; k--)
    if (raw[k]!.type === "lbrace" && raw[k + 1]!.type === "rbrace") raw.splice(k, 2);
  for (let k = 1; k + 1 < raw.length; k++) {
    const [prev, open, paren] = [raw[k - 1]!, raw[k]!, raw[k + 1]!];
    if (open.type !== "lbrace" || paren.type !== "lparen" || paren.text !== "(") continue;
    if (!["word", "rparen", "rbrace", "greek"].includes(prev.type!) || open.offset !== prev.offset + prev.text.length)
      continue;
    const close = skipGroup(raw, k);
    if (raw[close - 1]?.type !== "rbrace" || raw[close - 2]?.type !== "rparen" || skipParen(raw, k + 1) !== close - 1)
      continue;
    raw.splice(close - 1, 1);
    raw.splice(k, 1);
    raw[k] = { ...paren, offset: open.offset, col: open.col };
  }
  // \left\{ … \right. (a system of equations, one per row): the brace groups rows, not an operand;
  // a \left\{ with no \right\} after it in this formula is dropped
  for (let i = raw.length - 2; i >= 0; i--) {
    if (raw[i]!.type === "cmd" && raw[i]!.value === "\\left" && raw[i + 1]!.type === "lset") {
      const closed = raw.some(
        (r, j) => j > i + 1 && r.type === "cmd" && r.value === "\\right" && raw[j + 1]?.type === "rset",
      );
      if (!closed) raw.splice(i + 1, 1);
    }
  }
  const out: Tok[] = [];
  const braces: boolean[] = [];
  let pendingTransparent = false;
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    let type = t.type!;
    let value = t.value;
    // `// comment` (a column of remarks in an align): to the end of the line
    if (type === "slash" && raw[i + 1]?.type === "slash" && raw[i + 1]!.offset === t.offset + 1) {
      while (i + 1 < raw.length && raw[i + 1]!.line === t.line) i++;
      continue;
    }
    if (type === "cmd") {
      // \underbrace{∂L/∂Z}_{\text{Fehler an Output-Position}}: the braced formula, read; its label, dropped
      if ((value === "\\underbrace" || value === "\\overbrace") && raw[i + 1]?.type === "lbrace") {
        const end = skipGroup(raw, i + 1);
        const script = raw[end]?.type === (value === "\\underbrace" ? "under" : "caret");
        if (script) raw.splice(end, (raw[end + 1]?.type === "lbrace" ? skipGroup(raw, end + 1) : end + 2) - end);
        pendingTransparent = true;
        continue;
      }
      if (TRANSPARENT.has(value)) {
        pendingTransparent = true;
        continue;
      }
      if (TEXT.has(value)) {
        const end = skipGroup(raw, i + 1);
        const inner = raw.slice(i + 2, end - 1).filter((x) => x.type !== "ws");
        // \text{out}[o, i, j], \text{out}_{i}: a word indexed right after its group is a name
        const indexed =
          inner.length === 1 &&
          /^[A-Za-z]+$/.test(inner[0]!.text) &&
          raw[end] !== undefined &&
          (raw[end].text === "[" || raw[end].text === "_") &&
          raw[end].offset === raw[end - 1]!.offset + 1;
        // h_\text{out}, h_{\text{out}}: a word below a name is its label (as h_{out} is)
        let b = i - 1;
        while (b >= 0 && raw[b]!.type === "ws") b--;
        if (raw[b]?.text === "{") b--;
        const label = inner.length === 1 && /^[A-Za-z]+$/.test(inner[0]!.text) && raw[b]?.text === "_";
        if (end > i + 1 && (indexed || label || textKept(inner.map((x) => x.value)))) {
          pendingTransparent = true;
          continue;
        }
        // \text{ s.t. }, \text{such that}, \text{where}: a sum's condition follows (at the formula's start,
        // `\text{where } H' = …`, nothing does: it is prose there)
        if (out.length > 0 && /^(s\.t\.?|st|suchthat|where|for|with)$/.test(inner.map((x) => x.value).join("")))
          out.push(tok(t, "st", "s.t."));
        // prose inside math: dropped at the ends of a formula, an error between its operands
        else if (inner.length > 0)
          out.push({
            ...tok(t, "prose", "prose"),
            raw: src.slice(t.offset, raw[end - 1]!.offset + raw[end - 1]!.text.length),
          });
        i = end - 1;
        continue;
      }
      // \rule[…]{0mm}{7mm}: a strut that sets a row's height, with its two arguments
      if (value === "\\rule") {
        let j = i + 1;
        if (raw[j]?.type === "lparen" && raw[j]!.text === "[") while (j < raw.length && raw[j]!.text !== "]") j++;
        if (raw[j]?.text === "]") j++;
        if (raw[j]?.type === "lbrace") j = skipGroup(raw, j);
        if (raw[j]?.type === "lbrace") j = skipGroup(raw, j);
        i = j - 1;
        continue;
      }
      if (DROPPED_WITH_ARG.has(value)) {
        let j = i + 1;
        if (raw[j]?.type === "lbrace") j = skipGroup(raw, j);
        else if (value === "\\tag" && raw[j]) j++; // \tag 6
        i = j - 1;
        // \textcolor{red}{x}, \color{red}{x}: the colored group is transparent
        if ((value === "\\textcolor" || value === "\\color") && raw[j]?.type === "lbrace") pendingTransparent = true;
        continue;
      }
      if (DROPPED.has(value)) {
        // \left[\begin{aligned} x_{11} \quad x_{12} \\ … \end{aligned}\right]: a matrix whose rows set their entries
        // apart with \quad, no & in the row — the space is the column break
        if ((value === "\\quad" || value === "\\qquad") && quadColumn(raw, i, out)) {
          out.push(tok(t, "amp", "&"));
          continue;
        }
        // y\left(n, x', y'\right): a call's parenthesis sized by \left is still the call's
        const last = out[out.length - 1];
        if (
          value === "\\left" &&
          raw[i + 1]?.type === "lparen" &&
          last &&
          (last.end ?? last.offset + last.raw.length) === t.offset
        )
          last.end = raw[i + 1]!.offset;
        continue;
      }
      if (DECORATIONS.has(value)) {
        // \mathcal{L}, \hat{y}, \tilde{\otimes}, \ddot{\check{\delta}}: one name (or one operator)
        const end = skipGroup(raw, i + 1);
        const inner = end > i + 1 ? raw.slice(i + 2, end - 1) : raw.slice(i + 1, i + 2);
        const last = end > i + 1 ? end : i + 2;
        if (inner.length === 0 || !raw[last - 1]) {
          out.push(tok(t, "cmd", value));
          continue;
        }
        const innerText = inner.map((x) => x.value).join("");
        const op =
          inner.length === 1 &&
          (COMMANDS[inner[0]!.value] === "otimes" ||
            COMMANDS[inner[0]!.value] === "star" ||
            inner[0]!.type === "star" ||
            inner[0]!.type === "otimes");
        out.push({
          type: op ? "otimes" : "ident",
          value: `${value}{${innerText}}`,
          text: `${value}{${innerText}}`,
          raw: src.slice(t.offset, raw[last - 1]!.offset + raw[last - 1]!.text.length),
          offset: t.offset,
          line: t.line,
          col: t.col,
        });
        i = last - 1;
        pendingTransparent = false;
        continue;
      }
      if (COMMANDS[value]) type = COMMANDS[value]!;
      else if (GREEK.has(value)) type = "ident";
      // a document's own macro (\filters[c,k,i,j], \outputMatrix_{ij}, \filters): a name — the document
      // does not define it (a defined one is expanded before this), learning decides what it names;
      // LaTeX's own commands (\sqrt, \log, \neq) are never names
      else if (/^\\[A-Za-z]{3,}$/.test(value) && !LATEX.has(value.slice(1))) type = "ident";
      if (type === "defeq") type = "eq";
      if (value === "\\ell") value = "l";
    } else if (type === "cjk") {
      type = "prose";
    } else if (type === "dollar") {
      throw new LexError(t.offset, t.line, t.col, "$");
    } else if (type === "abs") {
      out.push({ ...tok(t, "ident", value), whole: true });
      continue;
    } else if (type === "word" || type === "uword") {
      type = classifyWord(value);
    } else if (type === "greek") {
      type = "ident";
      if (value === "ℓ") value = "l";
    } else if (type === "lparen" || type === "lset") {
      type = "lparen";
      value = "(";
    } else if (type === "rparen" || type === "rset") {
      type = "rparen";
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
      if (type === "rbrace" && braces.length > 0 && braces.pop()) {
        const last = out[out.length - 1];
        if (last && (last.end ?? last.offset + last.raw.length) === t.offset) last.end = t.offset + t.text.length;
        continue;
      }
    }
    // 18,000,000 (a comma every three digits, outside any bracket): one number
    const [num, comma] = [out[out.length - 2], out[out.length - 1]];
    if (
      type === "num" &&
      /^[0-9]{3}$/.test(value) &&
      comma?.type === "comma" &&
      num?.type === "num" &&
      /^[0-9]+$/.test(num.value) &&
      comma.offset === num.offset + num.raw.length &&
      t.offset === comma.offset + 1 &&
      braces.length === 0 &&
      out.filter((u) => u.type === "lparen").length === out.filter((u) => u.type === "rparen").length
    ) {
      out.pop();
      out[out.length - 1] = { ...num, value: num.value + value, text: num.text + value, raw: `${num.raw},${value}` };
      continue;
    }
    out.push(tok(t, type, value));
  }
  return group(infixConv(brokenCells(out)));
}

/** Accents and alphabets that make one name of what they decorate (a source's padded δ̈, zero-inserted ž). */
const DECORATIONS = new Set([
  "\\mathcal",
  "\\mathscr",
  "\\hat",
  "\\tilde",
  "\\widetilde",
  "\\bar",
  "\\check",
  "\\ddot",
  "\\dot",
  "\\breve",
  "\\widehat",
]);

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
    return TOKEN_TYPES.has(type);
  }
}

export const lexer = new FormulaLexer();
