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
import { freePort } from '../../../src/lib/portal/free-port.ts';

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

/** A fresh, empty database on a server, for one portal: the helper the tracking suite uses. */
export { freshPostgresDatabase as freshDatabase } from '../../helpers/site.ts';

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
