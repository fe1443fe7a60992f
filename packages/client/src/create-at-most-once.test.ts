import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CANARY_PARTNER_TOKEN, rejectionOf, startHarness, type Harness } from '../test/fixtures.js';
import { createZapiClient } from './client.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ timeoutMs: 300 });
});
afterEach(() => h.close());

const creates = () => h.sandbox.count('create');

describe('a create is sent at most once', () => {
  it.each([
    ['a 500 before acting', { kind: 'status', status: 500 }, 'before', 'ZAPI_UPSTREAM_ERROR', 0],
    ['a 502 after creating', { kind: 'status', status: 502 }, 'after', 'ZAPI_UPSTREAM_ERROR', 1],
    ['a hang after creating (timeout)', { kind: 'hang' }, 'after', 'ZAPI_TIMEOUT', 1],
    ['a hang before acting (timeout)', { kind: 'hang' }, 'before', 'ZAPI_TIMEOUT', 0],
    ['a connection reset after creating', { kind: 'reset' }, 'after', 'ZAPI_NETWORK', 1],
    ['a malformed 2xx body', { kind: 'malformed' }, 'after', 'ZAPI_BAD_RESPONSE', 1],
  ] as const)(
    'on %s: no retry, a name lookup, and ZAPI_OUTCOME_UNKNOWN with what it found',
    async (_label, fault, phase, reason, found) => {
      h.sandbox.faults.inject({ route: 'create', phase, fault });
      const error = await rejectionOf(h.client.createInstance({ name: 'Loja Incerta' }));
      expect(error).toMatchObject({ code: 'ZAPI_OUTCOME_UNKNOWN', reason, retryable: false });
      expect(creates()).toBe(1);
      expect(h.sandbox.count('list')).toBeGreaterThanOrEqual(1);
      const candidates = error.candidates as {
        id: string;
        name: string;
        due: Date;
        token?: string;
      }[];
      expect(candidates).toHaveLength(found);
      const stored = h.sandbox.instances.all();
      if (found === 1) {
        expect(candidates[0]).toMatchObject({
          id: stored[0]?.id,
          name: 'Loja Incerta',
          due: expect.any(Date),
        });
        expect(candidates[0]).not.toHaveProperty('token');
        expect(error.message).toContain(stored[0]?.id);
      }
      expect(error.message).toMatch(
        /may or may not have created the instance "Loja Incerta".*Check before creating it again/,
      );
    },
  );

  it('lists only exact-name candidates, newest first, ignoring look-alikes', async () => {
    await h.client.createInstance({ name: 'Loja' });
    await h.client.createInstance({ name: 'Loja Centro' });
    h.sandbox.faults.inject({
      route: 'create',
      phase: 'after',
      fault: { kind: 'status', status: 503 },
    });
    const error = await rejectionOf(h.client.createInstance({ name: 'Loja' }));
    const candidates = error.candidates as { name: string; created: Date }[];
    expect(candidates.map((c) => c.name)).toEqual(['Loja', 'Loja']);
    expect(candidates[0]!.created.getTime()).toBeGreaterThanOrEqual(
      candidates[1]!.created.getTime(),
    );
    expect(creates()).toBe(3);
  });

  it('says the lookup failed too when it cannot list', async () => {
    h.sandbox.faults.inject({
      route: 'create',
      phase: 'after',
      fault: { kind: 'status', status: 500 },
    });
    h.sandbox.faults.inject({ route: 'list', fault: { kind: 'status', status: 401 } });
    const error = await rejectionOf(h.client.createInstance({ name: 'x' }));
    expect(error).toMatchObject({
      code: 'ZAPI_OUTCOME_UNKNOWN',
      lookupFailed: 'ZAPI_UNAUTHORIZED',
      candidates: [],
    });
    expect(error.message).toContain('looking the name up failed too');
    expect(creates()).toBe(1);
  });

  it.each([
    [401, 'ZAPI_UNAUTHORIZED'],
    [400, 'ZAPI_REJECTED'],
    [429, 'ZAPI_RATE_LIMITED'],
  ])('on a %i (nothing created) throws %s at once, without a lookup', async (status, code) => {
    h.sandbox.faults.inject({
      route: 'create',
      fault: { kind: 'status', status, headers: { 'retry-after': '7' } },
    });
    const error = await rejectionOf(h.client.createInstance({ name: 'x' }));
    expect(error).toMatchObject({ code, status });
    if (status === 429) expect(error).toMatchObject({ retryable: true, retryAfterMs: 7000 });
    expect(creates()).toBe(1);
    expect(h.sandbox.count('list')).toBe(0);
  });

  it('on a 2xx body that breaks off mid-way: outcome unknown', async () => {
    const server: Server = createServer((req, res) => {
      if (req.method === 'POST') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
        res.write('{"id":"ABC","token":"');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ total: 0, totalPage: 0, pageSize: 100, page: 1, content: [] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = createZapiClient({
      partnerToken: CANARY_PARTNER_TOKEN,
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    });
    const error = await rejectionOf(client.createInstance({ name: 'x' }));
    expect(error).toMatchObject({ code: 'ZAPI_OUTCOME_UNKNOWN', candidates: [] });
    await client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('a create that provably never reached Z-API', () => {
  it('is retried after a refused connection, and succeeds', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get('https://api.z-api.io');
    pool
      .intercept({ path: '/instances/integrator/on-demand', method: 'POST' })
      .replyWithError(
        Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }),
      );
    pool
      .intercept({ path: '/instances/integrator/on-demand', method: 'POST' })
      .reply(200, { id: 'NEWID', token: 'NEWTOKEN', due: 1700000000000 });
    const client = createZapiClient({
      partnerToken: CANARY_PARTNER_TOKEN,
      dispatcher: agent,
      retry: { minDelayMs: 1, maxDelayMs: 5 },
    });
    const created = await client.createInstance({ name: 'x' });
    expect(created).toEqual({ id: 'NEWID', token: 'NEWTOKEN', due: new Date(1700000000000) });
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  it('gives ZAPI_NETWORK (not an unknown outcome) when no server ever listens', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const client = createZapiClient({
      partnerToken: CANARY_PARTNER_TOKEN,
      baseUrl: `http://127.0.0.1:${port}`,
      retry: { maxRetries: 2, minDelayMs: 5, maxDelayMs: 10 },
    });
    const error = await rejectionOf(client.createInstance({ name: 'x' }));
    expect(error).toMatchObject({
      code: 'ZAPI_NETWORK',
      causeCode: 'ECONNREFUSED',
      retryable: true,
    });
    await client.close();
  });

  it('is not retried after a reset on a MockAgent either', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get('https://api.z-api.io');
    pool
      .intercept({ path: '/instances/integrator/on-demand', method: 'POST' })
      .replyWithError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    pool
      .intercept({ path: (p) => p.startsWith('/instances?'), method: 'GET' })
      .reply(200, { total: 0, totalPage: 0, pageSize: 100, page: 1, content: [] });
    const client = createZapiClient({ partnerToken: CANARY_PARTNER_TOKEN, dispatcher: agent });
    const error = await rejectionOf(client.createInstance({ name: 'x' }));
    expect(error).toMatchObject({
      code: 'ZAPI_OUTCOME_UNKNOWN',
      reason: 'ZAPI_NETWORK',
      causeCode: 'ECONNRESET',
    });
    agent.assertNoPendingInterceptors();
    await agent.close();
  });
});
