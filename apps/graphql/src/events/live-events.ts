import { setMaxListeners } from 'node:events';
import { Repeater } from 'graphql-yoga';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { ZapiClient } from '@zapikit/client';
import type { InstanceListItem } from '@zapikit/schema';
import { EventBus } from './event-bus.js';
import type { InstanceEvent } from './instance-event.js';
import { StatusPollers } from './status-poller.js';

/** Where the receiver listens: `POST /webhooks/zapi/{ZAPI_WEBHOOK_SECRET}`. */
export const RECEIVER_PATH_PREFIX = '/webhooks/zapi/';

/** Z-API rotates the QR code every 20 seconds. */
export const DEFAULT_QR_ROTATION_MS = 20_000;
/** How long instanceConnection waits for a scan before TIMED_OUT. */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_STATUS_POLL_MS = 5_000;

/** One event of `instanceConnection`. */
export interface ConnectionEvent {
  state: 'WAITING_FOR_SCAN' | 'CONNECTED' | 'DISCONNECTED' | 'TIMED_OUT';
  qrCode: string | null;
  phone: string | null;
  at: Date;
}

export interface LiveEventsOptions {
  /** Where events travel between replicas; default in this process only. */
  bus?: EventBus;
  /** The receiver's secret path segment (ZAPI_WEBHOOK_SECRET); unset: no receiver. */
  webhookSecret?: string | undefined;
  /** PUBLIC_URL: with the secret, createInstance fills empty connection webhooks with the receiver. */
  publicUrl?: string | undefined;
  qrRotationMs?: number;
  connectionTimeoutMs?: number;
  statusPollMs?: number;
  /** Aborted when the gateway drains: every subscription ends at once. */
  closing?: AbortSignal;
}

/** What a callback became, for `zapikit_gateway_callbacks_total`. */
export type CallbackOutcome =
  | 'published'
  | 'duplicate'
  | 'out_of_order'
  | 'ignored'
  | 'malformed'
  | 'too_large'
  | 'wrong_secret';

/**
 * The gateway's live connection events: the bus, the pollers, the receiver's URL, the timings
 * and the metrics, shared by the receiver and both subscriptions (through the context).
 */
export class LiveEvents {
  readonly bus: EventBus;
  readonly pollers: StatusPollers;
  readonly webhookSecret: string | undefined;
  /** The receiver's full URL, when PUBLIC_URL and the secret are set. */
  readonly receiverUrl: string | undefined;
  readonly qrRotationMs: number;
  readonly connectionTimeoutMs: number;
  readonly closing: AbortSignal;
  readonly #callbacks: Counter<'type' | 'outcome'>;
  readonly #active: Gauge<'subscription'>;
  readonly #logger: Logger;

