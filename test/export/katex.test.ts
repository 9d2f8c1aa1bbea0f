/**
 * Every math fragment convgrad prints in the latex and markdown formats (and in the deck)
 * renders with KaTeX, throwOnError — for several configurations, user names with LaTeX specials,
 * every gradient notation and both index styles.
 */
import katex from "katex";
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive.js";
import { beamerLines } from "../../src/export/beamer.js";
import { latexLines, latexStandaloneLines, type LatexOptions } from "../../src/print/latex.js";
import { markdownLines } from "../../src/print/markdown.js";
import { CHANNELS, LECTURE, STRIDED, XCORR } from "./configs.js";
import { latexMath, markdownMath, type Fragment } from "./math.js";

/**
 * Fragments KaTeX has rendered in this file, by display mode and text: rendering is a pure function of
 * the two (the options are the same for every call), and three in four fragments recur — the same
 * equation in the fragments, the article, the notes and the deck — so each is rendered once.
 */
const rendered = new Set<string>();

function renders(fragments: Fragment[]): void {
  expect(fragments.length).toBeGreaterThan(0);
  for (const f of fragments) {
    const key = `${f.display ? "display" : "inline"}\u0000${f.math}`;
    if (rendered.has(key)) continue;
    try {
      katex.renderToString(f.math, { throwOnError: true, displayMode: f.display, strict: "ignore" });
    } catch (e) {
      throw new Error(`KaTeX cannot render ${JSON.stringify(f.math.slice(0, 300))}: ${(e as Error).message}`);
    }
    rendered.add(key);
  }
}

const OPTIONS: [string, LatexOptions][] = [
  ["defaults", { tables: true }],
  ["names with specials, partial notation, comma indices", { tables: true, names: { x: "a_1", w: "k&#", y: "z$%" }, grad: "partial", commaIndex: true }],
  ["Delta notation", { tables: true, grad: "Delta", names: { x: "in", w: "{k}", y: "^~\\" } }],
  ["hostile names: a prime, HTML, quotes", { tables: true, names: { x: "'", w: "<img/src=x/onerror=alert(1)>", y: '"y"' } }],
];

describe("KaTeX renders every fragment", () => {
  for (const c of [LECTURE, XCORR, STRIDED, CHANNELS]) {
    const d = derive(c.spec);
    for (const [label, o] of OPTIONS) {
      it(`${c.name}, ${label}: markdown`, () => renders(markdownMath([...markdownLines(d, { ...o, maxTables: 3 })].join("\n"))));
      it(`${c.name}, ${label}: latex fragments and article`, () => {
        renders(latexMath([...latexLines(d, { ...o, maxTables: 3 })].join("\n")));
        renders(latexMath([...latexStandaloneLines(d, { ...o, maxTables: 3 })].join("\n")));
      });
      it(`${c.name}, ${label}: deck`, () => renders(latexMath([...beamerLines(d, { ...o, maxFrames: 3, title: "T & $ #", author: "A_B" })].join("\n"))));
    }
  }

  it("the extractor finds the equations (sanity)", () => {
    const d = derive(LECTURE.spec);
    const fr = markdownMath([...markdownLines(d, { tables: true })].join("\n"));
    expect(fr.some((f) => f.display && f.math.includes("\\delta w_{11} = \\delta y_{11} x_{22}"))).toBe(true);
    expect(fr.some((f) => f.math.includes("\\begin{array}"))).toBe(true);
  });
});
