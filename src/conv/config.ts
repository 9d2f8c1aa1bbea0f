/**
 * The layer configuration: what the user asks for (LayerSpec, loose) and its normal form
 * (LayerConfig, every axis explicit). All validation of sizes lives here, with messages that name
 * the flag and the rule.
 */
import { effectiveKernel, modePadding, MODES, OPS, outputSize, spanText, type Mode, type Op } from "../conventions.js";
import { UsageError } from "../errors.js";

export type PaddingSpec = Mode | number | readonly number[] | readonly (readonly [number, number])[];

export interface LayerSpec {
  op?: Op;
  input: readonly number[];
  kernel: readonly number[];
  stride?: number | readonly number[];
  padding?: PaddingSpec;
  dilation?: number | readonly number[];
  inChannels?: number | null;
  outChannels?: number | null;
  groups?: number;
  batch?: number | null;
  bias?: boolean;
  indexBase?: number;
}

export interface LayerConfig {
  readonly op: Op;
  readonly input: readonly number[];
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
  readonly padding: readonly (readonly [number, number])[];
  /** The named mode the padding came from, or null for explicit integers. */
  readonly paddingMode: Mode | null;
  readonly dilation: readonly number[];
  readonly inChannels: number | null;
  readonly outChannels: number | null;
  readonly groups: number;
  readonly batch: number | null;
  readonly bias: boolean;
  readonly indexBase: number;
  /** Spatial output shape. */
  readonly output: readonly number[];
  /** True when tensors carry channel (and batch) axes: X [N?, C_in, ...], W [C_out, C_in/g, ...]. */
  readonly hasChannels: boolean;
}

function posInt(flag: string, v: number): number {
  if (!Number.isSafeInteger(v) || v < 1) throw new UsageError(flag, `must be a positive integer, got ${v}`);
  return v;
}

function perAxis(flag: string, v: number | readonly number[] | undefined, d: number, dflt: number): number[] {
  if (v === undefined) return new Array<number>(d).fill(dflt);
  const arr = typeof v === "number" ? new Array<number>(d).fill(v) : [...v];
  if (arr.length !== d) throw new UsageError(flag, `has ${arr.length} axes but the input has ${d}`);
  return arr.map((x) => posInt(flag, x));
}

export function normalizeConfig(spec: LayerSpec): LayerConfig {
  const op = spec.op ?? "conv";
  if (!OPS.includes(op)) throw new UsageError("--op", `must be conv or xcorr, got "${op}"`);
  const d = spec.input.length;
  if (d < 1 || d > 3) throw new UsageError("--input", `must have 1, 2 or 3 axes, got ${d}`);
  const input = spec.input.map((n) => posInt("--input", n));
  if (spec.kernel.length !== d) {
    throw new UsageError("--kernel", `has ${spec.kernel.length} axes but --input has ${d} (ranks must match)`);
  }
  const kernel = spec.kernel.map((n) => posInt("--kernel", n));
  const stride = perAxis("--stride", spec.stride, d, 1);
  const dilation = perAxis("--dilation", spec.dilation, d, 1);

  let padding: [number, number][];
  let paddingMode: Mode | null = null;
  const p = spec.padding ?? "valid";
  if (typeof p === "string") {
    if (!MODES.includes(p)) throw new UsageError("--padding", `must be valid, same, full or integers, got "${p}"`);
    paddingMode = p;
    padding = kernel.map((k, a) => modePadding(p, effectiveKernel(k, dilation[a]!)));
  } else {
    const arr: (number | readonly [number, number])[] = typeof p === "number" ? new Array<number>(d).fill(p) : [...p];
    // One amount (an integer or one lo:hi pair) applies to every axis, like one stride.
    if (arr.length === 1 && d > 1) arr.push(...new Array<number | readonly [number, number]>(d - 1).fill(arr[0]!));
    if (arr.length !== d) throw new UsageError("--padding", `has ${arr.length} axes but the input has ${d}`);
    padding = arr.map((x) => (typeof x === "number" ? [x, x] : [x[0], x[1]]));
    for (const [lo, hi] of padding) {
      if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || lo < 0 || hi < 0) {
        throw new UsageError("--padding", `amounts must be non-negative integers, got ${lo}:${hi}`);
      }
    }
  }
  padding.forEach(([lo, hi], a) => {
    if (Number.isSafeInteger(input[a]! + lo + hi)) return;
    const rule = "the padded input would have more than 2^53 entries on axis " + (a + 1);
    if (paddingMode)
      throw new UsageError("--kernel", `${kernel.join("x")} is too large for --padding ${paddingMode}: ${rule}`);
    throw new UsageError("--padding", `${spanText([lo, hi])} is too large: ${rule}`);
  });

  const output = input.map((h, a) => outputSize(h, kernel[a]!, stride[a]!, padding[a]!, dilation[a]));
  output.forEach((o, a) => {
    if (o < 1) {
      const ke = effectiveKernel(kernel[a]!, dilation[a]!);
      const hp = input[a]! + padding[a]![0] + padding[a]![1];
      throw new UsageError(
        "--kernel",
        `kernel ${kernel.join("x")} does not fit the padded input on axis ${a + 1}: effective kernel size ${ke} > padded input size ${hp}`,
      );
    }
  });

  const groups = spec.groups === undefined ? 1 : posInt("--groups", spec.groups);
  const inC = spec.inChannels == null ? null : posInt("--in-channels", spec.inChannels);
  const outC = spec.outChannels == null ? null : posInt("--out-channels", spec.outChannels);
  const batch = spec.batch == null ? null : posInt("--batch", spec.batch);
  const hasChannels = inC !== null || outC !== null || batch !== null || groups > 1;
  const inChannels = hasChannels ? (inC ?? groups) : null;
  const outChannels = hasChannels ? (outC ?? groups) : null;
  if (hasChannels) {
    if (inChannels! % groups !== 0)
      throw new UsageError("--groups", `${groups} does not divide --in-channels ${inChannels}`);
    if (outChannels! % groups !== 0)
      throw new UsageError("--groups", `${groups} does not divide --out-channels ${outChannels}`);
  }
  const indexBase = spec.indexBase ?? 1;
  if (!Number.isInteger(indexBase) || indexBase < 0) {
    throw new UsageError("--index-base", `must be a non-negative integer, got ${indexBase}`);
  }
  // Printed indices go up to indexBase + extent − 1; beyond 2^53 they would round and collide.
  // The fault is the size's when even the default base 1 would overflow, else the base's.
  const extents: [string, number][] = [
    ["--input", Math.max(...input)],
    ["--kernel", Math.max(...kernel)],
    [inC !== null ? "--in-channels" : "--groups", inChannels ?? 1],
    [outC !== null ? "--out-channels" : "--groups", outChannels ?? 1],
    ["--batch", batch ?? 1],
    // an output larger than every input axis comes from the padding
    ["--padding", Math.max(...output)],
  ];
  const [sizeFlag, extent] = extents.reduce((a, b) => (b[1] > a[1] ? b : a));
  if (!Number.isSafeInteger(1 + extent)) {
    const what = sizeFlag === "--padding" ? `gives an output of size ${extent}, too large` : `${extent} is too large`;
    throw new UsageError(sizeFlag, `${what}: printed indices would exceed 2^53 and stop being exact`);
  }
  if (!Number.isSafeInteger(indexBase + extent)) {
    throw new UsageError(
      "--index-base",
      `${indexBase} is too large: printed indices would exceed 2^53 and stop being exact`,
    );
  }
  return Object.freeze({
    op,
    input,
    kernel,
    stride,
    padding,
    paddingMode,
    dilation,
    inChannels,
    outChannels,
    groups,
    batch,
    bias: spec.bias ?? false,
    indexBase,
    output,
    hasChannels,
  });
}

