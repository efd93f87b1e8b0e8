/**
 * Trend chart: one line per series (views, starts, completions) over the days
 * of a period. Lines differ by dash pattern as well as colour, and the legend
 * names each one in words. The x-axis labels the first, middle and last day;
 * the y-axis labels 0 and the top of the scale.
 */
import type { DailyTaskStats } from '../../../schemas/events.ts';
import { CHART_COLOURS, CHART_WIDTH, emptyChart, formatCount, formatShortDate, INK, num, safeCount, SMALL_FONT_SIZE, svgDocument, svgText } from './svg.ts';

export type TrendSeries = 'views' | 'starts' | 'completions';

export interface TrendInput {
  /** What the trend is for, e.g. the task title "Pay your council tax". */
  title: string;
  days: DailyTaskStats[];
  /** Which lines to draw, in this order; all three when left out or empty. */
  series?: TrendSeries[];
}

const ALL_SERIES: readonly TrendSeries[] = ['views', 'starts', 'completions'];

/** Each series keeps its look whichever others are shown. */
const STYLE: Record<TrendSeries, { name: string; colour: string; dash: string | null; marker: 'circle' | 'square' | 'diamond' }> = {
  views: { name: 'Views', colour: CHART_COLOURS[0], dash: null, marker: 'circle' },
  starts: { name: 'Starts', colour: CHART_COLOURS[1], dash: '10 6', marker: 'square' },
  completions: { name: 'Completions', colour: CHART_COLOURS[2], dash: '3 5', marker: 'diamond' },
};

const HEIGHT = 312;
const LEGEND_Y = 24;
const LEGEND_ITEM_WIDTH = 170;
const PLOT = { left: 80, right: CHART_WIDTH - 20, top: 60, bottom: 256 } as const;
const X_LABEL_Y = PLOT.bottom + 28;
const LINE_WIDTH = 3;

function dateRange(first: string, last: string): string {
  if (first === last) return `on ${formatShortDate(first, true)}`;
  const sameYear = first.slice(0, 4) === last.slice(0, 4) && /^\d{4}-\d{2}-\d{2}$/.test(first);
  return `${formatShortDate(first, !sameYear)} to ${formatShortDate(last, true)}`;
}

function dashAttribute(series: TrendSeries): string {
  const dash = STYLE[series].dash;
  return dash ? ` stroke-dasharray="${dash}"` : '';
}

/** A marker shape per series, for a period of one day where there is no line to draw. */
function marker(series: TrendSeries, x: number, y: number): string {
  const { colour, marker: shape } = STYLE[series];
  if (shape === 'circle') return `<circle cx="${num(x)}" cy="${num(y)}" r="6" fill="${colour}"/>`;
  if (shape === 'square') return `<rect x="${num(x - 6)}" y="${num(y - 6)}" width="12" height="12" fill="${colour}"/>`;
  return `<polygon points="${num(x)},${num(y - 8)} ${num(x + 8)},${num(y)} ${num(x)},${num(y + 8)} ${num(x - 8)},${num(y)}" fill="${colour}"/>`;
}

export function trendChart(input: TrendInput): string {
  const requested = input.series?.filter((name) => ALL_SERIES.includes(name)) ?? [];
  const series = requested.length > 0 ? [...new Set(requested)] : [...ALL_SERIES];
  const days = [...input.days]
    .map((day) => ({ day: String(day.day), views: safeCount(day.views), starts: safeCount(day.starts), completions: safeCount(day.completions) }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));

  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return emptyChart(`Trend for ${input.title}: no data for this period`);

  const totals = series.map((name) => `${formatCount(days.reduce((sum, day) => sum + day[name], 0))} ${name}`);
  const lead = series[0] ?? 'views';
  const peak = days.reduce((best, day) => (day[lead] > best[lead] ? day : best), first);
  const peakText = peak[lead] > 0 ? ` Most ${lead} in a day: ${formatCount(peak[lead])} on ${formatShortDate(peak.day)}.` : '';
  const label = `Trend for ${input.title}, ${dateRange(first.day, last.day)}: ${totals.join(', ')} in total.${peakText}`;

  const max = Math.max(0, ...days.flatMap((day) => series.map((name) => day[name])));
  const scaleTop = max > 0 ? max : 1;
  const plotWidth = PLOT.right - PLOT.left;
  const plotHeight = PLOT.bottom - PLOT.top;
  const xAt = (index: number) => (days.length > 1 ? PLOT.left + (index / (days.length - 1)) * plotWidth : PLOT.left + plotWidth / 2);
  const yAt = (value: number) => PLOT.bottom - (value / scaleTop) * plotHeight;

  const legend = series.flatMap((name, index) => {
    const x = PLOT.left + index * LEGEND_ITEM_WIDTH;
    const { colour } = STYLE[name];
    return [
      `<line x1="${num(x)}" y1="${LEGEND_Y - 5}" x2="${num(x + 40)}" y2="${LEGEND_Y - 5}" stroke="${colour}" stroke-width="${LINE_WIDTH}"${dashAttribute(name)}/>`,
      svgText(x + 48, LEGEND_Y, STYLE[name].name),
    ];
  });

  const axes = [
    `<line x1="${PLOT.left}" y1="${PLOT.top}" x2="${PLOT.right}" y2="${PLOT.top}" stroke="${INK}" stroke-width="1" stroke-opacity="0.3"/>`,
    `<line x1="${PLOT.left}" y1="${PLOT.bottom}" x2="${PLOT.right}" y2="${PLOT.bottom}" stroke="${INK}" stroke-width="1"/>`,
    `<line x1="${PLOT.left}" y1="${PLOT.top}" x2="${PLOT.left}" y2="${PLOT.bottom}" stroke="${INK}" stroke-width="1"/>`,
    svgText(PLOT.left - 8, PLOT.top + 5, formatCount(scaleTop), { anchor: 'end', size: SMALL_FONT_SIZE }),
    svgText(PLOT.left - 8, PLOT.bottom + 5, '0', { anchor: 'end', size: SMALL_FONT_SIZE }),
  ];

  const labelled = [...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])];
  const xLabels = labelled.map((index) => {
    const anchor = days.length === 1 ? 'middle' : index === 0 ? 'start' : index === days.length - 1 ? 'end' : 'middle';
    return svgText(xAt(index), X_LABEL_Y, formatShortDate(days[index]?.day ?? ''), { anchor, size: SMALL_FONT_SIZE });
  });

  const lines = series.map((name) => {
    if (days.length === 1) return marker(name, xAt(0), yAt(first[name]));
    const points = days.map((day, index) => `${num(xAt(index))},${num(yAt(day[name]))}`).join(' ');
    const { colour } = STYLE[name];
    return `<polyline class="chart-line" data-series="${name}" points="${points}" fill="none" stroke="${colour}" stroke-width="${LINE_WIDTH}" stroke-linejoin="round"${dashAttribute(name)}/>`;
  });

  return svgDocument(HEIGHT, label, [...legend, ...axes, ...xLabels, ...lines]);
}
