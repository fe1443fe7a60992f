import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { BOT_ERROR_CODES } from './errors.js';

// docs/errors.md lists the bot's own codes in a table, one row each.
const page = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');

it.each(BOT_ERROR_CODES)('docs/errors.md explains %s', (code) => {
  expect(page).toMatch(new RegExp(`^\\| \`${code}\` +\\| \\S`, 'm'));
});
