/**
 * The gradient rules and the forward pass are formula ASTs (src/grad/formulas.ts), not strings: the text derive prints
 * (src/print/formula.ts) parses back to exactly the rule's AST, for every configuration — so verify,
 * the LaTeX printers and the text printers all read one formula.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive.js";
import { forwardFormula } from "../../src/grad/formulas.js";
import { parseEquation } from "../../src/lang/parse.js";
import { printFormula, TEXT_STYLE } from "../../src/print/formula.js";
import { layerArb, specOf } from "./helpers.js";

describe("rule formulas", () => {
  it("the printed rule (and forward pass) parses back to its own AST, for every configuration", () => {
    fc.assert(
      fc.property(layerArb, (L) => {
        const d = derive(specOf(L));
        for (const c of d.checks) {
          expect(c.rule).toBe(printFormula(c.formula, TEXT_STYLE));
          expect(parseEquation(c.rule), c.rule).toEqual(c.formula);
        }
        const forward = forwardFormula(d.config);
        expect(parseEquation(printFormula(forward)), printFormula(forward)).toEqual(forward);
      }),
      { numRuns: 120, seed: 20261127, endOnFailure: true },
    );
  });

  it("prints channel sums as the verify language writes them", () => {
    const d = derive({ input: [4, 4], kernel: [2, 2], inChannels: 4, outChannels: 2, groups: 2, batch: 2, bias: true, indexBase: 0, op: "xcorr", stride: 2 });
    expect(d.checks.map((c) => c.rule)).toEqual([
      "ΔX[n,c] = Σ_{q=0}^{1} Σ_{o=0}^{0} Σ_{e s.t. 2q+e = c} pad(dilate(ΔY[n,q+o], 2), 1) ⋆ Rot180(W[q+o,e])",
      "ΔW[o,c] = Σ_n Σ_{q=0}^{1} Σ_{e s.t. q+e = o, e ≥ 0, e ≤ 0} X[n,2q+c] ⋆ dilate(ΔY[n,q+e], 2)",
      "δb[o] = Σ_{n,i,j} ΔY[n,o,i,j]",
    ]);
  });
});
