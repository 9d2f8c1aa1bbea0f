/**
 * The page's engine: what the worker runs. Every formula and every file comes from the library's
 * own printers (src/print, src/export, src/verify), called with the options the CLI uses for the
 * same flags, so the page shows and exports what `convgrad derive|slides|verify` print.
 * KaTeX renders here too (renderToString is plain string work), so the page's thread only inserts HTML
 * (the entries' MathML, the other formulas' HTML).
 */
import katex from "katex";
import { estimate } from "../../src/conv/config.js";
import { UsageError } from "../../src/errors.js";
import { derive, type Derivation } from "../../src/derive.js";
import { beamerLines, DEFAULT_MAX_FRAMES } from "../../src/export/beamer.js";
import type { GradKey } from "../../src/grad/rules.js";
import { configText, forwardText, gradientOf, gradShape, verdictText } from "../../src/print/describe.js";
import { jsonChunks } from "../../src/print/json.js";
import {
  chainRows,
  forwardLatex,
  forwardRow,
  gradientRow,
  latexNamer,
  latexStandaloneLines,
  DEFAULT_NAMES,
  ruleLatex,
  type LatexOptions,
} from "../../src/print/latex.js";
import { markdownLines } from "../../src/print/markdown.js";
import { Namer, unflatten } from "../../src/print/names.js";
import { buildTable, entryTitle, refText, tablesSupported, viewPanel, cropText } from "../../src/print/tables.js";
import { textLines } from "../../src/print/text.js";
import { entryMathml } from "./mathml.js";
import { loadMathjs, mathjsLoaded } from "./shims/node-module.js";
import {
  formKey,
  formToSpec,
  layerArgs,
  maxTermsOf,
  shellLine,
  textForm,
  verifyArgs,
  type LayerForm,
  type VerifyFields,
} from "./form.js";
import type {
  ChainView,
  DeriveView,
  EntryFormula,
  EntryKey,
  ExportFile,
  ExportFormat,
  Formula,
  Section,
  TableCell,
  TableView,
  Typeset,
  VerifyItem,
  VerifyTerm,
  VerifyView,
} from "./protocol.js";
import type { Summary, VerifyResult } from "../../src/verify/run.js";
import { setBounded } from "./bounded.js";

/** Entries shown per tensor, terms shown per formula: the page stays fast; the exports have everything. */
export const SHOW_ENTRIES = 100;
export const SHOW_TERMS = 40;
/** A derivation table shows at most this many rows and columns of its grid (around the kernel), as the article does. */
export const SHOW_GRID = 16;

/** The file name verify reports for the pasted text (`convgrad verify … pasted.tex` prints the same). */
export const PASTED = "pasted.tex";

export function renderMath(tex: string, display = true): string {
  return katex.renderToString(tex, {
    displayMode: display,
    output: "htmlAndMathml",
    throwOnError: false,
    strict: "ignore",
  });
}

/** KaTeX's HTML of a user's formula, or null when KaTeX cannot render it. */
function renderUser(tex: string): string | null {
  try {
    return katex.renderToString(tex, {
      displayMode: true,
      output: "htmlAndMathml",
      throwOnError: true,
      strict: "ignore",
      maxExpand: 200,
      maxSize: 20,
    });
  } catch {
    return null;
  }
}

const formula = (tex: string, text: string): Formula => ({ tex, html: renderMath(tex), text });

/** The derivation options of `convgrad derive` (and slides: the same defaults). */
let cached: { key: string; d: Derivation } | null = null;
export function derivationOf(form: LayerForm): Derivation {
  const key = derivationKey(form);
  if (cached?.key === key) return cached.d;
  const d = deriveLayer(form);
  cached = { key, d };
  return d;
}
const derivationKey = (form: LayerForm): string => JSON.stringify([formToSpec(form), maxTermsOf(form)]);
const deriveLayer = (form: LayerForm): Derivation =>
  derive(formToSpec(form), { maxTerms: maxTermsOf(form), method: "structural", points: 3 });

/** The notation options `derive --format latex|markdown` and `slides` use with their default flags. */
function notationOptions(d: Derivation): Pick<LatexOptions, "names" | "grad" | "commaIndex"> {
  return { names: DEFAULT_NAMES, grad: "delta", commaIndex: d.config.hasChannels };
}

const SYMBOL = (key: GradKey): string => gradientOf(key).symbol;

function shapeOf(d: Derivation, key: EntryKey): readonly number[] {
  return key === "Y" ? d.tensors.Y.shape : gradShape(d, key);
}

