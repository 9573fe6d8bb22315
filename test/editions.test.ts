import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ratio, type Ratio } from '../src/exact/index.js';
import { main } from '../src/cli/main.js';
import { diffRubrics } from '../src/editions/rubric-diff.js';
import { migrateAnswerSet } from '../src/editions/migrate-plan.js';
import { migrateAnswerText } from '../src/editions/migrate-document.js';
import { parseMigrationMapping } from '../src/editions/mapping.js';
import { loadAnswerSetFiles, loadRubricFile } from '../src/node/files.js';
import { scoreAnswerSet } from '../src/scoring/score.js';
import { loadAnswerSet, loadRubric, validateAnswerSet, type AnswerSet, type Rubric } from '../src/index.js';
import { captureIO, hasStackTrace } from './engine-helpers.js';

const FIX = 'test/fixtures/editions';
const rubricAt = (p: string): Rubric => {
  const r = loadRubricFile(p);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.value!;
};
/** An exact decimal string or `n/d` as a fraction (independent of the code under test). */
function q(s: string): Ratio {
  if (s.includes('/')) {
    const [n, d] = s.split('/');
    return ratio(BigInt(n!), BigInt(d!));
  }
  const neg = s.startsWith('-');
  const [i, f = ''] = s.replace('-', '').split('.');
  return ratio((neg ? -1n : 1n) * BigInt(i! + f), 10n ** BigInt(f.length));
}
const plus = (a: Ratio, b: Ratio) => ratio(a.n * b.d + b.n * a.d, a.d * b.d);
const eq = (a: Ratio, b: Ratio) => a.n === b.n && a.d === b.d;
/** |a − b| ≤ 10⁻⁵⁰: equal up to the rounding of 60-digit score strings of values below 10⁹. */
const near = (a: Ratio, b: Ratio) => {
  const diff = a.n * b.d - b.n * a.d;
  return (diff < 0n ? -diff : diff) * 10n ** 50n <= a.d * b.d;
};
const top = (r: Rubric, s: AnswerSet) => {
  const res = scoreAnswerSet(r, s, { reportMissing: false });
  return res.variants.find((v) => v.id === res.variant)!.score!;
};

async function run(...argv: string[]) {
  const io = captureIO();
  const code = await main(argv, io);
  expect(hasStackTrace(io.err() + io.out())).toBe(false);
  return { code, out: io.out(), err: io.err() };
}

const demo1 = rubricAt('examples/demo/rubric');
const demo2 = rubricAt(`${FIX}/demo-v2`);
const demoAnswers = loadAnswerSetFiles(['examples/demo/answers']).value!;

describe('rubric diff impacts from exact values', () => {
  it('a rescoring that moves a mean of three by 50/3 is written as 50/3, with ranks from exact scores', () => {
    const rubricText = (noScore: number, version: string) =>
      ['schemaVersion: 1', 'id: thirds', `version: ${version}`, 'title: Thirds', 'scale: { min: 0, max: 100 }', 'areas:', '  - id: a', '    title: A', '    indicators:',
        ...['q1', 'q2', 'q3'].flatMap((id) => [`      - id: ${id}`, `        title: ${id}`, '        type: yes-no', `        scores: { yes: 100, no: ${id === 'q3' ? noScore : 0} }`])].join('\n') + '\n';
    const oldR = loadRubric(rubricText(0, '1.0.0')).value!;
    const newR = loadRubric(rubricText(50, '2.0.0')).value!;
    const unit = (country: string, answers: string) => loadAnswerSet(['schemaVersion: 1', 'rubric: thirds@1.0.0', `country: ${country}`, 'year: 2020', 'answers:', ...answers.split(',').map((a, i) => `  q${i + 1}: ${a}`)].join('\n') + '\n', { file: `${country}.yaml` }).value!;
    // CA: yes, yes, no → 200/3, then 250/3. DE: yes, yes, yes → 100 in both.
    const d = diffRubrics(oldR, newR, { answers: [unit('CA', 'yes,yes,no'), unit('DE', 'yes,yes,yes')] });
    const ca = d.impact!.units.find((u) => u.country === 'CA')!;
    // Independently: (100 + 100 + 50)/3 − (100 + 100 + 0)/3 = 50/3.
    expect(ca.total).toBe('50/3');
    expect(ca.effects.map((e) => e.delta).filter((x) => x !== '0')).toEqual(['50/3']);
    expect(ca.exact).toBe(true);
    expect([ca.rankBefore, ca.rankAfter]).toEqual([2, 2]);
  });
});

