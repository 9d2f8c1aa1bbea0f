/**
 * Size names in index notation, bound from the layer: K (kernel size on every axis; also k),
 * H (input size), K_1, k_2, H_1 (per axis, from 1), s or S (stride), p (padding, when symmetric), d
 * (dilation); a name on every axis is bound only when every axis has the same value. Names the
 * user or the document declared (--sizes, `X \in \mathbb{R}^{M \times N}`) come first.
 */
import type { Derivation } from "../derive.js";
import {
  evalIndex,
  FILTER_SIDE_NAME,
  indexNames,
  IndexSyntaxError,
  parseIndexExpr,
  printIndex,
  type IExpr,
} from "../lang/indexexpr.js";
import { classifyWord, LexError, tokenize, type Tok } from "../lang/lexer.js";
import { verdict, type Verdict } from "./check.js";
import { roleOf, splitTag, type Notation, type SizeKind } from "./roles.js";
import { plan } from "../grad/rules.js";
import { rng } from "../check/numeric.js";

/** Text the lexer or the index parser cannot read: not a size statement (anything else is a bug). */
const unreadable = (e: unknown): boolean => e instanceof LexError || e instanceof IndexSyntaxError;

function same(vals: readonly number[]): number | undefined {
  return vals.length > 0 && vals.every((v) => v === vals[0]) ? vals[0] : undefined;
}

/** HH, WW (CS231n's filter height and width): the kernel's size along the axis the letter names, if it has one. */
function filterSide(name: string, c: Derivation["config"]): number | undefined {
  const at = letterAxis(FILTER_SIDE_NAME.exec(name)![1]!, c.input.length);
  return at < 0 ? undefined : c.kernel[at];
}

/** s_h, P_w, K_h, f_w: the stride, padding, kernel (f the filter) or dilation along one axis. */
const AXIS_SIZE_NAME = /^([kKsSfFpPd])_([dhwDHW])$/;

export function layerSizes(
  d: Derivation,
  declared: ReadonlyMap<string, number> = new Map(),
): (name: string) => number | undefined {
  const c = d.config;
  const symmetricPad = c.padding.every(([lo, hi]) => lo === hi) ? c.padding.map(([lo]) => lo) : [];
  const perAxis: Record<string, readonly number[]> = {
    K: c.kernel,
    k: c.kernel,
    H: c.input,
    s: c.stride,
    S: c.stride,
    p: symmetricPad,
    P: symmetricPad,
    d: c.dilation,
  };
  return (name: string) => {
    const v = declared.get(name);
    if (v !== undefined) return v;
    if (FILTER_SIDE_NAME.test(name)) return filterSide(name, c);
    // k_1^{l-1}: the kernel size of the layer the source numbers l-1 — one layer has one kernel size
    const tagged = /^([kKsSpd](?:_[1-9])?)\^\{[^}]*\}$/.exec(name);
    if (tagged) name = tagged[1]!;
    // s_h, s_w, f_h, f_w: the stride and the filter size along the height and the width (Hasan's notebook;
    // s_H, s_W, p_H, d_W in CANN's README)
    const hw = AXIS_SIZE_NAME.exec(name);
    if (hw) {
      const a = letterAxis(hw[2]!, c.input.length);
      const vals = /[fF]/.test(hw[1]!) ? c.kernel : perAxis[hw[1]!]!;
      return a < 0 ? undefined : vals[a];
    }
    const m = /^([A-Za-z])(?:_([1-9]))?$/.exec(name);
    if (!m) return undefined;
    const vals = perAxis[m[1]!];
    if (!vals) return undefined;
    if (m[2]) return vals[Number(m[2]) - 1];
    return same(vals);
  };
}

/**
 * Shapes the document states for its tensors — `X \in \mathbb{R}^{M \times N}`, `W \in R^{k_1 \times k_2}` —
 * bind their size names to the layer's sizes (the tensor's display shape, channels included).
 */
