import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface DrainOptions {
  /** Aborted when every request still executing must answer at once. */
  backstop: AbortSignal;
}

const SHUTTING_DOWN = () =>
  new GraphQLError(
    'The gateway is shutting down and Z-API did not answer in time; nothing changed here. Try again: another replica will answer.',
    { extensions: { code: 'ZAPI_TIMEOUT', retryable: true } },
  );

/**
 * Makes sure every request in flight gets an answer before the process exits: once `backstop`
 * aborts, an execution still running answers ZAPI_TIMEOUT rather than being cut off with a reset.
 * Paid calls answer ZAPI_OUTCOME_UNKNOWN earlier by themselves (idempotency/paid-call.ts).
 */
export function useDrain({ backstop }: DrainOptions): Plugin {
  const cutOff = new Promise<ExecutionResult>((resolve) => {
    const answer = () => {
      resolve({ data: null, errors: [SHUTTING_DOWN()] });
    };
    if (backstop.aborted) answer();
    else backstop.addEventListener('abort', answer, { once: true });
  });
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => Promise.race([executeFn(args), cutOff]));
    },
  };
}
