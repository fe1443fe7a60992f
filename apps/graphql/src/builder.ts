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

/** What the DateTime scalar says to schema readers and code generators. */
export const DATE_TIME_DESCRIPTION =
  'A date and time in UTC as an ISO-8601 string, e.g. "2026-12-04T13:08:51.000Z". It arrives as a ' +
  "string: with GraphQL Code Generator set `scalars: { DateTime: 'string' }` and call `new Date(value)` " +
  'where a Date is wanted.';

builder.addScalarType('DateTime', DateTimeResolver, { description: DATE_TIME_DESCRIPTION });
builder.queryType({ description: 'Reads: the partner’s instances, found by id or listed.' });
builder.mutationType({
  description:
    'Writes: create, the paid lifecycle, restart and disconnect, pairing codes and webhook changes. Each answers a payload: the instance it acted on, or userErrors.',
});
builder.subscriptionType({
  description:
    'Live events over Server-Sent Events (POST or GET with `Accept: text/event-stream` on /graphql, or the graphql-sse protocol on /graphql/stream).',
});
