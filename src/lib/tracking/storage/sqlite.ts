/**
 * The default store: one SQLite file through Node's built-in node:sqlite, in WAL mode.
 *
 * The file can change under a running server (decision 0026). Before and after each
 * write the driver compares the file at the path with the one it has open (device
 * and inode), and checks at intervals when idle. When the file was deleted, it writes
 * the open copy (still readable through its open handle) back to the path; when it
 * was replaced, it opens the new file and copies in any rows it lacks. A write is
 * acknowledged only once its rows are in the file at the path. A connection that
 * went read-only or hit an I/O error is reopened on the next write, and a full disk
 * clears by itself once there is space, so none needs a restart. The cause
 * (SQLITE_FULL, SQLITE_READONLY, …) is logged once per change of state.
 *
 * The dashboard's reads (`report`) go to a worker thread with its own read-only
 * connection (sqlite-reader.ts, decision 0036), so they never hold up the server.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { StorageHealth } from './health.ts';
import { AGGREGATE_TABLES } from './aggregates.ts';
import { createSqliteReader, type SqliteReader } from './sqlite-reader.ts';
import * as SQL from './sql.ts';
import { StorageRejectedError, StorageUnavailableError, type SqlDriver } from './types.ts';

export interface SqliteOptions {
  /** How long a write waits for another process's lock, in ms. node:sqlite is synchronous, so this blocks the server: keep it short. */
  busyTimeoutMs: number;
  /** How often to check, while idle, that the file at the path is still the one open, in ms (0: only around writes). */
  watchIntervalMs: number;
  /** The longest one dashboard read may take in the read worker, in ms. */
  reportTimeoutMs: number;
}

export const SQLITE_DEFAULTS: SqliteOptions = { busyTimeoutMs: 2_500, watchIntervalMs: 1_000, reportTimeoutMs: 10_000 };

const CODE_NAMES: Record<number, string> = {
  1: 'SQLITE_ERROR', 5: 'SQLITE_BUSY', 6: 'SQLITE_LOCKED', 7: 'SQLITE_NOMEM', 8: 'SQLITE_READONLY', 10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT', 13: 'SQLITE_FULL', 14: 'SQLITE_CANTOPEN', 18: 'SQLITE_TOOBIG', 19: 'SQLITE_CONSTRAINT',
  20: 'SQLITE_MISMATCH', 25: 'SQLITE_RANGE', 26: 'SQLITE_NOTADB',
};
/** Errors that blame the data, not the database: only the write holding it fails. */
const REJECTING = new Set([18, 19, 20, 25]);
/** Errors after which this connection may stay broken (a file opened read-only stays read-only): open it again. */
const REOPENING = new Set([8, 10, 11, 14, 26]);

const primaryCode = (error: unknown) => {
  const code = (error as { errcode?: unknown } | undefined)?.errcode;
  return typeof code === 'number' ? code & 0xff : undefined;
};

/** SQLITE_FULL, SQLITE_READONLY, … or a file-system code (EACCES, EROFS) for logs and /readyz. */
export function sqliteCause(error: unknown): string {
  const primary = primaryCode(error);
  if (primary !== undefined) return CODE_NAMES[primary] ?? `SQLITE_${primary}`;
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'error';
}

type Statement = { sql: string; params: unknown[] };

