// The built package holds the data files the sources import as text: each bundle's copy of the
// outcome framework is the text of rubrics/outcomes/zaragoza.yaml, the only copy in the
// repository. Needs `npm run build` (as `npm test` does first).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './engine-helpers.js';

const FRAMEWORK = readFileSync(join(ROOT, 'rubrics/outcomes/zaragoza.yaml'), 'utf8');
const dist = (file: string) => {
  const path = join(ROOT, 'dist', file);
  expect(existsSync(path), `${path} is missing; run: npm run build`).toBe(true);
  return path;
};

describe('the built bundles carry the outcome framework as text', () => {
  it('the ES module, CommonJS and full browser entries export the text of the YAML file', async () => {
    const esm = (await import(pathToFileURL(dist('index.js')).href)) as { ZARAGOZA_FRAMEWORK_YAML: string };
    const cjs = createRequire(import.meta.url)(dist('index.cjs')) as { ZARAGOZA_FRAMEWORK_YAML: string };
    const browser = (await import(pathToFileURL(dist('policy-index-all.browser.js')).href)) as { ZARAGOZA_FRAMEWORK_YAML: string };
    expect(FRAMEWORK.length).toBeGreaterThan(10_000);
    expect(esm.ZARAGOZA_FRAMEWORK_YAML).toBe(FRAMEWORK);
    expect(cjs.ZARAGOZA_FRAMEWORK_YAML).toBe(FRAMEWORK);
    expect(browser.ZARAGOZA_FRAMEWORK_YAML).toBe(FRAMEWORK);
  });

  it('the CLI checks outcome data against its built-in framework as against the file', () => {
    const run = (...extra: string[]) =>
      execFileSync(process.execPath, [dist('cli.js'), 'outcomes', 'validate', 'examples/outcomes/three-countries-2019.yaml', '--format', 'json', ...extra], { cwd: ROOT, encoding: 'utf8' });
    const builtIn = JSON.parse(run()) as { summary: { framework: { id: string }; valid: number } };
    expect(builtIn.summary.framework.id).toBe('zaragoza');
    expect(builtIn.summary.valid).toBeGreaterThan(0);
    expect(builtIn).toEqual(JSON.parse(run('--framework', 'rubrics/outcomes/zaragoza.yaml')));
  });
});
