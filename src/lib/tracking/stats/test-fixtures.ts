/**
 * Hand-made published figures in the store's contract (src/schemas/events.ts),
 * for tests of the dashboard, the CSV and the JSON. Each task shows one case:
 * healthy, needing attention, too small a sample, and data that cannot be right.
 */
import type { Measure, PortalStats, TaskStats } from '../../../schemas/events.ts';

const MIN_SAMPLE = 10;

export const measure = (value: number | null, n: number, minSample = MIN_SAMPLE): Measure =>
  n < minSample ? { value: null, n, tooFew: true } : { value: n === 0 ? null : value, n, tooFew: false };

export function taskStats(task: string, figures: Partial<TaskStats> = {}): TaskStats {
  return {
    task, views: 0, starts: 0, completions: 0, unlinkedFinishes: 0,
    completionRate: measure(null, 0), feedbackYes: 0, feedbackNo: 0, helpedRate: measure(null, 0),
    ratings: 0, averageRating: measure(null, 0), ratingCounts: [0, 0, 0, 0, 0],
    ...figures,
  };
}

const totalsOf = (tasks: TaskStats[]): Omit<TaskStats, 'task'> => {
  const sum = (pick: (task: TaskStats) => number) => tasks.reduce((total, task) => total + pick(task), 0);
  const starts = sum((task) => task.starts);
  const completions = sum((task) => task.completions);
  const yes = sum((task) => task.feedbackYes);
  const no = sum((task) => task.feedbackNo);
  const ratingCounts = [0, 1, 2, 3, 4].map((index) => sum((task) => task.ratingCounts[index] ?? 0)) as TaskStats['ratingCounts'];
  const ratings = ratingCounts.reduce((total, count) => total + count, 0);
  return {
    views: sum((task) => task.views), starts, completions, unlinkedFinishes: sum((task) => task.unlinkedFinishes),
    completionRate: measure(starts ? completions / starts : null, starts),
    feedbackYes: yes, feedbackNo: no, helpedRate: measure(yes + no ? yes / (yes + no) : null, yes + no),
    ratings, averageRating: measure(ratings ? ratingCounts.reduce((total, count, index) => total + count * (index + 1), 0) / ratings : null, ratings),
    ratingCounts,
  };
};

/** Current period: 28 days to 23 November 2026. */
export function portalFixture(): PortalStats {
  const tasks = [
    taskStats('report-a-pothole', {
      views: 400, starts: 50, completions: 40, unlinkedFinishes: 6, completionRate: measure(0.8, 50),
      feedbackYes: 36, feedbackNo: 4, helpedRate: measure(0.9, 40), ratings: 30, averageRating: measure(4.4, 30), ratingCounts: [0, 1, 2, 9, 18],
    }),
    taskStats('pay-your-council-tax', {
      views: 900, starts: 200, completions: 90, unlinkedFinishes: 12, completionRate: measure(0.45, 200),
      feedbackYes: 20, feedbackNo: 30, helpedRate: measure(0.4, 50), ratings: 60, averageRating: measure(3.1, 60), ratingCounts: [10, 10, 15, 15, 10],
    }),
    taskStats('find-your-councillor', {
      views: 30, starts: 3, completions: 2, completionRate: measure(2 / 3, 3),
      feedbackYes: 2, feedbackNo: 1, helpedRate: measure(2 / 3, 3), ratings: 2, averageRating: measure(4.5, 2), ratingCounts: [0, 0, 0, 1, 1],
    }),
    // Cannot be right: more completions than starts. The page must say so, not show 120%.
    taskStats('apply-for-a-blue-badge', {
      views: 80, starts: 20, completions: 24, completionRate: { value: 1.2, n: 20, tooFew: false },
      feedbackYes: 12, feedbackNo: 0, helpedRate: measure(1, 12), ratings: 12, averageRating: { value: 5.5, n: 12, tooFew: false }, ratingCounts: [0, 0, 0, 0, 12],
    }),
  ];
  const previousTasks = [
    taskStats('report-a-pothole', { views: 380, starts: 50, completions: 38, completionRate: measure(0.76, 50), feedbackYes: 30, feedbackNo: 6, helpedRate: measure(30 / 36, 36), ratings: 25, averageRating: measure(4.1, 25), ratingCounts: [0, 1, 3, 12, 9] }),
    taskStats('pay-your-council-tax', { views: 950, starts: 210, completions: 105, completionRate: measure(0.5, 210), feedbackYes: 25, feedbackNo: 25, helpedRate: measure(0.5, 50), ratings: 8, averageRating: measure(3.4, 8), ratingCounts: [1, 1, 2, 2, 2] }),
  ];
  return {
    period: 28, from: '2026-10-27', to: '2026-11-23', minCount: 10, minSample: MIN_SAMPLE,
    totals: totalsOf(tasks), tasks,
    search: {
      searches: 500, zeroResultSearches: 40, zeroResultRate: measure(0.08, 500), clicks: 300, clickThroughRate: measure(0.6, 500), averageClickRank: measure(1.8, 300),
      topQueries: [{ query: 'council tax', count: 120 }, { query: 'pothole', count: 45 }], topZeroResultQueries: [{ query: 'skip hire', count: 12 }],
    },
    previous: { from: '2026-09-29', to: '2026-10-26', totals: totalsOf(previousTasks), tasks: previousTasks },
  };
}

/** Nothing recorded at all. */
export function emptyFixture(): PortalStats {
  const stats = portalFixture();
  const none = totalsOf([]);
  return {
    ...stats, totals: none, tasks: [],
    search: { searches: 0, zeroResultSearches: 0, zeroResultRate: measure(null, 0), clicks: 0, clickThroughRate: measure(null, 0), averageClickRank: measure(null, 0), topQueries: [], topZeroResultQueries: [] },
    previous: { ...stats.previous, totals: none, tasks: [] },
  };
}
