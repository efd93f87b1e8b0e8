/**
 * Small building blocks shared by every content schema.
 * Messages say what is wrong and how to fix it, because editors read them.
 */
import { z } from 'zod';

/** Lowercase words joined by single hyphens, e.g. `report-a-pothole`. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const slug = z
  .string({ error: expected('a slug (lowercase words joined by hyphens)') })
  .regex(SLUG_PATTERN, 'must be lowercase words joined by hyphens, e.g. "report-a-pothole"');

/**
 * A calendar date written as YYYY-MM-DD.
 * YAML parsers differ: some give a Date, some a string, and some quietly roll
 * "2026-13-01" over into January. We accept both forms but always check the
 * written digits, so an impossible date is an error rather than a surprise.
 */
export const isoDate = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.valueOf()) ? value.toISOString().slice(0, 10) : value),
  z
    .string({ error: expected('a date written as YYYY-MM-DD') })
    .refine(isRealDate, { error: (issue) => dateProblem(String(issue.input)) }),
);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Why a value is not a date, in the words a person would use: "February 2027 has no 30th"
 * says what to fix where "not a date" sends the editor to check the format they got right.
 */
export function dateProblem(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return `"${value}" is not a date (use YYYY-MM-DD)`;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return `"${value}" is not a date: there is no month ${match[2]} (the month comes second and goes from 01 to 12, as in ${match[1]}-03-${match[3]})`;
  if (day < 1) return `"${value}" is not a date: days start at 01`;
  const monthName = MONTHS[month - 1]!;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const leap = month === 2 && day === 29 ? ` (${year} is not a leap year)` : '';
  return `"${value}" is not a date: ${monthName} ${year} has no ${ordinal(day)}${leap}; its last day is ${match[1]}-${match[2]}-${lastDay}`;
}

/** 1st, 2nd, 3rd, 4th, 11th, 21st, 30th */
function ordinal(day: number): string {
  const tens = day % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][day % 10] ?? 'th');
  return `${day}${suffix}`;
}

export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An error message that tells a missing field apart from a wrong one. */
export function expected(what: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'is missing: add this field' : `must be ${what}`);
}

/**
 * A list whose limits are worded the one way editors read everywhere: "needs at least 3 entries: add the words
 * people search with", "can have at most 40 entries". Each limit is its count and the rest of the sentence, so a list
 * can say how to fix it: `list(text(80), 'a list', { min: [3, 'entries: add the words people search with'] })`.
 */
export function list<T extends z.ZodType>(item: T, what: string, limits: { min?: [number, string]; max?: [number, string] }) {
  let schema = z.array(item, { error: expected(what) });
  if (limits.min) schema = schema.min(limits.min[0], `needs at least ${limits.min[0]} ${limits.min[1]}`);
  if (limits.max) schema = schema.max(limits.max[0], `can have at most ${limits.max[0]} ${limits.max[1]}`);
  return schema;
}

/** Trimmed, non-empty text of at most `max` characters. */
export function text(max: number) {
  return z
    .string({ error: expected('text') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters; shorten it`);
}

/**
 * A link target: either a path on this portal ("/demo-service/x") or a full
 * https URL. Plain http is refused: citizens must never be sent off-site unencrypted.
 */
export const linkTarget = z.string({ error: expected('a URL') }).refine(isSafeLinkTarget, {
  message: 'must be an https URL (https://…) or a path on this site starting with "/"',
});

export function isSafeLinkTarget(value: string): boolean {
  if (value.startsWith('/')) return !value.startsWith('//') && !/\s/.test(value);
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** A page on another site, over https: where a signpost sends people. */
export const httpsUrl = z.string({ error: expected('an https URL') }).refine((value) => !value.startsWith('/') && isSafeLinkTarget(value), {
  message: 'must be an https URL of the other body\'s page (https://…)',
});
