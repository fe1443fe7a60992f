import { setTimeout as sleep } from 'node:timers/promises';
import {
  ZapiError,
  ZapiOutcomeUnknownError,
  isZapiError,
  type InstanceCandidate,
} from '@zapikit/client';
import type { ZapiErrorCode } from '@zapikit/schema';
import type { Logger } from 'pino';
import { DEADLINE_LOOKUP_MS } from '../drain.js';
import { IdempotencyKeyReusedError } from './errors.js';
import { fingerprintOf } from './fingerprint.js';
import type { Claim, IdempotencyStore } from './store.js';

/** Added to the upstream timeout to make a lease: the claim, the answer's record, a slow tick. */
export const LEASE_MARGIN_MS = 5_000;

/** How the gateway runs paid calls: from config (leases, waits) and from main (the drain). */
export interface PaidCallPolicy {
  /** How long a claim holds without renewal: the upstream timeout plus LEASE_MARGIN_MS. */
  leaseMs: number;
  /** How long a retry waits for a claim in flight before answering ZAPI_OUTCOME_UNKNOWN. */
  waitMs: number;
  /** Aborted at the drain's answer deadline: every paid call still waiting answers at once. */
  shutdown: AbortSignal;
  logger: Logger;
  /** Told what became of each keyed call, for metrics (see {@link KeyOutcome}). */
  onKey?: (operation: string, outcome: KeyOutcome) => void;
}

/**
 * What an idempotency key did: `claimed` (sent now), `replayed` (the first result, nothing sent),
 * `reused` (another input: refused), `lost` (a claim whose process died: unknown outcome),
 * `waited_out` (still in flight after the bounded wait: unknown outcome).
 */
export type KeyOutcome = 'claimed' | 'replayed' | 'reused' | 'lost' | 'waited_out';

/** The policy for an upstream timeout: the lease outlives it; a retry waits out a whole lease. */
export function paidCallPolicy(
  timeoutMs: number,
  shutdown: AbortSignal,
  logger: Logger,
): PaidCallPolicy {
  const leaseMs = timeoutMs + LEASE_MARGIN_MS;
  return { leaseMs, waitMs: leaseMs + timeoutMs, shutdown, logger };
}

/** What a paid mutation hands to {@link sendOnce}. */
export interface PaidCall<T> {
  /** The mutation, part of the fingerprint: one key cannot serve two mutations. */
  operation: string;
  idempotencyKey: string | undefined;
  /** The instance's name, for an unknown outcome whose candidates could not be looked up. */
  subject: string;
  /** The validated input, fingerprinted. */
  input: unknown;
  /** Sends the call to Z-API. */
  send: () => Promise<T>;
  /** What the store keeps of a result: JSON, and never a secret (no instance token). */
  record: (value: T) => unknown;
  /** The result again from what the store kept. */
  replay: (recorded: unknown) => Promise<T>;
  /** The unknown outcome of this call, with its candidates looked up now. */
  unknown: (reason: ZapiError) => Promise<ZapiOutcomeUnknownError>;
  /** Failures after which the call may have happened (the client's create decides by itself). */
  ambiguous?: (error: ZapiError) => boolean;
}

/** The fields of an unknown outcome the store keeps, to answer it again word for word. */
interface RecordedUnknown {
  message: string;
  operation: string;
  reason: ZapiErrorCode;
  status?: number;
  causeCode?: string;
  candidates: { id: string; name: string; created?: string; due?: string }[];
  lookupFailed?: ZapiErrorCode;
}

type Recorded = { ok: true; value: unknown } | { ok: false; unknown: RecordedUnknown };

function recordUnknown(error: ZapiOutcomeUnknownError): Recorded {
  return {
    ok: false,
    unknown: {
      message: error.message,
      operation: error.operation ?? 'createInstance',
      reason: error.reason,
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.causeCode === undefined ? {} : { causeCode: error.causeCode }),
      candidates: error.candidates.map((c) => ({
        id: c.id,
        name: c.name,
        ...(c.created ? { created: c.created.toISOString() } : {}),
        ...(c.due ? { due: c.due.toISOString() } : {}),
      })),
      ...(error.lookupFailed === undefined ? {} : { lookupFailed: error.lookupFailed }),
    },
  };
}

