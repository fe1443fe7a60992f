import { z } from 'zod';
import { createInstanceFields } from './create-instance.js';
import { epochMillis } from './rules.js';

/**
 * Every webhook URL an instance has in the list: the create attributes of kind url, plus
 * `receivedStatusCallbackUrl`, which only the list shows.
 */
export const INSTANCE_CALLBACK_URL_FIELDS: readonly string[] = Object.freeze([
  ...createInstanceFields.filter((field) => field.kind === 'url').map((field) => field.name),
  'receivedStatusCallbackUrl',
]);

/** The two kinds of instance Z-API runs, as the list filter names them. */
export const MIDDLEWARES = ['web', 'mobile'] as const;
export const Middleware = z.enum(MIDDLEWARES, { error: 'must be "web" or "mobile"' });
export type Middleware = z.output<typeof Middleware>;

/** Largest page Z-API is asked for; keeps one call's response small. */
export const MAX_PAGE_SIZE = 100;

/** Longest search text the list accepts. */
export const MAX_QUERY_LENGTH = 100;

/** The query of `GET /instances`. */
export const ListInstancesInput = z
  .strictObject({
    page: z
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be 1 or more' })
      .default(1),
    pageSize: z
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be 1 or more' })
      .max(MAX_PAGE_SIZE, { error: `must be at most ${MAX_PAGE_SIZE}` })
      .default(20),
    query: z
      .string({ error: 'must be a text' })
      .trim()
      .max(MAX_QUERY_LENGTH, { error: `must be at most ${MAX_QUERY_LENGTH} characters` })
      .optional(),
    middleware: Middleware.optional(),
  })
  .meta({ id: 'ListInstancesInput', title: 'List instances input' });
export type ListInstancesInputRaw = z.input<typeof ListInstancesInput>;
export type ListInstancesInput = z.output<typeof ListInstancesInput>;

// Upstream may add fields or send null where it has nothing: tolerate both, keep the extras.
const optionalText = z.string().nullish();

/** One instance as `GET /instances` describes it. */
export const InstanceListItem = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  token: z.string().min(1),
  tenant: optionalText,
  created: epochMillis.nullish(),
  due: epochMillis.nullish(),
  paymentStatus: optionalText,
  deliveryCallbackUrl: optionalText,
  receivedCallbackUrl: optionalText,
  receivedAndDeliveryCallbackUrl: optionalText,
  presenceChatCallbackUrl: optionalText,
  disconnectedCallbackUrl: optionalText,
  connectedCallbackUrl: optionalText,
  messageStatusCallbackUrl: optionalText,
  receivedStatusCallbackUrl: optionalText,
  phoneConnected: z.boolean().nullish(),
  whatsappConnected: z.boolean().nullish(),
  middleware: optionalText,
});
export type InstanceListItem = z.output<typeof InstanceListItem>;

/** A page of `GET /instances`. */
export const InstanceListPage = z.looseObject({
  total: z.number().int().nonnegative(),
  totalPage: z.number().int().nonnegative(),
  pageSize: z.number().int().nonnegative(),
  page: z.number().int().nonnegative(),
  content: z.array(InstanceListItem),
});
export type InstanceListPage = z.output<typeof InstanceListPage>;
