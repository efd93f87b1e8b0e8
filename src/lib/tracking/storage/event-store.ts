/**
 * The storage logic both databases share: event rows, group commit, and the
 * dashboard's figures, read from the daily aggregates (aggregates.ts). Adapters
 * supply only a SqlDriver.
 */
import { randomUUID } from 'node:crypto';
import type { DailyTaskStats, Measure, PortalStats, StoredEvent, TaskStats } from '../../../schemas/events.ts';
import { addDays } from '../../dates.ts';
import { queryKey } from '../privacy/terms.ts';
import { AGGREGATE_QUERIES, DELETE_AGGREGATES_BEFORE, type StatsQueries } from './aggregates.ts';
import * as SQL from './sql.ts';
import { StorageUnavailableError, type EventStore, type FinishResult, type JourneyState, type QueryOutcome, type RateResult, type SqlDriver, type Statement, type StatsOptions, type StoredComment } from './types.ts';

const TOP_QUERY_LIMIT = 20;

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
    (get('search') as string | undefined) ?? null,
    event.type === 'search' ? (event.term ?? null) : null,
    (get('problem') as string | undefined) ?? null,
  ];
}

interface Pending {
  statements: Statement[];
  resolve: (changes: number[]) => void;
  reject: (error: unknown) => void;
}

const n = (value: unknown) => Number(value ?? 0);

/** A rate or average with its sample; withheld (null) when there is nothing to divide by or too few. */
function measure(part: number, whole: number, minSample: number): Measure {
  const tooFew = whole < minSample;
  return { value: whole === 0 || tooFew ? null : part / whole, n: whole, tooFew };
}

type TaskCounts = Omit<TaskStats, 'task' | 'completionRate' | 'helpedRate' | 'averageRating'>;

function countsOf(row: Record<string, unknown>): TaskCounts {
  const ratingCounts = [n(row.r1), n(row.r2), n(row.r3), n(row.r4), n(row.r5)] as TaskStats['ratingCounts'];
  return {
    views: n(row.views),
    starts: n(row.starts),
    completions: n(row.completions),
    unlinkedFinishes: n(row.unlinked),
    feedbackYes: n(row.yes),
    feedbackNo: n(row.no),
    ratings: ratingCounts.reduce((sum, value) => sum + value, 0),
    ratingCounts,
  };
}

function withMeasures(counts: TaskCounts, minSample: number): Omit<TaskStats, 'task'> {
  const ratingSum = counts.ratingCounts.reduce((sum, value, index) => sum + value * (index + 1), 0);
  return {
    views: counts.views,
    starts: counts.starts,
    completions: counts.completions,
    unlinkedFinishes: counts.unlinkedFinishes,
    completionRate: measure(counts.completions, counts.starts, minSample),
    feedbackYes: counts.feedbackYes,
    feedbackNo: counts.feedbackNo,
    helpedRate: measure(counts.feedbackYes, counts.feedbackYes + counts.feedbackNo, minSample),
    ratings: counts.ratings,
    averageRating: measure(ratingSum, counts.ratings, minSample),
    ratingCounts: counts.ratingCounts,
  };
}

function sumCounts(list: TaskCounts[]): TaskCounts {
  const total = (key: Exclude<keyof TaskCounts, 'ratingCounts'>) => list.reduce((sum, counts) => sum + counts[key], 0);
  return {
    views: total('views'),
    starts: total('starts'),
    completions: total('completions'),
    unlinkedFinishes: total('unlinkedFinishes'),
    feedbackYes: total('feedbackYes'),
    feedbackNo: total('feedbackNo'),
    ratings: total('ratings'),
    ratingCounts: [0, 1, 2, 3, 4].map((index) => list.reduce((sum, counts) => sum + counts.ratingCounts[index]!, 0)) as TaskStats['ratingCounts'],
  };
}

export type Read = (statement: Statement) => Promise<Record<string, unknown>[]>;

function tasksOf(counts: Map<string, TaskCounts>, minSample: number): TaskStats[] {
  return [...counts]
    .map(([task, row]) => ({ task, ...withMeasures(row, minSample) }))
    .sort((a, b) => b.views - a.views || a.task.localeCompare(b.task));
}

