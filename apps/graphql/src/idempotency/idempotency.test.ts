import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREATE, KEYS, startGateway, type Gateway } from '../../test/harness.js';
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

describe('MemoryIdempotencyStore', () => {
  it('forgets a result after its time to live', async () => {
    // Not 0: lru-cache reads a start time of 0 as none.
    let now = 1_000;
    const store = new MemoryIdempotencyStore({ now: () => now });
    expect(await store.begin('k')).toEqual({ status: 'new' });
    await store.complete('k', 'v', 1_000);
    expect(await store.begin('k')).toEqual({ status: 'done', value: 'v' });
    now += 61_000;
    expect(await store.begin('k')).toEqual({ status: 'new' });
  });

  it('evicts only finished keys when full; a key in flight still deduplicates', async () => {
    const store = new MemoryIdempotencyStore({ max: 3 });
    expect(await store.begin('in-flight')).toEqual({ status: 'new' });
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      await store.begin(key);
      await store.complete(key, key);
    }
    // The two least recently used finished keys went; the last three stay.
    expect(await store.begin('a')).toEqual({ status: 'new' });
    for (const key of ['c', 'd', 'e'])
      expect(await store.begin(key)).toEqual({ status: 'done', value: key });
    // The claim in flight was never evicted: a retry waits for it rather than creating again.
    const retry = await store.begin<string>('in-flight');
    expect(retry.status).toBe('pending');
    await store.complete('in-flight', 'created once');
    if (retry.status === 'pending') expect(await retry.settled).toBe('created once');
  });
});
