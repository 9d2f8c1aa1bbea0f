/** Shared one-line descriptions of a configuration and of check verdicts, for every printer. */
import type { LayerConfig } from "../conv/config.js";
import { OP_NAME, OP_SYMBOL } from "../conventions.js";
import type { CheckResult } from "../derive.js";
import { shapeString } from "../tensor/tensor.js";

export function paddingText(c: LayerConfig): string {
  const amounts = c.padding.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}:${hi}`)).join("x");
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
  if (c.hasChannels) parts.push(`channels ${c.inChannels}→${c.outChannels}`, `groups ${c.groups}`, `batch ${c.batch ?? "none"}`);
  if (c.bias) parts.push("bias");
  return `${parts.join(", ")} → Y ${shapeString(shapes.Y)}`;
}

export function forwardText(c: LayerConfig): string {
  return `Y = X ${OP_SYMBOL[c.op]} W${c.bias ? " + b" : ""}   (${c.op}: ${OP_NAME[c.op]}${c.op === "conv" ? ", kernel flipped" : ", kernel not flipped"})`;
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
