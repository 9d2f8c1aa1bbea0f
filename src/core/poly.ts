/**
 * The canonical form: a polynomial with exact rational coefficients over interned symbols.
 *
 * A Poly is immutable and always canonical — monomial codes strictly increasing, like terms
 * combined, no zero coefficients — so two equal polynomials have identical arrays and equality is
 * a linear scan. Only TermBuffer.finish() and the operations below construct Polys.
 *
 * Layout: codes[i] is the monomial (see monomial.ts), num[i]/den[i] its coefficient; den is null
 * when every coefficient is an integer (the common case: conv gradients have coefficient 1).
 */
import { monoDiff, monoIds, monoMul, symbolCode, type MonoTable } from "./monomial.js";
import { CoefficientOverflow, type Rat, add as ratAdd, mul as ratMul, rat } from "./rational.js";

export class Poly {
  /** @internal use the builders; the arrays must be canonical and are never mutated. */
  constructor(
    readonly codes: Float64Array,
    readonly num: Float64Array,
    readonly den: Float64Array | null,
  ) {}

  static readonly ZERO = new Poly(new Float64Array(0), new Float64Array(0), null);

  static constant(c: Rat): Poly {
    if (c.n === 0) return Poly.ZERO;
    return new Poly(Float64Array.of(0), Float64Array.of(c.n), c.d === 1 ? null : Float64Array.of(c.d));
  }

  static symbol(id: number, c: Rat = { n: 1, d: 1 }): Poly {
    if (c.n === 0) return Poly.ZERO;
    return new Poly(Float64Array.of(symbolCode(id)), Float64Array.of(c.n), c.d === 1 ? null : Float64Array.of(c.d));
  }

  get size(): number {
    return this.codes.length;
  }

  isZero(): boolean {
    return this.codes.length === 0;
  }

  coef(i: number): Rat {
    return { n: this.num[i]!, d: this.den ? this.den[i]! : 1 };
  }

  equals(o: Poly): boolean {
    if (this === o) return true;
    const n = this.codes.length;
    if (n !== o.codes.length) return false;
    for (let i = 0; i < n; i++) {
      if (this.codes[i] !== o.codes[i] || this.num[i] !== o.num[i]) return false;
    }
    if (this.den === null && o.den === null) return true;
    for (let i = 0; i < n; i++) if ((this.den ? this.den[i] : 1) !== (o.den ? o.den[i] : 1)) return false;
    return true;
  }
}

/**
 * Collects terms in any order, then canonicalises once. Reused across many small polynomials
 * (one per tensor entry) to avoid allocation; finish() copies out exactly-sized arrays.
 */
export class TermBuffer {
  codes = new Float64Array(64);
  num = new Float64Array(64);
  den = new Float64Array(64);
  length = 0;
  private allInt = true;

  clear(): void {
    this.length = 0;
    this.allInt = true;
  }

  private grow(): void {
    const cap = this.codes.length * 2;
    const c = new Float64Array(cap);
    c.set(this.codes);
    const n = new Float64Array(cap);
    n.set(this.num);
    const d = new Float64Array(cap);
    d.set(this.den);
    this.codes = c;
    this.num = n;
    this.den = d;
  }

  push(code: number, n: number, d: number): void {
    if (d !== 1) {
      // Keep coefficients in lowest terms with a positive denominator (2/4 → 1/2, 1/−2 → −1/2).
      const r = rat(n, d);
      n = r.n;
      d = r.d;
      if (d !== 1) this.allInt = false;
    }
    if (this.length === this.codes.length) this.grow();
    const i = this.length++;
    this.codes[i] = code;
    this.num[i] = n;
    this.den[i] = d;
  }

  /** Appends c·m·p for every term of p (m a monomial code, c a coefficient). */
  pushScaled(p: Poly, m: number, cn: number, cd: number, t: MonoTable): void {
    const k = p.codes.length;
    for (let i = 0; i < k; i++) {
      const pn = p.num[i]!;
      const pd = p.den ? p.den[i]! : 1;
      const code = monoMul(p.codes[i]!, m, t);
      if (cd === 1 && pd === 1) {
        const v = pn * cn;
        if (!Number.isSafeInteger(v)) throw new CoefficientOverflow("product");
        this.push(code, v, 1);
      } else {
        const r = ratMul({ n: pn, d: pd }, { n: cn, d: cd });
        this.push(code, r.n, r.d);
      }
    }
  }

