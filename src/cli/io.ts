
/** Where a command writes. Tests pass buffers; the binary passes the process streams. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Whether stderr is a terminal (progress lines are shown only then, unless forced). */
  isTTY?: boolean;
  /** `quiet`: errors only; `verbose`: every diagnostic; set from `--quiet` / `--verbose`. */
  verbosity?: 'quiet' | 'normal' | 'verbose';
}

/** A command's outcome: the exit code (0 clean, 1 diagnostics with errors, 2 usage or internal error). */
export type ExitCode = 0 | 1 | 2;

/** Thrown for command-line mistakes; turned into exit code 2 by `main`. */
export class UsageError extends Error {
  constructor(message: string, readonly command?: string) {
    super(message);
  }
}

export { packageRoot, packageVersion, bundledRubricPath } from '../node/package.js';
