import type { Scope } from './auth/api-keys.js';
import type { LiveEvents } from './events/live-events.js';
import type { PaidCallPolicy } from './idempotency/paid-call.js';
import type { IdempotencyStore } from './idempotency/store.js';
import type { InstanceDirectory, ZapiClient } from '@zapikit/client';

/** What every resolver gets: who is calling and the services to call with. */
export interface GatewayContext {
  /** The caller's API key id (a digest prefix, safe to log), or `open` when no keys are set. */
  callerId: string;
  scopes: ReadonlySet<Scope>;
  zapi: ZapiClient;
  /** Finds instance tokens by id, so frontends never hold them. */
  instances: InstanceDirectory;
  idempotency: IdempotencyStore;
  /** Leases, waits and the drain's deadline for paid calls. */
  paidCalls: PaidCallPolicy;
  /** Whether calls go to the embedded sandbox rather than Z-API. */
  sandbox: boolean;
  /** Connection events: the bus, the pollers and the receiver's URL. */
  live: LiveEvents;
}
