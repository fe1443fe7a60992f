import { z } from 'zod';
import { formatProblems, validate } from '@zapikit/schema';
import { ROUTE_NAMES, type RouteName } from './routes.js';

/** The callbacks the simulated phone sends, by the name fault rules use. */
export const SANDBOX_CALLBACKS = ['connected', 'disconnected'] as const;
export type SandboxCallback = (typeof SANDBOX_CALLBACKS)[number];

/** What goes wrong with a request. */
export type RequestFault =
  /** Waits, then answers normally. */
  | { kind: 'latency'; ms: number }
  /** Answers with this status (and body, JSON-encoded unless a string). */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> | undefined }
  /** 429 with a Retry-After header. */
  | { kind: 'rate-limit'; retryAfterSeconds?: number | undefined }
  /** Never answers; the request stays open until the client gives up or the sandbox closes. */
  | { kind: 'hang' }
  /** Destroys the connection without an answer. */
  | { kind: 'reset' }
  /** Answers 200 with a body that is not the JSON the endpoint promises. */
  | { kind: 'malformed' };

/** What goes wrong with a callback the sandbox POSTs to an instance's webhook. */
export type CallbackFault =
  /** The callback is never sent, as when Z-API loses one. */
  | { kind: 'callback-drop' }
  /** The callback is sent `copies` times (default 2), as when Z-API delivers one twice. */
  | { kind: 'callback-duplicate'; copies?: number | undefined }
  /** The callback is sent after `ms`, so later ones may overtake it. */
  | { kind: 'callback-delay'; ms: number };

/** What goes wrong: with a request (no `callback-` prefix), or with a callback. */
export type Fault = RequestFault | CallbackFault;

/** When and how often a fault applies. */
export interface FaultRule {
  fault: Fault;
  /** Only requests to this endpoint; any endpoint when absent. Request faults only. */
  route?: RouteName | undefined;
  /** Only this callback; any callback when absent. Callback faults only. */
  callback?: SandboxCallback | undefined;
  /** Only requests about this instance name (the create body's `name`, or the instance's name). */
  instanceName?: string | undefined;
  /** How many matching requests (or callbacks) it applies to; every one when absent. */
  times?: number | undefined;
  /**
   * `before` (default) fails the request before the sandbox acts on it; `after` lets it act (an
   * instance is created, say) and then fails the answer, as a lost response does. Request faults
   * only.
   */
  phase?: 'before' | 'after' | undefined;
}

const REQUEST_FAULT_KINDS = ['latency', 'status', 'rate-limit', 'hang', 'reset', 'malformed'];
const CALLBACK_FAULT_KINDS = ['callback-drop', 'callback-duplicate', 'callback-delay'];
const ms = z.number().int().min(0).max(600_000);
// The control path (`sandbox-…`) is never faulted: a rule naming it would never fire.
const FAULTABLE_ROUTES = ROUTE_NAMES.filter((name) => !name.startsWith('sandbox-')) as [
  RouteName,
  ...RouteName[],
];

const FaultSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('latency'), ms }),
    z.strictObject({
      kind: z.literal('status'),
      status: z.number().int().min(100).max(599),
      body: z.unknown().optional(),
      headers: z.record(z.string(), z.string()).optional(),
    }),
    z.strictObject({
      kind: z.literal('rate-limit'),
      retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
    }),
    z.strictObject({ kind: z.literal('hang') }),
    z.strictObject({ kind: z.literal('reset') }),
    z.strictObject({ kind: z.literal('malformed') }),
    z.strictObject({ kind: z.literal('callback-drop') }),
    z.strictObject({
      kind: z.literal('callback-duplicate'),
      copies: z.number().int().min(2).max(10).optional(),
    }),
    z.strictObject({ kind: z.literal('callback-delay'), ms }),
  ],
  {
    error: (issue) =>
      issue.input === undefined
        ? 'is required'
        : `must be one of: ${[...REQUEST_FAULT_KINDS, ...CALLBACK_FAULT_KINDS].join(', ')}`,
  },
);

/** A fault rule as JSON carries it (`POST /__sandbox/faults`), checked field by field. */
export const FaultRuleSchema = z
  .strictObject({
    fault: FaultSchema,
    route: z.enum(FAULTABLE_ROUTES).optional(),
    callback: z.enum(SANDBOX_CALLBACKS).optional(),
    instanceName: z.string().optional(),
    times: z.number().int().min(1).optional(),
    phase: z.enum(['before', 'after']).optional(),
  })
  .check((ctx) => {
    const forCallbacks = isCallbackFault(ctx.value.fault);
    const misplaced = forCallbacks ? (['route', 'phase'] as const) : (['callback'] as const);
    for (const key of misplaced) {
      if (ctx.value[key] === undefined) continue;
      ctx.issues.push({
        code: 'custom',
        path: [key],
        input: ctx.value[key],
        message: forCallbacks
          ? 'applies to requests only, not to a callback fault'
          : 'applies to callback faults only',
      });
    }
  }) satisfies z.ZodType<FaultRule>;

/** Checks a fault rule, throwing a TypeError that names each bad field. */
export function parseFaultRule(input: unknown): FaultRule {
  const result = validate(FaultRuleSchema, input);
  if (!result.success)
    throw new TypeError(`Invalid fault rule: ${formatProblems(result.problems)}`);
  return result.data;
}

function isCallbackFault(fault: Fault): fault is CallbackFault {
  return CALLBACK_FAULT_KINDS.includes(fault.kind);
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

  /** Adds a fault; rules added first are matched first. Throws a TypeError on a bad rule. */
  inject(rule: FaultRule): FaultHandle {
    const active: ActiveRule = { ...parseFaultRule(rule), hits: 0 };
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

  /** Takes the first request fault that applies to this request, counting it as used. */
  take(
    route: RouteName,
    phase: 'before' | 'after',
    instanceName: string | undefined,
  ): RequestFault | undefined {
    const rule = this.#takeRule(
      (candidate) =>
        !isCallbackFault(candidate.fault) &&
        (candidate.phase ?? 'before') === phase &&
        (candidate.route === undefined || candidate.route === route),
      instanceName,
    );
    return rule?.fault as RequestFault | undefined;
  }

  /** Takes the first callback fault that applies to this callback, counting it as used. */
  takeCallback(callback: SandboxCallback, instanceName: string): CallbackFault | undefined {
    const rule = this.#takeRule(
      (candidate) =>
        isCallbackFault(candidate.fault) &&
        (candidate.callback === undefined || candidate.callback === callback),
      instanceName,
    );
    return rule?.fault as CallbackFault | undefined;
  }

  #takeRule(
    matches: (rule: ActiveRule) => boolean,
    instanceName: string | undefined,
  ): ActiveRule | undefined {
    const rule = this.#rules.find(
      (candidate) =>
        matches(candidate) &&
        (candidate.instanceName === undefined || candidate.instanceName === instanceName) &&
        (candidate.times === undefined || candidate.hits < candidate.times),
    );
    if (rule) rule.hits += 1;
    return rule;
  }
}
