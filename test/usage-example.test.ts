/**
 * Runs examples/usage.ts as a user would. It imports `policy-index` by name; inside this
 * repository the name resolves to the sources through the `paths` of tsconfig.json (tsx and tsc
 * both honour them; Node reads the YAML files the sources import as text through
 * scripts/yaml-text.mjs), so neither type-checking nor running it needs a build.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from './engine-helpers.js';
import { RUN_SOURCES } from './helpers/run-sources.js';

const run = promisify(execFile);

describe('examples/usage.ts', () => {
  it('runs and prints the scores and an explanation', async () => {
    const { stdout, stderr } = await run(process.execPath, [...RUN_SOURCES, 'examples/usage.ts'], { cwd: ROOT, timeout: 60_000 });
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'Welcome Policy Demo Index (welcome-demo@1.0.0)',
      'NO 2024: All three areas 66.1 · Work and family only 74.2',
      '  areas: work 73.3, family 75.0, voice 50.0',
      'SE 2024: All three areas 6.7 · Work and family only 10.0',
      '  areas: work 20.0, family 0.0, voice 0.0',
    ]);
    expect(stdout).toContain('income-rule — Income requirement');
    expect(stdout).toContain('matched: row 2 "modest level, any source"');
  });

  it('the README quotes the demo score the example prints', () => {
    // Keeps the README's `console.log(result.root.display); // "66.1"` honest without a build.
    expect(readme()).toContain('console.log(result.root.display); // "66.1"');
  });
});

function readme(): string {
  return readFileSync(join(ROOT, 'README.md'), 'utf8');
}
