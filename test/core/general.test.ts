/**
 * `derive --general`: the index-notation gradients for every size. Each printed formula (text and
 * LaTeX) is read back by verify at random concrete sizes, where the engine's chain rule (checked
 * against the brute-force oracle in gradients.property.test.ts) decides; hand-derived forms are
 * compared as strings; a formula with the stride left out must fail.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive.js";
import { generalFormulas, type GeneralSpec } from "../../src/grad/general.js";
import { verifyInput } from "../../src/verify/run.js";
import { cliBatch, type Run } from "../cli/run.js";

function verifyAt(g: GeneralSpec, input: number[], kernel: number[], text: string, latex: boolean, channels: [number, number] | null = null) {
  const d = derive({ ...(channels ? { inChannels: channels[0], outChannels: channels[1] } : {}), op: g.op, input, kernel, stride: [...g.stride], dilation: [...g.dilation], padding: g.padding === "full" ? "full" : g.padding.map(([lo, hi]) => [lo, hi] as [number, number]), indexBase: g.indexBase, bias: g.bias }, { checks: false });
  const r = verifyInput(d, { file: "g", text: latex ? `$$${text}$$` : text, mode: latex ? "auto" : "plain" }, { points: 3 });
  expect(r.length).toBe(1);
  return r[0]!;
}

const MAX_IN: Record<number, number> = { 1: 8, 2: 5, 3: 3 };

const layer = fc.integer({ min: 1, max: 3 }).chain((dims) =>
  fc.record({
    op: fc.constantFrom("conv" as const, "xcorr" as const),
    stride: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: dims, maxLength: dims }),
    dilation: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: dims, maxLength: dims }),
    padding: fc.oneof(fc.constant("full" as const), fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })), { minLength: dims, maxLength: dims })),
    indexBase: fc.integer({ min: 0, max: 2 }),
    bias: fc.boolean(),
    channels: fc.boolean(),
    inC: fc.integer({ min: 1, max: 2 }),
    outC: fc.integer({ min: 1, max: 2 }),
    kernel: fc.array(fc.integer({ min: 1, max: dims === 3 ? 2 : 3 }), { minLength: dims, maxLength: dims }),
    input: fc.array(fc.integer({ min: 1, max: MAX_IN[dims]! }), { minLength: dims, maxLength: dims }),
  }),
);

describe("derive --general", () => {
  it("every formula, text and LaTeX, holds when verify reads it at concrete sizes (random layers)", () => {
    fc.assert(
      fc.property(layer, (L) => {
        const g: GeneralSpec = { op: L.op, stride: L.stride, dilation: L.dilation, padding: L.padding, indexBase: L.indexBase, bias: L.bias, channels: L.channels };
        // only sizes whose kernel fits the padded input
        const fits = L.input.every((h, a) => {
          const [lo, hi] = L.padding === "full" ? [L.dilation[a]! * (L.kernel[a]! - 1), L.dilation[a]! * (L.kernel[a]! - 1)] : L.padding[a]!;
          return h + lo + hi >= L.dilation[a]! * (L.kernel[a]! - 1) + 1;
        });
        fc.pre(fits);
        for (const f of generalFormulas(g)) {
          for (const latex of [false, true]) {
            const r = verifyAt(g, L.input, L.kernel, latex ? f.latex : f.text, latex, L.channels ? [L.inC, L.outC] : null);
            expect(r.status, `${f.name}: ${latex ? f.latex : f.text} at ${L.input}/${L.kernel}: ${r.message}`).toBe("holds");
          }
        }
      }),
      { numRuns: 40, seed: 20261127, endOnFailure: true },
    );
  });

  it("the lecture (true convolution, 1-based): the forms a lecture writes, derived by hand", () => {
    const fs = generalFormulas({ op: "conv", stride: [1, 1], dilation: [1, 1], padding: [[0, 0], [0, 0]], indexBase: 1, bias: false });
    const by = (name: string) => fs.find((f) => f.name === name)!.text;
    // y_{ij} = Σ_{m,n} w_{mn} x_{i−m+K, j−n+K}: for K = 2, y11 = w11 x22 + w12 x21 + w21 x12 + w22 x11
    expect(by("forward")).toBe("y_{i,j} = Σ_{m=1}^{K_1} Σ_{n=1}^{K_2} w_{m,n} x_{i-m+K_1,j-n+K_2}");
    // δx_{uv} = Σ_{m,n} δy_{u+m−K, v+n−K} w_{mn}: δx22 = δy11 w11 + δy12 w12 + δy21 w21 + δy22 w22 (K = 2)
    expect(by("ΔX")).toBe("δx_{u,v} = Σ_{m=1}^{K_1} Σ_{n=1}^{K_2} δy_{u+m-K_1,v+n-K_2} w_{m,n}");
    expect(by("ΔW")).toBe("δw_{m,n} = Σ_{i,j} δy_{i,j} x_{i-m+K_1,j-n+K_2}");
  });

  it("stride 2 (xcorr, 0-based): x_{2i+m}; ΔX keeps the condition 2i + m = u; without the stride it fails", () => {
    const g: GeneralSpec = { op: "xcorr", stride: [2], dilation: [1], padding: [[0, 0]], indexBase: 0, bias: false };
    const fs = generalFormulas(g);
    expect(fs.find((f) => f.name === "forward")!.text).toBe("y_{i} = Σ_{m=0}^{K_1-1} w_{m} x_{2i+m}");
    expect(fs.find((f) => f.name === "ΔX")!.text).toBe("δx_{u} = Σ_{m=0}^{K_1-1} Σ_{i s.t. 2i+m = u} δy_{i} w_{m}");
    expect(verifyAt(g, [7], [3], "δx_{u} = Σ_{m=0}^{K_1-1} δy_{u-m} w_{m}", false).status).toBe("fails");
    expect(verifyAt(g, [7], [3], "δw_{m} = Σ_{i} δy_{i} x_{i+m}", false).status).toBe("fails");
  });

  it("CLI: text, JSON, and one-line errors for what does not apply", async () => {
    const refused = [
      [["--input", "3x3"], "--input: does not apply to --general"],
      [["--in-channels", "2"], "--in-channels: does not apply to --general (every size at once; --channels adds channel axes)"],
      [["--padding", "same"], "--padding: same depends on whether each kernel size is even or odd"],
      [["--dims", "4"], "--dims: must be 1, 2 or 3"],
      [["--stride", "2x1", "--dims", "3"], "--stride: has 2 axes but --dims is 3"],
    ] as const;
    // every command line in one batch (one Node process, the bin's bundle)
    const [text, json, ch, slides, dims, ...errors] = (await cliBatch([
      ["derive", "--general", "--op", "xcorr", "--stride", "2", "--padding", "1", "--bias"],
      ["derive", "--general", "--dims", "1", "--format", "json"],
      ["derive", "--general", "--channels", "--bias", "--dims", "1"],
      ["slides", "--general", "--kernel", "3x3"],
      ["derive", "--input", "3x3", "--kernel", "2x2", "--dims", "2"],
      ...refused.map(([args]) => ["derive", "--general", ...args]),
    ])) as [Run, Run, Run, Run, Run, ...Run[]];
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("ΔX        δx_{u,v} = Σ_{m=1}^{K_1} Σ_{n=1}^{K_2} Σ_{i,j s.t. 2i+m-3 = u, 2j+n-3 = v} δy_{i,j} w_{m,n}");
    const doc = JSON.parse(json.stdout) as { format: string; formulas: { name: string; formula: string; latex: string }[] };
    expect(doc.format).toBe("convgrad.general/1");
    expect(doc.formulas.map((f) => f.name)).toEqual(["forward", "∂y/∂x", "chain ΔX", "ΔX", "∂y/∂w", "chain ΔW", "ΔW"]);
    expect(ch.stdout).toContain("ΔX        δx_{c,u} = Σ_{o} Σ_{m=1}^{K_1} δy_{o,u+m-K_1} w_{o,c,m}");
    expect(ch.stdout).toContain("δb        δb_{o} = Σ_{i} δy_{o,i}");
    expect(errors).toHaveLength(refused.length);
    for (const [i, [, msg]] of refused.entries()) {
      const r = errors[i]!;
      expect(r.code).toBe(2);
      expect(r.stderr.startsWith(`convgrad: ${msg}`), r.stderr).toBe(true);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(slides.code).toBe(2);
    expect(slides.stderr).toContain("--kernel: does not apply to --general");
    expect(dims.stderr).toContain("--dims: applies to --general only");
  }, 120_000);
});
