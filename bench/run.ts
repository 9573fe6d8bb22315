/**
 * Benchmark runner: `npm run bench` (or `npx tsx --import ./scripts/yaml-text.mjs bench/run.ts [filter]`).
 *
 * Convention: every `bench/*.bench.ts` module exports
 *
 *     export async function run(bench: Bench): Promise<void>
 *
 * and calls `bench.time(name, fn, options)` once per operation. The runner imports each module
 * in file-name order, times every operation (a few warm-up calls, then many timed calls) and
 * prints one table: median, 95th percentile, mean, minimum and maximum in milliseconds (the
 * spread matters: the machine may be shared). A module may call
 * `bench.section(title)` to start a new group of rows. An optional command-line argument
 * keeps only the modules whose file name contains it (e.g. `npx tsx --import ./scripts/yaml-text.mjs bench/run.ts core`).
 * Modules that need data that is not present should print why and return without timing.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Options of one timed operation. */
export interface TimeOptions {
  /** Timed calls (default 200). */
  iterations?: number;
  /** Untimed calls first (default 5). */
  warmup?: number;
}

/** What a benchmark module receives. */
export interface Bench {
  /** Times `fn` (sync or async) and records a row. */
  time(name: string, fn: () => unknown, options?: TimeOptions): Promise<void>;
  /** Starts a new group of rows under a heading. */
  section(title: string): void;
}

interface Row {
  section: string;
  name: string;
  iterations: number;
  median: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

function createBench(rows: Row[], defaultSection: string): Bench {
  let section = defaultSection;
  return {
    section(title) {
      section = title;
    },
    async time(name, fn, options = {}) {
      const iterations = options.iterations ?? 200;
      for (let i = 0; i < (options.warmup ?? 5); i++) await fn();
      const samples: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const t0 = performance.now();
        await fn();
        samples.push(performance.now() - t0);
      }
      samples.sort((a, b) => a - b);
      rows.push({ section, name, iterations, median: quantile(samples, 0.5), p95: quantile(samples, 0.95), mean: samples.reduce((s, x) => s + x, 0) / samples.length, min: samples[0]!, max: samples[samples.length - 1]! });
    },
  };
}

function printTable(rows: readonly Row[]): void {
  const ms = (n: number) => (n < 1 ? n.toFixed(3) : n < 100 ? n.toFixed(2) : n.toFixed(0));
  const header = ['operation', 'runs', 'median ms', 'p95 ms', 'mean ms', 'min ms', 'max ms'];
  const body = rows.map((r) => [r.name, String(r.iterations), ms(r.median), ms(r.p95), ms(r.mean), ms(r.min), ms(r.max)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  let section: string | undefined;
  const out: string[] = [line(header), line(widths.map((w) => '-'.repeat(w)))];
  rows.forEach((r, i) => {
    if (r.section !== section) {
      section = r.section;
      out.push(`[${section}]`);
    }
    out.push(line(body[i]!));
  });
  console.log(out.join('\n'));
}

async function main(): Promise<void> {
  const dir = dirname(fileURLToPath(import.meta.url));
  const filter = process.argv[2];
  const modules = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
    .sort();
  const rows: Row[] = [];
  console.log(`node ${process.version} · ${modules.length} benchmark module(s): ${modules.join(', ')}\n`);
  for (const file of modules) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { run?: (bench: Bench) => unknown };
    if (typeof mod.run !== 'function') {
      console.warn(`${file}: exports no run() function; skipped.`);
      continue;
    }
    await mod.run(createBench(rows, file.replace(/\.bench\.ts$/, '')));
  }
  printTable(rows);
}

await main();
