/**
 * The lexer's second pass: groups what textbooks write around names into single tokens, so the
 * nearley grammar stays small and unambiguous.
 *
 *  - a layer superscript joins its name: x^l, o^{l-1}, w^{(l)}, a^{[l]}, \delta^l → one name
 *    ("x^{l}"); ^2, ^T, ^\prime, ^\circ are not layer tags and stay;
 *  - a subscript becomes one `idx` token with its parsed index list (src/lang/indexexpr.ts):
 *    x_{i+m,j+n}, δ_{ij}, x₂₃; so does function-call indexing I(i+m, j+n) and K(m,n) (a one-letter
 *    name, its parenthesis right after it, only index arithmetic inside);
 *  - \sum with its subscript and superscript becomes one `sumop` token with its binders
 *    (\sum_{m=0}^{k_1-1}, \sum_{m,n}, \sum_{0 \le m < k}, \sum_{i,j \text{ s.t. } i = m + p});
 *  - activation functions applied to an argument (f(…), f'(…), \sigma'(…)) become `fn` tokens;
 *  - rot spellings (rot_{180^\circ}, \operatorname{rot}180, rot90) become `rot` / `rot90`;
 *    'full' in MATLAB's conv2(A, B, 'full') becomes a mode; \circ outside a degree is ⊙.
 */
import {
  IndexSyntaxError,
  parseIndexExpr,
  tryIndexExpr,
  parseIndexList,
  printIndex,
  splitFirstLetter,
  type IExpr,
} from "./indexexpr.js";
import { classifyWord, type Tok } from "./lexer.js";

export interface Binder {
  name: string;
  lo: IExpr | null;
  hi: IExpr | null;
}

export type Rel = "=" | "<=" | "<" | ">=" | ">" | "!=";
export interface Cond {
  a: IExpr;
  rel: Rel;
  b: IExpr;
}

export interface SumData {
  binders: Binder[];
  conds: Cond[];
  /** The written range, for messages ("m=0..k-1"). */
  text: string;
  /** \sum_{i,j \in Q}: the set's name (the pair (i,j) it runs over, which x_Q may stand for). */
  set?: string;
}

/** Names applied to an argument as element-wise activations. */
export const ACTIVATIONS = new Set([
  "f",
  "g",
  "h",
  "\\sigma",
  "\\phi",
  "\\varphi",
  "relu",
  "ReLU",
  "tanh",
  "sigmoid",
  "act",
  "\\theta",
]);

/** Names that are a loss or a function, never a tensor indexed by a call. */
const NOT_CALL_INDEXED = new Set([...ACTIVATIONS, "E", "L", "C", "J", "\\ell", "l"]);

const NAME_TYPES = new Set(["ent", "mat", "ident", "dent", "dmat", "delta"]);

/** Subscripts that are words, part of a name (a_{prev}, A_{slice}), never run-together indices. */
const WORD_SUBSCRIPT =
  /^(prev|next|slice|img|pad|padded|out|in|input|output|new|old|conv|pool|max|min|avg|flip|flipped|rot|rotated|reverse|reversed|rev|stride\d*|verthorz|interweave|hat|bar|true|pred|target)$/;

/** Words that are functions when applied (pad(X, 1)) and names when subscripted (pad_H). */
const FN_WORDS = new Set(["pad", "dilate", "crop"]);

/** One token standing for several (its raw text theirs, its position the first's). */
function merged(toks: readonly Tok[], type: string, value: string, data?: unknown): Tok {
  const first = toks[0]!;
  const raw = toks.map((t) => t.raw).join("");
  const t: Tok = { type, value, text: value, raw, offset: first.offset, line: first.line, col: first.col };
  if (data !== undefined) t.data = data;
  return t;
}

/** The tokens of a script (after ^ or _) starting at i: a braced group or one token. */
function script(toks: readonly Tok[], i: number): { inner: Tok[]; end: number; braced: boolean } | null {
  const t = toks[i];
  if (!t) return null;
  if (t.type === "lbrace") {
    let depth = 0;
    for (let j = i; j < toks.length; j++) {
      if (toks[j]!.type === "lbrace") depth++;
      else if (toks[j]!.type === "rbrace" && --depth === 0)
        return { inner: toks.slice(i + 1, j), end: j + 1, braced: true };
    }
    throw new IndexSyntaxError(null, '"}"');
  }
  if (t.type === "rbrace" || t.type === "rparen") return null;
  return { inner: [t], end: i + 1, braced: false };
}

/** Is a superscript a layer tag (l, l-1, (l), [l], \ell, k) rather than a power, T, ′ or °? */
function layerTag(inner: readonly Tok[], numericOk = false): string | null {
  if (inner.length === 0) return null;
  const types = inner.map((t) => t.type);
  if (types.some((t) => t === "tr" || t === "prime" || t === "deg" || t === "star")) return null;
  const bracketed = inner[0]!.type === "lparen" && inner[inner.length - 1]!.type === "rparen";
  const core = bracketed ? inner.slice(1, -1) : inner;
  if (core.length === 0) return null;
  // x^{pad}: a word over a name (the padded input) is part of the name, even a word convgrad has a token for
  if (core.length === 1 && !bracketed && WORD_SUBSCRIPT.test(core[0]!.value)) return core[0]!.value;
  // X^{(m_i)}: the i-th example's (Rathi): one subscripted letter in parentheses
  const [a, u, b] = core;
  if (bracketed && core.length === 3 && u?.type === "under" && /^[a-z]$/.test(a!.value) && /^[a-z0-9]$/.test(b!.value))
    return `${a!.value}_${b!.value}`;
  if (!bracketed && !numericOk && core.every((t) => t.type === "num" || t.type === "minus")) return null; // a power (^2, ^{-1})
  if (
    !core.every(
      (t) =>
        (["num", "plus", "minus", "comma", "ent", "mat", "ident"].includes(t.type) && !/^\\/.test(t.value)) ||
        t.value === "l",
    )
  )
    return null;
  if (!core.some((t) => t.type !== "num" && t.type !== "plus" && t.type !== "minus") && !bracketed && !numericOk)
    return null;
  return core.map((t) => t.value).join("");
}

function idxToken(toks: readonly Tok[], items: IExpr[]): Tok {
  const text = items.map(printIndex).join(",");
  return merged(toks, "idx", text, items);
}

const GREEK_INDEX = /^\\(?:alpha|beta|gamma|epsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|rho|tau|chi|psi)'*$/;

/** f(i, j): a call index list of two indices or more (an activation takes one argument: f(i, j) is a name's entry). */
function indexList(toks: readonly Tok[], i: number): boolean {
  const end = callIndex(toks, i);
  return end !== null && toks.slice(i + 1, end - 1).some((u) => u.type === "comma");
}

/** Is the parenthesis at toks[i] a call index list: I(i+m, j+n), K(m,n)? Returns its end. */
function callIndex(toks: readonly Tok[], i: number): number | null {
  const open = toks[i];
  if (!open || open.type !== "lparen") return null;
  const prev = toks[i - 1]!;
  // I (a+b) is a product; (I \star K) (i,j), with a comma, is no factor: a call still
  const spaced = (prev.end ?? prev.offset + prev.raw.length) !== open.offset;
  if (spaced && !(toks[i + 2]?.type === "comma" && toks[i + 1]?.type !== "num" && prev.type === "rparen")) return null;
  let j = i + 1;
  let letters = 0;
  let braces = 0;
  /** Open parentheses of \max( … ) inside the index list. */
  let clamps = 0;
  for (; j < toks.length && (toks[j]!.type !== "rparen" || clamps > 0); j++) {
    const t = toks[j]!;
    // y[\max(0, r'-a), \max(0, c'-b)] (Piseno's): a clamped index
    if (t.type === "cmd" && (t.value === "\\max" || t.value === "\\min") && toks[j + 1]?.type === "lparen") {
      clamps++;
      j++;
      continue;
    }
    // X[c, (h_out + p), (w_out + q)] (Paudel's): an index item in parentheses
    if (t.type === "lparen" && t.raw === "(") {
      clamps++;
      continue;
    }
    if (t.type === "rparen") {
      clamps--;
      continue;
    }
    // R(\frac{x - a}{S}, \frac{y - b}{S}) (nagarajankarthik's): a quotient, its two groups of index tokens
    if (t.type === "frac") {
      const end = fracEnd(toks, j);
      if (end === null) return null;
      letters++;
      j = end - 1;
      continue;
    }
    // Z(i^{'}, j^{'}, k): primes written as a superscript (a^{i, l-1} is a tagged name, not an index)
    if (t.type === "caret" && j > i + 1) {
      const primed =
        toks[j + 1]?.type === "prime" ||
        (toks[j + 1]?.type === "lbrace" && toks[j + 2]?.type === "prime" && toks[j + 3]?.type === "rbrace");
      if (!primed) return null;
      if (toks[j + 1]?.type === "lbrace") {
        braces++;
        j++;
      }
      continue;
    }
    // Y(i s_h + i', j, k_{in}): a name with a word or number below it
    if (t.type === "under" && j > i + 1) {
      const word = (x: Tok | undefined) => x !== undefined && /^[A-Za-z0-9]+$/.test(x.value);
      if (word(toks[j + 1])) j++;
      else if (toks[j + 1]?.type === "lbrace" && word(toks[j + 2]) && toks[j + 3]?.type === "rbrace") j += 3;
      else return null;
      continue;
    }
    if (t.type === "rbrace" && braces > 0) {
      braces--;
      continue;
    }
    if (
      t.type === "num" ||
      t.type === "plus" ||
      t.type === "minus" ||
      t.type === "comma" ||
      t.type === "prime" ||
      t.type === "mul"
    )
      continue;
    // (iS, Sj: an index times a one-capital size, nagarajankarthik's I(iS + a, jS + b))
    if (
      (t.type === "ent" || t.type === "ident" || t.type === "mat") &&
      /^(?:[a-z]+(?:_[a-z]+)?|[a-z]+[A-Z]|[A-Z][a-z]+)'*$/.test(t.value)
    ) {
      letters++;
      continue;
    }
    // X[r' + \alpha, c' + \beta] (Piseno's): Greek index letters — not those that name tensors or
    // functions (δ, σ, φ, ω)
    if (t.type === "ident" && GREEK_INDEX.test(t.value)) {
      letters++;
      continue;
    }
    return null;
  }
  if (j >= toks.length || j === i + 1 || braces !== 0) return null;
  // a_t[0] (a NumPy index, hui126's z_t[0] = a_t[0]w_t): a number in square brackets right after a name is its index,
  // never a factor 0
  // (K[0], S[0]: a capital's are PyTorch's per-axis sizes, read by the index parser)
  const bracketed =
    open.raw === "[" &&
    toks[j]!.raw === "]" &&
    j === i + 2 &&
    toks[i + 1]!.type === "num" &&
    !/^[A-Z]$/.test(prev.value);
  return letters > 0 || bracketed || toks.slice(i + 1, j).some((t) => t.type === "comma") ? j + 1 : null;
}

