/** Loads every corpus source: test/verify/corpus/NN-name.truth.ts (default export: CorpusSource). */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CorpusSource } from "./types.js";

export const CORPUS_DIR = dirname(fileURLToPath(import.meta.url));

export async function loadCorpus(): Promise<CorpusSource[]> {
  const files = readdirSync(CORPUS_DIR)
    .filter((f) => /^\d{2,3}-[a-z0-9-]+\.truth\.ts$/.test(f))
    // (by number: 100 after 99)
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b));
  const out: CorpusSource[] = [];
  for (const f of files) {
    const mod = (await import(join(CORPUS_DIR, f))) as { default: CorpusSource };
    out.push(mod.default);
  }
  return out;
}

export function corpusText(src: CorpusSource): string {
  return readFileSync(join(CORPUS_DIR, src.file), "utf8");
}
