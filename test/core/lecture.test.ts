/**
 * The lecture (X 3×3, W 2×2, true convolution, valid): its 4 forward entries, 4 δw and 9 δx,
 * term for term and in the lecture's order. The lecture's δx22 has a typo (δy11·w22 for
 * δy22·w22); the correct term is asserted here.
 */
import { describe, expect, it } from "vitest";
import { monoIds } from "../../src/core/monomial.js";
import type { Poly } from "../../src/core/poly.js";
import { convPlain } from "../../src/conv/general.js";
import { derive, type Derivation } from "../../src/derive.js";
import { rot180 } from "../../src/tensor/ops.js";
import { Tensor } from "../../src/tensor/tensor.js";

const LECTURE = {
  forward: {
    y11: "w22·x11 + w21·x12 + w12·x21 + w11·x22",
    y12: "w22·x12 + w21·x13 + w12·x22 + w11·x23",
    y21: "w22·x21 + w21·x22 + w12·x31 + w11·x32",
    y22: "w22·x22 + w21·x23 + w12·x32 + w11·x33",
  },
  dW: {
    w11: "δy11·x22 + δy12·x23 + δy21·x32 + δy22·x33",
    w12: "δy11·x21 + δy12·x22 + δy21·x31 + δy22·x32",
    w21: "δy11·x12 + δy12·x13 + δy21·x22 + δy22·x23",
    w22: "δy11·x11 + δy12·x12 + δy21·x21 + δy22·x22",
  },
  dX: {
    x11: "δy11·w22",
    x12: "δy11·w21 + δy12·w22",
    x13: "δy12·w21",
    x21: "δy11·w12 + δy21·w22",
    x22: "δy11·w11 + δy12·w12 + δy21·w21 + δy22·w22", // lecture: "+ δy11·w22" (typo)
    x23: "δy12·w11 + δy22·w21",
    x31: "δy21·w12",
    x32: "δy21·w11 + δy22·w12",
    x33: "δy22·w11",
  },
} as const;

const KEY: Record<string, string> = { x: "X", w: "W", δy: "dY", y: "Y" };

/** "δy11·x22 + ..." → sorted factor lists like ["dY[1,1]", "X[2,2]"] per term (1-based as printed). */
function parseTerms(s: string): string[][] {
  return s.split(" + ").map((t) =>
    t.split("·").map((f) => {
      const m = /^(δy|x|w)(\d)(\d)$/.exec(f);
      if (!m) throw new Error(`bad factor ${f}`);
      return `${KEY[m[1]!]}[${m[2]},${m[3]}]`;
    }),
  );
}

/** The engine's terms as factor lists (factor order as in the lecture: δy, w, x), coefficient asserted 1. */
function engineTerms(d: Derivation, p: Poly): string[][] {
  const rank: Record<string, number> = { dY: 0, W: 1, X: 2 };
  const out: string[][] = [];
  for (let i = 0; i < p.size; i++) {
    expect(p.coef(i)).toEqual({ n: 1, d: 1 });
    const fs = monoIds(p.codes[i]!, d.table.monos).map((id) => d.table.lookup(id));
    fs.sort((a, b) => rank[a.range.key]! - rank[b.range.key]!);
    out.push(fs.map((f) => `${f.range.key}[${f.index.map((v) => v + 1).join(",")}]`));
  }
  return out;
}

const flatOf = (name: string, cols: number) => (Number(name[1]) - 1) * cols + (Number(name[2]) - 1);

describe("the lecture: X 3×3, W 2×2, Y = X * W", () => {
  const d = derive({ input: [3, 3], kernel: [2, 2] });

  it("has the lecture's shapes", () => {
    expect(d.forward.shape).toEqual([2, 2]);
    expect(d.gradients.dX.shape).toEqual([3, 3]);
    expect(d.gradients.dW.shape).toEqual([2, 2]);
    expect(d.gradients.db).toBeUndefined();
  });

  for (const [name, rhs] of Object.entries(LECTURE.forward)) {
    it(`${name} = ${rhs}`, () => expect(engineTerms(d, d.forward.data[flatOf(name, 2)]!)).toEqual(parseTerms(rhs)));
  }
  for (const [name, rhs] of Object.entries(LECTURE.dW)) {
    it(`δ${name} = ${rhs}`, () => expect(engineTerms(d, d.gradients.dW.data[flatOf(name, 2)]!)).toEqual(parseTerms(rhs)));
  }
  for (const [name, rhs] of Object.entries(LECTURE.dX)) {
    it(`δ${name} = ${rhs}`, () => expect(engineTerms(d, d.gradients.dX.data[flatOf(name, 3)]!)).toEqual(parseTerms(rhs)));
  }

  it("the lecture's δx22 as printed (δy11·w22) is NOT what the engine derives", () => {
    const typo = parseTerms("δy11·w11 + δy12·w12 + δy21·w21 + δy11·w22");
    expect(engineTerms(d, d.gradients.dX.data[4]!)).not.toEqual(typo);
  });

  it("both Rot180 rules hold structurally", () => {
    expect(d.checks.map((c) => [c.rule, c.holds, c.method])).toEqual([
      ["ΔX = Rot180(W) *full ΔY", true, "structural"],
      ["ΔW = Rot180(X) * ΔY", true, "structural"],
    ]);
  });

  it("chain-rule steps of δw11 are the lecture's four partials ∂y/∂w11 = x22, x23, x32, x33", () => {
    const steps = d.steps("dW", 0);
    expect(steps.map((s) => s.y)).toEqual([0, 1, 2, 3]);
    expect(steps.map((s) => engineTerms(d, s.partial))).toEqual([[["X[2,2]"]], [["X[2,3]"]], [["X[3,2]"]], [["X[3,3]"]]]);
  });

  it("chain-rule steps of δx13: only y12 depends on x13 (∂y12/∂x13 = w21)", () => {
    const steps = d.steps("dX", 2);
    expect(steps.map((s) => s.y)).toEqual([1]);
    expect(engineTerms(d, steps[0]!.partial)).toEqual([["W[2,1]"]]);
  });

  describe("the lecture's summary formulas, built literally with convPlain", () => {
    const mt = d.table.monos;
    const sym = (key: string) => Tensor.ofSymbols(d.table.tensor(key)!);
    const X = sym("X");
    const W = sym("W");
    const dY = sym("dY");
    const same = (a: Tensor, b: Tensor) => {
      expect(a.shape).toEqual(b.shape);
      return a.data.every((p, f) => p.equals(b.data[f]!));
    };

    it("Eq. (1) ΔX = Rot180(W) * ΔY with full padding holds as written", () => {
      expect(same(convPlain(mt, "conv", rot180(W), dY, "full"), d.gradients.dX)).toBe(true);
    });

    it("Eq. (2) ΔW = Rot180(ΔY) * X (valid) read as true convolution gives Rot180(ΔW); ΔW = X ⋆ ΔY = Rot180(X) * ΔY", () => {
      const literal = convPlain(mt, "conv", rot180(dY), X, "valid");
      expect(same(literal, d.gradients.dW)).toBe(false);
      expect(same(rot180(literal), d.gradients.dW)).toBe(true);
      expect(same(convPlain(mt, "xcorr", X, dY, "valid"), d.gradients.dW)).toBe(false);
      expect(same(rot180(convPlain(mt, "xcorr", X, dY, "valid")), d.gradients.dW)).toBe(true);
      expect(same(convPlain(mt, "conv", rot180(X), dY, "valid"), d.gradients.dW)).toBe(true);
    });
  });
});
