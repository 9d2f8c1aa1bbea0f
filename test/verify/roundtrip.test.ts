/**
 * Round trip: every formula convgrad prints — derive's text output, its LaTeX and Markdown
 * export, Namer's plain / unicode / LaTeX names, and verify's own formula printer — parses back,
 * and (being convgrad's own results) holds under verify.
 */
import { describe, expect, it } from "vitest";
import { derive, type Derivation } from "../../src/derive.js";
import { parseEquation } from "../../src/lang/parse.js";
import { printEquation } from "../../src/lang/print.js";
import { Namer } from "../../src/print/names.js";
import { textLines } from "../../src/print/text.js";
import { unflatten } from "../../src/print/names.js";
import { verifyInput } from "../../src/verify/run.js";
import { check, parseOne } from "./helpers.js";

const CONFIGS = [
  { input: [3, 3], kernel: [2, 2] },
  { input: [3, 3], kernel: [2, 2], op: "xcorr" as const },
  { input: [12, 3], kernel: [2, 2], op: "xcorr" as const, bias: true },
  { input: [5], kernel: [3] },
  { input: [3, 3, 3], kernel: [2, 2, 2] },
  { input: [4, 4], kernel: [3, 3], indexBase: 0 },
];

function run(d: Derivation, text: string, mode: "auto" | "plain") {
  return verifyInput(d, { file: "t", text, mode }, { points: 3 });
}

function expectAllHold(results: ReturnType<typeof run>, min: number) {
  const bad = results.filter((r) => r.status !== "holds" && r.status !== "skipped");
  expect(bad.map((r) => `${r.line}: ${r.source} → ${r.status}: ${r.message}`)).toEqual([]);
  expect(results.filter((r) => r.status === "holds").length).toBeGreaterThanOrEqual(min);
}

describe("derive's printed formulas parse back and hold", () => {
  for (const spec of CONFIGS) {
    const d = derive(spec, { checks: true });
    const label = JSON.stringify(spec);
    it(`text output ${label}`, () => {
      const lines: string[] = [];
      for (const raw of textLines(d)) {
        let l = raw.trim().replace(/^convgrad: /, "").replace(/^non-zero: /, "").replace(/\s{3}\(.*\)$/, "");
        if (!l.includes(" = ") || l.includes("Σ") || /[a-z]{4,} [a-z]{4,}/i.test(l)) continue;
        lines.push(l);
      }
      expect(lines.length).toBeGreaterThan(d.forward.size);
      expectAllHold(run(d, lines.join("\n"), "plain"), lines.length);
    });
  }

  it("LaTeX export (src/print/latex.ts) verifies as a document", async () => {
    const { latexLines } = await import("../../src/print/latex.js");
    for (const spec of CONFIGS.slice(0, 3)) {
      const d = derive(spec);
      expectAllHold(run(d, [...latexLines(d)].join("\n"), "auto"), d.forward.size + d.gradients.dX.size);
    }
  });

  it("Markdown export verifies as a document", async () => {
    const { markdownLines } = await import("../../src/print/markdown.js");
    const d = derive(CONFIGS[0]!);
    expectAllHold(run(d, [...markdownLines(d)].join("\n"), "auto"), 10);
  });

  it("Namer names in every style parse back to the same entries", () => {
    for (const spec of CONFIGS) {
      const d = derive(spec, { checks: false });
      for (const style of ["plain", "unicode", "latex"] as const) {
        const nm = new Namer(d.table, style, d.config.indexBase);
        const eqs: string[] = [];
        d.gradients.dX.data.forEach((p, f) => eqs.push(`${nm.gradName("x", unflatten(d.gradients.dX.shape, f))} = ${nm.poly(p)}`));
        d.forward.data.forEach((p, f) => eqs.push(`${nm.entry("y", unflatten(d.forward.shape, f))} = ${nm.poly(p)}`));
        const rs = run(d, eqs.join("\n"), "plain");
        expectAllHold(rs, eqs.length);
      }
    }
  });
});

describe("verify's own printer", () => {
  const FORMULAS = [
    "\\delta x_{22} = \\delta y_{11} w_{11} + \\delta y_{12} w_{12} - 2 \\delta y_{21} w_{21} \\cdot \\delta y_{22}",
    "\\Delta X = Rot180^{0}(W) *_{full} \\Delta Y",
    "\\Delta W = \\mathbf{Rot180}(\\Delta Y \\star X)^{T}",
    "dX = conv(rot180(W), dY, full) + xcorr(pad(dY, 1), W, valid) - 2 dilate(dX, 1)",
    "\\frac{\\partial J}{\\partial w_{11}} = \\frac{\\partial J}{\\partial y_{11}} \\frac{\\partial y_{11}}{\\partial w_{11}} + \\frac{1}{4} (x_{11} + x_{12})^{2}",
    "-\\frac{\\partial y_{12}}{\\partial x_{23}} = -(w_{11})",
    "W = \\begin{bmatrix} w_{11} & w_{12} \\\\ w_{21} & -w_{22} \\end{bmatrix}",
    "x_{10,2} = δx₁₀,₂ - b + \\alpha",
  ];
  for (const f of FORMULAS) {
    it(f, () => {
      const ast = parseOne(f);
      for (const style of ["text", "latex"] as const) {
        const printed = printEquation(ast, style);
        const again = parseOne(printed);
        expect(printEquation(again, style)).toBe(printed);
        expect(printEquation(again, "text")).toBe(printEquation(ast, "text"));
      }
      // and the verdict is the same for the printed form
      const verdict = (s: string) => check(s)[0]!.status;
      expect(verdict(printEquation(ast, "latex"))).toBe(verdict(f));
    });
  }

  it("a printed formula means the same expression (not just the same text)", () => {
    const ast = parseEquation("2 x_{11} - (x_{12} - x_{13}) = x_{11}");
    expect(printEquation(ast)).toBe("2·x₁₁ - (x₁₂ - x₁₃) = x₁₁");
  });
});

describe("verify's stated formulas parse back and hold", () => {
  it("every 'correct:' formula and every near-miss formula in the lecture's report holds", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync("docs/examples/lecture-summary.tex", "utf8");
    const d = derive({ input: [3, 3], kernel: [2, 2] }, { checks: false });
    const results = verifyInput(d, { file: "lecture", text, mode: "auto" }, { points: 3 });
    const stated: string[] = [];
    for (const r of results) {
      for (const det of r.details) if (det.startsWith("correct: ")) stated.push(det.slice("correct: ".length));
      const m = /holds with [^:]*: (.*)$/.exec(r.message);
      if (m) stated.push(m[1]!);
    }
    expect(stated.length).toBeGreaterThanOrEqual(6);
    const letterIndex = stated.filter((s) => /_\{[a-z](,[a-z])*\}/.test(s));
    const checked = run(d, stated.join("\n"), "plain");
    expect(checked.map((r) => `${r.source}: ${r.status} ${r.message}`).filter((s) => !/: holds /.test(s))).toEqual([]);
    expect(letterIndex.length).toBe(2);
  });

  it("the Beamer deck (convgrad slides) verifies", async () => {
    const { cli } = await import("../cli/run.js");
    const r = await cli(["slides", "--input", "3x3", "--kernel", "2x2"]);
    expect(r.code).toBe(0);
    const d = derive({ input: [3, 3], kernel: [2, 2] }, { checks: false });
    expectAllHold(run(d, r.stdout, "auto"), 20);
  });
});
