import type { ZapiErrorCode } from '@zapikit/client';
import type { Problem } from '@zapikit/schema';

/** What a member reads for each failure code the client reports. */
export const ZAPI_ERROR_SENTENCES: Readonly<Record<ZapiErrorCode, string>> = {
  ZAPI_INVALID_INPUT: 'Some options are not valid.',
  ZAPI_UNAUTHORIZED:
    'Z-API refused the partner token. The bot operator must check ZAPI_PARTNER_TOKEN.',
  ZAPI_FORBIDDEN:
    'Z-API refused the request (forbidden). The bot operator must check ZAPI_CLIENT_TOKEN and the account security settings.',
  ZAPI_NOT_FOUND: 'Z-API does not know that instance.',
  ZAPI_METHOD_NOT_ALLOWED:
    'Z-API refused the call (method not allowed). This is a bug in the bot; please report it.',
  ZAPI_UNSUPPORTED_MEDIA_TYPE:
    'Z-API refused the call (unsupported media type). This is a bug in the bot; please report it.',
  ZAPI_REJECTED: 'Z-API refused the request.',
  ZAPI_RATE_LIMITED:
    'Z-API is rate limiting the partner account. Nothing was done; try again shortly.',
  ZAPI_UPSTREAM_ERROR: 'Z-API had an internal error. Nothing was done; try again shortly.',
  ZAPI_TIMEOUT: 'Z-API did not answer in time. Nothing was done; try again shortly.',
  ZAPI_NETWORK: 'The bot could not reach Z-API. Nothing was done; try again shortly.',
  ZAPI_BAD_RESPONSE: 'Z-API answered with something unexpected.',
  ZAPI_OUTCOME_UNKNOWN: 'Z-API may or may not have done it.',
  IDEMPOTENCY_KEY_REUSED: 'That request was already made with other options. Nothing was sent.',
  STORE_UNAVAILABLE:
    "The bot's shared state (Redis) cannot be reached. Nothing was sent; try again shortly.",
  ZAPI_CIRCUIT_OPEN:
    'Z-API kept failing, so the bot paused creating and changing instances for a moment. Nothing was sent; listing still works.',
};

/**
 * One line per problem, naming the Discord option (not the schema field) and what is wrong:
 * "`delivery-callback-url`: must be an https URL".
 */
export function describeOptionProblems(
  problems: readonly Problem[],
  optionNameOf: (field: string) => string | undefined,
): string {
  return problems
    .map((problem) => {
      const field = problem.path[0];
      const option = typeof field === 'string' ? optionNameOf(field) : undefined;
      return option === undefined ? `• ${problem.message}` : `• \`${option}\`: ${problem.reason}`;
    })
    .join('\n');
}
