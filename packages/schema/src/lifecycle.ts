import { z } from 'zod';
import { answerSchema, optionalField, requiredField } from './answer-reading.js';
import { readFlag, readText } from './answer-values.js';
import { pathSegment } from './rules.js';

/**
 * The pair that addresses one instance. Both travel in the URL path and together they are a full
 * credential ("anyone with this information can send messages on your behalf").
 */
// Not strict: callers pass whole instances (a created one, a list item) and only these two are used.
export const InstanceCredentials = z.object({
  id: pathSegment('instance id'),
  token: pathSegment('instance token'),
});
export type InstanceCredentials = z.output<typeof InstanceCredentials>;

/** The body of `POST .../integrator/on-demand/subscription`. */
export const SubscribeInstanceInput = z
  .strictObject({
    withCalls: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .meta({ id: 'SubscribeInstanceInput', title: 'Subscribe instance input' });
export type SubscribeInstanceInput = z.output<typeof SubscribeInstanceInput>;

/** The body of the subscription update: calls can be added, never removed. */
export const EnableCallsInput = z
  .strictObject({
    withCalls: z.literal(true, { error: 'must be true (calls cannot be removed)' }),
  })
  .meta({ id: 'EnableCallsInput', title: 'Enable calls input' });
export type EnableCallsInput = z.output<typeof EnableCallsInput>;

/**
 * Subscribe, cancel and update answer 201 with `OK`, which may arrive as plain text or as a JSON
 * string; either form, in any case, with surrounding white space, is accepted.
 */
export const OkResponse = z
  .string()
  .transform((text) =>
    text
      .trim()
      .replace(/^"(.*)"$/s, '$1')
      .trim(),
  )
  .refine((text) => text.toUpperCase() === 'OK', { error: 'must be OK' })
  .transform(() => 'OK' as const);
export type OkResponse = z.output<typeof OkResponse>;

/**
 * `GET /instances/{id}/token/{token}/status`. `connected` is the call's whole point and is
 * required (true/false, also as "true"/"false" or 1/0); the rest is null when it cannot be read.
 */
export const InstanceStatus = answerSchema((mode) =>
  z.looseObject({
    connected: requiredField(readFlag, 'true or false'),
    error: optionalField(mode, readText, 'a text'),
    smartphoneConnected: optionalField(mode, readFlag, 'true or false'),
  }),
);
export type InstanceStatus = z.output<typeof InstanceStatus>;

const BASE64_IMAGE = /^data:image\/[a-z+]+;base64,[A-Za-z0-9+/=]+$/;

/**
 * `GET /instances/{id}/token/{token}/qr-code/image`: the QR code as an image. Z-API's docs name no
 * field; it has been seen as `{value: "data:image/png;base64,…"}` and documented in a draft as
 * `{base64: "iVBOR…"}`. Both are read, and normalised to a data URL.
 */
export const QrCodeImage = z.union([
  z.looseObject({
    value: z.string().regex(BASE64_IMAGE, { error: 'must be a base64 image data URL' }),
  }),
  z
    .looseObject({ base64: z.string().regex(/^(data:image\/[a-z+]+;base64,)?[A-Za-z0-9+/=]+$/) })
    .transform((body) => ({
      ...body,
      value: body.base64.startsWith('data:') ? body.base64 : `data:image/png;base64,${body.base64}`,
    })),
]);
export type QrCodeImage = z.output<typeof QrCodeImage>;

/**
 * What the QR code endpoint answers: an image to scan, or `{connected: true}` when a phone is
 * already connected and there is nothing to scan.
 */
export const QrCode = z.union([
  QrCodeImage.transform((body) => ({ connected: false as const, image: body.value })),
  z.looseObject({ connected: z.literal(true) }).transform(() => ({ connected: true as const })),
]);
export type QrCode = z.output<typeof QrCode>;
