/**
 * What `migrate` did, as text: each file written with the notes on its answers, and how many
 * of them need a person's look.
 *
 * @module
 */
import type { MigrationNote } from '../editions/migrate-document.js';

/** One migrated answer file: where it came from and went, and the notes on its answers. */
export interface MigratedFileReport {
  file: string;
  out?: string;
  changed: boolean;
  notes: MigrationNote[];
}

/** Notes of these kinds are mechanical and need no one's look. */
const MECHANICAL: ReadonlySet<MigrationNote['kind']> = new Set(['renamed', 'options-mapped']);

/**
 * Renders the files written by a migration with their notes, and a closing count.
 *
 * @example
 * ```ts
 * import { renderMigrationReport } from './migration.js';
 * renderMigrationReport([{ file: 'a.yaml', out: 'out/a.yaml', changed: false, notes: [] }]); // "a.yaml → out/a.yaml (unchanged)\n1 file(s) written; 0 item(s) need a person's look.\n"
 * ```
 */
export function renderMigrationReport(files: readonly MigratedFileReport[]): string {
  const out: string[] = [];
  for (const f of files) {
    out.push(`${f.file} → ${f.out}${f.changed ? '' : ' (unchanged)'}\n`);
    for (const n of f.notes) out.push(`  ${n.kind.padEnd(15)} ${n.question}: ${n.message}\n`);
  }
  const look = files.reduce((sum, f) => sum + f.notes.filter((n) => !MECHANICAL.has(n.kind)).length, 0);
  out.push(`${files.length} file(s) written; ${look} item(s) need a person's look.\n`);
  return out.join('');
}
