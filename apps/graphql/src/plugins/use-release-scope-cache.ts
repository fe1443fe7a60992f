import { RequestCache } from '@pothos/plugin-scope-auth';
import type { Plugin } from 'graphql-yoga';

/**
 * Drops scope-auth's per-request cache as soon as execution ends. The cache lives in a WeakMap
 * keyed by the context, and its value points back at the context: V8's young-generation
 * collector keeps such an entry (and so the whole request) alive until a full collection, which
 * made every request survive into the old generation and lengthened each scavenge pause several
 * times over.
 */
export function useReleaseScopeCache(): Plugin {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone() {
          RequestCache.clearForContext(args.contextValue);
        },
      };
    },
  };
}
