import {
  createInstanceFields,
  CreateInstanceInput,
  CreateRequestOptions,
  INSTANCE_CALLBACK_URL_FIELDS,
  validate,
  type InstanceListItem,
  type PaymentStatus,
} from '@zapikit/schema';
import { outcomeUnknownByName, type CreatedInstance as ClientCreated } from '@zapikit/client';
import { builder } from '../builder.js';
import { inputTypeFromFields } from './generated-input.js';
import { sendOnce } from '../idempotency/paid-call.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, payloadType, userErrorsFrom } from './user-error.js';
import { Instance, withoutNulls } from './instance.js';

/** The create input, generated from the schema package's field list, as every input is. */
export const CreateInstanceInputType = inputTypeFromFields(
  'CreateInstanceInput',
  'The attributes of a new Z-API instance. Webhook URLs must be https.',
  createInstanceFields,
);

interface CreatedShape {
  id: string;
  name: string;
  token: string;
  due: Date | null;
}

/**
 * The new instance as an `Instance`, the type every other field answers: what Z-API's create
 * answer said, what the request set (webhooks, the kind) and what Z-API documents for every new
 * instance (a 2-day trial); the rest is unknown until the partner list shows it.
 */
function createdItem(created: CreatedShape, input: CreateInstanceInput): InstanceListItem {
  const sent = input as Record<string, unknown>;
  const callbackUrls: Record<string, string | null> = {};
  for (const name of INSTANCE_CALLBACK_URL_FIELDS) {
    const url = sent[name];
    callbackUrls[name] = typeof url === 'string' ? url : null;
  }
  return {
    ...callbackUrls,
    id: created.id,
    name: created.name,
    token: created.token,
    due: created.due,
    created: null,
    paymentStatus: 'TRIAL' satisfies PaymentStatus,
    phoneConnected: null,
    whatsappConnected: null,
    middleware: input.isDevice === undefined ? null : input.isDevice ? 'mobile' : 'web',
  };
}

const CreateInstancePayload = payloadType('CreateInstancePayload', Instance, 'createInstance');

builder.mutationField('createInstance', (t) =>
  t.field({
    type: CreateInstancePayload,
    description:
      'Creates a Z-API instance (billed to the partner once subscribed). Sent at most once; with an idempotencyKey, repeats within 24 hours return the first result.',
    authScopes: { write: true },
    args: {
      input: t.arg({
        type: CreateInstanceInputType,
        required: true,
        description: 'The new instance’s name and settings.',
      }),
      idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: async (_root, args, context) => {
      const input = validate(CreateInstanceInput, withoutNulls(args.input));
      if (!input.success) {
        return { instance: null, userErrors: userErrorsFrom(input.problems, 'input') };
      }
      const options = validate(
        CreateRequestOptions,
        withoutNulls({ idempotencyKey: args.idempotencyKey }),
      );
      if (!options.success) return { instance: null, userErrors: userErrorsFrom(options.problems) };
      const name = input.data.name;
      // Connection webhooks left empty come to this gateway's receiver (PUBLIC_URL and
      // ZAPI_WEBHOOK_SECRET set), so instanceConnection and instanceEvents hear them at once.
      const receiver = context.live.receiverUrl;
      const sent: CreateInstanceInput = receiver
        ? {
            ...input.data,
            connectedCallbackUrl: input.data.connectedCallbackUrl ?? receiver,
            disconnectedCallbackUrl: input.data.disconnectedCallbackUrl ?? receiver,
          }
        : input.data;
      const instance = await sendOnce<InstanceListItem>(context, {
        operation: 'createInstance',
        idempotencyKey: options.data.idempotencyKey,
        subject: name,
        input: input.data,
        send: async () => {
          const created: ClientCreated = await context.zapi.createInstance(sent);
          const item = createdItem(
            { id: created.id, name, token: created.token, due: created.due },
            sent,
          );
          context.instances.remember(item);
          return item;
        },
        // Never the token: the store is not a vault.
        record: ({ id, due }) => ({ id, due: due?.toISOString() ?? null }),
        // The instance as listed now (its token with it), or as created if the list lost it.
        replay: async (recorded) => {
          const { id, due } = recorded as { id: string; due: string | null };
          return (
            (await context.instances.find(id)) ??
            createdItem({ id, name, token: '', due: due === null ? null : new Date(due) }, sent)
          );
        },
        // The client's own lookup for an ambiguous answer, reused for a claim whose process died.
        unknown: (reason) =>
          outcomeUnknownByName((wanted) => context.zapi.findInstancesByName(wanted), name, reason),
      });
      return { instance, userErrors: [] };
    },
  }),
);
