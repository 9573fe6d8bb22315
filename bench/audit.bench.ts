/**
 * The statistical audit of MIPEX 2019 (56 countries, every node of the tree): statistics,
 * availability, correlations, Cronbach's alpha and principal components of every group, from
 * scored results, and with the scoring; then each renderer. Goal: the whole audit under 1 s.
 */
import { loadAnswerSetFiles, loadRubricFile } from '../src/node/files.js';
import { scoreAnswerSet } from '../src/scoring/score.js';
import { auditIndex } from '../src/analysis/audit/audit.js';
import { auditCsv, auditHtml, auditText } from '../src/report/audit.js';
import type { Bench } from './run.js';

export async function run(bench: Bench): Promise<void> {
  const rubric = loadRubricFile('rubrics/mipex-2020').value!;
  const sets = loadAnswerSetFiles(['examples/mipex']).value!.filter((s) => s.year === 2019);
  const results = sets.map((s) => scoreAnswerSet(rubric, s, { reportMissing: false }));
  bench.section(`Statistical audit, MIPEX 2019 (${results.length} countries, every level)`);
  await bench.time('audit of scored results', () => auditIndex(rubric, results), { iterations: 30, warmup: 3 });
  await bench.time('scoring + audit', () => auditIndex(rubric, sets.map((s) => scoreAnswerSet(rubric, s, { reportMissing: false }))), { iterations: 10, warmup: 2 });
  const audit = auditIndex(rubric, results).value!;
  await bench.time('text + CSV + HTML of the audit', () => [auditText(audit), auditCsv(audit), auditHtml(audit)], { iterations: 30, warmup: 3 });
}
