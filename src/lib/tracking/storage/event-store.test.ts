/**
 * One storage suite, run against every adapter: SQLite always, PostgreSQL when
 * DATABASE_URL is set (CI starts a throwaway server for it).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../schemas/events.ts';
import { addDays } from '../../dates.ts';
import { hashJourneyToken, newJourneyToken } from '../privacy/journey-token.ts';
import { createEventStore } from './event-store.ts';
import { openPostgres } from './postgres.ts';
import { DatabaseSync } from 'node:sqlite';
import * as SQL from './sql.ts';
import { openSqlite } from './sqlite.ts';
import type { EventStore, SqlDriver, StatsOptions } from './types.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskfront-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const adapters: { name: string; open: () => Promise<SqlDriver>; reopenable: boolean }[] = [
  { name: 'sqlite', open: async () => openSqlite(join(dir, 'events.sqlite')), reopenable: true },
];
if (process.env.DATABASE_URL) adapters.push({ name: 'postgres', open: () => openPostgres(process.env.DATABASE_URL!), reopenable: true });

const TODAY = '2026-11-23';
const ev = (event: Record<string, unknown>, day = TODAY) => ({ id: randomUUID(), day, ...event }) as StoredEvent;
const times = (count: number, make: () => StoredEvent) => Array.from({ length: count }, make);
const stats = (store: EventStore, options: Partial<StatsOptions> = {}) => store.stats({ period: 28, today: TODAY, minCount: 10, minSample: 1, ...options });

/** Starts a journey on a day and resolves with its token hash. */
async function start(store: EventStore, task: string, day = TODAY) {
  const tokenHash = hashJourneyToken(newJourneyToken());
  await store.startJourney({ tokenHash, task, day, startId: randomUUID() });
  return tokenHash;
}
const finish = (store: EventStore, tokenHash: string, task: string, earliestDay = addDays(TODAY, -1)) => store.finishJourney({ tokenHash, task, earliestDay });

