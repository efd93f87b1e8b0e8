/**
 * The one set of migrations and queries both storage adapters run. Written in the
 * SQL that SQLite and PostgreSQL share; placeholders are "?" (the PostgreSQL
 * adapter numbers them). Numbers may come back as strings from PostgreSQL
 * (COUNT and SUM are bigint there), so callers pass every figure through Number().
 */

export const MIGRATIONS: { version: number; statements: string[] }[] = [
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
];

export const MIGRATIONS_TABLE = 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)';
export const APPLIED_VERSIONS = 'SELECT version FROM schema_migrations';
export const RECORD_VERSION = 'INSERT INTO schema_migrations (version) VALUES (?)';

export const INSERT_EVENT = `INSERT INTO events (id, type, task, day, query, query_key, results, click_rank, useful, rating, comment)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`;

export const ADD_COMMENT = `UPDATE events SET comment = ? WHERE id = ? AND task = ? AND type = 'feedback' AND comment IS NULL`;

const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

export const TASK_STATS = `SELECT task,
    ${count("type = 'task_view'")} AS views,
    ${count("type = 'task_start'")} AS starts,
    ${count("type = 'task_complete'")} AS completions,
    ${count("type = 'feedback' AND useful = 1")} AS yes,
    ${count("type = 'feedback' AND useful = 0")} AS no,
    ${count("type = 'satisfaction' AND rating = 1")} AS r1,
    ${count("type = 'satisfaction' AND rating = 2")} AS r2,
    ${count("type = 'satisfaction' AND rating = 3")} AS r3,
    ${count("type = 'satisfaction' AND rating = 4")} AS r4,
    ${count("type = 'satisfaction' AND rating = 5")} AS r5
  FROM events
  WHERE day >= ? AND day <= ? AND task IS NOT NULL AND type <> 'search_click'
  GROUP BY task`;

export const SEARCH_TOTALS = `SELECT
    ${count("type = 'search'")} AS searches,
    ${count("type = 'search' AND results = 0")} AS zero,
    ${count("type = 'search_click'")} AS clicks,
    SUM(CASE WHEN type = 'search_click' THEN click_rank ELSE 0 END) AS rank_sum
  FROM events
  WHERE day >= ? AND day <= ? AND type IN ('search', 'search_click')`;

export const TOP_QUERIES = `SELECT query_key AS query, COUNT(*) AS count
  FROM events
  WHERE type = 'search' AND day >= ? AND day <= ? AND query_key IS NOT NULL
  GROUP BY query_key HAVING COUNT(*) >= ?
  ORDER BY count DESC, query_key LIMIT ?`;

export const TOP_ZERO_RESULT_QUERIES = `SELECT query_key AS query, COUNT(*) AS count
  FROM events
  WHERE type = 'search' AND results = 0 AND day >= ? AND day <= ? AND query_key IS NOT NULL
  GROUP BY query_key HAVING COUNT(*) >= ?
  ORDER BY count DESC, query_key LIMIT ?`;

export const DAILY_TASK = `SELECT day,
    ${count("type = 'task_view'")} AS views,
    ${count("type = 'task_start'")} AS starts,
    ${count("type = 'task_complete'")} AS completions
  FROM events
  WHERE task = ? AND day >= ? AND day <= ?
  GROUP BY day ORDER BY day`;

/** Search queries with their outcomes, for the search gap report (never published). */
export const QUERY_OUTCOMES = `SELECT query_key AS query,
    ${count("type = 'search'")} AS searches,
    ${count("type = 'search' AND results = 0")} AS zero,
    ${count("type = 'search_click'")} AS clicks
  FROM events
  WHERE type IN ('search', 'search_click') AND day >= ? AND query_key IS NOT NULL
  GROUP BY query_key`;

export const COMMENTS = `SELECT day, type, task, useful, rating, comment
  FROM events
  WHERE comment IS NOT NULL AND day >= ? AND (? = '' OR task = ?)
  ORDER BY day DESC, id`;

export const DELETE_BEFORE = 'DELETE FROM events WHERE day < ?';
