/**
 * Golden files: the lecture's example in every export format, byte for byte, through the CLI.
 * UPDATE_GOLDEN=1 npx vitest run test/export/golden.test.ts rewrites them (review the diff!).
 * Also: output is deterministic (two runs are identical).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cli } from "../cli/run.js";
import { LECTURE } from "./configs.js";

const DIR = fileURLToPath(new URL("./golden/", import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === "1";

const GOLDEN: [string, string[]][] = [
  ["lecture.tables.txt", ["derive", ...LECTURE.flags, "--tables"]],
  ["lecture.fragments.tex", ["derive", ...LECTURE.flags, "--format", "latex"]],
  ["lecture.article.tex", ["derive", ...LECTURE.flags, "--format", "latex", "--standalone", "--tables"]],
  ["lecture.md", ["derive", ...LECTURE.flags, "--format", "markdown", "--tables"]],
  ["lecture.slides.tex", ["slides", ...LECTURE.flags]],
];

describe("golden files (the lecture's example)", () => {
  for (const [file, args] of GOLDEN) {
    it(`${file}: convgrad ${args.join(" ")}`, async () => {
      const r = await cli(args);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const path = DIR + file;
      if (UPDATE || !existsSync(path)) {
        mkdirSync(DIR, { recursive: true });
        writeFileSync(path, r.stdout);
        if (!UPDATE) throw new Error(`${file} was missing and has been written; review it and run again`);
      }
      expect(r.stdout).toBe(readFileSync(path, "utf8"));
    });
  }

  it("is deterministic", async () => {
    const a = await cli(["slides", ...LECTURE.flags, "--op", "xcorr", "--padding", "1"]);
    const b = await cli(["slides", ...LECTURE.flags, "--op", "xcorr", "--padding", "1"]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });
});
