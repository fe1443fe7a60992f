import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFileText } from '../test/json-schema-files.js';
import { requestJsonSchemas } from './json-schema.js';

describe('committed JSON Schema files', () => {
  it.each(Object.entries(requestJsonSchemas()))(
    'json-schema/%s.json matches the zod schema (run `pnpm --filter @zapikit/schema json-schema` after a change)',
    (name, schema) => {
      const committed = readFileSync(
        new URL(`../json-schema/${name}.json`, import.meta.url),
        'utf8',
      );
      expect(committed).toBe(jsonSchemaFileText(schema));
    },
  );

  it('carries both languages and the kind of each create field', () => {
    const create = requestJsonSchemas()['create-instance-input'] as {
      $defs: Record<string, { properties: Record<string, Record<string, unknown>> }>;
    };
    const name = create.$defs.CreateInstanceInput?.properties.name;
    expect(name).toMatchObject({ 'x-kind': 'name', 'x-pt-BR': expect.any(String), maxLength: 100 });
  });
});
