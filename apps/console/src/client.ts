import { cacheExchange } from '@urql/exchange-graphcache';
import { createClient as createSseClient } from 'graphql-sse';
import { Client, fetchExchange, subscriptionExchange } from 'urql';

/** Where the gateway is: the same origin that served the console. */
export const GRAPHQL_PATH = '/graphql';

/** The headers every call carries: the key, and the CSRF header POSTs need on an open gateway. */
export function authHeaders(key: string | undefined): Record<string, string> {
  return { 'x-graphql-yoga-csrf': '1', ...(key ? { authorization: `Bearer ${key}` } : {}) };
}

/**
 * The console's urql client: Graphcache keeps one Instance:<id> whatever query or mutation
 * brought it, so a lifecycle answer updates the list without a refetch. Subscriptions go over
 * graphql-sse (plain HTTP, the key in a header; a WebSocket would need it in the URL or a first
 * message, and another server protocol).
 */
export function createConsoleClient(key: string | undefined): Client {
  const headers = authHeaders(key);
  const sse = createSseClient({
    url: `${GRAPHQL_PATH}/stream`,
    headers,
    retryAttempts: Infinity,
  });
  return new Client({
    url: GRAPHQL_PATH,
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers }),
    exchanges: [
      cacheExchange({
        keys: {
          Viewer: () => null,
          InstancePage: () => null,
          InstanceWebhooks: () => null,
          CallbackUrls: () => null,
          InstanceQrCode: () => null,
          InstanceStatus: () => null,
          UserError: () => null,
          CreateInstancePayload: () => null,
          SubscribeInstancePayload: () => null,
          CancelInstancePayload: () => null,
          EnableCallsPayload: () => null,
          RestartInstancePayload: () => null,
          DisconnectInstancePayload: () => null,
          RequestPairingCodePayload: () => null,
          UpdateInstanceWebhooksPayload: () => null,
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (operation) => ({
          subscribe: (sink) => ({
            unsubscribe: sse.subscribe(
              {
                query: operation.query ?? '',
                variables: operation.variables ?? {},
                ...(operation.operationName ? { operationName: operation.operationName } : {}),
              },
              sink as Parameters<typeof sse.subscribe>[1],
            ),
          }),
        }),
      }),
    ],
  });
}
