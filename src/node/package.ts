/**
 * Where the installed policy-index package lives, and the rubrics it bundles (Node only).
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/**
 * The folder of the installed policy-index package (it holds `rubrics/`).
 *
 * @example
 * ```ts
 * import { packageRoot } from 'policy-index/node';
 * packageRoot(); // e.g. '/home/me/project/node_modules/policy-index'
 * ```
 */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'policy-index') return (cachedRoot = dir);
      } catch {
        /* keep looking */
      }
    }
    dir = dirname(dir);
  }
  return (cachedRoot = process.cwd());
}

/**
 * The package version.
 *
 * @example
 * ```ts
 * import { packageVersion } from 'policy-index/node';
 * packageVersion(); // e.g. '0.1.0'
 * ```
 */
export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/**
 * The folder of a rubric bundled with the package, e.g. `mipex-2020`, or undefined.
 *
 * @example
 * ```ts
 * import { bundledRubricPath, loadRubricFile } from 'policy-index/node';
 * const rubric = loadRubricFile(bundledRubricPath('mipex-2020')!).value;
 * ```
 */
export function bundledRubricPath(id: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(id)) return undefined;
  const p = join(packageRoot(), 'rubrics', id);
  return existsSync(join(p, 'index.yaml')) ? p : undefined;
}

/**
 * The outcome data bundled with the package (the Eurostat panel in the project's long format).
 *
 * @example
 * ```ts
 * import { bundledOutcomeDataPath } from 'policy-index/node';
 * bundledOutcomeDataPath(); // …/policy-index/examples/outcomes/eurostat-panel.csv
 * ```
 */
export function bundledOutcomeDataPath(): string {
  return join(packageRoot(), 'examples', 'outcomes', 'eurostat-panel.csv');
}
