/**
 * Index expressions — what stands in a subscript (`x_{i+m, j+n}`, `δ_{(j-1)s+m}`), in a sum's range
 * (`\sum_{m=0}^{k_1-1}`) or in a size equation: integers, names (index variables such as i, m',
 * or size names such as K, k_1, s), +, −, products, ⌊·/·⌋. A small recursive-descent parser over
 * the formula's tokens (src/lang/lexer.ts) — subscripts are parsed here, not by the nearley
 * grammar, so the grammar sees one `idx` token per subscript and stays unambiguous.
 */
import type { Tok } from "./lexer.js";

export type IExpr =
  | { readonly k: "n"; readonly v: number }
  | { readonly k: "v"; readonly name: string }
  | { readonly k: "add"; readonly a: IExpr; readonly b: IExpr }
  /** shift: a notation's index origin (x_{c} read as x_{c−1}), not written: the index is still a bare name. */
  | { readonly k: "sub"; readonly a: IExpr; readonly b: IExpr; readonly shift?: true }
  | { readonly k: "mul"; readonly a: IExpr; readonly b: IExpr }
  | { readonly k: "div"; readonly a: IExpr; readonly b: IExpr }
  | { readonly k: "floor"; readonly a: IExpr }
  | { readonly k: "ceil"; readonly a: IExpr }
  /** \max(0, r' − a), \min(…): a clamped index (Piseno's "prevents us from indexing out of bounds"). */
  | { readonly k: "max" | "min"; readonly a: IExpr; readonly b: IExpr }
  | { readonly k: "neg"; readonly a: IExpr };

/** A malformed subscript or range: the token at fault and what was expected there. */
export class IndexSyntaxError extends Error {
  constructor(
    readonly tok: Tok | null,
    readonly expected: string,
  ) {
    super(`unexpected ${tok ? JSON.stringify(tok.raw) : "end of the subscript"} in an index; expected ${expected}`);
  }
}

/** Names of index variables and sizes: one letter, primes kept (i, m', k_1 is written k_1). */
const LETTER = /^[A-Za-z]$/;
/** A size's label below it: f_r, n_{ch}, h_{new}. */
const LETTERS = /^[A-Za-z]{1,8}$/;
/** The token types a letter name can come as (the lexer classifies names by what they may be). */
const NAMEISH = new Set(["ent", "mat", "ident", "J", "tr", "mode"]);

class Reader {
  i = 0;
  constructor(readonly toks: readonly Tok[]) {}
  peek(): Tok | undefined {
    return this.toks[this.i];
  }
  next(): Tok | undefined {
    return this.toks[this.i++];
  }
  fail(expected: string): never {
    throw new IndexSyntaxError(this.peek() ?? null, expected);
  }
}

/**
 * Primes after a name: ', ′, ^{\prime}, ^\prime, " and ″ (two); and a star, ^* or ^{*} (wangluchen's w^*, h^*:
 * another index).
 */
function primes(r: Reader): string {
  let out = "";
  for (;;) {
    const t = r.peek();
    if (t?.type === "prime" || t?.type === "dprime") {
      r.next();
      out += t.type === "prime" ? "'" : "''";
      continue;
    }
    if (t?.type === "caret") {
      const a = r.toks[r.i + 1];
      const b = r.toks[r.i + 2];
      if (a?.type === "prime") {
        r.i += 2;
        out += "'";
        continue;
      }
      if (a?.type === "star" || (a?.type === "lbrace" && b?.type === "star" && r.toks[r.i + 3]?.type === "rbrace")) {
        r.i += a.type === "star" ? 2 : 4;
        out += "*";
        continue;
      }
      if (a?.type === "lbrace" && b?.type === "prime") {
        let j = r.i + 2;
        let n = 0;
        while (r.toks[j]?.type === "prime") {
          j++;
          n++;
        }
        if (r.toks[j]?.type === "rbrace") {
          r.i = j + 1;
          out += "'".repeat(n);
          continue;
        }
      }
    }
    return out;
  }
}

