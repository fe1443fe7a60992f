import type { InstanceListItem } from '@zapikit/schema';
import { ZapiError, ZapiOutcomeUnknownError, type InstanceCandidate } from './errors.js';

/** An instance as a candidate: its id, name and dates, never its token. */
export function candidateOf(item: InstanceListItem): InstanceCandidate {
  return {
    id: item.id,
    name: item.name,
    ...(item.created ? { created: item.created } : {}),
    ...(item.due ? { due: item.due } : {}),
  };
}

/**
 * The error for a create whose outcome is unknown, with the instances found under its name as
 * candidates. Z-API has no idempotency key: when a create may have happened, look the name up and
 * hand the decision to a person rather than create again or guess. Used by the client for an
 * ambiguous answer, and by the gateway when the process that sent a create died before its answer.
 */
export async function outcomeUnknownByName(
  findInstancesByName: (name: string) => Promise<InstanceListItem[]>,
  name: string,
  cause: unknown,
): Promise<ZapiOutcomeUnknownError> {
  const reason =
    cause instanceof ZapiError
      ? cause
      : new ZapiError('ZAPI_NETWORK', 'the request failed', { operation: 'createInstance' });
  try {
    const candidates = (await findInstancesByName(name)).map(candidateOf);
    return new ZapiOutcomeUnknownError(name, reason, candidates, undefined);
  } catch (lookupError) {
    const code = lookupError instanceof ZapiError ? lookupError.code : 'ZAPI_NETWORK';
    return new ZapiOutcomeUnknownError(name, reason, [], code);
  }
}
