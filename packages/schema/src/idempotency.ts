import { z } from 'zod';

/** Longest idempotency key accepted: room for a UUID, an order number and a prefix. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * The options a caller may send with a create, beside its attributes. Z-API has no idempotency
 * key; surfaces that offer one (the gateway) validate it here.
 */
export const CreateRequestOptions = z.strictObject({
  idempotencyKey: z
    .string({ error: 'must be a text' })
    .min(1, { error: 'must not be empty' })
    .max(MAX_IDEMPOTENCY_KEY_LENGTH, {
      error: `must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
    })
    .optional(),
});
export type CreateRequestOptions = z.output<typeof CreateRequestOptions>;
