import {
  ERROR_CODE_MEANINGS,
  ZAPI_ERROR_CODES,
  type Problem,
  type ZapiErrorCode,
} from '@zapikit/schema';
import type { ObjectRef } from '@pothos/core';
import { builder } from '../builder.js';

/** The `idempotencyKey` argument of every paid mutation. */
export const IDEMPOTENCY_KEY_DESCRIPTION =
  'Any unique string (a UUID): the same key from the same API key within 24 hours returns the first result, and nothing is sent again. The same key with another input is refused (IDEMPOTENCY_KEY_REUSED).';

/** A mistake the caller can fix: which input field, what is wrong, and its stable code. */
export interface UserErrorShape {
  field: string[];
  message: string;
  code: ZapiErrorCode;
}

// What each code means comes from the schema package, the one list of codes and their words.
export const ZapiErrorCodeType = builder.enumType('ZapiErrorCode', {
  description:
    'The stable error codes of the toolkit, the same strings as extensions.code of GraphQL errors.',
  values: Object.fromEntries(
    ZAPI_ERROR_CODES.map((code) => [code, { value: code, description: ERROR_CODE_MEANINGS[code] }]),
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

/** The user error of a mutation given an id the partner has no instance with. */
export function notAnInstance(id: string): UserErrorShape {
  return {
    field: ['id'],
    message: `id ${JSON.stringify(id)} is not an instance of this partner`,
    code: 'ZAPI_NOT_FOUND',
  };
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
