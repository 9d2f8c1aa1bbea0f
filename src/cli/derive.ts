/** `convgrad derive`: flags → LayerSpec → derive() → a printer. */
import { Command, Option } from "commander";
import type { EventEmitter } from "node:events";
import type { LayerSpec } from "../conv/config.js";
import { derive, DEFAULT_MAX_TERMS, type Derivation } from "../derive.js";
import type { GeneralSpec } from "../grad/general.js";
import { UsageError } from "../errors.js";
import { SECTION_CHARS } from "../print/budget.js";
// The printers and the general formulas are imported by the action that uses them, so that other
// commands (verify, --help) do not load them.

/**
 * Derivation tables per kind (Y, ΔW, ΔX) in the text, latex and markdown outputs of a layer with more than
 * TABLES_ALL_UP_TO input entries, unless --all: its corners, edges and centre (each table draws the
 * whole grid: a 64×64 layer's would be hundreds of megabytes).
 */
const TEXT_TABLES = 16;
const TABLES_ALL_UP_TO = 256;
const manyTables = (d: Derivation): boolean => d.tensors.X.shape.reduce((a, b) => a * b, 1) > TABLES_ALL_UP_TO;
import { EXIT_CODES, writeAll, withNewlines } from "./output.js";
import { addNotationOptions, NOTATION_FLAGS, notationFromFlags, type NotationFlags } from "./notation.js";
import { parseChoice, parseDims, parseInteger, parsePadding, parsePoints, parsePerAxis, parseSize } from "./parse.js";

export interface ConfigFlags {
  input?: string;
  kernel?: string;
  op: string;
  stride?: string;
  padding?: string;
  dilation?: string;
  inChannels?: string;
  outChannels?: string;
  groups?: string;
  batch?: string;
  bias?: boolean;
  indexBase: string;
}

const watched = new WeakSet<Option>();

/**
 * A flag given twice (`--input 3x3 … --input 4x4`) is a UsageError naming it; commander alone
 * would keep the last value silently. Applies to the options cmd has when called (program.ts calls
 * it again once every command is complete; an option is watched once). Options with their own
 * argument parser decide what a repeat means (verify's --expr collects every one).
 */
export function refuseRepeatedOptions(cmd: Command): Command {
  for (const opt of cmd.options) {
    if (watched.has(opt) || opt.parseArg !== undefined || opt.variadic) continue;
    watched.add(opt);
    const key = opt.attributeName();
    // Before commander's own listener, so the value source is still the previous occurrence's.
    // A Command is an EventEmitter at run time; its typings declare only on().
    (cmd as unknown as EventEmitter).prependListener(`option:${opt.name()}`, (value: unknown) => {
      if (cmd.getOptionValueSource(key) !== "cli") return;
      const flag = opt.long ?? opt.flags;
      const prev = cmd.getOptionValue(key) as unknown;
      const values = typeof value === "string" && typeof prev === "string" ? ` ("${prev}", then "${value}")` : "";
      throw new UsageError(flag, `is given more than once${values}; give it once`);
    });
  }
  return cmd;
}

/** The layer flags shared by derive, verify and slides (a repeated one is an error). */
export function addConfigOptions(cmd: Command, kernelRequired = true): Command {
  cmd
    .option("--input <size>", "input X spatial size, one integer per axis (1-3 axes): 3x3, 7, 4x4x4")
    .option("--kernel <size>", `kernel W spatial size, same number of axes: 2x2${kernelRequired ? " (required)" : ""}`)
    .option(
      "--op <op>",
      "conv = true convolution (kernel flipped, the lecture's *), xcorr = cross-correlation (PyTorch conv2d)",
      "conv",
    )
    .option("--stride <n>", "stride, one integer or one per axis: 2, 2x1", undefined)
    .option(
      "--padding <p>",
      "valid | same | full (numpy/scipy), or integers per axis: 1, 1x2, lo:hi as 0:1x1:0",
      undefined,
    )
    .option("--dilation <n>", "kernel dilation, one integer or one per axis: 2, 1x2", undefined)
    .option("--in-channels <n>", "input channels C_in (adds a channel axis: X [C_in, ...]): 3")
    .option("--out-channels <n>", "output channels C_out (W [C_out, C_in/groups, ...]): 4")
    .option("--groups <n>", "channel groups; must divide both channel counts: 2")
    .option("--batch <n>", "batch size N (X [N, C_in, ...], Y [N, C_out, ...]): 2")
    .option("--bias", "add a bias b per output channel (a scalar without channels)")
    .option("--index-base <n>", "first index as printed: 1 (slides) or 0 (code)", "1");
  return refuseRepeatedOptions(cmd);
}

