/**
 * Names of symbols and terms in each notation, from one table of styles. Printers (text, JSON,
 * LaTeX, Markdown) and verify's messages all go through here, so one symbol is spelled one way
 * per style everywhere.
 *
 *   unicode  δy₁₁·x₂₂          (text; commas when an index exceeds 9: x₁₀,₂)
 *   plain    δy_{1,1}·x_{2,2}  (verify JSON, parseable back)
 *   latex    \delta y_{11} x_{22}   (commas when an index exceeds 9)
 */
import { monoIds } from "../core/monomial.js";
import type { Poly } from "../core/poly.js";
import type { Rat } from "../core/rational.js";
import type { SymbolTable } from "../core/symbols.js";

export type NameStyle = "unicode" | "plain" | "latex";

const SUB = "₀₁₂₃₄₅₆₇₈₉";
const SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";

const toSub = (s: string): string => s.replace(/[0-9]/g, (c) => SUB[Number(c)]!).replace(/-/g, "₋");
const toSup = (s: string): string => s.replace(/[0-9]/g, (c) => SUP[Number(c)]!).replace(/-/g, "⁻");

/** How gradient entries are written: δx₂₂ (delta), ∂J/∂x₂₂ (partial) or Δx₂₂ (Delta). */
export type GradNotation = "delta" | "partial" | "Delta";

/** Additions to a Namer's style; the defaults are the original behaviour. */
export interface NamerOptions {
  /** Gradient notation for names that start with δ (default "delta"). */
  grad?: GradNotation;
  /** Always separate indices with commas (x_{1,1}), not only when one exceeds 9. */
  commaIndex?: boolean;
}

/** ∂of/∂wrt in a style: \frac{\partial J}{\partial x_{11}} in LaTeX, ∂J/∂x₁₁ otherwise (every printer's one form). */
export function partialName(of: string, wrt: string, style: NameStyle): string {
  return style === "latex" ? `\\frac{\\partial ${of}}{\\partial ${wrt}}` : `∂${of}/∂${wrt}`;
}

/** Printed name of a tensor entry in a style: base name + index (display-based). */
export function entryName(symbol: string, index: readonly number[], style: NameStyle, commaIndex = false): string {
  if (index.length === 0) return style === "latex" ? latexBase(symbol) : symbol;
  // Run-together digits only while they cannot be misread: every index one digit, at most two
  // indices (x₂₂₂₂ — channel, batch and two spatial axes — is unreadable; x₂,₂,₂,₂ is not).
  const wide = commaIndex || index.length > 2 || index.some((i) => i > 9 || i < 0);
  switch (style) {
    case "unicode":
      return symbol + toSub(index.join(wide ? "," : ""));
    case "plain":
      return `${symbol}_{${index.join(",")}}`;
    case "latex":
      return `${latexBase(symbol)}_{${index.join(wide ? "," : "")}}`;
  }
}

/** LaTeX for a base symbol name: δ → \delta, other names escaped. */
export function latexBase(symbol: string): string {
  if (symbol.startsWith("δ")) return `\\delta ${escapeLatexName(symbol.slice(1))}`;
  return escapeLatexName(symbol);
}

const NAME_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\backslash ",
  "^": "\\hat{}",
  "~": "\\sim ",
  // < and > by character code: the same glyph in LaTeX and KaTeX, and no raw HTML in Markdown
  "<": "\\char60 ",
  ">": "\\char62 ",
};

/**
 * A user-given name as math-mode LaTeX that is safe in every output (LaTeX, KaTeX, Markdown):
 * specials escaped, < and > without a raw angle bracket, and a name that is not plain letters and
 * digits braced, so that nothing in it (a prime ', an operator) attaches to its neighbours —
 * `w_{22} '_{11}` is a "Double subscript" error, `w_{22} {'}_{11}` is not.
 */
