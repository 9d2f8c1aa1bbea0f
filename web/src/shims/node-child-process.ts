/**
 * The browser's stand-in for node:child_process: commander imports it for executable subcommands, which the page never
 * runs.
 */
export function spawn(): never {
  throw new Error("child processes do not exist in the browser");
}
export default { spawn };
