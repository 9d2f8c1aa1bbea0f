/** The browser's stand-in for node:path (POSIX, the two functions src/check/numeric.ts uses). */
export function dirname(p: string): string {
  const i = p.lastIndexOf("/");
  return i <= 0 ? (i === 0 ? "/" : ".") : p.slice(0, i);
}

export function join(...parts: string[]): string {
  return parts.filter((s) => s !== "").join("/").replace(/\/+/g, "/");
}
