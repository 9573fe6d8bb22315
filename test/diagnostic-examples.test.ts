// The diagnostic pages show, for each code, a minimal input and what the command line prints for
// it. Here every example is run: it must still report its code, so the pages stay true. Every
// code of the table has an example or a stated reason why no file can trigger it, and the
// guides link every code they name to its page.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../src/diagnostics/codes.js';
import { DIAGNOSTIC_EXAMPLES, DIAGNOSTICS_WITHOUT_EXAMPLE } from '../scripts/docs/diagnostic-examples.js';
import { diagnosticPages } from '../scripts/docs/reference.js';
import { runDiagnosticExample } from '../scripts/docs/run-diagnostic-examples.js';

const codes = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];

describe('diagnostic examples', () => {
  it('every code has an example or a reason, never both, and nothing else is listed', () => {
    const examples = new Set(Object.keys(DIAGNOSTIC_EXAMPLES));
    const reasons = new Set(Object.keys(DIAGNOSTICS_WITHOUT_EXAMPLE));
    expect(codes.filter((c) => !examples.has(c) && !reasons.has(c))).toEqual([]);
    expect(codes.filter((c) => examples.has(c) && reasons.has(c))).toEqual([]);
    expect([...examples, ...reasons].filter((c) => !(c in DIAGNOSTIC_CODES))).toEqual([]);
    for (const [code, reason] of Object.entries(DIAGNOSTICS_WITHOUT_EXAMPLE)) expect(reason!.length, code).toBeGreaterThan(40);
    // Most codes can be shown from a file.
    expect(examples.size).toBeGreaterThan(codes.length * 0.7);
  });

  describe('each example reports its code with its severity', () => {
    for (const [code, example] of Object.entries(DIAGNOSTIC_EXAMPLES)) {
      it(code, async () => {
        const run = await runDiagnosticExample(example!);
        expect(run.codes, run.output).toContain(code);
        expect(run.severities.get(code)).toBe(DIAGNOSTIC_CODES[code as DiagnosticCode].severity);
        if (DIAGNOSTIC_CODES[code as DiagnosticCode].severity === 'error') expect(run.exitCode).toBe(1);
        // The output is the CLI's text format with the position of the problem.
        expect(run.output).toMatch(new RegExp(`^(\\S+:\\d+:\\d+ |\\S+ )?(error|warning|info) ${code} \\S`, 'm'));
        expect(run.output).not.toMatch(/policy-index-example-/);
      });
    }
  });

  it('the pages show the example input, the command and its output, or the reason', () => {
    const run = { note: undefined, files: [{ name: 'answers.yaml', text: 'schemaVersion: 1\n' }], command: 'policy-index validate answers.yaml', output: 'answers.yaml:1:1 error X_Y message' };
    const pages = diagnosticPages(new Map<string, never>([['YAML_SYNTAX', run as never], ['FOLDER_TOO_DEEP', { reason: 'It needs deep folders.' } as never]]));
    const page = (code: string) => pages.find((p) => p.file === `diagnostics/${code}.md`)!.content;
    expect(page('YAML_SYNTAX')).toContain('```sh\npolicy-index validate answers.yaml\n```');
    expect(page('YAML_SYNTAX')).toContain('```text\nanswers.yaml:1:1 error X_Y message\n```');
    expect(page('YAML_SYNTAX')).toContain('`answers.yaml`:\n\n```yaml\nschemaVersion: 1\n```');
    expect(page('FOLDER_TOO_DEEP')).toContain('No example is shown. It needs deep folders.');
  });
});

describe('the guides', () => {
  const dir = 'docs/guides';
  const guides = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();

  it('have unique consecutive numbers and front matter with a title and a group', () => {
    const numbers = guides.map((f) => Number(/^(\d+)-/.exec(f)?.[1]));
    expect(numbers).toEqual(numbers.map((_, i) => i));
    for (const f of guides) expect(readFileSync(join(dir, f), 'utf8'), f).toMatch(/^---\ntitle: .+\ngroup: Guides\n(?:[\s\S]*?\n)?---\n/);
  });

  it('link every diagnostic code they name to its page', () => {
    const unlinked: string[] = [];
    let linked = 0;
    for (const f of guides) {
      let fence = false;
      readFileSync(join(dir, f), 'utf8').split('\n').forEach((line, i) => {
        if (/^\s*(```|~~~)/.test(line)) fence = !fence;
        if (fence) return;
        // Links of the form [`CODE`](../generated/diagnostics/CODE.md) are taken out; any code left is unlinked.
        const rest = line.replace(/\[`([A-Z][A-Z0-9_]+)`\]\(\.\.\/generated\/diagnostics\/([A-Z][A-Z0-9_]+)\.md\)/g, (m, a: string, b: string) => {
          if (a === b && a in DIAGNOSTIC_CODES) linked++;
          return a === b ? '' : m;
        });
        for (const m of rest.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g)) if (m[0] in DIAGNOSTIC_CODES) unlinked.push(`${f}:${i + 1} ${m[0]}`);
      });
    }
    expect(unlinked).toEqual([]);
    expect(linked).toBeGreaterThan(10);
  });
});