function replayUnknown(recorded: RecordedUnknown): ZapiOutcomeUnknownError {
  const candidates: InstanceCandidate[] = recorded.candidates.map((c) => ({
    id: c.id,
    name: c.name,
    ...(c.created ? { created: new Date(c.created) } : {}),
    ...(c.due ? { due: new Date(c.due) } : {}),
  }));
  const reason = new ZapiError(recorded.reason, '', {
    ...(recorded.status === undefined ? {} : { status: recorded.status }),
    ...(recorded.causeCode === undefined ? {} : { causeCode: recorded.causeCode }),
  });
  const error = new ZapiOutcomeUnknownError(
    '',
    reason,
    candidates,
    recorded.lookupFailed,
    recorded.operation,
  );
  error.message = recorded.message;
  return error;
}

/**
 * The unknown outcome at the drain's deadline: candidates looked up within DEADLINE_LOOKUP_MS,
 * or none with `lookupFailed: ZAPI_TIMEOUT`, so the answer still comes before the exit.
 */
async function unknownAtDeadline<T>(call: PaidCall<T>): Promise<ZapiOutcomeUnknownError> {
  const reason = SHUTDOWN_REASON();
  const tooLate = sleep(DEADLINE_LOOKUP_MS, undefined, { ref: false }).then(
    () => new ZapiOutcomeUnknownError(call.subject, reason, [], 'ZAPI_TIMEOUT', call.operation),
  );
  return Promise.race([call.unknown(reason), tooLate]);
}

/**
 * Sends, but gives up with ShutdownReached once `signal` aborts. The listener goes when the call
 * settles: one signal serves every call of the process's life.
 */
async function sendUntil<T>(send: () => Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) throw new ShutdownReached();
  let stop!: () => void;
  const stopped = new Promise<never>((_resolve, reject) => {
    stop = () => {
      reject(new ShutdownReached());
    };
  });
  signal.addEventListener('abort', stop, { once: true });
  try {
    return await Promise.race([send(), stopped]);
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/** The drain's answer deadline came while a paid call was still waiting. */
class ShutdownReached extends Error {
  override name = 'ShutdownReached';
}

const SHUTDOWN_REASON = () =>
  new ZapiError(
    'ZAPI_TIMEOUT',
    'the gateway was shutting down and could not wait longer for Z-API to answer',
  );
const LOST_REASON = () =>
  new ZapiError(
    'ZAPI_NETWORK',
    'the gateway process that sent it stopped before Z-API answered (its claim expired with no outcome)',
  );
const WAITED_REASON = () =>
  new ZapiError(
    'ZAPI_TIMEOUT',
    'the first request with this idempotency key is still waiting for Z-API; try the key again later',
  );

/**
 * Sends a paid call at most once per (API key, idempotency key), with Stripe's semantics adapted
 * to an upstream that cannot deduplicate:
 * - a new key is claimed with the input's fingerprint and a lease, renewed while the call runs,
 *   and its outcome (the result, or the unknown outcome) is kept 24 hours;
 * - a finished key with the same input answers the first outcome, sending nothing;
 * - a key in flight (here or on another replica) is waited for, within `waitMs`; never sent;
 * - a key whose lease ran out with no outcome (its process died mid-call) answers
 *   ZAPI_OUTCOME_UNKNOWN with the candidates found now, and records that;
 * - the same key with another input (or mutation): IDEMPOTENCY_KEY_REUSED, nothing sent;
 * - a store that cannot be reached: STORE_UNAVAILABLE, nothing sent.
 * Without a key, the store is not touched. With or without one, a call still waiting at the
 * drain's answer deadline answers ZAPI_OUTCOME_UNKNOWN (recorded when it held a claim).
 */
export async function sendOnce<T>(
  context: { idempotency: IdempotencyStore; callerId: string; paidCalls: PaidCallPolicy },
  call: PaidCall<T>,
): Promise<T> {
  const { idempotency: store, paidCalls: policy } = context;
  if (call.idempotencyKey === undefined) {
    try {
      return await sendUntil(call.send, policy.shutdown);
    } catch (error) {
      throw await unknownIfAmbiguous(call, error, false);
    }
  }
  const key = `${context.callerId}:${call.idempotencyKey}`;
  const fingerprint = fingerprintOf(call.operation, call.input);
  const waitUntil = Date.now() + policy.waitMs;
  let claim: Claim = await store.claim(key, fingerprint, policy.leaseMs);
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    switch (claim.status) {
      case 'acquired':
        policy.onKey?.(call.operation, 'claimed');
        return hold(context, call, key, claim.owner);
      case 'done':
        policy.onKey?.(call.operation, 'replayed');
        return replay(call, claim.outcome);
      case 'reused':
        policy.onKey?.(call.operation, 'reused');
        throw new IdempotencyKeyReusedError();
      case 'expired': {
        policy.onKey?.(call.operation, 'lost');
        const unknown = await call.unknown(LOST_REASON());
        claim = await store.settleExpired(key, fingerprint, JSON.stringify(recordUnknown(unknown)));
        continue;
      }
      case 'in-flight':
        break;
    }
    if (Date.now() >= waitUntil) {
      policy.onKey?.(call.operation, 'waited_out');
      throw await call.unknown(WAITED_REASON());
    }
    try {
      await sleep(delay, undefined, { signal: policy.shutdown });
    } catch {
      throw await unknownAtDeadline(call);
    }
    claim = await store.claim(key, fingerprint, policy.leaseMs);
  }
}

