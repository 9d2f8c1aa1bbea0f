/**
 * The page: the layer form, the derivation, the verify pane and the exports. All engine work runs
 * in a Web Worker (worker.ts); this thread only reads the form, keeps the URL and inserts the
 * results. Text from the engine and the user is always inserted as text (or escaped, in the derivation's
 * one HTML string); only KaTeX's output as HTML.
 */
import "katex/dist/katex.min.css";
// copying rendered math copies its LaTeX ($$…$$), from the TeX annotation KaTeX writes beside the MathML
import "katex/contrib/copy-tex";
import "./style.css";
// the worker's URL, resolved when this script runs (a classic script knows its own URL only then)
import workerUrl from "./worker.ts?worker&url";
import {
  formKey,
  formToSpec,
  hashToState,
  LECTURE_FORM,
  stateToHash,
  type LayerForm,
  type PageState,
  type VerifyFields,
} from "./form.js";
import type {
  ChainView,
  DeriveView,
  EntryFormula,
  EntryKey,
  ExportFile,
  ExportFormat,
  Request,
  Response,
  Result,
  Shown,
  TableView,
  Typeset,
  VerifyItem,
  VerifyTerm,
  VerifyView,
} from "./protocol.js";
import { setBounded } from "./bounded.js";

// ---------------------------------------------------------------- the worker

type Call = Request extends infer R ? (R extends Request ? Omit<R, "id"> : never) : never;

class Cancelled extends Error {
  constructor() {
    super("cancelled");
  }
}

class EngineError extends Error {}

/**
 * Over HTTP a module worker (its formula-language chunks load with the first check); from file://,
 * where browsers load neither, the classic engine script index.html loaded there, as a Blob.
 */
function startWorker(): Worker {
  if (location.protocol === "file:") {
    const source = (window as unknown as { convgradEngineSource?: string }).convgradEngineSource;
    if (typeof source !== "string")
      throw new Error("assets/engine-file.js did not load: keep the assets folder beside index.html");
    return new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
  }
  return new Worker(workerUrl, { type: "module" });
}

class Engine {
  private worker!: Worker;
  private nextId = 1;
  private pending = new Map<
    number,
    {
      resolve: (r: Result) => void;
      reject: (e: Error) => void;
      what: string;
      quiet: boolean;
      since: number;
      phase: string | null;
    }
  >();
  /**
   * The task the page waits for (quiet ones, the typesetting of entries scrolled into view, aside): its name, phase and
   * start.
   */
  onBusy: (busy: { what: string; phase: string | null; since: number } | null) => void = () => {};
  /** A layer the worker derived ahead, as it would answer a derive request (protocol.ts). */
  onAhead: (form: LayerForm, view: DeriveView) => void = () => {};

  constructor() {
    this.start();
  }

  private start(): void {
    this.worker = startWorker();
    this.worker.onmessage = (ev: MessageEvent<Response>) => {
      const m = ev.data;
      if ("ahead" in m) {
        this.onAhead(m.ahead, m.view);
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      if ("progress" in m) {
        p.phase = m.progress;
        this.busyChanged();
        return;
      }
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new EngineError(m.error));
      this.busyChanged();
    };
    this.worker.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      // the worker died (out of memory, or it could not load): fail what it had and start a new one
      const msg = `convgrad: the engine stopped (${ev.message || "out of memory?"}); use smaller sizes`;
      this.failAll(() => new EngineError(msg));
      this.worker.terminate();
      this.start();
    };
  }

  private failAll(err: () => Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(err());
    this.busyChanged();
  }

  private busyChanged(): void {
    const first = [...this.pending.values()].find((p) => !p.quiet);
    this.onBusy(first ? { what: first.what, phase: first.phase, since: first.since } : null);
  }

  call<T extends Result>(req: Call, what: string, quiet = false): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (r: Result) => void,
        reject,
        what,
        quiet,
        since: performance.now(),
        phase: null,
      });
      this.busyChanged();
      this.worker.postMessage({ ...req, id });
    });
  }

  cancel(): void {
    this.worker.terminate();
    this.failAll(() => new Cancelled());
    this.start();
  }
}

// ---------------------------------------------------------------- helpers

const $ = <T extends HTMLElement>(id: string): T => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e as T;
};

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

/** KaTeX's output (HTML + MathML) as a node; the only HTML inserted as such. */
function mathNode(html: string, cls = "math"): HTMLElement {
  const d = el("div", { class: cls });
  d.innerHTML = html;
  return d;
}

const FORM_FIELDS = Object.keys(LECTURE_FORM) as (keyof LayerForm)[];
const input = (k: keyof LayerForm) => $<HTMLInputElement | HTMLSelectElement>(`f-${k}`);

function readForm(): LayerForm {
  const f = { ...LECTURE_FORM };
  for (const k of FORM_FIELDS) {
    if (k === "bias") f.bias = $<HTMLInputElement>("f-bias").checked;
    else f[k] = input(k).value;
  }
  return f;
}

function writeForm(f: LayerForm): void {
  for (const k of FORM_FIELDS) {
    if (k === "bias") $<HTMLInputElement>("f-bias").checked = f.bias;
    else input(k).value = f[k];
  }
  // a value a select does not offer (a hand-written URL) falls back to the lecture's
  for (const k of ["op", "indexBase"] as const) if (input(k).value !== f[k]) input(k).value = LECTURE_FORM[k];
  const more = FORM_FIELDS.some(
    (k) => ["inChannels", "outChannels", "groups", "batch", "maxTerms"].includes(k) && f[k] !== LECTURE_FORM[k],
  );
  if (more) document.querySelector("details")!.open = true;
}