/** Reports the phase a request has reached (the worker posts it to the page). */
export type Progress = (phase: string) => void;

/**
 * Layers derived ahead (deriveAhead, in the worker's idle time): their views, entries untypeset, and
 * their derivations, by form. A change answered from here costs the worker only the copy of the view.
 */
const ahead = new Map<string, { view: DeriveView; d: Derivation }>();
const AHEAD_KEPT = 8;
/**
 * Only layers of at most this many forward terms (8×8 with a 3×3 kernel: 324) are kept, and their neighbours
 * derived ahead: each derives in well under 100 ms here (64×64 with 5×5, 90 000 terms, takes seconds), so a
 * request that comes while the worker derives ahead waits at most about that long. (By their size, not their
 * time: the first derivations, before the JIT warms up, take several times as long.)
 */
export const AHEAD_TERMS = 5000;
function keepAhead(key: string, view: DeriveView, d: Derivation): void {
  setBounded(ahead, key, { view, d }, AHEAD_KEPT);
}
/** Whether the layer of `form` is kept (it was quick to derive): then its neighbours are worth deriving ahead. */
export const keptAhead = (form: LayerForm): boolean => ahead.has(formKey(form));

/**
 * The derivation as the page shows it. `typesetNow`: entries (`Y:3`, `dX:12`) to send typeset
 * (MathML) — the page asks for those it has in view, so a change shows them typeset in one round
 * trip; the others come as text, typeset when they scroll into view.
 */
export function deriveView(
  form: LayerForm,
  progress: Progress = () => {},
  typesetNow: readonly string[] = [],
): DeriveView {
  const t0 = performance.now();
  const key = formKey(form);
  const done = ahead.get(key);
  let base: DeriveView;
  if (done !== undefined) {
    // (kept: a change back to this layer is answered from here too)
    keepAhead(key, done.view, done.d);
    cached = { key: derivationKey(form), d: done.d };
    base = { ...done.view, phases: [["derived ahead", done.view.ms]] };
  } else {
    const fresh = layerView(form, progress);
    base = fresh.view;
    if (estimate(fresh.d.config).forwardTerms <= AHEAD_TERMS) keepAhead(key, base, fresh.d);
  }
  const t1 = performance.now();
  const view = typesetCopy(base, typesetNow);
  const end = performance.now();
  return { ...view, phases: [...base.phases, ["typeset", end - t1]], ms: end - t0 };
}

/** A view's copy, its entries `typesetNow` typeset (a view kept ahead is kept as it is). */
function typesetCopy(base: DeriveView, typesetNow: readonly string[]): DeriveView {
  const now = new Set(typesetNow);
  const sections = base.sections.map((sec) => ({
    ...sec,
    entries: sec.entries.map((e) => (now.has(`${e.key}:${e.flat}`) ? { ...e, mathml: mathmlOf(e.tex) } : e)),
  }));
  return { ...base, sections };
}

/**
 * The view of a layer derived ahead, as deriveView would answer it (its entries `typesetNow` typeset), or
 * null; without making it the layer shown (derivationOf's).
 */
export function aheadView(form: LayerForm, typesetNow: readonly string[]): DeriveView | null {
  const done = ahead.get(formKey(form));
  if (done === undefined) return null;
  const view = typesetCopy(done.view, typesetNow);
  return {
    ...view,
    phases: [
      ["derived ahead", done.view.ms],
      ["typeset", 0],
    ],
    ms: 0,
  };
}

/**
 * Derives the layer of `form` ahead, while the worker is idle, and typesets its entries `typesetNow`
 * (those the page has in view): a change to that layer is then answered at once. False when it cannot
 * be derived (the page will say why, if it is asked for).
 */
export function deriveAhead(form: LayerForm, typesetNow: readonly string[]): boolean {
  const key = formKey(form);
  if (!ahead.has(key)) {
    let view: DeriveView;
    let d: Derivation;
    try {
      // (its derivation is kept with its view, not as the one the page shows: derivationOf's)
      d = deriveLayer(form);
      view = layerView(form, () => {}, d).view;
    } catch {
      return false;
    }
    keepAhead(key, view, d);
  }
  // (the entries in view typeset now: mathmlOf keeps them, so aheadView's copy costs nothing)
  typesetCopy(ahead.get(key)!.view, typesetNow);
  return true;
}

