/**
 * The daily aggregates give exactly the figures the raw events give (decision 0036):
 * random streams of events, journeys, repeated sends, clicks before and after their
 * search, comments and deletions, on SQLite always and on PostgreSQL when
 * DATABASE_URL is set. Then: an existing database gets its aggregates when migrated.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../schemas/events.ts';
import { addDays } from '../../dates.ts';
import { AGGREGATE_TABLES } from './aggregates.ts';
import { createEventStore, readDaily, readStats } from './event-store.ts';
import { openPostgres } from './postgres.ts';
import { RAW_EVENT_QUERIES } from './raw-stats.ts';
import * as SQL from './sql.ts';
import { openSqlite } from './sqlite.ts';
import type { EventStore, SqlDriver } from './types.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskfront-aggregates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TODAY = '2026-11-23';
const TASKS = ['pay-your-council-tax', 'report-a-pothole', 'register-to-vote'];
const TERMS = ['council tax', 'bins', 'pothole', null];
const DAYS = Array.from({ length: 20 }, (_, index) => addDays(TODAY, -index));
/** Ids shared by searches and clicks, so a click can name a search stored before it, after it, or never. */
const SEARCH_IDS = Array.from({ length: 12 }, () => randomUUID());

const day = fc.constantFrom(...DAYS);
const task = fc.constantFrom(...TASKS);
const event = fc.oneof(
  fc.record({ type: fc.constantFrom('task_view', 'task_start', 'task_complete', 'task_finish_unlinked'), task, day }),
  fc.record({ type: fc.constant('feedback'), task, day, useful: fc.boolean() }),
  fc.record({ type: fc.constant('satisfaction'), task, day, rating: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ type: fc.constant('search'), day, id: fc.constantFrom(...SEARCH_IDS), query: fc.constantFrom('council tax', 'bins!', 'pothole'), results: fc.integer({ min: 0, max: 3 }), term: fc.constantFrom(...TERMS) }),
  fc.record({ type: fc.constant('search_click'), task, day, search: fc.constantFrom(...SEARCH_IDS), query: fc.constant('bins'), rank: fc.integer({ min: 1, max: 50 }) }),
);

type Step =
  | { kind: 'insert'; events: Record<string, unknown>[]; resend: number }
  | { kind: 'journey'; task: string; day: string; finish: boolean; rating: number | null }
  | { kind: 'deleteBefore'; day: string }
  | { kind: 'deleteOne'; nth: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('insert' as const), events: fc.array(event, { minLength: 1, maxLength: 8 }), resend: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('journey' as const), task, day, finish: fc.boolean(), rating: fc.option(fc.integer({ min: 1, max: 5 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteBefore' as const), day: fc.constantFrom(...DAYS.slice(10)) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteOne' as const), nth: fc.nat() }) },
);

async function play(store: EventStore, driver: SqlDriver, steps: Step[]) {
  const sent: StoredEvent[] = [];
  for (const next of steps) {
    if (next.kind === 'insert') {
      const events = next.events.map((raw) => ({ id: randomUUID(), ...raw }) as StoredEvent);
      // A client retrying sends events the store already holds: they must count once.
      const again = sent.slice(-next.resend);
      sent.push(...events);
      await store.insert([...events, ...again]);
    } else if (next.kind === 'journey') {
      const tokenHash = randomUUID();
      await store.startJourney({ tokenHash, task: next.task, day: next.day, startId: randomUUID() });
      if (next.finish) await store.finishJourney({ tokenHash, task: next.task, earliestDay: next.day });
      if (next.rating !== null) await store.rateJourney({ tokenHash, task: next.task, earliestDay: next.day, rating: next.rating, comment: 'fine' });
    } else if (next.kind === 'deleteBefore') {
      await store.deleteBefore(next.day);
    } else if (sent.length) {
      // Any deletion, not only retention's, must leave the aggregates exact.
      await driver.transaction([{ sql: 'DELETE FROM events WHERE id = ?', params: [sent[next.nth % sent.length]!.id] }]);
    }
  }
}

