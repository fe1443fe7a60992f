/** The port `pnpm sandbox` listens on unless ZAPI_SANDBOX_PORT says otherwise. */
export const DEFAULT_SANDBOX_PORT = 4010;

/**
 * The partner token `pnpm sandbox` accepts unless ZAPI_SANDBOX_PARTNER_TOKEN says otherwise.
 * Public on purpose: it guards nothing but a local simulator.
 */
export const DEFAULT_SANDBOX_PARTNER_TOKEN = 'zapi-sandbox-partner-token';
