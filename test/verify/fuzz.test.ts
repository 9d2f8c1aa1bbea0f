/**
 * The parser never crashes and never blows up: random strings and random mutations of valid
 * formulas give exactly one parse or a clean FormulaParseError, and verify turns anything into a
 * verdict without throwing. A 100 000-character formula parses in about a second.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FormulaParseError, parseAll, parseEquation } from "../../src/lang/parse.js";
import { check, lectureDerivation } from "./helpers.js";

const VALID = [
  "\\delta x_{22} = \\delta y_{11} w_{11} + \\delta y_{12} w_{12} + \\delta y_{21} w_{21} + \\delta y_{22} w_{22}",
  "\\frac{\\partial J}{\\partial w_{11}} = \\frac{\\partial J}{\\partial y_{11}} \\frac{\\partial y_{11}}{\\partial w_{11}} = \\delta y_{11} x_{22}",
  "\\Delta \\mathbf{W} = \\mathbf{Rot180}^{0}(\\Delta \\mathbf{Y}) * \\mathbf{X}",
  "ΔX = Rot180(W) *_{\\text{full}} ΔY",
  "\\Delta X = \\begin{bmatrix} \\delta x_{11} & \\delta x_{12} \\\\ \\delta x_{21} & \\delta x_{22} \\end{bmatrix}",
  "dX = conv(rot180(W), dY, full) - xcorr(pad(dY, 1), W) + 2 \\cdot dilate(dX, 1)",
  "∂J/∂x₂₂ = δy₁₁·w₁₁ + \\frac{1}{4} (x_{1,1} - 3)^2",
  "W = W - \\alpha \\times \\Delta W",
];

const TOKENS = ["x", "x_{", "}", "{", "_", "^", "\\delta", "δ", "Δ", "\\Delta", "X", "W", "Y", "=", "+", "-", "*", "\\star", "(", ")", ",", "\\frac", "\\partial", "J", "/", "Rot180", "^{0}", "conv", "full", "\\begin{bmatrix}", "\\end{bmatrix}", "&", "\\\\", "1", "22", "₁", "\\mathbf{", "\\sum", "\\cdot", " ", "y11", "dx22", "\\text{", "$", "\\hat", "·", "%"];

function parsesCleanly(s: string): void {
  try {
    const all = parseAll(s);
    expect(all.length, `parses of ${JSON.stringify(s)}`).toBe(1);
  } catch (e) {
    if (!(e instanceof FormulaParseError)) throw new Error(`${JSON.stringify(s)}: ${(e as Error).stack}`);
    expect(e.offset).toBeGreaterThanOrEqual(0);
    expect(e.offset).toBeLessThanOrEqual(s.length);
  }
}

function verifiesCleanly(s: string): void {
  const rs = check(s, lectureDerivation(), "plain");
  for (const r of rs) expect(["holds", "fails", "skipped", "error"]).toContain(r.status);
}

describe("fuzz", () => {
  it("random strings: one parse or a clean error", () => {
    fc.assert(fc.property(fc.string({ maxLength: 60, unit: "grapheme" }), (s) => parsesCleanly(s)), { numRuns: 600, seed: 42 });
  });

  it("random token sequences: one parse or a clean error, and verify never throws", () => {
    const tokSeq = fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }).map((a) => a.join(""));
    fc.assert(
      fc.property(tokSeq, (s) => {
        parsesCleanly(s);
        verifiesCleanly(s);
      }),
      { numRuns: 800, seed: 7 },
    );
  });

  it("random mutations of valid formulas", () => {
    const mutation = fc.record({
      f: fc.constantFrom(...VALID),
      ops: fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom("delete", "insert", "replace"), tok: fc.constantFrom(...TOKENS), len: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(mutation, ({ f, ops }) => {
        let s = f;
        for (const o of ops) {
          const at = o.at % (s.length + 1);
          if (o.kind === "delete") s = s.slice(0, at) + s.slice(at + o.len);
          else if (o.kind === "insert") s = s.slice(0, at) + o.tok + s.slice(at);
          else s = s.slice(0, at) + o.tok + s.slice(at + o.len);
        }
        parsesCleanly(s);
        verifiesCleanly(s);
      }),
      { numRuns: 800, seed: 3 },
    );
  });

  it("hostile but valid input stays bounded (huge powers, dilations, numbers, deep nesting)", () => {
    for (const s of ["x_{11}^{99999999} = 0", "dilate(X, 999999) = X", "pad(X, 1000000) = X", "x_{11} = 99999999999999999999999", "x_{11} = " + "(".repeat(3000) + "x_{11}" + ")".repeat(3000)]) {
      const t0 = performance.now();
      const rs = check(s);
      expect(rs).toHaveLength(1);
      expect(performance.now() - t0).toBeLessThan(5000);
    }
  });
});

describe("size", () => {
  it("a 100 000-character formula parses in about a second (no ambiguity blow-up) and is checked", () => {
    const terms: string[] = [];
    let len = 0;
    for (let i = 0; len < 100_000; i++) {
      const t = `\\delta y_{${(i % 2) + 1}${((i >> 1) % 2) + 1}} w_{${((i >> 2) % 2) + 1}${((i >> 3) % 2) + 1}}`;
      terms.push(t);
      len += t.length + 3;
    }
    const f = `\\delta x_{22} = ${terms.join(" + ")}`;
    expect(f.length).toBeGreaterThanOrEqual(100_000);
    const t0 = performance.now();
    const sides = parseEquation(f);
    const ms = performance.now() - t0;
    expect(sides).toHaveLength(2);
    // an ambiguity blow-up takes minutes; 10 s leaves room for a busy machine
    expect(ms).toBeLessThan(10_000);
    const r = check(f)[0]!;
    expect(r.status).toBe("fails");
    expect(r.method).toBe("structural");
  });

  it("a long matrix literal and long products", () => {
    const row = Array.from({ length: 400 }, (_, i) => `x_{1,${(i % 3) + 1}}`).join(" & ");
    const f = `\\begin{bmatrix} ${row} \\end{bmatrix} = \\begin{bmatrix} ${row} \\end{bmatrix}`;
    expect(parseAll(f)).toHaveLength(1);
    const prod = "x_{11} = " + Array.from({ length: 3000 }, () => "x_{11}").join(" \\cdot ");
    expect(parseAll(prod)).toHaveLength(1);
  });
});
