/**
 * Hostile file-system input: output paths built from workbook text, outputs that are links to
 * inputs, and inputs that are pipes, devices, link loops or too deep. Each case runs the CLI
 * and then looks at the disk.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { expandAnswerPaths, loadRubricFile } from '../src/node/files.js';
import { importMipexWorkbook } from '../src/node/mipex/import.js';
import { writeMipexAnswerSets } from '../src/node/mipex/write.js';
import { readTextFile } from '../src/node/safe-fs.js';
import { RUN_SOURCES } from './helpers/run-sources.js';
import { mipexSheetCells, tinyXlsx } from './helpers/tiny-xlsx.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const ANSWERS = join(ROOT, 'test/fixtures/scorecard/answers');
const DEMO_RUBRIC = join(ROOT, 'examples/demo/rubric');
const HOSTILE = join(ROOT, 'test/fixtures/hostile/fs');

async function run(argv: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** Every file below `dir`, relative, sorted, with its contents. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) out[relative(dir, full)] = readFileSync(full, 'latin1');
      else out[relative(dir, full)] = `<${e.isSymbolicLink() ? 'link' : 'special'}>`;
    }
  };
  walk(dir);
  return out;
}

const tmp = (name: string) => mkdtempSync(join(tmpdir(), `pi-${name}-`));

describe('import-mipex never writes outside --out', () => {
  it('refuses sheets named ../../pwned, /abs, ../x/CA/CA and constructor, and writes only inside --out', async () => {
    const base = tmp('traversal');
    const out = join(base, 'a', 'b', 'out');
    mkdirSync(out, { recursive: true });
    // A file the `../x/CA/CA` sheet would have replaced.
    mkdirSync(join(base, 'a', 'b', 'x', 'CA'), { recursive: true });
    writeFileSync(join(base, 'a', 'b', 'x', 'CA', 'CA-2019.yaml'), 'hand-written\n');
    const names = ['../../pwned', '/abs', '../x/CA/CA', 'constructor'];
    writeFileSync(join(base, 'book.xlsx'), tinyXlsx([{ name: 'CA', cells: mipexSheetCells() }, ...names.map((name) => ({ name, cells: mipexSheetCells() }))]));
    const before = snapshot(base);
    const r = await run(['import-mipex', join(base, 'book.xlsx'), '--out', out, '--format', 'json'], base);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { diagnostics: { code: string; path?: string[] }[]; answerSets: number };
    const refused = report.diagnostics.filter((d) => d.code === 'IMPORT_SHEET_NOT_A_COUNTRY').map((d) => d.path?.[0]);
    expect(refused.sort()).toEqual([...names].sort());
    expect(report.answerSets).toBe(1);
    const after = snapshot(base);
    const added = Object.keys(after).filter((k) => !(k in before)).sort();
    expect(added).toEqual(['a/b/out/CA/CA-2019.yaml', 'a/b/out/published-scores.json']);
    for (const [k, v] of Object.entries(before)) expect(after[k], k).toBe(v);
    expect(JSON.parse(after['a/b/out/published-scores.json']!).scores.map((s: { country: string }) => s.country)).toEqual(['CA', 'CA']);
  });

  it('the writer itself refuses a country that would leave the folder, and a link in the folder that leads out', async () => {
    const base = tmp('writer');
    const rubric = loadRubricFile(join(ROOT, 'rubrics/mipex-2020')).value!;
    const result = await importMipexWorkbook(tinyXlsx([{ name: 'CA', cells: mipexSheetCells() }, { name: 'DE', cells: mipexSheetCells() }]), { rubric, file: 'book.xlsx' });
    expect(result.answerSets.map((s) => s.country)).toEqual(['CA', 'DE']);
    // A forged result, as if a country had slipped through: its files must not be written.
    const forged = { ...result, answerSets: [{ ...result.answerSets[0]!, country: '../../pwned' }, result.answerSets[1]!] };
    const out = join(base, 'one', 'two', 'out');
    const w = writeMipexAnswerSets(forged, out);
    expect(w.diagnostics.map((d) => d.code)).toContain('OUTPUT_OUTSIDE_FOLDER');
    expect(w.written).toEqual(['DE/DE-2019.yaml', 'published-scores.json']);
    expect(existsSync(join(base, 'one', 'pwned'))).toBe(false);
    expect(Object.keys(snapshot(base)).sort()).toEqual(['one/two/out/DE/DE-2019.yaml', 'one/two/out/published-scores.json']);

    // out/CA is a link to a folder elsewhere: nothing is written through it.
    const elsewhere = join(base, 'elsewhere');
    mkdirSync(elsewhere);
    const out2 = join(base, 'out2');
    mkdirSync(out2);
    symlinkSync(elsewhere, join(out2, 'CA'));
    const w2 = writeMipexAnswerSets(result, out2);
    expect(w2.diagnostics.map((d) => d.code)).toEqual(['OUTPUT_OUTSIDE_FOLDER']);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(w2.written).toEqual(['DE/DE-2019.yaml', 'published-scores.json']);
  });

  it('import-table writes nothing through a link in --out that leads out, nor over an input linked into --out', async () => {
    const base = tmp('import-table-links');
    const elsewhere = join(base, 'elsewhere');
    mkdirSync(elsewhere);
    const out = join(base, 'out');
    mkdirSync(out);
    symlinkSync(elsewhere, join(out, 'NO'));
    const table = join(ROOT, 'examples/tables/demo-wide.csv');
    const r = await run(['import-table', table, '--rubric', DEMO_RUBRIC, '--out', out], base);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('OUTPUT_OUTSIDE_FOLDER');
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readdirSync(out)).toEqual(['NO']);
    // An input hard-linked to where an answer file would go is not written, even with --force.
    const out2 = join(base, 'out2');
    const first = (await run(['import-table', table, '--rubric', DEMO_RUBRIC, '--out', out2], base));
    expect(first.code, first.stderr).toBe(0);
    const target = join(out2, readdirSync(out2).sort()[0]!);
    const file = join(target, readdirSync(target)[0]!);
    const copy = join(base, 'table.csv');
    writeFileSync(copy, readFileSync(table));
    const before = readFileSync(copy, 'utf8');
    rmSync(file);
    linkSync(copy, file);
    const again = await run(['import-table', copy, '--rubric', DEMO_RUBRIC, '--out', out2, '--force'], base);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('OUTPUT_IS_INPUT');
    expect(readFileSync(copy, 'utf8')).toBe(before);
  });

  it('&constructor; in workbook XML stays text, not a function', async () => {
    const rubric = loadRubricFile(join(ROOT, 'rubrics/mipex-2020')).value!;
    const cells = mipexSheetCells({ F12: 'see &constructor; and &#x41;&amp;&#66;' });
    const result = await importMipexWorkbook(tinyXlsx([{ name: 'CA', cells, rawStrings: true }]), { rubric, file: 'book.xlsx' });
    const answer = result.answerSets[0]!.answers.get('fa98')!;
    expect(answer.evidence.comment).toBe('see &constructor; and A&B');
  });
});

const OUTCOME_CSV = 'Year,Country,Cohort,Value,Metric\n2024,NO,Native,80,Highly_Educated_Employment_Rate\n2024,NO,Extra_EU_Migrant,70,Highly_Educated_Employment_Rate\n';

describe('outputs never overwrite an input, whichever link they go through', () => {
  it('scorecard --outcomes link.csv --out <the real csv>', async () => {
    const dir = tmp('sc-link');
    writeFileSync(join(dir, 'real.csv'), OUTCOME_CSV);
    symlinkSync(join(dir, 'real.csv'), join(dir, 'link.csv'));
    const r = await run(['scorecard', ANSWERS, '--rubric', DEMO_RUBRIC, '--country', 'NO', '--format', 'md', '--outcomes', 'link.csv', '--out', 'real.csv'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('OUTPUT_IS_INPUT');
    expect(readFileSync(join(dir, 'real.csv'), 'utf8')).toBe(OUTCOME_CSV);
    // The other way round, and through a hard link.
    linkSync(join(dir, 'real.csv'), join(dir, 'hard.csv'));
    const r2 = await run(['scorecard', ANSWERS, '--rubric', DEMO_RUBRIC, '--country', 'NO', '--format', 'md', '--outcomes', 'real.csv', '--out', 'hard.csv'], dir);
    expect(r2.code).toBe(1);
    expect(readFileSync(join(dir, 'real.csv'), 'utf8')).toBe(OUTCOME_CSV);
  });

  it('outcomes compare --data link.csv --out <real csv>, and --framework fw.yaml --out fw.yaml', async () => {
    const dir = tmp('oc-link');
    writeFileSync(join(dir, 'real.csv'), OUTCOME_CSV);
    symlinkSync(join(dir, 'real.csv'), join(dir, 'link.csv'));
    const base = ['outcomes', 'compare', '--policy', ANSWERS, '--rubric', DEMO_RUBRIC, '--outcome', 'highly-educated-employment-rate'];
    const r = await run([...base, '--data', 'link.csv', '--out', 'real.csv'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('OUTPUT_IS_INPUT');
    expect(readFileSync(join(dir, 'real.csv'), 'utf8')).toBe(OUTCOME_CSV);


    const { ZARAGOZA_FRAMEWORK_YAML } = await import('../src/outcomes/zaragoza.js');

    writeFileSync(join(dir, 'fw.yaml'), ZARAGOZA_FRAMEWORK_YAML);
    const r2 = await run([...base, '--data', 'real.csv', '--framework', 'fw.yaml', '--out', 'fw.yaml'], dir);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('OUTPUT_IS_INPUT');
    expect(readFileSync(join(dir, 'fw.yaml'), 'utf8')).toBe(ZARAGOZA_FRAMEWORK_YAML);
  });

  it('report --out d, where a file in d is a hard link to an input answer set', async () => {
    const dir = tmp('report-hard');
    mkdirSync(join(dir, 'answers'));
    for (const f of readdirSync(ANSWERS)) writeFileSync(join(dir, 'answers', f), readFileSync(join(ANSWERS, f)));
    mkdirSync(join(dir, 'd'));
    linkSync(join(dir, 'answers', 'NO-2024.yaml'), join(dir, 'd', 'NO.md'));
    const before = snapshot(join(dir, 'answers'));
    const r = await run(['report', 'answers', '--rubric', DEMO_RUBRIC, '--out', 'd', '--quiet'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('OUTPUT_IS_INPUT');
    expect(snapshot(join(dir, 'answers'))).toEqual(before);
    expect(readdirSync(join(dir, 'd'))).toEqual(['NO.md']);
  });

  it('--out naming a folder, or a file name with a trailing slash, is a diagnostic or usage error, not INTERNAL_ERROR', async () => {
    const dir = tmp('out-folder');
    mkdirSync(join(dir, 'taken'));
    const cmp = await run(['compare', ANSWERS, '--rubric', DEMO_RUBRIC, '--out', 'taken'], dir);
    expect(cmp.code).toBe(1);
    expect(cmp.stderr).toContain('OUTPUT_NOT_A_FILE');
    const slash = await run(['compare', ANSWERS, '--rubric', DEMO_RUBRIC, '--out', 'ranking.txt/'], dir);
    expect(slash.code).toBe(2);
    expect(slash.stderr).toContain('--out must name a file');
    const oc = await run(['outcomes', 'compare', '--policy', ANSWERS, '--rubric', DEMO_RUBRIC, '--outcome', 'highly-educated-employment-rate', '--out', 'taken'], dir);
    expect(oc.code).toBe(1);
    expect(oc.stderr).toContain('OUTPUT_NOT_A_FILE');
    for (const r of [cmp, slash, oc]) expect(r.stderr).not.toContain('INTERNAL_ERROR');
    // A report whose --out is an existing file.
    writeFileSync(join(dir, 'plain'), 'x');
    const rep = await run(['report', ANSWERS, '--rubric', DEMO_RUBRIC, '--out', 'plain', '--quiet'], dir);
    expect(rep.code).toBe(1);
    expect(rep.stderr).not.toContain('INTERNAL_ERROR');
    expect(readFileSync(join(dir, 'plain'), 'utf8')).toBe('x');
    expect(readdirSync(join(dir, 'taken'))).toEqual([]);
  });
});

describe('inputs: only regular files, each once, inside the folder given', () => {
  it('a link to /dev/zero in a folder is a diagnostic, and the other files load', () => {
    const dir = tmp('devzero');
    writeFileSync(join(dir, 'a.yaml'), 'x: 1\n');
    symlinkSync('/dev/zero', join(dir, 'x.yaml'));
    const r = expandAnswerPaths([dir]);
    expect(r.files).toEqual([join(dir, 'a.yaml')]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['FILE_NOT_REGULAR']);
    expect(readTextFile('/dev/zero').diagnostics[0]?.code).toBe('FILE_NOT_REGULAR');
  });

  it('self-links and link loops load each file once and stop', () => {
    const dir = tmp('loops');
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'one.yaml'), 'x: 1\n');
    symlinkSync('.', join(dir, 'a', 'self'));
    symlinkSync(join(dir, 'a'), join(dir, 'b'));
    symlinkSync(join(dir, 'loop1.yaml'), join(dir, 'loop2.yaml'));
    symlinkSync(join(dir, 'loop2.yaml'), join(dir, 'loop1.yaml'));
    symlinkSync(join(dir, 'a', 'one.yaml'), join(dir, 'again.yaml'));
    const r = expandAnswerPaths([dir]);
    expect(r.files).toEqual([join(dir, 'a', 'one.yaml')]);
    const codes = r.diagnostics.map((d) => d.code).sort();
    expect(codes).toContain('FOLDER_LINK_SKIPPED');
    expect(codes.filter((c) => c === 'FILE_NOT_FOUND')).toHaveLength(2); // the two loop links
  });

  it('a link to / is not followed, and folders past the depth limit are reported', () => {
    const dir = tmp('root-link');
    symlinkSync('/', join(dir, 'root'));
    let deep = dir;
    for (let i = 0; i < 18; i++) deep = join(deep, `d${i}`);
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'deep.yaml'), 'x: 1\n');
    writeFileSync(join(dir, 'top.yaml'), 'x: 1\n');
    const r = expandAnswerPaths([dir]);
    expect(r.files).toEqual([join(dir, 'top.yaml')]);
    const codes = r.diagnostics.map((d) => d.code).sort();
    expect(codes).toEqual(['FOLDER_LINK_SKIPPED', 'FOLDER_TOO_DEEP']);
  });

  it('UTF-16 files are said to be UTF-16', () => {
    const dir = tmp('utf16');
    writeFileSync(join(dir, 'le.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x: 1\n', 'utf16le')]));
    writeFileSync(join(dir, 'nobom.yaml'), Buffer.from('schemaVersion: 1\n', 'utf16le'));
    const be = Buffer.from('x: 1\n', 'utf16le').swap16();
    writeFileSync(join(dir, 'be.yaml'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    for (const f of ['le.yaml', 'nobom.yaml', 'be.yaml']) {
      const r = readTextFile(join(dir, f));
      expect(r.diagnostics.map((d) => d.code), f).toEqual(['FILE_UTF16']);
      expect(r.diagnostics[0]!.message).toContain('UTF-16');
    }
    expect(readTextFile(join(HOSTILE, 'utf16-answers.yaml')).diagnostics.map((d) => d.code)).toEqual(['FILE_UTF16']);
  });

  it('FIFOs and devices as rubric, include, answer file, workbook and outcome file never block (child process, fixed timeout)', () => {
    const dir = tmp('fifo');
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    execFileSync('mkfifo', [join(dir, 'pipe.xlsx')]);
    execFileSync('mkfifo', [join(dir, 'pipe.csv')]);
    mkdirSync(join(dir, 'rubric'));
    writeFileSync(join(dir, 'rubric', 'index.yaml'), readFileSync(join(DEMO_RUBRIC, 'index.yaml'), 'utf8'));
    const includes = [...readFileSync(join(DEMO_RUBRIC, 'index.yaml'), 'utf8').matchAll(/include:\s*(\S+)/g)].map((m) => m[1]!);
    expect(includes.length).toBeGreaterThan(0);
    for (const inc of includes) {
      mkdirSync(dirname(join(dir, 'rubric', inc)), { recursive: true });
      execFileSync('mkfifo', [join(dir, 'rubric', inc)]);
    }
    const script = `
      import { main } from ${JSON.stringify(join(ROOT, 'src/cli/main.ts'))};
      const runs = [
        ['validate', ${JSON.stringify(fifo)}],
        ['validate', ${JSON.stringify(join(dir, 'rubric'))}],
        ['score', ${JSON.stringify(DEMO_RUBRIC)}, ${JSON.stringify(fifo)}],
        ['validate', '/dev/zero'],
        ['import-mipex', ${JSON.stringify(join(dir, 'pipe.xlsx'))}, '--out', ${JSON.stringify(join(dir, 'out'))}],
        ['import-mipex', '/dev/zero', '--out', ${JSON.stringify(join(dir, 'out'))}],
        ['outcomes', 'validate', ${JSON.stringify(join(dir, 'pipe.csv'))}],
        ['import-table', ${JSON.stringify(join(dir, 'pipe.xlsx'))}, '--rubric', ${JSON.stringify(DEMO_RUBRIC)}, '--out', ${JSON.stringify(join(dir, 'out'))}],
        ['verify', ${JSON.stringify(DEMO_RUBRIC)}, ${JSON.stringify(join(ROOT, 'examples/demo/answers'))}, '--published', ${JSON.stringify(join(dir, 'pipe.xlsx'))}],
      ];
      const results = [];
      for (const argv of runs) {
        let err = '';
        const code = await main(argv, { stdout: () => {}, stderr: (s) => (err += s), cwd: ${JSON.stringify(dir)} });
        results.push({ argv: argv.slice(0, 2), code, codes: [...new Set(err.match(/\\b[A-Z]+(?:_[A-Z0-9]+)+\\b/g) ?? [])].sort() });
      }
      console.log(JSON.stringify(results));
    `;
    writeFileSync(join(dir, 'run.mts'), script);
    const child = spawnSync(process.execPath, [...RUN_SOURCES, join(dir, 'run.mts')], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(child.error, 'the child process hung or failed to start').toBeUndefined();
    expect(child.status, child.stderr).toBe(0);
    const results = JSON.parse(child.stdout.trim().split('\n').pop()!) as { argv: string[]; code: number; codes: string[] }[];
    expect(results).toHaveLength(9);
    for (const r of results) {
      expect(r.code, r.argv.join(' ')).toBe(1);
      expect(r.codes, r.argv.join(' ')).not.toContain('INTERNAL_ERROR');
    }
    expect(results[0]!.codes).toContain('FILE_NOT_REGULAR');
    expect(results[1]!.codes).toContain('FILE_NOT_REGULAR');
    expect(results[2]!.codes).toContain('FILE_NOT_REGULAR');
    expect(results[3]!.codes).toContain('FILE_NOT_REGULAR');
    expect(results[4]!.codes).toContain('IMPORT_UNREADABLE');
    expect(results[5]!.codes).toContain('IMPORT_UNREADABLE');
    expect(results[6]!.codes).toContain('FILE_NOT_REGULAR');
    expect(results[7]!.codes).toContain('FILE_NOT_REGULAR');
    expect(results[8]!.codes).toContain('FILE_NOT_REGULAR');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(statSync(fifo).isFIFO()).toBe(true);
  }, 90_000);
});