const prod = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);

/** Whether the input is padded on any side of any axis. */
export const isPadded = (c: LayerConfig): boolean => c.padding.some(([lo, hi]) => lo > 0 || hi > 0);
/** Whether any axis has a stride above 1. */
export const isStrided = (c: LayerConfig): boolean => c.stride.some((v) => v > 1);
/** Whether any axis has a kernel dilation above 1. */
export const isDilated = (c: LayerConfig): boolean => c.dilation.some((v) => v > 1);

/** Internal (always batch- and channel-explicit) shapes of the layer's tensors. */
export function internalShapes(c: LayerConfig): { X: number[]; W: number[]; Y: number[]; b: number[] } {
  const N = c.batch ?? 1;
  const Ci = c.inChannels ?? 1;
  const Co = c.outChannels ?? 1;
  return {
    X: [N, Ci, ...c.input],
    W: [Co, Ci / c.groups, ...c.kernel],
    Y: [N, Co, ...c.output],
    b: [Co],
  };
}

/** Shapes as the user sees them (and as JSON reports them): axes of size 1 that were not asked for are dropped. */
export function displayShapes(c: LayerConfig): { X: number[]; W: number[]; Y: number[]; b: number[] } {
  const s = internalShapes(c);
  if (!c.hasChannels) return { X: [...c.input], W: [...c.kernel], Y: [...c.output], b: [] };
  if (c.batch === null) return { X: s.X.slice(1), W: s.W, Y: s.Y.slice(1), b: s.b };
  return s;
}

export interface SizeEstimate {
  forwardTerms: number;
  gradientTerms: number;
  symbols: number;
  /** Rough peak bytes of the whole process for derive + its checks (within about 10% of measured peaks). */
  bytes: number;
}

const BASE_BYTES = 60e6;
const BYTES_PER_TERM = 96;
const BYTES_PER_SYMBOL = 150;

/** The memory `bytes` of an estimate stands for, above the process's own (what a limit compares). */
export function variableBytes(e: SizeEstimate): number {
  return e.bytes - BASE_BYTES;
}

/** Counts before anything is built, so impossible requests are refused at once. */
export function estimate(c: LayerConfig): SizeEstimate {
  const s = internalShapes(c);
  const outEntries = prod(s.Y);
  const perOut = prod(s.W.slice(1));
  const forwardTerms = outEntries * perOut + (c.bias ? outEntries : 0);
  const gradientTerms = 2 * outEntries * perOut + (c.bias ? outEntries : 0);
  const symbols = prod(s.X) + prod(s.W) + 2 * outEntries + (c.bias ? s.b[0]! : 0);
  // Measured peaks (derive --format summary, structural checks): about 96 bytes a forward term (its
  // gradient terms and a rule's right-hand side included: 19.6 M terms, 0.5 M symbols → 1.9 GB) and
  // 150 a symbol (an input entry has its symbol, ΔX entry, a rule's entry and gathers: 64 M symbols,
  // 18 M terms → 11.3 GB), over about 60 MB for the process.
  const bytes = BASE_BYTES + BYTES_PER_TERM * forwardTerms + BYTES_PER_SYMBOL * symbols;
  return { forwardTerms, gradientTerms, symbols, bytes };
}