export function openSqlite(path: string, options: Partial<SqliteOptions> = {}): SqlDriver {
  const settings = { ...SQLITE_DEFAULTS, ...options };
  const memory = path === ':memory:';
  const health = new StorageHealth(`SQLite at ${path}`);
  let db: DatabaseSync | undefined;
  let identity: { dev: number; ino: number } | undefined;
  let statements = new Map<string, ReturnType<DatabaseSync['prepare']>>();
  let closed = false;
  let reader: SqliteReader | undefined;

  function connect(): DatabaseSync {
    if (!memory) mkdirSync(dirname(path), { recursive: true });
    const next = new DatabaseSync(path, { timeout: settings.busyTimeoutMs });
    try {
      next.exec('PRAGMA journal_mode = WAL');
      // FULL: a commit is on disk before we acknowledge it; group commit keeps that cheap.
      next.exec('PRAGMA synchronous = FULL');
      migrate(next);
    } catch (error) {
      next.close();
      throw error;
    }
    db = next;
    statements = new Map();
    identity = memory ? undefined : fileId(path);
    return next;
  }

  function disconnect() {
    const open = db;
    db = undefined;
    statements = new Map();
    try {
      open?.close();
    } catch (error) {
      console.error(`storage: SQLite at ${path}: closing the connection failed: ${(error as Error).message}`);
    }
  }

  /** Whether the file at the path is still the one open. */
  function fileChange(): 'deleted' | 'replaced' | undefined {
    if (memory || !identity || !db) return undefined;
    let now: { dev: number; ino: number };
    try {
      now = fileId(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'deleted';
      throw error;
    }
    return now.dev === identity.dev && now.ino === identity.ino ? undefined : 'replaced';
  }

  /**
   * The file at the path is not the one open. Copies the open database (its rows and
   * its WAL, readable through the open handle) to a new file beside the path, closes the
   * old connection (so its -wal and -shm files go), then either puts the copy at the path
   * (the file was deleted) or opens the new file and adds the copy's missing rows to it.
   */
  function recover(change: 'deleted' | 'replaced') {
    if (reader) reader.exclusive(() => carryOver(change));
    else carryOver(change);
  }

  function carryOver(change: 'deleted' | 'replaced') {
    const old = db!;
    const saved = join(dirname(path), `${basename(path)}.recovered-${process.pid}-${Date.now()}`);
    mkdirSync(dirname(path), { recursive: true });
    old.prepare('VACUUM INTO ?').run(saved);
    syncFile(saved);
    disconnect();
    if (change === 'deleted' && !existsSync(path)) {
      renameSync(saved, path);
      syncFile(dirname(path));
      connect();
      console.error(`storage: SQLite at ${path}: the file was deleted while open; it has been written back from the open copy, with every stored event.`);
      return;
    }
    const fresh = connect();
    let copied: number;
    try {
      copied = mergeInto(fresh, saved);
    } catch (error) {
      throw new Error(`the file was replaced while open, and the old file's rows could not be copied into the new one (they are kept in ${saved}): ${(error as Error).message}`, { cause: error });
    }
    unlinkSync(saved);
    console.error(`storage: SQLite at ${path}: the file was replaced while open; now using the new file, with ${copied} rows it lacked copied in from the old one.`);
  }

  /** Opens the file if it is not open, and follows it if it moved. */
  function ready(): DatabaseSync {
    if (closed) throw new StorageUnavailableError(`SQLite at ${path}: the store is closed`);
    if (!db) return connect();
    const change = fileChange();
    if (change) recover(change);
    return db!;
  }

  function prepare(sql: string) {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db!.prepare(sql)));
    return statement;
  }

  function run(list: Statement[]): number[] {
    const open = ready();
    const changes: number[] = [];
    open.exec('BEGIN IMMEDIATE');
    try {
      for (const { sql, params } of list) changes.push(Number(prepare(sql).run(...(params as never[])).changes));
      open.exec('COMMIT');
    } catch (error) {
      // SQLite rolls back by itself on some errors (SQLITE_FULL at COMMIT): a second
      // ROLLBACK would fail with "no transaction is active" and hide the real cause.
      if (open.isTransaction) {
        try {
          open.exec('ROLLBACK');
        } catch {
          // The first error is the one to report.
        }
      }
      throw error;
    }
    // The file may have been deleted or replaced during the commit: the rows are
    // acknowledged only once they are in the file at the path.
    const change = fileChange();
    if (change) recover(change);
    return changes;
  }

  function failure(what: string, error: unknown): Error {
    if (error instanceof StorageUnavailableError) return error;
    const primary = primaryCode(error);
    const cause = sqliteCause(error);
    if (primary !== undefined && REJECTING.has(primary)) {
      return new StorageRejectedError(`SQLite refused the ${what} [${cause}]: ${(error as Error).message}`, { cause: error });
    }
    if (primary === undefined || REOPENING.has(primary)) disconnect();
    health.failed(cause, `${what}s fail: ${(error as Error).message}`);
    return new StorageUnavailableError(`SQLite ${what} failed [${cause}]: ${(error as Error).message}`, { cause: error });
  }

  try {
    connect();
  } catch (error) {
    throw new StorageUnavailableError(`Cannot open the SQLite database at ${path}: ${(error as Error).message} [${sqliteCause(error)}]. Check the folder exists and is writable, or set TASKFRONT_DB.`, { cause: error });
  }

  const watch = settings.watchIntervalMs > 0 && !memory
    ? setInterval(() => {
        if (!db || closed) return;
        try {
          const change = fileChange();
          if (change) recover(change);
        } catch (error) {
          failure('write', error);
        }
      }, settings.watchIntervalMs)
    : undefined;
  watch?.unref();

  // An in-memory database has no second connection to share it: it reads on this thread.
  reader = memory ? undefined : createSqliteReader(path, { busyTimeoutMs: settings.busyTimeoutMs, timeoutMs: settings.reportTimeoutMs });
  let readerTrouble = '';
  const fileReader = reader;

  /** Runs a query on this thread's connection (which can reopen and follow the file). */
  function readHere(sql: string, params: unknown[]) {
    try {
      ready();
      return prepare(sql).all(...(params as never[])) as Record<string, unknown>[];
    } catch (error) {
      throw failure('read', error);
    }
  }

  return {
    kind: 'sqlite',
    async transaction(list) {
      try {
        const changes = run(list);
        health.succeeded();
        return changes;
      } catch (error) {
        throw failure('write', error);
      }
    },
    async all(sql, params) {
      return readHere(sql, params);
    },
    async report(sql, params) {
      if (!reader || closed) return readHere(sql, params);
      try {
        const rows = await reader.read(sql, params);
        readerTrouble = '';
        return rows;
      } catch (error) {
        // The worker cannot read (it died, or it was starved past its timeout on a busy machine).
        // The read fails, and the dashboard answers 503 with Retry-After; it is not done on the
        // server's own thread instead, where a heavy read would hold up every search (issue 12).
        // The next read starts a new worker. Said once per cause.
        const message = (error as Error).message;
        if (message !== readerTrouble) console.error(`storage: SQLite at ${path}: the dashboard's read worker failed (${message}); the dashboard answers 503 until it reads again.`);
        readerTrouble = message;
        throw error;
      }
    },
    ...(fileReader ? { readAccess: () => fileReader.access() } : {}),
    async ping() {
      try {
        ready().prepare('SELECT 1').get();
        // After a failed write, only a write shows the store can write again (space freed, made writable).
        if (!health.state.ok) {
          run([{ sql: 'UPDATE schema_migrations SET version = version', params: [] }]);
          health.succeeded();
        }
      } catch (error) {
        throw failure('write', error);
      }
    },
    // Alike in shape to postgres.ts's health and close: the two stores implement one EventStore interface, each with its own resources to release.
    health: () => health.state,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(watch);
      await reader?.close();
      disconnect();
    },
  };
}

