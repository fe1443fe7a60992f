import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test settings every workspace package shares: read workspace sources, not builds, and split
 * the tests into two projects. `unit` (beside the code, and test/ outside e2e) runs in-process,
 * real HTTP on loopback included, and gives feedback in seconds (`pnpm test:unit`); `e2e`
 * (test/e2e/) spawns processes or a browser.
 */
export const sharedConfig = defineConfig({
  resolve: { conditions: ['@zapikit/source', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['@zapikit/source', 'node', 'import', 'default'] } },
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Test files share their workers' module graph: importing yoga, Pothos, discord.js and
          // zod once per worker rather than once per file is most of what makes this fast.
          isolate: false,
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/e2e/**'],
        },
      },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
    ],
  },
});