describe('rubric diff (demo)', () => {
  const diff = diffRubrics(demo1, demo2, { answers: demoAnswers });
  it('lists renames, additions, option changes', () => {
    const kinds = diff.changes.map((c) => `${c.kind} ${c.id}${c.option ? ` ${c.option}` : ''}`);
    expect(kinds).toEqual(
      expect.arrayContaining(['node-added petitions', 'node-renamed local-voting', 'option-rescored consultative-body appointed', 'option-added waiting-period up-to-one-year', 'option-removed waiting-period one-year']),
    );
    expect(diff.changes.find((c) => c.kind === 'option-rescored')).toMatchObject({ before: '50', after: '40' });
    expect(diff.matches['local-voting']).toBe('local-vote');
  });
  it('attributes every unit\'s change exactly, summing to the total', () => {
    expect(diff.impact!.units.length).toBe(demoAnswers.length);
    for (const u of diff.impact!.units) {
      const set = demoAnswers.find((s) => s.file === u.file)!;
      // Totals checked against independent scoring of both editions.
      const after = top(demo2, migrateAnswerSet(demo2, set, [], demo1).set);
      expect(u.before).toBe(top(demo1, set));
      expect(u.after).toBe(after);
      const sum = u.effects.reduce((s, e) => plus(s, q(e.delta)), ratio(0n));
      expect(eq(sum, q(u.total!)), u.country).toBe(true);
      // The total is computed from exact scores; the score strings are rounded to 60 digits.
      expect(near(q(u.total!), plus(q(after), ratio(-q(u.before!).n, q(u.before!).d)))).toBe(true);
      expect(u.exact).toBe(true);
    }
    // Northland answers `appointed`; voice is the minimum of 100 (local vote yes) and the body's
    // score, the index the mean of three areas: rescoring 50 → 40 moves the top score by −10/3.
    const no = diff.impact!.units.find((u) => u.country === 'NO')!;
    const step = diff.impact!.steps.findIndex((s) => s.label.includes('consultative-body'));
    // Another area is a geometric mean, so the top scores are 80-digit decimals: −10/3 to ~78 places.
    const delta = q(no.effects.find((e) => e.step === step)!.delta);
    const off = (delta.n + 0n) * 3n + 10n * delta.d; // 3·(delta + 10/3)·d
    expect((off < 0n ? -off : off) * 10n ** 70n <= 3n * delta.d).toBe(true);
  });
});

