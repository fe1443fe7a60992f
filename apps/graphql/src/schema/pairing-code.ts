import { PairingCodeInput, describeFields, validate, type InstanceListItem } from '@zapikit/schema';
import { builder } from '../builder.js';
import { Instance } from './instance.js';
import { notAnInstance, UserError, userErrorsFrom, type UserErrorShape } from './user-error.js';

interface PairingCodePayloadShape {
  instance: InstanceListItem | null;
  code: string | null;
  userErrors: UserErrorShape[];
}

const RequestPairingCodePayload = builder
  .objectRef<PairingCodePayloadShape>('RequestPairingCodePayload')
  .implement({
    description:
      'What requestPairingCode answers: the code and the instance, or the userErrors that stopped it.',
    fields: (t) => ({
      instance: t.field({
        type: Instance,
        nullable: true,
        description: 'The instance the code connects; null when userErrors say why not.',
        resolve: (payload) => payload.instance,
      }),
      code: t.string({
        nullable: true,
        description:
          'The code to type in WhatsApp on that phone (Linked devices, "Link with phone number instead"); null when userErrors say why not.',
        resolve: (payload) => payload.code,
      }),
      userErrors: t.field({
        type: [UserError],
        description: 'Mistakes the caller can fix; empty when it worked.',
        resolve: (payload) => payload.userErrors,
      }),
    }),
  });

// The argument's words are the schema's, as generated inputs have them.
const phoneField = describeFields(PairingCodeInput).find((field) => field.name === 'phone');

builder.mutationField('requestPairingCode', (t) =>
  t.field({
    type: RequestPairingCodePayload,
    description:
      'A code that links the phone with this number to the instance, typed in WhatsApp instead of scanning the QR code. Write scope, like every mutation: the code links a phone to the partner’s instance.',
    authScopes: { write: true },
    args: {
      id: t.arg.id({ required: true, description: 'The instance id.' }),
      phone: t.arg.string({
        required: true,
        description: phoneField?.description ?? 'Phone number with country code',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = validate(PairingCodeInput, { phone: args.phone });
      if (!input.success)
        return { instance: null, code: null, userErrors: userErrorsFrom(input.problems) };
      const instance = await context.instances.find(args.id);
      if (!instance) return { instance: null, code: null, userErrors: [notAnInstance(args.id)] };
      const code = await context.zapi.getPairingCode(instance, input.data.phone);
      return { instance, code, userErrors: [] };
    },
  }),
);
