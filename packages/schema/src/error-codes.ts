/**
 * Every failure the toolkit reports, by stable code. The client throws the `ZAPI_` ones, the
 * gateway puts any of them in `extensions.code`, the bot turns them into a sentence: one list
 * for all three. The last two come from the shared state (idempotency keys, Redis), not Z-API.
 */
export const ZAPI_ERROR_CODES = [
  'ZAPI_INVALID_INPUT',
  'ZAPI_UNAUTHORIZED',
  'ZAPI_FORBIDDEN',
  'ZAPI_NOT_FOUND',
  'ZAPI_METHOD_NOT_ALLOWED',
  'ZAPI_UNSUPPORTED_MEDIA_TYPE',
  'ZAPI_REJECTED',
  'ZAPI_RATE_LIMITED',
  'ZAPI_UPSTREAM_ERROR',
  'ZAPI_TIMEOUT',
  'ZAPI_NETWORK',
  'ZAPI_BAD_RESPONSE',
  'ZAPI_OUTCOME_UNKNOWN',
  'IDEMPOTENCY_KEY_REUSED',
  'STORE_UNAVAILABLE',
  'ZAPI_CIRCUIT_OPEN',
] as const;

/** One of {@link ZAPI_ERROR_CODES}. */
export type ZapiErrorCode = (typeof ZAPI_ERROR_CODES)[number];

/** What each code means, in English, for documentation and for surfaces without their own words. */
export const ERROR_CODE_MEANINGS: Readonly<Record<ZapiErrorCode, string>> = {
  ZAPI_INVALID_INPUT:
    'The input was refused before anything was sent; `problems` names each field.',
  ZAPI_UNAUTHORIZED: 'Z-API refused the partner token (401).',
  ZAPI_FORBIDDEN: 'Z-API refused the request (403): check the Client-Token and account security.',
  ZAPI_NOT_FOUND: 'Z-API does not know that instance (404).',
  ZAPI_METHOD_NOT_ALLOWED: 'Z-API refused the method (405): a bug in the toolkit.',
  ZAPI_UNSUPPORTED_MEDIA_TYPE: 'Z-API refused the content type (415): a bug in the toolkit.',
  ZAPI_REJECTED: 'Z-API refused the request (another 4xx); nothing was done.',
  ZAPI_RATE_LIMITED: 'Z-API is rate limiting the partner (429); try again after `retryAfterMs`.',
  ZAPI_UPSTREAM_ERROR: 'Z-API had an internal error (5xx) on a call that changes nothing.',
  ZAPI_TIMEOUT: 'Z-API did not answer in time.',
  ZAPI_NETWORK: 'Z-API could not be reached.',
  ZAPI_BAD_RESPONSE:
    'Z-API answered with something that does not match what the endpoint promises.',
  ZAPI_OUTCOME_UNKNOWN:
    'A paid call may or may not have happened; `candidates` lists what was found. Check before trying again.',
  IDEMPOTENCY_KEY_REUSED:
    'The idempotency key was already used with another input (or another mutation) within 24 hours; nothing was sent. Use a new key for a new request.',
  STORE_UNAVAILABLE:
    'The shared state (Redis) could not be reached, so a call that needs it was refused and nothing was sent; try again shortly.',
  ZAPI_CIRCUIT_OPEN:
    'Z-API kept failing or timing out, so paid and changing calls are paused for a moment; nothing was sent. Retry after `retryAfterMs`; reads still go through.',
};

/** Whether a string is one of the toolkit's error codes. */
export function isZapiErrorCode(value: unknown): value is ZapiErrorCode {
  return typeof value === 'string' && (ZAPI_ERROR_CODES as readonly string[]).includes(value);
}
