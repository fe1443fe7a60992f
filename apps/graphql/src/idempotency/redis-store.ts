import type { Result } from 'ioredis';
import type { Redis } from '@zapikit/shared-state';
import { StoreUnavailableError } from './errors.js';
import { IDEMPOTENCY_TTL_MS, newOwner, type Claim, type IdempotencyStore } from './store.js';

// Each key is one hash: fp (fingerprint), state (pending | done), owner, lease (Redis clock, ms)
// and outcome. Scripts run atomically on the server and read Redis's own clock, so replicas with
// skewed clocks agree on when a lease ran out. The hash lives 24 hours from its claim, and again
// from its outcome: a claim whose holder died keeps answering "unknown" rather than freeing the key.
const NOW = `local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000)`;

// KEYS[1]; ARGV: fingerprint, owner, leaseMs, ttlMs → {status[, outcome]}
const CLAIM = `${NOW}
local r = redis.call('HMGET', KEYS[1], 'fp', 'state', 'lease', 'outcome')
if not r[1] then
  redis.call('HSET', KEYS[1], 'fp', ARGV[1], 'state', 'pending', 'owner', ARGV[2], 'lease', now + tonumber(ARGV[3]))
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  return {'acquired'}
end
if r[1] ~= ARGV[1] then return {'reused'} end
if r[2] == 'done' then return {'done', r[4]} end
if tonumber(r[3]) > now then return {'in-flight'} end
return {'expired'}`;

// KEYS[1]; ARGV: owner, leaseMs → 1 | 0
const RENEW = `${NOW}
local r = redis.call('HMGET', KEYS[1], 'state', 'owner')
if r[1] ~= 'pending' or r[2] ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'lease', now + tonumber(ARGV[2]))
return 1`;

// KEYS[1]; ARGV: owner, outcome, ttlMs → 1 | 0
const COMPLETE = `
local r = redis.call('HMGET', KEYS[1], 'state', 'owner')
if r[1] ~= 'pending' or r[2] ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'state', 'done', 'outcome', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

// KEYS[1]; ARGV: owner → 1 | 0
const RELEASE = `
local r = redis.call('HMGET', KEYS[1], 'state', 'owner')
if r[1] ~= 'pending' or r[2] ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1`;

// KEYS[1]; ARGV: fingerprint, outcome, ttlMs → {status[, outcome]}
const SETTLE_EXPIRED = `${NOW}
local r = redis.call('HMGET', KEYS[1], 'fp', 'state', 'lease', 'outcome')
if not r[1] then return {'in-flight'} end
if r[1] ~= ARGV[1] then return {'reused'} end
if r[2] == 'done' then return {'done', r[4]} end
if tonumber(r[3]) > now then return {'in-flight'} end
redis.call('HSET', KEYS[1], 'state', 'done', 'outcome', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {'done', ARGV[2]}`;

type Reply = [Claim['status'], string?];

declare module 'ioredis' {
  interface RedisCommander<Context> {
    zapikitIdempotencyClaim(
      key: string,
      fingerprint: string,
      owner: string,
      leaseMs: number,
      ttlMs: number,
    ): Result<Reply, Context>;
    zapikitIdempotencyRenew(key: string, owner: string, leaseMs: number): Result<number, Context>;
    zapikitIdempotencyComplete(
      key: string,
      owner: string,
      outcome: string,
      ttlMs: number,
    ): Result<number, Context>;
    zapikitIdempotencyRelease(key: string, owner: string): Result<number, Context>;
    zapikitIdempotencySettleExpired(
      key: string,
      fingerprint: string,
      outcome: string,
      ttlMs: number,
    ): Result<Reply, Context>;
  }
}

/** Where the gateway's keys live in Redis; one prefix so an operator can find (and count) them. */
export const REDIS_KEY_PREFIX = 'zapikit:gateway:idempotency:';

/**
 * Idempotency keys in Redis, shared by every replica and kept across restarts. Each step is one
 * Lua script (ioredis `defineCommand`: EVALSHA, reloaded after a Redis restart). Any failure to
 * reach Redis becomes StoreUnavailableError within the connection's give-up bound (2 s).
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  readonly #redis: Redis;
  readonly #onError: (error: unknown) => void;

  /** `redis` comes from connectRedis; the store closes it on `close`. */
  constructor(redis: Redis, options: { onError?: (error: unknown) => void } = {}) {
    this.#redis = redis;
    this.#onError = options.onError ?? (() => undefined);
    redis.defineCommand('zapikitIdempotencyClaim', { numberOfKeys: 1, lua: CLAIM });
    redis.defineCommand('zapikitIdempotencyRenew', { numberOfKeys: 1, lua: RENEW });
    redis.defineCommand('zapikitIdempotencyComplete', { numberOfKeys: 1, lua: COMPLETE });
    redis.defineCommand('zapikitIdempotencyRelease', { numberOfKeys: 1, lua: RELEASE });
    redis.defineCommand('zapikitIdempotencySettleExpired', {
      numberOfKeys: 1,
      lua: SETTLE_EXPIRED,
    });
  }

  async #call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      this.#onError(error);
      throw new StoreUnavailableError();
    }
  }

  static #claimOf(reply: Reply, owner?: string): Claim {
    const [status, outcome] = reply;
    if (status === 'acquired') return { status, owner: owner ?? '' };
    if (status === 'done') return { status, outcome: outcome ?? 'null' };
    return { status };
  }

  async claim(key: string, fingerprint: string, leaseMs: number): Promise<Claim> {
    const owner = newOwner();
    const reply = await this.#call(() =>
      this.#redis.zapikitIdempotencyClaim(
        REDIS_KEY_PREFIX + key,
        fingerprint,
        owner,
        Math.ceil(leaseMs),
        IDEMPOTENCY_TTL_MS,
      ),
    );
    return RedisIdempotencyStore.#claimOf(reply, owner);
  }

  async renew(key: string, owner: string, leaseMs: number): Promise<boolean> {
    const renewed = await this.#call(() =>
      this.#redis.zapikitIdempotencyRenew(REDIS_KEY_PREFIX + key, owner, Math.ceil(leaseMs)),
    );
    return renewed === 1;
  }

  async complete(
    key: string,
    owner: string,
    outcome: string,
    ttlMs = IDEMPOTENCY_TTL_MS,
  ): Promise<boolean> {
    const completed = await this.#call(() =>
      this.#redis.zapikitIdempotencyComplete(REDIS_KEY_PREFIX + key, owner, outcome, ttlMs),
    );
    return completed === 1;
  }

  async release(key: string, owner: string): Promise<void> {
    await this.#call(() => this.#redis.zapikitIdempotencyRelease(REDIS_KEY_PREFIX + key, owner));
  }

  async settleExpired(
    key: string,
    fingerprint: string,
    outcome: string,
    ttlMs = IDEMPOTENCY_TTL_MS,
  ): Promise<Claim> {
    const reply = await this.#call(() =>
      this.#redis.zapikitIdempotencySettleExpired(
        REDIS_KEY_PREFIX + key,
        fingerprint,
        outcome,
        ttlMs,
      ),
    );
    return RedisIdempotencyStore.#claimOf(reply);
  }

  async ready(): Promise<boolean> {
    try {
      await this.#redis.ping();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.#redis.quit().catch(() => {
      this.#redis.disconnect();
    });
  }
}
