/**
 * Every TSDoc `@example` in src/ compiles against the built declarations (dist/*.d.ts) as a user
 * of the package would write it, and every result an example states in a comment
 * (`f(x); // 'y'`) is what running it gives. Needs `npm run build` first (`npm test` does it).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkExamples, examplesOf, extractExamples, runExamples, type TsdocExample } from '../scripts/check-examples.js';
import { ROOT } from './engine-helpers.js';

let examples: TsdocExample[];

beforeAll(() => {
  for (const d of ['dist/index.d.ts', 'dist/node.d.ts', 'dist/index.js', 'dist/node.js']) {
    if (!existsSync(join(ROOT, d))) throw new Error(`${d} is missing: run npm run build first.`);
  }
  examples = extractExamples(ROOT);
});

/** One example as it would stand in a TSDoc comment. */
function example(code: string): TsdocExample[] {
  const text = `/**\n * @example\n * \`\`\`ts\n${code.split('\n').map((l) => ` * ${l}`).join('\n')}\n * \`\`\`\n */\nexport const x = 1;\n`;
  return examplesOf(text, 'src/example.ts');
}

describe('TSDoc examples', () => {
  it('are found in the source, with their lines', () => {
    expect(examples.length).toBeGreaterThan(200);
    const totals = examples.find((e) => e.file === 'src/scoring/score.ts' && e.code.includes('scoreTotals('));
    expect(totals?.code.split('\n')[0]).toBe("import { createAnswerSet, loadRubric, scoreTotals } from 'policy-index';");
  });

  it('the check catches a name the entry does not export and a wrong stated result', async () => {
    const bad = example("import { averageRanks } from 'policy-index';\naverageRanks([1]);");
    expect(bad[0]!.line).toBe(4);
    const problems = checkExamples(bad, ROOT);
    expect(problems.map((p) => [p.line, p.message])).toEqual([[4, `Module '"policy-index"' has no exported member 'averageRanks'.`]]);
    const wrong = example("import { escapeHtml } from 'policy-index';\nescapeHtml('<b>'); // '&lt;b&gt;'\nescapeHtml('a&b'); // 'a&b'\n[1, 2].map(String); // ['1', '2']");
    const run = await runExamples(wrong, ROOT);
    expect(run.statements).toBe(3);
    expect(run.mismatches).toEqual([{ file: 'src/example.ts', line: 6, stated: "'a&b'", actual: '"a&amp;b"' }]);
  }, 120_000);

  it('all compile against dist/*.d.ts', () => {
    expect(checkExamples(examples, ROOT)).toEqual([]);
  }, 300_000);

  it('all give the results they state', async () => {
    const run = await runExamples(examples, ROOT);
    expect(run.mismatches).toEqual([]);
    expect(run.statements).toBeGreaterThan(100);
  }, 300_000);
});
