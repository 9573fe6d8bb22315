// The browser build of the core (dist/policy-index.browser.js, from src/core.ts) loads, validates,
// scores and explains as the library does, and carries only the core. Needs `npm run build`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as core from '../src/core.js';
import { ROOT } from './engine-helpers.js';

const DEMO = join(ROOT, 'examples/demo');
const bundle = async (file: string) => {
  const path = join(ROOT, 'dist', file);
  expect(existsSync(path), `${path} is missing; run: npm run build`).toBe(true);
  return (await import(pathToFileURL(path).href)) as typeof core;
};

/** Loads the demo rubric and one answer set with `api`, scores and explains one node. */
function run(api: typeof core, answers: string) {
  const rubric = api.loadRubric(readFileSync(join(DEMO, 'rubric/index.yaml'), 'utf8'), {
    file: 'rubric/index.yaml',
    readFile: (rel) => readFileSync(join(DEMO, 'rubric', rel), 'utf8'),
  });
  const set = api.loadAnswerSet(answers, { file: 'answers.yaml' });
  const diagnostics = api.sortDiagnostics([...rubric.diagnostics, ...set.diagnostics]);
  if (!rubric.value || !set.value) return { diagnostics: api.formatDiagnostics(diagnostics) };
  const validation = api.validateAnswerSet(rubric.value, set.value);
  const result = api.scoreAnswerSet(rubric.value, set.value);
  return {
    diagnostics: api.formatDiagnostics([...diagnostics, ...validation]),
    root: result.root.display,
    variants: result.variants.map((v) => `${v.id} ${v.display}`),
    explained: api.explainScore(result, result.root.children[0]!.id),
  };
}

describe('the browser build of the core', () => {
  it('scores and explains the demo as the library does', async () => {
    const browser = await bundle('policy-index.browser.js');
    const text = readFileSync(join(DEMO, 'answers/northland-2024.yaml'), 'utf8');
    const fromBundle = run(browser, text);
    expect(fromBundle.root).toBe('66.1');
    expect(fromBundle).toEqual(run(core, text));
  });

  it('reports a broken answer set with the same diagnostics as the library', async () => {
    const browser = await bundle('policy-index.browser.js');
    const text = readFileSync(join(DEMO, 'answers/northland-2024.yaml'), 'utf8').replace(/^year: .*$/m, 'year: 1800').replace(/^country: .*$/m, 'country: zz');
    const fromBundle = run(browser, text);
    expect(fromBundle.diagnostics).toContain('Too small: expected number to be >=1900');
    expect(fromBundle).toEqual(run(core, text));
  });

  it('exports the core and nothing else', async () => {
    const browser = await bundle('policy-index.browser.js');
    expect(Object.keys(browser).sort()).toEqual(Object.keys(core).sort());
  });
});
