// `npm start`: with no arguments, the main job — the lecture's example end to end; with
// arguments (`npm start -- derive --input 4x4 --kernel 3x3`), the CLI with those arguments.
const lecture = ["derive", "--input", "3x3", "--kernel", "2x2"];
if (process.argv.length <= 2) process.argv.push(...lecture);
await import("../dist/cli/main.js");
