/**
 * Regenerates `examples/mipex/` from the MIPEX 2020 core-set workbook in `data/mipex/` with the
 * bundled `rubrics/mipex-2020` rubric: one answer set per country and year, the published
 * scores, and a README with the workbook's checksum. Running it twice gives identical files.
 *
 * It writes nothing when the import has an error or when the imported answers do not reproduce
 * every published score (the check of `policy-index verify-workbook`): regenerated files must
 * never hide a fault.
 *
 * Usage: npx tsx scripts/regenerate-mipex.ts
 */
import { writeFileSync } from 'node:fs';
import { formatDiagnostics, hasErrors } from '../src/diagnostics/index.js';
import { loadRubricFile } from '../src/node/files.js';
import { importMipexWorkbook, MIPEX_2020_CITATION } from '../src/node/mipex/import.js';
import { compareWithPublished } from '../src/node/mipex/verify.js';
import { writeMipexAnswerSets } from '../src/node/mipex/write.js';

const MIPEX_WORKBOOK = 'data/mipex/mipex_core_2007-2019.xlsx';
const MIPEX_EXAMPLES = 'examples/mipex';

const loaded = loadRubricFile('rubrics/mipex-2020');
if (!loaded.value) {
  console.error(formatDiagnostics(loaded.diagnostics, { sources: loaded.sources }));
  process.exit(1);
}
const rubric = loaded.value;
const result = await importMipexWorkbook(MIPEX_WORKBOOK, { rubric });
const check = compareWithPublished(rubric, result.answerSets, result.published);
if (hasErrors(result.diagnostics) || check.disagreements.length > 0 || check.compared === 0) {
  console.error(formatDiagnostics(result.diagnostics.filter((d) => d.severity === 'error')));
  for (const d of check.disagreements.slice(0, 20)) console.error(`${d.country} ${d.year} ${d.node}: published ${d.published}, computed ${d.computed ?? 'none'}`);
  console.error(
    `Refusing to write ${MIPEX_EXAMPLES}/: verify-workbook does not pass (${check.agreed} of ${check.compared} published scores reproduced, ${check.disagreements.length} disagreements, ${result.diagnostics.filter((d) => d.severity === 'error').length} import errors). Fix the rubric or the importer first.`,
  );
  process.exit(1);
}
const { written, diagnostics } = writeMipexAnswerSets(result, MIPEX_EXAMPLES, { protect: [...rubric.files] });
const all = [...result.diagnostics, ...diagnostics];
const counts = new Map<string, number>();
for (const d of all) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);

const countries = new Set(result.answerSets.map((s) => s.country));
const years = result.answerSets.map((s) => s.year);
const readme = `# MIPEX answer sets (imported)

The answers recorded in the official MIPEX 2020 workbook "Policy Indicators Scores
(2007-2019) – core set of indicators", one YAML answer set per country and year, written for
the bundled rubric \`${result.rubric}\` (\`rubrics/mipex-2020/\`), and the scores the
workbook publishes (\`${'published-scores.json'}\`: strands, composite indicators and the three
overall variants, each with its cell).

- ${countries.size} countries, ${result.answerSets.length} answer sets (${Math.min(...years)}–${Math.max(...years)}; the 2020 rows of AE, JO,
  SA and ZA, and AE's 2021 citizenship row, are included because the workbook has them).
- Workbook: \`${MIPEX_WORKBOOK}\`, sha256 \`${result.workbook.sha256}\`.
- Source, to be cited with any use of these data: ${MIPEX_2020_CITATION}.

## How these files are made

They are generated, never edited by hand:

\`\`\`sh
npx tsx scripts/regenerate-mipex.ts
# or, for any copy of the workbook:
policy-index import-mipex ${MIPEX_WORKBOOK} --out ${MIPEX_EXAMPLES}
\`\`\`

A test (\`test/mipex-golden.test.ts\`) imports the workbook afresh and checks that these files
are exactly what the import produces, and that scoring them reproduces every published score
(\`policy-index verify-workbook ${MIPEX_WORKBOOK}\`).

## How the workbook's cells became answers

- An indicator or sub-indicator cell holding an option's score becomes that option. Comment
  cells are kept as the answer's \`comment\`; URLs in them also become \`sourceUrl\` and
  \`citations\`. The comments are MIPEX's researchers' notes, quoted as evidence.
- Composite, strand and overall cells are not answers; their values are in
  \`published-scores.json\`.
- Answers are imported for each strand in each year in which the workbook publishes that
  strand's score. An empty cell in such a year is written as \`unknown\`; strands without a
  score in a year have no answers there. Values typed in years without a published strand
  score (health 2015–2018 in ten sheets, Portugal's education 2009) are left out and listed
  by the import as \`IMPORT_UNPUBLISHED_YEAR\`.
- A value that is no option's score fails the import, except for the units that
  \`src/node/mipex/subnational.json\` declares (with its source) to answer by subdivision:
  Belgium's \`cb50\` and \`cb53\` (2009–2019) hold 75, the mean of its communities' answers. They
  are written as what the workbook knows — \`recordedScore: 75\` with \`regions: not-recorded\` —
  never as a guessed answer per community, and scorecards show "75: mean of regional answers;
  which region gave which is not recorded".
- Comment cells holding \`0\` (an empty cell seen through a formula) are not evidence and are
  left out. Latvia's \`ga117\` (2014–2018) is an \`AVERAGE\` formula in the workbook; its cached
  value is imported and each such cell is reported (\`IMPORT_FORMULA_ANSWER\`).
- Scores checked: ${check.agreed} of ${check.compared} published composite, strand and overall scores
  are reproduced from these answers. The indicator answers themselves are read back from the
  indicator scores (an inversion: the workbook records scores, not the experts' choices), so
  they are not an independent check; see \`rubrics/mipex-2020/README.md\` for what is.

Import diagnostics (${all.length}): ${[...counts].sort().map(([c, n]) => `${c} ${n}`).join(', ')}.
`;
writeFileSync(`${MIPEX_EXAMPLES}/README.md`, readme);
console.error(formatDiagnostics(all.filter((d) => d.severity !== 'info')));
console.log(`Wrote ${written.length} files and README.md to ${MIPEX_EXAMPLES}/ (${result.answerSets.length} answer sets, ${result.published.length} published scores).`);
if (hasErrors(all)) process.exit(1);
