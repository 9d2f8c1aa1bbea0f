/**
 * Notation found on a held-out real source (corpus 25, a Data Science Stack Exchange question on a
 * strided multi-channel layer). Layer: cross-correlation, 1-based, stride 2, 2 channels in, 3 filters,
 * X 7×6, W 3×2 (O 3×3 per filter). By hand: O_{f,i,j} = Σ_ch Σ_r Σ_c W_{f,ch,r,c} X_{ch,(i-1)2+r,(j-1)2+c} + b_f,
 * and ∂L/∂X_{ch,p,q} = Σ_f Σ_i Σ_j ∂L/∂O_{f,i,j} W_{f,ch,p-(i-1)2,q-(j-1)2} (0 outside the kernel).
 */
import { describe, expect, it } from "vitest";
import { verifyDocument } from "../../src/verify/run.js";

const spec = {
  input: [7, 6],
  kernel: [3, 2],
  op: "xcorr" as const,
  stride: 2,
  indexBase: 1 as const,
  inChannels: 2,
  outChannels: 3,
  bias: true,
};
const run = (text: string) => verifyDocument(spec, { file: "t.md", text, mode: "auto" }, { points: 3 });

const FORWARD =
  "$$O_{f,i,j} = (\\sum_{ch=1}^{2}\\sum_{r=1}^{3}\\sum_{c=1}^{2}W_{f, ch, r, c} * X_{ch, (i-1)s+r, (j-1)s+c}) + b_f$$";
const DX = (w: string) =>
  `$$\\frac{\\partial L}{\\partial X_{ch,p,q}} = \\sum_{f=1}^{3}\\sum_{i=1}^{3}\\sum_{j=1}^{3}\\frac{\\partial L}{\\partial O_{f,i,j}}${w}$$`;

describe("an index name of two letters (ch)", () => {
  it("bound by a sum, it is one name in that formula and in the others of the document", () => {
    const r = run(
      [
        FORWARD,
        DX("W_{f,ch,p-(i-1)s,q-(j-1)s}"),
        DX("\\frac{\\partial O_{f,i,j}}{\\partial X_{ch,p,q}}"),
        // the kernel's offset with the wrong sign: p + (i-1)s
        DX("W_{f,ch,p+(i-1)s,q-(j-1)s}"),
      ].join("\n\n"),
    );
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "holds", "fails"]);
    expect(r[1]!.message).toMatch(/for every ch, p, q/);
  });

  it("bound by no sum, ch is not taken for one name (it stays c·h, which names no entry)", () => {
    const r = run(
      [
        "$$O_{f,i,j} = \\sum_{k=1}^{2}\\sum_{r=1}^{3}\\sum_{c=1}^{2}W_{f,k,r,c} X_{k,(i-1)s+r,(j-1)s+c} + b_f$$",
        DX("W_{f,ch,p-(i-1)s,q-(j-1)s}"),
      ].join("\n\n"),
    );
    expect(r[0]!.status).toBe("definition");
    expect(["holds", "fails"]).not.toContain(r[1]!.status);
  });
});

describe("a local derivative written as a case split", () => {
  const CASES = (hi: number, rest = "") =>
    `$$\\frac{\\partial O_{f,i,j}}{\\partial X_{ch,p,q}} = \\begin{cases} W_{f,ch,p-(i-1)s,q-(j-1)s}, \\quad 1<=p-(i-1)s<=${hi} \\cap 1<=q-(j-1)s<=2\\\\ 0, \\quad otherwise${rest} \\end{cases}$$`;

  it("E, cond \\\\ 0, otherwise is E times [cond]: exact with the kernel's 3 rows, 108 entries short with 2", () => {
    const r = run([FORWARD, CASES(3), CASES(2)].join("\n\n"));
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "fails"]);
    // the third kernel row (p − (i−1)s = 3) is cut off: 3 filters × 2 channels × 9 outputs × 2 columns = 108
    expect(r[2]!.message).toMatch(/^108 of 2268 entries differ/);
  });

  it("a split with two non-zero rows is not read (skipped with what it reads, not a guess)", () => {
    const r = run(
      [
        FORWARD,
        "$$\\frac{\\partial O_{f,i,j}}{\\partial X_{ch,p,q}} = \\begin{cases} W_{f,ch,1,1}, \\quad p = 1 \\\\ W_{f,ch,2,1}, \\quad otherwise \\end{cases}$$",
      ].join("\n\n"),
    );
    expect(r[1]!.status).toBe("skipped");
    expect(r[1]!.message).toContain("a case split is read only as one non-zero row");
  });
});

