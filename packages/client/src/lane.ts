import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  bulkhead,
  circuitBreaker,
  handleWhen,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
} from 'cockatiel';

/** When the client stops sending writes into a failing Z-API, and when it tries again. */
export interface CircuitBreakerOptions {
  /** Failures in a row (timeouts, 5xx, refused connections) that open the circuit. */
  consecutiveFailures: number;
  /** How long writes are refused before one trial write is let through. */
  halfOpenAfterMs: number;
}

/** The call's deadline passed while it waited for a connection: it was never sent. */
export class QueuedTooLong extends Error {
  override name = 'QueuedTooLong';
  readonly code = 'ZAPI_QUEUE_TIMEOUT';
  constructor() {
    super('no connection became free before the deadline; the request was never sent');
  }
}

/** The circuit is open: the call was refused without being sent. */
export class CircuitOpen extends Error {
  override name = 'CircuitOpen';
  readonly code = 'ZAPI_CIRCUIT_OPEN';
  constructor(readonly retryAfterMs: number) {
    super('the circuit is open; the request was not sent');
  }
}

export interface LaneOptions<T> {
  /** Calls in flight at once; the pool behind the lane should have as many connections. */
  concurrency: number;
  /** A circuit breaker over the lane's calls, or none. */
  breaker: CircuitBreakerOptions | undefined;
  /** Whether an answer counts as the upstream failing (a 5xx status). */
  failedAnswer: (answer: T) => boolean;
  onBreak?: () => void;
  onReset?: () => void;
}

/**
 * One class of calls (reads, or writes): at most `concurrency` of them in flight, the rest wait
 * their turn in order, and each is answered by its deadline, waiting included. Waiting is done
 * here rather than in undici's pool so that a call which runs out of time while waiting is
 * known never to have been sent (undici only drops an aborted request once a connection frees).
 */
export class Lane<T> {
  readonly #bulkhead: BulkheadPolicy;
  readonly #breaker: CircuitBreakerPolicy | undefined;
  readonly #halfOpenAfterMs: number;
  #openedAt = 0;

  constructor(options: LaneOptions<T>) {
    this.#bulkhead = bulkhead(options.concurrency, Number.POSITIVE_INFINITY);
    this.#halfOpenAfterMs = options.breaker?.halfOpenAfterMs ?? 0;
    if (options.breaker) {
      // Every failure of a sent call counts, and so does a 5xx answer; a call that never got a
      // connection in time says nothing about the upstream.
      const policy = handleWhen((error) => !(error instanceof QueuedTooLong)).orWhenResult(
        (answer) => options.failedAnswer(answer as T),
      );
      this.#breaker = circuitBreaker(policy, {
        halfOpenAfter: options.breaker.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(options.breaker.consecutiveFailures),
      });
      this.#breaker.onBreak(() => {
        this.#openedAt = Date.now();
        options.onBreak?.();
      });
      if (options.onReset) this.#breaker.onReset(options.onReset);
    }
  }

  /**
   * Runs `send` once a connection is free, answering by `deadline` whatever happens: with
   * {@link QueuedTooLong} when it never started, {@link CircuitOpen} when the breaker refused it,
   * the deadline's reason when it started and ran out of time.
   */
  run(deadline: AbortSignal, send: () => Promise<T>): Promise<T> {
    let sent = false;
    const go = (): Promise<T> => {
      if (deadline.aborted) throw new QueuedTooLong();
      sent = true;
      return send();
    };
    const breaker = this.#breaker;
    const work = this.#bulkhead.execute(async () => {
      // The bulkhead gets no signal: it would keep an aborted call queued, and dropping it later
      // does not free the next one. `go` ends such a call at once instead.
      if (!breaker) return go();
      try {
        return await breaker.execute(go, deadline);
      } catch (error) {
        if (error instanceof BrokenCircuitError) throw new CircuitOpen(this.#retryAfterMs());
        throw error;
      }
    });
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        // AbortSignal.timeout's reason is a DOMException named TimeoutError.
        reject(sent ? (deadline.reason as Error) : new QueuedTooLong());
      };
      deadline.addEventListener('abort', onAbort, { once: true });
      void work.then(resolve, reject).finally(() => {
        deadline.removeEventListener('abort', onAbort);
      });
    });
  }

  #retryAfterMs(): number {
    return Math.max(0, this.#openedAt + this.#halfOpenAfterMs - Date.now());
  }
}