  constructor(options: LiveEventsOptions, zapi: ZapiClient, registry: Registry, logger: Logger) {
    this.bus = options.bus ?? new EventBus();
    this.#logger = logger;
    this.webhookSecret = options.webhookSecret;
    this.receiverUrl =
      options.publicUrl && options.webhookSecret
        ? new URL(
            `${RECEIVER_PATH_PREFIX.slice(1)}${options.webhookSecret}`,
            options.publicUrl.endsWith('/') ? options.publicUrl : `${options.publicUrl}/`,
          ).href
        : undefined;
    this.qrRotationMs = options.qrRotationMs ?? DEFAULT_QR_ROTATION_MS;
    this.connectionTimeoutMs = options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS;
    this.closing = options.closing ?? new AbortController().signal;
    // Every open subscription listens to it: thousands at once are expected, not a leak.
    setMaxListeners(0, this.closing);
    this.pollers = new StatusPollers({
      zapi,
      publish: (event) => {
        this.bus.publish(event);
      },
      intervalMs: options.statusPollMs ?? DEFAULT_STATUS_POLL_MS,
      logger,
    });
    this.#callbacks = new Counter({
      name: 'zapikit_gateway_callbacks_total',
      help: 'Z-API callbacks received, by kind (connected, disconnected, …, unknown; none when unreadable) and outcome.',
      labelNames: ['type', 'outcome'] as const,
      registers: [registry],
    });
    this.#active = new Gauge({
      name: 'zapikit_gateway_subscriptions_active',
      help: 'GraphQL subscriptions open now, by root field.',
      labelNames: ['subscription'] as const,
      registers: [registry],
    });
    this.closing.addEventListener('abort', () => {
      this.pollers.close();
    });
  }

  /** A webhook URL as answers may show it: the receiver's secret, if present, as `***`. */
  hideSecret(url: string): string {
    const secret = this.webhookSecret;
    return secret && url.includes(secret) ? url.split(secret).join('***') : url;
  }

  /** Counts one received callback. */
  countCallback(type: string, outcome: CallbackOutcome): void {
    this.#callbacks.inc({ type, outcome });
  }

  /** Whether both connection webhooks of the instance come to this gateway's receiver. */
  callbacksHere(item: InstanceListItem): boolean {
    return (
      this.receiverUrl !== undefined &&
      item.connectedCallbackUrl === this.receiverUrl &&
      item.disconnectedCallbackUrl === this.receiverUrl
    );
  }

  /**
   * `instanceConnection`: where the instance stands now (with a QR code unless connected), a
   * fresh QR code at every rotation, and CONNECTED (the end) as soon as a callback or a poll
   * says so; TIMED_OUT (the end) after the timeout.
   */
  async connection(
    zapi: Pick<ZapiClient, 'getQrCode'>,
    item: InstanceListItem,
  ): Promise<AsyncIterableIterator<ConnectionEvent>> {
    // Listening before the first read: a scan in between is not missed.
    const early: InstanceEvent[] = [];
    let forward: ((event: InstanceEvent) => void) | undefined;
    const unlisten = this.bus.listen((event) => {
      if (event.instanceId !== item.id) return;
      if (forward) forward(event);
      else early.push(event);
    });
    // The first read happens before the stream exists, so a failure is the subscription's error
    // (an error result on every transport), not a stream that breaks: graphql-sse's server leaves
    // a stream's failure unhandled, which would take the process down.
    let first: Awaited<ReturnType<ZapiClient['getQrCode']>>;
    try {
      first = await zapi.getQrCode(item);
    } catch (error) {
      unlisten();
      throw error;
    }
    return new Repeater<ConnectionEvent>(async (push, stop) => {
      if (this.closing.aborted) {
        unlisten();
        stop();
        return;
      }
      this.#active.inc({ subscription: 'instanceConnection' });
      const progress = { done: false };
      const finish = (last: ConnectionEvent) => {
        if (progress.done) return;
        progress.done = true;
        void push(last);
        stop();
      };
      const onClosing = () => {
        stop();
      };
      this.closing.addEventListener('abort', onClosing, { once: true });
      const deadline = setTimeout(() => {
        finish({ state: 'TIMED_OUT', qrCode: null, phone: null, at: new Date() });
      }, this.connectionTimeoutMs);
      const onEvent = (event: InstanceEvent) => {
        if (progress.done) return;
        if (event.state === 'CONNECTED') finish(connectionEventOf(event));
        else void push(connectionEventOf(event));
      };
      const show = (qr: typeof first) => {
        if (progress.done) return;
        if (qr.connected) finish({ state: 'CONNECTED', qrCode: null, phone: null, at: new Date() });
        else
          void push({ state: 'WAITING_FOR_SCAN', qrCode: qr.image, phone: null, at: new Date() });
      };
      show(first);
      for (const event of early.splice(0)) onEvent(event);
      forward = onEvent;
      let release: (() => void) | undefined;
      let rotation: NodeJS.Timeout | undefined;
      if (!progress.done) {
        if (!this.callbacksHere(item)) release = this.pollers.acquire(item, 'DISCONNECTED');
        rotation = setInterval(() => {
          zapi.getQrCode(item).then(show, (error: unknown) => {
            // The last QR code stays on screen; the next rotation tries again.
            this.#logger.debug({ code: (error as { code?: unknown }).code }, 'QR refresh failed');
          });
        }, this.qrRotationMs);
      }
      await stop;
      progress.done = true;
      clearTimeout(deadline);
      clearInterval(rotation);
      release?.();
      this.closing.removeEventListener('abort', onClosing);
      unlisten();
      this.#active.dec({ subscription: 'instanceConnection' });
    });
  }

  /**
   * `instanceEvents`: every connection change from now on, of the listed instances or of all.
   * Listed instances whose callbacks go elsewhere are polled while the subscription lasts.
   */
  instanceEvents(
    items: readonly InstanceListItem[] | undefined,
  ): AsyncIterableIterator<InstanceEvent> {
    return new Repeater<InstanceEvent>(async (push, stop) => {
      if (this.closing.aborted) {
        stop();
        return;
      }
      this.#active.inc({ subscription: 'instanceEvents' });
      const onClosing = () => {
        stop();
      };
      this.closing.addEventListener('abort', onClosing, { once: true });
      const wanted = items ? new Set(items.map((item) => item.id)) : undefined;
      const unlisten = this.bus.listen((event) => {
        if (!wanted || wanted.has(event.instanceId)) void push(event);
      });
      const releases = (items ?? [])
        .filter((item) => !this.callbacksHere(item))
        .map((item) => this.pollers.acquire(item));
      await stop;
      for (const release of releases) release();
      this.closing.removeEventListener('abort', onClosing);
      unlisten();
      this.#active.dec({ subscription: 'instanceEvents' });
    });
  }

  /** Stops the pollers and the bus (the drain's last step). */
  async close(): Promise<void> {
    this.pollers.close();
    await this.bus.close();
  }
}

function connectionEventOf(event: InstanceEvent): ConnectionEvent {
  return { state: event.state, qrCode: null, phone: event.phone, at: new Date(event.at) };
}
