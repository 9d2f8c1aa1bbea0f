/**
 * Size names in index notation, bound from the layer: K (kernel size on every axis; also k),
 * H (input size), K_1, k_2, H_1 (per axis, from 1), s (stride), p (padding, when symmetric), d
 * (dilation); a name on every axis is bound only when every axis has the same value. Names the
 * user or the document declared (--sizes, `X \in \mathbb{R}^{M \times N}`) come first.
 */
import type { Derivation } from "../derive.js";

function same(vals: readonly number[]): number | undefined {
  return vals.length > 0 && vals.every((v) => v === vals[0]) ? vals[0] : undefined;
}

export function layerSizes(d: Derivation, declared: ReadonlyMap<string, number> = new Map()): (name: string) => number | undefined {
  const c = d.config;
  const out = d.tensors.Y!.shape.slice(-c.input.length);
  const symmetricPad = c.padding.every(([lo, hi]) => lo === hi) ? c.padding.map(([lo]) => lo) : [];
  const perAxis: Record<string, readonly number[]> = {
    K: c.kernel,
    k: c.kernel,
    H: c.input,
    s: c.stride,
    p: symmetricPad,
    d: c.dilation,
  };
  return (name: string) => {
    const v = declared.get(name);
    if (v !== undefined) return v;
    const m = /^([A-Za-z])(?:_([1-9]))?$/.exec(name);
    if (!m) return undefined;
    const vals = perAxis[m[1]!];
    if (!vals) return undefined;
    if (m[2]) return vals[Number(m[2]) - 1];
    void out;
    return same(vals);
  };
}
