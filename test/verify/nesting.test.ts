/**
 * The nesting limit (src/verify/nesting.ts): measured without recursion; a chain of one
 * precedence (a long sum, a long product) is one level, so long formulas are not refused.
 */
import { describe, expect, it } from "vitest";
import { NestingError } from "../../src/errors.js";
import { parseEquation } from "../../src/lang/parse.js";
import { assertNesting, assertTextNesting, bracketDepth, degreeBound, MAX_DEGREE, MAX_NESTING, nestingDepth, textDegree } from "../../src/verify/nesting.js";
import { one } from "./helpers.js";

const depth = (f: string) => nestingDepth(parseEquation(f));

describe("nestingDepth", () => {
  it("counts the levels of a formula: entries 1, each operator around them one more", () => {
    expect(depth("x_{11} = x_{11}")).toBe(1);
    expect(depth("\\Delta X = Rot180(W) *full \\Delta Y")).toBe(3); // conv → rot → W
    expect(depth("\\Delta X = Rot180(Rot180(Rot180(W)))")).toBe(4);
    expect(depth("x_{11} = -(-(x_{11}))")).toBe(3);
  });

  it("a chain of + and −, or of products, is one level however long", () => {
    const sum = Array.from({ length: 5000 }, (_, i) => `${i % 2 ? "-" : "+"} x_{11}`).join(" ");
    expect(depth(`x_{11} = x_{11} ${sum}`)).toBe(2);
    expect(depth(`x_{11} = ${Array.from({ length: 3000 }, () => "x_{11}").join(" \\cdot ")}`)).toBe(2);
    // a product inside a sum is a level of its own
    expect(depth("x_{11} = x_{11} + x_{11} x_{12} + x_{12}")).toBe(3);
  });

  it("right-nested sums and nested calls count every level, and are measured without recursion", () => {
    const n = 200_000;
    expect(depth(`x_{11} = ${"x_{11} + (".repeat(50)}x_{11}${")".repeat(50)}`)).toBe(51);
    // far deeper than any recursive walk survives: measured all the same
    let node = parseEquation("x_{11} = x_{11}")[1]!;
    for (let i = 0; i < n; i++) node = { k: "neg", arg: node };
    expect(nestingDepth([node])).toBe(n + 1);
  });

  it("assertNesting: a NestingError above the limit, naming the depth and the limit", () => {
    const f = (k: number) => parseEquation("\\Delta X = " + "Rot180(".repeat(k) + "W" + ")".repeat(k));
    expect(() => assertNesting(f(MAX_NESTING - 1))).not.toThrow();
    let err: unknown;
    try {
      assertNesting(f(MAX_NESTING + 5));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NestingError);
    expect((err as NestingError).depth).toBe(MAX_NESTING + 6);
    expect((err as NestingError).exitCode).toBe(2);
    expect((err as Error).message).toBe(`the formula is nested ${MAX_NESTING + 6} levels deep, more than convgrad's limit of ${MAX_NESTING}`);
  });
});

describe("bracketDepth (the text, before the lexer's recursive index parser reads it)", () => {
  it("counts ( [ { \\lfloor \\lceil ⌊ ⌈ against their closers", () => {
    expect(bracketDepth("x_{11} = w_{22} x_{11}")).toBe(1);
    expect(bracketDepth("x_{(i+1)} = \\lfloor \\frac{a}{[b]} \\rfloor")).toBe(3);
    expect(bracketDepth("⌊⌈(1)⌉⌋")).toBe(3);
    expect(bracketDepth("a) ) ) (b)")).toBe(1); // unbalanced closers do not go below 0
    expect(bracketDepth("((((")).toBe(4);
    expect(bracketDepth("(".repeat(1_000_000))).toBe(1_000_000); // one pass, no recursion
  });

  it("assertTextNesting: a NestingError about brackets above the limit", () => {
    const text = (k: number) => "x_{" + "(".repeat(k) + "1" + ")".repeat(k) + ",1} = x_{11}";
    expect(() => assertTextNesting(text(MAX_NESTING - 1))).not.toThrow();
    expect(() => assertTextNesting(text(MAX_NESTING))).toThrow(`its brackets are nested ${MAX_NESTING + 1} deep, more than convgrad's limit of ${MAX_NESTING}`);
    expect(() => assertTextNesting(text(MAX_NESTING))).toThrow(NestingError);
  });
});

describe("the degree limit (before anything expands a product)", () => {
  const deg = (f: string) => degreeBound(parseEquation(f));

  it("degreeBound: entries 1, products add, sums take the largest, powers multiply", () => {
    expect(deg("\\delta x_{22} = \\delta y_{11} w_{11} + \\delta y_{12} w_{12}")).toBe(2);
    expect(deg("x_{11} = (x_{11} + w_{11})^{3} x_{12}")).toBe(4);
    expect(deg("\\Delta X = Rot180(W) *full \\Delta Y")).toBe(2);
    expect(deg("x_{11} = x_{11}^{40}")).toBe(1); // never expanded: the evaluator skips exponents above 32
  });

  it("a product of more than 64 factors is that equation's error verdict, naming its degree and the limit", () => {
    const prod = (k: number, name = "x_{11}") => `x_{11} = ${Array.from({ length: k }, () => name).join(" ")}`;
    expect(one(prod(MAX_DEGREE)).status).toBe("fails");
    const r = one(prod(MAX_DEGREE + 1));
    expect(r.status).toBe("error");
    expect(r.message).toBe(`its degree ${MAX_DEGREE + 1} exceeds convgrad's limit of ${MAX_DEGREE} (a product of that many factors is not expanded)`);
    // around the exponent cap: 3 powers of 32
    expect(one("x_{11} = x_{11}^{32} x_{11}^{32} x_{11}^{32}").message).toMatch(/^its degree 96 exceeds/);
  });

  it("16 000 and 166 666 factors are refused on the text, before the parser reads them, in well under a second", () => {
    expect(textDegree("\\delta x_{22} = \\delta y_{11} w_{11} + \\delta y_{12} w_{12} \\text{ for all the entries of the kernel}")).toBe(2);
    for (const k of [16_000, 166_666]) {
      const t0 = performance.now();
      const r = one(`δx22 = ${"δy11 ".repeat(k)}`);
      // about 0.1 s and 0.35 s alone; 14 s and 1.4 GB for 16 000 once (the bound leaves room for a busy machine)
      expect(performance.now() - t0).toBeLessThan(3000);
      expect(r.status).toBe("error");
      expect(r.message).toMatch(new RegExp(`^its degree ${k} \\(the names multiplied in one product, counted on the text before it is read\\) exceeds convgrad's limit of ${MAX_DEGREE}$`));
    }
  });
});
