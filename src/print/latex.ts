/**
 * The LaTeX printer: amsmath fragments of a derivation (forward entries, chain-rule lines,
 * gradients in align*, ΔX/ΔW/ΔY as bmatrix, the Rot180 rules with their verdicts), a standalone
 * article around them, and derivation tables as colortbl tabulars. Also the pieces the Beamer deck
 * (src/export/beamer.ts) and the Markdown printer reuse.
 *
 * Every name goes through Namer (style "latex"); every user-given string through latexText /
 * escapeLatexName. Output is deterministic: no dates, no timings.
 */
import type { Derivation } from "../derive.js";
import { forwardFormula } from "../grad/formulas.js";
import type { GradKey, RuleFormula } from "../grad/rules.js";
import { budgeted, omittedText, PRINT_LIMITS } from "./budget.js";
import { configText, forwardText, gradientOf, GRADIENTS, gradShape, verdictText } from "./describe.js";
import { latexStyle, printFormula } from "./formula.js";
import { escapeLatexName, FACTOR_ORDER, Namer, partialName, unflatten, type GradNotation } from "./names.js";
import {
  buildTable,
  cropText,
  entryTitle,
  representativeEntries,
  tableCount,
  tablesSupported,
  viewPanel,
  TABLE_KINDS,
  type DerivTable,
  type TableKind,
  type TensorRef,
} from "./tables.js";

/** Symbol names the user chose for x, w, y (default x, w, y). */
export interface SymbolNames {
  x: string;
  w: string;
  y: string;
}

export interface LatexOptions {
  names?: SymbolNames;
  grad?: GradNotation;
  /** x_{1,1} instead of x_{11} (default: with channels only). */
  commaIndex?: boolean;
  /** Add derivation tables (fragments and article). */
  tables?: boolean;
  /** At most this many tables per kind (representative subset), default all. */
  maxTables?: number;
  /** Tables show at most this many rows and columns of a grid (cropped around the kernel), default all. */
  maxGrid?: number;
  /** Equations show at most this many terms (then \dots), default all. */
  maxTerms?: number;
  /**
   * Characters each section (the forward pass, each chain rule, the gradients, the matrices, the
   * tables of each kind) may print before it stops with a line counting what it leaves out
   * (./budget.ts; default: no bound; the CLI's is SECTION_CHARS unless --all).
   */
  sectionChars?: number;
}

export const DEFAULT_NAMES: SymbolNames = { x: "x", w: "w", y: "y" };

/** The Namer of the LaTeX (and Markdown) printers. */
export function latexNamer(d: Derivation, o: LatexOptions = {}): Namer {
  const n = o.names ?? DEFAULT_NAMES;
  const rename: Record<string, string> = { x: n.x, w: n.w, y: n.y, δy: "δ" + n.y };
  return new Namer(d.table, "latex", d.config.indexBase, FACTOR_ORDER, rename, {
    grad: o.grad ?? "delta",
    commaIndex: o.commaIndex ?? d.config.hasChannels,
  });
}

// ---------------------------------------------------------------- escaping

const TEXT_ESCAPES: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  $: "\\$",
  "&": "\\&",
  "#": "\\#",
  "^": "\\textasciicircum{}",
  _: "\\_",
  "%": "\\%",
  "~": "\\textasciitilde{}",
  "<": "\\textless{}",
  ">": "\\textgreater{}",
  "|": "\\textbar{}",
  // braced: a lone binary operator would read (to convgrad verify) as an equation broken after it
  "×": "${\\times}$",
  "→": "$\\to$",
  Σ: "$\\Sigma$",
  Δ: "$\\Delta$",
  δ: "$\\delta$",
  "⋆": "$\\star$",
  "∂": "$\\partial$",
  "·": "${\\cdot}$",
  "−": "-",
  "-": "-{}",
  "…": "\\dots{}",
  "°": "$^\\circ$",
  "—": "---",
  "–": "--",
  "\u00a0": "~",
};
const SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";
/** Accented Latin letters that utf8 inputenc typesets with the default (OT1, Type 1) fonts. */
const LATIN1_LETTERS = /^[À-ÏÑ-ÖØ-Ýß-ïñ-öø-ýÿ]$/u;

