/**
 * The scale-out store: PostgreSQL through `pg`, shared by any number of portal servers.
 *
 * A database that crashes, fails over, hangs or refuses a value is answered, never
 * fatal (decision 0025): every pool client has an error listener; connecting,
 * each statement and each whole write have time limits; after a failure that says
 * the database is unavailable, calls are refused at once (503) while a probe tries
 * the database every half second, and the store recovers by itself when it answers.
 * A value the database refuses (a data exception) fails only the write holding it.
 */
import pg from 'pg';
import { DeadlineError, StorageHealth, withDeadline } from './health.ts';
import * as SQL from './sql.ts';
import { StorageRejectedError, StorageUnavailableError, type SqlDriver } from './types.ts';

/** "?" placeholders, as both adapters write them, become PostgreSQL's $1, $2, … */
export function numberPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

// Arbitrary but fixed: every Taskfront server takes this lock while it migrates.
const MIGRATION_LOCK = 7_412_031;

export interface PostgresOptions {
  /** Waiting for a connection (new or from the pool), in ms. */
  connectTimeoutMs: number;
  /** The longest one statement may run, in ms: statement_timeout on the server, and a read timeout a second longer here. */
  statementTimeoutMs: number;
  /** idle_in_transaction_session_timeout, in ms: the server ends a transaction left open this long. */
  idleInTransactionTimeoutMs: number;
  /** The longest a whole write transaction may take before it is answered as failed, in ms. */
  writeTimeoutMs: number;
  /** While the database is unavailable, how often to try it again, in ms. */
  retryIntervalMs: number;
  /** Connections in the pool. */
  poolSize: number;
}

/** The defaults of the TASKFRONT_DB_* and TASKFRONT_WRITE_TIMEOUT_MS settings (src/lib/settings/schema.ts). */
export const POSTGRES_DEFAULTS: PostgresOptions = {
  connectTimeoutMs: 2_000,
  statementTimeoutMs: 2_000,
  idleInTransactionTimeoutMs: 5_000,
  writeTimeoutMs: 2_500,
  retryIntervalMs: 500,
  poolSize: 10,
};

/** SQLSTATE classes that blame the data (22 data exception, 23 integrity constraint), not the database. */
const REJECTING_CLASSES = new Set(['22', '23']);

/** A short cause for logs and /readyz: the SQLSTATE, the socket error code, or what timed out. */
export function causeOf(error: unknown): string {
  if (error instanceof DeadlineError) return 'timeout';
  const { code, message = '' } = (error ?? {}) as { code?: unknown; message?: string };
  if (typeof code === 'string' && code) return code;
  if (/timeout expired|timeout exceeded when trying to connect/i.test(message)) return 'connect timeout';
  if (/Query read timeout/i.test(message)) return 'statement timeout';
  if (/Connection terminated/i.test(message)) return 'connection lost';
  return 'error';
}

/**
 * Whether an error says the database cannot be reached or cannot work (no answer, a
 * lost connection, 08 connection, 53 resources, 57P shutdown, 58 system, XX internal),
 * as opposed to one statement failing on a working server (a statement timeout, 57014).
 */
function isOutage(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return ['08', '53', '58', 'XX'].includes(code.slice(0, 2)) || code.startsWith('57P');
}

function isRejection(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && REJECTING_CLASSES.has(code.slice(0, 2));
}

