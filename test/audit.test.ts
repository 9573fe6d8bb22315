/**
 * The statistical audit against references computed here by other routes: population moments
 * turned into the adjusted skewness and kurtosis, Spearman's 1 − 6Σd²/(n(n²−1)) on data without
 * ties, Cronbach's alpha from the variance of the row sums, eigenvalues in closed form.
 */
import { describe, expect, it } from 'vitest';
import { createAnswerSet } from '../src/answers/load.js';
import { loadRubric } from '../src/rubric/load.js';
import { scoreAnswerSet } from '../src/scoring/score.js';
import { auditIndex, type AuditResult } from '../src/analysis/audit/audit.js';
import { symmetricEigen } from '../src/analysis/audit/eigen.js';
import { cronbachAlpha, moments } from '../src/analysis/audit/moments.js';
import { auditCsv, auditHtml, auditJson, auditText } from '../src/report/audit.js';

const TOL = 1e-9;

// ---- references, written out by their textbook formulas ----
const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
function popMoment(v: readonly number[], k: number): number {
  const m = mean(v);
  return v.reduce((s, x) => s + (x - m) ** k, 0) / v.length;
}
/** G1 from the population skewness g1 = m3 / m2^1.5: G1 = g1·√(n(n−1)) / (n−2). */
const refSkew = (v: readonly number[]) => ((popMoment(v, 3) / popMoment(v, 2) ** 1.5) * Math.sqrt(v.length * (v.length - 1))) / (v.length - 2);
/** G2 from g2 = m4 / m2² − 3: G2 = (n−1) / ((n−2)(n−3)) · ((n+1)·g2 + 6). */
function refKurt(v: readonly number[]): number {
  const n = v.length;
  const g2 = popMoment(v, 4) / popMoment(v, 2) ** 2 - 3;
  return ((n - 1) / ((n - 2) * (n - 3))) * ((n + 1) * g2 + 6);
}
const sampleVar = (v: readonly number[]) => (popMoment(v, 2) * v.length) / (v.length - 1);
function refPearson(x: readonly number[], y: readonly number[]): number {
  // r = (nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² − (Σy)²))
  const n = x.length;
  let sx = 0, sy = 0, sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i]!;
    sy += y[i]!;
    sxy += x[i]! * y[i]!;
    sxx += x[i]! ** 2;
    syy += y[i]! ** 2;
  }
  return (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
}
/** Spearman without ties: 1 − 6Σd² / (n(n² − 1)). */
function refSpearmanNoTies(x: readonly number[], y: readonly number[]): number {
  const rank = (v: readonly number[]) => v.map((a) => v.filter((b) => b < a).length + 1);
  const rx = rank(x);
  const ry = rank(y);
  const n = x.length;
  const d2 = rx.reduce((s, r, i) => s + (r - ry[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}
const sorted = (v: readonly number[]) => [...v].sort((a, b) => b - a);

// ---- a rubric whose question scores are any multiple of 5 ----
const options = Array.from({ length: 21 }, (_, k) => `{ id: s${k * 5}, label: S${k * 5}, score: ${k * 5} }`).join(', ');
const question = (id: string) => `      - { id: ${id}, title: ${id.toUpperCase()}, type: single-choice, options: [${options}] }`;
const RUBRIC = `schemaVersion: 1
id: audit-toy
version: 1.0.0
title: Audit toy
missing: { policy: omit, minShare: 0 }
areas:
  - id: A
    title: Area A
    indicators:
${['x1', 'x2', 'x3'].map(question).join('\n')}
  - id: B
    title: Area B
    indicators:
${['y1', 'y2'].map(question).join('\n')}
  - id: C
    title: Area C
    indicators:
${['z1', 'z2'].map(question).join('\n')}
`;

// Twelve units. x1 = x2 (identical items); x3 missing for U05; y1, y2 without ties, negatively
// related; z1 at the ends of the scale only; z2 constant but for one unit; U12 answers x1, y1, z1 only.
const a = [5, 20, 35, 10, 60, 45, 80, 25, 90, 55, 70, 15];
const b = [10, 30, 20, 50, 0, 40, 70, 35, 65, 100, 55, 25];
const c = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 15];
const d = [60, 65, 40, 45, 30, 50, 20, 35, 5, 25, 10, 55];
const z1 = [0, 100, 0, 100, 100, 0, 0, 100, 0, 100, 100, 0];
const z2 = [50, 50, 95, 50, 50, 50, 50, 50, 50, 50, 50, 50];
const units = a.map((_, i) => `U${String(i + 1).padStart(2, '0')}`);

function toyAudit(): AuditResult {
  const rubric = loadRubric(RUBRIC).value!;
  const results = units.map((u, i) => {
    const answers: Record<string, string> = { x1: `s${a[i]}`, y1: `s${c[i]}`, z1: `s${z1[i]}` };
    if (u !== 'U12') Object.assign(answers, { x2: `s${a[i]}`, y2: `s${d[i]}`, z2: `s${z2[i]}` });
    if (u !== 'U05' && u !== 'U12') answers.x3 = `s${b[i]}`;
    return scoreAnswerSet(rubric, createAnswerSet({ rubric: 'audit-toy@1.0.0', country: u, year: 2021, answers }), { reportMissing: false });
  });
  const audit = auditIndex(rubric, results);
  expect(audit.problems).toEqual([]);
  return audit.value!;
}

describe('descriptive statistics', () => {
  it('match the population-moment route and plain definitions', () => {
    const v = [3, 7, 7, 19, 24, 1, 0.5, 13, 13, 13, 40];
    const m = moments([null, ...v, null]);
    expect(m.count).toBe(11);
    expect(m.mean).toBeCloseTo(mean(v), 12);
    expect(m.median).toBe(13);
    expect(Math.abs(m.sd! - Math.sqrt(sampleVar(v)))).toBeLessThan(TOL);
    expect(Math.abs(m.skewness! - refSkew(v))).toBeLessThan(TOL);
    expect(Math.abs(m.kurtosis! - refKurt(v))).toBeLessThan(TOL);
    expect(m.distinct).toBe(8);
    expect(m.modeShare).toBe(3 / 11);
    expect(moments([2, 4]).median).toBe(3);
    // A symmetric sample has no skew; a constant one has neither skew nor kurtosis.
    expect(Math.abs(moments([1, 2, 3, 4, 5]).skewness!)).toBeLessThan(TOL);
    expect(moments([5, 5, 5, 5])).toMatchObject({ sd: 0, skewness: null, kurtosis: null, distinct: 1, modeShare: 1 });
  });
});

describe("Cronbach's alpha", () => {
  it('is 1 for perfectly correlated items of equal variance', () => {
    const x = [1, 4, 2, 8, 5, 7];
    expect(Math.abs(cronbachAlpha([x, x, x])! - 1)).toBeLessThan(TOL);
  });

  it('of two standardised-like items with correlation r is 2r/(1 + r) (Spearman–Brown)', () => {
    // y has the variance of x: a permutation of it.
    const x = [1, 2, 3, 4, 5, 6, 7, 8];
    const y = [2, 1, 4, 3, 6, 8, 5, 7];
    const r = refPearson(x, y);
    expect(Math.abs(cronbachAlpha([x, y])! - (2 * r) / (1 + r))).toBeLessThan(TOL);
  });

  it('on complete data equals the formula on the variance of the row sums', () => {
    const items = [[3, 9, 4, 1, 7, 5], [2, 8, 6, 1, 9, 3], [5, 7, 3, 2, 8, 6], [1, 6, 5, 0, 4, 2]];
    const sums = items[0]!.map((_, u) => items.reduce((s, it) => s + it[u]!, 0));
    const k = items.length;
    const ref = (k / (k - 1)) * (1 - items.reduce((s, it) => s + sampleVar(it), 0) / sampleVar(sums));
    expect(Math.abs(cronbachAlpha(items)! - ref)).toBeLessThan(TOL);
    expect(cronbachAlpha([items[0]!])).toBeNull();
  });
});

describe('symmetric eigenvalues (Jacobi)', () => {
  it('of a 2×2 correlation matrix are 1 ± r', () => {
    for (const r of [0.3, -0.75, 0.999, 0]) {
      const e = symmetricEigen([[1, r], [r, 1]]);
      expect(Math.abs(e.values[0]! - (1 + Math.abs(r)))).toBeLessThan(TOL);
      expect(Math.abs(e.values[1]! - (1 - Math.abs(r)))).toBeLessThan(TOL);
    }
  });

  it('of an equicorrelation matrix are 1 + (k − 1)ρ and 1 − ρ', () => {
    const k = 5;
    const rho = 0.4;
    const m = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (__, j) => (i === j ? 1 : rho)));
    const e = symmetricEigen(m);
    expect(Math.abs(e.values[0]! - (1 + (k - 1) * rho))).toBeLessThan(TOL);
    for (const v of e.values.slice(1)) expect(Math.abs(v - (1 - rho))).toBeLessThan(TOL);
  });

  it('recovers D from Q·D·Qᵀ with Q a product of plane rotations, with A·v = λ·v', () => {
    const n = 6;
    const D = [7.5, 3.25, 2, -1.5, 0.125, 4];
    let Q: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i === j ? 1 : 0)));
    let angle = 0.37;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        angle = (angle * 7.3 + 0.91) % 3.1;
        const cs = Math.cos(angle);
        const sn = Math.sin(angle);
        Q = Q.map((row) => row.map((x, j) => (j === p ? cs * row[p]! - sn * row[q]! : j === q ? sn * row[p]! + cs * row[q]! : x)));
      }
    }
    const A = Q.map((_, i) => Q.map((__, j) => D.reduce((s, dk, k) => s + Q[i]![k]! * dk * Q[j]![k]!, 0)));
    const e = symmetricEigen(A);
    e.values.forEach((v, k) => expect(Math.abs(v - sorted(D)[k]!)).toBeLessThan(TOL));
    e.vectors.forEach((vec, k) => {
      for (let i = 0; i < n; i++) expect(Math.abs(A[i]!.reduce((s, x, j) => s + x * vec[j]!, 0) - e.values[k]! * vec[i]!)).toBeLessThan(TOL);
    });
  });
});

