/**
 * The page's layer form: its fields are the CLI's flags, written the way the CLI reads them
 * ("3x3", "2", "0:1x1:0"), parsed with the CLI's rules and messages, and kept in the URL.
 *
 * The value parsers are the CLI's own (src/cli/parse.ts, which imports neither commander nor
 * node:fs); the rest of src/cli stays out of the page.
 */
import type { LayerSpec } from "../../src/conv/config.js";
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

/** A form as a string, its fields in a fixed order: two forms of the same values have the same key. */
export const formKey = (form: LayerForm): string => JSON.stringify(form, Object.keys(form).sort());

/** The verify pane's own flags. */
export interface VerifyFields {
  /** true: like `verify --op … --index-base …`; false: like the CLI without them (learned from the text). */
  fixed: boolean;
  /** `--roles`: what the text's names mean ("X=o^{l-1}, W=w^l"); "" is the flag not given. */
  roles: string;
  /** `--sizes`: the text's size names ("M=5, N=4"); "" is the flag not given. */
  sizes: string;
  /** `--all-sizes --dims D`: every size (a proof with Z3, or the smallest counterexample) instead of the form's. */
  allSizes: boolean;
}

/** The page's state: the layer, the pasted text, and the verify pane's flags. */
export interface PageState extends VerifyFields {
  form: LayerForm;
  text: string;
}

export const NO_VERIFY_FIELDS: VerifyFields = { fixed: false, roles: "", sizes: "", allSizes: false };

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

// src/cli/parse.ts is the CLI's own flag-value module; it needs neither commander nor node:fs
export { parseChoice, parseInteger, parsePadding, parsePerAxis, parseSize } from "../../src/cli/parse.js";
import { parseChoice, parseInteger, parsePadding, parsePerAxis, parseSize } from "../../src/cli/parse.js";

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

/** The form field of each layer flag. */
const LAYER_FLAGS: Record<string, keyof LayerForm> = {
  "--input": "input",
  "--kernel": "kernel",
  "--op": "op",
  "--stride": "stride",
  "--padding": "padding",
  "--dilation": "dilation",
  "--in-channels": "inChannels",
  "--out-channels": "outChannels",
  "--groups": "groups",
  "--batch": "batch",
  "--bias": "bias",
  "--index-base": "indexBase",
};

/**
 * The form the text's own `% convgrad:` lines ask for (`own`: their words, src/verify/declare.ts's
 * fileDirectives): the form with their layer flags applied, or null when they give none. The CLI's
 * command line wins over such a line (and verify needs --input and --kernel on it), so the page
 * offers this form to switch to rather than using it behind the form's back.
 */
export function textForm(form: LayerForm, own: readonly string[]): LayerForm | null {
  const f: LayerForm = { ...form };
  let any = false;
  for (let i = 0; i < own.length; i++) {
    const [flag, inline] = own[i]!.startsWith("--")
      ? [own[i]!.split("=")[0]!, own[i]!.includes("=") ? own[i]!.slice(own[i]!.indexOf("=") + 1) : null]
      : [null, null];
    const key = flag === null ? undefined : LAYER_FLAGS[flag];
    if (key === undefined) continue;
    any = true;
    if (key === "bias") f.bias = true;
    else f[key] = inline ?? own[++i] ?? "";
  }
  return any ? f : null;
}

/**
 * The arguments of the `convgrad verify` run the page makes (the file name last): the form's layer
 * as `derive`'s command line, then the pane's flags. The CLI itself applies the text's
 * `% convgrad:` lines, as for a file, where these flags do not say otherwise.
 */
export function verifyArgs(form: LayerForm, v: VerifyFields, file: string): string[] {
  const layer = layerArgs(form);
  const args: string[] = [];
  for (let i = 0; i < layer.length; i++) {
    const flag = layer[i]!;
    const takesValue = flag !== "--bias";
    // --all-sizes tries every input and kernel size: the CLI refuses --input and --kernel with it
    const skip = v.allSizes && (flag === "--input" || flag === "--kernel");
    if (!skip) args.push(flag, ...(takesValue ? [layer[i + 1]!] : []));
    if (takesValue) i++;
  }
  if (v.fixed && !args.includes("--op")) args.push("--op", form.op);
  if (v.fixed && !args.includes("--index-base")) args.push("--index-base", form.indexBase.trim());
  if (v.roles.trim() !== "") args.push("--roles", v.roles.trim());
  if (v.sizes.trim() !== "") args.push("--sizes", v.sizes.trim());
  if (v.allSizes) args.push("--all-sizes", "--dims", String(parseSize("--input", form.input).length));
  args.push(file);
  return args;
}

/** A command line as one copyable string (arguments with spaces or shell specials quoted). */
export function shellLine(args: readonly string[]): string {
  return args.map((a) => (/^[\w@%+=:,./x×-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
}

// ---------------------------------------------------------------- URL state

const FORM_KEYS = Object.keys(LECTURE_FORM) as (keyof LayerForm)[];

/**
 * The state as a URL hash: only what differs from the lecture's layer and the empty pane ("" for the lecture, no text).
 */
export function stateToHash(s: PageState): string {
  const p = new URLSearchParams();
  for (const k of FORM_KEYS) {
    const v = s.form[k];
    if (v !== LECTURE_FORM[k]) p.set(k, typeof v === "boolean" ? (v ? "1" : "0") : v);
  }
  if (s.fixed) p.set("fixed", "1");
  if (s.roles !== "") p.set("roles", s.roles);
  if (s.sizes !== "") p.set("sizes", s.sizes);
  if (s.allSizes) p.set("allSizes", "1");
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
  return {
    form,
    text: p.get("text") ?? "",
    fixed: p.get("fixed") === "1",
    roles: p.get("roles") ?? "",
    sizes: p.get("sizes") ?? "",
    allSizes: p.get("allSizes") === "1",
  };
}
