/**
 * Trend chart geometry: one line per series (views, starts, completions) over the
 * days of a period. Lines differ by dash pattern as well as colour, and the legend
 * names each one in words. The x-axis labels the first, middle and last day; the
 * y-axis labels 0 and the top of the scale. Narrow drawings stack the legend.
 */
import { t, type UiKey } from '../../../i18n/t.ts';
import type { DailyTaskStats } from '../../../schemas/events.ts';
import { CHART_COLOURS, emptyDrawing, formatCount, formatShortDate, INK, oneLine, safeCount, SMALL_FONT_SIZE, text, type Drawing, type Shape } from './svg.ts';

type TrendSeries = 'views' | 'starts' | 'completions';

export interface TrendInput {
  /** What the trend is for, e.g. the task title "Pay your council tax". */
  title: string;
  days: DailyTaskStats[];
  /** Which lines to draw, in this order; all three when left out or empty. */
  series?: TrendSeries[];
  /** Incident periods (YYYY-MM-DD, inclusive) to shade behind the lines, so a dip can be read beside its cause. */
  incidents?: TrendIncident[];
}

export interface TrendIncident {
  from: string;
  to: string;
  /** Named in the chart's text alternative: "Paying council tax online was not working". */
  title: string;
}

/** Behind the lines, light enough for every line colour to keep its contrast. */
const INCIDENT_FILL = '#f3d9d6';

const ALL_SERIES: readonly TrendSeries[] = ['views', 'starts', 'completions'];

/** Each series keeps its look whichever others are shown. */
const STYLE: Record<TrendSeries, { name: UiKey; colour: string; dash: string | undefined; marker: 'circle' | 'square' | 'diamond' }> = {
  views: { name: 'charts.trend.views', colour: CHART_COLOURS[0], dash: undefined, marker: 'circle' },
  starts: { name: 'charts.trend.starts', colour: CHART_COLOURS[1], dash: '10 6', marker: 'square' },
  completions: { name: 'charts.trend.completions', colour: CHART_COLOURS[2], dash: '3 5', marker: 'diamond' },
};

const LEGEND_ROW = 24;
const LEGEND_ITEM_WIDTH = 170;
const PLOT_HEIGHT = 196;
const LINE_WIDTH = 3;
/** Under this width the legend items go one under another. */
const STACKED_LEGEND_WIDTH = 560;

function dateRange(first: string, last: string): string {
  if (first === last) return t('charts.trend.onDay', { day: formatShortDate(first, true) });
  const sameYear = first.slice(0, 4) === last.slice(0, 4) && /^\d{4}-\d{2}-\d{2}$/.test(first);
  return t('charts.trend.range', { from: formatShortDate(first, !sameYear), to: formatShortDate(last, true) });
}

/** A marker shape per series, for a period of one day where there is no line to draw. */
function marker(series: TrendSeries, x: number, y: number): Shape {
  const { colour, marker: shape } = STYLE[series];
  if (shape === 'circle') return { kind: 'circle', cx: x, cy: y, r: 6, fill: colour };
  if (shape === 'square') return { kind: 'rect', x: x - 6, y: y - 6, width: 12, height: 12, fill: colour };
  return { kind: 'polygon', points: [[x, y - 8], [x + 8, y], [x, y + 8], [x - 8, y]], fill: colour };
}

