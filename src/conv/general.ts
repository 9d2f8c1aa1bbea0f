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
// degree-1 monomial codes are below B; two of them multiply into a·B + b (monomial.ts)
import { monoMul, PAIR_BASE as B, type MonoTable } from "../core/monomial.js";
import { Poly, TermBuffer } from "../core/poly.js";
import { CoefficientOverflow } from "../core/rational.js";
import { ShapeError, Tensor } from "../tensor/tensor.js";
import { rot180 } from "../tensor/ops.js";
import { effectiveKernel, flipsKernel, modePadding, outputSize, type Mode, type Op } from "../conventions.js";

export interface ConvGeneralParams {
  flip: boolean;
  stride: readonly number[];
  padding: readonly (readonly [number, number])[];
  lhsDilation: readonly number[];
  rhsDilation: readonly number[];
  groups: number;
}

export class ConvShapeError extends ShapeError {
  override readonly name: string = "ConvShapeError";
}

export function convOutputShape(lhs: readonly number[], rhs: readonly number[], p: ConvGeneralParams): number[] {
  const d = lhs.length - 2;
  if (d < 1 || rhs.length !== lhs.length)
    throw new ConvShapeError(`rank mismatch: lhs [${lhs.join(",")}] vs rhs [${rhs.join(",")}]`);
  const [, C] = lhs;
  const [O, Cg] = rhs;
  if (p.groups < 1 || C! % p.groups !== 0 || O! % p.groups !== 0) {
    throw new ConvShapeError(`groups ${p.groups} must divide both channel counts (${C} in, ${O} out)`);
  }
  if (C! / p.groups !== Cg)
    throw new ConvShapeError(`kernel has ${Cg} channels per group, input gives ${C! / p.groups}`);
  const out = [lhs[0]!, O!];
  for (let a = 0; a < d; a++) {
    const n = outputSize(lhs[a + 2]!, rhs[a + 2]!, p.stride[a]!, p.padding[a]!, p.rhsDilation[a], p.lhsDilation[a]);
    if (n < 1) {
      throw new ConvShapeError(
        `kernel ${rhs.slice(2).join("×")} (dilation ${p.rhsDilation.join("×")}) does not fit the padded input on axis ${a + 1}`,
      );
    }
    out.push(n);
  }
  return out;
}

