/**
 * Opens the configured store: PostgreSQL when DATABASE_URL is set, otherwise the
 * SQLite file at TASKFRONT_DB (default data/taskfront.sqlite), created on first use.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEventStore } from './event-store.ts';
import { openPostgres } from './postgres.ts';
import { openSqlite } from './sqlite.ts';
import type { EventStore } from './types.ts';

export const DEFAULT_SQLITE_PATH = 'data/taskfront.sqlite';

export function describeStore(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `SQLite at ${resolve(env.TASKFRONT_DB || DEFAULT_SQLITE_PATH)}`;
}

/**
 * `readOnly` is for tools that only read (feedback, search gaps): they never create
 * an empty SQLite file where none exists, but say so.
 */
export async function openStore(env: NodeJS.ProcessEnv = process.env, options: { readOnly?: boolean } = {}): Promise<EventStore> {
  if (env.DATABASE_URL) return createEventStore(await openPostgres(env.DATABASE_URL));
  const path = resolve(env.TASKFRONT_DB || DEFAULT_SQLITE_PATH);
  if (options.readOnly && !existsSync(path)) {
    throw new Error(`there is no events database at ${path} yet: start the portal (npm start) so it records events, or set TASKFRONT_DB or DATABASE_URL`);
  }
  return createEventStore(openSqlite(path));
}
