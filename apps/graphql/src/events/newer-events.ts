import { LRUCache } from 'lru-cache';
import type { InstanceEvent } from './instance-event.js';

/**
 * The last connection event seen per instance, to drop what Z-API (or a second replica) sends
 * again or late: an event older than the last one, or the same state at the same moment, is
 * not news; nor is a poll that finds the state a callback already told. Z-API documents no ordering and no retries; callbacks cross on the network.
 * Bounded: the least recently seen instances are forgotten first.
 */
export class NewerEvents {
  readonly #last: LRUCache<string, { at: number; state: InstanceEvent['state'] }>;

  constructor(max = 50_000) {
    this.#last = new LRUCache({ max });
  }

  /**
   * `new` (and remembered) when the event is newer than the last one seen for its instance;
   * `duplicate` for the same state at the same moment (or a poll that finds nothing new);
   * `older` for one from before the last.
   */
  admit(event: InstanceEvent): 'new' | 'duplicate' | 'older' {
    const last = this.#last.get(event.instanceId);
    if (last) {
      if (event.at < last.at) return 'older';
      if (event.state === last.state && (event.at === last.at || event.source === 'poll'))
        return 'duplicate';
    }
    this.#last.set(event.instanceId, { at: event.at, state: event.state });
    return 'new';
  }

  /** The last state seen for an instance, if any. */
  lastState(instanceId: string): InstanceEvent['state'] | undefined {
    return this.#last.get(instanceId)?.state;
  }
}
