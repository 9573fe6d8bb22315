/**
 * The guards of `npm run lint` (eslint.config.js) really reject what the design forbids: an
 * import below its floor, Node in the browser-safe core, `localeCompare`, `export *`.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from './engine-helpers.js';

const eslint = new ESLint({ cwd: ROOT });

/** The rule ids ESLint reports for `code` as if it stood at `file`. */
async function ruleIds(file: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${file}` });
  return result!.messages.map((m) => m.ruleId);
}

describe('npm run lint', () => {
  it('keeps imports above their floor', async () => {
    expect(await ruleIds('src/diagnostics/probe.ts', "import { scoreAnswerSet } from '../scoring/score.js';\nscoreAnswerSet;\n")).toEqual(['no-restricted-imports']);
    expect(await ruleIds('src/outcomes/probe.ts', "import { scoreAnswerSet } from '../scoring/score.js';\nscoreAnswerSet;\n")).toEqual(['no-restricted-imports']);
    expect(await ruleIds('src/analysis/robustness/probe.ts', "import { main } from '../../cli/main.js';\nmain;\n")).toEqual(['no-restricted-imports']);
    expect(await ruleIds('src/outcomes/probe.ts', "import { parseCsv } from '../source/csv.js';\nimport { byCodePoint } from '../text/order.js';\nparseCsv; byCodePoint;\n")).toEqual([]);
    expect(await ruleIds('src/cli/probe.ts', "import { readFileSync } from 'node:fs';\nimport { loadRubricFile } from '../node/files.js';\nreadFileSync; loadRubricFile;\n")).toEqual([]);
  });

  it('keeps Node out of the core', async () => {
    expect(await ruleIds('src/report/probe.ts', "import { readFileSync } from 'node:fs';\nreadFileSync;\n")).toEqual(['no-restricted-imports']);
    expect(await ruleIds('src/scoring/probe.ts', 'export const cwd = process.cwd();\n')).toEqual(['no-restricted-globals']);
    expect(await ruleIds('src/index.ts', "export { loadRubricFile } from './node/files.js';\n")).toEqual(['no-restricted-imports']);
  });

  it('bans localeCompare and export * in src/', async () => {
    expect(await ruleIds('src/report/probe.ts', "export const s = ['b', 'a'].sort((x, y) => x.localeCompare(y));\n")).toEqual(['no-restricted-syntax']);
    expect(await ruleIds('src/report/probe.ts', "export * from './html.js';\n")).toEqual(['no-restricted-syntax']);
  });
});
