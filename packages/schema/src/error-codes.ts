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

/** What a code means to whoever meets it: what happened, whether a retry is safe, what to do. */
export interface ZapiErrorWords {
  /** What happened, in one sentence. */
  meaning: string;
  /**
   * Whether sending the same call again is safe: `yes` (nothing happened), `later` (nothing
   * happened; wait first), `check` (something may have happened; look before retrying) or `no`
   * (it will fail the same way until something is changed).
   */
  retry: 'yes' | 'later' | 'check' | 'no';
  /** What to do about it. */
  action: string;
}

/** The words for every code, in English; surfaces word their own replies from these. */
export const ZAPI_ERROR_WORDS: Readonly<Record<ZapiErrorCode, ZapiErrorWords>> = Object.freeze({
  ZAPI_INVALID_INPUT: {
    meaning: 'The input was refused before anything was sent to Z-API.',
    retry: 'no',
    action: 'Correct the fields named in the message and send again.',
  },
  ZAPI_UNAUTHORIZED: {
    meaning: 'Z-API refused the partner token.',
    retry: 'no',
    action: 'Check the partner token (ZAPI_PARTNER_TOKEN).',
  },
  ZAPI_FORBIDDEN: {
    meaning: 'Z-API refused the request as forbidden.',
    retry: 'no',
    action: "Check the client token (ZAPI_CLIENT_TOKEN) and the account's security settings.",
  },
  ZAPI_NOT_FOUND: {
    meaning: 'Z-API does not know that instance.',
    retry: 'no',
    action: 'Check the instance id and token.',
  },
  ZAPI_METHOD_NOT_ALLOWED: {
    meaning: 'Z-API refused the HTTP method of the call.',
    retry: 'no',
    action: 'This is a bug in the toolkit or a changed Z-API endpoint; report it.',
  },
  ZAPI_UNSUPPORTED_MEDIA_TYPE: {
    meaning: "Z-API refused the call's content type.",
    retry: 'no',
    action: 'This is a bug in the toolkit or a changed Z-API endpoint; report it.',
  },
  ZAPI_REJECTED: {
    meaning: 'Z-API refused the request.',
    retry: 'no',
    action: "Read Z-API's message in the error and change the request.",
  },
  ZAPI_RATE_LIMITED: {
    meaning: 'Z-API is rate limiting the partner account; nothing was done.',
    retry: 'later',
    action: 'Wait retryAfterMs (when given) and send again.',
  },
  ZAPI_UPSTREAM_ERROR: {
    meaning: 'Z-API had an internal error.',
    retry: 'later',
    action:
      'Send again shortly; a create that failed this way is reported as ZAPI_OUTCOME_UNKNOWN.',
  },
  ZAPI_TIMEOUT: {
    meaning: 'Z-API did not answer in time (the whole call, waiting for a connection included).',
    retry: 'later',
    action:
      'Send again shortly; a create that may have reached Z-API is reported as ZAPI_OUTCOME_UNKNOWN.',
  },
  ZAPI_NETWORK: {
    meaning: 'Z-API could not be reached.',
    retry: 'later',
    action: 'Check the network and ZAPI_BASE_URL, then send again.',
  },
  ZAPI_BAD_RESPONSE: {
    meaning: 'Z-API answered with something other than what the endpoint promises.',
    retry: 'check',
    action: 'Look at the instance before doing it again.',
  },
  ZAPI_OUTCOME_UNKNOWN: {
    meaning: 'A create reached Z-API but its answer was lost: it may or may not have happened.',
    retry: 'check',
    action:
      'Look at the candidates listed (same name) before creating again, or you may pay twice.',
  },
  ZAPI_CIRCUIT_OPEN: {
    meaning:
      'Z-API kept failing (timeouts or 5xx), so writes are paused for a while; nothing was sent.',
    retry: 'later',
    action:
      'Send again after retryAfterMs: one trial call then goes through, and writes resume once it succeeds. Reads still work.',
  },
});
