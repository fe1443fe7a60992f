import { z } from 'zod';
import type { Dispatcher } from 'undici';
import { formatProblems, validate } from '@zapikit/schema';
import type { ZapiCallReport } from './http.js';
import type { ZapiLogger } from './logger.js';

/** How to build a client. Only `partnerToken` is required. */
export interface ZapiClientOptions {
  /** The partner token Z-API issued; sent as `Authorization: Bearer`. */
  partnerToken: string;
  /** Z-API's base URL, or a white-label host's (default `https://api.z-api.io`). */
  baseUrl?: string;
  /** The account security token, sent as `Client-Token` when the account requires it. */
  clientToken?: string;
  /**
   * The longest a whole call may take (default 15 s): waiting for a free connection, every
   * attempt and every wait between them included. A call still waiting for a connection when it
   * runs out was never sent (for a create: nothing was created).
   */
  timeoutMs?: number;
  /**
   * Connections per class of call (default 32 each). Reads and writes have a pool each, so a
   * burst of creates into a hanging Z-API never holds up a list, nor the other way round.
   */
  connections?: { reads?: number; writes?: number };
  /**
   * Stops sending writes (creates, subscriptions, cancellations, calls) into a Z-API that keeps
   * failing: after `consecutiveFailures` timeouts, 5xx answers or refused connections in a row,
   * writes are refused at once with `ZAPI_CIRCUIT_OPEN` for `halfOpenAfterMs`; then one trial
   * write is let through, and its success resumes writes. Reads are never refused by it. On by
   * default (5 failures, 10 s); `false` turns it off.
   */
  circuitBreaker?: false | { consecutiveFailures?: number; halfOpenAfterMs?: number };
  /** Retries of reads: attempts, delays and total time (never beyond `timeoutMs`). */
  retry?: {
    maxRetries?: number;
    minDelayMs?: number;
    maxDelayMs?: number;
    totalTimeoutMs?: number;
  };
  /** An undici dispatcher to send through (a MockAgent in tests, a proxy agent); the client opens its own pool when absent. */
  dispatcher?: Dispatcher;
  /** A pino-style logger; silent by default. */
  logger?: ZapiLogger;
  /**
   * Called after each call to Z-API with its operation, route template, status (or the code of
   * why no answer came) and duration: a hook for metrics. It never receives a token, an
   * instance id or a name. Must not throw.
   */
  onCall?: (report: ZapiCallReport) => void;
  /**
   * Path of the add-calls endpoint, with `{id}` and `{token}`. Defaults to the live docs' path;
   * the docs repository shows `/instances/{id}/token/{token}/integrator/on-demand/subscription/update`.
   */
  updatePath?: string;
}

/** The live docs' path for adding calls to a subscription. */
export const DEFAULT_UPDATE_PATH = '/instances/{id}/token/{token}/integrator/subscription/update';

const OptionsSchema = z.object({
  partnerToken: z.string({ error: 'is required' }).min(1, { error: 'must not be empty' }),
  baseUrl: z
    .string()
    .default('https://api.z-api.io')
    .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), {
      error: 'must be an http(s) URL',
      abort: true,
    })
    .refine(
      (value) => {
        const url = new URL(value);
        return url.username === '' && url.password === '';
      },
      {
        error: 'must not contain a user name or password',
      },
    ),
  clientToken: z.string().min(1, { error: 'must not be empty' }).optional(),
  timeoutMs: z.number().int().min(1).max(600_000).default(15_000),
  connections: z
    .object({
      reads: z.number().int().min(1).max(1024).default(32),
      writes: z.number().int().min(1).max(1024).default(32),
    })
    .default({ reads: 32, writes: 32 }),
  circuitBreaker: z
    .union([
      z.literal(false),
      z.object({
        consecutiveFailures: z.number().int().min(1).max(1000).default(5),
        halfOpenAfterMs: z.number().int().min(1).max(3_600_000).default(10_000),
      }),
    ])
    .default({ consecutiveFailures: 5, halfOpenAfterMs: 10_000 }),
  retry: z
    .object({
      maxRetries: z.number().int().min(0).max(10).default(2),
      minDelayMs: z.number().int().min(0).default(250),
      maxDelayMs: z.number().int().min(0).default(5_000),
      totalTimeoutMs: z.number().int().min(1).default(30_000),
    })
    .default({ maxRetries: 2, minDelayMs: 250, maxDelayMs: 5_000, totalTimeoutMs: 30_000 }),
  updatePath: z
    .string()
    .regex(/^\/.*\{id\}.*\{token\}/, {
      error: 'must be a path starting with / that holds {id} and {token}',
    })
    .default(DEFAULT_UPDATE_PATH),
});

export type ResolvedOptions = z.output<typeof OptionsSchema> & {
  dispatcher: Dispatcher | undefined;
  logger: ZapiLogger | undefined;
  onCall: ZapiClientOptions['onCall'];
};

/** Validates the options, throwing a TypeError that names each bad option (never its value). */
export function resolveOptions(options: ZapiClientOptions): ResolvedOptions {
  const { dispatcher, logger, onCall, ...plain } = options;
  const result = validate(OptionsSchema, plain);
  if (!result.success) {
    throw new TypeError(`Invalid Z-API client options: ${formatProblems(result.problems)}`);
  }
  return { ...result.data, dispatcher, logger, onCall };
}
