import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { lockedRead } from './locked-read.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskfront-locked-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileWithRows(name: string): string {
  const path = join(dir, name);
  const db = new DatabaseSync(path);
  db.exec("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3);");
  db.close();
  return path;
}

describe('lockedRead', () => {
  it('reads the file and leaves the lock free', async () => {
    const lock = new SharedArrayBuffer(4);
    const read = lockedRead({ path: fileWithRows('a.sqlite'), lock, busyTimeoutMs: 500 });
    expect(await read({ sql: 'SELECT SUM(n) AS total FROM t WHERE n > ?', params: [1] })).toEqual([{ total: 5 }]);
    expect(Atomics.load(new Int32Array(lock), 0)).toBe(0);
  });

  it('frees the lock after a failed read', async () => {
    const lock = new SharedArrayBuffer(4);
    const read = lockedRead({ path: fileWithRows('b.sqlite'), lock, busyTimeoutMs: 500 });
    await expect(read({ sql: 'SELECT * FROM missing', params: [] })).rejects.toThrow(/no such table/);
    expect(Atomics.load(new Int32Array(lock), 0)).toBe(0);
  });

  it('waits while the writer holds the file, and reads once it lets go', async () => {
    const lock = new SharedArrayBuffer(4);
    const word = new Int32Array(lock);
    Atomics.store(word, 0, 2);
    const path = fileWithRows('c.sqlite');
    // A second thread lets go of the lock after 200 ms; this one blocks until then.
    const { Worker } = await import('node:worker_threads');
    const releaser = new Worker('const { workerData } = require("node:worker_threads"); const w = new Int32Array(workerData); setTimeout(() => { Atomics.store(w, 0, 0); Atomics.notify(w, 0); }, 200);', { eval: true, workerData: lock });
    const started = performance.now();
    const rows = await lockedRead({ path, lock, busyTimeoutMs: 500 })({ sql: 'SELECT COUNT(*) AS c FROM t', params: [] });
    expect(rows).toEqual([{ c: 3 }]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    await releaser.terminate();
  });
});
