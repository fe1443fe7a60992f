import { inspect } from 'node:util';
import type { Problem, ZapiErrorCode } from '@zapikit/schema';

/** What every {@link ZapiError} carries besides its message. */
export interface ZapiErrorDetails {
  /** HTTP status Z-API answered with, when it answered. */
  status?: number;
  /** Z-API's own error text, with every secret removed. */
  zapiMessage?: string;
  /** Whether the same call may succeed if made again later. */
  retryable?: boolean;
  /** How long Z-API asked to wait before trying again (429 Retry-After). */
  retryAfterMs?: number;
  /** The client operation that failed, such as `createInstance`. */
  operation?: string;
  /** The low-level code behind a network failure, such as `ECONNRESET`. */
  causeCode?: string;
}

/**
 * Every failure of the client. Match on `code`, not on the class: codes are stable across
 * versions and are what the gateway and the bot map. Holds no secret: its message, JSON and
 * inspected form are safe to log.
 */
export class ZapiError extends Error {
  override name = 'ZapiError';
  readonly code: ZapiErrorCode;
  readonly status: number | undefined;
  readonly zapiMessage: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly operation: string | undefined;
  readonly causeCode: string | undefined;

  constructor(code: ZapiErrorCode, message: string, details: ZapiErrorDetails = {}) {
    super(message);
    this.code = code;
    this.status = details.status;
    this.zapiMessage = details.zapiMessage;
    this.retryable = details.retryable ?? false;
    this.retryAfterMs = details.retryAfterMs;
    this.operation = details.operation;
    this.causeCode = details.causeCode;
  }

  /** The error as plain data, for logs and API responses. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
    };
    for (const key of [
      'status',
      'zapiMessage',
      'retryAfterMs',
      'operation',
      'causeCode',
    ] as const) {
      if (this[key] !== undefined) json[key] = this[key];
    }
    return json;
  }

  [inspect.custom](): string {
    return `${this.stack ?? `${this.name}: ${this.message}`}\n${inspect(this.toJSON())}`;
  }
}

/** The input was refused before anything was sent. */
export class ZapiValidationError extends ZapiError {
  override name = 'ZapiValidationError';
  readonly problems: Problem[];

  constructor(problems: Problem[], operation: string) {
    super('ZAPI_INVALID_INPUT', problems.map((p) => p.message).join('; '), { operation });
    this.problems = problems;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), problems: this.problems };
  }
}

/** Z-API answered with an error status. */
export class ZapiHttpError extends ZapiError {
  override name = 'ZapiHttpError';
}

/** Z-API answered 429. */
export class ZapiRateLimitedError extends ZapiHttpError {
  override name = 'ZapiRateLimitedError';
}

/** No answer came in time. */
export class ZapiTimeoutError extends ZapiError {
  override name = 'ZapiTimeoutError';
}

/**
 * Z-API kept failing (timeouts, 5xx, unreachable), so the client stopped sending writes for a
 * while: nothing was sent. `retryAfterMs` says when one trial call will be let through again.
 */
export class ZapiCircuitOpenError extends ZapiError {
  override name = 'ZapiCircuitOpenError';
}

/** The connection failed. */
export class ZapiNetworkError extends ZapiError {
  override name = 'ZapiNetworkError';
}

/** Z-API answered, but not with what the endpoint promises. */
export class ZapiBadResponseError extends ZapiError {
  override name = 'ZapiBadResponseError';
}

/** An instance that may be the one a create with an unknown outcome made. Never its token. */
export interface InstanceCandidate {
  id: string;
  name: string;
  created?: Date;
  due?: Date;
}

/**
 * A paid call may or may not have happened: Z-API was reached but its answer was lost or broken
 * (or the process that sent it stopped before the answer came). For a create, `candidates` lists
 * the instances found afterwards under the same name; for a call on one instance
 * (`operation` says which), that instance as listed now. A person decides before trying again.
 */
export class ZapiOutcomeUnknownError extends ZapiError {
  override name = 'ZapiOutcomeUnknownError';
  readonly candidates: InstanceCandidate[];
  /** The failure that made the outcome unknown. */
  readonly reason: ZapiErrorCode;
  /** Set when the follow-up lookup itself failed, so `candidates` is not conclusive. */
  readonly lookupFailed: ZapiErrorCode | undefined;

  constructor(
    instanceName: string,
    reason: ZapiError,
    candidates: InstanceCandidate[],
    lookupFailed: ZapiErrorCode | undefined,
    operation = 'createInstance',
  ) {
    const creating = operation === 'createInstance';
    const found =
      lookupFailed !== undefined
        ? `looking the ${creating ? 'name' : 'instance'} up failed too (${lookupFailed})`
        : candidates.length === 0
          ? `no instance with that ${creating ? 'name' : 'id'} was found afterwards`
          : `${candidates.length} instance(s) with that ${creating ? 'name' : 'id'} exist: ${candidates.map((c) => c.id).join(', ')}`;
    const what = creating
      ? `created the instance "${instanceName}"`
      : `done ${operation} on the instance "${instanceName}"`;
    super(
      'ZAPI_OUTCOME_UNKNOWN',
      `Z-API may or may not have ${what} (${reason.code}: ${reason.message}); ${found}. Check before ${creating ? 'creating it' : 'trying'} again.`,
      {
        operation,
        ...(reason.status === undefined ? {} : { status: reason.status }),
        ...(reason.causeCode === undefined ? {} : { causeCode: reason.causeCode }),
      },
    );
    this.candidates = candidates;
    this.reason = reason.code;
    this.lookupFailed = lookupFailed;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      reason: this.reason,
      candidates: this.candidates,
      ...(this.lookupFailed === undefined ? {} : { lookupFailed: this.lookupFailed }),
    };
  }
}

/** Whether a value is one of the client's errors. Prefer it to `instanceof` across versions. */
export function isZapiError(value: unknown): value is ZapiError {
  return (
    value instanceof Error &&
    typeof (value as Partial<ZapiError>).code === 'string' &&
    value.name.startsWith('Zapi')
  );
}
