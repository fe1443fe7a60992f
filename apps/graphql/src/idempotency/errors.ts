/**
 * The idempotency failures the gateway reports beside the client's: stable codes from
 * @zapikit/schema's list, mapped to `extensions.code` in errors.ts.
 */
export class IdempotencyError extends Error {
  override name = 'IdempotencyError';
  readonly code: 'IDEMPOTENCY_KEY_REUSED' | 'STORE_UNAVAILABLE';
  /** Whether the same request may succeed if made again later. */
  readonly retryable: boolean;

  constructor(code: IdempotencyError['code'], message: string, retryable: boolean) {
    super(message);
    this.code = code;
    this.retryable = retryable;
  }
}

/** The key was claimed for another input (or another mutation) within 24 hours; nothing was sent. */
export class IdempotencyKeyReusedError extends IdempotencyError {
  override name = 'IdempotencyKeyReusedError';

  constructor() {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      'This idempotencyKey was already used with another input (or another mutation) within 24 hours; nothing was sent. Use a new key for a new request.',
      false,
    );
  }
}

/** The idempotency store (Redis) could not be reached; nothing was sent. */
export class StoreUnavailableError extends IdempotencyError {
  override name = 'StoreUnavailableError';

  constructor() {
    // Never the cause's text: it may name the Redis host; the log has it, redacted.
    super(
      'STORE_UNAVAILABLE',
      'The idempotency store cannot be reached, so a call with an idempotencyKey was refused and nothing was sent; try again shortly.',
      true,
    );
  }
}

/** Whether a value is one of the idempotency failures above, matched on its code. */
export function isIdempotencyError(value: unknown): value is IdempotencyError {
  return (
    value instanceof Error &&
    ((value as Partial<IdempotencyError>).code === 'IDEMPOTENCY_KEY_REUSED' ||
      (value as Partial<IdempotencyError>).code === 'STORE_UNAVAILABLE')
  );
}