function verifyFields(): VerifyFields {
  return {
    fixed: $<HTMLInputElement>("fixed").checked,
    roles: $<HTMLInputElement>("roles").value,
    sizes: $<HTMLInputElement>("sizes").value,
    allSizes: $<HTMLInputElement>("all-sizes").checked && !$<HTMLInputElement>("all-sizes").disabled,
  };
}

function state(): PageState {
  return { form: readForm(), text: $<HTMLTextAreaElement>("text").value, ...verifyFields() };
}

function saveUrl(): void {
  const hash = stateToHash(state());
  if (hash !== location.hash && !(hash === "" && location.hash === ""))
    history.replaceState(null, "", hash === "" ? location.pathname + location.search : hash);
}

// ---------------------------------------------------------------- status

const engine = new Engine();
let busyTimer: number | undefined;
let wasBusy = false;
function setStatus(text: string): void {
  $("status-text").textContent = text;
}
/**
 * The spinner and "Deriving… 0.4 s" come only when a task takes longer than BUSY_SHOWN_AFTER: a quick
 * change (most of them) shows no spinner flashing, and its frame paints nothing but its result (showing
 * them at once cost a frame of its own, on the page's thread, while the worker derived).
 */
const BUSY_SHOWN_AFTER = 150;
engine.onBusy = (busy) => {
  const spinner = $("spinner");
  const cancel = $("cancel-btn");
  document.body.setAttribute("aria-busy", busy ? "true" : "false");
  window.clearTimeout(busyTimer);
  window.clearInterval(busyTimer);
  if (busy === null) {
    spinner.hidden = true;
    cancel.hidden = true;
    // the finished task says more right after, when it has something to say
    if (wasBusy) setStatus("Ready.");
    wasBusy = false;
    return;
  }
  const show = () => {
    wasBusy = true;
    spinner.hidden = false;
    const s = (performance.now() - busy.since) / 1000;
    if (s > 0.3) cancel.hidden = false;
    setStatus(`${busy.what}${busy.phase ? ` (${busy.phase})` : ""}… ${s.toFixed(1)} s`);
  };
  const wait = BUSY_SHOWN_AFTER - (performance.now() - busy.since);
  if (wasBusy || wait <= 0) show();
  busyTimer = window.setTimeout(
    () => {
      show();
      busyTimer = window.setInterval(show, 100);
    },
    Math.max(0, wait),
  );
};
$("cancel-btn").addEventListener("click", () => {
  engine.cancel();
  setStatus("Cancelled.");
});

function report(e: unknown, where: HTMLElement): void {
  if (e instanceof Cancelled) return;
  const msg = e instanceof Error ? e.message : String(e);
  where.replaceChildren(el("p", { class: "error", role: "alert" }, msg));
  setStatus(msg);
}

// ---------------------------------------------------------------- derive

let deriveSeq = 0;
let shownForm: LayerForm | null = null;

/**
 * The derivation on its way (its request's number), if any. Work after a change that the next
 * derivation makes needless — the entries off screen brought up to date, the lazy typesetting —
 * waits for it (unlessDeriving), so a quick second change is not slowed by the first one's.
 */
let derivingSeq: number | null = null;
let afterDerive: (() => void)[] = [];
function unlessDeriving(f: () => void): void {
  if (derivingSeq === null) f();
  else afterDerive.push(f);
}
function derivationSettled(): void {
  derivingSeq = null;
  const waiting = afterDerive;
  afterDerive = [];
  for (const f of waiting) f();
}

async function runDerive(): Promise<void> {
  const form = readForm();
  const seq = ++deriveSeq;
  const err = $("form-error");
  try {
    formToSpec(form); // a bad value is said at once, with the CLI's message
  } catch (e) {
    saveUrl();
    err.textContent = `convgrad: ${(e as Error).message}`;
    $("derive-out").classList.add("stale");
    // no derivation comes for this request (an earlier one's answer is dropped)
    derivationSettled();
    return;
  }
  derivingSeq = seq;
  const typeset = entriesInView();
  // a layer sent ahead, its entries in view typeset, is shown now; the worker is told (its chain rules,
  // tables and the next layers ahead are this one's)
  const ready = aheadViews.get(formKey(form));
  const now = ready !== undefined && typesetIn(ready, typeset) ? ready : null;
  const asked = now
    ? engine.call<Shown>({ kind: "shown", form, typeset }, "Deriving")
    : engine.call<DeriveView>({ kind: "derive", form, typeset }, "Deriving");
  // the URL is kept after the frames showing the change (history.replaceState takes a few ms)
  afterPaint(saveUrl);
  // (only when there is one: emptying an empty element still makes the next frame lay the page out)
  if (err.firstChild) err.textContent = "";
  try {
    if (now !== null) showDerivation(form, now);
    const v = await asked;
    if (seq !== deriveSeq) return;
    if (now === null) showDerivation(form, v as DeriveView);
  } catch (e) {
    if (seq !== deriveSeq) return;
    err.textContent = e instanceof Cancelled ? "" : (e as Error).message;
    report(e, $("derive-out"));
  } finally {
    if (derivingSeq === seq) derivationSettled();
  }
}

