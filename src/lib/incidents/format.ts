/**
 * Times as residents read them, in the council's own time zone whatever the server's:
 * "9:15am on Thursday 26 November". Also escapes text for the banner, which is HTML spliced
 * in as pages are served (phone numbers become links with linkPhonesHtml, phone-numbers.ts).
 */
import escapeHtml from 'escape-html';

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


/** The one HTML escaper (escape-html), for the banner and feed HTML built as strings. */
export { escapeHtml };
