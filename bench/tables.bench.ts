/**
 * Answer tables: importing a generated wide table of 10,000 country-years × 35 yes/no
 * questions (the goal is at most 1 s), exporting it again, and the whole `import-table`
 * command writing 10,000 files. The data is generated here, never committed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';
import { loadRubric } from '../src/rubric/load.js';
import { listCountryCodes } from '../src/units/countries.js';
import { answerTableCsv } from '../src/tables/export.js';
import { csvCellGrid } from '../src/tables/grid.js';
import { importAnswerTable } from '../src/tables/import.js';
import type { Bench } from './run.js';

const AREAS = 5;
const PER_AREA = 7;

function rubricText(): string {
  const lines = ['schemaVersion: 1', 'id: synthetic', 'version: 1.0.0', 'title: Synthetic', 'areas:'];
  for (let a = 0; a < AREAS; a++) {
    lines.push(`  - id: area${a}`, `    title: Area ${a}`, '    indicators:');
    for (let q = 0; q < PER_AREA; q++) lines.push(`      - { id: q${a}-${q}, title: Question ${q}, type: yes-no, scores: { yes: 100, no: 0 } }`);
  }
  return lines.join('\n') + '\n';
}

/** 10,000 rows: 250 countries × 40 years, cells Yes/No/empty from a fixed pseudo-random sequence. */
function tableText(): string {
  const ids = Array.from({ length: AREAS * PER_AREA }, (_, i) => `q${Math.floor(i / PER_AREA)}-${i % PER_AREA}`);
  const rows = [['country', 'year', ...ids].join(',')];
  let seed = 42;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
  const countries = listCountryCodes();
  for (let y = 1981; y < 2021; y++) {
    for (const c of countries) rows.push([c, y, ...ids.map(() => (next() < 0.48 ? 'Yes' : next() < 0.95 ? 'No' : ''))].join(','));
  }
  return rows.join('\n') + '\n';
}

export async function run(bench: Bench): Promise<void> {
  const rubric = loadRubric(rubricText(), { file: 'synthetic.yaml' }).value!;
  const csv = tableText();
  const parsed = importAnswerTable(csvCellGrid(csv, 'synthetic.csv').value!, rubric);
  if (parsed.diagnostics.length || parsed.value!.length !== 10_000) throw new Error(`synthetic table did not import cleanly: ${parsed.diagnostics[0]?.message}`);
  bench.section('answer tables (10,000 rows × 35 questions)');
  await bench.time('csv → grid → answer sets', () => importAnswerTable(csvCellGrid(csv, 'synthetic.csv').value!, rubric), { iterations: 10, warmup: 2 });
  await bench.time('answer sets → csv', () => answerTableCsv(rubric, parsed.value!), { iterations: 10, warmup: 2 });
  const dir = mkdtempSync(join(tmpdir(), 'pi-bench-tables-'));
  try {
    writeFileSync(join(dir, 'rubric.yaml'), rubricText());
    writeFileSync(join(dir, 'table.csv'), csv);
    let n = 0;
    const io = { stdout: () => {}, stderr: () => {}, cwd: dir, isTTY: false };
    await bench.time(
      'import-table command, writing 10,000 files',
      async () => {
        const code = await main(['import-table', 'table.csv', '--rubric', 'rubric.yaml', '--out', `out${n++}`], io);
        if (code !== 0) throw new Error(`import-table exited ${code}`);
      },
      { iterations: 3, warmup: 1 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
