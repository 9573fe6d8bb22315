/**
 * Golden test of the MIPEX 2020 rubric against the official workbook (the repo copy in
 * data/mipex/): every published composite, strand and overall score must be reproduced from
 * the imported answers, and the shipped examples/mipex/ files must be exactly what a fresh
 * import writes. All expected numbers are read from the workbook's cached values.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAnswerSetFiles, loadRubricFile } from '../src/node/files.js';
import { importMipexWorkbook, type MipexImportResult } from '../src/node/mipex/import.js';
import { readMipexWorkbook, type RawWorkbook } from '../src/node/mipex/read-workbook.js';
import { compareWithPublished } from '../src/node/mipex/verify.js';
import { renderMipexFiles } from '../src/node/mipex/write.js';
import type { Rubric } from '../src/rubric/types.js';
import { scoreAnswerSet } from '../src/scoring/score.js';

const WORKBOOK = 'data/mipex/mipex_core_2007-2019.xlsx';
const EXAMPLES = 'examples/mipex';
const STRANDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const VARIANTS = ['with-health', 'without-health', 'without-health-education'];

let rubric: Rubric;
let imported: MipexImportResult;
let raw: RawWorkbook;

beforeAll(async () => {
  const loaded = loadRubricFile('rubrics/mipex-2020');
  expect(loaded.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  rubric = loaded.value!;
  imported = await importMipexWorkbook(WORKBOOK, { rubric });
  raw = (await readMipexWorkbook(WORKBOOK)).value!;
});

/** Numeric cached values of the workbook's strand cells (first column of each block), counted from the raw reader. */
function rawStrandCells(maxYear: number): number {
  let n = 0;
  for (const sheet of raw.sheets) {
    for (const strand of sheet.strands) {
      for (const y of strand.columns[0]?.years ?? []) if (y.year <= maxYear && typeof y.score.value === 'number') n++;
    }
  }
  return n;
}

describe('MIPEX 2020 rubric reproduces the workbook', () => {
  it('imports without errors', () => {
    expect(imported.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(new Set(imported.answerSets.map((s) => s.country)).size).toBe(56);
    expect(imported.workbook.sha256).toBe('eb9264706bb816d2bf0755fcafde20430050ab20698e6d5991ddd6fac8139096');
  });

  it('reproduces every published composite, strand and overall score', () => {
    const { compared, agreed, disagreements } = compareWithPublished(rubric, imported.answerSets, imported.published);
    expect(disagreements).toEqual([]);
    expect(agreed).toBe(compared);
    expect(compared).toBe(imported.published.length);

    const strandYears = imported.published.filter((p) => STRANDS.includes(p.node));
    const upTo2020 = strandYears.filter((p) => p.year <= 2020);
    // 4,056 strand-years 2007–2020 (including the 2020 rows of AE, JO, SA and ZA), as the
    // workbook publishes them; AE's lone 2021 citizenship row comes on top.
    expect(upTo2020.length).toBe(4056);
    expect(upTo2020.length).toBe(rawStrandCells(2020));
    expect(strandYears.length).toBe(rawStrandCells(9999));
    expect(upTo2020.filter((p) => p.year === 2020).length).toBe(32);

    let overall = 0;
    for (const sheet of raw.sheets) {
      for (const row of sheet.overall) {
        for (const cell of [row.withHealth, row.withoutHealth, row.withoutHealthEducation]) if (cell && typeof cell.value === 'number') overall++;
      }
    }
    expect(imported.published.filter((p) => VARIANTS.includes(p.node)).length).toBe(overall);
    expect(overall).toBe(116 + 489 + 575);

    const composites = imported.published.filter((p) => !STRANDS.includes(p.node) && !VARIANTS.includes(p.node));
    expect(new Set(composites.map((p) => p.node))).toEqual(new Set(['bb28', 'bb29', 'bb30bb31', 'cb51', 'cc59cd64', 'fb_new', 'gb']));
  });

  it('ranks the 2019 overall scores (with health) as MIPEX 2020 publishes them', () => {
    const rows = imported.answerSets
      .filter((s) => s.year === 2019)
      .map((s) => {
        const r = scoreAnswerSet(rubric, s, { reportMissing: false, variant: 'with-health' });
        return { country: s.country, value: r.root.value!, display: r.root.display };
      })
      .sort((a, b) => b.value - a.value);
    expect(rows).toHaveLength(56);
    expect(rows.slice(0, 6).map((r) => `${r.country} ${r.display}`)).toEqual(['SE 86', 'FI 85', 'PT 81', 'CA 80', 'NZ 77', 'US 73']);
    expect(rubric.defaultVariant).toBe('with-health');
  });
});

describe('examples/mipex', () => {
  const onDisk = (): Map<string, string> => {
    const files = new Map<string, string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name !== 'README.md') files.set(relative(EXAMPLES, full).split(sep).join('/'), readFileSync(full, 'utf8'));
      }
    };
    walk(EXAMPLES);
    return files;
  };

  it('are exactly what a fresh import writes', () => {
    const expected = renderMipexFiles(imported);
    const actual = onDisk();
    const how =
      'examples/mipex/ is not what a fresh import writes. Regenerate with `npx tsx scripts/regenerate-mipex.ts`, which refuses to write while verify-workbook disagrees or the import has errors: if it refuses, fix the rubric or the importer, never the files';
    const missing = [...expected.keys()].filter((p) => !actual.has(p));
    const extra = [...actual.keys()].filter((p) => !expected.has(p));
    expect(missing, `missing golden files. ${how}`).toEqual([]);
    expect(extra, `files no import writes. ${how}`).toEqual([]);
    const stale = [...expected].filter(([path, text]) => actual.get(path) !== text).map(([path]) => path);
    expect(stale, how).toEqual([]);
    expect(readFileSync(join(EXAMPLES, 'README.md'), 'utf8')).toContain(imported.workbook.sha256);
  });

  it('load as answer sets that reproduce the published scores', () => {
    const loaded = loadAnswerSetFiles([EXAMPLES]);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.value).toHaveLength(imported.answerSets.length);
    const published = (JSON.parse(readFileSync(join(EXAMPLES, 'published-scores.json'), 'utf8')) as { scores: MipexImportResult['published'] }).scores;
    expect(published).toHaveLength(imported.published.length);
    const { agreed, compared, disagreements } = compareWithPublished(rubric, loaded.value!, published);
    expect(disagreements).toEqual([]);
    expect(agreed).toBe(compared);
  });
});
