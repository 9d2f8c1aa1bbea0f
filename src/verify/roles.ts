/**
 * Roles: what the source's own names mean. A Notation maps names as written (`o^{l-1}`, `w^{l}`,
 * `\delta^{l}`, `Z`, `E`) to the layer's tensors; `resolve` rewrites a parsed equation so that
 * every name the notation knows becomes the engine's entry or matrix node, and every name it does
 * not know stays a `ref` (the evaluator skips the equation and says which declaration is missing).
 *
 * Roles come from convgrad's defaults (x, w, y, b, J), from the user (--roles, `% convgrad:` lines)
 * and from the document itself (src/verify/learn.ts). A learned or declared name for a role
 * replaces the defaults of that role: once the source calls its input o^{l-1}, a bare x is not
 * the input any more.
 */
import type { Op } from "../conventions.js";
import { mapChildren, opSymbol, type ConvSpec, type Index, type Node, type TensorBase } from "../lang/ast.js";
import type { IExpr } from "../lang/indexexpr.js";
import { isDeltaPair, kroneckerNode } from "./kronecker.js";

/**
 * X input, W kernel, Y output, b bias, J loss; Z the input's pre-activation (X = f(Z)), A the output's activation
 * (A = f(Y)); d* gradients.
 */
export type Role = "X" | "W" | "Y" | "b" | "J" | "Z" | "A" | "dX" | "dW" | "dY" | "db" | "dZ" | "dA";

export const ROLE_WORDS: Record<Role, string> = {
  X: "input",
  W: "kernel",
  Y: "output",
  b: "bias",
  J: "loss",
  Z: "pre-activation of the input",
  A: "activation of the output",
  dX: "input gradient",
  dW: "kernel gradient",
  dY: "output gradient",
  db: "bias gradient",
  dZ: "pre-activation gradient",
  dA: "output activation's gradient",
};

const GRAD: Partial<Record<Role, Role>> = { X: "dX", W: "dW", Y: "dY", b: "db", Z: "dZ", A: "dA" };
const BASE: Record<"X" | "W" | "Y" | "b" | "Z" | "A", TensorBase> = { X: "x", W: "w", Y: "y", b: "b", Z: "z", A: "a" };

const DEFAULTS: readonly [string, Role][] = [
  ["x", "X"],
  ["X", "X"],
  ["w", "W"],
  ["W", "W"],
  ["y", "Y"],
  ["Y", "Y"],
  ["b", "b"],
  ["J", "J"],
  ["E", "J"],
  ["L", "J"],
  ["C", "J"],
  ["c", "J"],
  ["\\mathcal{L}", "J"],
  ["\\mathcal{E}", "J"],
  ["\\mathcal{J}", "J"],
];

export interface Learned {
  what: string;
  line: number | null;
}

/** What a size the text names measures. */
export type SizeKind = "input" | "output" | "kernel";

