import { codedErrorOf } from '../errors.js';

/**
 * The code a result's first error carries, or OK. Execution errors are read before yoga masks
 * them, so a client or idempotency failure is read through the same mapping (its code) the
 * answer gets.
 */
export function outcomeOf(errors: readonly Error[] | undefined): string {
  const first = errors?.[0] as (Error & { extensions?: Record<string, unknown> }) | undefined;
  if (!first) return 'OK';
  const code = codedErrorOf(first)?.code ?? first.extensions?.code;
  return typeof code === 'string' ? code : 'ERROR';
}

/** The code of the first user error in a mutation payload, if any. */
export function userErrorCode(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  for (const payload of Object.values(data)) {
    const errors = (payload as { userErrors?: { code?: unknown }[] } | null)?.userErrors;
    const code = Array.isArray(errors) ? errors[0]?.code : undefined;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** An execution's outcome: the first error's code, else the first user error's code, else OK. */
export function resultOutcome(result: unknown): string {
  const errors = (result as { errors?: readonly Error[] }).errors;
  if (errors?.length) return outcomeOf(errors);
  return userErrorCode((result as { data?: unknown }).data) ?? 'OK';
}