/** A layer tag after a size name (k_1^{l-1}): kept as part of the name, "^{l-1}". */
function tag(r: Reader): string {
  if (r.peek()?.type !== "caret") return "";
  const a = r.toks[r.i + 1];
  if (!a) return "";
  if (a.type === "lbrace") {
    let j = r.i + 2;
    const parts: string[] = [];
    while (j < r.toks.length && r.toks[j]!.type !== "rbrace") {
      const t = r.toks[j]!;
      if (!["num", "plus", "minus", "ent", "mat", "ident", "lparen", "rparen"].includes(t.type)) return "";
      parts.push(t.value);
      j++;
    }
    if (j >= r.toks.length || !parts.some((p) => /[A-Za-z]/.test(p))) return "";
    r.i = j + 1;
    return `^{${parts.join("").replace(/^\((.*)\)$/, "$1")}}`;
  }
  if ((a.type === "ident" || a.type === "ent") && /^[A-Za-z]$/.test(a.value)) {
    r.i += 2;
    return `^{${a.value}}`;
  }
  return "";
}

/** A word subscript after a tagged size name (w^{(l)}_{img}): "_{img}", else "" (nothing read). */
function label(r: Reader): string {
  const [u, a, b, c] = [r.peek(), r.toks[r.i + 1], r.toks[r.i + 2], r.toks[r.i + 3]];
  if (u?.type !== "under" || a?.type !== "lbrace" || c?.type !== "rbrace" || !b || !/^[A-Za-z]{3,}$/.test(b.value))
    return "";
  r.i += 4;
  return `_{${b.value}}`;
}

/** A subscript naming a layer by a Greek letter (\nu, \nu+1, l−1 is a letter: an index): its text, else null. */
function layerLabel(e: IExpr): string | null {
  const names = [...indexNames(e)];
  return names.length > 0 && names.every((x) => GREEK_NAME.test(x)) && (e.k === "v" || e.k === "add" || e.k === "sub")
    ? printIndex(e)
    : null;
}
/** Letters that name a matrix's size when applied to it: r(X), c(X) its rows and columns; h(X), w(X). */
const SIZE_OF = /^[rchw]$/;
const GREEK_NAME = /^\\(?:nu|mu|lambda|ell|kappa)$/;

/** HH, WW, DD: CS231n's filter height and width (and depth), one name — the letter of the axis twice. */
export const FILTER_SIDE_NAME = /^([HWD])\1$/;

