/**
 * The one writer of output files, through the commands that write and directly: inputs linked
 * into the output folder (hard and symbolic, with --force), pipes, folders and links as
 * targets, `--out` that is no folder, outputs that would not read back, and files that are
 * renamed into place rather than written through.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswerSet } from '../src/answers/load.js';
import { main } from '../src/cli/main.js';
import { writeAnswerSetFiles } from '../src/node/answer-files.js';
import { writeOutputFiles } from '../src/node/output.js';
import { InputFiles } from '../src/node/safe-fs.js';
import { createAnswerSet } from '../src/answers/load.js';
import { RUN_SOURCES } from './helpers/run-sources.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const DEMO_RUBRIC = join(ROOT, 'examples/demo/rubric');
const DEMO_ANSWERS = join(ROOT, 'examples/demo/answers');
const DEMO_V2 = join(ROOT, 'test/fixtures/editions/demo-v2');
const TABLE = join(ROOT, 'examples/tables/demo-wide.csv');

const tmp = (name: string) => mkdtempSync(join(tmpdir(), `pi-out-${name}-`));

async function run(argv: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd });
  return { code, stdout: out.join(''), stderr: err.join(''), all: out.join('') + err.join('') };
}

/** Every file below `dir` (relative paths), sorted; links and pipes are listed too. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out.push(`${rel}${e.name}`);
    }
  };
  walk(dir, '');
  return out.sort();
}

/** A folder with the demo answers, the second edition of the demo rubric and a mapping file. */
function migrateSetup(name: string) {
  const base = tmp(name);
  cpSync(DEMO_ANSWERS, join(base, 'answers'), { recursive: true });
  cpSync(DEMO_V2, join(base, 'v2'), { recursive: true });
  writeFileSync(join(base, 'mapping.yaml'), 'migrate:\n  - question: waiting-period\n    options: { one-year: up-to-one-year }\n');
  return base;
}

