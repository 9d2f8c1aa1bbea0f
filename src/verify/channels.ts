/**
 * Entries written with their spatial indices only on a layer with channels: Straka's vectorised
 * ⇶R_{i,j} = →b + Σ_m Σ_n ⇶I_{i+m,j+n} ⇶K_{m,n}, where ⇶I_{i+m,j+n} is a vector over the input
 * channels, ⇶K_{m,n} a C_in × C_out matrix and →b a vector over the output channels. Each such entry
 * gets its channel (and batch) axes back, named by their role: an axis the left side has takes the
 * left side's index there (written or, when the left side is short too, a free one); an axis it has
 * not is summed where its uses meet (Σ_c ⇶I_{…,c} ⇶K_{…,c,o}: the matrix-vector product). Transposes
 * of such entries ((⇶G_{i,j})^T) only say how the vectors line up, and go. Nothing else changes.
 */
import type { Derivation } from "../derive.js";
import { children, findNode, indexedNames, mapChildren, type Index, type Node } from "../lang/ast.js";
import { indexNames, printIndex, type IExpr } from "../lang/indexexpr.js";
import { occurs } from "./ranges.js";

type Axis = "n" | "c" | "o";

/** The leading (batch, channel) axes of an entry's tensor, in convgrad's layout; [] for the spatial-only ones. */
function leadAxes(n: Extract<Node, { k: "entry" }>, batched: boolean): Axis[] {
  if (n.base === "b") return ["o"];
  if (n.base === "w") return ["o", "c"];
  const ch: Axis = n.base === "y" ? "o" : "c";
  return batched ? ["n", ch] : [ch];
}

const itemsOf = (i: Index | null): IExpr[] | null =>
  !i ? [] : i.kind === "expr" ? [...i.items] : i.values.map((v) => ({ k: "n", v }));

type Entry = Extract<Node, { k: "entry" }>;

function isShort(n: Node, spatial: number, batched: boolean): boolean {
  if (n.k !== "entry" || n.base === "z") return false;
  const items = itemsOf(n.index);
  return items !== null && items.length === (n.base === "b" ? 0 : spatial) && leadAxes(n, batched).length > 0;
}

/** The sides with short entries completed, or null when there is none (or the layer has no channels). */
export function implicitChannels(d: Derivation, sides: readonly Node[], ref: number): Node[] | null {
  const c = d.config;
  if (!c.hasChannels) return null;
  const spatial = c.input.length;
  const batched = c.batch !== null;
  // W_{o,c} with as many indices as there are spatial axes may also be the feature map of channels (o, c):
  // read entries as vectors only when one of them cannot be a feature map (I_{i+m,j+n} with one channel axis)
  if (!sides.some((s) => hasShort(s, spatial, batched, true))) return null;
  // (names used anywhere in an index or a sum's binders, so the hidden ones do not collide)
  const used = indexedNames(sides, true);
  const fresh = (base: string): string => {
    let name = base;
    while (used.has(name)) name += "'";
    used.add(name);
    return name;
  };
  // the left side's index at each role: written (a full entry) or hidden (a short one)
  const lhs = sides[ref]!;
  const target = lhs.k === "partial" && lhs.of === "J" ? lhs.wrt : lhs;
  const roles = new Map<Axis, IExpr>();
  if (target.k === "entry") {
    const axes = leadAxes(target, batched);
    const items = itemsOf(target.index) ?? [];
    if (isShort(target, spatial, batched)) for (const a of axes) roles.set(a, { k: "v", name: fresh(a) });
    else if (items.length === axes.length + (target.base === "b" ? 0 : spatial))
      axes.forEach((a, k) => roles.set(a, items[k]!));
  }
  const contracted = new Map<Axis, string>();
  // Gabler's ∂L/∂b_f = Σ_i δy_{i,f}: the left side's channel index f written among an entry's own indices — read
  // with f on its channel axis too, f would do two jobs; the entry is not spatial-only, and nothing is read
  let clash = false;
  const complete = (n: Entry): Node => {
    const own = new Set<string>();
    for (const e of itemsOf(n.index) ?? []) indexNames(e, own);
    const lead = leadAxes(n, batched).map((a): IExpr => {
      const r = roles.get(a);
      if (r) {
        if ([...indexNames(r)].some((v) => own.has(v))) clash = true;
        return r;
      }
      if (!contracted.has(a)) contracted.set(a, fresh(a));
      return { k: "v", name: contracted.get(a)! };
    });
    const items = [...lead, ...(itemsOf(n.index) ?? [])];
    return { ...n, index: { kind: "expr", items, text: items.map(printIndex).join(",") } };
  };
  const walk = (n: Node): Node => {
    if (n.k === "transpose" && isShort(n.arg, spatial, batched)) return complete(n.arg as Entry);
    if (isShort(n, spatial, batched)) return complete(n as Entry);
    return mapChildren(n, walk);
  };
  let out = sides.map((s, i) =>
    i === ref && target === lhs && target.k === "entry" && isShort(target, spatial, batched)
      ? complete(target)
      : walk(s),
  );
  if (lhs.k === "partial" && lhs.wrt === target && target.k === "entry" && isShort(target, spatial, batched))
    out[ref] = { ...lhs, wrt: complete(target) };
  if (clash) return null;
  // every contracted axis summed over where its uses meet (the smallest subtree holding them all)
  for (const name of contracted.values()) out = out.map((s) => sumWhereUsed(s, name));
  return out;
}

