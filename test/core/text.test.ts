/**
 * The text printer, read back: every forward and gradient line of `derive` text output is parsed
 * (Unicode subscripts, commas for indices above 9, index base) and evaluated against the
 * independent brute force, for random layers; every entry appears once, in row-major order.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive.js";
import { textLines } from "../../src/print/text.js";
import { layerArb, specOf } from "./helpers.js";
import { bruteGradients, forward, geometry, indices, lcg, Q0, qadd, qeq, qmul, qparse, qstr, randomValues, type Layer, type Q, type Values } from "./oracle.js";

const SUB = "₀₁₂₃₄₅₆₇₈₉";
const fromSub = (s: string) => [...s].map((c) => (c === "," ? "," : String(SUB.indexOf(c)))).join("");

/** "x₁₂" → ["x", "12"], "x₁₀,₂" → ["x", "10,2"], "b" → ["b", ""]. */
function splitName(name: string): [string, string] {
  const m = /^(δ?[a-z]+)([₀-₉,]*)$/u.exec(name);
  if (!m) throw new Error(`bad name ${JSON.stringify(name)}`);
  return [m[1]!, fromSub(m[2]!)];
}
/** Index digits of a tensor of the given rank: commas when an index exceeds 9; one number for rank 1. */
function parseIndex(digits: string, rank: number): number[] {
  if (rank === 0) {
    expect(digits).toBe("");
    return [];
  }
  if (rank === 1) return [Number(digits)];
  return digits.includes(",") ? digits.split(",").map(Number) : [...digits].map(Number);
}

const KEY: Record<string, keyof Values> = { x: "X", w: "W", δy: "dY", b: "b" };

function evalRhs(rhs: string, L: Layer, shapes: Record<string, number[]>, v: Values): Q {
  if (rhs === "0") return Q0;
  let acc = Q0;
  for (const raw of rhs.split(/ (?=[+−] )/u)) {
    let t = raw;
    let sign = 1n;
    if (t.startsWith("+ ")) t = t.slice(2);
    else if (t.startsWith("− ")) {
      t = t.slice(2);
      sign = -1n;
    } else if (t.startsWith("-")) {
      t = t.slice(1);
      sign = -1n;
    }
    let val: Q = { n: sign, d: 1n };
    for (const f of t.split("·")) {
      if (/^\d+(\/\d+)?$/.test(f)) {
        val = qmul(val, qparse(f));
        continue;
      }
      const [sym, digits] = splitName(f);
      const key = KEY[sym];
      if (!key) throw new Error(`unknown symbol ${sym} in ${rhs}`);
      const shape = shapes[key]!;
      const idx = parseIndex(digits, shape.length);
      expect(idx.length, f).toBe(shape.length);
      const flat = idx.reduce((a, i, ax) => {
        const z = i - L.indexBase;
        if (z < 0 || z >= shape[ax]!) throw new Error(`index out of range: ${f}`);
        return a * shape[ax]! + z;
      }, 0);
      val = qmul(val, v[key][flat]!);
    }
    acc = qadd(acc, val);
  }
  return acc;
}

