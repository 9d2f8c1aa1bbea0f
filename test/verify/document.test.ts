/** The document splitter: math delimiters, align*, separators, comments, continuations, positions. */
import { describe, expect, it } from "vitest";
import { splitDocument } from "../../src/lang/document.js";
import { check } from "./helpers.js";

const texts = (src: string, mode: "auto" | "plain" = "auto") => splitDocument(src, mode).map((e) => e.text);

describe("splitDocument", () => {
  it("reads only the math of a LaTeX file; prose is ignored", () => {
    const src = "Some prose with = signs, and more.\n$$\\delta x_{11} = \\delta y_{11} w_{22}$$\nThen $x_{11} = x_{11}$ inline and \\[ y = 1 \\] display.\n";
    expect(texts(src)).toEqual(["\\delta x_{11} = \\delta y_{11} w_{22}", "x_{11} = x_{11}", "y = 1"]);
  });

  it("align* rows, &= continuations and \\\\ breaks; matrices are not split", () => {
    const src = [
      "\\begin{align*}",
      "\\delta x_{12} &= \\delta y_{11} w_{21} \\\\",
      "  &= \\delta y_{11} w_{21} + 0 \\\\",
      "\\Delta Y &= \\begin{bmatrix} \\delta y_{11} & \\delta y_{12} \\\\ \\delta y_{21} & \\delta y_{22} \\end{bmatrix}",
      "\\end{align*}",
    ].join("\n");
    const eqs = splitDocument(src);
    expect(eqs).toHaveLength(2);
    expect(eqs[0]!.text.replace(/\s+/g, " ")).toBe("\\delta x_{12} = \\delta y_{11} w_{21} = \\delta y_{11} w_{21} + 0");
    expect(eqs[0]!.line).toBe(2);
    expect(eqs[1]!.line).toBe(4);
    expect(eqs[1]!.text).toContain("\\\\ \\delta y_{21}");
  });

  it("several equations on one line: \\qquad, \\quad, commas (not inside braces or calls)", () => {
    const src = "$$a_{1} = 1 \\qquad b = 2 \\quad x_{1,2} = 3, conv(X, W, full) = Y$$";
    expect(texts(src)).toEqual(["a_{1} = 1", "b = 2", "x_{1,2} = 3", "conv(X, W, full) = Y"]);
  });

  it("unicode subscript commas do not split", () => {
    expect(texts("δx₁₀,₂ = 0, y = 1", "plain")).toEqual(["δx₁₀,₂ = 0", "y = 1"]);
  });

  it("% and # comments", () => {
    expect(texts("x11 = x11 # a comment\n% whole line\ny11 = y11 % another", "plain")).toEqual(["x11 = x11", "y11 = y11"]);
    expect(texts("$$x_{11} = x_{11}$$ % $$y = 2$$\n")).toEqual(["x_{11} = x_{11}"]);
  });

  it("a display block that starts with = continues the previous equation (the lecture's layout)", () => {
    const src = "$$\\frac{\\partial J}{\\partial x_{11}} = \\delta y_{11} w_{22}$$\n\n$$= \\delta y_{11} w_{22}$$";
    const eqs = splitDocument(src);
    expect(eqs).toHaveLength(1);
    expect(eqs[0]!.text).toMatch(/= \\delta y_\{11\} w_\{22\} = \\delta y_\{11\} w_\{22\}$/);
  });

  it("Markdown code blocks and code spans are not math", () => {
    const src = "Run\n```\n$ convgrad verify --expr \"y = 1\"\n```\nor `$x = 1$`, then $$x_{11} = x_{11}$$";
    const eqs = splitDocument(src);
    expect(eqs.map((e) => [e.text, e.line])).toEqual([["x_{11} = x_{11}", 5]]);
  });

  it("an equation broken after =, + or - continues on the next piece", () => {
    expect(texts("$\\delta x_{12} = \\\\ \\delta y_{11} w_{21} + \\\\ \\delta y_{12} w_{22}$")).toEqual(["\\delta x_{12} = \\delta y_{11} w_{21} + \\delta y_{12} w_{22}"]);
    expect(texts("$$\\frac{\\partial J}{\\partial x_{13}} =$$\n\n$$\\delta y_{12} w_{21}$$").map((t) => t.replace(/\s+/g, " "))).toEqual(["\\frac{\\partial J}{\\partial x_{13}} = \\delta y_{12} w_{21}"]);
  });

  it("math without = in prose (a lone $\\times$) does not swallow the next equation", () => {
    expect(texts("a 3 $\\times$ 3 input, and $$x_{11} = x_{11}$$")).toEqual(["\\times", "x_{11} = x_{11}"]);
  });

  it("a trailing sentence period is dropped", () => {
    expect(texts("$$x_{11} = x_{11}.$$")).toEqual(["x_{11} = x_{11}"]);
  });

  it("line and column are where the equation starts (1-based); parse errors point into the file", () => {
    const src = "prose\n\n  $$x_{11} = x_{11}$$ and $$y = + $$";
    const eqs = splitDocument(src);
    expect(eqs.map((e) => [e.line, e.column])).toEqual([[3, 5], [3, 29]]);
    const rs = check(src, undefined, "auto");
    expect(rs[1]!.status).toBe("error");
    expect(rs[1]!.message).toMatch(/^parse error at 3:3[34]/);
  });

  it("results are in input order and keep the file name", () => {
    const rs = check("$$\\delta x_{11} = \\delta y_{11} w_{22}$$ text $$\\delta x_{13} = \\delta y_{11} w_{21}$$", undefined, "auto");
    expect(rs.map((r) => [r.column, r.status])).toEqual([[3, "holds"], [49, "fails"]]);
    expect(rs.every((r) => r.file === "t")).toBe(true);
  });
});

