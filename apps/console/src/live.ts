import type { TadaDocumentNode } from 'gql.tada';
import { createClient, type Client as SseClient } from 'graphql-sse';
import { stringifyDocument } from 'urql';
import { authHeaders, GRAPHQL_PATH } from './client.js';

/** Where a live stream stands, for the indicator and the connect dialog. */
export type StreamState = 'connecting' | 'live' | 'reconnecting';

/**
 * The console's graphql-sse client (`/graphql/stream`): the key in the Authorization header, as
 * for every other call; a broken stream is retried for ever, 0.5 s, 1 s, 2 s… up to 5 s apart,
 * and each retry subscribes again, so the first event says where things stand.
 */
export function createLiveClient(key: string | undefined): SseClient {
  return createClient({
    url: `${GRAPHQL_PATH}/stream`,
    headers: authHeaders(key),
    retryAttempts: Number.MAX_SAFE_INTEGER,
    retry: (retries) =>
      new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 500 * 2 ** retries))),
  });
}

export interface StreamHandlers<Result> {
  next: (data: Result) => void;
  /** Where the stream stands: `reconnecting` when it broke or ended early, `live` once back. */
  state?: (state: StreamState) => void;
  /** Whether `data` is the stream's last event (then its end is no loss). */
  last?: (data: Result) => boolean;
}

/**
 * Subscribes to a typed subscription and keeps it alive: a stream that breaks, fails or ends
 * without its last event (a replica shutting down) is subscribed again, 0.5 s to 5 s apart,
 * and said through `state`. Returns the unsubscribe function.
 */
export function subscribe<Result, Variables extends Record<string, unknown>>(
  client: SseClient,
  document: TadaDocumentNode<Result, Variables>,
  variables: Variables,
  handlers: StreamHandlers<Result>,
): () => void {
  const query = stringifyDocument(document);
  let stopped = false;
  let finished = false;
  let retries = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancel: (() => void) | undefined;
  const lost = () => {
    if (stopped || finished) return;
    handlers.state?.('reconnecting');
    timer = setTimeout(start, Math.min(5_000, 500 * 2 ** retries++));
  };
  function start() {
    cancel = client.subscribe<Result>(
      { query, variables },
      {
        next: (result) => {
          if (!result.data) return;
          retries = 0;
          handlers.state?.('live');
          if (handlers.last?.(result.data)) finished = true;
          handlers.next(result.data);
        },
        error: lost,
        complete: lost,
      },
      {
        connecting: (reconnecting) => {
          if (reconnecting) handlers.state?.('reconnecting');
        },
        connected: () => handlers.state?.('live'),
      },
    );
  }
  start();
  return () => {
    stopped = true;
    clearTimeout(timer);
    cancel?.();
  };
}
