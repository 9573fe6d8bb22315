import { describe, expect, it } from 'vitest';
import { main, mainHelp } from '../src/cli/main.js';
import { validateHelp } from '../src/cli/validate.js';
import { scoreHelp } from '../src/cli/score.js';
import { explainHelp } from '../src/cli/explain.js';
import { captureIO, hasStackTrace, readRepoFile } from './engine-helpers.js';

async function run(...argv: string[]) {
  const io = captureIO();
  const code = await main(argv, io);
  expect(hasStackTrace(io.err()), io.err()).toBe(false);
  expect(hasStackTrace(io.out())).toBe(false);
  return { code, out: io.out(), err: io.err() };
}

/** Headline lines of formatted diagnostics: `file:line:col severity CODE message`. */
const HEADLINE = /^(\S+):(\d+):(\d+) (error|warning|info) ([A-Z][A-Z_]+) \S/;
const headlines = (text: string) => text.split('\n').filter((l) => HEADLINE.test(l));

describe('help and version', () => {
  it('--help and -h print the command list, exit 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const r = await run(flag);
      expect(r.code).toBe(0);
      expect(r.out).toBe(mainHelp() + '\n');
      expect(r.out).toMatch(/^Usage: policy-index <command>/);
      for (const c of ['validate', 'score', 'explain']) expect(r.out).toMatch(new RegExp(`^  ${c} `, 'm'));
    }
  });

  it('no arguments prints a short usage on stderr and exits 2', async () => {
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('no command given');
    expect(r.err).toContain('Usage: policy-index');
  });

  it('--version and -v print the package version', async () => {
    const version = (JSON.parse(readRepoFile('package.json')) as { version: string }).version;
    for (const flag of ['--version', '-v']) {
      const r = await run(flag);
      expect(r.code).toBe(0);
      expect(r.out).toBe(`${version}\n`);
    }
  });

  it('each command has --help (exit 0) and `help <command>` shows the same', async () => {
    for (const [cmd, help] of [['validate', validateHelp], ['score', scoreHelp], ['explain', explainHelp]] as const) {
      const a = await run(cmd, '--help');
      expect(a.code).toBe(0);
      expect(a.out).toBe(help + '\n');
      expect(a.out).toMatch(new RegExp(`^Usage: policy-index ${cmd} `));
      expect((await run(cmd, '-h')).out).toBe(help + '\n');
      expect((await run('help', cmd)).out).toBe(help + '\n');
    }
  });
});

describe('usage errors exit 2 without a stack trace', () => {
  it('unknown command', async () => {
    const r = await run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "frobnicate"');
    expect(r.out).toBe('');
  });

  it('unknown option', async () => {
    const r = await run('score', '--nope', 'examples/demo/rubric', 'examples/demo/answers');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^policy-index score: .*--nope/);
    expect(r.err).toContain('Usage: policy-index score <rubric>');
    expect(r.err).toContain('Run policy-index score --help for all options.');
    expect(r.out).toBe('');
  });

  it('bad --format value', async () => {
    for (const cmd of [['validate', 'examples/demo/rubric'], ['score', 'examples/demo/rubric', 'examples/demo/answers'], ['explain', 'examples/demo/rubric', 'examples/demo/answers/northland-2024.yaml', 'work']]) {
      const r = await run(...cmd, '--format', 'xml');
      expect(r.code, cmd[0]).toBe(2);
      expect(r.err).toContain('--format must be one of');
    }
  });

  it('missing arguments', async () => {
    expect((await run('validate')).code).toBe(2);
    expect((await run('score', 'examples/demo/rubric')).code).toBe(2);
    expect((await run('explain', 'examples/demo/rubric', 'examples/demo/answers/northland-2024.yaml')).code).toBe(2);
  });

  it('an option missing its value', async () => {
    const r = await run('score', 'examples/demo/rubric', 'examples/demo/answers', '--variant');
    expect(r.code).toBe(2);
  });

  it('an unknown variant', async () => {
    const r = await run('score', 'examples/demo/rubric', 'examples/demo/answers', '--variant', 'nope');
    expect(r.code).toBe(2);
    expect(r.err).toContain('no variant "nope"');
  });
});

