import { setTimeout as sleep } from 'node:timers/promises';
import { LRUCache } from 'lru-cache';
import { interceptors, Pool, type Dispatcher } from 'undici';
import { ZapiErrorBody, type ZapiErrorCode } from '@zapikit/schema';
import {
  ZapiCircuitOpenError,
  ZapiError,
  ZapiHttpError,
  ZapiNetworkError,
  ZapiRateLimitedError,
  ZapiTimeoutError,
} from './errors.js';
import { CircuitOpen, Lane, QueuedTooLong, type CircuitBreakerOptions } from './lane.js';
import { silentLogger, type ZapiLogger } from './logger.js';
import { REDACTED, redact } from './redact.js';

/** How reads are retried: attempts, backoff and the total time they may take. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 2). */
  maxRetries: number;
  /** First backoff, before jitter (default 250 ms); it doubles each time. */
  minDelayMs: number;
  /** Longest single wait, Retry-After included (default 5 s). */
  maxDelayMs: number;
  /**
   * Longest a whole read may take, every attempt and wait included (default 30 s); the client's
   * `timeoutMs` caps it.
   */
  totalTimeoutMs: number;
}

export type { CircuitBreakerOptions as CircuitBreakerPolicy };

/** How many instance tokens the transport keeps to redact: a few hundred KiB at most. */
const MAX_REMEMBERED_TOKENS = 10_000;
/** Words that could be an instance token (Z-API's are 24 or more letters and digits). */
const TOKEN_LIKE = /[A-Za-z0-9_-]{12,}/g;

/** One call to Z-API, described without secrets except where it must carry them. */
export interface HttpCall {
  operation: string;
  method: 'GET' | 'POST' | 'PUT';
  /** The path as logged, with `{id}` and `{token}` in place of the values. */
  route: string;
  /** The real path, which may hold an instance token. Never logged. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Integrator endpoints take the partner token as a bearer token. */
  partnerAuth: boolean;
  /** Secrets of this call (an instance token) to remove from anything shown. */
  secrets?: string[];
  /**
   * `read`: retried on 429, 5xx and network errors. `write`: retried only when the request
   * provably never reached Z-API (the connection was never made).
   */
  kind: 'read' | 'write';
}

/**
 * What the client tells `onCall` after each call to Z-API, for metrics: the operation, the
 * route's template and the outcome. Never a token, an instance id or a name.
 */
export interface ZapiCallReport {
  /** The client method, e.g. `createInstance`. */
  operation: string;
  method: 'GET' | 'POST' | 'PUT';
  /** The path with `{id}` and `{token}` in place of the values. */
  route: string;
  /** The HTTP status, when an answer came. */
  status?: number;
  /** Why no answer came (`ZAPI_TIMEOUT`, `ZAPI_NETWORK`). */
  code?: ZapiErrorCode;
  /** From the first byte sent to the last one read, retries included. */
  durationMs: number;
}

/** A response read whole. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface TransportOptions {
  baseUrl: URL;
  partnerToken: string;
  clientToken: string | undefined;
  timeoutMs: number;
  retry: RetryPolicy;
  connections: { reads: number; writes: number };
  circuitBreaker: CircuitBreakerOptions | false;
  dispatcher: Dispatcher | undefined;
  logger: ZapiLogger;
  onCall: ((report: ZapiCallReport) => void) | undefined;
}

// Failures that happen before a connection exists: the request was never sent, so even a
// create may be tried again.
const NOT_SENT_CODES = [
  'ZAPI_QUEUE_TIMEOUT',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
];
const READ_RETRY_CODES = [
  ...NOT_SENT_CODES,
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
];
const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/**
 * The client's one way to Z-API: a keep-alive pool per class of call (reads, writes), each call
 * answered within `timeoutMs` waiting included, reads retried as undici does it, and writes
 * stopped by a circuit breaker while Z-API keeps failing.
 */
