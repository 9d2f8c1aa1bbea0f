/**
 * Reading textbooks as written: index notation, the source's own names, learned roles, operators,
 * activations, size equations, macros and typesetting. Every expected verdict here is the
 * mathematics' (worked out by hand for the small layers used), not convgrad's output.
 */
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive.js";
import { declareRoles, declareSizes } from "../../src/verify/declare.js";
import { Notation } from "../../src/verify/roles.js";
import { verifyDocument, verifyInput, type VerifyResult } from "../../src/verify/run.js";
import { cli } from "../cli/run.js";
import { check, one } from "./helpers.js";

const xcorr0 = derive({ input: [4, 3], kernel: [2, 2], op: "xcorr", indexBase: 0 }, { checks: false });
const conv1 = derive({ input: [4, 3], kernel: [2, 2], op: "conv", indexBase: 1 }, { checks: false });

function doc(text: string, spec: Parameters<typeof verifyDocument>[0], roles?: string): VerifyResult[] {
  const notation = roles ? declareRoles(Notation.defaults(), roles) : Notation.defaults();
  return verifyDocument(
    spec,
    { file: "t.tex", text, mode: "auto" },
    { points: 3, notation, fixed: { op: spec.op !== undefined, indexBase: spec.indexBase !== undefined } },
  );
}

describe("index notation: free indices are checked at every entry", () => {
  it("a sum may give each index its closed interval: \\sum_{m\\in[0,1],n\\in[0,1]} (wintertee's notes)", () => {
    // X 4×3, W 2×2, cross-correlation, 0-based: y_{i,j} = Σ_{m,n=0}^{1} x_{i+m,j+n} w_{m,n}; w_{n,m} is its transpose
    expect(one("y_{i,j} = \\sum_{m\\in[0,1],n\\in[0,1]} x_{i+m,j+n} w_{m,n}", xcorr0).status).toBe("holds");
    expect(one("y_{i,j} = \\sum_{m\\in[0,1],n\\in[0,1]} x_{i+m,j+n} w_{n,m}", xcorr0).status).toBe("fails");
    // an interval with more than its two ends is not read as one
    expect(one("y_{i,j} = \\sum_{m\\in[0,1,2]} x_{i+m,j} w_{m,0}", xcorr0).status).not.toBe("holds");
  });
  it("cross-correlation, 0-based: the forward pass and both gradients hold; the classic slips fail", () => {
    expect(one("y_{i,j} = \\sum_m \\sum_n x_{i+m,j+n} w_{m,n}", xcorr0).status).toBe("holds");
    expect(one("\\delta w_{m,n} = \\sum_i \\sum_j \\delta y_{i,j} x_{i+m,j+n}", xcorr0).status).toBe("holds");
    expect(one("\\delta x_{i,j} = \\sum_m \\sum_n \\delta y_{i-m,j-n} w_{m,n}", xcorr0).status).toBe("holds");
    // the kernel not flipped back in ΔX: every interior entry differs
    const r = one("\\delta x_{i,j} = \\sum_m \\sum_n \\delta y_{i+m,j+n} w_{m,n}", xcorr0);
    expect(r.status).toBe("fails");
    expect(r.message).toMatch(/^\d+ of 12 entries differ/);
    expect(r.entries[0]!.entry).toBe("δx_{0,0}");
  });

  it("S is the stride as s is (Mint's notes: x_{hS+i, wS+j}); the row typo hS+j for wS+j fails", () => {
    const d = derive({ input: [5, 7], kernel: [3, 3], op: "xcorr", stride: 2, indexBase: 0 }, { checks: false });
    expect(one("y_{h,w} = \\sum_{i=0}^{2} \\sum_{j=0}^{2} x_{hS+i,wS+j} w_{i,j}", d).status).toBe("holds");
    expect(one("\\delta w_{i,j} = \\sum_{h} \\sum_{w} \\delta y_{h,w} x_{hS+i,hS+j}", d).status).toBe("fails");
  });

  it("explicit ranges with size names: K (every axis), k_1, k_2; 1-based true convolution", () => {
    expect(one("y_{ij} = \\sum_{m=1}^{K} \\sum_{n=1}^{K} x_{i+m-1,j+n-1} w_{3-m,3-n}", conv1).status).toBe("holds");
    expect(one("y_{ij} = \\sum_{m=1}^{k_1} \\sum_{n=1}^{k_2} x_{i+m-1,j+n-1} w_{k_1+1-m,k_2+1-n}", conv1).status).toBe(
      "holds",
    );
    // one term short: the range stops at K-1
    expect(one("y_{ij} = \\sum_{m=1}^{K-1} \\sum_{n=1}^{K} x_{i+m-1,j+n-1} w_{3-m,3-n}", conv1).status).toBe("fails");
  });

  it("primes, function-call indexing, brackets, \\limits and s.t. conditions", () => {
    expect(
      one("\\delta w_{m',n'} = \\sum\\limits_{i}\\sum\\limits_{j} \\delta y_{i,j} x_{i+m',j+n'}", xcorr0).status,
    ).toBe("holds");
    expect(one("y(i,j) = \\sum_m \\sum_n x(i+m, j+n) w(m,n)", xcorr0).status).toBe("holds");
    expect(one("y_{i,j} = \\sum_m \\sum_n x(i+m, j+n) w(m,n)", xcorr0).status).toBe("holds");
    expect(one("y_{i,j} = \\sum_{m,n} x[i+m,j+n] w[m,n]", xcorr0).status).toBe("holds");
    expect(
      one("\\delta x_{i,j} = \\sum_{m,n \\text{ s.t. } 0 \\le i-m} \\delta y_{i-m,j-n} w_{m,n}", xcorr0).status,
    ).toBe("holds");
  });

  it("an index free on one side only is skipped and named, never a verdict", () => {
    // (j on two right-hand sides is still one index)
    const one1 = one(
      "\\delta w_{m,n} = \\sum_i \\delta y_{i,j} x_{i+m,j+n} = \\sum_i x_{i+m,j+n} \\delta y_{i,j}",
      xcorr0,
    );
    expect(one1.status).toBe("skipped");
    expect(one1.message).toContain("not checked: j is free on one side");
    const two = one("\\delta w_{m,n} = \\delta y_{i,j} x_{i+m,j+n}", xcorr0);
    expect(two.status).toBe("skipped");
    expect(two.message).toContain("not checked: i, j are free on one side");
  });

  it("an unbounded sum is an error that names the index, never a verdict", () => {
    const r = one("\\delta x_{i,j} = \\sum_q \\delta y_{i,j}", xcorr0);
    expect(r.status).toBe("error");
    expect(r.message).toContain("the sum over q is unbounded");
  });

  it("a malformed subscript is a parse error with line:column, the token and what was expected", () => {
    // (x_{i,}, a comma closing the list, is a typo read as x_i and said; an empty item before one is not)
    const r = check("x_{1,1} = 1\n\\delta x_{,i} = \\delta y_{i,j}", xcorr0)[1]!;
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/^parse error at 2:\d+: unexpected "}" in an index|^parse error at 2:\d+: unexpected/);
    expect(r.message).toContain("expected");
  });

  it("a name convgrad cannot tell is skipped with the declaration that would let it check", () => {
    const r = one("q_{i,j} = 2 a_{i,j}", xcorr0);
    expect(r.status).toBe("skipped");
    expect(r.message).toContain("--roles");
  });

  it("\\dots inside a sum is skipped with the reason", () => {
    const r = one("\\delta x_{i,j} = \\delta y_{i,j} w_{0,0} + \\dots", xcorr0);
    expect(r.status).toBe("skipped");
    expect(r.message).toContain("elides");
  });
});

describe("the source's own names", () => {
  const FORWARD = "$$x^l_{i,j} = \\sum_m \\sum_n w^l_{m,n} o^{l-1}_{i+m,j+n} + b^l$$";
  const spec = { input: [4, 3], kernel: [2, 2], bias: true } as const;

  it("learns roles, the convolution and the index base from the forward formula, then checks with them", () => {
    const text = `${FORWARD}\nwhere $\\delta^l_{i,j} = \\frac{\\partial E}{\\partial x^l_{i,j}}$, and\n$$\\frac{\\partial E}{\\partial w^l_{m',n'}} = \\sum_i \\sum_j \\delta^l_{i,j} o^{l-1}_{i+m',j+n'}$$\n$$\\frac{\\partial E}{\\partial b^l} = \\sum_i \\sum_j \\delta^l_{i,j}$$\n$$\\frac{\\partial E}{\\partial w^l_{m',n'}} = \\sum_i \\sum_j \\delta^l_{i,j} o^{l-1}_{i-m',j-n'}$$`;
    const r = doc(text, spec);
    expect(r.map((x) => x.status)).toEqual(["definition", "definition", "holds", "holds", "fails"]);
    expect(r[0]!.message).toContain("Y = x^{l}, X = o^{l-1}, W = w^{l}, b = b^{l}");
    expect(r[0]!.message).toContain("cross-correlation");
    expect(r[0]!.message).toContain("indices start at 0");
    expect(r[1]!.message).toContain("\\delta^{l} = ∂J/∂x^{l} (output gradient");
  });

  it("a word name in \\text{} or \\mathrm{} indexed right after it (\\text{out}[o, i, j]) is a tensor's name", () => {
    const spec0 = { input: [4, 3], kernel: [2, 2], op: "xcorr", indexBase: 0 } as const;
    for (const name of ["\\text{out}", "\\mathrm{out}", "\\text{out}_"]) {
      const lhs = name.endsWith("_") ? `${name}{i,j}` : `${name}[i, j]`;
      const r = doc(
        `$$${lhs} = \\sum_{u,v} x[i+u, j+v] W[u, v]$$\n$$dW[u, v] = \\sum_{i,j} \\delta ${name.endsWith("_") ? "\\text{out}_{i,j}" : "\\text{out}[i, j]"} x[i+u, j+v]$$`,
        spec0,
      );
      expect(
        r.map((x) => x.status),
        name,
      ).toEqual(["definition", "holds"]);
      expect(r[0]!.message).toContain("Y = out");
    }
    // a word apart from its brackets is still prose: an error, never a name guessed
    expect(doc("$$y[i, j] = x \\text{out} [i, j]$$", spec0)[0]!.status).toBe("error");
  });

  it("an inline formula that ends in = is not continued by the next display across prose", () => {
    const spec0 = { input: [4, 3], kernel: [2, 2], op: "xcorr", indexBase: 0 } as const;
    const r = doc(
      "Let $G = $ grad\\_out. The forward pass was:\n\n$$y_{i,j} = \\sum_{u,v} x_{i+u,j+v} w_{u,v}$$",
      spec0,
    );
    // (the prose after it names the output gradient, so it is a definition of G, not an equation)
    expect(r.map((x) => [x.line, x.status])).toEqual([
      [1, "definition"],
      [3, "holds"],
    ]);
    expect(r[0]!.message).toContain("G is the output gradient");
    const prose = doc(
      "Let $G = $ the upstream gradient. The forward pass was:\n\n$$y_{i,j} = \\sum_{u,v} x_{i+u,j+v} w_{u,v}$$",
      spec0,
    );
    expect(prose.map((x) => [x.line, x.status])).toEqual([
      [1, "skipped"],
      [3, "holds"],
    ]);
    expect(prose[0]!.message).toContain("nothing follows its =");
    // without words between them, a display broken after = still continues
    const broken = doc("$$y_{i,j} =$$\n$$\\sum_{u,v} x_{i+u,j+v} w_{u,v}$$", spec0);
    expect(broken.map((x) => x.status)).toEqual(["holds"]);
  });

  it("--roles declares what the text does not say", () => {
    const text = "$$\\frac{\\partial E}{\\partial w^l_{m,n}} = \\sum_i \\sum_j \\delta^l_{i,j} o^{l-1}_{i+m,j+n}$$";
    const spec0 = { input: [4, 3], kernel: [2, 2], op: "xcorr", indexBase: 0 } as const;
    expect(doc(text, spec0)[0]!.status).toBe("skipped");
    expect(doc(text, spec0, "X=o^{l-1}, W=w^l, dY=\\delta^l, loss=E")[0]!.status).toBe("holds");
  });

  it("a % convgrad: line in the file declares roles and layer flags (also --input and --kernel)", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const f = join(mkdtempSync(join(tmpdir(), "cg-")), "notes.tex");
    writeFileSync(
      f,
      '% convgrad: --roles "X=a, W=k, dY=g" --op xcorr --index-base 0\n$$\\frac{\\partial L}{\\partial k_{m,n}} = \\sum_i \\sum_j g_{i,j} a_{i+m,j+n}$$\n',
    );
    const r = await cli(["verify", "--input", "4x3", "--kernel", "2x2", "--format", "json", f], 60_000);
    const j = JSON.parse(r.stdout) as { results: { status: string }[] };
    expect(j.results.map((x) => x.status)).toEqual(["holds"]);
    expect(r.code).toBe(0);
    // the file's line may give the layer itself: no --input on the command line
    const g = join(mkdtempSync(join(tmpdir(), "cg-")), "lecture.tex");
    // true convolution 3×3 / 2×2: δx₂₂ = δy₁₁w₁₁ + δy₁₂w₁₂ + δy₂₁w₂₁ + δy₂₂w₂₂ (the lecture's)
    writeFileSync(
      g,
      "% convgrad: --input 3x3 --kernel 2x2 --op conv\n$$\\delta x_{22} = \\delta y_{11} w_{11} + \\delta y_{12} w_{12} + \\delta y_{21} w_{21} + \\delta y_{22} w_{22}$$\n",
    );
    const own = await cli(["verify", "--format", "json", g], 60_000);
    expect((JSON.parse(own.stdout) as { results: { status: string }[] }).results.map((x) => x.status)).toEqual([
      "holds",
    ]);
    // with neither, the flag is still required
    const none = await cli(["verify", "--expr", "x11 = x11"], 60_000);
    expect([none.code, none.stderr.trim()]).toEqual([2, "convgrad: --input: is required, e.g. --input 3x3"]);
  }, 120_000);

  it("a lower-case matrix name is the matrix (w = [w_11 …] holds)", () => {
    const d = derive({ input: [3, 3], kernel: [2, 2] }, { checks: false });
    expect(one("w = \\begin{bmatrix} w_{11} & w_{12} \\\\ w_{21} & w_{22} \\end{bmatrix}", d).status).toBe("holds");
    expect(one("w = \\begin{bmatrix} w_{11} & w_{12} \\\\ w_{21} & w_{21} \\end{bmatrix}", d).status).toBe("fails");
  });
});

describe("activations, operators and sizes", () => {
  it("δ through the input's activation: f'(z) is one symbol per entry; leaving it out fails", () => {
    const spec = { input: [4, 3], kernel: [2, 2], op: "xcorr", indexBase: 0 } as const;
    const head =
      "$$x^l_{i,j} = \\sum_m \\sum_n w^l_{m,n} o^{l-1}_{i+m,j+n}$$ $$o^{l-1}_{i,j} = f(x^{l-1}_{i,j})$$ $$\\delta^{l-1}_{i,j} = \\frac{\\partial E}{\\partial x^{l-1}_{i,j}}$$ $$\\delta^{l}_{i,j} = \\frac{\\partial E}{\\partial x^{l}_{i,j}}$$\n";
    const good = doc(
      head + "$$\\delta^{l-1}_{i,j} = \\sum_m \\sum_n \\delta^l_{i-m,j-n} w^l_{m,n} f'(x^{l-1}_{i,j})$$",
      spec,
    );
    // (δ^l is known by then: δ^{l-1} = ∂E/∂x^{l-1} defines δ for every layer, so its own definition holds)
    expect(good.map((x) => x.status)).toEqual(["definition", "definition", "definition", "holds", "holds"]);
    expect(good[1]!.message).toContain("o^{l-1} = f(x^{l-1}) for every layer");
    const bad = doc(head + "$$\\delta^{l-1}_{i,j} = \\sum_m \\sum_n \\delta^l_{i-m,j-n} w^l_{m,n}$$", spec);
    expect(bad[4]!.status).toBe("fails");
  });

  it("an operator the document defines is read with that meaning; undefined custom ones are skipped", () => {
    const spec = { input: [4, 3], kernel: [2, 2], op: "conv", indexBase: 0 } as const;
    const text =
      "$$(I \\otimes K)_{ij} = \\sum_m \\sum_n I(i+m,j+n) K(m,n)$$\n$$\\frac{\\partial E}{\\partial W} = X \\otimes \\Delta Y$$\n$$\\Delta W = X \\hat{\\otimes} \\Delta Y$$";
    const r = doc(text, spec);
    expect(r[0]!.status).toBe("definition");
    expect(r[0]!.message).toContain("\\otimes is cross-correlation");
    // the layer is true convolution: ΔW = X ⋆ ΔY rotated, so with ⊗ = ⋆ it fails (it would hold as Rot180(X) ⋆ …)
    expect(r[1]!.status).toBe("fails");
    // \hat{⊗}: nobody's operator (\tilde{⊗}, the wide convolution, has a built-in reading)
    expect(r[2]!.status).toBe("skipped");
  });

  it("size equations are checked at the configured sizes, per axis; a relationship for another stride is skipped", () => {
    const d1 = derive({ input: [7, 6], kernel: [3, 2] }, { checks: false });
    expect(one("o = (i - k)/s + 1", d1).status).toBe("holds");
    expect(one("o = i - k", d1).status).toBe("fails");
    const d2 = derive({ input: [7, 6], kernel: [3, 2], stride: 2, padding: 1 }, { checks: false });
    expect(one("o = \\lfloor (i + 2p - k)/s \\rfloor + 1", d2).status).toBe("holds");
    expect(one("o = \\left\\lfloor \\frac{i + 2p - k}{s} \\right\\rfloor + 1", d2).status).toBe("holds");
    expect(one("o = (i - k) + 1", d2).status).toBe("skipped");
  });

  it("a size relation without the stride, stated right after the strided forward pass it goes with, fails (yizt's 其中 H^l = H^{l-1} − k + 1)", () => {
    // X 5×5, W 3×3, stride 2, cross-correlation, 0-based: the output is ⌊(5 − 3)/2⌋ + 1 = 2 rows, not 5 − 3 + 1 = 3
    const spec = { input: [5, 5], kernel: [3, 3], op: "xcorr" as const, indexBase: 0, stride: 2 };
    const fwd = "$$z^l_{i,j} = \\sum_{m=0}^{2} \\sum_{n=0}^{2} W_{m,n} z^{l-1}_{2i+m,2j+n}$$";
    const size = "$$H^l = H^{l-1} - k + 1$$";
    const near = doc([fwd, "where", size].join("\n"), spec);
    expect(near.map((r) => r.status)).toEqual(["definition", "fails"]);
    expect(near[1]!.message).toContain(
      "it leaves out the stride 2x2 of the forward pass stated just before it, on line 1",
    );
    // far from it (or with no forward pass at all, as in Dumoulin & Visin's list of configurations): another layer's
    const far = doc([fwd, ...Array.from({ length: 8 }, () => "prose"), size].join("\n"), spec);
    expect(far[1]!.status).toBe("skipped");
    expect(doc(size, spec)[0]!.status).toBe("skipped");
  });

  it("an axis-numbered size equation reads its other names on that axis (kernel 3x2: o_2 uses k = 2)", () => {
    // axis 2: ⌊(6 + 2 − 2)/2⌋ + 1 = 4; read with axis 1's k = 3 it would be 3
    const d2 = derive({ input: [7, 6], kernel: [3, 2], stride: 2, padding: 1 }, { checks: false });
    expect(one("o_2 = \\lfloor \\frac{i_2 - k + 2p}{s} \\rfloor + 1", d2).status).toBe("holds");
    expect(one("o_2 = \\lfloor \\frac{i_2 - k + 2p}{s} \\rfloor + 2", d2).status).toBe("fails");
  });

  it("deeplearning.ai's size names: n_H, n_{H_{prev}}, f, pad, stride; a name defined in words is a definition", () => {
    // input 7×6, kernel 3×2, stride 2, padding 1: n_H = ⌊(7 − 3 + 2)/2⌋ + 1 = 4, n_W = ⌊(6 − 2 + 2)/2⌋ + 1 = 4
    const d2 = derive({ input: [7, 6], kernel: [3, 2], stride: 2, padding: 1 }, { checks: false });
    expect(one("n_H = \\lfloor \\frac{n_{H_{prev}} - f + 2 \\times pad}{stride} \\rfloor +1", d2).status).toBe("holds");
    expect(one("n_W = \\lfloor \\frac{n_{W_{prev}} - f + 2 \\times pad}{stride} \\rfloor +1", d2).status).toBe("holds");
    // the padding counted once: ⌊(6 − 2 + 1)/2⌋ + 1 = 3
    expect(one("n_W = \\lfloor \\frac{n_{W_{prev}} - f + pad}{stride} \\rfloor +1", d2).status).toBe("fails");
    const r = doc("$$ n_C = \\text{number of filters used in the convolution}$$", { input: [7, 6], kernel: [3, 2] });
    expect(r[0]!.status).toBe("definition");
  });

  it("an entry labelled by the left side's indices inside a convolution is its whole matrix (Gwardys' z_{x,y} = w * σ(z_{x,y}) + b_{x,y})", () => {
    // the layer is true convolution (valid), so w * σ(z) read at the left side's position is its output;
    // with ⋆ (cross-correlation) every entry differs. The first line teaches the names and z's origin.
    const text = [
      "$$z_{x,y}^{l+1} = \\sum_{a} \\sum_{b} w_{a,b}^{l+1}\\sigma(z_{x-a,y-b}^l)+ b_{x,y}^{l+1}$$",
      "$$z_{x,y}^{l+1} = w^{l+1} * \\sigma(z_{x,y}^l) + b_{x,y}^{l+1}$$",
      "$$z_{x,y}^{l+1} = w^{l+1} \\star \\sigma(z_{x,y}^l) + b_{x,y}^{l+1}$$",
      // a notation's definition with other indices on the left is not read that way
      "$$ROT180(w_{x,y}^{l+1}) = w_{-x, -y}^{l+1}$$",
      // a derivative's own entries are not labels: ∂z_{i,j}/∂w_{m,n} stays an entry-wise derivative
      "$$\\frac{\\partial C}{\\partial w_{m,n}^{l+1}} = \\sum_i \\sum_j \\frac{\\partial C}{\\partial z^{l+1}_{i,j}} * \\frac{\\partial z^{l+1}_{i,j}}{\\partial w^{l+1}_{m,n}}$$",
    ].join("\n");
    const r = doc(text, { input: [5, 4], kernel: [3, 2], op: "conv", indexBase: 0, bias: true });
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "fails", "skipped", "holds"]);
  });

  it("a row of a general form written with its names left in (δx_{1,2} = Σ δy_{i,j} w_{i'-i,j'-j} after δx_{i',j'} = …) is that entry", () => {
    // xcorr, 0-based: δx_{i',j'} = Σ_{i,j} δy_{i,j} w_{i'-i,j'-j}; at (1, 2) the same with i' = 1, j' = 2.
    // With w_{i'+i,…} the i = 1 terms read w_{2,…}, outside the 2×2 kernel, where w_{0,…} belongs: it fails.
    const general = "$$\\delta x_{i',j'} = \\sum_i \\sum_j \\delta y_{i,j} w_{i'-i,j'-j}$$";
    const rows = [
      "$$\\delta x_{1,2} = \\sum_i \\sum_j \\delta y_{i,j} w_{i'-i,j'-j}$$",
      "$$\\delta x_{1,2} = \\sum_i \\sum_j \\delta y_{i,j} w_{i'+i,j'-j}$$",
    ];
    const spec = { input: [4, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 0 };
    const r = doc([general, ...rows].join("\n"), spec);
    expect(r.map((x) => x.status)).toEqual(["holds", "holds", "fails"]);
    expect(r[1]!.details.join(" ")).toMatch(/i' = 1, j' = 2/);
    // without the general form the names stand for nothing: no verdict
    expect(doc(rows[0]!, spec)[0]!.status).toBe("skipped");
  });

  it("the chain rule with a Jacobian, (∂z^l/∂z^{l-1})^T δ^l, is a vector-Jacobian product; * without a mode whose valid reading does not fit is read full only when that holds", () => {
    // Pinard's notes on a cross-correlation layer (3×3 input, 2×2 kernel, 1-based, bias): ΔZ = ΔX ⊙ σ'(z), and
    // ΔX = ΔY ⋆full Rot180(W) for cross-correlation. Valid, ΔY * Rot180(W) is 1×1 (no reading of the source's own *).
    const text = [
      "$$\\delta^{l-1} = \\frac {\\partial J(W, b)} {\\partial z^{l-1}} = (\\frac {\\partial z^l} {\\partial z^{l-1}})^T \\frac {\\partial J(W, b)} {\\partial z^l} = (\\frac {\\partial z^l} {\\partial z^{l-1}})^T \\delta^l$$",
      "$$z^l = a^{l-1}*W^l + b^l = \\sigma(z^{l-1})*W^l + b^l$$",
      "$$\\delta^{l-1} = (\\frac {\\partial z^l} {\\partial z^{l-1}})^T \\delta^l = \\delta^l * rot180(W^l) \\odot \\sigma'(z^{l-1})$$",
      // the kernel not rotated: wrong in either mode
      "$$\\delta^{l-1} = (\\frac {\\partial z^l} {\\partial z^{l-1}})^T \\delta^l = \\delta^l * W^l \\odot \\sigma'(z^{l-1})$$",
      // the Jacobian by the input itself: ΔX
      "$$\\frac{\\partial J}{\\partial a^{l-1}} = (\\frac {\\partial z^l} {\\partial a^{l-1}})^T \\delta^l$$",
    ].join("\n");
    const r = doc(text, { input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 1, bias: true });
    // the first defines δ^{l-1} by its first link; the links after it (the vector-Jacobian product) hold
    expect(r.map((x) => x.status)).toEqual(["holds", "definition", "holds", "fails", "holds"]);
    expect(r[0]!.details.join(" ")).toMatch(/its first link is a definition: \\delta\^\{l-1\} = ∂J\/∂z\^\{l-1\}/);
    expect(r[2]!.details.join(" ")).toMatch(/without a mode as full/);
  });

  it("\\tilde{\\otimes} is 邱锡鹏's wide convolution: W \\tilde{⊗} X = W ⊗ X̃ (X zero-padded by the kernel's size − 1, the left operand sliding)", () => {
    // cross-correlation 6×4 ⋆ 3×2, 1-based. At δx₁₁ (the corner): ΔX₁₁ = δy₁₁ w₁₁. Rot180(ΔY) \\tilde{⊗} W there is
    // Σ_{u,v} Rot180(ΔY)_{uv} W̃_{u,v} with W̃ = W padded by 3 rows and 2 columns: only u = 4, v = 3 meets W, giving
    // Rot180(ΔY)₄₃ w₁₁ = δy₁₁ w₁₁. With the operands exchanged the result is rotated: δy₄₃ w₃₂ at the corner.
    const d = derive({ input: [6, 4], kernel: [3, 2], op: "xcorr" }, { checks: false });
    expect(one("ΔX = Rot180(ΔY) \\tilde{\\otimes} W", d).status).toBe("holds");
    expect(one("ΔX = Rot180(W) \\tilde{\\otimes} ΔY", d).status).toBe("holds");
    const r = one("ΔX = W \\tilde{\\otimes} Rot180(ΔY)", d);
    expect(r.status).toBe("fails");
    expect(r.details.join(" ")).toMatch(/δx₁₁: missing δy₁₁·w₁₁; extra δy₄₃·w₃₂/);
  });

  it("entries written with their spatial indices only, on a layer with channels, are vectors over them (Straka's ⇶R_{i,j} = →b + Σ ⇶I_{i+m,j+n} ⇶K_{m,n})", () => {
    // 2 → 3 channels, cross-correlation, 0-based, channels last as Straka writes them. Vector form:
    // R[o,i,j] = b_o + Σ_{m,n} Σ_c I[c,i+m,j+n] K[o,c,m,n] (the c summed where I and K meet);
    // ∂L/∂I_{i',j'} = Σ_{m,n} K_{m,n} G_{i'-m,j'-n} sums over the output channel o (the left side has none);
    // ∂L/∂K_{m,n} = Σ_{i,j} I_{i+m,j+n} (G_{i,j})^T is the outer product over (c, o). Twice it fails.
    const text = [
      "$$R_{i, j, o} = b_o + \\sum_{m=0}^{k-1} \\sum_{n=0}^{k-1} \\sum_c I_{i + m, j + n, c} K_{m, n, c, o}$$",
      "$$R_{i, j} = b + \\sum_{m=0}^{k-1} \\sum_{n=0}^{k-1} I_{i + m, j + n} K_{m, n}$$",
      "$$G = \\frac{\\partial L}{\\partial R}$$",
      "$$\\frac{\\partial L}{\\partial I_{i',j'}} = \\sum_{m=0}^{k-1} \\sum_{n=0}^{k-1} K_{m,n} G_{i'-m,j'-n}$$",
      "$$\\frac{\\partial L}{\\partial K_{m,n}} = \\sum_i \\sum_j I_{i+m,j+n} (G_{i,j})^\\T$$",
      "$$\\frac{\\partial L}{\\partial K_{m,n}} = \\sum_i \\sum_j I_{i+m,j+n} G_{i,j} + \\sum_i \\sum_j I_{i+m,j+n} G_{i,j}$$",
    ].join("\n");
    const r = doc(text, {
      input: [5, 4],
      kernel: [3, 3],
      op: "xcorr",
      indexBase: 0,
      bias: true,
      inChannels: 2,
      outChannels: 3,
    });
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "definition", "holds", "holds", "fails"]);
    expect(r[1]!.message).toMatch(/every o, i, j over 18 values/);
  });

  it("a sum over a channel index on a one-channel layer is its one term (Jefkine's Σ_{c=1}^{C} K_{m,n,c} I_{i+m,j+n,c})", () => {
    // xcorr, 0-based, no channels: the one-channel reading of eq. 4 is eq. 5, the same definition of ∗
    const spec = { input: [5, 4], kernel: [3, 2], op: "xcorr", indexBase: 0, bias: true } as const;
    const text = [
      "$$(I \\ast K)_{ij} = \\sum_{m = 0}^{k_1 - 1} \\sum_{n = 0}^{k_2 - 1} \\sum_{c = 1}^{C} K_{m,n,c} \\cdot I_{i+m, j+n, c} + b$$",
      "$$(I \\ast K)_{ij} = \\sum_{m = 0}^{k_1 - 1} \\sum_{n = 0}^{k_2 - 1} K_{m,n} \\cdot I_{i+m, j+n} + b$$",
      // ΔW with the input's channel index summed: holds; the input read at i−m (true convolution): fails
      "$$\\delta w_{m,n} = \\sum_{c=1}^{C} \\sum_i \\sum_j \\delta y_{i,j} x_{i+m,j+n,c}$$",
      "$$\\delta w_{m,n} = \\sum_{c=1}^{C} \\sum_i \\sum_j \\delta y_{i,j} x_{i-m,j-n,c}$$",
      // c in arithmetic is no channel index: not read that way (C is no size convgrad knows)
      "$$\\delta w_{m,n} = \\sum_{c=1}^{C} \\sum_i \\sum_j \\delta y_{i,j} x_{i+m,j+c,c}$$",
    ].join("\n");
    const r = doc(text, spec);
    expect(r.map((x) => x.status)).toEqual(["definition", "definition", "holds", "fails", "skipped"]);
    expect(r[1]!.message).toMatch(/as defined before/);
  });

  it("channel indices in the layer superscript on a one-channel layer are its one channel (邱锡鹏's W^{(l,p,d)})", () => {
    // xcorr 6×4 ⋆ 3×2, 1-based, bias. Read for one channel, 5.25 is the forward pass and 5.27 ΔW = ΔY ⊗ X
    // (Qiu's ⊗: the smaller operand slides); with ΔY rotated it is a true convolution instead, which fails.
    const text = [
      "$$Z^{(l,p)} = \\sum_{d=1}^{D} W^{(l,p,d)} \\otimes X^{(l-1,d)} + b^{(l,p)}$$",
      "$$\\frac{\\partial \\mathcal{L}}{\\partial W^{(l,p,d)}} = \\frac{\\partial \\mathcal{L}}{\\partial Z^{(l,p)}} \\otimes X^{(l-1,d)}$$",
      "$$\\frac{\\partial \\mathcal{L}}{\\partial W^{(l,p,d)}} = \\text{rot180}\\left(\\frac{\\partial \\mathcal{L}}{\\partial Z^{(l,p)}}\\right) \\otimes X^{(l-1,d)}$$",
      "$$\\frac{\\partial \\mathcal{L}}{\\partial b^{(l,p)}} = \\sum_{i,j} [\\frac{\\partial \\mathcal{L}}{\\partial Z^{(l,p)}}]_{i,j}$$",
      // p also used as an index: not a channel index, nothing dropped
      "$$\\frac{\\partial \\mathcal{L}}{\\partial b^{(l,p)}} = \\sum_{i,j} [\\frac{\\partial \\mathcal{L}}{\\partial Z^{(l,p)}}]_{i,p}$$",
    ].join("\n");
    const r = doc(text, { input: [6, 4], kernel: [3, 2], op: "xcorr", indexBase: 1, bias: true });
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "fails", "holds", "skipped"]);
    expect(r[1]!.details.join(" ")).toMatch(/one channel: d, p/);
    // with channels the superscripts are not dropped (the layer has them): no verdict
    const c = doc(text, {
      input: [6, 4],
      kernel: [3, 2],
      op: "xcorr",
      indexBase: 1,
      bias: true,
      inChannels: 2,
      outChannels: 2,
    });
    expect(c.filter((x) => x.status === "holds" || x.status === "fails")).toEqual([]);
  });

  it("an activation's derivative with the layer's subscript after the prime (f'_{l}(Z^{(l)})) reads as f_l'", async () => {
    const { tokenize } = await import("../../src/lang/lexer.js");
    expect(tokenize("f'_{l}(Z)").map((t) => `${t.type}:${t.value}`)).toEqual(
      tokenize("f_{l}'(Z)").map((t) => `${t.type}:${t.value}`),
    );
  });

  it("a primed name is a name of its own: loliot's rotated kernel (\\omega')^l_{m,n}, also written \\omega'^l_{m,n}", () => {
    // xcorr 0-based 5×4 ⋆ 3×2 with bias: the forward pass teaches ω'^l as the kernel; ΔW = Σ δy_{i,j} x_{i+m,j+n}
    const text = [
      "$$z^l_{i,j} = \\sum_m \\sum_n a^{l-1}_{i+m,j+n} (\\omega')^l_{m,n} + b^l$$",
      "$$\\frac{\\partial L}{\\partial (\\omega')^l_{m,n}} = \\sum_i \\sum_j \\frac{\\partial L}{\\partial z^l_{i,j}} a^{l-1}_{i+m,j+n}$$",
      "$$\\frac{\\partial L}{\\partial \\omega'^l_{m,n}} = \\sum_i \\sum_j \\frac{\\partial L}{\\partial z^l_{i,j}} a^{l-1}_{i-m,j-n}$$",
    ].join("\n");
    const r = doc(text, { input: [5, 4], kernel: [3, 2], op: "xcorr", indexBase: 0, bias: true });
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "fails"]);
    expect(r[0]!.message).toContain("W = \\omega'^{l}");
  });

  it("[·] around a division is the integer part; n and \\tilde n are a size and the layer's output of it", () => {
    // input 7×6, kernel 3×2, stride 2, padding 1: ⌊(7 + 2 − 3)/2⌋ + 1 = 4, ⌊(6 + 2 − 2)/2⌋ + 1 = 4
    const d2 = derive({ input: [7, 6], kernel: [3, 2], stride: 2, padding: 1 }, { checks: false });
    // both divisions exact here: the bracket's two readings agree
    expect(one("o = [\\frac{i+2p-k}{s}]+1", d2).status).toBe("holds");
    expect(
      one(
        "\\tilde n=[\\frac{n+2P-K}{s}]+1",
        derive({ input: [7, 7], kernel: [3, 3], stride: 2, padding: 1 }, { checks: false }),
      ).status,
    ).toBe("holds");
    // 5×4 input, 3×3 kernel, stride 2, padding 1: axis 2 is ⌊(4 + 2 − 3)/2⌋ + 1 = 2; read as a plain bracket, 2.5
    const d3 = derive({ input: [5, 4], kernel: [3, 3], stride: 2, padding: 1 }, { checks: false });
    const r = one("\\tilde n=[\\frac{n+2P-K}{s}]+1", d3);
    expect(r.status).toBe("holds");
    expect(r.message).toMatch(/integer part/);
    expect(one("\\tilde n=[\\frac{n+P-K}{s}]+1", d3).status).toBe("fails");
  });

  it("an identity between unknown names holds whatever they mean; a non-identity is no verdict", () => {
    const d1 = derive({ input: [7, 6], kernel: [3, 2] }, { checks: false });
    const r = one("[m+2(k-1)]-k+1=m+k-1", d1);
    expect(r.status).toBe("holds");
    expect(r.message).toMatch(/identity/);
    expect(one("[m+2(k-1)]-k+1=m+k", d1).status).toBe("skipped");
    expect(one("(a+b)(a-b) = a a - b b", d1).status).toBe("holds");
    expect(one("(a+b)(a+b) = a a + b b", d1).status).toBe("skipped");
  });

  it("labelled sizes with layer tags (w^{(l)}_{img}) are the tagged tensor's, even where w^{(l)} is the kernel; f^{(l)} the filter size", () => {
    // input 5×4, kernel 3×3: the output is 3×2 on either axis reading (5 − 3 + 1, 4 − 3 + 1)
    const text =
      "$$x^{(l+1)}_{i,j} = \\sum_{a=0}^{2} \\sum_{b=0}^{2} w^{(l)}_{a,b} x^{(l)}_{i+a,j+b}$$\n$$w^{(l+1)}_{img} = w^{(l)}_{img} - f^{(l)} + 1$$\n$$h^{(l+1)}_{img} = h^{(l)}_{img} - f^{(l)} + 2$$";
    const r = doc(text, { input: [5, 4], kernel: [3, 3], op: "xcorr", indexBase: 0 });
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "fails"]);
  });

  it("Dumoulin & Visin's transposed sizes: i', o' are the layer's output and input; a the rows the stride never reaches", () => {
    // input 5×6, kernel 3×2, stride 2, padding 1: outputs 3×4; o' = 2(i' − 1) + k − 2p: 2·2 + 3 − 2 = 5, 2·3 + 2 − 2 = 6
    const even = derive({ input: [5, 6], kernel: [3, 2], stride: 2, padding: 1 }, { checks: false });
    expect(one("o' = s (i' - 1) + k - 2p", even).status).toBe("holds");
    expect(one("o' = s (i' - 1) + a + k - 2p", even).status).toBe("holds");
    expect(one("o' = s (i' - 1) + k - p", even).status).toBe("fails");
    // input 6: a = (6 + 2 − 3) mod 2 = 1 on axis 1, so only the form with a holds; the other is for another input size
    const odd = derive({ input: [6, 6], kernel: [3, 2], stride: 2, padding: 1 }, { checks: false });
    expect(one("o' = s (i' - 1) + a + k - 2p", odd).status).toBe("holds");
    expect(one("o' = s (i' - 1) + k - 2p", odd).status).toBe("skipped");
  });
});

