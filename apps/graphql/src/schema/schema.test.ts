import { readFileSync } from 'node:fs';
import {
  assertInputObjectType,
  assertObjectType,
  getNullableType,
  isNonNullType,
  printSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { createInstanceFields } from '@zapikit/schema';
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

  it('guards every token field with the token scope and keeps it nullable', () => {
    for (const typeName of ['CreatedInstance', 'Instance']) {
      const token = assertObjectType(schema.getType(typeName)).getFields().token;
      expect(isNonNullType(token?.type)).toBe(false);
      expect(JSON.stringify(token?.extensions)).toContain('"token":true');
    }
  });
});
