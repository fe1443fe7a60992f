import type { Problem, ZapiErrorCode } from '@zapikit/schema';
import type { ObjectRef } from '@pothos/core';
import { builder } from '../builder.js';

/** A mistake the caller can fix: which input field, what is wrong, and its stable code. */
export interface UserErrorShape {
  field: string[];
  message: string;
  code: ZapiErrorCode;
}

export const UserError = builder.objectRef<UserErrorShape>('UserError').implement({
  description: 'A mistake in the input that the caller can fix; nothing was sent to Z-API.',
  fields: (t) => ({
    field: t.exposeStringList('field', {
      description: 'Path of the input field, e.g. ["input", "name"].',
    }),
    message: t.exposeString('message', {
      description: 'What is wrong, in a sentence naming the field.',
    }),
    code: t.exposeString('code', { description: 'Stable error code, e.g. ZAPI_INVALID_INPUT.' }),
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
export function payloadType<Item>(name: string, item: ObjectRef<Types, Item>) {
  return builder.objectRef<PayloadShape<Item>>(name).implement({
    fields: (t) => ({
      // Pothos cannot resolve its conditional result type for a generic Item; PayloadShape<Item>
      // already types what resolvers return.
      instance: t.field({
        type: item,
        nullable: true,
        resolve: (payload) => payload.instance as never,
      }),
      userErrors: t.field({ type: [UserError], resolve: (payload) => payload.userErrors }),
    }),
  });
}