describe("derivatives written inline", () => {
  it("{\\partial J}/{\\partial y_{11}} is ∂J/∂y₁₁, on either side", () => {
    // the lecture's layer (true convolution): δx₂₂ = δy₁₁w₁₁ + δy₁₂w₁₂ + δy₂₁w₂₁ + δy₂₂w₂₂
    const right =
      "{\\partial J}/{\\partial x_{22}} = {\\partial J}/{\\partial y_{11}} w_{11} + {\\partial J}/{\\partial y_{12}} w_{12} + {\\partial J}/{\\partial y_{21}} w_{21} + {\\partial J}/{\\partial y_{22}} w_{22}";
    expect(check(right).map((r) => r.status)).toEqual(["holds"]);
    // the kernel not flipped back: every term differs
    const wrong =
      "{\\partial J}/{\\partial x_{22}} = {\\partial J}/{\\partial y_{11}} w_{22} + {\\partial J}/{\\partial y_{12}} w_{21} + {\\partial J}/{\\partial y_{21}} w_{12} + {\\partial J}/{\\partial y_{22}} w_{11}";
    expect(check(wrong).map((r) => r.status)).toEqual(["fails"]);
  });
});

describe("a name given to the output gradient in the code's words", () => {
  it("Let $G = $ grad_out (also dout, grad_output): G is ΔY; in other words it is not", () => {
    const spec = { input: [4, 4], kernel: [2, 2], op: "xcorr", indexBase: 0 } as const;
    const body = "$$dW[u, v] = \\sum_{i,j} G[i, j]\\; x[i+u, j+v]$$\n$$dW[u, v] = \\sum_{i,j} G[i, j]\\; x[i-u, j-v]$$";
    for (const word of ["grad_out", "grad\\_output", "`dout`"]) {
      const r = doc(`Let $G = $ ${word}. Then\n${body}`, spec);
      expect(
        r.map((x) => x.status),
        word,
      ).toEqual(["definition", "holds", "fails"]);
    }
    const other = doc(`Let $G = $ the upstream gradient. Then\n${body}`, spec);
    expect(other.map((x) => x.status)).toEqual(["skipped", "skipped", "skipped"]);
  });
});

describe("a gradient in code's names is never taken for the forward pass", () => {
  it("dK(u',v') = Σ dO(i,j) I(i+u'−1, j+v'−1) is ΔW (it reads like a forward pass); ⟹ starts another equation; (I ⋆ dO)(u',v') is an entry", () => {
    // a StackExchange derivation (1-based cross-correlation, m×n image, p×q filter), as written;
    // its sizes declared: with p read as the padding its sums would be empty
    const spec = { input: [5, 4], kernel: [3, 2], op: "xcorr" } as const;
    const text = [
      "$$O(i,j)=\\sum_{i'=i}^{i+p-1}\\sum_{j'=j}^{j+q-1}K(i'-i+1,j'-j+1)I(i',j')$$",
      "$$dK(u',v') = \\sum_{i=1}^{m-p+1}\\sum_{j=1}^{n-q+1}dO_{ij}\\frac{\\partial O_{ij}}{\\partial K(u',v')} = \\sum_{i=1}^{m-p+1}\\sum_{j=1}^{n-q+1}dO(i,j)I(i+u'-1,j+v'-1) = (I\\star dO)(u',v') \\implies dK = I\\star dO$$",
      "$$dI(i'',j'')=\\sum_{i=1}^{m-p+1}\\sum_{j=1}^{n-q+1}dO_{ij}\\frac{\\partial O_{ij}}{\\partial I(i'',j'')}$$",
    ].join("\n");
    const notation = declareSizes(Notation.defaults(), "m=5, n=4, p=3, q=2");
    const r = verifyDocument(
      spec,
      { file: "t.md", text, mode: "auto" },
      { points: 3, notation, fixed: { op: true, indexBase: false } },
    );
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "holds", "holds"]);
    expect(r[0]!.message).toContain("Y = O, X = I, W = K");
  });
});

describe("decorated names", () => {
  it("\\check{\\delta}, \\ddot{\\check{\\delta}} (a source's zero-inserted, padded δ) are names: skipped, naming them, never a parse error", () => {
    const [a, b] = check(
      "\\frac{\\partial L}{\\partial w_{11}} = \\sum_{i} \\sum_{j} \\check{\\delta}_{i,j} x_{i,j}\n\\frac{\\partial L}{\\partial w_{11}} = \\sum_{i} \\sum_{j} \\ddot{\\check{\\delta}}_{i,j} x_{i,j}",
    );
    expect(a!.status).toBe("skipped");
    expect(a!.message).toContain("\\check{\\delta}_{i,j} is not a tensor of this layer");
    expect(b!.status).toBe("skipped");
    expect(b!.message).toContain("\\ddot{\\check{\\delta}}");
  });
});

describe("typesetting is read through", () => {
  it("macros, colour, phantoms, tags, text (also CJK) and equation numbers", () => {
    const d = derive({ input: [3, 3], kernel: [2, 2] }, { checks: false });
    const text = [
      "\\newcommand{\\p}[2]{\\frac{\\partial #1}{\\partial #2}}",
      "$$\\p{J}{w_{11}} = \\sum_{i}\\sum_{j} \\textcolor{red}{\\delta y_{ij}} x_{i+1,j+1} \\tag{3}$$",
      "$$\\delta x_{11} = \\phantom{0}\\delta y_{11} w_{22} \\quad \\text{（边界）}$$",
      "其中 $\\delta w_{12} = \\delta y_{11} x_{21} + \\delta y_{12} x_{22} + \\delta y_{21} x_{31} + \\delta y_{22} x_{32} \\ \\ (4)$",
    ].join("\n");
    const r = verifyInput(d, { file: "t.tex", text, mode: "auto" }, { points: 3 });
    expect(r.map((x) => x.status)).toEqual(["holds", "holds", "holds"]);
  });
  it("a MyST directive's body is Markdown (Ulyankin's ```{dropdown} Решение), a sign repeated at a multline break is one", () => {
    // X 3×3, W 2×2, true convolution, 1-based: y_11 = w_22 x_11 + w_21 x_12 + w_12 x_21 + w_11 x_22
    const d = derive({ input: [3, 3], kernel: [2, 2] }, { checks: false });
    const text = [
      "```{dropdown} Решение",
      "\\begin{multline*}",
      "y_{11} = w_{22} x_{11} + w_{21} x_{12} + \\\\ + w_{12} x_{21} + w_{11} x_{22}.",
      "\\end{multline*}",
      "```",
      "",
      "```python",
      "y = $x$",
      "```",
    ].join("\n");
    const r = verifyInput(d, { file: "t.md", text, mode: "auto" }, { points: 3 });
    expect(r.map((x) => x.status)).toEqual(["holds"]);
    expect(r[0]!.line).toBe(3);
  });
  it("Charmve's rows: control spaces before a continued row's =, a backslash before the line's end, ∴ and ∵, +...+", () => {
    // X 3×3, W 2×2, cross-correlation, 1-based: δx_22 = δy_11 w_22 + δy_12 w_21 + δy_21 w_12 + δy_22 w_11
    const d = derive({ input: [3, 3], kernel: [2, 2], op: "xcorr" }, { checks: false });
    const dx = (a: string, b: string) => `δy_{11}w_{22}+δy_{12}w_{21}+δy_{21}w_{${a}}+δy_{22}w_{${b}}`;
    const text = [
      "$$δx_{22}=δy_{11}w_{22}+δy_{12}w_{21}\\\\",
      "\\qquad\\qquad+δy_{21}w_{12}+δy_{22}w_{11}\\\\",
      `\\qquad\\qquad\\qquad \\ \\quad \\ \\ =${dx("11", "12")}$$`,
      "",
      `$$∴δx_{22}=${dx("12", "11")} \\ \\`,
      "$$",
      "",
      "$$∵δw_{11}=δy_{11}x_{22}+...+δy_{22}x_{33}$$",
    ].join("\n");
    const r = verifyInput(d, { file: "t.tex", text, mode: "auto" }, { points: 3 });
    // the first chain's last row is its third side (it swaps w_11 and w_12): one equation that fails at it
    expect(r.map((x) => x.status)).toEqual(["fails", "holds", "skipped"]);
    expect(r[0]!.message).toContain("side 3");
    expect(r[2]!.message).toContain("elides entries");
  });
});

describe("reports count what they leave out, and convgrad's limits are never a verdict", () => {
  it("a term list longer than 32 is cut with the count of the rest; the JSON entries keep every term", () => {
    // X 12×12, W 3×3, true convolution: each δw sums 10×10 = 100 products; ΔW = Rot180(ΔY) * X gets them all wrong
    const [r] = verifyDocument(
      { input: [12, 12], kernel: [3, 3] },
      { file: "t", text: "ΔW = Rot180(ΔY) * X", mode: "plain" },
      { points: 3 },
    );
    expect(r!.status).toBe("fails");
    const line = r!.details.find((x) => x.startsWith("δw₁₁"))!;
    // 32 terms named (indices above 9 have their own commas: δy₂,₁₀·x₂,₁₀), then the 68 counted
    expect(line).toMatch(
      /^δw₁₁: missing δy₁₁·x₃₃, .*, … and 68 more \(every one in --format json\); extra δy₁₁·x₁₁, .*, … and 68 more/,
    );
    expect(line.split("·").length - 1).toBe(64);
    expect(r!.entries[0]!.missing).toHaveLength(100);
  });

  it("five differing entries are described and the rest counted exactly (ΔX = ΔY *full W: 9 differ)", () => {
    const r = one("ΔX = ΔY *full W");
    expect(r.status).toBe("fails");
    const described = r.details.filter((x) => /^δx/.test(x)).length;
    expect(described).toBe(5);
    expect(r.details).toContain("… 4 more differing entries (--format json lists them)");
    expect(r.entries).toHaveLength(9);
  });

  it("an exponent above 32, division by a variable and padding above 64 are skipped; 1/0 is an error", () => {
    expect(one("x11^{33} = x11^{33}").status).toBe("skipped");
    expect(one("x11/x12 = x11/x12").status).toBe("skipped");
    expect(one("pad(X, 65) = pad(X, 65)").status).toBe("skipped");
    const z = one("1/0 = 1/0");
    expect(z.status).toBe("error");
    expect(z.message).toContain("division by zero");
  });

  it("a sum too large to expand is an error with the limit, not a hang", () => {
    const r = one("\\delta x_{i,j} = \\sum_{a=0}^{100000} \\sum_{b=0}^{1000} x_{a,b}", xcorr0);
    expect(r.status).toBe("error");
    expect(r.message).toContain("more than 200000 terms");
  });
});

describe("inputs that check nothing are said, and echoes are safe", () => {
  it("old-Mac \\r and \\r\\n line ends are line ends: every formula is checked, lines count once", async () => {
    const r = await cli(
      ["verify", "--input", "3x3", "--kernel", "2x2", "--format", "json", "-"],
      60_000,
      "x11 = x11\r\\delta x_{22} = \\delta y_{11} w_{11}\r\nx12 = x12\r\n",
    );
    const j = JSON.parse(r.stdout) as { results: { line: number; status: string }[] };
    expect(j.results.map((x) => [x.line, x.status])).toEqual([
      [1, "holds"],
      [2, "fails"],
      [3, "holds"],
    ]);
  }, 60_000);

  it("an empty input is a usage error (exit 2); a document with no equation says so (exit 1)", async () => {
    const e = await cli(["verify", "--input", "3x3", "--kernel", "2x2", "--expr", ""], 60_000);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain("the input is empty");
    const n = await cli(["verify", "--input", "3x3", "--kernel", "2x2", "-"], 60_000, "only prose and $x$ here\n");
    expect(n.code).toBe(1);
    expect(n.stderr).toContain("no equation to check");
  }, 60_000);

  it("control characters in a formula are shown escaped, never sent to the terminal", async () => {
    const r = await cli(["verify", "--input", "3x3", "--kernel", "2x2", "--expr", "x11 = \u001b[2J"], 60_000);
    expect(r.stdout).not.toContain("\u001b");
    expect(r.stdout).toContain("\\x1b[2J");
  }, 60_000);
});

describe("found on a held-out source (corpus 15)", () => {
  it("i = 1 (an index picked in the text) is not a size equation; {+} in a subscript is +", () => {
    const d = derive({ input: [4, 4], kernel: [3, 3], op: "xcorr" }, { checks: false });
    expect(one("i = 1", d).status).toBe("skipped");
    expect(one("y_{12} = \\sum_{i=1}^3 \\sum_{j=1}^3 w_{ij} x_{i,j{+}1}", d).status).toBe("holds");
  });

  it("declaring the kernel's name takes the role from convgrad's default W; a matrix product is not evaluated", () => {
    const spec = { input: [4, 4], kernel: [3, 3], op: "xcorr", indexBase: 1 } as const;
    const text = "$$\\frac{\\partial F}{\\partial a} = W^T \\bigg( \\frac{\\partial F}{\\partial h} \\bigg)$$";
    const r = doc(text, spec, "X=a, W=k, Y=h, loss=F");
    expect(r[0]!.status).toBe("skipped");
    const m = one("\\Delta X = W^T \\Delta Y", derive({ input: [3, 3], kernel: [2, 2] }, { checks: false }));
    expect(m.status).toBe("skipped");
    expect(m.message).toContain("a product of two matrices");
  });
});

describe("real sources' notation that was a parse error (corpus 01, 04, 05, 07, 19, 21, 23)", () => {
  // the layer of these tests: 0-based valid cross-correlation, X 4×3, W 2×2, so Y (and ΔY) is 3×2;
  // by hand: y_{i,j} = Σ_{m,n} x_{i+m,j+n} w_{m,n}, so ∂L/∂w_{a,b} = Σ_{i,j} δy_{i,j} x_{i+a,j+b}
  const spec0 = { input: [4, 3], kernel: [2, 2], op: "xcorr", indexBase: 0 } as const;

  it("a word under a tagged size in a sum's bound is a label (Scthe: \\sum^{w^{(l+1)}_{img}}_i), with {∂ \\over ∂W} J(…)", () => {
    const text = [
      "$${\\partial \\over \\partial w_{ab}} J(W,b;Y,X) = \\sum^{w^{(l+1)}_{img}}_i \\sum^{h^{(l+1)}_{img}}_j x_{(i+a),(j+b)} \\delta y_{i,j}$$",
      // x_{i-a,j-b}: the shift the wrong way — only δw_{0,0} is right
      "$${\\partial \\over \\partial w_{ab}} J(W,b;Y,X) = \\sum^{w^{(l+1)}_{img}}_i \\sum^{h^{(l+1)}_{img}}_j x_{(i-a),(j-b)} \\delta y_{i,j}$$",
    ].join("\n");
    const [ok, bad] = doc(text, spec0);
    expect(ok!.status).toBe("holds");
    expect(bad!.status).toBe("fails");
    expect(bad!.message).toMatch(/^3 of 4 entries differ/);
  });

  it("δ^{(L)} = ∂J/∂x^{(L)} at the last layer L defines δ^{t} = ∂J/∂x^{t} for every layer (Scthe)", () => {
    // by hand: x^{(l+1)}_{i,j} = Σ_{a,b} W_{ab} y^{(l)}_{i+a,j+b} is Y = X ⋆ W, so ∂J/∂W_{ab} = Σ_{i,j} y_{i+a,j+b} δ^{(l+1)}_{i,j}
    const forward = "$$x^{(l+1)}_{i,j} = \\sum_a \\sum_b W^{(l)}_{ab} \\cdot y^{(l)}_{(i+a),(j+b)}$$";
    const grad = (y: string) =>
      `$$\\frac{\\partial}{\\partial W^{(l)}_{ab}} J(W,b) = \\sum_i \\sum_j ${y} \\cdot \\delta^{(l+1)}_{i,j}$$`;
    const text = [
      "the error term: $\\delta^{(L)}_j = \\frac{\\partial}{\\partial x^{(L)}_j} J(W,b)$.",
      forward,
      grad("y^{(l)}_{(i+a),(j+b)}"),
      grad("y^{(l)}_{(i-a),(j-b)}"),
    ].join("\n");
    expect(doc(text, spec0).map((r) => r.status)).toEqual(["definition", "definition", "holds", "fails"]);
    // without the definition δ^{(l+1)} is not known: skipped, never guessed
    expect(doc([forward, grad("y^{(l)}_{(i+a),(j+b)}")].join("\n"), spec0)[1]!.status).toBe("skipped");
  });

  it("∂L/∂o^1: what a derivative is by is a tensor, its number a layer (Borundev's l^1), not a power", () => {
    // the forward pass names X o^0 and Y o^1; then ∂L/∂x_{i,j} = Σ_{m,n} δy_{i-m,j-n} w_{m,n} (the true ΔX)
    const text = [
      "$$o^1_{i,j} = \\sum_{m,n} o^0_{i+m,j+n} w_{m,n}$$",
      "$$\\frac{\\partial L}{\\partial o^0_{i,j}} = \\sum_{m,n} \\left(\\frac{\\partial L}{\\partial o^1}\\right)_{i-m,j-n} w_{m,n}$$",
    ].join("\n");
    expect(doc(text, spec0).map((r) => r.status)).toEqual(["definition", "holds"]);
    // elsewhere a number is still a power: w_{0,0}^2 is w₀₀·w₀₀, not a tensor named w^{2}
    expect(one("y_{0,0} = w_{0,0}^2", xcorr0).status).toBe("fails");
  });

  it("an alignment inside \\left( … \\right) is a matrix, cells split by commas; an array's unbraced column spec", () => {
    // yizt: ΔX = pad(ΔY, 1) ⋆ Rot180(W). By hand (X 3×3, W 2×2, Y 2×2): Σ_{m,n} ΔY[i+m−1, j+n−1] W[1−m, 1−n]
    // = Σ_{p,q} ΔY[p,q] W[i−p, j−q], which is ∂L/∂x_{i,j} (y_{p,q} = Σ x_{p+m,q+n} w_{m,n}); unrotated it fails
    const d = { input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 0 } as const;
    const padded = [
      "\\left(",
      "\\begin{align}",
      "&0, &&0, &&0, &&0 \\\\",
      "&0, &&\\delta y_{0,0}, &&\\delta y_{0,1}, &&0 \\\\",
      "&0, &&\\delta y_{1,0}, &&\\delta y_{1,1}, &&0 \\\\",
      "&0, &&0, &&0, &&0",
      "\\end{align}",
      "\\right) *",
    ].join("\n");
    const kernel = (rows: string) => `\\left(\n\\begin{array}\na${rows}\n\\end{array}\n\\right)`;
    const text = [
      `$$\n\\Delta X = ${padded}\n${kernel("w_{1,1},& w_{1,0}\\\\\nw_{0,1},& w_{0,0}\\\\")}\n$$`,
      `$$\n\\Delta X = ${padded}\n${kernel("w_{0,0},& w_{0,1}\\\\\nw_{1,0},& w_{1,1}\\\\")}\n$$`,
    ].join("\n\n");
    const [ok, bad] = doc(text, d);
    expect(ok!.status).toBe("holds");
    expect(bad!.status).toBe("fails");
    // an alignment that is the display itself stays layout
    expect(doc("$$\\begin{align} \\delta x_{0,0} &= \\delta y_{0,0} w_{0,0} \\end{align}$$", d)[0]!.status).toBe(
      "holds",
    );
  });

  it("statements listed in parentheses are each an equation; a number stated for a name is never the tensor", () => {
    // silenceluo: "the IA size is (H=5, W=5)" — W = 5 is the width, not the kernel W equal to 5
    const r = doc("The IA size is $(H=5, W=5)$, the kernel $(R=3, S=3)$.", spec0);
    expect(r.map((x) => x.status)).toEqual(["skipped", "skipped", "skipped", "skipped"]);
    expect(r[1]!.message).toContain("W = 5 states a number for a name");
    // pad_H, stride_H are names (the padding and stride of axis H); pad(…) applied is still the function
    const p = one("\\delta x_{i,j} = pad_H", xcorr0);
    expect(p.status).toBe("skipped");
    expect(p.message).toContain("pad_{H} is not a tensor of this layer");
  });

  it("∂L/∂22 (a typo for ∂L/∂y_{22}) is skipped, said; g(G, V, s)_{i,j} is one name of the source's", () => {
    const r = one("\\frac{\\partial L}{\\partial x_{1,1}} = \\frac{\\partial L}{\\partial 22} w_{0,0}", xcorr0);
    expect(r.status).toBe("skipped");
    expect(r.message).toContain("a derivative by a number");
    // Mint's indicator 𝕀_{F^l}(h,h',w,w'): a subscripted function of the source's own applied to indices, one name
    const ind = one("\\delta x_{i,j} = \\mathbb{I}_{F^l}(i,i',j,j') w_{0,0}", xcorr0);
    expect(ind.status).toBe("skipped");
    expect(ind.message).toBe("not about this convolution: I_{F^{l}}(i, i', j, j') is not a tensor of this layer");
    // primes in a subscript are no layer tag: w_{m^{\prime}n^{\prime}} is still two indices, m' and n'
    // (δw_{m',n'} = Σ_{i,j} δy_{i,j} x_{i+m',j+n'}, the true ΔW of the layer)
    const primed = "\\delta w_{m^{\\prime}n^{\\prime}} = \\sum_i \\sum_j \\delta y_{i,j} x_{i+m',j+n'}";
    expect(one(primed, xcorr0).status).toBe("holds");
    // Goodfellow's g(G, V, s)_{i,j,k,l}: a function of the book's own, not an activation of three arguments
    const g = one("g(G, V, s)_{a,b} = \\sum_i \\sum_j \\delta y_{i,j} x_{i+a,j+b}", xcorr0);
    expect(g.status).toBe("skipped");
    expect(g.message).toContain("g(G, V, s)_{a,b} is not a tensor of this layer");
  });
});

