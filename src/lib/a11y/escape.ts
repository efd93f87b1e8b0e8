/**
 * The one way the audit writes text into HTML or XML (the report, JUnit, EARL is JSON) and
 * the one way it reads entities back out of HTML and XML it fetched (links, sitemaps).
 * Both are maintained libraries: escape-html for writing, entities for reading.
 */
import { decodeHTML } from 'entities';
import escapeHtml from 'escape-html';

// Characters XML 1.0 cannot hold at all, even escaped; HTML has no use for them either.
const UNREPRESENTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text made safe for HTML and XML content and attribute values (& < > " ' escaped). */
export function escapeMarkup(text: string): string {
  return escapeHtml(text.replace(UNREPRESENTABLE, ''));
}

/** Text with its character references (&amp;, &#39;, &eacute; …) decoded, as a browser reads an attribute. */
export function decodeEntities(text: string): string {
  return decodeHTML(text);
}