/** A name inside an index: a letter word (a product of letters: si = s·i) with primes, or k_1. */
function nameAtom(r: Reader, t: Tok): IExpr {
  const word = t.value;
  // k_1, K_{2}: a subscripted size name
  if (LETTER.test(word) && r.peek()?.type === "under") {
    const a = r.toks[r.i + 1];
    const b = r.toks[r.i + 2];
    if (a?.type === "num" && !a.value.includes(".")) {
      r.i += 2;
      return { k: "v", name: `${word}_${a.value}${tag(r)}` };
    }
    if (a?.type === "lbrace" && b?.type === "num" && r.toks[r.i + 3]?.type === "rbrace") {
      r.i += 4;
      return { k: "v", name: `${word}_${b.value}${tag(r)}` };
    }
    // f_r, n_f, n_{ch}, h_{new}: a size named with a letter or a word below (a filter's rows, the new height)
    if (a && LETTERS.test(a.value) && NAMEISH.has(a.type) && a.value.length === 1) {
      r.i += 2;
      return { k: "v", name: `${word}_${a.value}${tag(r)}` };
    }
    if (
      a?.type === "lbrace" &&
      b &&
      LETTERS.test(b.value) &&
      NAMEISH.has(b.type) &&
      r.toks[r.i + 3]?.type === "rbrace"
    ) {
      r.i += 4;
      return { k: "v", name: b.value.length === 1 ? `${word}_${b.value}${tag(r)}` : `${word}_{${b.value}}${tag(r)}` };
    }
  }
  // K[0], S[1] (PyTorch's per-axis sizes, counted from 0: the NYU homework's answers): K_1, S_2
  if (/^[A-Z]$/.test(word) && r.peek()?.raw === "[") {
    const [a, b] = [r.toks[r.i + 1], r.toks[r.i + 2]];
    if (
      a?.type === "num" &&
      /^[0-8]$/.test(a.value) &&
      b?.raw === "]" &&
      r.peek()!.offset === t.offset + t.raw.length
    ) {
      r.i += 3;
      return { k: "v", name: `${word}_${Number(a.value) + 1}` };
    }
  }
  // r(X), c(K): the number of rows, of columns of a matrix the document names (the LMU lab's r(\textbf{X})), one name
  if (SIZE_OF.test(word) && r.peek()?.type === "lparen") {
    const [a, b] = [r.toks[r.i + 1], r.toks[r.i + 2]];
    if (a && NAMEISH.has(a.type) && /^[A-Z]$/.test(a.value) && b?.type === "rparen") {
      r.i += 3;
      return { k: "v", name: `${word}(${a.value})` };
    }
  }
  // F_\nu, T_{\nu+1}: a size of the layer a Greek letter numbers (Epelbaum's layer ν), one name
  if (LETTER.test(word) && r.peek()?.type === "under") {
    const a = r.toks[r.i + 1];
    if (a && GREEK_NAME.test(a.value)) {
      r.i += 2;
      return { k: "v", name: `${word}_{${a.value}}${tag(r)}` };
    }
    if (a?.type === "lbrace") {
      const close = r.toks.findIndex((t, k) => k > r.i + 1 && t.type === "rbrace");
      const inner = close > 0 ? r.toks.slice(r.i + 2, close) : [];
      const e = inner.length && inner.every((t) => t.type !== "lbrace") ? tryIndexExpr(inner) : null;
      const layer = e ? layerLabel(e) : null;
      if (layer !== null) {
        r.i = close + 1;
        return { k: "v", name: `${word}_{${layer}}${tag(r)}` };
      }
    }
  }
  // the same, already grouped into a subscript token (o_2 in a size equation)
  const sub = r.peek();
  const items = sub?.type === "idx" ? (sub.data as IExpr[]) : null;
  if (LETTER.test(word) && items?.length === 1 && items[0]!.k === "n" && items[0].v >= 1 && items[0].v <= 9) {
    r.next();
    return { k: "v", name: `${word}_${items[0].v}${tag(r)}` };
  }
  // f_r grouped the same way (a size named with a letter below it)
  if (LETTER.test(word) && items?.length === 1 && items[0]!.k === "v" && LETTER.test(items[0].name)) {
    r.next();
    return { k: "v", name: `${word}_${items[0].name}${tag(r)}` };
  }
  // the same, grouped into a subscript token
  const layer = items?.length === 1 ? layerLabel(items[0]!) : null;
  if (LETTER.test(word) && layer !== null) {
    r.next();
    return { k: "v", name: `${word}_{${layer}}${tag(r)}` };
  }
  // HH, WW (CS231n's filter height and width, Thorey's \sum_{p=0}^{HH}): one name, never the product H·H
  if (word.startsWith("\\") || t.whole || FILTER_SIDE_NAME.test(word))
    return { k: "v", name: word + primes(r) + tag(r) };
  // k^{l-1}_1: the layer tag written before the axis number
  if (LETTER.test(word) && r.peek()?.type === "caret") {
    const save = r.i;
    const tg = tag(r);
    const a = r.toks[r.i + 1];
    if (tg && r.peek()?.type === "under" && a?.type === "num" && !a.value.includes(".")) {
      r.i += 2;
      return { k: "v", name: `${word}_${a.value}${tg}` };
    }
    // n^{[l+1]}_W, H^{l+1}_o: the tag first, then a letter naming the axis (Wichmann's, Sootla's sizes)
    if (tg && r.peek()?.type === "under" && a && NAMEISH.has(a.type) && LETTER.test(a.value)) {
      r.i += 2;
      return { k: "v", name: `${word}_${a.value}${tg}` };
    }
    r.i = save;
  }
  const letters = [...word.replace(/[0-9]+$/, "")];
  const digits = word.slice(letters.length);
  const p = primes(r);
  const tg = tag(r);
  // w^{(l+1)}_{img}: a word under a tagged size name labels it (the image's width), one name
  const lb = tg ? label(r) : "";
  let e: IExpr | null = null;
  letters.forEach((c, idx) => {
    const v: IExpr = { k: "v", name: idx === letters.length - 1 ? c + p + tg + lb : c };
    e = e ? { k: "mul", a: e, b: v } : v;
  });
  if (digits) e = { k: "mul", a: e!, b: { k: "n", v: Number(digits) } };
  return e!;
}

