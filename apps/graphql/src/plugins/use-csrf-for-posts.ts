import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface CsrfForPostsOptions {
  /** Headers a cross-site page cannot send without a CORS preflight; any one of them will do. */
  requestHeaders: readonly string[];
}

/** What a refused request is told: the code to branch on and how to send it instead. */
export const CSRF_REFUSAL = {
  message:
    'Refused a POST a browser sends without a CORS preflight (a form or text/plain): send JSON (content-type: application/json) or add the x-graphql-yoga-csrf header.',
  code: 'CSRF_HEADER_REQUIRED',
} as const;

/**
 * Yoga's CSRF prevention for POSTs only. Queries over GET are served without a CSRF header, so
 * urql's default (GET for queries) works: yoga runs only queries over GET (a mutation gets 405),
 * a query changes nothing, and a cross-site page still cannot read the answer (CORS) nor send an
 * API key without a preflight. A POST of a simple content type could carry a mutation, so it
 * still needs the header; its refusal carries a code and the fix.
 */
export function useCsrfForPosts(options: CsrfForPostsOptions): Plugin {
  const csrf = useCSRFPrevention({ requestHeaders: [...options.requestHeaders] });
  return {
    onRequestParse(payload) {
      const method = payload.request.method;
      if (method === 'GET' || method === 'HEAD') return undefined;
      try {
        return csrf.onRequestParse?.(payload);
      } catch {
        throw new GraphQLError(CSRF_REFUSAL.message, {
          extensions: { http: { status: 403 }, code: CSRF_REFUSAL.code },
        });
      }
    },
  };
}