function showDerivation(form: LayerForm, v: DeriveView): void {
  shownForm = form;
  $("derive-out").classList.remove("stale");
  renderDerivation(v);
  performance.mark("convgrad:derived");
  // for the speed test (test/web/speed.test.ts): the entries in view came typeset with the derivation
  const typeset = v.sections.reduce((n, s) => n + s.entries.filter((e) => e.mathml !== null).length, 0);
  if (typeset > 0) performance.mark("convgrad:typeset", { detail: typeset });
  // … and painted: a frame's callbacks run before its style, layout and paint; a task queued there runs after them
  requestAnimationFrame(() => setTimeout(() => performance.mark("convgrad:painted"), 0));
  setStatus(
    `Derived in ${Math.round(v.ms)} ms (${v.phases.map(([p, ms]) => `${p} ${Math.round(ms)}`).join(", ")}): ${v.title}`,
  );
}

/**
 * The layers one choice away from the one shown (its op, index base or bias changed), as the worker derived
 * them ahead (worker.ts), by form: a change to one of them is shown in the change's own task — no round trip
 * to the worker, and no frame painting the changed field alone before the derivation.
 */
const aheadViews = new Map<string, DeriveView>();
const AHEAD_VIEWS = 8;
engine.onAhead = (form, view) => {
  const key = formKey(form);
  setBounded(aheadViews, key, view, AHEAD_VIEWS);
};

/** Whether the entries `keys` (`Y:3`) are all typeset in `v`, as a derive request asking for them would have them. */
function typesetIn(v: DeriveView, keys: readonly string[]): boolean {
  const typeset = new Set<string>();
  for (const s of v.sections) for (const e of s.entries) if (e.mathml !== null) typeset.add(`${e.key}:${e.flat}`);
  return keys.every((k) => typeset.has(k)) && typeset.size === keys.length;
}

// ---------------------------------------------------------------- typesetting entries as they come into view

/*
 * An entry's formula before KaTeX is its Unicode text (`math pending`), typeset when it scrolls into
 * view (or near it). Typesetting a whole layer's entries up front (in KaTeX's HTML, ~9 kB a formula)
 * took most of the time after a change; now a change shows the text and typesets only what is on
 * screen, as MathML the browser lays out itself (engine.ts, renderMathml). The entries in view when a
 * change is asked for come typeset with the derivation itself (runDerive): one round trip to the
 * worker, and one layout.
 */

/**
 * The entries' formulas on screen (as an observer last saw them): a change asks for these typeset —
 * those only, not the ones just below the screen (which the lazy typesetting below fetches right
 * after): a long entry there (ΔW's) costs as much layout as four short ones.
 */
const onScreen = new Set<HTMLElement>();
const screenView = new IntersectionObserver((seen) => {
  for (const e of seen) {
    if (e.isIntersecting) onScreen.add(e.target as HTMLElement);
    else onScreen.delete(e.target as HTMLElement);
  }
});

/** Entries are typeset when they come near the viewport (100 px before they scroll into it). */
let waiting = new Set<HTMLElement>();
let flushQueued = false;
const inView = new IntersectionObserver(
  (seen) => {
    for (const e of seen) {
      if (!e.isIntersecting) continue;
      inView.unobserve(e.target);
      waiting.add(e.target as HTMLElement);
    }
    if (!flushQueued && waiting.size > 0) {
      flushQueued = true;
      queueMicrotask(() => unlessDeriving(() => void flushTypeset()));
    }
  },
  { rootMargin: "100px 0px" },
);

/** The entries (`Y:3`) whose formulas are on screen: those a change typesets at once. */
function entriesInView(): string[] {
  const keys: string[] = [];
  for (const d of onScreen) {
    const key = d.isConnected ? d.parentElement?.dataset.entry : undefined;
    if (key !== undefined) keys.push(key);
  }
  return keys;
}

async function flushTypeset(): Promise<void> {
  flushQueued = false;
  const batch = [...waiting].filter((d) => d.isConnected && d.classList.contains("pending"));
  waiting = new Set();
  if (batch.length === 0) return;
  const texs = batch.map((d) => d.dataset.tex!);
  try {
    const r = await engine.call<Typeset>({ kind: "typeset", texs, inView: entriesInView() }, "Typesetting", true);
    batch.forEach((d, i) => {
      // a derivation shown meanwhile may have given the entry another formula (then observed again)
      if (d.dataset.tex !== texs[i] || !d.classList.contains("pending")) return;
      d.innerHTML = r.html[i]!;
      d.classList.remove("pending");
      shownMathml.set(d, r.html[i]!);
    });
    // for the speed test (test/web/speed.test.ts): when the entries in view got their math
    performance.mark("convgrad:typeset", { detail: batch.length });
  } catch {
    // cancelled, or the engine restarted: the entries keep their text; they are typeset when seen again
    for (const d of batch) if (d.isConnected) inView.observe(d);
  }
}

const VERDICT_MARK: Record<string, string> = {
  holds: "✓",
  fails: "✗",
  "not-checked": "–",
  definition: "≝",
  skipped: "–",
  error: "!",
  undecided: "?",
};

/** Text as HTML: the derivation is built as one HTML string (one parse), with every text escaped. */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** An entry's formula: typeset, or its text until it comes into view; its LaTeX kept to tell a changed formula. */
function mathHtml(e: EntryFormula): string {
  return e.mathml === null
    ? `<div class="math pending" data-tex="${esc(e.tex)}">${esc(e.text)}</div>`
    : `<div class="math" data-tex="${esc(e.tex)}">${e.mathml}</div>`;
}

