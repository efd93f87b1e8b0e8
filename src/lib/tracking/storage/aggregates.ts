/**
 * Daily aggregates behind the dashboard (decision 0036). Three tables hold, per day,
 * exactly the counts the published figures are sums of:
 * - daily_task_counts: per task, views, starts, completions, unlinked finishes,
 *   feedback yes/no and ratings 1 to 5;
 * - daily_search_counts: searches, zero-result searches, and the clicks (with their
 *   rank sum) that belong to the day's searches;
 * - daily_term_counts: per publishable term, its gated searches and zero-result ones.
 *
 * Triggers on `events` keep them up to date inside the transaction that writes the
 * events, on both databases, so a figure can never count an event that was not
 * committed, nor miss one that was. The trigger bodies are the same statements on
 * both; only the wrapping differs (SQLite triggers, a PL/pgSQL function).
 *
 * Deleting an event takes it off again, so the aggregates stay exact whatever is
 * deleted; retention, which deletes whole days, then also drops those days' rows.
 * A task's row keeps the number of its events, so a task whose events were all
 * deleted is left out, as the raw query left it out.
 */

const TASK_COLUMNS = ['views', 'starts', 'completions', 'unlinked', 'yes', 'no', 'r1', 'r2', 'r3', 'r4', 'r5'] as const;

/** What each task column counts, as a condition on an event row (`row.` is replaced by the row's name). */
const TASK_CONDITIONS: Record<(typeof TASK_COLUMNS)[number], string> = {
  views: "row.type = 'task_view'",
  starts: "row.type = 'task_start'",
  completions: "row.type = 'task_complete'",
  unlinked: "row.type = 'task_finish_unlinked'",
  yes: "row.type = 'feedback' AND row.useful = 1",
  no: "row.type = 'feedback' AND row.useful = 0",
  r1: "row.type = 'satisfaction' AND row.rating = 1",
  r2: "row.type = 'satisfaction' AND row.rating = 2",
  r3: "row.type = 'satisfaction' AND row.rating = 3",
  r4: "row.type = 'satisfaction' AND row.rating = 4",
  r5: "row.type = 'satisfaction' AND row.rating = 5",
};

const on = (row: string, condition: string) => condition.replaceAll('row.', row ? `${row}.` : '');
const flag = (row: string, condition: string) => `CASE WHEN ${on(row, condition)} THEN 1 ELSE 0 END`;
const counter = (column: string) => `${column} INTEGER NOT NULL DEFAULT 0`;

/**
 * Which events belong to a task's row (its `events` count), as the raw query grouped them. A
 * report of a problem with the page is for editors, never part of the published figures.
 */
const TASK_ROW = "row.task IS NOT NULL AND row.type NOT IN ('search_click', 'page_problem')";

export const AGGREGATE_TABLES = ['daily_task_counts', 'daily_search_counts', 'daily_term_counts'] as const;

const CREATE_TABLES = [
  `CREATE TABLE IF NOT EXISTS daily_task_counts (
    day TEXT NOT NULL,
    task TEXT NOT NULL,
    events INTEGER NOT NULL DEFAULT 0,
    ${TASK_COLUMNS.map(counter).join(',\n    ')},
    PRIMARY KEY (day, task)
  )`,
  'CREATE INDEX IF NOT EXISTS daily_task_counts_task ON daily_task_counts (task, day)',
  `CREATE TABLE IF NOT EXISTS daily_search_counts (
    day TEXT PRIMARY KEY,
    ${['searches', 'zero', 'clicks', 'rank_sum'].map(counter).join(',\n    ')}
  )`,
  `CREATE TABLE IF NOT EXISTS daily_term_counts (
    day TEXT NOT NULL,
    term TEXT NOT NULL,
    searches INTEGER NOT NULL DEFAULT 0,
    zero INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, term)
  )`,
];

