import { z } from 'zod';
import { answerSchema, optionalField, requiredField } from './answer-reading.js';
import { readFlag, readText } from './answer-values.js';
import { described } from './field-meta.js';

/**
 * A phone number as Z-API's pairing code takes it: international digits without `+`, spaces or
 * dashes (5511999999999). A leading `+` and the usual separators are removed before checking.
 */
export const PhoneNumber = described(
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a text') })
    .trim()
    .transform((text) => text.replace(/^\+/, '').replace(/[\s().-]/g, ''))
    .pipe(
      z.string().regex(/^[1-9]\d{7,14}$/, {
        error: 'must be a phone number in international form, digits only (5511999999999)',
      }),
    ),
  {
    description: 'Phone number with country code, digits only (5511999999999)',
    descriptionPtBr: 'Número de telefone com DDI, só dígitos (5511999999999)',
    kind: 'text',
  },
);

/** The input of the pairing code call. */
export const PairingCodeInput = z
  .strictObject({ phone: PhoneNumber })
  .meta({ id: 'PairingCodeInput', title: 'Pairing code input' });
export type PairingCodeInputRaw = z.input<typeof PairingCodeInput>;
export type PairingCodeInput = z.output<typeof PairingCodeInput>;

/**
 * `GET /phone-code/{phone}`: the code the user types in WhatsApp ("Connect with phone number")
 * instead of scanning. Z-API's page names no field: `code` and `value` are both read, and the
 * answer always comes back as `code`. The code is the call's whole point, so it is required.
 */
export const PairingCode = answerSchema(() =>
  z
    .looseObject({ code: z.unknown().optional(), value: z.unknown().optional() })
    .transform((body) => ({ ...body, code: body.code ?? body.value }))
    .pipe(z.looseObject({ code: requiredField(readText, 'a text') })),
);
export type PairingCode = z.output<typeof PairingCode>;

/**
 * `GET /restart` and `GET /disconnect` answer `{value: true}`. A readable `false` means Z-API did
 * not do it; anything else unreadable is read as null and never fails the call.
 */
export const ValueResponse = answerSchema((mode) =>
  z.looseObject({ value: optionalField(mode, readFlag, 'true or false') }),
);
export type ValueResponse = z.output<typeof ValueResponse>;
