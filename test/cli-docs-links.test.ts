import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd: process.cwd() });
  return { code, stdout, stderr };
}

const saved = process.env.POLICY_INDEX_DOCS_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.POLICY_INDEX_DOCS_URL;
  else process.env.POLICY_INDEX_DOCS_URL = saved;
});

describe('diagnostics link to the diagnostic reference', () => {
  it('in text output', async () => {
    process.env.POLICY_INDEX_DOCS_URL = 'https://docs.example/pi/';
    const r = await run(['validate', 'examples/broken/rubric.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('see: https://docs.example/pi/documents/Diagnostic_reference.RUBRIC_INVALID_WEIGHT.html');
  });

  it('in JSON output', async () => {
    process.env.POLICY_INDEX_DOCS_URL = 'https://docs.example/pi/';
    const r = await run(['validate', 'examples/broken/rubric.yaml', '--format', 'json']);
    const out = JSON.parse(r.stdout) as { diagnostics: { code: string; docs?: string }[] };
    expect(out.diagnostics.length).toBeGreaterThan(0);
    for (const d of out.diagnostics) expect(d.docs).toBe(`https://docs.example/pi/documents/Diagnostic_reference.${d.code}.html`);
  });

  it('can be switched off', async () => {
    process.env.POLICY_INDEX_DOCS_URL = '';
    const r = await run(['validate', 'examples/broken/rubric.yaml']);
    expect(r.stderr).not.toContain('see:');
  });
});