interface NotationState {
  readonly names: ReadonlyMap<string, Role>;
  /** Operators the document defined: \otimes → cross-correlation, valid. */
  readonly ops: ReadonlyMap<string, ConvSpec & { op: Op }>;
  /** Operators the document defines two different ways (∗ as true convolution, then as cross-correlation): why. */
  readonly ambiguousOps: ReadonlyMap<string, string>;
  /** Size names bound by the user (--sizes), the document's shapes and its sums' ranges. */
  readonly sizes: ReadonlyMap<string, number>;
  /** Of those, the ones the text says are the input's, the output's or the kernel's size (a size equation's names). */
  readonly sizeKinds: ReadonlyMap<string, SizeKind>;
  readonly learned: readonly Learned[];
  /** δ^{t} is ∂J/∂z^{t} for every layer tag t, once the document defines it for one: δ → z. */
  readonly gradPatterns: ReadonlyMap<string, string>;
  /** o^{t} = f(x^{t}) for every layer tag t: o → x (the activation's input and output). */
  readonly actPatterns: ReadonlyMap<string, string>;
  /**
   * Index order of a name whose axes the source writes in another order than convgrad's layout
   * (channels last, W_{m,n,c,d}): layout axis k is the source's index perm[k].
   */
  readonly layouts: ReadonlyMap<string, readonly number[]>;
  /**
   * Where a name's indices start, per axis, when not where the layer's do: a "valid" convolution
   * indexed by the full one's positions (z_{x,y} = Σ_a Σ_b w_{a,b} σ(z_{x-a,y-b}), x from k−1).
   */
  readonly offsets: ReadonlyMap<string, readonly number[]>;
  /**
   * Offsets of a name's index-notation entries only: Tang and Wu's Σ_{m=0}^{k-1} F_{m,n} X_{i+m,j+n} counts the
   * kernel's offsets from 0 while their worked example (F_{11}, X_{11}) counts entries from 1.
   */
  readonly exprOffsets: ReadonlyMap<string, readonly number[]>;
  /** Roles the user declared a name for (--roles): convgrad's default names no longer have them. */
  readonly declared: ReadonlySet<Role>;
  /** How the document's names are read beyond their roles (Z as Z^{l}, w as the input): said per formula. */
  readonly readings: ReadonlyMap<string, string>;
  /** convgrad's own letters the document uses otherwise (x under σ′: a pre-activation), with why: not read. */
  readonly misread: ReadonlyMap<string, string>;
  /** Why the document's δ_{a,b} is the Kronecker delta (src/verify/kronecker.ts); null: it is not. */
  readonly kronecker: string | null;
  /**
   * Names of the input with the layer's (non-zero) padding around it (x^{pad}, src/verify/padded.ts): their entries
   * are the input's shifted, their whole is pad(X), and their gradient, which differs from the input's in the
   * border, is not read.
   */
  readonly padded: ReadonlySet<string>;
  /**
   * The layout the document says its gradient matrices are written in: "numerator" (∂J/∂W is the transpose of
   * ΔW, the matrix-calculus Jacobian convention, sighsmile's post), "both" (it speaks of both layouts), or null.
   */
  readonly gradientLayout: { readonly layout: "numerator" | "both"; readonly said: string } | null;
  /** A bare name for one entry of a tensor (Ulyankin's a = w_{11}·x_{11} + …, the output's first): its role, index. */
  readonly entryNames: ReadonlyMap<string, { readonly role: Role; readonly values: readonly number[] }>;
}

const EMPTY: NotationState = {
  names: new Map(),
  ops: new Map(),
  ambiguousOps: new Map(),
  sizes: new Map(),
  sizeKinds: new Map(),
  learned: [],
  gradPatterns: new Map(),
  actPatterns: new Map(),
  layouts: new Map(),
  offsets: new Map(),
  exprOffsets: new Map(),
  declared: new Set(),
  readings: new Map(),
  misread: new Map(),
  kronecker: null,
  entryNames: new Map(),
  padded: new Set(),
  gradientLayout: null,
};

/** A layer tag as (variable, offset): l → (l, 0), l-1 → (l, −1), \ell+1 → (l, 1); null for others. */
export function splitTag(name: string): { base: string; v: string; off: number } | null {
  const m = /^(.*?)\^\{([A-Za-z])(?:([+-])([0-9]+))?\}$/.exec(name);
  if (!m) return null;
  return { base: m[1]!, v: m[2]!, off: m[3] ? (m[3] === "-" ? -1 : 1) * Number(m[4]) : 0 };
}

function tagged(base: string, v: string, off: number): string {
  return `${base}^{${v}${off === 0 ? "" : off > 0 ? `+${off}` : off}}`;
}

/** The name with its layer number moved by k (w^{l} → w^{l+1}); names without a layer tag stay. */
export function shiftName(name: string, k: number): string {
  const t = splitTag(name);
  return t ? tagged(t.base, t.v, t.off + k) : name;
}

