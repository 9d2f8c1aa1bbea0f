/**
 * A Beamer deck of a derivation, in the lecture's order: notation (X, W, Y, ΔY, ΔX, ΔW), the
 * forward input–output relationship, the chain rule for each δw and each δx, the summary, the
 * Rot180 rules with their verdicts, then the verification tables, one frame per output entry.
 *
 * Large configurations get a representative subset of frames (corners, edge middles, centre) and
 * a frame saying so; allFrames lifts the limit. Deterministic: no \today, no timings.
 */
import type { Derivation } from "../derive.js";
import type { GradKey } from "../grad/rules.js";
import { PRINT_LIMITS } from "../print/budget.js";
import { configText, opDescription } from "../print/describe.js";
import {
  chainRows,
  forwardLatex,
  forwardRow,
  gradientRow,
  gradTensorLatex,
  kernelTabular,
  latexNamer,
  latexText,
  maxMatrixCols,
  panelCaption,
  panelTabular,
  refLatex,
  ruleLatex,
  tableFormula,
  TABLE_PREAMBLE,
  tensorLatex,
  tensorMatrices,
  verdictLatex,
  type LatexOptions,
  targetLatex,
} from "../print/latex.js";
import { escapeLatexName, partialName, type Namer } from "../print/names.js";
import {
  buildTable,
  entryTitle,
  representativeEntries,
  tableCount,
  tablesSupported,
  TABLE_KINDS,
  type TableKind,
} from "../print/tables.js";

export interface DeckOptions extends LatexOptions {
  title?: string;
  author?: string;
  /** Every frame, however many (default: a representative subset above maxFrames entries per section). */
  allFrames?: boolean;
  /** Entries per section before the deck shows a subset (default 12). */
  maxFrames?: number;
}

export const DEFAULT_MAX_FRAMES = 12;
/** Matrices on slides show at most this many rows/columns (the rest elided). */
const SLIDE_MATRIX_DIM = PRINT_LIMITS.slideMatrixDim;
/** Equations on slides show at most this many terms (then \dots). */
export const SLIDE_MAX_TERMS = 12;
/** Chain-rule sums on slides show at most this many ∂J/∂y·∂y/∂s products (then \dots). */
export const SLIDE_MAX_CHAIN = 6;
/** Tables on slides show at most this many rows and columns of a grid (cropped around the kernel). */
export const SLIDE_MAX_GRID = 10;

function frame(title: string, body: string[]): string[] {
  return [`\\begin{frame}{${title}}`, ...body, "\\end{frame}", ""];
}

/**
 * Equations that shrink to the frame: a two-column tabular, `$lhs$ & $= rhs$` per row, in
 * display style. Each row stays one `$…$ & $= …$` pair (a continuation row `& $= …$`), which
 * `convgrad verify` reads back as one equation (it joins pieces that start with =), where
 * `\begin{aligned}` inside a box would not parse.
 */
function fitMath(rows: string[], maxHeight = "0.75\\textheight", grow = false): string[] {
  const matrix = rows.some((r) => r.includes("bmatrix"));
  const frac = rows.some((r) => r.includes("\\frac"));
  const gap = matrix ? "1.5ex" : frac ? "0.8ex" : "0.4ex";
  const cells = rows.map((r, k) => {
    let lhs: string;
    let rhs: string;
    if (r.startsWith("&")) [lhs, rhs] = ["", r.slice(1).trim()];
    else if (r.includes(" &= ")) [lhs, rhs] = [r.slice(0, r.indexOf(" &= ")), r.slice(r.indexOf(" &= ") + 2)];
    else [lhs, rhs] = [r.slice(0, r.indexOf(" = ")), r.slice(r.indexOf(" = ") + 1)];
    return `${lhs ? `$${lhs}$` : ""} & $${rhs}$${k < rows.length - 1 ? ` \\\\\\noalign{\\vskip ${gap}}` : ""}`;
  });
  return [
    "\\begin{center}",
    `${grow ? "\\cgfill{0.8\\linewidth}" : "\\cgfit{\\linewidth}"}{${maxHeight}}{{\\everymath{\\displaystyle}\\renewcommand{\\arraystretch}{${matrix ? 1 : frac ? 1.8 : 1.2}}\\begin{tabular}{@{}r@{\\hspace{0.28em}}l@{}}`,
    ...cells,
    "\\end{tabular}}}",
    "\\end{center}",
  ];
}

function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** `what` is LaTeX (text mode). */
function subsetNote(shown: number, total: number, what: string): string[] {
  if (shown >= total) return [];
  return [
    `\\begin{center}\\footnotesize Showing ${shown} of ${total} ${what} (a representative subset); \\texttt{convgrad slides --all-frames} shows them all.\\end{center}`,
  ];
}

