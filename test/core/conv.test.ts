/**
 * convPlain / convGeneral against numpy/scipy semantics, written here independently:
 *   full conv   (A * B)[n] = Σ_m A[m]·B[n − m]                      (n = 0 … Ha + Kb − 2)
 *   full xcorr  z[k] = Σ_l A[l]·B[l − k + Kb − 1]                    (scipy.signal.correlate)
 *   valid       full[Kb − 1 … Ha − 1]   (conv swaps operands when B is the larger, like scipy)
 *   same        full[⌊(Kb − 1)/2⌋ …] of length Ha  (scipy's _centered)
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convGeneral, convOutputShape, convPlain, ConvShapeError } from "../../src/conv/general.js";
import { MonoTable, monoIds } from "../../src/core/monomial.js";
import { add as polyAdd, Poly, scale } from "../../src/core/poly.js";
import { CoefficientOverflow, rat } from "../../src/core/rational.js";
import { rot180 } from "../../src/tensor/ops.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { indices, lcg, prod, Q0, qadd, qeq, qmul, qstr, randomQ, type Q } from "./oracle.js";

type Mode = "valid" | "same" | "full";

/** Symbolic tensor with symbols base, base+1, … and their random values. */
function symbolic(shape: number[], base: number): Tensor {
  return Tensor.fromFn(shape, (_, f) => Poly.symbol(base + f));
}
function evalAt(mt: MonoTable, p: Poly, val: Map<number, Q>): Q {
  let acc = Q0;
  for (let i = 0; i < p.size; i++) {
    let t: Q = { n: BigInt(p.coef(i).n), d: BigInt(p.coef(i).d) };
    for (const id of monoIds(p.codes[i]!, mt)) t = qmul(t, val.get(id)!);
    acc = qadd(acc, t);
  }
  return acc;
}

/** The oracle's full convolution / correlation of value arrays (row-major, any rank). */
function full(op: "conv" | "xcorr", A: Q[], sa: number[], B: Q[], sb: number[]): { shape: number[]; data: Q[] } {
  const shape = sa.map((n, a) => n + sb[a]! - 1);
  const data = indices(shape).map((n) => {
    let acc = Q0;
    for (const m of indices(sa)) {
      const j = op === "conv" ? n.map((v, a) => v - m[a]!) : m.map((v, a) => v - n[a]! + sb[a]! - 1);
      if (j.some((v, a) => v < 0 || v >= sb[a]!)) continue;
      const fa = m.reduce((f, v, a) => f * sa[a]! + v, 0);
      const fb = j.reduce((f, v, a) => f * sb[a]! + v, 0);
      acc = qadd(acc, qmul(A[fa]!, B[fb]!));
    }
    return acc;
  });
  return { shape, data };
}
function window(fullT: { shape: number[]; data: Q[] }, start: number[], size: number[]): Q[] {
  return indices(size).map((i) => fullT.data[i.reduce((f, v, a) => f * fullT.shape[a]! + v + start[a]!, 0)]!);
}
function reference(op: "conv" | "xcorr", mode: Mode, A: Q[], sa: number[], B: Q[], sb: number[]): { shape: number[]; data: Q[] } {
  if (op === "conv" && mode === "valid" && sb.every((n, a) => n >= sa[a]!) && sb.some((n, a) => n > sa[a]!)) return reference(op, mode, B, sb, A, sa); // scipy swaps
  const F = full(op, A, sa, B, sb);
  if (mode === "full") return F;
  if (mode === "valid") {
    const size = sa.map((n, a) => n - sb[a]! + 1);
    return { shape: size, data: window(F, sb.map((k) => k - 1), size) };
  }
  return { shape: sa, data: window(F, sb.map((k) => Math.floor((k - 1) / 2)), sa) };
}

