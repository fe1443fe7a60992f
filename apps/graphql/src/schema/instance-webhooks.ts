import { UpdateWebhooksInput, updateWebhooksFields, validate } from '@zapikit/schema';
import { builder } from '../builder.js';
import { inputTypeFromFields } from './generated-input.js';
import { Instance, withoutNulls } from './instance.js';
import { instanceDataOf } from './instance-data.js';
import { relisted } from './lifecycle.js';
import { notAnInstance, payloadType, userErrorsFrom } from './user-error.js';

/** The webhook changes, generated from the schema package's field list as CreateInstanceInput is. */
export const UpdateInstanceWebhooksInputType = inputTypeFromFields(
  'UpdateInstanceWebhooksInput',
  'The webhooks of an instance to change: each URL given (https) replaces that webhook, the others stay as they are; at least one field.',
  updateWebhooksFields,
);

const UpdateInstanceWebhooksPayload = payloadType(
  'UpdateInstanceWebhooksPayload',
  Instance,
  'updateInstanceWebhooks',
);

builder.mutationField('updateInstanceWebhooks', (t) =>
  t.field({
    type: UpdateInstanceWebhooksPayload,
    description:
      'Changes webhooks of an instance, one Z-API call per field given, in a fixed order, all validated before any is sent. Should Z-API fail one, those before it were changed and the rest were not: sending the same input again is safe.',
    authScopes: { write: true },
    args: {
      id: t.arg.id({ required: true, description: 'The instance id.' }),
      input: t.arg({
        type: UpdateInstanceWebhooksInputType,
        required: true,
        description: 'The webhooks to change.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = validate(UpdateWebhooksInput, withoutNulls(args.input));
      if (!input.success) {
        return { instance: null, userErrors: userErrorsFrom(input.problems, 'input') };
      }
      const instance = await context.instances.find(args.id);
      if (!instance) return { instance: null, userErrors: [notAnInstance(args.id)] };
      try {
        await context.zapi.updateWebhooks(instance, input.data);
      } finally {
        // Even a failure part-way may have changed some: nothing read before stays in use.
        instanceDataOf(context).forget(instance.id);
        context.instances.forget(instance.id);
      }
      return { instance: await relisted(context, instance), userErrors: [] };
    },
  }),
);
