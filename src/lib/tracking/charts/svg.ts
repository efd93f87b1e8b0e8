/**
 * Small helpers shared by the server-rendered SVG charts on the performance page.
 * Pure string building: no DOM, no dependencies, and no script in the output.
 *
 * Every chart is a summary beside a data table with the same numbers, so each
 * root <svg> is role="img" with an aria-label (and a matching <title>) stating
 * the key numbers. class="chart" lets the site's CSS restyle charts, for example
 * under forced-colors; nothing here uses CSS inside the SVG.
 */

/** Every chart is drawn in a viewBox this wide and scales with width="100%". */
export const CHART_WIDTH = 640;
/** Text sizes in viewBox units; never below 14. */
export const FONT_SIZE = 16;
export const SMALL_FONT_SIZE = 14;

/** Theme colours as CSS custom properties, with fallbacks. */
export const INK = 'var(--ink, #0f1720)';
export const CHART_COLOURS = ['var(--chart-1, #0b4f8a)', 'var(--chart-2, #0a6e3c)', 'var(--chart-3, #6b3fa0)'] as const;

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Makes text safe inside an element or a double- or single-quoted attribute.
 * Also drops control characters that XML does not allow at all.
 */
export function escapeXml(text: string): string {
  return String(text)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char);
}

const countFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** "1,234". A value that is not a number gives "–" rather than "NaN". */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return countFormat.format(Math.round(value) || 0);
}

/** 0.456 → "46%". A ratio that is not a number gives "–". */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '–';
  return `${formatCount(ratio * 100)}%`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "2026-11-03" → "3 Nov" (or "3 Nov 2026" with the year). Anything else comes back as given. */
export function formatShortDate(iso: string, withYear = false): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  const day = match ? Number(match[3]) : 0;
  if (!match || !month || day < 1 || day > 31) return iso;
  return withYear ? `${day} ${month} ${match[1]}` : `${day} ${month}`;
}

/** A count as drawn: a finite number, 0 or more. Anything else counts as 0. */
export function safeCount(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** A number for an attribute: at most 2 decimals, never NaN, Infinity or -0. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return '0';
  return String(Math.round(value * 100) / 100 || 0);
}

/** Shortens text to at most `max` characters, ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(String(text));
  return chars.length <= max ? chars.join('') : `${chars.slice(0, Math.max(1, max - 1)).join('').trimEnd()}…`;
}

/** Text in the chart: content is escaped here, so pass it raw. */
export function svgText(
  x: number,
  y: number,
  content: string,
  options: { anchor?: 'start' | 'middle' | 'end'; size?: number; bold?: boolean } = {},
): string {
  const anchor = options.anchor && options.anchor !== 'start' ? ` text-anchor="${options.anchor}"` : '';
  const weight = options.bold ? ' font-weight="bold"' : '';
  const size = Math.max(SMALL_FONT_SIZE, options.size ?? FONT_SIZE);
  return `<text x="${num(x)}" y="${num(y)}" font-size="${num(size)}"${anchor}${weight} fill="${INK}">${escapeXml(content)}</text>`;
}

/** The root <svg>: scales to its container, one accessible name stating the numbers. */
export function svgDocument(height: number, label: string, body: string[]): string {
  const name = escapeXml(label.replace(/\s+/g, ' ').trim());
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${CHART_WIDTH} ${num(height)}" width="100%" role="img" aria-label="${name}">`,
    `<title>${name}</title>`,
    ...body,
    '</svg>',
  ].join('\n');
}

/** A chart with nothing to draw: says so in words. */
export function emptyChart(label: string, message = 'No data for this period'): string {
  return svgDocument(64, label, [svgText(CHART_WIDTH / 2, 38, message, { anchor: 'middle' })]);
}
