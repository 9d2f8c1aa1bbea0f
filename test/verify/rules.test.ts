/**
 * The closed-form rules `derive` prints are formulas of the verify language: for every
 * configuration (stride, dilation, lo:hi padding, both ops, 1-3-D), `verify` reads the printed
 * ΔX and ΔW rule back and finds that it holds against the chain-rule gradients (which
 * gradients.property.test.ts checks against the brute-force oracle). The language pieces the rules
 * need — pad(A, lo:hi, …), crop, dilate per axis, conv(…, stride=s) — are checked on hand-computed
 * cases.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { derive } from "../../src/derive.js";
import { layerArb, specOf } from "../core/helpers.js";
import { check, one, parseOne } from "./helpers.js";
import { verifyDocument } from "../../src/verify/run.js";
import { printNode } from "../../src/lang/print.js";
import { forwardText } from "../../src/print/describe.js";

const plainLayer = layerArb.map((L) => ({ ...L, inChannels: null, outChannels: null, groups: 1, batch: null }));

/** Each formula holds when verify reads it with the layer's own flags. */
function readsBack(d: ReturnType<typeof derive>, formulas: readonly string[]): void {
  for (const f of formulas) {
    const r = one(f, d);
    expect(r.status, `${f}: ${r.message}`).toBe("holds");
  }
}

