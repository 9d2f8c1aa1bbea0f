/**
 * The chain rule for J = Σ δy·y:   ∂J/∂s = Σ_f δy_f · ∂y_f/∂s   for every symbol s of X, W, b.
 *
 * Applied sparsely: each term of each forward entry y_f contributes only to the symbols it
 * contains (for a bilinear term w·x: δy_f·x to δw and δy_f·w to δx). The contributions are
 * scattered into one flat array (counted first, then filled: no per-term objects), then each
 * gradient entry is canonicalised.
 *
 * The steps — which ∂y_f/∂s are non-zero and what they are — are computed on demand (steps()),
 * from an index built the first time they are asked for.
 */
import {
  distinctIds,
  INTERNED_BASE,
  monoDiff,
  monoMul,
  PAIR_BASE as B,
  symbolCode,
  type MonoTable,
} from "../core/monomial.js";
import { diff, Poly, TermBuffer } from "../core/poly.js";
import { CoefficientOverflow, mul as ratMul } from "../core/rational.js";
import type { TensorRange } from "../core/symbols.js";
import { Tensor } from "../tensor/tensor.js";

export interface ChainTarget {
  range: TensorRange;
  /** Shape of the gradient tensor (same size and order as the range). */
  shape: readonly number[];
}

export interface ChainStep {
  /** Flat index of the forward entry y_f. */
  y: number;
  /** ∂y_f/∂s, non-zero. */
  partial: Poly;
}

export interface ChainResult {
  gradients: Tensor[];
  /** The non-zero partials behind gradient entry `flat` of target `t`, in order of f. */
  steps(t: number, flat: number): ChainStep[];
}

