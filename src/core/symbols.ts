/**
 * Symbols are entries of named tensors (x_{1,2} is entry [0,1] of tensor X), interned to small
 * integers. Each tensor owns a contiguous id range in row-major order, so id = base + flat index:
 * building the symbols of a 256×256 input costs one range, not 65 536 map entries.
 *
 * Ids are per table (one table per derivation), so the order of terms — which follows ids — is
 * the same in every run whatever else the process interned before.
 */
import { LimitError } from "../errors.js";
import { MAX_SYMBOL_ID, MonoTable } from "./monomial.js";

/** Symbol ids must stay below 2^26 - 1 so that a product of two ids packs into one safe integer (monomial.ts). */
export const MAX_SYMBOLS = MAX_SYMBOL_ID;

export interface TensorRange {
  /** Key used in JSON and in the API: "X", "W", "dY", "b". */
  readonly key: string;
  /** Printed name of an entry: "x", "w", "δy", "b". */
  readonly symbol: string;
  readonly shape: readonly number[];
  readonly base: number;
  readonly size: number;
}

/** More symbols than monomial packing allows (MAX_SYMBOLS): a limit of convgrad's. */
export class SymbolLimit extends LimitError {
  constructor(readonly symbols: number) {
    super("symbols per derivation", `too many symbols: ${symbols} > ${MAX_SYMBOLS}`);
    this.name = "SymbolLimit";
  }
}

export class SymbolTable {
  readonly ranges: TensorRange[] = [];
  readonly monos = new MonoTable();
  private byKey = new Map<string, TensorRange>();
  private next = 0;

  /** Reserves ids for every entry of a tensor, row-major. */
  internTensor(key: string, symbol: string, shape: readonly number[]): TensorRange {
    if (this.byKey.has(key)) throw new Error(`tensor ${key} is already defined`);
    const size = shape.reduce((a, b) => a * b, 1);
    if (this.next + size > MAX_SYMBOLS) {
      throw new SymbolLimit(this.next + size);
    }
    const r: TensorRange = Object.freeze({ key, symbol, shape: Object.freeze([...shape]), base: this.next, size });
    this.next += size;
    this.ranges.push(r);
    this.byKey.set(key, r);
    return r;
  }

  tensor(key: string): TensorRange | undefined {
    return this.byKey.get(key);
  }

  get count(): number {
    return this.next;
  }

  /** Id of entry `index` (0-based) of tensor `key`; undefined when out of range. */
  id(key: string, index: readonly number[]): number | undefined {
    const r = this.byKey.get(key);
    if (!r || index.length !== r.shape.length) return undefined;
    let flat = 0;
    for (let a = 0; a < index.length; a++) {
      const i = index[a]!;
      if (!Number.isInteger(i) || i < 0 || i >= r.shape[a]!) return undefined;
      flat = flat * r.shape[a]! + i;
    }
    return r.base + flat;
  }

  /** The tensor and 0-based index of a symbol id. */
  lookup(id: number): { range: TensorRange; index: number[] } {
    // Ranges are few (a handful per derivation): a linear scan from the end is fine.
    for (let k = this.ranges.length - 1; k >= 0; k--) {
      const r = this.ranges[k]!;
      if (id >= r.base) {
        if (id >= r.base + r.size) break;
        let flat = id - r.base;
        const index = new Array<number>(r.shape.length);
        for (let a = r.shape.length - 1; a >= 0; a--) {
          const n = r.shape[a]!;
          index[a] = flat % n;
          flat = Math.floor(flat / n);
        }
        return { range: r, index };
      }
    }
    throw new RangeError(`unknown symbol id ${id}`);
  }
}
