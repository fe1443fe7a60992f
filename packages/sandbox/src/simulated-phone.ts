import { createHash } from 'node:crypto';
import type { CallbackSender } from './callback-sender.js';
import { writeDate, type SandboxDateFormat } from './date-format.js';
import type { InstanceStore, SandboxInstance } from './state.js';

/**
 * The phone that connects to an instance: it changes the instance's connection state and sends
 * the ConnectedCallback / DisconnectedCallback Z-API would send, to the instance's webhooks.
 */
export class SimulatedPhone {
  readonly #store: InstanceStore;
  readonly #sender: CallbackSender;
  readonly #now: () => number;
  readonly #dateFormat: SandboxDateFormat;

  constructor(
    store: InstanceStore,
    sender: CallbackSender,
    now: () => number,
    dateFormat: SandboxDateFormat,
  ) {
    this.#store = store;
    this.#sender = sender;
    this.#now = now;
    this.#dateFormat = dateFormat;
  }

  /** Connects a phone (a number derived from the instance id when none is given). */
  connect(instance: SandboxInstance, phone = phoneFor(instance.id)): void {
    if (!this.#store.connect(instance, phone)) return;
    this.#sender.send('connected', instance, instance.attributes.connectedCallbackUrl, {
      type: 'ConnectedCallback',
      connected: true,
      phone,
      momment: this.#momment(),
      instanceId: instance.id,
    });
  }

  /** Disconnects the phone, if one is connected. */
  disconnect(instance: SandboxInstance): void {
    if (!this.#store.disconnect(instance)) return;
    this.#sender.send('disconnected', instance, instance.attributes.disconnectedCallbackUrl, {
      type: 'DisconnectedCallback',
      disconnected: true,
      error: 'Device has been disconnected',
      momment: this.#momment(),
      instanceId: instance.id,
    });
  }

  // Z-API's examples show `momment` in seconds and in milliseconds: the sandbox follows its date
  // format, so a receiver can be tested against both.
  #momment(): number {
    return Number(writeDate(this.#now(), this.#dateFormat === 'seconds' ? 'seconds' : 'millis'));
  }
}

/** A Brazilian mobile number derived from the instance id, the same for the same instance. */
export function phoneFor(instanceId: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(instanceId).digest('hex').slice(0, 12)}`);
  return `55119${(digits % 100_000_000n).toString().padStart(8, '0')}`;
}