export function convGeneral(mt: MonoTable, lhs: Tensor, rhs: Tensor, p: ConvGeneralParams): Tensor {
  const outShape = convOutputShape(lhs.shape, rhs.shape, p);
  const d = lhs.rank - 2;
  // Work in 3-D: lower ranks get leading unit axes, so one triple loop serves 1-, 2- and 3-D.
  const lift = (xs: readonly number[], fill: number): number[] => [...new Array<number>(3 - d).fill(fill), ...xs];
  const S = lift(lhs.shape.slice(2), 1);
  const K = lift(rhs.shape.slice(2), 1);
  const Out = lift(outShape.slice(2), 1);
  const stride = lift(p.stride, 1);
  const rd = lift(p.rhsDilation, 1);
  const ld = lift(p.lhsDilation, 1);
  const padLo = lift(
    p.padding.map((x) => x[0]),
    0,
  );
  const Cg = rhs.shape[1]!;
  const O = rhs.shape[0]!;
  const N = lhs.shape[0]!;
  const opg = O / p.groups;
  const lstr = lift(lhs.strides.slice(2), 0);
  const rstr = lift(rhs.strides.slice(2), 0);

  // Per axis, per (output position q, step t through the kernel): the lhs offset along that axis,
  // or -1 for a zero (padding or a dilation hole), and the rhs offset. Steps go through the kernel
  // so that lhs coordinates increase (reversed kernel order when flipping), which makes the terms
  // of each output entry come out in increasing monomial order. Small tables, computed once.
  const lOff: Int32Array[] = [];
  const rOff: Int32Array[] = [];
  for (let a = 0; a < 3; a++) {
    const Ka = K[a]!;
    const lt = new Int32Array(Out[a]! * Ka);
    const rt = new Int32Array(Ka);
    for (let t = 0; t < Ka; t++) {
      // Step t visits window position t; the rhs entry there is flipped for true convolution.
      rt[t] = (p.flip ? Ka - 1 - t : t) * rstr[a]!;
      for (let q = 0; q < Out[a]!; q++) {
        const pos = q * stride[a]! + t * rd[a]! - padLo[a]!;
        const ok = pos >= 0 && pos % ld[a]! === 0 && pos / ld[a]! < S[a]!;
        lt[q * Ka + t] = ok ? (pos / ld[a]!) * lstr[a]! : -1;
      }
    }
    lOff.push(lt);
    rOff.push(rt);
  }
  const [K0, K1, K2] = K as [number, number, number];
  const [O0, O1, O2] = Out as [number, number, number];
  const [l0, l1, l2] = lOff as [Int32Array, Int32Array, Int32Array];
  const [r0, r1, r2] = rOff as [Int32Array, Int32Array, Int32Array];
  const win: Window = { K0, K1, K2, l0, l1, l2, r0, r1, r2 };
  const outSpatial = O0 * O1 * O2;

  // Fast path: when every entry of both operands is 0 or one term with an integer coefficient
  // (symbol tensors and their rotations, paddings, transposes — every convolution of a layer and
  // of its gradient rules), work on flat code/coefficient arrays and write the result terms into
  // one flat array; each output entry is a segment of it, made canonical in place.
  const lf = flatSingleTerms(lhs);
  const rf = lf ? flatSingleTerms(rhs) : null;
  const fast = lf !== null && rf !== null;
  // Products of coefficients this small are always safe integers: no per-term check needed.
  const smallCoefs = fast && lf.maxAbs * rf.maxAbs <= Number.MAX_SAFE_INTEGER;
  // Term order: a product's code sorts by its smaller symbol id. When that id comes from the rhs
  // (e.g. ΔY, interned before X, as the kernel of ΔW's rule) and the kernel is flipped, the steps
  // visit rhs entries in decreasing order; visiting the channels in decreasing order too makes each
  // output entry one decreasing run (reversed in place) instead of many runs that need a sort.
  const rhsFirst = fast && lf.minCode > rf.maxCode && lf.maxCode < B && rf.maxCode >= 0;
  const channelsDown = rhsFirst && p.flip;
  // Room for every window slot that reads an lhs entry (not a padding or dilation zero): per axis,
  // the (q, step) pairs whose offset is not −1. With a dilated lhs (ΔX's rule of a strided layer)
  // that is far below outputs × kernel size: 18 M, not 5.2 G, for 8000×8000 / 9×9 / stride 17.
  const hits = lOff.map((lt) => lt.reduce((n, v) => n + (v >= 0 ? 1 : 0), 0));
  const cap = fast ? N * O * Cg * hits[0]! * hits[1]! * hits[2]! : 0;
  const outCodes = new Float64Array(cap);
  const outNum = new Float64Array(cap);
  const ops: FastOperands | null = fast
    ? { lcodes: lf.codes, lnum: lf.num, rcodes: rf.codes, rnum: rf.num, outCodes, outNum, smallCoefs }
    : null;
  let top = 0;

  const entries = N * O * outSpatial;
  const data = fast ? [] : new Array<Poly>(entries);
  const segStart = new Float64Array(fast ? entries : 0);
  const segEnd = new Float64Array(fast ? entries : 0);
  const buf = new TermBuffer();
  const lhsStr = lhs.strides;
  const rhsStr = rhs.strides;
  let w = 0;
  for (let n = 0; n < N; n++) {
    for (let o = 0; o < O; o++) {
      const g = Math.floor(o / opg);
      for (let q0 = 0; q0 < O0; q0++) {
        for (let q1 = 0; q1 < O1; q1++) {
          for (let q2 = 0; q2 < O2; q2++) {
            const start = top;
            for (let ci = 0; ci < Cg; ci++) {
              const c = channelsDown ? Cg - 1 - ci : ci;
              const lb = n * lhsStr[0]! + (g * Cg + c) * lhsStr[1]!;
              const rb = o * rhsStr[0]! + c * rhsStr[1]!;
              if (ops) {
                top = fastWindow(win, ops, lb, rb, q0, q1, q2, top, mt);
              } else {
                forEachPair(win, lb, rb, q0, q1, q2, (li, ri) => {
                  const lp = lhs.entry(li);
                  const rp = rhs.entry(ri);
                  if (lp.size !== 0 && rp.size !== 0) buf.pushProduct(lp, rp, mt);
                });
              }
            }
            if (fast) {
              segStart[w] = start;
              segEnd[w++] = sealSegment(outCodes, outNum, start, top, buf);
            } else {
              data[w++] = buf.finish();
            }
          }
        }
      }
    }
  }
  return new Tensor(outShape, fast ? { start: segStart, end: segEnd, codes: outCodes, num: outNum } : data);
}

/** Per-axis offset tables of one convolution (see convGeneral): lhs offsets per (q, step), −1 for a zero. */
interface Window {
  K0: number;
  K1: number;
  K2: number;
  l0: Int32Array;
  l1: Int32Array;
  l2: Int32Array;
  r0: Int32Array;
  r1: Int32Array;
  r2: Int32Array;
}

interface FastOperands {
  lcodes: Float64Array;
  lnum: Float64Array;
  rcodes: Float64Array;
  rnum: Float64Array;
  outCodes: Float64Array;
  outNum: Float64Array;
  smallCoefs: boolean;
}

/**
 * The terms of one window (an output position q, one channel) of two flat single-term operands,
 * written at top; returns the new top. Kept small and separate from convGeneral so that V8
 * optimises it once and keeps it optimised across calls (the hot loop of every derivation).
 */
