import type { Problem, ZapiErrorCode } from '@zapikit/schema';
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
