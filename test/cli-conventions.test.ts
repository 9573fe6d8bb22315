// Conventions every command follows: exit 2 for usage errors (found before slow loading), help
// on stdout only when asked, short usage plus the error on stderr otherwise, did-you-mean,
// --version everywhere, no stray output on failure.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../src/cli/main.js';
import { compareHelp } from '../src/cli/compare.js';
import { closestNames } from '../src/source/suggest.js';
import { captureIO, hasStackTrace, readRepoFile, ROOT } from './engine-helpers.js';

async function run(argv: string[], cwd?: string) {
  const io = captureIO(cwd);
  const code = await main(argv, io);
  expect(hasStackTrace(io.err()), io.err()).toBe(false);
  return { code, out: io.out(), err: io.err() };
}

const ANSWERS = 'test/fixtures/scorecard/answers';
const RUBRIC = 'examples/demo/rubric';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('usage errors exit 2, with the error and a short usage on stderr', () => {
  it('an unknown country, year or peer code is a usage error for scorecard and compare', async () => {
    for (const argv of [
      ['scorecard', ANSWERS, '--rubric', RUBRIC, '--country', 'XX'],
      ['scorecard', ANSWERS, '--rubric', RUBRIC, '--year', '1999'],
      ['scorecard', ANSWERS, '--rubric', RUBRIC, '--country', 'NO', '--year', '2030'],
      ['scorecard', ANSWERS, '--rubric', RUBRIC, '--country', 'NO', '--peers', 'DE,XY'],
      ['compare', ANSWERS, '--rubric', RUBRIC, '--year', '2030'],
      ['compare', ANSWERS, '--rubric', RUBRIC, '--peers', 'DE,XY'],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.out, argv.join(' ')).toBe('');
      expect(r.err, argv.join(' ')).toMatch(new RegExp(`^policy-index ${argv[0]}: .*(XX|1999|2030|XY)`));
      expect(r.err, argv.join(' ')).toContain(`Usage: policy-index ${argv[0]} <answers…>`);
    }
  });

  it('an unknown country names the countries there are and the closest one', async () => {
    const r = await run(['scorecard', ANSWERS, '--rubric', RUBRIC, '--country', 'NX']);
    expect(r.err).toContain('The country "NX" has no answer set. Did you mean "NO"?');
    expect(r.err).toContain('The answers cover CA, DE, FR, NO, SE.');
  });

  it('a bare group or a bad flag before its subcommand names the problem on stderr', async () => {
    const bogus = await run(['outcomes', '--bogus']);
    expect(bogus.code).toBe(2);
    expect(bogus.out).toBe('');
    expect(bogus.err).toContain('"--bogus"');
    expect(bogus.err).toContain('Usage: policy-index outcomes <validate|gaps|compare>');
    const bare = await run(['outcomes']);
    expect([bare.code, bare.out]).toEqual([2, '']);
    expect(bare.err).toContain('a subcommand is needed');
    const help = await run(['outcomes', '--help']);
    expect([help.code, help.err]).toEqual([0, '']);
    expect(help.out).toContain('outcomes gaps');
  });

  it('every command names a bad flag, suggests the closest one and shows its usage', async () => {
    for (const c of COMMANDS) {
      const r = await run([...c.name.split(' '), '--bogus-flag']);
      expect(r.code, c.name).toBe(2);
      expect(r.out, c.name).toBe('');
      expect(r.err, c.name).toContain(`policy-index ${c.name}: Unknown option '--bogus-flag'`);
      expect(r.err, c.name).toContain(`Run policy-index ${c.name} --help for all options.`);
    }
    const r = await run(['scorecard', ANSWERS, '--countyr', 'NO']);
    expect(r.err).toContain("Unknown option '--countyr'. Did you mean --country?");
  });

  it('argv echoed in a usage error has its control characters escaped (no terminal escapes)', async () => {
    const osc = '\u001b]8;;https://evil.example\u0007x\u001b]8;;\u0007';
    const title = '\u001b]0;pwned\u0007';
    for (const argv of [
      [`sc${osc}`],
      ['outcomes', `g${title}`],
      ['outcomes', `--${title}`],
      ['scorecard', ANSWERS, `--bogus${osc}`],
      ['scorecard', ANSWERS, '--rubric', RUBRIC, '--country', `X${title}`],
      ['score', RUBRIC, ANSWERS, '--format', `csv${osc}`],
      ['scorecard', ANSWERS, '--rubric', RUBRIC, '--year', `19\u009b31m99`],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(r.err, argv.join(' ')).toMatch(/\\x1b|\\x9b|\\u009b/);
    }
  });

  it('a very long unknown command is not compared with every name', async () => {
    const r = await run(['s'.repeat(1_000_000)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command');
  });

  it('did-you-mean for commands and subcommands', async () => {
    const r = await run(['scor']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "scor". Did you mean "score" or "scorecard"?');
    const v = await run(['valdiate']);
    expect(v.err).toContain('Did you mean "validate"?');
    const sub = await run(['outcomes', 'gpas']);
    expect(sub.err).toContain('unknown subcommand "gpas". Did you mean "gaps"?');
    expect(closestNames('zzzz', ['score', 'validate'])).toEqual([]);
  });
});

describe('help and version', () => {
  it('every command prints its help on stdout with --help, and the version with --version', async () => {
    const version = (JSON.parse(readRepoFile('package.json')) as { version: string }).version;
    for (const c of COMMANDS) {
      const help = await run([...c.name.split(' '), '--help']);
      expect([help.code, help.err], c.name).toEqual([0, '']);
      expect(help.out, c.name).toBe(c.help + '\n');
      const v = await run([...c.name.split(' '), '--version']);
      expect([v.code, v.out, v.err], c.name).toEqual([0, `${version}\n`, '']);
    }
  });

  it('compare --help states the default year compare uses', async () => {
    expect(compareHelp.replace(/\s+/g, ' ')).toContain('default: the year in which the most countries have a complete score');
    // The MIPEX answers run to 2021 for a few countries; most countries end in 2019.
    const r = await run(['compare', 'examples/mipex', '--format', 'csv']);
    expect(r.code).toBe(0);
    const years = r.out.trim().split('\n').slice(1).map((l) => l.split(',')[4]);
    expect(new Set(years)).toEqual(new Set(['2019']));
    const later = await run(['compare', 'examples/mipex', '--year', '2021', '--format', 'csv']);
    expect(later.code).toBe(0);
  });
});

describe('no stray output on failure', () => {
  it('score with a missing answer file prints no table', async () => {
    for (const format of ['table', 'csv']) {
      const r = await run(['score', RUBRIC, 'nope.yaml', '--format', format]);
      expect(r.code).toBe(1);
      expect(r.out, format).toBe('');
      expect(r.err).toContain('FILE_NOT_FOUND');
    }
  });
});

describe('validate finds the rubric an answer file names', () => {
  function copyAnswers(withRubric: boolean): string {
    const dir = mkdtempSync(join(tmpdir(), 'validate-rubric-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'answers'));
    const text = readFileSync(join(ROOT, 'examples/demo/answers/northland-2024.yaml'), 'utf8');
    expect(text).toMatch(/^ {2}sectors:/m);
    writeFileSync(join(dir, 'answers', 'northland.yaml'), text.replace(/^ {2}sectors:/m, '  sectrs:'));
    if (withRubric) cpSync(join(ROOT, RUBRIC), join(dir, 'rubric'), { recursive: true });
    return dir;
  }

  it('uses a rubric folder next to the answers: a misspelled question id is reported', async () => {
    const dir = copyAnswers(true);
    const r = await run(['validate', 'answers/northland.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/answers\/northland\.yaml:\d+:\d+ error ANSWERS_UNKNOWN_QUESTION/);
  });

  it('says clearly when only the shape was checked', async () => {
    const dir = copyAnswers(false);
    const r = await run(['validate', 'answers/northland.yaml'], dir);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/answers\/northland\.yaml:3:1 warning ANSWERS_RUBRIC_NOT_CHECKED Only the shape of this file was checked/);
    expect(r.err.trimEnd().split('\n').pop()).toBe('1 file checked: no errors, 1 warning (ANSWERS_RUBRIC_NOT_CHECKED ×1).');
  });
});
