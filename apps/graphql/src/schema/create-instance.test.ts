import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREATE, KEYS, SECRETS, startGateway, type Gateway } from '../../test/harness.js';

let g: Gateway;
beforeEach(async () => {
  g = await startGateway();
});
afterEach(() => g.close());

const creates = () => g.sandbox.count('create');

describe('createInstance', () => {
  it('creates an instance in the sandbox and says so', async () => {
    const res = await g.gql(CREATE, {
      input: {
        name: 'Loja Centro',
        receivedCallbackUrl: 'https://hooks.example/in',
        sessionName: null,
      },
    });
    expect(res.status).toBe(200);
    const payload = res.body.data?.createInstance as {
      instance: Record<string, unknown>;
      userErrors: unknown[];
    };
    expect(payload.userErrors).toEqual([]);
    expect(payload.instance).toMatchObject({
      name: 'Loja Centro',
      sandbox: true,
      token: expect.stringMatching(/^[0-9A-F]{24}$/),
    });
    expect(new Date(payload.instance.due as string).getTime()).toBeGreaterThan(
      Date.now() + 47 * 3600_000,
    );
    expect(creates()).toBe(1);
    // An explicit null is an absent field: never sent as null.
    expect(g.sandbox.requests.find((r) => r.route === 'create')?.body).toEqual({
      name: 'Loja Centro',
      receivedCallbackUrl: 'https://hooks.example/in',
    });
  });

  it('answers fixable input with userErrors naming each field, and sends nothing', async () => {
    const res = await g.gql(CREATE, {
      input: {
        name: '  ',
        receivedCallbackUrl: 'http://hooks.example',
        callRejectMessage: 'x'.repeat(501),
      },
    });
    expect(res.body.data?.createInstance).toEqual({
      instance: null,
      userErrors: [
        { field: ['input', 'name'], message: 'name must not be empty', code: 'ZAPI_INVALID_INPUT' },
        {
          field: ['input', 'receivedCallbackUrl'],
          message: 'receivedCallbackUrl must be an https:// URL',
          code: 'ZAPI_INVALID_INPUT',
        },
        {
          field: ['input', 'callRejectMessage'],
          message: 'callRejectMessage must be at most 500 characters',
          code: 'ZAPI_INVALID_INPUT',
        },
      ],
    });
    expect(creates()).toBe(0);
    expect(g.logs.some((line) => line.includes('"outcome":"ZAPI_INVALID_INPUT"'))).toBe(true);
  });

  it('refuses a missing name or an unknown field at the GraphQL layer, sending nothing', async () => {
    const missing = await g.gql(CREATE, { input: { sessionName: 'x' } });
    expect(missing.body.errors?.[0]?.message).toContain('name');
    const unknown = await g.gql(CREATE, { input: { name: 'x', nmae: 'y' } });
    expect(unknown.body.errors?.[0]?.message).toContain('nmae');
    expect(creates()).toBe(0);
  });
});

describe('access', () => {
  it('without the token scope: the instance is created and returned, its token null and no error', async () => {
    const res = await g.gql(CREATE, { input: { name: 'sem token' } }, KEYS.write);
    const payload = res.body.data?.createInstance as { instance: Record<string, unknown> };
    expect(payload.instance).toMatchObject({ name: 'sem token', token: null, sandbox: true });
    // A create that worked answers no error at all: clients that throw on any error must not
    // report a paid create as failed.
    expect(res.body.errors).toBeUndefined();
    expect(creates()).toBe(1);
    const stored = g.sandbox.instances.all()[0];
    expect(res.text).not.toContain(stored?.token ?? 'no-token');
  });

  it('a read-only key cannot mutate, and nothing is sent', async () => {
    const res = await g.gql(CREATE, { input: { name: 'x' } }, KEYS.read);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.body.data?.createInstance ?? null).toBeNull();
    expect(creates()).toBe(0);
    const list = await g.gql('{ instances { total } }', undefined, KEYS.read);
    expect(list.body.data?.instances).toEqual({ total: 0 });
  });

  it.each([
    ['no key', null],
    ['an unknown key', 'CANARY-unknown-key-0123456789abcdef0123456789'],
  ])('with %s: 401 UNAUTHENTICATED, nothing sent', async (_label, key) => {
    const res = await g.gql(CREATE, { input: { name: 'x' } }, key);
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(g.sandbox.count()).toBe(0);
  });

  // Yoga serves GraphQL on `/graphql/` and on any path ending in `/graphql` too, and a GET
  // asking for HTML is the GraphiQL page only where GraphiQL is on; none of these may skip the key.
  it.each([false, true])(
    'runs nothing without a key on any path yoga serves GraphQL on (GraphiQL %s)',
    async (graphiql) => {
      await g.close();
      g = await startGateway({ app: { graphiql, introspection: false } });
      const query = '{ instances { items { name token } } }';
      const tries: [
        string,
        { method?: string; headers?: Record<string, string>; body?: string },
      ][] = ['/graphql', '/graphql/', '/any/graphql', '/graphql?x=1'].flatMap((path) => [
        [
          path,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query }),
          },
        ],
        [
          `${path}${path.includes('?') ? '&' : '?'}query=${encodeURIComponent(query)}`,
          {
            headers: {
              accept: 'text/html, application/json',
              'x-graphql-yoga-csrf': '1',
            },
          },
        ],
      ]);
      for (const [path, init] of tries) {
        const res = await g.raw(path, init);
        const label = `${init.method ?? 'GET'} ${path}`;
        if (String(res.headers['content-type']).startsWith('text/html')) {
          expect(graphiql, `${label} served the GraphiQL page`).toBe(true);
          continue;
        }
        expect(res.text.includes('"data"'), `${label} answered data`).toBe(false);
        // 401 where yoga would run GraphQL; 404 where it would not (a query string hides the
        // path's `/graphql` ending from yoga's match).
        expect([401, 404], label).toContain(res.status);
      }
      expect(g.sandbox.count()).toBe(0);
    },
  );

  it('with no keys configured, is open (the sandbox-only mode)', async () => {
    await g.close();
    g = await startGateway({ apiKeys: '' });
    const res = await g.gql(CREATE, { input: { name: 'aberto' } }, null);
    expect(
      (res.body.data?.createInstance as { instance: { token: string } }).instance.token,
    ).toMatch(/^[0-9A-F]+$/);
  });
});

