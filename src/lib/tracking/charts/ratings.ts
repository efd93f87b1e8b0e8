/**
 * Satisfaction ratings chart: a vertical bar for each rating from 1 to 5, the
 * count written above each bar, the rating under it, and a caption saying what
 * 1 and 5 mean.
 */
import { CHART_COLOURS, CHART_WIDTH, formatCount, INK, num, safeCount, SMALL_FONT_SIZE, svgDocument, svgText } from './svg.ts';

export interface RatingInput {
  /** What was rated, e.g. the task title "Pay your council tax". */
  title: string;
  /** How many ratings of 1, 2, 3, 4, 5 (index 0 is rating 1). */
  counts: [number, number, number, number, number];
}

/** The words for each rating, 1 to 5. */
export const RATING_NAMES = ['Very dissatisfied', 'Dissatisfied', 'Neither satisfied nor dissatisfied', 'Satisfied', 'Very satisfied'] as const;

const HEIGHT = 300;
const PAD = 32;
const PLOT = { top: 44, bottom: 224 } as const;
const BAR_WIDTH = 72;
const RATING_LABEL_Y = PLOT.bottom + 26;
const CAPTION_Y = PLOT.bottom + 60;

export function ratingChart(input: RatingInput): string {
  const counts = RATING_NAMES.map((_, index) => safeCount(input.counts[index] ?? 0));
  const total = counts.reduce((sum, count) => sum + count, 0);
  const average = total > 0 ? counts.reduce((sum, count, index) => sum + count * (index + 1), 0) / total : null;

  const each = counts.map((count, index) => `${RATING_NAMES[index]} (${index + 1}): ${formatCount(count)}`).join(', ');
  const summary = total > 0 && average !== null
    ? `${formatCount(total)} ${total === 1 ? 'rating' : 'ratings'}, average ${average.toFixed(1)} out of 5`
    : 'no ratings in this period';
  const label = `Ratings for ${input.title}: ${summary}. ${each}.`;

  const max = Math.max(...counts);
  const slot = (CHART_WIDTH - 2 * PAD) / counts.length;
  const plotHeight = PLOT.bottom - PLOT.top;

  const bars = counts.flatMap((count, index) => {
    const centre = PAD + slot * index + slot / 2;
    const height = max > 0 ? (count / max) * plotHeight : 0;
    const top = PLOT.bottom - height;
    return [
      `<rect class="chart-bar" x="${num(centre - BAR_WIDTH / 2)}" y="${num(top)}" width="${BAR_WIDTH}" height="${num(height)}" fill="${CHART_COLOURS[0]}"/>`,
      svgText(centre, top - 8, formatCount(count), { anchor: 'middle', bold: true }),
      svgText(centre, RATING_LABEL_Y, String(index + 1), { anchor: 'middle' }),
    ];
  });

  return svgDocument(HEIGHT, label, [
    ...bars,
    `<line x1="${PAD}" y1="${PLOT.bottom}" x2="${CHART_WIDTH - PAD}" y2="${PLOT.bottom}" stroke="${INK}" stroke-width="1"/>`,
    svgText(CHART_WIDTH / 2, CAPTION_Y, '1 = very dissatisfied, 5 = very satisfied', { anchor: 'middle', size: SMALL_FONT_SIZE }),
  ]);
}
