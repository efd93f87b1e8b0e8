/**
 * The databases the fault tests break: a SQLite file in a temporary folder, or a
 * throwaway PostgreSQL server of the test's own (tools/pg-throwaway.sh on a free
 * port and folder), which it can crash, restart, pause and resume. Also: which of
 * a list of event ids a database holds.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { freePort } from '../../../src/lib/portal/free-port.ts';
import { freshPostgresDatabase } from '../../helpers/site.ts';

const SCRIPT = join(import.meta.dirname, '../../../tools/pg-throwaway.sh');

/** Why PostgreSQL fault tests cannot run here, or undefined when they can. */
export function postgresMissing(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).status === 0;
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').filter((version) => existsSync(`/usr/lib/postgresql/${version}/bin/initdb`)) : [];
  return onPath || versions.length ? undefined : 'PostgreSQL server programs (initdb, pg_ctl) are not installed; on Debian: apt-get install -y postgresql';
}

export interface ThrowawayPostgres {
  url: string;
  crash(): void;
  restart(): void;
  pause(): void;
  resume(): void;
  stop(): void;
}

export async function startPostgres(): Promise<ThrowawayPostgres> {
  const port = await freePort();
  const env = { ...process.env, TASKFRONT_PG_DIR: join(tmpdir(), `taskfront-faults-pg-${port}`), TASKFRONT_PG_PORT: String(port) };
  const run = (command: string) => execFileSync('bash', [SCRIPT, command], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  const printed = run('start');
  const url = /DATABASE_URL=(\S+)/.exec(printed)?.[1];
  if (!url) throw new Error(`pg-throwaway.sh printed no DATABASE_URL:\n${printed}`);
  return { url, crash: () => run('crash'), restart: () => run('restart'), pause: () => run('pause'), resume: () => run('resume'), stop: () => run('stop') };
}


export type StoreTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** The ids of `ids` that the database holds. */
export async function storedOf(target: StoreTarget, ids: string[]): Promise<Set<string>> {
  if (target.kind === 'sqlite') {
    if (!existsSync(target.path)) return new Set();
    const db = new DatabaseSync(target.path, { readOnly: true });
    try {
      const all = new Set((db.prepare('SELECT id FROM events').all() as { id: string }[]).map((row) => row.id));
      return new Set(ids.filter((id) => all.has(id)));
    } finally {
      db.close();
    }
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT id FROM events WHERE id = ANY($1)', [ids]);
    return new Set(rows.map((row) => String(row.id)));
  } finally {
    await client.end();
  }
}

/** The PostgreSQL target to use for tests on "both stores": DATABASE_URL when set (as in CI), else a throwaway server. */
export async function postgresForBoth(): Promise<{ adminUrl: string; stop(): void } | { skip: string }> {
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, stop: () => {} };
  const missing = postgresMissing();
  if (missing) return { skip: missing };
  const server = await startPostgres();
  return { adminUrl: server.url, stop: () => server.stop() };
}

export interface StoreCase {
  name: 'sqlite' | 'postgres';
  target: () => Promise<StoreTarget>;
}

/**
 * The two stores a fault is tried on: a fresh SQLite file in a scratch folder, and a fresh
 * database on DATABASE_URL or a throwaway server. Cleans both up after the file's tests.
 * `postgres` is the server, or why PostgreSQL is skipped.
 */
export async function bothStores(label: string): Promise<{ cases: StoreCase[]; postgres: Awaited<ReturnType<typeof postgresForBoth>> }> {
  const dir = mkdtempSync(join(tmpdir(), `taskfront-fault-${label}-`));
  const postgres = await postgresForBoth();
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    if ('stop' in postgres) postgres.stop();
  });
  return {
    postgres,
    cases: [
      { name: 'sqlite', target: async () => ({ kind: 'sqlite', path: join(dir, `${randomUUID()}.sqlite`) }) },
      { name: 'postgres', target: async () => ({ kind: 'postgres', url: await freshPostgresDatabase((postgres as { adminUrl: string }).adminUrl) }) },
    ],
  };
}
