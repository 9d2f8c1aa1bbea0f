/**
 * Writing possibly huge outputs: chunks are batched and written with back-pressure, and the
 * process is never exit()ed after writing (that cuts piped output at 64 KiB) — callers set
 * process.exitCode and return.
 */
const guarded = new WeakSet<NodeJS.WritableStream>();

/**
 * When the reader goes away (`convgrad derive ... | head`), writes fail with EPIPE: stop quietly,
 * like other command-line tools, instead of an unhandled 'error' event and a stack trace.
 */
export function stopOnClosedPipe(out: NodeJS.WritableStream): void {
  if (guarded.has(out)) return;
  guarded.add(out);
  out.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
  });
}

export async function writeAll(chunks: Iterable<string>, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  stopOnClosedPipe(out);
  let batch = "";
  const flush = async () => {
    if (!batch) return;
    const ok = out.write(batch);
    batch = "";
    if (!ok) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  };
  for (const c of chunks) {
    batch += c;
    if (batch.length >= 1 << 20) await flush();
  }
  await flush();
}

export function* withNewlines(lines: Iterable<string>): Generator<string> {
  for (const l of lines) yield l + "\n";
}

/**
 * Control characters as visible escapes (ESC → \x1b, U+202E → \u{202e}): an echoed flag value
 * or file name must not drive the terminal (clear the screen, recolour, reorder text).
 * C0 and C1 controls, DEL, and the Unicode line separators and bidirectional controls.
 */
export function escapeControls(s: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is this function's job
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
  });
}

/** The exit codes, as --help states them (README.md says the same). */
export const EXIT_CODES = `Exit codes:
  0   success: every check holds
  1   a check fails (a Rot180 rule, or a formula given to verify)
  2   bad input: an unknown or repeated flag, a bad value, a request too large (one line on stderr);
      in verify, an equation that does not parse or is beyond a limit (nested > 100 levels, degree > 64)
  70  internal error: a bug in convgrad, please report it (--debug prints the stack trace)`;
