// Writes schemas/*.schema.json from the zod schemas (run by `npm run build`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { jsonSchemaFor } from '../src/schemas/json-schema.js';

mkdirSync('schemas', { recursive: true });
for (const [name, file] of [['rubric', 'rubric'], ['area', 'area'], ['answers', 'answers']] as const) {
  writeFileSync(`schemas/${file}.schema.json`, JSON.stringify(jsonSchemaFor(name), null, 2) + '\n');
}
console.log('schemas written: rubric, area, answers');
