/**
 * The page's layer form: its fields are the CLI's flags, written the way the CLI reads them
 * ("3x3", "2", "0:1x1:0"), parsed with the CLI's rules and messages, and kept in the URL.
 *
 * The value parsers repeat src/cli/parse.ts (the page must not import src/cli: commander and
 * node:fs); test/web/form.test.ts checks that both accept and refuse the same values with the same
 * messages.
 */
import type { LayerSpec, PaddingSpec } from "../../src/conv/config.js";
import { UsageError } from "../../src/errors.js";

export interface LayerForm {
  input: string;
  kernel: string;
  op: string;
  stride: string;
  padding: string;
  dilation: string;
  inChannels: string;
  outChannels: string;
  groups: string;
  batch: string;
  bias: boolean;
  indexBase: string;
  /** The page's refusal limit (the CLI's --max-terms); lower than the CLI's default, a tab has less memory. */
  maxTerms: string;
}

/** The page's state: the layer, the pasted text, and whether verify keeps the form's op and index base. */
export interface PageState {
  form: LayerForm;
  text: string;
  /** true: like `verify --op … --index-base …`; false: like the CLI without them (learned from the text). */
  fixed: boolean;
}

/** The forward-term limit of the page (the CLI's default is 20 M, sized for a workstation). */
export const WEB_MAX_TERMS = 5_000_000;

/** The lecture's layer: X 3×3, W 2×2, true convolution, index base 1. */
export const LECTURE_FORM: LayerForm = {
  input: "3x3",
  kernel: "2x2",
  op: "conv",
  stride: "1",
  padding: "valid",
  dilation: "1",
  inChannels: "",
  outChannels: "",
  groups: "",
  batch: "",
  bias: false,
  indexBase: "1",
  maxTerms: String(WEB_MAX_TERMS),
};

// ---------------------------------------------------------------- the CLI's value rules

const INT = /^[+-]?\d+$/;

export function parseInteger(flag: string, s: string, min: number): number {
  const t = s.trim();
  if (!INT.test(t)) throw new UsageError(flag, `"${s}" is not an integer`);
  const v = Number(t);
  if (!Number.isSafeInteger(v)) throw new UsageError(flag, `"${s}" is too large`);
  if (v < min) throw new UsageError(flag, `must be at least ${min}, got ${v}`);
  return v;
}

export function parseSize(flag: string, s: string): number[] {
  const parts = s.trim().split(/[x×,]/i);
  if (parts.length > 3) throw new UsageError(flag, `"${s}" has ${parts.length} axes; 1, 2 or 3 are supported`);
  return parts.map((p) => {
    if (!/^\s*\d+\s*$/.test(p)) throw new UsageError(flag, `"${s}" is not a size: use positive integers separated by x, e.g. 3x3`);
    const v = Number(p);
    if (v < 1) throw new UsageError(flag, `sizes must be positive, got ${v} in "${s}"`);
    if (!Number.isSafeInteger(v)) throw new UsageError(flag, `"${p}" is too large`);
    return v;
  });
}

export function parsePerAxis(flag: string, s: string): number | number[] {
  if (/(^|[x×,])\s*0+\s*($|[x×,])/.test(s.trim())) throw new UsageError(flag, `must be at least 1 on every axis, got "${s}"`);
  const v = parseSize(flag, s);
  return v.length === 1 ? v[0]! : v;
}

export function parsePadding(s: string): PaddingSpec {
  const t = s.trim().toLowerCase();
  if (t === "valid" || t === "same" || t === "full") return t;
  const out = t.split(/[x×]/).map((a) => {
    const m = /^(\d+)(?::(\d+))?$/.exec(a.trim());
    if (!m) throw new UsageError("--padding", `"${s}" is not a padding: use valid, same, full, or non-negative integers per axis (1, 1x2, 0:1x1:0)`);
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) throw new UsageError("--padding", `"${a.trim()}" is too large`);
    return [lo, hi] as [number, number];
  });
  if (out.length === 1 && !t.includes(":")) return out[0]![0];
  return out;
}

export function parseChoice<T extends string>(flag: string, s: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(s)) throw new UsageError(flag, `must be one of ${choices.join(", ")}, got "${s}"`);
  return s as T;
}

