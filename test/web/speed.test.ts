/**
 * The page's speed after a change (issue 11: "a 8×8 input with a 3×3 kernel renders in < 100 ms after
 * a change") and its lazy parts ("loads the mathjs / grammar parts only when needed"), in Chromium.
 *
 * The time is measured from the form's submit to the page's own marks (main.ts): the derivation
 * shown, the entries in view typeset (inserted as MathML), and painted (the frame after, which lays
 * the MathML out). The 100 ms target is measured and printed, not asserted — the machine running the
 * tests is shared; the assertions are a generous bound on the median of several changes (3 s), which
 * only a gross slowdown breaks, and what made it fast: only the entries on screen are typeset, they
 * come typeset with the derivation (in the same task), and a change updates them in place.
 *
 * What made it fast, and what was measured (8×8/3×3, changes xcorr ↔ conv — every formula changes —
 * on the shared 2-core machine at load average 7–12, interleaved with the page before these changes):
 *
 * - the entries on screen come typeset with the derivation: the derive request names them (an
 *   IntersectionObserver keeps them), the worker answers them as MathML (cached by LaTeX source), and
 *   the same task inserts them — no frame, observer callback and typeset round trip after the
 *   derivation is shown, and no second round for entries the typesetting moved into view (a pending
 *   entry is as tall as a typeset one);
 * - a change updates the entries in place, and a changed formula of the same markup as the one shown
 *   takes only its new texts (xcorr ↔ conv changes the kernel's indices, not the formulas' shape): the
 *   browser restyles and lays out only the texts that changed, instead of ~36 MathML formulas of ~130
 *   elements each from scratch. At first the new formula was parsed and the shown one morphed into it;
 *   now the two MathML strings are compared (tags alike, texts differing) and no HTML is parsed for
 *   it — the page's own handling of the derivation per op change, ~35 → ~12 ms of CPU;
 * - the formulas off screen change right after the frame that paints those on screen (when the page
 *   is idle, at most 100 ms later): content-visibility does not skip the entries within a few screens
 *   of the viewport (here all 109), and the text of those below cost as much layout as the formulas
 *   on screen;
 * - what a change leaves for after its frame (the entries off screen, the lazy typesetting of those
 *   coming into view) waits while a newer derivation is on its way, which makes it needless — this
 *   test's changes follow each other at once, and the previous change's leftovers were landing in the
 *   next one's time; and the derive request is posted before the URL is kept (history.replaceState).
 *
 * Then (a session later): a choice in a select derives at once — it waited for the 300 ms debounce
 * meant for typing, which this test did not see, since it submitted the form; the spinner and the
 * "Deriving…" status come only after 150 ms, so a quick change paints one frame, not one for the
 * spinner and one for the result; the rules (KaTeX's HTML, below the entries) are skipped while off
 * screen (content-visibility). "Painted" is now the page's own mark, set from the frame after the
 * derivation is shown (an observer is told of marks a frame or more late: the test used to add that
 * delay), and changes come at a user's pace, the page settled between them (back to back, each change
 * paid for the last one's work after its frame). The page thread's CPU per change (a Chrome trace,
 * medians of 12, from the change to the painted mark): ~100 → ~90 ms; this test's medians at load
 * average ~2: painted 87–95 ms (the first change after loading, the JIT cold, 130–410 ms).
 *
 * Medians of this test, 3 runs each: typeset 243–269 → 139–185 ms, painted 441–554 → 331–389 ms
 * (parse and morph). Then, these steps' own medians interleaved with the page before the last changes
 * (load average 5–7): typeset 85–120 → 75–85 ms, painted 195–280 → 145–180 ms; this test's own runs
 * since: typeset 55–125, painted 110–250 ms, single changes at times under 100 ms. The page thread's
 * CPU per op change (a Chrome trace, medians of 13, with the page at rest between changes): ~130 →
 * ~80 ms — handling the derivation 30 → 11, style 4 → 3, layout 50 → 28, pre-paint 15 → 11, paint
 * 25 → 20, layerize 8 → 7. What is left is Chromium's layout and paint of the ~36 MathML formulas on
 * screen (CSS containment, flex instead of grid items, block wrappers and fewer scroll containers
 * were measured and changed nothing that stood out of the noise) and the worker's answer (~20–40 ms
 * under this load; its printing alone is ~1.5 ms at best). 100 ms to painted is not reached reliably
 * on this machine; an idle one is faster (here the page thread gets about half a core), but was not
 * available to measure.
 *
 * Then (another session): the changes measured were xcorr ↔ conv back and forth, so from the third on every
 * formula's MathML came from the worker's cache — the first change, the only new layer, took 235–410 ms. Each
 * change now makes a layer the page has not shown (op, index base, bias, one at a time), after the page has
 * been read for 1.5 s (what loading left is done). Measured that way the worker took 27–45 ms (derive 1–11,
 * print 5–20, typeset 13–29: KaTeX's MathML of the entries in view) and painted came at 100–150 ms, the bias
 * change (every forward entry gains "b +", new markup) at ~200: its frame laid out the new MathML whole (layout
 * ~65 ms). Now the worker writes the entries' MathML itself, KaTeX's very string (web/src/mathml.ts; typeset
 * 2–8 ms, the worker 15–30), and a typeset formula whose first and last nodes stay keeps them, taking only the
 * new ones between (main.ts resplice; the bias change's frame: layout ~9 ms, painted ~75 instead of ~190, by a
 * Chrome trace). This test's medians over new layers at load average ~2.5: painted 94–103 ms (4 runs). The form's
 * error line was emptied on every change, empty or not, and the frame right after the change (the select's new
 * value painted, while the worker derives) laid the page out for it (~10 ms), delaying the answer's handling:
 * emptied only when it has text, medians 86–98 ms (3 runs), 111 ms inside a full CI run.
 *
 * Then (a fifth session; the machine at load average 6–16 throughout, far busier than before): a trace showed the
 * worker's answer (~10 ms of its CPU, 45–110 ms of wall time under that load), then a frame painting the changed
 * select alone (layerize, commit: 10–40 ms), then the answer's handling, then the frame laying the formulas out.
 * Now the worker derives ahead, while idle, the layers one choice away from the one shown (its op, index base or
 * bias changed; only layers of at most 5000 forward terms: engine.ts AHEAD_TERMS) and sends their views to the
 * page, typeset for the entries in view; a change to one is shown in the change's own task (main.ts: no round
 * trip, no frame in between; the worker is told with a "shown" request, so aria-busy still says it works). A
 * change the page cannot show so (it came before the views, or the page was scrolled) is answered from the
 * worker's store at once. Also: the parts of the derivation shown unchanged (title, forward formula, rules)
 * keep their nodes, and the URL is kept after the frames (history.replaceState, 3–6 ms, ran in the change's
 * task). Measured interleaved with the page before, this test's medians (5 runs each, load average 10–16):
 * derivation shown 63–111 → 14–18 ms, painted 166–312 → 119–193 ms (the middle run 174 → 153; inside a full
 * run of test/web, load ~10: 152 ms; 64×64/5×5 unchanged, 1.4–2.5 s → 1.4–1.7 s; "engine" now prints 0, the
 * status's time for a layer derived ahead); the same changes by a script, traced (2 × 7 changes, load 13–14):
 * shown 58–61 → 11–13, painted 151–197 → 97–159 ms, the page thread's CPU per
 * change unchanged (71–84 → 71–77 ms: layout ~25, paint ~22, pre-paint ~9 — what is left is the frame that
 * lays out and paints the new formulas). Tried and not kept (trace, CPU per change): the entries' formulas not
 * scroll containers (overflow visible: layerize 6 → 2 ms, the total unchanged), content-visibility off for
 * the entries (no change). At this load the painted median is still over 100 ms; with the worker and the
 * extra frame out of the way it depends on the page thread getting a core for ~75 ms.
 */
