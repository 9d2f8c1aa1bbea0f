// `npm start` with no arguments runs the main job, the lecture "Back-propagation through
// convolution" end to end: the derivation by machine (X 3×3, W 2×2, true convolution), then the
// lecture's own summary formulas checked against it (docs/examples/lecture-summary.tex).
// With arguments (`npm start -- derive --input 4x4 --kernel 3x3`) it is the CLI.
// Both commands run in this one process (one Node start-up, the modules loaded once).
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { internalError, main } from "../dist/bin/program.js";

// named as from the current directory (npm start runs in the package's: docs/examples/…)
const summary = relative(process.cwd(), fileURLToPath(new URL("../docs/examples/lecture-summary.tex", import.meta.url)));
const run = async (args) => {
  process.exitCode = undefined;
  try {
    return await main(args);
  } catch (e) {
    return internalError(e, args.includes("--debug"));
  }
};

const args = process.argv.slice(2);
if (args.length > 0) {
  process.exitCode = await run(args);
} else {
  const lecture = ["--input", "3x3", "--kernel", "2x2"];
  const derived = await run(["derive", ...lecture]);
  console.log("\n=== The lecture's own formulas, checked against the derivation (docs/examples/lecture-summary.tex) ===\n");
  const verified = await run(["verify", ...lecture, summary]);
  // verify exits 1 when it finds wrong formulas, which is the point here; only a crash or a
  // failed derivation check makes the main job fail.
  process.exitCode = derived !== 0 ? derived : verified > 1 ? verified : 0;
}
