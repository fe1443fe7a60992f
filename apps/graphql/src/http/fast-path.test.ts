import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createYoga, type Plugin } from 'graphql-yoga';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryIdempotencyStore, type IdempotencyStore } from '../idempotency/store.js';
import { schema } from '../schema/index.js';
import { withFastPath } from './fast-path.js';
import {
  CREATE,
  KEYS,
  startGateway,
  type Gateway,
  type GraphQLResponse,
} from '../../test/harness.js';

// The fast path must answer exactly as yoga would. Each case goes to two gateways over real
// HTTP, one as deployed and one with every request through yoga, each with its own sandbox, and
// the answers must match: status, headers and body (with ids, tokens and dates masked, since
// each sandbox makes its own). Each case also says which way the deployed gateway must take it,
// so that a fast path that quietly handed everything to yoga would fail here.

/** An idempotency store that fails for one key, to reach yoga's masking of unexpected errors. */
function failingStore(): IdempotencyStore {
  const inner = new MemoryIdempotencyStore();
  return {
    begin: (key) =>
      key.endsWith('explode') ? Promise.reject(new Error('store down')) : inner.begin(key),
    complete: (key, value, ttl) => inner.complete(key, value, ttl),
    abandon: (key, reason) => inner.abandon(key, reason),
  };
}

const FRONTEND = 'https://app.example';
const PRODUCTION = { introspection: false, corsOrigins: [FRONTEND] };

let deployed: Gateway;
let yogaOnly: Gateway;
beforeAll(async () => {
  [deployed, yogaOnly] = await Promise.all([
    // As in production: introspection off; one frontend origin allowed.
    startGateway({ app: { idempotency: failingStore(), ...PRODUCTION } }),
    startGateway({ app: { idempotency: failingStore(), ...PRODUCTION, fastPath: false } }),
  ]);
});
afterAll(async () => {
  await Promise.all([deployed.close(), yogaOnly.close()]);
});

const MASKED_KEYS = new Set(['id', 'token', 'due', 'created']);
function mask(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(mask);
  // Instance ids also appear inside messages (the candidates of an unknown outcome).
  if (typeof value === 'string') return value.replace(/\b[0-9A-F]{32}\b/g, '<id>');
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      MASKED_KEYS.has(key) && typeof inner === 'string' ? `<${key}>` : mask(inner),
    ]),
  );
}

/** Everything a client can see of an answer, minus what differs between any two answers. */
function visible(res: GraphQLResponse) {
  const varying = new Set(['date', 'connection', 'keep-alive', 'content-length']);
  const headers = Object.fromEntries(
    Object.entries(res.headers).filter(([name]) => !varying.has(name)),
  );
  let body: unknown = res.text;
  try {
    body = mask(JSON.parse(res.text));
  } catch {
    // not JSON: compared as text
  }
  // Content-Length, where sent, must be the body's own length.
  const length = res.headers['content-length'];
  if (length !== undefined) expect(Number(length)).toBe(Buffer.byteLength(res.text));
  return { status: res.status, headers, body };
}

type Route = 'fast' | 'replayed' | 'yoga';
interface Case {
  name: string;
  route: Route;
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  /** The request body: an object is sent as JSON, a string as it is. */
  body?: unknown;
  key?: string | null;
  before?: (g: Gateway) => void;
}

const json = (body: unknown) => JSON.stringify(body);
const create = (name: string, extra: Record<string, unknown> = {}) => ({
  query: CREATE,
  variables: { input: { name, ...extra } },
});

