/**
 * Events citizens' browsers and our own routes record, and the figures we publish.
 * One definition, used by the events API, the routes that record on the server,
 * the storage layer, the dashboard, the CSV and JSON exports, and the tools.
 */
import { z } from 'zod';
import type { ProblemKind } from './page-problem.ts';

export const MAX_EVENTS_PER_BATCH = 20;
export const MAX_BODY_BYTES = 8 * 1024;
export const MAX_COMMENT_LENGTH = 300;
export const MAX_QUERY_LENGTH = 100;
export const PERIODS = [7, 28, 90] as const;
export type Period = (typeof PERIODS)[number];

const id = z.uuid('id must be a UUID, e.g. from crypto.randomUUID()');
/** Control characters other than tab and line breaks: PostgreSQL cannot store NUL, and none belongs in a query or comment. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** A lone UTF-16 surrogate (paired ones are one code point under the u flag): not text either store can hold as written. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Text both stores hold exactly as sent: a 400 names the field instead of a database refusing the batch. */
function storableText(field: string, max: number) {
  return z
    .string(`${field} must be text`)
    .max(max, `${field} must be at most ${max} characters`)
    .refine((text) => !CONTROL_CHARACTER.test(text), `${field} must not contain control characters (such as NUL)`)
    .refine((text) => !LONE_SURROGATE.test(text), `${field} must be valid Unicode text (it holds a lone surrogate)`);
}
const comment = storableText('comment', MAX_COMMENT_LENGTH).optional();
const query = storableText('query', MAX_QUERY_LENGTH);

/** The event types a browser may send to POST /api/events. */
const API_EVENT_TYPES = ['task_view', 'search', 'search_click', 'feedback'] as const;

/**
 * Recorded only by the portal's own pages and APIs, never accepted from a client: a
 * client that could send them could invent starts, completions and ratings.
 */
const PAGE_EVENT_TYPES = ['task_start', 'task_complete', 'task_finish_unlinked', 'satisfaction', 'page_problem'] as const;

/** Builds the event schema for a set of known task slugs, so an unknown task is a 400. */
export function eventSchemaFor(knownTasks: ReadonlySet<string>) {
  const task = z.string('task must be a task slug').refine((slug) => knownTasks.has(slug), { error: (issue) => `"${String(issue.input)}" is not a task on this portal` });
  return z.discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('task_view'), id, task }),
      z.strictObject({ type: z.literal('feedback'), id, task, useful: z.boolean('useful must be true or false'), comment }),
      z.strictObject({ type: z.literal('search'), id, query, results: z.number('results must be a number').int().min(0, 'results must be 0 or more').max(100_000) }),
      z.strictObject({
        type: z.literal('search_click'),
        id,
        /** The id of the search whose result was clicked: the /search page's data-search-id, or a live search's own id. */
        search: z.uuid('search must be the id of the search whose results were shown (data-search-id)'),
        query,
        task,
        rank: z.number('rank must be a number').int('rank must be a whole number').min(1, 'rank must be 1 or more').max(50, 'rank must be 50 or less'),
      }),
    ],
    {
      error: (issue) => {
        // For a discriminated union, zod reports the whole event as the input.
        const input = issue.input as unknown;
        const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : input;
        return PAGE_EVENT_TYPES.includes(type as never)
          ? `${String(type)} is recorded by the portal's own pages (/start, /done) and cannot be sent here`
          : `type must be one of: ${API_EVENT_TYPES.join(', ')}`;
      },
    },
  );
}

/** A batch body of POST /api/events: { events: [...] } with 1 to 20. (A lone event is also accepted.) */
export function eventBatchSchemaFor(knownTasks: ReadonlySet<string>) {
  return z.strictObject({
    events: z
      .array(eventSchemaFor(knownTasks), 'events must be a list of events')
      .min(1, 'events must hold at least 1 event')
      .max(MAX_EVENTS_PER_BATCH, `events can hold at most ${MAX_EVENTS_PER_BATCH} events; send the rest in another request`),
  });
}

