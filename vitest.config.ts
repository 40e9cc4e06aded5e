import { defineConfig } from 'vitest/config';

/** Three projects: unit (pure domain), integration (real SQLite, real HTTP), e2e (real Chromium on the browser host). */
export default defineConfig({
  test: {
    projects: [
      // Property tests run thousands of cases: on a loaded 2-core machine a few take longer than vitest's 5 s default.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', testTimeout: 60_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
