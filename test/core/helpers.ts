/** Test helpers that look at engine results (evaluation of its polynomials at oracle values). */
import fc from "fast-check";
import { monoIds } from "../../src/core/monomial.js";
import type { Poly } from "../../src/core/poly.js";
import type { Derivation } from "../../src/derive.js";
import type { LayerSpec } from "../../src/conv/config.js";
import { geometry, prod, Q0, Q1, qadd, qmul, q, type Layer, type Q, type Values } from "./oracle.js";

/** Value of symbol id in the derivation's table, from the oracle's flat value arrays. */
export function valueOf(d: Derivation, v: Values, id: number): Q {
  const { range, index } = d.table.lookup(id);
  let flat = 0;
  for (let a = 0; a < index.length; a++) flat = flat * range.shape[a]! + index[a]!;
  const key = range.key as keyof Values;
  const arr = v[key];
  if (!arr) throw new Error(`unexpected tensor ${range.key}`);
  return arr[flat]!;
}

export function evalPolyQ(d: Derivation, p: Poly, v: Values): Q {
  let acc = Q0;
  for (let i = 0; i < p.size; i++) {
    const c = p.coef(i);
    let t = q(c.n, c.d);
    for (const id of monoIds(p.codes[i]!, d.table.monos)) t = qmul(t, valueOf(d, v, id));
    acc = qadd(acc, t);
  }
  return acc;
}

export function specOf(L: Layer): LayerSpec {
  return {
    op: L.op,
    input: L.input,
    kernel: L.kernel,
    stride: L.stride,
    dilation: L.dilation,
    padding: L.padding as LayerSpec["padding"],
    inChannels: L.inChannels,
    outChannels: L.outChannels,
    groups: L.groups,
    batch: L.batch,
    bias: L.bias,
    indexBase: L.indexBase,
  };
}

/** CLI flags for a layer. */
export function flagsOf(L: Layer): string[] {
  const f = ["--op", L.op, "--input", L.input.join("x"), "--kernel", L.kernel.join("x")];
  f.push("--stride", L.stride.join("x"), "--dilation", L.dilation.join("x"));
  const p = L.padding;
  const padText =
    typeof p === "string" || typeof p === "number" ? String(p) : p.map((x) => (typeof x === "number" ? `${x}:${x}` : `${x[0]}:${x[1]}`)).join("x");
  f.push("--padding", padText);
  if (L.inChannels !== null) f.push("--in-channels", String(L.inChannels));
  if (L.outChannels !== null) f.push("--out-channels", String(L.outChannels));
  if (L.groups !== 1) f.push("--groups", String(L.groups));
  if (L.batch !== null) f.push("--batch", String(L.batch));
  if (L.bias) f.push("--bias");
  f.push("--index-base", String(L.indexBase));
  return f;
}

const MAX_IN: Record<number, number> = { 1: 7, 2: 5, 3: 3 };
const MAX_K: Record<number, number> = { 1: 4, 2: 3, 3: 2 };

/**
 * Random layers over every option: op, rank 1-3, per-axis (non-square) sizes, stride, dilation,
 * padding (modes, one int, per-axis ints, asymmetric lo:hi), channels, groups, batch, bias,
 * index base. Only configurations whose kernel fits the padded input.
 */
export const layerArb: fc.Arbitrary<Layer> = fc
  .integer({ min: 1, max: 3 })
  .chain((d) => {
    const axis = fc.record({
      k: fc.integer({ min: 1, max: MAX_K[d]! }),
      dil: fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 2 }) }),
      s: fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 3 }) }),
      extra: fc.integer({ min: 0, max: MAX_IN[d]! }),
      lo: fc.integer({ min: 0, max: 2 }),
      hi: fc.integer({ min: 0, max: 2 }),
    });
    return fc.record({
      op: fc.constantFrom("conv" as const, "xcorr" as const),
      axes: fc.array(axis, { minLength: d, maxLength: d }),
      padKind: fc.constantFrom("valid", "same", "full", "int", "perAxis", "asym"),
      padInt: fc.integer({ min: 0, max: 2 }),
      chan: fc.constantFrom("none", "in", "out", "both", "groups"),
      cin: fc.integer({ min: 1, max: 2 }),
      cout: fc.integer({ min: 1, max: 2 }),
      batch: fc.option(fc.integer({ min: 1, max: 2 }), { nil: null, freq: 2 }),
      bias: fc.boolean(),
      indexBase: fc.constantFrom(0, 1, 2),
    });
  })
  .map((r) => {
    const d = r.axes.length;
    const kernel = r.axes.map((a) => a.k);
    const dilation = r.axes.map((a) => a.dil);
    const stride = r.axes.map((a) => a.s);
    let padding: Layer["padding"];
    switch (r.padKind) {
      case "valid":
      case "same":
      case "full":
        padding = r.padKind;
        break;
      case "int":
        padding = r.padInt;
        break;
      case "perAxis":
        padding = r.axes.map((a) => a.lo);
        break;
      default:
        padding = r.axes.map((a) => [a.lo, a.hi] as [number, number]);
    }
    const L: Layer = {
      op: r.op,
      input: [],
      kernel,
      stride,
      dilation,
      padding,
      inChannels: null,
      outChannels: null,
      groups: 1,
      batch: r.batch,
      bias: r.bias,
      indexBase: r.indexBase,
    };
    // smallest input that fits, plus a random extra (capped to keep the sizes small)
    const probe = geometry({ ...L, input: kernel.map(() => 1) });
    L.input = r.axes.map((a, i) => {
      const ke = (a.k - 1) * a.dil + 1;
      const need = Math.max(1, ke - probe.pads[i]![0] - probe.pads[i]![1]);
      return Math.min(need + a.extra, Math.max(need, MAX_IN[d]!));
    });
    switch (r.chan) {
      case "in":
        L.inChannels = r.cin;
        break;
      case "out":
        L.outChannels = r.cout;
        break;
      case "both":
        L.inChannels = r.cin;
        L.outChannels = r.cout + 1;
        break;
      case "groups":
        L.groups = 2;
        L.inChannels = 2 * r.cin;
        L.outChannels = 2 * r.cout;
        break;
    }
    return L;
  })
  .filter((L) => {
    const g = geometry(L);
    // keep the brute force cheap: symbols × forward work
    const syms = prod(g.shapes.X) + prod(g.shapes.W) + prod(g.shapes.b);
    const work = g.N * g.Co * prod(g.out) * (g.Ci / L.groups) * prod(L.kernel);
    return g.out.every((o) => o >= 1) && syms * work <= 60_000;
  });

export { Q1 };
