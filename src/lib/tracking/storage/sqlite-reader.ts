/**
 * The dashboard's SQLite reads, run in a worker thread with its own read-only
 * connection (decision 0036). node:sqlite is synchronous: a read on the server's own
 * connection stops every other request until it ends. In WAL mode a second
 * connection reads the last committed state while the writer goes on, so the
 * worker sees every acknowledged event and blocks nothing.
 *
 * The worker's code is a string evaluated by the worker, not a file beside this one:
 * the server is bundled into dist/server, where no separate worker file would be.
 * The worker opens the file for each batch of reads and closes it after, under a lock
 * shared with the server's thread: while the writer carries a deleted or replaced file
 * over (sqlite.ts, decision 0026), no other connection may hold the old file, or its
 * -wal and -shm would outlive it and meet the new one. Opening costs far less than
 * the reads.
 *
 * Off the event loop is not yet out of the way (decision 0043): on a machine with two
 * cores, a busy worker takes the core the server's main thread would answer searches
 * on. So there is one worker, reading one batch at a time (reads queue rather than
 * spread over the cores), and on Linux it lowers its own thread's scheduling priority
 * (TASKFRONT_READER_NICE, 19 by default), so it gets the CPU only when the main thread
 * does not want it.
 * Only that thread changes: Linux gives each thread its own nice value, found through
 * /proc/thread-self. The reads asked for in one turn of the event loop (the five of one
 * stats request) go as one batch, on one connection.
 */
import { Worker } from 'node:worker_threads';
import { setting } from '../../settings/load-settings.ts';
import { threadStat, type ThisThread } from './thread-stat.ts';
import type { SqliteReadAccess } from './types.ts';

