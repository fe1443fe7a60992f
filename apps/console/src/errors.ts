import type { CombinedError } from 'urql';

/**
 * The stable code of a failed call: the gateway's extensions.code (ZAPI_*, UNAUTHENTICATED,
 * FORBIDDEN…), or NETWORK when no GraphQL answer arrived.
 */
export function codeOf(error: CombinedError | undefined): string {
  const code = error?.graphQLErrors[0]?.extensions.code;
  return typeof code === 'string' ? code : 'NETWORK';
}
