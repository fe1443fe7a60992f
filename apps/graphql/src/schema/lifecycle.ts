import type { InstanceListItem } from '@zapikit/schema';
import type { ZapiClient } from '@zapikit/client';
import { builder } from '../builder.js';
import { Instance } from './instance.js';
import { payloadType } from './user-error.js';

type Action = (zapi: ZapiClient, instance: InstanceListItem, withCalls: boolean) => Promise<void>;

/**
 * A mutation on one instance by id: the gateway finds the instance token itself, acts, and
 * answers with the instance as Z-API now lists it.
 */
function lifecycleMutation(
  name: string,
  description: string,
  action: Action,
  withCallsArg: boolean,
) {
  const Payload = payloadType(
    `${name[0]?.toUpperCase() ?? ''}${name.slice(1)}Payload`,
    Instance,
    name,
  );

  builder.mutationField(name, (t) =>
    t.field({
      type: Payload,
      description,
      authScopes: { write: true },
      args: {
        id: t.arg.id({ required: true, description: 'The instance id.' }),
        ...(withCallsArg
          ? {
              withCalls: t.arg.boolean({
                defaultValue: false,
                description: 'Include calls in the subscription.',
              }),
            }
          : {}),
      },
      resolve: async (_root, args, context) => {
        const id = args.id;
        const instance = await context.instances.find(id);
        if (!instance) {
          return {
            instance: null,
            userErrors: [
              {
                field: ['id'],
                message: `id ${JSON.stringify(id)} is not an instance of this partner`,
                code: 'ZAPI_NOT_FOUND' as const,
              },
            ],
          };
        }
        await action(
          context.zapi,
          instance,
          (args as { withCalls?: boolean | null }).withCalls === true,
        );
        context.instances.forget(id);
        return { instance: (await context.instances.find(id)) ?? instance, userErrors: [] };
      },
    }),
  );
}

lifecycleMutation(
  'subscribeInstance',
  'Subscribes (pays for) an instance so it outlives its 2-day trial.',
  (zapi, instance, withCalls) => zapi.subscribeInstance(instance, { withCalls }),
  true,
);
lifecycleMutation(
  'cancelInstance',
  "Cancels an instance's subscription; it stays usable until its due date.",
  (zapi, instance) => zapi.cancelInstance(instance),
  false,
);
lifecycleMutation(
  'enableCalls',
  'Adds calls to an instance’s subscription (they cannot be removed again).',
  (zapi, instance) => zapi.enableCalls(instance),
  false,
);
