// Writes schemas/*.schema.json from the zod schemas (run by `npm run build`): the rubric, area and
// answer-set formats for editors, and the scorecard JSON the `scorecard --format json` command
// writes (exported as `policy-index/schemas/scorecard.schema.json`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { scorecardJsonSchema } from '../src/report/schema.js';
import { jsonSchemaFor } from '../src/schemas/json-schema.js';

mkdirSync('schemas', { recursive: true });
for (const [name, file] of [['rubric', 'rubric'], ['area', 'area'], ['answers', 'answers']] as const) {
  writeFileSync(`schemas/${file}.schema.json`, JSON.stringify(jsonSchemaFor(name), null, 2) + '\n');
}
writeFileSync('schemas/scorecard.schema.json', JSON.stringify(scorecardJsonSchema(), null, 2) + '\n');
console.log('schemas written: rubric, area, answers, scorecard');
