// Long runs: Ctrl-C (SIGINT) stops the CLI cleanly with exit code 130, and the progress line
// is shown only on a terminal, as one line rewritten in place.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeSyntheticAnswerFiles } from '../bench/answer-files.js';
import { progressLine } from '../src/node/progress-line.js';
import { RUN_SOURCES } from './helpers/run-sources.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pi-interrupt-'));
  writeSyntheticAnswerFiles(dir, 3000);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());

describe('interrupting a long run', () => {
  it('score --format json stops on SIGINT with exit code 130, not a stack trace', async () => {
    const child = spawn(process.execPath, [...RUN_SOURCES, join(ROOT, 'src/cli/bin.ts'), 'score', 'rubric.yaml', 'answers', '--format', 'json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = 0;
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const code = await new Promise<number | null>((done) => {
      child.stdout.on('data', (b: Buffer) => {
        // Interrupted once the output has begun, long before its end.
        if (out === 0) child.kill('SIGINT');
        out += b.length;
      });
      child.on('close', (c) => done(c));
    });
    expect(code).toBe(130);
    expect(out).toBeGreaterThan(0);
    expect(err).not.toMatch(/internal error|at .*\.ts:\d+/);
  }, 120_000);
});

describe('the progress line', () => {
  it('writes nothing when standard error is not a terminal', () => {
    vi.useFakeTimers();
    let text = '';
    const p = progressLine((t) => (text += t), false, 'validate', 1000);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(1000);
      p.add(50);
    }
    p.end();
    expect(text).toBe('');
  });

  it('on a terminal, rewrites one line in place and erases it at the end; a short run shows nothing', () => {
    vi.useFakeTimers();
    let text = '';
    const p = progressLine((t) => (text += t), true, 'validate', 1000);
    p.add(10); // at once: too soon to show
    expect(text).toBe('');
    vi.advanceTimersByTime(300);
    p.add(490);
    expect(text).toBe('\rvalidate: 500 of 1000 files (50%)\x1b[K');
    expect(text).not.toContain('\n');
    p.end();
    expect(text.endsWith('\r\x1b[K')).toBe(true);
  });
});
