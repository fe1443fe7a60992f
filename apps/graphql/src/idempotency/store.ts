import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** How long an idempotency key holds its first result. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * What a claim found for (API key, idempotency key):
 * - `acquired`: the key was free; the caller does the work, then `complete`s or `release`s it as
 *   `owner`, renewing the lease while it works;
 * - `done`: an outcome is recorded (JSON text): answer it, send nothing;
 * - `in-flight`: another request (here or on another replica) holds a live lease: wait for it;
 * - `expired`: the holder's lease ran out with no outcome (its process died mid-call): the
 *   outcome is unknown, and stays so for the key's 24 hours;
 * - `reused`: the key was claimed for another input (fingerprint).
 */
export type Claim =
  | { status: 'acquired'; owner: string }
  | { status: 'done'; outcome: string }
  | { status: 'in-flight' }
  | { status: 'expired' }
  | { status: 'reused' };

/**
 * Where paid calls claim their idempotency keys. In memory by default (one process, bounded);
 * in Redis with REDIS_URL (shared by replicas, survives a restart). Both implement the same
 * semantics, checked by one contract suite (store-contract.test.ts). Every method may throw
 * StoreUnavailableError when the store cannot be reached.
 */
export interface IdempotencyStore {
  /** Atomically claims `key` for `fingerprint` with a lease of `leaseMs`, or says what holds it. */
  claim(key: string, fingerprint: string, leaseMs: number): Promise<Claim>;
  /** Extends `owner`'s lease; false when the claim is no longer its own and in flight. */
  renew(key: string, owner: string, leaseMs: number): Promise<boolean>;
  /**
   * Records `owner`'s outcome for `ttlMs`; false when the claim was no longer its own (its lease
   * ran out and another request recorded an unknown outcome, which then stands).
   */
  complete(key: string, owner: string, outcome: string, ttlMs?: number): Promise<boolean>;
  /** Frees a key whose work provably did nothing (a definite refusal), so a retry may send. */
  release(key: string, owner: string): Promise<void>;
  /**
   * Records `outcome` for a claim whose lease ran out with none, unless one was recorded first;
   * answers what stands (`done`), or `in-flight` if the holder renewed its lease meanwhile or
   * released the key (then claim again).
   */
  settleExpired(key: string, fingerprint: string, outcome: string, ttlMs?: number): Promise<Claim>;
  /** Whether the store answers now (backs `/ready`). */
  ready(): Promise<boolean>;
  /** Lets go of connections. */
  close(): Promise<void>;
}

/** A new owner token: who holds a claim, so only it may complete or release it. */
export function newOwner(): string {
  return randomUUID();
}

interface PendingRecord {
  fingerprint: string;
  owner: string;
  leaseUntil: number;
  expiresAt: number;
}

interface DoneRecord {
  fingerprint: string;
  outcome: string;
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
 * Bounded: it keeps at most `max` finished keys (default 10 000, under 10 MB of heap at the
 * gateway's record size; docs/deploy.md has the measurement), each for its time to live (24 hours
 * by default), evicting the least recently used first when full. A claim still in flight is never
 * evicted: claims are held apart from the LRU (bounded by how many paid calls run at once), so a
 * retry during a call always waits for it. What eviction means for a caller: a retry with a
 * finished key that has been evicted (or has expired) is treated as new, and sends again.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #pending = new Map<string, PendingRecord>();
  readonly #done: LRUCache<string, DoneRecord>;
  readonly #now: () => number;

  constructor(options: MemoryIdempotencyStoreOptions = {}) {
    const now = options.now;
    this.#now = now ?? Date.now;
    this.#done = new LRUCache({
      max: options.max ?? DEFAULT_IDEMPOTENCY_MAX_KEYS,
      ttl: IDEMPOTENCY_TTL_MS,
      // With an injected clock, read it on every check rather than lru-cache's cached time.
      ...(now ? { perf: { now }, ttlResolution: 0 } : {}),
    });
  }

  #pendingRecord(key: string): PendingRecord | undefined {
    const pending = this.#pending.get(key);
    if (pending && pending.expiresAt <= this.#now()) {
      this.#pending.delete(key);
      return undefined;
    }
    return pending;
  }

  /** What holds `key` for a claim with `fingerprint`, or undefined when nothing does. */
  #existing(key: string, fingerprint: string): Exclude<Claim, { status: 'acquired' }> | undefined {
    const done = this.#done.get(key);
    if (done) {
      return done.fingerprint === fingerprint
        ? { status: 'done', outcome: done.outcome }
        : { status: 'reused' };
    }
    const pending = this.#pendingRecord(key);
    if (!pending) return undefined;
    if (pending.fingerprint !== fingerprint) return { status: 'reused' };
    return { status: pending.leaseUntil > this.#now() ? 'in-flight' : 'expired' };
  }

  claim(key: string, fingerprint: string, leaseMs: number): Promise<Claim> {
    const existing = this.#existing(key, fingerprint);
    if (existing) return Promise.resolve(existing);
    const owner = newOwner();
    const now = this.#now();
    this.#pending.set(key, {
      fingerprint,
      owner,
      leaseUntil: now + leaseMs,
      expiresAt: now + IDEMPOTENCY_TTL_MS,
    });
    return Promise.resolve({ status: 'acquired', owner });
  }

  renew(key: string, owner: string, leaseMs: number): Promise<boolean> {
    const pending = this.#pendingRecord(key);
    if (pending?.owner !== owner) return Promise.resolve(false);
    pending.leaseUntil = this.#now() + leaseMs;
    return Promise.resolve(true);
  }

  complete(
    key: string,
    owner: string,
    outcome: string,
    ttlMs = IDEMPOTENCY_TTL_MS,
  ): Promise<boolean> {
    const pending = this.#pendingRecord(key);
    if (pending?.owner !== owner) return Promise.resolve(false);
    this.#pending.delete(key);
    this.#done.set(key, { fingerprint: pending.fingerprint, outcome }, { ttl: ttlMs });
    return Promise.resolve(true);
  }

  release(key: string, owner: string): Promise<void> {
    if (this.#pendingRecord(key)?.owner === owner) this.#pending.delete(key);
    return Promise.resolve();
  }

  settleExpired(
    key: string,
    fingerprint: string,
    outcome: string,
    ttlMs = IDEMPOTENCY_TTL_MS,
  ): Promise<Claim> {
    const existing = this.#existing(key, fingerprint);
    // Released meanwhile: nothing to settle; the caller claims again.
    if (!existing) return Promise.resolve({ status: 'in-flight' });
    if (existing.status !== 'expired') return Promise.resolve(existing);
    this.#pending.delete(key);
    this.#done.set(key, { fingerprint, outcome }, { ttl: ttlMs });
    return Promise.resolve({ status: 'done', outcome });
  }

  ready(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
