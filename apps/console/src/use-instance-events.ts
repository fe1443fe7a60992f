import { useEffect, useState } from 'react';
import type { Client as SseClient } from 'graphql-sse';
import type { ResultOf } from './graphql.js';
import { subscribe, type StreamState } from './live.js';
import { InstanceEventsSubscription } from './operations.js';

export type LiveEvent = ResultOf<typeof InstanceEventsSubscription>['instanceEvents'];

/** The gateway's limit of ids per instanceEvents subscription. */
export const MAX_WATCHED = 100;
/** Events kept for the events panel. */
export const EVENTS_SHOWN = 20;

/**
 * Connection changes of the listed instances (the first 100 shown), live over graphql-sse: the
 * stream's state for the indicator, the latest events for the panel, and each instance's latest
 * event for its status.
 */
export function useInstanceEvents(client: SseClient | undefined, ids: readonly string[]) {
  const [state, setState] = useState<StreamState>('connecting');
  const [events, setEvents] = useState<readonly LiveEvent[]>([]);
  const [latest, setLatest] = useState<ReadonlyMap<string, LiveEvent>>(new Map());
  const watched = ids.slice(0, MAX_WATCHED).join(',');

  useEffect(() => {
    if (!client || watched === '') return;
    return subscribe(
      client,
      InstanceEventsSubscription,
      { ids: watched.split(',') },
      {
        next: ({ instanceEvents: event }) => {
          setState('live');
          setEvents((previous) => [event, ...previous].slice(0, EVENTS_SHOWN));
          setLatest((previous) => {
            const current = previous.get(event.instanceId);
            if (current && Date.parse(current.at) > Date.parse(event.at)) return previous;
            return new Map(previous).set(event.instanceId, event);
          });
        },
        state: setState,
      },
    );
  }, [client, watched]);

  return { state, events, latest };
}
