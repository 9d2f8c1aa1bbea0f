/**
 * The engine's closed-form rules (src/grad/rules.ts) with symbolic sizes, for `convgrad prove`:
 * the same constructions as rules.ts builds at one size — ΔY dilated by s and padded
 * d(K−1) − lo : d(K−1) − hi + a against the dilated reversed kernel; the padded input less the a
 * unreached rows against the dilated ΔY with stride d — built here as matrix values
 * (src/verify/lower.ts) whose amounts are linear in K, H and the output size O, with
 * a = H + lo + hi − d(K − 1) − 1 − s(O − 1) the rows the stride never reaches.
 */
import { spanText } from "../conventions.js";
import {
  ladd,
  lin,
  lscale,
  lsub,
  sizeVar,
  variable,
  type Lin,
  type Lowering,
  type MatrixValue,
  type SymbolicLayer,
} from "./lower.js";

export interface ClosedForm {
  target: "Y" | "dX" | "dW";
  /** The rule as a formula, with the layer's numbers and the symbolic amounts named. */
  rule: string;
  build: (low: Lowering) => { lhs: MatrixValue; rhs: MatrixValue };
}

const perAxis = (vs: readonly string[]) => (vs.every((v) => v === vs[0]) ? vs[0]! : vs.join(", "));
const ones = (vs: readonly number[]) => vs.every((v) => v === 1);

export function closedForms(L: SymbolicLayer): ClosedForm[] {
  const star = L.op === "conv" ? "*" : "⋆";
  const s = L.stride;
  const d = L.dilation;
  const dil = (t: string, f: readonly number[]) => (ones(f) ? t : `dilate(${t}, ${perAxis(f.map(String))})`);
  const withStride = (a: string, b: string, st: readonly number[]) => {
    if (ones(st)) return `${a} ${star} ${b}`;
    const t = perAxis(st.map(String));
    return `${L.op}(${a}, ${b}, stride=${t.includes(",") ? `(${t})` : t})`;
  };
  const pads = L.padding === "full" ? null : L.padding;
  const padText = pads === null ? "full" : perAxis(pads.map((p) => spanText(p)));
  const K = (a: number) => (L.dims === 1 ? "K" : `K_${a + 1}`);
  const ext = (a: number) => (d[a] === 1 ? `${K(a)}−1` : `${d[a]}(${K(a)}−1)`);
  const amounts = (f: (a: number) => string) => perAxis(Array.from({ length: L.dims }, (_, a) => f(a)));
  /** d(K − 1) on axis a. */
  const extent = (a: number): Lin => lscale(ladd(variable(sizeVar("K", a)), lin(-1)), d[a]!);
  // the a rows the stride never reaches on axis a (0 for stride 1): H + lo + hi − d(K−1) − 1 − s(O−1)
  const unreached = (a: number, [lo, hi]: readonly [Lin, Lin]): Lin =>
    lsub(
      lsub(ladd(ladd(variable(sizeVar("H", a)), lo), hi), ladd(extent(a), lin(1))),
      lscale(ladd(variable(sizeVar("O", a)), lin(-1)), s[a]!),
    );
  /** e − v + w as text, without zero terms (v, w amounts in words or numbers). */
  const expr = (parts: readonly [string, string][]) => {
    const kept = parts.filter(([, t]) => t !== "0" && t !== "");
    if (kept.length === 0) return "0";
    return kept
      .map(([sign, t], i) => (i === 0 ? (sign === "-" ? `−${t}` : t) : `${sign === "-" ? "−" : "+"}${t}`))
      .join("");
  };
  const loText = (a: number) => (pads === null ? null : String(pads[a]![0]));
  const hiText = (a: number) => (pads === null ? null : String(pads[a]![1]));
  const aText = (a: number) => (s[a]! > 1 ? "a" : "0");
  // full padding: d(K−1) − d(K−1) = 0
  const dxPad = amounts(
    (a) =>
      `${
        pads === null
          ? "0"
          : expr([
              ["+", ext(a)],
              ["-", loText(a)!],
            ])
      }:${expr([
        ["+", pads === null ? "0" : ext(a)],
        ["-", hiText(a) ?? "0"],
        ["+", aText(a)],
      ])}`,
  );
  const dwPad = amounts(
    (a) =>
      `${loText(a) ?? ext(a)}:${expr([
        ["+", hiText(a) ?? ext(a)],
        ["-", aText(a)],
      ])}`,
  );
  const unpadded = pads !== null && pads.every(([lo, hi]) => lo === 0 && hi === 0);
  const padded = (t: string) => (unpadded ? t : `pad(${t}, ${padText})`);
  const dwInput = unpadded && ones(s) ? "X" : `pad(X, ${dwPad})`;
  return [
    {
      target: "Y",
      rule: `Y = ${withStride(padded("X"), dil("W", d), s)}`,
      build: (low) => ({
        lhs: low.tensor("Y"),
        rhs: low.convolve(
          L.op,
          "valid",
          s,
          low.pad(low.tensor("X"), low.layerPadding()),
          low.dilate(low.tensor("W"), d),
        ),
      }),
    },
    {
      target: "dX",
      rule: `ΔX = pad(${dil("ΔY", s)}, ${dxPad}) ${star} ${dil("Rot180(W)", d)}`,
      build: (low) => {
        const spans = low
          .layerPadding()
          .map(([lo, hi], a): [Lin, Lin] => [lsub(extent(a), lo), ladd(lsub(extent(a), hi), unreached(a, [lo, hi]))]);
        const kernel = low.dilate(low.rot(low.tensor("W")), d);
        return {
          lhs: low.tensor("dX"),
          rhs: low.convolve(
            L.op,
            "valid",
            s.map(() => 1),
            low.pad(low.dilate(low.tensor("dY"), s), spans),
            kernel,
          ),
        };
      },
    },
    {
      target: "dW",
      rule: `ΔW = ${withStride(L.op === "conv" ? `Rot180(${dwInput})` : dwInput, dil("ΔY", s), d)}`,
      build: (low) => {
        const spans = low.layerPadding().map(([lo, hi], a): [Lin, Lin] => [lo, lsub(hi, unreached(a, [lo, hi]))]);
        const X = low.pad(low.tensor("X"), spans);
        return {
          lhs: low.tensor("dW"),
          rhs: low.convolve(L.op, "valid", d, L.op === "conv" ? low.rot(X) : X, low.dilate(low.tensor("dY"), s)),
        };
      },
    },
  ];
}