export function learnShapes(texts: readonly string[], notation: Notation, d: Derivation): Notation {
  let n = notation;
  for (const text of texts) {
    if (!/\\in\b|∈/.test(text)) continue;
    let toks: Tok[];
    try {
      toks = tokenize(text);
    } catch (e) {
      if (!unreadable(e)) throw e;
      continue;
    }
    for (let i = 0; i < toks.length; i++) {
      if (toks[i]!.type !== "in") continue;
      const name = toks[i - 1];
      const field = toks[i + 1];
      if (!name || !field || field.value !== "R" || toks[i + 2]?.type !== "caret") continue;
      const role = name.type === "idx" ? undefined : roleOf(n, name.value, false);
      if (role !== "X" && role !== "W" && role !== "Y") continue;
      const shape = d.tensors[role === "Y" ? "Y" : role]?.shape;
      // the exponent: one token, or a braced group of sizes joined by \times
      const start = i + 3;
      let end = start + 1;
      if (toks[start]?.type === "lbrace") {
        let depth = 0;
        for (end = start; end < toks.length; end++) {
          if (toks[end]!.type === "lbrace") depth++;
          else if (toks[end]!.type === "rbrace" && --depth === 0) break;
        }
      }
      const inner = toks[start]?.type === "lbrace" ? toks.slice(start + 1, end) : toks.slice(start, start + 1);
      const parts: Tok[][] = [[]];
      for (const t of inner) {
        if (t.type === "mul") parts.push([]);
        else parts[parts.length - 1]!.push(t);
      }
      if (!shape || parts.length !== shape.length) continue;
      parts.forEach((p, a) => {
        try {
          const e = parseIndexExpr(p);
          if (e.k === "v" && n.sizes.get(e.name) === undefined) n = n.withSize(e.name, shape[a]!);
        } catch (e) {
          if (!unreadable(e)) throw e; // else not a plain size name
        }
      });
    }
  }
  return n;
}

/**
 * "input length $n$, kernel length $k$, output length $m = n - k + 1$" (Zhou), "a kernel of size $k$", "a filter of
 * size $2f+1$" (Wichmann): a one-letter name the prose gives a tensor's size (or an affine form of it, solved in whole
 * numbers), bound to that size of the layer — only when every spatial axis has it (a 2-D "kernel size k" is square),
 * and only for a name nothing else bound or gave a role.
 */