/** An event a browser sent, once validated. */
export type ApiEvent = z.output<ReturnType<typeof eventSchemaFor>>;

/** An event only the portal records: a journey's start and finish, a finish without a journey, a rating. */
export type PageEvent =
  | { type: 'task_start' | 'task_complete' | 'task_finish_unlinked'; id: string; task: string }
  | { type: 'satisfaction'; id: string; task: string; rating: number; comment?: string }
  /** "Report a problem with this page": for editors only, never counted in the published figures. */
  | { type: 'page_problem'; id: string; task: string; problem: ProblemKind; comment?: string };

export type TrackedEvent = ApiEvent | PageEvent;

/** An event as stored: personal data already scrubbed, only the day kept. */
export type StoredEvent = TrackedEvent & {
  day: string;
  /**
   * For a search: the term it may be published under. Set only when the term passes the
   * text filter and is this client's first search for it that day (see decision 0009).
   */
  term?: string;
};

/**
 * A rate or an average, published with the sample it comes from. `value` is null when
 * there is nothing to divide by, or when `n` is below the minimum sample (`minSample`):
 * pages then say "too few to say (n = 3)", never a number. Rates are in 0..1.
 */
export interface Measure {
  value: number | null;
  /** The sample size: the denominator of a rate, or how many answers an average is over. */
  n: number;
  /** True when n is below the minimum sample, so the value is withheld. */
  tooFew: boolean;
}

/** Figures for one task over a period. */
export interface TaskStats {
  task: string;
  views: number;
  /** Journeys started (each /start visit that was recorded makes one journey). */
  starts: number;
  /** Journeys finished with their own valid, unused token: never more than `starts`. */
  completions: number;
  /** Visits to /done/<task> with no valid journey token: shown apart, never counted as completions. */
  unlinkedFinishes: number;
  /** completions ÷ starts of the same journeys; n = starts. Can never pass 1. */
  completionRate: Measure;
  feedbackYes: number;
  feedbackNo: number;
  /** feedbackYes ÷ (yes + no); n = yes + no. */
  helpedRate: Measure;
  ratings: number;
  /** Mean of 1–5 ratings (one per journey where there is one); n = ratings. */
  averageRating: Measure;
  /** How many ratings of 1, 2, 3, 4, 5 (index 0 is rating 1). */
  ratingCounts: [number, number, number, number, number];
}

export interface QueryCount {
  query: string;
  /** Separate visits that searched it: each client counts at most once a day (decision 0009). */
  count: number;
}

export interface SearchStats {
  /** Searches whose results were shown (a /search page, or a live search with results shown). */
  searches: number;
  zeroResultSearches: number;
  /** zeroResultSearches ÷ searches; n = searches. */
  zeroResultRate: Measure;
  /** Result clicks that belong to a recorded search: never more than `searches`. */
  clicks: number;
  /** Searches with at least one click ÷ searches; n = searches. Can never pass 1. */
  clickThroughRate: Measure;
  /** Mean rank of clicked results; n = clicks. */
  averageClickRank: Measure;
  /** Only queries searched on at least `minCount` separate searches that no one client can fake. */
  topQueries: QueryCount[];
  topZeroResultQueries: QueryCount[];
}

/** The same figures for the period before, for "up 4 points" comparisons. */
export interface PreviousStats {
  from: string;
  to: string;
  totals: Omit<TaskStats, 'task'>;
  tasks: TaskStats[];
}

/** GET /api/stats?period=28 and the /performance page. */
export interface PortalStats {
  period: Period;
  /** First and last day covered, YYYY-MM-DD. */
  from: string;
  to: string;
  /** A term is published only when searched on at least this many separate visits (one per client a day). */
  minCount: number;
  /** A rate or average below this sample is withheld ("too few to say"). */
  minSample: number;
  totals: Omit<TaskStats, 'task'>;
  tasks: TaskStats[];
  search: SearchStats;
  previous: PreviousStats;
}

/** One day of one task, for the trend chart. */
export interface DailyTaskStats {
  day: string;
  views: number;
  starts: number;
  completions: number;
}
