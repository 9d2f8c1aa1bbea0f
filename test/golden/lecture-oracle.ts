/**
 * The lecture's formulas (X 3×3, W 2×2, true convolution, indices from 1) from the independent
 * brute-force oracle (test/core/oracle.ts), and a reader of the entry equations a printed file
 * states (Unicode text, LaTeX, Markdown, Beamer), so a golden file is checked against something
 * other than itself: every y, δw and δx it states must have exactly the oracle's terms.
 */
import { bruteGradients, forward, geometry, indices, prod, Q0, Q1, qstr, type Layer, type Q, type Values } from "../core/oracle.js";

/** Terms of one entry: "δy11·w22" (factors sorted) → coefficient ("1", "2", "-1/2"). */
export type Terms = Map<string, string>;

const LECTURE: Layer = {
  op: "conv",
  input: [3, 3],
  kernel: [2, 2],
  stride: [1, 1],
  dilation: [1, 1],
  padding: "valid",
  inChannels: null,
  outChannels: null,
  groups: 1,
  batch: null,
  bias: false,
  indexBase: 1,
};

const key = (factors: string[]): string => [...factors].sort().join("·");

/**
 * y, δw and δx of the lecture, entry by entry, from the oracle: each is bilinear, so the coefficient
 * of a term a·b is the value at a = 1, b = 1 and every other entry 0 (y from the forward pass, δw
 * and δx from the oracle's exact unit differences of J = Σ δy·y). `indexBase`: 1 as on the slides,
 * 0 as with --index-base 0.
 */
export function lectureOracle(indexBase = 1): Map<string, Terms> {
  const name = (base: string, idx: readonly number[]): string => `${base}${idx.map((i) => i + indexBase).join("")}`;
  const g = geometry(LECTURE);
  const X = indices(g.shapes.X);
  const W = indices(g.shapes.W);
  const Y = indices(g.shapes.Y);
  const unit = (n: number, at: number): Q[] => Array.from({ length: n }, (_, i) => (i === at ? Q1 : Q0));
  const values = (x: number, w: number, dy: number): Values => ({ X: unit(prod(g.shapes.X), x), W: unit(prod(g.shapes.W), w), dY: unit(prod(g.shapes.Y), dy), b: [] });
  const out = new Map<string, Terms>();
  const add = (entry: string, factors: string[], c: Q) => {
    if (c.n === 0n) return;
    let t = out.get(entry);
    if (!t) out.set(entry, (t = new Map()));
    t.set(key(factors), qstr(c));
  };
  for (let x = 0; x < X.length; x++) {
    for (let w = 0; w < W.length; w++) {
      const y = forward(LECTURE, g, values(x, w, -1));
      y.forEach((c, o) => add(name("y", Y[o]!), [name("w", W[w]!), name("x", X[x]!)], c));
    }
  }
  for (let dy = 0; dy < Y.length; dy++) {
    for (let w = 0; w < W.length; w++) {
      // δx at W = e_w, δY = e_dy (X is irrelevant: J is linear in X)
      bruteGradients(LECTURE, g, values(-1, w, dy)).dX.forEach((c, i) => add(name("δx", X[i]!), [name("δy", Y[dy]!), name("w", W[w]!)], c));
    }
    for (let x = 0; x < X.length; x++) {
      bruteGradients(LECTURE, g, values(x, -1, dy)).dW.forEach((c, k) => add(name("δw", W[k]!), [name("δy", Y[dy]!), name("x", X[x]!)], c));
    }
  }
  return out;
}

const SUB = "₀₁₂₃₄₅₆₇₈₉";

/** One notation for every format: δx22, w11 (LaTeX's \delta x_{22}, Unicode's δx₂₂), factors by spaces. */
function normalise(text: string): string {
  return text
    .replace(/\\delta\s*/g, "δ")
    .replace(/_\{(\d)(\d)\}/g, "$1$2")
    .replace(/[₀-₉]/g, (c) => String(SUB.indexOf(c)))
    .replace(/·/g, " ");
}

export interface StatedEquation {
  entry: string;
  terms: Terms;
  /** The equation as the file writes it (normalised). */
  text: string;
}

/**
 * Every equation `entry = …` of an entry of y, δw or δx whose right-hand side is a sum of products
 * of two entries (as the lecture prints them: "y₁₁ = w₂₂·x₁₁ + …", "$\delta w_{11}$ & $= …$",
 * "y_{11} = w_{22} x_{11} + …"). A right-hand side that starts like one but does not parse throws.
 */
export function statedEquations(text: string): StatedEquation[] {
  const out: StatedEquation[] = [];
  const eq = /(?<![A-Za-z\\])(y|δw|δx)(\d\d)(?:\$ & \$| ?&)?\s*=\s*((?:-?\d+ )?δ?[xwy]\d\d [^$\n}\\]*)/g;
  for (const m of normalise(text).matchAll(eq)) {
    const terms: Terms = new Map();
    for (const t of m[3]!.trim().split(" + ")) {
      const p = /^(?:(-?\d+(?:\/\d+)?) )?(δ?[xwy]\d\d) (δ?[xwy]\d\d)$/.exec(t.trim());
      if (!p) throw new Error(`cannot read the term "${t}" of ${m[0]}`);
      terms.set(key([p[2]!, p[3]!]), p[1] ?? "1");
    }
    out.push({ entry: m[1]! + m[2]!, terms, text: m[0].trim() });
  }
  return out;
}

/** Whether a stated equation has exactly the oracle's terms and coefficients. */
export function agrees(oracle: Map<string, Terms>, e: StatedEquation): boolean {
  const t = oracle.get(e.entry);
  return t !== undefined && t.size === e.terms.size && [...t].every(([k, c]) => e.terms.get(k) === c);
}
