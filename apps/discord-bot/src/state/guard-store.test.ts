// One contract, two stores: what the guards rely on holds in memory and on a real redis-server.
import { setTimeout as sleep } from 'node:timers/promises';
import { connectRedis, REDIS_GIVE_UP_MS, type Redis } from '@zapikit/shared-state';
import { redisAvailable, redisSkipReason, startRedis, type TestRedis } from '@zapikit/test-redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBotError } from '../errors.js';
import { Guards } from '../guards.js';
import { isStoreUnavailable, type GuardStore } from './guard-store.js';
import { MemoryGuardStore } from './memory-store.js';
import { RedisGuardStore } from './redis-store.js';

interface Subject {
  /** A fresh store; `second` is another handle on the same records (another process's). */
  open(): Promise<{ store: GuardStore; second: GuardStore }>;
}

let server: TestRedis | undefined;
const connections: Redis[] = [];
beforeAll(async () => {
  if (redisAvailable) server = await startRedis({ password: 'CANARY-redis-pw-31f' });
});
afterAll(async () => {
  for (const connection of connections.splice(0)) connection.disconnect();
  await server?.stop();
});

function redisConnection(): Redis {
  if (!server) throw new Error('no redis-server');
  const redis = connectRedis(server.url, { connectionName: 'guard-store-test' });
  connections.push(redis);
  return redis;
}

async function ready(redis: Redis): Promise<void> {
  await expect.poll(() => redis.ping().catch(() => 'down'), { timeout: 5_000 }).toBe('PONG');
}

const subjects: [string, Subject][] = [
  [
    'memory',
    {
      open() {
        const store = new MemoryGuardStore();
        return Promise.resolve({ store, second: store });
      },
    },
  ],
  [
    'redis',
    {
      async open() {
        await server?.flush();
        const [one, two] = [redisConnection(), redisConnection()];
        await Promise.all([ready(one), ready(two)]);
        return { store: new RedisGuardStore(one), second: new RedisGuardStore(two) };
      },
    },
  ],
];

describe.each(subjects)('the %s guard store', (kind, subject) => {
  const skip = kind === 'redis' && !redisAvailable;

  it.skipIf(skip)('claims a key once, giving later claimers the value already there', async () => {
    const { store, second } = await subject.open();
    expect(await store.claim('claim', 'a', 'first', 60_000)).toBeUndefined();
    expect(await second.claim('claim', 'a', 'second', 60_000)).toBe('first');
    expect(await store.claim('claim', 'a', 'third', 60_000)).toBe('first');
  });

  it.skipIf(skip)('keeps spaces apart', async () => {
    const { store } = await subject.open();
    await store.claim('delivery', 'a', '1', 60_000);
    expect(await store.claim('cooldown', 'a', '2', 60_000)).toBeUndefined();
  });

  it.skipIf(skip)('lets exactly one of many concurrent claimers win', async () => {
    const { store, second } = await subject.open();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 === 0 ? store : second).claim('claim', 'race', `claimer-${index}`, 60_000),
      ),
    );
    const winners = results.filter((result) => result === undefined);
    expect(winners).toHaveLength(1);
    const winner = `claimer-${results.indexOf(undefined)}`;
    expect(results.filter((result) => result !== undefined && result !== winner)).toEqual([]);
  });

  it.skipIf(skip)('forgets a record once its ttl has passed', async () => {
    const { store, second } = await subject.open();
    await store.claim('claim', 'brief', 'one', 150);
    expect(await second.claim('claim', 'brief', 'two', 150)).toBe('one');
    await sleep(300);
    expect(await second.claim('claim', 'brief', 'two', 60_000)).toBeUndefined();
  });

  it.skipIf(skip)('settles only the value it expects: replaces it, or deletes it', async () => {
    const { store, second } = await subject.open();
    await store.claim('claim', 'k', 'mine', 60_000);
    expect(await second.settle('claim', 'k', 'not mine')).toBe(false);
    expect(await store.claim('claim', 'k', 'x', 60_000)).toBe('mine');
    expect(await second.settle('claim', 'k', 'mine', { value: 'held', ttlMs: 60_000 })).toBe(true);
    expect(await store.claim('claim', 'k', 'x', 60_000)).toBe('held');
    expect(await store.settle('claim', 'k', 'held')).toBe(true);
    expect(await second.claim('claim', 'k', 'fresh', 60_000)).toBeUndefined();
  });

  it.skipIf(skip)('gives a replaced value its own ttl', async () => {
    const { store } = await subject.open();
    await store.claim('claim', 'k', 'mine', 60_000);
    await store.settle('claim', 'k', 'mine', { value: 'held', ttlMs: 150 });
    await sleep(300);
    expect(await store.claim('claim', 'k', 'fresh', 60_000)).toBeUndefined();
  });

  it.skipIf(skip)('hands a taken value to one taker only', async () => {
    const { store, second } = await subject.open();
    await store.claim('pending', 'p', '{"name":"shop"}', 60_000);
    const taken = await Promise.all([store.take('pending', 'p'), second.take('pending', 'p')]);
    expect(taken.filter((value) => value !== undefined)).toEqual(['{"name":"shop"}']);
    expect(await store.take('pending', 'missing')).toBeUndefined();
  });

  it.skipIf(skip)(
    'turns a claim whose lease ran out into a hold for the next create of the name',
    async () => {
      const { store, second } = await subject.open();
      const options = { cooldownMs: 0, leaseMs: 150 };
      const one = new Guards({ store, ...options });
      const other = new Guards({ store: second, ...options });
      // The first process claims, then dies without releasing.
      await one.claimName('guild', 'shop', '111111111111111111');
      await expect(other.claimName('guild', 'shop', '222222222222222222')).rejects.toThrow(
        /already in progress/,
      );
      await sleep(300);
      await expect(other.claimName('guild', 'shop', '222222222222222222')).rejects.toThrow(
        /cut off before Z-API answered/,
      );
    },
  );
});

describe.skipIf(!redisAvailable)('the redis guard store while Redis is down', () => {
  it('refuses within the give-up bound with BOT_STORE_UNAVAILABLE, then recovers by itself', async () => {
    if (!server) throw new Error('no redis-server');
    const redis = redisConnection();
    await ready(redis);
    const guards = new Guards({
      store: new RedisGuardStore(redis),
      cooldownMs: 0,
      leaseMs: 60_000,
    });
    await server.kill();
    try {
      const started = Date.now();
      const refused = await guards.claimName('guild', 'shop', '111111111111111111').then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(Date.now() - started).toBeLessThan(REDIS_GIVE_UP_MS + 1_000);
      expect(isBotError(refused) && refused.code).toBe('BOT_STORE_UNAVAILABLE');
      expect((refused as Error).message).not.toContain('CANARY-redis-pw-31f');
      await expect(guards.firstDelivery('1')).rejects.toSatisfy(isStoreUnavailable);
    } finally {
      await server.restart();
    }
    await ready(redis);
    await expect(guards.claimName('guild', 'shop', '111111111111111111')).resolves.toBeTypeOf(
      'function',
    );
  });
});

it.skipIf(redisAvailable)(`skips the Redis half: ${redisSkipReason}`, () => undefined);