function atom(r: Reader): IExpr {
  const t = r.next();
  if (!t) return r.fail("a number or an index name");
  switch (t.type) {
    case "num":
      if (t.value.includes(".")) throw new IndexSyntaxError(t, "an integer");
      return { k: "n", v: Number(t.value) };
    case "ent":
    case "mat":
    case "ident":
    case "J":
    case "tr":
    case "mode":
      if (/^[A-Za-z]+[0-9]*$/.test(t.value) || /^\\[A-Za-z]+$/.test(t.value)) return nameAtom(r, t);
      // |K|: a matrix's side length (src/lang/lexer.ts), one size name
      if (/^\|[A-Za-z]\|$/.test(t.value)) return { k: "v", name: t.value };
      // h_{new}, a_{prev}: a name the lexer joined with its word subscript (src/lang/group.ts wordNames)
      if (/^[A-Za-z]+_[A-Za-z]+$/.test(t.value)) return { k: "v", name: t.value + primes(r) + tag(r) };
      // a decorated letter (\tilde{n}, \hat{W}): one name
      if (/^\\[a-z]+\{[A-Za-z]\}$/.test(t.value)) return { k: "v", name: t.value + primes(r) + tag(r) };
      // a name the lexer already joined with its layer tag (H^{l}, \hat{W}^{l-1})
      if (/^(?:[A-Za-z]|\\[a-z]+\{[A-Za-z]\})\^\{[^{}]+\}$/.test(t.value)) {
        // k_1^{l-1} arrives as k^{l-1} and its subscript 1
        const sub = r.peek();
        const items = sub?.type === "idx" ? (sub.data as IExpr[]) : null;
        if (items && items.length === 1 && items[0]!.k === "n") {
          r.next();
          const cut = t.value.indexOf("^");
          return { k: "v", name: `${t.value.slice(0, cut)}_${(items[0] as { v: number }).v}${t.value.slice(cut)}` };
        }
        // n^{[l+1]}_W, H^{l+1}_o: the tag first, then a letter naming the axis (Wichmann's, Sootla's sizes)
        if (items && items.length === 1 && items[0]!.k === "v" && LETTER.test(items[0].name)) {
          r.next();
          const cut = t.value.indexOf("^");
          return { k: "v", name: `${t.value.slice(0, cut)}_${items[0].name}${t.value.slice(cut)}` };
        }
        return { k: "v", name: t.value };
      }
      return r.fail("a number or an index name");
    case "delta":
    case "Delta":
      return { k: "v", name: t.type === "Delta" ? "\\Delta" : "\\delta" };
    case "lparen":
    case "lbrace": {
      const e = sum(r);
      const c = r.next();
      if (!c || c.type !== (t.type === "lparen" ? "rparen" : "rbrace")) {
        r.i--;
        r.fail(t.type === "lparen" ? '")"' : '"}"');
      }
      return e;
    }
    case "lfloor":
    case "lceil": {
      const e = sum(r);
      const c = r.next();
      if (!c || c.type !== (t.type === "lfloor" ? "rfloor" : "rceil")) {
        r.i--;
        r.fail(t.type === "lfloor" ? '"\\rfloor"' : '"\\rceil"');
      }
      return { k: t.type === "lfloor" ? "floor" : "ceil", a: e };
    }
    case "frac": {
      const a = braced(r);
      const b = braced(r);
      return { k: "div", a, b };
    }
    case "cmd": {
      if (t.value !== "\\max" && t.value !== "\\min") {
        r.i--;
        return r.fail("a number or an index name");
      }
      // \max(a, b): two arguments in parentheses (a subscript that leaves one open is split at its commas)
      const clamp = `${t.value}(a, b), its two arguments in parentheses`;
      if (r.next()?.type !== "lparen") {
        r.i--;
        return r.fail(clamp);
      }
      const a = sum(r);
      if (r.next()?.type !== "comma") {
        r.i--;
        return r.fail(clamp);
      }
      const b = sum(r);
      if (r.next()?.type !== "rparen") {
        r.i--;
        return r.fail(clamp);
      }
      return { k: t.value === "\\max" ? "max" : "min", a, b };
    }
    default:
      r.i--;
      return r.fail("a number or an index name");
  }
}

