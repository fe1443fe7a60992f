import { defineProject } from 'vitest/config';

// Deliberately not the shared config: these tests must see what npm users see, not sources.
export default defineProject({
  test: { include: ['src/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 },
});
