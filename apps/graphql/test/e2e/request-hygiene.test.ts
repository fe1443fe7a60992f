import { once } from 'node:events';
import { connect } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@zapikit/sandbox';
import { startGatewayProcess } from './gateway-process.js';

// The gateway as deployed live (a partner token set, NODE_ENV unset), over real HTTP: two
// Authorization headers refused, introspection off unless GRAPHQL_INTROSPECTION=true asks, and
// no CORS header for an origin not listed.
const KEY = 'e2e-key-0123456789abcdef0123456789abcdef';
const OTHER_KEY = 'e2e-key-fedcba9876543210fedcba9876543210';
const ORIGINS = ['https://app.example', 'https://admin.example'];

let sandbox: Sandbox;
const gateways: ReturnType<typeof startGatewayProcess>[] = [];

async function live(extra: Record<string, string> = {}): Promise<string> {
  const gateway = startGatewayProcess({
    ZAPI_PARTNER_TOKEN: sandbox.partnerToken,
    ZAPI_BASE_URL: sandbox.url,
    GRAPHQL_API_KEYS: `${KEY}=read+write,${OTHER_KEY}=read`,
    GRAPHQL_CORS_ORIGINS: ORIGINS.join(','),
    ...extra,
  });
  gateways.push(gateway);
  return gateway.listening;
}

beforeAll(async () => {
  sandbox = await startSandbox({ partnerToken: 'e2e-partner-token-0123456789' });
});
afterAll(async () => {
  for (const gateway of gateways) {
    gateway.child.kill('SIGTERM');
    await once(gateway.child, 'exit');
  }
  await sandbox.close();
});

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, ...headers },
    body: JSON.stringify(body),
  });
}

describe('the live gateway process', () => {
  it('refuses two Authorization headers, answers one, keeps introspection off, and sends no CORS header to an unlisted origin', async () => {
    const url = await live();
    const { port } = new URL(url);
    const body = JSON.stringify({ query: '{ instances { total } }' });
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /graphql HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\nAuthorization: Bearer ${KEY}\r\nAuthorization: Bearer ${OTHER_KEY}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
        );
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('end', () => {
        resolve(text);
      });
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 401 /);
    expect(raw).toContain('"code":"DUPLICATE_AUTHORIZATION"');

    const one = await post(url, { query: '{ instances { total } }' });
    expect(one.statusCode).toBe(200);
    expect(await one.body.json()).toEqual({ data: { instances: { total: 0 } } });

    const introspection = await post(url, { query: '{ __schema { queryType { name } } }' });
    expect(JSON.stringify(await introspection.body.json())).toMatch(/introspection/i);

    const unlisted = await post(url, { query: '{ __typename }' }, { origin: 'null' });
    expect(unlisted.headers['access-control-allow-origin']).toBeUndefined();
    await unlisted.body.dump();
    const listed = await post(url, { query: '{ __typename }' }, { origin: ORIGINS[1] ?? '' });
    expect(listed.headers['access-control-allow-origin']).toBe(ORIGINS[1]);
    await listed.body.dump();
  });

  it('answers introspection live when GRAPHQL_INTROSPECTION=true asks for it', async () => {
    const url = await live({ GRAPHQL_INTROSPECTION: 'true' });
    const res = await post(url, { query: '{ __schema { queryType { name } } }' });
    expect(await res.body.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});
