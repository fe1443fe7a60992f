import { GraphQLError } from 'graphql';
import { isZapiError, ZapiOutcomeUnknownError } from '@zapikit/client';

/**
 * A client failure as a GraphQL error: `extensions.code` is the client's code, so frontends
 * branch on the same strings the bot and the client use. Carries no secret.
 */
export function toGraphQLError(error: unknown): GraphQLError {
  if (!isZapiError(error)) {
    // Unknown failures are masked by yoga; keep the original for its logs.
    return error instanceof GraphQLError
      ? error
      : new GraphQLError('Unexpected error', { originalError: error as Error });
  }
  const zapi = error;
  const extensions: Record<string, unknown> = { code: zapi.code, retryable: zapi.retryable };
  if (zapi.status !== undefined) extensions.status = zapi.status;
  if (zapi.retryAfterMs !== undefined) extensions.retryAfterMs = zapi.retryAfterMs;
  if (zapi instanceof ZapiOutcomeUnknownError) {
    extensions.reason = zapi.reason;
    extensions.candidates = zapi.candidates.map((candidate) => ({
      id: candidate.id,
      name: candidate.name,
      created: candidate.created?.toISOString() ?? null,
      due: candidate.due?.toISOString() ?? null,
    }));
    if (zapi.lookupFailed) extensions.lookupFailed = zapi.lookupFailed;
  }
  return new GraphQLError(zapi.message, { extensions });
}