function shiftKeys<V>(m: ReadonlyMap<string, V>, k: number): Map<string, V> {
  return new Map([...m].map(([key, v]) => [shiftName(key, k), v]));
}

/** A superscript that is a word of three letters or more (^{flip}, ^{pad}, ^{(rot)}): a label, not a layer's tag. */
const WORD_TAG = /^\^\{[([]?[A-Za-z]{3,}[)\]]?\}$/;

/** What a document's names and operators mean; immutable updates (with* return a copy). */
export class Notation {
  private constructor(private readonly st: NotationState) {}

  static defaults(): Notation {
    return new Notation(EMPTY);
  }

  private with(patch: Partial<NotationState>): Notation {
    return new Notation({ ...this.st, ...patch });
  }

  get names(): ReadonlyMap<string, Role> {
    return this.st.names;
  }
  get ops(): ReadonlyMap<string, ConvSpec & { op: Op }> {
    return this.st.ops;
  }
  get ambiguousOps(): ReadonlyMap<string, string> {
    return this.st.ambiguousOps;
  }
  get sizes(): ReadonlyMap<string, number> {
    return this.st.sizes;
  }
  get sizeKinds(): ReadonlyMap<string, SizeKind> {
    return this.st.sizeKinds;
  }
  get learned(): readonly Learned[] {
    return this.st.learned;
  }
  get gradPatterns(): ReadonlyMap<string, string> {
    return this.st.gradPatterns;
  }
  get actPatterns(): ReadonlyMap<string, string> {
    return this.st.actPatterns;
  }
  get layouts(): ReadonlyMap<string, readonly number[]> {
    return this.st.layouts;
  }

  /** Is anything beyond convgrad's defaults known? */
  get custom(): boolean {
    return this.st.names.size > 0 || this.st.ops.size > 0 || this.st.entryNames.size > 0;
  }

  get gradientLayout(): { readonly layout: "numerator" | "both"; readonly said: string } | null {
    return this.st.gradientLayout;
  }

  /** The same notation reading whole gradient matrices ∂J/∂W in the layout the document states. */
  withGradientLayout(layout: "numerator" | "both", said: string): Notation {
    return this.with({ gradientLayout: { layout, said } });
  }

  get padded(): ReadonlySet<string> {
    return this.st.padded;
  }

  /** The same notation reading name as the input padded as the layer pads it (src/verify/padded.ts). */
  withPadded(name: string): Notation {
    return this.with({ padded: new Set([...this.st.padded, name]) });
  }

  get entryNames(): ReadonlyMap<string, { readonly role: Role; readonly values: readonly number[] }> {
    return this.st.entryNames;
  }

  /** The same notation reading the bare name as the tensor's entry at values (as written, from the index base). */
  withEntryName(name: string, role: Role, values: readonly number[]): Notation {
    return this.with({ entryNames: new Map(this.st.entryNames).set(name, { role, values }) });
  }

  /**
   * The same notation with every layer number moved by k: a source that derives the backward pass
   * for layer l+1 after stating the forward pass for layer l (x^l → x^{l+1}) names the same layer.
   */
  shifted(k: number): Notation {
    return this.with({
      names: shiftKeys(this.st.names, k),
      layouts: shiftKeys(this.st.layouts, k),
      offsets: shiftKeys(this.st.offsets, k),
      exprOffsets: shiftKeys(this.st.exprOffsets, k),
    });
  }