describe('rubric diff (MIPEX, changed copy: one indicator split, one option rescored)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pi-mipex-'));
  cpSync('rubrics/mipex-2020', dir, { recursive: true });
  const file = join(dir, 'areas/access-to-nationality.yaml');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('  - id: fa98\n');
  const end = text.indexOf('  - id: fa102_new');
  const block = text.slice(start, end);
  const split = block.replace('- id: fa98\n', '- id: fa98a\n    replaces: fa98\n') + block.replace('- id: fa98\n', '- id: fa98b\n    replaces: fa98\n');
  const changed = text.slice(0, start) + split + text.slice(end).replace('{ id: conditional-birthright, label: "Automatically, but on conditions about the parents or other conditions", score: 67 }', '{ id: conditional-birthright, label: "Automatically, but on conditions about the parents or other conditions", score: 60 }');
  expect(changed).toContain('score: 60 }');
  writeFileSync(file, changed);
  writeFileSync(join(dir, 'index.yaml'), readFileSync(join(dir, 'index.yaml'), 'utf8').replace(/^version: .*$/m, 'version: 2.0.0'));
  const oldR = rubricAt('rubrics/mipex-2020');
  const newR = rubricAt(dir);
  rmSync(dir, { recursive: true, force: true });
  const files = readdirSync('examples/mipex').filter((c) => existsSync(`examples/mipex/${c}/${c}-2019.yaml`)).map((c) => `examples/mipex/${c}/${c}-2019.yaml`);
  const sets = loadAnswerSetFiles(files).value!;
  const diff = diffRubrics(oldR, newR, { answers: sets });
  it('finds the split and the rescoring', () => {
    expect(diff.changes.find((c) => c.kind === 'node-split')).toMatchObject({ id: 'fa98', to: ['fa98a', 'fa98b'] });
    expect(diff.changes.find((c) => c.kind === 'option-rescored')).toMatchObject({ id: 'fa102_new', option: 'conditional-birthright', before: '67', after: '60' });
    expect(diff.changes.some((c) => c.kind === 'node-removed')).toBe(false);
  });
  it('sums exactly for every unit, and ranks every unit', () => {
    expect(sets.length).toBeGreaterThan(40);
    for (const u of diff.impact!.units) {
      const sum = u.effects.reduce((s, e) => plus(s, q(e.delta)), ratio(0n));
      expect(eq(sum, q(u.total!)), u.country).toBe(true);
      expect(u.rankBefore).toBeGreaterThan(0);
      expect(u.rankAfter).toBeGreaterThan(0);
    }
    // Somebody answered the rescored option, so some unit moved at that step.
    const step = diff.impact!.steps.findIndex((s) => s.label.includes('fa102_new'));
    expect(diff.impact!.units.some((u) => q(u.effects.find((e) => e.step === step)!.delta).n !== 0n)).toBe(true);
  });
  it('migrates a MIPEX set onto the split: both halves carry the old answer, flagged for review', () => {
    const f = files[0]!;
    const out = migrateAnswerText(readFileSync(f, 'utf8'), newR, [], oldR);
    const set = loadAnswerSet(out.text, { file: f }).value!;
    expect(validateAnswerSet(newR, set).filter((d) => d.severity === 'error')).toEqual([]);
    expect(out.notes.filter((n) => n.kind === 'review').map((n) => n.question).sort()).toEqual(['fa98a', 'fa98b']);
  });
});

describe('migrate keeps comments, key order and evidence (golden)', () => {
  it('demo 1.0.0 → 1.1.0 matches the reviewed expected file', () => {
    const input = readFileSync(`${FIX}/northland-2024.input.yaml`, 'utf8');
    const expected = readFileSync(`${FIX}/northland-2024.expected.yaml`, 'utf8');
    const out = migrateAnswerText(input, demo2, [], demo1);
    expect(out.text).toBe(expected);
    const set = loadAnswerSet(out.text).value!;
    expect(validateAnswerSet(demo2, set).filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('migrating to an identical rubric changes no byte', () => {
  const questions = demo1.questions;
  const valueFor = (id: string) => {
    const qn = questions.find((x) => x.id === id)!;
    if (qn.type === 'yes-no') return fc.constantFrom('yes', 'no');
    if (qn.type === 'number') return fc.integer({ min: 0, max: 30 }).map(String);
    if (qn.type === 'multiple-choice') return fc.subarray(qn.options.map((o) => o.id), { minLength: 1 }).map((a) => `[${a.join(', ')}]`);
    return fc.constantFrom(...qn.options.map((o) => o.id));
  };
  const entry = fc.constantFrom(...questions.map((x) => x.id)).chain((id) =>
    fc.record({ id: fc.constant(id), value: valueFor(id), comment: fc.option(fc.stringMatching(/^[a-z ]{1,20}$/)), long: fc.boolean() }),
  );
  it('for generated answer sets with comments', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.id, maxLength: questions.length }), fc.option(fc.stringMatching(/^[a-z ]{1,30}$/)), (entries, head) => {
        const lines = [head ? `# ${head}` : '', 'schemaVersion: 1', `rubric: ${demo1.id}@${demo1.version}`, 'country: NO', 'year: 2024', 'answers:'];
        for (const e of entries) {
          const c = e.comment ? ` # ${e.comment}` : '';
          lines.push(e.long ? `  ${e.id}:${c}\n    answer: ${e.value}\n    comment: ${e.comment ?? 'x'}\n    status: final` : `  ${e.id}: ${e.value}${c}`);
        }
        const text = lines.filter((l) => l !== '').join('\n') + '\n';
        expect(migrateAnswerText(text, demo1, [], demo1).text).toBe(text);
      }),
      { numRuns: 60 },
    );
  });
  it('for every shipped MIPEX 2019 answer set', () => {
    const mipex = rubricAt('rubrics/mipex-2020');
    for (const c of readdirSync('examples/mipex').filter((x) => existsSync(`examples/mipex/${x}/${x}-2019.yaml`)).slice(0, 10)) {
      const text = readFileSync(`examples/mipex/${c}/${c}-2019.yaml`, 'utf8');
      expect(migrateAnswerText(text, mipex, [], mipex).text).toBe(text);
    }
  });
});

