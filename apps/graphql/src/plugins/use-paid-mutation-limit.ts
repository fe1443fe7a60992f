import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  type ASTVisitor,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Mutations that spend the partner's money. */
export const PAID_MUTATIONS = new Set(['createInstance', 'subscribeInstance', 'enableCalls']);

/** Refuses, at validation, any operation with more than one paid mutation (see the rule). */
export function usePaidMutationLimit(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(onePaidMutationRule);
    },
  };
}

/**
 * A validation rule: at most one paid mutation per operation, counting aliases and fields
 * reached through fragments, so one request can never buy two things by accident.
 */
export function onePaidMutationRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation !== OperationTypeNode.MUTATION) return;
      const paid = countPaid(context, node.selectionSet, new Set());
      if (paid > 1) {
        context.reportError(
          new GraphQLError(
            `At most one paid mutation (${[...PAID_MUTATIONS].join(', ')}) per request; this one has ${paid}. Send them one at a time.`,
            { nodes: [node], extensions: { code: 'PAID_MUTATION_LIMIT' } },
          ),
        );
      }
    },
  };
}

function countPaid(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  seen: Set<string>,
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (PAID_MUTATIONS.has(selection.name.value)) count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countPaid(context, selection.selectionSet, seen);
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      if (fragment && !seen.has(name)) {
        seen.add(name);
        count += countPaid(context, fragment.selectionSet, seen);
      }
    }
  }
  return count;
}