  role(name: string): Role | undefined {
    const r = this.st.names.get(name);
    if (r) return r;
    for (const [k, role] of DEFAULTS)
      if (k === name && !this.st.declared.has(role) && !this.otherwiseUsed(k, role)) return role;
    // x^{t} where o^{t} = f(x^{t}) and o^{t} is the input: the input's pre-activation
    const t = splitTag(name);
    if (t) {
      for (const [o, x] of this.st.actPatterns)
        if (x === t.base && this.st.names.get(tagged(o, t.v, t.off)) === "X") return "Z";
      // o^{t} where o^{t} = f(x^{t}) and x^{t} is the output: the output's activation
      for (const [o, x] of this.st.actPatterns)
        if (o === t.base && this.st.names.get(tagged(x, t.v, t.off)) === "Y") return "A";
    }
    return undefined;
  }

  /**
   * Does the document use a default name's letter for another role (x^{l} as the output, where a
   * bare x would be the input)? Then the bare default is not read.
   */
  private otherwiseUsed(name: string, role: Role): boolean {
    for (const [k, r] of this.st.names) if (r !== role && k.replace(/\^.*$/, "") === name) return true;
    return false;
  }

  withName(name: string, role: Role, why: Learned | null = null, bothCases = true): Notation {
    const names = new Map(this.st.names);
    names.set(name, role);
    // x^{l} for entries, X^{l} for the matrix: one letter, both cases (not for a name only the words give: its
    // other case may be an index, Drusany's I and i)
    const m = bothCases ? /^([A-Za-z])(\^.*)?$/.exec(name) : null;
    if (m) {
      const other = (m[1] === m[1]!.toLowerCase() ? m[1].toUpperCase() : m[1]!.toLowerCase()) + (m[2] ?? "");
      if (!names.has(other) && role !== "J" && role !== "b") names.set(other, role);
    }
    return this.with({ names, learned: why ? [...this.st.learned, why] : this.st.learned });
  }

  /** A name the user declared (--roles W=k): the role's default names (w, W) are not read any more. */
  declare(name: string, role: Role, why: Learned): Notation {
    const n = this.withName(name, role, why);
    return n.with({ declared: new Set([...this.st.declared, role]) });
  }

  withOp(sym: string, spec: ConvSpec & { op: Op }, why: Learned | null = null): Notation {
    return this.with({
      ops: new Map(this.st.ops).set(sym, spec),
      learned: why ? [...this.st.learned, why] : this.st.learned,
    });
  }

  get misread(): ReadonlyMap<string, string> {
    return this.st.misread;
  }

  /** convgrad's letter (x, X) the document uses for something else: formulas that use it are not read. */
  withMisread(letter: string, why: string): Notation {
    return this.with({ misread: new Map(this.st.misread).set(letter, why) });
  }

  /** An operator the document defines two different ways: formulas that use it are not read. */
  withAmbiguousOp(sym: string, why: string): Notation {
    return this.with({ ambiguousOps: new Map(this.st.ambiguousOps).set(sym, why) });
  }

  /** A size name's value; `kind`: the text says it is the input's, output's or kernel's size. */
  withSize(name: string, v: number, kind?: SizeKind): Notation {
    return this.with({
      sizes: new Map(this.st.sizes).set(name, v),
      ...(kind ? { sizeKinds: new Map(this.st.sizeKinds).set(name, kind) } : {}),
    });
  }

  withLayout(name: string, perm: readonly number[] | undefined): Notation {
    if (!perm || perm.every((p, k) => p === k)) return this;
    return this.with({ layouts: new Map(this.st.layouts).set(name, perm) });
  }

  withOffset(name: string, off: readonly number[] | undefined): Notation {
    if (!off || off.every((o) => o === 0)) return this;
    return this.with({ offsets: new Map(this.st.offsets).set(name, off) });
  }

  /** The name's entries in index notation (not its numbered ones) start at the layer's base plus off. */
  withExprOffset(name: string, off: readonly number[]): Notation {
    return this.with({ exprOffsets: new Map(this.st.exprOffsets).set(name, off) });
  }

  get exprOffsets(): ReadonlyMap<string, readonly number[]> {
    return this.st.exprOffsets;
  }