// What an event row adds to (NEW, on insert) or takes from (OLD, on delete) the aggregates; NEW and OLD name the row on both databases.
const TASK_SET = TASK_COLUMNS.map((column) => `${column} = daily_task_counts.${column} + excluded.${column}`).join(', ');
const ADD_TO_TASK = `INSERT INTO daily_task_counts (day, task, events, ${TASK_COLUMNS.join(', ')})
  VALUES (NEW.day, NEW.task, 1, ${TASK_COLUMNS.map((column) => flag('NEW', TASK_CONDITIONS[column])).join(', ')})
  ON CONFLICT (day, task) DO UPDATE SET events = daily_task_counts.events + 1, ${TASK_SET}`;
const TAKE_FROM_TASK = `UPDATE daily_task_counts SET events = events - 1,
    ${TASK_COLUMNS.map((column) => `${column} = ${column} - ${flag('OLD', TASK_CONDITIONS[column])}`).join(', ')}
  WHERE day = OLD.day AND task = OLD.task`;

// A click may be stored before its search (the raw join counted it all the same): the search brings its click with it, and takes it away.
const clicksOf = (row: 'NEW' | 'OLD', what: 'COUNT(*)' | 'COALESCE(SUM(c.click_rank), 0)') =>
  `(SELECT ${what} FROM events c WHERE c.search_id = ${row}.id AND c.type = 'search_click')`;
const zeroOf = (row: 'NEW' | 'OLD') => `CASE WHEN ${row}.results = 0 THEN 1 ELSE 0 END`;
const ADD_SEARCH = `INSERT INTO daily_search_counts (day, searches, zero, clicks, rank_sum)
  VALUES (NEW.day, 1, ${zeroOf('NEW')}, ${clicksOf('NEW', 'COUNT(*)')}, ${clicksOf('NEW', 'COALESCE(SUM(c.click_rank), 0)')})
  ON CONFLICT (day) DO UPDATE SET searches = daily_search_counts.searches + 1, zero = daily_search_counts.zero + excluded.zero,
    clicks = daily_search_counts.clicks + excluded.clicks, rank_sum = daily_search_counts.rank_sum + excluded.rank_sum`;
const TAKE_SEARCH = `UPDATE daily_search_counts SET searches = searches - 1, zero = zero - ${zeroOf('OLD')},
    clicks = clicks - ${clicksOf('OLD', 'COUNT(*)')}, rank_sum = rank_sum - ${clicksOf('OLD', 'COALESCE(SUM(c.click_rank), 0)')}
  WHERE day = OLD.day`;

const ADD_TERM = `INSERT INTO daily_term_counts (day, term, searches, zero)
  VALUES (NEW.day, NEW.term, 1, ${zeroOf('NEW')})
  ON CONFLICT (day, term) DO UPDATE SET searches = daily_term_counts.searches + 1, zero = daily_term_counts.zero + excluded.zero`;
const TAKE_TERM = `UPDATE daily_term_counts SET searches = searches - 1, zero = zero - ${zeroOf('OLD')} WHERE day = OLD.day AND term = OLD.term`;

/** A click counts on its search's day, and only while its search is stored. */
const clickChange = (row: 'NEW' | 'OLD', sign: '+' | '-') => `UPDATE daily_search_counts
  SET clicks = clicks ${sign} 1, rank_sum = rank_sum ${sign} COALESCE(${row}.click_rank, 0)
  WHERE day = (SELECT s.day FROM events s WHERE s.id = ${row}.search_id AND s.type = 'search')`;

const when = (row: 'NEW' | 'OLD') => ({
  task: on(row, TASK_ROW),
  search: `${row}.type = 'search'`,
  term: `${row}.type = 'search' AND ${row}.term IS NOT NULL`,
  click: `${row}.type = 'search_click' AND ${row}.search_id IS NOT NULL`,
});
const NEW_ROW = when('NEW');
const OLD_ROW = when('OLD');

const ON_INSERT: [keyof typeof NEW_ROW, string][] = [['task', ADD_TO_TASK], ['search', ADD_SEARCH], ['term', ADD_TERM], ['click', clickChange('NEW', '+')]];
const ON_DELETE: [keyof typeof OLD_ROW, string][] = [['task', TAKE_FROM_TASK], ['search', TAKE_SEARCH], ['term', TAKE_TERM], ['click', clickChange('OLD', '-')]];

