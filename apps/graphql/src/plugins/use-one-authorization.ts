import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { refusal } from './refusal.js';

/** How many Authorization headers a request carried, as sent on the wire. */
export function authorizationCount(request: Request, serverContext: unknown): number {
  // Node keeps only the first Authorization header in `headers` (and so in the Fetch request
  // yoga sees); `headersDistinct` still has every one. A proxy may instead have joined them
  // into one value with ", ", which a bearer token never holds.
  const node = (serverContext as { req?: Partial<IncomingMessage> } | undefined)?.req;
  const distinct = node?.headersDistinct?.authorization?.length ?? 0;
  const joined = request.headers.get('authorization')?.includes(',') ? 2 : 0;
  return Math.max(distinct, joined);
}

/**
 * Answers 401 with `DUPLICATE_AUTHORIZATION` to a GraphQL request that carries more than one
 * Authorization header, rather than let the first one win: two keys in one request mean a proxy
 * or a client is adding its own, and which one the gateway honoured should never be a guess.
 */
export function useOneAuthorization(): Plugin {
  return {
    onRequestParse({ request, serverContext, endResponse, fetchAPI }) {
      if (authorizationCount(request, serverContext) <= 1) return;
      endResponse(
        refusal(fetchAPI, request, {
          status: 401,
          code: 'DUPLICATE_AUTHORIZATION',
          message:
            'Send exactly one Authorization header ("Authorization: Bearer <key>"); this request had more than one.',
          challenge: 'Bearer error="invalid_request"',
        }),
      );
    },
  };
}
