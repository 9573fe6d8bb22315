/**
 * Writes examples/tables/ from the demo answer sets: the wide table that `import-table` reads
 * (demo-wide.csv). Run: npx tsx --import ./scripts/yaml-text.mjs scripts/make-example-tables.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerTableCsv } from '../src/index.js';
import { expandAnswerPaths, loadAnswerSetFile, loadRubricFile } from '../src/node/index.js';

const root = join(import.meta.dirname, '..');
const rubric = loadRubricFile(join(root, 'examples/demo/rubric')).value!;
const sets = expandAnswerPaths([join(root, 'examples/demo/answers')]).files.map((f) => loadAnswerSetFile(f).value!);
mkdirSync(join(root, 'examples/tables'), { recursive: true });
writeFileSync(join(root, 'examples/tables/demo-wide.csv'), answerTableCsv(rubric, sets));
console.log(`wrote examples/tables/demo-wide.csv (${sets.length} answer sets)`);