/** The layer's view, its entries untypeset (their text; deriveView typesets those the page has in view). */
function layerView(form: LayerForm, progress: Progress, given?: Derivation): { view: DeriveView; d: Derivation } {
  const t0 = performance.now();
  const phases: [string, number][] = [];
  let last = t0;
  const phase = (name: string) => {
    const now = performance.now();
    phases.push([name, now - last]);
    last = now;
  };
  progress("deriving: forward pass, gradients, rules");
  const d = given ?? derivationOf(form);
  phase("derive");
  progress("printing");
  const c = d.config;
  const lo = notationOptions(d);
  const nm = latexNamer(d, lo);
  const un = new Namer(d.table, "unicode", c.indexBase);
  const shapes = { X: d.tensors.X.shape, W: d.tensors.W.shape, Y: d.tensors.Y.shape };
  const sections: Section[] = [];

  const yShape = shapes.Y;
  const forward: EntryFormula[] = [];
  for (let f = 0; f < Math.min(d.forward.size, SHOW_ENTRIES); f++) {
    const name = un.entry("y", unflatten(yShape, f));
    forward.push({
      key: "Y",
      flat: f,
      name,
      tex: forwardRow(d, nm, f, SHOW_TERMS).replace(" &= ", " = "),
      text: `${name} = ${un.poly(d.forward.entry(f), SHOW_TERMS)}`,
      mathml: null,
    });
  }
  sections.push({ key: "Y", title: "Forward pass", total: d.forward.size, entries: forward });

  const titles: Record<GradKey, string> = { dW: "ΔW", dX: "ΔX", db: "δb" };
  for (const key of ["dW", "dX", "db"] as const) {
    const g = d.gradients[key];
    if (!g) continue;
    const entries: EntryFormula[] = [];
    for (let i = 0; i < Math.min(g.size, SHOW_ENTRIES); i++) {
      const name = un.gradName(SYMBOL(key), unflatten(shapeOf(d, key), i));
      entries.push({
        key,
        flat: i,
        name,
        tex: gradientRow(d, nm, key, i, SHOW_TERMS).replace(" &= ", " = "),
        text: `${name} = ${un.poly(g.entry(i), SHOW_TERMS)}`,
        mathml: null,
      });
    }
    sections.push({ key, title: titles[key], total: g.size, entries });
  }
  phase("print");
  progress("typesetting");
  const rules = d.checks.map((ch) => {
    const target = gradientOf(ch.target).title;
    const status = ch.holds === null ? ("not-checked" as const) : ch.holds ? ("holds" as const) : ("fails" as const);
    if (ch.holds === null)
      return { target, rule: ch.rule, formula: null, note: null, status, verdict: verdictText(ch) };
    return {
      target,
      rule: ch.rule,
      formula: formula(ruleLatex(ch.formula, lo), ch.rule),
      note: null,
      status,
      verdict: verdictText(ch),
    };
  });
  const view = {
    title: forwardText(c),
    config: configText(c, shapes),
    forward: formula(forwardLatex(d, lo), forwardText(c).split("   ")[0]!),
    sections,
    rules,
    tables: tablesSupported(d),
    command: shellLine(["convgrad", "derive", ...layerArgs(form)]),
    ms: 0,
    phases,
  };
  phase("rules");
  view.ms = performance.now() - t0;
  return { view, d };
}

/**
 * KaTeX's MathML of a display formula, laid out by the browser itself (MathML Core, Chromium 109+,
 * Firefox, Safari), in the wrapper KaTeX writes around its MathML (katex-display, katex,
 * katex-mathml), so the page's styles and copy-tex (copying gives the LaTeX) treat it as KaTeX's.
 * KaTeX's HTML output (~9 kB of positioned spans for δx₂₂ of the lecture, beside the MathML) cost most
 * of the time after a change, in Chromium's layout of it; the MathML alone is ~1 kB, and it is what
 * screen readers read anyway. (The forward formula, the rules, chain rules and tables stay KaTeX's HTML.)
 */
export function renderMathml(tex: string): string {
  // (an entry's formula is written directly, as KaTeX would: web/src/mathml.ts)
  const m =
    entryMathml(tex) ??
    katex.renderToString(tex, { displayMode: true, output: "mathml", throwOnError: false, strict: "ignore" });
  // `<span class="katex"><math …>…</math></span>` (or KaTeX's error span, kept as it is)
  if (!m.startsWith('<span class="katex"><math')) return m;
  const math = m.slice('<span class="katex">'.length, -"</span>".length);
  return `<span class="katex-display"><span class="katex"><span class="katex-mathml">${math}</span></span></span>`;
}

