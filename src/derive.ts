/**
 * derive(): the whole pipeline for one layer configuration —
 * symbols → tensors → forward convolution → chain rule → rule checks. Returns data only;
 * printers (src/print/) turn it into text, JSON, LaTeX or Markdown.
 */
import {
  normalizeConfig,
  displayShapes,
  estimate,
  internalShapes,
  variableBytes,
  type LayerConfig,
  type LayerSpec,
} from "./conv/config.js";
import { convGeneral } from "./conv/general.js";
import { flipsKernel } from "./conventions.js";
import { add, mul, Poly } from "./core/poly.js";
import { symbolCode, type MonoTable } from "./core/monomial.js";
import { MAX_SYMBOLS, SymbolLimit, SymbolTable, type TensorRange } from "./core/symbols.js";
import { UsageError } from "./errors.js";
import { chainRule, type ChainStep } from "./grad/chain.js";
import { RULES, type GradKey, type RuleFormula } from "./grad/rules.js";
import { printFormula } from "./print/formula.js";
import { compareTensors, type Comparison, type Method } from "./check/compare.js";
import { Tensor } from "./tensor/tensor.js";

export type TensorKey = "X" | "W" | "Y" | "dY" | "b";

export interface TensorInfo {
  key: TensorKey;
  /** Printed name of an entry ("x", "δy"). */
  symbol: string;
  /** Shape as shown to users (JSON "shape"). */
  shape: number[];
}

export interface CheckResult {
  /** The rule's formula (an AST of the formula language); printers print it in their style. */
  formula: RuleFormula;
  /** The formula as text in the verify language (src/print/formula.ts): JSON's "rule", `verify --expr`. */
  rule: string;
  target: GradKey;
  /** null when no closed form is checked for this configuration (see reason). */
  holds: boolean | null;
  method: Method | null;
  reason?: string;
  comparison?: Comparison;
  ms: number;
}

export interface DeriveOptions {
  /** Refuse configurations with more forward terms than this (default DEFAULT_MAX_TERMS). */
  maxTerms?: number;
  /** How the rule checks decide (default structural). */
  method?: Method;
  /** Random points for the numeric method. */
  points?: number;
  /** Skip the rule checks. */
  checks?: boolean;
  /**
   * The input is an activation of a pre-activation, X = f(Z) (--activation f): also derive
   * δz = δx ⊙ f'(z), f'(z_{ij}) being one symbol per entry.
   */
  activation?: string;
}

export interface Derivation {
  config: LayerConfig;
  table: SymbolTable;
  /** Every layer has X, W, Y and ΔY; only the bias may be missing. */
  tensors: { readonly [K in Exclude<TensorKey, "b">]: TensorInfo } & { readonly b: TensorInfo | undefined };
  /** Forward entries Y, display layout. */
  forward: Tensor;
  /** Gradients in display layout: dX like X, dW like W, db like b; dZ like X (with an activation). */
  gradients: { dX: Tensor; dW: Tensor; db?: Tensor; dZ?: Tensor };
  /** The activation's name, when X = f(Z) was asked for. */
  activation?: string;
  /** The non-zero partials behind a gradient entry (flat index): computed on demand. */
  steps(target: GradKey, flat: number): ChainStep[];
  checks: CheckResult[];
  timings: { forward: number; chain: number; checks: number };
}

/** Forward terms of one derivation; --max-terms raises it. With MEMORY_PER_TERM, about 2.6 GB at peak. */
export const DEFAULT_MAX_TERMS = 20_000_000;
/**
 * The memory a derivation may need (config.ts's estimate, above the process's own) is capped at this
 * many bytes per --max-terms term: 2.6 GB by default. Terms alone cost about 96 bytes each, so this
 * only binds when symbols are the bulk (a large stride: 8000×8000 / 9×9 / stride 17 has 18 M terms
 * but 64 M symbols, about 11 GB). Requests under MEMORY_FLOOR are never refused for their memory.
 */
export const MEMORY_PER_TERM = 130;
const MEMORY_FLOOR = 256e6;

