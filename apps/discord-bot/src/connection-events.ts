import { setTimeout as sleep } from 'node:timers/promises';
import type { ZapiClient } from '@zapikit/client';
import { MAX_PAGE_SIZE, type InstanceListItem } from '@zapikit/schema';
import type { Logger } from 'pino';
import { connectedPhone } from './connected-phone.js';
import type { ConnectionEventRecord } from './metrics.js';

/** A connect or disconnect worth telling the team about. */
export interface ConnectionEvent {
  kind: 'connected' | 'disconnected';
  instanceId: string;
  instanceName: string;
  /** The connected phone (international digits), when Z-API names it; only on connects. */
  phone?: string;
  /** When the bot first saw the change. */
  at: Date;
}

export interface ConnectionEventsOptions {
  zapi: Pick<ZapiClient, 'listInstances' | 'getInstanceData'>;
  /** Posts one event; a failure is logged, and the event is not posted again. */
  post(event: ConnectionEvent): Promise<void>;
  pollMs: number;
  /** A disconnect that recovers within this is not posted, nor its reconnect. */
  flapMs: number;
  logger: Logger;
  /**
   * Whether this process is the one that polls now (one process posts, however many run). A
   * process that stops leading forgets what it saw, so taking over never posts a burst.
   */
  leads(): Promise<boolean>;
  /** Told of each change: posted, failed to post, or a flap that was not posted (for metrics). */
  onChange?: (change: ConnectionEventRecord) => void;
  now?: () => number;
}

/** What the watcher knows about one instance. */
interface Tracked {
  /** The state last posted, or recorded when the instance was first seen. */
  reported: boolean;
  /** When it was first seen disconnected while `reported` says connected (a possible flap). */
  downSince?: number;
}

// 100 pages of 100: a partner with more instances than this is watched on the first 10 000.
const MAX_PAGES = 100;

/**
 * Watches the connection of every instance of the partner by polling the instance list, and
 * posts connects and disconnects. The first poll only records; a disconnect is posted once it
 * has lasted `flapMs`, so one that recovers sooner is posted neither way.
 */
export class ConnectionEvents {
  readonly #options: ConnectionEventsOptions;
  readonly #now: () => number;
  readonly #stop = new AbortController();
  /** Undefined until a poll has recorded a baseline (again after losing the lead). */
  #tracked: Map<string, Tracked> | undefined;
  #loop: Promise<void> | undefined;

  constructor(options: ConnectionEventsOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Starts polling: at once, then every `pollMs` until {@link stop}. */
  start(): void {
    this.#loop ??= this.#run();
  }

  /** Stops polling and resolves once the poll in progress (if any) has ended. */
  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#loop;
  }

  async #run(): Promise<void> {
    const signal = this.#stop.signal;
    // A poll still waiting on Z-API when the bot stops is left behind (it posts nothing then).
    const stopped = new Promise<void>((resolve) => {
      signal.addEventListener(
        'abort',
        () => {
          resolve();
        },
        { once: true },
      );
    });
    while (!signal.aborted) {
      const polled = this.poll().catch((error: unknown) => {
        this.#options.logger.warn({ err: error }, 'events channel: could not poll the instances');
      });
      await Promise.race([polled, stopped]);
      try {
        await sleep(this.#options.pollMs, undefined, { signal });
      } catch {
        return;
      }
    }
  }

  /** One poll: reads the list, posts what changed. Exposed for tests. */
  async poll(): Promise<void> {
    if (!(await this.#leads())) {
      this.#tracked = undefined;
      return;
    }
    const items = await this.#listAll();
    const now = this.#now();
    const tracked = this.#tracked;
    if (!tracked) {
      this.#tracked = new Map(
        items.flatMap((item) =>
          item.whatsappConnected == null
            ? []
            : [[item.id, { reported: item.whatsappConnected }] as const],
        ),
      );
      this.#options.logger.info(
        { instances: this.#tracked.size },
        'events channel: recorded the connection of every instance',
      );
      return;
    }
    const present = new Set<string>();
    for (const item of items) {
      present.add(item.id);
      const connected = item.whatsappConnected;
      // Z-API did not say: keep what is known until it does.
      if (connected == null) continue;
      let state = tracked.get(item.id);
      if (!state) {
        // Created since the last poll: it starts without a phone.
        state = { reported: false };
        tracked.set(item.id, state);
      }
      await this.#observe(item, state, connected, now);
    }
    for (const id of tracked.keys()) if (!present.has(id)) tracked.delete(id);
  }

  async #observe(
    item: InstanceListItem,
    state: Tracked,
    connected: boolean,
    now: number,
  ): Promise<void> {
    if (connected === state.reported) {
      if (state.downSince !== undefined) {
        this.#options.logger.info(
          { instanceId: item.id, downMs: now - state.downSince },
          'events channel: a disconnect recovered within the flap window; not posted',
        );
        delete state.downSince;
        this.#options.onChange?.({ event: 'disconnected', outcome: 'flap' });
      }
      return;
    }
    if (!connected) {
      state.downSince ??= now;
      if (now - state.downSince < this.#options.flapMs) return;
      const at = new Date(state.downSince);
      delete state.downSince;
      state.reported = false;
      await this.#post({ kind: 'disconnected', instanceId: item.id, instanceName: item.name, at });
      return;
    }
    state.reported = true;
    const phone = await connectedPhone(this.#options.zapi, item);
    await this.#post({
      kind: 'connected',
      instanceId: item.id,
      instanceName: item.name,
      ...(phone === undefined ? {} : { phone }),
      at: new Date(now),
    });
  }

  async #post(event: ConnectionEvent): Promise<void> {
    if (this.#stop.signal.aborted) return;
    try {
      await this.#options.post(event);
      this.#options.onChange?.({ event: event.kind, outcome: 'posted' });
      this.#options.logger.info(
        { instanceId: event.instanceId, event: event.kind },
        `events channel: posted ${event.kind}`,
      );
    } catch (error) {
      this.#options.onChange?.({ event: event.kind, outcome: 'failed' });
      this.#options.logger.error(
        { err: error, instanceId: event.instanceId, event: event.kind },
        'events channel: could not post an event',
      );
    }
  }

  async #leads(): Promise<boolean> {
    try {
      return await this.#options.leads();
    } catch (error) {
      this.#options.logger.warn(
        { err: error },
        'events channel: cannot tell whether this process posts (shared state unreachable); skipping this poll',
      );
      return false;
    }
  }

  async #listAll(): Promise<InstanceListItem[]> {
    const items: InstanceListItem[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const listed = await this.#options.zapi.listInstances({ page, pageSize: MAX_PAGE_SIZE });
      items.push(...listed.items);
      if (page >= listed.totalPages || listed.items.length === 0) break;
    }
    return items;
  }
}
