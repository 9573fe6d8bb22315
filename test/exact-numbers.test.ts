/**
 * Rubric numbers reach the score exactly: read from the text they were written as, not through
 * doubles (integers beyond 2^53, long decimals), and decision-table conditions compare exact
 * scores, not their nearest doubles.
 */
import { describe, expect, it } from 'vitest';
import { loadAnswerSet } from '../src/answers/load.js';
import { loadRubric } from '../src/rubric/load.js';
import { findScoredNode, scoreAnswerSet } from '../src/scoring/score.js';

const rubricText = (extra: string) =>
  [
    'schemaVersion: 1',
    'id: exact',
    'version: 1.0.0',
    'title: Exact numbers',
    'scale: { min: 0, max: 10000000000000000000 }',
    'areas:',
    '  - id: big',
    '    title: Big',
    '    indicators:',
    '      - id: huge',
    '        title: Huge',
    '        type: single-choice',
    '        options:',
    '          - { id: top, label: Top, score: 9007199254740993 }',
    '          - { id: none, label: None, score: 0 }',
    '      - id: fine',
    '        title: Fine',
    '        type: single-choice',
    '        options:',
    '          - { id: some, label: Some, score: 0.12345678901234567890123 }',
    '          - { id: none, label: None, score: 0 }',
    extra,
  ].join('\n');

const answers = (lines: string[]) => loadAnswerSet(['schemaVersion: 1', 'rubric: exact@1.0.0', 'country: CA', 'year: 2020', 'answers:', ...lines.map((l) => `  ${l}`)].join('\n')).value!;

describe('rubric numbers from their source text', () => {
  it('scores integers beyond 2^53 and long decimals exactly', () => {
    const r = loadRubric(rubricText(''));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const rubric = r.value!;
    const result = scoreAnswerSet(rubric, answers(['huge: top', 'fine: some']), { reportMissing: false });
    expect(findScoredNode(result.root, 'huge')?.score).toBe('9007199254740993');
    expect(findScoredNode(result.root, 'fine')?.score).toBe('0.12345678901234567890123');
    // (9007199254740993 + 0.12345678901234567890123) / 2, by hand.
    expect(findScoredNode(result.root, 'big')?.score).toBe('4503599627370496.561728394506172839450615');
  });

  it('a number changed in memory after loading is taken as it is now', () => {
    const rubric = loadRubric(rubricText('')).value!;
    const top = rubric.questions[0]!.options[0]! as { score: number };
    top.score = 5;
    const result = scoreAnswerSet(rubric, answers(['huge: top']), { reportMissing: false });
    expect(findScoredNode(result.root, 'huge')?.score).toBe('5');
  });
});

describe('decision-table inputs are compared exactly', () => {
  // m is the mean of three answers: 100/3 when one of them scores 100. Its nearest double is
  // 33.333333333333336; a condition written as that double must not match 100/3.
  const tableOf = (questions: string[], second = '{ when: { m: 50 }, score: 50 }') => [
    '  - id: t',
    '    title: Table',
    '    indicators:',
    '      - id: d',
    '        title: Decision',
    '        aggregation:',
    '          method: decision-table',
    '          inputs: [m]',
    '          rows:',
    '            - { when: { m: 33.333333333333336 }, score: 100 }',
    `            - ${second}`,
    '          default: 0',
    '        questions:',
    '          - id: m',
    '            title: Mean',
    '            aggregation: mean',
    '            questions:',
    ...questions.flatMap((q) => [`              - id: ${q}`, `                title: ${q}`, '                type: yes-no', '                scores: { yes: 100, no: 0 }']),
  ].join('\n');
  const table = tableOf(['q1', 'q2', 'q3']);

  it('100/3 does not match a condition on its nearest double', () => {
    const r = loadRubric(rubricText(table));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const result = scoreAnswerSet(r.value!, answers(['q1: yes', 'q2: no', 'q3: no']), { reportMissing: false });
    expect(findScoredNode(result.root, 'm')?.score).toBe('33.3333333333333333333333333333333333333333333333333333333333');
    const d = findScoredNode(result.root, 'd')!;
    expect(d.score).toBe('0');
    expect(d.matchedRow?.index).toBe(-1);
  });

  it('an exact match still matches, written as 50 or 50.0, alone or in a list', () => {
    for (const second of ['{ when: { m: 50 }, score: 50 }', '{ when: { m: 50.0 }, score: 50 }', '{ when: { m: [20, 50.0] }, score: 50 }']) {
      const rubric = loadRubric(rubricText(tableOf(['q1', 'q2'], second))).value!;
      const result = scoreAnswerSet(rubric, answers(['q1: yes', 'q2: no']), { reportMissing: false });
      const d = findScoredNode(result.root, 'd')!;
      expect(d.score, second).toBe('50');
      expect(d.matchedRow?.index, second).toBe(1);
    }
  });
});

