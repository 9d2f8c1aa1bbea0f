/**
 * The web page (npm run build:web → web/dist/, npm run web → served on localhost). Built from the
 * library's own source; the engine runs in a module worker. Relative asset paths: any static host.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here("."),
  base: "./",
  resolve: {
    alias: {
      // src/check/numeric.ts loads mathjs's factories with createRequire; see the shim
      "node:module": here("src/shims/node-module.ts"),
      "node:path": here("src/shims/node-path.ts"),
    },
  },
  worker: { format: "es" },
  build: {
    outDir: here("dist"),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1500,
  },
  server: { fs: { allow: [here("..")] } },
  preview: { host: "127.0.0.1" },
  logLevel: "warn",
});