describe("text output read back", () => {
  it("forward and gradient lines evaluate to the brute force; every entry once, row-major", () => {
    fc.assert(
      fc.property(layerArb, fc.constantFrom(0, 0, 0, 8, 95), fc.integer({ min: 1, max: 2 ** 30 }), (L0, extraBase, seed) => {
        const L = { ...L0, indexBase: L0.indexBase + extraBase }; // also indices of two and three digits
        const g = geometry(L);
        const d = derive(specOf(L));
        const v = randomValues(g, lcg(seed));
        const shapes = { X: g.shapes.X, W: g.shapes.W, dY: g.shapes.Y, b: g.shapes.b };
        const all = [...textLines(d, { steps: false })];
        const lines = all.slice(0, all.findIndex((l) => l.startsWith("Checks:"))); // rule lines like "δb = Σ ΔY" are not entries
        const want: Record<string, { shape: number[]; values: Q[] }> = {
          y: { shape: g.shapes.Y, values: forward(L, g, v) },
        };
        const bf = bruteGradients(L, g, v);
        want.δx = { shape: g.shapes.X, values: bf.dX };
        want.δw = { shape: g.shapes.W, values: bf.dW };
        if (L.bias) want.δb = { shape: g.shapes.b, values: bf.db };
        const seen: Record<string, number[][]> = {};
        for (const line of lines) {
          const m = /^ {2}((?:δ?[a-z]+)[₀-₉,]*) = (.*)$/u.exec(line);
          if (!m) continue;
          const [sym, digits] = splitName(m[1]!);
          const w = want[sym];
          if (!w) throw new Error(`unexpected line ${line}`);
          const idx = parseIndex(digits, w.shape.length);
          (seen[sym] ??= []).push(idx);
          const flat = idx.reduce((a, i, ax) => a * w.shape[ax]! + (i - L.indexBase), 0);
          const got = evalRhs(m[2]!, L, shapes, v);
          if (!qeq(got, w.values[flat]!)) expect.fail(`${line}: ${qstr(got)} vs brute force ${qstr(w.values[flat]!)}`);
        }
        for (const [sym, w] of Object.entries(want)) {
          expect(seen[sym], sym).toEqual(indices(w.shape).map((i) => i.map((x) => x + L.indexBase)));
        }
      }),
      { numRuns: 120, seed: 51, endOnFailure: true },
    );
    // 120 derivations: seconds on a busy machine, not a timing test
  }, 60_000);

  it("indices above 9 are separated by commas (x₁₀,₂), never run together", () => {
    const d = derive({ input: [11, 3], kernel: [2, 2], indexBase: 1 });
    const text = [...textLines(d, { steps: false })].join("\n");
    expect(text).toContain("δx₁₀,₂ = ");
    expect(text).toContain("δx₁₁,₃ = ");
    expect(text).toContain("δx₂₃ = ");
  });

  it("chain-rule lines: all partials listed for small Y, a count for large Y", () => {
    const small = [...textLines(derive({ input: [3, 3], kernel: [2, 2] }))];
    expect(small).toContain("  ∂J/∂x₁₃ = ∂J/∂y₁₁·∂y₁₁/∂x₁₃ + ∂J/∂y₁₂·∂y₁₂/∂x₁₃ + ∂J/∂y₂₁·∂y₂₁/∂x₁₃ + ∂J/∂y₂₂·∂y₂₂/∂x₁₃");
    expect(small).toContain("      non-zero: ∂y₁₂/∂x₁₃ = w₂₁");
    const large = [...textLines(derive({ input: [6, 6], kernel: [2, 2] }))];
    // x11 feeds only y11; x22 feeds y11, y12, y21, y22
    expect(large).toContain("  ∂J/∂x₁₁ = Σ ∂J/∂y·∂y/∂x₁₁ over the 1 entries of Y that contain x₁₁");
    expect(large).toContain("  ∂J/∂x₂₂ = Σ ∂J/∂y·∂y/∂x₂₂ over the 4 entries of Y that contain x₂₂");
  });
});

describe("a large layer's text output is bounded per section, and says what it leaves out", () => {
  it("each section stops after its share and counts the rest exactly; without a bound every entry is printed", () => {
    const d = derive({ input: [40, 40], kernel: [3, 3], op: "xcorr" }, { checks: false });
    const lines = [...textLines(d, { steps: false, sectionChars: 2000 })];
    const section = (title: string) => {
      const start = lines.indexOf(title);
      const end = lines.findIndex((l, k) => k > start && l === "");
      return lines.slice(start + 1, end < 0 ? undefined : end);
    };
    // 38×38 outputs, 40×40 inputs, 3×3 kernel entries: printed + "… N more" adds up to each tensor's size
    for (const [title, total] of [["Forward pass", 38 * 38], ["ΔX", 40 * 40], ["ΔW", 9]] as const) {
      const body = section(title);
      const shown = body.filter((l) => / = /.test(l)).length;
      const more = body.map((l) => /… (\d+) more entries of/.exec(l)).find(Boolean);
      expect(shown + (more ? Number(more[1]) : 0), title).toBe(total);
      if (total > 100) expect(more, title).toBeTruthy();
    }
    expect([...textLines(d, { steps: false })].filter((l) => /^ {2}y/.test(l))).toHaveLength(38 * 38);
  });
});
