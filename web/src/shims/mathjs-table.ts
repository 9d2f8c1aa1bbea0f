/**
 * mathjs's factories that src/check/numeric.ts builds its exact-fraction instance from, imported
 * from mathjs's ES build (the bundler keeps only these). A chunk of its own: node-module.ts loads
 * it when numeric evaluation is first needed.
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

export const table: Record<string, unknown> = { ...factories, create, all: factories };
