import {
  createInstanceFields,
  CreateInstanceInput,
  CreateRequestOptions,
  INSTANCE_CALLBACK_URL_FIELDS,
  validate,
  type InstanceListItem,
  type PaymentStatus,
} from '@zapikit/schema';
import { isZapiError, type CreatedInstance as ClientCreated } from '@zapikit/client';
import { builder } from '../builder.js';
import { payloadType, userErrorsFrom } from './user-error.js';
import { Instance, withoutNulls } from './instance.js';

/**
 * The create input, generated from the schema package's field list: names, requiredness and
 * English descriptions come from there, so no field is typed twice. Rules run in the resolver
 * through the same zod schema.
 */
export const CreateInstanceInputType = builder.inputType('CreateInstanceInput', {
  description: 'The attributes of a new Z-API instance. Webhook URLs must be https.',
  fields: (t) =>
    Object.fromEntries(
      createInstanceFields.map((field) => [
        field.name,
        field.kind === 'flag'
          ? t.boolean({ required: field.required, description: field.description })
          : t.string({ required: field.required, description: field.description }),
      ]),
    ),
});

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
  return {
    ...Object.fromEntries(
      INSTANCE_CALLBACK_URL_FIELDS.map((name) => [
        name,
        typeof sent[name] === 'string' ? sent[name] : null,
      ]),
    ),
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

// What an idempotency key remembers: the instance, or the unknown outcome that must not be
// retried blindly. Definite failures release the key instead.
type Remembered = { ok: true; instance: CreatedShape } | { ok: false; error: unknown };

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
      idempotencyKey: t.arg.string({
        description:
          'Any unique string (a UUID): the same key from the same API key within 24 hours returns the first result.',
      }),
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
      const key = options.data.idempotencyKey;
      const create = async (): Promise<CreatedShape> => {
        const created: ClientCreated = await context.zapi.createInstance(input.data);
        const shape = {
          id: created.id,
          name: input.data.name,
          token: created.token,
          due: created.due,
        };
        context.instances.remember(createdItem(shape, input.data));
        return shape;
      };
      if (key === undefined) {
        return { instance: createdItem(await create(), input.data), userErrors: [] };
      }
      const remembered = await once(context, `${context.callerId}:${key}`, create);
      if (!remembered.ok) throw remembered.error;
      return { instance: createdItem(remembered.instance, input.data), userErrors: [] };
    },
  }),
);

async function once(
  context: { idempotency: import('../idempotency/store.js').IdempotencyStore },
  key: string,
  create: () => Promise<CreatedShape>,
): Promise<Remembered> {
  const claim = await context.idempotency.begin<Remembered>(key);
  if (claim.status === 'done') return claim.value;
  if (claim.status === 'pending') return claim.settled;
  try {
    const remembered: Remembered = { ok: true, instance: await create() };
    await context.idempotency.complete(key, remembered);
    return remembered;
  } catch (error) {
    if (isZapiError(error) && error.code === 'ZAPI_OUTCOME_UNKNOWN') {
      const remembered: Remembered = { ok: false, error };
      await context.idempotency.complete(key, remembered);
      return remembered;
    }
    await context.idempotency.abandon(key, error);
    throw error;
  }
}
