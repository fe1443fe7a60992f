import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'graphql-sse';
import { afterEach, describe, expect, it } from 'vitest';
import { connectRedis } from '@zapikit/shared-state';
import { redisAvailable, redisSkipReason, startRedis } from '@zapikit/test-redis';
import { leakedSecrets } from '@zapikit/sandbox/testing';
import { createZapiClient } from '@zapikit/client';
import { createApp } from '../src/app.js';
import { parseApiKeys } from '../src/auth/api-keys.js';
import { EventBus } from '../src/events/event-bus.js';
import { createLogger } from '../src/logger.js';
import {
  API_KEYS_ENV,
  CREATE,
  KEYS,
  SECRETS,
  WEBHOOK_SECRET,
  startGateway,
  type Gateway,
} from './harness.js';
import { subscribeSse, type SseSubscription } from './sse.js';

const CONNECTION = `subscription ($id: ID!) {
  instanceConnection(id: $id) { state qrCode phone at }
}`;
const EVENTS = `subscription ($ids: [ID!]) {
  instanceEvents(ids: $ids) { instanceId state phone at }
}`;
const RECEIVER = `/webhooks/zapi/${WEBHOOK_SECRET}`;

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

const METRICS_KEY = 'CANARY-key-metrics-0123456789abcdef01234567';

async function gateway(options: Parameters<typeof startGateway>[0] = {}): Promise<Gateway> {
  const started = await startGateway({
    apiKeys: `${API_KEYS_ENV},${METRICS_KEY}=metrics`,
    ...options,
  });
  open.push(started);
  return started;
}

async function subscribe(
  gw: Gateway,
  query: string,
  variables: Record<string, unknown>,
  key: string | null = KEYS.read,
): Promise<SseSubscription> {
  const sub = await subscribeSse(gw.url, query, variables, key);
  open.push(sub);
  return sub;
}

async function create(gw: Gateway, name: string): Promise<string> {
  const res = await gw.gql(CREATE, { input: { name } });
  const id = (res.body.data?.createInstance as { instance: { id: string } } | undefined)?.instance
    .id;
  if (!id) throw new Error(`create failed: ${res.text}`);
  return id;
}

/** The simulated phone scans the QR code, through the sandbox's control surface over HTTP. */
async function scan(gw: Gateway, id: string, phone?: string): Promise<void> {
  const res = await fetch(`${gw.sandbox.url}/__sandbox/instances/${id}/connect`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${gw.sandbox.partnerToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(phone ? { phone } : {}),
  });
  expect(res.status).toBe(200);
}

