/**
 * The browser's stand-in for node:process and the global `process`, for the CLI's verify command
 * run in the worker (engine.ts): standard output and error are collected (cli.ts reads them back),
 * nothing is a terminal, and exit() is an error (commander runs with exitOverride, so it never calls it).
 */
export interface Collected {
  write(s: string): boolean;
  isTTY: false;
  columns: undefined;
  text: string;
  on(): Collected;
  once(): Collected;
}

function collector(): Collected {
  const c: Collected = {
    text: "",
    isTTY: false,
    columns: undefined,
    write(s: string) {
      c.text += s;
      return true;
    },
    on: () => c,
    once: () => c,
  };
  return c;
}

export const stdout = collector();
export const stderr = collector();
export const env: Record<string, string | undefined> = { NO_COLOR: "1" };
export const argv: string[] = ["node", "convgrad"];
export const execArgv: string[] = [];
export const execPath = "node";
export const platform = "browser";
export const versions: Record<string, string> = {};
export const defaultApp = false;
export function exit(code?: number): never {
  throw new Error(`process.exit(${code ?? ""}) in the browser`);
}
export function on(): void {}
export function cwd(): string {
  return "/";
}
export function resourceUsage(): { maxRSS: number } {
  return { maxRSS: 0 };
}

export const proc = {
  stdout,
  stderr,
  env,
  argv,
  execArgv,
  execPath,
  platform,
  versions,
  defaultApp,
  exit,
  on,
  cwd,
  resourceUsage,
  exitCode: undefined as number | undefined,
};
const g = globalThis as unknown as { process?: unknown };
g.process ??= proc;

/** Clears what the last command wrote, before the next one runs. */
export function resetOutput(): void {
  stdout.text = "";
  stderr.text = "";
  proc.exitCode = undefined;
}

export default proc;
