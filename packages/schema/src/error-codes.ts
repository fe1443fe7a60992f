/**
 * Every failure the toolkit reports, by stable code. The client throws them, the gateway puts
 * them in `extensions.code`, the bot turns them into a sentence: one list for all three.
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
  'ZAPI_CIRCUIT_OPEN',
] as const;

/** One of {@link ZAPI_ERROR_CODES}. */
export type ZapiErrorCode = (typeof ZAPI_ERROR_CODES)[number];

/** Whether a string is one of the toolkit's error codes. */
export function isZapiErrorCode(value: unknown): value is ZapiErrorCode {
  return typeof value === 'string' && (ZAPI_ERROR_CODES as readonly string[]).includes(value);
}
