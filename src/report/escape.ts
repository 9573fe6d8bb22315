/**
 * Escaping for the report renderers. Every piece of text that comes from a rubric or an
 * answer set passes through one of these before it is written into HTML, SVG or Markdown.
 *
 * @module
 */

import { escapeXml as escapeMarkup } from '../source/markup.js';

/**
 * Escapes text for HTML and SVG, in element content and in quoted attribute values alike.
 *
 * @example
 * ```ts
 * import { escapeHtml } from 'policy-index';
 * escapeHtml('"><img onerror=alert(1)>'); // '&quot;&gt;&lt;img onerror=alert(1)&gt;'
 * ```
 */
export function escapeHtml(text: unknown): string {
  return escapeMarkup(String(text ?? ''));
}

/** Same as {@link escapeHtml}; the name says where it is used. */
export const escapeXml = escapeHtml;

/**
 * A URL that is safe to put into an `href`: only `http:`, `https:` and `mailto:` URLs and
 * relative links without a scheme are kept; anything else (e.g. `javascript:`) gives undefined.
 *
 * @example
 * ```ts
 * import { safeUrl } from 'policy-index';
 * safeUrl('https://example.org/act'); // 'https://example.org/act'
 * safeUrl('javascript:alert(1)');     // undefined
 * ```
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const trimmed = url.trim();
  // Strip characters browsers ignore inside a scheme before checking it.
  const probe = trimmed.replace(/[\u0000-\u001f\u007f\s]/g, '').toLowerCase();
  if (/^(https?:|mailto:)/.test(probe)) return trimmed;
  if (/^[a-z][a-z0-9+.-]*:/.test(probe)) return undefined;
  if (probe.startsWith('//')) return undefined;
  return trimmed;
}

/**
 * Escapes text for Markdown (inline text and table cells): characters with Markdown meaning are
 * backslash-escaped, HTML-significant characters become entities, and line breaks become spaces,
 * so a comment can neither start a table row nor inject raw HTML.
 *
 * @example
 * ```ts
 * import { escapeMarkdown } from 'policy-index';
 * escapeMarkdown('a | b <script>'); // 'a \\| b &lt;script&gt;'
 * ```
 */
export function escapeMarkdown(text: unknown): string {
  return String(text ?? '')
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^(\s*)([-+#=>])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(\s|$)/, '$1\\$2$3');
}
