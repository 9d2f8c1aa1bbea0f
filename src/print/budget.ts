/**
 * The bound on each section of a printed derivation (text, LaTeX, Markdown): a section prints its
 * entries until it has used its budget of characters, then says how many it leaves out, so that a
 * large layer never floods a terminal or a file with gigabytes. The CLI's budget is SECTION_CHARS
 * per section unless --all; the library's printers default to no bound.
 */

/** The CLI's bound on one section, in characters (about 8 000 lines of 60). */
export const SECTION_CHARS = 500_000;

/**
 * How much of a derivation the printers write out in full, whatever the budget: one place for each
 * number. Text and LaTeX differ on purpose: a text chain-rule term is a short product on one line,
 * a LaTeX one a pair of fractions in a display.
 */
export const PRINT_LIMITS = {
  /**
   * Up to this many entries of Y, text's chain-rule line names every ∂J/∂y·∂y/∂s (the zero ones too); above, it counts
   * the entries of Y that contain s.
   */
  textFullChainY: 16,
  /**
   * Up to this many entries of Y, a LaTeX chain-rule row (LaTeX, Markdown, the web page) names every term; above, only
   * the non-zero ones.
   */
  latexFullChainY: 4,
  /** A matrix (bmatrix) shows at most this many rows and columns, then dots: LaTeX and Markdown. */
  matrixDim: 10,
  /** The same on a slide. */
  slideMatrixDim: 6,
} as const;

/**
 * The lines of entries 0…count−1 (entry i's are lines(i)) until they pass `budget` characters;
 * returns how many entries were left out (0 when every one was printed).
 */
export function* budgeted(
  count: number,
  budget: number,
  lines: (i: number) => Iterable<string>,
): Generator<string, number> {
  let used = 0;
  for (let i = 0; i < count; i++) {
    if (used > budget) return count - i;
    for (const line of lines(i)) {
      used += line.length + 1;
      yield line;
    }
  }
  return 0;
}

/** The line that counts what a section left out: "… 12 more entries of Y not shown (…)". */
export function omittedText(n: number, what: string): string {
  return `… ${n} more ${what} not shown (--all prints every one; --format json writes them all compactly)`;
}