export function chainRule(mt: MonoTable, Y: Tensor, dY: TensorRange, targets: readonly ChainTarget[]): ChainResult {
  // slot of a symbol id: offset within the union of target ranges, or -1.
  const lo = Math.min(...targets.map((t) => t.range.base));
  const hi = Math.max(...targets.map((t) => t.range.base + t.range.size));
  const slotOf = new Int32Array(Math.max(0, hi - lo)).fill(-1);
  const slotBase: number[] = [];
  let slots = 0;
  for (const t of targets) {
    slotBase.push(slots);
    for (let i = 0; i < t.range.size; i++) slotOf[t.range.base - lo + i] = slots + i;
    slots += t.range.size;
  }
  const ids: number[] = [];

  // The forward terms, flat: from Y's flat storage, or gathered from its polynomials.
  const F = flatten(Y);

  // Pass 1: count contributions per slot.
  const count = new Float64Array(slots + 1);
  for (let f = 0; f < Y.size; f++) {
    for (let i = F.start[f]!; i < F.end[f]!; i++) {
      const n = distinctIds(F.codes[i]!, mt, ids);
      for (let j = 0; j < n; j++) {
        const off = ids[j]! - lo;
        if (off >= 0 && off < slotOf.length && slotOf[off]! >= 0) count[slotOf[off]! + 1]!++;
      }
    }
  }
  for (let s = 0; s < slots; s++) count[s + 1]! += count[s]!;
  const total = count[slots]!;
  const codes = new Float64Array(total);
  const num = new Float64Array(total);
  const den = new Float64Array(total);
  const pos = count.slice(0, slots);

  // Pass 2: fill δy_f · ∂(term)/∂s. Degree ≤ 2 (every bilinear conv term) without allocation.
  for (let f = 0; f < Y.size; f++) {
    const dyCode = symbolCode(dY.base + f);
    for (let i = F.start[f]!; i < F.end[f]!; i++) {
      const code = F.codes[i]!;
      const cn = F.num[i]!;
      const cd = F.den ? F.den[i]! : 1;
      if (code > 0 && code < INTERNED_BASE) {
        let a: number, b: number; // symbol codes (id + 1)
        if (code < B) {
          a = code;
          b = 0;
        } else {
          a = Math.floor(code / B);
          b = code - a * B;
        }
        // contribution to a: exponent 2 if a·a, rest b (or 1)
        const oa = a - 1 - lo;
        const sa = oa >= 0 && oa < slotOf.length ? slotOf[oa]! : -1;
        if (sa >= 0) emit(sa, dyCode, b, a === b ? 2 : 1, cn, cd);
        if (b !== 0 && b !== a) {
          const ob = b - 1 - lo;
          const sb = ob >= 0 && ob < slotOf.length ? slotOf[ob]! : -1;
          if (sb >= 0) emit(sb, dyCode, a, 1, cn, cd);
        }
        continue;
      }
      const n = distinctIds(code, mt, ids);
      for (let j = 0; j < n; j++) {
        const s = ids[j]!;
        const off = s - lo;
        if (off < 0 || off >= slotOf.length || slotOf[off]! < 0) continue;
        const { exp, rest } = monoDiff(code, s, mt)!;
        emit(slotOf[off]!, dyCode, rest, exp, cn, cd);
      }
    }
  }

  function emit(slot: number, dyCode: number, rest: number, exp: number, cn: number, cd: number): void {
    const at = pos[slot]!++;
    codes[at] = monoMul(dyCode, rest, mt);
    if (cd === 1) {
      const v = cn * exp;
      if (!Number.isSafeInteger(v)) throw new CoefficientOverflow("gradient coefficient");
      num[at] = v;
      den[at] = 1;
    } else {
      const r = ratMul({ n: cn, d: cd }, { n: exp, d: 1 });
      num[at] = r.n;
      den[at] = r.d;
    }
  }

  // Canonicalise each slot, in place. With integer coefficients (always, for conv layers) the
  // gradients stay flat: each entry is a segment of the arrays just filled; a segment that is not
  // already canonical (contributions arrive in order of f, so it nearly always is) is sorted and
  // combined, and written back shorter.
  const allInt = F.den === null || F.den.every((v) => v === 1);
  const buf = new TermBuffer();
  const gradients = targets.map((t, k) => {
    if (allInt) {
      const start = new Float64Array(t.range.size);
      const end = new Float64Array(t.range.size);
      for (let i = 0; i < t.range.size; i++) {
        const s = slotBase[k]! + i;
        const a = count[s]!;
        let b = count[s + 1]!;
        let canonical = true;
        for (let j = a + 1; j < b; j++) {
          if (codes[j - 1]! >= codes[j]!) {
            canonical = false;
            break;
          }
        }
        if (!canonical) {
          buf.load(codes, num, den, a, b);
          const p = buf.finish();
          codes.set(p.codes, a);
          num.set(p.num, a);
          b = a + p.size;
        }
        start[i] = a;
        end[i] = b;
      }
      return new Tensor(t.shape, { start, end, codes, num });
    }
    const data = new Array<Poly>(t.range.size);
    for (let i = 0; i < t.range.size; i++) {
      const s = slotBase[k]! + i;
      buf.load(codes, num, den, count[s]!, count[s + 1]!);
      data[i] = buf.finish();
    }
    return new Tensor(t.shape, data);
  });

  let reverse: number[][] | null = null;
  const steps = (t: number, flat: number): ChainStep[] => {
    if (!reverse) {
      // For every slot, the forward entries that contain its symbol (ascending f).
      const rev: number[][] = Array.from({ length: slots }, () => []);
      for (let f = 0; f < Y.size; f++) {
        for (let i = F.start[f]!; i < F.end[f]!; i++) {
          const n = distinctIds(F.codes[i]!, mt, ids);
          for (let j = 0; j < n; j++) {
            const off = ids[j]! - lo;
            if (off < 0 || off >= slotOf.length || slotOf[off]! < 0) continue;
            const list = rev[slotOf[off]!]!;
            if (list[list.length - 1] !== f) list.push(f);
          }
        }
      }
      reverse = rev;
    }
    const target = targets[t]!;
    const s = target.range.base + flat;
    return reverse[slotBase[t]! + flat]!.map((f) => ({ y: f, partial: diff(mt, Y.entry(f), s) })).filter(
      (st) => !st.partial.isZero(),
    );
  };

  return { gradients, steps };
}

/** The terms of every entry of t in flat arrays (a view of t's own when it has them). */
function flatten(t: Tensor): {
  start: Float64Array;
  end: Float64Array;
  codes: Float64Array;
  num: Float64Array;
  den: Float64Array | null;
} {
  const c = t.csr();
  if (c) return { ...c, den: null };
  const start = new Float64Array(t.size);
  const end = new Float64Array(t.size);
  const total = t.terms();
  const codes = new Float64Array(total);
  const num = new Float64Array(total);
  const den = new Float64Array(total).fill(1);
  let at = 0;
  for (let f = 0; f < t.size; f++) {
    const p = t.data[f]!;
    start[f] = at;
    codes.set(p.codes, at);
    num.set(p.num, at);
    if (p.den) den.set(p.den, at);
    at += p.size;
    end[f] = at;
  }
  return { start, end, codes, num, den };
}