const PROSE_SIZE =
  /\b(input|image|signal|kernel|filter|output)(?:'s)?\s+(?:(?:length|size|width)\s+(?:of\s+)?|of\s+(?:length|size)\s+|(?:has\s+|with\s+)?(?:length|size)\s+)\$\s*(\d*)\s*([A-Za-z])\s*(?:([+-])\s*(\d+))?\s*(?:\$|=)/gi;

export function learnProseSizes(text: string, notation: Notation, d: Derivation): Notation {
  let n = notation;
  const c = d.config;
  const spatial = (shape: readonly number[]) => same(shape.slice(-c.input.length));
  for (const m of text.matchAll(PROSE_SIZE)) {
    const word = m[1]!.toLowerCase();
    const name = m[3]!;
    if (n.sizes.get(name) !== undefined || roleOf(n, name, false) !== undefined) continue;
    const kind: SizeKind = word === "kernel" || word === "filter" ? "kernel" : word === "output" ? "output" : "input";
    const size = spatial(kind === "kernel" ? c.kernel : kind === "output" ? d.tensors.Y.shape : c.input);
    if (size === undefined) continue;
    // a·name ± b = size
    const a = m[2] ? Number(m[2]) : 1;
    const b = m[4] ? (m[4] === "-" ? -1 : 1) * Number(m[5]) : 0;
    const v = (size - b) / a;
    if (a === 0 || !Number.isInteger(v) || v < 0) continue;
    const form = `${a === 1 ? "" : a}${name}${b ? ` ${b > 0 ? "+" : "−"} ${Math.abs(b)}` : ""}`;
    n = n
      .withSize(name, v, form === name ? kind : undefined)
      .withReading(
        name,
        `${form === name ? name : `${form} = ${size}`} is the ${word}'s ${c.input.length === 1 ? "length" : "size"}${form === name ? `, ${v}` : `, so ${name} = ${v}`} (the text says so)`,
      );
  }
  // Dou's "the input is $x[i]$ ($0 \leq i \leq I - 1$)": the range of a tensor's index names its length
  for (const m of text.matchAll(INDEX_RANGE)) {
    const [, tensor, , , lo, name, minus] = m;
    const role = roleOf(n, tensor!, false);
    const kind = role === "X" ? "input" : role === "Y" ? "output" : role === "W" ? "kernel" : undefined;
    if (!kind || n.sizes.get(name!) !== undefined || roleOf(n, name!, false) !== undefined) continue;
    // 0 ≤ i ≤ I − 1 or 1 ≤ i ≤ I: I entries
    if ((lo === "0") !== (minus !== undefined)) continue;
    const size = spatial(kind === "kernel" ? c.kernel : kind === "output" ? d.tensors.Y.shape : c.input);
    if (size === undefined) continue;
    n = n
      .withSize(name!, size, kind)
      .withReading(
        name!,
        `${name} is the ${kind}'s ${c.input.length === 1 ? "length" : "size"}, ${size} (the range of ${tensor}'s index says so)`,
      );
  }
  return n;
}

/** $x[i]$ ($0 \leq i \leq I - 1$), $y_t$ ($1 \le t \le T$): a tensor's entry, then its index's range in parentheses. */
const INDEX_RANGE =
  /\$\s*([A-Za-z])\s*(?:\[\s*(\\?[A-Za-z]+)\s*\]|_\{?\s*(\\?[A-Za-z]+)\s*\}?)\s*\$\s*\(\s*\$\s*([01])\s*(?:\\leq?|≤|<=)\s*(?:\2|\3)\s*(?:\\leq?|≤|<=)\s*([A-Za-z])\s*(-\s*1)?\s*\$\s*\)/g;

/** A word under a tagged name in a size equation: w^{(l)}_{img}, n^{l}_{\text{out}} (a label, not indices). */
const LABEL = /(\^\{?\(?[A-Za-z0-9+-]+\)?\}?)_\{(?:\\text(?:rm)?\{)?[A-Za-z]{3,}\}?\}/g;

/** Names a size equation may use: i input, k kernel, o output, s stride, p padding, d dilation. */
const SIZE_LETTERS: Record<string, "input" | "kernel" | "output" | "stride" | "padding" | "dilation"> = {
  i: "input",
  k: "kernel",
  o: "output",
  s: "stride",
  p: "padding",
  d: "dilation",
  // F, the filter size (CS231n's W_2 = (W_1 − F + 2P)/S + 1, deeplearning.ai's f)
  f: "kernel",
};

/** The axis a letter names on a layer of this many axes (h rows, w columns, d depth first in 3-D); -1 when none. */
function letterAxis(letter: string, rank: number): number {
  return (rank === 2 ? "hw" : rank === 3 ? "dhw" : "").indexOf(letter.toLowerCase());
}

/** A size named for the input or the output by a subscript: L_{in}, H_{out}, W_{out}. */
const IN_OUT = /^([A-Za-z])_\{?(in|out)\}?$/;
/** Hh, Hw (Thorey's, beside CS231n's HH, WW): the output's height and width. */
const OUT_SIDE_NAME = /^H([hw])$/;
/** XH, XW, FH, FW (an IFT780 assignment's sizes): the input's (X) or the filter's (F) height and width. */
const TENSOR_SIDE_NAME = /^([XF])([HW])$/;
/**
 * Beside those, a size named by its axis and what it measures (Golan's W_{f} × H_{f} the kernel, W_{s} × H_{s}
 * the stride): the letter the axis (H rows, W columns, D depth), the subscript f or k the kernel, s the stride,
 * p the padding.
 */
const AXIS_OF: RegExp = /^([HWD])_\{?([fksp])\}?$/;
const AXIS_SIZE: Record<string, "kernel" | "stride" | "padding"> = {
  f: "kernel",
  k: "kernel",
  s: "stride",
  p: "padding",
};
/** The letters of CS231n's O = (N − F + 2P)/S + 1. */
const SLIDE_SIZES: Record<string, "input" | "kernel" | "output" | "stride" | "padding"> = {
  N: "input",
  F: "kernel",
  O: "output",
  S: "stride",
  P: "padding",
};

/**
 * A size equation (o = (i − k)/s + 1, o = ⌊(i + 2p − k)/s⌋ + 1), checked at the layer's sizes; null
 * when the text is not one. A relationship that leaves out a stride, padding or dilation this
 * layer has is about another configuration: skipped, not failed.
 */
export function sizeEquation(
  text: string,
  d: Derivation,
  notation: Notation,
  /** The line of a strided forward pass stated just before: a relation without the stride is about that layer. */
  stridedForward?: number,
): Verdict | null {
  // i = 0..d (Nery's README, beside his forward pass): where an index runs, not a relation between sizes
  if (/[\w}]\s*(?<!\.)\.\.(?!\.)\s*[\w\\{]/.test(text))
    return verdict("skipped", "not an equation: a range (lo..hi), which says where an index runs");
  const read = numberedInOut(courseraNames(matrixSizeCalls(text, notation, d)));
  let toks: Tok[];
  try {
    // w^{(l)}_{img}: a word under a size name labels it (the image's width), it is not three indices
    // (H', o': a primed name of its own to the formula reader; here the size H with its prime, read as indices are)
    toks = tokenize(read.text.replace(LABEL, "$1")).flatMap((t) => {
      const m = t.type === "ident" ? /^(.*?)('+)$/.exec(t.value) : null;
      if (!m || m[1] === "") return [t];
      return [
        { ...t, type: classifyWord(m[1]!), value: m[1]!, text: m[1]! },
        ...[...m[2]!].map(() => ({ ...t, type: "prime", value: "'", text: "'" })),
      ];
    });
  } catch (e) {
    if (!unreadable(e)) throw e;
    return null;
  }
  // HH, WW (CS231n's filter height and width, H' = (H + 2p − HH)/s + 1): one name, never the product H·H; another
  // word of capitals (HW) is a name convgrad does not know
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (!/^[A-Z]{2,3}$/.test(t.value) || toks[k - 1]?.type === "under") continue;
    if (!FILTER_SIDE_NAME.test(t.value) && !TENSOR_SIDE_NAME.test(t.value))
      return verdict(
        "skipped",
        `not checked: ${t.value} is one name here (a size convgrad does not know), not a product of letters; a size named by a word of capitals other than HH, WW, XH, XW, FH, FW is not read`,
      );
    toks[k] = { ...t, whole: true };
  }
  // Thorey's Hh, Hw beside HH, WW: the output's height and width, one name each
  if (toks.some((t) => FILTER_SIDE_NAME.test(t.value)))
    toks = toks.map((t) => (OUT_SIDE_NAME.test(t.value) ? { ...t, whole: true } : t));
  // … + 1 \text{ where A ∈ \{W, H\}}: a remark after the relation is not part of it
  while (toks[toks.length - 1]?.type === "prose") toks = toks.slice(0, -1);
  const floors = gaussBrackets(toks);
  toks = floors.toks;
  const parts: Tok[][] = [[]];
  for (const t of toks) {
    if (t.type === "eq") parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  if (parts.length < 2 || parts.some((p) => p.length === 0)) return null;
  let sides: IExpr[];
  try {
    sides = parts.map((p) => parseIndexExpr(p));
  } catch (e) {
    if (!unreadable(e)) throw e;
    return null;
  }
  const names = new Set<string>();
  for (const e of sides) indexNames(e, names);
  if (names.size === 0) return null;
  // i = 1, s = 1, k = 2n + 1: a condition or a worked example's value, not a relationship to check — but
  // T = 1 + ⌊(I − K + 2p)/s⌋ = 5 (Dou's) is a relationship with its value worked out: checked, the value beside it
  const numeric = sides.filter((e) => indexNames(e).size === 0);
  if (numeric.length > 0 && sides.length - numeric.length < 2) return null;
  const worked = numeric.map((e) => evalIndex(e, () => undefined));
  sides = sides.filter((e) => indexNames(e).size > 0);
  const c = d.config;
  const outSizes = d.tensors.Y.shape.slice(-c.input.length);
  const declared = layerSizes(d, notation.sizes);
  const used = new Set<string>();
  const pads = c.padding.map(([lo, hi]) => (lo === hi ? lo : undefined));
  const perAxis = {
    input: c.input,
    kernel: c.kernel,
    output: outSizes,
    stride: c.stride,
    dilation: c.dilation,
    padding: pads,
  };
  // i', o': the sizes of the transposed convolution the layer is associated with (Dumoulin & Visin's
  // arithmetic) — its input is the layer's output and its output the layer's input; beside them, a is
  // the number of rows the stride never reaches, (i + 2p − k) mod s
  // (i = i' alone relates two indices: the transposed sizes come with a kernel, stride or padding beside them)
  const transposed = [...names].some((n) => /^[io]'$/.test(n)) && [...names].some((n) => /^[kspa]'?$/.test(n));
  const unreached = plan(c).a;
  // n and \tilde{n}: a size and the size the layer makes of it (the input's and the output's);
  // with such a pair the other letters may be capitals (P the padding, K the kernel, S the stride)
  // (and H, H' the same: the NYU homework's H' = 1 + ⌊(H + 2P − D(K − 1) − 1)/S⌋)
  const made = (re: RegExp) => [...names].map((n) => re.exec(n)?.[1]).filter((x): x is string => !!x);
  // (W beside W' is the width even where W names the kernel: the equation names sizes only)
  const pairOf = (outs: string[], roleOk = false) =>
    outs.length === 1 &&
    names.has(outs[0]!) &&
    !SIZE_LETTERS[outs[0]!] &&
    (roleOk || notation.role(outs[0]!) === undefined)
      ? outs[0]!
      : null;
  const tildePair = pairOf(made(/^\\tilde\{([A-Za-z])\}$/));
  // (only a capital with other sizes beside it: m' = m, m' = k − 1 − m are relations between indices)
  const primePair = transposed || names.size < 3 ? null : pairOf(made(/^([A-Z])'$/), true);
  const paired = tildePair ?? primePair;
  const pairedOut = tildePair ? `\\tilde{${tildePair}}` : primePair ? `${primePair}'` : null;
  /** A name's value on one axis (names without an axis number are checked on every axis). */
  // a labelled name (w^{(l)}_{img}) is a size even where the bare one names a tensor (the kernel w^{(l)})
  const labelled = new RegExp(LABEL.source).test(read.text);
  const tagged = (name: string) => taggedSize(name, notation, d, labelled);
  const taggedUse = [...names].some((n) => tagged(n) !== null);
  // beside H_{in}, H_{out} (or XH, FH) the other sizes may be capitals too (P the padding, K the kernel, S the stride)
  // (XH, FH: an IFT780 assignment's sizes; Hh, Hw beside CS231n's HH, WW: Thorey's)
  const tensorSided = [...names].some((n) => TENSOR_SIDE_NAME.test(n));
  const filterSided = [...names].some((n) => FILTER_SIDE_NAME.test(n));
  const ioNamed = tensorSided || [...names].some((n) => IN_OUT.test(n) || (filterSided && OUT_SIDE_NAME.test(n)));
  // O = 1 + (N − F + 2P)/S (CS231n's slides, aaumar's post): N the input's size, F the filter's, O the output's —
  // sizes only, even where O and F name the output and the kernel (nothing adds 1 to a tensor or divides it by S)
  const slideNames = ["N", "F", "O"].every((n) => names.has(n)) && [...names].every((n) => n in SLIDE_SIZES);
  /** The size of `what` on the axis `letter` names (H rows, W columns, D depth), said used. */
  const onAxis = (what: keyof typeof perAxis, letter: string): number | undefined => {
    const at = letterAxis(letter, c.input.length);
    if (at < 0) return undefined;
    used.add(what);
    return perAxis[what][at];
  };
  const value = (name: string, axis: number): number | undefined => {
    // L_{in}, L_{out}, H_{out} (PyTorch's documentation, Schulz): the input's and the output's size
    const io = IN_OUT.exec(name);
    if (io && notation.role(name) === undefined) {
      const what = io[2] === "in" ? "input" : "output";
      used.add(what);
      return perAxis[what][axis];
    }
    if (slideNames) {
      const what = SLIDE_SIZES[name]!;
      used.add(what);
      return perAxis[what][axis];
    }
    if (FILTER_SIDE_NAME.test(name)) {
      const side = filterSide(name, c);
      if (side !== undefined) used.add("kernel");
      return side;
    }
    // I, T: sizes the text says are the input's, the output's, the kernel's (Dou's "$x[i]$ ($0 \leq i \leq I - 1$)")
    const kind = notation.sizeKinds.get(name);
    if (kind) {
      used.add(kind);
      return declared(name);
    }
    // P_h, s_w, K_h: a size of one axis (read by layerSizes), counted as used
    const hw = AXIS_SIZE_NAME.exec(name);
    if (hw && notation.role(name) === undefined) {
      const kind = ({ k: "kernel", f: "kernel", s: "stride", p: "padding", d: "dilation" } as const)[
        hw[1]!.toLowerCase() as "k" | "f" | "s" | "p" | "d"
      ];
      const v = declared(name);
      if (v !== undefined) used.add(kind);
      return v;
    }
    // H^{l} = ⌊(H^{l-1} + 2P_h − K_h)/S_h + 1⌋ (a document whose tensors carry no layer tag): one letter at two
    // consecutive layers is the output's size (the later) and the input's (the earlier)
    // (H, W, D only: the letter names the axis — n^{(l)} = n^{(l-1)} − m + 1 beside a kernel size m of one axis
    // is not told apart on a layer whose axes differ)
    const layered = layerPair(name, names);
    if (layered && /^[HWD]$/.test(layered.letter)) return onAxis(layered.what, layered.letter);
    const outSide = filterSided ? OUT_SIDE_NAME.exec(name) : null;
    if (outSide) return onAxis("output", outSide[1]!);
    // (beside XH, FH: H' the output's height)
    const out = tensorSided ? /^([HW])'$/.exec(name) : null;
    if (out) return onAxis("output", out[1]!);
    const named = TENSOR_SIDE_NAME.exec(name);
    if (named) return onAxis(named[1] === "X" ? "input" : "kernel", named[2]!);
    const ax = ioNamed && notation.role(name) === undefined ? AXIS_OF.exec(name) : null;
    if (ax) return onAxis(AXIS_SIZE[ax[2]!]!, ax[1]!);
    const t = tagged(name);
    if (t !== null) {
      used.add(t.what);
      return t.value;
    }
    // f^{(l)}: the filter size of a layer the document numbers (beside its tagged sizes)
    if (taggedUse && /^f\^\{.+\}$/.test(name) && notation.role(name) === undefined) {
      const k = d.config.kernel[axis];
      used.add("kernel");
      return k;
    }
    if (transposed && notation.role(name) === undefined) {
      const what = name === "i'" ? "output" : name === "o'" ? "input" : null;
      if (what) {
        used.add(what);
        return perAxis[what][axis];
      }
      if (name === "a") return unreached[axis];
    }
    if (paired && (name === paired || name === pairedOut)) {
      const what = name === paired ? "input" : "output";
      used.add(what);
      return perAxis[what][axis];
    }
    const m = (paired || ioNamed ? /^([A-Za-z])(?:_([1-9]))?$/ : /^([a-z])(?:_([1-9]))?$/).exec(name);
    if (m && SIZE_LETTERS[m[1]!.toLowerCase()] && notation.role(name) === undefined) {
      const what = SIZE_LETTERS[m[1]!.toLowerCase()]!;
      used.add(what);
      return perAxis[what][m[2] ? Number(m[2]) - 1 : axis];
    }
    return declared(name);
  };
  if ([...names].some((name) => value(name, 0) === undefined)) {
    // W_out = ⌊(W_in − K[1])/S[1] + 1⌋ on a 1-D layer (the NYU homework's second axis): a size of an axis it has not
    const beyond = [...names].find((n) => Number(/^[A-Za-z]_([1-9])$/.exec(n)?.[1] ?? 0) > c.input.length);
    if (beyond && ioNamed)
      return verdict(
        "skipped",
        `a size relationship for another layer: ${beyond} names axis ${beyond.slice(-1)}, and this layer has ${c.input.length} ${c.input.length === 1 ? "axis" : "axes"}`,
      );
    return identity(sides, names);
  }
  if (!used.has("output") && !used.has("input")) return null;
  const missing: string[] = [];
  const strideLeftOut = c.stride.some((v) => v !== 1) && !used.has("stride");
  if (strideLeftOut && stridedForward === undefined) missing.push(`the stride ${c.stride.join("x")}`);
  if (c.padding.some(([lo, hi]) => lo !== 0 || hi !== 0) && !used.has("padding")) missing.push("the padding");
  if (c.dilation.some((v) => v !== 1) && !used.has("dilation")) missing.push(`the dilation ${c.dilation.join("x")}`);
  const skip = (message: string): Verdict => verdict("skipped", message);
  // sources state the relationship of simpler configurations on the way (Dumoulin & Visin's
  // o = i − k + 1 before the stride): not false, about another layer
  if (missing.length)
    return skip(`a size relationship for another configuration: it leaves out ${missing.join(" and ")} of this layer`);
  if (transposed && !names.has("a") && unreached.some((v) => v !== 0))
    return skip(
      `a size relationship for another input size: it holds when i + 2p − k is a multiple of s, and this layer leaves a = ${unreached.join("x")} rows the stride never reaches (add a)`,
    );
  // o_2 = i_2 − k + 1: the names without an axis number are read on the axis the others name
  const axisNums = new Set(
    [...names].map((n) => /_([1-9])(?:\^|$)/.exec(n)?.[1]).filter((x): x is string => x !== undefined),
  );
  // H_{out} = …: on the axis its letter names (rows H, columns W; depth D first in 3-D)
  const letters = new Set([...names].map((n) => IN_OUT.exec(n)?.[1]).filter((x): x is string => !!x));
  if (primePair) letters.add(primePair);
  // (XW, FW, W', W^{l-1}: the width's axis)
  for (const n of names) {
    const side = tensorSided
      ? (TENSOR_SIDE_NAME.exec(n)?.[2] ?? /^([HW])'$/.exec(n)?.[1])
      : OUT_SIDE_NAME.exec(n)?.[1]?.toUpperCase();
    const layer = layerPair(n, names)?.letter;
    for (const m of [side, layer]) if (m && /^[HWD]$/.test(m)) letters.add(m);
  }
  const lettered = letters.size === 1 ? letterAxis([...letters][0]!, c.input.length) : -1;
  const axes =
    axisNums.size === 0
      ? lettered >= 0
        ? [lettered]
        : c.input.map((_, a) => a)
      : axisNums.size === 1
        ? [Number([...axisNums][0]) - 1]
        : [0];
  let ok = true;
  let shown: string[] = [];
  for (const a of axes) {
    const look = (n: string) => value(n, a);
    if ([...names].some((n) => look(n) === undefined))
      return skip("not checked: a size it names is not the same on every axis (padding lo:hi)");
    const vals = sides.map((e) => evalIndex(e, look));
    const good = vals.every((v) => Math.abs(v - vals[0]!) < 1e-9);
    if (!good || shown.length === 0) {
      shown = sides.map(
        (e, k) => `${printIndex(e)} = ${Number.isInteger(vals[k]) ? vals[k] : vals[k]!.toFixed(3).replace(/0+$/, "")}`,
      );
      if (axes.length > 1) shown[0] = `axis ${a + 1}: ${shown[0]}`;
    }
    if (!good) {
      ok = false;
      break;
    }
  }
  const about =
    strideLeftOut && stridedForward !== undefined
      ? ` (it leaves out the stride ${c.stride.join("x")} of the forward pass stated just before it, on line ${stridedForward})`
      : "";
  // (the value worked out beside it: another example's, when the relation holds and the value is not this layer's)
  if (
    ok &&
    worked.length > 0 &&
    axes.some((a) => worked.some((w) => Math.abs(w - evalIndex(sides[0]!, (n) => value(n, a))) > 1e-9))
  )
    return skip(
      `not checked: the relation holds at this layer's sizes (${shown.join(", ")}), and the value beside it (${worked.join(", ")}) is a worked example's, not this layer's`,
    );
  if (worked.length > 0) shown.push(...worked.map(String));
  const message = `${ok ? "holds" : "fails"} at this layer's sizes: ${shown.join(", ")}${floors.note}${read.note}${about}${transposed ? " (i', o': the associated transposed convolution's input and output sizes, the layer's output and input)" : ""}`;
  return { status: ok ? "holds" : "fails", method: "structural", message, entries: [], details: [] };
}

/**
 * CS231n's W_2 = (W_1 − F + 2P)/S + 1: a capital size written with _1 and _2 (and no other name numbered
 * so, where _1, _2 would be axes, as in k_1, k_2) is the input's and the output's — read as W_{in}, W_{out}.
 */
function numberedInOut(read: { text: string; note: string }): { text: string; note: string } {
  const NUMBERED = /(?<![A-Za-z\\])([A-Za-z])_\{?([0-9])\}?(?![0-9])/g;
  const found = [...read.text.matchAll(NUMBERED)];
  const letters = new Set(found.map((m) => m[1]!));
  const pairs = [...letters].every(
    (l) =>
      /^[HWDL]$/.test(l) &&
      found.some((m) => m[1] === l && m[2] === "1") &&
      found.some((m) => m[1] === l && m[2] === "2"),
  );
  if (letters.size === 0 || !pairs || found.some((m) => m[2] !== "1" && m[2] !== "2")) return read;
  const list = [...letters].sort().join(", ");
  return {
    text: read.text.replace(NUMBERED, (_m, l: string, n: string) => `${l}_{${n === "1" ? "in" : "out"}}`),
    note: `${read.note} (${list} with _1, _2: the input's and the output's)`,
  };
}

/** The stride, padding and dilation written as words: read as s, p, d. */
const SIZE_WORDS: readonly [RegExp, string][] = [
  [/\b(?:padding|pad)\b/g, "p"],
  [/\bstride\b/g, "s"],
  [/\bdilation\b/g, "d"],
];

/**
 * deeplearning.ai's size names (Andrew Ng's courses, and the many notes that follow them): n_H, n_W
 * the output's height and width, n_{H_{prev}}, n_{W_{prev}} the input's, f the filter size, pad, stride.
 * Read as i_1, i_2, o_1, o_2, k, p, s — only in an equation that uses the n_H family.
 */
const COURSERA: readonly [RegExp, string][] = [
  [/n_\{([HW])_\{?prev\}?\}/g, "i_$1"],
  [/n_\{?([HW])\}?(?![A-Za-z_{])/g, "o_$1"],
  [/\bpad\b/g, "p"],
  [/\bstride\b/g, "s"],
  [/\bf\b/g, "k"],
];

/**
 * H^{l} beside H^{l-1} (the same letter, tags one layer apart): the later the output's size, the earlier the
 * input's; null when the name has no such partner among `names`.
 */
function layerPair(name: string, names: ReadonlySet<string>): { letter: string; what: "input" | "output" } | null {
  const split = (n: string) => {
    const t = splitTag(n);
    return t && /^[A-Za-z]$/.test(t.base) ? t : null;
  };
  const me = split(name);
  if (!me) return null;
  for (const other of names) {
    const o = split(other);
    if (!o || other === name || o.base !== me.base || o.v !== me.v || Math.abs(o.off - me.off) !== 1) continue;
    return { letter: me.base, what: me.off > o.off ? "output" : "input" };
  }
  return null;
}

/** r(X), c(\textbf{K}), rows(Y), cols(Y): a matrix's number of rows or columns. */
const MATRIX_SIZE =
  /\b(r|c|rows|cols)\(\s*(?:\\(?:textbf|mathbf|boldsymbol|bm)\s*\{\s*([A-Za-z])\s*\}|([A-Za-z]))\s*\)/g;

/**
 * LMU's r(\textbf{Y}) = r(\textbf{X}) − r(\textbf{K}) + 1: the rows (r) and columns (c) of the tensors the document
 * names, on a 2-D layer, written as the sizes convgrad reads (H_{in}, W_{out}, H_{f} the kernel's rows, …); the text
 * unchanged when a call names no tensor of the layer.
 */
function matrixSizeCalls(text: string, notation: Notation, d: Derivation): string {
  if (d.config.input.length !== 2 || text.search(MATRIX_SIZE) < 0) return text;
  const which: Record<string, string> = { X: "in", Y: "out", W: "f" };
  let all = true;
  const out = text.replace(MATRIX_SIZE, (m, f: string, a?: string, b?: string) => {
    const letter = (a ?? b)!;
    const role = notation.role(letter) ?? notation.role(letter.toLowerCase());
    const what = role === undefined ? undefined : which[role];
    if (!what) {
      all = false;
      return m;
    }
    return `${f.startsWith("r") ? "H" : "W"}_{${what}}`;
  });
  return all ? out : text;
}

function courseraNames(text: string): { text: string; note: string } {
  // H_{out} = (H_{in} + 2P − K)/stride + 1: the layer's stride and padding written as words
  if (/[A-Za-z]_\{?(?:in|out)\b|\b(?:[XF][HW]|HH|WW)\b/.test(text) && /\b(?:stride|padding|pad|dilation)\b/.test(text))
    return {
      text: SIZE_WORDS.reduce((t, [re, to]) => t.replace(re, to), text),
      note: " (stride, padding, dilation written as words: the layer's)",
    };
  if (!/n_\{?[HW]\b/.test(text)) return { text, note: "" };
  let out = text;
  for (const [re, to] of COURSERA) out = out.replace(re, to);
  out = out.replace(/([io])_([HW])/g, (_m, l: string, a: string) => `${l}_${a === "H" ? 1 : 2}`);
  return {
    text: out,
    note: " (deeplearning.ai's names: n_H, n_W the output's height and width, n_{H_{prev}}, n_{W_{prev}} the input's, f the filter size)",
  };
}

/**
 * A size written with the layer tag of a tensor (H^{l}, w^{(l)}_{img}, \hat{W}^{l-1}, n^{(l)}: the height, width or
 * length of the tensor the document names z^{l}, z^{l-1}): that tensor's size on that axis.
 */
function taggedSize(
  name: string,
  notation: Notation,
  d: Derivation,
  labelled = false,
): { value: number; what: "input" | "output" } | null {
  const m = /^(H|h|w|n|N|\\hat\{W\}|\\hat\{w\})\^\{(.+)\}$/.exec(name);
  if (!m || (!labelled && notation.role(name) !== undefined)) return null;
  const spatial = d.config.input.length;
  const axis = /W|w/.test(m[1]!) ? 1 : 0;
  if (axis >= spatial || (/^[nN]$/.test(m[1]!) && spatial !== 1)) return null;
  const found = new Set<"input" | "output">();
  for (const [k, role] of notation.names) {
    if (!k.endsWith(`^{${m[2]}}`)) continue;
    if (role === "X" || role === "Z") found.add("input");
    if (role === "Y") found.add("output");
  }
  if (found.size !== 1) return null;
  const what = [...found][0]!;
  const shape = what === "input" ? d.config.input : d.tensors.Y.shape.slice(-spatial);
  return { value: shape[axis]!, what };
}

/**
 * [·] around a division in a size equation is the integer part (the Gauss bracket: a size is an
 * integer, and sources write ⌊(n + 2P − K)/s⌋ as [(n + 2P − K)/s]); other brackets only group.
 */
function gaussBrackets(toks: Tok[]): { toks: Tok[]; note: string } {
  const out = [...toks];
  let changed = false;
  const open: number[] = [];
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    if (t.type === "lparen") open.push(i);
    else if (t.type === "rparen") {
      const j = open.pop();
      if (j === undefined || !isBracket(out[j]!.raw, "[") || !isBracket(t.raw, "]")) continue;
      if (!out.slice(j + 1, i).some((u) => u.type === "frac" || u.type === "slash")) continue;
      out[j] = { ...out[j]!, type: "lfloor", value: "\\lfloor" };
      out[i] = { ...t, type: "rfloor", value: "\\rfloor" };
      changed = true;
    }
  }
  return { toks: out, note: changed ? " ([·] read as the integer part, ⌊·⌋)" : "" };
}

const isBracket = (raw: string, b: "[" | "]"): boolean => raw === b || raw === (b === "[" ? "\\lbrack" : "\\rbrack");

/**
 * An equation between expressions in names convgrad does not know ([m + 2(k − 1)] − k + 1 = m + k − 1):
 * it holds whatever the names stand for when both sides are the same polynomial — tested at
 * pseudo-random points (Schwartz–Zippel: two different polynomials of this degree agree at all of
 * them with negligible probability). Anything else, or a division or bracket, is not read here (null).
 */
function identity(sides: readonly IExpr[], names: ReadonlySet<string>): Verdict | null {
  const polynomial = (e: IExpr): boolean =>
    e.k === "n" ||
    e.k === "v" ||
    ((e.k === "add" || e.k === "sub" || e.k === "mul") && polynomial(e.a) && polynomial(e.b)) ||
    (e.k === "neg" && polynomial(e.a));
  if (!sides.every(polynomial) || names.size > 8) return null;
  const next = rng(12345);
  const rnd = () => 2 + Math.floor(next() * 997);
  for (let trial = 0; trial < 16; trial++) {
    const env = new Map([...names].map((n) => [n, rnd()] as const));
    const vals = sides.map((e) => evalIndex(e, (n) => env.get(n)));
    if (vals.some((v) => !Number.isSafeInteger(v) || v !== vals[0])) return null;
  }
  const list = [...names].sort().join(", ");
  return {
    status: "holds",
    method: "structural",
    message: `holds whatever ${list} stand${names.size === 1 ? "s" : ""} for: both sides are the same polynomial in ${list} (an identity; not a statement about this layer's sizes)`,
    entries: [],
    details: [],
  };
}
