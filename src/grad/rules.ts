/**
 * The gradient rules, as a table: for each op, one row per gradient, each with the formula as
 * people write it and a builder that makes the right-hand side as a symbolic convolution of
 * symbolic tensors (through the one general convolution). The check compares each right-hand
 * side with the chain-rule result entry by entry.
 *
 * Derivations (0-based, stride 1, padding lo:hi, K the kernel size, Xp the padded input):
 *   conv   y[p]  = Σ_k Xp[p+K−1−k]·w[k]
 *          δx[u] = Σ_p δy[p]·w[p+K−1−u−lo]   = (Rot180(W) *full ΔY)[u+lo]
 *          δw[k] = Σ_p δy[p]·Xp[p+K−1−k]     = (Rot180(Xp) * ΔY)[k]
 *                  (the lecture's Rot180(ΔY) * X is Rot180 of this: it equals Xp ⋆ ΔY)
 *   xcorr  y[p]  = Σ_k Xp[p+k]·w[k]
 *          δx[u] = Σ_p δy[p]·w[u+lo−p]       = (ΔY ⋆full Rot180(W))[u+lo]
 *          δw[k] = Σ_p δy[p]·Xp[p+k]         = (Xp ⋆ ΔY)[k]
 *   both   δb[o] = Σ_{n,p} δy[n,o,p]
 * With channels and groups, ΔX sums over the output channels of the input channel's group and ΔW
 * over the batch (the channel axes are transposed accordingly).
 */
import { flipsKernel, type Op } from "../conventions.js";
import { convGeneral } from "../conv/general.js";
import { isDilated, isPadded, isStrided, type LayerConfig } from "../conv/config.js";
import type { MonoTable } from "../core/monomial.js";
import { gather, pad, rot180, slice, sumAxes, transpose } from "../tensor/ops.js";
import { Tensor } from "../tensor/tensor.js";

export type GradKey = "dX" | "dW" | "db";

export interface RuleContext {
  mt: MonoTable;
  cfg: LayerConfig;
  /** Internal layouts: X [N, Ci, ...S], W [Co, Ci/g, ...K], dY [N, Co, ...O]. */
  X: Tensor;
  W: Tensor;
  dY: Tensor;
}

export interface GradientRule {
  target: GradKey;
  /** The formula, for people and for JSON (e.g. "ΔX = Rot180(W) *full ΔY"). */
  formula(cfg: LayerConfig): string;
  /** Why no closed form is checked for this configuration, or null when it applies. */
  unsupported(cfg: LayerConfig): string | null;
  /** The right-hand side, in the target gradient's internal layout. */
  build(rc: RuleContext): Tensor;
}

const spatial = (rank: number): number[] => Array.from({ length: rank - 2 }, (_, a) => a + 2);

function strideOrDilation(cfg: LayerConfig): string | null {
  const s = isStrided(cfg);
  const d = isDilated(cfg);
  if (!s && !d) return null;
  const what = [s ? `stride ${cfg.stride.join("x")}` : "", d ? `dilation ${cfg.dilation.join("x")}` : ""].filter(Boolean).join(" and ");
  return `no closed form is checked yet for ${what} (only stride 1 without dilation); the chain-rule gradients above are exact`;
}


/** W [Co, Ci/g, K] → [Ci, Co/g, K]: entry [c, j] is W[g·Co/g + j, c − g·Ci/g] with g = c's group. */
function groupTranspose(W: Tensor, cfg: LayerConfig): Tensor {
  const [Co, Cig] = W.shape as [number, number];
  const g = cfg.groups;
  const Ci = Cig * g;
  const Cog = Co / g;
  return gather(W, [Ci, Cog, ...W.shape.slice(2)], (i) => {
    const c = i[0]!;
    const grp = Math.floor(c / Cig);
    return [grp * Cog + i[1]!, c - grp * Cig, ...i.slice(2)];
  });
}

/** ΔX's right-hand side: ΔY convolved with a (group-transposed) kernel, full padding less the forward padding. */
function inputGradient(rc: RuleContext, flip: boolean): Tensor {
  const { cfg } = rc;
  const R = groupTranspose(rot180(rc.W, spatial(rc.W.rank)), cfg);
  const ones = cfg.kernel.map(() => 1);
  return convGeneral(rc.mt, rc.dY, R, {
    flip,
    stride: ones,
    padding: cfg.kernel.map((k, a) => [k - 1 - cfg.padding[a]![0], k - 1 - cfg.padding[a]![1]] as const),
    lhsDilation: ones,
    rhsDilation: ones,
    groups: cfg.groups,
  });
}

