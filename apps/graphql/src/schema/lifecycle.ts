import { CreateRequestOptions, validate, type InstanceListItem } from '@zapikit/schema';
import {
  candidateOf,
  ZapiOutcomeUnknownError,
  type ZapiClient,
  type ZapiError,
} from '@zapikit/client';
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { sendOnce } from '../idempotency/paid-call.js';
import { Instance, withoutNulls } from './instance.js';
import { instanceDataOf } from './instance-data.js';
import {
  IDEMPOTENCY_KEY_DESCRIPTION,
  notAnInstance,
  payloadType,
  userErrorsFrom,
} from './user-error.js';

type Action = (zapi: ZapiClient, instance: InstanceListItem, withCalls: boolean) => Promise<void>;

// Failures after which a call on an instance may have happened: with an idempotency key they
// are remembered as an unknown outcome, so a retry with the key does not pay twice.
const AMBIGUOUS = new Set([
  'ZAPI_TIMEOUT',
  'ZAPI_NETWORK',
  'ZAPI_UPSTREAM_ERROR',
  'ZAPI_BAD_RESPONSE',
]);

/** The instance as Z-API lists it now (not from the cache), or as we last knew it. */
export async function relisted(context: GatewayContext, instance: InstanceListItem) {
  context.instances.forget(instance.id);
  return (await context.instances.find(instance.id)) ?? instance;
}

/** The unknown outcome of a call on `instance`: the instance as listed now is the one candidate. */
async function unknownOn(
  context: GatewayContext,
  operation: string,
  instance: InstanceListItem,
  reason: ZapiError,
): Promise<ZapiOutcomeUnknownError> {
  try {
    const now = await relisted(context, instance);
    return new ZapiOutcomeUnknownError(
      instance.name,
      reason,
      [candidateOf(now)],
      undefined,
      operation,
    );
  } catch (error) {
    const code = (error as Partial<ZapiError>).code ?? 'ZAPI_NETWORK';
    return new ZapiOutcomeUnknownError(instance.name, reason, [], code, operation);
  }
}

/**
 * A mutation on one instance by id: the gateway finds the instance token itself, acts, and
 * answers with the instance as Z-API now lists it. Paid ones, and a restart, which must not happen
 * twice either, take an idempotencyKey with the same semantics as createInstance
 * (idempotency/paid-call.ts).
 */
function lifecycleMutation(
  name: string,
  description: string,
  action: Action,
  { withCallsArg, keyArg }: { withCallsArg: boolean; keyArg: boolean },
) {
  const Payload = payloadType(
    `${name[0]?.toUpperCase() ?? ''}${name.slice(1)}Payload`,
    Instance,
    name,
  );

  builder.mutationField(name, (t) =>
    t.field({
      type: Payload,
      description,
      authScopes: { write: true },
      args: {
        id: t.arg.id({ required: true, description: 'The instance id.' }),
        ...(withCallsArg
          ? {
              withCalls: t.arg.boolean({
                defaultValue: false,
                description: 'Include calls in the subscription.',
              }),
            }
          : {}),
        ...(keyArg
          ? { idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY_DESCRIPTION }) }
          : {}),
      },
      resolve: async (_root, args, context) => {
        const id = args.id;
        const extra = args as { withCalls?: boolean | null; idempotencyKey?: string | null };
        const options = validate(
          CreateRequestOptions,
          withoutNulls({ idempotencyKey: extra.idempotencyKey }),
        );
        if (!options.success)
          return { instance: null, userErrors: userErrorsFrom(options.problems) };
        const instance = await context.instances.find(id);
        if (!instance) return { instance: null, userErrors: [notAnInstance(id)] };
        const withCalls = extra.withCalls === true;
        const acted = await sendOnce<InstanceListItem>(context, {
          operation: name,
          idempotencyKey: options.data.idempotencyKey,
          subject: instance.name,
          input: withCallsArg ? { id, withCalls } : { id },
          send: async () => {
            await action(context.zapi, instance, withCalls);
            instanceDataOf(context).forget(id);
            return relisted(context, instance);
          },
          record: () => ({ id }),
          replay: async () => (await context.instances.find(id)) ?? instance,
          unknown: (reason) => unknownOn(context, name, instance, reason),
          ambiguous: (error) => AMBIGUOUS.has(error.code),
        });
        return { instance: acted, userErrors: [] };
      },
    }),
  );
}

lifecycleMutation(
  'subscribeInstance',
  'Subscribes (pays for) an instance so it outlives its 2-day trial. With an idempotencyKey, repeats within 24 hours return the first result and pay nothing more.',
  (zapi, instance, withCalls) => zapi.subscribeInstance(instance, { withCalls }),
  { withCallsArg: true, keyArg: true },
);
lifecycleMutation(
  'cancelInstance',
  "Cancels an instance's subscription; it stays usable until its due date.",
  (zapi, instance) => zapi.cancelInstance(instance),
  { withCallsArg: false, keyArg: false },
);
lifecycleMutation(
  'enableCalls',
  'Adds calls to an instance’s subscription (they cannot be removed again). With an idempotencyKey, repeats within 24 hours return the first result and pay nothing more.',
  (zapi, instance) => zapi.enableCalls(instance),
  { withCallsArg: false, keyArg: true },
);
// Not paid, but a restart drops the connection for a while: an idempotencyKey lets a client that
// retries by itself (a timeout is retryable) do so without restarting twice.
lifecycleMutation(
  'restartInstance',
  'Restarts an instance: it reconnects without a new scan. Sent at most once per call; with an idempotencyKey, repeats within 24 hours return the first result and restart nothing more.',
  (zapi, instance) => zapi.restartInstance(instance),
  { withCallsArg: false, keyArg: true },
);
lifecycleMutation(
  'disconnectInstance',
  'Disconnects the phone: the instance stops sending and receiving (webhooks too) until a QR code or pairing code is used again.',
  (zapi, instance) => zapi.disconnectInstance(instance),
  { withCallsArg: false, keyArg: false },
);