describe("indices free on one side only: tied as the document states, or labels of whole matrices", () => {
  // xcorr0: X 4×3, W 2×2, cross-correlation, 0-based; ΔY 3×2. By hand: y_{i,j} = Σ_{m,n} x_{i+m,j+n} w_{m,n},
  // so ∂J/∂x_{i',j'} = Σ_{m,n} δy_{i'-m,j'-n} w_{m,n} (δy zero outside), and Σ δy_{i'+m,j'+n} w_{m,n} is
  // the classic slip (the first test of this file: it differs at δx_{0,0}, which has δy_{0,0} w_{0,0} only).
  const at = (rs: VerifyResult[], snippet: string) => rs.find((r) => r.source.includes(snippet))!;
  const grad = "$$\\delta x_{i',j'} = \\sum_m \\sum_n \\delta y_{i,j} w_{m,n}$$";

  it("i, j written free beside a relation the text states ($i = i' - m$, $j = j' - n$) are read with it", () => {
    const ok = doc(`The terms left are those with $i = i' - m$ and $j = j' - n$:\n${grad}`, xcorr0.config);
    const v = at(ok, "\\delta x_{i',j'}");
    expect(v.status).toBe("holds");
    expect(v.details.join(" ")).toMatch(/read with i = i'-m, j = j'-n, as the document states/);
    // the same formula under the other relation is the slip, and fails
    const slip = doc(`The terms left are those with $i = i' + m$ and $j = j' + n$:\n${grad}`, xcorr0.config);
    expect(at(slip, "\\delta x_{i',j'}").status).toBe("fails");
    // a row written after the relations (Straka: "… for $i'=i+m$, $j'=j+n$", then \phantom{…} = …)
    // continues the equation before them
    const lead = "$\\displaystyle \\phantom{\\delta x_{i',j'}} = \\sum_m \\sum_n \\delta y";
    const rows = doc(
      [
        "$\\displaystyle \\delta x_{i',j'} = \\sum_i \\sum_j \\delta y_{i,j} w_{i'-i,j'-j}$",
        `${lead}_{i,j} w_{m,n}$ for $i'=i+m$, $j'=j+n$`,
        `${lead}_{i'-m,j'-n} w_{m,n}$`,
      ].join("\n\n"),
      xcorr0.config,
    );
    expect(rows.map((r) => r.status)).toEqual(["holds", "skipped", "skipped"]);
  });

  it("without a relation, or with two that disagree, it is not read (never guessed)", () => {
    expect(doc(grad, xcorr0.config)[0]!.message).toMatch(/i, j are free on one side and not on the other/);
    // 邱锡鹏's Σ_i Σ_i (j left free): the reason is named, no verdict
    const twice = one("\\delta w_{m,n} = \\sum_i \\sum_i \\delta y_{i,j} x_{i+m,j+n}", xcorr0);
    expect(twice.status).toBe("skipped");
    expect(twice.message).toMatch(/j is free .*; a sum over i inside a sum over i binds it twice/);
    const two = doc(`With $i = i' - m$, $j = j' - n$:\n${grad}\nor $i = i' + m$, $j = j' + n$.`, xcorr0.config);
    expect(at(two, "\\delta x_{i',j'}").message).toMatch(
      /the relations stated next to it \(i=i'-m, .*\) do not tie them/,
    );
  });

  it("an entry inside a convolution labelled only by indices nothing else uses is its whole matrix", () => {
    // δw_{m,n} = Σ_{i,j} δy_{i,j} x_{i+m,j+n} = (X ⋆ ΔY)_{m,n}: holds; with ΔY rotated, (X ⋆ rot180 ΔY)_{0,0}
    // has δy_{2,1} x_{0,0} where δw_{0,0} has δy_{0,0} x_{0,0}: fails
    expect(one("\\delta w_{m,n} = x_{m,n} \\star \\delta y_{i,j}", xcorr0).status).toBe("holds");
    expect(one("\\delta w_{m,n} = x_{m,n} \\star \\text{rot}_{180}\\{\\delta y_{i,j}\\}", xcorr0).status).toBe("fails");
    // i, j also used outside the entry: indices of the formula, not a label — not read
    expect(one("\\delta w_{m,n} = x_{m,n} \\star \\delta y_{i,j} + \\delta y_{i,j}", xcorr0).status).toBe("skipped");
  });

  it("a convolution of whole matrices at the left side's entry that only fits full is read full when that holds", () => {
    // the lecture's layer (true convolution, X 3×3, W 2×2, ΔY 2×2): ∂J/∂x_q = Σ_p δy_p w_{p+1-q}
    // = (ΔY *full Rot180(W))_q; written without a mode (valid) it is 1×1, not ΔX's 3×3
    const r = one("\\delta x_{i,j} = \\delta y * Rot180(w_{i,j})");
    expect(r.status).toBe("holds");
    expect(r.details[0]).toMatch(
      /read with its convolutions written without a mode as full: as written \(valid\) side 2 is 1×1/,
    );
    // ΔY *full W has δy_{0,0} w_{0,0} at δx_{0,0}, where ΔX has δy_{0,0} w_{1,1}: no reading holds — not judged
    expect(one("\\delta x_{i,j} = \\delta y * w_{i,j}").status).toBe("skipped");
  });

  it("x_Q inside Σ_{i,j ∈ Q} of the chain rule (∂y_Q/∂x_{i',j'}) is the entry at i, j; elsewhere Q is not read", () => {
    // by hand: Σ over every output of δy_{i,j} ∂y_{i,j}/∂x_{i',j'} is ∂J/∂x_{i',j'} (the chain rule), and
    // the terms outside the outputs x_{i',j'} touches (Q, said in words) are 0 — so it holds; twice it fails
    const chain = "\\sum_{i,j \\in Q} \\delta y_{Q} \\frac{\\partial y_{Q}}{\\partial x_{i',j'}}";
    const r = one(`\\delta x_{i',j'} = ${chain}`, xcorr0);
    expect(r.status).toBe("holds");
    expect(r.details.join(" ")).toMatch(/x_Q in Σ_\{i,j ∈ Q\}/);
    expect(one(`\\delta x_{i',j'} = 2 ${chain}`, xcorr0).status).toBe("fails");
    // without the derivative the sum's extent is the set's, said only in words: not read
    expect(one("\\delta x_{i',j'} = \\sum_{i,j \\in Q} \\delta y_{Q} w_{i'-i,j'-j}", xcorr0).status).toBe("skipped");
  });

  it("a long sum with an index free on one side only is read without recursion (skipped, never a stack overflow)", () => {
    const terms = Array.from({ length: 6000 }, () => "w_{m,n} x_{i,j}").join(" + ");
    const r = one(`y_{i,j} = x_{i,j} \\star w_{m,n} + ${terms}`, xcorr0);
    expect(r.status).toBe("skipped");
    expect(r.message).toMatch(/m, n are free on one side/);
  }, 60_000);

  it("an entry at a function of the free indices inside a convolution (δ * w_{-x,-y}) is named, not read", () => {
    const r = one("\\sum_{p} \\sum_{q} \\delta y_{p,q} w_{p-i,q-j} = \\delta y * w_{-i,-j}");
    expect(r.status).toBe("skipped");
    expect(r.message).toMatch(/w_\{-i,-j\} inside a convolution is an entry at a function of i, j, not a matrix/);
  });

  it("an operator the document defines two ways is not read in its formulas", () => {
    const two = doc(
      [
        "$$(I \\ast K)_{ij} = \\sum_m \\sum_n I_{i+m,j+n} K_{m,n}$$",
        "$$(I \\ast K)_{ij} = \\sum_m \\sum_n I_{i-m,j-n} K_{m,n}$$",
        "$$y_{i,j} = x_{i,j} \\ast w_{m,n}$$",
      ].join("\n"),
      xcorr0.config,
    );
    expect(two[0]!.status).toBe("definition");
    expect(two[2]!.status).toBe("skipped");
    // by hand: the first is cross-correlation (valid), the second true convolution (full; either operand
    // first) — no one reading makes both hold
    expect(two[2]!.message).toMatch(/defines \\ast two ways \(as cross-correlation on line 1, as true convolution/);
  });
});

describe("Goodfellow et al. §9.5 as written (corpus 01): functions named by their first link, the unstrided layer", () => {
  // V 2×5×6 (channel, row, column), K 3×2×3×2, stride 2, cross-correlation, 1-based: Z 3×2×3. By the chain
  // rule on Z_{i,j,k} = Σ_{l,m,n} V_{l,(j-1)s+m,(k-1)s+n} K_{i,l,m,n}, with G = ∂J/∂Z:
  // ∂J/∂K_{i,j,k,l} = Σ_{m,n} G_{i,m,n} V_{j,(m-1)s+k,(n-1)s+l} — the book's eq. 9.11.
  const spec = {
    input: [5, 6],
    kernel: [3, 2],
    op: "xcorr" as const,
    indexBase: 1,
    stride: 2,
    inChannels: 2,
    outChannels: 3,
  };
  const forward =
    "$$Z_{i,j,k} = c(K, V, s)_{i,j,k} = \\sum_{l,m,n} [V_{l,(j-1)\\times s+m, (k-1)\\times s +n,} K_{i,l,m,n}]$$";
  const g = "$$G_{i,j,k} = \\frac{\\partial}{\\partial Z_{i,j,k}} J(V, K)$$";
  const grad = (v: string) =>
    `$$g(G, V, s)_{i,j,k,l} = \\frac{\\partial}{\\partial K_{i,j,k,l}} J(V, K) = \\sum_{m,n} G_{i,m,n} V_{${v}}$$`;

  it("a chain whose first link names a gradient (g(G, V, s) = ∂J/∂K = Σ …) checks the links after it", () => {
    const r = doc([forward, g, grad("j, (m-1)\\times s+k, (n-1)\\times s+l")].join("\n"), spec);
    expect(r.map((x) => x.status)).toEqual(["definition", "definition", "holds"]);
    expect(r[2]!.details.join(" ")).toContain("its first link is a definition: g(G, V, s) = ∂J/∂K");
    // one row off in V: the links after the definition fail, and say so
    const off = doc([forward, g, grad("j, (m-1)\\times s+k+1, (n-1)\\times s+l")].join("\n"), spec);
    expect(off[2]!.status).toBe("fails");
  });

  it("a comma that ends a subscript (V_{l, …, n,}) is read as a typo and said", () => {
    const r = doc([forward, g].join("\n"), spec);
    expect(r[0]!.status).toBe("definition");
    expect(r[0]!.details.join(" ")).toContain("a comma that ends a subscript");
    // the comma does not stand for a missing index: two indices and a comma are still two
    expect(one("y_{i,j,} = x_{i,j} w_{1,1}", conv1).status).not.toBe("holds");
  });

  it("the forward pass the book states for stride 1 (eq. 9.7) is about another configuration, not a failure", () => {
    const unstrided = "$$Z_{i,j,k} = \\sum_{l,m,n} V_{l, j+m-1, k+n-1} K_{i,l,m,n}$$";
    const r = doc([unstrided, forward].join("\n"), spec);
    expect(r[0]!.status).toBe("skipped");
    expect(r[0]!.message).toBe(
      "a forward pass for another configuration: it holds for this layer at stride 1, not at its stride 2×2",
    );
    // wrong at stride 1 too (j+m for j+m-1): it fails
    const wrong = doc(["$$Z_{i,j,k} = \\sum_{l,m,n} V_{l, j+m, k+n-1} K_{i,l,m,n}$$", forward].join("\n"), spec);
    expect(wrong[0]!.status).toBe("fails");
  });
});

describe("a bias written with its layer's tag where the forward pass wrote it without (Scthe's b_n and b^{(l)}_n)", () => {
  const spec = { input: [4, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 0, bias: true };
  const fwd = "$$z^{(l+1)}_{i,j} = \\sum_a \\sum_b W^{(l)}_{a,b} y^{(l)}_{i+a,j+b} + b$$";
  it("b^{(l)} is the bias when the kernel is W^{(l)}: Δb = Σ ΔY holds, a partial sum fails; another tag is not read", () => {
    const r = doc(
      [
        fwd,
        "$$\\frac{\\partial J}{\\partial b^{(l)}} = \\sum_i \\sum_j \\frac{\\partial J}{\\partial z^{(l+1)}_{i,j}}$$",
        "$$\\frac{\\partial J}{\\partial b^{(l)}} = \\sum_i \\frac{\\partial J}{\\partial z^{(l+1)}_{i,0}}$$",
        "$$\\frac{\\partial J}{\\partial b^{(m)}} = \\sum_i \\sum_j \\frac{\\partial J}{\\partial z^{(l+1)}_{i,j}}$$",
      ].join("\n"),
      spec,
    );
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "fails", "skipped"]);
  });
});

describe("Hasan's notebook as written (held-out corpus 26): call indices, per-axis strides, one name for two layers", () => {
  // X 4×3, W 2×2, cross-correlation, 0-based (by hand: y_{i,j} = Σ_{m,n} x_{s·i+m, s·j+n} w_{m,n})
  it("primes as superscripts and subscripted names inside call indices; s_h, s_w are the strides along the axes", () => {
    const f = (shift: string) =>
      `Z(i, j) = \\sum_{i^{'}=0}^{f_h-1}\\sum_{j^{'}=0}^{f_w-1} Y(i\\times s_h + i^{'}${shift}, j\\times s_w + j^{'}) W(i^{'}, j^{'})`;
    const roles = "X=Y, W=W, Y=Z";
    const d = (stride: number) => ({ input: [5, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 0, stride });
    expect(doc(`$$${f("")}$$`, d(1), roles)[0]!.status).toBe("holds");
    expect(doc(`$$${f("")}$$`, d(2), roles)[0]!.status).toBe("holds");
    expect(doc(`$$${f("+1")}$$`, d(2), roles)[0]!.status).toBe("fails");
  });

  it("a subscripted sum binder (\\sum_{k_{in}=0}) is the same index as k_{in} in the call indices", () => {
    // channels first: X[c,i,j], W[o,c,m,n], Y[o,i,j]; y_{k,i,j} = Σ_{c,m,n} x_{c,i+m,j+n} w_{k,c,m,n}
    const spec = { input: [4, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 0, inChannels: 2, outChannels: 3 };
    const f = (hi: number) =>
      `$$y(k, i, j) = \\sum_{k_{in}=0}^{${hi}} \\sum_{m} \\sum_{n} x(k_{in}, i+m, j+n) w(k, k_{in}, m, n)$$`;
    expect(doc(f(1), spec)[0]!.status).toBe("holds");
    // one input channel left out
    expect(doc(f(0), spec)[0]!.status).toBe("fails");
  });

  it("Y = f(Z) with Y the input and Z the output: formulas with the output's activation are skipped, never failed", () => {
    const spec = { input: [4, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 0 };
    const r = doc(
      [
        "$$z_{i,j} = \\sum_m \\sum_n a_{i+m,j+n} w_{m,n}$$",
        "$$a_{i,j} = f(z_{i,j})$$",
        // true with a the next layer's input (the activated z), false with a this layer's input
        "$$\\frac{\\partial J}{\\partial z_{i,j}} = \\frac{\\partial J}{\\partial a_{i,j}} f'(z_{i,j})$$",
        "$$\\frac{\\partial J}{\\partial w_{m,n}} = \\sum_i \\sum_j \\frac{\\partial J}{\\partial z_{i,j}} a_{i+m,j+n}$$",
      ].join("\n"),
      spec,
    );
    expect(r.map((x) => x.status)).toEqual(["definition", "skipped", "skipped", "holds"]);
    expect(r[2]!.message).toContain("an activation of its output is the next layer's input");
  });
});

describe("a chain rule written without its sum is skipped, with what the summation convention would give", () => {
  it("δw_{m,n} = δy_{i,j} x_{i+m,j+n}: skipped; summed over i, j it holds — and with the kernel's slip, fails", () => {
    // X 4×3, W 2×2, cross-correlation, 0-based: δw_{m,n} = Σ_{i,j} δy_{i,j} x_{i+m,j+n} (by hand, as above)
    const r = one("\\delta w_{m,n} = \\delta y_{i,j} x_{i+m,j+n}", xcorr0);
    expect(r.status).toBe("skipped");
    expect(r.details.join(" ")).toContain(
      "read with a sum over i, j (each is repeated on its side: the summation convention) it holds",
    );
    // the kernel's slip fails summed, and at every single (i, j) too (δw_{m,n} has 6 terms, one value gives
    // one product or none): it fails however i, j were meant
    const slip = one("\\delta w_{m,n} = \\delta y_{i,j} x_{i-m,j-n}", xcorr0);
    expect(slip.status).toBe("fails");
    expect(slip.message).toContain("fails whatever i, j stand for (free on one side only)");
    expect(slip.details.join(" ")).toMatch(/^read with a sum over i, j: /);
    // an index that occurs once is not summed by the convention: no hint is offered; here every reading
    // fails (one product, or δy's sum times x_{m,n}, for the 6 products of δw_{m,n})
    const once = one("\\delta w_{m,n} = \\delta y_{i,j} x_{m,n}", xcorr0);
    expect(once.status).toBe("fails");
    expect(once.details.join(" ")).not.toContain("summation convention");
    expect(one("\\delta w_{m,n} = \\delta y_{i,j} x_{i+m,j+n} + x_{k,0}", xcorr0).details).toEqual([]);
  });
});

describe("an index free on one side only: a verdict only when every reading of it fails (Hasan, held-out corpus 26)", () => {
  // Hasan's layer, shrunk: Y 3×3 with 2 channels (channels last), W 2×2 per channel, 1 filter, 0-based,
  // Z(i, j, k) = b_k + Σ_{i',j',k_in} Y(i + i', j + j', k_in) W(i', j', k_in, k): Z is 2×2 per filter
  const spec = {
    input: [3, 3],
    kernel: [2, 2],
    op: "xcorr" as const,
    indexBase: 0,
    inChannels: 2,
    outChannels: 1,
    bias: true,
  };
  const forward =
    "$$Z(i, j, k) = b_k + \\sum_{i^{'}=0}^{1}\\sum_{j^{'}=0}^{1}\\sum_{k_{in}=0}^{1}Y(i + i^{'}, j + j^{'}, k_{in}) W(i^{'}, j^{'}, k_{in}, k)$$";
  it("one product written as the whole output entry fails: summed it lacks b_k, at any one k_in it lacks 7 products", () => {
    // by hand: Z(0, 0, k) = b_k + 8 products; Y(1, 1, k_in) W(1, 1, k_in, k) is one of them (k_in = 0 or 1),
    // or 0 for any other k_in; summed over k_in it is two of them, without b_k — no reading gives Z(0, 0, k)
    const r = doc(`${forward}\n\n$$Z(0, 0, k) = Y(1, 1, k_{in})W(1, 1, k_{in}, k)$$`, spec);
    expect(r.map((x) => x.status)).toEqual(["definition", "fails"]);
    expect(r[1]!.message).toContain("fails whatever k_in stands for");
  });
  it("a reading that holds keeps it a skip: the chain rule summed, or a term that vanishes at some value", () => {
    const r = doc(
      [
        forward,
        // summed over i', j', k (the summation convention) this is the input gradient: it holds that way
        "$$\\frac{\\partial L}{\\partial Y(i, j, k_{in})} = \\frac{\\partial L}{\\partial Z(i^{'}, j^{'}, k)} W(i - i^{'}, j - j^{'}, k_{in}, k)$$",
        // the right forward pass plus W(m, m, 0, 0): summed over m it adds two entries (fails), but with
        // m = −1 or 2 (no entry) the extra term is 0 and it holds — so no verdict
        "$$Z(i, j, k) = b_k + \\sum_{i^{'}=0}^{1}\\sum_{j^{'}=0}^{1}\\sum_{k_{in}=0}^{1}Y(i + i^{'}, j + j^{'}, k_{in}) W(i^{'}, j^{'}, k_{in}, k) + W(m, m, 0, 0)$$",
      ].join("\n\n"),
      spec,
    );
    expect(r.map((x) => x.status)).toEqual(["definition", "skipped", "skipped"]);
    expect(r[1]!.details.join(" ")).toContain("summation convention) it holds");
    expect(r[2]!.message).toContain("m is free on one side");
  });
});

describe("Dahal's post as written (held-out corpus 31): a tag inside a subscript, names with and without their tag", () => {
  // X 4×4, W 2×2, cross-correlation, 0-based, a bias: Z_{ij} = Σ_{a,b=0}^{1} W_{ab} a_{i+a,j+b} + b, Z 3×3; by hand
  // ∂C/∂W_{ab} = Σ_{i,j=0}^{2} ∂C/∂Z_{ij} a_{i+a,j+b}, ∂C/∂b = Σ_{i,j} ∂C/∂Z_{ij}, ∂C/∂a_{ij} = Σ_{a,b} ∂C/∂Z_{i-a,j-b} W_{ab}
  // (∂C/∂Z zero off the 3×3); with a^{l-1}_{(i-a)(j-b)}, 2·Σ, or W_{ba} each fails
  const spec = { input: [4, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 0, bias: true };
  const forward = "$$Z_{ij}^{l} = \\sum_{a=0}^{m-1}\\sum_{b=0}^{m-1}W_{ab}a_{(i+a)(j+b)}^{l-1}$$";
  const dW = (x: string) =>
    `$$\\frac{\\partial C}{\\partial W_{ab}^{l}} = \\sum_{i=0}^{N-m}\\sum_{j=0}^{N-m} \\frac {\\partial C}{\\partial Z_{ij^{l}}} \\times ${x}$$`;
  const db = (k: string) =>
    `$$\\frac{ \\partial C}{\\partial b^l} = ${k}\\sum_{i=0}^{N-m}\\sum_{j=0}^{N-m} \\frac{\\partial C}{\\partial Z_{ij}^{l}}$$`;
  const dX = (w: string) =>
    `$$\\frac{\\partial C}{\\partial a_{ij}^{l-1}} = \\sum_{a=0}^{m-1}\\sum_{b=0}^{m-1} \\frac{\\partial C}{\\partial Z_{(i-a)(j-b)}}\\times ${w}$$`;
  it("Z_{ij^{l}} is Z^{l}_{ij}; W^{l} is the forward pass's W, Z its Z^{l}, b^{l} the bias; m from the forward pass", () => {
    const r = doc([forward, dW("a^{l-1}_{(i+a)(j+b)}"), db(""), dX("W_{ab}")].join("\n\n"), spec);
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "holds", "holds"]);
    expect(r[0]!.message).toContain("m = 2 (from its sums' ranges); it leaves the bias out");
    expect(r[1]!.details).toContain(
      "a layer's superscript inside a subscript (Z_{ij^{l}}) is read as the name's own (Z^{l}_{ij})",
    );
    expect(r[1]!.details).toContain("W^{l} is read as W (the document writes W for one layer only)");
    expect(r[2]!.details).toContain("b^{l} is read as the layer's bias b (its output has the same layer tag)");
    expect(r[3]!.details).toContain("Z is read as Z^{l} (the document writes Z for one layer only)");
    const slips = doc([forward, dW("a^{l-1}_{(i-a)(j-b)}"), db("2"), dX("W_{ba}")].join("\n\n"), spec);
    expect(slips.map((x) => x.status)).toEqual(["definition", "fails", "fails", "fails"]);
  });
  it("a letter written for two layers (Z^{l}, Z^{l+1}) leaves its untagged use unread", () => {
    const r = doc([forward, "$$Z^{l+1}_{ij} = Z^{l}_{ij}$$", dX("W_{ab}")].join("\n\n"), spec);
    expect(r[2]!.status).toBe("skipped");
    expect(r[2]!.message).toContain("Z_{i-a,j-b} is not a tensor of this layer");
    // … and so does any letter written for two layers (a^{l-1}, a^{l}): the document is about several layers
    const two = doc([forward, "$$a^{l}_{ij} = \\sigma(Z^{l}_{ij})$$", dX("W_{ab}")].join("\n\n"), spec);
    expect(two[2]!.status).toBe("skipped");
  });
});

describe("huaxuan0720's stride-7 post as written (held-out corpus 33): conv between its operands, the output on the right", () => {
  // X 5×5, k 2×2, stride 3, cross-correlation, 1-based, a bias: u 2×2, u_{ij} = Σ_{m,n=1}^{2} x_{3(i-1)+m, 3(j-1)+n} k_{m,n} + b;
  // by hand ∂L/∂k_{1,1} = Σ_{i,j} δ_{i,j} x_{3i-2,3j-2} = x_{1,1}δ_{1,1} + x_{1,4}δ_{1,2} + x_{4,1}δ_{2,1} + x_{4,4}δ_{2,2}
  const spec = { input: [5, 5], kernel: [2, 2], op: "xcorr" as const, indexBase: 1, stride: 3, bias: true };
  const head = ["$$x \\; conv \\; k + b = u$$", "$$\\delta_{i, j} = \\frac{\\partial L}{\\partial u_{i, j}}$$"];
  const dk = (x12: string) =>
    `$$\\frac{\\partial L}{\\partial k_{1, 1}} = x_{1, 1}\\delta_{1, 1} + ${x12}\\delta_{1, 2} + x_{4, 1}\\delta_{2, 1} + x_{4, 4}\\delta_{2, 2}$$`;
  it("x conv k + b = u teaches the roles (k a kernel's name), read at the layer's stride and said; δ follows", () => {
    const r = doc([...head, dk("x_{1, 4}")].join("\n\n"), spec);
    expect(r.map((x) => x.status)).toEqual(["definition", "definition", "holds"]);
    expect(r[0]!.message).toBe(
      "a definition: the forward pass: Y = u, X = x, W = k, b = b; its convolutions written without a stride read at the layer's stride 3",
    );
    expect(doc([...head, dk("x_{1, 2}")].join("\n\n"), spec)[2]!.status).toBe("fails");
  });
  it("the matrices written out: x's entries conv k's + b = u's, and u's cells broken over lines (\\begin{matrix} … + \\\\ …)", () => {
    const mat = (name: string, n: number, m: number) =>
      `\\begin{bmatrix} ${Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => `${name}_{${i + 1}, ${j + 1}}`).join(" & ")).join(" \\\\ ")} \\end{bmatrix}`;
    const forward = `$$${mat("x", 5, 5)} \\; conv \\; ${mat("k", 2, 2)} + b = ${mat("u", 2, 2)}$$`;
    // u_{ij} = Σ_{m,n} x_{3i-3+m, 3j-3+n} k_{m,n} + b, each cell written over two lines
    const cell = (i: number, j: number, swap = false) => {
      const x = (m: number, n: number) => `x_{${3 * i - 3 + m}, ${3 * j - 3 + n}}`;
      const k = (m: number, n: number) => (swap && m === 2 && n === 2 ? "k_{1, 1}" : `k_{${m}, ${n}}`);
      return `\\begin{matrix} ${x(1, 1)}${k(1, 1)} + ${x(1, 2)}${k(1, 2)} + \\\\ ${x(2, 1)}${k(2, 1)} + ${x(2, 2)}${k(2, 2)} + b \\\\ \\end{matrix}`;
    };
    const cells = (swap: boolean) =>
      `$$${mat("u", 2, 2)} = \\begin{bmatrix} ${cell(1, 1)} & ${cell(1, 2)} \\\\ \\\\ ${cell(2, 1)} & ${cell(2, 2, swap)} \\end{bmatrix}$$`;
    const r = doc([head[0]!, forward, cells(false), cells(true)].join("\n\n"), spec);
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "holds", "fails"]);
    expect(r[1]!.details).toContain("reading: its convolutions written without a stride read at the layer's stride 3");
  });
  it("conv(stride = 1) between matrices is stride 1 as written; convgrad's own * is never read at the layer's stride", () => {
    // u = x conv(stride = 1) k + b is the unstrided 4×4 result, not u's 2×2: the unstrided layer's forward pass
    // (were the stride ignored and the layer's read, it would hold)
    const r = doc([...head, "$$u = x \\; conv(stride = 1) \\; k + b$$", "$$u = x * k + b$$"].join("\n\n"), spec);
    expect(r.slice(2).map((x) => x.status)).toEqual(["skipped", "skipped"]);
    for (const x of r.slice(2)) expect(x.message).toMatch(/^a forward pass for another configuration/);
    expect(r[2]!.details[0]).toContain("is 4×4");
  });
});

describe("Shah's post as written (held-out corpus 34): filter letters in superscripts, d and s as the source's sizes", () => {
  // X 4×3 with 2 channels (written channels last), 3 filters 2×2, cross-correlation, 0-based, a bias per filter:
  // z_{i,j,m} = Σ_{a,b=0}^{1} Σ_{c=0}^{1} w^{m}_{a,b,c} x_{i+a,j+b,c} + b^{m}, z 3×2×3; by hand
  // ∂L/∂w^{m}_{a,b,c} = Σ_{i=0}^{2} Σ_{j=0}^{1} ∂L/∂z_{i,j,m} x_{i+a,j+b,c}, ∂L/∂b^{m} = Σ_{i,j} ∂L/∂z_{i,j,m}
  const spec = {
    input: [4, 3],
    kernel: [2, 2],
    op: "xcorr" as const,
    indexBase: 0,
    inChannels: 2,
    outChannels: 3,
    bias: true,
  };
  const forward =
    "$$z^{l}_{i, j, m} = \\sum_{a = 0}^{d-1} \\sum_{b = 0}^{d-1} \\sum_{c = 0}^{t - 1} w^{l, m}_{a, b, c} a^{l-1}_{(i + a), (j + b), c} + b^{l,m}$$";
  const dw = (x: string) =>
    `$$\\frac{\\partial \\mathcal{L}}{w^{l, m}_{a,b,c}} = \\sum_{i = 0}^{r - d} \\sum_{j = 0}^{s - d} \\frac{\\partial \\mathcal{L}}{\\partial z_{i,j,m}^l} ${x}$$`;
  const db =
    "$$\\frac{\\partial \\mathcal{L}}{b^{l, m}} = \\sum_{i = 0}^{r - d} \\sum_{j = 0}^{s - d} \\frac{\\partial \\mathcal{L}}{\\partial z_{i,j,m}^l}$$";
  it("w^{l,m}_{a,b,c} is filter m's entry (a, b, c); d and t are read from the forward pass's sums, s where it would be empty", () => {
    const r = doc([forward, dw("a^{l-1}_{(i + a), (j + b), c}"), db].join("\n\n"), spec);
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "holds"]);
    expect(r[0]!.message).toContain("d = 2 (from its sums' ranges); t = 2 (from its sums' ranges)");
    expect(r[0]!.message).toContain("w^{l} indexed in the order (1,4,2,3) of convgrad's layout");
    expect(r[1]!.details).toContain(
      "read with s = 3 (not 1) from the sums' ranges: as convgrad reads s, a sum has no term",
    );
    expect(r[1]!.details).toContain(
      "a derivative written without its ∂ (\\frac{\\partial L}{w_{a,b}}, \\frac{J}{x_{11}}) is read as ∂L/∂w_{a,b}, ∂J/∂x_{11}",
    );
  });
  it("a slip where s as the stride leaves a sum empty is skipped, never failed on a reading of s convgrad chose", () => {
    const r = doc([forward, dw("a^{l-1}_{(i + a), (j - b), c}")].join("\n\n"), spec);
    expect(r[1]!.status).toBe("skipped");
    expect(r[1]!.message).toMatch(/the sum over j runs from 0 to -1, no value at all, with s = 1, d = 2/);
  });
});

describe("Zayan's post as written (held-out corpus 37): W the matrix slid over, X the one that slides", () => {
  // a 3×3 matrix w and a 2×2 x, cross-correlation, 1-based: y_{ij} = Σ_{m,n=1}^{2} w_{i+m-1,j+n-1} x_{m,n}, y 2×2;
  // by hand ∂y_{11}/∂w_{13} = 0 (w_{13} is outside y_{11}'s window), ∂y_{11}/∂x_{12} = w_{12}, and the cost c's
  // ∂c/∂x_{11} = Σ_{i,j} ∂c/∂y_{ij} w_{ij}
  const spec = { input: [3, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 1 };
  it("w entries past the kernel (w_{13}) and fitting the input: w is the input, x the kernel, and said", () => {
    const r = doc(
      [
        "$$Y=W*X$$",
        "$$\\frac{\\partial {y}_{11}}{\\partial {w}_{13}} = 0$$",
        "$$\\frac{\\partial {y}_{11}}{\\partial {w}_{31}} = 0$$",
        "$$\\frac{\\partial {y}_{22}}{\\partial {w}_{33}} = {x}_{22}$$",
        "$$\\frac{\\partial {y}_{11}}{\\partial {x}_{12}} = {w}_{12}$$",
        "$$\\frac{\\partial {y}_{11}}{\\partial {x}_{12}} = {w}_{22}$$",
        "$$\\frac{\\partial c}{\\partial {x}_{11}} = \\frac{\\partial c}{\\partial {y}_{11}}{w}_{11}+\\frac{\\partial c}{\\partial {y}_{12}}{w}_{12}+\\frac{\\partial c}{\\partial {y}_{21}}{w}_{21}+\\frac{\\partial c}{\\partial {y}_{22}}{w}_{22}$$",
      ].join("\n\n"),
      spec,
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "holds", "holds", "holds", "holds", "fails", "holds"]);
    expect(r[1]!.details).toContain(
      "w names the layer's input: the document's w entries run to w_{3,3}, past the kernel, and its x entries fit the kernel",
    );
    // one formula naming w past the kernel is a slip of that formula, not the document's letters: not read so
    const once = doc("$$\\frac{\\partial {y}_{11}}{\\partial {w}_{13}} = 0$$", spec)[0]!;
    expect(once.details.join(" ")).not.toContain("names the layer's input");
    // in convgrad's own reading of W and X, Y = W*X is the kernel sliding the other way: it fails
    expect(doc("$$Y=W*X$$", spec)[0]!.status).toBe("fails");
  });
});

describe("Rathi's post as written (held-out corpus 36): the example's index m_i in the superscript", () => {
  // a batch of 2, X 4×4 with 1 channel (written channels last), 2 filters 2×2, cross-correlation, 0-based, a bias
  // per filter: Z_{m_i,i,j,k} = Σ_{a,b,c} X_{m_i,i+a,j+b,c} W_{a,b,c,k} + b_k; by hand ∂Z_{m_i,i,j,k}/∂W_{a,b,c,k} =
  // X_{m_i,i+a,j+b,c}, and ∂J/∂b_k = Σ_{m_i} Σ_{i,j} ∂J/∂Z_{m_i,i,j,k} (with 1/m in front it would be half of it)
  const spec = {
    input: [4, 4],
    kernel: [2, 2],
    op: "xcorr" as const,
    indexBase: 0,
    inChannels: 1,
    outChannels: 2,
    batch: 2,
    bias: true,
  };
  const forward = "$$Z^{(m_i)}_{i,j,k}= \\sum_a \\sum_b \\sum_c X^{(m_i)}_{i+a,j+b,c} * W_{a,b,c,k}  + b_k$$";
  it("Z^{(m_i)}_{i,j,k} is Z's entry (m_i, i, j, k), and \\sum_{m_i} sums over the examples", () => {
    const r = doc(
      [
        forward,
        "$$\\frac{\\partial{Z^{(m_i)}_{i,j,k}}}{\\partial{W_{a,b,c,k}}} = X^{(m_i)}_{i+a,j+b,c}$$",
        "$$\\frac{\\partial{Z^{(m_i)}_{i,j,k}}}{\\partial{W_{a,b,c,k}}} = X^{(m_i)}_{i+b,j+a,c}$$",
        "$$\\frac{\\partial{J}}{\\partial{b_k}} = \\sum_{m_i} \\sum_i \\sum_j \\frac{\\partial{J}}{\\partial{Z^{(m_i)}_{i,j,k}}}$$",
      ].join("\n\n"),
      spec,
    );
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "fails", "holds"]);
    expect(r[1]!.details).toContain("read with the example m_i from the superscripts as the first index");
  });
});

describe("Piseno's CS 7643 post and the NYU homework as written (held-out corpora 38, 39)", () => {
  // X 4×4, W 3×2, cross-correlation, 0-based: y 2×3, y[r,c] = Σ_{a=0}^{2} Σ_{b=0}^{1} X[r+a,c+b] w[a,b];
  // by hand ∂y[r,c]/∂w[a',b'] = X[r+a',c+b'] (w[a',b'] multiplies one X entry in y[r,c])
  const d = derive({ input: [4, 4], kernel: [3, 2], op: "xcorr", indexBase: 0 }, { checks: false });
  it("Greek letters index a bracket (X[r' + \\alpha, c' + \\beta]); a transposed pair is a slip", () => {
    const f = (w: string) => `y[r', c'] = \\sum_{\\alpha=0}^{2} \\sum_{\\beta=0}^{1} X[r' + \\alpha, c' + \\beta] ${w}`;
    expect(one(f("w[\\alpha, \\beta]"), d).status).toBe("holds");
    expect(one(f("w[\\beta, \\alpha]"), d).status).toBe("fails");
  });
  it("a clamped index y[\\max(0, r'-a), …] is read: the clamp counts row 0 again, so Piseno's chain fails", () => {
    // by hand at r' = c' = 0: every (a, b) of the 3×2 kernel clamps to y[0, 0], so the sum is 6·∂L/∂y[0,0]·w[0,0]
    // where ∂L/∂X[0,0] = ∂L/∂y[0,0]·w[0,0]; a clamp that never bites (\\max(0, r + a)) changes nothing
    const clamped = one(
      "\\frac{\\partial L}{\\partial X[r', c']} = \\sum_{a=0}^{2}\\sum_{b=0}^{1} \\frac{\\partial L}{\\partial y[\\max(0, r'-a), \\max(0,c'-b)]} \\frac{\\partial y[\\max(0, r'-a), \\max(0,c'-b)]}{\\partial X[r', c']}",
      d,
    );
    expect(clamped.status).toBe("fails");
    expect(clamped.details.join(" ")).toContain("extra 6·δy₀₀·w₀₀");
    expect(one("y[r, c] = \\sum_{a=0}^{2} \\sum_{b=0}^{1} X[\\max(0, r + a), c + b] w[a, b]", d).status).toBe("holds");
    // a clamp left open is a parse error that says how a clamp is written
    const open = one("y_{11} = x_{\\max(0, 1}", d);
    expect(open.status).toBe("error");
    expect(open.message).toContain("expected \\max(a, b), its two arguments in parentheses");
  });
  it("\\frac{\\partial}{\\partial w} takes the whole product after it (and a sum), not its first factor", () => {
    const dw = "\\frac{\\partial}{\\partial w[a', b']}";
    const r = one(
      `${dw} y[r, c] = ${dw} \\sum_{a=0}^{2} \\sum_{b=0}^{1} X[r + a, c + b] w[a, b] = \\sum_{a=0}^{2} \\sum_{b=0}^{1} ${dw} X[r + a, c + b] w[a, b] = X[r + a', c + b']`,
      d,
    );
    // (read as (∂X/∂w)·w the third link would be 0, and the chain would fail)
    expect(r.status).toBe("holds");
    // the operator stops at a + as a sum does: ∂X[r,c]/∂w is 0
    expect(one(`${dw} y[r, c] = X[r + a', c + b'] + ${dw} X[r, c]`, d).status).toBe("holds");
  });
  it("H' and H are the output's and the input's size (with P, D, K, S): ⌊(H + 2P − D(K−1) − 1)/S⌋ + 1", () => {
    // X 6×5, W 3×2, stride 2: H' = ⌊(6 − 2 − 1)/2⌋ + 1 = 2; without the − 1 it is ⌊4/2⌋ + 1 = 3
    const s2 = derive({ input: [6, 5], kernel: [3, 2], op: "xcorr", stride: 2 }, { checks: false });
    expect(one("H' = 1 + \\bigg\\lfloor \\frac{(H + 2P - D(K - 1) - 1)}{S} \\bigg\\rfloor", s2).status).toBe("holds");
    expect(one("H' = 1 + \\bigg\\lfloor \\frac{(H + 2P - D(K - 1))}{S} \\bigg\\rfloor", s2).status).toBe("fails");
    // lower-case primes relate indices (Jefkine's m = m', Straka's m' = k − 1 − m): no size verdict on them
    for (const rel of ["m = m'", "m' = k-1-m"]) expect(["holds", "fails"]).not.toContain(one(rel, s2).status);
  });
  it("W' beside W is the output's width (the NYU homework's second line), though W names the kernel elsewhere", () => {
    // X 6×5, W 3×2, stride 2, along the width: W' = ⌊(5 − 1·(2 − 1) − 1)/2⌋ + 1 = 2 (with K the kernel's width 2)
    const s2 = derive({ input: [6, 5], kernel: [3, 2], op: "xcorr", stride: 2 }, { checks: false });
    const r = one("W' = 1 + \\bigg\\lfloor \\frac{(W + 2P - D(K - 1) - 1)}{S} \\bigg\\rfloor", s2);
    expect(r.status).toBe("holds");
    expect(r.message).toContain("W' = 2");
    expect(one("W' = 1 + \\bigg\\lfloor \\frac{(W + 2P - D(K - 1))}{S} \\bigg\\rfloor", s2).status).toBe("fails");
  });
  it("CS231n's W_2 = (W_1 − F + 2P)/S + 1: _1, _2 the input's and the output's, F the filter size", () => {
    // X 7×5, W 3×3, stride 2, padding 1: (7 − 3 + 2)/2 + 1 = 4 rows, (5 − 3 + 2)/2 + 1 = 3 columns
    const d = derive({ input: [7, 5], kernel: [3, 3], op: "xcorr", stride: 2, padding: 1 }, { checks: false });
    const h = one("H_2 = (H_1 - F + 2P)/S + 1", d);
    expect(h.status).toBe("holds");
    expect(h.message).toContain("H_out = 4");
    expect(one("W_2 = (W_1 - F + 2P)/S + 1", d).status).toBe("holds");
    // the width's formula on the height's letters is wrong at 5 columns: (5 − 3 + 2)/2 + 1 = 3, not 4
    expect(one("W_2 = (W_1 - F + 2P)/S + 2", d).status).toBe("fails");
    // k_1, k_2 beside them number axes, not the input and the output: not read so
    expect(one("H_2 = (H_1 - k_1 + 2P)/S + 1", d).status).not.toBe("holds");
  });
  it("a remark after a size relation (\\text{donde $A \\in \\{W, H\\}$}, math inside the text) is left out of it", () => {
    const d = derive({ input: [7, 5], kernel: [3, 3], op: "xcorr", stride: 2, padding: 1 }, { checks: false });
    const text =
      "A_{out} = \\left\\lfloor \\frac{A_{in} - F + 2P}{S} \\right\\rfloor + 1 \\text{donde $A \\in \\{W, H\\}$}";
    expect(one(text, d).status).toBe("holds");
    expect(one(text.replace("+ 1", "+ 2"), d).status).toBe("fails");
    // a $ anywhere else in a formula is still an error, with its place
    const bad = one("y_{1} = x_{1} $ w_{1}", d);
    expect(bad.status).toBe("error");
    expect(bad.message).toMatch(/\$/);
  });
});

describe("the CMU 11-785 notes' spellings (held-out corpus 32): Leibniz's d, letters apart, \\left( in a call", () => {
  const d = derive(
    { input: [5, 5], kernel: [3, 3], op: "xcorr", indexBase: 0, inChannels: 2, outChannels: 3 },
    { checks: false },
  );
  it("\\frac{d L}{d x(m, x, y)} is ∂L/∂x; the chain through the kernel holds, with the output's entry unshifted it fails", () => {
    const text = (dy: string) =>
      `\\frac{d L}{d x(m, x, y)}=\\sum_{n} \\sum_{x', y'} \\frac{d L}{d y\\left(${dy}\\right)} w\\left(n, m, x-x', y-y'\\right)`;
    // ∂L/∂x(m, x, y) = Σ_n Σ_{x',y'} δy(n, x', y') w(n, m, x − x', y − y') for a cross-correlation (kernel [out, in, h, w])
    expect(one(text("n, x', y'"), d).status).toBe("holds");
    expect(one(text("n, x, y"), d).status).toBe("fails");
    // \\frac{dL}{dW} with the d's joined, and \\mathrm{d}
    expect(one("\\frac{dL}{dw_{n,m,a,b}} = \\sum_{i,j} \\frac{dL}{dy_{n,i,j}} x_{m,i+a,j+b}", d).status).toBe("holds");
    expect(
      one(
        "\\frac{\\mathrm{d}L}{\\mathrm{d}w_{n,m,a,b}} = \\sum_{i,j} \\frac{\\mathrm{d}L}{\\mathrm{d}y_{n,i,j}} x_{m,i+b,j+a}",
        d,
      ).status,
    ).toBe("fails");
  });
  it("z(l, n, x', y'), Y(l-1, m, x, y), w_l(m, n, x, y): the layer's number is a tag; with no forward pass the chain rules give the roles and the letters the kernel's layout", () => {
    // ∂Div/∂w_l(m, n, x, y) = Σ ∂Div/∂z(l, n, x', y') Y(l−1, m, x' + x, y' + y): m is Y's (the input's) channel, n z's
    // (the output's): w_l is [in, out, h, w]; then ∂Div/∂Y(l−1, m, x, y) = Σ_n Σ ∂Div/∂z(l, n, x', y') w_l(m, n, x − x', y − y')
    const dW = String.raw`$$\frac{d D i v}{d w_{l}(m, n, x, y)}=\sum_{x', y'} \frac{d D i v}{d z\left(l, n, x', y'\right)} \frac{d z\left(l, n, x', y'\right)}{d w_{l}(m, n, x, y)}$$`;
    const dWclosed = String.raw`$$\frac{d D i v}{d w_{l}(m, n, x, y)}=\sum_{x', y'} \frac{d D i v}{d z\left(l, n, x', y'\right)} Y\left(l-1, m, x'+x, y'+y\right)$$`;
    const dX = (w: string) =>
      String.raw`$$\frac{d D i v}{d Y(l-1, m, x, y)}=\sum_{n} \sum_{x', y'} \frac{d D i v}{d z\left(l, n, x', y'\right)} \frac{d z\left(l, n, x', y'\right)}{d Y(l-1, m, x, y)}$$` +
      "\n\n" +
      String.raw`$$\frac{d D i v}{d Y(l-1, m, x, y)}=\sum_{n} \sum_{x', y'} \frac{d D i v}{d z\left(l, n, x', y'\right)} w_{l}\left(${w}\right)$$`;
    const r = check([dX("m, n, x-x', y-y'"), dW, dWclosed].join("\n\n"), d, "auto");
    expect(r.map((x) => x.status)).toEqual(["holds", "holds", "holds", "holds"]);
    const said = r.flatMap((x) => x.details).join(" ");
    expect(said).toContain("z^{l} is the output and Y^{l-1} is the input");
    expect(said).toContain("has the input's channel first");
    // the kernel's channels the other way round in the closed form: it fails
    expect(check([dX("n, m, x-x', y-y'"), dW, dWclosed].join("\n\n"), d, "auto")[1]!.status).toBe("fails");
    // a chain through an activation (one index list on both sides of its ∂) teaches no roles
    const act = check(
      "$$\\frac{\\partial L}{\\partial z^{l}_{i,j,m}} = \\frac{\\partial L}{\\partial a^{l}_{i,j,m}} \\frac{\\partial a^{l}_{i,j,m}}{\\partial z^{l}_{i,j,m}}$$",
      d,
      "auto",
    );
    expect(act[0]!.status).toBe("skipped");
  });
  it("D i v (the divergence, as KaTeX's source spells it) is one name: the loss the document differentiates", () => {
    const r = check(
      "$$\\frac{d D i v}{d x(m, x, y)}=\\sum_{n} \\sum_{x', y'} \\frac{d D i v}{d y(n, x', y')} w(n, m, x-x', y-y')$$",
      d,
      "auto",
    );
    expect(r.map((x) => x.status)).toEqual(["holds"]);
    expect([r[0]!.message, ...r[0]!.details].join(" ")).toContain("D i v");
  });
});

