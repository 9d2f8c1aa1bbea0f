/** `convgrad slides`: a complete Beamer deck of a derivation (src/export/beamer.ts). */
import { Command } from "commander";
import { derive, DEFAULT_MAX_TERMS } from "../derive.js";
import { beamerLines, DEFAULT_MAX_FRAMES } from "../export/beamer.js";
import { parseNames } from "../print/latex.js";
import { addConfigOptions, specFromFlags, type ConfigFlags } from "./derive.js";
import { withNewlines, writeAll } from "./output.js";
import { parseChoice, parseInteger } from "./parse.js";

interface SlidesFlags extends ConfigFlags {
  title: string;
  author: string;
  names: string;
  grad: string;
  indexStyle: string;
  allFrames?: boolean;
  maxFrames: string;
  maxTerms: string;
}

export function slidesCommand(): Command {
  const cmd = new Command("slides")
    .description("print a Beamer deck of the derivation (notation, forward pass, chain rule, summary, Rot180 rules, verification tables) for pdflatex")
    .addHelpText(
      "after",
      `
Examples:
  convgrad slides --input 3x3 --kernel 2x2 > deck.tex && pdflatex deck.tex     the lecture
  convgrad slides --input 4x4 --kernel 3x3 --op xcorr --title "Backprop" --author "A. Lecturer"
  convgrad slides --input 3x3 --kernel 2x2 --names a,k,z --grad partial --index-style comma`,
    );
  addConfigOptions(cmd);
  cmd
    .option("--title <text>", "title of the deck (LaTeX specials are escaped)", "Back-propagation through convolution")
    .option("--author <text>", "author line (LaTeX specials are escaped)", "")
    .option("--names <x,w,y>", "symbol names for the input, kernel and output entries", "x,w,y")
    .option("--grad <notation>", "gradient entries as delta (δx₁₁) | partial (∂J/∂x₁₁) | Delta (Δx₁₁)", "delta")
    .option("--index-style <s>", "compact (x_{11}; commas only past 9) | comma (x_{1,1}) | auto (comma with channels)", "auto")
    .option("--all-frames", "one frame for every entry, however many (default: a representative subset for large sizes)")
    .option("--max-frames <n>", "entries per section before the deck shows a representative subset", String(DEFAULT_MAX_FRAMES))
    .option("--max-terms <n>", "refuse configurations with more forward terms than this", String(DEFAULT_MAX_TERMS));
  cmd.action(async (o: SlidesFlags) => {
    const grad = parseChoice("--grad", o.grad, ["delta", "partial", "Delta"] as const);
    const indexStyle = parseChoice("--index-style", o.indexStyle, ["compact", "comma", "auto"] as const);
    const names = parseNames(o.names);
    const maxFrames = parseInteger("--max-frames", o.maxFrames, 1);
    const d = derive(specFromFlags(o), { maxTerms: parseInteger("--max-terms", o.maxTerms, 1) });
    const commaIndex = indexStyle === "auto" ? d.config.hasChannels : indexStyle === "comma";
    await writeAll(
      withNewlines(beamerLines(d, { title: o.title, author: o.author, names, grad, commaIndex, allFrames: o.allFrames === true, maxFrames })),
    );
    if (d.checks.some((c) => c.holds === false)) process.exitCode = 1;
  });
  return cmd;
}