describe('validate', () => {
  it('the demo rubric and answers are clean: exit 0', async () => {
    const r = await run('validate', 'examples/demo/rubric', 'examples/demo/answers');
    expect(r.code).toBe(0);
    expect(r.err).toBe('3 files checked: no errors, 0 warnings.\n');
    expect(r.out).toBe('');
  });

  it('the broken rubric: exit 1, `file:line:col severity CODE message` lines with code frames', async () => {
    const r = await run('validate', 'examples/broken/rubric.yaml');
    expect(r.code).toBe(1);
    const lines = headlines(r.err);
    expect(lines.map((l) => l.match(HEADLINE)!.slice(1, 6).join(' '))).toEqual([
      'examples/broken/rubric.yaml 19 17 error RUBRIC_INVALID_WEIGHT',
      'examples/broken/rubric.yaml 25 47 error RUBRIC_SCORE_OUT_OF_SCALE',
      'examples/broken/rubric.yaml 30 21 error RUBRIC_UNKNOWN_REFERENCE',
    ]);
    expect(r.err).toContain('  hint: Did you mean "access"?');
    expect(r.err).toMatch(/> 19 \| {9}weight: 0\n\s+\| {17}\^/);
    // The summary is printed once, on stderr, as the last line.
    expect(r.err.endsWith('\n1 file checked: 3 errors, 0 warnings.\n')).toBe(true);
    expect(r.err.match(/errors?, \d+ warnings?/g)).toHaveLength(1);
    expect(r.out).toBe('');
  });

  it('the README shows the real output for the broken rubric', async () => {
    const r = await run('validate', 'examples/broken/rubric.yaml');
    const readme = readRepoFile('README.md');
    for (const line of headlines(r.err)) expect(readme).toContain(line);
    expect(readme.split('\n').filter((l) => l.startsWith('examples/broken/rubric.yaml:'))).toEqual(headlines(r.err));
  });

  it('the broken answers against the demo rubric', async () => {
    const r = await run('validate', 'examples/broken/answers.yaml', '--rubric', 'examples/demo/rubric');
    expect(r.code).toBe(1);
    expect(headlines(r.err).map((l) => l.match(HEADLINE)!.slice(2, 6).join(' '))).toEqual([
      '7 1 warning ANSWERS_MISSING',
      '8 3 error ANSWERS_UNKNOWN_QUESTION',
      '10 17 error ANSWERS_INVALID_OPTION',
      '16 15 error ANSWERS_WRONG_TYPE',
    ]);
    expect(r.err).toContain('hint: Did you mean "permit-wait"?');
  });

  it('--format json lists files and diagnostics', async () => {
    const r = await run('validate', 'examples/broken/rubric.yaml', '--format', 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { files: { file: string; kind: string; errors: number }[]; diagnostics: { code: string; file: string; line: number; column: number }[] };
    expect(json.files).toEqual([{ file: 'examples/broken/rubric.yaml', kind: 'rubric', errors: 3, warnings: 0 }]);
    expect(json.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual([
      'examples/broken/rubric.yaml:19:17 RUBRIC_INVALID_WEIGHT',
      'examples/broken/rubric.yaml:25:47 RUBRIC_SCORE_OUT_OF_SCALE',
      'examples/broken/rubric.yaml:30:21 RUBRIC_UNKNOWN_REFERENCE',
    ]);
  });
});

describe('score', () => {
  it('--format json: one result per answer set, sorted by country', async () => {
    const r = await run('score', 'examples/demo/rubric', 'examples/demo/answers', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { results: { country: string; year: number; variant: string; root: { display: string; score: string }; variants: { id: string; display: string }[] }[] };
    expect(json.results.map((x) => [x.country, x.year, x.variant, x.root.display])).toEqual([
      ['NO', 2024, 'all', '66.1'],
      ['SE', 2024, 'all', '6.7'],
    ]);
    expect(json.results[0]!.variants.map((v) => [v.id, v.display])).toEqual([['all', '66.1'], ['core', '74.2']]);
    expect(typeof json.results[0]!.root.score).toBe('string');
  });

  it('--format csv: a header and one row per variant and node', async () => {
    const r = await run('score', 'examples/demo/rubric', 'examples/demo/answers', '--format', 'csv');
    expect(r.code).toBe(0);
    const rows = r.out.trimEnd().split('\n');
    expect(rows[0]).toBe('country,year,variant,node,kind,level,parent,status,score,display,effective_weight');
    expect(rows[1]).toMatch(/^NO,2024,all,all,variant,variant,,scored,66\.1{40,},66\.1,$/);
    expect(rows).toContain('SE,2024,all,waiting-period,question,indicator,family,not-applicable,,,');
    // 2 sets × (2 variants + 1 root + 3 areas + 4 dimensions/indicators + 10 questions)
    expect(rows.length).toBe(1 + 2 * (2 + 1 + 3 + 3 + 10));
    for (const row of rows.slice(1)) expect(row.split(',').length).toBe(11);
  });

  it('--format table: one line per answer set', async () => {
    const r = await run('score', 'examples/demo/rubric', 'examples/demo/answers');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]!.split(/\s+/)).toEqual(['country', 'year', 'all', 'core', 'work', 'family', 'voice']);
    expect(lines[2]!.split(/\s+/)).toEqual(['NO', '2024', '66.1', '74.2', '73.3', '75.0', '50.0']);
    expect(lines[3]!.split(/\s+/)).toEqual(['SE', '2024', '6.7', '10.0', '20.0', '0.0', '0.0']);
  });

  it('one answer set prints the score tree', async () => {
    const r = await run('score', 'examples/demo/rubric', 'examples/demo/answers/northland-2024.yaml');
    expect(r.code).toBe(0);
    expect(r.out).toContain('welcome-demo  Welcome Policy Demo Index: 66.1');
    expect(r.out).toMatch(/^ {4}income-rule {2}Income requirement: 75\.0/m);
  });

  it('a broken rubric: exit 1, diagnostics on stderr, nothing on stdout', async () => {
    const r = await run('score', 'examples/broken/rubric.yaml', 'examples/demo/answers', '--format', 'json');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(headlines(r.err)).toHaveLength(3);
  });
});

describe('explain', () => {
  it('text: why a node has its score', async () => {
    const r = await run('explain', 'examples/demo/rubric', 'examples/demo/answers/northland-2024.yaml', 'income-rule');
    expect(r.code).toBe(0);
    expect(r.out).toContain('income-rule — Income requirement');
    expect(r.out).toContain('score: 75.0 (exact 75)');
    expect(r.out).toContain('aggregation: decision-table');
    expect(r.out).toContain('matched: row 2 "modest level, any source" (when income-level = welfare, income-sources = any)');
  });

  it('json: the node with its subtree', async () => {
    const r = await run('explain', 'examples/demo/rubric', 'examples/demo/answers/southland-2024.yaml', 'work', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { country: string; variant: string; node: { id: string; score: string; children: { id: string; status: string }[] } };
    expect(json.country).toBe('SE');
    expect(json.node.id).toBe('work');
    expect(json.node.score).toBe('20');
    expect(json.node.children.map((c) => [c.id, c.status])).toEqual([['work-access', 'scored'], ['work-support', 'missing']]);
  });

  it('an unknown node: exit 1, SCORE_NODE_UNKNOWN with a hint', async () => {
    const r = await run('explain', 'examples/demo/rubric', 'examples/demo/answers/northland-2024.yaml', 'incme-rule');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error SCORE_NODE_UNKNOWN The rubric welcome-demo has no node "incme-rule"\./m);
    expect(r.err).toContain('hint: Did you mean "income-rule"?');
    const j = await run('explain', 'examples/demo/rubric', 'examples/demo/answers/northland-2024.yaml', 'incme-rule', '--format', 'json');
    expect(j.code).toBe(1);
    const json = JSON.parse(j.out) as { node: unknown; diagnostics: { code: string; hint: string }[] };
    expect(json.node).toBeNull();
    expect(json.diagnostics.map((d) => [d.code, d.hint])).toEqual([['SCORE_NODE_UNKNOWN', 'Did you mean "income-rule"?']]);
  });
});