describe("Stanchi's edunn guide as written (held-out corpus 41): \\frac{\\delta E}{\\delta w}", () => {
  // X 3×3, W 2×2, cross-correlation, 1-based: ∂E/∂W = X ⋆ ∂E/∂Y (valid, 2×2), by hand as in the lecture's tables
  const d = derive({ input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 1 }, { checks: false });
  it("δ in both parts of a fraction is the derivative's sign: δE/δw = x ⊛ δE/δy holds, with the flipped δE/δy it fails", () => {
    expect(one("\\frac{\\delta E}{\\delta w} = x \\circledast \\frac{\\delta E}{\\delta y}", d).status).toBe("holds");
    expect(one("\\frac{\\delta E}{\\delta w} = x \\circledast rot180(\\frac{\\delta E}{\\delta y})", d).status).toBe(
      "fails",
    );
  });
});

describe("Schulz's DL4AD slides as written (held-out corpus 28): colours, samples, δ named by its value, layers apart", () => {
  // one 1-D true convolution, X of 7, W of 3, 0-based, a bias: z[n] = Σ_{k=0}^{2} w[k] h[n−k] + b for
  // n = 2..6 (the full convolution's positions, as the slides index them); by hand ∂L/∂w[k] = Σ_n δ[n] h[n−k]
  // with δ[n] = ∂L/∂z[n] (h[n−k] is the one factor of z[n] that w[k] multiplies), and Σ_n δ[n] h[n+k] is wrong
  const spec = { input: [7], kernel: [3], op: "conv" as const, indexBase: 0, bias: true };
  const fwd = "$$z^{(l)}[n] = \\sum_{k=0}^{2} w^{(l)}[k] h^{(l-1)}[n-k] + b^{(l)}$$";
  const dw = (h: string) =>
    `$$\\frac{\\partial \\mathcal{L}}{\\partial w^{(l)}[k]} = \\sum_{n} \\color{#FF6B6B}{\\delta^{(l)}[n]} \\color{black}{\\cdot} \\color{#4ECDC4}{h^{(l-1)}[${h}]}$$`;
  const delta = "$$\\delta^{(l)}[n] = \\frac{\\partial \\mathcal{L}}{\\partial z^{(l)}[n]}$$";

  it("\\color{#hex}{…} is read through, and so is an = coloured on its own (\\color{black}{=})", () => {
    const r = doc([fwd, delta, dw("n-k"), dw("n+k")].join("\n"), spec);
    expect(r.map((x) => x.status)).toEqual(["definition", "definition", "holds", "fails"]);
    const eq = doc(
      [
        fwd,
        `$$\\frac{\\partial \\mathcal{L}}{\\partial b^{(l)}} \\color{black}{=} \\sum_{n} \\frac{\\partial \\mathcal{L}}{\\partial z^{(l)}[n]}$$`,
      ].join("\n"),
      spec,
    );
    expect(eq[1]!.status).toBe("holds");
  });

  it("z_i^{(l)}[n]: a letter below a tagged name with its entry in brackets is a sample's; ∂\\mathcal{L}_i is that sample's loss", () => {
    const r = doc(
      [
        "$$z_i^{(l)}[n] = \\sum_{k=0}^{2} w^{(l)}[k] h_i^{(l-1)}[n-k] + b^{(l)}$$",
        "$$\\frac{\\partial \\mathcal{L}_i}{\\partial w^{(l)}[k]} = \\sum_{n} \\frac{\\partial \\mathcal{L}_i}{\\partial z_i^{(l)}[n]} h_i^{(l-1)}[n-k]$$",
        "$$\\frac{\\partial \\mathcal{L}_i}{\\partial w^{(l)}[k]} = \\sum_{n} \\frac{\\partial \\mathcal{L}_i}{\\partial z_i^{(l)}[n]} h_i^{(l-1)}[n+k]$$",
      ].join("\n"),
      spec,
    );
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "fails"]);
    expect(r[1]!.details.join(" ")).toContain("one sample: i");
  });

  it('δ set equal to the value a chain from ∂L/∂z ends in is ∂L/∂z ("this gives us the error term")', () => {
    const chain =
      "$$\\frac{\\partial \\mathcal{L}}{\\partial z^{(l)}[n]} = \\frac{\\partial \\mathcal{L}}{\\partial a[n]} \\cdot \\frac{\\partial a[n]}{\\partial z^{(l)}[n]} = 2(a[n] - t[n]) \\sigma'(z^{(l)}[n])$$";
    const named = "$$\\delta^{(l)}[n] = 2(a[n] - t[n]) \\sigma'(z^{(l)}[n])$$";
    const r = doc([fwd, chain, named, dw("n-k")].join("\n"), spec);
    expect(r[2]!.status).toBe("definition");
    expect(r[2]!.message).toContain("its value being the last link of line 2's chain");
    expect(r[3]!.status).toBe("holds");
    // another value: δ is not learned, and the formula with it is not checked
    const other = doc([fwd, chain, "$$\\delta^{(l)}[n] = 3(a[n] - t[n])$$", dw("n-k")].join("\n"), spec);
    expect(other[3]!.status).toBe("skipped");
  });

  it("a formula that mixes two layers the document both states forward passes for is skipped, never judged", () => {
    const next = "$$z^{(l+1)}[m] = \\sum_{k=0}^{2} w^{(l+1)}[k] h^{(l)}[m-k] + b^{(l+1)}$$";
    const back = "$$\\delta^{(l)}[n] = \\sum_{k=0}^{2} \\delta^{(l+1)}[n+k] w^{(l+1)}[k] \\sigma'(z^{(l)}[n])$$";
    const r = doc([fwd, next, delta, back].join("\n"), spec);
    expect(r[3]!.status).toBe("skipped");
    expect(r[3]!.message).toMatch(/it mixes layers: .* name the same tensor/);
  });

  it("Σ_{k=0}^{M-1} w[k] h[n-k]: with M read from the range both names fit the kernel (true convolution commutes); w is it by its name", () => {
    const r = doc(
      [
        "$$z[n] = \\sum_{k=0}^{M-1} w[k] h[n-k] + b$$",
        "$$\\frac{\\partial L}{\\partial w[k]} = \\sum_{n} \\frac{\\partial L}{\\partial z[n]} h[n-k]$$",
      ].join("\n"),
      spec,
    );
    expect(r.map((x) => x.status)).toEqual(["definition", "holds"]);
    expect(r[0]!.message).toContain("M = 3 (from its sums' ranges)");
    expect(r[0]!.message).toContain("the kernel by its name");
    // two names neither of which is a kernel's: not settled, nothing learned
    const open = doc("$$z[n] = \\sum_{k=0}^{M-1} u[k] h[n-k] + b$$", spec);
    expect(open[0]!.status).toBe("skipped");
  });

  it("an arrow opening a row (\\rightarrow ∂L/∂h = …) reads as 'hence'; L_{in}, L_{out} are the input's and output's sizes", () => {
    const rows = [
      "$$\\begin{aligned}",
      "\\frac{\\partial z^{(l)}[m]}{\\partial h^{(l-1)}[n]} &= w^{(l)}[m-n]\\\\",
      "\\rightarrow \\frac{\\partial \\mathcal{L}}{\\partial b^{(l)}} &= \\sum_{n} \\frac{\\partial \\mathcal{L}}{\\partial z^{(l)}[n]}",
      "\\end{aligned}$$",
    ];
    const r = doc([fwd, ...rows].join("\n"), spec);
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "holds"]);
    // by hand: 7 − 3 + 1 = 5 outputs; 7 − 3 is one short
    expect(doc([fwd, "$$L_{out} = L_{in} - K + 1$$"].join("\n"), spec)[1]!.status).toBe("holds");
    expect(doc([fwd, "$$L_{out} = L_{in} - K$$"].join("\n"), spec)[1]!.status).toBe("fails");
  });
});

describe("Ponnam's notes as written (held-out corpus 29): words in a case split's condition, a shape after a definition", () => {
  // X 4×3, W 2×2, cross-correlation, 0-based: ∂y_{i,j}/∂x_{p,q} = w_{p−i,q−j} when 0 ≤ p−i < 2 and 0 ≤ q−j < 2, else 0
  const cases = (join: string, hi: number) =>
    `\\frac{\\partial y_{i,j}}{\\partial x_{p,q}} = \\begin{cases} w_{p-i,q-j} & \\text{if } 0 \\le p-i \\lt 2 ${join} 0 \\le q-j \\lt ${hi} \\\\ 0 & \\text{otherwise} \\end{cases}`;
  it("\\text{ and } joins two conditions (it was read as nothing: 2·0, a wrong 'fails'); \\text{ or } is not read", () => {
    expect(one(cases("\\text{ and }", 2), xcorr0).status).toBe("holds");
    expect(one(cases("\\text{ and }", 1), xcorr0).status).toBe("fails");
    expect(one(cases("\\text{ or }", 2), xcorr0).status).not.toMatch(/holds|fails/);
  });

  it("δ = ∂L/∂Y ∈ ℝ^{…} is a definition (the shape after it is a statement of sizes); H_{out} with P, K and the word stride", () => {
    const r = doc(
      [
        "$$\\delta = \\frac{\\partial L}{\\partial Y} \\in \\mathbb{R}^{C_{out} \\times H_{out} \\times W_{out}}$$",
        "$$\\frac{\\partial L}{\\partial b} = \\sum_{i,j} \\delta_{i,j}$$",
        // by hand: rows (7 + 2·1 − 3)/2 + 1 = 4 at stride 2, padding 1
        "$$H_{out} = \\frac{H_{in} + 2P - K}{stride} + 1$$",
        "$$H_{out} = \\frac{H_{in} + P - K}{stride} + 1$$",
      ].join("\n"),
      { input: [7, 6], kernel: [3, 2], op: "xcorr", indexBase: 0, stride: 2, padding: 1, bias: true },
    );
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "holds", "fails"]);
    expect(r[2]!.message).toContain("stride, padding, dilation written as words");
  });

  it("W_{f} × H_{f} the kernel and W_{s} × H_{s} the stride beside W_{in}, W_{out} (Golan's post), each on its own axis", () => {
    // by hand, X 5×7 (H × W), W 2×3, stride 1×2, padding 1: W_out = (7 − 3 + 2)/2 + 1 = 4, H_out = (5 − 2 + 2)/1 + 1 = 6
    const r = doc(
      [
        "$$W_{out} = \\frac{W_{in} - W_{f} + 2P}{W_{s}}+ 1$$",
        "$$H_{out} = \\frac{H_{in} - H_{f} + 2P}{H_{s}} + 1$$",
        // the rows' kernel size on the columns: (7 − 2 + 2)/2 + 1 is not 4
        "$$W_{out} = \\frac{W_{in} - H_{f} + 2P}{W_{s}}+ 1$$",
        "$$H_{out} = H_{in} - H_{f} + 2P + 1$$",
      ].join("\n"),
      { input: [5, 7], kernel: [2, 3], op: "xcorr", indexBase: 0, stride: [1, 2], padding: 1 },
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "holds", "fails", "skipped"]);
    expect(r[3]!.message).toContain("leaves out the stride");
  });

  it("i = 0..d beside a forward pass (Nery's README, held-out corpus 93) says where an index runs: never a size claim", () => {
    const r = doc("$$y = x \\star w, \\quad i = 0..d$$\n$$i = 1..n$$\n$$o = i - k + 1$$", {
      input: [4, 4],
      kernel: [3, 3],
      op: "xcorr",
      indexBase: 0,
    });
    // (the two dots were dropped: i = 0d, which the input's size 4 made fail)
    expect(r.map((x) => x.status)).toEqual(["holds", "skipped", "skipped", "holds"]);
    expect(r[1]!.message).toContain("a range (lo..hi)");
  });

  it("a decorated letter binds a sum (\\sum_{\\hat{i}=0}^{1}, a note on CS231n's layer), as it indexes an entry", () => {
    const layer = { input: [4, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 0 as const };
    const f = (w: string) =>
      `$$y_{i,j} = \\sum_{\\hat{i}=0}^{1}\\sum_{\\hat{j}=0}^{1} x_{i+\\hat{i},j+\\hat{j}} w_{${w}}$$`;
    // (a parse error at the binder before)
    expect(doc(f("\\hat{i},\\hat{j}"), layer)[0]!.status).toBe("holds");
    expect(doc(f("\\hat{j},\\hat{i}"), layer)[0]!.status).toBe("fails");
  });

  it("|K| and |Z| (Epp's notes: a square matrix's side) are size names in a sum's bound, read from the sums' ranges", () => {
    // by hand, X 5×5, W 3×3, cross-correlation, 0-based: y_{ij} = Σ_{m,n=0}^{2} x_{i+m,j+n} w_{mn}, so |W| − 1 = 2
    const r = doc(
      [
        "$$y_{ij} = \\sum_{m,n=0}^{|W|-1} x_{i+m,j+n} w_{mn}$$",
        "$$y_{ij} = \\sum_{m,n=0}^{|W|-1} x_{i+m,j+n} w_{nm}$$",
        "$$y_{ij} = \\sum_{m,n=0}^{|W|-2} x_{i+m,j+n} w_{mn}$$",
      ].join("\n"),
      { input: [5, 5], kernel: [3, 3], op: "xcorr", indexBase: 0 },
    );
    // (a parse error at the first | before)
    expect(r.map((x) => x.status)).toEqual(["holds", "fails", "skipped"]);
    expect(r[0]!.details.join(" ")).toContain("sizes read from the sums' ranges: |W| = 3");
  });

  it("\\text{where } H' = (H + 2p − HH)/s + 1 (a note on CS231n's layer): HH, WW the filter's sizes, never H·H; the leading where is prose", () => {
    // by hand, X 5×7, W 3×2, stride 2, padding 1: H' = (5 + 2 − 3)/2 + 1 = 3, W' = (7 + 2 − 2)/2 + 1 = 4 (rounded down)
    const r = doc(
      [
        "$$\\text{where } H' = \\frac{H + 2p - HH}{s} + 1$$",
        "$$\\text{where } W' = \\lfloor \\frac{W + 2p - WW}{s} \\rfloor + 1$$",
        "$$H' = \\frac{H + 2p - WW}{s} + 1$$",
        "$$H' = \\frac{H + 2p - HW}{s} + 1$$",
      ].join("\n"),
      { input: [5, 7], kernel: [3, 2], op: "xcorr", indexBase: 0, stride: 2, padding: 1 },
    );
    // (HH read as H·H = 25 failed the first: (5 + 2 − 25)/2 + 1 = −8; \text{where} at the start was a parse error)
    expect(r.map((x) => x.status)).toEqual(["holds", "holds", "fails", "skipped"]);
    expect(r[3]!.message).toContain("HW is one name here");
  });

  it("O = 1 + (N − F + 2P)/S (CS231n's letters, aaumar's post) is a size equation, where O and F also name the output and the filter", () => {
    // by hand, X 7×7, F 3×3, stride 2, padding 1: O = 1 + (7 − 3 + 2)/2 = 4; without the padding (7 − 3)/2 + 1 = 3
    const r = doc(
      [
        "$$O_{11} = \\sum_{i=1}^{3}\\sum_{j=1}^{3} X_{i,j} F_{i,j}$$",
        "$$O=1+\\frac{N-F+2P}{S}$$",
        "$$O=\\frac{N-F+2P}{S}$$",
        "$$O=1+\\frac{N-F}{S}$$",
      ].join("\n"),
      { input: [7, 7], kernel: [3, 3], op: "xcorr", indexBase: 1, stride: 2, padding: 1 },
      "X=X, W=F, Y=O",
    );
    expect(r.slice(1).map((x) => x.status)).toEqual(["holds", "fails", "skipped"]);
    expect(r[3]!.message).toContain("leaves out the padding");
  });
});

describe("Bhattacharjee's post as written (held-out corpus 30): a source's ⊗ with the kernel first, d{W_{11}}", () => {
  // X 3×3, W 2×2, cross-correlation, 1-based: ΔX = ΔY ⋆full Rot180(W) (= ΔY *full W); read the source's
  // way, "the rotated kernel slides over dZ, full", rot180(W) ⊗ dZ is that; W ⊗ dZ (not rotated) is not
  const xc1 = derive({ input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 1 }, { checks: false });
  it("rot180(W) ⊗ ΔY with the mode left out: read full, the kernel sliding, it holds and says so; without the rotation it fails", () => {
    const r = one("\\Delta X = rot180(W) \\otimes \\Delta Y", xc1);
    expect(r.status).toBe("holds");
    expect(r.details.join(" ")).toMatch(/the kernel first, with its convolutions written without a mode read as full/);
    expect(one("\\Delta X = W \\otimes \\Delta Y", xc1).status).toBe("fails");
    // convgrad's own * stays valid unless written full: the lecture's slip is still one
    expect(one("\\Delta X = Rot180(W) * \\Delta Y", xc1).status).toBe("fails");
  });

  it("d{W_{11}} is the gradient dW_{11}, as d{A^{[l-1]}} is dA^{[l-1]}", () => {
    // by hand: ∂J/∂w_{11} = Σ_{i,j} δy_{i,j} x_{i,j} for this layer; X_{13} in place of X_{12} is not
    const dw = (x: string) =>
      `d{W_{11}} = d{Y_{11}}{X_{11}} + d{Y_{12}}{X_{${x}}} + d{Y_{21}}{X_{21}} + d{Y_{22}}{X_{22}}`;
    expect(one(dw("12"), xc1).status).toBe("holds");
    expect(one(dw("13"), xc1).status).toBe("fails");
  });
});

describe("a forward pass that leaves the bias out (Dahal's Z^l = Σ W a^{l-1} on a layer with one)", () => {
  it("is still learned for its names, and the definition says it leaves b out", () => {
    const spec = { input: [4, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 0, bias: true };
    const r = doc("$$Z^{l}_{i,j} = \\sum_{a=0}^{1}\\sum_{c=0}^{1} W_{a,c} A^{l-1}_{i+a,j+c}$$", spec);
    expect(r[0]!.status).toBe("definition");
    expect(r[0]!.message).toContain("it leaves the bias out (as if b = 0)");
    const withB = doc("$$Z^{l}_{i,j} = \\sum_{a=0}^{1}\\sum_{c=0}^{1} W_{a,c} A^{l-1}_{i+a,j+c} + b$$", spec);
    expect(withB[0]!.message).not.toContain("leaves the bias out");
  });
});

describe("Dillhoff's notes as written (held-out corpus 43): a source's own *, x the output, a forward pass inside ∂/∂w", () => {
  // X 3×3, W 2×2, cross-correlation, 0-based, with a bias
  const d = derive({ input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 0, bias: true }, { checks: false });
  const verify = (text: string) => verifyInput(d, { file: "t.md", text, mode: "auto" }, { points: 3 });
  it("(I * K)(i, j) = Σ I(i − m, j − n) K(m, n) defines the source's * (true convolution, full): a definition, never a claim on convgrad's *", () => {
    const [def] = verify("$$(I * K)(i, j) = \\sum_m \\sum_n I(i-m, j-n)K(m, n)$$");
    expect(def!.status).toBe("definition");
    expect(def!.message).toContain("* is true convolution (full)");
    const [corr] = verify("$$(I * K)(i, j) = \\sum_m \\sum_n I(i+m, j+n)K(m, n)$$");
    expect(corr!.message).toContain("* is cross-correlation");
    // between convgrad's own letters too (namrapatel's "True Convolution: (X * W)[i,j] = Σ X[i-h, j-w] W[h,w]"): failing
    // as a claim on convgrad's * (the layer's op, valid), it says what the document means by * — when one reading holds
    const own = verify("$$(x * w)(i, j) = \\sum_m \\sum_n x(i-m, j-n)w(m, n)$$")[0]!;
    expect(own.status).toBe("definition");
    expect(own.message).toContain("* is true convolution (full)");
    // … and one that no convolution makes (flipped along one axis only) is a claim, and fails
    expect(verify("$$(x * w)(i, j) = \\sum_m \\sum_n x(i-m, j+n)w(m, n)$$")[0]!.status).toBe("fails");
  });
  it("x_{i,j} = Σ w_{m,n} z^{(l-1)}_{i+m,j+n} + b makes x the output; a chain rule through x then holds, a shifted one fails", () => {
    const fwd = "$$x_{i, j} = \\sum_{m} \\sum_{n} w_{m, n} z_{i+m, j+n}^{(l-1)} + b$$\n\n";
    const chain = (x: string) =>
      `$$\\frac{\\partial \\mathcal{L}}{\\partial w_{m',n'}} = \\sum_{i=0}^1 \\sum_{j=0}^1 \\frac{\\partial \\mathcal{L}}{\\partial x_{i, j}} z_{${x}}^{(l-1)}$$`;
    const r = verify(fwd + chain("i+m', j+n'"));
    expect(r.map((x) => x.status)).toEqual(["definition", "holds"]);
    expect(r[0]!.message).toContain("Y = x, X = z^{l-1}");
    expect(verify(fwd + chain("i+n', j+m'"))[1]!.status).toBe("fails");
    // without the forward pass x is the input, and ∂L/∂x·z is no kernel gradient: not read as one
    expect(verify(chain("i+m', j+n'"))[0]!.status).not.toBe("holds");
  });
  it("∂x/∂w = ∂/∂w (Σ w z) + b teaches the forward pass it differentiates and stays a claim: the b left outside fails", () => {
    const line = (b: string) =>
      `$$\\frac{\\partial x_{i, j}}{\\partial w_{m', n'}} = \\frac{\\partial}{\\partial w_{m', n'}} \\left(\\sum_{m} \\sum_{n} w_{m, n} z_{i+m, j+n}^{(l-1)}${b}\\right) = z_{i+m', j+n'}^{(l-1)}$$\n\n`;
    const chain =
      "$$\\frac{\\partial \\mathcal{L}}{\\partial w_{m',n'}} = \\sum_{i=0}^1 \\sum_{j=0}^1 \\frac{\\partial \\mathcal{L}}{\\partial x_{i, j}} \\frac{\\partial x_{i,j}}{\\partial w_{m', n'}}$$";
    const r = verify(line(" + b") + chain);
    expect(r.map((x) => x.status)).toEqual(["holds", "holds"]);
    expect(r[0]!.details.join(" ")).toContain("read from inside its derivative");
    // Dillhoff's own line: the + b outside the parenthesis the ∂/∂w takes — ∂x/∂w = z + b, an extra b
    const as = verify(
      "$$\\frac{\\partial x_{i, j}}{\\partial w_{m', n'}} = \\frac{\\partial}{\\partial w_{m', n'}} \\sum_{m} \\sum_{n} w_{m, n} z_{i+m, j+n}^{(l-1)} + b$$\n\n" +
        chain,
    );
    expect(as.map((x) => x.status)).toEqual(["fails", "holds"]);
  });
});

describe("Neubürger's and Hasegawa-Johnson's slides as written (held-out corpus 44, 45)", () => {
  const d = derive({ input: [4, 3], kernel: [2, 2], op: "xcorr", indexBase: 0, bias: true }, { checks: false });
  const verify = (text: string) => verifyInput(d, { file: "t.tex", text, mode: "auto" }, { points: 3 });
  it("\\underbrace{…}_{\\text{…}} is read as what it braces, its label dropped", () => {
    const text = (x: string) =>
      `$$\\frac{\\partial L}{\\partial w_{m,n}} = \\sum_{i,j} \\underbrace{\\frac{\\partial L}{\\partial y_{i,j}}}_{\\text{Fehler}} \\cdot \\underbrace{x_{${x}}}_{\\text{Input}}$$`;
    expect(verify(text("i+m,j+n"))[0]!.status).toBe("holds");
    expect(verify(text("i+n,j+m"))[0]!.status).toBe("fails");
  });
  it("a row that starts with + and has no = of its own (&\\quad + b) continues the sum above it", () => {
    const r = verify(
      "\\begin{align*}\ny_{i,j} &= \\sum_{m} \\sum_{n} w_{m,n} x_{i+m,j+n} \\\\\n &\\quad + b\n\\end{align*}",
    );
    expect(r.map((x) => x.status)).toEqual(["holds"]);
    // without the row, the layer's bias is missing: not a verdict of holds
    expect(verify("$$y_{i,j} = \\sum_{m} \\sum_{n} w_{m,n} x_{i+m,j+n}$$")[0]!.status).not.toBe("holds");
  });
  it("18,000,000 is one number (a thousands separator), not a list cut at its commas; x_{100,200} stays two indices", () => {
    const r = verify("$2000\\times 3000\\times 3=18,000,000$ and $500\\times 18,000,000=9,000,000,001$");
    expect(r.map((x) => x.status)).toEqual(["holds", "fails"]);
    expect(verify("$y_{0,1} = 1,000$")[0]!.status).not.toBe("holds");
  });
  it("x[n] ∗ h[n], signal processing's (x ∗ h)[n], between entries: skipped with how to write it, never a product", () => {
    const [r] = verify("$$y[m,n] = w[m,n] \\ast x[m,n]$$");
    expect(r!.status).toBe("skipped");
    expect(r!.message).toContain("convolution between entries");
    expect(r!.message).toContain("read only on a 0-based layer with full padding");
  });
  it("x[n] ∗ h[n] on a 0-based, full-padded layer is (x ∗ h)[n] = Σ_k x[k] h[n−k]: checked, with how it was read", () => {
    // X 3×4, W 2×2, true convolution, full padding, 0-based: y[m,n] = Σ_{k,l} w[k,l] x[m−k, n−l] (Y 4×5), and
    // δx[m,n] = Σ_{i,j} δy[i,j] w[i−m, j−n] = Σ_{k,l} w[−k,−l] δy[m−k, n−l]; δw[m,n] = Σ_{i,j} δy[i,j] x[i−m, j−n],
    // a correlation, which the convolution Σ_{k,l} δy[k,l] x[m−k, n−l] is not
    const full = derive(
      { input: [3, 4], kernel: [2, 2], op: "conv", indexBase: 0, padding: "full" },
      { checks: false },
    );
    const at = (text: string) => verifyInput(full, { file: "t.md", text, mode: "auto" }, { points: 3 })[0]!;
    for (const f of [
      "y[m,n] = w[m,n] \\ast x[m,n]",
      "y[m,n] = x[m,n] \\ast w[m,n]",
      "\\delta x[m,n] = w[-m,-n] \\ast \\delta y[m,n]",
    ]) {
      const r = at(`$$${f}$$`);
      expect(r.status, f).toBe("holds");
      expect(r.details.join(" ")).toContain("signal processing's convolution of whole signals");
    }
    expect(at("$$\\delta w[m,n] = \\delta y[m,n] \\ast x[m,n]$$").status).toBe("fails");
    expect(at("$$\\delta w[m,n] = \\sum_i \\sum_j \\delta y[i,j] x[i-m,j-n]$$").status).toBe("holds");
    // a shifted index is not the output's: not this layer's forward pass, as the sum written out is not
    const shifted = at("$$y[m,n] = w[m,n] \\ast x[m+1,n]$$");
    expect(shifted.status).not.toBe("holds");
    expect(shifted.message).toBe(at("$$y[m,n] = \\sum_k \\sum_l w[k,l] x[m+1-k,n-l]$$").message);
    // a letter in one entry only and not on the other side is unbound: no reading
    expect(at("$$y[m,n] = w[m,n,c] \\ast x[m,n]$$").status).toBe("skipped");
    // the same formulas on the valid layer (its output is the convolution's shifted by K − 1): not read
    const valid = derive({ input: [3, 4], kernel: [2, 2], op: "conv", indexBase: 0 }, { checks: false });
    const v = verifyInput(
      valid,
      { file: "t.md", text: "$$y[m,n] = w[m,n] \\ast x[m,n]$$", mode: "auto" },
      { points: 3 },
    )[0]!;
    expect(v.status).toBe("skipped");
  });
});

describe("a Data Science SE question and BrightLamp's CSDN post as written (held-out corpus 46, 47)", () => {
  it("(I\\star K) (i,j) with a space is still the call; \\sum_{v=1}^qI(…) bounds the sum by q, then I; later links' sums give p, q", () => {
    // X 5×4, K 3×2, cross-correlation, 1-based: O(i,j) = Σ_{u=1}^{3} Σ_{v=1}^{2} I(i+u−1, j+v−1) K(u,v)
    const d = derive({ input: [5, 4], kernel: [3, 2], op: "xcorr", indexBase: 1 }, { checks: false });
    const fwd = "$$O(i,j)=(I\\star K) (i,j)=\\sum_{u=1}^p\\sum_{v=1}^qI(i+u-1,j+v-1)K(u,v)$$";
    const dK = (x: string) => `$$dK(u',v') = \\sum_{i=1}^{m-p+1}\\sum_{j=1}^{n-q+1}dO(i,j)I(${x})$$`;
    const r = check(`${fwd}\n\n${dK("i+u'-1,j+v'-1")}`, d, "auto");
    expect(r.map((x) => x.status)).toEqual(["definition", "holds"]);
    expect(r[0]!.message).toContain("p = 3");
    expect(check(`${fwd}\n\n${dK("i+v'-1,j+u'-1")}`, d, "auto")[1]!.status).toBe("fails");
  });
  it("x_{i·t+r, j·t+s} with t bound nowhere is the stride when the formula then holds; otherwise it stays skipped", () => {
    // X 7×6, W 3×2, stride 2, 0-based, a bias: y_ij = Σ_r Σ_s x_{2i+r, 2j+s} w_rs + b
    const d = derive(
      { input: [7, 6], kernel: [3, 2], op: "xcorr", indexBase: 0, stride: 2, bias: true },
      { checks: false },
    );
    const r = one("\\frac{\\partial y_{ij}}{\\partial w_{uv}}=x_{i\\cdot t+u,j\\cdot t+v}", d);
    expect(r.status).toBe("holds");
    expect(r.details.join(" ")).toContain("t = 2, the layer's stride");
    // rows and columns exchanged: no reading of t makes it hold — skipped, never failed on a guessed t
    expect(one("\\frac{\\partial y_{ij}}{\\partial w_{uv}}=x_{i\\cdot t+v,j\\cdot t+u}", d).status).toBe("skipped");
  });
  it("e = forward(Y) and ∇e: e is the loss the document differentiates; ∂e/∂x_{uv} = 0 at free indices is a case, not a claim", () => {
    const d = derive({ input: [4, 4], kernel: [2, 2], op: "xcorr", indexBase: 0 }, { checks: false });
    const r = check(
      "$$e=forward(Y)$$\n\n$$\\frac{\\partial e}{\\partial w_{uv}} = \\sum_{i=0}^{2}\\sum_{j=0}^{2}\\frac{\\partial e}{\\partial y_{ij}} x_{i+u,j+v}$$\n\n$$\\frac{\\partial e}{\\partial x_{uv}} = 0$$\n\n$$\\frac{\\partial e}{\\partial x_{00}} = 0$$",
      d,
      "auto",
    );
    expect(r.map((x) => x.status)).toEqual(["skipped", "holds", "skipped", "fails"]);
    expect(r[2]!.message).toContain("one case of a statement");
  });
});

describe("Rathi's batch average (corpus 36): m, the letter m_i counts, is the number of examples", () => {
  it("∂J/∂b_k = 1/m Σ_{m_i} Σ_i Σ_j ∂J/∂y^{(m_i)}_{k,i,j} halves the gradient at 2 examples: it fails; without 1/m it holds", () => {
    const d = derive(
      { input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 0, inChannels: 1, outChannels: 2, batch: 2, bias: true },
      { checks: false },
    );
    const db = (f: string) =>
      `$$\\frac{\\partial J}{\\partial b_{k}} = ${f}\\sum_{m_i}\\sum_{i}\\sum_{j} \\frac{\\partial J}{\\partial y^{(m_i)}_{k,i,j}}$$`;
    expect(check(db(""), d, "auto")[0]!.status).toBe("holds");
    const r = check(db("\\frac{1}{m} "), d, "auto")[0]!;
    expect(r.status).toBe("fails");
    expect(r.details.join(" ")).toContain("m is the number of examples, 2");
  });
});

describe("Zaki's worked example and Jinman's boxed results as written (held-out corpus 48, 49)", () => {
  it("⟨A, B⟩_F (the Frobenius product, \\left\\langle … \\right\\rangle too) is Σ A ⊙ B; its comma splits nothing; the bracket defined stays unread", () => {
    // X 3×3, W 2×2, cross-correlation: ∂J/∂w_ij = Σ_kl δy_kl ∂y_kl/∂w_ij (the chain rule over Y's entries), and
    // Σ_kl δy_kl ∂y_kl/∂x_ij is ∂J/∂x_ij, not ∂J/∂w_ij
    const d = derive({ input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 1 }, { checks: false });
    const ip = (lhs: string, wrt: string, open = "\\langle", close = "\\rangle_F") =>
      `$$\\frac{\\partial J}{\\partial ${lhs}} = ${open} \\frac{\\partial J}{\\partial Y}, \\frac{\\partial Y}{\\partial ${wrt}} ${close}$$`;
    const r = check(
      [
        ip("w_{ij}", "w_{ij}", "\\left\\langle", "\\right\\rangle_{F}"),
        ip("w_{ij}", "x_{ij}"),
        ip("x_{ij}", "x_{ij}", "\\langle", "\\rangle"),
      ].join("\n\n"),
      d,
      "auto",
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "fails", "holds"]);
    // ⟨x, y⟩ := Σ_i x_i y_i defines the bracket for any two sequences: not a claim about the layer's x and y
    expect(check("$$\\langle x, y \\rangle := \\sum_i x_{i} y_{i}$$", d, "auto")[0]!.status).not.toMatch(/holds|fails/);
  });
  it("\\rule{0mm}{7mm}, \\hspace between two equations and a leading \\therefore are layout; O, F learned from O_{11} = …", () => {
    const d = derive({ input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 1 }, { checks: false });
    const r = check(
      "$$O_{11} = X_{11}F_{11} + X_{12}F_{12} + X_{21}F_{21} + X_{22}F_{22} \\\\ \\rule{0mm}{7mm} O_{12} = X_{12}F_{11} + X_{13}F_{12} + X_{22}F_{21} + X_{23}F_{22} \\hspace{5mm} \\frac{\\partial O_{12}}{\\partial F_{11}} = X_{13}$$\n\n$$\\rule{0mm}{10mm} \\therefore \\frac{\\partial L}{\\partial F_{11}} = \\frac{\\partial L}{\\partial O_{11}} X_{11} + \\frac{\\partial L}{\\partial O_{12}} X_{12} + \\frac{\\partial L}{\\partial O_{21}} X_{21} + \\frac{\\partial L}{\\partial O_{22}} X_{22}$$",
      d,
      "auto",
    );
    // ∂O_{12}/∂F_{11} is X_{12}, not X_{13}
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "fails", "holds"]);
  });
  it("a document's own ⋆ (f ⋆ g)(x, y) := Σ f(i, j) g(x+i, y+j), in an empheq box, reads its later uses: A ⋆ δ is the gradient at (−i, −j)", () => {
    const d = derive({ input: [4, 3], kernel: [2, 2], op: "xcorr", indexBase: 0 }, { checks: false });
    const def =
      "\\begin{empheq}[box=\\fbox]{align}\n(f\\star{}g){(x, y)}:= \\sum_i\\sum_j f{(i, j)}g{(x+i, y+j)}\n\\end{empheq}\n\n";
    const r = check(
      `${def}$$\\frac{\\partial L}{\\partial W} = \\frac{\\partial L}{\\partial Y}\\star X$$\n\n$$\\frac{\\partial L}{\\partial W} = X\\star\\frac{\\partial L}{\\partial Y}$$`,
      d,
      "auto",
    );
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "fails"]);
    expect(r[0]!.message).toContain("\\star is cross-correlation with the kernel first");
    // without the definition, ⋆ is convgrad's (X ⋆ W, the second operand the kernel): the other way round
    expect(one("\\frac{\\partial L}{\\partial W} = X\\star\\frac{\\partial L}{\\partial Y}", d).status).toBe("holds");
  });
  it("i = i' alone relates two indices (no size verdict); a source's * defined between signals is a product between numbers", () => {
    const d = derive({ input: [4, 3], kernel: [2, 2], op: "xcorr", indexBase: 0 }, { checks: false });
    expect(["holds", "fails"]).not.toContain(one("i=i'", d).status);
    const r = check(
      "$$(I * K)_{ij} = \\sum_m \\sum_n I_{i+m,j+n} K_{m,n}$$\n\n$$\\frac{\\partial L}{\\partial w_{m,n}} = \\sum_i \\sum_j \\frac{\\partial L}{\\partial y_{i,j}} * \\frac{\\partial y_{i,j}}{\\partial w_{m,n}}$$",
      d,
      "auto",
    );
    expect(r.map((x) => x.status)).toEqual(["definition", "holds"]);
  });
});

