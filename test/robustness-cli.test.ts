import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { captureIO, hasStackTrace } from './engine-helpers.js';

async function run(...argv: string[]) {
  const io = captureIO();
  const code = await main(argv, io);
  expect(hasStackTrace(io.err()), io.err()).toBe(false);
  return { code, out: io.out(), err: io.err() };
}

const FLAGS = ['--year', '2019', '--weight-noise', '0.25', '--level', 'area', '--samples', '200', '--seed', '1'];

describe('uncertainty and sensitivity commands', () => {
  it('print the JSON contract on MIPEX 2019', async () => {
    const u = await run('uncertainty', 'rubrics/mipex-2020', 'examples/mipex', ...FLAGS, '--format', 'json');
    expect(u.code).toBe(0);
    const j = JSON.parse(u.out);
    expect(j.samples).toBe(200);
    expect(j.seed).toBe(1);
    expect(j.units).toHaveLength(56);
    for (const x of j.units) {
      expect(typeof x.unit).toBe('string');
      for (const k of ['score', 'rank']) expect(typeof x.nominal[k]).toBe('number');
      for (const part of ['score', 'rank']) for (const k of ['mean', 'median', 'p05', 'p95']) expect(typeof x[part][k]).toBe('number');
      expect(x.rank.p05).toBeLessThanOrEqual(x.rank.p95);
    }
    const s = await run('sensitivity', 'rubrics/mipex-2020', 'examples/mipex', ...FLAGS, '--samples', '100', '--leave-one-out', '--format', 'json');
    expect(s.code).toBe(0);
    const k = JSON.parse(s.out);
    expect(k.samples).toBe(100);
    expect(k.seed).toBe(1);
    expect(k.inputs.map((i: { id: string }) => i.id)).toEqual(['weights:area', 'leave-one-out']);
    for (const i of k.inputs) {
      expect(typeof i.first).toBe('number');
      expect(typeof i.total).toBe('number');
      expect(i.ci.total[0]).toBeLessThanOrEqual(i.ci.total[1]);
    }
  }, 120_000);

  it('run on the demo rubric as table, CSV and HTML', async () => {
    const args = ['examples/demo/rubric', 'examples/demo/answers', '--weight-noise', '0.3', '--samples', '300'];
    const t = await run('uncertainty', ...args);
    expect(t.code).toBe(0);
    expect(t.out).toContain('mean |rank shift|');
    const c = await run('uncertainty', ...args, '--format', 'csv');
    expect(c.out.split('\n')[0]).toBe('unit,score,rank,score_mean,score_median,score_p05,score_p95,rank_mean,rank_median,rank_p05,rank_p95,mean_abs_rank_shift');
    expect(c.out.trim().split('\n')).toHaveLength(3);
    const h = await run('uncertainty', ...args, '--format', 'html');
    expect(h.out).toMatch(/^<!doctype html>/);
    expect(h.out).toContain('<svg');
    expect(h.out).not.toMatch(/<script|<link|src="http/);
    const s = await run('sensitivity', ...args, '--leave-one-out', '--format', 'html');
    expect(s.code).toBe(0);
    expect(s.out).toContain('leave-one-out');
    const st = await run('sensitivity', ...args, '--format', 'csv');
    expect(st.out.split('\n')[1]).toMatch(/^mean-rank-shift,weights:area,/);
  }, 60_000);

  it('reports a bad spec as a positioned diagnostic and bad flags as usage errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-spec-'));
    const spec = join(dir, 'spec.yaml');
    writeFileSync(spec, 'samples: 100\nweights:\n  - { node: nowhere, noise: 0.2 }\n');
    const r = await run('uncertainty', 'examples/demo/rubric', 'examples/demo/answers', '--spec', spec);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/spec\.yaml:3:\d+ error ROBUSTNESS_SPEC_INVALID/);
    writeFileSync(spec, 'samples: 100\nweigths: []\n');
    const z = await run('uncertainty', 'examples/demo/rubric', 'examples/demo/answers', '--spec', spec);
    expect(z.code).toBe(1);
    expect(z.err).toContain('SCHEMA_UNKNOWN_FIELD');
    const u = await run('uncertainty', 'examples/demo/rubric', 'examples/demo/answers', '--weight-noise', '1.5');
    expect(u.code).toBe(2);
    const a = await run('sensitivity', 'examples/demo/rubric', 'examples/demo/answers', '--aggregation', 'x=median');
    expect(a.code).toBe(2);
  }, 60_000);
});