  /** The name's indices from where the layer's start again. */
  withoutOffset(name: string): Notation {
    if (!this.st.offsets.has(name)) return this;
    const offsets = new Map(this.st.offsets);
    offsets.delete(name);
    return this.with({ offsets });
  }

  get kronecker(): string | null {
    return this.st.kronecker;
  }

  /** The same notation reading δ_{a,b} as the Kronecker delta [a = b], for the reason given. */
  withKronecker(why: string): Notation {
    return this.with({ kronecker: why });
  }

  get readings(): ReadonlyMap<string, string> {
    return this.st.readings;
  }

  /** The same notation saying how it reads a name (the report adds it to each formula that uses the name). */
  withReading(name: string, what: string): Notation {
    return this.with({ readings: new Map(this.st.readings).set(name, what) });
  }

  get offsets(): ReadonlyMap<string, readonly number[]> {
    return this.st.offsets;
  }

  /**
   * How a name's written indices map to the layer's: its own index order and origin, else those of
   * the tensor a gradient name differentiates (δ^{l+1} like z^{l+1}).
   */
  axesOf(name: string, depth = 0): { perm?: readonly number[]; off?: readonly number[] } {
    const own = { perm: this.st.layouts.get(name), off: this.st.offsets.get(name) };
    if (own.perm || own.off) return own;
    const t = splitTag(name);
    if (!t || depth > 3) return own;
    // δ^{l} like z^{l} (δ = ∂E/∂z); x^{l} like o^{l} where o = f(x) (the activation keeps the layout), and o^{l}
    // like x^{l} where x^{l} is the output (o its activation)
    const of = this.st.gradPatterns.get(t.base);
    const outputOf = this.st.actPatterns.get(t.base);
    const target =
      of !== undefined
        ? tagged(of, t.v, t.off)
        : ([...this.st.actPatterns].find(([, x]) => x === t.base)?.[0] ??
          (outputOf !== undefined && this.st.names.get(tagged(outputOf, t.v, t.off)) === "Y" ? outputOf : undefined));
    if (target === undefined) return own;
    const key = of !== undefined ? target : tagged(target, t.v, t.off);
    const axes = { perm: this.st.layouts.get(key), off: this.st.offsets.get(key) };
    return axes.perm || axes.off ? axes : this.axesOf(key === name ? "" : key, depth + 1);
  }

  /** A gradient name defined with a layer tag (δ^{l} = ∂E/∂z^{l}) names the same for other tags. */
  withGradPattern(gradBase: string, ofBase: string): Notation {
    return this.with({ gradPatterns: new Map(this.st.gradPatterns).set(gradBase, ofBase) });
  }

  /** o^{l} = f(x^{l}): for every layer, o is the activation of x. */
  withActPattern(outBase: string, inBase: string): Notation {
    return this.with({ actPatterns: new Map(this.st.actPatterns).set(outBase, inBase) });
  }

  note(why: Learned): Notation {
    return this.with({ learned: [...this.st.learned, why] });
  }

