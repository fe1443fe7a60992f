import { z } from 'zod';

/** The body Z-API sends with an error, such as `{"error":"null not allowed"}`. */
export const ZapiErrorBody = z.looseObject({
  error: z.string().optional(),
  message: z.string().optional(),
});
export type ZapiErrorBody = z.output<typeof ZapiErrorBody>;
