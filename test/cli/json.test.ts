/**
 * The JSON contract (`convgrad derive --format json`, convgrad.gradients/1): every field and
 * shape, row-major order, every entry present, and the content — terms evaluated at random
 * rationals equal the independent brute force (forward pass and J(s+1) − J(s)).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive.js";
import { jsonChunks } from "../../src/print/json.js";
import { flagsOf, layerArb, specOf } from "../core/helpers.js";
import { bruteGradients, forward, geometry, indices, lcg, Q0, qadd, qeq, qmul, qparse, qstr, randomValues, type Layer, type Q, type Values } from "../core/oracle.js";
import { cli } from "./run.js";

interface Factor {
  tensor: string;
  index: number[];
}
interface Term {
  coef: string;
  factors: Factor[];
}

const FACTOR_ORDER = ["dY", "W", "X", "b"];

function must(cond: boolean, msg: string): asserts cond {
  if (!cond) throw new Error(`JSON contract: ${msg}`);
}

/** Validates a parsed convgrad.gradients/1 document against the layer, field by field and by value. */
function validate(doc: Record<string, unknown>, L: Layer, seed: number): void {
  const g = geometry(L);
  const base = L.indexBase;
  expect(Object.keys(doc)).toEqual(["format", "config", "tensors", "forward", "gradients", "checks"]);
  expect(doc.format).toBe("convgrad.gradients/1");

  // config: normalised, every per-axis value explicit
  expect(doc.config).toEqual({
    op: L.op,
    input: L.input,
    kernel: L.kernel,
    stride: L.stride,
    padding: g.pads,
    dilation: L.dilation,
    inChannels: g.channels ? g.Ci : null,
    outChannels: g.channels ? g.Co : null,
    groups: L.groups,
    batch: L.batch,
    bias: L.bias,
    indexBase: base,
  });

  // tensors
  const tensors = doc.tensors as Record<string, { symbol: string; shape: number[] }>;
  const wantTensors: Record<string, { symbol: string; shape: number[] }> = {
    X: { symbol: "x", shape: g.shapes.X },
    W: { symbol: "w", shape: g.shapes.W },
    Y: { symbol: "y", shape: g.shapes.Y },
    dY: { symbol: "δy", shape: g.shapes.Y },
  };
  if (L.bias) wantTensors.b = { symbol: "b", shape: g.shapes.b };
  expect(tensors).toEqual(wantTensors);
  const shapeOf: Record<string, number[]> = { X: g.shapes.X, W: g.shapes.W, dY: g.shapes.Y, b: g.shapes.b };

  // values for evaluation, keyed like the JSON factors
  const v = randomValues(g, lcg(seed));
  const valueOf = (f: Factor): Q => {
    const shape = shapeOf[f.tensor];
    must(shape !== undefined && (f.tensor !== "b" || L.bias), `unknown factor tensor ${f.tensor}`);
    must(Array.isArray(f.index) && f.index.length === shape!.length, `factor ${JSON.stringify(f)}: index rank`);
    f.index.forEach((i, a) => must(Number.isInteger(i) && i >= base && i < base + shape![a]!, `factor ${JSON.stringify(f)}: index out of range`));
    const flat = f.index.reduce((acc, i, a) => acc * shape![a]! + (i - base), 0);
    return v[f.tensor as keyof Values][flat]!;
  };
  const evalTerms = (terms: Term[]): Q => {
    let acc = Q0;
    for (const t of terms) {
      must(Object.keys(t).join() === "coef,factors", `term keys ${Object.keys(t)}`);
      must(/^-?\d+(\/\d+)?$/.test(t.coef) && t.coef !== "0" && !t.coef.startsWith("-0"), `coef ${JSON.stringify(t.coef)}`);
      must(qstr(qparse(t.coef)) === t.coef, `coef ${t.coef} not in lowest terms`);
      const keys = t.factors.map((f) => f.tensor);
      // factors ordered dY, W, X, b
      must([...keys].sort((a, b) => FACTOR_ORDER.indexOf(a) - FACTOR_ORDER.indexOf(b)).join() === keys.join(), `factor order ${keys}`);
      let val = qparse(t.coef);
      for (const f of t.factors) {
        must(Object.keys(f).join() === "tensor,index", `factor keys ${Object.keys(f)}`);
        val = qmul(val, valueOf(f));
      }
      acc = qadd(acc, val);
    }
    return acc;
  };
  const expectEntries = (name: string, entries: unknown, shape: number[], want: Q[], forwardEntries: boolean) => {
    const es = entries as { tensor?: string; index: number[]; terms: Term[] }[];
    expect(Array.isArray(es)).toBe(true);
    // every entry present, in row-major order
    expect(es.map((e) => e.index)).toEqual(indices(shape).map((i) => i.map((x) => x + base)));
    es.forEach((e, f) => {
      must(Object.keys(e).join() === (forwardEntries ? "tensor,index,terms" : "index,terms"), `${name} entry keys ${Object.keys(e)}`);
      if (forwardEntries) must(e.tensor === "Y", `forward tensor ${e.tensor}`);
      must(Array.isArray(e.terms), `${name} terms not an array`);
      const got = evalTerms(e.terms);
      if (!qeq(got, want[f]!)) expect.fail(`${name} entry [${e.index}]: JSON terms give ${qstr(got)}, brute force ${qstr(want[f]!)}`);
    });
  };

  expectEntries("forward", doc.forward, g.shapes.Y, forward(L, g, v), true);
  const bf = bruteGradients(L, g, v);
  const grads = doc.gradients as Record<string, unknown>;
  expect(Object.keys(grads)).toEqual(L.bias ? ["dX", "dW", "db"] : ["dX", "dW"]);
  expectEntries("dX", grads.dX, g.shapes.X, bf.dX, false);
  expectEntries("dW", grads.dW, g.shapes.W, bf.dW, false);
  if (L.bias) expectEntries("db", grads.db, g.shapes.b, bf.db, false);

  // checks
  const checks = doc.checks as { rule: string; target: string; holds: boolean | null; method: string | null; reason?: string }[];
  expect(checks.map((c) => c.target).sort()).toEqual(L.bias ? ["dW", "dX", "db"] : ["dW", "dX"]);
  // every configuration has a closed form, checked structurally (stride, dilation and padding too)
  for (const c of checks) {
    expect(typeof c.rule).toBe("string");
    expect(c.rule.length).toBeGreaterThan(3);
    expect(c.holds).toBe(true);
    expect(c.method).toBe("structural");
  }
}

