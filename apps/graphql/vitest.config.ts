import { defineProject, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

export default mergeConfig(
  sharedConfig,
  defineProject({
    // graphql ships ESM and CJS builds; dependencies load the CJS one, so tests must too, or
    // "Cannot use GraphQLScalarType from another module or realm".
    resolve: { alias: { graphql: 'graphql/index.js' } },
  }),
);
