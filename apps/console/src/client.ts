import { cacheExchange } from '@urql/exchange-graphcache';
import { Client, fetchExchange } from 'urql';

/** Where the gateway is: the same origin that served the console. */
export const GRAPHQL_PATH = '/graphql';

/** The headers every call carries: the key, and the CSRF header POSTs need on an open gateway. */
export function authHeaders(key: string | undefined): Record<string, string> {
  return { 'x-graphql-yoga-csrf': '1', ...(key ? { authorization: `Bearer ${key}` } : {}) };
}

/**
 * The console's urql client: Graphcache keeps one Instance:<id> whatever query or mutation
 * brought it, so a lifecycle answer updates the list without a refetch. Subscriptions go over
 * graphql-sse directly (live.ts), whose stream events say when a stream breaks and comes back.
 */
export function createConsoleClient(key: string | undefined): Client {
  const headers = authHeaders(key);
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
    ],
  });
}
