import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

// Where the apps declare the variables they read: one zod object each.
const SOURCES = [
  'packages/app-environment/src/environment.ts',
  'apps/graphql/src/config.ts',
  'apps/discord-bot/src/config.ts',
  'packages/sandbox/src/cli.ts',
];

it.each(SOURCES)('docs/configuration.md documents every variable %s reads', (source) => {
  const page = read('docs/configuration.md');
  const variables = new Set(
    [...read(source).matchAll(/^\s+([A-Z][A-Z0-9_]{2,}):/gm)].map((match) => match[1]!),
  );
  expect(variables.size).toBeGreaterThan(0);
  const missing = [...variables].filter((name) => !page.includes(`\`${name}\``));
  expect(missing, `missing from docs/configuration.md`).toEqual([]);
});
