import type { Plugin } from 'graphql-yoga';
import { CallbackReceiver } from '../events/callback-receiver.js';

/** The body as text, or undefined past `max` bytes (counted as it streams when undeclared). */
async function readLimited(request: Request, max: number): Promise<string | undefined> {
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    if (!/^\d+$/.test(declared) || Number(declared) > max) return undefined;
    // Node's parser never reads past Content-Length.
    return request.text();
  }
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let read = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    read += chunk.byteLength;
    if (read > max) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The callback receiver (events/callback-receiver.ts) inside yoga, for requests that reach it
 * (`yoga.fetch`, or `app.requestListener` used directly); `gatewayListener` answers them with
 * node:http before yoga, which is much cheaper.
 */
export function useCallbackReceiver(receiver: CallbackReceiver): Plugin {
  return {
    async onRequest(payload) {
      const { url, request, fetchAPI } = payload;
      if (!CallbackReceiver.owns(url.pathname)) return;
      const answer = (status: number) => {
        payload.endResponse(
          new fetchAPI.Response(null, {
            status,
            headers: status === 405 ? { allow: 'POST' } : {},
          }),
        );
      };
      if (!receiver.authorized(url.pathname)) {
        answer(404);
        return;
      }
      if (request.method !== 'POST') {
        answer(405);
        return;
      }
      answer(receiver.receive(await readLimited(request, receiver.maxBytes)));
    },
  };
}
