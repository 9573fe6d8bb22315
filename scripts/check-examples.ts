// Type-checks every TSDoc `@example` of src/ against the built declarations (dist/*.d.ts), the
// way a user of the package would compile it: `policy-index` and `policy-index/node` resolve to
// dist/index.d.ts and dist/node.d.ts, so an example that imports a name its entry does not export
// fails. An example of an internal helper imports it by a relative path, which is resolved
// beside the file that holds the example.
//
// Then it runs the examples that state a result in a comment (`f(x); // 'y'`, a plain literal)
// and need nothing from outside (no `declare`d values, no files written), in the repository's
// folder, and reports each stated result the code does not give. An object states some of the
// keys of the result; an array states all of its elements.
//
//   npm run build && npx tsx scripts/check-examples.ts
//
// test/tsdoc-examples.test.ts runs the same check.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** One fenced code block of an `@example` tag. */
export interface TsdocExample {
  /** Path of the source file, relative to the repository, with `/` separators. */
  file: string;
  /** 1-based line of the block's first code line in that file. */
  line: number;
  code: string;
}

/** A compiler error in an example, at its place in the source file. */
export interface ExampleProblem {
  file: string;
  line: number;
  message: string;
}

/** Every `.ts` file under `dir` except tests, sorted. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

/** The `@example` code blocks of one file's TSDoc comments (fenced with ```ts, ```typescript or bare ```). */
export function examplesOf(text: string, file: string): TsdocExample[] {
  const out: TsdocExample[] = [];
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const startLine = text.slice(0, comment.index).split('\n').length;
    const lines = comment[0].split('\n').map((l) => l.replace(/^\s*\/?\*\*?\/?\s?/, '').replace(/\s*\*\/$/, ''));
    let inExample = false;
    let block: string[] | undefined;
    let blockLine = 0;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (block) {
        if (/^```\s*$/.test(l)) {
          out.push({ file, line: blockLine, code: block.join('\n') });
          block = undefined;
        } else block.push(l);
        continue;
      }
      if (/^@example\b/.test(l)) inExample = true;
      else if (/^@\w+/.test(l)) inExample = false;
      else if (inExample && /^```(ts|typescript)?\s*$/.test(l)) {
        block = [];
        blockLine = startLine + i + 1;
      }
    }
  }
  return out;
}

/** Every `@example` block under src/. */
export function extractExamples(root = REPO): TsdocExample[] {
  return sourceFiles(join(root, 'src')).flatMap((full) => examplesOf(readFileSync(full, 'utf8'), relative(root, full).split(sep).join('/')));
}

/**
 * Compiles each example as a module of its own against `dist/` (strict, as the project compiles).
 * Returns the errors, each at its line in the source file.
 */
