import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREATE, KEYS, startGateway, type Gateway } from '../../test/harness.js';
import { CreateInstanceInput, validate } from '@zapikit/schema';
import { parseApiKeys } from '../auth/api-keys.js';
import { StoreUnavailableError } from './errors.js';
import { fingerprintOf } from './fingerprint.js';
import { MemoryIdempotencyStore } from './store.js';

let g: Gateway;
beforeEach(async () => {
  g = await startGateway({ client: { timeoutMs: 300 } });
});
afterEach(() => g.close());

const idOf = (res: Awaited<ReturnType<Gateway['gql']>>) =>
  (res.body.data?.createInstance as { instance: { id: string } | null } | undefined)?.instance?.id;

describe('idempotencyKey', () => {
  it('returns the first result for a repeat, creating once', async () => {
    const first = await g.gql(CREATE, { input: { name: 'uma vez' }, key: 'order-42' });
    const again = await g.gql(CREATE, { input: { name: 'uma vez' }, key: 'order-42' });
    expect(idOf(again)).toBe(idOf(first));
    expect(g.sandbox.count('create')).toBe(1);
  });

  it('makes a concurrent duplicate wait for the first, creating once', async () => {
    g.sandbox.faults.inject({ route: 'create', times: 1, fault: { kind: 'latency', ms: 150 } });
    const [a, b, c] = await Promise.all(
      [1, 2, 3].map(() => g.gql(CREATE, { input: { name: 'ao mesmo tempo' }, key: 'k-1' })),
    );
    expect(new Set([idOf(a!), idOf(b!), idOf(c!)]).size).toBe(1);
    expect(g.sandbox.count('create')).toBe(1);
  });

  it('keeps keys apart per API key', async () => {
    await g.gql(CREATE, { input: { name: 'a' }, key: 'same' }, KEYS.full);
    await g.gql(CREATE, { input: { name: 'a' }, key: 'same' }, KEYS.write);
    expect(g.sandbox.count('create')).toBe(2);
  });

  it('remembers an unknown outcome: a repeat does not create again', async () => {
    g.sandbox.faults.inject({
      route: 'create',
      times: 1,
      phase: 'after',
      fault: { kind: 'status', status: 500 },
    });
    const first = await g.gql(CREATE, { input: { name: 'incerto' }, key: 'k-2' });
    const again = await g.gql(CREATE, { input: { name: 'incerto' }, key: 'k-2' });
    expect(first.body.errors?.[0]?.extensions?.code).toBe('ZAPI_OUTCOME_UNKNOWN');
    expect(again.body.errors?.[0]?.extensions?.code).toBe('ZAPI_OUTCOME_UNKNOWN');
    expect(g.sandbox.count('create')).toBe(1);
  });

  it('releases the key after a definite refusal, so a corrected retry goes through', async () => {
    g.sandbox.faults.inject({
      route: 'create',
      times: 1,
      fault: { kind: 'status', status: 400, body: { error: 'bad' } },
    });
    const refused = await g.gql(CREATE, { input: { name: 'recusado' }, key: 'k-3' });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('ZAPI_REJECTED');
    const retried = await g.gql(CREATE, { input: { name: 'recusado' }, key: 'k-3' });
    expect(idOf(retried)).toBeDefined();
    expect(g.sandbox.count('create')).toBe(2);
  });

  it('refuses an empty or over-long key as a userError, sending nothing', async () => {
    for (const key of ['', 'k'.repeat(256)]) {
      const res = await g.gql(CREATE, { input: { name: 'x' }, key });
      expect(res.body.data?.createInstance).toMatchObject({
        instance: null,
        userErrors: [{ field: ['idempotencyKey'], code: 'ZAPI_INVALID_INPUT' }],
      });
    }
    expect(g.sandbox.count('create')).toBe(0);
  });

  it('does not spend a key on invalid input', async () => {
    await g.gql(CREATE, { input: { name: '' }, key: 'k-4' });
    const ok = await g.gql(CREATE, { input: { name: 'ok' }, key: 'k-4' });
    expect(idOf(ok)).toBeDefined();
  });
});

