import { z } from 'zod';
import { described, describeFields, type FieldDescription } from './field-meta.js';
import { httpsUrl } from './rules.js';

/**
 * Z-API's `update-webhook-*` calls, by the create attribute each one changes: one PUT per webhook
 * on the instance route, with `{value: url}`.
 */
export const WEBHOOK_ROUTES = Object.freeze({
  receivedCallbackUrl: 'update-webhook-received',
  receivedAndDeliveryCallbackUrl: 'update-webhook-received-delivery',
  deliveryCallbackUrl: 'update-webhook-delivery',
  messageStatusCallbackUrl: 'update-webhook-message-status',
  connectedCallbackUrl: 'update-webhook-connected',
  disconnectedCallbackUrl: 'update-webhook-disconnected',
  presenceChatCallbackUrl: 'update-webhook-chat-presence',
} as const);

/** The webhooks that can be changed one by one, by the name create and the list give them. */
export type WebhookField = keyof typeof WEBHOOK_ROUTES;
export const WEBHOOK_FIELDS = Object.freeze(Object.keys(WEBHOOK_ROUTES) as WebhookField[]);

/** Z-API's path for changing the one flag `update-every-webhooks` also sets. */
export const NOTIFY_SENT_BY_ME_ROUTE = 'update-notify-sent-by-me';
/** Z-API's path for setting every webhook to one URL. */
export const EVERY_WEBHOOK_ROUTE = 'update-every-webhooks';

const urlValue = (description: string, descriptionPtBr: string) =>
  described(httpsUrl(), { description, descriptionPtBr, kind: 'url' });

/** The body of each `update-webhook-*` call. */
export const UpdateWebhookInput = z
  .strictObject({ value: urlValue('Webhook URL (https)', 'URL do webhook (https)') })
  .meta({ id: 'UpdateWebhookInput', title: 'Update webhook input' });
export type UpdateWebhookInput = z.output<typeof UpdateWebhookInput>;

const notifySentByMe = () =>
  described(z.boolean({ error: 'must be true or false' }).optional(), {
    description: 'Also call the received webhook for messages sent by the instance',
    descriptionPtBr: 'Chamar também o webhook de recebidas para mensagens enviadas pela instância',
    kind: 'flag',
  });

/** The body of `update-every-webhooks`: one URL for every webhook, and optionally the flag. */
export const UpdateEveryWebhookInput = z
  .strictObject({
    value: urlValue(
      'Webhook URL (https) for every event',
      'URL do webhook (https) para todos os eventos',
    ),
    notifySentByMe: notifySentByMe(),
  })
  .meta({ id: 'UpdateEveryWebhookInput', title: 'Update every webhook input' });
export type UpdateEveryWebhookInput = z.output<typeof UpdateEveryWebhookInput>;

const webhookUrl = (description: string, descriptionPtBr: string) =>
  described(httpsUrl().optional(), { description, descriptionPtBr, kind: 'url' });

/**
 * The webhooks of an existing instance to change, by the names create uses: each field given is
 * one `update-webhook-*` call (and `notifySentByMe` one `update-notify-sent-by-me`). At least one
 * field; unknown keys are refused so a typo is never silently dropped.
 */
export const UpdateWebhooksInput = z
  .strictObject({
    receivedCallbackUrl: webhookUrl(
      'Webhook (https) for messages received',
      'Webhook (https) de mensagens recebidas',
    ),
    receivedAndDeliveryCallbackUrl: webhookUrl(
      'Webhook (https) for messages received and sent',
      'Webhook (https) de mensagens recebidas e enviadas',
    ),
    deliveryCallbackUrl: webhookUrl(
      'Webhook (https) for messages delivered (sent)',
      'Webhook (https) de mensagens entregues (enviadas)',
    ),
    messageStatusCallbackUrl: webhookUrl(
      'Webhook (https) for message status changes',
      'Webhook (https) de mudanças de status das mensagens',
    ),
    connectedCallbackUrl: webhookUrl(
      'Webhook (https) for when the instance connects',
      'Webhook (https) de conexão da instância',
    ),
    disconnectedCallbackUrl: webhookUrl(
      'Webhook (https) for when the instance disconnects',
      'Webhook (https) de desconexão ou perda de comunicação da instância',
    ),
    presenceChatCallbackUrl: webhookUrl(
      'Webhook (https) for chat presence (typing, online)',
      'Webhook (https) de presença no chat (digitando, online)',
    ),
    notifySentByMe: notifySentByMe(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    error: 'must change at least one webhook',
  })
  .meta({ id: 'UpdateWebhooksInput', title: 'Update webhooks input' });
export type UpdateWebhooksInputRaw = z.input<typeof UpdateWebhooksInput>;
export type UpdateWebhooksInput = z.output<typeof UpdateWebhooksInput>;

/** The webhook update fields, with their words, in the order they are sent. */
export const updateWebhooksFields: readonly FieldDescription[] = Object.freeze(
  describeFields(UpdateWebhooksInput),
);
