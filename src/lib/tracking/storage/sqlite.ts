/** The default store: one SQLite file through Node's built-in node:sqlite, in WAL mode. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import * as SQL from './sql.ts';
import { StorageUnavailableError, type SqlDriver } from './types.ts';

export function openSqlite(path: string): SqlDriver {
  let db: DatabaseSync;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new DatabaseSync(path);
    db.exec('PRAGMA journal_mode = WAL');
    // FULL: a commit is on disk before we acknowledge it; group commit keeps that cheap.
    db.exec('PRAGMA synchronous = FULL');
    db.exec('PRAGMA busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    throw new StorageUnavailableError(`Cannot open the SQLite database at ${path}: ${(error as Error).message}. Check the folder exists and is writable, or set TASKFRONT_DB.`, { cause: error });
  }
  const statements = new Map<string, ReturnType<DatabaseSync['prepare']>>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };

  return {
    kind: 'sqlite',
    async transaction(list) {
      const changes: number[] = [];
      db.exec('BEGIN IMMEDIATE');
      try {
        for (const { sql, params } of list) changes.push(Number(prepare(sql).run(...(params as never[])).changes));
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw new StorageUnavailableError(`SQLite write failed: ${(error as Error).message}`, { cause: error });
      }
      return changes;
    },
    async all(sql, params) {
      return prepare(sql).all(...(params as never[])) as Record<string, unknown>[];
    },
    async close() {
      db.close();
    },
  };
}

function migrate(db: DatabaseSync) {
  db.exec(SQL.MIGRATIONS_TABLE);
  const applied = new Set((db.prepare(SQL.APPLIED_VERSIONS).all() as { version: number }[]).map((row) => Number(row.version)));
  for (const migration of SQL.MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const statement of migration.statements) db.exec(statement);
      db.prepare(SQL.RECORD_VERSION).run(migration.version);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}