/** The end (one past) of \frac{…}{…} at toks[at] whose groups hold only index tokens, or null. */
function fracEnd(toks: readonly Tok[], at: number): number | null {
  let j = at + 1;
  for (let g = 0; g < 2; g++) {
    if (toks[j]?.type !== "lbrace") return null;
    j++;
    for (; j < toks.length && toks[j]!.type !== "rbrace"; j++)
      if (
        !FRAC_INDEX.has(toks[j]!.type) ||
        (toks[j]!.type !== "num" && !/^[A-Za-z+\-*]$|^[A-Za-z]'*$/.test(toks[j]!.value))
      )
        return null;
    if (j >= toks.length) return null;
    j++;
  }
  return j;
}
const FRAC_INDEX = new Set(["num", "plus", "minus", "mul", "ent", "ident", "mat"]);

function relOf(t: Tok): Rel | null {
  if (t.type === "eq") return "=";
  if (t.type === "le") return t.raw === "<" || t.value === "\\lt" ? "<" : "<=";
  if (t.type === "ge") return t.raw === ">" || t.value === "\\gt" ? ">" : ">=";
  return null;
}

function splitTop(toks: readonly Tok[], type: string): Tok[][] {
  return splitTopWhere(toks, (t) => t.type === type);
}

/** A chain of relations over index expressions: 0 \le m < k, i = m + p. */
function relations(toks: readonly Tok[]): Cond[] {
  const parts: Tok[][] = [[]];
  const rels: Rel[] = [];
  for (const t of toks) {
    const r = relOf(t);
    if (r) {
      rels.push(r);
      parts.push([]);
    } else parts[parts.length - 1]!.push(t);
  }
  const exprs = parts.map((p) => parseIndexExpr(p));
  return rels.map((rel, k) => ({ a: exprs[k]!, rel, b: exprs[k + 1]! }));
}

/**
 * `a \in [1,n], b \in [1,n]` (wintertee's notes): indices, each with the closed interval it runs over; null
 * when the subscript is not only such items.
 */
function intervalBinders(toks: readonly Tok[]): Binder[] | null {
  const out: Binder[] = [];
  let i = 0;
  while (i < toks.length) {
    const [name, into, open] = [toks[i], toks[i + 1], toks[i + 2]];
    if (!name || into?.type !== "in" || open?.type !== "lparen" || !isOpenBracket(open.raw)) return null;
    let depth = 0;
    let close = -1;
    for (let k = i + 2; k < toks.length && close < 0; k++) {
      if (toks[k]!.type === "lparen") depth++;
      else if (toks[k]!.type === "rparen" && --depth === 0) close = k;
    }
    if (close < 0 || !isCloseBracket(toks[close]!.raw)) return null;
    const ends = splitTop(toks.slice(i + 3, close), "comma");
    if (ends.length !== 2 || ends.some((e) => e.length === 0)) return null;
    try {
      const v = parseIndexExpr([name]);
      if (v.k !== "v") return null;
      out.push({ name: v.name, lo: parseIndexExpr(ends[0]!), hi: parseIndexExpr(ends[1]!) });
    } catch (err) {
      if (err instanceof IndexSyntaxError) return null;
      throw err;
    }
    i = close + 1;
    if (i < toks.length && toks[i]!.type !== "comma") return null;
    i++;
  }
  return out.length > 0 ? out : null;
}

const isOpenBracket = (raw: string): boolean => raw === "[" || raw === "\\lbrack" || raw === "\\left[";
const isCloseBracket = (raw: string): boolean => raw === "]" || raw === "\\rbrack" || raw === "\\right]";

/** A sum's binders as text, with its conditions after "s.t.". */
const withConditions = (text: string, conds: readonly Cond[]): string =>
  conds.length ? `${text} s.t. ${conds.map((c) => `${printIndex(c.a)}${c.rel}${printIndex(c.b)}`).join(", ")}` : text;

/**
 * \sum^{(2,2)}_{i,j=(1,1)} (kimjiil's post), \sum_{(a,b)=(0,0)}^{(1,1)}: indices running together from one tuple to
 * another, each over its own range (i from 1 to 2, j from 1 to 2). Null when it is not that: the bounds must be
 * tuples of as many items as there are indices (Griffin's ^{(KShape)}, one name, is not read).
 */
function tupleBinders(bindToks: readonly Tok[], sup: readonly Tok[] | null): Binder[] | null {
  const sides = splitTop(bindToks, "eq");
  if (sides.length !== 2 || !sup) return null;
  const tuple = (t: readonly Tok[]): Tok[][] | null =>
    t.length >= 2 && t[0]!.type === "lparen" && t[t.length - 1]!.type === "rparen"
      ? splitTop(t.slice(1, -1), "comma")
      : null;
  const named = sides[0]!;
  const nameToks = tuple(named) ? named.slice(1, -1) : named;
  const [lo, hi] = [tuple(sides[1]!), tuple(sup)];
  if (!lo || !hi || lo.length < 2 || lo.length !== hi.length || lo.some((p) => !p.length) || hi.some((p) => !p.length))
    return null;
  const names = parseIndexList(nameToks);
  if (names.length !== lo.length || names.some((n) => n.k !== "v")) return null;
  return names.map((n, k) => ({
    name: (n as { name: string }).name,
    lo: parseIndexExpr(lo[k]!),
    hi: parseIndexExpr(hi[k]!),
  }));
}

/** \sum's subscript (and superscript) → binders and conditions. */
function sumData(sub: readonly Tok[], sup: readonly Tok[] | null): SumData {
  // \substack{l,m \ s.t. \ (l-1)s+m = j}: rows; the first names the indices, the rest are conditions
  const rows = splitTop(sub, "rowsep").filter((r) => r.length > 0);
  let bindToks = rows[0] ?? [];
  const conds: Cond[] = [];
  for (const row of rows.slice(1)) {
    const body = row.filter((t) => t.type !== "st");
    for (const part of splitTop(body, "comma")) if (part.length) conds.push(...relations(part));
  }
  const st = bindToks.findIndex((t) => t.type === "st" || t.type === "colon" || t.type === "mid");
  if (st >= 0) {
    for (const part of splitTop(bindToks.slice(st + 1), "comma")) if (part.length) conds.push(...relations(part));
    bindToks = bindToks.slice(0, st);
  }
  // \sum_{a\in[1,n],b\in[1,n]}: each index with its closed interval
  const closed = intervalBinders(bindToks);
  if (closed && (!sup || sup.length === 0)) {
    const text = closed.map((b) => `${b.name}=${printIndex(b.lo!)}..${printIndex(b.hi!)}`).join(",");
    return { binders: closed, conds, text: withConditions(text, conds) };
  }
  // \sum_{i,j \in Q}: the set is the range where the terms live (implied)
  const inAt = bindToks.findIndex((t) => t.type === "in");
  let set: string | undefined;
  if (inAt >= 0) {
    const after = bindToks.slice(inAt + 1);
    const e = after.length ? tryIndexExpr(after) : null;
    if (e?.k === "v") set = e.name;
    bindToks = bindToks.slice(0, inAt);
  }
  // \sum^{(2,2)}_{i,j=(1,1)}: a tuple of indices from one tuple to another
  const tupled = tupleBinders(bindToks, sup);
  if (tupled) {
    const text = tupled.map((b) => `${b.name}=${printIndex(b.lo!)}..${printIndex(b.hi!)}`).join(",");
    return { binders: tupled, conds, text: withConditions(text, conds) };
  }
  const binders: Binder[] = [];
  const hasRel = bindToks.some((t) => relOf(t) && t.type !== "eq");
  // \sum_{-1 \leq a,b \leq 1} (Shestakov's slides): every name between the same two bounds
  const rels = bindToks.filter((t) => relOf(t) && t.type !== "eq");
  const at = rels.map((r) => bindToks.indexOf(r));
  const middle = rels.length === 2 ? bindToks.slice(at[0]! + 1, at[1]) : [];
  const shared = splitTop(middle, "comma");
  if (hasRel && shared.length > 1 && shared.every((p) => p.length === 1)) {
    for (const p of shared) {
      const one = [...bindToks.slice(0, at[0]! + 1), p[0]!, ...bindToks.slice(at[1])];
      binders.push(...sumData(one, null).binders);
    }
  } else if (hasRel) {
    // 0 \le m < k, or 0 \le m,n \le k-1
    const cs = relations(bindToks);
    const names = new Set<string>();
    for (const c of cs) for (const side of [c.a, c.b]) if (side.k === "v") names.add(side.name);
    let lo: IExpr | null = null;
    let hi: IExpr | null = null;
    const name = [...names][0];
    if (names.size !== 1 || !name)
      throw new IndexSyntaxError(bindToks[0] ?? null, "one index between its bounds (0 \\le m < k)");
    for (const c of cs) {
      const v = c.b.k === "v" && c.b.name === name ? "b" : c.a.k === "v" && c.a.name === name ? "a" : null;
      if (!v) continue;
      const other = v === "b" ? c.a : c.b;
      const rel =
        v === "b" ? c.rel : ({ "<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!=" } as const)[c.rel];
      // other REL name
      if (rel === "<") lo = { k: "add", a: other, b: { k: "n", v: 1 } };
      else if (rel === "<=") lo = other;
      else if (rel === ">") hi = { k: "sub", a: other, b: { k: "n", v: 1 } };
      else if (rel === ">=") hi = other;
    }
    binders.push({ name, lo, hi });
  } else {
    for (const part of splitTop(bindToks, "comma")) {
      if (part.length === 0) throw new IndexSyntaxError(bindToks[0] ?? null, "an index name");
      const eq = part.findIndex((t) => t.type === "eq");
      const nameToks = eq >= 0 ? part.slice(0, eq) : part;
      // \sum_{m_i}: one name with a letter below it (Rathi's example index m_i)
      const [a, u, b] = nameToks;
      const below =
        nameToks.length === 3 && u?.type === "under" && /^[a-z]$/.test(a!.value) && /^[a-z]$/.test(b!.value);
      const names = below ? [{ k: "v" as const, name: `${a!.value}_${b!.value}` }] : parseIndexList(nameToks);
      for (const n of names) {
        if (n.k !== "v") throw new IndexSyntaxError(nameToks[0] ?? null, "an index name");
        binders.push({ name: n.name, lo: eq >= 0 ? parseIndexExpr(part.slice(eq + 1)) : null, hi: null });
      }
    }
    // \sum_{m,n=0}^{k-1}: the bound applies to every name before it
    let lastLo: IExpr | null = null;
    for (let k = binders.length - 1; k >= 0; k--) {
      if (binders[k]!.lo) lastLo = binders[k]!.lo;
      else if (lastLo) binders[k] = { ...binders[k]!, lo: lastLo };
    }
  }
  if (sup && sup.length > 0) {
    // \sum_{p=p_0}^{p=p_0+\Delta p} (Thorey's): the upper bound repeats the index's name
    const named = sup[1]?.type === "eq" && binders.length === 1 && sup[0]!.value === binders[0]!.name;
    if (named) sup = sup.slice(2);
    const hi = sup.some((t) => t.type === "infty") ? null : parseIndexExpr(sup);
    for (let k = 0; k < binders.length; k++) if (binders[k]!.lo) binders[k] = { ...binders[k]!, hi };
  }
  const text = binders
    .map((b) =>
      b.lo || b.hi ? `${b.name}=${b.lo ? printIndex(b.lo) : "…"}..${b.hi ? printIndex(b.hi) : "…"}` : b.name,
    )
    .join(",");
  return {
    binders,
    conds,
    ...(set ? { set } : {}),
    text: withConditions(text, conds),
  };
}

/** Primes after a function name: f', f'', f^{\prime}, f^\prime. Returns the count and the end. */
function fnPrimes(toks: readonly Tok[], i: number): { n: number; end: number } {
  let n = 0;
  let j = i;
  for (;;) {
    if (toks[j]?.type === "prime") {
      n++;
      j++;
    } else if (toks[j]?.type === "caret" && toks[j + 1]?.type === "prime") {
      n++;
      j += 2;
    } else if (
      toks[j]?.type === "caret" &&
      toks[j + 1]?.type === "lbrace" &&
      toks[j + 2]?.type === "prime" &&
      toks[j + 3]?.type === "rbrace"
    ) {
      n++;
      j += 4;
    } else return { n, end: j };
  }
}

/** ₂₃ → 2, 3 (one digit per index); ₁₀,₂ → 10, 2. */
function subscriptDigits(s: string): IExpr[] {
  const digit = (c: string) => "₀₁₂₃₄₅₆₇₈₉".indexOf(c);
  const parts = s.split(",");
  if (parts.length > 1) return parts.map((p) => ({ k: "n", v: Number([...p].map(digit).join("")) }));
  return [...s].map((c) => ({ k: "n", v: digit(c) }));
}

/** {A \over B} → \frac{A}{B} (TeX's infix fraction), innermost group first. */
function overToFrac(toks: Tok[]): Tok[] {
  for (let guard = 0; guard < 64; guard++) {
    const k = toks.findIndex((t) => t.type === "over");
    if (k < 0) return toks;
    let a = k;
    let depth = 0;
    while (--a >= 0) {
      if (toks[a]!.type === "rbrace") depth++;
      else if (toks[a]!.type === "lbrace" && depth-- === 0) break;
    }
    let b = k;
    depth = 0;
    while (++b < toks.length) {
      if (toks[b]!.type === "lbrace") depth++;
      else if (toks[b]!.type === "rbrace" && depth-- === 0) break;
    }
    const t = toks[k]!;
    const mk = (type: string, value: string): Tok => ({ ...t, type, value, text: value });
    const num = toks.slice(a + 1, k);
    const den = toks.slice(k + 1, b);
    toks = [
      ...toks.slice(0, Math.max(a, 0)),
      mk("frac", "\\frac"),
      mk("lbrace", "{"),
      ...num,
      mk("rbrace", "}"),
      mk("lbrace", "{"),
      ...den,
      mk("rbrace", "}"),
      ...toks.slice(Math.min(b + 1, toks.length)),
    ];
  }
  return toks;
}

/** The end (just past its `}`) of the brace group opening at i, or -1. */
function braceEnd(toks: readonly Tok[], i: number): number {
  let depth = 0;
  for (let j = i; j < toks.length; j++) {
    if (toks[j]!.type === "lbrace") depth++;
    else if (toks[j]!.type === "rbrace" && --depth === 0) return j + 1;
  }
  return -1;
}

/** {\partial L}/{\partial x_{ij}} (a derivative written inline with braces) → \frac{\partial L}{\partial x_{ij}}. */
function slashFrac(input: Tok[]): Tok[] {
  let toks = input;
  for (let k = 0, guard = 0; k < toks.length && guard < 1000; k++, guard++) {
    if (
      toks[k]!.type !== "lbrace" ||
      toks[k + 1]?.type !== "partial" ||
      toks[k - 1]?.type === "frac" ||
      toks[k - 1]?.type === "rbrace"
    )
      continue;
    const a = braceEnd(toks, k);
    if (a < 0 || toks[a]?.type !== "slash" || toks[a + 1]?.type !== "lbrace" || toks[a + 2]?.type !== "partial")
      continue;
    const b = braceEnd(toks, a + 1);
    if (b < 0) continue;
    const t = toks[k]!;
    const frac: Tok = { ...t, type: "frac", value: "\\frac", text: "\\frac" };
    toks = [...toks.slice(0, k), frac, ...toks.slice(k, a), ...toks.slice(a + 1)];
  }
  return toks;
}

/** Does the parenthesis group closing at i hold a convolution operator at its top level ((I \star K))? */
function operatorGroup(toks: readonly Tok[], i: number): boolean {
  let depth = 0;
  for (let k = i; k >= 0; k--) {
    const t = toks[k]!;
    if (t.type === "rparen") depth++;
    else if (t.type === "lparen" && --depth === 0) return false;
    else if (depth === 1 && (t.type === "star" || t.type === "xstar" || t.type === "otimes")) return true;
  }
  return false;
}

/** Index just past the parenthesis group opening at i. */
function closeParen(toks: readonly Tok[], i: number): number {
  let depth = 0;
  for (let j = i; j < toks.length; j++) {
    if (toks[j]!.type === "lparen") depth++;
    else if (toks[j]!.type === "rparen" && --depth === 0) return j + 1;
  }
  return toks.length;
}

const LOSS_NAMES = new Set(["J", "E", "L", "C", "\\mathcal{L}", "\\mathcal{E}", "\\mathcal{J}", "\\ell", "l", "f"]);

/** s.t. (such that) as one token; stray periods (\right. and sentence ends) dropped. */
function suchThat(input: readonly Tok[]): Tok[] {
  const toks: Tok[] = [];
  for (let i = 0; i < input.length; i++) {
    const t = input[i]!;
    if (t.value === "s" && input[i + 1]?.type === "period" && input[i + 2]?.value === "t") {
      toks.push({ ...t, type: "st", value: "s.t." });
      i += input[i + 3]?.type === "period" ? 3 : 2;
      continue;
    }
    if (t.type !== "period") toks.push(t);
  }
  return toks;
}

/** An equation number at the end (… \ \ (3)) is not part of the formula. */
function equationNumber(toks: Tok[]): Tok[] {
  const n = toks.length;
  const numbered =
    n > 3 &&
    toks[n - 1]!.type === "rparen" &&
    toks[n - 2]!.type === "num" &&
    toks[n - 3]!.type === "lparen" &&
    toks[n - 3]!.raw === "(" &&
    toks[n - 4]!.type !== "ident";
  return numbered ? toks.slice(0, n - 3) : toks;
}

/**
 * Words at the ends of a formula are prose around it (其中 …, … \text{(chain rule)}); words between
 * its operands stay (one token), and the grammar reports them: an operator said in words is not read.
 */
function prose(input: Tok[]): Tok[] {
  const toks = [...input];
  while (toks.length && toks[0]!.type === "prose") toks.shift();
  while (toks.length && toks[toks.length - 1]!.type === "prose") toks.pop();
  return toks.filter((t, k) => !(t.type === "prose" && toks[k - 1]?.type === "prose"));
}

/** \partial{L}: the braces around what is differentiated are only grouping. */
function partialBraces(input: Tok[]): Tok[] {
  const toks = [...input];
  for (let k = 0; k + 1 < toks.length; k++) {
    if (toks[k]!.type !== "partial" || toks[k + 1]!.type !== "lbrace") continue;
    let depth = 0;
    for (let m = k + 1; m < toks.length; m++) {
      if (toks[m]!.type === "lbrace") depth++;
      else if (toks[m]!.type === "rbrace" && --depth === 0) {
        if (toks[m + 1]?.type !== "caret") {
          toks.splice(m, 1);
          toks.splice(k + 1, 1);
        }
        break;
      }
    }
  }
  return toks;
}

/**
 * \frac{\partial L}{\partial W}[m, n], \frac{\partial L}{\partial W}(m, n) (code's dL/dW[m, n]): the gradient of a loss
 * by a whole tensor, then indexed — the entry ∂L/∂W[m, n], read as if the indices were written on W. Only for a loss's
 * name over one unindexed name (∂f/∂x[i, j, c, k], a Jacobian, splits its indices between the two: not read so).
 */
function indexAfterGradient(input: Tok[]): Tok[] {
  const toks = [...input];
  for (let k = 0; k + 9 < toks.length; k++) {
    const [f, l1, p1, num, r1, l2, p2, den, r2, open] = toks.slice(k, k + 10);
    if (
      f!.type !== "frac" ||
      l1!.type !== "lbrace" ||
      p1!.type !== "partial" ||
      !(num!.type === "J" || LOSS_NAMES.has(num!.value)) ||
      r1!.type !== "rbrace" ||
      l2!.type !== "lbrace" ||
      p2!.type !== "partial" ||
      !NAME_TYPES.has(den!.type) ||
      den!.type === "delta" ||
      r2!.type !== "rbrace" ||
      open!.type !== "lparen"
    )
      continue;
    // (m) alone after a fraction may multiply it; [m] indexes
    const end = callIndex(toks, k + 9);
    if (end === null || (open!.raw !== "[" && !indexList(toks, k + 9))) continue;
    const idx = idxToken(toks.slice(k + 9, end), parseIndexList(toks.slice(k + 10, end - 1)));
    toks.splice(k + 9, end - (k + 9));
    toks.splice(k + 8, 0, idx);
  }
  return toks;
}

/** zero\_pad, a_{prev}, dW_{slice}: words joined by \_ and word subscripts are part of a name. */
function wordNames(input: Tok[]): Tok[] {
  const toks = [...input];
  for (let k = toks.length - 2; k >= 0; k--) {
    const a = toks[k]!;
    const u = toks[k + 1]!;
    if (u.type === "escunder" && /^[A-Za-z]/.test(a.value) && /^[A-Za-z]/.test(toks[k + 2]?.value ?? "")) {
      const b = toks[k + 2]!;
      const value = `${a.value}_${b.value}`;
      // conv\_transpose, zero\_pad (deeplearning.ai's name for padding as the layer pads) are functions
      const type = value === "conv_transpose" ? "convt" : value === "zero_pad" ? "pad" : "ident";
      toks.splice(k, 3, { ...a, type, value, text: value, raw: a.raw + u.raw + b.raw });
    } else if (u.type === "under" && FN_WORDS.has(a.type) && !/^\\/.test(a.raw)) {
      // pad_H, stride_W: a function's word with a subscript is a size's name (the padding of axis H)
      const sc = script(toks, k + 2);
      if (sc && toks[sc.end]?.type !== "lparen") toks[k] = { ...a, type: "ident" };
    } else if (u.type === "under" && NAME_TYPES.has(a.type) && a.type !== "delta") {
      const sc = script(toks, k + 2);
      // (h_\text{out}, as h_{out} and h_\mathrm{out} are)
      const raw = sc && sc.inner.length === 1 ? sc.inner[0]!.value : "";
      const w = /^\\(?:text|textrm|textit|mathrm|mathit)\{([A-Za-z]+)\}$/.exec(raw)?.[1] ?? raw;
      if (sc && WORD_SUBSCRIPT.test(w)) {
        toks.splice(k, sc.end - k, {
          ...a,
          type: "ident",
          value: `${a.value}_${w}`,
          text: `${a.value}_${w}`,
          raw: toks
            .slice(k, sc.end)
            .map((x) => x.raw)
            .join(""),
        });
      }
    }
  }
  return toks.filter((t) => t.type !== "escunder");
}

/**
 * The loss's arguments (J(W, b); f(Y), \mathcal{L}(Y, \hat{Y}) as a derivative's numerator) are
 * dropped, and ∇ is a gradient: ∇_W L, \nabla_{W^{(l)}} J (of W), ∇a_{11} (of a_{11}).
 */
function lossAndNabla(pre: Tok[]): Tok[] {
  const toks: Tok[] = [];
  for (let i = 0; i < pre.length; i++) {
    const t = pre[i]!;
    if (
      pre[i + 1]?.type === "lparen" &&
      (t.type === "J" || (pre[i - 1]?.type === "partial" && LOSS_NAMES.has(t.value) && callIndex(pre, i + 1) === null))
    ) {
      const end = closeParen(pre, i + 1);
      if (t.type === "J" || pre[end]?.type === "rbrace" || pre[end]?.type === "slash") {
        toks.push({ ...t, type: "J" });
        i = end - 1;
        continue;
      }
    }
    if (t.type === "nabla") {
      if (pre[i + 1]?.type === "under") {
        const sc = script(pre, i + 2);
        if (sc) {
          toks.push({ ...t, type: "delta", value: "\\delta" }, ...sc.inner);
          i = sc.end - 1;
          const next = pre[i + 1];
          if (next && (next.type === "J" || LOSS_NAMES.has(next.value)))
            i += pre[i + 2]?.type === "lparen" ? closeParen(pre, i + 2) - i - 1 : 1;
          continue;
        }
      }
      toks.push({ ...t, type: "delta", value: "\\delta" });
      continue;
    }
    toks.push(t);
  }
  return toks;
}

/**
 * A side condition after the formula (… i \in [0, 0], x' \in [0, 1]) is not part of it (src/verify/run.ts does not
 * check a formula whose sums such a range may bound).
 */
function sideCondition(toks: Tok[]): Tok[] {
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const ty = toks[i]!.type;
    if (ty === "lparen" || ty === "lbrace") depth++;
    else if (ty === "rparen" || ty === "rbrace") depth--;
    else if (ty === "in" && depth === 0 && i > 1) {
      // (x' \in […]: the name with its primes; [σ_1 σ_2]' \in ℕ²: a transposed bracket, left as it was)
      let k = i - 1;
      while (k > 1 && toks[k]!.type === "prime") k--;
      return toks.slice(0, toks[k]!.type === "rparen" || toks[k]!.type === "rbrace" ? i - 1 : k);
    }
  }
  return toks;
}

