// Writes src/report/scorecard.schema.json from the zod schema of the scorecard model.
// (test/report.test.ts fails when the committed file is out of date.)
import { writeFileSync } from 'node:fs';
import { scorecardJsonSchema } from '../src/report/schema.js';

writeFileSync('src/report/scorecard.schema.json', JSON.stringify(scorecardJsonSchema(), null, 2) + '\n');
console.log('written: src/report/scorecard.schema.json');