export function specFromFlags(o: ConfigFlags): LayerSpec {
  if (o.input === undefined) throw new UsageError("--input", "is required, e.g. --input 3x3");
  if (o.kernel === undefined) throw new UsageError("--kernel", "is required, e.g. --kernel 2x2");
  const spec: LayerSpec = {
    op: parseChoice("--op", o.op, ["conv", "xcorr"] as const),
    input: parseSize("--input", o.input),
    kernel: parseSize("--kernel", o.kernel),
    indexBase: parseInteger("--index-base", o.indexBase, 0),
    bias: o.bias === true,
  };
  if (o.stride !== undefined) spec.stride = parsePerAxis("--stride", o.stride);
  if (o.padding !== undefined) spec.padding = parsePadding(o.padding);
  if (o.dilation !== undefined) spec.dilation = parsePerAxis("--dilation", o.dilation);
  if (o.inChannels !== undefined) spec.inChannels = parseInteger("--in-channels", o.inChannels, 1);
  if (o.outChannels !== undefined) spec.outChannels = parseInteger("--out-channels", o.outChannels, 1);
  if (o.groups !== undefined) spec.groups = parseInteger("--groups", o.groups, 1);
  if (o.batch !== undefined) spec.batch = parseInteger("--batch", o.batch, 1);
  return spec;
}

/** The first of these options given on the command line is an error naming it, why: never silently dropped. */
export function refuseGiven(cmd: Command, keys: readonly string[], why: string): void {
  const given = keys.find((k) => cmd.getOptionValueSource(k) === "cli");
  if (given) throw new UsageError(`--${given.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())}`, why);
}

/** With --general, the flags of one concrete layer are errors; without it, --general's own flags are. */
export function refuseForGeneral(cmd: Command, general: boolean, concrete: readonly string[]): void {
  if (general)
    refuseGiven(cmd, concrete, "does not apply to --general (every size at once; --channels adds channel axes)");
  else {
    refuseGiven(cmd, ["dims"], "applies to --general only (otherwise --input gives the axes)");
    refuseGiven(cmd, ["channels"], "applies to --general only (otherwise give --in-channels/--out-channels)");
  }
}

/** --general's layer: op, axes (--dims), stride, dilation, padding (numbers, valid or full), index base, bias. */
export function generalSpecFromFlags(o: ConfigFlags & { dims?: string; channels?: boolean }): GeneralSpec {
  const dims = parseDims(o.dims);
  const axes = (flag: string, v: number | number[] | undefined, dflt: number): number[] => {
    if (v === undefined) return new Array<number>(dims).fill(dflt);
    const arr = typeof v === "number" ? new Array<number>(dims).fill(v) : v;
    if (arr.length !== dims) throw new UsageError(flag, `has ${arr.length} axes but --dims is ${dims}`);
    return arr;
  };
  const stride = axes("--stride", o.stride === undefined ? undefined : parsePerAxis("--stride", o.stride), 1);
  const dilation = axes("--dilation", o.dilation === undefined ? undefined : parsePerAxis("--dilation", o.dilation), 1);
  const p = o.padding === undefined ? "valid" : parsePadding(o.padding);
  let padding: GeneralSpec["padding"];
  if (p === "same")
    throw new UsageError(
      "--padding",
      "same depends on whether each kernel size is even or odd; with --general give lo:hi amounts (or valid, full)",
    );
  else if (p === "full") padding = "full";
  else if (p === "valid") padding = new Array(dims).fill([0, 0] as const);
  else if (typeof p === "number") padding = new Array(dims).fill([p, p] as const);
  else {
    const arr = (p as readonly (number | readonly [number, number])[]).map((x) =>
      typeof x === "number" ? ([x, x] as const) : x,
    );
    padding = arr.length === 1 ? new Array(dims).fill(arr[0]!) : arr;
    if (padding.length !== dims) throw new UsageError("--padding", `has ${padding.length} axes but --dims is ${dims}`);
  }
  return {
    op: parseChoice("--op", o.op, ["conv", "xcorr"] as const),
    stride,
    dilation,
    padding,
    indexBase: parseInteger("--index-base", o.indexBase, 0),
    bias: o.bias === true,
    channels: o.channels === true,
  };
}

