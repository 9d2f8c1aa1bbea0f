/**
 * Derivation tables — the lecture's "verification" slides — as data, and in text.
 *
 * For one output entry (a forward entry y, or a gradient entry δw / δx) a table shows the grid the
 * rule convolves over (the padded input, rotated as the rule says) with the kernel placed over it:
 *
 *   Y   grid X (padded),              kernel Rot180(W) (conv) or W (xcorr)      Y = X * W, X ⋆ W
 *   ΔW  grid Rot180(X) (conv) or X,   kernel Rot180(ΔY) (conv) or ΔY (xcorr)    ΔW = Rot180(X) * ΔY, X ⋆ ΔY
 *   ΔX  grid Rot180(W) (conv),        kernel Rot180(ΔY)                         ΔX = Rot180(W) *full ΔY
 *       grid ΔY (xcorr),              kernel Rot180(W)                          ΔX = ΔY ⋆full Rot180(W)
 *
 * The geometry below only PLACES things: where each grid entry sits (padding, rotation, the zeros
 * a stride inserts) and which kernel entry lies on which cell. What a covered cell shows comes
 * from the engine: the term of the entry's polynomial (forward polys, gradient polys) that contains
 * the grid symbol of that cell. The tests check that the two agree — every covered grid entry
 * carries exactly the term grid·kernel, and the cells of a table multiply out to exactly the
 * entry's polynomial — for stride, dilation, padding and channels alike.
 *
 * With channels a table has one panel per summed channel (input channel for Y, batch item for
 * ΔW, output channel for ΔX). Tables are drawn for 1-D and 2-D inputs.
 */
import { internalShapes } from "../conv/config.js";
import { monoIds } from "../core/monomial.js";
import type { Poly } from "../core/poly.js";
import type { Derivation } from "../derive.js";
import { Namer, unflatten } from "./names.js";

export type TableKind = "Y" | "dW" | "dX";
export const TABLE_KINDS: readonly TableKind[] = ["Y", "dW", "dX"];

/**
 * product: a grid entry under the kernel (shows its term); zero: padding under the kernel; grey: a grid entry not under
 * it; pad: padding.
 */
export type CellKind = "product" | "zero" | "grey" | "pad";

export interface Cell {
  kind: CellKind;
  /** Symbol id of the grid entry, -1 on padding. */
  grid: number;
  /** Symbol id of the kernel entry placed on the cell, -1 when not covered. */
  kernel: number;
  /** Indices of the entry's terms shown in the cell (product cells). */
  terms: number[];
}

/** A tensor as the table names it: which tensor, rotated or not, at which leading (batch/channel) indices. */
export interface TensorRef {
  tensor: "X" | "W" | "dY";
  rot: boolean;
  /** Leading internal indices (batch, channel) shown to the user, 0-based; empty without channels. */
  at: number[];
}

export interface Panel {
  grid: TensorRef;
  kernel: TensorRef;
  /** Whether the grid is padded (zeros shown around or between its entries). */
  padded: boolean;
  rows: number;
  cols: number;
  /** Row-major, rows × cols. */
  cells: Cell[];
}

export interface DerivTable {
  kind: TableKind;
  /** Flat index of the entry (display layout = internal layout). */
  flat: number;
  /** The entry's polynomial. */
  poly: Poly;
  panels: Panel[];
  /** Terms not shown in any cell (the bias term of a forward entry). */
  extra: number[];
}

/** One axis of the placement: where grid entry i sits, and the window of output entry e. */
interface AxisGeom {
  gridPos(i: number): number;
  /** [position, kernel index] pairs of the kernel placed for entry e. */
  window(e: number): [number, number][];
  lo: number;
  hi: number;
  mirror: boolean;
}

