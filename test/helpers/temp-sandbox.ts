// Vitest global setup: the test run gets its own temporary folder (TMPDIR points into it for the
// test workers and everything they start), removed when the run ends, so that no test leaves
// folders behind in the system temp dir even when it forgets to clean up after itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Vitest runs the global setup once for the run and again for each project: the first call makes
// the folder, the others keep it (nested folders would make paths too long for Chromium's socket).
const MARK = 'POLICY_INDEX_TEST_SANDBOX';

export default function setup(): () => void {
  if (process.env[MARK] && process.env.TMPDIR === process.env[MARK]) return () => {};
  const dir = mkdtempSync(join(tmpdir(), 'policy-index-tests-'));
  const before = { TMPDIR: process.env.TMPDIR, TEMP: process.env.TEMP, TMP: process.env.TMP, [MARK]: process.env[MARK] };
  process.env.TMPDIR = process.env.TEMP = process.env.TMP = process.env[MARK] = dir;
  return () => {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
