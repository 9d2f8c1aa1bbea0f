/** Helpers the corpus's hand translations share (exact bigint rationals, as the oracle's). */
import { Q0, qadd, type Q } from "../../core/oracle.js";
import type { Access } from "./types.js";

/** Σ_{i=lo}^{hi} f(i). */
export const sum = (lo: number, hi: number, f: (i: number) => Q): Q => {
  let s: Q = Q0;
  for (let i = lo; i <= hi; i++) s = qadd(s, f(i));
  return s;
};

export const eq = (a: Q, b: Q): boolean => a.n === b.n && a.d === b.d;

/** A chain a = b = c: its value when every link agrees; otherwise a value that differs from the first link. */
export const chain = (...vals: Q[]): Q => (vals.every((x) => eq(x, vals[0]!)) ? vals[0]! : qadd(vals[0]!, { n: 1n, d: 1n }));

/** An entry formula: its right-hand side at (r, c), the true value (`rest`) at every other entry. */
export const at =
  (r: number, c: number, rhs: (v: Access) => Q, rest: (v: Access, i: number, j: number) => Q) =>
  (v: Access, [i, j]: number[]): Q =>
    i === r && j === c ? rhs(v) : rest(v, i!, j!);
