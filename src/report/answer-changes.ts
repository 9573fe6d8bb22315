/**
 * What changed between two versions of a unit's answers (`diff-answers`), as text, Markdown or
 * HTML: per unit, the answers that changed with their exact effect on the top score, and the
 * evidence and status changes.
 *
 * @module
 */
import type { ChangeReport } from '../analysis/change.js';
import { escapeHtml, escapeMarkdown } from './escape.js';
import { changePageStyle, htmlPage } from './page.js';

/** One field of one question's evidence that differs between the two versions. */
export interface EvidenceChange {
  question: string;
  field: string;
  from: string;
  to: string;
}

/** The two versions of one unit's answers and what changed between them. */
export interface AnswerChangesUnit {
  country: string;
  fromYear: number;
  toYear: number;
  fromFile: string;
  toFile: string;
  change: ChangeReport;
  evidence: EvidenceChange[];
}

/** The formats of {@link renderAnswerChanges}. */
export type AnswerChangesFormat = 'text' | 'md' | 'html';

/**
 * Renders the answer changes of every unit as plain text, Markdown or a self-contained HTML page.
 *
 * @example
 * ```ts
 * import { renderAnswerChanges } from './answer-changes.js';
 * renderAnswerChanges([], 'text'); // '\n'
 * ```
 */
export function renderAnswerChanges(units: readonly AnswerChangesUnit[], format: AnswerChangesFormat): string {
  const html = format === 'html';
  const md = format === 'md';
  const e = html ? escapeHtml : md ? escapeMarkdown : (s: unknown) => String(s);
  const out: string[] = [];
  if (html) out.push('<h1>Answer changes</h1>');
  for (const u of units) {
    const c = u.change;
    const head = `${u.country} ${u.fromYear} → ${u.toYear}: ${c.overall.fromDisplay ?? '—'} → ${c.overall.toDisplay ?? '—'} (${c.overall.deltaDisplay ?? '—'}), ${c.changes.length} answer(s) changed, ${u.evidence.length} evidence change(s)`;
    out.push(html ? `<h2>${e(head)}</h2><p>${e(u.fromFile)} → ${e(u.toFile)}</p><table><tr><th>Question</th><th>From</th><th>To</th><th>Effect (exact)</th></tr>` : md ? `## ${e(head)}\n\n| Question | From | To | Effect (exact) |\n|---|---|---|---:|` : head);
    for (const ch of c.changes) {
      const cells = [`${ch.question} ${ch.title}`, ch.from.label, ch.to.label, ch.contribution ?? '—'];
      out.push(html ? `<tr>${cells.map((x) => `<td>${e(x)}</td>`).join('')}</tr>` : md ? `| ${cells.map(e).join(' | ')} |` : `  ${cells[0]}: ${cells[1]} → ${cells[2]}  ${cells[3]}`);
    }
    if (html) out.push('</table>');
    if (u.evidence.length) {
      out.push(html ? '<h3>Evidence and status</h3><ul>' : md ? '\n**Evidence and status**\n' : '  evidence and status:');
      for (const v of u.evidence) {
        const t = `${v.question} ${v.field}: ${v.from || '(none)'} → ${v.to || '(none)'}`;
        out.push(html ? `<li>${e(t)}</li>` : md ? `- ${e(t)}` : `    ${t}`);
      }
      if (html) out.push('</ul>');
    }
    out.push('');
  }
  if (html) return htmlPage({ title: 'Answer changes', style: changePageStyle(false) }, `${out.join('\n')}\n`);
  return out.join('\n') + '\n';
}