/**
 * Text-mode LaTeX for a user-given or generated string: specials escaped, the math symbols
 * convgrad's messages use mapped, accented Latin-1 letters kept (utf8 inputenc), anything else "?".
 */
export function latexText(s: string): string {
  let out = "";
  for (const ch of s) {
    const e = TEXT_ESCAPES[ch];
    if (e !== undefined) out += e;
    else if (SUBSCRIPTS.includes(ch)) out += `$_{${SUBSCRIPTS.indexOf(ch)}}$`;
    else if (ch === "\n" || ch === "\t" || ch === "\r") out += " ";
    else if (ch.codePointAt(0)! < 0x20 || ch.codePointAt(0) === 0x7f) out += "";
    else if (ch.codePointAt(0)! < 0x80 || LATIN1_LETTERS.test(ch)) out += ch;
    else out += "?";
  }
  return out;
}

/** Bold tensor name in math: \mathbf{X} (user name upper-cased, escaped). */
export function tensorLatex(key: "X" | "W" | "Y", o: LatexOptions = {}): string {
  const n = o.names ?? DEFAULT_NAMES;
  const base = key === "X" ? n.x : key === "W" ? n.w : n.y;
  return `\\mathbf{${escapeLatexName(base.toUpperCase())}}`;
}

/** Δ-tensor name in math: \Delta \mathbf{X}. */
export function gradTensorLatex(key: "X" | "W" | "Y", o: LatexOptions = {}): string {
  return `\\Delta ${tensorLatex(key, o)}`;
}

/**
 * A formula of the engine (a rule's or the forward pass's AST, never re-parsed) as LaTeX math with the printer's tensor
 * names.
 */
export function ruleLatex(formula: RuleFormula, o: LatexOptions = {}): string {
  return printFormula(
    formula,
    latexStyle((base) => tensorLatex(base, o)),
  );
}

/** ΔX, ΔW or δb: the gradient a check is about. */
export function targetLatex(target: GradKey, o: LatexOptions = {}): string {
  const t = gradientOf(target).tensor;
  return t === "b" ? "\\delta b" : gradTensorLatex(t, o);
}

/** The verdict of a check as LaTeX text: \textbf{holds} (structural: ...). */
export function verdictLatex(ch: Derivation["checks"][number]): string {
  const v = verdictText(ch);
  const m = /^(holds|FAILS|not checked)(.*)$/.exec(v);
  if (!m) return latexText(v);
  return `\\textbf{${m[1]}}${latexText(m[2]!)}`;
}

// ---------------------------------------------------------------- equations

/** Forward entry f as an align* row: y_{11} &= w_{22} x_{11} + ... */
export function forwardRow(d: Derivation, nm: Namer, f: number, maxTerms = Infinity): string {
  return `${nm.entry("y", unflatten(d.tensors.Y.shape, f))} &= ${nm.poly(d.forward.data[f]!, maxTerms)}`;
}

/** The chain-rule rows of one gradient entry: ∂J/∂s &= Σ ∂J/∂y ∂y/∂s \\ &= result. */
export function chainRows(d: Derivation, nm: Namer, key: GradKey, i: number, maxTerms = Infinity): [string, string] {
  const shape = gradShape(d, key);
  const sym = gradientOf(key).symbol;
  const idx = unflatten(shape, i);
  const s = nm.entry(sym, idx);
  const yShape = d.tensors.Y.shape;
  const yName = (f: number) => nm.entry("y", unflatten(yShape, f));
  const fs =
    d.forward.size <= PRINT_LIMITS.latexFullChainY
      ? Array.from({ length: d.forward.size }, (_, f) => f)
      : d.steps(key, i).map((st) => st.y);
  const shown = fs.length > maxTerms ? fs.slice(0, maxTerms) : fs;
  const parts = shown.map((f) => partialName("J", yName(f), "latex") + partialName(yName(f), s, "latex"));
  const sum = fs.length ? parts.join(" + ") + (shown.length < fs.length ? " + \\dots" : "") : "0";
  return [`${partialName("J", s, "latex")} &= ${sum}`, `&= ${nm.poly(d.gradients[key]!.data[i]!, maxTerms)}`];
}

