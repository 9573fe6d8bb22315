/**
 * The runner's side of `case-worker.ts`: one long-lived child process that runs a job at a time.
 * A job that does not answer within the hang limit, or makes the process grow past the memory
 * limit, kills the child (a new one starts for the next job) and is reported as a hang or as
 * over the memory limit. Peak memory is the child's own peak during the job (Linux), or the
 * highest resident size polled from outside. Each job also reports its CPU time, so that a busy
 * machine is not mistaken for a slow input, and a job stopped at the limit while computing is
 * told apart from one blocked (a hang proper).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_SOURCES } from '../helpers/run-sources.js';
import type { Job, JobResult } from './case-worker.js';

/** Limits of one job: time blocked before it counts as a hang, CPU time and wall time before it is stopped, resident memory before it is stopped. */
export const LIMITS = { hangMs: 5_000, cpuMs: 10_000, wallMs: 120_000, memoryBytes: 1024 ** 3 };

export type ChildOutcome =
  | ({ kind: 'done' } & JobResult)
  | { kind: 'hang'; peakRss: number; cpuMs: number }
  | { kind: 'memory'; peakRss: number; cpuMs: number }
  | { kind: 'slow'; peakRss: number; cpuMs: number }
  | { kind: 'died'; peakRss: number; detail: string };

let child: ChildProcess | undefined;
let ready: Promise<void> | undefined;
let nextId = 1;

function start(): Promise<void> {
  const c = fork(join(import.meta.dirname, 'case-worker.ts'), [], {
    execArgv: [...RUN_SOURCES],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  c.stderr?.resume();
  child = c;
  c.on('exit', () => {
    if (child === c) {
      child = undefined;
      ready = undefined;
    }
  });
  ready = new Promise((res, rej) => {
    const onMsg = (m: { ready?: boolean }) => {
      if (m.ready) {
        c.off('message', onMsg);
        res();
      }
    };
    c.on('message', onMsg);
    c.once('exit', (code) => rej(new Error(`fuzz case worker exited before it was ready (${code})`)));
  });
  return ready;
}

/** Stops the child (at the end of a run). */
export function stopChild(): void {
  const c = child;
  child = undefined;
  ready = undefined;
  if (c && c.exitCode === null) c.kill('SIGKILL');
}
process.on('exit', stopChild);

/** CPU time of a process so far, ms (Linux; 0 where unknown). */
function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return 0;
  }
}

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs one job in the child; never rejects. A job is stopped when it has used `cpuMs` of CPU
 * (still computing: slow), when it has used almost no CPU for `hangMs` (blocked: a hang), when
 * it has run `wallMs` in all, or when it grows past `memoryBytes`.
 */
export async function runInChild(job: Job): Promise<ChildOutcome> {
  if (!child || !ready) await start();
  else await ready;
  const c = child!;
  const id = nextId++;
  const t0 = Date.now();
  const cpu0 = cpuOf(c.pid!);
  return new Promise<ChildOutcome>((resolve) => {
    let polled = 0;
    let settled = false;
    // (time, CPU) samples of the last `hangMs`, to tell a blocked job from a slow one.
    const samples: { t: number; cpu: number }[] = [{ t: t0, cpu: cpu0 }];
    const finish = (o: ChildOutcome, kill: boolean) => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      c.off('message', onMessage);
      c.off('exit', onExit);
      if (kill) {
        if (child === c) {
          child = undefined;
          ready = undefined;
        }
        c.kill('SIGKILL');
      }
      resolve(o);
    };
    const onMessage = (m: { id?: number; result?: JobResult }) => {
      if (m.id !== id || !m.result) return;
      const r = m.result;
      // A polluted prototype would leak into the next jobs: start afresh.
      finish({ kind: 'done', ...r, peakRss: Math.max(r.peakRss, polled) }, r.prototypeChanged);
    };
    const onExit = (code: number | null, signal: string | null) => finish({ kind: 'died', peakRss: polled, detail: `worker exited (${code ?? signal})` }, false);
    const poll = setInterval(() => {
      const now = Date.now();
      const rss = rssOf(c.pid!);
      const cpu = cpuOf(c.pid!);
      polled = Math.max(polled, rss);
      if (rss > LIMITS.memoryBytes) return finish({ kind: 'memory', peakRss: rss, cpuMs: cpu - cpu0 }, true);
      if (cpu - cpu0 > LIMITS.cpuMs) return finish({ kind: 'slow', peakRss: polled, cpuMs: cpu - cpu0 }, true);
      samples.push({ t: now, cpu });
      while (samples.length > 1 && samples[1]!.t <= now - LIMITS.hangMs) samples.shift();
      const blocked = now - t0 >= LIMITS.hangMs && samples[0]!.t <= now - LIMITS.hangMs + 200 && cpu - samples[0]!.cpu < 0.02 * LIMITS.hangMs;
      if (blocked || now - t0 > LIMITS.wallMs) finish({ kind: 'hang', peakRss: polled, cpuMs: cpu - cpu0 }, true);
    }, 50);
    c.on('message', onMessage);
    c.on('exit', onExit);
    c.send({ id, job });
  });
}