export function escapeLatexName(s: string): string {
  const e = s.replace(/[\\{}$&#^_%~<>]/g, (c) => NAME_ESCAPES[c] ?? `\\${c}`);
  return /^[A-Za-z0-9]*$/.test(s) ? e : `{${e}}`;
}

/** The order of a term's factors in every printer: δy before w before x before b (δy₁₁·w₁₁·…). */
export const FACTOR_ORDER: readonly string[] = ["dY", "W", "X", "b"];

export class Namer {
  private cache = new Map<number, string>();
  constructor(
    readonly table: SymbolTable,
    readonly style: NameStyle,
    readonly indexBase: number,
    /** Order of factors inside a term, by tensor key (others after, by id). */
    readonly factorOrder: readonly string[] = FACTOR_ORDER,
    /** Optional renaming of base symbols (e.g. {x: "a"}). */
    readonly rename: Readonly<Record<string, string>> = {},
    readonly options: NamerOptions = {},
  ) {}

  /** Name of base symbol + display index, honouring the grad notation and index style. */
  private named(base: string, index: readonly number[]): string {
    const comma = this.options.commaIndex === true;
    const grad = this.options.grad ?? "delta";
    if (grad === "delta" || !base.startsWith("δ")) return entryName(base, index, this.style, comma);
    const inner = entryName(base.slice(1), index, this.style, comma);
    if (grad === "Delta") return this.style === "latex" ? `\\Delta ${inner}` : `Δ${inner}`;
    return partialName("J", inner, this.style);
  }

  symbol(id: number): string {
    let s = this.cache.get(id);
    if (s === undefined) {
      const { range, index } = this.table.lookup(id);
      const base = this.rename[range.symbol] ?? range.symbol;
      s = this.named(
        base,
        index.map((i) => i + this.indexBase),
      );
      this.cache.set(id, s);
    }
    return s;
  }

  private rank(id: number): number {
    const key = this.table.lookup(id).range.key;
    const r = this.factorOrder.indexOf(key);
    return r < 0 ? this.factorOrder.length : r;
  }

  /** A monomial without coefficient: factors in display order, powers collected. */
  monomial(code: number): string {
    const ids = [...monoIds(code, this.table.monos)];
    if (ids.length === 0) return "1";
    ids.sort((a, b) => this.rank(a) - this.rank(b) || a - b);
    const parts: string[] = [];
    for (let i = 0; i < ids.length;) {
      let j = i;
      while (j < ids.length && ids[j] === ids[i]) j++;
      const name = this.symbol(ids[i]!);
      const e = j - i;
      parts.push(
        e === 1
          ? name
          : this.style === "unicode"
            ? name + toSup(String(e))
            : `${this.style === "latex" ? `{${name}}` : name}^{${e}}`,
      );
      i = j;
    }
    return parts.join(this.style === "latex" ? " " : "·");
  }

  private coefText(c: Rat): string {
    if (this.style === "latex") return c.d === 1 ? String(c.n) : `\\frac{${c.n}}{${c.d}}`;
    return c.d === 1 ? String(c.n) : `${c.n}/${c.d}`;
  }

  /** One term with its coefficient, sign included ("-2·x₁₁", "δy₁₁·x₂₂", "1/2·x"). */
  term(code: number, c: Rat): string {
    const abs = { n: Math.abs(c.n), d: c.d };
    const sign = c.n < 0 ? "-" : "";
    if (code === 0) return sign + this.coefText(abs);
    const m = this.monomial(code);
    if (abs.n === 1 && abs.d === 1) return sign + m;
    return sign + this.coefText(abs) + (this.style === "latex" ? " " : "·") + m;
  }

  /** A whole polynomial ("0" when empty), terms in canonical order. */
  poly(p: Poly, maxTerms = Infinity): string {
    if (p.isZero()) return "0";
    const minus = this.style === "unicode" ? " − " : " - ";
    let out = "";
    const n = Math.min(p.size, maxTerms);
    for (let i = 0; i < n; i++) {
      const c = p.coef(i);
      if (i === 0) out = this.term(p.codes[i]!, c);
      else if (c.n < 0) out += minus + this.term(p.codes[i]!, { n: -c.n, d: c.d });
      else out += " + " + this.term(p.codes[i]!, c);
    }
    if (p.size > n) out += this.style === "latex" ? ` + \\dots` : ` + … (${p.size - n} more terms)`;
    return out;
  }

  /** Name of an entry of a gradient tensor: δ + base symbol (δx₂₂). */
  gradName(symbol: string, index: readonly number[]): string {
    const base = this.rename[symbol] ?? symbol;
    return this.named(
      "δ" + base,
      index.map((i) => i + this.indexBase),
    );
  }

  entry(symbol: string, index: readonly number[]): string {
    const base = this.rename[symbol] ?? symbol;
    return this.named(
      base,
      index.map((i) => i + this.indexBase),
    );
  }
}

/** 0-based multi-index of a flat row-major position. */
export function unflatten(shape: readonly number[], flat: number): number[] {
  const idx = new Array<number>(shape.length);
  for (let a = shape.length - 1; a >= 0; a--) {
    idx[a] = flat % shape[a]!;
    flat = Math.floor(flat / shape[a]!);
  }
  return idx;
}