/** Gradient entry i as an align* row: \delta w_{11} &= ... */
export function gradientRow(d: Derivation, nm: Namer, key: GradKey, i: number, maxTerms = Infinity): string {
  const sym = gradientOf(key).symbol;
  return `${nm.gradName(sym, unflatten(gradShape(d, key), i))} &= ${nm.poly(d.gradients[key]!.data[i]!, maxTerms)}`;
}

/** An align* environment of rows. */
export function align(rows: readonly string[]): string {
  return `\\begin{align*}\n${rows.map((r, k) => r + (k < rows.length - 1 ? " \\\\" : "")).join("\n")}\n\\end{align*}`;
}

/**
 * A tensor as bmatrix (one per leading index for rank > 2, a row for rank 1). Rows or columns
 * beyond `maxDim` are elided with \cdots / \vdots / \ddots.
 */
export function matrices(
  label: string,
  shape: readonly number[],
  name: (idx: number[]) => string,
  indexBase: number,
  maxDim: number = PRINT_LIMITS.matrixDim,
): string[] {
  const rank = shape.length;
  if (rank === 0) return [`${label} = ${name([])}`];
  const R = rank === 1 ? 1 : shape[rank - 2]!;
  const C = shape[rank - 1]!;
  const lead = shape.slice(0, Math.max(0, rank - 2));
  const nLead = lead.reduce((a, b) => a * b, 1);
  const pick = (n: number): (number | null)[] => {
    if (n <= maxDim) return Array.from({ length: n }, (_, i) => i);
    const h = Math.max(1, Math.floor((maxDim - 1) / 2));
    return [...Array.from({ length: h }, (_, i) => i), null, ...Array.from({ length: h }, (_, i) => n - h + i)];
  };
  const rows = pick(R);
  const cols = pick(C);
  const out: string[] = [];
  for (let l = 0; l < nLead; l++) {
    const li = unflatten(lead, l);
    const body = rows
      .map((r) =>
        cols
          .map((c) => {
            if (r === null && c === null) return "\\ddots";
            if (r === null) return "\\vdots";
            if (c === null) return "\\cdots";
            return name(rank === 1 ? [...li, c] : [...li, r, c]);
          })
          .join(" & "),
      )
      .join(" \\\\ ");
    const lab = li.length ? `${label}[${li.map((v) => v + indexBase).join(",")}]` : label;
    out.push(`${lab} = \\begin{bmatrix} ${body} \\end{bmatrix}`);
  }
  return out;
}

/** The (largest) number of matrix columns the printer will emit, for MaxMatrixCols. */
export function maxMatrixCols(d: Derivation, maxDim: number = PRINT_LIMITS.matrixDim): number {
  let m = 0;
  for (const t of [d.tensors.X, d.tensors.W, d.tensors.Y]) {
    const c = t.shape[t.shape.length - 1]!;
    m = Math.max(m, c <= maxDim ? c : 2 * Math.max(1, Math.floor((maxDim - 1) / 2)) + 1);
  }
  return m;
}

/** ΔY, ΔX, ΔW (and X, W when asked) as bmatrix equations. */
export function tensorMatrices(
  d: Derivation,
  nm: Namer,
  o: LatexOptions,
  which: ("X" | "W" | "Y" | "dY" | "dX" | "dW")[],
  maxDim: number = PRINT_LIMITS.matrixDim,
): string[] {
  const base = d.config.indexBase;
  const out: string[] = [];
  for (const k of which) {
    switch (k) {
      case "X":
      case "W":
        out.push(
          ...matrices(tensorLatex(k, o), d.tensors[k].shape, (i) => nm.entry(k === "X" ? "x" : "w", i), base, maxDim),
        );
        break;
      case "Y":
        out.push(...matrices(tensorLatex("Y", o), d.tensors.Y.shape, (i) => nm.entry("y", i), base, maxDim));
        break;
      case "dY":
        out.push(...matrices(gradTensorLatex("Y", o), d.tensors.Y.shape, (i) => nm.gradName("y", i), base, maxDim));
        break;
      case "dX":
      case "dW": {
        const sym = gradientOf(k).symbol;
        out.push(
          ...matrices(
            gradTensorLatex(k === "dX" ? "X" : "W", o),
            gradShape(d, k),
            (i) => nm.gradName(sym, i),
            base,
            maxDim,
          ),
        );
        break;
      }
    }
  }
  return out;
}

