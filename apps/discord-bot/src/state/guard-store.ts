/**
 * Where the bot keeps what stops a paid action from running twice. Each space holds short-lived
 * records with their own expiry; the two implementations (process memory, Redis) keep exactly
 * the same contract, proven by one test suite (guard-store.test.ts).
 *
 * - `delivery`: interaction ids already handled (15 minutes).
 * - `cooldown`: when each member may start a paid action again.
 * - `claim`: names being created and instances being subscribed, then the holds after them.
 * - `pending`: create inputs waiting for a member's confirmation.
 * - `leader`: which process posts to the events channel (a lease it renews at every poll).
 */
export type GuardSpace = 'delivery' | 'cooldown' | 'claim' | 'pending' | 'leader';

/** The store's operations; every one is atomic, also across processes sharing a Redis. */
export interface GuardStore {
  /** `memory` (this process only) or `redis` (shared by every process on one REDIS_URL). */
  readonly kind: 'memory' | 'redis';
  /**
   * Stores `value` under `key` for `ttlMs` unless the key already holds a value: resolves
   * undefined when it stored, else the value already there (left untouched).
   */
  claim(space: GuardSpace, key: string, value: string, ttlMs: number): Promise<string | undefined>;
  /**
   * Only while `key` still holds `expected`: replaces it with `next` for `next.ttlMs`, or
   * deletes it when `next` is undefined. Resolves whether it changed anything.
   */
  settle(
    space: GuardSpace,
    key: string,
    expected: string,
    next?: { value: string; ttlMs: number },
  ): Promise<boolean>;
  /** Removes `key` and resolves the value it held, so that only one caller ever gets it. */
  take(space: GuardSpace, key: string): Promise<string | undefined>;
  /** Lets go of the connection, if any. */
  close(): Promise<void>;
}

/** The store could not be reached: nothing that depends on it may go ahead. */
export class GuardStoreUnavailableError extends Error {
  override name = 'GuardStoreUnavailableError';
  readonly code = 'BOT_STORE_UNAVAILABLE';
}

/** Whether a value is a {@link GuardStoreUnavailableError}, matched on its code. */
export function isStoreUnavailable(value: unknown): value is GuardStoreUnavailableError {
  return value instanceof Error && (value as { code?: unknown }).code === 'BOT_STORE_UNAVAILABLE';
}