  /**
   * The same notation with names written with and without their layer tag read alike: Dahal's Z^{l}
   * (the forward pass) and ∂C/∂Z_{(i−a)(j−b)}, W (the forward pass) and ∂C/∂W^{l}_{ab}, b^{l} for the
   * layer's bias. A used name without a role gets the role, index order and origin of the one learned
   * name that differs from it only by a layer tag, when the document writes that letter with no other
   * tag (z^{(l)} beside z^{(l+1)} leaves a bare z unread).
   */
  withTagAliases(used: ReadonlySet<string>): Notation {
    const letter = (n: string) => n.replace(/\^\{.*\}$/, "");
    const tagOf = (n: string) => (n === letter(n) ? "" : n.slice(letter(n).length));
    // a document about several layers of one letter (x^{l} and x^{l+1}) is read by its shifted notations
    const tagsOf = new Map<string, Set<string>>();
    for (const n of used) if (tagOf(n)) tagsOf.set(letter(n), (tagsOf.get(letter(n)) ?? new Set()).add(tagOf(n)));
    const several = [...tagsOf.values()].some((t) => t.size > 1);
    const found: { u: string; role: Role; target: string | null; what: string }[] = [];
    for (const u of several ? [] : [...used].sort()) {
      if (this.role(u) !== undefined) continue;
      // K^{flip}, x^{pad}: a word above the name names another tensor made from it (master-g's flipped kernel)
      if (WORD_TAG.test(tagOf(u))) continue;
      const base = letter(u);
      const tags = new Set([...used].filter((n) => letter(n) === base).map(tagOf));
      const learned = [...this.st.names.keys()].filter((n) => letter(n) === base && n !== u);
      // every tag of the letter in the document is u's or the learned name's (one layer of it in all)
      if (learned.length !== 1 || [...tags].some((t) => t !== tagOf(u) && t !== tagOf(learned[0]!))) continue;
      const target = learned[0]!;
      // one of the two is written without a tag: Z and Z^{l}, never Z^{l} and Z^{l+1}
      if ((tagOf(u) === "") === (tagOf(target) === "")) continue;
      const what = `${u} is read as ${target} (the document writes ${base} for one layer only)`;
      found.push({ u, role: this.st.names.get(target)!, target, what });
    }
    // b^{l}: the layer's bias, when the layer has one under convgrad's name b and its output is tagged l; and
    // w^{l}, W^{l}: its kernel, named w untagged (Jermmy's z = z^{l}, with w_{11} … in his example) — one layer's
    // tag, read in a document about several layers too
    const output = [...this.st.names].flatMap(([n, r]) => (r === "Y" ? [splitTag(n)] : []));
    for (const u of [...used].sort()) {
      const t = splitTag(u);
      if (!t || this.role(u) !== undefined || found.some((f) => f.u === u)) continue;
      if (!output.some((o) => o?.v === t.v && o.off === t.off)) continue;
      const role = this.role(t.base);
      if (t.base === "b" && role === "b")
        found.push({
          u,
          role,
          target: null,
          what: `${u} is read as the layer's bias b (its output has the same layer tag)`,
        });
      // (a kernel the document named itself, with the index order it showed: convgrad's default w has its own)
      else if (role === "W" && this.st.names.get(t.base) === "W")
        found.push({
          u,
          role,
          target: t.base,
          what: `${u} is read as the layer's kernel ${t.base} (its output has the same layer tag)`,
        });
    }
    return found.reduce<Notation>((n, f) => {
      const axes = f.target === null ? {} : this.axesOf(f.target);
      return n
        .withName(f.u, f.role, { what: f.what, line: null })
        .withLayout(f.u, axes.perm)
        .withOffset(f.u, axes.off)
        .withReading(f.u, f.what);
    }, this);
  }

  /** "X = o^{l-1} (input), W = w^{l} (kernel)" */
  describe(): string {
    return [...this.st.names].map(([n, r]) => `${roleLetter(r)} = ${n} (${ROLE_WORDS[r]})`).join(", ");
  }
}

/** How a role is written in messages: X, ΔW, loss. */
export function roleLetter(r: Role): string {
  return r === "J" ? "loss" : r.startsWith("d") ? `Δ${r.slice(1)}` : r;
}

