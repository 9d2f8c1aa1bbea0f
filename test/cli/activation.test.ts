/** derive --activation f: δz = δx ⊙ f'(z), f'(z_{ij}) one symbol per entry of X. */
import { describe, expect, it } from "vitest";
import { cliBatch, type Run } from "./run.js";

interface Term {
  coef: string;
  factors: { tensor: string; index: number[] }[];
}
interface Entry {
  index: number[];
  terms: Term[];
}

/** The file's command lines, run once in one batch (one Node process, the bin's bundle). */
const LINES = [
  ["derive", "--input", "4x3", "--kernel", "2x2", "--op", "xcorr", "--activation", "\\sigma", "--format", "json"],
  ["derive", "--input", "3x3", "--kernel", "2x2", "--activation", "f", "--no-steps"],
  ["derive", "--input", "3x3", "--kernel", "2x2", "--activation", "f", "--format", "latex"],
  ["derive", "--input", "3x3", "--kernel", "2x2", "--activation", "f;x"],
];
let runs: Promise<Run[]> | null = null;
const batch = async () => (await (runs ??= cliBatch(LINES))) as [Run, Run, Run, Run];

describe("derive --activation", () => {
  it("every δz term is a δx term times f'(z) at the same entry, and nothing else", async () => {
    const [r] = await batch();
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { gradients: { dX: Entry[]; dZ: Entry[] } };
    expect(j.gradients.dZ).toHaveLength(12);
    j.gradients.dZ.forEach((e, k) => {
      const dx = j.gradients.dX[k]!;
      expect(e.index).toEqual(dx.index);
      expect(e.terms).toHaveLength(dx.terms.length);
      e.terms.forEach((t, n) => {
        const act = t.factors.filter((f) => f.tensor === "fZ");
        expect(act).toEqual([{ tensor: "fZ", index: e.index }]);
        expect({ coef: t.coef, factors: t.factors.filter((f) => f.tensor !== "fZ") }).toEqual(dx.terms[n]);
      });
    });
  }, 60_000);

  it("text shows the section; other formats and malformed names are refused with exit 2", async () => {
    const [, t, l, bad] = await batch();
    expect(t.stdout).toContain("Through the activation: x = f(z), so δz = δx ⊙ f'(z)");
    expect(t.stdout).toContain("δz₂₂ = δy₁₁·w₁₁·f'(z)₂₂ + δy₁₂·w₁₂·f'(z)₂₂ + δy₂₁·w₂₁·f'(z)₂₂ + δy₂₂·w₂₂·f'(z)₂₂");
    expect(l.code).toBe(2);
    expect(l.stderr).toContain("--activation");
    expect(bad.code).toBe(2);
  }, 60_000);
});
