/**
 * The public API as a user meets it (issue 10): `npm pack` the package, install the tarball into a
 * fresh project, import `convgrad` by name from an ESM script and from TypeScript (the shipped
 * types), and run the installed `convgrad` bin. Needs the build (`npm test` builds first) and the
 * npm registry for the dependencies (npm's cache is preferred: --prefer-offline).
 * About 15–30 s; set CONVGRAD_SKIP_PACK=1 to leave it out of a local run.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SKIP = process.env.CONVGRAD_SKIP_PACK === "1";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment without npm's per-run variables (npm test sets npm_config_* and npm_lifecycle_*). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

function run(cmd: string, args: readonly string[], cwd: string, timeout = 170_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, timeout, env: cleanEnv(), maxBuffer: 64 << 20, encoding: "utf8" }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe.skipIf(SKIP)("npm pack → npm install → import \"convgrad\"", { timeout: 180_000 }, () => {
  let dir = "";
  let project = "";
  let files: string[] = [];

  beforeAll(async () => {
    expect(existsSync(join(ROOT, "dist", "index.js")), "run npm run build first").toBe(true);
    dir = mkdtempSync(join(tmpdir(), "convgrad-pack-"));
    // --ignore-scripts: the package is already built; `prepare` would rebuild dist under other tests' feet
    const pack = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], ROOT);
    expect(pack.code, pack.stderr).toBe(0);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    files = info!.files.map((f) => f.path);
    project = join(dir, "project");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "uses-convgrad", version: "1.0.0", private: true, type: "module" }));
    const install = await run("npm", ["install", join(dir, info!.filename), "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", "--loglevel", "error"], project);
    expect(install.code, install.stderr).toBe(0);
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("the tarball ships the build (the compiled grammar, the types, the bin) and no sources or tests", () => {
    for (const f of ["package.json", "README.md", "dist/index.js", "dist/index.d.ts", "dist/cli/main.js", "dist/bin/convgrad.js", "dist/lang/grammar.generated.js", "dist/verify/run.js"]) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => !f.startsWith("dist/") && f !== "package.json" && f !== "README.md")).toEqual([]);
    expect(files.filter((f) => /(^|\/)test\/|\.test\.|^src\/|\.ts$/.test(f) && !f.endsWith(".d.ts"))).toEqual([]);
  });

  it("an ESM script imports derive and verifyDocument by name and gets the lecture's δx₂₂", async () => {
    writeFileSync(
      join(project, "use.mjs"),
      `import { derive, verifyDocument, Namer, UsageError } from "convgrad";
const d = derive({ input: [3, 3], kernel: [2, 2] });
const nm = new Namer(d.table, "unicode", d.config.indexBase);
const dx = d.gradients.dX.data.map((p) => nm.poly(p));
const checks = d.checks.map((c) => [c.rule, c.holds]);
const lecture = "\\\\delta x_{22} = \\\\delta y_{11} w_{11} + \\\\delta y_{12} w_{12} + \\\\delta y_{21} w_{21} + \\\\delta y_{22} w_{22}";
const slip = "\\\\delta x_{22} = \\\\delta y_{11} w_{11} + \\\\delta y_{12} w_{12} + \\\\delta y_{21} w_{21} + \\\\delta y_{11} w_{22}";
const verdicts = [lecture, slip].map((text) => verifyDocument({ input: [3, 3], kernel: [2, 2] }, { file: "slide", text, mode: "plain" }, { points: 3 })[0].status);
let refused = null;
try { derive({ input: [3, 3], kernel: [4, 4] }); } catch (e) { refused = e instanceof UsageError ? e.input : String(e); }
console.log(JSON.stringify({ dx, checks, verdicts, refused }));
`,
    );
    const r = await run(process.execPath, ["use.mjs"], project);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { dx: string[]; checks: [string, boolean][]; verdicts: string[]; refused: string };
    expect(out.dx).toHaveLength(9);
    expect(out.dx[4]).toBe("δy₁₁·w₁₁ + δy₁₂·w₁₂ + δy₂₁·w₂₁ + δy₂₂·w₂₂"); // δx₂₂
    expect(out.dx[0]).toBe("δy₁₁·w₂₂"); // δx₁₁
    expect(out.checks).toEqual([["ΔX = Rot180(W) *full ΔY", true], ["ΔW = Rot180(X) * ΔY", true]]);
    expect(out.verdicts).toEqual(["holds", "fails"]);
    expect(out.refused).toBe("--kernel");
  });

  it("the shipped types: a TypeScript file using the API type-checks, and a misuse does not", async () => {
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ["use.ts"] }),
    );
    const good = `import { derive, verifyDocument, type Derivation, type VerifyResult } from "convgrad";
const d: Derivation = derive({ input: [3, 3], kernel: [2, 2], op: "xcorr" });
const rs: VerifyResult[] = verifyDocument({ input: [3, 3], kernel: [2, 2] }, { file: "f", text: "Y = X * W", mode: "plain" }, { points: 3 });
export const n: number = d.gradients.dX.size + rs.length;
`;
    writeFileSync(join(project, "use.ts"), good);
    const ok = await run(process.execPath, [tsc, "-p", "tsconfig.json"], project);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    // the types are real, not `any`: a wrong op and a wrong field are errors
    writeFileSync(join(project, "use.ts"), good.replace('op: "xcorr"', 'op: "matmul"').replace("d.gradients.dX.size", "d.gradients.dZ.size"));
    const bad = await run(process.execPath, [tsc, "-p", "tsconfig.json"], project);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toMatch(/"matmul"/);
    expect(bad.stdout).toMatch(/dZ/);
  });

  it("the installed bin: npx convgrad --help exits 0 (the bin linked by npm), and derive prints the lecture", async () => {
    const help = await run("npx", ["--no", "--", "convgrad", "--help"], project);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: convgrad/m);
    expect(help.stdout).toMatch(/^\s+70\s+internal error/m);
    // the rest run the link npx found (node_modules/.bin/convgrad) directly: an npx start-up is a second of CPU
    const bin = join(project, "node_modules", ".bin", "convgrad");
    const version = await run(bin, ["--version"], project);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version);
    const derive = await run(bin, ["derive", "--input", "3x3", "--kernel", "2x2"], project);
    expect(derive.code, derive.stderr).toBe(0);
    expect(derive.stdout).toContain("δx₂₂ = δy₁₁·w₁₁ + δy₁₂·w₁₂ + δy₂₁·w₂₁ + δy₂₂·w₂₂");
    const verify = await run(bin, ["verify", "--input", "3x3", "--kernel", "2x2", "--expr", "ΔX = Rot180(W) *full ΔY"], project);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^1 hold, 0 fail/m);
  });
});
