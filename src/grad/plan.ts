/**
 * The per-axis numbers every gradient rule is made of (the derivations are in rules.ts): the rows
 * the stride never reaches and the padding (negative: crop) of ΔY for ΔX and of X for ΔW. The
 * rules' right-hand sides (rules.ts) and their formulas (formulas.ts) both take them from here.
 */
import type { LayerConfig } from "../conv/config.js";

/** The per-axis numbers every rule is made of (see the derivations in rules.ts). */
export interface Plan {
  /** The input rows the stride never reaches, per axis: (H + lo + hi − d(K−1) − 1) mod s. */
  a: number[];
  /** ΔX: the padding (negative: crop) of the dilated ΔY, per axis. */
  dxPad: [number, number][];
  /** ΔW: the padding (negative: crop) of X, per axis: lo : hi − a. */
  dwPad: [number, number][];
}

export function plan(cfg: LayerConfig): Plan {
  const a = cfg.input.map((H, x) => {
    const [lo, hi] = cfg.padding[x]!;
    return (H + lo + hi - cfg.dilation[x]! * (cfg.kernel[x]! - 1) - 1) % cfg.stride[x]!;
  });
  const ext = (x: number) => cfg.dilation[x]! * (cfg.kernel[x]! - 1);
  return {
    a,
    dxPad: cfg.padding.map(([lo, hi], x) => [ext(x) - lo, ext(x) - hi + a[x]!]),
    dwPad: cfg.padding.map(([lo, hi], x) => [lo, hi - a[x]!]),
  };
}
