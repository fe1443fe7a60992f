import { z } from 'zod';
import { createInstanceFields } from './create-instance.js';
import { answerSchema, optionalField, type FieldMode } from './answer-reading.js';
import { readChoice, readCount, readDate, readFlag, readText } from './answer-values.js';

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

/**
 * The payment states an instance is known to pass through: a 2-day trial, paid (subscribed) and
 * cancelled. Z-API does not document the list, so answers keep `paymentStatus` as text.
 */
export const PAYMENT_STATUSES = ['TRIAL', 'PAID', 'CANCELED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

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
      // The form names are created in (see distinctName), so a name typed another way is found.
      .normalize('NFC')
      .max(MAX_QUERY_LENGTH, { error: `must be at most ${MAX_QUERY_LENGTH} characters` })
      .optional(),
    middleware: Middleware.optional(),
  })
  .meta({ id: 'ListInstancesInput', title: 'List instances input' });
export type ListInstancesInputRaw = z.input<typeof ListInstancesInput>;
export type ListInstancesInput = z.output<typeof ListInstancesInput>;

/** The fields of one list item, in either build (see answer-reading.ts). */
function instanceListItemShape(mode: FieldMode) {
  // Only what the toolkit needs to address and find an instance is required; the rest is read
  // where it can be, and is null where it cannot.
  const text = optionalField(mode, readText, 'a text');
  const date = optionalField(mode, readDate, 'a date');
  const flag = optionalField(mode, readFlag, 'true or false');
  return {
    id: z.string().min(1),
    name: z.string(),
    token: z.string().min(1),
    tenant: text,
    created: date,
    due: date,
    paymentStatus: text,
    deliveryCallbackUrl: text,
    receivedCallbackUrl: text,
    receivedAndDeliveryCallbackUrl: text,
    presenceChatCallbackUrl: text,
    disconnectedCallbackUrl: text,
    connectedCallbackUrl: text,
    messageStatusCallbackUrl: text,
    receivedStatusCallbackUrl: text,
    phoneConnected: flag,
    whatsappConnected: flag,
    middleware: optionalField(mode, readChoice(MIDDLEWARES), '"web" or "mobile"'),
  };
}

/**
 * One instance as `GET /instances` describes it. `id`, `name` and `token` are required; every
 * other field is read in any plausible form (dates as ISO-8601, epoch seconds or milliseconds) and
 * is null when it cannot be read. Unknown fields are kept.
 */
export const InstanceListItem = answerSchema((mode) => z.looseObject(instanceListItemShape(mode)));
export type InstanceListItem = z.output<typeof InstanceListItem>;

/**
 * A page of `GET /instances`. Only `content` is required; a counter that is missing or cannot be
 * read is null (the client derives it from the request and the content).
 */
export const InstanceListPage = answerSchema((mode) => {
  const count = optionalField(mode, readCount, 'a whole number');
  return z.looseObject({
    total: count,
    totalPage: count,
    pageSize: count,
    page: count,
    content: z.array(z.looseObject(instanceListItemShape(mode))),
  });
});
export type InstanceListPage = z.output<typeof InstanceListPage>;
