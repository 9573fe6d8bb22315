// Every command is a typed definition: its --help is generated, its argv goes through the one
// parser (unknown flags, bad values and wrong arity are usage errors that write nothing), and
// --format json prints one JSON document wherever it is promised. Table-driven over COMMANDS.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS, main, mainHelp } from '../src/cli/main.js';
import { allOptions, defineCommand, parseArgs, usageLine } from '../src/cli/command.js';
import { UsageError } from '../src/cli/io.js';
import { cliReferencePage } from '../scripts/docs/cli-reference.js';
import { captureIO, hasStackTrace, ROOT } from './engine-helpers.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cli-commands-'));
  dirs.push(d);
  return d;
}

async function run(argv: string[], cwd = ROOT) {
  const io = captureIO(cwd);
  const code = await main(argv, io);
  expect(hasStackTrace(io.err()), io.err()).toBe(false);
  return { code, out: io.out(), err: io.err() };
}

const RUBRIC = join(ROOT, 'examples/demo/rubric');
const ANSWERS = join(ROOT, 'examples/demo/answers');
const NORTHLAND = join(ANSWERS, 'northland-2024.yaml');
const CARDS = join(ROOT, 'test/fixtures/scorecard/answers');
const OUTCOMES = join(ROOT, 'examples/outcomes/three-countries-2019.yaml');