export class HttpTransport {
  readonly #options: TransportOptions;
  /**
   * Instance tokens seen in Z-API's answers (creates, list pages), the least recently seen dropped
   * first, so that an error text echoing another instance's token is cleaned too, not only the
   * call's own.
   */
  readonly #instanceTokens = new LRUCache<string, true>({ max: MAX_REMEMBERED_TOKENS });
  readonly #owned: Dispatcher[];
  readonly #writes: Dispatcher;
  readonly #reads: Dispatcher;
  readonly #readLane: Lane<HttpResponse>;
  readonly #writeLane: Lane<HttpResponse>;
  readonly #origin: string;
  readonly #basePath: string;
  // Built once: undici reads header objects without changing them, and they never vary per call.
  readonly #headers: Record<
    'read' | 'partnerRead' | 'write' | 'partnerWrite',
    Record<string, string>
  >;

  constructor(options: TransportOptions) {
    this.#options = options;
    const pool = (connections: number) =>
      new Pool(options.baseUrl.origin, {
        connections,
        keepAliveTimeout: 4_000,
        connect: { timeout: options.timeoutMs },
        maxResponseSize: MAX_RESPONSE_BYTES,
      });
    // A pool per class, so that neither waits for the other's connections. Only pools the
    // client opened are the client's to close; a given dispatcher serves both classes.
    const readPool = options.dispatcher ?? pool(options.connections.reads);
    this.#writes = options.dispatcher ?? pool(options.connections.writes);
    this.#owned = options.dispatcher ? [] : [readPool, this.#writes];
    const failedAnswer = (response: HttpResponse) => response.status >= 500;
    this.#readLane = new Lane({
      concurrency: options.connections.reads,
      // Reads are not broken: they cost nothing, are bounded by the deadline, and an operator
      // still wants to see the instances while Z-API struggles.
      breaker: undefined,
      failedAnswer,
    });
    this.#writeLane = new Lane({
      concurrency: options.connections.writes,
      breaker: options.circuitBreaker || undefined,
      failedAnswer,
      onBreak: () => {
        options.logger.warn(
          {
            circuit: 'open',
            retryAfterMs: options.circuitBreaker && options.circuitBreaker.halfOpenAfterMs,
          },
          'Z-API keeps failing: writes are refused with ZAPI_CIRCUIT_OPEN until a trial write succeeds',
        );
      },
      onReset: () => {
        options.logger.warn({ circuit: 'closed' }, 'Z-API answered a trial write: writes resume');
      },
    });
    this.#reads = readPool.compose(
      interceptors.retry({
        maxRetries: options.retry.maxRetries,
        maxTimeout: options.retry.maxDelayMs,
        timeoutFactor: 2,
        retryAfter: true,
        throwOnError: false,
        methods: ['GET'],
        statusCodes: [429, 500, 502, 503, 504],
        errorCodes: READ_RETRY_CODES,
      }),
    );
    this.#origin = options.baseUrl.origin;
    this.#basePath = options.baseUrl.pathname.replace(/\/$/, '');
    const common: Record<string, string> = { accept: 'application/json' };
    if (options.clientToken) common['client-token'] = options.clientToken;
    const partner = { authorization: `Bearer ${options.partnerToken}` };
    const json = { 'content-type': 'application/json' };
    this.#headers = {
      read: common,
      partnerRead: { ...common, ...partner },
      write: { ...common, ...json },
      partnerWrite: { ...common, ...partner, ...json },
    };
  }

  /** Secrets this transport knows, to remove from any text it shows. */
  get secrets(): string[] {
    return [this.#options.partnerToken, this.#options.clientToken].filter((s): s is string => !!s);
  }

  /** Remembers instance tokens to remove from any text this transport shows. */
  rememberTokens(tokens: Iterable<string>): void {
    for (const token of tokens) this.#instanceTokens.set(token, true);
  }

  /** Sends one call and reads the whole response; throws only when no response came. */
  async send(call: HttpCall): Promise<HttpResponse> {
    const { timeoutMs, retry, logger, onCall } = this.#options;
    const started = logger === silentLogger && !onCall ? 0 : performance.now();
    const read = call.kind === 'read';
    const request: Dispatcher.RequestOptions = {
      origin: this.#origin,
      path: this.#basePath + call.path + (call.query ? queryString(call.query) : ''),
      method: call.method,
      headers:
        this.#headers[
          read
            ? call.partnerAuth
              ? 'partnerRead'
              : 'read'
            : call.partnerAuth
              ? 'partnerWrite'
              : 'write'
        ],
      body: call.body === undefined ? null : JSON.stringify(call.body),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    };
    // Bounds the whole call: the wait for a connection, every attempt and every wait between them.
    const deadline = AbortSignal.timeout(
      read ? Math.min(timeoutMs, retry.totalTimeoutMs) : timeoutMs,
    );
    try {
      const result = read
        ? await this.#readLane.run(deadline, () =>
            readWhole(
              this.#reads.request({
                ...request,
                signal: deadline,
                // Full jitter on the first backoff: spreads out clients that failed together.
                retryOptions: { minTimeout: jittered(retry.minDelayMs) },
              } as Dispatcher.RequestOptions),
            ),
          )
        : await this.#writeLane.run(deadline, () =>
            readWhole(this.#write({ ...request, signal: deadline }, deadline)),
          );
      onCall?.({
        operation: call.operation,
        method: call.method,
        route: call.route,
        status: result.status,
        durationMs: elapsed(started),
      });
      if (logger !== silentLogger) {
        logger.debug(
          {
            operation: call.operation,
            method: call.method,
            route: call.route,
            status: result.status,
            durationMs: elapsed(started),
          },
          'zapi call',
        );
      }
      return result;
    } catch (cause) {
      const error = this.networkError(call, cause);
      onCall?.({
        operation: call.operation,
        method: call.method,
        route: call.route,
        code: error.code,
        durationMs: elapsed(started),
      });
      logger.warn(
        {
          operation: call.operation,
          method: call.method,
          route: call.route,
          code: error.code,
          causeCode: error.causeCode,
          durationMs: elapsed(started),
        },
        'zapi call failed',
      );
      throw error;
    }
  }

  // Writes skip the retry interceptor: its per-request wrapping cost a fifth of the client's CPU
  // in the benchmark, and all a write may retry is a connection that was never made.
  #write(
    request: Dispatcher.RequestOptions,
    deadline: AbortSignal,
  ): Promise<Dispatcher.ResponseData> {
    return this.#writes
      .request(request)
      .catch((error: unknown) => this.#retryWrite(request, deadline, error));
  }

  async #retryWrite(
    request: Dispatcher.RequestOptions,
    deadline: AbortSignal,
    first: unknown,
  ): Promise<Dispatcher.ResponseData> {
    const { maxRetries, minDelayMs, maxDelayMs } = this.#options.retry;
    let error = first;
    for (let attempt = 0; ; attempt += 1) {
      if (attempt >= maxRetries || !NOT_SENT_CODES.includes(errorCode(error))) throw error;
      await sleep(Math.min(maxDelayMs, jittered(minDelayMs * 2 ** attempt)), undefined, {
        signal: deadline,
      });
      try {
        return await this.#writes.request(request);
      } catch (next) {
        error = next;
      }
    }
  }

  /** Turns an error status into the client's error, with Z-API's message cleaned of secrets. */
  httpError(call: HttpCall, response: HttpResponse): ZapiError {
    const zapiMessage = this.clean(call, upstreamMessage(response.text));
    const status = response.status;
    const code = codeForStatus(status);
    const details = {
      status,
      operation: call.operation,
      retryable: status === 429 || status >= 500,
      ...(zapiMessage === '' ? {} : { zapiMessage }),
    };
    const message = `Z-API answered ${status} to ${call.operation}${zapiMessage ? `: ${zapiMessage}` : ''}`;
    if (status === 429) {
      const retryAfterMs = retryAfterMillis(response.headers['retry-after']);
      return new ZapiRateLimitedError(code, message, {
        ...details,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
    return new ZapiHttpError(code, message, details);
  }

  /** Removes every secret of this call from a text. */
  clean(call: HttpCall, text: string): string {
    const cleaned = redact(text, [...this.secrets, ...(call.secrets ?? [])]);
    // Looked up word by word, so the cost does not grow with the number of tokens remembered.
    return this.#instanceTokens.size === 0
      ? cleaned
      : cleaned.replace(TOKEN_LIKE, (word) => (this.#instanceTokens.has(word) ? REDACTED : word));
  }

  /** Whether a failure happened before any byte reached Z-API. */
  static neverSent(error: ZapiError): boolean {
    return (
      error.code === 'ZAPI_CIRCUIT_OPEN' ||
      (error.causeCode !== undefined && NOT_SENT_CODES.includes(error.causeCode))
    );
  }

  /** Closes the pools the client opened (not a dispatcher it was given). */
  async close(): Promise<void> {
    await Promise.all(this.#owned.map((pool) => pool.close()));
  }

  private networkError(call: HttpCall, cause: unknown): ZapiError {
    if (cause instanceof CircuitOpen) {
      return new ZapiCircuitOpenError(
        'ZAPI_CIRCUIT_OPEN',
        `Z-API kept failing, so ${call.operation} was not sent; writes resume after a trial call succeeds (in about ${Math.ceil(cause.retryAfterMs / 1000)} s)`,
        { operation: call.operation, retryable: true, retryAfterMs: cause.retryAfterMs },
      );
    }
    if (cause instanceof QueuedTooLong) {
      return new ZapiTimeoutError(
        'ZAPI_TIMEOUT',
        `No connection to Z-API became free in time for ${call.operation}; it was not sent`,
        { operation: call.operation, retryable: true, causeCode: cause.code },
      );
    }
    const causeCode = errorCode(cause);
    const timedOut =
      TIMEOUT_CODES.has(causeCode) || (cause instanceof Error && cause.name === 'TimeoutError');
    const description = cause instanceof Error ? this.clean(call, cause.message) : 'unknown error';
    const details = { operation: call.operation, retryable: true, causeCode };
    return timedOut
      ? new ZapiTimeoutError(
          'ZAPI_TIMEOUT',
          `Z-API did not answer ${call.operation} in time (${causeCode})`,
          details,
        )
      : new ZapiNetworkError(
          'ZAPI_NETWORK',
          `Could not reach Z-API for ${call.operation}: ${description} (${causeCode})`,
          details,
        );
  }
}

function codeForStatus(status: number): ZapiErrorCode {
  switch (status) {
    case 401:
      return 'ZAPI_UNAUTHORIZED';
    case 403:
      return 'ZAPI_FORBIDDEN';
    case 404:
      return 'ZAPI_NOT_FOUND';
    case 405:
      return 'ZAPI_METHOD_NOT_ALLOWED';
    case 415:
      return 'ZAPI_UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'ZAPI_RATE_LIMITED';
    default:
      if (status >= 500) return 'ZAPI_UPSTREAM_ERROR';
      if (status >= 400) return 'ZAPI_REJECTED';
      return 'ZAPI_BAD_RESPONSE';
  }
}

// Z-API's `{error}` / `{message}` body, or the raw text when it is short enough to be a message.
function upstreamMessage(text: string): string {
  try {
    const body = ZapiErrorBody.safeParse(JSON.parse(text));
    if (body.success) return [body.data.error, body.data.message].filter(Boolean).join(': ');
  } catch {
    // not JSON: fall through to the text itself
  }
  const trimmed = text.trim();
  return trimmed.length <= 300 && !trimmed.startsWith('<') ? trimmed : '';
}

function retryAfterMillis(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, name } = error as { code?: unknown; name?: unknown };
    if (typeof code === 'string') return code;
    if (name === 'TimeoutError') return 'ETIMEDOUT';
    if (name === 'AbortError') return 'UND_ERR_ABORTED';
  }
  return 'UNKNOWN';
}

// The body is read inside the lane, so a call holds its place until its connection is free again.
async function readWhole(pending: Promise<Dispatcher.ResponseData>): Promise<HttpResponse> {
  const response = await pending;
  return {
    status: response.statusCode,
    headers: response.headers,
    text: await response.body.text(),
  };
}

function queryString(query: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) search.set(key, String(value));
  }
  return search.size > 0 ? `?${search.toString()}` : '';
}

function jittered(delayMs: number): number {
  return Math.round(delayMs * (0.5 + Math.random()));
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