describe('migration mapping files', () => {
  it('are schema-checked with positions', () => {
    const r = parseMigrationMapping('migrate:\n  - question: q2\n    optons: { a: b }\n', 'map.yaml');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ code: 'SCHEMA_UNKNOWN_FIELD', file: 'map.yaml', line: 3 });
    expect(parseMigrationMapping('migrate:\n  - { question: q2, from: q1, options: { a: b } }\n').value).toEqual([{ question: 'q2', from: 'q1', options: { a: 'b' } }]);
  });
});

describe('CLI', () => {
  it('migrate writes into --out only, never over an input', async () => {
    const out = mkdtempSync(join(tmpdir(), 'pi-mig-'));
    const r = await run('migrate', 'examples/demo/answers', '--from', 'examples/demo/rubric', '--to', `${FIX}/demo-v2`, '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/need a person's look/);
    expect(readdirSync(out).sort()).toEqual(['northland-2024.yaml', 'southland-2024.yaml']);
    const again = await run('migrate', 'examples/demo/answers', '--to', `${FIX}/demo-v2`, '--out', out);
    expect(again.code).toBe(1);
    const before = readFileSync('examples/demo/answers/northland-2024.yaml', 'utf8');
    const over = await run('migrate', 'examples/demo/answers', '--to', `${FIX}/demo-v2`, '--out', 'examples/demo/answers', '--force');
    expect(over.code).toBe(1);
    expect(over.out + over.err).toMatch(/OUTPUT_IS_INPUT/);
    expect(readFileSync('examples/demo/answers/northland-2024.yaml', 'utf8')).toBe(before);
    rmSync(out, { recursive: true, force: true });
  });
  it('diff-rubric prints json with the impact', async () => {
    const r = await run('diff-rubric', 'examples/demo/rubric', `${FIX}/demo-v2`, '--answers', 'examples/demo/answers', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.impact.units).toHaveLength(2);
    for (const f of ['md', 'html', 'text']) expect((await run('diff-rubric', 'examples/demo/rubric', `${FIX}/demo-v2`, '--format', f)).code).toBe(0);
  });
  it('diff-answers: effects sum to each unit\'s change; HTML escapes evidence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-diff-'));
    const text = readFileSync('examples/demo/answers/northland-2024.yaml', 'utf8').replace('consultative-body: appointed', 'consultative-body:\n    answer: elected\n    comment: "<script>alert(1)</script>"').replace('job-services: equal', 'job-services: partial');
    writeFileSync(join(dir, 'reviewed.yaml'), text);
    const r = await run('diff-answers', 'examples/demo/answers/northland-2024.yaml', join(dir, 'reviewed.yaml'), '--rubric', 'examples/demo/rubric', '--format', 'json');
    expect(r.code).toBe(0);
    const u = JSON.parse(r.out).units[0];
    expect(u.change.changes.map((c: { question: string }) => c.question).sort()).toEqual(['consultative-body', 'job-services']);
    const sum = u.change.changes.reduce((s: Ratio, c: { contribution: string }) => plus(s, q(c.contribution)), ratio(0n));
    expect(eq(sum, q(u.change.overall.delta))).toBe(true);
    expect(u.evidence.map((e: { question: string; field: string }) => `${e.question} ${e.field}`)).toContain('consultative-body comment');
    const h = await run('diff-answers', 'examples/demo/answers/northland-2024.yaml', join(dir, 'reviewed.yaml'), '--rubric', 'examples/demo/rubric', '--format', 'html');
    expect(h.out).not.toContain('<script>');
    expect(h.out).toContain('&lt;script&gt;');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('side by side (compare --units)', () => {
  it('MIPEX SE,DE: every node, with exact differences', async () => {
    const r = await run('compare', 'examples/mipex/SE/SE-2019.yaml', 'examples/mipex/DE/DE-2019.yaml', '--rubric', 'rubrics/mipex-2020', '--units', 'SE,DE', '--format', 'json');
    expect(r.code).toBe(0);
    const t = JSON.parse(r.out) as import('../src/index.js').SideBySide;
    const mipex = rubricAt('rubrics/mipex-2020');
    expect(t.rows.length).toBe(mipex.nodes.size);
    let checked = 0;
    for (const row of t.rows) {
      const [a, b] = row.cells;
      if (a!.score === null || b!.score === null) continue;
      expect(near(q(b!.difference!), plus(q(b!.score), ratio(-q(a!.score).n, q(a!.score).d))), row.id).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
    expect(t.rows.some((x) => x.cells[0]!.answer !== undefined)).toBe(true);
  });
  it('differences come from exact scores, not from the rounded score strings (100/3 against 200/3)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-thirds-'));
    const yn = (id: string) => [`      - id: ${id}`, `        title: ${id}`, '        type: yes-no', '        scores: { yes: 100, no: 0 }'];
    writeFileSync(
      join(dir, 'index.yaml'),
      ['schemaVersion: 1', 'id: thirds', 'version: 1.0.0', 'title: Thirds', 'scale: { min: 0, max: 100 }', 'areas:', '  - id: a', '    title: A', '    indicators:', ...yn('q1'), ...yn('q2'), ...yn('q3')].join('\n') + '\n',
    );
    const unit = (country: string, yes: number) =>
      ['schemaVersion: 1', 'rubric: thirds@1.0.0', `country: ${country}`, 'year: 2020', 'answers:', ...['q1', 'q2', 'q3'].map((q, i) => `  ${q}: ${i < yes ? 'yes' : 'no'}`)].join('\n') + '\n';
    writeFileSync(join(dir, 'CA.yaml'), unit('CA', 1));
    writeFileSync(join(dir, 'DE.yaml'), unit('DE', 2));
    const r = await run('compare', join(dir, 'CA.yaml'), join(dir, 'DE.yaml'), '--rubric', dir, '--units', 'CA,DE', '--format', 'json');
    rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(0);
    const t = JSON.parse(r.out) as import('../src/index.js').SideBySide;
    const area = t.rows.find((x) => x.id === 'a')!;
    // Independently: 200/3 − 100/3 = 100/3, to 60 significant digits (2 before the point), half-even.
    const scaled = (100n * 10n ** 58n) / 3n; // 33.33…3 (58 decimals), the next digit 3 rounds down
    const expected = `${scaled / 10n ** 58n}.${(scaled % 10n ** 58n).toString().padStart(58, '0')}`;
    expect(area.cells[1]!.difference).toBe(expected);
    expect(expected.endsWith('333')).toBe(true);
    // The score strings themselves are rounded (…333 and …667): their difference would end in 4.
    expect(area.cells[0]!.score!.endsWith('3')).toBe(true);
    expect(area.cells[1]!.score!.endsWith('7')).toBe(true);
  });
  it('demo NO,SE as text', async () => {
    const r = await run('compare', 'examples/demo/answers', '--rubric', 'examples/demo/rubric', '--units', 'NO,SE');
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter((l) => /\t/.test(l)).length).toBe(demo1.nodes.size + 1);
  });
});

