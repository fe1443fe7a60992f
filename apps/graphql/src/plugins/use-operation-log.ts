import type { Logger } from 'pino';
import type { Plugin } from 'graphql-yoga';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { zapiErrorOf } from '../errors.js';

/**
 * The code a result's first error carries, or OK. Execution errors are read before yoga masks
 * them, so a client failure is read through the same mapping (its code) the answer gets.
 */
function outcomeOf(errors: readonly Error[] | undefined): string {
  const first = errors?.[0] as (Error & { extensions?: Record<string, unknown> }) | undefined;
  if (!first) return 'OK';
  const code = zapiErrorOf(first)?.code ?? first.extensions?.code;
  return typeof code === 'string' ? code : 'ERROR';
}

/** The code of the first user error in a mutation payload, if any. */
function userErrorCode(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  for (const payload of Object.values(data)) {
    const errors = (payload as { userErrors?: { code?: unknown }[] } | null)?.userErrors;
    const code = Array.isArray(errors) ? errors[0]?.code : undefined;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

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
          const errors = 'errors' in result ? result.errors : undefined;
          const data = 'data' in result ? result.data : undefined;
          lines.info(
            {
              operation: args.operationName ?? operation?.name?.value ?? 'anonymous',
              type,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              outcome: errors?.length ? outcomeOf(errors) : (userErrorCode(data) ?? 'OK'),
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
