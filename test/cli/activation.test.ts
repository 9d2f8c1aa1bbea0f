/** derive --activation f: δz = δx ⊙ f'(z), f'(z_{ij}) one symbol per entry of X. */
import { describe, expect, it } from "vitest";
import { cli } from "./run.js";

interface Term {
  coef: string;
  factors: { tensor: string; index: number[] }[];
}
interface Entry {
  index: number[];
  terms: Term[];
}

describe("derive --activation", () => {
  it("every δz term is a δx term times f'(z) at the same entry, and nothing else", async () => {
    const r = await cli(["derive", "--input", "4x3", "--kernel", "2x2", "--op", "xcorr", "--activation", "\\sigma", "--format", "json"]);
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
    const t = await cli(["derive", "--input", "3x3", "--kernel", "2x2", "--activation", "f", "--no-steps"]);
    expect(t.stdout).toContain("Through the activation: x = f(z), so δz = δx ⊙ f'(z)");
    expect(t.stdout).toContain("δz₂₂ = δy₁₁·w₁₁·f'(z)₂₂ + δy₁₂·w₁₂·f'(z)₂₂ + δy₂₁·w₂₁·f'(z)₂₂ + δy₂₂·w₂₂·f'(z)₂₂");
    const l = await cli(["derive", "--input", "3x3", "--kernel", "2x2", "--activation", "f", "--format", "latex"]);
    expect(l.code).toBe(2);
    expect(l.stderr).toContain("--activation");
    const bad = await cli(["derive", "--input", "3x3", "--kernel", "2x2", "--activation", "f;x"]);
    expect(bad.code).toBe(2);
  }, 60_000);
});
