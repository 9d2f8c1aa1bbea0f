/**
 * The JSON printer: the "convgrad.gradients/1" contract (docs/JSON.md). Streams: yields chunks
 * that concatenate to one JSON document.
 */
import { monoIds } from "../core/monomial.js";
import type { Poly } from "../core/poly.js";
import { ratToString } from "../core/rational.js";
import type { Derivation } from "../derive.js";
import type { Tensor } from "../tensor/tensor.js";
import { gradShape } from "./describe.js";
import { FACTOR_ORDER, unflatten } from "./names.js";

export const GRADIENTS_FORMAT = "convgrad.gradients/1";

function factorOrder(key: string): number {
  const r = FACTOR_ORDER.indexOf(key);
  return r < 0 ? FACTOR_ORDER.length : r;
}

export function* jsonChunks(d: Derivation): Generator<string> {
  const c = d.config;
  const base = c.indexBase;
  const lookup = (id: number) => d.table.lookup(id);
  const term = (p: Poly, i: number): string => {
    const ids = [...monoIds(p.codes[i]!, d.table.monos)];
    const fs = ids
      .map((id) => lookup(id))
      .sort((a, b) => factorOrder(a.range.key) - factorOrder(b.range.key) || a.range.base - b.range.base);
    const factors = fs.map(
      (f) => `{"tensor":${JSON.stringify(f.range.key)},"index":[${f.index.map((v) => v + base).join(",")}]}`,
    );
    return `{"coef":"${ratToString(p.coef(i))}","factors":[${factors.join(",")}]}`;
  };
  const terms = (p: Poly): string => {
    const out: string[] = [];
    for (let i = 0; i < p.size; i++) out.push(term(p, i));
    return `[${out.join(",")}]`;
  };
  const entries = function* (t: Tensor, extra = ""): Generator<string> {
    for (let f = 0; f < t.size; f++) {
      const idx = unflatten(t.shape, f).map((v) => v + base);
      yield `${f === 0 ? "" : ",\n"}    {${extra}"index":[${idx.join(",")}],"terms":${terms(t.entry(f))}}`;
    }
  };
  const config = {
    op: c.op,
    input: c.input,
    kernel: c.kernel,
    stride: c.stride,
    padding: c.padding,
    dilation: c.dilation,
    inChannels: c.inChannels,
    outChannels: c.outChannels,
    groups: c.groups,
    batch: c.batch,
    bias: c.bias,
    indexBase: c.indexBase,
  };
  const tensors: Record<string, { symbol: string; shape: number[] }> = {};
  for (const k of ["X", "W", "Y", "dY", "b"] as const) {
    const t = d.tensors[k];
    if (t) tensors[k] = { symbol: t.symbol, shape: t.shape };
  }
  yield `{"format":"${GRADIENTS_FORMAT}",\n"config":${JSON.stringify(config)},\n"tensors":${JSON.stringify(tensors)},\n"forward":[\n`;
  yield* entries(d.forward, `"tensor":"Y",`);
  yield `\n],\n"gradients":{\n  "dX":[\n`;
  yield* entries(d.gradients.dX);
  yield `\n  ],\n  "dW":[\n`;
  yield* entries(d.gradients.dW);
  if (d.gradients.db) {
    yield `\n  ],\n  "db":[\n`;
    yield* entries(d.gradients.db);
  }
  if (d.gradients.dZ) {
    // --activation f: δz = δx ⊙ f'(z), with f'(z) entries named like the other symbols
    yield `\n  ],\n  "dZ":[\n`;
    yield* entries(d.gradients.dZ);
  }
  yield `\n  ]\n},\n"checks":[`;
  const checks = d.checks.map((ch) => {
    const o: Record<string, unknown> = { rule: ch.rule, target: ch.target, holds: ch.holds, method: ch.method };
    if (ch.reason) o.reason = ch.reason;
    if (ch.comparison) {
      o.entries = ch.comparison.entries;
      if (ch.comparison.points) o.points = ch.comparison.points;
      o.mismatches = ch.comparison.mismatches.map((m) => ({
        index: unflatten(gradShape(d, ch.target), m.flat).map((v) => v + base),
        differences: m.differences.length,
      }));
    }
    return JSON.stringify(o);
  });
  yield `\n  ${checks.join(",\n  ")}\n]}\n`;
}