/** The forward relation: Y = X * W (+ b), with pad(X) and dilate(W, d) as the layer needs (src/grad/formulas.ts). */
export function forwardLatex(d: Derivation, o: LatexOptions = {}): string {
  return ruleLatex(forwardFormula(d.config), o);
}

// ---------------------------------------------------------------- tables

/** The colours and the fit-to-box macro that tables and slides use (needs xcolor with table, graphicx). */
export const TABLE_PREAMBLE = [
  "\\input{glyphtounicode}\\pdfgentounicode=1 % ligatures and symbols copy (and pdftotext) as text",
  "\\definecolor{cgprod}{HTML}{FFD966}",
  "\\definecolor{cgzero}{HTML}{FFF2CC}",
  "\\definecolor{cgpad}{HTML}{E8E8E8}",
  "\\definecolor{cggrey}{HTML}{A6A6A6}",
  "\\newsavebox{\\cgbox}",
  "% \\cgfit{max width}{max height}{content}: shrinks content (never enlarges) to fit",
  "\\newcommand{\\cgfit}[3]{\\sbox{\\cgbox}{#3}%",
  "  \\ifdim\\wd\\cgbox>#1\\relax\\sbox{\\cgbox}{\\resizebox{#1}{!}{\\usebox{\\cgbox}}}\\fi",
  "  \\ifdim\\dimexpr\\ht\\cgbox+\\dp\\cgbox\\relax>#2\\relax\\sbox{\\cgbox}{\\resizebox*{!}{#2}{\\usebox{\\cgbox}}}\\fi",
  "  \\usebox{\\cgbox}}",
  "% \\cgfill{max width}{max height}{content}: scales content (up or down) to the largest size that fits",
  "\\newcommand{\\cgfill}[3]{\\sbox{\\cgbox}{#3}%",
  "  \\sbox{\\cgbox}{\\resizebox{#1}{!}{\\usebox{\\cgbox}}}%",
  "  \\ifdim\\dimexpr\\ht\\cgbox+\\dp\\cgbox\\relax>#2\\relax\\sbox{\\cgbox}{\\resizebox*{!}{#2}{\\usebox{\\cgbox}}}\\fi",
  "  \\usebox{\\cgbox}}",
];

const REF_TENSOR = { X: "X", W: "W", dY: "Y" } as const;

/** A table's tensor reference in math: Rot180^{\circ}(\Delta \mathbf{Y}[1,2]). */
export function refLatex(r: TensorRef, indexBase: number, o: LatexOptions = {}): string {
  const t = REF_TENSOR[r.tensor];
  const base = r.tensor === "dY" ? gradTensorLatex(t, o) : tensorLatex(t, o);
  const name = base + (r.at.length ? `[${r.at.map((i) => i + indexBase).join(",")}]` : "");
  return r.rot ? `Rot180^{\\circ}(${name})` : name;
}

/** One panel of a table as a colortbl tabular (cropped to maxGrid × maxGrid cells around the kernel). */
export function panelTabular(t: DerivTable, p: DerivTable["panels"][number], nm: Namer, maxGrid = Infinity): string {
  const v = viewPanel(p, maxGrid);
  const lines = [`\\begin{tabular}{|${"c|".repeat(v.cols)}}\\hline`];
  for (let r = 0; r < v.rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < v.cols; c++) {
      const cell = v.cell(r, c);
      switch (cell.kind) {
        case "product":
          cells.push(
            `\\cellcolor{cgprod}$${cell.terms.map((i) => nm.term(t.poly.codes[i]!, t.poly.coef(i))).join(" + ")}$`,
          );
          break;
        case "zero":
          cells.push(`\\cellcolor{cgzero}$${nm.symbol(cell.kernel)} \\cdot 0$`);
          break;
        case "grey":
          cells.push(`\\textcolor{cggrey}{$${nm.symbol(cell.grid)}$}`);
          break;
        case "pad":
          cells.push("\\cellcolor{cgpad}");
          break;
      }
    }
    lines.push(`${cells.join(" & ")} \\\\\\hline`);
  }
  lines.push("\\end{tabular}");
  return lines.join("\n");
}

