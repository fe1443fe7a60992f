import { LRUCache } from 'lru-cache';
import type { GuardSpace, GuardStore } from './guard-store.js';

/**
 * How many records each space keeps in memory at most, and what evicting one costs:
 * - `delivery` 10 000: an id evicted under a flood of 10 000 newer interactions within 15
 *   minutes could be handled again if Discord delivered it again; the claim on its name or
 *   instance still stops a second paid call.
 * - `cooldown` 10 000: an evicted member's cooldown ends early; nothing else.
 * - `claim`: no maximum. Evicting a claim would let a second paid create through, so nothing
 *   evicts one; each expires with its lease and hold, so the creates and subscriptions of the
 *   last few minutes bound the space.
 * - `pending` 1 000: an evicted confirmation answers "expired, run the command again", nothing
 *   is sent.
 * - `leader` 10: one lease (the events channel's); in memory it only ever has this process.
 */
export const MEMORY_BOUNDS: Readonly<Record<GuardSpace, number | undefined>> = {
  delivery: 10_000,
  cooldown: 10_000,
  claim: undefined,
  pending: 1_000,
  leader: 10,
};

/** The guard store of one process: nothing is shared with other processes or kept on restart. */
export class MemoryGuardStore implements GuardStore {
  readonly kind = 'memory';
  readonly #spaces: Record<GuardSpace, LRUCache<string, string>>;

  constructor(options: { now?: () => number } = {}) {
    const perf = options.now ? { now: options.now } : undefined;
    const space = (max: number | undefined) =>
      new LRUCache<string, string>({
        ...(max === undefined ? { ttlAutopurge: true } : { max }),
        // Every record sets its own ttl; this default is never used.
        ttl: 60_000,
        ttlResolution: 0,
        ...(perf ? { perf } : {}),
      });
    this.#spaces = {
      delivery: space(MEMORY_BOUNDS.delivery),
      cooldown: space(MEMORY_BOUNDS.cooldown),
      claim: space(MEMORY_BOUNDS.claim),
      pending: space(MEMORY_BOUNDS.pending),
      leader: space(MEMORY_BOUNDS.leader),
    };
  }

  /** How many records a space holds now (for the bounds' tests). */
  size(space: GuardSpace): number {
    return this.#spaces[space].size;
  }

  claim(space: GuardSpace, key: string, value: string, ttlMs: number): Promise<string | undefined> {
    const records = this.#spaces[space];
    const present = records.get(key);
    if (present !== undefined) return Promise.resolve(present);
    records.set(key, value, { ttl: ttlOf(ttlMs) });
    return Promise.resolve(undefined);
  }

  settle(
    space: GuardSpace,
    key: string,
    expected: string,
    next?: { value: string; ttlMs: number },
  ): Promise<boolean> {
    const records = this.#spaces[space];
    if (records.get(key) !== expected) return Promise.resolve(false);
    if (next) records.set(key, next.value, { ttl: ttlOf(next.ttlMs) });
    else records.delete(key);
    return Promise.resolve(true);
  }

  take(space: GuardSpace, key: string): Promise<string | undefined> {
    const records = this.#spaces[space];
    const value = records.get(key);
    records.delete(key);
    return Promise.resolve(value);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

// lru-cache keeps an entry through its whole ttl, Redis drops a key once PX has passed: one
// millisecond less makes a record end at the same moment in both.
function ttlOf(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs) - 1);
}
