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
const B = 2 ** 26;
const B2 = 2 ** 52;

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
