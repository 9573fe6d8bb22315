/**
 * Scorecards: building and rendering one country scorecard in-process (target < 20 ms), and the
 * whole `npm start` job — load the MIPEX answer sets, score them, write the index and every
 * country's scorecard in HTML, Markdown and JSON (target < 10 s). Uses the MIPEX data when it
 * is present, else the scorecard fixtures. Run with `npm run bench` or on its own:
 * `npx tsx --import ./scripts/yaml-text.mjs bench/report.bench.ts`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { main } from '../src/cli/main.js';
import { loadAnswerSetFiles, loadRubricFile } from '../src/node/files.js';
import { renderScorecardHtml } from '../src/report/html.js';
import { renderScorecardJson } from '../src/report/json.js';
import { renderScorecardMarkdown } from '../src/report/markdown.js';
import { buildScorecard, createScorecardContext } from '../src/report/model.js';
import { scoreAll } from '../src/report/site.js';
import type { Bench } from './run.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mipex = existsSync(join(root, 'rubrics/mipex-2020/index.yaml')) && existsSync(join(root, 'examples/mipex'));
const rubricPath = mipex ? join(root, 'rubrics/mipex-2020') : join(root, 'examples/demo/rubric');
const answersPath = mipex ? join(root, 'examples/mipex') : join(root, 'test/fixtures/scorecard/answers');

export async function run(bench: Bench): Promise<void> {
  bench.section(`report (${mipex ? 'MIPEX, all countries and years' : 'scorecard fixtures'})`);
  const rubric = loadRubricFile(rubricPath).value!;
  const sets = loadAnswerSetFiles([answersPath]).value!;
  const results = scoreAll(rubric, sets);
  const ctx = createScorecardContext(rubric, results, sets, { peers: 'eu' });
  const country = ctx.countries().includes('CA') ? 'CA' : ctx.countries()[0]!;
  // Warm the memoised rankings and peer averages as a site build would.
  buildScorecard(ctx, country);
  await bench.time(`build the ${country} scorecard model (ranks, peers, change attribution)`, () => buildScorecard(ctx, country), { iterations: 50 });
  const card = buildScorecard(ctx, country)!;
  await bench.time(`render ${country} as HTML`, () => renderScorecardHtml(card), { iterations: 100 });
  await bench.time(`render ${country} as Markdown`, () => renderScorecardMarkdown(card), { iterations: 100 });
  await bench.time(`render ${country} as JSON`, () => renderScorecardJson(card), { iterations: 100 });
  await bench.time(`one scorecard, model + HTML + Markdown + JSON`, () => {
    const c = buildScorecard(ctx, country)!;
    renderScorecardHtml(c);
    renderScorecardMarkdown(c);
    renderScorecardJson(c);
  }, { iterations: 50 });
  const out = mkdtempSync(join(tmpdir(), 'report-bench-'));
  const args = ['report', answersPath, '--rubric', rubricPath, '--out', out, '--quiet'];
  await bench.time(`whole report: load, score, index + ${ctx.countries().length} scorecards × 3 formats (npm start)`, async () => {
    const code = await main(args, { stdout: () => {}, stderr: () => {}, cwd: root });
    if (code !== 0) throw new Error(`report exited with ${code}`);
  }, { iterations: 3, warmup: 0 });
  rmSync(out, { recursive: true, force: true });
}

// Standalone: `npx tsx --import ./scripts/yaml-text.mjs bench/report.bench.ts`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows: string[] = [];
  let section = '';
  await run({
    section(title) {
      section = title;
      rows.push(`[${section}]`);
    },
    async time(name, fn, options = {}) {
      for (let i = 0; i < (options.warmup ?? 5); i++) await fn();
      const samples: number[] = [];
      for (let i = 0; i < (options.iterations ?? 200); i++) {
        const t0 = performance.now();
        await fn();
        samples.push(performance.now() - t0);
      }
      samples.sort((a, b) => a - b);
      rows.push(`${name}: median ${samples[Math.floor(samples.length / 2)]!.toFixed(2)} ms, max ${samples[samples.length - 1]!.toFixed(2)} ms (${samples.length} runs)`);
    },
  });
  console.log(rows.join('\n'));
}
