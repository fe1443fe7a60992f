import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closedLoop, median, percentile } from './load.js';
import { writeSection } from './report.js';

describe('bench kit', () => {
  it('computes nearest-rank percentiles and medians', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('counts calls and errors of a closed loop', async () => {
    const result = await closedLoop(
      // Settles without a timer, so a loaded machine still fits many calls into the window.
      async (n) => {
        await Promise.resolve();
        if (n % 10 === 0) throw new Error('x');
      },
      { concurrency: 4, durationMs: 50 },
    );
    expect(result.requests).toBeGreaterThan(10);
    expect(result.errors).toBeGreaterThan(0);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
  });

  it('replaces only its own section of the report', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bench-')), 'benchmarks.md');
    writeSection(file, 'a', 'first A');
    writeSection(file, 'b', 'first B');
    writeSection(file, 'a', 'second A');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('second A');
    expect(text).not.toContain('first A');
    expect(text).toContain('first B');
    expect(text.indexOf('bench:a')).toBeLessThan(text.indexOf('bench:b'));
    writeFileSync(file, text);
  });
});
