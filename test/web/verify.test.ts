/**
 * The verify pane in a real browser (issue 11): the text's notation (`--roles`, `--sizes`, a
 * `% convgrad:` line in the text) and the missing / extra terms of a failing formula. The page runs
 * the CLI's own verify command in its worker; every expected value here is the built CLI's JSON for
 * the command line the page shows, run on the same text saved as pasted.tex — and each case also
 * checks that the declaration matters (without it the CLI says something else), so a page that
 * dropped it would fail.
 *
 * Without /usr/bin/chromium the file is reported skipped, unless CONVGRAD_REQUIRE_BROWSER=1.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, ensureBuilt, ROOT, serve, SKIP_BROWSER, SKIP_REASON } from "./serve.js";

const T = 90_000;
const MAIN = join(ROOT, "dist", "cli", "main.js");

interface CliReport {
  results: { line: number; column: number; status: string; method: string | null; message: string; details: string[]; entries: { entry: string; missing: string[]; extra: string[] }[] }[];
  summary: Record<string, number>;
}

/** `convgrad verify ARGS` in a fresh directory where pasted.tex holds `text` (as the page names it). */
function cliVerify(args: readonly string[], text: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), "convgrad-web-"));
  writeFileSync(join(dir, "pasted.tex"), text);
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, "verify", ...args], { cwd: dir, timeout: 60_000, encoding: "utf8", maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true });
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The words of a command line as form.ts's shellLine quotes them ('…' with '\'' inside). */
function shellWords(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)) out.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!);
  return out;
}

const ROLES = "X=a, W=k, dY=g";
/** ∂L/∂k in the names a, k, g: true for xcorr at index base 0; the second one's input index is off by one. */
const FORMULAS = [
  "$$\\frac{\\partial L}{\\partial k_{m,n}} = \\sum_i \\sum_j g_{i,j} a_{i+m,j+n}$$",
  "$$\\frac{\\partial L}{\\partial k_{m,n}} = \\sum_i \\sum_j g_{i,j} a_{i+m+1,j+n}$$",
  "$$\\frac{\\partial L}{\\partial a_{i,j}} = \\sum_m \\sum_n g_{i-m,j-n} k_{m,n}$$",
].join("\n");
const LAYER_HASH = "#input=4x4&kernel=3x3&op=xcorr&indexBase=0";

if (SKIP_BROWSER) console.warn(`test/web/verify.test.ts: ${SKIP_REASON}`);