function axisGeom(
  kind: TableKind,
  conv: boolean,
  H: number,
  K: number,
  O: number,
  s: number,
  d: number,
  lo: number,
  hi: number,
): AxisGeom {
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  switch (kind) {
    case "Y":
      // y[p] = Σ_j Xp[p·s + j·d] · (conv ? w[K−1−j] : w[j])
      return {
        gridPos: (i) => lo + i,
        window: (p) => range(K).map((j) => [p * s + j * d, conv ? K - 1 - j : j]),
        lo: 0,
        hi: H + lo + hi - 1,
        mirror: false,
      };
    case "dW":
      // δw[k] = Σ_p δy[p] · Xp[p·s + k'·d], k' = K−1−k (conv) or k (xcorr); conv shows the grid rotated.
      return {
        gridPos: (i) => lo + i,
        window: (k) => range(O).map((p) => [p * s + (conv ? K - 1 - k : k) * d, p]),
        lo: 0,
        hi: H + lo + hi - 1,
        mirror: conv,
      };
    case "dX":
      if (conv) {
        // Grid Rot180(W): w[k] at P + (K−1−k)·d; kernel Rot180(ΔY) at u: δy[O−1−i] at u + i·s.
        const P = (O - 1) * s - lo;
        return {
          gridPos: (k) => P + (K - 1 - k) * d,
          window: (u) => range(O).map((i) => [u + i * s, O - 1 - i]),
          lo: Math.min(0, P),
          hi: Math.max(P + (K - 1) * d, H - 1 + (O - 1) * s),
          mirror: false,
        };
      } else {
        // Grid ΔY, strided and fully padded: δy[p] at P + p·s; kernel Rot180(W) at u: w[K−1−j] at u + j·d.
        const P = (K - 1) * d - lo;
        return {
          gridPos: (p) => P + p * s,
          window: (u) => range(K).map((j) => [u + j * d, K - 1 - j]),
          lo: Math.min(0, P),
          hi: Math.max(P + (O - 1) * s, H - 1 + (K - 1) * d),
          mirror: false,
        };
      }
  }
}

export interface TableContext {
  d: Derivation;
  kind: TableKind;
  axes: AxisGeom[];
  /** Spatial shapes of the grid tensor and of the entries. */
  gridShape: number[];
  entryShape: number[];
}

/** Whether tables can be drawn for this derivation (1-D or 2-D inputs). */
export function tablesSupported(d: Derivation): boolean {
  return d.config.input.length <= 2;
}

function context(d: Derivation, kind: TableKind): TableContext {
  const c = d.config;
  const conv = c.op === "conv";
  const axes = c.input.map((H, a) =>
    axisGeom(
      kind,
      conv,
      H,
      c.kernel[a]!,
      c.output[a]!,
      c.stride[a]!,
      c.dilation[a]!,
      c.padding[a]![0],
      c.padding[a]![1],
    ),
  );
  const gridShape = kind === "dX" ? [...(conv ? c.kernel : c.output)] : [...c.input];
  const entryShape = kind === "Y" ? [...c.output] : kind === "dW" ? [...c.kernel] : [...c.input];
  return { d, kind, axes, gridShape, entryShape };
}

const prod = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);

/** Number of entries that have a table of this kind. */
export function tableCount(d: Derivation, kind: TableKind): number {
  const s = internalShapes(d.config);
  return prod(kind === "Y" ? s.Y : kind === "dW" ? s.W : s.X);
}

/** The entry's polynomial. */
function entryPoly(d: Derivation, kind: TableKind, flat: number): Poly {
  return kind === "Y" ? d.forward.data[flat]! : kind === "dW" ? d.gradients.dW.data[flat]! : d.gradients.dX.data[flat]!;
}

