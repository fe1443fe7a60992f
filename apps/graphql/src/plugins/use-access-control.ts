import type { Plugin } from 'graphql-yoga';
import { bearerToken, findApiKey, type ApiKey } from '../auth/api-keys.js';

/** What the access check leaves in the server context, for the context factory. */
export interface CallerContext {
  /** The caller's key; absent in the open (no keys configured) mode. */
  apiKey?: ApiKey;
}

export interface AccessControlOptions {
  /** The configured keys; none means the gateway is open (allowed only on the sandbox). */
  apiKeys: readonly ApiKey[];
}

const UNAUTHENTICATED = {
  errors: [
    {
      message: 'Missing or unknown API key: send "Authorization: Bearer <key>".',
      extensions: { code: 'UNAUTHENTICATED' },
    },
  ],
};

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/**
 * The media type of a refusal: the GraphQL-over-HTTP one when the client accepts it, since only
 * then do clients such as Apollo Client read a non-2xx body (with `application/json` Apollo
 * reports a bare "Received status code 401"); plain JSON for everyone else.
 */
export function refusalType(accept: string | null): string {
  return accept?.toLowerCase().includes(GRAPHQL_RESPONSE)
    ? `${GRAPHQL_RESPONSE}; charset=utf-8`
    : 'application/json; charset=utf-8';
}

/**
 * Answers 401 to a request without a known API key, and puts the caller's key in the server
 * context. It runs in `onRequestParse`, where every GraphQL request passes whatever URL yoga
 * matched it on (yoga also serves `/graphql/` and any path ending in `/graphql`), and after the
 * GraphiQL page, which needs no key, has been served; the queries that page sends need one.
 */
export function useAccessControl(options: AccessControlOptions): Plugin {
  const open = options.apiKeys.length === 0;
  return {
    onRequestParse({ request, serverContext, endResponse, fetchAPI }) {
      if (open) return;
      const apiKey = findApiKey(
        options.apiKeys,
        bearerToken(request.headers.get('authorization')) ?? '',
      );
      if (!apiKey) {
        endResponse(
          new fetchAPI.Response(JSON.stringify(UNAUTHENTICATED), {
            status: 401,
            headers: {
              'content-type': refusalType(request.headers.get('accept')),
              'www-authenticate': 'Bearer',
            },
          }),
        );
        return;
      }
      (serverContext as CallerContext).apiKey = apiKey;
    },
  };
}
