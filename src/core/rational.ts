/**
 * Exact rational coefficients as pairs of safe integers (n/d, d > 0, gcd(n, d) = 1).
 *
 * Why numbers and not bigint: coefficients sit next to every monomial of multi-million-term
 * polynomials, and convolution gradients only ever need small integers. Every operation checks
 * that its result is still a safe integer and throws CoefficientOverflow instead of rounding,
 * so a result is either exact or an error — never a float.
 */
import { LimitError } from "../errors.js";

export class CoefficientOverflow extends LimitError {
  constructor(what: string) {
    super(
      "exact coefficients (|n|, |d| < 2^53)",
      `coefficient overflow: ${what} exceeds 2^53; convgrad keeps coefficients exact and refuses to round`,
    );
    this.name = "CoefficientOverflow";
  }
}

export interface Rat {
  readonly n: number;
  readonly d: number;
}

export const ZERO: Rat = Object.freeze({ n: 0, d: 1 });
export const ONE: Rat = Object.freeze({ n: 1, d: 1 });

function safe(x: number, what: string): number {
  if (!Number.isSafeInteger(x)) throw new CoefficientOverflow(what);
  return x;
}

export function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** Builds n/d in lowest terms (d may be negative; d = 0 throws). */
export function rat(n: number, d = 1): Rat {
  safe(n, "numerator");
  safe(d, "denominator");
  if (d === 0) throw new RangeError("division by zero in a coefficient");
  if (d < 0) {
    n = -n;
    d = -d;
  }
  if (d === 1) return { n: n === 0 ? 0 : n, d: 1 };
  const g = gcd(n, d);
  return g > 1 ? { n: n / g, d: d / g } : { n, d };
}

export function add(a: Rat, b: Rat): Rat {
  if (a.d === 1 && b.d === 1) return { n: safe(a.n + b.n, "sum"), d: 1 };
  const g = gcd(a.d, b.d);
  const bd = b.d / g;
  const x = a.n * bd;
  const y = b.n * (a.d / g);
  if (!Number.isSafeInteger(x) || !Number.isSafeInteger(y)) {
    // The cross products were rounded; their sum may still be a safe integer, but a wrong one.
    // Redo it exactly and keep it only if the reduced result fits.
    const n = BigInt(a.n) * BigInt(bd) + BigInt(b.n) * BigInt(a.d / g);
    const d = BigInt(a.d) * BigInt(bd);
    let p = n < 0n ? -n : n;
    let q = d;
    while (q !== 0n) [p, q] = [q, p % q];
    return rat(safe(Number(n / p), "sum"), safe(Number(d / p), "denominator"));
  }
  return rat(safe(x + y, "sum"), safe(a.d * bd, "denominator"));
}

export function neg(a: Rat): Rat {
  return { n: a.n === 0 ? 0 : -a.n, d: a.d };
}

export function sub(a: Rat, b: Rat): Rat {
  return add(a, neg(b));
}

export function mul(a: Rat, b: Rat): Rat {
  if (a.d === 1 && b.d === 1) return { n: safe(a.n * b.n, "product"), d: 1 };
  const g1 = gcd(a.n, b.d);
  const g2 = gcd(b.n, a.d);
  return rat(
    safe((a.n / (g1 || 1)) * (b.n / (g2 || 1)), "product"),
    safe((a.d / (g2 || 1)) * (b.d / (g1 || 1)), "denominator"),
  );
}

export function div(a: Rat, b: Rat): Rat {
  if (b.n === 0) throw new RangeError("division by zero in a coefficient");
  return mul(a, rat(b.d, b.n));
}

export function pow(a: Rat, e: number): Rat {
  if (!Number.isInteger(e)) throw new RangeError("only integer powers are exact");
  if (e < 0) return pow(div(ONE, a), -e);
  let r = ONE;
  for (let i = 0; i < e; i++) r = mul(r, a);
  return r;
}

export function eq(a: Rat, b: Rat): boolean {
  return a.n === b.n && a.d === b.d;
}

export function isZero(a: Rat): boolean {
  return a.n === 0;
}

/** "3", "-1/2" — the JSON contract's coefficient string. */
export function ratToString(a: Rat): string {
  return a.d === 1 ? String(a.n) : `${a.n}/${a.d}`;
}

/** Parses "3", "-1/2", "+4". Returns null for anything else. */
export function parseRat(s: string): Rat | null {
  const m = /^\s*([+-]?\d+)(?:\s*\/\s*(\d+))?\s*$/.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  const d = m[2] === undefined ? 1 : Number(m[2]);
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || d === 0) return null;
  return rat(n, d);
}
