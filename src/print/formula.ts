/**
 * The formula printer of convgrad's own output: a formula AST (src/lang/ast.ts — what the gradient
 * rules are, and what the parser makes) as Unicode text in the verify language ("ΔX = Rot180(W)
 * *full ΔY", which `convgrad verify --expr` reads back to the same AST) or as LaTeX math with the
 * printer's tensor names (\Delta \mathbf{X} = Rot180^{\circ}(\mathbf{W}) *_{\text{full}} …).
 *
 * One function per node kind; the two styles differ only in the FormulaStyle record (symbols and
 * names); brackets come from one precedence table and one `wrap`. Verify's diagnosis messages print
 * parsed formulas with src/lang/print.ts instead (its own round-trip form of every node kind).
 */
import { spanText } from "../conventions.js";
import type { ConvSpec, Index, MatrixBase, Node } from "../lang/ast.js";
import type { Rel, SumData } from "../lang/group.js";
import { printIndex } from "../lang/indexexpr.js";
import { prec, PREC_ATOM, PREC_PROD, PREC_SUM } from "../lang/print.js";

/** The symbols and names one output style writes. */
export interface FormulaStyle {
  /** X, W, Y and their gradients: "ΔX"; "\Delta \mathbf{X}". */
  tensor(base: MatrixBase, grad: boolean): string;
  /** An entry's base letter (b) and gradient mark: "δb"; "\delta b". */
  entry(base: string, grad: boolean): string;
  /** A function's name: "pad"; "\operatorname{pad}". */
  fn(name: string): string;
  rot: string;
  /** An infix convolution: "*full", "⋆"; "*_{\text{full}}", "\star". */
  conv(c: ConvSpec): string;
  stride: string;
  sigma: string;
  /** " s.t. " between a sum's binders and its conditions. */
  suchThat: string;
  rel: Record<Rel, string>;
  /** Products: "·" and " ⊙ "; " \\cdot " and " \\odot ". */
  mul: string;
  had: string;
  /** A single-letter sum index without braces (Σ_o). */
  bareSub: boolean;
  /** A partial derivative ∂of/∂wrt: "∂y_{i}/∂x_{u}"; "\\frac{\\partial y_{i}}{\\partial x_{u}}". */
  partial(of: string, wrt: string): string;
  /** Entries' indices as subscripts, y_{o,i} (index notation), instead of y[o,i]. */
  subscripts?: boolean;
  /** Juxtaposition (w_{m} x_{i+m}) before `right`; without it, the product sign. */
  juxt?: (right: Node) => string;
}

const REL_TEXT: Record<Rel, string> = { "=": "=", "<=": "≤", "<": "<", ">=": "≥", ">": ">", "!=": "≠" };
const REL_LATEX: Record<Rel, string> = { "=": "=", "<=": "\\le", "<": "<", ">=": "\\ge", ">": ">", "!=": "\\ne" };

/** The verify language, as derive's text, JSON and summary print rules. */
export const TEXT_STYLE: FormulaStyle = {
  tensor: (base, grad) => (grad ? "Δ" : "") + base,
  entry: (base, grad) => (grad ? "δ" : "") + base,
  fn: (name) => name,
  rot: "Rot180",
  conv: (c) => (c.op === "xcorr" ? "⋆" : "*") + (c.explicitMode ? c.mode : ""),
  stride: "stride=",
  sigma: "Σ",
  suchThat: " s.t. ",
  rel: REL_TEXT,
  mul: "·",
  had: " ⊙ ",
  bareSub: true,
  partial: (of, wrt) => `∂${of}/∂${wrt}`,
};

/** LaTeX math; `tensor` names X, W, Y (\mathbf{X}, the user's names). */
export function latexStyle(tensor: (base: MatrixBase) => string): FormulaStyle {
  return {
    tensor: (base, grad) => (grad ? `\\Delta ${tensor(base)}` : tensor(base)),
    entry: (base, grad) => (grad ? `\\delta ${base}` : base),
    fn: (name) => `\\operatorname{${name}}`,
    rot: "Rot180^{\\circ}",
    conv: (c) => (c.op === "xcorr" ? "\\star" : "*") + (c.explicitMode ? `_{\\text{${c.mode}}}` : ""),
    stride: "\\mathrm{stride}=",
    sigma: "\\sum",
    suchThat: "\\text{ s.t. }",
    rel: REL_LATEX,
    mul: " \\cdot ",
    had: " \\odot ",
    bareSub: false,
    partial: (of, wrt) => `\\frac{\\partial ${of}}{\\partial ${wrt}}`,
  };
}

function indexText(i: Index, st: FormulaStyle): string {
  const items = i.kind === "num" ? i.values.join(",") : i.items.map(printIndex).join(",");
  return st.subscripts ? `_{${items}}` : `[${items}]`;
}