describe('number answers and band bounds are compared exactly', () => {
  const banded = [
    'schemaVersion: 1',
    'id: bands',
    'version: 1.0.0',
    'title: Bands',
    'areas:',
    '  - id: wait',
    '    title: Waiting',
    '    indicators:',
    '      - id: days',
    '        title: Days',
    '        type: number',
    '        range: { min: 0, max: 9007199254740993 }',
    '        bands:',
    '          - { max: 9007199254740992, score: 100 }',
    '          - { min: 9007199254740993, score: 0 }',
    '      - id: share',
    '        title: Share',
    '        type: number',
    '        bands:',
    '          - { max: 0.3, score: 100 }',
    '          - { min: 0.30000000000000001, score: 50 }',
  ].join('\n');
  const set = (lines: string[]) =>
    loadAnswerSet(['schemaVersion: 1', 'rubric: bands@1.0.0', 'country: CA', 'year: 2020', 'answers:', ...lines.map((l) => `  ${l}`)].join('\n')).value!;

  it('puts an answer in the band its written digits fall in, not the band of its nearest double', () => {
    const r = loadRubric(banded);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const rubric = r.value!;
    // Both bounds and both answers are the same double (9007199254740992, 0.3); only the text tells them apart.
    const above = scoreAnswerSet(rubric, set(['days: 9007199254740993', 'share: 0.30000000000000001']), { reportMissing: false });
    expect(findScoredNode(above.root, 'days')?.score).toBe('0');
    expect(findScoredNode(above.root, 'share')?.score).toBe('50');
    const below = scoreAnswerSet(rubric, set(['days: 9007199254740992', 'share: 0.3']), { reportMissing: false });
    expect(findScoredNode(below.root, 'days')?.score).toBe('100');
    expect(findScoredNode(below.root, 'share')?.score).toBe('100');
    // The full entry form and the regional form keep their digits too.
    const full = scoreAnswerSet(rubric, set(['days: { answer: 9007199254740993 }', 'share: { byRegion: { X-A: 0.30000000000000001, X-B: 0.30000000000000001 } }']), { reportMissing: false });
    expect(findScoredNode(full.root, 'days')?.score).toBe('0');
    expect(findScoredNode(full.root, 'share')?.score).toBe('50');
  });

  it('checks the valid range exactly', () => {
    const rubric = loadRubric(banded).value!;
    const out = scoreAnswerSet(rubric, set(['days: 9007199254740994']), { reportMissing: false });
    // 9007199254740994 is a double of its own, above the range's written maximum.
    expect(findScoredNode(out.root, 'days')?.status).not.toBe('scored');
  });
});

describe('shared fractions', () => {
  it('give one object per small value, reduced, and leave large values unshared but exact', async () => {
    const { sharedRatio, weightedMean, fromNumber } = await import('../src/exact/index.js');
    const a = sharedRatio(2n, 6n);
    expect(a).toEqual({ n: 1n, d: 3n });
    expect(sharedRatio(-3n, -9n)).toBe(a);
    expect(weightedMean([fromNumber(0), fromNumber(50), fromNumber(50)])).toBe(sharedRatio(100n, 3n));
    const big = 2n ** 40n;
    const b = sharedRatio(big, 3n);
    expect(b).toEqual({ n: big, d: 3n });
    expect(sharedRatio(big, 3n)).not.toBe(b);
    expect(sharedRatio(0n, 5n)).toBe(sharedRatio(0n, 1n));
  });

  it('give means equal to the big-integer sum, whether or not the sum leaves the range of exact doubles', async () => {
    const { sharedRatio, weightedMean } = await import('../src/exact/index.js');
    const fc = await import('fast-check');
    const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
    const check = (parts: [number, number][]) => {
      const values = parts.map(([n, d]) => sharedRatio(BigInt(n), BigInt(d)));
      // The reference: Σ n/d over one common denominator, in big integers, reduced by hand.
      let num = 0n;
      let den = 1n;
      for (const [n, d] of parts) {
        num = num * BigInt(d) + BigInt(n) * den;
        den *= BigInt(d);
      }
      den *= BigInt(parts.length);
      const k = gcd(num, den);
      const m = weightedMean(values) as { n: bigint; d: bigint };
      expect([m.n, m.d]).toEqual([num / k, den / k]);
    };
    // A step whose two products leave the exact range of doubles while their sum comes back into it.
    check([[772341131, 22659], [40474537, 942], [-1818482906, 20785]]);
    // Numerators and denominators up to 2^31 - 1, so that products of a few denominators leave the exact range of doubles.
    const fraction = fc.tuple(fc.integer({ min: -(2 ** 31) + 1, max: 2 ** 31 - 1 }), fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 2 ** 16 }), fc.integer({ min: 1, max: 2 ** 31 - 1 })));
    fc.assert(fc.property(fc.array(fraction, { minLength: 1, maxLength: 12 }), (parts) => check(parts)), { numRuns: 500 });
  });
});

