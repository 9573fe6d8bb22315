import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRubric } from '../src/rubric/load.js';
import { loadAnswerSet } from '../src/answers/load.js';
import { parseYamlSource } from '../src/source/yaml-source.js';
import { main } from '../src/cli/main.js';
import { DEMO_RUBRIC, HEAD, NORTHLAND, ROOT, SOUTHLAND, captureIO, hasStackTrace, posOf, valuePos, where } from './engine-helpers.js';

const billionLaughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
  '',
].join('\n');

/** Hostile or broken texts, each with the code it must produce and where (null: anywhere). */
const CASES: { name: string; text: string; code: string; pos?: { line: number; column: number } }[] = [
  { name: 'unclosed flow sequence', text: 'id: demo\ntitle: [unclosed\n', code: 'YAML_SYNTAX' },
  { name: 'bad indentation', text: 'id: demo\n  title: x\n', code: 'YAML_SYNTAX', pos: { line: 1, column: 5 } },
  { name: 'tab indentation', text: 'a:\n\t- b\n', code: 'YAML_SYNTAX', pos: { line: 2, column: 1 } },
  { name: 'duplicate keys', text: 'id: a\ntitle: T\nid: b\n', code: 'YAML_DUPLICATE_KEY', pos: { line: 3, column: 1 } },
  { name: '__proto__ key', text: 'id: a\n__proto__: { polluted: true }\n', code: 'YAML_FORBIDDEN_KEY', pos: { line: 2, column: 1 } },
  { name: 'nested constructor.prototype keys', text: 'id: a\nx:\n  constructor:\n    prototype: { polluted: true }\n', code: 'YAML_FORBIDDEN_KEY', pos: { line: 3, column: 3 } },
  { name: 'prototype key in a flow mapping', text: 'x: { prototype: { polluted: true } }\n', code: 'YAML_FORBIDDEN_KEY', pos: { line: 1, column: 6 } },
  { name: '__proto__ key through an alias', text: 'base: &b { a: 1 }\nx: { <<: *b, "__proto__": { polluted: true } }\n', code: 'YAML_FORBIDDEN_KEY' },
  { name: 'billion laughs', text: billionLaughs, code: 'YAML_ALIAS_LIMIT' },
  { name: 'self-referencing alias', text: 'a: &x [1, *x]\n', code: 'YAML_ALIAS_LIMIT' },
  { name: '10 000 nested flow sequences', text: '['.repeat(10_000) + ']'.repeat(10_000), code: 'YAML_TOO_DEEP', pos: { line: 1, column: 66 } },
  { name: '10 000 unclosed flow sequences', text: 'a: ' + '['.repeat(10_000), code: 'YAML_TOO_DEEP' },
  { name: '10 000 nested flow mappings', text: '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000), code: 'YAML_TOO_DEEP' },
  { name: '1 000 nested block mappings', text: Array.from({ length: 1000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n', code: 'YAML_TOO_DEEP', pos: { line: 66, column: 66 } },
  { name: '10 000 nested block mappings (too large)', text: Array.from({ length: 10_000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n', code: 'FILE_TOO_LARGE', pos: { line: 1, column: 1 } },
  { name: '10 000 compact nested sequences', text: '- '.repeat(10_000) + 'x\n', code: 'YAML_TOO_DEEP' },
  { name: 'multiple documents', text: 'id: a\n---\nid: b\n', code: 'YAML_MULTIPLE_DOCUMENTS', pos: { line: 2, column: 1 } },
  { name: 'complex key', text: '? [a, b]\n: value\n', code: 'YAML_UNSUPPORTED_KEY', pos: { line: 1, column: 3 } },
  { name: 'binary garbage', text: '\u0000\u0001\u0002\uFFFD\uFFFE garbage \u0007\n\u00ff\u00fe{{[[', code: 'YAML_NOT_A_MAPPING' },
  { name: 'a list instead of a mapping', text: '- just\n- a list\n', code: 'YAML_NOT_A_MAPPING', pos: { line: 1, column: 1 } },
  { name: 'empty text', text: '', code: 'YAML_NOT_A_MAPPING', pos: { line: 1, column: 1 } },
  { name: 'only comments and blank lines', text: '# nothing\n\n   \n', code: 'YAML_NOT_A_MAPPING', pos: { line: 1, column: 1 } },
  { name: 'a scalar', text: '42\n', code: 'YAML_NOT_A_MAPPING', pos: { line: 1, column: 1 } },
];

describe.each([
  ['rubric loader', (text: string) => loadRubric(text, { file: 'x.yaml' })],
  ['answer loader', (text: string) => loadAnswerSet(text, { file: 'x.yaml' })],
] as const)('%s on hostile input', (_name, load) => {
  for (const c of CASES) {
    it(`${c.name} → ${c.code}`, () => {
      const r = load(c.text);
      expect(r.value).toBeUndefined();
      const hits = r.diagnostics.filter((d) => d.code === c.code);
      expect(hits.length, JSON.stringify(r.diagnostics.map((d) => d.code))).toBeGreaterThan(0);
      for (const d of r.diagnostics) {
        expect(d.file).toBe('x.yaml');
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.column).toBeGreaterThanOrEqual(1);
        expect(d.message).not.toMatch(/\n/);
      }
      if (c.pos) expect({ line: hits[0]!.line, column: hits[0]!.column }).toEqual(c.pos);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    });
  }

  it('a huge single line is handled without throwing', () => {
    const r = load('id: ' + 'x'.repeat(5_000_000) + '\n');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
  });

  it('a text above the size limit gives FILE_TOO_LARGE', () => {
    const r = load('a: ' + 'x'.repeat(20_000_001));
    expect(where(r.diagnostics)).toEqual(['FILE_TOO_LARGE@x.yaml:1:1']);
  });

  it('a flood of syntax errors is capped', () => {
    const r = load(']\n'.repeat(5_000));
    expect(r.diagnostics.length).toBeLessThanOrEqual(60);
    expect(r.diagnostics.every((d) => d.code === 'YAML_SYNTAX')).toBe(true);
  });
});

describe('wrong types and values', () => {
  it('non-finite numbers are refused wherever a score is expected', () => {
    const t = `${HEAD}areas:
  - id: a
    title: A
    indicators:
      - id: q
        title: Q
        type: yes-no
        scores: { yes: .inf, no: .nan }
`;
    const r = loadRubric(t, { file: 'x.yaml' });
    expect(where(r.diagnostics)).toEqual([
      `SCHEMA_INVALID_VALUE@x.yaml:${valuePos(t, 'yes: .inf').line}:${valuePos(t, 'yes: .inf').column}`,
      `SCHEMA_INVALID_VALUE@x.yaml:${valuePos(t, 'no: .nan').line}:${valuePos(t, 'no: .nan').column}`,
    ]);
  });

  it('wrong types in the header and in nodes', () => {
    const t = `schemaVersion: 1\nid: [a]\nversion: 1.0.0\ntitle: R\nareas: {}\n`;
    const r = loadRubric(t, { file: 'x.yaml' });
    const codes = r.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`);
    expect(codes).toContain(`SCHEMA_INVALID_TYPE@${valuePos(t, 'id: [a]').line}:${valuePos(t, 'id: [a]').column}`);
    expect(codes).toContain(`SCHEMA_INVALID_TYPE@${valuePos(t, 'areas: {}').line}:${valuePos(t, 'areas: {}').column}`);
  });

  it('a node that is not a mapping', () => {
    const t = `${HEAD}areas:\n  - 42\n  - [x]\n`;
    const r = loadRubric(t, { file: 'x.yaml' });
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => d.line)).toEqual(expect.arrayContaining([posOf(t, '42').line, posOf(t, '[x]').line]));
  });

  it('unknown ids in answers are reported, not thrown', () => {
    const r = loadAnswerSet('schemaVersion: 1\nrubric: r@1.0.0\ncountry: CA\nyear: 2020\nanswers:\n  toString: yes\n  hasOwnProperty: [a]\n  valueOf: 3\n');
    expect(r.diagnostics).toEqual([]);
    expect([...r.value!.answers.keys()]).toEqual(['toString', 'hasOwnProperty', 'valueOf']);
  });

  it('parseYamlSource returns plain data: no prototype tricks, Dates and big integers converted', () => {
    const p = parseYamlSource('a: 2001-12-14\nb: 123456789012345678901234567890\nc: { d: [1, 2] }\n', 'x.yaml');
    expect(p.diagnostics).toEqual([]);
    expect(Object.getPrototypeOf(p.value)).toBe(Object.prototype);
    expect(typeof (p.value as { b: unknown }).b).toBe('number');
  });

  it('merge keys are not honoured (so they cannot smuggle keys in)', () => {
    const p = parseYamlSource('base: &b { polluted: true }\nx:\n  <<: *b\n', 'x.yaml');
    expect((p.value as { x: Record<string, unknown> }).x).toEqual({ '<<': { polluted: true } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the CLI on hostile files', () => {
  let dir: string;
  const files: Record<string, string> = {};
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-index-bad-'));
    for (const c of CASES) {
      const name = `rubric-${c.name.replace(/[^a-z0-9]+/gi, '-')}.yaml`;
      writeFileSync(join(dir, name), c.text);
      files[name] = c.code;
    }
    writeFileSync(join(dir, 'zero-bytes.yaml'), '');
    files['zero-bytes.yaml'] = 'YAML_NOT_A_MAPPING';
    writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0, 1, 2, 255, 254, 0x1b, 0x5b, 0, 10, 0x7b, 0x7b]));
    files['binary.yaml'] = '';
    writeFileSync(join(dir, 'answers-broken.yaml'), 'schemaVersion: 1\nrubric: welcome-demo@1.0.0\ncountry: NO\nyear: 2024\nanswers:\n  permit-wait: [\n');
    files['answers-broken.yaml'] = 'YAML_SYNTAX';
    writeFileSync(join(dir, 'answers-proto.yaml'), 'schemaVersion: 1\nrubric: welcome-demo@1.0.0\ncountry: NO\nyear: 2024\nanswers:\n  __proto__: { polluted: true }\n');
    files['answers-proto.yaml'] = 'YAML_FORBIDDEN_KEY';
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('validate exits 1 with file:line:col diagnostics and no stack trace, for every file', async () => {
    for (const [name, code] of Object.entries(files)) {
      const io = captureIO(dir);
      const exit = await main(['validate', name], io);
      expect(exit, name).toBe(1);
      const err = io.err();
      expect(hasStackTrace(err), err).toBe(false);
      expect(hasStackTrace(io.out())).toBe(false);
      const first = err.split('\n')[0]!;
      expect(first, name).toMatch(new RegExp(`^${name.replace(/[.]/g, '\\.')}:\\d+:\\d+ error [A-Z_]+ `));
      if (code) expect(err, name).toContain(` error ${code} `);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('score and explain with a broken answer file exit 1 without a stack trace', async () => {
    for (const argv of [
      ['score', DEMO_RUBRIC, 'answers-broken.yaml'],
      ['explain', DEMO_RUBRIC, 'answers-broken.yaml', 'family'],
      ['score', 'rubric-binary-garbage.yaml', 'answers-broken.yaml'],
      ['explain', 'rubric-billion-laughs.yaml', 'answers-broken.yaml', 'x'],
    ]) {
      const io = captureIO(dir);
      const exit = await main(argv, io);
      expect(exit, argv.join(' ')).toBe(1);
      expect(hasStackTrace(io.err())).toBe(false);
      expect(io.err()).toMatch(/\.yaml:\d+:\d+ error [A-Z_]+ /);
    }
  });

  it('a file that does not exist gives FILE_NOT_FOUND, exit 1', async () => {
    const io = captureIO(dir);
    expect(await main(['validate', 'nope.yaml'], io)).toBe(1);
    expect(io.err()).toContain('FILE_NOT_FOUND');
    expect(hasStackTrace(io.err())).toBe(false);
  });
});

describe('commands never write to their inputs', () => {
  const snapshot = (paths: string[]) =>
    paths.map((p) => {
      const st = statSync(p);
      return { p, mtime: st.mtimeMs, size: st.size, text: readFileSync(p, 'utf8') };
    });
  const inputs = [
    join(DEMO_RUBRIC, 'index.yaml'),
    join(DEMO_RUBRIC, 'areas/work.yaml'),
    join(DEMO_RUBRIC, 'areas/family.yaml'),
    NORTHLAND,
    SOUTHLAND,
  ];

  it('validate, score (all formats) and explain leave every input file unchanged', async () => {
    const before = snapshot(inputs);
    const runs = [
      ['validate', 'examples/demo/rubric', 'examples/demo/answers'],
      ['validate', 'examples/demo/answers', '--rubric', 'examples/demo/rubric', '--format', 'json'],
      ['score', 'examples/demo/rubric', 'examples/demo/answers'],
      ['score', 'examples/demo/rubric', 'examples/demo/answers', '--format', 'json'],
      ['score', 'examples/demo/rubric', 'examples/demo/answers', '--format', 'csv'],
      ['explain', 'examples/demo/rubric', 'examples/demo/answers/northland-2024.yaml', 'income-rule'],
      ['explain', 'examples/demo/rubric', 'examples/demo/answers/southland-2024.yaml', 'work', '--format', 'json'],
    ];
    for (const argv of runs) {
      const io = captureIO(ROOT);
      expect(await main(argv, io), argv.join(' ')).toBe(0);
    }
    expect(snapshot(inputs)).toEqual(before);
  });
});
