/**
 * Using policy-index from TypeScript: load the demo rubric and its answer sets, score them,
 * print each country's top scores and area scores, and explain one score.
 *
 * It imports the package by name, exactly as a project that depends on policy-index would. In
 * this repository the name resolves to the sources (the `paths` of tsconfig.json), which import
 * a YAML file as text: run it with `npx tsx --import ./scripts/yaml-text.mjs examples/usage.ts`.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainScore, formatDiagnostics, hasErrors, scoreAnswerSet, type ScoreResult } from 'policy-index';
import { loadAnswerSetFiles, loadRubricFile } from 'policy-index/node';

const demo = join(dirname(fileURLToPath(import.meta.url)), 'demo');

// 1. Load the rubric (its area files are included from the same folder) and the answer sets.
const rubric = loadRubricFile(join(demo, 'rubric'));
const answers = loadAnswerSetFiles([join(demo, 'answers')]);
const problems = [...rubric.diagnostics, ...answers.diagnostics];
if (!rubric.value || hasErrors(problems)) {
  console.error(formatDiagnostics(problems, { sources: { ...rubric.sources, ...answers.sources } }));
  process.exit(1);
}

// 2. Score every answer set. Scores come back as exact decimal strings plus rounded display strings.
const results: ScoreResult[] = (answers.value ?? []).map((set) => scoreAnswerSet(rubric.value!, set));

console.log(`${rubric.value.title} (${rubric.value.id}@${rubric.value.version})`);
for (const result of results) {
  const variants = result.variants.map((v) => `${v.title} ${v.display ?? '—'}`).join(' · ');
  console.log(`${result.country} ${result.year}: ${variants}`);
  const areas = result.root.children.map((area) => `${area.id} ${area.display ?? '—'}`).join(', ');
  console.log(`  areas: ${areas}`);
}

// 3. Explain one score: the decision table behind Northland's income requirement.
const northland = results.find((r) => r.country === 'NO');
if (northland) {
  console.log('');
  console.log(explainScore(northland, 'income-rule').text);
}
