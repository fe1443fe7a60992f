import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAvailable, redisSkipReason, startRedis, type TestRedis } from '@zapikit/test-redis';
import { connectRedis, redactRedisUrl, REDIS_GIVE_UP_MS } from './redis.js';

it('redacts the password and user of a Redis URL', () => {
  expect(redactRedisUrl('redis://user:hunter2@cache:6379/1')).toBe('redis://***:***@cache:6379/1');
  expect(redactRedisUrl('redis://cache:6379')).toBe('redis://cache:6379');
  expect(redactRedisUrl('not a url')).toBe('redis://***');
});

describe.skipIf(!redisAvailable)('connectRedis', () => {
  let server: TestRedis;
  beforeAll(async () => {
    server = await startRedis({ password: 'canary-redis-pw' });
  });
  afterAll(() => server.stop());

  it('fails commands within the give-up bound while Redis is down, and recovers by itself', async () => {
    const errors: Error[] = [];
    const redis = connectRedis(server.url, {
      connectionName: 'test',
      onError: (error) => errors.push(error),
    });
    try {
      // No offline queue: commands sent before the first connection fail at once, too.
      await expect.poll(() => redis.ping().catch(() => 'down'), { timeout: 5_000 }).toBe('PONG');
      await redis.set('k', '1');
      await server.kill();
      const started = Date.now();
      await expect(redis.get('k')).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(REDIS_GIVE_UP_MS + 500);
      await server.restart();
      await expect.poll(() => redis.ping().catch(() => 'down'), { timeout: 5_000 }).toBe('PONG');
      expect(errors.some((error) => error.message.includes('canary-redis-pw'))).toBe(false);
    } finally {
      redis.disconnect();
    }
  });
});

it.skipIf(redisAvailable)(`skips: ${redisSkipReason}`, () => undefined);
