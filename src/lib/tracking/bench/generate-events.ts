/**
 * Fills a SQLite events database with N generated events, fast, for scale tests and
 * benchmarks of the dashboard (tests/faults/dashboard.test.ts, npm run bench).
 *
 * The file is first opened by the store itself, so it has every migration. The events
 * are then written by one SQL statement in one transaction, with the aggregate
 * triggers and the indexes set aside; the indexes are built again and the aggregates
 * rolled up once at the end (the same roll-up a migration back-fills with), then the
 * triggers put back. A million events take seconds rather than minutes, and the file
 * holds what the store would hold had every event been sent one by one.
 *
 * The mix, repeated every 20 events: 9 task views, 3 starts, 2 completions, 2 feedback
 * answers, 1 rating, 2 searches (one with a term that can be published, one without
 * or with no results) and 1 click on the search just before it. Days and tasks are
 * spread by a multiplicative hash, so every day of the range has about as many events.
 */
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { addDays } from '../../dates.ts';
import { AGGREGATE_TRIGGERS, DROP_AGGREGATE_TRIGGERS, ROLL_UP } from '../storage/aggregates.ts';
import { openSqlite } from '../storage/sqlite.ts';

export interface GenerateOptions {
  /** How many events. */
  events: number;
  /** The last day events fall on, YYYY-MM-DD. */
  today: string;
  /** Events spread over this many days up to `today` (180 fills a 90-day period and the one before it). */
  days?: number;
  /** Task slugs the events belong to. */
  tasks: readonly string[];
  /** Search terms; a few are searched often enough to be published. */
  terms?: readonly string[];
}

export interface Generated {
  events: number;
  days: number;
  ms: number;
}

const DEFAULT_TERMS = ['council tax', 'bin collection', 'pothole', 'parking permit', 'blue badge', 'planning application', 'housing benefit', 'school admissions', 'noise complaint', 'library card'];

// Knuth's multiplicative hash: spreads consecutive numbers evenly, the same on every run.
// Its low bits repeat with the number's own, so choices are made from its higher bits.
const HASH = '((g.i * 2654435761) % 4294967296)';

const GENERATE = `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ? - 1),
  g AS (SELECT i, i % 20 AS slot FROM seq)
INSERT INTO events (id, type, task, day, query, query_key, results, click_rank, useful, rating, search_id, term)
SELECT
  ? || g.i,
  CASE WHEN g.slot < 9 THEN 'task_view' WHEN g.slot < 12 THEN 'task_start' WHEN g.slot < 14 THEN 'task_complete'
       WHEN g.slot < 16 THEN 'feedback' WHEN g.slot = 16 THEN 'satisfaction' WHEN g.slot < 19 THEN 'search' ELSE 'search_click' END,
  CASE WHEN g.slot IN (17, 18) THEN NULL ELSE t.value END,
  d.value,
  CASE WHEN g.slot IN (17, 18) THEN q.value END,
  CASE WHEN g.slot IN (17, 18) THEN q.value END,
  CASE WHEN g.slot = 17 THEN 1 + (${HASH} / 65536) % 9 WHEN g.slot = 18 THEN (${HASH} / 131072) % 2 END,
  CASE WHEN g.slot = 19 THEN 1 + (${HASH} / 262144) % 5 END,
  CASE WHEN g.slot IN (14, 15) THEN CASE WHEN (${HASH} / 524288) % 4 = 0 THEN 0 ELSE 1 END END,
  CASE WHEN g.slot = 16 THEN 1 + (${HASH} / 1048576) % 5 END,
  CASE WHEN g.slot = 19 THEN ? || (g.i - 1) END,
  CASE WHEN g.slot = 17 THEN q.value END
FROM g
JOIN gen_days d ON d.n = (${HASH} / 256) % ?
JOIN gen_tasks t ON t.n = (${HASH} / 4096) % ?
JOIN gen_terms q ON q.n = (${HASH} / 2097152) % ?`;

/** Adds `events` generated events to the SQLite file at `path` (created and migrated if need be). */
export async function generateSqliteEvents(path: string, { events, today, days = 180, tasks, terms = DEFAULT_TERMS }: GenerateOptions): Promise<Generated> {
  if (!Number.isInteger(events) || events < 1) throw new Error(`events must be a whole number of 1 or more (got ${events})`);
  if (!tasks.length) throw new Error('tasks must name at least one task');
  const started = performance.now();
  // Ids unique to this run, so a file can be filled more than once.
  const prefix = `gen-${randomUUID().slice(0, 8)}-`;
  // The store's own opening: migrations, WAL, and the same triggers a running server has.
  await openSqlite(path, { watchIntervalMs: 0 }).close();
  const db = new DatabaseSync(path);
  try {
    // A bulk load, not a service: no journal while loading (a failure leaves a file to delete,
    // not a half-loaded one to trust), and the indexes built once at the end, by sorting.
    db.exec('PRAGMA journal_mode = DELETE');
    db.exec('PRAGMA synchronous = OFF');
    db.exec('PRAGMA cache_size = -65536');
    const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
    db.exec('BEGIN IMMEDIATE');
    try {
      const fill = (table: string, values: readonly string[]) => {
        db.exec(`CREATE TEMP TABLE ${table} (n INTEGER PRIMARY KEY, value TEXT NOT NULL)`);
        const insert = db.prepare(`INSERT INTO ${table} (n, value) VALUES (?, ?)`);
        values.forEach((value, index) => insert.run(index, value));
      };
      fill('gen_days', Array.from({ length: days }, (_, index) => addDays(today, -index)));
      fill('gen_tasks', tasks);
      fill('gen_terms', terms);
      for (const statement of DROP_AGGREGATE_TRIGGERS.sqlite) db.exec(statement);
      for (const { name } of indexes) db.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
      db.prepare(GENERATE).run(events, prefix, prefix, days, tasks.length, terms.length);
      // Rolled up before the indexes are back: a scan and a sort, not a million index lookups.
      for (const statement of ROLL_UP) db.exec(statement);
      for (const { sql } of indexes) db.exec(sql);
      for (const statement of AGGREGATE_TRIGGERS.sqlite) db.exec(statement);
      for (const table of ['gen_days', 'gen_tasks', 'gen_terms']) db.exec(`DROP TABLE temp.${table}`);
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
    db.exec('PRAGMA journal_mode = WAL');
  } finally {
    db.close();
  }
  return { events, days, ms: performance.now() - started };
}
