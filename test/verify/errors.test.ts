/**
 * Planted errors of every kind: each must fail, and the report must say exactly what is wrong
 * (missing / extra terms, the entries that differ, the near miss the formula matches).
 */
import { describe, expect, it } from "vitest";
import { check, one, xcorrDerivation } from "./helpers.js";

const CORRECT_DX22 = "\\delta x_{22} = \\delta y_{11} w_{11} + \\delta y_{12} w_{12} + \\delta y_{21} w_{21} + \\delta y_{22} w_{22}";

describe("planted errors in entry formulas", () => {
  it("the correct formula holds (control)", () => {
    expect(one(CORRECT_DX22).status).toBe("holds");
  });

  it("wrong index (the lecture's δx22 typo): missing δy22·w22, extra δy11·w22, with a counterexample", () => {
    const r = one(CORRECT_DX22.replace("\\delta y_{22} w_{22}", "\\delta y_{11} w_{22}"));
    expect(r.status).toBe("fails");
    expect(r.entries).toEqual([{ entry: "δx_{2,2}", missing: ["δy_{2,2}·w_{2,2}"], extra: ["δy_{1,1}·w_{2,2}"] }]);
    expect(r.message).toContain("missing δy₂₂·w₂₂");
    expect(r.message).toContain("extra δy₁₁·w₂₂");
    expect(r.details.join("\n")).toMatch(/correct: δx₂₂ = δy₁₁·w₁₁ \+ δy₁₂·w₁₂ \+ δy₂₁·w₂₁ \+ δy₂₂·w₂₂/);
    expect(r.details.join("\n")).toMatch(/counterexample: at .*expected .*the formula gives/);
  });

  it("missing term", () => {
    const r = one("\\delta x_{22} = \\delta y_{11} w_{11} + \\delta y_{12} w_{12} + \\delta y_{21} w_{21}");
    expect(r.status).toBe("fails");
    expect(r.entries[0]).toEqual({ entry: "δx_{2,2}", missing: ["δy_{2,2}·w_{2,2}"], extra: [] });
  });

  it("extra term", () => {
    const r = one(`${CORRECT_DX22} + \\delta y_{12} w_{11}`);
    expect(r.status).toBe("fails");
    expect(r.entries[0]).toEqual({ entry: "δx_{2,2}", missing: [], extra: ["δy_{1,2}·w_{1,1}"] });
  });

  it("wrong coefficient", () => {
    const r = one(CORRECT_DX22.replace("\\delta y_{12} w_{12}", "2 \\delta y_{12} w_{12}"));
    expect(r.status).toBe("fails");
    expect(r.entries[0]).toEqual({ entry: "δx_{2,2}", missing: ["δy_{1,2}·w_{1,2}"], extra: ["2·δy_{1,2}·w_{1,2}"] });
    expect(r.message).toContain("wrong coefficient");
  });

  it("swapped factors (kernel indices of two terms exchanged)", () => {
    const r = one("\\delta x_{12} = \\delta y_{11} w_{22} + \\delta y_{12} w_{21}");
    expect(r.status).toBe("fails");
    expect(r.entries[0]!.missing.sort()).toEqual(["δy_{1,1}·w_{2,1}", "δy_{1,2}·w_{2,2}"]);
    expect(r.entries[0]!.extra.sort()).toEqual(["δy_{1,1}·w_{2,2}", "δy_{1,2}·w_{2,1}"]);
  });

  it("a right side that is another entry's formula is named (rotated by 180°, as the lecture's ΔW rule gives)", () => {
    const r = one("\\delta w_{11} = \\delta y_{11} x_{11} + \\delta y_{12} x_{12} + \\delta y_{21} x_{21} + \\delta y_{22} x_{22}");
    expect(r.status).toBe("fails");
    expect(r.details).toContain("the right side is the formula of δw₂₂ (the entry rotated by 180°): a wrong index?");
    const s = one("\\delta x_{12} = \\delta y_{11} w_{12} + \\delta y_{21} w_{22}");
    expect(s.details).toContain("the right side is the formula of δx₂₁ (the indices swapped): a wrong index?");
    const t = one("y_{12} = w_{22}x_{21} + w_{21}x_{22} + w_{12}x_{31} + w_{11}x_{32}");
    expect(t.details).toContain("the right side is the formula of y₂₁ (the entry rotated by 180°): a wrong index?");
  });

  it("a wrong partial of a forward entry is reported as that partial", () => {
    const r = one("\\frac{\\partial y_{11}}{\\partial x_{22}} = w_{22}");
    expect(r.status).toBe("fails");
    expect(r.message).toBe("∂y₁₁/∂x₂₂: missing w₁₁; extra w₂₂");
  });

  it("an index outside the tensor is named with the tensor's shape", () => {
    const r = one("\\delta x_{22} = \\delta y_{11} w_{31}");
    expect(r.status).toBe("fails");
    expect(r.message).toMatch(/w₃₁ is outside W \(2×2/);
  });

  it("chain rule: a wrong last step is pinpointed to its side", () => {
    const r = one(
      "\\frac{\\partial J}{\\partial x_{13}} = \\frac{\\partial J}{\\partial y_{11}} \\frac{\\partial y_{11}}{\\partial x_{13}} + \\frac{\\partial J}{\\partial y_{12}} \\frac{\\partial y_{12}}{\\partial x_{13}} = \\delta y_{12} w_{22}",
    );
    expect(r.status).toBe("fails");
    expect(r.message).toMatch(/^side 3/);
    expect(r.entries[0]).toEqual({ entry: "δx_{1,3}", missing: ["δy_{1,2}·w_{2,1}"], extra: ["δy_{1,2}·w_{2,2}"] });
  });
});

describe("planted errors in matrix formulas, with the near miss they match", () => {
  it("wrong mode: ΔX with valid convolution is a shape mismatch that holds with full padding", () => {
    const r = one("\\Delta X = Rot180(W) * \\Delta Y");
    expect(r.status).toBe("fails");
    expect(r.message).toContain("shape mismatch: ΔX is 3×3 but Rot180(W) * ΔY is 1×1");
    expect(r.message).toContain("holds with full padding: ΔX = Rot180(W) *full ΔY");
  });

  it("rotated result: the lecture's ΔW = Rot180(ΔY) * X equals Rot180(ΔW); the correct formula is stated", () => {
    const r = one("\\Delta W = Rot180(\\Delta Y) * X");
    expect(r.status).toBe("fails");
    expect(r.entries.map((e) => e.entry)).toEqual(["δw_{1,1}", "δw_{1,2}", "δw_{2,1}", "δw_{2,2}"]);
    expect(r.message).toContain("rotated by 180°");
    expect(r.details[0]).toBe("correct: ΔW = Rot180(X) * ΔY");
  });

  it("transposed result", () => {
    const r = one("\\Delta W = (Rot180(X) * \\Delta Y)^T");
    expect(r.status).toBe("fails");
    expect(r.message).toContain("transposed");
  });

  it("the other convention: the xcorr rule used for a true-convolution layer", () => {
    const r = one("\\Delta X = \\Delta Y \\star_{full} Rot180(W)");
    expect(r.status).toBe("fails");
    expect(r.message).toMatch(/holds with true convolution \(\*\) instead of cross-correlation \(⋆\)/);
  });

  it("for an xcorr layer, the true-convolution rule fails and the xcorr rule holds", () => {
    const d = xcorrDerivation();
    expect(one("\\Delta W = X \\star \\Delta Y", d).status).toBe("holds");
    expect(one("\\Delta X = \\Delta Y \\star_{full} Rot180(W)", d).status).toBe("holds");
    expect(one("\\Delta W = X * \\Delta Y", d).status).toBe("holds"); // * is the configured op
    const r = one("\\Delta W = Rot180(X) *_{valid} \\Delta Y", d);
    expect(r.status).toBe("fails");
    expect(r.details[0]).toBe("correct: ΔW = X ⋆ ΔY");
  });

  it("a strided layer: ΔY must be dilated by the stride, and verify says so", async () => {
    const { derive } = await import("../../src/derive.js");
    const d = derive({ input: [5, 5], kernel: [3, 3], stride: 2 }, { checks: false });
    expect(one("\\Delta X = Rot180(W) *_{full} dilate(\\Delta Y, 2)", d).status).toBe("holds");
    expect(one("\\Delta W = Rot180(X) * dilate(\\Delta Y, 2)", d).status).toBe("holds");
    const r = one("\\Delta X = Rot180(W) *_{full} \\Delta Y", d);
    expect(r.status).toBe("fails");
    expect(r.message).toContain("shape mismatch: ΔX is 5×5 but Rot180(W) *full ΔY is 4×4; holds with ΔY dilated by the stride 2: ΔX = Rot180(W) *full dilate(ΔY, 2)");
  });

  it("swapped operands of a cross-correlation (xcorr layer) fail", () => {
    const r = one("\\Delta W = \\Delta Y \\star X", xcorrDerivation());
    expect(r.status).toBe("fails");
    expect(r.details[0]).toBe("correct: ΔW = X ⋆ ΔY");
  });

  it("a matrix literal with a wrong index (the lecture's δx31 twice) names the entry", () => {
    const r = one(
      "\\Delta X = \\begin{bmatrix} \\delta x_{11} & \\delta x_{12} & \\delta x_{13} \\\\ \\delta x_{21} & \\delta x_{22} & \\delta x_{23} \\\\ \\delta x_{31} & \\delta x_{31} & \\delta x_{33} \\end{bmatrix}",
    );
    expect(r.status).toBe("fails");
    expect(r.entries.map((e) => e.entry)).toEqual(["δx_{3,2}"]);
    expect(r.details.join("\n")).toMatch(/has δx₃₁ where δx₃₂ belongs: a wrong index/);
  });

  it("a wrong forward formula (xcorr written for a conv layer)", () => {
    const r = one("Y = X \\star W");
    expect(r.status).toBe("fails");
    expect(r.details[0]).toBe("correct: Y = X * W");
  });
});

describe("skipped and error verdicts", () => {
  it("an update rule is skipped, not failed", () => {
    const r = one("W = W - \\alpha \\times \\Delta W");
    expect(r.status).toBe("skipped");
    expect(r.message).toContain("\\alpha");
  });

  it("letter-index definitions hold when both sides name the same entry; the lecture's y_{ii} typo fails", () => {
    expect(one("\\delta y_{ij} = \\frac{\\partial J}{\\partial y_{ij}}").status).toBe("holds");
    const r = one("\\delta y_{ij} = \\frac{\\partial J}{\\partial y_{ii}}");
    expect(r.status).toBe("fails");
    expect(r.message).toBe("the indices differ: δy_{i,j} but ∂J/∂y_{i,i}");
    expect(r.details[0]).toBe("correct: δy_{i,j} = ∂J/∂y_{i,j}");
    expect(r.entries.map((e) => e.entry)).toEqual(["δy_{1,2}", "δy_{2,1}"]);
  });

  it("letter indices are checked for every entry: δx_{ij} = δy_{ij} w_{11} fails where it is wrong", () => {
    const r = one("\\delta x_{ij} = \\delta y_{ij} w_{11}");
    expect(r.status).toBe("fails");
    expect(r.message).toMatch(/^\d+ of 9 entries differ/);
  });

  it("a parse error gives line:column, the token and what was expected; other equations are still checked", () => {
    const rs = check("δx11 = δy11 w22\nδx12 = δy11 + * w21\nδx13 = δy12 w21");
    expect(rs.map((r) => r.status)).toEqual(["holds", "error", "holds"]);
    expect(rs[1]!.message).toMatch(/^parse error at 2:15: unexpected "\*"; expected .*operand/);
  });
});

describe("an entry written outside its tensor", () => {
  it("read as 0 (the zero padding a source writes out, w_{1,4} next to w_{-1,4}) it may hold, and says so", async () => {
    const { derive } = await import("../../src/derive.js");
    // X 4×4, W 3×3, stride 2, padding 1, 0-based (metamath1's Korean notebook): x[0][3] meets only
    // y[0][1] through w[1][2] (row 2·0 − 1 + 1 = 0, column 2·1 − 1 + 2 = 3)
    const d = derive({ input: [4, 4], kernel: [3, 3], op: "xcorr", stride: 2, padding: 1, indexBase: 0 }, { checks: false });
    const ok = one("δx_{03} = w_{14} δy_{00} + w_{12} δy_{01} + w_{-1,4} δy_{10} + w_{-1,2} δy_{11}", d);
    expect(ok.status).toBe("holds");
    expect(ok.details[0]).toBe("w₁₄ is outside W (3×3, indices from 0): read as 0 (the zero padding outside the tensor)");
    const bad = one("δx_{03} = w_{14} δy_{00} + w_{11} δy_{01}", d);
    expect(bad.status).toBe("fails");
    expect(bad.message).toMatch(/^w₁₄ is outside W \(3×3, indices from 0\); read as 0 it fails too: /);
  });
});
