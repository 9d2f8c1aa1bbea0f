/**
 * The web page (npm run build:web → web/dist/, npm run web → served on localhost), built from the
 * library's own source. Relative asset paths: any static host serves web/dist, and so does a
 * file:// open —
 *
 * - over HTTP the engine runs in a module worker whose formula-language chunks load with the
 *   first check;
 * - browsers load neither module scripts nor workers from file://, so the page's own script is a
 *   classic script (iife), and assets/engine-file.js — the same worker bundled into one classic
 *   script, as a string — is loaded by a <script> tag on file:// only; the page starts the worker
 *   from it as a Blob.
 */
import { fileURLToPath } from "node:url";
import { build, defineConfig, type Plugin, type Rollup } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const alias = {
  // src/check/numeric.ts loads mathjs's factories with createRequire; see the shim
  "node:module": here("src/shims/node-module.ts"),
  "node:path": here("src/shims/node-path.ts"),
  // the CLI's verify command runs in the worker (src/cli.ts): commander's and its node: imports
  "node:fs": here("src/shims/node-fs.ts"),
  "node:process": here("src/shims/node-process.ts"),
  "node:events": here("src/shims/node-events.ts"),
  "node:child_process": here("src/shims/node-child-process.ts"),
};

/** The engine as one classic script, for file:// (see above): assets/engine-file.js. */
function fileEngine(): Plugin {
  return {
    name: "convgrad-file-engine",
    apply: "build",
    async generateBundle() {
      const out = await build({
        configFile: false,
        logLevel: "warn",
        // no solver from file:// (never cross-origin isolated): z3load.ts's stand-in, nothing inlined
        resolve: { alias: [...Object.entries(alias).map(([find, replacement]) => ({ find, replacement })), { find: /^\.\/z3load(\.js)?$/, replacement: here("src/shims/z3-none.ts") }] },
        // one classic script has no import.meta; its one use (numeric.ts's createRequire) is shimmed
        define: { "import.meta.url": '""' },
        build: {
          write: false,
          target: "es2022",
          lib: { entry: here("src/worker.ts"), formats: ["iife"], name: "convgradEngine", fileName: () => "engine.js" },
          rollupOptions: { checks: { emptyImportMeta: false, pluginTimings: false } },
        },
      });
      const outputs = (Array.isArray(out) ? out : [out]) as Rollup.RollupOutput[];
      const chunks = outputs.flatMap((o) => o.output).filter((c): c is Rollup.OutputChunk => c.type === "chunk");
      if (chunks.length !== 1) throw new Error(`the file:// engine must be one script, got ${chunks.length} chunks`);
      this.emitFile({ type: "asset", fileName: "assets/engine-file.js", source: `self.convgradEngineSource = ${JSON.stringify(chunks[0]!.code)};\n` });
    },
  };
}

/** Classic script and stylesheet tags (no type=module, no crossorigin): what file:// loads. */
function classicTags(): Plugin {
  return {
    name: "convgrad-classic-tags",
    apply: "build",
    enforce: "post",
    transformIndexHtml: {
      order: "post",
      handler: (html) => html.replace(/<script type="module" crossorigin src=/g, "<script defer src=").replace(/<link rel="stylesheet" crossorigin href=/g, '<link rel="stylesheet" href='),
    },
  };
}

/** The headers that make the page cross-origin isolated (test/web/serve.ts sends the same). */
export const ISOLATION = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };

export default defineConfig({
  root: here("."),
  base: "./",
  resolve: { alias },
  worker: { format: "es" },
  plugins: [fileEngine(), classicTags()],
  build: {
    outDir: here("dist"),
    emptyOutDir: true,
    target: "es2022",
    modulePreload: false,
    chunkSizeWarningLimit: 1500,
    // import.meta in a classic script is {}: the page's only use of it, the worker's URL, is
    // resolved by Vite from document.currentScript when the script runs
    rollupOptions: { output: { format: "iife" }, checks: { emptyImportMeta: false, pluginTimings: false } },
  },
  // cross-origin isolation (SharedArrayBuffer), which the solver's threads need for proofs
  server: { fs: { allow: [here("..")] }, headers: ISOLATION },
  preview: { host: "127.0.0.1", headers: ISOLATION },
  logLevel: "warn",
});