describe("a matrix by one entry (Zaki's ∂O/∂F_{12}): the matrix of its entries' derivatives", () => {
  const d = derive({ input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 1 }, { checks: false });
  // (O_{12} says which of X and F slides: O_{11} alone reads either way round)
  const fwd =
    "$$O_{11} = X_{11}F_{11} + X_{12}F_{12} + X_{21}F_{21} + X_{22}F_{22} \\\\ O_{12} = X_{12}F_{11} + X_{13}F_{12} + X_{22}F_{21} + X_{23}F_{22}$$\n\n";
  const slice = (m: string) =>
    check(
      `${fwd}$$\\frac{\\partial O}{\\partial F_{12}} = \\left( \\begin{array}{cc} ${m} \\end{array} \\right)$$`,
      d,
      "auto",
    )[2]!;
  it("∂O/∂F_{12} = (X_{12} X_{13}; X_{22} X_{23}) holds; with a row of the other window it fails", () => {
    expect(slice("X_{12}&X_{13} \\\\ X_{22}&X_{23}").status).toBe("holds");
    expect(slice("X_{11}&X_{12} \\\\ X_{21}&X_{22}").status).toBe("fails");
  });
  it("set equal to a sum of its entries' derivatives (CXianRen's notation) it is not compared", () => {
    const r = check(
      `${fwd}$$\\frac{\\partial O}{\\partial F_{11}} = \\frac{\\partial O_{11}}{\\partial F_{11}} + \\frac{\\partial O_{12}}{\\partial F_{11}} + \\frac{\\partial O_{21}}{\\partial F_{11}} + \\frac{\\partial O_{22}}{\\partial F_{11}}$$`,
      d,
      "auto",
    )[2]!;
    expect(r.status).toBe("skipped");
    expect(r.message).toContain("the matrix of its entries' derivatives");
  });
});

describe("Dou Meishi's appendix (held-out corpus 50): a forward pass for the layer without its padding", () => {
  it("y[t] = Σ x[t+τ] w[τ] on a stride-2, padding-1 layer: skipped as the layer at stride 1 without padding; a slip in it still fails", () => {
    // X 10, W 3, cross-correlation, 0-based: at stride 1 without padding y[t] = Σ_τ x[t+τ] w[τ] holds
    const d = derive({ input: [10], kernel: [3], op: "xcorr", indexBase: 0, stride: 2, padding: 1 }, { checks: false });
    const r = one("y[t] = \\sum_\\tau x[t+\\tau] \\cdot w[\\tau]", d);
    expect(r.status).toBe("skipped");
    expect(r.message).toContain("at stride 1 without padding");
    // a tap skipped (x[t + 2τ]) holds for no configuration: it fails
    expect(one("y[t] = \\sum_\\tau x[t+2\\tau] \\cdot w[\\tau]", d).status).toBe("fails");
    // the layer's own forward pass, with its stride and padding, holds
    expect(one("y[t] = \\sum_\\tau x[2t+\\tau-1] \\cdot w[\\tau]", d).status).toBe("holds");
  });
});

describe("a formula file's line with no = (x_{11, a typo)", () => {
  it("reports its parse error, not 'an inequality'; a well-formed line without = is 'not an equation'", () => {
    const [typo] = check("x_{11");
    expect(typo!.status).toBe("error");
    expect(typo!.message).toMatch(/parse error at 1:6/);
    expect(check("x_{11} + 3")[0]!.message).toBe("not an equation (no =)");
    expect(check("x_{11} < 3")[0]!.message).toBe("not an equation: an inequality");
  });
});

describe("Shestakov's HSE slides (held-out corpus 52) and Sootla's post (53)", () => {
  it("\\sum_{-1 \\leq a,b \\leq 1} bounds both indices; I indexed by its windows' centres, W from −1, is learned", () => {
    const d = derive({ input: [5, 5], kernel: [3, 3], op: "xcorr", indexBase: 0 }, { checks: false });
    const fwd = "$$ I_{i,j} = \\sum\\limits_{-1 \\leq a,b \\leq 1} W_{a,b}X_{i+a, j+b} $$\n\n";
    const dW = (x: string) =>
      `$$\\frac{\\partial L}{\\partial W_{a,b}} = \\sum_i \\sum_j \\frac{\\partial L}{\\partial I_{i,j}} X_{${x}}$$`;
    const r = check(fwd + dW("i+a, j+b"), d, "auto");
    expect(r.map((x) => x.status)).toEqual(["definition", "holds"]);
    expect(r[0]!.message).toContain("its windows' centres in the input");
    expect(check(fwd + dW("i+b, j+a"), d, "auto")[1]!.status).toBe("fails");
  });
  it("--sizes takes a name with a letter below it (H_k=2), as verify's advice names it", () => {
    const d = derive({ input: [4, 5], kernel: [2, 3], op: "xcorr", indexBase: 1 }, { checks: false });
    const n = declareSizes(Notation.defaults(), "H_k=2, W_{k}=3");
    expect(n.sizes.get("H_k")).toBe(2);
    expect(n.sizes.get("W_k")).toBe(3);
    const text = "y_{i,j} = \\sum_{m=1}^{H_k} \\sum_{q=1}^{W_k} x_{i+m-1,j+q-1} w_{m,q}";
    const v = verifyInput(d, { file: "t", text, mode: "plain" }, { points: 3, notation: n });
    expect(v[0]!.status).toBe("holds");
    expect(() => declareSizes(Notation.defaults(), "H_k-1=2")).toThrow(/not NAME=integer/);
  });
});

describe("Sootla's w(f)_{m,n,d}: the filter's letter in parentheses is the kernel's first index", () => {
  it("the forward pass in that notation is learned, and the kernel gradient in it checked", () => {
    const d = derive(
      { input: [4, 5], kernel: [2, 3], op: "xcorr", indexBase: 1, inChannels: 2, outChannels: 3 },
      { checks: false },
    );
    const fwd = "$$z_{i,j,f} = \\sum_{m=1}^{2} \\sum_{q=1}^{3} \\sum_{d=1}^{2} x_{i+m-1,j+q-1,d} w(f)_{m,q,d}$$\n\n";
    const dW = (x: string) =>
      `$$\\frac{\\partial L}{\\partial w(f)_{m,q,d}} = \\sum_{a} \\sum_{b} \\frac{\\partial L}{\\partial z_{a,b,f}} x_{${x},d}$$`;
    const r = check(fwd + dW("a+m-1,b+q-1"), d, "auto");
    expect(r.map((x) => x.status)).toEqual(["definition", "holds"]);
    expect(r[1]!.details.join(" ")).toContain("is read as its first index");
    expect(check(fwd + dW("a+q-1,b+m-1"), d, "auto")[1]!.status).toBe("fails");
    // f(x)^2, with nothing below it and no layer above, is a function's value squared: not rewritten
    expect(one("y_{11} = f(x)^2").message).toContain("the activation's own values");
  });
});

describe("ShenJian's homework and Sánchez's thesis as written (held-out corpus 54, 56)", () => {
  it("an index shift learned from one copied row is dropped when the tensor's other rows contradict it", () => {
    // X 3×3, K 2×2, cross-correlation, 1-based: Y_11 = Z_11K_11 + Z_12K_12 + Z_21K_21 + Z_22K_22 and
    // Y_22 = Z_22K_11 + Z_23K_12 + Z_32K_21 + Z_33K_22. ∂Y_22/∂K_xy written with Y_11's expansion is a copying
    // slip (it would hold only with Y counted from 2, which the rows above contradict): it fails, and
    // ∂Y_22/∂K_11 = Z_22 holds
    const d = derive({ input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 1 }, { checks: false });
    const y11 = "Z^c_{11} * K^c_{11} + Z^c_{12} * K^c_{12} + Z^c_{21} * K^c_{21} + Z^c_{22} * K^c_{22}";
    const text = [
      `$$Y^c_{11} = ${y11}$$`,
      "$$Y^c_{22} = Z^c_{22} * K^c_{11} + Z^c_{23} * K^c_{12} + Z^c_{32} * K^c_{21} + Z^c_{33} * K^c_{22}$$",
      `$$\\frac{\\partial Y^c_{22}}{\\partial K^c_{xy}} = \\frac{\\partial (${y11})}{\\partial K^c_{xy}}$$`,
      "$$\\frac{\\partial Y^c_{22}}{\\partial K^c_{11}} = Z^c_{22}$$",
    ].join("\n\n");
    const r = check(text, d, "auto");
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "fails", "holds"]);
    expect(r.map((x) => x.message + x.details.join(" ")).join(" ")).not.toContain("start at 2");
  });
  it("Z^l_0[i,j]: a number below a tagged name with brackets after labels the name (the chain rules then read)", () => {
    // X 5×5, W 3×3, cross-correlation, 0-based: ∂L/∂W[m,n] = Σ_{i,j} ∂L/∂Z_0[i,j] ∂Z_0[i,j]/∂W[m,n], the chain
    // rule over the output Z^l_0 (the input Z^{l-1}); with ∂W[n,m] in the last factor it is ∂L/∂W[n,m]
    const d = derive({ input: [5, 5], kernel: [3, 3], op: "xcorr", indexBase: 0 }, { checks: false });
    const dx =
      "$$\\frac{\\partial L}{\\partial Z^{l-1}[p,q]} = \\sum_{i,j} \\frac{\\partial L}{\\partial Z^l_0[i,j]} \\cdot \\frac{\\partial Z^l_0[i,j]}{\\partial Z^{l-1}[p,q]}$$";
    const dw = (k: string) =>
      `$$\\frac{\\partial L}{\\partial W[m,n]} = \\sum_{i,j} \\frac{\\partial L}{\\partial Z^l_0[i,j]} \\cdot \\frac{\\partial Z^l_0[i,j]}{\\partial W[${k}]}$$`;
    const r = check([dx, dw("m,n"), dw("n,m")].join("\n\n"), d, "auto");
    expect(r.map((x) => x.status)).toEqual(["holds", "holds", "fails"]);
    expect(r[0]!.details.join(" ")).toContain("Z_0^{l} is the output");
  });
  it("a Σ with no index below it, over a formula in indices the left side does not fix, sums over those indices", () => {
    // X 4×4, W 2×2, cross-correlation, 0-based, a bias: y_ij = Σ_{m,n} w_mn x_{i+m,j+n} + b; δb = Σ_{ij} δy_ij
    const d = derive({ input: [4, 4], kernel: [2, 2], op: "xcorr", indexBase: 0, bias: true }, { checks: false });
    const r = check(
      [
        "$$y_{ij} = \\sum \\left( w_{mn} x_{i+m,j+n} \\right) + b$$",
        "$$y_{ij} = \\sum \\left( w_{mn} x_{i-m,j+n} \\right) + b$$",
        "$$\\delta b = \\sum \\delta y_{ij}$$",
        "$$\\delta b = \\sum \\delta Y$$",
      ].join("\n\n"),
      d,
      "auto",
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "fails", "holds", "holds"]);
    expect(r[0]!.details.join(" ")).toContain("a Σ that has no index below it");
    // the sum binds one factor: in Σ δy_ij x_{i+m,j+n} the x keeps i, j free — not read, not guessed
    expect(
      check("$$\\frac{\\partial J}{\\partial w_{mn}} = \\sum \\delta y_{ij} x_{i+m,j+n}$$", d, "auto")[0]!.status,
    ).toBe("skipped");
  });
  it("starred indices (w^*, h^{*}) are index names; a chain rule's name of the kernel's and the input's rank is learned only by a name that tells which", () => {
    // X 4×4, W 2×2, cross-correlation, 0-based: ∂J/∂w_{m*,n*} = Σ_{i,j} δy_ij x_{i+m*,j+n*}
    const d = derive({ input: [4, 4], kernel: [2, 2], op: "xcorr", indexBase: 0 }, { checks: false });
    const dw = (x: string) => `$$\\frac{\\partial J}{\\partial w_{m^*,n^{*}}} = \\sum_{i,j} \\delta y_{i,j} x_{${x}}$$`;
    expect(check(`${dw("i+m^*,j+n^*")}\n\n${dw("i+n^*,j+m^*")}`, d, "auto").map((x) => x.status)).toEqual([
      "holds",
      "fails",
    ]);
    // wangluchen's kernel is v: the chain rule ∂L/∂v = Σ ∂L/∂y ∂y/∂v says v is the input or the kernel, not which
    const chain = (a: string) =>
      `$$\\frac{\\partial L}{\\partial ${a}_{p,q}} = \\sum_{i,j} \\frac{\\partial L}{\\partial y_{i,j}} \\frac{\\partial y_{i,j}}{\\partial ${a}_{p,q}}$$`;
    const v = check(`${chain("v")}\n\n$$Y = V \\circledast X$$`, d, "auto");
    expect(v.map((x) => x.status)).toEqual(["skipped", "skipped"]);
    // an input's name (a) or a kernel's (k) settles it
    expect(check(chain("a"), d, "auto")[0]!.details.join(" ")).toContain("a is the input");
    expect(check(chain("k"), d, "auto")[0]!.details.join(" ")).toContain("k is the kernel");
  });
  it("σ'(X) on convgrad's own input letter: the document's X is a pre-activation, and its formulas in X are not read", () => {
    // ShenJian's Y = σ(X) makes X the convolution's output: Σ ∂L/∂X(i,j) is δb there, and Σ δx_ij is not
    const d = derive({ input: [5, 5], kernel: [3, 3], op: "xcorr", indexBase: 0, bias: true }, { checks: false });
    const db = "$$\\frac{\\partial L}{\\partial b} = \\sum_{i,j} \\frac{\\partial L}{\\partial X(i,j)}$$";
    const act = "$$\\frac{\\partial L}{\\partial X} = \\frac{\\partial L}{\\partial Y} \\odot \\sigma'(X)$$";
    const r = check(`${act}\n\n${db}`, d, "auto");
    expect(r.map((x) => x.status)).toEqual(["skipped", "skipped"]);
    expect(r[1]!.message).toContain("applies an activation to X (line 1");
    // without the activation, X is the layer's input: the sum of its gradients is not δb
    expect(check(db, d, "auto")[0]!.status).toBe("fails");
  });
});

describe("Sánchez's thesis: a pre-activation learned from a chain rule and its derivative (corpus 56)", () => {
  it("∂Z/∂A in a chain from the input Z, with ReLU'(A) written: A is the input's pre-activation", () => {
    // X 3×3, K 2×2, cross-correlation, 1-based, Z = f(A) the layer's input: ∂E/∂A_12 = (δY_11 K_12 + δY_12 K_11)
    // f'(A_12), ∂E/∂A_22 = (δY_11 K_22 + δY_12 K_21 + δY_21 K_12 + δY_22 K_11) f'(A_22); f'(A_22) under ∂E/∂A_23 fails
    const d = derive({ input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 1 }, { checks: false });
    const fwd = "$$Y^c_{11} = Z^c_{11} * K^c_{11} + Z^c_{12} * K^c_{12} + Z^c_{21} * K^c_{21} + Z^c_{22} * K^c_{22}$$";
    const chain =
      "$$\\frac{\\partial E}{\\partial A^c_{11}} = \\sum_{i=1}^{2}\\sum_{j=1}^{2} \\frac{\\partial E}{\\partial Y^c_{ij}} * \\frac{\\partial Y^c_{ij}}{\\partial Z^c_{11}} * \\frac{\\partial Z^c_{11}}{\\partial A^c_{11}}$$";
    const dy = (e: string) => `\\frac{\\partial E}{\\partial Y^c_{${e}}}`;
    const a12 = `$$\\frac{\\partial E}{\\partial A^c_{12}} = (${dy("11")} * K^c_{12} + ${dy("12")} * K^c_{11}) * ReLU'(A^c_{12})$$`;
    const a2 = (at: string, f: string) =>
      `$$\\frac{\\partial E}{\\partial A^c_{${at}}} = (${dy("11")} * K^c_{22} + ${dy("12")} * K^c_{21} + ${dy("21")} * K^c_{12} + ${dy("22")} * K^c_{11}) * ReLU'(A^c_{${f}})$$`;
    const r = check([fwd, chain, a12, a2("22", "22"), a2("22", "21")].join("\n\n"), d, "auto");
    expect(r.slice(2).map((x) => x.status)).toEqual(["holds", "holds", "fails"]);
    expect(r[1]!.message).toContain("A^{c} is the input's pre-activation");
    // the link alone (no f'(A) anywhere) or f'(A) alone (no link from the input) does not say whose argument A is
    expect(check([fwd, chain].join("\n\n"), d, "auto")[1]!.message).not.toContain("pre-activation");
    expect(check([fwd, a12].join("\n\n"), d, "auto")[1]!.status).toBe("skipped");
  });
});

describe("Lopanov's gan-go page: a forward pass that fails still names its kernel (corpus 58)", () => {
  it("y = b + Σ x·k with k a kernel's name of the kernel's rank: k is the kernel, the forward pass a claim", () => {
    // X 4×4, W 2×2, cross-correlation, 0-based, a bias: Σ_{m=1}^{2} Σ_{n=1}^{2} reads w past the kernel's last row
    // (y_ij = b + w_11 x_{i+1,j+1} only): it fails; δw_mn = Σ_ij δy_ij x_{i+m,j+n} holds
    const d = derive({ input: [4, 4], kernel: [2, 2], op: "xcorr", indexBase: 0, bias: true }, { checks: false });
    const fwd = (k: string) => `$$y_{i,j} = b + \\sum_{m=1}^{2} \\sum_{n=1}^{2} x_{i+m,j+n} \\cdot ${k}_{m,n}$$`;
    const grad = (k: string, x: string) =>
      `$$\\frac{\\partial L}{\\partial ${k}_{m,n}} = \\sum_{i,j} \\frac{\\partial L}{\\partial y_{i,j}} x_{${x}}$$`;
    const r = check([fwd("k"), grad("k", "i+m,j+n"), grad("k", "i+n,j+m")].join("\n\n"), d, "auto");
    expect(r.map((x) => x.status)).toEqual(["fails", "holds", "fails"]);
    // a name that is not a kernel's (v), or of another rank (k_m), is not bound
    expect(check([fwd("v"), grad("v", "i+m,j+n")].join("\n\n"), d, "auto")[1]!.status).toBe("skipped");
    const k1 = "$$y_{i,j} = b + \\sum_{m=1}^{2} x_{i+m,j} \\cdot k_{m}$$";
    expect(check([k1, grad("k", "i+m,j+n")].join("\n\n"), d, "auto")[1]!.status).toBe("skipped");
  });
});

describe("CANN's ConvolutionBackward README as written (held-out corpus 60)", () => {
  it("s_H, s_W (and p_H, d_W) are the stride (padding, dilation) along the height and the width", () => {
    // X 5×8, W 2×3, stride 2, cross-correlation, 0-based: ∂L/∂w_{p,q} = Σ_{i,j} δy_{i,j} x_{i·2+p, j·2+q}
    const d = derive({ input: [5, 8], kernel: [2, 3], op: "xcorr", indexBase: 0, stride: [2, 2] }, { checks: false });
    const dw = (x: string) =>
      `$$\\frac{\\partial J}{\\partial w_{p,q}} = \\sum_{i} \\sum_{j} \\delta y_{i,j} x_{${x}}$$`;
    const r = check([dw("i s_H + p, j s_W + q"), dw("i s_W + p, j s_H + q + 1")].join("\n\n"), d, "auto");
    expect(r.map((x) => x.status)).toEqual(["holds", "fails"]);
  });
});

describe("Paudel's CUDA notes as written (held-out corpus 61)", () => {
  // X 2×4×4 (channels first), W 2×2×3×3, cross-correlation, 0-based: Y[m,h,w] = Σ_{c,p,q} W[m,c,p,q] X[c,h+p,w+q]
  const d = derive(
    { input: [4, 4], kernel: [3, 3], op: "xcorr", indexBase: 0, inChannels: 2, outChannels: 2 },
    { checks: false },
  );
  it("h_\\text{out} is a name as h_{out} is; an index item in parentheses inside brackets is read", () => {
    const fwd = (x: string) =>
      `$$Y[m, h_\\text{out}, w_\\text{out}] = \\sum_{c=0}^{C-1} \\sum_{p=0}^{K-1} \\sum_{q=0}^{K-1} W[m, c, p, q] \\cdot X[c, ${x}]$$`;
    const r = check(
      [fwd("(h_\\text{out} + p), (w_\\text{out} + q)"), fwd("(h_\\text{out} + q), (w_\\text{out} + p)")].join("\n\n"),
      d,
      "auto",
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "fails"]);
  });
  it("an index on a named side only, tied by a relation stated right before (p = h − h′), is read with it", () => {
    // ∂Y[m,h',w']/∂X[c,h,w] = W[m,c,h−h',w−w'] (zero outside the kernel); with p = h − h', q = w − w' stated
    // before it, W[m,c,p,q] is that; with nothing stated, p and q are any values and it fails
    const local = "$$\\frac{\\partial Y[m, h', w']}{\\partial X[c, h, w]} = W[m,c,p,q]$$";
    const rel = "So $p = h - h^\\prime$ and $q= w - w^\\prime$.\n\n";
    const tiedR = check(rel + local, d, "auto");
    expect(tiedR.map((x) => x.status)).toEqual(["skipped", "skipped", "holds"]);
    expect(tiedR[2]!.details.join(" ")).toContain("as the document states");
    expect(check(local, d, "auto")[0]!.status).not.toBe("holds");
    // a relation that ties them the wrong way round fails
    expect(check("So $p = h' - h$ and $q= w' - w$.\n\n" + local, d, "auto")[2]!.status).toBe("fails");
  });
});

describe("Charmve's course book as written (held-out corpus 62)", () => {
  it("net_{o_{11}}: a word below a name with its own number below it is the name's label and the entry's index", () => {
    // X 3×3, W 2×2, cross-correlation, 1-based, no bias: net_o at 12 = i_12 h_11 + i_13 h_12 + i_22 h_21 + i_23 h_22
    const d = derive({ input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 1 }, { checks: false });
    const row = (at: string, i: string[]) =>
      `$$net_{o_{${at}}} = i_{${i[0]}} h_{11} + i_{${i[1]}} h_{12} + i_{${i[2]}} h_{21} + i_{${i[3]}} h_{22}$$`;
    const r = check(
      [
        row("11", ["11", "12", "21", "22"]),
        row("12", ["12", "13", "22", "23"]),
        row("21", ["12", "13", "22", "23"]),
      ].join("\n\n"),
      d,
      "auto",
    );
    // (one of the two right rows teaches the names, the other then holds)
    expect(r.map((x) => x.status).sort()).toEqual(["definition", "fails", "holds"]);
    expect(r[2]!.status).toBe("fails");
    expect(r.find((x) => x.status === "definition")!.message).toContain("Y = net_o");
  });
});

describe("Charmve's chain rules: a name standing where the chain had ∂E/∂y (held-out corpus 62)", () => {
  it("δ_{11} in the place of ∂E/∂net_{o_{11}}, at the same numbers, is the output gradient; the whole chain is checked", () => {
    // X 3×3, W 2×2, cross-correlation, 1-based: ∂E/∂x_12 = δy_11 w_12 + δy_12 w_11
    const d = derive({ input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 1 }, { checks: false });
    const p = (o: string) => `\\frac{∂E}{∂y_{${o}}}⋅\\frac{∂y_{${o}}}{∂x_{12}}`;
    const chain = (rest: string, first = `${p("11")}+${p("12")}`) => `$$\\frac{∂E}{∂x_{12}}=${first}=${rest}$$`;
    const r = check(chain("δ_{11}⋅w_{12}+δ_{12}⋅w_{11}"), d, "auto")[0]!;
    expect(r.status).toBe("holds");
    expect(r.details.join(" ")).toContain("in the place of");
    expect(check(chain("δ_{11}⋅w_{11}+δ_{12}⋅w_{12}"), d, "auto")[0]!.status).toBe("fails");
    // the first link is checked too: a wrong chain before a right sum fails (δ learned from the chain before it;
    // in this one δ_{12} stands where ∂E/∂y_{21} was, so it teaches nothing)
    const both = [chain("δ_{11}⋅w_{12}+δ_{12}⋅w_{11}"), chain("δ_{11}⋅w_{12}+δ_{12}⋅w_{11}", `${p("11")}+${p("21")}`)];
    expect(check(both.join("\n\n"), d, "auto").map((x) => x.status)).toEqual(["holds", "fails"]);
    // δ_{12} where the chain had ∂E/∂y_{11}: the places disagree, nothing is learned
    expect(check(chain("δ_{12}⋅w_{12}+δ_{11}⋅w_{11}"), d, "auto")[0]!.status).toBe("skipped");
  });
});

describe("Stnamjef's page as written (held-out corpus 64)", () => {
  it("the output from the input alone, with no kernel in it, is another layer's (average pooling): skipped, never failed", () => {
    // X 5×5, W 3×3, cross-correlation, 0-based, a bias; the pooling layer's z^l = 1/(m×n) Σ a^{l-1} is not this
    // layer's z^l = Σ w^l a^{l-1} + b^l (the page names both layers' output z^l)
    const d = derive({ input: [5, 5], kernel: [3, 3], op: "xcorr", indexBase: 0, bias: true }, { checks: false });
    const pool = "$$z^l_{ij} = \\frac{1}{m \\times n} \\sum^{m-1}_{x=0}\\sum^{n-1}_{y=0} a^{l-1}_{x+i, \\ y+j}$$";
    const conv = "$$z^l_{ij} = \\sum^{m-1}_{x=0} \\sum^{n-1}_{y=0} w^l_{xy} a^{l-1}_{i+x, \\ j+y} + b^l$$";
    const r = check(`${pool}\n\n${conv}`, d, "auto");
    expect(r.map((x) => x.status)).toEqual(["skipped", "definition"]);
    expect(r[0]!.message).toContain("no kernel entry");
    // with the kernel left out of a formula that has the bias, it is this layer's, and fails
    const noW = "$$z^l_{ij} = \\sum^{m-1}_{x=0} \\sum^{n-1}_{y=0} a^{l-1}_{i+x, \\ j+y} + b^l$$";
    expect(check(`${conv}\n\n${noW}`, d, "auto")[1]!.status).toBe("fails");
    // a worked example with the kernel's values put in is true for those values: not failed either
    const numbers = check("$$y_{00} = 2 x_{00} + x_{01} - x_{10} + 3 x_{11}$$", d, "auto")[0]!;
    expect(numbers.status).toBe("skipped");
    expect(numbers.message).toContain("the kernel's values put in");
  });
  it("\\begin {align} with a space before its brace is the environment", () => {
    const d = derive({ input: [5, 5], kernel: [3, 3], op: "xcorr", indexBase: 0, bias: true }, { checks: false });
    const r = check(
      "$$\n\\begin {align}\n\\delta b &= \\sum_{i=0}^{2} \\sum_{j=0}^{2} \\delta y_{ij} \\\\\n\\end {align}\n$$",
      d,
      "auto",
    );
    expect(r.map((x) => x.status)).toEqual(["holds"]);
  });
});

describe("Jaumier's post as written (held-out corpus 65): the summation convention stated in words", () => {
  it('after "Using the Einstein convention", an index repeated on one side and free on the other is summed', () => {
    // X 4×4, W 2×2, cross-correlation, 1-based: dw_mn = Σ_ij dy_ij ∂y_ij/∂w_mn holds; with ∂y_ji it fails
    const d = derive({ input: [4, 4], kernel: [2, 2], op: "xcorr", indexBase: 1 }, { checks: false });
    const dw = (y: string) => `$$dw_{mn} = dy_{ij}\\cdot\\frac{\\partial y_{${y}}}{\\partial w_{mn}}$$`;
    const said = "Using the Einstein convention (an index variable appearing twice in a product is summed):";
    const r = check([said, dw("ij"), dw("ji")].join("\n\n"), d, "auto");
    expect(r.map((x) => x.status)).toEqual(["holds", "fails"]);
    expect(r[0]!.details.join(" ")).toContain("the document states the summation convention (line 1");
    // not stated, stated as not used, or stated only after: a hint, not a verdict
    for (const text of [dw("ij"), `We do not use the Einstein convention.\n\n${dw("ij")}`, `${dw("ij")}\n\n${said}`])
      expect(check(text, d, "auto")[0]!.status).toBe("skipped");
  });
});

describe("Chabot's Deep-ML page as written (held-out corpus 66): a channel axis of size 1 left out", () => {
  it("X[p+i,q+j] of a one-channel input and W[i,j,k] of a one-channel kernel read with that axis at its one index", () => {
    // X 3×3 (1 channel), W 2 filters of 2×2, cross-correlation, 0-based, a bias per filter:
    // Z[p,q,k] = Σ_{i,j} X[p+i,q+j] W[i,j,k] + b[k]; ∂L/∂W_{i,j,k} = Σ_{p,q} ∂L/∂Z_{p,q,k} X_{p+i,q+j}
    const d = derive(
      { input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 0, bias: true, inChannels: 1, outChannels: 2 },
      { checks: false },
    );
    const fwd = "$$Z^c[p, q, k] = \\sum_{i, j} X[p+i, q+j] \\cdot W^c[i, j, k] + b^c[k]$$";
    const dw = (x: string) =>
      `$$\\frac{\\partial \\mathcal{L}}{\\partial W^c_{i,j,k}} = \\sum_{p,q} \\frac{\\partial \\mathcal{L}}{\\partial Z^c_{p,q,k}} \\cdot X_{${x}}$$`;
    const r = check([fwd, dw("p+i,q+j"), dw("p+j,q+i")].join("\n\n"), d, "auto");
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "fails"]);
    expect(r[0]!.message).toContain("an axis of size 1 it leaves out");
    // with two input channels the channel is not of size 1: X[p+i,q+j] names no entry, nothing is learned
    const two = derive(
      { input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 0, bias: true, inChannels: 2, outChannels: 2 },
      { checks: false },
    );
    expect(check([fwd, dw("p+i,q+j")].join("\n\n"), two, "auto").map((x) => x.status)).not.toContain("holds");
  });
});

describe("Piseno's post as written (corpus 38): a chain-rule sum over a tensor's entries", () => {
  it("Σ_{p ∈ y} ∂L/∂p ∂p/∂w[a′,b′]: p is each entry of y", () => {
    // X 4×4, W 3×2, cross-correlation, 0-based: ∂L/∂w = Σ over the outputs p of ∂L/∂p ∂p/∂w holds; over the inputs
    // (∂x/∂w = 0) it is 0 and fails; over a set that is not a tensor (R_{r′,c′}, said in words) it is not read
    const d = derive({ input: [4, 4], kernel: [3, 2], op: "xcorr", indexBase: 0 }, { checks: false });
    const dw = (set: string) =>
      `$$\\frac{\\partial L}{\\partial \\mathbf{w}[a', b']} = \\sum_{p \\in ${set}} \\frac{\\partial L}{\\partial p} \\frac{\\partial p}{\\partial \\mathbf{w}[a', b']}$$`;
    const r = check([dw("\\mathbf{y}"), dw("\\mathbf{x}"), dw("\\mathbf{R}_{a', b'}")].join("\n\n"), d, "auto");
    expect(r.map((x) => x.status)).toEqual(["holds", "fails", "skipped"]);
    expect(r[0]!.details.join(" ")).toContain("as each entry of it");
  });
});

describe("Leon's rows as written (held-out corpus 71): ranges beside a formula, and σ′ set to 1", () => {
  // X 5×5, W 3×3, cross-correlation, 0-based: δx_{0,1} = δy_{0,1} w_{0,0} + δy_{0,0} w_{0,1};
  // δx_{1,2} = Σ_{i ∈ [0,1], j ∈ [0,2]} δy_{i,j} w_{1−i,2−j} (every term there is inside the kernel)
  const d = derive({ input: [5, 5], kernel: [3, 3], op: "xcorr", indexBase: 0 }, { checks: false });
  const rows = (range12: string) =>
    [
      "$$",
      "\\begin{align}",
      "&\\delta x_{0,1} =\\delta y_{0,1}w_{0,0} + \\delta y_{0,0}w_{0,1} &i \\in [0,0],j \\in [0,1] \\\\",
      `&\\delta x_{1,2} = \\sum_{i} \\sum_{j} \\delta y_{i,j} w_{1-i,2-j} &${range12} \\\\`,
      "\\end{align}",
      "$$",
    ].join("\n");
  it("a range of a name the formula does not use says nothing; ranges that bound its bare sums are read as their bounds", () => {
    // the right ranges hold; wrong ones (j ∈ [0,1] leaves out δy_{0,2} w_{1,0} and δy_{1,2} w_{0,0}) fail — never held
    // with the ranges dropped (before they were read, the row was skipped either way)
    const right = check(rows("i \\in [0,1],j \\in [0,2]"), d, "auto");
    expect(right.map((x) => x.status)).toEqual(["holds", "holds"]);
    expect(right[1]!.details.join(" ")).toContain("read with the ranges written beside it (i \\in [0,1],j \\in [0,2])");
    const wrong = check(rows("i \\in [0,1],j \\in [0,1]"), d, "auto");
    expect(wrong.map((x) => x.status)).toEqual(["holds", "fails"]);
  });
  it("after σ′(z) = 1, a formula failing with σ′ a symbol is read with σ′ = 1 and δ = ∂E/∂z the input's gradient", () => {
    const defs = [
      "$$z^{l}_{x,y} = \\sum_{m}\\sum_{n} w_{m,n} a_{x+m,y+n}$$",
      "$$a_{x,y} = \\sigma(z^{l-1}_{x,y})$$",
      "$$\\delta^{l}_{x,y} = \\frac{\\partial C}{\\partial z^{l}_{x,y}}$$",
    ].join("\n\n");
    const row = (dx: string) => `$$\\delta^{l-1}_{0,1} = ${dx}$$`;
    const right = "\\delta^{l}_{0,1}w_{0,0} + \\delta^{l}_{0,0}w_{0,1}";
    const wrong = "\\delta^{l}_{0,1}w_{0,1} + \\delta^{l}_{0,0}w_{0,0}";
    const unit = "$$\\sigma'(z^{l-1}_{x,y}) = 1$$";
    const r = check([defs, row(right), unit, row(right), row(wrong)].join("\n\n"), d, "auto").filter((x) =>
      x.source.startsWith("\\delta^{l-1}_{0,1}"),
    );
    // before the statement σ′ is a symbol (the row leaves it out: fails); after it, the right row holds, the wrong one fails
    expect(r.map((x) => x.status)).toEqual(["fails", "holds", "fails"]);
    expect(r[1]!.details.join(" ")).toContain("read with the activation's derivative 1, as line");
    // a case of the derivative (ReLU′ is 1 where z > 0) or its value at a number sets nothing: the row after it,
    // without σ′, still fails
    for (const said of [
      "$$\\sigma'(z^{l-1}_{x,y}) = 1 \\quad \\text{if } z^{l-1}_{x,y} > 0$$",
      "$$\\sigma'(0) = 1$$",
    ]) {
      const t = check([defs, said, row(right)].join("\n\n"), d, "auto").filter((x) =>
        x.source.startsWith("\\delta^{l-1}_{0,1}"),
      );
      expect(t.map((x) => x.status)).toEqual(["fails"]);
    }
  });
});