describe("a system of equations in \\left\\{ … \\right. (one per row)", () => {
  it("every row is read, the first one too; a \\left\\{ closed by \\right\\} is still a brace", async () => {
    const { check, lectureDerivation } = await import("./helpers.js");
    const text = [
      "$$",
      "\\left\\{",
      "\\begin{aligned}",
      "\\delta x_{11} &= \\delta y_{11} w_{22} \\\\",
      "\\delta x_{22} &= \\delta y_{11} w_{11} + \\delta y_{12} w_{12} + \\delta y_{21} w_{21} + \\delta y_{22} w_{22}",
      "\\end{aligned}",
      "\\right.",
      "$$",
    ].join("\n");
    const rs = check(text, lectureDerivation(), "auto");
    expect(rs.map((r) => r.status)).toEqual(["holds", "holds"]);
    // a \left\{ … \right\} pair is kept (it groups, like parentheses)
    expect(check("$$\\delta x_{11} = \\left\\{ \\delta y_{11} w_{22} \\right\\}$$", lectureDerivation(), "auto")[0]!.status).toBe("holds");
  });
});

describe("a document's own macros as names (Lawrence's \\outputMatrix[b,c,h,w], \\filters[c,k,i,j])", () => {
  it("an unknown command indexed right after it is a name, learned from the forward formula", async () => {
    const { derive } = await import("../../src/derive.js");
    const { check } = await import("./helpers.js");
    const d = derive({ input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 0, inChannels: 1, outChannels: 2 }, { checks: false });
    const doc = [
      "$$\\outputMatrix[c,h,w] = \\sum_{i,j,k} \\mathbf{X}[k,h+i,w+j] \\cdot \\filters[c,k,i,j]$$",
      "$$\\frac{\\partial L}{\\partial \\mathbf{X}[k,h,w]} = \\sum_{c,i,j} \\frac{\\partial L}{\\partial \\outputMatrix[c,h-i,w-j]} \\cdot \\filters[c,k,i,j]$$",
      "$$\\frac{\\partial L}{\\partial \\mathbf{X}[k,h,w]} = \\sum_{c,i,j} \\frac{\\partial L}{\\partial \\outputMatrix[c,h+i,w+j]} \\cdot \\filters[c,k,i,j]$$",
    ].join("\n");
    const [fwd, dx, wrong] = check(doc, d, "auto");
    expect(fwd!.status).toBe("definition");
    expect(fwd!.message).toContain("Y = \\outputMatrix");
    expect(dx!.status).toBe("holds");
    expect(wrong!.status).toBe("fails");
    // not indexed: a name too (the document does not define the macro, LaTeX has no such command); here no
    // formula says what it names, so it is skipped, naming it — never a parse error
    const bare = check("$$\\frac{\\partial L}{\\partial \\filters} = 0$$", d, "auto")[0]!;
    expect(bare.status).toBe("skipped");
    expect(bare.message).toContain("\\filters is not a tensor of this layer");
    // LaTeX's own commands are not names: still a parse error that names the command
    const sqrt = check("$$\\frac{\\partial L}{\\partial \\sqrt{x}} = 0$$", d, "auto")[0]!;
    expect(sqrt.status).toBe("error");
    expect(sqrt.message).toContain("\\sqrt");
  });
});