async function expectSameFigures(store: EventStore, driver: SqlDriver) {
  const raw = (statement: { sql: string; params: unknown[] }) => driver.all(statement.sql, statement.params);
  for (const [period, today] of [[7, TODAY], [28, TODAY], [7, DAYS[9]!]] as const) {
    const options = { period, today, minCount: 2, minSample: 1 };
    expect(await store.stats(options)).toEqual(await readStats(raw, RAW_EVENT_QUERIES, options));
  }
  for (const slug of TASKS) {
    expect(await store.daily(slug, DAYS.at(-1)!, TODAY)).toEqual(await readDaily(raw, RAW_EVENT_QUERIES, slug, DAYS.at(-1)!, TODAY));
  }
}

const adapters: { name: string; open: () => Promise<SqlDriver>; runs: number }[] = [{ name: 'sqlite', open: async () => openSqlite(':memory:'), runs: 60 }];
if (process.env.DATABASE_URL) adapters.push({ name: 'postgres', open: () => openPostgres(process.env.DATABASE_URL!), runs: 15 });

describe.each(adapters)('daily aggregates on $name', ({ open, runs }) => {
  it('give the same figures as the raw events, for any stream of events', async () => {
    const driver = await open();
    const store = createEventStore(driver);
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
          await driver.transaction(['events', 'journeys', ...AGGREGATE_TABLES].map((table) => ({ sql: `DELETE FROM ${table}`, params: [] })));
          await play(store, driver, steps);
          await expectSameFigures(store, driver);
        }),
        { numRuns: runs },
      );
    } finally {
      await store.close();
    }
  }, 120_000);
});

describe('migrating a database made before the aggregates', () => {
  it('creates and fills them from the events already stored, and keeps them up to date after', async () => {
    // As the code before decision 0036 left a database: migrations 1 and 2, events written with its INSERT.
    const path = join(dir, 'before-aggregates.sqlite');
    const old = new DatabaseSync(path);
    old.exec(SQL.MIGRATIONS_TABLE);
    for (const migration of SQL.MIGRATIONS.filter((candidate) => candidate.version <= 2)) {
      for (const statement of SQL.migrationStatements(migration, 'sqlite')) old.exec(statement);
      old.prepare(SQL.RECORD_VERSION).run(migration.version);
    }
    // The INSERT of that time: the problem column came later (migration 4).
    const insert = old.prepare(SQL.INSERT_EVENT.replace(', problem)', ')').replace(', ?)', ')'));
    const searchId = randomUUID();
    const rows: unknown[][] = [
      [searchId, 'search', null, TODAY, 'bins', 'bins', 0, null, null, null, null, null, 'bins'],
      [randomUUID(), 'search_click', 'report-a-pothole', TODAY, 'bins', 'bins', null, 3, null, null, null, searchId, null],
      [randomUUID(), 'task_view', 'report-a-pothole', DAYS[3], null, null, null, null, null, null, null, null, null],
      [randomUUID(), 'feedback', 'report-a-pothole', DAYS[3], null, null, null, null, 1, null, 'clear', null, null],
      [randomUUID(), 'satisfaction', 'register-to-vote', DAYS[12], null, null, null, null, null, 4, null, null, null],
      ...Array.from({ length: 3 }, () => [randomUUID(), 'search', null, DAYS[1], 'bins', 'bins', 2, null, null, null, null, null, 'bins']),
    ];
    for (const row of rows) insert.run(...(row as never[]));
    old.close();

    const driver = openSqlite(path);
    const store = createEventStore(driver);
    try {
      const versions = (await driver.all(SQL.APPLIED_VERSIONS, [])).map((row) => Number(row.version));
      expect(versions).toContain(3);
      const stats = await store.stats({ period: 28, today: TODAY, minCount: 2, minSample: 1 });
      expect(stats.search).toMatchObject({ searches: 4, zeroResultSearches: 1, clicks: 1, topQueries: [{ query: 'bins', count: 4 }] });
      expect(stats.tasks.map((row) => [row.task, row.views, row.feedbackYes, row.ratings])).toEqual([['report-a-pothole', 1, 1, 0], ['register-to-vote', 0, 0, 1]]);
      await expectSameFigures(store, driver);
      await store.insert([{ id: randomUUID(), type: 'task_view', task: 'register-to-vote', day: TODAY }]);
      expect((await store.stats({ period: 7, today: TODAY, minCount: 2, minSample: 1 })).tasks.find((row) => row.task === 'register-to-vote')?.views).toBe(1);
      await expectSameFigures(store, driver);
    } finally {
      await store.close();
    }
  });
});
