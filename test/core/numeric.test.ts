/**
 * Exact numeric evaluation (check/numeric.ts): results are exact fractions, and the mathjs it
 * needs is a small custom instance — loading it must not pull in the whole library (that took
 * over a second of every verify run that needed a counterexample).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evalExpr, frac, fracEquals, fracToString, Point, rng } from "../../src/check/numeric.js";
import { num, power, product, sum, sym } from "../../src/core/expr.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("exact fractions", () => {
  it("formats integers without /1 and fractions in lowest terms", () => {
    expect(fracToString(frac(6))).toBe("6");
    expect(fracToString(frac(-2, 4))).toBe("-1/2");
    expect(fracToString(frac(3, -9))).toBe("-1/3");
    expect(fracEquals(frac(2, 4), frac(1, 2))).toBe(true);
    expect(fracEquals(frac(2, 4), frac(1, 3))).toBe(false);
  });

  it("evaluates sums, products and integer powers (negative too) exactly", () => {
    const at = new Point(rng(1));
    const a = at.value(0);
    const b = at.value(1);
    // 2·a·b + a^3 − b^−2, computed independently with fraction.js methods on the same values
    const e = sum(product(num({ n: 2, d: 1 }), sym(0), sym(1)), power(sym(0), 3), product(num({ n: -1, d: 1 }), power(sym(1), -2)));
    const want = a.mul(b).mul(2).add(a.pow(3)).sub(b.pow(-2));
    expect(fracToString(evalExpr(e, at))).toBe(fracToString(want));
    expect(fracEquals(evalExpr(e, at), want)).toBe(true);
    // 1/3 + 1/6 = 1/2: no floating point anywhere
    expect(fracToString(evalExpr(sum(num({ n: 1, d: 3 }), num({ n: 1, d: 6 })), at))).toBe("1/2");
  });

  it("a zero base to a negative power is an error, not Infinity", () => {
    const at = new Point(rng(1));
    expect(() => evalExpr({ kind: "pow", base: num({ n: 0, d: 1 }), exp: -1 }, at)).toThrow(/zero/i);
  });
});

describe("mathjs start-up", () => {
  it("loads a few mathjs modules, not the library's entry point or every factory", () => {
    const mod = `${ROOT}dist/check/numeric.js`;
    if (!existsSync(mod)) throw new Error(`${mod} is missing: run npm run build first`);
    const script = `
      import { frac, fracToString, fracEquals } from ${JSON.stringify(mod)};
      import { createRequire } from "node:module";
      const s = fracToString(frac(-4, 6));
      const eq = fracEquals(frac(1, 2), frac(2, 4));
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /[\\\\/]mathjs[\\\\/]/.test(k));
      console.log(JSON.stringify({ s, eq, loaded }));`;
    const out = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" })) as {
      s: string;
      eq: boolean;
      loaded: string[];
    };
    expect(out.s).toBe("-2/3");
    expect(out.eq).toBe(true);
    const names = out.loaded.map((k) => k.replace(/.*[\\/]mathjs[\\/]lib[\\/]cjs[\\/]/, ""));
    expect(names).not.toContain("index.js");
    expect(names).not.toContain("factoriesAny.js");
    expect(names).not.toContain("entry/mainAny.js");
    // the whole library is ~900 modules; the fraction subset about 45
    expect(names.length).toBeGreaterThan(0);
    expect(names.length).toBeLessThan(100);
  }, 60_000);
});