export function trendDrawing(input: TrendInput, width: number): Drawing {
  const requested = input.series?.filter((name) => ALL_SERIES.includes(name)) ?? [];
  const series = requested.length > 0 ? [...new Set(requested)] : [...ALL_SERIES];
  const days = [...input.days]
    .map((day) => ({ day: String(day.day), views: safeCount(day.views), starts: safeCount(day.starts), completions: safeCount(day.completions) }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));

  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return emptyDrawing(width, t('charts.trend.empty', { title: input.title }));

  const totals = series.map((name) => `${formatCount(days.reduce((sum, day) => sum + day[name], 0))} ${name}`);
  const lead = series[0] ?? 'views';
  const peak = days.reduce((best, day) => (day[lead] > best[lead] ? day : best), first);
  const peakText = peak[lead] > 0 ? ` ${t('charts.trend.peak', { series: lead, count: formatCount(peak[lead]), day: formatShortDate(peak.day) })}` : '';
  const shown = (input.incidents ?? []).filter((incident) => incident.to >= first.day && incident.from <= last.day);
  const incidentText = shown.length ? ` ${t('charts.trend.incidents', { list: shown.map((incident) => `${incident.title} (${dateRange(incident.from < first.day ? first.day : incident.from, incident.to > last.day ? last.day : incident.to)})`).join('; ') })}` : '';
  const label = `${t('charts.trend.label', { title: input.title, range: dateRange(first.day, last.day), totals: totals.join(', ') })}${peakText}${incidentText}`;

  const stacked = width < STACKED_LEGEND_WIDTH;
  const legendRows = stacked ? series.length : 1;
  const plot = { left: stacked ? 56 : 80, right: width - 20, top: 20 + legendRows * LEGEND_ROW + 16, bottom: 0 };
  plot.bottom = plot.top + PLOT_HEIGHT;
  const xLabelY = plot.bottom + 28;

  const max = Math.max(0, ...days.flatMap((day) => series.map((name) => day[name])));
  const scaleTop = max > 0 ? max : 1;
  const plotWidth = plot.right - plot.left;
  const plotHeight = plot.bottom - plot.top;
  const xAt = (index: number) => (days.length > 1 ? plot.left + (index / (days.length - 1)) * plotWidth : plot.left + plotWidth / 2);
  const yAt = (value: number) => plot.bottom - (value / scaleTop) * plotHeight;

  const legend = series.flatMap((name, index): Shape[] => {
    const x = stacked ? plot.left : plot.left + index * LEGEND_ITEM_WIDTH;
    const y = stacked ? 24 + index * LEGEND_ROW : 24;
    const { colour, dash } = STYLE[name];
    return [
      { kind: 'line', x1: x, y1: y - 5, x2: x + 40, y2: y - 5, stroke: colour, strokeWidth: LINE_WIDTH, dash },
      text(x + 48, y, t(STYLE[name].name)),
    ];
  });

  const axes: Shape[] = [
    { kind: 'line', x1: plot.left, y1: plot.top, x2: plot.right, y2: plot.top, stroke: INK, strokeWidth: 1, opacity: 0.3 },
    { kind: 'line', x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, stroke: INK, strokeWidth: 1 },
    { kind: 'line', x1: plot.left, y1: plot.top, x2: plot.left, y2: plot.bottom, stroke: INK, strokeWidth: 1 },
    text(plot.left - 8, plot.top + 5, formatCount(scaleTop), { anchor: 'end', size: SMALL_FONT_SIZE }),
    text(plot.left - 8, plot.bottom + 5, '0', { anchor: 'end', size: SMALL_FONT_SIZE }),
  ];

  const labelled = [...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])];
  const xLabels = labelled.map((index) => {
    const anchor = days.length === 1 ? 'middle' : index === 0 ? 'start' : index === days.length - 1 ? 'end' : 'middle';
    return text(xAt(index), xLabelY, formatShortDate(days[index]?.day ?? ''), { anchor, size: SMALL_FONT_SIZE });
  });

  const lines = series.map((name): Shape => {
    if (days.length === 1) return marker(name, xAt(0), yAt(first[name]));
    const { colour, dash } = STYLE[name];
    return { kind: 'polyline', series: name, points: days.map((day, index) => [xAt(index), yAt(day[name])]), stroke: colour, strokeWidth: LINE_WIDTH, dash };
  });

  // Each incident shades its days: from half a day before its first to half a day after its last.
  const step = days.length > 1 ? plotWidth / (days.length - 1) : plotWidth;
  const bands = shown.flatMap((incident): Shape[] => {
    const start = days.findIndex((day) => day.day >= incident.from);
    const end = days.findLastIndex((day) => day.day <= incident.to);
    if (start < 0 || end < start) return [];
    const x1 = Math.max(plot.left, xAt(start) - step / 2);
    const x2 = Math.min(plot.right, xAt(end) + step / 2);
    return [{ kind: 'rect', x: x1, y: plot.top, width: Math.max(4, x2 - x1), height: plotHeight, fill: INCIDENT_FILL }];
  });

  return { width, height: xLabelY + 28, label: oneLine(label), shapes: [...legend, ...bands, ...axes, ...xLabels, ...lines] };
}