/** The published figures for a period, read with `queries` (the aggregates, or the raw events in tests). */
export async function readStats(read: Read, queries: StatsQueries, { period, today, minCount, minSample }: StatsOptions): Promise<PortalStats> {
  const from = addDays(today, -(period - 1));
  const previousTo = addDays(from, -1);
  const previousFrom = addDays(previousTo, -(period - 1));
  const taskCounts = async (start: string, end: string) => new Map((await read(queries.taskStats(start, end))).map((row) => [String(row.task), countsOf(row)]));
  const [current, previous, [searchRow], topQueries, topZero] = await Promise.all([
    taskCounts(from, today),
    taskCounts(previousFrom, previousTo),
    read(queries.searchTotals(from, today)),
    read(queries.topQueries(from, today, minCount, TOP_QUERY_LIMIT)),
    read(queries.topZeroResultQueries(from, today, minCount, TOP_QUERY_LIMIT)),
  ]);
  const searches = n(searchRow?.searches);
  const zero = n(searchRow?.zero);
  const clicks = n(searchRow?.clicks);
  const toCounts = (rows: Record<string, unknown>[]) => rows.map((row) => ({ query: String(row.query), count: n(row.count) }));
  return {
    period,
    from,
    to: today,
    minCount,
    minSample,
    totals: withMeasures(sumCounts([...current.values()]), minSample),
    tasks: tasksOf(current, minSample),
    search: {
      searches,
      zeroResultSearches: zero,
      zeroResultRate: measure(zero, searches, minSample),
      clicks,
      clickThroughRate: measure(clicks, searches, minSample),
      averageClickRank: measure(n(searchRow?.rank_sum), clicks, minSample),
      topQueries: toCounts(topQueries),
      topZeroResultQueries: toCounts(topZero),
    },
    previous: {
      from: previousFrom,
      to: previousTo,
      totals: withMeasures(sumCounts([...previous.values()]), minSample),
      tasks: tasksOf(previous, minSample),
    },
  };
}

/** One task's views, starts and completions for every day from `from` to `to` (days with none as zeros). */
export async function readDaily(read: Read, queries: StatsQueries, task: string, from: string, to: string): Promise<DailyTaskStats[]> {
  const rows = await read(queries.dailyTask(task, from, to));
  const byDay = new Map(rows.map((row) => [String(row.day), row]));
  const days: DailyTaskStats[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const row = byDay.get(day);
    days.push({ day, views: n(row?.views), starts: n(row?.starts), completions: n(row?.completions) });
  }
  return days;
}

