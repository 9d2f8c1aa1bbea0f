/**
 * Writing possibly huge outputs: chunks are batched and written with back-pressure, and the
 * process is never exit()ed after writing (that cuts piped output at 64 KiB) — callers set
 * process.exitCode and return.
 */
export async function writeAll(chunks: Iterable<string>, out: NodeJS.WritableStream = process.stdout): Promise<void> {
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
