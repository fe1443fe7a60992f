import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
// Variables that locate tools but cannot change what a test concludes.
const NEUTRAL = new Set(['PATH', 'HOME', 'npm_execpath']);

/** Every environment variable a test file or test helper reads. */
function variablesTestsRead(): Map<string, string> {
  const files = execFileSync('git', ['ls-files', '*.test.ts', '**/test/**/*.ts'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
  const found = new Map<string, string>();
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const [, name] of text.matchAll(/process\.env(?:\.|\[['"])([A-Za-z_][A-Za-z0-9_]*)/g))
      if (name !== undefined && !NEUTRAL.has(name)) found.set(name, file);
  }
  return found;
}

describe('turbo.json', () => {
  it('declares every variable the tests read, so a cached result (a skip) is never replayed when it changes', () => {
    const turbo = JSON.parse(readFileSync(join(root, 'turbo.json'), 'utf8')) as {
      tasks: Record<string, { env?: string[] }>;
    };
    const read = variablesTestsRead();
    expect(read.size).toBeGreaterThan(0);
    for (const task of ['test', 'test:unit']) {
      const declared = new Set(turbo.tasks[task]?.env ?? []);
      const missing = [...read].filter(([name]) => !declared.has(name));
      expect(missing, `${task} lacks env entries`).toEqual([]);
    }
    // The names, whether or not a test reads them yet (REQUIRE_REDIS comes with Redis).
    for (const name of ['REQUIRE_CHROMIUM', 'CHROMIUM_PATH', 'REQUIRE_REDIS'])
      expect(turbo.tasks.test?.env).toContain(name);
  });
});
