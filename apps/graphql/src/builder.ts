import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { GatewayContext } from './context.js';

/** The one Pothos builder: every type module imports it and adds itself. */
export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  AuthScopes: { read: boolean; write: boolean; token: boolean };
  Scalars: { DateTime: { Input: Date; Output: Date } };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
}>({
  plugins: [ScopeAuthPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (context) => ({
      read: context.scopes.has('read'),
      write: context.scopes.has('write'),
      token: context.scopes.has('token'),
    }),
    unauthorizedError: (_parent, _context, info) =>
      new GraphQLError(`This API key may not use ${info.parentType.name}.${info.fieldName}`, {
        extensions: { code: 'FORBIDDEN' },
      }),
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.queryType({});
builder.mutationType({});
