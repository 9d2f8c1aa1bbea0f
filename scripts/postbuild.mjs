// After tsc: the command line bundled into one file (dist/bin/convgrad.js, the package's bin) and
// its lazily loaded parts (verify's language, the printers, the prover) as chunks beside it. Node
// then resolves and compiles a handful of files instead of some sixty modules at every start —
// about a third of a short command's time. mathjs (loaded by file from its own package) and the
// Z3 solver (WebAssembly, imported only by proofs) stay outside. The library (dist/index.js) is
// tsc's output, unbundled.
import { chmodSync, rmSync } from "node:fs";
import { build } from "rolldown";

const out = new URL("../dist/bin/", import.meta.url);
rmSync(out, { recursive: true, force: true });
await build({
  // the bin, and the command line as a module (npm start runs it twice in one process)
  input: {
    convgrad: new URL("../dist/cli/main.js", import.meta.url).pathname,
    program: new URL("../dist/cli/program.js", import.meta.url).pathname,
  },
  platform: "node",
  external: ["mathjs", "z3-solver", /^node:/],
  logLevel: "warn",
  output: { dir: out.pathname, format: "esm", entryFileNames: "[name].js", chunkFileNames: "[name]-[hash].js" },
});
chmodSync(new URL("convgrad.js", out), 0o755);
chmodSync(new URL("../dist/cli/main.js", import.meta.url), 0o755);
