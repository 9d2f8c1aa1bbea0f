/** Parsing of CLI flag values. Every failure is a UsageError naming the flag and the rule. */
import type { PaddingSpec } from "../conv/config.js";
import { UsageError } from "../errors.js";

const INT = /^[+-]?\d+$/;

export function parseInteger(flag: string, s: string, min: number): number {
  const t = s.trim();
  if (!INT.test(t)) throw new UsageError(flag, `"${s}" is not an integer`);
  const v = Number(t);
  if (!Number.isSafeInteger(v)) throw new UsageError(flag, `"${s}" is too large`);
  if (v < min) throw new UsageError(flag, `must be at least ${min}, got ${v}`);
  return v;
}

/** "3x3", "7", "4x4x4" (also "3×3", "3,3"): positive integers, one per axis. */
export function parseSize(flag: string, s: string): number[] {
  const parts = s.trim().split(/[x×,]/i);
  if (parts.length > 3) throw new UsageError(flag, `"${s}" has ${parts.length} axes; 1, 2 or 3 are supported`);
  return parts.map((p) => {
    if (!/^\s*\d+\s*$/.test(p)) {
      throw new UsageError(flag, `"${s}" is not a size: use positive integers separated by x, e.g. 3x3`);
    }
    const v = Number(p);
    if (v < 1) throw new UsageError(flag, `sizes must be positive, got ${v} in "${s}"`);
    if (!Number.isSafeInteger(v)) throw new UsageError(flag, `"${p}" is too large`);
    return v;
  });
}

/** One integer for every axis ("2") or one per axis ("2x1"). */
export function parsePerAxis(flag: string, s: string): number | number[] {
  if (/(^|[x×,])\s*0+\s*($|[x×,])/.test(s.trim()))
    throw new UsageError(flag, `must be at least 1 on every axis, got "${s}"`);
  const v = parseSize(flag, s);
  return v.length === 1 ? v[0]! : v;
}

/** valid | same | full | "1" | "1x2" | "0:1" | "0:1x1:0" (lo:hi per axis). */
export function parsePadding(s: string): PaddingSpec {
  const t = s.trim().toLowerCase();
  if (t === "valid" || t === "same" || t === "full") return t;
  const axes = t.split(/[x×]/);
  const out = axes.map((a) => {
    const m = /^(\d+)(?::(\d+))?$/.exec(a.trim());
    if (!m) {
      throw new UsageError(
        "--padding",
        `"${s}" is not a padding: use valid, same, full, or non-negative integers per axis (1, 1x2, 0:1x1:0)`,
      );
    }
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi))
      throw new UsageError("--padding", `"${a.trim()}" is too large`);
    return [lo, hi] as [number, number];
  });
  if (out.length === 1 && !t.includes(":")) return out[0]![0];
  return out;
}

/** --dims: the number of spatial axes of an every-size command, 1-3 (2 when not given). */
export function parseDims(s: string | undefined): number {
  const dims = parseInteger("--dims", s ?? "2", 1);
  if (dims > 3) throw new UsageError("--dims", `must be 1, 2 or 3, got ${dims}`);
  return dims;
}

export function parseChoice<T extends string>(flag: string, s: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(s))
    throw new UsageError(flag, `must be one of ${choices.join(", ")}, got "${s}"`);
  return s as T;
}

/** Exact random points a numeric check may take: each evaluates every entry once, so many more only cost time. */
export const MAX_POINTS = 1000;

/** --points: 1 to MAX_POINTS. */
export function parsePoints(s: string): number {
  const v = parseInteger("--points", s, 1);
  if (v > MAX_POINTS)
    throw new UsageError(
      "--points",
      `at most ${MAX_POINTS} (each point evaluates every entry exactly; ${v} would run for minutes), got ${v}`,
    );
  return v;
}