/**
 * The kernel of a panel on its own, as placed (rotated when the rule rotates it): the lecture's
 * "(rotated kernel)". At most maxGrid rows and columns (its top-left corner; a δw table's kernel is
 * the whole ΔY): `crop` then says which ("rows 1–10 of 126, columns 1–10 of 126").
 */
export function kernelTabular(
  d: Derivation,
  ref: TensorRef,
  nm: Namer,
  maxGrid = Infinity,
): { tabular: string; crop: string | null } {
  const c = d.config;
  const sp = ref.tensor === "W" ? c.kernel : c.output;
  const R = sp.length === 2 ? sp[0]! : 1;
  const C = sp[sp.length - 1]!;
  const rs = Math.min(R, maxGrid);
  const cs = Math.min(C, maxGrid);
  const key = ref.tensor === "W" ? "W" : "dY";
  const rows: string[] = [];
  for (let r = 0; r < rs; r++) {
    const cells: string[] = [];
    for (let k = 0; k < cs; k++) {
      const idx = sp.length === 2 ? (ref.rot ? [R - 1 - r, C - 1 - k] : [r, k]) : [ref.rot ? C - 1 - k : k];
      const id = d.table.id(key, [...ref.at, ...idx]);
      cells.push(id === undefined ? "?" : `$${nm.symbol(id)}$`);
    }
    rows.push(`${cells.join(" & ")} \\\\\\hline`);
  }
  const crop = rs < R || cs < C ? `rows 1–${rs} of ${R}, columns 1–${cs} of ${C}` : null;
  return { tabular: `\\begin{tabular}{|${"c|".repeat(cs)}}\\hline\n${rows.join("\n")}\n\\end{tabular}`, crop };
}

/** Caption of a panel: "$Rot180(X)$ (padded) with $Rot180(ΔY)$ placed over it". */
export function panelCaption(d: Derivation, p: DerivTable["panels"][number], o: LatexOptions = {}): string {
  const b = d.config.indexBase;
  const v = viewPanel(p, o.maxGrid ?? Infinity);
  const crop = v.cropped ? ` (${latexText(cropText(p, v))})` : "";
  return `$${refLatex(p.grid, b, o)}$${p.padded ? " (padded)" : ""} with $${refLatex(p.kernel, b, o)}$ placed over it${crop}`;
}

/** The entry's equation under a table: \delta w_{11} = ... */
export function tableFormula(d: Derivation, t: DerivTable, nm: Namer, maxTerms = Infinity): string {
  return `${entryTitle(nm, d, t.kind, t.flat)} = ${nm.poly(t.poly, maxTerms)}`;
}

/** A whole table for an article: panels side by side, the formula under them. */
export function tableLatex(
  d: Derivation,
  t: DerivTable,
  nm: Namer,
  o: LatexOptions = {},
  width = "\\linewidth",
): string {
  const n = t.panels.length;
  const w = n === 1 ? width : `${(0.98 / n).toFixed(3)}${width}`;
  const panels = t.panels.map(
    (p) =>
      `\\begin{minipage}[t]{${w}}\\centering\\scriptsize ${panelCaption(d, p, o)}\\\\[2pt]\n\\cgfill{${n === 1 ? "0.35" : "0.9"}\\linewidth}{0.18\\textheight}{${panelTabular(t, p, nm, o.maxGrid)}}\n\\end{minipage}`,
  );
  return `\\begin{center}\n${panels.join("\\hfill\n")}\n\n\\medskip\n\\cgfit{${width}}{0.2\\textheight}{$${tableFormula(d, t, nm, o.maxTerms)}$}\n\\end{center}`;
}

const KIND_LATEX = (k: TableKind, o: LatexOptions): string =>
  k === "Y" ? tensorLatex("Y", o) : gradTensorLatex(k === "dW" ? "W" : "X", o);

// ---------------------------------------------------------------- fragments and article

/** The text after a bounded section that left `left` entries out ("… 12 more entries of Y not shown …"). */
export function omittedLatex(left: number, what: string): string {
  return `\\noindent ${latexText(omittedText(left, what))}`;
}

