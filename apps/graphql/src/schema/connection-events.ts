import { GraphQLError } from 'graphql';
import type { InstanceListItem } from '@zapikit/schema';
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import type { InstanceEvent as InstanceEventShape } from '../events/instance-event.js';
import type { ConnectionEvent as ConnectionEventShape } from '../events/live-events.js';

/** The most instances one `instanceEvents` subscription may list. */
export const MAX_WATCHED_INSTANCES = 100;

const ConnectionState = builder.enumType('ConnectionState', {
  description: "Where an instance's connection to a phone stands.",
  values: {
    WAITING_FOR_SCAN: { description: 'No phone connected: show qrCode and wait for the scan.' },
    CONNECTED: { description: 'A phone is connected; the instance can send.' },
    DISCONNECTED: { description: 'The phone went away (logged out, or the session ended).' },
    TIMED_OUT: {
      description: 'Nobody scanned in time; the stream ends. Subscribe again to retry.',
    },
  },
});

const ConnectionEvent = builder.objectRef<ConnectionEventShape>('ConnectionEvent').implement({
  description: 'One step of connecting a phone to an instance.',
  fields: (t) => ({
    state: t.field({
      type: ConnectionState,
      description: 'Where the connection stands; CONNECTED and TIMED_OUT are the last event.',
      resolve: (event) => event.state,
    }),
    qrCode: t.string({
      nullable: true,
      description:
        'The QR code to scan, as a PNG data URL for an <img src>, while WAITING_FOR_SCAN; null otherwise.',
      resolve: (event) => event.qrCode,
    }),
    phone: t.string({
      nullable: true,
      description:
        "The connected phone's number, when Z-API said (its ConnectedCallback does; a status poll does not).",
      resolve: (event) => event.phone,
    }),
    at: t.field({
      type: 'DateTime',
      description: 'When it happened (for a callback, the moment Z-API gives).',
      resolve: (event) => event.at,
    }),
  }),
});

const InstanceEvent = builder.objectRef<InstanceEventShape>('InstanceEvent').implement({
  description: "A change of an instance's connection.",
  fields: (t) => ({
    instanceId: t.id({
      description: 'The instance whose connection changed.',
      resolve: (event) => event.instanceId,
    }),
    state: t.field({
      type: ConnectionState,
      description: 'CONNECTED or DISCONNECTED.',
      resolve: (event) => event.state,
    }),
    phone: t.string({
      nullable: true,
      description: "The connected phone's number, when Z-API said.",
      resolve: (event) => event.phone,
    }),
    at: t.field({
      type: 'DateTime',
      description: 'When it happened.',
      resolve: (event) => new Date(event.at),
    }),
  }),
});

/** The instance with this id, or a ZAPI_NOT_FOUND error naming it. */
async function instanceOrFail(context: GatewayContext, id: string): Promise<InstanceListItem> {
  const item = await context.instances.find(id);
  if (!item) {
    throw new GraphQLError(`id ${JSON.stringify(id)} is not an instance of this partner`, {
      extensions: { code: 'ZAPI_NOT_FOUND' },
    });
  }
  return item;
}

builder.subscriptionFields((t) => ({
  instanceConnection: t.field({
    type: ConnectionEvent,
    description:
      'Connecting a phone, live: the first event comes at once (CONNECTED, or WAITING_FOR_SCAN with a QR code), then a fresh qrCode at every rotation (20 s on Z-API), and the stream ends after CONNECTED, or with TIMED_OUT after the gateway’s timeout (5 minutes by default).',
    authScopes: { read: true },
    args: { id: t.arg.id({ required: true, description: 'The instance id.' }) },
    subscribe: async (_root, args, context) =>
      context.live.connection(context.zapi, await instanceOrFail(context, args.id)),
    resolve: (event) => event,
  }),
  instanceEvents: t.field({
    type: InstanceEvent,
    description: `Connection changes as they happen, for dashboards: of the listed instances (at most ${String(MAX_WATCHED_INSTANCES)}), or of every instance whose connection webhooks come to this gateway when ids is omitted.`,
    authScopes: { read: true },
    args: {
      ids: t.arg.idList({ description: 'Only these instances; omitted: all.' }),
    },
    subscribe: async (_root, args, context) => {
      const ids = args.ids ? [...new Set(args.ids.map(String))] : undefined;
      if (ids && ids.length > MAX_WATCHED_INSTANCES) {
        throw new GraphQLError(`ids: at most ${String(MAX_WATCHED_INSTANCES)} instances`, {
          extensions: { code: 'ZAPI_INVALID_INPUT' },
        });
      }
      const items = ids
        ? await Promise.all(ids.map((id) => instanceOrFail(context, id)))
        : undefined;
      return context.live.instanceEvents(items);
    },
    resolve: (event) => event,
  }),
}));
