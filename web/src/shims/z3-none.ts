/** The file:// engine's stand-in for z3load.ts: a file:// page is never cross-origin isolated, so it has no proofs (and carries no 33 MB solver inlined). */
import { UsageError } from "../../../src/errors.js";

export function loadZ3(): Promise<void> {
  return Promise.reject(
    new UsageError(
      "--all-sizes",
      "proofs need a cross-origin-isolated page, which a file:// page cannot be: run npm run web",
    ),
  );
}