/** Entries' MathML by LaTeX source: an entry a change leaves as it was (or changes back) is not rendered again. */
const mathmlCache = new Map<string, string>();
const MATHML_CACHE = 2000;

function mathmlOf(tex: string): string {
  let m = mathmlCache.get(tex);
  if (m === undefined) {
    m = renderMathml(tex);
    setBounded(mathmlCache, tex, m, MATHML_CACHE);
  }
  return m;
}

/** The MathML of display formulas (the entries the page shows, as they scroll into view). */
export function typeset(texs: readonly string[]): Typeset {
  return { html: texs.map(mathmlOf) };
}

/** One gradient entry's chain rule, as the LaTeX printer writes it, and its non-zero partials. */
export function chainView(form: LayerForm, key: EntryKey, flat: number): ChainView {
  if (key === "Y") throw new UsageError("chain rule", "is for a gradient entry (ΔW, ΔX, δb), not a forward entry");
  const d = derivationOf(form);
  const g = d.gradients[key];
  if (!g || !Number.isInteger(flat) || flat < 0 || flat >= g.size)
    throw new UsageError("chain rule", `no entry ${flat} in ${key}`);
  const nm = latexNamer(d, notationOptions(d));
  const un = new Namer(d.table, "unicode", d.config.indexBase);
  const idx = unflatten(shapeOf(d, key), flat);
  const s = un.entry(SYMBOL(key), idx);
  const [sum, result] = chainRows(d, nm, key, flat, SHOW_TERMS);
  const tex = `\\begin{aligned} ${sum} \\\\ ${result} \\end{aligned}`;
  const yShape = d.tensors.Y.shape;
  const partials = d
    .steps(key, flat)
    .map((st) => `∂${un.entry("y", unflatten(yShape, st.y))}/∂${s} = ${un.poly(st.partial)}`);
  return {
    key,
    flat,
    name: un.gradName(SYMBOL(key), idx),
    formula: formula(tex, `${un.gradName(SYMBOL(key), idx)} = ${un.poly(g.entry(flat), SHOW_TERMS)}`),
    partials,
  };
}

/** The verification table of one entry: the grid, the kernel placed over it, each covered cell's term. */
export function tableView(form: LayerForm, key: EntryKey, flat: number): TableView {
  const d = derivationOf(form);
  if (key === "db") throw new UsageError("table", "is drawn for entries of Y, ΔW and ΔX");
  if (!tablesSupported(d)) throw new UsageError("table", "derivation tables are drawn for 1-D and 2-D inputs only");
  const size = key === "Y" ? d.forward.size : d.gradients[key].size;
  if (!Number.isInteger(flat) || flat < 0 || flat >= size) throw new UsageError("table", `no entry ${flat} in ${key}`);
  const t = buildTable(d, key, flat);
  const nm = latexNamer(d, notationOptions(d));
  const un = new Namer(d.table, "unicode", d.config.indexBase);
  const base = d.config.indexBase;
  const inline = (tex: string) => renderMath(tex, false);
  const panels = t.panels.map((p) => {
    const v = viewPanel(p, SHOW_GRID);
    const rows: TableCell[][] = [];
    for (let r = 0; r < v.rows; r++) {
      const row: TableCell[] = [];
      for (let c = 0; c < v.cols; c++) {
        const cell = v.cell(r, c);
        switch (cell.kind) {
          case "product": {
            const tex = cell.terms.map((i) => nm.term(t.poly.codes[i]!, t.poly.coef(i))).join(" + ");
            row.push({
              kind: "product",
              html: inline(tex),
              text: cell.terms.map((i) => un.term(t.poly.codes[i]!, t.poly.coef(i))).join(" + "),
            });
            break;
          }
          case "zero":
            row.push({
              kind: "zero",
              html: inline(`${nm.symbol(cell.kernel)} \\cdot 0`),
              text: `${un.symbol(cell.kernel)}·0`,
            });
            break;
          case "grey":
            row.push({ kind: "grey", html: inline(nm.symbol(cell.grid)), text: un.symbol(cell.grid) });
            break;
          case "pad":
            row.push({ kind: "pad", html: "", text: "" });
            break;
        }
      }
      rows.push(row);
    }
    return {
      caption: `${refText(p.grid, base)}${p.padded ? " (padded)" : ""}, with ${refText(p.kernel, base)} placed over it`,
      cropped: v.cropped ? cropText(p, v) : null,
      rows,
    };
  });
  const name = entryTitle(un, d, key, flat);
  return {
    key,
    flat,
    name,
    panels,
    formula: formula(
      `${entryTitle(nm, d, key, flat)} = ${nm.poly(t.poly, SHOW_TERMS)}`,
      `${name} = ${un.poly(t.poly, SHOW_TERMS)}`,
    ),
  };
}

