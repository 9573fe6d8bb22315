// The project's guards (`npm run lint`): the one-way import floors between the folders of src/,
// a browser-safe core, code-point ordering of text and explicit named exports. Style is left to
// the authors; these rules only catch what the design forbids.
import tseslint from 'typescript-eslint';

/**
 * The folders of src/ and, for each, the folders it may import from. Imports point one way:
 * text ← diagnostics ← exact ← source ← units ← rubric ← answers ← scoring / tables ← analysis ←
 * editions ← report ← schemas / docs ← node ← cli; `outcomes` stands on diagnostics, source and
 * units only (`units`: the countries, territories, regions and cities an index scores, and peer
 * groups). A folder's own files are always allowed.
 */
const CORE_BASE = ['text', 'diagnostics', 'exact', 'source', 'units'];
const MAY_IMPORT = {
  text: [],
  diagnostics: ['text'],
  exact: ['text', 'diagnostics'],
  source: ['text', 'diagnostics', 'exact'],
  units: ['text', 'diagnostics', 'exact', 'source'],
  rubric: [...CORE_BASE],
  answers: [...CORE_BASE, 'rubric'],
  scoring: [...CORE_BASE, 'rubric', 'answers'],
  tables: [...CORE_BASE, 'rubric', 'answers'],
  outcomes: [...CORE_BASE],
  analysis: [...CORE_BASE, 'rubric', 'answers', 'scoring'],
  editions: [...CORE_BASE, 'rubric', 'answers', 'scoring', 'analysis'],
  report: [...CORE_BASE, 'rubric', 'answers', 'scoring', 'tables', 'outcomes', 'analysis', 'editions'],
  schemas: [...CORE_BASE, 'rubric', 'answers', 'scoring', 'tables', 'outcomes', 'analysis', 'editions', 'report'],
  docs: [...CORE_BASE, 'rubric', 'answers', 'scoring', 'tables', 'outcomes', 'analysis', 'editions', 'report', 'schemas'],
  node: [...CORE_BASE, 'rubric', 'answers', 'scoring', 'tables', 'outcomes', 'analysis', 'editions', 'report', 'schemas'],
  cli: [...CORE_BASE, 'rubric', 'answers', 'scoring', 'tables', 'outcomes', 'analysis', 'editions', 'report', 'schemas', 'node'],
};
const FOLDERS = Object.keys(MAY_IMPORT);
/** The core runs in a browser; only these folders may use Node's modules and globals. */
const NODE_FOLDERS = ['node', 'cli'];

/** A relative import that climbs out of a folder of src/ into one of `folders`. */
const intoFolders = (folders, message) => ({ regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message });

/** What the browser lacks: Node's built-in modules and its globals. */
const browserImports = [{ regex: '^node:', message: 'The core runs in a browser: only src/node and src/cli use Node modules.' }];
const nodeGlobals = ['process', 'Buffer', 'require', '__dirname', '__filename'].map((name) => ({
  name,
  message: 'The core runs in a browser: only src/node and src/cli use Node globals.',
}));

const floorBlocks = FOLDERS.flatMap((folder) => {
  const forbidden = FOLDERS.filter((f) => f !== folder && !MAY_IMPORT[folder].includes(f));
  const floors = forbidden.length === 0 ? [] : [intoFolders(forbidden, `src/${folder} may import only from ${MAY_IMPORT[folder].join(', ') || 'itself'} (the import floors of the design notes).`)];
  if (NODE_FOLDERS.includes(folder)) return [{ files: [`src/${folder}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { patterns: floors }] } }];
  return [
    { files: [`src/${folder}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { patterns: [...floors, ...browserImports] }], 'no-restricted-globals': ['error', ...nodeGlobals] } },
    // Unit tests beside the code run in Node: the floors hold, Node's modules are allowed.
    { files: [`src/${folder}/**/*.test.ts`], rules: { 'no-restricted-imports': ['error', { patterns: floors }], 'no-restricted-globals': 'off' } },
  ];
});

export default tseslint.config(
  {
    ignores: ['**/*', '!src/', '!src/**', '!test/', '!test/**', 'test/fixtures/', '!scripts/', '!scripts/**', '!bench/', '!bench/**', '!docs/', '!docs/playground-src/', '!docs/playground-src/**', '!eslint.config.js'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    // An unused import or variable is dead code (knip finds the unused exports and files).
    rules: { '@typescript-eslint/no-unused-vars': ['error', { args: 'none', ignoreRestSiblings: true, varsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
  // The root entry (src/index.ts) is the browser entry: nothing from node/, cli/ or docs/.
  {
    files: ['src/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\./(node|cli|docs)(/|$)', message: 'The public entry runs in a browser: nothing from src/node, src/cli or src/docs.' }, ...browserImports] }],
      'no-restricted-globals': ['error', ...nodeGlobals],
    },
  },
  ...floorBlocks,
  // The playground runs in the browser and uses only the public entry.
  {
    files: ['docs/playground-src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...browserImports, { regex: '/src/(?!index\\.js$)', message: 'The playground uses only the public entry (src/index.js).' }] }],
      'no-restricted-globals': ['error', ...nodeGlobals],
    },
  },
  // Text is ordered by code points (src/text/order.ts), never by the locale; every export is named.
  {
    files: ['src/**/*.ts', 'docs/playground-src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='localeCompare']", message: 'Order text with byCodePoint (src/text/order.ts): localeCompare depends on the locale.' },
        { selector: 'NewExpression[callee.object.name="Intl"][callee.property.name="Collator"]', message: 'Order text with byCodePoint (src/text/order.ts): a collator depends on the locale.' },
        { selector: 'ExportAllDeclaration', message: 'Export each name explicitly (export { a, b } from …), so the public list is visible and pinned.' },
      ],
    },
  },
);
