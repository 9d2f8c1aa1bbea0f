/**
 * The corpus's truth, established without convgrad: each formula's hand translation (`claimed`)
 * is evaluated at every entry of its target against the bigint oracle's brute-force gradients
 * (test/core/oracle.ts), at two random points. A formula marked "holds" must agree everywhere,
 * one marked "fails" must disagree somewhere.
 */
import { describe, expect, it } from "vitest";
import { bruteGradients, forward, geometry, indices, lcg, Q0, qeq, qmul, qstr, randomQ, randomValues, type Q } from "../../core/oracle.js";
import { corpusText, loadCorpus } from "./load.js";
import type { Access, CorpusSource } from "./types.js";

const sources = await loadCorpus();

function accessFor(src: CorpusSource, seed: number): { v: Access; expected: Record<string, Q[]>; shapes: Record<string, number[]> } {
  const L = src.layer;
  const g = geometry(L);
  const next = lcg(seed);
  const vals = randomValues(g, next);
  const Y = forward(L, g, vals);
  const grads = bruteGradients(L, g, vals);
  const base = src.indexBase;
  const reader = (arr: Q[], shape: number[]) => (...idx: number[]): Q => {
    if (idx.length !== shape.length) throw new Error(`${src.file}: ${idx.length} indices for a tensor of shape ${shape}`);
    let f = 0;
    for (let a = 0; a < shape.length; a++) {
      const i = idx[a]! - base;
      if (!Number.isInteger(i) || i < 0 || i >= shape[a]!) return Q0;
      f = f * shape[a]! + i;
    }
    return arr[f]!;
  };
  const fp = new Map<string, Q>();
  const v: Access = {
    x: reader(vals.X, g.shapes.X),
    w: reader(vals.W, g.shapes.W),
    dy: reader(vals.dY, g.shapes.Y),
    y: reader(Y, g.shapes.Y),
    b: (...idx: number[]) => (g.shapes.b.length === 0 ? vals.b[0] ?? Q0 : reader(vals.b, g.shapes.b)(...idx)),
    fprime: (name: string, ...idx: number[]) => {
      const k = `${name}:${idx.join(",")}`;
      if (!fp.has(k)) fp.set(k, randomQ(next));
      return fp.get(k)!;
    },
  };
  return { v, expected: { Y, dX: grads.dX, dW: grads.dW, db: grads.db }, shapes: { Y: g.shapes.Y, dX: g.shapes.X, dW: g.shapes.W, db: g.shapes.b } };
}

/** One brute force per source and seed, shared by its equations (f′'s random values too, drawn on first use). */
const accessCache = new Map<string, ReturnType<typeof accessFor>>();
function sharedAccess(src: CorpusSource, seed: number): ReturnType<typeof accessFor> {
  const key = `${src.file}:${seed}`;
  if (!accessCache.has(key)) accessCache.set(key, accessFor(src, seed));
  return accessCache.get(key)!;
}

describe.each(sources.map((s) => [s.file, s] as const))("corpus truth: %s", (_f, src) => {
  const text = corpusText(src);
  const lines = text.split(/\r\n|\r|\n/);
  it("cites its source and has equations", () => {
    expect(src.citation.length).toBeGreaterThan(10);
    expect(src.url).toMatch(/^https?:\/\//);
    expect(src.equations.length).toBeGreaterThan(0);
  });
  it.each(src.equations.map((e) => [e.line, e] as const))("line %i is where its snippet is", (_l, e) => {
    expect(lines[e.line - 1] ?? "", `${src.file}:${e.line}`).toContain(e.snippet);
  });
  const judged = src.equations.filter((e) => e.claimed);
  if (judged.length === 0) return;
  it.each(judged.map((e) => [e.line, e] as const))("line %i: the hand translation agrees with the truth it is given", (_l, e) => {
    expect(e.target).toBeDefined();
    let differs: string | null = null;
    for (const seed of [7, 1234]) {
      const { v, expected, shapes } = sharedAccess(src, seed);
      const shape = shapes[e.target!]!;
      const want = expected[e.target!]!;
      indices(shape).forEach((idx0, f) => {
        const idx = idx0.map((i) => i + src.indexBase);
        const got = e.claimed!(v, idx);
        const exp = e.scale ? qmul(want[f]!, e.scale(v, idx)) : want[f]!;
        if (!differs && !qeq(got, exp)) differs = `${e.target}[${idx.join(",")}]: formula ${qstr(got)}, oracle ${qstr(exp)}`;
      });
    }
    if (e.truth === "holds") expect(differs, `${src.file}:${e.line} ${e.why}`).toBeNull();
    else expect(differs, `${src.file}:${e.line} should fail (${e.why})`).not.toBeNull();
  });
});
