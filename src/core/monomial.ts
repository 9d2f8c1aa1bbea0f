/**
 * Monomials as single numbers ("codes"), so that a polynomial is two flat arrays.
 *
 *   code 0                     the constant monomial 1
 *   code = a + 1               degree 1: symbol a                (a + 1 < 2^26)
 *   code = (a+1)·2^26 + (b+1)  degree 2: a·b with a ≤ b          (< 2^52, a safe integer)
 *   code = 2^52 + k            degree ≥ 3: entry k of a MonoTable (interned sorted id lists)
 *
 * Codes are ordered numerically; within degrees ≤ 2 that is the lexicographic order of sorted
 * symbol ids, which makes the canonical order of a polynomial deterministic.
 */
/** Degree-1 codes (a symbol id + 1) are below PAIR_BASE; a pair a ≤ b is (a+1)·PAIR_BASE + (b+1). */
export const PAIR_BASE = 2 ** 26;
/** Codes from INTERNED_BASE on are entries of a MonoTable (degree ≥ 3). */
export const INTERNED_BASE = 2 ** 52;
/** Symbol ids stay below PAIR_BASE − 1, so that a product of two ids packs into one safe integer. */
export const MAX_SYMBOL_ID = PAIR_BASE - 2;
const B = PAIR_BASE;
const B2 = INTERNED_BASE;

export class MonoTable {
  private ids: number[][] = [];
  private index = new Map<string, number>();

  intern(sortedIds: readonly number[]): number {
    const key = sortedIds.join(",");
    let k = this.index.get(key);
    if (k === undefined) {
      k = this.ids.length;
      this.ids.push([...sortedIds]);
      this.index.set(key, k);
    }
    return B2 + k;
  }

  get(code: number): readonly number[] {
    const ids = this.ids[code - B2];
    if (!ids) throw new RangeError(`unknown monomial code ${code}`);
    return ids;
  }
}

export function degree(code: number, t: MonoTable): number {
  if (code === 0) return 0;
  if (code < B) return 1;
  if (code < B2) return 2;
  return t.get(code).length;
}

/** Sorted symbol ids of a monomial, with repetition for powers (x² → [x, x]). */
export function monoIds(code: number, t: MonoTable): readonly number[] {
  if (code === 0) return [];
  if (code < B) return [code - 1];
  if (code < B2) {
    const hi = Math.floor(code / B);
    return [hi - 1, code - hi * B - 1];
  }
  return t.get(code);
}

export function monoFromIds(sorted: readonly number[], t: MonoTable): number {
  switch (sorted.length) {
    case 0:
      return 0;
    case 1:
      return sorted[0]! + 1;
    case 2:
      return (sorted[0]! + 1) * B + sorted[1]! + 1;
    default:
      return t.intern(sorted);
  }
}

export function symbolCode(id: number): number {
  return id + 1;
}

/** Product of two monomials. The degree-1 × degree-1 case (every bilinear conv term) is one line. */
export function monoMul(a: number, b: number, t: MonoTable): number {
  if (a === 0) return b;
  if (b === 0) return a;
  if (a < B && b < B) return a <= b ? a * B + b : b * B + a;
  const x = monoIds(a, t);
  const y = monoIds(b, t);
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (j >= y.length || (i < x.length && x[i]! <= y[j]!)) out.push(x[i++]!);
    else out.push(y[j++]!);
  }
  return monoFromIds(out, t);
}

/**
 * The distinct symbol ids of a monomial into `out` (sorted); returns their count. Degree ≤ 2
 * allocates nothing (the chain rule calls this for every forward term).
 */
export function distinctIds(code: number, t: MonoTable, out: number[]): number {
  if (code === 0) return 0;
  if (code < B) {
    out[0] = code - 1;
    return 1;
  }
  if (code < B2) {
    const hi = Math.floor(code / B);
    const lo = code - hi * B;
    out[0] = hi - 1;
    if (lo === hi) return 1;
    out[1] = lo - 1;
    return 2;
  }
  const ids = t.get(code);
  let n = 0;
  for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[i - 1]) out[n++] = ids[i]!;
  return n;
}

/**
 * ∂m/∂s as (exponent, m / s): the exponent of symbol s in m and the monomial with one s removed.
 * Returns null when m does not contain s (its derivative is 0).
 */
export function monoDiff(code: number, s: number, t: MonoTable): { exp: number; rest: number } | null {
  if (code === 0) return null;
  if (code < B) return code === s + 1 ? { exp: 1, rest: 0 } : null;
  if (code < B2) {
    const hi = Math.floor(code / B);
    const lo = code - hi * B;
    if (hi === s + 1) return { exp: lo === hi ? 2 : 1, rest: lo };
    if (lo === s + 1) return { exp: 1, rest: hi };
    return null;
  }
  const ids = t.get(code);
  const first = ids.indexOf(s);
  if (first < 0) return null;
  let exp = 0;
  for (const id of ids) if (id === s) exp++;
  const rest = ids.slice(0, first).concat(ids.slice(first + 1));
  return { exp, rest: monoFromIds(rest, t) };
}
