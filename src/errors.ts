/**
 * convgrad's errors: one hierarchy, one exit code per kind (the CLI, src/cli/program.ts):
 *
 *   0   success: every check holds
 *   1   a check fails — a result (a Derivation's checks, verify's Summary), never an exception
 *   2   bad input: a ConvgradError — a UsageError (a flag, argument or file at fault) or a
 *       LimitError (the input reaches one of convgrad's stated limits); one line, never a stack
 *   70  internal error: any other exception is a bug in convgrad ("please report"; --debug: stack)
 *
 * Catch sites catch the classes they mean (a verify verdict: a LimitError of one equation), never
 * every Error: a genuine bug must reach the top as exit 70, not pass as bad input or a verdict.
 */

/** The CLI's exit codes (README.md and `convgrad --help` state them). */
export const EXIT = { ok: 0, fails: 1, badInput: 2, internal: 70 } as const;

/** An error that is the input's fault, not convgrad's: one line, exit code 2. */
export abstract class ConvgradError extends Error {
  readonly exitCode: typeof EXIT.badInput = EXIT.badInput;
}

/**
 * A problem with what the user asked for. The CLI prints `convgrad: <message>` as one line and
 * exits with code 2; API callers catch it. `input` names the flag or argument at fault.
 */
export class UsageError extends ConvgradError {
  constructor(
    readonly input: string,
    readonly rule: string,
  ) {
    super(`${input}: ${rule}`);
    this.name = "UsageError";
  }
}

/**
 * The input reaches one of convgrad's limits (exact coefficients below 2^53, an expansion budget,
 * a nesting depth): not a verdict on the formula and not a bug. `limit` names the limit. In verify
 * it is the verdict "error" of the one equation that reached it; elsewhere it is bad input (exit 2).
 */
export class LimitError extends ConvgradError {
  constructor(
    readonly limit: string,
    message: string,
  ) {
    super(message);
    this.name = "LimitError";
  }
}

/**
 * A formula whose polynomial degree (a bound, read off the parsed formula before anything expands
 * it: a product of 16 000 factors) is above MAX_DEGREE: refused before expansion, which would cost
 * time and memory quadratic in the degree (src/verify/nesting.ts).
 */
export class DegreeError extends LimitError {
  constructor(
    readonly degree: number,
    readonly max: number,
    readonly what: "text" | "formula" = "formula",
  ) {
    super(
      "degree",
      what === "text"
        ? `its degree ${degree} (the names multiplied in one product, counted on the text before it is read) exceeds convgrad's limit of ${max}`
        : `its degree ${degree} exceeds convgrad's limit of ${max} (a product of that many factors is not expanded)`,
    );
    this.name = "DegreeError";
  }
}

/**
 * A formula nested deeper than MAX_NESTING levels — its brackets (checked on the text, before the
 * recursive-descent index parser sees it) or its operators (checked on the parsed formula) —
 * refused before anything recursive reads it (src/verify/nesting.ts).
 */
export class NestingError extends LimitError {
  constructor(
    readonly depth: number,
    readonly max: number,
    readonly what: "brackets" | "formula" = "formula",
  ) {
    super(
      "nesting depth",
      what === "brackets"
        ? `its brackets are nested ${depth} deep, more than convgrad's limit of ${max}`
        : `the formula is nested ${depth} levels deep, more than convgrad's limit of ${max}`,
    );
    this.name = "NestingError";
  }
}
