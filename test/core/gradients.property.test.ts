/**
 * Property: for random layers over every option, the engine's symbolic forward entries and
 * gradients, evaluated at random rationals, equal an independent brute force — a plain
 * nested-loop forward pass and exact unit differences J(s+1) − J(s) of J = Σ δy·y (exact because
 * J is affine in each single symbol).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive.js";
import { evalPolyQ, layerArb, specOf } from "./helpers.js";
import { bruteGradients, forward, geometry, lcg, Q0, Q1, qadd, qeq, qmul, qstr, qsub, randomValues, type Layer, type Values } from "./oracle.js";

function checkLayer(L: Layer, seed: number): void {
  const g = geometry(L);
  const d = derive(specOf(L));
  // documented layouts
  expect(d.tensors.X!.shape).toEqual(g.shapes.X);
  expect(d.tensors.W!.shape).toEqual(g.shapes.W);
  expect(d.tensors.Y!.shape).toEqual(g.shapes.Y);
  expect(d.tensors.dY!.shape).toEqual(g.shapes.Y);
  if (L.bias) expect(d.tensors.b!.shape).toEqual(g.shapes.b);
  else expect(d.tensors.b).toBeUndefined();
  expect(d.forward.shape).toEqual(g.shapes.Y);
  expect(d.gradients.dX.shape).toEqual(g.shapes.X);
  expect(d.gradients.dW.shape).toEqual(g.shapes.W);

  const v = randomValues(g, lcg(seed));
  const Y = forward(L, g, v);
  expect(d.forward.size).toBe(Y.length);
  Y.forEach((y, f) => {
    const got = evalPolyQ(d, d.forward.data[f]!, v);
    if (!qeq(got, y)) expect.fail(`forward entry ${f}: engine ${qstr(got)}, brute force ${qstr(y)}`);
  });

  const bf = bruteGradients(L, g, v);
  const cmp = (name: string, t: { data: readonly import("../../src/core/poly.js").Poly[] }, want: readonly import("./oracle.js").Q[]) => {
    expect(t.data.length).toBe(want.length);
    want.forEach((w, i) => {
      const got = evalPolyQ(d, t.data[i]!, v);
      if (!qeq(got, w)) expect.fail(`${name}[${i}]: engine ${qstr(got)}, J(s+1) − J(s) = ${qstr(w)}`);
    });
  };
  cmp("dX", d.gradients.dX, bf.dX);
  cmp("dW", d.gradients.dW, bf.dW);
  if (L.bias) cmp("db", d.gradients.db!, bf.db);
  else expect(d.gradients.db).toBeUndefined();

  // the Rot180 rule checks
  const targets = d.checks.map((c) => c.target).sort();
  expect(targets).toEqual(L.bias ? ["dW", "dX", "db"] : ["dW", "dX"]);
  for (const c of d.checks) {
    if (c.holds !== true) expect.fail(`check ${c.rule} does not hold: ${JSON.stringify(c.comparison?.mismatches.slice(0, 2))}`);
    expect(c.method).toBe("structural");
  }
}

describe("gradients = brute-force exact differences of J, over random layers", () => {
  it("every option (op, rank, stride, padding, dilation, channels, groups, batch, bias, index base)", () => {
    fc.assert(
      fc.property(layerArb, fc.integer({ min: 1, max: 2 ** 30 }), (L, seed) => checkLayer(L, seed)),
      { numRuns: 300, seed: 20261125, endOnFailure: true },
    );
  });

  it("stride 1, no dilation: every Rot180 check holds, over all paddings and channel layouts", () => {
    fc.assert(
      fc.property(
        layerArb.map((L) => ({ ...L, stride: L.stride.map(() => 1), dilation: L.dilation.map(() => 1) })).filter((L) => geometry(L).out.every((o) => o >= 1)),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (L, seed) => checkLayer(L, seed),
      ),
      { numRuns: 100, seed: 7, endOnFailure: true },
    );
  });

  it("chain-rule steps: exactly the y_f that depend on s, each ∂y_f/∂s = y_f(s+1) − y_f(s), Σ δy_f·∂y_f/∂s = δs", () => {
    fc.assert(
      fc.property(layerArb, fc.integer({ min: 1, max: 2 ** 30 }), (L, seed) => {
        const g = geometry(L);
        const d = derive(specOf(L), { checks: false });
        const v = randomValues(g, lcg(seed));
        const Y0 = forward(L, g, v);
        for (const [key, target] of [["X", "dX"], ["W", "dW"], ["b", "db"]] as const) {
          if (key === "b" && !L.bias) continue;
          const grad = d.gradients[target]!;
          v[key].forEach((val, i) => {
            const bumped: Values = { ...v, [key]: v[key].map((x, j) => (j === i ? qadd(val, Q1) : x)) };
            const Y1 = forward(L, g, bumped);
            const depends = Y0.map((_, f) => f).filter((f) => !qeq(qsub(Y1[f]!, Y0[f]!), Q0));
            const steps = d.steps(target, i);
            // a partial may vanish at this point only by accident; with random non-zero values it does not
            expect(steps.map((st) => st.y), `${target}[${i}]`).toEqual(depends);
            let sum = Q0;
            for (const st of steps) {
              const p = evalPolyQ(d, st.partial, v);
              if (!qeq(p, qsub(Y1[st.y]!, Y0[st.y]!))) expect.fail(`∂y${st.y}/∂${key}${i}`);
              sum = qadd(sum, qmul(v.dY[st.y]!, p));
            }
            expect(qstr(sum)).toBe(qstr(evalPolyQ(d, grad.data[i]!, v)));
          });
        }
      }),
      { numRuns: 60, seed: 44, endOnFailure: true },
    );
  });

  // Hand-picked corners that random generation may rarely hit.
  const corners: Layer[] = [
    { op: "conv", input: [4, 3], kernel: [2, 3], stride: [2, 1], dilation: [1, 1], padding: [[0, 1], [2, 0]], inChannels: null, outChannels: null, groups: 1, batch: null, bias: true, indexBase: 1 },
    { op: "xcorr", input: [5], kernel: [2], stride: [3], dilation: [2], padding: "same", inChannels: 2, outChannels: 4, groups: 2, batch: 2, bias: true, indexBase: 0 },
    { op: "conv", input: [3, 2, 2], kernel: [2, 1, 2], stride: [1, 1, 1], dilation: [1, 1, 1], padding: "full", inChannels: 1, outChannels: 2, groups: 1, batch: null, bias: false, indexBase: 1 },
    { op: "conv", input: [2, 5], kernel: [2, 2], stride: [1, 1], dilation: [1, 1], padding: "same", inChannels: 4, outChannels: 2, groups: 2, batch: 2, bias: true, indexBase: 0 },
    { op: "xcorr", input: [1, 1], kernel: [3, 2], stride: [1, 1], dilation: [1, 1], padding: "full", inChannels: null, outChannels: null, groups: 1, batch: 1, bias: false, indexBase: 3 },
  ];
  corners.forEach((L, i) =>
    it(`corner ${i}: ${L.op} ${L.input.join("x")} * ${L.kernel.join("x")} padding ${JSON.stringify(L.padding)}`, () => checkLayer(L, 1000 + i)),
  );
});
