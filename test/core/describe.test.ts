/** Words of the printers' descriptions: ordinals in the stride sentence. */
import { describe, expect, it } from "vitest";
import { normalizeConfig } from "../../src/conv/config.js";
import { opDescription, ordinal } from "../../src/print/describe.js";

describe("ordinal", () => {
  it("1st 2nd 3rd 4th, the teens, 21st 22nd 23rd, 101st, 111th, 112th", () => {
    const cases: [number, string][] = [
      [1, "1st"], [2, "2nd"], [3, "3rd"], [4, "4th"], [10, "10th"], [11, "11th"], [12, "12th"], [13, "13th"],
      [21, "21st"], [22, "22nd"], [23, "23rd"], [101, "101st"], [111, "111th"], [112, "112th"], [1000, "1000th"],
    ];
    for (const [n, s] of cases) expect(ordinal(n)).toBe(s);
  });

  it("the stride sentence says every 2nd output, never 2-th", () => {
    const c = normalizeConfig({ input: [6, 6], kernel: [2, 2], stride: 2 });
    expect(opDescription(c)).toContain("only every 2nd output is kept (stride 2)");
    const mixed = normalizeConfig({ input: [8, 8], kernel: [2, 2], stride: [3, 2] });
    expect(opDescription(mixed)).toContain("only every 3rd × 2nd output is kept (stride 3x2)");
    expect(opDescription(mixed)).not.toMatch(/\d-th/);
  });
});
