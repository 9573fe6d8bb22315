/**
 * Core engine: parsing, loading, validating, scoring and explaining the demo rubric and its
 * answer sets, plus a larger generated rubric (10 areas × 10 indicators × 5 questions).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYamlSource } from '../src/source/yaml-source.js';
import { loadRubric } from '../src/rubric/load.js';
import { loadAnswerSet, createAnswerSet } from '../src/answers/load.js';
import { validateAnswerSet } from '../src/answers/validate.js';
import { scoreAnswerSet, scoreTotals } from '../src/scoring/score.js';
import { explainScore } from '../src/scoring/explain.js';
import { loadRubricFile } from '../src/node/files.js';
import { main } from '../src/cli/main.js';
import type { Bench } from './run.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const demo = join(root, 'examples/demo');
const read = (p: string) => readFileSync(join(demo, p), 'utf8');

/** A rubric of `areas` × `indicators` × `questions` single-choice questions, with answers. */
function largeRubric(areas: number, indicators: number, questions: number) {
  const lines = ['schemaVersion: 1', 'id: large', 'version: 1.0.0', 'title: Large', 'areas:'];
  const answers: Record<string, string> = {};
  for (let a = 0; a < areas; a++) {
    lines.push(`  - id: a${a}`, `    title: Area ${a}`, '    aggregation: weighted-mean', '    indicators:');
    for (let i = 0; i < indicators; i++) {
      lines.push(`      - id: a${a}-i${i}`, `        title: Indicator ${i}`, `        weight: ${1 + (i % 3)}`, '        questions:');
      for (let q = 0; q < questions; q++) {
        const id = `a${a}-i${i}-q${q}`;
        lines.push(`          - id: ${id}`, `            title: Question ${q}`, '            type: single-choice', '            options:');
        lines.push('              - { id: full, label: Full, score: 100 }', '              - { id: half, label: Half, score: 50 }', '              - { id: none, label: None, score: 0 }');
        answers[id] = ['full', 'half', 'none'][(a + i + q) % 3]!;
      }
    }
  }
  return { text: lines.join('\n') + '\n', answers };
}

/**
 * A rubric of `areas` × `indicators` × `questions` yes-no questions of 0 or 2 points (0.5 every
 * third), whose indicators and areas combine their parts by `method`; under `sum`, every fourth
 * question's points are subtracted (`multiplier: -1`). Same tree, same answers for both methods.
 */
function pointsRubric(method: 'mean' | 'sum', areas: number, indicators: number, questions: number) {
  const lines = ['schemaVersion: 1', `id: points-${method}`, 'version: 1.0.0', 'title: Points', 'scale: { min: 0, max: 100 }', 'areas:'];
  const answers: Record<string, string> = {};
  for (let a = 0; a < areas; a++) {
    lines.push(`  - id: a${a}`, `    title: Area ${a}`, `    aggregation: ${method}`, '    indicators:');
    for (let i = 0; i < indicators; i++) {
      lines.push(`      - id: a${a}-i${i}`, `        title: Indicator ${i}`, `        aggregation: ${method}`, '        questions:');
      for (let q = 0; q < questions; q++) {
        const id = `a${a}-i${i}-q${q}`;
        const multiplier = method === 'sum' && q % 4 === 3 ? ', multiplier: -1' : '';
        lines.push(`          - { id: ${id}, title: Question ${q}, type: yes-no, scores: { yes: ${q % 3 === 2 ? 0.5 : 2}, no: 0 }${multiplier} }`);
        answers[id] = (a + i + q) % 3 === 0 ? 'no' : 'yes';
      }
    }
  }
  return { text: lines.join('\n') + '\n', answers };
}

export async function run(bench: Bench): Promise<void> {
  const index = read('rubric/index.yaml');
  const files: Record<string, string> = { 'areas/work.yaml': read('rubric/areas/work.yaml'), 'areas/family.yaml': read('rubric/areas/family.yaml') };
  const northlandText = read('answers/northland-2024.yaml');
  const southlandText = read('answers/southland-2024.yaml');
  const rubric = loadRubric(index, { file: 'index.yaml', readFile: (rel) => files[rel] }).value!;
  const northland = loadAnswerSet(northlandText).value!;
  const southland = loadAnswerSet(southlandText).value!;
  const result = scoreAnswerSet(rubric, northland);
  const quiet = { stdout: () => {}, stderr: () => {}, cwd: root };

  bench.section('demo rubric (3 areas, 10 questions)');
  await bench.time('parse YAML (index file)', () => parseYamlSource(index, 'index.yaml'), { iterations: 1000 });
  await bench.time('load rubric (in memory, 3 files)', () => loadRubric(index, { file: 'index.yaml', readFile: (rel) => files[rel] }), { iterations: 500 });
  await bench.time('load rubric (from disk)', () => loadRubricFile(join(demo, 'rubric')), { iterations: 500 });
  await bench.time('load answer set', () => loadAnswerSet(northlandText), { iterations: 1000 });
  await bench.time('validate answer set', () => validateAnswerSet(rubric, southland), { iterations: 1000 });
  await bench.time('score answer set', () => scoreAnswerSet(rubric, northland), { iterations: 1000 });
  await bench.time('explain a node', () => explainScore(result, 'income-rule'), { iterations: 1000 });
  await bench.time('CLI validate (rubric + 2 answer sets)', () => main(['validate', 'examples/demo/rubric', 'examples/demo/answers'], quiet), { iterations: 100 });
  await bench.time('CLI score --format json (2 answer sets)', () => main(['score', 'examples/demo/rubric', 'examples/demo/answers', '--format', 'json'], quiet), { iterations: 100 });

  const large = largeRubric(10, 10, 5);
  const largeRubricValue = loadRubric(large.text, { file: 'large.yaml' }).value!;
  const largeAnswers = createAnswerSet({ rubric: 'large@1.0.0', country: 'CA', year: 2020, answers: large.answers });
  bench.section('generated rubric (10 × 10 × 5 = 500 questions)');
  await bench.time('load rubric', () => loadRubric(large.text, { file: 'large.yaml' }), { iterations: 30 });
  await bench.time('validate answer set', () => validateAnswerSet(largeRubricValue, largeAnswers), { iterations: 100 });
  await bench.time('score answer set', () => scoreAnswerSet(largeRubricValue, largeAnswers), { iterations: 100 });

  // The same tree (610 nodes) aggregated by mean and by sum: sums should cost no more per node.
  bench.section('points rubric (10 × 10 × 5 = 500 questions): mean vs sum');
  for (const method of ['mean', 'sum'] as const) {
    const p = pointsRubric(method, 10, 10, 5);
    const r = loadRubric(p.text, { file: `points-${method}.yaml` }).value!;
    const set = createAnswerSet({ rubric: `points-${method}@1.0.0`, country: 'CA', year: 2020, answers: p.answers });
    await bench.time(`score totals only, ${method}`, () => scoreTotals(r, set), { iterations: 300 });
    await bench.time(`score with the full trace, ${method}`, () => scoreAnswerSet(r, set), { iterations: 200 });
  }
}