function fmtCount(n: number): string {
  if (n >= 1e9) return n.toExponential(2).replace("e+", "e");
  return n >= 1e6 ? `${(n / 1e6).toPrecision(3)} M` : n >= 1e3 ? `${(n / 1e3).toPrecision(3)} k` : String(n);
}

function fmtBytes(b: number): string {
  const units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"];
  let u = 0;
  while (b >= 1000 && u < units.length - 1) {
    b /= 1000;
    u++;
  }
  return `${b.toPrecision(3)} ${units[u]}`;
}

export function derive(spec: LayerSpec | LayerConfig, opts: DeriveOptions = {}): Derivation {
  const cfg = "hasChannels" in spec ? spec : normalizeConfig(spec);
  const est = estimate(cfg);
  const maxTerms = opts.maxTerms ?? DEFAULT_MAX_TERMS;
  if (est.forwardTerms > maxTerms) {
    throw new UsageError(
      "--max-terms",
      `this configuration needs ${fmtCount(est.forwardTerms)} forward terms (about ${fmtBytes(est.bytes)} of memory), more than the limit ${fmtCount(maxTerms)}; raise --max-terms if the machine can hold it`,
    );
  }
  // Symbols cost more than a term each: a large stride can make them the bulk.
  const memory = Math.max(MEMORY_FLOOR, MEMORY_PER_TERM * maxTerms);
  if (variableBytes(est) > memory) {
    throw new UsageError(
      "--max-terms",
      `this configuration has ${fmtCount(est.symbols)} symbols and ${fmtCount(est.forwardTerms)} forward terms (about ${fmtBytes(est.bytes)} of memory), more than the limit ${fmtCount(maxTerms)} allows (about ${fmtBytes(memory)}); raise --max-terms if the machine can hold it`,
    );
  }
  const shown = displayShapes(cfg);
  const inner = internalShapes(cfg);
  const table = new SymbolTable();
  const mt = table.monos;
  // Interning order fixes term order: δy before x before w, so y11 = w22·x11 + ... sorts by x
  // and δw11 = δy11·x22 + ... by δy, as on the lecture's slides.
  let dYr: TensorRange, Xr: TensorRange, Wr: TensorRange, br: TensorRange | undefined;
  try {
    dYr = table.internTensor("dY", "δy", shown.Y);
    Xr = table.internTensor("X", "x", shown.X);
    Wr = table.internTensor("W", "w", shown.W);
    br = cfg.bias ? table.internTensor("b", "b", shown.b) : undefined;
  } catch (e) {
    // only the symbol limit is the input's fault; any other error here is a bug (exit 70)
    if (!(e instanceof SymbolLimit)) throw e;
    throw new UsageError(
      "--input",
      `too many symbols for one derivation (${est.symbols}, the limit is ${MAX_SYMBOLS}); use smaller sizes`,
    );
  }

  const X = Tensor.ofSymbols(Xr, inner.X);
  const W = Tensor.ofSymbols(Wr, inner.W);
  const dY = Tensor.ofSymbols(dYr, inner.Y);

  let t0 = performance.now();
  let Y = convGeneral(mt, X, W, {
    flip: flipsKernel(cfg.op),
    stride: cfg.stride,
    padding: cfg.padding,
    lhsDilation: cfg.kernel.map(() => 1),
    rhsDilation: cfg.dilation,
    groups: cfg.groups,
  });
  if (br) Y = addPerChannel(mt, Y, inner.b[0]!, (o) => symbolCode(br.base + o));
  const forward = Y.reshaped(shown.Y);
  const tForward = performance.now() - t0;

  t0 = performance.now();
  const targets = [
    { range: Xr, shape: shown.X },
    { range: Wr, shape: shown.W },
    ...(br ? [{ range: br, shape: shown.b }] : []),
  ];
  const chain = chainRule(mt, Y, dYr, targets);
  const gradients: Derivation["gradients"] = { dX: chain.gradients[0]!, dW: chain.gradients[1]! };
  if (br) gradients.db = chain.gradients[2]!;
  if (opts.activation !== undefined) {
    // δz = δx ⊙ f'(z): f'(z_{ij}) is one opaque symbol per entry of X
    const fr = table.internTensor("fZ", `${opts.activation}'(z)`, shown.X);
    const dX = gradients.dX;
    gradients.dZ = Tensor.fromFn(dX.shape, (_, f) => mul(mt, dX.entry(f), Poly.symbol(fr.base + f)));
  }
  const tChain = performance.now() - t0;

  t0 = performance.now();
  const checks: CheckResult[] = [];
  if (opts.checks !== false) {
    const rc = { mt, cfg, X, W, dY };
    for (const rule of RULES[cfg.op]) {
      if (rule.target === "db" && !br) continue;
      const c0 = performance.now();
      const formula = rule.formula(cfg);
      const text = printFormula(formula);
      const reason = rule.unsupported(cfg);
      if (reason) {
        checks.push({ formula, rule: text, target: rule.target, holds: null, method: null, reason, ms: 0 });
        continue;
      }
      const rhs = rule.build(rc);
      const expected = gradients[rule.target]!;
      const comparison = compareTensors(mt, expected, rhs.reshaped(expected.shape), {
        method: opts.method ?? "structural",
        ...(opts.points !== undefined ? { points: opts.points } : {}),
      });
      checks.push({
        formula,
        rule: text,
        target: rule.target,
        holds: comparison.holds,
        method: comparison.method,
        comparison,
        ms: performance.now() - c0,
      });
    }
  }
  const tChecks = performance.now() - t0;

  const stepTarget: Record<GradKey, number> = { dX: 0, dW: 1, db: 2 };
  return {
    config: cfg,
    table,
    tensors: {
      X: { key: "X", symbol: "x", shape: shown.X },
      W: { key: "W", symbol: "w", shape: shown.W },
      Y: { key: "Y", symbol: "y", shape: shown.Y },
      dY: { key: "dY", symbol: "δy", shape: shown.Y },
      b: br ? { key: "b", symbol: "b", shape: shown.b } : undefined,
    },
    forward,
    gradients,
    steps: (target, flat) => {
      if (target === "db" && !br) throw new RangeError("no bias in this configuration");
      return chain.steps(stepTarget[target], flat);
    },
    checks,
    ...(opts.activation !== undefined ? { activation: opts.activation } : {}),
    timings: { forward: tForward, chain: tChain, checks: tChecks },
  };
}

