import { GraphQLError, parse, type OperationDefinitionNode } from 'graphql';
import {
  ZapiCircuitOpenError,
  ZapiHttpError,
  ZapiOutcomeUnknownError,
  ZapiRateLimitedError,
  ZapiTimeoutError,
  type InstanceCandidate,
} from '@zapikit/client';
import { describe, expect, it } from 'vitest';
import { maskError } from './errors.js';

const MESSAGE = 'Unexpected error.';
const field = (parse('{ instances { total } }').definitions[0] as OperationDefinitionNode)
  .selectionSet.selections[0];
/** As graphql-js wraps what a resolver throws: located, with the thrown value as originalError. */
const located = (thrown: Error) =>
  new GraphQLError(thrown.message, {
    nodes: field ?? null,
    path: ['instances'],
    originalError: thrown,
  });

describe('maskError: one mapping from client failures to extensions.code', () => {
  it('answers a client failure with its message, code and retry hints, where it happened', () => {
    const limited = new ZapiRateLimitedError('ZAPI_RATE_LIMITED', 'Z-API is rate limiting', {
      status: 429,
      retryable: true,
      retryAfterMs: 30_000,
    });
    const answer = maskError(located(limited), MESSAGE) as GraphQLError;
    expect(answer.toJSON()).toEqual({
      message: 'Z-API is rate limiting',
      locations: [{ line: 1, column: 3 }],
      path: ['instances'],
      extensions: { code: 'ZAPI_RATE_LIMITED', retryable: true, status: 429, retryAfterMs: 30_000 },
    });
    // Thrown outside execution, unwrapped: the same answer, without a location.
    expect((maskError(limited, MESSAGE) as GraphQLError).toJSON()).toEqual({
      message: 'Z-API is rate limiting',
      extensions: { code: 'ZAPI_RATE_LIMITED', retryable: true, status: 429, retryAfterMs: 30_000 },
    });
  });

  it('answers an open circuit with its code, that a retry is safe, and when', () => {
    const open = new ZapiCircuitOpenError('ZAPI_CIRCUIT_OPEN', 'Z-API kept failing; not sent', {
      operation: 'createInstance',
      retryable: true,
      retryAfterMs: 7_000,
    });
    expect((maskError(located(open), MESSAGE) as GraphQLError).extensions).toEqual({
      code: 'ZAPI_CIRCUIT_OPEN',
      retryable: true,
      retryAfterMs: 7_000,
    });
  });

  it('gives an unknown outcome its reason and candidates, never a token', () => {
    const candidate = {
      id: 'A1',
      name: 'Loja',
      created: new Date('2026-01-01T00:00:00Z'),
      token: 'CANARY-instance-token',
    } as InstanceCandidate;
    const reason = new ZapiTimeoutError('ZAPI_TIMEOUT', 'no answer in time');
    const unknown = new ZapiOutcomeUnknownError('Loja', reason, [candidate], 'ZAPI_NETWORK');
    const answer = maskError(located(unknown), MESSAGE) as GraphQLError;
    expect(answer.extensions).toEqual({
      code: 'ZAPI_OUTCOME_UNKNOWN',
      retryable: false,
      reason: 'ZAPI_TIMEOUT',
      candidates: [{ id: 'A1', name: 'Loja', created: '2026-01-01T00:00:00.000Z', due: null }],
      lookupFailed: 'ZAPI_NETWORK',
    });
    expect(JSON.stringify(answer)).not.toContain('CANARY');
  });

  it('lets the GraphQL errors we raise on purpose through unchanged', () => {
    const forbidden = new GraphQLError('This API key may not use Query.instances', {
      extensions: { code: 'FORBIDDEN' },
    });
    expect(maskError(forbidden, MESSAGE)).toBe(forbidden);
    const wrapped = located(forbidden);
    expect(maskError(wrapped, MESSAGE)).toBe(wrapped);
  });

  it('masks anything else as yoga does, without its text', () => {
    const answer = maskError(located(new Error('CANARY db password in text')), MESSAGE);
    // yoga's own mask (its `unexpected` flag is dropped from the answer later, by yoga).
    expect((answer as GraphQLError).toJSON()).toEqual({
      message: MESSAGE,
      locations: [{ line: 1, column: 3 }],
      path: ['instances'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', unexpected: true },
    });
  });

  it('maps a client failure thrown through more than one GraphQL wrapper', () => {
    const http = new ZapiHttpError('ZAPI_UPSTREAM_ERROR', 'Z-API answered 502', { status: 502 });
    const twice = new GraphQLError('outer', { originalError: located(http) });
    expect((maskError(twice, MESSAGE) as GraphQLError).extensions).toEqual({
      code: 'ZAPI_UPSTREAM_ERROR',
      retryable: false,
      status: 502,
    });
  });
});
