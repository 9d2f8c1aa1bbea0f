// Compiles grammar/main.ne (nearley + moo) into src/lang/grammar.generated.ts.
// The generated file is never edited by hand and is not committed (see .gitignore).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "grammar", "main.ne");
const out = join(root, "src", "lang", "grammar.generated.ts");
const nearleyc = join(root, "node_modules", "nearley", "bin", "nearleyc.js");
mkdirSync(dirname(out), { recursive: true });
execFileSync(process.execPath, [nearleyc, src, "-o", out], { stdio: ["ignore", "ignore", "inherit"] });
// nearleyc's TypeScript output is not written for `strict`; tell tsc to skip checking it.
const text = readFileSync(out, "utf8");
if (!text.startsWith("// @ts-nocheck")) writeFileSync(out, "// @ts-nocheck\n" + text);
if (!existsSync(out)) throw new Error("grammar build produced no output");
