import { useGraphQLSSE } from '@graphql-yoga/plugin-graphql-sse';
import { GraphQLError, Kind, OperationTypeNode, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { bearerToken, findApiKey, type ApiKey } from '../auth/api-keys.js';
import type { CallerContext } from './use-access-control.js';
import { refusal } from './refusal.js';
import { authorizationCount } from './use-one-authorization.js';

/** Where the graphql-sse protocol is served. */
export const GRAPHQL_SSE_ENDPOINT = '/graphql/stream';

export interface GraphQLSseStreamOptions {
  apiKeys: readonly ApiKey[];
  /** The largest body accepted (the gateway's MAX_BODY_BYTES): useBodyLimit never sees these. */
  maxBodyBytes: number;
}

const onlySubscriptions = () =>
  new GraphQLError(
    `${GRAPHQL_SSE_ENDPOINT} runs subscriptions only; send queries and mutations to /graphql.`,
    { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
  );

/**
 * The graphql-sse protocol (github.com/enisdenjo/graphql-sse) at /graphql/stream, beside yoga's
 * own SSE on /graphql. Yoga's plugin answers in `onRequest`, before the `onRequestParse` hooks
 * where the API key, the one-Authorization and CSRF checks run, so the key is checked here the
 * same way; and only subscriptions run there (a GET on that path could otherwise carry a
 * mutation, which /graphql refuses over GET).
 */
export function useGraphQLSseStream({ apiKeys, maxBodyBytes }: GraphQLSseStreamOptions): Plugin {
  const sse = useGraphQLSSE({ endpoint: GRAPHQL_SSE_ENDPOINT });
  const open = apiKeys.length === 0;
  return {
    onYogaInit(payload) {
      sse.onYogaInit?.(payload);
    },
    onRequest(payload) {
      const { request, url, serverContext, fetchAPI } = payload;
      if (!url.pathname.endsWith(GRAPHQL_SSE_ENDPOINT)) return undefined;
      if (!open) {
        // Two Authorization headers: no key is honoured (see useOneAuthorization).
        const apiKey =
          authorizationCount(request, serverContext) > 1
            ? undefined
            : findApiKey(apiKeys, bearerToken(request.headers.get('authorization')) ?? '');
        if (!apiKey) {
          payload.endResponse(
            refusal(fetchAPI, request, {
              status: 401,
              code: 'UNAUTHENTICATED',
              message: 'Missing or unknown API key: send "Authorization: Bearer <key>".',
              challenge: 'Bearer',
            }),
          );
          return undefined;
        }
        (serverContext as CallerContext).apiKey = apiKey;
      }
      // A body must declare its length, within the limit: the graphql-sse client always does.
      if (request.method !== 'GET' && request.method !== 'DELETE') {
        const declared = request.headers.get('content-length');
        if (declared === null || !/^\d+$/.test(declared) || Number(declared) > maxBodyBytes) {
          payload.endResponse(
            new fetchAPI.Response(
              JSON.stringify({
                errors: [
                  {
                    message: `Send a Content-Length of at most ${String(maxBodyBytes)} bytes.`,
                    extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' },
                  },
                ],
              }),
              { status: 413, headers: { 'content-type': 'application/json; charset=utf-8' } },
            ),
          );
          return undefined;
        }
      }
      return sse.onRequest?.(payload);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const request = (args.contextValue as { request?: Request }).request;
      if (!request || !new URL(request.url).pathname.endsWith(GRAPHQL_SSE_ENDPOINT)) return;
      const document = args.document as DocumentNode;
      const subscription = document.definitions.every(
        (definition) =>
          definition.kind !== Kind.OPERATION_DEFINITION ||
          definition.operation === OperationTypeNode.SUBSCRIPTION,
      );
      // `data: null` too: graphql-sse reads a result without `data` as no result at all.
      if (!subscription) setResultAndStopExecution({ data: null, errors: [onlySubscriptions()] });
    },
  };
}