/** A zero gradient entry must be an empty term list: the lecture has none, so build one (kernel 1, stride 2 skips inputs). */
const L_SKIP: Layer = { op: "conv", input: [5], kernel: [1], stride: [2], dilation: [1], padding: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: false, indexBase: 1 };

const LECTURE: Layer = { op: "conv", input: [3, 3], kernel: [2, 2], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: false, indexBase: 1 };

const CLI_CASES: [string, Layer][] = [
  ["the lecture", LECTURE],
  [
    "channels + groups + batch + bias, index base 0, xcorr, asymmetric padding",
    { op: "xcorr", input: [3, 4], kernel: [2, 3], stride: [1, 1], dilation: [1, 1], padding: [[1, 0], [0, 2]], inChannels: 4, outChannels: 2, groups: 2, batch: 2, bias: true, indexBase: 0 },
  ],
  [
    "no channels + scalar bias, index base 2, 1-D, stride 2",
    { op: "conv", input: [6], kernel: [3], stride: [2], dilation: [1], padding: "same", inChannels: null, outChannels: null, groups: 1, batch: null, bias: true, indexBase: 2 },
  ],
  [
    "3-D, dilation 2, full padding, in-channels only, bias",
    { op: "conv", input: [3, 2, 3], kernel: [2, 1, 2], stride: [1, 1, 1], dilation: [2, 1, 1], padding: "full", inChannels: 2, outChannels: null, groups: 1, batch: null, bias: true, indexBase: 1 },
  ],
  ["a zero gradient entry", L_SKIP],
];

