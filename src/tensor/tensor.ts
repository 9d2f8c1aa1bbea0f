/**
 * Symbolic tensors: a shape and a row-major array of canonical polynomials. Immutable.
 */
import { Poly } from "../core/poly.js";
import type { SymbolTable, TensorRange } from "../core/symbols.js";

export class Tensor {
  readonly size: number;
  readonly strides: readonly number[];

  constructor(
    readonly shape: readonly number[],
    readonly data: readonly Poly[],
  ) {
    const strides = new Array<number>(shape.length);
    let s = 1;
    for (let a = shape.length - 1; a >= 0; a--) {
      strides[a] = s;
      s *= shape[a]!;
    }
    this.size = s;
    this.strides = strides;
    if (data.length !== s) throw new RangeError(`tensor data has ${data.length} entries, shape [${shape}] needs ${s}`);
  }

  get rank(): number {
    return this.shape.length;
  }

  flat(index: readonly number[]): number {
    let f = 0;
    for (let a = 0; a < index.length; a++) f += index[a]! * this.strides[a]!;
    return f;
  }

  at(index: readonly number[]): Poly {
    return this.data[this.flat(index)]!;
  }

  /** Total number of terms over all entries. */
  terms(): number {
    let n = 0;
    for (const p of this.data) n += p.size;
    return n;
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
    return new Tensor(shape, new Array<Poly>(size).fill(Poly.ZERO));
  }

  /** The tensor whose entries are the symbols of a range, viewed with `shape` (same size, same row-major order). */
  static ofSymbols(range: TensorRange, shape: readonly number[] = range.shape): Tensor {
    const size = shape.reduce((a, b) => a * b, 1);
    if (size !== range.size) throw new RangeError(`cannot view ${range.key} [${range.shape}] as [${shape}]`);
    const data = new Array<Poly>(size);
    for (let i = 0; i < size; i++) data[i] = Poly.symbol(range.base + i);
    return new Tensor(shape, data);
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

export type { SymbolTable };
