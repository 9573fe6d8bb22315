// Markdown preprocessing for the documentation site (used by scripts/build-docs.ts).
//
// typedoc highlights a code block without a language as TypeScript, which colours shell
// output, YAML trees and prose as code. Every bare opening fence becomes ```text here, so
// such blocks are shown as plain text. Guides are copied into docs/generated/guides/ with
// that change and with their links into docs/generated/ rewritten for the new place.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Markdown text with every opening fence that names no language marked as `text`. */
export function labelBareFences(markdown: string): string {
  let open: string | undefined;
  return markdown
    .split('\n')
    .map((line) => {
      const m = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(line);
      if (!m) return line;
      const [, indent, fence, rest] = m as unknown as [string, string, string, string];
      if (open === undefined) {
        open = fence;
        return rest.trim() === '' ? `${indent}${fence}text` : line;
      }
      if (fence[0] === open[0] && fence.length >= open.length && rest.trim() === '') open = undefined;
      return line;
    })
    .join('\n');
}

/**
 * Copies the guides (`*.md` of `from`) into `to`, with bare fences labelled and links that
 * pointed from docs/guides/ into docs/generated/ pointing from docs/generated/guides/.
 * Returns the written files, sorted.
 */
export function prepareGuides(from: string, to: string): string[] {
  mkdirSync(to, { recursive: true });
  const written: string[] = [];
  for (const name of readdirSync(from).filter((f) => f.endsWith('.md')).sort()) {
    const text = readFileSync(join(from, name), 'utf8').replace(/\]\(\.\.\/generated\//g, '](../');
    const file = join(to, name);
    writeFileSync(file, labelBareFences(text));
    written.push(file);
  }
  return written;
}