describe('trend', () => {
  it('MIPEX SE and DE: a long table of every node, and lines whose n follows the peer set', async () => {
    const r = await run('trend', 'rubrics/mipex-2020', 'examples/mipex/SE', 'examples/mipex/DE', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const mipex = rubricAt('rubrics/mipex-2020');
    const years = new Set(j.rows.map((x: { year: number }) => x.year));
    expect(j.rows.length).toBe(mipex.nodes.size * years.size * 2);
    for (const line of j.lines) for (const seg of line.segments) {
      expect(seg.n).toBe(seg.units.length);
      // Each point is the mean of the units' scores that year, from the long table: exactly when
      // the scores are exact decimals; else the table's scores are 60-digit roundings of the
      // scorer's fractions, and the point (the mean of those fractions, rounded once) differs
      // from the mean of the roundings by less than one unit in the 55th significant digit.
      for (const p of seg.points) {
        const xs = j.rows.filter((x: { node: string; year: number; country: string }) => x.node === line.node && x.year === p.year && seg.units.includes(x.country));
        const sum = xs.reduce((s: Ratio, x: { score: string }) => plus(s, q(x.score)), ratio(0n));
        const mean = ratio(sum.n, sum.d * BigInt(seg.n));
        const d = plus(q(p.score), ratio(-mean.n, mean.d));
        const abs = d.n < 0n ? -d.n : d.n;
        expect(abs * 10n ** 53n < d.d, `${line.node} ${p.year}`).toBe(true);
        if (xs.every((x: { score: string }) => x.score.replace(/^-?0*|\./g, '').length < 55)) expect(eq(q(p.score), mean)).toBe(true);
        expect(p.score.replace(/^-?0*|\./g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(60);
      }
    }
    expect((await run('trend', 'rubrics/mipex-2020', 'examples/mipex/SE', '--format', 'svg')).out).toMatch(/^<svg/);
  });
  it('breaks a line where the unit set changes', async () => {
    const { peerSegments } = await import('../src/analysis/trend.js');
    expect(peerSegments(new Map([[2018, ['A', 'B']], [2019, ['B', 'A']], [2020, ['A']], [2021, ['A', 'B']]]))).toEqual([
      { years: [2018, 2019], units: ['A', 'B'] },
      { years: [2020], units: ['A'] },
      { years: [2021], units: ['A', 'B'] },
    ]);
  });
  it('demo rubric as csv and html', async () => {
    const c = await run('trend', 'examples/demo/rubric', 'examples/demo/answers', '--format', 'csv');
    expect(c.code).toBe(0);
    expect(c.out.trim().split('\n').length).toBe(1 + demo1.nodes.size * 2);
    expect((await run('trend', 'examples/demo/rubric', 'examples/demo/answers', '--format', 'html')).out).toMatch(/<!doctype html>/);
  });
});

describe('diff-answers --since on MIPEX', () => {
  it('what changed in the law for one country, summing exactly', async () => {
    const r = await run('diff-answers', 'examples/mipex/SE/SE-2019.yaml', '--since', 'examples/mipex/SE', '--rubric', 'rubrics/mipex-2020', '--format', 'json');
    expect(r.code).toBe(0);
    const u = JSON.parse(r.out).units[0];
    expect([u.fromYear, u.toYear]).toEqual([2018, 2019]);
    expect(u.change.overall.delta).not.toBeNull();
    const sum = u.change.changes.reduce((s: Ratio, c: { contribution: string }) => plus(s, q(c.contribution)), ratio(0n));
    expect(eq(sum, q(u.change.overall.delta))).toBe(true);
  });
});

describe('migrate never writes through a link out of --out', () => {
  it('refuses a symbolic link in --out, even with --force', async () => {
    const { symlinkSync } = await import('node:fs');
    const out = mkdtempSync(join(tmpdir(), 'pi-link-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'pi-else-'));
    writeFileSync(join(elsewhere, 'x.yaml'), 'keep\n');
    symlinkSync(join(elsewhere, 'x.yaml'), join(out, 'northland-2024.yaml'));
    const r = await run('migrate', 'examples/demo/answers/northland-2024.yaml', '--to', `${FIX}/demo-v2`, '--out', out, '--force');
    expect(r.code).toBe(1);
    expect(readFileSync(join(elsewhere, 'x.yaml'), 'utf8')).toBe('keep\n');
    rmSync(out, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  });
});
