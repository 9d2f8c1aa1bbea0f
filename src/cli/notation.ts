/** Notation flags shared by `slides` and `derive --format latex|markdown`. */
import type { Command } from "commander";
import type { Derivation } from "../derive.js";
import type { LatexOptions, SymbolNames } from "../print/latex.js";
import { UsageError } from "../errors.js";
import { parseChoice } from "./parse.js";

export const NOTATION_FLAGS = ["names", "grad", "indexStyle"] as const;

export interface NotationFlags {
  names: string;
  grad: string;
  indexStyle: string;
}

export function addNotationOptions(cmd: Command): Command {
  return cmd
    .option(
      "--names <x,w,y>",
      "symbol names for the input, kernel and output entries (LaTeX specials are escaped)",
      "x,w,y",
    )
    .option("--grad <notation>", "gradient entries as delta (δx₁₁) | partial (∂J/∂x₁₁) | Delta (Δx₁₁)", "delta")
    .option(
      "--index-style <s>",
      "compact (x_{11}; commas past 9) | comma (x_{1,1}) | auto (comma with channels)",
      "auto",
    );
}

/** The notation the flags ask for. */
export function notationFromFlags(
  o: NotationFlags,
  d: Derivation,
): Pick<LatexOptions, "names" | "grad" | "commaIndex"> {
  const grad = parseChoice("--grad", o.grad, ["delta", "partial", "Delta"] as const);
  const indexStyle = parseChoice("--index-style", o.indexStyle, ["compact", "comma", "auto"] as const);
  const names = parseNames(o.names);
  const b = [names.x, names.w, names.y].find((n) => n.toUpperCase() === "B");
  if (b !== undefined && d.config.bias) throw new UsageError("--names", `"${b}" is taken: with --bias, b is the bias`);
  return { names, grad, commaIndex: indexStyle === "auto" ? d.config.hasChannels : indexStyle === "comma" };
}

/** Parses --names "x,w,y": three distinct printable ASCII names without spaces or commas. */
export function parseNames(s: string): SymbolNames {
  const parts = s.split(",").map((p) => p.trim());
  if (parts.length !== 3)
    throw new UsageError("--names", `needs three names for x, w and y separated by commas, e.g. a,k,z; got "${s}"`);
  for (const p of parts) {
    if (!/^[\x21-\x7e]+$/.test(p))
      throw new UsageError("--names", `"${p}" is not a name: use printable ASCII characters without spaces`);
  }
  if (new Set(parts).size !== 3) throw new UsageError("--names", `the three names must differ, got "${s}"`);
  // tensors are the names upper-cased (a → A): a and A would name two roles one way
  const upper = parts.map((p) => p.toUpperCase());
  const twice = upper.find((u, i) => upper.indexOf(u) !== i);
  if (twice !== undefined)
    throw new UsageError(
      "--names",
      `two roles would be the tensor ${twice} ("${s}"): the names must differ in more than case`,
    );
  const j = parts.find((p) => p.toUpperCase() === "J");
  if (j !== undefined) throw new UsageError("--names", `"${j}" is taken: J is the loss (∂J/∂x)`);
  return { x: parts[0]!, w: parts[1]!, y: parts[2]! };
}