const caseArb = fc
  .integer({ min: 1, max: 3 })
  .chain((d) =>
    fc.record({
      op: fc.constantFrom("conv" as const, "xcorr" as const),
      mode: fc.constantFrom<Mode>("valid", "same", "full"),
      sa: fc.array(fc.integer({ min: 1, max: d === 3 ? 3 : 5 }), { minLength: d, maxLength: d }),
      sb: fc.array(fc.integer({ min: 1, max: d === 3 ? 3 : 4 }), { minLength: d, maxLength: d }),
      seed: fc.integer({ min: 1, max: 1e9 }),
    }),
  )
  .filter(({ op, mode, sa, sb }) => {
    if (mode !== "valid") return true;
    if (sa.every((n, a) => n >= sb[a]!)) return true;
    return op === "conv" && sb.every((n, a) => n >= sa[a]!); // scipy's swap (conv only in convgrad)
  });

describe("convPlain = numpy/scipy semantics (independent reference)", () => {
  it("values and sizes of valid/same/full conv and xcorr, ranks 1-3, non-square", () => {
    fc.assert(
      fc.property(caseArb, ({ op, mode, sa, sb, seed }) => {
        const mt = new MonoTable();
        const next = lcg(seed);
        const A = sa.length ? Array.from({ length: prod(sa) }, () => randomQ(next)) : [];
        const B = Array.from({ length: prod(sb) }, () => randomQ(next));
        const val = new Map<number, Q>();
        A.forEach((v, i) => val.set(i, v));
        B.forEach((v, i) => val.set(1000 + i, v));
        const out = convPlain(mt, op, symbolic(sa, 0), symbolic(sb, 1000), mode);
        const ref = reference(op, mode, A, sa, B, sb);
        expect(out.shape).toEqual(ref.shape);
        out.data.forEach((p, f) => expect(qstr(evalAt(mt, p, val))).toBe(qstr(ref.data[f]!)));
      }),
      { numRuns: 300, seed: 99 },
    );
  });

  it("the lecture's formula: conv of 1-D [a0,a1,a2] and [b0,b1] in full mode is [a0b0, a0b1+a1b0, a1b1+a2b0, a2b1]", () => {
    const mt = new MonoTable();
    const out = convPlain(mt, "conv", symbolic([3], 0), symbolic([2], 10), "full");
    const terms = out.data.map((p) => Array.from({ length: p.size }, (_, i) => monoIds(p.codes[i]!, mt).join("*")));
    expect(terms).toEqual([["0*10"], ["0*11", "1*10"], ["1*11", "2*10"], ["2*11"]]);
  });

  it("sizes: valid H−K+1, full H+K−1, same H", () => {
    const mt = new MonoTable();
    expect(convPlain(mt, "conv", symbolic([5, 4], 0), symbolic([2, 3], 100), "valid").shape).toEqual([4, 2]);
    expect(convPlain(mt, "conv", symbolic([5, 4], 0), symbolic([2, 3], 100), "full").shape).toEqual([6, 6]);
    expect(convPlain(mt, "xcorr", symbolic([5, 4], 0), symbolic([2, 3], 100), "same").shape).toEqual([5, 4]);
  });

  it("conv is commutative (full, and valid where scipy swaps): identical canonical forms", () => {
    fc.assert(
      fc.property(caseArb, ({ sa, sb }) => {
        const mt = new MonoTable();
        const A = symbolic(sa, 0);
        const B = symbolic(sb, 1000);
        for (const mode of ["full", "valid"] as const) {
          if (mode === "valid" && !(sa.every((n, a) => n >= sb[a]!) || sb.every((n, a) => n >= sa[a]!))) continue;
          const ab = convPlain(mt, "conv", A, B, mode);
          const ba = convPlain(mt, "conv", B, A, mode);
          expect(ba.shape).toEqual(ab.shape);
          ab.data.forEach((p, f) => expect(p.equals(ba.data[f]!)).toBe(true));
        }
      }),
      { numRuns: 150, seed: 5 },
    );
  });

  it("xcorr(A, B) = conv(A, rot180(B)) in every mode", () => {
    fc.assert(
      fc.property(caseArb.filter(({ sa, sb }) => sa.every((n, a) => n >= sb[a]!)), ({ mode, sa, sb }) => {
        const mt = new MonoTable();
        const A = symbolic(sa, 0);
        const B = symbolic(sb, 1000);
        const x = convPlain(mt, "xcorr", A, B, mode);
        const c = convPlain(mt, "conv", A, rot180(B), mode);
        expect(c.shape).toEqual(x.shape);
        x.data.forEach((p, f) => expect(p.equals(c.data[f]!)).toBe(true));
      }),
      { numRuns: 150, seed: 6 },
    );
  });

  it("shape errors: rank mismatch, groups that do not divide, a kernel that does not fit", () => {
    const mt = new MonoTable();
    expect(() => convPlain(mt, "conv", symbolic([3], 0), symbolic([2, 2], 10), "valid")).toThrow(ConvShapeError);
    // xcorr, valid, second operand larger in every axis: scipy keeps the valid part of the full
    // correlation (rows and columns n−1 … m−1 of it), which is Rot180(B ⋆ A).
    const A = symbolic([2, 2], 0);
    const Bm = symbolic([3, 3], 10);
    const full = convPlain(mt, "xcorr", A, Bm, "full");
    const valid = convPlain(mt, "xcorr", A, Bm, "valid");
    expect(valid.shape).toEqual([2, 2]);
    for (const [i, j] of [[0, 0], [0, 1], [1, 0], [1, 1]] as const) expect(valid.at([i, j]).equals(full.at([i + 1, j + 1]))).toBe(true);
    const p = { flip: false, stride: [1], padding: [[0, 0]] as [number, number][], lhsDilation: [1], rhsDilation: [1], groups: 2 };
    expect(() => convOutputShape([1, 3, 4], [2, 1, 2], p)).toThrow(ConvShapeError);
    expect(() => convOutputShape([1, 4, 4], [2, 3, 2], p)).toThrow(ConvShapeError);
    expect(convOutputShape([1, 4, 4], [2, 2, 2], p)).toEqual([1, 2, 3]);
  });
});

