/**
 * Real LaTeX: the standalone article and Beamer decks for several configurations compile with
 * pdflatex -halt-on-error, and the PDF's text (pdftotext) carries the formulas. Needs pdflatex,
 * beamer, colortbl/xcolor and poppler-utils (.ci/run installs them on a fresh machine).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliBatch, type Run } from "../cli/run.js";
import { CHANNELS, LECTURE, STRIDED, XCORR } from "./configs.js";

const DIR = mkdtempSync(join(tmpdir(), "convgrad-tex-"));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, timeout: 120_000, maxBuffer: 64 << 20, encoding: "utf8" }, (err, stdout) => {
      resolve({ code: err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : -1) : 0, stdout });
    });
  });
}

/** Compiles `tex` as `name`.tex (pdflatex once); returns the PDF's text with all whitespace removed and Δ normalised. */
async function compile(name: string, tex: string): Promise<{ text: string; pages: number }> {
  writeFileSync(join(DIR, `${name}.tex`), tex);
  return again(name);
}

/** Runs pdflatex on `name`.tex once more (with the .aux of the runs before) and reads the PDF's text. */
async function again(name: string): Promise<{ text: string; pages: number }> {
  const r = await run("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", `${name}.tex`], DIR);
  if (r.code !== 0) {
    const log = readFileSync(join(DIR, `${name}.log`), "utf8");
    const err = log.split("\n").findIndex((l) => l.startsWith("!"));
    throw new Error(`pdflatex failed on ${name}.tex:\n${log.split("\n").slice(Math.max(0, err), err + 12).join("\n")}`);
  }
  const t = await run("pdftotext", [`${name}.pdf`, "-"], DIR);
  expect(t.code).toBe(0);
  const pages = (t.stdout.match(/\f/g) ?? []).length;
  return { text: t.stdout.normalize("NFKC").replace(/\u2206/g, "Δ").replace(/\u2217/g, "*").replace(/\s+/g, ""), pages };
}

const ODD_NAMES = ["',w,y", '<img/src=x/onerror=alert(1)>,"w",y*'];
const HOSTILE_TITLE = "\\input{secret} \\write18{touch pwned} ^^5cinput{secret}";
const HOSTILE_AUTHOR = "\\catcode`\\^^M=13 \\end{document} %";

/** Every document the tests compile, as the command line that prints it. */
const PRINTS: Record<string, string[]> = {
  article: ["derive", ...LECTURE.flags, "--format", "latex", "--standalone", "--tables"],
  lecture: ["slides", ...LECTURE.flags, "--title", "Back-propagation through convolution", "--author", "A. Lecturer"],
  large: ["slides", "--input", "128x128", "--kernel", "3x3"],
  xcorr: ["slides", ...XCORR.flags],
  general: ["slides", "--general", "--dims", "3", "--op", "xcorr", "--stride", "2", "--padding", "1", "--bias"],
  strided: ["slides", ...STRIDED.flags],
  channels: ["slides", ...CHANNELS.flags, "--title", "50% of {convolution} & $x_1$ #1 ~ ^ \\ café", "--author", "O'Neil & Co", "--names", "a,k,z", "--grad", "Delta"],
  ...Object.fromEntries(
    ODD_NAMES.flatMap((names, i) => [
      [`odd-names-deck-${i}`, ["slides", ...LECTURE.flags, "--names", names]],
      [`odd-names-article-${i}`, ["derive", ...LECTURE.flags, "--format", "latex", "--standalone", "--names", names]],
    ]),
  ),
  "html-names": ["slides", ...LECTURE.flags, "--names", "<img/src=x/onerror=alert(1)>,w,y"],
  "hostile-title": ["slides", ...LECTURE.flags, "--title", HOSTILE_TITLE, "--author", HOSTILE_AUTHOR],
  names: ["slides", ...LECTURE.flags, "--names", "^,~,\\", "--grad", "partial", "--index-base", "0"],
};
/** The documents, printed once (all in one batch: one Node start-up) for the tests that compile them. */
let printed: Promise<Record<string, Run>> | null = null;
async function out(name: keyof typeof PRINTS): Promise<string> {
  const names = Object.keys(PRINTS);
  printed ??= cliBatch(names.map((n) => PRINTS[n]!)).then((runs) => Object.fromEntries(names.map((n, i) => [n, runs[i]!])));
  const r = (await printed)[name]!;
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return r.stdout;
}

