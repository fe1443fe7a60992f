import { defineConfig } from 'vitest/config';

/** Test settings every workspace package shares: read workspace sources, not builds. */
export const sharedConfig = defineConfig({
  resolve: { conditions: ['@zapikit/source', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['@zapikit/source', 'node', 'import', 'default'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
