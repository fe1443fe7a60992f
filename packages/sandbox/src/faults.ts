import type { RouteName } from './routes.js';

/** What goes wrong. */
export type Fault =
  /** Waits, then answers normally. */
  | { kind: 'latency'; ms: number }
  /** Answers with this status (and body, JSON-encoded unless a string). */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** 429 with a Retry-After header. */
  | { kind: 'rate-limit'; retryAfterSeconds?: number }
  /** Never answers; the request stays open until the client gives up or the sandbox closes. */
  | { kind: 'hang' }
  /** Destroys the connection without an answer. */
  | { kind: 'reset' }
  /** Answers 200 with a body that is not the JSON the endpoint promises. */
  | { kind: 'malformed' };

/** When and how often a fault applies. */
export interface FaultRule {
  fault: Fault;
  /** Only requests to this endpoint; any endpoint when absent. */
  route?: RouteName;
  /** Only requests about this instance name (the create body's `name`, or the instance's name). */
  instanceName?: string;
  /** How many matching requests it applies to; every one when absent. */
  times?: number;
  /**
   * `before` (default) fails the request before the sandbox acts on it; `after` lets it act (an
   * instance is created, say) and then fails the answer, as a lost response does.
   */
  phase?: 'before' | 'after';
}

/** A fault that was added, to see how often it fired or to take it away. */
export interface FaultHandle {
  readonly hits: number;
  remove(): void;
}

interface ActiveRule extends FaultRule {
  hits: number;
}

/** The faults injected into a running sandbox. */
export class FaultInjector {
  #rules: ActiveRule[] = [];

  /** Adds a fault; rules added first are matched first. */
  inject(rule: FaultRule): FaultHandle {
    const active: ActiveRule = { ...rule, hits: 0 };
    this.#rules.push(active);
    return {
      get hits() {
        return active.hits;
      },
      remove: () => {
        this.#rules = this.#rules.filter((candidate) => candidate !== active);
      },
    };
  }

  /** Removes every fault. */
  clear(): void {
    this.#rules = [];
  }

  /** Takes the first fault that applies to this request, counting it as used. */
  take(
    route: RouteName,
    phase: 'before' | 'after',
    instanceName: string | undefined,
  ): Fault | undefined {
    const rule = this.#rules.find(
      (candidate) =>
        (candidate.phase ?? 'before') === phase &&
        (candidate.route === undefined || candidate.route === route) &&
        (candidate.instanceName === undefined || candidate.instanceName === instanceName) &&
        (candidate.times === undefined || candidate.hits < candidate.times),
    );
    if (!rule) return undefined;
    rule.hits += 1;
    return rule.fault;
  }
}