function journeyState(row: Record<string, unknown> | undefined, task: string, earliestDay: string): JourneyState {
  if (!row) return 'unknown';
  if (String(row.task) !== task) return 'other-task';
  if (String(row.day) < earliestDay) return 'expired';
  return 'open';
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
      try {
        const changes = await driver.transaction(batch.flatMap((pending) => pending.statements));
        let at = 0;
        for (const pending of batch) {
          pending.resolve(changes.slice(at, at + pending.statements.length));
          at += pending.statements.length;
        }
      } catch (error) {
        // One request's bad event must not fail the others': unless the database itself is unavailable, retry each request alone.
        if (batch.length === 1 || error instanceof StorageUnavailableError) batch.forEach((pending) => pending.reject(error));
        else for (const pending of batch) await driver.transaction(pending.statements).then(pending.resolve, pending.reject);
      }
    }
    writing = false;
  }

  /** Runs statements in the next shared transaction; resolves with each one's changed rows once it commits. */
  function write(statements: Statement[]): Promise<number[]> {
    if (!statements.length) return Promise.resolve([]);
    return new Promise<number[]>((resolve, reject) => {
      queue.push({ statements, resolve, reject });
      // Let the other requests of this turn of the event loop join the same transaction.
      if (!writing) {
        writing = true;
        setImmediate(() => void flush());
      }
    });
  }

  const insertStatement = (event: StoredEvent): Statement => ({ sql: SQL.INSERT_EVENT, params: rowOf(event) });

  async function readJourney(tokenHash: string) {
    return (await driver.all(SQL.JOURNEY, [tokenHash]))[0];
  }

  // The dashboard's reads go off the event loop where the driver can (SQLite's worker thread).
  const report = (statement: Statement) => (driver.report ? driver.report(statement.sql, statement.params) : driver.all(statement.sql, statement.params));

  return {
    kind: driver.kind,
    readAccess: () => driver.readAccess?.(),

    async insert(events) {
      await write(events.map(insertStatement));
    },

    async startJourney({ tokenHash, task, day, startId }) {
      // The journey and its start are one transaction: a start always has its journey and the reverse.
      await write([
        { sql: SQL.START_JOURNEY, params: [tokenHash, task, day] },
        insertStatement({ id: startId, type: 'task_start', task, day }),
      ]);
    },

    async finishJourney({ tokenHash, task, earliestDay }): Promise<FinishResult> {
      const completionId = randomUUID();
      const [claimed] = await write([
        { sql: SQL.CLAIM_COMPLETION, params: [completionId, tokenHash, task, earliestDay] },
        { sql: SQL.INSERT_COMPLETION, params: [tokenHash, completionId] },
      ]);
      if (claimed) return 'completed';
      const row = await readJourney(tokenHash);
      const state = journeyState(row, task, earliestDay);
      return state === 'open' ? 'already-completed' : state;
    },

    async rateJourney({ tokenHash, task, earliestDay, rating, comment }): Promise<RateResult> {
      const ratingId = randomUUID();
      const [claimed] = await write([
        { sql: SQL.CLAIM_RATING, params: [ratingId, tokenHash, task, earliestDay] },
        { sql: SQL.INSERT_RATING, params: [rating, comment ?? null, tokenHash, ratingId] },
      ]);
      if (claimed) return 'rated';
      const state = journeyState(await readJourney(tokenHash), task, earliestDay);
      return state === 'open' ? 'already-rated' : state;
    },

    async addComment(id, task, comment) {
      const [changed] = await write([{ sql: SQL.ADD_COMMENT, params: [comment, id, task] }]);
      return (changed ?? 0) > 0;
    },

    stats(options: StatsOptions): Promise<PortalStats> {
      return readStats(report, AGGREGATE_QUERIES, options);
    },

    daily(task, from, to): Promise<DailyTaskStats[]> {
      return readDaily(report, AGGREGATE_QUERIES, task, from, to);
    },

    async comments({ task = '', since = '0000-01-01' }): Promise<StoredComment[]> {
      const rows = await driver.all(SQL.COMMENTS, [since, task, task]);
      return rows.map((row) => ({
        day: String(row.day),
        type: row.type as StoredComment['type'],
        task: String(row.task),
        useful: row.useful === null || row.useful === undefined ? null : n(row.useful) === 1,
        rating: row.rating === null || row.rating === undefined ? null : n(row.rating),
        comment: row.comment === null || row.comment === undefined ? '' : String(row.comment),
        problem: row.problem === null || row.problem === undefined ? null : String(row.problem),
      }));
    },

    async queryOutcomes({ since = '0000-01-01' }): Promise<QueryOutcome[]> {
      const rows = await driver.all(SQL.QUERY_OUTCOMES, [since]);
      return rows.map((row) => ({ query: String(row.query), searches: n(row.searches), zeroResults: n(row.zero), clicks: n(row.clicks) }));
    },

    async deleteBefore(day) {
      // Whole days go, so their aggregate rows go with them, in the same transaction.
      const [deleted] = await write([{ sql: SQL.DELETE_BEFORE, params: [day] }, ...DELETE_AGGREGATES_BEFORE.map((sql) => ({ sql, params: [day] }))]);
      return deleted ?? 0;
    },

    async deleteJourneysBefore(day) {
      const [deleted] = await write([{ sql: SQL.DELETE_JOURNEYS_BEFORE, params: [day] }]);
      return deleted ?? 0;
    },

    async close() {
      while (writing || queue.length) await new Promise((resolve) => setTimeout(resolve, 5));
      await driver.close();
    },
  };
}