const T = 120_000;

/** The lecture's deck and its first pdflatex run, made once for the two tests that read it (a compile is seconds). */
let lectureDeck: Promise<{ tex: string; once: { text: string; pages: number } }> | null = null;
const lecture = () =>
  (lectureDeck ??= (async () => {
    const tex = await out("lecture");
    return { tex, once: await compile("lecture", tex) };
  })());

describe("pdflatex compiles what convgrad prints", () => {
  it(
    "the lecture as a standalone article with tables",
    async () => {
      const { text } = await compile("article", await out("article"));
      expect(text).toContain("y11=w22x11+w21x12+w12x21+w11x22");
      expect(text).toContain("δw11=δy11x22+δy12x23+δy21x32+δy22x33");
      expect(text).toContain("δx22=δy11w11+δy12w12+δy21w21+δy22w22");
      expect(text).toContain("ΔX=Rot180◦(W)*fullΔY");
      expect(text).toContain("ΔW=Rot180◦(X)*ΔY");
      expect(text).toContain("holds(structural:4entries,identicalcanonicalforms)");
      expect(text).toContain("δy22x33"); // a table cell
    },
    T,
  );

  it(
    "the lecture deck: every section, every table",
    async () => {
      const { text, pages } = (await lecture()).once;
      for (const s of ["Notation:input", "Input–outputrelationship", "DerivationofΔW:chainrule", "DerivationofΔX:chainrule", "Summary", "Formalresult", "Verification:δw11", "Verification:δx33", "A.Lecturer"]) {
        expect(text).toContain(s);
      }
      expect(text).toContain("=δy11x22+δy12x23+δy21x32+δy22x33");
      expect(text).toContain("δx22=δy11w11+δy12w12+δy21w21+δy22w22");
      // title + 3 notation + 1 forward + 2+3 chain + 2 summary + 1 rules + 4 + 4 + 9 tables
      expect(pages).toBe(30);
    },
    T,
  );

  it(
    "the deck's footer counts the frames after the second pdflatex run, as its header says",
    async () => {
      // (the lecture's deck of the test above, its first run shared: the second run is this test's own)
      const { tex, once } = await lecture();
      expect(tex.split("\n").slice(0, 3).join("\n")).toMatch(/^% .*\n% Compile it twice \(pdflatex deck\.tex && pdflatex deck\.tex\), or once with latexmk/);
      const twice = await again("lecture");
      expect(twice.pages).toBe(30);
      expect(once.text).not.toContain("30/30"); // one run does not know the total yet
      expect(twice.text).toContain("2/30");
      expect(twice.text).toContain("30/30");
    },
    T,
  );

  it(
    "a 128x128/3x3 deck fits in TeX: a δw frame's kernel (all of ΔY) is cropped to 10 × 10 like the grids",
    async () => {
      const tex = await out("large");
      const widest = Math.max(...[...tex.matchAll(/\\begin\{tabular\}\{\|((?:c\|)*)\}/g)].map((m) => m[1]!.length / 2));
      expect(widest).toBe(10); // uncropped, the kernel panel had 126 columns and TeX ran out of main memory
      const { text } = await compile("large", tex);
      expect(text).toContain("(rows1–10of126,"); // the kernel's caption says what it shows
      expect(text).toContain("columns1–10of126)");
      expect(text).toContain("Verification:δw33"); // the last δw frame
    },
    T,
  );

  it(
    "4x4/3x3 cross-correlation deck",
    async () => {
      const { text } = await compile("xcorr", await out("xcorr"));
      expect(text).toContain("ΔX=ΔY⋆fullRot180◦(W)");
      expect(text).toContain("ΔW=X⋆ΔY");
      expect(text).toContain("y11=w11x11+w12x12+w13x13+w21x21+w22x22+w23x23+w31x31+w32x32+w33x33");
      expect(text).toContain("Showing9of16entriesofΔX"); // the representative subset note
      expect(text).toContain("δx44=δy22w33");
    },
    T,
  );

  it(
    "the general (every-size) deck: slides --general, 3 axes, stride 2, padding 1",
    async () => {
      const { text, pages } = await compile("general", await out("general"));
      expect(pages).toBe(5);
      expect(text).toContain("Gradients");
      expect(text).toContain("wm,n,qx2i+m−3,2j+n−3,2k+q−3+b"); // the forward formula's summand, 1-based with stride 2 and padding 1
    },
    T,
  );

  it(
    "stride-2 padded deck (the transposed-convolution rules, checked)",
    async () => {
      const { text } = await compile("strided", await out("strided"));
      expect(text).not.toContain("notchecked");
      // 5 = 2·(3−1) + 3 − 2·1: no rows left over, ΔY dilated by 2 and padded by K−1−p = 1
      expect(text).toContain("ΔX=pad(dilate(ΔY,2),1)⋆Rot180◦(W)holds(structural:25entries");
      expect(text).toContain("ΔW=pad(X)⋆dilate(ΔY,2)holds(structural:9entries");
      expect(text).toContain("stride2x2");
      expect(text).toContain("Verification:δw11");
      expect(text).toContain("δw11=δy22x22+δy23x24+δy32x42+δy33x44");
    },
    T,
  );

  it(
    "deck with channels and bias, user names and escaped specials in the title",
    async () => {
      const tex = await out("channels");
      const { text } = await compile("channels", tex);
      expect(text).toMatch(/50%of\{convolution\}&\$x_?1\$#1..\\café/u); // OT1 draws _ as a rule, ~ ^ as accents
      expect(text).toMatch(/O.Neil&Co/);
      expect(text).toContain("Δk1,1,1,1=Δz1,1,1a1,2,2");
      expect(text).toContain("ΔK[o,c]=");
      expect(text).toContain("ΔZ[o]"); // no batch axis: ΔA[c] = Σ_o Rot180(K[o,c]) *full ΔZ[o]
      expect(text).toContain("holds(structural:16entries");
    },
    T,
  );

  it(
    "names that would attach to their neighbours or be HTML: a prime, quotes, angle brackets (deck and article)",
    async () => {
      for (const i of ODD_NAMES.keys()) {
        const deck = await compile("odd-names-deck", await out(`odd-names-deck-${i}`));
        expect(deck.text).toContain("holds(structural:4entries");
        const article = await compile("odd-names-article", await out(`odd-names-article-${i}`));
        expect(article.text).toContain("holds(structural:4entries");
      }
      const { text } = await compile("html-names", await out("html-names"));
      expect(text).toContain("<img/src=x/onerror=alert(1)>11"); // typeset as text, subscript 11
    },
    T,
  );

  it(
    "--title and --author cannot run TeX: \\input, \\write18, \\catcode and ^^ escapes are printed, not executed",
    async () => {
      writeFileSync(join(DIR, "secret.tex"), "SECRETMARKER\n");
      const tex = await out("hostile-title");
      const { text } = await compile("hostile-title", tex);
      expect(text).not.toContain("SECRETMARKER");
      expect(text).toContain("\\input{secret}\\write18{touchpwned}");
      expect(text).toContain("\\catcode");
      expect(text).toContain("\\end{document}%");
      expect(text).toContain("Verification:δx33"); // the document went on to its last frame
      const log = readFileSync(join(DIR, "hostile-title.log"), "utf8");
      expect(log).not.toMatch(/runsystem|secret\.tex/);
      expect(existsSync(join(DIR, "pwned"))).toBe(false);
    },
    T,
  );

  it(
    "symbol names made of LaTeX specials, 0-based indices, partial notation",
    async () => {
      const { text } = await compile("names", await out("names"));
      expect(text).toContain("Verification:");
      expect(text).toContain("holds(structural:4entries");
    },
    T,
  );
});
