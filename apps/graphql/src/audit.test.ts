import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startGateway, type Gateway } from '../test/harness.js';

let g: Gateway;
beforeAll(async () => {
  g = await startGateway();
});
afterAll(() => g.close());

describe('GraphQL over HTTP conformance (graphql-http audit)', () => {
  it('passes every MUST, with an API key', async () => {
    const results = await auditServer({
      url: `${g.url}/graphql`,
      fetchFn: (input: RequestInfo | URL, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${KEYS.full}`);
        return fetch(input, { ...init, headers });
      },
    });
    const failedMusts = results.filter(
      (result) => result.status !== 'ok' && result.name.startsWith('MUST'),
    );
    const summary = failedMusts.map(
      (result) => `${result.name}: ${result.status === 'ok' ? '' : result.reason}`,
    );
    expect(summary).toEqual([]);
    const musts = results.filter((result) => result.name.startsWith('MUST'));
    expect(musts.length).toBeGreaterThan(10);
    console.log(
      `graphql-http audit: ${musts.length} MUST passed; SHOULD/MAY: ${results.filter((r) => !r.name.startsWith('MUST') && r.status === 'ok').length} ok, ${results.filter((r) => !r.name.startsWith('MUST') && r.status !== 'ok').length} not`,
    );
  });
});
