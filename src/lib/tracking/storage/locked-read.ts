/**
 * The dashboard's figures read from the SQLite file by the thread that renders the dashboard
 * (decision 0045), rather than asked of the server's main thread, which would pass each read to
 * the SQLite reader and each answer back: copying rows and figures between three threads was
 * most of what the main thread still did for a dashboard answer.
 *
 * The thread opens the file read-only for each read and closes it after, under the lock word
 * the writer and the SQLite reader share (sqlite-reader.ts): while the writer carries a deleted
 * or replaced file over, no connection may hold the old one. This is that worker's protocol,
 * which cannot be imported into its evaluated source.
 */
import { DatabaseSync } from 'node:sqlite';
import type { DailyTaskStats, PortalStats } from '../../../schemas/events.ts';
import { AGGREGATE_QUERIES } from './aggregates.ts';
import { readDaily, readStats, type Read } from './event-store.ts';
import type { EventStore, SqliteReadAccess } from './types.ts';

/** Reads one statement from the file under the shared lock (0 free, 1 a reader has it open, 2 the writer is recovering it). */
export function lockedRead({ path, lock: buffer, busyTimeoutMs }: SqliteReadAccess): Read {
  const lock = new Int32Array(buffer);
  return async ({ sql, params }) => {
    // The read itself blocks this thread: first let the requests already waiting arrive, so
    // those that want the same figures join this read rather than each making its own (decision 0043).
    await new Promise((resolve) => setImmediate(resolve));
    for (let held = Atomics.compareExchange(lock, 0, 0, 1); held !== 0; held = Atomics.compareExchange(lock, 0, 0, 1)) Atomics.wait(lock, 0, held, 50);
    let db: DatabaseSync | undefined;
    try {
      db = new DatabaseSync(path, { readOnly: true, timeout: busyTimeoutMs });
      return db.prepare(sql).all(...(params as never[])) as Record<string, unknown>[];
    } finally {
      try {
        db?.close();
      } catch {
        // Closing a connection that failed to open: nothing to release.
      }
      Atomics.store(lock, 0, 0);
      Atomics.notify(lock, 0);
    }
  };
}

/** The two dashboard reads of an event store (stats and daily), from the file itself. */
export function fileFigures(access: SqliteReadAccess): Pick<EventStore, 'stats' | 'daily'> {
  const read = lockedRead(access);
  return {
    stats: (options): Promise<PortalStats> => readStats(read, AGGREGATE_QUERIES, options),
    daily: (task, from, to): Promise<DailyTaskStats[]> => readDaily(read, AGGREGATE_QUERIES, task, from, to),
  };
}
