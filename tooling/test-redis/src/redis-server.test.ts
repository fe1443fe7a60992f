import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { redisAvailable, redisSkipReason, startRedis, type TestRedis } from './index.js';

describe.skipIf(!redisAvailable)('startRedis', () => {
  let redis: TestRedis | undefined;
  afterAll(() => redis?.stop());

  it('starts a server that answers, survives a kill and restart on the same port', async () => {
    redis = await startRedis({ password: 'p@ss word' });
    expect(redis.url).toMatch(/^redis:\/\/:p%40ss%20word@127\.0\.0\.1:\d+$/);
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    try {
      await client.set('k', 'v');
      expect(await client.get('k')).toBe('v');
      await redis.kill();
      await redis.restart();
      // Empty after a restart: nothing is persisted.
      expect(await client.get('k')).toBeNull();
    } finally {
      client.disconnect();
    }
  });
});

it.skipIf(redisAvailable)(`skips: ${redisSkipReason}`, () => undefined);
