import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from 'graphql-yoga';
import type { Redis } from '@zapikit/shared-state';
import { isInstanceEvent, type InstanceEvent } from './instance-event.js';
import { NewerEvents } from './newer-events.js';

/** The Redis channel every replica publishes connection events on and listens to. */
export const EVENTS_CHANNEL = 'zapikit:instance-events';

type Transport = PubSub<Record<typeof EVENTS_CHANNEL, [InstanceEvent]>>;

export interface EventBusOptions {
  /**
   * Two connections from connectRedis (one with `subscriber: true`): events fan out to every
   * replica. Absent: in this process only.
   */
  redis?: { publisher: Redis; subscriber: Redis };
  /** Told when Redis refused a publish (the event then reaches no replica). */
  onPublishError?: (error: Error) => void;
}

/**
 * Connection events, from whichever replica received them to every subscriber of every replica:
 * through Redis pub/sub (@graphql-yoga/redis-event-target) with two connections, or in process.
 * Each replica listens once and fans out locally, dropping what it has seen already
 * (NewerEvents): a callback Z-API sent twice, or to two replicas, reaches each subscriber once.
 */
export class EventBus {
  /** Through Redis, with REDIS_URL; absent in process, where publish delivers at once. */
  readonly #transport: Transport | undefined;
  // Local fan-out: one callback per open subscription, called in turn. No event target, no
  // iterator per subscriber in between: with a thousand subscribers each layer is a thousand
  // promises per event.
  readonly #listeners = new Set<(event: InstanceEvent) => void>();
  readonly #seen = new NewerEvents();
  readonly #listening: AsyncIterator<unknown> | undefined;
  readonly #redis: EventBusOptions['redis'];

  constructor(options: EventBusOptions = {}) {
    this.#redis = options.redis;
    if (!options.redis) return;
    this.#transport = createPubSub<Record<typeof EVENTS_CHANNEL, [InstanceEvent]>>({
      eventTarget: createRedisEventTarget({
        publishClient: safePublisher(options.redis.publisher, options.onPublishError),
        subscribeClient: options.redis.subscriber,
      }),
    });
    // One listener per process, from the start: subscribing per GraphQL subscription would turn
    // every subscriber into a Redis SUBSCRIBE.
    const listening = this.#transport.subscribe(EVENTS_CHANNEL)[Symbol.asyncIterator]();
    this.#listening = listening;
    void (async () => {
      for (;;) {
        const next = await listening.next();
        if (next.done) return;
        this.#deliver(next.value);
      }
    })();
  }

  /** Hands an event to this process's subscribers, unless it is not news. */
  #deliver(event: unknown): void {
    if (!isInstanceEvent(event) || this.#seen.admit(event) !== 'new') return;
    for (const listener of this.#listeners) listener(event);
  }

  /** Sends an event to every replica's subscribers (this one's included). */
  publish(event: InstanceEvent): void {
    if (this.#transport) this.#transport.publish(EVENTS_CHANNEL, event);
    else this.#deliver(event);
  }

  /** Calls `listener` with every event from now on, until the returned function is called. */
  listen(listener: (event: InstanceEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Stops listening and closes the Redis connections, if any. */
  async close(): Promise<void> {
    await this.#listening?.return?.();
    if (this.#redis) {
      this.#redis.subscriber.disconnect();
      await this.#redis.publisher.quit().catch(() => undefined);
    }
  }
}

/**
 * The publisher as redis-event-target uses it: it calls `publish` without waiting for the
 * answer, and a connection that fails fast (connectRedis) rejects while Redis is down. That
 * rejection, unhandled, would take the process down; here it is reported and the event dropped.
 */
function safePublisher(redis: Redis, onError?: (error: Error) => void): Redis {
  const publish = (channel: string, message: string) =>
    redis.publish(channel, message).catch((error: unknown) => {
      onError?.(error instanceof Error ? error : new Error(String(error)));
      return 0;
    });
  // Only `publish` is used by redis-event-target on this connection.
  return { publish } as unknown as Redis;
}
