import { LRUCache } from 'lru-cache';
import type { InstanceListItem } from '@zapikit/schema';
import type { ZapiClient } from './client.js';

/** How long a looked-up instance is reused; short, so a cancelled or renamed one shows soon. */
export const INSTANCE_CACHE_MS = 30_000;
const MAX_CACHED = 1_000;

// What a lookup found when the partner has no such id: held only until the lookup's callers have
// it, so a later find asks again (an instance may be created meanwhile).
const NOT_FOUND = Symbol('not found');
type Entry = InstanceListItem | typeof NOT_FOUND;

/**
 * Finds an instance (and so its token) by id through the partner list, caching it briefly.
 * Frontends pass only ids; tokens stay on the server. Concurrent finds of one id share one call.
 */
export class InstanceDirectory {
  readonly #cache: LRUCache<string, Entry>;

  /** `now` is the clock the cache's expiry reads, for tests. */
  constructor(zapi: Pick<ZapiClient, 'listInstances'>, now: () => number = Date.now) {
    this.#cache = new LRUCache<string, Entry>({
      max: MAX_CACHED,
      ttl: INSTANCE_CACHE_MS,
      perf: { now },
      // Read the clock on every check, not once per millisecond: tests move it by hand.
      ttlResolution: 0,
      // A remember() or forget() during a lookup must not fail the callers waiting on it; the
      // cache itself still drops the lookup's result, so the change wins.
      ignoreFetchAbort: true,
      fetchMethod: async (id) => {
        const page = await zapi.listInstances({ query: id, pageSize: 100 });
        return page.items.find((candidate) => candidate.id === id) ?? NOT_FOUND;
      },
    });
  }

  /** The instance with exactly this id, or undefined when the partner has none. */
  async find(id: string): Promise<InstanceListItem | undefined> {
    const entry = await this.#cache.fetch(id);
    if (entry !== NOT_FOUND) return entry;
    if (this.#cache.peek(id) === NOT_FOUND) this.#cache.delete(id);
    return undefined;
  }

  /** Caches an instance seen elsewhere (a list page, a create). */
  remember(item: InstanceListItem): void {
    this.#cache.set(item.id, item);
  }

  /** Drops a cached instance after a change, so the next read is fresh. */
  forget(id: string): void {
    this.#cache.delete(id);
  }
}
