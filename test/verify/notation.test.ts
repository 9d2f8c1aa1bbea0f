/**
 * Every notation of the formula language parses (exactly once) to what it means: checked by
 * verifying it against the lecture's derivation, so each notation is tied to the engine's result.
 */
import { describe, expect, it } from "vitest";
import { one, parseOne } from "./helpers.js";

/** Each formula holds for the lecture's layer (X 3×3, W 2×2, Y = X * W). */
const HOLDS: [string, string][] = [
  ["\\delta with braces", "\\delta x_{22} = \\delta y_{11} w_{11} + \\delta y_{12} w_{12} + \\delta y_{21} w_{21} + \\delta y_{22} w_{22}"],
  ["\\delta with commas", "\\delta x_{2,2} = \\delta y_{1,1} w_{1,1} + \\delta y_{1,2} w_{1,2} + \\delta y_{2,1} w_{2,1} + \\delta y_{2,2} w_{2,2}"],
  ["unicode δ run-together", "δx22 = δy11 w11 + δy12 w12 + δy21 w21 + δy22 w22"],
  ["unicode δ with braces", "δx_{2,2} = δy_{1,1}·w_{1,1} + δy_{1,2}·w_{1,2} + δy_{2,1}·w_{2,1} + δy_{2,2}·w_{2,2}"],
  ["d prefix", "dx22 = dy11 w11 + dy12 w12 + dy21 w21 + dy22 w22"],
  ["d prefix braces", "dx_{1,1} = dy_{1,1} * w_{2,2}"],
  ["unicode subscripts", "δx₁₂ = δy₁₁·w₂₁ + δy₁₂·w₂₂"],
  ["frac partial", "\\frac{\\partial J}{\\partial x_{11}} = \\delta y_{11} w_{22}"],
  ["slash partial", "∂J/∂x11 = δy11 w22"],
  ["partial of a forward entry", "\\frac{\\partial y_{11}}{\\partial x_{22}} = w_{11}"],
  ["partial of a forward entry (slash)", "∂y₁₂/∂w₁₁ = x₂₃"],
  ["chain rule, checked at every =", "\\frac{\\partial J}{\\partial w_{11}} = \\frac{\\partial J}{\\partial y_{11}} \\frac{\\partial y_{11}}{\\partial w_{11}} + \\frac{\\partial J}{\\partial y_{12}} \\frac{\\partial y_{12}}{\\partial w_{11}} + \\frac{\\partial J}{\\partial y_{21}} \\frac{\\partial y_{21}}{\\partial w_{11}} + \\frac{\\partial J}{\\partial y_{22}} \\frac{\\partial y_{22}}{\\partial w_{11}} = \\delta y_{11} x_{22} + \\delta y_{12} x_{23} + \\delta y_{21} x_{32} + \\delta y_{22} x_{33}"],
  ["forward entry", "y_{11} = w_{22}x_{11} + w_{21}x_{12} + w_{12}x_{21} + w_{11}x_{22}"],
  ["run-together forward entry", "y11 = w22 x11 + w21 x12 + w12 x21 + w11 x22"],
  ["arithmetic: -, \\cdot, \\times, *, parens, integers, \\frac{1}{4}", "2 y_{11} - w_{22} \\cdot x_{11} = (w_{21} \\times x_{12} + w_{12} * x_{21}) + \\frac{1}{4} (4 w_{11}x_{22}) + y_{11} + 0"],
  ["leading minus and powers", "-y_{11} + (w_{22}+x_{11})^2 = -w_{21}x_{12} - w_{12}x_{21} - w_{11}x_{22} + w_{22}^{2} + x_{11}^2 + w_{22}x_{11}"],
  ["matrix forward", "Y = X * W"],
  ["conv function", "Y = conv(X, W, valid)"],
  ["conv function, default mode", "Y = conv(X, W)"],
  ["xcorr of the rotated kernel", "Y = xcorr(X, Rot180(W), valid)"],
  ["\\Delta X, full mode subscript", "\\Delta X = Rot180(W) *_{full} \\Delta Y"],
  ["\\text{full}", "\\Delta X = \\mathrm{Rot180}(W) *_{\\text{full}} \\Delta Y"],
  ["engine spelling *full", "ΔX = Rot180(W) *full ΔY"],
  ["dX and rot180", "dX = conv(rot180(W), dY, full)"],
  ["\\delta X", "\\delta X = Rot180^{\\circ}(W) *_{full} \\delta Y"],
  ["Rot180^{0} with \\mathbf", "\\Delta \\mathbf{W} = \\mathbf{Rot180}^{0}(\\mathbf{X}) * \\Delta \\mathbf{Y}"],
  ["\\boldsymbol and \\operatorname", "\\boldsymbol{\\Delta W} = \\operatorname{Rot180}(\\boldsymbol{X}) * \\boldsymbol{\\Delta Y}"],
  ["\\star is cross-correlation", "\\Delta W = Rot180(X \\star \\Delta Y)"],
  ["⋆ full", "ΔX = conv(ΔY, Rot180(W), full)"],
  ["dilate and pad", "pad(\\Delta Y, 1) \\star W = \\Delta X"],
  ["dilate by 1", "dilate(X, 1) * W = Y"],
  ["bmatrix literal", "\\Delta Y = \\begin{bmatrix} \\delta y_{11} & \\delta y_{12} \\\\ \\delta y_{21} & \\delta y_{22} \\end{bmatrix}"],
  ["bmatrix with trailing \\\\", "W = \\begin{bmatrix} w_{11} & w_{12} \\\\ w_{21} & w_{22} \\\\ \\end{bmatrix}"],
  ["transpose", "W^T = \\begin{bmatrix} w_{11} & w_{21} \\\\ w_{12} & w_{22} \\end{bmatrix}"],
  ["scalar times matrix", "2 \\Delta Y - \\Delta Y = \\Delta Y"],
  ["\\stackrel{\\Delta}{=}", "\\frac{\\partial J}{\\partial w_{11}} \\stackrel{\\Delta}{=} \\delta w_{11}"],
  ["\\left( \\right) and spacing", "\\delta x_{12} = \\left( \\delta y_{11} w_{21} \\right) + \\, \\delta y_{12} w_{22}"],
];

