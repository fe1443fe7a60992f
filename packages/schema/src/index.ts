export {
  readAnswer,
  type AnswerReading,
  type DroppedField,
  type ValueKind,
} from './answer-reading.js';
export {
  EPOCH_MILLIS_FROM,
  UNREADABLE,
  readChoice,
  readCount,
  readDate,
  readFlag,
  readText,
  readTextList,
  type ValueReader,
} from './answer-values.js';
export {
  CALLBACK_TYPES,
  ConnectedCallback,
  DeliveryCallback,
  DisconnectedCallback,
  MessageStatusCallback,
  PresenceChatCallback,
  ReceivedCallback,
  UnknownCallback,
  callbackKind,
  readCallback,
  type CallbackKind,
  type ZapiCallback,
} from './callbacks.js';
export {
  PairingCode,
  PairingCodeInput,
  PhoneNumber,
  ValueResponse,
  type PairingCodeInputRaw,
} from './connection.js';
export {
  CreateInstanceInput,
  CreateInstanceResponse,
  createInstanceFields,
  type CreateInstanceInputRaw,
} from './create-instance.js';
export {
  ERROR_CODE_MEANINGS,
  ZAPI_ERROR_CODES,
  isZapiErrorCode,
  type ZapiErrorCode,
} from './error-codes.js';
export {
  FIELD_KINDS,
  MAX_DESCRIPTION_LENGTH,
  describeFields,
  type FieldDescription,
  type FieldKind,
  type FieldMeta,
} from './field-meta.js';
export { CreateRequestOptions, MAX_IDEMPOTENCY_KEY_LENGTH } from './idempotency.js';
export { INSTANCE_DATA_CALLBACK_URL_FIELDS, InstanceData } from './instance-data.js';
export { JSON_SCHEMA_SOURCES, requestJsonSchemas } from './json-schema.js';
export {
  EnableCallsInput,
  InstanceCredentials,
  InstanceStatus,
  OkResponse,
  QrCode,
  QrCodeImage,
  SubscribeInstanceInput,
} from './lifecycle.js';
export {
  INSTANCE_CALLBACK_URL_FIELDS,
  InstanceListItem,
  InstanceListPage,
  ListInstancesInput,
  MAX_PAGE_SIZE,
  MAX_QUERY_LENGTH,
  MIDDLEWARES,
  Middleware,
  PAYMENT_STATUSES,
  type PaymentStatus,
  type ListInstancesInputRaw,
} from './list-instances.js';
export { formatProblems, validate, type Problem, type Validation } from './problems.js';
export { withLoopbackWebhooks } from './loopback-webhooks.js';
export { isLoopbackHostname, MAX_URL_LENGTH } from './rules.js';
export { ZapiErrorBody } from './upstream-error.js';
export {
  EVERY_WEBHOOK_ROUTE,
  NOTIFY_SENT_BY_ME_ROUTE,
  UpdateEveryWebhookInput,
  UpdateWebhookInput,
  UpdateWebhooksInput,
  WEBHOOK_FIELDS,
  WEBHOOK_ROUTES,
  updateWebhooksFields,
  type UpdateWebhooksInputRaw,
  type WebhookField,
} from './webhooks.js';