describe("convGeneral with lhs dilation (transposed-conv geometry) against the reference", () => {
  it("lhsDilation s equals convolving the input with s−1 zeros inserted", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 1e9 }),
        (h, k, s, flip, seed) => {
          const mt = new MonoTable();
          const next = lcg(seed);
          const A = Array.from({ length: h }, () => randomQ(next));
          const B = Array.from({ length: k }, () => randomQ(next));
          const val = new Map<number, Q>();
          A.forEach((v, i) => val.set(i, v));
          B.forEach((v, i) => val.set(100 + i, v));
          const hd = (h - 1) * s + 1;
          const pads: [number, number] = [k - 1, k - 1];
          const out = convGeneral(mt, new Tensor([1, 1, h], symbolic([h], 0).data), new Tensor([1, 1, k], symbolic([k], 100).data), {
            flip,
            stride: [1],
            padding: [pads],
            lhsDilation: [s],
            rhsDilation: [1],
            groups: 1,
          });
          const Ad = Array.from({ length: hd }, (_, i) => (i % s === 0 ? A[i / s]! : Q0));
          const ref = full(flip ? "conv" : "xcorr", Ad, [hd], B, [k]);
          expect(out.shape).toEqual([1, 1, ref.shape[0]]);
          out.data.forEach((p, f) => expect(qstr(evalAt(mt, p, val))).toBe(qstr(ref.data[f]!)));
        },
      ),
      { numRuns: 150, seed: 8 },
    );
  });
});