describe('auditIndex on data with known answers', () => {
  const audit = toyAudit();
  const node = (id: string) => audit.nodes.find((n) => n.id === id)!;
  const corr = (id: string) => audit.correlations.find((x) => x.id === id)!;
  const group = (id: string) => audit.groups.find((g) => g.id === id)!;
  const sib = (x: string, y: string) => audit.siblings.find((s) => s.a === x && s.b === y)!;
  // Parent values, computed here: the mean of the answered children.
  const areaA = units.map((u, i) => (u === 'U05' || u === 'U12' ? a[i]! : (2 * a[i]! + b[i]!) / 3));
  const areaB = units.map((u, i) => (u === 'U12' ? c[i]! : (c[i]! + d[i]!) / 2));
  const areaC = units.map((u, i) => (u === 'U12' ? z1[i]! : (z1[i]! + z2[i]!) / 2));
  const index = units.map((_, i) => (areaA[i]! + areaB[i]! + areaC[i]!) / 3);

  it('chooses the year and variant, and describes each node', () => {
    expect(audit.year).toBe(2021);
    expect(audit.units).toEqual(units);
    const x3 = b.filter((_, i) => units[i] !== 'U05' && units[i] !== 'U12');
    expect(node('x3')).toMatchObject({ count: 10, missing: 2, availability: 10 / 12, min: 10, max: 100, distinct: 10 });
    expect(Math.abs(node('x3').mean! - mean(x3))).toBeLessThan(TOL);
    expect(Math.abs(node('x3').skewness! - refSkew(x3))).toBeLessThan(TOL);
    expect(Math.abs(node('x3').kurtosis! - refKurt(x3))).toBeLessThan(TOL);
    expect(Math.abs(node('audit-toy').mean! - mean(index))).toBeLessThan(TOL);
    expect(node('z1')).toMatchObject({ shareAtMin: 0.5, shareAtMax: 0.5, distinct: 2 });
    expect(node('z1').flags).toContain('all-extreme');
    expect(node('z2').flags).toContain('near-constant');
    expect(node('z2').modeShare).toBe(10 / 11);
    expect(node('x3').flags).not.toContain('near-constant');
  });

  it('correlates pairwise-complete: with the parent, the index and the siblings', () => {
    const keep = units.map((u) => u !== 'U05' && u !== 'U12');
    const pick = <T>(v: readonly T[]) => v.filter((_, i) => keep[i]);
    expect(corr('x3').withParent!.pairs).toBe(10);
    expect(Math.abs(corr('x3').withParent!.pearson! - refPearson(pick(b), pick(areaA)))).toBeLessThan(TOL);
    expect(Math.abs(corr('x1').withIndex!.pearson! - refPearson(a, index))).toBeLessThan(TOL);
    expect(Math.abs(corr('A').withIndex!.pearson! - refPearson(areaA, index))).toBeLessThan(TOL);
    const y = sib('y1', 'y2');
    expect(y.pairs).toBe(11);
    expect(Math.abs(y.pearson! - refPearson(c.slice(0, 11), d.slice(0, 11)))).toBeLessThan(TOL);
    expect(Math.abs(y.spearman! - refSpearmanNoTies(c.slice(0, 11), d.slice(0, 11)))).toBeLessThan(TOL);
    expect(sib('x1', 'x2').pearson).toBeCloseTo(1, 12);
    expect(audit.flags.some((f) => f.kind === 'redundant-siblings' && f.node === 'x1' && f.other === 'x2')).toBe(true);
    // y2 falls as its area rises: flagged negative.
    const ry2 = refPearson(d.slice(0, 11), areaB.slice(0, 11));
    expect(ry2).toBeLessThan(0);
    expect(Math.abs(corr('y2').withParent!.pearson! - ry2)).toBeLessThan(TOL);
    expect(corr('y2').flags).toEqual(['negative-with-parent']);
  });

  it("computes Cronbach's alpha from pairwise-complete covariances", () => {
    const cov = (x: readonly (number | null)[], y: readonly (number | null)[]) => {
      const idx = x.map((_, i) => i).filter((i) => x[i] !== null && y[i] !== null);
      const mx = mean(idx.map((i) => x[i]!));
      const my = mean(idx.map((i) => y[i]!));
      return idx.reduce((s, i) => s + (x[i]! - mx) * (y[i]! - my), 0) / (idx.length - 1);
    };
    const x1 = a;
    const x2 = a.map((v, i) => (units[i] === 'U12' ? null : v));
    const x3 = b.map((v, i) => (units[i] === 'U05' || units[i] === 'U12' ? null : v));
    const items = [x1, x2, x3];
    let diag = 0;
    let total = 0;
    for (let i = 0; i < 3; i++) {
      diag += cov(items[i]!, items[i]!);
      for (let j = 0; j < 3; j++) total += cov(items[i]!, items[j]!);
    }
    expect(Math.abs(group('A').alpha! - 1.5 * (1 - diag / total))).toBeLessThan(TOL);
    // B: var(y1) over all twelve units, var(y2) and their covariance over the eleven with y2.
    const y1 = c;
    const y2 = d.map((v, i) => (units[i] === 'U12' ? null : v));
    const v1 = sampleVar(c);
    const v2 = sampleVar(d.slice(0, 11));
    const refB = 2 * (1 - (v1 + v2) / (v1 + v2 + 2 * cov(y1, y2)));
    expect(Math.abs(group('B').alpha! - refB)).toBeLessThan(TOL);
  });

  it('finds the principal components in closed form, with the sign convention', () => {
    // B: a 2×2 correlation matrix with r < 0: eigenvalues 1 ± |r|, loadings ±√((1 + |r|)/2), the first positive.
    const r = refPearson(c.slice(0, 11), d.slice(0, 11));
    const pb = group('B').pca!;
    expect(pb.cases).toBe(11);
    expect(Math.abs(pb.eigenvalues[0]! - (1 + Math.abs(r)))).toBeLessThan(TOL);
    expect(Math.abs(pb.eigenvalues[1]! - (1 - Math.abs(r)))).toBeLessThan(TOL);
    expect(Math.abs(pb.shares[0]! - (1 + Math.abs(r)) / 2)).toBeLessThan(TOL);
    expect(pb.aboveOne).toBe(1);
    const l = Math.sqrt((1 + Math.abs(r)) / 2);
    expect(Math.abs(pb.loadings[0]! - l)).toBeLessThan(TOL);
    expect(Math.abs(pb.loadings[1]! + l)).toBeLessThan(TOL);
    // A: x1 = x2 and x3 with correlation s over the complete cases: [[1,1,s],[1,1,s],[s,s,1]]
    // has the eigenvalues (3 ± √(1 + 8s²)) / 2 and 0.
    const keep = units.map((u) => u !== 'U05' && u !== 'U12');
    const s = refPearson(a.filter((_, i) => keep[i]), b.filter((_, i) => keep[i]));
    const pa = group('A').pca!;
    expect(pa.cases).toBe(10);
    const ref = [(3 + Math.sqrt(1 + 8 * s * s)) / 2, (3 - Math.sqrt(1 + 8 * s * s)) / 2, 0];
    pa.eigenvalues.forEach((v, k) => expect(Math.abs(v - ref[k]!)).toBeLessThan(TOL));
    // C: the same 2×2 form on z1 and the near-constant z2.
    const rc = refPearson(z1.slice(0, 11), z2.slice(0, 11));
    expect(group('C').pca!.eigenvalues.map((v) => Math.abs(v - 1))).toEqual([expect.closeTo(Math.abs(rc), 9), expect.closeTo(Math.abs(rc), 9)]);
  });

  it('lists units below the availability threshold and measures groups by unit', () => {
    const u12 = audit.availability.find((u) => u.unit === 'U12')!;
    expect(u12).toMatchObject({ available: 3, total: 7, below: true });
    expect(audit.availability.filter((u) => u.below).map((u) => u.unit)).toEqual(['U12']);
    expect(audit.flags.filter((f) => f.kind === 'unit-low-availability').map((f) => f.unit)).toEqual(['U12']);
    expect(group('A').availability[4]).toBeCloseTo(2 / 3, 12);
    expect(group('A').minAvailability).toBeCloseTo(1 / 3, 12);
    expect(auditIndex(loadRubric(RUBRIC).value!, [], {}).problems.length).toBe(1);
  });

  it('restricts the nodes to one level', () => {
    const rubric = loadRubric(RUBRIC).value!;
    const results = units.map((u, i) => scoreAnswerSet(rubric, createAnswerSet({ rubric: 'audit-toy@1.0.0', country: u, year: 2021, answers: { x1: `s${a[i]}`, y1: `s${c[i]}` } }), { reportMissing: false }));
    const areas = auditIndex(rubric, results, { level: 'area' }).value!;
    expect(areas.nodes.map((n) => n.id)).toEqual(['A', 'B', 'C']);
    expect(areas.groups.map((g) => g.id)).toEqual(['audit-toy']);
    expect(areas.dataPoints).toBe('area');
  });

  it('renders text, CSV, JSON and HTML from the same figures', () => {
    const text = auditText(audit);
    expect(text).toContain('Flags (');
    expect(text).toContain('U12');
    const csv = auditCsv(audit).trim().split('\n');
    expect(csv[0]).toBe('section,node,other,unit,measure,value,note');
    const alphaRow = csv.find((l) => l.startsWith('group,B,,,alpha,'))!;
    expect(Math.abs(Number(alphaRow.split(',')[5]) - group('B').alpha!)).toBeLessThan(1e-6);
    expect(JSON.parse(auditJson(audit))).toEqual(JSON.parse(JSON.stringify(audit)));
    const html = auditHtml(audit);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect((html.match(/class="chart chart-heat"/g) ?? []).length).toBe(audit.groups.length);
    expect(html).toContain('data-flag="redundant-siblings"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });
});
