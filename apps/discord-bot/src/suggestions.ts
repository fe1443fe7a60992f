import type { ZapiClient } from '@zapikit/client';
import type { InstanceListPage } from '@zapikit/schema';

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
  readonly #zapi: ZapiClient;
  readonly #now: () => number;
  readonly #searches = new Map<string, { at: number; page: Promise<InstanceListPage> }>();

  constructor(zapi: ZapiClient, now: () => number = Date.now) {
    this.#zapi = zapi;
    this.#now = now;
  }

  /** The first page of instances matching `typed` (every instance when empty). */
  search(typed: string): Promise<InstanceListPage> {
    const now = this.#now();
    const known = this.#searches.get(typed);
    if (known && now - known.at < SUGGESTION_TTL_MS) return known.page;
    const page = this.#zapi.listInstances({
      pageSize: PAGE_SIZE,
      ...(typed === '' ? {} : { query: typed }),
    });
    this.#searches.delete(typed);
    this.#searches.set(typed, { at: now, page });
    // A failed search is not reused.
    page.catch(() => {
      if (this.#searches.get(typed)?.page === page) this.#searches.delete(typed);
    });
    for (const [key, search] of this.#searches) {
      if (this.#searches.size <= MAX_SEARCHES && now - search.at < SUGGESTION_TTL_MS) break;
      this.#searches.delete(key);
    }
    return page;
  }
}