/**
 * The primes of y_3^\prime, y_{i}^{\prime}, y_i^{'}: from the `_` at `u`, the subscript (one token or a braced
 * group) then a superscript of primes only, not followed by a parenthesis (f_l^\prime(z) is a derivative). Returns
 * where the caret is, where the superscript ends and the primes' count, or null.
 */
function subscriptPrimes(toks: readonly Tok[], u: number): { caret: number; end: number; primes: number } | null {
  let j = u + 1;
  if (toks[j]?.type === "lbrace") {
    let depth = 0;
    for (; j < toks.length; j++) {
      if (toks[j]!.type === "lbrace") depth++;
      else if (toks[j]!.type === "rbrace" && --depth === 0) break;
    }
    j++;
  } else if (["num", "ident", "ent", "mat"].includes(toks[j]?.type ?? "")) j++;
  else return null;
  if (toks[j]?.type !== "caret") return null;
  const caret = j;
  let k = j + 1;
  const braced = toks[k]?.type === "lbrace";
  if (braced) k++;
  const first = k;
  while (toks[k]?.type === "prime") k++;
  const primes = k - first;
  if (primes === 0 || (braced && toks[k++]?.type !== "rbrace")) return null;
  if (toks[k]?.type === "lparen") return null;
  return { caret, end: k, primes };
}