/** One entry: its formula and its buttons. */
function entryHtml(e: EntryFormula, tables: boolean): string {
  let buttons = "";
  if (e.key !== "Y")
    buttons += `<button type="button" class="chain" aria-expanded="false" aria-label="${esc(chainLabel(e.name))}">chain rule</button>`;
  if (tables && e.key !== "db")
    buttons += `<button type="button" class="table" aria-expanded="false" aria-label="${esc(tableLabel(e.name))}">table</button>`;
  return `<li data-entry="${e.key}:${e.flat}" data-text="${esc(e.text)}">${mathHtml(e)}<span class="entry-buttons">${buttons}</span></li>`;
}
const chainLabel = (name: string) => `Chain rule for ${name}`;
const tableLabel = (name: string) => `Derivation table for ${name}`;

/** HTML parsed into nodes, in one go. */
function parse(html: string): DocumentFragment {
  const t = document.createElement("template");
  t.innerHTML = html;
  return t.content;
}

/**
 * Brings a shown list of entries to a new derivation's in place: an entry whose formula did not
 * change keeps its nodes (and the browser their style and layout); one that did gets its new formula
 * in its old item; items are added or removed at the end. Boxes opened under entries close. No HTML
 * is parsed for a formula of the same markup as the one shown (a change of op changes the kernel's
 * indices, not the terms' layout): only its texts that differ are set (setFormula). The formulas
 * off screen (not in `visible`) are left to `later`: renderDerivation changes them right after the
 * frame that paints the ones on screen.
 */
function patchEntries(
  ol: HTMLElement,
  entries: readonly EntryFormula[],
  tables: boolean,
  visible: ReadonlySet<Element>,
  later: Map<HTMLElement, EntryFormula>,
): void {
  for (const box of ol.querySelectorAll(":scope > li > .entry-box")) box.remove();
  for (const b of ol.querySelectorAll('button[aria-expanded="true"]')) b.setAttribute("aria-expanded", "false");
  const items = [...ol.children] as HTMLElement[];
  for (let i = 0; i < Math.min(items.length, entries.length); i++) {
    const [li, e] = [items[i]!, entries[i]!];
    const d = li.firstElementChild as HTMLElement;
    if (e.mathml !== null || visible.has(d)) setFormula(d, e);
    else if (d.dataset.tex !== e.tex) later.set(d, e);
    if (li.dataset.text === e.text) continue;
    li.dataset.text = e.text;
    li.querySelector("button.chain")?.setAttribute("aria-label", chainLabel(e.name));
    li.querySelector("button.table")?.setAttribute("aria-label", tableLabel(e.name));
  }
  for (const li of items.slice(entries.length)) li.remove();
  if (entries.length > items.length) {
    const added = entries.slice(items.length);
    ol.append(parse(added.reduce((h, e) => h + entryHtml(e, tables), "")));
    shownAsParsed(ol, items.length, added);
  }
}

/** The MathML each typeset entry's formula (its `.math` element) was made from: what setFormula compares with. */
const shownMathml = new WeakMap<Element, string>();

/** Records the MathML of entries just parsed from entryHtml: the items of `ol` from `from` on. */
function shownAsParsed(ol: HTMLElement, from: number, entries: readonly EntryFormula[]): void {
  entries.forEach((e, i) => {
    if (e.mathml !== null) shownMathml.set(ol.children[from + i]!.firstElementChild!, e.mathml);
  });
}

/**
 * Makes an entry's formula element show `e`: nothing when it already does; its text when it is not
 * typeset; and a typeset formula of the same markup as the one shown (only texts differ) takes the
 * new texts that differ, in its nodes — the browser restyles and lays out only those — else its
 * MathML anew.
 */
function setFormula(d: HTMLElement, e: EntryFormula): void {
  const pending = d.classList.contains("pending");
  if (d.dataset.tex === e.tex && (e.mathml === null || !pending)) return;
  d.dataset.tex = e.tex;
  if (e.mathml === null) {
    if (!pending) d.classList.add("pending");
    shownMathml.delete(d);
    d.textContent = e.text;
    return;
  }
  const old = shownMathml.get(d);
  shownMathml.set(d, e.mathml);
  if (pending) d.classList.remove("pending");
  else if (old !== undefined && (retext(d, old, e.mathml) || resplice(d, old, e.mathml))) return;
  d.innerHTML = e.mathml;
}

/**
 * A MathML formula's top row (`<semantics><mrow>…</mrow><annotation …>tex</annotation>`): its children's
 * markup and the annotation.
 */
function topRow(mathml: string): { kids: string[]; annotation: string } | null {
  const open = "<semantics><mrow>";
  const a = mathml.indexOf(open);
  const z = mathml.lastIndexOf("</mrow><annotation encoding=");
  if (a < 0 || z < a) return null;
  const tex = /<annotation encoding="[^"]*">([^<]*)<\/annotation>/.exec(mathml.slice(z));
  if (!tex) return null;
  // the children: balanced elements one after another (a self-closing tag is one)
  const kids: string[] = [];
  let depth = 0;
  let start = a + open.length;
  const tags = /<(\/?)[^>]*?(\/?)>/g;
  tags.lastIndex = start;
  for (let m = tags.exec(mathml); m !== null && m.index < z; m = tags.exec(mathml)) {
    if (m[1]) depth--;
    else if (!m[2]) depth++;
    if (depth === 0) {
      kids.push(mathml.slice(start, tags.lastIndex));
      start = tags.lastIndex;
    }
  }
  return depth === 0 && start === z ? { kids, annotation: unescapeHtml(tex[1]!) } : null;
}

const MATHML_NS = "http://www.w3.org/1998/Math/MathML";

