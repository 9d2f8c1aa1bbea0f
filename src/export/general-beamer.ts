/**
 * A short Beamer deck of the general (every-size) gradients: the layer and its forward formula,
 * the partial derivatives with their conditions, the chain rule, the gradients. Deterministic.
 */
import type { GeneralFormula, GeneralSpec } from "../grad/general.js";
import { latexText, TABLE_PREAMBLE } from "../print/latex.js";
import { OP_NAME, spanText } from "../conventions.js";

function frame(title: string, body: string[]): string[] {
  return [`\\begin{frame}{${title}}`, ...body, "\\end{frame}", ""];
}

/** One formula, shrunk to the frame's width when it is longer. */
function display(f: GeneralFormula): string[] {
  return [`\\begin{center}\\cgfit{\\linewidth}{0.22\\textheight}{$\\displaystyle ${f.latex}$}\\end{center}`];
}

export function generalBeamerLines(
  g: GeneralSpec,
  fs: readonly GeneralFormula[],
  opts: { title?: string; author?: string } = {},
): string[] {
  const by = (name: string) => fs.filter((f) => f.name === name);
  const axes = g.stride.length;
  const ks = Array.from({ length: axes }, (_, a) => `$K_${a + 1}$`).join(", ");
  const pad = g.padding === "full" ? "full ($d(K-1)$ on both sides)" : latexText(g.padding.map(spanText).join("x"));
  const layer = `${latexText(`${g.op}: ${OP_NAME[g.op]}`)}, ${axes} ${axes === 1 ? "axis" : "axes"}, stride ${g.stride.join("x")}, dilation ${g.dilation.join("x")}, padding ${pad}${g.bias ? ", bias" : ""}; indices from ${g.indexBase}`;
  return [
    "% A Beamer deck written by convgrad slides --general (compile twice for the frame total).",
    "\\documentclass[xcolor=table,10pt]{beamer}",
    "\\usepackage[utf8]{inputenc}",
    "\\usepackage{amsmath,amssymb}",
    "\\usepackage{graphicx}",
    "\\setbeamertemplate{navigation symbols}{}",
    "\\setbeamertemplate{footline}[frame number]",
    ...TABLE_PREAMBLE,
    `\\title{${latexText(opts.title ?? "Back-propagation through convolution, for every size")}}`,
    `\\author{${latexText(opts.author ?? "")}}`,
    "\\date{}",
    "\\begin{document}",
    "",
    ...frame("", ["\\titlepage", `\\begin{center}\\small ${layer}\\end{center}`]),
    ...frame("The layer, for every size", [
      `\\small ${ks} ${axes === 1 ? "is the kernel size" : "are the kernel sizes"}; every other sum runs over the indices that stay inside their tensor (zero outside: the padding).`,
      ...by("forward").flatMap(display),
    ]),
    ...frame("Partial derivatives", [...by("∂y/∂x").flatMap(display), ...by("∂y/∂w").flatMap(display)]),
    ...frame("Chain rule", [...by("chain ΔX").flatMap(display), ...by("chain ΔW").flatMap(display)]),
    ...frame("Gradients", [...by("ΔX").flatMap(display), ...by("ΔW").flatMap(display), ...by("δb").flatMap(display)]),
    "\\end{document}",
  ];
}