/**
 * For each token, whether it stands in an index: a sub- or superscript (x_{i+m'}, x_i, k^{\prime}) or a bracket
 * right after a name (w[a', b'], Z(i', j')), at any depth.
 */
function indexContexts(toks: readonly Tok[]): boolean[] {
  const stack: boolean[] = [];
  const out: boolean[] = [];
  const named = (t: Tok | undefined) =>
    t?.type === "ident" || t?.type === "ent" || t?.type === "mat" || t?.type === "rbrace" || t?.type === "rparen";
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const prev = toks[i - 1];
    const script = prev?.type === "under" || prev?.type === "caret";
    out.push(script || stack.includes(true));
    if (t.type === "lbrace") stack.push(script);
    else if (t.type === "lparen") stack.push(named(prev));
    else if ((t.type === "rbrace" || t.type === "rparen") && stack.length > 0) stack.pop();
  }
  return out;
}

/** The passes before names, subscripts and sums are grouped, in order. */
/**
 * ω'^l_{m,n}, (\omega')^l_{m,n}, K'(m,n): a primed name, indexed or tagged, is a name of its own (a
 * source's rotated kernel K'); primes after an activation (f'(z)) are its derivative, read below.
 */
function primedNames(toks: Tok[]): Tok[] {
  const out: Tok[] = [];
  const isName = (t: Tok | undefined) =>
    (t?.type === "ident" || t?.type === "ent" || t?.type === "mat") && !ACTIVATIONS.has(t.value);
  const follows = (t: Tok | undefined) =>
    t?.type === "caret" || t?.type === "under" || (t?.type === "lparen" && t.raw === "(");
  const inIndex = indexContexts(toks);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const paren = t.type === "lparen" && t.raw === "(" && isName(toks[i + 1]);
    const at = paren ? i + 1 : i;
    if (!paren && isName(t) && toks[i + 1]?.type === "under") {
      const sub = subscriptPrimes(toks, i + 1);
      if (sub) {
        // y_3^\prime, y_{i}^{\prime} (LMU's "let y_i^\prime = ∂L/∂y_i"): the name y' indexed by 3
        const value = t.value + "'".repeat(sub.primes);
        out.push({ ...t, type: "ident", value, text: value }, ...toks.slice(i + 1, sub.caret));
        i = sub.end - 1;
        continue;
      }
    }
    if (!isName(toks[at]) || toks[at + 1]?.type !== "prime") {
      out.push(t);
      continue;
    }
    let j = at + 1;
    while (toks[j]?.type === "prime") j++;
    if (paren && toks[j]?.type === "rparen") j++;
    else if (paren) {
      out.push(t);
      continue;
    }
    // dx = dy_0 * w', O' * F^{rot} (a source's w' = rot180 w, O' = ∂L/∂O): unindexed, a name of its own too
    // (W' = 1 + ⌊(W + 2P − D(K − 1) − 1)/S⌋: the output's width, as H' is, not the kernel W) — but not an index
    // (x_{i+m'}, w[a', b'], Z(i', j'), read with its primes by the index parser)
    if (!follows(toks[j]) && (paren || inIndex[at])) {
      out.push(t);
      continue;
    }
    const name = toks[at]!;
    const value = name.value + "'".repeat(j - at - 1 - (paren ? 1 : 0));
    out.push({
      ...name,
      type: "ident",
      value,
      text: value,
      raw: toks
        .slice(i, j)
        .map((x) => x.raw)
        .join(""),
    });
    i = j - 1;
  }
  return out;
}