describe('migrate never writes an input, with or without --force', () => {
  it('an output hard-linked to the mapping file or to the new edition\'s index.yaml is refused, and the input is unchanged', async () => {
    for (const input of ['mapping.yaml', 'v2/index.yaml']) {
      const base = migrateSetup('mig-link');
      const before = readFileSync(join(base, input), 'utf8');
      mkdirSync(join(base, 'out'));
      linkSync(join(base, input), join(base, 'out', 'northland-2024.yaml'));
      const r = await run(['migrate', 'answers', '--to', 'v2', '--mapping', 'mapping.yaml', '--out', 'out', '--force'], base);
      expect(r.code, r.all).toBe(1);
      expect(r.all).toContain('OUTPUT_IS_INPUT');
      expect(r.all).not.toContain('INTERNAL_ERROR');
      expect(readFileSync(join(base, input), 'utf8')).toBe(before);
      // All outputs are checked before any is written: the other answer set is not written either.
      expect(listing(join(base, 'out'))).toEqual(['northland-2024.yaml']);
    }
  });

  it('an output that is a symbolic link to an included area file of the old edition is refused', async () => {
    const base = migrateSetup('mig-symlink');
    cpSync(DEMO_RUBRIC, join(base, 'v1'), { recursive: true });
    const area = join(base, 'v1', 'areas', readdirSync(join(base, 'v1', 'areas')).sort()[0]!);
    const before = readFileSync(area, 'utf8');
    mkdirSync(join(base, 'out'));
    symlinkSync(area, join(base, 'out', 'southland-2024.yaml'));
    const r = await run(['migrate', 'answers', '--from', 'v1', '--to', 'v2', '--out', 'out', '--force'], base);
    expect(r.code, r.all).toBe(1);
    expect(r.all).toMatch(/OUTPUT_IS_INPUT|OUTPUT_OUTSIDE_FOLDER/);
    expect(readFileSync(area, 'utf8')).toBe(before);
  });

  it('a named pipe at the target is refused at once (the command does not block)', () => {
    const base = migrateSetup('mig-fifo');
    mkdirSync(join(base, 'out'));
    execFileSync('mkfifo', [join(base, 'out', 'northland-2024.yaml')]);
    writeFileSync(
      join(base, 'run.mts'),
      `import { main } from ${JSON.stringify(join(ROOT, 'src/cli/main.ts'))};
       const err = [];
       const code = await main(['migrate', 'answers', '--to', 'v2', '--out', 'out', '--force'], { stdout: () => {}, stderr: (s) => err.push(s), cwd: ${JSON.stringify(base)} });
       console.log(JSON.stringify({ code, err: err.join('') }));`,
    );
    const child = spawnSync(process.execPath, [...RUN_SOURCES, join(base, 'run.mts')], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(child.error, 'the command hung on the named pipe').toBeUndefined();
    const result = JSON.parse(child.stdout.trim().split('\n').pop()!) as { code: number; err: string };
    expect(result.code).toBe(1);
    expect(result.err).toContain('OUTPUT_NOT_A_FILE');
    expect(statSync(join(base, 'out', 'northland-2024.yaml')).isFIFO()).toBe(true);
    expect(listing(join(base, 'out'))).toEqual(['northland-2024.yaml']);
  });

  it('a rule that moves an answer onto a question the file already answers is a diagnostic; nothing is written', async () => {
    const base = tmp('mig-dup');
    cpSync(DEMO_V2, join(base, 'v2'), { recursive: true });
    const text = readFileSync(join(DEMO_ANSWERS, 'northland-2024.yaml'), 'utf8');
    const set = loadAnswerSet(text).value!;
    const [first, second] = [...set.answers.keys()].filter((q) => text.includes(`\n  ${q}:`));
    expect(first && second).toBeTruthy();
    writeFileSync(join(base, 'northland-2024.yaml'), text);
    writeFileSync(join(base, 'mapping.yaml'), `migrate:\n  - { question: ${second}, from: ${first} }\n`);
    const r = await run(['migrate', 'northland-2024.yaml', '--to', 'v2', '--mapping', 'mapping.yaml', '--out', 'out', '--format', 'json'], base);
    expect(r.code, r.all).toBe(1);
    const report = JSON.parse(r.stdout) as { files: unknown[]; diagnostics: { code: string; file?: string; line?: number; column?: number }[] };
    const d = report.diagnostics.find((x) => x.code === 'MIGRATION_TARGET_ANSWERED');
    expect(d).toBeDefined();
    expect(d!.file).toBe('northland-2024.yaml');
    const line = text.split('\n').findIndex((l) => l.startsWith(`  ${first}:`)) + 1;
    expect([d!.line, d!.column]).toEqual([line, 3]);
    expect(report.diagnostics.map((x) => x.code)).not.toContain('YAML_DUPLICATE_KEY');
    expect(report.files).toEqual([]);
    expect(existsSync(join(base, 'out'))).toBe(false);
  });

  it('an answer file with an alias to no anchor is a positioned YAML diagnostic, not a crash', async () => {
    const base = tmp('mig-alias');
    writeFileSync(join(base, 'a.yaml'), 'schemaVersion: 1\nrubric: welcome-demo@1.0.0\ncountry: NO\nyear: 2024\nanswers:\n  local-vote: *nowhere\n');
    const r = await run(['migrate', 'a.yaml', '--to', DEMO_V2, '--out', 'out'], base);
    expect(r.code, r.all).toBe(1);
    expect(r.all).not.toContain('INTERNAL_ERROR');
    expect(r.stderr).toMatch(/^a\.yaml:6:15 error YAML_SYNTAX /m);
    expect(existsSync(join(base, 'out', 'a.yaml'))).toBe(false);
  });
});

describe('--out that is no folder, and targets that are folders or links', () => {
  const setups: Record<string, (base: string) => void> = {
    'a file': (base) => writeFileSync(join(base, 'out'), 'notes\n'),
    'a link to itself': (base) => symlinkSync('out', join(base, 'out')),
    'a link to nothing': (base) => symlinkSync('missing/folder', join(base, 'out')),
    'below a file': (base) => writeFileSync(join(base, 'file'), 'notes\n'),
    'a named pipe': (base) => execFileSync('mkfifo', [join(base, 'out')]),
  };
  const outOf = (kind: string) => (kind === 'below a file' ? 'file/out' : 'out');
  for (const [kind, make] of Object.entries(setups)) {
    it(`import-table and migrate with --out ${kind}: OUTPUT_NOT_A_FOLDER, exit 1`, async () => {
      for (const argv of [
        ['import-table', TABLE, '--rubric', DEMO_RUBRIC, '--out', outOf(kind), '--force'],
        ['migrate', DEMO_ANSWERS, '--to', DEMO_V2, '--out', outOf(kind), '--force'],
      ]) {
        const base = tmp('out-kind');
        make(base);
        const before = listing(base);
        const r = await run(argv, base);
        expect(r.code, `${argv[0]}: ${r.all}`).toBe(1);
        expect(r.all).toContain('OUTPUT_NOT_A_FOLDER');
        expect(r.all).not.toContain('INTERNAL_ERROR');
        expect(listing(base)).toEqual(before);
      }
    });
  }

  it('a target name that is a folder (or a link to itself) is refused in import-table and migrate', async () => {
    const a = tmp('target-folder');
    mkdirSync(join(a, 'out', 'NO', 'NO-2024.yaml'), { recursive: true });
    const r1 = await run(['import-table', TABLE, '--rubric', DEMO_RUBRIC, '--out', 'out', '--force'], a);
    expect(r1.code, r1.all).toBe(1);
    expect(r1.all).toContain('OUTPUT_NOT_A_FILE');
    expect(listing(join(a, 'out'))).toEqual([]);

    const b = tmp('target-folder-mig');
    mkdirSync(join(b, 'out', 'northland-2024.yaml'), { recursive: true });
    symlinkSync('southland-2024.yaml', join(b, 'out', 'southland-2024.yaml'));
    const r2 = await run(['migrate', DEMO_ANSWERS, '--to', DEMO_V2, '--out', 'out', '--force'], b);
    expect(r2.code, r2.all).toBe(1);
    expect(r2.all).toContain('OUTPUT_NOT_A_FILE');
    expect(r2.all).not.toContain('INTERNAL_ERROR');
    expect(listing(join(b, 'out'))).toEqual(['southland-2024.yaml']);

    // A folder named like a country's folder, but a file: the answer set cannot go below it.
    const c = tmp('country-file');
    mkdirSync(join(c, 'out'));
    writeFileSync(join(c, 'out', 'NO'), 'notes\n');
    const r3 = await run(['import-table', TABLE, '--rubric', DEMO_RUBRIC, '--out', 'out'], c);
    expect(r3.code, r3.all).toBe(1);
    expect(r3.all).toContain('OUTPUT_NOT_A_FOLDER');
    expect(listing(join(c, 'out'))).toEqual(['NO']);
  });
});

describe('import-table', () => {
  it('--force never writes over the mapping file hard-linked into --out', async () => {
    const base = tmp('it-mapping');
    writeFileSync(join(base, 'tmap.yaml'), 'schemaVersion: 1\ncolumns:\n  Land: country\n');
    writeFileSync(join(base, 'table.csv'), readFileSync(TABLE, 'utf8').replace(/^country,/, 'Land,'));
    const first = await run(['import-table', 'table.csv', '--rubric', DEMO_RUBRIC, '--mapping', 'tmap.yaml', '--out', 'out'], base);
    expect(first.code, first.all).toBe(0);
    const target = join(base, 'out', 'NO', 'NO-2024.yaml');
    const answerBefore = readFileSync(target, 'utf8');
    const before = readFileSync(join(base, 'tmap.yaml'), 'utf8');
    // The mapping takes the place of the answer file (a hard link: same device and inode).
    execFileSync('rm', [target]);
    linkSync(join(base, 'tmap.yaml'), target);
    const r = await run(['import-table', 'table.csv', '--rubric', DEMO_RUBRIC, '--mapping', 'tmap.yaml', '--out', 'out', '--force'], base);
    expect(r.code, r.all).toBe(1);
    expect(r.all).toContain('OUTPUT_IS_INPUT');
    expect(readFileSync(join(base, 'tmap.yaml'), 'utf8')).toBe(before);
    expect(answerBefore).not.toBe(before);
  });

  it('a metadata column named constructor, or with a 5,000-character key, is a positioned diagnostic and nothing is written', async () => {
    for (const [column, code] of [
      ['metadata.constructor', 'YAML_FORBIDDEN_KEY'],
      [`metadata.${'k'.repeat(5000)}`, 'YAML_KEY_TOO_LONG'],
      [`local-vote@${'R'.repeat(5000)}`, 'YAML_KEY_TOO_LONG'],
    ] as const) {
      const base = tmp('it-meta');
      writeFileSync(join(base, 'table.csv'), `country,year,local-vote,${column}\nNO,2024,yes,x\n`);
      const r = await run(['import-table', 'table.csv', '--rubric', DEMO_RUBRIC, '--out', 'out', '--format', 'json'], base);
      expect(r.code, r.all.slice(0, 2000)).toBe(1);
      const report = JSON.parse(r.stdout) as { written: string[]; diagnostics: { code: string; file?: string; line?: number; column?: number }[] };
      const d = report.diagnostics.find((x) => x.code === code);
      expect(d, JSON.stringify(report.diagnostics).slice(0, 500)).toBeDefined();
      // The header cell of the column: line 1, the character column where the cell starts.
      expect([d!.file, d!.line, d!.column]).toEqual(['table.csv', 1, 'country,year,local-vote,'.length + 1]);
      expect(report.written).toEqual([]);
      expect(existsSync(join(base, 'out'))).toBe(false);
    }
  });
});

describe('import-table, long layout', () => {
  it('a region cell of 5,000 characters is a positioned diagnostic and nothing is written', async () => {
    const base = tmp('it-region');
    writeFileSync(join(base, 'table.csv'), `country,year,question,answer,region\nNO,2024,local-vote,yes,${'R'.repeat(5000)}\n`);
    const r = await run(['import-table', 'table.csv', '--rubric', DEMO_RUBRIC, '--out', 'out', '--format', 'json'], base);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { diagnostics: { code: string; file?: string; line?: number; column?: number }[] };
    const d = report.diagnostics.find((x) => x.code === 'YAML_KEY_TOO_LONG');
    expect([d?.file, d?.line, d?.column]).toEqual(['table.csv', 2, 'NO,2024,local-vote,yes,'.length + 1]);
    expect(existsSync(join(base, 'out'))).toBe(false);
  });
});

describe('the writer', () => {
  it('replaces a hard link at the target (with force) instead of writing through it, and leaves no temporary file', () => {
    const base = tmp('w-hardlink');
    writeFileSync(join(base, 'other.txt'), 'kept\n');
    mkdirSync(join(base, 'out'));
    linkSync(join(base, 'other.txt'), join(base, 'out', 'a.txt'));
    const w = writeOutputFiles([{ path: join(base, 'out', 'a.txt'), text: 'new\n' }], { root: join(base, 'out'), force: true });
    expect(w.diagnostics).toEqual([]);
    expect(readFileSync(join(base, 'other.txt'), 'utf8')).toBe('kept\n');
    expect(readFileSync(join(base, 'out', 'a.txt'), 'utf8')).toBe('new\n');
    expect(listing(base)).toEqual(['other.txt', 'out/a.txt']);
  });

  it('an existing file is refused without force (OUTPUT_EXISTS), and then nothing is written', () => {
    const base = tmp('w-exists');
    writeFileSync(join(base, 'b.txt'), 'by hand\n');
    const w = writeOutputFiles([{ path: join(base, 'a.txt'), text: 'a' }, { path: join(base, 'b.txt'), text: 'b' }], { root: base });
    expect(w.diagnostics.map((d) => d.code)).toEqual(['OUTPUT_EXISTS']);
    expect(listing(base)).toEqual(['b.txt']);
    expect(readFileSync(join(base, 'b.txt'), 'utf8')).toBe('by hand\n');
  });

  it('a failed check of any output means no file is written', () => {
    const base = tmp('w-check');
    const w = writeOutputFiles([{ path: join(base, 'a.yaml'), text: 'a: 1\n' }, { path: join(base, 'b.yaml'), text: 'b: 1\nb: 2\n' }], {
      root: base,
      check: (f) => (String(f.text).includes('b: 2') ? [{ code: 'YAML_DUPLICATE_KEY', severity: 'error', message: 'repeated', file: f.path }] : []),
    });
    expect(w.diagnostics.map((d) => d.code)).toEqual(['YAML_DUPLICATE_KEY']);
    expect(w.written).toEqual([]);
    expect(listing(base)).toEqual([]);
  });

  it('an input is refused by device and inode even when reached through another name', () => {
    const base = tmp('w-input');
    writeFileSync(join(base, 'input.yaml'), 'x: 1\n');
    linkSync(join(base, 'input.yaml'), join(base, 'alias.yaml'));
    const w = writeOutputFiles([{ path: join(base, 'alias.yaml'), text: 'y' }], { inputs: new InputFiles([join(base, 'input.yaml')]), force: true });
    expect(w.diagnostics.map((d) => d.code)).toEqual(['OUTPUT_IS_INPUT']);
    expect(readFileSync(join(base, 'input.yaml'), 'utf8')).toBe('x: 1\n');
  });

  it('writeAnswerSetFiles writes only files the answer loader reads back', () => {
    const base = tmp('w-answers');
    const set = createAnswerSet({ rubric: 'welcome-demo@1.0.0', country: 'NO', year: 2024, answers: { 'local-vote': 'yes' } });
    const bad = { ...set, metadata: { constructor: 'x' } as Record<string, string> };
    const w = writeAnswerSetFiles([bad], join(base, 'out'));
    expect(w.diagnostics.map((d) => d.code)).toEqual(['YAML_FORBIDDEN_KEY']);
    expect(existsSync(join(base, 'out'))).toBe(false);
    const ok = writeAnswerSetFiles([set], join(base, 'out'));
    expect(ok.diagnostics).toEqual([]);
    expect(ok.written).toEqual(['NO/NO-2024.yaml']);
    expect(loadAnswerSet(readFileSync(join(base, 'out', 'NO', 'NO-2024.yaml'), 'utf8')).diagnostics).toEqual([]);
  });
});
