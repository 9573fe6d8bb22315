import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a command writes. Tests pass buffers; the binary passes the process streams. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Whether stderr is a terminal (progress lines are shown only then, unless forced). */
  isTTY?: boolean;
}

/** A command's outcome: the exit code (0 clean, 1 diagnostics with errors, 2 usage or internal error). */
export type ExitCode = 0 | 1 | 2;

/** Thrown for command-line mistakes; turned into exit code 2 by `main`. */
export class UsageError extends Error {
  constructor(message: string, readonly command?: string) {
    super(message);
  }
}

let cachedRoot: string | undefined;
/** The folder of the installed policy-index package (holds `rubrics/`). */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
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

/** The package version. */
export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** Path of a bundled rubric, e.g. `mipex-2020`. */
export function bundledRubricPath(id: string): string | undefined {
  const p = join(packageRoot(), 'rubrics', id);
  return existsSync(p) ? p : undefined;
}
