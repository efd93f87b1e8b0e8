/** The dashboard's SQLite reads in a worker thread: they see every commit and leave the event loop free. */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEventStore } from './event-store.ts';
import { createSqliteReader, type ReaderError } from './sqlite-reader.ts';
import { openSqlite } from './sqlite.ts';
import { threadStat } from './thread-stat.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskfront-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TODAY = '2026-11-23';
const view = () => ({ id: randomUUID(), type: 'task_view' as const, task: 'report-a-pothole', day: TODAY });
const views = async (store: ReturnType<typeof createEventStore>) => (await store.stats({ period: 7, today: TODAY, minCount: 2, minSample: 1 })).totals.views;

// Counts to a million in SQL: long enough to see whether timers fire meanwhile.
const SLOW = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) SELECT COUNT(*) AS n FROM c';

describe('the SQLite read worker', () => {
  it('sees every committed write, at once', async () => {
    const store = createEventStore(openSqlite(join(dir, `${randomUUID()}.sqlite`)));
    try {
      expect(await views(store)).toBe(0);
      for (let round = 1; round <= 3; round++) {
        await store.insert([view(), view()]);
        expect(await views(store)).toBe(round * 2);
      }
    } finally {
      await store.close();
    }
  });

  it('runs a slow read without holding up the event loop; the writer’s own connection would', async () => {
    const driver = openSqlite(join(dir, `${randomUUID()}.sqlite`));
    try {
      const ticksDuring = async (read: () => Promise<unknown>) => {
        let ticks = 0;
        const timer = setInterval(() => ticks++, 5);
        await read();
        clearInterval(timer);
        return ticks;
      };
      const offThread = await ticksDuring(() => driver.report!(SLOW, []));
      const onThread = await ticksDuring(() => driver.all(SLOW, []));
      expect(onThread).toBe(0);
      expect(offThread).toBeGreaterThan(0);
    } finally {
      await driver.close();
    }
  }, 30_000);

  it('follows the file when it is deleted and written back', async () => {
    const path = join(dir, `${randomUUID()}.sqlite`);
    const store = createEventStore(openSqlite(path, { watchIntervalMs: 0 }));
    try {
      await store.insert([view()]);
      expect(await views(store)).toBe(1);
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
      // The next write finds the file gone and writes it back from the open copy.
      await store.insert([view()]);
      expect(await views(store)).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('holds reads back while the writer has the file to itself', async () => {
    const path = join(dir, `${randomUUID()}.sqlite`);
    const make = (file: string, value: string) => {
      const db = new DatabaseSync(file);
      db.exec(`CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('${value}')`);
      db.close();
    };
    make(path, 'old');
    make(`${path}.new`, 'new');
    const reader = createSqliteReader(path, { busyTimeoutMs: 1_000, timeoutMs: 10_000 });
    try {
      expect(await reader.read('SELECT v FROM t', [])).toEqual([{ v: 'old' }]);
      let read: Promise<Record<string, unknown>[]> | undefined;
      reader.exclusive(() => {
        read = reader.read('SELECT v FROM t', []);
        // Long enough for the worker to have the message; it must wait rather than open the old file.
        const until = Date.now() + 300;
        while (Date.now() < until);
        renameSync(`${path}.new`, path);
      });
      expect(await read).toEqual([{ v: 'new' }]);
    } finally {
      await reader.close();
    }
  });

  it('answers each read of a batch alone: one bad statement fails only itself', async () => {
    const path = join(dir, `${randomUUID()}.sqlite`);
    const db = new DatabaseSync(path);
    db.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('a')");
    db.close();
    const reader = createSqliteReader(path, { busyTimeoutMs: 1_000, timeoutMs: 10_000 });
    try {
      const [first, bad, last] = await Promise.allSettled([reader.read('SELECT v FROM t', []), reader.read('SELECT missing FROM nowhere', []), reader.read('SELECT COUNT(*) AS n FROM t', [])]);
      expect(first).toEqual({ status: 'fulfilled', value: [{ v: 'a' }] });
      expect(bad.status === 'rejected' && String(bad.reason.message)).toMatch(/no such table: nowhere/);
      expect(last).toEqual({ status: 'fulfilled', value: [{ n: 1 }] });
    } finally {
      await reader.close();
    }
  });

  // Linux only: elsewhere a thread has no nice value of its own to check.
  it.runIf(existsSync('/proc/thread-self'))('runs its worker at nice 19 by default, and only that thread', async () => {
    const niceOf = (tid: number) => threadStat(process.pid, tid)?.nice;
    const mainBefore = niceOf(process.pid);
    const reader = createSqliteReader(join(dir, `${randomUUID()}.sqlite`), { busyTimeoutMs: 1_000, timeoutMs: 10_000 });
    try {
      const thread = await reader.thread();
      if ('error' in thread) throw new Error(`the worker could not set its priority: ${thread.error}`);
      expect(thread.tid).not.toBe(process.pid);
      expect(niceOf(thread.tid)).toBe(19);
      expect(thread.nice).toBe(19);
      expect(niceOf(process.pid)).toBe(mainBefore);
      expect(getPriority(process.pid)).toBe(mainBefore);
    } finally {
      await reader.close();
    }
    // TASKFRONT_READER_NICE chooses another value (a thread may always lower its own priority).
    const gentler = createSqliteReader(join(dir, `${randomUUID()}.sqlite`), { busyTimeoutMs: 1_000, timeoutMs: 10_000, nice: 5 });
    try {
      const thread = await gentler.thread();
      expect('tid' in thread && niceOf(thread.tid)).toBe(5);
    } finally {
      await gentler.close();
    }
  });

  it('fails a read that keeps the worker busy past its timeout', async () => {
    const path = join(dir, `${randomUUID()}.sqlite`);
    new DatabaseSync(path).close();
    const reader = createSqliteReader(path, { busyTimeoutMs: 1_000, timeoutMs: 300 });
    try {
      await reader.thread();
      const started = Date.now();
      // Counts to twenty million: seconds of CPU. Terminating the worker cannot stop SQLite inside
      // one statement, so it is kept short enough to end by itself soon after.
      const failure = await reader.read(SLOW.replace('1000000', '20000000'), []).then(() => undefined, (error: ReaderError) => error);
      expect(failure?.code, String(failure)).toBe('timeout');
      // A worker starved of CPU gets up to six times the timeout; one that is using the CPU, no more.
      expect(Date.now() - started).toBeLessThan(300 * 6 + 2_000);
    } finally {
      await reader.close();
    }
  }, 30_000);
});
