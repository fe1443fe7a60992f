import { Redis } from 'ioredis';

export type { Redis };

/**
 * How long a command may wait for an unreachable Redis before it fails: a caller that needs the
 * store gets a clear refusal (STORE_UNAVAILABLE) within this bound instead of hanging.
 */
export const REDIS_GIVE_UP_MS = 2_000;

export interface ConnectRedisOptions {
  /** Shown in Redis's CLIENT LIST, e.g. `zapikit-gateway`. */
  connectionName: string;
  /** Told about connection errors (with the password already out of the URL); default: ignored. */
  onError?: (error: Error) => void;
  /**
   * A connection for SUBSCRIBE only (pub/sub): its subscribe commands wait for Redis instead of
   * failing while it is down, and ioredis subscribes again after each reconnect, so the channel
   * is never lost to an outage. Commands that claim or store state never use it.
   */
  subscriber?: boolean;
}

/** The URL with its password (and user) replaced by `***`, for logs and errors. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.username) parsed.username = '***';
    return parsed.toString();
  } catch {
    return 'redis://***';
  }
}

/**
 * Opens the connection behind REDIS_URL with the rules every shared store relies on:
 * - a command fails within REDIS_GIVE_UP_MS rather than queueing while Redis is down
 *   (no offline queue, one retry per request, connect and command timeouts). Without an offline
 *   queue a command that timed out is never sent later behind the caller's back: a claim the
 *   caller was told failed cannot appear once Redis is back;
 * - the client reconnects by itself, backing off up to 1 s, so the app recovers when Redis is
 *   back without a restart;
 * - errors never carry the URL's password.
 * A `subscriber` connection instead queues its SUBSCRIBE until Redis answers (see the option).
 */
export function connectRedis(url: string, options: ConnectRedisOptions): Redis {
  const redis = new Redis(url, {
    connectionName: options.connectionName,
    connectTimeout: REDIS_GIVE_UP_MS,
    ...(options.subscriber
      ? { maxRetriesPerRequest: null, enableOfflineQueue: true, autoResubscribe: true }
      : { commandTimeout: REDIS_GIVE_UP_MS, maxRetriesPerRequest: 1, enableOfflineQueue: false }),
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
  const secret = new URL(url).password;
  redis.on('error', (error: Error) => {
    if (!options.onError) return;
    const message = secret ? error.message.split(secret).join('***') : error.message;
    options.onError(
      Object.assign(new Error(message), { code: (error as { code?: unknown }).code }),
    );
  });
  return redis;
}