describe("a sum's bounds defined by formulas of the free indices, after it (DSSE's boxed result)", () => {
  const BOXED =
    "$$\\boxed{\\frac{\\partial L}{\\partial X_{ch,p,q}} = \\sum_{f=1}^{n_f}\\sum_{i=i_{lower}}^{i_{upper}}\\sum_{j=j_{lower}}^{j_{upper}}\\frac{\\partial L}{\\partial O_{f,i,j}}W_{f,ch,p-(i-1)s,q-(j-1)s}}$$";
  const WHERE = (iu: string) =>
    `where $$i_{lower} = \\lfloor{\\frac{p-f_r}{s} + 1}\\rfloor, i_{upper} = ${iu}, j_{lower} = \\lfloor{\\frac{q-f_c}{s} + 1}\\rfloor, j_{upper} = \\lfloor{\\frac{q-1}{s} + 1}\\rfloor$$`;
  const FWD =
    "$$O_{f,i,j} = (\\sum_{ch=1}^{n_{ch}}\\sum_{r=1}^{f_r}\\sum_{c=1}^{f_c}W_{f, ch, r, c} * X_{ch, (i-1)s+r, (j-1)s+c}) + b_f$$";

  it("are put in where the sums use them: the printed bounds hold; without the +1 of the upper one it fails", () => {
    // ⌊(p−1)/s⌋ + 1 is the last i with p − (i−1)s ≥ 1; the extra i of the ⌊·⌋ lower bound only names kernel
    // entries past f_r (0). Dropping the +1 loses the term i = ⌊(p−1)/2⌋ + 1, which is inside O for p ≤ 6:
    // every (ch, p, q) with p ≤ 6 differs — 2 × 6 × 6 = 72 of the 84 entries.
    const good = run([FWD, BOXED, WHERE("\\lfloor{\\frac{p-1}{s} + 1}\\rfloor")].join("\n\n"));
    expect(good.map((x) => x.status)).toEqual(["definition", "holds", "definition", "definition", "definition", "definition"]);
    expect(good[2]!.message).toMatch(/i_\{lower\}, a bound of the sums, is ⌊\(p-f_r\)\/s\+1⌋/);
    const bad = run([FWD, BOXED, WHERE("\\lfloor{\\frac{p-1}{s}}\\rfloor")].join("\n\n"));
    expect(bad[1]!.status).toBe("fails");
    expect(bad[1]!.message).toMatch(/^72 of 84 entries differ/);
  });

  it("a bound whose formula cannot be read is never guessed from the sum's range", () => {
    const r = run([FWD, BOXED, WHERE("\\lfloor{\\sqrt{p}}\\rfloor")].join("\n\n"));
    expect(r[1]!.status).toBe("skipped");
    expect(r[1]!.message).toMatch(/upper bound of the sum over i is i_\{upper\}, which line 5 defines by a formula/);
  });
});

describe("a size equation whose name also bounds a sum stays a size equation", () => {
  it("deeplearning.ai's n_H = ⌊(n_{H_prev} − f + 2·pad)/stride⌋ + 1 beside Σ_{h=0}^{n_H} is checked at the layer's sizes", () => {
    // X 5×4, W 3×3, stride 2, padding 1: ⌊(5 − 3 + 2)/2⌋ + 1 = 3 output rows, so it holds; with + 2 it fails
    const spec2 = { input: [5, 4], kernel: [3, 3], op: "xcorr" as const, stride: 2, padding: 1, indexBase: 0 as const };
    const r = verifyDocument(
      spec2,
      {
        file: "t.md",
        text: [
          "$$ n_H = \\lfloor \\frac{n_{H_{prev}} - f + 2 \\times pad}{stride} \\rfloor +1 $$",
          "$$ n_H = \\lfloor \\frac{n_{H_{prev}} - f + 2 \\times pad}{stride} \\rfloor +2 $$",
          "$$ db = \\sum_{h=0}^{n_H} \\sum_{w=0}^{n_W} dZ_{hw} $$",
        ].join("\n"),
        mode: "auto",
      },
      { points: 3 },
    );
    expect(r.slice(0, 2).map((x) => x.status)).toEqual(["holds", "fails"]);
  });
});
