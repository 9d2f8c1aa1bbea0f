/**
 * Larger layers than the property tests use (entries with more than 64 terms, indices above 9,
 * many channels): forward entries against the independent forward pass everywhere, and gradients
 * against J(s+1) − J(s) for a sample of symbols.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive.js";
import { textLines } from "../../src/print/text.js";
import { evalPolyQ, specOf } from "./helpers.js";
import { forward, geometry, lcg, objective, Q1, qadd, qeq, qstr, qsub, randomValues, type Layer, type Values } from "./oracle.js";

const BIG: [string, Layer][] = [
  [
    "2-D, 6→3 channels in 3 groups, batch 2, bias, stride 3x2, dilation 2x1, asymmetric padding",
    { op: "conv", input: [12, 11], kernel: [4, 3], stride: [3, 2], dilation: [2, 1], padding: [[3, 0], [1, 2]], inChannels: 6, outChannels: 3, groups: 3, batch: 2, bias: true, indexBase: 1 },
  ],
  [
    "2-D, 5 in-channels × 5x5 kernel: 125 terms per output entry, same padding",
    { op: "xcorr", input: [7, 9], kernel: [5, 5], stride: [1, 1], dilation: [1, 1], padding: "same", inChannels: 5, outChannels: 2, groups: 1, batch: null, bias: false, indexBase: 0 },
  ],
  [
    "1-D, length 40, kernel 7, full padding: 46 outputs, δw entries with 40 terms",
    { op: "conv", input: [40], kernel: [7], stride: [1], dilation: [1], padding: "full", inChannels: null, outChannels: null, groups: 1, batch: 3, bias: true, indexBase: 1 },
  ],
  [
    "3-D, 4x5x6 * 2x3x2, 2 in-channels, stride 1",
    { op: "xcorr", input: [4, 5, 6], kernel: [2, 3, 2], stride: [1, 1, 1], dilation: [1, 1, 1], padding: [[1, 1], [0, 0], [2, 1]], inChannels: 2, outChannels: 3, groups: 1, batch: null, bias: true, indexBase: 1 },
  ],
];

describe("larger layers", () => {
  for (const [what, L] of BIG) {
    it(what, () => {
      const g = geometry(L);
      const d = derive(specOf(L));
      const v = randomValues(g, lcg(77));
      const Y = forward(L, g, v);
      expect(d.forward.size).toBe(Y.length);
      Y.forEach((y, f) => {
        const got = evalPolyQ(d, d.forward.data[f]!, v);
        if (!qeq(got, y)) expect.fail(`forward ${f}: ${qstr(got)} vs ${qstr(y)}`);
      });
      const J0 = objective(L, g, v);
      const next = lcg(5);
      for (const key of ["X", "W", "b"] as const) {
        const arr = v[key];
        if (key === "b" && !L.bias) continue;
        const grad = key === "X" ? d.gradients.dX : key === "W" ? d.gradients.dW : d.gradients.db!;
        // a sample of entries, always including the first and the last
        const picks = new Set([0, arr.length - 1, ...Array.from({ length: 12 }, () => Math.floor(next() * arr.length))]);
        for (const i of picks) {
          const bumped: Values = { ...v, [key]: arr.map((x, j) => (j === i ? qadd(x, Q1) : x)) };
          const want = qsub(objective(L, g, bumped), J0);
          const got = evalPolyQ(d, grad.data[i]!, v);
          if (!qeq(got, want)) expect.fail(`δ${key}[${i}]: ${qstr(got)} vs ${qstr(want)}`);
        }
      }
      for (const c of d.checks) expect(c.holds, c.rule).toBe(true);
      // text output names every entry once (indices above 9 get commas, never collide)
      const names = [...textLines(d, { steps: false })].filter((l) => /^ {2}δx/.test(l)).map((l) => l.split(" = ")[0]);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toHaveLength(d.gradients.dX.size);
    });
  }
});

describe("wider parameter ranges (forward everywhere, gradients sampled)", () => {
  const wide = fc
    .integer({ min: 1, max: 3 })
    .chain((d) =>
      fc.record({
        op: fc.constantFrom("conv" as const, "xcorr" as const),
        k: fc.array(fc.integer({ min: 1, max: d === 3 ? 2 : 4 }), { minLength: d, maxLength: d }),
        extra: fc.array(fc.integer({ min: 0, max: d === 3 ? 2 : 6 }), { minLength: d, maxLength: d }),
        s: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: d, maxLength: d }),
        dil: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: d, maxLength: d }),
        pad: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), { minLength: d, maxLength: d }),
        groups: fc.integer({ min: 1, max: 3 }),
        cg: fc.integer({ min: 1, max: 2 }),
        og: fc.integer({ min: 1, max: 2 }),
        batch: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
        bias: fc.boolean(),
        seed: fc.integer({ min: 1, max: 1e9 }),
      }),
    )
    .map((r) => {
      const L: Layer = {
        op: r.op,
        kernel: r.k,
        stride: r.s,
        dilation: r.dil,
        padding: r.pad,
        input: r.k.map((k, a) => Math.max(1, (k - 1) * r.dil[a]! + 1 - r.pad[a]![0] - r.pad[a]![1]) + r.extra[a]!),
        inChannels: r.groups * r.cg,
        outChannels: r.groups * r.og,
        groups: r.groups,
        batch: r.batch,
        bias: r.bias,
        indexBase: 1,
      };
      return { L, seed: r.seed };
    });

  it("random wide layers", () => {
    fc.assert(
      fc.property(wide, ({ L, seed }) => {
        const g = geometry(L);
        const d = derive(specOf(L));
        const v = randomValues(g, lcg(seed));
        const Y = forward(L, g, v);
        Y.forEach((y, f) => {
          const got = evalPolyQ(d, d.forward.data[f]!, v);
          if (!qeq(got, y)) expect.fail(`forward ${f}: ${qstr(got)} vs ${qstr(y)}`);
        });
        const J0 = objective(L, g, v);
        const next = lcg(seed + 1);
        for (const key of ["X", "W"] as const) {
          const grad = key === "X" ? d.gradients.dX : d.gradients.dW;
          for (let r = 0; r < 3; r++) {
            const i = Math.floor(next() * v[key].length);
            const bumped: Values = { ...v, [key]: v[key].map((x, j) => (j === i ? qadd(x, Q1) : x)) };
            const want = qsub(objective(L, g, bumped), J0);
            const got = evalPolyQ(d, grad.data[i]!, v);
            if (!qeq(got, want)) expect.fail(`δ${key}[${i}]: ${qstr(got)} vs ${qstr(want)}`);
          }
        }
        for (const c of d.checks) expect(c.holds, c.rule).toBe(true);
      }),
      { numRuns: 200, seed: 91 },
    );
  }, 30_000);
});