function hasShort(n: Node, spatial: number, batched: boolean, unambiguous: boolean): boolean {
  const short = (m: Node) =>
    isShort(m, spatial, batched) && !(unambiguous && m.k === "entry" && leadAxes(m, batched).length === spatial);
  return findNode([n], short) !== null;
}

/** Σ_{name} around the smallest subtree of n that holds every use of name (n itself when several children do). */
function sumWhereUsed(n: Node, name: string): Node {
  if (!occurs(n, name)) return n;
  const holding = children(n).filter((ch) => occurs(ch, name));
  // a sum of terms: each term that uses it gets its own sum (→b + Σ_c … is not Σ_c (→b + …))
  const additive = n.k === "bin" && (n.op === "+" || n.op === "-");
  if ((holding.length === 1 || additive) && n.k !== "entry" && n.k !== "ref" && n.k !== "at")
    return mapChildren(n, (ch) => (occurs(ch, name) ? sumWhereUsed(ch, name) : ch));
  return { k: "sumover", sum: { binders: [{ name, lo: null, hi: null }], conds: [], text: name }, arg: n };
}

/**
 * The other way round, on a layer without channels: Jefkine's and yizt's
 * (I ∗ K)_{ij} = Σ_m Σ_n Σ_{c=1}^{C} K_{m,n,c} I_{i+m,j+n,c} + b read on a one-channel layer is the
 * sum's one term. A sum variable used only as a whole index of entries that have one index more than
 * their tensor's axes (never in arithmetic, never in a condition) is that channel: the index goes, and
 * the sum with it. Null when there is none.
 */
export function singleChannel(d: Derivation, sides: readonly Node[]): Node[] | null {
  if (d.config.hasChannels) return null;
  const spatial = d.config.input.length;
  // per sum variable: is every use of it a whole index of an entry with one index too many?
  const channelOnly = new Map<string, boolean>();
  const note = (name: string, ok: boolean) => channelOnly.set(name, (channelOnly.get(name) ?? true) && ok);
  // a name is a whole index when it is the index itself, not a term of one
  const visitE = (e: IExpr, whole: boolean): void => {
    if (e.k === "v") note(e.name, whole);
    else for (const name of indexNames(e)) note(name, false);
  };
  const bound = new Set<string>();
  const stack = [...sides];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.k === "sumover") {
      for (const b of n.sum.binders) {
        bound.add(b.name);
        if (b.lo) visitE(b.lo, false);
        if (b.hi) visitE(b.hi, false);
      }
      for (const c of n.sum.conds) {
        visitE(c.a, false);
        visitE(c.b, false);
      }
    }
    if ((n.k === "entry" || n.k === "ref" || n.k === "at") && n.index?.kind === "expr") {
      const extra = n.k === "entry" && n.base !== "b" && n.index.items.length === spatial + 1;
      for (const e of n.index.items) visitE(e, extra);
    }
    stack.push(...children(n));
  }
  const channels = new Set([...bound].filter((v) => channelOnly.get(v) === true));
  if (channels.size === 0) return null;
  const isChannel = (e: IExpr) => e.k === "v" && channels.has(e.name);
  return dropChannel(sides, channels, (n) => {
    if (
      n.k !== "entry" ||
      n.index?.kind !== "expr" ||
      n.index.items.length !== spatial + 1 ||
      n.index.items.filter(isChannel).length !== 1
    )
      return null;
    const items = n.index.items.filter((e) => !isChannel(e));
    return { ...n, index: { kind: "expr", items, text: items.map(printIndex).join(",") } };
  });
}

