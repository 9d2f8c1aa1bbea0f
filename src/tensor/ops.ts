/**
 * Structural tensor operations. Every op except sumAxes is an index remap ("gather"): each output
 * entry is one input entry or zero. Axes default to all axes; the layer passes its spatial axes.
 */
import { add, Poly } from "../core/poly.js";
import type { MonoTable } from "../core/monomial.js";
import { forEachIndex, Tensor } from "./tensor.js";

function allAxes(t: Tensor): number[] {
  return t.shape.map((_, a) => a);
}

/** out[i] = src[map(i)], or 0 where map returns null. Flat sources stay flat and share their term arrays. */
export function gather(src: Tensor, shape: readonly number[], map: (out: readonly number[]) => number[] | null): Tensor {
  const c = src.csr();
  if (!c) {
    return Tensor.fromFn(shape, (idx) => {
      const s = map(idx);
      return s === null ? Poly.ZERO : src.at(s);
    });
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const start = new Float64Array(size);
  const end = new Float64Array(size);
  forEachIndex(shape, (idx, flat) => {
    const s = map(idx);
    if (s === null) return;
    const f = src.flat(s);
    start[flat] = c.start[f]!;
    end[flat] = c.end[f]!;
  });
  return new Tensor(shape, { start, end, codes: c.codes, num: c.num });
}

/** Rotate by 180°: flip every listed axis (every axis by default) — the lecture's Rot180. */
export function rot180(t: Tensor, axes: readonly number[] = allAxes(t)): Tensor {
  const flip = new Set(axes);
  return gather(t, t.shape, (i) => i.map((v, a) => (flip.has(a) ? t.shape[a]! - 1 - v : v)));
}

/** Zero-pad: pads[k] = [lo, hi] for axes[k]. Negative amounts crop. */
export function pad(t: Tensor, pads: readonly (readonly [number, number])[], axes: readonly number[] = allAxes(t)): Tensor {
  const lo = t.shape.map(() => 0);
  const shape = [...t.shape];
  axes.forEach((a, k) => {
    const [l, h] = pads[k]!;
    lo[a] = l;
    shape[a] = t.shape[a]! + l + h;
    if (shape[a]! < 0) throw new RangeError(`padding [${l}, ${h}] leaves axis ${a} of size ${t.shape[a]} negative`);
  });
  return gather(t, shape, (i) => {
    const s = i.map((v, a) => v - lo[a]!);
    return s.every((v, a) => v >= 0 && v < t.shape[a]!) ? s : null;
  });
}

/** Crop: removes [lo, hi] entries from each listed axis. */
export function crop(t: Tensor, amounts: readonly (readonly [number, number])[], axes: readonly number[] = allAxes(t)): Tensor {
  return pad(
    t,
    amounts.map(([l, h]) => [-l, -h] as const),
    axes,
  );
}

/** Slice [start, stop) along each listed axis. */
export function slice(t: Tensor, ranges: readonly (readonly [number, number])[], axes: readonly number[] = allAxes(t)): Tensor {
  return crop(
    t,
    ranges.map(([s, e], k) => [s, t.shape[axes[k]!]! - e] as const),
    axes,
  );
}

/** Dilate: insert s−1 zeros between neighbouring entries along each listed axis. */
export function dilate(t: Tensor, factors: readonly number[], axes: readonly number[] = allAxes(t)): Tensor {
  const f = t.shape.map(() => 1);
  axes.forEach((a, k) => (f[a] = factors[k]!));
  const shape = t.shape.map((n, a) => (n === 0 ? 0 : (n - 1) * f[a]! + 1));
  return gather(t, shape, (i) => (i.every((v, a) => v % f[a]! === 0) ? i.map((v, a) => v / f[a]!) : null));
}

/** Permute axes: out axis k is input axis perm[k]. */
export function transpose(t: Tensor, perm: readonly number[]): Tensor {
  const shape = perm.map((p) => t.shape[p]!);
  return gather(t, shape, (i) => {
    const s = new Array<number>(t.rank);
    perm.forEach((p, k) => (s[p] = i[k]!));
    return s;
  });
}

/** Sums over the listed axes (they are removed from the shape). */
export function sumAxes(mt: MonoTable, t: Tensor, axes: readonly number[]): Tensor {
  const drop = new Set(axes);
  const keep = t.shape.map((_, a) => a).filter((a) => !drop.has(a));
  const shape = keep.map((a) => t.shape[a]!);
  const groups: Poly[][] = Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => []);
  forEachIndex(t.shape, (idx, flat) => {
    let g = 0;
    for (const a of keep) g = g * t.shape[a]! + idx[a]!;
    groups[g]!.push(t.entry(flat));
  });
  return new Tensor(shape, groups.map((ps) => add(mt, ...ps)));
}

/** Entry-wise sum of same-shaped tensors. */
export function addTensors(mt: MonoTable, ...ts: Tensor[]): Tensor {
  const first = ts[0]!;
  for (const t of ts) if (t.shape.join() !== first.shape.join()) throw new RangeError("addTensors: shapes differ");
  return Tensor.fromFn(first.shape, (_, i) => add(mt, ...ts.map((t) => t.entry(i))));
}

/** The same entries under another shape of the same size (row-major order kept). */
export function reshape(t: Tensor, shape: readonly number[]): Tensor {
  return t.reshaped(shape);
}