/**
 * A bounded section (./budget.ts) as one align* environment of the rows of entries 0…count−1 (the
 * same text as align() of them all), then a paragraph counting the entries left out.
 */
function* alignSection(count: number, what: string, budget: number, rows: (i: number) => string[]): Generator<string> {
  const it = budgeted(count, budget, rows);
  yield "\\begin{align*}";
  let r = it.next();
  while (!r.done) {
    const next = it.next();
    yield next.done ? r.value : `${r.value} \\\\`;
    r = next;
  }
  yield "\\end{align*}";
  if (r.value > 0) yield omittedLatex(r.value, what);
}

/** The gradient entries (δw, then δx, then δb) as one sequence: entry i of the three. */
export function gradientEntries(d: Derivation): { count: number; at: (i: number) => [GradKey, number] } {
  const keys = (["dW", "dX", "db"] as const).filter((k) => d.gradients[k]);
  const sizes = keys.map((k) => d.gradients[k]!.size);
  return {
    count: sizes.reduce((a, b) => a + b, 0),
    at: (i) => {
      let k = 0;
      while (i >= sizes[k]!) i -= sizes[k++]!;
      return [keys[k]!, i];
    },
  };
}

/**
 * Where a block of the LaTeX starts: the fragments mark it with a comment, the article with a
 * heading (or nothing). `comment` is the fragments' line.
 */
interface Heading {
  kind: "about" | "forward" | "chain" | "gradients" | "matrices" | "rules" | "tables" | "tablesFor" | "note";
  comment: string;
  tensor?: "W" | "X";
}

type Headings = (h: Heading) => string | null;

/** A block's heading line, or none. */
function headingLines(head: Headings, x: Heading): string[] {
  const line = head(x);
  return line === null ? [] : [line];
}

/** The fragments' headings: the comments themselves. */
const COMMENTS: Headings = (h) => h.comment;

/** The LaTeX fragments, as lines (comments introduce each block). */
export function latexLines(d: Derivation, o: LatexOptions = {}): Generator<string> {
  return latexBlocks(d, o, COMMENTS);
}

function* latexBlocks(d: Derivation, o: LatexOptions, head: Headings): Generator<string> {
  const nm = latexNamer(d, o);
  const c = d.config;
  const shapes = { X: d.tensors.X.shape, W: d.tensors.W.shape, Y: d.tensors.Y.shape };
  const h = (x: Heading) => headingLines(head, x);
  yield* h({ kind: "about", comment: `% convgrad: ${forwardText(c)}` });
  yield* h({ kind: "about", comment: `% ${configText(c, shapes)}` });
  const budget = o.sectionChars ?? Infinity;
  yield* h({ kind: "forward", comment: "% Forward pass" });
  yield `$$${forwardLatex(d, o)}$$`;
  yield* alignSection(d.forward.size, "entries of Y", budget, (f) => [forwardRow(d, nm, f, o.maxTerms)]);
  // the chain rule of ΔW and ΔX (δb's entries are in the gradients)
  for (const g of GRADIENTS.filter((g) => g.key !== "db")) {
    yield "";
    yield* h({ kind: "chain", comment: `% Chain rule for \\Delta ${g.tensor}`, tensor: g.tensor as "W" | "X" });
    yield* alignSection(d.gradients[g.key]!.size, `entries of ${g.title}`, budget, (i) =>
      chainRows(d, nm, g.key, i, o.maxTerms),
    );
  }
  yield "";
  yield* h({ kind: "gradients", comment: "% Gradients" });
  const ge = gradientEntries(d);
  yield* alignSection(ge.count, "gradient entries", budget, (i) => [gradientRow(d, nm, ...ge.at(i), o.maxTerms)]);
  yield "";
  yield* h({ kind: "matrices", comment: "% Matrices" });
  const ms = tensorMatrices(d, nm, o, ["dY", "dX", "dW"]);
  const leftM = yield* budgeted(ms.length, budget, (i) => [`$$${ms[i]}$$`]);
  if (leftM > 0) yield omittedLatex(leftM, "matrices");
  yield "";
  yield* h({ kind: "rules", comment: "% Rules, each checked against the chain-rule gradients" });
  for (const ch of d.checks) {
    if (ch.holds === null) {
      // no closed form for this configuration: no formula is claimed, only the reason
      yield `$${targetLatex(ch.target, o)}$: ${verdictLatex(ch)}`;
      yield "";
      continue;
    }
    yield `$$${ruleLatex(ch.formula, o)}$$`;
    yield verdictLatex(ch);
    yield "";
  }
  if (o.tables) {
    yield* h({
      kind: "tables",
      comment:
        "% Derivation tables (need \\usepackage[table]{xcolor}, graphicx and the \\cgfit macro of the standalone preamble)",
    });
    yield* tablesLatexLines(d, nm, o, head);
  }
}