/**
 * Y + b: adds the single-term monomial code(o) to every entry of output channel o (Y is
 * [N, C_out, ...]). Flat tensors stay flat: each segment gets the code merged in order.
 */
function addPerChannel(mt: MonoTable, Y: Tensor, channels: number, code: (o: number) => number): Tensor {
  const perChannel = Y.size / channels / Y.shape[0]!;
  const channelOf = (f: number) => Math.floor(f / perChannel) % channels;
  const c = Y.csr();
  if (!c) return Tensor.fromFn(Y.shape, (_, f) => add(mt, Y.entry(f), Poly.symbol(code(channelOf(f)) - 1)));
  const total = Y.terms() + Y.size;
  const codes = new Float64Array(total);
  const num = new Float64Array(total);
  const start = new Float64Array(Y.size);
  const end = new Float64Array(Y.size);
  let at = 0;
  for (let f = 0; f < Y.size; f++) {
    const b = code(channelOf(f));
    start[f] = at;
    let placed = false;
    for (let i = c.start[f]!; i < c.end[f]!; i++) {
      const t = c.codes[i]!;
      if (!placed && b <= t) {
        if (b === t) throw new RangeError("bias symbol already in the forward entry");
        codes[at] = b;
        num[at++] = 1;
        placed = true;
      }
      codes[at] = t;
      num[at++] = c.num[i]!;
    }
    if (!placed) {
      codes[at] = b;
      num[at++] = 1;
    }
    end[f] = at;
  }
  return new Tensor(Y.shape, { start, end, codes, num });
}
