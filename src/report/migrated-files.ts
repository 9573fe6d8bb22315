/**
 * What `migrate` did, as text: each answer file written for the new edition with the notes on
 * its answers, and how many of them need a person's look.
 *
 * @module
 */

/** A note on one answer of a migrated file (the notes of `migrateAnswerText`). */
export interface MigratedFileNote {
  question: string;
  /** `renamed` and `options-mapped` are mechanical; every other kind needs a person's look. */
  kind: string;
  message: string;
}

/** One migrated answer file: where it came from and went, and the notes on its answers. */
export interface MigratedFileReport {
  file: string;
  out?: string;
  changed: boolean;
  notes: MigratedFileNote[];
}

/** Notes of these kinds are mechanical and need no one's look. */
const MECHANICAL: ReadonlySet<string> = new Set(['renamed', 'options-mapped']);

/**
 * Renders the files written by `migrate` with their notes, and a closing count.
 *
 * @example
 * ```ts
 * import { renderMigratedFiles } from './migrated-files.js';
 * renderMigratedFiles([{ file: 'a.yaml', out: 'out/a.yaml', changed: false, notes: [] }]); // "a.yaml → out/a.yaml (unchanged)\n1 file(s) written; 0 item(s) need a person's look.\n"
 * ```
 */
export function renderMigratedFiles(files: readonly MigratedFileReport[]): string {
  const out: string[] = [];
  for (const f of files) {
    out.push(`${f.file} → ${f.out}${f.changed ? '' : ' (unchanged)'}\n`);
    for (const n of f.notes) out.push(`  ${n.kind.padEnd(15)} ${n.question}: ${n.message}\n`);
  }
  const look = files.reduce((sum, f) => sum + f.notes.filter((n) => !MECHANICAL.has(n.kind)).length, 0);
  out.push(`${files.length} file(s) written; ${look} item(s) need a person's look.\n`);
  return out.join('');
}
