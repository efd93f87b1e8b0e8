/**
 * The per-task figures as CSV for analysts. Every cell is quoted, and a cell that
 * a spreadsheet would run as a formula (starting = + - @, tab or carriage return)
 * gets a leading apostrophe, so a hostile query or title can never execute.
 */
import type { PortalStats } from '../../../schemas/events.ts';

export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

export function statsToCsv(stats: PortalStats, titleOf: (slug: string) => string): string {
  const rows: (string | number | null)[][] = [
    ['period_days', 'from', 'to', 'task', 'title', 'views', 'starts', 'completions', 'completion_rate', 'helped_yes', 'helped_no', 'helped_rate', 'ratings', 'average_rating', 'rating_1', 'rating_2', 'rating_3', 'rating_4', 'rating_5'],
    ...stats.tasks.map((task) => [
      stats.period, stats.from, stats.to, task.task, titleOf(task.task), task.views, task.starts, task.completions,
      task.completionRate === null ? null : Number(task.completionRate.toFixed(4)),
      task.feedbackYes, task.feedbackNo,
      task.helpedRate === null ? null : Number(task.helpedRate.toFixed(4)),
      task.ratings,
      task.averageRating === null ? null : Number(task.averageRating.toFixed(2)),
      ...task.ratingCounts,
    ]),
    [],
    ['period_days', 'from', 'to', 'search_query', 'searches', 'zero_results'],
    ...stats.search.topQueries.map((row) => [stats.period, stats.from, stats.to, row.query, row.count, stats.search.topZeroResultQueries.find((zero) => zero.query === row.query)?.count ?? 0]),
    ...stats.search.topZeroResultQueries.filter((zero) => !stats.search.topQueries.some((row) => row.query === zero.query)).map((zero) => [stats.period, stats.from, stats.to, zero.query, zero.count, zero.count]),
  ];
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