/**
 * \sum_{ch=1}^{n} … W_{f,ch,r,c}: a word of letters that a sum binds with a lower bound (in this
 * equation or, through withIndexWords, in the document) and that an index list uses as a whole item
 * is one index name, not a product of letters (c·h) nor two indices — both readings must agree, and
 * the product is no index at all. Marks those words' tokens.
 */
let documentWords: ReadonlySet<string> = new Set();

/**
 * Runs `f` with the index names a whole document binds by sums (\sum_{ch=1}^{n_{ch}} in one equation,
 * X_{ch,p,q} free in the next): see documentIndexWords. Parsing is synchronous, so the setting is only
 * seen by the equations parsed inside `f`.
 */
export function withIndexWords<T>(words: ReadonlySet<string>, f: () => T): T {
  const saved = documentWords;
  documentWords = words;
  try {
    return f();
  } finally {
    documentWords = saved;
  }
}

/** The words of two or more letters a document's sums bind with a lower bound (\sum_{ch=1}). */
export function documentIndexWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\\sum\s*(?:\\limits\s*)?_\s*\{\s*([a-z]{2,})\s*=/g)) out.add(m[1]!);
  return out;
}

function wholeWords(toks: Tok[]): Tok[] {
  const NAME = /^[a-z]{2,}$/;
  const bound = new Set<string>(documentWords);
  for (let i = 0; i + 4 < toks.length; i++)
    if (
      toks[i]!.type === "sum" &&
      toks[i + 1]!.type === "under" &&
      toks[i + 2]!.type === "lbrace" &&
      NAME.test(toks[i + 3]!.value) &&
      toks[i + 4]!.type === "eq"
    )
      bound.add(toks[i + 3]!.value);
  if (bound.size === 0) return toks;
  const item = (k: number) => {
    const a = toks[k - 1]?.type;
    const b = toks[k + 1]?.type;
    const first = a === "lbrace" && toks[k - 2]?.type === "under";
    return (a === "comma" || first) && (b === "comma" || (b === "rbrace" && !first));
  };
  const whole = new Set([...bound].filter((w) => toks.some((t, k) => t.value === w && item(k))));
  return whole.size === 0 ? toks : toks.map((t) => (whole.has(t.value) ? { ...t, whole: true } : t));
}

