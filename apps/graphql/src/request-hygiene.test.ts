import { connect } from 'node:net';
import { getIntrospectionQuery } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTROSPECTION_MAX_DEPTH } from './app.js';
import { KEYS, startGateway, type Gateway } from '../test/harness.js';

// Request hygiene over real HTTP: one Authorization header, introspection within a depth limit,
// and CORS that never answers `null`.

const FRONTENDS = ['https://app.example', 'https://admin.example'];
let g: Gateway;
beforeAll(async () => {
  g = await startGateway({ app: { introspection: true, corsOrigins: FRONTENDS } });
});
afterAll(() => g.close());

/** Sends raw bytes, so that headers arrive exactly as written, repeated ones included. */
function rawPost(headerLines: string[], body: string): Promise<{ status: number; text: string }> {
  const { port } = new URL(g.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(
        [
          'POST /graphql HTTP/1.1',
          'Host: gateway.test',
          'Content-Type: application/json',
          ...headerLines,
          `Content-Length: ${Buffer.byteLength(body)}`,
          'Connection: close',
          '',
          body,
        ].join('\r\n'),
      );
    });
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('end', () => {
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]), text });
    });
    socket.on('error', reject);
  });
}

const QUERY = JSON.stringify({ query: '{ instances { total } }' });

describe('one Authorization header', () => {
  it.each([
    ['two valid keys', [KEYS.full, KEYS.read]],
    ['a valid key, then another', [KEYS.read, KEYS.full]],
    ['a valid key, then garbage', [KEYS.full, 'x'.repeat(40)]],
    ['the same key twice', [KEYS.full, KEYS.full]],
  ])('refuses %s with 401 DUPLICATE_AUTHORIZATION, sent as raw bytes', async (_label, keys) => {
    const res = await rawPost(
      keys.map((key) => `Authorization: Bearer ${key}`),
      QUERY,
    );
    expect(res.status).toBe(401);
    expect(res.text).toContain('"code":"DUPLICATE_AUTHORIZATION"');
    expect(res.text).toMatch(/Send exactly one Authorization header/);
    expect(res.text).not.toContain('"data"');
    for (const key of Object.values(KEYS)) expect(res.text).not.toContain(key);
  });

  it('refuses two headers sent by undici, and one header holding two joined keys', async () => {
    const repeated = await request(`${g.url}/graphql`, {
      method: 'POST',
      headers: [
        'content-type',
        'application/json',
        'authorization',
        `Bearer ${KEYS.full}`,
        'authorization',
        `Bearer ${KEYS.read}`,
      ],
      body: QUERY,
    });
    expect(repeated.statusCode).toBe(401);
    expect(repeated.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(await repeated.body.json()).toMatchObject({
      errors: [{ extensions: { code: 'DUPLICATE_AUTHORIZATION' } }],
    });
    const joined = await rawPost(
      [`Authorization: Bearer ${KEYS.full}, Bearer ${KEYS.read}`],
      QUERY,
    );
    expect(joined.status).toBe(401);
    expect(joined.text).toContain('"code":"DUPLICATE_AUTHORIZATION"');
  });

  it('still answers a request with one Authorization header', async () => {
    const res = await rawPost([`Authorization: Bearer ${KEYS.read}`], QUERY);
    expect(res.status).toBe(200);
    expect(res.text).toContain('{"data":{"instances":{"total":');
  });
});

describe('introspection, where it is on', () => {
  it("answers graphql-js's own introspection query, as GraphiQL, Apollo and codegen send it", async () => {
    const res = await g.gql(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.__schema).toBeDefined();
  });

  it('refuses an introspection query nested deeper than that, which the general depth limit skips', async () => {
    // `ofType` chains are what graphql-js's own MaxIntrospectionDepthRule (which caps repeated
    // `fields`, `interfaces`, `possibleTypes`, `inputFields`) leaves alone.
    const nest = (levels: number) => {
      let selection = 'name';
      for (let level = 0; level < levels; level += 1) selection = `ofType { ${selection} }`;
      return `{ __schema { types { fields { type { ${selection} } } } } }`;
    };
    // Depth 4 + levels + 1: 20 levels reach 25, past the limit of 21.
    const deep = await g.gql(nest(20));
    expect(deep.body.data ?? null).toBeNull();
    expect(deep.body.errors?.[0]?.message).toMatch(
      new RegExp(`depth limit of ${INTROSPECTION_MAX_DEPTH} exceeded`),
    );
    // Deeper than the general limit of 8, within the introspection one: answered.
    const moderate = await g.gql(nest(6));
    expect(moderate.body.errors).toBeUndefined();
  });
});

describe('CORS with two allowed origins', () => {
  it('answers each allowed origin with itself, and an unlisted one with no CORS header at all', async () => {
    const from = (origin: string) =>
      g.raw('/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${KEYS.read}`,
          origin,
        },
        body: QUERY,
      });
    for (const origin of FRONTENDS) {
      const res = await from(origin);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers.vary).toMatch(/Origin/);
    }
    for (const origin of ['https://evil.example', 'null']) {
      const res = await from(origin);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-methods']).toBeUndefined();
      const preflight = await g.raw('/graphql', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
    }
  });
});