// SQLite runs row triggers as each row is written, so a statement deleting a search and its click takes the click off once.
const SQLITE_TRIGGERS = [
  ...ON_INSERT.map(([kind, statement]) => `CREATE TRIGGER IF NOT EXISTS events_add_${kind} AFTER INSERT ON events WHEN ${NEW_ROW[kind]} BEGIN ${statement}; END`),
  ...ON_DELETE.map(([kind, statement]) => `CREATE TRIGGER IF NOT EXISTS events_take_${kind} AFTER DELETE ON events WHEN ${OLD_ROW[kind]} BEGIN ${statement}; END`),
];
const SQLITE_TRIGGER_NAMES = [...ON_INSERT.map(([kind]) => `events_add_${kind}`), ...ON_DELETE.map(([kind]) => `events_take_${kind}`)];

/*
 * PostgreSQL runs AFTER row triggers once the whole statement is done. Deleting is
 * therefore counted BEFORE each row goes, which sees the rows the statement deleted
 * earlier, as SQLite does. Inserting is counted AFTER (a BEFORE trigger would also
 * count a row that ON CONFLICT DO NOTHING then skips); every statement Taskfront
 * writes inserts one event, so a search and its click are never in the same insert.
 */
const plpgsql = (name: string, body: string, result: 'NULL' | 'OLD') => `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
${body}
  RETURN ${result};
END
$body$`;
const POSTGRES_TRIGGERS = [
  plpgsql('taskfront_event_added', ON_INSERT.map(([kind, statement]) => `  IF ${NEW_ROW[kind]} THEN ${statement}; END IF;`).join('\n'), 'NULL'),
  plpgsql('taskfront_event_deleted', ON_DELETE.map(([kind, statement]) => `  IF ${OLD_ROW[kind]} THEN ${statement}; END IF;`).join('\n'), 'OLD'),
  'DROP TRIGGER IF EXISTS events_added ON events',
  'CREATE TRIGGER events_added AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION taskfront_event_added()',
  'DROP TRIGGER IF EXISTS events_deleted ON events',
  'CREATE TRIGGER events_deleted BEFORE DELETE ON events FOR EACH ROW EXECUTE FUNCTION taskfront_event_deleted()',
];

export type Dialect = 'sqlite' | 'postgres';

export const AGGREGATE_TRIGGERS: Record<Dialect, string[]> = { sqlite: SQLITE_TRIGGERS, postgres: POSTGRES_TRIGGERS };

/** Removes the triggers, for a bulk load that rolls the aggregates up once at the end (generate-events.ts). */
export const DROP_AGGREGATE_TRIGGERS: Record<Dialect, string[]> = {
  sqlite: SQLITE_TRIGGER_NAMES.map((name) => `DROP TRIGGER IF EXISTS ${name}`),
  postgres: ['DROP TRIGGER IF EXISTS events_added ON events', 'DROP TRIGGER IF EXISTS events_deleted ON events'],
};

/**
 * Recomputes every aggregate from the events, exactly as the dashboard's raw queries
 * counted them: the back-fill of an existing database, and the roll-up after a bulk load.
 */
export const ROLL_UP = [
  ...AGGREGATE_TABLES.map((table) => `DELETE FROM ${table}`),
  `INSERT INTO daily_task_counts (day, task, events, ${TASK_COLUMNS.join(', ')})
    SELECT day, task, COUNT(*), ${TASK_COLUMNS.map((column) => `SUM(${flag('', TASK_CONDITIONS[column])})`).join(', ')}
    FROM events WHERE ${on('', TASK_ROW)}
    GROUP BY day, task`,
  // At most one click per search (a unique index): the join cannot count a search twice.
  `INSERT INTO daily_search_counts (day, searches, zero, clicks, rank_sum)
    SELECT s.day, COUNT(*), SUM(CASE WHEN s.results = 0 THEN 1 ELSE 0 END), COUNT(c.id), COALESCE(SUM(c.click_rank), 0)
    FROM events s LEFT JOIN events c ON c.search_id = s.id AND c.type = 'search_click'
    WHERE s.type = 'search'
    GROUP BY s.day`,
  `INSERT INTO daily_term_counts (day, term, searches, zero)
    SELECT day, term, COUNT(*), SUM(CASE WHEN results = 0 THEN 1 ELSE 0 END)
    FROM events WHERE type = 'search' AND term IS NOT NULL
    GROUP BY day, term`,
];

