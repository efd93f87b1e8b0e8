/** The scale-out store: PostgreSQL through `pg`, shared by any number of portal servers. */
import pg from 'pg';
import * as SQL from './sql.ts';
import { StorageUnavailableError, type SqlDriver } from './types.ts';

/** "?" placeholders, as both adapters write them, become PostgreSQL's $1, $2, … */
export function numberPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

// Arbitrary but fixed: every Taskfront server takes this lock while it migrates.
const MIGRATION_LOCK = 7_412_031;

export async function openPostgres(connectionString: string): Promise<SqlDriver> {
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 5000 });
  pool.on('error', (error) => console.error('PostgreSQL connection error (the pool will reconnect):', error.message));
  try {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await client.query(SQL.MIGRATIONS_TABLE);
      const applied = new Set((await client.query(SQL.APPLIED_VERSIONS)).rows.map((row) => Number(row.version)));
      for (const migration of SQL.MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        for (const statement of migration.statements) await client.query(statement);
        await client.query(numberPlaceholders(SQL.RECORD_VERSION), [migration.version]);
        await client.query('COMMIT');
      }
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw new StorageUnavailableError(`Cannot use PostgreSQL at DATABASE_URL: ${(error as Error).message}`, { cause: error });
  }

  return {
    kind: 'postgres',
    async transaction(list) {
      let client: pg.PoolClient | undefined;
      try {
        client = await pool.connect();
        await client.query('BEGIN');
        const changes: number[] = [];
        for (const { sql, params } of list) changes.push((await client.query(numberPlaceholders(sql), params)).rowCount ?? 0);
        await client.query('COMMIT');
        return changes;
      } catch (error) {
        await client?.query('ROLLBACK').catch(() => {});
        throw new StorageUnavailableError(`PostgreSQL write failed: ${(error as Error).message}`, { cause: error });
      } finally {
        client?.release();
      }
    },
    async all(sql, params) {
      try {
        return (await pool.query(numberPlaceholders(sql), params)).rows;
      } catch (error) {
        throw new StorageUnavailableError(`PostgreSQL read failed: ${(error as Error).message}`, { cause: error });
      }
    },
    async close() {
      await pool.end();
    },
  };
}
