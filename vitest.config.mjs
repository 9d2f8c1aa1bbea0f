// The machine the tests run on is shared and slow at times: no test may fail because it is busy.
// Every test gets two minutes (the default is 5 s; a test that spawns the CLI twice in a row, each run
// killed after a minute, still fits); speed is measured by `npm run bench`, not here.
import { defineConfig } from "vitest/config";
import { BaseSequencer } from "vitest/node";

/**
 * Files whose work happens while they are collected (corpus.test.ts scores all 89 sources at import,
 * ~18 s) look small and quick to vitest's default order (larger files first, or the durations of the
 * last run, which leave collection out), so they ran last, alone on one core. They go first.
 */
const COLLECTED_HEAVY = ["test/verify/corpus/corpus.test.ts"];
class HeavyFirst extends BaseSequencer {
  async sort(files) {
    const sorted = await super.sort(files);
    const rank = (f) => {
      const i = COLLECTED_HEAVY.findIndex((h) => f.moduleId.replaceAll("\\", "/").endsWith(h));
      return i < 0 ? COLLECTED_HEAVY.length : i;
    };
    return sorted.map((f, i) => [f, i]).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([f]) => f);
  }
}

export default defineConfig({
  test: {
    // both cores (vitest's default leaves one idle: available parallelism − 1)
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Test files share each worker's module cache: the engine, the grammar and the helpers are imported
    // and transformed once per worker, not once per file. So no test file may rely on module state of
    // its own: a helper's side effect (vi.setConfig at import) would reach only the first file.
    isolate: false,
    sequence: { sequencer: HeavyFirst },
    exclude: ["**/node_modules/**", "**/dist/**", "web/dist/**"],
  },
});
