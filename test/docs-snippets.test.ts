// Every code block in the guides that is marked runnable is checked, so examples cannot rot:
//   ```yaml rubric   — must load as a rubric without errors
//   ```yaml answers  — must load and validate without errors against the last rubric block above it
//   ```ts runnable   — is type-checked and executed (it imports the built package)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUN_SOURCES } from './helpers/run-sources.js';
import { loadAnswerSet, loadRubric, validateAnswerSet, type Rubric } from '../src/index.js';

interface Block {
  file: string;
  line: number;
  kind: 'rubric' | 'answers' | 'runnable';
  code: string;
}

function blocks(): Block[] {
  const dir = 'docs/guides';
  const out: Block[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.md')).sort()) {
    const lines = readFileSync(join(dir, f), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = /^```(yaml rubric|yaml answers|ts runnable)\s*$/.exec(lines[i]!);
      if (!m) continue;
      const start = i + 1;
      let end = start;
      while (end < lines.length && lines[end] !== '```') end++;
      const kind = m[1] === 'yaml rubric' ? 'rubric' : m[1] === 'yaml answers' ? 'answers' : 'runnable';
      out.push({ file: join(dir, f), line: start, kind, code: lines.slice(start, end).join('\n') });
      i = end;
    }
  }
  return out;
}

const all = blocks();

describe('runnable code blocks in the guides', () => {
  it('finds blocks of every kind', () => {
    expect(all.filter((b) => b.kind === 'rubric').length).toBeGreaterThanOrEqual(2);
    expect(all.filter((b) => b.kind === 'answers').length).toBeGreaterThanOrEqual(1);
    expect(all.filter((b) => b.kind === 'runnable').length).toBeGreaterThanOrEqual(1);
  });

  it('every rubric and answers block loads without errors', () => {
    let lastRubric: Rubric | undefined;
    let lastFile = '';
    for (const b of all) {
      if (b.file !== lastFile) {
        lastRubric = undefined;
        lastFile = b.file;
      }
      const where = `${b.file}:${b.line}`;
      if (b.kind === 'rubric') {
        const r = loadRubric(b.code, { file: where });
        expect(r.diagnostics.filter((d) => d.severity === 'error'), where).toEqual([]);
        lastRubric = r.value;
      } else if (b.kind === 'answers') {
        const a = loadAnswerSet(b.code, { file: where });
        expect(a.diagnostics, where).toEqual([]);
        expect(lastRubric, `${where}: an answers block needs a rubric block above it`).toBeDefined();
        expect(validateAnswerSet(lastRubric!, a.value!).filter((d) => d.severity === 'error'), where).toEqual([]);
      }
    }
  });

  it('every ts runnable block type-checks and runs', () => {
    const dir = 'test-artifacts/snippets';
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files: string[] = [];
    all.filter((b) => b.kind === 'runnable').forEach((b, i) => {
      const f = join(dir, `snippet-${i}.ts`);
      writeFileSync(f, `// from ${b.file}:${b.line}\n${b.code}\nexport {};\n`);
      files.push(f);
    });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, include: ['*.ts'] }),
    );
    execFileSync('npx', ['--no-install', 'tsc', '-p', join(dir, 'tsconfig.json')], { stdio: 'pipe' });
    for (const f of files) {
      const out = execFileSync(process.execPath, [...RUN_SOURCES, f], { encoding: 'utf8' });
      expect(out.length, f).toBeGreaterThan(0);
    }
  });
});