export function deriveCommand(): Command {
  const cmd = new Command("derive")
    .description(
      "derive the forward entries, the chain rule and every gradient of a convolution layer, and check the Rot180 rules",
    )
    .addHelpText(
      "after",
      `
Examples:
  convgrad derive --input 3x3 --kernel 2x2                  the lecture (true convolution)
  convgrad derive --input 4x5 --kernel 3x2 --op xcorr --padding 1 --format json
  convgrad derive --input 6x6 --kernel 3x3 --in-channels 4 --out-channels 2 --groups 2 --batch 2 --bias
  convgrad derive --input 128x128 --kernel 7x7 --format summary

${EXIT_CODES}`,
    );
  addConfigOptions(cmd);
  cmd
    .addOption(
      new Option(
        "--format <f>",
        "text (Unicode, like the slides) | json (convgrad.gradients/1) | summary (counts, timings, verdicts) | latex (amsmath fragments) | markdown ($$ math for KaTeX)",
      ).default("text"),
    )
    .option("--standalone", "latex format: a complete article that compiles with pdflatex")
    .option(
      "--tables",
      "text, latex and markdown formats: add the derivation tables (the lecture's verification slides)",
    )
    .option(
      "--max-terms <n>",
      "refuse configurations with more forward terms than this, or needing more memory than 130 bytes a term (a large stride makes symbols the bulk): 50000000",
      String(DEFAULT_MAX_TERMS),
    )
    .option(
      "--method <m>",
      "how the rule checks decide: structural (canonical forms) | numeric (exact random points): --method numeric",
      "structural",
    )
    .option("--points <n>", "random points for --method numeric: 5", "3")
    .option("--no-steps", "text format: only the forward entries, gradients and checks, not the chain-rule steps")
    .option(
      "--all",
      "text, latex and markdown formats: print every entry and every table (each section otherwise stops after about 500 000 characters, and --tables draws 16 per kind, each saying how many it leaves out)",
    )
    .option(
      "--activation <f>",
      "text and json formats: the input is an activation x = f(z) of a pre-activation z; also derive δz = δx ⊙ f'(z) (f'(z) one symbol per entry): f, \\sigma, relu",
    )
    .option(
      "--general",
      "every size at once: the forward formula, the partials, the chain rule and the gradients in index notation, sizes symbolic (K_1, K_2 the kernel size); with --dims, no --input/--kernel",
    )
    .option("--dims <d>", "with --general: the number of spatial axes, 1-3: 2")
    .option("--channels", "with --general: channel axes, x_{c,…}, w_{o,c,…}, y_{o,…} (one group, no batch)");
  addNotationOptions(cmd); // latex and markdown formats
  cmd.action(
    async (
      o: ConfigFlags & {
        format: string;
        maxTerms: string;
        method: string;
        points: string;
        steps: boolean;
        all?: boolean;
        standalone?: boolean;
        tables?: boolean;
        activation?: string;
        general?: boolean;
        dims?: string;
        channels?: boolean;
      } & NotationFlags,
    ) => {
      const t0 = performance.now();
      const format = parseChoice("--format", o.format, ["text", "json", "summary", "latex", "markdown"] as const);
      if (o.general) {
        refuseForGeneral(cmd, true, [
          "input",
          "kernel",
          "inChannels",
          "outChannels",
          "groups",
          "batch",
          "activation",
          "standalone",
          "tables",
          "maxTerms",
          "method",
          "points",
          "steps",
          ...NOTATION_FLAGS,
        ]);
        if (format === "summary")
          throw new UsageError("--format", "--general prints text, latex, markdown or json, got summary");
        const g = generalSpecFromFlags(o);
        const { generalFormulas } = await import("../grad/general.js");
        const { generalJson, generalLatexLines, generalMarkdownLines, generalTextLines } =
          await import("../print/general.js");
        const fs = generalFormulas(g);
        if (format === "json") await writeAll([generalJson(g, fs)]);
        else
          await writeAll(
            withNewlines(
              format === "latex"
                ? generalLatexLines(g, fs)
                : format === "markdown"
                  ? generalMarkdownLines(g, fs)
                  : generalTextLines(g, fs),
            ),
          );
        return;
      }
      refuseForGeneral(cmd, false, []);
      if (o.standalone && format !== "latex")
        throw new UsageError("--standalone", `only applies to --format latex, got --format ${format}`);
      if (o.tables && (format === "json" || format === "summary"))
        throw new UsageError("--tables", `applies to --format text, latex or markdown, got --format ${format}`);
      if (format !== "latex" && format !== "markdown")
        refuseGiven(cmd, NOTATION_FLAGS, `applies to --format latex or markdown, got --format ${format}`);
      if (format !== "text" && format !== "latex" && format !== "markdown")
        refuseGiven(
          cmd,
          ["all"],
          `applies to --format text, latex or markdown (json prints every entry, summary none), got --format ${format}`,
        );
      if (o.activation !== undefined) {
        if (format !== "text" && format !== "json")
          throw new UsageError("--activation", `applies to --format text or json, got --format ${format}`);
        if (!/^(\\?[A-Za-z]{1,12})$/.test(o.activation))
          throw new UsageError(
            "--activation",
            `"${o.activation}" is not a function name (letters, optionally a LaTeX command: f, \\sigma, relu)`,
          );
      }
      const spec = specFromFlags(o);
      const d = derive(spec, {
        ...(o.activation !== undefined ? { activation: o.activation } : {}),
        maxTerms: parseInteger("--max-terms", o.maxTerms, 1),
        method: parseChoice("--method", o.method, ["structural", "numeric"] as const),
        points: parsePoints(o.points),
      });
      if (format === "json") await writeAll((await import("../print/json.js")).jsonChunks(d));
      else if (format === "summary")
        await writeAll(
          withNewlines(
            (await import("../print/summary.js")).summaryLines(d, {
              totalMs: performance.now() - t0,
              peakRss: process.resourceUsage().maxRSS * 1024,
            }),
          ),
        );
      else if (format === "latex" || format === "markdown") {
        const lo = {
          tables: o.tables === true,
          ...notationFromFlags(o, d),
          ...(o.all ? {} : { sectionChars: SECTION_CHARS, ...(manyTables(d) ? { maxTables: TEXT_TABLES } : {}) }),
        };
        const { latexLines, latexStandaloneLines } = await import("../print/latex.js");
        const { markdownLines } = await import("../print/markdown.js");
        await writeAll(
          withNewlines(
            format === "markdown"
              ? markdownLines(d, lo)
              : o.standalone
                ? latexStandaloneLines(d, lo)
                : latexLines(d, lo),
          ),
        );
      } else {
        const { textLines } = await import("../print/text.js");
        const { tablesTextLines } = await import("../print/tables.js");
        await writeAll(
          withNewlines(textLines(d, { steps: o.steps, ...(o.all ? {} : { sectionChars: SECTION_CHARS }) })),
        );
        if (o.tables)
          await writeAll(withNewlines(["", ...tablesTextLines(d, o.all || !manyTables(d) ? Infinity : TEXT_TABLES)]));
      }
      if (d.checks.some((c) => c.holds === false)) process.exitCode = 1;
    },
  );
  return cmd;
}