  /** Appends the product of two polynomials. */
  pushProduct(p: Poly, q: Poly, t: MonoTable): void {
    for (let j = 0; j < q.codes.length; j++) this.pushScaled(p, q.codes[j]!, q.num[j]!, q.den ? q.den[j]! : 1, t);
  }

  /** Appends terms [start, end) of flat coefficient arrays (den 1 for integers). */
  load(codes: Float64Array, num: Float64Array, den: Float64Array, start: number, end: number): void {
    const n = end - start;
    while (this.length + n > this.codes.length) this.grow();
    this.codes.set(codes.subarray(start, end), this.length);
    this.num.set(num.subarray(start, end), this.length);
    this.den.set(den.subarray(start, end), this.length);
    if (this.allInt) for (let i = start; i < end; i++) if (den[i] !== 1) this.allInt = false;
    this.length += n;
  }

  /** Canonical polynomial of the buffered terms (sorted, combined, zeros dropped); clears the buffer. */
  finish(): Poly {
    const n = this.length;
    if (n === 0) {
      this.clear();
      return Poly.ZERO;
    }
    const codes = this.codes;
    const num = this.num;
    const den = this.den;
    let asc = true;
    let desc = true;
    let zero = false;
    let uniform = true;
    const n0 = num[0]!;
    const d0 = den[0]!;
    for (let i = 0; i < n; i++) {
      if (i > 0) {
        const a = codes[i - 1]!;
        const b = codes[i]!;
        if (a >= b) asc = false;
        if (a <= b) desc = false;
      }
      if (num[i] === 0) zero = true;
      if (num[i] !== n0 || den[i] !== d0) uniform = false;
    }
    let out: Poly;
    if (!zero && asc) {
      // Already canonical: conv loops emit terms in increasing code order.
      out = new Poly(copyOut(codes, n), copyOut(num, n), this.allInt ? null : copyOut(den, n));
    } else if (!zero && desc) {
      out = new Poly(reversedOut(codes, n), reversedOut(num, n), this.allInt ? null : reversedOut(den, n));
    } else if (uniform && !zero) {
      out = this.combineUniform(n, n0, d0);
    } else {
      out = this.combine(n, asc);
    }
    this.clear();
    return out;
  }

  /** All coefficients equal c: a native numeric sort of the codes, then runs become multiples of c. */
  private combineUniform(n: number, cn: number, cd: number): Poly {
    const sorted = this.codes.slice(0, n).sort();
    const oc = new Float64Array(n);
    const on = new Float64Array(n);
    let m = 0;
    for (let i = 0; i < n;) {
      let j = i + 1;
      while (j < n && sorted[j] === sorted[i]) j++;
      oc[m] = sorted[i]!;
      on[m] = j - i;
      m++;
      i = j;
    }
    if (cn === 1 && cd === 1) return new Poly(copyOut(oc, m), copyOut(on, m), null);
    const od = new Float64Array(m);
    let anyFrac = false;
    for (let i = 0; i < m; i++) {
      const r = ratMul({ n: on[i]!, d: 1 }, { n: cn, d: cd });
      on[i] = r.n;
      od[i] = r.d;
      if (r.d !== 1) anyFrac = true;
    }
    return new Poly(copyOut(oc, m), copyOut(on, m), anyFrac ? copyOut(od, m) : null);
  }

  private combine(n: number, sorted: boolean): Poly {
    const codes = this.codes;
    let order: Uint32Array | null = null;
    if (!sorted) {
      order = new Uint32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      order.sort((a, b) => codes[a]! - codes[b]! || a - b);
    }
    const oc = new Float64Array(n);
    const on = new Float64Array(n);
    const od = new Float64Array(n);
    let m = 0;
    let anyFrac = false;
    let i = 0;
    while (i < n) {
      const first = order ? order[i]! : i;
      const code = codes[first]!;
      let acc: Rat = { n: this.num[first]!, d: this.den[first]! };
      let j = i + 1;
      for (; j < n; j++) {
        const k = order ? order[j]! : j;
        if (codes[k] !== code) break;
        acc = ratAdd(acc, { n: this.num[k]!, d: this.den[k]! });
      }
      if (acc.n !== 0) {
        oc[m] = code;
        on[m] = acc.n;
        od[m] = acc.d;
        if (acc.d !== 1) anyFrac = true;
        m++;
      }
      i = j;
    }
    return new Poly(copyOut(oc, m), copyOut(on, m), anyFrac ? copyOut(od, m) : null);
  }
}