/**
 * Gives `d`, parsed from `from`, the formula `to` when the two top rows share their first and last children
 * (y₁₁ = w₁₁x₁₁ + … gaining "b +" with the bias): the children between are replaced, the others kept — the
 * browser builds and styles only the new ones. False (and `d` untouched) when they share none.
 */
function resplice(d: HTMLElement, from: string, to: string): boolean {
  const [a, b] = [topRow(from), topRow(to)];
  const row = d.querySelector("semantics > mrow");
  const note = d.querySelector("semantics > annotation");
  if (!a || !b || !row || !note || row.children.length !== a.kids.length) return false;
  let p = 0;
  while (p < a.kids.length && p < b.kids.length && a.kids[p] === b.kids[p]) p++;
  let q = 0;
  while (
    q < a.kids.length - p &&
    q < b.kids.length - p &&
    a.kids[a.kids.length - 1 - q] === b.kids[b.kids.length - 1 - q]
  )
    q++;
  // (nothing kept: as cheap to parse it all)
  if (p + q === 0) return false;
  const parsed = document.createElementNS(MATHML_NS, "mrow");
  parsed.innerHTML = b.kids.slice(p, b.kids.length - q).join("");
  const gone = [...row.children].slice(p, a.kids.length - q);
  const before = row.children[a.kids.length - q] ?? null;
  for (const k of gone) k.remove();
  row.insertBefore(fragmentOf(parsed), before);
  note.textContent = b.annotation;
  return true;
}

/** The children of `el`, moved into a fragment. */
function fragmentOf(el: Element): DocumentFragment {
  const f = document.createDocumentFragment();
  while (el.firstChild) f.appendChild(el.firstChild);
  return f;
}

/** Markup (HTML or MathML, as KaTeX writes it) split into its tags and its texts, unescaped. */
function splitMarkup(html: string): { tags: string; texts: string[] } {
  const parts = html.split(/(<[^>]*>)/);
  let tags = "";
  const texts: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (i % 2 === 1) tags += p;
    else if (p !== "") {
      // a text's place (the parser makes one text node of it)
      tags += "\0";
      texts.push(p.includes("&") ? unescapeHtml(p) : p);
    }
  }
  return { tags, texts };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
function unescapeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, x: string) => {
    if (x[0] !== "#") return ENTITIES[x.toLowerCase()] ?? m;
    return String.fromCodePoint(x[1] === "x" || x[1] === "X" ? parseInt(x.slice(2), 16) : parseInt(x.slice(1), 10));
  });
}

/**
 * Gives `d`, parsed from the markup `from`, the texts of `to` when the two differ only in their texts;
 * false (and `d` untouched) otherwise.
 */
function retext(d: HTMLElement, from: string, to: string): boolean {
  const [a, b] = [splitMarkup(from), splitMarkup(to)];
  if (a.tags !== b.tags) return false;
  const nodes: Text[] = [];
  const walk = document.createTreeWalker(d, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n !== null; n = walk.nextNode()) nodes.push(n as Text);
  if (nodes.length !== b.texts.length) return false;
  nodes.forEach((n, i) => {
    if (n.data !== b.texts[i]) n.data = b.texts[i]!;
  });
  return true;
}

/** The HTML each part of the derivation shown (its title, forward formula, rules…) was parsed from. */
const blockSource = new WeakMap<Element, string>();

/** Counts the derivations shown: a box asked for under an entry of an earlier one is not opened. */
let renderSeq = 0;

/** The `tables` flag the shown entries' buttons were made with: when it changes, the entries are made anew. */
let shownTables: boolean | null = null;

/**
 * The derivation, inserted as HTML strings (one parse) — the lists of entries updated in place
 * (patchEntries) — with the entries' buttons answering through one listener on the section (below).
 */
