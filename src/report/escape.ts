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

// Named character references that can spell a scheme, a separator or a host in a URL.
const URL_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['colon', ':'], ['sol', '/'], ['bsol', '\\'], ['sol;', '/'], ['tab', '\t'], ['newline', '\n'], ['nbsp', ' '],
  ['period', '.'], ['amp', '&'], ['num', '#'], ['quest', '?'], ['commat', '@'], ['lpar', '('], ['rpar', ')'],
  ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"], ['percnt', '%'], ['equals', '='], ['plus', '+'],
]);

/** Decodes HTML character references and percent-encoding, repeatedly, as a browser or Markdown renderer might. */
function decodeUrlForCheck(url: string): string {
  let s = url;
  for (let i = 0; i < 6; i++) {
    const next = s
      .replace(/&#x([0-9a-f]{1,6});?/gi, (m, hex: string) => {
        const cp = parseInt(hex, 16);
        return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
      })
      .replace(/&#(\d{1,7});?/g, (m, dec: string) => {
        const cp = Number(dec);
        return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
      })
      .replace(/&([a-z]+);?/gi, (m, name: string) => URL_ENTITIES.get(name.toLowerCase()) ?? m)
      .replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === s) break;
    s = next;
  }
  return s;
}

/**
 * A URL that is safe to put into an `href`: only `http:`, `https:` and `mailto:` URLs and
 * plain relative links are kept; anything else gives undefined. The check is made after
 * decoding HTML character references and percent-encoding (so `javascript&colon;alert(1)` and
 * `java%73cript:` are refused), and relative links that a browser would resolve to another
 * host (`//host/x`, `\\host\x`, `/\host/x`) are refused too.
 *
 * @example
 * ```ts
 * import { safeUrl } from 'policy-index';
 * safeUrl('https://example.org/act'); // 'https://example.org/act'
 * safeUrl('javascript:alert(1)');     // undefined
 * safeUrl('javascript&colon;alert(1)'); // undefined
 * safeUrl('\\\\evil.example/x');       // undefined
 * ```
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const trimmed = url.trim();
  // Strip characters browsers ignore inside a scheme before checking it.
  const probe = decodeUrlForCheck(trimmed).replace(/[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/g, '').toLowerCase();
  if (probe === '') return undefined;
  if (/^(https?:|mailto:)/.test(probe)) return trimmed;
  if (/^[a-z][a-z0-9+.-]*:/.test(probe)) return undefined;
  // A relative link: no scheme anywhere before the path, no backslashes, no second leading slash.
  const head = probe.split(/[/?#]/, 1)[0]!;
  if (head.includes(':')) return undefined;
  if (probe.includes('\\')) return undefined;
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
