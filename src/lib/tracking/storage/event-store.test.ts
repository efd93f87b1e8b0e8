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
import { createEventStore } from './event-store.ts';
import { openPostgres } from './postgres.ts';
import { openSqlite } from './sqlite.ts';
import type { EventStore, SqlDriver } from './types.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskfront-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const adapters: { name: string; open: () => Promise<SqlDriver>; reopenable: boolean }[] = [
  { name: 'sqlite', open: async () => openSqlite(join(dir, 'events.sqlite')), reopenable: true },
];
if (process.env.DATABASE_URL) adapters.push({ name: 'postgres', open: () => openPostgres(process.env.DATABASE_URL!), reopenable: true });

const TODAY = '2026-11-23';
const ev = (event: Record<string, unknown>, day = TODAY) => ({ id: randomUUID(), day, ...event }) as StoredEvent;
const times = (count: number, make: () => StoredEvent) => Array.from({ length: count }, make);

describe.each(adapters)('event store on $name', ({ open }) => {
  let driver: SqlDriver;
  let store: EventStore;

  beforeEach(async () => {
    await store?.close();
    driver = await open();
    await driver.transaction([{ sql: 'DELETE FROM events', params: [] }]);
    store = createEventStore(driver);
  });
  afterAll(() => store?.close());

  it('counts the funnel, feedback and ratings per task', async () => {
    await store.insert([
      ...times(10, () => ev({ type: 'task_view', task: 'pay-your-council-tax' })),
      ...times(4, () => ev({ type: 'task_start', task: 'pay-your-council-tax' })),
      ...times(3, () => ev({ type: 'task_complete', task: 'pay-your-council-tax' })),
      ev({ type: 'feedback', task: 'pay-your-council-tax', useful: true }),
      ev({ type: 'feedback', task: 'pay-your-council-tax', useful: true }),
      ev({ type: 'feedback', task: 'pay-your-council-tax', useful: false, comment: 'hard to find' }),
      ev({ type: 'satisfaction', task: 'pay-your-council-tax', rating: 5 }),
      ev({ type: 'satisfaction', task: 'pay-your-council-tax', rating: 2 }),
      ev({ type: 'task_view', task: 'report-a-pothole' }),
    ]);
    const stats = await store.stats({ period: 28, today: TODAY, minCount: 10 });
    const tax = stats.tasks.find((task) => task.task === 'pay-your-council-tax')!;
    expect(tax).toEqual({
      task: 'pay-your-council-tax', views: 10, starts: 4, completions: 3, completionRate: 0.75,
      feedbackYes: 2, feedbackNo: 1, helpedRate: 2 / 3, ratings: 2, averageRating: 3.5, ratingCounts: [0, 1, 0, 0, 1],
    });
    expect(stats.tasks[0]!.task).toBe('pay-your-council-tax');
    expect(stats.totals.views).toBe(11);
    expect(stats.totals.completionRate).toBe(0.75);
    expect(stats.from).toBe('2026-10-27');
    expect(stats.to).toBe(TODAY);
  });

  it('stores an event once, however often it is sent', async () => {
    const event = ev({ type: 'task_start', task: 'report-a-pothole' });
    await store.insert([event]);
    await store.insert([event, event]);
    await Promise.all([store.insert([event]), store.insert([event])]);
    expect((await store.stats({ period: 7, today: TODAY, minCount: 1 })).tasks[0]!.starts).toBe(1);
  });

  it('keeps to the period', async () => {
    await store.insert([
      ev({ type: 'task_view', task: 'a' }, '2026-11-17'),
      ev({ type: 'task_view', task: 'a' }, '2026-11-16'),
      ev({ type: 'task_view', task: 'a' }, '2026-11-24'),
    ]);
    expect((await store.stats({ period: 7, today: TODAY, minCount: 1 })).totals.views).toBe(1);
    expect((await store.stats({ period: 90, today: TODAY, minCount: 1 })).totals.views).toBe(2);
  });

  it('publishes a query only when searched at least minCount times, grouping case and spacing', async () => {
    await store.insert([
      ...times(5, () => ev({ type: 'search', query: 'Council Tax', results: 4 })),
      ...times(5, () => ev({ type: 'search', query: 'council  tax ', results: 4 })),
      ...times(9, () => ev({ type: 'search', query: 'rare query', results: 0 })),
      ...times(12, () => ev({ type: 'search', query: 'trash pickup', results: 0 })),
      ev({ type: 'search_click', query: 'council tax', task: 'pay-your-council-tax', rank: 1 }),
      ev({ type: 'search_click', query: 'council tax', task: 'pay-your-council-tax', rank: 3 }),
    ]);
    const { search } = await store.stats({ period: 28, today: TODAY, minCount: 10 });
    expect(search.topQueries).toEqual([{ query: 'trash pickup', count: 12 }, { query: 'council tax', count: 10 }]);
    expect(search.topZeroResultQueries).toEqual([{ query: 'trash pickup', count: 12 }]);
    expect(search).toMatchObject({ searches: 31, zeroResultSearches: 21, clicks: 2, averageClickRank: 2 });
    expect(search.zeroResultRate).toBeCloseTo(21 / 31);
    expect(search.clickThroughRate).toBeCloseTo(2 / 31);
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
    expect(await store.comments({ task: 'a' })).toEqual([{ day: TODAY, type: 'feedback', task: 'a', useful: false, rating: null, comment: 'could not find the form' }]);
    expect((await store.comments({})).map((comment) => comment.task)).toEqual(['a', 'b']);
    expect(await store.comments({ since: '2026-11-02' })).toHaveLength(1);
  });

  it('commits many concurrent requests, sharing transactions', async () => {
    await Promise.all(Array.from({ length: 200 }, () => store.insert([ev({ type: 'task_view', task: 'a' })])));
    expect((await store.stats({ period: 7, today: TODAY, minCount: 1 })).totals.views).toBe(200);
  });

  it('reports search outcomes per query for the gap report', async () => {
    await store.insert([
      ...times(3, () => ev({ type: 'search', query: 'Skip permit', results: 0 })),
      ev({ type: 'search', query: 'bins', results: 5 }),
      ev({ type: 'search_click', query: 'bins', task: 'a', rank: 1 }),
    ]);
    const outcomes = (await store.queryOutcomes({})).sort((a, b) => a.query.localeCompare(b.query));
    expect(outcomes).toEqual([{ query: 'bins', searches: 1, zeroResults: 0, clicks: 1 }, { query: 'skip permit', searches: 3, zeroResults: 3, clicks: 0 }]);
  });

  it('keeps what it stored after closing and opening again', async () => {
    const event = ev({ type: 'task_complete', task: 'a' });
    await store.insert([event]);
    await store.close();
    store = createEventStore(await open());
    expect((await store.stats({ period: 7, today: TODAY, minCount: 1 })).totals.completions).toBe(1);
  });

  it('deletes events older than the retention period', async () => {
    await store.insert([ev({ type: 'task_view', task: 'a' }, '2024-11-22'), ev({ type: 'task_view', task: 'a' }, '2024-11-23')]);
    expect(await store.deleteBefore('2024-11-23')).toBe(1);
    expect((await store.stats({ period: 7, today: '2024-11-23', minCount: 1 })).totals.views).toBe(1);
  });

  it('gives an empty picture for an empty store', async () => {
    const stats = await store.stats({ period: 28, today: TODAY, minCount: 10 });
    expect(stats.tasks).toEqual([]);
    expect(stats.totals).toMatchObject({ views: 0, completionRate: null, helpedRate: null, averageRating: null });
    expect(stats.search).toMatchObject({ searches: 0, zeroResultRate: null, clickThroughRate: null, averageClickRank: null, topQueries: [] });
  });
});
