/** The summary printer: counts, timings and verdicts only — for sizes too large to print. */
import type { Derivation } from "../derive.js";
import { configText, forwardText, verdictText } from "./describe.js";

export interface RunStats {
  /** Wall time of the whole derivation, ms. */
  totalMs?: number;
  /** Peak resident memory of the process, bytes. */
  peakRss?: number;
}

export function* summaryLines(d: Derivation, stats: RunStats = {}): Generator<string> {
  const totalMs = stats.totalMs;
  const c = d.config;
  const shapes = { X: d.tensors.X.shape, W: d.tensors.W.shape, Y: d.tensors.Y.shape };
  const fwd = d.forward.terms();
  const gx = d.gradients.dX.terms();
  const gw = d.gradients.dW.terms();
  const gb = d.gradients.db?.terms() ?? 0;
  yield `convgrad: ${forwardText(c)}`;
  yield `  ${configText(c, shapes)}`;
  yield `forward terms   ${fwd}  (${d.forward.size} entries)`;
  yield `gradient terms  ΔX ${gx}, ΔW ${gw}${d.gradients.db ? `, δb ${gb}` : ""}`;
  yield `symbols         ${d.table.count}`;
  yield `time (ms)       forward ${d.timings.forward.toFixed(1)}, chain rule ${d.timings.chain.toFixed(1)}, checks ${d.timings.checks.toFixed(1)}${totalMs !== undefined ? `, total ${totalMs.toFixed(1)}` : ""}`;
  if (stats.peakRss !== undefined) yield `peak memory     ${(stats.peakRss / 2 ** 20).toFixed(0)} MiB (resident)`;
  for (const ch of d.checks) yield `check           ${ch.rule}: ${verdictText(ch)}`;
}