export function checkExamples(examples: readonly TsdocExample[], root = REPO): ExampleProblem[] {
  const dir = mkdtempSync(join(tmpdir(), 'pi-examples-'));
  try {
    const names = examples.map((ex, i) => {
      const name = join(dir, `example-${i}.ts`);
      // Relative imports name the internal module beside the example's file.
      const code = ex.code.replace(/(from\s+|import\s*\(\s*)(['"])(\.{1,2}\/[^'"]+)\2/g, (_, pre: string, q: string, spec: string) => `${pre}${q}${resolve(root, dirname(ex.file), spec)}${q}`);
      // `export {}` makes every example a module: its names are its own, and top-level await works.
      writeFileSync(name, `${code}\nexport {};\n`);
      return name;
    });
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      strict: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      skipLibCheck: true,
      allowImportingTsExtensions: true,
      resolveJsonModule: true,
      types: ['node'],
      typeRoots: [join(root, 'node_modules/@types')],
      baseUrl: root,
      paths: { 'policy-index': [join(root, 'dist/index.d.ts')], 'policy-index/node': [join(root, 'dist/node.d.ts')] },
    };
    const program = ts.createProgram(names, options);
    const problems: ExampleProblem[] = [];
    names.forEach((name, i) => {
      const source = program.getSourceFile(name)!;
      for (const d of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
        const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
        const ex = examples[i]!;
        problems.push({ file: ex.file, line: ex.line + at, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') });
      }
    });
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A result an example states in a comment (`expr; // 'x'`) that running it does not give. */
export interface ExampleMismatch {
  file: string;
  line: number;
  /** What the comment states, as written. */
  stated: string;
  /** What the expression gave (JSON), or the error the example threw. */
  actual: string;
}

/** The stated value of a trailing comment, when the comment is a plain literal (else undefined). */
function statedValue(comment: string): { text: string } | undefined {
  const text = comment.replace(/^→\s*/, '').trim();
  if (text === '' || /…|\.\.\./.test(text)) return undefined;
  try {
    new Function(`"use strict"; return (${text});`)();
    return { text };
  } catch {
    return undefined;
  }
}

/**
 * Rewrites an example so that every top-level expression statement followed by a literal in a
 * comment (`f(x); // 'y'`, `f(x); // → 'y'`) reports its value. Returns undefined when the
 * example states no result.
 */
export function instrumentExample(ex: TsdocExample, id: number): string | undefined {
  const source = ts.createSourceFile('example.ts', ex.code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const st of source.statements) {
    if (!ts.isExpressionStatement(st)) continue;
    const lineEnd = ex.code.indexOf('\n', st.end);
    const rest = ex.code.slice(st.end, lineEnd < 0 ? undefined : lineEnd);
    const m = /^\s*\/\/(.*)$/.exec(rest);
    const stated = m ? statedValue(m[1]!) : undefined;
    if (!stated) continue;
    const line = ex.line + source.getLineAndCharacterOfPosition(st.end).line;
    const expr = st.expression.getText(source);
    edits.push({ start: st.getStart(source), end: st.end, text: `__exampleCheck(${id}, ${line}, ${JSON.stringify(stated.text)}, (${expr}), (${stated.text}));` });
  }
  if (edits.length === 0) return undefined;
  let code = ex.code;
  for (const e of edits.reverse()) code = code.slice(0, e.start) + e.text + code.slice(e.end);
  return code;
}

/** Does `actual` show what `stated` says? Arrays match element by element; an object states some of the keys. */
function matches(actual: unknown, stated: unknown): boolean {
  if (Array.isArray(stated)) return Array.isArray(actual) && actual.length === stated.length && stated.every((s, i) => matches(actual[i], s));
  if (stated !== null && typeof stated === 'object') {
    return actual !== null && typeof actual === 'object' && Object.entries(stated).every(([k, v]) => matches((actual as Record<string, unknown>)[k], v));
  }
  return Object.is(actual, stated);
}

/**
 * Runs the examples that state results and need nothing from outside (no `declare`d values, no
 * files written), with the repository as the working folder, and returns every stated result
 * the code does not give. Returns how many examples and statements were checked.
 */
export async function runExamples(examples: readonly TsdocExample[], root = REPO): Promise<{ examples: number; statements: number; mismatches: ExampleMismatch[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'pi-run-examples-'));
  const results = new Map<number, { file: string; statements: number }>();
  const mismatches: ExampleMismatch[] = [];
  let statements = 0;
  const g = globalThis as { __exampleCheck?: unknown };
  g.__exampleCheck = (id: number, line: number, text: string, actual: unknown, stated: unknown) => {
    statements++;
    if (!matches(actual, stated)) mismatches.push({ file: results.get(id)!.file, line, stated: text, actual: JSON.stringify(actual) ?? String(actual) });
  };
  const entries: Record<string, string> = { 'policy-index': join(root, 'dist/index.js'), 'policy-index/node': join(root, 'dist/node.js') };
  const cwd = process.cwd();
  const { log, error, warn } = console;
  try {
    // Examples name the repository's files (rubrics/, data/) relative to it.
    if (resolve(cwd) !== resolve(root)) process.chdir(root);
    for (const [id, ex] of examples.entries()) {
      if (/\bdeclare\b/.test(ex.code) || /\bwrite\w*\(|mkdir|rmSync|unlink/.test(ex.code)) continue;
      const code = instrumentExample(ex, id);
      if (code === undefined) continue;
      const resolved = code.replace(/(from\s+|import\s*\(\s*)(['"])([^'"]+)\2/g, (all, pre: string, q: string, spec: string) => {
        if (entries[spec]) return `${pre}${q}${pathToFileURL(entries[spec]).href}${q}`;
        if (spec.startsWith('.')) return `${pre}${q}${pathToFileURL(resolve(root, dirname(ex.file), spec.replace(/\.js$/, '.ts'))).href}${q}`;
        return all;
      });
      const file = join(dir, `example-${id}.mts`);
      writeFileSync(file, `${resolved}\nexport {};\n`);
      results.set(id, { file: ex.file, statements: 0 });
      console.log = console.error = console.warn = () => {};
      try {
        await import(pathToFileURL(file).href);
      } catch (e) {
        mismatches.push({ file: ex.file, line: ex.line, stated: '(the example runs)', actual: `throws ${e instanceof Error ? e.message : String(e)}` });
      } finally {
        Object.assign(console, { log, error, warn });
      }
    }
  } finally {
    if (process.cwd() !== cwd) process.chdir(cwd);
    delete g.__exampleCheck;
    rmSync(dir, { recursive: true, force: true });
  }
  return { examples: results.size, statements, mismatches };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const examples = extractExamples();
  const problems = checkExamples(examples);
  for (const p of problems) console.log(`${p.file}:${p.line}: ${p.message}`);
  console.log(`${examples.length} examples, ${problems.length} errors`);
  const run = await runExamples(examples);
  for (const m of run.mismatches) console.log(`${m.file}:${m.line}: states ${m.stated}, gives ${m.actual}`);
  console.log(`${run.examples} examples run, ${run.statements} stated results checked, ${run.mismatches.length} wrong`);
  process.exitCode = problems.length === 0 && run.mismatches.length === 0 ? 0 : 1;
}
