/**
 * The one set of migrations and queries both storage adapters run. Written in the
 * SQL that SQLite and PostgreSQL share; placeholders are "?" (the PostgreSQL
 * adapter numbers them). Numbers may come back as strings from PostgreSQL
 * (COUNT and SUM are bigint there), so callers pass every figure through Number().
 * The dashboard's aggregate tables and their queries are in aggregates.ts.
 */
import { AGGREGATES_MIGRATION, type Dialect } from './aggregates.ts';

/** A migration's statements: one list for both databases, or one for each where their SQL differs. */
export interface Migration {
  version: number;
  statements: string[] | Record<Dialect, string[]>;
}

export const migrationStatements = (migration: Migration, dialect: Dialect): string[] =>
  Array.isArray(migration.statements) ? migration.statements : migration.statements[dialect];

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE IF NOT EXISTS events (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        task TEXT,
        day TEXT NOT NULL,
        query TEXT,
        query_key TEXT,
        results INTEGER,
        click_rank INTEGER,
        useful INTEGER,
        rating INTEGER,
        comment TEXT
      )`,
      'CREATE INDEX IF NOT EXISTS events_day_type ON events (day, type)',
      'CREATE INDEX IF NOT EXISTS events_task_day ON events (task, day)',
      'CREATE INDEX IF NOT EXISTS events_type_query ON events (type, query_key)',
    ],
  },
  {
    // Journeys (decision 0008) and searches that clicks belong to, and the terms that may be published (0009).
    version: 2,
    statements: [
      `CREATE TABLE IF NOT EXISTS journeys (
        token_hash TEXT PRIMARY KEY,
        task TEXT NOT NULL,
        day TEXT NOT NULL,
        completion_id TEXT,
        rating_id TEXT
      )`,
      'CREATE INDEX IF NOT EXISTS journeys_day ON journeys (day)',
      'ALTER TABLE events ADD COLUMN search_id TEXT',
      'ALTER TABLE events ADD COLUMN term TEXT',
      // One click per search counts (the first): click-through asks whether a search led anywhere.
      'CREATE UNIQUE INDEX IF NOT EXISTS events_click_search ON events (search_id)',
      'CREATE INDEX IF NOT EXISTS events_type_term ON events (type, term)',
      // Before journeys, every visit to /done counted as a completion, linked to no start.
      // Those rows are kept, as what they were: finishes not linked to a start.
      "UPDATE events SET type = 'task_finish_unlinked' WHERE type = 'task_complete'",
    ],
  },
  {
    // Daily aggregates for the dashboard, back-filled from the events already stored (decision 0036).
    version: 3,
    statements: AGGREGATES_MIGRATION,
  },
  {
    // "Report a problem with this page" (decision 0030): what went wrong, beside the comment.
    version: 4,
    statements: ['ALTER TABLE events ADD COLUMN problem TEXT'],
  },
];

export const MIGRATIONS_TABLE = 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)';
export const APPLIED_VERSIONS = 'SELECT version FROM schema_migrations';
export const RECORD_VERSION = 'INSERT INTO schema_migrations (version) VALUES (?)';

// No conflict target: a repeated id (a retry) and a second click on the same search are both skipped.
export const INSERT_EVENT = `INSERT INTO events (id, type, task, day, query, query_key, results, click_rank, useful, rating, comment, search_id, term, problem)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`;

export const START_JOURNEY = 'INSERT INTO journeys (token_hash, task, day) VALUES (?, ?, ?)';

/**
 * Finishing takes two statements in one transaction. The UPDATE claims the journey
 * (only one transaction can: PostgreSQL re-checks "completion_id IS NULL" after the
 * row lock, SQLite writes one transaction at a time); the INSERT then writes the
 * completion only for the claim this transaction made, on the journey's own task and
 * start day, so a completion is always counted with its start.
 * Params: completion id, token hash, task, earliest valid day.
 */
export const CLAIM_COMPLETION = `UPDATE journeys SET completion_id = ?
  WHERE token_hash = ? AND task = ? AND completion_id IS NULL AND day >= ?`;
/** Params: token hash, completion id. */
export const INSERT_COMPLETION = `INSERT INTO events (id, type, task, day)
  SELECT completion_id, 'task_complete', task, day FROM journeys WHERE token_hash = ? AND completion_id = ?
  ON CONFLICT DO NOTHING`;

/** The same claim for the journey's one rating. Params: rating id, token hash, task, earliest valid day. */
export const CLAIM_RATING = `UPDATE journeys SET rating_id = ?
  WHERE token_hash = ? AND task = ? AND rating_id IS NULL AND day >= ?`;
/** Params: rating, comment, token hash, rating id. */
export const INSERT_RATING = `INSERT INTO events (id, type, task, day, rating, comment)
  SELECT rating_id, 'satisfaction', task, day, CAST(? AS INTEGER), CAST(? AS TEXT) FROM journeys WHERE token_hash = ? AND rating_id = ?
  ON CONFLICT DO NOTHING`;

export const JOURNEY = 'SELECT task, day, completion_id, rating_id FROM journeys WHERE token_hash = ?';

export const DELETE_JOURNEYS_BEFORE = 'DELETE FROM journeys WHERE day < ?';

export const ADD_COMMENT = `UPDATE events SET comment = ? WHERE id = ? AND task = ? AND type = 'feedback' AND comment IS NULL`;

const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

/** Search queries with their outcomes, for the search gap report (never published). */
export const QUERY_OUTCOMES = `SELECT query_key AS query,
    ${count("type = 'search'")} AS searches,
    ${count("type = 'search' AND results = 0")} AS zero,
    ${count("type = 'search_click'")} AS clicks
  FROM events
  WHERE type IN ('search', 'search_click') AND day >= ? AND query_key IS NOT NULL
  GROUP BY query_key`;

// A page problem is listed even without a comment: what went wrong is worth an editor's look.
export const COMMENTS = `SELECT day, type, task, useful, rating, comment, problem
  FROM events
  WHERE (comment IS NOT NULL OR type = 'page_problem') AND day >= ? AND (? = '' OR task = ?)
  ORDER BY day DESC, id`;

export const DELETE_BEFORE = 'DELETE FROM events WHERE day < ?';
