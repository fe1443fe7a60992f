import { KEYS } from './harness.js';

/** One GraphQL result as an SSE stream carries it. */
export interface StreamedResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A subscription over yoga's own SSE (`Accept: text/event-stream`), read as it streams. */
export interface SseSubscription {
  /** The HTTP status of the stream's answer. */
  status: number;
  /** Every result received so far. */
  results: StreamedResult[];
  /** The next result not yet taken (in order); rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<StreamedResult>;
  /** Resolves when the server ends the stream (`event: complete`, or the body ends). */
  ended: Promise<void>;
  close(): void;
}

/** POSTs a subscription with `Accept: text/event-stream` and reads the events as they come. */
export async function subscribeSse(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  key: string | null = KEYS.full,
): Promise<SseSubscription> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      accept: 'text/event-stream',
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  const results: StreamedResult[] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  const ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: ?(.*)$/m.exec(block)?.[1];
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trimStart())
            .join('\n');
          if (event === 'complete') return;
          if (data) {
            results.push(JSON.parse(data) as StreamedResult);
            wake();
          }
        }
      }
    } catch {
      // aborted by close()
    } finally {
      wake();
    }
  })();
  const state = { done: false };
  void ended.then(() => (state.done = true));
  return {
    status: response.status,
    results,
    ended,
    async next(timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (results.length <= taken) {
        if (state.done) throw new Error('the stream ended');
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${String(timeoutMs)} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return results[taken++] as StreamedResult;
    },
    close() {
      abort.abort();
    },
  };
}
