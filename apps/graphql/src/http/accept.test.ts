import fc from 'fast-check';
import { createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { schema } from '../schema/index.js';
import { regularMediaType } from './accept.js';

const yoga = createYoga({ schema, logging: false });

/** What yoga itself answers a query with, for an Accept header: its media type, or undefined. */
async function yogaAnswers(accept: string | undefined): Promise<string | undefined> {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accept === undefined ? {} : { accept }) },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  await response.text();
  const type = response.headers.get('content-type')?.split(';')[0];
  return type === 'application/json' || type === 'application/graphql-response+json'
    ? type
    : undefined;
}

describe('regularMediaType', () => {
  it.each([
    [undefined, 'application/json'],
    ['', 'application/json'],
    ['*/*', 'application/json'],
    ['application/graphql-response+json', 'application/graphql-response+json'],
    ['application/graphql-response+json, application/json', 'application/graphql-response+json'],
    [
      'application/json;charset=latin1, application/graphql-response+json',
      'application/graphql-response+json',
    ],
    ['text/event-stream', undefined],
    ['text/html', undefined],
  ])('%j → %j', async (accept, expected) => {
    expect(regularMediaType(accept)).toBe(expected);
    expect(await yogaAnswers(accept)).toBe(expected);
  });

  it('chooses what yoga chooses, for any Accept header', async () => {
    const mediaType = fc.constantFrom(
      'application/json',
      'application/graphql-response+json',
      '*/*',
      'application/*',
      '*',
      'text/event-stream',
      'multipart/mixed',
      'text/html',
      'application/xml',
      'Application/JSON',
    );
    const param = fc.constantFrom(
      '',
      ';charset=utf-8',
      '; charset=UTF-8',
      ';charset=latin1',
      ';q=0.5',
    );
    const entry = fc
      .tuple(mediaType, param, fc.constantFrom('', ' '))
      .map(([t, p, s]) => s + t + p);
    const header = fc.option(
      fc.array(entry, { minLength: 1, maxLength: 4 }).map((list) => list.join(',')),
      {
        nil: undefined,
      },
    );
    await fc.assert(
      fc.asyncProperty(header, async (accept) => {
        expect(regularMediaType(accept)).toBe(await yogaAnswers(accept));
      }),
      { numRuns: 300 },
    );
  });
});
