/**
 * What changed between two editions of a rubric (`diff-rubric`), as text, Markdown or HTML:
 * the list of changes and, when answer sets were given, the exact effect on every unit.
 *
 * @module
 */
import type { RubricDiff } from '../editions/rubric-diff.js';
import { escapeHtml, escapeMarkdown } from './escape.js';
import { changePageStyle, htmlPage } from './page.js';

/** The formats of {@link renderRubricDiff}. */
export type RubricDiffFormat = 'text' | 'md' | 'html';

/**
 * Renders a rubric diff (see `diffRubrics`) as plain text, Markdown or a self-contained HTML page.
 *
 * @example
 * ```ts
 * import { renderRubricDiff } from './rubric-diff.js';
 * renderRubricDiff({ old: { id: 'r', version: '1' }, new: { id: 'r', version: '2' }, changes: [] }, 'md'); // '# r@1 → r@2\n\n## Changes\n'
 * ```
 */
export function renderRubricDiff(d: Pick<RubricDiff, 'old' | 'new' | 'changes' | 'impact'>, format: RubricDiffFormat): string {
  const lines: string[] = [];
  const title = `${d.old.id}@${d.old.version} → ${d.new.id}@${d.new.version}`;
  if (format === 'html') {
    const e = escapeHtml;
    const out = [`<h1>${e(title)}</h1>`, '<h2>Changes</h2><ol>'];
    for (const c of d.changes) out.push(`<li><code>${e(c.kind)}</code> ${e(c.summary)}</li>`);
    out.push('</ol>');
    if (d.impact) {
      out.push('<h2>Impact</h2><ol>');
      for (const s of d.impact.steps) out.push(`<li>${e(s.label)}</li>`);
      out.push('</ol><table><tr><th>Unit</th><th>Before</th><th>After</th><th>Change</th><th>Rank</th>');
      for (let i = 0; i < d.impact.steps.length; i++) out.push(`<th>Step ${i + 1}</th>`);
      out.push('</tr>');
      for (const u of d.impact.units) out.push(`<tr><td>${e(u.country)} ${e(u.year)}</td><td class="n">${e(u.before ?? '—')}</td><td class="n">${e(u.after ?? '—')}</td><td class="n">${e(u.total ?? '—')}</td><td class="n">${e(u.rankBefore ?? '—')} → ${e(u.rankAfter ?? '—')}</td>${d.impact.steps.map((_, i) => `<td class="n">${e(u.effects.find((x) => x.step === i)?.delta ?? '—')}</td>`).join('')}</tr>`);
      out.push('</table>');
    }
    return htmlPage({ title, style: changePageStyle(true) }, `\n${out.join('\n')}\n`);
  }
  const md = format === 'md';
  const esc = md ? escapeMarkdown : (s: unknown) => String(s);
  lines.push(md ? `# ${esc(title)}` : title, '');
  lines.push(md ? '## Changes' : `Changes (${d.changes.length}):`);
  for (const c of d.changes) lines.push(md ? `- \`${c.kind}\` ${esc(c.summary)}` : `  ${c.kind.padEnd(22)} ${c.summary}`);
  if (d.impact) {
    lines.push('', md ? '## Impact' : `Impact on ${d.impact.variant} (exact; steps add up to the change):`);
    d.impact.steps.forEach((s, i) => lines.push(md ? `${i + 1}. ${esc(s.label)}` : `  step ${i + 1}: ${s.label}`));
    lines.push('');
    if (md) lines.push(`| Unit | Before | After | Change | Rank | ${d.impact.steps.map((_, i) => `Step ${i + 1}`).join(' | ')} |`, `|---|---:|---:|---:|---|${d.impact.steps.map(() => '---:').join('|')}|`);
    for (const u of d.impact.units) {
      const cells = [`${u.country} ${u.year}`, u.before ?? '—', u.after ?? '—', u.total ?? '—', `${u.rankBefore ?? '—'} → ${u.rankAfter ?? '—'}`, ...d.impact.steps.map((_, i) => u.effects.find((x) => x.step === i)?.delta ?? '—')];
      lines.push(md ? `| ${cells.map(esc).join(' | ')} |` : `  ${cells.join('  ')}${u.exact ? '' : '  (not fully scored)'}`);
    }
  }
  return lines.join('\n') + '\n';
}