/** The tokens as one index expression, or null when they are not one. */
export function tryIndexExpr(toks: readonly Tok[]): IExpr | null {
  try {
    return parseIndexExpr(toks);
  } catch (e) {
    if (e instanceof IndexSyntaxError) return null;
    throw e;
  }
}

function braced(r: Reader): IExpr {
  if (r.peek()?.type !== "lbrace") r.fail('"{"');
  r.next();
  const e = sum(r);
  if (r.peek()?.type !== "rbrace") r.fail('"}"');
  r.next();
  return e;
}

const STARTS = new Set(["num", ...NAMEISH, "lparen", "lbrace", "lfloor", "lceil", "frac", "delta", "Delta"]);

/** Besides the names, the token types a run-together index word may come as (x_{ij} lexed as a decorated name). */
const RUN_TOGETHER = new Set(["entd", "dent", "dentd", "dmat", "opfn", "rot", "pad", "dilate"]);

function product(r: Reader): IExpr {
  let e = atom(r);
  for (;;) {
    const t = r.peek();
    if (!t) return e;
    if (t.type === "mul" || t.type === "star") {
      r.next();
      e = { k: "mul", a: e, b: atom(r) };
    } else if (t.type === "slash") {
      r.next();
      e = { k: "div", a: e, b: atom(r) };
    } else if (STARTS.has(t.type) && t.type !== "lbrace") {
      e = { k: "mul", a: e, b: atom(r) };
    } else return e;
  }
}

function sum(r: Reader): IExpr {
  let e: IExpr;
  if (r.peek()?.type === "minus") {
    r.next();
    e = { k: "neg", a: product(r) };
  } else {
    if (r.peek()?.type === "plus") r.next();
    e = product(r);
  }
  for (;;) {
    const t = r.peek();
    if (t?.type === "plus") {
      r.next();
      e = { k: "add", a: e, b: product(r) };
    } else if (t?.type === "minus") {
      r.next();
      e = { k: "sub", a: e, b: product(r) };
    } else return e;
  }
}

/**
 * S_Cl inside an index (Epelbaum's h_{f'\,S_Cl+j\,S_Cm+k}): an unbraced subscript is one character, as in TeX, so
 * the letters after it are the next factor — S_C·l. The word is split after its first letter.
 */
function scriptLetters(toks: readonly Tok[]): readonly Tok[] {
  const at = toks.findIndex(
    (t, k) => toks[k - 1]?.type === "under" && /^[A-Za-z]{2,}$/.test(t.value) && t.raw === t.value,
  );
  if (at < 0) return toks;
  const [head, tail] = splitFirstLetter(toks[at]!, toks[at]!.type);
  return [...toks.slice(0, at), head, ...scriptLetters([tail, ...toks.slice(at + 1)])];
}

/**
 * A word of letters as TeX reads it after an unbraced _: its first letter (the subscript) and the letters after it,
 * a token of type `tailType` one column on.
 */
export function splitFirstLetter(w: Tok, tailType: string): [Tok, Tok] {
  const head: Tok = { ...w, value: w.value[0]!, text: w.value[0]!, raw: w.value[0]! };
  const rest = w.value.slice(1);
  const tail: Tok = { ...w, type: tailType, value: rest, text: rest, raw: rest, offset: w.offset + 1, col: w.col + 1 };
  return [head, tail];
}

