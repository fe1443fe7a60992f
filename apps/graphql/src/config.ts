import {
  booleanFlag as flag,
  commaSeparated,
  EnvironmentError as ConfigError,
  RedisEnvironment,
  ZapiEnvironment,
  readEnvironment,
  upstreamFromEnvironment,
  type ZapiUpstream,
} from '@zapikit/app-environment';
import { isLoopbackHostname } from '@zapikit/schema';
import { z } from 'zod';
import { parseApiKeys, type ApiKey } from './auth/api-keys.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An origin as browsers send it: scheme, host and port only. */
function isOrigin(text: string): boolean {
  try {
    return new URL(text).origin === text;
  } catch {
    return false;
  }
}

const Environment = ZapiEnvironment.extend(RedisEnvironment.shape).extend({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  GRAPHQL_API_KEYS: z.string().optional(),
  GRAPHQL_INTROSPECTION: flag.optional(),
  GRAPHQL_GRAPHIQL: flag.optional(),
  GRAPHQL_CORS_ORIGINS: commaSeparated(
    (origin) => origin === '*' || isOrigin(origin),
    '`*` or an origin such as https://app.example.com',
  ),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  // The callback receiver's path segment: the only thing that authenticates Z-API's callbacks.
  ZAPI_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,256}$/, {
      error: 'must be 32 to 256 characters of A-Z, a-z, 0-9, _ or - (e.g. `openssl rand -hex 32`)',
    })
    .optional(),
  PUBLIC_URL: z
    .string()
    .refine(isPublicUrl, {
      error:
        'must be an https:// URL without user, query or fragment (plain http only to a loopback address, for local tests)',
    })
    .optional(),
  GRAPHQL_QR_ROTATION_MS: z.coerce.number().int().min(100).max(120_000).default(20_000),
  GRAPHQL_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(300_000),
  GRAPHQL_STATUS_POLL_MS: z.coerce.number().int().min(100).max(300_000).default(5_000),
});

/** Where Z-API can reach this gateway from outside: https, or http to loopback for local tests. */
function isPublicUrl(text: string): boolean {
  const url = URL.parse(text);
  if (!url || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '')
    return false;
  return (
    url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHostname(url.hostname))
  );
}

/** The gateway's configuration, read once at start-up. */
export interface GatewayConfig {
  /** Where calls go: Z-API (live) or the embedded sandbox. */
  upstream: ZapiUpstream;
  timeoutMs: number;
  port: number;
  host: string;
  /** API keys allowed to call; empty means open (only allowed on the sandbox). */
  apiKeys: ApiKey[];
  introspection: boolean;
  graphiql: boolean;
  /** Origins whose pages may call the gateway from a browser; `*` for any; empty for none. */
  corsOrigins: string[];
  production: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  /**
   * REDIS_URL: idempotency keys live in Redis, shared by every replica and kept across restarts.
   * Unset: in process memory, bounded (one replica only).
   */
  redisUrl: string | undefined;
  /** The live connection events (subscriptions and the callback receiver). */
  events: EventsConfig;
}

/** ZAPI_WEBHOOK_SECRET, PUBLIC_URL and the timings of the connection subscriptions. */
export interface EventsConfig {
  /** The receiver's secret path segment; unset: no receiver (every callback path answers 404). */
  webhookSecret: string | undefined;
  /** With the secret: the receiver URL createInstance fills in empty connection webhooks. */
  publicUrl: string | undefined;
  /** How often instanceConnection fetches a fresh QR code while waiting (Z-API: 20 s). */
  qrRotationMs: number;
  /** When instanceConnection gives up waiting with TIMED_OUT (default 5 minutes). */
  connectionTimeoutMs: number;
  /** How often `/status` is polled for subscribed instances whose callbacks go elsewhere. */
  statusPollMs: number;
}

/** A start-up failure that names the environment variable at fault. */
export { ConfigError };

/** Reads and validates the environment; throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const e = readEnvironment(Environment, env);
  let apiKeys: ApiKey[];
  try {
    apiKeys = parseApiKeys(e.GRAPHQL_API_KEYS ?? '');
  } catch (error) {
    throw new ConfigError(`GRAPHQL_API_KEYS: ${(error as Error).message}`);
  }
  const upstream = upstreamFromEnvironment(e);
  if (upstream.mode === 'live' && apiKeys.length === 0) {
    throw new ConfigError(
      "GRAPHQL_API_KEYS: required when ZAPI_PARTNER_TOKEN is set, since every create spends the partner's money",
    );
  }
  if (e.PUBLIC_URL !== undefined && e.ZAPI_WEBHOOK_SECRET === undefined) {
    throw new ConfigError(
      'PUBLIC_URL: set ZAPI_WEBHOOK_SECRET too; the receiver URL it gives Z-API ends with that secret',
    );
  }
  const production = e.NODE_ENV === 'production';
  return {
    upstream,
    timeoutMs: e.ZAPI_TIMEOUT_MS,
    port: e.PORT,
    host: e.HOST,
    apiKeys,
    // Off in live mode (a partner token set) and in production unless asked for: the schema is no
    // secret (schema.graphql is published), but a live gateway need not answer its largest query.
    introspection: e.GRAPHQL_INTROSPECTION ?? (upstream.mode !== 'live' && !production),
    // GraphiQL needs introspection: off by default wherever introspection is.
    graphiql: e.GRAPHQL_GRAPHIQL ?? (upstream.mode !== 'live' && !production),
    corsOrigins: e.GRAPHQL_CORS_ORIGINS,
    production,
    logLevel: e.LOG_LEVEL,
    redisUrl: e.REDIS_URL,
    events: {
      webhookSecret: e.ZAPI_WEBHOOK_SECRET,
      publicUrl: e.PUBLIC_URL,
      qrRotationMs: e.GRAPHQL_QR_ROTATION_MS,
      connectionTimeoutMs: e.GRAPHQL_CONNECTION_TIMEOUT_MS,
      statusPollMs: e.GRAPHQL_STATUS_POLL_MS,
    },
  };
}
