import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { Decimal } from 'decimal.js';
import { loadRubric } from '../src/rubric/load.js';
import { loadAnswerSet } from '../src/answers/load.js';
import { scoreAnswerSet, scoreTotals } from '../src/scoring/score.js';
import type { Rubric } from '../src/rubric/types.js';
import type { ScoredNode, ScoreResult } from '../src/scoring/types.js';
import { main } from '../src/cli/main.js';
import { captureIO } from './engine-helpers.js';

// ── Generators ────────────────────────────────────────────────────────────────

type QSpec = { kind: 'q'; scores: number[]; weight?: number };
type GSpec = { kind: 'g'; method: 'mean' | 'weighted-mean' | 'minimum' | 'geometric-mean'; weight?: number; children: Spec[] };
type Spec = QSpec | GSpec;

const scoreArb = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 1000 }).map((n) => n / 10));
const weightArb = fc.option(fc.constantFrom(1, 2, 3, 0.5, 1.5, 4, 0.25), { nil: undefined });
const questionArb: fc.Arbitrary<QSpec> = fc.record({ kind: fc.constant('q' as const), scores: fc.array(scoreArb, { minLength: 2, maxLength: 4 }), weight: weightArb });
const { group } = fc.letrec<{ node: Spec; group: GSpec }>((tie) => ({
  node: fc.oneof({ maxDepth: 2, depthIdentifier: 'tree' }, questionArb, tie('group')),
  group: fc.record({
    kind: fc.constant('g' as const),
    method: fc.constantFrom('mean' as const, 'weighted-mean' as const, 'minimum' as const, 'geometric-mean' as const),
    weight: weightArb,
    children: fc.array(tie('node'), { minLength: 1, maxLength: 4 }),
  }),
}));
const rubricSpecArb = fc.array(group, { minLength: 1, maxLength: 3 });
/** Per question: an option index, or -1 for `unknown`. */
const choicesArb = fc.array(fc.oneof({ weight: 9, arbitrary: fc.nat({ max: 3 }) }, { weight: 1, arbitrary: fc.constant(-1) }), { minLength: 64, maxLength: 64 });

// ── Building texts ────────────────────────────────────────────────────────────

interface Built {
  rubric: Record<string, unknown>;
  questions: { id: string; scores: number[] }[];
  groups: { id: string; obj: Record<string, unknown> }[];
}

function build(areas: GSpec[]): Built {
  let n = 0;
  const questions: Built['questions'] = [];
  const groups: Built['groups'] = [];
  const node = (s: Spec, level: 'area' | 'indicator'): Record<string, unknown> => {
    const id = `${s.kind === 'q' ? 'q' : level === 'area' ? 'a' : 'c'}${n++}`;
    const base: Record<string, unknown> = { id, title: `Node ${id}` };
    if (s.weight !== undefined) base.weight = s.weight;
    if (s.kind === 'q') {
      questions.push({ id, scores: s.scores });
      return { ...base, type: 'single-choice', options: s.scores.map((score, i) => ({ id: `o${i}`, label: `Option ${i}`, score })) };
    }
    const obj: Record<string, unknown> = { ...base, aggregation: s.method, [level === 'area' ? 'indicators' : 'questions']: s.children.map((c) => node(c, 'indicator')) };
    groups.push({ id, obj });
    return obj;
  };
  const rubric = { schemaVersion: 1, id: 'prop', version: '1.0.0', title: 'Property rubric', scale: { min: 0, max: 100 }, areas: areas.map((a) => node(a, 'area')) };
  return { rubric, questions, groups };
}

function answersFor(b: Built, choices: number[]): Record<string, string> {
  const out: Record<string, string> = {};
  b.questions.forEach((q, i) => {
    const c = choices[i % choices.length]!;
    out[q.id] = c < 0 ? 'unknown' : `o${c % q.scores.length}`;
  });
  return out;
}

/** A deterministic shuffle driven by a seed. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Recursively reorders the keys of every mapping (sequences keep their order). */
function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => shuffleKeys(v, seed + i + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of shuffle(Object.keys(value), seed)) out[k] = shuffleKeys((value as Record<string, unknown>)[k], seed * 31 + k.length);
    return out;
  }
  return value;
}