/**
 * Channel indices written in the layer superscript, on a layer without channels: 邱锡鹏's
 * Z^{(l,p)} = Σ_{d=1}^{D} W^{(l,p,d)} ⊗ X^{(l-1,d)} + b^{(l,p)} is, with one channel,
 * Z^{(l)} = W^{(l)} ⊗ X^{(l-1)} + b^{(l)}.
 * A superscript's parts besides the layer (l, l-1, l+1, L) that are single letters used nowhere else
 * but in such superscripts and as sum variables are channel indices, or a sample's before the layer
 * (劉建平's a^{i,l}): they go, and the sums over them. Returns the rewritten sides and the letters
 * (channels', samples'), or null.
 */
export function taggedChannels(sides: readonly Node[]): { sides: Node[]; letters: string[]; samples: string[] } | null {
  const TAG = /^(.+)\^\{([^{}]+)\}$/;
  const split = (name: string): { base: string; layer: string; extra: string[]; first: string[] } | null => {
    const m = TAG.exec(name);
    if (!m) return null;
    const parts = m[2]!.split(",").map((p) => p.trim());
    // the layer first (W^{(l,p,d)}), or after a sample's index (劉建平's a^{i,l}, δ^{i,l+1})
    const at = parts.findIndex((p) => /^[lL]([+-]\d+)?$/.test(p));
    if (parts.length < 2 || at < 0) return null;
    const extra = parts.filter((_p, k) => k !== at);
    return extra.every((p) => /^[a-z]$/.test(p) && p !== "l")
      ? { base: m[1]!, layer: parts[at]!, extra, first: parts.slice(0, at) }
      : null;
  };
  const letters = new Set<string>();
  const samples = new Set<string>();
  const used = new Set<string>();
  const inE = (e: IExpr): void => void indexNames(e, used);
  const stack = [...sides];
  // ∂\mathcal{L}_i/∂…: the loss of sample i, when i is a sample's index in the superscripts (Schulz)
  const sampleLoss = (n: Node): string | null =>
    n.k === "partial" &&
    n.of !== "J" &&
    n.of.k === "ref" &&
    /^(?:\\mathcal\{[LEJ]\}|[LEJC]|\\ell)$/.test(n.of.name) &&
    n.of.index?.kind === "expr" &&
    n.of.index.items.length === 1 &&
    n.of.index.items[0]!.k === "v"
      ? n.of.index.items[0].name
      : null;
  const lossLetters = new Set<string>();
  while (stack.length) {
    const n = stack.pop()!;
    const loss = sampleLoss(n);
    if (loss !== null && n.k === "partial" && n.of !== "J") {
      lossLetters.add(loss);
      stack.push(n.wrt);
      continue;
    }
    if (n.k === "ref") {
      const t = split(n.name);
      t?.extra.forEach((x) => letters.add(x));
      t?.first.forEach((x) => samples.add(x));
    }
    if ((n.k === "entry" || n.k === "ref" || n.k === "at") && n.index?.kind === "expr") n.index.items.forEach(inE);
    if (n.k === "sumover") for (const c of n.sum.conds) [c.a, c.b].forEach(inE);
    stack.push(...children(n));
  }
  const channel = [...letters].filter((x) => !used.has(x)).sort();
  if (channel.length === 0 || channel.length !== letters.size) return null;
  // (a loss subscripted by anything but a sample's index is left as it is: not the loss, read as written)
  if ([...lossLetters].some((x) => !samples.has(x))) return null;
  const rewritten = dropChannel(sides, letters, (n) => {
    if (sampleLoss(n) !== null && n.k === "partial" && n.of !== "J" && n.of.k === "ref")
      return { ...n, of: { ...n.of, index: null }, wrt: dropChannel([n.wrt], letters, rename)[0]! };
    return rename(n);
  });
  return {
    sides: rewritten,
    letters: channel.filter((x) => !samples.has(x)),
    samples: channel.filter((x) => samples.has(x)),
  };
  function rename(n: Node): Node | null {
    if (n.k !== "ref") return null;
    const s = split(n.name);
    return s ? { ...n, name: `${s.base}^{${s.layer}}` } : n;
  }
}

/**
 * The one channel's reading of a formula: `leaf` rewrites the nodes that name a channel (null: not
 * one of them), and every sum over a channel letter goes (its one term stays).
 */
