/**
 * A real-sized index against a naive baseline: answer sets shaped like 190 economies × years
 * (35 questions each, bench/answer-files.ts) are generated in a temporary folder, then, in one
 * run, each of these runs as its own process and is timed:
 *
 * - the baseline: one Node process reading every file and parsing it with the `yaml` package
 *   (bench/naive-read.mjs);
 * - `policy-index validate`, `score --format csv`, `score --format json` and `--format jsonl`.
 *
 * Each row's time is also given as a ratio to the baseline's median, with the peak resident
 * memory of the process (`/usr/bin/time -f %M` where it exists) and the size of its output.
 * The number of answer sets is `POLICY_INDEX_BENCH_SETS` (default 1,000 for a quick run; e.g.
 * 10000 for the full size), the timed runs per command `POLICY_INDEX_BENCH_RUNS` (default 3;
 * each run is a fresh process, so there is no warm-up run).
 * The folder is removed afterwards.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticAnswerFiles } from './answer-files.js';
import type { Bench } from './run.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const CLI = join(HERE, '..', 'dist', 'cli.js');
const TIME = '/usr/bin/time';

interface Measured {
  name: string;
  peakKiB: number[];
  outBytes: number;
  times: number[];
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function run(bench: Bench): Promise<void> {
  if (!existsSync(CLI)) {
    console.log(`index-scale: ${CLI} is missing; run \`npm run build\` first (npm run bench does).`);
    return;
  }
  const sets = Number(process.env.POLICY_INDEX_BENCH_SETS ?? 1000);
  const runs = Number(process.env.POLICY_INDEX_BENCH_RUNS ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'pi-bench-index-'));
  const withTime = existsSync(TIME);
  try {
    const made = writeSyntheticAnswerFiles(dir, sets, 190);
    const out = join(dir, 'out');
    const rss = join(dir, 'rss');
    const measured: Measured[] = [];
    /** One command as a child process, its standard output to a file (its size is reported). */
    const timed = (name: string, args: string[], ok: (status: number | null, stderr: string) => boolean) => {
      const m: Measured = { name, peakKiB: [], outBytes: 0, times: [] };
      measured.push(m);
      return () => {
        const cmd = withTime ? [TIME, '-f', '%M', '-o', rss, process.execPath, ...args] : [process.execPath, ...args];
        const t0 = performance.now();
        const r = spawnSync('sh', ['-c', `"$@" > "${out}"`, 'sh', ...cmd], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        m.times.push(performance.now() - t0);
        if (!ok(r.status, r.stderr)) throw new Error(`${name} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
        if (withTime) m.peakKiB.push(Number(readFileSync(rss, 'utf8').trim().split('\n').pop()));
        m.outBytes = statSync(out).size;
      };
    };
    const clean = (status: number | null) => status === 0;
    // No warm-up run: every run is a fresh process, and the files were just written (cached).
    const options = { iterations: runs, warmup: 0 };
    bench.section(`an index of ${made.files.toLocaleString('en')} answer sets (190 countries × years, 35 questions), one process per run`);
    await bench.time('baseline: read + parse every file with yaml', timed('baseline', [join(HERE, 'naive-read.mjs'), made.answers], clean), options);
    await bench.time('policy-index validate', timed('validate', [CLI, 'validate', '--rubric', 'rubric.yaml', 'answers'], clean), options);
    await bench.time('policy-index score --format csv', timed('score csv', [CLI, 'score', 'rubric.yaml', 'answers', '--format', 'csv'], clean), options);
    await bench.time('policy-index score --format json', timed('score json', [CLI, 'score', 'rubric.yaml', 'answers', '--format', 'json'], clean), options);
    const hasJsonl = spawnSync(process.execPath, [CLI, 'score', '--help'], { encoding: 'utf8' }).stdout.includes('jsonl');
    if (hasJsonl) await bench.time('policy-index score --format jsonl', timed('score jsonl', [CLI, 'score', 'rubric.yaml', 'answers', '--format', 'jsonl'], clean), options);

    // Ratios to the baseline and peak memory (the timing table itself is printed by the runner).
    const base = median(measured[0]!.times);
    const mib = (kib: number) => (kib / 1024).toFixed(0);
    console.log(`index-scale: ${made.files} answer sets, ${runs} timed runs each; time ratio = median / baseline median (${base.toFixed(0)} ms)`);
    for (const m of measured) {
      const t = median(m.times);
      const ratios = m.times.map((x) => x / base).sort((a, b) => a - b);
      const peak = m.peakKiB.length ? `peak RSS median ${mib(median(m.peakKiB))} MiB (max ${mib(Math.max(...m.peakKiB))})` : 'peak RSS not measured (no /usr/bin/time)';
      console.log(`  ${m.name.padEnd(12)} ${t.toFixed(0).padStart(7)} ms  ×${(t / base).toFixed(2)} (runs ×${ratios[0]!.toFixed(2)}–×${ratios[ratios.length - 1]!.toFixed(2)})  ${peak}  output ${(m.outBytes / 1024 / 1024).toFixed(1)} MiB`);
    }
    console.log('');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
