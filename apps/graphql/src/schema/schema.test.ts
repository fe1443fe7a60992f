import { readFileSync } from 'node:fs';
import {
  assertInputObjectType,
  assertObjectType,
  buildSchema,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isSpecifiedScalarType,
  printSchema,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { createInstanceFields, updateWebhooksFields } from '@zapikit/schema';
import { schema } from './index.js';

describe('the GraphQL schema', () => {
  it('matches the committed schema.graphql (run `pnpm --filter @zapikit/graphql schema:print` after a change)', () => {
    const committed = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(`${printSchema(schema)}\n`);
  });

  it('has every create attribute exactly once in CreateInstanceInput, and nothing else', () => {
    const input = assertInputObjectType(schema.getType('CreateInstanceInput'));
    const fields = input.getFields();
    expect(Object.keys(fields)).toEqual(createInstanceFields.map((field) => field.name));
    for (const field of createInstanceFields) {
      const graphql = fields[field.name];
      expect(graphql?.description).toBe(field.description);
      expect(isNonNullType(graphql?.type)).toBe(field.required);
      expect(String(getNullableType(graphql?.type))).toBe(
        field.kind === 'flag' ? 'Boolean' : 'String',
      );
    }
  });

  it('has one Instance type: createInstance, instance, instances and every lifecycle payload answer it', () => {
    const instance = schema.getType('Instance');
    const token = assertObjectType(instance).getFields().token;
    expect(isNonNullType(token?.type)).toBe(false);
    expect(token?.description).toMatch(
      /Null, without an error, for API keys without the 'token' scope/,
    );
    const mutations = schema.getMutationType()?.getFields() ?? {};
    const answering = [
      'createInstance',
      'subscribeInstance',
      'cancelInstance',
      'enableCalls',
      'restartInstance',
      'disconnectInstance',
      'requestPairingCode',
      'updateInstanceWebhooks',
    ];
    for (const name of answering) {
      const payload = assertObjectType(getNullableType(mutations[name]?.type));
      expect(getNullableType(payload.getFields().instance?.type)).toBe(instance);
    }
    expect(getNullableType(schema.getQueryType()?.getFields().instance?.type)).toBe(instance);
    // No other object type has both an id and a token: nothing a cache would keep apart.
    const lookalikes = Object.values(schema.getTypeMap()).filter(
      (type) => isObjectType(type) && 'id' in type.getFields() && 'token' in type.getFields(),
    );
    expect(lookalikes.map(String)).toEqual(['Instance']);
  });

  it('generates UpdateInstanceWebhooksInput from the schema package, and InstanceWebhooks reads the same names', () => {
    const input = assertInputObjectType(schema.getType('UpdateInstanceWebhooksInput')).getFields();
    expect(Object.keys(input)).toEqual(updateWebhooksFields.map((field) => field.name));
    for (const field of updateWebhooksFields) {
      expect(input[field.name]?.description).toBe(field.description);
      expect(isNonNullType(input[field.name]?.type)).toBe(false);
    }
    const read = assertObjectType(schema.getType('InstanceWebhooks')).getFields();
    expect(Object.keys(read)).toEqual(Object.keys(input));
  });

  it('describes every type, field, argument, input field and enum value', () => {
    expect(undocumented(schema)).toEqual([]);
  });

  it('finds what is undocumented (the check can fail)', () => {
    const bare = buildSchema(`
      "A query" type Query { "a" a(x: Int): Int, b: E }
      enum E { ONE, "two" TWO }
    `);
    expect(undocumented(bare)).toEqual(['Query.a(x)', 'Query.b', 'E', 'E.ONE']);
  });

  it('says how DateTime reaches code generators', () => {
    expect(schema.getType('DateTime')?.description).toContain("scalars: { DateTime: 'string' }");
  });
});

/** Every named thing in the schema without a description, introspection's own types aside. */
function undocumented(target: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (name: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(name);
  };
  for (const type of Object.values(target.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      const fields: (GraphQLField<unknown, unknown> | GraphQLInputField)[] = Object.values(
        type.getFields(),
      );
      for (const field of fields) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of 'args' in field ? field.args : []) {
          check(`${type.name}.${field.name}(${arg.name})`, arg.description);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing;
}
