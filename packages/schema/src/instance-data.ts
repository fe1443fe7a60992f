import { z } from 'zod';
import { answerSchema, optionalField, type FieldMode } from './answer-reading.js';
import { readDate, readFlag, readText } from './answer-values.js';

/** The webhook URLs `GET /me` shows, by the names create and the list give them. */
export const INSTANCE_DATA_CALLBACK_URL_FIELDS = Object.freeze([
  'connectedCallbackUrl',
  'deliveryCallbackUrl',
  'disconnectedCallbackUrl',
  'messageStatusCallbackUrl',
  'presenceChatCallbackUrl',
  'receivedCallbackUrl',
  'receivedAndDeliveryCallbackUrl',
  'initialDataCallbackUrl',
] as const);

function instanceDataShape(mode: FieldMode) {
  const text = optionalField(mode, readText, 'a text');
  const flag = optionalField(mode, readFlag, 'true or false');
  const date = optionalField(mode, readDate, 'a date');
  const urls = Object.fromEntries(INSTANCE_DATA_CALLBACK_URL_FIELDS.map((name) => [name, text]));
  return {
    id: text,
    token: text,
    name: text,
    due: date,
    created: date,
    connected: flag,
    paymentStatus: text,
    ...(urls as Record<(typeof INSTANCE_DATA_CALLBACK_URL_FIELDS)[number], typeof text>),
    receiveCallbackSentByMe: flag,
    callRejectAuto: flag,
    callRejectMessage: text,
    autoReadMessage: flag,
  };
}

/**
 * `GET /me`: the instance's data and settings. Nothing in it is required, since the caller already
 * holds the id and token: every field is read in any plausible form (`due` and `created` as
 * ISO-8601, epoch seconds or milliseconds) and is null when it cannot be read. Unknown fields are
 * kept. `token` is the instance token: never show it.
 */
export const InstanceData = answerSchema((mode) => z.looseObject(instanceDataShape(mode)));
export type InstanceData = z.output<typeof InstanceData>;
