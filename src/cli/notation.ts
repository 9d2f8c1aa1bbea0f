/** Notation flags shared by `slides` and `derive --format latex|markdown`. */
import type { Command } from "commander";
import type { Derivation } from "../derive.js";
import type { LatexOptions } from "../print/latex.js";
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

/** The notation the flags ask for (loads the LaTeX printer: only commands that print LaTeX call it). */
export async function notationFromFlags(
  o: NotationFlags,
  d: Derivation,
): Promise<Pick<LatexOptions, "names" | "grad" | "commaIndex">> {
  const { parseNames } = await import("../print/latex.js");
  const grad = parseChoice("--grad", o.grad, ["delta", "partial", "Delta"] as const);
  const indexStyle = parseChoice("--index-style", o.indexStyle, ["compact", "comma", "auto"] as const);
  const names = parseNames(o.names);
  const b = [names.x, names.w, names.y].find((n) => n.toUpperCase() === "B");
  if (b !== undefined && d.config.bias) throw new UsageError("--names", `"${b}" is taken: with --bias, b is the bias`);
  return { names, grad, commaIndex: indexStyle === "auto" ? d.config.hasChannels : indexStyle === "comma" };
}