function fastWindow(
  w: Window,
  f: FastOperands,
  lb: number,
  rb: number,
  q0: number,
  q1: number,
  q2: number,
  top: number,
  mt: MonoTable,
): number {
  const { K0, K1, K2, l0, l1, l2, r0, r1, r2 } = w;
  const { lcodes, lnum, rcodes, rnum, outCodes, outNum, smallCoefs } = f;
  for (let t0 = 0; t0 < K0; t0++) {
    const a0 = l0[q0 * K0 + t0]!;
    if (a0 < 0) continue;
    for (let t1 = 0; t1 < K1; t1++) {
      const a1 = l1[q1 * K1 + t1]!;
      if (a1 < 0) continue;
      const base = lb + a0 + a1;
      const rbase = rb + r0[t0]! + r1[t1]!;
      for (let t2 = 0; t2 < K2; t2++) {
        const a2 = l2[q2 * K2 + t2]!;
        if (a2 < 0) continue;
        const li = base + a2;
        const ri = rbase + r2[t2]!;
        const lc = lcodes[li]!;
        const rc = rcodes[ri]!;
        if (lc < 0 || rc < 0) continue;
        const v = lnum[li]! * rnum[ri]!;
        if (!smallCoefs && !Number.isSafeInteger(v)) throw new CoefficientOverflow("product");
        outCodes[top] = lc < B && rc < B ? (lc <= rc ? lc * B + rc : rc * B + lc) : monoMul(lc, rc, mt);
        outNum[top++] = v;
      }
    }
  }
  return top;
}

/** Every (lhs, rhs) index pair of one window, for operands with general polynomial entries. */
function forEachPair(
  w: Window,
  lb: number,
  rb: number,
  q0: number,
  q1: number,
  q2: number,
  visit: (li: number, ri: number) => void,
): void {
  for (let t0 = 0; t0 < w.K0; t0++) {
    const a0 = w.l0[q0 * w.K0 + t0]!;
    if (a0 < 0) continue;
    for (let t1 = 0; t1 < w.K1; t1++) {
      const a1 = w.l1[q1 * w.K1 + t1]!;
      if (a1 < 0) continue;
      for (let t2 = 0; t2 < w.K2; t2++) {
        const a2 = w.l2[q2 * w.K2 + t2]!;
        if (a2 >= 0) visit(lb + a0 + a1 + a2, rb + w.r0[t0]! + w.r1[t1]! + w.r2[t2]!);
      }
    }
  }
}

/** Codes and integer coefficients of a tensor whose entries are all 0 (code −1) or single terms; else null. */
function flatSingleTerms(
  t: Tensor,
): { codes: Float64Array; num: Float64Array; maxAbs: number; minCode: number; maxCode: number } | null {
  const codes = new Float64Array(t.size);
  const num = new Float64Array(t.size);
  let maxAbs = 0;
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
  let minCode = Infinity;
  let maxCode = -1;
  for (let i = 0; i < t.size; i++) {
    const a = Math.abs(num[i]!);
    if (a > maxAbs) maxAbs = a;
    const c = codes[i]!;
    if (c >= 0) {
      if (c < minCode) minCode = c;
      if (c > maxCode) maxCode = c;
    }
  }
  return { codes, num, maxAbs, minCode, maxCode };
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
export function simpleParams(
  op: Op,
  d: number,
  mode: Mode | readonly (readonly [number, number])[],
  kernel: readonly number[],
): ConvGeneralParams {
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
 * channel axes), the way numpy/scipy define them, including scipy's valid mode when B is the
 * larger operand in every axis. With a stride, only every stride-th output (from the first) is kept.
 */
export function convPlain(mt: MonoTable, op: Op, a: Tensor, b: Tensor, mode: Mode, stride?: readonly number[]): Tensor {
  if (a.rank !== b.rank) throw new ConvShapeError(`rank mismatch: [${a.shape.join(",")}] vs [${b.shape.join(",")}]`);
  if (stride && stride.length !== a.rank) throw new ConvShapeError(`${stride.length} strides for rank ${a.rank}`);
  if (mode === "valid" && b.shape.every((n, i) => n >= a.shape[i]!) && b.shape.some((n, i) => n > a.shape[i]!)) {
    if (stride?.some((s) => s > 1))
      throw new ConvShapeError(`a strided convolution needs the first operand to be the larger`);
    // scipy swaps the operands when the second is the larger in every axis. For conv that changes
    // nothing (it commutes); for xcorr the valid part of the full correlation is Rot180(B ⋆ A).
    if (op === "conv") [a, b] = [b, a];
    else return rot180(convPlain(mt, op, b, a, mode));
  }
  // full convolution is symmetric in its operands (true convolution commutes; cross-correlation with
  // the operands exchanged is rotated by 180°): keep the small one second, as the kernel, so a 3×3
  // against a 254×254 is one small window over a large input, not the reverse
  if (mode === "full" && !stride?.some((s) => s > 1) && b.size > a.size && b.shape.every((n, i) => n >= a.shape[i]!)) {
    return op === "conv" ? convPlain(mt, op, b, a, mode) : rot180(convPlain(mt, op, b, a, mode));
  }
  const params = simpleParams(op, a.rank, mode, b.shape);
  const out = convGeneral(
    mt,
    a.reshaped([1, 1, ...a.shape]),
    b.reshaped([1, 1, ...b.shape]),
    stride ? { ...params, stride } : params,
  );
  return out.reshaped(out.shape.slice(2));
}