describe("convGeneral on general entries (several terms, rational coefficients, constants, zeros)", () => {
  /** Entry f of a random polynomial tensor: c1·s_a + c2·s_b + c3 (some entries zero or one term). */
  function polyTensor(mt: MonoTable, shape: number[], base: number, nsym: number, next: () => number): Tensor {
    const pick = () => Math.floor(next() * nsym);
    const co = () => rat(Math.floor(next() * 7) - 3, 1 + Math.floor(next() * 3));
    return Tensor.fromFn(shape, () => {
      const kind = Math.floor(next() * 5);
      if (kind === 0) return Poly.ZERO;
      if (kind === 1) return Poly.symbol(base + pick(), co());
      const parts = [scale(mt, Poly.symbol(base + pick()), co()), scale(mt, Poly.symbol(base + pick()), co())];
      if (kind === 3) parts.push(Poly.constant(co()));
      return polyAdd(mt, ...parts);
    });
  }

  it("values equal the reference convolution of the entries' values (full, conv and xcorr, ranks 1-2)", () => {
    fc.assert(
      fc.property(caseArb.filter(({ sa }) => sa.length <= 2), ({ op, sa, sb, seed }) => {
        const mt = new MonoTable();
        const next = lcg(seed);
        const A = polyTensor(mt, sa, 0, 4, next);
        const B = polyTensor(mt, sb, 10, 4, next);
        const val = new Map<number, Q>();
        for (let i = 0; i < 4; i++) {
          val.set(i, randomQ(next));
          val.set(10 + i, randomQ(next));
        }
        const out = convPlain(mt, op, A, B, "full");
        const ref = full(op, A.data.map((p) => evalAt(mt, p, val)), sa, B.data.map((p) => evalAt(mt, p, val)), sb);
        expect(out.shape).toEqual(ref.shape);
        out.data.forEach((p, f) => {
          // canonical: strictly increasing codes, no zero coefficients
          for (let i = 1; i < p.size; i++) expect(p.codes[i - 1]!).toBeLessThan(p.codes[i]!);
          for (let i = 0; i < p.size; i++) expect(p.coef(i).n).not.toBe(0);
          expect(qstr(evalAt(mt, p, val))).toBe(qstr(ref.data[f]!));
        });
      }),
      { numRuns: 200, seed: 9 },
    );
  });

  it("single-term entries with large integer coefficients: an overflowing product throws, never rounds", () => {
    const mt = new MonoTable();
    const A = Tensor.fromFn([2], (_, f) => Poly.symbol(f, rat(2 ** 30 + f)));
    const B = Tensor.fromFn([2], (_, f) => Poly.symbol(10 + f, rat(2 ** 25)));
    expect(() => convPlain(mt, "conv", A, B, "full")).toThrow(CoefficientOverflow);
    const small = Tensor.fromFn([2], (_, f) => Poly.symbol(10 + f, rat(3)));
    const ok = convPlain(mt, "conv", A, small, "full");
    expect(ok.data[0]!.coef(0)).toEqual({ n: 3 * 2 ** 30, d: 1 });
  });

  it("terms that cancel leave a zero entry: conv([x, x], [1, −1]) = [x, 0, −x]", () => {
    const mt = new MonoTable();
    const A = Tensor.fromFn([2], () => Poly.symbol(0));
    const B = Tensor.fromFn([2], (_, f) => Poly.constant(rat(f === 0 ? 1 : -1)));
    const out = convPlain(mt, "conv", A, B, "full");
    expect(out.data.map((p) => p.size)).toEqual([1, 0, 1]);
    expect(out.data[2]!.coef(0)).toEqual({ n: -1, d: 1 });
  });
});

