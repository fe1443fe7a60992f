import { ZAPI_ERROR_CODES, type Problem, type ZapiErrorCode } from '@zapikit/schema';
import type { ObjectRef } from '@pothos/core';
import { builder } from '../builder.js';

/** A mistake the caller can fix: which input field, what is wrong, and its stable code. */
export interface UserErrorShape {
  field: string[];
  message: string;
  code: ZapiErrorCode;
}

// What each code means, for the schema's readers; the bot's sentences are in its messages.ts.
const CODE_WORDS: Record<ZapiErrorCode, string> = {
  ZAPI_INVALID_INPUT: 'The input breaks a rule; the message names the field.',
  ZAPI_UNAUTHORIZED: 'Z-API refused the partner credentials (401).',
  ZAPI_FORBIDDEN: 'Z-API refused the call for these credentials (403).',
  ZAPI_NOT_FOUND: 'No such instance (or route) for this partner.',
  ZAPI_METHOD_NOT_ALLOWED: 'Z-API does not take this call on this route (405).',
  ZAPI_UNSUPPORTED_MEDIA_TYPE: 'Z-API refused the body format (415).',
  ZAPI_REJECTED: 'Z-API refused the request as invalid (4xx).',
  ZAPI_RATE_LIMITED: 'Too many calls: wait and try again.',
  ZAPI_UPSTREAM_ERROR: 'Z-API failed (5xx).',
  ZAPI_TIMEOUT: 'Z-API did not answer in time.',
  ZAPI_NETWORK: 'Z-API could not be reached.',
  ZAPI_BAD_RESPONSE: 'Z-API answered something unreadable.',
  ZAPI_OUTCOME_UNKNOWN: 'A create may or may not have happened: check before trying again.',
  ZAPI_CIRCUIT_OPEN:
    'Z-API kept failing, so writes are paused and nothing was sent: retry after retryAfterMs.',
};

export const ZapiErrorCodeType = builder.enumType('ZapiErrorCode', {
  description:
    'The stable error codes of the toolkit, the same strings as extensions.code of GraphQL errors.',
  values: Object.fromEntries(
    ZAPI_ERROR_CODES.map((code) => [code, { value: code, description: CODE_WORDS[code] }]),
  ) as Record<ZapiErrorCode, { value: ZapiErrorCode; description: string }>,
});

export const UserError = builder.objectRef<UserErrorShape>('UserError').implement({
  description: 'A mistake in the input that the caller can fix; nothing was sent to Z-API.',
  fields: (t) => ({
    field: t.exposeStringList('field', {
      description: 'Path of the input field, e.g. ["input", "name"].',
    }),
    message: t.exposeString('message', {
      description: 'What is wrong, in a sentence naming the field.',
    }),
    code: t.field({
      type: ZapiErrorCodeType,
      description: 'Stable error code, e.g. ZAPI_INVALID_INPUT.',
      resolve: (error) => error.code,
    }),
  }),
});

/** The schema's problems as user errors, their paths under the GraphQL argument they came in. */
export function userErrorsFrom(
  problems: readonly Problem[],
  ...argument: string[]
): UserErrorShape[] {
  return problems.map((problem) => ({
    field: [...argument, ...problem.path.map(String)],
    message: problem.message,
    code: 'ZAPI_INVALID_INPUT',
  }));
}

/** What every mutation answers: the instance it acted on (null when it did not) and the user errors. */
export interface PayloadShape<Item> {
  instance: Item | null;
  userErrors: UserErrorShape[];
}

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** Declares a mutation payload type `{ instance, userErrors }` around an instance type. */
export function payloadType<Item>(name: string, item: ObjectRef<Types, Item>, action: string) {
  return builder.objectRef<PayloadShape<Item>>(name).implement({
    description: `What ${action} answers: the instance, or the userErrors that stopped it.`,
    fields: (t) => ({
      // Pothos cannot resolve its conditional result type for a generic Item; PayloadShape<Item>
      // already types what resolvers return.
      instance: t.field({
        type: item,
        nullable: true,
        description: `The instance after ${action}; null when userErrors say why not.`,
        resolve: (payload) => payload.instance as never,
      }),
      userErrors: t.field({
        type: [UserError],
        description: 'Mistakes the caller can fix; empty when it worked.',
        resolve: (payload) => payload.userErrors,
      }),
    }),
  });
}
