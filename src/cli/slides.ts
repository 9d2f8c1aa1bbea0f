/** `convgrad slides`: a complete Beamer deck of a derivation (src/export/beamer.ts). */
import { Command } from "commander";
import { derive, DEFAULT_MAX_TERMS } from "../derive.js";
import { addConfigOptions, generalSpecFromFlags, refuseForGeneral, specFromFlags, type ConfigFlags } from "./derive.js";
import { addNotationOptions, notationFromFlags, type NotationFlags } from "./notation.js";
import { EXIT_CODES, withNewlines, writeAll } from "./output.js";
import { parseInteger } from "./parse.js";

interface SlidesFlags extends ConfigFlags, NotationFlags {
  title: string;
  author: string;
  allFrames?: boolean;
  maxFrames?: string;
  maxTerms: string;
  general?: boolean;
  dims?: string;
  channels?: boolean;
}

export function slidesCommand(): Command {
  const cmd = new Command("slides")
    .description(
      "print a Beamer deck of the derivation (notation, forward pass, chain rule, summary, Rot180 rules, verification tables) for pdflatex",
    )
    .addHelpText(
      "after",
      `
Examples:
  convgrad slides --input 3x3 --kernel 2x2 > deck.tex && pdflatex deck.tex && pdflatex deck.tex
                                         the lecture (pdflatex twice, or latexmk -pdf deck.tex: the
                                         footer's "n / total" needs the total the first run records)
  convgrad slides --input 4x4 --kernel 3x3 --op xcorr --title "Backprop" --author "A. Lecturer"
  convgrad slides --input 3x3 --kernel 2x2 --names a,k,z --grad partial --index-style comma

${EXIT_CODES}`,
    );
  addConfigOptions(cmd);
  cmd
    .option("--title <text>", "title of the deck (LaTeX specials are escaped)", "Back-propagation through convolution")
    .option("--author <text>", "author line (LaTeX specials are escaped)", "");
  addNotationOptions(cmd);
  cmd
    .option(
      "--all-frames",
      "one frame for every entry, however many (default: a representative subset for large sizes)",
    )
    .option("--max-frames <n>", "entries per section before the deck shows a representative subset (default 12)")
    .option(
      "--max-terms <n>",
      "refuse configurations with more forward terms than this, or needing more memory than 130 bytes a term (a large stride makes symbols the bulk): 50000000",
      String(DEFAULT_MAX_TERMS),
    )
    .option(
      "--general",
      "a deck of the gradients for every size (index notation, K_1, K_2 the kernel size); with --dims, no --input/--kernel",
    )
    .option("--dims <d>", "with --general: the number of spatial axes, 1-3: 2")
    .option("--channels", "with --general: channel axes (one group, no batch)");
  cmd.action(async (o: SlidesFlags) => {
    if (o.general) {
      refuseForGeneral(cmd, true, [
        "input",
        "kernel",
        "inChannels",
        "outChannels",
        "groups",
        "batch",
        "allFrames",
        "maxFrames",
        "maxTerms",
        "names",
        "grad",
        "indexStyle",
      ]);
      const g = generalSpecFromFlags(o);
      const { generalFormulas } = await import("../grad/general.js");
      const { generalBeamerLines } = await import("../export/general-beamer.js");
      await writeAll(withNewlines(generalBeamerLines(g, generalFormulas(g), { title: o.title, author: o.author })));
      return;
    }
    refuseForGeneral(cmd, false, []);
    // the deck's modules load here, not when the CLI starts (verify and --help never need them)
    const { beamerLines, DEFAULT_MAX_FRAMES } = await import("../export/beamer.js");
    const maxFrames = o.maxFrames === undefined ? DEFAULT_MAX_FRAMES : parseInteger("--max-frames", o.maxFrames, 1);
    const d = derive(specFromFlags(o), { maxTerms: parseInteger("--max-terms", o.maxTerms, 1) });
    await writeAll(
      withNewlines(
        beamerLines(d, {
          title: o.title,
          author: o.author,
          ...notationFromFlags(o, d),
          allFrames: o.allFrames === true,
          maxFrames,
        }),
      ),
    );
    if (d.checks.some((c) => c.holds === false)) process.exitCode = 1;
  });
  return cmd;
}
