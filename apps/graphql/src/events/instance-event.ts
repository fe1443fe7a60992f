/** A connection change of one instance, as it travels between replicas (JSON, dates as ms). */
export interface InstanceEvent {
  instanceId: string;
  state: 'CONNECTED' | 'DISCONNECTED';
  /** The connected phone, when the event says (a ConnectedCallback does; `/status` does not). */
  phone: string | null;
  /** When it happened: the callback's `momment`, or when a poll saw it; epoch milliseconds. */
  at: number;
  /** Where it came from: a Z-API callback or a `/status` poll. */
  source: 'callback' | 'poll';
}

/** Whether a value read back from the bus (another replica's JSON) is an InstanceEvent. */
export function isInstanceEvent(value: unknown): value is InstanceEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Record<string, unknown>;
  return (
    typeof event.instanceId === 'string' &&
    (event.state === 'CONNECTED' || event.state === 'DISCONNECTED') &&
    (event.phone === null || typeof event.phone === 'string') &&
    typeof event.at === 'number' &&
    Number.isFinite(event.at) &&
    (event.source === 'callback' || event.source === 'poll')
  );
}
