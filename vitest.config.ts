import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.unit.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['src/**/*.test.ts'], exclude: ['src/**/*.unit.test.ts'] } },
      {
        extends: true,
        // A loaded CI machine renders slowly: UI polls wait up to 15 s (vitest's default is 1 s).
        test: { name: 'e2e', include: ['e2e/**/*.test.ts'], maxWorkers: 1, testTimeout: 120_000, expect: { poll: { timeout: 15_000 } } },
      },
    ],
  },
});
