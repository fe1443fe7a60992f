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

interface Entry {
  settled: Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  done: boolean;
  value?: unknown;
  until: number;
}

/** An in-process store: right for one replica; loses its keys on restart. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  #lastSweep = 0;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  begin<T>(key: string): Promise<IdempotencyClaim<T>> {
    this.#sweep();
    const entry = this.#entries.get(key);
    if (entry?.done) return Promise.resolve({ status: 'done', value: entry.value as T });
    if (entry) return Promise.resolve({ status: 'pending', settled: entry.settled as Promise<T> });
    let resolve!: (value: unknown) => void;
    let reject!: (reason: unknown) => void;
    const settled = new Promise<unknown>((yes, no) => {
      resolve = yes;
      reject = no;
    });
    // Waiters attach their own handlers; this one keeps an unwaited rejection from crashing.
    settled.catch(() => undefined);
    this.#entries.set(key, {
      settled,
      resolve,
      reject,
      done: false,
      until: Number.POSITIVE_INFINITY,
    });
    return Promise.resolve({ status: 'new' });
  }

  complete(key: string, value: unknown, ttlMs = IDEMPOTENCY_TTL_MS): Promise<void> {
    const entry = this.#entries.get(key);
    if (entry) {
      entry.done = true;
      entry.value = value;
      entry.until = this.#now() + ttlMs;
      entry.resolve(value);
    }
    return Promise.resolve();
  }

  abandon(key: string, reason: unknown): Promise<void> {
    const entry = this.#entries.get(key);
    if (entry && !entry.done) {
      this.#entries.delete(key);
      entry.reject(reason);
    }
    return Promise.resolve();
  }

  // Expired keys are dropped at most once a minute, so a busy gateway does not scan every call.
  #sweep(): void {
    const now = this.#now();
    if (now - this.#lastSweep < 60_000) return;
    this.#lastSweep = now;
    for (const [key, entry] of this.#entries) {
      if (entry.done && entry.until <= now) this.#entries.delete(key);
    }
  }
}
