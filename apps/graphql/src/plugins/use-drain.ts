import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface DrainOptions {
  /** Aborted when every request still executing must answer at once. */
  backstop: AbortSignal;
}

const shuttingDown = (): ExecutionResult => ({
  data: null,
  errors: [
    new GraphQLError(
      'The gateway is shutting down and Z-API did not answer in time; nothing changed here. Try again: another replica will answer.',
      { extensions: { code: 'ZAPI_TIMEOUT', retryable: true } },
    ),
  ],
});

/**
 * Makes sure every request in flight gets an answer before the process exits: once `backstop`
 * aborts, an execution still running answers ZAPI_TIMEOUT rather than being cut off with a reset.
 * Paid calls answer ZAPI_OUTCOME_UNKNOWN earlier by themselves (idempotency/paid-call.ts).
 *
 * Each execution listens to the signal only while it runs and stops listening when it settles.
 * (Racing every execution against one process-long promise instead would leave a reaction on
 * that promise per request until shutdown: memory that grows with every request served.)
 */
export function useDrain({ backstop }: DrainOptions): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        if (backstop.aborted) return shuttingDown();
        let stop: (() => void) | undefined;
        const cutOff = new Promise<ExecutionResult>((resolve) => {
          stop = () => {
            resolve(shuttingDown());
          };
          backstop.addEventListener('abort', stop, { once: true });
        });
        try {
          const result = (await Promise.race([executeFn(args), cutOff])) as ExecutionResult;
          return result;
        } finally {
          if (stop) backstop.removeEventListener('abort', stop);
        }
      });
    },
  };
}
