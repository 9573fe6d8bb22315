import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../src/diagnostics/codes.js';
import { loadRubric } from '../src/rubric/load.js';
import { loadAnswerSet } from '../src/answers/load.js';
import { ROOT } from './engine-helpers.js';

const codes = Object.entries(DIAGNOSTIC_CODES) as [DiagnosticCode, (typeof DIAGNOSTIC_CODES)[DiagnosticCode]][];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const full = join(dir, e);
    if (statSync(full).isDirectory()) sourceFiles(full, out);
    else if (/\.ts$/.test(e) && !/\.test\.ts$/.test(e)) out.push(full);
  }
  return out;
}

describe('the diagnostic code table', () => {
  it('every code is SCREAMING_SNAKE with a one-sentence summary and a fix', () => {
    for (const [code, info] of codes) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/);
      expect(['error', 'warning', 'info'], code).toContain(info.severity);
      expect(info.summary.trim().length, code).toBeGreaterThan(10);
      expect(info.fix.trim().length, code).toBeGreaterThan(5);
      expect(info.summary, code).toMatch(/[.!?]$/);
      expect(info.fix, code).toMatch(/[.!?`)]$/);
      expect(info.summary, code).not.toMatch(/\n/);
    }
  });

  it('every code used in src/ is in the table', () => {
    const known = new Set<string>(codes.map(([c]) => c));
    const unknown: string[] = [];
    const prefixes = new Set(codes.map(([c]) => c.split('_')[0]!));
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8');
      const rel = relative(ROOT, file).split('\\').join('/');
      // `code: 'X'` anywhere, and quoted SCREAMING_SNAKE literals that start like a known code.
      for (const m of text.matchAll(/\bcode:\s*'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)) if (!known.has(m[1]!)) unknown.push(`${rel}: ${m[1]}`);
      for (const m of text.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)) {
        if (prefixes.has(m[1]!.split('_')[0]!) && !known.has(m[1]!)) unknown.push(`${rel}: ${m[1]}`);
      }
    }
    expect([...new Set(unknown)]).toEqual([]);
  });

  it('a retired code names the code reported instead, and nothing in src/ reports it', () => {
    const retired = codes.filter(([, info]) => info.replacedBy !== undefined);
    expect(retired.map(([c]) => c)).toContain('CLI_WOULD_OVERWRITE_INPUT');
    const text = sourceFiles(join(ROOT, 'src')).map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const [code, info] of retired) {
      const next = DIAGNOSTIC_CODES[info.replacedBy as DiagnosticCode];
      expect(next, code).toBeDefined();
      expect(next.replacedBy, code).toBeUndefined();
      expect(text.match(new RegExp(`\\bcode:\\s*'${code}'|'${code}'`, 'g')) ?? [], code).toEqual([]);
    }
  });

  it('library code (src/ outside src/cli) reports no CLI_* code', () => {
    const found: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const rel = relative(ROOT, file).split('\\').join('/');
      if (rel.startsWith('src/cli/') || rel === 'src/diagnostics/codes.ts') continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/'(CLI_[A-Z0-9_]+)'/g)) found.push(`${rel}: ${m[1]}`);
    }
    expect(found).toEqual([]);
  });

  describe('each example produces its code', () => {
    for (const [code, info] of codes) {
      if (!info.example || !['yaml', 'rubric', 'answers'].includes(info.area)) continue;
      it(code, () => {
        const r = info.area === 'answers' ? loadAnswerSet(info.example!, { file: 'example.yaml' }) : loadRubric(info.example!, { file: 'example.yaml' });
        expect(r.diagnostics.map((d) => d.code)).toContain(code);
        const hit = r.diagnostics.find((d) => d.code === code)!;
        expect(hit.severity).toBe(info.severity);
        expect(hit.line).toBeGreaterThanOrEqual(1);
      });
    }
  });
});
