import { randomUUID } from 'node:crypto';
import type { GuardStore } from './guard-store.js';

/**
 * One process among many holds a named lease in the guard store and renews it while it lives;
 * the others wait for it to lapse. On Redis this elects one process across every shard; in
 * memory the only process always holds it.
 */
export class Leadership {
  readonly #store: GuardStore;
  readonly #key: string;
  readonly #ttlMs: number;
  readonly #id = randomUUID();

  /** `ttlMs`: how long a lease outlives its holder's last renewal. */
  constructor(store: GuardStore, key: string, ttlMs: number) {
    this.#store = store;
    this.#key = key;
    this.#ttlMs = ttlMs;
  }

  /**
   * Whether this process holds the lease now: takes it when free, renews it when held. Throws
   * GuardStoreUnavailableError when the store cannot say.
   */
  async lead(): Promise<boolean> {
    const present = await this.#store.claim('leader', this.#key, this.#id, this.#ttlMs);
    if (present === undefined) return true;
    if (present !== this.#id) return false;
    return this.#store.settle('leader', this.#key, this.#id, {
      value: this.#id,
      ttlMs: this.#ttlMs,
    });
  }

  /** Lets go of the lease, so another process takes over at its next try; never throws. */
  async resign(): Promise<void> {
    await this.#store.settle('leader', this.#key, this.#id).catch(() => undefined);
  }
}
