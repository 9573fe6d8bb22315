// Writes schemas/*.schema.json from the zod schemas (run by `npm run build`): the rubric, area,
// answer-set, table-mapping and peer-group formats for editors, and the scorecard JSON the
// `scorecard --format json` command writes (exported as `policy-index/schemas/*.schema.json`).
// These files are the only copy of each JSON Schema; test/package.test.ts fails when one is out
// of date.
import { mkdirSync, writeFileSync } from 'node:fs';
import { scorecardJsonSchema } from '../src/report/schema.js';
import { JSON_SCHEMA_NAMES, jsonSchemaFor } from '../src/schemas/json-schema.js';

mkdirSync('schemas', { recursive: true });
for (const name of JSON_SCHEMA_NAMES) writeFileSync(`schemas/${name}.schema.json`, JSON.stringify(jsonSchemaFor(name), null, 2) + '\n');
writeFileSync('schemas/scorecard.schema.json', JSON.stringify(scorecardJsonSchema(), null, 2) + '\n');
console.log(`schemas written: ${JSON_SCHEMA_NAMES.join(', ')}, scorecard`);
