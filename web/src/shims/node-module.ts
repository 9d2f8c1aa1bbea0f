/**
 * The browser's stand-in for node:module, for src/check/numeric.ts only (vite.config.ts aliases
 * node:module here): numeric.ts builds its exact-fraction mathjs instance from eleven factory
 * modules it loads with createRequire(…)(path)[factoryName]. Here every path answers with the same
 * table of those factories, imported from mathjs's ES build (the bundler keeps only these), so
 * numeric.ts runs unchanged. require("mathjs") (its fallback) gets the same factories as `all`.
 */
import {
  create,
  createAddScalar,
  createBigNumberClass,
  createComplexClass,
  createDenseMatrixClass,
  createEqualScalar,
  createFormat,
  createFraction,
  createFractionClass,
  createMatrixClass,
  createMultiplyScalar,
  createTyped,
} from "mathjs";

const factories = {
  createFractionClass,
  createBigNumberClass,
  createComplexClass,
  createMatrixClass,
  createDenseMatrixClass,
  createTyped,
  createFraction,
  createAddScalar,
  createMultiplyScalar,
  createEqualScalar,
  createFormat,
};

const table: Record<string, unknown> = { ...factories, create, all: factories };

interface BrowserRequire {
  (id: string): Record<string, unknown>;
  resolve(id: string): string;
}

export function createRequire(_from: string | URL): BrowserRequire {
  const req = ((_id: string) => table) as BrowserRequire;
  req.resolve = (id: string) => `/node_modules/${id}/lib/cjs/index.js`;
  return req;
}
