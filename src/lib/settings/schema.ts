/**
 * Every environment setting Taskfront reads, in one zod schema, keyed by the
 * variable's own name. The server parses them all when it starts (see
 * load-settings.ts), so a bad value stops the start with a message naming the
 * variable, instead of a page answering 500 later. An unset or empty variable
 * takes its default.
 */
import { z } from 'zod';
import { hstsFromEnv, timeoutFromEnv } from '../http/server-config.ts';
import { trustedProxiesFromEnv } from '../server/client-key.ts';
import { completionKeysFromEnv } from '../tracking/events/handle-completions.ts';
import { journeyDaysFromEnv } from '../tracking/privacy/journey-token.ts';
import { attentionThresholdsFromEnv } from '../tracking/stats/attention.ts';
import { minSampleFromEnv } from '../tracking/stats/stats-params.ts';

const blank = (raw: string | undefined): raw is undefined => raw === undefined || raw.trim() === '';

/** A whole number within a range; `what` completes "must be a whole number of …". */
function wholeNumber({ fallback, min, max = Number.MAX_SAFE_INTEGER, what }: { fallback: number; min: number; max?: number; what: string }) {
  return z
    .string()
    .optional()
    .transform((raw, context): number => {
      if (blank(raw)) return fallback;
      const value = Number(raw.trim());
      if (/^\d+$/.test(raw.trim()) && value >= min && value <= max) return value;
      const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
      context.addIssue({ code: 'custom', message: `must be a whole number of ${what}, ${range} (the default is ${fallback})` });
      return z.NEVER;
    });
}

/** Text with no check beyond "not blank"; unset gives `fallback`. */
const text = (fallback: string) => z.string().optional().transform((raw) => (blank(raw) ? fallback : raw.trim()));
const optionalText = z.string().optional().transform((raw) => (blank(raw) ? undefined : raw.trim()));

/**
 * A setting whose own feature parses it (and is tested there): its parser takes the
 * environment and throws an Error naming the variable; the message, less the name, becomes the issue.
 */
function parsedBy<T>(name: string, parse: (env: NodeJS.ProcessEnv) => T) {
  return z
    .string()
    .optional()
    .transform((raw, context): T => {
      try {
        return parse({ [name]: raw });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        context.addIssue({ code: 'custom', message: message.replace(new RegExp(`^${name}:?\\s*`), '') });
        return z.NEVER;
      }
    });
}

const millis = (fallback: number, min: number, max: number) => wholeNumber({ fallback, min, max, what: 'milliseconds' });

export const DEFAULT_SQLITE_PATH = 'data/taskfront.sqlite';

