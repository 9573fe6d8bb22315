import { defineConfig } from 'vitest/config';

/** The sources import YAML files as text (src/yaml-text.d.ts), as the bundles' `text` loader does. */
const yamlText = {
  name: 'yaml-text',
  enforce: 'pre' as const,
  transform(code: string, id: string) {
    if (!id.split('?')[0]!.endsWith('.yaml')) return null;
    return { code: `export default ${JSON.stringify(code)};\n`, map: null };
  },
};

const ALL_TESTS = ['src/**/*.test.ts', 'test/**/*.test.ts'];
/**
 * Tests left out of `npm run test:unit` (the edit-run loop): those that need the build (`dist/`)
 * or a browser, start child processes, or run on large inputs. `npm test` runs them all.
 */
export const SLOW_TESTS = [
  'test/browser/**', // Chromium, and the built site
  'test/fuzz/**', // many generated inputs
  'test/bundled-data.test.ts', // dist/
  'test/docs-snippets.test.ts', // dist/, tsc and a process per snippet
  'test/tsdoc-examples.test.ts', // dist/ and the compiler on every TSDoc example
  'test/hostile-fs.test.ts', // child processes
  'test/locale-output.test.ts', // the CLI in child processes under two locales
  'test/usage-example.test.ts', // a child process
  'test/output-guard.test.ts', // a child process (a command on a named pipe)
  'test/mipex-golden.test.ts', // the official MIPEX workbook
  'test/mipex-mutation.test.ts', // the official MIPEX workbook, once per option score
  'test/outcomes-large.test.ts', // large generated files
  'test/parallel-files.test.ts', // worker threads
  'test/robustness.test.ts', // worker threads, MIPEX 2019 with many samples
  'test/robustness-plan.test.ts', // every MIPEX country-year
  'test/robustness-cli.test.ts', // MIPEX 2019 through the CLI
  'test/robustness-budget.test.ts', // millions of samples, one run in a child process
  'test/worker-pool.test.ts', // worker threads
  'test/verify-published.test.ts', // the whole MIPEX workbook as a published table
  'test/properties.test.ts', // property-based: many generated rubrics and answer sets
  'test/fast-answers.test.ts', // property-based, and every shipped answer set
  'test/tables.test.ts', // export-table and import-table over every shipped answer set
  'test/diagnostic-examples.test.ts', // the CLI once per diagnostic code, over a hundred runs
  'test/hostile-loaders.test.ts', // large hostile inputs: a zip bomb, 130,000 rows, 20,000 keys
  'test/outcomes-cli.test.ts', // the MIPEX answer sets and the outcome panel through the CLI
  'test/cli-conventions.test.ts', // compare over the MIPEX answer sets through the CLI
];

export default defineConfig({
  plugins: [yamlText],
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/helpers/temp-sandbox.ts'],
    // `npm test` runs both projects; `npm run test:unit` only the first.
    projects: [
      { extends: true, test: { name: 'unit', include: ALL_TESTS, exclude: SLOW_TESTS } },
      { extends: true, test: { name: 'slow', include: SLOW_TESTS.map((p) => (p.endsWith('/**') ? `${p}/*.test.ts` : p)) } },
    ],
  },
});
