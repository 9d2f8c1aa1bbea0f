/**
 * The browser's stand-in for node:fs, for the CLI's verify command run in the worker: readFileSync
 * reads the files engine.ts puts in `files` (the pasted text as pasted.tex), nothing else exists.
 */
export const files = new Map<string, string>();

function enoent(path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: "ENOENT" });
}

export function readFileSync(path: string | number, _enc?: unknown): string {
  if (typeof path === "string" && files.has(path)) return files.get(path)!;
  throw enoent(String(path));
}

export function existsSync(path: string): boolean {
  return files.has(path);
}

export function realpathSync(path: string): string {
  return path;
}

export default { readFileSync, existsSync, realpathSync };