describe.skipIf(SKIP_BROWSER)(SKIP_BROWSER ? `web verify pane: ${SKIP_REASON}` : "web verify pane in Chromium", () => {
  let browser: Browser;
  let server: Server | undefined;
  let base = "";
  const problems: string[] = [];

  beforeAll(async () => {
    ensureBuilt();
    ({ url: base, server } = await serve());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  async function open(hash: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console error: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await page.goto(base + hash);
    await page.locator('li[data-entry="dX:0"]').waitFor({ timeout: T / 3 });
    return page;
  }

  async function check(page: Page, text: string): Promise<void> {
    await page.fill("#text", text);
    await page.click("#check-btn");
    await page.locator("#verify-summary").waitFor({ timeout: T / 3 });
  }

  /** What the page shows of each result, in the JSON's terms. */
  const shown = (page: Page) =>
    page.evaluate(`[...document.querySelectorAll("li.result")].map((li) => ({
      line: Number(li.dataset.line), column: Number(li.dataset.column), status: li.dataset.status,
      message: li.querySelector(".message").textContent,
      details: [...li.querySelectorAll("p.detail")].map((p) => p.textContent),
    }))`) as Promise<{ line: number; column: number; status: string; message: string; details: string[] }[]>;

  /** The CLI's JSON for the command the page shows (its --format json added). */
  async function cliForShownCommand(page: Page, text: string): Promise<{ args: string[]; report: CliReport }> {
    const words = shellWords((await page.locator("#verify-cmd").textContent()) ?? "");
    expect(words.slice(0, 2)).toEqual(["convgrad", "verify"]);
    expect(words.at(-1)).toBe("pasted.tex");
    const args = words.slice(2);
    const run = await cliVerify(["--format", "json", ...args], text);
    expect(run.stderr).toBe("");
    return { args, report: JSON.parse(run.stdout) as CliReport };
  }

  const asShown = (r: CliReport) => r.results.map(({ line, column, status, message, details }) => ({ line, column, status, message, details }));

  it("a `% convgrad:` line in the text is applied as the CLI applies it; its layer is offered, and then the verdicts are the CLI's", async () => {
    const text = `% convgrad: --roles "${ROLES}" --input 4x4 --kernel 3x3 --op xcorr --index-base 0\n${FORMULAS}\n`;
    const page = await open(""); // the lecture's layer: 3x3, 2x2, conv, base 1
    await check(page, text);
    // the form's --input/--kernel count, as the command line's do in the CLI: the same verdicts as the CLI
    expect(await page.locator("#verify-cmd").textContent()).toBe("convgrad verify --input 3x3 --kernel 2x2 pasted.tex");
    const first = await cliForShownCommand(page, text);
    expect(await shown(page)).toEqual(asShown(first.report));
    expect(await page.locator("#verify-out .note").first().textContent()).toContain(`% convgrad: --roles '${ROLES}' --input 4x4 --kernel 3x3 --op xcorr --index-base 0`);

    // "Use the text's layer": the form becomes the line's layer, and the check is the CLI's on it
    await page.click("#text-layer-btn");
    await page.locator("#verify-cmd", { hasText: "--input 4x4" }).waitFor({ timeout: T / 3 });
    await page.locator("#derive-cmd", { hasText: "--input 4x4" }).waitFor({ timeout: T / 3 });
    expect(await page.locator("#verify-cmd").textContent()).toBe("convgrad verify --input 4x4 --kernel 3x3 --op xcorr --index-base 0 pasted.tex");
    await page.locator("#text-layer-btn").waitFor({ state: "detached" });
    const { report } = await cliForShownCommand(page, text);
    const got = await shown(page);
    expect(got).toEqual(asShown(report));
    expect(got.map((r) => r.status)).toEqual(["holds", "fails", "holds"]);
    expect(await page.locator("#verify-summary").textContent()).toBe(`${report.summary.holds} hold, ${report.summary.fails} fail, ${report.summary.skipped} skipped, ${report.summary.errors} errors`);
    // the line matters: without it, the same command skips every formula (a, k, g are no tensors of the layer)
    const without = await cliVerify(["--format", "json", ...shellWords((await page.locator("#verify-cmd").textContent())!).slice(2)], FORMULAS);
    expect((JSON.parse(without.stdout) as CliReport).results.map((r) => r.status)).toEqual(["skipped", "skipped", "skipped"]);
    await page.close();
  }, T);

  it("--roles and --sizes from the pane's fields: the CLI's verdicts and details; the failing formula's terms rendered, each marked + or −", async () => {
    const sized = "$$\\frac{\\partial L}{\\partial k_{m,n}} = \\sum_{i=0}^{M-1} \\sum_{j=0}^{M-1} g_{i,j} a_{i+m,j+n}$$";
    const text = `${FORMULAS}\n${sized}\n`;
    const page = await open(LAYER_HASH);
    await page.locator("#notation summary").click();
    await page.fill("#roles", ROLES);
    await page.fill("#sizes", "M=2");
    await check(page, text);
    expect(await page.locator("#verify-cmd").textContent()).toBe(`convgrad verify --input 4x4 --kernel 3x3 --op xcorr --index-base 0 --roles '${ROLES}' --sizes M=2 pasted.tex`);
    const { args, report } = await cliForShownCommand(page, text);
    const got = await shown(page);
    expect(got).toEqual(asShown(report));
    expect(got.map((r) => r.status)).toEqual(["holds", "fails", "holds", "holds"]);
    // each declaration matters: without --sizes the last formula's details differ, without --roles all are skipped
    const without = (flag: string) => cliVerify(["--format", "json", ...args.filter((a, i) => a !== flag && args[i - 1] !== flag)], text).then((r) => JSON.parse(r.stdout) as CliReport);
    const [noSizes, noRoles] = await Promise.all([without("--sizes"), without("--roles")]);
    expect(noSizes.results[3]!.details).not.toEqual(report.results[3]!.details);
    expect(noRoles.results.every((r) => r.status === "skipped")).toBe(true);

    // the failing formula: every differing entry's missing and extra terms, as KaTeX, each with its sign in text
    const fails = report.results[1]!;
    const li = page.locator(`li.result[data-line="${fails.line}"]`);
    const rows = li.locator("table.terms tr:has(td)");
    expect(await rows.count()).toBe(fails.entries.length);
    for (const [i, e] of fails.entries.entries()) {
      const row = rows.nth(i);
      for (const kind of ["missing", "extra"] as const) {
        const terms = row.locator(`.term.${kind}`);
        expect(await terms.evaluateAll((ts) => ts.map((t) => t.getAttribute("data-term")))).toEqual(e[kind]);
        // not colour alone: a sign in the text and the role in words
        for (let k = 0; k < e[kind].length; k++) {
          expect(await terms.nth(k).locator(".sign").textContent()).toBe(kind === "missing" ? "+" : "−");
          expect(await terms.nth(k).getAttribute("aria-label")).toBe(`${kind}: ${e[kind][k]}`);
        }
      }
      // the rendered math reads as the term: MathML text (· as ⋅, no subscript braces)
      const mathml = await row.locator(".term").first().evaluate((t) => {
        const m = t.querySelector(".katex-mathml math")!.cloneNode(true) as Element;
        m.querySelectorAll("annotation").forEach((a) => a.remove());
        return m.textContent;
      });
      expect(mathml).toBe((e.missing[0] ?? e.extra[0])!.replace(/·/g, "⋅").replace(/[{}_\s]/g, ""));
    }
    expect(await li.locator(".term.missing").first().evaluate((t) => getComputedStyle(t).color)).not.toBe(await li.locator(".term.extra").first().evaluate((t) => getComputedStyle(t).color));

    // the fields are in the URL: opened again, the same check
    const again = await open(page.url().slice(base.length));
    await again.locator("#verify-summary").waitFor({ timeout: T / 3 });
    expect(await again.locator("#roles").inputValue()).toBe(ROLES);
    expect(await shown(again)).toEqual(got);
    await again.close();
    await page.close();
  }, T);

  it("without cross-origin isolation the all-sizes proof option is off and says why", async () => {
    const page = await open("");
    expect(await page.evaluate("crossOriginIsolated")).toBe(false);
    expect(await page.locator("#all-sizes").isDisabled()).toBe(true);
    expect(await page.locator("#all-sizes-why").textContent()).toMatch(/^Proofs need a cross-origin-isolated page .*npm run web/);
    await page.close();
  }, T);

  it("served cross-origin isolated (npm run web's headers), 'all sizes (proof)' proves a true formula with Z3 in the worker and gives a false one's smallest counterexample, as the CLI does", async () => {
    const isolated = await serve({ isolated: true });
    try {
      const page = await browser.newPage();
      page.on("pageerror", (e) => problems.push(`isolated page error: ${e.message}`));
      page.on("console", (m) => m.type() === "error" && problems.push(`isolated console error: ${m.text()}`));
      page.on("worker", (w) => w.on("console", (m) => m.type() === "error" && problems.push(`isolated worker console error: ${m.text()}`)));
      await page.goto(`${isolated.url}#input=8&kernel=3&op=xcorr&indexBase=0`);
      await page.locator('li[data-entry="dX:0"]').waitFor({ timeout: T / 3 });
      expect(await page.evaluate("crossOriginIsolated")).toBe(true);
      expect(await page.locator("#all-sizes").isDisabled()).toBe(false);
      expect(await page.locator("#all-sizes-why").textContent()).toBe("");
      await page.check("#all-sizes");
      const text = "$$\\delta x_{i} = \\sum_m \\delta y_{i-m} w_{m}$$\n$$\\delta x_{i} = \\sum_m \\delta y_{i+m} w_{m}$$\n";
      await page.fill("#text", text);
      const t0 = Date.now();
      await page.click("#check-btn");
      await page.locator("#verify-summary").waitFor({ timeout: T - 20_000 });
      console.log(`test/web/verify.test.ts: all-sizes proof of 2 formulas in the browser (solver loaded): ${Date.now() - t0} ms`);
      expect(await page.locator("#verify-cmd").textContent()).toBe("convgrad verify --op xcorr --index-base 0 --all-sizes --dims 1 pasted.tex");
      const { report } = await cliForShownCommand(page, text);
      const got = await shown(page);
      expect(got).toEqual(asShown(report));
      expect(report.results.map((r) => [r.status, r.method])).toEqual([["holds", "proof"], ["fails", "structural"]]);
      expect(await page.locator('li.result[data-status="fails"] p.counterexample').textContent()).toMatch(/^smallest sizes where it fails: input \d+, kernel \d+$/);
      // a second proof in the same worker (the CLI stops the solver's threads after each run)
      await page.fill("#text", text.split("\n")[0]!);
      await page.click("#check-btn");
      await page.locator("li.result").nth(1).waitFor({ state: "detached", timeout: T / 3 });
      await page.locator('li.result[data-status="holds"]').waitFor({ timeout: T / 3 });
      expect(await page.locator("#verify-summary").textContent()).toBe("1 hold, 0 fail, 0 skipped, 0 errors");
      await page.close();
    } finally {
      isolated.server.close();
    }
  }, T + 60_000);

  it("the page's JavaScript without the solver is under 1 MB gzipped; the solver is in chunks of its own, loaded only for a proof", () => {
    const assets = join(ROOT, "web", "dist", "assets");
    const js = readdirSync(assets).filter((f) => f.endsWith(".js"));
    const solver = js.filter((f) => /^(z3-built|z3load|browser)-/.test(f));
    expect(solver.length).toBe(3);
    // engine-file.js is the file:// engine, loaded only there (and without the solver)
    const page = js.filter((f) => !solver.includes(f) && f !== "engine-file.js");
    const gz = page.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f))).length, 0);
    console.log(`test/web/verify.test.ts: the page's JavaScript without the solver: ${(gz / 1024).toFixed(0)} KiB gzipped (${page.length} files)`);
    expect(gz).toBeLessThan(1 << 20);
    for (const f of page) {
      const code = readFileSync(join(assets, f), "utf8");
      expect(code.includes("initZ3"), f).toBe(false);
      expect(code.includes("z3-built"), f).toBe(false);
    }
    // the file:// engine has z3-solver's small wrapper inlined, never the solver (z3load.ts's stand-in refuses)
    expect(readFileSync(join(assets, "engine-file.js"), "utf8").includes("z3-built")).toBe(false);
  });

  it("logged no console or page errors", () => {
    expect(problems).toEqual([]);
  });
});
