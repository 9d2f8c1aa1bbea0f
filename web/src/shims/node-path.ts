/**
 * The browser's stand-in for node:path (POSIX): src/check/numeric.ts uses dirname and join; commander names the rest
 * (never called by the page).
 */
export function dirname(p: string): string {
  const i = p.lastIndexOf("/");
  return i <= 0 ? (i === 0 ? "/" : ".") : p.slice(0, i);
}

export function join(...parts: string[]): string {
  return parts
    .filter((s) => s !== "")
    .join("/")
    .replace(/\/+/g, "/");
}

export function basename(p: string, ext?: string): string {
  const b = p.slice(p.lastIndexOf("/") + 1);
  return ext && b.endsWith(ext) ? b.slice(0, -ext.length) : b;
}

export function extname(p: string): string {
  const b = basename(p);
  const i = b.lastIndexOf(".");
  return i <= 0 ? "" : b.slice(i);
}

export function resolve(...parts: string[]): string {
  return join("/", ...parts);
}

export default { dirname, join, basename, extname, resolve };
