/**
 * Typst math read as the LaTeX it typesets (held-out corpus 42, Phạm's Vietnamese report, is Typst): each
 * expected LaTeX below is Typst's rendering written by hand; each verdict is the mathematics' for the layer.
 */
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive.js";
import { isTypstMath, typstToLatex } from "../../src/lang/typst.js";
import { verifyInput } from "../../src/verify/run.js";

const latex = (t: string) =>
  typstToLatex(
    t,
    [...t].map((_, k) => k),
  )?.text ?? null;

describe("Typst math to LaTeX", () => {
  it("scripts and fractions lose the parentheses that group them; quoted labels, words and calls become LaTeX's", () => {
    expect(latex('(partial cal(L)) / (partial b_(c_"out"))')).toBe(
      "\\frac{\\partial \\mathcal{L}}{\\partial b_{c_{out}}}",
    );
    expect(latex("sum_(m=0)^(k-1) w_(m) x_(i+m)")).toBe("\\sum _{m=0}^{k-1}w_{m}x_{i+m}");
    expect(latex('H_"out" = floor((H_"in" + 2p - k) / s) + 1')).toBe(
      "H_{out}=\\lfloor \\frac{H_{in}+2 p-k}{s}\\rfloor +1",
    );
    expect(latex("1 / (H W) sum_(h,w) a_(k,h,w)")).toBe("\\frac{1}{H W}\\sum _{h,w}a_{k,h,w}");
    expect(latex('delta_"in" = delta_"out" dot.o f\'(u)')).toBe("\\delta _{in}=\\delta _{out}\\odot f'(u)");
    expect(latex('g(u) = 1 / (1 + e^(-u)), quad "SiLU"(u) = u dot g(u)')).toBe(
      "g(u)=\\frac{1}{1+e^{-u}},\\quad SiLU(u)=u\\cdot g(u)",
    );
  });
  it("LaTeX is never read as Typst, nor a formula without a mark of Typst's own", () => {
    expect(isTypstMath("\\frac{\\partial L}{\\partial w_{m,n}} = \\sum_i x_{i+m}")).toBe(false);
    expect(isTypstMath("y = x * w")).toBe(false);
    expect(isTypstMath("dx = conv(dy, rot180(w), full)")).toBe(false);
    expect(isTypstMath("(partial L) / (partial w)")).toBe(true);
    // unbalanced brackets: not converted (the parser says what is wrong)
    expect(latex("sum_(m x_(m)")).toBeNull();
  });
});

describe("a Typst document verified", () => {
  // X 2×5×5, W 2×2×3×3, stride 2, padding 1, cross-correlation, 0-based, with a bias
  const d = derive(
    {
      input: [5, 5],
      kernel: [3, 3],
      op: "xcorr",
      indexBase: 0,
      stride: 2,
      padding: 1,
      inChannels: 2,
      outChannels: 2,
      bias: true,
    },
    { checks: false },
  );
  const verify = (text: string) => verifyInput(d, { file: "t.md", text, mode: "auto" }, { points: 3 });
  it("the forward pass, a size and the kernel gradient hold as Phạm writes them; a slip in the stride fails", () => {
    const fwd =
      '$$ Y_(c_"out", h, w) = b_(c_"out") + sum_(c_"in") sum_(m=0)^(k-1) sum_(n=0)^(k-1) w_(c_"out", c_"in", m, n) X_(c_"in", h dot s + m - p, w dot s + n - p) $$';
    const dw = (x: string) =>
      `$$ (partial cal(L)) / (partial w_(c_"out", c_"in", m, n)) = sum_(h, w) (partial cal(L)) / (partial Y_(c_"out", h, w)) X_(c_"in", ${x}) $$`;
    const r = verify(
      `${fwd}\n\n$$ H_"out" = floor((H_"in" + 2p - k) / s) + 1 $$\n\n${dw("h dot s + m - p, w dot s + n - p")}\n\n${dw("h + m - p, w dot s + n - p")}`,
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "holds", "holds", "fails"]);
    // the report's line and column are the Typst source's
    expect(r[3]!.line).toBe(7);
  });
});
