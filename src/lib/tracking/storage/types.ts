/** The storage interface both adapters (SQLite, PostgreSQL) implement. */
import type { DailyTaskStats, Period, PortalStats, StoredEvent } from '../../../schemas/events.ts';

export interface StatsOptions {
  period: Period;
  /** The last day to include, YYYY-MM-DD (usually today). */
  today: string;
  /** Terms searched on fewer separate visits than this are never returned. */
  minCount: number;
  /** Rates and averages over a smaller sample are withheld (Measure.tooFew). */
  minSample: number;
}

/** Where a journey token stands for a task: open (usable), or why not. */
export type JourneyState = 'open' | 'unknown' | 'other-task' | 'expired';
export type FinishResult = 'completed' | 'already-completed' | Exclude<JourneyState, 'open'>;
export type RateResult = 'rated' | 'already-rated' | Exclude<JourneyState, 'open'>;

interface JourneyRef {
  /** SHA-256 of the token (hashJourneyToken). */
  tokenHash: string;
  task: string;
  /** Tokens started before this day have expired. */
  earliestDay: string;
}

export interface Statement {
  sql: string;
  params: unknown[];
}

export interface StoredComment {
  day: string;
  type: 'feedback' | 'satisfaction' | 'page_problem';
  task: string;
  useful: boolean | null;
  rating: number | null;
  /** Empty for a page problem sent without a comment. */
  comment: string;
  /** For a page problem: what went wrong (PROBLEM_KINDS). */
  problem: string | null;
}

export interface QueryOutcome {
  query: string;
  searches: number;
  zeroResults: number;
  clicks: number;
}

export interface EventStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Writes events in one transaction and resolves once it has committed. Known ids are skipped. */
  insert(events: readonly StoredEvent[]): Promise<void>;
  /** Records a journey (token hash, task, day) and its task_start in one transaction. */
  startJourney(journey: { tokenHash: string; task: string; day: string; startId: string }): Promise<void>;
  /** Counts the journey's completion, once, on its start day; or says why not. */
  finishJourney(journey: JourneyRef): Promise<FinishResult>;
  /** Records the journey's one rating, on its start day; or says why not (the caller may then record it unlinked). */
  rateJourney(journey: JourneyRef & { rating: number; comment?: string }): Promise<RateResult>;
  /** Adds a comment to a feedback event that has none. Resolves false when there is no such event. */
  addComment(id: string, task: string, comment: string): Promise<boolean>;
  stats(options: StatsOptions): Promise<PortalStats>;
  daily(task: string, from: string, to: string): Promise<DailyTaskStats[]>;
  comments(options: { task?: string; since?: string }): Promise<StoredComment[]>;
  queryOutcomes(options: { since?: string }): Promise<QueryOutcome[]>;
  /** Deletes events from before a day; resolves with how many went. */
  deleteBefore(day: string): Promise<number>;
  /** Deletes journeys (their tokens) started before a day: expired tokens are not kept. */
  deleteJourneysBefore(day: string): Promise<number>;
  /** SQLite on a file: how another thread may read it for the dashboard (decision 0045). */
  readAccess?(): SqliteReadAccess | undefined;
  close(): Promise<void>;
}

/**
 * What another thread of this process needs to read an SQLite store's file itself: the file,
 * and the lock word its writer and reader share (sqlite-reader.ts), so the file is never read
 * while the writer carries a deleted or replaced one over (decision 0026).
 */
export interface SqliteReadAccess {
  path: string;
  lock: SharedArrayBuffer;
  busyTimeoutMs: number;
}

/** What an adapter provides; the shared code in queries.ts turns it into an EventStore. */
export interface SqlDriver {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs statements in one transaction. */
  transaction(statements: Statement[]): Promise<number[]>;
  all(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  /**
   * A read for the dashboard that must not hold up the server (SQLite: a worker thread
   * with its own connection). Sees every committed write. Absent: `all` is used.
   */
  report?(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  /** SQLite on a file: how another thread may read it (absent for PostgreSQL and an in-memory file). */
  readAccess?(): SqliteReadAccess;
  /** Closes the connection; calling it again does nothing. */
  close(): Promise<void>;
  /** Health checks (both adapters have them; a test double may not). */
  ping?: DriverHealth['ping'];
  health?: DriverHealth['health'];
}

export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

/**
 * The database refused this data (a PostgreSQL data exception such as a NUL byte, a
 * constraint): the database itself is fine, so other requests' events can still be
 * written, and group commit retries each request alone.
 */
export class StorageRejectedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageRejectedError';
  }
}

/** What a driver knows about its database: for /readyz and the logs. */
export interface StorageHealthState {
  ok: boolean;
  /** A short cause while not ok: SQLITE_FULL, SQLITE_READONLY, ECONNREFUSED, "timeout", … */
  cause?: string;
  /** What went wrong, in words, while not ok. */
  message?: string;
  /** When this state began (ms since the epoch). */
  since: number;
}

/** Optional extras a driver offers for health checks; both adapters implement them. */
export interface DriverHealth {
  /** Answers a trivial query, or rejects; never takes longer than `timeoutMs`. */
  ping(timeoutMs: number): Promise<void>;
  health(): StorageHealthState;
}
