import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryIdempotencyStore, type IdempotencyStore } from './idempotency/store.js';
import { CREATE, KEYS, SECRETS, startGateway, type Gateway } from '../test/harness.js';

// What the gateway answers over HTTP where security is at stake, as deployed in production
// (introspection off, one frontend origin allowed).

/** An idempotency store that fails for one key, to reach an unexpected error in a resolver. */
function failingStore(): IdempotencyStore {
  const inner = new MemoryIdempotencyStore();
  return {
    claim: (key, fingerprint, leaseMs) =>
      key.endsWith('explode')
        ? Promise.reject(new Error('CANARY store down'))
        : inner.claim(key, fingerprint, leaseMs),
    renew: (...args) => inner.renew(...args),
    complete: (...args) => inner.complete(...args),
    release: (...args) => inner.release(...args),
    settleExpired: (...args) => inner.settleExpired(...args),
    ready: () => inner.ready(),
    close: () => inner.close(),
  };
}

const FRONTEND = 'https://app.example';
let g: Gateway;
beforeAll(async () => {
  g = await startGateway({
    app: { idempotency: failingStore(), introspection: false, corsOrigins: [FRONTEND] },
  });
});
afterAll(() => g.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  g.raw('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${KEYS.full}`,
      ...headers,
    },
    body: JSON.stringify(body),
  });

describe('the gateway over HTTP', () => {
  it.each([
    ['no key', {}],
    ['an unknown key', { authorization: `Bearer ${'x'.repeat(40)}` }],
  ])('answers %s with 401, a Bearer challenge and UNAUTHENTICATED', async (_label, headers) => {
    const res = await g.raw('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({
      errors: [
        {
          message: 'Missing or unknown API key: send "Authorization: Bearer <key>".',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
  });

  it('answers a 401 as application/graphql-response+json to clients that accept it, with CORS headers', async () => {
    const res = await g.raw('/graphql', {
      method: 'POST',
      headers: {
        origin: FRONTEND,
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json;q=0.9',
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).toBe(FRONTEND);
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('answers the allowed frontend with CORS headers, without credentials', async () => {
    const res = await post({ query: '{ __typename }' }, { origin: FRONTEND });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(FRONTEND);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    const other = await post({ query: '{ __typename }' }, { origin: 'https://elsewhere.example' });
    // No CORS header at all for an origin not listed: the browser refuses the answer.
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses introspection when it is off, by POST and by GET, and still answers __typename', async () => {
    const query = '{ __schema { queryType { name } } }';
    const byGet = await g.raw(`/graphql?query=${encodeURIComponent(query)}`, {
      headers: { authorization: `Bearer ${KEYS.full}` },
    });
    for (const res of [await post({ query }), byGet]) {
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors?.[0]?.message).toMatch(/introspection/i);
    }
    expect((await post({ query: '{ __typename }' })).body).toEqual({
      data: { __typename: 'Query' },
    });
  });

  it('masks an unexpected error in a resolver, and logs it', async () => {
    const res = await post({
      query: CREATE,
      variables: { input: { name: 'Loja Explosiva' }, key: 'explode' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: null,
      errors: [
        {
          message: 'Unexpected error.',
          locations: [{ line: 2, column: 3 }],
          path: ['createInstance'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
    expect(res.text).not.toContain('CANARY');
    const logged = g.logs.find((line) => line.includes('CANARY store down'));
    expect(logged).toMatch(/"level":50/);
    expect(g.logs.join('\n')).not.toContain(SECRETS[0]);
  });
});

describe('a Z-API failure', () => {
  it('is answered with its code and logged by the client, not as an unexpected error', async () => {
    const down = await startGateway({ client: { baseUrl: 'http://127.0.0.1:9' } });
    try {
      const res = await down.gql('{ instances { total } }');
      expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'ZAPI_NETWORK', retryable: true });
      expect(down.logs.some((line) => line.includes('"msg":"zapi call failed"'))).toBe(true);
      expect(down.logs.filter((line) => line.includes('"level":50'))).toEqual([]);
      expect(down.logs.some((line) => line.includes('"outcome":"ZAPI_NETWORK"'))).toBe(true);
    } finally {
      await down.close();
    }
  });
});

describe('omitPlugins (for pricing plugins in the bench)', () => {
  it('leaves out the named plugin and only that one', async () => {
    const two =
      'mutation { a: enableCalls(id: "x") { userErrors { code } } b: enableCalls(id: "y") { userErrors { code } } }';
    const without = await startGateway({ app: { omitPlugins: ['paid-mutation-limit'] } });
    try {
      expect((await without.gql(two)).body.errors).toBeUndefined();
      expect((await without.gql(two, undefined, null)).status).toBe(401);
    } finally {
      await without.close();
    }
    expect(
      (
        await g.raw('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.full}` },
          body: JSON.stringify({ query: two }),
        })
      ).body.errors?.[0]?.extensions?.code,
    ).toBe('PAID_MUTATION_LIMIT');
  });
});
