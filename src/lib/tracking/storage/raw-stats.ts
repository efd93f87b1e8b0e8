/**
 * The dashboard's figures counted straight from the event rows, as they were before
 * the daily aggregates (decision 0036). Kept as the reference the aggregates are
 * tested against (aggregates.test.ts), and for anyone who wants to check a live
 * database by hand: both must always give the same figures. Far too slow for a
 * page at scale (a scan of every event in the period).
 */
import type { StatsQueries } from './aggregates.ts';

const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

const TASK_STATS = `SELECT task,
    ${count("type = 'task_view'")} AS views,
    ${count("type = 'task_start'")} AS starts,
    ${count("type = 'task_complete'")} AS completions,
    ${count("type = 'task_finish_unlinked'")} AS unlinked,
    ${count("type = 'feedback' AND useful = 1")} AS yes,
    ${count("type = 'feedback' AND useful = 0")} AS no,
    ${count("type = 'satisfaction' AND rating = 1")} AS r1,
    ${count("type = 'satisfaction' AND rating = 2")} AS r2,
    ${count("type = 'satisfaction' AND rating = 3")} AS r3,
    ${count("type = 'satisfaction' AND rating = 4")} AS r4,
    ${count("type = 'satisfaction' AND rating = 5")} AS r5
  FROM events
  WHERE day >= ? AND day <= ? AND task IS NOT NULL AND type NOT IN ('search_click', 'page_problem')
  GROUP BY task`;

// Clicks belong to a search recorded in the period and count on the search's day; one click per search (a unique index).
const SEARCH_TOTALS = `SELECT t.searches, t.zero, k.clicks, k.rank_sum
  FROM (SELECT COUNT(*) AS searches, ${count('results = 0')} AS zero
        FROM events WHERE type = 'search' AND day >= ? AND day <= ?) t,
       (SELECT COUNT(*) AS clicks, SUM(c.click_rank) AS rank_sum
        FROM events c JOIN events s ON s.id = c.search_id
        WHERE c.type = 'search_click' AND s.type = 'search' AND s.day >= ? AND s.day <= ?) k`;

const topTerms = (zeroOnly: boolean) => `SELECT term AS query, COUNT(*) AS count
  FROM events
  WHERE type = 'search'${zeroOnly ? ' AND results = 0' : ''} AND day >= ? AND day <= ? AND term IS NOT NULL
  GROUP BY term HAVING COUNT(*) >= ?
  ORDER BY count DESC, term LIMIT ?`;

const DAILY_TASK = `SELECT day,
    ${count("type = 'task_view'")} AS views,
    ${count("type = 'task_start'")} AS starts,
    ${count("type = 'task_complete'")} AS completions
  FROM events
  WHERE task = ? AND day >= ? AND day <= ?
  GROUP BY day ORDER BY day`;

export const RAW_EVENT_QUERIES: StatsQueries = {
  taskStats: (from, to) => ({ sql: TASK_STATS, params: [from, to] }),
  searchTotals: (from, to) => ({ sql: SEARCH_TOTALS, params: [from, to, from, to] }),
  topQueries: (from, to, minCount, limit) => ({ sql: topTerms(false), params: [from, to, minCount, limit] }),
  topZeroResultQueries: (from, to, minCount, limit) => ({ sql: topTerms(true), params: [from, to, minCount, limit] }),
  dailyTask: (task, from, to) => ({ sql: DAILY_TASK, params: [task, from, to] }),
};