async function postCallback(gw: Gateway, body: unknown, path = RECEIVER): Promise<number> {
  const res = await fetch(`${gw.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  await res.body?.cancel();
  return res.status;
}

const event = (result: { data?: Record<string, unknown> | null }, field: string) =>
  result.data?.[field] as Record<string, unknown>;

describe('instanceConnection', () => {
  it('shows the QR code at once, then CONNECTED within a second of the sandbox phone scanning, and ends', async () => {
    const gw = await gateway({ receiver: true });
    const id = await create(gw, 'Connect me');
    // createInstance pointed the connection webhooks at the receiver, secret hidden.
    const listed = await gw.gql(
      `query ($id: ID!) { instance(id: $id) {
        callbackUrls { connectedCallbackUrl disconnectedCallbackUrl }
        webhooks { connectedCallbackUrl disconnectedCallbackUrl }
      } }`,
      { id },
    );
    expect(JSON.stringify(listed.body)).not.toContain(WEBHOOK_SECRET);
    const hidden = {
      connectedCallbackUrl: `${gw.url}/webhooks/zapi/***`,
      disconnectedCallbackUrl: `${gw.url}/webhooks/zapi/***`,
    };
    expect(listed.body.data?.instance).toEqual({ callbackUrls: hidden, webhooks: hidden });

    const sub = await subscribe(gw, CONNECTION, { id });
    expect(sub.status).toBe(200);
    const first = event(await sub.next(), 'instanceConnection');
    expect(first.state).toBe('WAITING_FOR_SCAN');
    expect(first.qrCode).toMatch(/^data:image\/png;base64,/);

    const scanned = Date.now();
    await scan(gw, id, '5511988887777');
    const last = event(await sub.next(1_000), 'instanceConnection');
    expect(Date.now() - scanned).toBeLessThan(1_000);
    expect(last).toMatchObject({ state: 'CONNECTED', qrCode: null, phone: '5511988887777' });
    await sub.ended;
    // The event can reach the subscriber before the sandbox has read the receiver's answer.
    await gw.sandbox.callbacksSettled();
    expect(gw.sandbox.callbacks.map((c) => [c.callback, c.status])).toEqual([['connected', 200]]);
    expect(leakedSecrets(gw.logs.join('\n'), SECRETS)).toEqual([]);
  });

  it('sends a fresh QR code at every rotation', async () => {
    const gw = await gateway({
      sandbox: { qrRotationMs: 150 },
      app: { events: { qrRotationMs: 150 } },
    });
    const id = await create(gw, 'Rotating');
    const sub = await subscribe(gw, CONNECTION, { id });
    const codes: unknown[] = [];
    for (let i = 0; i < 4; i += 1) {
      const next = event(await sub.next(2_000), 'instanceConnection');
      expect(next.state).toBe('WAITING_FOR_SCAN');
      codes.push(next.qrCode);
    }
    expect(new Set(codes).size).toBeGreaterThanOrEqual(3);
    expect(gw.sandbox.count('qr-code-image')).toBeGreaterThanOrEqual(4);
  });

  it('ends with TIMED_OUT when nobody scans in time', async () => {
    const gw = await gateway({ app: { events: { connectionTimeoutMs: 300 } } });
    const id = await create(gw, 'Nobody scans');
    const sub = await subscribe(gw, CONNECTION, { id });
    expect(event(await sub.next(), 'instanceConnection').state).toBe('WAITING_FOR_SCAN');
    const last = event(await sub.next(2_000), 'instanceConnection');
    expect(last).toMatchObject({ state: 'TIMED_OUT', qrCode: null });
    await sub.ended;
  });

  it('answers CONNECTED at once, and ends, for an instance already connected', async () => {
    const gw = await gateway();
    const id = await create(gw, 'Already');
    await scan(gw, id);
    const sub = await subscribe(gw, CONNECTION, { id });
    expect(event(await sub.next(), 'instanceConnection')).toMatchObject({ state: 'CONNECTED' });
    await sub.ended;
  });

  it('answers ZAPI_TIMEOUT on both transports when the first QR read times out, and nothing goes unhandled', async () => {
    const gw = await gateway();
    const id = await create(gw, 'Slow QR');
    gw.sandbox.faults.inject({ route: 'qr-code-image', fault: { kind: 'hang' } });
    const sub = await subscribe(gw, CONNECTION, { id });
    const result = await sub.next(5_000);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'ZAPI_TIMEOUT' });
    // graphql-sse left a stream's failure unhandled (the process would exit); the first read now
    // fails the subscription itself, which it answers as an error.
    const client = createClient({
      url: `${gw.url}/graphql/stream`,
      headers: { authorization: `Bearer ${KEYS.read}` },
      retryAttempts: 0,
    });
    open.push({
      close: () => {
        client.dispose();
      },
    });
    const outcome = await new Promise<string>((resolve) => {
      client.subscribe(
        { query: CONNECTION, variables: { id } },
        {
          next: () => {
            resolve('next');
          },
          error: () => {
            resolve('error');
          },
          complete: () => {
            resolve('complete');
          },
        },
      );
    });
    expect(outcome).toBe('error');
  });

  it('answers ZAPI_NOT_FOUND for an unknown id, and needs an API key', async () => {
    const gw = await gateway();
    const sub = await subscribe(gw, CONNECTION, { id: 'NOPE' });
    const result = await sub.next();
    expect(result.errors?.[0]?.extensions?.code).toBe('ZAPI_NOT_FOUND');
    const anonymous = await subscribe(gw, CONNECTION, { id: 'NOPE' }, null);
    expect(anonymous.status).toBe(401);
  });

  it('ends every subscription when the gateway drains', async () => {
    const closing = new AbortController();
    const gw = await gateway({ app: { events: { closing: closing.signal } } });
    const id = await create(gw, 'Draining');
    const sub = await subscribe(gw, CONNECTION, { id });
    const watch = await subscribe(gw, EVENTS, {});
    await sub.next();
    await sleep(50);
    closing.abort();
    await Promise.all([sub.ended, watch.ended]);
    const metrics = await gw.raw('/metrics', {
      headers: { authorization: `Bearer ${METRICS_KEY}` },
    });
    expect(metrics.text).toMatch(
      /zapikit_gateway_subscriptions_active\{subscription="instanceConnection"\} 0/,
    );
  });
});

describe('the graphql-sse protocol at /graphql/stream', () => {
  it('runs instanceConnection with the graphql-sse client, with the API key', async () => {
    const gw = await gateway({ receiver: true });
    const id = await create(gw, 'Over graphql-sse');
    const client = createClient({
      url: `${gw.url}/graphql/stream`,
      headers: { authorization: `Bearer ${KEYS.read}` },
      retryAttempts: 0,
    });
    open.push({
      close: () => {
        client.dispose();
      },
    });
    const seen: unknown[] = [];
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: CONNECTION, variables: { id } },
        {
          next: (value) => {
            seen.push(value.data?.instanceConnection);
            if (seen.length === 1) void scan(gw, id);
          },
          error: reject,
          complete: resolve,
        },
      );
    });
    await done;
    expect(seen).toMatchObject([{ state: 'WAITING_FOR_SCAN' }, { state: 'CONNECTED' }]);
  });

  it('refuses a missing key (401) and anything but a subscription', async () => {
    const gw = await gateway();
    const anonymous = await fetch(`${gw.url}/graphql/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(anonymous.status).toBe(401);
    await anonymous.body?.cancel();
    const huge = await fetch(`${gw.url}/graphql/stream`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${KEYS.full}`,
      },
      body: JSON.stringify({ query: `subscription { __typename } # ${'x'.repeat(70_000)}` }),
    });
    expect(huge.status).toBe(413);
    await huge.body?.cancel();
    const client = createClient({
      url: `${gw.url}/graphql/stream`,
      headers: { authorization: `Bearer ${KEYS.full}` },
      retryAttempts: 0,
    });
    open.push({
      close: () => {
        client.dispose();
      },
    });
    const result = await new Promise<unknown>((resolve, reject) => {
      let last: unknown;
      client.subscribe(
        { query: 'mutation { createInstance(input: { name: "x" }) { userErrors { code } } }' },
        {
          next: (value) => {
            last = value;
          },
          error: reject,
          complete: () => {
            resolve(last);
          },
        },
      );
    });
    expect(result).toMatchObject({ data: null, errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    expect(JSON.stringify(result)).toContain('subscriptions only');
    expect(gw.sandbox.count('create')).toBe(0);
  });
});

describe('the callback receiver', () => {
  it('answers 404 to a wrong secret, a prefix of it, or no receiver configured, and counts it', async () => {
    const gw = await gateway({ receiver: true });
    const body = { type: 'ConnectedCallback', instanceId: 'X', momment: Date.now() };
    expect(await postCallback(gw, body, '/webhooks/zapi/wrong')).toBe(404);
    expect(await postCallback(gw, body, `/webhooks/zapi/${WEBHOOK_SECRET.slice(0, -1)}`)).toBe(404);
    expect(await postCallback(gw, body, `/webhooks/zapi/${WEBHOOK_SECRET}x`)).toBe(404);
    expect(await postCallback(gw, body, '/webhooks/zapi/')).toBe(404);
    const none = await gateway();
    expect(await postCallback(none, body)).toBe(404);
    const metrics = await gw.raw('/metrics', {
      headers: { authorization: `Bearer ${METRICS_KEY}` },
    });
    expect(metrics.text).toContain(
      'zapikit_gateway_callbacks_total{type="none",outcome="wrong_secret"} 4',
    );
    expect(metrics.text).not.toContain(WEBHOOK_SECRET);
  });

  it('answers the same inside yoga (yoga.fetch), where node:http does not come first', async () => {
    const zapi = createZapiClient({ partnerToken: 'unused', baseUrl: 'http://127.0.0.1:9' });
    open.push(zapi);
    const app = createApp({
      zapi,
      sandbox: true,
      apiKeys: parseApiKeys(API_KEYS_ENV),
      logger: createLogger('silent'),
      introspection: false,
      graphiql: false,
      ready: () => Promise.resolve(true),
      events: { webhookSecret: WEBHOOK_SECRET },
    });
    const post = async (path: string, body: string) =>
      (
        await app.fetch(`http://yoga${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
      ).status;
    const callback = JSON.stringify({ type: 'ConnectedCallback', instanceId: 'Y', momment: 1 });
    expect(await post(RECEIVER, callback)).toBe(200);
    expect(await post('/webhooks/zapi/wrong', callback)).toBe(404);
    expect(await post(RECEIVER, '{nope')).toBe(400);
    expect(await post(RECEIVER, JSON.stringify({ pad: 'x'.repeat(70_000) }))).toBe(413);
    expect((await app.fetch(`http://yoga${RECEIVER}`)).status).toBe(405);
  });

  it('answers 400 to a malformed body and logs it without the secret; 413 past 64 KiB', async () => {
    const gw = await gateway({ receiver: true });
    expect(await postCallback(gw, '{"type": "Connected')).toBe(400);
    expect(await postCallback(gw, '[1, 2]')).toBe(400);
    expect(await postCallback(gw, { type: 'ConnectedCallback', momment: 1 })).toBe(400);
    expect(await postCallback(gw, { type: 'ConnectedCallback', pad: 'x'.repeat(70_000) })).toBe(
      413,
    );
    // Without a Content-Length (chunked), counted as it streams.
    const chunked = await fetch(`${gw.url}${RECEIVER}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([JSON.stringify({ pad: 'x'.repeat(70_000) })]).stream(),
      // @ts-expect-error: a streamed body needs half duplex; lib.dom lacks the field.
      duplex: 'half',
    }).catch(() => undefined);
    if (chunked) expect(chunked.status).toBe(413);
    expect(gw.logs.filter((line) => line.includes('Z-API callback refused'))).toHaveLength(5);
    expect(leakedSecrets(gw.logs.join('\n'), SECRETS)).toEqual([]);
    const metrics = await gw.raw('/metrics', {
      headers: { authorization: `Bearer ${METRICS_KEY}` },
    });
    expect(metrics.text).toContain(
      'zapikit_gateway_callbacks_total{type="none",outcome="malformed"} 2',
    );
    expect(metrics.text).toContain(
      'zapikit_gateway_callbacks_total{type="connected",outcome="malformed"} 1',
    );
    expect(metrics.text).toContain(
      'zapikit_gateway_callbacks_total{type="none",outcome="too_large"} 2',
    );
  });

  it('answers 200 to other callback kinds and to unknown types, publishing nothing', async () => {
    const gw = await gateway({ receiver: true });
    const id = await create(gw, 'Messages');
    const watch = await subscribe(gw, EVENTS, { ids: [id] });
    await sleep(50);
    expect(await postCallback(gw, { type: 'ReceivedCallback', instanceId: id, phone: '55' })).toBe(
      200,
    );
    expect(await postCallback(gw, { type: 'SomethingNew', instanceId: id })).toBe(200);
    await expect(watch.next(200)).rejects.toThrow(/no event/);
  });

  it('drops duplicates and events older than the last one, in seconds and in milliseconds', async () => {
    const gw = await gateway({ receiver: true });
    const id = await create(gw, 'Reordered');
    const watch = await subscribe(gw, EVENTS, {});
    await sleep(50);
    const seconds = 1_800_000_000; // 2027-01-15, in seconds
    const connected = {
      type: 'ConnectedCallback',
      instanceId: id,
      phone: '5511900001111',
      connected: true,
      momment: seconds,
    };
    expect(await postCallback(gw, connected)).toBe(200);
    expect(await postCallback(gw, connected)).toBe(200); // duplicate
    // The same moment in milliseconds is the same event.
    expect(await postCallback(gw, { ...connected, momment: seconds * 1000 })).toBe(200);
    // A disconnect two seconds later, in milliseconds; then a connect from before it, late.
    const disconnected = {
      type: 'DisconnectedCallback',
      instanceId: id,
      disconnected: true,
      momment: seconds * 1000 + 2_000,
    };
    expect(await postCallback(gw, disconnected)).toBe(200);
    expect(await postCallback(gw, { ...connected, momment: seconds + 1 })).toBe(200); // late
    expect(await postCallback(gw, { ...connected, momment: seconds + 3 })).toBe(200); // new

    const got = [];
    for (let i = 0; i < 3; i += 1) got.push(event(await watch.next(), 'instanceEvents'));
    expect(got).toEqual([
      {
        instanceId: id,
        state: 'CONNECTED',
        phone: '5511900001111',
        at: '2027-01-15T08:00:00.000Z',
      },
      { instanceId: id, state: 'DISCONNECTED', phone: null, at: '2027-01-15T08:00:02.000Z' },
      {
        instanceId: id,
        state: 'CONNECTED',
        phone: '5511900001111',
        at: '2027-01-15T08:00:03.000Z',
      },
    ]);
    await expect(watch.next(200)).rejects.toThrow(/no event/);
    const metrics = await gw.raw('/metrics', {
      headers: { authorization: `Bearer ${METRICS_KEY}` },
    });
    expect(metrics.text).toContain(
      'zapikit_gateway_callbacks_total{type="connected",outcome="duplicate"} 2',
    );
    expect(metrics.text).toContain(
      'zapikit_gateway_callbacks_total{type="connected",outcome="out_of_order"} 1',
    );
    expect(metrics.text).toContain(
      'zapikit_gateway_callbacks_total{type="connected",outcome="published"} 2',
    );
  });
});

describe('instanceEvents', () => {
  it('polls /status once per instance for two subscribers when callbacks go elsewhere, and stops after', async () => {
    // No receiver: the instance's callbacks go elsewhere (nowhere), so only a poll can tell.
    const gw = await gateway({ app: { events: { statusPollMs: 100 } } });
    const id = await create(gw, 'Polled');
    const before = gw.sandbox.count('status');
    const one = await subscribe(gw, EVENTS, { ids: [id] });
    const two = await subscribe(gw, EVENTS, { ids: [id] });
    await sleep(1_000);
    const polled = gw.sandbox.count('status') - before;
    // One poller: about 10 polls in a second, not 20.
    expect(polled).toBeGreaterThanOrEqual(5);
    expect(polled).toBeLessThanOrEqual(13);
    await scan(gw, id);
    expect(event(await one.next(1_000), 'instanceEvents')).toMatchObject({
      instanceId: id,
      state: 'CONNECTED',
    });
    expect(event(await two.next(1_000), 'instanceEvents')).toMatchObject({ state: 'CONNECTED' });
    one.close();
    two.close();
    await sleep(300);
    const after = gw.sandbox.count('status');
    await sleep(400);
    expect(gw.sandbox.count('status')).toBe(after);
  });

  it('does not poll instances whose callbacks come to the receiver', async () => {
    const gw = await gateway({ receiver: true, app: { events: { statusPollMs: 50 } } });
    const id = await create(gw, 'Heard');
    const watch = await subscribe(gw, EVENTS, { ids: [id] });
    await sleep(300);
    expect(gw.sandbox.count('status')).toBe(0);
    await scan(gw, id);
    expect(event(await watch.next(1_000), 'instanceEvents')).toMatchObject({ state: 'CONNECTED' });
  });

  it('answers ZAPI_INVALID_INPUT past 100 ids', async () => {
    const gw = await gateway();
    const ids = Array.from({ length: 101 }, (_, i) => `id-${String(i)}`);
    const sub = await subscribe(gw, EVENTS, { ids });
    expect((await sub.next()).errors?.[0]?.extensions?.code).toBe('ZAPI_INVALID_INPUT');
  });
});

describe.skipIf(!redisAvailable && !process.env.REQUIRE_REDIS)(
  `two replicas on one Redis${redisAvailable ? '' : ` (skipped: ${redisSkipReason})`}`,
  () => {
    it('a callback received by one replica reaches a subscriber of the other', async () => {
      const redis = await startRedis();
      open.push({
        close: async () => {
          await redis.stop();
        },
      });
      const bus = () => {
        const b = new EventBus({
          redis: {
            publisher: connectRedis(redis.url, { connectionName: 'test-pub' }),
            subscriber: connectRedis(redis.url, { connectionName: 'test-sub', subscriber: true }),
          },
        });
        open.push(b);
        return b;
      };
      const a = await gateway({ receiver: true, app: { events: { bus: bus() } } });
      const b = await gateway({ upstream: a.sandbox, app: { events: { bus: bus() } } });
      // Created through A: its webhooks point at A's receiver.
      const id = await create(a, 'Replicated');
      const sub = await subscribe(b, CONNECTION, { id });
      expect(event(await sub.next(), 'instanceConnection').state).toBe('WAITING_FOR_SCAN');
      await sleep(100);
      await scan(a, id, '5511977776666');
      expect(event(await sub.next(1_000), 'instanceConnection')).toMatchObject({
        state: 'CONNECTED',
        phone: '5511977776666',
      });
      await sub.ended;
    });

    it('keeps answering callbacks while Redis is down, and fans out again once it is back', async () => {
      const redis = await startRedis();
      open.push({
        close: async () => {
          await redis.stop();
        },
      });
      const bus = (name: string) => {
        const b = new EventBus({
          redis: {
            publisher: connectRedis(redis.url, { connectionName: `${name}-pub` }),
            subscriber: connectRedis(redis.url, {
              connectionName: `${name}-sub`,
              subscriber: true,
            }),
          },
        });
        open.push(b);
        return b;
      };
      const a = await gateway({ receiver: true, app: { events: { bus: bus('a') } } });
      const b = await gateway({ upstream: a.sandbox, app: { events: { bus: bus('b') } } });
      const watch = await subscribe(b, EVENTS, {});
      await sleep(100);
      await redis.kill();
      const at = Date.now();
      const body = { type: 'ConnectedCallback', instanceId: 'I1', momment: at };
      expect(await postCallback(a, body)).toBe(200);
      await sleep(300);
      expect((await a.raw('/health', {})).status).toBe(200);
      // Lost while Redis was down (nothing replays pub/sub); the next one goes through.
      await redis.restart();
      await expect
        .poll(
          async () => {
            await postCallback(a, { ...body, type: 'DisconnectedCallback', momment: Date.now() });
            return watch.results.length;
          },
          { timeout: 10_000, interval: 300 },
        )
        .toBeGreaterThan(0);
      expect(event(await watch.next(), 'instanceEvents')).toMatchObject({
        instanceId: 'I1',
        state: 'DISCONNECTED',
      });
    });
  },
);
