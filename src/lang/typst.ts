/**
 * Typst math read as the LaTeX it typesets: `(partial cal(L)) / (partial w_(c_"out", m, n))` is
 * `\frac{\partial \mathcal{L}}{\partial w_{c_\text{out}, m, n}}`. Typst writes commands as bare words
 * (partial, sum, delta), groups sub- and superscripts and fractions with parentheses it does not print,
 * text in quotes, and a fraction as `a / b` between its nearest operands. A formula is read so only when
 * it has no LaTeX command (no backslash) and a mark of Typst's own (`_(`, `^(`, quoted text, one of its
 * words); every output character keeps the offset of the source character it came from.
 */

/** Typst's words for LaTeX's commands (symbols and operators); `dot.o` and the like by their full name. */
const SYMBOLS: Readonly<Record<string, string>> = {
  partial: "\\partial",
  sum: "\\sum",
  prod: "\\prod",
  integral: "\\int",
  nabla: "\\nabla",
  times: "\\times",
  dot: "\\cdot",
  "dot.c": "\\cdot",
  "dot.o": "\\odot",
  "circle.stroked.tiny": "\\circ",
  ast: "\\ast",
  star: "\\star",
  quad: "\\quad",
  qquad: "\\qquad",
  in: "\\in",
  infinity: "\\infty",
  ell: "\\ell",
  approx: "\\approx",
  "arrow.r": "\\rightarrow",
  "arrow.l.r.double": "\\Leftrightarrow",
  dots: "\\dots",
  "dots.c": "\\cdots",
  "dots.h": "\\dots",
  "dots.v": "\\vdots",
  "dots.down": "\\ddots",
  log: "\\log",
  exp: "\\exp",
  max: "\\max",
  min: "\\min",
};

const GREEK = new Set(
  "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega".split(
    " ",
  ),
);

/** Typst's functions of one argument that are LaTeX's commands of one argument. */
const WRAPPERS: Readonly<Record<string, string>> = {
  cal: "\\mathcal",
  bold: "\\mathbf",
  bb: "\\mathbb",
  upright: "\\mathrm",
  italic: "\\mathit",
  hat: "\\hat",
  tilde: "\\tilde",
  macron: "\\bar",
  overline: "\\overline",
  sqrt: "\\sqrt",
  arrow: "\\vec",
};

/** Two-character operators. */
const OPERATORS: Readonly<Record<string, string>> = {
  "->": "\\to ",
  "=>": "\\Rightarrow ",
  "<=": "\\le ",
  ">=": "\\ge ",
  "!=": "\\neq ",
  ":=": ":=",
};

/** Is this formula Typst math? (no LaTeX command in it, and a mark of Typst's own) */
export function isTypstMath(text: string): boolean {
  // a LaTeX command (\frac, \{, \,) says LaTeX; Typst's own backslash only breaks a line
  if (/\\[^\s]/.test(text)) return false;
  return (
    /[_^]\(/.test(text) ||
    /"[^"\n]*"/.test(text) ||
    /(?<![A-Za-z])(?:partial|sum|cal|bold|bb|dot\.o|times)(?![A-Za-z])/.test(text)
  );
}

interface Piece {
  s: string;
  at: number;
}

type Item =
  | { k: "word"; v: string; at: number }
  | { k: "num"; v: string; at: number }
  | { k: "str"; v: string; at: number }
  | { k: "sym"; v: string; at: number }
  | { k: "group"; open: string; close: string; items: Item[]; at: number; end: number };

