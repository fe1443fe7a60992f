import { createHash, timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { readCallback } from '@zapikit/schema';
import type { InstanceEvent } from '../events/instance-event.js';
import {
  RECEIVER_PATH_PREFIX,
  type CallbackOutcome,
  type LiveEvents,
} from '../events/live-events.js';
import { NewerEvents } from '../events/newer-events.js';

export interface CallbackReceiverOptions {
  live: LiveEvents;
  logger: Logger;
  /** The largest callback body accepted, in bytes (64 KiB). */
  maxBytes: number;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

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
 * Z-API's callbacks at `POST /webhooks/zapi/{ZAPI_WEBHOOK_SECRET}`. Z-API signs nothing, so the
 * secret path is the authentication: compared in constant time (digests of equal length), and
 * any other path under the prefix answers 404 as if nothing were there. Bodies over `maxBytes`
 * answer 413, malformed ones 400 (logged without the path, which holds the secret). Connection
 * callbacks become events on the bus; a duplicate or an older one than the last seen for its
 * instance is answered 200 and dropped; other kinds are answered 200 and counted.
 */
export function useCallbackReceiver({ live, logger, maxBytes }: CallbackReceiverOptions): Plugin {
  const secret = live.webhookSecret === undefined ? undefined : digest(live.webhookSecret);
  const received = new NewerEvents();
  const log = logger.child({ component: 'callback-receiver' });
  return {
    async onRequest(payload) {
      const { url, request, fetchAPI } = payload;
      if (!url.pathname.startsWith(RECEIVER_PATH_PREFIX)) return;
      const answer = (status: number, type: string, outcome: CallbackOutcome | undefined) => {
        if (outcome) live.countCallback(type, outcome);
        payload.endResponse(
          new fetchAPI.Response(null, {
            status,
            headers: status === 405 ? { allow: 'POST' } : {},
          }),
        );
      };
      const given = url.pathname.slice(RECEIVER_PATH_PREFIX.length);
      if (!secret || !timingSafeEqual(digest(given), secret)) {
        answer(404, 'none', 'wrong_secret');
        return;
      }
      if (request.method !== 'POST') {
        answer(405, 'none', undefined);
        return;
      }
      const text = await readLimited(request, maxBytes);
      if (text === undefined) {
        log.warn({ maxBytes }, 'Z-API callback refused: body too large');
        answer(413, 'none', 'too_large');
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        log.warn({ bytes: text.length }, 'Z-API callback refused: not JSON');
        answer(400, 'none', 'malformed');
        return;
      }
      const callback = readCallback(body);
      if (!callback.success) {
        log.warn(
          { problems: callback.problems.map((p) => p.message) },
          'Z-API callback refused: not a JSON object',
        );
        answer(400, 'none', 'malformed');
        return;
      }
      const data = callback.data;
      if (data.kind !== 'connected' && data.kind !== 'disconnected') {
        answer(200, data.kind, 'ignored');
        return;
      }
      if (!data.instanceId) {
        log.warn({ kind: data.kind }, 'Z-API callback refused: no instanceId');
        answer(400, data.kind, 'malformed');
        return;
      }
      const event: InstanceEvent = {
        instanceId: data.instanceId,
        state: data.kind === 'connected' ? 'CONNECTED' : 'DISCONNECTED',
        phone: data.kind === 'connected' ? (data.phone ?? null) : null,
        at: data.momment?.getTime() ?? Date.now(),
        source: 'callback',
      };
      const seen = received.admit(event);
      if (seen !== 'new') {
        answer(200, data.kind, seen === 'older' ? 'out_of_order' : 'duplicate');
        return;
      }
      live.bus.publish(event);
      answer(200, data.kind, 'published');
    },
  };
}
