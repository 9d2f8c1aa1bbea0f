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

  it("a split with two non-zero rows is not read (a parse error at it, not a guess)", () => {
    const r = run(
      [
        FORWARD,
        "$$\\frac{\\partial O_{f,i,j}}{\\partial X_{ch,p,q}} = \\begin{cases} W_{f,ch,1,1}, \\quad p = 1 \\\\ W_{f,ch,2,1}, \\quad otherwise \\end{cases}$$",
      ].join("\n\n"),
    );
    expect(r[1]!.status).toBe("error");
  });
});
