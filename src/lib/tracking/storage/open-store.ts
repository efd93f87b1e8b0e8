/**
 * Opens the configured store: PostgreSQL when DATABASE_URL is set, otherwise the
 * SQLite file at TASKFRONT_DB (default data/taskfront.sqlite), created on first use.
 * Settings come through the one settings schema. Every store opened here is
 * remembered until closed, so readiness checks can ask it a trivial query and a
 * graceful stop can commit and close it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { setting } from '../../settings/load-settings.ts';
import { createEventStore } from './event-store.ts';
import { DeadlineError, StorageHealth, withDeadline } from './health.ts';
import { causeOf as postgresCause, openPostgres } from './postgres.ts';
import { openSqlite, sqliteCause } from './sqlite.ts';
import type { EventStore, SqlDriver, StorageHealthState } from './types.ts';

type Env = Record<string, string | undefined>;

export function describeStore(env: Env = process.env): string {
  return setting('DATABASE_URL', env) ? 'PostgreSQL (DATABASE_URL)' : `SQLite at ${resolve(setting('TASKFRONT_DB', env))}`;
}

const open = new Map<EventStore, SqlDriver>();

/**
 * `readOnly` is for tools that only read (feedback, search gaps): they never create
 * an empty SQLite file where none exists, but say so.
 */
export async function openStore(env: Env = process.env, options: { readOnly?: boolean } = {}): Promise<EventStore> {
  const writeTimeoutMs = setting('TASKFRONT_WRITE_TIMEOUT_MS', env);
  const url = setting('DATABASE_URL', env);
  const target = describeStore(env);
  // The server tries again on each request while the store cannot be opened: say so once per cause.
  const opening = openings.get(target) ?? new StorageHealth(`${target} cannot be opened`);
  openings.set(target, opening);
  let driver: SqlDriver;
  try {
    driver = await openDriver(env, url, writeTimeoutMs, options);
  } catch (error) {
    // Tools that only read say what went wrong themselves.
    if (!options.readOnly) opening.failed(causeOf(error), (error as Error).message);
    throw error;
  }
  opening.succeeded();
  const store = createEventStore(driver);
  open.set(store, driver);
  return store;
}

async function openDriver(env: Env, url: string | undefined, writeTimeoutMs: number, options: { readOnly?: boolean }): Promise<SqlDriver> {
  let driver: SqlDriver;
  if (url) {
    driver = await openPostgres(url, {
      connectTimeoutMs: setting('TASKFRONT_DB_CONNECT_TIMEOUT_MS', env),
      statementTimeoutMs: setting('TASKFRONT_DB_STATEMENT_TIMEOUT_MS', env),
      idleInTransactionTimeoutMs: setting('TASKFRONT_DB_IDLE_TX_TIMEOUT_MS', env),
      writeTimeoutMs,
    });
  } else {
    const path = resolve(setting('TASKFRONT_DB', env));
    if (options.readOnly && !existsSync(path)) {
      throw new Error(`there is no events database at ${path} yet: start the portal (npm start) so it records events, or set TASKFRONT_DB or DATABASE_URL`);
    }
    driver = openSqlite(path, { busyTimeoutMs: writeTimeoutMs });
  }
  return driver;
}

const openings = new Map<string, StorageHealth>();

function causeOf(error: unknown): string {
  const inner = (error as { cause?: unknown }).cause ?? error;
  return (error as Error).message.includes('PostgreSQL') ? postgresCause(inner) : sqliteCause(inner);
}

export type Readiness = { ready: true; kind: EventStore['kind']; ms: number } | { ready: false; kind?: EventStore['kind']; reason: string; health?: StorageHealthState };

/** Whether a store answers a trivial query within `timeoutMs` (for /readyz). */
export async function checkStore(store: EventStore, timeoutMs = 1_000): Promise<Readiness> {
  const driver = open.get(store);
  if (!driver?.ping) return { ready: false, kind: store.kind, reason: 'the store has no health check' };
  const started = performance.now();
  try {
    await withDeadline(driver.ping(timeoutMs), timeoutMs, 'the health check');
    return { ready: true, kind: store.kind, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const reason = error instanceof DeadlineError ? `no answer within ${timeoutMs} ms` : (error as Error).message;
    return { ready: false, kind: store.kind, reason, ...(driver.health ? { health: driver.health() } : {}) };
  }
}

/**
 * Commits what is queued and closes every store opened here, each within `timeoutMs`.
 * Resolves with the problems met (none: all closed cleanly).
 */
export async function closeOpenStores(timeoutMs = 2_000): Promise<string[]> {
  const stores = [...open.keys()];
  open.clear();
  const results = await Promise.allSettled(stores.map((store) => withDeadline(store.close(), timeoutMs, `closing the ${store.kind} store`)));
  return results.flatMap((result) => (result.status === 'rejected' ? [(result.reason as Error).message] : []));
}
