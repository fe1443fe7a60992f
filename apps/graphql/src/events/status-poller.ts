import type { Logger } from 'pino';
import type { ZapiClient } from '@zapikit/client';
import type { InstanceListItem } from '@zapikit/schema';
import type { InstanceEvent } from './instance-event.js';

export interface StatusPollerOptions {
  zapi: Pick<ZapiClient, 'getInstanceStatus'>;
  /** Where a change goes (the event bus). */
  publish: (event: InstanceEvent) => void;
  intervalMs: number;
  logger: Logger;
  now?: () => number;
}

interface Poller {
  holders: number;
  timer: NodeJS.Timeout;
  last: InstanceEvent['state'] | undefined;
  busy: boolean;
}

/**
 * `/status` polls for instances whose connection callbacks go elsewhere (not to this gateway's
 * receiver): one poller per instance whatever the number of subscribers (reference-counted), only
 * while someone is subscribed. A change of state becomes an event; the first answer only sets
 * where it stands.
 */
export class StatusPollers {
  readonly #options: StatusPollerOptions;
  readonly #now: () => number;
  readonly #pollers = new Map<string, Poller>();

  constructor(options: StatusPollerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** How many instances are being polled. */
  get size(): number {
    return this.#pollers.size;
  }

  /**
   * Polls the instance until the returned release is called (once per acquire). `known`: the
   * state the caller just read, so that the first poll already reports a change from it.
   */
  acquire(item: InstanceListItem, known?: InstanceEvent['state']): () => void {
    let poller = this.#pollers.get(item.id);
    if (poller) poller.holders += 1;
    else {
      const created: Poller = {
        holders: 1,
        last: known,
        busy: false,
        timer: setInterval(() => void this.#poll(item, created), this.#options.intervalMs),
      };
      created.timer.unref();
      this.#pollers.set(item.id, created);
      poller = created;
      void this.#poll(item, created);
    }
    let released = false;
    const held = poller;
    return () => {
      if (released) return;
      released = true;
      held.holders -= 1;
      if (held.holders > 0) return;
      clearInterval(held.timer);
      if (this.#pollers.get(item.id) === held) this.#pollers.delete(item.id);
    };
  }

  /** Stops every poller (the drain). */
  close(): void {
    for (const poller of this.#pollers.values()) clearInterval(poller.timer);
    this.#pollers.clear();
  }

  async #poll(item: InstanceListItem, poller: Poller): Promise<void> {
    // A slow Z-API must not pile polls up: one at a time per instance.
    if (poller.busy) return;
    poller.busy = true;
    try {
      const status = await this.#options.zapi.getInstanceStatus(item);
      if (poller.holders === 0) return;
      const state = status.connected ? 'CONNECTED' : 'DISCONNECTED';
      const changed = poller.last !== undefined && poller.last !== state;
      poller.last = state;
      if (changed) {
        this.#options.publish({
          instanceId: item.id,
          state,
          phone: null,
          at: this.#now(),
          source: 'poll',
        });
      }
    } catch (error) {
      // The next tick tries again; the subscriber's stream goes on.
      this.#options.logger.debug(
        { code: (error as { code?: unknown }).code },
        'status poll failed',
      );
    } finally {
      poller.busy = false;
    }
  }
}