describe('the decimal-text grammar', () => {
  it('reads decimal texts exactly, with the places of the last digit written', async () => {
    const { readDecimalText } = await import('../src/exact/index.js');
    const read = (t: string) => {
      const r = readDecimalText(t);
      return r.ok ? [`${r.value.n}/${r.value.d}`, r.places] : r.problem;
    };
    expect(read('52.78')).toEqual(['2639/50', 2]);
    expect(read(' 53 ')).toEqual(['53/1', 0]);
    expect(read('5e1')).toEqual(['50/1', -1]);
    expect(read('+.5')).toEqual(['1/2', 1]);
    expect(read('12.')).toEqual(['12/1', 0]);
    expect(read('-1.5E-3')).toEqual(['-3/2000', 4]);
    expect(read('9007199254740993')).toEqual(['9007199254740993/1', 0]);
    for (const bad of ['', '.', '1,5', '1e', 'e5', '--1', '0x10', 'Infinity', 'NaN', '1 000', '١٢']) expect(read(bad), bad).toBe('syntax');
  });

  it('reads back what ratioString writes (decimals and fractions n/d); anything else is NaN', async () => {
    const { ratio, ratioString, ratioTextValue, isRatio } = await import('../src/exact/index.js');
    const back = (t: string) => {
      const x = ratioTextValue(t);
      return isRatio(x) ? `${x.n}/${x.d}` : x.toString();
    };
    for (const [n, d] of [[-10n, 3n], [5n, 2n], [33n, 56n], [0n, 1n], [-1n, 8n], [10n ** 70n + 1n, 7n]] as const) {
      const text = ratioString(ratio(n, d));
      expect(back(text), text).toBe(`${ratio(n, d).n}/${ratio(n, d).d}`);
    }
    expect(ratioString(ratio(-10n, 3n))).toBe('-10/3');
    expect(back('6/4')).toBe('3/2');
    for (const bad of ['1/0', '1/-3', '1/', '/3', '1//3', 'a/3', '1e5000000', `${'9'.repeat(401)}/3`]) expect(back(bad), bad).toBe('NaN');
  });

  it('refuses texts beyond its limits at once, whatever their length', async () => {
    const { readDecimalText, DECIMAL_TEXT_LIMITS } = await import('../src/exact/index.js');
    const started = performance.now();
    expect(readDecimalText('1e99999999')).toMatchObject({ ok: false, problem: 'exponent' });
    expect(readDecimalText('1e999999999999999999999999999999')).toMatchObject({ ok: false, problem: 'exponent' });
    expect(readDecimalText('1e-401')).toMatchObject({ ok: false, problem: 'exponent' });
    expect(readDecimalText(`1e${'0'.repeat(100_000)}400`)).toMatchObject({ ok: true }); // leading zeros of the exponent
    expect(readDecimalText('9'.repeat(DECIMAL_TEXT_LIMITS.maxDigits + 1))).toMatchObject({ ok: false, problem: 'digits' });
    expect(readDecimalText(`0.${'0'.repeat(5_000_000)}1`)).toMatchObject({ ok: false, problem: 'digits' });
    expect(readDecimalText('9'.repeat(DECIMAL_TEXT_LIMITS.maxDigits))).toMatchObject({ ok: true });
    expect(readDecimalText('1e400')).toMatchObject({ ok: true });
    expect(readDecimalText('1', { maxDigits: 10, maxExponent: 0 })).toMatchObject({ ok: true });
    expect(readDecimalText('1e1', { maxDigits: 10, maxExponent: 0 })).toMatchObject({ ok: false, problem: 'exponent' });
    expect(performance.now() - started).toBeLessThan(1000);
    // The message names the text, shortened.
    const long = readDecimalText(`${'1'.repeat(500)}`);
    expect(!long.ok && long.message.length).toBeLessThan(120);
  });

  it('strict texts, lenient values and numbers', async () => {
    const { fromDecimalText, decimalTextValue, fromNumber, decimalTextOfNumber, exactString, toRatio, D } = await import('../src/exact/fraction.js').then(async (f) => ({ ...(await import('../src/exact/index.js')), D: f.D }));
    expect(fromDecimalText('-0.1')).toMatchObject({ n: -1n, d: 10n });
    expect(fromDecimalText('+1')).toBeUndefined();
    expect(fromDecimalText('1e3')).toBeUndefined();
    expect(exactString(decimalTextValue('1e-3'))).toBe('0.001');
    expect(exactString(decimalTextValue('1e99999999'))).toBe('NaN');
    expect(fromNumber(0.1)).toMatchObject({ n: 1n, d: 10n });
    expect(decimalTextOfNumber(1e-7)).toBe('0.0000001');
    expect(decimalTextOfNumber(Number.NaN)).toBe('NaN');
    // A decimal's fraction is exact for the digits it holds.
    expect(toRatio(new D('0.125'))).toMatchObject({ n: 1n, d: 8n });
  });
});