// ---------------------------------------------------------------- verify

/** Terms rendered per entry, entries per result: the page stays fast; the JSON export has every one. */
export const SHOW_REPORT_TERMS = 32;
export const SHOW_REPORT_ENTRIES = 24;

/** A term or entry name as the verify report writes it ("δy_{2,1}·w_{1,1}", "−2·w_{1,1}") in LaTeX. */
export function plainTex(s: string): string {
  return s
    .replace(/δ/g, "\\delta ")
    .replace(/Δ/g, "\\Delta ")
    .replace(/∂/g, "\\partial ")
    .replace(/·/g, " \\cdot ")
    .replace(/−/g, "-")
    .replace(/(\d+)\/(\d+)/g, "\\tfrac{$1}{$2}");
}

const term = (s: string): VerifyTerm => ({ text: s, html: renderMath(plainTex(s), false) });

/** The CLI's verify, its JSON read back (convgrad.verify/1 carries every field of a result). */
async function runVerify(
  form: LayerForm,
  text: string,
  v: VerifyFields,
  format: "json" | "text",
  progress: Progress = () => {},
) {
  if (text.trim().length === 0) throw new UsageError(PASTED, "the input is empty: nothing to check");
  // the formula language (nearley grammar), the CLI's command and mathjs load with the first check
  if (!mathjsLoaded()) progress("loading the formula language");
  const [{ fileDirectives }, { runVerifyCommand }] = await Promise.all([
    import("../../src/verify/declare.js"),
    import("./cli.js"),
    loadMathjs(),
  ]);
  const args = verifyArgs(form, v, PASTED);
  // the solver (WebAssembly) is loaded only for a proof
  if (v.allSizes) {
    progress("loading the Z3 solver");
    await (await import("./z3load.js")).loadZ3();
  }
  progress(v.allSizes ? "proving for every size" : "checking");
  const formatArgs = format === "json" ? ["--format", "json"] : ["--color", "never"];
  const run = await runVerifyCommand([...formatArgs, ...args], PASTED, text);
  return { run, args: format === "json" ? ["--format", "json", ...args] : args, own: fileDirectives(text) };
}

export async function verifyView(
  form: LayerForm,
  text: string,
  v: VerifyFields,
  progress: Progress = () => {},
): Promise<VerifyView> {
  const t0 = performance.now();
  const { run, args, own } = await runVerify(form, text, v, "json", progress);
  progress("typesetting");
  const report = JSON.parse(run.stdout) as { results: VerifyResult[]; summary: Summary };
  const { textLines: reportLines } = await import("../../src/verify/report.js");
  const lines = [...reportLines(report.results, report.summary, false)];
  const notes: string[] = [];
  const wanted = own.length > 0 ? textForm(form, own) : null;
  const differs = wanted !== null && JSON.stringify(wanted) !== JSON.stringify(form);
  if (own.length > 0) {
    notes.push(
      `The text's line "% convgrad: ${shellLine(own)}" is applied as the CLI applies it to a file: its flags count where the command line (the form, and the fields above) does not give them.` +
        (differs
          ? ` Its layer differs from the form's, and the form's --input and --kernel always count: "Use the text's layer" sets the form to ${shellLine(layerArgs(wanted))}.`
          : ""),
    );
  }
  for (const l of run.stderr.split("\n")) if (l.trim() !== "") notes.push(l.replace(/^convgrad: /, ""));
  const items: VerifyItem[] = report.results.map((r) => ({
    line: r.line,
    column: r.column,
    source: r.source,
    html: renderUser(r.source),
    status: r.status,
    label: LABEL[r.status] ?? r.status,
    method: r.method,
    message: r.message,
    details: r.details,
    entries: r.entries.slice(0, SHOW_REPORT_ENTRIES).map((e) => ({
      entry: e.entry,
      entryHtml: renderMath(plainTex(e.entry), false),
      missing: e.missing.slice(0, SHOW_REPORT_TERMS).map(term),
      extra: e.extra.slice(0, SHOW_REPORT_TERMS).map(term),
      missingTotal: e.missing.length,
      extraTotal: e.extra.length,
    })),
    entriesTotal: r.entries.length,
    counterexample: r.counterexample ?? null,
  }));
  const s = report.summary;
  return {
    items,
    summary: lines[lines.length - 1]!,
    counts: {
      holds: s.holds,
      fails: s.fails,
      definitions: s.definitions,
      skipped: s.skipped,
      errors: s.errors,
      undecided: s.undecided ?? 0,
    },
    command: shellLine([
      "convgrad",
      "verify",
      ...args.filter((a, i) => !(a === "--format" || args[i - 1] === "--format")),
    ]),
    notes,
    textForm: differs ? wanted : null,
    ms: performance.now() - t0,
  };
}

