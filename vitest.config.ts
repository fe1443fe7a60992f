import { defineConfig } from 'vitest/config';

// Lets `vitest` at the root (or an editor) run every package's tests at once.
export default defineConfig({
  test: { projects: ['packages/*', 'apps/*', 'tooling/*'] },
});
