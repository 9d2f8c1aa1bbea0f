/**
 * The Z3 solver for `verify --all-sizes` in the browser, loaded only when a proof is asked for (this
 * module is a chunk of its own; the 33 MB WebAssembly comes after it).
 *
 * z3-solver's browser build (what src/verify/prove.ts's import("z3-solver") resolves to here) wants
 * Emscripten's z3-built.js loaded first, as a classic script defining the global `initZ3`, and reads
 * it as `global.initZ3`. A module worker has no importScripts: the script is fetched and run as
 * global code. Its threads are classic workers started from the same script (mainScriptUrlOrBlob),
 * and they share memory: SharedArrayBuffer, which the browser gives only to a cross-origin-isolated
 * page (npm run web sends the headers; main.ts offers the option only then).
 */
import z3Script from "z3-solver/build/z3-built.js?url";
import z3Wasm from "z3-solver/build/z3-built.wasm?url";
import { UsageError } from "../../src/errors.js";

type InitZ3 = (module?: Record<string, unknown>) => Promise<unknown>;
interface Z3Global {
  initZ3?: InitZ3;
  global?: unknown;
  crossOriginIsolated?: boolean;
}

let ready: Promise<void> | null = null;

export function loadZ3(): Promise<void> {
  ready ??= (async () => {
    const g = globalThis as unknown as Z3Global;
    if (g.crossOriginIsolated !== true) {
      throw new UsageError(
        "--all-sizes",
        "proofs need a cross-origin-isolated page (the solver's threads share memory): run npm run web",
      );
    }
    const script = new URL(z3Script, self.location.href).href;
    const wasm = new URL(z3Wasm, self.location.href).href;
    const res = await fetch(script);
    if (!res.ok) throw new Error(`cannot load the solver from ${script} (HTTP ${res.status})`);
    // global code, as a <script> would run it: its `var initZ3` becomes a global
    (0, eval)(`${await res.text()}\n//# sourceURL=${script}`);
    const init = g.initZ3;
    if (typeof init !== "function") throw new Error(`${script} did not define initZ3`);
    g.initZ3 = (module = {}) =>
      init({
        ...module,
        mainScriptUrlOrBlob: script,
        locateFile: (f: string) => (f.endsWith(".wasm") ? wasm : new URL(f, script).href),
      });
    g.global ??= globalThis;
  })();
  ready.catch(() => {
    ready = null;
  });
  return ready;
}