/** Builds the table of entry `flat` (internal = display flat index) of `kind`. */
export function buildTable(d: Derivation, kind: TableKind, flat: number): DerivTable {
  if (!tablesSupported(d)) throw new RangeError("derivation tables are drawn for 1-D and 2-D inputs only");
  const cx = context(d, kind);
  const c = d.config;
  const s = internalShapes(c);
  const [N, Ci] = s.X as [number, number];
  const Co = s.W[0]!;
  const Cig = Ci / c.groups;
  const Cog = Co / c.groups;
  const conv = c.op === "conv";
  const poly = entryPoly(d, kind, flat);
  const spatialRank = c.input.length;
  const ranges = { X: d.table.tensor("X")!, W: d.table.tensor("W")!, dY: d.table.tensor("dY")! };
  const idOf = (key: "X" | "W" | "dY", lead: number[], sp: number[]): number => {
    const shape = key === "X" ? s.X : key === "W" ? s.W : s.Y;
    const full = [...lead, ...sp];
    let f = 0;
    for (let a = 0; a < shape.length; a++) f = f * shape[a]! + full[a]!;
    return ranges[key].base + f;
  };
  const shown = (lead: number[], key: "X" | "W" | "dY"): number[] => {
    // Leading indices the user sees: batch only when asked for, channels only with channels.
    if (!c.hasChannels) return [];
    if (key === "W") return lead;
    return c.batch === null ? lead.slice(1) : lead;
  };

  // Entry index: lead (2 internal axes) + spatial.
  const full = unflatten(kind === "Y" ? s.Y : kind === "dW" ? s.W : s.X, flat);
  const lead = full.slice(0, 2);
  const sp = full.slice(2);

  // Panels: (grid tensor lead, kernel tensor lead).
  type P = { grid: TensorRef; kernel: TensorRef; gridLead: number[]; kernelLead: number[] };
  const panels: P[] = [];
  if (kind === "Y") {
    const [n, o] = lead as [number, number];
    const g = Math.floor(o / Cog);
    for (let cl = 0; cl < Cig; cl++) {
      const gl = [n, g * Cig + cl];
      const kl = [o, cl];
      panels.push({
        grid: { tensor: "X", rot: false, at: shown(gl, "X") },
        kernel: { tensor: "W", rot: conv, at: shown(kl, "W") },
        gridLead: gl,
        kernelLead: kl,
      });
    }
  } else if (kind === "dW") {
    const [o, cl] = lead as [number, number];
    const g = Math.floor(o / Cog);
    for (let n = 0; n < N; n++) {
      const gl = [n, g * Cig + cl];
      const kl = [n, o];
      panels.push({
        grid: { tensor: "X", rot: conv, at: shown(gl, "X") },
        kernel: { tensor: "dY", rot: conv, at: shown(kl, "dY") },
        gridLead: gl,
        kernelLead: kl,
      });
    }
  } else {
    const [n, ch] = lead as [number, number];
    const g = Math.floor(ch / Cig);
    const cl = ch - g * Cig;
    for (let o = g * Cog; o < (g + 1) * Cog; o++) {
      const wl = [o, cl];
      const yl = [n, o];
      if (conv)
        panels.push({
          grid: { tensor: "W", rot: true, at: shown(wl, "W") },
          kernel: { tensor: "dY", rot: true, at: shown(yl, "dY") },
          gridLead: wl,
          kernelLead: yl,
        });
      else
        panels.push({
          grid: { tensor: "dY", rot: false, at: shown(yl, "dY") },
          kernel: { tensor: "W", rot: true, at: shown(wl, "W") },
          gridLead: yl,
          kernelLead: wl,
        });
    }
  }

  // Terms of the entry by the symbols they contain.
  const termsBySymbol = new Map<number, number[]>();
  for (let i = 0; i < poly.size; i++) {
    const ids = new Set(monoIds(poly.codes[i]!, d.table.monos));
    for (const id of ids) {
      const l = termsBySymbol.get(id);
      if (l) l.push(i);
      else termsBySymbol.set(id, [i]);
    }
  }

  const dims = cx.axes.map((ax) => ax.hi - ax.lo + 1);
  const rows = spatialRank === 2 ? dims[0]! : 1;
  const cols = spatialRank === 2 ? dims[1]! : dims[0]!;
  const disp = (a: number, pos: number): number => {
    const ax = cx.axes[a]!;
    const c0 = pos - ax.lo;
    return ax.mirror ? ax.hi - ax.lo - c0 : c0;
  };
  const cellAt = (dc: number[]): number => (spatialRank === 2 ? dc[0]! * cols + dc[1]! : dc[0]!);
  const gridKey = kind === "dX" ? (conv ? "W" : "dY") : "X";
  const kernelKey = kind === "Y" ? "W" : kind === "dW" ? "dY" : conv ? "dY" : "W";
  const used = new Set<number>();

  const out: Panel[] = panels.map((pn) => {
    const cells: Cell[] = Array.from({ length: rows * cols }, () => ({ kind: "pad", grid: -1, kernel: -1, terms: [] }));
    // Grid entries.
    forEach(cx.gridShape, (gi) => {
      const dc = gi.map((i, a) => disp(a, cx.axes[a]!.gridPos(i)));
      const cell = cells[cellAt(dc)]!;
      cell.grid = idOf(gridKey, pn.gridLead, gi);
      cell.kind = "grey";
    });
    // The kernel placed for this entry (product of the per-axis windows).
    const wins = sp.map((e, a) => cx.axes[a]!.window(e));
    forEach(
      wins.map((w) => w.length),
      (wi) => {
        const dc = wi.map((j, a) => disp(a, wins[a]![j]![0]));
        const ki = wi.map((j, a) => wins[a]![j]![1]);
        const cell = cells[cellAt(dc)];
        if (!cell) return;
        cell.kernel = idOf(kernelKey, pn.kernelLead, ki);
        if (cell.grid < 0) cell.kind = "zero";
      },
    );
    // What each grid entry contributes: the terms containing it (from the engine's polynomial).
    for (const cell of cells) {
      if (cell.grid < 0) continue;
      const ts = termsBySymbol.get(cell.grid);
      if (ts && ts.length) {
        cell.kind = "product";
        cell.terms = ts;
        for (const t of ts) used.add(t);
      }
    }
    return {
      grid: pn.grid,
      kernel: pn.kernel,
      padded: cx.axes.some((ax, a) => ax.hi - ax.lo + 1 > cx.gridShape[a]!),
      rows,
      cols,
      cells,
    };
  });
  const extra: number[] = [];
  for (let i = 0; i < poly.size; i++) if (!used.has(i)) extra.push(i);
  return { kind, flat, poly, panels: out, extra };
}