function sums(s: SumData, st: FormulaStyle): string {
  const sub = (t: string) => (st.bareSub && /^[A-Za-z]$/.test(t) ? `_${t}` : `_{${t}}`);
  const conds = s.conds.map((c) => `${printIndex(c.a)} ${st.rel[c.rel]} ${printIndex(c.b)}`).join(", ");
  const cond = conds ? `${st.suchThat}${conds}` : "";
  // Σ_{n,i,j}: unbounded binders share one Σ
  if (s.binders.every((b) => !b.lo && !b.hi)) return `${st.sigma}${sub(s.binders.map((b) => b.name).join(",") + cond)}`;
  return s.binders
    .map((b, k) => {
      const c = k === s.binders.length - 1 ? cond : "";
      if (b.lo && b.hi) return `${st.sigma}_{${b.name}=${printIndex(b.lo)}${c}}^{${printIndex(b.hi)}}`;
      const lo = b.lo ? `${printIndex(b.lo)} ${st.rel["<="]} ` : "";
      const hi = b.hi ? ` ${st.rel["<="]} ${printIndex(b.hi)}` : "";
      return `${st.sigma}_{${lo}${b.name}${hi}${c}}`;
    })
    .join(" ");
}

function node(n: Node, st: FormulaStyle): string {
  const wrap = (c: Node, min: number): string => (prec(c) < min ? `(${node(c, st)})` : node(c, st));
  switch (n.k) {
    case "num":
      return n.d === 1 ? String(n.n) : `(${n.n}/${n.d})`;
    case "matrix":
      return st.tensor(n.base, n.grad);
    case "ref": {
      const name =
        n.name === "X" || n.name === "W" || n.name === "Y" ? st.tensor(n.name, n.grad) : st.entry(n.name, n.grad);
      return name + (n.index ? indexText(n.index, st) : "");
    }
    case "entry":
      return st.entry(n.base, n.grad) + (n.index ? indexText(n.index, st) : "");
    case "rot":
      return `${st.rot}(${node(n.arg, st)})`;
    case "dilate":
      return `${st.fn("dilate")}(${node(n.arg, st)}, ${n.s.join(", ")})`;
    case "pad":
      return `${st.fn(n.crop ? "crop" : "pad")}(${node(n.arg, st)}${n.p === null ? "" : `, ${n.p.map(spanText).join(", ")}`})`;
    case "convfn": {
      if (n.transpose) throw new Error("formula printer: conv_transpose is not one of convgrad's own formulas");
      const stride = n.stride
        ? `, ${st.stride}${n.stride.length === 1 ? n.stride[0] : `(${n.stride.join(", ")})`}`
        : "";
      const mode = n.conv.explicitMode || !n.stride ? `, ${n.conv.mode}` : "";
      return `${st.fn(n.conv.op)}(${node(n.a, st)}, ${node(n.b, st)}${mode}${stride})`;
    }
    case "bin": {
      if (n.op === "+" || n.op === "-") return `${wrap(n.left, PREC_SUM)} ${n.op} ${wrap(n.right, PREC_PROD)}`;
      const op =
        n.op === "conv"
          ? ` ${st.conv(n.conv!)} `
          : n.op === "had"
            ? st.had
            : n.op === "div"
              ? "/"
              : n.op === "juxt" && st.juxt
                ? st.juxt(n.right)
                : st.mul;
      return `${wrap(n.left, PREC_PROD)}${op}${wrap(n.right, PREC_ATOM)}`;
    }
    case "neg":
      return `-${wrap(n.arg, PREC_PROD)}`;
    case "partial":
      if (n.of === "J") throw new Error("formula printer: ∂J is not one of convgrad's own formulas");
      return st.partial(node(n.of, st), node(n.wrt, st));
    case "sumall":
      return `${st.sigma} ${wrap(n.arg, PREC_ATOM)}`;
    case "sumover":
      // Σ_q Σ_o …: a sum's argument runs to the end, so nested sums need no brackets
      return `${sums(n.sum, st)} ${n.arg.k === "sumover" ? node(n.arg, st) : wrap(n.arg, PREC_PROD)}`;
    default:
      throw new Error(`formula printer: no ${n.k} node in convgrad's own formulas`);
  }
}

/** One side of a formula. */
export function printFormulaNode(n: Node, style: FormulaStyle = TEXT_STYLE): string {
  return node(n, style);
}

/** An equation's sides joined by " = ". */
export function printFormula(sides: readonly Node[], style: FormulaStyle = TEXT_STYLE): string {
  return sides.map((s) => node(s, style)).join(" = ");
}
