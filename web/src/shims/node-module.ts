/**
 * The browser's stand-in for node:module, for src/check/numeric.ts only (vite.config.ts aliases
 * node:module here): numeric.ts builds its exact-fraction mathjs instance, on first use, from eleven
 * factory modules it loads with createRequire(…)(path)[factoryName]. Here every path answers with
 * the same table of those factories (mathjs-table.ts), so numeric.ts runs unchanged.
 *
 * require() is synchronous and mathjs is a chunk loaded only when needed: before loadMathjs() has
 * run, require throws MathjsNotLoaded, and the engine (engine.ts's withMathjs) loads the chunk and
 * runs the request again — numeric.ts keeps no instance from a failed load, and derivations are
 * pure, so the second run is the first one's result. verify loads it before running at all.
 */
export class MathjsNotLoaded extends Error {
  constructor() {
    super("mathjs is not loaded yet (web/src/shims/node-module.ts)");
    this.name = "MathjsNotLoaded";
  }
}

let table: Record<string, unknown> | null = null;

export async function loadMathjs(): Promise<void> {
  table ??= (await import("./mathjs-table.js")).table;
}

export const mathjsLoaded = (): boolean => table !== null;

interface BrowserRequire {
  (id: string): Record<string, unknown>;
  resolve(id: string): string;
}

export function createRequire(_from: string | URL): BrowserRequire {
  const req = ((_id: string) => {
    if (table === null) throw new MathjsNotLoaded();
    return table;
  }) as BrowserRequire;
  req.resolve = (id: string) => `/node_modules/${id}/lib/cjs/index.js`;
  return req;
}