describe('one paid mutation per request', () => {
  it.each([
    [
      'aliases',
      'mutation { a: createInstance(input: {name: "a"}) { instance { id } } b: createInstance(input: {name: "b"}) { instance { id } } }',
    ],
    [
      'a create and a subscribe',
      'mutation { createInstance(input: {name: "a"}) { instance { id } } subscribeInstance(id: "X") { instance { id } } }',
    ],
    [
      'fragments',
      'mutation { ...A ...B } fragment A on Mutation { createInstance(input: {name: "a"}) { instance { id } } } fragment B on Mutation { enableCalls(id: "X") { instance { id } } }',
    ],
  ])('refuses two through %s, sending nothing', async (_label, query) => {
    const res = await g.gql(query);
    expect(res.body.errors?.[0]).toMatchObject({ extensions: { code: 'PAID_MUTATION_LIMIT' } });
    expect(g.sandbox.count()).toBe(0);
  });

  it('refuses batched requests', async () => {
    const res = await g.raw('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.full}` },
      body: JSON.stringify([
        { query: CREATE, variables: { input: { name: 'a' } } },
        { query: CREATE, variables: { input: { name: 'b' } } },
      ]),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(g.sandbox.count()).toBe(0);
  });
});

describe('protections', () => {
  it('refuses a body over 64 KiB with 413, declared or streamed in chunks, and counts chunks under it', async () => {
    const input = { name: 'x', callRejectMessage: 'y'.repeat(70_000) };
    const res = await g.gql(CREATE, { input });
    expect(res.status).toBe(413);
    const body = JSON.stringify({ query: CREATE, variables: { input } });
    const chunked = await request(`${g.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.full}` },
      body: Readable.from([body.slice(0, 40_000), body.slice(40_000)]),
    });
    await chunked.body.text();
    expect(chunked.statusCode).toBe(413);
    expect(g.sandbox.count()).toBe(0);

    // A chunked body (no Content-Length) under the cap is counted as it streams, and accepted.
    const small = JSON.stringify({ query: CREATE, variables: { input: { name: 'chunked' } } });
    const accepted = await request(`${g.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.full}` },
      body: Readable.from([small.slice(0, 20), small.slice(20)]),
    });
    expect(accepted.statusCode).toBe(200);
    expect(JSON.stringify(await accepted.body.json())).toContain('"name":"chunked"');
    expect(g.sandbox.count('create')).toBe(1);
  });

  it('limits depth and aliases (graphql-armor)', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: instances { total }`).join(' ');
    const res = await g.gql(`{ ${aliases} }`);
    expect(res.body.errors?.[0]?.message).toMatch(/alias/i);
    expect(g.sandbox.count()).toBe(0);
  });

  it('blocks the simple POSTs a cross-site page could send, and serves queries over GET (CSRF prevention)', async () => {
    await g.close();
    g = await startGateway({ apiKeys: '' });
    const form = await g.raw('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({
        query: 'mutation { createInstance(input: {name: "csrf"}) { instance { id } } }',
      }),
    });
    expect(form.status).toBe(403);
    expect(form.body.errors?.[0]?.extensions?.code).toBe('CSRF_HEADER_REQUIRED');
    expect(g.sandbox.count()).toBe(0);
    // A query changes nothing, and CORS keeps its answer from a cross-site page.
    const get = await g.raw(`/graphql?query=${encodeURIComponent('{ instances { total } }')}`, {});
    expect(get.status).toBe(200);
    expect(get.body.data).toEqual({ instances: { total: 0 } });
  });

  it('lets no page of another origin call it from a browser unless GRAPHQL_CORS_ORIGINS names it', async () => {
    const preflight = {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    };
    const refused = await g.raw('/graphql', preflight);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const answer = await g.raw('/graphql', {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/json',
        authorization: `Bearer ${KEYS.full}`,
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();

    await g.close();
    g = await startGateway({ app: { corsOrigins: ['https://app.example'] } });
    const allowed = await g.raw('/graphql', {
      ...preflight,
      headers: { ...preflight.headers, origin: 'https://app.example' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers).toMatchObject({
      'access-control-allow-origin': 'https://app.example',
      'access-control-allow-methods': 'GET, POST',
    });
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('masks unexpected errors', async () => {
    await g.close();
    g = await startGateway({ client: { baseUrl: 'http://127.0.0.1:9' } });
    const res = await g.gql('{ instances { total } }');
    expect(res.body.errors?.[0]?.extensions?.code).toBe('ZAPI_NETWORK');
  });

  it('never shows a secret in a response or a log line', async () => {
    await g.gql(CREATE, { input: { name: 'x' } });
    await g.gql(CREATE, { input: { name: 'x' } }, KEYS.write);
    await g.gql(CREATE, { input: { name: 'x' } }, 'CANARY-unknown-key-0123456789abcdef0123456789');
    const everything = g.logs.join('\n');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });
});