export async function openPostgres(connectionString: string, options: Partial<PostgresOptions> = {}): Promise<SqlDriver> {
  const settings = { ...POSTGRES_DEFAULTS, ...options };
  const health = new StorageHealth(`PostgreSQL at ${safeTarget(connectionString)}`);
  const pool = new pg.Pool({
    connectionString,
    max: settings.poolSize,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    statement_timeout: settings.statementTimeoutMs,
    // Client-side: a server that has stopped answering (hung, SIGSTOPped, cut off) cannot time itself out.
    query_timeout: settings.statementTimeoutMs + 1_000,
    idle_in_transaction_session_timeout: settings.idleInTransactionTimeoutMs,
    application_name: 'taskfront',
  });
  let closed = false;
  let probe: NodeJS.Timeout | undefined;

  // An idle client's socket error reaches the pool; a client in use has only its own
  // listener below. Without a listener an 'error' event ends the whole process.
  pool.on('error', (error) => unavailable(error));
  pool.on('connect', (client) => client.on('error', (error) => unavailable(error)));

  /** Marks the database unavailable (logged once per cause) and starts probing it. */
  function unavailable(error: unknown) {
    if (closed) return;
    health.failed(causeOf(error), `unavailable (${(error as Error).message})`);
    if (!probe) scheduleProbe();
  }

  function scheduleProbe() {
    probe = setTimeout(() => {
      withDeadline(pool.query('SELECT 1'), settings.connectTimeoutMs + settings.statementTimeoutMs, 'a probe')
        .then(() => {
          probe = undefined;
          health.succeeded();
        })
        .catch((error: unknown) => {
          if (closed) return;
          health.failed(causeOf(error), `unavailable (${(error as Error).message})`);
          scheduleProbe();
        });
    }, settings.retryIntervalMs);
    probe.unref();
  }

  function refuseWhileDown(what: string) {
    if (closed) throw new StorageUnavailableError(`PostgreSQL ${what} refused: the store is closed`);
    const state = health.state;
    if (!state.ok) {
      throw new StorageUnavailableError(`PostgreSQL ${what} refused at once: the database has been unavailable for ${((Date.now() - state.since) / 1000).toFixed(1)} s (${state.message}); trying it again every ${settings.retryIntervalMs} ms`);
    }
  }

  function failure(what: string, error: unknown): Error {
    if (isRejection(error)) {
      return new StorageRejectedError(`PostgreSQL refused the ${what} [${causeOf(error)}]: ${(error as Error).message}`, { cause: error });
    }
    if (isOutage(error)) unavailable(error);
    return new StorageUnavailableError(`PostgreSQL ${what} failed [${causeOf(error)}]: ${(error as Error).message}`, { cause: error });
  }

  try {
    await withDeadline(migrate(pool), settings.connectTimeoutMs + 4 * settings.statementTimeoutMs, 'opening and migrating');
  } catch (error) {
    closed = true;
    void pool.end().catch(() => {});
    throw new StorageUnavailableError(`Cannot use PostgreSQL at DATABASE_URL (${safeTarget(connectionString)}): ${(error as Error).message} [${causeOf(error)}]`, { cause: error });
  }

  return {
    kind: 'postgres',

    async transaction(list) {
      refuseWhileDown('write');
      let client: pg.PoolClient | undefined;
      let late = false;
      let released = false;
      const release = (error?: Error) => {
        if (client && !released) {
          released = true;
          client.release(error);
        }
      };
      const work = (async () => {
        client = await pool.connect();
        try {
          // The deadline passed while connecting: give the connection back unused.
          if (late) throw new DeadlineError('the write was abandoned while connecting');
          await client.query('BEGIN');
          const changes: number[] = [];
          for (const { sql, params } of list) changes.push((await client.query(numberPlaceholders(sql), params)).rowCount ?? 0);
          await client.query('COMMIT');
          return changes;
        } catch (error) {
          // A rejected value leaves a healthy connection in a failed transaction; anything else may have broken it.
          if (isRejection(error) && !late) {
            await client.query('ROLLBACK').catch((rollbackError: unknown) => release(rollbackError as Error));
          } else {
            release(error as Error);
          }
          throw error;
        } finally {
          release();
        }
      })();
      try {
        return await withDeadline(work, settings.writeTimeoutMs, 'a write', () => release(new Error('abandoned after its deadline')));
      } catch (error) {
        if (error instanceof DeadlineError) {
          late = true;
          // A connection stuck mid-transaction is never reused.
          release(error);
        }
        throw failure('write', error);
      }
    },

    async all(sql, params) {
      refuseWhileDown('read');
      try {
        return (await withDeadline(pool.query(numberPlaceholders(sql), params), settings.connectTimeoutMs + settings.statementTimeoutMs + 1_000, 'a read')).rows;
      } catch (error) {
        throw failure('read', error);
      }
    },

    async ping(timeoutMs) {
      refuseWhileDown('health check');
      try {
        await withDeadline(pool.query('SELECT 1'), timeoutMs, 'a health check');
      } catch (error) {
        throw failure('health check', error);
      }
    },

    health: () => health.state,

    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(probe);
      // A hung server never answers the goodbye; do not wait on it for ever.
      await withDeadline(pool.end(), 2_000, 'closing the pool').catch((error: unknown) => console.error(`storage: PostgreSQL pool did not close cleanly: ${(error as Error).message}`));
    },
  };
}

async function migrate(pool: pg.Pool) {
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(SQL.MIGRATIONS_TABLE);
    const applied = new Set((await client.query(SQL.APPLIED_VERSIONS)).rows.map((row) => Number(row.version)));
    for (const migration of SQL.MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      for (const statement of SQL.migrationStatements(migration, 'postgres')) await client.query(statement);
      await client.query(numberPlaceholders(SQL.RECORD_VERSION), [migration.version]);
      await client.query('COMMIT');
    }
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  } catch (error) {
    failed = error as Error;
  }
  // A connection that failed here may hold the lock or a broken transaction: it is closed, not reused.
  client.release(failed);
  if (failed) throw failed;
}

/** host:port/database, never the password, for logs. */
function safeTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}
