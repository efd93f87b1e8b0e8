/**
 * Times as residents read them, in the council's own time zone whatever the server's:
 * "9:15am on Thursday 26 November". Also turns phone numbers in a workaround into
 * tel: links, and escapes text for the banner, which is HTML spliced in as pages are served.
 */

/** Riverton keeps UK time; an incident at 00:30 BST is on the day people lived it. */
export const COUNCIL_TIME_ZONE = 'Europe/London';

// Made once: building a formatter costs far more than using one, and pages are served with these times.
const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: COUNCIL_TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true,
});

function parts(iso: string): Record<string, string> {
  return Object.fromEntries(formatter.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
}

/** "9:15am", "6pm", "midday", "midnight" (GOV.UK style). */
export function formatTime(iso: string): string {
  const p = parts(iso);
  const hour = Number(p.hour);
  const period = (p.dayPeriod ?? '').toLowerCase().replace(/\./g, '').replace(/\s/g, '');
  if (p.minute === '00' && hour === 12) return period === 'am' ? 'midnight' : 'midday';
  return `${hour}${p.minute === '00' ? '' : `:${p.minute}`}${period}`;
}

/** "Thursday 26 November 2026" */
export function formatDay(iso: string): string {
  const p = parts(iso);
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** "9:15am on Thursday 26 November 2026" */
export function formatMoment(iso: string): string {
  return `${formatTime(iso)} on ${formatDay(iso)}`;
}

/** "on Saturday 6 December 2026 from 8am to 11am", or across days "from 8pm on Friday … to 6am on Saturday …". */
export function formatPeriod(from: string, to: string): string {
  return formatDay(from) === formatDay(to)
    ? `on ${formatDay(from)} from ${formatTime(from)} to ${formatTime(to)}`
    : `from ${formatMoment(from)} to ${formatMoment(to)}`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/** UK numbers as people write them: 01632 960 000, 0300 123 4567, +44 1632 960000, 0800 111 222. */
const PHONE = /(?:\+44\s?|\b0)\d(?:[ -]?\d){8,9}\b/g;

/** The number in international form for a tel: link: +441632960000. */
export function telHref(written: string): string {
  const digits = written.replace(/[^\d+]/g, '');
  return `tel:${digits.startsWith('+') ? digits : `+44${digits.slice(1)}`}`;
}

/** A run of text as pieces, phone numbers apart, so both HTML and Astro can link them. */
export function splitPhones(text: string): { text: string; tel?: string }[] {
  const pieces: { text: string; tel?: string }[] = [];
  let last = 0;
  for (const match of text.matchAll(PHONE)) {
    if (match.index > last) pieces.push({ text: text.slice(last, match.index) });
    pieces.push({ text: match[0], tel: telHref(match[0]) });
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}

/** Escaped HTML with each phone number a tel: link. */
export function linkPhonesHtml(text: string): string {
  return splitPhones(text).map((piece) => (piece.tel ? `<a href="${piece.tel}">${escapeHtml(piece.text)}</a>` : escapeHtml(piece.text))).join('');
}
