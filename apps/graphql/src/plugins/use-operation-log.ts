import type { Logger } from 'pino';
import type { Plugin } from 'graphql-yoga';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { outcomeOf, resultOutcome } from './operation-outcome.js';

export interface OperationLogOptions {
  /** Where the lines go, at info. */
  logger: Logger;
}

/** One log line per operation: its name, type, duration and outcome code. Never variables. */
export function useOperationLog({ logger }: OperationLogOptions): Plugin {
  // These lines carry only the four fields below (plus the logger's bindings), none of them a
  // redacted path, so redaction could never change one; skipping it saves pino's redactor about
  // 9 KB of garbage per request. Add a field here only if it can never hold a secret.
  const lines = logger.child({}, { redact: [] });
  return {
    onExecute({ args }) {
      const started = performance.now();
      const operation = (args.document as DocumentNode).definitions.find(
        (definition): definition is OperationDefinitionNode =>
          definition.kind === Kind.OPERATION_DEFINITION,
      );
      const type = operation?.operation ?? 'unknown';
      return {
        onExecuteDone({ result }) {
          lines.info(
            {
              operation: args.operationName ?? operation?.name?.value ?? 'anonymous',
              type,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              outcome: resultOutcome(result),
            },
            'graphql operation',
          );
        },
      };
    },
    onValidate() {
      return ({ valid, result }) => {
        if (!valid)
          lines.info(
            { outcome: outcomeOf(result), type: 'rejected' },
            'graphql operation rejected',
          );
      };
    },
  };
}