/** The part of a panel a printer shows: all of it, or a max × max crop around the kernel. */
export interface PanelView {
  r0: number;
  c0: number;
  rows: number;
  cols: number;
  cropped: boolean;
  cell(r: number, c: number): Cell;
}

/** Crops a panel larger than max × max to the max × max cells starting one cell before the first covered one. */
export function viewPanel(p: Panel, max = Infinity): PanelView {
  let fr = p.rows;
  let fc = p.cols;
  p.cells.forEach((cell, k) => {
    if (cell.kernel >= 0 || cell.kind === "product") {
      fr = Math.min(fr, Math.floor(k / p.cols));
      fc = Math.min(fc, k % p.cols);
    }
  });
  const rows = Math.min(p.rows, max);
  const cols = Math.min(p.cols, max);
  const r0 = Math.max(0, Math.min(fr - 1, p.rows - rows));
  const c0 = Math.max(0, Math.min(fc - 1, p.cols - cols));
  return {
    r0,
    c0,
    rows,
    cols,
    cropped: rows < p.rows || cols < p.cols,
    cell: (r, c) => p.cells[(r0 + r) * p.cols + c0 + c]!,
  };
}

/** "rows 3–12 of 36, columns 1–10 of 36" for a cropped view (1-based display rows of the grid). */
export function cropText(p: Panel, v: PanelView): string {
  return `rows ${v.r0 + 1}–${v.r0 + v.rows} of ${p.rows}, columns ${v.c0 + 1}–${v.c0 + v.cols} of ${p.cols}`;
}

function forEach(shape: readonly number[], f: (idx: number[]) => void): void {
  const n = prod(shape);
  for (let k = 0; k < n; k++) f(unflatten(shape, k));
}

/**
 * Entries to show when there are too many for one frame each: corners, edge middles and the
 * centre of the first channel, plus the very last entry. All entries when there are at most `max`.
 */
export function representativeEntries(d: Derivation, kind: TableKind, max: number): number[] {
  const total = tableCount(d, kind);
  if (total <= max) return Array.from({ length: total }, (_, i) => i);
  const s = internalShapes(d.config);
  const shape = kind === "Y" ? s.Y : kind === "dW" ? s.W : s.X;
  const spatial = shape.slice(2);
  const picks = new Set<number>();
  const axisPicks = spatial.map((n) => [...new Set([0, Math.floor((n - 1) / 2), n - 1])]);
  forEach(
    axisPicks.map((p) => p.length),
    (ix) => {
      let f = 0;
      const idx = [0, 0, ...ix.map((j, a) => axisPicks[a]![j]!)];
      for (let a = 0; a < shape.length; a++) f = f * shape[a]! + idx[a]!;
      picks.add(f);
    },
  );
  picks.add(total - 1);
  return [...picks].sort((a, b) => a - b).slice(0, Math.max(max, 1));
}

