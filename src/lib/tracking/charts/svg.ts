/**
 * Shared pieces of the dashboard's charts: the shapes a chart is drawn from,
 * the widths it is drawn at, and number helpers. Pure data: the Astro component
 * src/components/charts/ChartSvg.astro turns a drawing into SVG, and Astro
 * escapes every text and attribute on the way, so nothing here builds markup.
 *
 * Every chart is drawn twice, narrow and wide, and CSS shows one: in a 320 px
 * screen the narrow drawing is about 288 px across, so its smallest text
 * (SMALL_FONT_SIZE units in a NARROW_WIDTH viewBox) still renders at 12.6 px.
 */
import { t } from '../../../i18n/t.ts';

/** Drawn for screens under 40em; CSS keeps it between 288 and 384 px wide. */
export const NARROW_WIDTH = 320;
/** Drawn for 40em and wider; CSS keeps it between 576 and 640 px wide. */
export const WIDE_WIDTH = 640;
export const CHART_WIDTHS = [NARROW_WIDTH, WIDE_WIDTH] as const;

/** Text sizes in viewBox units; never below 14. */
const FONT_SIZE = 16;
export const SMALL_FONT_SIZE = 14;

/** Theme colours as CSS custom properties, with fallbacks. */
export const INK = 'var(--ink, #0f1720)';
export const CHART_COLOURS = ['var(--chart-1, #0b4f8a)', 'var(--chart-2, #0a6e3c)', 'var(--chart-3, #6b3fa0)'] as const;

export type Anchor = 'start' | 'middle' | 'end';

/** One thing drawn in a chart. Coordinates are viewBox units. */
export type Shape =
  | { kind: 'text'; x: number; y: number; text: string; size: number; anchor?: Anchor; bold?: boolean }
  | { kind: 'bar'; x: number; y: number; width: number; height: number; fill: string }
  | { kind: 'rect'; x: number; y: number; width: number; height: number; fill: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; strokeWidth: number; dash?: string; opacity?: number }
  | { kind: 'polyline'; points: [number, number][]; stroke: string; strokeWidth: number; dash?: string; series: string }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string }
  | { kind: 'polygon'; points: [number, number][]; fill: string };

/** A whole chart: its size, its accessible name (stating the numbers) and its shapes. */
export interface Drawing {
  width: number;
  height: number;
  label: string;
  shapes: Shape[];
}

/** Text, never smaller than SMALL_FONT_SIZE. */
export function text(x: number, y: number, content: string, options: { anchor?: Anchor; size?: number; bold?: boolean } = {}): Shape {
  return { kind: 'text', x, y, text: content, size: Math.max(SMALL_FONT_SIZE, options.size ?? FONT_SIZE), anchor: options.anchor, bold: options.bold };
}

/** A chart with nothing to draw: says so in words. */
export function emptyDrawing(width: number, label: string): Drawing {
  return { width, height: 64, label, shapes: [text(width / 2, 38, t('charts.noData'), { anchor: 'middle' })] };
}

const countFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** "1,234". A value that is not a number gives "–" rather than "NaN". */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return countFormat.format(Math.round(value) || 0);
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
export function truncate(content: string, max: number): string {
  const chars = Array.from(String(content));
  return chars.length <= max ? chars.join('') : `${chars.slice(0, Math.max(1, max - 1)).join('').trimEnd()}…`;
}

/** About how many characters of text of this size fit across a width (a generous average glyph). */
export function charsThatFit(width: number, size = FONT_SIZE): number {
  return Math.max(8, Math.floor(width / (size * 0.6)));
}

/** One line of words, with runs of white space (including new lines) made single spaces. */
export function oneLine(words: string): string {
  return words.replace(/\s+/g, ' ').trim();
}
