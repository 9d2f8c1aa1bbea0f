/**
 * The document splitter: finds the math in a LaTeX / Markdown file ($$…$$, $…$, \[…\], \(…\),
 * align/equation environments) or reads a plain formula file line by line, and cuts it into
 * equations — at `\\` (align rows), `\qquad`, `\quad`, `\implies`, `,` and `;` outside braces, parentheses
 * and matrices. A piece that starts with `=` (`&= …` rows, `$$= …$$` continuations), or follows
 * one that ends in `=`, `+` or `-`, continues the previous equation. Every character keeps its offset in the file, for
 * line:column messages.
 */
import { typstToLatex } from "./typst.js";
import { expandMacros, findMacros } from "./macros.js";

export interface EquationSource {
  /** The equation text handed to the parser. */
  text: string;
  /** File offset of every character of text. */
  offsets: number[];
  line: number;
  column: number;
  /** The equation as written, where text is a reading of it (Typst math read as LaTeX). */
  written?: string;
  /**
   * A row of the same display that continues it with no operator between (kimjiil's `o_{11} &= x_{11} w_{11} + …
   * \\ &\quad\; x_{21} w_{21} + …`, the + left out at the break): its line and text. The equation is not all
   * there, and what joins the rows is not written.
   */
  unjoined?: { line: number; text: string };
}

// (\begin {align}: TeX reads the argument after spaces too — Stnamjef's page writes one)
const LAYOUT_TAGS = /\\(begin|end)\s*\{(align|equation|gather|multline|eqnarray|split|aligned|gathered|alignat)\*?\}/g;

// (empheq, the empheq package's boxed align: \begin{empheq}[box=\fbox]{align})
const ENVS =
  /\\begin\{(align\*?|equation\*?|gather\*?|multline\*?|eqnarray\*?|displaymath|math|empheq)\}(?:(?<=\{empheq\})\s*(?:\[[^\]\n]*\])?\s*\{[a-z]+\*?\})?/g;

/**
 * The text with layout environments' tags blanked (offsets stay); an alignment opened right after a
 * parenthesis is a matrix written with it (its tags stay, src/lang/group.ts reads its cells).
 */
