// `npm start` with no arguments runs the main job, the lecture "Back-propagation through
// convolution" end to end: the derivation by machine (X 3×3, W 2×2, true convolution), then the
// lecture's own summary formulas checked against it (docs/examples/lecture-summary.tex).
// With arguments (`npm start -- derive --input 4x4 --kernel 3x3`) it is the CLI.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const run = (args, cwd = process.cwd()) => spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", cwd }).status ?? 70;

const args = process.argv.slice(2);
if (args.length > 0) {
  process.exitCode = run(args);
} else {
  const lecture = ["--input", "3x3", "--kernel", "2x2"];
  const derived = run(["derive", ...lecture]);
  console.log("\n=== The lecture's own formulas, checked against the derivation (docs/examples/lecture-summary.tex) ===\n");
  const verified = run(["verify", ...lecture, "docs/examples/lecture-summary.tex"], root);
  // verify exits 1 when it finds wrong formulas, which is the point here; only a crash or a
  // failed derivation check makes the main job fail.
  process.exitCode = derived !== 0 ? derived : verified > 1 ? verified : 0;
}