const LABEL: Record<string, string> = {
  holds: "holds",
  fails: "FAILS",
  definition: "defines",
  skipped: "skipped",
  undecided: "undecided",
  error: "ERROR",
};

// ---------------------------------------------------------------- exports

const lines = (it: Iterable<string>): string => {
  let s = "";
  for (const l of it) s += l + "\n";
  return s;
};

function baseName(d: Derivation): string {
  const c = d.config;
  return `convgrad-${c.input.join("x")}-${c.kernel.join("x")}-${c.op}`;
}

/** A file of the current layer, byte for byte what the CLI command in `command` prints. */
export async function exportFile(
  form: LayerForm,
  format: ExportFormat,
  text: string,
  v: VerifyFields,
): Promise<ExportFile> {
  if (format === "verify-json" || format === "verify-text") {
    const json = format === "verify-json";
    const { run, args } = await runVerify(form, text, v, json ? "json" : "text");
    return {
      name: `convgrad-verify.${json ? "json" : "txt"}`,
      mime: json ? "application/json" : "text/plain",
      content: run.stdout,
      command: shellLine(["convgrad", "verify", ...args]),
    };
  }
  const d = derivationOf(form);
  const args = layerArgs(form);
  const lo = notationOptions(d);
  const name = baseName(d);
  switch (format) {
    case "latex":
      return {
        name: `${name}.tex`,
        mime: "application/x-tex",
        content: lines(latexStandaloneLines(d, { tables: false, ...lo })),
        command: shellLine(["convgrad", "derive", ...args, "--format", "latex", "--standalone"]),
      };
    case "beamer":
      return {
        name: `${name}-slides.tex`,
        mime: "application/x-tex",
        content: lines(
          beamerLines(d, {
            title: "Back-propagation through convolution",
            author: "",
            ...lo,
            allFrames: false,
            maxFrames: DEFAULT_MAX_FRAMES,
          }),
        ),
        command: shellLine(["convgrad", "slides", ...args]),
      };
    case "markdown":
      return {
        name: `${name}.md`,
        mime: "text/markdown",
        content: lines(markdownLines(d, { tables: false, ...lo })),
        command: shellLine(["convgrad", "derive", ...args, "--format", "markdown"]),
      };
    case "json":
      return {
        name: `${name}.json`,
        mime: "application/json",
        content: [...jsonChunks(d)].join(""),
        command: shellLine(["convgrad", "derive", ...args, "--format", "json"]),
      };
    case "text":
      return {
        name: `${name}.txt`,
        mime: "text/plain",
        content: lines(textLines(d, { steps: true })),
        command: shellLine(["convgrad", "derive", ...args]),
      };
  }
}

/** An exception as the CLI's one line on stderr (without the exit code). */
export function errorLine(e: unknown): { error: string; usage: boolean } {
  const one = (s: string) => s.replace(/\s*[\r\n]+\s*/g, " ").trim();
  // bad input: a UsageError, or any error of convgrad's that says it is bad input (exit code 2, as the CLI maps it)
  if (e instanceof UsageError || (e instanceof Error && (e as { exitCode?: unknown }).exitCode === 2))
    return { error: `convgrad: ${one(e.message)}`, usage: true };
  // commander's own refusal of a flag (the CLI's main() prints it the same way)
  if (e instanceof Error && e.name === "CommanderError")
    return { error: `convgrad: ${one(e.message.replace(/^error: /, ""))}`, usage: true };
  if (e instanceof RangeError && /allocation failed|invalid (typed )?array length/i.test(e.message)) {
    return {
      error: `convgrad: out of memory (${one(e.message)}): the request is too large for this machine; use smaller sizes`,
      usage: true,
    };
  }
  const message = e instanceof Error ? `${e.name === "Error" ? "" : `${e.name}: `}${e.message}` : String(e);
  return { error: `convgrad: internal error: ${one(message)} (please report)`, usage: false };
}