/** The role of a name as written, with `d` / `\delta` / `\Delta` prefixes read as gradients (dZ). */
export function roleOf(n: Notation, name: string, grad: boolean): Role | undefined {
  let r = n.role(name);
  if (!r && !grad) {
    // δ^{l-1} where the document defined δ^{l} = ∂E/∂z^{l}: the gradient of z^{l-1}
    // (and δ_{11} where z_{11} is a plain-named example of the same tensor)
    const m = /^(.*?)\^\{(.*)\}$/.exec(name);
    const of = n.gradPatterns.get(m ? m[1]! : name);
    if (of !== undefined) {
      const inner = n.role(m ? `${of}^{${m[2]}}` : of);
      if (inner && GRAD[inner]) return GRAD[inner];
    }
  }
  if (!r) {
    // b^{(l)}_n where the forward pass adds an untagged b_n to its kernel W^{(l)} (Scthe): the bias of layer l
    const m = /^(.*?)\^\{(.*)\}$/.exec(name);
    if (m && n.role(m[1]!) === "b" && [...n.names].some(([k, v]) => v === "W" && k.endsWith(`^{${m[2]}}`)))
      return grad ? GRAD.b : "b";
  }
  if (!r && !grad && /^d[A-Za-z]/.test(name)) {
    const inner = n.role(name.slice(1));
    if (inner && GRAD[inner]) return GRAD[inner];
  }
  if (!r) return undefined;
  if (grad) {
    r = GRAD[r];
    if (!r) return undefined;
  }
  return r;
}

/** An index list in convgrad's layout order. */
function permuted(index: Index | null, perm: readonly number[] | undefined): Index | null {
  if (!index || !perm) return index;
  const written = perm.filter((k) => k >= 0).length;
  if (index.kind === "num")
    return index.values.length === written
      ? { kind: "num", values: perm.map((k) => (k >= 0 ? index.values[k]! : fillValue(k))) }
      : index;
  if (index.items.length !== written) return index;
  const items = perm.map((k): IExpr => (k >= 0 ? index.items[k]! : { k: "n", v: fillValue(k) }));
  return { kind: "expr", items, text: index.text };
}

/**
 * A layout's entry for an axis the name does not write (a channel axis of size 1 left out): the index it
 * always has there, the layer's first (0 or 1), encoded below 0 (−1 for 0, −2 for 1).
 */
export const filled = (base: number): number => -1 - base;
const fillValue = (k: number): number => -1 - k;

/** An index moved to the layer's origin: the source's x is the layer's x − off. */
function shiftedIndex(index: Index | null, off: readonly number[] | undefined): Index | null {
  if (!index || !off) return index;
  if (index.kind === "num")
    return index.values.length === off.length
      ? { kind: "num", values: index.values.map((v, k) => v - off[k]!) }
      : index;
  if (index.items.length !== off.length) return index;
  return {
    kind: "expr",
    items: index.items.map((e, k) => (off[k] ? { k: "sub", a: e, b: { k: "n", v: off[k] }, shift: true } : e)),
    text: index.text,
  };
}

/** An index-notation index shifted by its name's expression-only offset (a kernel's offsets from 0). */
function exprShifted(index: Index | null, notation: Notation, name: string): Index | null {
  const off = notation.exprOffsets.get(name);
  return index?.kind === "expr" && off ? shiftedIndex(index, off) : index;
}

/** The engine's node for a role: an entry (with its index) or a whole matrix. */
function roleNode(role: Role, index: Extract<Node, { k: "entry" }>["index"]): Node | null {
  const grad = role.startsWith("d") && role !== "dZ" ? true : role === "dZ";
  const plain = (grad ? role.slice(1) : role) as "X" | "W" | "Y" | "b" | "Z" | "A";
  if (role === "J") return null;
  const base = BASE[plain];
  if (index || plain === "b" || plain === "Z" || plain === "A") return { k: "entry", base, grad, index };
  return { k: "matrix", base: plain, grad };
}

/**
 * Rewrites names to the layer's tensors. Canonical nodes (x_{22}, ΔX) go through the notation too,
 * so that a document which renamed the input does not have its bare x read as the input.
 */
