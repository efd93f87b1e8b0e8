/** Dates as people read them, and date arithmetic on YYYY-MM-DD strings. */

// One formatter for the process: toLocaleDateString makes a new one on every call, which
// showed in the build's profile (a date on each of thousands of pages).
const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Dates already formatted: a catalogue's pages share a few hundred dates, and Intl's format is the costly part. */
const formatted = new Map<string, string>();
const FORMATTED_KEPT = 2000;

/** "14 October 2026" */
export function formatDate(iso: string): string {
  let text = formatted.get(iso);
  if (text === undefined) {
    const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
    text = LONG_DATE.format(new Date(Date.UTC(year, month - 1, day)));
    if (formatted.size >= FORMATTED_KEPT) formatted.clear();
    formatted.set(iso, text);
  }
  return text;
}

/** Today's date in UTC as YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Adds whole months, keeping the day where it exists (31 Aug + 6 months = 28 Feb). */
export function addMonths(iso: string, months: number): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Adds whole days (negative to go back). */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