function renderDerivation(v: DeriveView): void {
  $("derive-cmd").textContent = v.command;
  const seq = ++renderSeq;
  // the entries are watched anew
  inView.disconnect();
  screenView.disconnect();
  const visible = new Set(onScreen);
  onScreen.clear();
  waiting.clear();
  const out = $("derive-out");
  const lists = new Map<string, HTMLElement>();
  if (shownTables === v.tables)
    for (const ol of out.querySelectorAll<HTMLElement>(":scope > ol.entries")) lists.set(ol.dataset.section!, ol);
  // the derivation's parts, each one element's HTML (or a list of entries kept, updated in place below)
  const blocks: (string | HTMLElement)[] = [
    `<p class="title">${esc(v.title)}</p>`,
    `<p class="config">${esc(v.config)}</p>`,
    `<div class="math">${v.forward.html}</div>`,
  ];
  for (const s of v.sections) {
    blocks.push(`<h3>${esc(s.title === "Forward pass" ? "Forward pass" : `Gradient ${s.title}`)}</h3>`);
    const ol = lists.get(s.key);
    if (ol !== undefined) blocks.push(ol);
    else {
      let html = `<ol class="entries" data-section="${s.key}">`;
      for (const e of s.entries) html += entryHtml(e, v.tables);
      blocks.push(html + "</ol>");
    }
    if (s.total > s.entries.length)
      blocks.push(`<p class="hint">${s.entries.length} of ${s.total} entries shown; the exports have them all.</p>`);
  }
  blocks.push(`<h3>Closed-form rules, checked against the chain rule</h3>`);
  let html = `<ul class="rules">`;
  for (const r of v.rules) {
    html += `<li class="rule ${r.status}" data-status="${r.status}" data-rule="${esc(r.rule)}">`;
    html += r.formula ? `<div class="math">${r.formula.html}</div>` : `<p>${esc(r.target)}</p>`;
    if (r.note) html += `<p class="note">(${esc(r.note)})</p>`;
    const badge = `${VERDICT_MARK[r.status]} ${r.status === "not-checked" ? "not checked" : r.status}`;
    html += `<p class="verdict"><span class="badge ${r.status}">${esc(badge)}</span> ${esc(r.verdict.replace(/^(holds|FAILS|not checked:?)\s*/, ""))}</p></li>`;
  }
  blocks.push(html + "</ul>");
  // a part shown as it is (the title, the forward formula, the rules after a change of index base) keeps its
  // nodes, and the browser their style and layout; the others are parsed, in one go
  const shown = new Map<string, Element[]>();
  for (const c of out.children) {
    const h = blockSource.get(c);
    if (h !== undefined) shown.set(h, [...(shown.get(h) ?? []), c]);
  }
  const nodes: (Element | null)[] = blocks.map((b) => (typeof b === "string" ? (shown.get(b)?.shift() ?? null) : b));
  const fresh = parse(blocks.reduce<string>((h, b, i) => (typeof b === "string" && nodes[i] === null ? h + b : h), ""));
  let next = fresh.firstElementChild;
  blocks.forEach((b, i) => {
    if (nodes[i] !== null) return;
    nodes[i] = next;
    // (not a list of entries: it changes in place)
    if (!next!.matches("ol.entries")) blockSource.set(next!, b as string);
    next = next!.nextElementSibling;
  });
  const later = new Map<HTMLElement, EntryFormula>();
  for (const s of v.sections) {
    const ol = lists.get(s.key);
    if (ol === undefined) continue;
    patchEntries(ol, s.entries, v.tables, visible, later);
  }
  // what is kept stays where it is (moved, the browser would style and lay it out anew): the rest of the
  // old derivation goes, and the new parts go around it, in order
  const keep = new Set<Node>(nodes as Element[]);
  for (const c of [...out.childNodes]) if (!keep.has(c)) c.remove();
  let at: ChildNode | null = out.firstChild;
  for (const n of nodes as Element[]) {
    if (n === at) at = at.nextSibling;
    else out.insertBefore(n, at);
  }
  shownTables = v.tables;
  for (const s of v.sections)
    if (!lists.has(s.key))
      shownAsParsed(out.querySelector(`:scope > ol.entries[data-section="${s.key}"]`)!, 0, s.entries);
  for (const d of out.querySelectorAll<HTMLElement>("ol.entries > li > .math")) {
    screenView.observe(d);
    if (d.classList.contains("pending") && !later.has(d)) inView.observe(d);
  }
  if (later.size === 0) return;
  // the changed formulas off screen: once the frame that paints those on screen is done (laid out in
  // that frame, the text of those just below the screen, which content-visibility does not skip,
  // took about as long as the formulas on screen), when the page is idle or at most 100 ms later
  afterPaint(() =>
    unlessDeriving(() => {
      if (seq !== renderSeq) return;
      for (const [d, e] of later) {
        setFormula(d, e);
        if (d.classList.contains("pending")) inView.observe(d);
      }
    }),
  );
}

/**
 * Runs `f` after the coming frame: when the page is idle after it (at most 100 ms later), or right
 * after it where browsers have no idle callbacks (Safari).
 */
function afterPaint(f: () => void): void {
  requestAnimationFrame(() => {
    if (typeof window.requestIdleCallback === "function") window.requestIdleCallback(f, { timeout: 100 });
    else setTimeout(f, 0);
  });
}

// an entry's buttons: its chain rule, its derivation table (one listener for all entries)
$("derive-out").addEventListener("click", (ev) => {
  const b = (ev.target as Element).closest<HTMLButtonElement>("ol.entries button.chain, ol.entries button.table");
  const li = b?.closest<HTMLElement>("li[data-entry]");
  if (!b || !li) return;
  const [key, flat] = li.dataset.entry!.split(":") as [EntryKey, string];
  if (b.classList.contains("chain")) void toggle(li, b, "chain-out", () => chainNode(key, Number(flat)));
  else void toggle(li, b, "table-out", () => tableNode(key, Number(flat)));
});

/** Opens or closes the box under an entry (its chain rule, its table); the content comes from the worker. */
async function toggle(
  li: HTMLElement,
  b: HTMLButtonElement,
  cls: string,
  load: () => Promise<HTMLElement>,
): Promise<void> {
  const open = li.querySelector(`.${cls}`);
  if (open) {
    open.remove();
    b.setAttribute("aria-expanded", "false");
    return;
  }
  const seq = renderSeq;
  try {
    const box = await load();
    // the entry (kept in place by patchEntries) may belong to a newer derivation by now
    if (seq !== renderSeq) return;
    box.classList.add(cls, "entry-box");
    li.append(box);
    b.setAttribute("aria-expanded", "true");
    setStatus(`${b.getAttribute("aria-label") ?? "Entry"}: shown below the entry.`);
  } catch (e) {
    if (seq === renderSeq) report(e, li.appendChild(el("div", { class: `${cls} entry-box` })));
  }
}

async function chainNode(key: EntryKey, flat: number): Promise<HTMLElement> {
  if (!shownForm) throw new Error("no derivation yet");
  const c = await engine.call<ChainView>({ kind: "chain", form: shownForm, key, flat }, "Chain rule");
  return el(
    "div",
    {},
    mathNode(c.formula.html),
    el("p", { class: "note" }, c.partials.length ? `non-zero: ${c.partials.join(", ")}` : "every partial is 0"),
  );
}