describe("notations", () => {
  for (const [name, f] of HOLDS) {
    it(name, () => {
      parseOne(f);
      const r = one(f);
      expect(r.status, `${f}: ${r.message}`).toBe("holds");
      expect(r.method).toBe("structural");
    });
  }

  it("run-together digits mean one digit per index; braces with commas for larger indices", () => {
    const [a] = parseOne("x23 = 0");
    expect(a).toMatchObject({ k: "entry", base: "x", index: { kind: "num", values: [2, 3] } });
    const [b] = parseOne("x_{10,2} = 0");
    expect(b).toMatchObject({ index: { kind: "num", values: [10, 2] } });
    const [c] = parseOne("δx₁₀,₂ = 0");
    expect(c).toMatchObject({ grad: true, index: { kind: "num", values: [10, 2] } });
  });

  it("bias b and δb with --bias", async () => {
    const { derive } = await import("../../src/derive.js");
    const d = derive({ input: [3, 3], kernel: [2, 2], bias: true }, { checks: false });
    expect(one("y_{11} = w_{22}x_{11} + w_{21}x_{12} + w_{12}x_{21} + w_{11}x_{22} + b", d).status).toBe("holds");
    expect(one("\\delta b = \\delta y_{11} + \\delta y_{12} + \\delta y_{21} + \\delta y_{22}", d).status).toBe("holds");
    expect(one("\\frac{\\partial y_{12}}{\\partial b} = 1", d).status).toBe("holds");
    expect(one("δb = Σ ΔY", d).status).toBe("holds");
    expect(one("\\delta b = \\sum \\Delta \\mathbf{Y}", d).status).toBe("holds");
    expect(one("Y = X * W + b", d).status).toBe("holds");
    // ΔY² of a matrix: a matrix power or entry by entry? convgrad does not guess (skipped, not failed)
    expect(one("\\delta b = \\sum \\Delta Y^{2}", d).status).toBe("skipped");
  });

  it("elided matrices (\\vdots, \\cdots) are skipped, not failed", () => {
    expect(one("\\Delta Y = \\begin{bmatrix} \\delta y_{11} & \\cdots \\\\ \\vdots & \\delta y_{22} \\end{bmatrix}").status).toBe("skipped");
  });

  it("a formula with the wrong value fails for each notation family", () => {
    for (const f of ["δx22 = δy11 w11", "\\Delta X = Rot180(W) * \\Delta Y", "Y = X \\star W", "\\frac{\\partial y_{11}}{\\partial x_{22}} = w_{22}"]) {
      expect(one(f).status, f).toBe("fails");
    }
  });
});

