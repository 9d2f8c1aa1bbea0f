/**
 * The web page (web/, issue 11) in a real browser: Debian's Chromium driven by playwright-core.
 * The page is built (when stale) and served from web/dist; every expected value comes from the
 * library or the CLI run here, never written by hand — except the lecture's δx₂₂, the issue's own
 * example, which the library's value must also equal.
 *
 * Without /usr/bin/chromium the whole file is reported skipped, unless CONVGRAD_REQUIRE_BROWSER=1
 * (.ci/run sets it), when it fails.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { derive } from "../../src/derive.js";
import { verdictText } from "../../src/print/describe.js";
import { Namer, unflatten } from "../../src/print/names.js";
import { WEB_MAX_TERMS } from "../../web/src/form.js";
import { cli } from "../cli/run.js";
import { CHROMIUM, ensureBuilt, ROOT, serve, SKIP_BROWSER, SKIP_REASON } from "./serve.js";

const T = 60_000;
const SUMMARY = "docs/examples/lecture-summary.tex";
const LECTURE = ["--input", "3x3", "--kernel", "2x2"];

/** Unicode formula text as MathML's text reads: subscripts as digits, no · and no spaces. */
const mathmlForm = (s: string) => s.replace(/[₀-₉]/g, (c) => String(c.charCodeAt(0) - 0x2080)).replace(/[·\s]/g, "");

interface ShownResult {
  status: string;
  line: number;
  column: number;
  badge: string;
  message: string;
}

if (SKIP_BROWSER) console.warn(`test/web/page.test.ts: ${SKIP_REASON}`);

