/**
 * Satisfaction chart geometry: a vertical bar for each rating from 1 to 5, the
 * count written above each bar, the rating under it, and a caption saying what
 * 1 and 5 mean. The average in the accessible name follows the published-figure
 * rules (withheld below the minimum sample), so it is passed in, not worked out.
 */
import { t } from '../../../i18n/t.ts';
import type { Measure } from '../../../schemas/events.ts';
import { SATISFACTION_LABELS } from '../../../schemas/forms.ts';
import { rating } from '../stats/format.ts';
import { CHART_COLOURS, formatCount, INK, oneLine, safeCount, SMALL_FONT_SIZE, text, type Drawing, type Shape } from './svg.ts';

export interface RatingInput {
  /** What was rated, e.g. the task title "Pay your council tax". */
  title: string;
  /** How many ratings of 1, 2, 3, 4, 5 (index 0 is rating 1). */
  counts: readonly [number, number, number, number, number];
  /** The published average, with its sample. */
  average: Measure;
}

const PAD = 16;
const PLOT = { top: 44, bottom: 224 } as const;
const MAX_BAR_WIDTH = 72;
const RATING_LABEL_Y = PLOT.bottom + 26;
const CAPTION_Y = PLOT.bottom + 60;
const CAPTION_LINE = 20;
/** Under this width the caption takes two lines. */
const ONE_LINE_CAPTION_WIDTH = 480;

function ratingsLabel(input: RatingInput): string {
  const counts = SATISFACTION_LABELS.map((_, index) => safeCount(input.counts[index] ?? 0));
  const total = counts.reduce((sum, count) => sum + count, 0);
  const each = counts.map((count, index) => t('charts.ratings.each', { name: SATISFACTION_LABELS[index] ?? '', rating: index + 1, count: formatCount(count) })).join(', ');
  const average = rating(input.average);
  const summary = total === 0
    ? t('charts.ratings.none')
    : t(total === 1 ? 'charts.ratings.one' : 'charts.ratings.many', { count: formatCount(total) }) +
      (average.state === 'value' ? t('charts.ratings.average', { average: average.text }) : t('charts.ratings.noAverage', { reason: average.text }));
  return oneLine(t('charts.ratings.label', { title: input.title, summary, each }));
}

export function ratingsDrawing(input: RatingInput, width: number): Drawing {
  const counts = SATISFACTION_LABELS.map((_, index) => safeCount(input.counts[index] ?? 0));
  const max = Math.max(...counts);
  const slot = (width - 2 * PAD) / counts.length;
  const barWidth = Math.min(MAX_BAR_WIDTH, slot * 0.7);
  const plotHeight = PLOT.bottom - PLOT.top;
  const bars = counts.flatMap((count, index): Shape[] => {
    const centre = PAD + slot * index + slot / 2;
    const height = max > 0 ? (count / max) * plotHeight : 0;
    const top = PLOT.bottom - height;
    return [
      { kind: 'bar', x: centre - barWidth / 2, y: top, width: barWidth, height, fill: CHART_COLOURS[0] },
      text(centre, top - 8, formatCount(count), { anchor: 'middle', bold: true }),
      text(centre, RATING_LABEL_Y, String(index + 1), { anchor: 'middle' }),
    ];
  });
  const oneLineCaption = width >= ONE_LINE_CAPTION_WIDTH;
  const caption = oneLineCaption
    ? [text(width / 2, CAPTION_Y, `${t('charts.ratings.low')}, ${t('charts.ratings.high')}`, { anchor: 'middle', size: SMALL_FONT_SIZE })]
    : [
        text(width / 2, CAPTION_Y, t('charts.ratings.low'), { anchor: 'middle', size: SMALL_FONT_SIZE }),
        text(width / 2, CAPTION_Y + CAPTION_LINE, t('charts.ratings.high'), { anchor: 'middle', size: SMALL_FONT_SIZE }),
      ];
  return {
    width,
    height: CAPTION_Y + (oneLineCaption ? 16 : 16 + CAPTION_LINE),
    label: ratingsLabel(input),
    shapes: [...bars, { kind: 'line', x1: PAD, y1: PLOT.bottom, x2: width - PAD, y2: PLOT.bottom, stroke: INK, strokeWidth: 1 }, ...caption],
  };
}