/** Migration 3: the tables, filled from the events already stored, then kept up to date by the triggers. */
export const AGGREGATES_MIGRATION: Record<Dialect, string[]> = {
  sqlite: [...CREATE_TABLES, ...ROLL_UP, ...SQLITE_TRIGGERS],
  postgres: [...CREATE_TABLES, ...ROLL_UP, ...POSTGRES_TRIGGERS],
};

/** Retention deletes whole days: their aggregate rows go in the same transaction. Param: the first day kept. */
export const DELETE_AGGREGATES_BEFORE = AGGREGATE_TABLES.map((table) => `DELETE FROM ${table} WHERE day < ?`);

// The dashboard's reads: cost grows with days × tasks (and days × terms), not with events.

export const TASK_STATS = `SELECT task, ${TASK_COLUMNS.map((column) => `SUM(${column}) AS ${column}`).join(', ')}
  FROM daily_task_counts
  WHERE day >= ? AND day <= ?
  GROUP BY task HAVING SUM(events) > 0`;

export const SEARCH_TOTALS = `SELECT SUM(searches) AS searches, SUM(zero) AS zero, SUM(clicks) AS clicks, SUM(rank_sum) AS rank_sum
  FROM daily_search_counts
  WHERE day >= ? AND day <= ?`;

/** Params: from, to, minimum count, limit. */
export const TOP_QUERIES = `SELECT term AS query, SUM(searches) AS count
  FROM daily_term_counts
  WHERE day >= ? AND day <= ?
  GROUP BY term HAVING SUM(searches) >= ?
  ORDER BY count DESC, term LIMIT ?`;

export const TOP_ZERO_RESULT_QUERIES = `SELECT term AS query, SUM(zero) AS count
  FROM daily_term_counts
  WHERE day >= ? AND day <= ?
  GROUP BY term HAVING SUM(zero) >= ?
  ORDER BY count DESC, term LIMIT ?`;

export const DAILY_TASK = `SELECT day, views, starts, completions
  FROM daily_task_counts
  WHERE task = ? AND day >= ? AND day <= ? AND events > 0
  ORDER BY day`;

/** The statements the dashboard's figures are read with; both implementations give the same rows. */
export interface StatsQueries {
  /** Rows: task, and the TASK_COLUMNS counts. */
  taskStats(from: string, to: string): { sql: string; params: unknown[] };
  /** One row: searches, zero, clicks, rank_sum. */
  searchTotals(from: string, to: string): { sql: string; params: unknown[] };
  /** Rows: query, count. */
  topQueries(from: string, to: string, minCount: number, limit: number): { sql: string; params: unknown[] };
  topZeroResultQueries(from: string, to: string, minCount: number, limit: number): { sql: string; params: unknown[] };
  /** Rows: day, views, starts, completions (days with none left out). */
  dailyTask(task: string, from: string, to: string): { sql: string; params: unknown[] };
}

export const AGGREGATE_QUERIES: StatsQueries = {
  taskStats: (from, to) => ({ sql: TASK_STATS, params: [from, to] }),
  searchTotals: (from, to) => ({ sql: SEARCH_TOTALS, params: [from, to] }),
  topQueries: (from, to, minCount, limit) => ({ sql: TOP_QUERIES, params: [from, to, minCount, limit] }),
  topZeroResultQueries: (from, to, minCount, limit) => ({ sql: TOP_ZERO_RESULT_QUERIES, params: [from, to, minCount, limit] }),
  dailyTask: (task, from, to) => ({ sql: DAILY_TASK, params: [task, from, to] }),
};
