/**
 * Finds the phone numbers in a piece of plain text, so pages can make each one a
 * tel: link with the number as its text. Used for task bodies (linkPhonesInHtml, on the
 * HTML the Markdown becomes) and for front-matter fields (linkPhonesHtml), so a number is
 * recognised the same way wherever an editor writes it.
 *
 * Two shapes count:
 * - a full UK number: 0 then 9 or 10 more digits, in groups split by single spaces or
 *   hyphens ("01632 960 400", "0300 123 5000", "0800-111-999"), or the same with +44;
 * - a short national line (999, 112, 111, 101, 105, 119) where the words around it make
 *   clear it is a number to ring: at the start of the text ("101 (or 999 …)") or after
 *   "call", "ring", "dial", "phone", "on" or "or" ("call the police on 101"). "NHS 111"
 *   or "111.nhs.uk" are names and addresses, not numbers to ring, so they stay text.
 */
import escapeHtml from 'escape-html';

/** A run of text: plain, or a phone number with its tel: address. */
export type PhoneSegment = { text: string; tel?: undefined } | { text: string; tel: string };

const SHORT_LINES = ['999', '112', '111', '101', '105', '119'];

// Groups of digits joined by one space or hyphen; the digit count is checked after matching.
const FULL_NUMBER = /(?<![\w+])(?:\+44[ -]?(?:\(0\)[ -]?)?|0)\d{2,5}(?:[ -]?\d{2,4}){1,3}(?![\w-]|\.\d)/g;
const SHORT_NUMBER = new RegExp(`(?<![\\w.])(?:${SHORT_LINES.join('|')})(?![\\w-]|\\.\\w)`, 'g');
const CUE_BEFORE = /(?:^|\b(?:call|ring|dial|phone|on|or)\s+(?:us\s+)?)$/i;

/** The tel: address for a number as written: "01632 960 400" → "tel:+441632960400", "999" → "tel:999". */
export function telHref(number: string): string {
  const digits = number.replace(/\(0\)/, '').replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return `tel:${digits}`;
  if (digits.startsWith('0') && digits.length >= 10) return `tel:+44${digits.slice(1)}`;
  return `tel:${digits}`;
}

/** Whether a matched full number has the digits a UK number has (10 or 11 with the 0). */
function isFullNumber(match: string): boolean {
  const digits = match.replace(/\(0\)/, '').replace(/\D/g, '');
  const national = match.trimStart().startsWith('+') ? `0${digits.slice(2)}` : digits;
  return national.length === 10 || national.length === 11;
}

interface Found {
  start: number;
  end: number;
}

/** Where the phone numbers are in `text`, in order. */
export function findPhoneNumbers(text: string): Found[] {
  const found: Found[] = [];
  for (const match of text.matchAll(FULL_NUMBER)) {
    if (isFullNumber(match[0])) found.push({ start: match.index, end: match.index + match[0].length });
  }
  for (const match of text.matchAll(SHORT_NUMBER)) {
    const start = match.index;
    const end = start + match[0].length;
    if (found.some((other) => start < other.end && end > other.start)) continue;
    if (CUE_BEFORE.test(text.slice(Math.max(0, start - 20), start))) found.push({ start, end });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Splits text into plain runs and phone numbers; text without a number is one plain run. */
export function phoneSegments(text: string): PhoneSegment[] {
  const segments: PhoneSegment[] = [];
  let at = 0;
  for (const { start, end } of findPhoneNumbers(text)) {
    if (start > at) segments.push({ text: text.slice(at, start) });
    const number = text.slice(start, end);
    segments.push({ text: number, tel: telHref(number) });
    at = end;
  }
  if (at < text.length || segments.length === 0) segments.push({ text: text.slice(at) });
  return segments;
}

/** Whether the whole of `text` is one phone number (for a content field that must hold just a number). */
export function isPhoneNumber(text: string): boolean {
  const trimmed = text.trim();
  if (SHORT_LINES.includes(trimmed)) return true;
  const found = findPhoneNumbers(trimmed);
  return found.length === 1 && found[0]!.start === 0 && found[0]!.end === trimmed.length;
}

/**
 * Text from a task's content as HTML, with every phone number in it as a tel: link, the number itself as the link
 * text, and everything else escaped. Pages put it in with set:html: a component per piece of text cost every task
 * page a dozen component renders (issue 17).
 */
export function linkPhonesHtml(text: string): string {
  return linkedHtml(text, escapeHtml, ' class="tel-link"');
}

/** `text` as HTML by `asHtml`, each phone number in it a tel: link with `attributes`. */
function linkedHtml(text: string, asHtml: (text: string) => string, attributes = ''): string {
  return phoneSegments(text).map((piece) => (piece.tel ? `<a href="${escapeHtml(piece.tel)}"${attributes}>${asHtml(piece.text)}</a>` : asHtml(piece.text))).join('');
}

/** Elements whose text must stay as written: a link inside them would be wrong or invalid. */
const KEEP_AS_TEXT = new Set(['a', 'code', 'pre', 'script', 'style', 'textarea', 'button']);
/** A start or end tag (its name in group 2, a slash in group 1 for an end tag), or a comment. */
const TAG_OR_COMMENT = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g;

/**
 * The HTML a task's Markdown became, with every phone number in its text as a tel: link, the number as the link text.
 * Text inside a link, code, a button or a script stays as it is. It works on the HTML as made from Markdown by Astro's
 * Markdown processor (tags, quoted attributes, comments, escaped text), one pass over the string: a Markdown plugin
 * that did the same on the HTML tree made rendering the task bodies 3 to 4 times slower (issue 17).
 */
export function linkPhonesInHtml(html: string): string {
  let out = '';
  let at = 0;
  let kept = 0;
  // The text between tags is HTML already: it goes in as it is.
  const text = (run: string) => (kept > 0 || !/\d/.test(run) ? run : linkedHtml(run, (html) => html));
  for (const match of html.matchAll(TAG_OR_COMMENT)) {
    out += text(html.slice(at, match.index)) + match[0];
    at = match.index + match[0].length;
    const name = match[2]?.toLowerCase();
    if (name && KEEP_AS_TEXT.has(name) && !match[0].endsWith('/>')) kept = Math.max(0, kept + (match[1] ? -1 : 1));
  }
  return out + text(html.slice(at));
}
