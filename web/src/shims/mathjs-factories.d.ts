/**
 * mathjs's ES build exports its factory functions (custom bundling, mathjs.org/docs/custom_bundling),
 * its typings do not declare them: the ones the node:module shim uses.
 */
export {};

type MathjsFactory = (...args: unknown[]) => unknown;

declare module "mathjs" {
  export const createFractionClass: MathjsFactory;
  export const createBigNumberClass: MathjsFactory;
  export const createComplexClass: MathjsFactory;
  export const createMatrixClass: MathjsFactory;
  export const createDenseMatrixClass: MathjsFactory;
  export const createTyped: MathjsFactory;
  export const createFraction: MathjsFactory;
  export const createAddScalar: MathjsFactory;
  export const createMultiplyScalar: MathjsFactory;
  export const createEqualScalar: MathjsFactory;
  export const createFormat: MathjsFactory;
}