/** ΔW's right-hand side: (Rot180 of, for conv) the padded input against ΔY, batch as the contracted axis. */
function kernelGradient(rc: RuleContext, rotate: boolean): Tensor {
  const { cfg } = rc;
  const sp = spatial(rc.X.rank);
  let Xp = pad(rc.X, cfg.padding, sp);
  if (rotate) Xp = rot180(Xp, sp);
  const perm = [1, 0, ...sp];
  const lhs = transpose(Xp, perm); // [Ci, N, ...Sp]
  const rhs = transpose(rc.dY, perm); // [Co, N, ...O]
  const ones = cfg.kernel.map(() => 1);
  const [Co, Cig] = rc.W.shape as [number, number];
  const Cog = Co / cfg.groups;
  // One convolution per group, pairing only the channels that meet in W: a depthwise layer
  // (groups = channels) would otherwise compute every (input, output) pair and keep 1 in C.
  const perGroup = Array.from({ length: cfg.groups }, (_, g) =>
    convGeneral(rc.mt, slice(lhs, [[g * Cig, (g + 1) * Cig]], [0]), slice(rhs, [[g * Cog, (g + 1) * Cog]], [0]), {
      flip: rotate, // conv: Rot180(Xp) * ΔY; xcorr: Xp ⋆ ΔY
      stride: ones,
      padding: cfg.kernel.map(() => [0, 0] as const),
      lhsDilation: ones,
      rhsDilation: ones,
      groups: 1,
    }),
  ); // group g: [Cig, Cog, ...K], entry [c', o'] = ΔW[g·Cog + o', c']
  return Tensor.fromFn(rc.W.shape, (i) => {
    const g = Math.floor(i[0]! / Cog);
    return perGroup[g]!.at([i[1]!, i[0]! - g * Cog, ...i.slice(2)]);
  });
}

const biasRule: GradientRule = {
  target: "db",
  formula: (cfg) => (cfg.hasChannels ? `δb[o] = Σ_{n,${spatialNames(cfg)}} ΔY[n,o,${spatialNames(cfg)}]` : "δb = Σ ΔY"),
  unsupported: () => null,
  build: (rc) => sumAxes(rc.mt, rc.dY, [0, ...spatial(rc.dY.rank)]),
};

function spatialNames(cfg: LayerConfig): string {
  return ["i", "j", "k"].slice(0, cfg.input.length).join(",");
}

function channelForm(cfg: LayerConfig, plain: string, indexed: string): string {
  return cfg.hasChannels ? indexed : plain;
}

/**
 * How each op writes its two rules: [without channels, with channels]. x is "X" or "pad(X)";
 * dyPad is null without padding (then ΔX uses full mode), else the padding q = K−1−p that makes
 * ΔX a valid convolution of pad(ΔY, q) — the same thing as the full convolution cropped by p.
 */
const FORMS: Record<Op, { dX: (dyPad: number | null) => readonly [string, string]; dW: (x: string) => readonly [string, string] }> = {
  conv: {
    dX: (q) =>
      q === null
        ? ["ΔX = Rot180(W) *full ΔY", "ΔX[n,c] = Σ_o Rot180(W[o,c]) *full ΔY[n,o]"]
        : [`ΔX = ${padDy("ΔY", q)} * Rot180(W)`, `ΔX[n,c] = Σ_o ${padDy("ΔY[n,o]", q)} * Rot180(W[o,c])`],
    dW: (x) => [`ΔW = Rot180(${x}) * ΔY`, `ΔW[o,c] = Σ_n Rot180(${x}[n,c]) * ΔY[n,o]`],
  },
  xcorr: {
    dX: (q) =>
      q === null
        ? ["ΔX = ΔY ⋆full Rot180(W)", "ΔX[n,c] = Σ_o ΔY[n,o] ⋆full Rot180(W[o,c])"]
        : [`ΔX = ${padDy("ΔY", q)} ⋆ Rot180(W)`, `ΔX[n,c] = Σ_o ${padDy("ΔY[n,o]", q)} ⋆ Rot180(W[o,c])`],
    dW: (x) => [`ΔW = ${x} ⋆ ΔY`, `ΔW[o,c] = Σ_n ${x}[n,c] ⋆ ΔY[n,o]`],
  },
};

const padDy = (dy: string, q: number): string => (q === 0 ? dy : `pad(${dy}, ${q})`);

/** The one padding q = K−1−p of ΔY when every axis has the same kernel size K and symmetric padding p ≤ K−1; else undefined. */
function uniformDyPad(cfg: LayerConfig): number | undefined {
  const k = cfg.kernel[0]!;
  const p = cfg.padding[0]![0];
  const uniform = cfg.kernel.every((v) => v === k) && cfg.padding.every(([lo, hi]) => lo === p && hi === p);
  return uniform && p <= k - 1 ? k - 1 - p : undefined;
}

function rulesFor(op: Op): readonly GradientRule[] {
  const forms = FORMS[op];
  const flip = flipsKernel(op);
  return [
    {
      target: "dX",
      formula: (cfg) => {
        if (!isPadded(cfg)) return channelForm(cfg, ...forms.dX(null));
        const q = uniformDyPad(cfg);
        return q !== undefined ? channelForm(cfg, ...forms.dX(q)) : channelForm(cfg, ...forms.dX(null)) + ", cropped by the padding";
      },
      unsupported: strideOrDilation,
      build: (rc) => inputGradient(rc, flip),
    },
    {
      target: "dW",
      formula: (cfg) => channelForm(cfg, ...forms.dW(isPadded(cfg) ? "pad(X)" : "X")),
      unsupported: strideOrDilation,
      build: (rc) => kernelGradient(rc, flip),
    },
    biasRule,
  ];
}

export const RULES: Record<Op, readonly GradientRule[]> = { conv: rulesFor("conv"), xcorr: rulesFor("xcorr") };
