/**
 * The Markdown printer: the LaTeX printer's equations in `$$` blocks that KaTeX renders (READMEs,
 * notes, Jupyter), one equation a block (a block starting with = continues the one above), with
 * headings and the rule verdicts as text. Derivation tables become KaTeX
 * arrays (\colorbox for covered cells) instead of colortbl tabulars.
 */
import type { Derivation } from "../derive.js";
import { budgeted, omittedText } from "./budget.js";
import { configText, forwardText, verdictText } from "./describe.js";
import {
  chainRows,
  forwardLatex,
  forwardRow,
  gradTensorLatex,
  latexNamer,
  refLatex,
  ruleLatex,
  tableFormula,
  tensorMatrices,
  type LatexOptions,
  targetLatex,
  gradientEntries,
  gradientRow,
} from "./latex.js";
import type { Namer } from "./names.js";
import {
  buildTable,
  cropText,
  representativeEntries,
  tableCount,
  tablesSupported,
  viewPanel,
  TABLE_KINDS,
  type DerivTable,
} from "./tables.js";

/** Markdown text: escapes the characters Markdown would interpret. */
export function markdownText(s: string): string {
  return s.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}

function block(math: string): string {
  return `$$\n${math}\n$$`;
}

/**
 * A bounded section (./budget.ts) of align rows ("lhs &= rhs", "&= rhs"; entry i's are rows(i)) as
 * one $$ block each ("= rhs" continues the equation above): renders in every Markdown math dialect
 * and reads back with `convgrad verify`. Then a paragraph counting the entries left out.
 */
function* rowBlocks(count: number, what: string, budget: number, rows: (i: number) => string[]): Generator<string> {
  const left = yield* budgeted(count, budget, (i) =>
    rows(i).flatMap((r, k) => [...(i > 0 || k > 0 ? [""] : []), block(r.replace(/^&= /, "= ").replace(" &= ", " = "))]),
  );
  if (left > 0) yield* ["", markdownText(omittedText(left, what))];
}

/** A table panel as a KaTeX array (cropped to maxGrid × maxGrid cells around the kernel). */
export function panelArray(t: DerivTable, p: DerivTable["panels"][number], nm: Namer, maxGrid = Infinity): string {
  const v = viewPanel(p, maxGrid);
  const rows: string[] = [];
  for (let r = 0; r < v.rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < v.cols; c++) {
      const cell = v.cell(r, c);
      if (cell.kind === "product")
        cells.push(
          `\\colorbox{#FFD966}{$${cell.terms.map((i) => nm.term(t.poly.codes[i]!, t.poly.coef(i))).join(" + ")}$}`,
        );
      else if (cell.kind === "zero") cells.push(`\\colorbox{#FFF2CC}{$${nm.symbol(cell.kernel)} \\cdot 0$}`);
      else if (cell.kind === "grey") cells.push(`\\textcolor{#A6A6A6}{${nm.symbol(cell.grid)}}`);
      else cells.push("");
    }
    rows.push(cells.join(" & "));
  }
  return `\\begin{array}{|${"c|".repeat(v.cols)}}\\hline\n${rows.map((r) => `${r} \\\\ \\hline`).join("\n")}\n\\end{array}`;
}

export function* markdownLines(d: Derivation, o: LatexOptions = {}): Generator<string> {
  const nm = latexNamer(d, o);
  const c = d.config;
  const shapes = { X: d.tensors.X.shape, W: d.tensors.W.shape, Y: d.tensors.Y.shape };
  yield "# Back-propagation through convolution";
  yield "";
  yield markdownText(forwardText(c));
  yield "";
  yield markdownText(configText(c, shapes));
  yield "";
  yield "## Forward pass";
  yield "";
  yield block(forwardLatex(d, o));
  yield "";
  const budget = o.sectionChars ?? Infinity;
  yield* rowBlocks(d.forward.size, "entries of Y", budget, (f) => [forwardRow(d, nm, f)]);
  for (const key of ["dW", "dX"] as const) {
    yield "";
    yield `## Chain rule for $${gradTensorLatex(key === "dW" ? "W" : "X", o)}$`;
    yield "";
    yield* rowBlocks(d.gradients[key].size, `entries of Δ${key[1]}`, budget, (i) => chainRows(d, nm, key, i));
  }
  yield "";
  yield "## Gradients";
  yield "";
  const ge = gradientEntries(d);
  yield* rowBlocks(ge.count, "gradient entries", budget, (i) => [gradientRow(d, nm, ...ge.at(i))]);
  yield "";
  yield "## Matrices";
  const ms = tensorMatrices(d, nm, o, ["dY", "dX", "dW"]);
  const leftM = yield* budgeted(ms.length, budget, (i) => ["", block(ms[i]!)]);
  if (leftM > 0) yield* ["", markdownText(omittedText(leftM, "matrices"))];
  yield "";
  yield "## Rules, checked against the chain rule";
  for (const ch of d.checks) {
    const v = verdictText(ch);
    const m = /^(holds|FAILS|not checked)(.*)$/.exec(v);
    const verdict = m ? `**${m[1]}**${markdownText(m[2]!)}` : markdownText(v);
    yield "";
    if (ch.holds === null) {
      // no closed form for this configuration: no formula is claimed, only the reason
      yield `$${targetLatex(ch.target, o)}$: ${verdict}`;
      continue;
    }
    yield block(ruleLatex(ch.formula, o));
    yield "";
    yield verdict;
  }
  if (o.tables) {
    yield "";
    yield "## Derivation tables";
    yield "";
    yield "Each highlighted cell is a grid entry times the kernel entry placed on it; the formula under a table is the entry.";
    if (!tablesSupported(d)) {
      yield "";
      yield "(Drawn for 1-D and 2-D inputs only.)";
      return;
    }
    for (const kind of TABLE_KINDS) {
      const picks = representativeEntries(d, kind, o.maxTables ?? Infinity);
      const total = tableCount(d, kind);
      if (picks.length < total) {
        yield "";
        yield `${picks.length} of ${total} tables shown.`;
      }
      const left = yield* budgeted(picks.length, o.sectionChars ?? Infinity, function* (i) {
        const t = buildTable(d, kind, picks[i]!);
        const b = d.config.indexBase;
        yield "";
        yield `### $${tableFormula(d, t, nm).split(" = ")[0]}$`;
        for (const p of t.panels) {
          yield "";
          const v = viewPanel(p, o.maxGrid ?? Infinity);
          yield `$${refLatex(p.grid, b, o)}$${p.padded ? " (padded)" : ""} with $${refLatex(p.kernel, b, o)}$ placed over it${v.cropped ? ` (${cropText(p, v)})` : ""}:`;
          yield "";
          yield block(panelArray(t, p, nm, o.maxGrid));
        }
        yield "";
        yield block(tableFormula(d, t, nm, o.maxTerms));
      });
      if (left > 0)
        yield* ["", markdownText(omittedText(left, `tables for ${kind === "Y" ? "Y" : kind === "dW" ? "ΔW" : "ΔX"}`))];
    }
  }
}