/** A letter with its primes: x, ^{\prime} (or ^\prime, ', ^{'}). */
function isPrimed(u: readonly Tok[]): boolean {
  if (u.length < 2 || !NAMEISH.has(u[0]!.type) || !LETTER.test(u[0]!.value)) return false;
  const r = new Reader(u.slice(1));
  return primes(r).length > 0 && r.i === u.length - 1;
}

/**
 * Top-level units with each prime (', ^{\prime}) joined to the letter before it, and a word of letters before a prime
 * split into its letters (ic^{\prime}: i and c′); the units unchanged when there is no prime among them.
 */
function primedUnits(units: Tok[][]): Tok[][] {
  if (!units.some((u) => u[0]!.type === "caret" || u[0]!.type === "prime")) return units;
  const out: Tok[][] = [];
  for (let k = 0; k < units.length; k++) {
    const u = units[k]!;
    const prev = out[out.length - 1];
    if (prev && prev.length === 1 && (u[0]!.type === "prime" || u[0]!.type === "caret")) {
      // ^ { \prime } arrive as four units: join them to the letter
      let j = k;
      const joined = [...prev];
      while (
        j < units.length &&
        ["caret", "lbrace", "prime", "rbrace"].includes(units[j]![0]!.type) &&
        units[j]!.length === 1
      )
        joined.push(units[j++]![0]!);
      const word = prev[0]!;
      if (/^[A-Za-z]{2,}$/.test(word.value) && word.raw === word.value && NAMEISH.has(word.type)) {
        const [head, tail] = splitLastLetter(word);
        out.splice(out.length - 1, 1, ...[...head].map((t) => [t]), [tail, ...joined.slice(1)]);
      } else out[out.length - 1] = joined;
      k = j - 1;
      continue;
    }
    out.push(u);
  }
  return out;
}

/** A word of letters as single-letter tokens: all but its last letter, and its last. */
function splitLastLetter(w: Tok): [Tok[], Tok] {
  const letters = [...w.value].map((c, k) => ({
    ...w,
    value: c,
    text: c,
    raw: c,
    offset: w.offset + k,
    col: w.col + k,
  }));
  return [letters.slice(0, -1), letters[letters.length - 1]!];
}

/** One index expression filling the whole token list (a range bound, a size equation's side). */
export function parseIndexExpr(toks: readonly Tok[]): IExpr {
  const r = new Reader(toks);
  const e = sum(r);
  if (r.i < toks.length) r.fail('"+", "-" or the end of the index');
  return e;
}

const OPERATORS = new Set(["plus", "minus", "mul", "star", "slash", "lparen", "frac", "lfloor", "lceil"]);

const isOp = (t: Tok | undefined): boolean => t?.type === "plus" || t?.type === "minus";

/**
 * The top-level pieces of a token list: a parenthesised group each, or one token each; [] when an operator is at the
 * top.
 */
function topUnits(toks: readonly Tok[]): Tok[][] {
  const out: Tok[][] = [];
  let depth = 0;
  for (const t of toks) {
    if (depth === 0 && (t.type === "plus" || t.type === "minus" || t.type === "mul" || t.type === "slash")) return [];
    if (depth === 0) out.push([]);
    out[out.length - 1]!.push(t);
    if (t.type === "lparen") depth++;
    else if (t.type === "rparen") depth--;
  }
  return out;
}

/**
 * A subscript's index list: `i, j+1` (commas: one expression each); without commas and operators,
 * one index per character (`ij` → i, j; `23` → 2, 3; `m'n'` → m', n'); else one expression (`i+m`).
 */
