/**
 * Larger layers than the property tests use (entries with more than 64 terms, indices above 9,
 * many channels): forward entries against the independent forward pass everywhere, and gradients
 * against J(s+1) − J(s) for a sample of symbols.
 */
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
      const strided = L.stride.some((s) => s > 1) || L.dilation.some((s) => s > 1);
      for (const c of d.checks) expect(c.holds).toBe(strided && c.target !== "db" ? null : true);
      // text output names every entry once (indices above 9 get commas, never collide)
      const names = [...textLines(d, { steps: false })].filter((l) => /^ {2}δx/.test(l)).map((l) => l.split(" = ")[0]);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toHaveLength(d.gradients.dX.size);
    });
  }
});
