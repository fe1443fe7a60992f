import { GraphQLError } from 'graphql';
import {
  createInstanceFields,
  INSTANCE_CALLBACK_URL_FIELDS,
  ListInstancesInput,
  MAX_PAGE_SIZE,
  MIDDLEWARES,
  PAYMENT_STATUSES,
  validate,
  type InstanceListItem,
  type InstanceStatus as InstanceStatusShape,
  type PaymentStatus as PaymentStatusShape,
  type QrCode,
} from '@zapikit/schema';
import type { InstancePage as InstancePageShape } from '@zapikit/client';
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';

export const Middleware = builder.enumType('Middleware', {
  description:
    'The kind of WhatsApp instance. Z-API documents exactly these two; an instance whose answer ' +
    'holds anything else shows middleware null.',
  values: {
    web: { value: 'web', description: 'WhatsApp Web: the phone stays the primary device.' },
    mobile: { value: 'mobile', description: 'A mobile instance (created with isDevice: true).' },
  } satisfies Record<(typeof MIDDLEWARES)[number], { value: string; description: string }>,
});

const PAYMENT_STATUS_WORDS: Record<PaymentStatusShape, string> = {
  TRIAL: 'The 2-day trial of a new instance; Z-API deletes it unless it is subscribed.',
  PAID: 'Subscribed: the partner pays for it.',
  CANCELED: 'The subscription was cancelled; usable until its due date.',
};

export const PaymentStatus = builder.enumType('PaymentStatus', {
  description:
    "Where an instance stands in billing. Z-API does not document its words: a value this gateway does not know is null here and readable in the instance's rawPaymentStatus.",
  values: Object.fromEntries(
    PAYMENT_STATUSES.map((value) => [value, { value, description: PAYMENT_STATUS_WORDS[value] }]),
  ) as Record<PaymentStatusShape, { value: PaymentStatusShape; description: string }>,
});

/** The known payment status of Z-API's text (trimmed, any case), or null. */
function paymentStatusOf(text: string | null | undefined): PaymentStatusShape | null {
  const word = text?.trim().toUpperCase();
  return (PAYMENT_STATUSES as readonly string[]).includes(word ?? '')
    ? (word as PaymentStatusShape)
    : null;
}

// Each webhook URL field with the create attribute's description, where it has one.
const CALLBACK_FIELDS = INSTANCE_CALLBACK_URL_FIELDS.map(
  (name) =>
    [
      name,
      createInstanceFields.find((field) => field.name === name)?.description ??
        'Webhook for status updates of received messages',
    ] as const,
);

const CallbackUrls = builder.objectRef<InstanceListItem>('CallbackUrls').implement({
  description: "The instance's webhook URLs, null where none is set.",
  fields: (t) =>
    Object.fromEntries(
      CALLBACK_FIELDS.map(([name, description]) => [
        name,
        t.string({
          nullable: true,
          description,
          resolve: (item, _args, context) => {
            const value = (item as Record<string, unknown>)[name];
            if (typeof value !== 'string' || value === '') return null;
            // The receiver's URL holds ZAPI_WEBHOOK_SECRET: never shown, even to read keys.
            return context.live.hideSecret(value);
          },
        }),
      ]),
    ),
});

/**
 * The options of every `token` field: nullable, and null for API keys without the token scope.
 * Deliberately no error: an error entry beside a create that succeeded makes clients that throw
 * on any error (Apollo Client's default errorPolicy) report a paid create as failed.
 */
export function scopedToken<Parent>(resolve: (parent: Parent) => string | null) {
  return {
    nullable: true as const,
    description:
      "The instance token: a full credential. Null, without an error, for API keys without the 'token' scope; every other field and call takes the id instead.",
    resolve: (parent: Parent, _args: object, context: GatewayContext) =>
      context.scopes.has('token') ? resolve(parent) : null,
  };
}

/** An instance as the partner list shows it; `createInstance` answers the same type. */
export const Instance = builder.objectRef<InstanceListItem>('Instance').implement({
  description:
    'A WhatsApp instance of the partner account. One type wherever an instance appears (createInstance, instance, instances, the lifecycle mutations), so a normalised client cache keeps one Instance:<id>.',
  fields: (t) => ({
    id: t.id({
      description: 'The instance id: what every query and mutation takes.',
      resolve: (item) => item.id,
    }),
    name: t.string({ description: 'The name the partner gave it.', resolve: (item) => item.name }),
    // Empty only for a replayed create whose instance the list no longer shows.
    token: t.string(scopedToken((item: InstanceListItem) => item.token || null)),
    created: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was created; null when Z-API did not say (right after createInstance).',
      resolve: (item) => item.created ?? null,
    }),
    due: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the trial or the paid period ends.',
      resolve: (item) => item.due ?? null,
    }),
    paymentStatus: t.field({
      type: PaymentStatus,
      nullable: true,
      description:
        'Trial, paid or cancelled; null when Z-API said nothing or a word this gateway does not know (see rawPaymentStatus).',
      resolve: (item) => paymentStatusOf(item.paymentStatus),
    }),
    rawPaymentStatus: t.string({
      nullable: true,
      description:
        'The paymentStatus text behind the enum, as Z-API wrote it: readable where paymentStatus is null because the word is unknown.',
      resolve: (item) => item.paymentStatus ?? null,
    }),
    phoneConnected: t.boolean({
      nullable: true,
      description: "Whether the instance's phone is connected; null when Z-API did not say.",
      resolve: (item) => item.phoneConnected ?? null,
    }),
    whatsappConnected: t.boolean({
      nullable: true,
      description: 'Whether WhatsApp is connected on the instance; null when Z-API did not say.',
      resolve: (item) => item.whatsappConnected ?? null,
    }),
    middleware: t.field({
      type: Middleware,
      nullable: true,
      description: 'Web or mobile; null when Z-API did not say.',
      resolve: (item) =>
        item.middleware === 'web' || item.middleware === 'mobile' ? item.middleware : null,
    }),
    callbackUrls: t.field({
      type: CallbackUrls,
      description: "The instance's webhook URLs.",
      resolve: (item) => item,
    }),
    sandbox: t.boolean({
      description: 'True when this instance lives in the local sandbox, not on Z-API.',
      resolve: (_item, _args, context) => context.sandbox,
    }),
  }),
});

