import { bulkhead, type BulkheadPolicy } from 'cockatiel';
import {
  createInstanceFields,
  updateWebhooksFields,
  type InstanceData,
  type InstanceListItem,
} from '@zapikit/schema';
import type { ZapiClient } from '@zapikit/client';
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { Instance } from './instance.js';

/**
 * `/me` calls one request may have in flight at once: a page of 100 instances that selects a
 * `/me` field queues its calls here rather than taking every connection to Z-API from the other
 * requests (whose calls would then wait out their deadlines in the client's queue).
 */
export const INSTANCE_DATA_CALLS_PER_REQUEST = 4;

/** What it costs, said on every field that reads `/me`. */
const COSTS_A_CALL =
  "Read from the instance itself (Z-API's /me) only when selected: one call per instance per request, shared by every such field.";

/**
 * One request's `/me` answers, by instance id: the first field that needs an instance's data
 * asks Z-API, the others of the same request share that answer (or its failure).
 */
export class InstanceDataMemo {
  readonly #answers = new Map<string, Promise<InstanceData>>();
  readonly #lane: BulkheadPolicy = bulkhead(
    INSTANCE_DATA_CALLS_PER_REQUEST,
    Number.POSITIVE_INFINITY,
  );

  constructor(private readonly zapi: Pick<ZapiClient, 'getInstanceData'>) {}

  /** The instance's `/me` data, asked once per request. */
  load(item: InstanceListItem): Promise<InstanceData> {
    let answer = this.#answers.get(item.id);
    if (!answer) {
      answer = this.#lane.execute(() => this.zapi.getInstanceData(item));
      this.#answers.set(item.id, answer);
    }
    return answer;
  }

  /** Drops what this request read of an instance, after a mutation changed it. */
  forget(id: string): void {
    this.#answers.delete(id);
  }
}

// Keyed by the request's context, so the memo lives and dies with the request.
const memos = new WeakMap<GatewayContext, InstanceDataMemo>();

/** The request's `/me` memo, made on first use (most requests select no `/me` field). */
export function instanceDataOf(context: GatewayContext): InstanceDataMemo {
  let memo = memos.get(context);
  if (!memo) {
    memo = new InstanceDataMemo(context.zapi);
    memos.set(context, memo);
  }
  return memo;
}

/**
 * The instance's `/me` data, or null when it cannot be asked for: an instance answered by a
 * replayed create whose token the list no longer shows.
 */
async function dataOf(
  item: InstanceListItem,
  context: GatewayContext,
): Promise<InstanceData | null> {
  return item.token ? instanceDataOf(context).load(item) : null;
}

/** `/me` calls `notifySentByMe` what create and the webhook update call it. */
const ME_NAME: Partial<Record<string, string>> = {
  notifySentByMe: 'receiveCallbackSentByMe',
};

/** The create attributes `/me` reports besides the webhooks, with create's words. */
const SETTINGS = createInstanceFields.filter((field) =>
  ['callRejectAuto', 'callRejectMessage', 'autoReadMessage'].includes(field.name),
);

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
const flag = (value: unknown) => (typeof value === 'boolean' ? value : null);

/**
 * The webhook settings as `/me` shows them, field for field what `updateInstanceWebhooks` takes:
 * generated from the same field list, so a settings form reads and writes the same names.
 */
const InstanceWebhooks = builder.objectRef<InstanceData>('InstanceWebhooks').implement({
  description:
    "The instance's webhooks as the instance itself reports them (Z-API's /me), by the names updateInstanceWebhooks takes; null where none is set or Z-API did not say.",
  fields: (t) =>
    Object.fromEntries(
      updateWebhooksFields.map((field) => {
        const key = ME_NAME[field.name] ?? field.name;
        const read = (data: InstanceData) => data[key];
        return [
          field.name,
          field.kind === 'flag'
            ? t.boolean({
                nullable: true,
                description: field.description,
                resolve: (data) => flag(read(data)),
              })
            : t.string({
                nullable: true,
                description: field.description,
                // The receiver's URL holds ZAPI_WEBHOOK_SECRET: never shown.
                resolve: (data, _args, context) => {
                  const value = text(read(data));
                  return value === null ? null : context.live.hideSecret(value);
                },
              }),
        ];
      }),
    ),
});

builder.objectFields(Instance, (t) => ({
  connected: t.boolean({
    nullable: true,
    description: `Whether WhatsApp is connected right now, as the instance says; fresher than whatsappConnected, which comes from the partner list. Null when Z-API did not say. ${COSTS_A_CALL}`,
    resolve: async (item, _args, context) => (await dataOf(item, context))?.connected ?? null,
  }),
  webhooks: t.field({
    type: InstanceWebhooks,
    nullable: true,
    description: `The webhook URLs and notifySentByMe as the instance reports them now, by the names updateInstanceWebhooks takes (callbackUrls shows the partner list's copy, without a call). ${COSTS_A_CALL}`,
    resolve: (item, _args, context) => dataOf(item, context),
  }),
  ...Object.fromEntries(
    SETTINGS.map((field) => {
      const description = `${field.description}; null when Z-API did not say. ${COSTS_A_CALL}`;
      const read = async (item: InstanceListItem, context: GatewayContext) =>
        (await dataOf(item, context))?.[field.name];
      return [
        field.name,
        field.kind === 'flag'
          ? t.boolean({
              nullable: true,
              description,
              resolve: async (item, _args, context) => flag(await read(item, context)),
            })
          : t.string({
              nullable: true,
              description,
              resolve: async (item, _args, context) => text(await read(item, context)),
            }),
      ];
    }),
  ),
}));