describe('idempotencyKey, beyond a single create', () => {
  const SUBSCRIBE = `mutation S($id: ID!, $key: String, $withCalls: Boolean) {
    subscribeInstance(id: $id, idempotencyKey: $key, withCalls: $withCalls) {
      instance { id due }
      userErrors { field code }
    }
  }`;
  const ENABLE_CALLS = `mutation E($id: ID!, $key: String) {
    enableCalls(id: $id, idempotencyKey: $key) { instance { id } userErrors { field code } }
  }`;

  it('refuses a key reused with another input, sending nothing', async () => {
    await g.gql(CREATE, { input: { name: 'primeiro' }, key: 'k-reuse' });
    const reused = await g.gql(CREATE, { input: { name: 'segundo' }, key: 'k-reuse' });
    expect(reused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      retryable: false,
    });
    expect(g.sandbox.count('create')).toBe(1);
  });

  it('refuses a key reused for another mutation', async () => {
    const created = await g.gql(CREATE, { input: { name: 'para assinar' }, key: 'k-cross' });
    const reused = await g.gql(SUBSCRIBE, { id: idOf(created), key: 'k-cross' });
    expect(reused.body.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(g.sandbox.count('subscribe')).toBe(0);
  });

  it('subscribes once per key: a repeat extends the due date no further', async () => {
    const id = idOf(await g.gql(CREATE, { input: { name: 'assinada' } }));
    const first = await g.gql(SUBSCRIBE, { id, key: 'sub-1' });
    const again = await g.gql(SUBSCRIBE, { id, key: 'sub-1' });
    expect(first.body.errors).toBeUndefined();
    expect(again.body.data).toEqual(first.body.data);
    expect(g.sandbox.count('subscribe')).toBe(1);
    const other = await g.gql(SUBSCRIBE, { id, key: 'sub-1', withCalls: true });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const bad = await g.gql(SUBSCRIBE, { id, key: '' });
    expect(bad.body.data?.subscribeInstance).toMatchObject({
      userErrors: [{ field: ['idempotencyKey'], code: 'ZAPI_INVALID_INPUT' }],
    });
  });

  it('enables calls once per key', async () => {
    const id = idOf(await g.gql(CREATE, { input: { name: 'com chamadas' } }));
    await g.gql(SUBSCRIBE, { id });
    const before = g.sandbox.count('update');
    const first = await g.gql(ENABLE_CALLS, { id, key: 'calls-1' });
    const again = await g.gql(ENABLE_CALLS, { id, key: 'calls-1' });
    expect(first.body.errors).toBeUndefined();
    expect(again.body).toEqual(first.body);
    expect(g.sandbox.count('update') - before).toBe(1);
  });
});

describe('a claim whose holder died', () => {
  let store: MemoryIdempotencyStore;
  let dead: Gateway;
  beforeEach(async () => {
    store = new MemoryIdempotencyStore();
    dead = await startGateway({ app: { idempotency: store, paidCalls: { leaseMs: 100 } } });
  });
  afterEach(() => dead.close());

  it('answers ZAPI_OUTCOME_UNKNOWN naming the instance found by name, and never creates', async () => {
    const created = await dead.gql(CREATE, { input: { name: 'órfã' } });
    // A claim as a process that died mid-create leaves it: the same fingerprint, no outcome.
    const parsed = validate(CreateInstanceInput, { name: 'órfã' });
    const [caller] = parseApiKeys(KEYS.full);
    if (!parsed.success || !caller) throw new Error('bad fixture');
    const callerId = caller.id;
    await store.claim(`${callerId}:k-dead`, fingerprintOf('createInstance', parsed.data), 50);
    const retry = await dead.gql(CREATE, { input: { name: 'órfã' }, key: 'k-dead' });
    expect(retry.body.errors?.[0]?.extensions).toMatchObject({
      code: 'ZAPI_OUTCOME_UNKNOWN',
      candidates: [{ id: idOf(created), name: 'órfã' }],
    });
    const again = await dead.gql(CREATE, { input: { name: 'órfã' }, key: 'k-dead' });
    expect(again.body.errors?.[0]?.extensions).toEqual(retry.body.errors?.[0]?.extensions);
    expect(dead.sandbox.count('create')).toBe(1);
  });
});

describe('a store that cannot be reached', () => {
  it('refuses a create with a key (STORE_UNAVAILABLE), sending nothing; one without a key goes', async () => {
    const down = new MemoryIdempotencyStore();
    const unreachable = () => Promise.reject(new StoreUnavailableError());
    const broken = await startGateway({
      app: {
        idempotency: Object.assign(down, {
          claim: unreachable,
          ready: () => Promise.resolve(false),
        }),
      },
    });
    try {
      const refused = await broken.gql(CREATE, { input: { name: 'sem loja' }, key: 'k-down' });
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({
        code: 'STORE_UNAVAILABLE',
        retryable: true,
      });
      expect(broken.sandbox.count('create')).toBe(0);
      const keyless = await broken.gql(CREATE, { input: { name: 'sem chave' } });
      expect(idOf(keyless)).toBeDefined();
    } finally {
      await broken.close();
    }
  });
});

describe('MemoryIdempotencyStore', () => {
  it('forgets a result after its time to live', async () => {
    // Not 0: lru-cache reads a start time of 0 as none.
    let now = 1_000;
    const store = new MemoryIdempotencyStore({ now: () => now });
    const claim = await store.claim('k', 'fp', 10_000);
    if (claim.status !== 'acquired') throw new Error(claim.status);
    await store.complete('k', claim.owner, 'v', 1_000);
    expect(await store.claim('k', 'fp', 10_000)).toEqual({ status: 'done', outcome: 'v' });
    now += 61_000;
    expect((await store.claim('k', 'fp', 10_000)).status).toBe('acquired');
  });

  it('evicts only finished keys when full; a key in flight still deduplicates', async () => {
    const store = new MemoryIdempotencyStore({ max: 3 });
    expect((await store.claim('in-flight', 'fp', 60_000)).status).toBe('acquired');
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      const claim = await store.claim(key, 'fp', 60_000);
      if (claim.status === 'acquired') await store.complete(key, claim.owner, key);
    }
    // The two least recently used finished keys went; the last three stay.
    expect((await store.claim('a', 'fp', 60_000)).status).toBe('acquired');
    for (const key of ['c', 'd', 'e'])
      expect(await store.claim(key, 'fp', 60_000)).toEqual({ status: 'done', outcome: key });
    // The claim in flight was never evicted: a retry waits for it rather than creating again.
    expect(await store.claim('in-flight', 'fp', 60_000)).toEqual({ status: 'in-flight' });
  });
});
