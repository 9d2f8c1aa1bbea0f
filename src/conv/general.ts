/**
 * The one general convolution, in the spirit of JAX's conv_general_dilated. Every convolution in
 * convgrad — the layer's forward pass and every right-hand side of every gradient rule — is a call
 * of convGeneral with some parameters; conv()/xcorr() below only fill them in.
 *
 *   lhs [N, C, ...S]   rhs [O, C/groups, ...K]   →   out [N, O, ...Out]
 *   out[n, o, p] = Σ_{c < C/g} Σ_k lhs'[n, g(o)·C/g + c, p·stride + k·rhsDilation] · rhs'[o, c, k]
 * where lhs' is lhs dilated by lhsDilation and padded by padding (negative padding crops), and
 * rhs' is rhs flipped on its spatial axes when flip (true convolution) and as is otherwise.
 */
import { monoMul, type MonoTable } from "../core/monomial.js";
import { Poly, TermBuffer } from "../core/poly.js";
import { CoefficientOverflow } from "../core/rational.js";
import { Tensor } from "../tensor/tensor.js";
import { effectiveKernel, flipsKernel, modePadding, outputSize, type Mode, type Op } from "../conventions.js";

export interface ConvGeneralParams {
  flip: boolean;
  stride: readonly number[];
  padding: readonly (readonly [number, number])[];
  lhsDilation: readonly number[];
  rhsDilation: readonly number[];
  groups: number;
}

export class ConvShapeError extends RangeError {}

export function convOutputShape(lhs: readonly number[], rhs: readonly number[], p: ConvGeneralParams): number[] {
  const d = lhs.length - 2;
  if (d < 1 || rhs.length !== lhs.length) throw new ConvShapeError(`rank mismatch: lhs [${lhs}] vs rhs [${rhs}]`);
  const [, C] = lhs;
  const [O, Cg] = rhs;
  if (p.groups < 1 || C! % p.groups !== 0 || O! % p.groups !== 0) {
    throw new ConvShapeError(`groups ${p.groups} must divide both channel counts (${C} in, ${O} out)`);
  }
  if (C! / p.groups !== Cg) throw new ConvShapeError(`kernel has ${Cg} channels per group, input gives ${C! / p.groups}`);
  const out = [lhs[0]!, O!];
  for (let a = 0; a < d; a++) {
    const n = outputSize(lhs[a + 2]!, rhs[a + 2]!, p.stride[a]!, p.padding[a]!, p.rhsDilation[a]!, p.lhsDilation[a]!);
    if (n < 1) {
      throw new ConvShapeError(
        `kernel ${rhs.slice(2).join("×")} (dilation ${p.rhsDilation.join("×")}) does not fit the padded input on axis ${a + 1}`,
      );
    }
    out.push(n);
  }
  return out;
}

/** Number of product terms convGeneral will emit (before like terms combine): for size estimates. */
export function convTermCount(lhs: readonly number[], rhs: readonly number[], p: ConvGeneralParams): number {
  const out = convOutputShape(lhs, rhs, p);
  const perOut = rhs.slice(1).reduce((a, b) => a * b, 1);
  return out.reduce((a, b) => a * b, 1) * perOut;
}

