import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { DEFAULT_IDEMPOTENCY_MAX_KEYS } from '../../src/idempotency/store.js';

const fill = fileURLToPath(new URL('./fixtures/fill-memory-store.ts', import.meta.url));

/** The documented bounds (docs/deploy.md): what 100 000 distinct keys may cost the process. */
const MAX_RSS_BYTES = 300 * 1024 * 1024;
const MAX_HEAP_GROWTH_BYTES = 20 * 1024 * 1024;

it('keeps 100 000 distinct keys in memory mode under the documented RSS bound', async () => {
  const run = async (keys: number) => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--conditions=@zapikit/source', '--import', 'tsx', fill, String(keys)],
      { encoding: 'utf8' },
    );
    return JSON.parse(stdout) as { sent: number; rss: number; heapUsed: number };
  };
  const [few, many] = await Promise.all([run(10), run(100_000)]);
  expect(many.sent).toBe(100_000);
  expect(many.rss).toBeLessThan(MAX_RSS_BYTES);
  // What stays after a full collection: the bounded store, not 100 000 records.
  expect(many.heapUsed - few.heapUsed).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
  expect(DEFAULT_IDEMPOTENCY_MAX_KEYS).toBeLessThan(100_000);
}, 60_000);
