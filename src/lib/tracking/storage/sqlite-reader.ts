/**
 * The dashboard's SQLite reads, run in a worker thread with its own read-only
 * connection (decision 0036). node:sqlite is synchronous: a read on the server's own
 * connection stops every other request until it ends. In WAL mode a second
 * connection reads the last committed state while the writer goes on, so the
 * worker sees every acknowledged event and blocks nothing.
 *
 * The worker's code is a string evaluated by the worker, not a file beside this one:
 * the server is bundled into dist/server, where no separate worker file would be.
 * It follows the file the way the writer does (sqlite.ts): when the file at the path
 * is another one (written back after a deletion, or replaced), it opens it again.
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
const { statSync } = process.getBuiltinModule('node:fs');
let db;
let identity = '';
let statements = new Map();
function close() {
  statements = new Map();
  try { db?.close(); } catch {}
  db = undefined;
}
function current() {
  const stat = statSync(workerData.path);
  const now = stat.dev + ':' + stat.ino;
  if (!db || now !== identity) {
    close();
    db = new DatabaseSync(workerData.path, { readOnly: true, timeout: workerData.busyTimeoutMs });
    identity = now;
  }
  return db;
}
parentPort.on('message', ({ id, sql, params }) => {
  try {
    const database = current();
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = database.prepare(sql)));
    parentPort.postMessage({ id, rows: statement.all(...params) });
  } catch (error) {
    close();
    parentPort.postMessage({ id, error: { message: String(error?.message ?? error), errcode: error?.errcode, code: error?.code } });
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
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, busyTimeoutMs } });
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
    async close() {
      closed = true;
      const open = worker;
      worker = undefined;
      failAll(new ReaderError('the SQLite read worker is closed'));
      await open?.terminate();
    },
  };
}