describe("channels counted from 1, positions from 0 (yizt's multi-channel posts)", () => {
  it("learns the mixed origin from the forward formula and checks the gradients with it", async () => {
    const { derive } = await import("../../src/derive.js");
    const { check } = await import("./helpers.js");
    // X 2×5×4 (channels first), W 3×2×3×2 written W_{m,n,c,d}, stride 2, 0-based positions, 1-based channels
    const d = derive({ input: [5, 4], kernel: [3, 2], op: "xcorr", indexBase: 0, stride: 2, inChannels: 2, outChannels: 3, bias: true });
    const doc = [
      "$$z^l_{d,i,j} = \\sum_{c=1}^{2}\\sum_{m=0}^{2} \\sum_{n=0}^{1} W_{m,n,c,d}^{l-1} z_{c,2i+m,2j+n}^{l-1} + b^{l-1}_d$$",
      // ∂L/∂b_d = Σ_{i,j} δ_{d,i,j}, and the bias of channel 3 (1-based) exists: d runs 1..3
      "$$\\delta^l = \\frac{\\partial L}{\\partial z^l}$$",
      "$$\\frac{\\partial L}{\\partial b^{l-1}_d} = \\sum_i \\sum_j \\delta^l_{d,i,j}$$",
      // the same with channel d + 1: wrong for every d
      "$$\\frac{\\partial L}{\\partial b^{l-1}_d} = \\sum_i \\sum_j \\delta^l_{d+1,i,j}$$",
    ].join("\n");
    const [fwd, , db, wrong] = check(doc, d, "auto");
    expect(fwd!.status).toBe("definition");
    expect(fwd!.message).toContain("channels counted from 1, positions from 0");
    expect(db!.status).toBe("holds");
    expect(db!.message).toContain("over 3 values");
    expect(wrong!.status).toBe("fails");
  });
});

describe("a loss the document only differentiates (Maheshwari's F)", () => {
  it("is read as the loss, and each equation that uses it says so", async () => {
    const { check, lectureDerivation } = await import("./helpers.js");
    // the lecture: δw11 = δy11 x22 + δy12 x23 + δy21 x32 + δy22 x33 (true convolution, 1-based)
    const doc = ["$$\\frac{\\partial F}{\\partial w_{11}} = \\frac{\\partial F}{\\partial y_{11}} x_{22} + \\frac{\\partial F}{\\partial y_{12}} x_{23} + \\frac{\\partial F}{\\partial y_{21}} x_{32} + \\frac{\\partial F}{\\partial y_{22}} x_{33}$$",
      "$$\\frac{\\partial F}{\\partial w_{11}} = \\frac{\\partial F}{\\partial y_{11}} x_{11}$$"].join("\n");
    const [ok, bad] = check(doc, lectureDerivation(), "auto");
    expect(ok!.status).toBe("holds");
    expect(ok!.details).toContain("read with F as the loss (the document only differentiates it: ∂F/∂…)");
    expect(bad!.status).toBe("fails");
  });

  it("is not read so when the name is also differentiated by (∂L/∂F: F is the filter) or a loss is known", async () => {
    const { check, lectureDerivation } = await import("./helpers.js");
    const asFilter = check("$$\\frac{\\partial L}{\\partial F} = \\frac{\\partial F}{\\partial y_{11}}$$", lectureDerivation(), "auto");
    expect(asFilter[0]!.status).toBe("skipped");
    const withJ = check(["$$\\frac{\\partial J}{\\partial w_{11}} = \\delta y_{11} x_{22} + \\delta y_{12} x_{23} + \\delta y_{21} x_{32} + \\delta y_{22} x_{33}$$", "$$\\frac{\\partial F}{\\partial w_{11}} = \\delta y_{11} x_{22}$$"].join("\n"), lectureDerivation(), "auto");
    expect(withJ[1]!.status).toBe("skipped");
  });
});