export function resolve(n: Node, notation: Notation): Node {
  const r = (m: Node): Node => resolve(m, notation);
  switch (n.k) {
    case "ref": {
      // x^{pad} whole is pad(X); its gradient is not the input's (it differs in the border): not read
      if (notation.padded.has(n.name) && (n.grad || !n.index))
        return n.grad ? n : { k: "pad", arg: { k: "matrix", base: "X", grad: false }, p: null };
      const one = n.index || n.grad ? undefined : notation.entryNames.get(n.name);
      if (one) return roleNode(one.role, { kind: "num", values: [...one.values] }) ?? n;
      const role = roleOf(notation, n.name, n.grad);
      if (!role) return notation.kronecker !== null && isDeltaPair(n) ? kroneckerNode(n) : n;
      const axes = notation.axesOf(n.name);
      const out = roleNode(role, exprShifted(shiftedIndex(permuted(n.index, axes.perm), axes.off), notation, n.name));
      return out?.k === "entry" ? { ...out, name: n.name } : (out ?? n);
    }
    case "entry": {
      if (!notation.custom) return n;
      const one = n.index || n.grad ? undefined : notation.entryNames.get(n.base);
      if (one) return roleNode(one.role, { kind: "num", values: [...one.values] }) ?? n;
      if (n.base === "z") return n;
      const role = roleOf(notation, n.base, n.grad);
      const axes = notation.axesOf(n.base);
      const out = role
        ? roleNode(role, exprShifted(shiftedIndex(permuted(n.index, axes.perm), axes.off), notation, n.base))
        : null;
      return out ?? { k: "ref", name: n.base, grad: n.grad, index: n.index };
    }
    case "matrix": {
      if (!notation.custom) return n;
      const role = roleOf(notation, n.base, n.grad);
      const out = role ? roleNode(role, null) : null;
      return out ?? { k: "ref", name: n.base, grad: n.grad, index: null };
    }
    case "partial": {
      let of: Node | "J" = n.of;
      if (of !== "J") {
        // the loss as numerator: ∂E/∂w, ∂\mathcal{L}/∂W
        if (of.k === "ref" && !of.index && !of.grad && notation.role(of.name) === "J") of = "J";
        else of = r(of);
      }
      const by = n.wrt.k === "ref" ? n.wrt.name : n.wrt.k === "entry" ? n.wrt.base : null;
      const out: Node = { k: "partial", of, wrt: by !== null && notation.padded.has(by) ? n.wrt : r(n.wrt) };
      // ∂J/∂W in the numerator layout: the transpose of ΔW
      const whole = of === "J" && out.wrt.k === "matrix" && !out.wrt.grad;
      return whole && notation.gradientLayout?.layout === "numerator" ? { k: "transpose", arg: out } : out;
    }
    case "bin": {
      // long chains: rebuild the left spine iteratively
      const spine: Extract<Node, { k: "bin" }>[] = [];
      let cur: Node = n;
      while (cur.k === "bin") {
        spine.push(cur);
        cur = cur.left;
      }
      let acc = r(cur);
      for (let i = spine.length - 1; i >= 0; i--) {
        const b = spine[i]!;
        const key = opSymbol(b.conv);
        const conv = key ? (notation.ops.get(key) ?? b.conv) : b.conv;
        const right = r(b.right);
        acc =
          conv && key && notation.ops.has(key) ? withDefined(acc, b, conv, right) : { ...b, conv, left: acc, right };
      }
      return acc;
    }
    default:
      // every other node: its sub-formulas resolved, itself unchanged
      return mapChildren(n, r);
  }
}

/** A use of a document-defined operator: its meaning, with the operands exchanged when defined so. */
function withDefined(left: Node, b: Extract<Node, { k: "bin" }>, conv: ConvSpec, right: Node): Node {
  const spec: ConvSpec = {
    op: conv.op,
    mode: conv.mode,
    explicitMode: true,
    defined: true,
    ...(opSymbol(b.conv) ? { sym: opSymbol(b.conv)! } : {}),
  };
  return conv.swap
    ? { k: "convfn", conv: { ...spec, op: conv.op ?? "conv" }, a: right, b: left }
    : { ...b, conv: spec, left, right };
}