import type { Server } from "node:http";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { derive } from "../../src/derive.js";
import { Namer, unflatten } from "../../src/print/names.js";
import { renderMathml } from "../../web/src/engine.js";
import { CHROMIUM, ensureBuilt, serve, SKIP_BROWSER, SKIP_REASON } from "./serve.js";

const T = 90_000;
const RUNS = 7;

if (SKIP_BROWSER) console.warn(`test/web/speed.test.ts: ${SKIP_REASON}`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe.skipIf(SKIP_BROWSER)(SKIP_BROWSER ? `web speed: ${SKIP_REASON}` : "web page speed and lazy loading in Chromium", () => {
  let browser: Browser;
  let server: Server | undefined;
  let base = "";

  beforeAll(async () => {
    ensureBuilt();
    ({ url: base, server } = await serve());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it(`8×8 input, 3×3 kernel: the time from a change to the derivation in view, typeset and painted (median of ${RUNS} changes); 64×64/5×5 from a submit`, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${base}#input=8x8&kernel=3x3`);
    await page.locator('li[data-entry="dX:63"]').waitFor({ timeout: T / 3 });
    // a user reads the page before changing it: what loading left (its last frames, lazy parts) is done
    await page.waitForTimeout(1500);
    const runs: { shown: number; typeset: number; painted: number; engine: number; entries: number }[] = [];
    // each change makes a layer the page has not shown (no formula's MathML cached from before): the op, the
    // index base (every name), the bias (every forward entry), one field at a time
    const changes: [string, string][] = [["f-op", "xcorr"], ["f-indexBase", "0"], ["f-op", "conv"], ["f-bias", "on"], ["f-op", "xcorr"], ["f-indexBase", "1"], ["f-op", "conv"]];
    for (let i = 0; i < RUNS; i++) {
      runs.push(
        await page.evaluate(async ([id, value]) => {
          performance.clearMarks();
          const select = document.getElementById(id) as HTMLSelectElement | HTMLInputElement;
          if (select instanceof HTMLInputElement && select.type === "checkbox") select.checked = true;
          else select.value = value;
          // the events a user's choice fires: a select derives at once (no debounce), so the request is out
          const t0 = performance.now();
          select.dispatchEvent(new Event("input", { bubbles: true }));
          select.dispatchEvent(new Event("change", { bubbles: true }));
          if (document.body.getAttribute("aria-busy") !== "true") throw new Error("a select's change did not derive at once");
          // the page's marks (an observer is told of them late, after a frame or more: their times are read, not its)
          const r = await new Promise<{ shown: number; typeset: number; entries: number; painted: number }>((resolve) => {
            const check = () => {
              const d = performance.getEntriesByName("convgrad:derived")[0];
              const t = d && (performance.getEntriesByName("convgrad:typeset") as PerformanceMark[]).find((m) => m.startTime >= d.startTime);
              const p = d && performance.getEntriesByName("convgrad:painted").find((m) => m.startTime >= d.startTime);
              if (!t || !p) return false;
              resolve({ shown: d.startTime - t0, typeset: t.startTime - t0, entries: t.detail as number, painted: p.startTime - t0 });
              return true;
            };
            const obs = new PerformanceObserver(() => check() && obs.disconnect());
            obs.observe({ entryTypes: ["mark"] });
          });
          const status = document.getElementById("status-text")!.textContent ?? "";
          // the command shown is the changed layer's
          const cmd = document.getElementById("derive-cmd")!.textContent!;
          const form = (k: string) => (document.getElementById(k) as HTMLSelectElement).value;
          const want = [form("f-op") === "xcorr", form("f-indexBase") === "0", (document.getElementById("f-bias") as HTMLInputElement).checked];
          if (want.some((w, k) => w !== cmd.includes(["--op xcorr", "--index-base 0", "--bias"][k]!))) throw new Error(`not the changed layer: ${cmd}`);
          return { ...r, engine: Number(/^Derived in (\d+) ms/.exec(status)?.[1] ?? NaN) };
        }, changes[i]!),
      );
      // a user's changes come at human pace: the page settles (its work after a change done) before the next
      await page.waitForTimeout(300);
      await page.evaluate(() => new Promise<void>((done) => requestIdleCallback(() => requestAnimationFrame(() => setTimeout(done, 0)))));
    }
    // 64×64 input, 5×5 kernel (issue 11: "in the worker in < 2 s"): from the submit to the derivation painted
    const big = await page.evaluate(async () => {
      performance.clearMarks();
      (document.getElementById("f-input") as HTMLInputElement).value = "64x64";
      (document.getElementById("f-kernel") as HTMLInputElement).value = "5x5";
      const t0 = performance.now();
      (document.getElementById("layer") as HTMLFormElement).requestSubmit();
      await new Promise<void>((done) => {
        const obs = new PerformanceObserver(() => performance.getEntriesByName("convgrad:painted").length > 0 && (obs.disconnect(), done()));
        obs.observe({ entryTypes: ["mark"] });
      });
      return { painted: performance.getEntriesByName("convgrad:painted")[0]!.startTime - t0, cmd: document.getElementById("derive-cmd")!.textContent! };
    });
    expect(big.cmd).toContain("--input 64x64 --kernel 5x5");
    console.log(`test/web/speed.test.ts: 64×64/5×5 from the submit to painted: ${Math.round(big.painted)} ms (target 2000)`);
    expect(big.painted).toBeLessThan(10_000);
    await page.evaluate(() => {
      (document.getElementById("f-input") as HTMLInputElement).value = "8x8";
      (document.getElementById("f-kernel") as HTMLInputElement).value = "3x3";
      (document.getElementById("layer") as HTMLFormElement).requestSubmit();
    });
    await page.waitForFunction(() => document.getElementById("derive-cmd")!.textContent!.includes("--input 8x8"));
    await page.locator('li[data-entry="dX:63"]').waitFor({ timeout: T / 3 });
    // an entry out of view is still text; scrolled to, it is typeset
    const last = page.locator('li[data-entry="dX:63"] .math');
    expect(await last.getAttribute("class")).toBe("math pending");
    await last.scrollIntoViewIfNeeded();
    await page.locator('li[data-entry="dX:63"] .math:not(.pending) .katex-mathml').waitFor({ timeout: T / 3 });
    await page.close();
    const m = (k: keyof (typeof runs)[number]) => Math.round(median(runs.map((r) => r[k])));
    console.log(
      `test/web/speed.test.ts: 8×8/3×3 after a change, median of ${RUNS} (ms): engine ${m("engine")}, derivation shown ${m("shown")}, ${m("entries")} entries in view typeset ${m("typeset")}, painted ${m("painted")}` +
        ` (target 100; all runs: ${runs.map((r) => `${Math.round(r.typeset)}/${Math.round(r.painted)}`).join(" ")})`,
    );
    expect(runs.every((r) => r.entries > 0 && Number.isFinite(r.engine))).toBe(true);
    // the layer has 36 + 9 + 64 entries: a change typesets those in view, not all of them
    expect(runs.every((r) => r.entries < 36 + 9 + 64)).toBe(true);
    // … and they come typeset with the derivation, in the same task: no round trip to the worker after it
    // (a median: on the shared machine one change's task can be stretched by a garbage collection)
    expect(median(runs.map((r) => r.typeset - r.shown))).toBeLessThan(30);
    expect(m("typeset")).toBeLessThan(3000);
    expect(m("painted")).toBeLessThan(3000);
  }, T);

  it("a change updates the entries in place: an unchanged formula keeps its nodes, a changed one is the library's, open boxes close", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${base}#input=8x8&kernel=3x3`);
    await page.locator('li[data-entry="dX:63"]').waitFor({ timeout: T / 3 });
    await page.locator('li[data-entry="Y:0"] .math:not(.pending) .katex-mathml').waitFor({ timeout: T / 3 });
    await page.click('li[data-entry="dX:0"] button.chain');
    await page.locator('li[data-entry="dX:0"] .chain-out').waitFor({ timeout: T / 3 });
    // each entry's shown text against the library's, for the layer on the page
    const expected = (input: [number, number], base1: 0 | 1, op: "conv" | "xcorr" = "conv") => {
      const d = derive({ op, input, kernel: [3, 3] });
      const un = new Namer(d.table, "unicode", base1);
      const texts: Record<string, string> = {};
      for (let i = 0; i < d.forward.size; i++) texts[`Y:${i}`] = `${un.entry("y", unflatten(d.tensors.Y.shape, i))} = ${un.poly(d.forward.entry(i), 40)}`;
      for (let i = 0; i < d.gradients.dX!.size; i++) texts[`dX:${i}`] = `${un.gradName("x", unflatten(d.tensors.X.shape, i))} = ${un.poly(d.gradients.dX!.entry(i), 40)}`;
      return texts;
    };
    const shown = () =>
      page.evaluate(() => Object.fromEntries(Array.from(document.querySelectorAll<HTMLElement>('ol.entries > li:not([data-entry^="dW"])')).map((li) => [li.dataset.entry!, li.dataset.text!])));
    const change = async (field: string, value: string) => {
      const derived = page.evaluate(() => new Promise<void>((done) => {
        performance.clearMarks();
        const obs = new PerformanceObserver(() => { obs.disconnect(); done(); });
        obs.observe({ entryTypes: ["mark"] });
      }));
      await page.evaluate(([field, value]: string[]) => {
        const el = document.getElementById(field!) as HTMLInputElement;
        if (el.type === "checkbox") el.checked = value === "on";
        else el.value = value!;
        (document.getElementById("layer") as HTMLFormElement).requestSubmit();
      }, [field, value]);
      await derived;
      await page.locator('li[data-entry="dX:0"]').waitFor({ timeout: T / 3 });
    };
    // 8×8 → 9×8: Y is 7×6 instead of 6×6, its first 36 entries the same formulas: their nodes stay
    await page.evaluate(() => ((document.querySelector('li[data-entry="Y:0"] .math') as HTMLElement & { kept?: boolean }).kept = true));
    await change("f-input", "9x8");
    await page.waitForFunction(() => document.getElementById("derive-cmd")!.textContent!.includes("--input 9x8"));
    expect(await page.evaluate(() => (document.querySelector('li[data-entry="Y:0"] .math') as HTMLElement & { kept?: boolean }).kept)).toBe(true);
    expect(await shown()).toEqual(expected([9, 8], 1));
    expect(await page.locator(".chain-out").count()).toBe(0);
    expect(await page.locator('li[data-entry="dX:0"] button.chain').getAttribute("aria-expanded")).toBe("false");
    // index base 0: every name changes, and so every formula and the buttons' names
    await change("f-indexBase", "0");
    await page.waitForFunction(() => document.getElementById("derive-cmd")!.textContent!.includes("--index-base 0"));
    expect(await shown()).toEqual(expected([9, 8], 0));
    expect(await page.locator('li[data-entry="dX:0"] button.chain').getAttribute("aria-label")).toBe("Chain rule for δx₀₀");
    // the entries on screen (the click scrolled to δx₀₀) came typeset with the derivation, with the new formula
    expect(await page.locator('li[data-entry="dX:0"] .math').getAttribute("class")).toBe("math");
    expect(await page.locator('li[data-entry="dX:0"] .math annotation').textContent()).toMatch(/^\\delta x_\{00\} = /);
    // Y's entries, off screen, changed too: their text, typeset when scrolled to
    expect(await page.locator('li[data-entry="Y:0"] .math').getAttribute("class")).toBe("math pending");
    await page.locator('li[data-entry="Y:0"]').scrollIntoViewIfNeeded();
    await page.locator('li[data-entry="Y:0"] .math:not(.pending) .katex-mathml').waitFor({ timeout: T / 3 });
    expect(await page.locator('li[data-entry="Y:0"] .math annotation').textContent()).toMatch(/^y_\{00\} = /);
    // conv → xcorr: every formula changes its indices; the typeset ones, given their new texts, read as the library's
    await change("f-op", "xcorr");
    await page.waitForFunction(() => document.getElementById("derive-cmd")!.textContent!.includes("--op xcorr"));
    expect(await shown()).toEqual(expected([9, 8], 0, "xcorr"));
    const typeset = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>("ol.entries > li"))
        .filter((li) => !li.querySelector(".math")!.classList.contains("pending"))
        .map((li) => {
          const m = li.querySelector(".katex-mathml math")!.cloneNode(true) as Element;
          m.querySelectorAll("annotation").forEach((a) => a.remove());
          return [li.dataset.text!, m.textContent!];
        }),
    );
    expect(typeset.length).toBeGreaterThan(10);
    const mathmlForm = (s: string) => s.replace(/[₀-₉]/g, (c) => String(c.charCodeAt(0) - 0x2080)).replace(/[·\s]/g, "");
    // (an entry cut at 40 terms ends "… (2 more terms)" in text, "…" in LaTeX: those are left out)
    for (const [text, math] of typeset) if (!text!.includes("…")) expect(math).toBe(mathmlForm(text!));
    // the bias: every forward entry gains "b +" after its "=" — a typeset one keeps its other nodes (y₀₀ among
    // them), takes the new ones, and is then what parsing the new formula whole would make
    await page.locator('li[data-entry="Y:0"]').scrollIntoViewIfNeeded();
    await page.locator('li[data-entry="Y:0"] .math:not(.pending) .katex-mathml').waitFor({ timeout: T / 3 });
    const y00 = 'li[data-entry="Y:0"] semantics > mrow > msub';
    await page.evaluate((sel) => ((document.querySelector(sel) as Element & { kept?: boolean }).kept = true), y00);
    await change("f-bias", "on");
    await page.waitForFunction(() => document.getElementById("derive-cmd")!.textContent!.includes("--bias"));
    expect(await page.evaluate((sel) => (document.querySelector(sel) as Element & { kept?: boolean }).kept, y00)).toBe(true);
    const live = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>("ol.entries > li > .math:not(.pending)")).map((d) => [d.dataset.tex!, d.innerHTML]),
    );
    expect(live.some(([tex]) => tex!.startsWith("y_{00} = b + "))).toBe(true);
    const fresh = await page.evaluate(
      (texs) =>
        texs.map((html) => {
          const div = document.createElement("div");
          div.innerHTML = html;
          return div.innerHTML;
        }),
      live.map(([tex]) => renderMathml(tex!)),
    );
    expect(live.map(([, html]) => html)).toEqual(fresh);
    await page.close();
  }, T);

  it("mathjs and the formula language (the grammar) load only with the first check, not for a derivation", async () => {
    const page = await browser.newPage();
    const loaded: string[] = [];
    page.on("request", (r) => loaded.push(r.url().slice(base.length)));
    await page.goto(`${base}#input=5x5&kernel=3x3&stride=2`);
    await page.locator('li[data-entry="dX:24"]').waitFor({ timeout: T / 3 });
    await page.click('li[data-entry="dX:12"] button.table');
    await page.locator('li[data-entry="dX:12"] .table-out').waitFor({ timeout: T / 3 });
    const lazy = (urls: string[]) => ({ mathjs: urls.some((u) => /assets\/mathjs-table-[\w-]+\.js$/.test(u)), grammar: urls.some((u) => /assets\/run-[\w-]+\.js$/.test(u)) });
    expect(loaded.some((u) => /assets\/worker-[\w-]+\.js$/.test(u))).toBe(true);
    expect(lazy(loaded)).toEqual({ mathjs: false, grammar: false });
    await page.fill("#text", "ΔW = Rot180(ΔY) * X");
    await page.click("#check-btn");
    await page.locator("#verify-summary").waitFor({ timeout: T / 3 });
    expect(lazy(loaded)).toEqual({ mathjs: true, grammar: true });
    await page.close();
  }, T);
});