// ---------------------------------------------------------------- form → layer, form → command line

/** An optional field the CLI treats as not given when empty (or at its default). */
const given = (s: string): boolean => s.trim() !== "";

/** The layer of the form, as `convgrad derive` builds it from the same flags (UsageError on a bad value). */
export function formToSpec(f: LayerForm): LayerSpec {
  if (!given(f.input)) throw new UsageError("--input", "is required, e.g. --input 3x3");
  if (!given(f.kernel)) throw new UsageError("--kernel", "is required, e.g. --kernel 2x2");
  const spec: LayerSpec = {
    op: parseChoice("--op", f.op, ["conv", "xcorr"] as const),
    input: parseSize("--input", f.input),
    kernel: parseSize("--kernel", f.kernel),
    indexBase: parseInteger("--index-base", f.indexBase, 0),
    bias: f.bias,
  };
  if (given(f.stride)) spec.stride = parsePerAxis("--stride", f.stride);
  if (given(f.padding)) spec.padding = parsePadding(f.padding);
  if (given(f.dilation)) spec.dilation = parsePerAxis("--dilation", f.dilation);
  if (given(f.inChannels)) spec.inChannels = parseInteger("--in-channels", f.inChannels, 1);
  if (given(f.outChannels)) spec.outChannels = parseInteger("--out-channels", f.outChannels, 1);
  if (given(f.groups)) spec.groups = parseInteger("--groups", f.groups, 1);
  if (given(f.batch)) spec.batch = parseInteger("--batch", f.batch, 1);
  return spec;
}

export function maxTermsOf(f: LayerForm): number {
  return parseInteger("--max-terms", given(f.maxTerms) ? f.maxTerms : String(WEB_MAX_TERMS), 1);
}

/** The CLI flags that give the form's layer (defaults left out): ["--input", "3x3", "--kernel", "2x2"]. */
export function layerArgs(f: LayerForm): string[] {
  const args = ["--input", f.input.trim(), "--kernel", f.kernel.trim()];
  const opt = (flag: string, v: string, dflt: string) => {
    if (given(v) && v.trim() !== dflt) args.push(flag, v.trim());
  };
  opt("--op", f.op, "conv");
  opt("--stride", f.stride, "1");
  opt("--padding", f.padding, "valid");
  opt("--dilation", f.dilation, "1");
  opt("--in-channels", f.inChannels, "");
  opt("--out-channels", f.outChannels, "");
  opt("--groups", f.groups, "");
  opt("--batch", f.batch, "");
  if (f.bias) args.push("--bias");
  opt("--index-base", f.indexBase, "1");
  return args;
}

/** A command line as one copyable string (arguments with spaces or shell specials quoted). */
export function shellLine(args: readonly string[]): string {
  return args.map((a) => (/^[\w@%+=:,./x×-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
}

// ---------------------------------------------------------------- URL state

const FORM_KEYS = Object.keys(LECTURE_FORM) as (keyof LayerForm)[];

/** The state as a URL hash: only what differs from the lecture's layer ("" for the lecture, no text). */
export function stateToHash(s: PageState): string {
  const p = new URLSearchParams();
  for (const k of FORM_KEYS) {
    const v = s.form[k];
    if (v !== LECTURE_FORM[k]) p.set(k, typeof v === "boolean" ? (v ? "1" : "0") : v);
  }
  if (s.fixed) p.set("fixed", "1");
  if (s.text !== "") p.set("text", s.text);
  const q = p.toString();
  return q === "" ? "" : `#${q}`;
}

/** The state a hash holds (unknown keys ignored; missing ones are the lecture's). */
export function hashToState(hash: string): PageState {
  const p = new URLSearchParams(hash.replace(/^#/, ""));
  const form: LayerForm = { ...LECTURE_FORM };
  for (const k of FORM_KEYS) {
    const v = p.get(k);
    if (v === null) continue;
    if (k === "bias") form.bias = v === "1" || v === "true";
    else form[k] = v;
  }
  return { form, text: p.get("text") ?? "", fixed: p.get("fixed") === "1" };
}
