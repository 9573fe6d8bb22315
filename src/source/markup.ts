/**
 * Escaping for HTML, SVG and XML output, shared by every renderer.
 *
 * @module
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text for XML, SVG and HTML, in element content and quoted attribute values alike.
 *
 * @example
 * ```ts
 * import { escapeHtml } from 'policy-index';
 * escapeHtml(`<a href="x">'&'</a>`); // '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;'
 * ```
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