const CELL_WORDS: Record<string, string> = {
  product: "under the kernel",
  zero: "padding under the kernel",
  grey: "not under the kernel",
  pad: "padding",
};

async function tableNode(key: EntryKey, flat: number): Promise<HTMLElement> {
  if (!shownForm) throw new Error("no derivation yet");
  const t = await engine.call<TableView>({ kind: "table", form: shownForm, key, flat }, "Table");
  const box = el("div", {});
  for (const p of t.panels) {
    const table = el("table", { class: "deriv" }, el("caption", {}, p.caption + (p.cropped ? ` (${p.cropped})` : "")));
    for (const row of p.rows) {
      const tr = el("tr", {});
      for (const c of row) {
        const td = el("td", { class: c.kind, "data-kind": c.kind, "data-text": c.text, title: CELL_WORDS[c.kind]! });
        td.innerHTML = c.html;
        tr.append(td);
      }
      table.append(tr);
    }
    box.append(table);
  }
  box.append(
    mathNode(t.formula.html),
    el(
      "p",
      { class: "note" },
      "Bold, framed cells: the grid entry under the kernel, with its product; dashed: padding under the kernel (×0); grey: entries the kernel does not cover.",
    ),
  );
  return box;
}

// ---------------------------------------------------------------- verify

const LABEL_TEXT: Record<string, string> = {
  holds: "holds",
  fails: "fails",
  definition: "definition",
  skipped: "skipped",
  error: "error",
  undecided: "undecided",
};

function jumpTo(line: number, column: number): void {
  const ta = $<HTMLTextAreaElement>("text");
  const lines = ta.value.split("\n");
  let off = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) off += lines[i]!.length + 1;
  const start = off + Math.max(0, column - 1);
  const end = off + (lines[line - 1]?.length ?? 0);
  ta.focus();
  ta.setSelectionRange(start, end);
  // scroll the line into view: the textarea's line height times the line index
  const lh = parseFloat(getComputedStyle(ta).lineHeight) || 18;
  ta.scrollTop = Math.max(0, (line - 3) * lh);
}

function renderItem(r: VerifyItem): HTMLElement {
  const li = el("li", {
    class: `result ${r.status}`,
    "data-status": r.status,
    "data-line": String(r.line),
    "data-column": String(r.column),
  });
  const head = el(
    "div",
    { class: "head" },
    el("span", { class: `badge ${r.status}` }, `${VERDICT_MARK[r.status] ?? ""} ${LABEL_TEXT[r.status] ?? r.status}`),
  );
  const jump = el(
    "button",
    { type: "button", class: "jump", "aria-label": `Go to line ${r.line}, column ${r.column} in the text` },
    `line ${r.line}:${r.column}`,
  );
  jump.addEventListener("click", () => jumpTo(r.line, r.column));
  head.append(" ", jump);
  li.append(head);
  li.append(r.html ? mathNode(r.html) : el("pre", { class: "source" }, r.source));
  li.append(el("p", { class: "message" }, r.message));
  for (const d of r.details) li.append(el("p", { class: "detail" }, d));
  if (r.counterexample)
    li.append(
      el(
        "p",
        { class: "counterexample" },
        `smallest sizes where it fails: input ${r.counterexample.input.join("×")}, kernel ${r.counterexample.kernel.join("×")}`,
      ),
    );
  if (r.entries.some((e) => e.missingTotal || e.extraTotal)) li.append(termsTable(r));
  return li;
}

/** One term of a report: KaTeX, marked + or − in text (and by colour), with its role in words for screen readers. */
function termNode(t: VerifyTerm, kind: "missing" | "extra"): HTMLElement {
  const sign = kind === "missing" ? "+" : "−";
  const span = el(
    "span",
    {
      class: `term ${kind}`,
      "data-term": t.text,
      title: `${kind} term: ${t.text}`,
      "aria-label": `${kind}: ${t.text}`,
    },
    el("span", { class: "sign", "aria-hidden": "true" }, sign),
  );
  const m = el("span", { class: "term-math" });
  m.innerHTML = t.html;
  span.append(m);
  return span;
}

/** The terms each differing entry misses (+, what the formula must add) and has in excess (−). */
function termsTable(r: VerifyItem): HTMLElement {
  const t = el(
    "table",
    { class: "terms" },
    el("caption", {}, "Terms, entry by entry: + missing from the formula, − extra in it"),
    el(
      "tr",
      {},
      el("th", { scope: "col" }, "entry"),
      el("th", { scope: "col" }, "+ missing"),
      el("th", { scope: "col" }, "− extra"),
    ),
  );
  const cell = (kind: "missing" | "extra", terms: VerifyTerm[], total: number) => {
    const td = el("td", { class: kind });
    for (const x of terms) td.append(termNode(x, kind), " ");
    if (total > terms.length)
      td.append(el("span", { class: "hint" }, `… and ${total - terms.length} more (every one in the JSON report)`));
    return td;
  };
  for (const e of r.entries) {
    if (!e.missingTotal && !e.extraTotal) continue;
    const th = el("th", { scope: "row", "data-entry": e.entry });
    th.innerHTML = e.entryHtml;
    t.append(el("tr", {}, th, cell("missing", e.missing, e.missingTotal), cell("extra", e.extra, e.extraTotal)));
  }
  const box = el("div", { class: "terms-box" }, t);
  if (r.entriesTotal > r.entries.length)
    box.append(
      el(
        "p",
        { class: "hint" },
        `${r.entries.length} of ${r.entriesTotal} differing entries shown; the JSON report has them all.`,
      ),
    );
  return box;
}

