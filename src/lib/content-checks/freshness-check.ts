/** Freshness: a page past its review date is an error; one due within 30 days, a warning. */
import type { ContentProblem } from '../content/problem.ts';
import { daysBetween, formatDate } from '../dates.ts';
import type { ContentCheck } from './types.ts';

export const REVIEW_WARNING_DAYS = 30;

export const freshnessCheck: ContentCheck = {
  id: 'freshness',
  description: `reviewBy is not past, and not within ${REVIEW_WARNING_DAYS} days`,
  run({ content, today }) {
    const problems: ContentProblem[] = [];
    for (const task of content.tasks) {
      const lineOf = (field: string) => content.lineOf(task.file, [field]);
      const left = daysBetween(today, task.reviewBy);
      const base = { file: task.file, check: 'freshness' };
      if (left < 0) {
        problems.push({ ...base, line: lineOf('reviewBy'), field: 'reviewBy', severity: 'error', message: `the review date ${formatDate(task.reviewBy)} has passed: check the page is still right, then set lastReviewed to today and reviewBy to a date up to 6 months ahead` });
      } else if (left <= REVIEW_WARNING_DAYS) {
        problems.push({ ...base, line: lineOf('reviewBy'), field: 'reviewBy', severity: 'warning', message: `due for review in ${left} day${left === 1 ? '' : 's'} (${formatDate(task.reviewBy)}): plan the review` });
      }
      if (task.lastReviewed > today) {
        problems.push({ ...base, line: lineOf('lastReviewed'), field: 'lastReviewed', severity: 'warning', message: `${formatDate(task.lastReviewed)} is in the future: use the date the page was last checked` });
      }
    }
    return problems;
  },
};
