/**
 * The fast answer-set reader (src/answers/fast-parse.ts) and the quick shape checks
 * (src/answers/plain-shape.ts) against the full YAML parser and the zod schemas: on every
 * shipped answer set, on mutations of them, and on generated texts, both ways give deep-equal
 * data, key orders, number texts, positions of every path, answer sets and diagnostics (also
 * after validation against the rubric). The fast reader must also be taken, not only give up.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAnswerYamlFast } from '../src/answers/fast-parse.js';
import { loadAnswerSet } from '../src/answers/load.js';
import { isPlainAnswerEntry, isPlainHeader, isPlainSimpleAnswer } from '../src/answers/plain-shape.js';
import { answerEntrySchema, answerSetHeaderSchema, simpleAnswerSchema } from '../src/answers/schema.js';
import { loadRubricFile } from '../src/node/files.js';
import { parseYamlSource } from '../src/source/yaml-source.js';
import { compareFastAndFull } from './helpers/fast-parse-compare.js';

const ROOT = join(import.meta.dirname, '..');
const yamlFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir))
    .sort()
    .flatMap((e) => {
      const rel = `${dir}/${e}`;
      if (statSync(join(ROOT, rel)).isDirectory()) return yamlFiles(rel);
      return /\.ya?ml$/.test(e) ? [rel] : [];
    });

const mipex = loadRubricFile(join(ROOT, 'rubrics/mipex-2020')).value!;
const demo = loadRubricFile(join(ROOT, 'examples/demo/rubric')).value!;
const shipped = [
  ...yamlFiles('examples/mipex').map((file) => ({ file, rubric: mipex })),
  ...yamlFiles('examples/demo/answers').map((file) => ({ file, rubric: demo })),
  { file: 'examples/broken/answers.yaml', rubric: demo },
  ...yamlFiles('test/fixtures/hostile/loaders').map((file) => ({ file, rubric: demo })),
].map((s) => ({ ...s, text: readFileSync(join(ROOT, s.file), 'utf8') }));

function expectAgreement(text: string, file: string, rubric = demo): boolean {
  const r = compareFastAndFull(text, file, rubric);
  expect(r.difference, `${file}:\n${text}`).toBeUndefined();
  return r.fast;
}

describe('fast answer-set reader on shipped answer sets', () => {
  it('agrees with the full parser on every shipped answer set and reads nearly all of them', () => {
    expect(shipped.length).toBeGreaterThan(570);
    let fast = 0;
    for (const s of shipped) if (expectAgreement(s.text, s.file, s.rubric)) fast++;
    const mipexFast = shipped.filter((s) => s.file.startsWith('examples/mipex/') && parseAnswerYamlFast(s.text, s.file)).length;
    expect(mipexFast / yamlFiles('examples/mipex').length).toBeGreaterThan(0.9);
    expect(fast).toBeGreaterThan(500);
    for (const file of yamlFiles('examples/demo/answers')) expect(parseAnswerYamlFast(readFileSync(join(ROOT, file), 'utf8'), file), file).toBeDefined();
  });

  it('agrees on mutations of shipped answer sets', () => {
    const pieces = [' ', '  ', '\n', '\n\n', '# c', ' #', '#', ':', ': ', '-', '- ', '"', "'", '\\', '|', '|-', '|+', '>', '[', ']', '{', '}', ',', '&a ', '*a', '!', '? ', '\t', '\r', '\r\n', 'x', '0', '.', '~', 'null', 'true', '1e3', '0x1F', '-0', '.5', '__proto__', '---', '...', '%', '@', '`', 'é', '\u00a0', '\uFEFF', '\u0000', '😀', "''", '""', '[a, b]', '{ a: 1 }', 'q: x', '\n  - x', '\n    y', '148', '"148"'];
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom(...pieces) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('line' as const), at: fc.nat(), op: fc.constantFrom('duplicate', 'drop', 'indent', 'dedent', 'swap') }),
    );
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.nat({ max: shipped.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, mutations) => {
        const s = shipped[which]!;
        let text = s.text;
        for (const m of mutations) {
          if (m.kind === 'insert') {
            const at = m.at % (text.length + 1);
            text = text.slice(0, at) + m.piece + text.slice(at);
          } else if (m.kind === 'delete') {
            const at = m.at % (text.length + 1);
            text = text.slice(0, at) + text.slice(at + m.length);
          } else {
            const lines = text.split('\n');
            const i = m.at % lines.length;
            if (m.op === 'duplicate') lines.splice(i, 0, lines[i]!);
            else if (m.op === 'drop') lines.splice(i, 1);
            else if (m.op === 'indent') lines[i] = `  ${lines[i]}`;
            else if (m.op === 'dedent') lines[i] = lines[i]!.replace(/^ {1,2}/, '');
            else if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
            text = lines.join('\n');
          }
        }
        runs++;
        if (expectAgreement(text, s.file, s.rubric)) fast++;
      }),
      { numRuns: 300, seed: 20_261_202 },
    );
    // Many mutations keep the file readable by the fast reader; those are the ones compared.
    expect(fast).toBeGreaterThan(runs / 5);
  });
});

// ── Generated answer-set texts ───────────────────────────────────────────────

const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
/** Scalar texts as written in YAML, including ones the fast reader must read as numbers, null or booleans. */
const scalarText = fc.oneof(
  word,
  fc.constantFrom('yes', 'no', 'unknown', 'not-applicable', 'true', 'False', 'NULL', '~', 'null', '0', '-0', '007', '12', '-3', '+4', '2.50', '1e3', '-.5', '.inf', '-.Inf', '.NaN', '0o17', '0x1F', '9007199254740993', '1_000', '2019-01-01', 'a b', 'a: b', 'a #b', 'a#b', 'ends:', '-x', '--x', '@x', '%x', '`x`', '?x', ':x', 'x,y', 'x]', 'Länder', '“quoted”', 'a/b (c) & d; e!', "it's"),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .,;()/&'-]{0,30}$/),
);
const quotedText = fc.oneof(
  scalarText.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`),
  scalarText.map((s) => `'${s.replace(/'/g, "''")}'`),
  fc.constantFrom('"a\\nb"', '"\\u00e9"', '"tab\\t"', "'a''b'", '""', "''", '"  spaced  "', '"#not a comment"'),
);
const inline = fc.oneof({ weight: 4, arbitrary: scalarText }, { weight: 2, arbitrary: quotedText }, { weight: 1, arbitrary: fc.array(fc.oneof(word, quotedText), { maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`) }, { weight: 1, arbitrary: fc.constantFrom('[]', '{}', '[ a ]', '[a,b]', '{ act: X, article: "§ 2" }', '{a: 1}', '[a, [b]]', '[a, ]', '{ a: }') });
const comment = fc.option(fc.constantFrom(' # note', '  #x', ' #', '#glued'), { nil: undefined });
const blockScalar = fc.record({
  header: fc.constantFrom('|', '|-', '|+', '>', '|2', '|- # c'),
  lines: fc.array(fc.oneof(scalarText, fc.constant(''), fc.constant(' '), fc.constant('  lead'), fc.constant('# not a comment')), { minLength: 1, maxLength: 4 }),
});
const entryArb = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('bare' as const), value: inline, comment }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('object' as const),
      answer: inline,
      comment: fc.option(fc.oneof(inline, blockScalar), { nil: undefined }),
      citations: fc.option(fc.array(fc.record({ act: fc.oneof(scalarText, quotedText), article: fc.option(quotedText, { nil: undefined }) }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
      status: fc.option(fc.constantFrom('final', 'draft', 'wrong'), { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('region' as const), regions: fc.array(fc.tuple(fc.constantFrom('AT-1', 'AT-2', 'AT-1'), inline), { minLength: 1, maxLength: 3 }) }) },
);
const setArb = fc.record({
  headerComment: fc.boolean(),
  country: fc.constantFrom('CA', 'NO', 'SE', 'ca', '"NO"', 'BE-VLG'),
  year: fc.constantFrom('2019', '2024', '"2024"', '1800', '2019.0'),
  extra: fc.array(fc.tuple(fc.constantFrom('status', 'title', 'source', 'citation', 'referenceDate', 'metadata', 'bogus'), inline), { maxLength: 3 }),
  ids: fc.array(fc.oneof(fc.constantFrom('permit-wait', 'sectors', 'job-services', 'training', 'reunion-allowed', 'income-level', 'local-vote', 'consultative-body', 'nope', '148', '"148"', "'q x'", 'true'), word), { minLength: 1, maxLength: 8 }),
  entries: fc.array(entryArb, { minLength: 8, maxLength: 8 }),
  indent: fc.constantFrom(2, 4),
  blankLines: fc.boolean(),
  finalNewline: fc.boolean(),
});

type SetSpec = typeof setArb extends fc.Arbitrary<infer T> ? T : never;

function render(s: SetSpec): string {
  const pad = ' '.repeat(s.indent);
  const lines: string[] = [];
  if (s.headerComment) lines.push('# header comment', '');
  lines.push('schemaVersion: 1', 'rubric: welcome-demo@1.0.0', `country: ${s.country}`, `year: ${s.year}`);
  for (const [k, v] of s.extra) lines.push(k === 'metadata' ? `metadata:\n${pad}region: ${v}` : `${k}: ${v}`);
  lines.push('answers:');
  s.ids.forEach((id, i) => {
    const e = s.entries[i]!;
    if (s.blankLines && i % 3 === 2) lines.push('');
    if (e.kind === 'bare') lines.push(`${pad}${id}: ${e.value}${e.comment ?? ''}`);
    else if (e.kind === 'region') {
      lines.push(`${pad}${id}:`, `${pad}${pad}byRegion:`);
      for (const [r, v] of e.regions) lines.push(`${pad}${pad}${pad}${r}: ${v}`);
    } else {
      lines.push(`${pad}${id}:`, `${pad}${pad}answer: ${e.answer}`);
      if (typeof e.comment === 'string') lines.push(`${pad}${pad}comment: ${e.comment}`);
      else if (e.comment) lines.push(`${pad}${pad}comment: ${e.comment.header}`, ...e.comment.lines.map((l) => (l === '' ? '' : `${pad}${pad}${pad}${l}`)));
      if (e.citations) {
        lines.push(`${pad}${pad}citations:`);
        for (const c of e.citations) {
          lines.push(`${pad}${pad}${pad}- act: ${c.act}`);
          if (c.article) lines.push(`${pad}${pad}${pad}  article: ${c.article}`);
        }
      }
      if (e.status) lines.push(`${pad}${pad}status: ${e.status}`);
    }
  });
  return lines.join('\n') + (s.finalNewline ? '\n' : '');
}

describe('fast answer-set reader on generated answer sets', () => {
  it('agrees with the full parser and the schemas, and reads most plain texts itself', () => {
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(setArb, (s) => {
        runs++;
        if (expectAgreement(render(s), 'generated.yaml')) fast++;
      }),
      { numRuns: 250, seed: 42 },
    );
    expect(fast).toBeGreaterThan(runs / 10);
  });

  it('reads files of the usual shape itself, with the positions of the full parser', () => {
    const text = ['# note', '', 'schemaVersion: 1', 'rubric: welcome-demo@1.0.0', 'country: CA', 'year: 2024', 'answers:', '  permit-wait: 3 # months', '  sectors: [private, "self"]', '  job-services:', '    answer: equal', '    comment: |-', '      Two lines', '', '      of text.', '    citations:', '      - { act: Foreigners Act, article: "§ 12" }', '      - act: Second', "        article: '§ 3'", ''].join('\n');
    const fast = parseAnswerYamlFast(text, 'a.yaml');
    expect(fast).toBeDefined();
    expect(fast!.locator.locateKey(['answers', 'job-services'])).toEqual({ line: 10, column: 3, endLine: 10, endColumn: 15 });
    expect(fast!.locator.locate(['answers', 'sectors', 1])).toEqual(parseYamlSource(text, 'a.yaml').locator.locate(['answers', 'sectors', 1]));
    expect(expectAgreement(text, 'a.yaml')).toBe(true);
    expect(loadAnswerSet(text).value?.answers.get('job-services')?.evidence.comment).toBe('Two lines\n\nof text.');
  });
});

// ── Quick shape checks against the zod schemas ───────────────────────────────

describe('quick shape checks', () => {
  const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('CA', 'BE-VLG', 'ca', 'demo@1.0.0', 'demo@1', '2024-01-01', '2024-1-1', 'draft', 'final', 'not-recorded', '62.5', '-1', '1e3', 'x'), fc.integer({ min: 1890, max: 2210 }), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(1, 0, NaN, Infinity, 2024.5));
  const value = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('act', 'article', 'url', 'note', 'x', 'region', 'bad key'), scalar, { maxKeys: 3 }) });
  const agree = (quick: boolean, schema: { safeParse(v: unknown): { success: boolean; data?: unknown } }, v: unknown) => {
    if (!quick) return;
    const r = schema.safeParse(v);
    expect(r.success, JSON.stringify(v)).toBe(true);
    expect(isDeepStrictEqual(r.data, v), JSON.stringify(v)).toBe(true);
  };

  it('accept only what the schemas accept, and the schemas give the value back unchanged', () => {
    // A valid header with one to three fields changed (or removed), so that each rule is met on its edge.
    const headerField = fc.oneof(
      fc.tuple(fc.constant('schemaVersion'), fc.constantFrom(1, 2, '1')),
      fc.tuple(fc.constant('rubric'), fc.constantFrom('demo@1.0.0', 'demo', 'demo@1.0.0-rc.1', 7, '-x@1.0.0')),
      fc.tuple(fc.constant('country'), fc.constantFrom('CA', 'BE-VLG', 'ca', 'CAN', 'BE-VLGX')),
      fc.tuple(fc.constant('year'), fc.constantFrom(2024, 1900, 2200, 1899, 2201, 2024.5, '2024', NaN)),
      fc.tuple(fc.constant('referenceDate'), fc.constantFrom('2024-05-01', '2024-5-1', 5)),
      fc.tuple(fc.constant('status'), fc.constantFrom('draft', 'reviewed', 'final', 'done', null)),
      fc.tuple(fc.constantFrom('title', 'countryName', 'originalCode', 'answeredBy', 'reviewedBy', 'source', 'citation', '$schema', 'bogus'), value),
      fc.tuple(fc.constant('metadata'), fc.oneof(fc.dictionary(fc.constantFrom('region', 'income.group', '1bad', 'x y'), scalar, { maxKeys: 3 }), value)),
      fc.tuple(fc.constant('answers'), fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), value, { maxKeys: 4 }), value)),
    );
    const headerArb = fc.tuple(fc.array(headerField, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([fields, drop]) => {
      const h: Record<string, unknown> = { schemaVersion: 1, rubric: 'demo@1.0.0', country: 'CA', year: 2024, answers: { a: 'yes' } };
      for (const [k, v] of fields) h[k] = v;
      if (drop) delete h[fields[0]![0]];
      return h;
    });
    fc.assert(fc.property(headerArb, (h) => agree(isPlainHeader(h), answerSetHeaderSchema, h)), { numRuns: 300, seed: 7 });
    const entryField = fc.oneof(
      fc.tuple(fc.constant('answer'), value),
      fc.tuple(fc.constant('byRegion'), fc.oneof(fc.dictionary(fc.constantFrom('AT-1', 'AT-2'), value, { maxKeys: 2 }), value)),
      fc.tuple(fc.constant('recordedScore'), fc.oneof(scalar, fc.constantFrom(75, '62.5', '6e1', '-3', '1.'))),
      fc.tuple(fc.constant('regions'), fc.constantFrom('not-recorded', 'recorded')),
      fc.tuple(fc.constant('citations'), fc.oneof(fc.array(value, { maxLength: 2 }), value)),
      fc.tuple(fc.constantFrom('comment', 'sourceUrl', 'answeredBy', 'reviewedBy', 'score', 'extra'), value),
      fc.tuple(fc.constant('status'), fc.constantFrom('final', 'nope')),
    );
    const entryArb = fc.array(entryField, { minLength: 1, maxLength: 3 }).map((fields) => {
      const e: Record<string, unknown> = { answer: 'yes' };
      for (const [k, v] of fields) e[k] = v;
      return e;
    });
    fc.assert(fc.property(entryArb, (e) => agree(isPlainAnswerEntry(e), answerEntrySchema, e)), { numRuns: 300, seed: 8 });
    fc.assert(fc.property(value, (v) => agree(isPlainSimpleAnswer(v), simpleAnswerSchema, v)), { numRuns: 300, seed: 9 });
    // They do accept the common shapes (else they would be of no use).
    expect(isPlainHeader({ schemaVersion: 1, rubric: 'demo@1.0.0', country: 'CA', year: 2024, status: 'final', answers: { a: 'yes' } })).toBe(true);
    expect(isPlainAnswerEntry({ answer: 'yes', comment: 'c', citations: [{ act: 'A', article: '1' }], status: 'final' })).toBe(true);
    expect(isPlainSimpleAnswer(['a', 'b'])).toBe(true);
  });
});
