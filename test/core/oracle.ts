/**
 * Independent oracle for the tests: exact bigint rationals and a plain nested-loop convolution
 * layer written straight from the definitions in the issue (nothing here imports the engine's
 * convolution, padding or shape code).
 *
 *   xcorr  y[n, o, p] = b[o] + Σ_{c, k} Xpad[n, g·Cig + c, p·s + k·dil] · W[o, c, k]
 *   conv   the same with the kernel flipped: W[o, c, K−1−k]  (true convolution)
 *   padding modes: valid [0,0], full [Ke−1, Ke−1], same [ceil((Ke−1)/2), floor((Ke−1)/2)]
 */

// ---------------------------------------------------------------- exact rationals (bigint)

export interface Q {
  readonly n: bigint;
  readonly d: bigint;
}

function bgcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function q(n: number | bigint, d: number | bigint = 1): Q {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError("zero denominator");
  if (dd < 0n) {
    nn = -nn;
    dd = -dd;
  }
  const g = bgcd(nn, dd);
  return g > 1n ? { n: nn / g, d: dd / g } : { n: nn, d: dd };
}

export const Q0: Q = { n: 0n, d: 1n };
export const Q1: Q = { n: 1n, d: 1n };
export const qadd = (a: Q, b: Q): Q => (a.d === 1n && b.d === 1n ? { n: a.n + b.n, d: 1n } : q(a.n * b.d + b.n * a.d, a.d * b.d));
export const qsub = (a: Q, b: Q): Q => qadd(a, { n: -b.n, d: b.d });
export const qmul = (a: Q, b: Q): Q => (a.d === 1n && b.d === 1n ? { n: a.n * b.n, d: 1n } : q(a.n * b.n, a.d * b.d));
export const qeq = (a: Q, b: Q): boolean => a.n === b.n && a.d === b.d;
export const qstr = (a: Q): string => (a.d === 1n ? String(a.n) : `${a.n}/${a.d}`);
/** Parses "3", "-1/2" (the JSON coefficient strings). */
export function qparse(s: string): Q {
  const m = /^(-?\d+)(?:\/(\d+))?$/.exec(s);
  if (!m) throw new Error(`not a rational string: ${JSON.stringify(s)}`);
  return q(BigInt(m[1]!), BigInt(m[2] ?? "1"));
}

/** A deterministic small-rational generator (independent of the engine's rng). */
export function lcg(seed: number): () => number {
  let s = BigInt(seed >>> 0) | 1n;
  return () => {
    s = (s * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    return Number(s >> 33n) / 2 ** 31;
  };
}

/** Random non-zero rational p/q with 1 ≤ |p| ≤ 12, 1 ≤ q ≤ 5. */
export function randomQ(next: () => number): Q {
  const p = 1 + Math.floor(next() * 12);
  const d = 1 + Math.floor(next() * 5);
  return q(next() < 0.5 ? -p : p, d);
}

// ---------------------------------------------------------------- the layer, independently

export type Pad = "valid" | "same" | "full" | number | (number | [number, number])[];

/** A layer request, as the tests generate it (mirrors the CLI flags, not the engine's types). */
export interface Layer {
  op: "conv" | "xcorr";
  input: number[];
  kernel: number[];
  stride: number[];
  dilation: number[];
  padding: Pad;
  inChannels: number | null;
  outChannels: number | null;
  groups: number;
  batch: number | null;
  bias: boolean;
  indexBase: number;
}

export interface Geometry {
  d: number;
  pads: [number, number][];
  out: number[];
  channels: boolean;
  N: number;
  Ci: number;
  Co: number;
  /** Shapes as the user sees them (the documented layouts). */
  shapes: { X: number[]; W: number[]; Y: number[]; b: number[] };
}

export function padsOf(L: Layer): [number, number][] {
  return L.kernel.map((k, a) => {
    const ke = (k - 1) * L.dilation[a]! + 1;
    const p = L.padding;
    if (p === "valid") return [0, 0];
    if (p === "full") return [ke - 1, ke - 1];
    if (p === "same") return [Math.ceil((ke - 1) / 2), Math.floor((ke - 1) / 2)];
    if (typeof p === "number") return [p, p];
    const x = p[a]!;
    return typeof x === "number" ? [x, x] : [x[0], x[1]];
  });
}

export function geometry(L: Layer): Geometry {
  const d = L.input.length;
  const pads = padsOf(L);
  const out = L.input.map((h, a) => {
    const ke = (L.kernel[a]! - 1) * L.dilation[a]! + 1;
    const hp = h + pads[a]![0] + pads[a]![1];
    return hp < ke ? 0 : Math.floor((hp - ke) / L.stride[a]!) + 1;
  });
  const channels = L.inChannels !== null || L.outChannels !== null || L.batch !== null || L.groups > 1;
  const N = L.batch ?? 1;
  const Ci = L.inChannels ?? (channels ? L.groups : 1);
  const Co = L.outChannels ?? (channels ? L.groups : 1);
  const shapes = !channels
    ? { X: [...L.input], W: [...L.kernel], Y: out, b: [] as number[] }
    : {
        X: [...(L.batch !== null ? [N] : []), Ci, ...L.input],
        W: [Co, Ci / L.groups, ...L.kernel],
        Y: [...(L.batch !== null ? [N] : []), Co, ...out],
        b: [Co],
      };
  return { d, pads, out, channels, N, Ci, Co, shapes };
}

export const prod = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);

