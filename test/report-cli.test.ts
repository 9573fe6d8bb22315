// The scorecard, compare and report commands.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const ANSWERS = 'test/fixtures/scorecard/answers';
const RUBRIC = 'examples/demo/rubric';

// Every temporary folder a test makes is removed when the file's tests end.
const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function run(argv: string[], cwd = ROOT) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('policy-index scorecard', () => {
  it('has --help', async () => {
    for (const cmd of ['scorecard', 'compare', 'report']) {
      const r = await run([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: policy-index ${cmd}`);
    }
  });

  it('writes one scorecard to standard output', async () => {
    const r = await run(['scorecard', ANSWERS, '--rubric', RUBRIC, '--country', 'NO', '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# Northland (fictional answers) — policy scorecard 2024');
    expect(r.stdout).toContain('## Change since 2023');
  });

  it('takes --year and --peers', async () => {
    const r = await run(['scorecard', ANSWERS, '--rubric', RUBRIC, '--country', 'NO', '--year', '2023', '--peers', 'eu', '--format', 'json']);
    expect(r.code).toBe(0);
    const card = JSON.parse(r.stdout);
    expect(card.year).toBe(2023);
    expect(card.peers.group).toBe('eu');
    expect(card.peers.members).toEqual(['SE']);
    expect(card.change).toBeNull();
  });

  it('needs --country or a folder for several countries', async () => {
    const r = await run(['scorecard', ANSWERS, '--rubric', RUBRIC]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--country');
  });

  it('writes a folder and never overwrites an input file', async () => {
    const dir = tempDir('scorecard-');
    const r = await run(['scorecard', ANSWERS, '--rubric', RUBRIC, '--out', dir + '/']);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['CA.html', 'DE.html', 'FR.html', 'NO.html', 'SE.html']);
    // An answer file as output: refused.
    const copy = join(dir, 'in');
    mkdirSync(copy);
    copyFileSync(join(ROOT, ANSWERS, 'NO-2024.yaml'), join(copy, 'NO.html'));
    const before = readFileSync(join(copy, 'NO.html'), 'utf8');
    const clash = await run(['scorecard', join(copy, 'NO.html'), '--rubric', RUBRIC, '--out', join(copy, 'NO.html')]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('OUTPUT_IS_INPUT');
    expect(readFileSync(join(copy, 'NO.html'), 'utf8')).toBe(before);
  });
});

describe('policy-index compare', () => {
  it('ranks with shared ranks as text and CSV', async () => {
    const text = await run(['compare', ANSWERS, '--rubric', RUBRIC]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ *=1 +DE +Germany/m);
    expect(text.stdout).toMatch(/^ *=1 +FR +France/m);
    const csv = await run(['compare', ANSWERS, '--rubric', RUBRIC, '--format', 'csv', '--variant', 'core']);
    expect(csv.stdout.split('\n')[0]).toBe('rank,tied,country,name,year,all,core,work,family,voice');
    expect(csv.stdout.split('\n')[1]).toMatch(/^1,no,CA,Canada,2024,/);
  });

  it('refuses to write over an input file', async () => {
    const dir = tempDir('compare-');
    const file = join(dir, 'x.yaml');
    writeFileSync(file, readFileSync(join(ROOT, ANSWERS, 'CA-2024.yaml')));
    const r = await run(['compare', file, '--rubric', RUBRIC, '--out', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('OUTPUT_IS_INPUT');
  });
});

describe('policy-index report', () => {
  it('writes the index and one scorecard per country, with progress', async () => {
    const dir = tempDir('report-');
    const r = await run(['report', ANSWERS, '--rubric', RUBRIC, '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('[4/5] NO Northland (fictional answers)');
    expect(readdirSync(dir).sort()).toContain('index.html');
    expect(readdirSync(dir).filter((f) => f.endsWith('.html'))).toHaveLength(6);
    const first = readFileSync(join(dir, 'NO.html'), 'utf8');
    await run(['report', ANSWERS, '--rubric', RUBRIC, '--out', dir, '--quiet']);
    expect(readFileSync(join(dir, 'NO.html'), 'utf8')).toBe(first);
  });

  it('writes nothing when an input has errors (a missing answers path beside good ones)', async () => {
    const out = join(tempDir('pi-report-err-'), 'site');
    const r = await run(['report', ANSWERS, 'no/such/answers', '--rubric', RUBRIC, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('FILE_NOT_FOUND');
    expect(r.stderr).toContain('Nothing written');
    expect(() => readdirSync(out)).toThrow();
  });

  it('needs --out', async () => {
    expect((await run(['report', ANSWERS])).code).toBe(2);
  });
});
