import { z } from 'zod';
import { described, describeFields, type FieldDescription } from './field-meta.js';
import { answerSchema, optionalField } from './answer-reading.js';
import { readDate } from './answer-values.js';
import { displayText, distinctName, httpsUrl } from './rules.js';

const callbackUrl = (description: string, descriptionPtBr: string) =>
  described(httpsUrl().optional(), { description, descriptionPtBr, kind: 'url' });

const flag = (description: string, descriptionPtBr: string) =>
  described(z.boolean({ error: 'must be true or false' }).optional(), {
    description,
    descriptionPtBr,
    kind: 'flag',
  });

/**
 * The body of `POST /instances/integrator/on-demand`: the 16 attributes of Z-API's "Creating an
 * instance" page, in its order. Unknown keys are refused so a typo is never silently dropped.
 */
export const CreateInstanceInput = z
  .strictObject({
    name: described(distinctName(100), {
      description: 'Name of the instance to create',
      descriptionPtBr: 'Nome da instância a ser criada',
      kind: 'name',
    }),
    sessionName: described(displayText(100).optional(), {
      description: "Session name shown in WhatsApp's connected devices",
      descriptionPtBr: 'Nome da sessão exibido em "aparelhos conectados" do WhatsApp',
      kind: 'text',
    }),
    deliveryCallbackUrl: callbackUrl(
      'Webhook (https) for messages delivered (sent)',
      'Webhook (https) de mensagens entregues (enviadas)',
    ),
    receivedCallbackUrl: callbackUrl(
      'Webhook (https) for messages received',
      'Webhook (https) de mensagens recebidas',
    ),
    receivedAndDeliveryCallbackUrl: callbackUrl(
      'Webhook (https) for messages received and sent',
      'Webhook (https) de mensagens recebidas e enviadas',
    ),
    presenceChatCallbackUrl: callbackUrl(
      'Webhook (https) for chat presence (typing, online)',
      'Webhook (https) de presença no chat (digitando, online)',
    ),
    disconnectedCallbackUrl: callbackUrl(
      'Webhook (https) for when the instance disconnects',
      'Webhook (https) de desconexão ou perda de comunicação da instância',
    ),
    connectedCallbackUrl: callbackUrl(
      'Webhook (https) for when the instance connects',
      'Webhook (https) de conexão da instância',
    ),
    messageStatusCallbackUrl: callbackUrl(
      'Webhook (https) for message status changes',
      'Webhook (https) de mudanças de status das mensagens',
    ),
    callRejectAuto: flag(
      'Reject incoming calls automatically',
      'Rejeitar chamadas recebidas automaticamente',
    ),
    callRejectMessage: described(displayText(500).optional(), {
      description: 'Message sent after a call is rejected automatically',
      descriptionPtBr: 'Mensagem enviada após rejeitar uma chamada automaticamente',
      kind: 'text',
    }),
    autoReadMessage: flag(
      'Mark received messages as read automatically',
      'Marcar mensagens recebidas como lidas automaticamente',
    ),
    autoReadStatus: flag(
      'Mark status updates as read automatically',
      'Marcar status como lidos automaticamente',
    ),
    isDevice: flag(
      'Mobile instance (true) or web instance (false)',
      'Instância mobile (true) ou web (false)',
    ),
    businessDevice: flag(
      'WhatsApp Business instead of regular WhatsApp',
      'WhatsApp Business em vez do WhatsApp comum',
    ),
    disableEnqueueWhenDisconnected: flag(
      'Do not queue messages while the instance is disconnected',
      'Não enfileirar mensagens enquanto a instância estiver desconectada',
    ),
  })
  .meta({ id: 'CreateInstanceInput', title: 'Create instance input' });

/** A create request as a caller writes it (before trimming). */
export type CreateInstanceInputRaw = z.input<typeof CreateInstanceInput>;
/** A create request as it is sent to Z-API. */
export type CreateInstanceInput = z.output<typeof CreateInstanceInput>;

/** The create attributes, with their words and limits, in Z-API's order. */
export const createInstanceFields: readonly FieldDescription[] = Object.freeze(
  describeFields(CreateInstanceInput),
);

/**
 * Z-API's answer to a create: the new instance's id and token (required) and its trial expiry,
 * read in any plausible date form and null when it cannot be read. Unknown fields are kept.
 */
export const CreateInstanceResponse = answerSchema((mode) =>
  z.looseObject({
    id: z.string().min(1),
    token: z.string().min(1),
    due: optionalField(mode, readDate, 'a date'),
  }),
);
export type CreateInstanceResponse = z.output<typeof CreateInstanceResponse>;