describe("an operator the document defines by its entries, used where its result has another size (corpus 71)", () => {
  it("is not failed for a size its definition does not fix (full or valid)", () => {
    // X 4×4, W 2×2, cross-correlation, 0-based; (I * K)_{ij} = Σ I(i−m, j−n) K(m, n) read as the full true
    // convolution: X * W is 5×5 where Y is 3×3 — the definition does not say which output range it means
    const d = derive({ input: [4, 4], kernel: [2, 2], op: "xcorr", indexBase: 0 }, { checks: false });
    const def = "$$(I * K)_{ij} = \\sum_{m=0}^{1} \\sum_{n=0}^{1} I(i-m, j-n) K(m, n)$$";
    const r = check(`${def}\n\n$$Y = X * W$$`, d, "auto");
    expect(r.map((x) => x.status)).toEqual(["definition", "skipped"]);
    expect(r[1]!.message).toContain("does not say its output's range");
  });
});

describe("a lower-case letter without an index (hifreedo's ∂L/∂w = ∂L/∂y * ∂y/∂w, w the whole kernel)", () => {
  it("is skipped with how to write it, never failed: convgrad cannot tell an entry of w from its matrix", () => {
    const r = one(
      "\\frac{\\partial L}{\\partial w} = \\frac{\\partial L}{\\partial y} * \\frac{\\partial y}{\\partial w}",
    );
    expect(r.status).toBe("skipped");
    expect(r.message).toContain("w needs an index (W is 2×2): an entry, or write W for the whole matrix");
    // where the rest of the formula makes it a matrix, it is read as one and judged (ΔW = ΔY * X is not the rule)
    expect(one("\\frac{\\partial L}{\\partial w} = \\frac{\\partial L}{\\partial y} * x").status).toBe("fails");
  });
});

describe("Tang and Wu's notes as written (held-out corpus 75): a kernel's offsets counted from 0 in a 1-based example", () => {
  // X 3×3, F 2×2, cross-correlation, 1-based as the worked example (F_{11} meets X_{11} in O_{11}); the general
  // formulas' sums run m, n = 0 … k−1, so there F_{m,n} is the kernel's entry (m+1, n+1)
  const spec = { input: [3, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 1 };
  const d = derive(spec, { checks: false });
  const fwd = "$$ O_{i,j} = \\sum_{m=0}^{k-1} \\sum_{n=0}^{k-1} F_{m,n} \\cdot X_{i+m,\\,j+n} $$\n\n";
  const rest = [
    // ∂O_{i,j}/∂F_{p,q} = X_{i+p,j+q} with p, q offsets from 0: true; X_{i+p-1,j+q-1} then is one off
    "$$ \\frac{\\partial O_{i, j}}{\\partial F_{p, q}} = X_{i + p, j + q} $$",
    "$$ \\frac{\\partial O_{i, j}}{\\partial F_{p, q}} = X_{i + p - 1, j + q - 1} $$",
    // the example's F_{11} is the first entry: δX_{11} = δO_{11} F_{11} holds, with F_{22} it fails
    "$$\\frac{\\partial L}{\\partial X_{11}} = \\frac{\\partial L}{\\partial O_{11}} \\cdot F_{11}$$",
    "$$\\frac{\\partial L}{\\partial X_{11}} = \\frac{\\partial L}{\\partial O_{11}} \\cdot F_{22}$$",
  ].join("\n\n");
  const run = (text: string) =>
    verifyDocument(spec, { file: "t.md", text, mode: "auto" }, { points: 3, fixed: { op: true, indexBase: true } });
  it("Σ_{m=0}^{k-1} F_{m,n} in a layer fixed to 1: the offsets count from 0 in index notation only, said so", () => {
    const r = run(fwd + rest);
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "fails", "holds", "fails"]);
    expect(r[0]!.message).toContain("F's offsets in index notation count from 0");
  });
  it("not learned without sums that start at 0: implied ranges or 1 … k leave the forward pass unread", () => {
    for (const f of [
      "$$ O_{i,j} = \\sum_{m,n} F_{m,n} X_{i+m,j+n} $$\n\n",
      "$$ O_{i,j} = \\sum_{m=1}^{k} \\sum_{n=1}^{k} F_{m,n} X_{i+m,j+n} $$\n\n",
    ]) {
      const r = run(f + rest);
      expect(r[0]!.status).not.toBe("definition");
      expect(r.slice(1).map((x) => x.status)).toEqual(["skipped", "skipped", "skipped", "skipped"]);
    }
  });
  it("a kernel entry one step outside the kernel, read as 0, never makes a failure: skipped with the base to try", () => {
    // δx_{i,j} = Σ_{m=0}^{1} Σ_{n=0}^{1} δy_{i-m,j-n} w_{m,n} holds with w counted from 0; read from 1, w_{0,n} is outside
    const r = check("\\delta x_{i,j} = \\sum_{m=0}^{1} \\sum_{n=0}^{1} \\delta y_{i-m,j-n} w_{m,n}", d);
    expect(r[0]!.status).toBe("skipped");
    expect(r[0]!.message).toContain("--index-base 0");
    // inside the kernel, the same slip in the input's index still fails
    expect(check("\\delta x_{i,j} = \\sum_{m=1}^{2} \\sum_{n=1}^{2} \\delta y_{i-m,j-n} w_{m,n}", d)[0]!.status).toBe(
      "fails",
    );
  });
  it("an index on a named side tied in words the reader does not take is not read as free (every value): no verdict", () => {
    // ∂y_{i,j}/∂x_{p,q} = w_{m,n} "where m = p − i": read with m, n free it would claim every w_{m,n}
    expect(check("\\frac{\\partial y_{i,j}}{\\partial x_{p,q}} = w_{m,n}", d)[0]!.status).toBe("skipped");
    // with the relations stated beside it (spacing before the second), it is read with them, and holds
    const tied = check(
      "$$\\frac{\\partial y_{i,j}}{\\partial x_{p,q}} = w_{m,n} \\quad \\text{where} \\quad m = p - i + 1,\\; n = q - j + 1$$",
      d,
      "auto",
    );
    expect(tied[0]!.status).toBe("holds");
    expect(tied[0]!.details.join(" ")).toContain("as the document states");
  });
});

describe("glenzli's appendix as written (held-out corpus 77): an operator defined between A and B", () => {
  it("(A * B)_{i,j} = Σ A_{i-m,j-n} B_{m,n} defines * (B is no bias here: nothing convolves one), and its uses read so", () => {
    // X 4×5, k 2×3, cross-correlation, 0-based: ΔX is the full true convolution of δ with k (by hand: δx_{a,b} =
    // Σ δ_{a-m,b-n} k_{m,n}); with rot180(k) it is the full cross-correlation instead, which differs
    const d = derive({ input: [4, 5], kernel: [2, 3], op: "xcorr", indexBase: 0 }, { checks: false });
    const text = [
      "$$ y_{i,j} = \\sum_{m} \\sum_{n} x_{i+m, j+n} \\cdot k_{m,n} $$",
      "$$ (A * B)_{i,j} = \\sum_{m} \\sum_{n} A_{i-m, j-n} \\cdot B_{m,n} $$",
      "$$ \\delta_{i,j} = \\frac{\\partial \\mathcal{L}}{\\partial y_{i,j}} $$",
      "$$ \\nabla_x \\mathcal{L} = \\delta * k $$",
      "$$ \\nabla_x \\mathcal{L} = \\delta * \\text{rot180}(k) $$",
    ].join("\n\n");
    const r = check(text, d, "auto");
    expect(r.map((x) => x.status)).toEqual(["definition", "definition", "definition", "holds", "fails"]);
    expect(r[1]!.message).toContain("* is true convolution (full)");
  });
});

describe("zxRobot's LeNet notes as written (held-out corpus 81): a chain after a definition, read link by link", () => {
  it("δ^l = ∂C/∂z^l = (a Jacobian) = δ^{l+1} * rot180(W^{l+1}): a link that differs from the left side fails the chain", () => {
    // X 3×3, W 2×2, cross-correlation, 1-based, a bias; a^l = σ(z^l), so δ^l = ∂C/∂z^l is ΔX ⊙ σ′(z^l) (by hand:
    // the full correlation of the padded δ^{l+1} with the rotated kernel, times σ′) — without σ′ the link is not it
    const d = derive({ input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 1, bias: true }, { checks: false });
    const chain = (last: string) =>
      [
        "$$a^l=\\sigma(z^l)=\\sigma(a^{l-1}*W^l+b^l)$$",
        "$$z^{l+1}=a^l*W^{l+1}+b$$",
        `$$\\delta^l=\\frac{\\partial C}{\\partial z^l}=\\frac{\\partial C}{\\partial z^{l+1}}\\frac{\\partial z^{l+1}}{\\partial z^l}=${last}$$`,
      ].join("\n\n");
    const wrong = check(chain("pad(\\delta^{l+1}, 1)*rot180(W^{l+1})"), d, "auto")[2]!;
    expect(wrong.status).toBe("fails");
    expect(wrong.message).toContain("link 3");
    // with σ′ the last link is right: the chain stays the definition it starts with (its Jacobian is not read)
    const right = check(chain("pad(\\delta^{l+1}, 1)*rot180(W^{l+1}) \\odot \\sigma'(z^l)"), d, "auto")[2]!;
    expect(right.status).toBe("definition");
  });
});

describe("Lee's Toeplitz chapter and Dou's post as written (held-out corpora 80, 50): a bare T is a name", () => {
  it("T not after ^ names a matrix or a size (y = T x, T := …); W^T and W^{T} stay transposes", () => {
    const r = check(
      "$$\\mathbf{y} = \\mathbf{T} \\mathbf{x}$$\n\n$$\\frac{\\partial L}{\\partial \\mathbf{x}} = \\mathbf{T}^T \\frac{\\partial L}{\\partial \\mathbf{y}}$$",
      undefined,
      "auto",
    );
    expect(r.map((x) => x.status)).toEqual(["skipped", "skipped"]);
    for (const x of r) expect(x.message).toContain("T is not a tensor of this layer");
    // on the lecture's layer, (W^T)^T = W and W^{T} read as transposes still
    expect(one("Y = X * (W^T)^T").status).toBe("holds");
    expect(one("Y = X * W^{T}").status).toBe("fails");
  });
});

describe("Golan's lecture as written (held-out corpus 82): ⊙ between two written matrices of different sizes", () => {
  it("is no element-wise product, so not a verdict; a computed operand of the wrong size still fails", () => {
    // the lecture's layer: X 3×3, W 2×2 — x ⊙ w = h with the rows after it spelling out the sliding dot product
    const written = one(
      "\\begin{bmatrix} x_{11} & x_{12} & x_{13} \\\\ x_{21} & x_{22} & x_{23} \\\\ x_{31} & x_{32} & x_{33} \\end{bmatrix} \\odot \\begin{bmatrix} w_{11} & w_{12} \\\\ w_{21} & w_{22} \\end{bmatrix} = Y",
    );
    expect(written.status).toBe("skipped");
    expect(written.message).toContain("no element-wise product joins");
    expect(one("Y = X \\odot W").status).toBe("skipped");
    // (ΔY * Rot180(W)) is 1×1 (valid) or 3×3 (full) and ⊙ X is no ΔX either way: a failure
    expect(one("\\Delta X = (\\Delta Y * Rot180(W)) \\odot X").status).toBe("fails");
  });
});

describe("Golan's backward pass as written (held-out corpus 82): ∂w_{11} for ∂L/∂w_{11}", () => {
  it("∂ before a name outside a fraction is the loss's derivative by it; a swapped entry still fails; ∂y/∂x is untouched", () => {
    // the lecture's layer (true convolution, 1-based): δw_{11} = δy_{11}x_{22} + δy_{12}x_{23} + δy_{21}x_{32} + δy_{22}x_{33}
    const row = (last: string) =>
      `\\partial w_{11} = \\partial y_{11}x_{22} + \\partial y_{12}x_{23} + \\partial y_{21}x_{32} + \\partial y_{22}x_{${last}}`;
    expect(one(row("33")).status).toBe("holds");
    expect(one(row("32")).status).toBe("fails");
    expect(one("\\partial y_{11} / \\partial x_{11} = w_{22}").status).toBe("holds");
    expect(one("\\frac{\\partial y_{11}}{\\partial x_{11}} = w_{22}").status).toBe("holds");
  });
});

describe("aaumar's post as written (held-out corpus 84): X_{11,}", () => {
  it("a comma closing a one-item subscript is a typo read as nothing, and said; the item reads as written alone", () => {
    // the lecture's layer (true convolution, 1-based): ∂y_{11}/∂w_{11} = x_{22}; x_{11,} would be x_{11}, which fails
    const right = one("\\frac{\\partial y_{11}}{\\partial w_{11}} = x_{22,}");
    expect(right.status).toBe("holds");
    expect(right.details.join(" ")).toContain("a comma that ends a subscript");
    expect(one("\\frac{\\partial y_{11}}{\\partial w_{11}} = x_{11,}").status).toBe("fails");
  });
});

describe("Jermmy's post as written (held-out corpus 87): z = z^{l}, a = a^{l-1} stated; w^{l}, b^{l} by the output's tag", () => {
  // X 3×3, W 2×2, cross-correlation, 1-based, a bias: by hand ∂C/∂W = a ⋆ δ (valid), ∂C/∂b = Σ δ (a number)
  const d = derive({ input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 1, bias: true }, { checks: false });
  const rows = [
    "$$z_{11} = a_{11}w_{11} + a_{12}w_{12} + a_{21}w_{21} + a_{22}w_{22} + b$$",
    "$$z_{12} = a_{12}w_{11} + a_{13}w_{12} + a_{22}w_{21} + a_{23}w_{22} + b$$",
  ].join("\n\n");
  // (with a^{l-1} = σ(z^{l-1}) the document writes z for two layers: only the statements and the tag say which)
  const said =
    "即 $z=z^{l}$，$a=a^{l-1}$。误差项 $\\delta^{l}=\\frac{\\partial C}{\\partial z^{l}}$，$a^{l-1}=\\sigma(z^{l-1})$。";
  const claims = [
    "$$\\frac{\\partial C}{\\partial w^l}=a^{l-1}*\\delta^l$$",
    "$$\\frac{\\partial C}{\\partial w^l}=a^{l-1}*rot180(\\delta^l)$$",
    "$$\\frac{\\partial C}{\\partial b^l}=\\delta^l$$",
  ].join("\n\n");
  it("read as the document states them: the kernel's gradient holds, its rotated slip and ∂C/∂b = δ fail", () => {
    const r = check([rows, said, claims].join("\n\n"), d, "auto");
    const last = r.slice(-3);
    expect(last.map((x) => x.status)).toEqual(["holds", "fails", "fails"]);
    expect(last[0]!.details.join(" ")).toContain("w^{l} is read as the layer's kernel w");
    expect(r.find((x) => x.source === "z=z^{l}")?.message).toContain("z^{l} names z (output), as the document states");
  });
  it("without the statements nothing says which layer z^{l} is: skipped", () => {
    const r = check([rows, claims].join("\n\n"), d, "auto").slice(-3);
    expect(r.map((x) => x.status)).toEqual(["skipped", "skipped", "skipped"]);
  });
});

describe("a source's ∗ on a dilated layer (Agrawal's post, whose stored copy lost its operators: not in the corpus)", () => {
  it("W ∗ X = Y reads the kernel dilated by the layer's dilation when that holds, said; convgrad's own * does not", () => {
    // X 4×4, W 2×2, dilation 2, cross-correlation: Y = X ⋆ dilate(W, 2) (by hand, y_{11} = w_{11}x_{11} + w_{12}x_{13} + …)
    const d = derive({ input: [4, 4], kernel: [2, 2], op: "xcorr", indexBase: 1, dilation: [2, 2] }, { checks: false });
    const r = one("W \\ast X = Y", d);
    expect(r.status).toBe("holds");
    expect(r.details.join(" ")).toContain("the kernel dilated by the layer's 2x2");
    expect(one("Y = X * W", d).status).toBe("fails");
    expect(one("W \\ast \\mathrm{rot180}(X) = Y", d).status).toBe("fails");
  });
});

describe("a product named whole, its entries given right after (the LMU lab: Y = K*X … and elements y_{ij} = Σ …)", () => {
  // X 3×3, K 2×2, cross-correlation, 1-based; by hand: y_{ij} = Σ_{m,n=1}^{2} x_{i+m-1,j+n-1} k_{mn} is the layer's
  // forward pass (K slides over X), which convgrad writes X ⋆ K; its own K * X on this layer is Rot180 of that
  const d = derive({ input: [3, 3], kernel: [2, 2], op: "xcorr", indexBase: 1 }, { checks: false });
  const verify = (text: string, roles?: string) =>
    verifyInput(
      d,
      { file: "t.md", text, mode: "auto" },
      { points: 3, ...(roles ? { notation: declareRoles(Notation.defaults(), roles) } : {}) },
    );
  const named = (entries: string) =>
    `The result is $\\mathbf{Y} = \\mathbf{K} * \\mathbf{X}$ with elements\n\n$$y_{ij} = \\sum_{m=1}^{2}\\sum_{n=1}^{2} ${entries}$$\n\n$$\\mathbf{Y} = \\mathbf{K} * \\mathbf{X}$$\n`;
  it("defines the document's * by those entries (here K sliding over X), and its later uses are read so", () => {
    const r = verify(named("x_{i+m-1,j+n-1} k_{mn}"));
    expect(r.map((x) => x.status)).toEqual(["definition", "definition", "holds"]);
    expect(r[0]!.message).toContain("* is cross-correlation with the kernel first, by its entries on line 3");
    // alone, K * X on this layer is convgrad's own operator, X sliding over K: it fails (rotated by 180°)
    const alone = verify("$$\\mathbf{Y} = \\mathbf{K} * \\mathbf{X}$$", "W=K");
    expect(alone[0]!.status).toBe("fails");
  });
  it("entries that are the true convolution define * so: on this cross-correlation layer its uses are not checked", () => {
    // (a forward pass of another operation teaches no names: the kernel's is declared)
    const r = verify(named("x_{i-m+2,j-n+2} k_{mn}"), "W=k");
    expect(r[0]!.status).toBe("definition");
    expect(r[0]!.message).toContain("* is true convolution, by its entries on line 3");
    expect(r[1]!.message).toContain("not this layer's forward pass");
    expect(r[2]!.status).toBe("skipped");
  });
  it("entries convgrad cannot read as one convolution leave * unknown: its uses are not checked, never failed", () => {
    // entries with a factor no convolution has (x_{11} times each window)
    const r = verify(
      "The result is $\\mathbf{Y} = \\mathbf{K} * \\mathbf{X}$ with elements\n\n$$y_{ij}=\\sum_{k=1}^{2}\\sum_{l=1}^{2}x_{i+k-1,j+l-1}\\cdot k_{kl} \\cdot x_{11}$$\n",
      "W=k, X=x, Y=y",
    );
    expect(r[0]!.status).toBe("skipped");
    expect(r[0]!.message).toContain(
      "the document gives the entries of K * X on line 3, which convgrad does not read as one convolution",
    );
    // entries of some other product (no k in them) do not define K * X: it stays a claim, and fails
    const other = verify(
      "The result is $\\mathbf{Y} = \\mathbf{K} * \\mathbf{X}$ with\n\n$$y_{ij} = x_{ij} + 1$$\n",
      "W=K",
    );
    expect(other[0]!.status).toBe("fails");
  });
});

describe("kimjiil's post as written (held-out corpus 92): rows joined by no operator, a forward pass without its stride", () => {
  // X 5×5, W 3×3, cross-correlation at stride 2, 1-based, with a bias: o₁₁ = Σ_{i,j=1}^{3} x_{ij} w_{ij} + b
  const d = derive(
    { input: [5, 5], kernel: [3, 3], op: "xcorr", indexBase: 1, stride: 2, bias: true },
    { checks: false },
  );
  const verify = (text: string, roles = "Y=o") =>
    verifyInput(
      d,
      { file: "t.md", text, mode: "auto" },
      { points: 3, notation: roles ? declareRoles(Notation.defaults(), roles) : Notation.defaults() },
    );
  const rows = (join: string) =>
    [
      "$$\\begin{split}",
      "o_{11} &= x_{11} w_{11} + x_{12} w_{12} + x_{13} w_{13}     \\\\",
      `    &\\quad\\; ${join}x_{21} w_{21} + x_{22} w_{22} + x_{23} w_{23} \\\\`,
      `    &\\quad\\; ${join}x_{31} w_{31} + x_{32} w_{32} + x_{33} w_{33} + b\\\\`,
      "\\end{split}$$",
    ].join("\n");
  it("a row that continues an equation with the + left out at the break is neither dropped nor guessed: not checked, said", () => {
    // (its first row alone was checked, and failed: six terms and b "missing")
    const [r, ...rest] = verify(rows(""));
    expect(rest).toEqual([]);
    expect(r!.status).toBe("skipped");
    expect(r!.message).toContain(
      "the row on line 3 (x_{21} w_{21} + x_{22} w_{22} + x_{23} …) continues it with no operator between them",
    );
    // with the + written, the rows are one sum, and it holds; a wrong entry in a row fails
    expect(verify(rows("+ "))[0]!.status).toBe("holds");
    expect(verify(rows("+ ").replace("x_{22} w_{22}", "x_{22} w_{23}"))[0]!.status).toBe("fails");
  });
  it("a row that starts with × continues the product above it (Epelbaum's &\\times y …)", () => {
    const r = verify("$$\\begin{align}\no_{11} &= x_{11} \\notag\\\\\n&\\times w_{11} + b\n\\end{align}$$");
    expect(r).toHaveLength(1);
    expect(r[0]!.source).toContain("\\times w_{11} + b");
    expect(r[0]!.status).toBe("fails");
  });
  it("\\sum^{(2,2)}_{i,j=(1,1)} runs i and j together from (1,1) to (2,2); O = W * X + b = (o_{11} …) names the output and its entries", () => {
    const doc92 = (sum: string) =>
      verify(
        [
          "$$O = W * X + b = \\begin{pmatrix} o_{11} & o_{12} \\\\ o_{21} & o_{22} \\end{pmatrix}$$",
          // by hand: x₁₁ is under w₁₁ in o₁₁'s window only (stride 2), so ∂L/∂x₁₁ = ∂L/∂o₁₁ · w₁₁
          `$$\\frac{\\partial L}{\\partial x_{11}} = ${sum}{ \\frac{\\partial L}{\\partial o_{ij}} \\frac{\\partial o_{ij}}{\\partial x_{11}} }$$`,
          "$$\\frac{\\partial L}{\\partial x_{13}} = \\frac{\\partial L}{\\partial o_{11}} \\cdot w_{13} + \\frac{\\partial L}{\\partial o_{12}} \\cdot w_{11}$$",
          "$$\\frac{\\partial L}{\\partial x_{13}} = \\frac{\\partial L}{\\partial o_{11}} \\cdot w_{13}$$",
        ].join("\n"),
        "",
      );
    const r = doc92("\\sum^{(2,2)}_{i,j=(1,1)}");
    expect(r[0]!.status).toBe("definition");
    expect(r[0]!.message).toContain("O names the output, W * X + b, and its entries o_{…}");
    expect(r.slice(1).map((x) => x.status)).toEqual(["holds", "holds", "fails"]);
    // the pair's range read as written: to (1,1) only, o₁₁ alone — still holds (x₁₁ is in o₁₁'s window only); an
    // upper tuple of another length is not read
    expect(doc92("\\sum^{(1,1)}_{i,j=(1,1)}")[1]!.status).toBe("holds");
    expect(doc92("\\sum^{(2)}_{i,j=(1,1)}")[1]!.status).toBe("error");
  });
  it("O = W * X + b on the stride-2 layer, no stride written: its result is 3×3, the output 2×2 — not checked, never failed", () => {
    const [r] = verify("$$O = W * X + b$$", "Y=O");
    expect(r!.status).toBe("skipped");
    expect(r!.message).toContain("written without this layer's stride 2×2");
    expect(r!.message).toContain("xcorr(X, W, stride=2)");
    // a chain (O = W * X + b = the matrix of its entries) is skipped as a whole the same way
    const chain = verify(
      "$$O = W * X + b = \\begin{pmatrix} o_{11} & o_{12} \\\\ o_{21} & o_{22} \\end{pmatrix}$$",
    )[0]!;
    expect(chain.status).toBe("skipped");
    expect(chain.message).toContain("written without this layer's stride 2×2");
    // written with the stride, it is checked: the layer's forward pass holds, the kernel first (rotated) fails
    expect(verify("$$O = xcorr(X, W, stride=2) + b$$", "Y=O")[0]!.status).toBe("holds");
    expect(verify("$$O = xcorr(W, X, stride=2) + b$$", "Y=O")[0]!.status).not.toBe("holds");
  });
});

describe("held-out sources 94–96: a special case stated in the text, a labelled tensor, a worked example's numbers", () => {
  // X 5×7, W 3×3, cross-correlation at stride 2, 0-based: ∂L/∂k(c, d) = Σ_{i,j} ∂L/∂R(i, j) I(2i + c, 2j + d)
  const strided = { input: [5, 7], kernel: [3, 3], op: "xcorr" as const, indexBase: 0 as const, stride: 2 };
  it('"In the special case S = 1" (nagarajankarthik\'s README) makes the formula right after it about another configuration', () => {
    const at1 =
      "$$\\frac{\\partial J}{\\partial w_{c,d}} = \\sum_{i} \\sum_{j} \\frac{\\partial J}{\\partial y_{i,j}} x_{c+i,d+j}$$";
    const r = doc(`In the special case $S = 1$, the above equation reduces to\n\n${at1}\n`, strided);
    expect(r[1]!.status).toBe("skipped");
    expect(r[1]!.message).toContain(
      "a formula for another configuration: line 1 states S = 1, and this layer has S = 2",
    );
    // without the sentence it is the strided layer's gradient written without the stride, and fails; with S = 2
    // stated (the layer's own) nothing changes
    expect(doc(at1, strided)[0]!.status).toBe("fails");
    expect(doc(`With $S = 2$:\n\n${at1}\n`, strided)[1]!.status).toBe("fails");
    // the stride written: it holds
    const written = at1.replace("x_{c+i,d+j}", "x_{c+2i,d+2j}");
    expect(doc(written, strided)[0]!.status).toBe("holds");
  });
  it("K^{flip} (master-g's flipped kernel) is another tensor, not K read without a layer tag", () => {
    const r = doc(
      "$$K^{flip}_{a,b}=K_{2-a,2-b}$$",
      { input: [4, 4], kernel: [3, 3], op: "xcorr", indexBase: 0 },
      "W=K",
    );
    // (it failed: K^{flip} read as K, and K_{a,b} = K_{2-a,2-b} is false)
    expect(r[0]!.status).toBe("skipped");
    expect(r[0]!.message).toContain("K^{flip}_{a,b} is not a tensor of this layer");
    // a layer's tag still aliases: K^{l} is the kernel K
    expect(
      doc("$$K^{l}_{a,b}=K_{a,b}$$", { input: [4, 4], kernel: [3, 3], op: "xcorr", indexBase: 0 }, "W=K")[0]!.status,
    ).toBe("holds");
  });
  it("an entry or a size set equal to a number is a worked example's value (skipped); numbers on every side stay arithmetic", () => {
    const r = doc(
      "$$X \\in \\mathbb{R}^{C_{\\mathrm{in}} \\times H \\times W}$$\n$$C_{\\mathrm{in}}=64$$\n$$y_{1,1} = 3$$\n$$y_{1,1} = 2 \\cdot 1 + 1$$\n$$4-2/1+1=5$$\n$$4-2/1+1=3$$",
      { input: [4, 4], kernel: [2, 2], op: "xcorr", indexBase: 1, inChannels: 2, outChannels: 1 },
    );
    // (the shape, with no =, is no result; C_in is 2 here, and y_{1,1} a sum of products)
    expect(r.map((x) => x.status)).toEqual(["skipped", "skipped", "skipped", "fails", "holds"]);
    expect(r[0]!.message).toContain("a worked example's value");
  });
});