export function convGeneral(mt: MonoTable, lhs: Tensor, rhs: Tensor, p: ConvGeneralParams): Tensor {
  const outShape = convOutputShape(lhs.shape, rhs.shape, p);
  const d = lhs.rank - 2;
  const S = lhs.shape.slice(2);
  const K = rhs.shape.slice(2);
  const Out = outShape.slice(2);
  const Cg = rhs.shape[1]!;
  const O = rhs.shape[0]!;
  const N = lhs.shape[0]!;
  const opg = O / p.groups;

  // Per axis, per (output position, kernel position): the lhs coordinate, or -1 for a zero
  // (padding or a dilation hole). Small tables, computed once.
  const coord: Int32Array[] = [];
  for (let a = 0; a < d; a++) {
    const tab = new Int32Array(Out[a]! * K[a]!);
    const ld = p.lhsDilation[a]!;
    for (let q = 0; q < Out[a]!; q++) {
      for (let k = 0; k < K[a]!; k++) {
        const kk = p.flip ? K[a]! - 1 - k : k; // position of rhs entry k in the (flipped) window
        const pos = q * p.stride[a]! + kk * p.rhsDilation[a]! - p.padding[a]![0];
        tab[q * K[a]! + k] = pos >= 0 && pos % ld === 0 && pos / ld < S[a]! ? pos / ld : -1;
      }
    }
    coord.push(tab);
  }
  const lhsStr = lhs.strides;
  const rhsStr = rhs.strides;
  const kSize = K.reduce((a, b) => a * b, 1);
  const outSpatial = Out.reduce((a, b) => a * b, 1);

  // Kernel positions enumerated so that lhs coordinates increase: with flip that is reverse
  // kernel order. Terms then arrive in increasing monomial order and need no sort. Per position:
  // its per-axis kernel coordinates and its offset into rhs, computed once.
  const kAxis = new Int32Array(kSize * d);
  const rhsOff = new Int32Array(kSize);
  for (let ki = 0; ki < kSize; ki++) {
    let rem = p.flip ? kSize - 1 - ki : ki;
    let off = 0;
    for (let a = d - 1; a >= 0; a--) {
      const ka = rem % K[a]!;
      rem = (rem - ka) / K[a]!;
      kAxis[ki * d + a] = ka;
      off += ka * rhsStr[a + 2]!;
    }
    rhsOff[ki] = off;
  }
  const lhsSpStr = lhsStr.slice(2);

  // Fast path: when every entry of both operands is 0 or one term with an integer coefficient
  // (symbol tensors and their rotations, paddings, transposes — every convolution of a layer and
  // of its gradient rules), work on flat code/coefficient arrays and write the result terms into
  // one flat array; an entry whose terms come out in canonical order becomes a view into it.
  const lf = flatSingleTerms(lhs);
  const rf = lf ? flatSingleTerms(rhs) : null;
  const fast = lf !== null && rf !== null;
  const cap = fast ? N * O * outSpatial * Cg * kSize : 0;
  const outCodes = new Float64Array(cap);
  const outNum = new Float64Array(cap);
  let top = 0;

  const entries = N * O * outSpatial;
  const data = fast ? [] : new Array<Poly>(entries);
  const segStart = new Float64Array(fast ? entries : 0);
  const segEnd = new Float64Array(fast ? entries : 0);
  const buf = new TermBuffer();
  const q = new Array<number>(d).fill(0);
  let w = 0;
  for (let n = 0; n < N; n++) {
    for (let o = 0; o < O; o++) {
      const g = Math.floor(o / opg);
      q.fill(0);
      for (let s = 0; s < outSpatial; s++) {
        const start = top;
        for (let c = 0; c < Cg; c++) {
          const lhsBase = n * lhsStr[0]! + (g * Cg + c) * lhsStr[1]!;
          const rhsBase = o * rhsStr[0]! + c * rhsStr[1]!;
          terms: for (let ki = 0; ki < kSize; ki++) {
            let li = lhsBase;
            for (let a = 0; a < d; a++) {
              const x = coord[a]![q[a]! * K[a]! + kAxis[ki * d + a]!]!;
              if (x < 0) continue terms;
              li += x * lhsSpStr[a]!;
            }
            const ri = rhsBase + rhsOff[ki]!;
            if (fast) {
              const lc = lf.codes[li]!;
              const rc = rf.codes[ri]!;
              if (lc < 0 || rc < 0) continue;
              const v = lf.num[li]! * rf.num[ri]!;
              if (!Number.isSafeInteger(v)) throw new CoefficientOverflow("product");
              outCodes[top] = monoMul(lc, rc, mt);
              outNum[top++] = v;
            } else {
              const lp = lhs.entry(li);
              const rp = rhs.entry(ri);
              if (lp.size !== 0 && rp.size !== 0) buf.pushProduct(lp, rp, mt);
            }
          }
        }
        if (fast) {
          segStart[w] = start;
          segEnd[w++] = sealSegment(outCodes, outNum, start, top, buf);
        } else {
          data[w++] = buf.finish();
        }
        for (let a = d - 1; a >= 0; a--) {
          if (++q[a]! < Out[a]!) break;
          q[a] = 0;
        }
      }
    }
  }
  return new Tensor(outShape, fast ? { start: segStart, end: segEnd, codes: outCodes, num: outNum } : data);
}