describe("convgrad derive --format json (spawned CLI)", () => {
  for (const [what, L] of CLI_CASES) {
    it.concurrent(`${what}: every field, every entry, values = brute force`, async () => {
      const r = await cli(["derive", ...flagsOf(L), "--format", "json"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe("");
      const doc = JSON.parse(r.stdout) as Record<string, unknown>;
      validate(doc, L, 4242);
    });
  }

  it.concurrent("the lecture's JSON: exact config, first term of δx11, checks", async () => {
    const r = await cli(["derive", "--input", "3x3", "--kernel", "2x2", "--format", "json"]);
    const doc = JSON.parse(r.stdout);
    expect(doc.config).toEqual({ op: "conv", input: [3, 3], kernel: [2, 2], stride: [1, 1], padding: [[0, 0], [0, 0]], dilation: [1, 1], inChannels: null, outChannels: null, groups: 1, batch: null, bias: false, indexBase: 1 });
    expect(doc.gradients.dX[0]).toEqual({ index: [1, 1], terms: [{ coef: "1", factors: [{ tensor: "dY", index: [1, 1] }, { tensor: "W", index: [2, 2] }] }] });
    expect(doc.checks[0]).toMatchObject({ rule: "ΔX = Rot180(W) *full ΔY", holds: true, method: "structural" });
    expect(doc.tensors.dY).toEqual({ symbol: "δy", shape: [2, 2] });
  });

  it.concurrent("--method numeric --points 4: the checks say numeric, with the number of points", async () => {
    const r = await cli(["derive", "--input", "4x3", "--kernel", "2x2", "--bias", "--method", "numeric", "--points", "4", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.checks.map((c: { target: string; holds: boolean; method: string; points: number; entries: number }) => [c.target, c.holds, c.method, c.points, c.entries])).toEqual([
      ["dX", true, "numeric", 4, 12],
      ["dW", true, "numeric", 4, 4],
      ["db", true, "numeric", 4, 1],
    ]);
  });

  it.concurrent("a zero entry is [] terms; the scalar bias has index []", async () => {
    const r = await cli(["derive", ...flagsOf(L_SKIP), "--format", "json"]);
    const doc = JSON.parse(r.stdout);
    // x2 and x4 (1-based) are skipped by stride 2 with a 1-wide kernel
    expect(doc.gradients.dX.map((e: { terms: unknown[] }) => e.terms.length)).toEqual([1, 0, 1, 0, 1]);
    const b = await cli(["derive", "--input", "3", "--kernel", "2", "--bias", "--format", "json"]);
    const bd = JSON.parse(b.stdout);
    expect(bd.tensors.b).toEqual({ symbol: "b", shape: [] });
    expect(bd.gradients.db).toEqual([{ index: [], terms: [{ coef: "1", factors: [{ tensor: "dY", index: [1] }] }, { coef: "1", factors: [{ tensor: "dY", index: [2] }] }] }]);
    for (const e of bd.forward) expect(e.terms).toContainEqual({ coef: "1", factors: [{ tensor: "b", index: [] }] });
  });
});

describe("JSON printer over random layers (in-process)", () => {
  it("every option: the document validates and its values equal the brute force", () => {
    fc.assert(
      fc.property(layerArb, fc.integer({ min: 1, max: 2 ** 30 }), (L, seed) => {
        const d = derive(specOf(L));
        const doc = JSON.parse([...jsonChunks(d)].join("")) as Record<string, unknown>;
        validate(doc, L, seed);
      }),
      { numRuns: 120, seed: 31, endOnFailure: true },
    );
  }, 30_000);
});
