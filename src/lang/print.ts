/**
 * Prints formula ASTs as text (Unicode, like convgrad's other output) or LaTeX. Whatever is
 * printed parses back to the same AST (test/verify/roundtrip.test.ts). `conv` overrides print a
 * variant of a formula (verify's near-miss diagnosis: "holds with full padding: …").
 */
import { OP_SYMBOL, spanText } from "../conventions.js";
import { entryName, partialName } from "../print/names.js";
import { spine, type ConvSpec, type Index, type Node } from "./ast.js";
import type { SumData } from "./group.js";
import { printIndex } from "./indexexpr.js";

export type FormulaStyle = "text" | "latex";

export interface PrintOptions {
  /** Replacement op/mode of particular convolution nodes. */
  conv?: ReadonlyMap<Node, ConvSpec>;
}

/** How tightly a node binds, for parentheses: sums, products, atoms (every printer of the AST). */
export const PREC_SUM = 1;
export const PREC_PROD = 2;
export const PREC_ATOM = 3;

export function prec(n: Node): number {
  if (n.k === "bin") return n.op === "+" || n.op === "-" ? PREC_SUM : PREC_PROD;
  if (n.k === "neg" || n.k === "sumover") return PREC_SUM;
  return PREC_ATOM;
}

class Printer {
  constructor(
    readonly style: FormulaStyle,
    readonly opts: PrintOptions,
  ) {}

  paren(s: string): string {
    return this.style === "latex" ? `\\left(${s}\\right)` : `(${s})`;
  }

  wrap(n: Node, min: number): string {
    const s = this.node(n);
    return prec(n) < min ? this.paren(s) : s;
  }

  convSpec(n: Node, c: ConvSpec): ConvSpec {
    return this.opts.conv?.get(n) ?? c;
  }

  convOp(c: ConvSpec): string {
    const written =
      c.sym === undefined
        ? null
        : this.style === "latex"
          ? c.sym
          : c.sym.replace("\\otimes", "⊗").replace("\\circledast", "⊛").replace("\\ast", "∗");
    const sym = written ?? (c.op === "xcorr" ? (this.style === "latex" ? "\\star" : OP_SYMBOL.xcorr) : "*");
    // a written stride (X *_{s=2} W) is a valid convolution: the mode is not written with it
    if (c.stride !== undefined) return `${sym}_{s=${c.stride}}`;
    if (!c.explicitMode) return sym;
    return this.style === "latex" ? `${sym}_{\\text{${c.mode}}}` : `${sym}${c.mode}`;
  }

  entry(n: Extract<Node, { k: "entry" }>): string {
    const sym = (n.grad ? "δ" : "") + n.base;
    if (!n.index) return this.style === "latex" ? (n.grad ? `\\delta ${n.base}` : n.base) : sym;
    if (n.index.kind === "expr") {
      const b = this.style === "latex" && n.grad ? `\\delta ${n.base}` : sym;
      return `${b}${this.index(n.index)}`;
    }
    const vals = n.index.values;
    if (this.style === "latex") return entryName(sym, vals, "latex");
    // Unicode subscripts need at least one index; plain style when a subscript can't say it.
    return entryName(sym, vals, "unicode");
  }

  index(i: Index): string {
    return `_{${i.kind === "num" ? i.values.join(",") : i.items.map(printIndex).join(",")}}`;
  }

  /** Nested sums, one binder each: \\sum_{m=0}^{k-1} \\sum_{n} (parses back to the same binders). */
  sums(s: SumData): string {
    const sigma = this.style === "latex" ? "\\sum" : "Σ";
    const conds = s.conds.map(
      (c) => `${printIndex(c.a)} ${c.rel === "<=" ? "\\le" : c.rel === ">=" ? "\\ge" : c.rel} ${printIndex(c.b)}`,
    );
    // a case split's condition (\begin{cases} E, cond \\ 0, otherwise): an Iverson bracket
    if (s.binders.length === 0) return `[${conds.join(this.style === "latex" ? " \\land " : " ∧ ")}]`;
    return s.binders
      .map((b, k) => {
        const cond = k === s.binders.length - 1 && conds.length ? ` \\text{ s.t. } ${conds.join(", ")}` : "";
        if (!b.lo && !b.hi) return `${sigma}_{${b.name}${cond}}`;
        if (b.lo && b.hi) return `${sigma}_{${b.name}=${printIndex(b.lo)}${cond}}^{${printIndex(b.hi)}}`;
        const lo = b.lo ? `${printIndex(b.lo)} \\le ` : "";
        const hi = b.hi ? ` \\le ${printIndex(b.hi)}` : "";
        return `${sigma}_{${lo}${b.name}${hi}${cond}}`;
      })
      .join(" ");
  }

