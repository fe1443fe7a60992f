import type { Plugin } from 'graphql-yoga';
import { bearerToken, findApiKey, type ApiKey } from '../auth/api-keys.js';
import { refusal } from './refusal.js';

export interface SandboxPassThroughOptions {
  /** The embedded sandbox's base URL. */
  url: string;
  /** Its partner token, added here so a browser never holds it. */
  partnerToken: string;
  /** The gateway's keys: with any, a key with the write scope is needed (it changes state). */
  apiKeys: readonly ApiKey[];
}

const PREFIX = '/__sandbox/';

/**
 * Passes `/__sandbox/*` (the simulated phone, faults) to the embedded sandbox, with the
 * sandbox's partner token, so the console's "Simulate the phone" works from the browser. Only
 * installed in sandbox mode: a live gateway has no such path (404). Like a mutation it needs a
 * write key when keys are set, and a header a cross-site form cannot send (CSRF) when open.
 */
export function useSandboxPassThrough(options: SandboxPassThroughOptions): Plugin {
  const open = options.apiKeys.length === 0;
  return {
    async onRequest(payload) {
      const { request, url, fetchAPI } = payload;
      const endResponse = (response: Response) => {
        payload.endResponse(response);
      };
      if (!url.pathname.startsWith(PREFIX)) return;
      if (open) {
        if (request.method !== 'GET' && !request.headers.has('x-graphql-yoga-csrf')) {
          endResponse(
            refusal(fetchAPI, request, {
              status: 403,
              code: 'CSRF_HEADER_REQUIRED',
              message: 'Add the x-graphql-yoga-csrf header.',
            }),
          );
          return;
        }
      } else {
        const key = findApiKey(
          options.apiKeys,
          bearerToken(request.headers.get('authorization')) ?? '',
        );
        if (!key?.scopes.has('write')) {
          endResponse(
            refusal(fetchAPI, request, {
              status: key ? 403 : 401,
              code: key ? 'FORBIDDEN' : 'UNAUTHENTICATED',
              message: key
                ? 'This API key may not drive the sandbox (it needs the write scope).'
                : 'Missing or unknown API key: send "Authorization: Bearer <key>".',
              ...(key ? {} : { challenge: 'Bearer' }),
            }),
          );
          return;
        }
      }
      const body =
        request.method === 'GET' || request.method === 'HEAD' ? null : await request.text();
      const upstream = await fetch(new URL(url.pathname + url.search, options.url), {
        method: request.method,
        headers: {
          authorization: `Bearer ${options.partnerToken}`,
          ...(body
            ? { 'content-type': request.headers.get('content-type') ?? 'application/json' }
            : {}),
        },
        body,
      });
      endResponse(
        new fetchAPI.Response(await upstream.arrayBuffer(), {
          status: upstream.status,
          headers: {
            'content-type': upstream.headers.get('content-type') ?? 'application/json',
          },
        }),
      );
    },
  };
}