/** Display index (0-based, display layout) of an entry of a table kind. */
export function entryIndex(d: Derivation, kind: TableKind, flat: number): number[] {
  const shape = kind === "Y" ? d.tensors.Y.shape : kind === "dW" ? d.tensors.W.shape : d.tensors.X.shape;
  return unflatten(shape, flat);
}

// ---------------------------------------------------------------- text

const TENSOR_TEXT = { X: "X", W: "W", dY: "ΔY" } as const;

export function refText(r: TensorRef, indexBase: number): string {
  const name = TENSOR_TEXT[r.tensor] + (r.at.length ? `[${r.at.map((i) => i + indexBase).join(",")}]` : "");
  return r.rot ? `Rot180(${name})` : name;
}

/** The entry's name: y₁₁, δw₁₁, δx₂₂. */
export function entryTitle(nm: Namer, d: Derivation, kind: TableKind, flat: number): string {
  const idx = entryIndex(d, kind, flat);
  return kind === "Y" ? nm.entry("y", idx) : nm.gradName(kind === "dW" ? "w" : "x", idx);
}

const width = (s: string): number => [...s].length;

/**
 * A table in text: covered cells in [brackets] with their product, padding under the kernel as [δy₂₂·0], other entries
 * plain, padding "·".
 */
export function* tableTextLines(
  d: Derivation,
  t: DerivTable,
  nm: Namer = new Namer(d.table, "unicode", d.config.indexBase),
): Generator<string> {
  const base = d.config.indexBase;
  yield `${entryTitle(nm, d, t.kind, t.flat)}:`;
  for (const p of t.panels) {
    yield `  ${refText(p.grid, base)}${p.padded ? " (padded)" : ""}, with ${refText(p.kernel, base)} placed over it:`;
    const texts = p.cells.map((cell) => {
      switch (cell.kind) {
        case "product":
          return `[${cell.terms.map((i) => nm.term(t.poly.codes[i]!, t.poly.coef(i))).join(" + ")}]`;
        case "zero":
          return `[${nm.symbol(cell.kernel)}·0]`;
        case "grey":
          return ` ${nm.symbol(cell.grid)} `;
        case "pad":
          return " · ";
      }
    });
    const colW = Array.from({ length: p.cols }, (_, c) =>
      Math.max(...Array.from({ length: p.rows }, (_, r) => width(texts[r * p.cols + c]!))),
    );
    for (let r = 0; r < p.rows; r++) {
      const row = Array.from({ length: p.cols }, (_, c) => {
        const s = texts[r * p.cols + c]!;
        return s + " ".repeat(colW[c]! - width(s));
      });
      yield `    ${row.join("  ").trimEnd()}`;
    }
  }
  yield `  ${entryTitle(nm, d, t.kind, t.flat)} = ${nm.poly(t.poly)}`;
}

const KIND_TITLE: Record<TableKind, string> = { Y: "Y", dW: "ΔW", dX: "ΔX" };

/** All tables of a derivation in text (representative subset above `max` entries per kind). */
export function* tablesTextLines(d: Derivation, max = Infinity): Generator<string> {
  yield "Derivation tables: [covered cell] = grid entry × the kernel entry placed on it; the formula under each table is the entry";
  if (!tablesSupported(d)) {
    yield "  (drawn for 1-D and 2-D inputs only)";
    return;
  }
  for (const kind of TABLE_KINDS) {
    const picks = representativeEntries(d, kind, max);
    const total = tableCount(d, kind);
    yield "";
    yield `Tables for ${KIND_TITLE[kind]}${picks.length < total ? ` (${picks.length} of ${total} entries)` : ""}`;
    for (const f of picks) {
      yield "";
      yield* tableTextLines(d, buildTable(d, kind, f));
    }
  }
}