export function parseIndexList(written: readonly Tok[]): IExpr[] {
  const input = scriptLetters(written);
  // {+} and {-} (spacing tricks: a_{i,j{+}1}) are the operators themselves
  const toks = input.filter(
    (t, k) =>
      !(
        (t.type === "lbrace" && isOp(input[k + 1]) && input[k + 2]?.type === "rbrace") ||
        (t.type === "rbrace" && isOp(input[k - 1]) && input[k - 2]?.type === "lbrace")
      ),
  );
  if (toks.length === 0) throw new IndexSyntaxError(null, "an index");
  const items: Tok[][] = [[]];
  let depth = 0;
  for (const t of toks) {
    if (t.type === "lparen" || t.type === "lbrace") depth++;
    if (t.type === "rparen" || t.type === "rbrace") depth--;
    if (t.type === "comma" && depth === 0) items.push([]);
    else items[items.length - 1]!.push(t);
  }
  // V_{l, (j-1)s+m, (k-1)s+n,}: a comma closing the list is a typo with nothing after it (verify says it read it so)
  if (items.length > 2 && items[items.length - 1]!.length === 0) items.pop();
  // … and after one item (aaumar's X_{11,}): the item read as if written alone (11: x_{1,1})
  else if (items.length === 2 && items[1]!.length === 0 && items[0]!.length > 0) return parseIndexList(items[0]!);
  if (items.length > 1) {
    return items.map((it, k) => {
      if (it.length === 0)
        throw new IndexSyntaxError(
          toks.find((t) => t.type === "comma") ?? null,
          `an index ${k === 0 ? "before" : "after"} ","`,
        );
      return parseIndexExpr(it);
    });
  }
  // (i+a)(j+b): parenthesised indices side by side, one index each — and ic^{\prime}(k^{\prime}-2j) (the NYU
  // homework's answers): letters run together, a prime kept with its letter, then a parenthesised index
  const units = primedUnits(topUnits(toks));
  if (
    units.length > 1 &&
    units.some((u) => u[0]!.type === "lparen") &&
    units.every((u) => u.length === 1 || u[0]!.type === "lparen" || isPrimed(u))
  ) {
    return units.map((u) => parseIndexExpr(u));
  }
  // F^l (a size with its layer tag, as in Mint's indicator 𝕀_{F^l}): one name; a prime (m^{\prime}) is not a tag
  const tagged = toks.some(
    (t, k) =>
      t.type === "caret" &&
      toks[k + 1]?.type !== "prime" &&
      !(toks[k + 1]?.type === "lbrace" && toks[k + 2]?.type === "prime"),
  );
  if (tagged || toks.some((t) => OPERATORS.has(t.type))) return [parseIndexExpr(toks)];
  // run together: one index per digit or letter (primes stay with their letter)
  const out: IExpr[] = [];
  const r = new Reader(toks);
  while (r.peek()) {
    const t = r.next()!;
    if (t.type === "num" && !t.value.includes(".")) {
      for (const c of t.value) out.push({ k: "n", v: Number(c) });
    } else if (/^[A-Za-z]+_[A-Za-z]+$/.test(t.value) && NAMEISH.has(t.type)) {
      // \sum_{k_{in}=0}: a name the lexer joined with its word subscript, as atom reads it
      out.push({ k: "v", name: t.value + primes(r) });
    } else if ((/^\\[A-Za-z]+(?:\{[A-Za-z]\})?$/.test(t.value) && t.type === "ident") || t.whole) {
      // (\mu, and a decorated letter — \hat{i}, \tilde{m} — one name, as atom reads it)
      out.push({ k: "v", name: t.value + primes(r) });
    } else if (/^[A-Za-z]+[0-9]*$/.test(t.value) && (NAMEISH.has(t.type) || RUN_TOGETHER.has(t.type))) {
      const chars = [...t.value];
      const p = primes(r);
      chars.forEach((c, k) =>
        out.push(/[0-9]/.test(c) ? { k: "n", v: Number(c) } : { k: "v", name: k === chars.length - 1 ? c + p : c }),
      );
    } else {
      r.i--;
      r.fail("an index (a number or a letter)");
    }
  }
  return out;
}

// ---------------------------------------------------------------- evaluation and printing

/**
 * An index with no value where it is evaluated. Thrown and caught as control flow (a reading tried at
 * every entry), so it records no stack trace: capturing one cost more than the reading itself.
 */
