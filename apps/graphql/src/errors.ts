import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError, type MaskError } from 'graphql-yoga';
import { isZapiError, type ZapiError, type ZapiOutcomeUnknownError } from '@zapikit/client';
import { isIdempotencyError, type IdempotencyError } from './idempotency/errors.js';

/**
 * The client failure an error is or carries: graphql-js wraps what a resolver throws in a
 * GraphQLError whose `originalError` is the thrown value. Matched on `code`, not on the class.
 */
export function zapiErrorOf(error: unknown): ZapiError | undefined {
  let current: unknown = error;
  while (current instanceof GraphQLError) current = current.originalError;
  return isZapiError(current) ? current : undefined;
}

/** The idempotency failure an error is or carries (IDEMPOTENCY_KEY_REUSED, STORE_UNAVAILABLE). */
function idempotencyErrorOf(error: unknown): IdempotencyError | undefined {
  let current: unknown = error;
  while (current instanceof GraphQLError) current = current.originalError;
  return isIdempotencyError(current) ? current : undefined;
}

/** The failure with a code of our list that an error is or carries: idempotency or client. */
export function codedErrorOf(error: unknown): IdempotencyError | ZapiError | undefined {
  return idempotencyErrorOf(error) ?? zapiErrorOf(error);
}

/** What a frontend branches on: the client's code and whether (and when) to try again. */
function extensionsOf(zapi: ZapiError): Record<string, unknown> {
  const extensions: Record<string, unknown> = { code: zapi.code, retryable: zapi.retryable };
  if (zapi.status !== undefined) extensions.status = zapi.status;
  if (zapi.retryAfterMs !== undefined) extensions.retryAfterMs = zapi.retryAfterMs;
  if (zapi.code === 'ZAPI_OUTCOME_UNKNOWN') {
    const unknown = zapi as ZapiOutcomeUnknownError;
    extensions.reason = unknown.reason;
    // Each candidate field by name: an instance token can never come along.
    extensions.candidates = unknown.candidates.map((candidate) => ({
      id: candidate.id,
      name: candidate.name,
      created: candidate.created?.toISOString() ?? null,
      due: candidate.due?.toISOString() ?? null,
    }));
    if (unknown.lookupFailed) extensions.lookupFailed = unknown.lookupFailed;
  }
  return extensions;
}

/**
 * The gateway's one error mapping, for yoga's `maskedErrors.maskError`: an idempotency failure
 * (IDEMPOTENCY_KEY_REUSED, STORE_UNAVAILABLE) or a client failure becomes
 * its message with `extensions.code` (the client's code, the same strings the bot maps) and what
 * to do about it; everything else goes to yoga's own `maskError`, which lets the GraphQL errors
 * we raise on purpose through and masks (and yoga logs) anything unexpected.
 */
export const maskError: MaskError = (error, message, isDev) => {
  const known = codedErrorOf(error);
  if (!known) return yogaMaskError(error, message, isDev);
  // Where in the operation it failed, as graphql-js located it.
  const located = error instanceof GraphQLError ? error : undefined;
  return new GraphQLError(known.message, {
    nodes: located?.nodes ?? null,
    source: located?.source ?? null,
    positions: located?.positions ?? null,
    path: located?.path ?? null,
    originalError: known,
    extensions: isIdempotencyError(known)
      ? { code: known.code, retryable: known.retryable }
      : extensionsOf(known),
  });
};
