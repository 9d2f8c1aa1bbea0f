/** Shared one-line descriptions of a configuration and of check verdicts, for every printer. */
import { isStrided, type LayerConfig } from "../conv/config.js";
import { OP_NAME, spanText } from "../conventions.js";
import type { CheckResult, Derivation } from "../derive.js";
import type { GradKey } from "../grad/rules.js";
import { forwardFormula } from "../grad/formulas.js";
import { printFormula } from "./formula.js";
import { shapeString } from "../tensor/tensor.js";

/**
 * Each gradient, in print order: the tensor it is the gradient of (d.tensors[tensor] has its entries'
 * symbol and its shape), the symbol of those entries and its printed name. The one table of these
 * facts for every printer.
 */
export const GRADIENTS: readonly { key: GradKey; tensor: "X" | "W" | "b"; symbol: "x" | "w" | "b"; title: string }[] = [
  { key: "dW", tensor: "W", symbol: "w", title: "ΔW" },
  { key: "dX", tensor: "X", symbol: "x", title: "ΔX" },
  { key: "db", tensor: "b", symbol: "b", title: "δb" },
];

export const gradientOf = (key: GradKey): (typeof GRADIENTS)[number] => GRADIENTS.find((g) => g.key === key)!;

/** The shape of gradient `key`, display layout: its tensor's. */
export function gradShape(d: Derivation, key: GradKey): readonly number[] {
  return d.tensors[gradientOf(key).tensor]!.shape;
}

export function paddingText(c: LayerConfig): string {
  const amounts = c.padding.map(spanText).join("x");
  return c.paddingMode ? `${c.paddingMode} (${amounts})` : amounts;
}

export function configText(c: LayerConfig, shapes: { X: number[]; W: number[]; Y: number[] }): string {
  const parts = [
    `X ${shapeString(shapes.X)}`,
    `W ${shapeString(shapes.W)}`,
    `stride ${c.stride.join("x")}`,
    `padding ${paddingText(c)}`,
    `dilation ${c.dilation.join("x")}`,
  ];
  if (c.hasChannels)
    parts.push(`channels ${c.inChannels}→${c.outChannels}`, `groups ${c.groups}`, `batch ${c.batch ?? "none"}`);
  if (c.bias) parts.push("bias");
  return `${parts.join(", ")} → Y ${shapeString(shapes.Y)}`;
}

/** The stride in words' form ("2", "2x1"), or null when the layer is not strided. */
function strideWords(c: LayerConfig): string | null {
  return isStrided(c) ? (c.stride.every((v) => v === c.stride[0]) ? String(c.stride[0]) : c.stride.join("x")) : null;
}

/** English ordinal of a positive integer: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 112th. */
export function ordinal(n: number | string): string {
  const v = Number(n);
  const teen = v % 100 >= 11 && v % 100 <= 13;
  const suffix = teen ? "th" : (["th", "st", "nd", "rd"][v % 10] ?? "th");
  return `${n}${suffix}`;
}

/** "conv: true convolution, kernel flipped" (+ the stride in words). */
export function opDescription(c: LayerConfig): string {
  const s = strideWords(c);
  const stride = s ? `; only every ${s.split("x").map(ordinal).join(" × ")} output is kept (stride ${s})` : "";
  return `${c.op}: ${OP_NAME[c.op]}${c.op === "conv" ? ", kernel flipped" : ", kernel not flipped"}${stride}`;
}

/** "Y = pad(X) * W + b   (conv: …)": the forward formula (src/grad/formulas.ts) and the op in words. */
export function forwardText(c: LayerConfig): string {
  return `${printFormula(forwardFormula(c))}   (${opDescription(c)})`;
}

export function verdictText(ch: CheckResult): string {
  if (ch.holds === null) return `not checked: ${ch.reason}`;
  const cmp = ch.comparison!;
  const how =
    cmp.method === "structural"
      ? `structural: ${cmp.entries} ${cmp.entries === 1 ? "entry" : "entries"}, identical canonical forms`
      : `numeric: ${cmp.entries} ${cmp.entries === 1 ? "entry" : "entries"} equal at ${cmp.points} exact random points`;
  if (ch.holds) return `holds (${how})`;
  return `FAILS (${cmp.method}: ${cmp.mismatchCount} of ${cmp.entries} entries differ)`;
}
