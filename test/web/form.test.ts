/**
 * The page's form (web/src/form.ts) reads values with the CLI's own parsers (src/cli/parse.ts); a
 * whole form must give the layer `derive` builds from the same flags, and the URL hash holds the
 * whole state. No browser needed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { specFromFlags } from "../../src/cli/derive.js";
import { normalizeConfig } from "../../src/conv/config.js";
import * as web from "../../web/src/form.js";

function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const SAMPLES = ["3x3", "7", "4x4x4", "3×3", "3,3", "0", "2x0", "x", "", " 5 ", "1x2x3x4", "-1", "+3", "2.5", "99999999999999999999", "valid", "same", "FULL", "1:2", "0:1x1:0", "1x2", "a:b", "3x", "01"];
const arbValue = fc.oneof(fc.constantFrom(...SAMPLES), fc.stringMatching(/^[0-9x×:, +-]{0,8}$/));

describe("the page's form reads values as the CLI does", () => {
  it("any field value: the form accepts what the CLI accepts, and refuses the rest with the CLI's message", () => {
    fc.assert(
      fc.property(fc.constantFrom("input", "kernel", "stride", "padding", "dilation", "groups", "indexBase"), arbValue, (field, value) => {
        const f: web.LayerForm = { ...web.LECTURE_FORM, [field]: value };
        // an empty field is a flag not given (the CLI then says a size is required, or takes its default)
        const flags: Record<string, string | boolean> = { op: f.op, indexBase: f.indexBase };
        for (const k of ["input", "kernel", "stride", "padding", "dilation", "groups"] as const) if (f[k].trim() !== "") flags[k] = f[k];
        const spec = (g: () => Parameters<typeof normalizeConfig>[0]) => outcome(() => normalizeConfig(g()));
        expect(spec(() => web.formToSpec(f))).toEqual(spec(() => specFromFlags(flags as unknown as Parameters<typeof specFromFlags>[0])));
      }),
      { numRuns: 300 },
    );
  });

  it("a whole form gives the layer `derive` builds from the same flags", () => {
    const forms: web.LayerForm[] = [
      web.LECTURE_FORM,
      { ...web.LECTURE_FORM, input: "5x5", kernel: "3x3", op: "xcorr", stride: "2", padding: "1", dilation: "1x2", bias: true, indexBase: "0" },
      { ...web.LECTURE_FORM, input: "6x6", kernel: "3x3", inChannels: "4", outChannels: "2", groups: "2", batch: "2", padding: "0:1x1:0" },
      { ...web.LECTURE_FORM, input: "9", kernel: "3", padding: "same" },
    ];
    for (const f of forms) {
      const args = web.layerArgs(f);
      const flags: Record<string, string | boolean> = { op: "conv", indexBase: "1" };
      for (let i = 0; i < args.length; i++) {
        const key = args[i]!.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
        if (args[i] === "--bias") flags.bias = true;
        else flags[key] = args[++i]!;
      }
      expect(normalizeConfig(web.formToSpec(f))).toEqual(normalizeConfig(specFromFlags(flags as unknown as Parameters<typeof specFromFlags>[0])));
    }
  });

  it("the URL hash holds the layer, the text and the verify pane's flags; the lecture's page has an empty hash", () => {
    expect(web.stateToHash({ form: web.LECTURE_FORM, text: "", ...web.NO_VERIFY_FIELDS })).toBe("");
    fc.assert(
      fc.property(
        fc.record({ input: fc.constantFrom("3x3", "5x5", "7"), op: fc.constantFrom("conv", "xcorr"), stride: fc.constantFrom("1", "2", "2x1"), bias: fc.boolean(), batch: fc.constantFrom("", "2") }),
        fc.string({ unit: "grapheme", maxLength: 200 }),
        fc.record({ fixed: fc.boolean(), roles: fc.constantFrom("", "X=o^{l-1}, W=w^l", "X=a, W=k, dY=g"), sizes: fc.constantFrom("", "M=5, N=4"), allSizes: fc.boolean() }),
        (part, text, verify) => {
          const s: web.PageState = { form: { ...web.LECTURE_FORM, ...part }, text, ...verify };
          expect(web.hashToState(web.stateToHash(s))).toEqual(s);
        },
      ),
    );
  });

  it("verify's command line: the form's layer, then the pane's flags; --all-sizes without --input/--kernel, with the form's number of axes", () => {
    const f: web.LayerForm = { ...web.LECTURE_FORM, input: "4x4", kernel: "3x3", op: "xcorr", indexBase: "0", bias: true };
    expect(web.verifyArgs(f, web.NO_VERIFY_FIELDS, "p.tex")).toEqual(["--input", "4x4", "--kernel", "3x3", "--op", "xcorr", "--bias", "--index-base", "0", "p.tex"]);
    expect(web.verifyArgs(web.LECTURE_FORM, { ...web.NO_VERIFY_FIELDS, fixed: true, roles: " X=a ", sizes: "M=2" }, "p.tex")).toEqual(["--input", "3x3", "--kernel", "2x2", "--op", "conv", "--index-base", "1", "--roles", "X=a", "--sizes", "M=2", "p.tex"]);
    expect(web.verifyArgs({ ...f, input: "7" , kernel: "3" }, { ...web.NO_VERIFY_FIELDS, allSizes: true }, "p.tex")).toEqual(["--op", "xcorr", "--bias", "--index-base", "0", "--all-sizes", "--dims", "1", "p.tex"]);
  });

  it("the layer a text's `% convgrad:` words ask for (null when they give none)", () => {
    expect(web.textForm(web.LECTURE_FORM, ["--roles", "X=a"])).toBeNull();
    expect(web.textForm(web.LECTURE_FORM, ["--roles", "X=a", "--input", "4x4", "--kernel=3x3", "--bias", "--op", "xcorr"])).toEqual({ ...web.LECTURE_FORM, input: "4x4", kernel: "3x3", bias: true, op: "xcorr" });
  });
});