/** Values of every entry, flat row-major in the documented layouts (b: one per output channel). */
export interface Values {
  X: Q[];
  W: Q[];
  dY: Q[];
  b: Q[];
}

export function randomValues(g: Geometry, next: () => number): Values {
  const fill = (n: number) => Array.from({ length: n }, () => randomQ(next));
  return { X: fill(prod(g.shapes.X)), W: fill(prod(g.shapes.W)), dY: fill(prod(g.shapes.Y)), b: fill(prod(g.shapes.b)) };
}

/** Every multi-index of a shape, row-major. */
export function indices(shape: readonly number[]): number[][] {
  const out: number[][] = [[]];
  let cur = out;
  for (const n of shape) {
    const next: number[][] = [];
    for (const p of cur) for (let i = 0; i < n; i++) next.push([...p, i]);
    cur = next;
  }
  return cur;
}

/**
 * The forward pass with plain loops over exact rationals: Y flat in [N, Co, ...out] order (the
 * same flat order as the displayed Y).
 */
export function forward(L: Layer, g: Geometry, v: Values): Q[] {
  const { d, pads, out, N, Ci, Co } = g;
  const Cig = Ci / L.groups;
  const Cog = Co / L.groups;
  const S = L.input;
  const K = L.kernel;
  const xAt = (n: number, c: number, pos: number[]): Q => {
    let f = n * Ci + c;
    for (let a = 0; a < d; a++) {
      const i = pos[a]! - pads[a]![0];
      if (i < 0 || i >= S[a]!) return Q0; // zero padding
      f = f * S[a]! + i;
    }
    return v.X[f]!;
  };
  const wAt = (o: number, c: number, k: number[]): Q => {
    let f = o * Cig + c;
    for (let a = 0; a < d; a++) f = f * K[a]! + k[a]!;
    return v.W[f]!;
  };
  const kIdx = indices(K);
  const pIdx = indices(out);
  const Y: Q[] = [];
  for (let n = 0; n < N; n++) {
    for (let o = 0; o < Co; o++) {
      const grp = Math.floor(o / Cog);
      for (const p of pIdx) {
        let acc: Q = L.bias ? v.b[o]! : Q0;
        for (let c = 0; c < Cig; c++) {
          for (const k of kIdx) {
            // the kernel entry that lands on window offset k: flipped for true convolution
            const kw = L.op === "conv" ? k.map((kk, a) => K[a]! - 1 - kk) : k;
            const pos = p.map((pp, a) => pp * L.stride[a]! + k[a]! * L.dilation[a]!);
            const x = xAt(n, grp * Cig + c, pos);
            if (x.n === 0n) continue;
            acc = qadd(acc, qmul(x, wAt(o, c, kw)));
          }
        }
        Y.push(acc);
      }
    }
  }
  return Y;
}

/** J = Σ δy·y at the given values. */
export function objective(L: Layer, g: Geometry, v: Values): Q {
  const Y = forward(L, g, v);
  let J = Q0;
  for (let f = 0; f < Y.length; f++) J = qadd(J, qmul(v.dY[f]!, Y[f]!));
  return J;
}

/** ∂J/∂s for every entry s of X, W (and b), by exact unit differences J(s+1) − J(s). */
export function bruteGradients(L: Layer, g: Geometry, v: Values): { dX: Q[]; dW: Q[]; db: Q[] } {
  const J0 = objective(L, g, v);
  const diffOf = (key: "X" | "W" | "b"): Q[] =>
    v[key].map((val, i) => {
      const arr = [...v[key]];
      arr[i] = qadd(val, Q1);
      return qsub(objective(L, g, { ...v, [key]: arr }), J0);
    });
  return { dX: diffOf("X"), dW: diffOf("W"), db: L.bias ? diffOf("b") : [] };
}
