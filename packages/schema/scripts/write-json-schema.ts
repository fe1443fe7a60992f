// Writes zod's JSON Schema of each request into json-schema/, where it is committed and published.
import { mkdirSync, writeFileSync } from 'node:fs';
import { requestJsonSchemas } from '../src/json-schema.js';
import { jsonSchemaFileText } from '../test/json-schema-files.js';

const directory = new URL('../json-schema/', import.meta.url);
mkdirSync(directory, { recursive: true });
for (const [name, schema] of Object.entries(requestJsonSchemas())) {
  writeFileSync(new URL(`${name}.json`, directory), jsonSchemaFileText(schema));
  console.log(`wrote json-schema/${name}.json`);
}