const InstancePage = builder.objectRef<InstancePageShape>('InstancePage').implement({
  description: 'One page of the partner’s instances.',
  fields: (t) => ({
    total: t.exposeInt('total', {
      description:
        'How many instances match; a lower bound when Z-API did not say (counted up to this page).',
    }),
    totalPages: t.exposeInt('totalPages', { description: 'How many pages there are.' }),
    page: t.exposeInt('page', { description: 'This page’s number, from 1.' }),
    pageSize: t.exposeInt('pageSize', { description: 'Instances per page.' }),
    items: t.field({
      type: [Instance],
      description: 'The instances on this page.',
      resolve: (page) => page.items,
    }),
  }),
});

const InstanceStatus = builder.objectRef<InstanceStatusShape>('InstanceStatus').implement({
  description: "Whether the instance's phone is connected.",
  fields: (t) => ({
    connected: t.boolean({
      description: 'True when WhatsApp is connected and the instance can send.',
      resolve: (status) => status.connected,
    }),
    smartphoneConnected: t.boolean({
      nullable: true,
      description: 'Whether the phone itself is online; null when Z-API did not say.',
      resolve: (s) => s.smartphoneConnected ?? null,
    }),
    error: t.string({
      nullable: true,
      description: "Z-API's explanation when the instance is not connected.",
      resolve: (s) => s.error ?? null,
    }),
  }),
});

const InstanceQrCode = builder.objectRef<QrCode>('InstanceQrCode').implement({
  description: 'The QR code that connects a phone; it changes every 20 seconds.',
  fields: (t) => ({
    connected: t.exposeBoolean('connected', {
      description: 'True when a phone is already connected: nothing to scan.',
    }),
    image: t.string({
      nullable: true,
      description: 'The QR code as a PNG data URL, ready for an <img src>.',
      resolve: (qr) => (qr.connected ? null : qr.image),
    }),
  }),
});

builder.queryFields((t) => ({
  instances: t.field({
    type: InstancePage,
    description: "A page of the partner's instances, optionally searched by name or id.",
    authScopes: { read: true },
    args: {
      page: t.arg.int({ defaultValue: 1, description: 'The page, from 1.' }),
      pageSize: t.arg.int({
        defaultValue: 20,
        description: `Instances per page, 1 to ${MAX_PAGE_SIZE}.`,
      }),
      query: t.arg.string({ description: 'Searches instance names and ids.' }),
      middleware: t.arg({ type: Middleware, description: 'Only web or only mobile instances.' }),
    },
    resolve: async (_root, args, context) => {
      const input = validate(ListInstancesInput, withoutNulls(args));
      if (!input.success) {
        throw new GraphQLError(input.problems.map((p) => p.message).join('; '), {
          extensions: { code: 'ZAPI_INVALID_INPUT', problems: input.problems },
        });
      }
      // The client's page is the gateway's shape.
      const page = await context.zapi.listInstances(input.data);
      for (const item of page.items) context.instances.remember(item);
      return page;
    },
  }),
  instance: t.field({
    type: Instance,
    nullable: true,
    description: 'One instance by id; null when the partner has none with that id.',
    authScopes: { read: true },
    args: { id: t.arg.id({ required: true, description: 'The instance id.' }) },
    resolve: async (_root, args, context) => (await context.instances.find(args.id)) ?? null,
  }),
  instanceStatus: t.field({
    type: InstanceStatus,
    nullable: true,
    description: "Whether the instance's phone is connected; null when there is no such instance.",
    authScopes: { read: true },
    args: { id: t.arg.id({ required: true, description: 'The instance id.' }) },
    resolve: (_root, args, context) =>
      withInstance(context, args.id, (item) => context.zapi.getInstanceStatus(item)),
  }),
  instanceQrCode: t.field({
    type: InstanceQrCode,
    nullable: true,
    description:
      'The QR code that connects a phone to the instance; null when there is no such instance.',
    authScopes: { read: true },
    args: { id: t.arg.id({ required: true, description: 'The instance id.' }) },
    resolve: (_root, args, context) =>
      withInstance(context, args.id, (item) => context.zapi.getQrCode(item)),
  }),
}));

/** Runs `read` on the instance with this id; null when there is none. */
async function withInstance<T>(
  context: GatewayContext,
  id: string,
  read: (item: InstanceListItem) => Promise<T>,
): Promise<T | null> {
  const item = await context.instances.find(id);
  return item ? await read(item) : null;
}

/** GraphQL's explicit nulls as absent fields: the schema sends absent fields, never null. */
export function withoutNulls(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(args).filter(([, value]) => value !== null && value !== undefined),
  );
}
