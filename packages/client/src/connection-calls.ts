import type { z } from 'zod';
import {
  EVERY_WEBHOOK_ROUTE,
  InstanceData,
  NOTIFY_SENT_BY_ME_ROUTE,
  PairingCode,
  PairingCodeInput,
  UpdateEveryWebhookInput,
  ValueResponse,
  WEBHOOK_FIELDS,
  WEBHOOK_ROUTES,
  type UpdateWebhooksInputRaw,
  type WebhookField,
} from '@zapikit/schema';
import { ZapiHttpError, ZapiValidationError } from './errors.js';
import type { HttpCall } from './http.js';
import type { WebhookRequestSchemas } from './request-schemas.js';

/** The instance id and token that address one instance. */
export interface InstanceAddress {
  id: string;
  token: string;
}

/** What the connection calls need from the client that holds them. */
export interface CallKit {
  /** Validates a request, throwing ZapiValidationError naming each bad field. */
  parseInput<S extends z.ZodType>(schema: S, input: unknown, operation: string): z.output<S>;
  /** Describes a call on the instance route (`{id}` and `{token}` filled in). */
  instanceCall(
    operation: string,
    ref: InstanceAddress,
    method: HttpCall['method'],
    template: string,
    extra?: Partial<HttpCall>,
  ): HttpCall;
  /** Sends a call and reads a 2xx JSON answer with `schema`. */
  exchange<S extends z.ZodType>(call: HttpCall, schema: S, body: 'json'): Promise<z.output<S>>;
  /** The schemas webhook URLs are validated with (plain http to loopback for a local Z-API). */
  webhookSchemas: WebhookRequestSchemas;
}

/** Restart, disconnect, pairing code, instance data and webhook changes of one instance. */
export interface ConnectionCalls {
  /** Restarts the instance; it reconnects without a new scan. Sent at most once. */
  restartInstance(instance: InstanceAddress): Promise<void>;
  /** Disconnects the phone: the instance stops until a QR code is read again. */
  disconnectInstance(instance: InstanceAddress): Promise<void>;
  /** A code to type in WhatsApp ("Connect with phone number") instead of scanning. */
  getPairingCode(instance: InstanceAddress, phone: string): Promise<string>;
  /** The instance's own data and settings (`/me`); unreadable fields are null. */
  getInstanceData(instance: InstanceAddress): Promise<InstanceData>;
  /** Changes one webhook (https only). */
  updateWebhook(instance: InstanceAddress, webhook: WebhookField, url: string): Promise<void>;
  /** Sets every webhook to one URL (https only), and optionally `notifySentByMe`. */
  updateEveryWebhook(
    instance: InstanceAddress,
    input: z.input<typeof UpdateEveryWebhookInput>,
  ): Promise<void>;
  /**
   * Changes the webhooks given, one call each, in a fixed order; all are validated before any is
   * sent. A failure stops at that webhook: the ones before it were changed.
   */
  updateWebhooks(instance: InstanceAddress, input: UpdateWebhooksInputRaw): Promise<void>;
}

const INSTANCE_ROUTE = '/instances/{id}/token/{token}';

/** Builds the connection calls on top of a client's call kit. */
export function connectionCalls(kit: CallKit): ConnectionCalls {
  // `{value: false}` is Z-API saying no with a 200; an unreadable value is not held against it.
  async function expectDone(call: HttpCall): Promise<void> {
    const answer = await kit.exchange(call, ValueResponse, 'json');
    if (answer.value === false) {
      throw new ZapiHttpError('ZAPI_REJECTED', `Z-API answered ${call.operation} with false`, {
        status: 200,
        operation: call.operation,
        retryable: false,
      });
    }
  }

  function put(operation: string, ref: InstanceAddress, route: string, body: unknown): HttpCall {
    return kit.instanceCall(operation, ref, 'PUT', `${INSTANCE_ROUTE}/${route}`, { body });
  }

  async function updateWebhook(ref: InstanceAddress, webhook: WebhookField, url: string) {
    const operation = 'updateWebhook';
    const route = WEBHOOK_ROUTES[webhook] as string | undefined;
    if (route === undefined) {
      // A caller outside TypeScript can pass anything: refuse it as any bad input is refused.
      const reason = `must be one of: ${WEBHOOK_FIELDS.join(', ')}`;
      throw new ZapiValidationError(
        [{ path: ['webhook'], reason, message: `webhook ${reason}` }],
        operation,
      );
    }
    const body = kit.parseInput(kit.webhookSchemas.UpdateWebhookInput, { value: url }, operation);
    await expectDone(put(operation, ref, route, body));
  }

  return {
    async restartInstance(ref) {
      // A write: a restart that may have reached Z-API is not sent again.
      await expectDone(
        kit.instanceCall('restartInstance', ref, 'GET', `${INSTANCE_ROUTE}/restart`, {
          kind: 'write',
        }),
      );
    },
    async disconnectInstance(ref) {
      // Disconnecting twice is disconnecting once: retried as a read.
      await expectDone(
        kit.instanceCall('disconnectInstance', ref, 'GET', `${INSTANCE_ROUTE}/disconnect`),
      );
    },
    async getPairingCode(ref, phone) {
      const input = kit.parseInput(PairingCodeInput, { phone }, 'getPairingCode');
      const call = kit.instanceCall(
        'getPairingCode',
        ref,
        'GET',
        `${INSTANCE_ROUTE}/phone-code/{phone}`,
      );
      // The route keeps `{phone}` for logs; the path gets the digits (validated, nothing to encode).
      call.path = call.path.replace('{phone}', input.phone);
      return (await kit.exchange(call, PairingCode, 'json')).code;
    },
    async getInstanceData(ref) {
      return kit.exchange(
        kit.instanceCall('getInstanceData', ref, 'GET', `${INSTANCE_ROUTE}/me`),
        InstanceData,
        'json',
      );
    },
    updateWebhook,
    async updateEveryWebhook(ref, input) {
      const body = kit.parseInput(
        kit.webhookSchemas.UpdateEveryWebhookInput,
        input,
        'updateEveryWebhook',
      );
      await expectDone(put('updateEveryWebhook', ref, EVERY_WEBHOOK_ROUTE, body));
    },
    async updateWebhooks(ref, raw) {
      const input = kit.parseInput(kit.webhookSchemas.UpdateWebhooksInput, raw, 'updateWebhooks');
      for (const webhook of WEBHOOK_FIELDS) {
        const url = input[webhook];
        if (url === undefined) continue;
        await expectDone(put('updateWebhooks', ref, WEBHOOK_ROUTES[webhook], { value: url }));
      }
      if (input.notifySentByMe !== undefined) {
        const body = { notifySentByMe: input.notifySentByMe };
        await expectDone(put('updateWebhooks', ref, NOTIFY_SENT_BY_ME_ROUTE, body));
      }
    },
  };
}
