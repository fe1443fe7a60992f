import { z } from 'zod';
import { CreateInstanceInput } from './create-instance.js';
import { EnableCallsInput, SubscribeInstanceInput } from './lifecycle.js';
import { ListInstancesInput } from './list-instances.js';
import { PairingCodeInput } from './connection.js';
import { UpdateEveryWebhookInput, UpdateWebhookInput, UpdateWebhooksInput } from './webhooks.js';

/** The request schemas published as JSON Schema files, by file name. */
export const JSON_SCHEMA_SOURCES = {
  'create-instance-input': CreateInstanceInput,
  'list-instances-input': ListInstancesInput,
  'subscribe-instance-input': SubscribeInstanceInput,
  'enable-calls-input': EnableCallsInput,
  'pairing-code-input': PairingCodeInput,
  'update-webhook-input': UpdateWebhookInput,
  'update-every-webhook-input': UpdateEveryWebhookInput,
  'update-webhooks-input': UpdateWebhooksInput,
} as const;

/** zod's own JSON Schema (draft 2020-12) of each request, as committed under `json-schema/`. */
export function requestJsonSchemas(): Record<keyof typeof JSON_SCHEMA_SOURCES, unknown> {
  const entries = Object.entries(JSON_SCHEMA_SOURCES).map(
    ([name, schema]) => [name, z.toJSONSchema(schema, { io: 'input' })] as const,
  );
  return Object.fromEntries(entries) as Record<keyof typeof JSON_SCHEMA_SOURCES, unknown>;
}
