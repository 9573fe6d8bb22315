/**
 * The runner's side of `case-worker.ts`: one long-lived child process that runs a job at a time.
 * A job that does not answer within the hang limit, or makes the process grow past the memory
 * limit, kills the child (a new one starts for the next job) and is reported as a hang or as
 * over the memory limit. Peak memory is the child's own peak during the job (Linux), or the
 * highest resident size polled from outside.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Job, JobResult } from './case-worker.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** Limits of one job: wall time before it counts as a hang, resident memory before it is stopped. */
export const LIMITS = { hangMs: 10_000, memoryBytes: 1024 ** 3 };

export type ChildOutcome =
  | ({ kind: 'done' } & JobResult)
  | { kind: 'hang'; peakRss: number }
  | { kind: 'memory'; peakRss: number }
  | { kind: 'died'; peakRss: number; detail: string };

let child: ChildProcess | undefined;
let ready: Promise<void> | undefined;
let nextId = 1;

function start(): Promise<void> {
  const c = fork(join(import.meta.dirname, 'case-worker.ts'), [], {
    execArgv: ['--import', TSX],
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

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Runs one job in the child; never rejects. */
export async function runInChild(job: Job): Promise<ChildOutcome> {
  if (!child || !ready) await start();
  else await ready;
  const c = child!;
  const id = nextId++;
  return new Promise<ChildOutcome>((resolve) => {
    let polled = 0;
    let settled = false;
    const finish = (o: ChildOutcome, kill: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
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
    const timer = setTimeout(() => finish({ kind: 'hang', peakRss: polled }, true), LIMITS.hangMs);
    const poll = setInterval(() => {
      const rss = rssOf(c.pid!);
      polled = Math.max(polled, rss);
      if (rss > LIMITS.memoryBytes) finish({ kind: 'memory', peakRss: rss }, true);
    }, 25);
    c.on('message', onMessage);
    c.on('exit', onExit);
    c.send({ id, job });
  });
}