function answerText(answers: Record<string, string>, seed?: number, country = 'CA'): string {
  const header: Record<string, unknown> = { schemaVersion: 1, rubric: 'prop@1.0.0', country, year: 2020, answers };
  return stringify(seed === undefined ? header : shuffleKeys(header, seed));
}

function loadBuilt(rubricObj: unknown): Rubric {
  const r = loadRubric(stringify(rubricObj), { file: 'prop.yaml' });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(JSON.stringify(errors));
  return r.value!;
}

function scoreWith(rubric: Rubric, text: string): ScoreResult {
  const a = loadAnswerSet(text);
  if (!a.value) throw new Error(JSON.stringify(a.diagnostics));
  return scoreAnswerSet(rubric, a.value, { reportMissing: false });
}

function scores(r: ScoreResult): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const walk = (n: ScoredNode) => {
    out[n.id] = n.score;
    n.children.forEach(walk);
  };
  walk(r.root);
  for (const v of r.variants) out[`variant:${v.id}`] = v.score;
  return out;
}

const RUNS = { numRuns: 120 };

describe('properties of scoring random rubrics', () => {
  it('every score lies inside the scale', () => {
    fc.assert(
      fc.property(rubricSpecArb, choicesArb, (spec, choices) => {
        const b = build(spec);
        const r = scoreWith(loadBuilt(b.rubric), answerText(answersFor(b, choices)));
        for (const s of Object.values(scores(r))) {
          if (s === null) continue;
          const d = new Decimal(s);
          expect(d.gte(0) && d.lte(100), s).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('raising one answer never lowers any ancestor', () => {
    fc.assert(
      fc.property(rubricSpecArb, choicesArb, fc.nat(), (spec, choices, pick) => {
        const b = build(spec);
        const rubric = loadBuilt(b.rubric);
        const answers = answersFor(b, choices);
        const answered = b.questions.filter((q) => answers[q.id] !== 'unknown');
        fc.pre(answered.length > 0);
        const q = answered[pick % answered.length]!;
        const current = q.scores[Number(answers[q.id]!.slice(1))]!;
        const better = q.scores.findIndex((s) => s > current);
        fc.pre(better >= 0);
        const before = scores(scoreWith(rubric, answerText(answers)));
        const after = scores(scoreWith(rubric, answerText({ ...answers, [q.id]: `o${better}` })));
        const node = rubric.nodes.get(q.id)!;
        const ancestors = [...node.ancestry.slice(1, -1), ...rubric.variants.map((v) => `variant:${v.id}`)];
        for (const id of ancestors) {
          if (before[id] === null || before[id] === undefined) continue;
          expect(after[id], id).not.toBeNull();
          expect(new Decimal(after[id]!).gte(before[id]!), `${id}: ${before[id]} → ${after[id]}`).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('the order of keys in the rubric and in the answers never changes a score string', () => {
    fc.assert(
      fc.property(rubricSpecArb, choicesArb, fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: 2 ** 30 }), (spec, choices, seedR, seedA) => {
        const b = build(spec);
        const answers = answersFor(b, choices);
        const plain = scores(scoreWith(loadBuilt(b.rubric), answerText(answers)));
        const shuffledAnswers = Object.fromEntries(shuffle(Object.entries(answers), seedA));
        const shuffled = scores(scoreWith(loadBuilt(shuffleKeys(b.rubric, seedR)), answerText(shuffledAnswers, seedA)));
        expect(shuffled).toEqual(plain);
      }),
      RUNS,
    );
  });

  it('multiplying all weights inside a node by a positive constant changes nothing', () => {
    fc.assert(
      fc.property(rubricSpecArb, choicesArb, fc.nat(), fc.constantFrom(2, 3, 10, 0.5, 0.25, 7), (spec, choices, pick, factor) => {
        const b = build(spec);
        const answers = answersFor(b, choices);
        const before = scores(scoreWith(loadBuilt(b.rubric), answerText(answers)));
        const target = b.groups[pick % b.groups.length]!;
        const key = Array.isArray(target.obj.indicators) ? 'indicators' : 'questions';
        for (const child of target.obj[key] as Record<string, unknown>[]) child.weight = ((child.weight as number | undefined) ?? 1) * factor;
        const after = scores(scoreWith(loadBuilt(b.rubric), answerText(answers)));
        expect(after).toEqual(before);
      }),
      RUNS,
    );
  });

  it('multiplying the weights of the areas changes nothing either', () => {
    fc.assert(
      fc.property(rubricSpecArb, choicesArb, fc.constantFrom(2, 3, 0.5), (spec, choices, factor) => {
        const b = build(spec);
        (b.rubric as { aggregation?: string }).aggregation = 'weighted-mean';
        const answers = answersFor(b, choices);
        const before = scores(scoreWith(loadBuilt(b.rubric), answerText(answers)));
        for (const a of (b.rubric as { areas: Record<string, unknown>[] }).areas) a.weight = ((a.weight as number | undefined) ?? 1) * factor;
        expect(scores(scoreWith(loadBuilt(b.rubric), answerText(answers)))).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the order of answer files', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('never changes the scores the CLI prints', async () => {
    await fc.assert(
      fc.asyncProperty(rubricSpecArb, fc.array(choicesArb, { minLength: 2, maxLength: 4 }), fc.integer({ min: 1, max: 2 ** 30 }), async (spec, sets, seed) => {
        const b = build(spec);
        const dir = mkdtempSync(join(tmpdir(), 'policy-index-prop-'));
        dirs.push(dir);
        writeFileSync(join(dir, 'rubric.yaml'), stringify(b.rubric));
        const countries = ['CA', 'DE', 'FR', 'JP'];
        const files = sets.map((choices, i) => {
          const name = `set-${i}.yaml`;
          writeFileSync(join(dir, name), answerText(answersFor(b, choices), seed + i, countries[i]));
          return name;
        });
        const run = async (order: string[]) => {
          const io = captureIO(dir);
          const code = await main(['score', 'rubric.yaml', ...order, '--format', 'json', '--quiet'], io);
          expect(code, io.err()).toBe(0);
          return (JSON.parse(io.out()) as { results: ScoreResult[] }).results.map((r) => ({ country: r.country, scores: scores(r) }));
        };
        expect(await run(shuffle(files, seed))).toEqual(await run(files));
      }),
      { numRuns: 15 },
    );
  });
});

describe('sums of points', () => {
  // Points of one question per part: integers and decimals, negative ones too; signed multipliers, or none.
  const pointsArb = fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -50, max: 50 }).map((n) => n / 10)), { minLength: 2, maxLength: 3 });
  const multiplierArb = fc.option(fc.constantFrom(-2, -1, -0.5, -0.1, 0.1, 0.25, 1, 3), { nil: undefined });
  const partsArb = fc.array(fc.record({ points: pointsArb, multiplier: multiplierArb, choice: fc.nat({ max: 2 }) }), { minLength: 1, maxLength: 6 });

  it('a sum equals the sum of its parts\' scores times their multipliers, exactly, in the full result and the totals', () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        const questions = parts.map((p, i) => ({
          id: `q${i}`,
          title: `Q${i}`,
          type: 'single-choice',
          options: p.points.map((s, k) => ({ id: `o${k}`, label: `O${k}`, score: s })),
          ...(p.multiplier !== undefined ? { multiplier: p.multiplier } : {}),
        }));
        const text = stringify({ schemaVersion: 1, id: 'pts', version: '1.0.0', title: 'Pts', scale: { min: -100, max: 100 }, areas: [{ id: 'a', title: 'A', aggregation: 'sum', indicators: questions }] });
        const loaded = loadRubric(text, { file: 'r.yaml' });
        expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const chosen = parts.map((p) => Math.min(p.choice, p.points.length - 1));
        const answers = loadAnswerSet(stringify({ schemaVersion: 1, rubric: 'pts@1.0.0', country: 'CA', year: 2020, answers: Object.fromEntries(chosen.map((k, i) => [`q${i}`, `o${k}`])) })).value!;
        const result = scoreAnswerSet(loaded.value!, answers);
        // The reference: decimal arithmetic on the numbers as written.
        const expected = parts.reduce((s, p, i) => s.plus(new Decimal(String(p.points[chosen[i]!]!)).times(String(p.multiplier ?? 1))), new Decimal(0));
        const area = result.root.children[0]!;
        expect(new Decimal(area.score!).equals(expected)).toBe(true);
        expect(area.children.map((c) => c.effectiveWeight)).toEqual(parts.map((p) => new Decimal(String(p.multiplier ?? 1)).toString()));
        expect(scoreTotals(loaded.value!, answers).areas[0]!.score).toBe(area.score);
      }),
      { numRuns: 60 },
    );
  });
});
