import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { readCallback } from '@zapikit/schema';
import type { InstanceEvent } from './instance-event.js';
import { RECEIVER_PATH_PREFIX, type CallbackOutcome, type LiveEvents } from './live-events.js';
import { NewerEvents } from './newer-events.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Z-API's callbacks at `POST /webhooks/zapi/{ZAPI_WEBHOOK_SECRET}`. Z-API signs nothing, so the
 * secret path is the authentication: compared in constant time (digests of equal length), and
 * any other path under the prefix answers 404 as if nothing were there. Bodies over `maxBytes`
 * answer 413, malformed ones 400 (logged without the path, which holds the secret). Connection
 * callbacks become events on the bus; a duplicate or an older one than the last seen for its
 * instance is answered 200 and dropped; other kinds are answered 200 and counted.
 *
 * `handle` serves it with node:http ahead of yoga (app.ts's `gatewayListener`): a callback needs
 * none of yoga's request pipeline, and going through it cost about 4 times a bare handler's CPU.
 * The yoga plugin (useCallbackReceiver) answers the same for `yoga.fetch`.
 */
export class CallbackReceiver {
  readonly #live: LiveEvents;
  readonly #log: Logger;
  readonly #maxBytes: number;
  readonly #secret: Buffer | undefined;
  readonly #received = new NewerEvents();

  constructor(live: LiveEvents, logger: Logger, maxBytes: number) {
    this.#live = live;
    this.#log = logger.child({ component: 'callback-receiver' });
    this.#maxBytes = maxBytes;
    this.#secret = live.webhookSecret === undefined ? undefined : digest(live.webhookSecret);
  }

  get maxBytes(): number {
    return this.#maxBytes;
  }

  /** Whether a path is under the receiver's prefix (any of them is answered here). */
  static owns(pathname: string): boolean {
    return pathname.startsWith(RECEIVER_PATH_PREFIX);
  }

  /** Whether the path carries the secret; counted when it does not. */
  authorized(pathname: string): boolean {
    const given = pathname.slice(RECEIVER_PATH_PREFIX.length);
    if (this.#secret && timingSafeEqual(digest(given), this.#secret)) return true;
    this.#live.countCallback('none', 'wrong_secret');
    return false;
  }

  /** Reads one body (undefined: over the limit) and answers its status. */
  receive(text: string | undefined): number {
    const count = (type: string, outcome: CallbackOutcome) => {
      this.#live.countCallback(type, outcome);
    };
    if (text === undefined) {
      this.#log.warn({ maxBytes: this.#maxBytes }, 'Z-API callback refused: body too large');
      count('none', 'too_large');
      return 413;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      this.#log.warn({ bytes: text.length }, 'Z-API callback refused: not JSON');
      count('none', 'malformed');
      return 400;
    }
    const callback = readCallback(body);
    if (!callback.success) {
      this.#log.warn(
        { problems: callback.problems.map((p) => p.message) },
        'Z-API callback refused: not a JSON object',
      );
      count('none', 'malformed');
      return 400;
    }
    const data = callback.data;
    if (data.kind !== 'connected' && data.kind !== 'disconnected') {
      count(data.kind, 'ignored');
      return 200;
    }
    if (!data.instanceId) {
      this.#log.warn({ kind: data.kind }, 'Z-API callback refused: no instanceId');
      count(data.kind, 'malformed');
      return 400;
    }
    const event: InstanceEvent = {
      instanceId: data.instanceId,
      state: data.kind === 'connected' ? 'CONNECTED' : 'DISCONNECTED',
      phone: data.kind === 'connected' ? (data.phone ?? null) : null,
      at: data.momment?.getTime() ?? Date.now(),
      source: 'callback',
    };
    const seen = this.#received.admit(event);
    if (seen !== 'new') {
      count(data.kind, seen === 'older' ? 'out_of_order' : 'duplicate');
      return 200;
    }
    this.#live.bus.publish(event);
    count(data.kind, 'published');
    return 200;
  }

  /** Serves a node:http request under the prefix; false (untouched) for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const pathname = query < 0 ? url : url.slice(0, query);
    if (!CallbackReceiver.owns(pathname)) return false;
    const end = (status: number) => {
      if (status === 405) res.setHeader('allow', 'POST');
      res.writeHead(status, { 'content-length': '0' }).end();
    };
    if (!this.authorized(pathname)) {
      req.resume();
      end(404);
      return true;
    }
    if (req.method !== 'POST') {
      req.resume();
      end(405);
      return true;
    }
    const declared = req.headers['content-length'];
    if (declared !== undefined && (!/^\d+$/.test(declared) || Number(declared) > this.#maxBytes)) {
      // Not read: the connection closes after the answer rather than drain a large body.
      res.setHeader('connection', 'close');
      end(this.receive(undefined));
      req.destroy();
      return true;
    }
    const chunks: Buffer[] = [];
    let read = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      read += chunk.byteLength;
      if (read > this.#maxBytes) {
        over = true;
        res.setHeader('connection', 'close');
        end(this.receive(undefined));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) end(this.receive(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', () => {
      // The sender went away: nothing to answer.
    });
    return true;
  }
}