function fileId(path: string) {
  const stat = statSync(path);
  return { dev: stat.dev, ino: stat.ino };
}

function syncFile(path: string) {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Adds the saved file's rows that `db` lacks, table by table, for the columns both have.
 * The aggregates are not copied: the triggers count each event copied in, and events
 * already in `db` are already counted there.
 */
function mergeInto(db: DatabaseSync, saved: string): number {
  db.prepare("ATTACH DATABASE ? AS saved").run(saved);
  try {
    const tables = (db.prepare("SELECT name FROM saved.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'").all() as { name: string }[]).map((row) => row.name).filter((name) => !(AGGREGATE_TABLES as readonly string[]).includes(name));
    let copied = 0;
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const table of tables) {
        const columnsOf = (schema: string) => new Set((db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).all(table, schema) as { name: string }[]).map((row) => row.name));
        const ours = columnsOf('main');
        if (!ours.size) continue;
        const shared = [...columnsOf('saved')].filter((column) => ours.has(column)).map((column) => `"${column.replaceAll('"', '""')}"`).join(', ');
        const quoted = `"${table.replaceAll('"', '""')}"`;
        copied += Number(db.prepare(`INSERT OR IGNORE INTO main.${quoted} (${shared}) SELECT ${shared} FROM saved.${quoted}`).run().changes);
      }
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
    return copied;
  } finally {
    db.exec('DETACH DATABASE saved');
  }
}

function migrate(db: DatabaseSync) {
  db.exec(SQL.MIGRATIONS_TABLE);
  const applied = new Set((db.prepare(SQL.APPLIED_VERSIONS).all() as { version: number }[]).map((row) => Number(row.version)));
  for (const migration of SQL.MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const statement of SQL.migrationStatements(migration, 'sqlite')) db.exec(statement);
      db.prepare(SQL.RECORD_VERSION).run(migration.version);
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }
}