function layoutTags(text: string): string {
  const kept = new Set<number>();
  const open: { at: number; name: string; matrix: boolean }[] = [];
  for (const m of text.matchAll(LAYOUT_TAGS)) {
    const at = m.index;
    if (m[1] === "begin") {
      const before = text.slice(Math.max(0, at - 40), at).replace(/\s+$/, "");
      open.push({
        at,
        name: m[2]!,
        matrix: /(\(|\[|\\left\s*[([]|\\left\\lbrack)$/.test(before) && /^align/.test(m[2]!),
      });
    } else {
      const k = open.map((o) => o.name).lastIndexOf(m[2]!);
      if (k < 0) continue;
      const o = open[k]!;
      open.length = k;
      if (o.matrix) kept.add(o.at).add(at);
    }
  }
  return text.replace(LAYOUT_TAGS, (m, _be: string, _name: string, at: number) =>
    kept.has(at) ? m : " ".repeat(m.length),
  );
}

export class LineIndex {
  private starts: number[] = [0];
  constructor(src: string) {
    for (let i = 0; i < src.length; i++) if (src[i] === "\n") this.starts.push(i + 1);
  }
  /** 1-based line and column of an offset. */
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}

/** Does the text look like LaTeX / Markdown with delimited math (rather than bare formulas)? */
export function hasDelimitedMath(src: string): boolean {
  return /(^|[^\\])\$|\\\[|\\\(|\\begin\{(align|equation|gather|multline|eqnarray|displaymath|math|empheq)/.test(src);
}

/** Replaces comments by spaces (offsets stay): `%` in LaTeX, `%` and `#` in plain files. */
function maskComments(src: string, hash: boolean): string {
  const re = hash ? /(^|[^\\])([%#][^\n]*)/g : /(^|[^\\])(%[^\n]*)/g;
  return src.replace(re, (_m, pre: string, c: string) => pre + " ".repeat(c.length));
}

interface Segment {
  start: number;
  end: number;
}

function mathSegments(src: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === "\\" && (src[i + 1] === "[" || src[i + 1] === "(")) {
      const close = src[i + 1] === "[" ? "\\]" : "\\)";
      const j = src.indexOf(close, i + 2);
      const end = j < 0 ? src.length : j;
      out.push({ start: i + 2, end });
      i = end + 2;
      continue;
    }
    if (c === "\\" && src.startsWith("\\begin{", i)) {
      ENVS.lastIndex = i;
      const m = ENVS.exec(src);
      if (m && m.index === i) {
        const closeTag = `\\end{${m[1]}}`;
        const j = src.indexOf(closeTag, i + m[0].length);
        const end = j < 0 ? src.length : j;
        out.push({ start: i + m[0].length, end });
        i = end + closeTag.length;
        continue;
      }
    }
    if (c === "\\") {
      i += 2;
      continue;
    }
    if (c === "$") {
      const display = src[i + 1] === "$";
      const open = display ? 2 : 1;
      let j = i + open;
      while (j < src.length) {
        if (src[j] === "\\") {
          j += 2;
          continue;
        }
        if (src[j] === "$" && (!display || src[j + 1] === "$")) break;
        if (!display && src[j] === "\n" && src[j + 1] === "\n") break; // unclosed $ stops at a paragraph
        j++;
      }
      out.push({ start: i + open, end: Math.min(j, src.length) });
      i = j + open;
      continue;
    }
    i++;
  }
  return out;
}

const SUBDIGIT = /[₀-₉]/;

/** Space set by hand before a row: \rule{0mm}{7mm}, \hspace{5mm}, \vspace{2mm}. */
const SPACING = /\\(?:rule\s*(?:\[[^\]]*\])?\s*\{[^{}]*\}\s*\{[^{}]*\}|[hv]space\s*\*?\s*\{[^{}]*\})/g;

/** Cuts one math segment into pieces at top-level separators; masks `&`, \label{…}, \tag{…}. */
/** A ⟹ B: two statements (\\implies, \\Rightarrow, \\Longrightarrow), each its own equation. */
const IMPLIES = new Set(["implies", "Rightarrow", "Longrightarrow"]);
/** A MyST directive whose body is Markdown (not code, not math: those stay masked or are read as such). */
const MYST_PROSE =
  /^```\{(?:dropdown|note|tip|hint|important|warning|caution|attention|danger|error|seealso|admonition|card|tab-item|div|margin|sidebar|topic|epigraph|exercise|solution|proof|theorem|lemma|definition|example|prf:[a-z]+)\}/;

/** A range condition next (`y' \in [0, 1]`, after a comma in a list of them). */
const RANGE_NEXT = /^\s*[A-Za-z](?:'|\\prime)*\s*(?:\\in\b|∈)/;
/** An arrow or ∴ that opens a row: "hence", not part of the equation after it. */
const HENCE = new Set(["rightarrow", "longrightarrow", "to", "therefore", "because"]);

function splitSegment(src: string, seg: Segment): Segment[] {
  const pieces: Segment[] = [];
  let depth = 0;
  let start = seg.start;
  let i = seg.start;
  while (i < seg.end) {
    const c = src[i]!;
    if (c === "\\") {
      const m = /^\\([A-Za-z]+|.)/.exec(src.slice(i, i + 40));
      const name = m ? m[1]! : "";
      // \langle a, b \rangle (an inner product) holds its comma as a bracket does
      if (name === "begin" || name === "langle") depth++;
      else if (name === "end" || name === "rangle") depth = Math.max(0, depth - 1);
      else if (depth === 0 && (name === "\\" || name === "qquad" || name === "quad" || IMPLIES.has(name))) {
        pieces.push({ start, end: i });
        i += name.length + 1;
        start = i;
        continue;
      }
      // X = (…) \hspace{10mm} F = (…): a space set between two equations, as \quad is
      const space = depth === 0 && name === "hspace" ? /^\\hspace\s*\*?\s*\{[^{}]*\}/.exec(src.slice(i, i + 40)) : null;
      if (space && /=/.test(src.slice(start, i))) {
        pieces.push({ start, end: i });
        i += space[0].length;
        start = i;
        continue;
      }
      // \rightarrow ∂L/∂h = …, \therefore …: an arrow opening a row reads "hence" (as ⟹ between two)
      if (depth === 0 && HENCE.has(name) && /^[\s&]*$/.test(src.slice(start, i).replace(SPACING, ""))) {
        i += name.length + 1;
        start = i;
        continue;
      }
      i += Math.max(1, name.length + 1);
      continue;
    }
    // ∴ …, ∵ … (Charmve's rows): "hence", "since" written as the signs, as \therefore is
    if ((c === "∴" || c === "∵") && depth === 0 && /^[\s&]*$/.test(src.slice(start, i).replace(SPACING, ""))) {
      start = ++i;
      continue;
    }
    if (c === "{" || c === "(" || c === "[") depth++;
    else if (c === "}" || c === ")" || c === "]") depth = Math.max(0, depth - 1);
    else if (
      depth === 0 &&
      (c === ";" ||
        (c === "," &&
          !(SUBDIGIT.test(src[i - 1] ?? "") && SUBDIGIT.test(src[i + 1] ?? "")) &&
          !thousands(src, i) &&
          // (… &x' \in [0,0],y' \in [0,1]: a list of ranges beside a formula stays with it)
          !RANGE_NEXT.test(src.slice(i + 1, i + 24))))
    ) {
      pieces.push({ start, end: i });
      start = i + 1;
    }
    i++;
  }
  pieces.push({ start, end: seg.end });
  return pieces.flatMap((p) => {
    const inner = statementList(src, p);
    return inner ? splitSegment(src, inner) : [p];
  });
}

/**
 * (H=5, W=5): statements listed in parentheses (a worked example's sizes) — the segment inside them, so
 * each is its own equation; null unless one parenthesis spans the piece and holds `=` and `,` at its top.
 */
function statementList(src: string, p: Segment): Segment | null {
  let a = p.start;
  let b = p.end;
  while (a < b && /\s/.test(src[a]!)) a++;
  while (b > a && /[\s.]/.test(src[b - 1]!)) b--;
  if (src[a] !== "(" || src[b - 1] !== ")") return null;
  let depth = 0;
  let eq = false;
  let comma = false;
  for (let i = a; i < b; i++) {
    const c = src[i]!;
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "(" || c === "{" || c === "[") depth++;
    else if (c === ")" || c === "}" || c === "]") {
      if (--depth === 0 && i < b - 1) return null; // (a) = (b): not one group
    } else if (depth === 1 && c === "=") eq = true;
    else if (depth === 1 && c === ",") comma = true;
  }
  return eq && comma ? { start: a + 1, end: b - 1 } : null;
}

/** The text of a piece with top-level `&`, \label{…}, \tag{…} blanked and trailing `.` dropped. */
function pieceText(src: string, p: Segment): { text: string; offsets: number[] } {
  let raw = src.slice(p.start, p.end);
  raw = raw.replace(/\\(label|tag)\*?\{[^}]*\}|\\nonumber|\\notag/g, (m) => " ".repeat(m.length));
  // `&` outside matrices (align columns) is layout only.
  let depth = 0;
  const chars = [...raw];
  let off = 0;
  const out: string[] = [];
  const offsets: number[] = [];
  for (let k = 0; k < chars.length; k++) {
    const ch = chars[k]!;
    if (raw.startsWith("\\begin", off)) depth++;
    if (raw.startsWith("\\end", off)) depth--;
    out.push(ch === "&" && depth <= 0 ? " " : ch);
    offsets.push(p.start + off);
    off += ch.length;
  }
  // trim (by code points) and drop a trailing sentence period
  let a = 0;
  let b = out.length;
  while (a < b && /\s/.test(out[a]!)) a++;
  while (b > a && /\s/.test(out[b - 1]!)) b--;
  // (not the last of an ellipsis, Rico Jia's `+ ...`: three periods are the terms left out)
  if (b > a && out[b - 1] === "." && !/[0-9.]/.test(out[b - 2] ?? "")) {
    b--;
    while (b > a && /\s/.test(out[b - 1]!)) b--;
  }
  // an ellipsis alone on the piece's last line, after a row that ends without an operator (Rico Jia's last row,
  // then `...` before \end{gather*}): the rows left out after it, not terms of this one
  const nl = out.lastIndexOf("\n", b - 1);
  if (nl > a && /^\s*(?:\.{3}|\\[lcv]?dots|…)\s*$/.test(out.slice(nl, b).join(""))) {
    let h = nl;
    while (h > a && /\s/.test(out[h - 1]!)) h--;
    if (h > a && !/[+\-=*,]$|\\cdot$/.test(out.slice(a, h).join(""))) b = h;
  }
  const text = out.slice(a, b);
  // offsets per UTF-16 unit of the joined text
  const units: number[] = [];
  for (let k = a; k < b; k++) for (let u = 0; u < text[k - a]!.length; u++) units.push(offsets[k]! + u);
  return { text: text.join(""), offsets: units };
}

/** A relation between one-letter indices written inline (i' = i + m): a row after it is not its continuation. */
const INDEX_RELATION = /^\s*[a-z](?:'|\^\{?\\prime\}?)*\s*=\s*[a-z0-9'+\-\s]+$/;

/** The text after a leading \displaystyle, \phantom{…} (any nesting) and spaces. */
function withoutLeadingLayout(text: string): string {
  let i = 0;
  for (let guard = 0; guard < 16; guard++) {
    while (/\s/.test(text[i] ?? "")) i++;
    // (\qquad \ \ = …: spaces before a continued row's = are layout too, control spaces among them)
    const m = /^\\(displaystyle|textstyle|[hv]?phantom|q?quad\b|[ ,;:!])/.exec(text.slice(i));
    if (!m) break;
    i += m[0].length;
    if (m[1]!.endsWith("phantom") && text[i] === "{") {
      let depth = 0;
      for (; i < text.length; i++) {
        if (text[i] === "{") depth++;
        else if (text[i] === "}" && --depth === 0) {
          i++;
          break;
        }
      }
    }
  }
  return text.slice(i);
}

/** 18,000,000: is the comma at i a thousands separator (three digits after it, one to three before)? */
function thousands(src: string, i: number): boolean {
  const digit = (k: number) => /[0-9]/.test(src[k] ?? "");
  if (!digit(i + 1) || !digit(i + 2) || !digit(i + 3) || digit(i + 4)) return false;
  let k = i - 1;
  while (k >= 0 && i - 1 - k < 4 && digit(k)) k--;
  const run = i - 1 - k;
  return run >= 1 && run <= 3 && !/[A-Za-z_]/.test(src[k] ?? "") && (src[k] !== "," || run === 3);
}

/** Words between two offsets, outside LaTeX commands and their environment names ({aligned}). */
function proseBetween(text: string, from: number, to: number): boolean {
  const gap = text.slice(from + 1, Math.max(from + 1, to)).replace(/\\[A-Za-z]+\*?(\{[^{}]*\})?/g, " ");
  return /[A-Za-z\u00C0-\uFFFF]{2,}/.test(gap);
}

/**
 * Splits a document into equations. `plain`: every line is math (used for --expr and for files
 * without $ … $ / \[ … \] / align); otherwise only delimited math is read and prose is ignored.
 */
export function splitDocument(text: string, mode: "auto" | "plain" = "auto"): EquationSource[] {
  // old-Mac \r and Windows \r\n line ends: \r\n → " \n", \r → "\n" (offsets stay, lines count once)
  const src = text.includes("\r") ? text.replace(/\r\n/g, " \n").replace(/\r/g, "\n") : text;
  const plain = mode === "plain" || !hasDelimitedMath(src);
  let masked = maskComments(src, plain);
  // the document's own macros: definitions blanked, uses expanded in each equation
  const { macros, ranges } = findMacros(masked);
  for (const [a, b] of ranges)
    masked = masked.slice(0, a) + masked.slice(a, b).replace(/[^\n]/g, " ") + masked.slice(b);
  // Markdown code (``` fences, `spans`) is not math: shell prompts start with $. A MyST directive's fence
  // (```{dropdown} Решение, ```{note}, Jupyter Book's) holds Markdown: only its fence lines are masked
  if (!plain)
    masked = masked.replace(/```[\s\S]*?(```|$)|`[^`\n]*`/g, (m) =>
      MYST_PROSE.test(m) ? m.replace(/^[^\n]*|```$/g, (f) => " ".repeat(f.length)) : m.replace(/[^\n]/g, " "),
    );
  let segments: Segment[];
  if (plain) {
    segments = [];
    let s = 0;
    for (const line of masked.split("\n")) {
      segments.push({ start: s, end: s + line.length });
      s += line.length + 1;
    }
  } else {
    segments = mathSegments(masked);
  }
  // Layout environments nested in math ($$\begin{align*} … \end{align*}$$) are only layout — unless one
  // opens inside a parenthesis (\left( \begin{align} 0, && x_{1,1} \\ … \end{align} \right)): a matrix
  const inner = layoutTags(masked);
  const lines = new LineIndex(src);
  const out: EquationSource[] = [];
  /** The segment the last equation came from: a row of another display continues nothing without an operator. */
  let lastSeg: Segment | null = null;
  for (const seg of segments) {
    for (const piece of splitSegment(inner, seg)) {
      const raw = pieceText(inner, piece);
      const expanded = expandMacros(raw.text, raw.offsets, macros);
      // Typst's math (partial, sum_(i), x_"in", a / b) read as the LaTeX it typesets
      const typst = typstToLatex(expanded.text, expanded.offsets);
      const { text, offsets } = typst ?? expanded;
      const written = typst ? expanded.text.trim() : undefined;
      if (text.length === 0) continue;
      const prev = out[out.length - 1];
      // continued: a piece that starts with `=` (`&= …` rows, `$$= …$$` after a display), or one
      // that follows an equation ending in `=`, `+`, `-` (broken over a line; a lone `$\times$` in
      // prose is not an equation and continues nothing)
      // — unless words stand between them ($G = $ grad\_out. Forward was: $$…$$ ends in prose)
      const broken =
        /(=|\+|-|−|\\cdot|\\times)$/.test(prev?.text ?? "") &&
        /=/.test(prev!.text) &&
        !proseBetween(masked, prev!.offsets[prev!.offsets.length - 1]!, offsets[0]!);
      // (\displaystyle \phantom{R_{i,j}} = … is a continuation too: typesetting before its =)
      const lead = withoutLeadingLayout(text);
      // (`\qquad \ \quad \ \ =`: a piece that is only spacing, a control space cut from its space, is layout)
      if (/^\\?$/.test(lead.trim())) continue;
      // (a row that starts with + or − and has no = of its own — `&\quad + b^{(\ell)}_k` — continues the sum above)
      // (and one that starts with × or · — Epelbaum's `&\times y^{(t)(n)}_{…}` — continues the product above)
      const added =
        /^(?:[+\-−]|\\times(?![A-Za-z])|\\cdot(?![A-Za-z]))/.test(lead) &&
        !/=/.test(text) &&
        /=/.test(prev?.text ?? "");
      // (a row of operands only — `&\quad\; x_{21} w_{21} + …` — right after an equation of the same display: the
      // rest of it, with the operator at the break left out; not dropped, and not guessed either)
      const bare =
        !added &&
        !broken &&
        lastSeg === seg &&
        prev !== undefined &&
        /=/.test(prev.text) &&
        !/=|\\text|\\mbox|\\in(?![A-Za-z])|\\[lg]eq?(?![A-Za-z])|[<>≤≥∈]/.test(text) &&
        /^[A-Za-z\\(]/.test(lead) &&
        !/^\\(?:text|mbox|label|tag|nonumber|notag|intertext|forall|quad|qquad|left|right|end|begin)\b/.test(lead) &&
        /[A-Za-z]_\{?[A-Za-z0-9]/.test(text) &&
        !proseBetween(masked, prev.offsets[prev.offsets.length - 1]!, offsets[0]!);
      if (bare) {
        prev.unjoined ??= { line: lines.at(offsets[0]!).line, text: lead.trim() };
        continue;
      }
      if (prev && (/^(=|\\stackrel|:=)/.test(lead) || broken || added)) {
        // (… for $i'=i+m$, $j'=j+n$ between the rows: a row continues the equation before those relations)
        let k = out.length - 1;
        if (!broken) while (k > 0 && INDEX_RELATION.test(out[k]!.text)) k--;
        const to = out[k]!;
        if (written !== undefined || to.written !== undefined)
          to.written = `${to.written ?? to.text} ${written ?? text}`;
        // (x_{13} + \\ + w_{21}: the sign repeated at the break, as a multline row may, is one sign)
        const at = text.length - lead.length;
        const repeated = broken && /^[+\-−]/.test(lead) && to.text.trimEnd().endsWith(lead[0]!);
        const [t, o] = repeated
          ? [text.slice(0, at) + text.slice(at + 1), [...offsets.slice(0, at), ...offsets.slice(at + 1)]]
          : [text, offsets];
        to.text += " " + t;
        to.offsets.push(o[0] ?? offsets[0]!);
        for (const x of o) to.offsets.push(x);
        lastSeg = seg;
        continue;
      }
      const { line, column } = lines.at(offsets[0]!);
      out.push({ text, offsets, line, column, ...(written !== undefined ? { written } : {}) });
      lastSeg = seg;
    }
  }
  return out;
}
