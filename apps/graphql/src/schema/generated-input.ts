import type { FieldDescription } from '@zapikit/schema';
import { builder } from '../builder.js';

/**
 * A GraphQL input type generated from one of the schema package's field lists: names,
 * requiredness and English descriptions come from there, so no field is typed twice. Flags are
 * Booleans, everything else a String; the rules run in the resolver through the same zod schema.
 */
export function inputTypeFromFields(
  name: string,
  description: string,
  fields: readonly FieldDescription[],
) {
  return builder.inputType(name, {
    description,
    fields: (t) =>
      Object.fromEntries(
        fields.map((field) => [
          field.name,
          field.kind === 'flag'
            ? t.boolean({ required: field.required, description: field.description })
            : t.string({ required: field.required, description: field.description }),
        ]),
      ),
  });
}
