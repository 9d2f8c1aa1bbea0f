/**
 * A chain A = B = C = … that cannot be checked as a whole is checked step by step (each step against
 * its left side) when its steps begin on lines of their own. Layer: 0-based cross-correlation, X 4×3,
 * W 2×2 (output 3×2), so ΔW_{m,n} = Σ_{i<3} Σ_{j<2} δy_{i,j} x_{i+m,j+n} — the expected verdicts below
 * follow from that sum by hand.
 */
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive.js";
import { check } from "./helpers.js";
import { declareRoles } from "../../src/verify/declare.js";
import { Notation } from "../../src/verify/roles.js";
import { verifyDocument } from "../../src/verify/run.js";

const d = derive({ input: [4, 3], kernel: [2, 2], op: "xcorr", indexBase: 0 }, { checks: false });
const verify = (text: string) => check(text, d, "auto");

describe("a chain with one unreadable step", () => {
  it("its other steps get their verdicts, each on its own line, and the report says why the chain is not one", () => {
    const text = [
      "$$\\begin{align}",
      "\\delta w_{m,n} &= \\sum_i \\sum_j \\delta y_{i,j} x_{i+m,j+n} \\\\",
      // q is no tensor of the layer: this step alone is skipped
      "&= \\sum_i \\sum_j \\delta y_{i,j} q_{i+m,j+n} \\\\",
      // the same sum with its factors exchanged: holds
      "&= \\sum_i \\sum_j x_{i+m,j+n} \\delta y_{i,j} \\\\",
      // x_{i-m,j-n}: the index moved the wrong way — at m = n = 0 it is still ΔW_{0,0}, at (1,1) it is not
      "&= \\sum_i \\sum_j \\delta y_{i,j} x_{i-m,j-n}",
      "\\end{align}$$",
    ].join("\n");
    const r = verify(text);
    expect(r.map((x) => [x.line, x.status])).toEqual([
      [2, "holds"],
      [3, "skipped"],
      [4, "holds"],
      [5, "fails"],
    ]);
    expect(r[0]!.message).toMatch(/^step 1 of 4: holds/);
    expect(r[1]!.message).toMatch(/^step 2 of 4: .*q/);
    expect(r[3]!.message).toMatch(/^step 4 of 4: \d+ of 4 entries differ/);
    expect(r[0]!.details.join("\n")).toMatch(/the chain as a whole is not checked \(.*q/);
    expect(r[3]!.source).toMatch(/^= \\sum_i \\sum_j \\delta y_\{i,j\} x_\{i-m,j-n\}/);
  });

  it("steps on one line stay one verdict (the chain's); a chain no step of which can be read stays one skip", () => {
    const oneLine = verify("$$\\delta w_{m,n} = \\sum_i \\sum_j \\delta y_{i,j} x_{i+m,j+n} = \\sum_i \\sum_j q_{i,j}$$");
    expect(oneLine.map((x) => x.status)).toEqual(["skipped"]);
    const none = verify("$$\\begin{align}\\delta w_{m,n} &= \\sum_i q_{i,m} \\\\\n&= \\sum_j q_{j,n}\\end{align}$$");
    expect(none.map((x) => x.status)).toEqual(["skipped"]);
  });

  it("a chain that can be read as a whole keeps its one verdict", () => {
    const r = verify(
      "$$\\begin{align}\\delta w_{m,n} &= \\sum_i \\sum_j \\delta y_{i,j} x_{i+m,j+n} \\\\\n&= \\sum_i \\sum_j \\delta y_{i,j} x_{i-m,j-n}\\end{align}$$",
    );
    expect(r.map((x) => x.status)).toEqual(["fails"]);
    // … and says which step fails: the first holds (the kernel gradient), the second moves x the wrong way
    expect(r[0]!.details).toContain("step by step, each against the left side: line 1 holds; line 2 fails");
  });
});

describe("a convolution sign between two entries", () => {
  it("δ_{a,b} * x_{-a,-b} (no sum) is neither read as the matrices' convolution nor as a product", () => {
    const r = verify("$$\\frac{\\partial J}{\\partial w_{a,b}} = \\delta y_{a,b} * x_{-a,-b}$$");
    expect(r.map((x) => x.status)).toEqual(["skipped"]);
    // (δy_{a,b} is labelled by the left side's indices, x_{-a,-b} by them otherwise: either reason is said)
    expect(r[0]!.message).toMatch(/convolves two entries|labelled otherwise/);
    // neither entry a label: the convolution sign itself is the reason
    const q = verify("$$\\frac{\\partial J}{\\partial w_{a,b}} = \\delta y_{a+1,b} * x_{-a,-b}$$");
    expect(q.map((x) => x.status)).toEqual(["skipped"]);
    expect(q[0]!.message).toMatch(/convolves two entries/);
  });
});

describe("a sample's index in the layer superscript (劉建平's a^{i,l}, δ^{i,l})", () => {
  // xcorr 3×3 ⋆ 2×2, 1-based: ΔW = X ⋆ ΔY (valid), ΔW_{m,n} = Σ_{i,j} δ_{i,j} x_{i+m-1,j+n-1}. With one
  // sample, a^{i,l-1} is the layer's input and δ^{i,l} its output gradient, and a sum over i has one term.
  const roles = "X=a^{l-1}, W=W^{l}, Y=z^{l}, dY=\\delta^{l}";
  const spec = { input: [3, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 1 as const };
  const run = (text: string) => {
    const notation = declareRoles(Notation.defaults(), roles);
    return verifyDocument(spec, { file: "t.tex", text, mode: "auto" }, { points: 3, notation });
  };

  it("is the layer's one sample: dropped, with its sums, and said", () => {
    const r = run(
      [
        "$$\\frac{\\partial J}{\\partial W^{l}} = a^{i,l-1} * \\delta^{i,l}$$",
        "$$\\frac{\\partial J}{\\partial W^{l}} = \\sum_{i=1}^{m} a^{i,l-1} * \\delta^{i,l}$$",
        // ΔY ⋆ X: the larger operand slides over the smaller, the result is rotated — it fails
        "$$\\frac{\\partial J}{\\partial W^{l}} = \\delta^{i,l} * a^{i,l-1}$$",
      ].join("\n"),
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "holds", "fails"]);
    expect(r[0]!.details.join(" ")).toMatch(/read for one sample: i in the superscripts/);
  });

  it("a letter also used as an index is not a sample's", () => {
    const r = run("$$\\frac{\\partial J}{\\partial W^{l}_{i,j}} = a^{i,l-1} * \\delta^{i,l}$$");
    expect(r.map((x) => x.status)).toEqual(["skipped"]);
  });
});

describe("an activation of a rotated matrix", () => {
  // xcorr 4×3 ⋆ 2×2, 0-based, X = σ(Z): ΔW = X ⋆ ΔY. σ acts entry by entry, so σ(Rot180(Rot180(Z))) = X
  // and the formula holds; with one rotation it is Rot180(X) ⋆ ΔY, which differs.
  it("σ(Rot180(Z)) is Rot180(σ(Z))", () => {
    const notation = declareRoles(Notation.defaults(), "Z=z");
    const r = verifyDocument(
      { input: [4, 3], kernel: [2, 2], op: "xcorr", indexBase: 0 },
      {
        file: "t.md",
        text: [
          "$$\\Delta W = \\sigma(Rot180(Rot180(z))) \\star \\Delta Y$$",
          "$$\\Delta W = \\sigma(Rot180(z)) \\star \\Delta Y$$",
        ].join("\n"),
        mode: "auto",
      },
      { points: 3, notation },
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "fails"]);
  });
});
