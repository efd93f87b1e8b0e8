/**
 * The dashboard's SQLite reads, run in a worker thread with its own read-only
 * connection (decision 0036). node:sqlite is synchronous: a read on the server's own
 * connection stops every other request until it ends. In WAL mode a second
 * connection reads the last committed state while the writer goes on, so the
 * worker sees every acknowledged event and blocks nothing.
 *
 * The worker's code is a string evaluated by the worker, not a file beside this one:
 * the server is bundled into dist/server, where no separate worker file would be.
 * The worker opens the file for each read and closes it after, under a lock shared
 * with the server's thread: while the writer carries a deleted or replaced file over
 * (sqlite.ts, decision 0026), no other connection may hold the old file, or its
 * -wal and -shm would outlive it and meet the new one. Opening costs far less than
 * the read.
 */
import { Worker } from 'node:worker_threads';

// The lock word shared with the server's thread: 0 free, 1 the worker has the file open, 2 the server is recovering it.
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
const lock = new Int32Array(workerData.lock);
parentPort.on('message', ({ id, sql, params }) => {
  while (Atomics.compareExchange(lock, 0, 0, 1) !== 0) Atomics.wait(lock, 0, 2, 50);
  let db;
  try {
    db = new DatabaseSync(workerData.path, { readOnly: true, timeout: workerData.busyTimeoutMs });
    parentPort.postMessage({ id, rows: db.prepare(sql).all(...params) });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error?.message ?? error), errcode: error?.errcode, code: error?.code } });
  } finally {
    try { db?.close(); } catch {}
    Atomics.store(lock, 0, 0);
    Atomics.notify(lock, 0);
  }
});
`;

interface Pending {
  resolve: (rows: Record<string, unknown>[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  worker: Worker;
}

/** An error from the worker, with SQLite's code kept for logs (sqliteCause reads errcode and code). */
export class ReaderError extends Error {
  readonly errcode?: number;
  readonly code?: string;
  constructor(message: string, details: { errcode?: number; code?: string } = {}) {
    super(message);
    this.name = 'ReaderError';
    if (details.errcode !== undefined) this.errcode = details.errcode;
    if (details.code !== undefined) this.code = details.code;
  }
}

export interface SqliteReader {
  read(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  /**
   * Runs `work` on this thread while the worker has no connection open: waits for a
   * read in progress to end (at most the read timeout), and holds later reads back.
   */
  exclusive<T>(work: () => T): T;
  close(): Promise<void>;
}

export interface ReaderOptions {
  busyTimeoutMs: number;
  /** A read not answered within this is failed, and the worker started again. */
  timeoutMs: number;
}

export function createSqliteReader(path: string, { busyTimeoutMs, timeoutMs }: ReaderOptions): SqliteReader {
  let worker: Worker | undefined;
  let nextId = 0;
  let closed = false;
  const pending = new Map<number, Pending>();
  const lock = new Int32Array(new SharedArrayBuffer(4));

  /** Fails the reads waiting on one worker (all, when none is named). */
  function failAll(error: Error, only?: Worker) {
    for (const [id, entry] of pending) {
      if (only && entry.worker !== only) continue;
      clearTimeout(entry.timer);
      pending.delete(id);
      entry.reject(error);
    }
  }

  function start(): Worker {
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, busyTimeoutMs, lock: lock.buffer } });
    started.on('message', ({ id, rows, error }: { id: number; rows?: Record<string, unknown>[]; error?: { message: string; errcode?: number; code?: string } }) => {
      const entry = pending.get(id);
      if (!entry) return;
      pending.delete(id);
      clearTimeout(entry.timer);
      // Idle, the worker must not keep a tool's process alive.
      if (![...pending.values()].some((other) => other.worker === started)) started.unref();
      if (error) entry.reject(new ReaderError(error.message, error));
      else entry.resolve(rows ?? []);
    });
    const lost = (error: Error) => {
      if (worker === started) worker = undefined;
      // A worker stopped in the middle of a read holds the lock no more.
      if (Atomics.compareExchange(lock, 0, 1, 0) === 1) Atomics.notify(lock, 0);
      failAll(error, started);
    };
    started.on('error', (error) => lost(new ReaderError(`the SQLite read worker failed: ${error.message}`)));
    started.on('exit', (code) => lost(new ReaderError(`the SQLite read worker stopped (exit code ${code})`)));
    started.unref();
    return started;
  }

  return {
    read(sql, params) {
      if (closed) return Promise.reject(new ReaderError('the SQLite read worker is closed'));
      worker ??= start();
      const current = worker;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new ReaderError(`a dashboard read took longer than ${timeoutMs} ms`, { code: 'timeout' }));
          // A read that never ends would hold every later one: start a fresh worker.
          if (worker === current) worker = undefined;
          void current.terminate();
        }, timeoutMs);
        timer.unref();
        pending.set(id, { resolve, reject, timer, worker: current });
        current.ref();
        current.postMessage({ id, sql, params });
      });
    },
    exclusive(work) {
      const deadline = Date.now() + timeoutMs;
      while (Atomics.compareExchange(lock, 0, 0, 2) !== 0) {
        if (Date.now() > deadline) throw new ReaderError(`the dashboard's read worker held the file for more than ${timeoutMs} ms`, { code: 'timeout' });
        Atomics.wait(lock, 0, 1, 20);
      }
      try {
        return work();
      } finally {
        Atomics.store(lock, 0, 0);
        Atomics.notify(lock, 0);
      }
    },
    async close() {
      closed = true;
      const open = worker;
      worker = undefined;
      failAll(new ReaderError('the SQLite read worker is closed'));
      await open?.terminate();
    },
  };
}
