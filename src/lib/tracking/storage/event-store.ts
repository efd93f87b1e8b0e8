/**
 * The storage logic both databases share: event rows, group commit, and the
 * aggregate queries behind the dashboard. Adapters supply only a SqlDriver.
 */
import type { DailyTaskStats, PortalStats, StoredEvent, TaskStats } from '../../../schemas/events.ts';
import { addDays } from '../../dates.ts';
import * as SQL from './sql.ts';
import { StorageUnavailableError, type EventStore, type QueryOutcome, type SqlDriver, type StatsOptions, type StoredComment } from './types.ts';

const TOP_QUERY_LIMIT = 20;

/** How search queries are grouped: case, spacing and surrounding punctuation do not split a query. */
export function queryKey(query: string): string {
  return query.toLowerCase().replace(/\s+/g, ' ').replace(/^[\s"'“”‘’.,!?]+|[\s"'“”‘’.,!?]+$/g, '').slice(0, 100);
}

function rowOf(event: StoredEvent): unknown[] {
  const get = <K extends string>(key: K) => (key in event ? (event as Record<string, unknown>)[key] : undefined);
  const query = get('query') as string | undefined;
  const useful = get('useful') as boolean | undefined;
  return [
    event.id,
    event.type,
    (get('task') as string | undefined) ?? null,
    event.day,
    query ?? null,
    query === undefined ? null : queryKey(query) || null,
    (get('results') as number | undefined) ?? null,
    (get('rank') as number | undefined) ?? null,
    useful === undefined ? null : useful ? 1 : 0,
    (get('rating') as number | undefined) ?? null,
    (get('comment') as string | undefined) || null,
  ];
}

interface Pending {
  events: readonly StoredEvent[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

const n = (value: unknown) => Number(value ?? 0);
const ratio = (part: number, whole: number) => (whole ? part / whole : null);

function taskStats(task: string, row: Record<string, unknown>): TaskStats {
  const ratingCounts = [n(row.r1), n(row.r2), n(row.r3), n(row.r4), n(row.r5)] as TaskStats['ratingCounts'];
  const ratings = ratingCounts.reduce((sum, value) => sum + value, 0);
  const ratingSum = ratingCounts.reduce((sum, value, index) => sum + value * (index + 1), 0);
  const starts = n(row.starts);
  const completions = n(row.completions);
  const yes = n(row.yes);
  const no = n(row.no);
  return {
    task,
    views: n(row.views),
    starts,
    completions,
    completionRate: ratio(completions, starts),
    feedbackYes: yes,
    feedbackNo: no,
    helpedRate: ratio(yes, yes + no),
    ratings,
    averageRating: ratings ? ratingSum / ratings : null,
    ratingCounts,
  };
}

export function createEventStore(driver: SqlDriver): EventStore {
  // Group commit: requests that arrive while a transaction is being written wait and
  // share the next one, so many small requests cost one commit, and none is
  // acknowledged before the transaction holding it has committed.
  let queue: Pending[] = [];
  let writing = false;

  async function flush() {
    writing = true;
    while (queue.length) {
      const batch = queue;
      queue = [];
      const rows = (pending: Pending) => pending.events.map((event) => ({ sql: SQL.INSERT_EVENT, params: rowOf(event) }));
      try {
        await driver.transaction(batch.flatMap(rows));
        batch.forEach((pending) => pending.resolve());
      } catch (error) {
        // One request's bad event must not fail the others': unless the database itself is unavailable, retry each request alone.
        if (batch.length === 1 || error instanceof StorageUnavailableError) batch.forEach((pending) => pending.reject(error));
        else for (const pending of batch) await driver.transaction(rows(pending)).then(() => pending.resolve(), pending.reject);
      }
    }
    writing = false;
  }

  return {
    kind: driver.kind,

    insert(events) {
      if (!events.length) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push({ events, resolve, reject });
        // Let the other requests of this turn of the event loop join the same transaction.
        if (!writing) {
          writing = true;
          setImmediate(() => void flush());
        }
      });
    },

    async addComment(id, task, comment) {
      const [changed] = await driver.transaction([{ sql: SQL.ADD_COMMENT, params: [comment, id, task] }]);
      return (changed ?? 0) > 0;
    },

    async stats({ period, today, minCount }: StatsOptions): Promise<PortalStats> {
      const from = addDays(today, -(period - 1));
      const range = [from, today];
      const [taskRows, [searchRow], topQueries, topZero] = await Promise.all([
        driver.all(SQL.TASK_STATS, range),
        driver.all(SQL.SEARCH_TOTALS, range),
        driver.all(SQL.TOP_QUERIES, [...range, minCount, TOP_QUERY_LIMIT]),
        driver.all(SQL.TOP_ZERO_RESULT_QUERIES, [...range, minCount, TOP_QUERY_LIMIT]),
      ]);
      const tasks = taskRows.map((row) => taskStats(String(row.task), row)).sort((a, b) => b.views - a.views || a.task.localeCompare(b.task));
      const sum = (key: 'views' | 'starts' | 'completions' | 'feedbackYes' | 'feedbackNo') => tasks.reduce((total, task) => total + task[key], 0);
      const ratingCounts = [0, 1, 2, 3, 4].map((index) => tasks.reduce((total, task) => total + task.ratingCounts[index]!, 0));
      const totals = taskStats('', {
        views: sum('views'), starts: sum('starts'), completions: sum('completions'), yes: sum('feedbackYes'), no: sum('feedbackNo'),
        r1: ratingCounts[0], r2: ratingCounts[1], r3: ratingCounts[2], r4: ratingCounts[3], r5: ratingCounts[4],
      });
      const { task: _task, ...totalsWithoutTask } = totals;
      const searches = n(searchRow?.searches);
      const zero = n(searchRow?.zero);
      const clicks = n(searchRow?.clicks);
      const toCounts = (rows: Record<string, unknown>[]) => rows.map((row) => ({ query: String(row.query), count: n(row.count) }));
      return {
        period,
        from,
        to: today,
        minCount,
        totals: totalsWithoutTask,
        tasks,
        search: {
          searches,
          zeroResultSearches: zero,
          zeroResultRate: ratio(zero, searches),
          clicks,
          clickThroughRate: ratio(clicks, searches),
          averageClickRank: clicks ? n(searchRow?.rank_sum) / clicks : null,
          topQueries: toCounts(topQueries),
          topZeroResultQueries: toCounts(topZero),
        },
      };
    },

    async daily(task, from, to): Promise<DailyTaskStats[]> {
      const rows = await driver.all(SQL.DAILY_TASK, [task, from, to]);
      const byDay = new Map(rows.map((row) => [String(row.day), row]));
      const days: DailyTaskStats[] = [];
      for (let day = from; day <= to; day = addDays(day, 1)) {
        const row = byDay.get(day);
        days.push({ day, views: n(row?.views), starts: n(row?.starts), completions: n(row?.completions) });
      }
      return days;
    },

    async comments({ task = '', since = '0000-01-01' }): Promise<StoredComment[]> {
      const rows = await driver.all(SQL.COMMENTS, [since, task, task]);
      return rows.map((row) => ({
        day: String(row.day),
        type: row.type as StoredComment['type'],
        task: String(row.task),
        useful: row.useful === null || row.useful === undefined ? null : n(row.useful) === 1,
        rating: row.rating === null || row.rating === undefined ? null : n(row.rating),
        comment: String(row.comment),
      }));
    },

    async queryOutcomes({ since = '0000-01-01' }): Promise<QueryOutcome[]> {
      const rows = await driver.all(SQL.QUERY_OUTCOMES, [since]);
      return rows.map((row) => ({ query: String(row.query), searches: n(row.searches), zeroResults: n(row.zero), clicks: n(row.clicks) }));
    },

    async deleteBefore(day) {
      const [deleted] = await driver.transaction([{ sql: SQL.DELETE_BEFORE, params: [day] }]);
      return deleted ?? 0;
    },

    async close() {
      while (writing || queue.length) await new Promise((resolve) => setTimeout(resolve, 5));
      await driver.close();
    },
  };
}
