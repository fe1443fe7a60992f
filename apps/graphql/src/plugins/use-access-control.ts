import type { Plugin } from 'graphql-yoga';
import { bearerToken, findApiKey, type ApiKey } from '../auth/api-keys.js';
import { refusal } from './refusal.js';

/** What the access check leaves in the server context, for the context factory. */
export interface CallerContext {
  /** The caller's key; absent in the open (no keys configured) mode. */
  apiKey?: ApiKey;
}

export interface AccessControlOptions {
  /** The configured keys; none means the gateway is open (allowed only on the sandbox). */
  apiKeys: readonly ApiKey[];
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
          refusal(fetchAPI, request, {
            status: 401,
            code: 'UNAUTHENTICATED',
            message: 'Missing or unknown API key: send "Authorization: Bearer <key>".',
            challenge: 'Bearer',
          }),
        );
        return;
      }
      (serverContext as CallerContext).apiKey = apiKey;
    },
  };
}
