/**
 * Past the expansion budget, sides are compared numerically at exact random points (and the
 * verdict says so); the layer's own padding is what pad(X) means; --color always colors.
 */
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive.js";
import { cli } from "../cli/run.js";
import { one } from "./helpers.js";

// 17 symbols of the lecture's layer; a product of 7 copies would expand to > 10^6 terms.
const S = "(x_{11} + x_{12} + x_{13} + x_{21} + x_{22} + x_{23} + x_{31} + x_{32} + x_{33} + w_{11} + w_{12} + w_{21} + w_{22} + \\delta y_{11} + \\delta y_{12} + \\delta y_{21} + \\delta y_{22})";

describe("numeric fallback", () => {
  it("holds numerically, and says so", () => {
    const r = one(`${S.repeat(7)} = ${S}^{7}`);
    expect(r.status).toBe("holds");
    expect(r.method).toBe("numeric");
    expect(r.message).toMatch(/numerically at 4 exact random points/);
  });

  it("fails numerically with the point where the sides differ", () => {
    const r = one(`${S.repeat(7)} = ${S}^{7} + x_{11}`);
    expect(r.status).toBe("fails");
    expect(r.method).toBe("numeric");
    expect(r.message).toMatch(/differs at [δxw].* = .*expected .*the formula gives/);
    expect(r.message.length).toBeLessThan(600);
  });
});

describe("pad(X) without an amount is the layer's padding", () => {
  it("ΔW = Rot180(pad(X)) * ΔY holds for a padded layer, and pad(X, 1) is the same there", () => {
    const d = derive({ input: [4, 4], kernel: [2, 2], padding: 1 }, { checks: false });
    expect(one("\\Delta W = Rot180(\\operatorname{pad}(X)) * \\Delta Y", d).status).toBe("holds");
    expect(one("\\Delta W = Rot180(pad(X, 1)) * \\Delta Y", d).status).toBe("holds");
    // (Rot180(X) * ΔY also holds here: valid mode lets ΔY, the larger operand, slide over it)
    expect(one("\\Delta W = Rot180(X) * \\Delta Y", d).status).toBe("holds");
    const r = one("\\Delta W = X \\star \\Delta Y", d);
    expect(r.status).toBe("fails");
    expect(r.details[0]).toBe("correct: ΔW = Rot180(pad(X)) * ΔY");
  });
});

describe("text colors", () => {
  it("--color always colors the verdicts, --color never does not", async () => {
    const a = await cli(["verify", "--input", "3x3", "--kernel", "2x2", "--color", "always", "--expr", "Y = X * W"]);
    expect(a.stdout).toContain("\x1b[32m");
    const n = await cli(["verify", "--input", "3x3", "--kernel", "2x2", "--color", "never", "--expr", "Y = X * W"]);
    expect(n.stdout).not.toContain("\x1b[");
  });
});
