/**
 * The built CLI end to end on 10,000 answer-set files (goals: `score` at most 3 s, `validate`
 * at most 2 s): the files are generated in a temporary folder (bench/answer-files.ts), each
 * command runs as its own `node dist/cli.js` process several times (on the default threads and
 * on one), and the folder is removed
 * afterwards. Also timed in-process: reading the files into answer sets, the fast reader against
 * the full YAML parser on the same texts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAnswerYamlFast } from '../src/answers/fast-parse.js';
import { expandAnswerPaths, loadAnswerSetFiles } from '../src/node/files.js';
import { parseYamlSource } from '../src/source/yaml-source.js';
import { writeSyntheticAnswerFiles } from './answer-files.js';
import type { Bench } from './run.js';

const FILES = 10_000;
const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');

export async function run(bench: Bench): Promise<void> {
  if (!existsSync(CLI)) {
    console.log(`answer-files: ${CLI} is missing; run \`npm run build\` first (npm run bench does).`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'pi-bench-answers-'));
  try {
    const made = writeSyntheticAnswerFiles(dir, FILES);
    const cli = (args: string[], expectOut: (stdout: string, stderr: string) => boolean, env: Record<string, string> = {}) => () => {
      const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } });
      if (r.status !== 0 || !expectOut(r.stdout, r.stderr)) throw new Error(`policy-index ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
    };
    bench.section(`CLI end to end, ${made.files.toLocaleString('en')} answer-set files (one process per run)`);
    await bench.time('policy-index score rubric.yaml answers', cli(['score', 'rubric.yaml', 'answers'], (out) => out.split('\n').length > FILES), { iterations: 5, warmup: 1 });
    await bench.time('policy-index validate rubric.yaml answers', cli(['validate', 'rubric.yaml', 'answers'], (_, err) => err.includes(`${FILES + 1} files checked: no errors`)), { iterations: 5, warmup: 1 });
    // The same on one thread (the default uses up to 4 threads from 2,000 files).
    const one = { POLICY_INDEX_THREADS: '1' };
    await bench.time('score, one thread', cli(['score', 'rubric.yaml', 'answers'], (out) => out.split('\n').length > FILES, one), { iterations: 5, warmup: 1 });
    await bench.time('validate, one thread', cli(['validate', 'rubric.yaml', 'answers'], (_, err) => err.includes(`${FILES + 1} files checked: no errors`), one), { iterations: 5, warmup: 1 });
    await bench.time('policy-index --help (process start)', cli(['--help'], (out) => out.length > 0), { iterations: 5, warmup: 1 });

    bench.section('reading answer sets in-process (same files)');
    await bench.time('loadAnswerSetFiles (10,000 files)', () => {
      const r = loadAnswerSetFiles([made.answers]);
      if (r.value?.length !== FILES) throw new Error('not every answer set was read');
    }, { iterations: 3, warmup: 1 });
    const texts = expandAnswerPaths([made.answers]).files.slice(0, 1000).map((f) => readFileSync(f, 'utf8'));
    await bench.time('fast reader, 1,000 texts', () => {
      for (const t of texts) if (!parseAnswerYamlFast(t, 'a.yaml')) throw new Error('the fast reader gave up on a generated file');
    }, { iterations: 10, warmup: 2 });
    await bench.time('full YAML parser, 1,000 texts', () => {
      for (const t of texts) parseYamlSource(t, 'a.yaml');
    }, { iterations: 3, warmup: 1 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
