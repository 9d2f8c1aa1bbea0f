/**
 * Formulas about another layer than the one checked, told by what stands around them: a worked example's own
 * matrices (X written out as a 3×3 matrix in a chapter whose layer has channels), a heading that names another kind
 * of layer or another number of dimensions, a table row whose other form is another layer's operation (upsample(δ^l)).
 * Such a formula's failure is not the layer's: it is skipped, with what was seen. Pure functions over the verdicts
 * and the document's lines; src/verify/run.ts applies them.
 */
import { indexOfNode, type Node } from "../lang/ast.js";
import { clip } from "../lang/print.js";
import type { Derivation } from "../derive.js";
import { verdict } from "./check.js";
import { roleOf, type Notation } from "./roles.js";
import type { VerifyResult } from "./run.js";

/** \operatorname{upsample}(δ^l), \mathrm{pool}(…): an operation named in words, not one convgrad reads. */
const NAMED_OPERATION = /\\(?:operatorname|mathrm|text|rm)\s*\{\s*([A-Za-z]{3,})\s*\}\s*\(/;
/** A formula's left side as its letters (δ^{l-1}_{ij} and δ^{l-1} alike): no indices, no font commands, no spaces. */
const leftLetters = (source: string): string =>
  source
    .split("=")[0]!
    .replace(/\\(?:boldsymbol|mathbf|bm)\s*/g, "")
    .replace(/_\{[^{}]*\}|_[A-Za-z0-9]/g, "")
    .replace(/[\s{}]/g, "");

/** A section's heading: Markdown's # … or LaTeX's \section{…} (and its sub-levels, \paragraph). */
const HEADING = /^\s*(?:#{1,6}\s+(.+?)\s*#*\s*$|\\(?:(?:sub)*section|paragraph)\*?\s*\{(.+)\}\s*$)/;
/** A heading that names another kind of layer (Zhou's "Linear Layer (Fully Connected Layer)", 104). */
const OTHER_LAYER =
  /\b(?:linear|fully[- ]connected|dense|pooling|max[- ]?pool|attention|recurrent|rnn|lstm|batch[- ]?norm|softmax|dropout|mlp)\b|全连接|池化|注意力|循环神经/i;
const CONVOLUTION_WORD = /conv|卷积|convol|свёрт|сверт|畳み込み|합성곱|faltung/i;
/** A heading's number of dimensions: "(2D Case)", "1-D", "3d". */
const DIMENSIONS = /\b([1-3])[- ]?d\b/i;

/**
 * Zhou's note (104) has a section per layer — "Linear Layer (Fully Connected Layer)", "Convolutional Layer (1D
 * Case)", "Convolutional Layer (2D Case)" — in the same letters: a formula that fails under a heading that names
 * another kind of layer, or a number of dimensions the layer does not have, is about that layer and is not failed.
 */
export function anotherLayersSection(results: VerifyResult[], lines: readonly string[], d: Derivation): VerifyResult[] {
  const headings: { line: number; title: string }[] = [];
  lines.forEach((text, k) => {
    const m = HEADING.exec(text);
    if (m) headings.push({ line: k + 1, title: (m[1] ?? m[2]!).trim() });
  });
  if (headings.length === 0) return results;
  const dims = d.config.input.length;
  const other = (title: string): string | null => {
    if (OTHER_LAYER.test(title) && !CONVOLUTION_WORD.test(title)) return "another kind of layer";
    const n = DIMENSIONS.exec(title);
    return n && Number(n[1]) !== dims ? `${n[1]} dimensions (this layer has ${dims})` : null;
  };
  return results.map((r) => {
    if (r.status !== "fails") return r;
    const h = headings.filter((x) => x.line < r.line).pop();
    const why = h ? other(h.title) : null;
    if (!h || !why) return r;
    return {
      ...r,
      ...verdict(
        "skipped",
        `not checked: it stands in the section "${clip(h.title, 60)}" (line ${h.line}), about ${why}; the document reuses the names`,
      ),
      details: [`as this layer's: ${r.message}`],
    };
  });
}

/** How many lines after a worked example's matrix its formulas may come (ZangXuanyi's example, 102: 12). */
export const EXAMPLE_NEAR = 15;

/**
 * X = [x_{0,0} … x_{2,2}] written out as a matrix of another shape than the layer's input (or kernel), or on a layer
 * with channels (ZangXuanyi's single-channel example in a chapter about channels, 102): a worked example of its own
 * layer. What it states, or null.
 */
export function exampleMatrix(
  sides: readonly Node[] | null,
  notation: Notation,
  d: Derivation,
): { said: string; has: string } | null {
  if (sides?.length !== 2 || sides[1]!.k !== "bmatrix") return null;
  const lhs = sides[0]!;
  const name =
    lhs.k === "matrix" && !lhs.grad ? lhs.base : lhs.k === "ref" && !lhs.grad && !indexOfNode(lhs) ? lhs.name : null;
  const role = name === null ? undefined : lhs.k === "matrix" ? name : roleOf(notation, name, false);
  if (name === null || (role !== "X" && role !== "W")) return null;
  const rows = sides[1].rows;
  const shape = [rows.length, rows[0]?.length ?? 0];
  const c = d.config;
  const spatial = role === "X" ? c.input : c.kernel;
  const same = spatial.length === 2 && spatial[0] === shape[0] && spatial[1] === shape[1];
  if (same && !c.hasChannels) return null;
  return {
    said: `${name} as a ${shape.join("×")} matrix`,
    has: `${spatial.join("×")}${c.hasChannels ? " per channel, with channels" : ""}`,
  };
}

/**
 * jackti's summary table (100): a row writes one claim twice, in entries and as a matrix; when the matrix form is
 * an operation of another layer's (upsample(δ^l): the pooling layer's) that is not read, the row is about that layer,
 * and its entry form (read in this layer's names, which the document reuses for the pooling layer) is not judged.
 * Only on a Markdown table row (a line that starts with |), for formulas with the same left side.
 */
export function anotherLayersRow(results: VerifyResult[], lines: readonly string[]): VerifyResult[] {
  const byLine = new Map<number, VerifyResult[]>();
  for (const r of results) byLine.set(r.line, [...(byLine.get(r.line) ?? []), r]);
  return results.map((r) => {
    if (r.status !== "holds" && r.status !== "fails") return r;
    if (!/^\s*\|/.test(lines[r.line - 1] ?? "")) return r;
    const other = (byLine.get(r.line) ?? []).find(
      (o) =>
        o !== r &&
        o.status === "skipped" &&
        NAMED_OPERATION.test(o.source) &&
        leftLetters(o.source) === leftLetters(r.source),
    );
    if (!other) return r;
    const op = NAMED_OPERATION.exec(other.source)![1]!;
    return {
      ...r,
      ...verdict(
        "skipped",
        `not checked: its table row writes the same left side as ${op}(…), an operation of another layer than this convolution; the row may be about that layer`,
      ),
      details: [`as this layer's: ${r.status}, ${r.message}`],
    };
  });
}