export const settingsSchema = z.object({
  /** The port the server listens on (read by the Node adapter; default 4321). */
  PORT: z
    .string()
    .optional()
    .transform((raw, context): number | undefined => {
      if (blank(raw)) return undefined;
      const value = Number(raw.trim());
      if (/^\d+$/.test(raw.trim()) && value >= 1 && value <= 65_535) return value;
      context.addIssue({ code: 'custom', message: 'must be a port number from 1 to 65535, e.g. 4321' });
      return z.NEVER;
    }),
  /** The address the server listens on (read by the Node adapter; default localhost), e.g. 0.0.0.0 in a container. */
  HOST: optionalText,
  /**
   * A PostgreSQL connection string, postgres://user:password@host:5432/dbname. When set,
   * events are stored there and TASKFRONT_DB is not used.
   */
  DATABASE_URL: z
    .string()
    .optional()
    .transform((raw, context): string | undefined => {
      if (blank(raw)) return undefined;
      let url: URL | undefined;
      try {
        url = new URL(raw.trim());
      } catch {
        url = undefined;
      }
      if (url && (url.protocol === 'postgres:' || url.protocol === 'postgresql:')) return raw.trim();
      context.addIssue({ code: 'custom', message: 'must be a PostgreSQL URL such as postgres://user:password@host:5432/dbname (unset it to use SQLite)' });
      return z.NEVER;
    }),
  /** The SQLite file for events when DATABASE_URL is not set (default data/taskfront.sqlite), created on first use. */
  TASKFRONT_DB: text(DEFAULT_SQLITE_PATH),
  /** How many requests one client may make at once, then how many a second: "burst/perSecond" (default 60/5). */
  TASKFRONT_RATE_LIMIT: z
    .string()
    .optional()
    .transform((raw, context): { burst: number; perSecond: number } => {
      const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(blank(raw) ? '60/5' : raw.trim());
      if (match && Number(match[1]) >= 1 && Number(match[2]) > 0) return { burst: Number(match[1]), perSecond: Number(match[2]) };
      context.addIssue({ code: 'custom', message: 'must look like "60/5" (a burst of 60 requests, then 5 a second; the default)' });
      return z.NEVER;
    }),
  /** A search query is published only when searched at least this often (default 10), so rare, personal searches stay private. */
  TASKFRONT_MIN_COUNT: wholeNumber({ fallback: 10, min: 2, what: 'searches' }),
  /** Days events are kept (default 730); at least 90, so the 90-day dashboard stays whole. */
  TASKFRONT_RETENTION_DAYS: wholeNumber({ fallback: 730, min: 90, what: 'days' }),
  /** No longer read: it trusted an address the client writes. Refused when set, naming its replacement. */
  TASKFRONT_TRUST_PROXY: z
    .string()
    .optional()
    .transform((raw, context): undefined => {
      if (blank(raw)) return undefined;
      context.addIssue({ code: 'custom', message: 'is no longer read (it trusted an address the client writes): unset it and set TASKFRONT_TRUSTED_PROXIES to your proxies\' addresses or ranges, e.g. "10.0.0.0/8"' });
      return z.NEVER;
    }),
  /** Your reverse proxies, as addresses or CIDR ranges; the rate limit then keys on the rightmost X-Forwarded-For address they did not add. */
  TASKFRONT_TRUSTED_PROXIES: parsedBy('TASKFRONT_TRUSTED_PROXIES', trustedProxiesFromEnv),
  /** A rate or average over fewer than this many is withheld: "too few to say (n = 3)" (default 10). */
  TASKFRONT_MIN_SAMPLE: parsedBy('TASKFRONT_MIN_SAMPLE', minSampleFromEnv),
  /** Days a journey token can still finish its journey after its start day (default 1). */
  TASKFRONT_JOURNEY_DAYS: parsedBy('TASKFRONT_JOURNEY_DAYS', journeyDaysFromEnv),
  /** "task=key" pairs for POST /api/completions; keys of at least 32 characters (default none). */
  TASKFRONT_COMPLETION_KEYS: parsedBy('TASKFRONT_COMPLETION_KEYS', completionKeysFromEnv),
  /** The dashboard's "Needs attention": a completion rate below this percentage (default 60). */
  TASKFRONT_ATTENTION_COMPLETION: parsedBy('TASKFRONT_ATTENTION_COMPLETION', (env) => attentionThresholdsFromEnv(env).completion),
  /** The dashboard's "Needs attention": an average satisfaction below this, 1 to 5 (default 3.5). */
  TASKFRONT_ATTENTION_SATISFACTION: parsedBy('TASKFRONT_ATTENTION_SATISFACTION', (env) => attentionThresholdsFromEnv(env).satisfaction),
  /** Seconds a client has to send its request headers before 408 (default 10). */
  TASKFRONT_HEADERS_TIMEOUT: parsedBy('TASKFRONT_HEADERS_TIMEOUT', (env) => timeoutFromEnv('TASKFRONT_HEADERS_TIMEOUT', env)),
  /** Seconds a client has to send the whole request, body included, before 408 (default 30). */
  TASKFRONT_REQUEST_TIMEOUT: parsedBy('TASKFRONT_REQUEST_TIMEOUT', (env) => timeoutFromEnv('TASKFRONT_REQUEST_TIMEOUT', env)),
  /** 1 sends Strict-Transport-Security over plain HTTP too, when a proxy in front terminates TLS (always sent over HTTPS). */
  TASKFRONT_HSTS: parsedBy('TASKFRONT_HSTS', hstsFromEnv),
  /** For previews and tests only: serve the dashboard's figures from this JSON file, said in a banner (default unset). */
  TASKFRONT_STATS_FIXTURE: optionalText,
  /** At build time: above this compressed size (KB, default 150) the browser asks /api/search instead of downloading the index. */
  TASKFRONT_BROWSER_INDEX_MAX_KB: z
    .string()
    .optional()
    .transform((raw, context): number => {
      if (blank(raw)) return 150;
      const value = Number(raw.trim());
      if (Number.isFinite(value) && value >= 0) return value;
      context.addIssue({ code: 'custom', message: 'must be a number of kilobytes, 0 or more (the default is 150)' });
      return z.NEVER;
    }),
  /**
   * While the server runs: the folder of incident files it watches (default content/incidents,
   * under TASKFRONT_CONTENT_DIR when that is set). Read live, so publishing an incident needs no rebuild.
   */
  TASKFRONT_INCIDENTS_DIR: optionalText,
  /** At build time: the content folder (default content/). */
  TASKFRONT_CONTENT_DIR: optionalText,
  /** At build time: the site's public address, for canonical links and the sitemap (default http://localhost:4321). */
  // URL settings share a shape (DATABASE_URL, TASKFRONT_SITE): each accepts its own schemes and names its own fix.
  TASKFRONT_SITE: z
    .string()
    .optional()
    .transform((raw, context): string | undefined => {
      if (blank(raw)) return undefined;
      if (URL.canParse(raw.trim()) && /^https?:$/.test(new URL(raw.trim()).protocol)) return raw.trim();
      context.addIssue({ code: 'custom', message: 'must be the site address, such as https://www.example.gov.uk' });
      return z.NEVER;
    }),
  /** PostgreSQL: how long to wait for a connection before answering 503 (default 2000 ms). */
  TASKFRONT_DB_CONNECT_TIMEOUT_MS: millis(2_000, 100, 60_000),
  /** PostgreSQL: the longest one statement may run (statement_timeout, and a client-side read timeout a second longer; default 2000 ms). */
  TASKFRONT_DB_STATEMENT_TIMEOUT_MS: millis(2_000, 100, 600_000),
  /** PostgreSQL: a connection idle inside a transaction this long is ended by the server (idle_in_transaction_session_timeout; default 5000 ms). */
  TASKFRONT_DB_IDLE_TX_TIMEOUT_MS: millis(5_000, 100, 600_000),
  /**
   * The longest one write (a group commit) may take before its requests are answered 503
   * (default 2500 ms). A request waits for at most the write before its own and its own,
   * so POST /api/events answers within twice this.
   */
  TASKFRONT_WRITE_TIMEOUT_MS: millis(2_500, 100, 60_000),
  /**
   * Seconds the dashboard's figures (each period's, and each task's daily trend) are kept
   * after they are read, and what Cache-Control allows (default 60; 0 reads them on every request).
   */
  TASKFRONT_STATS_CACHE_SECONDS: wholeNumber({ fallback: 60, min: 0, max: 3_600, what: 'seconds' }),
  /**
   * The nice value of the threads that read the dashboard's figures from SQLite and render its
   * pages (default 19: they get the CPU only when the server's main thread and other work at
   * normal priority leave some; 0 runs them like the rest of the server). Linux only (decisions 0043, 0045).
   */
  TASKFRONT_READER_NICE: wholeNumber({ fallback: 19, min: 0, max: 19, what: 'nice value' }),
  /**
   * `on` (the default): the dashboard's pages, CSV and /api/stats are rendered on a worker thread,
   * so they never hold up search; `off` renders them on the main thread like every other page (decision 0045).
   */
  TASKFRONT_DASHBOARD_THREAD: z
    .string()
    .optional()
    .transform((raw, context): boolean => {
      const value = blank(raw) ? 'on' : raw.trim().toLowerCase();
      if (value === 'on' || value === 'off') return value === 'on';
      context.addIssue({ code: 'custom', message: 'must be on or off (the default is on)' });
      return z.NEVER;
    }),
  /** On SIGTERM or SIGINT: how long to finish requests in flight and close the store before exiting (default 8000 ms). */
  TASKFRONT_SHUTDOWN_TIMEOUT_MS: millis(8_000, 500, 120_000),
});

export type SettingName = keyof typeof settingsSchema.shape;
export type Settings = z.output<typeof settingsSchema>;
