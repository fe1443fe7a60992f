import {
  CreateInstanceInput,
  isLoopbackHostname,
  UpdateEveryWebhookInput,
  UpdateWebhookInput,
  UpdateWebhooksInput,
  withLoopbackWebhooks,
} from '@zapikit/schema';

/** The request schemas that carry webhook URLs. */
export interface WebhookRequestSchemas {
  CreateInstanceInput: typeof CreateInstanceInput;
  UpdateWebhookInput: typeof UpdateWebhookInput;
  UpdateEveryWebhookInput: typeof UpdateEveryWebhookInput;
  UpdateWebhooksInput: typeof UpdateWebhooksInput;
}

const HTTPS_ONLY: WebhookRequestSchemas = Object.freeze({
  CreateInstanceInput,
  UpdateWebhookInput,
  UpdateEveryWebhookInput,
  UpdateWebhooksInput,
});

let loopback: WebhookRequestSchemas | undefined;

/**
 * The schemas a client validates webhook URLs with. Z-API takes https only; a Z-API on a loopback
 * address (the sandbox) is the one place a plain http URL to loopback can be reached, so a client
 * pointed there also sends those: a test receives real callbacks without a certificate.
 */
export function webhookRequestSchemas(baseUrl: URL): WebhookRequestSchemas {
  if (!isLoopbackHostname(baseUrl.hostname)) return HTTPS_ONLY;
  loopback ??= Object.freeze({
    CreateInstanceInput: withLoopbackWebhooks(CreateInstanceInput),
    UpdateWebhookInput: withLoopbackWebhooks(UpdateWebhookInput),
    UpdateEveryWebhookInput: withLoopbackWebhooks(UpdateEveryWebhookInput),
    UpdateWebhooksInput: withLoopbackWebhooks(UpdateWebhooksInput),
  });
  return loopback;
}
