import { NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Refuses introspection on every request, with graphql-js's own validation rule. The yoga plugin
 * for this (@graphql-yoga/plugin-disable-introspection) marks each request in `onRequestParse`,
 * a hook the fast path does not run, and would let introspection through there.
 */
export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}
