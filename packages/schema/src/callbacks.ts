import { z } from 'zod';
import {
  answerSchema,
  optionalField,
  readAnswer,
  type AnswerReading,
  type FieldMode,
} from './answer-reading.js';
import { readDate, readFlag, readText, readTextList } from './answer-values.js';
import { validate } from './problems.js';

/**
 * Z-API's callback types, by the `kind` this package gives each. Z-API sends the type in `type`
 * (`"ConnectedCallback"`); `kind` is what code switches on, since an unknown type is kept too.
 */
export const CALLBACK_TYPES = Object.freeze({
  connected: 'ConnectedCallback',
  disconnected: 'DisconnectedCallback',
  'message-status': 'MessageStatusCallback',
  'presence-chat': 'PresenceChatCallback',
  delivery: 'DeliveryCallback',
  received: 'ReceivedCallback',
} as const);

/** What a callback is about; `unknown` for a type this package does not know (kept, not refused). */
export type CallbackKind = keyof typeof CALLBACK_TYPES | 'unknown';

// Every callback: its type as sent, the instance it is about, and when (`momment`, spelled so,
// in seconds or milliseconds: readDate tells them apart by magnitude).
function common(mode: FieldMode) {
  return {
    type: optionalField(mode, readText, 'a text'),
    instanceId: optionalField(mode, readText, 'a text'),
    momment: optionalField(mode, readDate, 'a date'),
  };
}

function callbackSchema<const K extends CallbackKind, S extends Record<string, z.ZodType>>(
  kind: K,
  shape: (mode: FieldMode) => S,
) {
  return answerSchema((mode) =>
    z
      .looseObject({ ...common(mode), ...shape(mode) })
      // `kind` is added last: it is this package's word, so it wins over a field of that name.
      .transform((body) => ({ ...body, kind })),
  );
}

const text = (mode: FieldMode) => optionalField(mode, readText, 'a text');
const flag = (mode: FieldMode) => optionalField(mode, readFlag, 'true or false');

/** `ConnectedCallback`: a phone connected (scanned the QR code or typed the pairing code). */
export const ConnectedCallback = callbackSchema('connected', (mode) => ({
  connected: flag(mode),
  phone: text(mode),
}));
export type ConnectedCallback = z.output<typeof ConnectedCallback>;

/** `DisconnectedCallback`: the instance lost its phone (`error` says why, when Z-API says). */
export const DisconnectedCallback = callbackSchema('disconnected', (mode) => ({
  disconnected: flag(mode),
  error: text(mode),
}));
export type DisconnectedCallback = z.output<typeof DisconnectedCallback>;

/** `MessageStatusCallback`: messages changed status (SENT, RECEIVED, READ, READ_BY_ME, PLAYED). */
export const MessageStatusCallback = callbackSchema('message-status', (mode) => ({
  status: text(mode),
  ids: optionalField(mode, readTextList, 'a list of texts'),
  phone: text(mode),
  phoneDevice: text(mode),
  isGroup: flag(mode),
}));
export type MessageStatusCallback = z.output<typeof MessageStatusCallback>;

/** `PresenceChatCallback`: a contact's presence (AVAILABLE, COMPOSING, RECORDING, …). */
export const PresenceChatCallback = callbackSchema('presence-chat', (mode) => ({
  phone: text(mode),
  status: text(mode),
  lastSeen: optionalField(mode, readDate, 'a date'),
}));
export type PresenceChatCallback = z.output<typeof PresenceChatCallback>;

/** `DeliveryCallback`: a message the instance sent left it. */
export const DeliveryCallback = callbackSchema('delivery', (mode) => ({
  phone: text(mode),
  zaapId: text(mode),
  messageId: text(mode),
}));
export type DeliveryCallback = z.output<typeof DeliveryCallback>;

/** `ReceivedCallback`: a message; its large body is kept as it came, only its frame is read. */
export const ReceivedCallback = callbackSchema('received', (mode) => ({
  phone: text(mode),
  messageId: text(mode),
  fromMe: flag(mode),
  isGroup: flag(mode),
  status: text(mode),
}));
export type ReceivedCallback = z.output<typeof ReceivedCallback>;

/** A callback of a type this package does not know, kept as it came with `type` as sent. */
export const UnknownCallback = callbackSchema('unknown', () => ({}));
export type UnknownCallback = z.output<typeof UnknownCallback>;

/** Any callback Z-API sends; switch on `kind`. Unknown fields are kept on every one. */
export type ZapiCallback =
  | ConnectedCallback
  | DisconnectedCallback
  | MessageStatusCallback
  | PresenceChatCallback
  | DeliveryCallback
  | ReceivedCallback
  | UnknownCallback;

const SCHEMAS = {
  connected: ConnectedCallback,
  disconnected: DisconnectedCallback,
  'message-status': MessageStatusCallback,
  'presence-chat': PresenceChatCallback,
  delivery: DeliveryCallback,
  received: ReceivedCallback,
  unknown: UnknownCallback,
} as const;

const KIND_BY_TYPE = new Map<string, CallbackKind>(
  Object.entries(CALLBACK_TYPES).map(([kind, type]) => [type.toLowerCase(), kind as CallbackKind]),
);

const CallbackBody = z.looseObject({});

/** The kind of a callback type as Z-API writes it, in any case; `unknown` for any other. */
export function callbackKind(type: unknown): CallbackKind {
  const name = readText(type);
  if (typeof name !== 'string') return 'unknown';
  return KIND_BY_TYPE.get(name.trim().toLowerCase()) ?? 'unknown';
}

/**
 * Reads a callback body Z-API POSTed. Fails only when the body is not a JSON object; an unknown
 * `type` becomes kind `unknown`, every field that cannot be read is null (listed in `dropped`),
 * and every field this package does not know is kept.
 */
export function readCallback(input: unknown): AnswerReading<ZapiCallback> {
  const body = validate(CallbackBody, input);
  if (!body.success) return body;
  return readAnswer(SCHEMAS[callbackKind(body.data.type)], input);
}
