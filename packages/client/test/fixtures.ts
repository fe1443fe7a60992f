import type { Sandbox, SandboxOptions } from '@zapikit/sandbox';
import { CANARY_SECRETS, captureLogger, startCanarySandbox } from '@zapikit/sandbox/testing';
import { createZapiClient, type ZapiClient, type ZapiClientOptions } from '../src/index.js';

/** Secrets no test output may ever show: the shared canaries of `@zapikit/sandbox/testing`. */
export const CANARY_PARTNER_TOKEN = CANARY_SECRETS.partnerToken;
export const CANARY_CLIENT_TOKEN = CANARY_SECRETS.clientToken;
export { captureLogger };

export interface Harness {
  sandbox: Sandbox;
  client: ZapiClient;
  logs: string[];
  close(): Promise<void>;
}

/** A sandbox on loopback and a client pointed at it, both holding the canary secrets. */
export async function startHarness(
  clientOptions: Partial<ZapiClientOptions> = {},
  sandboxOptions: SandboxOptions = {},
): Promise<Harness> {
  const sandbox = await startCanarySandbox(sandboxOptions);
  const logger = captureLogger();
  const client = createZapiClient({
    partnerToken: CANARY_PARTNER_TOKEN,
    clientToken: CANARY_CLIENT_TOKEN,
    baseUrl: sandbox.url,
    timeoutMs: 2_000,
    retry: { maxRetries: 2, minDelayMs: 20, maxDelayMs: 200, totalTimeoutMs: 5_000 },
    logger,
    ...clientOptions,
  });
  return {
    sandbox,
    client,
    logs: logger.lines,
    close: async () => {
      await client.close();
      await sandbox.close();
    },
  };
}

/** The rejection of a promise, for assertions on the error object itself. */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<Record<string, unknown> & Error> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown> & Error;
  }
  throw new Error('expected the promise to reject');
}
