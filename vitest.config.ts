import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Lets `vitest` at the root (or an editor) run every package's tests at once, as the projects
// `<folder>:unit` and `<folder>:e2e` (vitest 4 ignores the projects a package's own config
// declares when another config references it, so they are spelled out here).
const folders = ['packages', 'apps', 'tooling'].flatMap((parent) =>
  readdirSync(parent)
    .map((name) => `${parent}/${name}`)
    .filter((folder) => existsSync(`${folder}/vitest.config.ts`)),
);

export default defineConfig({
  test: {
    projects: folders.flatMap((folder) =>
      (['unit', 'e2e'] as const).map((kind) => ({
        extends: `./${folder}/vitest.config.ts`,
        root: folder,
        test: {
          name: `${folder.split('/')[1] ?? folder}:${kind}`,
          ...(kind === 'e2e'
            ? { include: ['test/e2e/**/*.test.ts'] }
            : {
                include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
                exclude: ['test/e2e/**', '**/node_modules/**'],
              }),
        },
      })),
    ),
  },
});
