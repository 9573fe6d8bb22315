/**
 * The progress of a long run over many files, on a terminal: one line on standard error,
 * rewritten in place (carriage return, erase to the end of the line), at most five times a
 * second and not before the run has gone on for a moment, so that short runs show nothing.
 * When standard error is not a terminal nothing is written at all: logs and pipes stay clean.
 *
 * @module
 */

/** A progress line (see the module notes). */
export interface ProgressLine {
  /** Counts `files` more files done. */
  add(files: number): void;
  /** Erases the line (when one was shown). */
  end(): void;
}

/**
 * A progress line of `total` files, written with `write` only when `show` (standard error is
 * a terminal).
 *
 * @example
 * ```ts
 * import { progressLine } from './progress-line.js';
 * const p = progressLine((t) => process.stderr.write(t), Boolean(process.stderr.isTTY), 'validate', 10_000);
 * p.add(100); // later: "validate: 100 of 10000 files (1%)"
 * p.end();
 * ```
 */
export function progressLine(write: (text: string) => void, show: boolean, label: string, total: number): ProgressLine {
  let done = 0;
  let last = Date.now();
  let shown = false;
  return {
    add(files) {
      done += files;
      if (!show || done >= total) return;
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      shown = true;
      write(`\r${label}: ${done} of ${total} files (${Math.floor((100 * done) / Math.max(1, total))}%)\x1b[K`);
    },
    end() {
      if (shown) write('\r\x1b[K');
      shown = false;
    },
  };
}