describe('every command is generated from its definition', () => {
  it('the command list holds 22 commands with distinct names', () => {
    expect(COMMANDS.length).toBe(22);
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });

  for (const c of COMMANDS) {
    it(`${c.name}: --help exits 0 and prints the generated help in the common layout`, async () => {
      const r = await run([...c.name.split(' '), '--help']);
      expect([r.code, r.err]).toEqual([0, '']);
      expect(r.out).toBe(c.help + '\n');
      expect(r.out.startsWith(`Usage: ${usageLine(c)}\n`)).toBe(true);
      expect(r.out).toMatch(/\n\nOptions:\n/);
      expect(r.out).toMatch(/\n\nExit codes: /);
      // Every option (the global ones too) is in the help, with its default where it has one.
      for (const [name, o] of Object.entries(allOptions(c))) {
        expect(r.out, `--${name}`).toContain(`--${name}`);
        if (typeof o.default === 'string' || typeof o.default === 'number') expect(r.out.replace(/\s+/g, ' '), `--${name}`).toContain(`default: ${o.default}`);
      }
    });

    it(`${c.name}: an unknown flag exits 2 with a suggestion and writes nothing`, async () => {
      const cwd = tempDir();
      // A near miss of a real flag of the command: the suggestion names it.
      const real = Object.keys(c.options)[0] ?? 'quiet';
      const typo = `--${real}x`;
      const r = await run([...c.name.split(' '), typo, '--out', join(cwd, 'out')], cwd);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(`policy-index ${c.name}: Unknown option '${typo}'. Did you mean --${real}`);
      expect(r.err).toContain(`Usage: policy-index ${c.name}`);
      expect(readdirSync(cwd)).toEqual([]);
    });
  }

  it('a bad enum value, a bad number and a missing value are usage errors naming the option', async () => {
    const enumBad = await run(['trend', RUBRIC, ANSWERS, '--format', 'jsno']);
    expect(enumBad.code).toBe(2);
    expect(enumBad.err).toContain('--format must be one of csv, json, html, svg (got "jsno"). Did you mean "json"?');
    const numberBad = await run(['uncertainty', RUBRIC, ANSWERS, '--samples', '1.5']);
    expect(numberBad.code).toBe(2);
    expect(numberBad.err).toContain('--samples must be a whole number from 1 to 10000000 (got "1.5").');
    const missing = await run(['score', RUBRIC, ANSWERS, '--variant']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("Option '--variant <id>' needs a value.");
    const arity = await run(['explain', RUBRIC, NORTHLAND]);
    expect(arity.code).toBe(2);
    expect(arity.err).toContain('explain needs <node-id>');
    const extra = await run(['diff-rubric', RUBRIC, RUBRIC, RUBRIC]);
    expect(extra.code).toBe(2);
    expect(extra.err).toContain('is one too many');
    for (const r of [enumBad, numberBad, missing, arity, extra]) expect(r.out).toBe('');
  });

  it('old names stay accepted: --format table is text', async () => {
    const a = await run(['score', RUBRIC, ANSWERS, '--format', 'table']);
    const b = await run(['score', RUBRIC, ANSWERS, '--format', 'text']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out).toMatch(/^NO +2024 /m);
  });
});

describe('the parser', () => {
  const cmd = defineCommand({
    name: 'probe',
    summary: 'probe',
    description: 'Probe.',
    exitCodes: '0.',
    positionals: [
      { name: 'first', description: 'first' },
      { name: 'middle', description: 'middle', variadic: true, required: false },
      { name: 'last', description: 'last' },
    ],
    options: {
      level: { type: 'enum', values: ['a', 'b'], default: 'a', description: 'level', aliases: ['lvl'] },
      n: { type: 'number', integer: true, min: -5, max: 5, description: 'n' },
      tag: { type: 'string', repeatable: true, description: 'tag' },
    },
    run: async () => 0,
  });

  it('types and fills in the values: defaults, aliases, repeats, --a=b, negative numbers, --', () => {
    const a = parseArgs(cmd, ['x', '--lvl=b', 'y', '--n', '-3', '--tag', 't1', 'z', '--tag=t2', '--', '--not-a-flag']);
    expect(a.options.level).toBe('b');
    expect(a.options.n).toBe(-3);
    expect(a.options.tag).toEqual(['t1', 't2']);
    expect(a.positionals).toEqual({ first: 'x', middle: ['y', 'z'], last: '--not-a-flag' });
    const d = parseArgs(cmd, ['x', 'y']);
    expect([d.options.level, d.options.n, d.options.tag, d.options.quiet]).toEqual(['a', undefined, [], false]);
    expect(d.positionals).toEqual({ first: 'x', middle: [], last: 'y' });
  });

  it('refuses what it cannot read, with the reason', () => {
    const err = (argv: string[]) => {
      try {
        parseArgs(cmd, argv);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(err(['x', 'y', '--levle', 'a'])).toBe("Unknown option '--levle'. Did you mean --level?");
    expect(err(['x', 'y', '--n', '9'])).toBe('--n must be a whole number from -5 to 5 (got "9").');
    expect(err(['x'])).toBe('probe needs <last> (got 1 argument).');
    expect(err([])).toBe('probe needs <first> <last>.');
    expect(err(['x', 'y', '--quiet=yes'])).toBe("Option '--quiet' takes no value (got \"yes\").");
    expect(err(['x', 'y', '-z'])).toBe("Unknown option '-z'.");
  });

  it('--quiet and --verbose exclude each other', async () => {
    const r = await run(['validate', RUBRIC, '--quiet', '--verbose']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--quiet and --verbose exclude each other');
  });
});

describe('--format json wherever it is promised', () => {
  // One working invocation per command; the output must be one JSON document.
  function invocations(tmp: string): Record<string, string[]> {
    const published = join(tmp, 'published.csv');
    writeFileSync(published, 'country,year,node,value\nNL,2024,work,1\n');
    return {
      validate: [RUBRIC, ANSWERS],
      score: [RUBRIC, ANSWERS],
      explain: [RUBRIC, NORTHLAND, 'work'],
      scorecard: [CARDS, '--rubric', RUBRIC, '--country', 'NO'],
      compare: [CARDS, '--rubric', RUBRIC],
      'import-mipex': [join(tmp, 'missing.xlsx'), '--out', join(tmp, 'mipex')],
      'verify-workbook': [join(tmp, 'missing.xlsx')],
      'import-table': [join(tmp, 'table.csv'), '--rubric', RUBRIC, '--out', join(tmp, 'imported')],
      'export-table': [RUBRIC, ANSWERS],
      questionnaire: [RUBRIC, '--out', join(tmp, 'q.xlsx')],
      verify: [RUBRIC, ANSWERS, '--published', published],
      'outcomes validate': [OUTCOMES],
      'outcomes gaps': [OUTCOMES],
      'outcomes compare': ['--policy', join(ROOT, 'examples/mipex/SE'), '--outcome', 'highly-educated-employment-rate'],
      'diff-rubric': [RUBRIC, RUBRIC, '--answers', ANSWERS],
      migrate: [ANSWERS, '--to', RUBRIC, '--out', join(tmp, 'migrated')],
      trend: [RUBRIC, ANSWERS],
      audit: [RUBRIC, ANSWERS],
      'diff-answers': [ANSWERS, ANSWERS, '--rubric', RUBRIC],
      uncertainty: [RUBRIC, ANSWERS, '--weight-noise', '0.2', '--samples', '8'],
      sensitivity: [RUBRIC, ANSWERS, '--weight-noise', '0.2', '--samples', '8', '--bootstrap', '2'],
    };
  }

  it('every command that prints a result says so in its definition; report is the one that writes a site', () => {
    expect(COMMANDS.filter((c) => !c.json).map((c) => c.name)).toEqual(['report']);
  });

  it('each prints valid JSON on standard output', { timeout: 120_000 }, async () => {
    const tmp = tempDir();
    const table = await run(['export-table', RUBRIC, ANSWERS, '--out', join(tmp, 'table.csv')]);
    expect(table.code).toBe(0);
    const calls = invocations(tmp);
    for (const c of COMMANDS.filter((x) => x.json)) {
      const argv = calls[c.name];
      expect(argv, c.name).toBeDefined();
      const r = await run([...c.name.split(' '), ...argv!, '--format', 'json']);
      expect([0, 1], `${c.name}: ${r.err}`).toContain(r.code);
      expect(() => JSON.parse(r.out), `${c.name}: ${r.out.slice(0, 200)}`).not.toThrow();
      expect(typeof JSON.parse(r.out), c.name).toBe('object');
    }
  });

  it('export-table --format json is the table import-table reads, as header and rows', async () => {
    const r = await run(['export-table', RUBRIC, ANSWERS, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { rubric: string; answerSets: number; header: string[]; rows: string[][] };
    expect(j.rubric).toBe('welcome-demo@1.0.0');
    expect(j.answerSets).toBe(2);
    expect(j.header.slice(0, 2)).toEqual(['country', 'year']);
    expect(j.rows).toHaveLength(2);
    const csv = await run(['export-table', RUBRIC, ANSWERS]);
    expect(csv.out.split('\n')[0]).toBe(j.header.join(','));
  });

  it('questionnaire --format json summarises the workbook it wrote', async () => {
    const tmp = tempDir();
    const r = await run(['questionnaire', RUBRIC, '--answers', NORTHLAND, '--out', join(tmp, 'q.xlsx'), '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(j.rubric).toBe('welcome-demo@1.0.0');
    expect(j.bytes).toBeGreaterThan(1000);
    expect(j.year).toBe(2025);
    expect(readdirSync(tmp)).toEqual(['q.xlsx']);
  });
});

describe('one convention', () => {
  it('an answers folder with no answer sets is an error (exit 1) in every command that reads answer sets', async () => {
    const tmp = tempDir();
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    for (const argv of [
      ['validate', empty],
      ['score', RUBRIC, empty],
      ['compare', empty, '--rubric', RUBRIC],
      ['scorecard', empty, '--rubric', RUBRIC],
      ['report', empty, '--rubric', RUBRIC, '--out', join(tmp, 'site')],
      ['trend', RUBRIC, empty],
      ['export-table', RUBRIC, empty],
      ['verify', RUBRIC, empty, '--published', join(tmp, 'none.csv')],
      ['migrate', empty, '--to', RUBRIC, '--out', join(tmp, 'migrated')],
      ['diff-answers', empty, empty],
      ['uncertainty', RUBRIC, empty, '--weight-noise', '0.2'],
    ]) {
      const r = await run(argv, tmp);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err, argv.join(' ')).toMatch(/No answer sets found|FILE_NOT_FOUND/);
      expect(r.out, argv.join(' ')).not.toMatch(/\S/);
      expect(readdirSync(tmp).sort(), argv.join(' ')).toEqual(['empty']);
    }
    // verify: the empty answers are named even when the published file is also missing.
    expect((await run(['score', RUBRIC, empty], tmp)).err).toContain('No answer sets found in');
  });

  it('a misspelled bundled rubric id gets a suggestion wherever a rubric is taken', async () => {
    for (const argv of [
      ['score', 'mipex-2002', ANSWERS],
      ['compare', CARDS, '--rubric', 'mipex-2002'],
      ['validate', NORTHLAND, '--rubric', 'mipex-2002'],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err, argv.join(' ')).toContain('Did you mean "mipex-2020"? (a bundled rubric)');
    }
  });

  it('--quiet prints errors only; --verbose lifts the cap on diagnostics of one code', async () => {
    const tmp = tempDir();
    mkdirSync(join(tmp, 'answers'));
    // An answer set of the bundled MIPEX rubric with no answers: 72 unanswered questions.
    writeFileSync(join(tmp, 'answers', 'a.yaml'), 'schemaVersion: 1\nrubric: mipex-2020@1.0.0\ncountry: NO\nyear: 2024\nanswers: {}\n');
    const normal = await run(['validate', 'answers/a.yaml'], tmp);
    expect(normal.err).toMatch(/1 file checked: no errors, \d+ warnings? \([A-Z_]+ ×\d+/);
    const quiet = await run(['validate', 'answers/a.yaml', '--quiet'], tmp);
    expect([quiet.code, quiet.err]).toEqual([normal.code, '']);
    const many = await run(['score', 'mipex-2020', 'answers/a.yaml'], tmp);
    const all = await run(['score', 'mipex-2020', 'answers/a.yaml', '--verbose'], tmp);
    const missing = (t: string) => t.split('\n').filter((l) => / warning ANSWERS_MISSING /.test(l)).length;
    expect(missing(many.err)).toBe(20);
    expect(many.err).toMatch(/… and \d+ more ANSWERS_MISSING warnings \(--verbose or --format json shows them all\)/);
    expect(missing(all.err)).toBeGreaterThan(20);
    expect(all.err).not.toContain('… and');
    const none = await run(['score', 'mipex-2020', 'answers/a.yaml', '--quiet'], tmp);
    expect(none.err).toBe('');
    expect(none.out).toBe(many.out);
  });
});

describe('the CLI reference', () => {
  const page = cliReferencePage(mainHelp(), COMMANDS);

  it('lists every command, every option (with its other names) and every positional', () => {
    for (const c of COMMANDS) {
      const at = page.indexOf(`\n## ${c.name}\n`);
      expect(at, c.name).toBeGreaterThan(0);
      const next = page.indexOf('\n## ', at + 1);
      const section = page.slice(at, next < 0 ? undefined : next);
      expect(section, c.name).toContain(usageLine(c));
      for (const [name, o] of Object.entries(allOptions(c))) {
        expect(section, `${c.name} --${name}`).toMatch(new RegExp(`\\| \`(-\\w, )?--${name}[ \`]`));
        for (const a of o.aliases ?? []) expect(section, `${c.name} --${a}`).toContain(`\`--${a}\``);
      }
      for (const p of c.positionals as readonly { name: string }[]) expect(section, `${c.name} <${p.name}>`).toContain(`<${p.name}`);
      if (c.json) expect(section, c.name).toContain('**`--format json`**');
    }
  });

  it('documents the convention once, with --format, --quiet, --verbose and empty inputs', () => {
    expect(page.match(/^## Conventions$/gm)).toHaveLength(1);
    for (const word of ['`--format json`', '`--quiet`', '`--verbose`', 'Empty input is an error', 'mipex-2020', 'exit 2']) expect(page.toLowerCase()).toContain(word.toLowerCase());
  });

  it('writes no raw HTML tags from prose', () => {
    const outside = page.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
    expect(outside.match(/<[a-z][^>]*>/gi) ?? []).toEqual([]);
  });
});
