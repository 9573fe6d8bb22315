/**
 * The plain HTML page of the command outputs that are not a scorecard (rubric and answer
 * changes, trends, units side by side, uncertainty and sensitivity): one shell, its title
 * escaped, an optional style sheet. (Scorecards and the index have their own page, with a
 * content security policy: `html.ts`.)
 *
 * @module
 */
import { escapeHtml } from './escape.js';

/** Options of {@link htmlPage}. */
export interface HtmlPageOptions {
  /** The page title (plain text; escaped here). */
  title: string;
  /** A style sheet for the page's `<style>` element (none when absent). */
  style?: string;
  /** Break the head into lines (after the doctype, the title and the style sheet). */
  lines?: boolean;
}

/**
 * Wraps ready HTML (`body`, already escaped) into a complete page ending with a line break.
 *
 * @example
 * ```ts
 * import { htmlPage } from './page.js';
 * htmlPage({ title: 'A & B' }, '<p>x</p>'); // '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>A &amp; B</title></head><body><p>x</p></body></html>\n'
 * ```
 */
export function htmlPage(options: HtmlPageOptions, body: string): string {
  const br = options.lines ? '\n' : '';
  const style = options.style !== undefined ? `<style>${options.style}</style>${br}` : '';
  return `<!doctype html>${br}<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(options.title)}</title>${br}${style}</head><body>${body}</body></html>\n`;
}

/** The style of the change listings (rubric and answer changes); `numbers` right-aligns cells of class `n`. */
export function changePageStyle(numbers: boolean): string {
  return `body{font:15px/1.4 system-ui,sans-serif;margin:2rem}td,th{padding:2px 8px;text-align:left}${numbers ? 'td.n{text-align:right;font-variant-numeric:tabular-nums}' : ''}`;
}