const CASES: Case[] = [
  { name: 'a create', route: 'fast', body: create('Loja Rápida') },
  {
    name: 'a create with an idempotency key',
    route: 'fast',
    body: { query: CREATE, variables: { input: { name: 'Loja Uma Vez' }, key: 'once' } },
  },
  {
    name: 'the same idempotency key again',
    route: 'fast',
    body: { query: CREATE, variables: { input: { name: 'Loja Uma Vez' }, key: 'once' } },
  },
  {
    name: 'input a person can fix (userErrors)',
    route: 'fast',
    body: create('', { receivedCallbackUrl: 'http://insecure.example/hook' }),
  },
  {
    name: 'a key without the token scope',
    route: 'fast',
    key: KEYS.write,
    body: create('Loja Sem Token'),
  },
  {
    name: 'a read-only key mutating',
    route: 'fast',
    key: KEYS.read,
    body: create('Loja Proibida'),
  },
  { name: 'no key', route: 'yoga', key: null, body: create('Loja Anônima') },
  { name: 'an unknown key', route: 'yoga', key: 'x'.repeat(40), body: create('Loja Estranha') },
  { name: 'invalid JSON', route: 'replayed', body: '{"query": ' },
  { name: 'a batch (batching is off)', route: 'replayed', body: [{ query: '{ __typename }' }] },
  {
    name: 'an unexpected parameter',
    route: 'replayed',
    body: { query: '{ __typename }', extra: 1 },
  },
  { name: 'a query that is not a string', route: 'replayed', body: { query: 42 } },
  { name: 'a JSON null body', route: 'replayed', body: 'null' },
  { name: 'a syntax error', route: 'replayed', body: { query: '{ instances { ' } },
  { name: 'an unknown field', route: 'fast', body: { query: '{ nope }' } },
  {
    name: 'an unknown field, asking for graphql-response+json',
    route: 'fast',
    headers: { accept: 'application/graphql-response+json' },
    body: { query: '{ nope }' },
  },
  {
    name: 'a validation error, asking for both media types',
    route: 'fast',
    headers: { accept: 'application/graphql-response+json, application/json;q=0.9' },
    body: { query: '{ nope }' },
  },
  {
    name: 'asking for a charset yoga does not serve',
    route: 'yoga',
    headers: { accept: 'application/json; charset=latin1' },
    body: { query: '{ instances { total } }' },
  },
  {
    name: 'asking for server-sent events',
    route: 'yoga',
    headers: { accept: 'text/event-stream' },
    body: { query: '{ instances { total } }' },
  },
  {
    name: 'too many aliases (graphql-armor throws)',
    route: 'replayed',
    body: {
      query: `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: instances { total }`).join(' ')} }`,
    },
  },
  {
    name: 'two paid mutations in one request',
    route: 'fast',
    body: {
      query: `mutation { a: subscribeInstance(id: "x") { userErrors { code } } b: enableCalls(id: "y") { userErrors { code } } }`,
    },
  },
  {
    name: 'a list query',
    route: 'fast',
    body: { query: '{ instances { total items { name sandbox } } }' },
  },
  {
    name: 'an unknown instance',
    route: 'fast',
    body: { query: '{ instance(id: "nope") { id } }' },
  },
  {
    name: 'several operations, one named',
    route: 'fast',
    body: { query: 'query A { instances { total } } query B { __typename }', operationName: 'B' },
  },
  {
    // yoga's check that an operation can be chosen throws while parsing: nothing has run.
    name: 'several operations, none named',
    route: 'replayed',
    body: { query: 'query A { instances { total } } query B { __typename }' },
  },
  {
    name: 'an operation name that is not there',
    route: 'replayed',
    body: { query: 'query A { __typename }', operationName: 'C' },
  },
  {
    name: 'variables of the wrong type',
    route: 'fast',
    body: { query: CREATE, variables: { input: { name: 7 } } },
  },
  {
    name: 'a missing required variable',
    route: 'fast',
    body: { query: CREATE, variables: null, extensions: {} },
  },
  {
    name: 'an upstream failure after creating (outcome unknown)',
    route: 'fast',
    before: (g) => {
      g.sandbox.faults.inject({
        route: 'create',
        phase: 'after',
        fault: { kind: 'status', status: 503 },
      });
    },
    body: create('Loja Incerta'),
  },
  {
    name: 'an unexpected error inside a resolver (masked)',
    route: 'fast',
    body: { query: CREATE, variables: { input: { name: 'Loja Explosiva' }, key: 'explode' } },
  },
  {
    name: 'a JSON content type with a charset',
    route: 'fast',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: { query: '{ __typename }' },
  },
  {
    name: 'a request from the allowed frontend (CORS headers)',
    route: 'fast',
    headers: { origin: FRONTEND },
    body: { query: '{ __typename }' },
  },
  {
    name: 'a request from another origin',
    route: 'fast',
    headers: { origin: 'https://elsewhere.example' },
    body: { query: '{ __typename }' },
  },
  {
    name: 'a CORS preflight',
    route: 'yoga',
    method: 'OPTIONS',
    headers: {
      origin: FRONTEND,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
    body: undefined,
  },
  {
    name: 'a body over the cap',
    route: 'yoga',
    body: { query: `{ __typename }${' '.repeat(70 * 1024)}` },
  },
  {
    name: 'introspection (off)',
    route: 'fast',
    body: { query: '{ __schema { queryType { name } } }' },
  },
  { name: '__typename (allowed)', route: 'fast', body: { query: '{ __typename }' } },
  {
    name: 'a GET query',
    route: 'yoga',
    method: 'GET',
    path: '/graphql?query=%7B__typename%7D',
    body: undefined,
  },
  {
    name: 'a mutation by GET',
    route: 'yoga',
    method: 'GET',
    path: `/graphql?query=${encodeURIComponent('mutation { enableCalls(id: "x") { userErrors { code } } }')}`,
    body: undefined,
  },
];

async function send(g: Gateway, c: Case): Promise<GraphQLResponse> {
  c.before?.(g);
  const key = c.key === undefined ? KEYS.full : c.key;
  return g.raw(c.path ?? '/graphql', {
    method: c.method ?? 'POST',
    headers: {
      ...(c.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...c.headers,
    },
    ...(c.body === undefined ? {} : { body: typeof c.body === 'string' ? c.body : json(c.body) }),
  });
}

describe('the fast path answers exactly as yoga does', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = { ...deployed.counts! };
    const [fast, slow] = [await send(deployed, c), await send(yogaOnly, c)];
    const after = deployed.counts!;
    const took: Route[] = (['fast', 'replayed', 'yoga'] as const).filter(
      (route) => after[route] > before[route],
    );
    expect(took).toEqual([c.route]);
    expect(visible(fast)).toEqual(visible(slow));
    expect(deployed.sandbox.count()).toBe(yogaOnly.sandbox.count());
  });

  it('logs the same operation lines either way', () => {
    const lines = (g: Gateway) =>
      g.logs
        .filter((line) => line.includes('graphql operation'))
        .map((line) => {
          const { operation, type, outcome } = JSON.parse(line) as Record<string, unknown>;
          return { operation, type, outcome };
        });
    expect(lines(deployed).length).toBeGreaterThan(10);
    expect(lines(deployed)).toEqual(lines(yogaOnly));
  });

  // After the log comparison: these requests go to one gateway only.
  it('answers the allowed frontend with CORS headers on the fast path, without credentials', async () => {
    const before = deployed.counts!.fast;
    const res = await deployed.raw('/graphql', {
      method: 'POST',
      headers: {
        origin: FRONTEND,
        'content-type': 'application/json',
        authorization: `Bearer ${KEYS.full}`,
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(deployed.counts!.fast).toBe(before + 1);
    expect(res.headers['access-control-allow-origin']).toBe(FRONTEND);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('refuses introspection in production, on the fast path and through yoga', async () => {
    const query = '{ __schema { queryType { name } } }';
    const fast = await deployed.gql(query);
    const viaGet = await deployed.raw(`/graphql?query=${encodeURIComponent(query)}`, {
      headers: { authorization: `Bearer ${KEYS.full}` },
    });
    for (const res of [fast, viaGet]) {
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors?.[0]?.message).toMatch(/introspection/i);
    }
  });
});

describe('withFastPath refuses to start when it would skip a hook', () => {
  const fastPath = (plugins: Plugin[], reproduced: Plugin[]) =>
    withFastPath(createYoga({ schema, plugins }) as never, {
      endpoint: '/graphql',
      maxBodyBytes: 1024,
      authorize: () => ({}),
      cors: false,
      plugins,
      reproduced: new Set(reproduced),
    });

  it('a plugin with an HTTP-level hook it was not told it reproduces', () => {
    const rateLimit: Plugin = { onRequest: () => undefined };
    expect(() => fastPath([{ onValidate: () => undefined }, rateLimit], [])).toThrow(
      /plugin #2 has onRequest, which the fast path skips/,
    );
    expect(() => fastPath([rateLimit], [rateLimit])).not.toThrow();
  });

  it('hooks around execution, which it never runs', () => {
    const rewrite: Plugin = { onExecutionResult: () => undefined };
    expect(() => fastPath([rewrite], [rewrite])).toThrow(/hooks around execution/);
  });
});

describe('a fault of the fast path itself', () => {
  it('answers 500 with yoga’s masked message and logs the error, never its text', async () => {
    const logged: unknown[] = [];
    const yoga = createYoga({
      schema,
      logging: {
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: (...args: unknown[]) => logged.push(...args),
      },
    });
    const listener = withFastPath(yoga as never, {
      endpoint: '/graphql',
      maxBodyBytes: 1024,
      // A server context that throws when the fast path reads it: a stand-in for a bug of its own.
      authorize: () => ({
        get apiKey(): never {
          throw new Error('CANARY fast-path bug');
        },
      }),
      cors: false,
      plugins: [],
      reproduced: new Set(),
    });
    const server = createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await request(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(await res.body.json()).toEqual({ errors: [{ message: 'Unexpected error.' }] });
      expect(String(logged[0])).toContain('CANARY fast-path bug');
    } finally {
      server.close();
    }
  });
});