export class UnboundName extends Error {
  readonly ident: string;
  constructor(ident: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`${ident} is not bound`);
    Error.stackTraceLimit = limit;
    this.ident = ident;
  }
}

/** Exact integer value (floor/ceil for divisions); a name not in env throws UnboundName. */
export function evalIndex(e: IExpr, env: (name: string) => number | undefined): number {
  switch (e.k) {
    case "n":
      return e.v;
    case "v": {
      const v = env(e.name);
      if (v === undefined) throw new UnboundName(e.name);
      return v;
    }
    case "add":
      return evalIndex(e.a, env) + evalIndex(e.b, env);
    case "sub":
      return evalIndex(e.a, env) - evalIndex(e.b, env);
    case "mul":
      return evalIndex(e.a, env) * evalIndex(e.b, env);
    case "neg":
      return -evalIndex(e.a, env);
    case "div":
      return evalIndex(e.a, env) / evalIndex(e.b, env);
    case "floor":
      return Math.floor(evalIndex(e.a, env) + 1e-9);
    case "ceil":
      return Math.ceil(evalIndex(e.a, env) - 1e-9);
    case "max":
      return Math.max(evalIndex(e.a, env), evalIndex(e.b, env));
    case "min":
      return Math.min(evalIndex(e.a, env), evalIndex(e.b, env));
  }
}

/** Every name in an expression. */
export function indexNames(e: IExpr, out: Set<string> = new Set()): Set<string> {
  switch (e.k) {
    case "n":
      break;
    case "v":
      out.add(e.name);
      break;
    case "neg":
    case "floor":
    case "ceil":
      indexNames(e.a, out);
      break;
    default:
      indexNames(e.a, out);
      indexNames(e.b, out);
  }
  return out;
}

/**
 * e as c·v + rest when e is affine in v (with every other name bound in env): the coefficient c
 * and a function giving rest; null when v does not occur or e is not affine in it.
 */
export function affineIn(
  e: IExpr,
  v: string,
  env: (name: string) => number | undefined,
): { coef: number; offset: number } | null {
  const at = (x: number) => evalIndex(e, (n) => (n === v ? x : env(n)));
  try {
    const a = at(0);
    const b = at(1);
    const c = at(2);
    if (!Number.isInteger(a) || !Number.isInteger(b) || b - a !== c - b) return null;
    return { coef: b - a, offset: a };
  } catch (err) {
    if (err instanceof UnboundName) return null;
    throw err;
  }
}

const PREC: Record<IExpr["k"], number> = {
  n: 3,
  v: 3,
  floor: 3,
  ceil: 3,
  max: 3,
  min: 3,
  neg: 2,
  mul: 2,
  div: 2,
  add: 1,
  sub: 1,
};

export function printIndex(e: IExpr): string {
  const wrap = (x: IExpr, min: number) => (PREC[x.k] < min ? `(${printIndex(x)})` : printIndex(x));
  switch (e.k) {
    case "n":
      return String(e.v);
    case "v":
      return e.name;
    case "add":
      return e.b.k === "n" && e.b.v < 0 ? `${printIndex(e.a)}-${-e.b.v}` : `${printIndex(e.a)}+${wrap(e.b, 2)}`;
    case "sub":
      return e.b.k === "n" && e.b.v < 0 ? `${printIndex(e.a)}+${-e.b.v}` : `${printIndex(e.a)}-${wrap(e.b, 2)}`;
    case "mul":
      return e.a.k === "n" || (e.a.k === "v" && e.b.k !== "n")
        ? `${wrap(e.a, 2)}${wrap(e.b, 3)}`
        : `${wrap(e.a, 2)}·${wrap(e.b, 3)}`;
    case "div":
      return `${wrap(e.a, 3)}/${wrap(e.b, 3)}`;
    case "neg":
      return `-${wrap(e.a, 3)}`;
    case "floor":
      return `⌊${printIndex(e.a)}⌋`;
    case "ceil":
      return `⌈${printIndex(e.a)}⌉`;
    case "max":
    case "min":
      return `${e.k}(${printIndex(e.a)}, ${printIndex(e.b)})`;
  }
}
