// npm run bench: derive + Rot180 check for an H×H input and a K×K kernel, each size in a fresh
// `convgrad derive --format summary` process (the issue's targets are for the whole process).
// Prints wall time, forward terms, terms per second and peak memory as a table.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../dist/bin/convgrad.js", import.meta.url));
const sizes = [
  [3, 2],
  [16, 3],
  [64, 5],
  [128, 7],
  [256, 9],
];
// Targets from issue 2 (2-core machine): whole process.
const targets = { "128,7": { s: 0.5 }, "256,9": { s: 4, mb: 2048 } };
const runs = Number(process.env.BENCH_RUNS ?? 3);

const rows = [];
for (const [h, k] of sizes) {
  let best = Infinity;
  let out = "";
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    out = execFileSync(process.execPath, [cli, "derive", "--input", `${h}x${h}`, "--kernel", `${k}x${k}`, "--format", "summary"], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    best = Math.min(best, s);
  }
  const terms = Number(/forward terms\s+(\d+)/.exec(out)[1]);
  const mb = Number(/peak memory\s+(\d+)/.exec(out)[1]);
  const holds = (out.match(/: holds/g) ?? []).length;
  const t = targets[`${h},${k}`];
  const verdict = t ? ((t.s === undefined || best < t.s) && (t.mb === undefined || mb < t.mb) ? `ok (< ${t.s} s${t.mb ? `, < ${t.mb} MiB` : ""})` : `MISSED (< ${t.s} s${t.mb ? `, < ${t.mb} MiB` : ""})`) : "";
  rows.push({ size: `${h}x${h} * ${k}x${k}`, wall: best.toFixed(3), terms, tps: (terms / best / 1e6).toFixed(2), mb, checks: `${holds} hold`, verdict });
}

const head = ["input * kernel", "wall s (best of " + runs + ")", "forward terms", "M terms/s", "peak MiB", "checks", "target"];
const body = rows.map((r) => [r.size, r.wall, String(r.terms), r.tps, String(r.mb), r.checks, r.verdict]);
const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
console.log(line(head));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const b of body) console.log(line(b));

// Issue 7's target: a 200-equation document verifies in < 2 s (whole process). The document is a real
// source's text (test/verify/corpus/18, Inada's stride-2 derivation, 80 equations), three times over.
{
  const { readFileSync, writeFileSync, mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const src = readFileSync(new URL("../test/verify/corpus/18-inada-cnn-backprop-stride2.tex", import.meta.url), "utf8");
  const file = join(mkdtempSync(join(tmpdir(), "convgrad-bench-")), "inada3.tex");
  writeFileSync(file, [src, src, src].join("\n"));
  const args = ["verify", "--input", "4x4", "--kernel", "3x3", "--op", "xcorr", "--stride", "2", "--padding", "1", file];
  let best = Infinity;
  let summary = "";
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    let out = "";
    try {
      out = execFileSync(process.execPath, [cli, ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
    } catch (e) {
      out = e.stdout ?? ""; // exit 1: some of the source's equations fail, as they should
    }
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
    summary = out.trim().split("\n").pop() ?? "";
  }
  const n = summary.match(/\d+/g)?.reduce((a, b) => a + Number(b), 0) ?? 0;
  console.log(`\nverify, ${n} equations (a real source, three times): ${best.toFixed(3)} s (best of ${runs}) — ${summary} — target < 2 s: ${best < 2 ? "ok" : "MISSED"}`);
}

// Issue 11's targets, in Chromium (when it is installed): 8×8/3×3 renders in < 100 ms after a change (the
// median of test/web/speed.test.ts's seven changes, from the change to the page's "painted" mark) and 64×64/5×5
// in the worker in < 2 s. The measurement is the browser test's own, run alone (the test suite runs it beside
// other test files, on a busy machine); best of the runs, as above.
{
  const { existsSync } = await import("node:fs");
  const chromium = process.env.CONVGRAD_CHROMIUM ?? "/usr/bin/chromium";
  if (!existsSync(chromium)) console.log(`\nweb page: not measured (no Chromium at ${chromium})`);
  else {
    const vitest = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));
    const root = fileURLToPath(new URL("..", import.meta.url));
    const small = [];
    const big = [];
    for (let r = 0; r < runs; r++) {
      let out = "";
      try {
        out = execFileSync(process.execPath, [vitest, "run", "test/web/speed.test.ts", "-t", "8×8 input"], {
          cwd: root,
          encoding: "utf8",
          env: { ...process.env, CONVGRAD_REQUIRE_BROWSER: "1", FORCE_COLOR: "0", NO_COLOR: "1" },
          maxBuffer: 1 << 24,
        });
      } catch (e) {
        console.log(`\nweb page: the browser test failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
        break;
      }
      small.push(Number(/after a change, median of \d+ \(ms\):.*painted (\d+)/.exec(out)?.[1] ?? NaN));
      big.push(Number(/64×64\/5×5 from the submit to painted: (\d+) ms/.exec(out)?.[1] ?? NaN));
    }
    if (small.length) {
      const s = Math.min(...small);
      const b = Math.min(...big);
      console.log(`\nweb page, 8×8/3×3 after a change (median of 7 changes, to painted): ${s} ms (best of ${small.length}: ${small.join(", ")}) — target < 100 ms: ${s < 100 ? "ok" : "MISSED"}`);
      console.log(`web page, 64×64/5×5 in the worker, from the submit to painted: ${b} ms (best of ${big.length}: ${big.join(", ")}) — target < 2 s: ${b < 2000 ? "ok" : "MISSED"}`);
    }
  }
}
