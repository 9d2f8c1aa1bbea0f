/** Printers of the general (every-size) gradients: text, LaTeX, Markdown, JSON. */
import { OP_NAME, OP_SYMBOL, spanText } from "../conventions.js";
import type { GeneralFormula, GeneralSpec } from "../grad/general.js";

function describe(g: GeneralSpec): string {
  const axes = g.stride.length;
  const per = (vs: readonly number[]) => vs.join("x");
  const pad = g.padding === "full" ? "full (d(K−1) on both sides)" : g.padding.map(spanText).join("x");
  const ks = Array.from({ length: axes }, (_, a) => `K_${a + 1}`).join(", ");
  return `Y = X ${OP_SYMBOL[g.op]} W (${g.op}: ${OP_NAME[g.op]}), ${axes} ${axes === 1 ? "axis" : "axes"}, stride ${per(g.stride)}, dilation ${per(g.dilation)}, padding ${pad}${g.channels ? ", channels (c in, o out)" : ""}${g.bias ? ", bias" : ""}; indices from ${g.indexBase}; every size (${ks} the kernel size; other ranges: every index inside its tensor, zero outside)`;
}

export function generalTextLines(g: GeneralSpec, fs: readonly GeneralFormula[]): string[] {
  const width = Math.max(...fs.map((f) => f.name.length));
  return [`convgrad: general gradients of ${describe(g)}`, ...fs.map((f) => `  ${f.name.padEnd(width)}  ${f.text}`)];
}

export function generalLatexLines(g: GeneralSpec, fs: readonly GeneralFormula[]): string[] {
  return [`% convgrad: general gradients of ${describe(g)}`, ...fs.flatMap((f) => [`% ${f.name}`, `$$${f.latex}$$`])];
}

export function generalMarkdownLines(g: GeneralSpec, fs: readonly GeneralFormula[]): string[] {
  return [
    `# General gradients`,
    "",
    describe(g),
    "",
    ...fs.flatMap((f) => [`**${f.name}**`, "", `$$${f.latex}$$`, ""]),
  ];
}

export function generalJson(g: GeneralSpec, fs: readonly GeneralFormula[]): string {
  const config = {
    op: g.op,
    dims: g.stride.length,
    stride: g.stride,
    dilation: g.dilation,
    padding: g.padding,
    indexBase: g.indexBase,
    bias: g.bias,
  };
  return (
    JSON.stringify(
      {
        format: "convgrad.general/1",
        config,
        formulas: fs.map((f) => ({ name: f.name, formula: f.text, latex: f.latex })),
      },
      null,
      2,
    ) + "\n"
  );
}
