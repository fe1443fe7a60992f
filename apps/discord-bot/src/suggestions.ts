import type { InstancePage, ZapiClient } from '@zapikit/client';
import { LRUCache } from 'lru-cache';

/** How long one search's answer serves further keystrokes. */
export const SUGGESTION_TTL_MS = 5_000;
const MAX_SEARCHES = 200;
const PAGE_SIZE = 25;

/**
 * Autocomplete fires on every keystroke of every member. Searches are shared while in flight
 * and reused for a few seconds, so typing cannot push the partner account into Z-API's rate
 * limit (which would then fail creates and subscribes too).
 */
export class SuggestionSearches {
  readonly #searches: LRUCache<string, InstancePage>;

  constructor(zapi: ZapiClient, now: () => number = Date.now) {
    this.#searches = new LRUCache({
      max: MAX_SEARCHES,
      // lru-cache serves an entry up to and including its ttl; a search is reused while younger.
      ttl: SUGGESTION_TTL_MS - 1,
      // Read the clock on every lookup, so a test's hand-moved clock is seen at once.
      ttlResolution: 0,
      perf: { now },
      // A search evicted while in flight still answers the members waiting on it.
      ignoreFetchAbort: true,
      // fetch() shares one call per text while in flight; a rejected one is not cached.
      fetchMethod: (typed) =>
        zapi.listInstances({ pageSize: PAGE_SIZE, ...(typed === '' ? {} : { query: typed }) }),
    });
  }

  /** The first page of instances matching `typed` (every instance when empty). */
  search(typed: string): Promise<InstancePage> {
    return this.#searches.forceFetch(typed);
  }
}