export function* tablesLatexLines(
  d: Derivation,
  nm: Namer,
  o: LatexOptions,
  head: Headings = COMMENTS,
): Generator<string> {
  const h = (x: Heading) => headingLines(head, x);
  if (!tablesSupported(d)) {
    yield* h({ kind: "note", comment: "% (derivation tables are drawn for 1-D and 2-D inputs only)" });
    return;
  }
  for (const kind of TABLE_KINDS) {
    const picks = representativeEntries(d, kind, o.maxTables ?? Infinity);
    const total = tableCount(d, kind);
    yield* h({ kind: "tablesFor", comment: `% Tables for ${kind}` });
    if (picks.length < total)
      yield `\\noindent Tables for $${KIND_LATEX(kind, o)}$: ${picks.length} of ${total} entries shown.`;
    const left = yield* budgeted(picks.length, o.sectionChars ?? Infinity, (i) => [
      tableLatex(d, buildTable(d, kind, picks[i]!), nm, o),
    ]);
    if (left > 0) yield omittedLatex(left, `tables for ${kind === "Y" ? "Y" : kind === "dW" ? "ΔW" : "ΔX"}`);
  }
}

/** The article's headings for the blocks the fragments mark with comments (the rest go). */
const ARTICLE_HEADINGS: Partial<Record<Heading["kind"], (h: Heading, o: LatexOptions) => string>> = {
  forward: () => "\\subsection*{Forward pass}",
  chain: (h, o) => `\\subsection*{Chain rule for $${gradTensorLatex(h.tensor ?? "X", o)}$}`,
  gradients: () => "\\subsection*{Gradients}",
  matrices: () => "\\subsection*{Matrices}",
  rules: () => "\\subsection*{Rules, checked against the chain rule}",
  tables: () => "\\subsection*{Derivation tables}",
};

/** Bounds of the standalone article, so that any size compiles (TeX's dimensions and memory are finite). */
export const ARTICLE_MAX_TERMS = 40;
export const ARTICLE_MAX_GRID = 16;
export const ARTICLE_MAX_TABLES = 12;

/** A complete article around the fragments (compiles with pdflatex). */
export function* latexStandaloneLines(
  d: Derivation,
  opts: LatexOptions = {},
  title = "Back-propagation through convolution",
): Generator<string> {
  const o: LatexOptions = {
    maxTerms: ARTICLE_MAX_TERMS,
    maxGrid: ARTICLE_MAX_GRID,
    maxTables: ARTICLE_MAX_TABLES,
    ...opts,
  };
  const c = d.config;
  const shapes = { X: d.tensors.X.shape, W: d.tensors.W.shape, Y: d.tensors.Y.shape };
  yield "\\documentclass[10pt]{article}";
  yield "\\usepackage[utf8]{inputenc}";
  yield "\\usepackage[a4paper,margin=1.5cm]{geometry}";
  yield "\\usepackage{amsmath,amssymb}";
  yield "\\usepackage[table]{xcolor}";
  yield "\\usepackage{graphicx}";
  yield `\\setcounter{MaxMatrixCols}{${Math.max(10, maxMatrixCols(d))}}`;
  yield "\\allowdisplaybreaks";
  yield* TABLE_PREAMBLE;
  yield "\\begin{document}";
  yield `\\section*{${latexText(title)}}`;
  yield `\\noindent ${latexText(forwardText(c))}\\\\`;
  yield `${latexText(configText(c, shapes))}`;
  yield "";
  yield* latexBlocks(d, o, (h) => ARTICLE_HEADINGS[h.kind]?.(h, o) ?? null);
  yield "\\end{document}";
}
