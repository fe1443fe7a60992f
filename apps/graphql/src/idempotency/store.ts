import { LRUCache } from 'lru-cache';

/** How long an idempotency key holds its first result. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** What `begin` found for a key. */
export type IdempotencyClaim<T> =
  { status: 'new' } | { status: 'done'; value: T } | { status: 'pending'; settled: Promise<T> };

/**
 * Remembers the outcome of a paid call per key. In memory by default; a shared store (Redis,
 * a database) implements the same three calls to serve several replicas.
 */
export interface IdempotencyStore {
  /** Claims a key: `new` means the caller must do the work and then `complete` or `abandon`. */
  begin<T>(key: string): Promise<IdempotencyClaim<T>>;
  /** Records the outcome, for `ttlMs`, and releases anyone waiting. */
  complete(key: string, value: unknown, ttlMs?: number): Promise<void>;
  /** Releases a key whose work must be allowed again (it provably did nothing). */
  abandon(key: string, reason: unknown): Promise<void>;
}

/** A claim whose work is in flight: who waits for it, and how to release them. */
interface Pending {
  settled: Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/** How many finished keys the memory store keeps by default. */
export const DEFAULT_IDEMPOTENCY_MAX_KEYS = 10_000;

export interface MemoryIdempotencyStoreOptions {
  /** Finished keys kept at most (default 10 000); the least recently used go first. */
  max?: number;
  /** The clock, in ms (tests move it). */
  now?: () => number;
}

/**
 * An in-process store: right for one replica; loses its keys on restart.
 *
 * Bounded: it keeps at most `max` finished keys (default 10 000), each for its time to live
 * (24 hours by default), evicting the least recently used first when full. A key whose work is
 * still in flight is never evicted: pending claims are held apart from the LRU (bounded by how
 * many creates run at once), so a retry during a create always waits for it. What eviction
 * means for a caller: a retry with a finished key that has been evicted (or has expired) is
 * treated as new, and creates again.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #pending = new Map<string, Pending>();
  // Values are boxed: lru-cache does not store undefined.
  readonly #done: LRUCache<string, { value: unknown }>;

  constructor(options: MemoryIdempotencyStoreOptions = {}) {
    const now = options.now;
    this.#done = new LRUCache({
      max: options.max ?? DEFAULT_IDEMPOTENCY_MAX_KEYS,
      ttl: IDEMPOTENCY_TTL_MS,
      // With an injected clock, read it on every check rather than lru-cache's cached time.
      ...(now ? { perf: { now }, ttlResolution: 0 } : {}),
    });
  }

  begin<T>(key: string): Promise<IdempotencyClaim<T>> {
    const done = this.#done.get(key);
    if (done) return Promise.resolve({ status: 'done', value: done.value as T });
    const pending = this.#pending.get(key);
    if (pending)
      return Promise.resolve({ status: 'pending', settled: pending.settled as Promise<T> });
    let resolve!: (value: unknown) => void;
    let reject!: (reason: unknown) => void;
    const settled = new Promise<unknown>((yes, no) => {
      resolve = yes;
      reject = no;
    });
    // Waiters attach their own handlers; this one keeps an unwaited rejection from crashing.
    settled.catch(() => undefined);
    this.#pending.set(key, { settled, resolve, reject });
    return Promise.resolve({ status: 'new' });
  }

  complete(key: string, value: unknown, ttlMs = IDEMPOTENCY_TTL_MS): Promise<void> {
    const pending = this.#pending.get(key);
    if (pending) {
      this.#pending.delete(key);
      this.#done.set(key, { value }, { ttl: ttlMs });
      pending.resolve(value);
    }
    return Promise.resolve();
  }

  abandon(key: string, reason: unknown): Promise<void> {
    const pending = this.#pending.get(key);
    if (pending) {
      this.#pending.delete(key);
      pending.reject(reason);
    }
    return Promise.resolve();
  }
}