describe.skipIf(SKIP_BROWSER)(SKIP_BROWSER ? `web page: ${SKIP_REASON}` : "web page in Chromium", () => {
  let browser: Browser;
  let server: Server | undefined;
  let base = "";
  const problems: string[] = [];

  beforeAll(async () => {
    ensureBuilt();
    ({ url: base, server } = await serve());
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
    } catch (e) {
      throw new Error(`cannot start Chromium at ${CHROMIUM} (CONVGRAD_REQUIRE_BROWSER=1 requires it): ${(e as Error).message}`);
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  async function open(hash = ""): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console error: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("worker", (w) => w.on("console", (m) => m.type() === "error" && problems.push(`worker console error: ${m.text()}`)));
    await page.goto(base + hash);
    await page.locator('li[data-entry="dX:0"]').waitFor({ timeout: T / 2 });
    return page;
  }

  /** The text of the MathML KaTeX wrote inside `selector` (the TeX annotation left out), once the page has typeset it (entries are typeset as they come into view). */
  const mathml = async (page: Page, selector: string): Promise<string> => {
    await page.locator(selector).scrollIntoViewIfNeeded();
    await page.locator(`${selector} .katex-mathml`).first().waitFor({ timeout: T / 3 });
    return page.evaluate(`(() => {
      const m = document.querySelector(${JSON.stringify(selector)} + " .katex-mathml math").cloneNode(true);
      m.querySelectorAll("annotation").forEach((a) => a.remove());
      return m.textContent;
    })()`);
  };

  const shownResults = (page: Page): Promise<ShownResult[]> =>
    page.evaluate(`[...document.querySelectorAll("li.result")].map((li) => ({
      status: li.dataset.status,
      line: Number(li.dataset.line),
      column: Number(li.dataset.column),
      badge: li.querySelector(".badge").textContent,
      message: li.querySelector(".message").textContent,
    }))`);

  async function download(page: Page, format: string): Promise<{ name: string; content: string }> {
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click(`button[data-export="${format}"]`)]);
    const path = await dl.path();
    return { name: dl.suggestedFilename(), content: readFileSync(path, "utf8") };
  }

  it("opens on the lecture's layer with its derivation: δx₂₂, the chain rule, the rules and their verdicts", async () => {
    const page = await open();
    // keyboard: the skip link, then the form's first field
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement.id")).toBe("f-input");
    expect(await page.locator("#derive-cmd").textContent()).toBe("convgrad derive --input 3x3 --kernel 2x2");
    const d = derive({ op: "conv", input: [3, 3], kernel: [2, 2] });
    const un = new Namer(d.table, "unicode", 1);
    const dx22 = `${un.gradName("x", [1, 1])} = ${un.poly(d.gradients.dX!.entry(4))}`;
    expect(dx22).toBe("δx₂₂ = δy₁₁·w₁₁ + δy₁₂·w₁₂ + δy₂₁·w₂₁ + δy₂₂·w₂₂"); // the lecture's slide, its typo corrected
    // every entry of every tensor, rendered: MathML text equal to the library's formula
    for (const [key, t] of [["Y", d.forward], ["dW", d.gradients.dW!], ["dX", d.gradients.dX!]] as const) {
      expect(await page.locator(`ol[data-section="${key}"] > li`).count()).toBe(t.size);
      for (let i = 0; i < t.size; i++) {
        const idx = unflatten(key === "Y" ? d.tensors.Y!.shape : key === "dW" ? d.tensors.W!.shape : d.tensors.X!.shape, i);
        const name = key === "Y" ? un.entry("y", idx) : un.gradName(key === "dW" ? "w" : "x", idx);
        const want = `${name} = ${un.poly(t.entry(i))}`;
        expect(await page.locator(`li[data-entry="${key}:${i}"]`).getAttribute("data-text")).toBe(want);
        expect(await mathml(page, `li[data-entry="${key}:${i}"]`)).toBe(mathmlForm(want));
      }
    }
    // copying a rendered formula copies its LaTeX (KaTeX's copy-tex)
    const copied = await page.evaluate(`(() => {
      let text = null;
      document.addEventListener("copy", (e) => { text = e.clipboardData.getData("text/plain"); }, { once: true });
      const r = document.createRange();
      r.selectNode(document.querySelector('li[data-entry="dX:4"] .math'));
      getSelection().removeAllRanges();
      getSelection().addRange(r);
      document.execCommand("copy");
      return text;
    })()`);
    expect(copied).toBe("$$\\delta x_{22} = \\delta y_{11} w_{11} + \\delta y_{12} w_{12} + \\delta y_{21} w_{21} + \\delta y_{22} w_{22}$$");

    // the chain rule of δx₂₂ on a click: its non-zero partials are the library's steps
    await page.click('li[data-entry="dX:4"] button.chain');
    const chain = page.locator('li[data-entry="dX:4"] .chain-out .note');
    await chain.waitFor();
    const partials = d.steps("dX", 4).map((st) => `∂${un.entry("y", unflatten(d.tensors.Y!.shape, st.y))}/∂x₂₂ = ${un.poly(st.partial)}`);
    expect(partials.length).toBe(4);
    expect(await chain.textContent()).toBe(`non-zero: ${partials.join(", ")}`);
    expect(await page.locator('li[data-entry="dX:4"] button.chain').getAttribute("aria-expanded")).toBe("true");
    // the closed-form rules, each with its verdict in words
    const rules = page.locator("li.rule");
    expect(await rules.count()).toBe(d.checks.length);
    for (const [i, ch] of d.checks.entries()) {
      expect(await rules.nth(i).getAttribute("data-rule")).toBe(ch.rule);
      expect(await rules.nth(i).getAttribute("data-status")).toBe(ch.holds ? "holds" : "fails");
      expect(await rules.nth(i).locator(".verdict").textContent()).toBe(`✓ holds ${verdictText(ch).replace(/^holds /, "")}`);
    }
    // every field has a label; every control is a real button, input, select or textarea
    expect(await page.evaluate(`[...document.querySelectorAll("input, select, textarea")].filter((e) => e.labels.length === 0).map((e) => e.id)`)).toEqual([]);
    expect(await page.evaluate(`[...document.querySelectorAll("[onclick], a:not([href]), div[tabindex], span[tabindex]")].length`)).toBe(0);
    await page.close();
  }, T);

  it("checks the lecture's summary: exactly the CLI's failing formulas are flagged, with the CLI's messages; the link reproduces the check", async () => {
    const cliRuns = Promise.all([cli(["verify", ...LECTURE, "--format", "json", SUMMARY]), cli(["verify", ...LECTURE, SUMMARY])]);
    const page = await open();
    await page.focus("#example-btn");
    await page.keyboard.press("Enter");
    await page.locator("#verify-summary").waitFor({ timeout: T / 2 });
    expect(await page.locator("#text").inputValue()).toBe(readFileSync(join(ROOT, SUMMARY), "utf8"));

    const [json, text] = await cliRuns;
    const report = JSON.parse(json.stdout) as { results: { line: number; column: number; status: string; message: string }[]; summary: { fails: number } };
    const shown = await shownResults(page);
    expect(shown.map(({ line, column, status, message }) => ({ line, column, status, message }))).toEqual(report.results.map(({ line, column, status, message }) => ({ line, column, status, message })));
    const fails = shown.filter((r) => r.status === "fails");
    expect(fails.length).toBe(report.summary.fails);
    expect(fails.length).toBeGreaterThan(0);
    for (const f of fails) expect(f.badge).toBe("✗ fails"); // in words, not colour alone
    expect(await page.locator("#verify-summary").textContent()).toBe(text.stdout.trimEnd().split("\n").at(-1));
    expect(await page.locator("#verify-cmd").textContent()).toBe("convgrad verify --input 3x3 --kernel 2x2 pasted.tex");

    // the README's screenshot: the derivation's end and the check, the lecture's mistakes flagged
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.check("#only-problems");
    expect(await page.locator("li.result:visible").count()).toBe(shown.filter((r) => r.status !== "holds" && r.status !== "definition").length);
    await page.evaluate("window.scrollTo(0, 0)");
    mkdirSync(join(ROOT, "docs", "img"), { recursive: true });
    writeFileSync(join(ROOT, "docs", "img", "web.png"), await page.screenshot({ fullPage: false }));

    // the verify report download is the CLI's JSON (the file name aside)
    const dl = await download(page, "verify-json");
    expect(dl.content).toBe(json.stdout.replaceAll(`"file":"${SUMMARY}"`, `"file":"pasted.tex"`));

    // a failing line's button selects that line in the text
    const first = fails[0]!;
    await page.click(`li.result[data-line="${first.line}"][data-column="${first.column}"] button.jump`);
    const selected = await page.evaluate(`(() => { const t = document.getElementById("text"); return t.value.slice(t.selectionStart, t.selectionEnd); })()`);
    expect(readFileSync(join(ROOT, SUMMARY), "utf8").split("\n")[first.line - 1]!.slice(first.column - 1)).toBe(selected);


    // the URL holds the text: opened again, the same check
    const url = page.url();
    expect(url).toContain("text=");
    const again = await open(url.slice(base.length));
    await again.locator("#verify-summary").waitFor({ timeout: T / 2 });
    expect(await again.locator("#text").inputValue()).toBe(readFileSync(join(ROOT, SUMMARY), "utf8"));
    expect(await shownResults(again)).toEqual(shown);
    await again.close();
    await page.close();
  }, T);

  it("derives a strided layer with its rules; every export equals the CLI's output; the URL holds the layer", async () => {
    const args = ["--input", "5x5", "--kernel", "3x3", "--op", "xcorr", "--stride", "2"];
    const commands: Record<string, string[]> = {
      latex: ["derive", ...args, "--format", "latex", "--standalone"],
      beamer: ["slides", ...args],
      markdown: ["derive", ...args, "--format", "markdown"],
      json: ["derive", ...args, "--format", "json"],
      text: ["derive", ...args],
    };
    const cliRuns = Promise.all(Object.values(commands).map((a) => cli(a)));
    const page = await open();
    await page.selectOption("#f-op", "xcorr");
    await page.fill("#f-input", "5x5");
    await page.fill("#f-kernel", "3x3");
    await page.fill("#f-stride", "2");
    await page.click("#derive-btn");
    await page.locator("#derive-cmd", { hasText: "--stride 2" }).waitFor();
    expect(await page.locator("#derive-cmd").textContent()).toBe(`convgrad derive ${args.join(" ")}`);
    await page.locator('li[data-entry="dX:24"]').waitFor();

    const d = derive({ op: "xcorr", input: [5, 5], kernel: [3, 3], stride: 2 });
    const rules = page.locator("li.rule");
    expect(await rules.count()).toBe(d.checks.length);
    for (const [i, ch] of d.checks.entries()) {
      expect(await rules.nth(i).getAttribute("data-rule")).toBe(ch.rule);
      expect(await rules.nth(i).getAttribute("data-status")).toBe(ch.holds === null ? "not-checked" : ch.holds ? "holds" : "fails");
    }
    expect(d.checks.some((ch) => ch.rule.includes("dilate(ΔY, 2)"))).toBe(true);
    expect(await page.locator(`ol[data-section="dX"] > li`).count()).toBe(25);

    // the derivation table of δx₃₃ (the centre): its covered cells carry exactly the entry's terms
    await page.click('li[data-entry="dX:12"] button.table');
    const cells = page.locator('li[data-entry="dX:12"] .table-out td[data-kind="product"]');
    await cells.first().waitFor();
    const un = new Namer(d.table, "unicode", 1);
    const poly = d.gradients.dX!.entry(12);
    const terms = Array.from({ length: poly.size }, (_, i) => un.term(poly.codes[i]!, poly.coef(i)));
    expect(terms.length).toBeGreaterThan(0);
    const shownTerms = (await cells.evaluateAll((tds) => tds.map((td) => td.getAttribute("data-text") ?? ""))).flatMap((t) => t.split(" + "));
    expect(shownTerms.sort()).toEqual([...terms].sort());
    expect(await page.locator('li[data-entry="dX:12"] .table-out td[data-kind="zero"]').count()).toBeGreaterThan(0); // the zeros the stride inserts, under the kernel

    const runs = await cliRuns;
    for (const [k, [format, a]] of Object.entries(commands).entries()) {
      const dl = await download(page, format);
      expect(runs[k]!.code).toBe(0);
      expect(dl.content.length).toBeGreaterThan(100);
      expect(dl.content, `${format} export vs convgrad ${a.join(" ")}`).toBe(runs[k]!.stdout);
      expect(await page.locator("#export-cmd code").textContent()).toBe(`convgrad ${a.join(" ")}`);
    }

    // reload from the URL: the same layer
    const url = page.url();
    expect(url).toContain("stride=2");
    const again = await open(url.slice(base.length));
    await again.locator("#derive-cmd", { hasText: "--stride 2" }).waitFor();
    expect(await again.locator("#derive-cmd").textContent()).toBe(`convgrad derive ${args.join(" ")}`);
    expect(await again.locator("#f-input").inputValue()).toBe("5x5");
    expect(await again.locator("#f-op").inputValue()).toBe("xcorr");
    await again.close();
    await page.close();
  }, T);

  it("says what the CLI says for a bad layer and for one above the size limit; a long derivation can be cancelled", async () => {
    const bad = [["3x3", "4x4"], ["100000x100000", "50x50"], ["3x3x3x3", "2"]] as const;
    const cliRuns = Promise.all(bad.map(([input, kernel]) => cli(["derive", "--input", input, "--kernel", kernel, "--max-terms", String(WEB_MAX_TERMS)])));
    const page = await open();
    expect(await page.locator("#f-maxTerms").inputValue()).toBe(String(WEB_MAX_TERMS));
    for (const [k, [input, kernel]] of bad.entries()) {
      await page.fill("#f-input", input);
      await page.fill("#f-kernel", kernel);
      await page.click("#derive-btn");
      const run = (await cliRuns)[k]!;
      expect(run.code).toBe(2);
      await page.locator("#form-error", { hasText: run.stderr.trim() }).waitFor();
      expect(await page.locator("#form-error").textContent()).toBe(run.stderr.trim());
    }
    // a long derivation can be cancelled; the page goes on with a new worker
    await page.fill("#f-input", "200x200");
    await page.fill("#f-kernel", "9x9");
    await page.click("#derive-btn");
    // the status names the phase the worker is in, not only the time
    await page.locator("#status-text", { hasText: /^Deriving \(deriving: forward pass, gradients, rules\)… \d+\.\d s$/ }).waitFor({ timeout: T / 2 });
    await page.locator("#cancel-btn").click({ timeout: T / 2 });
    await page.locator("#status-text", { hasText: "Cancelled." }).waitFor();
    await page.click("#lecture-btn");
    await page.locator("#derive-cmd", { hasText: /^convgrad derive --input 3x3 --kernel 2x2$/ }).waitFor();
    expect(await page.locator('li[data-entry="dX:4"]').getAttribute("data-text")).toBe("δx₂₂ = δy₁₁·w₁₁ + δy₁₂·w₁₂ + δy₂₁·w₂₁ + δy₂₂·w₂₂");
    await page.close();
  }, T);

  it("works opened from file:// too (the engine as a classic script, started from a Blob)", async () => {
    const page = await browser.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`file:// console error: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`file:// page error: ${e.message}`));
    await page.goto(pathToFileURL(join(ROOT, "web", "dist", "index.html")).href + "#input=4x4&kernel=3x3&text=%CE%94W%20%3D%20Rot180(%CE%94Y)%20*%20X");
    await page.locator('li[data-entry="dX:5"]').waitFor({ timeout: T / 2 });
    const d = derive({ op: "conv", input: [4, 4], kernel: [3, 3] });
    const un = new Namer(d.table, "unicode", 1);
    const want = `${un.gradName("x", [1, 1])} = ${un.poly(d.gradients.dX!.entry(5))}`;
    expect(await page.locator('li[data-entry="dX:5"]').getAttribute("data-text")).toBe(want);
    expect(await mathml(page, 'li[data-entry="dX:5"]')).toBe(mathmlForm(want));
    await page.locator("#verify-summary").waitFor({ timeout: T / 2 });
    expect(await page.locator("li.result").getAttribute("data-status")).toBe("fails");
    await page.close();
  }, T);

  it("logged no console or page errors", () => {
    expect(problems).toEqual([]);
  });
});
