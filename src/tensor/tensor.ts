/**
 * Symbolic tensors: a shape and, row-major, one canonical polynomial per entry. Immutable.
 *
 * Two storages behind one interface:
 *  - Poly[]: one object per entry (any coefficients);
 *  - Csr: the terms of all entries in two flat arrays, entry i being terms [start[i], end[i]) —
 *    integer coefficients only. Symbol tensors, their rotations/paddings/transposes (which share
 *    the arrays: a gather copies no terms), convolutions and chain-rule gradients use it, so a
 *    tensor of a million entries is a handful of typed arrays instead of millions of objects.
 * `data` materialises (and caches) the Poly[] view on first use; hot paths use entry(i) / csr().
 */
import { symbolCode } from "../core/monomial.js";
import { Poly } from "../core/poly.js";
import type { TensorRange } from "../core/symbols.js";

export interface Csr {
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly codes: Float64Array;
  readonly num: Float64Array;
}

/** Shapes that do not fit an operation (a view, a padding that leaves nothing, operands of different shapes). */
export class ShapeError extends RangeError {
  override readonly name: string = "ShapeError";
}

export class Tensor {
  readonly size: number;
  readonly strides: readonly number[];
  private polys: readonly Poly[] | null;
  private readonly flatTerms: Csr | null;

  constructor(
    readonly shape: readonly number[],
    data: readonly Poly[] | Csr,
  ) {
    const strides = new Array<number>(shape.length);
    let s = 1;
    for (let a = shape.length - 1; a >= 0; a--) {
      strides[a] = s;
      s *= shape[a]!;
    }
    this.size = s;
    this.strides = strides;
    if (Array.isArray(data)) {
      this.polys = data;
      this.flatTerms = null;
      if (data.length !== s)
        throw new ShapeError(`tensor data has ${data.length} entries, shape [${shape.join(",")}] needs ${s}`);
    } else {
      const csr = data as Csr;
      this.polys = null;
      this.flatTerms = csr;
      if (csr.start.length !== s || csr.end.length !== s)
        throw new ShapeError(`tensor data has ${csr.start.length} entries, shape [${shape.join(",")}] needs ${s}`);
    }
  }

  get rank(): number {
    return this.shape.length;
  }

  /** The entries as polynomials (materialised once from flat storage). */
  get data(): readonly Poly[] {
    if (!this.polys) {
      const out = new Array<Poly>(this.size);
      for (let i = 0; i < this.size; i++) out[i] = this.entry(i);
      this.polys = out;
    }
    return this.polys;
  }

  /** Entry i (flat, row-major). */
  entry(i: number): Poly {
    if (this.polys) return this.polys[i]!;
    const c = this.flatTerms!;
    const s = c.start[i]!;
    const e = c.end[i]!;
    return e === s ? Poly.ZERO : new Poly(c.codes.subarray(s, e), c.num.subarray(s, e), null);
  }

  /** Flat storage, or null when the tensor is held as Poly objects. */
  csr(): Csr | null {
    return this.flatTerms;
  }

  flat(index: readonly number[]): number {
    let f = 0;
    for (let a = 0; a < index.length; a++) f += index[a]! * this.strides[a]!;
    return f;
  }

  at(index: readonly number[]): Poly {
    return this.entry(this.flat(index));
  }

  /** Length (number of terms) of entry i. */
  entrySize(i: number): number {
    if (this.polys) return this.polys[i]!.size;
    return this.flatTerms!.end[i]! - this.flatTerms!.start[i]!;
  }

  /** Total number of terms over all entries. */
  terms(): number {
    let n = 0;
    for (let i = 0; i < this.size; i++) n += this.entrySize(i);
    return n;
  }

  /** The same entries under another shape of the same size. */
  reshaped(shape: readonly number[]): Tensor {
    return new Tensor(shape, this.flatTerms ?? this.data);
  }

  static fromFn(shape: readonly number[], f: (index: readonly number[], flat: number) => Poly): Tensor {
    const data: Poly[] = [];
    forEachIndex(shape, (idx, flat) => {
      data.push(f(idx, flat));
    });
    return new Tensor(shape, data);
  }

  static zeros(shape: readonly number[]): Tensor {
    const size = shape.reduce((a, b) => a * b, 1);
    return new Tensor(shape, {
      start: new Float64Array(size),
      end: new Float64Array(size),
      codes: new Float64Array(0),
      num: new Float64Array(0),
    });
  }

  /** The tensor whose entries are the symbols of a range, viewed with `shape` (same size, same row-major order). */
  static ofSymbols(range: TensorRange, shape: readonly number[] = range.shape): Tensor {
    const size = shape.reduce((a, b) => a * b, 1);
    if (size !== range.size)
      throw new ShapeError(`cannot view ${range.key} [${range.shape.join(",")}] as [${shape.join(",")}]`);
    const start = new Float64Array(size);
    const end = new Float64Array(size);
    const codes = new Float64Array(size);
    const num = new Float64Array(size).fill(1);
    for (let i = 0; i < size; i++) {
      start[i] = i;
      end[i] = i + 1;
      codes[i] = symbolCode(range.base + i);
    }
    return new Tensor(shape, { start, end, codes, num });
  }
}

/** Calls f for every multi-index of shape in row-major order (the index array is reused: copy it to keep it). */
export function forEachIndex(shape: readonly number[], f: (index: number[], flat: number) => void): void {
  const rank = shape.length;
  const size = shape.reduce((a, b) => a * b, 1);
  if (size === 0) return;
  const idx = new Array<number>(rank).fill(0);
  for (let flat = 0; flat < size; flat++) {
    f(idx, flat);
    for (let a = rank - 1; a >= 0; a--) {
      if (++idx[a]! < shape[a]!) break;
      idx[a] = 0;
    }
  }
}

export function shapeString(shape: readonly number[]): string {
  return shape.length === 0 ? "scalar" : shape.join("×");
}
