/**
 * Structural tensor operations. Every op except sumAxes is an index remap ("gather"): each output
 * entry is one input entry or zero. Axes default to all axes; the layer passes its spatial axes.
 */
import { add, Poly } from "../core/poly.js";
import type { MonoTable } from "../core/monomial.js";
import { forEachIndex, ShapeError, Tensor } from "./tensor.js";

function allAxes(t: Tensor): number[] {
  return t.shape.map((_, a) => a);
}

/** out[i] = src[map(i)], or 0 where map returns null. Flat sources stay flat and share their term arrays. */
export function gather(
  src: Tensor,
  shape: readonly number[],
  map: (out: readonly number[]) => number[] | null,
): Tensor {
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

/**
 * The structural ops below are separable: output axis a reads input axis from[a], at a
 * coordinate given by a per-axis table (−1 for a zero). axisGather walks the output once with
 * running offsets — no per-entry closures or index arrays.
 */
function axisGather(
  src: Tensor,
  shape: readonly number[],
  from: readonly number[],
  coordOf: (a: number, i: number) => number,
): Tensor {
  const rank = shape.length;
  const offs: Int32Array[] = [];
  for (let a = 0; a < rank; a++) {
    const tab = new Int32Array(shape[a]!);
    for (let i = 0; i < shape[a]!; i++) {
      const c = coordOf(a, i);
      tab[i] = c < 0 ? -1 : c * src.strides[from[a]!]!;
    }
    offs.push(tab);
  }
  const size = shape.reduce((x, y) => x * y, 1);
  const pick = (visit: (out: number, srcFlat: number) => void) => {
    if (size === 0) return;
    const idx = new Array<number>(rank).fill(0);
    for (let flat = 0; flat < size; flat++) {
      let f = 0;
      let zero = false;
      for (let a = 0; a < rank; a++) {
        const o = offs[a]![idx[a]!]!;
        if (o < 0) {
          zero = true;
          break;
        }
        f += o;
      }
      if (!zero) visit(flat, f);
      for (let a = rank - 1; a >= 0; a--) {
        if (++idx[a]! < shape[a]!) break;
        idx[a] = 0;
      }
    }
  };
  const c = src.csr();
  if (c) {
    const start = new Float64Array(size);
    const end = new Float64Array(size);
    pick((out, f) => {
      start[out] = c.start[f]!;
      end[out] = c.end[f]!;
    });
    return new Tensor(shape, { start, end, codes: c.codes, num: c.num });
  }
  const data = new Array<Poly>(size).fill(Poly.ZERO);
  pick((out, f) => (data[out] = src.entry(f)));
  return new Tensor(shape, data);
}

const identity = (t: Tensor): number[] => t.shape.map((_, a) => a);

/** Rotate by 180°: flip every listed axis (every axis by default) — the lecture's Rot180. */
export function rot180(t: Tensor, axes: readonly number[] = allAxes(t)): Tensor {
  const flip = new Set(axes);
  return axisGather(t, t.shape, identity(t), (a, i) => (flip.has(a) ? t.shape[a]! - 1 - i : i));
}

/** Zero-pad: pads[k] = [lo, hi] for axes[k]. Negative amounts crop. */
export function pad(
  t: Tensor,
  pads: readonly (readonly [number, number])[],
  axes: readonly number[] = allAxes(t),
): Tensor {
  const lo = t.shape.map(() => 0);
  const shape = [...t.shape];
  axes.forEach((a, k) => {
    const [l, h] = pads[k]!;
    lo[a] = l;
    shape[a] = t.shape[a]! + l + h;
    if (shape[a] < 0) throw new ShapeError(`padding [${l}, ${h}] leaves axis ${a} of size ${t.shape[a]} negative`);
  });
  return axisGather(t, shape, identity(t), (a, i) => {
    const v = i - lo[a]!;
    return v >= 0 && v < t.shape[a]! ? v : -1;
  });
}

/** Crop: removes [lo, hi] entries from each listed axis. */
export function crop(
  t: Tensor,
  amounts: readonly (readonly [number, number])[],
  axes: readonly number[] = allAxes(t),
): Tensor {
  return pad(
    t,
    amounts.map(([l, h]) => [-l, -h] as const),
    axes,
  );
}

/** Slice [start, stop) along each listed axis. */
export function slice(
  t: Tensor,
  ranges: readonly (readonly [number, number])[],
  axes: readonly number[] = allAxes(t),
): Tensor {
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
  return axisGather(t, shape, identity(t), (a, i) => (i % f[a]! === 0 ? i / f[a]! : -1));
}

/** Permute axes: out axis k is input axis perm[k]. */
export function transpose(t: Tensor, perm: readonly number[]): Tensor {
  const shape = perm.map((p) => t.shape[p]!);
  return axisGather(t, shape, perm, (_a, i) => i);
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
  return new Tensor(
    shape,
    groups.map((ps) => add(mt, ...ps)),
  );
}

/** Entry-wise sum of same-shaped tensors. */
export function addTensors(mt: MonoTable, ...ts: Tensor[]): Tensor {
  const first = ts[0]!;
  for (const t of ts) if (t.shape.join() !== first.shape.join()) throw new ShapeError("addTensors: shapes differ");
  return Tensor.fromFn(first.shape, (_, i) => add(mt, ...ts.map((t) => t.entry(i))));
}

/** The same entries under another shape of the same size (row-major order kept). */
export function reshape(t: Tensor, shape: readonly number[]): Tensor {
  return t.reshaped(shape);
}
