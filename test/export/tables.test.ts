/**
 * Derivation tables: the cells of each table multiply out to exactly the terms of that entry's
 * polynomial (from the engine), every covered grid entry carries grid × the kernel entry the
 * placement puts on it, and the lecture's verification slides come out cell for cell.
 */
import { describe, expect, it } from "vitest";
import { monoIds } from "../../src/core/monomial.js";
import { derive } from "../../src/derive.js";
import { Namer } from "../../src/print/names.js";
import { buildTable, representativeEntries, tableCount, tablesTextLines, tableTextLines, TABLE_KINDS } from "../../src/print/tables.js";
import { LECTURE, TABLE_SPECS } from "./configs.js";

describe("derivation tables multiply out to the engine's polynomials", () => {
  for (const spec of TABLE_SPECS) {
    it(JSON.stringify(spec), () => {
      const d = derive(spec);
      const bias = d.table.tensor("b");
      for (const kind of TABLE_KINDS) {
        const n = tableCount(d, kind);
        expect(n).toBe(kind === "Y" ? d.forward.size : kind === "dW" ? d.gradients.dW.size : d.gradients.dX.size);
        for (let f = 0; f < n; f++) {
          const t = buildTable(d, kind, f);
          const seen: number[] = [];
          for (const p of t.panels) {
            expect(p.cells.length).toBe(p.rows * p.cols);
            for (const cell of p.cells) {
              if (cell.kind === "product") {
                // covered by the kernel, and each term is exactly grid · kernel with coefficient 1
                expect(cell.kernel).toBeGreaterThanOrEqual(0);
                expect(cell.grid).toBeGreaterThanOrEqual(0);
                for (const i of cell.terms) {
                  const ids = [...monoIds(t.poly.codes[i]!, d.table.monos)].sort((a, b) => a - b);
                  expect(ids).toEqual([cell.grid, cell.kernel].sort((a, b) => a - b));
                  expect(t.poly.coef(i)).toEqual({ n: 1, d: 1 });
                  seen.push(i);
                }
              } else if (cell.kind === "grey") {
                expect(cell.grid).toBeGreaterThanOrEqual(0);
                expect(cell.kernel).toBe(-1); // a grid entry under the kernel always contributes
              } else if (cell.kind === "zero") {
                expect(cell.grid).toBe(-1);
                expect(cell.kernel).toBeGreaterThanOrEqual(0);
              } else {
                expect(cell.grid).toBe(-1);
                expect(cell.kernel).toBe(-1);
              }
            }
          }
          // every term exactly once: in a cell, or (forward entries with bias) the bias term
          for (const i of t.extra) {
            expect(kind).toBe("Y");
            const ids = [...monoIds(t.poly.codes[i]!, d.table.monos)];
            expect(ids.length).toBe(1);
            expect(bias && ids[0]! >= bias.base && ids[0]! < bias.base + bias.size).toBe(true);
          }
          expect([...seen, ...t.extra].sort((a, b) => a - b)).toEqual(Array.from({ length: t.poly.size }, (_, i) => i));
        }
      }
    });
  }
});

describe("the lecture's verification slides", () => {
  const d = derive(LECTURE.spec);
  const nm = new Namer(d.table, "unicode", 1);
  const grid = (kind: "Y" | "dW" | "dX", f: number): string[][] => {
    const t = buildTable(d, kind, f);
    const p = t.panels[0]!;
    return Array.from({ length: p.rows }, (_, r) =>
      Array.from({ length: p.cols }, (_, c) => {
        const cell = p.cells[r * p.cols + c]!;
        if (cell.kind === "product") return cell.terms.map((i) => nm.term(t.poly.codes[i]!, t.poly.coef(i))).join("+");
        if (cell.kind === "zero") return `(${nm.symbol(cell.kernel)})`;
        if (cell.kind === "grey") return nm.symbol(cell.grid);
        return "";
      }),
    );
  };

  it("y11: X with Rot180(W) over its top-left corner", () => {
    expect(grid("Y", 0)).toEqual([
      ["w₂₂·x₁₁", "w₂₁·x₁₂", "x₁₃"],
      ["w₁₂·x₂₁", "w₁₁·x₂₂", "x₂₃"],
      ["x₃₁", "x₃₂", "x₃₃"],
    ]);
  });

  it("δw11 and δw12: Rot180(X) with Rot180(ΔY) placed over it", () => {
    expect(grid("dW", 0)).toEqual([
      ["δy₂₂·x₃₃", "δy₂₁·x₃₂", "x₃₁"],
      ["δy₁₂·x₂₃", "δy₁₁·x₂₂", "x₂₁"],
      ["x₁₃", "x₁₂", "x₁₁"],
    ]);
    expect(grid("dW", 1)).toEqual([
      ["x₃₃", "δy₂₂·x₃₂", "δy₂₁·x₃₁"],
      ["x₂₃", "δy₁₂·x₂₂", "δy₁₁·x₂₁"],
      ["x₁₃", "x₁₂", "x₁₁"],
    ]);
  });

  it("δx11, δx22: Rot180(W), fully padded, with Rot180(ΔY) placed over it", () => {
    expect(grid("dX", 0)).toEqual([
      ["(δy₂₂)", "(δy₂₁)", "", ""],
      ["(δy₁₂)", "δy₁₁·w₂₂", "w₂₁", ""],
      ["", "w₁₂", "w₁₁", ""],
      ["", "", "", ""],
    ]);
    expect(grid("dX", 4)).toEqual([
      ["", "", "", ""],
      ["", "δy₂₂·w₂₂", "δy₂₁·w₂₁", ""],
      ["", "δy₁₂·w₁₂", "δy₁₁·w₁₁", ""],
      ["", "", "", ""],
    ]);
  });

  it("the text rendering shows covered cells in brackets and the formula under the grid", () => {
    const lines = [...tableTextLines(d, buildTable(d, "dW", 0))];
    expect(lines[0]).toBe("δw₁₁:");
    expect(lines[1]).toContain("Rot180(X), with Rot180(ΔY) placed over it");
    expect(lines[2]).toMatch(/^\s+\[δy₂₂·x₃₃\]\s+\[δy₂₁·x₃₂\]\s+x₃₁$/);
    expect(lines[lines.length - 1]).toBe("  δw₁₁ = δy₁₁·x₂₂ + δy₁₂·x₂₃ + δy₂₁·x₃₂ + δy₂₂·x₃₃");
  });
});

describe("representative subsets", () => {
  it("all entries when few, corners/edges/centre plus the last when many", () => {
    const d = derive({ input: [8, 8], kernel: [3, 3] });
    expect(representativeEntries(d, "dW", 12)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const picks = representativeEntries(d, "dX", 12);
    expect(picks).toEqual([0, 3, 7, 24, 27, 31, 56, 59, 63]);
    const text = [...tablesTextLines(d, 12)];
    expect(text).toContain("Tables for ΔX (9 of 64 entries)");
  });
});