let verifySeq = 0;
async function runVerify(): Promise<void> {
  const s = state();
  const seq = ++verifySeq;
  saveUrl();
  const out = $("verify-out");
  try {
    formToSpec(s.form);
  } catch (e) {
    report(new Error(`convgrad: ${(e as Error).message}`), out);
    return;
  }
  try {
    const { form, text, ...verify } = s;
    const v = await engine.call<VerifyView>(
      { kind: "verify", form, text, verify },
      verify.allSizes ? "Proving for all sizes" : "Checking",
    );
    if (seq !== verifySeq) return;
    $("verify-cmd").textContent = v.command;
    const list = el("ol", { class: "results" });
    for (const r of v.items) list.append(renderItem(r));
    const notes = v.notes.map((n) => el("p", { class: "note" }, n));
    if (v.textForm) {
      const wanted = v.textForm;
      const b = el("button", { type: "button", id: "text-layer-btn" }, "Use the text's layer");
      b.addEventListener("click", () => {
        writeForm(wanted);
        void runDerive();
        void runVerify();
      });
      notes.push(el("p", { class: "note" }, b));
    }
    out.replaceChildren(el("p", { class: "summary", id: "verify-summary" }, v.summary), ...notes, list);
    setStatus(`Checked in ${Math.round(v.ms)} ms: ${v.summary}`);
  } catch (e) {
    if (seq === verifySeq) report(e, out);
  }
}

// ---------------------------------------------------------------- export

async function runExport(format: ExportFormat): Promise<void> {
  const s = state();
  const cmd = $("export-cmd");
  try {
    const { form, text, ...verify } = s;
    const f = await engine.call<ExportFile>({ kind: "export", form, format, text, verify }, "Exporting");
    const url = URL.createObjectURL(new Blob([f.content], { type: `${f.mime};charset=utf-8` }));
    const a = el("a", { href: url, download: f.name });
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    cmd.replaceChildren(`${f.name}: same as `, el("code", {}, f.command));
    setStatus(`Exported ${f.name}.`);
  } catch (e) {
    report(e, cmd);
  }
}

// ---------------------------------------------------------------- wiring

function applyState(s: PageState): void {
  writeForm(s.form);
  $<HTMLTextAreaElement>("text").value = s.text;
  $<HTMLInputElement>("fixed").checked = s.fixed;
  $<HTMLInputElement>("roles").value = s.roles;
  $<HTMLInputElement>("sizes").value = s.sizes;
  $<HTMLInputElement>("all-sizes").checked = s.allSizes && !$<HTMLInputElement>("all-sizes").disabled;
  if (s.roles !== "" || s.sizes !== "") $<HTMLDetailsElement>("notation").open = true;
}

/**
 * A choice (a select, the bias box) derives at once; typing in a size waits until the keys pause
 * (300 ms), or Enter (submit).
 */
let debounce: number | undefined;
$("layer").addEventListener("input", (ev) => {
  window.clearTimeout(debounce);
  const t = ev.target;
  if (t instanceof HTMLSelectElement || (t instanceof HTMLInputElement && t.type === "checkbox")) void runDerive();
  else debounce = window.setTimeout(() => void runDerive(), 300);
});
$("layer").addEventListener("submit", (ev) => {
  ev.preventDefault();
  window.clearTimeout(debounce);
  void runDerive();
});
$("lecture-btn").addEventListener("click", () => {
  writeForm(LECTURE_FORM);
  void runDerive();
});
$("check-btn").addEventListener("click", () => void runVerify());
$("text").addEventListener("keydown", (ev) => {
  if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
    ev.preventDefault();
    void runVerify();
  }
});
$("text").addEventListener("change", saveUrl);
const onlyProblems = () =>
  $("verify-out").classList.toggle("only-problems", $<HTMLInputElement>("only-problems").checked);
$("only-problems").addEventListener("change", onlyProblems);
onlyProblems();
for (const id of ["fixed", "roles", "sizes", "all-sizes"]) $(id).addEventListener("change", saveUrl);
$("example-btn").addEventListener("click", () => {
  void (async () => {
    const { default: text } = await import("../../docs/examples/lecture-summary.tex?raw");
    $<HTMLTextAreaElement>("text").value = text;
    await runVerify();
  })();
});
for (const b of document.querySelectorAll<HTMLButtonElement>("button[data-export]")) {
  b.addEventListener("click", () => void runExport(b.dataset.export as ExportFormat));
}
window.addEventListener("hashchange", () => {
  if (location.hash === stateToHash(state())) return;
  start();
});

/**
 * "All sizes (proof)": the Z3 solver (WebAssembly with threads) needs SharedArrayBuffer, which a
 * browser gives only to a cross-origin-isolated page (npm run web sends the headers); otherwise the
 * option is off and says why.
 */
function proofGate(): void {
  const box = $<HTMLInputElement>("all-sizes");
  const reason =
    location.protocol === "file:"
      ? "Proofs need a cross-origin-isolated page, which a file:// page cannot be: run npm run web."
      : !window.crossOriginIsolated
        ? "Proofs need a cross-origin-isolated page (the solver's threads share memory): run npm run web."
        : null;
  box.disabled = reason !== null;
  if (reason !== null) box.checked = false;
  $("all-sizes-why").textContent = reason ?? "";
}

function start(): void {
  const s = hashToState(location.hash);
  applyState(s);
  void runDerive();
  if (s.text.trim() !== "") void runVerify();
}

proofGate();
start();
