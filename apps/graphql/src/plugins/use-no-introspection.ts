import { NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Refuses introspection on every request, with graphql-js's own validation rule.
 * (@graphql-yoga/plugin-disable-introspection would be the library choice; it is not a
 * dependency here, and it adds this same rule.)
 */
export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}