export function* beamerLines(d: Derivation, opts: DeckOptions = {}): Generator<string> {
  const o: DeckOptions = { maxTerms: SLIDE_MAX_TERMS, maxGrid: SLIDE_MAX_GRID, ...opts };
  const nm: Namer = latexNamer(d, o);
  const c = d.config;
  const max = o.allFrames ? Infinity : (o.maxFrames ?? DEFAULT_MAX_FRAMES);
  const shapes = { X: d.tensors.X.shape, W: d.tensors.W.shape, Y: d.tensors.Y.shape };
  const X = tensorLatex("X", o);
  const W = tensorLatex("W", o);
  const Y = tensorLatex("Y", o);
  const n = o.names ?? { x: "x", w: "w", y: "y" };

  yield "% A Beamer deck written by convgrad slides.";
  yield "% Compile it twice (pdflatex deck.tex && pdflatex deck.tex), or once with latexmk -pdf deck.tex:";
  yield '% the footer\'s "n / total" frame numbers need the total, which the first run only records.';
  yield "\\documentclass[xcolor=table,10pt]{beamer}";
  yield "\\usepackage[utf8]{inputenc}";
  yield "\\usepackage{amsmath,amssymb}";
  yield "\\usepackage{graphicx}";
  yield "\\setbeamertemplate{navigation symbols}{}";
  yield "\\setbeamertemplate{footline}[frame number]";
  yield `\\setcounter{MaxMatrixCols}{${Math.max(10, maxMatrixCols(d, SLIDE_MATRIX_DIM))}}`;
  yield* TABLE_PREAMBLE;
  yield `\\title{${latexText(o.title ?? "Back-propagation through convolution")}}`;
  yield `\\author{${latexText(o.author ?? "")}}`;
  yield "\\date{}";
  yield "\\begin{document}";
  yield "";
  yield* frame("", ["\\titlepage", `\\begin{center}\\small ${latexText(configText(c, shapes))}\\end{center}`]);

  // ---- Notation
  const defn = (sym: "x" | "w" | "y"): string => {
    const first = d.tensors[sym === "x" ? "X" : sym === "w" ? "W" : "Y"].shape.map(() => 0);
    const partial = partialName("J", nm.entry(sym, first), "latex");
    const lhs = (o.grad ?? "delta") === "partial" ? partial : `${nm.gradName(sym, first)} = ${partial}`;
    return `\\begin{center}\\small $${lhs}$: the partial derivative of the error $J$ with respect to each entry\\end{center}`;
  };
  yield* frame("Notation: input", [
    `\\textbf{Forward pass:} $${X}$ is the feature map from the previous layer, cached for the backward pass.`,
    ...fitMath(tensorMatrices(d, nm, o, ["X", "dX"], SLIDE_MATRIX_DIM), "0.5\\textheight", true),
    defn("x"),
    `$${gradTensorLatex("X", o)}$ is the input to the previous layer in the backward pass.`,
  ]);
  yield* frame("Notation: kernel", [
    `$${W}$: the learnable parameters of the layer; $${gradTensorLatex("W", o)}$ updates them: $${W} \\leftarrow ${W} - \\alpha\\, ${gradTensorLatex("W", o)}$.`,
    ...fitMath(tensorMatrices(d, nm, o, ["W", "dW"], SLIDE_MATRIX_DIM), "0.5\\textheight", true),
    defn("w"),
  ]);
  yield* frame("Notation: output", [
    `$${forwardLatex(d, o)}$ \\quad ${latexText(`(${opDescription(c)})`)}`,
    ...fitMath(tensorMatrices(d, nm, o, ["Y", "dY"], SLIDE_MATRIX_DIM), "0.5\\textheight", true),
    defn("y"),
  ]);

  // ---- Forward
  const fwd = representativeEntries(d, "Y", max);
  const fwdChunks = chunks(fwd, 4);
  for (const [k, ch] of fwdChunks.entries()) {
    yield* frame(`Input--output relationship${fwdChunks.length > 1 ? ` (${k + 1}/${fwdChunks.length})` : ""}`, [
      `\\begin{center}$${forwardLatex(d, o)}$\\end{center}`,
      ...fitMath(
        ch.map((f) => forwardRow(d, nm, f, o.maxTerms)),
        "0.6\\textheight",
      ),
      ...(k === fwdChunks.length - 1 ? subsetNote(fwd.length, d.forward.size, "forward entries") : []),
    ]);
  }

  // ---- Chain rule for each δw, then each δx
  for (const key of ["dW", "dX"] as GradKey[]) {
    const kind = key as TableKind;
    const sym = key === "dW" ? n.w : n.x;
    const picks = representativeEntries(d, kind, max);
    const total = d.gradients[key]!.size;
    const ch = chunks(picks, 3);
    for (const [k, part] of ch.entries()) {
      const rows = part.flatMap((i) => chainRows(d, nm, key, i, Math.min(o.maxTerms ?? Infinity, SLIDE_MAX_CHAIN)));
      yield* frame(
        `Derivation of $${gradTensorLatex(key === "dW" ? "W" : "X", o)}$: chain rule${ch.length > 1 ? ` (${k + 1}/${ch.length})` : ""}`,
        [
          `{\\small $J$ depends on every $${nm.entry("y", [])}$, and each $${nm.entry("y", [])}$ on some $${escapeLatexName(sym)}$:}`,
          ...fitMath(rows, "0.7\\textheight"),
          ...(k === ch.length - 1
            ? subsetNote(picks.length, total, `entries of $${gradTensorLatex(key === "dW" ? "W" : "X", o)}$`)
            : []),
        ],
      );
    }
  }

  // ---- Summary
  for (const key of ["dW", "dX", "db"] as GradKey[]) {
    const t = d.gradients[key];
    if (!t) continue;
    const picks = key === "db" ? Array.from({ length: t.size }, (_, i) => i) : representativeEntries(d, key, max);
    const ch = chunks(picks, 10);
    for (const [k, part] of ch.entries()) {
      const label = key === "db" ? "$\\delta b$" : `$${gradTensorLatex(key === "dW" ? "W" : "X", o)}$`;
      yield* frame(`Summary: ${label}${ch.length > 1 ? ` (${k + 1}/${ch.length})` : ""}`, [
        ...fitMath(
          part.map((i) => gradientRow(d, nm, key, i, o.maxTerms)),
          "0.75\\textheight",
        ),
        ...(k === ch.length - 1 ? subsetNote(picks.length, t.size, "entries") : []),
      ]);
    }
  }

  // ---- Formal result: the rules, with the engine's verdicts
  const ruleItems = d.checks.map((chk) => {
    if (chk.holds === null) return `\\item $${targetLatex(chk.target, o)}$: {\\footnotesize ${verdictLatex(chk)}}`;
    return `\\item $${ruleLatex(chk.formula, o)}$\\\\ {\\footnotesize ${verdictLatex(chk)}}`;
  });
  yield* frame("Formal result", [
    "Input from the next layer in the backward pass:",
    ...fitMath(tensorMatrices(d, nm, o, ["dY"], SLIDE_MATRIX_DIM), "0.3\\textheight"),
    ruleItems.length ? `\\begin{itemize}\n${ruleItems.join("\n")}\n\\end{itemize}` : "(rule checks skipped)",
    "{\\footnotesize Each rule's right-hand side is built as a symbolic convolution and compared, entry by entry, with the chain-rule gradients.}",
  ]);

  // ---- Verification tables
  if (!tablesSupported(d)) {
    yield* frame("Verification", ["Derivation tables are drawn for 1-D and 2-D inputs only."]);
  } else {
    for (const kind of TABLE_KINDS) {
      const picks = representativeEntries(d, kind, max);
      const total = tableCount(d, kind);
      const rule = kind === "Y" ? null : d.checks.find((chk) => chk.target === kind);
      const head =
        kind === "Y" ? `$${forwardLatex(d, o)}$` : rule && rule.holds !== null ? `$${ruleLatex(rule.formula, o)}$` : "";
      const verdict = rule ? `\\\\{\\scriptsize ${verdictLatex(rule)}}` : "";
      if (picks.length < total) {
        yield* frame(`Verification: $${kind === "Y" ? Y : gradTensorLatex(kind === "dW" ? "W" : "X", o)}$`, [
          `The next ${picks.length} frames show the tables of ${picks.length} of the ${total} entries of $${kind === "Y" ? Y : gradTensorLatex(kind === "dW" ? "W" : "X", o)}$ (corners, edges, centre).`,
          "\\texttt{convgrad slides --all-frames} shows one frame for every entry.",
        ]);
      }
      for (const f of picks) {
        const t = buildTable(d, kind, f);
        const np = t.panels.length;
        const w = np === 1 ? "0.72\\linewidth" : `${(0.96 / np).toFixed(3)}\\linewidth`;
        const panels = t.panels.map(
          (p) =>
            `\\begin{minipage}[t]{${w}}\\centering{\\scriptsize ${panelCaption(d, p, o)}}\\\\[3pt]\n\\cgfill{0.95\\linewidth}{0.4\\textheight}{${panelTabular(t, p, nm, o.maxGrid)}}\n\\end{minipage}`,
        );
        if (np === 1) {
          // The kernel on its own, as the lecture shows it next to the grid.
          const p = t.panels[0]!;
          const k = kernelTabular(d, p.kernel, nm, o.maxGrid);
          panels.push(
            `\\begin{minipage}[t]{0.22\\linewidth}\\centering{\\scriptsize kernel $${refLatex(p.kernel, c.indexBase, o)}$${k.crop ? ` (${latexText(k.crop)})` : ""}}\\\\[3pt]\n\\cgfit{\\linewidth}{0.25\\textheight}{${k.tabular}}\n\\end{minipage}`,
          );
        }
        yield* frame(`Verification: $${entryTitle(nm, d, kind, f)}$`, [
          `\\begin{center}\\cgfit{\\linewidth}{0.08\\textheight}{${head}}${verdict}\\end{center}`,
          "\\begin{center}",
          panels.join("\\hfill\n"),
          "\\end{center}",
          `\\begin{center}\\cgfill{0.95\\linewidth}{0.055\\textheight}{$${tableFormula(d, t, nm, o.maxTerms)}$}\\end{center}`,
        ]);
      }
    }
  }
  yield "\\end{document}";
}
