import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultInjector, SandboxCallback } from './faults.js';
import { acceptedWebhookUrl } from './webhook-url.js';

/** One callback the sandbox POSTed (or dropped), as tests inspect it. */
export interface CallbackDelivery {
  callback: SandboxCallback;
  instanceId: string;
  url: string;
  body: Record<string, unknown>;
  /** The fault applied to it, if any. */
  fault?: 'callback-drop' | 'callback-duplicate' | 'callback-delay';
  /** The webhook's answer status, once it answered. */
  status?: number;
  /** Why no answer came (network error, timeout), once it failed. */
  error?: string;
}

/** Who a callback is about: the instance's id and name (fault rules match the name). */
export interface CallbackTarget {
  id: string;
  name: string;
}

const DELIVERY_TIMEOUT_MS = 5_000;

/**
 * POSTs Z-API-shaped callbacks to an instance's webhooks, once each and without retries (Z-API
 * documents none), through the callback faults: dropped, duplicated, delayed.
 */
export class CallbackSender {
  readonly deliveries: CallbackDelivery[] = [];
  readonly #faults: FaultInjector;
  readonly #closing: AbortSignal;
  readonly #maxRecorded: number;
  readonly #pending = new Set<Promise<void>>();

  constructor(faults: FaultInjector, closing: AbortSignal, maxRecorded: number) {
    this.#faults = faults;
    this.#closing = closing;
    this.#maxRecorded = maxRecorded;
  }

  /** Sends one callback in the background; a URL the sandbox does not accept is skipped. */
  send(
    callback: SandboxCallback,
    target: CallbackTarget,
    url: unknown,
    body: Record<string, unknown>,
  ): void {
    if (!acceptedWebhookUrl(url)) return;
    const fault = this.#faults.takeCallback(callback, target.name);
    const copies = fault?.kind === 'callback-duplicate' ? (fault.copies ?? 2) : 1;
    const delayMs = fault?.kind === 'callback-delay' ? fault.ms : 0;
    for (let copy = 0; copy < copies; copy += 1) {
      const delivery: CallbackDelivery = {
        callback,
        instanceId: target.id,
        url,
        body,
        ...(fault ? { fault: fault.kind } : {}),
      };
      this.deliveries.push(delivery);
      if (this.deliveries.length > this.#maxRecorded) this.deliveries.shift();
      if (fault?.kind === 'callback-drop') continue;
      const pending = this.#post(delivery, delayMs).finally(() => this.#pending.delete(pending));
      this.#pending.add(pending);
    }
  }

  /** Resolves once every callback sent so far was answered or failed. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  async #post(delivery: CallbackDelivery, delayMs: number): Promise<void> {
    try {
      if (delayMs > 0) await sleep(delayMs, undefined, { signal: this.#closing });
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(delivery.body),
        signal: AbortSignal.any([this.#closing, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
        redirect: 'manual',
      });
      delivery.status = response.status;
      await response.body?.cancel();
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    }
  }
}
