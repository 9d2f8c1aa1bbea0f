/**
 * The page's own MathML of entry formulas (web/src/mathml.ts) against KaTeX's, the oracle: for every
 * entry of many layers the page may show, the same string KaTeX's renderToString gives; for LaTeX
 * outside the entries' forms, nothing (KaTeX then typesets it).
 */
import katex from "katex";
import { describe, expect, it } from "vitest";
import { deriveView } from "../../web/src/engine.js";
import { LECTURE_FORM, type LayerForm } from "../../web/src/form.js";
import { entryMathml } from "../../web/src/mathml.js";

const katexMathml = (tex: string) =>
  katex.renderToString(tex, { displayMode: true, output: "mathml", throwOnError: false, strict: "ignore" });

/** Layers unlike each other: ops, index bases, a bias, channels, groups, a batch, 1-D and 3-D, indices above 9. */
const FORMS: Partial<LayerForm>[] = [
  {},
  { op: "xcorr", indexBase: "0", bias: true },
  { input: "4x4", inChannels: "2", outChannels: "2", bias: true },
  { input: "4x4", inChannels: "2", outChannels: "4", groups: "2" },
  { input: "12x3", kernel: "2x2" },
  { input: "11x11", kernel: "3x3", stride: "2", padding: "1", dilation: "2" },
  { input: "5", kernel: "2" },
  { input: "3x3x3", kernel: "2x2x2", batch: "2" },
  { input: "8x8", kernel: "3x3", op: "xcorr", bias: true, indexBase: "0" },
];

describe("entry MathML written by the page", () => {
  it("is KaTeX's MathML, string for string, for every entry of the layers the page shows", () => {
    let n = 0;
    for (const f of FORMS) {
      const v = deriveView({ ...LECTURE_FORM, ...f });
      for (const s of v.sections)
        for (const e of s.entries) {
          expect(entryMathml(e.tex), e.tex).toBe(katexMathml(e.tex));
          n++;
        }
    }
    expect(n).toBeGreaterThan(500);
  });

  it("is KaTeX's for the printer's other forms: negative, fractional and power terms, a leading minus, a cut sum", () => {
    const texs = [
      "y_{11} = -w_{11} x_{11} + 2 w_{12} x_{12} - \\frac{1}{2} {w_{21}}^{2} + b",
      "\\delta x_{1,2} = {\\delta y_{1,1}}^{3} - 12 \\delta y_{1,2} w_{2,1} + \\dots",
      "\\delta b = 0",
      "y_{0} = b_{10} + w_{0} x_{0}",
    ];
    for (const t of texs) expect(entryMathml(t), t).toBe(katexMathml(t));
  });

  it("gives nothing for LaTeX outside the entries' forms (KaTeX typesets those)", () => {
    for (const t of ["\\alpha = x_{11}", "y_{i} = x_{i+1}", "x^{2} = y", "{x_{11}} = y", "x_{11 = y", "a < b", "\\frac{a}{2} = 1", "xy = 1"])
      expect(entryMathml(t), t).toBeNull();
  });
});