// The lock word shared with the server's thread: 0 free, 1 the worker has the file open, 2 the server is recovering it.
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
const lock = new Int32Array(workerData.lock);
let thread;
try {
  // "<pid>/task/<tid>": this thread's own id, which setpriority takes on Linux to change this thread alone.
  const tid = Number(process.getBuiltinModule('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  process.getBuiltinModule('node:os').setPriority(tid, workerData.nice);
  thread = { tid, nice: process.getBuiltinModule('node:os').getPriority(tid) };
} catch (error) {
  thread = { error: String(error?.message ?? error) };
}
parentPort.postMessage({ thread });
parentPort.on('message', ({ batch }) => {
  // 1 may also be the dashboard's thread reading (locked-read.ts): wait on whatever value holds it.
  for (let held = Atomics.compareExchange(lock, 0, 0, 1); held !== 0; held = Atomics.compareExchange(lock, 0, 0, 1)) Atomics.wait(lock, 0, held, 50);
  const results = [];
  let db;
  try {
    db = new DatabaseSync(workerData.path, { readOnly: true, timeout: workerData.busyTimeoutMs });
    for (const { id, sql, params } of batch) {
      try {
        results.push({ id, rows: db.prepare(sql).all(...params) });
      } catch (error) {
        results.push({ id, error: { message: String(error?.message ?? error), errcode: error?.errcode, code: error?.code } });
      }
    }
  } catch (error) {
    const failed = { message: String(error?.message ?? error), errcode: error?.errcode, code: error?.code };
    for (const { id } of batch) if (!results.some((result) => result.id === id)) results.push({ id, error: failed });
  } finally {
    try { db?.close(); } catch {}
    Atomics.store(lock, 0, 0);
    Atomics.notify(lock, 0);
  }
  parentPort.postMessage({ results });
});
`;

interface Pending {
  resolve: (rows: Record<string, unknown>[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  /** The worker the read was sent to (a read waiting in a batch is sent to the worker running when the batch goes). */
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

/** The worker thread as the system sees it: its id and the nice value it runs at, or why its priority could not be set. */
export type ReaderThread = ThisThread;

type WorkerError = { message: string; errcode?: number; code?: string };
type WorkerMessage = { thread: ReaderThread } | { results: { id: number; rows?: Record<string, unknown>[]; error?: WorkerError }[] };

export interface SqliteReader {
  read(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  /**
   * Runs `work` on this thread while the worker has no connection open: waits for a
   * read in progress to end (at most the read timeout), and holds later reads back.
   */
  exclusive<T>(work: () => T): T;
  /** The worker's thread id and nice value (starting the worker if none runs). */
  thread(): Promise<ReaderThread>;
  /** The file and the lock word, for another thread that reads the file itself (locked-read.ts). */
  access(): SqliteReadAccess;
  close(): Promise<void>;
}

export interface ReaderOptions {
  busyTimeoutMs: number;
  /** A read not answered within this is failed, and the worker started again. */
  timeoutMs: number;
  /** The worker thread's nice value, 0 to 19 (default TASKFRONT_READER_NICE, 19: it runs when the main thread does not want the CPU). */
  nice?: number;
}

/** How many times its timeout a starved read may wait at most, while its worker gets too little CPU to finish it. */
const STARVED_LIMIT = 6;

export function createSqliteReader(path: string, { busyTimeoutMs, timeoutMs, nice = setting('TASKFRONT_READER_NICE') }: ReaderOptions): SqliteReader {
  let worker: Worker | undefined;
  const threadOf = new WeakMap<Worker, Promise<ReaderThread>>();
  const tidOf = new WeakMap<Worker, number>();
  const toldThread = new WeakSet<Worker>();

  /** CPU time the worker's thread has used, in ms (Linux; undefined elsewhere or before it said its id). */
  function workerCpuMs(of: Worker): number | undefined {
    const tid = tidOf.get(of);
    return tid === undefined ? undefined : threadStat('self', tid)?.cpuMs;
  }
  let nextId = 0;
  let closed = false;
  const pending = new Map<number, Pending>();
  // Reads asked for in this turn of the event loop, sent together when it ends.
  let batch: { id: number; sql: string; params: unknown[] }[] = [];
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

  function settle(started: Worker, id: number, rows?: Record<string, unknown>[], error?: WorkerError) {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    // Idle, the worker must not keep a tool's process alive.
    if (![...pending.values()].some((other) => other.worker === started)) started.unref();
    if (error) entry.reject(new ReaderError(error.message, error));
    else entry.resolve(rows ?? []);
  }

  function start(): Worker {
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, busyTimeoutMs, nice, lock: lock.buffer } });
    let told: (thread: ReaderThread) => void = () => {};
    threadOf.set(started, new Promise((resolve) => (told = resolve)));
    started.on('message', (message: WorkerMessage) => {
      if ('thread' in message) {
        toldThread.add(started);
        if ('tid' in message.thread) tidOf.set(started, message.thread.tid);
        return told(message.thread);
      }
      for (const { id, rows, error } of message.results) settle(started, id, rows, error);
    });
    const lost = (error: Error) => {
      if (worker === started) worker = undefined;
      told({ error: error.message });
      // A worker stopped in the middle of a read holds the lock no more.
      if (Atomics.compareExchange(lock, 0, 1, 0) === 1) Atomics.notify(lock, 0);
      failAll(error, started);
    };
    started.on('error', (error) => lost(new ReaderError(`the SQLite read worker failed: ${error.message}`)));
    started.on('exit', (code) => lost(new ReaderError(`the SQLite read worker stopped (exit code ${code})`)));
    started.unref();
    return started;
  }

  function send() {
    const reads = batch;
    batch = [];
    // Reads whose worker was replaced meanwhile (a timeout) go to the current one.
    const live = reads.filter(({ id }) => pending.has(id));
    if (!live.length || closed) return;
    worker ??= start();
    for (const { id } of live) pending.get(id)!.worker = worker;
    worker.ref();
    worker.postMessage({ batch: live });
  }

  return {
    read(sql, params) {
      if (closed) return Promise.reject(new ReaderError('the SQLite read worker is closed'));
      worker ??= start();
      const current = worker;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const entry: Pending = {
          resolve,
          reject,
          worker: current,
          timer: undefined as unknown as NodeJS.Timeout,
        };
        const asked = Date.now();
        let cpuBefore = workerCpuMs(entry.worker);
        const expire = () => {
          // A starved worker is slow, not stuck: at a low priority on a busy machine it may get
          // little CPU for a while. Failing its read would send it to the main thread (sqlite.ts),
          // the very blocking the worker is for; so while it has used less than half the time in
          // CPU, it gets more time, up to STARVED_LIMIT times the timeout.
          const cpuNow = workerCpuMs(entry.worker);
          // A worker that has not even said its thread id yet is starting, which on a busy machine is slow too.
          const starved = !toldThread.has(entry.worker) || (cpuBefore !== undefined && cpuNow !== undefined && cpuNow - cpuBefore < timeoutMs / 2);
          if (starved && Date.now() - asked < timeoutMs * STARVED_LIMIT) {
            cpuBefore = cpuNow;
            entry.timer = setTimeout(expire, timeoutMs).unref();
            return;
          }
          pending.delete(id);
          reject(new ReaderError(`a dashboard read took longer than ${timeoutMs} ms`, { code: 'timeout' }));
          // A read that never ends would hold every later one: start a fresh worker.
          if (worker === entry.worker) worker = undefined;
          void entry.worker.terminate();
        };
        entry.timer = setTimeout(expire, timeoutMs).unref();
        pending.set(id, entry);
        if (!batch.length) queueMicrotask(send);
        batch.push({ id, sql, params });
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
    access: () => ({ path, lock: lock.buffer as SharedArrayBuffer, busyTimeoutMs }),
    thread() {
      if (closed) return Promise.resolve({ error: 'the SQLite read worker is closed' });
      worker ??= start();
      return threadOf.get(worker)!;
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