/** The formula's items, brackets nested (at most 64 deep); null when its brackets do not match. */
function items(text: string): Item[] | null {
  const root: Item[] = [];
  const stack: { open: string; items: Item[]; at: number }[] = [{ open: "", items: root, at: 0 }];
  const closer: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const top = stack[stack.length - 1]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c in closer) {
      if (stack.length > 64) return null;
      stack.push({ open: c, items: [], at: i });
      i++;
      continue;
    }
    if (c === ")" || c === "]" || c === "}") {
      if (stack.length === 1 || closer[top.open] !== c) return null;
      stack.pop();
      stack[stack.length - 1]!.items.push({
        k: "group",
        open: top.open,
        close: c,
        items: top.items,
        at: top.at,
        end: i,
      });
      i++;
      continue;
    }
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) return null;
      top.items.push({ k: "str", v: text.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    const word = /^[A-Za-z][A-Za-z0-9]*(?:\.[a-z]+)*/.exec(text.slice(i));
    if (word) {
      top.items.push({ k: "word", v: word[0], at: i });
      i += word[0].length;
      continue;
    }
    const num = /^[0-9]+(?:\.[0-9]+)?/.exec(text.slice(i));
    if (num) {
      top.items.push({ k: "num", v: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (OPERATORS[two]) {
      top.items.push({ k: "sym", v: two, at: i });
      i += 2;
      continue;
    }
    top.items.push({ k: "sym", v: c, at: i });
    i++;
  }
  return stack.length === 1 ? root : null;
}

/** A group's content without its parentheses (a script's or a fraction's operand), else the item itself. */
const bare = (it: Item): Item[] => (it.k === "group" && (it.open === "(" || it.open === "{") ? it.items : [it]);

/** A word or text with its call's parenthesis: op("arg min")_bold(w) — the subscript is bold(w). */
const called = (list: readonly Item[], i: number): boolean =>
  (list[i]?.k === "word" || list[i]?.k === "str") &&
  list[i + 1]?.k === "group" &&
  (list[i + 1] as { open: string }).open === "(";

/** An operand with its sub- and superscripts, primes and call arguments: items[i…end). */
function operandEnd(list: readonly Item[], i: number): number {
  let j = i + 1;
  // f(x), cal(L), "SiLU"(u): a call's parenthesis belongs to its name
  if (called(list, i)) j++;
  for (;;) {
    const u = list[j];
    if (u?.k === "sym" && (u.v === "_" || u.v === "^") && list[j + 1]) j += called(list, j + 1) ? 3 : 2;
    else if (u?.k === "sym" && u.v === "'") j++;
    else return j;
  }
}

function word(w: string): string {
  if (SYMBOLS[w]) return `${SYMBOLS[w]} `;
  if (GREEK.has(w)) return `\\${w} `;
  if (w.length === 1) return w;
  if (/^[A-Za-z]$/.test(w[0]!) && /^[0-9]+$/.test(w.slice(1))) return w;
  return `\\mathrm{${w}}`;
}

/** The LaTeX of items[from…to), each piece at its source offset. */
function emit(list: readonly Item[], from: number, to: number, out: Piece[], depth: number, script = false): void {
  if (depth > 64) throw new RangeError("Typst math nested too deeply");
  let i = from;
  while (i < to) {
    const end = Math.min(operandEnd(list, i), to);
    // a / b: the nearest operands on either side, their parentheses not printed
    if (list[end]?.k === "sym" && (list[end] as { v: string }).v === "/" && end + 1 < to) {
      const bEnd = Math.min(operandEnd(list, end + 1), to);
      const at = list[i]!.at;
      out.push({ s: "\\frac{", at });
      operand(list, i, end, out, depth);
      out.push({ s: "}{", at: list[end].at });
      operand(list, end + 1, bEnd, out, depth);
      out.push({ s: "}", at: list[end].at });
      i = bEnd;
      continue;
    }
    one(list, i, end, out, depth, script);
    i = end;
  }
}

/** An operand whose outer parentheses group it (a fraction's part): without them when it is one group. */
function operand(list: readonly Item[], from: number, to: number, out: Piece[], depth: number): void {
  const it = list[from]!;
  if (to === from + 1 && it.k === "group" && it.open === "(") emit(it.items, 0, it.items.length, out, depth + 1);
  else one(list, from, to, out, depth);
}

/** A group's items between two marks: the opening at `at`, the closing at the group's end. */
function around(l: string, g: Extract<Item, { k: "group" }>, r: string, at: number, out: Piece[], depth: number): void {
  out.push({ s: l, at });
  emit(g.items, 0, g.items.length, out, depth + 1);
  out.push({ s: r, at: g.end });
}

/** One operand: a name, number, text or group, then its call arguments, scripts and primes. */
function one(list: readonly Item[], from: number, to: number, out: Piece[], depth: number, script = false): void {
  const t = list[from]!;
  let j = from + 1;
  const call = list[j]?.k === "group" && (list[j] as { open: string }).open === "(" && j < to ? list[j] : null;
  if (
    t.k === "word" &&
    call?.k === "group" &&
    (WRAPPERS[t.v] || t.v === "floor" || t.v === "ceil" || t.v === "abs" || t.v === "op")
  ) {
    const [l, r] =
      t.v === "floor"
        ? ["\\lfloor ", "\\rfloor "]
        : t.v === "ceil"
          ? ["\\lceil ", "\\rceil "]
          : t.v === "abs"
            ? ["|", "|"]
            : [null, null];
    if (l && r) around(l, call, r, t.at, out, depth);
    else if (t.v === "op") {
      const inner = call.items[0];
      out.push({ s: `\\operatorname{${inner?.k === "str" ? inner.v : ""}}`, at: t.at });
    } else around(`${WRAPPERS[t.v]}{`, call, "}", t.at, out, depth);
    j++;
  } else if (t.k === "word") out.push({ s: word(t.v), at: t.at });
  else if (t.k === "num") out.push({ s: t.v, at: t.at });
  // c_"out": a word below a name is its label, as LaTeX sources write c_{out}
  // (and "SiLU"(u), a function named in text, is that function)
  else if (t.k === "str")
    out.push({ s: (script || call) && /^[A-Za-z]+$/.test(t.v) ? t.v : `\\text{${t.v}}`, at: t.at });
  else if (t.k === "sym") out.push({ s: OPERATORS[t.v] ?? (t.v === "\\" ? "\\\\ " : t.v), at: t.at });
  else {
    const [l, r] = t.open === "{" ? ["\\{", "\\}"] : [t.open, t.close];
    around(l, t, r, t.at, out, depth);
  }
  for (; j < to; j++) {
    const u = list[j]!;
    // f(x): the call's parenthesis, printed
    if (u.k === "group" && u.open === "(" && j === from + 1) around("(", u, ")", u.at, out, depth);
    else if (u.k === "sym" && (u.v === "_" || u.v === "^") && j + 1 < to) {
      out.push({ s: `${u.v}{`, at: u.at });
      const arg = list[j + 1]!;
      const inner = bare(arg);
      const span = called(list, j + 1) ? 2 : 1;
      if (span === 2 || (inner.length === 1 && inner[0] === arg)) one(list, j + 1, j + 1 + span, out, depth + 1, true);
      else emit(inner, 0, inner.length, out, depth + 1, true);
      out.push({ s: "}", at: u.at });
      j += span;
    } else if (u.k === "sym") out.push({ s: u.v, at: u.at });
  }
}

/**
 * The LaTeX of a Typst formula, each character with the source offset it came from (offsets[k] is the
 * offset of text[k]); null when the formula is not Typst math or its brackets do not match.
 */
export function typstToLatex(text: string, offsets: readonly number[]): { text: string; offsets: number[] } | null {
  if (!isTypstMath(text)) return null;
  const list = items(text);
  if (!list) return null;
  const out: Piece[] = [];
  try {
    emit(list, 0, list.length, out, 0);
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
  let s = "";
  const offs: number[] = [];
  for (const p of out) {
    const src = offsets[p.at] ?? offsets[offsets.length - 1] ?? 0;
    // H W (a product of two names) stays two names
    if (/[A-Za-z0-9]$/.test(s) && /^[A-Za-z0-9]/.test(p.s)) {
      s += " ";
      offs.push(src);
    }
    s += p.s;
    for (let k = 0; k < p.s.length; k++) offs.push(src);
  }
  const lead = s.length - s.trimStart().length;
  return { text: s.trim(), offsets: offs.slice(lead, lead + s.trim().length) };
}
