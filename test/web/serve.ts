/**
 * The browser tests' fixtures: web/dist built when missing or older than its sources, served by a
 * tiny static HTTP server, and Debian's Chromium (never a downloaded browser).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const DIST = join(ROOT, "web", "dist");

export const CHROMIUM = process.env.CONVGRAD_CHROMIUM ?? "/usr/bin/chromium";
export const REQUIRE_BROWSER = process.env.CONVGRAD_REQUIRE_BROWSER === "1";
/** Skipped (not failed) without Chromium, unless CONVGRAD_REQUIRE_BROWSER=1. */
export const SKIP_BROWSER = !existsSync(CHROMIUM) && !REQUIRE_BROWSER;
export const SKIP_REASON = `SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CONVGRAD_CHROMIUM; CONVGRAD_REQUIRE_BROWSER=1 makes this a failure)`;

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  // the generated grammar is rewritten by every build; grammar/ is its source
  for (const e of readdirSync(path)) if (e !== "dist" && e !== "node_modules" && !e.endsWith(".generated.ts")) m = Math.max(m, newest(join(path, e)));
  return m;
}

/** Builds web/dist (vite, as `npm run build:web` does after its type-check) when it is missing or stale. */
export function ensureBuilt(): void {
  const index = join(DIST, "index.html");
  const sources = ["web", "src", "grammar", "docs/examples/lecture-summary.tex", "package.json"].map((p) => join(ROOT, p));
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newest))) return;
  const vite = join(ROOT, "node_modules", "vite", "bin", "vite.js");
  const r = spawnSync(process.execPath, [vite, "build", "--config", "web/vite.config.ts"], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`vite build failed (${r.status}): ${r.stderr || r.stdout}`);
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".json": "application/json",
  ".png": "image/png",
  ".wasm": "application/wasm",
};

/** The headers of `npm run web` (web/vite.config.ts's ISOLATION): a cross-origin-isolated page, which proofs need. */
export const ISOLATION = { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" };

/** Serves web/dist on 127.0.0.1 (a free port), with the isolation headers when asked; resolves with its base URL. */
export function serve(opts: { isolated?: boolean } = {}): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = normalize(join(DIST, path.endsWith("/") ? path + "index.html" : path));
    if (!file.startsWith(DIST + sep) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", ...(opts.isolated ? ISOLATION : {}) }).end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const addr = server.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/`, server });
    });
  });
}