describe.each(adapters)('event store on $name', ({ open }) => {
  let driver: SqlDriver;
  let store: EventStore;

  beforeEach(async () => {
    await store?.close();
    driver = await open();
    await driver.transaction([{ sql: 'DELETE FROM events', params: [] }, { sql: 'DELETE FROM journeys', params: [] }]);
    store = createEventStore(driver);
  });
  afterAll(() => store?.close());

  it('counts the funnel, feedback and ratings per task, each rate with its sample', async () => {
    const journeys = await Promise.all(Array.from({ length: 4 }, () => start(store, 'pay-your-council-tax')));
    for (const journey of journeys.slice(0, 3)) expect(await finish(store, journey, 'pay-your-council-tax')).toBe('completed');
    await store.insert([
      ...times(10, () => ev({ type: 'task_view', task: 'pay-your-council-tax' })),
      ev({ type: 'task_finish_unlinked', task: 'pay-your-council-tax' }),
      ev({ type: 'feedback', task: 'pay-your-council-tax', useful: true }),
      ev({ type: 'feedback', task: 'pay-your-council-tax', useful: true }),
      ev({ type: 'feedback', task: 'pay-your-council-tax', useful: false, comment: 'hard to find' }),
      ev({ type: 'satisfaction', task: 'pay-your-council-tax', rating: 5 }),
      ev({ type: 'satisfaction', task: 'pay-your-council-tax', rating: 2 }),
      ev({ type: 'task_view', task: 'report-a-pothole' }),
    ]);
    const result = await stats(store);
    const tax = result.tasks.find((task) => task.task === 'pay-your-council-tax')!;
    expect(tax).toEqual({
      task: 'pay-your-council-tax', views: 10, starts: 4, completions: 3, unlinkedFinishes: 1,
      completionRate: { value: 0.75, n: 4, tooFew: false },
      feedbackYes: 2, feedbackNo: 1, helpedRate: { value: 2 / 3, n: 3, tooFew: false },
      ratings: 2, averageRating: { value: 3.5, n: 2, tooFew: false }, ratingCounts: [0, 1, 0, 0, 1],
    });
    expect(result.tasks[0]!.task).toBe('pay-your-council-tax');
    expect(result.totals.views).toBe(11);
    expect(result.totals.completionRate).toEqual({ value: 0.75, n: 4, tooFew: false });
    expect(result.from).toBe('2026-10-27');
    expect(result.to).toBe(TODAY);
    expect(result.minSample).toBe(1);
  });

  it('withholds a rate below the minimum sample, saying n', async () => {
    const journey = await start(store, 'a');
    await finish(store, journey, 'a');
    const withheld = await stats(store, { minSample: 10 });
    expect(withheld.totals.completionRate).toEqual({ value: null, n: 1, tooFew: true });
    expect(withheld.totals.helpedRate).toEqual({ value: null, n: 0, tooFew: true });
    expect((await stats(store, { minSample: 1 })).totals.completionRate).toEqual({ value: 1, n: 1, tooFew: false });
  });

  it('counts a journey’s completion once, and never a token of another task, an unknown or an expired one', async () => {
    const journey = await start(store, 'a');
    expect(await finish(store, journey, 'b')).toBe('other-task');
    expect(await finish(store, hashJourneyToken(newJourneyToken()), 'a')).toBe('unknown');
    expect(await finish(store, journey, 'a')).toBe('completed');
    expect(await finish(store, journey, 'a')).toBe('already-completed');
    // Two servers finishing the same token at once: one completion.
    const raced = await start(store, 'a');
    expect((await Promise.all([finish(store, raced, 'a'), finish(store, raced, 'a')])).sort()).toEqual(['already-completed', 'completed']);
    const old = await start(store, 'a', addDays(TODAY, -3));
    expect(await finish(store, old, 'a')).toBe('expired');
    const { totals } = await stats(store);
    expect(totals).toMatchObject({ starts: 3, completions: 2 });
  });

  it('counts a completion on its journey’s start day, so a period never has more completions than starts', async () => {
    const journey = await start(store, 'a', addDays(TODAY, -7));
    // Finished the next day, which is the first day of the 7-day period.
    expect(await finish(store, journey, 'a', addDays(TODAY, -8))).toBe('completed');
    expect((await stats(store, { period: 7 })).totals).toMatchObject({ starts: 0, completions: 0 });
    expect((await stats(store, { period: 28 })).totals).toMatchObject({ starts: 1, completions: 1 });
    expect(await store.daily('a', addDays(TODAY, -7), addDays(TODAY, -7))).toEqual([{ day: addDays(TODAY, -7), views: 0, starts: 1, completions: 1 }]);
  });

  it('takes one rating per journey, the first', async () => {
    const journey = await start(store, 'a');
    const rate = (rating: number) => store.rateJourney({ tokenHash: journey, task: 'a', earliestDay: addDays(TODAY, -1), rating, comment: 'ok' });
    expect(await rate(5)).toBe('rated');
    expect(await rate(1)).toBe('already-rated');
    expect(await store.rateJourney({ tokenHash: journey, task: 'b', earliestDay: TODAY, rating: 1 })).toBe('other-task');
    const { totals } = await stats(store);
    expect(totals).toMatchObject({ ratings: 1, ratingCounts: [0, 0, 0, 0, 1] });
    expect((await store.comments({ task: 'a' })).map((comment) => comment.comment)).toEqual(['ok']);
  });

  it('gives the previous period of the same length', async () => {
    await store.insert([ev({ type: 'task_view', task: 'a' }, addDays(TODAY, -7)), ev({ type: 'task_view', task: 'a' }, addDays(TODAY, -13)), ev({ type: 'task_view', task: 'a' }, addDays(TODAY, -14))]);
    const result = await stats(store, { period: 7 });
    expect(result.previous).toMatchObject({ from: addDays(TODAY, -13), to: addDays(TODAY, -7), totals: { views: 2 } });
    expect(result.previous.tasks.map((task) => [task.task, task.views])).toEqual([['a', 2]]);
    expect(result.totals.views).toBe(0);
  });

  it('deletes journeys started before a day, so their tokens no longer finish anything', async () => {
    const old = await start(store, 'a', addDays(TODAY, -2));
    const recent = await start(store, 'a');
    expect(await store.deleteJourneysBefore(addDays(TODAY, -1))).toBe(1);
    expect(await finish(store, old, 'a', '0000-01-01')).toBe('unknown');
    expect(await finish(store, recent, 'a')).toBe('completed');
  });

  it('stores an event once, however often it is sent', async () => {
    const event = ev({ type: 'task_start', task: 'report-a-pothole' });
    await store.insert([event]);
    await store.insert([event, event]);
    await Promise.all([store.insert([event]), store.insert([event])]);
    expect((await stats(store, { period: 7 })).tasks[0]!.starts).toBe(1);
  });

  it('keeps to the period', async () => {
    await store.insert([
      ev({ type: 'task_view', task: 'a' }, '2026-11-17'),
      ev({ type: 'task_view', task: 'a' }, '2026-11-16'),
      ev({ type: 'task_view', task: 'a' }, '2026-11-24'),
    ]);
    expect((await stats(store, { period: 7 })).totals.views).toBe(1);
    expect((await stats(store, { period: 90 })).totals.views).toBe(2);
  });

  it('publishes only terms searched on at least minCount separate visits, grouping case and spacing', async () => {
    await store.insert([
      ...times(5, () => ev({ type: 'search', query: 'Council Tax', results: 4, term: 'council tax' })),
      ...times(5, () => ev({ type: 'search', query: 'council  tax ', results: 4, term: 'council tax' })),
      ...times(9, () => ev({ type: 'search', query: 'rare query', results: 0, term: 'rare query' })),
      ...times(12, () => ev({ type: 'search', query: 'trash pickup', results: 0, term: 'trash pickup' })),
      // Searches that the term gate did not admit (repeats by one client): counted as searches, never as a term.
      ...times(30, () => ev({ type: 'search', query: 'one client', results: 0 })),
    ]);
    const { search } = await stats(store);
    expect(search.topQueries).toEqual([{ query: 'trash pickup', count: 12 }, { query: 'council tax', count: 10 }]);
    expect(search.topZeroResultQueries).toEqual([{ query: 'trash pickup', count: 12 }]);
    expect(search).toMatchObject({ searches: 61, zeroResultSearches: 51 });
    expect(search.zeroResultRate).toEqual({ value: 51 / 61, n: 61, tooFew: false });
  });

  it('counts a click only against its own recorded search, once per search', async () => {
    const searches = times(4, () => ev({ type: 'search', query: 'council tax', results: 4 }));
    const click = (search: string, rank: number) => ev({ type: 'search_click', search, query: 'council tax', task: 'pay-your-council-tax', rank });
    await store.insert(searches);
    await store.insert([click(searches[0]!.id, 1), click(searches[0]!.id, 3), click(searches[1]!.id, 3), click(randomUUID(), 1), click(randomUUID(), 2)]);
    const { search } = await stats(store);
    expect(search).toMatchObject({ searches: 4, clicks: 2 });
    expect(search.clickThroughRate).toEqual({ value: 0.5, n: 4, tooFew: false });
    expect(search.averageClickRank).toEqual({ value: 2, n: 2, tooFew: false });
  });

  it('gives a daily trend with empty days filled in', async () => {
    await store.insert([
      ev({ type: 'task_view', task: 'a' }, '2026-11-21'),
      ev({ type: 'task_start', task: 'a' }, '2026-11-21'),
      ev({ type: 'task_view', task: 'a' }, '2026-11-23'),
      ev({ type: 'task_view', task: 'b' }, '2026-11-23'),
    ]);
    expect(await store.daily('a', '2026-11-21', '2026-11-23')).toEqual([
      { day: '2026-11-21', views: 1, starts: 1, completions: 0 },
      { day: '2026-11-22', views: 0, starts: 0, completions: 0 },
      { day: '2026-11-23', views: 1, starts: 0, completions: 0 },
    ]);
  });

  it('adds a comment to a feedback answer once, and lists comments for editors', async () => {
    const answer = ev({ type: 'feedback', task: 'a', useful: false });
    await store.insert([answer, ev({ type: 'satisfaction', task: 'b', rating: 4, comment: 'quick' }, '2026-11-01')]);
    expect(await store.addComment(answer.id, 'a', 'could not find the form')).toBe(true);
    expect(await store.addComment(answer.id, 'a', 'second try')).toBe(false);
    expect(await store.addComment(answer.id, 'b', 'wrong task')).toBe(false);
    expect(await store.addComment(randomUUID(), 'a', 'no such answer')).toBe(false);
    expect(await store.comments({ task: 'a' })).toEqual([{ day: TODAY, type: 'feedback', task: 'a', useful: false, rating: null, comment: 'could not find the form', problem: null }]);
    expect((await store.comments({})).map((comment) => comment.task)).toEqual(['a', 'b']);
    expect(await store.comments({ since: '2026-11-02' })).toHaveLength(1);
  });

  it('keeps page problems for editors, with or without a comment, and out of the published figures', async () => {
    await store.insert([ev({ type: 'page_problem', task: 'c', problem: 'wrong', comment: 'shut on Tuesdays' }), ev({ type: 'page_problem', task: 'c', problem: 'broken' })]);
    const listed = await store.comments({ task: 'c' });
    expect(listed.map(({ type, problem, comment }) => ({ type, problem, comment })).sort((x, y) => x.problem!.localeCompare(y.problem!))).toEqual([
      { type: 'page_problem', problem: 'broken', comment: '' },
      { type: 'page_problem', problem: 'wrong', comment: 'shut on Tuesdays' },
    ]);
    expect((await stats(store, { period: 7 })).tasks.map((task) => task.task)).not.toContain('c');
  });

  it('commits many concurrent requests, sharing transactions', async () => {
    await Promise.all(Array.from({ length: 200 }, () => store.insert([ev({ type: 'task_view', task: 'a' })])));
    expect((await stats(store, { period: 7 })).totals.views).toBe(200);
  });

  it('reports search outcomes per query for the gap report', async () => {
    await store.insert([
      ...times(3, () => ev({ type: 'search', query: 'Skip permit', results: 0 })),
      ev({ type: 'search', query: 'bins', results: 5 }),
      ev({ type: 'search_click', search: randomUUID(), query: 'bins', task: 'a', rank: 1 }),
    ]);
    const outcomes = (await store.queryOutcomes({})).sort((a, b) => a.query.localeCompare(b.query));
    expect(outcomes).toEqual([{ query: 'bins', searches: 1, zeroResults: 0, clicks: 1 }, { query: 'skip permit', searches: 3, zeroResults: 3, clicks: 0 }]);
  });

  it('keeps what it stored after closing and opening again', async () => {
    const journey = await start(store, 'a');
    await finish(store, journey, 'a');
    await store.close();
    store = createEventStore(await open());
    expect((await stats(store, { period: 7 })).totals).toMatchObject({ starts: 1, completions: 1 });
    expect(await finish(store, journey, 'a')).toBe('already-completed');
  });

  it('deletes events older than the retention period', async () => {
    await store.insert([ev({ type: 'task_view', task: 'a' }, '2024-11-22'), ev({ type: 'task_view', task: 'a' }, '2024-11-23')]);
    expect(await store.deleteBefore('2024-11-23')).toBe(1);
    expect((await stats(store, { period: 7, today: '2024-11-23' })).totals.views).toBe(1);
  });

  it('gives an empty picture for an empty store', async () => {
    const empty = await stats(store, { minSample: 10 });
    expect(empty.tasks).toEqual([]);
    const none = { value: null, n: 0, tooFew: true };
    expect(empty.totals).toMatchObject({ views: 0, unlinkedFinishes: 0, completionRate: none, helpedRate: none, averageRating: none });
    expect(empty.search).toMatchObject({ searches: 0, zeroResultRate: none, clickThroughRate: none, averageClickRank: none, topQueries: [] });
    // With no minimum, there is still nothing to divide by: null, not 0 and not NaN.
    expect((await stats(store, { minSample: 0 })).totals.completionRate).toEqual({ value: null, n: 0, tooFew: false });
  });
});

describe('migrating a database from before journeys', () => {
  it('keeps old completions as what they were: finishes not linked to a start', async () => {
    const path = join(dir, 'before-journeys.sqlite');
    const old = new DatabaseSync(path);
    old.exec(SQL.MIGRATIONS_TABLE);
    for (const statement of SQL.migrationStatements(SQL.MIGRATIONS[0]!, 'sqlite')) old.exec(statement);
    old.prepare(SQL.RECORD_VERSION).run(1);
    const insert = old.prepare('INSERT INTO events (id, type, task, day) VALUES (?, ?, ?, ?)');
    for (const type of ['task_start', 'task_complete', 'task_complete', 'task_complete']) insert.run(randomUUID(), type, 'a', TODAY);
    old.close();

    const store = createEventStore(openSqlite(path));
    const { totals } = await store.stats({ period: 7, today: TODAY, minCount: 10, minSample: 1 });
    expect(totals).toMatchObject({ starts: 1, completions: 0, unlinkedFinishes: 3, completionRate: { value: 0, n: 1 } });
    await store.close();
  });
});
