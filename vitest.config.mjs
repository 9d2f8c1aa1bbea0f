// The machine the tests run on is shared and slow at times: no test may fail because it is busy.
// Every test gets a minute (the default is 5 s); speed is measured by `npm run bench`, not here.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // both cores (vitest's default leaves one idle: available parallelism − 1)
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    exclude: ["**/node_modules/**", "**/dist/**", "web/dist/**"],
  },
});