/*
 * Arena for the arrays of finished polynomials: millions of tiny Float64Arrays (one or two per
 * tensor entry) each with its own ArrayBuffer cost more in allocation and GC than the terms
 * themselves; views into shared chunks do not. A chunk lives while any view into it does.
 */
const CHUNK = 1 << 16;
let arena = new Float64Array(CHUNK);
let arenaUsed = 0;

function alloc(n: number): Float64Array {
  if (n > CHUNK >> 2) return new Float64Array(n);
  if (arenaUsed + n > CHUNK) {
    arena = new Float64Array(CHUNK);
    arenaUsed = 0;
  }
  const v = arena.subarray(arenaUsed, arenaUsed + n);
  arenaUsed += n;
  return v;
}

function copyOut(src: Float64Array, n: number): Float64Array {
  const out = alloc(n);
  if (n > 64) out.set(src.subarray(0, n));
  else for (let i = 0; i < n; i++) out[i] = src[i]!;
  return out;
}

function reversedOut(src: Float64Array, n: number): Float64Array {
  const out = alloc(n);
  for (let i = 0; i < n; i++) out[i] = src[n - 1 - i]!;
  return out;
}

const shared = new TermBuffer();

function collect(fill: (b: TermBuffer) => void): Poly {
  // A fresh buffer when the shared one is in use (a fill that calls back into these functions).
  const b = shared.length === 0 ? shared : new TermBuffer();
  try {
    fill(b);
    return b.finish();
  } finally {
    b.clear();
  }
}

export function add(t: MonoTable, ...ps: Poly[]): Poly {
  return collect((b) => {
    for (const p of ps) b.pushScaled(p, 0, 1, 1, t);
  });
}

export function scale(t: MonoTable, p: Poly, c: Rat): Poly {
  if (c.n === 0) return Poly.ZERO;
  return collect((b) => b.pushScaled(p, 0, c.n, c.d, t));
}

export function sub(t: MonoTable, p: Poly, q: Poly): Poly {
  return collect((b) => {
    b.pushScaled(p, 0, 1, 1, t);
    b.pushScaled(q, 0, -1, 1, t);
  });
}

export function mul(t: MonoTable, p: Poly, q: Poly): Poly {
  return collect((b) => b.pushProduct(p, q, t));
}

export function pow(t: MonoTable, p: Poly, e: number): Poly {
  if (!Number.isInteger(e) || e < 0) throw new RangeError("only non-negative integer powers of polynomials");
  let r = Poly.constant({ n: 1, d: 1 });
  for (let i = 0; i < e; i++) r = mul(t, r, p);
  return r;
}

/** ∂p/∂s, applied sparsely: only the terms that contain s contribute. */
export function diff(t: MonoTable, p: Poly, s: number): Poly {
  return collect((b) => {
    for (let i = 0; i < p.codes.length; i++) {
      const d = monoDiff(p.codes[i]!, s, t);
      if (!d) continue;
      const c = ratMul(p.coef(i), rat(d.exp));
      b.push(d.rest, c.n, c.d);
    }
  });
}

/** The distinct symbols of p, ascending. */
export function symbolsOf(t: MonoTable, p: Poly): number[] {
  const seen = new Set<number>();
  for (let i = 0; i < p.codes.length; i++) for (const id of monoIds(p.codes[i]!, t)) seen.add(id);
  return [...seen].sort((a, b) => a - b);
}

export interface TermDifference {
  code: number;
  expected: Rat;
  actual: Rat;
}

/** Monomials whose coefficients differ between expected and actual, in canonical order. */
export function termDifferences(expected: Poly, actual: Poly): TermDifference[] {
  const out: TermDifference[] = [];
  let i = 0;
  let j = 0;
  const zero: Rat = { n: 0, d: 1 };
  while (i < expected.size || j < actual.size) {
    const ce = i < expected.size ? expected.codes[i]! : Infinity;
    const ca = j < actual.size ? actual.codes[j]! : Infinity;
    if (ce === ca) {
      const e = expected.coef(i++);
      const a = actual.coef(j++);
      if (e.n !== a.n || e.d !== a.d) out.push({ code: ce, expected: e, actual: a });
    } else if (ce < ca) {
      out.push({ code: ce, expected: expected.coef(i++), actual: zero });
    } else {
      out.push({ code: ca, expected: zero, actual: actual.coef(j++) });
    }
  }
  return out;
}