  node(n: Node): string {
    const latex = this.style === "latex";
    switch (n.k) {
      case "num": {
        const v = n.d === 1 ? String(n.n) : latex ? `\\frac{${n.n}}{${n.d}}` : `${n.n}/${n.d}`;
        return n.d === 1 || latex ? v : `(${v})`;
      }
      case "entry":
        return this.entry(n);
      case "partial": {
        const of = n.of === "J" ? "J" : this.node(n.of);
        const wrt = this.node(n.wrt);
        return partialName(of, wrt, latex ? "latex" : "unicode");
      }
      case "matrix":
        return n.grad ? (latex ? `\\Delta ${n.base}` : `Δ${n.base}`) : n.base;
      case "ref": {
        const g = n.grad ? (n.index ? (latex ? "\\delta " : "δ") : latex ? "\\Delta " : "Δ") : "";
        return `${g}${n.name}${n.index ? this.index(n.index) : ""}`;
      }
      case "at":
        return `(${this.node(n.arg)})${this.index(n.index)}`;
      case "fn":
        return `${n.name}${"'".repeat(n.primes)}(${this.node(n.arg)})`;
      case "neg":
        return `-${this.wrap(n.arg, PREC_PROD)}`;
      case "bin": {
        const ov = n.op === "conv" ? this.opts.conv?.get(n) : undefined;
        if (ov?.swap) return `${this.wrap(n.right, PREC_PROD)} ${this.convOp(ov)} ${this.wrap(n.left, PREC_ATOM)}`;
        if (n.op === "+" || n.op === "-") {
          const sp = spine(n, ["+", "-"]);
          let out = this.wrap(sp.first, PREC_SUM);
          for (const r of sp.rest) out += ` ${r.op} ${this.wrap(r.right, PREC_PROD)}`;
          return out;
        }
        const sp = spine(n, ["mul", "juxt", "div", "conv", "had"]);
        let out = this.wrap(sp.first, PREC_PROD);
        let cur: Node = n;
        // recover the node of each step (for conv overrides): walk again from the top
        const steps: Node[] = [];
        while (cur.k === "bin" && ["mul", "juxt", "div", "conv", "had"].includes(cur.op)) {
          steps.push(cur);
          cur = cur.left;
        }
        steps.reverse();
        sp.rest.forEach((r, i) => {
          const right = this.wrap(r.right, PREC_ATOM);
          if (r.op === "div") out += latex ? ` / ${right}` : `/${right}`;
          else if (r.op === "conv") out += ` ${this.convOp(this.convSpec(steps[i]!, r.conv!))} ${right}`;
          else if (r.op === "had") out += latex ? ` \\odot ${right}` : ` ⊙ ${right}`;
          else out += latex ? (r.op === "mul" ? ` \\cdot ${right}` : ` ${right}`) : `·${right}`;
        });
        return out;
      }
      case "pow":
        return `${this.wrap(n.base, PREC_ATOM)}^{${n.exp}}`;
      case "transpose":
        return `${this.wrap(n.arg, PREC_ATOM)}^{${latex ? "\\top" : "T"}}`;
      case "rot":
        return `${latex ? "\\mathrm{Rot180}" : "Rot180"}(${this.node(n.arg)})`;
      case "convfn": {
        if (n.transpose) {
          const t = n.transpose;
          const list = (vs: readonly number[]) => (vs.length === 1 ? String(vs[0]) : `(${vs.join(", ")})`);
          const kw = [
            ["stride", n.stride ?? [1], 1],
            ["padding", t.padding, 0],
            ["output_padding", t.outputPadding, 0],
            ["dilation", t.dilation, 1],
          ] as const;
          const args = kw
            .filter(([, vs, dflt]) => vs.some((v) => v !== dflt))
            .map(([name, vs]) => `, ${latex ? name.replace("_", "\\_") : name}=${list(vs)}`);
          return `${latex ? "\\operatorname{conv\\_transpose}" : "conv_transpose"}(${this.node(n.a)}, ${this.node(n.b)}${args.join("")})`;
        }
        const c = this.convSpec(n, n.conv);
        const name = c.op === null ? "conv" : c.op;
        const [a, b] = c.swap ? [n.b, n.a] : [n.a, n.b];
        const stride = n.stride ? `, stride=${n.stride.length === 1 ? n.stride[0] : `(${n.stride.join(", ")})`}` : "";
        // the mode as written; a defaulted valid is left out only where a stride follows (conv(X, W, stride=2))
        const mode = c.explicitMode || !n.stride ? `, ${c.mode}` : "";
        return `${latex ? `\\operatorname{${name}}` : name}(${this.node(a)}, ${this.node(b)}${mode}${stride})`;
      }
      case "dilate":
        return `${latex ? "\\operatorname{dilate}" : "dilate"}(${this.node(n.arg)}, ${n.s.join(", ")})`;
      case "pad": {
        const name = n.crop ? "crop" : "pad";
        const spans = n.p === null ? "" : `, ${n.p.map(spanText).join(", ")}`;
        return `${latex ? `\\operatorname{${name}}` : name}(${this.node(n.arg)}${spans})`;
      }
      case "sumall":
        return `${latex ? "\\sum " : "Σ "}${this.wrap(n.arg, PREC_ATOM)}`;
      case "sumover":
        return `${this.sums(n.sum)} ${this.wrap(n.arg, PREC_PROD)}`;
      case "tuple":
        return `(${n.items.map((i) => this.node(i)).join(", ")})`;
      case "ellipsis":
        return latex ? "\\dots" : "…";
      case "bmatrix":
        return `\\begin{bmatrix} ${n.rows.map((r) => r.map((c) => this.node(c)).join(" & ")).join(" \\\\ ")} \\end{bmatrix}`;
    }
  }
}

export function printNode(n: Node, style: FormulaStyle = "text", opts: PrintOptions = {}): string {
  return new Printer(style, opts).node(n);
}

export function printEquation(sides: readonly Node[], style: FormulaStyle = "text", opts: PrintOptions = {}): string {
  const p = new Printer(style, opts);
  return sides.map((s) => p.node(s)).join(" = ");
}

/** Long formulas are shortened in messages (the source is in the result anyway). */
export function clip(s: string, n = 80): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