/** Codes and integer coefficients of a tensor whose entries are all 0 (code −1) or single terms; else null. */
function flatSingleTerms(t: Tensor): { codes: Float64Array; num: Float64Array } | null {
  const codes = new Float64Array(t.size);
  const num = new Float64Array(t.size);
  const c = t.csr();
  for (let i = 0; i < t.size; i++) {
    if (c) {
      const s = c.start[i]!;
      const len = c.end[i]! - s;
      if (len === 0) codes[i] = -1;
      else if (len === 1) {
        codes[i] = c.codes[s]!;
        num[i] = c.num[s]!;
      } else return null;
      continue;
    }
    const p = t.data[i]!;
    if (p.size === 0) codes[i] = -1;
    else if (p.size === 1 && p.den === null) {
      codes[i] = p.codes[0]!;
      num[i] = p.num[0]!;
    } else return null;
  }
  return { codes, num };
}

/**
 * Makes terms [start, end) of the flat output canonical in place and returns the new end: as is
 * when the codes are strictly increasing, reversed when strictly decreasing, otherwise sorted and
 * combined through buf (integer coefficients; the result is never longer).
 */
function sealSegment(codes: Float64Array, num: Float64Array, start: number, end: number, buf: TermBuffer): number {
  let asc = true;
  let desc = true;
  for (let i = start + 1; i < end && (asc || desc); i++) {
    if (codes[i - 1]! >= codes[i]!) asc = false;
    if (codes[i - 1]! <= codes[i]!) desc = false;
  }
  if (asc) return end;
  if (desc) {
    codes.subarray(start, end).reverse();
    num.subarray(start, end).reverse();
    return end;
  }
  for (let i = start; i < end; i++) buf.push(codes[i]!, num[i]!, 1);
  const p = buf.finish();
  codes.set(p.codes, start);
  num.set(p.num, start);
  return start + p.size;
}

/** Fills the general parameters for a plain (single-channel view) convolution of rank-d tensors. */
export function simpleParams(op: Op, d: number, mode: Mode | readonly (readonly [number, number])[], kernel: readonly number[]): ConvGeneralParams {
  const ones = new Array<number>(d).fill(1);
  return {
    flip: flipsKernel(op),
    stride: ones,
    padding: typeof mode === "string" ? kernel.map((k) => modePadding(mode, effectiveKernel(k, 1))) : mode,
    lhsDilation: ones,
    rhsDilation: ones,
    groups: 1,
  };
}

/**
 * conv(A, B, mode) or xcorr(A, B, mode) of two plain tensors of the same rank (no batch or
 * channel axes), the way numpy/scipy define them. For conv in valid mode, as in scipy, the
 * operands are swapped when B is the larger in every axis (conv is commutative).
 */
export function convPlain(mt: MonoTable, op: Op, a: Tensor, b: Tensor, mode: Mode): Tensor {
  if (a.rank !== b.rank) throw new ConvShapeError(`rank mismatch: [${a.shape}] vs [${b.shape}]`);
  if (op === "conv" && mode === "valid" && b.shape.every((n, i) => n >= a.shape[i]!) && b.shape.some((n, i) => n > a.shape[i]!)) {
    [a, b] = [b, a];
  }
  const out = convGeneral(mt, a.reshaped([1, 1, ...a.shape]), b.reshaped([1, 1, ...b.shape]), simpleParams(op, a.rank, mode, b.shape));
  return out.reshaped(out.shape.slice(2));
}
