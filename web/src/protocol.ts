/** The messages between the page (main.ts) and the engine's worker (worker.ts): plain data only. */
import type { LayerForm, VerifyFields } from "./form.js";

/** A formula: its LaTeX, KaTeX's HTML (with MathML, the text alternative) and a Unicode line. */
export interface Formula {
  tex: string;
  html: string;
  text: string;
}

export type EntryKey = "Y" | "dW" | "dX" | "db";

/**
 * An entry's formula: the entries the page had in view when it asked (`typeset` of the derive
 * request) come typeset (`mathml`), so a change shows them at once, without a second round trip;
 * the others are their Unicode text, typeset (a typeset request) when they scroll into view —
 * typesetting every entry of a layer up front took most of the time after a change.
 */
export interface EntryFormula {
  key: EntryKey;
  flat: number;
  /** Unicode name of the entry: y₁₁, δx₂₂. */
  name: string;
  tex: string;
  text: string;
  /** KaTeX's MathML of `tex` (as a typeset request answers), or null: the page typesets it when it comes into view. */
  mathml: string | null;
}

/** The entries' display formulas as KaTeX's MathML (in KaTeX's wrapper spans), in the order asked. */
export interface Typeset {
  html: string[];
}

export interface Section {
  key: EntryKey;
  title: string;
  /** Entries of the tensor; `entries` holds the first ones (at most the page's display limit). */
  total: number;
  entries: EntryFormula[];
}

export interface RuleView {
  /** ΔX, ΔW or δb. */
  target: string;
  /** The rule as the engine states it (a formula of the verify language). */
  rule: string;
  formula: Formula | null;
  note: string | null;
  status: "holds" | "fails" | "not-checked";
  verdict: string;
}

export interface DeriveView {
  /** `Y = X * W   (conv: true convolution, kernel flipped)`, as the CLI's first line. */
  title: string;
  config: string;
  forward: Formula;
  sections: Section[];
  rules: RuleView[];
  /** Whether derivation tables can be drawn (1-D and 2-D inputs). */
  tables: boolean;
  /** The equivalent command line. */
  command: string;
  ms: number;
  /** Where the time went: [phase, ms]. */
  phases: [string, number][];
}

export interface ChainView {
  key: EntryKey;
  flat: number;
  name: string;
  formula: Formula;
  /** The non-zero partials, Unicode: ∂y₁₁/∂x₂₂ = w₁₁. */
  partials: string[];
}

/** One cell of a derivation table: its kind (product, zero, grey, pad), its math and its Unicode text. */
export interface TableCell {
  kind: "product" | "zero" | "grey" | "pad";
  html: string;
  text: string;
}

export interface TablePanel {
  /** "Rot180(X) (padded), with Rot180(ΔY) placed over it", as the text printer says it. */
  caption: string;
  /** "rows 3–12 of 36, columns 1–10 of 36" when the grid is cropped, else null. */
  cropped: string | null;
  rows: TableCell[][];
}

/** The lecture's verification table of one entry (src/print/tables.ts). */
export interface TableView {
  key: EntryKey;
  flat: number;
  name: string;
  panels: TablePanel[];
  formula: Formula;
}

export type VerifyStatus = "holds" | "fails" | "definition" | "skipped" | "error" | "undecided";

export interface VerifyItem {
  line: number;
  column: number;
  source: string;
  /** The source rendered by KaTeX, or null when KaTeX cannot render it (then the page shows the text). */
  html: string | null;
  status: VerifyStatus;
  /** The CLI's label: holds, FAILS, defines, skipped, undecided, ERROR. */
  label: string;
  method: string | null;
  message: string;
  details: string[];
  /** The differing entries (at most the page's display limit), each term as text and KaTeX. */
  entries: VerifyEntry[];
  entriesTotal: number;
  /** verify --all-sizes: the smallest sizes at which the equation fails. */
  counterexample: { input: number[]; kernel: number[] } | null;
}

export interface VerifyTerm {
  /** As the CLI's JSON writes it: δy_{2,1}·w_{1,1}. */
  text: string;
  html: string;
}

export interface VerifyEntry {
  entry: string;
  entryHtml: string;
  missing: VerifyTerm[];
  extra: VerifyTerm[];
  missingTotal: number;
  extraTotal: number;
}

export interface VerifyView {
  items: VerifyItem[];
  /** The CLI's closing line: "4 hold, 6 fail, 3 definitions, 1 skipped, 0 errors". */
  summary: string;
  counts: { holds: number; fails: number; definitions: number; skipped: number; errors: number; undecided: number };
  command: string;
  /** What the page says about this run: the text's `% convgrad:` line applied, the CLI's messages on standard error. */
  notes: string[];
  /** The form the text's `% convgrad:` lines ask for, when it differs from the form's (the page offers it). */
  textForm: LayerForm | null;
  ms: number;
}

export type ExportFormat = "latex" | "beamer" | "markdown" | "json" | "text" | "verify-json" | "verify-text";

export interface ExportFile {
  name: string;
  mime: string;
  content: string;
  command: string;
}

export type Request =
  /** `typeset`: the entries (`Y:3`, `dX:12`: key and flat index) to answer typeset, those the page has in view. */
  | { id: number; kind: "derive"; form: LayerForm; typeset: string[] }
  | { id: number; kind: "chain"; form: LayerForm; key: EntryKey; flat: number }
  | { id: number; kind: "table"; form: LayerForm; key: EntryKey; flat: number }
  | { id: number; kind: "verify"; form: LayerForm; text: string; verify: VerifyFields }
  | { id: number; kind: "export"; form: LayerForm; format: ExportFormat; text: string; verify: VerifyFields }
  /** `inView`: the entries in view now (as `derive`'s `typeset`): the layers ahead are typeset for them. */
  | { id: number; kind: "typeset"; texs: string[]; inView?: string[] }
  /** The page shows a layer the worker sent ahead (as `derive` would answer it): the worker takes it as shown. */
  | { id: number; kind: "shown"; form: LayerForm; typeset: string[] };

/** The answer to `shown`: the worker's time for it. */
export interface Shown {
  ms: number;
}

export type Result = DeriveView | ChainView | TableView | VerifyView | ExportFile | Typeset | Shown;

/**
 * A request's answer, or (progress) the phase it has reached; or (ahead) a layer one choice away from the one
 * derived last (its op, index base or bias changed), derived ahead while the worker was idle, as `derive` answers.
 */
export type Response =
  | { id: number; ok: true; result: Result }
  | { id: 0; ahead: LayerForm; view: DeriveView }
  | { id: number; ok: false; error: string; usage: boolean }
  | { id: number; progress: string };
