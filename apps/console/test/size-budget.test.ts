import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/** All of the console's JavaScript, gzipped, at most this (issue 15). */
export const BUDGET_BYTES = 150 * 1024;
const assets = new URL('../dist/assets/', import.meta.url);

describe('the console build', () => {
  it('ships at most 150 KB of JavaScript, gzipped (turbo builds it before this test)', () => {
    const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const total = scripts.reduce(
      (sum, name) => sum + gzipSync(readFileSync(new URL(name, assets)), { level: 9 }).length,
      0,
    );
    console.log(`console JavaScript: ${(total / 1024).toFixed(1)} KB gzipped`);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('loads nothing from another origin', () => {
    const html = readFileSync(new URL('../dist/index.html', import.meta.url), 'utf8');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});
