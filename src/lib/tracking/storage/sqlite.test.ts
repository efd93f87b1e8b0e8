/** The SQLite driver when its file changes under it: deleted, replaced, full. */
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSqlite } from './sqlite.ts';
import * as SQL from './sql.ts';
import { StorageUnavailableError, type SqlDriver } from './types.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskfront-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const row = (id = randomUUID()) => ({ sql: SQL.INSERT_EVENT, params: [id, 'task_view', 'a-task', '2026-11-23', null, null, null, null, null, null, null] });
const idsIn = (path: string) => {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return new Set((db.prepare('SELECT id FROM events').all() as { id: string }[]).map((r) => r.id));
  } finally {
    db.close();
  }
};

describe('SQLite driver when the file changes', () => {
  let path: string;
  let driver: SqlDriver;
  let errors: string[];
  beforeEach(() => {
    path = join(dir, `${randomUUID()}.sqlite`);
    driver = openSqlite(path, { watchIntervalMs: 0 });
    errors = [];
    vi.spyOn(console, 'error').mockImplementation((message: string) => void errors.push(message));
  });
  afterEach(async () => {
    await driver.close();
    vi.restoreAllMocks();
  });

  it('writes a deleted file back from the open copy, losing no committed row', async () => {
    const before = [row(), row(), row()];
    await driver.transaction(before);
    unlinkSync(path);
    const after = row();
    await driver.transaction([after]);
    const stored = idsIn(path);
    for (const statement of [...before, after]) expect(stored.has(statement.params[0] as string)).toBe(true);
    expect(errors.join('\n')).toContain('the file was deleted while open');
    expect(readdirSync(dir).filter((name) => name.includes('.recovered-'))).toEqual([]);
  });

  it('writes the whole folder back when it was removed', async () => {
    const nested = join(dir, randomUUID(), 'events.sqlite');
    const inFolder = openSqlite(nested, { watchIntervalMs: 0 });
    const first = row();
    await inFolder.transaction([first]);
    rmSync(join(nested, '..'), { recursive: true });
    await inFolder.transaction([row()]);
    expect(idsIn(nested).has(first.params[0] as string)).toBe(true);
    await inFolder.close();
  });

  it('follows a replaced file and copies in the rows it lacks', async () => {
    const kept = row();
    await driver.transaction([kept]);
    const backup = join(dir, `${randomUUID()}.backup`);
    const snapshot = new DatabaseSync(path);
    snapshot.prepare('VACUUM INTO ?').run(backup);
    snapshot.close();
    const later = row();
    await driver.transaction([later]);
    // Restore the backup over the open file, as an operator might.
    copyFileSync(backup, `${path}.new`);
    const { renameSync } = await import('node:fs');
    renameSync(`${path}.new`, path);
    const next = row();
    await driver.transaction([next]);
    const stored = idsIn(path);
    expect([kept, later, next].every((statement) => stored.has(statement.params[0] as string))).toBe(true);
    expect(errors.join('\n')).toContain('the file was replaced while open');
  });

  it('notices a deleted file while idle when watching', async () => {
    const watched = join(dir, `${randomUUID()}.sqlite`);
    const idle = openSqlite(watched, { watchIntervalMs: 20 });
    const first = row();
    await idle.transaction([first]);
    unlinkSync(watched);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(existsSync(watched)).toBe(true);
    expect(idsIn(watched).has(first.params[0] as string)).toBe(true);
    await idle.close();
  });

  it('reports a full database by its own cause, once, and recovers without reopening', async () => {
    await driver.transaction([{ sql: 'PRAGMA max_page_count = 8', params: [] }]);
    const failures: unknown[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      await driver.transaction(Array.from({ length: 400 }, () => row())).catch((error: unknown) => failures.push(error));
    }
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]).toBeInstanceOf(StorageUnavailableError);
    expect((failures[0] as Error).message).toContain('SQLITE_FULL');
    expect(errors.join('\n')).not.toContain('cannot rollback');
    expect(errors.filter((message) => message.includes('SQLITE_FULL'))).toHaveLength(1);
    expect(driver.health!().cause).toBe('SQLITE_FULL');
    await driver.transaction([{ sql: 'PRAGMA max_page_count = 1000000', params: [] }]);
    await driver.transaction([row()]);
    expect(driver.health!().ok).toBe(true);
    expect(errors.at(-1)).toContain('working again');
  });

  it('answers a ping, and refuses everything once closed', async () => {
    await driver.ping!(1000);
    await driver.close();
    await expect(driver.transaction([row()])).rejects.toThrow('the store is closed');
    await driver.close();
  });

  it('fails a dashboard read its worker cannot finish, rather than running it on the server\'s own thread', async () => {
    await driver.close();
    driver = openSqlite(path, { watchIntervalMs: 0, reportTimeoutMs: 300 });
    await driver.transaction([row()]);
    // Seconds of CPU for SQLite: on the server's own thread it would stop every other request meanwhile.
    const slow = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000000) SELECT COUNT(*) AS c FROM n';
    let ticks = 0;
    const timer = setInterval(() => ticks++, 50);
    const failure = await driver.report!(slow, []).then(() => undefined, (error: Error) => error);
    clearInterval(timer);
    expect(failure?.message).toMatch(/took longer than 300 ms/);
    expect(ticks).toBeGreaterThan(3);
    expect(errors.some((line) => line.includes('the dashboard answers 503 until it reads again'))).toBe(true);
  }, 30_000);
});