describe("printed rules verify", () => {
  it("every configuration without channels: the printed forward pass and ΔX, ΔW and δb rules hold when read back", () => {
    fc.assert(
      fc.property(plainLayer, (L) => {
        const d = derive(specOf(L));
        expect(d.checks.every((c) => c.holds === true)).toBe(true);
        // Y = xcorr(pad(X), dilate(W, 2), stride=2) + b   (xcorr: …)
        readsBack(d, [forwardText(d.config).replace(/ {3}\(.*$/, ""), ...d.checks.map((c) => c.rule)]);
      }),
      { numRuns: 150, seed: 20261127, endOnFailure: true },
    );
  });

  it("every configuration with channels, groups and batch: the printed ΔX, ΔW and δb rules hold when read back", () => {
    const withChannels = layerArb.filter((L) => L.inChannels !== null || L.outChannels !== null || L.batch !== null);
    fc.assert(
      fc.property(withChannels, (L) => {
        const d = derive(specOf(L));
        expect(d.checks.every((c) => c.holds === true)).toBe(true);
        readsBack(d, d.checks.map((c) => c.rule));
      }),
      { numRuns: 120, seed: 1127, endOnFailure: true },
    );
  });

  it("a grouped layer's rule pairs each channel with its own group only", () => {
    // 4 → 2 channels in 2 groups (Cig = 2, Cog = 1), 1-D: ΔX[c] takes ΔY[q] and W[q, e] of c's group q only
    const d = derive({ input: [5], kernel: [2], inChannels: 4, outChannels: 2, groups: 2 });
    const dX = d.checks.find((c) => c.target === "dX")!;
    expect(dX.rule).toBe("ΔX[c] = Σ_{q=1}^{2} Σ_{o=1}^{1} Σ_{e s.t. 2q-2+e = c} Rot180(W[q-1+o,e]) *full ΔY[q-1+o]");
    // the ungrouped form (every o with W[o, c]) is false here: W[o, 3] does not exist, so c = 3, 4 get nothing
    expect(one("ΔX[c] = Σ_o Rot180(W[o,c]) *full ΔY[o]", d).status).toBe("fails");
    // true convolution, 0-based: y[o][p] = Σ_{e,k} x[2o+e][p+k]·w[o][e][1−k]; x[2][0] (channel 3, group 2,
    // e = 0) appears only in y[1][0], with k = 0: δx_{3,1} = δy_{2,1}·w_{2,1,2} (1-based)
    expect(one("δx_{3,1} = δy_{2,1} w_{2,1,2}", d).status).toBe("holds");
    expect(one("δx_{3,1} = δy_{2,1} w_{2,1,1}", d).status).toBe("fails");
  });

  // Input 7, kernel 2, stride 3 (xcorr, valid): y1 = x1w1 + x2w2, y2 = x4w1 + x5w2 (0-based
  // windows at 0 and 3); x6, x7 are never reached: a = (7 − 1 − 1) mod 3 = 2.
  const strided = () => derive({ input: [7], kernel: [2], stride: 3, op: "xcorr" });

  it("stride 3, input 7: the rule pads the a = 2 unreached rows, and forgetting them fails", () => {
    const d = strided();
    const dX = d.checks.find((c) => c.target === "dX")!;
    const dW = d.checks.find((c) => c.target === "dW")!;
    // dilate(ΔY, 3) = [δy1, 0, 0, δy2]; padded 1:3 → [0, δy1, 0, 0, δy2, 0, 0, 0]; ⋆ [w2, w1]:
    // δx = [δy1w1, δy1w2, 0, δy2w1, δy2w2, 0, 0]
    expect(dX.rule).toBe("ΔX = pad(dilate(ΔY, 3), 1:3) ⋆ Rot180(W)");
    // crop(X, 0:2) = [x1..x5] ⋆ [δy1, 0, 0, δy2] → δw1 = x1δy1 + x4δy2, δw2 = x2δy1 + x5δy2
    expect(dW.rule).toBe("ΔW = crop(X, 0:2) ⋆ dilate(ΔY, 3)");
    expect(one("δx2 = δy1 w2", d).status).toBe("holds");
    expect(one("δw2 = x2 δy1 + x5 δy2", d).status).toBe("holds");
    // output_padding forgotten: 5 entries where X has 7
    expect(one("ΔX = pad(dilate(ΔY, 3), 1) ⋆ Rot180(W)", d).status).not.toBe("holds");
    // ΔY not dilated by the stride
    expect(one("ΔX = pad(ΔY, 1:3) ⋆ Rot180(W)", d).status).not.toBe("holds");
  });

  it("pad with lo:hi spans per axis, negative amounts and crop", () => {
    const d = derive({ input: [2, 3], kernel: [1, 1], op: "xcorr" });
    // pad(X, 1:0, 0:1) is 3×4 with x11 at (2, 1); crop takes back exactly that
    expect(one("(pad(X, 1:0, 0:1))_{2,1} = x11", d).status).toBe("holds");
    expect(one("(pad(X, 1:0, 0:1))_{1,1} = 0", d).status).toBe("holds");
    expect(one("crop(pad(X, 1:0, 0:1), 1:0, 0:1) = X", d).status).toBe("holds");
    expect(one("pad(X, 0, 0:-2) = crop(X, 0, 0:2)", d).status).toBe("holds");
    expect(one("(crop(X, 0:1))_{1,1} = x11", d).status).toBe("holds");
    const bad = one("pad(X, 1:0, 0:1, 2) = X", d);
    expect(bad.status).not.toBe("holds");
    expect(bad.message).toMatch(/3 padding spans for a 2×3 matrix/);
    expect(one("crop(X, 2:0) = X", d).message).toMatch(/crops the 2×3 matrix to nothing/);
  });

  it("dilate per axis and conv/xcorr with a stride", () => {
    const d = derive({ input: [3, 3], kernel: [1, 1], op: "xcorr" });
    // dilate(X, 2, 1) is 5×3: rows 1, 3, 5 are X's rows
    expect(one("(dilate(X, 2, 1))_{3,2} = x22", d).status).toBe("holds");
    expect(one("(dilate(X, 2, 1))_{2,2} = 0", d).status).toBe("holds");
    // xcorr(X, W, stride=2) with a 1×1 kernel keeps x11, x13, x31, x33 (times w11)
    expect(one("(xcorr(X, W, stride=2))_{2,2} = x33 w11", d).status).toBe("holds");
    expect(one("(xcorr(X, W, stride=(1, 2)))_{3,2} = x33 w11", d).status).toBe("holds");
    expect(one("(xcorr(X, W, valid, stride=(2, 1)))_{2,3} = x33 w11", d).status).toBe("holds");
  });

  it("prints what it parses", () => {
    for (const s of ["pad(X, 1:2, 0)", "crop(ΔY, 0:1)", "dilate(W, 2, 1)", "xcorr(X, W, valid, stride=(2, 1))", "conv(X, W, stride=2)", "conv(X, W, full)"]) {
      const [n] = parseOne(`A = ${s}`.replace("A = ", ""));
      expect(printNode(n!)).toBe(s);
    }
  });

  it("a keyword other than stride is a parse error, not silently dropped", () => {
    const r = check("ΔW = xcorr(X, ΔY, strides=2)", derive({ input: [3, 3], kernel: [2, 2], op: "xcorr" }));
    expect(r[0]!.status).toBe("error");
  });

  describe("the classic mistakes, by name", () => {
    it("the a rows the stride never reaches (output_padding) forgotten in ΔX, and left in X for ΔW", () => {
      const d = strided();
      const dx = one("ΔX = pad(dilate(ΔY, 3), 1) ⋆ Rot180(W)", d);
      expect(dx.status).toBe("fails");
      expect(dx.message).toContain("the 2 input rows the stride never reaches are missing");
      expect(dx.message).toContain("output_padding");
      expect(dx.message).toContain("ΔX = pad(dilate(ΔY, 3), 1:3) ⋆ Rot180(W)");
      const dw = one("ΔW = X ⋆ dilate(ΔY, 3)", d);
      expect(dw.status).toBe("fails");
      expect(dw.message).toContain("X's last 2 rows, which the stride never reaches, must be cropped away");
      expect(dw.message).toContain("ΔW = crop(X, 0:2) ⋆ dilate(ΔY, 3)");
    });

    it("ΔY not dilated by the stride (per axis)", () => {
      // input 5×4, kernel 3×2, stride 2×1: a = (5−3) mod 2 = 0, (4−2) mod 1 = 0
      const d = derive({ input: [5, 4], kernel: [3, 2], stride: [2, 1], op: "xcorr" });
      const r = one("ΔX = pad(ΔY, 2:2, 1:1) ⋆ Rot180(W)", d);
      expect(r.status).toBe("fails");
      expect(r.message).toContain("holds with ΔY dilated by the stride 2×1");
      expect(r.message).toContain("ΔX = pad(dilate(ΔY, 2, 1), 2, 1) ⋆ Rot180(W)");
    });

    it("padding computed with the undilated kernel size", () => {
      // input 6, kernel 3, dilation 2: the kernel spans d(K−1) + 1 = 5, so ΔX pads ΔY (2 entries) by 4
      const d = derive({ input: [6], kernel: [3], dilation: 2, op: "xcorr" });
      const r = one("ΔX = pad(ΔY, 2) ⋆ dilate(Rot180(W), 2)", d);
      expect(r.status).toBe("fails");
      expect(r.message).toContain("the padding uses the undilated kernel size K − 1 = 2; a dilated kernel spans d(K − 1) = 4");
      expect(one("ΔX = pad(ΔY, 4) ⋆ dilate(Rot180(W), 2)", d).status).toBe("holds");
    });

    it("'same' padding of an even kernel: the reversed kernel needs the mirror", () => {
      // convgrad's same pads lo:hi = ceil(1/2):floor(1/2) = 1:0 for K = 2 (docs/CONVENTIONS.md), so
      // δx[u] = Σ_p δy[p]·w[u + 1 − p] (0-based) needs ΔY padded 0:1 against Rot180(W)
      const d = derive({ input: [5, 5], kernel: [2, 2], padding: "same", op: "xcorr" });
      const r = one("ΔX = ΔY ⋆same Rot180(W)", d);
      expect(r.status).toBe("fails");
      expect(r.message).toContain("the padding is mirrored: the forward pass pads 1:0");
      expect(r.message).toContain("ΔX = pad(ΔY, 0:1) ⋆ Rot180(W)");
    });
  });

  describe("conv_transpose as PyTorch defines it", () => {
    it("stride 3, input 7: ΔX = conv_transpose(ΔY, W, stride=3, output_padding=2), and the output_padding is needed", () => {
      // PyTorch: out[3i + k] += in[i]·w[k], length (2 − 1)·3 + 2 + output_padding = 7:
      // [δy1w1, δy1w2, 0, δy2w1, δy2w2, 0, 0] — the δx of y[p] = Σ_k x[3p + k]·w[k]
      const d = strided();
      expect(one("ΔX = conv_transpose(ΔY, W, stride=3, output_padding=2)", d).status).toBe("holds");
      expect(one("ΔX = conv\\_transpose(ΔY, W, stride=3, output\\_padding=2)", d).status).toBe("holds");
      const short = one("ΔX = conv_transpose(ΔY, W, stride=3)", d);
      expect(short.status).toBe("fails");
      expect(short.message).toContain("ΔX is 7 but conv_transpose(ΔY, W, stride=3) is 5");
      expect(one("ΔX = conv_transpose(ΔY, W, stride=3, output_padding=3)", d).message).toContain("output_padding must be smaller than the stride or the dilation");
    });

    it("every layer without channels with symmetric padding: ΔX is conv_transpose with the rows the stride left, Rot180(W) for true convolution", () => {
      fc.assert(
        fc.property(plainLayer, (L) => {
          const d = derive(specOf(L), { checks: false });
          const c = d.config;
          fc.pre(c.padding.every(([lo, hi]) => lo === hi)); // PyTorch pads both sides alike
          const list = (vs: readonly number[]) => (vs.length === 1 ? String(vs[0]) : `(${vs.join(", ")})`);
          // a = (H + 2p − d(K−1) − 1) mod s, written out here from the layer, not taken from the engine
          const a = c.input.map((H, x) => (H + 2 * c.padding[x]![0] - c.dilation[x]! * (c.kernel[x]! - 1) - 1) % c.stride[x]!);
          const w = c.op === "conv" ? "Rot180(W)" : "W";
          const f = `ΔX = conv_transpose(ΔY, ${w}, stride=${list(c.stride)}, padding=${list(c.padding.map((p) => p[0]))}, output_padding=${list(a)}, dilation=${list(c.dilation)})`;
          const r = one(f, d);
          expect(r.status, `${f}: ${r.message}`).toBe("holds");
        }),
        { numRuns: 100, seed: 271127, endOnFailure: true },
      );
    });

    it("a keyword the function does not take is a parse error naming the ones it does", () => {
      const d = strided();
      const r = one("ΔX = conv_transpose(ΔY, W, strides=3)", d);
      expect(r.status).toBe("error");
      expect(r.message).toContain("expected stride= or padding= or output_padding= or dilation=");
      expect(one("ΔX = xcorr(ΔY, W, padding=1)", d).message).toContain("expected stride=");
      expect(one("ΔX = conv_transpose(ΔY, W, stride=3, stride=3)", d).message).toContain("stride only once");
    });

    it("prints what it parses", () => {
      const [n] = parseOne("conv_transpose(ΔY, W, stride=2, padding=(1, 0), output_padding=1)");
      expect(printNode(n!)).toBe("conv_transpose(ΔY, W, stride=2, padding=(1, 0), output_padding=1)");
    });
  });

  it("a strided forward pass written infix: *_{s=2}, \\star_{stride=2}, *_{stride2}", () => {
    // 5×5, kernel 3×3, stride 2, padding 1: y11 = w22 x11 + w23 x12 + w32 x21 + w33 x22 (cross-correlation)
    const d = derive({ input: [5, 5], kernel: [3, 3], stride: 2, padding: 1, op: "xcorr" });
    for (const f of ["Y = pad(X) *_{s=2} W", "Y = pad(X) \\star_{stride=2} W", "Y = pad(X) *_{stride2} W"]) expect(one(f, d).status, f).toBe("holds");
    expect(one("y11 = w22 x11 + w23 x12 + w32 x21 + w33 x22", d).status).toBe("holds");
    const wrong = one("Y = pad(X) *_{s=3} W", d);
    expect(wrong.status).toBe("fails");
    expect(wrong.message).toContain("pad(X) *_{s=3} W is 2×2");
    expect(one("Y = pad(X) *_{t=2} W", d).status).toBe("error");
  });

  it("a matrix-form forward pass with the source's names teaches the names, not the operator", () => {
    // Inada's stride-2 post (corpus 18): Z = zero_pad(a_prev) *_{stride2} W, for X 4×4, W 3×3, padding 1
    const d = derive({ input: [4, 4], kernel: [3, 3], stride: 2, padding: 1, op: "xcorr" });
    const doc = ["$$Z = zero\\_pad(a_{prev}) *_{stride2} W$$", "$$Z = xcorr(pad(a_{prev}), W, stride=2)$$", "$$Z = a_{prev} *_{stride2} W$$"].join("\n");
    const [def, same, unpadded] = check(doc, d, "auto");
    expect(def!.status).toBe("definition");
    expect(def!.message).toContain("Y = Z, X = a_prev, W = W");
    expect(same!.status).toBe("holds");
    expect(unpadded!.status).toBe("fails");
    // the operator is the claim: Y = X ⋆ W on the lecture's true-convolution layer fails, it is not learned
    expect(one("Y = X \\star W").status).toBe("fails");
  });

  it("channels not swapped: W[c,o] for W[o,c] is named", () => {
    // 3 → 3 channels (square, so W[c,o] reads inside W and is simply the wrong entry)
    const d = derive({ input: [4, 4], kernel: [2, 2], inChannels: 3, outChannels: 3, op: "xcorr" });
    expect(one("ΔX[c] = Σ_o ΔY[o] ⋆full Rot180(W[o,c])", d).status).toBe("holds");
    const r = one("ΔX[c] = Σ_o ΔY[o] ⋆full Rot180(W[c,o])", d);
    expect(r.status).toBe("fails");
    expect(r.message).toContain("the kernel's channel indices are swapped");
    // δx at channel 1, (1,1) takes δy of every output channel o at (1,1) times w[o,1,1,1] (hand expansion of the full correlation's corner)
    expect(one("δx_{1,1,1} = δy_{1,1,1} w_{1,1,1,1} + δy_{2,1,1} w_{2,1,1,1} + δy_{3,1,1} w_{3,1,1,1}", d).status).toBe("holds");
  });
});

describe("large layers: a full convolution keeps its small operand as the kernel", () => {
  it("ΔX = Rot180(W) *full ΔY holds at X 256×256, W 3×3 (a 3×3 against 254×254 once ran out of memory)", () => {
    const [r] = verifyDocument({ input: [256, 256], kernel: [3, 3] }, { file: "t", text: "ΔX = Rot180(W) *full ΔY", mode: "plain" }, { points: 3 });
    expect(r!.status).toBe("holds");
  });
  it("with the operands exchanged, cross-correlation full is the rotated result: both orders checked at 7×5 / 3×2", () => {
    const rs = verifyDocument({ input: [7, 5], kernel: [3, 2], op: "xcorr" }, { file: "t", text: "ΔX = ΔY ⋆full Rot180(W)\nΔX = Rot180(Rot180(W) ⋆full ΔY)\nΔX = Rot180(W) ⋆full ΔY", mode: "plain" }, { points: 3 });
    expect(rs.map((r) => r.status)).toEqual(["holds", "holds", "fails"]);
  });
});
