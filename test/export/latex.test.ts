/**
 * The LaTeX building blocks: escaping of user text and names, the rule formulas of the engine's
 * checks as LaTeX (printed from their AST), --names parsing, and the grad notations.
 */
import katex from "katex";
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive.js";
import { UsageError } from "../../src/errors.js";
import { gradientRow, latexNamer, latexText, ruleLatex } from "../../src/print/latex.js";
import { parseNames } from "../../src/cli/notation.js";
import { escapeLatexName } from "../../src/print/names.js";
import { LECTURE, TABLE_SPECS } from "./configs.js";

describe("latexText", () => {
  it("escapes every LaTeX special character", () => {
    expect(latexText("50% & $x_1$ #1 {a} ~ ^ \\")).toBe("50\\% \\& \\$x\\_1\\$ \\#1 \\{a\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}");
  });
  it("maps the symbols convgrad's messages use, keeps accents, replaces the rest", () => {
    expect(latexText("X 3×3 → Y, ΔW, δb, ⋆, ∂, ·")).toBe("X 3${\\times}$3 $\\to$ Y, $\\Delta$W, $\\delta$b, $\\star$, $\\partial$, ${\\cdot}$");
    expect(latexText("café Müller")).toBe("café Müller");
    expect(latexText("漢字 ł")).toBe("?? ?");
    expect(latexText("a--b")).toBe("a-{}-{}b");
  });
});

describe("ruleLatex", () => {
  it("prints the lecture's rules", () => {
    const d = derive(LECTURE.spec);
    expect(d.checks.map((c) => ruleLatex(c.formula))).toEqual([
      "\\Delta \\mathbf{X} = Rot180^{\\circ}(\\mathbf{W}) *_{\\text{full}} \\Delta \\mathbf{Y}",
      "\\Delta \\mathbf{W} = Rot180^{\\circ}(\\mathbf{X}) * \\Delta \\mathbf{Y}",
    ]);
  });
  it("renames tensors", () => {
    const d = derive({ ...LECTURE.spec, op: "xcorr" });
    expect(ruleLatex(d.checks[0]!.formula, { names: { x: "a", w: "k", y: "z" } })).toBe("\\Delta \\mathbf{A} = \\Delta \\mathbf{Z} \\star_{\\text{full}} Rot180^{\\circ}(\\mathbf{K})");
  });
  it("prints sums over channels and groups, strides and per-axis amounts", () => {
    const grouped = derive({ input: [5], kernel: [2], inChannels: 4, outChannels: 2, groups: 2, batch: 2, bias: true });
    expect(grouped.checks.map((c) => ruleLatex(c.formula))).toEqual([
      "\\Delta \\mathbf{X}[n,c] = \\sum_{q=1}^{2} \\sum_{o=1}^{1} \\sum_{e\\text{ s.t. }2q-2+e = c} Rot180^{\\circ}(\\mathbf{W}[q-1+o,e]) *_{\\text{full}} \\Delta \\mathbf{Y}[n,q-1+o]",
      "\\Delta \\mathbf{W}[o,c] = \\sum_{n} \\sum_{q=1}^{2} \\sum_{e\\text{ s.t. }q-1+e = o, e \\ge 1, e \\le 1} Rot180^{\\circ}(\\mathbf{X}[n,2q-2+c]) * \\Delta \\mathbf{Y}[n,q-1+e]",
      "\\delta b[o] = \\sum_{n,i} \\Delta \\mathbf{Y}[n,o,i]",
    ]);
    const strided = derive({ input: [5, 6], kernel: [3, 2], op: "xcorr", stride: [2, 1], padding: [[1, 0], [0, 2]] });
    expect(strided.checks.map((c) => ruleLatex(c.formula))).toEqual([
      "\\Delta \\mathbf{X} = \\operatorname{pad}(\\operatorname{dilate}(\\Delta \\mathbf{Y}, 2, 1), 1:3, 1:-1) \\star Rot180^{\\circ}(\\mathbf{W})",
      "\\Delta \\mathbf{W} = \\operatorname{pad}(\\mathbf{X}, 1:-1, 0:2) \\star \\operatorname{dilate}(\\Delta \\mathbf{Y}, 2, 1)",
    ]);
    const dilated = derive({ input: [8], kernel: [2], stride: 2, dilation: 2 });
    expect(ruleLatex(dilated.checks[1]!.formula)).toBe("\\Delta \\mathbf{W} = \\operatorname{conv}(Rot180^{\\circ}(\\operatorname{crop}(\\mathbf{X}, 0:1)), \\operatorname{dilate}(\\Delta \\mathbf{Y}, 2), \\mathrm{stride}=2)");
  });
  it("every rule of every configuration becomes KaTeX-renderable math without unknown characters", () => {
    for (const spec of [...TABLE_SPECS, { ...LECTURE.spec, op: "xcorr" as const, bias: true, padding: 1 }]) {
      for (const c of derive(spec).checks) {
        const math = ruleLatex(c.formula);
        expect(math).not.toContain("?");
        expect(() => katex.renderToString(math, { throwOnError: true })).not.toThrow();
      }
    }
  });
});

describe("names and notations", () => {
  it("parses --names", () => {
    expect(parseNames("a, k ,z")).toEqual({ x: "a", w: "k", y: "z" });
    expect(() => parseNames("a,b")).toThrow(UsageError);
    expect(() => parseNames("a b,c,d")).toThrow(/printable ASCII/);
    // two roles, one tensor: a and A are both the tensor A
    expect(() => parseNames("a,A,z")).toThrow(/tensor A/);
    expect(() => parseNames("x,w,J")).toThrow(/J is the loss/);
  });
  it("escapes names for LaTeX, KaTeX and Markdown alike", () => {
    expect(escapeLatexName("x")).toBe("x");
    expect(escapeLatexName("in2")).toBe("in2");
    expect(escapeLatexName("'")).toBe("{'}");
    expect(escapeLatexName("a_1")).toBe("{a\\_1}");
    expect(escapeLatexName("<b>")).toBe("{\\char60 b\\char62 }");
    expect(escapeLatexName("\\input{f}")).toBe("{\\backslash input\\{f\\}}");
    expect(escapeLatexName("^^5c")).toBe("{\\hat{}\\hat{}5c}");
  });
  it("writes gradient entries in each notation, with either index style", () => {
    const d = derive(LECTURE.spec);
    expect(gradientRow(d, latexNamer(d), "dW", 0)).toBe("\\delta w_{11} &= \\delta y_{11} x_{22} + \\delta y_{12} x_{23} + \\delta y_{21} x_{32} + \\delta y_{22} x_{33}");
    expect(gradientRow(d, latexNamer(d, { grad: "Delta", commaIndex: true }), "dX", 0)).toBe("\\Delta x_{1,1} &= \\Delta y_{1,1} w_{2,2}");
    expect(gradientRow(d, latexNamer(d, { grad: "partial", names: { x: "a_1", w: "k", y: "z" } }), "dX", 0)).toBe(
      // a name that is not plain letters and digits is braced: {a\_1}_{11}, one symbol with one subscript
      "\\frac{\\partial J}{\\partial {a\\_1}_{11}} &= \\frac{\\partial J}{\\partial z_{11}} k_{22}",
    );
  });
});