describe("convGeneral = its documented formula, over all parameters", () => {
  // out[n, o, p] = Σ_{c < C/g} Σ_k lhs'[n, g(o)·C/g + c, p·stride + k·rhsDilation] · rhs'[o, c, k]
  // lhs' = lhs dilated by lhsDilation, then padded (negative padding crops); rhs' flipped when flip.
  const paramsArb = fc.integer({ min: 1, max: 2 }).chain((d) =>
    fc.record({
      d: fc.constant(d),
      S: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: d, maxLength: d }),
      K: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: d, maxLength: d }),
      stride: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: d, maxLength: d }),
      ld: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: d, maxLength: d }),
      rd: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: d, maxLength: d }),
      pad: fc.array(fc.tuple(fc.integer({ min: -2, max: 3 }), fc.integer({ min: -2, max: 3 })), { minLength: d, maxLength: d }),
      groups: fc.integer({ min: 1, max: 2 }),
      cg: fc.integer({ min: 1, max: 2 }),
      og: fc.integer({ min: 1, max: 2 }),
      N: fc.integer({ min: 1, max: 2 }),
      flip: fc.boolean(),
      seed: fc.integer({ min: 1, max: 1e9 }),
    }),
  );

  it("values and shapes equal the formula (lhs dilation, negative padding, groups, flip)", () => {
    let ran = 0;
    fc.assert(
      fc.property(paramsArb, (P) => {
        const C = P.groups * P.cg;
        const O = P.groups * P.og;
        // lhs' spatial size and the output size, straight from the formula
        const Sd = P.S.map((s, a) => (s - 1) * P.ld[a]! + 1 + P.pad[a]![0] + P.pad[a]![1]);
        const Ke = P.K.map((k, a) => (k - 1) * P.rd[a]! + 1);
        if (Sd.some((s, a) => s < Ke[a]!)) return; // does not fit: skipped (errors are tested above)
        ran++;
        const Out = Sd.map((s, a) => Math.floor((s - Ke[a]!) / P.stride[a]!) + 1);
        const mt = new MonoTable();
        const next = lcg(P.seed);
        const lshape = [P.N, C, ...P.S];
        const rshape = [O, P.cg, ...P.K];
        const L = Array.from({ length: prod(lshape) }, () => randomQ(next));
        const R = Array.from({ length: prod(rshape) }, () => randomQ(next));
        const val = new Map<number, Q>();
        L.forEach((v, i) => val.set(i, v));
        R.forEach((v, i) => val.set(10_000 + i, v));
        const out = convGeneral(mt, symbolic(lshape, 0), symbolic(rshape, 10_000), {
          flip: P.flip,
          stride: P.stride,
          padding: P.pad as [number, number][],
          lhsDilation: P.ld,
          rhsDilation: P.rd,
          groups: P.groups,
        });
        expect(out.shape).toEqual([P.N, O, ...Out]);
        const lhsPrime = (n: number, c: number, pos: number[]): Q => {
          // undo padding (lo may be negative: a crop), then dilation
          const src: number[] = [];
          for (let a = 0; a < P.d; a++) {
            const u = pos[a]! - P.pad[a]![0];
            if (u < 0 || u % P.ld[a]! !== 0) return Q0;
            const i = u / P.ld[a]!;
            if (i >= P.S[a]!) return Q0;
            src.push(i);
          }
          return L[[n, c, ...src].reduce((f, v, a) => f * lshape[a]! + v, 0)]!;
        };
        const rhsPrime = (o: number, c: number, k: number[]): Q => {
          const kk = P.flip ? k.map((v, a) => P.K[a]! - 1 - v) : k;
          return R[[o, c, ...kk].reduce((f, v, a) => f * rshape[a]! + v, 0)]!;
        };
        let f = 0;
        for (let n = 0; n < P.N; n++)
          for (let o = 0; o < O; o++)
            for (const p of indices(Out)) {
              const g = Math.floor(o / P.og);
              let acc = Q0;
              for (let c = 0; c < P.cg; c++)
                for (const k of indices(P.K)) {
                  const pos = p.map((v, a) => v * P.stride[a]! + k[a]! * P.rd[a]!);
                  acc = qadd(acc, qmul(lhsPrime(n, g * P.cg + c, pos), rhsPrime(o, c, k)));
                }
              const got = evalAt(mt, out.data[f++]!, val);
              if (!qeq(got, acc)) expect.fail(`entry ${f - 1}: ${qstr(got)} vs ${qstr(acc)} for ${JSON.stringify(P)}`);
            }
      }),
      { numRuns: 300, seed: 13 },
    );
    expect(ran).toBeGreaterThan(100);
  });
});