async function replay<T>(call: PaidCall<T>, outcome: string): Promise<T> {
  const recorded = JSON.parse(outcome) as Recorded;
  if (!recorded.ok) throw replayUnknown(recorded.unknown);
  return call.replay(recorded.value);
}

/**
 * An error as the caller gets it: the drain's deadline becomes an unknown outcome; so does an
 * ambiguous failure under a claim, so that the key remembers it rather than inviting a resend.
 */
async function unknownIfAmbiguous<T>(
  call: PaidCall<T>,
  error: unknown,
  claimed: boolean,
): Promise<unknown> {
  if (error instanceof ShutdownReached) return unknownAtDeadline(call);
  if (
    claimed &&
    isZapiError(error) &&
    error.code !== 'ZAPI_OUTCOME_UNKNOWN' &&
    call.ambiguous?.(error)
  )
    return call.unknown(error);
  return error;
}

/** Runs the call under the claim `owner` holds: renews its lease, then records or frees it. */
async function hold<T>(
  context: { idempotency: IdempotencyStore; paidCalls: PaidCallPolicy },
  call: PaidCall<T>,
  key: string,
  owner: string,
): Promise<T> {
  const { idempotency: store, paidCalls: policy } = context;
  const renewal = setInterval(() => {
    store.renew(key, owner, policy.leaseMs).catch((error: unknown) => {
      policy.logger.warn({ err: error, operation: call.operation }, 'could not renew a lease');
    });
  }, policy.leaseMs / 3);
  renewal.unref();
  const keep = async (recorded: Recorded) => {
    try {
      const kept = await store.complete(key, owner, JSON.stringify(recorded));
      if (!kept) {
        policy.logger.warn(
          { operation: call.operation },
          "a paid call's lease ran out before its outcome came; the unknown outcome recorded meanwhile stands",
        );
      }
    } catch (error) {
      // The claim stays in flight until its lease runs out; retries then answer unknown.
      policy.logger.error(
        { err: error, operation: call.operation },
        'could not record the outcome of a paid call',
      );
    }
  };
  try {
    let value: T;
    try {
      value = await sendUntil(call.send, policy.shutdown);
    } catch (error) {
      const answered = await unknownIfAmbiguous(call, error, true);
      if (isZapiError(answered) && answered.code === 'ZAPI_OUTCOME_UNKNOWN') {
        await keep(recordUnknown(answered as ZapiOutcomeUnknownError));
      } else {
        // A definite refusal: nothing happened, so the key is free for a corrected retry.
        await store.release(key, owner).catch((releaseError: unknown) => {
          policy.logger.warn({ err: releaseError }, 'could not release an idempotency key');
        });
      }
      throw answered;
    }
    await keep({ ok: true, value: call.record(value) });
    return value;
  } finally {
    clearInterval(renewal);
  }
}
