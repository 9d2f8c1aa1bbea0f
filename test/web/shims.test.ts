/**
 * The page's stand-ins for node: modules (web/src/shims) that change behaviour: mathjs behind a
 * synchronous require that loads lazily, and the EventEmitter commander's Command extends.
 */
import { describe, expect, it } from "vitest";
import { createRequire, loadMathjs, MathjsNotLoaded, mathjsLoaded } from "../../web/src/shims/node-module.js";
import { EventEmitter } from "../../web/src/shims/node-events.js";

describe("web shims", () => {
  it("node:module: require throws MathjsNotLoaded until loadMathjs(), then gives mathjs's factories", async () => {
    const req = createRequire("file:///x.js");
    expect(mathjsLoaded()).toBe(false);
    expect(() => req("/mathjs/lib/cjs/type/fraction/Fraction.js")).toThrow(MathjsNotLoaded);
    await loadMathjs();
    expect(mathjsLoaded()).toBe(true);
    const t = req("/mathjs/lib/cjs/core/create.js") as { create: (f: unknown, c: unknown) => { fraction(n: number, d: number): unknown; format(f: unknown, o: unknown): string; addScalar(a: unknown, b: unknown): unknown }; all: Record<string, unknown> };
    const M = t.create(t.all, { number: "Fraction" });
    expect(M.format(M.addScalar(M.fraction(1, 3), M.fraction(1, 6)), { fraction: "ratio" })).toBe("1/2");
  });

  it("node:events: on, once, prependListener order, off, emit's return value", () => {
    const e = new EventEmitter();
    const got: string[] = [];
    const a = (x: unknown) => got.push(`a${String(x)}`);
    e.on("v", a);
    e.once("v", (x) => got.push(`once${String(x)}`));
    e.prependListener("v", (x) => got.push(`first${String(x)}`));
    expect(e.emit("v", 1)).toBe(true);
    expect(e.emit("v", 2)).toBe(true);
    e.off("v", a);
    e.emit("v", 3);
    expect(got).toEqual(["first1", "a1", "once1", "first2", "a2", "first3"]);
    expect(e.listenerCount("v")).toBe(1);
    expect(e.emit("none")).toBe(false);
  });
});
