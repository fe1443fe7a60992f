import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, REDIS_GIVE_UP_MS } from '@zapikit/shared-state';
import { redisAvailable, redisSkipReason, startRedis, type TestRedis } from '@zapikit/test-redis';
import { RedisIdempotencyStore } from './redis-store.js';
import { MemoryIdempotencyStore, type Claim, type IdempotencyStore } from './store.js';

// One contract, two stores: the memory store and Redis must answer every step the same way, so a
// gateway behaves identically with and without REDIS_URL.

let redis: TestRedis | undefined;
const opened: IdempotencyStore[] = [];
beforeAll(async () => {
  if (redisAvailable) redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()));
  await redis?.stop();
});

/** A store on the test's Redis, once connected: without an offline queue, commands sent before fail. */
async function redisStore(): Promise<IdempotencyStore> {
  if (!redis) throw new Error('no redis');
  const store = new RedisIdempotencyStore(connectRedis(redis.url, { connectionName: 'contract' }));
  opened.push(store);
  await expect.poll(() => store.ready(), { timeout: 5_000 }).toBe(true);
  return store;
}

const owned = (claim: Claim) => (claim.status === 'acquired' ? claim.owner : 'none');
let n = 0;
const fresh = () => `contract-${String((n += 1))}-${String(Date.now())}`;

const stores: [string, () => Promise<IdempotencyStore>, boolean][] = [
  ['memory', () => Promise.resolve(new MemoryIdempotencyStore()), true],
  ['redis', redisStore, redisAvailable],
];

describe.each(stores)('the %s idempotency store', (_name, open, available) => {
  const it_ = it.skipIf(!available);

  it_('claims a new key once: the same input waits, another input is refused', async () => {
    const store = await open();
    const key = fresh();
    const first = await store.claim(key, 'fp-a', 10_000);
    expect(first.status).toBe('acquired');
    expect(await store.claim(key, 'fp-a', 10_000)).toEqual({ status: 'in-flight' });
    expect(await store.claim(key, 'fp-b', 10_000)).toEqual({ status: 'reused' });
    expect(await store.claim(fresh(), 'fp-a', 10_000)).toMatchObject({ status: 'acquired' });
  });

  it_('answers the recorded outcome to the same input, and only its owner records it', async () => {
    const store = await open();
    const key = fresh();
    const owner = owned(await store.claim(key, 'fp', 10_000));
    expect(await store.complete(key, 'someone-else', '"other"')).toBe(false);
    expect(await store.complete(key, owner, '{"ok":true}')).toBe(true);
    expect(await store.claim(key, 'fp', 10_000)).toEqual({
      status: 'done',
      outcome: '{"ok":true}',
    });
    expect(await store.claim(key, 'fp-other', 10_000)).toEqual({ status: 'reused' });
    // A second completion changes nothing: the first outcome stands.
    expect(await store.complete(key, owner, '"again"')).toBe(false);
    expect(await store.claim(key, 'fp', 10_000)).toEqual({
      status: 'done',
      outcome: '{"ok":true}',
    });
  });

  it_('frees a released key for the next claim, but only for its owner', async () => {
    const store = await open();
    const key = fresh();
    const owner = owned(await store.claim(key, 'fp', 10_000));
    await store.release(key, 'someone-else');
    expect(await store.claim(key, 'fp', 10_000)).toEqual({ status: 'in-flight' });
    await store.release(key, owner);
    expect(await store.claim(key, 'fp-new', 10_000)).toMatchObject({ status: 'acquired' });
  });

  it_('says expired once a lease runs out with no outcome, and keeps saying it', async () => {
    const store = await open();
    const key = fresh();
    await store.claim(key, 'fp', 150);
    await expect
      .poll(async () => (await store.claim(key, 'fp', 150)).status, { timeout: 5_000 })
      .toBe('expired');
    // Never acquired again: the holder may have sent before it died.
    expect((await store.claim(key, 'fp', 150)).status).toBe('expired');
    expect(await store.claim(key, 'fp-other', 150)).toEqual({ status: 'reused' });
  });

  it_(
    'records the first settlement of an expired claim; its late owner cannot overwrite it',
    async () => {
      const store = await open();
      const key = fresh();
      const owner = owned(await store.claim(key, 'fp', 150));
      await expect
        .poll(async () => (await store.claim(key, 'fp', 150)).status, { timeout: 5_000 })
        .toBe('expired');
      expect(await store.settleExpired(key, 'fp', '"unknown-1"')).toEqual({
        status: 'done',
        outcome: '"unknown-1"',
      });
      expect(await store.settleExpired(key, 'fp', '"unknown-2"')).toEqual({
        status: 'done',
        outcome: '"unknown-1"',
      });
      expect(await store.complete(key, owner, '"late result"')).toBe(false);
      expect(await store.claim(key, 'fp', 150)).toEqual({ status: 'done', outcome: '"unknown-1"' });
    },
  );

  it_('does not settle a claim whose lease is live, nor one released meanwhile', async () => {
    const store = await open();
    const key = fresh();
    const owner = owned(await store.claim(key, 'fp', 10_000));
    expect(await store.settleExpired(key, 'fp', '"unknown"')).toEqual({ status: 'in-flight' });
    expect(await store.settleExpired(key, 'fp-other', '"unknown"')).toEqual({ status: 'reused' });
    await store.release(key, owner);
    expect(await store.settleExpired(key, 'fp', '"unknown"')).toEqual({ status: 'in-flight' });
    expect((await store.claim(key, 'fp', 10_000)).status).toBe('acquired');
  });

  it_('keeps a renewed lease alive past its first term', async () => {
    const store = await open();
    const key = fresh();
    const owner = owned(await store.claim(key, 'fp', 800));
    await sleep(500);
    expect(await store.renew(key, owner, 2_000)).toBe(true);
    await sleep(500);
    expect(await store.claim(key, 'fp', 800)).toEqual({ status: 'in-flight' });
    expect(await store.renew(key, 'someone-else', 2_000)).toBe(false);
    await store.complete(key, owner, '1');
    expect(await store.renew(key, owner, 2_000)).toBe(false);
  });

  it_('is ready while it answers', async () => {
    expect(await (await open()).ready()).toBe(true);
  });
});

describe.skipIf(!redisAvailable)('the Redis idempotency store when Redis goes away', () => {
  it('refuses within the give-up bound, says not ready, and recovers by itself', async () => {
    const server = await startRedis();
    const store = new RedisIdempotencyStore(connectRedis(server.url, { connectionName: 'outage' }));
    try {
      await expect.poll(() => store.ready(), { timeout: 5_000 }).toBe(true);
      const owner = owned(await store.claim('before', 'fp', 10_000));
      await server.kill();
      const started = Date.now();
      await expect(store.claim('during', 'fp', 10_000)).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
      });
      expect(Date.now() - started).toBeLessThan(REDIS_GIVE_UP_MS + 1_000);
      expect(await store.ready()).toBe(false);
      await server.restart();
      await expect.poll(() => store.ready(), { timeout: 10_000 }).toBe(true);
      // The scripts load again by themselves after the restart (an empty server).
      expect((await store.claim('after', 'fp', 10_000)).status).toBe('acquired');
      expect(await store.complete('before', owner, '1')).toBe(false);
    } finally {
      await store.close();
      await server.stop();
    }
  });
});

it.skipIf(redisAvailable)(`skips the Redis store: ${redisSkipReason}`, () => undefined);
