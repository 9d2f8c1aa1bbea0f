/** LayerSpec → LayerConfig: normal form, shapes and estimates against the oracle's geometry; validation. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { displayShapes, estimate, internalShapes, normalizeConfig, type LayerSpec } from "../../src/conv/config.js";
import { derive } from "../../src/derive.js";
import { UsageError } from "../../src/errors.js";
import { layerArb, specOf } from "./helpers.js";
import { geometry, prod } from "./oracle.js";

describe("normalizeConfig", () => {
  it("pads, output sizes and displayed shapes equal the oracle's, for random layers", () => {
    fc.assert(
      fc.property(layerArb, (L) => {
        const g = geometry(L);
        const c = normalizeConfig(specOf(L));
        expect(c.padding).toEqual(g.pads);
        expect(c.output).toEqual(g.out);
        expect(c.hasChannels).toBe(g.channels);
        expect(displayShapes(c)).toEqual(g.shapes);
        expect(internalShapes(c).X).toEqual([g.N, g.Ci, ...L.input]);
        expect(c.paddingMode).toBe(typeof L.padding === "string" ? L.padding : null);
      }),
      { numRuns: 300, seed: 21 },
    );
  });

  it("estimate counts the terms the derivation really has (before like terms combine)", () => {
    fc.assert(
      fc.property(layerArb, (L) => {
        const g = geometry(L);
        const c = normalizeConfig(specOf(L));
        const est = estimate(c);
        const d = derive(c, { checks: false });
        const fwd = d.forward.terms();
        // every output entry has at most Cig·|K| products (fewer where padding or dilation holes hit), plus the bias
        const perOut = (g.Ci / L.groups) * prod(L.kernel);
        expect(est.forwardTerms).toBe(prod(g.shapes.Y) * perOut + (L.bias ? prod(g.shapes.Y) : 0));
        expect(fwd).toBeLessThanOrEqual(est.forwardTerms);
        expect(est.symbols).toBe(prod(g.shapes.X) + prod(g.shapes.W) + 2 * prod(g.shapes.Y) + (L.bias ? g.Co : 0));
      }),
      { numRuns: 100, seed: 22 },
    );
  });

  it("a large but exact index base is accepted", () => {
    expect(normalizeConfig({ input: [3], kernel: [1], indexBase: Number.MAX_SAFE_INTEGER - 3 }).indexBase).toBe(Number.MAX_SAFE_INTEGER - 3);
  });

  it("defaults: conv, valid, stride 1, dilation 1, no channels, index base 1", () => {
    const c = normalizeConfig({ input: [4, 5], kernel: [2, 3] });
    expect(c).toMatchObject({ op: "conv", stride: [1, 1], dilation: [1, 1], padding: [[0, 0], [0, 0]], paddingMode: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: false, indexBase: 1, output: [3, 3], hasChannels: false });
  });

  it("same padding is scipy's: lo = ceil((Ke−1)/2), hi = floor((Ke−1)/2), also with dilation", () => {
    expect(normalizeConfig({ input: [5], kernel: [2], padding: "same" }).padding).toEqual([[1, 0]]);
    expect(normalizeConfig({ input: [5], kernel: [4], padding: "same" }).padding).toEqual([[2, 1]]);
    expect(normalizeConfig({ input: [5], kernel: [2], padding: "same", dilation: 3 }).padding).toEqual([[2, 1]]);
    expect(normalizeConfig({ input: [5], kernel: [3], padding: "full", dilation: 2 }).padding).toEqual([[4, 4]]);
  });

  it("batch alone gives one channel each; groups alone give groups channels", () => {
    expect(displayShapes(normalizeConfig({ input: [3], kernel: [2], batch: 2 }))).toEqual({ X: [2, 1, 3], W: [1, 1, 2], Y: [2, 1, 2], b: [1] });
    expect(displayShapes(normalizeConfig({ input: [3], kernel: [2], groups: 2 }))).toEqual({ X: [2, 3], W: [2, 1, 2], Y: [2, 2], b: [2] });
  });

  const BAD: [string, LayerSpec, string][] = [
    ["rank 0", { input: [], kernel: [] }, "--input"],
    ["rank 4", { input: [2, 2, 2, 2], kernel: [1, 1, 1, 1] }, "--input"],
    ["zero size", { input: [0, 3], kernel: [1, 1] }, "--input"],
    ["fractional size", { input: [2.5], kernel: [1] }, "--input"],
    ["NaN size", { input: [NaN], kernel: [1] }, "--input"],
    ["unsafe size", { input: [1e20], kernel: [1] }, "--input"],
    ["rank mismatch", { input: [3, 3], kernel: [2] }, "--kernel"],
    ["kernel too big", { input: [3], kernel: [4] }, "--kernel"],
    ["stride 0", { input: [3], kernel: [2], stride: 0 }, "--stride"],
    ["stride 1.5", { input: [3], kernel: [2], stride: 1.5 }, "--stride"],
    ["dilation 0", { input: [3], kernel: [2], dilation: [0] }, "--dilation"],
    ["negative padding", { input: [3], kernel: [2], padding: -1 }, "--padding"],
    ["unsafe padding", { input: [3], kernel: [2], padding: 1e20 }, "--padding"],
    ["unknown padding mode", { input: [3], kernel: [2], padding: "wide" as never }, "--padding"],
    ["padding rank", { input: [3], kernel: [2], padding: [1, 1] }, "--padding"],
    ["groups 0", { input: [3], kernel: [2], groups: 0 }, "--groups"],
    ["groups do not divide", { input: [3], kernel: [2], inChannels: 3, outChannels: 2, groups: 2 }, "--groups"],
    ["in-channels 0", { input: [3], kernel: [2], inChannels: 0 }, "--in-channels"],
    ["batch 0", { input: [3], kernel: [2], batch: 0 }, "--batch"],
    ["index base -1", { input: [3], kernel: [2], indexBase: -1 }, "--index-base"],
    ["index base 0.5", { input: [3], kernel: [2], indexBase: 0.5 }, "--index-base"],
    ["unknown op", { input: [3], kernel: [2], op: "corr" as never }, "--op"],
    // printed indices base … base+2 would round to colliding numbers above 2^53
    ["index base near 2^53", { input: [3], kernel: [1], indexBase: Number.MAX_SAFE_INTEGER - 1 }, "--index-base"],
  ];
  for (const [what, spec, flag] of BAD) {
    it(`rejects ${what} with a UsageError naming ${flag}`, () => {
      let err: unknown;
      try {
        normalizeConfig(spec);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UsageError);
      expect((err as UsageError).input).toBe(flag);
      expect((err as UsageError).message.startsWith(flag + ": ")).toBe(true);
    });
  }
});

describe("padding and size limits", () => {
  it("one lo:hi pair applies to every axis, like one integer", () => {
    const c = normalizeConfig({ input: [5, 4], kernel: [2, 2], padding: [[0, 1]] });
    expect(c.padding).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(c.output).toEqual([5, 4]);
  });

  it("forward terms are capped at --max-terms, the memory (symbols the bulk) at 130 bytes a --max-terms term", () => {
    // 1×1 kernel: 9 forward terms, 27 symbols (X, Y's δy and nothing else large)
    expect(() => derive({ input: [3, 3], kernel: [1, 1] }, { maxTerms: 9, checks: false })).not.toThrow();
    expect(() => derive({ input: [3, 3], kernel: [1, 1] }, { maxTerms: 8, checks: false })).toThrow(/forward terms/);
    // stride 3 on 9×9 with a 1×1 kernel: 9 forward terms but 81 input symbols; a few kilobytes are never refused for memory
    expect(() => derive({ input: [9, 9], kernel: [1, 1], stride: 3 }, { maxTerms: 9, checks: false })).not.toThrow();
    // stride 17 on 8000×8000 / 9×9: 18 M forward terms, within the default, but 64 M symbols (it peaked at 11 GB); refused before anything is built
    const big = { input: [8000, 8000], kernel: [9, 9], stride: 17 };
    expect(() => derive(big, { checks: false })).toThrow(/64\.4 M symbols and 18\.0 M forward terms \(about 11\.5 GB of memory\), more than the limit 20\.0 M allows \(about 2\.60 GB\)/);
    expect(() => derive(big, { maxTerms: 18_000_000, checks: false })).toThrow(/symbols/);
  });
});
