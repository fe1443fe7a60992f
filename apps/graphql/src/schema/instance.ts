import { GraphQLError } from 'graphql';
import {
  createInstanceFields,
  INSTANCE_CALLBACK_URL_FIELDS,
  ListInstancesInput,
  MIDDLEWARES,
  validate,
  type InstanceListItem,
  type InstanceStatus as InstanceStatusShape,
  type QrCode,
} from '@zapikit/schema';
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';

export const Middleware = builder.enumType('Middleware', {
  description: 'The kind of WhatsApp instance.',
  values: Object.fromEntries(MIDDLEWARES.map((value) => [value, { value }])) as Record<
    (typeof MIDDLEWARES)[number],
    { value: (typeof MIDDLEWARES)[number] }
  >,
});

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
          resolve: (item) => {
            const value = (item as Record<string, unknown>)[name];
            return typeof value === 'string' && value !== '' ? value : null;
          },
        }),
      ]),
    ),
});

/**
 * The options of every `token` field: nullable, visible only to API keys with the token scope
 * (others get null and a FORBIDDEN error on the field).
 */
export function guardedToken<Parent>(resolve: (parent: Parent) => string) {
  return {
    nullable: true as const,
    description:
      "The instance token: a full credential. Only API keys with the 'token' scope see it.",
    authScopes: { token: true },
    resolve,
  };
}

/** An instance as the partner list shows it. */
export const Instance = builder.objectRef<InstanceListItem>('Instance').implement({
  description: 'A WhatsApp instance of the partner account.',
  fields: (t) => ({
    id: t.id({ resolve: (item) => item.id }),
    name: t.string({ resolve: (item) => item.name }),
    token: t.string(guardedToken((item: InstanceListItem) => item.token)),
    created: t.field({ type: 'DateTime', nullable: true, resolve: (item) => item.created ?? null }),
    due: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the trial or the paid period ends.',
      resolve: (item) => item.due ?? null,
    }),
    paymentStatus: t.string({ nullable: true, resolve: (item) => item.paymentStatus ?? null }),
    phoneConnected: t.boolean({ nullable: true, resolve: (item) => item.phoneConnected ?? null }),
    whatsappConnected: t.boolean({
      nullable: true,
      resolve: (item) => item.whatsappConnected ?? null,
    }),
    middleware: t.field({
      type: Middleware,
      nullable: true,
      resolve: (item) =>
        item.middleware === 'web' || item.middleware === 'mobile' ? item.middleware : null,
    }),
    callbackUrls: t.field({ type: CallbackUrls, resolve: (item) => item }),
    sandbox: t.boolean({
      description: 'True when this instance lives in the local sandbox, not on Z-API.',
      resolve: (_item, _args, context) => context.sandbox,
    }),
  }),
});

interface PageShape {
  total: number;
  totalPages: number;
  page: number;
  pageSize: number;
  items: InstanceListItem[];
}

const InstancePage = builder.objectRef<PageShape>('InstancePage').implement({
  description: 'One page of the partner’s instances.',
  fields: (t) => ({
    total: t.exposeInt('total', {}),
    totalPages: t.exposeInt('totalPages', {}),
    page: t.exposeInt('page', {}),
    pageSize: t.exposeInt('pageSize', {}),
    items: t.field({ type: [Instance], resolve: (page) => page.items }),
  }),
});

const InstanceStatus = builder.objectRef<InstanceStatusShape>('InstanceStatus').implement({
  description: "Whether the instance's phone is connected.",
  fields: (t) => ({
    connected: t.boolean({ resolve: (status) => status.connected }),
    smartphoneConnected: t.boolean({
      nullable: true,
      resolve: (s) => s.smartphoneConnected ?? null,
    }),
    error: t.string({ nullable: true, resolve: (s) => s.error ?? null }),
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
      page: t.arg.int({ defaultValue: 1 }),
      pageSize: t.arg.int({ defaultValue: 20 }),
      query: t.arg.string(),
      middleware: t.arg({ type: Middleware }),
    },
    resolve: async (_root, args, context) => {
      const input = validate(ListInstancesInput, withoutNulls(args));
      if (!input.success) {
        throw new GraphQLError(input.problems.map((p) => p.message).join('; '), {
          extensions: { code: 'ZAPI_INVALID_INPUT', problems: input.problems },
        });
      }
      const page = await context.zapi.listInstances(input.data);
      for (const item of page.content) context.instances.remember(item);
      return {
        total: page.total,
        totalPages: page.totalPage,
        page: page.page,
        pageSize: page.pageSize,
        items: page.content,
      };
    },
  }),
  instance: t.field({
    type: Instance,
    nullable: true,
    description: 'One instance by id; null when the partner has none with that id.',
    authScopes: { read: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => (await context.instances.find(args.id)) ?? null,
  }),
  instanceStatus: t.field({
    type: InstanceStatus,
    nullable: true,
    description: "Whether the instance's phone is connected; null when there is no such instance.",
    authScopes: { read: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) =>
      withInstance(context, args.id, (item) => context.zapi.getInstanceStatus(item)),
  }),
  instanceQrCode: t.field({
    type: InstanceQrCode,
    nullable: true,
    description:
      'The QR code that connects a phone to the instance; null when there is no such instance.',
    authScopes: { read: true },
    args: { id: t.arg.id({ required: true }) },
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
