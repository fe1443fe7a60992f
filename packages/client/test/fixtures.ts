import { startSandbox, type Sandbox, type SandboxOptions } from '@zapikit/sandbox';
import { createZapiClient, type ZapiClient, type ZapiClientOptions } from '../src/index.js';
import type { ZapiLogger } from '../src/logger.js';

/** Secrets no test output may ever show. */
export const CANARY_PARTNER_TOKEN = 'CANARY-partner-7f3a9c1e5b';
export const CANARY_CLIENT_TOKEN = 'CANARY-client-2d8e4b6a0f';

/** A logger that keeps every line as the JSON a pino transport would write. */
export function captureLogger(): ZapiLogger & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (object: Record<string, unknown>, message?: string) => {
    lines.push(JSON.stringify({ level, ...object, msg: message }));
  };
  return { lines, debug: write('debug'), warn: write('warn') };
}

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
  const sandbox = await startSandbox({
    partnerToken: CANARY_PARTNER_TOKEN,
    clientToken: CANARY_CLIENT_TOKEN,
    ...sandboxOptions,
  });
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
