import type { InstanceListItem } from '@zapikit/schema';
import type { ZapiClient } from './client.js';

/** How long a looked-up instance is reused; short, so a cancelled or renamed one shows soon. */
export const INSTANCE_CACHE_MS = 30_000;
const MAX_CACHED = 1_000;

/**
 * Finds an instance (and so its token) by id through the partner list, caching it briefly.
 * Frontends pass only ids; tokens stay on the server.
 */
export class InstanceDirectory {
  readonly #zapi: ZapiClient;
  readonly #cache = new Map<string, { item: InstanceListItem; until: number }>();
  readonly #now: () => number;

  constructor(zapi: ZapiClient, now: () => number = Date.now) {
    this.#zapi = zapi;
    this.#now = now;
  }

  /** The instance with exactly this id, or undefined when the partner has none. */
  async find(id: string): Promise<InstanceListItem | undefined> {
    const cached = this.#cache.get(id);
    if (cached && cached.until > this.#now()) return cached.item;
    const page = await this.#zapi.listInstances({ query: id, pageSize: 100 });
    const item = page.content.find((candidate) => candidate.id === id);
    if (item) this.remember(item);
    else this.#cache.delete(id);
    return item;
  }

  /** Caches an instance seen elsewhere (a list page, a create). */
  remember(item: InstanceListItem): void {
    this.#cache.delete(item.id);
    this.#cache.set(item.id, { item, until: this.#now() + INSTANCE_CACHE_MS });
    if (this.#cache.size > MAX_CACHED) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
  }

  /** Drops a cached instance after a change, so the next read is fresh. */
  forget(id: string): void {
    this.#cache.delete(id);
  }
}
