import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useClient } from 'urql';
import { readFragment, type ResultOf } from './graphql.js';
import { InstanceRowFields, InstancesQuery } from './operations.js';

export type InstanceRow = ResultOf<typeof InstanceRowFields>;

/** Instances per request: the gateway's largest page. */
export const PAGE_SIZE = 100;
/** How often the list is read again while live events are not available. */
export const REFRESH_MS = 30_000;

export interface InstancesState {
  rows: InstanceRow[];
  total: number;
  loading: boolean;
  /** Whether the last read failed (shown as "Reconnecting…"). */
  failing: boolean;
  error: string | undefined;
  updatedAt: Date | undefined;
  /** Reads every page again from the gateway; the cache updates the list. */
  refresh: () => Promise<void>;
}

/**
 * Every instance of the partner, page by page (100 a page), watched through Graphcache: a
 * lifecycle mutation's answer updates its row without a refetch, and a refresh updates all.
 */
export function useInstances(enabled: boolean): InstancesState {
  const client = useClient();
  const [pages, setPages] = useState<ReadonlyMap<number, InstanceRow[]>>(new Map());
  const [total, setTotal] = useState(0);
  const [totalPages, setTotalPages] = useState(1);
  const [loading, setLoading] = useState(enabled);
  const [failing, setFailing] = useState(false);
  const [error, setError] = useState<string>();
  const [updatedAt, setUpdatedAt] = useState<Date>();
  const totalPagesRef = useRef(1);

  useEffect(() => {
    if (!enabled) return;
    const subscriptions: { unsubscribe: () => void }[] = [];
    for (let page = 1; page <= totalPages; page++) {
      subscriptions.push(
        client
          .query(InstancesQuery, { page, pageSize: PAGE_SIZE }, { requestPolicy: 'cache-first' })
          .subscribe((result) => {
            if (result.error) {
              setError(result.error.message);
              setLoading(false);
              return;
            }
            const data = result.data?.instances;
            if (!data) return;
            setError(undefined);
            setPages((previous) => {
              const next = new Map(previous);
              next.set(page, [...readFragment(InstanceRowFields, data.items)]);
              for (const key of next.keys()) if (key > data.totalPages) next.delete(key);
              return next;
            });
            if (page === 1) {
              setTotal(data.total);
              totalPagesRef.current = Math.max(1, data.totalPages);
              setTotalPages(Math.max(1, data.totalPages));
            }
            setLoading(false);
            setUpdatedAt(new Date());
          }),
      );
    }
    return () => {
      for (const subscription of subscriptions) subscription.unsubscribe();
    };
  }, [client, enabled, totalPages]);

  const refresh = useCallback(async () => {
    const first = await client
      .query(InstancesQuery, { page: 1, pageSize: PAGE_SIZE }, { requestPolicy: 'network-only' })
      .toPromise();
    const pagesNow = Math.max(1, first.data?.instances.totalPages ?? totalPagesRef.current);
    const rest = await Promise.all(
      Array.from({ length: pagesNow - 1 }, (_, index) =>
        client
          .query(
            InstancesQuery,
            { page: index + 2, pageSize: PAGE_SIZE },
            { requestPolicy: 'network-only' },
          )
          .toPromise(),
      ),
    );
    setFailing([first, ...rest].some((result) => result.error !== undefined));
    if (first.data) setUpdatedAt(new Date());
  }, [client]);

  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => {
      void refresh();
    }, REFRESH_MS);
    return () => {
      clearInterval(timer);
    };
  }, [enabled, refresh]);

  const rows = useMemo(() => {
    const all: InstanceRow[] = [];
    const seen = new Set<string>();
    for (const page of [...pages.keys()].sort((a, b) => a - b)) {
      for (const row of pages.get(page) ?? []) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        all.push(row);
      }
    }
    return all;
  }, [pages]);

  return { rows, total, loading, failing, error, updatedAt, refresh };
}
