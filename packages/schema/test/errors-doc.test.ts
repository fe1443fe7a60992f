import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ZAPI_ERROR_CODES } from '../src/error-codes.js';

// docs/errors.md: what each code means, whether a retry is safe, what to do.
const page = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');

/** The text under a code's `### CODE` heading, up to the next heading. */
function entry(code: string): string | undefined {
  const match = new RegExp(`^### ${code}\\n([\\s\\S]*?)(?=^#{2,3} |(?![\\s\\S]))`, 'm').exec(page);
  return match?.[1];
}

describe('docs/errors.md', () => {
  it.each(ZAPI_ERROR_CODES)('explains %s and says whether a retry is safe', (code) => {
    const text = entry(code);
    expect(text, `docs/errors.md has no "### ${code}" entry`).toBeDefined();
    expect(text).toMatch(/\*\*Retry:\*\* (yes|no|after a wait)/);
  });

  it('has no entry for a code the schema does not list', () => {
    const documented = [...page.matchAll(/^### ([A-Z_]+)$/gm)].map((match) => match[1]);
    expect(
      documented.filter((code) => !(ZAPI_ERROR_CODES as readonly string[]).includes(code!)),
    ).toEqual([]);
  });
});
