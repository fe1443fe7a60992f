import { randomBytes } from 'node:crypto';
import { INSTANCE_CALLBACK_URL_FIELDS, type PaymentStatus } from '@zapikit/schema';

/** How long a new instance lives unless it is subscribed: Z-API's 2-day trial. */
export const TRIAL_MS = 2 * 24 * 60 * 60 * 1000;
/** How far a subscription moves the due date. */
export const SUBSCRIPTION_PERIOD_MS = 30 * 24 * 60 * 60 * 1000;

export type { PaymentStatus };

/** One simulated instance, with the fields `GET /instances` shows. */
export interface SandboxInstance {
  id: string;
  token: string;
  name: string;
  tenant: string;
  created: number;
  due: number;
  paymentStatus: PaymentStatus;
  withCalls: boolean;
  middleware: 'web' | 'mobile';
  phoneConnected: boolean;
  whatsappConnected: boolean;
  /** The connected phone's number (international digits); null while none is connected. */
  phone: string | null;
  /** The create attributes as received, callback URLs among them; webhook updates change them. */
  attributes: Record<string, unknown>;
}

/** The sandbox's instances, in creation order, with Z-API's trial and billing rules. */
export class InstanceStore {
  readonly #instances = new Map<string, SandboxInstance>();
  readonly #now: () => number;
  readonly #maxInstances: number;
  readonly #tenant = `sandbox-${randomBytes(4).toString('hex')}`;

  /** `maxInstances` bounds memory in a long-running sandbox: the oldest instance goes first. */
  constructor(now: () => number, maxInstances = 10_000) {
    this.#now = now;
    this.#maxInstances = maxInstances;
  }

  /** Creates an instance as Z-API would: a 2-day trial. */
  create(attributes: Record<string, unknown>): SandboxInstance {
    const created = this.#now();
    const instance: SandboxInstance = {
      id: randomBytes(16).toString('hex').toUpperCase(),
      token: randomBytes(12).toString('hex').toUpperCase(),
      name: String(attributes.name),
      tenant: this.#tenant,
      created,
      due: created + TRIAL_MS,
      paymentStatus: 'TRIAL',
      withCalls: false,
      middleware: attributes.isDevice === true ? 'mobile' : 'web',
      phoneConnected: false,
      whatsappConnected: false,
      phone: null,
      attributes,
    };
    this.#instances.set(instance.id, instance);
    if (this.#instances.size > this.#maxInstances) {
      const oldest = this.#instances.keys().next().value;
      if (oldest !== undefined) this.#instances.delete(oldest);
    }
    return instance;
  }

  /** The instance with this id and token, if both match. */
  find(id: string, token: string): SandboxInstance | undefined {
    this.#expireTrials();
    const instance = this.#instances.get(id);
    return instance?.token === token ? instance : undefined;
  }

  /** Every live instance, oldest first. */
  all(): SandboxInstance[] {
    this.#expireTrials();
    return [...this.#instances.values()];
  }

  /** Marks an instance subscribed and extends its due date. */
  subscribe(instance: SandboxInstance, withCalls: boolean): void {
    instance.paymentStatus = 'PAID';
    instance.withCalls ||= withCalls;
    instance.due = Math.max(instance.due, this.#now()) + SUBSCRIPTION_PERIOD_MS;
  }

  /** Cancels a subscription; the instance stays usable until its due date. */
  cancel(instance: SandboxInstance): void {
    instance.paymentStatus = 'CANCELED';
  }

  /** The instance with this id, whatever its token (for the sandbox's own control path). */
  get(id: string): SandboxInstance | undefined {
    this.#expireTrials();
    return this.#instances.get(id);
  }

  /**
   * Simulates a phone scanning the QR code. Answers whether anything changed (false when that
   * phone was connected already); connecting another phone replaces the first.
   */
  connect(instance: SandboxInstance, phone: string): boolean {
    const changed = !instance.whatsappConnected || instance.phone !== phone;
    instance.phoneConnected = true;
    instance.whatsappConnected = true;
    instance.phone = phone;
    return changed;
  }

  /** Simulates the phone going away. Answers whether it was connected. */
  disconnect(instance: SandboxInstance): boolean {
    const changed = instance.whatsappConnected;
    instance.phoneConnected = false;
    instance.whatsappConnected = false;
    instance.phone = null;
    return changed;
  }

  /** The instance as `GET /instances` lists it. */
  static toListItem(instance: SandboxInstance): Record<string, unknown> {
    const callbacks = Object.fromEntries(
      INSTANCE_CALLBACK_URL_FIELDS.map((key) => [
        key,
        typeof instance.attributes[key] === 'string' ? instance.attributes[key] : null,
      ]),
    );
    return {
      id: instance.id,
      name: instance.name,
      token: instance.token,
      tenant: instance.tenant,
      created: instance.created,
      due: instance.due,
      paymentStatus: instance.paymentStatus,
      ...callbacks,
      phoneConnected: instance.phoneConnected,
      whatsappConnected: instance.whatsappConnected,
      middleware: instance.middleware,
    };
  }

  // Z-API deletes trials nobody subscribed within 2 days; so does the sandbox, lazily.
  #expireTrials(): void {
    const now = this.#now();
    for (const [id, instance] of this.#instances) {
      if (instance.paymentStatus === 'TRIAL' && instance.due <= now) this.#instances.delete(id);
    }
  }
}