function dropChannel(sides: readonly Node[], letters: ReadonlySet<string>, leaf: (n: Node) => Node | null): Node[] {
  const walk = (n: Node): Node => {
    const own = leaf(n);
    if (own) return own;
    if (n.k === "sumover" && n.sum.binders.some((b) => letters.has(b.name))) {
      const binders = n.sum.binders.filter((b) => !letters.has(b.name));
      const arg = walk(n.arg);
      return binders.length === 0 ? arg : { ...n, sum: { ...n.sum, binders }, arg };
    }
    return mapChildren(n, walk);
  };
  return sides.map(walk);
}

/**
 * Channel indices written in the layer superscript, on a layer with channels: Shah's
 * z^{l}_{i,j,m} = Σ_{a,b,c} w^{l,m}_{a,b,c} a^{l-1}_{(i+a),(j+b),c} + b^{l,m} names the filter m's entries
 * w^{l}_{m,a,b,c} and its bias b^{l}_{m}. A superscript's parts after the layer (l, l±1, L) that are single
 * letters go before the subscript's indices; the index order is then learned as any other. Returns the
 * rewritten sides and the letters, or null.
 */
export function superscriptIndices(sides: readonly Node[]): { sides: Node[]; letters: string[] } | null {
  return superscriptToIndex(sides, (name) => {
    const m = /^(.+)\^\{([^{}]+)\}$/.exec(name);
    const parts = m ? m[2]!.split(",").map((p) => p.trim()) : [];
    if (parts.length < 2 || !/^[lL]([+-]\d+)?$/.test(parts[0]!)) return null;
    const extra = parts.slice(1);
    if (!extra.every((p) => /^[a-z]$/.test(p) && p !== "l")) return null;
    return { name: `${m![1]!}^{${parts[0]!}}`, first: extra };
  });
}

/**
 * A sample's index in the superscript, on a layer with a batch: Rathi's Z^{(m_i)}_{i,j,k} and X^{(m_i)}_{i+a,j+b,c}
 * (the example m_i of a batch) are Z_{m_i,i,j,k} and X_{m_i,i+a,j+b,c}: the letter with a letter below it, in
 * parentheses, goes before the subscript's indices. Returns the rewritten sides and the names, or null.
 */
export function sampleSuperscripts(sides: readonly Node[]): { sides: Node[]; letters: string[] } | null {
  return superscriptToIndex(sides, (name, indexed) => {
    const m = indexed ? /^(.+)\^\{([a-z]_[a-z])\}$/.exec(name) : null;
    return m ? { name: m[1]!, first: [m[2]!] } : null;
  });
}

/**
 * An output channel written as a superscript in parentheses, on a layer with channels: ZangXuanyi's
 * Y_{c,i,j} = Σ_{c',u,v} W^{(c)}_{c',u,v} X_{c',i+u,j+v} + b^{(c)} names the kernel's entries W_{c,c',u,v} and the bias
 * b_{c}. Only a single letter (not l or L, a layer's) that the same equation uses as an index elsewhere (Y_{c,i,j}):
 * Petit's ω^{(k)} numbers a layer. Returns the rewritten sides and the letters, or null.
 */
export function channelSuperscripts(sides: readonly Node[]): { sides: Node[]; letters: string[] } | null {
  const used = indexedNames(sides, false);
  return superscriptToIndex(sides, (name) => {
    const m = /^(.+)\^\{([a-km-z])\}$/.exec(name);
    return m && used.has(m[2]!) ? { name: m[1]!, first: [m[2]!] } : null;
  });
}

/**
 * The sides with each name whose superscript `move` reads as index letters renamed and those letters put
 * before its subscript's indices (a name without indices gets them as its only ones); the letters, or null.
 */
function superscriptToIndex(
  sides: readonly Node[],
  move: (name: string, indexed: boolean) => { name: string; first: string[] } | null,
): { sides: Node[]; letters: string[] } | null {
  const letters = new Set<string>();
  const walk = (n: Node): Node => {
    const s = n.k === "ref" && n.index?.kind !== "num" ? move(n.name, n.index !== null) : null;
    if (n.k === "ref" && s && n.index?.kind !== "num") {
      s.first.forEach((x) => letters.add(x));
      const items: IExpr[] = [...s.first.map((name) => ({ k: "v" as const, name })), ...(n.index?.items ?? [])];
      return { ...n, name: s.name, index: { kind: "expr", items, text: items.map(printIndex).join(",") } };
    }
    return mapChildren(n, walk);
  };
  const out = sides.map(walk);
  return letters.size > 0 ? { sides: out, letters: [...letters].sort() } : null;
}