/** Splits at top-level tokens (outside braces and parentheses) for which `at` holds. */
function splitTopWhere(toks: readonly Tok[], at: (t: Tok) => boolean): Tok[][] {
  const out: Tok[][] = [[]];
  let depth = 0;
  for (const t of toks) {
    if (t.type === "lparen" || t.type === "lbrace") depth++;
    if (t.type === "rparen" || t.type === "rbrace") depth--;
    if (depth === 0 && at(t)) out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out;
}

/** Does the environment opening at i separate its cells with commas (at its own level)? */
function commaCells(toks: readonly Tok[], i: number): boolean {
  let depth = 0;
  for (let j = i + 1; j < toks.length; j++) {
    const ty = toks[j]!.type;
    if (ty === "begin" || ty === "lparen" || ty === "lbrace") depth++;
    else if (ty === "rparen" || ty === "rbrace") depth--;
    else if (ty === "end" && depth-- === 0) return false;
    else if (ty === "comma" && depth === 0) return true;
  }
  return false;
}

/**
 * The cells of a matrix written with commas: in an alignment used as a matrix (\left( \begin{align}
 * &0, &&x_{1,1} \\ … \end{align} \right)) the commas separate the cells and every & is layout; in an
 * array, a comma before a cell's & (W_{2,2},& W_{2,1}) is punctuation. A comma ending a row is dropped.
 */
function matrixCells(input: Tok[]): Tok[] {
  const out: Tok[] = [];
  const envs: { commas: boolean; depth: number }[] = [];
  const trailing = () => {
    const last = out[out.length - 1];
    if (last && (last.type === "comma" || (last.type === "amp" && last.value === ","))) out.pop();
  };
  for (let i = 0; i < input.length; i++) {
    const t = input[i]!;
    const env = envs[envs.length - 1];
    if (t.type === "begin") {
      if (env) env.depth++;
      envs.push({ commas: /\{align/.test(t.raw) && commaCells(input, i), depth: 0 });
    } else if (t.type === "end" && env && env.depth === 0) {
      trailing();
      envs.pop();
      const outer = envs[envs.length - 1];
      if (outer) outer.depth--;
    } else if (env && (t.type === "lparen" || t.type === "lbrace")) env.depth++;
    else if (env && (t.type === "rparen" || t.type === "rbrace")) env.depth--;
    else if (env && env.depth === 0) {
      if (t.type === "rowsep") trailing();
      else if (t.type === "amp" && env.commas) continue;
      else if (t.type === "amp" && out[out.length - 1]?.type === "comma") out.pop();
      else if (t.type === "comma" && env.commas) {
        out.push({ ...t, type: "amp", value: ",", text: "," });
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

const AND = new Set(["\\cap", "\\land", "\\wedge", "and"]);
const CONDITION_WORDS = new Set(["if", "for", "when"]);
/** Words that join two conditions (English, German, French, Spanish, Chinese, Russian). */
const CONJUNCTIONS = new Set(["and", "und", "et", "y", "且", "并且", "而且", "и"]);

/** The words of a prose token (\text{ and } → "and"), trimmed and lower-cased. */
function proseWords(t: Tok): string {
  return t.raw
    .replace(/\\(?:text|textrm|mbox|mathrm|textit|textbf)\s*\{([^{}]*)\}/g, "$1")
    .trim()
    .toLowerCase();
}

/**
 * \begin{cases} E, cond \\ 0, otherwise \end{cases} (a local derivative written as a case split): E
 * times the Iverson bracket of cond, as a sum over no index with that condition, when every other
 * row is 0. Conditions are chains of relations (1 <= p-(i-1)s <= f_r), joined by \cap, \land, "and" or
 * commas; `<=` typed as two characters is one relation. Other case splits are left as they are.
 */
function casesBracket(toks: Tok[]): Tok[] {
  const begin = toks.findIndex(
    (t, k) => t.value === "\\begin" && toks[k + 2]?.value === "cases" && toks[k + 3]?.type === "rbrace",
  );
  if (begin < 0) return toks;
  const end = toks.findIndex(
    (t, k) => k > begin && t.value === "\\end" && toks[k + 2]?.value === "cases" && toks[k + 3]?.type === "rbrace",
  );
  if (end < 0) return toks;
  const rows = splitTopWhere(toks.slice(begin + 4, end), (t) => t.type === "rowsep").filter((r) => r.length > 0);
  const split = rows.map((row) => {
    const byAmp = splitTopWhere(row, (t) => t.type === "amp");
    const pieces = byAmp.length > 1 ? byAmp : splitTopWhere(row, (t) => t.type === "comma");
    return pieces.length < 2 ? null : { expr: pieces[0]!, cond: row.slice(pieces[0]!.length + 1) };
  });
  const isZero = (e: readonly Tok[]) => e.length === 1 && e[0]!.type === "num" && Number(e[0]!.value) === 0;
  const live = split.filter((r) => r && !isZero(r.expr));
  if (split.some((r) => r === null) || live.length !== 1) return toks;
  const row = live[0]!;
  // <= typed as < and =; the words and \text{if} around a condition go
  const cond: Tok[] = [];
  for (const t of row.cond) {
    const last = cond[cond.length - 1];
    if (t.type === "eq" && last && (last.type === "le" || last.type === "ge") && last.raw.length === 1)
      cond[cond.length - 1] = { ...last, raw: `${last.raw}=`, value: last.type === "le" ? "\\le" : "\\ge" };
    else if (t.type === "prose") {
      // \text{ and } between two relations joins them (never read as nothing: K_H \text{ and } 0 ≤ … is no
      // product K_H·0); \text{if } before the first is dropped; any other words (or, unless) are not read
      const words = proseWords(t);
      if (CONJUNCTIONS.has(words) && cond.length > 0) cond.push({ ...t, type: "comma", value: "," });
      else if (!(cond.length === 0 && (CONDITION_WORDS.has(words) || words === ""))) return toks;
    } else if (!CONDITION_WORDS.has(t.value)) cond.push(t);
  }
  const parts = splitTopWhere(cond, (t) => AND.has(t.value) || t.type === "comma").filter((p) => p.length > 0);
  if (parts.length === 0 || parts.some((p) => !p.some((t) => relOf(t) !== null))) return toks;
  const conds = parts.flatMap((p) => relations(p));
  const text = conds.map((c) => `${printIndex(c.a)}${c.rel}${printIndex(c.b)}`).join(" ∧ ");
  const data: SumData = { binders: [], conds, text: `[${text}]` };
  const head = merged(toks.slice(begin, begin + 4), "sumop", `[${text}]`, data);
  const paren = (type: "lparen" | "rparen", at: Tok): Tok => ({ ...at, type, value: type === "lparen" ? "(" : ")" });
  return [
    ...toks.slice(0, begin),
    head,
    paren("lparen", toks[begin]!),
    ...row.expr,
    paren("rparen", toks[end]!),
    ...toks.slice(end + 4),
  ];
}

/** δ_{i=c, 2j+k=d}: the subscript at i a list of equalities; the bracket's tokens, [conds] ( 1 ), and its end. */
function deltaOfConditions(toks: readonly Tok[], i: number): { toks: Tok[]; end: number } | null {
  const s = script(toks, i);
  if (!s?.braced) return null;
  const parts = splitTop(s.inner, "comma");
  if (!parts.every((p) => p.filter((u) => relOf(u) !== null).length === 1 && p.some((u) => u.type === "eq")))
    return null;
  let conds: Cond[];
  try {
    conds = parts.flatMap((p) => relations(p));
  } catch (e) {
    if (e instanceof IndexSyntaxError) return null;
    throw e;
  }
  const text = `[${conds.map((c) => `${printIndex(c.a)}${c.rel}${printIndex(c.b)}`).join(" ∧ ")}]`;
  const all = toks.slice(i - 2, s.end);
  const at = all[0]!;
  return {
    toks: [
      merged(all, "sumop", text, { binders: [], conds, text } satisfies SumData),
      { ...at, type: "lparen", value: "(", raw: "(" },
      { ...at, type: "num", value: "1", raw: "1" },
      { ...at, type: "rparen", value: ")", raw: ")" },
    ],
    end: s.end,
  };
}

/** conv2d's arguments by name: the input, the kernel (its names in PyTorch and in sources), padding, stride. */
const INPUT_WORDS = new Set(["input"]);
const KERNEL_WORDS = new Set(["kernel", "weight", "filter"]);
const PAD_WORDS = new Set(["pad", "padding"]);

/**
 * conv2d(input=X, kernel=W, pad=full, stride=1) (sighsmile's post; PyTorch's F.conv2d(input, weight, stride=,
 * padding=)): the arguments given by name, rewritten as conv2d(X, W, full, stride=1) — a padding of 0 is the
 * valid default, one of valid / same / full the mode. A call with any other named argument (dilation, a padding
 * of another number) is left as written, and so is not read.
 */
function namedArguments(toks: Tok[]): Tok[] {
  const at = toks.findIndex(
    (t, k) => t.type === "opfn" && /^conv[123]d$/.test(t.value) && toks[k + 1]?.type === "lparen",
  );
  if (at < 0) return toks;
  let depth = 0;
  let close = -1;
  for (let j = at + 1; j < toks.length && close < 0; j++) {
    const ty = toks[j]!.type;
    if (ty === "lparen" || ty === "lbrace" || ty === "begin") depth++;
    else if (ty === "rparen" || ty === "rbrace" || ty === "end") depth--;
    if (depth === 0) close = j;
  }
  const rest = close < 0 ? [] : namedArguments(toks.slice(close + 1));
  if (close < 0) return toks;
  const args = splitArgs(toks.slice(at + 2, close));
  const named = args.filter((a) => a.length > 2 && a[1]!.type === "eq" && /^[a-z]+$/.test(a[0]!.value));
  if (named.length === 0) return [...toks.slice(0, close + 1), ...rest];
  const positional: Tok[][] = [];
  let input: Tok[] | null = null;
  let kernel: Tok[] | null = null;
  let mode: Tok | null = null;
  let stride: Tok[] | null = null;
  for (const a of args) {
    if (!named.includes(a)) {
      positional.push(a);
      continue;
    }
    const key = a[0]!.value;
    const value = a.slice(2);
    const one = value.length === 1 ? value[0]! : null;
    if (INPUT_WORDS.has(key)) input = value;
    else if (KERNEL_WORDS.has(key)) kernel = value;
    else if (PAD_WORDS.has(key) && one?.type === "mode") mode = one;
    else if (PAD_WORDS.has(key) && one?.type === "num" && Number(one.value) === 0) continue;
    else if (key === "stride" && one?.type === "num") stride = a;
    else return [...toks.slice(0, close + 1), ...rest];
  }
  const operands = [input ?? positional.shift(), kernel ?? positional.shift()];
  if (positional.length > 0 || operands.some((o) => !o || o.length === 0))
    return [...toks.slice(0, close + 1), ...rest];
  const comma = (t: Tok): Tok => ({ ...t, type: "comma", value: ",", raw: ",", text: "," });
  const c = comma(toks[at + 1]!);
  const stride1 = stride ? [{ ...stride[0]!, type: "ident", value: "stride" }, ...stride.slice(1)] : null;
  return [
    ...toks.slice(0, at + 2),
    ...operands[0]!,
    c,
    ...operands[1]!,
    ...(mode ? [c, mode] : []),
    ...(stride1 ? [c, ...stride1] : []),
    toks[close]!,
    ...rest,
  ];
}

/** A call's arguments: split at its top-level commas (not those inside braces, parentheses or matrices). */
function splitArgs(toks: readonly Tok[]): Tok[][] {
  const out: Tok[][] = [[]];
  let depth = 0;
  for (const t of toks) {
    if (t.type === "lparen" || t.type === "lbrace" || t.type === "begin") depth++;
    if (t.type === "rparen" || t.type === "rbrace" || t.type === "end") depth--;
    if (depth === 0 && t.type === "comma") out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out;
}

const isCmd = (t: Tok | undefined, v: string) => t?.type === "cmd" && t.value === v;

/**
 * ⟨A, B⟩ and ⟨A, B⟩_F (the inner product of two vectors, the Frobenius product of two matrices, Zaki's
 * "∂L/∂F_{ij} = ⟨∂L/∂O, ∂O/∂F_{ij}⟩_F"): the sum of their element-wise product, Σ (A ⊙ B). Only with one
 * comma at its own level between \langle and its \rangle; a subscript after it other than F is left to fail,
 * and so is ⟨x, y⟩ := Σ_i x[i] y[i], the bracket defined (left of the first =): its x, y are any two sequences.
 */
function innerProducts(input: Tok[]): Tok[] {
  const toks = input;
  // (rewrites happen at or after i, from the end: the first = keeps its place)
  const firstEq = toks.findIndex((t) => t.type === "eq" || t.type === "defeq");
  for (let i = toks.length - 1; i > firstEq && firstEq >= 0; i--) {
    if (!isCmd(toks[i], "\\langle")) continue;
    let depth = 0;
    let end = -1;
    for (let j = i + 1; j < toks.length && end < 0; j++) {
      if (isCmd(toks[j], "\\langle")) depth++;
      else if (isCmd(toks[j], "\\rangle")) {
        if (depth === 0) end = j;
        else depth--;
      }
    }
    if (end < 0) continue;
    const parts = splitTop(toks.slice(i + 1, end), "comma");
    if (parts.length !== 2 || parts.some((p) => p.length === 0)) continue;
    let after = end + 1;
    if (toks[after]?.type === "under") {
      const s = script(toks, after + 1);
      if (!s || s.inner.map((t) => t.value).join("") !== "F") continue;
      after = s.end;
    }
    const t = toks[i]!;
    const at = (type: string, value: string, from: Tok): Tok => ({ ...from, type, value, text: value });
    const close = toks[end]!;
    toks.splice(
      i,
      after - i,
      at("sum", "\\sum", t),
      at("lparen", "(", t),
      at("lparen", "(", t),
      ...parts[0]!,
      at("rparen", ")", close),
      at("had", "\\odot", close),
      at("lparen", "(", close),
      ...parts[1]!,
      at("rparen", ")", close),
      at("rparen", ")", close),
    );
  }
  return toks;
}

/**
 * net_{o_{11}}, out_{i_{11}} (Charmve's book: neuron o_{11}'s input and output): a word below a name with its
 * own number below it — the name's label, and the entry's index: net_o at 11.
 */
function labelledEntries(input: Tok[]): Tok[] {
  const toks = input;
  for (let k = toks.length - 9; k >= 0; k--) {
    const [a, u1, b1, w, u2, b2, n, e2, e1] = toks.slice(k, k + 9);
    if (
      !a ||
      !NAME_TYPES.has(a.type) ||
      !/^[A-Za-z]{2,}$/.test(a.value) ||
      u1?.type !== "under" ||
      b1?.type !== "lbrace" ||
      !w ||
      !/^[A-Za-z]$/.test(w.value) ||
      u2?.type !== "under" ||
      b2?.type !== "lbrace" ||
      n?.type !== "num" ||
      e2?.type !== "rbrace" ||
      e1?.type !== "rbrace"
    )
      continue;
    const value = `${a.value}_${w.value}`;
    toks.splice(k, 9, { ...a, type: "ident", value, text: value, raw: a.raw + u1.raw + b1.raw + w.raw }, u2, b2, n, e2);
  }
  return toks;
}

/**
 * T not after ^ (nor ^{): a name — Dou's T := 1 + ⌊(I − K + 2p)/s⌋, the output's length — not the transpose mark.
 */
function bareT(toks: Tok[]): Tok[] {
  return toks.map((t, i) => {
    if (t.type !== "tr") return t;
    const prev = toks[i - 1];
    const script = prev?.type === "caret" || (prev?.type === "lbrace" && toks[i - 2]?.type === "caret");
    return script ? t : { ...t, type: "ident" };
  });
}

/**
 * Golan's ∂w_{11} = ∂h_{11} x_{11} + … "(∂w_{ij} ≡ ∂L/∂w_{ij})": ∂ before a name, neither in a fraction nor
 * before a slash, is the loss's derivative by it — as dw, dx are — so \frac{\partial J}{\partial w_{11}}.
 */
function partialShorthand(toks: Tok[]): Tok[] {
  const NAME = new Set(["ident", "ent", "mat", "entd"]);
  const BEFORE = new Set(["eq", "plus", "minus", "amp", "lparen", "mul", "defeq", "rowsep", "pluseq"]);
  const out: Tok[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const prev = toks[i - 1];
    if (t.type !== "partial" || !NAME.has(toks[i + 1]?.type ?? "") || (prev && !BEFORE.has(prev.type))) {
      out.push(t);
      continue;
    }
    // the name with its subscripts and superscripts
    let k = i + 2;
    for (let guard = 0; guard < 4 && ["under", "caret", "subs"].includes(toks[k]?.type ?? ""); guard++) {
      // (y₁₂: subscript digits are one token of their own)
      const end = toks[k]!.type === "subs" ? k + 1 : toks[k + 1]?.type === "lbrace" ? braceEnd(toks, k + 1) : k + 2;
      if (end < 0 || end > toks.length) break;
      k = end;
    }
    if (toks[k]?.type === "slash") {
      out.push(t);
      continue;
    }
    const mk = (type: string, value: string): Tok => ({ ...t, type, value, text: value });
    out.push(
      mk("frac", "\\frac"),
      mk("lbrace", "{"),
      mk("partial", "\\partial"),
      mk("J", "J"),
      mk("rbrace", "}"),
      mk("lbrace", "{"),
      t,
      ...toks.slice(i + 1, k),
      mk("rbrace", "}"),
    );
    i = k - 1;
  }
  return out;
}

const PASSES: readonly ((t: Tok[]) => Tok[])[] = [
  namedArguments,
  bareT,
  innerProducts,
  labelledEntries,
  matrixCells,
  wholeWords,
  casesBracket,
  equationNumber,
  prose,
  slashFrac,
  indexAfterGradient,
  partialBraces,
  wordNames,
  primedNames,
  overToFrac,
  partialShorthand,
  lossAndNabla,
  sideCondition,
];

export function group(input: readonly Tok[]): Tok[] {
  let toks = suchThat(input);
  for (const pass of PASSES) toks = pass(toks);
  const out: Tok[] = [];
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    const prev = out[out.length - 1];
    // 'full' → mode
    if (t.type === "prime" && toks[i + 1]?.type === "mode" && toks[i + 2]?.type === "prime") {
      out.push(toks[i + 1]!);
      i += 3;
      continue;
    }
    // δ_{i=c, l=d} (Dasharath's homework): a Kronecker delta of conditions, 1 where they all hold — the Iverson
    // bracket [i=c ∧ l=d] of 1 (no gradient's entry is indexed by relations)
    const iverson = t.type === "delta" && toks[i + 1]?.type === "under" ? deltaOfConditions(toks, i + 2) : null;
    if (iverson) {
      out.push(...iverson.toks);
      i = iverson.end;
      continue;
    }
    // ∑_m⋅∑_n h_{m,n} … (Charmve's): a product sign right after a sum's operator joins nothing — the sums nest
    if (t.type === "mul" && prev?.type === "sumop" && (prev.data as SumData | undefined)?.binders.length) {
      i++;
      continue;
    }
    // ⊙ written \circ (a degree only after ^ or a rotation)
    if (
      t.type === "deg" &&
      t.value === "\\circ" &&
      prev?.type !== "caret" &&
      !(prev?.type === "lbrace" && out[out.length - 2]?.type === "caret") &&
      prev?.type !== "rot" &&
      prev?.value !== "180"
    ) {
      out.push({ ...t, type: "had" });
      i++;
      continue;
    }
    // rot_{180^\circ}, rot180 written \operatorname{rot}180, rot^{180}
    if (t.type === "rotword") {
      let j = i + 1;
      if (toks[j]?.type === "under" || toks[j]?.type === "caret") {
        const s = script(toks, j + 1);
        if (s && s.inner[0]?.value === "180") j = s.end;
        else j = -1;
      } else if (toks[j]?.value === "180") {
        j++;
        if (toks[j]?.type === "caret") {
          const s = script(toks, j + 1);
          if (s && s.inner.every((x) => x.type === "deg")) j = s.end;
        } else if (toks[j]?.type === "deg") j++;
      } else j = -1;
      if (j > 0) {
        out.push(merged(toks.slice(i, j), "rot", "rot180"));
        i = j;
        continue;
      }
    }
    // \sum with its range
    if (t.type === "sum" && (toks[i + 1]?.type === "under" || toks[i + 1]?.type === "caret")) {
      let sub: Tok[] | null = null;
      let sup: Tok[] | null = null;
      let j = i + 1;
      for (let k = 0; k < 2; k++) {
        const c = toks[j];
        if (c?.type !== "under" && c?.type !== "caret") break;
        const s = script(toks, j + 1);
        if (!s) throw new IndexSyntaxError(toks[j + 1] ?? null, "the sum's range");
        // ∑_nh_{m,n} (Charmve's): an unbraced subscript is one letter, as TeX reads it — the letters after it are
        // a name with its own script (only then: \sum_ij alone may mean Σ_{ij})
        const w = s.inner[0]!;
        if (
          c.type === "under" &&
          !s.braced &&
          /^[A-Za-z]{2,}$/.test(w.value) &&
          w.raw === w.value &&
          (toks[s.end]?.type === "under" || toks[s.end]?.type === "caret")
        ) {
          const [head, tail] = splitFirstLetter(w, classifyWord(w.value.slice(1)));
          toks = [...toks.slice(0, s.end - 1), head, tail, ...toks.slice(s.end)];
          sub = [head];
          j = s.end;
          break;
        }
        // \sum_m' (ygrepo's notes): the primes after an unbraced subscript are the index's
        let end = s.end;
        while (c.type === "under" && !s.braced && (toks[end]?.type === "prime" || toks[end]?.type === "dprime")) end++;
        if (c.type === "under") sub = end === s.end ? s.inner : toks.slice(j + 1, end);
        else sup = s.inner;
        j = end;
      }
      if (!sub) throw new IndexSyntaxError(t, "a subscript naming the summation index (\\sum_{m})");
      const data = sumData(sub, sup);
      out.push(merged(toks.slice(i, j), "sumop", `Σ_{${data.text}}`, data));
      i = j;
      continue;
    }
    // g(G, V, s)_{i,j,k,l}: a function of the source's own, of several arguments, indexed — one name
    if (
      (NAME_TYPES.has(t.type) || t.type === "J") &&
      toks[i + 1]?.type === "lparen" &&
      toks[i + 1]!.raw === "(" &&
      (t.end ?? t.offset + t.raw.length) === toks[i + 1]!.offset
    ) {
      const end = closeParen(toks, i + 1);
      const args = splitTop(toks.slice(i + 2, end - 1), "comma");
      if (
        (toks[end]?.type === "under" || toks[end]?.type === "subs") &&
        args.length > 1 &&
        args.every((a) => a.length > 0 && a.every((x) => NAME_TYPES.has(x.type) || x.type === "num"))
      ) {
        const value = `${t.value}(${args.map((a) => a.map((x) => x.value).join("")).join(", ")})`;
        out.push({ ...merged(toks.slice(i, end), "ident", value) });
        i = end;
        const sc = toks[i]!.type === "subs" ? null : script(toks, i + 1);
        if (toks[i]!.type === "subs") {
          out.push(idxToken([toks[i]!], subscriptDigits(toks[i]!.value)));
          i++;
        } else if (sc) {
          out.push(idxToken(toks.slice(i, sc.end), parseIndexList(sc.inner)));
          i = sc.end;
        }
        continue;
      }
    }
    // f(…), f'(…), \sigma'(…), f_a(…), {f_a}'(…): an activation applied
    const braced = t.type === "lbrace" && toks[i + 1]?.type === "ident" && ACTIVATIONS.has(toks[i + 1]!.value);
    if ((t.type === "ident" && ACTIVATIONS.has(t.value)) || braced) {
      const f = braced ? toks[i + 1]! : t;
      let j = braced ? i + 2 : i + 1;
      let name = f.value;
      // f'_{l}(…): the primes before the layer's subscript
      const early = fnPrimes(toks, j);
      const before = early.n > 0 && toks[early.end]?.type === "under" ? early.n : 0;
      if (before > 0) j = early.end;
      if (toks[j]?.type === "under") {
        const sc = script(toks, j + 1);
        if (sc && sc.inner.length === 1 && /^[A-Za-z]+$/.test(sc.inner[0]!.value)) {
          name = `${f.value}_${sc.inner[0]!.value}`;
          j = sc.end;
        }
      }
      if (braced) j = toks[j]?.type === "rbrace" ? j + 1 : -1;
      const p = j > 0 ? fnPrimes(toks, j) : null;
      // f(i, j) (Jinman's (f ∗ g)(x, y) = Σ f(i, j) g(x − i, y − j)): an activation takes one argument, so a
      // list of indices makes f a name
      const indexed = !!p && p.n + before === 0 && !braced && indexList(toks, p.end);
      if (p && !indexed && toks[p.end]?.type === "lparen" && toks[p.end]!.raw === "(") {
        const primes = p.n + before;
        out.push(merged(toks.slice(i, p.end), "fn", name + "'".repeat(primes), { name, primes }));
        i = p.end;
        continue;
      }
    }
    // (I \star K)(i, j): an operator's result indexed by a call, as (I \star K)_{ij} is by a subscript
    if (t.type === "rparen" && toks[i + 1]?.type === "lparen" && operatorGroup(toks, i)) {
      const end = callIndex(toks, i + 1);
      if (end !== null) {
        out.push(t, idxToken(toks.slice(i + 1, end), parseIndexList(toks.slice(i + 2, end - 1))));
        i = end;
        continue;
      }
    }
    // a name with its layer tag and subscript
    if (NAME_TYPES.has(t.type) || (t.type === "rparen" && toks[i + 1]?.type === "under")) {
      let j = i + 1;
      let tag: string | null = null;
      let tagEnd = i + 1;
      let idx: Tok | null = null;
      for (let k = 0; k < 2; k++) {
        const c = toks[j];
        if (c?.type === "caret" && !tag && t.type !== "rparen") {
          const s = script(toks, j + 1);
          // l^1_{I,i,j,m}: a number written before a subscript is the layer, not a power (w_{22}^2 is one)
          // ∂L/∂l^1: what a derivative is taken by is a tensor, not a power (l^1 is layer 1's output)
          const byIt =
            toks[i - 1]?.type === "partial" && (s?.end === toks.length || toks[s?.end ?? 0]?.type === "rbrace");
          const numericOk =
            idx === null && s !== null && (toks[s.end]?.type === "under" || toks[s.end]?.type === "subs" || byIt);
          const lt = s ? layerTag(s.inner, numericOk) : null;
          if (!s || lt === null) break;
          tag = lt;
          j = s.end;
          tagEnd = j;
        } else if (c?.type === "under" && !idx) {
          const s = script(toks, j + 1);
          if (!s) throw new IndexSyntaxError(toks[j + 1] ?? null, "an index");
          idx = idxToken(toks.slice(j, s.end), parseIndexList(s.inner));
          j = s.end;
        } else if (c?.type === "subs" && !idx) {
          idx = idxToken([c], subscriptDigits(c.value));
          j++;
        } else break;
      }
      if (t.type === "rparen") {
        out.push(t);
        if (idx) out.push(idx);
        i = j;
        continue;
      }
      // z_i^{(L)}[n]: a letter below a tagged name with its entry in brackets after is a sample's index
      // (Schulz's "for sample i"), written before the layer as in 劉建平's a^{i,l}
      // (untagged, \hat{y}_i[n] is sample i's ŷ: the name ŷ_i, its entry n)
      const sample = idx?.data as IExpr[] | undefined;
      let labelled: string | null = null;
      if (
        sample?.length === 1 &&
        sample[0]!.k === "v" &&
        /^[a-z]$/.test(sample[0].name) &&
        (tag !== null || t.type !== "delta")
      ) {
        const end = toks[j]?.raw === "[" ? callIndex(toks, j) : null;
        if (end !== null) {
          if (tag !== null) tag = `${sample[0].name},${tag}`;
          else labelled = `${t.value}_${sample[0].name}`;
          tagEnd = j;
          idx = idxToken(toks.slice(j, end), parseIndexList(toks.slice(j + 1, end - 1)));
          j = end;
        }
      } else if (sample?.length === 1 && sample[0]!.k === "n" && tag !== null && toks[j]?.raw === "[") {
        // Z^l_0[i,j] (ShenJian's "the output after the convolution kernel"): a number below a tagged name
        // with its entry in brackets after labels the name
        const end = callIndex(toks, j);
        if (end !== null) {
          labelled = `${t.value}_${sample[0].v}`;
          tagEnd = j;
          idx = idxToken(toks.slice(j, end), parseIndexList(toks.slice(j + 1, end - 1)));
          j = end;
        }
      }
      let name = t;
      if (labelled !== null)
        name = {
          ...t,
          type: "ident",
          value: labelled,
          text: labelled,
          raw: toks
            .slice(i, tagEnd)
            .map((x) => x.raw)
            .join(""),
        };
      if (tag !== null) {
        const key = `${labelled ?? (t.type === "delta" ? "\\delta" : t.value)}^{${tag}}`;
        name = {
          ...t,
          type: "ident",
          value: key,
          text: key,
          raw: toks
            .slice(i, Math.max(tagEnd, i + 1))
            .map((x) => x.raw)
            .join(""),
        };
      } else if (
        t.type === "delta" &&
        (idx || (!NAME_TYPES.has(toks[j]?.type ?? "") && toks[j]?.type !== "entd" && toks[j]?.type !== "dentd"))
      ) {
        name = { ...t, type: "ident", value: "\\delta" };
      }
      // h[i,j] (brackets are never an application), K(m,n) (not for f, σ, E, …)
      if (
        !idx &&
        name.type !== "delta" &&
        (toks[j]?.raw === "[" ||
          !NOT_CALL_INDEXED.has(name.value.replace(/\^.*$/, "")) ||
          (ACTIVATIONS.has(name.value) && indexList(toks, j)))
      ) {
        const end = callIndex(toks, j);
        if (end !== null) {
          idx = idxToken(toks.slice(j, end), parseIndexList(toks.slice(j + 1, end - 1)));
          j = end;
        }
      }
      // \mathbb{I}_{F^l}(h,h',w,w'): a subscripted name applied to indices is a function of the source's own
      const applied = idx && toks[j]?.raw === "(" ? callIndex(toks, j) : null;
      if (idx && applied !== null) {
        const args = toks
          .slice(j + 1, applied - 1)
          .map((x) => (x.type === "comma" ? ", " : x.value))
          .join("");
        out.push(merged(toks.slice(i, applied), "ident", `${name.value}_{${idx.value}}(${args})`));
        i = applied;
        continue;
      }
      out.push(name);
      if (idx) out.push(idx);
      i = j;
      continue;
    }
    out.push(t);
    i++;
  }
  return rotatedBySuperscript(out);
}

/** W^{rot180}, W_1^{rot180} (Microsoft's AI-EDU): the rotation written as a superscript of a name, rot180(W). */
function rotatedBySuperscript(toks: Tok[]): Tok[] {
  const out = [...toks];
  for (let k = 1; k < out.length; k++) {
    if (out[k]!.type !== "caret") continue;
    const braced = out[k + 1]?.type === "lbrace" && out[k + 2]?.type === "rot" && out[k + 3]?.type === "rbrace";
    const bare = out[k + 1]?.type === "rot";
    if (!braced && !bare) continue;
    const rot = out[k + (braced ? 2 : 1)]!;
    // the name, with its index
    const at0 = out[k - 1]!.type === "idx" ? k - 2 : k - 1;
    const name = out[at0];
    if (!name || !NAME_TYPES.has(name.type) || name.type === "delta") continue;
    // (\Delta Y^{rot180}: the gradient's sign with it)
    const start = out[at0 - 1]?.type === "Delta" ? at0 - 1 : at0;
    const at = (t: Tok, type: string, value: string): Tok => ({
      ...t,
      type,
      value,
      text: value,
      raw: "",
      data: undefined,
    });
    out.splice(
      start,
      k - start + (braced ? 4 : 2),
      rot,
      at(name, "lparen", "("),
      ...out.slice(start, k),
      at(out[k - 1]!, "rparen", ")"),
    );
  }
  return out;
}