describe("Kronecker deltas, double primes, CS231n's sizes and a padded input (Thorey's and Griffin's notes, 95 and 88)", () => {
  // X 4×4, W 2×2, cross-correlation, 1-based: ∂y_{ij}/∂x_{uv} = w_{u−i+1, v−j+1} (0 off the kernel)
  const xc1 = { input: [4, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 1 as const };
  const jac = (a: string) =>
    `$$\\frac{\\partial y_{ij}}{\\partial x_{uv}} = \\sum_a \\sum_b \\delta_{u,${a}} \\delta_{v,j+b-1} w_{ab}$$`;
  it("δ_{a,b} beside a derivative of one entry by another is the Kronecker delta [a = b], said; a shifted one fails", () => {
    const r = doc(jac("i+a-1"), xc1);
    expect(r[0]!.status).toBe("holds");
    expect(r[0]!.details.join(" ")).toContain(
      "δ_{a,b} is read as the Kronecker delta [a = b]: on line 1 it stands beside a derivative of one entry by another",
    );
    // δ_{u,i+a}: every x reached one row too far (the i-th row of the window is x_{i+a−1})
    expect(doc(jac("i+a"), xc1)[0]!.status).toBe("fails");
  });
  it("δ_{i,j} in a chain rule of the loss (ygrepo's NYU notes, not in the corpus) is a gradient, not the Kronecker delta", () => {
    const xc0 = { input: [4, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 0 as const };
    const chain =
      "$$\\frac{\\partial E}{\\partial w_{m',n'}} = \\sum_i \\sum_j \\frac{\\partial E}{\\partial y_{i,j}} \\cdot \\frac{\\partial y_{i,j}}{\\partial w_{m',n'}} = \\sum_i \\sum_j \\delta_{i,j} \\cdot x_{i+m', j+n'}$$";
    const r = doc(chain, xc0);
    // (δ read as [i = j] made the last link's sum unbounded, an error; it is the output's gradient, undeclared)
    expect(r[0]!.details.join(" ")).not.toContain("Kronecker");
    expect(r[0]!.status).not.toBe("error");
    expect(doc(chain, xc0, "dY=\\delta")[0]!.status).toBe("holds");
    // \sum_m' (a primed index under an unbraced subscript)
    const primed = "$$\\frac{\\partial E}{\\partial w_{a,b}} = \\sum_i' \\sum_j' \\delta_{i',j'} x_{i'+a,j'+b}$$";
    expect(doc(primed, xc0, "dY=\\delta")[0]!.status).toBe("holds");
  });
  it('the words "Kronecker delta" or an index paired with its primed copy (δ_{f,f\'}, δ_{n,n"}) show it too', () => {
    const sum =
      "$$\\frac{\\partial J}{\\partial x_{uv}} = \\sum_{i,j} \\sum_{a,b} \\frac{\\partial J}{\\partial y_{ij}} \\delta_{u,i+a-1} \\delta_{v,j+b-1} w_{ab}$$";
    // (no Jacobian in it: alone, δ may be a gradient, and the formula is not read)
    expect(doc(sum, xc1)[0]!.status).toBe("skipped");
    const said = doc(`where $\\delta_{i,j}$ is the Kronecker delta:\n\n${sum}`, xc1)[0]!;
    expect(said.status).toBe("holds");
    expect(said.details.join(" ")).toContain("line 1 says “Kronecker”");
    const primed =
      "$$\\frac{\\partial J}{\\partial x_{u'v\"}} = \\sum_{u,v} \\frac{\\partial J}{\\partial x_{uv}} \\delta_{u,u'} \\delta_{v,v\"}$$";
    // Σ_{u,v} ∂J/∂x_{uv} [u = u'][v = v″] is ∂J/∂x_{u'v″}; with the deltas' pairs crossed it is ∂J/∂x_{v″u'}
    expect(doc(primed, xc1)[0]!.status).toBe("holds");
    const crossed = primed.replace("\\delta_{u,u'} \\delta_{v,v\"}", "\\delta_{u,v\"} \\delta_{v,u'}");
    // (alone the crossed pairs show nothing: not read; beside the first, the document has shown its δ)
    expect(doc(crossed, xc1)[0]!.status).toBe("skipped");
    expect(doc(`${primed}\n\n${crossed}`, xc1).map((x) => x.status)).toEqual(["holds", "fails"]);
  });
  it("a document whose δ is a gradient never reads δ_{a,b} as the Kronecker delta", () => {
    const text = `$$\\delta_{ij} = \\frac{\\partial J}{\\partial y_{ij}}$$\n\n${jac("i+a-1")}`;
    expect(doc(text, xc1)[1]!.status).not.toBe("holds");
    expect(doc(jac("i+a-1"), xc1, "dY=\\delta")[0]!.status).not.toBe("holds");
  });
  it("HH and WW are the filter's height and width in a sum's bound, P the padding: Σ_{p=0}^{HH-1} x_{i+p-P} …", () => {
    // X 5×4 padded by 1, W 3×2, 0-based: y_{ij} = Σ_{p<3} Σ_{q<2} xpad_{i+p, j+q} w_{pq}, xpad_{r,c} = x_{r−1, c−1}
    const padded = { input: [5, 4], kernel: [3, 2], op: "xcorr" as const, indexBase: 0 as const, padding: 1 };
    const fwd = (x: string, hi: string) => `$$y_{ij} = \\sum_{p=0}^{${hi}} \\sum_{q=0}^{WW-1} ${x} w_{pq}$$`;
    expect(doc(fwd("x_{i+p-P,j+q-P}", "HH-1"), padded)[0]!.status).toBe("holds");
    // HH − 1 is 2 here, the kernel's rows; H·H − 1 would be 24
    expect(doc(fwd("x_{i+p-P,j+q-P}", "WW-1"), padded)[0]!.status).toBe("fails");
    // x^{pad}: the input with the layer's zero padding around it
    const r = doc(fwd("x^{pad}_{i+p,j+q}", "HH-1"), padded);
    expect(r[0]!.status).toBe("holds");
    expect(r[0]!.details.join(" ")).toContain("x^{pad} is the input x with the layer's zero padding (1×1) around it");
    // (a forward pass read unpadded would make the second the definition, the first failing: x^{pad} is read
    // as the padded input before anything is learned)
    const twice = `${fwd("x^{pad}_{i+p,j+q}", "HH-1")}\n\n${fwd("x^{pad}_{i+p-P,j+q-P}", "HH-1")}`;
    expect(doc(twice, padded).map((x) => x.status)).toEqual(["holds", "fails"]);
  });
  it("x^{pad} whole is pad(X); its gradient, not the input's in the border, is not read; X_padded is the same", () => {
    // X 4×4 padded by 1, W 3×3: Y = pad(X) ⋆ W is 4×4; X ⋆ W alone is 2×2
    const padded = { input: [4, 4], kernel: [3, 3], op: "xcorr" as const, indexBase: 0 as const, padding: 1 };
    const dx =
      "\\frac{\\partial L}{\\partial x^{pad}_{ij}} = \\sum_{m}\\sum_{n} \\frac{\\partial L}{\\partial y_{i-m,j-n}} w_{mn}";
    const r = doc(`$$Y = X^{pad} * W$$\n\n$$${dx}$$\n\n$$Y = X_{padded} * W$$`, padded);
    expect(r.map((x) => x.status)).toEqual(["holds", "skipped", "holds"]);
    expect(r[1]!.message).toContain("x^{pad}, the padded input, is differentiated by here; its gradient is not read");
    // (read as the input's gradient ∂L/∂x_{i−1,j−1} it would fail; without padding x^{pad} is x, and it holds)
    const unpadded = { input: [4, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 0 as const };
    expect(doc(`$$${dx}$$`, unpadded)[0]!.status).toBe("holds");
  });
  it("\\frac{d}{dw_{ab}}(…) is the derivative operator, as \\frac{\\partial}{\\partial w_{ab}} is (Thorey's d/dx^{pad})", () => {
    const xc0 = { input: [4, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 0 as const };
    const op = (d: string, x: string) =>
      `$$\\frac{dy_{ij}}{dw_{ab}} = \\frac{${d}}{${d}w_{ab}}\\left(\\sum_m\\sum_n x_{i+m,j+n} w_{mn}\\right) = ${x}$$`;
    // ∂y_{ij}/∂w_{ab} = x_{i+a, j+b}; with a and b exchanged it is wrong off the diagonal
    expect(doc(op("d", "x_{i+a,j+b}"), xc0)[0]!.status).toBe("holds");
    expect(doc(op("\\mathrm{d}", "x_{i+b,j+a}"), xc0)[0]!.status).toBe("fails");
  });
  it("δ_{m=a, n=b} (Dasharath's homework) is 1 where its equalities all hold: an Iverson bracket, in any document", () => {
    const xc0 = { input: [4, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 0 as const };
    const jac = (c: string) =>
      `$$\\frac{\\partial y_{ij}}{\\partial w_{ab}} = \\sum_m\\sum_n x_{i+m,j+n}\\delta_{${c}}$$`;
    // ∂y_{ij}/∂w_{ab} = Σ_{m,n} x_{i+m,j+n} [m=a][n=b] = x_{i+a,j+b}; the conditions crossed give x_{i+b,j+a}
    expect(doc(jac("m=a, n=b"), xc0)[0]!.status).toBe("holds");
    expect(doc(jac("m=b, n=a"), xc0)[0]!.status).toBe("fails");
    // (one equality and one index pair: δ_{m=a, n} is no list of conditions — read as a name, not checked)
    expect(doc(jac("m=a, n"), xc0)[0]!.status).not.toBe("holds");
  });
  it("I(iS + a, jS + b): an index times a one-capital size inside a call index (nagarajankarthik's README, 96)", () => {
    // X 5×5, W 3×3 at stride 2, 0-based: R(i, j) = Σ_{a,b} I(2i + a, 2j + b) k(a, b) + t
    const strided = {
      input: [5, 5],
      kernel: [3, 3],
      op: "xcorr" as const,
      indexBase: 0 as const,
      stride: 2,
      bias: true,
    };
    const fwd = (i: string, k = "a,b") =>
      `$$\\mathbf{R}(i,j) = \\sum_{a=0}^{2} \\sum_{b=0}^{2} \\mathbf{I}(${i} + a, jS + b) \\mathbf{k}(${k}) + t$$`;
    expect(doc(fwd("iS"), strided, "X=I, W=k, Y=R, b=t")[0]!.status).toBe("holds");
    expect(doc(fwd("Si"), strided, "X=I, W=k, Y=R, b=t")[0]!.status).toBe("holds");
    // (the kernel read transposed: wrong)
    expect(doc(fwd("iS", "b,a"), strided, "X=I, W=k, Y=R, b=t")[0]!.status).toBe("fails");
  });
  it("∂L/∂O ∂O/∂x_{11}, the chain rule in matrix form (kimjiil's 92), is Σ over O's entries; other pairs are not read", () => {
    // X 3×3, W 2×2, cross-correlation, 1-based: ∂L/∂w_{12} = Σ_{ij} δy_{ij} x_{i,j+1}
    const xc1 = { input: [3, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 1 as const };
    const chain = (by: string, den = "Y") =>
      `$$\\frac{\\partial L}{\\partial w_{12}} = \\frac{\\partial L}{\\partial ${den}} \\cdot \\frac{\\partial Y}{\\partial ${by}}$$`;
    expect(doc(chain("w_{12}"), xc1)[0]!.status).toBe("holds");
    // ∂Y/∂w_{21}: the derivatives by another entry
    expect(doc(chain("w_{21}"), xc1)[0]!.status).toBe("fails");
    // ∂L/∂X beside ∂Y/∂w: no chain through one tensor — a matrix product, not evaluated
    expect(doc(chain("w_{12}", "X"), xc1)[0]!.status).toBe("skipped");
  });
  it("conv2d(input=X, kernel=W, pad=full, stride=1) is PyTorch's cross-correlation, its arguments named (sighsmile, 98)", () => {
    // X 4×4, W 3×3, 0-based: Y = X ⋆ W (valid, 2×2); ΔX = xcorr(ΔY, rot180 W, full)
    const xc0 = { input: [4, 4], kernel: [3, 3], op: "xcorr" as const, indexBase: 0 as const };
    const r = doc(
      [
        "$$Y = \\mathrm{conv2d}(\\mathrm{input}=X, \\mathrm{kernel}=W, \\mathrm{pad}=0, \\mathrm{stride}=1)$$",
        "$$Y = \\mathrm{conv2d}(W, X)$$",
        "$$\\Delta X = \\mathrm{conv2d}(\\mathrm{kernel}=\\mathrm{rot180}(W), \\mathrm{input}=\\Delta Y, \\mathrm{pad}=\\mathrm{full})$$",
        "$$\\Delta X = \\mathrm{conv2d}(\\mathrm{input}=\\Delta Y, \\mathrm{kernel}=W, \\mathrm{pad}=\\mathrm{full})$$",
        "$$Y = \\mathrm{conv2d}(\\mathrm{input}=X, \\mathrm{kernel}=W, \\mathrm{dilation}=2)$$",
      ].join("\n\n"),
      xc0,
    );
    // (conv2d(W, X): the 3×3 kernel slid over by the 4×4 input — no 2×2 result; an argument convgrad does not
    // read (dilation) leaves the call unread: a parse error naming it, never a guess)
    expect(r.map((x) => x.status)).toEqual(["holds", "fails", "holds", "fails", "error"]);
  });
  it("∂J/∂W whole in a document that says it uses the numerator layout is ΔW transposed; naming both layouts, not read", () => {
    const xc0 = { input: [3, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 0 as const };
    const m = (a: string, b: string) =>
      `$$\\frac{\\partial J}{\\partial W} = \\begin{pmatrix} \\frac{\\partial J}{\\partial w_{00}} & \\frac{\\partial J}{\\partial w_{${a}}} \\\\ \\frac{\\partial J}{\\partial w_{${b}}} & \\frac{\\partial J}{\\partial w_{11}} \\end{pmatrix}$$`;
    // [[∂J/∂w00, ∂J/∂w01], [∂J/∂w10, ∂J/∂w11]] is ΔW; with 01 and 10 exchanged it is ΔW transposed
    const said = "The gradient matrix uses the numerator layout.";
    expect(doc(m("01", "10"), xc0)[0]!.status).toBe("holds");
    expect(doc(m("10", "01"), xc0)[0]!.status).toBe("fails");
    const numerator = doc(`${m("10", "01")}\n\n${said}`, xc0);
    expect(numerator[0]!.status).toBe("holds");
    expect(numerator[0]!.details.join(" ")).toContain("read in the numerator layout (line 3: “numerator layout”)");
    expect(doc(`${m("01", "10")}\n\n${said}`, xc0)[0]!.status).toBe("fails");
    const both = doc(`${m("10", "01")}\n\nNot the denominator layout but the numerator layout.`, xc0);
    expect(both[0]!.status).toBe("skipped");
    expect(both[0]!.message).toContain("names both the numerator and the denominator layout");
  });
  it("a chain rule through A does not make A the output when the user declared the output Z (Wichmann's A = σ(Z), 97)", () => {
    const xc0 = { input: [4, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 0 as const };
    const text = [
      "$$\\frac{\\partial L}{\\partial K_{mn}}=\\sum_{i}\\sum_{j}\\frac{\\partial L}{\\partial A_{ij}}\\frac{\\partial A_{ij}}{\\partial K_{mn}}$$",
      "$$\\frac{\\partial A_{ij}}{\\partial K_{mn}}=\\sigma'(Z_{ij})\\frac{\\partial Z_{ij}}{\\partial K_{mn}}$$",
    ].join("\n\n");
    // (A = σ(Z): the second holds; read with A the output — A and Z one tensor — it failed by the factor σ′(Z))
    const r = doc(text, xc0, "Y=Z");
    expect(r.map((x) => x.status)).not.toContain("fails");
    expect(r[0]!.details.join(" ")).not.toContain("A is the output");
    // undeclared, the chain rule still teaches that A is the output and W the kernel
    expect(doc(text, xc0)[0]!.details.join(" ")).toContain("A is the output and K is the kernel");
  });
  it("a size named by a word of capitals other than Raymond's XH, FH (99) is skipped without advice --sizes cannot take", () => {
    const spec = { input: [4, 4], kernel: [4, 4], op: "xcorr" as const, indexBase: 0, padding: 1, stride: 2 };
    // XH, FH: the input's and the filter's height (read since); HX names nothing convgrad knows
    expect(doc("$$H' = 1 + (XH + 2 P - FH)/S$$", spec)[0]!.status).toBe("holds");
    const r = doc("$$H' = 1 + (HX + 2 P - FH)/S$$", spec);
    expect(r[0]!.status).toBe("skipped");
    expect(r[0]!.message).toContain("HX is one name here");
    expect(r[0]!.message).not.toContain("--sizes");
    // (the advice it gave before: --sizes refuses such a name)
    expect(() => declareSizes(Notation.defaults(), "HX=4")).toThrow(/is not NAME=integer/);
  });
  it('roles named in the words (Drusany\'s "$$O$$ = output … $$I$$ = input … $$F$$ = filter", 79) are read, said', () => {
    const xc0 = { input: [4, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 0 as const };
    const grad = (i: string) =>
      `$$\\frac{\\partial E}{\\partial F_{i,j}} = \\sum_{k}\\sum_{h}\\frac{\\partial E}{\\partial O_{k,h}} I_{${i}}$$`;
    const words = "Symbols:\n\n$$O$$ = output\n$$I$$ = input\n$$F$$ = filter\n\n";
    const r = doc(`${words}${grad("i+k, j+h")}\n\n${grad("i+h, j+k")}\n\n$$x = i$$`, xc0);
    const checked = r.filter((x) => x.source.includes("partial"));
    expect(checked.map((x) => x.status)).toEqual(["holds", "fails"]);
    // (I names the input, not its lower case i, the index in x = i)
    expect(r.find((x) => x.source === "x = i")!.status).toBe("skipped");
    // words that say something else are not read: the output channel, the output of the previous layer
    for (const other of [
      "$O$ is the output channel, $I$ is the input, $F$ is the filter",
      "$O$ is the output of the previous layer, $I$ is the input, $F$ is the filter",
    ])
      expect(doc(`${other}\n\n${grad("i+k, j+h")}`, xc0).at(-1)!.status).toBe("skipped");
    // the role's word before the name (Rico Jia's "Given input X, kernel K", 94), not a size ("the size of the
    // kernel $F$", Stanchi's)
    expect(doc(`Given input I, filter F, output O:\n\n${grad("i+k, j+h")}`, xc0).at(-1)!.status).toBe("holds");
    expect(
      doc(`The size of the kernel $F$, input $I$ and output $O$.\n\n${grad("i+k, j+h")}`, xc0).at(-1)!.status,
    ).toBe("skipped");
    // two names for one role: not a glossary convgrad can read
    expect(doc(`${words}$$G$$ = filter\n\n${grad("i+k, j+h")}`, xc0).at(-1)!.status).toBe("skipped");
  });
  it("Σ_i δy_{i,f} beside ∂L/∂b_f (Gabler's flattened position i, 86) is not read with f on two axes", () => {
    // X 5×4, W 3×3, 2 → 2 channels, bias: ∂L/∂b_f = Σ_{h,w} δy_{f,h,w}; y_{i,f} has one index too few for Y[o,h,w]
    const ch = {
      input: [5, 4],
      kernel: [3, 3],
      op: "xcorr" as const,
      indexBase: 0 as const,
      inChannels: 2,
      outChannels: 2,
      bias: true,
    };
    // (it failed: y_{i,f} read as the spatial entry (i, f) of channel f)
    expect(doc("$$\\frac{\\delta L}{\\delta b_f} = \\sum_i \\delta y_{i,f}$$", ch)[0]!.status).toBe("skipped");
    // a spatial-only entry whose indices do not meet the channel's is still read per channel (Straka's vectors)
    expect(doc("$$\\frac{\\partial L}{\\partial b_f} = \\sum_i \\sum_j \\delta y_{i,j}$$", ch)[0]!.status).toBe(
      "holds",
    );
  });
  it("∑_m⋅∑_nh_{m,n} (Charmve's, 62): the dot after a sum joins nothing, and _nh is n then h, as TeX reads it", () => {
    const xc0 = { input: [4, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 0 as const };
    const fwd = (k: string) => `$$y_{ij} = ∑_m⋅∑_n${k}_{m,n}x_{i+m,j+n}$$`;
    expect(doc(fwd("w"), xc0)[0]!.status).toBe("holds");
    // ∑_nw_{n,m}: the kernel transposed
    expect(doc(fwd("w").replace("w_{m,n}", "w_{n,m}"), xc0)[0]!.status).toBe("fails");
  });
  it("a name of the document's for one gradient set equal to another tensor's gradient is not read as a claim", () => {
    const xc0 = { input: [4, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 0 as const };
    // δ the output's gradient (line 1), then δ_{11} = ∂E/∂x_{11}: the same letter for the input's gradient
    const text =
      "$$δ_{ij} = \\frac{∂E}{∂y_{ij}}$$\n\n$$δ_{11} = \\frac{∂E}{∂x_{11}} = \\sum_m \\sum_n w_{m,n} δ_{1-m,1-n}$$";
    const r = doc(text, xc0);
    // (it failed: δ_{11} read as δy₁₁, which ∂E/∂x₁₁ is not)
    expect(r[1]!.status).toBe("skipped");
    expect(r[1]!.message).toContain("the name stands for two gradients in the document");
  });
  it("∂L/∂o_i = 1 (Silpasuwanchai's loss Σ o_i, 101) states the output gradient's value: skipped, never failed", () => {
    const xc0 = { input: [7], kernel: [3], op: "xcorr" as const, indexBase: 0 as const };
    const r = doc(
      "$$\\frac{\\partial L}{\\partial y_i} = 1$$\n\n$$\\Delta Y = 0$$\n\n$$\\frac{\\partial L}{\\partial x_i} = 1$$",
      xc0,
    );
    expect(r.map((x) => x.status)).toEqual(["skipped", "skipped", "fails"]);
    expect(r[0]!.message).toContain("it states the value of the output's gradient");
  });
  it("jackti's pooling section (100, with --roles): a case split opened by \\left\\{ and a matrix of numbers are not failed", () => {
    const xc0 = { input: [3, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 0 as const };
    const cases =
      "$$\\frac{\\partial z_{mn}}{\\partial a_{ij}}=\n\\left\\{\n\\begin{aligned}\n1 \\qquad a_{mn} =\\operatorname{max}\\\\\n0 \\qquad a_{mn} \\ne \\operatorname{max}\n\\end{aligned}\n\\right.\n$$";
    const r = doc(
      `${cases}\n\n$$\\delta = \\left[ \\begin{matrix} 2 & 4 \\\\ 6 & 8 \\end{matrix} \\right]$$`,
      xc0,
      "X=a, Y=z, dY=\\delta",
    );
    // (both failed: the split's first row read as ∂z/∂a = 1; the example's gradient as a claim)
    // (the split's second row is a piece of its own: a condition, not read either)
    expect(r.map((x) => x.status)).toEqual(["skipped", "skipped", "skipped"]);
    expect(r[0]!.message).toContain("a case split opened by \\left\\{ is not read");
    expect(r[2]!.message).toContain("it states the value of the output's gradient");
    // a brace opening a system of equations (silenceluo's) is read row by row
    const system =
      "$$\\left\\{\n\\begin{aligned}\ny_{00} &= x_{00} w_{00} + x_{01} w_{01} + x_{10} w_{10} + x_{11} w_{11} \\\\\ny_{01} &= x_{01} w_{00} + x_{02} w_{01} + x_{11} w_{10} + x_{12} w_{11}\n\\end{aligned}\n\\right.$$";
    expect(doc(system, xc0).map((x) => x.status)).toEqual(["holds", "holds"]);
  });
  it("a row ending in + ... (Rico Jia's, 94) elides terms: skipped as such, not a parse error; a sentence's period still goes", () => {
    const xc1 = { input: [3, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 1 as const };
    const r = doc(
      "$$y_{11} = x_{11}w_{11} + x_{12}w_{12} + ...$$\n\n$$y_{11} = x_{11}w_{11} + x_{12}w_{12} + x_{21}w_{21} + x_{22}w_{22}.$$",
      xc1,
    );
    expect(r.map((x) => x.status)).toEqual(["skipped", "holds"]);
    expect(r[0]!.message).toContain("it elides entries");
  });
});

describe("sizes named with a layer's tag and an axis letter, and tensors indexed in another order (Sootla's, 53)", () => {
  // X 4×5, W 2×3, 2 → 3 channels, batch 2, bias, cross-correlation counted from 1: the output is 3×3 per channel
  const nhwc = {
    input: [4, 5],
    kernel: [2, 3],
    op: "xcorr" as const,
    indexBase: 1 as const,
    inChannels: 2,
    outChannels: 3,
    batch: 2,
    bias: true,
  };
  // his forward pass in his order (batch, positions, channel last), with a column letter of its own (his own
  // reuses n, the batch's letter: see corpus 53)
  const fwd =
    "$$ z^{l+1}_{n, i, j, f} = \\sum_{m=1}^{H_k} \\sum_{q=1}^{W_k} \\sum_{d=1}^D x_{n, i+m-1, j+q-1, d}^{l} w(f)_{m,q,d}^{l+1} + b(f)^{l+1} $$";
  const dw = (hi: string, wi: string, x = "x_{n,a+i-1, b+j-1, c}^{l}") =>
    `$$ \\frac{\\partial L}{\\partial w(f)_{i,j,c}^{l+1}} = \\sum_{n=1}^N \\sum_{a=1}^{${hi}} \\sum_{b=1}^{${wi}} \\frac{\\partial L}{\\partial z_{n,a,b,f}^{l+1}} ${x} $$`;
  it("H^{l+1}_o, W^{l+1}_o, n^{[l+1]}_W, F_\\nu, T_{\\nu+1} are size names; a sum's bound so named is read from its range", () => {
    // ∂L/∂w(f)_{i,j,c} = Σ_n Σ_{a,b} ∂L/∂z_{n,a,b,f} x_{n,a+i−1,b+j−1,c}: the kernel's gradient, a and b over the 3×3 output
    const r = doc([fwd, dw("H^{l+1}_o", "W^{l+1}_o")].join("\n\n"), nhwc);
    expect(r.map((e) => e.status)).toEqual(["definition", "holds"]);
    expect(r[1]!.details.join(" ")).toContain("H_o^{l+1} = 3, W_o^{l+1} = 3");
    // x's column shifted the wrong way: fails
    expect(doc([fwd, dw("H^{l+1}_o", "W^{l+1}_o", "x_{n,a+i-1, b-j+3, c}^{l}")].join("\n\n"), nhwc)[1]!.status).toBe(
      "fails",
    );
    // the other names parse as one size each, read from the sums' ranges (0-based, the last index is the size less 1)
    const xc0 = { input: [4, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 0 as const };
    for (const [m, n] of [
      ["n^{[l+1]}_W", "n^{[l+1]}_H"],
      ["F_\\nu", "F_\\mu"],
      ["T_{\\nu+1}", "N_{\\nu+1}"],
    ])
      expect(doc(`$$y_{i,j} = \\sum_{m=0}^{${m}-1} \\sum_{n=0}^{${n}-1} x_{i+m,j+n} w_{m,n}$$`, xc0)[0]!.status).toBe(
        "holds",
      );
  });
  it("a call index with quotients, R(\\frac{x - a}{S}, \\frac{y - b}{S}) (nagarajankarthik's, 96), parses", () => {
    // stride 2: x_{i} with x = iS + a; the quotient is an integer only for the a that reach an output
    const s2 = { input: [5, 5], kernel: [3, 3], op: "xcorr" as const, indexBase: 0 as const, stride: [2, 2] };
    const r = doc(
      "$$\\frac{\\partial L}{\\partial \\mathbf{I}(x, y)} = \\sum_{a=0}^{2} \\sum_{b=0}^{2} \\frac{\\partial L}{\\partial \\mathbf{R}(\\frac{x - a}{S}, \\frac{y - b}{S})} \\mathbf{k}(a, b)$$",
      s2,
      "X=I, W=k, Y=R",
    )[0]!;
    expect(r.status).toBe("skipped");
    expect(r.message).toContain("is not an integer here");
  });
  it("K[0], S[0] (PyTorch's per-axis sizes, the NYU homework's answers, 106) are the sizes of axis 1; f applied to sizes is no size", () => {
    // 1-D, input 5, kernel 3, stride 2: H_out = 1 + (5 − 3)/2 = 2
    const s2 = { input: [5], kernel: [3], op: "xcorr" as const, indexBase: 0 as const, stride: [2] };
    const v = (t: string) => doc(`$$${t}$$`, s2)[0]!;
    expect(v("H_{out} = 1 + \\frac{H_{in}-K[0]}{S[0]}").status).toBe("holds");
    expect(v("H_{out} = 1 + \\frac{H_{in}-K[0]}{S[0]} + 1").status).toBe("fails");
    // the second axis' sizes on a 1-D layer: another layer's
    const w = v("W_{out} = \\left\\lfloor\\frac{W_{in}-K[1]}{S[1]}+1\\right\\rfloor");
    expect(w.status).toBe("skipped");
    expect(w.message).toContain("K_2 names axis 2, and this layer has 1 axis");
    // f(H_in, S[0], K[0]) is a function the text applies: f = (H_in − K)/S is not the filter's size 3
    const f = doc("$$H_{out} = 1 + f(H_{in}, S[0], K[0]).$$ so $f=\\frac{H_{in}-K}{S}$", s2);
    expect(f.find((e) => e.source.startsWith("f="))!.status).toBe("skipped");
  });
  it("ic^{\\prime}(k^{\\prime}-2j) (the NYU homework's, 106): letters run together, a prime kept with its letter, then a group", async () => {
    const { tokenize } = await import("../../src/lang/lexer.js");
    const idx = (t: string) => tokenize(t).find((x) => x.type === "idx")!.value;
    expect(idx("W_{ic^{\\prime}(k^{\\prime}-2j)}")).toBe("i,c',k'-2j");
    expect(idx("x_{c^{\\prime}(2j+k^{\\prime})}")).toBe("c',2j+k'");
    expect(idx("x_{(i+a)(j+b)}")).toBe("i+a,j+b");
    // a 1-D layer with channels, stride 2 (the homework's): ∂f_{i,j}/∂W_{i',c',k'} through the chain rule is x_{c',2j+k'}
    const s2 = {
      input: [5],
      kernel: [3],
      op: "xcorr" as const,
      indexBase: 0 as const,
      stride: [2],
      inChannels: 2,
      outChannels: 1,
    };
    const dw = (x: string) =>
      `$$\\frac{\\partial L}{\\partial W_{ic^{\\prime}k^{\\prime}}} = \\sum_{j} \\frac{\\partial L}{\\partial f_{ij}} ${x}$$`;
    const y = "$$f_{ij} = \\sum_{c}\\sum_{k} W_{ick} x_{c(2j+k)}$$";
    expect(doc([y, dw("x_{c^{\\prime}(2j+k^{\\prime})}")].join("\n\n"), s2, "Y=f").map((e) => e.status)).toEqual([
      "holds",
      "holds",
    ]);
    expect(doc([y, dw("x_{c^{\\prime}(2j-k^{\\prime})}")].join("\n\n"), s2, "Y=f")[1]!.status).toBe("fails");
  });
  it("a bracket's matrix whose rows set entries apart with \\quad, no & (a Chinese blog post's aligned matrices): \\quad is the column break", () => {
    const m = (rows: string[][]) =>
      `\\left[\\begin{aligned}\n${rows.map((r) => r.join(" \\quad ")).join("\\\\\n")}\n\\end{aligned}\\right]`;
    const ent = (n: string, k: number, l: number) =>
      Array.from({ length: k }, (_, i) => Array.from({ length: l }, (_, j) => `${n}_{${i + 1}${j + 1}}`));
    const x = ent("x", 3, 3);
    const eq = (xs: string[][]) => `$$\n${m(xs)} \\star ${m(ent("w", 2, 2))} = ${m(ent("y", 2, 2))}\n$$`;
    const xc1 = { input: [3, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 1 as const };
    expect(doc(eq(x), xc1)[0]!.status).toBe("holds");
    // two entries of the first row swapped: the input is another matrix, and it fails (it failed before as a
    // 3×1 column of products, x₁₁·x₁₂·x₁₃, in every case)
    expect(doc(eq([[x[0]![1]!, x[0]![0]!, x[0]![2]!], x[1]!, x[2]!]), xc1)[0]!.status).toBe("fails");
  });
  it("a_t[0] (a NumPy index, hui126's z_t[0] = a_t[0]w_t, 108) is an entry, never a factor 0 (it held, 0 = 0)", () => {
    const xc1 = { input: [4, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 1 as const };
    const r = doc("$z_t[0] = a_t[0]w_t$", xc1)[0]!;
    expect(r.status).toBe("skipped");
    expect(r.message).not.toContain("identity");
  });
  it("a written list's order is the text's, however often the formula is walked (the walkers reversed it in place)", async () => {
    const { parseEquation } = await import("../../src/lang/parse.js");
    const { findNode, indexedNames } = await import("../../src/lang/ast.js");
    const sides = parseEquation("(x_0, x_1, x_2) = (y_0, y_1, y_2)");
    const order = () => JSON.stringify(sides);
    const before = order();
    findNode(sides, () => false);
    expect(order()).toBe(before);
    // … and the message that prints the list, in a document that walks it many times
    const xc0 = { input: [4, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 0 as const };
    expect(doc("$$(x_{0}, x_{1}, x_{2}) = (x_{2}, x_{1}, x_{0})$$", xc0)[0]!.message).toContain("(x₀, x₁, x₂)");
    // the index names a formula uses, in reading order (a message lists them so)
    expect([...indexedNames(parseEquation("y_{i,j} = \\sum_{m} w_{m} x_{i+m,j}"), true)]).toEqual(["i", "j", "m"]);
    expect([...indexedNames(parseEquation("y_{i} = \\sum_{n} x_{i}"), true)]).toEqual(["i", "n"]);
    expect([...indexedNames(parseEquation("y_{i} = \\sum_{n} x_{i}"), false)]).toEqual(["i"]);
  });
  it("an upper bound that repeats its index's name, \\sum_{p=0}^{p=1} (Thorey's, 95), is read as its value", () => {
    const xc0 = { input: [4, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 0 as const };
    const f = (w: string) => `$$y_{i,j} = \\sum_{m=0}^{m=1}\\sum_{n=0}^{n=1} x_{i+m,j+n} ${w}$$`;
    expect(doc(f("w_{m,n}"), xc0)[0]!.status).toBe("holds");
    expect(doc(f("w_{n,m}"), xc0)[0]!.status).toBe("fails");
  });
  it("indexed in another order than convgrad's and not taught by a forward pass that holds: skipped, never failed", () => {
    // without his forward pass, his x_{n, a+i−1, b+j−1, c} and ∂z_{n,a,b,f}/∂w(f)_{i,j,c} are read in convgrad's
    // order (batch, channel, positions): both failed though both hold
    const r = doc(dw("H^{l+1}_o", "W^{l+1}_o"), nhwc, "X=x^{l}, W=w^{l+1}, Y=z^{l+1}");
    expect(r[0]!.status).toBe("skipped");
    expect(r[0]!.message).toContain("the document's order seems another");
    // his input beside the others in convgrad's order: a window's position on the axis convgrad reads as the channel
    const x = doc(
      "$$ \\frac{\\partial L}{\\partial w_{f,c,i,j}} = \\sum_{n=1}^{2} \\sum_{a=1}^{3} \\sum_{b=1}^{3} \\frac{\\partial L}{\\partial z_{n,f,a,b}} x_{n,a+i-1,b+j-1,c} $$",
      nhwc,
      "Y=z",
    )[0]!;
    expect(x.status).toBe("skipped");
    expect(x.message).toContain("(a+i-1) adds two indices, a window's position");
    // his bias gradient Σ_n Σ_{a,b} ∂L/∂z_{n,a,b,f} (true) failed, f read as a column
    const db = doc(
      "$$ \\frac{\\partial L}{\\partial b(f)} = \\sum_{n=1}^{2} \\sum_{a=1}^{3} \\sum_{b=1}^{3} \\frac{\\partial L}{\\partial z_{n,a,b,f}} $$",
      nhwc,
      "Y=z",
    )[0]!;
    expect(db.status).toBe("skipped");
    expect(db.message).toContain("the bias's channel");
    const chain =
      "$$ \\frac{\\partial L}{\\partial w(f)_{i,j,c}^{l+1}} = \\sum_{n=1}^N \\sum_{a=1}^{3} \\sum_{b=1}^{3} \\frac{\\partial L}{\\partial z_{n,a,b,f}^{l+1}} \\frac{\\partial z_{n,a,b,f}^{l+1}}{\\partial w(f)^{l+1}_{i,j,c}} $$";
    const c = doc(chain, nhwc, "X=x^{l}, W=w^{l+1}, Y=z^{l+1}")[0]!;
    expect(c.status).toBe("skipped");
    expect(c.message).toContain("the kernel's output channel");
    // in convgrad's order the same chain rule is read, and holds
    const own =
      "$$ \\frac{\\partial L}{\\partial w_{f,c,i,j}} = \\sum_{n=1}^2 \\sum_{a=1}^{3} \\sum_{b=1}^{3} \\frac{\\partial L}{\\partial z_{n,f,a,b}} \\frac{\\partial z_{n,f,a,b}}{\\partial w_{f,c,i,j}} $$";
    expect(doc(own, nhwc, "Y=z")[0]!.status).toBe("holds");
  });
});

describe("a forward pass inside the activation, a per-position bias, a table row about another layer, r(X) and c(X)", () => {
  // X 3×3, W 2×2, cross-correlation from 0, bias: y_{ij} = Σ_{a,b} w_{ab} x_{i+a,j+b} + b
  const xb = { input: [3, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 0 as const, bias: true };
  const fwd =
    "$$\\boldsymbol{a}_{ij}^l = \\sigma(\\boldsymbol{z}^l_{ij}) =\\sigma(\\sum_{a}\\sum_{b} \\boldsymbol{W}_{a,b}^l \\boldsymbol{a}_{i+a,j+b}^{l-1}+\\boldsymbol{b}^l)$$";
  it("a^l = σ(z^l) = σ(Σ W a^{l-1} + b) (jackti's notes, 100): z^l the output, a^{l-1} the input, W^l the kernel", () => {
    // δ^{l-1} = ∂C/∂z^{l-1} through a^{l-1} = σ(z^{l-1}): δ^{l-1}_{11} = (δ_{00}W_{11} + δ_{01}W_{10} + δ_{10}W_{01} + δ_{11}W_{00}) σ'(z_{11})
    const row = (k: string) =>
      `$$\\delta^{l-1}_{11}=(\\delta^{l}_{00}\\boldsymbol{W}^{l}_{11}+\\delta^{l}_{01}\\boldsymbol{W}^{l}_{10}+\\delta^{l}_{10}\\boldsymbol{W}^{l}_{01}+\\delta^{l}_{11}\\boldsymbol{W}^{l}_{${k}})\\sigma^{\\prime}(\\boldsymbol{z}^{l-1}_{11})$$`;
    const grad = "$$\\delta^{l}_{j} =\\frac{\\partial C}{\\partial \\boldsymbol{z}^{l}_{j}}$$";
    const r = doc([fwd, grad, row("00"), row("11")].join("\n\n"), xb);
    expect(r[0]!.status).toBe("definition");
    expect(r[0]!.message).toContain("read inside sigma(…) on both sides");
    expect(r.slice(2).map((e) => e.status)).toEqual(["holds", "fails"]);
    // two different activations are no equation of their arguments
    const other = fwd.replace("=\\sigma(\\sum", "=\\tanh(\\sum");
    expect(doc([other, grad, row("00")].join("\n\n"), xb)[2]!.status).toBe("skipped");
  });
  it("∂L/∂b_{i,j} with the layer's one bias: a bias per position (hhk7734's, 76) is skipped; Σ_x Σ_y over b_{x,y}'s letters is not", () => {
    const xb1 = { input: [3, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 1 as const, bias: true };
    const per = doc("$$\\frac{\\partial L}{\\partial b_{i,j}} = \\delta y_{i,j}$$", xb1)[0]!;
    expect(per.status).toBe("skipped");
    expect(per.message).toContain("a bias written per position");
    // Leonhwa's (71): the letters under the sums, the bias shared — Σ δ holds, its last step δ_{x,y} fails
    const shared = doc(
      "$$\\frac{\\partial L}{\\partial b_{x,y}} = \\sum_x \\sum_y \\delta y_{x,y} = \\delta y_{x,y}$$",
      xb1,
    )[0]!;
    expect(shared.status).toBe("fails");
    expect(doc("$$\\frac{\\partial L}{\\partial b_{x,y}} = \\sum_x \\sum_y \\delta y_{x,y}$$", xb1)[0]!.status).toBe(
      "holds",
    );
  });
  it("a table row whose matrix form is upsample(δ^l) (jackti's CNN-1, the pooling layer's): its entry form is not judged", () => {
    // the entry form with its typo z_{mm}: as this convolution's, it fails; in the row beside upsample it is skipped
    const entry =
      "$\\delta^{l-1}_{ij}=\\sum_{m}\\sum_{n} \\delta_{mn}^l \\frac{\\partial \\boldsymbol{z}_{mm}^{l}}{\\partial \\boldsymbol{a}_{ij}^{l-1}}  \\sigma^\\prime(\\boldsymbol{z}_{ij}^{l-1})$";
    const grad = "$$\\delta^{l}_{j} =\\frac{\\partial C}{\\partial \\boldsymbol{z}^{l}_{j}}$$";
    const upsample =
      "$\\delta^{l-1}=\\operatorname{upsample}(\\delta^l) \\odot \\sigma^\\prime(\\boldsymbol{z}^{l-1})$";
    const table = `| row | entries | matrix |\n| :--: | :-- | :--: |\n| CNN-1 | ${entry} | ${upsample} |`;
    const r = doc([fwd, grad, table].join("\n\n"), xb);
    expect(r.filter((e) => e.source.includes("mm")).map((e) => e.status)).toEqual(["skipped"]);
    expect(r.find((e) => e.source.includes("mm"))!.message).toContain("upsample(…), an operation of another layer");
    // the same formula out of the table (its own display): judged as this layer's, and it fails
    const alone = doc([fwd, grad, `$${entry}$`].join("\n\n"), xb);
    expect(alone.find((e) => e.source.includes("mm"))!.status).toBe("fails");
  });
  it("r(\\textbf{K}), c(\\textbf{K}): the rows and columns of a named matrix as a sum's bound (the LMU lab's, 90)", () => {
    const xc1 = { input: [4, 4], kernel: [2, 3], op: "xcorr" as const, indexBase: 1 as const };
    const f = (r: string, c: string) => `$$y_{ij}=\\sum_{k=1}^{${r}}\\sum_{l=1}^{${c}}x_{i+k-1,j+l-1}\\cdot k_{kl}$$`;
    const ok = doc(f("r(\\textbf{K})", "c(\\textbf{K})"), xc1)[0]!;
    expect(ok.status).toBe("definition");
    expect(ok.message).toContain("r(K) = 2 (from its sums' ranges); c(K) = 3");
    // a product with a parenthesis is still one: s(i-1) in an index
    const s2 = { input: [5, 5], kernel: [2, 2], op: "xcorr" as const, indexBase: 1 as const, stride: [2, 2] };
    expect(doc("$$y_{i,j} = \\sum_{m=1}^{2}\\sum_{n=1}^{2} w_{m,n} x_{s(i-1)+m, s(j-1)+n}$$", s2)[0]!.status).toBe(
      "holds",
    );
  });
});

/** ZangXuanyi's chapter (held-out 102): 2 → 3 channels, X 3×4, W 2×3, cross-correlation from 0, a bias per channel. */
const ZANG = {
  input: [3, 4],
  kernel: [2, 3],
  op: "xcorr" as const,
  indexBase: 0 as const,
  inChannels: 2,
  outChannels: 3,
  bias: true,
};

describe("a worked example's own layer, and sections about other layers (ZangXuanyi's 102, Zhou's 104)", () => {
  it("X and W written out as matrices of another shape (a one-channel example in a chapter with channels): its formulas are not failed", () => {
    // 2 → 3 channels, X 3×4, W 2×3: the example's Y_{i,j} = w_{0,0}x_{i,j} + … is its own 3×3 / 2×2 one-channel layer's
    const ch = ZANG;
    const example = [
      "\\[\\mathbf{X} = \\begin{bmatrix} x_{0,0} & x_{0,1} & x_{0,2} \\\\ x_{1,0} & x_{1,1} & x_{1,2} \\\\ x_{2,0} & x_{2,1} & x_{2,2} \\end{bmatrix}, \\qquad",
      "\\mathbf{W} = \\begin{bmatrix} w_{0,0} & w_{0,1} \\\\ w_{1,0} & w_{1,1} \\end{bmatrix}.\\]",
      "The output is $2\\times2$, with",
      "\\[Y_{i,j} = w_{0,0}x_{i,j} + w_{0,1}x_{i,j+1} + w_{1,0}x_{i+1,j} + w_{1,1}x_{i+1,j+1}.\\]",
    ].join("\n");
    const r = doc(example, ch).find((e) => e.source.startsWith("Y_{i,j}"))!;
    expect(r.status).toBe("skipped");
    expect(r.message).toContain("line 1 states X as a 3×3 matrix");
    // without the matrices (or far below them) the formula is this layer's, and fails (the kernel is 2×3, there are channels)
    expect(
      doc("\\[Y_{i,j} = w_{0,0}x_{i,j} + w_{0,1}x_{i,j+1} + w_{1,0}x_{i+1,j} + w_{1,1}x_{i+1,j+1}.\\]", ch)[0]!.status,
    ).toBe("fails");
    const far = example.replace("The output", "\n".repeat(20) + "The output");
    expect(doc(far, ch).find((e) => e.source.startsWith("Y_{i,j}"))!.status).toBe("fails");
  });
  it("a formula that fails under a heading naming another layer or another number of dimensions is skipped; under the layer's own, not", () => {
    // 1-D, 6 inputs, 3 taps, cross-correlation from 1, bias: the note's linear-layer ∂L/∂b = ∂L/∂z is not this layer's
    const one = { input: [6], kernel: [3], op: "xcorr" as const, indexBase: 1 as const, bias: true };
    const fwd = "$$\nz_i = \\sum_{j=1}^{k} w_j \\cdot x_{i+j-1} + b\n$$";
    const db = "$$\n\\frac{\\partial\\mathcal{L}}{\\partial b}=\\frac{\\partial\\mathcal{L}}{\\partial z}\n$$";
    const under = (heading: string) => doc(`${heading}\n${db}\n##### Convolutional Layer (1D Case)\n${fwd}`, one)[0]!;
    expect(under("##### Linear Layer (Fully Connected Layer)").status).toBe("skipped");
    expect(under("##### Linear Layer (Fully Connected Layer)").message).toContain("about another kind of layer");
    expect(under("\\subsection{Pooling}").status).toBe("skipped");
    expect(under("##### Convolutional Layer (2D Case)").message).toContain("about 2 dimensions (this layer has 1)");
    // under the convolution's own heading (or none) it is this layer's, and fails: ∂L/∂b is Σ δ, a number
    expect(under("##### Convolutional Layer (1D Case)").status).toBe("fails");
    expect(under("##### Pooling after a convolution").status).toBe("fails");
    expect(under("").status).toBe("fails");
  });
});

describe("an output channel as a superscript in parentheses (ZangXuanyi's W^{(c)}_{c',u,v}, b^{(c)}: held-out 102)", () => {
  // 2 → 3 channels, X 3×4, W 2×3, cross-correlation from 0, bias per output channel
  const ch = ZANG;
  const fwd = (k: string) =>
    `\\[\\mathbf{Y}_{c,i,j} = \\sum_{c'}\\sum_{u}\\sum_{v} \\mathbf{W}^{(${k})}_{c',u,v} \\, \\mathbf{X}_{c', i+u, j+v} + b^{(${k})}.\\]`;
  it("the letter, an index of the same equation, is the first index of W and b's one: the forward pass and gradients are read", () => {
    const db =
      "\\[\\frac{\\partial\\mathcal{L}}{\\partial b^{(c)}} = \\sum_{i=0}^{1}\\sum_{j=0}^{1} \\frac{\\partial\\mathcal{L}}{\\partial \\mathbf{Y}_{c,i,j}}.\\]";
    const dw =
      "\\[\\frac{\\partial\\mathcal{L}}{\\partial \\mathbf{W}^{(c)}_{c',u,v}} = \\sum_{i,j} \\frac{\\partial\\mathcal{L}}{\\partial \\mathbf{Y}_{c,i,j}} \\; \\mathbf{X}_{c', i+u, j+v}.\\]";
    const r = doc([fwd("c"), db, dw, dw.replace("j+v}", "j+v+1}")].join("\n\n"), ch);
    expect(r.map((e) => e.status)).toEqual(["holds", "holds", "holds", "fails"]);
    expect(r[0]!.details.join(" ")).toContain("read with c from the superscripts as the first indices");
  });
  it("a letter the equation uses nowhere else (a layer's number, Petit's ω^{(k)}) stays a tag", () => {
    expect(doc(fwd("k"), ch)[0]!.status).toBe("skipped");
  });
});

describe("one letter for each output entry, written out in order (Ulyankin's a, b, c, d: corpus 73)", () => {
  // X 3×3, W 2×2, cross-correlation, 1-based: y_{ij} = Σ_{m,n} w_{mn} x_{i+m−1, j+n−1}
  const xc1 = { input: [3, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 1 as const };
  const row = (i: number, j: number) =>
    [11, 12, 21, 22].map((mn) => `w_{${mn}} x_{${i + Math.floor(mn / 10) - 1}${j + (mn % 10) - 1}}`).join(" + ");
  const defs = (names: string[], at: [number, number][]) =>
    names.map((n, k) => `$$${n} = ${row(...at[k]!)}$$`).join("\n\n");
  const grad = (x: string) =>
    `$$\\frac{\\partial L}{\\partial w_{11}} = \\frac{\\partial L}{\\partial a} x_{11} + \\frac{\\partial L}{\\partial b} x_{12} + \\frac{\\partial L}{\\partial c} ${x} + \\frac{\\partial L}{\\partial d} x_{22}$$`;
  const inOrder = defs(
    ["a", "b", "c", "d"],
    [
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 2],
    ],
  );
  it("names learned so (b no bias here, c no loss), and a gradient through them checked: x_{21} holds, x_{12} fails", () => {
    const r = doc(`${inOrder}\n\n${grad("x_{21}")}\n\n${grad("x_{12}")}`, xc1);
    expect(r.map((x) => x.status)).toEqual(["definition", "definition", "definition", "definition", "holds", "fails"]);
    expect(r[2]!.message).toContain("c names the output's entry y₂₁");
  });
  it("not in the output's reading order, or one name only: not learned, the gradient not read", () => {
    const swapped = defs(
      ["a", "b", "c", "d"],
      [
        [1, 1],
        [2, 1],
        [1, 2],
        [2, 2],
      ],
    );
    const r = doc(`${swapped}\n\n${grad("x_{21}")}`, xc1);
    expect(r[4]!.status).toBe("skipped");
    expect(r[0]!.status).not.toBe("definition");
    expect(doc(`${defs(["a"], [[1, 1]])}\n\n$$\\frac{\\partial L}{\\partial a} = 1$$`, xc1)[1]!.status).toBe("skipped");
  });
  it("a name whose right side is no output entry (a slip) is not learned; the others are", () => {
    const slip = inOrder.replace(`c = ${row(2, 1)}`, `c = ${row(2, 1).replace("x_{31}", "x_{13}")}`);
    const r = doc(`${slip}\n\n${grad("x_{21}")}`, xc1);
    expect(r.slice(0, 4).map((x) => x.status === "definition")).toEqual([true, true, false, true]);
    expect(r[4]!.status).toBe("skipped");
  });
});

describe("a gradient written as the list of its entries, and sizes the prose names (Zhou's 1-D notes)", () => {
  const layer = { input: [6], kernel: [3], op: "xcorr" as const, indexBase: 1, bias: true };
  const fwd =
    "For input length $n$, kernel length $k$, output length $m = n - k + 1$:\n$$z_i = \\sum_{j=1}^{k} w_j \\cdot x_{i+j-1} + b$$";
  const list = (items: string) => `$$\\frac{\\partial\\mathcal{L}}{\\partial z}=\\left[ ${items} \\right]$$`;
  const grads = [
    "$$\\frac{\\partial \\mathcal{L}}{\\partial b} = \\sum_{i=1}^{m} \\delta_i$$",
    // the kernel gradient reads x_{i+j-1}: with x_{i+j} it takes the wrong window
    "$$\\frac{\\partial \\mathcal{L}}{\\partial w_j} = \\sum_{i=1}^{m} \\delta_i \\cdot x_{i+j-1}$$",
    "$$\\frac{\\partial \\mathcal{L}}{\\partial w_j} = \\sum_{i=1}^{m} \\delta_i \\cdot x_{i+j}$$",
    "$$\\frac{\\partial \\mathcal{L}}{\\partial x_p} = \\sum_{i=\\max(1, p-k+1)}^{\\min(m, p)} \\delta_i \\cdot w_{p-i+1}$$",
  ].join("\n\n");
  it("δ_1, δ_2, …, δ_m numbered by their places: δ is ∂𝓛/∂z, and the gradients through it are checked", () => {
    const r = doc(`${fwd}\n\n${list("\\delta_{1},\\delta_{2},\\dots,\\delta_{m}")}\n\n${grads}`, layer);
    const at = (s: string) => r.find((x) => x.source.includes(s))!;
    expect(at("m = n - k + 1").status).toBe("holds");
    expect(at("\\left[").status).toBe("definition");
    expect(at("\\left[").message).toContain("\\delta = ∂J/∂z (output gradient, ΔY), written as the list");
    expect(r.slice(-4).map((x) => x.status)).toEqual(["holds", "holds", "fails", "holds"]);
  });
  it("entries out of their places, or another layer's first index: δ is not learned, nothing is checked through it", () => {
    for (const items of ["\\delta_{2},\\delta_{1},\\dots,\\delta_{m}", "\\delta_{0},\\delta_{1},\\dots,\\delta_{m}"]) {
      const r = doc(`${fwd}\n\n${list(items)}\n\n${grads}`, layer);
      expect(r.slice(-4).map((x) => x.status)).toEqual(["skipped", "skipped", "skipped", "skipped"]);
    }
  });
  it("a size the prose gives as an affine form ('a filter of size $2f+1$', Wichmann's) binds f in whole numbers", () => {
    // 2f + 1 = 3: f = 1, so Σ_{m=0}^{2f} runs over the kernel's three offsets; Σ_{m=0}^{f} over two fails
    const sums = (hi: string) => `$$y_{i} = \\sum_{m=0}^{${hi}} w_{m} x_{i+m}$$`;
    const text = (size: string) => `We assume a filter of size $${size}$.\n\n${sums("2f")}\n\n${sums("f")}`;
    const layer = { input: [6], kernel: [3], op: "xcorr" as const, indexBase: 0 };
    expect(doc(text("2f+1"), layer).map((x) => x.status)).toEqual(["holds", "fails"]);
    // 2f = 3 has no whole solution: f is not bound, nothing is checked
    expect(doc(text("2f"), layer).map((x) => x.status)).toEqual(["skipped", "skipped"]);
  });
  it("a size the prose names is bound only when the layer has it on every axis", () => {
    const text =
      "A kernel of size $k$, an input of size $n$ and an output of size $m$:\n$$m = n - k + 1$$\n\n$$m = n - k$$";
    const one = doc(text, { input: [6], kernel: [3], op: "xcorr", indexBase: 1 });
    expect(one.map((x) => x.status)).toEqual(["holds", "fails"]);
    // on a 2-D layer: a 3×3 kernel has the size k = 3 on both axes, a 3×2 one has no one size k (nor its 4×5 output m)
    const square = doc(text, { input: [6, 6], kernel: [3, 3], op: "xcorr", indexBase: 1 });
    expect(square.map((x) => x.status)).toEqual(["holds", "fails"]);
    const r = doc(text, { input: [6, 6], kernel: [3, 2], op: "xcorr", indexBase: 1 });
    expect(r.map((x) => x.status)).toEqual(["skipped", "skipped"]);
  });
});

describe("code's dL/dW[m, n]: a loss's gradient by a whole tensor, then indexed", () => {
  const layer = { input: [3, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 1 };
  // ∂L/∂w_{mn} = Σ_{i,j} ∂L/∂y_{ij} x_{i+m-1,j+n-1} (cross-correlation, 1-based); x_{i+n-1,j+m-1} is its transpose
  const dw = (open: string, close: string, x: string) =>
    `$$\\frac{\\partial L}{\\partial W}${open}m, n${close} = \\sum_{i=1}^{2}\\sum_{j=1}^{2} \\frac{\\partial L}{\\partial Y}${open}i, j${close} X${open}${x}${close}$$`;
  it("in brackets or parentheses, the indices are the entry's: true holds, transposed fails", () => {
    for (const [o, c] of [
      ["[", "]"],
      ["(", ")"],
    ]) {
      const r = doc(`${dw(o!, c!, "i+m-1, j+n-1")}\n\n${dw(o!, c!, "i+n-1, j+m-1")}`, layer);
      expect(r.map((x) => x.status)).toEqual(["holds", "fails"]);
    }
  });
  it("one index: in brackets it is the entry's, in parentheses it is not read (it may multiply the fraction)", () => {
    const one = (o: string, c: string) =>
      `$$\\frac{\\partial L}{\\partial w}${o}m${c} = \\sum_{i=1}^{2} \\frac{\\partial L}{\\partial y_{i}} x_{i+m-1}$$`;
    const r = doc(`${one("[", "]")}\n\n${one("(", ")")}`, { input: [3], kernel: [2], op: "xcorr", indexBase: 1 });
    expect(r.map((x) => x.status)).toEqual(["holds", "skipped"]);
  });
});

describe("W^{rot180}: the rotation written as a superscript (Microsoft's AI-EDU)", () => {
  it("reads as rot180(W): the lecture's ΔX = Rot180(W) *full ΔY holds, with ΔY rotated too it fails", () => {
    const r = doc(
      "$$\\Delta X = W^{rot180} *full \\Delta Y$$\n\n$$\\Delta X = W^{rot180} *full \\Delta Y^{rot180}$$\n\n$$\\Delta X = W^{\\text{rot}180} *full \\Delta Y$$",
      { input: [3, 3], kernel: [2, 2], op: "conv", indexBase: 1 },
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "fails", "holds"]);
  });
});

describe("an activation after the layer: a = σ(z) with z the output, read through ∂J/∂a (issue 7's o^l = f(x^l))", () => {
  const layer = { input: [3, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 1, bias: true };
  const fwd = "$$z_{ij} = \\sum_{m=1}^{2}\\sum_{n=1}^{2} w_{mn} x_{i+m-1,j+n-1} + b$$\n\n$$a_{ij} = \\sigma(z_{ij})$$";
  // ∂J/∂z = ∂J/∂a ⊙ σ'(z): the kernel gradient is Σ ∂J/∂a_{ij} σ'(z_{ij}) x_{i+m-1,j+n-1}; without σ' it is wrong
  const dw = (f: string) =>
    `$$\\frac{\\partial L}{\\partial w_{mn}} = \\sum_{i=1}^{2}\\sum_{j=1}^{2} \\frac{\\partial L}{\\partial a_{ij}} ${f} x_{i+m-1,j+n-1}$$`;
  it("learned from a = σ(z); the chain through it holds, a kernel gradient without σ' fails", () => {
    const r = doc(
      [
        fwd,
        "$$\\frac{\\partial L}{\\partial z_{ij}} = \\frac{\\partial L}{\\partial a_{ij}} \\sigma'(z_{ij})$$",
        "$$\\frac{\\partial L}{\\partial z_{ij}} = \\frac{\\partial L}{\\partial a_{ij}}$$",
        dw("\\sigma'(z_{ij})"),
        dw(""),
        "$$\\frac{\\partial L}{\\partial b} = \\sum_{i=1}^{2}\\sum_{j=1}^{2} \\frac{\\partial L}{\\partial a_{ij}} \\sigma'(z_{ij})$$",
      ].join("\n\n"),
      layer,
    );
    expect(r.map((x) => x.status)).toEqual(["definition", "definition", "holds", "fails", "holds", "fails", "holds"]);
    expect(r[1]!.message).toContain("the output's activation");
  });
  it("its value is f(z) entry by entry: a = σ(z) holds, shifted or plus one it fails; without it σ(z) is not read", () => {
    const r = doc(
      `${fwd}\n\n$$a_{ij} = \\sigma(z_{ij})$$\n\n$$a_{ij} = \\sigma(z_{ij}) + 1$$\n\n$$\\sigma(z_{ij}) = a_{i+1,j}$$`,
      layer,
    );
    expect(r.slice(2).map((x) => x.status)).toEqual(["holds", "fails", "fails"]);
    expect(doc("$$y_{ij} = \\sigma(y_{ij})$$", layer)[0]!.status).toBe("skipped");
  });
  it("a derivative of a (Wichmann's ∂A_{ij}/∂W_{mn} = σ'(Z_{ij}) ∂Z_{ij}/∂W_{mn}, true) is skipped, never read as 0", () => {
    const r = doc(
      [
        fwd,
        "$$\\frac{\\partial a_{ij}}{\\partial w_{mn}} = \\sigma'(z_{ij}) x_{i+m-1,j+n-1}$$",
        "$$\\frac{\\partial a_{ij}}{\\partial w_{mn}} = 0$$",
        "$$\\frac{\\partial L}{\\partial w_{mn}} = \\sum_{i=1}^{2}\\sum_{j=1}^{2} \\frac{\\partial L}{\\partial a_{ij}} \\frac{\\partial a_{ij}}{\\partial w_{mn}}$$",
        "$$\\frac{\\partial z_{ij}}{\\partial a_{ij}} = 1$$",
      ].join("\n\n"),
      layer,
    );
    expect(r.slice(2).map((x) => x.status)).toEqual(["skipped", "skipped", "skipped", "skipped"]);
  });
  it("for every layer (o^l = f(x^l) beside the forward pass of x^l), and indexed as the output is (a centred kernel)", () => {
    const tagged = doc(
      [
        "$$x^l_{ij} = \\sum_{m=1}^{2}\\sum_{n=1}^{2} w^l_{mn} o^{l-1}_{i+m-1,j+n-1} + b^l$$",
        "$$o^l_{ij} = f(x^l_{ij})$$",
        "$$\\frac{\\partial E}{\\partial x^l_{ij}} = \\frac{\\partial E}{\\partial o^l_{ij}} f'(x^l_{ij})$$",
        "$$\\frac{\\partial E}{\\partial x^l_{ij}} = \\frac{\\partial E}{\\partial o^l_{ij}} f'(x^l_{i,1})$$",
      ].join("\n\n"),
      layer,
    );
    expect(tagged.slice(2).map((x) => x.status)).toEqual(["holds", "fails"]);
    // Shestakov's I_{i,j} = Σ_{-1 ≤ a,b ≤ 1} W_{a,b} X_{i+a,j+b} (outputs at the windows' centres), O = f(I)
    const centred = doc(
      [
        "$$ I_{i,j} = \\sum\\limits_{-1 \\leq a,b \\leq 1} W_{a,b}X_{i+a, j+b} $$",
        "$$ O_{i,j} = f(I_{i,j}) $$",
        "$$ \\frac{\\partial L}{\\partial I_{i,j}} = \\frac{\\partial L}{\\partial O_{i,j}} f'(I_{i,j}) $$",
      ].join("\n\n"),
      { input: [5, 5], kernel: [3, 3], op: "xcorr", indexBase: 0 },
    );
    expect(centred.map((x) => x.status)).toEqual(["definition", "definition", "holds"]);
  });
});

describe("primed names: O', w', y_3^\\prime are names of their own (Gogia's O' = ∂L/∂O, LMU's y_i^\\prime)", () => {
  const layer = { input: [4, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 1 };
  it("unindexed: O' = ∂L/∂O is the output gradient; ∂L/∂F = X * O' holds, X * O (no prime) is another tensor", () => {
    const r = doc(
      [
        "$$O_{ij} = \\sum_{m=1}^{2}\\sum_{n=1}^{2} X_{i+m-1,j+n-1} F_{mn}$$",
        "$$O' = \\frac{\\partial L}{\\partial O}$$",
        "$$\\frac{\\partial L}{\\partial F} = X * O'$$",
        "$$\\frac{\\partial L}{\\partial X} = O' * F$$",
      ].join("\n\n"),
      layer,
    );
    expect(r.map((x) => x.status)).toEqual(["definition", "definition", "holds", "fails"]);
    expect(r[1]!.message).toContain("O' = ∂J/∂O");
  });
  it("indexed with the prime as a superscript after the subscript: y_3^\\prime is y' at 3", () => {
    const one1 = { input: [5], kernel: [3], op: "xcorr" as const, indexBase: 1 };
    const r = doc(
      [
        "$$y_i = \\sum_{k=1}^{3} w_k x_{i+k-1}$$",
        "Let $y_i^\\prime = \\partial L/\\partial y_i$.",
        "$$\\frac{\\partial L}{\\partial x_3} = y_3^\\prime w_1 + y_2^{\\prime} w_2 + y_1^\\prime w_3$$",
        "$$\\frac{\\partial L}{\\partial x_3} = y_3^\\prime w_1 + y_2^{\\prime} w_2 + y_1^\\prime w_1$$",
      ].join("\n\n"),
      one1,
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "definition", "holds", "fails"]);
  });
  it("a primed index stays an index (w[a', b'], x_{i+m'}), and an unknown primed name is skipped, never guessed", () => {
    const r = doc(
      [
        "$$\\frac{\\partial L}{\\partial w[a', b']} = \\sum_{i=1}^{3}\\sum_{j=1}^{3} \\frac{\\partial L}{\\partial y_{ij}} x_{i+a'-1,j+b'-1}$$",
        "$$\\frac{\\partial L}{\\partial X} = \\frac{\\partial L}{\\partial Y} * w'$$",
      ].join("\n\n"),
      layer,
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "skipped"]);
    expect(r[1]!.message).toContain("w' is not a tensor");
  });
});

describe("a one-row image (LMU's 'X is a vector of c(X) = 6 elements'): one index names the position along its row", () => {
  const row = { input: [1, 6], kernel: [1, 3], op: "xcorr" as const, indexBase: 1 };
  const text = [
    "$$y_{ij}=\\sum_{k=1}^{r(\\textbf{K})}\\sum_{l=1}^{c(\\textbf{K})}x_{i+k-1,j+l-1}\\cdot k_{kl}$$",
    "$$\\frac{\\partial L}{\\partial x_3}=\\frac{\\partial L}{\\partial y_3} k_1+\\frac{\\partial L}{\\partial y_2} k_2+\\frac{\\partial L}{\\partial y_1} k_3$$",
    "$$\\frac{\\partial L}{\\partial x_2}=\\frac{\\partial L}{\\partial y_1} k_2+\\frac{\\partial L}{\\partial y_3} k_1$$",
    "$$\\frac{\\partial L}{\\partial k_{i}}=\\sum_{j=1}^{4}\\frac{\\partial L}{\\partial y_{j}} x_{i+j-1}$$",
  ].join("\n\n");
  it("x_3, k_1, y_3 are x_{1,3}, k_{1,1}, y_{1,3}: the true rows hold, the slipped one fails, k_i runs over the row", () => {
    const r = doc(text, row);
    expect(r.map((x) => x.status)).toEqual(["definition", "holds", "fails", "holds"]);
    expect(r[3]!.message).toContain("over 3 values");
  });
  it("on an image of two rows one index is not read (which row?): skipped, never guessed", () => {
    const r = doc(text, { ...row, input: [2, 6], kernel: [1, 3] });
    expect(r.slice(1).map((x) => x.status)).toEqual(["skipped", "skipped", "skipped"]);
  });
});

describe("r(X), c(\\textbf{K}): a matrix's rows and columns in a size equation (LMU's r(Y) = r(X) − r(K) + 1)", () => {
  it("read as the sizes of the tensors named: the true relations hold, rows for columns fails", () => {
    const r = doc(
      [
        "$$r(\\textbf{Y})=r(\\textbf{X})-r(\\textbf{W})+1$$",
        "$$c(Y)=c(X)-c(W)+1$$",
        "$$c(\\textbf{Y})=c(\\textbf{X})-r(\\textbf{W})+1$$",
        "$$r(\\textbf{Q})=r(\\textbf{X})-1$$",
      ].join("\n\n"),
      { input: [3, 6], kernel: [2, 3], op: "xcorr", indexBase: 1 },
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "holds", "fails", "skipped"]);
  });
});

describe("\\underbrace{…}_{Z_{ij}}: a part labelled with a name states what it is (Wichmann's A = σ(\\underbrace{…}_{Z_{ij}}))", () => {
  const layer = { input: [3, 3], kernel: [2, 2], op: "xcorr" as const, indexBase: 1, bias: true };
  const dw = (f: string) =>
    `$$\\frac{\\partial L}{\\partial w_{mn}} = \\sum_{i=1}^{2}\\sum_{j=1}^{2} \\frac{\\partial L}{\\partial A_{ij}} ${f} x_{i+m-1,j+n-1}$$`;
  it("teaches A = σ(Z) with Z the output (said on its line): a gradient through A with σ' holds, without it fails", () => {
    const r = doc(
      [
        "$$A_{ij}=\\sigma\\left(\\underbrace{\\sum_{m=1}^{2}\\sum_{n=1}^{2}w_{mn}x_{i+m-1,j+n-1}+b}_{Z_{ij}}\\right)$$",
        dw("\\sigma'(Z_{ij})"),
        dw(""),
      ].join("\n\n"),
      layer,
    );
    expect(r.slice(1).map((x) => x.status)).toEqual(["holds", "fails"]);
    const said = r[0]!.details.join(" ");
    expect(said).toContain("read from its \\underbrace label: the forward pass: Y = Z");
    expect(said).toContain("A = \\sigma(Z) is the output's activation");
  });
  it("a label in words names nothing: A stays unknown, skipped", () => {
    const r = doc(
      [
        "$$A_{ij}=\\sigma\\left(\\underbrace{\\sum_{m=1}^{2}\\sum_{n=1}^{2}w_{mn}x_{i+m-1,j+n-1}+b}_{\\text{the sum } Z_{ij}}\\right)$$",
        dw("\\sigma'(Z_{ij})"),
      ].join("\n\n"),
      layer,
    );
    expect(r[1]!.status).toBe("skipped");
  });
});

describe("XH, XW, FH, FW: the input's and the filter's height and width (an IFT780 assignment's H' = 1 + (XH + 2·pad − FH)/stride)", () => {
  it("read on their own axes beside H', W' and the words pad, stride: the true sizes hold, FH on the width fails", () => {
    const r = doc(
      [
        "$$H' = 1 + (XH + 2 \\cdot pad - FH)/stride$$",
        "$$W' = 1 + (XW + 2 \\cdot pad - FW)/stride$$",
        "$$W' = 1 + (XW + 2 \\cdot pad - FH)/stride$$",
      ].join("\n\n"),
      { input: [5, 8], kernel: [3, 2], op: "xcorr", indexBase: 0, stride: [2, 2], padding: [[1, 1], [1, 1]] },
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "holds", "fails"]);
  });
});

describe("H^{l} beside H^{l-1}: one size letter at two consecutive layers is the output's and the input's (Shenjian's homework)", () => {
  const layer = { input: [5, 7], kernel: [3, 2], op: "xcorr" as const, indexBase: 0, padding: [[1, 1], [1, 1]] as [number, number][] };
  it("H and W read on their own axes with P_h, K_h, S_h: the true sizes hold, K_h on the width fails", () => {
    const r = doc(
      [
        "$$H^{l} = \\left\\lfloor \\frac{H^{l-1} + 2P_h - K_h}{S_h} + 1 \\right\\rfloor$$",
        "$$W^{l} = \\left\\lfloor \\frac{W^{l-1} + 2P_w - K_w}{S_w} + 1 \\right\\rfloor$$",
        "$$W^{l} = W^{l-1} + 2P_w - K_h + 1$$",
      ].join("\n\n"),
      layer,
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "holds", "fails"]);
  });
  it("a letter that names no axis (n^{(l)} = n^{(l-1)} − m + 1 beside a kernel size of one axis) is not judged", () => {
    const r = doc("$$n^{(l)} = n^{(l-1)} - m + 1$$", { ...layer, padding: [[0, 0], [0, 0]] }, undefined);
    expect(r[0]!.status).not.toBe("fails");
    expect(r[0]!.status).not.toBe("holds");
  });
});

describe("sizes named by an index's range (Dou's 'the input is $x[i]$ ($0 \\leq i \\leq I - 1$)'), and a relation's worked value", () => {
  const layer = { input: [10], kernel: [3], op: "xcorr" as const, indexBase: 0, stride: [2], padding: [[1, 1]] as [number, number][] };
  const ranges = [
    "- The input is $x[i]$ ($0 \\leq i \\leq I - 1$).",
    "- The output is $y[t]$ ($0 \\leq t \\leq T-1$).",
    "- The kernel is $w[\\tau]$ ($0 \\leq \\tau \\leq K - 1$).",
  ].join("\n");
  it("I, T, K are the input's, output's and kernel's lengths: T = 1 + ⌊(I − K + 2p)/s⌋ holds, with +K fails", () => {
    const r = doc(
      `${ranges}\n\n$$T = 1 + \\lfloor (I - K + 2p)/s \\rfloor$$\n\n$$T = 1 + \\lfloor (I + K + 2p)/s \\rfloor$$`,
      layer,
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "fails"]);
    expect(r[0]!.message).toContain("T = 5");
  });
  it("a value worked out beside it is checked with it (= 5 holds); another example's value (= 6) is not a verdict", () => {
    const r = doc(
      `${ranges}\n\n$$T=1+\\lfloor(I-K+2p)/s \\rfloor=5$$\n\n$$T=1+\\lfloor(I-K+2p)/s \\rfloor=6$$\n\nLet $I=10,~K=3$.`,
      layer,
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "skipped", "skipped", "skipped"]);
    expect(r[1]!.message).toContain("a worked example's");
    expect(r[3]!.message).toContain("K = 3 states a number");
  });
  it("a range that does not count from 0 to N − 1 or from 1 to N names no size", () => {
    const r = doc("- The input is $x[i]$ ($0 \\leq i \\leq I$).\n\n$$T = 1 + \\lfloor (I - 3 + 2p)/s \\rfloor$$", layer);
    expect(r[0]!.status).not.toBe("holds");
    expect(r[0]!.status).not.toBe("fails");
  });
});

describe("Rico Jia's rows: \\frac{J}{x_{11}} (both ∂ left out) and an ellipsis alone on the display's last line", () => {
  const layer = { input: [4, 4], kernel: [3, 3], op: "xcorr" as const, indexBase: 1 };
  it("J over an entry is ∂J/∂x (said); the rows hold or fail; the closing ... is the rows left out, not terms", () => {
    const r = doc(
      [
        "$$",
        "\\begin{gather*}",
        "\\frac{J}{x_{11}} = \\frac{J}{y_{11}}k_{11}",
        "\\\\ \\frac{J}{x_{12}} = \\frac{J}{y_{11}}k_{12} + \\frac{J}{y_{12}}k_{11}",
        "\\\\ \\frac{J}{x_{13}} = \\frac{J}{y_{11}}k_{13} + \\frac{J}{y_{12}}k_{12} + \\frac{J}{y_{12}}k_{11}",
        "...",
        "\\end{gather*}",
        "$$",
      ].join("\n"),
      layer,
      "W=k",
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "holds", "fails"]);
    expect(r[0]!.details.join(" ")).toContain("\\frac{J}{x_{11}}) is read as");
    expect(r[2]!.message).toContain("extra δy₁₂·w₁₁");
  });
  it("an ellipsis after an operator still elides terms; J over a number stays a quotient", () => {
    const r = doc("$$\\frac{\\partial J}{\\partial x_{13}} = \\frac{\\partial J}{\\partial y_{11}} w_{13} +\n...$$", layer);
    expect(r[0]!.message).toContain("elides");
    expect(doc("$$\\frac{J}{2} = \\frac{J}{x_{11}}$$", layer)[0]!.details.join(" ")).not.toContain("∂J/∂2");
  });
});

describe("a gradient beside a Jacobian of whole tensors is the chain rule's sum (Zaki's ∂L/∂F = ∂O/∂F × ∂L/∂O)", () => {
  const layer = { input: [4, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 1 };
  it("either way round, ×, · or side by side: Σ_o ∂L/∂O_o ∂O_o/∂W holds; by the wrong tensor it fails; dy^T is not read", () => {
    const r = doc(
      [
        "$$\\frac{\\partial L}{\\partial W} = \\frac{\\partial Y}{\\partial W} \\times \\frac{\\partial L}{\\partial Y}$$",
        "$$\\frac{\\partial L}{\\partial X} = \\frac{\\partial L}{\\partial Y} \\cdot \\frac{\\partial Y}{\\partial X}$$",
        "$$\\frac{\\partial L}{\\partial W} = \\frac{\\partial L}{\\partial Y}\\frac{\\partial Y}{\\partial X}$$",
        "$$\\frac{\\partial L}{\\partial X} = dY^T \\cdot \\frac{\\partial Y}{\\partial X}$$",
      ].join("\n\n"),
      layer,
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "holds", "fails", "skipped"]);
  });
});

describe("∂L/∂O * ∂O/∂F (CXianRen, aaumar): * between a gradient and a Jacobian is the chain rule's product, said", () => {
  it("holds with the reading said; by the wrong tensor it fails", () => {
    const layer = { input: [4, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 1 };
    const r = doc(
      [
        "$$\\frac{\\partial L}{\\partial W} = \\frac{\\partial L}{\\partial Y} * \\frac{\\partial Y}{\\partial W}$$",
        "$$\\frac{\\partial L}{\\partial W} = \\frac{\\partial L}{\\partial Y} * \\frac{\\partial Y}{\\partial X}$$",
      ].join("\n\n"),
      layer,
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "fails"]);
    expect(r[0]!.details.join(" ")).toContain("* between a gradient and a Jacobian is read as the chain rule's product");
  });
});

describe("Thorey's Hh, Hw beside CS231n's HH, WW: the output's height and width", () => {
  it("Hh = 1 + (H + 2P − HH)/S holds at the layer's sizes; with 2HH it fails; without HH beside it Hh is not read", () => {
    const spec = { input: [5, 5], kernel: [3, 3], op: "xcorr" as const, indexBase: 0, stride: [2, 2] };
    const r = doc(
      ["$$ Hh = 1 + (H + 2P - HH) / S.$$", "$$ Hh = 1 + (H + 2P - 2HH) / S.$$", "$$ Hh = 1 + (H - 3) / S.$$"].join("\n\n"),
      spec,
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "fails", "skipped"]);
  });
});

describe("ranges written beside a row that bound its bare sums (yizt's and Leon's &i \\in [0,1], j \\in [0,2])", () => {
  const layer = { input: [4, 4], kernel: [2, 2], op: "xcorr" as const, indexBase: 0 };
  it("read as the sums' bounds (said): the right range holds, a row copied with a wrong one fails", () => {
    const r = doc(
      [
        "$$\\begin{align}",
        "&\\delta x_{1,2} = \\sum_i \\sum_j \\delta y_{i,j} w_{1-i,2-j} &i \\in [0,1],j \\in [1,2] \\\\",
        "&\\delta x_{1,2} = \\sum_i \\sum_j \\delta y_{i,j} w_{1-i,2-j} &i \\in [0,1],j \\in [2,2] \\\\",
        "\\end{align}$$",
      ].join("\n"),
      layer,
    );
    expect(r.map((x) => x.status)).toEqual(["holds", "fails"]);
    expect(r[0]!.details.join(" ")).toContain("read with the ranges written beside it (i \\in [0,1],j \\in [1,2]) as its sums' bounds");
  });
  it("a range of a sum that has its own, or of no sum, is still not read", () => {
    const r = doc(
      "$$\\begin{align}&\\delta x_{1,2} = \\sum_{i=0}^{2} \\sum_j \\delta y_{i,j} w_{1-i,2-j} &i \\in [0,1],j \\in [1,2]\\end{align}$$",
      layer,
    );
    expect(r[0]!.status).toBe("skipped");
    expect(r[0]!.message).toContain("the ranges written beside it");
  });
});
