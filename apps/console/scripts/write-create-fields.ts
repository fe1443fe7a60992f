// Writes src/create-fields.json from @zapikit/schema's createInstanceFields: the create form's
// fields, words (en, pt-BR), kinds and limits, without shipping zod to the browser. A unit test
// fails when the committed file and the schema differ: run `pnpm --filter @zapikit/console create-fields`.
import { writeFileSync } from 'node:fs';
import { createInstanceFields } from '@zapikit/schema';

const target = new URL('../src/create-fields.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(createInstanceFields, null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
