/**
 * Flag values, valid and not, through the CLI's parsing and derive(): the only failure allowed is
 * a UsageError naming the flag at fault (which the CLI prints as one line, exit 2) — never another
 * exception type (which would be an "internal error", exit 70, or a stack trace).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { specFromFlags, type ConfigFlags } from "../../src/cli/derive.js";
import { derive } from "../../src/derive.js";
import { UsageError } from "../../src/errors.js";

const BAD_SIZE = fc.constantFrom("0", "-1", "2.5", "3x", "x3", "3x3x3x3", "", " ", "1e3", "3×2", "3,2", "２", "0x0", "99999999999999999999", "NaN", "Infinity", "3X3", "+3", "0b11", "0x10");
const BAD_AXIS = fc.constantFrom("0", "-2", "1.5", "x", "", "1x0", "2x2x2x2");
const BAD_PAD = fc.constantFrom("VALID", "Same", "-1", "1:-1", "a:b", "1:2:3", "", "99999999999999999999", "1:99999999999999999999", "0:1");
const BAD_INT = fc.constantFrom("-1", "0", "1.5", "x", "", " 2 ", "1e2", "99999999999999999999");
/** Mostly valid values of rank d, sometimes a bad one. */
const mostly = <T,>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: bad });
const axes = (d: number, min: number, max: number) => fc.array(fc.integer({ min, max }), { minLength: d, maxLength: d }).map((a) => a.join("x"));

const flagsArb: fc.Arbitrary<ConfigFlags> = fc.integer({ min: 1, max: 3 }).chain((d) =>
  fc.record(
    {
      input: mostly(axes(d, 2, 5), BAD_SIZE),
      kernel: mostly(axes(d, 1, 3), BAD_SIZE),
      op: mostly(fc.constantFrom("conv", "xcorr"), fc.constantFrom("Conv", "corr", "")),
      stride: mostly(fc.oneof(axes(d, 1, 3), fc.integer({ min: 1, max: 3 }).map(String)), BAD_AXIS),
      padding: mostly(
        fc.oneof(
          fc.constantFrom("valid", "same", "full", "1", "2"),
          fc.array(fc.tuple(fc.nat(2), fc.nat(2)), { minLength: d, maxLength: d }).map((a) => a.map(([l, h]) => `${l}:${h}`).join("x")),
        ),
        BAD_PAD,
      ),
      dilation: mostly(fc.oneof(axes(d, 1, 2), fc.constant("1")), BAD_AXIS),
      inChannels: mostly(fc.integer({ min: 1, max: 4 }).map(String), BAD_INT),
      outChannels: mostly(fc.integer({ min: 1, max: 4 }).map(String), BAD_INT),
      groups: mostly(fc.integer({ min: 1, max: 2 }).map(String), BAD_INT),
      batch: mostly(fc.integer({ min: 1, max: 2 }).map(String), BAD_INT),
      bias: fc.boolean(),
      indexBase: mostly(fc.integer({ min: 0, max: 3 }).map(String), BAD_INT),
    },
    { requiredKeys: ["input", "kernel", "op", "indexBase"] },
  ),
);

const FLAG_OF: Record<string, string> = {
  input: "--input",
  kernel: "--kernel",
  op: "--op",
  stride: "--stride",
  padding: "--padding",
  dilation: "--dilation",
  inChannels: "--in-channels",
  outChannels: "--out-channels",
  groups: "--groups",
  batch: "--batch",
  indexBase: "--index-base",
};

describe("flag fuzzing (in-process)", () => {
  it("every outcome is a derivation or a UsageError naming a flag", () => {
    let ok = 0;
    fc.assert(
      fc.property(flagsArb, (o) => {
        try {
          const spec = specFromFlags(o);
          derive(spec, { maxTerms: 4000 });
          ok++;
        } catch (e) {
          if (!(e instanceof UsageError)) throw new Error(`not a UsageError for ${JSON.stringify(o)}: ${String(e)}`);
          expect(Object.values(FLAG_OF).concat(["--max-terms"])).toContain(e.input);
          expect(e.message).not.toMatch(/\n/);
          expect(e.message.length).toBeGreaterThan(e.input.length + 5);
        }
      }),
      { numRuns: 1500, seed: 61 },
    );
    expect(ok).toBeGreaterThan(20); // the generator does reach valid layers
  });
});
