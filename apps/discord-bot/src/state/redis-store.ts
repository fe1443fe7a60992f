import type { Redis } from '@zapikit/shared-state';
import { GuardStoreUnavailableError, type GuardSpace, type GuardStore } from './guard-store.js';

// Each operation is one script, so it runs atomically on the server: no other process can slip
// in between the read and the write. Registered with ioredis's defineCommand (EVALSHA, falling
// back to EVAL), which works on Redis 6 as well as 7.
const CLAIM = `
local present = redis.call('GET', KEYS[1])
if present then return present end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false`;
const SETTLE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
return 1`;
const TAKE = `
local present = redis.call('GET', KEYS[1])
if present then redis.call('DEL', KEYS[1]) end
return present`;

interface GuardCommands {
  zapikitClaim(key: string, value: string, ttlMs: number): Promise<string | null>;
  zapikitSettle(key: string, expected: string, next: string, ttlMs: number): Promise<number>;
  zapikitTake(key: string): Promise<string | null>;
}

/** Every key the bot writes starts with this, so it can share a Redis with the gateway. */
export const REDIS_KEY_PREFIX = 'zapikit:bot:';

/**
 * The guard store on Redis, shared by every shard and process given the same REDIS_URL. Every
 * record has an expiry (PX), so Redis holds only the last few minutes' worth. A failed or
 * timed-out command (the connection gives up within REDIS_GIVE_UP_MS) becomes
 * BOT_STORE_UNAVAILABLE.
 */
export class RedisGuardStore implements GuardStore {
  readonly kind = 'redis';
  readonly #redis: Redis & GuardCommands;

  constructor(redis: Redis) {
    redis.defineCommand('zapikitClaim', { numberOfKeys: 1, lua: CLAIM });
    redis.defineCommand('zapikitSettle', { numberOfKeys: 1, lua: SETTLE });
    redis.defineCommand('zapikitTake', { numberOfKeys: 1, lua: TAKE });
    this.#redis = redis as Redis & GuardCommands;
  }

  async claim(
    space: GuardSpace,
    key: string,
    value: string,
    ttlMs: number,
  ): Promise<string | undefined> {
    const present = await this.#call(() =>
      this.#redis.zapikitClaim(keyOf(space, key), value, Math.max(1, Math.ceil(ttlMs))),
    );
    return present ?? undefined;
  }

  async settle(
    space: GuardSpace,
    key: string,
    expected: string,
    next?: { value: string; ttlMs: number },
  ): Promise<boolean> {
    const changed = await this.#call(() =>
      this.#redis.zapikitSettle(
        keyOf(space, key),
        expected,
        next?.value ?? '',
        Math.max(1, Math.ceil(next?.ttlMs ?? 1)),
      ),
    );
    return changed === 1;
  }

  async take(space: GuardSpace, key: string): Promise<string | undefined> {
    const value = await this.#call(() => this.#redis.zapikitTake(keyOf(space, key)));
    return value ?? undefined;
  }

  async close(): Promise<void> {
    try {
      await this.#redis.quit();
    } catch {
      this.#redis.disconnect();
    }
  }

  async #call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw new GuardStoreUnavailableError(
        `Redis did not answer: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }
}

function keyOf(space: GuardSpace, key: string): string {
  return `${REDIS_KEY_PREFIX}${space}:${key}`;
}
