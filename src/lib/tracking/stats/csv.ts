/**
 * The published figures as CSV for analysts, in three blocks separated by a blank
 * line: one row per task, the search summary, and the published search terms.
 *
 * Every rate or average takes three columns: the value, its n, and a status:
 * "ok", "too_few" (n below min_sample: the value is left empty) or "check_data"
 * (a value that cannot be right, such as a rate above 1: also left empty).
 *
 * Every cell is quoted, and a cell that a spreadsheet would run as a formula
 * (starting = + - @, tab or carriage return) gets a leading apostrophe, so a
 * hostile query or title can never execute.
 */
import type { Measure, PortalStats } from '../../../schemas/events.ts';
import { figure, RANK, RATE, RATING, type Scale } from './format.ts';

type Cell = string | number | null;

export function csvCell(value: Cell): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

const MEASURE_STATUS = { value: 'ok', tooFew: 'too_few', invalid: 'check_data' } as const;

/** value, n, status: the value only when it can be published. */
export function measureCells(measure: Measure, scale: Scale): [Cell, Cell, Cell] {
  const shown = figure(measure, scale);
  const value = shown.state === 'value' && measure.value !== null ? Number(measure.value.toFixed(scale.kind === 'rate' ? 4 : 2)) : null;
  return [value, shown.n, MEASURE_STATUS[shown.state]];
}

const measureHeaders = (name: string) => [name, `${name}_n`, `${name}_status`];

export function statsToCsv(stats: PortalStats, titleOf: (slug: string) => string): string {
  const range = [stats.period, stats.from, stats.to];
  const rows: Cell[][] = [
    ['period_days', 'from', 'to', 'min_sample', 'task', 'title', 'views', 'starts', 'completions', 'unlinked_finishes', ...measureHeaders('completion_rate'),
      'helped_yes', 'helped_no', ...measureHeaders('helped_rate'), 'ratings', ...measureHeaders('average_rating'), 'rating_1', 'rating_2', 'rating_3', 'rating_4', 'rating_5'],
    ...stats.tasks.map((task) => [
      ...range, stats.minSample, task.task, titleOf(task.task), task.views, task.starts, task.completions, task.unlinkedFinishes,
      ...measureCells(task.completionRate, RATE),
      task.feedbackYes, task.feedbackNo, ...measureCells(task.helpedRate, RATE),
      task.ratings, ...measureCells(task.averageRating, RATING),
      ...task.ratingCounts,
    ]),
    [],
    ['period_days', 'from', 'to', 'min_sample', 'searches', 'zero_result_searches', ...measureHeaders('zero_result_rate'), 'clicks', ...measureHeaders('click_through_rate'), ...measureHeaders('average_click_rank')],
    [
      ...range, stats.minSample, stats.search.searches, stats.search.zeroResultSearches, ...measureCells(stats.search.zeroResultRate, RATE),
      stats.search.clicks, ...measureCells(stats.search.clickThroughRate, RATE), ...measureCells(stats.search.averageClickRank, RANK),
    ],
    [],
    ['period_days', 'from', 'to', 'search_query', 'searches', 'zero_results'],
    ...stats.search.topQueries.map((row) => [...range, row.query, row.count, stats.search.topZeroResultQueries.find((zero) => zero.query === row.query)?.count ?? 0]),
    ...stats.search.topZeroResultQueries.filter((zero) => !stats.search.topQueries.some((row) => row.query === zero.query)).map((zero) => [...range, zero.query, zero.count, zero.count]),
  ];
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
