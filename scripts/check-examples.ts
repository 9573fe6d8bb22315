// Type-checks every TSDoc `@example` of src/ against the built declarations (dist/*.d.ts), the
// way a user of the package would compile it: `policy-index` and `policy-index/node` resolve to
// dist/index.d.ts and dist/node.d.ts, so an example that imports a name its entry does not export
// fails. An example of an internal helper imports it by a relative path, which is resolved
// beside the file that holds the example.
//
//   npm run build && npx tsx scripts/check-examples.ts
//
// test/tsdoc-examples.test.ts runs the same check.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
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

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const examples = extractExamples();
  const problems = checkExamples(examples);
  for (const p of problems) console.log(`${p.file}:${p.line}: ${p.message}`);
  console.log(`${examples.length} examples, ${problems.length} errors`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
